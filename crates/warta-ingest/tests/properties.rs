//! Property tests: no reader panics on arbitrary bytes, and every article it yields has
//! a body that is non-empty text without NUL or stray control characters.

use std::io::Cursor;

use proptest::prelude::*;
use warta_core::Article;
use warta_ingest::{Format, IngestOptions, JsonlReader, read_html, read_stream, read_text};

fn options() -> IngestOptions {
    IngestOptions {
        max_article_bytes: 16 * 1024,
        ..IngestOptions::default()
    }
}

fn assert_valid(article: &Article) {
    assert!(
        !article.body.trim().is_empty(),
        "empty body from {}",
        article.source
    );
    assert!(
        !article
            .body
            .chars()
            .any(|ch| ch.is_control() && ch != '\n' && ch != '\t'),
        "control character in {:?}",
        article.body
    );
}

/// Bytes that look a little like each format, so the readers get past their first checks.
fn format_like_bytes() -> impl Strategy<Value = Vec<u8>> {
    let fragments = prop::sample::select(vec![
        &b"WARC/1.1\r\n"[..],
        b"WARC-Type: response\r\n",
        b"WARC-Type: resource\r\n",
        b"Content-Type: application/http\r\n",
        b"Content-Type: text/html; charset=windows-1252\r\n",
        b"Content-Length: 40\r\n",
        b"\r\n",
        b"HTTP/1.1 200 OK\r\n",
        b"Transfer-Encoding: chunked\r\n",
        b"<p>Berita ",
        b"</p>",
        b"<script>",
        b"{\"text\": \"Gempa\"}\n",
        b"{\"html\": \"<p>x</p>\"}\n",
        b"\0",
        b"\xE9",
        b"\x1f\x8b",
        b"Jakarta",
    ]);
    prop::collection::vec(
        prop_oneof![
            fragments.prop_map(<[u8]>::to_vec),
            prop::collection::vec(any::<u8>(), 0..8)
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn any_input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        format_like_bytes()
    ]
}

proptest! {
    #[test]
    fn text_reader_never_panics(bytes in any_input()) {
        if let Ok(article) = read_text("p.txt", &bytes[..], &options()) {
            assert_valid(&article);
        }
    }

    #[test]
    fn html_reader_never_panics(bytes in any_input()) {
        if let Ok(article) = read_html("p.html", &bytes[..], &options()) {
            assert_valid(&article);
        }
    }

    #[test]
    fn jsonl_reader_never_panics(bytes in any_input()) {
        for article in JsonlReader::new("p.jsonl", &bytes[..], &options()).flatten() {
            assert_valid(&article);
        }
    }

    #[test]
    fn every_format_via_read_stream_never_panics(bytes in any_input(), format in prop::option::of(prop::sample::select(vec![Format::Text, Format::Html, Format::Jsonl, Format::Warc]))) {
        for article in read_stream("p", Cursor::new(bytes), format, &options()).flatten() {
            assert_valid(&article);
        }
    }
}
