//! Full-text search in PostgreSQL over warta's own lemmas.
//!
//! PostgreSQL's `indonesian` snowball stemmer is not warta's lemmatiser ("menyerang"
//! stems otherwise than warta reads it, and it knows no KB names), so the store writes
//! each document's `tsvector` itself: the lemmas of the clean text with their positions
//! as the tantivy index sees them, and the keys the filters look for (`@e:` entity ids
//! and folded names, `@t:` event types, `@o:` the folded outlet). A search becomes a
//! `tsquery` of the same [`Part`]s the tantivy index reads, so both backends find the
//! same documents; ranking is PostgreSQL's `ts_rank`, not BM25.

use std::fmt::Write as _;

use postgres::types::ToSql;
use warta_core::Analysis;
use warta_kb::fold;

use super::PgStore;
use crate::read::{FACET_MONTHS, FACET_VALUES, FacetValue, Facets};
use crate::snippets::Snippets;
use crate::words::{Part, Phrase, QueryWords, day_bound, entity_keys};
use crate::{Hit, Result, SearchQuery};

/// The last position a tsvector keeps (PostgreSQL's limit); later words share it.
const LAST_POSITION: usize = 16_383;

/// Positions a tsvector keeps per lexeme (PostgreSQL's limit).
const POSITIONS_PER_LEXEME: usize = 256;

/// A lexeme as tsvector and tsquery literals write it.
fn lexeme(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('\'');
    for c in text.chars() {
        match c {
            '\'' => quoted.push_str("''"),
            '\\' => quoted.push_str("\\\\"),
            c => quoted.push(c),
        }
    }
    quoted.push('\'');
    quoted
}

/// The most bytes of a document's tsvector literal: PostgreSQL refuses a tsvector of 1 MiB
/// or more (its stored form is about as large as the literal), and one refused document
/// would fail its whole batch. A text that long keeps the lemmas that fit, rarest last.
const MAX_WORDS_LITERAL: usize = 900_000;

/// The `tsvector` literal of a document: its filter keys, and its lemmas with positions.
pub(super) fn document_words(words: &QueryWords, analysis: &Analysis) -> String {
    let keys = entity_keys(analysis)
        .map(|key| format!("@e:{key}"))
        .chain(
            analysis
                .events
                .iter()
                .map(|e| format!("@t:{}", e.event_type)),
        )
        .chain(analysis.outlet.iter().map(|o| format!("@o:{}", fold(o))));
    tsvector_literal(keys, words.lemmas(&analysis.text), MAX_WORDS_LITERAL)
}

/// A tsvector literal of `keys` (without positions) and of lemmas at their (0-based)
/// positions, at most `budget` bytes long: the keys first, then the lemmas that occur
/// most often, so that a text too long to index whole still matches its main words.
fn tsvector_literal(
    keys: impl Iterator<Item = String>,
    lemmas: impl IntoIterator<Item = (usize, String)>,
    budget: usize,
) -> String {
    let mut positions: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (position, lemma) in lemmas {
        let kept = positions.entry(lemma).or_default();
        if kept.len() < POSITIONS_PER_LEXEME {
            kept.push((position + 1).min(LAST_POSITION));
        }
    }
    let mut literal = String::new();
    for key in keys {
        literal.push_str(&lexeme(&key));
        literal.push(' ');
    }
    let mut by_frequency: Vec<(String, Vec<usize>)> = positions.into_iter().collect();
    by_frequency.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    let mut entry = String::new();
    for (lemma, at) in &by_frequency {
        entry.clear();
        entry.push_str(&lexeme(lemma));
        for (i, position) in at.iter().enumerate() {
            let _ = write!(entry, "{}{position}", if i == 0 { ':' } else { ',' });
        }
        entry.push(' ');
        if literal.len() + entry.len() > budget {
            break;
        }
        literal.push_str(&entry);
    }
    literal
}

/// Words in order as a tsquery: `'pos' <-> 'polisi'` (a gap left by a dropped word
/// widens the distance).
fn phrase_query(phrase: &Phrase) -> String {
    let mut query = String::from("(");
    let mut previous = None;
    for (position, lemma) in phrase {
        if let Some(previous) = previous {
            let _ = write!(query, " <{}> ", position - previous);
        }
        query.push_str(&lexeme(lemma));
        previous = Some(*position);
    }
    query.push(')');
    query
}

fn any_of(alternatives: impl IntoIterator<Item = String>) -> String {
    let joined: Vec<String> = alternatives.into_iter().collect();
    format!("({})", joined.join(" | "))
}

/// A search as SQL pieces: the tsquery of its words (for ranking), the tsquery of
/// words and filters (for matching), and the day bounds.
struct Question {
    words: Option<String>,
    all: Option<String>,
    since: Option<i32>,
    until: Option<i32>,
    /// The lemmas of the words, for snippets.
    lemmas: Vec<String>,
}

/// What one pass over the matches answers (see [`crate::index::Ranked`]).
pub(super) struct Ranked {
    pub(super) hits: Vec<Hit>,
    pub(super) best: Vec<String>,
    pub(super) total: u64,
}

impl PgStore {
    /// The question of a search; `None` when nothing can match (text without a word).
    fn question(&self, query: &SearchQuery) -> Result<Option<Question>> {
        let parts = self.words.parts(&query.text);
        if parts.is_empty() && query.text.chars().any(|c| !c.is_whitespace()) {
            return Ok(None);
        }
        let mut lemmas = Vec::new();
        let mut terms: Vec<String> = parts
            .iter()
            .map(|part| match part {
                Part::Phrase(phrase) => {
                    lemmas.extend(phrase.iter().map(|(_, l)| l.clone()));
                    phrase_query(phrase)
                }
                Part::Name { names, entities } => {
                    lemmas.extend(names.iter().flatten().map(|(_, l)| l.clone()));
                    any_of(
                        names
                            .iter()
                            .map(phrase_query)
                            .chain(entities.iter().map(|id| lexeme(&format!("@e:{id}")))),
                    )
                }
            })
            .collect();
        let words = (!terms.is_empty()).then(|| terms.join(" & "));
        if let Some(name) = &query.entity {
            terms.push(any_of(
                self.words
                    .entity_filter(name)
                    .iter()
                    .map(|key| lexeme(&format!("@e:{key}"))),
            ));
        }
        if let Some(event_type) = &query.event_type {
            terms.push(lexeme(&format!("@t:{}", event_type.to_uppercase())));
        }
        if let Some(outlet) = &query.outlet {
            terms.push(lexeme(&format!("@o:{}", fold(outlet))));
        }
        let all = (!terms.is_empty()).then(|| terms.join(" & "));
        let day = |bound| day_bound(bound).map(|n| n.map(|n| n as i32));
        Ok(Some(Question {
            words,
            all,
            since: day(&query.since)?,
            until: day(&query.until)?,
            lemmas,
        }))
    }

    /// The WHERE clause of a question and its parameters, numbered from `$1`.
    fn conditions(question: &Question) -> (String, Vec<Box<dyn ToSql + Sync>>) {
        let mut clauses = vec!["TRUE".to_owned()];
        let mut parameters: Vec<Box<dyn ToSql + Sync>> = Vec::new();
        if let Some(all) = &question.all {
            parameters.push(Box::new(all.clone()));
            clauses.push(format!("words @@ ${}::text::tsquery", parameters.len()));
        }
        if let Some(since) = question.since {
            parameters.push(Box::new(since));
            clauses.push(format!("published_day >= ${}", parameters.len()));
        }
        if let Some(until) = question.until {
            parameters.push(Box::new(until));
            clauses.push(format!("published_day <= ${}", parameters.len()));
        }
        (clauses.join(" AND "), parameters)
    }

    pub(super) fn count_matches(&self, query: &SearchQuery) -> Result<u64> {
        let Some(question) = self.question(query)? else {
            return Ok(0);
        };
        let (conditions, parameters) = Self::conditions(&question);
        let references: Vec<&(dyn ToSql + Sync)> = parameters.iter().map(|p| p.as_ref()).collect();
        let row = self.client.borrow_mut().query_one(
            &format!("SELECT count(*) FROM documents WHERE {conditions}"),
            &references,
        )?;
        Ok(row.get::<_, i64>(0) as u64)
    }

    /// A search's page, and when `best` > 0 how many documents match and the ids of the
    /// best `best`, from one statement: the matches ranked once, counted by a window.
    pub(super) fn ranked(&self, query: &SearchQuery, best: usize) -> Result<Ranked> {
        let Some(question) = self.question(query)? else {
            return Ok(Ranked {
                hits: Vec::new(),
                best: Vec::new(),
                total: 0,
            });
        };
        let (conditions, mut parameters) = Self::conditions(&question);
        let score = match &question.words {
            Some(words) => {
                parameters.push(Box::new(words.clone()));
                format!("ts_rank(words, ${}::text::tsquery)", parameters.len())
            }
            None => "0::real".to_owned(),
        };
        let end = query.offset + query.limit.max(1);
        parameters.push(Box::new(end.max(best) as i64));
        // The count rides along only when asked for (the server's page): a window over
        // every match costs a pass a plain search does not need.
        let total = if best > 0 {
            "count(*) OVER ()"
        } else {
            "0::bigint"
        };
        let sql = format!(
            "SELECT id, {score} AS score, {total} FROM documents WHERE {conditions}
             ORDER BY score DESC, rowid LIMIT ${}",
            parameters.len()
        );
        let references: Vec<&(dyn ToSql + Sync)> = parameters.iter().map(|p| p.as_ref()).collect();
        let ranked = self.client.borrow_mut().query(&sql, &references)?;
        let total = ranked.first().map_or(0, |row| row.get::<_, i64>(2) as u64);
        let ids: Vec<(String, f32)> = ranked.iter().map(|row| (row.get(0), row.get(1))).collect();
        let best_ids = ids.iter().take(best).map(|(id, _)| id.clone()).collect();
        let page: Vec<(String, f32)> = ids.into_iter().take(end).skip(query.offset).collect();
        // Every lemma weighs the same: the passage with most of them wins.
        let lemmas: std::collections::BTreeSet<&String> = question.lemmas.iter().collect();
        let snippets = Snippets::for_lemmas(
            lemmas
                .into_iter()
                .map(|lemma| (lemma.clone(), 1.0))
                .collect(),
            std::sync::Arc::clone(self.words.lemmatizer()),
        );
        Ok(Ranked {
            hits: self.hits(page, &snippets)?,
            best: best_ids,
            total,
        })
    }

    /// The rows of the hits with these ids, in their order, with their snippets.
    fn hits(&self, page: Vec<(String, f32)>, snippets: &Snippets) -> Result<Vec<Hit>> {
        if page.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<&str> = page.iter().map(|(id, _)| id.as_str()).collect();
        let rows = self.client.borrow_mut().query(
            "SELECT id, source, url, title, outlet, published, text FROM documents
             WHERE id = ANY($1)",
            &[&ids],
        )?;
        let mut by_id: std::collections::HashMap<String, postgres::Row> =
            rows.into_iter().map(|row| (row.get(0), row)).collect();
        let mut hits = Vec::with_capacity(page.len());
        for (id, score) in page {
            // A hit replaced since it was ranked is left out.
            let Some(row) = by_id.remove(&id) else {
                continue;
            };
            let (snippet, highlights) = snippets.of(row.get(6));
            hits.push(Hit {
                id,
                source: row.get(1),
                url: row.get(2),
                title: row.get(3),
                outlet: row.get(4),
                published: row.get(5),
                score,
                snippet,
                highlights,
            });
        }
        Ok(hits)
    }

    /// Outlets, event types, entities and months of these documents, each facet most
    /// frequent first (months in order), as the SQLite store counts them.
    pub(super) fn facets_of(&self, ids: &[String]) -> Result<Facets> {
        let rows = self.client.borrow_mut().query(
            "WITH hits AS MATERIALIZED (
                SELECT d.rowid AS document, d.outlet, substr(d.published, 1, 7) AS month
                FROM documents d WHERE d.id = ANY($1)),
             counted (facet, value, label, documents, rank) AS (
                SELECT 0, outlet, NULL::text, count(*),
                    row_number() OVER (ORDER BY count(*) DESC, outlet)
                FROM hits WHERE outlet IS NOT NULL GROUP BY outlet
                UNION ALL
                SELECT 1, e.type, NULL, count(DISTINCT e.document),
                    row_number() OVER (ORDER BY count(DISTINCT e.document) DESC, e.type)
                FROM hits h JOIN events e ON e.document = h.document GROUP BY e.type
                UNION ALL
                SELECT 2, x.entity_id, min(x.name), count(*),
                    row_number() OVER (ORDER BY count(*) DESC, x.entity_id)
                FROM hits h JOIN entities x ON x.document = h.document GROUP BY x.entity_id
                UNION ALL
                SELECT 3, month, NULL, count(*), row_number() OVER (ORDER BY month)
                FROM hits WHERE month IS NOT NULL GROUP BY month)
             SELECT facet, value, label, documents FROM counted
             WHERE rank <= CASE WHEN facet = 3 THEN $3::bigint ELSE $2::bigint END
             ORDER BY facet, rank",
            &[&ids, &FACET_VALUES, &FACET_MONTHS],
        )?;
        let mut facets = Facets::default();
        for row in rows {
            let value: String = row.get(1);
            let label: Option<String> = row.get(2);
            let counted = FacetValue {
                label: label.unwrap_or_else(|| value.clone()),
                value,
                documents: row.get::<_, i64>(3) as u64,
            };
            match row.get::<_, i32>(0) {
                0 => facets.outlets.push(counted),
                1 => facets.event_types.push(counted),
                2 => facets.entities.push(counted),
                _ => facets.months.push(counted),
            }
        }
        Ok(facets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_too_long_for_a_tsvector_keeps_its_keys_and_most_frequent_words() {
        let lemmas = (0..10_000).map(|i| (i, format!("kata{}", i % 4_000)));
        let literal = tsvector_literal(["@o:warta".to_string()].into_iter(), lemmas, 40_000);
        assert!(
            literal.len() <= 40_000 && literal.len() > 39_000,
            "{}",
            literal.len()
        );
        assert!(literal.starts_with("'@o:warta' "));
        // kata0..kata1999 occur three times, the rest twice: the frequent ones come first.
        assert!(
            literal.contains(" 'kata0':1,4001,8001 "),
            "{}",
            &literal[..80]
        );
        assert!(!literal.contains("'kata3999':"));
        let whole = tsvector_literal(
            std::iter::empty(),
            vec![(0, "a".into()), (1, "b".into())],
            100,
        );
        assert_eq!(whole, "'a':1 'b':2 ");
    }

    #[test]
    fn lexemes_are_quoted_and_phrases_keep_their_gaps() {
        assert_eq!(lexeme("o'neil\\x"), "'o''neil\\\\x'");
        let phrase = vec![
            (0, "pos".to_string()),
            (1, "polisi".into()),
            (3, "gaza".into()),
        ];
        assert_eq!(phrase_query(&phrase), "('pos' <1> 'polisi' <2> 'gaza')");
    }
}
