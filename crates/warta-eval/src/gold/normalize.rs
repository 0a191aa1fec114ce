//! String comparison rules of GOLD_FORMAT.md: "Strings are compared after lower-casing,
//! removing accents and collapsing white space."

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases, strips accents (NFD, then drop combining marks) and collapses every run of
/// white space to one space, trimming the ends, so that "Café  Rósa" and "cafe rosa"
/// compare equal.
pub fn normalize(text: &str) -> String {
    let without_marks: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
    let lowered = without_marks.to_lowercase();
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalises a list of acceptable names, dropping names that normalise to nothing so that
/// an empty string never counts as "a name in common".
pub fn normalize_names(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|name| normalize(name))
        .filter(|name| !name.is_empty())
        .collect()
}

/// Whether two already-normalised name lists share a name.
pub fn share_a_name(left: &[String], right: &[String]) -> bool {
    left.iter().any(|name| right.contains(name))
}

/// Whether two already-normalised date expressions overlap.
///
/// GOLD_FORMAT.md does not define "overlaps". Here two expressions overlap when one contains
/// the other ("Senin (12/9)" in "pada Senin (12/9)") or when they share a whole word, a run
/// of letters or digits ("pada hari Senin" and "Senin lalu" share "senin"). Single shared
/// characters do not count. The scorer also demands the same resolved value, which keeps
/// this loose rule from pairing expressions about different days.
pub fn texts_overlap(left: &str, right: &str) -> bool {
    if left.is_empty() || right.is_empty() {
        return false;
    }
    if left.contains(right) || right.contains(left) {
        return true;
    }
    let right_words: Vec<&str> = words(right).collect();
    words(left).any(|word| right_words.contains(&word))
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// The `YYYY-MM-DD` part of a date or timestamp, so that a system that writes
/// `2024-08-08T10:00:00+07:00` is still compared on the day.
pub fn iso_day(value: &str) -> &str {
    let value = value.trim();
    match value.split_once(['T', ' ']) {
        Some((day, _)) => day,
        None => value,
    }
}
