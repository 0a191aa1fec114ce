//! warta-core: the pure analysis core of warta.
//!
//! It turns one [`Article`] (text that an ingest reader already decoded) into an
//! [`Analysis`]: the cleaned text, the metadata the text reveals, sentences and
//! tokens with lemmas, and (as later stages land) entities, quotes, events,
//! quantities and dates. Every span is a byte range into [`Analysis::text`].
//!
//! The core does no IO, keeps no global state and is deterministic: an
//! [`Analyzer`] is built once from a [`Language`] pack and shared across threads.
//!
//! ```
//! use warta_core::{Analyzer, Article};
//! let analyzer = Analyzer::indonesian();
//! let article = Article::from_text("contoh.txt", "Presiden menolak usul itu pada Senin.\n");
//! let analysis = analyzer.analyze(&article);
//! assert_eq!(analysis.sentences.len(), 1);
//! ```

pub mod analysis;
pub mod article;
pub mod clause;
pub mod clean;
pub mod coref;
pub mod dates;
pub mod entities;
pub mod event;
pub mod lang;
pub mod meta;
pub mod morph;
pub mod numbers;
pub mod quantity;
pub mod segment;
pub mod span;
pub mod speech;
pub mod token;

mod analyzer;

pub use analysis::Analysis;
pub use analyzer::Analyzer;
pub use article::Article;
pub use lang::Language;
pub use span::Span;
