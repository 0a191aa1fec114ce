//! Morphology: lemmas and affixes of Indonesian words. (Skeleton: lands with the
//! lemmatiser work.)

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::lang::{LangData, LangError};

/// Grammatical voice shown by a verb's prefix: meN- is active, di- passive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    Active,
    Passive,
}

/// The analysis of one word: its lemma and the affixes stripped to reach it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Morph {
    pub lemma: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefixes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suffixes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clitics: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<Voice>,
}

/// Affix-stripping lemmatiser over a root lexicon (`affixes.toml`, `roots.txt`, `lemmas.tsv`).
#[derive(Debug)]
pub struct Lemmatizer {}

impl Lemmatizer {
    pub fn load(data: &LangData<'_>) -> Result<Self, LangError> {
        data.file("affixes.toml")?;
        data.file("roots.txt")?;
        data.file("lemmas.tsv")?;
        Ok(Lemmatizer {})
    }

    /// Analyses a common word (any case). Proper names are not passed here.
    pub fn analyze(&self, word: &str) -> Morph {
        Morph { lemma: word.to_lowercase(), ..Morph::default() }
    }
}
