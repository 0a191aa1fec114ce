//! A statistical name tagger for Indonesian.
//!
//! The tagger finds the names a knowledge base lacks (new officials, villages, units): it
//! labels each token of a sentence with a BIO tag (`B-PERSON`, `I-PERSON`, `O`, …) and
//! [`entities`] turns the tags into typed spans.
//!
//! The model is a first-order linear chain over BIO tags trained as an averaged structured
//! perceptron and decoded with Viterbi under the BIO constraint (an `I-X` only continues a
//! `B-X` or `I-X`). A linear model was chosen over a neural one because warta must tag every
//! sentence of every article on one core at hundreds of thousands of tokens per second, with
//! no runtime and no download; its features (word forms, shapes, affixes, neighbours, cue
//! words such as "Presiden" or "provinsi" from `data/id/cues.txt`, and optionally a
//! [`Gazetteer`] of known names) carry most of what a larger model would learn.
//!
//! Everything here is pure: training and tagging take and return values, the model
//! serialises to and from bytes ([`Model::to_bytes`], [`Model::from_bytes`]), and the same
//! data and options always give the same model.
//!
//! ```no_run
//! # fn main() -> Result<(), warta_ner::ModelError> {
//! let model = warta_ner::Model::from_bytes(&std::fs::read("ner-id.bin").unwrap())?;
//! let tokens = ["Presiden", "Joko", "Widodo", "tiba", "di", "Jakarta", "."];
//! for entity in warta_ner::entities(&model.tag(&tokens)) {
//!     println!("{} {:?}", entity.kind, &tokens[entity.start..entity.end]);
//! }
//! # Ok(()) }
//! ```

mod corpus;
mod features;
mod label;
mod model;
mod score;
mod train;

pub use corpus::{ParseError, Sentence, parse_bio};
pub use features::{Cues, Gazetteer};
pub use label::{EntityType, Label};
pub use model::{Model, ModelError};
pub use score::{Entity, Score, ScoreCounts, entities};
pub use train::{TrainOptions, Trained, train, train_with_dev};

/// The model shipped with warta: NER-UI and NER-UGM (IndoLEM, CC BY 4.0), persons,
/// organisations and places; `warta train ner` rebuilds it (see `model/README.md`).
pub const SHIPPED_MODEL: &[u8] = include_bytes!("../model/ner-id.bin");
