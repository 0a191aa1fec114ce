//! Writes the generated corpus of the store tests, at any size, for benchmarking `warta
//! ingest` and `warta search` (docs/BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release -p warta-cli --example store_corpus -- /tmp/corpus 100000
//! ```

#[path = "../tests/corpus/mod.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: store_corpus DIR COUNT");
        std::process::exit(2);
    };
    let count: usize = count.parse().expect("COUNT is a number");
    corpus::write(std::path::Path::new(&dir), count, 10_000);
}
