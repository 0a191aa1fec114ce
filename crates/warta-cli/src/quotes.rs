//! `warta quotes`: statements with speaker, cue and source chain, read from the given
//! files on the fly or, without files, from the store.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use warta_core::analysis::Quote;
use warta_kb::fold;
use warta_store::{Filter, Table};

use crate::table::{self, RowFormat};
use crate::{exit, listing, report};

#[derive(Args)]
pub struct QuotesArgs {
    /// Files, folders (read recursively) or `-` for stdin, analysed on the fly. Without
    /// any, the quotes come from the store.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only quotes of this speaker: any of the speaker's names or the description the
    /// article gives an unnamed one ("Peskov", "juru bicara"); from files ignoring case
    /// and accents, from the store ignoring case, or an entity id (`per:dmitry-peskov`).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Store (folder or postgres:// URL) to read instead of files [default: $WARTA_DATA, else ./warta-data].
    #[arg(long, value_name = "DIR", conflicts_with = "paths")]
    pub data: Option<PathBuf>,
    /// Store only: output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, short, value_enum, conflicts_with = "paths")]
    pub format: Option<RowFormat>,
    /// Store only: quotes of articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", conflicts_with = "paths")]
    pub since: Option<String>,
    /// Store only: quotes of articles published on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", conflicts_with = "paths")]
    pub until: Option<String>,
    /// Store only: quotes whose speaker is this entity (a name, an alias or an id).
    #[arg(long, value_name = "NAME", conflicts_with = "paths")]
    pub entity: Option<String>,
}

/// With paths: prints each article's source, then its quotes (those of `--speaker` only,
/// when given); articles without a matching quote are skipped. Without: the store's
/// quotes, by publication day.
pub fn run(args: QuotesArgs) -> Result<u8> {
    if args.paths.is_empty() {
        let store = table::StoreArgs {
            data: args.data,
            format: args.format,
        };
        let filter = Filter {
            speaker: args.speaker,
            since: args.since,
            until: args.until,
            entity: args.entity,
            ..Filter::default()
        };
        let format = RowFormat::or_default(store.format);
        table::print(
            &*store.open()?,
            Table::Quotes,
            &filter,
            format,
            Some(table::quote_line),
        )?;
        return Ok(exit::OK);
    }
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
