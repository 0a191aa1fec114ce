//! The system side: one JSON object per article, as `warta analyze --format jsonl` writes
//! it (see `warta_core::analysis`).
//!
//! Parsing is deliberately lenient so that other systems writing the same format can be
//! scored: a field of the wrong shape reads as absent instead of failing the whole file,
//! a name may be a plain string or a `{name, aliases}` object, and unknown fields are
//! ignored. A predicted item that cannot be read fully still counts as a prediction (and so
//! as a false positive when it matches nothing).

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use warta_core::analysis::Analysis;

use super::GoldError;

/// What a system said about one article, reduced to the fields the gold scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prediction {
    /// Where the article came from; its basename pairs it with a gold `doc`.
    pub source: String,
    pub published: Option<String>,
    /// The clean text.
    pub text: String,
    /// Each credited source as its names (canonical name first, then aliases).
    pub credits: Vec<Vec<String>>,
    pub entities: Vec<PredictedEntity>,
    pub quotes: Vec<PredictedQuote>,
    pub events: Vec<PredictedEvent>,
    pub quantities: Vec<PredictedQuantity>,
    pub dates: Vec<PredictedDate>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PredictedEntity {
    pub entity_type: String,
    /// `name` followed by `aliases`.
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PredictedQuote {
    pub kind: Option<String>,
    pub text: String,
    /// `None` when the speaker is `null`; otherwise its `name` and `aliases` (possibly
    /// empty, for a speaker the system found but could not name).
    pub speaker: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PredictedEvent {
    pub event_type: String,
    pub negated: bool,
    /// `name`, `aliases` and `country` of the actor; `None` when the actor is `null`.
    pub actor: Option<Vec<String>>,
    /// Same as `actor`, for the recipient.
    pub recipient: Option<Vec<String>>,
    pub location: Option<String>,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PredictedQuantity {
    /// `None` when the value is missing or not a number; such a quantity matches nothing.
    pub value: Option<f64>,
    pub units: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PredictedDate {
    pub text: String,
    pub value: String,
}

impl Prediction {
    /// Reads one article object; never fails, missing or malformed fields read as empty.
    pub fn from_json(article: &Value) -> Prediction {
        Prediction {
            source: string_at(article, "source").unwrap_or_default(),
            published: string_at(article, "published"),
            text: string_at(article, "text").unwrap_or_default(),
            credits: items(article, "credits")
                .iter()
                .map(|credit| party_names(credit, false).unwrap_or_default())
                .collect(),
            entities: items(article, "entities")
                .iter()
                .map(|entity| PredictedEntity {
                    entity_type: string_at(entity, "type").unwrap_or_default(),
                    names: party_names(entity, false).unwrap_or_default(),
                })
                .collect(),
            quotes: items(article, "quotes")
                .iter()
                .map(|quote| PredictedQuote {
                    kind: string_at(quote, "kind"),
                    text: string_at(quote, "text").unwrap_or_default(),
                    speaker: quote.get("speaker").and_then(|s| party_names(s, false)),
                })
                .collect(),
            events: items(article, "events")
                .iter()
                .map(|event| PredictedEvent {
                    event_type: string_at(event, "type").unwrap_or_default(),
                    negated: event
                        .get("negated")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                    actor: event.get("actor").and_then(|a| party_names(a, true)),
                    recipient: event.get("recipient").and_then(|r| party_names(r, true)),
                    location: event.get("location").and_then(place_name),
                    date: string_at(event, "date"),
                })
                .collect(),
            quantities: items(article, "quantities")
                .iter()
                .map(|quantity| PredictedQuantity {
                    value: quantity.get("value").and_then(number),
                    units: quantity
                        .get("unit")
                        .and_then(|unit| party_names(unit, false))
                        .unwrap_or_default(),
                })
                .collect(),
            dates: items(article, "dates")
                .iter()
                .map(|date| PredictedDate {
                    text: string_at(date, "text").unwrap_or_default(),
                    value: string_at(date, "value").unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// Reads warta's own output without a detour through a file.
    pub fn from_analysis(analysis: &Analysis) -> Prediction {
        let article = serde_json::to_value(analysis)
            .expect("an Analysis always serialises: it has only string keys and finite data");
        Prediction::from_json(&article)
    }

    /// The file name part of `source`, which pairs the prediction with a gold `doc`.
    pub fn doc_name(&self) -> &str {
        basename(&self.source)
    }
}

/// The last component of a path or URL, whichever separator it uses.
pub fn basename(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

/// Parses JSON Lines (one article per non-blank line); a whole-file JSON array of articles
/// is accepted too. `origin` names the input in error messages.
pub fn parse_predictions(text: &str, origin: &Path) -> Result<Vec<Prediction>, GoldError> {
    let json_error = |line: usize, source| GoldError::PredictionJson {
        path: origin.to_path_buf(),
        line,
        source,
    };
    if text.trim_start().starts_with('[') {
        let articles: Vec<Value> = serde_json::from_str(text).map_err(|e| json_error(1, e))?;
        return Ok(articles.iter().map(Prediction::from_json).collect());
    }
    let mut predictions = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let article: Value = serde_json::from_str(line).map_err(|e| json_error(index + 1, e))?;
        predictions.push(Prediction::from_json(&article));
    }
    Ok(predictions)
}

/// Reads predictions from a JSON Lines file, or from every `*.jsonl` and `*.json` file of a
/// directory (in file-name order).
pub fn load_predictions(path: &Path) -> Result<Vec<Prediction>, GoldError> {
    let io_error = |path: &Path, source| GoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut files = Vec::new();
        for entry in fs::read_dir(path).map_err(|e| io_error(path, e))? {
            let file = entry.map_err(|e| io_error(path, e))?.path();
            let is_json = file
                .extension()
                .is_some_and(|extension| extension == "jsonl" || extension == "json");
            if is_json {
                files.push(file);
            }
        }
        files.sort();
        files
    } else {
        vec![path.to_path_buf()]
    };
    let mut predictions = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).map_err(|e| io_error(file, e))?;
        predictions.extend(parse_predictions(&text, file)?);
    }
    Ok(predictions)
}

fn string_at(object: &Value, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn items<'a>(object: &'a Value, key: &str) -> &'a [Value] {
    object
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The names of a party, credit, entity or unit: a plain string, a list of strings, or an
/// object's `name` and `aliases` (and `country`, for event actors, as GOLD_FORMAT.md says).
/// `None` for `null` or anything else that names nobody.
fn party_names(party: &Value, with_country: bool) -> Option<Vec<String>> {
    match party {
        Value::String(name) => Some(vec![name.clone()]),
        Value::Array(names) => Some(
            names
                .iter()
                .filter_map(|name| name.as_str().map(str::to_owned))
                .collect(),
        ),
        Value::Object(_) => {
            let mut names: Vec<String> = string_at(party, "name").into_iter().collect();
            match party.get("aliases") {
                Some(Value::String(alias)) => names.push(alias.clone()),
                Some(Value::Array(aliases)) => names.extend(
                    aliases
                        .iter()
                        .filter_map(|alias| alias.as_str().map(str::to_owned)),
                ),
                _ => {}
            }
            if with_country {
                names.extend(string_at(party, "country"));
            }
            Some(names)
        }
        _ => None,
    }
}

/// A location written as `{name}` or as a plain string.
fn place_name(location: &Value) -> Option<String> {
    match location {
        Value::String(name) => Some(name.clone()),
        _ => string_at(location, "name"),
    }
}

/// A number, or a string holding one in JSON notation.
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}
