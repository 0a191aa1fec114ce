//! Measures lemma accuracy on CoNLL-U files and lists the misses.
//!
//! `cargo run --release -p warta-eval --example lemma_score -- FILE.conllu... [--errors]
//! [--data DIR]` prints the score as JSON; with `--errors` it also prints one
//! `form<TAB>gold<TAB>predicted<TAB>upos` line per miss to stderr, for error analysis.
//!
//! `--data DIR` loads the lemmatiser's files from DIR instead of the embedded pack
//! (a file missing from DIR is read from `crates/warta-core/lang/id`). It exists for
//! cross-validation: a lexicon built from one training treebank, scored on the other.

use std::path::{Path, PathBuf};

use warta_core::lang::LangData;
use warta_core::morph::Lemmatizer;
use warta_eval::{conllu, lemma};

/// The files `Lemmatizer::load` reads.
const MORPHOLOGY_FILES: &[&str] = &[
    "affixes.toml",
    "roots.txt",
    "roots-hunspell.txt",
    "lemmas.tsv",
];

fn load_lemmatizer(dir: Option<&Path>) -> Result<Lemmatizer, Box<dyn std::error::Error>> {
    let Some(dir) = dir else {
        return Ok(Lemmatizer::indonesian());
    };
    let embedded = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../warta-core/lang/id");
    let mut texts = Vec::new();
    for name in MORPHOLOGY_FILES {
        let local = dir.join(name);
        let path = if local.exists() {
            local
        } else {
            embedded.join(name)
        };
        texts.push((*name, std::fs::read_to_string(&path)?));
    }
    let data = LangData::new(texts.iter().map(|(name, text)| (*name, text.as_str())));
    Ok(Lemmatizer::load(&data)?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let data_dir = args
        .iter()
        .position(|a| a == "--data")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let mut sentences = Vec::new();
    for path in args
        .iter()
        .filter(|a| !a.starts_with("--") && Some(Path::new(a)) != data_dir.as_deref())
    {
        sentences.extend(conllu::read(Path::new(path))?);
    }
    let lemmatizer = &load_lemmatizer(data_dir.as_deref())?;
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
