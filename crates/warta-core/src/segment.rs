//! Sentence splitting for Indonesian news text.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes and brackets) when
//! white space and a sentence start follow, and always at a paragraph break. A period
//! is not final after a decimal or date digit run, an initial ("M. Nur"), or an
//! abbreviation from `abbreviations.txt`; title abbreviations ("Dr.", "Jl.") never end a
//! sentence, others ("dll.") only before a capital letter. A quotation that closes in
//! the same paragraph is one unit, as the treebanks annotate it. A lower-case word after the
//! terminal mark continues the sentence, which keeps a quotation and its attribution
//! together (`“Negosiasi berlanjut?” tanya Podolyak.`).

use std::collections::HashMap;

use crate::lang::{LangData, LangError};
use crate::span::Span;

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbreviation {
    /// Always followed by a name, number or place: never ends a sentence.
    Title,
    /// May end a sentence when a capitalised word follows.
    General,
}

/// Splits text into sentences, knowing the language's abbreviations.
#[derive(Debug)]
pub struct Segmenter {
    abbreviations: HashMap<String, Abbreviation>,
}

/// Characters that may follow a terminal mark and still belong to the sentence.
fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}')
}

/// Characters that may open a sentence before its first letter.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '-' | '–' | '—' | '•' | '*'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

impl Segmenter {
    pub fn load(data: &LangData<'_>) -> Result<Self, LangError> {
        let mut abbreviations = HashMap::new();
        for line in data.lines("abbreviations.txt")? {
            let mut fields = line.split_whitespace();
            let word = fields.next().unwrap_or_default();
            if !word.ends_with('.') {
                return Err(LangError::invalid(
                    "abbreviations.txt",
                    format!("`{word}` does not end with a period"),
                ));
            }
            let kind = match fields.next() {
                None => Abbreviation::General,
                Some("title") => Abbreviation::Title,
                Some(flag) => {
                    return Err(LangError::invalid(
                        "abbreviations.txt",
                        format!("unknown flag `{flag}` after `{word}`"),
                    ));
                }
            };
            abbreviations.insert(word.to_string(), kind);
        }
        Ok(Segmenter { abbreviations })
    }

    /// Whether `word` (with its final period) is a known abbreviation.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains_key(word)
    }

    /// Sentence spans of `text`, in order, trimmed of surrounding white space.
    pub fn split(&self, text: &str) -> Vec<Span> {
        let mut sentences = Vec::new();
        let mut offset = 0;
        for paragraph in text.split('\n') {
            self.split_paragraph(paragraph, offset, &mut sentences);
            offset += paragraph.len() + 1;
        }
        sentences
    }

    fn split_paragraph(&self, paragraph: &str, offset: usize, out: &mut Vec<Span>) {
        let mut start = 0;
        // End of the quotation being read: terminal marks inside a quotation that closes
        // in this paragraph do not end the sentence, so a quoted passage of several
        // sentences stays one unit with its attribution.
        let mut quoted_until = 0;
        let bytes = paragraph.as_bytes();
        let mut i = 0;
        loop {
            // Only `"`, `.`, `!`, `?` and the marks led by 0xE2 (“, …) can open a
            // quotation or end a sentence: every other byte is passed over unread. A
            // lead byte always starts a character, so `i` is on a boundary when read.
            i = next_mark(bytes, i);
            if i == bytes.len() {
                break;
            }
            let c = paragraph[i..]
                .chars()
                .next()
                .expect("a character starts here");
            if i >= quoted_until && opens_quotation(paragraph, i, c) {
                if let Some(close) = closing_quote(paragraph, i, c) {
                    quoted_until = close;
                }
                i += c.len_utf8();
                continue;
            }
            if !is_terminal(c) {
                i += c.len_utf8();
                continue;
            }
            // Take the whole run of terminal marks and closing quotes/brackets.
            let mut end = i + c.len_utf8();
            while let Some(next) = paragraph[end..].chars().next() {
                if is_terminal(next) || is_closing(next) {
                    end += next.len_utf8();
                } else {
                    break;
                }
            }
            let inside_quotation = end <= quoted_until;
            if !inside_quotation && self.is_boundary(paragraph, i, c, end) {
                push_trimmed(paragraph, start, end, offset, out);
                start = end;
            }
            i = end;
        }
        push_trimmed(paragraph, start, paragraph.len(), offset, out);
    }

    /// Whether the terminal mark `mark` at `at`, whose run ends at `run_end`, ends a sentence.
    fn is_boundary(&self, paragraph: &str, at: usize, mark: char, run_end: usize) -> bool {
        let rest = &paragraph[run_end..];
        let after_space = rest.trim_start();
        if after_space.len() == rest.len() && !rest.is_empty() {
            // No white space after the run: "Kompas.com", "3.5", "a.n.".
            return false;
        }
        let Some(next) = first_sentence_char(after_space) else {
            return true; // End of paragraph.
        };
        if next.is_lowercase() {
            return false;
        }
        if mark != '.' || run_end != at + 1 {
            // `!`, `?`, `…`, or a period already followed by a closing quote.
            return true;
        }
        let word = word_before(paragraph, at + 1);
        let word_start = at + 1 - word.len();
        // A capital letter after a number is a unit or an era ("2 C.", "abad ke-6 M."),
        // not the initial of a name.
        if is_initial(word) && !ends_with_number(paragraph[..word_start].trim_end()) {
            return false;
        }
        match self.abbreviations.get(word) {
            Some(Abbreviation::Title) => false,
            // "Co. Ltd.": an abbreviation followed by another one continues the name.
            Some(Abbreviation::General) => {
                next.is_uppercase() && !self.abbreviations.contains_key(first_word(after_space))
            }
            None => true,
        }
    }
}

/// Whether `byte` may open a quotation or end a sentence: `"`, `.`, `!`, `?`, or 0xE2,
/// which leads `“` and `…`.
#[inline(always)]
fn may_mark(byte: u8) -> bool {
    // Five compares joined without short-circuit, so that a chunk's bytes are
    // compared in vector registers.
    (byte == b'"') | (byte == b'.') | (byte == b'!') | (byte == b'?') | (byte == 0xe2)
}

/// Position of the first byte from `from` on that [`may_mark`], or the length of `bytes`.
// Not inlined: inside the sentence loop the compiler no longer vectorises the chunk test.
#[inline(never)]
fn next_mark(bytes: &[u8], from: usize) -> usize {
    const CHUNK: usize = 32;
    let mut at = from;
    // A sentence runs over a hundred bytes or so without a mark: whole chunks are
    // passed over with one test each, which the compiler makes a few vector compares.
    while let Some(chunk) = bytes.get(at..at + CHUNK) {
        let chunk: &[u8; CHUNK] = chunk.try_into().expect("a whole chunk");
        let mut marks = 0u8;
        for &byte in chunk {
            marks |= u8::from(may_mark(byte));
        }
        if marks != 0 {
            break;
        }
        at += CHUNK;
    }
    bytes[at..]
        .iter()
        .position(|&b| may_mark(b))
        .map_or(bytes.len(), |offset| at + offset)
}

/// Longest quotation, in bytes, kept together as one sentence; a longer one is more
/// likely an unbalanced mark than a quoted passage.
const MAX_QUOTATION: usize = 1200;

/// Whether `c` at byte `at` opens a quotation: a curly opening mark, or a straight
/// double quote at the start of a word.
fn opens_quotation(paragraph: &str, at: usize, c: char) -> bool {
    match c {
        '“' => true,
        '"' => paragraph[..at]
            .chars()
            .next_back()
            .is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | ':')),
        _ => false,
    }
}

/// Byte offset of the mark closing the quotation opened by `open` at `at`, if it closes
/// within the paragraph and within [`MAX_QUOTATION`] bytes.
fn closing_quote(paragraph: &str, at: usize, open: char) -> Option<usize> {
    let close = if open == '“' { '”' } else { '"' };
    let from = at + open.len_utf8();
    let end = paragraph[from..].find(close)? + from;
    (end - at <= MAX_QUOTATION).then_some(end)
}

/// The first letter or digit of a possible sentence start, skipping opening marks.
fn first_sentence_char(text: &str) -> Option<char> {
    text.chars().find(|c| !is_opening(*c))
}

/// The white-space-delimited word that ends at `end` (which includes its period),
/// without leading opening quotes or brackets.
fn word_before(paragraph: &str, end: usize) -> &str {
    let head = &paragraph[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    head[start..].trim_start_matches(is_opening)
}

/// The white-space-delimited word at the start of `text`.
fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or_default()
}

/// Whether `text` ends with a digit, as "2" or "ke-6" do.
fn ends_with_number(text: &str) -> bool {
    text.ends_with(|c: char| c.is_ascii_digit())
}

/// A single capital letter with its period: an initial in a name ("M. Nur").
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

fn push_trimmed(paragraph: &str, start: usize, end: usize, offset: usize, out: &mut Vec<Span>) {
    let piece = &paragraph[start..end];
    let trimmed = piece.trim_start();
    let lead = piece.len() - trimmed.len();
    let trimmed = trimmed.trim_end();
    if !trimmed.is_empty() {
        let s = offset + start + lead;
        out.push(Span::new(s, s + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Language;

    fn split(text: &str) -> Vec<&str> {
        let lang = Language::indonesian();
        lang.segmenter
            .split(text)
            .into_iter()
            .map(|s| s.of(text))
            .collect()
    }

    #[test]
    fn splits_plain_sentences_and_paragraphs() {
        assert_eq!(
            split("Rapat dimulai pukul 09.00. Menteri hadir!\nApakah ada usul? Tidak ada."),
            [
                "Rapat dimulai pukul 09.00.",
                "Menteri hadir!",
                "Apakah ada usul?",
                "Tidak ada."
            ]
        );
    }

    #[test]
    fn keeps_titles_addresses_and_initials_inside() {
        assert_eq!(
            split(
                "Dr. Siti Aminah dan Prof. Budi tinggal di Jl. Merdeka No. 5 bersama H. Ahmad. Mereka tiba."
            ),
            [
                "Dr. Siti Aminah dan Prof. Budi tinggal di Jl. Merdeka No. 5 bersama H. Ahmad.",
                "Mereka tiba."
            ]
        );
        assert_eq!(
            split("Laporan disusun oleh M. Nur Hadi."),
            ["Laporan disusun oleh M. Nur Hadi."]
        );
    }

    #[test]
    fn general_abbreviations_end_a_sentence_only_before_a_capital() {
        assert_eq!(
            split(
                "Mereka membawa beras, gula, dll. untuk pengungsi. Bantuan tiba, dsb. Kemudian hujan."
            ),
            [
                "Mereka membawa beras, gula, dll. untuk pengungsi.",
                "Bantuan tiba, dsb.",
                "Kemudian hujan."
            ]
        );
    }

    #[test]
    fn numbers_dates_and_domains_do_not_split() {
        assert_eq!(
            split(
                "Sebanyak 2.000 orang, atau 3,5 persen, mengungsi pada 8.8.2024 menurut Kompas.com. Data berubah."
            ),
            [
                "Sebanyak 2.000 orang, atau 3,5 persen, mengungsi pada 8.8.2024 menurut Kompas.com.",
                "Data berubah."
            ]
        );
    }

    #[test]
    fn quotation_and_attribution_stay_together() {
        assert_eq!(
            split(
                "“Kami siap berunding. Tetapi tidak hari ini,” kata juru bicara itu. “Apa lagi?” tanyanya. Rapat usai."
            ),
            [
                "“Kami siap berunding. Tetapi tidak hari ini,” kata juru bicara itu.",
                "“Apa lagi?” tanyanya.",
                "Rapat usai."
            ]
        );
    }

    #[test]
    fn multi_byte_spaces_around_periods() {
        assert_eq!(split("\na\u{a0}.\u{a0}."), ["a\u{a0}.", "."]);
        assert_eq!(
            split("Ia tiba\u{2003}Dr.\u{a0}Budi pergi. Lalu"),
            ["Ia tiba\u{2003}Dr.\u{a0}Budi pergi.", "Lalu"]
        );
    }

    #[test]
    fn units_after_numbers_and_chained_abbreviations() {
        assert_eq!(
            split(
                "Suhu naik 2 C. Banyak warga mengungsi. Kota itu berdiri pada abad ke-6 M. Kini ramai."
            ),
            [
                "Suhu naik 2 C.",
                "Banyak warga mengungsi.",
                "Kota itu berdiri pada abad ke-6 M.",
                "Kini ramai."
            ]
        );
        assert_eq!(
            split("Kapal dibeli dari Hyundai Co. Ltd. tahun lalu. Harganya mahal."),
            [
                "Kapal dibeli dari Hyundai Co. Ltd. tahun lalu.",
                "Harganya mahal."
            ]
        );
    }

    #[test]
    fn unclosed_quotation_splits_normally() {
        // News convention: a quotation that runs on into the next paragraph is not closed.
        assert_eq!(
            split("“Kami siap berunding. Tetapi tidak hari ini.\nRapat usai."),
            [
                "“Kami siap berunding.",
                "Tetapi tidak hari ini.",
                "Rapat usai."
            ]
        );
    }

    #[test]
    fn closing_quote_after_period_ends_sentence() {
        assert_eq!(
            split("Ia berkata, \"Tidak ada prospek.\" Wartawan terdiam."),
            ["Ia berkata, \"Tidak ada prospek.\"", "Wartawan terdiam."]
        );
    }

    proptest::proptest! {
        #[test]
        fn next_mark_finds_the_first_mark_byte(text in "[a .!?\"“…é]{0,100}", from in 0usize..100) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let expected = (from..bytes.len())
                .find(|&i| matches!(bytes[i], b'"' | b'.' | b'!' | b'?' | 0xe2))
                .unwrap_or(bytes.len());
            proptest::prop_assert_eq!(super::next_mark(bytes, from), expected);
        }
    }
}
