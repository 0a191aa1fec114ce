//! WARC files: HTML pages from `response` and `resource` records.
//!
//! The framing is read here rather than with the `warc` crate: it is a version line,
//! header lines, a blank line, `Content-Length` bytes and a blank line again, and
//! reading it ourselves keeps the reader streaming (a record block is never held in
//! memory beyond the article size cap) and lets it resynchronize after a bad record.
//! Compressed `.warc.gz` input is decompressed before it gets here, with a
//! multi-member gzip decoder since each record is its own gzip member.

use std::io::{self, BufRead, Read};

use warta_core::Article;

use crate::IngestOptions;
use crate::error::{ErrorKind, IngestError, Location};
use crate::html::{HtmlHints, article_from_html_bytes};
use crate::lines::{CappedLine, read_capped_line};
use crate::text::read_capped;

/// Longest WARC or HTTP header line accepted.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// Most header lines accepted in one WARC or HTTP header block.
const MAX_HEADER_LINES: usize = 512;

/// Iterator over the HTML articles of an uncompressed WARC stream.
///
/// Yields one article per `response` record with an HTTP 200 HTML payload and per
/// `resource` record of type HTML; other records (requests, metadata, images, redirects)
/// are skipped quietly. Each article's source is `file#record N` and its URL the
/// `WARC-Target-URI`. A broken record yields an error naming `file: record N (id)`;
/// after a bad header the reader skips to the next `WARC/` version line, and after a
/// truncated record or a read error it stops.
pub struct WarcReader<R> {
    file: String,
    reader: R,
    max_article_bytes: usize,
    record_number: u64,
    line: Vec<u8>,
    /// `line` already holds the next version line (read while checking a record's end).
    version_line_pending: bool,
    state: ReaderState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReaderState {
    /// At a record boundary.
    Ready,
    /// After a framing error: skip lines until one starts a record.
    Resync,
    /// At the end, or after an error that leaves no way to find the next record.
    Finished,
}

/// The WARC header fields a record is judged by.
#[derive(Debug, Default)]
struct RecordHeader {
    id: Option<String>,
    record_type: Option<String>,
    target_uri: Option<String>,
    content_type: Option<String>,
    content_length: Option<String>,
}

impl<R: BufRead> WarcReader<R> {
    pub fn new(file: impl Into<String>, reader: R, options: &IngestOptions) -> Self {
        WarcReader {
            file: file.into(),
            reader,
            max_article_bytes: options.max_article_bytes,
            record_number: 0,
            line: Vec::new(),
            version_line_pending: false,
            state: ReaderState::Ready,
        }
    }

    fn error(&self, id: Option<&str>, kind: ErrorKind) -> IngestError {
        let location = Location::Record {
            number: self.record_number,
            id: id.map(str::to_string),
        };
        IngestError::new(self.file.clone(), location, kind)
    }

    /// Moves to the next version line; `false` at the end of the stream.
    fn find_version_line(&mut self) -> io::Result<bool> {
        if std::mem::take(&mut self.version_line_pending) {
            return Ok(true);
        }
        loop {
            match read_capped_line(&mut self.reader, &mut self.line, MAX_HEADER_LINE)? {
                CappedLine::Eof => return Ok(false),
                CappedLine::TooLong => {
                    if self.state == ReaderState::Ready {
                        self.line.clear();
                        return Ok(true);
                    }
                }
                CappedLine::Line => {
                    let is_version = self.line.starts_with(b"WARC/");
                    let is_blank = self.line.trim_ascii().is_empty();
                    if is_version || (self.state == ReaderState::Ready && !is_blank) {
                        return Ok(true);
                    }
                }
            }
        }
    }

    /// Reads one record: `Ok(None)` at the end, `Ok(Some(None))` for a skipped record.
    fn read_record(&mut self) -> Result<Option<Option<Article>>, IngestError> {
        let found = self.find_version_line();
        match found {
            Err(err) => {
                self.state = ReaderState::Finished;
                return Err(self.error(None, err.into()));
            }
            Ok(false) => {
                self.state = ReaderState::Finished;
                return Ok(None);
            }
            Ok(true) => {}
        }
        self.record_number += 1;
        self.state = ReaderState::Resync;
        if !self.line.starts_with(b"WARC/") {
            return Err(self.error(None, ErrorKind::MissingWarcVersion));
        }
        let header = self
            .read_header()
            .map_err(|(id, kind)| self.error(id.as_deref(), kind))?;
        let id = header.id.as_deref();
        let length = match header
            .content_length
            .as_deref()
            .map(|value| (value, value.trim().parse::<u64>()))
        {
            None => return Err(self.error(id, ErrorKind::BadContentLength("missing".into()))),
            Some((value, Err(_))) => {
                return Err(self.error(id, ErrorKind::BadContentLength(value.into())));
            }
            Some((_, Ok(length))) => length,
        };

        let mut block = (&mut self.reader).take(length);
        let outcome = read_block(
            &header,
            &mut block,
            self.max_article_bytes,
            &self.file,
            self.record_number,
        );
        let drained = io::copy(&mut block, &mut io::sink());
        let missing = block.limit();
        if let Err(err) = drained {
            self.state = ReaderState::Finished;
            return Err(self.error(id, err.into()));
        }
        if missing > 0 {
            self.state = ReaderState::Finished;
            return Err(self.error(id, ErrorKind::TruncatedRecord));
        }
        match self.check_record_end() {
            Err(err) => {
                self.state = ReaderState::Finished;
                return Err(self.error(id, err.into()));
            }
            Ok(false) => return Err(self.error(id, ErrorKind::MissingRecordEnd)),
            Ok(true) => self.state = ReaderState::Ready,
        }
        outcome.map(Some).map_err(|kind| self.error(id, kind))
    }

    /// Reads header lines up to the blank line; on error also returns the id if seen.
    fn read_header(&mut self) -> Result<RecordHeader, (Option<String>, ErrorKind)> {
        let mut header = RecordHeader::default();
        for _ in 0..MAX_HEADER_LINES {
            let read = read_capped_line(&mut self.reader, &mut self.line, MAX_HEADER_LINE);
            match read.map_err(|err| (header.id.clone(), err.into()))? {
                CappedLine::Eof => return Err((header.id, ErrorKind::TruncatedRecord)),
                CappedLine::TooLong => {
                    return Err((
                        header.id,
                        ErrorKind::BadWarcHeader("header line too long".into()),
                    ));
                }
                CappedLine::Line if self.line.is_empty() => return Ok(header),
                CappedLine::Line => {}
            }
            let line = String::from_utf8_lossy(&self.line);
            let Some((name, value)) = line.split_once(':') else {
                return Err((
                    header.id,
                    ErrorKind::BadWarcHeader(format!("no colon in {:?}", truncate(&line))),
                ));
            };
            let value = Some(value.trim().to_string());
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-record-id" => header.id = value,
                "warc-type" => header.record_type = value,
                "warc-target-uri" => header.target_uri = value,
                "content-type" => header.content_type = value,
                "content-length" => header.content_length = value,
                _ => {}
            }
        }
        Err((
            header.id,
            ErrorKind::BadWarcHeader(format!("more than {MAX_HEADER_LINES} header lines")),
        ))
    }

    /// After a block come two line ends; a text line there means a wrong Content-Length.
    ///
    /// The end of the stream is accepted, as some tools drop the final blank lines.
    fn check_record_end(&mut self) -> io::Result<bool> {
        for _ in 0..2 {
            match read_capped_line(&mut self.reader, &mut self.line, MAX_HEADER_LINE)? {
                CappedLine::Eof => return Ok(true),
                CappedLine::TooLong => return Ok(false),
                CappedLine::Line if !self.line.is_empty() => {
                    self.version_line_pending = self.line.starts_with(b"WARC/");
                    return Ok(false);
                }
                CappedLine::Line => {}
            }
        }
        Ok(true)
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Article, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.state != ReaderState::Finished {
            match self.read_record() {
                Ok(None) => return None,
                Ok(Some(None)) => continue,
                Ok(Some(Some(article))) => return Some(Ok(article)),
                Err(err) => return Some(Err(err)),
            }
        }
        None
    }
}

/// Turns a record block into an article, or `None` for records that hold no HTML page.
fn read_block(
    header: &RecordHeader,
    block: &mut impl BufRead,
    max_article_bytes: usize,
    file: &str,
    record_number: u64,
) -> Result<Option<Article>, ErrorKind> {
    let url = header
        .target_uri
        .as_deref()
        .map(|uri| uri.trim_start_matches('<').trim_end_matches('>'));
    let source = format!("{file}#record {record_number}");
    match header
        .record_type
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("response")
            if header
                .content_type
                .as_deref()
                .is_some_and(|ct| ct.to_ascii_lowercase().starts_with("application/http")) =>
        {
            let Some(response) = read_http_head(block)? else {
                return Ok(None);
            };
            if response.status != 200 || !response.content_type.as_deref().is_some_and(is_html_type)
            {
                return Ok(None);
            }
            let bytes = read_http_payload(&response, block, max_article_bytes)?;
            let hints = HtmlHints {
                url,
                content_type: response.content_type.as_deref(),
            };
            article_from_html_bytes(&source, &bytes, hints).map(Some)
        }
        Some("resource") if header.content_type.as_deref().is_some_and(is_html_type) => {
            let bytes = read_capped(block, max_article_bytes)?;
            let hints = HtmlHints {
                url,
                content_type: header.content_type.as_deref(),
            };
            article_from_html_bytes(&source, &bytes, hints).map(Some)
        }
        Some(_) => Ok(None),
        None => Err(ErrorKind::BadWarcHeader("missing WARC-Type".into())),
    }
}

fn is_html_type(content_type: &str) -> bool {
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(media_type.as_str(), "text/html" | "application/xhtml+xml")
}

/// The parts of an HTTP response head that decide how to read the payload.
#[derive(Debug, Default)]
struct HttpHead {
    status: u16,
    content_type: Option<String>,
    chunked: bool,
    content_encoding: Option<String>,
}

/// Reads the status line and headers; `None` when the block is not an HTTP response
/// (e.g. a `dns:` record), which is skipped rather than reported.
fn read_http_head(block: &mut impl BufRead) -> Result<Option<HttpHead>, ErrorKind> {
    let mut line = Vec::new();
    let bad = |what: &str| ErrorKind::BadHttp(what.to_string());
    match read_capped_line(block, &mut line, MAX_HEADER_LINE)? {
        CappedLine::Line if line.starts_with(b"HTTP/") => {}
        _ => return Ok(None),
    }
    let status_line = String::from_utf8_lossy(&line);
    let status = status_line
        .split_ascii_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| bad(&format!("bad status line {:?}", truncate(&status_line))))?;
    let mut head = HttpHead {
        status,
        ..HttpHead::default()
    };
    for _ in 0..MAX_HEADER_LINES {
        match read_capped_line(block, &mut line, MAX_HEADER_LINE)? {
            CappedLine::Eof => return Err(bad("headers not terminated")),
            CappedLine::TooLong => return Err(bad("header line too long")),
            CappedLine::Line if line.is_empty() => return Ok(Some(head)),
            CappedLine::Line => {}
        }
        let line = String::from_utf8_lossy(&line);
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => head.content_type = Some(value.to_string()),
            "transfer-encoding" => head.chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => head.content_encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    Err(bad(&format!("more than {MAX_HEADER_LINES} header lines")))
}

/// Reads the payload as the server sent it: de-chunked, then decompressed, then capped.
fn read_http_payload(
    head: &HttpHead,
    block: &mut impl BufRead,
    limit: usize,
) -> Result<Vec<u8>, ErrorKind> {
    let transfer: Box<dyn Read + '_> = if head.chunked {
        Box::new(ChunkedReader {
            inner: block,
            remaining: 0,
            finished: false,
        })
    } else {
        Box::new(block)
    };
    let payload: Box<dyn Read + '_> = match head.content_encoding.as_deref() {
        None | Some("" | "identity") => transfer,
        Some("gzip" | "x-gzip") => Box::new(flate2::read::MultiGzDecoder::new(transfer)),
        Some("deflate") => Box::new(flate2::read::ZlibDecoder::new(transfer)),
        Some(other) => return Err(ErrorKind::UnsupportedContentEncoding(other.to_string())),
    };
    read_capped(payload, limit).map_err(|kind| match kind {
        ErrorKind::Io(err) => ErrorKind::BadHttp(format!("payload: {err}")),
        other => other,
    })
}

/// Decodes an HTTP/1.1 chunked body.
struct ChunkedReader<R> {
    inner: R,
    remaining: u64,
    finished: bool,
}

impl<R: BufRead> Read for ChunkedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.finished || buf.is_empty() {
            return Ok(0);
        }
        if self.remaining == 0 {
            let size = self.read_chunk_size()?;
            if size == 0 {
                self.finished = true;
                return Ok(0);
            }
            self.remaining = size;
        }
        let wanted = buf
            .len()
            .min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        let read = self.inner.read(&mut buf[..wanted])?;
        if read == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "chunk cut short",
            ));
        }
        self.remaining -= read as u64;
        Ok(read)
    }
}

impl<R: BufRead> ChunkedReader<R> {
    /// Reads the next chunk-size line, skipping the line end that closes the previous chunk.
    fn read_chunk_size(&mut self) -> io::Result<u64> {
        let mut line = Vec::new();
        loop {
            match read_capped_line(&mut self.inner, &mut line, 1024)? {
                CappedLine::Eof => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "missing last chunk",
                    ));
                }
                CappedLine::TooLong => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "chunk size line too long",
                    ));
                }
                CappedLine::Line if line.trim_ascii().is_empty() => continue,
                CappedLine::Line => break,
            }
        }
        let digits = line
            .split(|&byte| byte == b';')
            .next()
            .unwrap_or_default()
            .trim_ascii();
        std::str::from_utf8(digits)
            .ok()
            .and_then(|digits| u64::from_str_radix(digits, 16).ok())
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "bad chunk size"))
    }
}

/// Shortens quoted input in error messages.
fn truncate(text: &str) -> &str {
    match text.char_indices().nth(60) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}
