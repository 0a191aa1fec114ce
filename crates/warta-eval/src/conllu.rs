//! A reader for CoNLL-U treebanks (Universal Dependencies), keeping what evaluation needs.
//!
//! A CoNLL-U file is a sequence of sentences separated by blank lines. Each sentence
//! has `# key = value` comment lines (`# sent_id`, `# text`, …) and one tab-separated
//! line of ten fields per *syntactic word*. A surface token that splits into several
//! syntactic words (Indonesian "ayahnya" → "ayah" + "nya") has an extra range line
//! `13-14 ayahnya _ …` before its words; empty nodes of enhanced graphs (`8.1`) are
//! skipped because no scorer here uses them.
//!
//! The reader keeps both views: [`Sentence::words`] for lemma and tag scoring, and
//! [`Sentence::tokens`] (surface tokens with their `SpaceAfter=No` flag) for
//! tokenisation and sentence-splitting scoring.
//!
//! ```
//! use warta_eval::conllu;
//! let text = "# sent_id = s1\n# text = Rumahnya besar.\n\
//! 1-2\tRumahnya\t_\t_\t_\t_\t_\t_\t_\t_\n\
//! 1\tRumah\trumah\tNOUN\t_\t_\t3\tnsubj\t_\t_\n\
//! 2\tnya\tia\tPRON\t_\t_\t1\tnmod\t_\t_\n\
//! 3\tbesar\tbesar\tADJ\t_\t_\t0\troot\t_\tSpaceAfter=No\n\
//! 4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n";
//! let sentences = conllu::parse(text).unwrap();
//! assert_eq!(sentences[0].text, "Rumahnya besar.");
//! assert_eq!(sentences[0].words.len(), 4);
//! assert_eq!(sentences[0].tokens.len(), 3);
//! assert!(!sentences[0].tokens[1].space_after);
//! ```

use std::path::Path;

use thiserror::Error;

/// A line of a CoNLL-U file could not be read.
#[derive(Debug, Error)]
pub enum ConlluError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("line {line}: {message}")]
    Syntax { line: usize, message: String },
}

/// One sentence of a treebank.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// The `# sent_id` comment, or empty when the file has none.
    pub sent_id: String,
    /// The `# text` comment: the raw sentence text, or empty when the file has none.
    pub text: String,
    /// Syntactic words in order (multiword token lines excluded).
    pub words: Vec<Word>,
    /// Surface tokens in order: a multiword token counts once, with its own form.
    pub tokens: Vec<Token>,
}

/// One syntactic word (a line whose ID is a single integer).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    /// 1-based position in the sentence.
    pub id: usize,
    pub form: String,
    /// `_` in the file is kept as `_`: some treebanks use it for a real underscore.
    pub lemma: String,
    pub upos: String,
    /// The MISC column split on `|`; empty when the column is `_`.
    pub misc: Vec<String>,
}

/// One surface token: either a single word or a multiword token range.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub form: String,
    /// IDs of the syntactic words this token covers (`first..=last`).
    pub first: usize,
    pub last: usize,
    /// False when MISC says `SpaceAfter=No`: the next token follows without a space.
    pub space_after: bool,
}

impl Word {
    /// The value of a `Key=Value` entry of the MISC column.
    pub fn misc_value(&self, key: &str) -> Option<&str> {
        misc_value(&self.misc, key)
    }
}

fn misc_value<'a>(misc: &'a [String], key: &str) -> Option<&'a str> {
    misc.iter()
        .find_map(|entry| entry.strip_prefix(key)?.strip_prefix('='))
}

/// Reads and parses a CoNLL-U file.
pub fn read(path: &Path) -> Result<Vec<Sentence>, ConlluError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConlluError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse(&text)
}

/// Parses the text of a CoNLL-U file into sentences.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    // A multiword range waiting for the words it covers: (token index, last word id).
    let mut open_range: Option<(usize, usize)> = None;
    for (index, raw_line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = raw_line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.words.is_empty() || !current.text.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            open_range = None;
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if let Some((key, value)) = comment.split_once('=') {
                match key.trim() {
                    "sent_id" => current.sent_id = value.trim().to_string(),
                    "text" => current.text = value.trim().to_string(),
                    _ => {}
                }
            }
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 10 {
            return Err(syntax(
                line_number,
                format!("expected 10 fields, found {}", fields.len()),
            ));
        }
        let id = fields[0];
        let misc: Vec<String> = if fields[9] == "_" {
            Vec::new()
        } else {
            fields[9].split('|').map(str::to_string).collect()
        };
        let space_after = misc_value(&misc, "SpaceAfter") != Some("No");
        if id.contains('.') {
            continue;
        }
        if let Some((first, last)) = id.split_once('-') {
            let first = parse_id(first, line_number)?;
            let last = parse_id(last, line_number)?;
            if last < first {
                return Err(syntax(line_number, format!("range {id} runs backwards")));
            }
            current.tokens.push(Token {
                form: fields[1].to_string(),
                first,
                last,
                space_after,
            });
            open_range = Some((current.tokens.len() - 1, last));
            continue;
        }
        let id = parse_id(id, line_number)?;
        match open_range {
            Some((_, last)) if id <= last => {
                if id == last {
                    open_range = None;
                }
            }
            _ => {
                open_range = None;
                current.tokens.push(Token {
                    form: fields[1].to_string(),
                    first: id,
                    last: id,
                    space_after,
                });
            }
        }
        current.words.push(Word {
            id,
            form: fields[1].to_string(),
            lemma: fields[2].to_string(),
            upos: fields[3].to_string(),
            misc,
        });
    }
    if !current.words.is_empty() || !current.text.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

fn parse_id(text: &str, line: usize) -> Result<usize, ConlluError> {
    text.parse()
        .map_err(|_| syntax(line, format!("`{text}` is not a word ID")))
}

fn syntax(line: usize, message: String) -> ConlluError {
    ConlluError::Syntax { line, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_SENTENCES: &str = "\
# newdoc id = d1
# sent_id = a-1
# text = Ibu membeli sayur.
1\tIbu\tibu\tNOUN\t_\tNumber=Sing\t2\tnsubj\t_\t_
2\tmembeli\tbeli\tVERB\t_\tVoice=Act\t0\troot\t_\t_
3\tsayur\tsayur\tNOUN\t_\t_\t2\tobj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

# sent_id = a-2
# text = Apakah harganya naik?
1-2\tApakah\t_\t_\t_\t_\t_\t_\t_\t_
1\tApa\tapa\tPRON\t_\t_\t4\tadvmod\t_\t_
2\tkah\tkah\tPART\t_\t_\t1\tadvmod\t_\t_
3-4\tharganya\t_\t_\t_\t_\t_\t_\t_\t_
3\tharga\tharga\tNOUN\t_\t_\t5\tnsubj\t_\t_
4\tnya\tia\tPRON\t_\t_\t3\tnmod\t_\t_
5\tnaik\tnaik\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No|Note=x
5.1\tnaik\tnaik\tVERB\t_\t_\t_\t_\t0:root\t_
6\t?\t?\tPUNCT\t_\t_\t5\tpunct\t_\t_
";

    #[test]
    fn reads_comments_words_and_tokens() {
        let sentences = parse(TWO_SENTENCES).unwrap();
        assert_eq!(sentences.len(), 2);
        let first = &sentences[0];
        assert_eq!(first.sent_id, "a-1");
        assert_eq!(first.text, "Ibu membeli sayur.");
        assert_eq!(first.words[1].lemma, "beli");
        assert_eq!(first.words[1].upos, "VERB");
        assert_eq!(first.tokens.len(), 4);
        assert!(!first.tokens[2].space_after);
        assert!(first.tokens[3].space_after);
    }

    #[test]
    fn multiword_tokens_cover_their_words_once() {
        let second = &parse(TWO_SENTENCES).unwrap()[1];
        let words: Vec<&str> = second.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(words, ["Apa", "kah", "harga", "nya", "naik", "?"]);
        let tokens: Vec<(&str, usize, usize)> = second
            .tokens
            .iter()
            .map(|t| (t.form.as_str(), t.first, t.last))
            .collect();
        assert_eq!(
            tokens,
            [
                ("Apakah", 1, 2),
                ("harganya", 3, 4),
                ("naik", 5, 5),
                ("?", 6, 6)
            ]
        );
        assert!(
            !second.tokens[2].space_after,
            "SpaceAfter=No among other MISC entries"
        );
        assert_eq!(second.words[4].misc_value("Note"), Some("x"));
    }

    #[test]
    fn empty_nodes_are_skipped() {
        let second = &parse(TWO_SENTENCES).unwrap()[1];
        assert_eq!(second.words.iter().filter(|w| w.form == "naik").count(), 1);
    }

    #[test]
    fn last_sentence_without_trailing_blank_line_is_kept() {
        let sentences = parse("# text = Ya\n1\tYa\tya\tPART\t_\t_\t0\troot\t_\t_").unwrap();
        assert_eq!(sentences.len(), 1);
        assert_eq!(sentences[0].sent_id, "");
    }

    #[test]
    fn malformed_lines_report_their_number() {
        let err = parse("# text = x\n1\tx\tx\n").unwrap_err();
        assert!(err.to_string().starts_with("line 2:"), "{err}");
        let err = parse("x\tx\tx\tX\t_\t_\t0\troot\t_\t_\n").unwrap_err();
        assert!(err.to_string().contains("not a word ID"), "{err}");
    }
}
