//! JSON Lines: one article per line, `{"text": ...}` or `{"html": ...}` plus metadata.

use std::io::BufRead;

use serde::Deserialize;
use warta_core::Article;

use crate::IngestOptions;
use crate::error::{ErrorKind, IngestError, Location};
use crate::html::article_from_html;
use crate::lines::{CappedLine, read_capped_line};
use crate::text::finish_body;

/// One line of a JSON Lines corpus. Unknown fields are ignored so that crawler
/// exports with extra columns load as they are.
#[derive(Debug, Deserialize)]
struct JsonlRecord {
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
}

/// Iterator over the articles of a JSON Lines stream, one `Result` per non-blank line.
///
/// Each line holds `text` (plain text) or `html` (a page that goes through the HTML
/// extraction), and optionally `url`, `title`, `published`, `outlet`, which win over
/// what the HTML says. A bad line (invalid JSON, no body, longer than
/// `options.max_article_bytes`) yields an error naming `file:line` and reading goes on;
/// an over-long line is skipped without being buffered. A read error ends the stream.
pub struct JsonlReader<R> {
    file: String,
    reader: R,
    max_line_bytes: usize,
    line_number: u64,
    line: Vec<u8>,
    finished: bool,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(file: impl Into<String>, reader: R, options: &IngestOptions) -> Self {
        JsonlReader {
            file: file.into(),
            reader,
            max_line_bytes: options.max_article_bytes,
            line_number: 0,
            line: Vec::new(),
            finished: false,
        }
    }

    fn error(&self, kind: ErrorKind) -> IngestError {
        IngestError::new(self.file.clone(), Location::Line(self.line_number), kind)
    }

    fn parse_line(&self) -> Result<Article, ErrorKind> {
        let record: JsonlRecord = serde_json::from_slice(&self.line)
            .map_err(|err| ErrorKind::InvalidJson(err.to_string()))?;
        let source = format!("{}:{}", self.file, self.line_number);
        let mut article = match (record.text, record.html) {
            (Some(text), _) if !text.trim().is_empty() => {
                Article::from_text(source, finish_body(&text)?)
            }
            (_, Some(html)) => article_from_html(&source, &html, record.url.as_deref())?,
            (Some(_), None) => return Err(ErrorKind::Empty),
            (None, None) => return Err(ErrorKind::MissingBody),
        };
        let given = |field: Option<String>| field.filter(|value| !value.trim().is_empty());
        article.url = given(record.url).or(article.url);
        article.title = given(record.title).or(article.title);
        article.published = given(record.published).or(article.published);
        article.outlet = given(record.outlet).or(article.outlet);
        Ok(article)
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            let read = read_capped_line(&mut self.reader, &mut self.line, self.max_line_bytes);
            self.line_number += 1;
            match read {
                Err(err) => {
                    self.finished = true;
                    return Some(Err(self.error(err.into())));
                }
                Ok(CappedLine::Eof) => self.finished = true,
                Ok(CappedLine::TooLong) => {
                    return Some(Err(self.error(ErrorKind::LineTooLong {
                        limit: self.max_line_bytes,
                    })));
                }
                Ok(CappedLine::Line) => {
                    if self.line_number == 1 && self.line.starts_with(b"\xEF\xBB\xBF") {
                        self.line.drain(..3);
                    }
                    if self.line.trim_ascii().is_empty() {
                        continue;
                    }
                    return Some(self.parse_line().map_err(|kind| self.error(kind)));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str, options: &IngestOptions) -> Vec<Result<Article, String>> {
        JsonlReader::new("korpus/a.jsonl", input.as_bytes(), options)
            .map(|item| item.map_err(|err| err.to_string()))
            .collect()
    }

    #[test]
    fn bad_lines_give_errors_and_good_lines_come_through() {
        let input = concat!(
            r#"{"text": "Gubernur Jawa Tengah meninjau banjir di Demak.", "url": "https://contoh.id/1", "outlet": "Kabar Contoh"}"#,
            "\n",
            r#"{"text": "Kalimat yang tidak selesai"#,
            "\n\n",
            r#"{"judul": "tanpa isi"}"#,
            "\n",
            r#"{"html": "<html><head><title>Harga Cabai Naik</title></head><body><p>Harga cabai rawit di Pasar Kramat naik dua kali lipat.</p></body></html>", "published": "2026-03-11"}"#,
            "\n",
        );
        let items = read_all(input, &IngestOptions::default());
        assert_eq!(items.len(), 4);
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.source, "korpus/a.jsonl:1");
        assert_eq!(first.url.as_deref(), Some("https://contoh.id/1"));
        assert_eq!(first.outlet.as_deref(), Some("Kabar Contoh"));
        assert!(
            items[1]
                .as_ref()
                .unwrap_err()
                .starts_with("korpus/a.jsonl:2: invalid JSON: EOF while parsing")
        );
        assert_eq!(
            items[2].as_ref().unwrap_err(),
            "korpus/a.jsonl:4: no \"text\" or \"html\" field"
        );
        let from_html = items[3].as_ref().unwrap();
        assert_eq!(from_html.source, "korpus/a.jsonl:5");
        assert_eq!(from_html.title.as_deref(), Some("Harga Cabai Naik"));
        assert_eq!(from_html.published.as_deref(), Some("2026-03-11"));
        assert_eq!(
            from_html.body,
            "Harga cabai rawit di Pasar Kramat naik dua kali lipat.\n"
        );
    }

    #[test]
    fn over_long_line_is_one_error_and_the_next_line_is_read() {
        let options = IngestOptions {
            max_article_bytes: 64,
            ..IngestOptions::default()
        };
        let input = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"Sidang ditunda.\"}}\n",
            "panjang ".repeat(50)
        );
        let items = read_all(&input, &options);
        assert_eq!(
            items[0].as_ref().unwrap_err(),
            "korpus/a.jsonl:1: line longer than the limit of 64 bytes (skipped)"
        );
        assert_eq!(items[1].as_ref().unwrap().body, "Sidang ditunda.");
        assert_eq!(items.len(), 2);
    }
}
