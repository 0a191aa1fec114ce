//! Walking the command line's paths and handing each file to the right reader.

use std::fs;
use std::io::{self, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use warta_core::Article;

use crate::IngestOptions;
use crate::error::{IngestError, Location};
use crate::format::{Format, is_gzip};
use crate::html::read_html;
use crate::jsonl::JsonlReader;
use crate::text::read_text;
use crate::warc::WarcReader;

/// A stream of articles, or errors naming the input that did not give one.
pub type ArticleStream = Box<dyn Iterator<Item = Result<Article, IngestError>> + Send>;

/// How many bytes are looked at to recognise gzip and sniff the format.
const SNIFF_BYTES: usize = 512;
/// Read buffer per open file; large enough that decompression runs in big steps.
const READ_BUFFER_BYTES: usize = 64 * 1024;

/// The name standard input gets in sources and errors.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads articles from one open stream of any supported format.
///
/// `format` is what the caller knows (from a file name or the user); `None` sniffs it.
/// Gzip-compressed input is recognised by its magic bytes and decompressed as a
/// multi-member stream, so `.warc.gz` (one member per record) and `.jsonl.gz` work.
pub fn read_stream(
    file: impl Into<String>,
    reader: impl Read + Send + 'static,
    format: Option<Format>,
    options: &IngestOptions,
) -> ArticleStream {
    let file = file.into();
    let options = options.clone();
    let fail = |file: String, err: io::Error| -> ArticleStream {
        Box::new(std::iter::once(Err(IngestError::new(
            file,
            Location::File,
            err,
        ))))
    };
    let (head, reader) = match peek(reader) {
        Ok(peeked) => peeked,
        Err(err) => return fail(file, err),
    };
    let (head, reader): (Vec<u8>, Box<dyn Read + Send>) = if is_gzip(&head) {
        match peek(MultiGzDecoder::new(BufReader::with_capacity(
            READ_BUFFER_BYTES,
            reader,
        ))) {
            Ok((head, reader)) => (head, Box::new(reader)),
            Err(err) => return fail(file, err),
        }
    } else {
        (head, Box::new(reader))
    };
    let format = format
        .or(options.format)
        .unwrap_or_else(|| Format::sniff(&head));
    let reader = BufReader::with_capacity(READ_BUFFER_BYTES, reader);
    match format {
        Format::Text => Box::new(std::iter::once_with(move || {
            read_text(&file, reader, &options)
        })),
        Format::Html => Box::new(std::iter::once_with(move || {
            read_html(&file, reader, &options)
        })),
        Format::Jsonl => Box::new(JsonlReader::new(file, reader, &options)),
        Format::Warc => Box::new(WarcReader::new(file, reader, &options)),
    }
}

/// A stream whose first bytes were read for sniffing and are put back in front.
type Replayed<R> = io::Chain<Cursor<Vec<u8>>, R>;

/// Reads the first bytes of a stream and gives back a reader that still starts with them.
fn peek<R: Read>(mut reader: R) -> io::Result<(Vec<u8>, Replayed<R>)> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    Ok((head.clone(), Cursor::new(head).chain(reader)))
}

/// The articles of files, folders and standard input, in a deterministic order.
///
/// Each path may be a file, a folder (walked recursively in sorted order, skipping
/// hidden entries and symlinked folders, which could loop) or `-` for standard input.
/// The format of a file comes from its extension, else from sniffing its content
/// (see [`Format`]); `IngestOptions::format` overrides both. A walk skips files whose
/// extension is not one of warta's formats (`README.md`, `photo.jpg`); files without an
/// extension are sniffed.
///
/// Nothing is read ahead: a folder is listed when the walk reaches it and a file is
/// opened when the previous one is done, so memory stays flat however large the corpus.
/// A bad file, line or record yields an [`IngestError`] and the stream goes on.
///
/// ```no_run
/// use warta_ingest::{IngestOptions, Inputs};
/// for item in Inputs::new(vec!["korpus/".into(), "-".into()], IngestOptions::default()) {
///     match item {
///         Ok(article) => println!("{}: {} bytes", article.source, article.body.len()),
///         Err(err) => eprintln!("warning: {err}"),
///     }
/// }
/// ```
pub struct Inputs {
    /// Paths still to visit, the next one last.
    pending: Vec<Pending>,
    current: Option<ArticleStream>,
    options: IngestOptions,
}

/// A path still to visit, and whether the user named it or the walk found it.
#[derive(Debug)]
enum Pending {
    Given(PathBuf),
    Found(PathBuf),
}

impl Inputs {
    pub fn new(paths: Vec<PathBuf>, options: IngestOptions) -> Self {
        let pending = paths.into_iter().rev().map(Pending::Given).collect();
        Inputs {
            pending,
            current: None,
            options,
        }
    }

    /// Starts reading the next path: opens a file, or queues a folder's entries.
    fn open(&mut self, pending: Pending) -> Result<(), IngestError> {
        let (path, given) = match pending {
            Pending::Given(path) => (path, true),
            Pending::Found(path) => (path, false),
        };
        if given && path.as_os_str() == "-" {
            self.current = Some(read_stream(STDIN_NAME, io::stdin(), None, &self.options));
            return Ok(());
        }
        let name = path.display().to_string();
        let fail = |err: io::Error| IngestError::new(name.clone(), Location::File, err);
        // Only a walk refuses symlinked folders: a link back up the tree would never end.
        let found_symlink = !given && fs::symlink_metadata(&path).map_err(fail)?.is_symlink();
        if fs::metadata(&path).map_err(fail)?.is_dir() {
            if !found_symlink {
                self.queue_folder(&path).map_err(fail)?;
            }
            return Ok(());
        }
        let format = Format::from_path(&path);
        if !given && format.is_none() && self.options.format.is_none() && path.extension().is_some()
        {
            // A walk meets READMEs, images and spreadsheets beside the articles: a file
            // with an extension warta does not read is not an article.
            return Ok(());
        }
        let file = fs::File::open(&path).map_err(fail)?;
        self.current = Some(read_stream(name, file, format, &self.options));
        Ok(())
    }

    /// Queues the visible entries of a folder in sorted order.
    fn queue_folder(&mut self, folder: &Path) -> io::Result<()> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(folder)? {
            let entry = entry?;
            if !entry.file_name().as_encoded_bytes().starts_with(b".") {
                entries.push(entry.path());
            }
        }
        entries.sort();
        self.pending
            .extend(entries.into_iter().rev().map(Pending::Found));
        Ok(())
    }
}

impl Iterator for Inputs {
    type Item = Result<Article, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(item);
            }
            self.current = None;
            let pending = self.pending.pop()?;
            if let Err(err) = self.open(pending) {
                return Some(Err(err));
            }
        }
    }
}
