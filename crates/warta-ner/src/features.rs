//! Feature extraction: what the tagger sees of each token and its neighbours.
//!
//! Every feature is a 64-bit hash of a template and the values it reads ("the word two to
//! the left is `kota`"). Token-level values (the lower-case form, the shape, each affix) are
//! hashed once per token and templates combine those hashes, so extraction costs a few
//! multiplications per feature and allocates only the per-token lower-case forms. The hash
//! is fixed (FNV-1a with a SplitMix finaliser), so a model's features mean the same on every
//! platform and build.

use std::collections::HashMap;

use crate::label::{EntityType, Label};

/// Cue word classes: words that hint at the type of a nearby name, read from a data file
/// (`data/id/cues.txt` for Indonesian).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cues {
    /// The file the cues were read from, kept so a model carries the cues it was trained
    /// with.
    source: String,
    /// Lower-case word → the hashes of the classes it belongs to.
    classes: HashMap<String, Vec<u64>>,
}

/// An error in a cue file.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("cue file line {line}: {message}")]
pub struct CueError {
    pub line: usize,
    pub message: String,
}

impl Cues {
    /// The Indonesian cue words shipped with the crate.
    pub fn indonesian() -> Cues {
        Cues::parse(include_str!("../data/id/cues.txt")).expect("the shipped cue file parses")
    }

    /// Reads a cue file: `[class]` headings, then one word per line; `#` starts a comment.
    pub fn parse(text: &str) -> Result<Cues, CueError> {
        let mut classes: HashMap<String, Vec<u64>> = HashMap::new();
        let mut class = None;
        for (index, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                class = Some(hash_str(name));
                continue;
            }
            let Some(class) = class else {
                return Err(CueError {
                    line: index + 1,
                    message: format!("word {line:?} before any [class] heading"),
                });
            };
            let hashes = classes.entry(line.to_lowercase()).or_default();
            if !hashes.contains(&class) {
                hashes.push(class);
            }
        }
        Ok(Cues {
            source: text.to_owned(),
            classes,
        })
    }

    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    fn classes_of(&self, lower: &str) -> &[u64] {
        self.classes.get(lower).map_or(&[], Vec::as_slice)
    }
}

/// Known names with their types, for example from warta's knowledge base. A model trained
/// with a gazetteer marks each token covered by a known name (longest match first, in
/// lower case) with the name's type and its place in the name, and weighs that against
/// the other evidence, so a wrong or ambiguous entry is outvoted by context.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    names: HashMap<Vec<String>, EntityType>,
    /// First token of a name → the most tokens a name starting with it has, so a token
    /// that starts no name costs one lookup instead of one per possible length.
    starts: HashMap<String, usize>,
}

impl Gazetteer {
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// Adds a name given as its tokens ("Jawa", "Tengah"). A later entry for the same
    /// tokens replaces the type.
    pub fn insert<S: AsRef<str>>(&mut self, tokens: &[S], kind: EntityType) {
        if tokens.is_empty() {
            return;
        }
        let key: Vec<String> = tokens.iter().map(|t| t.as_ref().to_lowercase()).collect();
        let longest = self.starts.entry(key[0].clone()).or_default();
        *longest = (*longest).max(key.len());
        self.names.insert(key, kind);
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every name (lower-case tokens) with its type, in no particular order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&[String], EntityType)> {
        self.names
            .iter()
            .map(|(tokens, &kind)| (tokens.as_slice(), kind))
    }

    /// For each token, the type of the known name covering it and whether it begins the
    /// name: the longest name starting at the leftmost uncovered token wins.
    fn mark(&self, lower: &[String]) -> Vec<Option<(EntityType, bool)>> {
        let mut marks = vec![None; lower.len()];
        let mut start = 0;
        while start < lower.len() {
            let Some(&longest) = self.starts.get(&lower[start]) else {
                start += 1;
                continue;
            };
            let longest = longest.min(lower.len() - start);
            let found = (1..=longest)
                .rev()
                .find_map(|len| Some((len, *self.names.get(&lower[start..start + len])?)));
            match found {
                Some((len, kind)) => {
                    for (offset, mark) in marks[start..start + len].iter_mut().enumerate() {
                        *mark = Some((kind, offset == 0));
                    }
                    start += len;
                }
                None => start += 1,
            }
        }
        marks
    }
}

/// What the training data itself says, used as features the way a gazetteer is: the names
/// labelled in it (each with the type it was labelled most often) and, per lower-case word,
/// the label it had most often and whether it always had that one. The trainer builds each
/// sentence's copy from the other parts of the training data only (jackknifing), so the
/// model learns how far to trust it on text it has not seen, which is how tagging uses the
/// copy built from all of it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Learned {
    pub(crate) names: Gazetteer,
    pub(crate) words: HashMap<String, WordLabel>,
}

/// A word's most frequent label in the training data, as a [`WordLabel::code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WordLabel {
    pub(crate) code: u8,
    /// The word never had another label.
    pub(crate) always: bool,
}

impl WordLabel {
    /// `O` is 0, `B-X` is `1 + 2 × X`, `I-X` is `2 + 2 × X` (X the type's code).
    pub(crate) fn code(label: Label) -> u8 {
        match label {
            Label::O => 0,
            Label::B(kind) => 1 + 2 * kind.code(),
            Label::I(kind) => 2 + 2 * kind.code(),
        }
    }
}

/// The feature templates. Their numbers are part of the model format: add new ones at the
/// end and never renumber.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Template {
    Bias,
    Word,
    Lower,
    Shape,
    ShortShape,
    Prefix,
    Suffix,
    LowerAt,
    ShortShapeAt,
    LowerBigramLeft,
    LowerBigramRight,
    ShapeTrigram,
    FirstToken,
    FirstTokenShape,
    CueAt,
    GazetteerAt,
    Flags,
    NeighbourSkip,
    CueShape,
    LowerShapeAt,
    LearnedNameAt,
    LearnedWordAt,
    GazetteerOnlyAt,
}

/// What extraction needs of one token, hashed once.
struct TokenView {
    word: u64,
    lower: u64,
    shape: u64,
    short_shape: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    flags: u64,
}

/// Sentence-boundary values for the neighbour templates.
const BEFORE_START: u64 = 0x5354_4152_545f_5f5f;
const AFTER_END: u64 = 0x454e_445f_5f5f_5f5f;
/// How far the neighbour templates look on each side.
const WINDOW: isize = 2;

/// Extracts the features of every token of `tokens`: `features[i]` lists the hashes that
/// fire at token `i`. Pure and deterministic; `gazetteer` adds known-name features.
pub(crate) fn extract(
    tokens: &[&str],
    cues: &Cues,
    gazetteer: Option<&Gazetteer>,
    learned: &Learned,
    out: &mut Vec<Vec<u64>>,
) {
    let lower: Vec<String> = tokens.iter().map(|t| t.to_lowercase()).collect();
    let views: Vec<TokenView> = tokens
        .iter()
        .zip(&lower)
        .map(|(token, lower)| view(token, lower))
        .collect();
    let cue_classes: Vec<&[u64]> = lower.iter().map(|l| cues.classes_of(l)).collect();
    let marks = gazetteer.map(|g| g.mark(&lower));
    let learned_marks = learned.names.mark(&lower);
    let word_labels: Vec<Option<WordLabel>> = lower
        .iter()
        .map(|w| learned.words.get(w).copied())
        .collect();
    let n = tokens.len();
    out.resize_with(n, Vec::new);
    out.truncate(n);
    // A view's field at a position that may lie outside the sentence.
    let field_at = |i: isize, field: fn(&TokenView) -> u64| -> u64 {
        if i < 0 {
            BEFORE_START
        } else if i as usize >= n {
            AFTER_END
        } else {
            field(&views[i as usize])
        }
    };
    let lower_at = |i: isize| field_at(i, |v| v.lower);
    let shape_at = |i: isize| field_at(i, |v| v.short_shape);
    for (i, features) in out.iter_mut().enumerate() {
        features.clear();
        let v = &views[i];
        let at = i as isize;
        let mut push = |template: Template, values: &[u64]| {
            let mut h = template as u64;
            for &value in values {
                h = combine(h, value);
            }
            features.push(finish(h));
        };
        push(Template::Bias, &[]);
        push(Template::Word, &[v.word]);
        push(Template::Lower, &[v.lower]);
        push(Template::Shape, &[v.shape]);
        push(Template::ShortShape, &[v.short_shape]);
        for (len, &prefix) in v.prefixes.iter().enumerate() {
            if prefix != 0 {
                push(Template::Prefix, &[len as u64, prefix]);
            }
        }
        for (len, &suffix) in v.suffixes.iter().enumerate() {
            if suffix != 0 {
                push(Template::Suffix, &[len as u64, suffix]);
            }
        }
        for offset in (-WINDOW..=WINDOW).filter(|&o| o != 0) {
            push(Template::LowerAt, &[offset as u64, lower_at(at + offset)]);
            push(
                Template::ShortShapeAt,
                &[offset as u64, shape_at(at + offset)],
            );
            let cue_at = at + offset;
            if cue_at >= 0 && (cue_at as usize) < n {
                for &class in cue_classes[cue_at as usize] {
                    push(Template::CueAt, &[offset as u64, class]);
                    push(Template::CueShape, &[offset as u64, class, v.short_shape]);
                }
            }
        }
        for &class in cue_classes[i] {
            push(Template::CueAt, &[0, class]);
        }
        push(Template::LowerBigramLeft, &[lower_at(at - 1), v.lower]);
        push(Template::LowerBigramRight, &[v.lower, lower_at(at + 1)]);
        push(
            Template::NeighbourSkip,
            &[lower_at(at - 1), lower_at(at + 1)],
        );
        push(
            Template::ShapeTrigram,
            &[shape_at(at - 1), v.short_shape, shape_at(at + 1)],
        );
        if i == 0 {
            push(Template::FirstToken, &[]);
            push(Template::FirstTokenShape, &[v.short_shape, v.lower]);
        }
        push(Template::Flags, &[v.flags]);
        for offset in [-1isize, 1] {
            push(
                Template::LowerShapeAt,
                &[offset as u64, lower_at(at + offset), v.short_shape],
            );
        }
        for offset in -1..=1isize {
            let j = at + offset;
            if j < 0 || j as usize >= n {
                continue;
            }
            if let Some((kind, begins)) = learned_marks[j as usize] {
                push(
                    Template::LearnedNameAt,
                    &[offset as u64, u64::from(kind.code()), u64::from(begins)],
                );
            }
            if let Some(label) = word_labels[j as usize] {
                push(
                    Template::LearnedWordAt,
                    &[
                        offset as u64,
                        u64::from(label.code),
                        u64::from(label.always),
                    ],
                );
            }
        }
        if let Some(marks) = &marks {
            for offset in -1..=1isize {
                let j = at + offset;
                if j < 0 || j as usize >= n {
                    continue;
                }
                if let Some((kind, begins)) = marks[j as usize] {
                    let values = [offset as u64, u64::from(kind.code()), u64::from(begins)];
                    push(Template::GazetteerAt, &values);
                    // A known name the training data never labelled is what the tagger
                    // meets in new text: how far to trust the gazetteer alone.
                    if learned_marks[j as usize].is_none() {
                        push(Template::GazetteerOnlyAt, &values);
                    }
                }
            }
        }
    }
}

fn view(token: &str, lower: &str) -> TokenView {
    let mut shape = String::with_capacity(8);
    let mut short_shape = String::with_capacity(8);
    let (mut digits, mut upper, mut letters, mut hyphen, mut dot) = (false, 0, 0, false, false);
    for c in token.chars() {
        let class = if c.is_uppercase() {
            upper += 1;
            letters += 1;
            'X'
        } else if c.is_alphabetic() {
            letters += 1;
            'x'
        } else if c.is_numeric() {
            digits = true;
            'd'
        } else {
            hyphen |= c == '-';
            dot |= c == '.';
            c
        };
        if shape.len() < 8 {
            shape.push(class);
        }
        if !short_shape.ends_with(class) {
            short_shape.push(class);
        }
    }
    let all_caps = letters > 1 && upper == letters;
    let length = token.chars().count().min(6) as u64;
    let flags = u64::from(digits)
        | u64::from(all_caps) << 1
        | u64::from(hyphen) << 2
        | u64::from(dot) << 3
        | length << 4;
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    let mut prefixes = [0; 4];
    let mut suffixes = [0; 4];
    // Affixes only of words longer than the affix, so the whole word is not counted twice.
    for len in 1..=4.min(chars.len().saturating_sub(1)) {
        prefixes[len - 1] = hash_str(&lower[..chars[len].0]);
        suffixes[len - 1] = hash_str(&lower[chars[chars.len() - len].0..]);
    }
    TokenView {
        word: hash_str(token),
        lower: hash_str(lower),
        shape: hash_str(&shape),
        short_shape: hash_str(&short_shape),
        prefixes,
        suffixes,
        flags,
    }
}

/// FNV-1a over the bytes; nonzero so 0 can mean "no value".
fn hash_str(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h | 1
}

fn combine(h: u64, value: u64) -> u64 {
    (h ^ value)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(29)
}

/// SplitMix64's finaliser, so feature hashes spread evenly over the model's table.
fn finish(mut h: u64) -> u64 {
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(tokens: &[&str], gazetteer: Option<&Gazetteer>) -> Vec<Vec<u64>> {
        let mut out = Vec::new();
        extract(
            tokens,
            &Cues::indonesian(),
            gazetteer,
            &Learned::default(),
            &mut out,
        );
        out
    }

    #[test]
    fn one_feature_list_per_token_and_deterministic() {
        let tokens = ["Presiden", "Joko", "Widodo", "tiba", "di", "Solo", "."];
        let a = features(&tokens, None);
        assert_eq!(a.len(), tokens.len());
        assert_eq!(a, features(&tokens, None));
        // Even punctuation, with no affixes, has its form, shapes and neighbours.
        assert!(a.iter().all(|f| f.len() >= 18));
    }

    #[test]
    fn case_changes_word_and_shape_but_not_lower_case_features() {
        let upper = &features(&["Solo"], None)[0];
        let lower = &features(&["solo"], None)[0];
        let shared = upper.iter().filter(|f| lower.contains(f)).count();
        // Bias, lower-case form, affixes and neighbours agree; the form and shapes differ.
        assert!(shared > 5 && shared < upper.len());
    }

    #[test]
    fn a_cue_word_changes_its_neighbours_features() {
        let cue = features(&["kota", "Solo"], None);
        let plain = features(&["warga", "Solo"], None);
        let other = features(&["bola", "Solo"], None);
        // "kota" and "warga" are both place cues; "bola" is no cue. The features of "Solo"
        // differ in the neighbour word either way, but only "bola" lacks the cue features.
        let count = |a: &Vec<u64>, b: &Vec<u64>| a.iter().filter(|f| b.contains(f)).count();
        assert!(count(&cue[1], &plain[1]) > count(&cue[1], &other[1]));
    }

    #[test]
    fn cue_file_needs_a_class_first() {
        assert_eq!(Cues::parse("kota\n").unwrap_err().line, 1);
        let cues = Cues::parse("# c\n[place]\nKota\n[title]\nkota # both\n").unwrap();
        assert_eq!(cues.classes_of("kota").len(), 2);
    }

    #[test]
    fn shapes_and_affixes() {
        let v = view("Jawa-2", "jawa-2");
        let w = view("Bali-3", "bali-3");
        assert_eq!(v.shape, w.shape);
        assert_eq!(v.short_shape, hash_str("Xx-d"));
        assert_eq!(v.prefixes[1], hash_str("ja"));
        assert_eq!(v.suffixes[3], hash_str("wa-2"));
        // A one-letter word has no affixes of its own.
        assert_eq!(view("a", "a").prefixes, [0; 4]);
    }

    #[test]
    fn learned_names_and_words_are_features() {
        let tokens = ["warga", "Solo", "datang"];
        let plain = features(&tokens, None);
        let mut learned = Learned::default();
        learned.names.insert(&["Solo"], EntityType::Location);
        let mut out = Vec::new();
        extract(&tokens, &Cues::indonesian(), None, &learned, &mut out);
        // The name marks "Solo" and is seen from both neighbours.
        for t in 0..3 {
            assert_eq!(out[t].len(), plain[t].len() + 1, "token {t}");
        }
        let label = WordLabel {
            code: WordLabel::code(Label::O),
            always: true,
        };
        learned.words.insert("datang".to_owned(), label);
        extract(&tokens, &Cues::indonesian(), None, &learned, &mut out);
        assert_eq!(out[0].len(), plain[0].len() + 1);
        assert_eq!(out[1].len(), plain[1].len() + 2);
        assert_eq!(out[2].len(), plain[2].len() + 2);
    }

    #[test]
    fn a_known_name_the_training_data_lacks_has_its_own_features() {
        let tokens = ["warga", "Solo", "datang"];
        let mut known = Gazetteer::new();
        known.insert(&["Solo"], EntityType::Location);
        let mut learned = Learned::default();
        let mut unseen = Vec::new();
        extract(
            &tokens,
            &Cues::indonesian(),
            Some(&known),
            &learned,
            &mut unseen,
        );
        learned.names.insert(&["Solo"], EntityType::Location);
        let mut seen = Vec::new();
        extract(
            &tokens,
            &Cues::indonesian(),
            Some(&known),
            &learned,
            &mut seen,
        );
        // Seen in training: one learned-name feature per token in place of the
        // gazetteer-only one, so the same count but different features.
        for t in 0..3 {
            assert_eq!(seen[t].len(), unseen[t].len(), "token {t}");
            assert_ne!(seen[t], unseen[t], "token {t}");
        }
        // Unseen: the gazetteer's feature and the gazetteer-only one.
        let plain = features(&tokens, None);
        assert!(
            unseen
                .iter()
                .zip(&plain)
                .all(|(u, p)| u.len() == p.len() + 2)
        );
    }

    #[test]
    fn gazetteer_marks_longest_names_first() {
        let mut gazetteer = Gazetteer::new();
        gazetteer.insert(&["Jawa"], EntityType::Location);
        gazetteer.insert(&["Jawa", "Tengah"], EntityType::Location);
        gazetteer.insert(&["Retno", "Marsudi"], EntityType::Person);
        let lower: Vec<String> = ["di", "jawa", "tengah", "retno", "marsudi", "jawa"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let loc = EntityType::Location;
        assert_eq!(
            gazetteer.mark(&lower),
            [
                None,
                Some((loc, true)),
                Some((loc, false)),
                Some((EntityType::Person, true)),
                Some((EntityType::Person, false)),
                Some((loc, true)),
            ]
        );
        let tokens = ["di", "Jawa", "Tengah"];
        assert_ne!(features(&tokens, Some(&gazetteer)), features(&tokens, None));
    }
}
