//! `warta quotes`: the statements of each article, with speaker, cue and source chain.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use warta_core::analysis::Quote;
use warta_kb::fold;

use crate::{listing, report};

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
    let wanted = args.speaker.as_deref().map(fold);
    listing::each_article(args.paths, |out, analysis| {
        let quotes: Vec<&Quote> = analysis
            .quotes
            .iter()
            .filter(|q| wanted.as_deref().is_none_or(|w| spoken_by(q, w)))
            .collect();
        if quotes.is_empty() {
            return Ok(());
        }
        writeln!(out, "{}", analysis.source)?;
        report::write_quotes(out, &quotes)?;
        writeln!(out)
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
