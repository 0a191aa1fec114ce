//! A few read-only handles on the store, lent one per request.
//!
//! A store handle is synchronous and not shareable between threads at once (an SQLite
//! connection), so a request takes a handle, runs its questions on a blocking thread and
//! gives it back. The semaphore makes requests wait for a free handle instead of opening
//! more: memory and file handles stay bounded however many clients connect.

use std::path::Path;
use std::sync::Mutex;

use axum::http::StatusCode;
use tokio::sync::Semaphore;
use warta_store::{Access, Store};

use crate::error::ApiError;

type Handle = Box<dyn Store + Send>;

pub(crate) struct Stores {
    free: Mutex<Vec<Handle>>,
    permits: Semaphore,
}

impl Stores {
    /// Opens `count` read-only handles on the store in `dir`.
    pub(crate) fn open(dir: &Path, count: usize) -> warta_store::Result<Stores> {
        let free = (0..count)
            .map(|_| warta_store::open(dir, Access::Read))
            .collect::<warta_store::Result<Vec<_>>>()?;
        Ok(Stores {
            free: Mutex::new(free),
            permits: Semaphore::new(count),
        })
    }

    /// Runs `question` on a free handle, on a blocking thread.
    pub(crate) async fn ask<T: Send + 'static>(
        &self,
        question: impl FnOnce(&dyn Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let unavailable = || ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the store is closed");
        let permit = self.permits.acquire().await.map_err(|_| unavailable())?;
        let handle = self
            .free
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop()
            .ok_or_else(unavailable)?;
        match tokio::task::spawn_blocking(move || {
            let answer = question(&*handle);
            (handle, answer)
        })
        .await
        {
            Ok((handle, answer)) => {
                self.free
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .push(handle);
                drop(permit);
                answer
            }
            Err(panicked) => {
                // The handle went down with the thread: one permit fewer keeps the count
                // of permits equal to the handles left.
                permit.forget();
                eprintln!("warta serve: a store question panicked: {panicked}");
                Err(ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the store failed to answer",
                ))
            }
        }
    }
}
