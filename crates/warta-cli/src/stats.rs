//! `warta stats`: what the store holds.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use warta_store::Access;

use crate::{data_dir, exit};

#[derive(Args)]
pub struct StatsArgs {
    /// Store folder, or a postgres:// URL [default: $WARTA_DATA, else ./warta-data].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// One JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: StatsArgs) -> Result<u8> {
    let dir = data_dir(args.data);
    let store = warta_store::open(&dir, Access::Read)
        .with_context(|| format!("opening the store in {}", warta_store::shown(&dir)))?;
    let stats = store.stats()?;
    if args.json {
        println!("{}", serde_json::to_string(&stats)?);
    } else {
        for (name, count) in [
            ("documents", stats.documents),
            ("entities", stats.entities),
            ("quotes", stats.quotes),
            ("events", stats.events),
            ("stories", stats.stories),
            ("story events", stats.story_events),
            ("indexed", stats.indexed),
        ] {
            println!("{name:<12} {count:>10}");
        }
    }
    Ok(exit::OK)
}
