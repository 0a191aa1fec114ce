//! The full-text index: a tantivy index of each document's clean text by lemma, with the
//! filter fields of [`SearchQuery`]. Derived data: everything here can be rebuilt from
//! the database, which is why the index stores no more than the document id.

use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;

use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{AllQuery, BooleanQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use warta_core::Analysis;
use warta_core::morph::Lemmatizer;
use warta_kb::{Kb, fold};

use crate::words::{Part, Phrase, QueryWords, day_bound, day_number, entity_keys};
use crate::{Error, Result, SearchQuery};

/// The name the Indonesian analyser is registered under in the index.
const INDONESIAN: &str = "warta_id";

/// Memory the index writer may fill before it writes a segment. One indexing thread: the
/// analysis keeps the cores busy, and the index has little to do per document.
const WRITER_MEMORY: usize = 64 << 20;

/// Longest passage of a hit's snippet, in characters.
pub(crate) const SNIPPET_CHARS: usize = 220;

/// The Indonesian text analyser of the index, used the same way on documents and
/// queries: words (letters and digits), lower case, then each word replaced by its
/// lemma, so "serang" finds "menyerang", "serangan" and "diserang". Phrase queries
/// match lemmas in order, so a quoted phrase also finds its inflected forms.
pub(crate) fn indonesian_analyzer(lemmatizer: Arc<Lemmatizer>) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(Lemmas(lemmatizer))
        .build()
}

/// The token filter that replaces each (lower-case) word by its lemma.
#[derive(Clone)]
struct Lemmas(Arc<Lemmatizer>);

impl TokenFilter for Lemmas {
    type Tokenizer<T: Tokenizer> = LemmaTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> LemmaTokenizer<T> {
        LemmaTokenizer {
            inner,
            lemmatizer: self.0,
        }
    }
}

#[derive(Clone)]
struct LemmaTokenizer<T> {
    inner: T,
    lemmatizer: Arc<Lemmatizer>,
}

impl<T: Tokenizer> Tokenizer for LemmaTokenizer<T> {
    type TokenStream<'a> = LemmaStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LemmaStream {
            inner: self.inner.token_stream(text),
            lemmatizer: &self.lemmatizer,
        }
    }
}

struct LemmaStream<'a, S> {
    inner: S,
    lemmatizer: &'a Lemmatizer,
}

impl<S: TokenStream> TokenStream for LemmaStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        let morph = self.lemmatizer.analyze_shared(&token.text);
        if !morph.lemma.is_empty() && morph.lemma != token.text {
            token.text.clear();
            token.text.push_str(&morph.lemma);
        }
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

/// The fields of the index.
#[derive(Clone, Copy)]
struct Fields {
    /// [`crate::DocumentKey::id`]: what deletes and hits are keyed by.
    id: Field,
    /// The clean text (headline and paragraphs), by lemma.
    text: Field,
    /// Every entity id the document mentions, and each entity's folded names.
    entity: Field,
    /// PLOVER types of the document's events.
    event_type: Field,
    /// The folded outlet name.
    outlet: Field,
    /// Publication day as the number `YYYYMMDD`, for range filters.
    published: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text_options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(INDONESIAN)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        text: builder.add_text_field("text", text_options),
        entity: builder.add_text_field("entity", STRING),
        event_type: builder.add_text_field("event_type", STRING),
        outlet: builder.add_text_field("outlet", STRING),
        published: builder.add_u64_field("published", INDEXED),
    };
    (builder.build(), fields)
}

/// A search's whole query, and its words alone (what snippets highlight).
type FullQuery = (Box<dyn Query>, Option<Box<dyn Query>>);

/// The index of one store, open for searching and, when writable, for writing.
pub(crate) struct FullText {
    reader: IndexReader,
    writer: Option<IndexWriter>,
    fields: Fields,
    words: QueryWords,
}

impl FullText {
    /// Opens (or creates) the index in `dir`; `writable` takes the index's writer lock.
    pub(crate) fn open(dir: &Path, writable: bool) -> Result<FullText> {
        let (schema, fields) = schema();
        let index = if writable {
            std::fs::create_dir_all(dir)?;
            Index::open_or_create(MmapDirectory::open(dir)?, schema)?
        } else {
            Index::open(MmapDirectory::open(dir)?)?
        };
        let lemmatizer = Arc::new(Lemmatizer::indonesian());
        index
            .tokenizers()
            .register(INDONESIAN, indonesian_analyzer(Arc::clone(&lemmatizer)));
        let writer = if writable {
            Some(index.writer_with_num_threads(1, WRITER_MEMORY)?)
        } else {
            None
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(FullText {
            reader,
            writer,
            fields,
            words: QueryWords::new(lemmatizer),
        })
    }

    fn writer(&self) -> Result<&IndexWriter> {
        self.writer.as_ref().ok_or(Error::ReadOnly)
    }

    /// Queues the removal of a document (committed by [`FullText::commit`]).
    pub(crate) fn delete(&self, id: &str) -> Result<()> {
        self.writer()?
            .delete_term(Term::from_field_text(self.fields.id, id));
        Ok(())
    }

    /// Queues a document, replacing any earlier one with the same id, so that indexing a
    /// document twice (after a crash) still leaves it once.
    pub(crate) fn put(&self, id: &str, analysis: &Analysis) -> Result<()> {
        let writer = self.writer()?;
        let f = self.fields;
        writer.delete_term(Term::from_field_text(f.id, id));
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, id);
        doc.add_text(f.text, &analysis.text);
        for key in entity_keys(analysis) {
            doc.add_text(f.entity, key);
        }
        for event in &analysis.events {
            doc.add_text(f.event_type, &event.event_type);
        }
        if let Some(outlet) = &analysis.outlet {
            doc.add_text(f.outlet, fold(outlet));
        }
        if let Some(day) = analysis.published.as_deref().and_then(day_number) {
            doc.add_u64(f.published, day);
        }
        writer.add_document(doc)?;
        Ok(())
    }

    /// Queues the removal of every document, for a rebuild.
    pub(crate) fn delete_all(&self) -> Result<()> {
        self.writer()?.delete_all_documents()?;
        Ok(())
    }

    /// Makes the queued changes durable and visible.
    pub(crate) fn commit(&mut self) -> Result<()> {
        let writer = self.writer.as_mut().ok_or(Error::ReadOnly)?;
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Documents in the committed index.
    pub(crate) fn count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The whole query of a search (words and filters) and its words alone (for
    /// snippets); `None` when nothing can match.
    fn full_query(&self, query: &SearchQuery) -> Result<Option<FullQuery>> {
        let text_query = self.text_query(&query.text);
        if text_query.is_none() && query.text.chars().any(|c| !c.is_whitespace()) {
            // Text without a word ("?", "--"): nothing can match it, and answering with
            // every document the filters keep would read as a match.
            return Ok(None);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(text_query) = &text_query {
            clauses.push((Occur::Must, text_query.box_clone()));
        }
        clauses.extend(self.filters(query)?.into_iter().map(|q| (Occur::Must, q)));
        let full: Box<dyn Query> = if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        Ok(Some((full, text_query)))
    }

    /// The ids of the best hits after the first `query.offset`, with scores, and the
    /// snippet maker for them.
    pub(crate) fn search(&self, query: &SearchQuery) -> Result<(Vec<(String, f32)>, Snippets)> {
        let ranked = self.ranked(query, 0)?;
        Ok((ranked.page, ranked.snippets))
    }

    /// A search's page (as [`FullText::search`]), how many documents match (as
    /// [`FullText::count_matches`]) and the ids of its best `best` hits, from one pass
    /// over the index: the server asks all three for every search, and separate passes
    /// cost it three times the scoring.
    pub(crate) fn ranked(&self, query: &SearchQuery, best: usize) -> Result<Ranked> {
        let Some((full, text_query)) = self.full_query(query)? else {
            return Ok(Ranked {
                page: Vec::new(),
                best: Vec::new(),
                total: 0,
                snippets: Snippets(None),
            });
        };
        let searcher = self.reader.searcher();
        // The page's hits are the top `offset + limit` after the first `offset`: tantivy
        // breaks ties of score by document address, so they are the hits a search for
        // the page alone returns.
        let end = query.offset + query.limit.max(1);
        let (total, top) = searcher.search(
            &full,
            &(Count, TopDocs::with_limit(end.max(best)).order_by_score()),
        )?;
        let id = |address| -> Result<Option<String>> {
            let doc: TantivyDocument = searcher.doc(address)?;
            Ok(doc
                .get_first(self.fields.id)
                .and_then(|v| v.as_str())
                .map(str::to_owned))
        };
        // Stored ids are read for the ranks asked for only (not the ones a deep page skips).
        let page_ranks = query.offset..end;
        let mut ids = Vec::with_capacity(top.len());
        for (rank, (_, address)) in top.iter().enumerate() {
            let needed = rank < best || page_ranks.contains(&rank);
            ids.push(if needed { id(*address)? } else { None });
        }
        let best_ids = ids.iter().take(best).flatten().cloned().collect();
        // A hit without an id (never written so) is left out, as a search for the page
        // alone leaves it out.
        let page = top
            .iter()
            .zip(ids)
            .take(end)
            .skip(query.offset)
            .filter_map(|((score, _), id)| Some((id?, *score)))
            .collect();
        let generator = match &text_query {
            Some(text_query) => {
                let mut generator =
                    SnippetGenerator::create(&searcher, text_query.as_ref(), self.fields.text)?;
                generator.set_max_num_chars(SNIPPET_CHARS);
                Some(generator)
            }
            None => None,
        };
        Ok(Ranked {
            page,
            best: best_ids,
            total: total as u64,
            snippets: Snippets(generator),
        })
    }

    /// How many documents match, whatever `limit` and `offset` say.
    pub(crate) fn count_matches(&self, query: &SearchQuery) -> Result<u64> {
        let Some((full, _)) = self.full_query(query)? else {
            return Ok(0);
        };
        Ok(self.reader.searcher().search(&full, &Count)? as u64)
    }

    /// A query for words in order (one word: the word alone).
    fn phrase(&self, phrase: &Phrase) -> Box<dyn Query> {
        let mut terms: Vec<(usize, Term)> = phrase
            .iter()
            .map(|(position, lemma)| (*position, Term::from_field_text(self.fields.text, lemma)))
            .collect();
        if terms.len() == 1 {
            let (_, term) = terms.remove(0);
            return Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
        }
        Box::new(PhraseQuery::new_with_offset(terms))
    }

    /// Every part of the words must match; a name matches any of its names or a
    /// document whose entities include it.
    fn text_query(&self, text: &str) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for part in self.words.parts(text) {
            let query = match part {
                Part::Phrase(phrase) => self.phrase(&phrase),
                Part::Name { names, entities } => {
                    let alternatives = names
                        .iter()
                        .map(|name| self.phrase(name))
                        .chain(entities.iter().map(|id| self.entity_term(id)))
                        .map(|q| (Occur::Should, q))
                        .collect();
                    Box::new(BooleanQuery::new(alternatives))
                }
            };
            clauses.push((Occur::Must, query));
        }
        match clauses.len() {
            0 => None,
            1 => clauses.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(clauses))),
        }
    }

    /// The knowledge base, loaded at first use.
    pub(crate) fn kb(&self) -> &Kb {
        self.words.kb()
    }

    fn entity_term(&self, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.entity, value),
            IndexRecordOption::Basic,
        ))
    }

    fn filters(&self, query: &SearchQuery) -> Result<Vec<Box<dyn Query>>> {
        let f = self.fields;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(name) = &query.entity {
            let any = self
                .words
                .entity_filter(name)
                .iter()
                .map(|key| (Occur::Should, self.entity_term(key)))
                .collect();
            filters.push(Box::new(BooleanQuery::new(any)));
        }
        if let Some(event_type) = &query.event_type {
            filters.push(Box::new(TermQuery::new(
                Term::from_field_text(f.event_type, &event_type.to_uppercase()),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(outlet) = &query.outlet {
            filters.push(Box::new(TermQuery::new(
                Term::from_field_text(f.outlet, &fold(outlet)),
                IndexRecordOption::Basic,
            )));
        }
        if query.since.is_some() || query.until.is_some() {
            let bound = |day: &Option<String>| -> Result<Bound<Term>> {
                Ok(day_bound(day)?.map_or(Bound::Unbounded, |n| {
                    Bound::Included(Term::from_field_u64(f.published, n))
                }))
            };
            filters.push(Box::new(RangeQuery::new(
                bound(&query.since)?,
                bound(&query.until)?,
            )));
        }
        Ok(filters)
    }
}

/// What one pass over the index answers of a search ([`FullText::ranked`]).
pub(crate) struct Ranked {
    /// The ids of the page's hits, best first, with scores.
    pub(crate) page: Vec<(String, f32)>,
    /// The ids of the best hits from the first on, as many as asked for.
    pub(crate) best: Vec<String>,
    /// How many documents match.
    pub(crate) total: u64,
    pub(crate) snippets: Snippets,
}

/// Makes the highlighted passage of a hit from its text.
pub(crate) struct Snippets(Option<SnippetGenerator>);

impl Snippets {
    #[cfg(feature = "postgres")]
    /// Snippets that highlight these lemmas wherever the text has a word of them (the
    /// passage with most of them wins), for a backend without a tantivy searcher.
    pub(crate) fn for_lemmas<'a>(
        lemmas: impl IntoIterator<Item = &'a str>,
        lemmatizer: Arc<Lemmatizer>,
    ) -> Snippets {
        let terms: std::collections::BTreeMap<String, f32> = lemmas
            .into_iter()
            .map(|lemma| (lemma.to_owned(), 1.0))
            .collect();
        if terms.is_empty() {
            return Snippets(None);
        }
        // The field is not read: snippets are made from the text given.
        let field = Field::from_field_id(0);
        Snippets(Some(SnippetGenerator::new(
            terms,
            indonesian_analyzer(lemmatizer),
            field,
            SNIPPET_CHARS,
        )))
    }

    /// The passage of `text` around the matched words and their byte ranges in it; the
    /// start of the text when the query had no words (filters only).
    pub(crate) fn of(&self, text: &str) -> (String, Vec<[usize; 2]>) {
        let snippet: Option<Snippet> = self.0.as_ref().map(|g| g.snippet(text));
        match snippet {
            Some(snippet) if !snippet.is_empty() => {
                let ranges = snippet
                    .highlighted()
                    .iter()
                    .map(|r| [r.start, r.end])
                    .collect();
                (snippet.fragment().to_owned(), ranges)
            }
            _ => {
                let end = text
                    .char_indices()
                    .nth(SNIPPET_CHARS)
                    .map_or(text.len(), |(i, _)| i);
                (text[..end].to_owned(), Vec::new())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_analyzer_maps_inflected_forms_to_one_lemma() {
        let lemmatizer = Arc::new(Lemmatizer::indonesian());
        let mut analyzer = indonesian_analyzer(lemmatizer);
        let mut lemmas = Vec::new();
        let mut stream = analyzer.token_stream("Menyerang, serangan, DISERANG: serang!");
        while stream.advance() {
            lemmas.push(stream.token().text.clone());
        }
        assert_eq!(lemmas, ["serang"; 4]);
    }
}
