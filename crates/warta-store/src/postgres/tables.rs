//! The tables of [`Table`] in PostgreSQL's dialect: the same columns, rows and order as
//! the SQLite queries in `query.rs` (NULLs first as SQLite sorts them, byte order of
//! text, SQLite's case-insensitive `LIKE` as `ILIKE`).

use postgres::types::{ToSql, Type};

use crate::{Error, Filter, Result, Table, Value};

/// The SQL that lists a table; `:name` parameters are the [`Filter`]'s fields.
pub(super) fn sql(table: Table) -> &'static str {
    match table {
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

/// A statement with `:name` parameters made positional (`$1::text`), and the names in
/// the order of their numbers. `::` casts are left alone.
pub(super) fn positional(sql: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(sql.len());
    let mut names: Vec<String> = Vec::new();
    let bytes = sql.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let named = bytes[i] == b':'
            && bytes.get(i + 1).is_some_and(|b| b.is_ascii_lowercase())
            && (i == 0 || bytes[i - 1] != b':');
        if !named {
            let c = sql[i..].chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let end = sql[i + 1..]
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .map_or(sql.len(), |n| i + 1 + n);
        let name = &sql[i + 1..end];
        let number = match names.iter().position(|n| n == name) {
            Some(at) => at + 1,
            None => {
                names.push(name.to_owned());
                names.len()
            }
        };
        let cast = if matches!(name, "story" | "story_event" | "limit" | "offset") {
            "bigint"
        } else {
            "text"
        };
        out.push_str(&format!("${number}::{cast}"));
        i = end;
    }
    (out, names)
}

/// The value of a named parameter from the filter (and a page's bounds).
pub(super) fn parameter(
    name: &str,
    filter: &Filter,
    page: Option<(usize, usize)>,
) -> Result<Box<dyn ToSql + Sync>> {
    Ok(match name {
        "speaker" => Box::new(filter.speaker.clone()),
        "event_type" => Box::new(filter.event_type.clone()),
        "since" => Box::new(filter.since.clone()),
        "until" => Box::new(filter.until.clone()),
        "entity" => Box::new(filter.entity.clone()),
        "place" => Box::new(filter.place.clone()),
        "story" => Box::new(filter.story),
        "story_event" => Box::new(filter.story_event),
        "offset" => Box::new(page.map(|(offset, _)| offset as i64)),
        "limit" => Box::new(page.map(|(_, limit)| limit as i64)),
        other => return Err(Error::Query(format!("no filter named `{other}`"))),
    })
}

/// One cell of a row as a [`Value`], by the column's type.
pub(super) fn cell(row: &postgres::Row, i: usize) -> Result<Value> {
    let column = row.columns()[i].type_();
    Ok(if *column == Type::INT8 {
        row.try_get::<_, Option<i64>>(i)?
            .map_or(Value::Null, Value::Integer)
    } else if *column == Type::INT4 {
        row.try_get::<_, Option<i32>>(i)?
            .map_or(Value::Null, |n| Value::Integer(n.into()))
    } else if *column == Type::INT2 {
        row.try_get::<_, Option<i16>>(i)?
            .map_or(Value::Null, |n| Value::Integer(n.into()))
    } else if *column == Type::FLOAT8 {
        row.try_get::<_, Option<f64>>(i)?
            .map_or(Value::Null, Value::Real)
    } else if *column == Type::FLOAT4 {
        row.try_get::<_, Option<f32>>(i)?
            .map_or(Value::Null, |x| Value::Real(x.into()))
    } else if *column == Type::BOOL {
        row.try_get::<_, Option<bool>>(i)?
            .map_or(Value::Null, |b| Value::Integer(b.into()))
    } else {
        row.try_get::<_, Option<String>>(i)?
            .map_or(Value::Null, Value::Text)
    })
}

const DOCUMENTS: &str = "WITH wanted (entity_id) AS (
        SELECT DISTINCT entity_id FROM entities
        WHERE :entity IS NOT NULL AND (entity_id = :entity OR lower(name) = lower(:entity)
              OR aliases ILIKE '%\"' || :entity || '\"%'))
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
    WHERE :entity IS NULL OR entity_id = :entity OR lower(name) = lower(:entity)
          OR aliases ILIKE '%\"' || :entity || '\"%'
    GROUP BY entity_id ORDER BY count(DISTINCT document) DESC, entity_id";

const QUOTES: &str = "WITH wanted (entity_id) AS (
        SELECT DISTINCT entity_id FROM entities
        WHERE :entity IS NOT NULL AND (entity_id = :entity OR lower(name) = lower(:entity)
              OR aliases ILIKE '%\"' || :entity || '\"%')
    ), speakers (entity_id) AS (
        SELECT DISTINCT entity_id FROM entities
        WHERE :speaker IS NOT NULL AND (entity_id = :speaker OR lower(name) = lower(:speaker)
              OR aliases ILIKE '%\"' || :speaker || '\"%'))
    SELECT q.rowid, d.id, d.source, d.outlet, d.published, s.story,
        q.speaker_name, q.speaker_id, q.speaker_description, q.speaker_country,
        q.kind, q.act, q.cue, q.channel,
        (SELECT string_agg(name, ' > ' ORDER BY position) FROM quote_sources v
         WHERE v.quote = q.rowid),
        q.text
    FROM quotes q JOIN documents d ON d.rowid = q.document
        LEFT JOIN document_stories s ON s.document = d.rowid
    WHERE (:since IS NULL OR d.published >= :since) AND (:until IS NULL OR d.published <= :until)
      AND (:story IS NULL OR s.story = :story)
      AND (:speaker IS NULL OR q.speaker_id IN (SELECT entity_id FROM speakers)
           OR q.speaker_name ILIKE '%' || :speaker || '%'
           OR q.speaker_description ILIKE '%' || :speaker || '%')
      AND (:entity IS NULL OR q.speaker_id IN (SELECT entity_id FROM wanted)
           OR q.speaker_name ILIKE '%' || :entity || '%')
    ORDER BY d.published NULLS FIRST, d.rowid, q.start";

/// The events with their document; the evidence is cut from the text by byte offsets.
const EVENTS: &str = "WITH wanted (entity_id) AS (
        SELECT DISTINCT entity_id FROM entities
        WHERE :entity IS NOT NULL AND (entity_id = :entity OR lower(name) = lower(:entity)
              OR aliases ILIKE '%\"' || :entity || '\"%'))
    SELECT e.rowid, e.story_event, s.story, d.id, d.source, d.outlet, d.published,
        e.date, e.date_precision, e.type, e.mode, e.negated, e.modality,
        e.actor_name, e.actor_id, e.actor_country,
        e.recipient_name, e.recipient_id, e.recipient_country,
        e.location_name, e.location_id, e.lat, e.lon, e.claimed_by_name, e.claimed_by_id,
        (SELECT string_agg(text, '; ' ORDER BY start) FROM quantities n WHERE n.event = e.rowid),
        e.trigger, e.confidence,
        convert_from(substring(convert_to(d.text, 'UTF8')
            FROM e.evidence_start + 1 FOR e.evidence_end - e.evidence_start), 'UTF8')
    FROM events e JOIN documents d ON d.rowid = e.document
        LEFT JOIN document_stories s ON s.document = d.rowid
    WHERE (:event_type IS NULL OR e.type = upper(:event_type))
      AND (:since IS NULL OR coalesce(e.date, d.published) >= :since)
      AND (:until IS NULL OR coalesce(e.date, d.published) <= :until)
      AND (:story IS NULL OR s.story = :story)
      AND (:story_event IS NULL OR e.story_event = :story_event)
      AND (:place IS NULL OR e.location_id = :place OR lower(e.location_name) = lower(:place))
      AND (:entity IS NULL OR e.actor_id IN (SELECT entity_id FROM wanted)
           OR e.recipient_id IN (SELECT entity_id FROM wanted)
           OR e.actor_name ILIKE '%' || :entity || '%'
           OR e.recipient_name ILIKE '%' || :entity || '%')
    ORDER BY coalesce(e.date, d.published) NULLS FIRST, e.story_event NULLS FIRST, d.rowid,
        e.rowid";

/// Distinct outlets (and, for story events, sources) are listed in the order they first
/// appear, as SQLite's `group_concat(DISTINCT …)` lists them.
const STORIES: &str = "SELECT s.story, count(*),
        (SELECT string_agg(outlet, ',' ORDER BY first) FROM
            (SELECT f.outlet, min(f.rowid) AS first FROM documents f
             JOIN document_stories g ON g.document = f.rowid
             WHERE g.story = s.story AND f.outlet IS NOT NULL
               AND (:since IS NULL OR f.published >= :since)
               AND (:until IS NULL OR f.published <= :until)
             GROUP BY f.outlet) o),
        min(d.published), max(d.published),
        (SELECT title FROM documents f JOIN document_stories g ON g.document = f.rowid
         WHERE g.story = s.story ORDER BY f.rowid LIMIT 1),
        string_agg(coalesce(d.url, d.source), ' ' ORDER BY d.rowid)
    FROM document_stories s JOIN documents d ON d.rowid = s.document
    WHERE (:story IS NULL OR s.story = :story)
      AND (:since IS NULL OR d.published >= :since) AND (:until IS NULL OR d.published <= :until)
    GROUP BY s.story ORDER BY min(d.published) NULLS FIRST, s.story";

/// A story event's type, parties and place are those of its first report that names
/// them (the event rows it groups agree on them or leave them out).
const STORY_EVENTS: &str = "SELECT e.story_event, min(e.date), min(e.type),
        min(coalesce(e.actor_name, '')), min(coalesce(e.recipient_name, '')),
        min(coalesce(e.location_name, '')), min(e.lat), min(e.lon),
        count(*), count(DISTINCT e.document),
        (SELECT string_agg(source, ',' ORDER BY first) FROM
            (SELECT coalesce(f.url, f.source) AS source, min(r.rowid) AS first
             FROM events r JOIN documents f ON f.rowid = r.document
             WHERE r.story_event = e.story_event
               AND (:event_type IS NULL OR r.type = upper(:event_type))
               AND (:since IS NULL OR r.date >= :since) AND (:until IS NULL OR r.date <= :until)
             GROUP BY 1) u)
    FROM events e
    WHERE (:event_type IS NULL OR e.type = upper(:event_type))
      AND (:story_event IS NULL OR e.story_event = :story_event)
      AND (:since IS NULL OR e.date >= :since) AND (:until IS NULL OR e.date <= :until)
    GROUP BY e.story_event ORDER BY min(e.date) NULLS FIRST, e.story_event NULLS FIRST";

/// The numbers each claimant gives for a story event, where two claimants give different
/// numbers of the same thing (see `query.rs`).
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
    ORDER BY date NULLS FIRST, story_event NULLS FIRST, unit COLLATE \"C\", document, start";

const MONTHS: &str = "WITH wanted (entity_id) AS (
        SELECT DISTINCT entity_id FROM entities
        WHERE :entity IS NOT NULL AND (entity_id = :entity OR lower(name) = lower(:entity)
              OR aliases ILIKE '%\"' || :entity || '\"%')),
    acts (month, quote, actor, recipient) AS (
        SELECT substr(d.published, 1, 7), 1, 0, 0 FROM quotes q JOIN documents d ON d.rowid = q.document
        WHERE q.speaker_id IN (SELECT entity_id FROM wanted)
        UNION ALL
        SELECT substr(coalesce(e.date, d.published), 1, 7), 0,
            coalesce((e.actor_id IN (SELECT entity_id FROM wanted))::integer, 0),
            coalesce((e.recipient_id IN (SELECT entity_id FROM wanted))::integer, 0)
        FROM events e JOIN documents d ON d.rowid = e.document
        WHERE e.actor_id IN (SELECT entity_id FROM wanted)
           OR e.recipient_id IN (SELECT entity_id FROM wanted))
    SELECT month, sum(quote)::bigint, sum(actor)::bigint, sum(recipient)::bigint FROM acts
    WHERE (:since IS NULL OR month >= substr(:since, 1, 7))
      AND (:until IS NULL OR month <= substr(:until, 1, 7))
    GROUP BY month ORDER BY month NULLS FIRST";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_parameters_become_numbered_and_casts_stay() {
        let (sql, names) =
            positional("SELECT x::text WHERE a = :entity OR b = :story OR c = :entity");
        assert_eq!(
            sql,
            "SELECT x::text WHERE a = $1::text OR b = $2::bigint OR c = $1::text"
        );
        assert_eq!(names, ["entity", "story"]);
    }

    #[test]
    fn every_table_names_only_filter_parameters() {
        for table in [
            Table::Documents,
            Table::Entities,
            Table::Quotes,
            Table::Events,
            Table::Stories,
            Table::StoryEvents,
            Table::Contradictions,
            Table::Months,
        ] {
            let (_, names) = positional(sql(table));
            for name in names {
                assert!(parameter(&name, &Filter::default(), None).is_ok(), "{name}");
            }
        }
    }
}
