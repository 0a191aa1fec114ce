//! `warta export --format parquet` (cargo feature `parquet`): a table of the store as one
//! Parquet file, typed from [`Table::types`] (integers Int64, reals Float64, text Utf8,
//! nullable where a cell may be missing), zstd-compressed, streamed in row groups so
//! that exporting a large store runs in flat memory.

use std::io::Write;
use std::sync::Arc;

use anyhow::Result;
use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use warta_store::{ColumnType, Filter, Kind, Store, Table, Value};

/// Rows gathered in Arrow builders before they go to the Parquet writer.
const BATCH_ROWS: usize = 8_192;

/// Rows per row group: what a reader can skip or read in parallel, and what the writer
/// keeps in memory (encoded) before writing it out.
const ROW_GROUP_ROWS: usize = 65_536;

/// One column being filled.
enum Column {
    Integer(Int64Builder),
    Real(Float64Builder),
    Text(StringBuilder),
}

impl Column {
    fn new(kind: Kind) -> Column {
        match kind {
            Kind::Integer => Column::Integer(Int64Builder::with_capacity(BATCH_ROWS)),
            Kind::Real => Column::Real(Float64Builder::with_capacity(BATCH_ROWS)),
            Kind::Text => Column::Text(StringBuilder::new()),
        }
    }

    /// Appends a cell; `false` when its value does not fit the column's type. SQLite
    /// may hand out a whole number from a REAL column, which widens without loss.
    fn push(&mut self, value: &Value) -> bool {
        match (self, value) {
            (Column::Integer(b), Value::Null) => b.append_null(),
            (Column::Real(b), Value::Null) => b.append_null(),
            (Column::Text(b), Value::Null) => b.append_null(),
            (Column::Integer(b), Value::Integer(n)) => b.append_value(*n),
            (Column::Real(b), Value::Real(x)) => b.append_value(*x),
            (Column::Real(b), Value::Integer(n)) => b.append_value(*n as f64),
            (Column::Text(b), Value::Text(s)) => b.append_value(s),
            _ => return false,
        }
        true
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Integer(b) => Arc::new(b.finish()),
            Column::Real(b) => Arc::new(b.finish()),
            Column::Text(b) => Arc::new(b.finish()),
        }
    }
}

/// The Arrow schema of a table.
fn schema(table: Table) -> SchemaRef {
    let fields: Vec<Field> = table
        .columns()
        .iter()
        .zip(table.types())
        .map(|(name, ColumnType { kind, nullable })| {
            let data_type = match kind {
                Kind::Integer => DataType::Int64,
                Kind::Real => DataType::Float64,
                Kind::Text => DataType::Utf8,
            };
            Field::new(*name, data_type, *nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// Writes every row of `table` to `out` as one Parquet file.
pub fn write(store: &dyn Store, table: Table, out: impl Write + Send) -> Result<()> {
    let schema = schema(table);
    let properties = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .build();
    let mut writer = ArrowWriter::try_new(out, Arc::clone(&schema), Some(properties))?;
    let mut columns: Vec<Column> = table.types().iter().map(|t| Column::new(t.kind)).collect();
    let mut rows = 0;
    // `Store::rows` stops on the store's error type; the real failure is carried out here.
    let mut failure: Option<anyhow::Error> = None;
    let stop = || warta_store::Error::Io(std::io::Error::other("parquet export stopped"));
    let flush = |columns: &mut Vec<Column>, writer: &mut ArrowWriter<_>| -> Result<()> {
        let arrays: Vec<ArrayRef> = columns.iter_mut().map(Column::finish).collect();
        writer.write(&RecordBatch::try_new(Arc::clone(&schema), arrays)?)?;
        Ok(())
    };
    let listed = store.rows(table, &Filter::default(), &mut |cells| {
        for ((column, value), (name, kind)) in columns
            .iter_mut()
            .zip(cells)
            .zip(table.columns().iter().zip(table.types()))
        {
            if !column.push(value) {
                failure = Some(anyhow::anyhow!(
                    "column {name} of table {table:?} is declared {:?} but holds {value:?}",
                    kind.kind
                ));
                return Err(stop());
            }
        }
        rows += 1;
        if rows % BATCH_ROWS == 0
            && let Err(error) = flush(&mut columns, &mut writer)
        {
            failure = Some(error);
            return Err(stop());
        }
        Ok(())
    });
    if let Some(failure) = failure {
        return Err(failure);
    }
    listed?;
    if rows % BATCH_ROWS != 0 {
        flush(&mut columns, &mut writer)?;
    }
    writer.close()?;
    Ok(())
}
