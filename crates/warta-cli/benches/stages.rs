//! The budget's stages alone: ingest → clean → metadata → segment → tokenise → lemmatise,
//! then extraction (entities, quotes, events, quantities, dates) unless `--no-entities`,
//! on one thread, with no serialisation and no output. `scripts/bench.py --stages` runs it;
//! the end-to-end figure of `warta analyze` (JSON written) is measured by the script itself.
//!
//!     cargo bench -p warta-cli --bench stages -- [--no-tokens] [--no-entities] PATH...
//!
//! (cargo runs benches in the crate's folder: give absolute paths.)
//! Prints one line: `load_seconds seconds articles text_bytes peak_rss_kib`. Loading the
//! language pack (compiling its patterns) is a fixed cost per process and is reported
//! apart from the corpus time.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use warta_core::Analyzer;
use warta_ingest::{IngestOptions, Inputs};

/// The same allocator as the `warta` binary, so both figures measure the same code.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut tokens = true;
    let mut entities = true;
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--no-tokens" => tokens = false,
            "--no-entities" => entities = false,
            // cargo passes `--bench` to every bench target.
            "--bench" => {}
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    assert!(
        !paths.is_empty(),
        "usage: stages [--no-tokens] [--no-entities] PATH..."
    );

    let started = Instant::now();
    let analyzer = Analyzer::indonesian()
        .with_tokens(tokens)
        .with_entities(entities);
    let load = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let (mut articles, mut bytes) = (0u64, 0u64);
    for record in Inputs::new(paths, IngestOptions::default()) {
        let article = record.expect("the benchmark corpus is well formed");
        bytes += article.body.len() as u64;
        articles += 1;
        black_box(analyzer.analyze(&article));
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{load:.3} {seconds:.3} {articles} {bytes} {}",
        peak_rss_kib()
    );
}

/// The process's peak resident set (`VmHWM`), in KiB.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .unwrap_or(0)
}
