//! Arbitrary bytes as an HTML page: charset detection, readability and block text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta_ingest::{IngestOptions, read_html};

fuzz_target!(|data: &[u8]| {
    let options = IngestOptions { max_article_bytes: 64 * 1024, ..IngestOptions::default() };
    if let Ok(article) = read_html("fuzz.html", data, &options) {
        assert!(!article.body.trim().is_empty());
        assert!(!article.body.contains('\0'));
    }
});
