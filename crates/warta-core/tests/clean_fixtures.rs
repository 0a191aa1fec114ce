//! Snapshot tests of whole articles written in the styles of several Indonesian news
//! sites (fixtures under `tests/fixtures/clean/`): the clean text, what was removed
//! and why, and the metadata read from the text.

use std::fs;
use std::path::PathBuf;

use serde_json::{Value, json};
use warta_core::{Analyzer, Article};

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
