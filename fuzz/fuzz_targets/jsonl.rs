//! Arbitrary bytes as a JSON Lines file: every line yields an article or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta_ingest::{IngestOptions, JsonlReader};

fuzz_target!(|data: &[u8]| {
    let options = IngestOptions { max_article_bytes: 4 * 1024, ..IngestOptions::default() };
    for article in JsonlReader::new("fuzz.jsonl", data, &options).flatten() {
        assert!(!article.body.trim().is_empty());
    }
});
