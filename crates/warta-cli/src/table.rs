//! Printing the store's tables (`warta quotes`/`events` over a store, `timeline`,
//! `contradictions`, `entity`, `export`) as JSON Lines, CSV or readable text.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use warta_store::{Access, Filter, Store, Table, Value};

use crate::{data_dir, exit};

/// Output formats of the commands that list rows of the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RowFormat {
    /// One JSON object per row, keys in column order.
    Jsonl,
    /// A header line with the column names, then one line per row (RFC 4180 quoting).
    Csv,
    /// Readable lines.
    Text,
}

impl RowFormat {
    /// The format asked for, else text on a terminal and JSON Lines in a pipe.
    pub fn or_default(format: Option<RowFormat>) -> RowFormat {
        format.unwrap_or(if io::stdout().is_terminal() {
            RowFormat::Text
        } else {
            RowFormat::Jsonl
        })
    }
}

/// The store options the reading commands share.
#[derive(Args)]
pub struct StoreArgs {
    /// Store folder, or a postgres:// URL [default: $WARTA_DATA, else ./warta-data].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, short, value_enum)]
    pub format: Option<RowFormat>,
}

impl StoreArgs {
    pub fn open(&self) -> Result<Box<dyn Store + Send>> {
        let dir = data_dir(self.data.clone());
        warta_store::open(&dir, Access::Read)
            .with_context(|| format!("opening the store in {}", warta_store::shown(&dir)))
    }

    /// Prints the rows of `table` that `filter` keeps in the format asked for (as text by
    /// `text`, else every column): what a listing command without files answers.
    pub fn print(&self, table: Table, filter: &Filter, text: Option<TextLine>) -> Result<u8> {
        print(
            &*self.open()?,
            table,
            filter,
            RowFormat::or_default(self.format),
            text,
        )?;
        Ok(exit::OK)
    }
}

/// The store options of a command that reads the given files or, without any, the store
/// (`warta quotes`, `warta events`): [`StoreArgs`], refused beside files.
#[derive(Args)]
pub struct StoreInsteadArgs {
    /// Store (folder or postgres:// URL) to read instead of files [default: $WARTA_DATA, else ./warta-data].
    #[arg(long, value_name = "DIR", conflicts_with = "paths")]
    pub data: Option<PathBuf>,
    /// Store only: output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, short, value_enum, conflicts_with = "paths")]
    pub format: Option<RowFormat>,
}

impl From<StoreInsteadArgs> for StoreArgs {
    fn from(args: StoreInsteadArgs) -> StoreArgs {
        StoreArgs {
            data: args.data,
            format: args.format,
        }
    }
}

/// How one row reads as text: the table's columns and the cells of one row.
pub type TextLine = fn(&Cells<'_>) -> String;

/// A row's cells by column name.
pub struct Cells<'a> {
    columns: &'static [&'static str],
    values: &'a [Value],
}

impl<'a> Cells<'a> {
    /// The cells `values` of a row of a table with these `columns`.
    pub fn new(columns: &'static [&'static str], values: &'a [Value]) -> Cells<'a> {
        Cells { columns, values }
    }

    /// The cell of `column` as text, empty when null or absent.
    pub fn text(&self, column: &str) -> String {
        self.columns
            .iter()
            .position(|c| *c == column)
            .map(|i| self.values[i].to_text())
            .unwrap_or_default()
    }
}

/// Streams a table to stdout; `text` renders a row for [`RowFormat::Text`] (every non-empty
/// cell as `name: value` when none is given). Returns the number of rows.
pub fn print(
    store: &dyn Store,
    table: Table,
    filter: &Filter,
    format: RowFormat,
    text: Option<TextLine>,
) -> Result<u64> {
    let columns = table.columns();
    let mut out = BufWriter::new(io::stdout().lock());
    if format == RowFormat::Csv {
        let header: Vec<String> = columns.iter().map(|c| csv_field(c)).collect();
        writeln!(out, "{}", header.join(","))?;
    }
    let mut count = 0;
    store.rows(table, filter, &mut |values| {
        count += 1;
        let cells = Cells { columns, values };
        match format {
            RowFormat::Jsonl => write_json(&mut out, &cells),
            RowFormat::Csv => {
                let fields: Vec<String> = values.iter().map(|v| csv_field(&v.to_text())).collect();
                writeln!(out, "{}", fields.join(","))
            }
            RowFormat::Text => writeln!(out, "{}", text.unwrap_or(generic_line)(&cells)),
        }
        .map_err(warta_store::Error::Io)
    })?;
    out.flush()?;
    Ok(count)
}

/// One JSON object with the keys in column order (a map would sort them).
pub fn write_json(out: &mut impl Write, cells: &Cells<'_>) -> io::Result<()> {
    out.write_all(b"{")?;
    for (i, (column, value)) in cells.columns.iter().zip(cells.values).enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, column)?;
        out.write_all(b":")?;
        serde_json::to_writer(&mut *out, value)?;
    }
    out.write_all(b"}\n")
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn generic_line(cells: &Cells<'_>) -> String {
    cells
        .columns
        .iter()
        .zip(cells.values)
        .filter(|(_, v)| !matches!(v, Value::Null) && v.to_text() != "")
        .map(|(c, v)| format!("{c}: {}", v.to_text().replace('\n', " ")))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// An event row as a line: day, type, who → whom, where, numbers, claimant, outlet and
/// the story event it reports.
pub fn event_line(cells: &Cells<'_>) -> String {
    let or_dash = |s: String| if s.is_empty() { "—".to_string() } else { s };
    let mut line = format!(
        "{:<10}  {:<10} {} → {}",
        or_dash(cells.text("event_date")),
        cells.text("event_type"),
        or_dash(cells.text("actor1")),
        or_dash(cells.text("actor2")),
    );
    for (column, label) in [
        ("location", "at"),
        ("numbers", "numbers:"),
        ("claimant", "claimed by"),
    ] {
        let text = cells.text(column);
        if !text.is_empty() {
            line.push_str(&format!("  {label} {text}"));
        }
    }
    let outlet = cells.text("outlet");
    let source = if outlet.is_empty() {
        cells.text("source")
    } else {
        outlet
    };
    line.push_str(&format!(
        "  ({source}; story event {})",
        cells.text("story_event")
    ));
    line
}

/// A quote row as a line: day, speaker, the words, outlet and source chain.
pub fn quote_line(cells: &Cells<'_>) -> String {
    let speaker = [cells.text("speaker"), cells.text("speaker_description")]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "(unknown speaker)".into());
    let mut line = format!(
        "{:<10}  {speaker}: “{}”  ({}",
        cells.text("published"),
        cells.text("quote").replace('\n', " "),
        cells.text("outlet"),
    );
    let via = cells.text("via");
    if !via.is_empty() {
        line.push_str(&format!("; via {via}"));
    }
    line.push(')');
    line
}

/// A contradiction row as a line: the story event, then who gives which number.
pub fn claim_line(cells: &Cells<'_>) -> String {
    format!(
        "story event {} ({} {} at {}): {} says {} ({})",
        cells.text("story_event"),
        cells.text("event_date"),
        cells.text("event_type"),
        cells.text("location"),
        cells.text("claimant"),
        cells.text("number_text"),
        cells.text("source"),
    )
}
