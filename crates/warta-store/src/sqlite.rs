//! The embedded store: one folder with an SQLite database (the source of truth) and a
//! tantivy index derived from it.

use std::path::Path;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};
use warta_core::Analysis;
use warta_core::analysis::{Actor, Quantity};

use crate::index::{Commits, FullText};
use crate::stories;
use crate::{
    DocumentKey, EntityProfile, Error, Facets, Filter, Hit, Outcome, Result, SearchPage,
    SearchQuery, Stats, Store, StoredDocument, Table, TimelineEntry, Value, label,
};

/// The database file inside the store folder.
const DATABASE: &str = "warta.sqlite3";

/// The full-text index folder inside the store folder.
const INDEX: &str = "index";

/// Schema migrations, in order: migration `i` brings `PRAGMA user_version` from `i` to
/// `i + 1`. Append only; never edit one that has shipped.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_stories.sql"),
    include_str!("../migrations/0003_date_basis.sql"),
];

/// Documents the index may hold uncommitted before a catch-up commits them: bounds the
/// work a crash can make the next run redo.
const CATCH_UP_COMMIT: usize = 10_000;

/// [`Store`] in a local folder: SQLite in WAL mode for the documents and everything read
/// from them, tantivy for full-text search.
///
/// SQLite is the source of truth. Each batch is one SQLite transaction; the index follows
/// after, and a document is flagged `indexed` only once the index has committed it. A
/// writer opening the store first brings the index up to date with the database (and
/// rebuilds it if the two disagree), so a crash at any moment loses no document and
/// indexes none twice.
pub struct SqliteStore {
    pub(crate) db: Connection,
    pub(crate) index: FullText,
    writable: bool,
    /// Rows given to the index since its last commit.
    queued_rows: Vec<i64>,
    /// Replaced document ids whose removal the index has queued since its last commit.
    queued_deletions: Vec<String>,
}

impl SqliteStore {
    /// Opens the store in `dir` for writing, creating it when absent, migrating an older
    /// schema, and indexing what a crashed run left unindexed. One writer at a time: a
    /// second one fails on the index lock.
    pub fn create(dir: impl AsRef<Path>) -> Result<SqliteStore> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)?;
        let mut db = Connection::open(dir.join(DATABASE))?;
        configure(&db)?;
        migrate(&mut db, dir)?;
        // Documents stored before stories existed (or by a writer killed between the two
        // steps of an upgrade) are grouped now, oldest first, as ingest would have.
        stories::group_ungrouped(&mut db, CATCH_UP_COMMIT)?;
        let index = FullText::open(&dir.join(INDEX), true)?;
        let mut store = SqliteStore {
            db,
            index,
            writable: true,
            queued_rows: Vec::new(),
            queued_deletions: Vec::new(),
        };
        store.catch_up()?;
        Ok(store)
    }

    /// Opens an existing store for reading (`warta stats`, `warta search`); runs beside a
    /// writer and sees what it committed.
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<SqliteStore> {
        let dir = dir.as_ref();
        let path = dir.join(DATABASE);
        if !path.is_file() {
            return Err(Error::Missing(dir.display().to_string()));
        }
        let db = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        db.busy_timeout(std::time::Duration::from_secs(5))?;
        // A reader maps the database instead of copying each page it reads into its own
        // cache: a search's facets read a few thousand pages all over the file, and the
        // copies (`pread`) were a fifth of the server's CPU under load (perf). A writer
        // beside it is safe: WAL pages are still read from the log.
        db.pragma_update(None, "mmap_size", READER_MMAP)?;
        let version = schema_version(&db)?;
        if version != MIGRATIONS.len() as i64 {
            return Err(if version > MIGRATIONS.len() as i64 {
                newer_schema(dir, version)
            } else {
                Error::Missing(dir.display().to_string())
            });
        }
        let index = FullText::open(&dir.join(INDEX), false)?;
        Ok(SqliteStore {
            db,
            index,
            writable: false,
            queued_rows: Vec::new(),
            queued_deletions: Vec::new(),
        })
    }

    /// What tells a reader of the store in `dir` that a writer committed since it opened
    /// ([`Store::reload`] then shows the new documents).
    pub fn commits(dir: impl AsRef<Path>) -> Result<Commits> {
        Commits::open(&dir.as_ref().join(INDEX))
    }

    /// Rebuilds the full-text index from the database alone.
    pub fn rebuild_index(&mut self) -> Result<()> {
        if !self.writable {
            return Err(Error::ReadOnly);
        }
        self.index.delete_all()?;
        self.db.execute("UPDATE documents SET indexed = 0", [])?;
        // Replaced documents are gone from the emptied index already.
        self.db.execute("DELETE FROM index_deletions", [])?;
        self.index_unindexed()
    }

    /// Brings the index up to what the database holds: removals a crash left pending,
    /// documents not flagged as indexed; then a rebuild if the counts still disagree
    /// (an index restored from elsewhere, a database rolled back by a power loss).
    fn catch_up(&mut self) -> Result<()> {
        let deletions: Vec<String> = self
            .db
            .prepare("SELECT id FROM index_deletions")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in &deletions {
            self.index.delete(id)?;
        }
        self.queued_deletions = deletions;
        self.index_unindexed()?;
        let documents: i64 = self
            .db
            .query_row("SELECT count(*) FROM documents", [], |row| row.get(0))?;
        if self.index.count() != documents as u64 {
            self.rebuild_index()?;
        }
        Ok(())
    }

    /// Indexes every document not flagged as indexed, committing as it goes.
    fn index_unindexed(&mut self) -> Result<()> {
        loop {
            let rows: Vec<(i64, String, String)> = self
                .db
                .prepare("SELECT rowid, id, analysis FROM documents WHERE indexed = 0 LIMIT ?")?
                .query_map([CATCH_UP_COMMIT as i64], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            if rows.is_empty() {
                return self.commit_index();
            }
            for (row, id, analysis) in rows {
                let analysis: Analysis = serde_json::from_str(&analysis)?;
                self.index.put(&id, &analysis)?;
                self.queued_rows.push(row);
            }
            self.commit_index()?;
        }
    }
}

/// How much of the database a reader maps (SQLite maps no more than the file's size).
const READER_MMAP: i64 = 4 << 30;

fn configure(db: &Connection) -> Result<()> {
    db.busy_timeout(std::time::Duration::from_secs(5))?;
    // WAL: readers (`warta search`) run beside the writer; NORMAL: a committed batch
    // survives a killed process, and only a power loss can take back the last ones,
    // which the index catch-up detects.
    db.pragma_update(None, "journal_mode", "WAL")?;
    db.pragma_update(None, "synchronous", "NORMAL")?;
    db.pragma_update(None, "foreign_keys", "ON")?;
    // Story grouping looks up bands, signatures and events all over the database for each
    // document: a 64 MiB page cache (SQLite's default is 2 MiB) keeps those pages in the
    // process instead of re-reading them from the OS on every lookup.
    db.pragma_update(None, "cache_size", -65_536)?;
    // The bundled SQLite (STAT4) re-plans a statement whenever a parameter the planner
    // looked at is bound again, which the story-event lookup did on every execution: 40 %
    // of the writer's instructions (callgrind). The writer's plans do not depend on the
    // values, so it asks for one plan per statement.
    db.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    // Each batch rewrites thousands of index pages (document ids, LSH bands and event
    // keys are spread over the whole key space); checkpointing every 32 MiB of WAL instead
    // of SQLite's 4 MiB copies a page touched by several batches into the database once.
    db.pragma_update(None, "wal_autocheckpoint", 8192)?;
    Ok(())
}

fn schema_version(db: &Connection) -> Result<i64> {
    Ok(db.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

fn newer_schema(dir: &Path, found: i64) -> Error {
    Error::NewerSchema {
        path: dir.display().to_string(),
        found,
        known: MIGRATIONS.len() as i64,
    }
}

/// Applies the migrations the database lacks, each in its own transaction with the
/// version bump, so a crash leaves the schema at one version or the next.
fn migrate(db: &mut Connection, dir: &Path) -> Result<()> {
    let version = schema_version(db)?;
    if version > MIGRATIONS.len() as i64 {
        return Err(newer_schema(dir, version));
    }
    for (number, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = db.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", number as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

impl Store for SqliteStore {
    fn needs_write(&self, keys: &[DocumentKey]) -> Result<Vec<bool>> {
        let mut stored = self
            .db
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?")?;
        keys.iter()
            .map(|key| Ok(!stored.exists([&key.id])?))
            .collect()
    }

    fn write_batch(&mut self, documents: &[(DocumentKey, Analysis)]) -> Result<Vec<Outcome>> {
        if !self.writable {
            return Err(Error::ReadOnly);
        }
        let tx = self.db.transaction()?;
        let mut written = Vec::with_capacity(documents.len());
        let mut outcomes = Vec::with_capacity(documents.len());
        for (key, analysis) in documents {
            let stored: Option<(i64, String)> = tx
                .prepare_cached("SELECT rowid, id FROM documents WHERE source_key = ?")?
                .query_row([&key.source_key], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            let replaced = match stored {
                Some((_, id)) if id == key.id => {
                    outcomes.push(Outcome::Unchanged);
                    continue;
                }
                Some((row, id)) => {
                    tx.execute("DELETE FROM documents WHERE rowid = ?", [row])?;
                    tx.execute(
                        "INSERT OR IGNORE INTO index_deletions (id) VALUES (?)",
                        [&id],
                    )?;
                    Some(id)
                }
                None => None,
            };
            outcomes.push(if replaced.is_some() {
                Outcome::Replaced
            } else {
                Outcome::New
            });
            let row = insert_document(&tx, key, analysis)?;
            stories::group(&tx, row, &analysis.text)?;
            written.push((row, replaced, key, analysis));
        }
        tx.commit()?;
        // The database has them: now the index, in the same order, so that a version
        // replaced within this batch is removed after it was added.
        for (row, replaced, key, analysis) in written {
            if let Some(old) = replaced {
                self.index.delete(&old)?;
                self.queued_deletions.push(old);
            }
            self.index.put(&key.id, analysis)?;
            self.queued_rows.push(row);
        }
        Ok(outcomes)
    }

    fn commit_index(&mut self) -> Result<()> {
        if !self.writable {
            return Err(Error::ReadOnly);
        }
        self.index.commit()?;
        let tx = self.db.transaction()?;
        {
            let mut flag = tx.prepare_cached("UPDATE documents SET indexed = 1 WHERE rowid = ?")?;
            for row in &self.queued_rows {
                flag.execute([row])?;
            }
            let mut done = tx.prepare_cached("DELETE FROM index_deletions WHERE id = ?")?;
            for id in &self.queued_deletions {
                done.execute([id])?;
            }
        }
        tx.commit()?;
        self.queued_rows.clear();
        self.queued_deletions.clear();
        Ok(())
    }

    fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> {
            let n: i64 = self.db.query_row(sql, [], |row| row.get(0))?;
            Ok(n as u64)
        };
        Ok(Stats {
            documents: count("SELECT count(*) FROM documents")?,
            entities: count("SELECT count(DISTINCT entity_id) FROM entities")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            events: count("SELECT count(*) FROM events")?,
            stories: count("SELECT count(DISTINCT story) FROM document_stories")?,
            story_events: count("SELECT count(DISTINCT story_event) FROM events")?,
            indexed: self.index.count(),
        })
    }

    fn rows(
        &self,
        table: Table,
        filter: &Filter,
        each: &mut dyn FnMut(&[Value]) -> Result<()>,
    ) -> Result<()> {
        let mut statement = self.db.prepare_cached(table.sql())?;
        bind_filter(&mut statement, filter)?;
        let width = table.columns().len();
        let mut rows = statement.raw_query();
        let mut cells = Vec::with_capacity(width);
        while let Some(row) = rows.next()? {
            cells.clear();
            for i in 0..width {
                cells.push(Value::from(row.get::<_, rusqlite::types::Value>(i)?));
            }
            each(&cells)?;
        }
        Ok(())
    }

    fn reload(&self) -> Result<()> {
        self.index.reload()
    }

    fn prepare_for_searches(&self) -> Result<()> {
        self.index.kb();
        Ok(())
    }

    fn search(&self, query: &SearchQuery) -> Result<Vec<Hit>> {
        let (ids, snippets) = self.index.search(query)?;
        self.hits(ids, &snippets)
    }

    // The read questions live in read.rs.

    fn count(&self, query: &SearchQuery) -> Result<u64> {
        self.count_matches(query)
    }

    fn facets(&self, query: &SearchQuery) -> Result<Facets> {
        self.search_facets(query)
    }

    fn search_page(&self, query: &SearchQuery) -> Result<SearchPage> {
        self.answer_search(query)
    }

    fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        self.stored_document(id)
    }

    fn page(
        &self,
        table: Table,
        filter: &Filter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Vec<Value>>> {
        self.table_page(table, filter, offset, limit)
    }

    fn entity(&self, name: &str) -> Result<Option<EntityProfile>> {
        crate::read::entity_profile(self, self.index.kb(), name)
    }

    fn timeline(&self, filter: &Filter) -> Result<Vec<TimelineEntry>> {
        crate::read::timeline(self, filter)
    }
}

/// Binds the filter's fields to the named parameters the table's SQL uses.
pub(crate) fn bind_filter(statement: &mut rusqlite::Statement<'_>, filter: &Filter) -> Result<()> {
    let text = |value: &Option<String>| -> rusqlite::types::Value {
        value
            .clone()
            .map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Text)
    };
    let number = |value: Option<i64>| -> rusqlite::types::Value {
        value.map_or(
            rusqlite::types::Value::Null,
            rusqlite::types::Value::Integer,
        )
    };
    for (name, value) in [
        (":speaker", text(&filter.speaker)),
        (":event_type", text(&filter.event_type)),
        (":since", text(&filter.since)),
        (":until", text(&filter.until)),
        (":entity", text(&filter.entity)),
        (":place", text(&filter.place)),
        (":story", number(filter.story)),
        (":story_event", number(filter.story_event)),
    ] {
        if let Some(index) = statement.parameter_index(name)? {
            statement.raw_bind_parameter(index, value)?;
        }
    }
    Ok(())
}

/// Inserts one document and every row read from it; returns its rowid.
fn insert_document(tx: &Transaction<'_>, key: &DocumentKey, analysis: &Analysis) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO documents (id, source_key, source, url, outlet, title, published, text, analysis)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        key.id,
        key.source_key,
        analysis.source,
        analysis.url,
        analysis.outlet,
        analysis.title,
        analysis.published,
        analysis.text,
        serde_json::to_string(analysis)?,
    ])?;
    let document = tx.last_insert_rowid();

    let mut entity_row = tx.prepare_cached(
        "INSERT INTO entities (document, entity_id, name, type, kind, country, aliases, lat, lon)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (document, entity_id) DO UPDATE SET name = name RETURNING rowid",
    )?;
    let mut mention_row = tx.prepare_cached(
        "INSERT INTO mentions (entity, start, \"end\", text, how) VALUES (?, ?, ?, ?, ?)",
    )?;
    for entity in &analysis.entities {
        let entity_row: i64 = entity_row.query_row(
            params![
                document,
                entity.id,
                entity.name,
                label(&entity.entity_type)?,
                entity.kind,
                entity.country,
                serde_json::to_string(&entity.aliases)?,
                entity.coordinates.map(|c| c.lat),
                entity.coordinates.map(|c| c.lon),
            ],
            |row| row.get(0),
        )?;
        for mention in &entity.mentions {
            mention_row.execute(params![
                entity_row,
                mention.span.start as i64,
                mention.span.end as i64,
                mention.text,
                label(&mention.how)?,
            ])?;
        }
    }

    let mut quote_row = tx.prepare_cached(
        "INSERT INTO quotes (document, kind, text, start, \"end\", speaker_id, speaker_name,
             speaker_description, speaker_country, speaker_how, cue, cue_lemma, act, channel)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?;
    let mut source_row = tx.prepare_cached(
        "INSERT INTO quote_sources (quote, position, name, role, evidence) VALUES (?, ?, ?, ?, ?)",
    )?;
    for quote in &analysis.quotes {
        let speaker = quote.speaker.as_ref();
        quote_row.execute(params![
            document,
            label(&quote.kind)?,
            quote.text,
            quote.span.start as i64,
            quote.span.end as i64,
            speaker.and_then(|s| s.id.as_deref()),
            speaker.and_then(|s| s.name.as_deref()),
            speaker.and_then(|s| s.description.as_deref()),
            speaker.and_then(|s| s.country.as_deref()),
            speaker.map(|s| label(&s.how)).transpose()?,
            quote.cue.as_ref().map(|c| &c.word),
            quote.cue.as_ref().map(|c| &c.lemma),
            quote.act.as_ref().map(label).transpose()?,
            quote.channel,
        ])?;
        let quote_id = tx.last_insert_rowid();
        for (position, link) in quote.via.iter().enumerate() {
            source_row.execute(params![
                quote_id,
                position as i64,
                link.name,
                label(&link.role)?,
                link.evidence,
            ])?;
        }
    }

    let mut credit_row = tx.prepare_cached(
        "INSERT INTO credits (document, name, how, evidence, start, \"end\") VALUES (?, ?, ?, ?, ?, ?)",
    )?;
    for credit in &analysis.credits {
        credit_row.execute(params![
            document,
            credit.name,
            credit.how,
            credit.evidence,
            credit.span.map(|s| s.start as i64),
            credit.span.map(|s| s.end as i64),
        ])?;
    }

    let mut event_row = tx.prepare_cached(
        "INSERT INTO events (document, type, mode, negated, modality, actor_id, actor_name,
             actor_country, recipient_id, recipient_name, recipient_country, location_id,
             location_name, lat, lon, date, date_precision, date_basis, claimed_by_id,
             claimed_by_name, trigger, trigger_lemma, evidence_start, evidence_end, confidence)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?;
    let party = |actor: &Option<Actor>| {
        let actor = actor.as_ref();
        (
            actor.and_then(|a| a.id.clone()),
            actor.map(|a| a.name.clone()),
            actor.and_then(|a| a.country.clone()),
        )
    };
    for event in &analysis.events {
        let (actor_id, actor_name, actor_country) = party(&event.actor);
        let (recipient_id, recipient_name, recipient_country) = party(&event.recipient);
        let (claimant_id, claimant_name, _) = party(&event.claimed_by);
        let place = event.location.as_ref();
        event_row.execute(params![
            document,
            event.event_type,
            event.mode,
            event.negated,
            label(&event.modality)?,
            actor_id,
            actor_name,
            actor_country,
            recipient_id,
            recipient_name,
            recipient_country,
            place.and_then(|p| p.id.as_deref()),
            place.map(|p| &p.name),
            place.and_then(|p| p.lat),
            place.and_then(|p| p.lon),
            event.date,
            event.date_precision,
            event.date_basis,
            claimant_id,
            claimant_name,
            event.trigger.word,
            event.trigger.lemma,
            event.evidence.start as i64,
            event.evidence.end as i64,
            f64::from(event.confidence),
        ])?;
        let event_id = tx.last_insert_rowid();
        for quantity in &event.quantities {
            insert_quantity(tx, document, Some(event_id), quantity)?;
        }
    }
    for quantity in &analysis.quantities {
        insert_quantity(tx, document, None, quantity)?;
    }
    Ok(document)
}

fn insert_quantity(
    tx: &Transaction<'_>,
    document: i64,
    event: Option<i64>,
    quantity: &Quantity,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO quantities (document, event, value, max, unit, approx, bound, text, start, \"end\")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        document,
        event,
        quantity.value,
        quantity.max,
        quantity.unit,
        quantity.approx,
        quantity.bound.as_ref().map(label).transpose()?,
        quantity.text,
        quantity.span.start as i64,
        quantity.span.end as i64,
    ])?;
    Ok(())
}
