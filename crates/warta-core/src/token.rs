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
use crate::morph::{FastBuild, Morph};
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
    /// Word surface → its morphology, or `None` when it is a sentence-opening name.
    words: HashMap<&'a str, Option<Arc<Morph>>, FastBuild>,
    /// Name surface → its morphology (the surface as lemma).
    names: HashMap<&'a str, Arc<Morph>, FastBuild>,
    /// Raw tokens of the sentence being read, kept to reuse the allocation.
    raw: Vec<(Span, TokenKind)>,
}

impl<'a> Tokenizer<'a> {
    pub fn new(text: &'a str, lang: &'a Language) -> Self {
        // Sized for a news text (about one new word per 14 bytes, one new name per 40),
        // so the memos rarely grow and rehash while the article is read.
        Tokenizer {
            text,
            lang,
            words: HashMap::with_capacity_and_hasher(text.len() / 14, FastBuild::default()),
            names: HashMap::with_capacity_and_hasher(text.len() / 40, FastBuild::default()),
            raw: Vec::new(),
        }
    }

    /// Tokenises the sentence `sentence` of the text and analyses its words.
    pub fn sentence(&mut self, sentence: Span) -> Vec<Token> {
        let text = self.text;
        let lang = self.lang;
        let mut raw = std::mem::take(&mut self.raw);
        raw.clear();
        scan(sentence.of(text), lang, &mut raw);
        let mut tokens = Vec::with_capacity(raw.len());
        for &(span, kind) in &raw {
            let span = span.shifted(sentence.start);
            let surface = span.of(text);
            let mut morph = None;
            let kind = match kind {
                TokenKind::Word if is_name(surface, &tokens, text) => TokenKind::Name,
                TokenKind::Word => match self.word(surface) {
                    Some(analysis) => {
                        morph = Some(analysis);
                        TokenKind::Word
                    }
                    None => TokenKind::Name,
                },
                other => other,
            };
            if kind == TokenKind::Name {
                let name = self.names.entry(surface).or_insert_with(|| {
                    Arc::new(Morph {
                        lemma: surface.to_string(),
                        ..Morph::default()
                    })
                });
                morph = Some(Arc::clone(name));
            }
            let value = if kind == TokenKind::Number {
                number_value(surface)
            } else {
                None
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

    /// The morphology of a word that is not a name by its position, or `None` when it
    /// is a name after all.
    fn word(&mut self, surface: &'a str) -> Option<Arc<Morph>> {
        let lemmatizer = &self.lang.lemmatizer;
        self.words
            .entry(surface)
            .or_insert_with(|| {
                let analysis = lemmatizer.analyze_shared(surface);
                // A capitalised word opening a sentence is a name unless it reduces to
                // a known root: "Menurut" is a word, "Peskov" a name.
                let capitalised = surface.starts_with(char::is_uppercase);
                (!capitalised || lemmatizer.is_root(&analysis.lemma)).then_some(analysis)
            })
            .clone()
    }
}

/// A capitalised word that does not open the sentence or a quotation, or an acronym.
fn is_name(surface: &str, previous: &[Token], text: &str) -> bool {
    let mut chars = surface.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let mut letters = 0;
    let mut all_upper = true;
    for c in surface.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        all_upper &= c.is_uppercase();
    }
    if letters > 1 && all_upper {
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
            // The last character taken into the word.
            let mut last = c;
            loop {
                match at(i) {
                    Some(c) if c.is_alphabetic() || is_mark(c) => {
                        i += c.len_utf8();
                        last = c;
                    }
                    // Joiners inside a word: reduplication and compounds ("anak-anak",
                    // "COVID-19"), elisions ("Jum'at"), domains and dotted abbreviations
                    // ("Kompas.com", "a.n").
                    Some(joiner @ ('-' | '\'' | '’'))
                        if let Some(next) = at(i + joiner.len_utf8())
                            && next.is_alphanumeric() =>
                    {
                        i += joiner.len_utf8() + next.len_utf8();
                        last = next;
                    }
                    Some('.')
                        if let Some(next) = at(i + 1)
                            && next.is_alphabetic() =>
                    {
                        i += 1 + next.len_utf8();
                        last = next;
                    }
                    Some(c) if c.is_ascii_digit() && last == '-' => {
                        i += 1;
                        last = c;
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
}
