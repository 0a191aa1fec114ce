//! Lemma accuracy against a CoNLL-U treebank.
//!
//! Only content words are scored (UPOS NOUN, VERB, ADJ): these are the words whose
//! lemmas matter to event extraction, and it is the convention under which peer
//! lemmatisers are compared (see `shared/data/README.md`). Function words would inflate
//! the figure, since nearly all of them are their own lemma. Each syntactic word is
//! scored once; multiword token lines are not words. Comparison ignores case, because
//! treebanks differ on whether lemmas of capitalised words keep the capital.

use serde::Serialize;
use warta_core::morph::Lemmatizer;

use crate::conllu::{Sentence, Word};

/// Universal POS tags whose lemmas are scored.
pub const SCORED_UPOS: &[&str] = &["NOUN", "VERB", "ADJ"];

/// The share of scored words whose lemma matches the gold lemma.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LemmaScore {
    /// Correct / scored, in 0..=1; 0 when nothing was scored.
    pub accuracy: f64,
    /// Number of words scored.
    pub tokens: usize,
}

/// Whether a treebank word counts towards the lemma score.
pub fn is_scored(word: &Word) -> bool {
    SCORED_UPOS.contains(&word.upos.as_str())
}

/// Whether the lemmatiser's lemma for `word` equals the gold lemma, ignoring case.
pub fn lemma_matches(lemmatizer: &Lemmatizer, word: &Word) -> bool {
    lemmatizer.analyze(&word.form).lemma.to_lowercase() == word.lemma.to_lowercase()
}

/// Scores the lemmatiser on the NOUN, VERB and ADJ words of `sentences`.
pub fn score_lemmas(lemmatizer: &Lemmatizer, sentences: &[Sentence]) -> LemmaScore {
    let scored = sentences
        .iter()
        .flat_map(|s| &s.words)
        .filter(|w| is_scored(w));
    let (mut tokens, mut correct) = (0usize, 0usize);
    for word in scored {
        tokens += 1;
        if lemma_matches(lemmatizer, word) {
            correct += 1;
        }
    }
    let accuracy = if tokens == 0 {
        0.0
    } else {
        correct as f64 / tokens as f64
    };
    LemmaScore { accuracy, tokens }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    #[test]
    fn scores_only_content_words_ignoring_case() {
        let text = "\
# text = Warga menanam padi di sawah.
1\tWarga\tWarga\tNOUN\t_\t_\t2\tnsubj\t_\t_
2\tmenanam\ttanam\tVERB\t_\t_\t0\troot\t_\t_
3\tpadi\tpadi\tNOUN\t_\t_\t2\tobj\t_\t_
4\tdi\tdi\tADP\t_\t_\t5\tcase\t_\t_
5\tsawah\tsawah\tNOUN\t_\t_\t2\tobl\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_
";
        let sentences = conllu::parse(text).unwrap();
        let lemmatizer = Lemmatizer::indonesian();
        let score = score_lemmas(&lemmatizer, &sentences);
        assert_eq!(score.tokens, 4);
        assert_eq!(score.accuracy, 1.0);
    }

    #[test]
    fn empty_input_scores_zero_tokens() {
        let lemmatizer = Lemmatizer::indonesian();
        let score = score_lemmas(&lemmatizer, &[]);
        assert_eq!(
            score,
            LemmaScore {
                accuracy: 0.0,
                tokens: 0
            }
        );
    }
}
