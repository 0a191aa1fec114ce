//! The gold side: one `*.gold.json` file per article, as GOLD_FORMAT.md describes.
//!
//! Optional fields may be missing: lists default to empty, and a missing `published` means
//! "not annotated" (not scored) whereas `null` means "cannot be known from the text".

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use super::GoldError;

/// What a careful analyst reads out of one article.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct GoldDoc {
    /// File name of the article; predictions are paired with it by their source's basename.
    pub doc: String,
    /// `None`: not annotated; `Some(None)`: the text does not reveal the date.
    #[serde(default, deserialize_with = "present_nullable")]
    pub published: Option<Option<String>>,
    #[serde(default)]
    pub clean: GoldClean,
    /// Each item lists the acceptable names of one credited source.
    #[serde(default, deserialize_with = "name_lists")]
    pub credits: Vec<Vec<String>>,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub quantities: Vec<GoldQuantity>,
    #[serde(default)]
    pub dates: Vec<GoldDate>,
}

/// Strings that must be absent from (`drop`) or present in (`keep`) the clean text.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct GoldClean {
    #[serde(default, deserialize_with = "names")]
    pub drop: Vec<String>,
    #[serde(default, deserialize_with = "names")]
    pub keep: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct GoldEntity {
    #[serde(rename = "type", default)]
    pub entity_type: String,
    #[serde(default, deserialize_with = "names")]
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct GoldQuote {
    /// `direct` or `indirect`; not part of matching, kept for the miss listing.
    #[serde(default)]
    pub kind: Option<String>,
    /// Acceptable speaker names; empty when the speaker is only described.
    #[serde(default, deserialize_with = "names")]
    pub speaker: Vec<String>,
    /// First words of the quoted content.
    #[serde(default)]
    pub starts: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type", default)]
    pub event_type: String,
    #[serde(default)]
    pub negated: bool,
    /// Acceptable actor names; empty matches any actor.
    #[serde(default, deserialize_with = "names")]
    pub actor: Vec<String>,
    /// Acceptable recipient names; empty matches any recipient.
    #[serde(default, deserialize_with = "names")]
    pub recipient: Vec<String>,
    /// Acceptable place names; empty when the place is not annotated.
    #[serde(rename = "where", default, deserialize_with = "names")]
    pub place: Vec<String>,
    /// `YYYY-MM-DD` when annotated.
    #[serde(rename = "when", default)]
    pub day: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct GoldQuantity {
    pub value: f64,
    /// Acceptable names of what is counted.
    #[serde(default, deserialize_with = "names")]
    pub unit: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct GoldDate {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub value: String,
}

/// Reads every `*.gold.json` file of `dir`, in file-name order.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<GoldDoc>, GoldError> {
    let entries = fs::read_dir(dir).map_err(|source| GoldError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| GoldError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let is_gold = path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.ends_with(".gold.json"));
        if is_gold {
            paths.push(path);
        }
    }
    paths.sort();
    paths.iter().map(|path| load_gold_file(path)).collect()
}

/// Reads one gold file.
pub fn load_gold_file(path: &Path) -> Result<GoldDoc, GoldError> {
    let text = fs::read_to_string(path).map_err(|source| GoldError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| GoldError::Json {
        path: path.to_path_buf(),
        source,
    })
}

/// A name list written either as one string or as a list of strings.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl From<OneOrMany> for Vec<String> {
    fn from(names: OneOrMany) -> Self {
        match names {
            OneOrMany::One(name) => vec![name],
            OneOrMany::Many(names) => names,
        }
    }
}

/// Accepts a string, a list of strings or `null` (an empty list).
fn names<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let names = Option::<OneOrMany>::deserialize(deserializer)?;
    Ok(names.map(Vec::from).unwrap_or_default())
}

/// Accepts a list whose items are name lists or single names.
fn name_lists<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Vec<String>>, D::Error> {
    let lists = Option::<Vec<OneOrMany>>::deserialize(deserializer)?;
    Ok(lists
        .unwrap_or_default()
        .into_iter()
        .map(Vec::from)
        .collect())
}

/// Tells a present `null` (`Some(None)`) from a missing field (`None`, via `default`).
fn present_nullable<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}
