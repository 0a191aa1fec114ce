//! Stories: copies of one text grouped across documents, and reports of one real-world
//! event grouped across documents, so that each is counted once.
//!
//! Both groupings run as a document is written, inside its transaction: a new document
//! joins the group of the most similar stored one or starts a group of its own. The result
//! depends only on the order documents arrive in (input order), so a re-run or a run
//! resumed after a crash groups exactly as a clean run did.

use std::hash::Hasher;

use rusqlite::{Transaction, params};
use siphasher::sip::SipHasher13;

use crate::Result;

/// Values in a MinHash signature. 64 estimate a Jaccard similarity to about ±0.06.
pub(crate) const HASHES: usize = 64;

/// The signature is cut into this many bands of [`ROWS`] values; two documents are
/// compared when one band is equal in both. With 8 × 8, a pair at Jaccard 0.9 is compared
/// with probability 0.99, one at 0.8 with 0.77, one at 0.5 with 0.03: copies are found,
/// and documents that merely share a template rarely cost a comparison.
const BANDS: usize = 8;
const ROWS: usize = HASHES / BANDS;

/// Documents compared per band: the latest that share it. A band shared by thousands of
/// documents holds only boilerplate they have in common (in the generated benchmark
/// corpus one band value recurs in 2,488 of 100,000 reports); a copy shares all bands
/// with its original and is found through the rarer ones, and wire copies arrive close
/// together, so the latest are where copies are.
pub(crate) const PER_BAND: i64 = 16;

/// Words per shingle. Three keep word order without being thrown by one changed word.
const SHINGLE: usize = 3;

/// The estimated Jaccard similarity of shingles from which two documents are copies of
/// one text. Syndicated copies differ by a dateline, a credit line or a sentence the
/// cleaner left (0.85 and up); at 0.75, 2 % of the generated benchmark corpus's
/// five-sentence reports, written from one template with other parties, days and
/// numbers, were taken for copies (estimates 0.75–0.83).
pub(crate) const SAME_STORY: f64 = 0.85;

/// Seeds of the hash functions behind the signature (SipHash keys are fixed so that a
/// signature stored by one warta compares with one computed by the next).
const KEYS: (u64, u64) = (0x7374_6f72_7920_6d69, 0x6e68_6173_6820_7631);

/// The MinHash signature of a text's word shingles (words lower-cased, punctuation
/// dropped); `None` for a text without words, which is a story of its own.
pub(crate) fn signature(text: &str) -> Option<[u32; HASHES]> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut hasher = SipHasher13::new_with_keys(KEYS.0, KEYS.1);
            for c in word.chars().flat_map(char::to_lowercase) {
                hasher.write_u32(c as u32);
            }
            hasher.finish()
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut signature = [u32::MAX; HASHES];
    for shingle in words.windows(SHINGLE.min(words.len())) {
        let base = shingle
            .iter()
            .fold(0u64, |acc, &w| mix(acc.rotate_left(21) ^ w));
        for (i, slot) in signature.iter_mut().enumerate() {
            let value = (mix(base ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
            *slot = (*slot).min(value);
        }
    }
    Some(signature)
}

/// SplitMix64's finaliser: a cheap, well-spread permutation of 64-bit values.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One key per band, tagged with the band's number so equal values in different bands
/// do not collide.
pub(crate) fn band_keys(signature: &[u32; HASHES]) -> [i64; BANDS] {
    std::array::from_fn(|band| {
        let key = signature[band * ROWS..(band + 1) * ROWS]
            .iter()
            .fold(mix(band as u64), |acc, &v| mix(acc ^ u64::from(v)));
        key as i64
    })
}

pub(crate) fn similarity(a: &[u32; HASHES], b: &[u32; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

pub(crate) fn to_blob(signature: &[u32; HASHES]) -> Vec<u8> {
    signature.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub(crate) fn from_blob(blob: &[u8]) -> Option<[u32; HASHES]> {
    if blob.len() != HASHES * 4 {
        return None;
    }
    Some(std::array::from_fn(|i| {
        u32::from_le_bytes(blob[i * 4..i * 4 + 4].try_into().expect("4 bytes"))
    }))
}

/// Groups a document just inserted (its events included): gives it a story and each of
/// its events a story event.
pub(crate) fn group(tx: &Transaction<'_>, document: i64, text: &str) -> Result<()> {
    let story = match signature(text) {
        Some(signature) => {
            let story = match closest_copy(tx, &signature)? {
                Some(story) => story,
                None => next_label(tx, "SELECT max(story) FROM document_stories")?,
            };
            let mut band =
                tx.prepare_cached("INSERT INTO story_bands (key, document) VALUES (?, ?)")?;
            for key in band_keys(&signature) {
                band.execute(params![key, document])?;
            }
            (story, to_blob(&signature))
        }
        None => (
            next_label(tx, "SELECT max(story) FROM document_stories")?,
            Vec::new(),
        ),
    };
    tx.prepare_cached("INSERT INTO document_stories (document, story, minhash) VALUES (?, ?, ?)")?
        .execute(params![document, story.0, story.1])?;
    group_events(tx, document)
}

/// The story of the stored document most similar to `signature`, if one is a copy (ties:
/// the older story). Each band looks at the [`PER_BAND`] documents that last shared it.
fn closest_copy(tx: &Transaction<'_>, signature: &[u32; HASHES]) -> Result<Option<i64>> {
    let mut candidates = tx.prepare_cached(
        "SELECT s.story, s.minhash FROM
             (SELECT document FROM story_bands WHERE key = ? ORDER BY rowid DESC LIMIT ?) b
         JOIN document_stories s ON s.document = b.document",
    )?;
    let mut best: Option<(f64, i64)> = None;
    for key in band_keys(signature) {
        let mut rows = candidates.query(params![key, PER_BAND])?;
        while let Some(row) = rows.next()? {
            let story: i64 = row.get(0)?;
            let Some(stored) = from_blob(&row.get::<_, Vec<u8>>(1)?) else {
                continue;
            };
            let score = similarity(signature, &stored);
            let better = best.is_none_or(|(s, id)| score > s || (score == s && story < id));
            if score >= SAME_STORY && better {
                best = Some((score, story));
            }
        }
    }
    Ok(best.map(|(_, story)| story))
}

/// One more than the largest label in use (1 for the first).
fn next_label(tx: &Transaction<'_>, max: &str) -> Result<i64> {
    let largest: Option<i64> = tx.query_row(max, [], |row| row.get(0))?;
    Ok(largest.unwrap_or(0) + 1)
}

/// A party of an event as the grouping compares it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Party {
    pub(crate) id: Option<String>,
    pub(crate) country: Option<String>,
}

impl Party {
    fn known(&self) -> bool {
        self.id.is_some() || self.country.is_some()
    }

    /// The same entity, or parties of the same country (the Russian army and the Russian
    /// defence ministry are one side of an attack).
    fn same_side(&self, other: &Party) -> bool {
        (self.id.is_some() && self.id == other.id)
            || (self.country.is_some() && self.country == other.country)
    }
}

/// What an event row holds that decides whether it reports the same event as another.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub(crate) actor: Party,
    pub(crate) recipient: Party,
    pub(crate) place_id: Option<String>,
    pub(crate) place_name: Option<String>,
    /// The day was read in the event's own sentence (not borrowed from its paragraph or
    /// story, not a week, month or year).
    pub(crate) day_precise: bool,
}

impl Report {
    fn from_row(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Report> {
        Ok(Report::new(
            [
                row.get(at)?,
                row.get(at + 1)?,
                row.get(at + 2)?,
                row.get(at + 3)?,
            ],
            row.get(at + 4)?,
            row.get(at + 5)?,
            row.get::<_, Option<String>>(at + 6)?.as_deref(),
            row.get::<_, Option<String>>(at + 7)?.as_deref(),
        ))
    }

    /// A report from its event row's columns: the sides (actor id and country,
    /// recipient id and country), the place, and the date's precision and basis.
    pub(crate) fn new(
        [actor_id, actor_country, recipient_id, recipient_country]: [Option<String>; 4],
        place_id: Option<String>,
        place_name: Option<String>,
        date_precision: Option<&str>,
        date_basis: Option<&str>,
    ) -> Report {
        Report {
            actor: Party {
                id: actor_id,
                country: actor_country,
            },
            recipient: Party {
                id: recipient_id,
                country: recipient_country,
            },
            place_id,
            place_name,
            day_precise: date_precision == Some("day")
                && date_basis.is_none_or(|basis| basis == "sentence"),
        }
    }

    /// Whether two reports of one type and days at most one apart tell of one event:
    /// neither side contradicts (an unknown party fits any), at least one side is the
    /// same, the day is the same when both read it in the event's sentence (±1 when one
    /// borrows it from its paragraph or story), and the place is the same when both give
    /// one.
    pub(crate) fn same_event(&self, other: &Report, days_apart: f64) -> bool {
        let fits = |a: &Party, b: &Party| !a.known() || !b.known() || a.same_side(b);
        let day = days_apart.abs() < 0.5
            || (!(self.day_precise && other.day_precise) && days_apart.abs() < 1.5);
        let place = match (&self.place_id, &other.place_id) {
            (Some(a), Some(b)) => a == b,
            _ => match (&self.place_name, &other.place_name) {
                (Some(a), Some(b)) => warta_kb::fold(a) == warta_kb::fold(b),
                _ => true,
            },
        };
        day && place
            && fits(&self.actor, &other.actor)
            && fits(&self.recipient, &other.recipient)
            && (self.actor.same_side(&other.actor) || self.recipient.same_side(&other.recipient))
    }
}

/// Gives each event of `document` a story event: that of the first stored report of the
/// same event (by label, so the oldest group), else a new one. An event without a day
/// (or dated only to a week, month or year) cannot be placed in time and stays alone.
fn group_events(tx: &Transaction<'_>, document: i64) -> Result<()> {
    let events: Vec<(i64, String, Option<String>, Report)> = tx
        .prepare_cached(
            "SELECT rowid, type, date, actor_id, actor_country, recipient_id, recipient_country,
                    location_id, location_name, date_precision, date_basis
             FROM events WHERE document = ? ORDER BY rowid",
        )?
        .query_map([document], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                Report::from_row(row, 3)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut label = tx.prepare_cached("UPDATE events SET story_event = ? WHERE rowid = ?")?;
    for (row, event_type, date, report) in events {
        let joined = match &date {
            Some(date) => {
                // At the event's place, then without a place: two lookups of the
                // (type, location_id, date) index instead of every event of those days.
                let by_place = |sql: &str, place: Option<&str>| -> Result<Option<i64>> {
                    let mut candidates = tx.prepare_cached(sql)?;
                    let mut rows = candidates.query(rusqlite::named_params! {
                        ":type": event_type,
                        ":date": date,
                        ":place": place,
                        ":actor_id": report.actor.id,
                        ":actor_country": report.actor.country,
                        ":recipient_id": report.recipient.id,
                        ":recipient_country": report.recipient.country,
                    })?;
                    while let Some(candidate) = rows.next()? {
                        let days: Option<f64> = candidate.get(1)?;
                        let other = Report::from_row(candidate, 2)?;
                        if days.is_some_and(|d| report.same_event(&other, d)) {
                            return Ok(Some(candidate.get(0)?));
                        }
                    }
                    Ok(None)
                };
                match report.place_id.as_deref() {
                    Some(place) => {
                        let here = by_place(&candidates("location_id = :place"), Some(place))?;
                        let nowhere =
                            by_place(&candidates("location_id IS NULL AND :place IS NULL"), None)?;
                        here.into_iter().chain(nowhere).min()
                    }
                    None => by_place(&candidates(":place IS NULL"), None)?,
                }
            }
            None => None,
        };
        let story_event = match joined {
            Some(id) => id,
            None => next_label(tx, "SELECT max(story_event) FROM events")?,
        };
        label.execute(params![story_event, row])?;
    }
    Ok(())
}

/// The query for grouped events of one type within a day of `:date`, with at least one
/// side the same as the new event's, in label order (oldest group first); `place` narrows
/// the place (and names `:place` even when it does not compare with it, as every named
/// parameter must appear).
fn candidates(place: &str) -> String {
    format!(
        "SELECT story_event, julianday(date) - julianday(:date), actor_id, actor_country,
                recipient_id, recipient_country, location_id, location_name, date_precision,
                date_basis
         FROM events
         WHERE type = :type AND {place}
               AND date BETWEEN date(:date, '-1 day') AND date(:date, '+1 day')
               AND story_event IS NOT NULL
               AND (actor_id = :actor_id OR actor_country = :actor_country
                    OR recipient_id = :recipient_id OR recipient_country = :recipient_country)
         ORDER BY story_event"
    )
}

/// Groups the documents a store holds without a story (those stored before stories
/// existed), oldest first, in transactions of `batch` documents; returns how many.
pub(crate) fn group_ungrouped(db: &mut rusqlite::Connection, batch: usize) -> Result<u64> {
    let mut done = 0;
    loop {
        let tx = db.transaction()?;
        let rows: Vec<(i64, String)> = tx
            .prepare(
                "SELECT d.rowid, d.text FROM documents d
                 WHERE NOT EXISTS (SELECT 1 FROM document_stories s WHERE s.document = d.rowid)
                 ORDER BY d.rowid LIMIT ?",
            )?
            .query_map([batch as i64], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if rows.is_empty() {
            return Ok(done);
        }
        for (document, text) in &rows {
            group(&tx, *document, text)?;
        }
        tx.commit()?;
        done += rows.len() as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_similar_and_other_reports_are_not() {
        let wire = "Pasukan pemerintah dan kelompok pemberontak sepakat menghentikan tembak-menembak \
                    di sekitar bendungan selama tiga hari untuk memberi jalan bagi teknisi yang \
                    hendak memperbaiki pintu air yang rusak akibat banjir pekan lalu. Kepala \
                    dinas pengairan mengatakan perbaikan itu mendesak karena ribuan hektare \
                    sawah di hilir terancam kekeringan jika air tidak segera dialirkan kembali. \
                    Kedua pihak berjanji menarik penembak jitu dari tepi sungai selama pekerjaan \
                    berlangsung dan mengizinkan relawan palang merah mendampingi para teknisi.";
        let copy = format!("KOTA PESISIR - {wire} Simak berita lainnya di kanal kami.");
        let other = "Kelompok pemberontak menolak tawaran perundingan yang diajukan pemerintah \
                     karena menilai syaratnya tidak adil bagi warga di wilayah utara.";
        let a = signature(wire).unwrap();
        assert!(similarity(&a, &signature(&copy).unwrap()) >= SAME_STORY);
        assert!(similarity(&a, &signature(other).unwrap()) < 0.2);
        assert_eq!(signature(" — !"), None);
    }
}
