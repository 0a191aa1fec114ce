//! `warta events`: who did what to whom in each article, coded with PLOVER types.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use warta_core::analysis::Event;

use crate::{listing, report};

#[derive(Args)]
pub struct EventsArgs {
    /// Files, folders (read recursively) or `-` for stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Only events of this PLOVER type (ASSAULT, REJECT, REQUEST, …; any case).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
}

/// Prints each article's source, then its events (those of `--type` only, when given);
/// articles without a matching event are skipped.
pub fn run(args: EventsArgs) -> Result<u8> {
    let wanted = args.event_type.as_deref().map(str::to_uppercase);
    listing::each_article(args.paths, |out, analysis| {
        let events: Vec<&Event> = analysis
            .events
            .iter()
            .filter(|e| wanted.as_deref().is_none_or(|w| e.event_type == w))
            .collect();
        if events.is_empty() {
            return Ok(());
        }
        writeln!(out, "{}", analysis.source)?;
        report::write_events(out, &analysis.text, &events)?;
        writeln!(out)
    })
}
