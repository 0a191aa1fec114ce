//! Lemma accuracy on the held-out UD test treebanks, when the shared data is present.
//!
//! The treebanks live outside the repository (`../shared/data/ud` next to the
//! workspace root); without them this test explains what it skipped and passes.

use std::path::PathBuf;
use std::time::Instant;

use warta_core::morph::Lemmatizer;
use warta_eval::{conllu, lemma};

const TEST_TREEBANKS: &[&str] = &[
    "id_pud-ud-test.conllu",
    "id_csui-ud-test.conllu",
    "id_gsd-ud-test.conllu",
];

/// Held-out accuracy measured when the lexicon was last rebuilt; a drop below this
/// floor means a change to the rules or data made lemmas worse.
const ACCURACY_FLOOR: f64 = 0.956;

fn treebank_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud")
}

#[test]
fn lemma_accuracy_on_held_out_treebanks() {
    let dir = treebank_dir();
    if !dir.is_dir() {
        eprintln!("skipped: UD treebanks not found at {}", dir.display());
        return;
    }
    let mut sentences = Vec::new();
    for name in TEST_TREEBANKS {
        sentences.extend(conllu::read(&dir.join(name)).expect("treebank parses"));
    }
    let lemmatizer = Lemmatizer::indonesian();
    let score = lemma::score_lemmas(&lemmatizer, &sentences);
    eprintln!(
        "lemma accuracy {:.4} over {} words",
        score.accuracy, score.tokens
    );
    assert!(score.tokens > 15_000, "{score:?}");
    assert!(score.accuracy >= ACCURACY_FLOOR, "{score:?}");

    let words: Vec<&str> = sentences
        .iter()
        .flat_map(|s| &s.words)
        .map(|w| w.form.as_str())
        .collect();
    let start = Instant::now();
    let lemma_bytes: usize = words
        .iter()
        .map(|w| lemmatizer.analyze(w).lemma.len())
        .sum();
    let rate = words.len() as f64 / start.elapsed().as_secs_f64();
    eprintln!(
        "{} words lemmatised at {rate:.0} words/s ({lemma_bytes} bytes)",
        words.len()
    );
}
