//! A few read-only handles on the store, lent one per request.
//!
//! A store handle is synchronous and not shareable between threads at once (an SQLite
//! connection), so a request takes a handle, runs its questions on a blocking thread and
//! gives it back. The semaphore makes requests wait for a free handle instead of opening
//! more: memory and file handles stay bounded however many clients connect, and searches
//! queue for the cores instead of thrashing them.
//!
//! Another process may write to the store while it is served (`warta ingest` adding
//! documents). The pool looks at the index's last commit at most once per `recheck`;
//! when it moved, each handle reloads before its next question, and [`Stores::version`]
//! tells the answer cache and the entity tags to forget what they kept.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use warta_store::{Access, Commits, Store};

use crate::error::ApiError;

/// A store handle and the version of the index ([`Commits::version`]) it shows.
type Handle = (Box<dyn Store + Send>, u64);

pub(crate) struct Stores {
    free: Arc<Mutex<Vec<Handle>>>,
    permits: Arc<Semaphore>,
    /// `None` for a store without a sign of change (PostgreSQL): then every `recheck`
    /// counts as a new version, so answers are kept at most that long.
    commits: Option<Commits>,
    latest: Mutex<Latest>,
    recheck: Duration,
}

/// The index's version when the pool last looked.
struct Latest {
    version: u64,
    read: Instant,
}

/// A handle on loan. It goes back to the pool when the loan is dropped, whatever ends
/// it: the question answered, a panic in it, or the request given up (a client that
/// disconnects drops the future awaiting the blocking task, not the task); and only then
/// is its permit released, so a permit always finds a free handle.
struct Loan {
    handle: Option<Handle>,
    free: Arc<Mutex<Vec<Handle>>>,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Loan {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            self.free
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(handle);
        }
    }
}

impl Stores {
    /// Opens `count` read-only handles on the store in `dir`, which look for a newer
    /// commit at most once per `recheck`.
    pub(crate) fn open(dir: &Path, count: usize, recheck: Duration) -> warta_store::Result<Stores> {
        // The version is read before the handles open: a commit in between makes the
        // next look find a newer one, never a handle older than its version.
        let commits = warta_store::commits(dir)?;
        let version = match &commits {
            Some(commits) => commits.version()?,
            None => 0,
        };
        let free = (0..count)
            .map(|_| {
                let store = warta_store::open(dir, Access::Read)?;
                store.prepare_for_searches()?;
                Ok((store, version))
            })
            .collect::<warta_store::Result<Vec<_>>>()?;
        Ok(Stores {
            free: Arc::new(Mutex::new(free)),
            permits: Arc::new(Semaphore::new(count)),
            commits,
            latest: Mutex::new(Latest {
                version,
                read: Instant::now(),
            }),
            recheck,
        })
    }

    /// The version of the store's index as last seen, looked at again when `recheck`
    /// has passed: answers computed at one version stay true until it changes.
    pub(crate) fn version(&self) -> u64 {
        let mut latest = self
            .latest
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if latest.read.elapsed() >= self.recheck {
            match self.commits.as_ref().map(Commits::version) {
                Some(Ok(version)) => latest.version = version,
                // Keep serving what the handles show; the next look may succeed.
                Some(Err(e)) => eprintln!("warta serve: reading the index's last commit: {e}"),
                None => latest.version = latest.version.wrapping_add(1),
            }
            latest.read = Instant::now();
        }
        latest.version
    }

    /// Runs `question` on a free handle, on a blocking thread, after reloading the
    /// handle if a writer committed since it last did.
    pub(crate) async fn ask<T: Send + 'static>(
        &self,
        question: impl FnOnce(&dyn Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let version = self.version();
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|_| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
        let handle = self
            .free
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop();
        let loan = Loan {
            handle,
            free: Arc::clone(&self.free),
            _permit: permit,
        };
        tokio::task::spawn_blocking(move || {
            let mut loan = loan;
            let (handle, shown) = loan
                .handle
                .as_mut()
                .expect("a permit always finds a free handle");
            if *shown != version {
                handle.reload()?;
                *shown = version;
            }
            question(handle.as_ref())
        })
        .await
        .unwrap_or_else(|panicked| {
            eprintln!("warta serve: a store question panicked: {panicked}");
            Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the store failed to answer",
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request given up while its question runs must not take the handle with it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_handle_comes_back_when_the_request_is_dropped_or_panics() {
        let dir = std::env::temp_dir().join(format!("warta-serve-pool-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        drop(warta_store::SqliteStore::create(&dir).unwrap());
        let stores = Arc::new(Stores::open(&dir, 1, Duration::ZERO).unwrap());
        let (started, wait) = std::sync::mpsc::channel();
        let asking = Arc::clone(&stores);
        let slow = tokio::spawn(async move {
            asking
                .ask(move |store| {
                    started.send(()).unwrap();
                    std::thread::sleep(std::time::Duration::from_millis(200));
                    Ok(store.stats()?)
                })
                .await
        });
        tokio::task::spawn_blocking(move || wait.recv().unwrap())
            .await
            .unwrap();
        slow.abort();
        let panicked = stores
            .ask(|_| -> Result<(), ApiError> { panic!("boom") })
            .await;
        assert_eq!(
            panicked.unwrap_err().status,
            StatusCode::INTERNAL_SERVER_ERROR
        );
        for _ in 0..3 {
            let stats = stores.ask(|store| Ok(store.stats()?)).await.unwrap();
            assert_eq!(stats.documents, 0);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
