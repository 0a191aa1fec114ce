//! `warta events`: who did what to whom, coded with PLOVER types, read from the given
//! files on the fly or, without files, from the store.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use warta_core::analysis::Event;
use warta_store::{Filter, Table};

use crate::table::{self, StoreArgs};
use crate::{listing, report};

#[derive(Args)]
pub struct EventsArgs {
    /// Files, folders (read recursively) or `-` for stdin, analysed on the fly. Without
    /// any, the events come from the store.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only events of this PLOVER type (ASSAULT, REJECT, REQUEST, …; any case).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    #[command(flatten)]
    pub store: table::StoreInsteadArgs,
    /// Store only: events on or after this day (YYYY-MM-DD): the day the event is dated
    /// to, else its article's publication day.
    #[arg(long, value_name = "DATE", conflicts_with = "paths")]
    pub since: Option<String>,
    /// Store only: events on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", conflicts_with = "paths")]
    pub until: Option<String>,
    /// Store only: events with this entity as actor or recipient (a name, an alias, an
    /// id, or words of an unlinked party's name).
    #[arg(long, value_name = "NAME", conflicts_with = "paths")]
    pub entity: Option<String>,
    /// Store only: events at this place (a name or an id, any case).
    #[arg(long, value_name = "NAME", conflicts_with = "paths")]
    pub place: Option<String>,
}

/// With paths: prints each article's source, then its events (those of `--type` only,
/// when given); articles without a matching event are skipped. Without: the store's
/// events, by day.
pub fn run(args: EventsArgs) -> Result<u8> {
    if args.paths.is_empty() {
        let filter = Filter {
            event_type: args.event_type,
            since: args.since,
            until: args.until,
            entity: args.entity,
            place: args.place,
            ..Filter::default()
        };
        return StoreArgs::from(args.store).print(Table::Events, &filter, Some(table::event_line));
    }
    let wanted = args.event_type.as_deref().map(str::to_uppercase);
    listing::each_article_with(
        args.paths,
        |analysis| &analysis.events,
        |event: &Event| wanted.as_deref().is_none_or(|w| event.event_type == w),
        |out, analysis, events| report::write_events(out, &analysis.text, events),
    )
}
