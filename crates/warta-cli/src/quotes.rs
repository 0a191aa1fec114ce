//! `warta quotes`: statements with speaker, cue and source chain, read from the given
//! files on the fly or, without files, from the store.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use warta_core::analysis::Quote;
use warta_kb::fold;
use warta_store::{Filter, Table};

use crate::table::{self, StoreArgs};
use crate::{listing, report};

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
    #[command(flatten)]
    pub store: table::StoreInsteadArgs,
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
        let filter = Filter {
            speaker: args.speaker,
            since: args.since,
            until: args.until,
            entity: args.entity,
            ..Filter::default()
        };
        return StoreArgs::from(args.store).print(Table::Quotes, &filter, Some(table::quote_line));
    }
    let wanted = args.speaker.as_deref().map(fold);
    listing::each_article_with(
        args.paths,
        |analysis| &analysis.quotes,
        |quote: &Quote| wanted.as_deref().is_none_or(|w| spoken_by(quote, w)),
        |out, _, quotes| report::write_quotes(out, quotes),
    )
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
