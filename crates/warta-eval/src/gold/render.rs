//! Plain-text rendering: one aligned table per field, and the per-article miss listing.

use std::fmt::{self, Display, Formatter};

use super::score::{Counts, DocumentResult, FieldScore, MissKind, Report, Tally};

impl Display for Report {
    fn fmt(&self, formatter: &mut Formatter<'_>) -> fmt::Result {
        let scores = &self.scores;
        let with_prediction = self.gold_documents - self.documents_without_prediction.len();
        writeln!(
            formatter,
            "{} gold documents, {with_prediction} with a prediction, {} unpaired predictions",
            self.gold_documents,
            self.unpaired_predictions.len()
        )?;

        let mut checks = Table::new(["check", "share", "right", "total"]);
        checks.tally("published date", &scores.published);
        checks.tally("clean: drop absent", &scores.clean.drop_absent);
        checks.tally("clean: keep present", &scores.clean.keep_present);
        write!(formatter, "\n{checks}")?;

        for (name, field) in scores.fields() {
            write!(formatter, "\n{}", field_table(name, field))?;
            if name == "quotes" {
                let mut attributes = Table::new(["quotes matched", "share", "right", "total"]);
                attributes.tally("speaker", &scores.quotes.speaker);
                write!(formatter, "\n{attributes}")?;
            }
            if name == "events" {
                let mut attributes = Table::new(["events matched", "share", "right", "total"]);
                attributes.tally("where", &scores.events.place);
                attributes.tally("when", &scores.events.day);
                write!(formatter, "\n{attributes}")?;
            }
        }
        Ok(())
    }
}

fn field_table(name: &str, field: &FieldScore) -> Table {
    let mut table = Table::new([name, "P", "R", "F1", "TP", "FP", "FN"]);
    for (item_type, counts) in &field.by_type {
        table.counts(item_type, counts);
    }
    table.counts("overall", &field.overall);
    table
}

/// The misses of every article that has any, grouped by article, for `--verbose`.
pub fn render_misses(documents: &[DocumentResult]) -> String {
    let mut text = String::new();
    for document in documents.iter().filter(|d| !d.misses.is_empty()) {
        text.push_str(&format!("== {}\n", document.doc));
        for miss in &document.misses {
            let kind = match miss.kind {
                MissKind::GoldNotFound => "missed",
                MissKind::NotInGold => "extra",
                MissKind::WrongAttribute => "wrong",
                MissKind::NoPrediction => "absent",
            };
            text.push_str(&format!("  {:<10} {kind:<6} {}\n", miss.field, miss.detail));
        }
    }
    text
}

/// A table whose first column is left-aligned and whose other columns are right-aligned.
struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new<const N: usize>(header: [&str; N]) -> Table {
        Table {
            rows: vec![header.iter().map(|cell| (*cell).to_owned()).collect()],
        }
    }

    fn counts(&mut self, label: &str, counts: &Counts) {
        self.rows.push(vec![
            label.to_owned(),
            rate(counts.precision()),
            rate(counts.recall()),
            rate(counts.f1()),
            counts.true_positives.to_string(),
            counts.false_positives.to_string(),
            counts.false_negatives.to_string(),
        ]);
    }

    fn tally(&mut self, label: &str, tally: &Tally) {
        self.rows.push(vec![
            label.to_owned(),
            rate(tally.share()),
            tally.correct.to_string(),
            tally.total.to_string(),
        ]);
    }
}

impl Display for Table {
    fn fmt(&self, formatter: &mut Formatter<'_>) -> fmt::Result {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|column| {
                self.rows
                    .iter()
                    .filter_map(|row| row.get(column))
                    .map(|cell| cell.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in &self.rows {
            let mut line = String::new();
            for (column, cell) in row.iter().enumerate() {
                if column == 0 {
                    line.push_str(&format!("{cell:<width$}", width = widths[0]));
                } else {
                    line.push_str(&format!("  {cell:>width$}", width = widths[column]));
                }
            }
            writeln!(formatter, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// Three decimals, or `-` when the rate is undefined (nothing to divide by).
fn rate(value: Option<f64>) -> String {
    value.map_or("-".to_owned(), |value| format!("{value:.3}"))
}
