//! The server store: PostgreSQL, for a team that outgrows one machine's folder.
//!
//! The same [`Store`] as [`crate::SqliteStore`], with one difference in shape: the search
//! words live in the database (a `tsvector` of warta's own lemmas per document, written
//! in the document's transaction), so there is no derived index to catch up and
//! [`Store::commit_index`] has nothing to do. A batch is one transaction: its documents,
//! every row read from them, and their story grouping, all or nothing.
//!
//! Rows go in by the batch, not by the row: ids are reserved from the sequences once,
//! documents are one `INSERT … SELECT FROM unnest(…)`, every other table one binary
//! `COPY`, and story grouping asks for its candidates once per run of documents. Over a
//! network, round trips, not rows, are what a writer waits for.
//!
//! The client is the synchronous `postgres` crate, tokio-postgres driven by a
//! current-thread tokio runtime of its own: the [`Store`] trait is synchronous, and the
//! server already calls it on blocking threads.

mod search;
mod stories;
mod tables;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls};
use warta_core::Analysis;
use warta_core::analysis::Actor;
use warta_core::morph::Lemmatizer;

use crate::words::{QueryWords, day_number};
use crate::{
    DocumentKey, EntityProfile, Error, Facets, Filter, Hit, Outcome, Result, SearchPage,
    SearchQuery, Stats, Store, StoredDocument, Table, TimelineEntry, Value, label,
};

/// Schema migrations, in order: migration `i` brings `warta_schema.version` from `i` to
/// `i + 1`. Append only; never edit one that has shipped.
const MIGRATIONS: &[&str] = &[include_str!("../../migrations/postgres/0001_initial.sql")];

/// The session advisory lock a writer holds: one writer per database, as the SQLite
/// store's index lock allows one per folder.
const WRITER_LOCK: i64 = 0x7761_7274_6120_7772;

/// [`Store`] in a PostgreSQL database, named by a `postgres://` URL.
pub struct PgStore {
    /// One connection; `RefCell` because the client needs `&mut` to ask, and the trait's
    /// read questions take `&self` (a store handle is used by one thread at a time).
    client: RefCell<Client>,
    writable: bool,
    words: QueryWords,
    /// The URL without its password, for messages.
    location: String,
}

impl PgStore {
    /// Connects for writing: creates or migrates the schema and takes the writer lock.
    /// A second writer on the same database fails instead of waiting.
    pub fn create(url: &str) -> Result<PgStore> {
        let mut store = PgStore::connect(url, true)?;
        let locked: bool = store
            .client
            .get_mut()
            .query_one("SELECT pg_try_advisory_lock($1)", &[&WRITER_LOCK])?
            .get(0);
        if !locked {
            return Err(Error::Locked(store.location));
        }
        migrate(store.client.get_mut(), &store.location)?;
        Ok(store)
    }

    /// Connects for reading (`warta stats`, `warta search`, `warta serve`); the schema
    /// must exist at this warta's version. Sees what writers committed.
    pub fn open_read_only(url: &str) -> Result<PgStore> {
        let mut store = PgStore::connect(url, false)?;
        let client = store.client.get_mut();
        client.batch_execute("SET default_transaction_read_only = on")?;
        let version = schema_version(client)?;
        if version != MIGRATIONS.len() as i64 {
            return Err(if version > MIGRATIONS.len() as i64 {
                newer_schema(&store.location, version)
            } else {
                Error::Missing(store.location)
            });
        }
        Ok(store)
    }

    fn connect(url: &str, writable: bool) -> Result<PgStore> {
        let client = Client::connect(url, NoTls)?;
        Ok(PgStore {
            client: RefCell::new(client),
            writable,
            words: QueryWords::new(Arc::new(Lemmatizer::indonesian())),
            location: crate::without_password(url),
        })
    }
}

/// Scratch databases for the behaviour tests the two backends share (`tests/`): not
/// part of the store's interface.
#[doc(hidden)]
pub mod testing {
    use super::*;

    /// A fresh, empty database named `name` on the server `server` names (a URL), and
    /// its URL; an earlier one of that name is dropped first.
    pub fn scratch_database(server: &str, name: &str) -> Result<String> {
        let mut client = Client::connect(server, NoTls)?;
        // Two statements: CREATE DATABASE may not share a transaction with another.
        client.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))?;
        client.batch_execute(&format!("CREATE DATABASE \"{name}\""))?;
        Ok(with_database(server, name))
    }

    /// Drops a database [`scratch_database`] made.
    pub fn drop_database(server: &str, name: &str) -> Result<()> {
        let mut client = Client::connect(server, NoTls)?;
        client.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))?;
        Ok(())
    }

    /// The URL with another database name (`postgres://user@host:port/NAME?options`).
    pub(super) fn with_database(url: &str, name: &str) -> String {
        let (address, options) = match url.split_once('?') {
            Some((address, options)) => (address, format!("?{options}")),
            None => (url, String::new()),
        };
        let authority = address.find("://").map_or(0, |i| i + 3);
        let host = match address[authority..].find('/') {
            Some(slash) => &address[..authority + slash],
            None => address,
        };
        format!("{host}/{name}{options}")
    }
}

/// The schema version; 0 for a database without warta's tables.
fn schema_version(client: &mut Client) -> Result<i64> {
    let exists: bool = client
        .query_one("SELECT to_regclass('warta_schema') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let version: Option<i32> = client
        .query_opt("SELECT version FROM warta_schema", &[])?
        .map(|row| row.get(0));
    Ok(version.unwrap_or(0).into())
}

fn newer_schema(location: &str, found: i64) -> Error {
    Error::NewerSchema {
        path: location.to_owned(),
        found,
        known: MIGRATIONS.len() as i64,
    }
}

/// Applies the migrations the database lacks, each in its own transaction with the
/// version bump, so a crash leaves the schema at one version or the next.
fn migrate(client: &mut Client, location: &str) -> Result<()> {
    client.batch_execute("CREATE TABLE IF NOT EXISTS warta_schema (version integer NOT NULL)")?;
    let version = schema_version(client)?;
    if version > MIGRATIONS.len() as i64 {
        return Err(newer_schema(location, version));
    }
    for (number, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let mut tx = client.transaction()?;
        tx.batch_execute(sql)?;
        tx.execute("DELETE FROM warta_schema", &[])?;
        tx.execute(
            "INSERT INTO warta_schema (version) VALUES ($1)",
            &[&(number as i32 + 1)],
        )?;
        tx.commit()?;
    }
    Ok(())
}

/// Who holds a source key during a batch.
#[derive(Debug, Clone, Copy)]
enum Held {
    /// A stored document (its row).
    Stored(i64),
    /// The document this batch writes at this place of its list to write.
    Written(usize),
}

/// A document to write and the row ids reserved for it and its rows.
struct Planned<'a> {
    key: &'a DocumentKey,
    analysis: &'a Analysis,
    rowid: i64,
    /// The row of each of the analysis's entities, and whether it is the first with its
    /// id (a repeated entity id shares the first one's row and writes none of its own).
    entity_rows: Vec<(i64, bool)>,
    first_quote: i64,
    first_event: i64,
    /// The stored row this document replaces, deleted just before it is written.
    replaces: Option<i64>,
}

impl Store for PgStore {
    fn needs_write(&self, keys: &[DocumentKey]) -> Result<Vec<bool>> {
        let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
        let stored: std::collections::HashSet<String> = self
            .client
            .borrow_mut()
            .query("SELECT id FROM documents WHERE id = ANY($1)", &[&ids])?
            .iter()
            .map(|row| row.get(0))
            .collect();
        Ok(keys.iter().map(|k| !stored.contains(&k.id)).collect())
    }

    fn write_batch(&mut self, documents: &[(DocumentKey, Analysis)]) -> Result<Vec<Outcome>> {
        if !self.writable {
            return Err(Error::ReadOnly);
        }
        let client = self.client.get_mut();
        let mut tx = client.transaction()?;
        let source_keys: Vec<&str> = documents
            .iter()
            .map(|(k, _)| k.source_key.as_str())
            .collect();
        // What each source key holds now: the stored version, then each one this batch
        // writes (a source twice in one batch: the second replaces the first).
        let mut held: HashMap<String, (Held, String)> = tx
            .query(
                "SELECT rowid, id, source_key FROM documents WHERE source_key = ANY($1)",
                &[&source_keys],
            )?
            .iter()
            .map(|row| (row.get(2), (Held::Stored(row.get(0)), row.get(1))))
            .collect();
        let mut outcomes = Vec::with_capacity(documents.len());
        // Each document to write, with what it replaces.
        let mut to_write: Vec<(usize, Option<Held>)> = Vec::new();
        for (at, (key, _)) in documents.iter().enumerate() {
            let replaced = match held.get(&key.source_key) {
                Some((_, id)) if *id == key.id => {
                    outcomes.push(Outcome::Unchanged);
                    continue;
                }
                other => other.map(|(held, _)| *held),
            };
            outcomes.push(if replaced.is_some() {
                Outcome::Replaced
            } else {
                Outcome::New
            });
            held.insert(
                key.source_key.clone(),
                (Held::Written(to_write.len()), key.id.clone()),
            );
            to_write.push((at, replaced));
        }
        if to_write.is_empty() {
            tx.commit()?;
            return Ok(outcomes);
        }
        let planned = plan(&mut tx, documents, &to_write)?;
        // Runs of documents written together; a run ends before a document that
        // replaces one, whose deletion must come first, as writing them one by one
        // would order it.
        let mut start = 0;
        while start < planned.len() {
            let end = (start + 1..planned.len())
                .find(|&i| planned[i].replaces.is_some())
                .unwrap_or(planned.len());
            if let Some(row) = planned[start].replaces {
                tx.execute("DELETE FROM documents WHERE rowid = $1", &[&row])?;
            }
            let labels = stories::group(&mut tx, &planned[start..end])?;
            insert(&mut tx, &self.words, &planned[start..end], &labels)?;
            start = end;
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// The search words are written with each document: nothing is left to commit.
    fn commit_index(&mut self) -> Result<()> {
        if !self.writable {
            return Err(Error::ReadOnly);
        }
        Ok(())
    }

    /// Every statement reads the last commit: there is nothing to move.
    fn reload(&self) -> Result<()> {
        Ok(())
    }

    fn prepare_for_searches(&self) -> Result<()> {
        self.words.kb();
        Ok(())
    }

    fn stats(&self) -> Result<Stats> {
        let row = self.client.borrow_mut().query_one(
            "SELECT (SELECT count(*) FROM documents),
                    (SELECT count(DISTINCT entity_id) FROM entities),
                    (SELECT count(*) FROM quotes),
                    (SELECT count(*) FROM events),
                    (SELECT count(DISTINCT story) FROM document_stories),
                    (SELECT count(DISTINCT story_event) FROM events)",
            &[],
        )?;
        let count = |i: usize| row.get::<_, i64>(i) as u64;
        Ok(Stats {
            documents: count(0),
            entities: count(1),
            quotes: count(2),
            events: count(3),
            stories: count(4),
            story_events: count(5),
            // Every stored document's words are in its row.
            indexed: count(0),
        })
    }

    fn search(&self, query: &SearchQuery) -> Result<Vec<Hit>> {
        Ok(self.ranked(query, 0)?.hits)
    }

    fn rows(
        &self,
        table: Table,
        filter: &Filter,
        each: &mut dyn FnMut(&[Value]) -> Result<()>,
    ) -> Result<()> {
        let (sql, names) = tables::positional(tables::sql(table));
        let parameters = names
            .iter()
            .map(|name| tables::parameter(name, filter, None))
            .collect::<Result<Vec<_>>>()?;
        let width = table.columns().len();
        let mut client = self.client.borrow_mut();
        // Rows arrive as the server sends them: an export runs in flat memory.
        let mut rows = client.query_raw(&sql, parameters.iter().map(|p| p.as_ref()))?;
        let mut cells = Vec::with_capacity(width);
        while let Some(row) = rows.next()? {
            cells.clear();
            for i in 0..width {
                cells.push(tables::cell(&row, i)?);
            }
            each(&cells)?;
        }
        Ok(())
    }

    fn count(&self, query: &SearchQuery) -> Result<u64> {
        self.count_matches(query)
    }

    fn facets(&self, query: &SearchQuery) -> Result<Facets> {
        let ranked = self.ranked(
            &SearchQuery {
                limit: 0,
                offset: 0,
                ..query.clone()
            },
            crate::FACET_HITS,
        )?;
        self.facets_of(&ranked.best)
    }

    fn search_page(&self, query: &SearchQuery) -> Result<SearchPage> {
        let ranked = self.ranked(query, crate::FACET_HITS)?;
        Ok(SearchPage {
            facets: self.facets_of(&ranked.best)?,
            hits: ranked.hits,
            total: ranked.total,
        })
    }

    fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let row = self.client.borrow_mut().query_opt(
            "SELECT d.analysis, s.story FROM documents d
             LEFT JOIN document_stories s ON s.document = d.rowid WHERE d.id = $1",
            &[&id],
        )?;
        row.map(|row| {
            Ok(StoredDocument {
                id: id.to_owned(),
                story: row.get(1),
                analysis: serde_json::from_str(row.get(0))?,
            })
        })
        .transpose()
    }

    fn page(
        &self,
        table: Table,
        filter: &Filter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Vec<Value>>> {
        // Every table's SQL ends with its ORDER BY: the page cuts that order.
        let (sql, names) = tables::positional(&format!(
            "{} LIMIT :limit OFFSET :offset",
            tables::sql(table)
        ));
        let parameters = names
            .iter()
            .map(|name| tables::parameter(name, filter, Some((offset, limit))))
            .collect::<Result<Vec<_>>>()?;
        let references: Vec<&(dyn ToSql + Sync)> = parameters.iter().map(|p| p.as_ref()).collect();
        let width = table.columns().len();
        self.client
            .borrow_mut()
            .query(&sql, &references)?
            .iter()
            .map(|row| (0..width).map(|i| tables::cell(row, i)).collect())
            .collect()
    }

    fn entity(&self, name: &str) -> Result<Option<EntityProfile>> {
        crate::read::entity_profile(self, self.words.kb(), name)
    }

    fn timeline(&self, filter: &Filter) -> Result<Vec<TimelineEntry>> {
        crate::read::timeline(self, filter)
    }
}

/// Reserves the row ids of the documents to write and of their entities, quotes and
/// events, in input order, from the tables' sequences in one round trip.
fn plan<'a>(
    tx: &mut postgres::Transaction<'_>,
    documents: &'a [(DocumentKey, Analysis)],
    to_write: &[(usize, Option<Held>)],
) -> Result<Vec<Planned<'a>>> {
    let mut entity_rows: Vec<Vec<(usize, bool)>> = Vec::with_capacity(to_write.len());
    let (mut entities, mut quotes, mut events) = (0i64, 0i64, 0i64);
    for (at, _) in to_write {
        let analysis = &documents[*at].1;
        // Entity ids are unique per document: a repeated one is merged into the first.
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let rows = analysis
            .entities
            .iter()
            .map(|entity| match seen.get(entity.id.as_str()) {
                Some(first) => (*first, false),
                None => {
                    let offset = seen.len();
                    seen.insert(&entity.id, offset);
                    (offset, true)
                }
            })
            .collect();
        entity_rows.push(rows);
        entities += seen.len() as i64;
        quotes += analysis.quotes.len() as i64;
        events += analysis.events.len() as i64;
    }
    // The last id of a block of `n` from a sequence; the block is (last - n, last].
    let row = tx.query_one(
        "SELECT setval('documents_rowid_seq', nextval('documents_rowid_seq') + $1::bigint - 1),
                CASE WHEN $2::bigint > 0 THEN
                    setval('entities_rowid_seq', nextval('entities_rowid_seq') + $2::bigint - 1) END,
                CASE WHEN $3::bigint > 0 THEN
                    setval('quotes_rowid_seq', nextval('quotes_rowid_seq') + $3::bigint - 1) END,
                CASE WHEN $4::bigint > 0 THEN
                    setval('events_rowid_seq', nextval('events_rowid_seq') + $4::bigint - 1) END",
        &[&(to_write.len() as i64), &entities, &quotes, &events],
    )?;
    let first = |i: usize, n: i64| -> i64 { row.get::<_, Option<i64>>(i).unwrap_or(0) - n + 1 };
    let (mut document, mut entity, mut quote, mut event) = (
        first(0, to_write.len() as i64),
        first(1, entities),
        first(2, quotes),
        first(3, events),
    );
    let mut planned: Vec<Planned<'a>> = Vec::with_capacity(to_write.len());
    for ((at, replaced), rows) in to_write.iter().zip(entity_rows) {
        let (key, analysis) = &documents[*at];
        let distinct = rows.iter().filter(|(_, first)| *first).count() as i64;
        let replaces = replaced.map(|held| match held {
            Held::Stored(row) => row,
            Held::Written(earlier) => planned[earlier].rowid,
        });
        planned.push(Planned {
            key,
            analysis,
            rowid: document,
            entity_rows: rows
                .into_iter()
                .map(|(offset, first)| (entity + offset as i64, first))
                .collect(),
            first_quote: quote,
            first_event: event,
            replaces,
        });
        document += 1;
        entity += distinct;
        quote += analysis.quotes.len() as i64;
        event += analysis.events.len() as i64;
    }
    Ok(planned)
}

/// Writes a run of documents and every row read from them: the documents in one
/// statement, each other table in one binary COPY.
fn insert(
    tx: &mut postgres::Transaction<'_>,
    words: &QueryWords,
    run: &[Planned<'_>],
    labels: &stories::Labels,
) -> Result<()> {
    let mut columns: [Vec<Option<String>>; 10] = Default::default();
    let mut rowids = Vec::with_capacity(run.len());
    let mut days: Vec<Option<i32>> = Vec::with_capacity(run.len());
    for p in run {
        let a = p.analysis;
        rowids.push(p.rowid);
        days.push(
            a.published
                .as_deref()
                .and_then(day_number)
                .map(|n| n as i32),
        );
        for (column, value) in columns.iter_mut().zip([
            Some(p.key.id.clone()),
            Some(p.key.source_key.clone()),
            Some(a.source.clone()),
            a.url.clone(),
            a.outlet.clone(),
            a.title.clone(),
            a.published.clone(),
            Some(a.text.clone()),
            Some(serde_json::to_string(a)?),
            Some(search::document_words(words, a)),
        ]) {
            column.push(value);
        }
    }
    let [
        id,
        source_key,
        source,
        url,
        outlet,
        title,
        published,
        text,
        analysis,
        tsv,
    ] = &columns;
    tx.execute(
        "INSERT INTO documents (rowid, id, source_key, source, url, outlet, title, published,
             published_day, text, analysis, words)
         SELECT r, i, k, s, u, o, t, p, d, x, a, w::tsvector FROM unnest($1::bigint[],
             $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
             $8::text[], $9::integer[], $10::text[], $11::text[], $12::text[])
             AS v (r, i, k, s, u, o, t, p, d, x, a, w)",
        &[
            &rowids, id, source_key, source, url, outlet, title, published, &days, text, analysis,
            tsv,
        ],
    )?;

    const T: Type = Type::TEXT;
    const I4: Type = Type::INT4;
    const I8: Type = Type::INT8;
    const F8: Type = Type::FLOAT8;

    copy(
        tx,
        "entities (rowid, document, entity_id, name, type, kind, country, aliases, lat, lon)",
        &[I8, I8, T, T, T, T, T, T, F8, F8],
        &mut |w| {
            for p in run {
                for (entity, (row, first)) in p.analysis.entities.iter().zip(&p.entity_rows) {
                    if !first {
                        continue;
                    }
                    w.write(&[
                        row,
                        &p.rowid,
                        &entity.id,
                        &entity.name,
                        &label(&entity.entity_type)?,
                        &entity.kind,
                        &entity.country,
                        &serde_json::to_string(&entity.aliases)?,
                        &entity.coordinates.map(|c| c.lat),
                        &entity.coordinates.map(|c| c.lon),
                    ])?;
                }
            }
            Ok(())
        },
    )?;
    copy(
        tx,
        "mentions (entity, start, \"end\", text, how)",
        &[I8, I4, I4, T, T],
        &mut |w| {
            for p in run {
                for (entity, (row, _)) in p.analysis.entities.iter().zip(&p.entity_rows) {
                    for mention in &entity.mentions {
                        w.write(&[
                            row,
                            &(mention.span.start as i32),
                            &(mention.span.end as i32),
                            &mention.text,
                            &label(&mention.how)?,
                        ])?;
                    }
                }
            }
            Ok(())
        },
    )?;
    copy(
        tx,
        "quotes (rowid, document, kind, text, start, \"end\", speaker_id, speaker_name,
             speaker_description, speaker_country, speaker_how, cue, cue_lemma, act, channel)",
        &[I8, I8, T, T, I4, I4, T, T, T, T, T, T, T, T, T],
        &mut |w| {
            for p in run {
                for (n, quote) in p.analysis.quotes.iter().enumerate() {
                    let speaker = quote.speaker.as_ref();
                    w.write(&[
                        &(p.first_quote + n as i64),
                        &p.rowid,
                        &label(&quote.kind)?,
                        &quote.text,
                        &(quote.span.start as i32),
                        &(quote.span.end as i32),
                        &speaker.and_then(|s| s.id.as_deref()),
                        &speaker.and_then(|s| s.name.as_deref()),
                        &speaker.and_then(|s| s.description.as_deref()),
                        &speaker.and_then(|s| s.country.as_deref()),
                        &speaker.map(|s| label(&s.how)).transpose()?,
                        &quote.cue.as_ref().map(|c| c.word.as_str()),
                        &quote.cue.as_ref().map(|c| c.lemma.as_str()),
                        &quote.act.as_ref().map(label).transpose()?,
                        &quote.channel,
                    ])?;
                }
            }
            Ok(())
        },
    )?;
    copy(
        tx,
        "quote_sources (quote, position, name, role, evidence)",
        &[I8, I4, T, T, T],
        &mut |w| {
            for p in run {
                for (n, quote) in p.analysis.quotes.iter().enumerate() {
                    for (position, link) in quote.via.iter().enumerate() {
                        w.write(&[
                            &(p.first_quote + n as i64),
                            &(position as i32),
                            &link.name,
                            &label(&link.role)?,
                            &link.evidence,
                        ])?;
                    }
                }
            }
            Ok(())
        },
    )?;
    copy(
        tx,
        "credits (document, name, how, evidence, start, \"end\")",
        &[I8, T, T, T, I4, I4],
        &mut |w| {
            for p in run {
                for credit in &p.analysis.credits {
                    w.write(&[
                        &p.rowid,
                        &credit.name,
                        &credit.how,
                        &credit.evidence,
                        &credit.span.map(|s| s.start as i32),
                        &credit.span.map(|s| s.end as i32),
                    ])?;
                }
            }
            Ok(())
        },
    )?;
    copy(
        tx,
        "events (rowid, document, type, mode, negated, modality, actor_id, actor_name,
             actor_country, recipient_id, recipient_name, recipient_country, location_id,
             location_name, lat, lon, date, date_precision, date_basis, claimed_by_id,
             claimed_by_name, trigger, trigger_lemma, evidence_start, evidence_end, confidence,
             story_event)",
        &[
            I8, I8, T, T, I4, T, T, T, T, T, T, T, T, T, F8, F8, T, T, T, T, T, T, T, I4, I4, F8,
            I8,
        ],
        &mut |w| {
            let party = |actor: &Option<Actor>| {
                let actor = actor.as_ref();
                (
                    actor.and_then(|a| a.id.clone()),
                    actor.map(|a| a.name.clone()),
                    actor.and_then(|a| a.country.clone()),
                )
            };
            for p in run {
                for (n, event) in p.analysis.events.iter().enumerate() {
                    let row = p.first_event + n as i64;
                    let (actor_id, actor_name, actor_country) = party(&event.actor);
                    let (recipient_id, recipient_name, recipient_country) = party(&event.recipient);
                    let (claimant_id, claimant_name, _) = party(&event.claimed_by);
                    let place = event.location.as_ref();
                    w.write(&[
                        &row,
                        &p.rowid,
                        &event.event_type,
                        &event.mode,
                        &i32::from(event.negated),
                        &label(&event.modality)?,
                        &actor_id,
                        &actor_name,
                        &actor_country,
                        &recipient_id,
                        &recipient_name,
                        &recipient_country,
                        &place.and_then(|p| p.id.as_deref()),
                        &place.map(|p| p.name.as_str()),
                        &place.and_then(|p| p.lat),
                        &place.and_then(|p| p.lon),
                        &event.date,
                        &event.date_precision,
                        &event.date_basis,
                        &claimant_id,
                        &claimant_name,
                        &event.trigger.word,
                        &event.trigger.lemma,
                        &(event.evidence.start as i32),
                        &(event.evidence.end as i32),
                        &f64::from(event.confidence),
                        &labels.story_events[&row],
                    ])?;
                }
            }
            Ok(())
        },
    )?;
    copy(
        tx,
        "quantities (document, event, value, max, unit, approx, bound, text, start, \"end\")",
        &[I8, I8, F8, F8, T, I4, T, T, I4, I4],
        &mut |w| {
            for p in run {
                let of_events = p.analysis.events.iter().enumerate().flat_map(|(n, e)| {
                    e.quantities
                        .iter()
                        .map(move |q| (Some(p.first_event + n as i64), q))
                });
                let own = p.analysis.quantities.iter().map(|q| (None, q));
                for (event, quantity) in of_events.chain(own) {
                    w.write(&[
                        &p.rowid,
                        &event,
                        &quantity.value,
                        &quantity.max,
                        &quantity.unit,
                        &i32::from(quantity.approx),
                        &quantity.bound.as_ref().map(label).transpose()?,
                        &quantity.text,
                        &(quantity.span.start as i32),
                        &(quantity.span.end as i32),
                    ])?;
                }
            }
            Ok(())
        },
    )?;
    copy(
        tx,
        "document_stories (document, story, minhash)",
        &[I8, I8, Type::BYTEA],
        &mut |w| {
            for p in run {
                let (story, minhash) = &labels.stories[&p.rowid];
                w.write(&[&p.rowid, story, minhash])?;
            }
            Ok(())
        },
    )?;
    copy(tx, "story_bands (key, document)", &[I8, I8], &mut |w| {
        for (key, document) in &labels.bands {
            w.write(&[key, document])?;
        }
        Ok(())
    })
}

/// One binary COPY into `target` (a table and its columns) of what `rows` writes.
fn copy(
    tx: &mut postgres::Transaction<'_>,
    target: &str,
    types: &[Type],
    rows: &mut dyn FnMut(&mut BinaryCopyInWriter<'_>) -> Result<()>,
) -> Result<()> {
    let sink = tx.copy_in(&format!("COPY {target} FROM STDIN BINARY"))?;
    let mut writer = BinaryCopyInWriter::new(sink, types);
    rows(&mut writer)?;
    writer.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scratch_database_keeps_the_server_and_its_options() {
        assert_eq!(
            testing::with_database("postgres://w@127.0.0.1:5432/postgres?sslmode=disable", "t"),
            "postgres://w@127.0.0.1:5432/t?sslmode=disable"
        );
        assert_eq!(
            testing::with_database("postgres://w@localhost", "t"),
            "postgres://w@localhost/t"
        );
    }
}
