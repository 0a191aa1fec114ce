//! Property tests: every span of an analysis is a valid, ordered byte range of its text.

use std::sync::LazyLock;

use proptest::prelude::*;
use warta_core::{Analyzer, Article};

/// Built once: loading the language pack is the slow part of a case.
static ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| Analyzer::indonesian().with_tokens(true));

/// Text made of Indonesian-news-like pieces: words, names, numbers, quotes, cruft and
/// multi-byte characters, so the properties meet the cases the code branches on.
fn newsish_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Presiden".to_string()),
        Just("mengatakan".to_string()),
        Just("anak-anak".to_string()),
        Just("Dr.".to_string()),
        Just("dll.".to_string()),
        Just("2.000".to_string()),
        Just("3,5".to_string()),
        Just("8/8/2024".to_string()),
        Just("“Kami menolak,”".to_string()),
        Just("Baca juga: Judul lain".to_string()),
        Just("—".to_string()),
        Just("Zaporizhzhia".to_string()),
        Just("é".to_string()),
        Just("\u{a0}.\u{a0}".to_string()),
        Just("\u{2003}".to_string()),
        Just(".".to_string()),
        Just("?".to_string()),
        Just("\n".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_are_char_boundaries_in_order(body in newsish_text()) {
        let analyzer = &*ANALYZER;
        let analysis = analyzer.analyze(&Article::from_text("prop.txt", body));
        let text = &analysis.text;
        let valid = |s: warta_core::Span| s.start <= s.end && s.end <= text.len()
            && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
        let mut previous_end = 0;
        for sentence in &analysis.sentences {
            prop_assert!(valid(sentence.span));
            prop_assert!(sentence.span.start >= previous_end);
            prop_assert!(!sentence.span.is_empty());
            prop_assert_eq!(sentence.span.of(text).trim(), sentence.span.of(text));
            previous_end = sentence.span.end;
            let mut token_end = sentence.span.start;
            for token in &sentence.tokens {
                prop_assert!(valid(token.span));
                prop_assert!(token.span.start >= token_end);
                prop_assert!(token.span.end <= sentence.span.end);
                prop_assert!(!token.span.is_empty());
                token_end = token.span.end;
            }
        }
        for paragraph in &analysis.paragraphs {
            prop_assert!(valid(*paragraph));
        }
        if let Some(span) = analysis.title_span {
            prop_assert!(valid(span));
        }
        for credit in &analysis.credits {
            if let Some(span) = credit.span {
                prop_assert!(valid(span));
            }
        }
    }

    #[test]
    fn tokens_cover_every_non_space_char(body in newsish_text()) {
        let analyzer = &*ANALYZER;
        let analysis = analyzer.analyze(&Article::from_text("prop.txt", body));
        for sentence in &analysis.sentences {
            let rebuilt: String = sentence.tokens.iter().map(|t| t.span.of(&analysis.text)).collect();
            let expected: String = sentence.span.of(&analysis.text).split_whitespace().collect();
            prop_assert_eq!(rebuilt, expected);
        }
    }

    #[test]
    fn analysis_is_deterministic(body in newsish_text()) {
        let analyzer = &*ANALYZER;
        let article = Article::from_text("prop.txt", body);
        prop_assert_eq!(analyzer.analyze(&article), analyzer.analyze(&article));
    }
}
