//! Training: an averaged structured perceptron over the features of `features.rs`.
//!
//! Each pass visits the sentences in a shuffled order (a fixed seed per pass), decodes each
//! with the current weights and, where the best path differs from the gold one, moves the
//! weights of the gold labels' features and transitions up by one and the predicted ones'
//! down by one. The model keeps the average of the weights over all steps, which is what
//! makes the perceptron generalise about as well as a CRF; the running sums are integers,
//! so training is exact and the same on every machine.

use std::collections::HashMap;

use crate::corpus::Sentence;
use crate::features::{Cues, Gazetteer, Learned, WordLabel, extract};
use crate::label::{EntityType, Label};
use crate::model::{FeatureIndex, Model, viterbi};
use crate::score::{ScoreCounts, entities};

/// How to train.
#[derive(Clone, Debug)]
pub struct TrainOptions<'g> {
    /// Passes over the training sentences ([`train_with_dev`]: the most it tries).
    pub epochs: usize,
    /// Features seen fewer times in the training data are left out: they are mostly noise
    /// and make the model larger.
    pub min_count: u32,
    /// Seed of the sentence order of each pass.
    pub seed: u64,
    /// Perceptrons trained side by side on differently shuffled data; the model is the mean
    /// of their weights, which evens out the luck of one order at no cost in tagging speed.
    pub ensemble: usize,
    /// The cue words; stored in the model, so tagging uses the same ones.
    pub cues: Cues,
    /// Known names to use as features; give the same gazetteer to [`Model::tag_with`].
    pub gazetteer: Option<&'g Gazetteer>,
}

impl Default for TrainOptions<'_> {
    /// The settings of the shipped model; `epochs` is the round median of the best epochs
    /// of the ten cross-validation folds of NER-UI and NER-UGM (see `model/README.md`).
    fn default() -> Self {
        TrainOptions {
            epochs: 6,
            min_count: 1,
            seed: 0x0077_6172_7461,
            ensemble: 4,
            cues: Cues::indonesian(),
            gazetteer: None,
        }
    }
}

/// A model chosen on development data.
#[derive(Clone, Debug)]
pub struct Trained {
    pub model: Model,
    /// The pass (1-based) after which the model scored best on the development set.
    pub epoch: usize,
    /// Entity F1 on the development set after each pass.
    pub dev_f1: Vec<f64>,
}

/// Trains for `options.epochs` passes over `sentences`.
pub fn train(sentences: &[Sentence], options: &TrainOptions) -> Model {
    let mut trainer = Trainer::new(sentences, options);
    for epoch in 0..options.epochs {
        trainer.pass(epoch as u64);
    }
    trainer.averaged()
}

/// Trains up to `options.epochs` passes and returns the averaged model of the pass that
/// scored best (entity F1) on `dev`; ties go to the earlier pass.
pub fn train_with_dev(sentences: &[Sentence], dev: &[Sentence], options: &TrainOptions) -> Trained {
    let mut trainer = Trainer::new(sentences, options);
    let mut best: Option<(f64, usize, Model)> = None;
    let mut dev_f1 = Vec::with_capacity(options.epochs);
    for epoch in 0..options.epochs {
        trainer.pass(epoch as u64);
        let model = trainer.averaged();
        let mut counts = ScoreCounts::default();
        for sentence in dev {
            let tokens: Vec<&str> = sentence.tokens.iter().map(String::as_str).collect();
            counts.add(
                &sentence.labels,
                &model.tag_with(&tokens, options.gazetteer),
            );
        }
        let f1 = counts.score().f1;
        dev_f1.push(f1);
        if best.as_ref().is_none_or(|(top, _, _)| f1 > *top) {
            best = Some((f1, epoch + 1, model));
        }
    }
    let (_, epoch, model) = best.expect("at least one epoch");
    Trained {
        model,
        epoch,
        dev_f1,
    }
}

/// A training sentence as feature rows and label indices.
struct Encoded {
    /// `rows[offsets[t]..offsets[t + 1]]` are the feature rows of token `t`.
    rows: Vec<u32>,
    offsets: Vec<usize>,
    gold: Vec<usize>,
}

struct Trainer<'o> {
    options: &'o TrainOptions<'o>,
    /// What the whole training set says, for tagging.
    learned: Learned,
    labels: Vec<Label>,
    index: FeatureIndex,
    sentences: Vec<Encoded>,
    members: Vec<Member>,
}

/// One perceptron of the ensemble; members differ only in the order they see the data.
struct Member {
    seed: u64,
    /// Current weights, feature rows of `labels.len()`, then the transitions.
    weights: Vec<i32>,
    /// Σ step × update, for the average.
    sums: Vec<i64>,
    step: i64,
}

impl<'o> Trainer<'o> {
    fn new(sentences: &[Sentence], options: &'o TrainOptions<'o>) -> Trainer<'o> {
        let mut labels: Vec<Label> = vec![Label::O];
        for sentence in sentences {
            for label in repaired(&sentence.labels) {
                if !labels.contains(&label) {
                    labels.push(label);
                }
                if let Label::B(kind) = label
                    && !labels.contains(&Label::I(kind))
                {
                    labels.push(Label::I(kind));
                }
            }
        }
        labels.sort_unstable();
        assert!(labels.len() < 256, "label indices are stored in a byte");

        // Sentence i is in part i % JACKKNIFE_PARTS and sees what the other parts say.
        let learned = learn(sentences.iter());
        let jackknifed: Vec<Learned> = (0..JACKKNIFE_PARTS)
            .map(|part| {
                learn(
                    sentences
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % JACKKNIFE_PARTS != part)
                        .map(|(_, sentence)| sentence),
                )
            })
            .collect();

        // Features of every token, counted; rows in order of first sight.
        let mut extracted = Vec::with_capacity(sentences.len());
        let mut counts: HashMap<u64, (u32, u32)> = HashMap::new();
        let mut buffer = Vec::new();
        for (i, sentence) in sentences.iter().enumerate() {
            let tokens: Vec<&str> = sentence.tokens.iter().map(String::as_str).collect();
            let others = &jackknifed[i % JACKKNIFE_PARTS];
            extract(
                &tokens,
                &options.cues,
                options.gazetteer,
                others,
                &mut buffer,
            );
            for features in &buffer {
                for &feature in features {
                    let next = counts.len() as u32;
                    counts.entry(feature).or_insert((0, next)).0 += 1;
                }
            }
            extracted.push(buffer.clone());
        }
        let mut kept: Vec<(u32, u64)> = counts
            .iter()
            .filter(|(_, (count, _))| *count >= options.min_count)
            .map(|(&hash, &(_, first))| (first, hash))
            .collect();
        kept.sort_unstable();
        let mut index = FeatureIndex::with_capacity_and_hasher(kept.len(), Default::default());
        for (row, (_, hash)) in kept.into_iter().enumerate() {
            index.insert(hash, row as u32);
        }

        let encoded = sentences
            .iter()
            .zip(extracted)
            .map(|(sentence, features)| {
                let mut rows = Vec::new();
                let mut offsets = vec![0];
                for token in features {
                    rows.extend(token.iter().filter_map(|f| index.get(f).copied()));
                    offsets.push(rows.len());
                }
                let gold = repaired(&sentence.labels)
                    .map(|l| labels.binary_search(&l).expect("label collected above"))
                    .collect();
                Encoded {
                    rows,
                    offsets,
                    gold,
                }
            })
            .collect();
        let n = labels.len();
        let size = index.len() * n + (n + 1) * n;
        Trainer {
            options,
            learned,
            labels,
            index,
            sentences: encoded,
            members: (0..options.ensemble.max(1) as u64)
                .map(|m| Member {
                    seed: options
                        .seed
                        .wrapping_add(m.wrapping_mul(0xd1b5_4a32_d192_ed03)),
                    weights: vec![0; size],
                    sums: vec![0; size],
                    step: 1,
                })
                .collect(),
        }
    }

    fn pass(&mut self, epoch: u64) {
        for member in &mut self.members {
            member.pass(epoch, &self.labels, self.index.len(), &self.sentences);
        }
    }

    /// The model with each member's averaged weights `w - Σ(step × update) / step`,
    /// averaged over the members.
    fn averaged(&self) -> Model {
        let n = self.labels.len();
        let size = self.members[0].weights.len();
        let mut averaged = vec![0f64; size];
        for member in &self.members {
            let step = member.step as f64;
            for (a, (&w, &s)) in averaged
                .iter_mut()
                .zip(member.weights.iter().zip(&member.sums))
            {
                *a += f64::from(w) - s as f64 / step;
            }
        }
        let members = self.members.len() as f64;
        let mut averaged: Vec<f32> = averaged.iter().map(|a| (a / members) as f32).collect();
        let transitions = averaged.split_off(self.index.len() * n);
        Model {
            labels: self.labels.clone(),
            cues: self.options.cues.clone(),
            index: self.index.clone(),
            weights: averaged,
            transitions,
            learned: self.learned.clone(),
        }
    }
}

/// The parts of the training data for building each sentence's [`Learned`] from the others:
/// with ten, each sentence sees nine tenths of the data, close to what tagging sees.
const JACKKNIFE_PARTS: usize = 10;

/// What `sentences` say: every labelled name with the type it had most often (ties to the
/// type listed first), and every word's most frequent label (ties to the lower code).
fn learn<'s>(sentences: impl Iterator<Item = &'s Sentence>) -> Learned {
    let mut names: HashMap<Vec<String>, [u32; EntityType::ALL.len()]> = HashMap::new();
    let mut words: HashMap<String, HashMap<u8, u32>> = HashMap::new();
    for sentence in sentences {
        let labels: Vec<Label> = repaired(&sentence.labels).collect();
        let lower: Vec<String> = sentence.tokens.iter().map(|t| t.to_lowercase()).collect();
        for (word, &label) in lower.iter().zip(&labels) {
            *words
                .entry(word.clone())
                .or_default()
                .entry(WordLabel::code(label))
                .or_default() += 1;
        }
        for entity in entities(&labels) {
            names
                .entry(lower[entity.start..entity.end].to_vec())
                .or_default()[usize::from(entity.kind.code())] += 1;
        }
    }
    let mut gazetteer = Gazetteer::new();
    for (tokens, counts) in names {
        let most = (0..counts.len())
            .max_by_key(|&k| (counts[k], std::cmp::Reverse(k)))
            .expect("at least one type");
        gazetteer.insert(&tokens, EntityType::ALL[most]);
    }
    let words = words
        .into_iter()
        .map(|(word, codes)| {
            let (&code, _) = codes
                .iter()
                .max_by_key(|&(&code, &count)| (count, std::cmp::Reverse(code)))
                .expect("a word is counted with its label");
            let always = codes.len() == 1;
            (word, WordLabel { code, always })
        })
        .collect();
    Learned {
        names: gazetteer,
        words,
    }
}

impl Member {
    fn pass(&mut self, epoch: u64, labels: &[Label], features: usize, sentences: &[Encoded]) {
        let n = labels.len();
        let transitions_at = features * n;
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        shuffle(
            &mut order,
            self.seed ^ epoch.wrapping_mul(0x9e37_79b9_7f4a_7c15),
        );
        let mut scores = Vec::new();
        for &s in &order {
            let sentence = &sentences[s];
            let len = sentence.gold.len();
            scores.clear();
            scores.resize(len * n, 0.0f32);
            for t in 0..len {
                let row = &mut scores[t * n..(t + 1) * n];
                for &f in &sentence.rows[sentence.offsets[t]..sentence.offsets[t + 1]] {
                    let w = &self.weights[f as usize * n..(f as usize + 1) * n];
                    for (s, &w) in row.iter_mut().zip(w) {
                        *s += w as f32;
                    }
                }
            }
            let transitions: Vec<f32> = self.weights[transitions_at..]
                .iter()
                .map(|&w| w as f32)
                .collect();
            let predicted = viterbi(labels, &transitions, &scores);
            if predicted != sentence.gold {
                let step = self.step;
                let mut update = |at: usize, delta: i32| {
                    self.weights[at] += delta;
                    self.sums[at] += step * i64::from(delta);
                };
                for t in 0..len {
                    let (g, p) = (sentence.gold[t], predicted[t]);
                    if g != p {
                        for &f in &sentence.rows[sentence.offsets[t]..sentence.offsets[t + 1]] {
                            update(f as usize * n + g, 1);
                            update(f as usize * n + p, -1);
                        }
                    }
                    let from_g = if t == 0 { n } else { sentence.gold[t - 1] };
                    let from_p = if t == 0 { n } else { predicted[t - 1] };
                    if (from_g, g) != (from_p, p) {
                        update(transitions_at + from_g * n + g, 1);
                        update(transitions_at + from_p * n + p, -1);
                    }
                }
            }
            self.step += 1;
        }
    }
}

/// Gold labels as the scorer reads them: an `I-X` that does not continue an `X` begins
/// one, so the decoder (which never predicts such an `I-X`) is not pushed towards it.
fn repaired(labels: &[Label]) -> impl Iterator<Item = Label> + '_ {
    labels.iter().enumerate().map(|(t, &label)| {
        let previous = t.checked_sub(1).map(|p| labels[p]);
        match label {
            Label::I(kind) if !label.may_follow(previous) => Label::B(kind),
            _ => label,
        }
    })
}

/// Fisher–Yates with SplitMix64, so the order depends on the seed alone.
fn shuffle(items: &mut [usize], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_bio;
    use crate::label::EntityType;

    /// A toy language: a capitalised word after "kota" is a place, after "pak" a person,
    /// and "Bank X" is an organisation.
    fn toy() -> Vec<Sentence> {
        let names = [
            "Sari", "Budi", "Tono", "Wati", "Rudi", "Ani", "Joko", "Dewi",
        ];
        let mut text = String::new();
        for (i, name) in names.iter().enumerate() {
            let other = names[(i + 3) % names.len()];
            text.push_str(&format!(
                "warga\tO\nkota\tO\n{name}\tB-LOCATION\nbertemu\tO\npak\tO\n{other}\tB-PERSON\n\n\
                 pegawai\tO\nBank\tB-ORGANIZATION\n{other}\tI-ORGANIZATION\ndatang\tO\n\n"
            ));
        }
        parse_bio(&text).unwrap()
    }

    #[test]
    fn learns_a_toy_pattern() {
        let options = TrainOptions {
            epochs: 5,
            ..TrainOptions::default()
        };
        let model = train(&toy(), &options);
        // Unseen names in the learnt contexts.
        let tagged = model.tag(&["kota", "Maluku", "bertemu", "pak", "Hendra"]);
        assert_eq!(tagged[1], Label::B(EntityType::Location));
        assert_eq!(tagged[4], Label::B(EntityType::Person));
        let tagged = model.tag(&["pegawai", "Bank", "Mandiri", "datang"]);
        assert_eq!(
            tagged,
            [
                Label::O,
                Label::B(EntityType::Organization),
                Label::I(EntityType::Organization),
                Label::O
            ]
        );
    }

    #[test]
    fn training_is_deterministic() {
        let options = TrainOptions {
            epochs: 3,
            ..TrainOptions::default()
        };
        let a = train(&toy(), &options).to_bytes();
        let b = train(&toy(), &options).to_bytes();
        assert_eq!(a, b);
    }

    #[test]
    fn dev_selection_reports_every_pass() {
        let options = TrainOptions {
            epochs: 4,
            ..TrainOptions::default()
        };
        let data = toy();
        let trained = train_with_dev(&data, &data[..4], &options);
        assert_eq!(trained.dev_f1.len(), 4);
        assert!((1..=4).contains(&trained.epoch));
        assert_eq!(trained.dev_f1[trained.epoch - 1], 1.0);
    }

    #[test]
    fn learns_names_by_majority_type_and_word_labels() {
        let text = "kota\tO\nSolo\tB-LOCATION\n\n\
                    warga\tO\nsolo\tB-LOCATION\n\n\
                    tim\tO\nSolo\tB-ORGANIZATION\n\n\
                    Bank\tB-ORGANIZATION\nJaya\tI-ORGANIZATION\n";
        let learned = learn(parse_bio(text).unwrap().iter());
        let mut names: Vec<_> = learned
            .names
            .entries()
            .map(|(tokens, kind)| (tokens.join(" "), kind))
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                ("bank jaya".to_owned(), EntityType::Organization),
                ("solo".to_owned(), EntityType::Location),
            ]
        );
        let solo = learned.words["solo"];
        assert_eq!(solo.code, WordLabel::code(Label::B(EntityType::Location)));
        assert!(!solo.always);
        let jaya = learned.words["jaya"];
        assert_eq!(
            jaya.code,
            WordLabel::code(Label::I(EntityType::Organization))
        );
        assert!(jaya.always);
    }

    #[test]
    fn the_model_carries_what_the_training_data_says() {
        let model = train(
            &toy(),
            &TrainOptions {
                epochs: 1,
                ..TrainOptions::default()
            },
        );
        assert!(model.learned.names.len() >= 8);
        assert_eq!(model.learned.words["kota"].code, 0);
    }

    #[test]
    fn stray_inside_tags_become_beginnings() {
        let labels = [
            Label::O,
            Label::I(EntityType::Person),
            Label::I(EntityType::Person),
        ];
        let repaired: Vec<Label> = repaired(&labels).collect();
        assert_eq!(
            repaired,
            [
                Label::O,
                Label::B(EntityType::Person),
                Label::I(EntityType::Person)
            ]
        );
    }
}
