//! Sentence splitting. (Skeleton.)

use crate::lang::{LangData, LangError};
use crate::span::Span;

/// Splits text into sentences, knowing the language's abbreviations.
#[derive(Debug)]
pub struct Segmenter {}

impl Segmenter {
    pub fn load(data: &LangData<'_>) -> Result<Self, LangError> {
        data.file("abbreviations.txt")?;
        Ok(Segmenter {})
    }

    pub fn split(&self, text: &str) -> Vec<Span> {
        if text.trim().is_empty() { Vec::new() } else { vec![Span::new(0, text.len())] }
    }
}
