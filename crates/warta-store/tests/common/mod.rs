//! Scratch stores on each backend, for the behaviour every backend shares.
//!
//! SQLite runs in a folder under the target directory. PostgreSQL (cargo feature
//! `postgres`) runs in a scratch database on the server `WARTA_TEST_POSTGRES` names
//! (`postgres://user@host:port/db`); without it those tests say so and pass, except
//! under `CI=true`, where a skipped backend would hide a failure.

use std::path::PathBuf;

use warta_store::{Access, Store};

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    #[cfg(feature = "postgres")]
    Postgres,
}

/// A store of one backend for one test, removed when dropped.
pub struct Scratch {
    pub location: PathBuf,
    #[cfg(feature = "postgres")]
    database: Option<(String, String)>,
}

impl Scratch {
    /// A fresh, empty store location; `None` when the backend's server is not given.
    pub fn new(backend: Backend, name: &str) -> Option<Scratch> {
        match backend {
            Backend::Sqlite => {
                let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("store-{name}"));
                let _ = std::fs::remove_dir_all(&dir);
                Some(Scratch {
                    location: dir,
                    #[cfg(feature = "postgres")]
                    database: None,
                })
            }
            #[cfg(feature = "postgres")]
            Backend::Postgres => {
                let Ok(server) = std::env::var("WARTA_TEST_POSTGRES") else {
                    assert!(
                        std::env::var("CI").as_deref() != Ok("true"),
                        "CI=true and WARTA_TEST_POSTGRES is unset: the PostgreSQL store tests must run in CI"
                    );
                    eprintln!(
                        "skipping the PostgreSQL test `{name}`: set WARTA_TEST_POSTGRES=postgres://user@host:port/db"
                    );
                    return None;
                };
                let database = format!("warta_test_{}", name.replace('-', "_"));
                let url = warta_store::postgres_testing::scratch_database(&server, &database)
                    .unwrap_or_else(|e| panic!("a scratch database on {server}: {e}"));
                Some(Scratch {
                    location: PathBuf::from(url),
                    database: Some((server, database)),
                })
            }
        }
    }

    /// The store opened for writing (created when absent).
    pub fn writer(&self) -> Box<dyn Store + Send> {
        warta_store::open(&self.location, Access::Write).unwrap()
    }

    /// The store opened for reading.
    pub fn reader(&self) -> warta_store::Result<Box<dyn Store + Send>> {
        warta_store::open(&self.location, Access::Read)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        #[cfg(feature = "postgres")]
        if let Some((server, database)) = &self.database {
            let _ = warta_store::postgres_testing::drop_database(server, database);
            return;
        }
        let _ = std::fs::remove_dir_all(&self.location);
    }
}

/// One `#[test]` per backend for each behaviour `fn name(backend: Backend)`.
macro_rules! on_every_backend {
    ($($behaviour:ident),* $(,)?) => {
        mod sqlite {
            $(#[test]
            fn $behaviour() {
                super::$behaviour(crate::common::Backend::Sqlite);
            })*
        }
        #[cfg(feature = "postgres")]
        mod postgres {
            $(#[test]
            fn $behaviour() {
                super::$behaviour(crate::common::Backend::Postgres);
            })*
        }
    };
}
