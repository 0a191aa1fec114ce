//! `warta ingest`, `warta stats` and `warta search` end to end: the summary counts, exit
//! codes, re-ingesting, replacing, search by lemma and alias, and the output formats.

mod common;
mod corpus;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{Scratch, warta};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn jsonl(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn stats(data: &Path) -> serde_json::Value {
    let output = warta(&["stats", "--json"], data);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn ingest_counts_new_unchanged_replaced_and_failed() {
    let scratch = Scratch::new("store-ingest");
    let data = scratch.0.join("data");
    let input = scratch.0.join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(
        input.join("a.txt"),
        "Militer Israel menyerang pos polisi di pinggiran Gaza pada Selasa dini hari.\n",
    )
    .unwrap();
    fs::write(
        input.join("b.txt"),
        "Kantor bupati diserang sekelompok orang tak dikenal pada Sabtu malam.\n",
    )
    .unwrap();
    fs::write(
        input.join("c.jsonl"),
        "{\"text\": \"Rudal jatuh di dekat Kyiv.\"}\n{bukan json\n",
    )
    .unwrap();
    let input_arg = input.to_str().unwrap();

    let first = warta(&["ingest", input_arg], &data);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("3 read, 3 new, 0 unchanged, 0 replaced, 1 failed"),
        "{}",
        stderr(&first)
    );
    let counts = stats(&data);
    for key in [
        "documents",
        "entities",
        "quotes",
        "events",
        "stories",
        "story_events",
    ] {
        assert!(counts[key].is_u64(), "{key} in {counts}");
    }
    assert_eq!(counts["documents"], 3);
    assert_eq!(counts["indexed"], 3);

    let again = warta(&["ingest", input_arg], &data);
    assert!(
        stderr(&again).contains("3 read, 0 new, 3 unchanged, 0 replaced, 1 failed"),
        "{}",
        stderr(&again)
    );
    assert_eq!(stats(&data), counts);

    fs::write(
        input.join("b.txt"),
        "Kantor bupati dibakar massa pada Sabtu malam.\n",
    )
    .unwrap();
    let edited = warta(
        &["ingest", "--data", data.to_str().unwrap(), input_arg],
        Path::new("/nonexistent"),
    );
    assert!(
        stderr(&edited).contains("3 read, 0 new, 2 unchanged, 1 replaced, 1 failed"),
        "{}",
        stderr(&edited)
    );
    assert_eq!(stats(&data)["documents"], 3);
}

#[test]
fn search_finds_words_by_lemma_and_places_by_alias() {
    let scratch = Scratch::new("store-search");
    let data = scratch.0.join("data");
    let input = scratch.0.join("corpus");
    corpus::write(&input, 60, 30);
    let run = warta(&["ingest", input.to_str().unwrap()], &data);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(stats(&data)["documents"], 60);

    let serang = jsonl(&warta(&["search", "--limit", "100", "serang"], &data));
    // Every report says "serangan"; the search word is its root.
    assert_eq!(serang.len(), 60);
    let hit = &serang[0];
    for key in [
        "id",
        "source",
        "url",
        "title",
        "outlet",
        "published",
        "score",
        "snippet",
    ] {
        assert!(!hit[key].is_null(), "{key} in {hit}");
    }
    let snippet = hit["snippet"].as_str().unwrap();
    let marked: Vec<&str> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|range| {
            &snippet[range[0].as_u64().unwrap() as usize..range[1].as_u64().unwrap() as usize]
        })
        .collect();
    assert!(!marked.is_empty(), "{hit}");
    for word in marked {
        assert!(
            ["menyerang", "serangan"].contains(&word),
            "{word} in {snippet}"
        );
    }

    let kiev = jsonl(&warta(&["search", "--limit", "100", "Kiev"], &data));
    let kyiv = jsonl(&warta(&["search", "--limit", "100", "Kyiv"], &data));
    assert!(!kyiv.is_empty());
    assert_eq!(kiev.len(), kyiv.len());

    let filtered = jsonl(&warta(
        &[
            "search",
            "--limit",
            "100",
            "--outlet",
            "warta harian",
            "--since",
            "2025-06-01",
            "--until",
            "2025-12-31",
            "",
        ],
        &data,
    ));
    assert!(!filtered.is_empty());
    for hit in &filtered {
        assert_eq!(hit["outlet"], "Warta Harian");
        assert!(hit["published"].as_str().unwrap() >= "2025-06-01");
    }

    let text = warta(
        &[
            "search",
            "--format",
            "text",
            "--limit",
            "1",
            "\"luka-luka\"",
        ],
        &data,
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("[luka]"), "{text}");
}

#[test]
fn reading_commands_need_a_store() {
    let scratch = Scratch::new("store-missing");
    let output = warta(&["stats"], &scratch.0.join("none"));
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("warta ingest"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn queries_list_events_claims_and_tables_of_the_store() {
    let scratch = Scratch::new("store-queries");
    let data = scratch.0.join("data");
    let input = scratch.0.join("in");
    fs::create_dir_all(&input).unwrap();
    // Two outlets on one strike with their own tolls; a third report of another attack.
    fs::write(
        input.join("pabrik-a.txt"),
        "Militer Rusia menyerang sebuah pabrik di Kharkiv pada Jumat (7/3/2025) dan \
         menewaskan 5 orang, kata gubernur setempat.\nPetugas pemadam bekerja sepanjang malam.\n",
    )
    .unwrap();
    fs::write(
        input.join("pabrik-b.txt"),
        "Serangan Rusia di Kharkiv pada Jumat (7/3/2025) menewaskan 8 orang.\n\
         Pabrik itu memproduksi peralatan rumah tangga.\n",
    )
    .unwrap();
    fs::write(
        input.join("pelabuhan.txt"),
        "Pasukan Israel menyerang pelabuhan di Hodeidah pada Senin (10/3/2025).\n",
    )
    .unwrap();
    let ingest = warta(&["ingest", input.to_str().unwrap()], &data);
    assert!(ingest.status.success(), "{}", stderr(&ingest));

    let events = jsonl(&warta(
        &["events", "--format", "jsonl", "--type", "assault"],
        &data,
    ));
    assert_eq!(events.len(), 3, "{events:?}");
    assert_eq!(events[0]["story_event"], events[1]["story_event"]);
    assert_ne!(events[0]["story_event"], events[2]["story_event"]);
    assert_eq!(events[2]["location"], "Hodeidah");
    let kharkiv = jsonl(&warta(&["events", "--place", "Kharkiv"], &data));
    assert_eq!(kharkiv.len(), 2);

    let claims = jsonl(&warta(&["contradictions"], &data));
    let tolls: Vec<f64> = claims
        .iter()
        .map(|c| c["value"].as_f64().unwrap())
        .collect();
    assert_eq!(tolls, [5.0, 8.0], "{claims:?}");

    let timeline = warta(
        &["timeline", "--format", "text", "--entity", "Rusia"],
        &data,
    );
    let timeline = String::from_utf8_lossy(&timeline.stdout);
    assert!(timeline.contains("[2 reports]"), "{timeline}");
    assert!(!timeline.contains("Hodeidah"), "{timeline}");

    let one = events[0]["story_event"].to_string();
    let reports = jsonl(&warta(&["timeline", "--story-event", &one], &data));
    assert_eq!(reports.len(), 2, "{reports:?}");

    let profile = jsonl(&warta(&["entity", "--format", "jsonl", "Kharkiv"], &data));
    assert_eq!(profile[0]["entity"]["name"], "Kharkiv", "{profile:?}");
    assert_eq!(profile[0]["entity"]["documents"], 2);
    let unknown = warta(&["entity", "Atlantis"], &data);
    assert_eq!(unknown.status.code(), Some(3));

    let csv = warta(&["export", "--table", "events"], &data);
    let csv = String::from_utf8_lossy(&csv.stdout);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("event_id,story_event,story,document,source,outlet,published,event_date,"),
        "{csv}"
    );
    assert_eq!(lines.count(), 3);
    let stories = jsonl(&warta(
        &["export", "--table", "stories", "--format", "jsonl"],
        &data,
    ));
    assert_eq!(stories.len(), 3);

    // Files given: analysed on the fly, so store-only options are refused.
    let both = warta(&["events", "--data", "x", "a.txt"], &data);
    assert_eq!(both.status.code(), Some(2));
}
