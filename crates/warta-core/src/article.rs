//! The input of the analysis: one article as an ingest reader decoded it.

use serde::{Deserialize, Serialize};

/// One article, decoded to text but not yet cleaned.
///
/// Metadata fields hold what the container said (an HTML `<title>`, a JSON Lines
/// `published` field); the analysis fills what they leave open from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Where the article came from: a file path, `path:line`, a WARC record id, or a URL.
    pub source: String,
    /// The article's URL when the container knows it.
    pub url: Option<String>,
    /// Headline given by the container (HTML title, JSON field).
    pub title: Option<String>,
    /// Publication date or timestamp given by the container (ISO 8601 or as found).
    pub published: Option<String>,
    /// Outlet given by the container (site name, JSON field).
    pub outlet: Option<String>,
    /// Article body as plain text, paragraphs separated by newlines, with site cruft.
    pub body: String,
}

impl Article {
    /// An article with only a source name and a body, as a plain-text file gives.
    pub fn from_text(source: impl Into<String>, body: impl Into<String>) -> Self {
        Article {
            source: source.into(),
            body: body.into(),
            ..Article::default()
        }
    }
}
