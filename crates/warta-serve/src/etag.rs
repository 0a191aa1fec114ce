//! Entity tags on the API's answers: a client (the interface, a script polling for
//! news) that sends back the tag of its copy gets `304 Not Modified` with no body and no
//! question to the store, while nothing changed.
//!
//! An answer depends only on its URL, the store's index version and the server build,
//! so the tag is those two: one tag serves every URL (a tag is only ever compared with
//! the one for the same URL). The server's start time stands for its build, so a
//! restarted server (perhaps a newer warta) never confirms a copy made by another.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::Shared;

/// Answers `GET` requests whose `If-None-Match` names the current tag with 304, and tags
/// the successful answers of the others.
pub(crate) async fn tag(
    State(state): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let current = format!("\"{:x}-{:x}\"", state.started, state.stores.version());
    let Ok(current) = HeaderValue::from_str(&current) else {
        return next.run(request).await;
    };
    let unchanged = request
        .headers()
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|tag| tag.trim())
        .any(|tag| tag == "*" || tag.trim_start_matches("W/").as_bytes() == current.as_bytes());
    if unchanged {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, current)]).into_response();
    }
    let mut response = next.run(request).await;
    if response.status() == StatusCode::OK {
        let headers = response.headers_mut();
        headers.insert(header::ETAG, current);
        // Ask before using a kept copy: the tag makes asking cheap.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}
