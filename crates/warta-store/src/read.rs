//! Read questions beyond listing a table: one document whole, a page of a table, an
//! entity's profile, the timeline grouped by story event, search counts and facets. The
//! CLI's reports (`warta entity`, `warta timeline`) and the server (`warta serve`) ask the
//! same questions here, so the two never disagree on what an answer is.

use rusqlite::OptionalExtension;
use serde::Serialize;
use warta_core::Analysis;

use crate::snippets::Snippets;
use crate::sqlite::bind_filter;
use crate::{Filter, Hit, Result, SearchQuery, SqliteStore, Store, Table, Value};

/// The most best hits of a search whose outlets, event types, entities and months
/// [`Facets`] counts: enough to show what a result set is about, bounded so that a query
/// matching every document stays as fast as one matching a few: the SQLite store reads
/// its index's facet column once per hit counted.
pub const FACET_HITS: usize = 200;

/// Facet values listed per facet, most frequent first.
pub(crate) const FACET_VALUES: i64 = 12;

/// Months the month facet lists at most: twenty years.
pub(crate) const FACET_MONTHS: i64 = 240;

/// One stored document: its id and story, and its analysis as written.
#[derive(Debug, Clone, Serialize)]
pub struct StoredDocument {
    /// The document id ([`crate::DocumentKey::id`]).
    pub id: String,
    /// The story it belongs to (copies of one text), when grouped.
    pub story: Option<i64>,
    /// Every span in it is a byte range into `analysis.text`.
    pub analysis: Analysis,
}

/// What the store knows of one entity: its row of [`Table::Entities`], its
/// knowledge-base record, and its quotes and events per month ([`Table::Months`]).
#[derive(Debug, Clone, Serialize)]
pub struct EntityProfile {
    pub entity: serde_json::Map<String, serde_json::Value>,
    /// `None` for an entity the knowledge base lacks (an article-local id).
    pub kb: Option<warta_kb::Entity>,
    pub months: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// One line of the timeline: a story event on one day, with its first report.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    /// The day the reports date the event to, else the first report's publication day.
    pub day: String,
    /// `false` when `day` is a publication day because no report dates the event.
    pub dated: bool,
    pub story_event: Option<i64>,
    /// How many event reports (across articles) tell it on this day.
    pub reports: u64,
    /// The first report: a row of [`Table::Events`].
    pub first: Vec<Value>,
}

/// Counts over the best [`FACET_HITS`] hits of a search: what the results are about, so
/// that a reader can narrow them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facets {
    pub outlets: Vec<FacetValue>,
    pub event_types: Vec<FacetValue>,
    pub entities: Vec<FacetValue>,
    /// Publication months (`YYYY-MM`), in order.
    pub months: Vec<FacetValue>,
}

/// A search as the server answers it ([`crate::Store::search_page`]): what
/// [`crate::Store::search`], [`crate::Store::count`] and [`crate::Store::facets`] answer
/// for the same query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchPage {
    pub hits: Vec<Hit>,
    pub total: u64,
    pub facets: Facets,
}

/// One value of a facet and how many of the counted documents have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetValue {
    /// What a filter takes: an outlet, a PLOVER type, an entity id, a month.
    pub value: String,
    /// How to show it: the entity's name; else the value itself.
    pub label: String,
    pub documents: u64,
}

/// A row as a JSON object keyed by its table's column names.
pub fn row_object(table: Table, values: &[Value]) -> serde_json::Map<String, serde_json::Value> {
    table
        .columns()
        .iter()
        .zip(values)
        .map(|(column, value)| {
            let value = match value {
                Value::Null => serde_json::Value::Null,
                Value::Integer(n) => (*n).into(),
                Value::Real(x) => (*x).into(),
                Value::Text(s) => s.clone().into(),
            };
            ((*column).to_string(), value)
        })
        .collect()
}

impl SqliteStore {
    pub(crate) fn count_matches(&self, query: &SearchQuery) -> Result<u64> {
        self.index.count_matches(query)
    }

    pub(crate) fn stored_document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let row: Option<(String, Option<i64>)> = self
            .db
            .prepare_cached(
                "SELECT d.analysis, s.story FROM documents d
                 LEFT JOIN document_stories s ON s.document = d.rowid WHERE d.id = ?",
            )?
            .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        row.map(|(analysis, story)| {
            Ok(StoredDocument {
                id: id.to_owned(),
                story,
                analysis: serde_json::from_str(&analysis)?,
            })
        })
        .transpose()
    }

    pub(crate) fn table_page(
        &self,
        table: Table,
        filter: &Filter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Vec<Value>>> {
        // The table's own order, cut to the page; SQLite still reads the skipped rows,
        // which is why callers bound `offset`.
        let sql = format!(
            "SELECT * FROM ({}) LIMIT :limit OFFSET :offset",
            table.sql()
        );
        let mut statement = self.db.prepare_cached(&sql)?;
        bind_filter(&mut statement, filter)?;
        for (name, value) in [(":limit", limit), (":offset", offset)] {
            if let Some(index) = statement.parameter_index(name)? {
                statement.raw_bind_parameter(index, value as i64)?;
            }
        }
        let width = table.columns().len();
        let mut rows = statement.raw_query();
        let mut page = Vec::new();
        while let Some(row) = rows.next()? {
            page.push(
                (0..width)
                    .map(|i| Ok(Value::from(row.get::<_, rusqlite::types::Value>(i)?)))
                    .collect::<Result<Vec<_>>>()?,
            );
        }
        Ok(page)
    }

    pub(crate) fn search_facets(&self, query: &SearchQuery) -> Result<Facets> {
        Ok(self.index.ranked(query, FACET_HITS)?.facets)
    }

    /// The page, count and facets of a search from one pass over the index.
    pub(crate) fn answer_search(&self, query: &SearchQuery) -> Result<SearchPage> {
        let ranked = self.index.ranked(query, FACET_HITS)?;
        Ok(SearchPage {
            hits: self.hits(ranked.page, &ranked.snippets)?,
            total: ranked.total,
            facets: ranked.facets,
        })
    }

    /// The rows of the hits with these ids, with their snippets.
    pub(crate) fn hits(&self, ids: Vec<(String, f32)>, snippets: &Snippets) -> Result<Vec<Hit>> {
        let mut document = self.db.prepare_cached(
            "SELECT source, url, title, outlet, published, text FROM documents WHERE id = ?",
        )?;
        let mut hits = Vec::with_capacity(ids.len());
        for (id, score) in ids {
            // A hit the database no longer has (replaced while this search ran) is skipped.
            let Some((source, url, title, outlet, published, text)) = document
                .query_row([&id], |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                        row.get::<_, String>(5)?,
                    ))
                })
                .optional()?
            else {
                continue;
            };
            let (snippet, highlights) = snippets.of(&text);
            hits.push(Hit {
                id,
                source,
                url,
                title,
                outlet,
                published,
                score,
                snippet,
                highlights,
            });
        }
        Ok(hits)
    }
}

/// The profile of the entity a name means ([`crate::Store::entity`]), from the store's
/// tables and the knowledge base: the same answer whatever the backend.
pub(crate) fn entity_profile(
    store: &dyn Store,
    kb: &warta_kb::Kb,
    name: &str,
) -> Result<Option<EntityProfile>> {
    let filter = Filter {
        entity: Some(name.to_owned()),
        ..Filter::default()
    };
    // The entities table lists the most mentioned first: of several entities sharing
    // a name, the one the store mentions most.
    let Some(found) = store
        .page(Table::Entities, &filter, 0, 1)?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let entity = row_object(Table::Entities, &found);
    let id = entity
        .get("entity_id")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    // Months narrow to the entity found, not every entity sharing the name.
    let by_id = Filter {
        entity: Some(id.clone()),
        ..Filter::default()
    };
    let mut months = Vec::new();
    store.rows(Table::Months, &by_id, &mut |values| {
        months.push(row_object(Table::Months, values));
        Ok(())
    })?;
    Ok(Some(EntityProfile {
        entity,
        kb: kb.get(&id).cloned(),
        months,
    }))
}

/// The timeline ([`crate::Store::timeline`]) from the events table's rows.
pub(crate) fn timeline(store: &dyn Store, filter: &Filter) -> Result<Vec<TimelineEntry>> {
    let columns = Table::Events.columns();
    let cell = |values: &[Value], name: &str| -> Value {
        columns
            .iter()
            .position(|c| *c == name)
            .map_or(Value::Null, |i| values[i].clone())
    };
    let mut entries: Vec<TimelineEntry> = Vec::new();
    // Rows come ordered by day, then story event: reports of one event are adjacent.
    store.rows(Table::Events, filter, &mut |values| {
        let (day, dated) = match cell(values, "event_date") {
            Value::Text(day) => (day, true),
            _ => (cell(values, "published").to_text(), false),
        };
        let story_event = match cell(values, "story_event") {
            Value::Integer(n) => Some(n),
            _ => None,
        };
        if let Some(last) = entries.last_mut()
            && last.story_event == story_event
            && last.day == day
            && last.dated == dated
        {
            last.reports += 1;
            return Ok(());
        }
        entries.push(TimelineEntry {
            day,
            dated,
            story_event,
            reports: 1,
            first: values.to_vec(),
        });
        Ok(())
    })?;
    Ok(entries)
}
