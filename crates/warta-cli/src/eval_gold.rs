//! `warta eval --gold DIR --docs DIR`: analyse the documents and score them against the gold.

use std::path::Path;

use anyhow::{Context, Result};
use warta_core::Analyzer;
use warta_eval::gold::{self, Prediction};
use warta_ingest::{IngestOptions, Inputs};

use crate::exit;

/// Where the predictions to score come from.
pub enum Predictions<'a> {
    /// Analyse these documents now.
    Analyze(&'a Path),
    /// Read JSON Lines written earlier by `warta analyze` (or another system).
    File(&'a Path),
}

pub fn run(gold_dir: &Path, predictions: Predictions<'_>, json: bool, verbose: bool) -> Result<u8> {
    let gold = gold::load_gold_dir(gold_dir)
        .with_context(|| format!("reading the gold set {}", gold_dir.display()))?;
    let mut failed = 0;
    let predictions = match predictions {
        Predictions::File(path) => gold::load_predictions(path)?,
        Predictions::Analyze(docs) => {
            let analyzer = Analyzer::indonesian();
            let mut predictions = Vec::new();
            for record in Inputs::new(vec![docs.to_path_buf()], IngestOptions::default()) {
                match record {
                    Ok(article) => {
                        predictions.push(Prediction::from_analysis(&analyzer.analyze(&article)))
                    }
                    Err(error) => {
                        failed += 1;
                        eprintln!("warta: {error}");
                    }
                }
            }
            predictions
        }
    };
    let evaluation = gold::evaluate(&gold, &predictions);
    if json {
        println!("{}", serde_json::to_string_pretty(&evaluation.report)?);
    } else {
        println!("{}", evaluation.report);
    }
    if verbose {
        eprintln!("{}", gold::render_misses(&evaluation.documents));
    }
    Ok(exit::finished(failed > 0))
}
