//! The store end to end, on articles written for these tests: writing is idempotent, a
//! changed article replaces its earlier version, a crash between the database and the
//! index loses nothing, and search finds words by lemma and places by any of their names.

use std::path::PathBuf;
use std::sync::LazyLock;

use warta_core::{Analysis, Analyzer, Article};
use warta_store::{DocumentKey, Filter, Outcome, SearchQuery, SqliteStore, Store, Table, Value};

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
fn writing_the_same_articles_twice_changes_nothing() {
    let scratch = Scratch::new("idempotent");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    let articles = corpus();
    assert_eq!(ingest(&mut store, &articles), [Outcome::New; 4]);
    let first = store.stats().unwrap();
    assert_eq!(first.documents, 4);
    assert_eq!(first.indexed, 4);
    assert!(first.entities > 0, "{first:?}");

    let keys: Vec<DocumentKey> = articles.iter().map(DocumentKey::of).collect();
    assert_eq!(store.needs_write(&keys).unwrap(), [false; 4]);
    assert_eq!(ingest(&mut store, &articles), [Outcome::Unchanged; 4]);
    drop(store);
    let store = SqliteStore::create(&scratch.0).unwrap();
    assert_eq!(store.stats().unwrap(), first);
}

#[test]
fn a_changed_article_replaces_its_earlier_version() {
    let scratch = Scratch::new("replace");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    ingest(&mut store, &corpus());
    let edited = article(
        "jembatan.txt",
        "Kabar Timur",
        "2025-07-21",
        "Pemerintah daerah menunda peresmian bendungan karena hujan deras.\n",
    );
    assert_eq!(ingest(&mut store, &[edited]), [Outcome::Replaced]);
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.indexed), (4, 4));
    assert!(sources(&store, &words("jembatan")).is_empty());
    assert_eq!(sources(&store, &words("bendungan")), ["jembatan.txt"]);
}

#[test]
fn a_version_replaced_within_one_batch_leaves_only_the_last() {
    let scratch = Scratch::new("replace-in-batch");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    let first = article(
        "laporan.txt",
        "Warta Pagi",
        "2025-01-02",
        "Banjir merendam tiga desa.\n",
    );
    let second = article(
        "laporan.txt",
        "Warta Pagi",
        "2025-01-02",
        "Banjir merendam lima desa.\n",
    );
    assert_eq!(
        ingest(&mut store, &[first, second]),
        [Outcome::New, Outcome::Replaced]
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.indexed), (1, 1));
    assert_eq!(store.search(&words("banjir")).unwrap().len(), 1);
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
fn search_finds_every_form_of_a_word_and_highlights_it() {
    let scratch = Scratch::new("lemma");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    ingest(&mut store, &corpus());
    assert_eq!(sources(&store, &words("serang")), ["kantor.txt", "pos.txt"]);
    let hits = store.search(&words("serangan")).unwrap();
    let pos = hits.iter().find(|h| h.source == "pos.txt").unwrap();
    let marked: Vec<&str> = pos
        .highlights
        .iter()
        .map(|[start, end]| &pos.snippet[*start..*end])
        .collect();
    assert!(
        marked.contains(&"menyerang"),
        "{marked:?} in {}",
        pos.snippet
    );
    assert!(
        marked.contains(&"serangan"),
        "{marked:?} in {}",
        pos.snippet
    );
    assert_eq!(sources(&store, &words("\"pos polisi\"")), ["pos.txt"]);
    assert!(sources(&store, &words("\"polisi pos\"")).is_empty());
    assert!(sources(&store, &words("?!")).is_empty());
    assert_eq!(sources(&store, &words(" ")).len(), 4);
}

#[test]
fn search_finds_a_place_by_any_of_its_names() {
    let scratch = Scratch::new("alias");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    ingest(&mut store, &corpus());
    for name in ["Kiev", "kiev", "Kyiv"] {
        let hits = store.search(&words(name)).unwrap();
        assert_eq!(hits.len(), 1, "{name}");
        assert_eq!(hits[0].source, "rudal.txt");
        let [start, end] = hits[0].highlights[0];
        assert_eq!(&hits[0].snippet[start..end], "Kyiv", "{name}");
    }
}

#[test]
fn filters_keep_outlet_days_entity_and_event_type() {
    let scratch = Scratch::new("filters");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    ingest(&mut store, &corpus());
    let all = |filters: SearchQuery| {
        sources(
            &store,
            &SearchQuery {
                limit: 10,
                ..filters
            },
        )
    };
    assert_eq!(
        all(SearchQuery {
            outlet: Some("kabar timur".into()),
            ..SearchQuery::default()
        }),
        ["jembatan.txt", "pos.txt"]
    );
    assert_eq!(
        all(SearchQuery {
            since: Some("2025-05-10".into()),
            until: Some("2025-06-30".into()),
            ..SearchQuery::default()
        }),
        ["kantor.txt", "rudal.txt"]
    );
    assert_eq!(
        all(SearchQuery {
            entity: Some("Kiev".into()),
            ..SearchQuery::default()
        }),
        ["rudal.txt"]
    );
    assert_eq!(
        all(SearchQuery {
            text: "serang".into(),
            event_type: Some("assault".into()),
            ..SearchQuery::default()
        }),
        ["pos.txt"]
    );
    let bad_day = store.search(&SearchQuery {
        since: Some("kemarin".into()),
        limit: 10,
        ..SearchQuery::default()
    });
    assert!(bad_day.is_err());
}

#[test]
fn a_reader_needs_an_existing_store() {
    let scratch = Scratch::new("missing");
    assert!(SqliteStore::open_read_only(&scratch.0).is_err());
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    ingest(&mut store, &corpus());
    let reader = SqliteStore::open_read_only(&scratch.0).unwrap();
    assert_eq!(reader.stats().unwrap().documents, 4);
    assert_eq!(sources(&reader, &words("jembatan")), ["jembatan.txt"]);
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

/// A wire report written for this test, long enough that a dateline and the cruft an
/// outlet adds around it change only a few of its word shingles.
const WIRE: &str = "Pemerintah kota pelabuhan itu memberlakukan jam malam setelah bentrokan \
    antara dua kelompok nelayan memperebutkan wilayah tangkapan di teluk utara. Kepala \
    kepolisian setempat mengatakan petugas menyita puluhan senjata tajam dan menahan \
    sebelas orang yang diduga memicu keributan di dermaga ikan. Wali kota meminta warga \
    tetap tenang dan menyerahkan penyelesaian sengketa kepada dinas perikanan, yang \
    berjanji menetapkan batas wilayah tangkapan baru dalam dua pekan.";

#[test]
fn copies_of_one_wire_story_with_different_cruft_are_one_story() {
    let scratch = Scratch::new("copies");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    let first = article(
        "https://kabar-timur.contoh/teluk",
        "Kabar Timur",
        "2025-08-02",
        &format!(
            "KOTA TELUK, Kabar Timur - {WIRE}\nBaca juga: Harga ikan naik menjelang musim hujan\nEditor: Dimas Prakoso\n"
        ),
    );
    let second = article(
        "https://warta-pagi.contoh/nasional/teluk",
        "Warta Pagi",
        "2025-08-02",
        &format!("{WIRE}\nSimak berita pilihan lainnya di aplikasi kami.\n(ant/wp)\n"),
    );
    ingest(&mut store, &[first, second]);
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.stories), (2, 1), "{stats:?}");
    // The other articles are stories of their own.
    ingest(&mut store, &corpus());
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.stories), (6, 5), "{stats:?}");
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
fn reports_of_one_strike_are_one_story_event_and_unrelated_ones_are_not() {
    let scratch = Scratch::new("strike");
    let mut store = SqliteStore::create(&scratch.0).unwrap();
    ingest(&mut store, &strike_reports());
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.stories), (3, 3), "{stats:?}");
    assert_eq!((stats.events, stats.story_events), (3, 2), "{stats:?}");
    // The two tolls are two claims of one story event: a contradiction.
    let mut claims = Vec::new();
    store
        .rows(Table::Contradictions, &Filter::default(), &mut |row| {
            claims.push(row.to_vec());
            Ok(())
        })
        .unwrap();
    let column = |name: &str| {
        Table::Contradictions
            .columns()
            .iter()
            .position(|c| *c == name)
            .unwrap()
    };
    assert_eq!(claims.len(), 2, "{claims:?}");
    assert_eq!(
        claims[0][column("story_event")],
        claims[1][column("story_event")]
    );
    let tolls: Vec<&Value> = claims.iter().map(|c| &c[column("value")]).collect();
    assert_eq!(tolls, [&Value::Real(12.0), &Value::Real(19.0)]);
    assert_eq!(
        claims[0][column("claimant")],
        Value::Text("kementerian kesehatan setempat".into())
    );
    // Grouping happens once per document: writing them again changes nothing, and a
    // store reopened after it sees the same groups.
    ingest(&mut store, &strike_reports());
    drop(store);
    let store = SqliteStore::create(&scratch.0).unwrap();
    assert_eq!(store.stats().unwrap(), stats);
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
