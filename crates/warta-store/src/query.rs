//! Tables of rows read from the store: what `warta quotes`, `events`, `timeline`,
//! `contradictions`, `entity` and `export` print. Each table has fixed columns (named
//! after GDELT and ACLED where one fits, documented in docs/EXPORT.md) and is streamed
//! row by row, so an export of a large store runs in flat memory.

use serde::Serialize;

/// One cell. Serialises as the JSON value it holds (`null`, a number, a string).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

impl Value {
    /// The cell as CSV and text tables write it: empty for null.
    pub fn to_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Integer(n) => n.to_string(),
            Value::Real(x) => x.to_string(),
            Value::Text(s) => s.clone(),
        }
    }
}

impl From<rusqlite::types::Value> for Value {
    fn from(value: rusqlite::types::Value) -> Value {
        use rusqlite::types::Value as V;
        match value {
            V::Null => Value::Null,
            V::Integer(n) => Value::Integer(n),
            V::Real(x) => Value::Real(x),
            V::Text(s) => Value::Text(s),
            V::Blob(b) => Value::Text(String::from_utf8_lossy(&b).into_owned()),
        }
    }
}

/// What every non-null cell of a column holds: what typed formats (Parquet) declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Integer,
    Real,
    Text,
}

/// A column's type: its kind, and whether a cell may be missing (an empty CSV cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnType {
    pub kind: Kind,
    pub nullable: bool,
}

impl ColumnType {
    const fn nullable(kind: Kind) -> ColumnType {
        ColumnType {
            kind,
            nullable: true,
        }
    }

    const fn required(kind: Kind) -> ColumnType {
        ColumnType {
            kind,
            nullable: false,
        }
    }
}

/// Shorthands for the type tables below: `I`, `R`, `T` may be null; `I1`, `R1`, `T1` may not.
const I: ColumnType = ColumnType::nullable(Kind::Integer);
const I1: ColumnType = ColumnType::required(Kind::Integer);
const R: ColumnType = ColumnType::nullable(Kind::Real);
const R1: ColumnType = ColumnType::required(Kind::Real);
const T: ColumnType = ColumnType::nullable(Kind::Text);
const T1: ColumnType = ColumnType::required(Kind::Text);

/// The tables the store can list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per stored article.
    Documents,
    /// One row per entity id, over all documents.
    Entities,
    /// One row per statement.
    Quotes,
    /// One row per event report (an article's reading of an event), with its story event.
    Events,
    /// One row per story: documents that are copies of one text.
    Stories,
    /// One row per story event: a real-world event, with how many reports tell it.
    StoryEvents,
    /// One row per number a claimant gives for a story event whose claimants disagree.
    Contradictions,
    /// One row per month in which an entity (`Filter::entity`) speaks or acts.
    Months,
}

/// What to keep. Every field is optional; a filter a table has no column for is ignored
/// by it.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Statements of this speaker: an entity id, a name or alias the store's entities
    /// carry, or words of the speaker's name or description (any case).
    pub speaker: Option<String>,
    /// Events of this PLOVER type (any case).
    pub event_type: Option<String>,
    /// On or after this day (`YYYY-MM-DD`): the event's resolved day, else the article's
    /// publication day.
    pub since: Option<String>,
    /// On or before this day.
    pub until: Option<String>,
    /// Statements by it, events with it as actor or recipient, documents mentioning it:
    /// an entity id, a name or alias, or words of an unlinked party's name.
    pub entity: Option<String>,
    /// Events at this place: an entity id or a name, any case.
    pub place: Option<String>,
    /// Rows of this story (documents that are copies of one text).
    pub story: Option<i64>,
    /// Rows of this story event.
    pub story_event: Option<i64>,
}

impl Table {
    /// The column names, in order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Documents => &[
                "document",
                "source",
                "url",
                "outlet",
                "title",
                "published",
                "story",
                "entities",
                "quotes",
                "events",
            ],
            Table::Entities => &[
                "entity_id",
                "name",
                "entity_type",
                "kind",
                "country",
                "latitude",
                "longitude",
                "documents",
                "mentions",
            ],
            Table::Quotes => &[
                "quote_id",
                "document",
                "source",
                "outlet",
                "published",
                "story",
                "speaker",
                "speaker_id",
                "speaker_description",
                "speaker_country",
                "kind",
                "act",
                "cue",
                "channel",
                "via",
                "quote",
            ],
            Table::Events => &[
                "event_id",
                "story_event",
                "story",
                "document",
                "source",
                "outlet",
                "published",
                "event_date",
                "date_precision",
                "event_type",
                "event_mode",
                "negated",
                "modality",
                "actor1",
                "actor1_id",
                "actor1_country",
                "actor2",
                "actor2_id",
                "actor2_country",
                "location",
                "location_id",
                "latitude",
                "longitude",
                "claimant",
                "claimant_id",
                "numbers",
                "trigger",
                "confidence",
                "evidence",
            ],
            Table::Stories => &[
                "story",
                "documents",
                "outlets",
                "first_published",
                "last_published",
                "title",
                "sources",
            ],
            Table::StoryEvents => &[
                "story_event",
                "event_date",
                "event_type",
                "actor1",
                "actor2",
                "location",
                "latitude",
                "longitude",
                "reports",
                "documents",
                "sources",
            ],
            Table::Contradictions => &[
                "story_event",
                "event_date",
                "event_type",
                "actor1",
                "actor2",
                "location",
                "claimant",
                "source",
                "outlet",
                "value",
                "max",
                "unit",
                "approx",
                "number_text",
            ],
            Table::Months => &["month", "quotes", "events_as_actor1", "events_as_actor2"],
        }
    }

    /// The type of each column, in the order of [`Table::columns`]. Not null: ids, counts
    /// and what the schema requires; a story or story event can be missing while a store
    /// written before stories is being grouped.
    pub fn types(self) -> &'static [ColumnType] {
        match self {
            // document source url outlet title published story entities quotes events
            Table::Documents => &[T1, T1, T, T, T, T, I, I1, I1, I1],
            // entity_id name entity_type kind country latitude longitude documents mentions
            Table::Entities => &[T1, T1, T1, T, T, R, R, I1, I1],
            // quote_id document source outlet published story speaker speaker_id
            // speaker_description speaker_country kind act cue channel via quote
            Table::Quotes => &[I1, T1, T1, T, T, I, T, T, T, T, T1, T, T, T, T, T1],
            // event_id story_event story document source outlet published event_date
            // date_precision event_type event_mode negated modality actor1 actor1_id
            // actor1_country actor2 actor2_id actor2_country location location_id latitude
            // longitude claimant claimant_id numbers trigger confidence evidence
            Table::Events => &[
                I1, I, I, T1, T1, T, T, T, T, T1, T, I1, T1, T, T, T, T, T, T, T, T, R, R, T, T, T,
                T1, R1, T,
            ],
            // story documents outlets first_published last_published title sources
            Table::Stories => &[I1, I1, T, T, T, T, T1],
            // story_event event_date event_type actor1 actor2 location latitude longitude
            // reports documents sources
            Table::StoryEvents => &[I, T, T1, T1, T1, T1, R, R, I1, I1, T1],
            // story_event event_date event_type actor1 actor2 location claimant source
            // outlet value max unit approx number_text
            Table::Contradictions => &[I, T, T1, T, T, T, T1, T1, T, R1, R, T1, I1, T1],
            // month quotes events_as_actor1 events_as_actor2
            Table::Months => &[T, I1, I1, I1],
        }
    }

    /// The SQL that lists the table; parameters are the [`Filter`]'s fields by name.
    pub(crate) fn sql(self) -> &'static str {
        match self {
            Table::Documents => DOCUMENTS,
            Table::Entities => ENTITIES,
            Table::Quotes => QUOTES,
            Table::Events => EVENTS,
            Table::Stories => STORIES,
            Table::StoryEvents => STORY_EVENTS,
            Table::Contradictions => CONTRADICTIONS,
            Table::Months => MONTHS,
        }
    }
}

const DOCUMENTS: &str = "WITH wanted (entity_id) AS (
        SELECT DISTINCT entity_id FROM entities
        WHERE :entity IS NOT NULL AND (entity_id = :entity OR name = :entity COLLATE NOCASE
              OR aliases LIKE '%\"' || :entity || '\"%'))
    SELECT d.id, d.source, d.url, d.outlet, d.title, d.published, s.story,
        (SELECT count(*) FROM entities x WHERE x.document = d.rowid),
        (SELECT count(*) FROM quotes x WHERE x.document = d.rowid),
        (SELECT count(*) FROM events x WHERE x.document = d.rowid)
    FROM documents d LEFT JOIN document_stories s ON s.document = d.rowid
    WHERE (:since IS NULL OR d.published >= :since) AND (:until IS NULL OR d.published <= :until)
      AND (:story IS NULL OR s.story = :story)
      AND (:entity IS NULL OR EXISTS (SELECT 1 FROM entities x
           WHERE x.document = d.rowid AND x.entity_id IN (SELECT entity_id FROM wanted)))
    ORDER BY d.rowid";

const ENTITIES: &str = "SELECT entity_id, min(name), min(type), min(kind), min(country),
        min(lat), min(lon), count(DISTINCT document),
        (SELECT count(*) FROM mentions m JOIN entities y ON y.rowid = m.entity
         WHERE y.entity_id = x.entity_id)
    FROM entities x
    WHERE :entity IS NULL OR entity_id = :entity OR name = :entity COLLATE NOCASE
          OR aliases LIKE '%\"' || :entity || '\"%'
    GROUP BY entity_id ORDER BY count(DISTINCT document) DESC, entity_id";

const QUOTES: &str = "WITH wanted (entity_id) AS (
        SELECT DISTINCT entity_id FROM entities
        WHERE :entity IS NOT NULL AND (entity_id = :entity OR name = :entity COLLATE NOCASE
              OR aliases LIKE '%\"' || :entity || '\"%')
    ), speakers (entity_id) AS (
        SELECT DISTINCT entity_id FROM entities
        WHERE :speaker IS NOT NULL AND (entity_id = :speaker OR name = :speaker COLLATE NOCASE
              OR aliases LIKE '%\"' || :speaker || '\"%'))
    SELECT q.rowid, d.id, d.source, d.outlet, d.published, s.story,
        q.speaker_name, q.speaker_id, q.speaker_description, q.speaker_country,
        q.kind, q.act, q.cue, q.channel,
        (SELECT group_concat(name, ' > ') FROM
            (SELECT name FROM quote_sources v WHERE v.quote = q.rowid ORDER BY position)),
        q.text
    FROM quotes q JOIN documents d ON d.rowid = q.document
        LEFT JOIN document_stories s ON s.document = d.rowid
    WHERE (:since IS NULL OR d.published >= :since) AND (:until IS NULL OR d.published <= :until)
      AND (:story IS NULL OR s.story = :story)
      AND (:speaker IS NULL OR q.speaker_id IN (SELECT entity_id FROM speakers)
           OR q.speaker_name LIKE '%' || :speaker || '%'
           OR q.speaker_description LIKE '%' || :speaker || '%')
      AND (:entity IS NULL OR q.speaker_id IN (SELECT entity_id FROM wanted)
           OR q.speaker_name LIKE '%' || :entity || '%')
    ORDER BY d.published, d.rowid, q.start";

/// The events with their document; `day` is the resolved day, else the publication day.
const EVENTS: &str = "WITH wanted (entity_id) AS (
        SELECT DISTINCT entity_id FROM entities
        WHERE :entity IS NOT NULL AND (entity_id = :entity OR name = :entity COLLATE NOCASE
              OR aliases LIKE '%\"' || :entity || '\"%'))
    SELECT e.rowid, e.story_event, s.story, d.id, d.source, d.outlet, d.published,
        e.date, e.date_precision, e.type, e.mode, e.negated, e.modality,
        e.actor_name, e.actor_id, e.actor_country,
        e.recipient_name, e.recipient_id, e.recipient_country,
        e.location_name, e.location_id, e.lat, e.lon, e.claimed_by_name, e.claimed_by_id,
        (SELECT group_concat(text, '; ') FROM
            (SELECT text FROM quantities n WHERE n.event = e.rowid ORDER BY start)),
        e.trigger, e.confidence,
        CAST(substr(CAST(d.text AS BLOB), e.evidence_start + 1,
                    e.evidence_end - e.evidence_start) AS TEXT)
    FROM events e JOIN documents d ON d.rowid = e.document
        LEFT JOIN document_stories s ON s.document = d.rowid
    WHERE (:event_type IS NULL OR e.type = upper(:event_type))
      AND (:since IS NULL OR coalesce(e.date, d.published) >= :since)
      AND (:until IS NULL OR coalesce(e.date, d.published) <= :until)
      AND (:story IS NULL OR s.story = :story)
      AND (:story_event IS NULL OR e.story_event = :story_event)
      AND (:place IS NULL OR e.location_id = :place OR e.location_name = :place COLLATE NOCASE)
      AND (:entity IS NULL OR e.actor_id IN (SELECT entity_id FROM wanted)
           OR e.recipient_id IN (SELECT entity_id FROM wanted)
           OR e.actor_name LIKE '%' || :entity || '%'
           OR e.recipient_name LIKE '%' || :entity || '%')
    ORDER BY coalesce(e.date, d.published), e.story_event, d.rowid, e.rowid";

const STORIES: &str = "SELECT s.story, count(*), group_concat(DISTINCT d.outlet),
        min(d.published), max(d.published),
        (SELECT title FROM documents f JOIN document_stories g ON g.document = f.rowid
         WHERE g.story = s.story ORDER BY f.rowid LIMIT 1),
        group_concat(coalesce(d.url, d.source), ' ')
    FROM document_stories s JOIN documents d ON d.rowid = s.document
    WHERE (:story IS NULL OR s.story = :story)
      AND (:since IS NULL OR d.published >= :since) AND (:until IS NULL OR d.published <= :until)
    GROUP BY s.story ORDER BY min(d.published), s.story";

/// A story event's type, parties and place are those of its first report that names
/// them (the event rows it groups agree on them or leave them out).
const STORY_EVENTS: &str = "SELECT e.story_event, min(e.date), min(e.type),
        min(coalesce(e.actor_name, '')), min(coalesce(e.recipient_name, '')),
        min(coalesce(e.location_name, '')), min(e.lat), min(e.lon),
        count(*), count(DISTINCT e.document),
        group_concat(DISTINCT coalesce(d.url, d.source))
    FROM events e JOIN documents d ON d.rowid = e.document
    WHERE (:event_type IS NULL OR e.type = upper(:event_type))
      AND (:story_event IS NULL OR e.story_event = :story_event)
      AND (:since IS NULL OR e.date >= :since) AND (:until IS NULL OR e.date <= :until)
    GROUP BY e.story_event ORDER BY min(e.date), e.story_event";

/// The numbers each claimant gives for a story event, where two claimants give different
/// numbers of the same thing. The claimant is who the article says claims the event,
/// else the outlet that reports it, else its source.
const CONTRADICTIONS: &str = "WITH claims AS (
        SELECT e.story_event, e.date, e.type, e.actor_name, e.recipient_name, e.location_name,
            coalesce(e.claimed_by_name, d.outlet, d.source) AS claimant,
            coalesce(d.url, d.source) AS source, d.outlet, q.value, q.max, q.unit, q.approx,
            q.text, d.rowid AS document, q.start
        FROM events e JOIN documents d ON d.rowid = e.document
            JOIN quantities q ON q.event = e.rowid
        WHERE (:event_type IS NULL OR e.type = upper(:event_type))
          AND (:story_event IS NULL OR e.story_event = :story_event)
          AND (:since IS NULL OR e.date >= :since) AND (:until IS NULL OR e.date <= :until)
    )
    SELECT story_event, date, type, actor_name, recipient_name, location_name, claimant,
        source, outlet, value, max, unit, approx, text
    FROM claims c
    WHERE EXISTS (SELECT 1 FROM claims o WHERE o.story_event = c.story_event
        AND o.unit = c.unit AND o.claimant != c.claimant
        AND (o.value != c.value OR coalesce(o.max, o.value) != coalesce(c.max, c.value)))
    ORDER BY date, story_event, unit, document, start";

const MONTHS: &str = "WITH wanted (entity_id) AS (
        SELECT DISTINCT entity_id FROM entities
        WHERE :entity IS NOT NULL AND (entity_id = :entity OR name = :entity COLLATE NOCASE
              OR aliases LIKE '%\"' || :entity || '\"%')),
    acts (month, quote, actor, recipient) AS (
        SELECT substr(d.published, 1, 7), 1, 0, 0 FROM quotes q JOIN documents d ON d.rowid = q.document
        WHERE q.speaker_id IN (SELECT entity_id FROM wanted)
        UNION ALL
        SELECT substr(coalesce(e.date, d.published), 1, 7), 0,
            coalesce(e.actor_id IN (SELECT entity_id FROM wanted), 0),
            coalesce(e.recipient_id IN (SELECT entity_id FROM wanted), 0)
        FROM events e JOIN documents d ON d.rowid = e.document
        WHERE e.actor_id IN (SELECT entity_id FROM wanted)
           OR e.recipient_id IN (SELECT entity_id FROM wanted))
    SELECT month, sum(quote), sum(actor), sum(recipient) FROM acts
    WHERE (:since IS NULL OR month >= substr(:since, 1, 7))
      AND (:until IS NULL OR month <= substr(:until, 1, 7))
    GROUP BY month ORDER BY month";
