//! `warta quotes`: the statements of each article, with speaker, cue and source chain.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use warta_core::Analyzer;
use warta_core::analysis::Quote;
use warta_ingest::{IngestOptions, Inputs};
use warta_kb::fold;

use crate::{exit, report};

#[derive(Args)]
pub struct QuotesArgs {
    /// Files, folders (read recursively) or `-` for stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Only quotes of this speaker: any of the speaker's names or the description the
    /// article gives an unnamed one, ignoring case and accents ("Peskov", "juru bicara").
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
}

/// Prints each article's source, then its quotes (those of `--speaker` only, when given);
/// articles without a matching quote are skipped.
pub fn run(args: QuotesArgs) -> Result<u8> {
    let analyzer = Analyzer::indonesian();
    let wanted = args.speaker.as_deref().map(fold);
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for record in Inputs::new(args.paths, IngestOptions::default()) {
        match record {
            Ok(article) => {
                let analysis = analyzer.analyze(&article);
                let quotes: Vec<&Quote> = analysis
                    .quotes
                    .iter()
                    .filter(|q| wanted.as_deref().is_none_or(|w| spoken_by(q, w)))
                    .collect();
                if quotes.is_empty() {
                    continue;
                }
                writeln!(out, "{}", analysis.source)?;
                report::write_quotes(&mut out, &quotes)?;
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

/// Whether one of the quote's speaker names (or its description) contains `wanted`
/// (folded).
fn spoken_by(quote: &Quote, wanted: &str) -> bool {
    quote.speaker.as_ref().is_some_and(|s| {
        s.name
            .iter()
            .chain(&s.aliases)
            .chain(&s.description)
            .any(|name| fold(name).contains(wanted))
    })
}
