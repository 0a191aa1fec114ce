//! Boilerplate removal: turns the scraped text of a news page into headline and
//! content paragraphs.
//!
//! The rules are data (`clean.toml`), compiled once when the language loads. They run
//! in a fixed order because later steps read what earlier ones left:
//!
//! 1. line rules drop whole lines ("Baca juga: …", ad slots, share prompts, bylines),
//!    some only in the head or the tail of the article; a bare "BACA JUGA" heading takes
//!    the headline links after it, and a short label repeated in the head goes;
//! 2. tail blocks drop a heading such as "BERITA TERKINI" and the link list (or the
//!    reader comments) after it, up to the next such heading;
//! 3. inline rules cut pieces out of a line ("SCROLL TO CONTINUE WITH CONTENT", "(*)");
//! 4. photo credits and captions go: credit-only lines ("VOA", "AFP/JOHN DOE"), lines
//!    ending in a credit ("… -/Kremlin/dpa"), and the short caption next to a credit line;
//! 5. a dateline prefix ("KYIV, KOMPAS.com - ") is cut from one of the first content
//!    paragraphs and kept as evidence for the metadata; a head line repeating the
//!    dateline's outlet ("Warta Harian") goes with it;
//! 6. a teaser that repeats the start of the lead is dropped.
//!
//! Every removal is reported with its rule name.

use std::ops::Range;

use regex::{Regex, RegexSet};
use serde::Deserialize;

use crate::analysis::Removed;
use crate::lang::{LangData, LangError, Pattern, compile, compile_pattern, compile_set};
use crate::span::Span;

const FILE: &str = "clean.toml";

/// Rule name of a line that is only a photo credit.
pub const PHOTO_CREDIT: &str = "photo_credit";
/// Rule name of a photo caption.
pub const PHOTO_CAPTION: &str = "photo_caption";
/// Rule name of the dateline prefix cut from the first paragraph.
pub const DATELINE: &str = "dateline";
/// Rule name of a teaser line repeating the lead.
pub const TEASER: &str = "teaser";
/// Rule name of a short label (an outlet or section name) repeated in the head, or a
/// head line repeating a part of the dateline.
pub const HEAD_LABEL: &str = "head_label";
/// Rule name of an author's name standing next to the byline date.
pub const AUTHOR: &str = "author_byline";

/// The cleaned text of an article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// Content paragraphs joined by `\n`.
    pub text: String,
    pub paragraphs: Vec<Span>,
    /// What was removed, in the order of the raw text.
    pub removed: Vec<Removed>,
    /// The dateline prefix cut from a paragraph, if there was one.
    pub dateline: Option<DatelinePrefix>,
}

/// A dateline prefix such as "SERAMBINEWS.COM, MOSKOW - ", split into its parts.
/// Which part is the outlet and which the place is the metadata's call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatelinePrefix {
    /// The prefix as written, dash included.
    pub text: String,
    /// The comma-separated parts before the dash ("SERAMBINEWS.COM", "MOSKOW").
    pub parts: Vec<String>,
    /// A parenthesised source after the parts ("ANTARA" in "JAKARTA (ANTARA) - ").
    pub agency: Option<String>,
    /// Index of the paragraph it was cut from.
    pub paragraph: usize,
}

#[derive(Deserialize)]
struct CleanFile {
    head_lines: usize,
    tail_lines: usize,
    photo_credits: Vec<String>,
    line: Vec<LineRuleSpec>,
    headline_link_max_words: usize,
    repeated_label_max_words: usize,
    person_line: String,
    byline_rules: Vec<String>,
    tail_block_max_words: usize,
    min_sentence_words: usize,
    tail_block: Vec<TailBlockSpec>,
    comment_line: String,
    inline: Vec<NamedPattern>,
    caption: CaptionSpec,
    dateline: DatelineSpec,
    teaser: TeaserSpec,
}

#[derive(Deserialize)]
struct NamedPattern {
    name: String,
    pattern: String,
}

#[derive(Deserialize)]
struct LineRuleSpec {
    name: String,
    pattern: String,
    #[serde(default)]
    position: Position,
    max_words: Option<usize>,
    /// The line is a bare heading ("BACA JUGA") whose links follow on their own lines.
    #[serde(default)]
    takes_headlines: bool,
}

#[derive(Deserialize)]
struct TailBlockSpec {
    name: String,
    pattern: String,
    /// Reader comments follow the heading: lines shaped like `comment_line` do not
    /// count as content.
    #[serde(default)]
    comments: bool,
}

#[derive(Deserialize, Debug, Clone, Copy, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Position {
    #[default]
    Any,
    Head,
    Tail,
}

#[derive(Deserialize)]
struct CaptionSpec {
    credit_line: Vec<String>,
    credit_line_max_words: usize,
    credited_line: Vec<String>,
    credited_line_max_words: usize,
    caption_max_words: usize,
    caption_before_max_words: usize,
    caption_marker: String,
}

#[derive(Deserialize)]
struct DatelineSpec {
    pattern: String,
    lines: usize,
    max_part_words: usize,
    min_rest_words: usize,
}

#[derive(Deserialize)]
struct TeaserSpec {
    min_words: usize,
}

#[derive(Debug)]
struct LineRule {
    name: String,
    position: Position,
    max_words: Option<usize>,
    takes_headlines: bool,
}

/// Compiled boilerplate rules of a language (`clean.toml`).
#[derive(Debug)]
pub struct Cleaner {
    head_lines: usize,
    tail_lines: usize,
    /// Every pattern tested line by line (line rules, tail block headings, inline rules,
    /// credit and credited lines), in one set: the regex engine reads each byte of a
    /// line once for all of them, where a set per step read every line once per step.
    /// A line keeps the patterns it matched ([`Line::matched`]); each step looks up
    /// its own, at the ranges below.
    line_patterns: RegexSet,
    /// The line rules, in the file's order, at `0..line_rules.len()` of the set.
    line_rules: Vec<LineRule>,
    tail_block_patterns: Range<usize>,
    inline_patterns: Range<usize>,
    credit_line: Range<usize>,
    credited_line: Range<usize>,
    headline_link_max_words: usize,
    repeated_label_max_words: usize,
    person_line: Regex,
    byline_rules: Vec<String>,
    tail_blocks: Vec<(String, bool)>,
    comment_line: Regex,
    tail_block_max_words: usize,
    min_sentence_words: usize,
    inline: Vec<(String, Regex)>,
    credit_line_max_words: usize,
    credited_line_max_words: usize,
    caption_max_words: usize,
    caption_before_max_words: usize,
    caption_marker: Regex,
    dateline: Pattern,
    dateline_lines: usize,
    dateline_max_part_words: usize,
    dateline_min_rest_words: usize,
    teaser_min_words: usize,
}

/// One non-empty line of the raw text while rules run over it.
struct Line {
    text: String,
    kept: bool,
    /// Words of `text`, counted once (and again when a rule cuts the text).
    words: usize,
    /// The patterns of [`Cleaner::line_patterns`] that match `text`, ascending.
    matched: Vec<usize>,
}

impl Line {
    /// Whether a pattern in `patterns` matches the line.
    fn matches_any(&self, patterns: &Range<usize>) -> bool {
        self.matched.iter().any(|m| patterns.contains(m))
    }
}

/// A dateline prefix read at a line: the line, whether it stood alone, and what was found.
type CachedDateline = (usize, bool, Option<(usize, DatelinePrefix)>);

/// What the cleaning steps share: the lines and the removals so far.
struct Work {
    lines: Vec<Line>,
    removed: Vec<(usize, Removed)>,
    dateline: Option<DatelinePrefix>,
    /// Dateline prefixes read so far, by line and `alone` (see `cached_dateline_prefix`).
    dateline_cache: Vec<CachedDateline>,
}

impl Work {
    fn drop_line(&mut self, index: usize, rule: &str) {
        let line = &mut self.lines[index];
        if line.kept {
            line.kept = false;
            self.removed.push((
                index,
                Removed {
                    rule: rule.to_string(),
                    text: line.text.clone(),
                },
            ));
        }
    }

    fn kept_indices(&self) -> Vec<usize> {
        (0..self.lines.len())
            .filter(|&i| self.lines[i].kept)
            .collect()
    }
}

impl Cleaner {
    pub fn load(data: &LangData<'_>) -> Result<Self, LangError> {
        let file: CleanFile =
            toml::from_str(data.file(FILE)?).map_err(|e| LangError::invalid(FILE, e))?;
        let mut credits = file.photo_credits.clone();
        credits.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let credits = credits
            .iter()
            .map(|c| regex::escape(c))
            .collect::<Vec<_>>()
            .join("|");
        let expand = |pattern: &str| pattern.replace("{credits}", &credits);
        let regex = |pattern: &str| compile(FILE, &expand(pattern));
        let mut line_patterns: Vec<String> = Vec::new();
        let mut add = |patterns: Vec<&String>| {
            let start = line_patterns.len();
            line_patterns.extend(patterns.into_iter().map(|p| expand(p)));
            start..line_patterns.len()
        };
        add(file.line.iter().map(|r| &r.pattern).collect());
        let tail_block_patterns = add(file.tail_block.iter().map(|r| &r.pattern).collect());
        let inline_patterns = add(file.inline.iter().map(|r| &r.pattern).collect());
        let credit_line = add(file.caption.credit_line.iter().collect());
        let credited_line = add(file.caption.credited_line.iter().collect());
        Ok(Cleaner {
            head_lines: file.head_lines,
            tail_lines: file.tail_lines,
            line_patterns: compile_set(FILE, line_patterns.iter().map(String::as_str))?,
            tail_block_patterns,
            inline_patterns,
            credit_line,
            credited_line,
            line_rules: file
                .line
                .into_iter()
                .map(|r| LineRule {
                    name: r.name,
                    position: r.position,
                    max_words: r.max_words,
                    takes_headlines: r.takes_headlines,
                })
                .collect(),
            headline_link_max_words: file.headline_link_max_words,
            repeated_label_max_words: file.repeated_label_max_words,
            person_line: regex(&file.person_line)?,
            byline_rules: file.byline_rules,
            tail_blocks: file
                .tail_block
                .into_iter()
                .map(|r| (r.name, r.comments))
                .collect(),
            comment_line: regex(&file.comment_line)?,
            tail_block_max_words: file.tail_block_max_words,
            min_sentence_words: file.min_sentence_words,
            inline: file
                .inline
                .iter()
                .map(|r| Ok((r.name.clone(), regex(&r.pattern)?)))
                .collect::<Result<_, LangError>>()?,
            credit_line_max_words: file.caption.credit_line_max_words,
            credited_line_max_words: file.caption.credited_line_max_words,
            caption_max_words: file.caption.caption_max_words,
            caption_before_max_words: file.caption.caption_before_max_words,
            caption_marker: regex(&file.caption.caption_marker)?,
            dateline: compile_pattern(FILE, &expand(&file.dateline.pattern))?,
            dateline_lines: file.dateline.lines,
            dateline_max_part_words: file.dateline.max_part_words,
            dateline_min_rest_words: file.dateline.min_rest_words,
            teaser_min_words: file.teaser.min_words,
        })
    }

    pub fn clean(&self, body: &str) -> Cleaned {
        let lines: Vec<Line> = body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| self.line(l.to_string()))
            .collect();
        let mut work = Work {
            lines,
            removed: Vec::new(),
            dateline: None,
            dateline_cache: Vec::new(),
        };
        self.drop_lines(&mut work);
        self.drop_repeated_head_labels(&mut work);
        self.drop_authors_by_dates(&mut work);
        self.drop_tail_blocks(&mut work);
        self.cut_inline(&mut work);
        self.drop_photo_credits(&mut work);
        self.cut_dateline(&mut work);
        self.drop_teaser(&mut work);
        work.removed.sort_by_key(|(index, _)| *index);

        let mut text = String::new();
        let mut paragraphs = Vec::new();
        let mut dateline = work.dateline;
        for (index, line) in work.lines.iter().enumerate().filter(|(_, l)| l.kept) {
            if let Some(prefix) = dateline.as_mut().filter(|d| d.paragraph == index) {
                prefix.paragraph = paragraphs.len();
            }
            if !text.is_empty() {
                text.push('\n');
            }
            let start = text.len();
            text.push_str(&line.text);
            paragraphs.push(Span::new(start, text.len()));
        }
        Cleaned {
            text,
            paragraphs,
            removed: work.removed.into_iter().map(|(_, r)| r).collect(),
            dateline,
        }
    }

    fn line(&self, text: String) -> Line {
        Line {
            words: word_count(&text),
            matched: self.line_patterns.matches(&text).iter().collect(),
            text,
            kept: true,
        }
    }

    /// Gives a line a new text (a rule cut a piece of it), with its words and patterns.
    fn set_text(&self, line: &mut Line, text: String) {
        let kept = line.kept;
        *line = self.line(text);
        line.kept = kept;
    }

    fn position_allows(&self, position: Position, index: usize, count: usize, lead: usize) -> bool {
        match position {
            Position::Any => true,
            Position::Head => index < self.head_lines.min(lead),
            Position::Tail => index + self.tail_lines >= count,
        }
    }

    fn drop_lines(&self, work: &mut Work) {
        let count = work.lines.len();
        // The head ends at the first paragraph long enough to be the lead; a photo
        // caption above it is a sentence too, but not the lead.
        let lead = work
            .lines
            .iter()
            .position(|l| self.is_content(l) && !l.matches_any(&self.credited_line))
            .unwrap_or(count);
        for index in 0..count {
            let line = &work.lines[index];
            let words = line.words;
            // The first rule in the file's order wins (the patterns are in that order).
            let rule = line
                .matched
                .iter()
                .take_while(|&&m| m < self.line_rules.len())
                .map(|&m| &self.line_rules[m])
                .find(|rule| {
                    self.position_allows(rule.position, index, count, lead)
                        && rule.max_words.is_none_or(|max| words <= max)
                });
            if let Some(rule) = rule {
                work.drop_line(index, &rule.name);
                if rule.takes_headlines {
                    self.drop_headline_links(work, index, &rule.name);
                }
            }
        }
    }

    /// The links under a bare "BACA JUGA" heading stand on their own lines: short,
    /// capitalised and without a sentence's final punctuation. They go with the heading;
    /// the first line that reads otherwise ends the list.
    fn drop_headline_links(&self, work: &mut Work, heading: usize, rule: &str) {
        for index in heading + 1..work.lines.len() {
            if !work.lines[index].kept {
                continue;
            }
            let line = &work.lines[index].text;
            if work.lines[index].matches_any(&(0..self.line_rules.len())) {
                continue; // an ad slot or a share prompt: its own rule removes it
            }
            let is_link = work.lines[index].words <= self.headline_link_max_words
                && line
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                && !line.ends_with(['.', '!', '?', '"', '”', ':', ';', ',']);
            if !is_link {
                return;
            }
            work.drop_line(index, rule);
        }
    }

    /// A short line met more than once in the head ("lensaNEWS" above and below the
    /// headline) is a site or section label, never the story.
    fn drop_repeated_head_labels(&self, work: &mut Work) {
        let head: Vec<usize> = work
            .kept_indices()
            .into_iter()
            .filter(|&i| i < self.head_lines)
            .collect();
        let labels: Vec<(usize, String)> = head
            .iter()
            .filter(|&&i| work.lines[i].words <= self.repeated_label_max_words)
            .map(|&i| (i, normalize(&work.lines[i].text)))
            .collect();
        for (index, text) in &labels {
            if labels.iter().filter(|(_, other)| other == text).count() > 1 {
                work.drop_line(*index, HEAD_LABEL);
            }
        }
    }

    /// Sites print the author's bare name right above or below the date line; next to
    /// a removed byline date, a line shaped like a personal name is that author.
    fn drop_authors_by_dates(&self, work: &mut Work) {
        let dates: Vec<usize> = work
            .removed
            .iter()
            .filter(|(_, r)| self.byline_rules.contains(&r.rule))
            .map(|(index, _)| *index)
            .collect();
        for date in dates {
            let above = (0..date).rev().find(|&i| work.lines[i].kept);
            let below = (date + 1..work.lines.len()).find(|&i| work.lines[i].kept);
            // The headline also reads like a name when it is short: never take it.
            let first = work.kept_indices().first().copied();
            for index in above.into_iter().chain(below) {
                if Some(index) != first && self.person_line.is_match(&work.lines[index].text) {
                    work.drop_line(index, AUTHOR);
                }
            }
        }
    }

    /// A block heading in the second half of the text removes the lines after it up to
    /// the next block heading when none of them reads like a content paragraph (only
    /// headlines of other stories, or reader comments under a comment heading);
    /// otherwise only the heading goes.
    fn drop_tail_blocks(&self, work: &mut Work) {
        let count = work.lines.len();
        let heading_at = |work: &Work, i: usize| {
            let line = &work.lines[i];
            if !line.kept {
                return None;
            }
            let patterns = &self.tail_block_patterns;
            let first = line.matched.iter().find(|m| patterns.contains(m))?;
            Some(first - patterns.start)
        };
        for index in count / 2..count {
            let Some(rule) = heading_at(work, index) else {
                continue;
            };
            let (name, comments) = self.tail_blocks[rule].clone();
            let end = (index + 1..count)
                .find(|&i| heading_at(work, i).is_some())
                .unwrap_or(count);
            let has_content = work.lines[index + 1..end].iter().any(|l| {
                l.kept && self.is_content(l) && !(comments && self.comment_line.is_match(&l.text))
            });
            let last = if has_content { index + 1 } else { end };
            for later in index..last {
                work.drop_line(later, &name);
            }
        }
    }

    fn cut_inline(&self, work: &mut Work) {
        for index in 0..work.lines.len() {
            // A rule can match only after an earlier one cut something, so a line no
            // rule matches as it stands is left alone.
            let line = &work.lines[index];
            if !line.kept || !line.matches_any(&self.inline_patterns) {
                continue;
            }
            for (name, pattern) in &self.inline {
                let line = &work.lines[index].text;
                if !pattern.is_match(line) {
                    continue;
                }
                for found in pattern.find_iter(line) {
                    let piece = found.as_str().trim();
                    if !piece.is_empty() {
                        work.removed.push((
                            index,
                            Removed {
                                rule: name.clone(),
                                text: piece.to_string(),
                            },
                        ));
                    }
                }
                let rest = pattern.replace_all(line, " ").trim().to_string();
                self.set_text(&mut work.lines[index], rest);
                if work.lines[index].text.is_empty() {
                    work.lines[index].kept = false;
                }
            }
        }
    }

    fn drop_photo_credits(&self, work: &mut Work) {
        let first_kept = work.kept_indices().first().copied();
        let dateline = self.find_dateline(work).map(|(index, ..)| index);
        for index in 0..work.lines.len() {
            if !work.lines[index].kept {
                continue;
            }
            let line = &work.lines[index];
            let words = line.words;
            if words <= self.credit_line_max_words && line.matches_any(&self.credit_line) {
                // Above the headline, a source's name alone ("Okezone") labels the site.
                if Some(index) == first_kept && !line.text.contains('/') {
                    work.drop_line(index, HEAD_LABEL);
                    continue;
                }
                work.drop_line(index, PHOTO_CREDIT);
                self.drop_caption_next_to(work, index, first_kept, dateline);
            } else if words <= self.credited_line_max_words && line.matches_any(&self.credited_line)
            {
                work.drop_line(index, PHOTO_CAPTION);
            }
        }
    }

    /// The caption of a photo sits right after its credit line, or right before it.
    /// Either may also be a paragraph of the story, so a caption must stand in the head
    /// above the dateline or name a place in the picture ("(kiri)"); after the credit,
    /// a short line that is no full sentence also is one. The headline, quotes and the
    /// dateline paragraph are never captions.
    fn drop_caption_next_to(
        &self,
        work: &mut Work,
        credit: usize,
        headline: Option<usize>,
        dateline: Option<usize>,
    ) {
        let is_caption = |i: usize, max_words: usize| {
            let line = &work.lines[i].text;
            Some(i) != headline
                && Some(i) != dateline
                && work.lines[i].words <= max_words
                && !line.contains(['"', '“', '”'])
                && self.dateline_prefix(line, false).is_none()
        };
        let before_dateline = |i: usize| dateline.is_some_and(|d| i < d);
        let placed =
            |i: usize| before_dateline(i) || self.caption_marker.is_match(&work.lines[i].text);
        let next = (credit + 1..work.lines.len()).find(|&i| work.lines[i].kept);
        if let Some(caption) = next.filter(|&i| {
            is_caption(i, self.caption_max_words) && (placed(i) || !self.is_content(&work.lines[i]))
        }) {
            work.drop_line(caption, PHOTO_CAPTION);
            return;
        }
        let previous = (0..credit).rev().find(|&i| work.lines[i].kept);
        if let Some(caption) =
            previous.filter(|&i| is_caption(i, self.caption_before_max_words) && placed(i))
        {
            work.drop_line(caption, PHOTO_CAPTION);
        }
    }

    /// The dateline prefix opening `line`, with its length in bytes, when its shape is
    /// right. With `alone`, the line may hold the prefix and nothing else.
    fn dateline_prefix(&self, line: &str, alone: bool) -> Option<(usize, DatelinePrefix)> {
        // The whole match first (no capture search): most lines it fits fail the rest
        // test, and the groups are only read when it passes.
        let found = self.dateline.find(line)?;
        let end = found.end();
        let rest = count_words(&line[end..], self.dateline_min_rest_words);
        if rest < self.dateline_min_rest_words && !(alone && rest == 0) {
            return None;
        }
        let caps = self.dateline.captures_of(line, found);
        let whole = caps.get(0)?;
        let parts: Vec<String> = ["first", "second"]
            .iter()
            .filter_map(|n| caps.name(n))
            .map(|m| m.as_str().trim().to_string())
            .collect();
        let agency = caps.name("agency").map(|m| m.as_str().trim().to_string());
        let well_formed = parts.iter().all(|part| {
            let words: Vec<&str> = part.split_whitespace().collect();
            words.len() <= self.dateline_max_part_words
                && words.iter().all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                })
        });
        let single = &parts[0];
        let single_is_name = parts.len() > 1
            || agency.is_some()
            || single.contains('.')
            || single.split_whitespace().count() <= 2
            || !single.chars().any(char::is_lowercase);
        if !well_formed || !single_is_name {
            return None;
        }
        let prefix = DatelinePrefix {
            text: whole.as_str().trim().to_string(),
            parts,
            agency,
            paragraph: 0,
        };
        Some((whole.end(), prefix))
    }

    /// The line holding the dateline among the first kept lines, with the prefix. A
    /// one-word prefix without outlet or agency ("DIPLOMASI - " opening a caption) is
    /// a kicker when a fuller dateline ("JAKARTA, KHATULISTIWA.co.id - ") follows. A
    /// line that is only a dateline counts when a content paragraph follows it.
    fn find_dateline(&self, work: &mut Work) -> Option<(usize, usize, DatelinePrefix)> {
        let kept = work.kept_indices();
        let is_kicker = |p: &DatelinePrefix| {
            p.parts.len() == 1
                && p.agency.is_none()
                && !p.parts[0].contains('.')
                && word_count(&p.parts[0]) == 1
        };
        let mut first = None;
        for (position, &index) in kept.iter().enumerate().take(self.dateline_lines) {
            let next_is_content = kept
                .get(position + 1)
                .is_some_and(|&n| self.is_content(&work.lines[n]));
            let Some((length, prefix)) = self.cached_dateline_prefix(work, index, next_is_content)
            else {
                continue;
            };
            if !is_kicker(&prefix) {
                return Some((index, length, prefix));
            }
            first.get_or_insert((index, length, prefix));
        }
        first
    }

    /// [`Cleaner::dateline_prefix`] of a line, remembered while the lines keep their
    /// text: the dateline is looked for twice (for captions, then to cut it).
    fn cached_dateline_prefix(
        &self,
        work: &mut Work,
        index: usize,
        alone: bool,
    ) -> Option<(usize, DatelinePrefix)> {
        if let Some((.., known)) = work
            .dateline_cache
            .iter()
            .find(|(i, a, _)| *i == index && *a == alone)
        {
            return known.clone();
        }
        let found = self.dateline_prefix(&work.lines[index].text, alone);
        work.dateline_cache.push((index, alone, found.clone()));
        found
    }

    fn cut_dateline(&self, work: &mut Work) {
        let Some((index, length, mut prefix)) = self.find_dateline(work) else {
            return;
        };
        work.removed.push((
            index,
            Removed {
                rule: DATELINE.to_string(),
                text: prefix.text.clone(),
            },
        ));
        let rest = work.lines[index].text.split_off(length);
        self.set_text(&mut work.lines[index], rest);
        work.dateline_cache.clear();
        if work.lines[index].text.is_empty() {
            work.lines[index].kept = false;
        }
        prefix.paragraph = (index..work.lines.len())
            .find(|&i| work.lines[i].kept)
            .unwrap_or(index);
        // A head line that only repeats a part of the dateline is the outlet's label.
        // Lines of another word count cannot (lower-casing makes no white space), so
        // only lines as long as a part are compared.
        let parts: Vec<(usize, String)> = prefix
            .parts
            .iter()
            .map(|part| (word_count(part), normalize(part)))
            .collect();
        for above in 0..index {
            let line = &work.lines[above];
            if !parts.iter().any(|(words, _)| *words == line.words) {
                continue;
            }
            let text = normalize(&line.text);
            if parts.iter().any(|(_, part)| *part == text) {
                work.drop_line(above, HEAD_LABEL);
            }
        }
        work.dateline = Some(prefix);
    }

    /// A head line whose words (but the last, which teasers often cut) start the text
    /// that follows it is a teaser of the lead.
    fn drop_teaser(&self, work: &mut Work) {
        let kept = work.kept_indices();
        for (position, &index) in kept.iter().enumerate() {
            if index >= self.head_lines {
                break;
            }
            let words: Vec<&str> = work.lines[index].text.split_whitespace().collect();
            if words.len() < self.teaser_min_words {
                continue;
            }
            let teaser = &words[..words.len() - 1];
            let mut following = kept[position + 1..]
                .iter()
                .flat_map(|&i| work.lines[i].text.split_whitespace());
            if starts_with_words(&mut following, teaser) {
                work.drop_line(index, TEASER);
                return;
            }
        }
    }
}

impl Cleaner {
    /// A line that reads like a content paragraph: long, or a full sentence of some
    /// length (headlines in link lists do not end with a period).
    fn is_content(&self, line: &Line) -> bool {
        let words = line.words;
        words > self.tail_block_max_words
            || (words >= self.min_sentence_words && line.text.ends_with(['.', '!', '?', '"', '”']))
    }
}

/// The number of whitespace-separated words of `text` (as `split_whitespace` counts
/// them), reading ASCII bytes directly.
fn word_count(text: &str) -> usize {
    count_words(text, usize::MAX)
}

/// Whether `text` has at most `max` words; stops reading after the word past `max`.
pub(crate) fn words_at_most(text: &str, max: usize) -> bool {
    count_words(text, max) <= max
}

/// Whether the character at byte `i` of `text` is white space, and its width. Only
/// ASCII white space and the characters led by 0xC2, 0xE1, 0xE2 or 0xE3 (no-break
/// space, the Unicode spaces) can be white space; other bytes are letters or inside one.
#[inline(always)]
fn space_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => (true, 1),
        0xc2 | 0xe1 | 0xe2 | 0xe3 => {
            let c = text[i..].chars().next().expect("a character starts here");
            (c.is_whitespace(), c.len_utf8())
        }
        _ => (false, 1),
    }
}

/// Counts the words of `text`, stopping once the count exceeds `limit` (it then returns
/// some count above `limit`).
///
/// The bytes are read as ASCII, 64 at a time in a loop the compiler vectorises: a word
/// starts at a byte that is not white space after one that is. Every byte of a non-ASCII
/// character is then "not white space", which is right unless the character is one of
/// Unicode's spaces; a chunk holding a byte that may lead one (0xC2, 0xE1, 0xE2, 0xE3:
/// curly quotes and dashes mostly) has those characters checked, and a text with a
/// Unicode space is counted character by character instead.
fn count_words(text: &str, limit: usize) -> usize {
    const CHUNK: usize = 64;
    let bytes = text.as_bytes();
    let (mut words, mut after_space) = (0, true);
    for (index, chunk) in bytes.chunks(CHUNK).enumerate() {
        let may_lead_space = chunk.iter().fold(false, |any, &b| {
            any | matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3)
        });
        if may_lead_space && holds_unicode_space(text, index * CHUNK, chunk) {
            return count_words_by_char(text, limit);
        }
        let first = u8::from(after_space && !is_ascii_space(chunk[0]));
        let later: u8 = chunk
            .iter()
            .zip(&chunk[1..])
            .map(|(&before, &at)| u8::from(is_ascii_space(before) & !is_ascii_space(at)))
            .sum();
        words += usize::from(first + later);
        if words > limit {
            return words;
        }
        after_space = is_ascii_space(chunk[chunk.len() - 1]);
    }
    words
}

/// White space as `char::is_whitespace` has it, among ASCII bytes.
#[inline(always)]
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// Whether a character starting in `chunk` (the bytes of `text` from `offset`) is a
/// non-ASCII white space character.
fn holds_unicode_space(text: &str, offset: usize, chunk: &[u8]) -> bool {
    chunk.iter().enumerate().any(|(i, &b)| {
        matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3)
            && text[offset + i..]
                .chars()
                .next()
                .is_some_and(char::is_whitespace)
    })
}

/// [`count_words`] one character at a time, for texts holding Unicode spaces.
fn count_words_by_char(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let space_at = |i: usize| space_at(text, i);
    let (mut words, mut i) = (0, 0);
    while i < bytes.len() {
        // White space up to the next word.
        loop {
            let (space, width) = space_at(i);
            if !space {
                break;
            }
            i += width;
            if i >= bytes.len() {
                return words;
            }
        }
        words += 1;
        if words > limit {
            return words;
        }
        // The word up to the next white space.
        while i < bytes.len() {
            let (space, width) = space_at(i);
            if space {
                break;
            }
            i += width;
        }
    }
    words
}

/// Lower case with every run of white space (no-break spaces too) as one space.
/// Whether the words of `text` begin with `prefix`, ignoring case; the last word of the
/// prefix may be cut short (a truncated teaser).
fn starts_with_words<'a>(text: &mut impl Iterator<Item = &'a str>, prefix: &[&str]) -> bool {
    let lower = |word: &str| word.to_lowercase();
    prefix.iter().enumerate().all(|(i, expected)| {
        let Some(word) = text.next() else {
            return false;
        };
        if i + 1 == prefix.len() {
            lower(word).starts_with(&lower(expected))
        } else {
            lower(word) == lower(expected)
        }
    })
}

fn normalize(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn cleaner() -> Cleaner {
        Language::indonesian().cleaner
    }

    fn rules_of(cleaned: &Cleaned) -> Vec<(&str, &str)> {
        cleaned
            .removed
            .iter()
            .map(|r| (r.rule.as_str(), r.text.as_str()))
            .collect()
    }

    const LEAD: &str = "Pemerintah kota mengumumkan jadwal baru angkutan umum yang mulai berlaku pekan depan bagi warga.";
    const SECOND: &str = "Kepala dinas perhubungan menyebut perubahan itu diperlukan karena jumlah penumpang terus naik.";

    #[test]
    fn paragraphs_are_joined_by_newlines_with_exact_spans() {
        let cleaned = cleaner().clean(&format!("  {LEAD}\n\n\t{SECOND}  \n"));
        assert_eq!(cleaned.text, format!("{LEAD}\n{SECOND}"));
        assert_eq!(cleaned.paragraphs.len(), 2);
        assert_eq!(cleaned.paragraphs[1].of(&cleaned.text), SECOND);
        assert!(cleaned.removed.is_empty());
    }

    #[test]
    fn read_also_links_ads_and_prompts_go() {
        let body = format!(
            "{LEAD}\nBaca juga: Jalan Tol Baru Dibuka Akhir Bulan\nADVERTISEMENT\nSCROLL TO CONTINUE WITH CONTENT\n\
             {SECOND}\nBaca berita tanpa iklan. Gabung Kompas.com+\nPerbesar\n\
             Simak berita dan artikel lainnya di Google News\n• Bagikan\n"
        );
        let cleaned = cleaner().clean(&body);
        assert_eq!(cleaned.text, format!("{LEAD}\n{SECOND}"));
        let rules: Vec<&str> = cleaned.removed.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(
            rules,
            [
                "read_also",
                "ad_slot",
                "scroll_prompt",
                "ad_free_prompt",
                "image_zoom",
                "channel_prompt",
                "share_prompt"
            ]
        );
    }

    #[test]
    fn inline_cruft_is_cut_from_a_paragraph() {
        let body = format!(
            "{LEAD} SCROLL TO CONTINUE WITH CONTENT\n{SECOND} (dtk/rdp)\nPenutup berita ini.(*)"
        );
        let cleaned = cleaner().clean(&body);
        assert_eq!(
            cleaned.text,
            format!("{LEAD}\n{SECOND}\nPenutup berita ini.")
        );
        assert_eq!(
            rules_of(&cleaned),
            [
                ("scroll_prompt", "SCROLL TO CONTINUE WITH CONTENT"),
                ("staff_initials", "(dtk/rdp)"),
                ("staff_initials", "(*)")
            ]
        );
    }

    #[test]
    fn staff_lines_and_section_labels_go_at_the_head() {
        let body = format!(
            "Nasional\nEditor: Budi Santoso\nPenulis: Sri Wahyuni\n{LEAD}\n{SECOND}\nNasional\n"
        );
        let cleaned = cleaner().clean(&body);
        // A section label deep in the text is not at the head: it stays.
        assert_eq!(cleaned.text, format!("{LEAD}\n{SECOND}\nNasional"));
    }

    #[test]
    fn tail_block_drops_heading_and_link_list() {
        let body = format!(
            "{LEAD}\n{SECOND}\nLalu lintas diperkirakan padat.\nBERITA TERKAIT\nHarga Cabai Turun di Pasar Induk\n\
             Banjir Rendam Tiga Kecamatan\n© 2024 Contoh.com. All Rights Reserved"
        );
        let cleaned = cleaner().clean(&body);
        assert_eq!(
            cleaned.text,
            format!("{LEAD}\n{SECOND}\nLalu lintas diperkirakan padat.")
        );
        assert!(
            cleaned
                .removed
                .iter()
                .all(|r| r.rule == "related_block" || r.rule == "copyright")
        );
    }

    #[test]
    fn tail_heading_before_content_only_drops_the_heading() {
        let long = "Warga yang tinggal di sekitar terminal diminta memperhatikan rambu baru karena beberapa \
                    ruas jalan akan ditutup sementara selama pekerjaan perbaikan berlangsung hingga akhir bulan.";
        let body = format!("{LEAD}\n{SECOND}\nTerkini\n{long}");
        let cleaned = cleaner().clean(&body);
        assert_eq!(cleaned.text, format!("{LEAD}\n{SECOND}\n{long}"));
    }

    #[test]
    fn captions_with_credits_go() {
        let body = format!(
            "{LEAD}\nPetugas memeriksa bus di terminal, Senin. (ANTARA FOTO/Rahmat Hidayat/foo)\n{SECOND}\n\
             Suasana rapat kabinet di istana. -/Kremlin/dpa\nPemimpin kedua negara bersalaman. KCNA via REUTERS\n\
             Foto: AP/Jane Doe"
        );
        let cleaned = cleaner().clean(&body);
        assert_eq!(cleaned.text, format!("{LEAD}\n{SECOND}"));
        assert_eq!(cleaned.removed.len(), 4);
    }

    #[test]
    fn a_credit_line_takes_the_short_caption_after_it() {
        let body = format!(
            "Jadwal Baru Angkutan Umum Berlaku Pekan Depan\nAFP/JOHN SMITH\nPenumpang menunggu bus di halte.\n{LEAD}\n{SECOND}"
        );
        let cleaned = cleaner().clean(&body);
        assert_eq!(
            cleaned.text,
            format!("Jadwal Baru Angkutan Umum Berlaku Pekan Depan\n{LEAD}\n{SECOND}")
        );
        assert_eq!(
            rules_of(&cleaned),
            [
                ("photo_credit", "AFP/JOHN SMITH"),
                ("photo_caption", "Penumpang menunggu bus di halte.")
            ]
        );
    }

    #[test]
    fn dateline_prefixes_are_cut_and_kept() {
        for (prefix, parts, agency) in [
            (
                "SERAMBINEWS.COM, MOSKOW - ",
                vec!["SERAMBINEWS.COM", "MOSKOW"],
                None,
            ),
            ("KYIV, KOMPAS.com - ", vec!["KYIV", "KOMPAS.com"], None),
            (
                "Jakarta, CNN Indonesia -- ",
                vec!["Jakarta", "CNN Indonesia"],
                None,
            ),
            ("JAKARTA (ANTARA) - ", vec!["JAKARTA"], Some("ANTARA")),
            ("Jakarta - ", vec!["Jakarta"], None),
            (
                "REPUBLIKA.CO.ID, JAKARTA — ",
                vec!["REPUBLIKA.CO.ID", "JAKARTA"],
                None,
            ),
        ] {
            let cleaned = cleaner().clean(&format!("{prefix}{LEAD}\n{SECOND}"));
            assert_eq!(cleaned.text, format!("{LEAD}\n{SECOND}"), "{prefix}");
            let dateline = cleaned.dateline.expect(prefix);
            assert_eq!(dateline.parts, parts);
            assert_eq!(dateline.agency.as_deref(), agency);
            assert_eq!(dateline.text, prefix.trim());
        }
    }

    #[test]
    fn headline_with_a_dash_is_not_a_dateline() {
        let body = format!("Laga Persib - Persija Ditunda\n{LEAD}");
        let cleaned = cleaner().clean(&body);
        assert!(cleaned.dateline.is_none());
        let body = format!("Menteri Dalam Negeri Baru - yang dilantik kemarin - {SECOND}");
        assert!(cleaner().clean(&body).dateline.is_none());
    }

    #[test]
    fn a_teaser_repeating_the_lead_goes() {
        let teaser = "Pemerintah kota mengumumkan jadwal baru angkutan umum yang mulai berl";
        let body =
            format!("Jadwal Baru Angkutan Umum\n{teaser}\nJAKARTA, KOMPAS.com - {LEAD}\n{SECOND}");
        let cleaned = cleaner().clean(&body);
        assert_eq!(
            cleaned.text,
            format!("Jadwal Baru Angkutan Umum\n{LEAD}\n{SECOND}")
        );
        assert_eq!(rules_of(&cleaned)[0], ("teaser", teaser));
    }

    #[test]
    fn footers_go() {
        let body = format!("{LEAD}\n{SECOND}\nSUMBER : CONTOH.NEWS\nTautan Sumber");
        let cleaned = cleaner().clean(&body);
        assert_eq!(cleaned.text, format!("{LEAD}\n{SECOND}"));
        assert_eq!(
            rules_of(&cleaned),
            [
                ("source_footer", "SUMBER : CONTOH.NEWS"),
                ("source_link", "Tautan Sumber")
            ]
        );
    }

    #[test]
    fn a_bare_read_also_heading_takes_its_headline_links() {
        let body = format!(
            "{LEAD}\nBACA JUGA\nHarga Cabai Turun di Pasar Induk\nADVERTISEMENT\nBanjir Rendam Tiga Kecamatan\n{SECOND}"
        );
        let cleaned = cleaner().clean(&body);
        assert_eq!(cleaned.text, format!("{LEAD}\n{SECOND}"));
        assert_eq!(
            rules_of(&cleaned),
            [
                ("read_also", "BACA JUGA"),
                ("read_also", "Harga Cabai Turun di Pasar Induk"),
                ("ad_slot", "ADVERTISEMENT"),
                ("read_also", "Banjir Rendam Tiga Kecamatan")
            ]
        );
    }

    #[test]
    fn a_caption_above_a_credit_line_goes_only_above_the_dateline() {
        let caption = "Wali kota meninjau terminal baru di pusat kota, Senin (12/5/2025).";
        let body = format!(
            "Jadwal Baru Angkutan Umum\n{caption}\nFOTO: KOTA/Andi Lubis\nJAKARTA, KOTA.co.id - {LEAD}\n{SECOND}"
        );
        let cleaned = cleaner().clean(&body);
        assert_eq!(
            cleaned.text,
            format!("Jadwal Baru Angkutan Umum\n{LEAD}\n{SECOND}")
        );
        // Deep in the story, the line above a credit may be a paragraph: it stays.
        let body =
            format!("JAKARTA, KOTA.co.id - {LEAD}\n{caption}\nFOTO: KOTA/Andi Lubis\n{SECOND}");
        let cleaned = cleaner().clean(&body);
        assert_eq!(cleaned.text, format!("{LEAD}\n{caption}\n{SECOND}"));
    }

    #[test]
    fn a_one_word_kicker_gives_way_to_a_fuller_dateline() {
        let body = format!(
            "Jadwal Baru Angkutan Umum\nTRANSPORTASI - Penumpang menunggu bus di halte baru dekat pasar kota pada pagi hari.\n\
             JAKARTA, KOTA.co.id - {LEAD}\n{SECOND}"
        );
        let dateline = cleaner().clean(&body).dateline.expect("a dateline");
        assert_eq!(dateline.parts, ["JAKARTA", "KOTA.co.id"]);
        assert_eq!(dateline.paragraph, 2);
    }

    #[test]
    fn a_dateline_alone_on_its_line_is_cut_with_the_line() {
        let cleaned = cleaner().clean(&format!("Jakarta, CNN Indonesia --\n{LEAD}\n{SECOND}"));
        assert_eq!(cleaned.text, format!("{LEAD}\n{SECOND}"));
        let dateline = cleaned.dateline.expect("a dateline");
        assert_eq!(dateline.parts, ["Jakarta", "CNN Indonesia"]);
        assert_eq!(dateline.paragraph, 0);
    }

    #[test]
    fn reader_comments_go_with_their_heading() {
        let body = format!(
            "{LEAD}\n{SECOND}\n{LEAD}\n{SECOND}\nLalu lintas diperkirakan padat.\nBERITA TERKAIT:\nHarga Cabai Turun di Pasar Induk\n\
             Komentar Pembaca\nYohanes, Pontianak: Semoga jadwal baru ini membuat bus lebih tepat waktu.\n\
             Rini: Halte di dekat pasar perlu atap yang lebih lebar."
        );
        let cleaned = cleaner().clean(&body);
        assert_eq!(
            cleaned.text,
            format!("{LEAD}\n{SECOND}\n{LEAD}\n{SECOND}\nLalu lintas diperkirakan padat.")
        );
    }

    /// Every kind of white space, characters that share a lead byte with the Unicode
    /// spaces (curly quotes, dashes, "é", "…"), and ASCII words.
    const WORD_PIECES: &[&str] = &[
        " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{85}", "\u{a0}", "\u{1680}", "\u{2003}",
        "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}", "“", "”", "—", "…", "é", "\u{1e00}",
        "\u{3001}", "kata", "x", "2024",
    ];

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        // Long enough to cross the 64-byte chunks, with a Unicode space only at the end.
        let long = format!("{} akhir\u{a0}kata", "kata “kutipan” — ".repeat(9));
        for text in [
            long.as_str(),
            "",
            " ",
            "satu",
            " dua  kata ",
            "“a”\u{2003}b",
        ] {
            let expected = text.split_whitespace().count();
            assert_eq!(word_count(text), expected, "{text:?}");
            for limit in 0..expected {
                assert!(count_words(text, limit) > limit, "{text:?} at {limit}");
            }
            assert_eq!(count_words(text, expected), expected, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn word_counts_agree_with_split_whitespace(
            pieces in proptest::collection::vec(proptest::sample::select(WORD_PIECES), 0..120),
            limit in 0_usize..40,
        ) {
            let text = pieces.concat();
            let expected = text.split_whitespace().count();
            proptest::prop_assert_eq!(word_count(&text), expected);
            proptest::prop_assert_eq!(count_words(&text, limit) <= limit, expected <= limit);
        }
    }
}
