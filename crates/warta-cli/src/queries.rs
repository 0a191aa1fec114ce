//! Questions over the store: `warta timeline`, `contradictions`, `entity` and `export`.

use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use warta_kb::Kb;
use warta_store::{Filter, Table, Value};

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
    let columns = Table::Events.columns();
    let mut out = io::BufWriter::new(io::stdout().lock());
    // Rows come ordered by day, then story event: reports of one event are adjacent.
    let mut day = None;
    let mut pending: Option<(String, String, u64)> = None;
    let flush = |out: &mut dyn Write, pending: &mut Option<(String, String, u64)>| {
        if let Some((_, line, reports)) = pending.take() {
            let plural = if reports == 1 { "report" } else { "reports" };
            writeln!(out, "  {line}  [{reports} {plural}]")?;
        }
        io::Result::Ok(())
    };
    store.rows(Table::Events, &filter, &mut |values| {
        let cells = Cells::new(columns, values);
        let this_day = cells.text("event_date");
        let this_day = if this_day.is_empty() {
            format!("{} (published)", cells.text("published"))
        } else {
            this_day
        };
        let story_event = cells.text("story_event");
        let same = pending
            .as_ref()
            .is_some_and(|(id, _, _)| *id == story_event)
            && day.as_deref() == Some(this_day.as_str());
        if same {
            if let Some((_, _, reports)) = pending.as_mut() {
                *reports += 1;
            }
            return Ok(());
        }
        flush(&mut out, &mut pending)?;
        if day.as_deref() != Some(this_day.as_str()) {
            writeln!(out, "{this_day}")?;
            day = Some(this_day);
        }
        pending = Some((story_event, table::event_line(&cells), 1));
        Ok(())
    })?;
    flush(&mut out, &mut pending)?;
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
    table::print(
        &*args.store.open()?,
        Table::Contradictions,
        &filter,
        RowFormat::or_default(args.store.format),
        Some(table::claim_line),
    )?;
    Ok(exit::OK)
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
}

#[derive(Args)]
pub struct ExportArgs {
    /// Store folder [default: $WARTA_DATA, else ./warta-data].
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
    };
    let store = StoreArgs {
        data: args.data,
        format: None,
    };
    table::print(&*store.open()?, table, &Filter::default(), format, None)?;
    Ok(exit::OK)
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
    let filter = Filter {
        entity: Some(args.name.clone()),
        ..Filter::default()
    };
    let mut found: Vec<Value> = Vec::new();
    store.rows(Table::Entities, &filter, &mut |values| {
        if found.is_empty() {
            found = values.to_vec();
        }
        Ok(())
    })?;
    if found.is_empty() {
        bail!("the store mentions no entity named {:?}", args.name);
    }
    let columns = Table::Entities.columns();
    let profile = Cells::new(columns, &found);
    let id = profile.text("entity_id");
    // Later rows narrow to the entity found, not every entity sharing the name.
    let filter = Filter {
        entity: Some(id.clone()),
        ..Filter::default()
    };
    let kb = Kb::embedded();
    let known = kb.get(&id);
    let mut months: Vec<Vec<Value>> = Vec::new();
    store.rows(Table::Months, &filter, &mut |values| {
        months.push(values.to_vec());
        Ok(())
    })?;
    let format = RowFormat::or_default(args.store.format);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        RowFormat::Jsonl => {
            let month_columns = Table::Months.columns();
            let object = serde_json::json!({
                "entity": object(columns, &found)?,
                "kb": known,
                "months": months
                    .iter()
                    .map(|row| object(month_columns, row))
                    .collect::<serde_json::Result<Vec<_>>>()?,
            });
            serde_json::to_writer(&mut out, &object)?;
            writeln!(out)?;
        }
        RowFormat::Csv => {
            writeln!(out, "{}", Table::Months.columns().join(","))?;
            for row in &months {
                let cells: Vec<String> = row.iter().map(Value::to_text).collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
        RowFormat::Text => {
            writeln!(
                out,
                "{} ({}, {}{})",
                profile.text("name"),
                id,
                profile.text("entity_type"),
                [profile.text("kind"), profile.text("country")]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .map(|s| format!(", {s}"))
                    .collect::<String>()
            )?;
            writeln!(
                out,
                "  in {} documents, {} mentions",
                profile.text("documents"),
                profile.text("mentions")
            )?;
            for role in known.iter().flat_map(|e| &e.roles) {
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
            for row in &months {
                let cells = Cells::new(Table::Months.columns(), row);
                writeln!(
                    out,
                    "  {:<8} {:>7} {:>9} {:>13}",
                    cells.text("month"),
                    cells.text("quotes"),
                    cells.text("events_as_actor1"),
                    cells.text("events_as_actor2")
                )?;
            }
            writeln!(out, "  events:")?;
            store.rows(Table::Events, &filter, &mut |values| {
                let cells = Cells::new(Table::Events.columns(), values);
                writeln!(out, "    {}", table::event_line(&cells)).map_err(warta_store::Error::Io)
            })?;
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

/// A row as a JSON object keyed by column name.
fn object(
    columns: &[&str],
    values: &[Value],
) -> serde_json::Result<serde_json::Map<String, serde_json::Value>> {
    columns
        .iter()
        .zip(values)
        .map(|(column, value)| Ok(((*column).to_string(), serde_json::to_value(value)?)))
        .collect()
}
