//! A few read-only handles on the store, lent one per request.
//!
//! A store handle is synchronous and not shareable between threads at once (an SQLite
//! connection), so a request takes a handle, runs its questions on a blocking thread and
//! gives it back. The semaphore makes requests wait for a free handle instead of opening
//! more: memory and file handles stay bounded however many clients connect.

use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use warta_store::{Access, Store};

use crate::error::ApiError;

type Handle = Box<dyn Store + Send>;

pub(crate) struct Stores {
    free: Arc<Mutex<Vec<Handle>>>,
    permits: Arc<Semaphore>,
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
    /// Opens `count` read-only handles on the store in `dir`.
    pub(crate) fn open(dir: &Path, count: usize) -> warta_store::Result<Stores> {
        let free = (0..count)
            .map(|_| warta_store::open(dir, Access::Read))
            .collect::<warta_store::Result<Vec<_>>>()?;
        Ok(Stores {
            free: Arc::new(Mutex::new(free)),
            permits: Arc::new(Semaphore::new(count)),
        })
    }

    /// Runs `question` on a free handle, on a blocking thread.
    pub(crate) async fn ask<T: Send + 'static>(
        &self,
        question: impl FnOnce(&dyn Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
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
            let handle = loan
                .handle
                .as_deref()
                .expect("a permit always finds a free handle");
            question(handle)
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
        let stores = Arc::new(Stores::open(&dir, 1).unwrap());
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
