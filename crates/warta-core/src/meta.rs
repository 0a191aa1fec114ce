//! Article metadata read from the text: headline, outlet, dateline, date, credits.
//! (Skeleton: the real rules land with the cleaning work.)

use crate::analysis::{Credit, Evidence};
use crate::article::Article;
use crate::clean::Cleaned;
use crate::dates::Calendar;
use crate::lang::{LangData, LangError};
use crate::span::Span;

/// What the metadata rules found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub title_span: Option<Span>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub published_evidence: Option<Evidence>,
    pub dateline: Option<String>,
    pub credits: Vec<Credit>,
}

/// Compiled metadata patterns of a language (`meta.toml`).
#[derive(Debug)]
pub struct MetaRules {}

impl MetaRules {
    pub fn load(data: &LangData<'_>) -> Result<Self, LangError> {
        data.file("meta.toml")?;
        Ok(MetaRules {})
    }

    pub fn extract(&self, article: &Article, _cleaned: &Cleaned, _calendar: &Calendar) -> Metadata {
        Metadata {
            title: article.title.clone(),
            outlet: article.outlet.clone(),
            published: article.published.clone(),
            ..Metadata::default()
        }
    }
}
