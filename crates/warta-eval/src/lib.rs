//! placeholder

pub mod conllu;
pub mod gold;
pub mod lemma;
pub mod sentences;
