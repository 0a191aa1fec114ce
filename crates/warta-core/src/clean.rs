//! Boilerplate removal. (Skeleton: the real rules land with the cleaning work.)

use crate::analysis::Removed;
use crate::lang::{LangData, LangError};
use crate::span::Span;

/// The cleaned text of an article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// Content paragraphs joined by `\n`.
    pub text: String,
    pub paragraphs: Vec<Span>,
    pub removed: Vec<Removed>,
}

/// Compiled boilerplate rules of a language (`clean.toml`).
#[derive(Debug)]
pub struct Cleaner {}

impl Cleaner {
    pub fn load(data: &LangData<'_>) -> Result<Self, LangError> {
        data.file("clean.toml")?;
        Ok(Cleaner {})
    }

    pub fn clean(&self, body: &str) -> Cleaned {
        let mut text = String::new();
        let mut paragraphs = Vec::new();
        for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if !text.is_empty() {
                text.push('\n');
            }
            let start = text.len();
            text.push_str(line);
            paragraphs.push(Span::new(start, text.len()));
        }
        Cleaned { text, paragraphs, removed: Vec::new() }
    }
}
