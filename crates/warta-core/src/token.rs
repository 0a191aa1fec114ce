//! Tokens of a sentence, with byte offsets into the clean text.
//!
//! Words keep their clitics and reduplication ("anak-anak", "bukunya"): the lemmatiser
//! reports those as morphology instead of splitting the surface. Numbers keep
//! Indonesian grouping ("2.000" is two thousand, "3,5" is three and a half) and carry
//! their value; day/month(/year) forms ("8/8/2024") are dates. Capitalised words that do
//! not open a sentence, acronyms, and sentence-opening words that reduce to no known
//! root are names, and names are never lemmatised.

use std::collections::HashMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::lang::Language;
use crate::morph::{FastBuild, Lemmatizer, Morph};
use crate::span::Span;

/// What kind of thing a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A common word, lemmatised.
    Word,
    /// A capitalised word inside a sentence or an acronym: a likely proper name, not lemmatised.
    Name,
    /// A number, with its value when it is a plain count or measure.
    Number,
    /// A numeric date such as "8/8/2024" or "12/9".
    Date,
    /// Punctuation, including quotation marks and dashes.
    Punct,
    /// Any other symbol (%, $, ©, +).
    Symbol,
}

/// One token with its byte range into the clean text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    // Shared between the tokens of one article that spell the same word; serialised as
    // the `Morph` itself (the doc line below is the schema's description).
    /// Lemma and affixes of a word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub morph: Option<Arc<Morph>>,
    /// Numeric value of a number token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// Tokenises the sentences of one text, remembering the analysis of every word it has
/// seen: a news article repeats most of its words ("yang", "pemerintah", the names in
/// the story), and the lemmatiser's affix search is the dearest step of tokenisation.
/// The memo lives as long as the text, so analyses stay independent of each other.
pub struct Tokenizer<'a> {
    text: &'a str,
    lang: &'a Language,
    memo: Memo<'a>,
    /// Raw tokens of the sentence being read, kept to reuse the allocation.
    raw: Vec<(Span, TokenKind)>,
}

impl<'a> Tokenizer<'a> {
    pub fn new(text: &'a str, lang: &'a Language) -> Self {
        Tokenizer {
            text,
            lang,
            memo: Memo::for_text(text),
            raw: Vec::new(),
        }
    }

    /// Tokenises the sentence `sentence` of the text and analyses its words.
    pub fn sentence(&mut self, sentence: Span) -> Vec<Token> {
        let text = self.text;
        let lemmatizer = &self.lang.lemmatizer;
        let mut raw = std::mem::take(&mut self.raw);
        raw.clear();
        scan(sentence.of(text), self.lang, &mut raw);
        let mut tokens = Vec::with_capacity(raw.len());
        for &(span, kind) in &raw {
            let span = span.shifted(sentence.start);
            let surface = span.of(text);
            let (kind, morph, value) = match kind {
                TokenKind::Word => {
                    let named_by_position = is_name(surface, &tokens, text);
                    let (key, surfaced) = self.memo.entry(text, span);
                    let word = if named_by_position {
                        None
                    } else {
                        surfaced
                            .word
                            .get_or_insert_with(|| word_morph(lemmatizer, surface, key))
                            .clone()
                    };
                    match word {
                        Some(morph) => (TokenKind::Word, Some(morph), None),
                        None => {
                            let name = surfaced.name.get_or_insert_with(|| {
                                Arc::new(Morph {
                                    lemma: surface.to_string(),
                                    ..Morph::default()
                                })
                            });
                            (TokenKind::Name, Some(Arc::clone(name)), None)
                        }
                    }
                }
                TokenKind::Number => (TokenKind::Number, None, number_value(surface)),
                other => (other, None, None),
            };
            tokens.push(Token {
                span,
                kind,
                morph,
                value,
            });
        }
        self.raw = raw;
        tokens
    }
}

/// The morphology of a word that is not a name by its position, or `None` when it is a
/// name after all: a capitalised word opening a sentence is a name unless it reduces to
/// a known root ("Menurut" is a word, "Peskov" a name).
fn word_morph(
    lemmatizer: &Lemmatizer,
    surface: &str,
    key: Option<SurfaceKey>,
) -> Option<Arc<Morph>> {
    // A lower-case ASCII word (most are) is its own lower case and never capitalised,
    // and its memo key is the frequent forms' key: the table is read without folding
    // or copying the word.
    if let Some(key) = key
        && is_lower_ascii(key)
    {
        return Some(match lemmatizer.frequent_form(key) {
            Some(morph) => Arc::clone(morph),
            None => lemmatizer.analyze_unlisted(surface),
        });
    }
    let analysis = lemmatizer.analyze_shared(surface);
    let capitalised = surface.starts_with(char::is_uppercase);
    (!capitalised || lemmatizer.is_root(&analysis.lemma)).then_some(analysis)
}

/// What the tokens of one text spelt the same way share.
#[derive(Default)]
struct Surfaced {
    /// As a word: `None` until first needed, then its morphology, or `None` when it is
    /// a sentence-opening name.
    word: Option<Option<Arc<Morph>>>,
    /// As a name: the morphology with the surface as lemma, once needed.
    name: Option<Arc<Morph>>,
}

/// Per-text memo from a surface to what its tokens share. Looked up once per word token:
/// a surface of up to 15 bytes is its own key, two 64-bit words read straight from the
/// text (no hashing of the bytes one by one, no string comparison); longer ones go
/// to a map.
struct Memo<'a> {
    /// Power-of-two table probed linearly: 0 is an empty slot, any other value the
    /// index of the surface's entry plus one. Kept at most half full.
    slots: Vec<u32>,
    keys: Vec<SurfaceKey>,
    entries: Vec<Surfaced>,
    /// Entry indices of the surfaces too long for a key.
    long: HashMap<&'a str, usize, FastBuild>,
}

/// A surface of up to [`MAX_KEY_BYTES`] bytes, zero-padded, with its length in the last
/// byte (so "ab" and "ab\0" differ), read as two little-endian words.
type SurfaceKey = (u64, u64);

const MAX_KEY_BYTES: usize = 15;

/// The key kept for a surface of `Memo::long` (no surface has the length byte 255).
const LONG_SURFACE: SurfaceKey = (0, u64::MAX);

impl<'a> Memo<'a> {
    /// A memo sized for a news text (about one new surface per 14 bytes), so it rarely
    /// grows while the text is read.
    fn for_text(text: &str) -> Self {
        let expected = text.len() / 14;
        Memo {
            slots: vec![0; (expected * 2).next_power_of_two().max(16)],
            keys: Vec::with_capacity(expected),
            entries: Vec::with_capacity(expected),
            long: HashMap::default(),
        }
    }

    /// The key (`None` for a long surface) and the entry of the surface `span` of
    /// `text`, new if the surface is.
    fn entry(&mut self, text: &'a str, span: Span) -> (Option<SurfaceKey>, &mut Surfaced) {
        let Some(key) = surface_key(text.as_bytes(), span) else {
            let next = self.entries.len();
            let index = *self.long.entry(span.of(text)).or_insert(next);
            if index == next {
                self.keys.push(LONG_SURFACE);
                self.entries.push(Surfaced::default());
            }
            return (None, &mut self.entries[index]);
        };
        let mask = self.slots.len() - 1;
        let mut slot = slot_of(key, mask);
        loop {
            match self.slots[slot] {
                0 => break,
                stored if self.keys[stored as usize - 1] == key => {
                    return (Some(key), &mut self.entries[stored as usize - 1]);
                }
                _ => slot = (slot + 1) & mask,
            }
        }
        let index = self.entries.len();
        self.keys.push(key);
        self.entries.push(Surfaced::default());
        self.slots[slot] = u32::try_from(index + 1).expect("fewer surfaces than 2^32");
        if self.entries.len() * 2 > self.slots.len() {
            self.grow();
        }
        (Some(key), &mut self.entries[index])
    }

    /// Doubles the table and places every short surface again.
    fn grow(&mut self) {
        let mut slots = vec![0u32; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for (index, &key) in self.keys.iter().enumerate() {
            if key == LONG_SURFACE {
                continue;
            }
            let mut slot = slot_of(key, mask);
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = u32::try_from(index + 1).expect("fewer surfaces than 2^32");
        }
        self.slots = slots;
    }
}

fn slot_of((low, high): SurfaceKey, mask: usize) -> usize {
    let hash = (low ^ high.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (hash >> 40) as usize & mask
}

/// The key of the surface `span` of `text`, or `None` when it is longer than
/// [`MAX_KEY_BYTES`].
fn surface_key(text: &[u8], span: Span) -> Option<SurfaceKey> {
    let len = span.len();
    if len > MAX_KEY_BYTES {
        return None;
    }
    let word = |bytes: &[u8]| u64::from_le_bytes(bytes.try_into().expect("8 bytes"));
    let (low, high) = match text.get(span.start..span.start + 16) {
        // Sixteen bytes read at once, those past the surface masked off below.
        Some(window) => (word(&window[..8]), word(&window[8..])),
        // The text's last bytes.
        None => {
            let mut bytes = [0u8; 16];
            for (key, &byte) in bytes.iter_mut().zip(&text[span.start..span.end]) {
                *key = byte;
            }
            (word(&bytes[..8]), word(&bytes[8..]))
        }
    };
    // The low `bytes` bytes of `word` (0 to 8).
    let keep =
        |word: u64, bytes: usize| word & u64::MAX.checked_shr(64 - 8 * bytes as u32).unwrap_or(0);
    let low = keep(low, len.min(8));
    let high = keep(high, len.saturating_sub(8)) | (len as u64) << 56;
    Some((low, high))
}

/// Whether the surface of `key` is ASCII without an upper-case letter, as
/// [`Lemmatizer::analyze_shared`] tests before folding case (eight bytes at a time:
/// for an ASCII byte, adding 0x3F sets its top bit from `A` on, adding 0x25 from
/// past `Z` on, and neither sum carries into the next byte).
fn is_lower_ascii((low, high): SurfaceKey) -> bool {
    const TOP_BITS: u64 = 0x8080_8080_8080_8080;
    let upper = |word: u64| {
        (word.wrapping_add(0x3F3F_3F3F_3F3F_3F3F) ^ word.wrapping_add(0x2525_2525_2525_2525))
            & TOP_BITS
    };
    (low | high) & TOP_BITS == 0 && upper(low) | upper(high) == 0
}

/// A capitalised word that does not open the sentence or a quotation, or an acronym.
fn is_name(surface: &str, previous: &[Token], text: &str) -> bool {
    // Most words start with a lower-case ASCII letter.
    match surface.as_bytes().first() {
        Some(byte) if byte.is_ascii_lowercase() => return false,
        None => return false,
        _ => {}
    }
    let mut chars = surface.chars();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    if is_acronym(surface) {
        return true;
    }
    match previous.last() {
        None => false,
        Some(token) => {
            let opens = token.kind == TokenKind::Punct
                && matches!(
                    token.span.of(text),
                    "“" | "\"" | "‘" | "'" | "(" | ":" | "—" | "–" | "-" | "." | "!" | "?" | "…"
                );
            !opens
        }
    }
}

/// More than one letter, all upper case ("AFP", "COVID-19").
fn is_acronym(surface: &str) -> bool {
    let mut letters = 0;
    for c in surface.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters > 1
}

/// Raw token boundaries and kinds of a sentence (before name detection), appended to
/// `out`. Positions are byte offsets; `at` reads the character starting at one.
fn scan(sentence: &str, lang: &Language, out: &mut Vec<(Span, TokenKind)>) {
    let bytes = sentence.as_bytes();
    // Most characters are ASCII, and an ASCII byte always starts a character: only
    // the others need decoding.
    let at = |i: usize| match bytes.get(i) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => sentence.get(i..).and_then(|rest| rest.chars().next()),
        None => None,
    };
    let mut i = 0;
    while let Some(c) = at(i) {
        let start = i;
        let kind;
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        } else if c.is_alphabetic() {
            i += c.len_utf8();
            loop {
                // ASCII letters, most of every word, are taken without decoding.
                while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                    i += 1;
                }
                match at(i) {
                    Some(c) if c.is_alphabetic() || is_mark(c) => i += c.len_utf8(),
                    // Joiners inside a word: reduplication and compounds ("anak-anak",
                    // "COVID-19"), elisions ("Jum'at"), domains and dotted abbreviations
                    // ("Kompas.com", "a.n").
                    Some(joiner @ ('-' | '\'' | '’'))
                        if let Some(next) = at(i + joiner.len_utf8())
                            && next.is_alphanumeric() =>
                    {
                        i += joiner.len_utf8() + next.len_utf8();
                        // A number after the joiner goes whole ("COVID-19", "F-16").
                        if next.is_ascii_digit() {
                            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                                i += 1;
                            }
                        }
                    }
                    Some('.')
                        if let Some(next) = at(i + 1)
                            && next.is_alphabetic() =>
                    {
                        i += 1 + next.len_utf8();
                    }
                    _ => break,
                }
            }
            // A known abbreviation or an initial takes its final period.
            if at(i) == Some('.') {
                let with_period = &sentence[start..i + 1];
                let is_initial = i - start == c.len_utf8() && c.is_uppercase();
                if is_initial || lang.segmenter.is_abbreviation(with_period) {
                    i += 1;
                }
            }
            kind = TokenKind::Word;
        } else if c.is_ascii_digit() {
            i += 1;
            let mut has_slash = false;
            loop {
                match at(i) {
                    Some(c) if c.is_ascii_digit() => i += 1,
                    Some(sep @ ('.' | ',' | '/' | ':'))
                        if at(i + 1).is_some_and(|c| c.is_ascii_digit()) =>
                    {
                        has_slash |= sep == '/';
                        i += 2;
                    }
                    _ => break,
                }
            }
            kind = if has_slash {
                TokenKind::Date
            } else {
                TokenKind::Number
            };
        } else if c == '.' && at(i + 1) == Some('.') {
            while at(i) == Some('.') {
                i += 1;
            }
            kind = TokenKind::Punct;
        } else if c == '-' && at(i + 1) == Some('-') {
            while at(i) == Some('-') {
                i += 1;
            }
            kind = TokenKind::Punct;
        } else {
            i += c.len_utf8();
            kind = if is_punct(c) {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
        }
        out.push((Span::new(start, i), kind));
    }
}

/// Combining marks that belong to the letter before them.
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        && !matches!(
            c,
            '%' | '$' | '+' | '=' | '<' | '>' | '|' | '^' | '~' | '#' | '&' | '*' | '@'
        )
        || matches!(c, '“' | '”' | '‘' | '’' | '«' | '»' | '–' | '—' | '…' | '•')
}

/// The value of an Indonesian number: `.` groups thousands, `,` marks decimals.
/// Clock times ("07.45") and odd groupings have no plain value.
fn number_value(surface: &str) -> Option<f64> {
    let (whole, fraction) = match surface.split_once(',') {
        Some((whole, fraction)) if !fraction.contains([',', '.', ':']) => (whole, Some(fraction)),
        Some(_) => return None,
        None => (surface, None),
    };
    if surface.contains(':') {
        return None;
    }
    let mut groups = whole.split('.');
    let head = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let grouped = !rest.is_empty();
    if grouped && (head.len() > 3 || rest.iter().any(|g| g.len() != 3)) {
        return None;
    }
    let digits: String = std::iter::once(head).chain(rest).collect();
    let number = match fraction {
        Some(fraction) => format!("{digits}.{fraction}"),
        None => digits,
    };
    number.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, TokenKind)> {
        let lang = Language::indonesian();
        Tokenizer::new(text, &lang)
            .sentence(Span::new(0, text.len()))
            .into_iter()
            .map(|t| (t.span.of(text).to_string(), t.kind))
            .collect()
    }

    fn surfaces(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn words_keep_reduplication_clitics_and_elisions() {
        assert_eq!(
            surfaces("Anak-anak bermain pada hari Jum'at, bukunya hilang-lah."),
            [
                "Anak-anak",
                "bermain",
                "pada",
                "hari",
                "Jum'at",
                ",",
                "bukunya",
                "hilang-lah",
                "."
            ]
        );
    }

    #[test]
    fn compounds_with_numbers_stay_whole() {
        assert_eq!(
            surfaces("Kasus COVID-19 turun, jet F-16 dan Su-57 terbang, pukul 10-12."),
            [
                "Kasus", "COVID-19", "turun", ",", "jet", "F-16", "dan", "Su-57", "terbang", ",",
                "pukul", "10", "-", "12", "."
            ]
        );
    }

    #[test]
    fn numbers_dates_and_times() {
        let lang = Language::indonesian();
        let text = "Lebih dari 2.000 orang, 3,5 persen, pada 8/8/2024 pukul 07.45 WIB.";
        let toks = Tokenizer::new(text, &lang).sentence(Span::new(0, text.len()));
        let find = |s: &str| toks.iter().find(|t| t.span.of(text) == s).unwrap();
        assert_eq!(find("2.000").value, Some(2000.0));
        assert_eq!(find("3,5").value, Some(3.5));
        assert_eq!(find("8/8/2024").kind, TokenKind::Date);
        assert_eq!(find("07.45").kind, TokenKind::Number);
    }

    #[test]
    fn abbreviations_and_initials_keep_their_period() {
        assert_eq!(
            surfaces("Dr. Siti dan M. Nur tinggal di Jl. Merdeka, a.n. keluarga, dll."),
            [
                "Dr.", "Siti", "dan", "M.", "Nur", "tinggal", "di", "Jl.", "Merdeka", ",", "a.n.",
                "keluarga", ",", "dll."
            ]
        );
    }

    #[test]
    fn names_are_capitalised_words_inside_a_sentence_and_acronyms() {
        let kinds = tokens("Menurut AFP, juru bicara Dmitry Peskov berkata: “Kami menolak.”");
        let kind_of = |s: &str| kinds.iter().find(|(t, _)| t == s).unwrap().1;
        assert_eq!(kind_of("Menurut"), TokenKind::Word);
        let opening = tokens("Peskov menolak laporan itu.");
        assert_eq!(opening[0].1, TokenKind::Name);
        assert_eq!(kind_of("AFP"), TokenKind::Name);
        assert_eq!(kind_of("Dmitry"), TokenKind::Name);
        assert_eq!(kind_of("Peskov"), TokenKind::Name);
        assert_eq!(kind_of("juru"), TokenKind::Word);
        assert_eq!(kind_of("Kami"), TokenKind::Word);
    }

    #[test]
    fn domains_and_symbols() {
        assert_eq!(
            surfaces("Dikutip Kompas.com (5%) -- selesai..."),
            [
                "Dikutip",
                "Kompas.com",
                "(",
                "5",
                "%",
                ")",
                "--",
                "selesai",
                "..."
            ]
        );
    }

    #[test]
    fn number_values_follow_indonesian_grouping() {
        assert_eq!(number_value("1.250.000"), Some(1_250_000.0));
        assert_eq!(number_value("12,75"), Some(12.75));
        assert_eq!(number_value("157"), Some(157.0));
        assert_eq!(number_value("07.45"), None);
        assert_eq!(number_value("10:30"), None);
    }

    #[test]
    fn memo_keeps_every_surface_apart_as_it_grows() {
        // Far more distinct surfaces than the memo is sized for, short and long, each
        // seen twice: the second look finds what the first stored.
        let words: Vec<String> = (0..3000)
            .map(|n| format!("{}{n}", "k".repeat(n % 20)))
            .collect();
        let text = words.join(" ");
        let spans: Vec<Span> = words
            .iter()
            .scan(0, |at, word| {
                let span = Span::new(*at, *at + word.len());
                *at = span.end + 1;
                Some(span)
            })
            .collect();
        let mut memo = Memo::for_text("short");
        for (n, &span) in spans.iter().enumerate() {
            let (_, entry) = memo.entry(&text, span);
            assert!(entry.name.is_none(), "{}", span.of(&text));
            entry.name = Some(Arc::new(Morph {
                lemma: n.to_string(),
                ..Morph::default()
            }));
        }
        for (n, &span) in spans.iter().enumerate() {
            let lemma = &memo.entry(&text, span).1.name.as_ref().unwrap().lemma;
            assert_eq!(lemma, &n.to_string(), "{}", span.of(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn surface_keys_are_equal_exactly_when_surfaces_are(
            first in "[abAZ@`\\[\u{0}é]{0,17}",
            second in "[ab\u{0}é]{0,17}",
            gap in "[ab ]{0,20}",
        ) {
            // `first` away from the text's end (read sixteen bytes at once), `second`
            // at its end (read byte by byte), and `first` again at the end.
            let text = format!("{first}{gap}{second}");
            let end = text.len();
            let first_key = surface_key(text.as_bytes(), Span::new(0, first.len()));
            let second_key = surface_key(text.as_bytes(), Span::new(end - second.len(), end));
            let tail_key = surface_key(first.as_bytes(), Span::new(0, first.len()));
            proptest::prop_assert_eq!(first_key.is_some(), first.len() <= MAX_KEY_BYTES);
            proptest::prop_assert_eq!(second_key.is_some(), second.len() <= MAX_KEY_BYTES);
            proptest::prop_assert_eq!(first_key, tail_key);
            if let Some(key) = first_key {
                let lower_ascii = first.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
                proptest::prop_assert_eq!(is_lower_ascii(key), lower_ascii);
            }
            if let (Some(a), Some(b)) = (first_key, second_key) {
                proptest::prop_assert_eq!(a == b, first == second);
                proptest::prop_assert_ne!(a, LONG_SURFACE);
            }
        }
    }
}
