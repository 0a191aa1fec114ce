//! Scoring, exactly as the "Scoring" section of GOLD_FORMAT.md says. Everything here is pure:
//! gold and predictions in, counts and misses out.
//!
//! Choices the format leaves open, made here once:
//! - Items are paired one to one by maximum matching (Hungarian algorithm), preferring,
//!   among maximum matchings, the one that agrees most on speaker, place and day.
//! - Quote kind is not part of matching and is not scored (the format does not score it).
//! - An empty gold speaker list "wants no speaker, or an unnamed one": a predicted speaker is
//!   unnamed when it is `null` or none of its names is a name of a gold entity of the same
//!   article (the gold lists every named person, organisation and place). A speaker's
//!   names are its `name` and `aliases`; `country` counts only for event parties.
//! - A gold event with `negated: true` matches only a negated prediction; a gold event
//!   without it matches either, as the format states the rule in that one direction only.
//! - `where` and `when` accuracy count only matched pairs whose gold has a `where` (non-empty)
//!   or a `when`; the predicted `location.name` must equal a gold `where` name, the predicted
//!   `date` must be the gold `when` (compared on the `YYYY-MM-DD` part).
//! - Quantities match when `|predicted - gold| <= 0.5% * |gold|` (inclusive) and a unit name
//!   is shared. Dates match when their normalised texts overlap (one contains the other,
//!   or they share a whole word: a run of letters or digits) and name the same day. Like
//!   the gold, predicted dates are a set: the same text with the same day counts once.
//! - Clean strings are looked up as substrings of the normalised clean text.
//! - `published` (an extra line, the format does not list it under Scoring) is right when the
//!   predicted day equals the gold one, `null` against `null` included; a gold file without
//!   the field is not scored.
//! - A gold article without any prediction scores as a miss everywhere: every gold item is a
//!   false negative, every clean string (drop and keep) fails and `published` is wrong.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::annotation::GoldDoc;
use super::assign::{Assignment, assign};
use super::normalize::{iso_day, normalize, normalize_names, share_a_name, texts_overlap};
use super::prediction::{PredictedDate, Prediction, basename};

/// True positives, false positives and false negatives of one field (or one type of it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(into = "CountsReport")]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    /// `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// `None` when the gold has nothing.
    pub fn recall(&self) -> Option<f64> {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// `2TP / (2TP + FP + FN)`, the harmonic mean of precision and recall that stays defined
    /// (as 0) when only one of them is; `None` when there is nothing at all to score.
    pub fn f1(&self) -> Option<f64> {
        ratio(
            2 * self.true_positives,
            2 * self.true_positives + self.false_positives + self.false_negatives,
        )
    }

    fn add(&mut self, other: &Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

/// How [`Counts`] appear in `--json`: the rates next to the counts they come from.
#[derive(Serialize)]
struct CountsReport {
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
    tp: usize,
    fp: usize,
    #[serde(rename = "fn")]
    false_negatives: usize,
}

impl From<Counts> for CountsReport {
    fn from(counts: Counts) -> Self {
        CountsReport {
            precision: counts.precision(),
            recall: counts.recall(),
            f1: counts.f1(),
            tp: counts.true_positives,
            fp: counts.false_positives,
            false_negatives: counts.false_negatives,
        }
    }
}

/// How many of `total` checks came out right (clean strings, speakers, places, days).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(into = "TallyReport")]
pub struct Tally {
    pub correct: usize,
    pub total: usize,
}

impl Tally {
    /// `None` when nothing was checked.
    pub fn share(&self) -> Option<f64> {
        ratio(self.correct, self.total)
    }

    fn record(&mut self, correct: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
    }

    fn add(&mut self, other: &Tally) {
        self.correct += other.correct;
        self.total += other.total;
    }
}

#[derive(Serialize)]
struct TallyReport {
    share: Option<f64>,
    correct: usize,
    total: usize,
}

impl From<Tally> for TallyReport {
    fn from(tally: Tally) -> Self {
        TallyReport {
            share: tally.share(),
            correct: tally.correct,
            total: tally.total,
        }
    }
}

fn ratio(numerator: usize, denominator: usize) -> Option<f64> {
    (denominator > 0).then(|| numerator as f64 / denominator as f64)
}

/// Matching counts of one field, overall and per type (entity type, event type).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FieldScore {
    pub overall: Counts,
    /// Empty for fields without types (credits, quotes, quantities, dates).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_type: BTreeMap<String, Counts>,
}

impl FieldScore {
    fn untyped(assignment: &Assignment) -> FieldScore {
        FieldScore {
            overall: Counts {
                true_positives: assignment.pairs.len(),
                false_positives: assignment.unmatched_predicted.len(),
                false_negatives: assignment.unmatched_gold.len(),
            },
            by_type: BTreeMap::new(),
        }
    }

    /// Matching requires equal types, so a true positive belongs to the one type both sides
    /// share; a false negative to the gold type, a false positive to the predicted type.
    fn typed(assignment: &Assignment, gold_types: &[String], predicted_types: &[String]) -> Self {
        let mut score = FieldScore::untyped(assignment);
        for &(gold, _) in &assignment.pairs {
            score.row(&gold_types[gold]).true_positives += 1;
        }
        for &gold in &assignment.unmatched_gold {
            score.row(&gold_types[gold]).false_negatives += 1;
        }
        for &predicted in &assignment.unmatched_predicted {
            score.row(&predicted_types[predicted]).false_positives += 1;
        }
        score
    }

    fn row(&mut self, item_type: &str) -> &mut Counts {
        self.by_type.entry(item_type.to_owned()).or_default()
    }

    fn add(&mut self, other: &FieldScore) {
        self.overall.add(&other.overall);
        for (item_type, counts) in &other.by_type {
            self.row(item_type).add(counts);
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CleanScore {
    /// `drop` strings absent from the clean text.
    pub drop_absent: Tally,
    /// `keep` strings present in the clean text.
    pub keep_present: Tally,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuoteScore {
    #[serde(flatten)]
    pub matching: FieldScore,
    /// Right speakers among matched quotes.
    pub speaker: Tally,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EventScore {
    #[serde(flatten)]
    pub matching: FieldScore,
    /// Right places among matched events whose gold has a `where`.
    #[serde(rename = "where")]
    pub place: Tally,
    /// Right days among matched events whose gold has a `when`.
    #[serde(rename = "when")]
    pub day: Tally,
}

/// Every score of one article or, summed, of a set (micro-averaging: the rates of a set are
/// computed from the summed counts, so large articles weigh more).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    pub published: Tally,
    pub clean: CleanScore,
    pub credits: FieldScore,
    pub entities: FieldScore,
    pub quotes: QuoteScore,
    pub events: EventScore,
    pub quantities: FieldScore,
    pub dates: FieldScore,
}

impl Scores {
    /// The matched-item fields with their names, in report order.
    pub fn fields(&self) -> [(&'static str, &FieldScore); 6] {
        [
            ("credits", &self.credits),
            ("entities", &self.entities),
            ("quotes", &self.quotes.matching),
            ("events", &self.events.matching),
            ("quantities", &self.quantities),
            ("dates", &self.dates),
        ]
    }

    fn add(&mut self, other: &Scores) {
        self.published.add(&other.published);
        self.clean.drop_absent.add(&other.clean.drop_absent);
        self.clean.keep_present.add(&other.clean.keep_present);
        self.credits.add(&other.credits);
        self.entities.add(&other.entities);
        self.quotes.matching.add(&other.quotes.matching);
        self.quotes.speaker.add(&other.quotes.speaker);
        self.events.matching.add(&other.events.matching);
        self.events.place.add(&other.events.place);
        self.events.day.add(&other.events.day);
        self.quantities.add(&other.quantities);
        self.dates.add(&other.dates);
    }
}

/// Which side an unmatched or partly wrong item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissKind {
    /// A gold item (or check) the prediction did not satisfy.
    GoldNotFound,
    /// A predicted item that matches no gold item.
    NotInGold,
    /// A matched pair that disagrees on a scored attribute (speaker, place, day).
    WrongAttribute,
    /// No prediction at all for the gold article.
    NoPrediction,
}

/// One thing to look at when debugging a low score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// `published`, `clean`, `credits`, `entities`, `quotes`, `events`, `quantities`, `dates`,
    /// or `document` for a missing prediction.
    pub field: &'static str,
    pub kind: MissKind,
    pub detail: String,
}

/// The scores and misses of one gold article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentResult {
    pub doc: String,
    pub has_prediction: bool,
    pub scores: Scores,
    pub misses: Vec<Miss>,
}

/// The scores of a set of articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub gold_documents: usize,
    /// Gold articles that no prediction's source names.
    pub documents_without_prediction: Vec<String>,
    /// Sources of predictions left unscored: no gold article has their file name, or an
    /// earlier prediction already claimed it.
    pub unpaired_predictions: Vec<String>,
    #[serde(flatten)]
    pub scores: Scores,
}

/// The set report and the per-article results it sums.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub report: Report,
    pub documents: Vec<DocumentResult>,
}

/// Scores `predictions` against `gold`, pairing each gold `doc` with the first prediction
/// whose `source` has that file name.
pub fn evaluate(gold: &[GoldDoc], predictions: &[Prediction]) -> Evaluation {
    let mut by_doc: HashMap<&str, &Prediction> = HashMap::new();
    let mut unpaired_predictions = Vec::new();
    for prediction in predictions {
        let name = prediction.doc_name();
        let wanted = gold.iter().any(|doc| basename(&doc.doc) == name);
        if wanted && !by_doc.contains_key(name) {
            by_doc.insert(name, prediction);
        } else {
            unpaired_predictions.push(prediction.source.clone());
        }
    }

    let mut report = Report {
        gold_documents: gold.len(),
        unpaired_predictions,
        ..Report::default()
    };
    let documents: Vec<DocumentResult> = gold
        .iter()
        .map(|doc| score_document(doc, by_doc.get(basename(&doc.doc)).copied()))
        .collect();
    for document in &documents {
        if !document.has_prediction {
            report
                .documents_without_prediction
                .push(document.doc.clone());
        }
        report.scores.add(&document.scores);
    }
    Evaluation { report, documents }
}

/// Scores one article; `None` when the system produced nothing for it.
pub fn score_document(gold: &GoldDoc, prediction: Option<&Prediction>) -> DocumentResult {
    let nothing = Prediction::default();
    let predicted = prediction.unwrap_or(&nothing);
    let mut misses = Vec::new();
    let gold_entity_names: Vec<String> = gold
        .entities
        .iter()
        .flat_map(|entity| normalize_names(&entity.names))
        .collect();

    let scores = Scores {
        published: score_published(gold, prediction, &mut misses),
        clean: score_clean(gold, prediction.map(|p| p.text.as_str()), &mut misses),
        credits: score_credits(gold, predicted, &mut misses),
        entities: score_entities(gold, predicted, &mut misses),
        quotes: score_quotes(gold, predicted, &gold_entity_names, &mut misses),
        events: score_events(gold, predicted, &mut misses),
        quantities: score_quantities(gold, predicted, &mut misses),
        dates: score_dates(gold, predicted, &mut misses),
    };
    if prediction.is_none() {
        // Listing every gold item would bury the one thing to fix.
        misses = vec![Miss {
            field: "document",
            kind: MissKind::NoPrediction,
            detail: format!("no prediction has a source named {}", gold.doc),
        }];
    }
    DocumentResult {
        doc: gold.doc.clone(),
        has_prediction: prediction.is_some(),
        scores,
        misses,
    }
}

fn score_published(
    gold: &GoldDoc,
    prediction: Option<&Prediction>,
    misses: &mut Vec<Miss>,
) -> Tally {
    let mut tally = Tally::default();
    let Some(gold_day) = &gold.published else {
        return tally;
    };
    let gold_day = gold_day
        .as_deref()
        .map(iso_day)
        .filter(|day| !day.is_empty());
    let predicted_day = prediction.map(|p| {
        p.published
            .as_deref()
            .map(iso_day)
            .filter(|day| !day.is_empty())
    });
    let correct = predicted_day == Some(gold_day);
    tally.record(correct);
    if !correct {
        misses.push(Miss {
            field: "published",
            kind: MissKind::WrongAttribute,
            detail: format!(
                "gold {}, predicted {}",
                gold_day.unwrap_or("null"),
                predicted_day.flatten().unwrap_or("null")
            ),
        });
    }
    tally
}

/// `text` is `None` when there is no prediction: then every check fails, a missing text
/// cannot be credited for leaving boilerplate out.
fn score_clean(gold: &GoldDoc, text: Option<&str>, misses: &mut Vec<Miss>) -> CleanScore {
    let text = text.map(normalize);
    let contains = |wanted: &str| text.as_deref().map(|text| text.contains(wanted));
    let mut score = CleanScore::default();
    for drop in &gold.clean.drop {
        let drop_normalized = normalize(drop);
        if drop_normalized.is_empty() {
            continue;
        }
        let absent = contains(&drop_normalized) == Some(false);
        score.drop_absent.record(absent);
        if !absent {
            misses.push(Miss {
                field: "clean",
                kind: MissKind::GoldNotFound,
                detail: format!("boilerplate left in: {drop:?}"),
            });
        }
    }
    for keep in &gold.clean.keep {
        let keep_normalized = normalize(keep);
        if keep_normalized.is_empty() {
            continue;
        }
        let present = contains(&keep_normalized) == Some(true);
        score.keep_present.record(present);
        if !present {
            misses.push(Miss {
                field: "clean",
                kind: MissKind::GoldNotFound,
                detail: format!("content missing: {keep:?}"),
            });
        }
    }
    score
}

fn score_credits(gold: &GoldDoc, predicted: &Prediction, misses: &mut Vec<Miss>) -> FieldScore {
    let gold_names: Vec<Vec<String>> = gold.credits.iter().map(|n| normalize_names(n)).collect();
    let predicted_names: Vec<Vec<String>> = predicted
        .credits
        .iter()
        .map(|n| normalize_names(n))
        .collect();
    let assignment = assign(gold_names.len(), predicted_names.len(), |g, p| {
        share_a_name(&gold_names[g], &predicted_names[p]).then_some(0)
    });
    report_unmatched(
        "credits",
        &assignment,
        |g| listed(&gold.credits[g]),
        |p| listed(&predicted.credits[p]),
        misses,
    );
    FieldScore::untyped(&assignment)
}

fn score_entities(gold: &GoldDoc, predicted: &Prediction, misses: &mut Vec<Miss>) -> FieldScore {
    let gold_types: Vec<String> = gold
        .entities
        .iter()
        .map(|e| type_key(&e.entity_type))
        .collect();
    let predicted_types: Vec<String> = predicted
        .entities
        .iter()
        .map(|e| type_key(&e.entity_type))
        .collect();
    let gold_names: Vec<Vec<String>> = gold
        .entities
        .iter()
        .map(|e| normalize_names(&e.names))
        .collect();
    let predicted_names: Vec<Vec<String>> = predicted
        .entities
        .iter()
        .map(|e| normalize_names(&e.names))
        .collect();
    let assignment = assign(gold_names.len(), predicted_names.len(), |g, p| {
        (gold_types[g] == predicted_types[p] && share_a_name(&gold_names[g], &predicted_names[p]))
            .then_some(0)
    });
    report_unmatched(
        "entities",
        &assignment,
        |g| format!("{} {}", gold_types[g], listed(&gold.entities[g].names)),
        |p| {
            format!(
                "{} {}",
                predicted_types[p],
                listed(&predicted.entities[p].names)
            )
        },
        misses,
    );
    FieldScore::typed(&assignment, &gold_types, &predicted_types)
}

fn score_quotes(
    gold: &GoldDoc,
    predicted: &Prediction,
    gold_entity_names: &[String],
    misses: &mut Vec<Miss>,
) -> QuoteScore {
    let gold_starts: Vec<String> = gold.quotes.iter().map(|q| normalize(&q.starts)).collect();
    let gold_speakers: Vec<Vec<String>> = gold
        .quotes
        .iter()
        .map(|q| normalize_names(&q.speaker))
        .collect();
    let predicted_texts: Vec<String> = predicted
        .quotes
        .iter()
        .map(|q| normalize(&q.text))
        .collect();
    let predicted_speakers: Vec<Option<Vec<String>>> = predicted
        .quotes
        .iter()
        .map(|q| q.speaker.as_deref().map(normalize_names))
        .collect();
    let speaker_right = |g: usize, p: usize| {
        speaker_is_right(
            &gold_speakers[g],
            predicted_speakers[p].as_deref(),
            gold_entity_names,
        )
    };
    // "Starts with" is a special case of "contains", so containment alone decides.
    let assignment = assign(gold_starts.len(), predicted_texts.len(), |g, p| {
        (!gold_starts[g].is_empty() && predicted_texts[p].contains(&gold_starts[g]))
            .then(|| u32::from(speaker_right(g, p)))
    });

    let mut speaker = Tally::default();
    for &(g, p) in &assignment.pairs {
        let right = speaker_right(g, p);
        speaker.record(right);
        if !right {
            misses.push(Miss {
                field: "quotes",
                kind: MissKind::WrongAttribute,
                detail: format!(
                    "speaker of {:?}: gold {}, predicted {}",
                    gold.quotes[g].starts,
                    listed(&gold.quotes[g].speaker),
                    predicted.quotes[p]
                        .speaker
                        .as_deref()
                        .map_or("null".to_owned(), listed)
                ),
            });
        }
    }
    report_unmatched(
        "quotes",
        &assignment,
        |g| {
            let quote = &gold.quotes[g];
            format!(
                "{} {:?} by {}",
                quote.kind.as_deref().unwrap_or("quote"),
                quote.starts,
                listed(&quote.speaker)
            )
        },
        |p| {
            let quote = &predicted.quotes[p];
            format!(
                "{} {:?} by {}",
                quote.kind.as_deref().unwrap_or("quote"),
                quote.text,
                quote.speaker.as_deref().map_or("null".to_owned(), listed)
            )
        },
        misses,
    );
    QuoteScore {
        matching: FieldScore::untyped(&assignment),
        speaker,
    }
}

/// "One predicted speaker name equals one gold name; an empty gold speaker list wants no
/// speaker, or an unnamed one" (all name lists already normalised).
fn speaker_is_right(
    gold: &[String],
    predicted: Option<&[String]>,
    gold_entity_names: &[String],
) -> bool {
    if gold.is_empty() {
        predicted.is_none_or(|names| !share_a_name(names, gold_entity_names))
    } else {
        predicted.is_some_and(|names| share_a_name(gold, names))
    }
}

fn score_events(gold: &GoldDoc, predicted: &Prediction, misses: &mut Vec<Miss>) -> EventScore {
    struct Normalized {
        event_type: String,
        actor: Option<Vec<String>>,
        recipient: Option<Vec<String>>,
        place: Vec<String>,
        day: Option<String>,
    }
    let gold_events: Vec<Normalized> = gold
        .events
        .iter()
        .map(|e| Normalized {
            event_type: type_key(&e.event_type),
            actor: Some(normalize_names(&e.actor)),
            recipient: Some(normalize_names(&e.recipient)),
            place: normalize_names(&e.place),
            day: e
                .day
                .as_deref()
                .map(|d| iso_day(d).to_owned())
                .filter(|d| !d.is_empty()),
        })
        .collect();
    let predicted_events: Vec<Normalized> = predicted
        .events
        .iter()
        .map(|e| Normalized {
            event_type: type_key(&e.event_type),
            actor: e.actor.as_deref().map(normalize_names),
            recipient: e.recipient.as_deref().map(normalize_names),
            place: e.location.iter().map(|l| normalize(l)).collect(),
            day: e.date.as_deref().map(|d| iso_day(d).to_owned()),
        })
        .collect();

    let party_matches = |gold: &Option<Vec<String>>, predicted: &Option<Vec<String>>| {
        let gold = gold.as_deref().unwrap_or_default();
        gold.is_empty()
            || predicted
                .as_deref()
                .is_some_and(|names| share_a_name(gold, names))
    };
    let place_right =
        |g: &Normalized, p: &Normalized| !g.place.is_empty() && share_a_name(&g.place, &p.place);
    let day_right = |g: &Normalized, p: &Normalized| g.day.is_some() && g.day == p.day;
    let assignment = assign(gold_events.len(), predicted_events.len(), |g, p| {
        let (gold_event, predicted_event) = (&gold_events[g], &predicted_events[p]);
        let matches = gold_event.event_type == predicted_event.event_type
            && (!gold.events[g].negated || predicted.events[p].negated)
            && party_matches(&gold_event.actor, &predicted_event.actor)
            && party_matches(&gold_event.recipient, &predicted_event.recipient);
        matches.then(|| {
            u32::from(place_right(gold_event, predicted_event))
                + u32::from(day_right(gold_event, predicted_event))
        })
    });

    let mut place = Tally::default();
    let mut day = Tally::default();
    for &(g, p) in &assignment.pairs {
        let (gold_event, predicted_event) = (&gold_events[g], &predicted_events[p]);
        if !gold_event.place.is_empty() {
            let right = place_right(gold_event, predicted_event);
            place.record(right);
            if !right {
                misses.push(Miss {
                    field: "events",
                    kind: MissKind::WrongAttribute,
                    detail: format!(
                        "where of {}: gold {}, predicted {}",
                        describe_gold_event(gold, g),
                        listed(&gold.events[g].place),
                        predicted.events[p].location.as_deref().unwrap_or("null")
                    ),
                });
            }
        }
        if let Some(gold_day) = &gold_event.day {
            let right = day_right(gold_event, predicted_event);
            day.record(right);
            if !right {
                misses.push(Miss {
                    field: "events",
                    kind: MissKind::WrongAttribute,
                    detail: format!(
                        "when of {}: gold {gold_day}, predicted {}",
                        describe_gold_event(gold, g),
                        predicted.events[p].date.as_deref().unwrap_or("null")
                    ),
                });
            }
        }
    }
    report_unmatched(
        "events",
        &assignment,
        |g| describe_gold_event(gold, g),
        |p| {
            let event = &predicted.events[p];
            let party =
                |names: &Option<Vec<String>>| names.as_deref().map_or("null".to_owned(), listed);
            format!(
                "{}{} actor {} recipient {}",
                if event.negated { "not " } else { "" },
                event.event_type,
                party(&event.actor),
                party(&event.recipient)
            )
        },
        misses,
    );
    let gold_types: Vec<String> = gold_events.iter().map(|e| e.event_type.clone()).collect();
    let predicted_types: Vec<String> = predicted_events
        .iter()
        .map(|e| e.event_type.clone())
        .collect();
    EventScore {
        matching: FieldScore::typed(&assignment, &gold_types, &predicted_types),
        place,
        day,
    }
}

fn describe_gold_event(gold: &GoldDoc, index: usize) -> String {
    let event = &gold.events[index];
    format!(
        "{}{} actor {} recipient {}",
        if event.negated { "not " } else { "" },
        event.event_type,
        listed(&event.actor),
        listed(&event.recipient)
    )
}

/// GOLD_FORMAT.md: "same value (within 0.5%)", read as relative to the gold value,
/// inclusive. The slack of one part in 10¹² absorbs binary rounding at the boundary.
pub(super) fn within_half_percent(gold: f64, predicted: f64) -> bool {
    (predicted - gold).abs() <= gold.abs() * (0.005 + 1e-12)
}

fn score_quantities(gold: &GoldDoc, predicted: &Prediction, misses: &mut Vec<Miss>) -> FieldScore {
    let gold_units: Vec<Vec<String>> = gold
        .quantities
        .iter()
        .map(|q| normalize_names(&q.unit))
        .collect();
    let predicted_units: Vec<Vec<String>> = predicted
        .quantities
        .iter()
        .map(|q| normalize_names(&q.units))
        .collect();
    let assignment = assign(gold_units.len(), predicted_units.len(), |g, p| {
        let same_value = predicted.quantities[p]
            .value
            .is_some_and(|value| within_half_percent(gold.quantities[g].value, value));
        (same_value && share_a_name(&gold_units[g], &predicted_units[p])).then_some(0)
    });
    report_unmatched(
        "quantities",
        &assignment,
        |g| {
            format!(
                "{} {}",
                gold.quantities[g].value,
                listed(&gold.quantities[g].unit)
            )
        },
        |p| {
            let quantity = &predicted.quantities[p];
            let value = quantity.value.map_or("?".to_owned(), |v| v.to_string());
            format!("{value} {}", listed(&quantity.units))
        },
        misses,
    );
    FieldScore::untyped(&assignment)
}

fn score_dates(gold: &GoldDoc, predicted: &Prediction, misses: &mut Vec<Miss>) -> FieldScore {
    let gold_texts: Vec<String> = gold.dates.iter().map(|d| normalize(&d.text)).collect();
    // The gold lists each expression once however often the article writes it, so a
    // predicted expression repeated with the same day is one item.
    let mut seen = std::collections::HashSet::new();
    let distinct: Vec<(String, &PredictedDate)> = predicted
        .dates
        .iter()
        .map(|d| (normalize(&d.text), d))
        .filter(|(text, d)| seen.insert((text.clone(), iso_day(&d.value).to_owned())))
        .collect();
    let assignment = assign(gold_texts.len(), distinct.len(), |g, p| {
        let gold_day = iso_day(&gold.dates[g].value);
        let same_day = !gold_day.is_empty() && gold_day == iso_day(&distinct[p].1.value);
        (same_day && texts_overlap(&gold_texts[g], &distinct[p].0)).then_some(0)
    });
    report_unmatched(
        "dates",
        &assignment,
        |g| format!("{:?} = {}", gold.dates[g].text, gold.dates[g].value),
        |p| format!("{:?} = {}", distinct[p].1.text, distinct[p].1.value),
        misses,
    );
    FieldScore::untyped(&assignment)
}

/// Entity and event types compare case-insensitively and show upper-case, as in the gold.
fn type_key(item_type: &str) -> String {
    item_type.trim().to_uppercase()
}

fn listed(names: &[String]) -> String {
    if names.is_empty() {
        return "[]".to_owned();
    }
    names
        .iter()
        .map(|name| format!("{name:?}"))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn report_unmatched(
    field: &'static str,
    assignment: &Assignment,
    describe_gold: impl Fn(usize) -> String,
    describe_predicted: impl Fn(usize) -> String,
    misses: &mut Vec<Miss>,
) {
    for &gold in &assignment.unmatched_gold {
        misses.push(Miss {
            field,
            kind: MissKind::GoldNotFound,
            detail: describe_gold(gold),
        });
    }
    for &predicted in &assignment.unmatched_predicted {
        misses.push(Miss {
            field,
            kind: MissKind::NotInGold,
            detail: describe_predicted(predicted),
        });
    }
}
