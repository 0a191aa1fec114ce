//! Indonesian date expressions: "Senin (12/9/2022)", "12 Mei 2025 10:00 WIB",
//! "01/01/2023", "pada Senin", "Selasa lalu", "kemarin".
//!
//! The words (months, weekdays, time zones, relative days) come from the language's
//! `calendar.toml`; this module only knows the shapes Indonesian news writes dates in.
//! Expressions are found in two passes: [`Calendar::scan`] finds written dates
//! (they carry a day and month, maybe a year and a time), and [`Calendar::find_dates`]
//! adds relative day words and resolves everything against a reference date.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::AhoCorasick;
use jiff::civil::{Date, Weekday};
use regex::{Captures, Regex};
use serde::Deserialize;

use crate::analysis::DateMention;
use crate::lang::{LangData, LangError, compile};
use crate::span::Span;

const FILE: &str = "calendar.toml";

#[derive(Deserialize)]
struct CalendarFile {
    months: Vec<Vec<String>>,
    weekdays: Vec<Vec<String>>,
    time_zones: BTreeMap<String, i8>,
    relative_days: BTreeMap<String, i32>,
    weekday_context: WeekdayContext,
}

#[derive(Deserialize)]
struct WeekdayContext {
    prefixes: Vec<String>,
    parts_of_day: Vec<String>,
    past: Vec<String>,
    future: Vec<String>,
    future_cues: Vec<String>,
}

/// How a written date spells itself; metadata rules weigh forms differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// Day and month in parentheses after a weekday: "Senin (12/9/2022)", "Minggu (11/9)".
    WeekdayNumeric,
    /// Slashed numbers without parentheses: "01/01/2023".
    Numeric,
    /// Day, month name, maybe year: "12 Mei 2025", "Senin, 12 Mei".
    Named,
    /// ISO 8601: "2024-08-08".
    Iso,
}

/// A written date found in a text. The year may be missing ("Senin (12/9)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenDate {
    pub span: Span,
    pub form: DateForm,
    pub year: Option<i16>,
    pub month: i8,
    pub day: i8,
    pub weekday: Option<Weekday>,
    /// A time of day follows ("07:45 WIB"), as in bylines.
    pub has_time: bool,
    /// The time zone named after the time ("WIB").
    pub time_zone: Option<String>,
}

impl WrittenDate {
    /// The date when the text gives the year and the day exists.
    pub fn date(&self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day).ok()
    }

    /// The date, taking a missing year from the reference: the year that puts the
    /// day closest to the reference (so "(30/12)" read in January is last December).
    pub fn date_near(&self, reference: Date) -> Option<Date> {
        if self.year.is_some() {
            return self.date();
        }
        let year = reference.year();
        [year - 1, year, year + 1]
            .into_iter()
            .filter_map(|y| Date::new(y, self.month, self.day).ok())
            .min_by_key(|d| days_between(reference, *d).abs())
    }

    /// False when the weekday written next to the date contradicts it.
    pub fn weekday_agrees(&self, date: Date) -> bool {
        self.weekday.is_none_or(|w| w == date.weekday())
    }
}

/// Month and day names and relative-day words of a language (`calendar.toml`).
#[derive(Debug)]
pub struct Calendar {
    months: HashMap<String, i8>,
    weekdays: HashMap<String, Weekday>,
    relative_days: HashMap<String, i32>,
    past_words: Vec<String>,
    future_words: Vec<String>,
    future_cues: Regex,
    written: Regex,
    /// The literals one of which every match of `written` holds: the month names as
    /// `written` spells them, the slash of "12/9" and the dash of "2024-08-08".
    written_literals: AhoCorasick,
    relative: Regex,
}

impl Calendar {
    pub fn load(data: &LangData<'_>) -> Result<Self, LangError> {
        let file: CalendarFile =
            toml::from_str(data.file(FILE)?).map_err(|e| LangError::invalid(FILE, e))?;
        if file.months.len() != 12 || file.weekdays.len() != 7 {
            return Err(LangError::invalid(FILE, "needs 12 months and 7 weekdays"));
        }
        let mut months = HashMap::new();
        for (index, names) in file.months.iter().enumerate() {
            for name in names {
                months.insert(name.to_lowercase(), index as i8 + 1);
            }
        }
        let mut weekdays = HashMap::new();
        for (index, names) in file.weekdays.iter().enumerate() {
            let weekday = Weekday::from_monday_zero_offset(index as i8)
                .map_err(|e| LangError::invalid(FILE, e))?;
            for name in names {
                weekdays.insert(name.to_lowercase(), weekday);
            }
        }
        let month_names = alternation(file.months.iter().flatten(), true);
        let weekday_names = alternation(file.weekdays.iter().flatten(), true);
        let zones = alternation(file.time_zones.keys(), false);
        let mut literals: Vec<String> = vec!["/".to_string(), "-".to_string()];
        for name in file.months.iter().flatten() {
            literals.push(name.clone());
            literals.push(name.to_uppercase());
        }
        let written_literals =
            AhoCorasick::new(&literals).map_err(|e| LangError::invalid(FILE, e))?;
        let ctx = &file.weekday_context;
        let written = format!(
            r"(?x)
            (?:\b(?P<weekday>{weekday_names})\b\s*,?\s*)?
            (?:
                \(\s*(?P<pd>\d{{1,2}})/(?P<pm>\d{{1,2}})(?:/(?P<py>\d{{4}}|\d{{2}}))?\s*\)
              | \b(?P<nd>\d{{1,2}})/(?P<nm>\d{{1,2}})/(?P<ny>\d{{4}})\b
              | \b(?P<td>\d{{1,2}})\s+(?P<month>{month_names})\b\.?(?:\s+(?P<ty>\d{{4}})\b)?
              | \b(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?:\b|T)
            )
            (?:\s*[,|]?\s*(?i:pukul\s+)?(?P<hour>\d{{1,2}})[.:](?P<minute>\d{{2}})\b
               (?:\s*(?P<zone>{zones})\b)?)?"
        );
        let relative = format!(
            r"(?x)
            (?:\b(?i:{prefixes})\s+)?
            \b(?P<weekday>{weekday_names})\b
            (?:\s+(?i:{parts}))?
            (?:\s+(?P<direction>(?i:{directions}))\b)?
          | \b(?P<word>(?i:{words}))\b",
            prefixes = alternation(&ctx.prefixes, false),
            parts = alternation(&ctx.parts_of_day, false),
            directions = alternation(ctx.past.iter().chain(&ctx.future), false),
            words = alternation(file.relative_days.keys(), false),
        );
        let future_cues = format!(r"(?i)\b(?:{})\b", alternation(&ctx.future_cues, false));
        Ok(Calendar {
            months,
            weekdays,
            relative_days: file
                .relative_days
                .iter()
                .map(|(word, offset)| (word.to_lowercase(), *offset))
                .collect(),
            past_words: ctx.past.iter().map(|w| w.to_lowercase()).collect(),
            future_words: ctx.future.iter().map(|w| w.to_lowercase()).collect(),
            future_cues: compile(FILE, &future_cues)?,
            written: compile(FILE, &written)?,
            written_literals,
            relative: compile(FILE, &relative)?,
        })
    }

    /// Every written date in `text`, in order.
    pub fn scan(&self, text: &str) -> Vec<WrittenDate> {
        if !self.may_hold_written_date(text) {
            return Vec::new();
        }
        self.written
            .captures_iter(text)
            .filter_map(|caps| self.written_date(&caps))
            .collect()
    }

    /// False when `text` cannot hold a written date: every one has a digit and a
    /// month name, a slash or a dash. Most short lines fail this cheap test and skip
    /// the date pattern.
    fn may_hold_written_date(&self, text: &str) -> bool {
        let has_digit = text.bytes().any(|b| b.is_ascii_digit())
            || (!text.is_ascii() && text.chars().any(char::is_numeric));
        has_digit && self.written_literals.is_match(text)
    }

    /// Reads a whole string as a date: container fields ("2024-08-08T10:00:00+07:00",
    /// "Senin, 12 Mei 2025 10:00 WIB", "12/09/2022").
    pub fn parse(&self, text: &str) -> Option<Date> {
        self.scan(text.trim())
            .into_iter()
            .find_map(|written| written.date())
    }

    /// Every expression of `text` that names a day, resolved to a date.
    ///
    /// Relative expressions ("pada Senin", "kemarin") resolve against `published`; when
    /// the publication date is unknown, against the first complete date the text
    /// writes, which is then the day the story is told from. Without either, only
    /// complete dates are returned.
    pub fn find_dates(&self, text: &str, published: Option<Date>) -> Vec<DateMention> {
        let written = self.scan(text);
        let reference = published.or_else(|| written.iter().find_map(WrittenDate::date));
        let mut mentions: Vec<DateMention> = written
            .iter()
            .filter_map(|w| {
                let date = match reference {
                    Some(reference) => w.date_near(reference)?,
                    None => w.date()?,
                };
                Some(mention(text, w.span, date))
            })
            .collect();
        if let Some(reference) = reference {
            for caps in self.relative.captures_iter(text) {
                let whole = caps.get(0).expect("group 0 always matches");
                let span = Span::new(whole.start(), whole.end());
                let overlaps = written
                    .iter()
                    .any(|w| w.span.start < span.end && span.start < w.span.end);
                if overlaps {
                    continue;
                }
                if let Some(date) = self.resolve_relative(text, &caps, reference) {
                    mentions.push(mention(text, span, date));
                }
            }
        }
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        mentions
    }

    /// Whether `word` names a month or a weekday ("Senin", "Mei").
    pub fn is_calendar_word(&self, word: &str) -> bool {
        let word = word.to_lowercase();
        self.months.contains_key(&word) || self.weekdays.contains_key(&word)
    }

    fn resolve_relative(&self, text: &str, caps: &Captures<'_>, reference: Date) -> Option<Date> {
        if let Some(word) = caps.name("word") {
            let offset = *self.relative_days.get(&word.as_str().to_lowercase())?;
            return shift(reference, offset);
        }
        let weekday = *self
            .weekdays
            .get(&caps.name("weekday")?.as_str().to_lowercase())?;
        let direction = caps.name("direction").map(|d| d.as_str().to_lowercase());
        let strictly_past = direction
            .as_ref()
            .is_some_and(|d| self.past_words.contains(d));
        let strictly_future = direction
            .as_ref()
            .is_some_and(|d| self.future_words.contains(d));
        let start = caps.get(0).expect("group 0 always matches").start();
        let before = &text[floor_boundary(text, start.saturating_sub(40))..start];
        let sentence_before = before.rsplit(['.', '\n']).next().unwrap_or(before);
        let upcoming = strictly_future || self.future_cues.is_match(sentence_before);
        if upcoming {
            let ahead = i32::from(weekday.since(reference.weekday()));
            shift(
                reference,
                if ahead == 0 && strictly_future {
                    7
                } else {
                    ahead
                },
            )
        } else {
            let back = i32::from(reference.weekday().since(weekday));
            shift(
                reference,
                -(if back == 0 && strictly_past { 7 } else { back }),
            )
        }
    }

    fn written_date(&self, caps: &Captures<'_>) -> Option<WrittenDate> {
        let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
        let weekday = caps
            .name("weekday")
            .and_then(|m| self.weekdays.get(&m.as_str().to_lowercase()).copied());
        let (form, day, month, year) = if let Some(day) = number("pd") {
            let year = number("py").map(|y| if y < 100 { 2000 + y } else { y });
            // "(12/9)" alone is as likely a score or a fraction as a date.
            if year.is_none() && weekday.is_none() {
                return None;
            }
            (DateForm::WeekdayNumeric, day, number("pm")?, year)
        } else if let Some(day) = number("nd") {
            (DateForm::Numeric, day, number("nm")?, number("ny"))
        } else if let Some(day) = number("td") {
            let month = *self
                .months
                .get(&caps.name("month")?.as_str().to_lowercase())?;
            (DateForm::Named, day, i16::from(month), number("ty"))
        } else {
            (DateForm::Iso, number("id")?, number("im")?, number("iy"))
        };
        let day = i8::try_from(day).ok().filter(|d| (1..=31).contains(d))?;
        let month = i8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
        let whole = caps.get(0).expect("group 0 always matches");
        Some(WrittenDate {
            span: Span::new(whole.start(), whole.end()),
            form,
            year,
            month,
            day,
            weekday,
            has_time: caps.name("hour").is_some(),
            time_zone: caps.name("zone").map(|m| m.as_str().to_string()),
        })
    }
}

fn mention(text: &str, span: Span, date: Date) -> DateMention {
    DateMention {
        text: span.of(text).to_string(),
        value: date.to_string(),
        span,
    }
}

fn shift(date: Date, days: i32) -> Option<Date> {
    date.checked_add(jiff::Span::new().days(days)).ok()
}

fn days_between(a: Date, b: Date) -> i64 {
    i64::from(b.since(a).map(|span| span.get_days()).unwrap_or(i32::MAX))
}

/// The largest char boundary of `text` at or before `index`.
pub(crate) fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// A regex alternation of literal words, longest first so "Maret" wins over "Mar".
/// With `upper_too`, each word is also accepted in capitals ("SENIN").
fn alternation<'a>(words: impl IntoIterator<Item = &'a String>, upper_too: bool) -> String {
    let mut all: Vec<String> = Vec::new();
    for word in words {
        all.push(word.clone());
        if upper_too {
            all.push(word.to_uppercase());
        }
    }
    all.sort_by_key(|w| std::cmp::Reverse(w.len()));
    all.dedup();
    all.iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn calendar() -> Calendar {
        Language::indonesian().calendar
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn parses_container_and_byline_dates() {
        let cal = calendar();
        assert_eq!(
            cal.parse("2024-08-08T10:00:00+07:00"),
            Some(date("2024-08-08"))
        );
        assert_eq!(
            cal.parse("Senin, 12 Mei 2025 10:00 WIB"),
            Some(date("2025-05-12"))
        );
        assert_eq!(
            cal.parse("29 Oktober 2024 | 19.00 WIB"),
            Some(date("2024-10-29"))
        );
        assert_eq!(cal.parse("03 Jan 2023"), Some(date("2023-01-03")));
        assert_eq!(cal.parse("01/02/2023, 07:45 WIB"), Some(date("2023-02-01")));
        assert_eq!(cal.parse("Rabu (3/1/24)"), Some(date("2024-01-03")));
        assert_eq!(cal.parse("tanpa tanggal"), None);
        assert_eq!(cal.parse("31 Februari 2023"), None);
    }

    #[test]
    fn scan_reports_form_weekday_and_time() {
        let cal = calendar();
        let found = cal.scan("Kompas.com - 05/03/2021, 07:45 WIB");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].form, DateForm::Numeric);
        assert!(found[0].has_time);
        assert_eq!(found[0].time_zone.as_deref(), Some("WIB"));

        let found = cal.scan("kata dia, Jumat (7/6/2024), di Bandung.");
        assert_eq!(found[0].form, DateForm::WeekdayNumeric);
        assert_eq!(found[0].weekday, Some(Weekday::Friday));
        assert!(found[0].weekday_agrees(found[0].date().unwrap()));
    }

    #[test]
    fn bare_fractions_are_not_dates() {
        assert!(
            calendar()
                .scan("skor akhir (3/1) untuk tuan rumah")
                .is_empty()
        );
    }

    #[test]
    fn lower_case_minggu_is_a_week_not_sunday() {
        let found = calendar().find_dates("dua minggu lalu hujan turun", Some(date("2024-05-01")));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn relative_days_resolve_against_publication() {
        let cal = calendar();
        // 2024-08-08 is a Thursday.
        let text = "Serangan dimulai Selasa pagi. Rapat digelar pada Kamis. Kemarin hujan. \
                    Sidang akan dilanjutkan pada Senin. Jumat lalu sepi.";
        let found = cal.find_dates(text, Some(date("2024-08-08")));
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|m| (m.text.as_str(), m.value.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Selasa pagi", "2024-08-06"),
                ("pada Kamis", "2024-08-08"),
                ("Kemarin", "2024-08-07"),
                ("pada Senin", "2024-08-12"),
                ("Jumat lalu", "2024-08-02"),
            ]
        );
    }

    #[test]
    fn missing_year_and_reference_come_from_the_text() {
        let cal = calendar();
        let text = "Warga mengungsi pada Minggu (29/12). Pada Senin (30/12/2024), bantuan tiba.";
        let found = cal.find_dates(text, None);
        let values: Vec<&str> = found.iter().map(|m| m.value.as_str()).collect();
        assert_eq!(values, ["2024-12-29", "2024-12-30"]);
        // Read in early January, "(29/12)" is last December.
        let found = cal.find_dates("Minggu (29/12) lalu", Some(date("2025-01-02")));
        assert_eq!(found[0].value, "2024-12-29");
    }

    #[test]
    fn without_any_reference_only_complete_dates_are_returned() {
        let found = calendar().find_dates("Rapat pada Senin. Upacara digelar 17 Agustus.", None);
        assert!(found.is_empty(), "{found:?}");
    }
}
