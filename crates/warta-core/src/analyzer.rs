//! The pipeline of the pure core: clean → metadata → segment → tokenise → lemmatise →
//! entities.

use crate::analysis::{Analysis, Sentence};
use crate::article::Article;
use crate::clause::Clauses;
use crate::coref::Referents;
use crate::dates::FoundDates;
use crate::entities::{EntityFinder, SentenceTokens};
use crate::lang::Language;
use crate::span::Span;
use crate::token::Tokenizer;
use crate::{event, quantity, speech};

/// Runs the analysis of articles. Build one and share it: it is `Send + Sync` and
/// `analyze` takes `&self`, so articles can be analysed in parallel.
#[derive(Debug)]
pub struct Analyzer {
    language: Language,
    entities: EntityFinder,
    with_tokens: bool,
    with_entities: bool,
}

impl Analyzer {
    /// An analyzer for `language`, finding entities with `entities`.
    pub fn new(language: Language, entities: EntityFinder) -> Self {
        Analyzer {
            language,
            entities,
            with_tokens: false,
            with_entities: true,
        }
    }

    /// An analyzer with the embedded Indonesian language pack, knowledge base and tagger.
    pub fn indonesian() -> Self {
        Analyzer::new(Language::indonesian(), EntityFinder::embedded())
    }

    /// Whether each sentence of the output carries its tokens (off by default: tokens
    /// are large and most consumers want only spans and extractions).
    pub fn with_tokens(mut self, with_tokens: bool) -> Self {
        self.with_tokens = with_tokens;
        self
    }

    /// Whether extraction runs (on by default): entities, and the quotes, events,
    /// quantities and dates read with them. Off leaves those empty; the stages benchmark
    /// and `warta analyze --no-entities` use it to measure the earlier stages alone
    /// (ingest, clean, metadata, segment, tokenise, lemmatise).
    pub fn with_entities(mut self, with_entities: bool) -> Self {
        self.with_entities = with_entities;
        self
    }

    pub fn language(&self) -> &Language {
        &self.language
    }

    pub fn entity_finder(&self) -> &EntityFinder {
        &self.entities
    }

    /// Analyses one article. Deterministic: the same article gives the same analysis.
    pub fn analyze(&self, article: &Article) -> Analysis {
        let lang = &self.language;
        let cleaned = lang.cleaner.clean(&article.body);
        let meta = lang.meta.extract(article, &cleaned, &lang.calendar);
        let mut tokenizer = Tokenizer::new(&cleaned.text, lang);
        // Entity recognition reads the tokens of every sentence; the output keeps them
        // only on request.
        let spans = lang.segmenter.split(&cleaned.text);
        // With neither tokens nor entities wanted, sentences are not tokenised at all.
        let tokens: Vec<_> = if self.with_tokens || self.with_entities {
            spans.iter().map(|&span| tokenizer.sentence(span)).collect()
        } else {
            vec![Vec::new(); spans.len()]
        };
        let views: Vec<SentenceTokens<'_>> = spans
            .iter()
            .zip(&tokens)
            .map(|(&span, tokens)| SentenceTokens { span, tokens })
            .collect();
        // Dates and quantities belong to extraction, with entities, quotes and events:
        // the earlier stages alone (`with_entities(false)`) do not pay for them.
        let found_dates = if self.with_entities {
            lang.calendar.find_dates(&cleaned.text, meta.published_date)
        } else {
            FoundDates::default()
        };
        let quantities = if self.with_entities {
            quantity::quantities(&cleaned.text, &views, &lang.quantities)
        } else {
            Vec::new()
        };
        let (entities, quotes, events) = if self.with_entities {
            let entities = self.entities.entities(
                &cleaned.text,
                &views,
                meta.published_date,
                meta.dateline.as_deref(),
                &lang.entities,
                &lang.lemmatizer,
            );
            let referents = Referents::new(
                &cleaned.text,
                &entities,
                self.entities.kb(),
                &lang.coref,
                meta.published_date,
            );
            let clauses = Clauses::new(
                &cleaned.text,
                &views,
                &lang.clause,
                &referents,
                &lang.lemmatizer,
            );
            let article = speech::Article {
                text: &cleaned.text,
                clauses: &clauses,
                paragraphs: &cleaned.paragraphs,
                sentences: &views,
                referents: &referents,
                credits: &meta.credits,
                outlet: meta.outlet.as_deref(),
            };
            let quotes = speech::quotes(&article, &lang.speech);
            let sentence_spans: Vec<Span> = spans.clone();
            let events = event::events(
                &event::Article {
                    text: &cleaned.text,
                    clauses: &clauses,
                    sentences: &sentence_spans,
                    referents: &referents,
                    quotes: &quotes,
                    quantities: &quantities,
                    dates: &found_dates.dates,
                    periods: &found_dates.periods,
                },
                &lang.events,
            );
            (entities, quotes, events)
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        drop(views);
        let sentences = spans
            .into_iter()
            .zip(tokens)
            .map(|(span, tokens)| Sentence {
                span,
                tokens: if self.with_tokens { tokens } else { Vec::new() },
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
            dates: found_dates.dates,
            periods: found_dates.periods,
            sentences,
            entities,
            quotes,
            quantities,
            events,
            text: cleaned.text,
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
