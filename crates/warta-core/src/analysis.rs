//! The output contract: what warta says about one article.
//!
//! These types serialise to one JSON object per article (`warta analyze --format jsonl`)
//! and are the source of the JSON Schema in `schema/analysis.schema.json`. Every span is a
//! byte range into [`Analysis::text`]. Fields named by the gold format
//! (`source`, `title`, `outlet`, `published`, `text`, `credits`, `entities`, `quotes`,
//! `events`, `quantities`, `dates`) are always present.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::span::Span;
use crate::token::Token;

/// The JSON Schema of one output record, generated from these types.
pub fn json_schema() -> schemars::Schema {
    schemars::schema_for!(Analysis)
}

/// Everything warta read out of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Analysis {
    /// Input file name, `file:line`, WARC record or URL the article came from.
    pub source: String,
    /// The article URL when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Where the headline sits in `text`, when it is part of the clean text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_span: Option<Span>,
    /// The outlet that published the article ("Kompas.com", "Serambinews.com").
    pub outlet: Option<String>,
    /// Publication date, `YYYY-MM-DD`, when the container or the text reveals it.
    pub published: Option<String>,
    /// Why `published` has its value: the container field or a span of the raw text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_evidence: Option<Evidence>,
    /// The place named in the dateline ("MOSKOW" in "SERAMBINEWS.COM, MOSKOW -").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// The clean article text: headline and content paragraphs, separated by `\n`.
    pub text: String,
    /// Byte ranges of the paragraphs of `text`.
    pub paragraphs: Vec<Span>,
    /// News agencies and outlets named as sources of the information.
    pub credits: Vec<Credit>,
    /// Lines removed from the raw text as boilerplate, and the rule that removed each.
    pub removed: Vec<Removed>,
    /// Sentences of `text`, with their tokens when tokens were requested.
    pub sentences: Vec<Sentence>,
    /// People, organisations and places mentioned.
    pub entities: Vec<Entity>,
    /// Statements attributed to speakers.
    pub quotes: Vec<Quote>,
    /// Who did what to whom, coded with PLOVER event types.
    pub events: Vec<Event>,
    /// Numbers that count or measure something.
    pub quantities: Vec<Quantity>,
    /// Expressions naming a day, resolved to a date (the gold format's `dates`).
    pub dates: Vec<DateMention>,
    /// Weeks, months and years the text names, and date expressions it leaves
    /// unresolved; kept apart from `dates`, which lists days only.
    #[serde(default)]
    pub periods: Vec<Period>,
}

/// Where a fact read from the raw article came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// `container` (HTML/JSON metadata) or the name of the rule that read the text.
    pub rule: String,
    /// The words that support the fact, as written.
    pub text: String,
}

/// A source credited for the article's information.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Credit {
    /// Canonical name ("AFP", "Reuters", "TASS").
    pub name: String,
    /// Other names of the same source ("Agence France-Presse").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// How the article credits it: `wire` (named agency), `cue` ("dilansir", "menurut"),
    /// `photo` (a photo credit), `footer` ("SUMBER : ...").
    pub how: String,
    /// The words that credit the source, as written in the raw text.
    pub evidence: String,
    /// Where the credit sits in `text`, when it survived cleaning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A piece of the raw text that cleaning removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Removed {
    /// Name of the cleaning rule (from the language's `clean.toml`).
    pub rule: String,
    /// The removed text.
    pub text: String,
}

/// One sentence of the clean text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Sentence {
    pub span: Span,
    /// Tokens, present when the caller asked for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<Token>,
}

/// Entity types of the gold format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum EntityType {
    PER,
    ORG,
    LOC,
}

/// A real-world person, organisation or place the article mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// Knowledge-base id (`per:vladimir-putin`, `loc:gn:524901`), or an article-local id
    /// for a name the knowledge base lacks (`local:per:aleksey-smirnov`).
    pub id: String,
    /// Canonical name: the knowledge base's, or the fullest form the article writes.
    pub name: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Finer kind (`country`, `city`, `ministry`, `news_agency`, `politician`, …), when
    /// known.
    pub kind: Option<String>,
    /// Other names: the knowledge base's Indonesian and English forms and every form the
    /// article writes.
    pub aliases: Vec<String>,
    /// Country affiliation, ISO 3166-1 alpha-2, when known.
    pub country: Option<String>,
    /// Where a place is, when the knowledge base knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
    /// Every mention, in text order.
    pub mentions: Vec<EntityMention>,
}

/// Latitude and longitude in degrees (WGS84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

/// One place in the text that names an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EntityMention {
    pub span: Span,
    /// The words, as written.
    pub text: String,
    pub how: Resolution,
}

/// How a mention was found and linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Resolution {
    /// A knowledge-base name or alias.
    Gazetteer,
    /// The statistical name tagger (a name the knowledge base lacks).
    Model,
    /// A short form (a surname) of a name written in full elsewhere in the article, or
    /// the dateline's place named again.
    Coreference,
    /// An office written without a name ("Presiden AS"), linked to its holder on the
    /// publication date.
    Role,
}

/// A party to an event: its actor, its recipient, or who claims it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    /// The entity's id, as in `entities` or the knowledge base; `null` for a party the
    /// article only describes.
    pub id: Option<String>,
    /// Canonical name, or the description as written.
    pub name: String,
    /// Other names, including the words the article used for it ("pasukan Rusia").
    pub aliases: Vec<String>,
    /// The party's country, by its Indonesian name ("Rusia"), when known.
    pub country: Option<String>,
}

/// Direct speech is inside quotation marks; indirect is reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
}

/// A statement attributed to a speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The statement: the quoted words of a direct quote, the reported clause of an
    /// indirect one.
    pub text: String,
    pub span: Span,
    /// Who made the statement; `null` when the article does not say.
    pub speaker: Option<Speaker>,
    /// The word that attributes it ("kata", "mengatakan", "menurut").
    pub cue: Option<Cue>,
    /// What the speaker does with it, from the cue.
    pub act: Option<SpeechAct>,
    /// How the speaker said it ("konferensi pers", "wartawan", "Telegram").
    pub channel: Option<String>,
    /// The sources the words passed through on their way to the reader, in order: the
    /// outlet that first carried them, the wire, the publishing outlet.
    pub via: Vec<SourceLink>,
    /// The sentence that attributes the statement.
    pub evidence: Span,
}

/// Who made a statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Speaker {
    /// The entity's id, as in `entities` or the knowledge base; `null` when unnamed.
    pub id: Option<String>,
    /// Canonical name; `null` for a speaker the article describes but does not name.
    pub name: Option<String>,
    /// Other names, including the description the article wrote ("militer Ukraina").
    pub aliases: Vec<String>,
    /// Country affiliation (ISO 3166-1 alpha-2), when known.
    pub country: Option<String>,
    /// How the article describes an unnamed speaker ("seorang pejabat", "laporan").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub how: SpeakerResolution,
}

/// How a speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerResolution {
    /// Named next to the statement.
    Name,
    /// A pronoun ("dia", "tambahnya") for the party the story was about.
    Pronoun,
    /// A description or office ("Presiden berusia 71 tahun itu", "militer Ukraina").
    Description,
    /// Not written next to the statement: the previous quote's speaker goes on.
    Continued,
}

/// The word that attributes a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Cue {
    /// As written ("mengatakan", "tambahnya").
    pub word: String,
    /// Its root ("kata", "tambah").
    pub lemma: String,
    pub span: Span,
}

/// What a speaker does with a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SpeechAct {
    Statement,
    Claim,
    Denial,
    Warning,
    Promise,
    Accusation,
}

/// One source in a statement's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SourceLink {
    pub name: String,
    pub role: SourceRole,
    /// The words that credit it, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// The part a source played in passing a statement on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceRole {
    /// A newspaper, broadcaster or site that carried the words.
    Outlet,
    /// A news agency that passed them on.
    Wire,
    /// The outlet that published this article.
    Publisher,
}

/// A place where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Place {
    /// Knowledge-base id, when the place is known.
    pub id: Option<String>,
    pub name: String,
    /// Where it is, when the knowledge base knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// Who did what to whom, coded with one of the 16 PLOVER event types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// The PLOVER event type (`ASSAULT`, `REJECT`, `REQUEST`, …).
    #[serde(rename = "type")]
    pub event_type: String,
    /// The PLOVER mode, where the type has one and the text says it (`drone`, `missile`).
    pub mode: Option<String>,
    /// The event was denied or did not happen ("membantah meminta bantuan").
    pub negated: bool,
    pub modality: Modality,
    pub actor: Option<Actor>,
    pub recipient: Option<Actor>,
    pub location: Option<Place>,
    /// Where `location` was read: `sentence` (a place in the event's sentence, or its
    /// recipient), `paragraph` (a town or region its paragraph names) or `story` (the town
    /// or region the article is about, also standing for its country named in the
    /// sentence).
    pub location_basis: Option<String>,
    /// When it happened: `YYYY-MM-DD` for a day, `YYYY-Www`, `YYYY-MM` or `YYYY` for a
    /// week, month or year ("pada Februari 2022").
    pub date: Option<String>,
    /// How fine `date` is: `day`, `week`, `month` or `year`.
    pub date_precision: Option<String>,
    /// Where `date` was read: `sentence` (a date in the event's sentence), `paragraph` (the
    /// last day named before it in its paragraph) or `story` (the first day the article
    /// names, the day its story is set).
    pub date_basis: Option<String>,
    /// The numbers the sentence attaches to the event (drones launched, people killed).
    pub quantities: Vec<Quantity>,
    /// Who says it happened, when the event is reported inside a quote.
    pub claimed_by: Option<Actor>,
    /// The word that reports the event.
    pub trigger: Cue,
    /// The sentence that supports the event.
    pub evidence: Span,
    /// How sure the reading is, from 0 to 1: higher with a verb and both parties found.
    pub confidence: f32,
}

/// Whether an event happened, is planned, or stands under a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Reported as done (or, with `negated`, as not done).
    Asserted,
    /// Planned or announced ("akan", "berencana").
    Planned,
    /// Under a condition ("jika …").
    Conditional,
    /// Threatened: reported inside a warning.
    Threatened,
}

/// A number that counts or measures something in the story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quantity {
    /// The number: `2.000` is 2000, `3,5` is 3.5, "puluhan ribu" is 10000; the lower end
    /// of a range.
    pub value: f64,
    /// The upper end of a range ("12-15 tentara").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The thing counted or the measure, as its head word ("drone", "orang", "kilometer",
    /// "dolar").
    pub unit: String,
    /// The writer gives the number as approximate ("sekitar", "hampir", "puluhan").
    #[serde(default)]
    pub approx: bool,
    /// Whether the number is a bound or a range rather than the count itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<Bound>,
    /// The words, as written ("sedikitnya 12 orang").
    pub text: String,
    pub span: Span,
}

/// How a number bounds the count it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// At least the value ("lebih dari", "setidaknya", "puluhan").
    AtLeast,
    /// At most the value ("kurang dari", "hampir").
    AtMost,
    /// Between `value` and `max`.
    Range,
}

/// An expression that names a day, resolved to a date.
///
/// Only days are `dates`: the gold format's `dates` lists the expressions that name a
/// day, so a week, month or year there would score as a false positive. Coarser and
/// unresolved expressions are [`Period`]s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DateMention {
    pub text: String,
    /// `YYYY-MM-DD`.
    pub value: String,
    /// Always `day`; carried so that dates and periods read alike.
    pub precision: Precision,
    pub anchor: Anchor,
    pub span: Span,
}

/// A date expression coarser than a day ("pekan lalu", "Februari 2022", "tahun 2022"),
/// or one that could not be resolved ("pada Senin" with no publication date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Period {
    pub text: String,
    /// `YYYY-Www` (ISO week) for a week, `YYYY-MM` for a month, `YYYY` for a year;
    /// absent when unresolved, never guessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub precision: Precision,
    pub anchor: Anchor,
    pub span: Span,
}

/// How fine the time a date expression names is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    /// Not resolved, so not known.
    Unknown,
}

impl Precision {
    /// The name the output writes.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Unknown => "unknown",
        }
    }
}

/// What a date expression's value was resolved from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// The text writes the date whole ("Senin (12/9/2022)", "Februari 2022").
    Written,
    /// Counted from the publication date ("kemarin", "pekan lalu"), or a written date's
    /// missing year taken from it ("Minggu (11/9)").
    Published,
    /// Counted from the first complete date the text writes, the day the story is told
    /// from, when the publication date is unknown.
    Story,
    /// Nothing to count from: no publication or story date, or a relative day inside a
    /// direct quote, which counts from when the speaker spoke.
    Unresolved,
}
