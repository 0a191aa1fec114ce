//! warta-ingest: streaming readers that turn news inputs into [`warta_core::Article`]s.
//!
//! [`Inputs`] is the entry point: give it files, folders and `-` (standard input) and
//! it yields one `Result<Article, IngestError>` per article found, in a deterministic
//! order, reading one file at a time and never more than one article into memory.
//!
//! | Format | Recognised by | One article per |
//! |---|---|---|
//! | plain text (UTF-8) | `.txt`, else no other signature | file |
//! | HTML | `.html`, `.htm`, else a leading `<` | file |
//! | JSON Lines | `.jsonl`, `.ndjson`, else a leading `{` | line with `text` or `html` |
//! | WARC | `.warc`, else a `WARC/` first line | `response`/`resource` record with an HTML page |
//!
//! Any of these may be gzip-compressed (`.warc.gz`, `.jsonl.gz`, …); gzip is recognised
//! by its magic bytes. A bad file, line or record yields an [`IngestError`] naming it
//! (`korpus/a.jsonl:17: invalid JSON: …`) and the stream goes on with the next one.
//!
//! The per-format readers ([`read_text`], [`read_html`], [`JsonlReader`],
//! [`WarcReader`], [`read_stream`]) are public too, for callers (and fuzz targets) that
//! have bytes rather than paths.

mod error;
mod format;
mod html;
mod inputs;
mod jsonl;
mod lines;
mod text;
mod warc;

pub use error::{ErrorKind, IngestError, Location};
pub use format::Format;
pub use html::read_html;
pub use inputs::{ArticleStream, Inputs, STDIN_NAME, read_stream};
pub use jsonl::JsonlReader;
pub use text::read_text;
pub use warc::WarcReader;

/// Settings shared by all readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// The most bytes one article may take in its container: a text or HTML file, a
    /// JSON Lines line, a WARC record's HTTP payload. Larger inputs yield an error
    /// after reading at most this much, so a stray 200 MB file cannot exhaust memory.
    pub max_article_bytes: usize,
    /// Read every input as this format instead of going by extension and content.
    pub format: Option<Format>,
}

impl IngestOptions {
    /// 8 MiB: ten times the largest news page we have seen, with markup.
    pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 8 * 1024 * 1024;
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_article_bytes: Self::DEFAULT_MAX_ARTICLE_BYTES,
            format: None,
        }
    }
}
