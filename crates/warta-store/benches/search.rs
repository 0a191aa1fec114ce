//! Search latency on an existing store: p50, p99 and max over a fixed mix of queries
//! (words by lemma, a phrase, a knowledge-base alias, filters), the store opened once as
//! `warta search` opens it. Build a store first (docs/BENCHMARKS.md), then:
//!
//! ```sh
//! WARTA_DATA=/tmp/store cargo bench -p warta-store --bench search
//! ```

use std::time::{Duration, Instant};

use warta_store::{Access, SearchQuery};

/// Rounds over the query mix.
const ROUNDS: usize = 50;

fn queries() -> Vec<SearchQuery> {
    let words = |text: &str| SearchQuery {
        text: text.into(),
        limit: 20,
        ..SearchQuery::default()
    };
    vec![
        words("serang"),
        words("Kiev"),
        words("\"pos pemeriksaan\""),
        words("gencatan senjata"),
        words("korban tewas Kyiv"),
        words("bantuan darurat keluarga"),
        SearchQuery {
            entity: Some("Gaza".into()),
            ..words("tewas")
        },
        SearchQuery {
            event_type: Some("ASSAULT".into()),
            since: Some("2025-03-01".into()),
            until: Some("2025-04-30".into()),
            ..words("")
        },
        SearchQuery {
            outlet: Some("Warta Harian".into()),
            ..words("mengungsi")
        },
    ]
}

fn main() {
    let Some(dir) = std::env::var_os("WARTA_DATA") else {
        eprintln!("set WARTA_DATA to a store built by `warta ingest` (see docs/BENCHMARKS.md)");
        return;
    };
    let opened = Instant::now();
    // A folder, or a postgres:// URL (with `--features postgres`).
    let store = warta_store::open(std::path::Path::new(&dir), Access::Read)
        .expect("a store built by warta ingest");
    let stats = store.stats().unwrap();
    let open_time = opened.elapsed();
    let queries = queries();
    // The first search loads the knowledge base for alias expansion.
    let first = Instant::now();
    for query in &queries {
        store.search(query).unwrap();
    }
    let warm_up = first.elapsed();
    let mut times: Vec<Duration> = Vec::with_capacity(ROUNDS * queries.len());
    let mut by_query: Vec<Vec<Duration>> = vec![Vec::with_capacity(ROUNDS); queries.len()];
    let mut hits = 0;
    for _ in 0..ROUNDS {
        for (query, own) in queries.iter().zip(&mut by_query) {
            let started = Instant::now();
            hits += store.search(query).unwrap().len();
            times.push(started.elapsed());
            own.push(started.elapsed());
        }
    }
    // Each query's median, so that a slow kind of question shows which it is.
    for (query, own) in queries.iter().zip(&mut by_query) {
        own.sort();
        println!(
            "  p50 {:7.2} ms, max {:7.2} ms, matching {:6}: {query:?}",
            own[own.len() / 2].as_secs_f64() * 1e3,
            own.last().unwrap().as_secs_f64() * 1e3,
            store.count(query).unwrap(),
        );
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{} documents; open {:.1} ms; first round (knowledge base load) {:.0} ms; \
         {} searches, {} hits: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        stats.documents,
        open_time.as_secs_f64() * 1e3,
        warm_up.as_secs_f64() * 1e3,
        times.len(),
        hits,
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
    );
}
