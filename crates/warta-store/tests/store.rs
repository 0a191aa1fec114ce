//! What only the SQLite store has, on articles written for these tests: a crash between
//! the database and the index loses nothing, a lost index is rebuilt, a newer schema is
//! left alone, and a store from before stories is grouped. What every backend does
//! alike is in `behaviour.rs`.

use std::path::PathBuf;
use std::sync::LazyLock;

use warta_core::{Analysis, Analyzer, Article};
use warta_store::{DocumentKey, Outcome, SearchQuery, SqliteStore, Store};

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::indonesian);

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

fn article(source: &str, outlet: &str, published: &str, body: &str) -> Article {
    let mut article = Article::from_text(source, body);
    article.outlet = Some(outlet.into());
    article.published = Some(published.into());
    article
}

fn corpus() -> Vec<Article> {
    vec![
        article(
            "pos.txt",
            "Kabar Timur",
            "2025-03-04",
            "Militer Israel menyerang pos polisi di pinggiran Gaza pada Selasa dini hari.\n\
             Dua petugas terluka dalam serangan itu dan dibawa ke rumah sakit.\n",
        ),
        article(
            "kantor.txt",
            "Warta Pagi",
            "2025-05-10",
            "Kantor bupati diserang sekelompok orang tak dikenal pada Sabtu malam.\n\
             Polisi masih mencari para pelaku, kata juru bicara kepolisian.\n",
        ),
        article(
            "rudal.txt",
            "Warta Pagi",
            "2025-06-01",
            "Rusia kembali meluncurkan rudal ke arah Kyiv pada Rabu malam.\n\
             Pejabat Ukraina mengatakan sistem pertahanan udara menembak jatuh sebagian besar rudal itu.\n",
        ),
        article(
            "jembatan.txt",
            "Kabar Timur",
            "2025-07-20",
            "Pemerintah daerah meresmikan jembatan baru yang menghubungkan dua desa di tepi sungai.\n\
             Warga menyambut jembatan itu dengan gembira.\n",
        ),
    ]
}

fn analysed(articles: &[Article]) -> Vec<(DocumentKey, Analysis)> {
    articles
        .iter()
        .map(|a| (DocumentKey::of(a), ANALYZER.analyze(a)))
        .collect()
}

fn ingest(store: &mut SqliteStore, articles: &[Article]) -> Vec<Outcome> {
    let outcomes = store.write_batch(&analysed(articles)).unwrap();
    store.commit_index().unwrap();
    outcomes
}

fn words(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        limit: 10,
        ..SearchQuery::default()
    }
}

fn sources(store: &SqliteStore, query: &SearchQuery) -> Vec<String> {
    let mut found: Vec<String> = store
        .search(query)
        .unwrap()
        .into_iter()
        .map(|hit| hit.source)
        .collect();
    found.sort();
    found
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

/// Two outlets telling one strike in their own words, with their own death tolls, and a
/// strike elsewhere on another day.
fn strike_reports() -> Vec<Article> {
    vec![
        article(
            "sekolah-a.txt",
            "Kabar Timur",
            "2025-03-04",
            "Militer Israel membom sebuah sekolah di Khan Younis pada Selasa (4/3/2025) dan \
             menewaskan sedikitnya 12 orang, kata kementerian kesehatan setempat.\n\
             Warga berlarian mencari perlindungan ketika ledakan mengguncang kawasan padat \
             penduduk tersebut.\n",
        ),
        article(
            "sekolah-b.txt",
            "Warta Pagi",
            "2025-03-05",
            "Pejabat rumah sakit Nasser mengatakan serangan udara Israel di Khan Younis pada \
             Selasa (4/3/2025) menewaskan 19 orang.\n\
             Pihak militer menyatakan gedung itu dipakai sebagai pusat komando.\n",
        ),
        article(
            "gudang.txt",
            "Warta Pagi",
            "2025-03-06",
            "Pasukan Rusia menyerang gudang gandum di Odesa pada Kamis (6/3/2025). Dua \
             penjaga terluka.\n",
        ),
    ]
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
