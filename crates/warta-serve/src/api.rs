//! The JSON API under `/api/`, and `/openapi.json` describing it.
//!
//! Every route is listed once, in [`api`]: the router is built from that list and the
//! tests compare it with `openapi.json`, so a route cannot be added without its
//! description. Handlers check their parameters (400 with the reason), ask the store on a
//! blocking thread ([`crate::pool::Stores::ask`]) and answer with JSON objects; rows of
//! the store's tables are objects keyed by the column names of docs/EXPORT.md.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use warta_core::Article;
use warta_store::{Facets, Filter, Hit, SearchQuery, Table, row_object};

use crate::Shared;
use crate::error::ApiError;

/// The OpenAPI 3 description of the routes below, written by hand and checked against
/// them by the tests.
pub(crate) const OPENAPI: &str = include_str!("openapi.json");

/// Rows or hits a page holds when the request does not say.
const DEFAULT_LIMIT: usize = 20;

/// The most rows or hits one page may hold.
const MAX_LIMIT: usize = 200;

/// The furthest a page may start: deep pages cost the store the rows before them, and a
/// reader narrows the filters long before this.
const MAX_OFFSET: usize = 10_000;

/// The most events a story's view lists.
const STORY_EVENTS: usize = 500;

/// The most quotes and events an entity's view lists (its months count all of them).
const ENTITY_ROWS: usize = 100;

type Route = (Method, &'static str, MethodRouter<Arc<Shared>>);

/// Every route of the API: method, path (OpenAPI's `{name}` syntax, which axum shares)
/// and handler.
fn api(body_limit: usize) -> Vec<Route> {
    vec![
        (Method::GET, "/api/search", get(search)),
        (Method::GET, "/api/documents/{id}", get(document)),
        (Method::GET, "/api/entities/{id}", get(entity)),
        (Method::GET, "/api/quotes", get(list::<QuoteParams>)),
        (Method::GET, "/api/events", get(list::<EventParams>)),
        (Method::GET, "/api/stories/{id}", get(story)),
        (Method::GET, "/api/timeline", get(timeline)),
        (
            Method::GET,
            "/api/story-events",
            get(list::<StoryEventParams>),
        ),
        (
            Method::GET,
            "/api/contradictions",
            get(list::<ContradictionParams>),
        ),
        (Method::GET, "/api/stats", get(stats)),
        (
            Method::POST,
            "/api/analyze",
            post(analyze).layer(DefaultBodyLimit::max(body_limit)),
        ),
        (Method::GET, "/openapi.json", get(openapi)),
    ]
}

/// The method and path of every route, as the router serves them.
pub fn routes() -> Vec<(Method, &'static str)> {
    api(0)
        .into_iter()
        .map(|(method, path, _)| (method, path))
        .collect()
}

pub(crate) fn router(state: Arc<Shared>) -> Router {
    let body_limit = state.body_limit;
    let mut router = Router::new();
    for (_, path, handler) in api(body_limit) {
        router = router.route(path, handler);
    }
    router
        .fallback(no_route)
        .method_not_allowed_fallback(wrong_method)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            crate::etag::tag,
        ))
        .with_state(state)
}

async fn no_route(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!("no route for {method} {}", uri.path()))
}

async fn wrong_method(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} does not take {method}", uri.path()),
    )
}

async fn openapi() -> Response {
    let mut response = OPENAPI.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// A text parameter: absent and blank are the same (an empty form field).
fn given(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// A day parameter: `YYYY-MM-DD` or absent.
fn day(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(value) = given(value) else {
        return Ok(None);
    };
    let bytes = value.as_bytes();
    let well_formed = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if well_formed {
        Ok(Some(value))
    } else {
        Err(ApiError::bad_request(format!(
            "`{name}` must be a day, YYYY-MM-DD (got {value:?})"
        )))
    }
}

/// Pagination parameters, checked against the bounds.
#[derive(Debug, Default, Deserialize)]
struct Page {
    limit: Option<usize>,
    offset: Option<usize>,
}

impl Page {
    fn bounds(&self) -> Result<(usize, usize), ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        let offset = self.offset.unwrap_or(0);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::bad_request(format!(
                "`limit` must be between 1 and {MAX_LIMIT}"
            )));
        }
        if offset > MAX_OFFSET {
            return Err(ApiError::bad_request(format!(
                "`offset` must be at most {MAX_OFFSET}; narrow the filters instead"
            )));
        }
        Ok((offset, limit))
    }
}

/// A page of a table's rows as JSON objects.
fn rows_json(table: Table, rows: &[Vec<warta_store::Value>]) -> Vec<Value> {
    rows.iter()
        .map(|row| Value::Object(row_object(table, row)))
        .collect()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchParams {
    q: Option<String>,
    entity: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    outlet: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// Full-text search with filters: the page of hits, how many match in all, and facets
/// (outlets, event types, entities, months) over the best hits. A question asked
/// recently is answered from [`crate::cache::Answers`].
async fn search(
    State(state): State<Arc<Shared>>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params?;
    let (offset, limit) = Page {
        limit: params.limit,
        offset: params.offset,
    }
    .bounds()?;
    let query = SearchQuery {
        text: params.q.unwrap_or_default(),
        entity: given(params.entity),
        event_type: given(params.event_type),
        outlet: given(params.outlet),
        since: day("since", params.since)?,
        until: day("until", params.until)?,
        limit,
        offset,
    };
    let version = state.stores.version();
    if let Some(answer) = state.answers.get(version, &query) {
        return Ok(json_bytes(answer));
    }
    let asked = query.clone();
    let answer = state
        .stores
        .ask(move |store| {
            let page = store.search_page(&query)?;
            serde_json::to_vec(&SearchAnswer {
                total: page.total,
                offset,
                limit,
                hits: &page.hits,
                facets: &page.facets,
            })
            .map_err(internal)
        })
        .await?;
    let answer = Bytes::from(answer);
    state.answers.put(version, asked, answer.clone());
    Ok(json_bytes(answer))
}

/// The answer to a search, serialised straight from the page: building a
/// `serde_json::Value` of it first cost a search ~4 % of its CPU.
#[derive(Serialize)]
struct SearchAnswer<'a> {
    total: u64,
    offset: usize,
    limit: usize,
    hits: &'a [Hit],
    facets: &'a Facets,
}

/// A JSON answer already serialised.
fn json_bytes(answer: Bytes) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        answer,
    )
        .into_response()
}

/// One document whole: its id, story and analysis (clean text, entities with their
/// mentions, quotes, events, quantities, dates, credits; every span a byte range into
/// the text).
async fn document(
    State(state): State<Arc<Shared>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = id?;
    let answer = state
        .stores
        .ask(move |store| {
            let document = store
                .document(&id)?
                .ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))?;
            serde_json::to_value(document).map_err(internal)
        })
        .await?;
    Ok(Json(answer))
}

/// An entity by id, name or alias: its row, knowledge-base record, months, and its
/// latest quotes and events.
async fn entity(
    State(state): State<Arc<Shared>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = id?;
    let answer = state
        .stores
        .ask(move |store| {
            let profile = store
                .entity(&id)?
                .ok_or_else(|| ApiError::not_found(format!("the store mentions no {id:?}")))?;
            let found = profile.entity["entity_id"].as_str().map(str::to_owned);
            let filter = Filter {
                entity: found,
                ..Filter::default()
            };
            let quotes = store.page(Table::Quotes, &filter, 0, ENTITY_ROWS)?;
            let events = store.page(Table::Events, &filter, 0, ENTITY_ROWS)?;
            let mut answer = serde_json::to_value(profile).map_err(internal)?;
            answer["quotes"] = rows_json(Table::Quotes, &quotes).into();
            answer["events"] = rows_json(Table::Events, &events).into();
            Ok(answer)
        })
        .await?;
    Ok(Json(answer))
}

/// The filters and page of a listing as its query string gave them. Each listing route
/// names the parameters it takes in a struct of its own (anything else is a 400) and
/// hands them over here, where all are checked alike.
#[derive(Debug, Default)]
struct Listing {
    speaker: Option<String>,
    event_type: Option<String>,
    entity: Option<String>,
    place: Option<String>,
    since: Option<String>,
    until: Option<String>,
    story: Option<i64>,
    story_event: Option<i64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

impl Listing {
    fn split(self) -> Result<(Filter, Page), ApiError> {
        let filter = Filter {
            speaker: given(self.speaker),
            event_type: given(self.event_type),
            entity: given(self.entity),
            place: given(self.place),
            since: day("since", self.since)?,
            until: day("until", self.until)?,
            story: self.story,
            story_event: self.story_event,
        };
        let page = Page {
            limit: self.limit,
            offset: self.offset,
        };
        Ok((filter, page))
    }
}

/// The query parameters of a route that lists one table's rows.
trait TableListing: DeserializeOwned + Send + 'static {
    const TABLE: Table;
    fn listing(self) -> Listing;
}

/// Implements [`TableListing`] for a parameter struct: its table and the filters it
/// takes besides `limit` and `offset`.
macro_rules! table_listing {
    ($params:ty, $table:expr, [$($filter:ident),*]) => {
        impl TableListing for $params {
            const TABLE: Table = $table;
            fn listing(self) -> Listing {
                Listing {
                    $($filter: self.$filter,)*
                    limit: self.limit,
                    offset: self.offset,
                    ..Listing::default()
                }
            }
        }
    };
}

/// Statements by publication day, with filters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteParams {
    speaker: Option<String>,
    entity: Option<String>,
    since: Option<String>,
    until: Option<String>,
    story: Option<i64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

table_listing!(
    QuoteParams,
    Table::Quotes,
    [speaker, entity, since, until, story]
);

/// Event reports by day, each with its story event, with filters; the timeline takes
/// the same.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventParams {
    #[serde(rename = "type")]
    event_type: Option<String>,
    entity: Option<String>,
    place: Option<String>,
    since: Option<String>,
    until: Option<String>,
    story: Option<i64>,
    story_event: Option<i64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

table_listing!(
    EventParams,
    Table::Events,
    [event_type, entity, place, since, until, story, story_event]
);

/// The numbers claimants give for story events on which they disagree.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContradictionParams {
    #[serde(rename = "type")]
    event_type: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

table_listing!(
    ContradictionParams,
    Table::Contradictions,
    [event_type, since, until]
);

/// Story events (reports of one real-world event grouped) by day, with their place and
/// number of reports: what the map shows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoryEventParams {
    #[serde(rename = "type")]
    event_type: Option<String>,
    since: Option<String>,
    until: Option<String>,
    story_event: Option<i64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

table_listing!(
    StoryEventParams,
    Table::StoryEvents,
    [event_type, since, until, story_event]
);

/// A page of a table's rows with the filters `P` takes: `{"offset", "limit", "rows"}`.
async fn list<P: TableListing>(
    State(state): State<Arc<Shared>>,
    params: Result<Query<P>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(params) = params?;
    let (filter, page) = params.listing().split()?;
    let (offset, limit) = page.bounds()?;
    let table = P::TABLE;
    let rows = state
        .stores
        .ask(move |store| Ok(store.page(table, &filter, offset, limit)?))
        .await?;
    Ok(Json(json!({
        "offset": offset,
        "limit": limit,
        "rows": rows_json(table, &rows),
    })))
}

/// One story (copies of one text): its row, its documents and their events.
async fn story(
    State(state): State<Arc<Shared>>,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = id?;
    let answer = state
        .stores
        .ask(move |store| {
            let filter = Filter {
                story: Some(id),
                ..Filter::default()
            };
            let story = store
                .page(Table::Stories, &filter, 0, 1)?
                .into_iter()
                .next()
                .ok_or_else(|| ApiError::not_found(format!("no story {id}")))?;
            let documents = store.page(Table::Documents, &filter, 0, MAX_LIMIT)?;
            let events = store.page(Table::Events, &filter, 0, STORY_EVENTS)?;
            Ok(json!({
                "story": row_object(Table::Stories, &story),
                "documents": rows_json(Table::Documents, &documents),
                "events": rows_json(Table::Events, &events),
            }))
        })
        .await?;
    Ok(Json(answer))
}

/// Story events by day, each once with its number of reports and its first report.
async fn timeline(
    State(state): State<Arc<Shared>>,
    params: Result<Query<EventParams>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(params) = params?;
    let (filter, page) = params.listing().split()?;
    let (offset, limit) = page.bounds()?;
    let answer = state
        .stores
        .ask(move |store| {
            let entries = store.timeline(&filter)?;
            let total = entries.len();
            let entries: Vec<Value> = entries
                .into_iter()
                .skip(offset)
                .take(limit)
                .map(|entry| {
                    json!({
                        "day": entry.day,
                        "dated": entry.dated,
                        "story_event": entry.story_event,
                        "reports": entry.reports,
                        "event": row_object(Table::Events, &entry.first),
                    })
                })
                .collect();
            Ok(json!({
                "total": total,
                "offset": offset,
                "limit": limit,
                "entries": entries,
            }))
        })
        .await?;
    Ok(Json(answer))
}

/// What the store holds.
async fn stats(State(state): State<Arc<Shared>>) -> Result<Json<Value>, ApiError> {
    let stats = state.stores.ask(|store| Ok(store.stats()?)).await?;
    Ok(Json(serde_json::to_value(stats).map_err(internal)?))
}

/// One article to analyse: its text, and what the container would say about it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleIn {
    text: String,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    source: Option<String>,
}

/// Analyses one article and returns the analysis, as `warta analyze --format jsonl`
/// writes it; nothing is stored.
async fn analyze(
    State(state): State<Arc<Shared>>,
    body: Result<Json<ArticleIn>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let Json(input) = body?;
    if input.text.trim().is_empty() {
        return Err(ApiError::bad_request("`text` is empty"));
    }
    let article = Article {
        source: input.source.unwrap_or_else(|| "api".to_owned()),
        url: input.url,
        title: input.title,
        published: input.published,
        outlet: input.outlet,
        body: input.text,
    };
    let _permit = state
        .analyses
        .acquire()
        .await
        .map_err(|_| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
    let shared = Arc::clone(&state);
    let analysis = tokio::task::spawn_blocking(move || shared.analyzer().analyze(&article))
        .await
        .map_err(|panicked| {
            eprintln!("warta serve: an analysis panicked: {panicked}");
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the analysis failed")
        })?;
    Ok(Json(serde_json::to_value(analysis).map_err(internal)?))
}

/// A value that does not serialise is the server's bug.
fn internal(error: serde_json::Error) -> ApiError {
    eprintln!("warta serve: serialising an answer: {error}");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the answer failed to serialise",
    )
}
