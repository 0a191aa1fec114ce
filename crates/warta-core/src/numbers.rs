//! Number words: how "dua puluh lima" adds up to 25 and "tiga ratus ribu" to 300000.
//!
//! Quantities ("tujuh drone") and dates ("tiga hari lalu") both read numbers written in
//! words, so the words (`numbers.toml`) and the arithmetic live here, once.

use std::collections::HashMap;

use serde::Deserialize;
use warta_kb::fold;

use crate::lang::{LangData, LangError};

const FILE: &str = "numbers.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    digits: HashMap<String, f64>,
    group_words: HashMap<String, f64>,
    teens: String,
    small_scales: HashMap<String, f64>,
    big_scales: HashMap<String, f64>,
}

/// The number words of a language, folded.
#[derive(Debug)]
pub struct NumberWords {
    digits: HashMap<String, f64>,
    group_words: HashMap<String, f64>,
    teens: String,
    small_scales: HashMap<String, f64>,
    big_scales: HashMap<String, f64>,
}

/// A number being read word by word: the closed groups' `total`, the open `group` under
/// a thousand, and the `last` digit still waiting for its scale.
#[derive(Debug, Clone, Copy, Default)]
pub struct NumberReading {
    total: f64,
    group: f64,
    last: f64,
}

impl NumberReading {
    /// A reading that starts from a number written in digits ("275" of "275 juta").
    pub fn starting_at(value: f64) -> NumberReading {
        NumberReading {
            last: value,
            ..NumberReading::default()
        }
    }

    pub fn value(&self) -> f64 {
        self.total + self.group + self.last
    }
}

impl NumberWords {
    pub fn load(data: &LangData<'_>) -> Result<NumberWords, LangError> {
        let file: NumbersFile =
            toml::from_str(data.file(FILE)?).map_err(|e| LangError::invalid(FILE, e))?;
        let map = |m: HashMap<String, f64>| -> HashMap<String, f64> {
            m.into_iter().map(|(k, v)| (fold(&k), v)).collect()
        };
        Ok(NumberWords {
            digits: map(file.digits),
            group_words: map(file.group_words),
            teens: fold(&file.teens),
            small_scales: map(file.small_scales),
            big_scales: map(file.big_scales),
        })
    }

    /// Whether the folded word `w` can open a number ("dua", "sepuluh", "ribu").
    pub fn opens(&self, w: &str) -> bool {
        self.digits.contains_key(w)
            || self.group_words.contains_key(w)
            || self.big_scales.contains_key(w)
    }

    /// Whether the folded word `w` can go on with a number ("belas", "puluh" too).
    pub fn continues(&self, w: &str) -> bool {
        self.opens(w) || w == self.teens || self.small_scales.contains_key(w)
    }

    /// Adds the folded word `w` to `reading`; false, leaving it as it was, when `w` is no
    /// number word.
    pub fn add(&self, reading: &mut NumberReading, w: &str) -> bool {
        let r = reading;
        if let Some(&d) = self.digits.get(w) {
            // A fraction ("setengah") adds to the digit before it: "tiga setengah".
            if d < 1.0 {
                r.last += d;
            } else {
                r.group += r.last;
                r.last = d;
            }
        } else if let Some(&g) = self.group_words.get(w) {
            r.group += r.last + g;
            r.last = 0.0;
        } else if w == self.teens {
            r.group += r.last + 10.0;
            r.last = 0.0;
        } else if let Some(&scale) = self.small_scales.get(w) {
            r.group += r.last.max(1.0) * scale;
            r.last = 0.0;
        } else if let Some(&scale) = self.big_scales.get(w) {
            let n = r.group + r.last;
            r.total += if n == 0.0 { scale } else { n * scale };
            r.group = 0.0;
            r.last = 0.0;
        } else {
            return false;
        }
        true
    }

    /// The value of a phrase made only of number words ("dua puluh lima"), folding each
    /// word; `None` when one is not a number word or the phrase is empty.
    pub fn value_of<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> Option<f64> {
        let mut reading = NumberReading::default();
        let mut any = false;
        for word in words {
            if !self.add(&mut reading, &fold(word)) {
                return None;
            }
            any = true;
        }
        any.then(|| reading.value())
    }

    /// Every number word, folded, for patterns that find numbers in text.
    pub fn words(&self) -> impl Iterator<Item = &String> {
        self.digits
            .keys()
            .chain(self.group_words.keys())
            .chain(std::iter::once(&self.teens))
            .chain(self.small_scales.keys())
            .chain(self.big_scales.keys())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_of_number_words_add_up() {
        let data = LangData::new([(FILE, include_str!("../lang/id/numbers.toml"))]);
        let numbers = NumberWords::load(&data).unwrap();
        let value = |phrase: &str| numbers.value_of(phrase.split(' '));
        assert_eq!(value("tiga"), Some(3.0));
        assert_eq!(value("dua belas"), Some(12.0));
        assert_eq!(value("Dua puluh lima"), Some(25.0));
        assert_eq!(value("tiga ratus ribu"), Some(300_000.0));
        assert_eq!(value("tiga setengah"), Some(3.5));
        assert_eq!(value("tiga hari"), None);
        assert_eq!(value(""), None);
    }
}
