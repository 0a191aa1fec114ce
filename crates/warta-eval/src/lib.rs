//! placeholder

pub mod conllu;
pub mod lemma;
pub mod sentences;
