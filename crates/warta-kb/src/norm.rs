//! Folding names to the form they are compared in.
//!
//! News text spells the same name many ways: `Zelenskyy`, `ZELENSKYY`, `Zélensky`,
//! `Novo-Ogaryovo` and `Novo Ogaryovo`, curly or straight apostrophes. Lookup and the
//! gazetteer compare *folded* forms: lower case, accents removed, dashes as spaces, one
//! space between words. Both use [`fold_char`], so a name folds the same way as the text
//! it is found in.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Appends the folded form of `c` to `out`. White space and dashes become a single
/// `' '` (the caller collapses runs); combining marks vanish.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '_') {
        out.push(' ');
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
        '\u{201C}' | '\u{201D}' => out.push('"'),
        // Letters without a canonical decomposition that still read as plain Latin.
        'ł' | 'Ł' => out.push('l'),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'ı' => out.push('i'),
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'þ' | 'Þ' => out.push_str("th"),
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// The folded form of a name: the key of [`crate::Kb::lookup`] and of the gazetteer.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    // Most names are ASCII: fold them without the per-character buffer.
    if name.is_ascii() {
        for b in name.bytes() {
            let f = match b {
                b'-' | b'_' => b' ',
                b'`' => b'\'',
                b if b.is_ascii_whitespace() => b' ',
                b => b.to_ascii_lowercase(),
            };
            if f == b' ' && (out.is_empty() || out.ends_with(' ')) {
                continue;
            }
            out.push(f as char);
        }
        if out.ends_with(' ') {
            out.pop();
        }
        return out;
    }
    let mut buf = String::new();
    for c in name.chars() {
        buf.clear();
        fold_char(c, &mut buf);
        for f in buf.chars() {
            if f == ' ' && (out.is_empty() || out.ends_with(' ')) {
                continue;
            }
            out.push(f);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_accents_dashes_and_spaces() {
        assert_eq!(fold("Zélensky"), "zelensky");
        assert_eq!(fold("  Novo-Ogaryovo "), "novo ogaryovo");
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(
            fold("Kementerian   Pertahanan\nRusia"),
            "kementerian pertahanan rusia"
        );
        assert_eq!(fold("Ma’ruf"), "ma'ruf");
        assert_eq!(fold("Ma`ruf - Amin_"), "ma'ruf amin");
    }
}
