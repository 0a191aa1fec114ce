//! Plain-text articles: one article per file or stream, UTF-8 only.

use std::io::Read;

use warta_core::Article;

use crate::IngestOptions;
use crate::error::{ErrorKind, IngestError, Location};

/// Reads one plain-text article from `reader`; `file` names it in the article and in errors.
///
/// Only UTF-8 is accepted (a BOM is fine): a legacy-encoded file is reported with the
/// offset of its first bad byte rather than guessed at, because a wrong guess would
/// silently corrupt names and numbers. At most `options.max_article_bytes` are read.
pub fn read_text(
    file: &str,
    reader: impl Read,
    options: &IngestOptions,
) -> Result<Article, IngestError> {
    let fail = |kind: ErrorKind| IngestError::new(file, Location::File, kind);
    let bytes = read_capped(reader, options.max_article_bytes).map_err(fail)?;
    let body = decode_utf8_text(&bytes).map_err(fail)?;
    Ok(Article::from_text(file, body))
}

/// Reads a whole article, but never more than `limit` bytes of it.
pub(crate) fn read_capped(reader: impl Read, limit: usize) -> Result<Vec<u8>, ErrorKind> {
    let mut bytes = Vec::new();
    let limit_plus_one = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(limit_plus_one).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Err(ErrorKind::TooLarge { limit });
    }
    Ok(bytes)
}

/// Checks that `bytes` are UTF-8 text and returns them as an article body.
pub(crate) fn decode_utf8_text(bytes: &[u8]) -> Result<String, ErrorKind> {
    if looks_binary(bytes) {
        return Err(ErrorKind::Binary);
    }
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(without_bom).map_err(|err| {
        let bom_len = bytes.len() - without_bom.len();
        ErrorKind::InvalidUtf8 {
            offset: (bom_len + err.valid_up_to()) as u64,
        }
    })?;
    finish_body(text)
}

/// A NUL byte, or more than one control byte in ten, means this is not text.
///
/// Text editors never write NUL into UTF-8 text, while images, archives and office
/// files are full of it; the ratio catches the rest without rejecting a stray `\x0c`.
fn looks_binary(bytes: &[u8]) -> bool {
    let is_control = |byte: &&u8| matches!(**byte, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F);
    bytes.contains(&0) || bytes.iter().filter(is_control).count() * 10 > bytes.len()
}

/// Normalizes a decoded body: `\n` line ends, no control characters but tab, no BOM.
///
/// Every reader ends here, so every article body is non-empty text the core can
/// treat line by line.
pub(crate) fn finish_body(text: &str) -> Result<String, ErrorKind> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let bytes = text.as_bytes();
    let mut body = String::with_capacity(text.len());
    // Runs of text that stay as they are are copied whole; only control characters
    // (C0 but `\n` and `\t`, DEL, and C1, written 0xC2 0x80..=0x9F) are looked at.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let width = match bytes[i] {
            b'\n' | b'\t' => 0,
            0x00..=0x1f | 0x7f => 1,
            0xc2 if bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)) => 2,
            _ => 0,
        };
        if width == 0 {
            i += 1;
            continue;
        }
        body.push_str(&text[copied..i]);
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            b'\r' | 0x0b | 0x0c => body.push('\n'),
            _ => {}
        }
        i += width;
        copied = i;
    }
    body.push_str(&text[copied..]);
    if body.trim().is_empty() {
        return Err(ErrorKind::Empty);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Article, IngestError> {
        read_text("berita.txt", bytes, &IngestOptions::default())
    }

    #[test]
    fn utf8_text_with_bom_and_crlf_becomes_one_article() {
        let article = read(
            b"\xEF\xBB\xBFWali Kota Bandung meresmikan pasar baru.\r\nWarga menyambut gembira.\r\n",
        )
        .unwrap();
        assert_eq!(article.source, "berita.txt");
        assert_eq!(
            article.body,
            "Wali Kota Bandung meresmikan pasar baru.\nWarga menyambut gembira.\n"
        );
    }

    #[test]
    fn control_characters_go_and_line_ends_become_newlines() {
        let raw =
            "Satu\r\nDua\rTiga\u{0B}Empat\u{0C}Lima\u{01}\u{7F}\u{85}\u{9F}.\u{A0}Enam\tTujuh\n\r";
        assert_eq!(
            finish_body(raw).unwrap(),
            "Satu\nDua\nTiga\nEmpat\nLima.\u{A0}Enam\tTujuh\n\n"
        );
        // Every character as the rule reads it, one by one.
        let by_char: String = raw
            .replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\r' | '\u{0B}' | '\u{0C}' => Some('\n'),
                '\n' | '\t' => Some(c),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        assert_eq!(finish_body(raw).unwrap(), by_char);
    }

    #[test]
    fn legacy_encoding_is_reported_with_its_offset() {
        let err = read(b"Harga caf\xE9 naik.").unwrap_err();
        assert_eq!(
            err.to_string(),
            "berita.txt: invalid UTF-8 at byte 9 (0-based)"
        );
    }

    #[test]
    fn binary_and_empty_files_are_errors() {
        assert_eq!(
            read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
                .unwrap_err()
                .to_string(),
            "berita.txt: binary file"
        );
        assert_eq!(
            read(b"  \n\t\r\n").unwrap_err().to_string(),
            "berita.txt: empty article"
        );
        assert!(matches!(read(b"").unwrap_err().kind, ErrorKind::Empty));
    }

    #[test]
    fn oversized_input_is_refused_after_reading_only_the_limit() {
        let options = IngestOptions {
            max_article_bytes: 1024,
            ..IngestOptions::default()
        };
        // An endless reader: the test only finishes if reading stops at the limit.
        let endless = std::io::repeat(b'a');
        let err = read_text("besar.txt", endless, &options).unwrap_err();
        assert_eq!(
            err.to_string(),
            "besar.txt: article larger than the limit of 1024 bytes"
        );
    }
}
