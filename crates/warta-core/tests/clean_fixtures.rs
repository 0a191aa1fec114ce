//! Snapshot tests of whole articles written in the styles of several Indonesian news
//! sites (fixtures under `tests/fixtures/clean/`): the clean text, what was removed
//! and why, and the metadata read from the text.

use std::fs;
use std::path::PathBuf;

use serde_json::{Value, json};
use warta_core::{Analyzer, Article, Language};

fn summary(analyzer: &Analyzer, name: &str, body: &str) -> Value {
    let analysis = analyzer.analyze(&Article::from_text(name, body));
    for span in &analysis.paragraphs {
        assert!(
            !span.of(&analysis.text).contains('\n'),
            "{name}: a paragraph spans a line break"
        );
    }
    if let Some(span) = analysis.title_span {
        assert_eq!(
            Some(span.of(&analysis.text)),
            analysis.title.as_deref(),
            "{name}: title span"
        );
    }
    for credit in &analysis.credits {
        if let Some(span) = credit.span {
            assert!(
                credit.evidence.ends_with(span.of(&analysis.text)),
                "{name}: credit span"
            );
        }
    }
    json!({
        "title": analysis.title,
        "title_in_text": analysis.title_span.is_some(),
        "outlet": analysis.outlet,
        "dateline": analysis.dateline,
        "published": analysis.published,
        "published_evidence": analysis.published_evidence.map(|e| format!("{}: {}", e.rule, e.text)),
        "credits": analysis.credits.iter().map(|c| format!("{} ({}): {}", c.name, c.how, c.evidence)).collect::<Vec<_>>(),
        "paragraphs": analysis.paragraphs.iter().map(|p| p.of(&analysis.text)).collect::<Vec<_>>(),
        "removed": analysis.removed.iter().map(|r| format!("{}: {}", r.rule, r.text)).collect::<Vec<_>>(),
    })
}

#[test]
fn fixtures_clean_as_snapshotted() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(|e| Some(e.ok()?.path()))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let analyzer = Analyzer::indonesian();
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let body = fs::read_to_string(&path).expect("fixture is UTF-8");
        insta::assert_yaml_snapshot!(name.clone(), summary(&analyzer, &name, &body));
    }
}

/// The language pack, built once for all property cases (building it is slow).
fn language() -> &'static Language {
    static LANGUAGE: std::sync::OnceLock<Language> = std::sync::OnceLock::new();
    LANGUAGE.get_or_init(Language::indonesian)
}

proptest::proptest! {
    /// Any text, with the quotes, dashes and no-break spaces of real pages, goes through
    /// cleaning, metadata and date finding without panicking, into paragraphs whose
    /// spans cut the text exactly.
    #[test]
    fn any_text_cleans_to_exact_paragraphs(body in "[A-Za-z0-9 .,:/()|“”\"’'\u{a0}–—•©-]{0,40}(\n[A-Za-z0-9 .,:/()|“”\"’'\u{a0}–—•©-]{0,60}){0,8}") {
        let lang = language();
        let cleaned = lang.cleaner.clean(&body);
        let meta = lang.meta.extract(&Article::from_text("p", body.clone()), &cleaned, &lang.calendar);
        lang.calendar.find_dates(&cleaned.text, meta.published_date);
        let joined: Vec<&str> = cleaned.paragraphs.iter().map(|p| p.of(&cleaned.text)).collect();
        proptest::prop_assert_eq!(joined.join("\n"), cleaned.text.clone());
    }
}
