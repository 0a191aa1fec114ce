//! Arbitrary bytes as a plain-text file: an article with a non-empty body, or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta_ingest::{IngestOptions, read_text};

fuzz_target!(|data: &[u8]| {
    let options = IngestOptions { max_article_bytes: 64 * 1024, ..IngestOptions::default() };
    if let Ok(article) = read_text("fuzz.txt", data, &options) {
        assert!(!article.body.trim().is_empty());
    }
});
