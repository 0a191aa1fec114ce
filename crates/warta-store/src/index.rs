//! The full-text index: a tantivy index of each document's clean text by lemma, with the
//! filter fields of [`SearchQuery`]. Derived data: everything here can be rebuilt from
//! the database, which is why the index stores no more than the document id.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;

use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{AllQuery, BooleanQuery, EnableScoring, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term,
};
use warta_core::Analysis;
use warta_core::morph::Lemmatizer;
use warta_kb::{Kb, fold};

use crate::doc_sets::{DaysQuery, DocSets, WordsWithinDays, count_in_all};
use crate::read::{FACET_MONTHS, FACET_VALUES};
use crate::snippets::{MAX_WORD_BYTES, Snippets};
use crate::words::{Part, Phrase, QueryWords, day_bound, day_number, entity_keys};
use crate::{Error, FacetValue, Facets, Result, SearchQuery};

/// The name the Indonesian analyser is registered under in the index.
const INDONESIAN: &str = "warta_id";

/// Memory the index writer may fill before it writes a segment. One indexing thread: the
/// analysis keeps the cores busy, and the index has little to do per document.
const WRITER_MEMORY: usize = 64 << 20;

/// The name of the fast field that holds a document's facet values ([`facet_values`]).
const FACETS: &str = "facets";

/// The first character of a facet value says which facet it belongs to.
const OUTLET_TAG: char = 'o';
const EVENT_TYPE_TAG: char = 't';
const ENTITY_TAG: char = 'e';
const MONTH_TAG: char = 'm';

/// Separates an entity's id from its name in an entity's facet value.
const NAME_SEPARATOR: char = '\u{1f}';

/// The Indonesian text analyser of the index, used the same way on documents and
/// queries: words (letters and digits), lower case, then each word replaced by its
/// lemma, so "serang" finds "menyerang", "serangan" and "diserang". Phrase queries
/// match lemmas in order, so a quoted phrase also finds its inflected forms.
pub(crate) fn indonesian_analyzer(lemmatizer: Arc<Lemmatizer>) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
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
    /// What a search's facets count, as a column per segment ([`facet_values`]): read for
    /// the best hits of a search without a look at the database.
    facets: Field,
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
        facets: builder.add_text_field(FACETS, TextOptions::default().set_fast("raw")),
    };
    (builder.build(), fields)
}

/// The most single words a search may have for tantivy to find its best hits by block-max
/// pruning ([`FullQuery::plain`]): beyond three, tantivy's pruning adds the words' scores
/// in another order than its plain intersection, which could change a score's last bit.
const MAX_PRUNED_WORDS: usize = 3;

/// A search as tantivy asks it.
struct FullQuery {
    /// The words and the filters.
    full: Box<dyn Query>,
    /// The words alone: what snippets highlight.
    words: Option<Box<dyn Query>>,
    /// Set when tantivy can find the best hits without scoring every match (block-max
    /// pruning over the postings of plain words, at most [`MAX_PRUNED_WORDS`], with no
    /// filter but days): then the total is counted apart ([`FullText::count_plain`]).
    plain: Option<Plain>,
}

/// A search of plain words, within days or not.
struct Plain {
    words: Vec<Term>,
    days: Option<DaysQuery>,
}

/// A search's words as a query, and their terms when they are plain words tantivy can
/// prune.
struct Words {
    query: Box<dyn Query>,
    plain: Option<Vec<Term>>,
}

/// The index of one store, open for searching and, when writable, for writing.
pub(crate) struct FullText {
    reader: IndexReader,
    writer: Option<IndexWriter>,
    fields: Fields,
    words: QueryWords,
    /// The documents of each segment within the day ranges searches asked for.
    doc_sets: Arc<DocSets>,
}

impl FullText {
    /// Opens (or creates) the index in `dir`; `writable` takes the index's writer lock.
    /// An index with other fields (built by an older warta) is emptied by a writer, whose
    /// catch-up then rebuilds it from the database, and refused by a reader.
    pub(crate) fn open(dir: &Path, writable: bool) -> Result<FullText> {
        let (schema, fields) = schema();
        let index = if writable {
            std::fs::create_dir_all(dir)?;
            let index = Index::open_or_create(MmapDirectory::open(dir)?, schema.clone());
            match index {
                Err(tantivy::TantivyError::SchemaError(_)) => {
                    std::fs::remove_dir_all(dir)?;
                    std::fs::create_dir_all(dir)?;
                    Index::create_in_dir(dir, schema)?
                }
                index => index?,
            }
        } else {
            let index = Index::open(MmapDirectory::open(dir)?)?;
            if index.schema() != schema {
                return Err(Error::OlderIndex(dir.display().to_string()));
            }
            index
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
            doc_sets: Arc::default(),
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
        for value in facet_values(analysis) {
            doc.add_text(f.facets, value);
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
        self.reload()
    }

    /// Moves the reader to the index's last commit (another process's, for a reader).
    pub(crate) fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        self.doc_sets
            .keep_only(searcher.segment_readers().iter().map(|r| r.segment_id()));
        Ok(())
    }

    /// Documents in the committed index.
    pub(crate) fn count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The whole query of a search (words and filters) and its words alone (for
    /// snippets); `None` when nothing can match.
    fn full_query(&self, query: &SearchQuery) -> Result<Option<FullQuery>> {
        let mut words = self.text_query(&query.text);
        if words.is_none() && query.text.chars().any(|c| !c.is_whitespace()) {
            // Text without a word ("?", "--"): nothing can match it, and answering with
            // every document the filters keep would read as a match.
            return Ok(None);
        }
        let filters = self.filters(query)?;
        let days = self.days(query)?;
        if filters.is_empty()
            && let Some(words) = words.take()
        {
            // Words alone, or within days: tantivy's boolean query of one clause scores as
            // the clause, and `WordsWithinDays` as the boolean query of the two.
            let full: Box<dyn Query> = match &days {
                None => words.query.box_clone(),
                Some(days) => Box::new(WordsWithinDays::new(words.query.box_clone(), days.clone())),
            };
            return Ok(Some(FullQuery {
                full,
                words: Some(words.query),
                plain: words.plain.map(|words| Plain { words, days }),
            }));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let words = words.map(|words| words.query);
        if let Some(words) = &words {
            clauses.push((Occur::Must, words.box_clone()));
        }
        clauses.extend(filters.into_iter().map(|q| (Occur::Must, q)));
        if let Some(days) = days {
            clauses.push((Occur::Must, Box::new(days)));
        }
        let full: Box<dyn Query> = if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        Ok(Some(FullQuery {
            full,
            words,
            plain: None,
        }))
    }

    /// The ids of the best hits after the first `query.offset`, with scores, and the
    /// snippet maker for them.
    pub(crate) fn search(&self, query: &SearchQuery) -> Result<(Vec<(String, f32)>, Snippets)> {
        let ranked = self.ranked(query, 0)?;
        Ok((ranked.page, ranked.snippets))
    }

    /// A search's page (as [`FullText::search`]), how many documents match (as
    /// [`FullText::count_matches`]) and the facets of its best `best` hits, from one pass
    /// over the index: the server asks all three for every search, and separate passes
    /// cost it three times the scoring.
    pub(crate) fn ranked(&self, query: &SearchQuery, best: usize) -> Result<Ranked> {
        let Some(FullQuery { full, words, plain }) = self.full_query(query)? else {
            return Ok(Ranked {
                page: Vec::new(),
                total: 0,
                facets: Facets::default(),
                snippets: Snippets::without_words(),
            });
        };
        let searcher = self.reader.searcher();
        // The page's hits are the top `offset + limit` after the first `offset`: tantivy
        // breaks ties of score by document address, so they are the hits a search for
        // the page alone returns.
        let end = query.offset + query.limit.max(1);
        let best_hits = TopDocs::with_limit(end.max(best)).order_by_score();
        // Pruning skips documents, so the count is a pass of its own then, without scoring.
        let (total, top) = if let Some(plain) = &plain {
            (
                self.count_plain(&searcher, full.as_ref(), plain)?,
                searcher.search(&full, &best_hits)?,
            )
        } else {
            let (total, top) = searcher.search(&full, &(Count, best_hits))?;
            (total as u64, top)
        };
        let id = |address| -> Result<Option<String>> {
            let doc: TantivyDocument = searcher.doc(address)?;
            Ok(doc
                .get_first(self.fields.id)
                .and_then(|v| v.as_str())
                .map(str::to_owned))
        };
        // Stored ids are read for the page's hits only (a deep page skips the ones before
        // it; the facets read the index's column by address): the document store
        // decompresses a block for each.
        let mut page = Vec::with_capacity(query.limit);
        for (score, address) in top.iter().take(end).skip(query.offset) {
            // A hit without an id (never written so) is left out, as a search for the page
            // alone leaves it out.
            if let Some(id) = id(*address)? {
                page.push((id, *score));
            }
        }
        let facets = count_facets(
            &searcher,
            top.iter().take(best).map(|(_, address)| *address),
        )?;
        let snippets = match &words {
            Some(words) => Snippets::for_lemmas(
                self.lemma_weights(&searcher, words.as_ref())?,
                Arc::clone(self.words.lemmatizer()),
            ),
            None => Snippets::without_words(),
        };
        Ok(Ranked {
            page,
            total,
            facets,
            snippets,
        })
    }

    /// The lemmas a search's words ask of the text, each weighing 1 / (1 + the documents
    /// with it) in a snippet, so that a passage with the rarer word wins; lemmas no
    /// document has are left out.
    fn lemma_weights(&self, searcher: &Searcher, words: &dyn Query) -> Result<Vec<(String, f32)>> {
        let mut terms: BTreeSet<Term> = BTreeSet::new();
        words.query_terms(&mut |term, _| {
            if term.field() == self.fields.text {
                terms.insert(term.clone());
            }
        });
        let mut weights = Vec::with_capacity(terms.len());
        for term in terms {
            let Some(lemma) = term.value().as_str().map(str::to_owned) else {
                continue;
            };
            let documents = searcher.doc_freq(&term)?;
            if documents > 0 {
                weights.push((lemma, 1.0 / (1.0 + documents as f32)));
            }
        }
        Ok(weights)
    }

    /// How many documents match, whatever `limit` and `offset` say.
    pub(crate) fn count_matches(&self, query: &SearchQuery) -> Result<u64> {
        let Some(FullQuery { full, plain, .. }) = self.full_query(query)? else {
            return Ok(0);
        };
        let searcher = self.reader.searcher();
        match &plain {
            Some(plain) => self.count_plain(&searcher, full.as_ref(), plain),
            None => Ok(searcher.search(&full, &Count)? as u64),
        }
    }

    /// How many documents match a search of plain words: in a segment where every word
    /// is common, the bitwise AND of the kept sets of its words and days; elsewhere
    /// tantivy's count, which walks the postings.
    fn count_plain(&self, searcher: &Searcher, full: &dyn Query, plain: &Plain) -> Result<u64> {
        let mut weight = None;
        let mut total = 0;
        for reader in searcher.segment_readers() {
            let mut sets = Vec::with_capacity(plain.words.len() + 1);
            for word in &plain.words {
                match self.doc_sets.common_word(reader, word)? {
                    Some(set) => sets.push(set),
                    None => break,
                }
            }
            if sets.len() == plain.words.len() {
                if let Some(days) = &plain.days {
                    sets.push(days.set(reader)?);
                }
                total += u64::from(count_in_all(reader, &sets));
                continue;
            }
            if weight.is_none() {
                weight = Some(full.weight(EnableScoring::disabled_from_searcher(searcher))?);
            }
            if let Some(weight) = &weight {
                total += u64::from(weight.count(reader)?);
            }
        }
        Ok(total)
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
    fn text_query(&self, text: &str) -> Option<Words> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut plain = Some(Vec::new());
        for part in self.words.parts(text) {
            plain = match (plain, &part) {
                (Some(mut words), Part::Phrase(phrase)) if phrase.len() == 1 => {
                    words.push(Term::from_field_text(self.fields.text, &phrase[0].1));
                    Some(words)
                }
                _ => None,
            };
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
        let plain = plain.filter(|words| words.len() <= MAX_PRUNED_WORDS);
        let query = match clauses.len() {
            0 => return None,
            1 => clauses.pop().map(|(_, q)| q)?,
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        Some(Words { query, plain })
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
        Ok(filters)
    }

    /// The day range of a search, if it has one.
    fn days(&self, query: &SearchQuery) -> Result<Option<DaysQuery>> {
        if query.since.is_none() && query.until.is_none() {
            return Ok(None);
        }
        let bound = |day: &Option<String>| -> Result<Bound<u64>> {
            Ok(day_bound(day)?.map_or(Bound::Unbounded, Bound::Included))
        };
        Ok(Some(DaysQuery::new(
            self.fields.published,
            (bound(&query.since)?, bound(&query.until)?),
            Arc::clone(&self.doc_sets),
        )))
    }
}

/// Tells which commit an index's files hold, without a reader: what a server checks to
/// learn that a writer (`warta ingest` in another process) committed since it last looked.
pub struct Commits {
    index: Index,
}

impl Commits {
    pub(crate) fn open(dir: &Path) -> Result<Commits> {
        Ok(Commits {
            index: Index::open(MmapDirectory::open(dir)?)?,
        })
    }

    /// A number that differs after every commit that changed the index (one read of its
    /// small metadata file).
    pub fn version(&self) -> Result<u64> {
        use std::hash::{Hash, Hasher};
        let metas = self.index.load_metas()?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        metas.opstamp.hash(&mut hasher);
        for segment in &metas.segments {
            segment.id().hash(&mut hasher);
            segment.delete_opstamp().hash(&mut hasher);
        }
        Ok(hasher.finish())
    }
}

/// What one pass over the index answers of a search ([`FullText::ranked`]).
pub(crate) struct Ranked {
    /// The ids of the page's hits, best first, with scores.
    pub(crate) page: Vec<(String, f32)>,
    /// How many documents match.
    pub(crate) total: u64,
    /// The facets of the `best` hits.
    pub(crate) facets: Facets,
    pub(crate) snippets: Snippets,
}

/// What a document adds to the facets of a search that finds it, one tagged value per
/// facet value: its outlet, its publication month (the first seven characters of its
/// day), each of its event types once, and each entity it mentions once, by id with the
/// name it first gave it. Counting these over hits is what counting the database's rows
/// of those hits would give (`facets_match_the_database` in tests/read.rs).
fn facet_values(analysis: &Analysis) -> Vec<String> {
    let mut values = Vec::new();
    if let Some(outlet) = &analysis.outlet {
        values.push(format!("{OUTLET_TAG}{outlet}"));
    }
    if let Some(published) = &analysis.published {
        let month: String = published.chars().take(7).collect();
        values.push(format!("{MONTH_TAG}{month}"));
    }
    let mut types: Vec<&str> = analysis
        .events
        .iter()
        .map(|e| e.event_type.as_str())
        .collect();
    types.sort_unstable();
    types.dedup();
    values.extend(types.iter().map(|t| format!("{EVENT_TYPE_TAG}{t}")));
    let mut seen = HashSet::new();
    for entity in &analysis.entities {
        if seen.insert(entity.id.as_str()) {
            values.push(format!(
                "{ENTITY_TAG}{}{NAME_SEPARATOR}{}",
                entity.id, entity.name
            ));
        }
    }
    values
}

/// The facets of the documents at `addresses`, from the facet column: each segment's
/// value ordinals are counted first and turned into text once each, so the cost is a
/// column read per hit and a dictionary walk per distinct value.
fn count_facets(
    searcher: &Searcher,
    addresses: impl Iterator<Item = DocAddress>,
) -> Result<Facets> {
    let mut by_segment: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for address in addresses {
        by_segment
            .entry(address.segment_ord)
            .or_default()
            .push(address.doc_id);
    }
    let mut counts: HashMap<String, u64> = HashMap::new();
    for (segment, docs) in by_segment {
        let Some(column) = searcher.segment_reader(segment).fast_fields().str(FACETS)? else {
            continue;
        };
        let mut ordinals: BTreeMap<u64, u64> = BTreeMap::new();
        for doc in docs {
            for ordinal in column.term_ords(doc) {
                *ordinals.entry(ordinal).or_default() += 1;
            }
        }
        let sorted: Vec<u64> = ordinals.keys().copied().collect();
        let mut documents = ordinals.values();
        column
            .dictionary()
            .sorted_ords_to_term_cb(&sorted, |bytes| {
                let n = documents.next().copied().unwrap_or_default();
                *counts
                    .entry(String::from_utf8_lossy(bytes).into_owned())
                    .or_default() += n;
            })?;
    }
    let mut facets = Facets::default();
    // An entity's documents are summed over the names it was given; it shows the least.
    let mut entities: HashMap<String, (u64, String)> = HashMap::new();
    for (tagged, documents) in counts {
        let mut chars = tagged.chars();
        let tag = chars.next();
        let value = chars.as_str();
        let plain = |value: &str| FacetValue {
            value: value.to_owned(),
            label: value.to_owned(),
            documents,
        };
        match tag {
            Some(OUTLET_TAG) => facets.outlets.push(plain(value)),
            Some(EVENT_TYPE_TAG) => facets.event_types.push(plain(value)),
            Some(MONTH_TAG) => facets.months.push(plain(value)),
            Some(ENTITY_TAG) => {
                let (id, name) = value.split_once(NAME_SEPARATOR).unwrap_or((value, value));
                let entry = entities
                    .entry(id.to_owned())
                    .or_insert_with(|| (0, name.to_owned()));
                entry.0 += documents;
                if name < entry.1.as_str() {
                    entry.1 = name.to_owned();
                }
            }
            _ => {}
        }
    }
    facets.entities = entities
        .into_iter()
        .map(|(value, (documents, label))| FacetValue {
            value,
            label,
            documents,
        })
        .collect();
    for values in [
        &mut facets.outlets,
        &mut facets.event_types,
        &mut facets.entities,
    ] {
        values.sort_by(|a, b| {
            b.documents
                .cmp(&a.documents)
                .then_with(|| a.value.cmp(&b.value))
        });
        values.truncate(FACET_VALUES as usize);
    }
    facets.months.sort_by(|a, b| a.value.cmp(&b.value));
    facets.months.truncate(FACET_MONTHS as usize);
    Ok(facets)
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
