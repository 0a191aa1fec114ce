//! How a search's words are read, whatever the backend answers them: lemmas through the
//! index analyser, `"quoted phrases"`, and names the knowledge base knows expanded to
//! their other names and entity ids. The tantivy index (`index.rs`) and PostgreSQL's
//! tsquery (`postgres/search.rs`) each turn the same [`Part`]s into their own query, so
//! "serang" and "Kiev" mean the same in both.

use std::sync::{Arc, OnceLock};

use warta_core::morph::Lemmatizer;
use warta_kb::{Kb, fold};

use crate::index::indonesian_analyzer;

/// The most names of one entity a query word expands to (a city's name in Indonesian,
/// English and a few old spellings; never the dozens of foreign GeoNames spellings).
const MAX_ALIASES: usize = 12;

/// The most words one knowledge-base name spans in a query ("Dewan Keamanan PBB").
const MAX_NAME_WORDS: usize = 4;

/// Lemmas in order, each with its position relative to the first.
pub(crate) type Phrase = Vec<(usize, String)>;

/// One part of a search's words; every part must match.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Part {
    /// Words in this order (one word: the word alone).
    Phrase(Phrase),
    /// A name the knowledge base knows: any of its names written in the text, or a
    /// document whose entities include one of `entities` (ids).
    Name {
        names: Vec<Phrase>,
        entities: Vec<String>,
    },
}

/// Reads search words: the lemmatiser, and the knowledge base loaded at first need.
pub(crate) struct QueryWords {
    lemmatizer: Arc<Lemmatizer>,
    /// Loaded at the first search that needs alias expansion or an entity filter: writing
    /// never needs it.
    kb: OnceLock<Arc<Kb>>,
}

/// The embedded knowledge base, loaded once per process: a server's store handles all
/// read the same one, which takes ~0.3 s of CPU and tens of megabytes to load.
fn embedded_kb() -> Arc<Kb> {
    static EMBEDDED: OnceLock<Arc<Kb>> = OnceLock::new();
    Arc::clone(EMBEDDED.get_or_init(|| Arc::new(Kb::embedded())))
}

impl QueryWords {
    pub(crate) fn new(lemmatizer: Arc<Lemmatizer>) -> QueryWords {
        QueryWords {
            lemmatizer,
            kb: OnceLock::new(),
        }
    }

    pub(crate) fn lemmatizer(&self) -> &Arc<Lemmatizer> {
        &self.lemmatizer
    }

    /// The knowledge base, loaded at first use.
    pub(crate) fn kb(&self) -> &Kb {
        self.kb.get_or_init(embedded_kb)
    }

    /// The lemmas of `text` with their positions, as the index analyser reads them.
    pub(crate) fn lemmas(&self, text: &str) -> Phrase {
        let mut analyzer = indonesian_analyzer(Arc::clone(&self.lemmatizer));
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            let token = stream.token();
            tokens.push((token.position, token.text.clone()));
        }
        tokens
    }

    /// The lemmas of `text` with positions counted from its first word; `None` for
    /// text without a word.
    fn phrase(&self, text: &str) -> Option<Phrase> {
        let tokens = self.lemmas(text);
        let first = tokens.first()?.0;
        Some(
            tokens
                .into_iter()
                .map(|(position, lemma)| (position - first, lemma))
                .collect(),
        )
    }

    /// The parts of a search's words: each `"quoted phrase"`, and each word or name,
    /// the longest name the knowledge base knows first. Empty for text without a word.
    pub(crate) fn parts(&self, text: &str) -> Vec<Part> {
        let mut parts = Vec::new();
        for (index, piece) in text.split('"').enumerate() {
            let quoted = index % 2 == 1;
            if quoted {
                parts.extend(self.phrase(piece).map(Part::Phrase));
                continue;
            }
            let words: Vec<&str> = piece.split_whitespace().collect();
            let mut start = 0;
            while start < words.len() {
                let (taken, part) = self.name_or_word(&words[start..]);
                parts.extend(part);
                start += taken;
            }
        }
        parts
    }

    /// The part for the longest knowledge-base name at the start of `words` (with the
    /// number of words it spans), or for the first word alone.
    fn name_or_word(&self, words: &[&str]) -> (usize, Option<Part>) {
        for length in (1..=words.len().min(MAX_NAME_WORDS)).rev() {
            if length == 1 && self.is_common_word(words[0]) {
                break;
            }
            let name = words[..length].join(" ");
            let entities = self.kb().lookup(&name);
            if entities.is_empty() {
                continue;
            }
            let mut names: Vec<Phrase> = self.phrase(&name).into_iter().collect();
            let mut ids = Vec::new();
            for entity in entities {
                let own_names = entity.merged_aliases.unwrap_or(entity.aliases.len());
                let all = std::iter::once(entity.name.as_str())
                    .chain(entity.aliases[..own_names].iter().map(|a| a.text.as_str()));
                names.extend(all.take(MAX_ALIASES).filter_map(|alias| self.phrase(alias)));
                ids.push(entity.id.as_str().to_owned());
            }
            return (
                length,
                Some(Part::Name {
                    names,
                    entities: ids,
                }),
            );
        }
        (1, self.phrase(words[0]).map(Part::Phrase))
    }

    /// A word written in lower case that the lemmatiser knows as a root ("serang") is
    /// read as a word, not as a place or person of the same spelling (Serang, Banten);
    /// written with a capital it is looked up as a name too.
    fn is_common_word(&self, word: &str) -> bool {
        !word.starts_with(char::is_uppercase) && self.lemmatizer.is_root(&word.to_lowercase())
    }

    /// What an entity filter matches among a document's entity keys (see
    /// [`entity_keys`]): the name as given, folded, and the ids of the entities the
    /// knowledge base knows by it.
    pub(crate) fn entity_filter(&self, name: &str) -> Vec<String> {
        let mut keys = vec![name.to_owned(), fold(name)];
        keys.extend(
            self.kb()
                .lookup(name)
                .into_iter()
                .map(|e| e.id.as_str().to_owned()),
        );
        keys
    }
}

/// The keys a document's entities are found by: each entity id, and each entity's
/// folded name and aliases.
pub(crate) fn entity_keys(analysis: &warta_core::Analysis) -> impl Iterator<Item = String> + '_ {
    analysis.entities.iter().flat_map(|entity| {
        std::iter::once(entity.id.clone()).chain(
            std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .map(|name| fold(name)),
        )
    })
}

/// `YYYY-MM-DD` as the number `YYYYMMDD`, which orders like the days.
pub(crate) fn day_number(day: &str) -> Option<u64> {
    let mut parts = day.split('-');
    let (year, month, date) = (parts.next()?, parts.next()?, parts.next()?);
    let well_formed = parts.next().is_none()
        && year.len() == 4
        && month.len() == 2
        && date.len() == 2
        && [year, month, date]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        return None;
    }
    let (month, date): (u64, u64) = (month.parse().ok()?, date.parse().ok()?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&date) {
        return None;
    }
    Some(year.parse::<u64>().ok()? * 10_000 + month * 100 + date)
}

/// A search's day bound as a `YYYYMMDD` number, or the error a malformed day is.
pub(crate) fn day_bound(day: &Option<String>) -> crate::Result<Option<u64>> {
    match day {
        None => Ok(None),
        Some(day) => day_number(day)
            .map(Some)
            .ok_or_else(|| crate::Error::Query(format!("`{day}` is not a YYYY-MM-DD day"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_ordered_numbers() {
        assert_eq!(day_number("2024-10-14"), Some(20241014));
        assert_eq!(day_number("2024-1-14"), None);
        assert_eq!(day_number("kemarin"), None);
        assert_eq!(day_number("2024-13-01"), None);
    }

    #[test]
    fn a_known_name_expands_and_a_common_word_stays_a_word() {
        let words = QueryWords::new(Arc::new(Lemmatizer::indonesian()));
        let parts = words.parts("serangan Kiev");
        assert_eq!(parts[0], Part::Phrase(vec![(0, "serang".into())]));
        let Part::Name { names, entities } = &parts[1] else {
            panic!("{parts:?}")
        };
        assert!(names.contains(&vec![(0, "kyiv".to_string())]), "{names:?}");
        assert!(!entities.is_empty());
        assert!(words.parts("?!").is_empty());
    }
}
