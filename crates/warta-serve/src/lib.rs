//! warta-serve: `warta serve`, the HTTP face of a warta store.
//!
//! One process serves a JSON API over a store opened read-only (`/api/…`, described by
//! the OpenAPI document at `/openapi.json`) and the web interface that reads it (plain
//! JavaScript modules and CSS embedded in the binary: no CDN, no build step, works
//! offline). Nothing here writes to the store; `POST /api/analyze` analyses one article
//! and forgets it.
//!
//! The store is synchronous (SQLite through rusqlite), so each request borrows one of a
//! few read-only store handles ([`pool::Stores`]) on a blocking thread. The only state
//! requests share is that pool, the immutable [`warta_core::Analyzer`] and the rate
//! limiter's buckets.
//!
//! Article text is untrusted: the API returns it as JSON data, and the interface puts it
//! in the page with `textContent` only, under a Content-Security-Policy that allows no
//! inline script ([`security`]).

mod api;
mod assets;
mod cache;
mod error;
mod etag;
mod patience;
mod pool;
mod security;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::Router;
use tokio::sync::Semaphore;
use warta_core::Analyzer;

/// Bytes of search answers the server keeps ([`cache::Answers`]): some thousands of
/// first pages (~12 KB each), a small part of what the store handles map.
const ANSWER_BYTES: usize = 64 << 20;

pub use api::routes;
pub use error::ApiError;

/// How a server runs: where the store is, where to listen, and its limits.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store (`warta ingest --data`): a folder or a `postgres://` URL.
    pub data: PathBuf,
    /// The address to listen on.
    pub addr: SocketAddr,
    /// Requests that read the store at once; each holds one read-only store handle.
    pub readers: usize,
    /// The largest request body accepted (`POST /api/analyze`), in bytes; larger ones
    /// get 413.
    pub body_limit: usize,
    /// Requests one client address may make in a burst, and per second after it; more
    /// get 429. `None`: no limit (a load test from one address, a server behind a proxy
    /// that limits).
    pub rate: Option<security::Rate>,
    /// How often the server looks whether a writer (`warta ingest` beside it) committed:
    /// then its store handles reload and its cache of answers empties, so new documents
    /// show within this time.
    pub recheck: Duration,
    /// How long a client may stall: a connection whose client sends nothing of a request
    /// (or of the next one on a kept-alive connection), or takes nothing of an answer, for
    /// this long is closed.
    pub patience: Duration,
}

impl Config {
    /// Defaults for a team's server on one machine: two store handles per core, a 1 MiB
    /// body (a long article is 50 KB), 60 requests in a burst and 20 a second per client.
    /// With one handle per core, a core idled while a finished search handed its handle
    /// to the next request: a quarter of the throughput under load (docs/BENCHMARKS.md).
    pub fn new(data: PathBuf, addr: SocketAddr) -> Config {
        Config {
            data,
            addr,
            readers: 2 * std::thread::available_parallelism().map_or(1, |n| n.get()),
            body_limit: 1 << 20,
            rate: Some(security::Rate::per_second(20)),
            recheck: Duration::from_secs(1),
            patience: Duration::from_secs(30),
        }
    }
}

pub use security::Rate;

/// What every request can reach.
pub(crate) struct Shared {
    pub(crate) stores: pool::Stores,
    pub(crate) answers: cache::Answers,
    /// Built at the first analysis request: a server that is only read from never pays
    /// for loading the language pack and models.
    analyzer: OnceLock<Analyzer>,
    /// Analyses running at once: each takes a core for its duration.
    pub(crate) analyses: Semaphore,
    pub(crate) body_limit: usize,
    /// When the server started (nanoseconds since 1970): part of every entity tag.
    pub(crate) started: u128,
}

impl Shared {
    pub(crate) fn analyzer(&self) -> &Analyzer {
        self.analyzer.get_or_init(Analyzer::indonesian)
    }
}

/// Why the server did not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("opening the store in {path}: {source}")]
    Store {
        path: String,
        source: warta_store::Error,
    },
    #[error("listening on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The whole application (API, OpenAPI document, interface and their middleware) over
/// the store in `config.data`, opened read-only.
pub fn app(config: &Config) -> Result<Router, Error> {
    let stores = pool::Stores::open(&config.data, config.readers.max(1), config.recheck).map_err(
        |source| Error::Store {
            path: warta_store::shown(&config.data),
            source,
        },
    )?;
    let state = Arc::new(Shared {
        stores,
        answers: cache::Answers::new(ANSWER_BYTES),
        analyzer: OnceLock::new(),
        analyses: Semaphore::new(config.readers.max(1)),
        body_limit: config.body_limit,
        started: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos()),
    });
    Ok(security::layer(
        api::router(state).merge(assets::router()),
        config.rate,
    ))
}

/// Serves until interrupted (Ctrl-C or SIGTERM), on a runtime of its own, so that the
/// caller (the `warta` CLI) needs no async code. `ready` is told the address once the
/// server listens (port 0 picks a free one).
pub fn serve(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), Error> {
    let app = app(&config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| Error::Listen {
                addr: config.addr,
                source,
            })?;
        ready(listener.local_addr()?);
        axum::serve(
            patience::Listener::new(listener, config.patience),
            app.into_make_service_with_connect_info::<patience::Client>(),
        )
        .with_graceful_shutdown(shutdown())
        .await?;
        Ok(())
    })
}

/// Resolves at Ctrl-C or, on Unix, SIGTERM (a service manager stopping the server).
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
