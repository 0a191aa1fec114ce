//! Sets of documents of each index segment, kept between searches: those published
//! within a range of days, and those with a common word.
//!
//! tantivy's range filter on the day field reads the postings of every day in the range
//! and builds its set of documents for every search (a quarter of a server's CPU for a
//! search "from this month on" over 100,000 documents); a server asks the same few ranges
//! (from a month on, a month) over and over. A search's total is counted apart from its
//! best hits ([`count_in_all`]): for common words, a word's set of each segment and the
//! bitwise AND of the sets count the documents with all the words without reading
//! postings.
//!
//! A segment never changes once written (deletions are kept apart and applied by the
//! collectors and [`count_in_all`]), so a set is true for as long as its segment exists:
//! keyed by segment id, nothing needs invalidating when a reload brings new segments;
//! [`DocSets::keep_only`] forgets the segments a reload dropped.

use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, BooleanQuery, ConstScorer, EnableScoring, Explanation, Occur, Query, RangeQuery,
    Scorer, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Bytes of sets kept at most (each holds a bit per document of its segment): 16 MiB is
/// over a thousand sets of a 100,000-document index. Past it the sets are dropped and
/// built again as searches ask for them.
const MAX_BYTES: usize = 16 << 20;

/// A word is common in a segment, and worth a set, when at least one document in this
/// many has it: its set then takes at most this many bits per document with the word,
/// about what its postings take, and counting by sets beats walking the postings.
const COMMON_WORD: u32 = 32;

/// The bounds of a range of days (`YYYYMMDD` numbers).
type Days = (Bound<u64>, Bound<u64>);

/// What a kept set holds.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Days(Days),
    Word(Term),
}

/// The kept sets of one index, shared by the queries made for it.
#[derive(Default)]
pub(crate) struct DocSets {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    sets: HashMap<(SegmentId, Key), Arc<BitSet>>,
    bytes: usize,
}

impl DocSets {
    /// Forgets the sets of segments other than these (those a reload dropped).
    pub(crate) fn keep_only(&self, segments: impl IntoIterator<Item = SegmentId>) {
        let segments: HashSet<SegmentId> = segments.into_iter().collect();
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.sets
            .retain(|(segment, _), _| segments.contains(segment));
        kept.bytes = kept.sets.values().map(|set| set_bytes(set)).sum();
    }

    /// How many sets are kept (for tests).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.kept.lock().map(|kept| kept.sets.len()).unwrap_or(0)
    }

    /// The set of `key` in the segment, built by `build` the first time.
    fn kept_or_built(
        &self,
        reader: &SegmentReader,
        key: Key,
        build: impl FnOnce() -> tantivy::Result<BitSet>,
    ) -> tantivy::Result<Arc<BitSet>> {
        let key = (reader.segment_id(), key);
        {
            let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(set) = kept.sets.get(&key) {
                return Ok(Arc::clone(set));
            }
        }
        let set = Arc::new(build()?);
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let bytes = set_bytes(&set);
        if kept.bytes + bytes > MAX_BYTES {
            kept.sets.clear();
            kept.bytes = 0;
        }
        if kept.sets.insert(key, Arc::clone(&set)).is_none() {
            kept.bytes += bytes;
        }
        Ok(set)
    }

    /// The documents of the segment with `word` (a term of a field indexed with its
    /// postings), deleted ones too; `None` when the word is not common there
    /// ([`COMMON_WORD`]): counting its postings is cheap then, and a set would waste memory.
    pub(crate) fn common_word(
        &self,
        reader: &SegmentReader,
        word: &Term,
    ) -> tantivy::Result<Option<Arc<BitSet>>> {
        let index = reader.inverted_index(word.field())?;
        if index.doc_freq(word)? * COMMON_WORD < reader.max_doc() {
            return Ok(None);
        }
        self.kept_or_built(reader, Key::Word(word.clone()), || {
            let mut set = BitSet::with_max_value(reader.max_doc());
            if let Some(mut postings) = index.read_postings(word, IndexRecordOption::Basic)? {
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    set.insert(doc);
                    doc = postings.advance();
                }
            }
            Ok(set)
        })
        .map(Some)
    }
}

fn set_bytes(set: &BitSet) -> usize {
    set.max_value() as usize / 8 + 8
}

/// How many live documents of the segment are in every one of `sets` (at least one).
pub(crate) fn count_in_all(reader: &SegmentReader, sets: &[Arc<BitSet>]) -> u32 {
    let Some((first, others)) = sets.split_first() else {
        return 0;
    };
    let alive = reader.alive_bitset();
    let mut count = 0;
    for bucket in 0..reader.max_doc().div_ceil(64) {
        let mut docs = first.tinyset(bucket);
        for set in others {
            docs = docs.intersect(set.tinyset(bucket));
        }
        match alive {
            None => count += docs.len(),
            Some(alive) => {
                while let Some(bit) = docs.pop_lowest() {
                    count += u32::from(alive.is_alive(bucket * 64 + bit));
                }
            }
        }
    }
    count
}

/// Documents whose day field lies within `days`: tantivy's [`RangeQuery`] on that field,
/// answered from [`DocSets`] when the set of a segment was built before. It matches and
/// scores as the range query does (a constant score of the boost), so a search with it
/// ranks its hits as one with the range query would.
#[derive(Clone)]
pub(crate) struct DaysQuery {
    field: tantivy::schema::Field,
    days: Days,
    sets: Arc<DocSets>,
}

impl DaysQuery {
    pub(crate) fn new(field: tantivy::schema::Field, days: Days, sets: Arc<DocSets>) -> Self {
        DaysQuery { field, days, sets }
    }

    fn range(&self) -> RangeQuery {
        let term = |bound: Bound<u64>| bound.map(|day| Term::from_field_u64(self.field, day));
        RangeQuery::new(term(self.days.0), term(self.days.1))
    }

    /// The documents of the segment within the days, deleted ones too.
    pub(crate) fn set(&self, reader: &SegmentReader) -> tantivy::Result<Arc<BitSet>> {
        self.sets.kept_or_built(reader, Key::Days(self.days), || {
            let range = self
                .range()
                .weight(EnableScoring::disabled_from_schema(reader.schema()))?;
            let mut set = BitSet::with_max_value(reader.max_doc());
            let mut docs = range.scorer(reader, 1.0)?;
            let mut doc = docs.doc();
            while doc != TERMINATED {
                set.insert(doc);
                doc = docs.advance();
            }
            Ok(set)
        })
    }
}

impl std::fmt::Debug for DaysQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DaysQuery")
            .field("field", &self.field)
            .field("days", &self.days)
            .finish()
    }
}

impl Query for DaysQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(DaysWeight(self.clone())))
    }
}

struct DaysWeight(DaysQuery);

impl Weight for DaysWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        // A copy of the set (a bit per document: 5 KB for a segment of 40,000), because
        // tantivy's set iterator owns what it walks.
        let set = BitSet::clone(&*self.0.set(reader)?);
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(set), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0
            .range()
            .weight(EnableScoring::disabled_from_schema(reader.schema()))?
            .explain(reader, doc)
    }
}

/// The score a day filter adds to a hit's: tantivy's range query scores every document it
/// keeps by the boost its boolean query gives it, 1.
const DAY_SCORE: Score = 1.0;

/// Words within a range of days: matches and scores as tantivy's boolean query of the two
/// (the words' score plus [`DAY_SCORE`]), and lets tantivy find the best hits without
/// scoring every match. A boolean query of words and a filter scores each document the
/// two share; this asks the words' own weight for its best hits, which for plain words
/// skips the blocks of postings that cannot beat the hits already found (block-max
/// pruning), and keeps those of the range.
pub(crate) struct WordsWithinDays {
    words: Box<dyn Query>,
    days: DaysQuery,
}

impl WordsWithinDays {
    pub(crate) fn new(words: Box<dyn Query>, days: DaysQuery) -> Self {
        WordsWithinDays { words, days }
    }
}

impl Clone for WordsWithinDays {
    fn clone(&self) -> Self {
        WordsWithinDays {
            words: self.words.box_clone(),
            days: self.days.clone(),
        }
    }
}

impl std::fmt::Debug for WordsWithinDays {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordsWithinDays")
            .field("words", &self.words)
            .field("days", &self.days)
            .finish()
    }
}

impl Query for WordsWithinDays {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let both = BooleanQuery::new(vec![
            (Occur::Must, self.words.box_clone()),
            (Occur::Must, Box::new(self.days.clone()) as Box<dyn Query>),
        ]);
        Ok(Box::new(WordsWithinDaysWeight {
            both: both.weight(enable_scoring)?,
            words: self.words.weight(enable_scoring)?,
            days: self.days.clone(),
        }))
    }
}

struct WordsWithinDaysWeight {
    /// The boolean query of the two: what every use but the best hits' goes through.
    both: Box<dyn Weight>,
    words: Box<dyn Weight>,
    days: DaysQuery,
}

/// The words' threshold below a threshold of the two's score: a words' score at or under
/// it gives a score of the two at or under `threshold` (one step down from `threshold -
/// DAY_SCORE` makes up for that subtraction's rounding).
fn words_threshold(threshold: Score) -> Score {
    if threshold == Score::MIN {
        threshold
    } else {
        (threshold - DAY_SCORE).next_down()
    }
}

impl Weight for WordsWithinDaysWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.both.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.both.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.both.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.both.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.both.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let set = self.days.set(reader)?;
        let mut threshold = threshold;
        self.words
            .for_each_pruning(words_threshold(threshold), reader, &mut |doc, score| {
                // A document the words find, outside the days, changes nothing; the
                // callback is told only of scores above the threshold it gave.
                let both = score + DAY_SCORE;
                if set.contains(doc) && both > threshold {
                    threshold = callback(doc, both);
                }
                words_threshold(threshold)
            })
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{INDEXED, IndexRecordOption, STRING, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    use super::*;

    /// The hits of `query` and of the same words with a day range, from the range query and
    /// from the kept sets: they must agree whether the sets were kept or built.
    fn assert_same(index: &Index, sets: &Arc<DocSets>, days: Days) {
        let searcher = index.reader().unwrap().searcher();
        let schema = index.schema();
        let day = schema.get_field("day").unwrap();
        let word = schema.get_field("word").unwrap();
        let term = |bound: Bound<u64>| bound.map(|n| Term::from_field_u64(day, n));
        let plain: Box<dyn Query> = Box::new(RangeQuery::new(term(days.0), term(days.1)));
        let kept: Box<dyn Query> = Box::new(DaysQuery::new(day, days, Arc::clone(sets)));
        let with_word = |filter: Box<dyn Query>| {
            BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(word, "a"),
                        IndexRecordOption::Basic,
                    )) as Box<dyn Query>,
                ),
                (Occur::Must, filter),
            ])
        };
        let top = || (Count, TopDocs::with_limit(1000).order_by_score());
        for _ in 0..2 {
            assert_eq!(
                searcher.search(&plain, &Count).unwrap(),
                searcher.search(&kept, &Count).unwrap(),
                "{days:?}"
            );
            assert_eq!(
                searcher
                    .search(&with_word(plain.box_clone()), &top())
                    .unwrap(),
                searcher
                    .search(&with_word(kept.box_clone()), &top())
                    .unwrap(),
                "{days:?}"
            );
        }
    }

    fn add(writer: &mut IndexWriter, index: &Index, from: u64, to: u64) {
        let schema = index.schema();
        let (day, word) = (
            schema.get_field("day").unwrap(),
            schema.get_field("word").unwrap(),
        );
        for n in from..to {
            let mut doc = TantivyDocument::default();
            doc.add_u64(day, 20250101 + 100 * (n % 12) + n % 28);
            doc.add_text(word, if n % 3 == 0 { "a" } else { "b" });
            doc.add_text(word, format!("n{n}"));
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
    }

    #[test]
    fn kept_sets_match_the_range_filter_across_new_segments_and_deletions() {
        let mut schema = Schema::builder();
        schema.add_u64_field("day", INDEXED);
        let word = schema.add_text_field("word", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let sets = Arc::new(DocSets::default());
        let ranges = [
            (Bound::Included(20250301), Bound::Unbounded),
            (Bound::Included(20250401), Bound::Included(20250630)),
            (Bound::Unbounded, Bound::Included(20250215)),
            (Bound::Included(20251301), Bound::Unbounded),
        ];
        add(&mut writer, &index, 0, 500);
        for days in ranges {
            assert_same(&index, &sets, days);
        }
        assert_eq!(
            sets.len(),
            ranges.len(),
            "one set per range of the one segment"
        );
        // A second segment, and deletions in the first: the kept sets of the first still
        // hold the deleted documents, which the collectors leave out.
        add(&mut writer, &index, 500, 800);
        for n in (0..500).step_by(7) {
            writer.delete_term(Term::from_field_text(word, &format!("n{n}")));
        }
        writer.commit().unwrap();
        for days in ranges {
            assert_same(&index, &sets, days);
        }
        assert_eq!(sets.len(), 2 * ranges.len());
        // Merged into one segment: the sets of the two merged ones are forgotten.
        let segments = index.searchable_segment_ids().unwrap();
        writer.merge(&segments).wait().unwrap();
        writer.wait_merging_threads().unwrap();
        let searcher = index.reader().unwrap().searcher();
        sets.keep_only(searcher.segment_readers().iter().map(|r| r.segment_id()));
        assert_eq!(sets.len(), 0);
        for days in ranges {
            assert_same(&index, &sets, days);
        }
        assert_eq!(sets.len(), ranges.len());
    }

    /// An index of two segments of texts of varied lengths and word counts, so that
    /// scores vary, many tie, and blocks of postings (128 documents) differ in their best
    /// scores; one word's documents deleted. Fields "day" and "body".
    fn varied_index() -> Index {
        use tantivy::schema::TEXT;
        let mut schema = Schema::builder();
        let day = schema.add_u64_field("day", INDEXED);
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let words = ["kota", "warga", "serang", "jembatan", "bantuan", "tewas"];
        for segment in 0..2u64 {
            for n in segment * 1500..(segment + 1) * 1500 {
                let mut text = String::new();
                for (i, word) in words.iter().enumerate() {
                    let times = (n * (i as u64 + 3) / 7 + n / 200) % (i as u64 + 2);
                    for _ in 0..times {
                        text.push_str(word);
                        text.push(' ');
                    }
                }
                for _ in 0..(n * 13) % 17 {
                    text.push_str("lain ");
                }
                let mut doc = TantivyDocument::default();
                doc.add_u64(day, 20250101 + 100 * (n % 12) + n % 28);
                text.push_str(&format!("n{n}"));
                doc.add_text(body, &text);
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        writer.delete_term(Term::from_field_text(body, "bantuan"));
        writer.commit().unwrap();
        index
    }

    #[test]
    fn words_within_days_find_the_hits_and_scores_of_the_boolean_query() {
        let index = varied_index();
        let (day, body) = (
            index.schema().get_field("day").unwrap(),
            index.schema().get_field("body").unwrap(),
        );
        let searcher = index.reader().unwrap().searcher();
        let sets = Arc::new(DocSets::default());
        let term = |word: &str| -> (Occur, Box<dyn Query>) {
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(body, word),
                    IndexRecordOption::WithFreqs,
                )),
            )
        };
        let mut pruned_some = false;
        for query_words in [
            vec!["warga"],
            vec!["kota", "warga"],
            vec!["serang", "tewas"],
            vec!["kota", "jembatan", "tewas"],
        ] {
            let words: Box<dyn Query> = if query_words.len() == 1 {
                term(query_words[0]).1
            } else {
                Box::new(BooleanQuery::new(
                    query_words.iter().map(|w| term(w)).collect(),
                ))
            };
            for days in [
                (Bound::Included(20250301), Bound::Unbounded),
                (Bound::Included(20250401), Bound::Included(20250630)),
                (Bound::Unbounded, Bound::Included(20991231)),
            ] {
                let bound = |b: Bound<u64>| b.map(|n| Term::from_field_u64(day, n));
                let plain = BooleanQuery::new(vec![
                    (Occur::Must, words.box_clone()),
                    (
                        Occur::Must,
                        Box::new(RangeQuery::new(bound(days.0), bound(days.1))),
                    ),
                ]);
                let within = WordsWithinDays::new(
                    words.box_clone(),
                    DaysQuery::new(day, days, Arc::clone(&sets)),
                );
                for k in [1, 20, 200] {
                    let best = || TopDocs::with_limit(k).order_by_score();
                    let (total, expected) = searcher.search(&plain, &(Count, best())).unwrap();
                    // TopDocs alone prunes; with Count it must score every match.
                    assert_eq!(
                        searcher.search(&within, &best()).unwrap(),
                        expected,
                        "{query_words:?} {days:?} {k}"
                    );
                    assert_eq!(searcher.search(&within, &Count).unwrap(), total);
                    assert_eq!(
                        searcher.search(&within, &(Count, best())).unwrap(),
                        (total, expected.clone())
                    );
                    pruned_some |= total > k && expected.iter().any(|(s, _)| *s != expected[0].0);
                }
            }
        }
        assert!(
            pruned_some,
            "some query has more matches than hits, of differing scores"
        );
    }

    #[test]
    fn kept_sets_count_the_live_documents_with_every_word_as_tantivy_counts() {
        let index = varied_index();
        let (day, body) = (
            index.schema().get_field("day").unwrap(),
            index.schema().get_field("body").unwrap(),
        );
        let searcher = index.reader().unwrap().searcher();
        let sets = Arc::new(DocSets::default());
        let word = |w: &str| Term::from_field_text(body, w);
        let mut counted_by_sets = 0;
        for words in [
            vec!["kota"],
            vec!["kota", "warga"],
            vec!["serang", "tewas", "kota"],
        ] {
            for days in [
                None,
                Some((Bound::Included(20250301), Bound::Included(20250930))),
            ] {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = words
                    .iter()
                    .map(|w| {
                        let query = TermQuery::new(word(w), IndexRecordOption::WithFreqs);
                        (Occur::Must, Box::new(query) as Box<dyn Query>)
                    })
                    .collect();
                let days = days.map(|days| DaysQuery::new(day, days, Arc::clone(&sets)));
                if let Some(days) = &days {
                    clauses.push((Occur::Must, Box::new(days.clone())));
                }
                let weight = BooleanQuery::new(clauses)
                    .weight(EnableScoring::disabled_from_searcher(&searcher))
                    .unwrap();
                for reader in searcher.segment_readers() {
                    let mut kept: Vec<Arc<BitSet>> = words
                        .iter()
                        .map(|w| sets.common_word(reader, &word(w)).unwrap().unwrap())
                        .collect();
                    kept.extend(days.as_ref().map(|days| days.set(reader).unwrap()));
                    assert_eq!(
                        count_in_all(reader, &kept),
                        weight.count(reader).unwrap(),
                        "{words:?} {days:?}"
                    );
                    counted_by_sets += 1;
                }
            }
        }
        assert_eq!(counted_by_sets, 12);
        assert!(
            searcher
                .segment_readers()
                .iter()
                .any(|r| r.alive_bitset().is_some())
        );
        // A word in a document or two of a segment gets no set: its postings count cheaply.
        let reader = searcher.segment_reader(0);
        assert!(sets.common_word(reader, &word("n1")).unwrap().is_none());
        assert!(
            sets.common_word(reader, &word("tidakada"))
                .unwrap()
                .is_none()
        );
    }
}
