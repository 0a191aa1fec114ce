//! The pipeline of the pure core: clean → metadata → segment → tokenise → lemmatise.

use crate::analysis::{Analysis, Sentence};
use crate::article::Article;
use crate::lang::Language;
use crate::token::Tokenizer;

/// Runs the analysis of articles. Build one and share it: it is `Send + Sync` and
/// `analyze` takes `&self`, so articles can be analysed in parallel.
#[derive(Debug)]
pub struct Analyzer {
    language: Language,
    with_tokens: bool,
}

impl Analyzer {
    pub fn new(language: Language) -> Self {
        Analyzer {
            language,
            with_tokens: false,
        }
    }

    /// An analyzer with the embedded Indonesian language pack.
    pub fn indonesian() -> Self {
        Analyzer::new(Language::indonesian())
    }

    /// Whether each sentence of the output carries its tokens (off by default: tokens
    /// are large and most consumers want only spans and extractions).
    pub fn with_tokens(mut self, with_tokens: bool) -> Self {
        self.with_tokens = with_tokens;
        self
    }

    pub fn language(&self) -> &Language {
        &self.language
    }

    /// Analyses one article. Deterministic: the same article gives the same analysis.
    pub fn analyze(&self, article: &Article) -> Analysis {
        let lang = &self.language;
        let cleaned = lang.cleaner.clean(&article.body);
        let meta = lang.meta.extract(article, &cleaned, &lang.calendar);
        let mut tokenizer = Tokenizer::new(&cleaned.text, lang);
        let sentences = lang
            .segmenter
            .split(&cleaned.text)
            .into_iter()
            .map(|span| Sentence {
                span,
                tokens: if self.with_tokens {
                    tokenizer.sentence(span)
                } else {
                    Vec::new()
                },
            })
            .collect();
        Analysis {
            source: article.source.clone(),
            url: article.url.clone(),
            title: meta.title,
            title_span: meta.title_span,
            outlet: meta.outlet,
            published: meta.published,
            published_evidence: meta.published_evidence,
            dateline: meta.dateline,
            paragraphs: cleaned.paragraphs,
            removed: cleaned.removed,
            credits: meta.credits,
            dates: lang.calendar.find_dates(&cleaned.text, meta.published_date),
            sentences,
            text: cleaned.text,
            ..Analysis::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn analyzer_is_send_and_sync() {
        assert_send_sync::<Analyzer>();
    }
}
