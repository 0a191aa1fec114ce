//! The web interface: a page, its JavaScript modules and its style sheet, compiled into
//! the binary. Files are looked up by exact name in [`ASSETS`], never on disk, so no
//! request path can reach anything else (`/ui/../Cargo.toml` is just an unknown name).

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::error::ApiError;

/// The files under `/ui/`: name, content type, content.
pub(crate) const ASSETS: &[(&str, &str, &str)] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../ui/app.js"),
    ),
    (
        "dom.js",
        "text/javascript; charset=utf-8",
        include_str!("../ui/dom.js"),
    ),
    (
        "i18n.js",
        "text/javascript; charset=utf-8",
        include_str!("../ui/i18n.js"),
    ),
    ("icon.svg", "image/svg+xml", include_str!("../ui/icon.svg")),
    (
        "land.json",
        "application/json",
        include_str!("../ui/land.json"),
    ),
    (
        "style.css",
        "text/css; charset=utf-8",
        include_str!("../ui/style.css"),
    ),
];

const INDEX: &str = include_str!("../ui/index.html");

pub(crate) fn router() -> Router {
    Router::new()
        .route("/", get(index))
        .route("/ui/{file}", get(asset))
}

/// The page: every view is drawn into it by `app.js`, by the part of the URL after `#`.
async fn index() -> Response {
    file("text/html; charset=utf-8", INDEX)
}

async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    ASSETS
        .iter()
        .find(|(file, _, _)| *file == name)
        .map(|(_, kind, content)| file(kind, content))
        .ok_or_else(|| ApiError::not_found(format!("no file {name:?} in the interface")))
}

fn file(kind: &'static str, content: &'static str) -> Response {
    let mut response = content.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // Revalidate on every load: the files change with the binary, not with time.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
