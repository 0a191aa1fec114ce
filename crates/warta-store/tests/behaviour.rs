//! What every store backend does alike, run against each (see `common/mod.rs`), on
//! articles written for these tests: writing is idempotent, a changed article replaces
//! its earlier version, search finds words by lemma and places by any of their names,
//! copies and reports of one event are grouped, and the read questions (documents,
//! pages, counts, facets, timeline, entity profiles) answer the same.

#[macro_use]
mod common;
mod corpus;

use common::{Backend, Scratch};
use corpus::{analysed, article, corpus, ingest, sources, strike_reports, words};
use warta_core::Article;
use warta_store::{DocumentKey, Filter, Outcome, SearchQuery, Store, Table, Value};

on_every_backend!(
    writing_the_same_articles_twice_changes_nothing,
    a_changed_article_replaces_its_earlier_version,
    a_version_replaced_within_one_batch_leaves_only_the_last,
    search_finds_every_form_of_a_word_and_highlights_it,
    search_finds_a_place_by_any_of_its_names,
    filters_keep_outlet_days_entity_and_event_type,
    a_reader_needs_an_existing_store,
    a_second_writer_is_refused_while_the_first_holds_the_store,
    copies_of_one_wire_story_with_different_cruft_are_one_story,
    reports_of_one_strike_are_one_story_event_and_unrelated_ones_are_not,
    grouping_in_one_batch_or_one_by_one_is_the_same,
    a_document_comes_back_whole_with_its_story,
    search_counts_every_match_and_pages_through_them,
    facets_count_the_documents_of_the_hits,
    the_timeline_tells_one_event_once_with_its_reports,
    an_entity_profile_names_it_and_counts_it_by_month,
    one_pass_answers_what_the_three_questions_answer,
);

fn writing_the_same_articles_twice_changes_nothing(backend: Backend) {
    let Some(scratch) = Scratch::new(backend, "idempotent") else {
        return;
    };
    let mut store = scratch.writer();
    let articles = corpus();
    assert_eq!(ingest(&mut *store, &articles), [Outcome::New; 4]);
    let first = store.stats().unwrap();
    assert_eq!(first.documents, 4);
    assert_eq!(first.indexed, 4);
    assert!(first.entities > 0, "{first:?}");

    let keys: Vec<DocumentKey> = articles.iter().map(DocumentKey::of).collect();
    assert_eq!(store.needs_write(&keys).unwrap(), [false; 4]);
    assert_eq!(ingest(&mut *store, &articles), [Outcome::Unchanged; 4]);
    drop(store);
    let store = scratch.writer();
    assert_eq!(store.stats().unwrap(), first);
}

fn a_changed_article_replaces_its_earlier_version(backend: Backend) {
    let Some(scratch) = Scratch::new(backend, "replace") else {
        return;
    };
    let mut store = scratch.writer();
    ingest(&mut *store, &corpus());
    let edited = article(
        "jembatan.txt",
        "Kabar Timur",
        "2025-07-21",
        "Pemerintah daerah menunda peresmian bendungan karena hujan deras.\n",
    );
    assert_eq!(ingest(&mut *store, &[edited]), [Outcome::Replaced]);
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.indexed), (4, 4));
    assert!(sources(&*store, &words("jembatan")).is_empty());
    assert_eq!(sources(&*store, &words("bendungan")), ["jembatan.txt"]);
}

fn a_version_replaced_within_one_batch_leaves_only_the_last(backend: Backend) {
    let Some(scratch) = Scratch::new(backend, "replace-in-batch") else {
        return;
    };
    let mut store = scratch.writer();
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
        ingest(&mut *store, &[first.clone(), second, first]),
        [Outcome::New, Outcome::Replaced, Outcome::Replaced]
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.indexed), (1, 1));
    let hits = store.search(&words("banjir")).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(hits[0].snippet.contains("tiga desa"), "{}", hits[0].snippet);
}

fn search_finds_every_form_of_a_word_and_highlights_it(backend: Backend) {
    let Some(scratch) = Scratch::new(backend, "lemma") else {
        return;
    };
    let mut store = scratch.writer();
    ingest(&mut *store, &corpus());
    let store = &*store;
    assert_eq!(sources(store, &words("serang")), ["kantor.txt", "pos.txt"]);
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
    assert_eq!(sources(store, &words("\"pos polisi\"")), ["pos.txt"]);
    assert!(sources(store, &words("\"polisi pos\"")).is_empty());
    assert!(sources(store, &words("?!")).is_empty());
    assert_eq!(sources(store, &words(" ")).len(), 4);
}

fn search_finds_a_place_by_any_of_its_names(backend: Backend) {
    let Some(scratch) = Scratch::new(backend, "alias") else {
        return;
    };
    let mut store = scratch.writer();
    ingest(&mut *store, &corpus());
    for name in ["Kiev", "kiev", "Kyiv"] {
        let hits = store.search(&words(name)).unwrap();
        assert_eq!(hits.len(), 1, "{name}");
        assert_eq!(hits[0].source, "rudal.txt");
        let [start, end] = hits[0].highlights[0];
        assert_eq!(&hits[0].snippet[start..end], "Kyiv", "{name}");
    }
}

fn filters_keep_outlet_days_entity_and_event_type(backend: Backend) {
    let Some(scratch) = Scratch::new(backend, "filters") else {
        return;
    };
    let mut store = scratch.writer();
    ingest(&mut *store, &corpus());
    let store = &*store;
    let all = |filters: SearchQuery| {
        sources(
            store,
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

fn a_reader_needs_an_existing_store(backend: Backend) {
    let Some(scratch) = Scratch::new(backend, "missing") else {
        return;
    };
    assert!(scratch.reader().is_err());
    let mut store = scratch.writer();
    ingest(&mut *store, &corpus());
    let reader = scratch.reader().unwrap();
    assert_eq!(reader.stats().unwrap().documents, 4);
    assert_eq!(sources(&*reader, &words("jembatan")), ["jembatan.txt"]);
}

fn a_second_writer_is_refused_while_the_first_holds_the_store(backend: Backend) {
    let Some(scratch) = Scratch::new(backend, "second-writer") else {
        return;
    };
    let mut first = scratch.writer();
    ingest(&mut *first, &corpus()[..1]);
    assert!(
        warta_store::open(&scratch.location, warta_store::Access::Write).is_err(),
        "two writers at once"
    );
    // Readers are welcome beside the writer, and the next writer once it is gone.
    assert_eq!(scratch.reader().unwrap().stats().unwrap().documents, 1);
    drop(first);
    let mut second = scratch.writer();
    ingest(&mut *second, &corpus()[1..]);
    assert_eq!(second.stats().unwrap().documents, 4);
}

/// A wire report written for this test, long enough that a dateline and the cruft an
/// outlet adds around it change only a few of its word shingles.
const WIRE: &str = "Pemerintah kota pelabuhan itu memberlakukan jam malam setelah bentrokan \
    antara dua kelompok nelayan memperebutkan wilayah tangkapan di teluk utara. Kepala \
    kepolisian setempat mengatakan petugas menyita puluhan senjata tajam dan menahan \
    sebelas orang yang diduga memicu keributan di dermaga ikan. Wali kota meminta warga \
    tetap tenang dan menyerahkan penyelesaian sengketa kepada dinas perikanan, yang \
    berjanji menetapkan batas wilayah tangkapan baru dalam dua pekan.";

fn wire_copies() -> [Article; 2] {
    [
        article(
            "https://kabar-timur.contoh/teluk",
            "Kabar Timur",
            "2025-08-02",
            &format!(
                "KOTA TELUK, Kabar Timur - {WIRE}\nBaca juga: Harga ikan naik menjelang musim hujan\nEditor: Dimas Prakoso\n"
            ),
        ),
        article(
            "https://warta-pagi.contoh/nasional/teluk",
            "Warta Pagi",
            "2025-08-02",
            &format!("{WIRE}\nSimak berita pilihan lainnya di aplikasi kami.\n(ant/wp)\n"),
        ),
    ]
}

fn copies_of_one_wire_story_with_different_cruft_are_one_story(backend: Backend) {
    let Some(scratch) = Scratch::new(backend, "copies") else {
        return;
    };
    let mut store = scratch.writer();
    ingest(&mut *store, &wire_copies());
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.stories), (2, 1), "{stats:?}");
    // The other articles are stories of their own.
    ingest(&mut *store, &corpus());
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.stories), (6, 5), "{stats:?}");
}

fn all_rows(store: &dyn Store, table: Table) -> Vec<Vec<Value>> {
    let mut rows = Vec::new();
    store
        .rows(table, &Filter::default(), &mut |row| {
            rows.push(row.to_vec());
            Ok(())
        })
        .unwrap();
    rows
}

fn column(table: Table, name: &str) -> usize {
    table.columns().iter().position(|c| *c == name).unwrap()
}

fn reports_of_one_strike_are_one_story_event_and_unrelated_ones_are_not(backend: Backend) {
    let Some(scratch) = Scratch::new(backend, "strike") else {
        return;
    };
    let mut store = scratch.writer();
    ingest(&mut *store, &strike_reports());
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.stories), (3, 3), "{stats:?}");
    assert_eq!((stats.events, stats.story_events), (3, 2), "{stats:?}");
    // The two tolls are two claims of one story event: a contradiction.
    let claims = all_rows(&*store, Table::Contradictions);
    let at = |name| column(Table::Contradictions, name);
    assert_eq!(claims.len(), 2, "{claims:?}");
    assert_eq!(claims[0][at("story_event")], claims[1][at("story_event")]);
    let tolls: Vec<&Value> = claims.iter().map(|c| &c[at("value")]).collect();
    assert_eq!(tolls, [&Value::Real(12.0), &Value::Real(19.0)]);
    assert_eq!(
        claims[0][at("claimant")],
        Value::Text("kementerian kesehatan setempat".into())
    );
    // Grouping happens once per document: writing them again changes nothing, and a
    // store reopened after it sees the same groups.
    ingest(&mut *store, &strike_reports());
    drop(store);
    let store = scratch.writer();
    assert_eq!(store.stats().unwrap(), stats);
}

/// The groups as the tables list them: each document's story, each event's story event.
fn groups(store: &dyn Store) -> (Vec<Vec<Value>>, Vec<Vec<Value>>) {
    let documents = all_rows(store, Table::Documents)
        .into_iter()
        .map(|row| {
            vec![
                row[1].clone(),
                row[column(Table::Documents, "story")].clone(),
            ]
        })
        .collect();
    let events = all_rows(store, Table::Events)
        .into_iter()
        .map(|row| {
            let at = |name| row[column(Table::Events, name)].clone();
            vec![at("source"), at("trigger"), at("story_event")]
        })
        .collect();
    (documents, events)
}

fn grouping_in_one_batch_or_one_by_one_is_the_same(backend: Backend) {
    let articles: Vec<Article> = strike_reports()
        .into_iter()
        .chain(wire_copies())
        .chain(corpus())
        .chain(strike_reports().into_iter().map(|mut a| {
            a.source = format!("ulang-{}", a.source);
            a
        }))
        .collect();
    let Some(together) = Scratch::new(backend, "group-batch") else {
        return;
    };
    let mut store = together.writer();
    ingest(&mut *store, &articles);
    let at_once = groups(&*store);
    let Some(apart) = Scratch::new(backend, "group-single") else {
        return;
    };
    let mut store = apart.writer();
    for article in &articles {
        ingest(&mut *store, std::slice::from_ref(article));
    }
    assert_eq!(groups(&*store), at_once);
    // The republished strike reports joined the first ones' stories and story events.
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.stories), (12, 8), "{stats:?}");
    assert_eq!(
        stats.story_events,
        2 + corpus_story_events(&*store),
        "{stats:?}"
    );
}

/// Story events of the corpus's articles alone (events with a source in it).
fn corpus_story_events(store: &dyn Store) -> u64 {
    let sources: Vec<String> = corpus().into_iter().map(|a| a.source).collect();
    let mut labels: Vec<Value> = all_rows(store, Table::Events)
        .into_iter()
        .filter(|row| sources.contains(&row[column(Table::Events, "source")].to_text()))
        .map(|row| row[column(Table::Events, "story_event")].clone())
        .collect();
    labels.sort_by_key(Value::to_text);
    labels.dedup();
    labels.len() as u64
}

/// Two outlets report one attack on one day; a third article is about something else.
fn read_store(
    backend: Backend,
    name: &str,
) -> Option<(Scratch, Box<dyn Store + Send>, Vec<DocumentKey>)> {
    let scratch = Scratch::new(backend, name)?;
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
    let batch = analysed(&articles);
    let keys = batch.iter().map(|(key, _)| key.clone()).collect();
    let mut store = scratch.writer();
    store.write_batch(&batch).unwrap();
    store.commit_index().unwrap();
    Some((scratch, store, keys))
}

fn a_document_comes_back_whole_with_its_story(backend: Backend) {
    let Some((_scratch, store, keys)) = read_store(backend, "read-document") else {
        return;
    };
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

fn search_counts_every_match_and_pages_through_them(backend: Backend) {
    let Some((_scratch, store, _)) = read_store(backend, "read-pages") else {
        return;
    };
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

fn facets_count_the_documents_of_the_hits(backend: Backend) {
    let Some((_scratch, store, _)) = read_store(backend, "read-facets") else {
        return;
    };
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

fn the_timeline_tells_one_event_once_with_its_reports(backend: Backend) {
    let Some((_scratch, store, _)) = read_store(backend, "read-timeline") else {
        return;
    };
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

fn an_entity_profile_names_it_and_counts_it_by_month(backend: Backend) {
    let Some((_scratch, store, _)) = read_store(backend, "read-entity") else {
        return;
    };
    let profile = store.entity("Zelensky").unwrap().unwrap();
    let id = profile.entity["entity_id"].as_str().unwrap();
    assert!(profile.kb.is_some(), "{id} is in the knowledge base");
    assert_eq!(profile.months.len(), 1);
    assert_eq!(profile.months[0]["month"], "2025-03");
    assert!(profile.months[0]["quotes"].as_i64().unwrap() >= 1);
    assert!(store.entity("Tidak Ada Orang Ini").unwrap().is_none());
}

fn one_pass_answers_what_the_three_questions_answer(backend: Backend) {
    let Some((_scratch, store, _)) = read_store(backend, "read-search-page") else {
        return;
    };
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
