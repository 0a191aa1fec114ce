//! Story grouping for a run of documents, with the rules of `crate::stories` (MinHash
//! copies, story events by type, sides, day and place) and the same outcome as grouping
//! them one by one: the candidates stored before the run are fetched in two statements,
//! and each document then also sees the ones of the run before it.

use std::collections::HashMap;

use crate::Result;
use crate::stories::{
    HASHES, PER_BAND, Report, SAME_STORY, band_keys, from_blob, signature, similarity, to_blob,
};

use super::Planned;

/// What grouping a run decided, for the rows its documents are written with.
#[derive(Default)]
pub(super) struct Labels {
    /// Each document's story and MinHash signature (empty for a text without words).
    pub(super) stories: HashMap<i64, (i64, Vec<u8>)>,
    /// (band key, document) of each signature.
    pub(super) bands: Vec<(i64, i64)>,
    /// Each event row's story event.
    pub(super) story_events: HashMap<i64, Option<i64>>,
}

/// A copy candidate: a document, its story and its signature.
type Copy = (i64, i64, [u32; HASHES]);

/// An event report a new one may join: its story event and what decides it.
struct Candidate {
    story_event: i64,
    report: Report,
}

/// Groups a run of documents in input order.
pub(super) fn group(tx: &mut postgres::Transaction<'_>, run: &[Planned<'_>]) -> Result<Labels> {
    let signatures: Vec<Option<[u32; HASHES]>> =
        run.iter().map(|p| signature(&p.analysis.text)).collect();

    // Stored copy candidates: per band key, the latest PER_BAND documents with it.
    let mut keys: Vec<i64> = signatures.iter().flatten().flat_map(band_keys).collect();
    keys.sort_unstable();
    keys.dedup();
    let mut stored_copies: HashMap<i64, Vec<Copy>> = HashMap::new();
    for row in tx.query(
        "SELECT k.key, b.document, s.story, s.minhash FROM unnest($1::bigint[]) AS k (key)
         CROSS JOIN LATERAL (SELECT document FROM story_bands WHERE key = k.key
                             ORDER BY document DESC LIMIT $2) b
         JOIN document_stories s ON s.document = b.document
         ORDER BY k.key, b.document DESC",
        &[&keys, &PER_BAND],
    )? {
        if let Some(minhash) = from_blob(row.get(3)) {
            stored_copies
                .entry(row.get(0))
                .or_default()
                .push((row.get(1), row.get(2), minhash));
        }
    }

    // Stored event candidates: every grouped report of each type on each day a new
    // event of that type could join (its day and the days either side).
    let mut wanted: Vec<(String, String)> = Vec::new();
    for p in run {
        for event in &p.analysis.events {
            if let Some(days) = event.date.as_deref().and_then(days_around) {
                wanted.extend(days.into_iter().map(|d| (event.event_type.clone(), d)));
            }
        }
    }
    wanted.sort();
    wanted.dedup();
    let (types, dates): (Vec<String>, Vec<String>) = wanted.into_iter().unzip();
    let mut stored_events: HashMap<(String, String), Vec<Candidate>> = HashMap::new();
    for row in tx.query(
        "SELECT e.type, e.date, e.story_event, e.actor_id, e.actor_country, e.recipient_id,
                e.recipient_country, e.location_id, e.location_name, e.date_precision,
                e.date_basis
         FROM unnest($1::text[], $2::text[]) AS w (type, date)
         JOIN events e ON e.type = w.type AND e.date = w.date
         WHERE e.story_event IS NOT NULL",
        &[&types, &dates],
    )? {
        stored_events
            .entry((row.get(0), row.get(1)))
            .or_default()
            .push(Candidate {
                story_event: row.get(2),
                report: Report::new(
                    [row.get(3), row.get(4), row.get(5), row.get(6)],
                    row.get(7),
                    row.get(8),
                    row.get(9),
                    row.get(10),
                ),
            });
    }
    let largest = tx.query_one(
        "SELECT (SELECT max(story) FROM document_stories), (SELECT max(story_event) FROM events)",
        &[],
    )?;
    let mut last_story: i64 = largest.get::<_, Option<i64>>(0).unwrap_or(0);
    let mut last_story_event: i64 = largest.get::<_, Option<i64>>(1).unwrap_or(0);

    let mut labels = Labels::default();
    // The run's own documents and events, as they are grouped.
    let mut run_copies: HashMap<i64, Vec<Copy>> = HashMap::new();
    let mut run_events: HashMap<(String, String), Vec<Candidate>> = HashMap::new();
    for (p, signature) in run.iter().zip(&signatures) {
        match signature {
            Some(signature) => {
                let keys = band_keys(signature);
                let story = closest_copy(signature, &keys, &run_copies, &stored_copies)
                    .unwrap_or_else(|| {
                        last_story += 1;
                        last_story
                    });
                for key in keys {
                    labels.bands.push((key, p.rowid));
                    // Newest first, as the stored candidates come.
                    run_copies
                        .entry(key)
                        .or_default()
                        .insert(0, (p.rowid, story, *signature));
                }
                labels.stories.insert(p.rowid, (story, to_blob(signature)));
            }
            None => {
                last_story += 1;
                labels.stories.insert(p.rowid, (last_story, Vec::new()));
            }
        }
        for (n, event) in p.analysis.events.iter().enumerate() {
            let row = p.first_event + n as i64;
            let place = event.location.as_ref();
            let report = Report::new(
                [
                    event.actor.as_ref().and_then(|a| a.id.clone()),
                    event.actor.as_ref().and_then(|a| a.country.clone()),
                    event.recipient.as_ref().and_then(|a| a.id.clone()),
                    event.recipient.as_ref().and_then(|a| a.country.clone()),
                ],
                place.and_then(|p| p.id.clone()),
                place.map(|p| p.name.clone()),
                event.date_precision.as_deref(),
                event.date_basis.as_deref(),
            );
            let days = event.date.as_deref().and_then(days_around);
            // The oldest story event (smallest label) with a report of the same event.
            let mut joined: Option<i64> = None;
            for (day, apart) in days.iter().flatten().zip([-1.0, 0.0, 1.0]) {
                let key = (event.event_type.clone(), day.clone());
                let stored = stored_events.get(&key).into_iter().flatten();
                let own = run_events.get(&key).into_iter().flatten();
                for candidate in stored.chain(own) {
                    if report.same_event(&candidate.report, apart) {
                        joined = Some(
                            joined.map_or(candidate.story_event, |j| j.min(candidate.story_event)),
                        );
                    }
                }
            }
            let story_event = joined.unwrap_or_else(|| {
                last_story_event += 1;
                last_story_event
            });
            labels.story_events.insert(row, Some(story_event));
            if let Some(days) = days {
                run_events
                    .entry((event.event_type.clone(), days[1].clone()))
                    .or_default()
                    .push(Candidate {
                        story_event,
                        report,
                    });
            }
        }
    }
    Ok(labels)
}

/// The story of the most similar copy among each band's latest [`PER_BAND`] documents
/// (the run's own first, then the stored ones), if one is similar enough; ties: the
/// older story.
fn closest_copy(
    signature: &[u32; HASHES],
    keys: &[i64],
    run: &HashMap<i64, Vec<Copy>>,
    stored: &HashMap<i64, Vec<Copy>>,
) -> Option<i64> {
    let mut best: Option<(f64, i64)> = None;
    for key in keys {
        let latest = run
            .get(key)
            .into_iter()
            .flatten()
            .chain(stored.get(key).into_iter().flatten())
            .take(PER_BAND as usize);
        for (_, story, other) in latest {
            let score = similarity(signature, other);
            let better = best.is_none_or(|(s, id)| score > s || (score == s && *story < id));
            if score >= SAME_STORY && better {
                best = Some((score, *story));
            }
        }
    }
    best.map(|(_, story)| story)
}

/// The day before, the day and the day after a `YYYY-MM-DD` day; `None` for anything
/// else (a month, a week), which cannot be placed within a day.
fn days_around(day: &str) -> Option<[String; 3]> {
    let number = crate::words::day_number(day)?;
    let (year, month, date) = (
        (number / 10_000) as i64,
        (number / 100 % 100) as i64,
        (number % 100) as i64,
    );
    let serial = days_from_civil(year, month, date);
    // A day past the month's end ("2025-02-30") is no day.
    if civil_from_days(serial) != (year, month, date) {
        return None;
    }
    Some([-1, 0, 1].map(|d| {
        let (y, m, d) = civil_from_days(serial + d);
        format!("{y:04}-{m:02}-{d:02}")
    }))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_days_around_a_day_cross_months_years_and_leap_days() {
        assert_eq!(
            days_around("2024-03-01").unwrap(),
            ["2024-02-29", "2024-03-01", "2024-03-02"]
        );
        assert_eq!(
            days_around("2025-01-01").unwrap(),
            ["2024-12-31", "2025-01-01", "2025-01-02"]
        );
        assert_eq!(days_around("2025-02-30"), None);
        assert_eq!(days_around("2025-03"), None);
    }
}
