//! `warta entities`: the people, organisations and places of each article, as a table.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use warta_core::Analyzer;
use warta_ingest::{IngestOptions, Inputs};

use crate::{exit, report};

#[derive(Args)]
pub struct EntitiesArgs {
    /// Files, folders (read recursively) or `-` for stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// Prints each article's source, then one line per entity. Articles are read one at a
/// time: this is a command for reading a few articles, `warta analyze` is for corpora.
pub fn run(args: EntitiesArgs) -> Result<u8> {
    let analyzer = Analyzer::indonesian();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for record in Inputs::new(args.paths, IngestOptions::default()) {
        match record {
            Ok(article) => {
                let analysis = analyzer.analyze(&article);
                writeln!(out, "{}", analysis.source)?;
                report::write_entities(&mut out, &analysis)?;
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
