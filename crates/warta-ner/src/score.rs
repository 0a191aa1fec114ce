//! Entity spans from BIO tags, and CoNLL-style entity scoring.

use crate::label::{EntityType, Label};

/// A name: the tokens `start..end` of a sentence, of one type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// The names a BIO sequence marks, read as the CoNLL `conlleval` script reads them: a name
/// starts at `B-X`, or at an `I-X` that does not continue an `X` (so ill-formed gold tags
/// still count), and runs over the `I-X` that follow.
pub fn entities(labels: &[Label]) -> Vec<Entity> {
    let mut found = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (index, &label) in labels.iter().enumerate() {
        let continues =
            matches!((label, open), (Label::I(kind), Some((_, current))) if kind == current);
        if continues {
            continue;
        }
        if let Some((start, kind)) = open.take() {
            found.push(Entity {
                start,
                end: index,
                kind,
            });
        }
        open = label.entity_type().map(|kind| (index, kind));
    }
    if let Some((start, kind)) = open {
        found.push(Entity {
            start,
            end: labels.len(),
            kind,
        });
    }
    found
}

/// Counts for micro-averaged entity precision and recall: a predicted name is correct only
/// when its span and type both match a gold name exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScoreCounts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

/// Precision, recall and F1 (all 0 when there is nothing to divide by).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl ScoreCounts {
    /// Adds one sentence: its gold and predicted labels, token for token.
    pub fn add(&mut self, gold: &[Label], predicted: &[Label]) {
        let gold = entities(gold);
        let predicted = entities(predicted);
        self.gold += gold.len();
        self.predicted += predicted.len();
        // Both lists are in start order and spans within one list never overlap.
        let mut g = 0;
        for entity in &predicted {
            while g < gold.len() && gold[g].start < entity.start {
                g += 1;
            }
            if gold.get(g) == Some(entity) {
                self.correct += 1;
            }
        }
    }

    pub fn merge(&mut self, other: ScoreCounts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }

    pub fn score(&self) -> Score {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(self.correct, self.predicted);
        let recall = ratio(self.correct, self.gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Score {
            precision,
            recall,
            f1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(tags: &str) -> Vec<Label> {
        tags.split_whitespace()
            .map(|tag| Label::parse(tag).unwrap())
            .collect()
    }

    #[test]
    fn spans_follow_conlleval() {
        let found = entities(&labels("B-PER I-PER O I-LOC I-LOC B-ORG B-ORG I-PER"));
        let spans: Vec<_> = found.iter().map(|e| (e.start, e.end, e.kind)).collect();
        assert_eq!(
            spans,
            [
                (0, 2, EntityType::Person),
                (3, 5, EntityType::Location),
                (5, 6, EntityType::Organization),
                (6, 7, EntityType::Organization),
                (7, 8, EntityType::Person),
            ]
        );
    }

    #[test]
    fn exact_span_and_type_are_required() {
        let mut counts = ScoreCounts::default();
        // Gold: Joko Widodo (PER), Jakarta (LOC), Polri (ORG).
        let gold = labels("B-PER I-PER O B-LOC O B-ORG");
        // Predicted: only "Joko" (wrong span), Jakarta right, Polri as LOC (wrong type).
        let predicted = labels("B-PER O O B-LOC O B-LOC");
        counts.add(&gold, &predicted);
        assert_eq!(
            counts,
            ScoreCounts {
                gold: 3,
                predicted: 3,
                correct: 1
            }
        );
        let score = counts.score();
        assert!((score.f1 - 1.0 / 3.0).abs() < 1e-12);

        // A name that runs longer than the gold one is wrong too.
        let mut longer = ScoreCounts::default();
        longer.add(&labels("B-PER O"), &labels("B-PER I-PER"));
        assert_eq!(longer.correct, 0);
    }

    #[test]
    fn empty_counts_score_zero() {
        assert_eq!(ScoreCounts::default().score().f1, 0.0);
        let mut perfect = ScoreCounts::default();
        perfect.add(&labels("O B-LOC I-LOC"), &labels("O B-LOC I-LOC"));
        assert_eq!(perfect.score().f1, 1.0);
    }
}
