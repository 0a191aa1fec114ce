//! The alias matcher: finds every knowledge-base name in a text.
//!
//! It is built for a cheap start: instead of compiling every alias into an automaton
//! (hundreds of milliseconds and tens of megabytes for the embedded base), it reuses the
//! knowledge base's own folded-alias table and adds one small index: for the first word of
//! each alias, the most words an alias starting with it has. Matching folds the text, cuts
//! it into words and punctuation marks, and at each word looks up the few spans the index
//! allows, longest first. Building the index takes a few tens of milliseconds.

use std::collections::HashMap;

use crate::Kb;
use crate::model::EntityId;
use crate::norm::{fold, fold_char};

/// Names shorter than this (folded, in bytes) are not matched in text: one-letter forms hit
/// initials and stray letters. Two-letter forms (`AS`, `RI`) are matched and reported with
/// [`GazetteerMatch::exact_case`], so the recogniser can ask for supporting context.
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

/// The word index of the matcher, built once with the knowledge base: first word of a
/// folded alias → the largest number of pieces (words and punctuation marks) of an alias
/// beginning with it.
#[derive(Default)]
pub(crate) struct FirstWords(HashMap<Box<str>, u8>);

impl FirstWords {
    pub(crate) fn new<'a>(folded_aliases: impl Iterator<Item = &'a str>) -> FirstWords {
        let mut index: HashMap<Box<str>, u8> = HashMap::new();
        let mut spans = Vec::new();
        for key in folded_aliases {
            if key.len() < MIN_PATTERN_LEN {
                continue;
            }
            spans.clear();
            pieces(key, &mut spans);
            let Some(&(s, e)) = spans.first() else {
                continue;
            };
            let n = spans.len().min(u8::MAX as usize) as u8;
            let first = &key[s..e];
            match index.get_mut(first) {
                Some(max) => *max = (*max).max(n),
                None => {
                    index.insert(first.into(), n);
                }
            }
        }
        FirstWords(index)
    }
}

/// Every alias of a knowledge base as a matcher over text: a view of the [`Kb`], free to
/// create.
///
/// Matching folds the text like [`Kb::lookup`] (case, accents, dashes, spacing), keeps
/// only matches made of whole words, and resolves overlaps leftmost first, then longest:
/// `Kementerian Pertahanan Rusia` is one match, not `Rusia` inside it. Spans are byte
/// ranges into the original text, on character boundaries.
pub struct Gazetteer<'kb> {
    kb: &'kb Kb,
}

impl<'kb> Gazetteer<'kb> {
    pub(crate) fn new(kb: &'kb Kb) -> Gazetteer<'kb> {
        Gazetteer { kb }
    }

    /// The number of distinct folded names matched.
    pub fn pattern_count(&self) -> usize {
        self.kb
            .by_alias
            .keys()
            .filter(|k| k.len() >= MIN_PATTERN_LEN)
            .count()
    }

    /// Every knowledge-base name in `text`, whole words, leftmost-longest, in text order.
    pub fn find(&self, text: &str) -> Vec<GazetteerMatch> {
        let folded = FoldedText::new(text);
        let hay = folded.text.as_str();
        let mut spans = Vec::new();
        pieces(hay, &mut spans);
        let mut matches = Vec::new();
        let mut i = 0;
        while i < spans.len() {
            let (s, e) = spans[i];
            let longest = self.kb.first_words.0.get(&hay[s..e]).copied().unwrap_or(0) as usize;
            let longest = longest.min(spans.len() - i);
            let hit = (1..=longest).rev().find_map(|n| {
                let end = spans[i + n - 1].1;
                let key = &hay[s..end];
                let list = self.kb.by_alias.get(key)?;
                (key.len() >= MIN_PATTERN_LEN).then_some((n, end, key, list))
            });
            let Some((n, end, key, list)) = hit else {
                i += 1;
                continue;
            };
            let (start, end) = (folded.start[s] as usize, folded.end[end - 1] as usize);
            let surface = &text[start..end];
            let entities = list.iter().map(|&x| &self.kb.entities[x as usize]);
            matches.push(GazetteerMatch {
                start,
                end,
                candidates: entities.clone().map(|e| e.id.clone()).collect(),
                exact_case: entities
                    .flat_map(|e| e.names())
                    .any(|(name, _)| same_words(name, surface) && fold(name) == key),
            });
            i += n;
        }
        matches
    }
}

/// Cuts folded text into pieces: runs of word material (letters, digits; any non-ASCII
/// byte, since folded text is lower case and such bytes belong to letters of other
/// scripts) and single punctuation marks; spaces separate. Aliases and text are cut the
/// same way, so a match always covers whole words.
fn pieces(folded: &str, out: &mut Vec<(usize, usize)>) {
    let bytes = folded.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' {
            i += 1;
        } else if word(b) {
            let start = i;
            while i < bytes.len() && word(bytes[i]) {
                i += 1;
            }
            out.push((start, i));
        } else {
            out.push((i, i + 1));
            i += 1;
        }
    }
}

/// Whether a spelling and a surface are the same words, white space aside
/// (`Laut China\nSelatan` is an exact `Laut China Selatan`).
fn same_words(spelling: &str, surface: &str) -> bool {
    spelling.split_whitespace().eq(surface.split_whitespace())
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
