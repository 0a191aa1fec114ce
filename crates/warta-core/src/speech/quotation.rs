//! Quotation marks: which marks open and close a quotation, paired per paragraph.
//!
//! News text mixes curly, straight and guillemet marks, and scraping leaves some unpaired
//! ("“Tidak, ...," kata Peskov" opens curly and closes straight). A mark's direction is read
//! from its neighbours first (space before and a letter after opens; a letter or
//! punctuation before and a space after closes) and from its shape only when the
//! neighbours do not say. Single marks count only in paragraphs without double ones, and
//! never inside a word (the apostrophe of "Jum'at").

use crate::span::Span;

/// One quotation: the marks and what they enclose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to the closing mark, both included.
    pub outer: Span,
    /// The quoted words, without the marks.
    pub inner: Span,
    /// False when the closing mark is missing and the quotation runs to the paragraph's
    /// end (the convention for a quote going on in the next paragraph, or a lost mark).
    pub closed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Open,
    Close,
}

struct Mark {
    at: usize,
    len: usize,
    direction: Direction,
}

fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»')
}

fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‹' | '›')
}

/// The direction a mark's shape suggests, when the shape says one.
fn shape_direction(c: char) -> Option<Direction> {
    match c {
        '“' | '„' | '‟' | '«' | '‘' | '‹' => Some(Direction::Open),
        '”' | '»' | '’' | '›' => Some(Direction::Close),
        _ => None,
    }
}

fn direction(c: char, before: Option<char>, after: Option<char>) -> Option<Direction> {
    let space_before =
        before.is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '[' | '—' | '–'));
    let space_after = after.is_none_or(|a| a.is_whitespace());
    let word_after =
        after.is_some_and(|a| a.is_alphanumeric() || is_double(a) || is_single(a) || a == '.');
    let word_before = before.is_some_and(|b| !b.is_whitespace());
    if space_before && word_after {
        Some(Direction::Open)
    } else if word_before && (space_after || after.is_some_and(|a| a.is_ascii_punctuation())) {
        Some(Direction::Close)
    } else {
        shape_direction(c)
    }
}

/// Quotations of `paragraph` (a span of `text`), in text order.
pub fn quotations(text: &str, paragraph: Span) -> Vec<Quotation> {
    let body = paragraph.of(text);
    let has_double = marks_of(body).any(|(_, c)| is_double(c));
    let mut marks = Vec::new();
    for (at, c) in marks_of(body) {
        let previous = body[..at].chars().next_back();
        let after = body[at + c.len_utf8()..].chars().next();
        let counts = if has_double {
            is_double(c)
        } else {
            // An apostrophe inside a word is no quotation mark.
            !(previous.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric))
        };
        if counts && let Some(direction) = direction(c, previous, after) {
            marks.push(Mark {
                at: paragraph.start + at,
                len: c.len_utf8(),
                direction,
            });
        }
    }
    pair(&marks, paragraph)
}

/// The quotation marks of `body`, double or single, with their byte offsets. Every mark
/// starts with `"`, `'`, 0xC2 or 0xE2, so only those bytes are decoded: most of a
/// paragraph is read as bytes, not characters.
fn marks_of(body: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    body.bytes()
        .enumerate()
        .filter(|&(_, b)| matches!(b, b'"' | b'\'' | 0xc2 | 0xe2))
        .filter_map(|(at, _)| {
            // These bytes are ASCII or lead a character, so `at` is a char boundary.
            let c = body[at..].chars().next()?;
            (is_double(c) || is_single(c)).then_some((at, c))
        })
}

fn pair(marks: &[Mark], paragraph: Span) -> Vec<Quotation> {
    let mut found = Vec::new();
    let mut open: Option<&Mark> = None;
    for mark in marks {
        match (open, mark.direction) {
            (None, Direction::Open) => open = Some(mark),
            (Some(start), Direction::Close) => {
                found.push(Quotation {
                    outer: Span::new(start.at, mark.at + mark.len),
                    inner: Span::new(start.at + start.len, mark.at),
                    closed: true,
                });
                open = None;
            }
            // A closing mark with nothing open: the opening one was lost. When nothing
            // else was quoted before it in the paragraph, the quote ran from its start.
            (None, Direction::Close) => {
                if found.is_empty() && mark.at > paragraph.start {
                    found.push(Quotation {
                        outer: Span::new(paragraph.start, mark.at + mark.len),
                        inner: Span::new(paragraph.start, mark.at),
                        closed: false,
                    });
                }
            }
            // Two openings in a row: the first was stray.
            (Some(_), Direction::Open) => open = Some(mark),
        }
    }
    // An opening mark left open: a quotation running to the paragraph's end, when it
    // opens the paragraph (a quote going on in the next one); otherwise a stray mark.
    if let Some(start) = open
        && start.at == paragraph.start
        && paragraph.end > start.at + start.len
    {
        found.push(Quotation {
            outer: Span::new(start.at, paragraph.end),
            inner: Span::new(start.at + start.len, paragraph.end),
            closed: false,
        });
    }
    found.retain(|q| q.inner.end > q.inner.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        quotations(text, Span::new(0, text.len()))
            .into_iter()
            .map(|q| q.inner.of(text))
            .collect()
    }

    #[test]
    fn pairs_curly_straight_and_mixed_marks() {
        assert_eq!(quoted("“Kami siap,” kata dia."), ["Kami siap,"]);
        assert_eq!(quoted("\"Kami siap,\" kata dia."), ["Kami siap,"]);
        assert_eq!(quoted("“Kami siap,\" kata dia."), ["Kami siap,"]);
        assert_eq!(quoted("«Kami siap», kata dia."), ["Kami siap"]);
    }

    #[test]
    fn reads_direction_from_neighbours() {
        // A closing-shaped mark used to open, as scraped text often has.
        assert_eq!(quoted("”Kami siap,” kata dia."), ["Kami siap,"]);
        assert_eq!(
            quoted("Ia menyebut \"target sah\" dan \"ancaman nyata\"."),
            ["target sah", "ancaman nyata"]
        );
    }

    #[test]
    fn nested_single_marks_stay_inside() {
        assert_eq!(
            quoted("“Mereka bilang: ‘Datanglah’, lalu pergi,” kata Ana."),
            ["Mereka bilang: ‘Datanglah’, lalu pergi,"]
        );
    }

    #[test]
    fn single_marks_count_without_double_ones_but_not_apostrophes() {
        assert_eq!(quoted("‘Kami siap,’ kata dia pada Jum'at."), ["Kami siap,"]);
        assert!(quoted("Salat Jum'at di masjid.").is_empty());
    }

    #[test]
    fn unclosed_quote_opening_a_paragraph_runs_to_its_end() {
        let text = "“Kami akan terus berjuang sampai menang.";
        let found = quotations(text, Span::new(0, text.len()));
        assert_eq!(found.len(), 1);
        assert!(!found[0].closed);
        assert_eq!(
            found[0].inner.of(text),
            "Kami akan terus berjuang sampai menang."
        );
    }

    #[test]
    fn stray_opening_mark_inside_a_paragraph_is_ignored() {
        assert_eq!(
            quoted("Mereka adalah “mitra” kami, “kata menteri itu."),
            ["mitra"]
        );
    }

    #[test]
    fn lost_opening_mark_at_paragraph_start() {
        assert_eq!(quoted("Kami siap,” kata dia."), ["Kami siap,"]);
    }

    /// The marks as read one character at a time, as [`marks_of`] must find them.
    fn marks_by_char(body: &str) -> Vec<(usize, char)> {
        body.char_indices()
            .filter(|&(_, c)| is_double(c) || is_single(c))
            .collect()
    }

    #[test]
    fn marks_are_found_wherever_characters_hold_them() {
        let body = "«a» ‹b› “c” ‘d’ „e‟ \"f\" 'g' Jum'at — é ¼ …\u{a0}\u{2003}";
        assert_eq!(marks_of(body).collect::<Vec<_>>(), marks_by_char(body));
        assert_eq!(marks_of(body).count(), 15);
    }

    proptest::proptest! {
        #[test]
        fn marks_of_any_text_are_those_read_by_character(body in "\\PC{0,60}") {
            proptest::prop_assert_eq!(marks_of(&body).collect::<Vec<_>>(), marks_by_char(&body));
        }
    }
}
