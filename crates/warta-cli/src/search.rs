//! `warta search`: full-text search of the store, in Indonesian, with filters.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use warta_store::{Access, Hit, SearchQuery};

use crate::{Format, data_dir, exit};

#[derive(Args)]
pub struct SearchArgs {
    /// Store folder, or a postgres:// URL [default: $WARTA_DATA, else ./warta-data].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
    /// Only articles that mention this entity: a name, any alias the knowledge base
    /// knows ("Kiev" for Kyiv), or an entity id (`loc:gaza-strip`).
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// Only articles with an event of this PLOVER type (ASSAULT, PROTEST, …).
    #[arg(long = "type", value_name = "EVENT_TYPE")]
    pub event_type: Option<String>,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only articles of this outlet (any case).
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// At most this many hits, best first.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Words to find, in one argument or several; "quoted words" must stand together.
    /// None (or "") lists the articles the filters keep.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

pub fn run(args: SearchArgs) -> Result<u8> {
    let dir = data_dir(args.data);
    let store = warta_store::open(&dir, Access::Read)
        .with_context(|| format!("opening the store in {}", warta_store::shown(&dir)))?;
    let hits = store.search(&SearchQuery {
        text: args.query.join(" "),
        entity: args.entity,
        event_type: args.event_type,
        since: args.since,
        until: args.until,
        outlet: args.outlet,
        limit: args.limit,
        offset: 0,
    })?;
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        Format::Text
    } else {
        Format::Jsonl
    });
    let mut out = BufWriter::new(io::stdout().lock());
    for hit in &hits {
        match format {
            Format::Jsonl => {
                serde_json::to_writer(&mut out, hit)?;
                out.write_all(b"\n")?;
            }
            Format::Text => write_text(&mut out, hit)?,
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

/// A hit as a few readable lines: headline, where and when, and the snippet with the
/// matched words in [brackets].
fn write_text(out: &mut impl Write, hit: &Hit) -> io::Result<()> {
    let title = hit.title.as_deref().unwrap_or("(no headline)");
    writeln!(out, "{title}")?;
    let facts: Vec<&str> = [hit.outlet.as_deref(), hit.published.as_deref()]
        .into_iter()
        .flatten()
        .chain([hit.url.as_deref().unwrap_or(&hit.source)])
        .collect();
    writeln!(out, "  {}", facts.join(" · "))?;
    let mut marked = String::with_capacity(hit.snippet.len() + 8);
    let mut last = 0;
    for [start, end] in &hit.highlights {
        marked.push_str(&hit.snippet[last..*start]);
        marked.push('[');
        marked.push_str(&hit.snippet[*start..*end]);
        marked.push(']');
        last = *end;
    }
    marked.push_str(&hit.snippet[last..]);
    writeln!(out, "  {}\n", marked.replace('\n', " "))
}
