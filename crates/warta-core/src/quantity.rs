//! Quantities: numbers that count or measure something in the story, with the thing
//! counted and how exact the number is.
//!
//! Numbers come as digits ("2.000", "3,5", already valued by the tokenizer) or words
//! ("tujuh", "dua puluh lima", "tiga setengah", "puluhan ribu"), optionally scaled ("275
//! juta") and qualified before ("sekitar", "lebih dari", "hampir") or as a range ("12-15",
//! "antara 10 dan 20"). The counted thing is the noun after the number (past a classifier:
//! "12 unit tank"), or the currency written before it ("US$275 juta"). Times, ages, years
//! and labels ("pukul 07.45", "berusia 71 tahun", "Pasal 5") are not quantities. The word
//! lists live in the language's `quantities.toml`.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use warta_kb::fold;

use crate::analysis::{Bound, Quantity};
use crate::entities::SentenceTokens;
use crate::lang::{LangData, LangError};
use crate::numbers::{NumberReading, NumberWords};
use crate::span::Span;
use crate::token::TokenKind;

const FILE: &str = "quantities.toml";

/// The longest number word ("sembilan", "semiliar", "miliaran").
const MAX_NUMBER_WORD: usize = 12;

/// The words quantity finding leans on, folded.
#[derive(Debug)]
pub struct QuantityRules {
    numbers: NumberWords,
    vague: HashMap<String, f64>,
    /// Qualifying phrases (as word lists), longest first, with what they say.
    qualifiers: Vec<(Vec<String>, Qualifier)>,
    range_joiners: HashSet<String>,
    /// Words opening a range ("antara 10 dan 20").
    range_openers: HashSet<String>,
    currency_before: HashMap<String, String>,
    unit_symbols: HashMap<String, String>,
    classifiers: HashSet<String>,
    time_units: HashSet<String>,
    not_count_before: Vec<Vec<String>>,
    not_units: HashSet<String>,
    /// Counted things of two or three words, folded.
    compounds: HashSet<String>,
    /// Words ending in -nya that are units as written ("lainnya").
    whole_words: HashSet<String>,
    /// Phrases between a number and its counted thing ("di antaranya").
    skipped_before_unit: Vec<Vec<String>>,
    unit_before: HashSet<String>,
    acronym_units: HashSet<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Qualifier {
    approx: bool,
    bound: Option<Bound>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    vague: HashMap<String, f64>,
    approximate: Vec<String>,
    at_least: Vec<String>,
    at_most: Vec<String>,
    nearly: Vec<String>,
    range_joiners: Vec<String>,
    range_openers: Vec<String>,
    currency_before: HashMap<String, String>,
    unit_symbols: HashMap<String, String>,
    classifiers: Vec<String>,
    time_units: Vec<String>,
    not_count_before: Vec<String>,
    not_units: Vec<String>,
    compounds: Vec<String>,
    whole_words: Vec<String>,
    skipped_before_unit: Vec<String>,
    unit_before: Vec<String>,
    acronym_units: Vec<String>,
}

/// Words of a phrase as the tokens of folded text show them ("kira-kira" is two words).
fn words_of(phrase: &str) -> Vec<String> {
    fold(phrase).split(' ').map(str::to_string).collect()
}

impl QuantityRules {
    pub fn load(data: &LangData<'_>) -> Result<QuantityRules, LangError> {
        let file: RulesFile =
            toml::from_str(data.file(FILE)?).map_err(|e| LangError::invalid(FILE, e))?;
        let map = |m: HashMap<String, f64>| -> HashMap<String, f64> {
            m.into_iter().map(|(k, v)| (fold(&k), v)).collect()
        };
        let set =
            |words: Vec<String>| -> HashSet<String> { words.iter().map(|w| fold(w)).collect() };
        let mut qualifiers = Vec::new();
        let kinds = [
            (
                file.approximate,
                Qualifier {
                    approx: true,
                    bound: None,
                },
            ),
            (
                file.at_least,
                Qualifier {
                    approx: false,
                    bound: Some(Bound::AtLeast),
                },
            ),
            (
                file.at_most,
                Qualifier {
                    approx: false,
                    bound: Some(Bound::AtMost),
                },
            ),
            (
                file.nearly,
                Qualifier {
                    approx: true,
                    bound: Some(Bound::AtMost),
                },
            ),
        ];
        for (phrases, qualifier) in kinds {
            for phrase in phrases {
                qualifiers.push((words_of(&phrase), qualifier));
            }
        }
        qualifiers.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        let mut not_count_before: Vec<Vec<String>> =
            file.not_count_before.iter().map(|p| words_of(p)).collect();
        not_count_before.sort_by_key(|w| std::cmp::Reverse(w.len()));
        Ok(QuantityRules {
            numbers: NumberWords::load(data)?,
            vague: map(file.vague),
            qualifiers,
            range_joiners: file.range_joiners.into_iter().collect(),
            range_openers: set(file.range_openers),
            currency_before: file
                .currency_before
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            unit_symbols: file.unit_symbols,
            classifiers: set(file.classifiers),
            time_units: set(file.time_units),
            not_count_before,
            not_units: set(file.not_units),
            compounds: set(file.compounds),
            whole_words: set(file.whole_words),
            skipped_before_unit: file
                .skipped_before_unit
                .iter()
                .map(|p| words_of(p))
                .collect(),
            unit_before: set(file.unit_before),
            acronym_units: file.acronym_units.into_iter().collect(),
        })
    }

    /// Whether a written word may be a number word, without allocating: number words are
    /// short ASCII words.
    fn may_be_number_word(&self, written: &str) -> bool {
        let bytes = written.as_bytes();
        if bytes.len() > MAX_NUMBER_WORD || !bytes.is_ascii() {
            return false;
        }
        let mut buf = [0u8; MAX_NUMBER_WORD];
        for (b, c) in buf.iter_mut().zip(bytes) {
            *b = c.to_ascii_lowercase();
        }
        let lower = std::str::from_utf8(&buf[..bytes.len()]).expect("ASCII is UTF-8");
        self.is_number_word(lower)
    }

    fn is_number_word(&self, w: &str) -> bool {
        self.numbers.opens(w) || self.vague.contains_key(w)
    }

    fn continues_number(&self, w: &str) -> bool {
        self.numbers.continues(w) || self.vague.contains_key(w)
    }
}

/// A token as quantity finding reads it.
struct Word<'t> {
    span: Span,
    surface: &'t str,
    folded: String,
    kind: TokenKind,
    value: Option<f64>,
}

/// A number read from words `from..to`.
struct Number {
    from: usize,
    to: usize,
    value: f64,
    vague: bool,
}

/// The quantities of a text whose sentences and tokens are given, in text order.
pub fn quantities(
    text: &str,
    sentences: &[SentenceTokens<'_>],
    rules: &QuantityRules,
) -> Vec<Quantity> {
    let mut out = Vec::new();
    for sentence in sentences {
        // Most sentences hold no number at all: skip them before folding any word.
        let candidate = sentence.tokens.iter().any(|t| {
            t.kind == TokenKind::Number
                || (t.kind == TokenKind::Word && rules.may_be_number_word(t.span.of(text)))
        });
        if !candidate {
            continue;
        }
        let words: Vec<Word<'_>> = sentence
            .tokens
            .iter()
            .map(|t| {
                let surface = t.span.of(text);
                Word {
                    span: t.span,
                    surface,
                    folded: fold(surface),
                    kind: t.kind,
                    value: t.value,
                }
            })
            .collect();
        let mut i = 0;
        while i < words.len() {
            match read_number(&words, i, rules) {
                Some(number) => {
                    let next = number.to;
                    if let Some(q) = quantity(text, &words, number, rules) {
                        out.push(q.0);
                        i = q.1;
                    } else {
                        i = next;
                    }
                }
                None => i += 1,
            }
        }
    }
    out
}

/// The number starting at word `i`, if one does: digits or number words, with the scale
/// words after them.
fn read_number(words: &[Word<'_>], i: usize, rules: &QuantityRules) -> Option<Number> {
    let first = words.get(i)?;
    let starts = match first.kind {
        TokenKind::Number => first.value.is_some(),
        TokenKind::Word => rules.is_number_word(&first.folded),
        _ => false,
    };
    if !starts {
        return None;
    }
    // A year written as four digits without grouping ("1951", "2023").
    if first.kind == TokenKind::Number
        && first.surface.len() == 4
        && first.value.is_some_and(|v| (1800.0..=2100.0).contains(&v))
    {
        return None;
    }
    // A number glued to a name is part of it ("F-16", "Su-35").
    if first.kind == TokenKind::Number
        && i > 0
        && words[i - 1].span.end == first.span.start
        && words[i - 1].kind == TokenKind::Name
    {
        return None;
    }
    let mut reading = NumberReading::default();
    let mut vague = false;
    let mut j = i;
    while j < words.len() {
        let w = &words[j];
        let f = w.folded.as_str();
        if w.kind == TokenKind::Number && j == i {
            reading = NumberReading::starting_at(w.value?);
        } else if w.kind != TokenKind::Word || !rules.continues_number(f) {
            break;
        } else if let Some(&v) = rules.vague.get(f) {
            if j > i {
                break;
            }
            reading = NumberReading::starting_at(v);
            vague = true;
        } else {
            rules.numbers.add(&mut reading, f);
        }
        j += 1;
    }
    let value = reading.value();
    (value > 0.0).then_some(Number {
        from: i,
        to: j,
        value,
        vague,
    })
}

/// The quantity around `number`, and the index of the first word after it; `None` when
/// the number is a time, an age, a label or counts nothing named.
fn quantity(
    text: &str,
    words: &[Word<'_>],
    number: Number,
    rules: &QuantityRules,
) -> Option<(Quantity, usize)> {
    let mut start = number.from;
    // Labels, ages, years and orders: "pukul 07.45", "berusia 71", "Pasal 5", "salah satu".
    if ends_with_phrase(words, number.from, &rules.not_count_before) {
        return None;
    }
    let mut approx = number.vague;
    let mut bound = number.vague.then_some(Bound::AtLeast);
    let mut max = None;
    let mut end = number.to;
    // A range: "12-15 tentara", "10 hingga 20 orang".
    if let Some(joiner) = words.get(end)
        && (rules.range_joiners.contains(&joiner.folded)
            || rules.range_joiners.contains(joiner.surface))
        && let Some(upper) = read_number(words, end + 1, rules)
        && upper.value > number.value
    {
        max = Some(upper.value);
        bound = Some(Bound::Range);
        end = upper.to;
    }
    // Qualifiers before: "sekitar", "lebih dari", "hampir", "antara".
    if let Some((len, qualifier)) = qualifier_before(words, start, rules) {
        start -= len;
        approx |= qualifier.approx;
        if bound != Some(Bound::Range) {
            bound = qualifier.bound.or(bound);
        }
    } else if bound == Some(Bound::Range)
        && start > 0
        && rules.range_openers.contains(&words[start - 1].folded)
    {
        start -= 1;
    }
    // The counted thing: a currency before, a symbol after, else the next noun.
    let currency = currency_before(words, number.from, rules);
    if let Some((len, _)) = currency {
        start = start.min(number.from - len);
    }
    let measure_before = number
        .from
        .checked_sub(1)
        .filter(|&b| rules.unit_before.contains(&words[b].folded));
    let (unit, unit_end) = if let Some((_, unit)) = currency {
        (unit.to_string(), end)
    } else if let Some(b) = measure_before {
        start = start.min(b);
        (words[b].folded.clone(), end)
    } else if let Some(unit) = words
        .get(end)
        .and_then(|w| rules.unit_symbols.get(w.surface))
    {
        (unit.clone(), end + 1)
    } else if let Some(w) = words
        .get(end)
        .filter(|w| w.kind == TokenKind::Name && rules.acronym_units.contains(w.surface))
    {
        (w.surface.to_string(), end + 1)
    } else {
        let mut u = end;
        // "15 orang …, 14 di antaranya warga sipil": past "di antaranya" to the thing.
        if let Some(len) = rules
            .skipped_before_unit
            .iter()
            .find(|p| {
                words.len() >= u + p.len()
                    && words[u..u + p.len()]
                        .iter()
                        .zip(p.iter())
                        .all(|(w, x)| w.folded == *x)
            })
            .map(Vec::len)
        {
            u += len;
        }
        while words
            .get(u)
            .is_some_and(|w| rules.classifiers.contains(&w.folded))
            && words
                .get(u + 1)
                .is_some_and(|w| w.kind == TokenKind::Word && !rules.not_units.contains(&w.folded))
        {
            u += 1;
        }
        let w = words.get(u)?;
        if !matches!(w.kind, TokenKind::Word | TokenKind::Name)
            || (w.kind == TokenKind::Name && u == end)
            || rules.not_units.contains(&w.folded)
            || rules.time_units.contains(&w.folded)
            || rules.continues_number(&w.folded)
        {
            return None;
        }
        // "26 warga sipil", "100 warga negara Indonesia": a counted thing of several words
        // stays whole; "anggotanya" is "anggota", but "lainnya" is a word of its own.
        let compound = [3, 2].into_iter().find(|&n| {
            words.len() >= u + n
                && rules.compounds.contains(
                    &words[u..u + n]
                        .iter()
                        .map(|w| w.folded.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                )
        });
        match compound {
            Some(n) => (
                words[u..u + n]
                    .iter()
                    .map(|w| w.surface.to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" "),
                u + n,
            ),
            None => {
                let unit = w.surface.to_lowercase();
                let unit = match unit.strip_suffix("nya") {
                    Some(stem) if stem.len() >= 3 && !rules.whole_words.contains(&w.folded) => {
                        stem.to_string()
                    }
                    _ => unit,
                };
                (unit, u + 1)
            }
        }
    };
    if rules.time_units.contains(&unit) {
        return None;
    }
    let span = Span::new(words[start].span.start, words[unit_end - 1].span.end);
    Some((
        Quantity {
            value: number.value,
            max,
            unit,
            approx,
            bound,
            text: span.of(text).to_string(),
            span,
        },
        unit_end,
    ))
}

/// Whether the words before `at` end with one of `phrases`.
fn ends_with_phrase(words: &[Word<'_>], at: usize, phrases: &[Vec<String>]) -> bool {
    // "ke-2" is one token; "ke 2" two.
    if at > 0
        && words[at - 1].folded.ends_with("ke")
        && words[at - 1].span.end == words[at].span.start
    {
        return true;
    }
    phrases.iter().any(|p| {
        at >= p.len()
            && words[at - p.len()..at]
                .iter()
                .zip(p)
                .all(|(w, x)| w.folded == *x)
    })
}

fn qualifier_before(
    words: &[Word<'_>],
    at: usize,
    rules: &QuantityRules,
) -> Option<(usize, Qualifier)> {
    rules.qualifiers.iter().find_map(|(phrase, qualifier)| {
        (at >= phrase.len()
            && words[at - phrase.len()..at]
                .iter()
                .zip(phrase)
                .all(|(w, x)| w.folded == *x))
        .then_some((phrase.len(), *qualifier))
    })
}

/// A currency written right before the number ("US$", "Rp"), as the number of tokens it
/// takes and the unit it names.
fn currency_before<'r>(
    words: &[Word<'_>],
    at: usize,
    rules: &'r QuantityRules,
) -> Option<(usize, &'r str)> {
    for len in [2, 1] {
        if at < len {
            continue;
        }
        let run = &words[at - len..at];
        let adjacent = run.windows(2).all(|p| p[0].span.end == p[1].span.start);
        if !adjacent {
            continue;
        }
        let written: String = run.iter().map(|w| w.surface.to_lowercase()).collect();
        if let Some(unit) = rules.currency_before.get(&written) {
            return Some((len, unit.as_str()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use crate::analysis::{Bound, Quantity};
    use crate::{Analyzer, Article};

    static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::indonesian);

    fn found(text: &str) -> Vec<Quantity> {
        ANALYZER
            .analyze(&Article::from_text("q.txt", text))
            .quantities
    }

    fn brief(text: &str) -> Vec<(f64, String, bool)> {
        found(text)
            .into_iter()
            .map(|q| (q.value, q.unit, q.approx))
            .collect()
    }

    #[test]
    fn digits_words_and_scales() {
        assert_eq!(
            brief(
                "Rusia meluncurkan 157 drone dan tujuh rudal, sementara 2.000 orang mengungsi.\n"
            ),
            [
                (157.0, "drone".to_string(), false),
                (7.0, "rudal".to_string(), false),
                (2000.0, "orang".to_string(), false)
            ]
        );
        assert_eq!(
            brief(
                "Sebanyak dua puluh lima tentara dan seratus dua puluh satu warga sipil dievakuasi.\n"
            ),
            [
                (25.0, "tentara".to_string(), false),
                (121.0, "warga sipil".to_string(), false)
            ]
        );
        assert_eq!(
            brief(
                "Pasukan maju 3,5 kilometer dan menerima bantuan US$275 juta serta Rp 5,2 triliun.\n"
            ),
            [
                (3.5, "kilometer".to_string(), false),
                (275e6, "dolar AS".to_string(), false),
                (5.2e12, "rupiah".to_string(), false)
            ]
        );
    }

    #[test]
    fn vague_and_qualified_numbers() {
        let q = found(
            "Otoritas mengungsikan puluhan ribu warga dan sedikitnya 12 orang tewas, hampir 300 rumah rusak.\n",
        );
        let brief: Vec<(f64, &str, bool, Option<Bound>)> = q
            .iter()
            .map(|q| (q.value, q.unit.as_str(), q.approx, q.bound))
            .collect();
        assert_eq!(
            brief,
            [
                (10000.0, "warga", true, Some(Bound::AtLeast)),
                (12.0, "orang", false, Some(Bound::AtLeast)),
                (300.0, "rumah", true, Some(Bound::AtMost))
            ]
        );
        assert_eq!(q[1].text, "sedikitnya 12 orang");
    }

    #[test]
    fn acronyms_measures_before_and_years() {
        assert_eq!(
            brief(
                "Gempa magnitudo 6,2 membuat 100 WNI dievakuasi, seperti pada perjanjian 1951 dan 5 anggotanya.\n"
            ),
            [
                (6.2, "magnitudo".to_string(), false),
                (100.0, "WNI".to_string(), false),
                (5.0, "anggota".to_string(), false)
            ]
        );
    }

    #[test]
    fn parts_of_a_count_and_others() {
        assert_eq!(
            brief(
                "Serangan itu menewaskan 15 orang, 14 di antaranya warga sipil, dan 5 lainnya terluka.\n"
            ),
            [
                (15.0, "orang".to_string(), false),
                (14.0, "warga sipil".to_string(), false),
                (5.0, "lainnya".to_string(), false)
            ]
        );
    }

    #[test]
    fn ranges() {
        let q = found("Antara 10 dan 20 kapal terlihat, juga 12-15 tentara.\n");
        let ranges: Vec<(f64, Option<f64>, &str)> = q
            .iter()
            .map(|q| (q.value, q.max, q.unit.as_str()))
            .collect();
        assert_eq!(
            ranges,
            [(10.0, Some(20.0), "kapal"), (12.0, Some(15.0), "tentara")]
        );
        assert!(q.iter().all(|q| q.bound == Some(Bound::Range)));
    }

    #[test]
    fn a_range_word_ending_the_text_is_no_range() {
        assert_eq!(brief("Kapal yang terlihat ada 10 dan"), []);
        assert_eq!(brief("Jumlah tentara tewas 12 -"), []);
    }

    #[test]
    fn times_ages_years_and_labels_are_not_quantities() {
        let text = "Pada pukul 07.45 WIB, pria berusia 71 tahun itu tiba. Perang sudah tiga setengah tahun, sejak tahun 2022, dan pesawat F-16 serta Pasal 5 dibahas untuk ke-2 kalinya. Salah satu kapal rusak dalam 24 jam terakhir.\n";
        assert_eq!(found(text), []);
    }
}
