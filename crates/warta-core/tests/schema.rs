//! The committed JSON Schema (`schema/analysis.schema.json`) must match the Rust types.
//!
//! After changing the output types, regenerate it with
//! `UPDATE_SCHEMA=1 cargo test -p warta-core --test schema` and review the diff.

use std::path::PathBuf;

use warta_core::{Analyzer, Article};

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema/analysis.schema.json")
}

fn generated() -> String {
    serde_json::to_string_pretty(&warta_core::analysis::json_schema()).unwrap() + "\n"
}

#[test]
fn committed_schema_matches_the_types() {
    let path = schema_path();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, generated()).unwrap();
    }
    let committed = std::fs::read_to_string(&path).expect("schema/analysis.schema.json exists");
    assert!(
        committed == generated(),
        "schema/analysis.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p warta-core --test schema`"
    );
}

#[test]
fn output_carries_every_gold_format_field() {
    let analysis =
        Analyzer::indonesian().analyze(&Article::from_text("a.txt", "Rapat digelar di Jakarta.\n"));
    let value = serde_json::to_value(&analysis).unwrap();
    for field in [
        "source",
        "title",
        "outlet",
        "published",
        "text",
        "credits",
        "entities",
        "quotes",
        "events",
        "quantities",
        "dates",
    ] {
        assert!(value.get(field).is_some(), "output lacks `{field}`");
    }
    let schema = serde_json::to_value(warta_core::analysis::json_schema()).unwrap();
    let required = schema["required"].as_array().unwrap();
    for field in [
        "source",
        "text",
        "credits",
        "entities",
        "quotes",
        "events",
        "quantities",
        "dates",
    ] {
        assert!(
            required.iter().any(|r| r == field),
            "schema does not require `{field}`"
        );
    }
}
