//! `warta ingest` killed with SIGKILL mid-run (twice while writing, once while opening the
//! store), then run again to the end, stores
//! exactly what one uninterrupted run stores: the same documents, none twice, every one
//! indexed once.

mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

const ARTICLES: usize = 3_000;

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn ingest(data: &Path, corpus: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_warta"));
    command
        .args(["ingest", "--quiet", "--data"])
        .arg(data)
        .arg(corpus)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Documents the database holds, 0 while it does not exist yet.
fn documents(data: &Path) -> i64 {
    let Ok(db) =
        Connection::open_with_flags(data.join("warta.sqlite3"), OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    db.query_row("SELECT count(*) FROM documents", [], |row| row.get(0))
        .unwrap_or(0)
}

/// Starts an ingest and kills it (SIGKILL) once the store holds `at_least` documents.
fn kill_when(data: &Path, corpus: &Path, at_least: i64) -> i64 {
    let mut child = ingest(data, corpus).spawn().unwrap();
    let started = Instant::now();
    while documents(data) < at_least {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it could be killed"
        );
        assert!(started.elapsed() < Duration::from_secs(600));
        sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    documents(data)
}

/// What a store holds, as a test compares it: document ids in order, each document's
/// story and its events' story events, and counts.
#[derive(Debug, PartialEq)]
struct Contents {
    ids: Vec<String>,
    groups: Vec<(String, i64, Option<String>)>,
    counts: serde_json::Value,
}

fn contents(data: &Path) -> Contents {
    let db = Connection::open(data.join("warta.sqlite3")).unwrap();
    let (all, distinct_ids, distinct_sources): (i64, i64, i64) = db
        .query_row(
            "SELECT count(*), count(DISTINCT id), count(DISTINCT source_key) FROM documents",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (distinct_ids, distinct_sources),
        (all, all),
        "a document is stored twice"
    );
    let pending: i64 = db
        .query_row(
            "SELECT count(*) FROM documents WHERE indexed = 0",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(pending, 0, "documents left unindexed");
    let ids: Vec<String> = db
        .prepare("SELECT id FROM documents ORDER BY id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let groups = db
        .prepare(
            "SELECT d.id, s.story, (SELECT group_concat(story_event) FROM
                 (SELECT story_event FROM events e WHERE e.document = d.rowid ORDER BY e.rowid))
             FROM documents d JOIN document_stories s ON s.document = d.rowid ORDER BY d.id",
        )
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(groups.len(), ids.len(), "documents left without a story");
    let stats = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["stats", "--json", "--data"])
        .arg(data)
        .output()
        .unwrap();
    assert!(stats.status.success());
    let counts: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(
        counts["indexed"], counts["documents"],
        "index and database disagree"
    );
    Contents {
        ids,
        groups,
        counts,
    }
}

#[test]
fn a_killed_ingest_resumes_to_the_same_store_as_a_clean_run() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ingest-kill");
    let _ = std::fs::remove_dir_all(&root);
    let scratch = Scratch(root);
    let corpus = scratch.0.join("corpus");
    corpus::write(&corpus, ARTICLES, 500);

    let clean = scratch.0.join("clean");
    assert!(ingest(&clean, &corpus).status().unwrap().success());
    let expected = contents(&clean);
    assert_eq!(expected.ids.len(), ARTICLES);

    let killed = scratch.0.join("killed");
    let first = kill_when(&killed, &corpus, ARTICLES as i64 / 4);
    let second = kill_when(&killed, &corpus, first + ARTICLES as i64 / 4);
    assert!(
        second < ARTICLES as i64,
        "the second kill came after the end"
    );
    // A kill soon after the start lands while the store opens and indexes what the
    // killed run left unindexed.
    let mut child = ingest(&killed, &corpus).spawn().unwrap();
    sleep(Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(ingest(&killed, &corpus).status().unwrap().success());
    assert_eq!(contents(&killed), expected);

    // And once more: nothing left to do, nothing changes.
    assert!(ingest(&killed, &corpus).status().unwrap().success());
    assert_eq!(contents(&killed), expected);
}
