//! Language packs: the words and patterns the algorithms run on.
//!
//! Language knowledge lives in data files under `lang/<code>/` (abbreviations,
//! boilerplate rules, cue words, affixes, root lexicon), never in code. The Indonesian
//! pack is embedded in the binary; [`Language::load`] builds a pack from any set of
//! files with the same names, so a user can override the data without rebuilding.

use std::collections::BTreeMap;

use thiserror::Error;

use crate::clause::ClauseRules;
use crate::clean::Cleaner;
use crate::coref::CorefRules;
use crate::dates::Calendar;
use crate::entities::EntityRules;
use crate::event::EventRules;
use crate::meta::MetaRules;
use crate::morph::Lemmatizer;
use crate::quantity::QuantityRules;
use crate::segment::Segmenter;
use crate::speech::SpeechRules;

/// Names of the data files a language pack is made of.
pub const FILES: &[&str] = &[
    "abbreviations.txt",
    "clean.toml",
    "meta.toml",
    "calendar.toml",
    "affixes.toml",
    "roots.txt",
    "roots-hunspell.txt",
    "lemmas.tsv",
    "forms.txt",
    "entities.toml",
    "coref.toml",
    "speech.toml",
    "numbers.toml",
    "quantities.toml",
    "clause.toml",
    "events.toml",
];

/// The Indonesian pack, embedded at compile time.
const INDONESIAN: &[(&str, &str)] = &[
    (
        "abbreviations.txt",
        include_str!("../../lang/id/abbreviations.txt"),
    ),
    ("clean.toml", include_str!("../../lang/id/clean.toml")),
    ("meta.toml", include_str!("../../lang/id/meta.toml")),
    ("calendar.toml", include_str!("../../lang/id/calendar.toml")),
    ("affixes.toml", include_str!("../../lang/id/affixes.toml")),
    ("roots.txt", include_str!("../../lang/id/roots.txt")),
    (
        "roots-hunspell.txt",
        include_str!("../../lang/id/roots-hunspell.txt"),
    ),
    ("lemmas.tsv", include_str!("../../lang/id/lemmas.tsv")),
    ("forms.txt", include_str!("../../lang/id/forms.txt")),
    ("entities.toml", include_str!("../../lang/id/entities.toml")),
    ("coref.toml", include_str!("../../lang/id/coref.toml")),
    ("speech.toml", include_str!("../../lang/id/speech.toml")),
    ("numbers.toml", include_str!("../../lang/id/numbers.toml")),
    (
        "quantities.toml",
        include_str!("../../lang/id/quantities.toml"),
    ),
    ("clause.toml", include_str!("../../lang/id/clause.toml")),
    ("events.toml", include_str!("../../lang/id/events.toml")),
];

/// A data file of a pack was missing or malformed.
#[derive(Debug, Error)]
pub enum LangError {
    #[error("language data file `{0}` is missing")]
    Missing(String),
    #[error("language data file `{file}`: {message}")]
    Invalid { file: String, message: String },
}

impl LangError {
    pub fn invalid(file: &str, message: impl ToString) -> Self {
        LangError::Invalid {
            file: file.to_string(),
            message: message.to_string(),
        }
    }
}

/// Cache of the lazy DFA of each pattern (per thread). The rule sets mix many patterns
/// with Unicode letter classes; with the default 2 MiB the cache thrashes and the engine
/// falls back to its slow NFA simulation.
const LAZY_DFA_CACHE: usize = 32 << 20;

/// Size limit of a compiled set of patterns. The cleaner tests all its line patterns in
/// one set, whose Unicode classes and bounded repeats (`[\p{L}.' ]{2,40}`) compile to
/// more than the default 10 MiB.
const SET_SIZE_LIMIT: usize = 64 << 20;

/// Compiles a pattern from a data file, naming the file if it is invalid.
///
/// `\b` and `\B` are read as ASCII word boundaries: Unicode word boundaries make the
/// regex engine fall back from its lazy DFA to a much slower NFA simulation on any
/// non-ASCII text (a curly quote is enough), and Indonesian words are ASCII letters.
pub fn compile(file: &str, pattern: &str) -> Result<regex::Regex, LangError> {
    regex::RegexBuilder::new(&ascii_word_boundaries(pattern))
        .dfa_size_limit(LAZY_DFA_CACHE)
        .build()
        .map_err(|e| LangError::invalid(file, e))
}

/// Compiles a set of patterns from a data file, as [`compile`] does.
pub fn compile_set<'p>(
    file: &str,
    patterns: impl IntoIterator<Item = &'p str>,
) -> Result<regex::RegexSet, LangError> {
    regex::RegexSetBuilder::new(patterns.into_iter().map(ascii_word_boundaries))
        .size_limit(SET_SIZE_LIMIT)
        .dfa_size_limit(LAZY_DFA_CACHE)
        .build()
        .map_err(|e| LangError::invalid(file, e))
}

/// A compiled pattern whose capture searches on ASCII text run on its ASCII twin: the
/// same pattern with its Unicode letter, digit and word classes (`\p{L}`, `\p{Lu}`,
/// `\p{Ll}`, `\p{N}`, `\d`, `\w` and their negations) cut to their ASCII members.
/// On ASCII text the twin matches exactly as the pattern does, but its automaton is a
/// fraction of the size, and a capture search (a backtracker that clears a visited set
/// of states × bytes on every call) costs that much less. Finding matches, which needs
/// no groups, stays with the pattern (`Deref`).
#[derive(Debug)]
pub struct Pattern {
    regex: regex::Regex,
    twin: Option<regex::Regex>,
    /// The pattern asserts the end of the text (`$`, `\z`): its twin then only reads a
    /// text that is ASCII up to its end.
    reads_end: bool,
}

impl std::ops::Deref for Pattern {
    type Target = regex::Regex;

    fn deref(&self) -> &regex::Regex {
        &self.regex
    }
}

impl Pattern {
    /// The groups of the first match in `text`.
    pub fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        let found = self.regex.find(text)?;
        Some(self.captures_of(text, found))
    }

    /// The groups of every match in `text`, in order.
    pub fn captures_iter<'p, 't>(
        &'p self,
        text: &'t str,
    ) -> impl Iterator<Item = regex::Captures<'t>> + use<'p, 't> {
        self.regex
            .find_iter(text)
            .map(move |found| self.captures_of(text, found))
    }

    /// The groups of `found`, a match of this pattern in `text`.
    ///
    /// The twin reads the text up to the end of the ASCII run holding the match: bytes
    /// it consumes are ASCII, the text before the match stays as context, and at the
    /// run's end both see a non-word byte for `\b` (word boundaries are ASCII, see
    /// [`compile`]). So every way of matching that ends within the run succeeds for
    /// both or for neither, and both choose the same one. Only an end-of-text assertion
    /// could tell the run's end from the text's.
    pub fn captures_of<'t>(&self, text: &'t str, found: regex::Match<'t>) -> regex::Captures<'t> {
        let start = found.start();
        if let Some(twin) = &self.twin {
            let run = text.as_bytes()[start..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(text.len(), |i| start + i);
            if run >= found.end() && (!self.reads_end || run == text.len()) {
                let caps = twin.captures_at(&text[..run], start);
                return caps.expect("the twin matches where the pattern does");
            }
        }
        self.regex
            .captures_at(text, start)
            .expect("the pattern matches where it matched")
    }
}

/// Compiles a pattern from a data file as [`compile`] does, with its ASCII twin for
/// capture searches (see [`Pattern`]).
pub fn compile_pattern(file: &str, pattern: &str) -> Result<Pattern, LangError> {
    Ok(Pattern {
        regex: compile(file, pattern)?,
        twin: ascii_twin(pattern)
            .map(|twin| compile(file, &twin))
            .transpose()?,
        reads_end: pattern.contains('$') || pattern.contains("\\z"),
    })
}

/// The members of a class in ASCII, as they read inside brackets, or `None` for a
/// class the twin does not know.
fn ascii_members(class: &str) -> Option<&'static str> {
    Some(match class {
        "L" => "A-Za-z",
        "Lu" => "A-Z",
        "Ll" => "a-z",
        "N" | "d" => "0-9",
        "w" => "0-9A-Za-z_",
        _ => return None,
    })
}

fn ascii_twin(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    // Depth of nested brackets: inside a class, members are spliced in; outside, a
    // class of their own is written.
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let escaped = chars.next()?;
                let (class, negated) = match escaped {
                    'p' | 'P' => {
                        let name: String = if chars.peek() == Some(&'{') {
                            chars.next();
                            chars.by_ref().take_while(|&c| c != '}').collect()
                        } else {
                            chars.next()?.to_string()
                        };
                        (name, escaped == 'P')
                    }
                    'd' | 'w' => (escaped.to_string(), false),
                    'D' | 'W' => (escaped.to_ascii_lowercase().to_string(), true),
                    // Unicode word starts and ends.
                    '<' | '>' => return None,
                    _ => {
                        out.push('\\');
                        out.push(escaped);
                        continue;
                    }
                };
                let members = ascii_members(&class)?;
                match (depth > 0, negated) {
                    (true, false) => out.push_str(members),
                    (true, true) => return None,
                    (false, negated) => {
                        out.push_str(if negated { "[^" } else { "[" });
                        out.push_str(members);
                        out.push(']');
                    }
                }
            }
            '[' => {
                depth += 1;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push(chars.next()?);
                }
                // A `]` first in a class is a member, not its end.
                if chars.peek() == Some(&']') {
                    out.push(chars.next()?);
                }
            }
            ']' if depth > 0 => {
                depth -= 1;
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(b @ ('b' | 'B')) => {
                out.push_str("(?-u:\\");
                out.push(b);
                out.push(')');
            }
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The raw text of a pack's data files, by file name.
pub struct LangData<'a> {
    files: BTreeMap<&'a str, &'a str>,
}

impl<'a> LangData<'a> {
    pub fn new(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        LangData {
            files: files.into_iter().collect(),
        }
    }

    /// The text of one data file.
    pub fn file(&self, name: &str) -> Result<&'a str, LangError> {
        self.files
            .get(name)
            .copied()
            .ok_or_else(|| LangError::Missing(name.to_string()))
    }

    /// Non-empty, non-comment (`#`) lines of a list file, trimmed.
    pub fn lines(&self, name: &str) -> Result<impl Iterator<Item = &'a str>, LangError> {
        Ok(self
            .file(name)?
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#')))
    }
}

/// Everything the analysis knows about one language, compiled for fast use.
#[derive(Debug)]
pub struct Language {
    /// ISO 639-1 code.
    pub code: String,
    pub segmenter: Segmenter,
    pub cleaner: Cleaner,
    pub meta: MetaRules,
    pub calendar: Calendar,
    pub lemmatizer: Lemmatizer,
    pub entities: EntityRules,
    pub clause: ClauseRules,
    pub coref: CorefRules,
    pub speech: SpeechRules,
    pub quantities: QuantityRules,
    pub events: EventRules,
}

impl Language {
    /// The embedded Indonesian pack.
    pub fn indonesian() -> Language {
        Language::load("id", &LangData::new(INDONESIAN.iter().copied()))
            .expect("the embedded Indonesian language data is valid (checked by tests)")
    }

    /// Builds a pack from data files.
    pub fn load(code: &str, data: &LangData<'_>) -> Result<Language, LangError> {
        Ok(Language {
            code: code.to_string(),
            segmenter: Segmenter::load(data)?,
            cleaner: Cleaner::load(data)?,
            meta: MetaRules::load(data)?,
            calendar: Calendar::load(data)?,
            lemmatizer: Lemmatizer::load(data)?,
            entities: EntityRules::load(data)?,
            clause: ClauseRules::load(data)?,
            coref: CorefRules::load(data)?,
            speech: SpeechRules::load(data)?,
            quantities: QuantityRules::load(data)?,
            events: EventRules::load(data)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_pack_loads() {
        let lang = Language::indonesian();
        assert_eq!(lang.code, "id");
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(
            ascii_word_boundaries(r"\bAFP\b|\\b\d"),
            r"(?-u:\b)AFP(?-u:\b)|\\b\d"
        );
        let re = compile("test", r"\bdpa\b").unwrap();
        assert!(re.is_match("“foto -/Kremlin/dpa”"));
        assert!(!re.is_match("kedpaan"));
    }

    #[test]
    fn ascii_twins_cut_classes_to_ascii() {
        assert_eq!(
            ascii_twin(r"(?:^|[^\p{L}])\p{Lu}[\p{L}\pN&'’-]*\s\d\W[]a]\\p").unwrap(),
            r"(?:^|[^A-Za-z])[A-Z][A-Za-z0-9&'’-]*\s[0-9][^0-9A-Za-z_][]a]\\p"
        );
        assert_eq!(ascii_twin(r"\p{Greek}"), None);
        assert_eq!(ascii_twin(r"[\W]"), None);
        let pattern = r"^(?P<first>[\p{Lu}\p{N}][\p{L}\p{N}.’' ]{0,40}?)\s*(?:-|–)(?:\s+|$)";
        let (full, twin) = (
            compile("test", pattern).unwrap(),
            compile("test", &ascii_twin(pattern).unwrap()).unwrap(),
        );
        for line in [
            "JAKARTA, KOMPAS.com - Presiden",
            "Bandung 2 -",
            "jakarta - x",
            "A -B",
        ] {
            let groups = |re: &regex::Regex| {
                re.captures(line)
                    .map(|c| (c.get(0).unwrap().range(), c.name("first").unwrap().range()))
            };
            assert_eq!(groups(&full), groups(&twin), "{line}");
        }
    }

    #[test]
    fn missing_file_is_named() {
        let data = LangData::new([("abbreviations.txt", "")]);
        let err = Language::load("xx", &data).unwrap_err();
        assert!(err.to_string().contains("is missing"), "{err}");
    }
}
