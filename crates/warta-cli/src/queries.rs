//! Questions over the store: `warta timeline`, `contradictions`, `entity` and `export`.

use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use warta_store::{Filter, Table};

use crate::exit;
use crate::table::{self, Cells, RowFormat, StoreArgs};

#[derive(Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Events with this entity as actor or recipient (a name, an alias, an id, or words
    /// of an unlinked party's name).
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// Events at this place (a name or an id, any case).
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
    /// Events of the articles of this story (the `story` column of `warta export`).
    #[arg(long, value_name = "N")]
    pub story: Option<i64>,
    /// The reports of one story event (the `story_event` column of `warta events`).
    #[arg(long, value_name = "N")]
    pub story_event: Option<i64>,
    /// Only events of this PLOVER type.
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// From this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

/// The events the filters keep, by resolved day; as text, one line per story event with
/// how many reports tell it, under a heading per day.
pub fn timeline(args: TimelineArgs) -> Result<u8> {
    let store = args.store.open()?;
    let filter = Filter {
        entity: args.entity,
        place: args.place,
        story: args.story,
        story_event: args.story_event,
        event_type: args.event_type,
        since: args.since,
        until: args.until,
        ..Filter::default()
    };
    let format = RowFormat::or_default(args.store.format);
    if format != RowFormat::Text {
        table::print(&*store, Table::Events, &filter, format, None)?;
        return Ok(exit::OK);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut day = None;
    for entry in store.timeline(&filter)? {
        let this_day = if entry.dated {
            entry.day
        } else {
            format!("{} (published)", entry.day)
        };
        if day.as_deref() != Some(this_day.as_str()) {
            writeln!(out, "{this_day}")?;
            day = Some(this_day);
        }
        let line = table::event_line(&Cells::new(Table::Events.columns(), &entry.first));
        let plural = if entry.reports == 1 {
            "report"
        } else {
            "reports"
        };
        writeln!(out, "  {line}  [{} {plural}]", entry.reports)?;
    }
    out.flush()?;
    Ok(exit::OK)
}

#[derive(Args)]
pub struct ContradictionsArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Only story events of this PLOVER type.
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// From this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

/// The numbers claimants give for story events on which they disagree.
pub fn contradictions(args: ContradictionsArgs) -> Result<u8> {
    let filter = Filter {
        event_type: args.event_type,
        since: args.since,
        until: args.until,
        ..Filter::default()
    };
    args.store
        .print(Table::Contradictions, &filter, Some(table::claim_line))
}

/// The tables `warta export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportTable {
    Documents,
    Entities,
    Quotes,
    Events,
    Stories,
    StoryEvents,
}

/// Export formats: the machine-readable ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Jsonl,
    /// A typed, compressed Parquet file (builds with the cargo feature `parquet`).
    Parquet,
}

#[derive(Args)]
pub struct ExportArgs {
    /// Store folder, or a postgres:// URL [default: $WARTA_DATA, else ./warta-data].
    #[arg(long, value_name = "DIR")]
    pub data: Option<std::path::PathBuf>,
    /// The table to write.
    #[arg(long, value_enum)]
    pub table: ExportTable,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "csv")]
    pub format: ExportFormat,
}

pub fn export(args: ExportArgs) -> Result<u8> {
    let table = match args.table {
        ExportTable::Documents => Table::Documents,
        ExportTable::Entities => Table::Entities,
        ExportTable::Quotes => Table::Quotes,
        ExportTable::Events => Table::Events,
        ExportTable::Stories => Table::Stories,
        ExportTable::StoryEvents => Table::StoryEvents,
    };
    let format = match args.format {
        ExportFormat::Csv => RowFormat::Csv,
        ExportFormat::Jsonl => RowFormat::Jsonl,
        ExportFormat::Parquet => return export_parquet(args.data, table),
    };
    let store = StoreArgs {
        data: args.data,
        format: Some(format),
    };
    store.print(table, &Filter::default(), None)
}

/// Writes the table to stdout as Parquet, which is binary: refused on a terminal.
#[cfg(feature = "parquet")]
fn export_parquet(data: Option<std::path::PathBuf>, table: Table) -> Result<u8> {
    use std::io::IsTerminal;
    if io::stdout().is_terminal() {
        eprintln!("warta: Parquet is binary: redirect it to a file (> {table:?}.parquet)");
        return Ok(exit::USAGE);
    }
    let store = StoreArgs { data, format: None }.open()?;
    crate::parquet::write(&*store, table, io::BufWriter::new(io::stdout()))?;
    Ok(exit::OK)
}

/// Without the `parquet` feature: says how to get it (Parquet's dependencies take
/// minutes to compile, so the default build leaves them out).
#[cfg(not(feature = "parquet"))]
fn export_parquet(_: Option<std::path::PathBuf>, _: Table) -> Result<u8> {
    eprintln!(
        "warta: this warta was built without Parquet export; build it with \
         `cargo build --release -p warta-cli --features parquet`, or export \
         --format csv or jsonl"
    );
    Ok(exit::USAGE)
}

#[derive(Args)]
pub struct EntityArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// A name, an alias or an entity id ("Zelensky", "Kiev", `loc:gaza-strip`).
    #[arg(value_name = "NAME")]
    pub name: String,
}

/// A profile of one entity: what the knowledge base says (kind, country, roles), how often
/// the store mentions it, its quotes and events per month, and its events.
pub fn entity(args: EntityArgs) -> Result<u8> {
    let store = args.store.open()?;
    let Some(profile) = store.entity(&args.name)? else {
        bail!("the store mentions no entity named {:?}", args.name);
    };
    let text =
        |row: &serde_json::Map<String, serde_json::Value>, column: &str| match row.get(column) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
    let id = text(&profile.entity, "entity_id");
    let format = RowFormat::or_default(args.store.format);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        RowFormat::Jsonl => {
            serde_json::to_writer(&mut out, &profile)?;
            writeln!(out)?;
        }
        RowFormat::Csv => {
            writeln!(out, "{}", Table::Months.columns().join(","))?;
            for row in &profile.months {
                let cells: Vec<String> = Table::Months
                    .columns()
                    .iter()
                    .map(|column| text(row, column))
                    .collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
        RowFormat::Text => {
            let entity = &profile.entity;
            writeln!(
                out,
                "{} ({}, {}{})",
                text(entity, "name"),
                id,
                text(entity, "entity_type"),
                [text(entity, "kind"), text(entity, "country")]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .map(|s| format!(", {s}"))
                    .collect::<String>()
            )?;
            writeln!(
                out,
                "  in {} documents, {} mentions",
                text(entity, "documents"),
                text(entity, "mentions")
            )?;
            for role in profile.kb.iter().flat_map(|e| &e.roles) {
                let title = role
                    .title
                    .clone()
                    .or_else(|| role.cameo.clone())
                    .unwrap_or_default();
                let from = role.from.map(|d| d.to_string()).unwrap_or_default();
                let to = role.to.map(|d| d.to_string()).unwrap_or_default();
                writeln!(out, "  role: {title} ({from} – {to})")?;
            }
            writeln!(out, "  month     quotes  as actor  as recipient")?;
            for row in &profile.months {
                writeln!(
                    out,
                    "  {:<8} {:>7} {:>9} {:>13}",
                    text(row, "month"),
                    text(row, "quotes"),
                    text(row, "events_as_actor1"),
                    text(row, "events_as_actor2")
                )?;
            }
            writeln!(out, "  events:")?;
            // Events of the entity found, not of every entity sharing the name.
            let filter = Filter {
                entity: Some(id),
                ..Filter::default()
            };
            store.rows(Table::Events, &filter, &mut |values| {
                let cells = Cells::new(Table::Events.columns(), values);
                writeln!(out, "    {}", table::event_line(&cells)).map_err(warta_store::Error::Io)
            })?;
        }
    }
    out.flush()?;
    Ok(exit::OK)
}
