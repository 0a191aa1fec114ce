//! Measures lemma accuracy on CoNLL-U files and lists the misses.
//!
//! `cargo run --release -p warta-eval --example lemma_score -- FILE.conllu... [--errors]`
//! prints the score as JSON; with `--errors` it also prints one
//! `form<TAB>gold<TAB>predicted<TAB>upos` line per miss to stderr, for error analysis.

use std::path::Path;

use warta_core::morph::Lemmatizer;
use warta_eval::{conllu, lemma};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let mut sentences = Vec::new();
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        sentences.extend(conllu::read(Path::new(path))?);
    }
    let lemmatizer = &Lemmatizer::indonesian();
    if show_errors {
        for word in sentences
            .iter()
            .flat_map(|s| &s.words)
            .filter(|w| lemma::is_scored(w))
        {
            if !lemma::lemma_matches(lemmatizer, word) {
                let predicted = lemmatizer.analyze(&word.form).lemma;
                eprintln!(
                    "{}\t{}\t{}\t{}",
                    word.form, word.lemma, predicted, word.upos
                );
            }
        }
    }
    let score = lemma::score_lemmas(lemmatizer, &sentences);
    println!("{}", serde_json::to_string(&score)?);
    Ok(())
}
