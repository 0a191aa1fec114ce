//! `warta entities`: the people, organisations and places of each article, as a table.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::{listing, report};

#[derive(Args)]
pub struct EntitiesArgs {
    /// Files, folders (read recursively) or `-` for stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// Prints each article's source, then one line per entity.
pub fn run(args: EntitiesArgs) -> Result<u8> {
    listing::each_article(args.paths, |out, analysis| {
        writeln!(out, "{}", analysis.source)?;
        report::write_entities(out, analysis)?;
        writeln!(out)
    })
}
