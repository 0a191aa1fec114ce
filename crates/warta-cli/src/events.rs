//! `warta events`: who did what to whom in each article, coded with PLOVER types.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use warta_core::Analyzer;
use warta_core::analysis::Event;
use warta_ingest::{IngestOptions, Inputs};

use crate::{exit, report};

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
    let analyzer = Analyzer::indonesian();
    let wanted = args.event_type.as_deref().map(str::to_uppercase);
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for record in Inputs::new(args.paths, IngestOptions::default()) {
        match record {
            Ok(article) => {
                let analysis = analyzer.analyze(&article);
                let events: Vec<&Event> = analysis
                    .events
                    .iter()
                    .filter(|e| wanted.as_deref().is_none_or(|w| e.event_type == w))
                    .collect();
                if events.is_empty() {
                    continue;
                }
                writeln!(out, "{}", analysis.source)?;
                report::write_events(&mut out, &analysis.text, &events)?;
                writeln!(out)?;
            }
            Err(error) => {
                failed = true;
                eprintln!("warta: {error}");
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        exit::SOME_RECORDS_FAILED
    } else {
        exit::OK
    })
}
