//! Events: who did what to whom, coded with the 16 PLOVER types, with place, day,
//! numbers and who claims it.
//!
//! A trigger is a verb (by its lemma: "menyerang", "diserang" → `serang`) or a noun
//! ("serangan", "pembicaraan") from the language's `events.toml`. Its parties come from
//! the clause around it, read by [`crate::clause`] and resolved by [`crate::coref`]:
//!
//! * an active verb's actor is the phrase before it (or the sentence's subject), its
//!   recipient the first party named after it;
//! * a passive verb (di-) flips them: "Kyiv diserang Rusia", "ditembak jatuh oleh …";
//! * a noun's actor is the subject of the light verb carrying it ("Ukraina melancarkan
//!   serangan …") or the party named right after it ("serangan Ukraina ke …").
//!
//! A town or region as recipient is where the event happened, and its country the
//! recipient. A trigger right after another ("menolak pembicaraan", "meminta bantuan") is
//! that trigger's object, not an event of its own. Negation ("tidak", or a denial quote
//! around the trigger), modality ("akan", "jika", a warning) and the claimant (the speaker
//! of the quote holding the trigger) come from the words and quotes around it. Reports of
//! the same event in one article (same type, parties and negation) are merged.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use warta_kb::fold;

use crate::analysis::{
    Actor, Cue, DateMention, EntityMention, EntityType, Event, Modality, Period, Place, Precision,
    Quantity, Quote, Speaker, SpeechAct,
};
use crate::clause::{Clauses, Word};
use crate::coref::{Referent, Referents, Resolved, Via};
use crate::lang::{LangData, LangError};
use crate::span::Span;

const FILE: &str = "events.toml";

/// A verb that reports an event.
#[derive(Debug, Clone)]
struct VerbTrigger {
    event_type: String,
    /// Words one of which must follow within `follow_within` words.
    follow: Vec<String>,
    follow_within: usize,
    /// The follow word is said of what comes before it ("menyebut uji coba itu sebagai
    /// pelanggaran"): the recipient is named before it.
    about_before_follow: bool,
    /// Words that, right after the verb, cancel it ("menahan serangan").
    not_follow: Vec<String>,
    /// Counts only with a target named ("meluncurkan rudal ke Israel", not a test launch).
    needs_target: bool,
    /// The type the event takes when no target is named (a launch without one is a show
    /// of force: MOBILIZE), if it is not dropped.
    without_target: Option<String>,
}

/// The words event finding leans on, from the language's `events.toml`, folded.
#[derive(Debug)]
pub struct EventRules {
    verbs: HashMap<String, Vec<VerbTrigger>>,
    /// Noun triggers as word sequences, longest first, with their type.
    nouns: Vec<(Vec<String>, String)>,
    bare: HashSet<String>,
    /// Written verb forms that trigger on their own ("mengungsikan", not "mengungsi").
    forms: HashMap<String, String>,
    /// Written forms that never trigger, whatever their lemma ("mempertahankan").
    not_forms: HashSet<String>,
    first_person: HashSet<String>,
    /// Third-person words inside a quote: the side the speaker speaks of, not the speaker.
    third_person: HashSet<String>,
    /// Event types that go on over days: dated by their story, they began at its onset.
    ongoing: HashSet<String>,
    /// Words saying a fight broke out ("meletus", "pecah").
    onset_words: HashSet<String>,
    /// Phrases counting the days of a fight before a day ("hari kedua": begun a day
    /// earlier), with the days to move.
    day_counts: Vec<(String, i32)>,
    /// Nouns naming an incident: a date after one, past the trigger, is the incident's.
    incident_nouns: HashSet<String>,
    /// Nouns that a noun trigger right after them only describes ("posisi negosiasi").
    described_nouns: HashSet<String>,
    /// Event types besides the two-sided ones for which a place after "di" is where they
    /// happen, not who they are done to (a meeting "di Novo-Ogaryovo").
    held_at_place: HashSet<String>,
    /// Event types a party does on its own, to no recipient: what follows the verb is
    /// what it uses ("mengerahkan pasukan").
    one_sided: HashSet<String>,
    /// Words completing a verb before its agent ("ditembak jatuh Rusia").
    after_verb: HashSet<String>,
    /// Event types done by one side to another, whose recipient is inferred when the
    /// clause names none.
    two_sided: HashSet<String>,
    /// Verbs (written forms or lemmas) that deny the event depending on them ("membantah
    /// menyasar").
    denials: HashSet<String>,
    /// Event types that, with no recipient named, go to the other side of the story.
    directed_abroad: HashSet<String>,
    /// Event types PLOVER codes only with a recipient.
    needs_recipient: HashSet<String>,
    /// Event types whose clause holds what is asked, refused or threatened, not events.
    governing: HashSet<String>,
    /// Event types that happen where their recipient country is, when no place is named.
    placed_at_recipient: HashSet<String>,
    light_verbs: HashSet<String>,
    negators: HashSet<String>,
    planned: HashSet<String>,
    conditional: HashSet<String>,
    place_prepositions: HashSet<String>,
    /// Compass words between a place word and its place ("wilayah selatan Kursk").
    compass_words: HashSet<String>,
    /// Words opening a relative clause ("yang").
    relative_markers: HashSet<String>,
    /// Phrases between a named day and an event that move it ("sehari setelah": a day
    /// earlier), folded.
    day_offsets: Vec<(String, i32)>,
    /// Event types whose recipient is the subject of the clause after "bahwa".
    warned_of_subject: HashSet<String>,
    /// Kinds of party that act for a state ("ministry", "spokesperson").
    official_kinds: HashSet<String>,
    /// Kinds of organisation that hold a state's power at home: an armed group's other
    /// side within its own country ("RSF" against "SAF").
    state_kinds: HashSet<String>,
    /// Kinds whose mentions tell nothing of the sides a story is between (a credited wire).
    neutral_kinds: HashSet<String>,
    /// Noun triggers that tell of both sides at once ("baku tembak"), folded and joined.
    mutual_nouns: HashSet<String>,
    /// Words before a trigger that make it both sides' act ("saling", "terlibat").
    mutual_markers: HashSet<String>,
    /// Words after a noun trigger before both its sides ("pertempuran antara X dan Y").
    between_words: HashSet<String>,
    /// Event types that become another when not yet done (ASSAULT → THREATEN).
    future_as: HashMap<String, String>,
    /// Event types that become another when a state lodges them (PROTEST → ACCUSE).
    lodged_as: HashMap<String, String>,
    /// Nouns for unnamed groups that act or are acted on ("warga sipil", "sekutu").
    group_nouns: Vec<String>,
    /// Quantity words before a group noun ("semua", "puluhan").
    group_quantifiers: HashSet<String>,
    /// Determiners dropped from a group's written name ("setiap").
    group_determiners: HashSet<String>,
    /// Words pointing back to something already told ("serangan tersebut").
    referring_words: HashSet<String>,
    /// Words before a place that say where, not whom ("di", "dari").
    location_prepositions: HashSet<String>,
    /// Words between a noun trigger and its target ("serangan ke Gaza").
    target_prepositions: HashSet<String>,
    /// Words between a noun trigger and the party it is done with ("pembicaraan dengan
    /// Rusia"); in a quote, the speaker's side is the other.
    partner_prepositions: HashSet<String>,
    /// Words between a verb (or its follow word) and its recipient ("meminta kepada
    /// pasukannya", "mencari dukungan di antara sekutu Barat").
    recipient_prepositions: Vec<Vec<String>>,
    /// Event types not coded when done for the purpose of another ("mengerahkan jet untuk
    /// menggempur …" is the attack only), with that other type.
    subsumed_by: HashMap<String, String>,
    /// Words introducing a purpose ("untuk").
    purpose_markers: HashSet<String>,
    assault_modes: Vec<(String, Vec<Vec<String>>)>,
    /// Words naming a wrong; a statement holding one accuses its doer.
    accusation_words: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    not_forms: Vec<String>,
    first_person: Vec<String>,
    third_person: Vec<String>,
    ongoing: Vec<String>,
    onset_words: Vec<String>,
    day_counts: HashMap<String, i32>,
    incident_nouns: Vec<String>,
    described_nouns: Vec<String>,
    held_at_place: Vec<String>,
    one_sided: Vec<String>,
    after_verb: Vec<String>,
    two_sided: Vec<String>,
    directed_abroad: Vec<String>,
    needs_recipient: Vec<String>,
    governing: Vec<String>,
    denials: Vec<String>,
    placed_at_recipient: Vec<String>,
    light_verbs: Vec<String>,
    negators: Vec<String>,
    planned: Vec<String>,
    conditional: Vec<String>,
    place_prepositions: Vec<String>,
    compass_words: Vec<String>,
    day_offsets: HashMap<String, i32>,
    relative_markers: Vec<String>,
    referring_words: Vec<String>,
    group_nouns: Vec<String>,
    group_quantifiers: Vec<String>,
    group_determiners: Vec<String>,
    official_kinds: Vec<String>,
    state_kinds: Vec<String>,
    neutral_kinds: Vec<String>,
    mutual_markers: Vec<String>,
    between_words: Vec<String>,
    warned_of_subject: Vec<String>,
    lodged_as: HashMap<String, String>,
    future_as: HashMap<String, String>,
    location_prepositions: Vec<String>,
    target_prepositions: Vec<String>,
    partner_prepositions: Vec<String>,
    recipient_prepositions: Vec<String>,
    subsumed_by: HashMap<String, String>,
    purpose_markers: Vec<String>,
    assault_mode: Vec<ModeFile>,
    accusation_words: Vec<String>,
    trigger: Vec<TriggerFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModeFile {
    mode: String,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerFile {
    #[serde(rename = "type")]
    event_type: String,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    follow: Vec<String>,
    #[serde(default)]
    follow_within: Option<usize>,
    #[serde(default)]
    about_before_follow: bool,
    #[serde(default)]
    needs_target: bool,
    #[serde(default)]
    without_target: Option<String>,
    #[serde(default)]
    follow_for: HashMap<String, Vec<String>>,
    #[serde(default)]
    not_follow_for: HashMap<String, Vec<String>>,
    #[serde(default)]
    bare: Vec<String>,
    #[serde(default)]
    forms: Vec<String>,
    /// The trigger tells of both sides at once ("baku tembak").
    #[serde(default)]
    mutual: bool,
}

/// The 16 PLOVER event types.
const PLOVER_TYPES: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

fn words_of(phrase: &str) -> Vec<String> {
    fold(phrase).split(' ').map(str::to_string).collect()
}

impl EventRules {
    pub fn load(data: &LangData<'_>) -> Result<EventRules, LangError> {
        let file: RulesFile =
            toml::from_str(data.file(FILE)?).map_err(|e| LangError::invalid(FILE, e))?;
        let set =
            |words: Vec<String>| -> HashSet<String> { words.iter().map(|w| fold(w)).collect() };
        let mut verbs: HashMap<String, Vec<VerbTrigger>> = HashMap::new();
        let mut nouns = Vec::new();
        let mut bare = HashSet::new();
        let mut forms = HashMap::new();
        let mut mutual_nouns = HashSet::new();
        for t in file.trigger {
            if !PLOVER_TYPES.contains(&t.event_type.as_str()) {
                return Err(LangError::invalid(
                    FILE,
                    format!("`{}` is not a PLOVER event type", t.event_type),
                ));
            }
            if let Some(other) = t
                .without_target
                .as_ref()
                .filter(|o| !PLOVER_TYPES.contains(&o.as_str()))
            {
                return Err(LangError::invalid(
                    FILE,
                    format!("`{other}` in without_target is not a PLOVER event type"),
                ));
            }
            for verb in &t.verbs {
                let lemma = fold(verb);
                let follow = t
                    .follow_for
                    .get(verb)
                    .cloned()
                    .unwrap_or_else(|| t.follow.clone());
                verbs.entry(lemma).or_default().push(VerbTrigger {
                    event_type: t.event_type.clone(),
                    follow: follow.iter().map(|w| fold(w)).collect(),
                    follow_within: t.follow_within.unwrap_or(1),
                    about_before_follow: t.about_before_follow,
                    needs_target: t.needs_target,
                    without_target: t.without_target.clone(),
                    not_follow: t
                        .not_follow_for
                        .get(verb)
                        .map(|w| w.iter().map(|w| fold(w)).collect())
                        .unwrap_or_default(),
                });
            }
            for noun in &t.nouns {
                nouns.push((words_of(noun), t.event_type.clone()));
                if t.mutual {
                    mutual_nouns.insert(words_of(noun).join(" "));
                }
            }
            bare.extend(t.bare.iter().map(|w| fold(w)));
            for form in &t.forms {
                forms.insert(fold(form), t.event_type.clone());
            }
        }
        if let Some(wrong) = file
            .lodged_as
            .iter()
            .chain(&file.subsumed_by)
            .chain(&file.future_as)
            .flat_map(|(from, to)| [from, to])
            .find(|t| !PLOVER_TYPES.contains(&t.as_str()))
        {
            return Err(LangError::invalid(
                FILE,
                format!(
                    "`{wrong}` in lodged_as, subsumed_by or future_as is not a PLOVER event type"
                ),
            ));
        }
        nouns.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        // A verb of two types ("mengakui": SUPPORT; "mengakui kekalahan": CONCEDE) tries
        // the reading that needs a following word first.
        for candidates in verbs.values_mut() {
            candidates.sort_by_key(|c| c.follow.is_empty());
        }
        let assault_modes = file
            .assault_mode
            .into_iter()
            .map(|m| (m.mode, m.words.iter().map(|w| words_of(w)).collect()))
            .collect();
        Ok(EventRules {
            verbs,
            nouns,
            bare,
            forms,
            not_forms: set(file.not_forms),
            first_person: set(file.first_person),
            third_person: set(file.third_person),
            ongoing: file.ongoing.into_iter().collect(),
            onset_words: set(file.onset_words),
            day_counts: {
                let mut counts: Vec<(String, i32)> = file
                    .day_counts
                    .into_iter()
                    .map(|(phrase, days)| (fold(&phrase), days))
                    .collect();
                counts.sort();
                counts
            },
            incident_nouns: set(file.incident_nouns),
            described_nouns: set(file.described_nouns),
            held_at_place: file.held_at_place.into_iter().collect(),
            one_sided: file.one_sided.into_iter().collect(),
            after_verb: set(file.after_verb),
            two_sided: file.two_sided.into_iter().collect(),
            directed_abroad: file.directed_abroad.into_iter().collect(),
            needs_recipient: file.needs_recipient.into_iter().collect(),
            governing: file.governing.into_iter().collect(),
            denials: set(file.denials),
            placed_at_recipient: file.placed_at_recipient.into_iter().collect(),
            light_verbs: set(file.light_verbs),
            negators: set(file.negators),
            planned: set(file.planned),
            conditional: set(file.conditional),
            place_prepositions: set(file.place_prepositions),
            compass_words: set(file.compass_words),
            relative_markers: set(file.relative_markers),
            day_offsets: {
                let mut offsets: Vec<(String, i32)> = file
                    .day_offsets
                    .into_iter()
                    .map(|(phrase, days)| (fold(&phrase), days))
                    .collect();
                // Longest first, so that "dua hari setelah" wins over "hari setelah".
                offsets.sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.len()));
                offsets
            },
            target_prepositions: set(file.target_prepositions),
            partner_prepositions: set(file.partner_prepositions),
            recipient_prepositions: file
                .recipient_prepositions
                .iter()
                .map(|w| words_of(w))
                .collect(),
            subsumed_by: file.subsumed_by,
            purpose_markers: set(file.purpose_markers),
            location_prepositions: set(file.location_prepositions),
            referring_words: set(file.referring_words),
            group_nouns: file.group_nouns.iter().map(|w| fold(w)).collect(),
            group_quantifiers: set(file.group_quantifiers),
            group_determiners: set(file.group_determiners),
            official_kinds: file.official_kinds.into_iter().collect(),
            state_kinds: file.state_kinds.into_iter().collect(),
            neutral_kinds: file.neutral_kinds.into_iter().collect(),
            mutual_nouns,
            mutual_markers: set(file.mutual_markers),
            between_words: set(file.between_words),
            warned_of_subject: file.warned_of_subject.into_iter().collect(),
            lodged_as: file.lodged_as,
            future_as: file.future_as,
            assault_modes,
            accusation_words: file.accusation_words.iter().map(|w| words_of(w)).collect(),
        })
    }
}

/// Everything event finding reads of one article.
pub struct Article<'a> {
    pub text: &'a str,
    pub clauses: &'a Clauses<'a>,
    pub sentences: &'a [Span],
    pub referents: &'a Referents<'a>,
    pub quotes: &'a [Quote],
    pub quantities: &'a [Quantity],
    pub dates: &'a [DateMention],
    /// Weeks, months and years ("pada Februari 2022").
    pub periods: &'a [Period],
}

/// A trigger found at words `at..end` of a sentence.
struct Trigger {
    event_type: String,
    at: usize,
    end: usize,
    noun: bool,
    passive: bool,
    /// The trigger counts only with a target named.
    needs_target: bool,
    /// What it counts as when no target is named, if anything.
    without_target: Option<String>,
    /// For a trigger whose follow word is said of what precedes it, where that word is
    /// ("menyebut uji coba itu sebagai pelanggaran").
    follow_at: Option<usize>,
    /// Where the object of the trigger may start: past its follow word ("mencari
    /// dukungan | di antara sekutu Barat").
    object_from: usize,
    /// The trigger tells of both sides at once ("baku tembak").
    mutual: bool,
}

/// How many words after a trigger another trigger is its object ("menolak pembicaraan",
/// "menawarkan untuk bertemu").
const OBJECT_WITHIN: usize = 2;

/// How many words describing a noun trigger may stand before its target's preposition
/// ("serangan udara | ke Yaman").
const DESCRIBING_WORDS: usize = 2;

/// How many words after a warning its "bahwa" may stand ("memperingatkan pada hari Jumat
/// bahwa …").
const WARNED_WITHIN: usize = 6;

/// How many words of what is given may stand between a trigger and the preposition before
/// its recipient ("memberikan bantuan militer | kepada …").
const RECIPIENT_AFTER: usize = 3;

/// How many words after a trigger its recipient may stand.
const RECIPIENT_WITHIN: usize = 10;

/// The events of an article, in text order, one per real event reported.
pub fn events(article: &Article<'_>, rules: &EventRules) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for (s, focus) in focus_per_sentence(article).iter().enumerate() {
        let words = &article.clauses.words[s];
        let mut last_end: Option<usize> = None;
        // A request, refusal, threat, accusation or agreement governs the rest of its
        // clause: "mendesak sekutu Barat menjatuhkan sanksi" codes the request, not a
        // sanction that has not happened.
        let mut governed_until: Option<usize> = None;
        // A noun governs only up to the next conjunction: "menangguhkan Perjanjian … dan
        // mengusir diplomat" sanctions twice; a verb governs all it asks or refuses.
        let mut governed_by_noun = false;
        let mut i = 0;
        while i < words.len() {
            if (words[i].is_punct() && !words[i].mark)
                || (governed_by_noun
                    && article
                        .clauses
                        .rules()
                        .conjunctions
                        .contains(&words[i].folded))
            {
                governed_until = None;
            }
            let Some(mut trigger) = find_trigger(words, i, rules) else {
                i += 1;
                continue;
            };
            // "Amerika Serikat, sekutu perjanjian pertahanan Filipina, mengecam …": a noun
            // describing a party names no event and governs nothing.
            if trigger.noun && in_apposition(article, s, trigger.at) {
                i = trigger.end;
                continue;
            }
            // "mengerahkan jet tempur untuk menggempur …" reports the attack, done by the
            // one who mobilised; the purpose verb is read as part of it.
            let purpose_end = done_for_purpose(words, &trigger, rules).map(|(kind, end)| {
                trigger.event_type = kind;
                end
            });
            // A trigger after a conjunction is an event of its own ("meningkatkan
            // kewaspadaan dan berbagi informasi").
            let joined = trigger.at > 0
                && article
                    .clauses
                    .rules()
                    .conjunctions
                    .contains(&words[trigger.at - 1].folded);
            // "mengecam latihan itu dan mengerahkan pasukan": a verb joined to a governing
            // verb's object, with no verb between them, is the subject's next act; after
            // a governed verb ("menuduh Rusia menyerang dan membunuh …") it is governed too.
            // A word pointing back ("latihan tersebut") is no verb there, whatever its form.
            let next_act = joined
                && !trigger.noun
                && governed_until.is_some_and(|end| {
                    !(end..trigger.at - 1)
                        .any(|j| words[j].verb && !rules.referring_words.contains(&words[j].folded))
                });
            let absorbed = (!joined
                && last_end.is_some_and(|end| trigger.at <= end + OBJECT_WITHIN))
                || (governed_until.is_some() && !next_act);
            if rules.governing.contains(&trigger.event_type) {
                governed_until = Some(trigger.end);
                governed_by_noun = trigger.noun;
            }
            last_end = Some(purpose_end.unwrap_or(trigger.end));
            i = trigger.end;
            if absorbed {
                continue;
            }
            if let Some(event) = read_event(article, rules, s, &trigger, focus.as_ref()) {
                merge_or_push(&mut out, event);
            }
        }
    }
    for event in accusations_in_quotes(article, rules) {
        // An accusing verb in the same sentence already says whom the speaker accuses.
        let said = out.iter().any(|e| {
            e.event_type == event.event_type
                && e.evidence == event.evidence
                && e.actor.as_ref().map(|a| &a.id) == event.actor.as_ref().map(|a| &a.id)
        });
        if !said {
            merge_or_push(&mut out, event);
        }
    }
    out
}

/// Statements that blame another party for a wrong ("Merekalah yang memulai agresi
/// ini", "itu pelanggaran hukum internasional") accuse it, though no accusing verb is
/// written: the speaker accuses the first party of another country the statement names,
/// else the other side of the story. A wrong the speaker denies ("kami tidak melanggar")
/// accuses no one.
fn accusations_in_quotes(article: &Article<'_>, rules: &EventRules) -> Vec<Event> {
    let referents = article.referents;
    let mut out = Vec::new();
    for quote in article.quotes {
        let Some(speaker) = &quote.speaker else {
            continue;
        };
        let actor = quote_referent(referents, quote);
        if actor == Referent::Unnamed || quote.act == Some(SpeechAct::Denial) {
            continue;
        }
        let Some(s) = article.sentences.iter().position(|sentence| {
            sentence.start <= quote.span.start && quote.span.start < sentence.end
        }) else {
            continue;
        };
        let words: Vec<&Word> = article.clauses.words[s]
            .iter()
            .filter(|w| quote.span.start <= w.span.start && w.span.end <= quote.span.end)
            .collect();
        let wrong = (0..words.len()).find_map(|i| {
            let phrase = rules.accusation_words.iter().find(|p| {
                words.len() >= i + p.len()
                    && words[i..i + p.len()]
                        .iter()
                        .zip(p.iter())
                        .all(|(w, p)| w.folded == *p)
            })?;
            let denied = words[i.saturating_sub(2)..i]
                .iter()
                .any(|w| rules.negators.contains(&w.folded));
            // "jika pelanggaran terus terjadi" warns; "pasukannya menyerang", "kami
            // menembaki" tell of one's own side.
            let conditional = words[..i]
                .iter()
                .any(|w| rules.conditional.contains(&w.folded));
            let own_side = words[i].verb
                && i > 0
                && (words[i - 1].nya || rules.first_person.contains(&words[i - 1].folded));
            (!denied && !conditional && !own_side)
                .then(|| Span::new(words[i].span.start, words[i + phrase.len() - 1].span.end))
        });
        let Some(wrong) = wrong else {
            continue;
        };
        let own = country_code(referents, &actor);
        let actor_id = referents.party(&actor).map(|p| p.id);
        // The accused is named before the wrong ("Thailand yang memulai agresi"); a body
        // named after it owns what was wronged ("pelanggaran resolusi Dewan Keamanan").
        let named = referents
            .mentioned_within(Span::new(quote.span.start, wrong.start))
            .map(Referent::Entity)
            .find(|r| {
                let party = referents.party(r);
                party.as_ref().map(|p| &p.id) != actor_id.as_ref()
                    && (own.is_none() || party.and_then(|p| p.country) != own)
            });
        // A town or region named stands for its country ("wilayah Kharkiv").
        let named = named.map(|r| match sub_national(rules, referents, &r) {
            Some((_, Some(country))) => Referent::Known(country),
            _ => r,
        });
        let recipient = named.or_else(|| {
            own.as_deref()
                .and_then(|c| other_side(referents, rules, c, Some(&actor)))
        });
        let Some(recipient) = recipient else {
            continue;
        };
        let sentence = article.sentences[s];
        let date = date_of(article, rules, sentence, wrong, Modality::Asserted);
        out.push(Event {
            event_type: "ACCUSE".to_string(),
            mode: None,
            negated: false,
            modality: Modality::Asserted,
            actor: Some(actor_of(referents, &actor, None)),
            recipient: Some(actor_of(referents, &recipient, None)),
            location: None,
            location_basis: None,
            date_precision: date.as_ref().map(|d| d.precision.as_str().to_string()),
            date_basis: date.as_ref().map(|d| d.basis.to_string()),
            date: date.map(|d| d.value),
            quantities: Vec::new(),
            claimed_by: Some(claimant(referents, speaker)),
            trigger: Cue {
                word: wrong.of(article.text).to_string(),
                lemma: fold(wrong.of(article.text)),
                span: wrong,
            },
            evidence: sentence,
            confidence: 0.5,
        });
    }
    out
}

/// Whether an event is done for the purpose of another that codes it instead, with that
/// type and where its trigger ends: PLOVER codes a mobilisation in the context of an
/// attack as the attack only ("mengerahkan jet tempur untuk menggempur sasaran").
fn done_for_purpose(
    words: &[Word],
    trigger: &Trigger,
    rules: &EventRules,
) -> Option<(String, usize)> {
    let instead = rules.subsumed_by.get(&trigger.event_type)?;
    let clause_end = (trigger.end..words.len())
        .find(|&j| words[j].is_punct() && !words[j].mark)
        .unwrap_or(words.len());
    (trigger.end..clause_end)
        .filter(|&j| rules.purpose_markers.contains(&words[j].folded))
        .find_map(|j| {
            (j + 1..clause_end.min(j + 3))
                .filter_map(|k| find_trigger(words, k, rules))
                .find(|t| t.event_type == *instead)
                .map(|t| (instead.clone(), t.end))
        })
}

fn find_trigger(words: &[Word], i: usize, rules: &EventRules) -> Option<Trigger> {
    let w = &words[i];
    if rules.not_forms.contains(&w.folded) {
        return None;
    }
    if let Some(event_type) = rules.forms.get(&w.folded) {
        return Some(Trigger {
            event_type: event_type.clone(),
            at: i,
            end: i + 1,
            noun: false,
            passive: w.passive,
            follow_at: None,
            object_from: i + 1,
            needs_target: false,
            without_target: None,
            mutual: false,
        });
    }
    if let Some(lemma) = &w.lemma
        && (w.verb || rules.bare.contains(&w.folded))
        && let Some(candidates) = rules.verbs.get(lemma)
    {
        for c in candidates {
            let after: Vec<&str> = words[i + 1..]
                .iter()
                .take(c.follow_within.max(1))
                .map(|w| w.folded.as_str())
                .collect();
            let follow_at = after
                .iter()
                .position(|a| c.follow.iter().any(|f| f == a))
                .map(|k| i + 1 + k);
            if !c.follow.is_empty() && follow_at.is_none() {
                continue;
            }
            if after
                .first()
                .is_some_and(|a| c.not_follow.iter().any(|f| f == a))
            {
                continue;
            }
            return Some(Trigger {
                event_type: c.event_type.clone(),
                at: i,
                end: i + 1,
                noun: false,
                passive: w.passive,
                follow_at: follow_at.filter(|&k| c.about_before_follow && k > i + 1),
                object_from: match follow_at {
                    Some(k) if !c.about_before_follow => k + 1,
                    _ => i + 1,
                },
                needs_target: c.needs_target,
                without_target: c.without_target.clone(),
                mutual: false,
            });
        }
    }
    // "posisi negosiasi", "kemampuan serangan": the noun before only describes.
    let described = i > 0 && rules.described_nouns.contains(&words[i - 1].folded);
    for (phrase, event_type) in &rules.nouns {
        if !described && phrase_at(words, i, phrase) {
            return Some(Trigger {
                event_type: event_type.clone(),
                at: i,
                end: i + phrase.len(),
                noun: true,
                passive: false,
                follow_at: None,
                object_from: i + phrase.len(),
                needs_target: false,
                without_target: None,
                mutual: rules.mutual_nouns.contains(&phrase.join(" ")),
            });
        }
    }
    None
}

fn read_event(
    article: &Article<'_>,
    rules: &EventRules,
    s: usize,
    t: &Trigger,
    focus: Option<&Referent>,
) -> Option<Event> {
    let clauses = article.clauses;
    let referents = article.referents;
    let words = &clauses.words[s];
    let sentence = article.sentences[s];
    let trigger_span = Span::new(words[t.at].span.start, words[t.end - 1].span.end);
    let quote = article
        .quotes
        .iter()
        .find(|q| q.span.start <= trigger_span.start && trigger_span.end <= q.span.end);
    let speaker = quote.and_then(|q| q.speaker.as_ref());
    // Inside a quote, a pronoun is its speaker ("X mengatakan dirinya sudah berbicara …").
    let quoted = quote
        .map(|q| quote_referent(referents, q))
        .filter(|r| *r != Referent::Unnamed);
    let focus = quoted.as_ref().or(focus);
    // "Mereka menyerang masjid" said by Pakistan's spokesman: they are the other side.
    let spoken_of = quoted.as_ref().and_then(|r| {
        country_code(referents, r).and_then(|c| other_side(referents, rules, &c, Some(r)))
    });
    let resolve = |span: Span| {
        let focus = if quote.is_some() && rules.third_person.contains(&fold(span.of(article.text)))
        {
            spoken_of.as_ref()
        } else {
            focus
        };
        (span, referents.resolve(span, focus))
    };
    // The light verb carrying a noun trigger ("melancarkan serangan").
    let light = t.noun.then(|| {
        (t.at.saturating_sub(2)..t.at).rev().find(|&j| {
            words[j].verb
                && words[j]
                    .lemma
                    .as_ref()
                    .is_some_and(|l| rules.light_verbs.contains(l))
        })
    });
    let head = light.flatten().unwrap_or(t.at);
    // The subject of the verb the trigger depends on ("membantah telah mengirim",
    // "berjanji untuk membantu").
    let subject_at = governing_verb(clauses, rules, s, head).unwrap_or(head);
    // "X menemui Y … dan mendesaknya …": a verb after "dan" shares the actor of the verb
    // it is joined to.
    let actor_at = conjoined_verbs(clauses, rules, s, subject_at)
        .map(|(nearest, head)| {
            let names_party = clauses
                .actor_before(s, nearest)
                .map(resolve)
                .is_some_and(|(_, r)| r.referent != Referent::Unnamed);
            if names_party { nearest } else { head }
        })
        .unwrap_or(subject_at);
    // Between two sides a place after "di" is where ("menewaskan 40 orang di Malatya");
    // aid or a request may go to the people there ("pihak yang bertikai di Myanmar").
    let located_is_where =
        rules.two_sided.contains(&t.event_type) || rules.held_at_place.contains(&t.event_type);
    let after = after_party(article, rules, s, t.end, located_is_where)
        .filter(|span| t.follow_at.is_none_or(|k| span.end <= words[k].span.start));
    // A passive light verb flips the noun's roles too ("dijatuhi sanksi oleh AS").
    let passive = t.passive || light.flatten().is_some_and(|j| words[j].passive);
    let (actor, recipient) = if let Some((first, second)) = mutual_sides(article, rules, s, t) {
        (Some(resolve(first)), Some(resolve(second)))
    } else if passive {
        // "diserang Rusia", "ditembak jatuh oleh …": the actor follows at once or after
        // "oleh"; a party further on is no actor ("dituding memasok senjata kepada X").
        let next = (t.end..words.len())
            .find(|&j| !rules.after_verb.contains(&words[j].folded))
            .unwrap_or(words.len());
        let right_after = words
            .get(next)
            .and_then(|w| referents.mention_starting_at(w.span.start))
            .map(|(span, _)| span);
        let by = by_party(article, rules, s, t.end).or(right_after);
        (
            by.map(resolve),
            clauses.actor_before(s, actor_at).map(resolve),
        )
    } else if t.noun && light.flatten().is_none() {
        // "serangan Ukraina ke wilayah Rusia": the party right after the noun acts. A noun
        // with neither that nor a light verb names no new event ("serangan itu", "serangan
        // udara yang dituding …"): the clause's own verb, if any, reports it.
        // "serangan ke Gaza", "serangan terhadap Ukraina": only the target is named.
        // Past a word or two describing the act ("serangan udara ke Yaman").
        let after_preposition = |prepositions: &HashSet<String>| {
            (t.end..words.len().min(t.end + DESCRIBING_WORDS + 1))
                .take_while(|&j| {
                    !words[j].is_punct()
                        && !words[j].verb
                        && referents.mention_starting_at(words[j].span.start).is_none()
                })
                .find(|&j| prepositions.contains(&words[j].folded))
                .and_then(|j| words.get(j + 1))
                .and_then(|w| referents.mention_starting_at(w.span.start))
                .map(|(span, _)| span)
        };
        let target = after_preposition(&rules.target_prepositions)
            .or_else(|| after_preposition(&rules.partner_prepositions));
        match target {
            Some(target) => (None, Some(resolve(target))),
            None => {
                let own = party_right_after(article, s, t.end)?;
                let (_, owner) = resolve(own);
                // "serangan Pahalgam": a town or region right after the noun is where the
                // act was done, to its country; who did it, the clause may say.
                if sub_national(rules, referents, &owner.referent).is_some() {
                    let doer = clauses
                        .actor_before(s, actor_at)
                        .map(resolve)
                        .filter(|(_, r)| r.referent != Referent::Unnamed);
                    (doer, Some((own, owner)))
                } else {
                    let rest = {
                        let next = words
                            .iter()
                            .position(|w| w.span.start >= own.end)
                            .unwrap_or(words.len());
                        // "serangan Houthi terhadap kapal-kapal dagang": an unnamed group
                        // after the target word is the target.
                        let target_group = words
                            .get(next)
                            .filter(|w| rules.target_prepositions.contains(&w.folded))
                            .and_then(|_| object_phrase(article, rules, s, next + 1))
                            .filter(|span| is_group(rules, span.of(article.text)));
                        target_group
                            .or_else(|| after_party(article, rules, s, next, located_is_where))
                    };
                    (Some(resolve(own)), rest.map(resolve))
                }
            }
        }
    } else {
        let actor = clauses.actor_before(s, actor_at).map(resolve);
        // The object pronoun stands for someone named before the verb, outside the actor's
        // own clause ("… setelah utusan Trump, Steve Witkoff, menemuinya").
        let actor_end = actor
            .as_ref()
            .map_or(trigger_span.start, |(span, _)| span.end);
        let actor_clause = (0..actor_at)
            .rev()
            .find(|&j| clauses.rules().subordinators.contains(&words[j].folded))
            .map_or_else(
                || {
                    actor
                        .as_ref()
                        .map_or(trigger_span.start, |(span, _)| span.start)
                },
                |j| words[j].span.start,
            );
        let actor_clause = Span::new(actor_clause.min(actor_end), actor_end);
        // The object written right after the verb: "mendesaknya" (the party last named
        // before it), "meminta badan itu …", "kedua negara"; else the first party named.
        let object_clitic = !t.noun && words[t.at].nya && words[t.at].transitive;
        let object = if object_clitic {
            object_pronoun(
                article,
                trigger_span.start,
                actor_clause,
                actor.as_ref().map(|(_, r)| &r.referent),
            )
            .map(|r| {
                let resolved = Resolved {
                    referent: r,
                    via: Via::Pronoun,
                };
                (words[t.at].span, resolved)
            })
        } else {
            // A named party, or an unnamed group ("warga sipil", "sekutu Barat"); for a
            // warning, the subject of what it warns of ("memperingatkan pada hari Jumat
            // bahwa setiap pasukan Barat … akan dianggap target").
            let party = |span: Span| {
                Some(resolve(span)).filter(|(span, r)| {
                    r.referent != Referent::Unnamed || is_group(rules, span.of(article.text))
                })
            };
            // "meminta kepada pasukan bersenjata …", "mencari dukungan di antara sekutu
            // Barat": the recipient after its preposition.
            // Past a word or two describing what is given ("memberikan bantuan militer
            // kepada kelompok itu").
            let preposition_at = |at: usize| {
                rules
                    .recipient_prepositions
                    .iter()
                    .find(|p| phrase_at(words, at, p))
            };
            let object_at = (t.object_from..words.len().min(t.object_from + RECIPIENT_AFTER))
                .take_while(|&j| !words[j].is_punct() && !words[j].verb)
                .find_map(|j| preposition_at(j).map(|p| j + p.len()))
                .unwrap_or(t.object_from);
            object_phrase(article, rules, s, object_at)
                .and_then(party)
                .or_else(|| {
                    let warned = rules.warned_of_subject.contains(&t.event_type);
                    let that = (t.end..words.len().min(t.end + WARNED_WITHIN))
                        .take_while(|&j| !words[j].is_punct())
                        .find(|&j| clauses.rules().complementisers.contains(&words[j].folded))
                        .filter(|_| warned)?;
                    object_phrase(article, rules, s, that + 1).and_then(party)
                })
        };
        let object = match object {
            None if !object_clitic => antecedent_party(article, rules, s, t.end)
                .or(after)
                .map(resolve),
            object => object,
        };
        (actor, object)
    };
    let named = |party: Option<(Span, Resolved)>| {
        party
            .map(|(span, r)| match r.referent {
                // "kendaraan RSF", "pasukan Israel": the owner named right after a plain
                // noun acts through it.
                Referent::Unnamed => match possessor(article, s, span) {
                    Some(owner) => (
                        span,
                        Resolved {
                            referent: owner,
                            via: Via::Name,
                        },
                    ),
                    None => (span, r),
                },
                _ => (span, r),
            })
            // An unnamed group stays as the article writes it ("warga sipil", "sekutu
            // Barat", "puluhan ribu orang"); anything else unnamed is no party.
            .filter(|(span, r)| {
                r.referent != Referent::Unnamed || is_group(rules, span.of(article.text))
            })
            .map(|(span, r)| {
                // A short description names the party as the article does ("pasukan
                // Rusia"); a name is in the entity's aliases already.
                let written = span.of(article.text).trim();
                // A group is named without its determiner ("setiap pasukan Barat").
                let written = match written.split_once(' ') {
                    Some((first, rest))
                        if r.referent == Referent::Unnamed
                            && rules.group_determiners.contains(&fold(first)) =>
                    {
                        rest.trim_start()
                    }
                    _ => written,
                };
                // Nor with a possessive after it ("pasukan bersenjata negaranya"): whose
                // it is, the article says elsewhere.
                let written = match written.rsplit_once(' ') {
                    Some((rest, last))
                        if r.referent == Referent::Unnamed && fold(last).ends_with("nya") =>
                    {
                        rest.trim_end()
                    }
                    _ => written,
                };
                let keep = (r.via == Via::Description || r.referent == Referent::Unnamed)
                    && written.split_whitespace().count() <= 4;
                (keep.then(|| written.to_string()), r.referent)
            })
    };
    // Inside a quote the speaker acts when the clause names no one or says "kami".
    // "kami", "pihak kami", or a group of ours ("militer kami").
    let first_person = actor.as_ref().is_some_and(|(span, _)| {
        let written = fold(span.of(article.text));
        rules.first_person.contains(&written)
            || written
                .rsplit(' ')
                .next()
                .is_some_and(|last| last != written && rules.first_person.contains(last))
    });
    // A verb (or a noun carried by a light verb) in a quote with no subject of its own
    // has the speaker as subject ("membantah telah mengirim senjata"); a bare noun there
    // names no actor.
    let verbal = !t.noun || light.flatten().is_some();
    // A clause whose subject is written but names no party ("gempa itu menewaskan …",
    // "salah satu rudal menghantam …") does not borrow the speaker.
    // Its own possessive ("pasukannya menyerang …") is the speaker's side.
    let subjectless = actor.as_ref().is_none_or(|(span, _)| {
        words
            .iter()
            .rfind(|w| w.span.end <= span.end)
            .is_some_and(|w| w.nya && w.span.end == span.end)
    });
    let actor = if first_person { None } else { named(actor) };
    // "pembicaraan dengan Rusia" said by a Ukrainian: the speaker's side talks with Russia.
    let with_partner = t.noun
        && words
            .get(t.end)
            .is_some_and(|w| rules.partner_prepositions.contains(&w.folded));
    // A passive verb's doer is its agent, never the speaker by default ("pasukan Ukraina
    // yang dikerahkan …" in a ministry's claim).
    let actor = if actor.is_none()
        && ((verbal && subjectless && !passive) || first_person || with_partner)
    {
        quote
            .map(|q| (None, quote_referent(referents, q)))
            .filter(|(_, r)| *r != Referent::Unnamed)
    } else {
        actor
    };
    let recipient = named(recipient);
    if actor.is_none() && recipient.is_none() {
        return None;
    }
    let mut location = place_in(article, rules, s, t.at, quote.map(|q| q.span));
    let recipient = recipient.and_then(|(written, r)| {
        // A town or region attacked (or sanctioned, threatened, …, or met in) is where it
        // happened; its country, if any, is the recipient (a sea is no one). Aid to a town
        // stays the town's.
        let placed =
            rules.two_sided.contains(&t.event_type) || rules.held_at_place.contains(&t.event_type);
        match sub_national(rules, referents, &r).filter(|_| placed) {
            Some((place, country)) => {
                location.get_or_insert(place);
                country.map(|c| (None, Referent::Known(c)))
            }
            None => Some((written, r)),
        }
    });
    // An event between two sides done to nobody named, or to the actor's own country
    // ("menolak pembicaraan … invasi Rusia" by Putin), is done to the other side of the
    // story: the country the article names most after the actor's own.
    let actor_country = actor.as_ref().and_then(|(_, a)| country_code(referents, a));
    // A launch with no target named, nor a place abroad ("meluncurkan 157 drone" after
    // "serangan udara di Ukraina"), is a show of force (MOBILIZE), or nothing.
    let abroad = location.as_ref().is_some_and(|place| {
        let country = referents
            .entities()
            .iter()
            .find(|e| place.id.as_deref() == Some(e.id.as_str()))
            .and_then(|e| e.country.clone());
        country.is_some() && actor_country.is_some() && country != actor_country
    });
    let coded = if t.needs_target && recipient.is_none() && !abroad {
        t.without_target.clone()?
    } else {
        t.event_type.clone()
    };
    // An armed group fights its own country's forces ("KKB menembak prajurit TNI"): the
    // two are sides, not one.
    let armed_group = |r: &Referent| {
        referents
            .party(r)
            .is_some_and(|p| p.kind.as_deref() == Some("armed_group"))
    };
    let own_side = recipient.as_ref().is_some_and(|(_, r)| {
        actor_country.is_some()
            && country_code(referents, r) == actor_country
            && !armed_group(r)
            && !actor.as_ref().is_some_and(|(_, a)| armed_group(a))
    });
    // A meeting held in the actor's own country is with no one named there.
    let recipient = recipient.filter(|_| !(own_side && rules.held_at_place.contains(&coded)));
    // Mobilising is done with one's own forces ("mengerahkan pasukan"), to no one.
    let recipient = recipient.filter(|_| !rules.one_sided.contains(&coded));
    // A request or aid to no one named goes to the other side of the story too ("Moskow
    // mengajukan tuntutan …", "Indonesia telah mengirimkan bantuan …").
    let recipient = if recipient.is_none() && rules.directed_abroad.contains(&coded) {
        actor_country
            .as_deref()
            .and_then(|c| other_side(referents, rules, c, actor.as_ref().map(|(_, a)| a)))
            .map(|r| (None, r))
    } else {
        recipient
    };
    let recipient = if (recipient.is_none() || own_side) && rules.two_sided.contains(&coded) {
        actor_country
            .as_deref()
            .and_then(|c| other_side(referents, rules, c, actor.as_ref().map(|(_, a)| a)))
            .map(|r| (None, r))
            .or(recipient.filter(|_| !own_side))
    } else {
        recipient
    };
    // Likewise an attack named only by its target ("serangan ke Gaza") is the other
    // side's; not in a quote, where the speaker may be that side.
    let actor = match (&actor, &recipient) {
        (None, Some((_, r))) if rules.two_sided.contains(&coded) && quote.is_none() => {
            country_code(referents, r)
                .and_then(|c| other_side(referents, rules, &c, Some(r)))
                .map(|a| (None, a))
        }
        _ => actor,
    };
    // An event needs someone who did it (PLOVER codes who did what), and a party with a
    // name; unnamed groups alone tell nothing coded.
    actor.as_ref()?;
    // PLOVER: a sanction, aid or cooperation needs someone it is done to.
    if recipient.is_none() && rules.needs_recipient.contains(&coded) {
        return None;
    }
    let has_name = |party: &Option<(Option<String>, Referent)>| {
        party.as_ref().is_some_and(|(_, r)| *r != Referent::Unnamed)
    };
    if !has_name(&actor) && !has_name(&recipient) {
        return None;
    }
    if let (Some((_, a)), Some((_, r))) = (&actor, &recipient)
        && let Some(a) = referents.party(a)
        && referents.party(r).is_some_and(|r| r.id == a.id)
    {
        return None;
    }
    // An attack on a country with no place named happened in that country.
    if location.is_none()
        && rules.placed_at_recipient.contains(&coded)
        && let Some((_, Referent::Entity(i))) = &recipient
        && referents.entities()[*i].entity_type == EntityType::LOC
    {
        location = Some(place_of(rules, &referents.entities()[*i]));
    }
    // A country stands for the town or region its paragraph, else its story, names as a
    // place in it, or in no country ("penembakan di Pahalgam …. … menembaki mereka": in
    // Pahalgam).
    let in_paragraph = place_in_paragraph(article, rules, sentence);
    let (location, location_basis) = match location {
        Some(place) => match in_paragraph.filter(|e| {
            e.country
                .as_ref()
                .is_none_or(|c| place.id.as_deref() == Some(format!("loc:{c}").as_str()))
        }) {
            Some(town) => (Some(place_of(rules, town)), Some("paragraph")),
            None => match main_place_within(article, rules, &place) {
                Some(main) => (Some(main), Some("story")),
                None => (Some(place), Some("sentence")),
            },
        },
        None => match in_paragraph {
            Some(town) => (Some(place_of(rules, town)), Some("paragraph")),
            None => (main_place(article, rules), Some("story")),
        },
    };
    let location_basis = location.as_ref().and(location_basis).map(str::to_string);
    // "tidak melihat peluang untuk perundingan", "tidak mungkin untuk mencapai kesepakatan":
    // what is said not to be possible is no event, done or refused.
    let clause_start = words[..head]
        .iter()
        .rposition(|w| {
            (w.is_punct() && !w.mark) || clauses.rules().conjunctions.contains(&w.folded)
        })
        .map_or(0, |j| j + 1);
    let ruled_out = words[clause_start..head]
        .iter()
        .position(|w| rules.negators.contains(&w.folded))
        .is_some_and(|n| {
            words[clause_start + n..head]
                .iter()
                .any(|w| rules.purpose_markers.contains(&w.folded))
        });
    if ruled_out {
        return None;
    }
    let preceding: Vec<&Word> = words[..head].iter().collect();
    let negated = clauses
        .strip_adverbs_back(&preceding)
        .last()
        .is_some_and(|w| rules.negators.contains(&w.folded))
        || quote.is_some_and(|q| q.act == Some(SpeechAct::Denial))
        || (subject_at != head && {
            let verb = &words[subject_at];
            rules.denials.contains(&verb.folded)
                || verb
                    .lemma
                    .as_ref()
                    .is_some_and(|l| rules.denials.contains(l))
        });
    let planned = words[head.saturating_sub(3)..head]
        .iter()
        .any(|w| rules.planned.contains(&w.folded));
    let conditional = words[..head]
        .iter()
        .any(|w| rules.conditional.contains(&w.folded));
    let modality = if quote.is_some_and(|q| q.act == Some(SpeechAct::Warning)) {
        Modality::Threatened
    } else if conditional {
        Modality::Conditional
    } else if planned {
        Modality::Planned
    } else {
        Modality::Asserted
    };
    // PLOVER codes an act not yet done as the act of saying it: an attack promised is a
    // threat, aid or cooperation promised an agreement, a retreat announced a concession.
    let coded = match rules.future_as.get(&coded) {
        Some(said) if modality != Modality::Asserted && !negated => said.clone(),
        _ => coded,
    };
    let mode = (coded == "ASSAULT")
        .then(|| {
            rules.assault_modes.iter().find_map(|(mode, phrases)| {
                phrases
                    .iter()
                    .any(|p| contains_phrase(words, p))
                    .then(|| mode.clone())
            })
        })
        .flatten();
    let date = date_of(article, rules, sentence, trigger_span, modality)
        .map(|d| onset_of(article, rules, &coded, sentence, d));
    let quantities = article
        .quantities
        .iter()
        .filter(|q| sentence.start <= q.span.start && q.span.end <= sentence.end)
        .cloned()
        .collect();
    let confidence = 0.4
        + if actor.is_some() { 0.2 } else { 0.0 }
        + if recipient.is_some() { 0.2 } else { 0.0 }
        + if t.noun { 0.0 } else { 0.1 };
    // A protest lodged by a state or its officials accuses (PLOVER ACCUSE); PROTEST is
    // people demonstrating.
    let official = actor
        .as_ref()
        .and_then(|(_, a)| referents.party(a))
        .and_then(|p| p.kind)
        .is_some_and(|kind| rules.official_kinds.contains(&kind));
    let event_type = match rules.lodged_as.get(&coded) {
        Some(lodged) if official => lodged.clone(),
        _ => coded,
    };
    Some(Event {
        event_type,
        mode,
        negated,
        modality,
        actor: actor.map(|(written, a)| actor_of(referents, &a, written)),
        recipient: recipient.map(|(written, r)| actor_of(referents, &r, written)),
        location,
        location_basis,
        date_precision: date.as_ref().map(|d| d.precision.as_str().to_string()),
        date_basis: date.as_ref().map(|d| d.basis.to_string()),
        date: date.map(|d| d.value),
        quantities,
        claimed_by: speaker.map(|sp| claimant(referents, sp)),
        trigger: Cue {
            word: trigger_span.of(article.text).to_string(),
            lemma: words[t.at]
                .lemma
                .clone()
                .unwrap_or_else(|| words[t.at].folded.clone()),
            span: trigger_span,
        },
        evidence: sentence,
        confidence,
    })
}

/// How many days from a day named before the trigger to the event, when a phrase between
/// them says ("pada Minggu (11/9), atau sehari setelah pasukan Moskow mundur": a day
/// earlier).
fn day_offset(article: &Article<'_>, rules: &EventRules, day: Span, trigger: Span) -> Option<i32> {
    if day.end > trigger.start {
        return None;
    }
    let between = format!(" {} ", fold(&article.text[day.end..trigger.start]));
    rules
        .day_offsets
        .iter()
        .find(|(phrase, _)| between.contains(&format!(" {phrase} ")))
        .map(|(_, days)| *days)
}

/// A `YYYY-MM-DD` day moved by `days`.
fn shifted(value: &str, days: i32) -> Option<String> {
    let date: jiff::civil::Date = value.parse().ok()?;
    date.checked_add(jiff::Span::new().days(days))
        .ok()
        .map(|d| d.to_string())
}

/// When an event happened, and where that was read.
struct EventDate {
    value: String,
    precision: Precision,
    basis: &'static str,
}

/// The date of an event at `trigger` in `sentence`: the day (or week, month, year)
/// nearest the trigger in its sentence ("… pada Sabtu (10/9) meninggalkan kota …, Senin
/// (12/9/2022)" dates the retreat to the Saturday; "pada Februari 2022" to a month); else,
/// for an event reported as done, the last day named before it in its paragraph
/// ("Bentrokan pecah pada Kamis pagi. … Militer Thailand kemudian menggempur …"), else the
/// story's day, the first day the article names (its lede's "pada Rabu (7/5/2025)").
fn date_of(
    article: &Article<'_>,
    rules: &EventRules,
    sentence: Span,
    trigger: Span,
    modality: Modality,
) -> Option<EventDate> {
    // A date in a relative clause set off by commas dates that clause, not the event
    // ("Anwar, yang tahun ini memegang keketuaan ASEAN, bertemu …").
    let aside = |span: Span| {
        let start = article.text[sentence.start..span.start]
            .rfind(',')
            .map_or(sentence.start, |i| sentence.start + i + 1);
        let end = article.text[span.end..sentence.end]
            .find(',')
            .map_or(sentence.end, |i| span.end + i);
        // Also an apposition holding one (", kapal perang tua yang dikandaskan … pada 1999").
        let relative = article.text[start..span.start]
            .split_whitespace()
            .any(|w| rules.relative_markers.contains(&fold(w)));
        relative && !(start <= trigger.start && trigger.end <= end)
    };
    // A date after an incident named past the trigger dates the incident ("menuntut Cina
    // mengembalikan senapan yang dirampas dalam insiden … pada Senin lalu").
    let owned = |span: Span| {
        trigger.end <= span.start
            && article.text[trigger.end..span.start]
                .split_whitespace()
                .any(|w| {
                    rules
                        .incident_nouns
                        .contains(&fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
                })
    };
    let within = |span: Span| {
        sentence.start <= span.start && span.end <= sentence.end && !aside(span) && !owned(span)
    };
    // A day the event is counted from ("pada Rabu (7/5), sehari setelah India menyerang")
    // dates it even when a relative clause stands before the day.
    let counted_from = |span: Span| {
        sentence.start <= span.start
            && span.end <= sentence.end
            && day_offset(article, rules, span, trigger).is_some()
    };
    let distance = |span: Span| span.start.abs_diff(trigger.start);
    let day = article
        .dates
        .iter()
        .filter(|d| within(d.span) || counted_from(d.span))
        .min_by_key(|d| distance(d.span))
        .map(|d| {
            let value = day_offset(article, rules, d.span, trigger)
                .and_then(|days| shifted(&d.value, days))
                .unwrap_or_else(|| d.value.clone());
            (distance(d.span), value, Precision::Day)
        });
    let period = article
        .periods
        .iter()
        .filter(|p| within(p.span))
        .filter_map(|p| Some((distance(p.span), p.value.clone()?, p.precision)))
        .min_by_key(|(d, _, _)| *d);
    let named = match (day, period) {
        (Some(d), Some(p)) => Some(if p.0 < d.0 { p } else { d }),
        (d, p) => d.or(p),
    };
    if let Some((_, value, precision)) = named {
        return Some(EventDate {
            value,
            precision,
            basis: "sentence",
        });
    }
    if modality != Modality::Asserted {
        return None;
    }
    let paragraph_start = article.text[..sentence.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let (day, basis) = match article
        .dates
        .iter()
        .rfind(|d| paragraph_start <= d.span.start && d.span.end <= sentence.start)
    {
        Some(d) => (d, "paragraph"),
        None => (article.dates.first()?, "story"),
    };
    Some(EventDate {
        value: day.value.clone(),
        precision: Precision::Day,
        basis,
    })
}

/// An ongoing fight dated only by its story's day began when the story says it broke out
/// ("sejak krisis meletus pada Selasa pagi"), at most [`ONSET_DAYS`] days before; one
/// dated by a day its sentence counts ("memasuki hari kedua pada Jumat") began that many
/// days earlier.
fn onset_of(
    article: &Article<'_>,
    rules: &EventRules,
    event_type: &str,
    sentence: Span,
    date: EventDate,
) -> EventDate {
    if !rules.ongoing.contains(event_type) {
        return date;
    }
    // The words just before a day, whole characters only.
    let words_before = |span: Span| {
        let start = (span.start.saturating_sub(ONSET_REACH)..span.start)
            .find(|&i| article.text.is_char_boundary(i))
            .unwrap_or(span.start);
        format!(" {} ", fold(&article.text[start..span.start]))
    };
    if date.basis == "sentence" {
        let counted = article
            .dates
            .iter()
            .filter(|d| sentence.start <= d.span.start && d.span.end <= sentence.end)
            .filter(|d| d.value == date.value)
            .find_map(|d| {
                let before = words_before(d.span);
                rules
                    .day_counts
                    .iter()
                    .find(|(phrase, _)| before.contains(&format!(" {phrase} ")))
                    .map(|(_, days)| *days)
            });
        return match counted.and_then(|days| shifted(&date.value, days)) {
            Some(value) => EventDate { value, ..date },
            None => date,
        };
    }
    if date.basis != "story" {
        return date;
    }
    let Ok(day) = date.value.parse::<jiff::civil::Date>() else {
        return date;
    };
    let onset = article.dates.iter().find(|d| {
        let named = words_before(d.span)
            .split_whitespace()
            .any(|w| rules.onset_words.contains(w));
        let days = d
            .value
            .parse::<jiff::civil::Date>()
            .ok()
            .and_then(|start| start.until(day).ok())
            .map(|span| span.get_days());
        named && days.is_some_and(|n| (1..=ONSET_DAYS).contains(&n))
    });
    match onset {
        Some(d) => EventDate {
            value: d.value.clone(),
            precision: Precision::Day,
            basis: "story",
        },
        None => date,
    }
}

/// How far before a day an onset word may stand ("meletus pada Selasa pagi"), in bytes.
const ONSET_REACH: usize = 24;
/// How many days before the story's day an onset may lie.
const ONSET_DAYS: i32 = 7;

/// Who the story is about as each sentence starts, for its pronouns: the speaker of the
/// last quote, else the named subject of the last sentence that has one, within
/// [`FOCUS_SENTENCES`] ("Anwar … mengatakan …. Ia mendesak …" is Anwar's request).
fn focus_per_sentence(article: &Article<'_>) -> Vec<Option<Referent>> {
    let referents = article.referents;
    let mut out = Vec::with_capacity(article.sentences.len());
    let mut recent: Option<(Referent, usize)> = None;
    for (s, sentence) in article.sentences.iter().enumerate() {
        out.push(
            recent
                .as_ref()
                .filter(|(_, at)| s - at <= FOCUS_SENTENCES)
                .map(|(r, _)| r.clone()),
        );
        let speaker = article
            .quotes
            .iter()
            .filter(|q| sentence.start <= q.span.start && q.span.start < sentence.end)
            .map(|q| quote_referent(referents, q))
            .rfind(|r| *r != Referent::Unnamed);
        if let Some(speaker) = speaker {
            recent = Some((speaker, s));
        } else if let Some(subject) = article.clauses.subject(s, article.clauses.words[s].len()) {
            let resolved = referents.resolve(subject, None);
            if resolved.via == Via::Name
                && let Referent::Entity(e) = resolved.referent
                && referents.entities()[e].entity_type != EntityType::LOC
            {
                recent = Some((resolved.referent, s));
            }
        }
    }
    out
}

/// How many sentences back the story's focus still holds.
const FOCUS_SENTENCES: usize = 2;

/// Whether word `at` of sentence `s` lies in an apposition: between commas right after a
/// name, with no verb ("Amerika Serikat, sekutu perjanjian pertahanan Filipina, …").
fn in_apposition(article: &Article<'_>, s: usize, at: usize) -> bool {
    let words = &article.clauses.words[s];
    let Some(open) = (0..at).rev().find(|&j| words[j].is_punct()) else {
        return false;
    };
    let Some(close) = (at..words.len()).find(|&j| words[j].is_punct()) else {
        return false;
    };
    open > 0
        && words[open].is_comma()
        && words[close].is_comma()
        && article
            .referents
            .mention_ending_at(words[open - 1].span.end)
            .is_some()
        && !words[open + 1..close].iter().any(|w| w.verb)
}

/// "mengecam serangan tersebut": an event noun pointing back with a demonstrative stands
/// for the same noun written earlier with its party ("serangan Israel ke wilayah Iran"),
/// within [`FOCUS_SENTENCES`] before; that party did what the verb is about.
fn antecedent_party(
    article: &Article<'_>,
    rules: &EventRules,
    s: usize,
    from: usize,
) -> Option<Span> {
    let words = &article.clauses.words[s];
    let noun = (from..words.len().min(from + 2)).find(|&j| {
        rules
            .nouns
            .iter()
            .any(|(n, _)| n.len() == 1 && n[0] == words[j].folded)
            && words
                .get(j + 1)
                .is_some_and(|w| rules.referring_words.contains(&w.folded))
    })?;
    let folded = &words[noun].folded;
    (s.saturating_sub(FOCUS_SENTENCES)..=s)
        .rev()
        .find_map(|earlier| {
            let earlier_words = &article.clauses.words[earlier];
            let limit = if earlier == s {
                noun
            } else {
                earlier_words.len()
            };
            (0..limit)
                .rev()
                .filter(|&j| earlier_words[j].folded == *folded)
                .find_map(|j| party_right_after(article, earlier, j + 1))
        })
}

/// Whether a phrase is an unnamed group the article writes as a party: a group noun,
/// maybe after a quantity ("semua pihak", "puluhan ribu orang", "kapal dagang").
fn is_group(rules: &EventRules, phrase: &str) -> bool {
    let rest = fold(without_quantity(rules, phrase));
    rules
        .group_nouns
        .iter()
        .any(|g| rest == *g || rest.starts_with(&format!("{g} ")))
}

/// A phrase without the quantity words before its noun ("puluhan ribu orang" → "orang").
fn without_quantity<'p>(rules: &EventRules, phrase: &'p str) -> &'p str {
    let mut rest = phrase.trim();
    while let Some((first, tail)) = rest.split_once(' ') {
        let first = fold(first);
        if !(rules.group_quantifiers.contains(&first)
            || first.chars().all(|c| c.is_ascii_digit() || c == '.'))
        {
            break;
        }
        rest = tail.trim_start();
    }
    rest
}

/// The party a verb's object clitic -nya stands for: the nearest one named before the
/// verb (at byte `at`), outside the actor's clause, that is not the actor ("menemui
/// Netanyahu … dan mendesaknya").
fn object_pronoun(
    article: &Article<'_>,
    at: usize,
    actor_clause: Span,
    actor: Option<&Referent>,
) -> Option<Referent> {
    let referents = article.referents;
    let actor_id = actor.and_then(|a| referents.party(a)).map(|p| p.id);
    referents
        .mentions_before(at)
        .filter(|(span, _)| !(actor_clause.start <= span.start && span.end <= actor_clause.end))
        .map(|(_, e)| e)
        .find(|&e| {
            let entity = &referents.entities()[e];
            let party =
                entity.entity_type != EntityType::LOC || entity.kind.as_deref() == Some("country");
            party && actor_id.as_deref() != Some(entity.id.as_str())
        })
        .map(Referent::Entity)
}

/// The noun phrase right after a verb, up to a verb, a stop word or punctuation (at most
/// four words): "badan itu", "kedua negara". A group written with a verb form in it
/// ("pasukan bersenjata") is one noun.
fn object_phrase(article: &Article<'_>, rules: &EventRules, s: usize, from: usize) -> Option<Span> {
    let words = &article.clauses.words[s];
    let stops = &article.clauses.rules().stops;
    let limit = words.len().min(from + 4);
    let mut j = from;
    while j < limit {
        let group = rules.group_nouns.iter().find_map(|g| {
            let parts: Vec<&str> = g.split(' ').collect();
            (parts.len() > 1 && phrase_at(words, j, &parts)).then_some(parts.len())
        });
        match group {
            // The group ends the phrase, but for whose it is ("… negaranya").
            Some(len) => {
                j += len;
                if words.get(j).is_some_and(|w| w.nya && !w.verb) {
                    j += 1;
                }
                break;
            }
            None if words[j].is_punct()
                || words[j].verb
                || stops.contains(&words[j].folded)
                || rules.purpose_markers.contains(&words[j].folded) =>
            {
                break;
            }
            None => j += 1,
        }
    }
    let end = j.min(words.len());
    (end > from).then(|| Span::new(words[from].span.start, words[end - 1].span.end))
}

/// The verbs that a verb at word `at`, right after a conjunction, may be joined to:
/// the nearest (the last verb before the conjunction, not passive nor opening a relative
/// or purpose clause, with the verbs chained right before it: "mengesampingkan
/// memiliki"), and the head (the first verb, not passive, of the stretch before the
/// conjunction, followed back through a chain: "Putin berbicara dengan … dan telah
/// berjanji …"). In "X menyatakan pasukan Y menembaki desa dan menewaskan dua warga" the
/// nearest is joined (Y's forces killed); the caller falls back to the head when the
/// nearest verb's subject names no party.
fn conjoined_verbs(
    clauses: &Clauses<'_>,
    rules: &EventRules,
    s: usize,
    at: usize,
) -> Option<(usize, usize)> {
    let words = &clauses.words[s];
    let clause_rules = clauses.rules();
    let active = |j: usize| {
        words[j].verb && !words[j].passive && !rules.referring_words.contains(&words[j].folded)
    };
    let subordinate = |j: usize| {
        j > 0
            && (clause_rules.relatives.contains(&words[j - 1].folded)
                || clause_rules.purpose.contains(&words[j - 1].folded))
    };
    let mut head = at;
    let mut found = None;
    let mut nearest = None;
    for _ in 0..3 {
        let before: Vec<&Word> = words[..head].iter().collect();
        let kept = clauses.strip_adverbs_back(&before);
        let conjunction = kept.len().checked_sub(1)?;
        if !clause_rules
            .conjunctions
            .contains(&words[conjunction].folded)
        {
            break;
        }
        let stretch = (0..conjunction)
            .rev()
            .find(|&j| words[j].is_punct())
            .map_or(0, |j| j + 1);
        let verb = (stretch..conjunction).find(|&j| words[j].verb && !words[j].passive)?;
        if nearest.is_none() {
            let mut last = (stretch..conjunction)
                .rev()
                .find(|&j| active(j) && !subordinate(j))
                .unwrap_or(verb);
            while last > stretch && active(last - 1) {
                last -= 1;
            }
            nearest = Some(last);
        }
        found = Some(verb);
        head = verb;
    }
    Some((nearest?, found?))
}

/// The verb a trigger at word `at` depends on, when one stands right before it (past
/// adverbs and "untuk"), followed back through a chain of such verbs.
fn governing_verb(clauses: &Clauses<'_>, rules: &EventRules, s: usize, at: usize) -> Option<usize> {
    let words = &clauses.words[s];
    // "kelompok bersenjata menembaki": a verb form closing a group's name is no verb.
    let closes_group = |j: usize| {
        rules.group_nouns.iter().any(|g| {
            let parts: Vec<&str> = g.split(' ').collect();
            parts.len() > 1 && j + 1 >= parts.len() && phrase_at(words, j + 1 - parts.len(), &parts)
        })
    };
    let mut head = at;
    let mut found = None;
    for _ in 0..3 {
        let before: Vec<&Word> = words[..head].iter().collect();
        let kept = clauses.strip_adverbs_back(&before).len();
        let j = (0..kept)
            .rev()
            .find(|&j| !clauses.rules().purpose.contains(&words[j].folded))?;
        if j + 2 < head || !words[j].verb || closes_group(j) {
            break;
        }
        found = Some(j);
        head = j;
    }
    found
}

/// The referent of a quote's speaker, for the events inside the quote.
fn quote_referent(referents: &Referents<'_>, quote: &Quote) -> Referent {
    let Some(speaker) = &quote.speaker else {
        return Referent::Unnamed;
    };
    match &speaker.id {
        Some(id) => match referents.entities().iter().position(|e| &e.id == id) {
            Some(i) => Referent::Entity(i),
            None if referents.kb().get(id).is_some() => Referent::Known(id.clone()),
            None => Referent::Local {
                name: speaker.name.clone().unwrap_or_default(),
                country: speaker.country.clone(),
            },
        },
        None => Referent::Unnamed,
    }
}

/// The first party named after word `from` of sentence `s`, before the clause ends.
/// With `located_is_where`, a place after "di" or "dari" is where, not whom.
fn after_party(
    article: &Article<'_>,
    rules: &EventRules,
    s: usize,
    from: usize,
    located_is_where: bool,
) -> Option<Span> {
    let words = &article.clauses.words[s];
    for j in (from..words.len()).take(RECIPIENT_WITHIN) {
        let w = &words[j];
        if w.is_punct() && !w.mark {
            return None;
        }
        if let Some((span, _)) = article.referents.mention_starting_at(w.span.start) {
            let located = located_is_where
                && j > 0
                && rules.location_prepositions.contains(&words[j - 1].folded);
            if !located {
                return Some(span);
            }
        }
    }
    None
}

/// The party right after a noun trigger, past up to two describing words ("serangan
/// mendadak mereka", "serangan Ukraina").
fn party_right_after(article: &Article<'_>, s: usize, from: usize) -> Option<Span> {
    let words = &article.clauses.words[s];
    for w in words.iter().skip(from).take(3) {
        if let Some((span, _)) = article.referents.mention_starting_at(w.span.start) {
            return Some(span);
        }
        if article.clauses.is_pronoun(&w.folded) {
            return Some(w.span);
        }
        if w.is_punct()
            || w.verb
            || article.clauses.rules().stops.contains(&w.folded)
            || !w.folded.chars().all(char::is_alphabetic)
        {
            return None;
        }
    }
    None
}

/// The party after "oleh" in a passive clause.
fn by_party(article: &Article<'_>, rules: &EventRules, s: usize, from: usize) -> Option<Span> {
    let words = &article.clauses.words[s];
    let by = words
        .iter()
        .skip(from)
        .take(RECIPIENT_WITHIN)
        .position(|w| article.clauses.rules().agent_markers.contains(&w.folded))?;
    after_party(article, rules, s, from + by + 1, false)
}

/// The first place named after a place word in sentence `s` ("di Kursk", "wilayah
/// Kharkiv"), preferring one after the trigger; for a trigger in a quote, a place in the
/// quote (the attribution's "dalam jumpa pers di Rawalpindi" is where it was said).
fn place_in(
    article: &Article<'_>,
    rules: &EventRules,
    s: usize,
    trigger: usize,
    quote: Option<Span>,
) -> Option<Place> {
    let words = &article.clauses.words[s];
    let referents = article.referents;
    let at = |j: usize| -> Option<Place> {
        if !rules.place_prepositions.contains(&words[j].folded)
            || quote
                .is_some_and(|q| !(q.start <= words[j].span.start && words[j].span.end <= q.end))
        {
            return None;
        }
        // The place word may open the name itself ("wilayah Kharkiv").
        let (_, e) = referents
            .mention_starting_at(words[j].span.start)
            .or_else(|| referents.mention_starting_at(words.get(j + 1)?.span.start))?;
        let entity = &referents.entities()[e];
        (entity.entity_type == EntityType::LOC).then(|| place_of(rules, entity))
    };
    // After the trigger, within its clause: "… ke arah Israel, beberapa jam setelah Israel
    // menggempur fasilitas … di Iran" happened towards Israel.
    let clause_end = (trigger..words.len())
        .find(|&j| {
            article
                .clauses
                .rules()
                .subordinators
                .contains(&words[j].folded)
        })
        .unwrap_or(words.len());
    (trigger..clause_end)
        .find_map(at)
        .or_else(|| (0..trigger).find_map(at))
}

/// A place named as the article names it, without the place word ("wilayah Kursk" is
/// Kursk): the shortest form it writes, else the knowledge base's name.
fn place_of(rules: &EventRules, entity: &crate::analysis::Entity) -> Place {
    let written = entity
        .mentions
        .iter()
        .map(|m| {
            let mut rest = m.text.trim();
            while let Some((first, tail)) = rest.split_once(' ')
                && rules.place_prepositions.contains(&fold(first))
            {
                rest = tail.trim_start();
            }
            rest
        })
        .filter(|m| !m.is_empty())
        .min_by_key(|m| m.len());
    Place {
        id: Some(entity.id.clone()),
        name: written.map_or_else(|| entity.name.clone(), str::to_string),
        lat: entity.coordinates.map(|c| c.lat),
        lon: entity.coordinates.map(|c| c.lon),
    }
}

/// The organisation or country named right after a plain noun in a party's phrase
/// ("iring-iringan kendaraan RSF"), not inside a modifier ("perusahaan yang berbasis di
/// Yunani").
fn possessor(article: &Article<'_>, s: usize, span: Span) -> Option<Referent> {
    let words = &article.clauses.words[s];
    let inside: Vec<&Word> = words
        .iter()
        .filter(|w| span.start <= w.span.start && w.span.end <= span.end)
        .collect();
    for (j, w) in inside.iter().enumerate().skip(1) {
        let Some((_, e)) = article.referents.mention_starting_at(w.span.start) else {
            continue;
        };
        let before = inside[j - 1];
        let modifier = inside[..j].iter().any(|x| {
            let rules = article.clauses.rules();
            rules.relatives.contains(&x.folded) || rules.stops.contains(&x.folded)
        });
        let entity = &article.referents.entities()[e];
        let party =
            entity.entity_type == EntityType::ORG || entity.kind.as_deref() == Some("country");
        if !modifier && party && !before.is_punct() && before.kind == crate::token::TokenKind::Word
        {
            return Some(Referent::Entity(e));
        }
        return None;
    }
    None
}

/// A town or region (not a country): the place, and its country's id when known.
/// How many times the article must name a town or region as a place ("di Kursk",
/// "wilayah Kursk") for it to be the place the story is about.
const MAIN_PLACE_MENTIONS: usize = 2;

/// Whether a known place is a town, region or site (not a country, a sea or a continent).
fn is_local_place(entity: &crate::analysis::Entity) -> bool {
    entity.entity_type == EntityType::LOC
        && matches!(
            entity.kind.as_deref(),
            Some("region" | "city" | "district" | "site" | "territory")
        )
}

/// Whether a mention names its place as a place ("di Kursk", "wilayah Kursk"), not as the
/// people governing it ("Moskow telah mengirim …").
fn named_as_place(article: &Article<'_>, rules: &EventRules, mention: &EntityMention) -> bool {
    let first = mention.text.split_whitespace().next().map(fold);
    // Past a compass word: "ke wilayah selatan Kursk".
    let mut before = article.text[..mention.span.start]
        .split_whitespace()
        .rev()
        .map(fold);
    let before = before.next().and_then(|w| {
        if rules.compass_words.contains(&w) {
            before.next()
        } else {
            Some(w)
        }
    });
    [first, before]
        .into_iter()
        .flatten()
        .any(|w| rules.place_prepositions.contains(&w))
}

/// The town or region the story is about: the one it names most as a place, at least
/// [`MAIN_PLACE_MENTIONS`] times ("wilayah Kursk" through an article on the incursion).
fn main_place_entity<'e>(
    article: &Article<'e>,
    rules: &EventRules,
) -> Option<&'e crate::analysis::Entity> {
    article
        .referents
        .entities()
        .iter()
        .filter(|e| is_local_place(e))
        .map(|e| {
            let located = e
                .mentions
                .iter()
                .filter(|m| named_as_place(article, rules, m))
                .count();
            (e, located)
        })
        .filter(|(_, located)| *located >= MAIN_PLACE_MENTIONS)
        .max_by_key(|(e, located)| {
            let first = e.mentions.first().map_or(usize::MAX, |m| m.span.start);
            (*located, std::cmp::Reverse(first))
        })
        .map(|(e, _)| e)
}

fn main_place(article: &Article<'_>, rules: &EventRules) -> Option<Place> {
    main_place_entity(article, rules).map(|e| place_of(rules, e))
}

/// The story's main place, when `place` is the country it lies in: "serangan ke wilayah
/// Rusia" in a story about Kursk happened in Kursk.
fn main_place_within(article: &Article<'_>, rules: &EventRules, place: &Place) -> Option<Place> {
    let main = main_place_entity(article, rules)?;
    // A place of no country (a disputed shoal, a sea) is where an attack on a country's
    // ships happened.
    let within = main
        .country
        .as_ref()
        .is_none_or(|country| place.id.as_deref() == Some(format!("loc:{country}").as_str()));
    within.then(|| place_of(rules, main))
}

/// The first town or region named as a place in the paragraph of `sentence`, outside it;
/// a place the knowledge base lacks counts as a town ("di Pahalgam").
fn place_in_paragraph<'a>(
    article: &'a Article<'_>,
    rules: &EventRules,
    sentence: Span,
) -> Option<&'a crate::analysis::Entity> {
    let start = article.text[..sentence.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = article.text[sentence.end..]
        .find('\n')
        .map_or(article.text.len(), |i| sentence.end + i);
    let paragraph = Span::new(start, end);
    article
        .referents
        .entities()
        .iter()
        .filter(|e| {
            is_local_place(e) || e.entity_type == EntityType::LOC && e.id.starts_with("local:")
        })
        .filter_map(|e| {
            let first = e
                .mentions
                .iter()
                .filter(|m| paragraph.start <= m.span.start && m.span.end <= paragraph.end)
                .find(|m| named_as_place(article, rules, m))?;
            Some((first.span.start, e))
        })
        .min_by_key(|(at, _)| *at)
        .map(|(_, e)| e)
}

fn sub_national(
    rules: &EventRules,
    referents: &Referents<'_>,
    referent: &Referent,
) -> Option<(Place, Option<String>)> {
    let Referent::Entity(i) = referent else {
        return None;
    };
    let entity = &referents.entities()[*i];
    // Only a known town, region or site, or a sea; a continent or a place of unknown kind
    // stands for its people as a party ("negara-negara Eropa").
    let sea = entity.entity_type == EntityType::LOC && entity.kind.as_deref() == Some("water_body");
    if !is_local_place(entity) && !sea {
        return None;
    }
    let place = place_of(rules, entity);
    let country = entity.country.as_ref().map(|c| format!("loc:{c}"));
    Some((place, country.filter(|id| referents.kb().get(id).is_some())))
}

/// The ISO code of a party's country (a country's own code).
fn country_code(referents: &Referents<'_>, referent: &Referent) -> Option<String> {
    referents.party(referent)?.country
}

/// How many words after "antara" both sides of a fight may be named.
const BETWEEN_WITHIN: usize = 8;

/// The two sides of an act told as both sides' own, the first named acting on the second:
/// the parties before a mutual trigger ("India dan Pakistan saling berbalas tembakan",
/// "… terlibat baku tembak"; or one before it and one after "dengan"), or those after
/// "antara" following a noun trigger ("pertempuran antara SAF dan RSF").
fn mutual_sides(
    article: &Article<'_>,
    rules: &EventRules,
    s: usize,
    t: &Trigger,
) -> Option<(Span, Span)> {
    let words = &article.clauses.words[s];
    let referents = article.referents;
    // Two different parties named within `span`, in order.
    let two_in = |span: Span| {
        let mut parties = referents
            .mentions_within(span)
            .filter(|(_, e)| {
                referents.entities()[*e].entity_type != EntityType::LOC
                    || referents.entities()[*e].kind.as_deref() == Some("country")
            })
            .copied();
        let (first, a) = parties.next()?;
        let (second, _) = parties.find(|(_, b)| *b != a)?;
        Some((first, second))
    };
    let phrase_after = |from: usize| {
        let to = (from..words.len().min(from + BETWEEN_WITHIN))
            .take_while(|&j| !words[j].is_punct() && !words[j].verb)
            .last()?;
        Some(Span::new(words[from].span.start, words[to].span.end))
    };
    if t.noun
        && words
            .get(t.end)
            .is_some_and(|w| rules.between_words.contains(&w.folded))
    {
        return phrase_after(t.end + 1).and_then(two_in);
    }
    // Back over the words carrying the trigger ("saling", "terlibat").
    let mut start = t.at;
    while start > 0 && rules.mutual_markers.contains(&words[start - 1].folded) {
        start -= 1;
    }
    if !t.mutual && start == t.at {
        return None;
    }
    let before = article.clauses.actor_before(s, start)?;
    two_in(before).or_else(|| {
        // "pasukan Thailand terlibat baku tembak dengan pasukan Kamboja".
        let (first, _) = referents.mentions_within(before).next().copied()?;
        words
            .get(t.end)
            .filter(|w| rules.partner_prepositions.contains(&w.folded))?;
        let (second, _) = phrase_after(t.end + 1)
            .and_then(|span| referents.mentions_within(span).next().copied())?;
        Some((first, second))
    })
}

/// The other side of the story from a party of country `own` (an ISO code): the
/// country the article names most after `own`, counting its places, bodies and people
/// ("Gaza", "Hamas" weigh for Palestine), or that country's most-named party when the
/// article never names the country itself ("Hamas"). A fight inside one country has its
/// other side at home: an armed group's is its state's forces, and the state's is the
/// armed group, when the article names them more than any country abroad ("RSF" and
/// "SAF" in Sudan).
fn other_side(
    referents: &Referents<'_>,
    rules: &EventRules,
    own: &str,
    side: Option<&Referent>,
) -> Option<Referent> {
    let entities = referents.entities();
    let kind_in = |e: &crate::analysis::Entity, kinds: &HashSet<String>| {
        e.kind.as_deref().is_some_and(|k| kinds.contains(k))
    };
    // Per country: its weight, and its first entity (the earlier named wins a tie).
    let mut weight: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        if let Some(country) = e
            .country
            .as_deref()
            .filter(|_| !kind_in(e, &rules.neutral_kinds))
        {
            let entry = weight.entry(country).or_insert((0, i));
            entry.0 += e.mentions.len();
        }
    }
    let is_party = |e: &crate::analysis::Entity| e.entity_type != EntityType::LOC;
    // The most-named party of `own` whose kind passes `keep`, with the mentions
    // of all such parties together.
    let at_home = |keep: &dyn Fn(&crate::analysis::Entity) -> bool| {
        let parties = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.country.as_deref() == Some(own) && is_party(e) && keep(e));
        let total: usize = parties.clone().map(|(_, e)| e.mentions.len()).sum();
        parties
            .max_by_key(|(i, e)| (e.mentions.len(), std::cmp::Reverse(*i)))
            .map(|(i, _)| (total, Referent::Entity(i)))
    };
    let side_kind = side
        .and_then(|r| referents.party(r))
        .and_then(|p| p.kind)
        .unwrap_or_default();
    let home = if side_kind == "armed_group" {
        at_home(&|e| kind_in(e, &rules.state_kinds))
    } else if rules.state_kinds.contains(&side_kind)
        || rules.official_kinds.contains(&side_kind) && side_kind != "international_body"
    {
        at_home(&|e| e.kind.as_deref() == Some("armed_group"))
    } else {
        None
    };
    // The heaviest country abroad that the article names, or names a party of.
    let mut abroad: Vec<(&str, usize)> = weight
        .iter()
        .filter(|(country, _)| **country != own)
        .map(|(country, w)| (*country, w.0))
        .collect();
    abroad.sort_by_key(|(country, w)| (std::cmp::Reverse(*w), weight[country].1));
    let abroad = abroad.into_iter().find_map(|(country, w)| {
        let named = entities.iter().enumerate().find(|(_, e)| {
            e.kind.as_deref() == Some("country") && e.id.strip_prefix("loc:") == Some(country)
        });
        let party = || {
            entities
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    e.country.as_deref() == Some(country)
                        && is_party(e)
                        && !kind_in(e, &rules.neutral_kinds)
                })
                .max_by_key(|(i, e)| (e.mentions.len(), std::cmp::Reverse(*i)))
        };
        named.or_else(party).map(|(i, _)| (w, Referent::Entity(i)))
    });
    match (home, abroad) {
        (Some((home_weight, at_home)), Some((abroad_weight, _))) if home_weight > abroad_weight => {
            Some(at_home)
        }
        (Some((_, at_home)), None) => Some(at_home),
        (_, abroad) => abroad.map(|(_, r)| r),
    }
}

/// The output's claimant: the quote's speaker, by name or description.
fn claimant(referents: &Referents<'_>, speaker: &Speaker) -> Actor {
    Actor {
        id: speaker.id.clone(),
        name: speaker
            .name
            .clone()
            .or_else(|| speaker.description.clone())
            .unwrap_or_default(),
        aliases: speaker.aliases.clone(),
        country: speaker
            .country
            .as_deref()
            .and_then(|c| referents.country_name(c)),
    }
}

/// The output's party for a referent: the entity's names, its country by name, and the
/// description the article wrote when it is short.
fn actor_of(referents: &Referents<'_>, referent: &Referent, written: Option<String>) -> Actor {
    let mut actor = match referents.party(referent) {
        Some(party) => Actor {
            id: Some(party.id),
            name: party.name,
            aliases: party.aliases,
            country: party
                .country
                .as_deref()
                .and_then(|c| referents.country_name(c)),
        },
        None => Actor {
            id: None,
            name: written.clone().unwrap_or_default(),
            aliases: Vec::new(),
            country: None,
        },
    };
    if let Some(written) = written
        && written != actor.name
        && !actor.aliases.contains(&written)
    {
        actor.aliases.push(written);
    }
    actor
}

fn contains_phrase(words: &[Word], phrase: &[String]) -> bool {
    (0..words.len()).any(|at| phrase_at(words, at, phrase))
}

/// Whether the folded words from `at` on are `phrase`.
fn phrase_at<P: AsRef<str>>(words: &[Word], at: usize, phrase: &[P]) -> bool {
    words.len() >= at + phrase.len()
        && words[at..at + phrase.len()]
            .iter()
            .zip(phrase)
            .all(|(w, p)| w.folded == p.as_ref())
}

/// Adds an event, or merges it into an earlier report of the same event: same type and
/// negation, and parties that agree where both reports name them.
fn merge_or_push(events: &mut Vec<Event>, event: Event) {
    let id = |party: &Option<Actor>| party.as_ref().and_then(|a| a.id.clone());
    let agree = |a: Option<String>, b: Option<String>| a.is_none() || b.is_none() || a == b;
    // A country and its bodies speak for one side: "Pemerintah Indonesia mengecam …" and
    // "Kemlu RI menilai …" against the same party report one accusation.
    let state = |party: &Option<Actor>| {
        party
            .as_ref()
            .filter(|a| {
                a.id.as_deref().is_some_and(|id| {
                    id.starts_with("org:") || id.starts_with("loc:") || id.starts_with("local:org:")
                })
            })
            .and_then(|a| a.country.clone())
    };
    let same_side = |e: &Event| {
        state(&e.actor).is_some()
            && state(&e.actor) == state(&event.actor)
            && id(&e.recipient).is_some()
            && id(&e.recipient) == id(&event.recipient)
    };
    // Counts told of different acts in different sentences are different events ("menembak
    // jatuh 92 drone" is not "meluncurkan 157 drone").
    let other_act = |e: &Event| {
        !e.quantities.is_empty()
            && !event.quantities.is_empty()
            && e.trigger.lemma != event.trigger.lemma
            && e.evidence != event.evidence
    };
    // Two doers both named are one only when they are the same one: an unnamed group
    // ("kelompok bersenjata") is not the army of a country.
    let same_doer = |a: &Option<Actor>, b: &Option<Actor>| match (a, b) {
        (Some(a), Some(b)) => a.id == b.id && (a.id.is_some() || a.name == b.name),
        _ => true,
    };
    let same = |e: &Event| {
        e.event_type == event.event_type
            && e.negated == event.negated
            && !other_act(e)
            && (same_side(e)
                || same_doer(&e.actor, &event.actor)
                    && agree(id(&e.recipient), id(&event.recipient))
                    && (id(&e.actor).is_some() && id(&e.actor) == id(&event.actor)
                        || id(&e.recipient).is_some() && id(&e.recipient) == id(&event.recipient)))
    };
    match events.iter_mut().find(|e| same(e)) {
        Some(earlier) => {
            if earlier.actor.is_none() {
                earlier.actor = event.actor;
            }
            if earlier.recipient.is_none() {
                earlier.recipient = event.recipient;
            }
            // A date or place named by the report itself beats one read from its context.
            let rank = |basis: &Option<String>| match basis.as_deref() {
                Some("sentence") => 0,
                Some("paragraph") => 1,
                Some(_) => 2,
                None => 3,
            };
            if rank(&event.location_basis) < rank(&earlier.location_basis) {
                earlier.location = event.location;
                earlier.location_basis = event.location_basis;
            }
            if rank(&event.date_basis) < rank(&earlier.date_basis) {
                earlier.date = event.date;
                earlier.date_precision = event.date_precision;
                earlier.date_basis = event.date_basis;
            }
            for q in event.quantities {
                if !earlier.quantities.contains(&q) {
                    earlier.quantities.push(q);
                }
            }
            earlier.confidence = earlier.confidence.max(event.confidence);
        }
        None => events.push(event),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use crate::analysis::{Event, Modality};
    use crate::{Analyzer, Article};

    static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::indonesian);

    fn events(text: &str) -> Vec<Event> {
        let mut article = Article::from_text("e.txt", text);
        article.published = Some("2024-09-13".to_string());
        ANALYZER.analyze(&article).events
    }

    /// The first event of `event_type`, or a panic listing every event found.
    fn first<'e>(found: &'e [Event], event_type: &str) -> &'e Event {
        found
            .iter()
            .find(|e| e.event_type == event_type)
            .unwrap_or_else(|| panic!("no {event_type} in {found:#?}"))
    }

    fn actor_name(e: &Event) -> Option<&str> {
        e.actor.as_ref().map(|a| a.name.as_str())
    }

    fn recipient_name(e: &Event) -> Option<&str> {
        e.recipient.as_ref().map(|r| r.name.as_str())
    }

    fn brief(e: &Event) -> (String, Option<String>, Option<String>, bool) {
        (
            e.event_type.clone(),
            e.actor.as_ref().map(|a| a.name.clone()),
            e.recipient.as_ref().map(|r| r.name.clone()),
            e.negated,
        )
    }

    /// The meN- form of a root, by the nasal rules of Indonesian spelling (a cluster
    /// keeps its consonant: "memprotes").
    fn active_form(root: &str) -> String {
        let rest = &root[1..];
        let cluster = !matches!(
            root.as_bytes().get(1),
            Some(b'a' | b'e' | b'i' | b'o' | b'u')
        );
        match root.as_bytes()[0] {
            b'p' if cluster => format!("mem{root}"),
            b't' | b's' if cluster => format!("men{root}"),
            b'k' if cluster => format!("meng{root}"),
            b'p' => format!("mem{rest}"),
            b't' => format!("men{rest}"),
            b'k' => format!("meng{rest}"),
            b's' => format!("meny{rest}"),
            b'a' | b'e' | b'i' | b'o' | b'u' | b'g' | b'h' => format!("meng{root}"),
            b'b' | b'f' | b'v' => format!("mem{root}"),
            b'c' | b'd' | b'j' | b'z' => format!("men{root}"),
            _ => format!("me{root}"),
        }
    }

    #[test]
    fn every_trigger_lemma_is_what_the_lemmatiser_gives_its_verb_forms() {
        // A trigger lemma the lemmatiser never produces ("kecam" read as menge- + cam)
        // silently loses its events.
        let lemmatizer = &ANALYZER.language().lemmatizer;
        let rules = &ANALYZER.language().events;
        let mut wrong = Vec::new();
        for lemma in rules.verbs.keys().filter(|l| !l.contains(' ')) {
            for stem in [active_form(lemma), format!("di{lemma}")] {
                // Some roots only live with a suffix ("mengakui", not "mengaku" alone).
                let forms = [stem.clone(), format!("{stem}kan"), format!("{stem}i")];
                if !forms.iter().any(|f| lemmatizer.analyze(f).lemma == *lemma) {
                    let got = lemmatizer.analyze(&stem).lemma;
                    wrong.push(format!("{stem} -> {got} (trigger {lemma})"));
                }
            }
        }
        wrong.sort();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn active_verb_with_place_mode_day_and_numbers() {
        let found = events("Rusia menyerang Kharkiv pada Kamis (12/9/2024) dengan 20 drone.\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        let e = &found[0];
        assert_eq!(
            brief(e),
            (
                "ASSAULT".into(),
                Some("Rusia".into()),
                Some("Ukraina".into()),
                false
            )
        );
        assert_eq!(
            e.location.as_ref().map(|p| p.name.as_str()),
            Some("Kharkiv")
        );
        assert_eq!(e.mode.as_deref(), Some("drone"));
        assert_eq!(e.date.as_deref(), Some("2024-09-12"));
        assert_eq!(e.quantities.len(), 1);
        assert_eq!(e.quantities[0].value, 20.0);
    }

    #[test]
    fn passive_voice_flips_the_roles() {
        let found = events("Kota Odesa diserang Rusia dengan rudal balistik.\n");
        let e = first(&found, "ASSAULT");
        assert_eq!(actor_name(e), Some("Rusia"));
        assert_eq!(recipient_name(e), Some("Ukraina"));
        assert_eq!(e.mode.as_deref(), Some("missile"));
    }

    #[test]
    fn negation_and_denial() {
        let found = events("Israel tidak menyerang Lebanon pada malam itu.\n");
        assert_eq!(
            found.iter().map(brief).collect::<Vec<_>>(),
            [(
                "ASSAULT".into(),
                Some("Israel".into()),
                Some("Lebanon".into()),
                true
            )]
        );
        let found = events("Pemerintah China membantah telah mengirim senjata ke Rusia.\n");
        let aid = first(&found, "AID");
        assert!(aid.negated, "{found:#?}");
        assert_eq!(recipient_name(aid), Some("Rusia"));
        assert!(aid.claimed_by.is_some());
    }

    #[test]
    fn a_trigger_right_after_another_is_its_object() {
        let found = events("Presiden Vladimir Putin menolak pembicaraan dengan Ukraina.\n");
        assert_eq!(
            found
                .iter()
                .map(|e| e.event_type.as_str())
                .collect::<Vec<_>>(),
            ["REJECT"]
        );
        assert_eq!(actor_name(&found[0]), Some("Vladimir Putin"));
    }

    #[test]
    fn a_noun_takes_the_party_after_it_and_reports_of_one_event_merge() {
        let found = events(
            "Serangan Ukraina ke wilayah Kursk menewaskan tiga warga.\nSerangan Ukraina itu juga merusak jembatan di Kursk.\n",
        );
        let assaults: Vec<&Event> = found.iter().filter(|e| e.event_type == "ASSAULT").collect();
        assert_eq!(assaults.len(), 1, "{found:#?}");
        assert_eq!(actor_name(assaults[0]), Some("Ukraina"));
    }

    #[test]
    fn planned_and_conditional_events_are_coded_as_said() {
        // Aid promised is an agreement (PLOVER), kept as planned.
        let found = events("Jerman akan mengirim bantuan kemanusiaan ke Gaza.\n");
        let promise = first(&found, "AGREE");
        assert_eq!(promise.modality, Modality::Planned);
        let found =
            events("Jika NATO mengerahkan pasukan ke Ukraina, Rusia akan menyerang mereka.\n");
        assert!(
            found.iter().all(|e| e.modality == Modality::Conditional),
            "{found:#?}"
        );
        // An attack promised is a threat.
        assert!(
            found.iter().any(|e| e.event_type == "THREATEN"),
            "{found:#?}"
        );
        assert!(
            found.iter().all(|e| e.event_type != "ASSAULT"),
            "{found:#?}"
        );
        // A group after the target word of an attack noun is the target.
        let found =
            events("Serangan Houthi terhadap kapal-kapal dagang di Laut Merah terus berlanjut.\n");
        assert_eq!(
            recipient_name(first(&found, "ASSAULT")),
            Some("kapal-kapal dagang"),
            "{found:#?}"
        );
    }

    #[test]
    fn objects_written_as_clitic_description_or_pair() {
        let found = events(
            "Menlu Mesir Badr Abdelatty menemui Benjamin Netanyahu di Yerusalem dan mendesaknya membuka perlintasan Rafah.\n",
        );
        assert!(
            found.iter().any(|e| brief(e)
                == (
                    "REQUEST".into(),
                    Some("Badr Abdelatty".into()),
                    Some("Benjamin Netanyahu".into()),
                    false
                )),
            "{found:#?}"
        );
        let found = events(
            "Pemerintah Kamboja menyurati Dewan Keamanan PBB dan meminta badan itu bersidang.\n",
        );
        let request = first(&found, "REQUEST");
        assert_eq!(
            recipient_name(request),
            Some("Dewan Keamanan PBB"),
            "{found:#?}"
        );
        let found = events(
            "India dan Pakistan saling tembak di perbatasan.\nSekjen PBB Antonio Guterres meminta kedua negara menahan diri.\n",
        );
        let request = first(&found, "REQUEST");
        assert_eq!(recipient_name(request), Some("India"), "{found:#?}");
    }

    #[test]
    fn a_pronoun_is_who_the_story_is_about() {
        let found = events(
            "Presiden Prabowo Subianto mengatakan ia telah berbicara dengan Anthony Albanese.\nIa juga meminta Australia mengirim bantuan ke Lombok.\n",
        );
        let request = first(&found, "REQUEST");
        assert_eq!(actor_name(request), Some("Prabowo Subianto"), "{found:#?}");
    }

    #[test]
    fn a_noun_in_apposition_names_no_event() {
        let found = events(
            "Jepang, mitra perjanjian keamanan Filipina, mengecam manuver kapal Cina itu.\n",
        );
        assert!(found.iter().all(|e| e.event_type != "AGREE"), "{found:#?}");
        assert!(found.iter().any(|e| e.event_type == "ACCUSE"), "{found:#?}");
    }

    #[test]
    fn a_statement_naming_a_wrong_accuses_the_other_side() {
        let found = events(
            "Armenia dan Azerbaijan kembali bentrok di perbatasan.\n\"Azerbaijan yang memicu bentrokan ini,\" kata juru bicara Kementerian Pertahanan Armenia, Aram Torosyan.\n",
        );
        let accuse = first(&found, "ACCUSE");
        assert_eq!(recipient_name(accuse), Some("Azerbaijan"), "{found:#?}");
        assert!(accuse.claimed_by.is_some());
        // One's own forces attacking, or a wrong denied, accuse no one.
        let found = events(
            "\"Pasukan kami tidak melanggar perbatasan,\" kata juru bicara Kementerian Pertahanan Armenia, Aram Torosyan.\n",
        );
        assert!(found.iter().all(|e| e.event_type != "ACCUSE"), "{found:#?}");
    }

    #[test]
    fn a_verb_after_dan_shares_the_actor_named_in_apposition() {
        let found = events(
            "Media Israel melaporkan Netanyahu melunak setelah utusan Presiden AS Donald Trump, Steve Witkoff, menemuinya di Yerusalem dan mendesaknya menerima kesepakatan.\n",
        );
        let request = first(&found, "REQUEST");
        assert_eq!(
            brief(request),
            (
                "REQUEST".into(),
                Some("Steve Witkoff".into()),
                Some("Benjamin Netanyahu".into()),
                false
            ),
            "{found:#?}"
        );
    }

    #[test]
    fn repelling_an_attack_fights_back_and_is_no_retreat() {
        let found = events(
            "Pertempuran\n\nTentara Sudan memukul mundur serangan RSF di El Obeid pada Senin.\n",
        );
        assert!(
            found.iter().all(|e| e.event_type != "RETREAT"),
            "{found:#?}"
        );
        let repelled = first(&found, "ASSAULT");
        assert_eq!(
            actor_name(repelled),
            Some("Angkatan Bersenjata Sudan"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_town_after_an_attack_noun_is_where_it_was_not_who_did_it() {
        let found = events(
            "Perang\n\nRusia kembali menuding Ukraina. Serangan Kharkiv pada Senin menewaskan tujuh warga sipil.\n",
        );
        let attack = first(&found, "ASSAULT");
        assert_eq!(
            (actor_name(attack), recipient_name(attack)),
            (Some("Rusia"), Some("Ukraina")),
            "{found:#?}"
        );
        assert_eq!(
            attack.location.as_ref().map(|l| l.name.as_str()),
            Some("Kharkiv"),
            "{found:#?}"
        );
        let denied = events(
            "Kashmir\n\nIndia menuding Pakistan mendukung kelompok bersenjata. Islamabad membantah terlibat dalam serangan Pahalgam.\n",
        );
        assert!(
            denied.iter().all(|e| actor_name(e) != Some("Pahalgam")),
            "{denied:#?}"
        );
    }

    #[test]
    fn a_target_after_words_describing_the_attack_is_its_target() {
        let found = events(
            "Balasan\n\nWASHINGTON - Houthi kembali menembakkan rudal ke kapal Amerika Serikat. Amerika Serikat membalas dengan serangan udara ke Yaman pada Jumat.\n",
        );
        let strike = found
            .iter()
            .find(|e| e.event_type == "ASSAULT" && recipient_name(e) == Some("Yaman"))
            .unwrap_or_else(|| panic!("no strike on Yemen in {found:#?}"));
        assert_eq!(actor_name(strike), Some("Amerika Serikat"), "{found:#?}");
    }

    #[test]
    fn a_noun_with_only_its_target_is_the_other_sides_and_a_sea_is_no_recipient() {
        let found = events(
            "Israel dan Hamas saling tuding. Israel menolak usulan Hamas.\nSerangan ke Gaza masih berlanjut.\n",
        );
        let assault = first(&found, "ASSAULT");
        assert_eq!(actor_name(assault), Some("Israel"), "{found:#?}");
        let found = events("Kapal perang Iran menyerang kapal tanker di Selat Hormuz.\n");
        assert!(
            found.iter().all(|e| e
                .recipient
                .as_ref()
                .is_none_or(|r| !r.name.contains("Hormuz"))),
            "{found:#?}"
        );
    }

    #[test]
    fn a_written_subject_that_names_no_party_does_not_borrow_the_speaker() {
        let found = events(
            "Menurut Kementerian Kesehatan Turki, gempa itu menewaskan 40 orang di Malatya.\n",
        );
        assert!(
            found.iter().all(|e| e.event_type != "ASSAULT"),
            "{found:#?}"
        );
    }

    #[test]
    fn condemning_the_attack_accuses_its_attacker_and_one_side_accuses_once() {
        let found = events(
            "Pemerintah Malaysia mengecam keras serangan Israel ke wilayah Lebanon.\nDalam pernyataannya, Kementerian Luar Negeri Malaysia menilai serangan itu melanggar hukum internasional.\n",
        );
        let accusations: Vec<&Event> = found.iter().filter(|e| e.event_type == "ACCUSE").collect();
        assert_eq!(accusations.len(), 1, "{found:#?}");
        assert_eq!(recipient_name(accusations[0]), Some("Israel"));
    }

    #[test]
    fn an_event_dated_by_a_month_or_by_its_paragraph() {
        let found = events("Rusia menginvasi Ukraina pada Februari 2022.\n");
        let invasion = first(&found, "ASSAULT");
        assert_eq!(invasion.date.as_deref(), Some("2022-02"));
        assert_eq!(invasion.date_precision.as_deref(), Some("month"));
        assert_eq!(invasion.date_basis.as_deref(), Some("sentence"));
        let found = events(
            "Jakarta - Bentrokan pecah pada Selasa (10/9/2024) pagi. Tentara Armenia lalu menyerang pos Azerbaijan.\n",
        );
        let assault = found
            .iter()
            .find(|e| e.recipient.as_ref().is_some_and(|r| r.name == "Azerbaijan"))
            .expect("assault");
        assert_eq!(assault.date.as_deref(), Some("2024-09-10"));
        assert_eq!(assault.date_basis.as_deref(), Some("paragraph"));
    }

    #[test]
    fn an_unnamed_group_is_a_party_as_written_but_not_alone_and_an_event_needs_an_actor() {
        let found = events("Zelensky mendesak sekutu Barat menjatuhkan sanksi baru.\n");
        let request = first(&found, "REQUEST");
        assert_eq!(recipient_name(request), Some("sekutu Barat"), "{found:#?}");
        assert!(request.recipient.as_ref().is_some_and(|r| r.id.is_none()));
        let found = events("Sekelompok orang menyerang warga sipil di sebuah pasar.\n");
        assert!(found.is_empty(), "{found:#?}");
        // Nor is an event with no one who did it.
        let found = events("Kota Kyiv kembali diserang pada Senin malam.\n");
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_protest_lodged_by_a_state_accuses_and_a_launch_without_target_mobilizes() {
        let found = events(
            "Kementerian Luar Negeri Jepang menyampaikan protes keras kepada Korea Utara.\n",
        );
        assert!(found.iter().any(|e| e.event_type == "ACCUSE"), "{found:#?}");
        assert!(
            found.iter().all(|e| e.event_type != "PROTEST"),
            "{found:#?}"
        );
        let found = events("Korea Utara meluncurkan rudal balistik antarbenua pada Kamis.\n");
        assert_eq!(
            found.iter().map(brief).collect::<Vec<_>>(),
            [("MOBILIZE".into(), Some("Korea Utara".into()), None, false)],
            "{found:#?}"
        );
        let found = events("Iran meluncurkan rudal ke Israel pada Jumat.\n");
        assert!(
            found.iter().any(|e| e.event_type == "ASSAULT"),
            "{found:#?}"
        );
        let found = events("Pasukan Kamboja menembakkan roket ke wilayah Thailand pada Kamis.\n");
        assert_eq!(
            first(&found, "ASSAULT").recipient.as_ref().unwrap().name,
            "Thailand"
        );
    }

    #[test]
    fn acts_short_of_force_and_the_attack_they_serve() {
        // Mobilising jets to strike is the strike only.
        let found = events(
            "Militer Thailand mengerahkan jet tempur untuk menggempur sasaran di Kamboja.\n",
        );
        assert_eq!(
            found
                .iter()
                .map(|e| e.event_type.as_str())
                .collect::<Vec<_>>(),
            ["ASSAULT"],
            "{found:#?}"
        );
        let text = "Thailand menarik pulang duta besarnya dari Kamboja dan menutup seluruh pos \
                    perbatasan darat. Kamboja membalas dengan menurunkan hubungan diplomatik \
                    dengan Thailand.\n";
        let found = events(text);
        let types: Vec<_> = found.iter().map(brief).collect();
        for (kind, actor, recipient) in [
            ("SANCTION", "Thailand", "Kamboja"),
            ("COERCE", "Thailand", "Kamboja"),
            ("SANCTION", "Kamboja", "Thailand"),
        ] {
            assert!(
                types.contains(&(
                    kind.into(),
                    Some(actor.into()),
                    Some(recipient.into()),
                    false
                )),
                "{kind} {actor} → {recipient} in {types:#?}"
            );
        }
        let found = events(
            "Militer Korea Selatan meningkatkan kewaspadaan dan berbagi informasi \
                            dengan Jepang.\n",
        );
        assert!(
            found.iter().any(|e| e.event_type == "MOBILIZE"),
            "{found:#?}"
        );
        assert_eq!(
            first(&found, "COOPERATE").recipient.as_ref().unwrap().name,
            "Jepang"
        );
        // A treaty suspended governs nothing after "dan"; an airspace closed restricts.
        let found = events(
            "New Delhi menangguhkan perjanjian air dengan Islamabad dan mengusir sejumlah \
             diplomat Pakistan. Pakistan membalas dengan menutup wilayah udaranya bagi maskapai \
             India.\n",
        );
        let kinds: Vec<_> = found.iter().map(brief).collect();
        assert!(
            kinds
                .iter()
                .any(|(k, a, _, _)| k == "SANCTION" && a.as_deref() == Some("New Delhi")),
            "{kinds:#?}"
        );
        assert!(
            kinds.iter().any(|(k, a, r, _)| k == "COERCE"
                && a.as_deref() == Some("Pakistan")
                && r.as_deref() == Some("India")),
            "{kinds:#?}"
        );
        // Inflicting heavy damage attacks; troops "yang dikerahkan" in a ministry's claim
        // were not mobilised by the ministry.
        let found = events(
            "Kementerian Pertahanan Rusia mengklaim bahwa pasukannya telah memberikan kerusakan \
             serius pada pasukan Ukraina yang dikerahkan ke Kursk.\n",
        );
        assert_eq!(
            recipient_name(first(&found, "ASSAULT")),
            Some("Angkatan Bersenjata Ukraina"),
            "{found:#?}"
        );
        assert!(
            found.iter().all(|e| e.event_type != "MOBILIZE"),
            "{found:#?}"
        );
        // A sanction with no one it is done to is not coded (PLOVER needs a recipient).
        let found = events("Pemerintah Rusia mulai membekukan aset.\n");
        assert!(
            found.iter().all(|e| e.event_type != "SANCTION"),
            "{found:#?}"
        );
        // "mengaku" claims, it does not acknowledge anyone; a weapon's model named like a
        // town ("rudal balistik Iskander-M") is no place.
        let found = events("Rusia mengaku telah menghalau puluhan drone Ukraina.\n");
        assert!(
            found.iter().all(|e| e.event_type != "SUPPORT"),
            "{found:#?}"
        );
        let found =
            events("Rusia menembakkan rudal balistik Iskander-M ke kota Kharkiv di Ukraina.\n");
        let strike = first(&found, "ASSAULT");
        assert_eq!(recipient_name(strike), Some("Ukraina"), "{found:#?}");
        assert_eq!(
            strike.location.as_ref().map(|p| p.name.as_str()),
            Some("Kharkiv")
        );
        // A passive verb's doer is not the agency the report is credited to.
        let found = events(
            "Menurut Reuters, iring-iringan truk Palang Merah sempat ditembaki di dekat kota \
             Nyala pekan lalu.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
        // A coup seizes power from no other side.
        let found = events("Militer Myanmar merebut kekuasaan dari pemerintahan sipil.\n");
        assert!(
            found.iter().all(|e| e.event_type != "ASSAULT"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_day_counted_from_past_a_relative_clause_still_dates_the_event() {
        let found = events(
            "Perbatasan\n\nTentara Thailand memperkuat pos di jalan yang menuju kuil itu pada Kamis (12/9/2024), sehari setelah Kamboja menyerang desa-desa Thailand.\n",
        );
        let attack = first(&found, "ASSAULT");
        assert_eq!(attack.date.as_deref(), Some("2024-09-11"), "{attack:#?}");
    }

    #[test]
    fn a_day_moved_by_sehari_setelah_and_not_taken_from_a_relative_clause() {
        let found = events(
            "Seruan itu disampaikan pada Minggu (8/9), sehari setelah pasukan Rusia menyerang \
             kota Kharkiv di Ukraina.\n",
        );
        assert_eq!(
            first(&found, "ASSAULT").date.as_deref(),
            Some("2024-09-07"),
            "{found:#?}"
        );
        let found = events(
            "Perdana Menteri Malaysia Anwar Ibrahim, yang tahun ini memegang keketuaan ASEAN, \
             bertemu Presiden Indonesia Prabowo Subianto di Bangkok, Kamis (12/9).\n",
        );
        let meeting = first(&found, "CONSULT");
        assert_eq!(meeting.date.as_deref(), Some("2024-09-12"), "{found:#?}");
        assert_eq!(meeting.date_precision.as_deref(), Some("day"));
    }

    #[test]
    fn counts_of_different_acts_are_different_events_and_a_launch_abroad_attacks() {
        let text = "Pasukan Rusia kembali melancarkan serangan udara di Ukraina semalam dan \
                    meluncurkan 80 drone, kata Angkatan Udara Ukraina.\n\
                    Menurut Kementerian Pertahanan Rusia, sistem pertahanan udaranya menembak \
                    jatuh 45 drone Ukraina di atas wilayah Belgorod.\n";
        let found = events(text);
        let assaults: Vec<_> = found.iter().filter(|e| e.event_type == "ASSAULT").collect();
        assert_eq!(assaults.len(), 2, "{found:#?}");
        assert!(
            found.iter().all(|e| e.event_type != "MOBILIZE"),
            "{found:#?}"
        );
        let values: Vec<Vec<f64>> = assaults
            .iter()
            .map(|e| e.quantities.iter().map(|q| q.value).collect())
            .collect();
        assert_eq!(values, [vec![80.0], vec![45.0]]);
    }

    #[test]
    fn a_countrys_forces_are_never_its_foreign_ministry() {
        let text = "Kementerian Luar Negeri India memanggil duta besar Pakistan di New Delhi.\n\
                    Militer Pakistan menyatakan pasukan India lebih dulu menembaki desa-desa di sisi \
                    Pakistan pada Minggu malam.\n";
        let found = events(text);
        let assault = first(&found, "ASSAULT");
        let actor = assault
            .actor
            .as_ref()
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert_ne!(actor.name, "Kementerian Luar Negeri India", "{found:#?}");
        assert_eq!(actor.country.as_deref(), Some("India"), "{found:#?}");
        assert_eq!(recipient_name(assault), Some("Pakistan"), "{found:#?}");
    }

    #[test]
    fn a_verb_after_dan_shares_the_subject_of_the_reported_clause() {
        let found = events(
            "Juru bicara militer Pakistan menyatakan pasukan India menembaki desa-desa di sisi \
             Pakistan dan menewaskan dua warga sipil.\n",
        );
        let assaults: Vec<_> = found.iter().filter(|e| e.event_type == "ASSAULT").collect();
        assert!(!assaults.is_empty(), "{found:#?}");
        for assault in assaults {
            let actor = assault
                .actor
                .as_ref()
                .unwrap_or_else(|| panic!("{found:#?}"));
            assert_eq!(actor.country.as_deref(), Some("India"), "{found:#?}");
        }
    }

    #[test]
    fn opening_fire_on_a_target_attacks_it_and_warning_shots_are_no_event() {
        let found = events(
            "Menurut Angkatan Darat India, pasukan Pakistan melepaskan tembakan mortir ke \
             sejumlah pos India pada Minggu malam.\n",
        );
        let assault = first(&found, "ASSAULT");
        assert_eq!(
            assault.actor.as_ref().and_then(|a| a.country.as_deref()),
            Some("Pakistan"),
            "{found:#?}"
        );
        assert_eq!(recipient_name(assault), Some("India"), "{found:#?}");
        let found =
            events("Polisi melepaskan tembakan peringatan ke udara untuk membubarkan massa.\n");
        assert!(
            found.iter().all(|e| e.event_type != "ASSAULT"),
            "{found:#?}"
        );
    }

    #[test]
    fn aid_to_no_one_named_goes_to_the_other_side_of_the_story() {
        let text = "Gempa besar mengguncang Myanmar tengah. Pemerintah Myanmar meminta bantuan \
                    internasional.\n\
                    Indonesia telah mengirimkan dua gelombang bantuan kemanusiaan berupa obat dan \
                    tenda.\n";
        let found = events(text);
        let aid = found
            .iter()
            .find(|e| e.event_type == "AID" && actor_name(e) == Some("Indonesia"))
            .unwrap_or_else(|| panic!("{found:#?}"));
        assert_eq!(recipient_name(aid), Some("Myanmar"), "{found:#?}");
    }

    #[test]
    fn orders_and_gifts_reach_their_recipient_and_our_military_is_the_speaker() {
        let found = events(
            "Presiden Prabowo Subianto memerintahkan militer untuk menunda penyerbuan ke markas \
             kelompok bersenjata itu.\n",
        );
        let order = first(&found, "REQUEST");
        assert_eq!(recipient_name(order), Some("militer"), "{found:#?}");
        assert!(
            found.iter().all(|e| e.event_type != "ASSAULT"),
            "{found:#?}"
        );
        let found =
            events("Iran membantah telah memberikan bantuan militer kepada Houthi di Yaman.\n");
        let aid = first(&found, "AID");
        assert!(aid.negated);
        assert_eq!(recipient_name(aid), Some("Houthi"), "{found:#?}");
        let found = events(
            "\"Militer kami telah meningkatkan kewaspadaan,\" kata Kepala Staf Gabungan Korea \
             Selatan.\n",
        );
        let alert = first(&found, "MOBILIZE");
        assert_ne!(actor_name(alert), Some("Militer kami"), "{found:#?}");
    }

    #[test]
    fn talks_with_a_party_are_the_speakers_and_what_is_ruled_out_is_no_event() {
        let found = events("Podolyak menuturkan perundingan dengan Rusia dijeda sampai Selasa.\n");
        let talks = first(&found, "CONSULT");
        assert_eq!(actor_name(talks), Some("Mykhailo Podolyak"), "{found:#?}");
        assert_eq!(recipient_name(talks), Some("Rusia"));
        let found = events(
            "Juru bicara Kremlin menyatakan pihaknya tidak melihat celah untuk berunding dengan \
             Kyiv dan menolak tawaran gencatan senjata.\n",
        );
        let kinds: Vec<_> = found.iter().map(|e| e.event_type.as_str()).collect();
        assert_eq!(kinds, ["REJECT"], "{found:#?}");
        let found = events(
            "Putin mengatakan tidak mungkin untuk mencapai kesepakatan dengan pihak Ukraina.\n",
        );
        assert!(found.iter().all(|e| e.event_type != "AGREE"), "{found:#?}");
    }

    #[test]
    fn a_place_from_the_sentence_its_paragraph_or_the_story() {
        let text = "Pasukan Ukraina bergerak ke wilayah selatan Kursk pada Selasa.\n\
                    Ukraina melancarkan serangan ke wilayah Rusia pada Rabu.\n\
                    Pertempuran berlanjut di wilayah Kursk.\n\
                    Di kota Sumy, Ukraina mengevakuasi warga. Pemerintah Rusia mengecam Ukraina.\n";
        let found = events(text);
        let assault = first(&found, "ASSAULT");
        // "wilayah Rusia" in a story about Kursk is Kursk.
        assert_eq!(
            assault.location.as_ref().map(|p| p.name.as_str()),
            Some("Kursk")
        );
        assert_eq!(assault.location_basis.as_deref(), Some("story"));
        let accuse = first(&found, "ACCUSE");
        assert_eq!(
            accuse.location.as_ref().map(|p| p.name.as_str()),
            Some("Sumy"),
            "{found:#?}"
        );
        assert_eq!(accuse.location_basis.as_deref(), Some("paragraph"));
        // A place word that opens the place's name still names where.
        let found = events("Rusia menyerang wilayah Kharkiv di Ukraina pada Senin.\n");
        let assault = first(&found, "ASSAULT");
        assert_eq!(
            assault.location.as_ref().map(|p| p.name.as_str()),
            Some("Kharkiv"),
            "{found:#?}"
        );
        assert_eq!(assault.location_basis.as_deref(), Some("sentence"));
    }

    #[test]
    fn a_request_to_a_group_after_kepada_names_it_without_its_possessive() {
        let found = events(
            "Presiden Prabowo Subianto meminta kepada pasukan bersenjata negaranya untuk \
             membantu korban banjir di Sumatra.\n",
        );
        let request = first(&found, "REQUEST");
        assert_eq!(
            request.recipient.as_ref().map(|r| r.name.as_str()),
            Some("pasukan bersenjata"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_warning_threatens_the_subject_of_what_it_warns_of() {
        let found = events(
            "Presiden Belarus Alexander Lukashenko memperingatkan pada hari Senin bahwa setiap pasukan asing yang masuk akan dihancurkan.\n",
        );
        let threat = first(&found, "THREATEN");
        assert_eq!(recipient_name(threat), Some("pasukan asing"), "{found:#?}");
    }

    #[test]
    fn they_in_a_quote_are_the_other_side_and_the_press_room_is_not_the_place() {
        let found = events(
            "Pakistan Tuding India\n\nJuru bicara militer Pakistan Ahmed Sharif Chaudhry mengatakan India telah melancarkan serangan rudal.\n\n\"Mereka menyerang masjid dan rumah warga,\" kata Chaudhry dalam jumpa pers di Rawalpindi.\n",
        );
        let assaults: Vec<&Event> = found.iter().filter(|e| e.event_type == "ASSAULT").collect();
        assert!(!assaults.is_empty(), "{found:#?}");
        for assault in assaults {
            assert_eq!(actor_name(assault), Some("India"), "{assault:#?}");
            assert_ne!(
                assault.location.as_ref().map(|l| l.name.as_str()),
                Some("Rawalpindi")
            );
        }
    }

    #[test]
    fn a_verb_right_after_saat_shares_the_party_before_it() {
        let found = events(
            "Rapat Darurat\n\n\"Musuh harus diusir dari wilayah kita,\" kata Putin saat membuka rapat tentang krisis itu.\n",
        );
        let consult = first(&found, "CONSULT");
        assert_eq!(actor_name(consult), Some("Vladimir Putin"));
    }

    #[test]
    fn a_meeting_in_a_town_of_ones_own_country_is_held_there_with_no_one() {
        let found = events(
            "Rapat Darurat\n\nPresiden Rusia Vladimir Putin mengadakan pertemuan darurat di Novo-Ogaryovo pada Senin.\n",
        );
        let consult = first(&found, "CONSULT");
        assert_eq!(recipient_name(consult), None);
        assert_eq!(
            consult.location.as_ref().map(|l| l.name.as_str()),
            Some("Novo-Ogaryovo")
        );
    }

    #[test]
    fn a_group_named_with_a_ber_word_acts_and_is_not_merged_with_an_army() {
        let found = events(
            "Serangan di Kashmir\n\nMiliter India menyerang tiga lokasi di Pakistan pada Rabu.\n\nSerangan itu dilancarkan dua pekan setelah penembakan di Pahalgam. Sebanyak 20 orang tewas ketika kelompok bersenjata menembaki wisatawan India di padang rumput.\n",
        );
        let gunmen = found
            .iter()
            .find(|e| actor_name(e) == Some("kelompok bersenjata"))
            .unwrap_or_else(|| panic!("no attack by the gunmen in {found:#?}"));
        assert_eq!(gunmen.event_type, "ASSAULT");
        assert_eq!(
            gunmen.location.as_ref().map(|l| l.name.as_str()),
            Some("Pahalgam")
        );
        assert!(
            found
                .iter()
                .any(|e| actor_name(e) == Some("Angkatan Bersenjata India")
                    || actor_name(e) == Some("India"))
        );
    }

    #[test]
    fn a_trigger_noun_describing_another_noun_is_no_event() {
        let found = events(
            "Kyiv\n\nPresiden Rusia Vladimir Putin menambahkan bahwa \"dengan dukungan Barat, para pemimpin di Kiev ingin memperkuat posisi negosiasi mereka.\"\n",
        );
        assert!(
            found.iter().all(|e| e.event_type != "CONSULT"),
            "{found:#?}"
        );
    }

    #[test]
    fn a_date_after_an_incident_or_in_an_apposition_is_not_the_events() {
        let found = events(
            "Manila Menuntut\n\nKetegangan di laut meningkat sejak Rabu (11/9/2024).\n\nPanglima militer Filipina menuntut Cina mengembalikan senapan yang dirampas dalam insiden di laut pada Senin lalu.\n\nKapal Cina menghadang kapal Filipina yang membawa pasokan ke BRP Sierra Madre, kapal tua yang dikandaskan Manila di sana pada 1999.\n",
        );
        let request = first(&found, "REQUEST");
        assert_eq!(request.date.as_deref(), Some("2024-09-11"), "{request:#?}");
        let coerce = first(&found, "COERCE");
        assert_ne!(coerce.date.as_deref(), Some("1999"), "{coerce:#?}");
    }

    #[test]
    fn a_fight_dated_by_its_story_began_when_the_story_says_it_broke_out() {
        let found = events(
            "Serangan ke Belgorod\n\nMOSKOW - Gubernur mengatakan pada Kamis (12/9/2024) bahwa ribuan warga telah mengungsi sejak pertempuran pecah pada Selasa pagi.\n\nPasukan Ukraina terus menyerang wilayah Rusia.\n",
        );
        let assault = first(&found, "ASSAULT");
        assert_eq!(assault.date.as_deref(), Some("2024-09-10"), "{assault:#?}");
    }

    #[test]
    fn an_attack_on_a_countrys_ships_happened_at_the_shoal_the_story_is_about() {
        let found = events(
            "Insiden Laut\n\nManila memprotes insiden di dekat Second Thomas Shoal pada Senin.\n\nPersonel Cina menaiki perahu Filipina dan menyerang para pelautnya.\n\nBeijing mengatakan kapal Filipina masuk ke perairan di sekitar Second Thomas Shoal.\n",
        );
        let assault = first(&found, "ASSAULT");
        assert_eq!(
            assault.location.as_ref().map(|l| l.name.as_str()),
            Some("Second Thomas Shoal"),
            "{assault:#?}"
        );
    }

    #[test]
    fn a_fight_on_its_second_day_began_the_day_before() {
        let found = events(
            "Bentrokan Meluas\n\nPertempuran antara pasukan Thailand dan pasukan Kamboja memasuki hari kedua pada Jumat (13/9/2024), dengan roket menghantam desa-desa di Kamboja.\n",
        );
        let assault = first(&found, "ASSAULT");
        assert_eq!(assault.date.as_deref(), Some("2024-09-12"), "{assault:#?}");
    }

    #[test]
    fn words_before_a_day_are_read_whole_whatever_their_bytes() {
        // Multi-byte letters right before an onset day: reading back a fixed number of
        // bytes must not cut one.
        for pad in 0..4 {
            let text = format!(
                "Serangan\n\nGubernur memberi keterangan pada Kamis (12/9/2024).\n\nPasukan Ukraina terus menyerang wilayah Rusia.\n\nWarga mengungsi sejak {}ééééééééééé pecah pada Selasa pagi.\n",
                "é".repeat(pad)
            );
            assert!(!events(&text).is_empty());
        }
    }

    #[test]
    fn an_act_joined_to_condemning_something_tersebut_is_its_own() {
        let found = events(
            "Manuver\n\nJepang mengecam latihan tersebut dan mengerahkan dua kapal perusak ke perairan Okinawa.\n",
        );
        let mobilised = first(&found, "MOBILIZE");
        assert_eq!(actor_name(mobilised), Some("Jepang"), "{found:#?}");
    }

    #[test]
    fn a_drill_mobilises_to_no_one_and_an_act_joined_to_a_condemnation_is_its_own() {
        let found = events(
            "Latihan Militer\n\nAngkatan Laut Jepang menggelar latihan perang di dekat Okinawa pada Selasa.\n\nFilipina mengecam latihan itu dan mengerahkan kapal patroli ke perairan tersebut.\n",
        );
        let drill = first(&found, "MOBILIZE");
        assert!(drill.recipient.is_none(), "{drill:#?}");
        let mobilised: Vec<_> = found
            .iter()
            .filter(|e| e.event_type == "MOBILIZE")
            .map(actor_name)
            .collect();
        assert!(mobilised.contains(&Some("Filipina")), "{found:#?}");
        assert!(found.iter().any(|e| e.event_type == "ACCUSE"), "{found:#?}");
        // What is accused stays governed: "menuduh … menyerang dan membunuh" is one
        // accusation, no attack.
        let accused =
            events("Tuduhan\n\nKyiv menuduh Moskow menyerang dan membunuh warga sipil di Sumy.\n");
        assert!(
            accused.iter().all(|e| e.event_type == "ACCUSE"),
            "{accused:#?}"
        );
    }

    #[test]
    fn an_armed_group_and_its_countrys_forces_are_two_sides_and_bare_agreement_agrees() {
        let found = events(
            "Penembakan\n\nKelompok Kriminal Bersenjata (KKB) menembak mati dua prajurit TNI di Kabupaten Puncak pada Senin.\n",
        );
        let attack = first(&found, "ASSAULT");
        assert_eq!(
            recipient_name(attack),
            Some("Tentara Nasional Indonesia"),
            "{attack:#?}"
        );
        let agreed = events(
            "Gencatan Senjata\n\nIsrael dan Hamas sepakat menghentikan pertempuran selama empat hari.\n",
        );
        assert!(
            agreed.iter().any(|e| e.event_type == "AGREE"),
            "{agreed:#?}"
        );
    }

    #[test]
    fn both_sides_of_a_mutual_fight_are_its_parties() {
        for text in [
            "Perbatasan\n\nPasukan Thailand dan Kamboja saling berbalas tembakan di dekat kuil Preah Vihear pada Senin.\n",
            "Perbatasan\n\nTentara Thailand dan Kamboja terlibat baku tembak di perbatasan pada Senin.\n",
            "Perbatasan\n\nPertempuran antara Thailand dan Kamboja pecah di perbatasan pada Senin.\n",
            "Perbatasan\n\nPasukan Thailand terlibat kontak tembak dengan pasukan Kamboja pada Senin.\n",
        ] {
            let found = events(text);
            let fight = first(&found, "ASSAULT");
            assert_eq!(
                (actor_name(fight), recipient_name(fight)),
                (Some("Thailand"), Some("Kamboja")),
                "{text}: {found:#?}"
            );
        }
    }

    #[test]
    fn the_other_side_is_at_home_in_a_civil_war_and_a_party_when_its_country_is_unnamed() {
        let civil = events(
            "Bentrokan di Darfur\n\nPasukan Dukungan Cepat (RSF) mengaku telah menyerbu markas tentara di Nyala pada Senin. Angkatan Bersenjata Sudan (SAF) membantah klaim itu, tetapi RSF menyebut SAF kehilangan 30 kendaraan. Sebuah lembaga bantuan Amerika Serikat mengungsikan stafnya.\n",
        );
        let raid = first(&civil, "ASSAULT");
        assert_eq!(
            actor_name(raid),
            Some("Pasukan Dukungan Cepat"),
            "{civil:#?}"
        );
        assert_eq!(
            recipient_name(raid),
            Some("Angkatan Bersenjata Sudan"),
            "{civil:#?}"
        );
        let unnamed = events(
            "Gaza\n\nHamas menolak usulan baru itu, kata pejabat Hamas di Doha. Qatar masih menunggu jawaban resmi. Menurut Hamas, jet tempur Israel kemudian menggempur sebuah sekolah di Khan Younis.\n",
        );
        let strike = first(&unnamed, "ASSAULT");
        assert_eq!(actor_name(strike), Some("Israel"), "{unnamed:#?}");
        assert_eq!(recipient_name(strike), Some("Hamas"), "{unnamed:#?}");
        let seated = events(
            "Perbatasan\n\nPakistan menembaki pos-pos India di Kashmir pada Selasa. India mengecam serangan itu. Kasus lain masih diperiksa Mahkamah Internasional (ICJ) di Den Haag, dan ICJ belum memutus. Para hakim ICJ bersidang di Den Haag.\n",
        );
        assert!(
            seated
                .iter()
                .all(|e| recipient_name(e) != Some("Mahkamah Internasional")
                    && (e.event_type != "ACCUSE" || recipient_name(e) == Some("Pakistan"))),
            "{seated:#?}"
        );
    }
}
