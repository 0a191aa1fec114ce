//! The compiled alias matcher: finds every knowledge-base name in a text.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::Kb;
use crate::model::EntityId;
use crate::norm::{fold, fold_char};

/// Names shorter than this (folded, in bytes) are not matched in text: two-letter forms
/// like `AS` or `RI` hit too many unrelated words once case is ignored. The recogniser
/// can still look them up with [`Kb::lookup`] when the casing makes them plausible.
const MIN_PATTERN_LEN: usize = 2;

/// One name found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// Byte offset of the first character, into the text given to [`Gazetteer::find`].
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// Every entity with this name, in knowledge-base order; several when the name is
    /// ambiguous (`Moskow`: the Russian capital; `Georgia`: a country and a US state).
    pub candidates: Vec<EntityId>,
    /// Whether the text spells the name exactly as one of its aliases does, case
    /// included. `Malang` the city against `malang` (unlucky), `AS` against `as`: the
    /// recogniser decides how much a case-folded match is worth.
    pub exact_case: bool,
}

/// Every alias of a knowledge base, compiled into one automaton.
///
/// Matching folds the text like [`Kb::lookup`] (case, accents, dashes, spacing), keeps
/// only matches that start and end at word boundaries, and resolves overlaps leftmost
/// first, then longest: `Kementerian Pertahanan Rusia` is one match, not `Rusia` inside
/// it. Spans are byte ranges into the original text, on character boundaries.
pub struct Gazetteer {
    automaton: AhoCorasick,
    /// Pattern index → the entities it names.
    candidates: Vec<Vec<EntityId>>,
    /// Pattern index → its spellings before folding, for [`GazetteerMatch::exact_case`].
    spellings: Vec<Vec<Box<str>>>,
}

impl Gazetteer {
    pub(crate) fn new(kb: &Kb) -> Gazetteer {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<EntityId>> = Vec::new();
        let mut spellings: Vec<Vec<Box<str>>> = Vec::new();
        for entity in kb.entities() {
            for (name, _) in entity.names() {
                let key = fold(name);
                if key.len() < MIN_PATTERN_LEN {
                    continue;
                }
                let p = *index.entry(key).or_insert_with_key(|key| {
                    patterns.push(key.clone());
                    candidates.push(Vec::new());
                    spellings.push(Vec::new());
                    patterns.len() - 1
                });
                if candidates[p].last() != Some(&entity.id) {
                    candidates[p].push(entity.id.clone());
                }
                if !spellings[p].iter().any(|s| &**s == name) {
                    spellings[p].push(name.into());
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .expect("folded aliases are valid patterns");
        Gazetteer {
            automaton,
            candidates,
            spellings,
        }
    }

    /// The number of distinct folded names compiled.
    pub fn pattern_count(&self) -> usize {
        self.candidates.len()
    }

    /// Every knowledge-base name in `text`, word-bounded, leftmost-longest, in text order.
    pub fn find(&self, text: &str) -> Vec<GazetteerMatch> {
        let folded = FoldedText::new(text);
        let hay = folded.text.as_bytes();
        let mut hits: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(&folded.text)
            .filter(|m| is_boundary(hay, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        hits.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut matches = Vec::new();
        let mut taken_until = 0;
        for (s, e, p) in hits {
            if s < taken_until {
                continue;
            }
            taken_until = e;
            let (start, end) = (folded.start[s] as usize, folded.end[e - 1] as usize);
            let surface = &text[start..end];
            matches.push(GazetteerMatch {
                start,
                end,
                candidates: self.candidates[p].clone(),
                exact_case: self.spellings[p].iter().any(|s| same_words(s, surface)),
            });
        }
        matches
    }
}

/// Whether a spelling and a surface are the same words, white space aside
/// (`Laut China\nSelatan` is an exact `Laut China Selatan`).
fn same_words(spelling: &str, surface: &str) -> bool {
    spelling.split_whitespace().eq(surface.split_whitespace())
}

/// A match must not cut a word: the bytes around it are not letters or digits. Folded
/// text is lower case, so any non-ASCII byte is part of a letter (non-Latin scripts,
/// letters without decomposition) and counts as word material too.
fn is_boundary(hay: &[u8], start: usize, end: usize) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    (start == 0 || !word(hay[start - 1])) && (end == hay.len() || !word(hay[end]))
}

/// A text folded like the aliases, with each folded byte's source span.
struct FoldedText {
    text: String,
    /// Folded byte → byte offset where its source character starts.
    start: Vec<u32>,
    /// Folded byte → byte offset where its source character (with any combining marks
    /// after it) ends.
    end: Vec<u32>,
}

impl FoldedText {
    fn new(text: &str) -> FoldedText {
        let mut out = FoldedText {
            text: String::with_capacity(text.len()),
            start: Vec::with_capacity(text.len()),
            end: Vec::with_capacity(text.len()),
        };
        let mut buf = String::new();
        for (offset, c) in text.char_indices() {
            let char_end = (offset + c.len_utf8()) as u32;
            buf.clear();
            fold_char(c, &mut buf);
            if buf.is_empty() {
                // A combining mark: the previous character's span reaches over it.
                if let Some(last) = out.end.last_mut() {
                    *last = char_end;
                }
                continue;
            }
            // Runs of white space fold to one space, spanning the run.
            if buf == " " && out.text.ends_with(' ') {
                *out.end.last_mut().expect("a space was pushed") = char_end;
                continue;
            }
            out.text.push_str(&buf);
            out.start.resize(out.text.len(), offset as u32);
            out.end.resize(out.text.len(), char_end);
        }
        out
    }
}
