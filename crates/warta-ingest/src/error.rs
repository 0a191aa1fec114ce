//! Errors that name the file and the place in it, so a user can find the bad input.

use std::fmt;
use std::io;

/// Where in an input an error happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole (plain text, HTML, or a file that could not be opened).
    File,
    /// A 1-based line of a JSON Lines file.
    Line(u64),
    /// A 1-based record of a WARC file, with its `WARC-Record-ID` when the header got that far.
    Record { number: u64, id: Option<String> },
}

/// What went wrong with one input, file, line or record.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    #[error("read error: {0}")]
    Io(#[from] io::Error),
    #[error("binary file")]
    Binary,
    #[error("invalid UTF-8 at byte {offset} (0-based)")]
    InvalidUtf8 { offset: u64 },
    #[error("empty article")]
    Empty,
    #[error("article larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    #[error("line longer than the limit of {limit} bytes (skipped)")]
    LineTooLong { limit: usize },
    #[error("HTML nested deeper than {limit} elements")]
    TooDeep { limit: usize },
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    #[error("no \"text\" or \"html\" field")]
    MissingBody,
    #[error("missing WARC version line")]
    MissingWarcVersion,
    #[error("bad WARC header: {0}")]
    BadWarcHeader(String),
    #[error("bad Content-Length: {0}")]
    BadContentLength(String),
    #[error("truncated record")]
    TruncatedRecord,
    #[error("record block not followed by a blank line (wrong Content-Length?)")]
    MissingRecordEnd,
    #[error("bad HTTP payload: {0}")]
    BadHttp(String),
    #[error("unsupported Content-Encoding: {0}")]
    UnsupportedContentEncoding(String),
}

/// An input that did not yield an article, named by file and line or record.
///
/// Displays as `corpus/a.jsonl:17: invalid JSON: ...` or
/// `crawl.warc.gz: record 3 (<urn:uuid:...>): truncated record`, so a log line is enough
/// to find the bad input.
#[derive(Debug)]
pub struct IngestError {
    /// The file as given or found in a walk (`<stdin>` for standard input).
    pub file: String,
    pub location: Location,
    pub kind: ErrorKind,
}

impl IngestError {
    pub fn new(file: impl Into<String>, location: Location, kind: impl Into<ErrorKind>) -> Self {
        IngestError {
            file: file.into(),
            location,
            kind: kind.into(),
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        match &self.location {
            Location::File => {}
            Location::Line(line) => write!(f, ":{line}")?,
            Location::Record { number, id: None } => write!(f, ": record {number}")?,
            Location::Record {
                number,
                id: Some(id),
            } => write!(f, ": record {number} ({id})")?,
        }
        write!(f, ": {}", self.kind)
    }
}

impl std::error::Error for IngestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.kind.source()
    }
}
