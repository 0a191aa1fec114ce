//! Clauses: the words of each sentence as the extraction layers read them, and the noun
//! phrases that stand for a party around a verb.
//!
//! Quotes need the speaker of a cue verb and events the actor of a trigger verb; both are
//! found the same way: the noun phrase right before the verb ("Kementerian Pertahanan
//! Rusia juga mengatakan"), or the sentence's subject when the verb opens a clause of its
//! own ("Putin menolak …, mengklaim …"; "… dan menyebut …"), or a name in apposition
//! ("Juru bicara …, Komodor Rafael Santos, mengatakan"). The small word lists this leans on
//! (adverbs, subordinators, complementisers, words that end a phrase) live in the
//! language's `clause.toml`.

use std::collections::HashSet;

use serde::Deserialize;
use warta_kb::fold;

use crate::coref::Referents;
use crate::entities::SentenceTokens;
use crate::lang::{LangData, LangError};
use crate::morph::Lemmatizer;
use crate::span::Span;
use crate::token::TokenKind;

const FILE: &str = "clause.toml";

/// The most words a phrase written before its verb takes ("sejumlah pejabat dari
/// kementerian dan lembaga keamanan di ibu kota").
const MAX_PHRASE_WORDS: usize = 12;

/// The word lists clause reading leans on, folded.
#[derive(Debug)]
pub struct ClauseRules {
    /// Words between a party and its verb that say nothing about who acts ("juga", "pun",
    /// "sekali lagi"), longest first.
    pub adverbs: Vec<Vec<String>>,
    /// Words opening a subordinate clause ("meskipun", "setelah").
    pub subordinators: HashSet<String>,
    /// Subordinators after which a verb written at once keeps the party before them as its
    /// subject ("kata Putin saat membuka rapat": Putin opens it).
    pub subject_sharing: HashSet<String>,
    /// Words opening a reported clause ("bahwa").
    pub complementisers: HashSet<String>,
    /// Words ending a party's phrase written after its verb ("saat", "kepada").
    pub stops: HashSet<String>,
    /// Conjunctions after which a verb shares the sentence's subject ("dan menyebut").
    pub conjunctions: HashSet<String>,
    /// Sentence openers that are no part of a party's phrase ("Namun", "Sementara itu").
    pub openers: HashSet<String>,
    /// Words opening a relative clause ("yang").
    pub relatives: HashSet<String>,
    /// Words before a credit clause ("seperti dilansir …").
    pub credit_openers: HashSet<String>,
    /// Words that introduce a passive verb's agent ("oleh").
    pub agent_markers: HashSet<String>,
    /// Words of purpose between a verb and the verb it governs ("untuk").
    pub purpose: HashSet<String>,
    /// Prepositions that may stray before a party written after its verb ("ke", "untuk").
    pub stray_prepositions: HashSet<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    adverbs: Vec<String>,
    subordinators: Vec<String>,
    subject_sharing: Vec<String>,
    complementisers: Vec<String>,
    stops: Vec<String>,
    conjunctions: Vec<String>,
    openers: Vec<String>,
    relatives: Vec<String>,
    credit_openers: Vec<String>,
    agent_markers: Vec<String>,
    purpose: Vec<String>,
    stray_prepositions: Vec<String>,
}

impl ClauseRules {
    pub fn load(data: &LangData<'_>) -> Result<ClauseRules, LangError> {
        let file: RulesFile =
            toml::from_str(data.file(FILE)?).map_err(|e| LangError::invalid(FILE, e))?;
        let set =
            |words: Vec<String>| -> HashSet<String> { words.iter().map(|w| fold(w)).collect() };
        let mut adverbs: Vec<Vec<String>> = file
            .adverbs
            .iter()
            .map(|w| fold(w).split(' ').map(str::to_string).collect())
            .collect();
        adverbs.sort_by_key(|p: &Vec<String>| std::cmp::Reverse(p.len()));
        Ok(ClauseRules {
            adverbs,
            subordinators: set(file.subordinators),
            subject_sharing: set(file.subject_sharing),
            complementisers: set(file.complementisers),
            stops: set(file.stops),
            conjunctions: set(file.conjunctions),
            openers: set(file.openers),
            relatives: set(file.relatives),
            credit_openers: set(file.credit_openers),
            agent_markers: set(file.agent_markers),
            purpose: set(file.purpose),
            stray_prepositions: set(file.stray_prepositions),
        })
    }
}

/// A word of a sentence as the extraction layers read it.
#[derive(Debug)]
pub struct Word {
    pub span: Span,
    pub folded: String,
    pub kind: TokenKind,
    /// A quotation mark.
    pub mark: bool,
    /// Starts with a capital letter.
    pub capital: bool,
    /// The lemmatiser reduced it to a root of its lexicon: a real word, not a typo.
    pub known: bool,
    /// Carries a verbal prefix (meN-, di-, ber-, ter-).
    pub verb: bool,
    /// Carries a transitive verb's prefix (meN- active, di- passive).
    pub transitive: bool,
    /// Its lemma, for words.
    pub lemma: Option<String>,
    /// Passive voice (di-).
    pub passive: bool,
    /// Ends in the clitic -nya: after a transitive verb, its object ("mendesaknya").
    pub nya: bool,
}

impl Word {
    pub fn is(&self, folded: &str) -> bool {
        self.folded == folded
    }

    pub fn is_comma(&self) -> bool {
        self.folded == ","
    }

    pub fn is_punct(&self) -> bool {
        matches!(self.kind, TokenKind::Punct | TokenKind::Symbol)
    }
}

/// The sentences of an article as words, with the rules and referents to read parties.
pub struct Clauses<'a> {
    /// Words of each sentence.
    pub words: Vec<Vec<Word>>,
    rules: &'a ClauseRules,
    referents: &'a Referents<'a>,
}

impl<'a> Clauses<'a> {
    pub fn new(
        text: &str,
        sentences: &[SentenceTokens<'_>],
        rules: &'a ClauseRules,
        referents: &'a Referents<'a>,
        lemmatizer: &Lemmatizer,
    ) -> Clauses<'a> {
        let words = sentences
            .iter()
            .map(|s| {
                s.tokens
                    .iter()
                    .map(|t| {
                        let surface = t.span.of(text);
                        let morph = t.morph.as_deref();
                        Word {
                            span: t.span,
                            folded: fold(surface),
                            kind: t.kind,
                            mark: !surface.is_empty()
                                && surface.chars().all(|c| {
                                    matches!(
                                        c,
                                        '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '\''
                                    )
                                }),
                            capital: surface.starts_with(char::is_uppercase),
                            known: morph.is_some_and(|m| lemmatizer.is_root(&m.lemma)),
                            verb: morph.is_some_and(|m| {
                                m.prefixes
                                    .iter()
                                    .any(|p| matches!(p.as_str(), "meN" | "di" | "ter" | "ber"))
                            }),
                            transitive: morph.is_some_and(|m| m.voice.is_some()),
                            lemma: morph.map(|m| m.lemma.clone()),
                            passive: morph
                                .is_some_and(|m| m.voice == Some(crate::morph::Voice::Passive)),
                            nya: morph.is_some_and(|m| m.clitics.iter().any(|c| c == "nya")),
                        }
                    })
                    .collect()
            })
            .collect();
        Clauses {
            words,
            rules,
            referents,
        }
    }

    pub fn rules(&self) -> &ClauseRules {
        self.rules
    }

    /// The words of the speaker written before the cue at word `i` of sentence `s`: the
    /// noun phrase right before it ("Kementerian Pertahanan Rusia juga mengatakan"), or
    /// the sentence's subject when the cue opens a clause of its own ("Putin menolak …,
    /// mengklaim …"; "… dan menyebut …").
    pub fn phrase_before(&self, s: usize, i: usize) -> Option<Span> {
        self.phrase_before_verb(s, i, false)
    }

    /// [`Clauses::phrase_before`] for the actor of an event: the phrase also ends at a
    /// transitive verb (meN-, di-) outside a relative clause, since an event's actor is
    /// the subject of its own clause ("… menyurati Dewan Keamanan dan meminta badan itu
    /// menggelar pertemuan": the meeting's actor is "badan itu").
    pub fn actor_before(&self, s: usize, i: usize) -> Option<Span> {
        self.phrase_before_verb(s, i, true)
    }

    fn phrase_before_verb(&self, s: usize, i: usize, stop_at_verbs: bool) -> Option<Span> {
        let words = &self.words[s];
        let mut before: Vec<&Word> = words[..i].iter().collect();
        // An acronym in brackets after the name: "Badan Operasi Perdagangan Maritim Inggris
        // (UKMTO) melaporkan".
        if before.last().is_some_and(|w| w.folded == ")")
            && let Some(open) = before.iter().rposition(|w| w.folded == "(")
        {
            before.truncate(open);
        }
        let before = self.strip_adverbs_back(&before);
        let last = before.last()?;
        // "kata Putin saat membuka rapat", "Putin saat membuka …": the verb right after the
        // subordinator shares the party before it.
        if before.len() > 1 && self.rules.subject_sharing.contains(&last.folded) {
            return self.phrase_before_verb(s, before.len() - 1, stop_at_verbs);
        }
        // "… utusan Trump, Steve Witkoff, menemuinya": the name set off by commas right
        // before the verb, after a noun phrase, is who acts.
        if last.is_comma()
            && let Some(open) = before[..before.len() - 1]
                .iter()
                .rposition(|w| w.is_punct())
            && open > 0
            && before[open].is_comma()
            && !before[open - 1].verb
        {
            let inside = &before[open + 1..before.len() - 1];
            if let (Some(first), Some(end)) = (inside.first(), inside.last())
                && !inside.iter().any(|w| w.verb)
            {
                let span = Span::new(first.span.start, end.span.end);
                if self.referents.person_within(span) {
                    return Some(span);
                }
            }
        }
        if last.is_comma() || self.rules.conjunctions.contains(&last.folded) {
            return self.subject(s, i);
        }
        // Brackets inside the phrase ("Amerika Serikat (AS) dan Inggris") are part of it.
        let mut depth = 0usize;
        let start = (0..before.len())
            .rev()
            .find(|&j| {
                let w = before[j];
                match w.folded.as_str() {
                    ")" => depth += 1,
                    "(" => depth = depth.saturating_sub(1),
                    _ => {}
                }
                if depth > 0 || matches!(w.folded.as_str(), "(" | ")") {
                    return false;
                }
                w.is_punct()
                    || self.rules.subordinators.contains(&w.folded)
                    || self.rules.complementisers.contains(&w.folded)
                    || (stop_at_verbs
                        && w.transitive
                        && !(j > 0 && self.rules.relatives.contains(&before[j - 1].folded)))
            })
            .map_or(0, |j| j + 1);
        let mut phrase = &before[start..];
        // "Namun Kementerian Luar Negeri Thailand menegaskan": the opener is no part of it.
        while phrase
            .first()
            .is_some_and(|w| self.rules.openers.contains(&w.folded))
        {
            phrase = &phrase[1..];
        }
        // "Kelompok pemberontak yang didukung Rwanda menyatakan": the relative clause
        // describes the actor, which is the words before it (and a passive's patient
        // written "X yang didukung" is X). A speaker keeps it as the article describes
        // them ("pejabat yang enggan disebutkan namanya").
        if stop_at_verbs
            && let Some(relative) = phrase
                .iter()
                .skip(1)
                .position(|w| self.rules.relatives.contains(&w.folded))
        {
            phrase = &phrase[..relative + 1];
        }
        let phrase = &phrase[phrase.len().saturating_sub(MAX_PHRASE_WORDS)..];
        let first = phrase.first()?;
        Some(Span::new(
            first.span.start,
            phrase[phrase.len() - 1].span.end,
        ))
    }

    /// The subject of sentence `s` before word `limit`: the noun phrase opening the
    /// first clause (from the sentence start or after a comma) that names someone (a name,
    /// a pronoun, a title or head noun), or the name in apposition right after it
    /// ("Juru bicara Penjaga Pantai, Komodor Rafael Santos, mengatakan").
    pub fn subject(&self, s: usize, limit: usize) -> Option<Span> {
        let words = &self.words[s];
        let referents = self.referents;
        let starts =
            std::iter::once(0).chain((0..limit).filter(|&j| words[j].is_comma()).map(|j| j + 1));
        for c in starts {
            let end = (c..limit)
                .find(|&j| {
                    let w = &words[j];
                    w.is_punct() || w.verb || (j > c && self.rules.stops.contains(&w.folded))
                })
                .unwrap_or(limit);
            if end == c {
                continue;
            }
            let phrase = Span::new(words[c].span.start, words[end - 1].span.end);
            let first = &words[c].folded;
            if !(referents.names_within(phrase)
                || self.is_pronoun(first)
                || referents.is_head(first))
            {
                continue;
            }
            if words.get(end).is_some_and(Word::is_comma)
                && let Some(name) = self.apposition(s, end + 1, limit)
            {
                return Some(name);
            }
            return Some(phrase);
        }
        None
    }

    /// The words from `from` to the next punctuation of sentence `s`, when they name a
    /// person and hold no verb: a name in apposition.
    pub fn apposition(&self, s: usize, from: usize, limit: usize) -> Option<Span> {
        let words = &self.words[s];
        let end = (from..limit)
            .find(|&j| words[j].is_punct())
            .unwrap_or(limit);
        if end == from || words[from..end].iter().any(|w| w.verb) {
            return None;
        }
        let span = Span::new(words[from].span.start, words[end - 1].span.end);
        self.referents.person_within(span).then_some(span)
    }

    pub fn is_pronoun(&self, folded: &str) -> bool {
        self.referents.is_pronoun(folded)
    }

    /// The speaker words after an inverted cue: up to a stop word or punctuation, going
    /// on over a comma before a name ("kata juru bicara Kremlin, Dmitry Peskov").
    pub fn phrase_after(&self, words: &[&Word]) -> Option<Span> {
        let words: Vec<&Word> = words
            .iter()
            .copied()
            .skip_while(|w| w.mark || self.rules.stray_prepositions.contains(&w.folded))
            .collect();
        let mut end = 0;
        while end < words.len() {
            let w = words[end];
            if w.is_comma()
                && words
                    .get(end + 1)
                    .is_some_and(|n| n.capital && !self.rules.stops.contains(&n.folded))
                && end > 0
            {
                end += 1;
                continue;
            }
            if w.is_punct() || (end > 0 && self.rules.stops.contains(&w.folded)) || end >= 10 {
                break;
            }
            end += 1;
        }
        (end > 0).then(|| Span::new(words[0].span.start, words[end - 1].span.end))
    }

    pub fn strip_adverbs_back<'w>(&self, words: &'w [&'w Word]) -> &'w [&'w Word] {
        let mut end = words.len();
        'outer: loop {
            for adverb in &self.rules.adverbs {
                if end >= adverb.len()
                    && words[end - adverb.len()..end]
                        .iter()
                        .zip(adverb)
                        .all(|(w, a)| w.folded == *a)
                {
                    end -= adverb.len();
                    continue 'outer;
                }
            }
            break;
        }
        &words[..end]
    }

    pub fn phrase_at(&self, words: &[&Word], i: usize, phrases: &[Vec<String>]) -> bool {
        phrases.iter().any(|p| {
            words.len() >= i + p.len() && words[i..i + p.len()].iter().zip(p).all(|(w, x)| w.is(x))
        })
    }

    /// The text of words `from..to` of sentence `s`, without closing punctuation.
    pub fn span_of(&self, s: usize, from: usize, to: usize) -> Option<Span> {
        let words = &self.words[s];
        let mut to = to.min(words.len());
        while to > from && words[to - 1].is_punct() && !words[to - 1].mark {
            to -= 1;
        }
        let mut from = from;
        while from < to && words[from].is_punct() && !words[from].mark {
            from += 1;
        }
        (from < to).then(|| Span::new(words[from].span.start, words[to - 1].span.end))
    }
}
