//! The trained model: feature weights, transition weights, Viterbi decoding and the file
//! format.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::features::{Cues, Gazetteer, Learned, WordLabel, extract};
use crate::label::{EntityType, Label};

/// A trained tagger. `Send + Sync`; tagging takes `&self`.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) labels: Vec<Label>,
    pub(crate) cues: Cues,
    /// Feature hash → row of `weights`.
    pub(crate) index: FeatureIndex,
    /// One row of `labels.len()` weights per feature.
    pub(crate) weights: Vec<f32>,
    /// `transitions[from * n + to]`, with `from == n` for the start of a sentence.
    pub(crate) transitions: Vec<f32>,
    /// The names and word labels of the training data, features like a gazetteer's.
    pub(crate) learned: Learned,
}

/// Feature hashes are already well mixed, so the table uses them as they are.
pub(crate) type FeatureIndex = HashMap<u64, u32, BuildHasherDefault<IdentityHasher>>;

#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A model file that cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("not a warta name-tagger model (bad magic bytes)")]
    Magic,
    #[error("model format version {0}, this build reads version {FORMAT_VERSION}")]
    Version(u32),
    #[error("model file is truncated or corrupt: {0}")]
    Corrupt(&'static str),
}

const MAGIC: &[u8; 8] = b"WARTANER";
/// Version 2 added the training data's names and word labels after the weights.
const FORMAT_VERSION: u32 = 2;

impl Model {
    /// The labels the model can assign, `O` first.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// How many features carry weights.
    pub fn feature_count(&self) -> usize {
        self.index.len()
    }

    /// Tags a tokenised sentence: one BIO label per token, always well formed (an `I-X`
    /// only after `B-X` or `I-X`).
    pub fn tag(&self, tokens: &[&str]) -> Vec<Label> {
        self.tag_with(tokens, None)
    }

    /// Like [`Model::tag`], with a gazetteer of known names; use the one the model was
    /// trained with (a model trained without one ignores it).
    pub fn tag_with(&self, tokens: &[&str], gazetteer: Option<&Gazetteer>) -> Vec<Label> {
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut features = Vec::new();
        extract(tokens, &self.cues, gazetteer, &self.learned, &mut features);
        let scores = self.emission_scores(&features);
        self.viterbi(&scores)
            .into_iter()
            .map(|l| self.labels[l])
            .collect()
    }

    /// Per token, the summed weight of its features for each label.
    pub(crate) fn emission_scores(&self, features: &[Vec<u64>]) -> Vec<f32> {
        let n = self.labels.len();
        let mut scores = vec![0.0f32; features.len() * n];
        for (row, token) in scores.chunks_exact_mut(n).zip(features) {
            for feature in token {
                if let Some(&f) = self.index.get(feature) {
                    let start = f as usize * n;
                    for (s, w) in row.iter_mut().zip(&self.weights[start..start + n]) {
                        *s += w;
                    }
                }
            }
        }
        scores
    }

    /// The best label sequence (as label indices) under the emission and transition scores,
    /// never breaking the BIO constraint.
    pub(crate) fn viterbi(&self, scores: &[f32]) -> Vec<usize> {
        viterbi(&self.labels, &self.transitions, scores)
    }

    /// Serialises the model: weights quantised to 16 bits (a per-model scale), features
    /// whose weights all quantise to zero dropped, features in hash order so the same
    /// model always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.labels.len();
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let mut rows: Vec<(u64, Vec<i16>)> = self
            .index
            .iter()
            .filter_map(|(&hash, &row)| {
                let start = row as usize * n;
                let quantised: Vec<i16> = self.weights[start..start + n]
                    .iter()
                    .map(|w| (w / scale).round() as i16)
                    .collect();
                quantised
                    .iter()
                    .any(|&q| q != 0)
                    .then_some((hash, quantised))
            })
            .collect();
        rows.sort_unstable_by_key(|(hash, _)| *hash);

        let mut out = Vec::with_capacity(32 + rows.len() * (8 + 2 * n));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let cues = self.cues.source().as_bytes();
        out.extend_from_slice(&(cues.len() as u32).to_le_bytes());
        out.extend_from_slice(cues);
        out.push(n as u8);
        for label in &self.labels {
            out.extend_from_slice(&encode_label(*label));
        }
        for t in &self.transitions {
            out.extend_from_slice(&t.to_le_bytes());
        }
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (hash, _) in &rows {
            out.extend_from_slice(&hash.to_le_bytes());
        }
        for (_, quantised) in &rows {
            for q in quantised {
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        let mut names: Vec<(&[String], EntityType)> = self.learned.names.entries().collect();
        names.sort_unstable();
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        for (tokens, kind) in names {
            out.push(kind.code());
            out.extend_from_slice(&(tokens.len() as u32).to_le_bytes());
            for token in tokens {
                write_str(&mut out, token);
            }
        }
        let mut words: Vec<(&String, &WordLabel)> = self.learned.words.iter().collect();
        words.sort_unstable_by_key(|(word, _)| *word);
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (word, label) in words {
            out.push(label.code);
            out.push(u8::from(label.always));
            write_str(&mut out, word);
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes };
        if r.take(8, "magic")? != MAGIC {
            return Err(ModelError::Magic);
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Version(version));
        }
        let cue_len = r.u32()? as usize;
        let cue_text = std::str::from_utf8(r.take(cue_len, "cues")?)
            .map_err(|_| ModelError::Corrupt("cue words are not UTF-8"))?;
        let cues = Cues::parse(cue_text).map_err(|_| ModelError::Corrupt("cue words"))?;
        let n = usize::from(r.take(1, "label count")?[0]);
        if n == 0 {
            return Err(ModelError::Corrupt("no labels"));
        }
        let labels = (0..n)
            .map(|_| decode_label(r.take(2, "labels")?))
            .collect::<Result<Vec<_>, _>>()?;
        let transitions = (0..(n + 1) * n)
            .map(|_| r.f32())
            .collect::<Result<Vec<_>, _>>()?;
        let scale = r.f32()?;
        let rows = r.u32()? as usize;
        let hashes = r.take(
            rows.checked_mul(8).ok_or(ModelError::Corrupt("size"))?,
            "features",
        )?;
        let weights = r.take(rows * n * 2, "weights")?;
        let mut learned = Learned::default();
        for _ in 0..r.u32()? {
            let kind = EntityType::from_code(r.take(1, "names")?[0])
                .ok_or(ModelError::Corrupt("entity type"))?;
            let tokens = (0..r.u32()?)
                .map(|_| r.str())
                .collect::<Result<Vec<_>, _>>()?;
            learned.names.insert(&tokens, kind);
        }
        for _ in 0..r.u32()? {
            let flags = r.take(2, "word labels")?;
            let label = WordLabel {
                code: flags[0],
                always: flags[1] != 0,
            };
            learned.words.insert(r.str()?.to_owned(), label);
        }
        if !r.bytes.is_empty() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        let mut index = FeatureIndex::with_capacity_and_hasher(rows, Default::default());
        for (row, hash) in hashes.chunks_exact(8).enumerate() {
            let hash = u64::from_le_bytes(hash.try_into().expect("8 bytes"));
            index.insert(hash, row as u32);
        }
        let weights = weights
            .chunks_exact(2)
            .map(|q| f32::from(i16::from_le_bytes([q[0], q[1]])) * scale)
            .collect();
        Ok(Model {
            labels,
            cues,
            index,
            weights,
            transitions,
            learned,
        })
    }
}

/// Viterbi over label indices. `scores` holds `labels.len()` emission scores per token;
/// transitions into an `I-X` from anything but `X` are forbidden outright.
pub(crate) fn viterbi(labels: &[Label], transitions: &[f32], scores: &[f32]) -> Vec<usize> {
    let n = labels.len();
    let len = scores.len() / n;
    if len == 0 {
        return Vec::new();
    }
    let allowed = |from: Option<usize>, to: usize| labels[to].may_follow(from.map(|f| labels[f]));
    let mut best = vec![f32::NEG_INFINITY; len * n];
    let mut back = vec![0u8; len * n];
    for to in 0..n {
        if allowed(None, to) {
            best[to] = transitions[n * n + to] + scores[to];
        }
    }
    for t in 1..len {
        let (done, rest) = best.split_at_mut(t * n);
        let previous = &done[(t - 1) * n..];
        for to in 0..n {
            let mut top = f32::NEG_INFINITY;
            let mut arg = 0;
            for from in 0..n {
                if previous[from] == f32::NEG_INFINITY || !allowed(Some(from), to) {
                    continue;
                }
                let s = previous[from] + transitions[from * n + to];
                if s > top {
                    top = s;
                    arg = from;
                }
            }
            rest[to] = top + scores[t * n + to];
            back[t * n + to] = arg as u8;
        }
    }
    let last = &best[(len - 1) * n..];
    let mut state = (0..n).fold(0, |a, b| if last[b] > last[a] { b } else { a });
    let mut path = vec![0; len];
    for t in (0..len).rev() {
        path[t] = state;
        state = usize::from(back[t * n + state]);
    }
    path
}

fn write_str(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(text.as_bytes());
}

fn encode_label(label: Label) -> [u8; 2] {
    match label {
        Label::O => [0, 0],
        Label::B(kind) => [1, kind.code()],
        Label::I(kind) => [2, kind.code()],
    }
}

fn decode_label(bytes: &[u8]) -> Result<Label, ModelError> {
    let kind = || EntityType::from_code(bytes[1]).ok_or(ModelError::Corrupt("entity type"));
    match bytes[0] {
        0 => Ok(Label::O),
        1 => Ok(Label::B(kind()?)),
        2 => Ok(Label::I(kind()?)),
        _ => Err(ModelError::Corrupt("label")),
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize, what: &'static str) -> Result<&'a [u8], ModelError> {
        if self.bytes.len() < len {
            return Err(ModelError::Corrupt(what));
        }
        let (head, tail) = self.bytes.split_at(len);
        self.bytes = tail;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4, "header")?.try_into().expect("4 bytes"),
        ))
    }

    fn str(&mut self) -> Result<&'a str, ModelError> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.take(len, "text")?)
            .map_err(|_| ModelError::Corrupt("text is not UTF-8"))
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4, "weights")?.try_into().expect("4 bytes"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PER: EntityType = EntityType::Person;
    const LOC: EntityType = EntityType::Location;

    fn labels() -> Vec<Label> {
        vec![
            Label::O,
            Label::B(PER),
            Label::I(PER),
            Label::B(LOC),
            Label::I(LOC),
        ]
    }

    #[test]
    fn viterbi_never_starts_or_switches_with_inside() {
        let labels = labels();
        let n = labels.len();
        let transitions = vec![0.0; (n + 1) * n];
        // Emissions that prefer I-PER, then I-LOC, then I-PER: the best well-formed path
        // must begin names with B and may not switch types inside a name.
        let mut scores = vec![0.0; 3 * n];
        scores[2] = 5.0; // token 0: I-PER
        scores[1] = 1.0; // token 0: B-PER
        scores[n + 4] = 5.0; // token 1: I-LOC
        scores[n + 3] = 1.0; // token 1: B-LOC
        scores[n + 1] = -1.0; // token 1: not a new person
        scores[2 * n + 2] = 5.0; // token 2: I-PER
        let path = viterbi(&labels, &transitions, &scores);
        let path: Vec<Label> = path.into_iter().map(|l| labels[l]).collect();
        for (t, label) in path.iter().enumerate() {
            let previous = t.checked_sub(1).map(|p| path[p]);
            assert!(label.may_follow(previous), "{path:?}");
        }
        // Keeping the person going (1 + 0 + 5) beats breaking it for the place (1 + 1 + 0).
        assert_eq!(path, [Label::B(PER), Label::I(PER), Label::I(PER)]);
    }

    #[test]
    fn viterbi_uses_transitions() {
        let labels = labels();
        let n = labels.len();
        let mut transitions = vec![0.0; (n + 1) * n];
        transitions[n + 2] = 3.0; // B-PER → I-PER
        let mut scores = vec![0.0; 2 * n];
        scores[1] = 1.0; // token 0: B-PER
        scores[n] = 1.0; // token 1: O beats I-PER on emissions alone
        let path = viterbi(&labels, &transitions, &scores);
        assert_eq!(path, [1, 2]);
    }

    fn tiny_model() -> Model {
        let labels = labels();
        let n = labels.len();
        let mut index = FeatureIndex::default();
        index.insert(42, 0);
        index.insert(7, 1);
        index.insert(9, 2);
        Model {
            labels,
            cues: Cues::indonesian(),
            index,
            weights: vec![
                1.0, -2.0, 0.5, 0.0, 3.25, //
                0.0, 0.0, 0.0, 0.0, 0.0, // all zero: dropped on saving
                -0.75, 0.0, 0.0, 0.0, 1.5,
            ],
            transitions: (0..(n + 1) * n).map(|i| i as f32 / 10.0).collect(),
            learned: tiny_learned(),
        }
    }

    fn tiny_learned() -> Learned {
        let mut learned = Learned::default();
        learned.names.insert(&["Jawa", "Tengah"], LOC);
        learned.names.insert(&["Retno"], PER);
        let label = WordLabel {
            code: WordLabel::code(Label::B(LOC)),
            always: false,
        };
        learned.words.insert("jawa".to_owned(), label);
        learned
    }

    fn sorted_names(learned: &Learned) -> Vec<(Vec<String>, EntityType)> {
        let mut names: Vec<_> = learned
            .names
            .entries()
            .map(|(tokens, kind)| (tokens.to_vec(), kind))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn bytes_round_trip() {
        let model = tiny_model();
        let bytes = model.to_bytes();
        let read = Model::from_bytes(&bytes).unwrap();
        assert_eq!(read.labels, model.labels);
        assert_eq!(read.transitions, model.transitions);
        assert_eq!(read.cues, model.cues);
        assert_eq!(read.feature_count(), 2);
        let n = model.labels.len();
        for hash in [42u64, 9] {
            let a = model.index[&hash] as usize * n;
            let b = read.index[&hash] as usize * n;
            for (x, y) in model.weights[a..a + n].iter().zip(&read.weights[b..b + n]) {
                assert!((x - y).abs() < 1e-3, "{x} vs {y}");
            }
        }
        assert_eq!(sorted_names(&read.learned), sorted_names(&model.learned));
        assert_eq!(sorted_names(&read.learned).len(), 2);
        assert_eq!(read.learned.words, model.learned.words);
        // Same model, same bytes.
        assert_eq!(read.to_bytes(), bytes);
    }

    #[test]
    fn bad_bytes_are_errors() {
        let bytes = tiny_model().to_bytes();
        assert_eq!(
            Model::from_bytes(b"nonsense").unwrap_err(),
            ModelError::Magic
        );
        assert!(matches!(
            Model::from_bytes(&bytes[..bytes.len() - 1]),
            Err(ModelError::Corrupt(_))
        ));
        let mut future = bytes.clone();
        future[8] = 99;
        assert_eq!(
            Model::from_bytes(&future).unwrap_err(),
            ModelError::Version(99)
        );
    }

    #[test]
    fn model_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Model>();
    }
}
