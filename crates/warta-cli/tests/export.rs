//! `warta export` over a store of the bundled samples: every cell has the type its column
//! declares (what Parquet writes), and with the `parquet` feature the Parquet file reads
//! back with those types and the same values as the JSON Lines export.

mod common;

use std::path::{Path, PathBuf};

use common::{Scratch, warta};
use warta_store::{Kind, Table};

/// The tables `warta export` writes, by their `--table` names.
const TABLES: [(&str, Table); 6] = [
    ("documents", Table::Documents),
    ("entities", Table::Entities),
    ("quotes", Table::Quotes),
    ("events", Table::Events),
    ("stories", Table::Stories),
    ("story-events", Table::StoryEvents),
];

/// A store of the bundled samples (quotes, events, story events, places with coordinates).
fn sample_store(scratch: &Scratch) -> PathBuf {
    let data = scratch.0.join("data");
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
    let ingest = warta(&["ingest", "--quiet", samples], &data);
    assert!(
        ingest.status.success(),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    data
}

/// The table's rows as JSON Lines, each cell in column order.
fn rows(name: &str, table: Table, data: &Path) -> Vec<Vec<serde_json::Value>> {
    let output = warta(&["export", "--table", name, "--format", "jsonl"], data);
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(row.as_object().unwrap().len(), table.columns().len());
            table.columns().iter().map(|c| row[c].clone()).collect()
        })
        .collect()
}

#[test]
fn every_cell_has_its_columns_declared_type() {
    let scratch = Scratch::new("export-types");
    let data = sample_store(&scratch);
    for (name, table) in TABLES {
        let types = table.types();
        assert_eq!(types.len(), table.columns().len(), "{name}");
        let rows = rows(name, table, &data);
        assert!(!rows.is_empty(), "{name}");
        for row in rows {
            for ((value, column), column_type) in row.iter().zip(table.columns()).zip(types) {
                let fits = match (value, column_type.kind) {
                    (serde_json::Value::Null, _) => column_type.nullable,
                    (value, Kind::Integer) => value.is_i64(),
                    (value, Kind::Real) => value.is_number(),
                    (value, Kind::Text) => value.is_string(),
                };
                assert!(fits, "{name}.{column} is {column_type:?} but holds {value}");
            }
        }
    }
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_says_how_to_build_it() {
    let scratch = Scratch::new("export-no-parquet");
    let data = sample_store(&scratch);
    let output = warta(
        &["export", "--table", "events", "--format", "parquet"],
        &data,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--features parquet"), "{stderr}");
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_reads_back_with_the_declared_types_and_the_jsonl_values() {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int64Type};
    use arrow_schema::DataType;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use std::fs;

    let scratch = Scratch::new("export-parquet");
    let data = sample_store(&scratch);
    for (name, table) in TABLES {
        let output = warta(&["export", "--table", name, "--format", "parquet"], &data);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let path = scratch.0.join(format!("{name}.parquet"));
        fs::write(&path, &output.stdout).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(fs::File::open(&path).unwrap())
            .unwrap()
            .build()
            .unwrap();

        let expected = rows(name, table, &data);
        let mut read = 0;
        for batch in reader {
            let batch = batch.unwrap();
            let schema = batch.schema();
            for (i, (column, column_type)) in table.columns().iter().zip(table.types()).enumerate()
            {
                let field = schema.field(i);
                assert_eq!(field.name(), column);
                assert_eq!(field.is_nullable(), column_type.nullable, "{name}.{column}");
                let data_type = match column_type.kind {
                    Kind::Integer => DataType::Int64,
                    Kind::Real => DataType::Float64,
                    Kind::Text => DataType::Utf8,
                };
                assert_eq!(field.data_type(), &data_type, "{name}.{column}");
            }
            for row in 0..batch.num_rows() {
                for (i, column) in table.columns().iter().enumerate() {
                    let array = batch.column(i);
                    let got = if array.is_null(row) {
                        serde_json::Value::Null
                    } else {
                        match array.data_type() {
                            DataType::Int64 => array.as_primitive::<Int64Type>().value(row).into(),
                            DataType::Float64 => {
                                array.as_primitive::<Float64Type>().value(row).into()
                            }
                            _ => array.as_string::<i32>().value(row).into(),
                        }
                    };
                    let want = &expected[read + row][i];
                    let same = match (&got, want) {
                        (serde_json::Value::Number(a), serde_json::Value::Number(b)) => {
                            a.as_f64() == b.as_f64()
                        }
                        _ => &got == want,
                    };
                    assert!(same, "{name} row {} {column}: {got} != {want}", read + row);
                }
            }
            read += batch.num_rows();
        }
        assert_eq!(read, expected.len(), "{name}");
    }
}
