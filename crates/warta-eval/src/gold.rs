//! Scores system output against the document-level gold annotations described in
//! `GOLD_FORMAT.md` (`warta eval --gold DIR`).
//!
//! The flow: [`load_gold_dir`] reads the gold; [`load_predictions`] (JSON Lines from any
//! system) or [`Prediction::from_analysis`] (warta's own output) gives the predictions;
//! [`evaluate`] pairs them by file name and scores them; the [`Report`] prints as text
//! tables (`Display`) or serialises for `--json`; [`render_misses`] lists what each article
//! got wrong. The interpretation choices the format leaves open are listed in [`score`].

mod annotation;
mod assign;
mod normalize;
mod prediction;
mod render;
pub mod score;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use annotation::{
    GoldClean, GoldDate, GoldDoc, GoldEntity, GoldEvent, GoldQuantity, GoldQuote, load_gold_dir,
    load_gold_file,
};
pub use normalize::normalize;
pub use prediction::{
    PredictedDate, PredictedEntity, PredictedEvent, PredictedQuantity, PredictedQuote, Prediction,
    load_predictions, parse_predictions,
};
pub use render::render_misses;
pub use score::{
    CleanScore, Counts, DocumentResult, Evaluation, EventScore, FieldScore, Miss, MissKind,
    QuoteScore, Report, Scores, Tally, evaluate, score_document,
};

/// Why gold or predictions could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a gold file: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path}:{line}: not a JSON article: {source}")]
    PredictionJson {
        path: PathBuf,
        line: usize,
        source: serde_json::Error,
    },
}
