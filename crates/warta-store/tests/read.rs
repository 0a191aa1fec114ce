//! The read questions of `read.rs` (a document whole, pages, counts, facets, the timeline
//! and entity profiles) on articles written for these tests.

use std::path::PathBuf;

use warta_core::{Analyzer, Article};
use warta_store::{DocumentKey, Filter, SearchQuery, SqliteStore, Store, Table, Value};

/// A scratch store folder under the target directory, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn article(source: &str, outlet: &str, published: &str, body: &str) -> Article {
    let mut article = Article::from_text(source, body);
    article.outlet = Some(outlet.into());
    article.published = Some(published.into());
    article
}

/// Two outlets report one attack on one day; a third article is about something else.
fn store(name: &str) -> (Scratch, SqliteStore, Vec<DocumentKey>) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("read-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    let articles = [
        article(
            "a.txt",
            "Kabar Timur",
            "2025-03-04",
            "Rusia menyerang Kharkiv dengan 12 drone pada Senin (3/3/2025), kata Zelensky.\n\
             Zelensky mengatakan, \"Kami akan membalas serangan ini.\"\n",
        ),
        article(
            "b.txt",
            "Warta Pagi",
            "2025-03-04",
            "Rusia menyerang Kharkiv dengan 20 drone pada Senin (3/3/2025), menurut militer Ukraina.\n",
        ),
        article(
            "c.txt",
            "Warta Pagi",
            "2025-04-10",
            "Pemerintah daerah meresmikan jembatan baru di tepi sungai.\n",
        ),
    ];
    let analyzer = Analyzer::indonesian();
    let batch: Vec<_> = articles
        .iter()
        .map(|a| (DocumentKey::of(a), analyzer.analyze(a)))
        .collect();
    let keys = batch.iter().map(|(key, _)| key.clone()).collect();
    let mut store = SqliteStore::create(&dir).unwrap();
    store.write_batch(&batch).unwrap();
    store.commit_index().unwrap();
    (Scratch(dir), store, keys)
}

#[test]
fn a_document_comes_back_whole_with_its_story() {
    let (_dir, store, keys) = store("document");
    let document = store.document(&keys[0].id).unwrap().unwrap();
    assert_eq!(document.id, keys[0].id);
    assert!(document.story.is_some());
    let text = &document.analysis.text;
    assert!(text.starts_with("Rusia menyerang Kharkiv"));
    for entity in &document.analysis.entities {
        for mention in &entity.mentions {
            assert_eq!(&text[mention.span.start..mention.span.end], mention.text);
        }
    }
    assert!(store.document("0000").unwrap().is_none());
}

#[test]
fn search_counts_every_match_and_pages_through_them() {
    let (_dir, store, _) = store("pages");
    let all = SearchQuery {
        text: "serang".into(),
        limit: 10,
        ..SearchQuery::default()
    };
    assert_eq!(store.count(&all).unwrap(), 2);
    let first = store
        .search(&SearchQuery {
            limit: 1,
            ..all.clone()
        })
        .unwrap();
    let second = store
        .search(&SearchQuery {
            limit: 1,
            offset: 1,
            ..all.clone()
        })
        .unwrap();
    assert_eq!((first.len(), second.len()), (1, 1));
    assert_ne!(first[0].id, second[0].id);
    let past = SearchQuery {
        offset: 2,
        ..all.clone()
    };
    assert!(store.search(&past).unwrap().is_empty());
    assert_eq!(store.count(&past).unwrap(), 2, "the count ignores the page");

    let page = store
        .page(Table::Documents, &Filter::default(), 1, 1)
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0][1], Value::Text("b.txt".into()));
}

#[test]
fn facets_count_the_documents_of_the_hits() {
    let (_dir, store, _) = store("facets");
    let facets = store.facets(&SearchQuery::default()).unwrap();
    let outlets: Vec<(&str, u64)> = facets
        .outlets
        .iter()
        .map(|f| (f.value.as_str(), f.documents))
        .collect();
    assert_eq!(outlets, [("Warta Pagi", 2), ("Kabar Timur", 1)]);
    let months: Vec<&str> = facets.months.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(months, ["2025-03", "2025-04"]);
    let assault = facets.event_types.iter().find(|f| f.value == "ASSAULT");
    assert_eq!(assault.map(|f| f.documents), Some(2));
    let kharkiv = facets.entities.iter().find(|f| f.label == "Kharkiv");
    assert_eq!(kharkiv.map(|f| f.documents), Some(2));

    let only_bridge = SearchQuery {
        text: "jembatan".into(),
        ..SearchQuery::default()
    };
    let facets = store.facets(&only_bridge).unwrap();
    assert!(facets.event_types.iter().all(|f| f.value != "ASSAULT"));
}

#[test]
fn the_timeline_tells_one_event_once_with_its_reports() {
    let (_dir, store, _) = store("timeline");
    let filter = Filter {
        event_type: Some("ASSAULT".into()),
        ..Filter::default()
    };
    let entries = store.timeline(&filter).unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].day, "2025-03-03");
    assert!(entries[0].dated);
    assert_eq!(entries[0].reports, 2);
}

#[test]
fn an_entity_profile_names_it_and_counts_it_by_month() {
    let (_dir, store, _) = store("entity");
    let profile = store.entity("Zelensky").unwrap().unwrap();
    let id = profile.entity["entity_id"].as_str().unwrap();
    assert!(profile.kb.is_some(), "{id} is in the knowledge base");
    assert_eq!(profile.months.len(), 1);
    assert_eq!(profile.months[0]["month"], "2025-03");
    assert!(profile.months[0]["quotes"].as_i64().unwrap() >= 1);
    assert!(store.entity("Tidak Ada Orang Ini").unwrap().is_none());
}

#[test]
fn one_pass_answers_what_the_three_questions_answer() {
    let (_dir, store, _) = store("search-page");
    let queries = [
        SearchQuery::default(),
        SearchQuery {
            text: "serang".into(),
            ..SearchQuery::default()
        },
        SearchQuery {
            text: "serang".into(),
            limit: 1,
            offset: 1,
            ..SearchQuery::default()
        },
        SearchQuery {
            limit: 2,
            offset: 2,
            ..SearchQuery::default()
        },
        SearchQuery {
            outlet: Some("warta pagi".into()),
            since: Some("2025-04-01".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            text: "?".into(),
            ..SearchQuery::default()
        },
    ];
    for query in queries {
        let query = SearchQuery {
            limit: query.limit.max(1),
            ..query
        };
        let page = store.search_page(&query).unwrap();
        assert_eq!(page.hits, store.search(&query).unwrap(), "{query:?}");
        assert_eq!(page.total, store.count(&query).unwrap(), "{query:?}");
        assert_eq!(page.facets, store.facets(&query).unwrap(), "{query:?}");
    }
}
