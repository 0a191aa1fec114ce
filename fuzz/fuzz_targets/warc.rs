//! Arbitrary bytes as a WARC file, plain or gzip-compressed (sniffed by magic bytes).
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use warta_ingest::{Format, IngestOptions, read_stream};

fuzz_target!(|data: &[u8]| {
    let options = IngestOptions { max_article_bytes: 64 * 1024, ..IngestOptions::default() };
    let records = read_stream("fuzz.warc", Cursor::new(data.to_vec()), Some(Format::Warc), &options);
    for article in records.flatten() {
        assert!(!article.body.trim().is_empty());
    }
});
