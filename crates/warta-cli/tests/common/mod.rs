//! What the tests of the store commands share: a scratch folder, and the `warta` binary
//! run against a store.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch folder under the target directory, created empty and removed when dropped.
/// Its name is unique across the workspace's tests, which share that directory.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Self {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs `warta` with `args` over the store in `data` (as `$WARTA_DATA`), stdin closed.
pub fn warta(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .env("WARTA_DATA", data)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}
