//! A hit's snippet: the passage of its text where the search's words weigh most, and
//! the byte ranges of those words in it.
//!
//! Words are read exactly as the index analyser reads them ([`crate::index`]: runs of
//! letters and digits, shorter than [`MAX_WORD_BYTES`], in lower case, each replaced by
//! its lemma), and passages are chosen as tantivy's `SnippetGenerator` chooses them, so
//! that a snippet shows the words the index matched. It is written here because that
//! generator runs the analyser's token pipeline and allocates two strings for every word
//! of every hit: the 20 snippets of a page were an eighth of a search's CPU.

use std::sync::Arc;

use warta_core::morph::Lemmatizer;

/// Longest passage of a hit's snippet, in bytes of its text.
pub(crate) const SNIPPET_CHARS: usize = 220;

/// The index does not hold words of this many bytes or more (the analyser drops them), so
/// they neither match nor bound a passage.
pub(crate) const MAX_WORD_BYTES: usize = 64;

/// Makes the highlighted passage of a hit from its text.
pub(crate) struct Snippets(Option<Highlighter>);

struct Highlighter {
    /// The search's lemmas, each with its weight in a passage.
    lemmas: Vec<(String, f32)>,
    lemmatizer: Arc<Lemmatizer>,
}

/// A passage of the text being weighed.
struct Passage {
    /// The weights of its matched words, added in their order.
    weight: f32,
    start: usize,
    end: usize,
    matched: Vec<[usize; 2]>,
}

impl Passage {
    fn at(start: usize) -> Passage {
        Passage {
            weight: 0.0,
            start,
            end: start,
            matched: Vec::new(),
        }
    }
}

impl Snippets {
    /// Snippets for a search without words (filters only): the start of each text.
    pub(crate) fn without_words() -> Snippets {
        Snippets(None)
    }

    /// Snippets highlighting these lemmas (lower case, as the index holds them), each
    /// with its weight: a passage's weight is the sum of its matched words' weights, and
    /// the heaviest passage wins, the earliest of equals.
    pub(crate) fn for_lemmas(lemmas: Vec<(String, f32)>, lemmatizer: Arc<Lemmatizer>) -> Snippets {
        if lemmas.is_empty() {
            return Snippets(None);
        }
        Snippets(Some(Highlighter { lemmas, lemmatizer }))
    }

    /// The passage of `text` around the matched words and their byte ranges in it; the
    /// start of the text when no word matches or the search had none.
    pub(crate) fn of(&self, text: &str) -> (String, Vec<[usize; 2]>) {
        match self.0.as_ref().and_then(|h| h.best_passage(text)) {
            Some(passage) => (
                text[passage.start..passage.end].to_owned(),
                passage
                    .matched
                    .iter()
                    .map(|[from, to]| [from - passage.start, to - passage.start])
                    .collect(),
            ),
            None => {
                let end = text
                    .char_indices()
                    .nth(SNIPPET_CHARS)
                    .map_or(text.len(), |(i, _)| i);
                (text[..end].to_owned(), Vec::new())
            }
        }
    }
}

impl Highlighter {
    /// The heaviest passage of at most [`SNIPPET_CHARS`] bytes with a matched word: the
    /// text is cut into passages where the next word would make one too long.
    fn best_passage(&self, text: &str) -> Option<Passage> {
        let mut best: Option<Passage> = None;
        let mut passage = Passage::at(0);
        let mut lower = String::new();
        for (start, end) in words(text) {
            if end - start >= MAX_WORD_BYTES {
                continue;
            }
            if end - passage.start > SNIPPET_CHARS {
                keep_heavier(
                    &mut best,
                    std::mem::replace(&mut passage, Passage::at(start)),
                );
            }
            passage.end = end;
            if let Some(weight) = self.weight_of(&text[start..end], &mut lower) {
                passage.weight += weight;
                passage.matched.push([start, end]);
            }
        }
        keep_heavier(&mut best, passage);
        best
    }

    /// The weight of `word` when its lemma is one of the search's.
    fn weight_of(&self, word: &str, lower: &mut String) -> Option<f32> {
        lower.clear();
        if word.is_ascii() {
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        let morph = self.lemmatizer.analyze_shared(lower);
        let lemma = if morph.lemma.is_empty() {
            lower.as_str()
        } else {
            morph.lemma.as_str()
        };
        // The index's lemmas are lower case; a lemma with a capital matches its lower form.
        let lemma: std::borrow::Cow<'_, str> = if lemma.is_ascii() {
            if lemma.bytes().any(|b| b.is_ascii_uppercase()) {
                lemma.to_ascii_lowercase().into()
            } else {
                lemma.into()
            }
        } else {
            lemma.to_lowercase().into()
        };
        self.lemmas
            .iter()
            .find(|(known, _)| *known == lemma)
            .map(|(_, weight)| *weight)
    }
}

/// Keeps `passage` when it has a matched word and outweighs the best so far (passages
/// come in text order, so the earliest of equals stays).
fn keep_heavier(best: &mut Option<Passage>, passage: Passage) {
    if passage.weight > 0.0 && best.as_ref().is_none_or(|b| passage.weight > b.weight) {
        *best = Some(passage);
    }
}

/// The byte ranges of the runs of letters and digits of `text`: the index's words.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        for (i, c) in chars.by_ref() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
        }
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use tantivy::schema::Field;
    use tantivy::snippet::SnippetGenerator;

    use super::*;
    use crate::index::indonesian_analyzer;

    fn lemmatizer() -> Arc<Lemmatizer> {
        static LEMMATIZER: std::sync::OnceLock<Arc<Lemmatizer>> = std::sync::OnceLock::new();
        Arc::clone(LEMMATIZER.get_or_init(|| Arc::new(Lemmatizer::indonesian())))
    }

    /// What tantivy's snippet generator, run with the index analyser, makes of `text`.
    fn tantivy_snippet(lemmas: &[(String, f32)], text: &str) -> Option<(String, Vec<[usize; 2]>)> {
        let terms: BTreeMap<String, f32> = lemmas.iter().cloned().collect();
        let generator = SnippetGenerator::new(
            terms,
            indonesian_analyzer(lemmatizer()),
            Field::from_field_id(0),
            SNIPPET_CHARS,
        );
        let snippet = generator.snippet(text);
        (!snippet.is_empty()).then(|| {
            let ranges = snippet
                .highlighted()
                .iter()
                .map(|r| [r.start, r.end])
                .collect();
            (snippet.fragment().to_owned(), ranges)
        })
    }

    fn ours(lemmas: &[(String, f32)], text: &str) -> Option<(String, Vec<[usize; 2]>)> {
        let snippets = Snippets::for_lemmas(lemmas.to_vec(), lemmatizer());
        let (snippet, ranges) = snippets.of(text);
        (!ranges.is_empty()).then_some((snippet, ranges))
    }

    #[test]
    fn inflected_forms_match_their_lemma_and_the_heavier_passage_wins() {
        let text = "Pasukan itu menyerang desa pada pagi hari. ".repeat(6)
            + "Serangan udara menewaskan warga; pemerintah mengecam serangan tersebut.";
        let lemmas = vec![("serang".to_owned(), 0.5), ("tewas".to_owned(), 2.0)];
        let (snippet, ranges) = ours(&lemmas, &text).expect("a match");
        assert!(snippet.contains("menewaskan"), "{snippet}");
        let words: Vec<&str> = ranges.iter().map(|[a, b]| &snippet[*a..*b]).collect();
        assert!(
            words.contains(&"menewaskan") && words.contains(&"Serangan"),
            "{words:?}"
        );
        assert!(snippet.len() <= SNIPPET_CHARS);
        assert_eq!(ours(&lemmas, &text), tantivy_snippet(&lemmas, &text));
    }

    #[test]
    fn without_a_match_the_text_starts_the_snippet() {
        let snippets = Snippets::for_lemmas(vec![("gencatan".to_owned(), 1.0)], lemmatizer());
        let (snippet, ranges) = snippets.of("Hujan turun sepanjang malam di ibu kota.");
        assert_eq!(snippet, "Hujan turun sepanjang malam di ibu kota.");
        assert!(ranges.is_empty());
    }

    /// Words of news text in several inflections, names, numbers and odd characters.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("menyerang".to_owned()),
            Just("Serangan".to_owned()),
            Just("diserang".to_owned()),
            Just("serang".to_owned()),
            Just("menewaskan".to_owned()),
            Just("TEWAS".to_owned()),
            Just("korban".to_owned()),
            Just("korban-korban".to_owned()),
            Just("Kyiv".to_owned()),
            Just("Σεργκέι".to_owned()),
            Just("İstanbul".to_owned()),
            Just("3,5".to_owned()),
            Just("x".repeat(70)),
            Just("y".repeat(MAX_WORD_BYTES)),
            Just("z".repeat(MAX_WORD_BYTES - 1)),
            Just("ü".repeat(33)),
            "[a-zA-Z]{1,12}",
            "\\PC{1,6}",
        ]
    }

    fn separator() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just(" "),
            Just(", "),
            Just(".\n"),
            Just(" — "),
            Just("\""),
            Just("")
        ]
    }

    proptest! {
        #[test]
        fn the_snippet_is_the_one_tantivy_makes(
            pieces in proptest::collection::vec((piece(), separator()), 0..120),
            weights in proptest::collection::vec(prop_oneof![Just(0.25f32), Just(0.5), Just(1.0)], 4),
        ) {
            let text: String = pieces.iter().map(|(p, s)| format!("{p}{s}")).collect();
            let lemmas: Vec<(String, f32)> = ["serang", "tewas", "korban", "kyiv"]
                .iter()
                .zip(weights)
                .map(|(l, w)| (l.to_string(), w))
                .collect();
            prop_assert_eq!(ours(&lemmas, &text), tantivy_snippet(&lemmas, &text));
        }
    }
}
