//! Article metadata read from the text: headline, outlet, dateline, publication date
//! and the news agencies and outlets credited as sources.
//!
//! What the container (HTML, JSON) says wins; the text fills the gaps. Patterns, word
//! lists and the table of sources are in the language's `meta.toml`.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, MatchKind, StartKind};
use jiff::civil::Date;
use regex::{Regex, RegexSet};
use serde::Deserialize;

use crate::analysis::{Credit, Evidence};
use crate::article::Article;
use crate::clean::{Cleaned, words_at_most};
use crate::dates::{Calendar, DateForm, WrittenDate};
use crate::lang::{LangData, LangError, Pattern, compile, compile_pattern, compile_set};
use crate::span::Span;

const FILE: &str = "meta.toml";

/// What the metadata rules found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub title_span: Option<Span>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub published_evidence: Option<Evidence>,
    /// `published` as a date, for resolving relative dates.
    pub published_date: Option<Date>,
    pub dateline: Option<String>,
    pub credits: Vec<Credit>,
}

#[derive(Deserialize)]
struct MetaFile {
    headline: HeadlineSpec,
    published: PublishedSpec,
    outlet_rule: Vec<NamedPattern>,
    domain_suffixes: Vec<String>,
    credits: CreditsSpec,
    source: Vec<SourceSpec>,
}

#[derive(Deserialize)]
struct HeadlineSpec {
    max_words: usize,
    sentence_endings: Vec<String>,
    title_separators: Vec<String>,
}

#[derive(Deserialize)]
struct PublishedSpec {
    reporting_paragraphs: usize,
    reporting_before: String,
    byline_max_words: usize,
    byline_rules: Vec<String>,
    updated: String,
}

#[derive(Deserialize)]
struct NamedPattern {
    name: String,
    pattern: String,
}

#[derive(Deserialize)]
struct CreditsSpec {
    removed_rules: BTreeMap<String, String>,
    footer_patterns: Vec<String>,
    cues: Vec<String>,
    strong_cues: Vec<String>,
    qualifiers: Vec<String>,
    gap_stopwords: Vec<String>,
    official_words: Vec<String>,
    max_gap_words: usize,
    max_name_words: usize,
    not_sources: Vec<String>,
}

#[derive(Deserialize)]
struct SourceSpec {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    wire: bool,
    #[serde(default)]
    needs_cue: Vec<String>,
}

/// A news agency or outlet of the table.
#[derive(Debug)]
struct Source {
    name: String,
    aliases: Vec<String>,
    wire: bool,
}

/// One spelling of a source the text scanner looks for.
#[derive(Debug)]
struct Spelling {
    written: String,
    source: usize,
    /// The spelling is also an ordinary word or initials: it needs a cue.
    needs_cue: bool,
}

/// Compiled metadata patterns of a language (`meta.toml`).
#[derive(Debug)]
pub struct MetaRules {
    headline_max_words: usize,
    sentence_endings: Vec<String>,
    title_separators: Vec<String>,
    reporting_paragraphs: usize,
    reporting_before: Regex,
    byline_max_words: usize,
    byline_rules: HashSet<String>,
    updated: Regex,
    outlet_rules: Vec<(String, Regex)>,
    /// All outlet rules at once: one test per line finds the few lines any rule fits.
    outlet_any: RegexSet,
    domain_suffixes: Vec<String>,
    removed_rules: BTreeMap<String, String>,
    footer_patterns: Vec<Regex>,
    sources: Vec<Source>,
    by_name: HashMap<String, usize>,
    /// One pass over a text for everything metadata looks for in it: the spellings of
    /// the sources (pattern `i` is `spellings[i]`), then the strong cue words, then the
    /// characters that fold to an ASCII letter of a cue word (see [`ScanTarget`]).
    /// Overlapping and in any ASCII case; [`MetaRules::scan`] sorts the finds out.
    scanner: AhoCorasick,
    scan_targets: Vec<ScanTarget>,
    /// The spellings, matched only where a search starts: whether a known source
    /// starts at a place, read in a few bytes instead of up to the next source.
    scanner_anchored: AhoCorasick,
    spellings: Vec<Spelling>,
    cue_before: Regex,
    strong_cue: Pattern,
    /// The strong-cue pattern's parts, to read a match's groups without a capture
    /// search. `None` when a cue word is not ASCII.
    strong_cue_shape: Option<StrongCueShape>,
    qualifiers: HashSet<String>,
    gap_stopwords: HashSet<String>,
    official_words: HashSet<String>,
    not_sources: HashSet<String>,
}

impl MetaRules {
    pub fn load(data: &LangData<'_>) -> Result<Self, LangError> {
        let file: MetaFile =
            toml::from_str(data.file(FILE)?).map_err(|e| LangError::invalid(FILE, e))?;
        let regex = |pattern: &str| compile(FILE, pattern);

        let mut sources = Vec::new();
        let mut by_name = HashMap::new();
        let mut patterns = Vec::new();
        let mut spellings = Vec::new();
        for (index, spec) in file.source.into_iter().enumerate() {
            for written in std::iter::once(&spec.name).chain(&spec.aliases) {
                by_name.insert(written.to_lowercase(), index);
                let needs_cue = spec.needs_cue.contains(written);
                patterns.push(written.clone());
                spellings.push(Spelling {
                    written: written.clone(),
                    source: index,
                    needs_cue,
                });
                let upper = written.to_uppercase();
                if upper != *written {
                    // "ANTARA" in capitals is the agency even where "Antara" may be a word.
                    patterns.push(upper.clone());
                    spellings.push(Spelling {
                        written: upper,
                        source: index,
                        needs_cue: false,
                    });
                }
            }
            sources.push(Source {
                name: spec.name,
                aliases: spec.aliases,
                wire: spec.wire,
            });
        }
        let scanner_anchored = AhoCorasick::builder()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| LangError::invalid(FILE, e))?;

        let credits = &file.credits;
        let mut scan_targets: Vec<ScanTarget> =
            (0..spellings.len()).map(|_| ScanTarget::Spelling).collect();
        // Other cases of a cue word that is not ASCII are not ASCII's: such cue words
        // are not scanned for, and every text is searched throughout.
        if credits.strong_cues.iter().all(|cue| cue.is_ascii()) {
            for cue in &credits.strong_cues {
                patterns.push(cue.clone());
                scan_targets.push(ScanTarget::CueWord);
            }
            for folding in ["\u{212A}", "\u{17F}"] {
                patterns.push(folding.to_string());
                scan_targets.push(ScanTarget::FoldsToCueLetter);
            }
        }
        // A full DFA: the scanner reads every article's whole text, and the table is
        // small enough for one.
        let scanner = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .map_err(|e| LangError::invalid(FILE, e))?;
        let words = |list: &[String]| {
            let mut list: Vec<&String> = list.iter().collect();
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
            list.iter()
                .map(|w| regex::escape(w))
                .collect::<Vec<_>>()
                .join("|")
        };
        let qualifier = format!(r"(?:\p{{Ll}}[\p{{Ll}}-]*|{})", words(&credits.qualifiers));
        let gap = format!(r"(?:{qualifier}\s+){{0,{}}}", credits.max_gap_words);
        let all_cues: Vec<String> = credits
            .cues
            .iter()
            .chain(&credits.strong_cues)
            .cloned()
            .collect();
        let cue_before = format!(
            r"(?:^|[^\p{{L}}])(?i:{})\s+(?P<gap>{gap})$",
            words(&all_cues)
        );
        // A dot may sit inside a name ("Kompas.com") but not end it.
        let name_word = r"[\p{Lu}\p{N}][\p{L}\p{N}&'’-]*(?:\.[\p{L}\p{N}][\p{L}\p{N}&'’-]*)*";
        let strong_cue = format!(
            r"(?:^|[^\p{{L}}])(?i:{})\s+(?P<gap>{gap})(?P<name>{name_word}(?:\s+{name_word}){{0,{}}})",
            words(&credits.strong_cues),
            credits.max_name_words.saturating_sub(1),
        );
        // The alternatives in the order the pattern writes them (see `words`).
        let by_length = |list: &[String]| {
            let mut list = list.to_vec();
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
            list
        };
        let strong_cue_shape = credits
            .strong_cues
            .iter()
            .all(|cue| cue.is_ascii())
            .then(|| StrongCueShape {
                cues: by_length(&credits.strong_cues),
                qualifiers: by_length(&credits.qualifiers),
                max_gap_words: credits.max_gap_words,
                max_name_words: credits.max_name_words,
            });

        Ok(MetaRules {
            headline_max_words: file.headline.max_words,
            sentence_endings: file.headline.sentence_endings,
            title_separators: file.headline.title_separators,
            reporting_paragraphs: file.published.reporting_paragraphs,
            reporting_before: regex(&file.published.reporting_before)?,
            byline_max_words: file.published.byline_max_words,
            byline_rules: file.published.byline_rules.iter().cloned().collect(),
            updated: regex(&file.published.updated)?,
            outlet_rules: file
                .outlet_rule
                .iter()
                .map(|r| Ok((r.name.clone(), regex(&r.pattern)?)))
                .collect::<Result<_, LangError>>()?,
            outlet_any: compile_set(FILE, file.outlet_rule.iter().map(|r| r.pattern.as_str()))?,
            domain_suffixes: file.domain_suffixes,
            removed_rules: file.credits.removed_rules.clone(),
            footer_patterns: file
                .credits
                .footer_patterns
                .iter()
                .map(|p| regex(p))
                .collect::<Result<_, _>>()?,
            sources,
            by_name,
            scanner,
            scan_targets,
            scanner_anchored,
            spellings,
            cue_before: regex(&cue_before)?,
            strong_cue: compile_pattern(FILE, &strong_cue)?,
            strong_cue_shape,
            qualifiers: file.credits.qualifiers.iter().cloned().collect(),
            gap_stopwords: file
                .credits
                .gap_stopwords
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            official_words: file
                .credits
                .official_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            not_sources: file.credits.not_sources.iter().cloned().collect(),
        })
    }

    pub fn extract(&self, article: &Article, cleaned: &Cleaned, calendar: &Calendar) -> Metadata {
        let (title, title_span) = self.headline(article, cleaned);
        let content_paragraphs: Vec<Span> = cleaned
            .paragraphs
            .iter()
            .copied()
            .filter(|p| Some(*p) != title_span)
            .collect();
        let dateline = self.read_dateline(cleaned);
        let container_date = article
            .published
            .as_deref()
            .and_then(|raw| Some((calendar.parse(raw)?, raw)));
        // The raw lines are read only for what the container and dateline leave open.
        let outlet_named = article.outlet.is_some()
            || !dateline.outlets.is_empty()
            || !dateline.agencies.is_empty();
        let lines = self.raw_lines(&article.body, container_date.is_none(), !outlet_named);
        let (published_date, published_evidence) = self.published(
            container_date,
            &lines.bylines,
            cleaned,
            &content_paragraphs,
            calendar,
        );
        let outlet = self.outlet(article, &dateline, &lines.outlet_candidates);
        let own_names: Vec<&str> = outlet
            .iter()
            .chain(&dateline.outlets)
            .map(String::as_str)
            .collect();
        let credits = self.credits(cleaned, &own_names, &dateline.agencies, calendar);
        let dateline = dateline.place;
        Metadata {
            title,
            title_span,
            outlet,
            published: published_date.map(|d| d.to_string()),
            published_evidence,
            published_date,
            dateline,
            credits,
        }
    }

    /// The container title wins; otherwise the first paragraph when it reads like a
    /// headline: short, more text after it, and not ending like a sentence.
    fn headline(&self, article: &Article, cleaned: &Cleaned) -> (Option<String>, Option<Span>) {
        let first = cleaned.paragraphs.first().copied().filter(|span| {
            let line = span.of(&cleaned.text);
            cleaned.paragraphs.len() > 1
                && cleaned.dateline.as_ref().is_none_or(|d| d.paragraph != 0)
                && words_at_most(line, self.headline_max_words)
                && !self
                    .sentence_endings
                    .iter()
                    .any(|end| line.ends_with(end.as_str()))
        });
        match &article.title {
            Some(title) => {
                let title = self.without_site_name(title.trim());
                let span = first.filter(|span| same_words(span.of(&cleaned.text), &title));
                (Some(title), span)
            }
            None => (first.map(|span| span.of(&cleaned.text).to_string()), first),
        }
    }

    /// "Judul Berita - Kompas.com" → "Judul Berita", when the last part names an outlet.
    fn without_site_name(&self, title: &str) -> String {
        for separator in &self.title_separators {
            if let Some((head, site)) = title.rsplit_once(separator.as_str())
                && !head.trim().is_empty()
                && (self.source_named(site).is_some() || self.is_domain(site.trim()))
            {
                return head.trim().to_string();
            }
        }
        title.to_string()
    }

    /// The raw lines of `body` (trimmed) that may date the story as bylines, when
    /// `bylines`, and that an outlet rule fits, when `outlet_candidates`: one pass for
    /// both.
    fn raw_lines<'b>(&self, body: &'b str, bylines: bool, outlet_candidates: bool) -> RawLines<'b> {
        let mut lines = RawLines::default();
        if !bylines && !outlet_candidates {
            return lines;
        }
        for line in body.lines().map(str::trim) {
            // These lines date the story only with a time of day.
            if bylines && words_at_most(line, self.byline_max_words) && may_tell_time(line) {
                lines.bylines.push((line, self.updated.is_match(line)));
            }
            if outlet_candidates && self.outlet_any.is_match(line) {
                lines.outlet_candidates.push(line);
            }
        }
        lines
    }

    /// The publication date: the container's (`container_date`, with the text it was
    /// read from), else a byline's, else the reporting date near the top.
    fn published(
        &self,
        container_date: Option<(Date, &str)>,
        lines: &[(&str, bool)],
        cleaned: &Cleaned,
        content_paragraphs: &[Span],
        calendar: &Calendar,
    ) -> (Option<Date>, Option<Evidence>) {
        let evidence = |rule: &str, text: &str| {
            Some(Evidence {
                rule: rule.to_string(),
                text: text.to_string(),
            })
        };
        if let Some((date, raw)) = container_date {
            return (Some(date), evidence("container", raw));
        }
        // A byline: a short line with a date and its time of day, or a line the cleaner
        // removed as a byline ("Senin, 22 September 2025 • Oleh Nama"). The date a
        // story was updated ("Diperbarui 14 Okt 2024, 08:00 WIB") only stands in when
        // no other byline dates it. `lines` are the short raw lines with a time of day.
        let removed_bylines = cleaned
            .removed
            .iter()
            .filter(|r| self.byline_rules.contains(&r.rule))
            .map(|r| r.text.as_str());
        let candidates = lines
            .iter()
            .filter(|(_, updated)| !updated)
            .map(|(l, _)| (*l, true))
            .chain(removed_bylines.map(|l| (l, false)))
            .chain(
                lines
                    .iter()
                    .filter(|(_, updated)| *updated)
                    .map(|(l, _)| (*l, true)),
            );
        // A line the cleaner removed as a byline is most often one of the short lines
        // read before it (it has a time of day): its dates are read once.
        let mut read: Vec<(&str, Vec<WrittenDate>)> = Vec::new();
        for (line, needs_time) in candidates {
            let index = read
                .iter()
                .position(|(l, _)| *l == line)
                .unwrap_or_else(|| {
                    read.push((line, calendar.scan(line)));
                    read.len() - 1
                });
            let date = read[index]
                .1
                .iter()
                .filter(|w| w.has_time || !needs_time)
                .find_map(|w| w.date());
            if let Some(date) = date {
                return (Some(date), evidence("byline", line));
            }
        }
        // The reporting date: "…, dilansir AFP, Senin (12/9/2022)" near the top. News
        // is reported on the day the agency or the speaker said it, so a weekday with a
        // full date right after a comma dates the report; "pada Selasa (15/3/2022)"
        // dates an event and does not count.
        for span in content_paragraphs.iter().take(self.reporting_paragraphs) {
            let paragraph = span.of(&cleaned.text);
            // The weekday's date is written in parentheses: "Senin (12/9/2022)".
            if !paragraph.contains('(') {
                continue;
            }
            for written in calendar.scan(paragraph) {
                let Some(date) = written.date() else { continue };
                let before = &paragraph[..written.span.start];
                if written.form == DateForm::WeekdayNumeric
                    && written.weekday.is_some()
                    && written.weekday_agrees(date)
                    && self.reporting_before.is_match(before)
                {
                    let clause_start = after_last(before.trim_end().trim_end_matches(','), |c| {
                        [',', '.', '"', '“', '”'].contains(&c)
                    });
                    let words = paragraph[clause_start..written.span.end].trim();
                    return (Some(date), evidence("reporting_date", words));
                }
            }
        }
        (None, None)
    }

    /// The dateline's parts sorted out: which part is the place and which the outlet
    /// ("KYIV, KOMPAS.com"), and the agencies in parentheses ("MOSKOW (ANTARA/Sputnik)").
    fn read_dateline(&self, cleaned: &Cleaned) -> DatelineParts {
        let mut read = DatelineParts::default();
        let Some(prefix) = &cleaned.dateline else {
            return read;
        };
        let is_outlet = |part: &str| self.source_named(part).is_some() || part.contains('.');
        let (outlets, places): (Vec<&String>, Vec<&String>) = match prefix.parts.as_slice() {
            [first, second] if is_outlet(first) && !is_outlet(second) => {
                (vec![first], vec![second])
            }
            [first, second] => (vec![second], vec![first]),
            [only] if is_outlet(only) => (vec![only], vec![]),
            [only] => (vec![], vec![only]),
            _ => (vec![], vec![]),
        };
        read.place = places.first().map(|p| p.to_string());
        read.outlets = outlets.iter().map(|p| p.to_string()).collect();
        if let Some(agency) = &prefix.agency {
            read.agencies = agency
                .split('/')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
        }
        read
    }

    /// The outlet: the container's, else the one the dateline names (or, without one,
    /// its first agency: "JAKARTA (ANTARA) -"), else one a byline or copyright line
    /// names.
    fn outlet(
        &self,
        article: &Article,
        dateline: &DatelineParts,
        candidates: &[&str],
    ) -> Option<String> {
        let from_dateline = || {
            dateline
                .outlets
                .first()
                .or_else(|| dateline.agencies.first())
                .cloned()
        };
        let from_lines = || {
            self.outlet_rules.iter().find_map(|(_, rule)| {
                candidates.iter().find_map(|line| {
                    // A line another rule fits: a plain test spares the capture search.
                    if !rule.is_match(line) {
                        return None;
                    }
                    let name = rule.captures(line)?.name("outlet")?.as_str().trim();
                    let source = self.source_named(name);
                    // "© Reuters" on a syndicated story does not make Reuters the outlet.
                    if source.is_some_and(|s| self.sources[s].wire) {
                        return None;
                    }
                    Some(name.to_string())
                })
            })
        };
        article
            .outlet
            .clone()
            .or_else(from_dateline)
            .or_else(from_lines)
            .map(|o| self.outlet_name(&o))
    }

    /// A readable outlet name: the canonical name from the table, or the domain with
    /// a capital first letter ("SERAMBINEWS.COM" → "Serambinews.com").
    fn outlet_name(&self, written: &str) -> String {
        let words: Vec<&str> = written.split_whitespace().collect();
        for count in (1..=words.len()).rev() {
            if let Some(source) = self.source_named(&words[..count].join(" ")) {
                return self.sources[source].name.clone();
            }
        }
        // "CNBC.NEWS": the site name before the domain ending may be a known outlet.
        let site = words
            .first()
            .and_then(|w| w.split_once('.'))
            .map(|(site, _)| site);
        if let Some(source) = site.and_then(|site| self.source_named(site)) {
            return self.sources[source].name.clone();
        }
        match words.first() {
            Some(first) if self.is_domain(first) => {
                let lowered = if first.chars().any(char::is_lowercase) {
                    first.to_string()
                } else {
                    first.to_lowercase()
                };
                let mut chars = lowered.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
            _ => written.trim().to_string(),
        }
    }

    fn source_named(&self, name: &str) -> Option<usize> {
        self.by_name.get(&name.trim().to_lowercase()).copied()
    }

    fn is_domain(&self, name: &str) -> bool {
        let lowered = name.to_lowercase();
        self.domain_suffixes
            .iter()
            .any(|suffix| lowered.len() > suffix.len() && lowered.ends_with(suffix.as_str()))
    }

    fn credits(
        &self,
        cleaned: &Cleaned,
        own_names: &[&str],
        dateline_agencies: &[String],
        calendar: &Calendar,
    ) -> Vec<Credit> {
        let mut credits = Credits {
            list: Vec::new(),
            keys: Vec::new(),
            own: own_names
                .iter()
                .flat_map(|name| self.spellings_of(name))
                .map(|name| compact(&name, &self.domain_suffixes))
                .filter(|key| !key.is_empty())
                .collect(),
        };
        let text = &cleaned.text;
        for name in dateline_agencies {
            let source = self.source_named(name);
            let canonical = source.map_or_else(|| name.clone(), |s| self.sources[s].name.clone());
            credits.add(self.credit(source, canonical, "wire", name, None));
        }
        let scanned = self.scan(text);
        for &(start, end, spelling) in &scanned.spellings {
            if !is_word_at(text, start, end) {
                continue;
            }
            let spelling = &self.spellings[spelling];
            let source = &self.sources[spelling.source];
            // A source credited already: the credit would be dropped.
            if credits.holds(&source.name) {
                continue;
            }
            let sentence_start = text[..start]
                .rfind(['.', '\n', '!', '?'])
                .map_or(0, |i| i + 1);
            let cue = self.cue_before(&text[sentence_start..start]);
            if spelling.needs_cue && cue.is_none() {
                continue;
            }
            let (how, evidence_start) = match cue {
                Some(cue) => (
                    "cue",
                    sentence_start + cue.start() + leading_non_letters(cue.as_str()),
                ),
                None => ("wire", start),
            };
            let credit = self.credit(
                Some(spelling.source),
                source.name.clone(),
                how,
                &text[evidence_start..end],
                Some(Span::new(start, end)),
            );
            credits.add(credit);
        }
        for found in self.strong_cue_matches(text, scanned.cue_starts.as_deref()) {
            let read = self
                .strong_cue_shape
                .as_ref()
                .and_then(|s| s.groups(text, found));
            let (gap, name) = read.unwrap_or_else(|| {
                let caps = self.strong_cue.captures_of(text, found);
                let group = |name| caps.name(name).expect("the pattern has the group").range();
                (group("gap"), group("name"))
            });
            let gap = &text[gap];
            let name_start = name.start;
            let name = &text[name];
            // A known source starting here ("The Times of Israel") is the table scan's.
            let known = self
                .scanner_anchored
                .find(
                    aho_corasick::Input::new(text)
                        .span(name_start..text.len())
                        .anchored(Anchored::Yes),
                )
                .is_some();
            let official = gap
                .split_whitespace()
                .any(|w| self.official_words.contains(&w.to_lowercase()));
            if known || official || !self.gap_is_open(gap) || self.ends_a_qualifier(gap, name) {
                continue;
            }
            let Some(written) = self.unknown_name(name, calendar) else {
                continue;
            };
            let start = found.start() + leading_non_letters(found.as_str());
            let end = name_start + written.len();
            let credit = self.credit(
                None,
                written.to_string(),
                "cue",
                &text[start..end],
                Some(Span::new(name_start, end)),
            );
            credits.add(credit);
        }
        for removed in &cleaned.removed {
            let Some(how) = self.removed_rules.get(&removed.rule) else {
                continue;
            };
            let mut known = false;
            for (start, end, spelling) in self.scan(&removed.text).spellings {
                if is_word_at(&removed.text, start, end) {
                    known = true;
                    let source = self.spellings[spelling].source;
                    if credits.holds(&self.sources[source].name) {
                        continue;
                    }
                    let evidence = if how == "photo" {
                        credit_words(&removed.text, start)
                    } else {
                        removed.text.as_str()
                    };
                    let credit = self.credit(
                        Some(source),
                        self.sources[source].name.clone(),
                        how,
                        evidence,
                        None,
                    );
                    credits.add(credit);
                }
            }
            if !known {
                let named = self
                    .footer_patterns
                    .iter()
                    .find_map(|p| Some(p.captures(&removed.text)?.name("name")?.as_str()));
                if let Some(name) = named.map(|n| n.trim().trim_end_matches(['.', ','])) {
                    credits.add(self.credit(None, name.to_string(), how, &removed.text, None));
                }
            }
        }
        credits.list
    }

    /// The spellings of known sources in `text`, as a leftmost-longest search of the
    /// spellings as written finds them, and where its strong cue words start.
    fn scan(&self, text: &str) -> Scanned {
        let mut spellings = Vec::new();
        let mut cue_starts = Vec::new();
        let mut folds_to_cue_letter = false;
        for found in self.scanner.find_overlapping_iter(text) {
            let (start, end, pattern) = (found.start(), found.end(), found.pattern().as_usize());
            match self.scan_targets[pattern] {
                ScanTarget::Spelling => {
                    if text.as_bytes()[start..end] == *self.spellings[pattern].written.as_bytes() {
                        spellings.push((start, end, pattern));
                    }
                }
                ScanTarget::CueWord => cue_starts.push(start),
                ScanTarget::FoldsToCueLetter => folds_to_cue_letter = true,
            }
        }
        // Leftmost-longest: the first start, the longest spelling there (the first
        // pattern of equal ones), the next search after its end.
        spellings.sort_unstable_by_key(|&(start, end, pattern)| (start, Reverse(end), pattern));
        let mut searched_to = 0;
        spellings.retain(|&(start, end, _)| {
            let taken = start >= searched_to;
            if taken {
                searched_to = end;
            }
            taken
        });
        cue_starts.sort_unstable();
        let cue_words_scanned = self.scan_targets.contains(&ScanTarget::CueWord);
        Scanned {
            spellings,
            cue_starts: (cue_words_scanned && !folds_to_cue_letter).then_some(cue_starts),
        }
    }

    /// The matches of the strong-cue pattern in `text`, the same as its `find_iter`
    /// gives. A match starts one character before a cue word (or at the text's start
    /// with one), so each search starts there: the text between cue words, most of an
    /// article, is not read by the pattern's large automaton. Without `cue_starts`
    /// (see [`Scanned`]) the whole text is searched.
    fn strong_cue_matches<'t, 'c>(
        &self,
        text: &'t str,
        cue_starts: Option<&'c [usize]>,
    ) -> impl Iterator<Item = regex::Match<'t>> + use<'t, 'c, '_> {
        let mut cue_starts = cue_starts.map(|starts| starts.iter());
        let mut from = 0;
        std::iter::from_fn(move || {
            let start = match &mut cue_starts {
                None => from,
                Some(cue_starts) => {
                    let cue = *cue_starts.find(|&&cue| cue >= from)?;
                    let before = text[..cue].chars().next_back().map_or(0, char::len_utf8);
                    (cue - before).max(from)
                }
            };
            let found = self.strong_cue.find_at(text, start)?;
            from = found.end();
            Some(found)
        })
    }

    /// The cue phrase that ends `before` (the sentence up to a source's name), when the
    /// words between cue and name leave it open (see [`MetaRules::gap_is_open`]).
    fn cue_before<'t>(&self, before: &'t str) -> Option<regex::Match<'t>> {
        let found = self.cue_before.find(before)?;
        // The gap is the tail of the match after the cue's white space, so its words are
        // the last words of the match: when no word of the match closes a gap, neither
        // does the gap's, and the capture search (a backtracker over a large automaton,
        // clearing its visited set on every call) is not needed.
        if self.gap_is_open(found.as_str()) {
            return Some(found);
        }
        let caps = self.cue_before.captures(before)?;
        self.gap_is_open(&caps["gap"])
            .then(|| caps.get(0))
            .flatten()
    }

    /// Words between a cue and a name may qualify the source ("kantor berita resmi"),
    /// but a relative clause or a verb ("media asing yang menyebut Indonesia") means
    /// the name that follows is not the source.
    fn gap_is_open(&self, gap: &str) -> bool {
        !gap.split_whitespace()
            .any(|w| self.gap_stopwords.contains(&w.to_lowercase()))
    }

    /// Whether the name only finishes a qualifier begun in the gap: "Utara" after
    /// "kantor berita resmi Korea".
    fn ends_a_qualifier(&self, gap: &str, name: &str) -> bool {
        let (Some(last), Some(first)) = (
            gap.split_whitespace().last(),
            name.split_whitespace().next(),
        ) else {
            return false;
        };
        self.qualifiers.contains(&format!("{last} {first}"))
    }

    /// The names a source goes by: its table entry's name and aliases when it is
    /// known, else the name as written.
    fn spellings_of(&self, name: &str) -> Vec<String> {
        match self.source_named(name) {
            Some(source) => std::iter::once(&self.sources[source].name)
                .chain(&self.sources[source].aliases)
                .cloned()
                .collect(),
            None => vec![name.to_string()],
        }
    }

    /// An unknown name after a strong cue, cut before a trailing day or month name,
    /// or `None` when it is a place, a platform or an institution rather than media.
    fn unknown_name<'t>(&self, name: &'t str, calendar: &Calendar) -> Option<&'t str> {
        let mut end = 0;
        for word in name.split_whitespace() {
            if calendar.is_calendar_word(word.trim_end_matches(['.', ','])) {
                break;
            }
            end = name[end..].find(word).map_or(end, |i| end + i + word.len());
        }
        let written = name[..end].trim_end_matches(['.', ',', '\'', '’']);
        let first = written.split_whitespace().next()?;
        let rejected = written.chars().count() < 2
            || self.qualifiers.contains(written)
            || self.not_sources.contains(written)
            || self.not_sources.contains(first);
        (!rejected).then_some(written)
    }

    fn credit(
        &self,
        source: Option<usize>,
        name: String,
        how: &str,
        evidence: &str,
        span: Option<Span>,
    ) -> Credit {
        let aliases = source
            .map(|s| self.sources[s].aliases.clone())
            .unwrap_or_default();
        Credit {
            name,
            aliases,
            how: how.to_string(),
            evidence: evidence.trim().to_string(),
            span,
        }
    }
}

/// Whether `line` may tell a time of day ("19.00", "07:45"): a digit, a dot or a colon,
/// a digit. A written date with its time needs one, so a line without one need not be
/// searched for such a date.
fn may_tell_time(line: &str) -> bool {
    line.bytes().enumerate().any(|(at, b)| {
        matches!(b, b'.' | b':')
            && line[..at].chars().next_back().is_some_and(char::is_numeric)
            && line[at + 1..].chars().next().is_some_and(char::is_numeric)
    })
}

/// The raw lines metadata reads (see [`MetaRules::raw_lines`]).
#[derive(Default)]
struct RawLines<'b> {
    /// Short lines that may tell a time of day, and whether each dates an update.
    bylines: Vec<(&'b str, bool)>,
    /// Lines some outlet rule fits.
    outlet_candidates: Vec<&'b str>,
}

/// The dateline read into place, outlets and agencies.
#[derive(Debug, Default)]
struct DatelineParts {
    place: Option<String>,
    outlets: Vec<String>,
    agencies: Vec<String>,
}

/// The strong-cue pattern's parts (`(?:^|[^\p{L}])(?i:cue)\s+(?P<gap>(?:qualifier\s+){0,n})
/// (?P<name>word(?:\s+word){0,m})`), to read the groups of a match from its text.
///
/// On ASCII text the pattern's classes are ASCII ones, and its alternatives can be
/// tried in the order the regex engine prefers them (the cue words and qualifiers as
/// written in the pattern, longest first; a repetition before stopping) in a few
/// hundred instructions, where the engine's capture search (a backtracker over the
/// whole pattern's automaton) costs tens of thousands.
#[derive(Debug)]
struct StrongCueShape {
    cues: Vec<String>,
    qualifiers: Vec<String>,
    max_gap_words: usize,
    max_name_words: usize,
}

impl StrongCueShape {
    /// The gap and name groups of `found`, a match of the strong-cue pattern in `text`;
    /// `None` when the match is not ASCII or is not read as the engine reads it.
    fn groups(&self, text: &str, found: regex::Match<'_>) -> Option<(Range<usize>, Range<usize>)> {
        let (start, end) = (found.start(), found.end());
        // The engine's first way of matching ends at the match's end, so the text after
        // it cannot change which way that is.
        let hay = &text.as_bytes()[..end];
        if !hay[start..].is_ascii() {
            return None;
        }
        // `(?:^|[^\p{L}])`: the text's start first, then one non-letter.
        let at_text_start = (start == 0).then_some(start);
        let after_non_letter = (!hay.get(start)?.is_ascii_alphabetic()).then_some(start + 1);
        for cue_start in at_text_start.into_iter().chain(after_non_letter) {
            for cue in &self.cues {
                let cue_end = cue_start + cue.len();
                let Some(written) = hay.get(cue_start..cue_end) else {
                    continue;
                };
                let gap_start = after_spaces(hay, cue_end);
                if !written.eq_ignore_ascii_case(cue.as_bytes()) || gap_start == cue_end {
                    continue;
                }
                if let Some(name_start) = self.gap_end(hay, gap_start, 0) {
                    let name_end = self.name_end(hay, name_start);
                    return (name_end == end)
                        .then_some((gap_start..name_start, name_start..name_end));
                }
            }
        }
        None
    }

    /// Where the gap starting at `at` after `words` gap words ends: the first way, in
    /// the pattern's order, that leaves a name to follow.
    fn gap_end(&self, hay: &[u8], at: usize, words: usize) -> Option<usize> {
        if words < self.max_gap_words {
            // `\p{Ll}[\p{Ll}-]*`: a shorter run would leave a letter where the space
            // must follow, so only the longest counts.
            if hay.get(at).is_some_and(u8::is_ascii_lowercase) {
                let run = hay[at + 1..]
                    .iter()
                    .take_while(|&&b| b.is_ascii_lowercase() || b == b'-')
                    .count();
                if let Some(end) = self.after_gap_word(hay, at + 1 + run, words) {
                    return Some(end);
                }
            }
            for qualifier in &self.qualifiers {
                if hay[at..].starts_with(qualifier.as_bytes())
                    && let Some(end) = self.after_gap_word(hay, at + qualifier.len(), words)
                {
                    return Some(end);
                }
            }
        }
        // `[\p{Lu}\p{N}]`: the name starts here.
        hay.get(at)
            .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            .then_some(at)
    }

    /// The rest of the gap after a gap word ending at `word_end`: white space, then
    /// more gap words or the name.
    fn after_gap_word(&self, hay: &[u8], word_end: usize, words: usize) -> Option<usize> {
        let next = after_spaces(hay, word_end);
        (next > word_end).then(|| self.gap_end(hay, next, words + 1))?
    }

    /// The end of the name starting at `start`: as many words as the pattern takes,
    /// each as long as it goes (nothing after the name could make it give some back).
    fn name_end(&self, hay: &[u8], start: usize) -> usize {
        let mut end = name_word_end(hay, start);
        for _ in 1..self.max_name_words {
            let next = after_spaces(hay, end);
            if next == end
                || !hay
                    .get(next)
                    .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            {
                break;
            }
            end = name_word_end(hay, next);
        }
        end
    }
}

/// The end of the name word starting at `start` (`[\p{Lu}\p{N}][\p{L}\p{N}&'’-]*
/// (?:\.[\p{L}\p{N}][\p{L}\p{N}&'’-]*)*` on ASCII).
fn name_word_end(hay: &[u8], start: usize) -> usize {
    let mut end = start + 1;
    loop {
        end += hay[end..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'&' | b'\'' | b'-'))
            .count();
        if hay.get(end) == Some(&b'.') && hay.get(end + 1).is_some_and(u8::is_ascii_alphanumeric) {
            end += 2;
        } else {
            return end;
        }
    }
}

/// The first byte at or after `at` that is not ASCII white space as `\s` reads it
/// (vertical tab included).
fn after_spaces(hay: &[u8], at: usize) -> usize {
    at + hay[at..]
        .iter()
        .take_while(|&&b| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '))
        .count()
}

/// What a pattern of the scanner is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ScanTarget {
    /// A source's spelling (the same index in `spellings`).
    Spelling,
    /// A strong cue word.
    CueWord,
    /// The Kelvin sign or the long s: the strong-cue pattern folds case by Unicode's
    /// rules, under which they are also 'k' and 's', so a text holding one may hold a
    /// cue word the ASCII scan does not see.
    FoldsToCueLetter,
}

/// What one scan of a text found.
struct Scanned {
    /// Spellings of known sources: start, end, index in `spellings`; in text order,
    /// none overlapping.
    spellings: Vec<(usize, usize, usize)>,
    /// Where strong cue words start, in order; `None` when the scan cannot tell (a
    /// cue word is not ASCII or the text holds a character folding to a cue letter).
    cue_starts: Option<Vec<usize>>,
}

/// Credits without repeats, in the order found.
struct Credits {
    list: Vec<Credit>,
    /// The names of `list`, lower-cased.
    keys: Vec<String>,
    /// The article's own outlet under every spelling, compacted (see [`compact`]).
    own: Vec<String>,
}

impl Credits {
    /// Adds a credit unless its source is already credited or is the article's own
    /// outlet: the site publishing a story is not its source, whether the text names
    /// it ("seperti diberitakan Kompas.com sebelumnya"), a photo credit or a footer
    /// does ("SUMBER: RADARNUSANTARA.ID" under a Radarnusantara.id dateline).
    fn add(&mut self, credit: Credit) {
        let key = credit.name.to_lowercase();
        if self.keys.contains(&key) || self.is_own(&credit.name) {
            return;
        }
        self.keys.push(key);
        self.list.push(credit);
    }

    /// Whether a source of this name is credited already.
    fn holds(&self, name: &str) -> bool {
        self.keys.contains(&name.to_lowercase())
    }

    /// One spelling holds the other once both are compacted ("SERAMBITIMUR.COM" and
    /// "Serambi Timur", "KHATULISTIWA.co.id" and "Harian Khatulistiwa").
    fn is_own(&self, name: &str) -> bool {
        let key = compact(name, &[]);
        !key.is_empty()
            && self.own.iter().any(|own| {
                let (short, long) = if own.len() <= key.len() {
                    (own.as_str(), key.as_str())
                } else {
                    (key.as_str(), own.as_str())
                };
                short.len() >= MIN_OWN_NAME_CHARS && long.contains(short) || short == long
            })
    }
}

/// Shorter compacted names are too often part of another outlet's name to tell the
/// own outlet by containment: "cnbc" (CNBC, a source) is in "cnbcindonesia".
const MIN_OWN_NAME_CHARS: usize = 6;

/// A name lower-cased, without a domain ending and with letters and digits only:
/// "KHATULISTIWA.co.id" → "khatulistiwa", "Serambi Timur" → "serambitimur".
fn compact(name: &str, domain_suffixes: &[String]) -> String {
    let mut lowered = name.trim().to_lowercase();
    let mut suffixes: Vec<&String> = domain_suffixes.iter().collect();
    suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
    if let Some(suffix) = suffixes
        .iter()
        .find(|s| lowered.len() > s.len() && lowered.ends_with(s.as_str()))
    {
        lowered.truncate(lowered.len() - suffix.len());
    }
    lowered.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whether `text[start..end]` stands as whole words (a dot may touch it: "Reuters.").
fn is_word_at(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The byte just after the last character of `text` that `boundary` accepts, or 0.
fn after_last(text: &str, boundary: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|&(_, c)| boundary(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The credit in a removed line: from the word holding the source's name to the end
/// of the line ("-/Kremlin/dpa" of a long caption), or the whole line when the name
/// sits further in.
fn credit_words(line: &str, name_start: usize) -> &str {
    let word_start = after_last(&line[..name_start], char::is_whitespace);
    let tail = &line[word_start..];
    if tail.len() <= 60 {
        tail.trim_start_matches('(').trim_end_matches(')')
    } else {
        line
    }
}

/// Bytes of the non-letter characters (space, punctuation) that open `text`.
fn leading_non_letters(text: &str) -> usize {
    text.find(char::is_alphabetic).unwrap_or(0)
}

/// Equal after lower-casing and collapsing white space.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn extract(body: &str) -> Metadata {
        let lang = Language::indonesian();
        let article = Article::from_text("t.txt", body);
        let cleaned = lang.cleaner.clean(body);
        lang.meta.extract(&article, &cleaned, &lang.calendar)
    }

    fn credit_names(meta: &Metadata) -> Vec<(&str, &str)> {
        meta.credits
            .iter()
            .map(|c| (c.name.as_str(), c.how.as_str()))
            .collect()
    }

    const FILLER: &str =
        "Rapat itu membahas anggaran daerah untuk tahun depan dan rencana pembangunan jalan.";

    #[test]
    fn headline_is_a_short_first_line_without_final_period() {
        let meta = extract(&format!("Anggaran Daerah Dibahas Lagi\n{FILLER}"));
        assert_eq!(meta.title.as_deref(), Some("Anggaran Daerah Dibahas Lagi"));
        assert_eq!(meta.title_span, Some(Span::new(0, 28)));
        let meta = extract(&format!("{FILLER}\n{FILLER}"));
        assert_eq!(meta.title, None);
    }

    #[test]
    fn container_title_wins_and_loses_its_site_name() {
        let lang = Language::indonesian();
        let body = format!("Anggaran Daerah Dibahas Lagi\n{FILLER}");
        let article = Article {
            title: Some("Anggaran Daerah Dibahas Lagi - Kompas.com".into()),
            published: Some("2023-03-01T08:00:00+07:00".into()),
            ..Article::from_text("t", body.clone())
        };
        let meta = lang
            .meta
            .extract(&article, &lang.cleaner.clean(&body), &lang.calendar);
        assert_eq!(meta.title.as_deref(), Some("Anggaran Daerah Dibahas Lagi"));
        assert!(meta.title_span.is_some());
        assert_eq!(meta.published.as_deref(), Some("2023-03-01"));
        assert_eq!(meta.published_evidence.unwrap().rule, "container");
    }

    #[test]
    fn outlet_and_place_come_from_the_dateline() {
        for (prefix, outlet, place) in [
            ("SERAMBINEWS.COM, MOSKOW - ", "Serambinews.com", "MOSKOW"),
            ("KYIV, KOMPAS.com - ", "Kompas.com", "KYIV"),
            ("Jakarta, CNN Indonesia -- ", "CNN Indonesia", "Jakarta"),
            ("BANDUNG, Contohberita.id - ", "Contohberita.id", "BANDUNG"),
        ] {
            let meta = extract(&format!("{prefix}{FILLER}"));
            assert_eq!(meta.outlet.as_deref(), Some(outlet), "{prefix}");
            assert_eq!(meta.dateline.as_deref(), Some(place), "{prefix}");
        }
        let meta = extract(&format!("MOSKOW (ANTARA/Sputnik) - {FILLER}"));
        assert_eq!(meta.outlet.as_deref(), Some("Antara"));
        assert_eq!(credit_names(&meta), [("Sputnik", "wire")]);
    }

    #[test]
    fn outlet_from_byline_footer_or_copyright() {
        let meta = extract(&format!("Kompas.com - 05/03/2021, 07:45 WIB\n{FILLER}"));
        assert_eq!(meta.outlet.as_deref(), Some("Kompas.com"));
        assert_eq!(meta.published.as_deref(), Some("2021-03-05"));
        assert_eq!(meta.published_evidence.unwrap().rule, "byline");
        let meta = extract(&format!(
            "{FILLER}\n© 2021 TRIBUNnews.com Network, All Right Reserved"
        ));
        assert_eq!(meta.outlet.as_deref(), Some("Tribunnews.com"));
        let meta = extract(&format!("{FILLER}\nSumber: Reuters"));
        assert_eq!(
            meta.outlet, None,
            "a wire in a source footer is a credit, not the outlet"
        );
        assert_eq!(credit_names(&meta), [("Reuters", "footer")]);
    }

    #[test]
    fn reporting_date_needs_the_comma_form_near_the_top() {
        let meta = extract(&format!(
            "{FILLER} Hal itu disampaikan, dilansir kantor berita AFP, Rabu (6/3/2024)."
        ));
        assert_eq!(meta.published.as_deref(), Some("2024-03-06"));
        assert_eq!(
            meta.published_evidence.unwrap().text,
            "dilansir kantor berita AFP, Rabu (6/3/2024)"
        );
        // An event date is not the publication date.
        let meta = extract(&format!(
            "{FILLER} Sidang akan dilanjutkan pada Rabu (6/3/2024)."
        ));
        assert_eq!(meta.published, None);
        // A weekday that contradicts the date is a typo we do not trust.
        let meta = extract(&format!("{FILLER} kata dia, Kamis (6/3/2024)."));
        assert_eq!(meta.published, None);
    }

    #[test]
    fn only_lines_with_a_digit_dot_or_colon_digit_may_tell_time() {
        assert!(may_tell_time("29 Oktober 2024 | 19.00 WIB"));
        assert!(may_tell_time("Kamis, 8 Agustus 2024 pukul 07:45"));
        // Other digits count too, as the date pattern's `\d` does.
        assert!(may_tell_time("pukul \u{661}\u{669}:\u{660}\u{660}"));
        assert!(!may_tell_time("Senin, 12 Mei 2025 • Oleh Nama"));
        assert!(!may_tell_time("Pukul 7. 30 menit kemudian"));
        assert!(!may_tell_time(".5 dan 3:"));
    }

    #[test]
    fn credits_from_cues_and_known_agencies() {
        let meta = extract(
            "Gencatan senjata diumumkan, seperti dilaporkan Al Jazeera. Menurut Reuters, perundingan berlanjut. \
             Kantor berita pemerintah Rusia TASS melaporkan hal serupa, dilansir The Moscow Times. \
             Ketua RT setempat membantah. Menurut Putin, semua baik. Agensi berita Rusia melaporkan serangan.",
        );
        assert_eq!(
            credit_names(&meta),
            [
                ("Al Jazeera", "cue"),
                ("Reuters", "cue"),
                ("TASS", "cue"),
                ("The Moscow Times", "cue")
            ]
        );
        let tass = &meta.credits[2];
        assert_eq!(tass.aliases, ["ITAR-TASS", "Tass"]);
        assert_eq!(tass.evidence, "Kantor berita pemerintah Rusia TASS");
    }

    #[test]
    fn strong_cues_are_found_in_any_case_and_only_after_a_non_letter() {
        let names = |body: &str| -> Vec<String> {
            extract(body)
                .credits
                .iter()
                .map(|c| c.name.clone())
                .collect()
        };
        let body = "Laporan itu ditulis KORAN Suara Rakyat pada hari Senin. Sebuah \
                    multimedia Warta Kita ikut memuatnya, lalu media Kabar Timur.";
        assert_eq!(names(body), ["Suara Rakyat", "Kabar Timur"]);
        // The pattern folds case by Unicode's rules: the Kelvin sign is a 'k' too.
        let kelvin = body.replace("KORAN", "\u{212A}oran");
        assert_eq!(names(&kelvin), ["Suara Rakyat", "Kabar Timur"]);
    }

    #[test]
    fn ambiguous_names_need_a_cue() {
        let meta = extract(
            "Tersangka AP ditangkap polisi. Warga RT 05 berkumpul. Pernyataan itu dikutip dari AP.",
        );
        assert_eq!(credit_names(&meta), [("AP", "cue")]);
    }

    #[test]
    fn photo_credits_are_credits() {
        let meta = extract(&format!(
            "{FILLER}\nPara pemimpin bertemu di istana. -/Kremlin/dpa\nKCNA via REUTERS"
        ));
        assert_eq!(
            credit_names(&meta),
            [("dpa", "photo"), ("KCNA", "photo"), ("Reuters", "photo")]
        );
    }

    #[test]
    fn own_outlet_mentions_are_not_credits() {
        let meta = extract(&format!(
            "JAKARTA, KOMPAS.com - {FILLER} Seperti diberitakan Kompas.com sebelumnya, rapat ditunda."
        ));
        assert!(meta.credits.is_empty(), "{:?}", meta.credits);
    }

    #[test]
    fn the_own_outlet_is_no_credit_under_any_spelling() {
        let lang = Language::indonesian();
        let body = format!(
            "MANILA, Kabar Bahari - {FILLER} Seperti diberitakan KabarBahari.com, rapat ditunda.\nSUMBER: KABARBAHARI.COM"
        );
        let article = Article {
            outlet: Some("Kabar Bahari".into()),
            ..Article::from_text("t", body.clone())
        };
        let meta = lang
            .meta
            .extract(&article, &lang.cleaner.clean(&body), &lang.calendar);
        assert!(meta.credits.is_empty(), "{:?}", meta.credits);
        // A footer naming another outlet is still a credit.
        let meta = extract(&format!("MANILA, Kabar Bahari - {FILLER}\nSUMBER: Reuters"));
        assert_eq!(credit_names(&meta), [("Reuters", "footer")]);
    }

    /// Text made of strong-cue phrases: something before the cue, a cue word in some case,
    /// gap words (qualifiers, lower-case words), name words (dots, digits, dashes,
    /// apostrophes, non-ASCII letters) and the white space and punctuation between them.
    fn cue_phrases() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::collection::vec;
        use proptest::sample::select;
        use proptest::strategy::Strategy;
        const LEADS: &[&str] = &["", " ", ",", "(", "x", "é", "\n"];
        const CUES: &[&str] = &[
            "media",
            "Media",
            "MEDIA",
            "mEdIa",
            "kantor berita",
            "Kantor Berita",
            "kantor  berita",
            "dilansir",
            "dilansir dari",
            "Dilansir Dari",
            "stasiun TV",
            "stasiun tv",
            "koran",
            "\u{212A}oran",
            "medi",
        ];
        const SPACES: &[&str] = &[" ", " ", " ", "  ", "\n", "\t", "\u{b}", "\u{a0}", ""];
        const GAP_WORDS: &[&str] = &[
            "Korea",
            "Korea Utara",
            "Amerika",
            "Amerika Serikat",
            "AS",
            "Rusia",
            "asing",
            "resmi",
            "pro-rusia",
            "pro-",
            "yang",
            "dari",
            "négara",
            "Utara",
        ];
        const NAME_WORDS: &[&str] = &[
            "Reuters",
            "Straits",
            "Times",
            "BBC",
            "Kompas.com",
            "A.B",
            "3",
            "2024",
            "O'Neil",
            "R&D",
            "Al-Jazeera",
            "Ab.",
            "Ab.x",
            "x.Y",
            "Ürün",
            "B’s",
            "Utara",
            "Korea",
            "AS",
        ];
        const TAILS: &[&str] = &["", ".", ",", " yang", "é", "-"];
        let word_then_space = |words: &'static [&'static str]| {
            (select(words), select(SPACES)).prop_map(|(w, s)| format!("{w}{s}"))
        };
        let phrase = (
            select(LEADS),
            select(CUES),
            select(SPACES),
            vec(word_then_space(GAP_WORDS), 0..5),
            vec(word_then_space(NAME_WORDS), 0..7),
            select(TAILS),
        )
            .prop_map(|(lead, cue, space, gap, name, tail)| {
                format!("{lead}{cue}{space}{}{}{tail}", gap.concat(), name.concat())
            });
        vec(phrase, 1..4).prop_map(|phrases| phrases.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn strong_cue_groups_read_from_the_text_are_the_capture_search_s(text in cue_phrases()) {
            static LANGUAGE: std::sync::OnceLock<Language> = std::sync::OnceLock::new();
            let meta = &LANGUAGE.get_or_init(Language::indonesian).meta;
            let shape = meta.strong_cue_shape.as_ref().expect("the cue words are ASCII");
            for found in meta.strong_cue.find_iter(&text) {
                // The full pattern's own capture search, not its ASCII twin's.
                let caps = meta.strong_cue.captures_at(&text, found.start()).unwrap();
                let group = |name| caps.name(name).unwrap().range();
                match shape.groups(&text, found) {
                    Some(read) => proptest::prop_assert_eq!(read, (group("gap"), group("name"))),
                    None => proptest::prop_assert!(!found.as_str().is_ascii(), "{:?} in {:?}", found, text),
                }
            }
        }
    }

    /// Spellings of sources in several cases, overlapping ones and cue words among them.
    const SCAN_PIECES: &[&str] = &[
        "Kantor Berita Antara",
        "kantor berita",
        "KANTOR BERITA",
        "Antara",
        "ANTARA",
        "antara",
        "Koran Tempo",
        "koran",
        "Tempo",
        "TEMPO.CO",
        "Tempo.co",
        "Media Indonesia",
        "mediaindonesia.com",
        "media",
        "MeDiA",
        "portal Beritasatu",
        "BeritaSatu.com",
        "AP",
        "ap",
        "AP Photo",
        "Associated Press",
        "RT",
        "Russia Today",
        "dpa",
        "DPA",
        "Tass",
        "ITAR-TASS",
        "Kompas.com",
        "KOMPAS.com",
        "KOMPAS.COM",
        "Kompas",
        "Time",
        "Times of Israel",
        "The Times of Israel",
        "dilansir dari",
        "Dilansir",
        "\u{212A}oran",
        "\u{17F}",
        "é",
        " ",
        " ",
        ".",
        "-",
        "/",
        "x",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn one_scan_finds_what_the_spelling_and_cue_word_searches_find(
            pieces in proptest::collection::vec(proptest::sample::select(SCAN_PIECES), 0..40),
        ) {
            static LANGUAGE: std::sync::OnceLock<Language> = std::sync::OnceLock::new();
            let meta = &LANGUAGE.get_or_init(Language::indonesian).meta;
            let text = pieces.concat();
            let scanned = meta.scan(&text);
            // The spellings as written, leftmost-longest.
            let spellings = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(meta.spellings.iter().map(|s| &s.written))
                .unwrap();
            let expected: Vec<_> = spellings
                .find_iter(&text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            proptest::prop_assert_eq!(scanned.spellings, expected);
            // Every start of a cue word in any ASCII case, unless a character folds to one.
            let cues = &meta.strong_cue_shape.as_ref().unwrap().cues;
            let mut starts: Vec<usize> = (0..text.len())
                .filter(|&at| {
                    cues.iter().any(|cue| {
                        text.as_bytes()[at..]
                            .get(..cue.len())
                            .is_some_and(|w| w.eq_ignore_ascii_case(cue.as_bytes()))
                    })
                })
                .collect();
            let folds = text.contains(['\u{212A}', '\u{17F}']);
            let mut found = scanned.cue_starts.clone().unwrap_or_default();
            found.dedup();
            starts.dedup();
            proptest::prop_assert_eq!(scanned.cue_starts.is_none(), folds);
            if !folds {
                proptest::prop_assert_eq!(found, starts);
            }
        }
    }

    #[test]
    fn a_clause_between_cue_and_name_breaks_the_credit() {
        let meta = extract(
            "Kemlu membantah laporan media asing yang menyebut Indonesia setuju. \
             Dikutip dari laman resmi Kepresidenan Turki, rapat ditunda. \
             Menurut kantor berita resmi Korea Utara, KCNA, uji coba berhasil.",
        );
        assert_eq!(credit_names(&meta), [("KCNA", "wire")]);
    }
}
