//! Tagging speed of the shipped model on one thread, in tokens per second: feature
//! extraction, weight lookup and Viterbi, as `Model::tag` does them for every sentence.
//!
//!     cargo bench -p warta-ner --bench tag -- [FILE.tsv]
//!
//! Reads an IndoLEM-format file (by default NER-UI's first test fold beside the checkout)
//! and tags all its sentences again and again for about three seconds.

use std::hint::black_box;
use std::time::Instant;

use warta_ner::Model;

const DEFAULT: &str = "../../../shared/data/ner/nerui/test.01.tsv";

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| a != "--bench")
        .unwrap_or_else(|| format!("{}/{DEFAULT}", env!("CARGO_MANIFEST_DIR")));
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("{path} is absent: give an IndoLEM-format file to tag");
        return;
    };
    let sentences = warta_ner::parse_bio(&text).expect("an IndoLEM-format file");
    let sentences: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    let load = Instant::now();
    let model = Model::from_bytes(warta_ner::SHIPPED_MODEL).expect("the shipped model loads");
    let load = load.elapsed().as_secs_f64();

    let start = Instant::now();
    let (mut tokens, mut rounds) = (0usize, 0);
    while start.elapsed().as_secs_f64() < 3.0 {
        for sentence in &sentences {
            black_box(model.tag(black_box(sentence)));
            tokens += sentence.len();
        }
        rounds += 1;
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{:.0} tokens/s on one thread ({tokens} tokens in {seconds:.2} s, {rounds} rounds of {path}); model load {:.3} s, {} features",
        tokens as f64 / seconds,
        load,
        model.feature_count()
    );
}
