//! Choosing a reader: by file extension, else by looking at the first bytes.

use std::path::Path;

/// The container formats warta reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One UTF-8 plain-text article per file (`.txt`).
    Text,
    /// One HTML page per file (`.html`, `.htm`).
    Html,
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    Jsonl,
    /// Web ARChive records (`.warc`; `.warc.gz` is this format gzip-compressed).
    Warc,
}

impl Format {
    /// The format a file name promises, ignoring a final `.gz` (gzip is detected by its
    /// magic bytes whatever the name says). `None` means "sniff the content".
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        match name.rsplit_once('.')?.1 {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "warc" => Some(Format::Warc),
            _ => None,
        }
    }

    /// Guesses the format of decompressed content from its first bytes: a WARC version
    /// line, `{` for JSON Lines, `<` for HTML, and plain text otherwise.
    pub fn sniff(head: &[u8]) -> Format {
        if head.starts_with(b"WARC/") {
            return Format::Warc;
        }
        let head = head
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(head)
            .trim_ascii_start();
        match head.first() {
            Some(b'{') => Format::Jsonl,
            Some(b'<') => Format::Html,
            _ => Format::Text,
        }
    }
}

/// The two bytes every gzip member starts with.
pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_content_pick_the_format() {
        assert_eq!(
            Format::from_path(Path::new("crawl/2026-03.warc.gz")),
            Some(Format::Warc)
        );
        assert_eq!(
            Format::from_path(Path::new("a/Berita.HTM")),
            Some(Format::Html)
        );
        assert_eq!(
            Format::from_path(Path::new("korpus.ndjson")),
            Some(Format::Jsonl)
        );
        assert_eq!(Format::from_path(Path::new("catatan")), None);
        assert_eq!(Format::sniff(b"WARC/1.1\r\n"), Format::Warc);
        assert_eq!(Format::sniff(b"\xEF\xBB\xBF  {\"text\":1}"), Format::Jsonl);
        assert_eq!(Format::sniff(b"\n<!DOCTYPE html>"), Format::Html);
        assert_eq!(Format::sniff(b"Jakarta - Hujan deras"), Format::Text);
    }
}
