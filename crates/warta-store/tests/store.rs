//! What only the SQLite store has, on articles written for these tests: a crash between
//! the database and the index loses nothing, a lost index is rebuilt, a newer schema is
//! left alone, a store from before stories is grouped, and the index's facets count what
//! the database's rows would. What every backend does
//! alike is in `behaviour.rs`.

mod corpus;

use std::path::PathBuf;

use corpus::{analysed, corpus, ingest, sources, strike_reports, words};
use warta_core::Article;
use warta_store::{FACET_HITS, FacetValue, Facets, SearchQuery, SqliteStore, Store};

/// A scratch store folder under the target directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("store-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_crash_before_the_index_commit_is_caught_up_on_the_next_open() {
    let scratch = Scratch::new("catch-up");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    let articles = corpus();
    ingest(&mut store, &articles[..2]);
    // The database commits the batch; the process dies before the index commits.
    store.write_batch(&analysed(&articles[2..])).unwrap();
    drop(store);
    let store = SqliteStore::create(&scratch.0).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.indexed), (4, 4));
    assert_eq!(sources(&store, &words("rudal")), ["rudal.txt"]);
}

#[test]
fn a_lost_index_is_rebuilt_from_the_database() {
    let scratch = Scratch::new("rebuild");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    ingest(&mut store, &corpus());
    drop(store);
    std::fs::remove_dir_all(scratch.0.join("index")).unwrap();
    let store = SqliteStore::create(&scratch.0).unwrap();
    assert_eq!(store.stats().unwrap().indexed, 4);
    assert_eq!(sources(&store, &words("jembatan")), ["jembatan.txt"]);
}

#[test]
fn an_index_without_the_facet_column_is_rebuilt_by_a_writer_and_refused_by_a_reader() {
    let scratch = Scratch::new("older-index");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    ingest(&mut store, &corpus());
    drop(store);
    // What an older warta left: an index whose fields differ from today's.
    let index = scratch.0.join("index");
    std::fs::remove_dir_all(&index).unwrap();
    std::fs::create_dir_all(&index).unwrap();
    let mut older = tantivy::schema::Schema::builder();
    older.add_text_field("id", tantivy::schema::STRING | tantivy::schema::STORED);
    drop(tantivy::Index::create_in_dir(&index, older.build()).unwrap());

    let refused = SqliteStore::open_read_only(&scratch.0).err();
    let message = refused.expect("a reader refuses it").to_string();
    assert!(message.contains("older warta"), "{message}");
    let store = SqliteStore::create(&scratch.0).unwrap();
    assert_eq!(store.stats().unwrap().indexed, 4);
    assert_eq!(sources(&store, &words("jembatan")), ["jembatan.txt"]);
    let outlets = store.facets(&SearchQuery::default()).unwrap().outlets;
    assert_eq!(outlets.len(), 2, "{outlets:?}");
    drop(store);
    assert!(SqliteStore::open_read_only(&scratch.0).is_ok());
}

#[test]
fn a_store_from_a_newer_warta_is_left_alone() {
    let scratch = Scratch::new("newer");
    drop(SqliteStore::create(&scratch.0).unwrap());
    let db = rusqlite::Connection::open(scratch.0.join("warta.sqlite3")).unwrap();
    db.pragma_update(None, "user_version", 99).unwrap();
    drop(db);
    for error in [
        SqliteStore::create(&scratch.0).err(),
        SqliteStore::open_read_only(&scratch.0).err(),
    ] {
        let message = error.expect("a newer schema is refused").to_string();
        assert!(message.contains("schema version 99"), "{message}");
    }
}

#[test]
fn documents_stored_without_stories_are_grouped_on_the_next_open() {
    let scratch = Scratch::new("regroup");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    ingest(&mut store, &strike_reports());
    let grouped = store.stats().unwrap();
    drop(store);
    // What a store written before stories existed looks like after the migration.
    let db = rusqlite::Connection::open(scratch.0.join("warta.sqlite3")).unwrap();
    db.execute_batch(
        "DELETE FROM story_bands; DELETE FROM document_stories; UPDATE events SET story_event = NULL;",
    )
    .unwrap();
    drop(db);
    let store = SqliteStore::create(&scratch.0).unwrap();
    assert_eq!(store.stats().unwrap(), grouped);
}

/// What the facets were when the database counted them (the statement the server ran
/// per search before the index kept facet values): the reference the index's counts
/// must equal. `?1` is a JSON array of the counted hits' ids.
const FACETS_BY_SQL: &str = "WITH hits (document, outlet, month) AS MATERIALIZED (
        SELECT d.rowid, d.outlet, substr(d.published, 1, 7)
        FROM json_each(?1) j CROSS JOIN documents d ON d.id = j.value)
    SELECT * FROM (SELECT 'outlets', outlet, NULL, count(*) FROM hits
        WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT 12)
    UNION ALL SELECT * FROM (SELECT 'event_types', e.type, NULL, count(DISTINCT e.document)
        FROM hits h CROSS JOIN events e ON e.document = h.document
        GROUP BY e.type ORDER BY count(DISTINCT e.document) DESC, e.type LIMIT 12)
    UNION ALL SELECT * FROM (SELECT 'entities', x.entity_id, min(x.name), count(*)
        FROM hits h CROSS JOIN entities x ON x.document = h.document
        GROUP BY x.entity_id ORDER BY count(*) DESC, x.entity_id LIMIT 12)
    UNION ALL SELECT * FROM (SELECT 'months', month, NULL, count(*) FROM hits
        WHERE month IS NOT NULL GROUP BY month ORDER BY month LIMIT 240)";

fn facets_by_sql(db: &rusqlite::Connection, ids: &[String]) -> Facets {
    let ids = serde_json::to_string(ids).unwrap();
    let mut facets = Facets::default();
    let mut statement = db.prepare(FACETS_BY_SQL).unwrap();
    let mut rows = statement.query([ids]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        let value: String = row.get(1).unwrap();
        let counted = FacetValue {
            label: row
                .get::<_, Option<String>>(2)
                .unwrap()
                .unwrap_or(value.clone()),
            value,
            documents: row.get::<_, i64>(3).unwrap() as u64,
        };
        match row.get::<_, String>(0).unwrap().as_str() {
            "outlets" => facets.outlets.push(counted),
            "event_types" => facets.event_types.push(counted),
            "entities" => facets.entities.push(counted),
            _ => facets.months.push(counted),
        }
    }
    facets
}

/// Articles enough for the facets to count only the best [`FACET_HITS`] hits and to
/// cut each facet at its twelve most frequent values: every combination of a few
/// outlets, months, parties, places and acts, written in several batches so that the
/// index has several segments (each with its own dictionary of facet values).
fn varied_store(name: &str) -> (Scratch, SqliteStore) {
    let scratch = Scratch::new(name);
    let outlets = [
        "Kabar Timur",
        "Warta Pagi",
        "Suara Selatan",
        "Harian Nusa",
        "Berita Kota",
    ];
    let parties = [
        "Rusia",
        "Israel",
        "Militer Myanmar",
        "Pasukan Sudan",
        "Hamas",
        "Ukraina",
    ];
    let places = [
        "Kharkiv",
        "Gaza",
        "Mandalay",
        "Khartoum",
        "Rafah",
        "Kyiv",
        "Odesa",
        "Darfur",
        "Yangon",
        "Beirut",
        "Aleppo",
        "Mariupol",
        "Khan Younis",
        "Sittwe",
    ];
    let acts = [
        "menyerang pos militer di",
        "membom gudang logistik di",
        "mengepung desa dekat",
        "menyerukan gencatan senjata di",
        "mengirim bantuan makanan ke",
        "mengancam akan menyerang",
    ];
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    let mut articles = Vec::new();
    for i in 0..300 {
        let party = parties[i % parties.len()];
        let place = places[(i * 7) % places.len()];
        let other = places[(i * 5 + 3) % places.len()];
        let act = acts[(i / 3) % acts.len()];
        let month = 1 + (i * 11) % 9;
        let mut text = format!(
            "{party} {act} {place} pada Senin, kata seorang pejabat setempat.\n\
             Warga di {other} mengungsi setelah kejadian itu.\n"
        );
        if i % 4 == 0 {
            text.push_str("Jembatan utama ke kota itu rusak akibat serangan.\n");
        }
        // Some articles carry no outlet or no day: facets leave them out.
        let mut article = Article::from_text(format!("v{i}.txt"), &text);
        article.outlet = (i % 13 != 0).then(|| outlets[i % outlets.len()].into());
        article.published = (i % 17 != 0).then(|| format!("2025-0{month}-1{}", i % 10));
        articles.push(article);
    }
    for batch in articles.chunks(80) {
        store.write_batch(&analysed(batch)).unwrap();
        store.commit_index().unwrap();
    }
    (scratch, store)
}

#[test]
fn facets_match_the_database() {
    let (dir, store) = varied_store("facets-sql");
    let db = rusqlite::Connection::open(dir.0.join("warta.sqlite3")).unwrap();
    let queries = [
        SearchQuery::default(),
        SearchQuery {
            text: "serang".into(),
            ..SearchQuery::default()
        },
        SearchQuery {
            text: "warga mengungsi".into(),
            offset: 40,
            ..SearchQuery::default()
        },
        SearchQuery {
            text: "Gaza".into(),
            ..SearchQuery::default()
        },
        SearchQuery {
            event_type: Some("ASSAULT".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            text: "jembatan".into(),
            since: Some("2025-05-01".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            outlet: Some("warta pagi".into()),
            ..SearchQuery::default()
        },
        SearchQuery {
            text: "tidakadakata".into(),
            ..SearchQuery::default()
        },
    ];
    let mut counted_more_than_the_cut = false;
    for query in queries {
        let query = SearchQuery { limit: 20, ..query };
        let best = store
            .search(&SearchQuery {
                limit: FACET_HITS,
                offset: 0,
                ..query.clone()
            })
            .unwrap();
        let ids: Vec<String> = best.into_iter().map(|hit| hit.id).collect();
        let expected = facets_by_sql(&db, &ids);
        let facets = store.facets(&query).unwrap();
        assert_eq!(facets, expected, "{query:?}");
        assert_eq!(
            store.search_page(&query).unwrap().facets,
            expected,
            "{query:?}"
        );
        counted_more_than_the_cut |=
            store.count(&query).unwrap() > FACET_HITS as u64 && expected.entities.len() == 12;
    }
    assert!(
        counted_more_than_the_cut,
        "some query matches more than the counted hits and more than twelve entities"
    );
}
