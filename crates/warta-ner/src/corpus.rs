//! Annotated sentences and the corpus format they come in.

use crate::label::Label;

/// A tokenised sentence with one gold label per token.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub labels: Vec<Label>,
}

/// A line of a corpus that is not `token<TAB>tag`.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

/// Reads the IndoLEM NER format: one `token<TAB>tag` per line, a blank line between
/// sentences, tags in BIO (`O`, `B-PERSON`, `I-PERSON`, …). Surrounding blank lines and
/// Windows line ends are accepted; anything else that is not a known tag is an error, so a
/// corpus with a new type is noticed rather than silently read as `O`.
pub fn parse_bio(text: &str) -> Result<Vec<Sentence>, ParseError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.tokens.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        let error = |message: String| ParseError {
            line: index + 1,
            message,
        };
        let (token, tag) = line
            .rsplit_once('\t')
            .ok_or_else(|| error(format!("no tab in {line:?}")))?;
        let label =
            Label::parse(tag.trim()).ok_or_else(|| error(format!("unknown tag {tag:?}")))?;
        if token.is_empty() {
            return Err(error("empty token".to_owned()));
        }
        current.tokens.push(token.to_owned());
        current.labels.push(label);
    }
    if !current.tokens.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::EntityType;

    #[test]
    fn reads_sentences_between_blank_lines() {
        let text = "kata\tO\nJoko\tB-PERSON\nWidodo\tI-PERSON\n\n\nDi\tO\r\nBandung\tB-LOCATION\n";
        let sentences = parse_bio(text).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].tokens, ["kata", "Joko", "Widodo"]);
        assert_eq!(
            sentences[0].labels,
            [
                Label::O,
                Label::B(EntityType::Person),
                Label::I(EntityType::Person)
            ]
        );
        assert_eq!(sentences[1].tokens, ["Di", "Bandung"]);
    }

    #[test]
    fn unknown_tags_and_missing_tabs_are_errors_with_line_numbers() {
        assert_eq!(parse_bio("a\tO\nb\tB-MISC\n").unwrap_err().line, 2);
        assert_eq!(parse_bio("a\tO\n\nb O\n").unwrap_err().line, 3);
    }
}
