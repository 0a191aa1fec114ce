//! Quotes: every statement in an article, who made it, how, and through whom it reached
//! the reader.
//!
//! Two kinds, found sentence by sentence in text order:
//!
//! * **Direct**: words in quotation marks ([`quotation`]) with an attribution next to
//!   them: after the closing mark ("…," kata Putin / "…," tambahnya / "…" agensi TASS
//!   mengutip Putin sebagai berkata) or before the opening one (Putin mengklaim, "…"). A
//!   quotation opening a sentence with no attribution goes on the previous speaker's
//!   quote ("…," kata Putin. "…"). Quoted words inside a sentence with no cue of their own
//!   ("menyebutnya "target sah"") are part of that sentence, not quotes.
//! * **Indirect**: a cue verb from the language's `speech.toml` with its speaker before it
//!   and the statement after it ("Putin mengatakan bahwa …"), or the statement before it
//!   ("…, kata Smirnov"; "…, Zelensky mengatakan Kamis"), and "Menurut X, …" / "…,
//!   menurut X".
//!
//! Speakers are phrases resolved by [`crate::coref`]: names, pronouns, descriptions. Each
//! quote carries its cue and the act the cue marks, the channel ("kepada wartawan", "di
//! Twitter") and the chain of sources ([`SourceLink`]) from the outlet that first carried
//! it to the publishing outlet.

mod quotation;

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use warta_kb::fold;

use crate::analysis::{
    Credit, Cue, EntityType, Quote, QuoteKind, SourceLink, SourceRole, Speaker, SpeakerResolution,
    SpeechAct,
};
use crate::clause::{Clauses, Word};
use crate::coref::{Referent, Referents, Resolved, Via};
use crate::entities::SentenceTokens;
use crate::lang::{LangData, LangError, compile};
use crate::span::Span;
use crate::token::TokenKind;

pub use quotation::{Quotation, quotations};

const FILE: &str = "speech.toml";

/// One cue verb's meaning.
#[derive(Debug, Clone)]
struct CueVerb {
    lemma: String,
    act: SpeechAct,
    bahwa_only: bool,
}

/// The words quote finding leans on, from the language's `speech.toml`, folded.
#[derive(Debug)]
pub struct SpeechRules {
    /// Written form → cue and whether the form comes after the statement (a bare root or
    /// root + -nya).
    cues: HashMap<String, (CueVerb, bool)>,
    /// Prefixed cue forms long enough to recognise with one typo ("mengataan").
    typo_forms: Vec<String>,
    according_to: Vec<Vec<String>>,
    not_statement_after: HashSet<String>,
    carried: HashSet<String>,
    carried_by: HashSet<String>,
    carried_then: Vec<Vec<String>>,
    tail_openers: HashSet<String>,
    time_words: HashSet<String>,
    predicate_markers: HashSet<String>,
    not_said_before: HashSet<String>,
    channels: Vec<(String, regex::Regex)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    cue: Vec<CueFile>,
    according_to: Vec<String>,
    not_statement_after: Vec<String>,
    carried: Vec<String>,
    carried_by: Vec<String>,
    carried_then: Vec<String>,
    tail_openers: Vec<String>,
    time_words: Vec<String>,
    predicate_markers: Vec<String>,
    not_said_before: Vec<String>,
    channel: Vec<ChannelFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    lemma: String,
    act: SpeechAct,
    forms: Vec<String>,
    #[serde(default)]
    bahwa_only: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelFile {
    name: String,
    pattern: String,
}

/// The shortest prefixed cue form matched with a typo: shorter forms are too close to
/// other words.
const TYPO_MIN_LEN: usize = 9;

impl SpeechRules {
    pub fn load(data: &LangData<'_>) -> Result<SpeechRules, LangError> {
        let file: RulesFile =
            toml::from_str(data.file(FILE)?).map_err(|e| LangError::invalid(FILE, e))?;
        let set =
            |words: Vec<String>| -> HashSet<String> { words.iter().map(|w| fold(w)).collect() };
        let phrases = |words: Vec<String>| -> Vec<Vec<String>> {
            let mut out: Vec<Vec<String>> = words
                .iter()
                .map(|w| fold(w).split(' ').map(str::to_string).collect())
                .collect();
            // Longest first, so the longest phrase wins.
            out.sort_by_key(|p| std::cmp::Reverse(p.len()));
            out
        };
        let mut cues = HashMap::new();
        let mut typo_forms = Vec::new();
        for cue in file.cue {
            let lemma = fold(&cue.lemma);
            let verb = CueVerb {
                lemma: lemma.clone(),
                act: cue.act,
                bahwa_only: cue.bahwa_only,
            };
            for form in cue.forms {
                let form = fold(&form);
                let after_statement = form == lemma || form.strip_suffix("nya") == Some(&lemma);
                if !after_statement && form.len() >= TYPO_MIN_LEN {
                    typo_forms.push(form.clone());
                }
                if cues
                    .insert(form.clone(), (verb.clone(), after_statement))
                    .is_some()
                {
                    return Err(LangError::invalid(
                        FILE,
                        format!("cue form `{form}` listed twice"),
                    ));
                }
            }
        }
        typo_forms.sort();
        let channels = file
            .channel
            .into_iter()
            .map(|c| Ok((c.name, compile(FILE, &c.pattern)?)))
            .collect::<Result<_, LangError>>()?;
        Ok(SpeechRules {
            cues,
            typo_forms,
            according_to: phrases(file.according_to),
            not_statement_after: set(file.not_statement_after),
            carried: set(file.carried),
            carried_by: set(file.carried_by),
            carried_then: phrases(file.carried_then),
            tail_openers: set(file.tail_openers),
            time_words: set(file.time_words),
            predicate_markers: set(file.predicate_markers),
            not_said_before: set(file.not_said_before),
            channels,
        })
    }
}

/// A quote found but not yet written out.
struct Draft {
    kind: QuoteKind,
    content: Span,
    speaker: Option<(Span, Resolved)>,
    /// A speaker carried over from the previous quote, not written next to this one.
    continued: Option<Resolved>,
    cue: Option<(Span, CueVerb)>,
    sentence: usize,
    /// The words that attribute the statement (speaker, cue, channel, sources).
    attribution: Span,
}

impl Draft {
    /// An indirect quote: reported speech with its speaker written next to it.
    fn indirect(
        content: Span,
        speaker: (Span, Resolved),
        cue: Option<(Span, CueVerb)>,
        sentence: usize,
        attribution: Span,
    ) -> Draft {
        Draft {
            kind: QuoteKind::Indirect,
            content,
            speaker: Some(speaker),
            continued: None,
            cue,
            sentence,
            attribution,
        }
    }
}

/// Everything quote finding reads of one article.
pub struct Article<'a> {
    pub text: &'a str,
    pub clauses: &'a Clauses<'a>,
    pub paragraphs: &'a [Span],
    pub sentences: &'a [SentenceTokens<'a>],
    pub referents: &'a Referents<'a>,
    pub credits: &'a [Credit],
    pub outlet: Option<&'a str>,
}

/// How many words into a statement without "bahwa" its predicate must come.
const PREDICATE_WITHIN: usize = 8;

/// How far back (in sentences) a pronoun or an unattributed quotation looks for the
/// speaker the story was about.
const RECENT_SENTENCES: usize = 4;

/// The quotes of an article, in text order.
pub fn quotes(article: &Article<'_>, rules: &SpeechRules) -> Vec<Quote> {
    let finder = Finder::new(article, rules);
    finder.run()
}

struct Finder<'a> {
    article: &'a Article<'a>,
    rules: &'a SpeechRules,
    clauses: &'a Clauses<'a>,
    quotations: Vec<Quotation>,
}

impl<'a> Finder<'a> {
    fn new(article: &'a Article<'a>, rules: &'a SpeechRules) -> Self {
        let quotations = article
            .paragraphs
            .iter()
            .flat_map(|&p| quotations(article.text, p))
            .collect();
        Finder {
            article,
            rules,
            clauses: article.clauses,
            quotations,
        }
    }

    fn run(&self) -> Vec<Quote> {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut recent: Option<(Referent, usize)> = None;
        for s in 0..self.clauses.words.len() {
            let sentence = self.article.sentences[s].span;
            let mut found: Vec<Draft> = Vec::new();
            let mut attributed = false;
            for q in self
                .quotations
                .iter()
                .filter(|q| sentence.start <= q.outer.start && q.outer.start < sentence.end)
            {
                let recent_here = recent_within(&recent, s);
                if let Some(draft) = self.direct(s, q, recent_here.as_ref()) {
                    attributed |= draft.speaker.is_some();
                    if let Some(referent) = speaker_of(&draft) {
                        recent = Some((referent, s));
                    }
                    found.push(draft);
                }
            }
            if !attributed {
                for draft in self.indirect(s, &mut recent) {
                    found.push(draft);
                }
            }
            found.sort_by_key(|d| d.content.start);
            // Without a quote here, the sentence's subject is who the story is about now
            // ("Pejabat Hamas Izzat al-Rishq membantah tuduhan itu. Ia menegaskan …").
            if found.is_empty()
                && let Some(subject) = self.clauses.subject(s, self.clauses.words[s].len())
            {
                let resolved = self.article.referents.resolve(subject, None);
                if resolved.via == Via::Name
                    && let Referent::Entity(e) = resolved.referent
                    && self.article.referents.entities()[e].entity_type != EntityType::LOC
                {
                    recent = Some((resolved.referent, s));
                }
            }
            drafts.extend(found);
        }
        let quote_sentences: Vec<Span> = drafts
            .iter()
            .map(|d| self.article.sentences[d.sentence].span)
            .collect();
        let contents: Vec<Span> = drafts.iter().map(|d| d.content).collect();
        drafts
            .into_iter()
            .map(|d| self.write(d, &quote_sentences, &contents))
            .collect()
    }

    /// The cue a word is, and whether it comes after the statement.
    fn cue(&self, word: &Word) -> Option<(CueVerb, bool)> {
        if word.kind != TokenKind::Word && word.kind != TokenKind::Name {
            return None;
        }
        if let Some(found) = self.rules.cues.get(&word.folded) {
            return Some(found.clone());
        }
        // One typo in a long prefixed form, on a word the lexicon does not know.
        if word.folded.len() + 1 < TYPO_MIN_LEN || word.known {
            return None;
        }
        self.rules
            .typo_forms
            .iter()
            .find(|form| one_edit_apart(form, &word.folded))
            .map(|form| self.rules.cues[form].clone())
    }

    /// A direct quote for quotation `q`, which opens in sentence `s`; `None` when the
    /// quotation is words quoted inside a sentence.
    fn direct(&self, s: usize, q: &Quotation, recent: Option<&Referent>) -> Option<Draft> {
        let words = &self.clauses.words[s];
        if word_count(q.inner.of(self.article.text)) < 2 {
            return None;
        }
        let content = trim_span(self.article.text, q.inner);
        // The sentence that holds the closing mark, and the words after it there.
        let close_s = self.sentence_at(q.outer.end.saturating_sub(1)).unwrap_or(s);
        let mut tail: Vec<&Word> = self.clauses.words[close_s]
            .iter()
            .filter(|w| w.span.start >= q.outer.end)
            .take_while(|w| !w.mark)
            .collect();
        if tail.iter().all(|w| w.is_punct()) && close_s + 1 < self.clauses.words.len() {
            // The attribution may sit in the next sentence when the quotation ends one
            // ("…?" agensi TASS mengutip Putin sebagai berkata).
            let next = &self.clauses.words[close_s + 1];
            if next
                .first()
                .is_some_and(|w| !w.capital && !w.mark && !w.is_punct())
            {
                tail = next.iter().take_while(|w| !w.mark).collect();
            }
        }
        let head: Vec<usize> = (0..words.len())
            .filter(|&i| words[i].span.end <= q.outer.start)
            .collect();
        let last_quote_mark = head.iter().rposition(|&i| words[i].mark);
        let head = match last_quote_mark {
            Some(at) => &head[at + 1..],
            None => &head[..],
        };
        // An attribution after the quotation, when the quotation opens its sentence
        // (words quoted inside a sentence are part of it).
        if head.iter().all(|&i| words[i].is_punct())
            && let Some(draft) = self.tail_attribution(s, &tail, content, recent)
        {
            return Some(draft);
        }
        let trimmed: Vec<usize> = head
            .iter()
            .copied()
            .rev()
            .skip_while(|&i| matches!(words[i].folded.as_str(), "," | ":" | "-" | "—"))
            .collect();
        if let Some(&last) = trimmed.first() {
            let (cue, after_statement) = self.cue(&words[last])?;
            if after_statement
                || self
                    .clauses
                    .rules()
                    .complementisers
                    .contains(&words[last].folded)
            {
                return None;
            }
            let phrase = self.clauses.phrase_before(s, last);
            let speaker = self.resolve(phrase, recent);
            return Some(Draft {
                kind: QuoteKind::Direct,
                content,
                speaker: Some(speaker),
                continued: None,
                cue: Some((words[last].span, cue)),
                sentence: s,
                attribution: Span::new(self.article.sentences[s].span.start, q.outer.start),
            });
        }
        if !head.is_empty() {
            return None;
        }
        // A quotation standing alone: the previous speaker goes on, when there is one.
        if word_count(content.of(self.article.text)) < 3 && recent.is_none() {
            return None;
        }
        Some(Draft {
            kind: QuoteKind::Direct,
            content,
            speaker: None,
            continued: recent.map(|r| Resolved {
                referent: r.clone(),
                via: Via::Name,
            }),
            cue: None,
            sentence: s,
            attribution: Span::new(q.outer.start, q.outer.start),
        })
    }

    /// The attribution after a closing mark: "kata Putin", "tambahnya", "Presiden
    /// Zelensky mengatakan", "agensi TASS mengutip Putin sebagai berkata".
    fn tail_attribution(
        &self,
        s: usize,
        tail: &[&Word],
        content: Span,
        recent: Option<&Referent>,
    ) -> Option<Draft> {
        let start = tail.iter().position(|w| !w.is_punct())?;
        let mut tail = &tail[start..];
        // "demikian kata X", "demikian pernyataan X".
        let opened = self.rules.tail_openers.contains(&tail[0].folded) && tail.len() > 1;
        if opened {
            tail = &tail[1..];
        }
        let attribution = Span::new(tail[0].span.start, tail[tail.len() - 1].span.end);
        let draft = |speaker: (Span, Resolved), cue: Option<(Span, CueVerb)>| Draft {
            kind: QuoteKind::Direct,
            content,
            speaker: Some(speaker),
            continued: None,
            cue,
            sentence: s,
            attribution,
        };
        // "kata Putin", "tambahnya".
        if let Some((cue, true)) = self.cue(tail[0]) {
            let phrase = self.clauses.phrase_after(&tail[1..]);
            let phrase = if tail[0].folded.ends_with("nya") {
                None
            } else {
                phrase
            };
            return Some(draft(
                self.resolve(phrase, recent),
                Some((tail[0].span, cue)),
            ));
        }
        let window = &tail[..tail.len().min(14)];
        // "pernyataan JCS yang dikutip kantor berita Yonhap": the speaker before the
        // outlet that carried the words.
        if let Some(c) = window
            .iter()
            .position(|w| self.rules.carried_by.contains(&w.folded))
        {
            let before: Vec<&Word> = tail[..c]
                .iter()
                .copied()
                .filter(|w| {
                    let rules = self.clauses.rules();
                    !rules.relatives.contains(&w.folded)
                        && !rules.credit_openers.contains(&w.folded)
                })
                .collect();
            if let Some(phrase) = self.clauses.phrase_after(&before) {
                return Some(draft(self.resolve(Some(phrase), recent), None));
            }
        }
        // "agensi berita TASS mengutip Putin sebagai berkata".
        if let Some(c) = window
            .iter()
            .position(|w| self.rules.carried.contains(&w.folded))
        {
            let after = &tail[c + 1..];
            let end = (0..after.len())
                .find(|&i| self.clauses.phrase_at(after, i, &self.rules.carried_then))
                .unwrap_or(after.len());
            let phrase = self.clauses.phrase_after(&after[..end]);
            if phrase.is_some() {
                let cue = after.get(end..).and_then(|rest| {
                    rest.iter()
                        .find_map(|w| self.cue(w).map(|(c, _)| (w.span, c)))
                });
                return Some(draft(self.resolve(phrase, recent), cue));
            }
        }
        if opened && let Some(phrase) = self.clauses.phrase_after(tail) {
            return Some(draft(self.resolve(Some(phrase), recent), None));
        }
        // "Presiden Ukraina Volodymyr Zelensky mengatakan Kamis".
        let c = window
            .iter()
            .position(|w| self.cue(w).is_some_and(|(_, after)| !after))?;
        let (cue, _) = self.cue(window[c])?;
        let subject = self.clauses.strip_adverbs_back(&window[..c]);
        if subject.is_empty() || subject.iter().any(|w| w.is_comma()) {
            return None;
        }
        let phrase = Span::new(subject[0].span.start, subject[subject.len() - 1].span.end);
        let referents = self.article.referents;
        if !(referents.names_within(phrase)
            || self.clauses.is_pronoun(&subject[0].folded)
            || referents.is_head(&subject[0].folded))
        {
            return None;
        }
        Some(draft(
            self.resolve(Some(phrase), recent),
            Some((window[c].span, cue)),
        ))
    }

    /// Indirect quotes of sentence `s`.
    fn indirect(&self, s: usize, recent: &mut Option<(Referent, usize)>) -> Vec<Draft> {
        let words = &self.clauses.words[s];
        let sentence = self.article.sentences[s].span;
        let quoted: Vec<Span> = self
            .quotations
            .iter()
            .filter(|q| q.outer.start < sentence.end && sentence.start < q.outer.end)
            .map(|q| q.outer)
            .collect();
        let inside_quote = |w: &Word| {
            quoted
                .iter()
                .any(|q| q.start <= w.span.start && w.span.end <= q.end)
        };
        let mut out: Vec<Draft> = Vec::new();
        let mut free_from = 0;
        let mut i = 0;
        while i < words.len() {
            if i < free_from || inside_quote(&words[i]) {
                i += 1;
                continue;
            }
            let recent_here = recent_within(recent, s);
            let found = self
                .according_to(s, i, recent_here.as_ref())
                .or_else(|| self.reported(s, i, recent_here.as_ref()));
            if let Some((draft, end)) = found
                && !out.iter().any(|d| overlaps(d.content, draft.content))
            {
                if let Some(referent) = speaker_of(&draft) {
                    *recent = Some((referent, s));
                }
                out.push(draft);
                free_from = end;
            }
            i += 1;
        }
        out
    }

    /// "Menurut X, …" and "…, menurut X." at word `i`; returns the draft and the index
    /// of the first word after it.
    fn according_to(
        &self,
        s: usize,
        i: usize,
        recent: Option<&Referent>,
    ) -> Option<(Draft, usize)> {
        let words = &self.clauses.words[s];
        let len = self
            .rules
            .according_to
            .iter()
            .find(|p| {
                self.clauses.phrase_at(
                    &words.iter().collect::<Vec<_>>(),
                    i,
                    std::slice::from_ref(p),
                )
            })?
            .len();
        let after = i + len;
        let clause_start = i == 0 || words[i - 1].is_comma();
        if !clause_start {
            return None;
        }
        let comma = (after..words.len()).find(|&j| words[j].is_comma());
        let cue_span = Span::new(words[i].span.start, words[after - 1].span.end);
        let cue = CueVerb {
            lemma: words[i]
                .folded
                .strip_suffix("nya")
                .unwrap_or(&words[i].folded)
                .to_string(),
            act: SpeechAct::Statement,
            bahwa_only: false,
        };
        if i == 0 || (i > 0 && comma.is_some() && words[..i].iter().all(|w| w.is_punct())) {
            // "Menurut X, content."
            let comma = comma?;
            let phrase = self
                .clauses
                .phrase_after(&words[after..comma].iter().collect::<Vec<_>>());
            let content = self
                .clauses
                .span_of(s, self.after_credit(s, comma + 1), words.len())?;
            let speaker = self.resolve(phrase, recent);
            let draft = Draft::indirect(
                content,
                speaker,
                Some((cue_span, cue)),
                s,
                Span::new(words[i].span.start, words[comma].span.end),
            );
            return Some((draft, words.len()));
        }
        // "content, menurut X."
        let phrase = self
            .clauses
            .phrase_after(&words[after..].iter().collect::<Vec<_>>());
        let content = self.clauses.span_of(s, 0, i - 1)?;
        if word_count(content.of(self.article.text)) < 3 {
            return None;
        }
        let draft = Draft::indirect(
            content,
            self.resolve(phrase, recent),
            Some((cue_span, cue)),
            s,
            self.rest_of(s, i),
        );
        Some((draft, words.len()))
    }

    /// A cue verb at word `i` with its speaker and statement.
    fn reported(&self, s: usize, i: usize, recent: Option<&Referent>) -> Option<(Draft, usize)> {
        let words = &self.clauses.words[s];
        let (cue, after_statement) = self.cue(&words[i])?;
        let cue_at = Some((words[i].span, cue.clone()));
        if after_statement {
            // "content, kata Smirnov."
            if i < 1 || !words[i - 1].is_comma() {
                return None;
            }
            let content = self.clauses.span_of(s, 0, i - 1)?;
            if word_count(content.of(self.article.text)) < 3 {
                return None;
            }
            let tail: Vec<&Word> = words[i + 1..].iter().collect();
            let phrase = if words[i].folded.ends_with("nya") {
                None
            } else {
                Some(self.clauses.phrase_after(&tail)?)
            };
            let speaker = self.resolve(phrase, recent);
            let draft = Draft::indirect(content, speaker, cue_at, s, self.rest_of(s, i));
            return Some((draft, words.len()));
        }
        let next = words.get(i + 1)?;
        if self.rules.not_statement_after.contains(&next.folded)
            || next.mark
            || matches!(next.folded.as_str(), "," | ":" | "." | "?" | "!")
        {
            return None;
        }
        // "mengatakan (pada hari Jumat / di Telegram) bahwa": no clause of its own may
        // stand between ("mengatakan laporan yang menuduh bahwa …" reports the report).
        let bahwa = (i + 1..words.len().min(i + 9))
            .take_while(|&j| {
                let w = &words[j];
                !w.is_comma() && !w.verb && !self.clauses.rules().relatives.contains(&w.folded)
            })
            .find(|&j| {
                self.clauses
                    .rules()
                    .complementisers
                    .contains(&words[j].folded)
            });
        if cue.bahwa_only && bahwa.is_none() {
            return None;
        }
        // "Pejabat yang mengatakan hal itu …" is a relative clause; "Ia tidak mengatakan
        // …" reports nothing said.
        let before = self
            .clauses
            .strip_adverbs_back(&words[..i].iter().collect::<Vec<_>>())
            .last()
            .map(|w| w.folded.clone());
        if before.is_some_and(|w| {
            self.clauses.rules().relatives.contains(&w) || self.rules.not_said_before.contains(&w)
        }) {
            return None;
        }
        let phrase = self.clauses.phrase_before(s, i);
        // "content, Zelensky mengatakan Kamis, …": only time words follow the cue, and a
        // comma stands before the speaker.
        let only_time_after = words[i + 1..]
            .iter()
            .take_while(|w| !w.is_comma())
            .all(|w| self.rules.time_words.contains(&w.folded) || w.is_punct());
        if only_time_after
            && bahwa.is_none()
            && let Some(phrase) = phrase
        {
            let before = words
                .iter()
                .rposition(|w| w.span.end <= phrase.start && !w.mark)
                .filter(|&j| words[j].is_comma());
            let content = before.and_then(|j| self.clauses.span_of(s, 0, j));
            if let Some(content) = content
                && word_count(content.of(self.article.text)) >= 3
            {
                let draft = Draft::indirect(
                    content,
                    self.resolve(Some(phrase), recent),
                    cue_at,
                    s,
                    Span::new(phrase.start, self.rest_of(s, i).end),
                );
                return Some((draft, words.len()));
            }
        }
        let from = bahwa.map_or(i + 1, |j| j + 1);
        // A cue inside a fronted subordinate clause ends its statement at the clause's
        // comma ("Meskipun Rusia mengklaim …, laporan …").
        let subordinate = words
            .first()
            .is_some_and(|w| self.clauses.rules().subordinators.contains(&w.folded))
            && !words[..i].iter().any(Word::is_comma);
        let to = if subordinate {
            (from..words.len())
                .find(|&j| words[j].is_comma())
                .unwrap_or(words.len())
        } else {
            self.before_credit(s, from)
        };
        // "membantah …, dan menyebut …": a second report of the same speaker.
        let to = (from..to)
            .find(|&j| {
                words[j].is("dan")
                    && words
                        .get(j + 1)
                        .and_then(|w| self.cue(w))
                        .is_some_and(|(_, after)| !after)
            })
            .unwrap_or(to);
        let content = self.clauses.span_of(s, from, to)?;
        // Without "bahwa" a short object is no statement ("menyebut namanya"), nor a
        // phrase with no predicate near its start ("mengklaim hampir seluruh Laut Cina
        // Selatan, jalur yang …").
        let shortest = if bahwa.is_some() { 2 } else { 3 };
        if word_count(content.of(self.article.text)) < shortest {
            return None;
        }
        if bahwa.is_none() && !self.has_predicate(&words[from..to]) {
            return None;
        }
        let draft = Draft::indirect(
            content,
            self.resolve(phrase, recent),
            cue_at,
            s,
            self.article.sentences[s].span,
        );
        Some((draft, to))
    }

    /// Where the statement starting at word `from` ends: the sentence's end, or the comma
    /// before a credit clause (", seperti dilansir kantor berita Reuters").
    fn before_credit(&self, s: usize, from: usize) -> usize {
        let words = &self.clauses.words[s];
        (from..words.len())
            .find(|&j| {
                words[j].is_comma()
                    && words[j + 1..]
                        .iter()
                        .find(|w| !self.clauses.rules().credit_openers.contains(&w.folded))
                        .is_some_and(|w| self.is_carried(&w.folded))
            })
            .unwrap_or(words.len())
    }

    /// Word `from` of sentence `s`, or the word after a credit clause opening there
    /// ("seperti dikutip Al Jazeera, ...").
    fn after_credit(&self, s: usize, from: usize) -> usize {
        let words = &self.clauses.words[s];
        let opens_credit = words[from..]
            .iter()
            .find(|w| !self.clauses.rules().credit_openers.contains(&w.folded))
            .is_some_and(|w| self.is_carried(&w.folded));
        if !opens_credit {
            return from;
        }
        (from..words.len())
            .find(|&j| words[j].is_comma())
            .map_or(from, |j| j + 1)
    }

    /// Whether a clause has a predicate among its first words: a verb or a word that marks
    /// one ("akan", "telah", "adalah").
    fn has_predicate(&self, words: &[Word]) -> bool {
        words
            .iter()
            .filter(|w| !w.is_punct())
            .take(PREDICATE_WITHIN)
            .any(|w| w.verb || self.rules.predicate_markers.contains(&w.folded))
    }

    /// Whether a word says an outlet carried the words ("mengutip", "dilansir").
    fn is_carried(&self, folded: &str) -> bool {
        self.rules.carried.contains(folded) || self.rules.carried_by.contains(folded)
    }

    /// From word `i` of sentence `s` to the sentence's end.
    fn rest_of(&self, s: usize, i: usize) -> Span {
        let words = &self.clauses.words[s];
        Span::new(words[i].span.start, words[words.len() - 1].span.end)
    }

    fn sentence_at(&self, offset: usize) -> Option<usize> {
        let sentences = self.article.sentences;
        let i = sentences.partition_point(|s| s.span.end <= offset);
        (i < sentences.len() && sentences[i].span.start <= offset).then_some(i)
    }

    fn resolve(&self, phrase: Option<Span>, recent: Option<&Referent>) -> (Span, Resolved) {
        match phrase {
            Some(span) => (span, self.article.referents.resolve(span, recent)),
            None => (
                Span::new(0, 0),
                self.article.referents.resolve(Span::new(0, 0), recent),
            ),
        }
    }

    /// Writes a draft out in the output contract; `contents` are the statements of every
    /// quote, which channels and credits are never read from.
    fn write(&self, draft: Draft, quote_sentences: &[Span], contents: &[Span]) -> Quote {
        let text = self.article.text;
        let referents = self.article.referents;
        let (written, resolved, how) = match (&draft.speaker, &draft.continued) {
            (Some((span, resolved)), _) => {
                let how = match resolved.via {
                    Via::Name => SpeakerResolution::Name,
                    Via::Pronoun => SpeakerResolution::Pronoun,
                    Via::Description => SpeakerResolution::Description,
                };
                let written = (!span.is_empty()).then(|| span.of(text).trim().to_string());
                (written, Some(resolved), how)
            }
            (None, Some(resolved)) => (None, Some(resolved), SpeakerResolution::Continued),
            (None, None) => (None, None, SpeakerResolution::Continued),
        };
        let speaker = resolved.map(|r| speaker(referents, &r.referent, written, r.via, how));
        let sentence = self.article.sentences[draft.sentence].span;
        let channel = self
            .rules
            .channels
            .iter()
            .find(|(_, pattern)| {
                pattern.find_iter(draft.attribution.of(text)).any(|m| {
                    let at = Span::new(
                        draft.attribution.start + m.start(),
                        draft.attribution.start + m.end(),
                    );
                    !contents.iter().any(|&c| overlaps(c, at))
                })
            })
            .map(|(name, _)| name.clone());
        Quote {
            kind: draft.kind,
            text: draft.content.of(text).to_string(),
            span: draft.content,
            speaker,
            cue: draft.cue.as_ref().map(|(span, verb)| Cue {
                word: span.of(text).to_string(),
                lemma: verb.lemma.clone(),
                span: *span,
            }),
            act: draft.cue.as_ref().map(|(_, verb)| verb.act),
            channel,
            via: self.sources(&draft, quote_sentences, contents),
            evidence: sentence,
        }
    }

    /// The chain of sources after the speaker: the outlets credited in the quote's own
    /// attribution (the outlet that first carried the words, then the wire), the credits
    /// the article gives as a whole (those outside every quote's sentence), then the
    /// publishing outlet.
    fn sources(
        &self,
        draft: &Draft,
        quote_sentences: &[Span],
        contents: &[Span],
    ) -> Vec<SourceLink> {
        let kb = self.article.referents.kb();
        let role_of = |name: &str| {
            if kb.lookup(name).iter().any(|e| e.kind == "news_agency") {
                SourceRole::Wire
            } else {
                SourceRole::Outlet
            }
        };
        let within = |outer: Span, span: Span| outer.start <= span.start && span.end <= outer.end;
        let credits: Vec<&Credit> = self
            .article
            .credits
            .iter()
            .filter(|c| c.how != "photo")
            .collect();
        let own: Vec<&Credit> = credits
            .iter()
            .copied()
            .filter(|c| {
                c.span.is_some_and(|span| {
                    within(draft.attribution, span) && !contents.iter().any(|&q| overlaps(q, span))
                })
            })
            .collect();
        let whole: Vec<&Credit> = credits
            .iter()
            .copied()
            .filter(|c| {
                c.span
                    .is_none_or(|span| !quote_sentences.iter().any(|&q| within(q, span)))
            })
            .collect();
        let mut links: Vec<SourceLink> = Vec::new();
        let mut push = |name: &str, role: SourceRole, evidence: Option<&str>| {
            if !links.iter().any(|l| fold(&l.name) == fold(name)) {
                links.push(SourceLink {
                    name: name.to_string(),
                    role,
                    evidence: evidence.map(str::to_string),
                });
            }
        };
        let publisher = self.article.outlet.map(fold);
        for credits in [&own, &whole] {
            for wanted in [SourceRole::Outlet, SourceRole::Wire] {
                for c in credits.iter().filter(|c| role_of(&c.name) == wanted) {
                    if publisher.as_deref() != Some(fold(&c.name).as_str()) {
                        push(&c.name, wanted, Some(&c.evidence));
                    }
                }
            }
        }
        if let Some(outlet) = self.article.outlet {
            push(outlet, SourceRole::Publisher, None);
        }
        links
    }
}

/// The party a draft attributes the quote to, for pronouns that follow.
fn speaker_of(draft: &Draft) -> Option<Referent> {
    let resolved = draft
        .speaker
        .as_ref()
        .map(|(_, r)| r)
        .or(draft.continued.as_ref())?;
    Some(resolved.referent.clone())
}

fn recent_within(recent: &Option<(Referent, usize)>, s: usize) -> Option<Referent> {
    recent
        .as_ref()
        .filter(|(_, at)| s.saturating_sub(*at) <= RECENT_SENTENCES)
        .map(|(r, _)| r.clone())
}

/// The output's speaker for a resolved referent.
fn speaker(
    referents: &Referents<'_>,
    referent: &Referent,
    written: Option<String>,
    via: Via,
    how: SpeakerResolution,
) -> Speaker {
    let mut out = match referents.party(referent) {
        Some(party) => Speaker {
            id: Some(party.id),
            name: Some(party.name),
            aliases: party.aliases,
            country: party.country,
            description: None,
            how,
        },
        None => Speaker {
            id: None,
            name: None,
            aliases: Vec::new(),
            country: None,
            description: written.clone(),
            how,
        },
    };
    // A description names the party too ("militer Ukraina"): keep it as written.
    if via == Via::Description
        && out.name.is_some()
        && let Some(written) = written
        && !out
            .aliases
            .iter()
            .chain(out.name.iter())
            .any(|a| fold(a) == fold(&written))
    {
        out.aliases.push(written);
    }
    out
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// `span` without surrounding white space and trailing commas.
fn trim_span(text: &str, span: Span) -> Span {
    let inner = span.of(text);
    let start = span.start + (inner.len() - inner.trim_start().len());
    let trimmed = inner.trim().trim_end_matches([',', ' ']);
    Span::new(start, start + trimmed.len())
}

/// Whether two words differ by exactly one inserted, deleted or replaced letter.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let prefix = long.iter().zip(short).take_while(|(x, y)| x == y).count();
    if long.len() == short.len() {
        long[prefix + 1..] == short[prefix + 1..]
    } else {
        long[prefix + 1..] == short[prefix..]
    }
}

#[cfg(test)]
mod tests;
