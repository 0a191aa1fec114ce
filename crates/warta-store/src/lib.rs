//! warta-store: persist analyses and query them.
//!
//! [`Store`] is what the CLI (and later the server) talks to; [`SqliteStore`] is the
//! embedded implementation: an SQLite database, the source of truth, and a tantivy index
//! for full-text search that can always be rebuilt from it. A PostgreSQL backend can
//! implement the same trait without touching the analysis or the CLI.
//!
//! Writing is idempotent: a document is keyed by a hash of its normalised content and its
//! source ([`DocumentKey`]), so the same article stored twice is stored once, and a changed
//! article from the same source replaces the earlier version.
//!
//! ```
//! use warta_core::{Analyzer, Article};
//! use warta_store::{DocumentKey, SqliteStore, Store};
//!
//! let dir = std::env::temp_dir().join(format!("warta-store-doc-{}", std::process::id()));
//! let mut store = SqliteStore::create(&dir).unwrap();
//! let article = Article::from_text("a.txt", "Pasukan itu menyerang pos perbatasan pada Senin.\n");
//! let analysis = Analyzer::indonesian().analyze(&article);
//! store.write_batch(&[(DocumentKey::of(&article), analysis)]).unwrap();
//! store.commit_index().unwrap();
//! assert_eq!(store.stats().unwrap().documents, 1);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

mod doc_sets;
mod index;
mod key;
#[cfg(feature = "postgres")]
mod postgres;
mod query;
mod read;
mod snippets;
mod sqlite;
mod stories;
mod words;

pub use index::Commits;
pub use key::DocumentKey;
pub use query::{ColumnType, Filter, Kind, Table, Value};
pub use read::{
    EntityProfile, FACET_HITS, FacetValue, Facets, SearchPage, StoredDocument, TimelineEntry,
    row_object,
};
pub use sqlite::SqliteStore;

#[cfg(feature = "postgres")]
pub use crate::postgres::PgStore;
#[cfg(feature = "postgres")]
#[doc(hidden)]
pub use crate::postgres::testing as postgres_testing;

use serde::Serialize;
use warta_core::Analysis;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("full-text index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("full-text index folder: {0}")]
    IndexFolder(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("stored analysis: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("no store at {0} (run `warta ingest` first)")]
    Missing(String),
    #[error("the store at {path} has schema version {found}; this warta knows up to {known}")]
    NewerSchema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error(
        "the full-text index in {0} was built by an older warta; open the store for writing \
         once (`warta ingest --data DIR EMPTY_FOLDER`) to rebuild it from the database"
    )]
    OlderIndex(String),
    #[error("the store was opened read-only")]
    ReadOnly,
    #[error("search: {0}")]
    Query(String),
    /// What the server said (the driver's own message says only "db error").
    #[cfg(feature = "postgres")]
    #[error("PostgreSQL: {0}")]
    Postgres(String),
    #[cfg(feature = "postgres")]
    #[error("another writer holds the store at {0}")]
    Locked(String),
    #[error(
        "{0} names a PostgreSQL store, and this warta was built without PostgreSQL \
         (build it with the cargo feature `postgres`)"
    )]
    NoPostgres(String),
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(feature = "postgres")]
impl From<::postgres::Error> for Error {
    fn from(error: ::postgres::Error) -> Error {
        Error::Postgres(match error.as_db_error() {
            Some(db) => match db.detail() {
                Some(detail) => format!("{} ({detail})", db.message()),
                None => db.message().to_owned(),
            },
            None => {
                use std::error::Error as _;
                match error.source() {
                    Some(source) => format!("{error}: {source}"),
                    None => error.to_string(),
                }
            }
        })
    }
}

/// What writing one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// No document from this source was stored before.
    New,
    /// The same content from the same source is stored already: nothing changed.
    Unchanged,
    /// A different version from the same source was stored; this one took its place.
    Replaced,
}

/// Counts of one written batch, by outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchCounts {
    pub new: u64,
    pub unchanged: u64,
    pub replaced: u64,
}

impl BatchCounts {
    pub fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::New => self.new += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Replaced => self.replaced += 1,
        }
    }
}

/// What the store holds (`warta stats`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub documents: u64,
    /// Distinct entity ids mentioned by some document.
    pub entities: u64,
    pub quotes: u64,
    pub events: u64,
    /// Stories: documents that are copies of one text (a wire story and its syndicated
    /// republications) count once.
    pub stories: u64,
    /// Real-world events: the event rows of all documents grouped by what they report
    /// (type, sides, day, place), so that an attack told by five outlets counts once.
    pub story_events: u64,
    /// Documents the full-text index holds; equal to `documents` once ingest finished.
    pub indexed: u64,
}

/// A full-text search with its filters (`warta search`). Equal queries ask the same
/// question: `warta serve` keys its answers of recent searches by them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchQuery {
    /// Words, matched by lemma ("serang" finds "menyerang", "serangan", "diserang");
    /// `"quoted words"` must stand together; a name the knowledge base knows also finds
    /// its other names ("Kiev" finds "Kyiv"). Empty: every document the filters keep.
    pub text: String,
    /// Keep documents that mention this entity (a name, an alias or an entity id).
    pub entity: Option<String>,
    /// Keep documents with an event of this PLOVER type (`ASSAULT`).
    pub event_type: Option<String>,
    /// Keep documents published on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Keep documents published on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// Keep documents of this outlet (any case).
    pub outlet: Option<String>,
    /// At most this many hits, best first.
    pub limit: usize,
    /// Skip this many of the best hits first (the pages after the first).
    pub offset: usize,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The document id ([`DocumentKey::id`]).
    pub id: String,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// BM25 relevance; higher is better.
    pub score: f32,
    /// A passage of the clean text around the matched words.
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<[usize; 2]>,
}

/// What the caller will do with an opened store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Write (one writer at a time); the store is created when absent.
    Write,
    /// Read beside a writer; the store must exist.
    Read,
}

/// Opens the store at `location` behind the [`Store`] trait: the one place a backend is
/// chosen, so that callers (the CLI, the server) stay the same whichever it is. A
/// `postgres://` (or `postgresql://`) URL is a PostgreSQL database (`PgStore`, cargo
/// feature `postgres`); anything else is a folder for [`SqliteStore`].
pub fn open(location: &std::path::Path, access: Access) -> Result<Box<dyn Store + Send>> {
    let named = location.to_str().unwrap_or_default();
    if is_postgres(location) {
        #[cfg(feature = "postgres")]
        return Ok(match access {
            Access::Write => Box::new(PgStore::create(named)?),
            Access::Read => Box::new(PgStore::open_read_only(named)?),
        });
        #[cfg(not(feature = "postgres"))]
        return Err(Error::NoPostgres(without_password(named)));
    }
    Ok(match access {
        Access::Write => Box::new(SqliteStore::create(location)?),
        Access::Read => Box::new(SqliteStore::open_read_only(location)?),
    })
}

/// How to print a store's location: a folder as it is, a URL without its password.
pub fn shown(location: &std::path::Path) -> String {
    match location.to_str() {
        Some(url) if is_postgres(location) => without_password(url),
        _ => location.display().to_string(),
    }
}

/// The URL with any password replaced, so that it can be printed.
pub(crate) fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((user, host)) if user.contains(':') => {
            let name = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{name}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

/// The JSON string of a serialised enum (`"PER"`, `"direct"`), without quotes: how
/// every backend writes the analysis's enums into its tables.
pub(crate) fn label<T: Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(text) => Ok(text),
        other => Ok(other.to_string()),
    }
}

/// Whether `location` names a PostgreSQL database rather than a folder.
fn is_postgres(location: &std::path::Path) -> bool {
    let named = location.to_str().unwrap_or_default();
    named.starts_with("postgres://") || named.starts_with("postgresql://")
}

/// What tells a reader of the store at `location` that a writer committed since it last
/// looked ([`Commits::version`]; [`Store::reload`] then shows the new documents): the
/// full-text index of a folder store. `None` for a PostgreSQL store, whose reads always
/// see the last commit and which keeps no cheap sign of a change.
pub fn commits(location: &std::path::Path) -> Result<Option<Commits>> {
    if is_postgres(location) {
        return Ok(None);
    }
    SqliteStore::commits(location).map(Some)
}

/// A place that keeps analyses and answers questions about them.
///
/// Writes go in batches: [`Store::write_batch`] makes its documents durable in one
/// transaction; [`Store::commit_index`] makes them searchable. A crash between the two
/// loses nothing: the next writer opening the store indexes what the index lacks.
pub trait Store {
    /// Which of these keys would change the store if written: `false` for a key whose
    /// exact document is stored already. Lets a caller skip analysing unchanged articles.
    fn needs_write(&self, keys: &[DocumentKey]) -> Result<Vec<bool>>;

    /// Stores a batch of analysed documents, each with all its entities, mentions,
    /// quotes, events, quantities and credits, in one transaction.
    fn write_batch(&mut self, documents: &[(DocumentKey, Analysis)]) -> Result<Vec<Outcome>>;

    /// Makes every written document searchable (and every replaced one unsearchable).
    fn commit_index(&mut self) -> Result<()>;

    fn stats(&self) -> Result<Stats>;

    /// Shows what writers committed since this handle opened or last reloaded: a
    /// read-only handle's full-text index stays at one commit until asked (its database
    /// reads always see the last commit), so that a reader chooses when results change.
    fn reload(&self) -> Result<()>;

    /// Loads now what searches would otherwise load at their first need (the knowledge
    /// base that expands names), so that a server's first clients do not wait for it
    /// while others queue behind them.
    fn prepare_for_searches(&self) -> Result<()>;

    fn search(&self, query: &SearchQuery) -> Result<Vec<Hit>>;

    /// Lists a table ([`Table::columns`] names the cells of each row) with the rows
    /// `filter` keeps, one row at a time, so that exporting a large store runs in flat
    /// memory; stops at the first error `each` returns.
    fn rows(
        &self,
        table: Table,
        filter: &Filter,
        each: &mut dyn FnMut(&[Value]) -> Result<()>,
    ) -> Result<()>;

    /// How many documents the search matches, whatever its `limit` and `offset`.
    fn count(&self, query: &SearchQuery) -> Result<u64>;

    /// Outlets, event types, entities and months of the best [`FACET_HITS`] hits of
    /// the search, with how many of those documents have each.
    fn facets(&self, query: &SearchQuery) -> Result<Facets>;

    /// What [`Store::search`], [`Store::count`] and [`Store::facets`] answer for one
    /// query, from one pass over the index instead of three (the server's search).
    fn search_page(&self, query: &SearchQuery) -> Result<SearchPage>;

    /// The document with this id ([`DocumentKey::id`]) and its whole analysis.
    fn document(&self, id: &str) -> Result<Option<StoredDocument>>;

    /// The rows `filter` keeps from a table, in the table's order, from `offset` on and
    /// at most `limit` of them: a page of what [`Store::rows`] streams.
    fn page(
        &self,
        table: Table,
        filter: &Filter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Vec<Value>>>;

    /// The profile of the entity a name, an alias or an id means (of several sharing a
    /// name, the one mentioned by the most documents); `None` when the store mentions
    /// none.
    fn entity(&self, name: &str) -> Result<Option<EntityProfile>>;

    /// The events `filter` keeps by day, each story event once per day with its number
    /// of reports (`warta timeline`).
    fn timeline(&self, filter: &Filter) -> Result<Vec<TimelineEntry>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_not_printed() {
        let shown = |location: &str| shown(std::path::Path::new(location));
        assert_eq!(
            shown("postgres://warta:geheim@db.local:5432/warta"),
            "postgres://warta:***@db.local:5432/warta"
        );
        assert_eq!(
            shown("postgresql://warta@127.0.0.1/warta"),
            "postgresql://warta@127.0.0.1/warta"
        );
        assert_eq!(shown("data/warta:geheim@x"), "data/warta:geheim@x");
    }
}
