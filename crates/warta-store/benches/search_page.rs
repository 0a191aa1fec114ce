//! CPU per new search as the server asks it (`Store::search_page`: 20 hits with
//! snippets, the total, facets over the best hits), on one thread, over the questions
//! `scripts/wrk-search-words.lua` asks: two of the benchmark corpus's words, optionally
//! from a month on, each asked once. What `/api/search` costs a server for questions its
//! answer cache has not seen, without HTTP and without wrk on the same cores. Build a
//! store first (docs/BENCHMARKS.md), then:
//!
//! ```sh
//! WARTA_DATA=/tmp/store cargo bench -p warta-store --bench search_page
//! ```
//!
//! `WARTA_ANSWERS=FILE` also writes every answer as a JSON line, so that two builds'
//! answers on one store can be compared byte for byte; `WARTA_QUESTIONS=N` asks N
//! questions (3,000 unless told).

use std::io::Write;
use std::time::{Duration, Instant};

use warta_store::{Access, SearchQuery};

/// The wrk script whose questions this bench replays: its word list is read from it, so
/// the two cannot drift apart.
const WRK_SCRIPT: &str = include_str!("../../../scripts/wrk-search-words.lua");

/// The words of the script's `local words = { … }` table, in its order.
fn script_words() -> Vec<&'static str> {
    let table = WRK_SCRIPT
        .split_once("local words = {")
        .and_then(|(_, rest)| rest.split_once('}'))
        .map(|(table, _)| table)
        .expect("scripts/wrk-search-words.lua has a `local words = { … }` table");
    table.split('"').skip(1).step_by(2).collect()
}

/// The `counter`th question of the Lua script's walk (its first thread's order).
fn question(words: &[&str], counter: usize) -> SearchQuery {
    let n = words.len();
    let k = (counter * 7919) % (n * n * 13);
    let month = k / (n * n);
    SearchQuery {
        text: format!("{} {}", words[k % n], words[(k / n) % n]),
        since: (month > 0).then(|| format!("2025-{month:02}-01")),
        limit: 20,
        ..SearchQuery::default()
    }
}

/// This process's user + system CPU time, from `/proc/self/stat` (clock ticks of 10 ms).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn main() {
    let Some(dir) = std::env::var_os("WARTA_DATA") else {
        eprintln!("set WARTA_DATA to a store built by `warta ingest` (see docs/BENCHMARKS.md)");
        return;
    };
    let count: usize = std::env::var("WARTA_QUESTIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let mut answers = std::env::var_os("WARTA_ANSWERS").map(|path| {
        std::io::BufWriter::new(std::fs::File::create(path).expect("a writable answers file"))
    });
    let store = warta_store::open(std::path::Path::new(&dir), Access::Read)
        .expect("a store built by warta ingest");
    let words = script_words();
    assert!(words.len() > 1, "the wrk script's words: {words:?}");
    // The first search loads the knowledge base for alias expansion.
    store.search_page(&question(&words, 0)).unwrap();
    let mut times = Vec::with_capacity(count);
    let cpu_before = cpu_time();
    let started = Instant::now();
    for counter in 1..=count {
        let query = question(&words, counter);
        let asked = Instant::now();
        let page = store.search_page(&query).unwrap();
        times.push(asked.elapsed());
        if let Some(out) = &mut answers {
            serde_json::to_writer(&mut *out, &(&query.text, &query.since, &page)).unwrap();
            out.write_all(b"\n").unwrap();
        }
    }
    let wall = started.elapsed();
    let cpu = cpu_time() - cpu_before;
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{count} new questions on one thread: CPU {:.3} ms per search, wall {:.3} ms per \
         search; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        cpu.as_secs_f64() * 1e3 / count as f64,
        wall.as_secs_f64() * 1e3 / count as f64,
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
    );
}
