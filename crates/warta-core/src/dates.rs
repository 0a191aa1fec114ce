//! Indonesian date expressions: "Senin (12/9/2022)", "12 Mei 2025 10:00 WIB",
//! "01/01/2023", "pada Senin", "Selasa lalu", "kemarin", "tiga hari lalu", and the
//! coarser "pekan lalu", "Februari 2022", "tahun 2022".
//!
//! The words (months, weekdays, time zones, relative days, units, cues) come from the
//! language's `calendar.toml`; this module only knows the shapes Indonesian news writes
//! dates in. Expressions are found in two passes, each one compiled pattern:
//! [`Calendar::scan`] finds written dates (they carry a day and month, maybe a year and
//! a time), and [`Calendar::find_dates`] adds relative days and periods and resolves
//! everything against a reference date.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::AhoCorasick;
use jiff::civil::{Date, Weekday};
use regex::{Captures, Regex};
use serde::Deserialize;

use crate::analysis::{Anchor, DateMention, Period, Precision};
use crate::lang::{LangData, LangError, compile};
use crate::numbers::NumberWords;
use crate::span::Span;
use crate::speech::quotations;

const FILE: &str = "calendar.toml";

#[derive(Deserialize)]
struct CalendarFile {
    months: Vec<Vec<String>>,
    weekdays: Vec<Vec<String>>,
    time_zones: BTreeMap<String, i8>,
    relative_days: BTreeMap<String, i32>,
    weekday_context: WeekdayContext,
    periods: PeriodWords,
}

#[derive(Deserialize)]
struct WeekdayContext {
    prefixes: Vec<String>,
    parts_of_day: Vec<String>,
    clock: Vec<String>,
    past: Vec<String>,
    future: Vec<String>,
    future_cues: Vec<String>,
}

/// The `[periods]` table: see `calendar.toml` for what each list does.
#[derive(Deserialize)]
struct PeriodWords {
    units: BTreeMap<String, Unit>,
    directions: BTreeMap<String, i32>,
    counted_back: Vec<String>,
    counted_forward: Vec<String>,
    one_of: BTreeMap<String, Unit>,
    prefixes: Vec<String>,
    edges: Vec<String>,
    year_cues: Vec<String>,
}

/// A unit of time that text counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn precision(self) -> Precision {
        match self {
            Unit::Day => Precision::Day,
            Unit::Week => Precision::Week,
            Unit::Month => Precision::Month,
            Unit::Year => Precision::Year,
        }
    }
}

/// The dates and periods of a text (see [`Calendar::find_dates`]).
#[derive(Debug, Default)]
pub struct FoundDates {
    pub dates: Vec<DateMention>,
    pub periods: Vec<Period>,
}

/// The day the relative expressions of a text count from, and where it came from.
#[derive(Debug, Clone, Copy)]
struct Reference {
    date: Date,
    anchor: Anchor,
}

/// What one expression says: a time of some precision holding `date` (any day of a
/// week, month or year), or nothing resolvable.
#[derive(Debug, Clone, Copy)]
struct Reading {
    precision: Precision,
    date: Option<Date>,
    anchor: Anchor,
}

impl Reading {
    const UNRESOLVED: Reading = Reading {
        precision: Precision::Unknown,
        date: None,
        anchor: Anchor::Unresolved,
    };
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
    /// Unit words ("pekan"), lower-cased, with their unit.
    units: HashMap<String, Unit>,
    /// Words for one of a unit ("sepekan"), lower-cased, with their unit.
    one_of: HashMap<String, Unit>,
    directions: HashMap<String, i32>,
    counted_forward: Vec<String>,
    numbers: NumberWords,
    written: Regex,
    /// The literals one of which every match of `written` holds: the month names as
    /// `written` spells them, the slash of "12/9" and the dash of "2024-08-08".
    written_literals: AhoCorasick,
    /// Everything but written days, in one pattern: weekdays, relative days, periods.
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
              | \b(?P<td>\d{{1,2}})\s+(?P<month>{month_names})\b(?:\.?\s+(?P<ty>\d{{4}})\b)?
              | \b(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?:\b|T)
            )
            (?:\s*[,|]?\s*(?i:pukul\s+)?(?P<hour>\d{{1,2}})[.:](?P<minute>\d{{2}})\b
               (?:\s*(?P<zone>{zones})\b)?)?"
        );
        let periods = &file.periods;
        let numbers = NumberWords::load(data)?;
        let weekday_words: Vec<&String> = file.weekdays.iter().flatten().collect();
        let unit_words = |with_day: bool| {
            let mut words = Vec::new();
            for (word, unit) in &periods.units {
                if *unit == Unit::Day && !with_day {
                    continue;
                }
                words.push(word.clone());
                let capitalised = capitalise(word);
                if !weekday_words.contains(&&capitalised) {
                    words.push(capitalised);
                }
            }
            alternation(&words, false)
        };
        let relative = format!(
            r"(?x)
            (?:\b(?i:{prefixes})\s+)?
            \b(?P<weekday>{weekday_names})\b
            (?:\s+(?i:{parts})\b)?
            (?:\s+(?i:{clock})\b)?
            (?:\s+(?P<direction>(?i:{directions}))\b)?
          | \b(?P<word>(?i:{words}))\b
          | (?:\b(?P<lead>(?i:{period_prefixes}))\s+)?
            (?:\b(?P<edge>(?i:{edges}))\s+)?
            (?:
                \b(?P<month_of>{month_names})\s+(?P<month_year>[0-9]{{4}})\b
              | \b(?i:{year_cues})\s+(?P<year>[0-9]{{4}})\b
              | \b(?P<month>{month_names})\b(?:\s+(?P<month_direction>(?i:{unit_directions}))\b)?
              | \b(?P<unit>{period_units})\s+(?P<unit_direction>(?i:{unit_directions}))\b
              | (?:
                    (?P<count>\b[0-9]{{1,3}}|\b(?i:{number_words})(?:\s+(?i:{number_words}))*)
                    \s+(?P<counted_unit>{all_units})
                  | \b(?P<one_of>(?i:{one_of}))
                )
                \s+(?P<counted_direction>(?i:{counted}))\b
            )",
            prefixes = alternation(&ctx.prefixes, false),
            parts = alternation(&ctx.parts_of_day, false),
            clock = alternation(&ctx.clock, false),
            directions = alternation(ctx.past.iter().chain(&ctx.future), false),
            words = alternation(file.relative_days.keys(), false),
            period_prefixes = alternation(&periods.prefixes, false),
            edges = alternation(&periods.edges, false),
            year_cues = alternation(&periods.year_cues, false),
            unit_directions = alternation(periods.directions.keys(), false),
            period_units = unit_words(false),
            all_units = unit_words(true),
            number_words = alternation(numbers.words(), false),
            one_of = alternation(periods.one_of.keys(), false),
            counted = alternation(
                periods.counted_back.iter().chain(&periods.counted_forward),
                false
            ),
        );
        let future_cues = format!(r"(?i)\b(?:{})\b", alternation(&ctx.future_cues, false));
        let folded = |words: &BTreeMap<String, Unit>| -> HashMap<String, Unit> {
            words.iter().map(|(w, u)| (w.to_lowercase(), *u)).collect()
        };
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
            units: folded(&periods.units),
            one_of: folded(&periods.one_of),
            directions: periods
                .directions
                .iter()
                .map(|(w, offset)| (w.to_lowercase(), *offset))
                .collect(),
            counted_forward: periods
                .counted_forward
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            numbers,
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

    /// Every date expression of `text`: the days, resolved, in `dates`; weeks, months,
    /// years and what cannot be resolved in `periods`. Both in text order.
    ///
    /// Relative expressions ("pada Senin", "kemarin", "pekan lalu") count from
    /// `published`; when the publication date is unknown, from the first complete date
    /// the text writes, which is then the day the story is told from. Without either,
    /// or inside a direct quote (its "besok" is the speaker's), they are unresolved.
    pub fn find_dates(&self, text: &str, published: Option<Date>) -> FoundDates {
        let written = self.scan(text);
        let reference = match published {
            Some(date) => Some(Reference {
                date,
                anchor: Anchor::Published,
            }),
            None => written
                .iter()
                .find_map(WrittenDate::date)
                .map(|date| Reference {
                    date,
                    anchor: Anchor::Story,
                }),
        };
        let mut found = FoundDates::default();
        for w in &written {
            let reading = match (w.date(), reference) {
                (Some(date), _) => Reading {
                    precision: Precision::Day,
                    date: Some(date),
                    anchor: Anchor::Written,
                },
                (None, Some(reference)) => match w.date_near(reference.date) {
                    Some(date) => Reading {
                        precision: Precision::Day,
                        date: Some(date),
                        anchor: reference.anchor,
                    },
                    None => continue,
                },
                (None, None) => Reading::UNRESOLVED,
            };
            found.push(text, w.span, reading);
        }
        let mut quotes = ParagraphQuotes::default();
        for matched in self.relative.find_iter(text) {
            let span = Span::new(matched.start(), matched.end());
            let overlaps = written
                .iter()
                .any(|w| w.span.start < span.end && span.start < w.span.end);
            if overlaps {
                continue;
            }
            // The groups (a capture search over the match) only for matches kept: the
            // month or weekday of a written date, skipped above, is a large share.
            let caps = self
                .relative
                .captures_at(text, matched.start())
                .expect("the pattern matches where it matched");
            let Some(expression) = self.expression(text, &caps) else {
                continue;
            };
            let reading = match expression {
                Expression::Written(reading) => reading,
                Expression::Relative(_) if quotes.inside(text, span.start) => Reading::UNRESOLVED,
                Expression::Relative(relative) => match reference {
                    Some(reference) => match self.resolve(text, &caps, relative, reference.date) {
                        Some((precision, date)) => Reading {
                            precision,
                            date: Some(date),
                            anchor: reference.anchor,
                        },
                        None => continue,
                    },
                    None => Reading::UNRESOLVED,
                },
            };
            found.push(text, span, reading);
        }
        found.dates.sort_by_key(|m| (m.span.start, m.span.end));
        found.periods.sort_by_key(|p| (p.span.start, p.span.end));
        found
    }

    /// What a match of the relative pattern is, or `None` when it is not a date
    /// expression after all (a month name without any cue, a count of nothing).
    fn expression(&self, text: &str, caps: &Captures<'_>) -> Option<Expression> {
        let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
        if let Some(year) = number("month_year") {
            let month = *self
                .months
                .get(&caps.name("month_of")?.as_str().to_lowercase())?;
            return Some(Expression::Written(Reading {
                precision: Precision::Month,
                date: Some(Date::new(year, month, 1).ok()?),
                anchor: Anchor::Written,
            }));
        }
        if let Some(year) = number("year") {
            return Some(Expression::Written(Reading {
                precision: Precision::Year,
                date: Some(Date::new(year, 1, 1).ok()?),
                anchor: Anchor::Written,
            }));
        }
        if caps.name("month").is_some() {
            // "Mei" alone may be a name; "pada Mei", "akhir Mei" and "Mei lalu" are months.
            let cued = caps.name("lead").is_some()
                || caps.name("edge").is_some()
                || caps.name("month_direction").is_some();
            return cued.then_some(Expression::Relative(Relative::Month));
        }
        if let Some(count) = caps.name("count") {
            // The tail of a grouped number ("2.000 tahun lalu") counts nothing here.
            let before = text[..count.start()].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',') {
                return None;
            }
            let value = match count.as_str().parse::<u16>() {
                Ok(n) => f64::from(n),
                Err(_) => self.numbers.value_of(count.as_str().split_whitespace())?,
            };
            let count = (value.fract() == 0.0 && (1.0..=1000.0).contains(&value))
                .then_some(value as i32)?;
            return Some(Expression::Relative(Relative::Counted(count)));
        }
        if caps.name("one_of").is_some() {
            return Some(Expression::Relative(Relative::Counted(1)));
        }
        if caps.name("unit").is_some() {
            return Some(Expression::Relative(Relative::Unit));
        }
        Some(Expression::Relative(Relative::Day))
    }

    /// The time a relative expression names, counted from `reference`.
    fn resolve(
        &self,
        text: &str,
        caps: &Captures<'_>,
        relative: Relative,
        reference: Date,
    ) -> Option<(Precision, Date)> {
        let lower = |name: &str| caps.name(name).map(|m| m.as_str().to_lowercase());
        match relative {
            Relative::Day => Some((Precision::Day, self.resolve_day(text, caps, reference)?)),
            Relative::Month => {
                let month = *self.months.get(&lower("month")?)?;
                let current = reference.month();
                let years_on = match lower("month_direction") {
                    // "Maret lalu" is strictly before the reference month, "Maret depan"
                    // strictly after it, "Maret ini" in its year.
                    Some(word) => match self.directions.get(&word)?.signum() {
                        -1 => -i16::from(month >= current),
                        1 => i16::from(month <= current),
                        _ => 0,
                    },
                    // Without a direction, the last month of that name up to the reference
                    // ("sejak November" read in January), or the next one when the
                    // sentence tells it as upcoming.
                    None if self.told_as_upcoming(text, caps) => i16::from(month < current),
                    None => -i16::from(month > current),
                };
                let year = reference.year() + years_on;
                Some((Precision::Month, Date::new(year, month, 1).ok()?))
            }
            Relative::Unit => {
                let unit = *self.units.get(&lower("unit")?)?;
                let offset = *self.directions.get(&lower("unit_direction")?)?;
                Some((unit.precision(), shift_units(reference, unit, offset)?))
            }
            Relative::Counted(count) => {
                let unit = match lower("counted_unit") {
                    Some(word) => *self.units.get(&word)?,
                    None => *self.one_of.get(&lower("one_of")?)?,
                };
                let forward = self.counted_forward.contains(&lower("counted_direction")?);
                let offset = if forward { count } else { -count };
                Some((unit.precision(), shift_units(reference, unit, offset)?))
            }
        }
    }

    /// Whether `word` names a month or a weekday ("Senin", "Mei").
    pub fn is_calendar_word(&self, word: &str) -> bool {
        let word = word.to_lowercase();
        self.months.contains_key(&word) || self.weekdays.contains_key(&word)
    }

    /// The day a weekday ("pada Senin", "Jumat lalu") or a relative day word
    /// ("kemarin") names, counted from `reference`.
    fn resolve_day(&self, text: &str, caps: &Captures<'_>, reference: Date) -> Option<Date> {
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
        let upcoming = strictly_future || self.told_as_upcoming(text, caps);
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

    /// Whether the sentence tells the expression as still to come ("akan ... pada
    /// Senin"): a future cue shortly before it.
    fn told_as_upcoming(&self, text: &str, caps: &Captures<'_>) -> bool {
        let start = caps.get(0).expect("group 0 always matches").start();
        let before = &text[floor_boundary(text, start.saturating_sub(40))..start];
        let sentence_before = before.rsplit(['.', '\n']).next().unwrap_or(before);
        self.future_cues.is_match(sentence_before)
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

/// What a match of the relative pattern is.
enum Expression {
    /// Complete as written ("Februari 2022", "pada 2022").
    Written(Reading),
    /// Counted from a reference day.
    Relative(Relative),
}

#[derive(Debug, Clone, Copy)]
enum Relative {
    /// A weekday or a relative day word ("pada Senin", "kemarin").
    Day,
    /// A month name without its year ("Maret lalu", "pada Mei").
    Month,
    /// A unit with a direction ("pekan lalu", "tahun depan").
    Unit,
    /// A count of units back or forward ("tiga hari lalu", "sepekan lalu").
    Counted(i32),
}

impl FoundDates {
    /// Files an expression: a resolved day among `dates`, anything else among `periods`.
    fn push(&mut self, text: &str, span: Span, reading: Reading) {
        let words = span.of(text).to_string();
        match (reading.precision, reading.date) {
            (Precision::Day, Some(date)) => self.dates.push(DateMention {
                text: words,
                value: date.to_string(),
                precision: Precision::Day,
                anchor: reading.anchor,
                span,
            }),
            (precision, date) => self.periods.push(Period {
                text: words,
                value: date.map(|date| value_at(precision, date)),
                precision,
                anchor: reading.anchor,
                span,
            }),
        }
    }
}

/// A period's value: the ISO day, week (`2024-W32`), month (`2024-08`) or year holding
/// `date`.
fn value_at(precision: Precision, date: Date) -> String {
    match precision {
        Precision::Day | Precision::Unknown => date.to_string(),
        Precision::Week => {
            let week = date.iso_week_date();
            format!("{:04}-W{:02}", week.year(), week.week())
        }
        Precision::Month => format!("{:04}-{:02}", date.year(), date.month()),
        Precision::Year => format!("{:04}", date.year()),
    }
}

/// The day `offset` units after `date` (before it when negative); a month or year
/// counts from its first day, so "bulan lalu" read on 31 March is February.
fn shift_units(date: Date, unit: Unit, offset: i32) -> Option<Date> {
    match unit {
        Unit::Day => shift(date, offset),
        Unit::Week => shift(date, offset.checked_mul(7)?),
        Unit::Month => date
            .first_of_month()
            .checked_add(jiff::Span::new().months(offset))
            .ok(),
        Unit::Year => Date::new(i16::try_from(i32::from(date.year()) + offset).ok()?, 1, 1).ok(),
    }
}

/// The quotations of the paragraph last asked about, so that a paragraph's marks are
/// paired once however many expressions it holds.
#[derive(Default)]
struct ParagraphQuotes {
    paragraph: Option<Span>,
    inner: Vec<Span>,
}

impl ParagraphQuotes {
    /// Whether byte `at` of `text` lies inside a direct quote.
    fn inside(&mut self, text: &str, at: usize) -> bool {
        if self.paragraph.is_none_or(|p| at < p.start || p.end < at) {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            let paragraph = Span::new(start, end);
            self.inner = quotations(text, paragraph)
                .iter()
                .map(|q| q.inner)
                .collect();
            self.paragraph = Some(paragraph);
        }
        self.inner.iter().any(|q| q.start <= at && at < q.end)
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

/// A word with its first letter in capitals ("pekan" → "Pekan").
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A regex alternation of literal words, longest first so "Maret" wins over "Mar"; the
/// space between words of a phrase matches any run of white space ("yang  lalu").
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
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::Strategy;

    use super::*;
    use crate::lang::Language;

    /// The Indonesian calendar, built once for all tests (the pack is slow to build).
    fn calendar() -> &'static Calendar {
        static LANGUAGE: std::sync::OnceLock<Language> = std::sync::OnceLock::new();
        &LANGUAGE.get_or_init(Language::indonesian).calendar
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

    /// `(text, value, anchor)` of each day found.
    fn days(found: &FoundDates) -> Vec<(&str, &str, Anchor)> {
        found
            .dates
            .iter()
            .map(|m| (m.text.as_str(), m.value.as_str(), m.anchor))
            .collect()
    }

    /// `(text, value, precision, anchor)` of each period found.
    fn periods(found: &FoundDates) -> Vec<(&str, Option<&str>, Precision, Anchor)> {
        found
            .periods
            .iter()
            .map(|p| (p.text.as_str(), p.value.as_deref(), p.precision, p.anchor))
            .collect()
    }

    #[test]
    fn lower_case_minggu_is_a_week_not_sunday() {
        // 2024-05-01 is in ISO week 18.
        let found = calendar().find_dates("dua minggu lalu hujan turun", Some(date("2024-05-01")));
        assert!(found.dates.is_empty(), "{found:?}");
        assert_eq!(
            periods(&found),
            [(
                "dua minggu lalu",
                Some("2024-W16"),
                Precision::Week,
                Anchor::Published
            )]
        );
    }

    #[test]
    fn relative_days_resolve_against_publication() {
        let cal = calendar();
        // 2024-08-08 is a Thursday.
        let text = "Serangan dimulai Selasa pagi. Rapat digelar pada Kamis. Kemarin hujan. \
                    Sidang akan dilanjutkan pada Senin. Jumat lalu sepi. Hari ini cerah.";
        let found = cal.find_dates(text, Some(date("2024-08-08")));
        let published = Anchor::Published;
        assert_eq!(
            days(&found),
            [
                ("Selasa pagi", "2024-08-06", published),
                ("pada Kamis", "2024-08-08", published),
                ("Kemarin", "2024-08-07", published),
                ("pada Senin", "2024-08-12", published),
                ("Jumat lalu", "2024-08-02", published),
                ("Hari ini", "2024-08-08", published),
            ]
        );
        assert!(found.dates.iter().all(|d| d.precision == Precision::Day));
    }

    #[test]
    fn weekdays_keep_their_part_of_day_and_clock() {
        let text = "Kapal itu berlayar sejak Selasa pagi dan merapat Rabu malam waktu setempat.";
        let found = calendar().find_dates(text, Some(date("2024-08-08")));
        assert_eq!(
            days(&found),
            [
                ("sejak Selasa pagi", "2024-08-06", Anchor::Published),
                ("Rabu malam waktu setempat", "2024-08-07", Anchor::Published),
            ]
        );
    }

    #[test]
    fn missing_year_and_reference_come_from_the_text() {
        let cal = calendar();
        let text = "Warga mengungsi pada Minggu (29/12). Pada Senin (30/12/2024), bantuan tiba.";
        let found = cal.find_dates(text, None);
        assert_eq!(
            days(&found),
            [
                ("Minggu (29/12)", "2024-12-29", Anchor::Story),
                ("Senin (30/12/2024)", "2024-12-30", Anchor::Written),
            ]
        );
        // Read in early January, "(29/12)" is last December.
        let found = cal.find_dates("Minggu (29/12) lalu", Some(date("2025-01-02")));
        assert_eq!(found.dates[0].value, "2024-12-29");
    }

    #[test]
    fn without_any_reference_relative_expressions_stay_unresolved() {
        let found = calendar().find_dates(
            "Rapat pada Senin. Upacara digelar 17 Agustus. Harga naik bulan lalu.",
            None,
        );
        assert!(found.dates.is_empty(), "{found:?}");
        let unresolved = (None, Precision::Unknown, Anchor::Unresolved);
        let texts: Vec<_> = periods(&found)
            .into_iter()
            .map(|(text, value, precision, anchor)| (text, (value, precision, anchor)))
            .collect();
        assert_eq!(
            texts,
            [
                ("pada Senin", unresolved),
                ("17 Agustus", unresolved),
                ("bulan lalu", unresolved),
            ]
        );
    }

    #[test]
    fn written_months_and_cued_years_are_periods() {
        let text = "Harga pangan naik sejak Februari 2022 dan turun pada 2023. Tahun 2021 sepi. \
                    Gudang itu menampung 2024 karung beras hingga akhir Maret 2020.";
        let found = calendar().find_dates(text, Some(date("2024-08-08")));
        assert!(found.dates.is_empty(), "{found:?}");
        let written = Anchor::Written;
        assert_eq!(
            periods(&found),
            [
                (
                    "sejak Februari 2022",
                    Some("2022-02"),
                    Precision::Month,
                    written
                ),
                ("pada 2023", Some("2023"), Precision::Year, written),
                ("Tahun 2021", Some("2021"), Precision::Year, written),
                (
                    "hingga akhir Maret 2020",
                    Some("2020-03"),
                    Precision::Month,
                    written
                ),
            ]
        );
    }

    #[test]
    fn weeks_months_and_years_count_from_publication() {
        // 2024-08-08 is a Thursday of ISO week 32.
        let text = "Bulan lalu harga turun, pekan lalu naik, dan awal pekan ini stabil. \
                    Akhir pekan lalu pasar ramai. Tahun lalu panen gagal; tahun depan \
                    diharapkan membaik. Kontrak itu diteken Maret lalu dan berakhir pada Mei.";
        let found = calendar().find_dates(text, Some(date("2024-08-08")));
        assert!(found.dates.is_empty(), "{found:?}");
        let published = Anchor::Published;
        assert_eq!(
            periods(&found),
            [
                ("Bulan lalu", Some("2024-07"), Precision::Month, published),
                ("pekan lalu", Some("2024-W31"), Precision::Week, published),
                (
                    "awal pekan ini",
                    Some("2024-W32"),
                    Precision::Week,
                    published
                ),
                (
                    "Akhir pekan lalu",
                    Some("2024-W31"),
                    Precision::Week,
                    published
                ),
                ("Tahun lalu", Some("2023"), Precision::Year, published),
                ("tahun depan", Some("2025"), Precision::Year, published),
                ("Maret lalu", Some("2024-03"), Precision::Month, published),
                ("pada Mei", Some("2024-05"), Precision::Month, published),
            ]
        );
        // Read in March, "Maret lalu" is the March of the year before.
        let found = calendar().find_dates("Maret lalu", Some(date("2024-03-20")));
        assert_eq!(found.periods[0].value.as_deref(), Some("2023-03"));
        // A month without a direction is the last of its name, or the next when the
        // sentence tells it as upcoming.
        let text = "Harga naik sejak November. Pameran akan digelar pada Maret.";
        let found = calendar().find_dates(text, Some(date("2024-01-12")));
        let values: Vec<_> = found.periods.iter().map(|p| p.value.as_deref()).collect();
        assert_eq!(values, [Some("2023-11"), Some("2024-03")]);
        // "bulan lalu" read on the 31st is the month before, whatever its length.
        let found = calendar().find_dates("bulan lalu", Some(date("2024-03-31")));
        assert_eq!(found.periods[0].value.as_deref(), Some("2024-02"));
    }

    #[test]
    fn a_month_name_alone_is_no_date() {
        let found =
            calendar().find_dates("Jan Hendrik tiba di Mei Ling.", Some(date("2024-08-08")));
        assert!(
            found.dates.is_empty() && found.periods.is_empty(),
            "{found:?}"
        );
    }

    #[test]
    fn counted_days_weeks_and_months_back_and_forward() {
        let text = "Kapal itu tenggelam tiga hari lalu. Dua pekan lalu ada badai. Jembatan \
                    runtuh 5 hari yang lalu, dua puluh hari lalu retak. Sebulan lalu hujan. \
                    Panen tiba dua hari lagi. Candi itu dibangun 2.000 tahun lalu.";
        let found = calendar().find_dates(text, Some(date("2024-08-08")));
        let published = Anchor::Published;
        assert_eq!(
            days(&found),
            [
                ("tiga hari lalu", "2024-08-05", published),
                ("5 hari yang lalu", "2024-08-03", published),
                ("dua puluh hari lalu", "2024-07-19", published),
                ("dua hari lagi", "2024-08-10", published),
            ]
        );
        assert_eq!(
            periods(&found),
            [
                (
                    "Dua pekan lalu",
                    Some("2024-W30"),
                    Precision::Week,
                    published
                ),
                ("Sebulan lalu", Some("2024-07"), Precision::Month, published),
            ]
        );
    }

    #[test]
    fn relative_days_inside_a_direct_quote_stay_unresolved() {
        let text = "\"Kapal kami berangkat besok,\" kata nakhoda itu pada Senin.";
        let found = calendar().find_dates(text, Some(date("2024-08-08")));
        assert_eq!(
            days(&found),
            [("pada Senin", "2024-08-05", Anchor::Published)]
        );
        assert_eq!(
            periods(&found),
            [("besok", None, Precision::Unknown, Anchor::Unresolved)]
        );
    }

    /// Pieces of text that make the date patterns work: calendar words, numbers, marks.
    const PIECES: &[&str] = &[
        "Senin",
        "Minggu",
        "minggu",
        "pekan",
        "lalu",
        "yang",
        "ini",
        "depan",
        "pada",
        "sejak",
        "awal",
        "akhir",
        "tahun",
        "bulan",
        "hari",
        "Februari",
        "Mei",
        "(12/9)",
        "(12/9/2022)",
        "2022",
        "2.000",
        "tiga",
        "dua puluh",
        "sepekan",
        "kemarin",
        "pagi",
        "waktu setempat",
        "\"",
        "“",
        "”",
        "\n",
        ",",
        ".",
        "é",
        "\u{a0}",
        "12",
        "31 Februari 2023",
    ];

    proptest::proptest! {
        /// Any text goes through date finding without panicking, and every span lies on
        /// character boundaries and holds the expression's text.
        #[test]
        fn date_spans_are_exact_on_any_text(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(PIECES).prop_map(str::to_string),
                    "\\PC{0,4}",
                ],
                0..24,
            ),
            separator in proptest::sample::select(&[" ", "", "\n", "  "][..]),
            published in proptest::option::of(0_i32..40_000),
        ) {
            let text = pieces.join(separator);
            let published = published.and_then(|days| shift(date("1950-01-01"), days));
            let found = calendar().find_dates(&text, published);
            let spans = found
                .dates
                .iter()
                .map(|d| (d.span, d.text.as_str()))
                .chain(found.periods.iter().map(|p| (p.span, p.text.as_str())));
            for (span, words) in spans {
                proptest::prop_assert!(text.is_char_boundary(span.start));
                proptest::prop_assert!(text.is_char_boundary(span.end));
                proptest::prop_assert_eq!(span.of(&text), words);
            }
        }
    }
}
