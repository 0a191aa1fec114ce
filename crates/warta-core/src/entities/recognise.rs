//! Finding names: knowledge-base aliases checked against case and context, tagger names
//! for what the knowledge base lacks, and offices written without a name.

use std::collections::HashSet;

use jiff::civil::Date;
use warta_kb::{EntityId, Kb, Layer, fold};
use warta_ner::Model;

use super::{EntityRules, Offices, SentenceTokens};
use crate::analysis::{EntityType, Resolution};
use crate::morph::Lemmatizer;
use crate::span::Span;
use crate::token::{Token, TokenKind};

/// What recognition runs on.
pub(super) struct Context<'a> {
    pub kb: &'a Kb,
    pub tagger: &'a Model,
    /// The gazetteer the tagger was trained with.
    pub known: &'a warta_ner::Gazetteer,
    pub offices: &'a Offices,
    pub rules: &'a EntityRules,
    pub lemmatizer: &'a Lemmatizer,
}

/// A recognised mention, before linking.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub span: Span,
    pub how: Resolution,
    /// Knowledge-base entities the words may name, best first by context; empty for a
    /// name the knowledge base lacks.
    pub candidates: Vec<EntityId>,
    /// The type of a name the knowledge base lacks, as the tagger read it.
    pub entity_type: EntityType,
    /// Whether the tagger or a cue word backs a knowledge-base match.
    pub supported: bool,
}

/// The entity type of a knowledge-base type.
pub(super) fn type_of(t: warta_kb::EntityType) -> EntityType {
    match t {
        warta_kb::EntityType::Per => EntityType::PER,
        warta_kb::EntityType::Org => EntityType::ORG,
        warta_kb::EntityType::Loc => EntityType::LOC,
    }
}

fn tagger_type(t: warta_ner::EntityType) -> Option<EntityType> {
    match t {
        warta_ner::EntityType::Person => Some(EntityType::PER),
        warta_ner::EntityType::Organization => Some(EntityType::ORG),
        warta_ner::EntityType::Location => Some(EntityType::LOC),
        warta_ner::EntityType::Quantity | warta_ner::EntityType::Time => None,
    }
}

/// A knowledge-base match that needs support from elsewhere in the article: accepted if
/// one of its candidates is named there unambiguously, or, for a person's given name,
/// if the article names the person's country (other than the press's own) or
/// organisation.
struct Pending {
    found: Found,
    /// The match is only a given name of famous people ("Anwar").
    given_name: bool,
    /// The text describes whoever bears the name as someone ordinary ("Abbas, warga
    /// Khan Younis"), not the famous person: never accepted.
    ordinary: bool,
}

/// Every mention in the article, in text order.
pub(super) fn recognise(
    cx: &Context<'_>,
    text: &str,
    sentences: &[SentenceTokens<'_>],
    published: Option<Date>,
) -> Vec<Found> {
    let gazetteer = cx.kb.gazetteer();
    let mut found: Vec<Found> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    // Tagger names over pending matches, with the match's span.
    let mut fallback: Vec<(Span, Found)> = Vec::new();
    for sentence in sentences {
        let tokens = sentence.tokens;
        // In a headline-style sentence every word is capitalised, so the tagger's
        // capitalisation evidence is void there: only names the knowledge base knows
        // count, and they get no support from the tagger.
        let title_case = is_title_case(cx, text, tokens);
        let words: Vec<&str> = tokens.iter().map(|t| t.span.of(text)).collect();
        let labels = cx.tagger.tag_with(&words, Some(cx.known));
        let tagged: Vec<(Span, EntityType)> = warta_ner::entities(&labels)
            .into_iter()
            .filter_map(|e| {
                let t = tagger_type(e.kind)?;
                Some((
                    Span::new(tokens[e.start].span.start, tokens[e.end - 1].span.end),
                    t,
                ))
            })
            .collect();
        // Spans the knowledge base claims in this sentence, and those awaiting support.
        let mut claimed: Vec<Span> = Vec::new();
        let mut held: Vec<Span> = Vec::new();
        // Spans to search: the sentence, then the rest of any match rejected as a whole
        // ("pasukan AS" is a description, "AS" in it still a name).
        let mut search = vec![sentence.span];
        while let Some(area) = search.pop() {
            for m in gazetteer.find(area.of(text)) {
                let span = Span::new(m.start, m.end).shifted(area.start);
                let surface = span.of(text);
                let key = fold(surface);
                let head = key.split(' ').next().unwrap_or_default();
                let lowercase_head = cx.rules.lowercase_heads.contains(head);
                // A word that introduces a place ("Laut" of "Laut Jepang") names none.
                let place_word = cx.rules.place_cues.contains(&key)
                    && m.candidates.iter().all(|id| {
                        cx.kb
                            .get(id)
                            .is_some_and(|e| e.entity_type == warta_kb::EntityType::Loc)
                    });
                let rejected = cx.rules.never.contains(&key)
                    || place_word
                    || cx.rules.descriptions.contains(head)
                    || !(lowercase_head && key.contains(' ')
                        || plausible_case(surface, m.exact_case));
                if rejected {
                    let after_space = surface
                        .char_indices()
                        .find(|(_, c)| c.is_whitespace())
                        .map(|(i, c)| i + c.len_utf8());
                    if let Some(rest) = after_space {
                        search.push(Span::new(span.start + rest, span.end));
                    }
                    continue;
                }
                if let Some(part) = compass_part(cx, text, tokens, span, &m.candidates) {
                    claimed.push(part.span);
                    found.push(part);
                    continue;
                }
                let cues = cues_before(cx.rules, text, tokens, span.start);
                let tagger_says: Vec<EntityType> = tagged
                    .iter()
                    .filter(|(t, _)| !title_case && overlaps(*t, span))
                    .map(|&(_, ty)| ty)
                    .collect();
                let entities: Vec<_> = m.candidates.iter().filter_map(|id| cx.kb.get(id)).collect();
                let single_word = !key.contains(' ');
                let is_person = |e: &&warta_kb::Entity| e.entity_type == warta_kb::EntityType::Per;
                let some_person = entities.iter().any(is_person);
                // A common word that names some small place ("Besar", a town in
                // Algeria); the root lexicon holds a few country names too ("qatar").
                let common = single_word
                    && cx.lemmatizer.is_root(&key)
                    && entities
                        .iter()
                        .all(|e| e.layer == Layer::Generated && e.kind != "country");
                // A one-word alias of a person inside a longer name the tagger reads is
                // someone else who shares it ("Hunter Biden", "Anwar Usman"), and a common
                // word inside one is part of that name ("Besar" of "Aula Besar Rakyat"):
                // the tagger's name stands.
                // So is a one-word name of a place or body that ends a longer name the
                // tagger reads as a person's ("Therese Kayikwamba Wagner" is no Wagner
                // Group, "Lai Ching-te" no Chinese town); a country keeps its name.
                let ends_person_name = |t: Span, ty: EntityType| {
                    ty == EntityType::PER
                        && t.end == span.end
                        && !some_person
                        && entities.iter().all(|e| e.kind != "country")
                };
                let inside_longer_name = single_word
                    && !title_case
                    && tagged.iter().any(|&(t, ty)| {
                        (common || some_person && ty == EntityType::PER || ends_person_name(t, ty))
                            && extends_name(cx, text, tokens, t, ty, span)
                    });
                let types: HashSet<EntityType> =
                    entities.iter().map(|e| type_of(e.entity_type)).collect();
                // An organisation named after a place ends with the place's name
                // ("Kementerian Kesehatan Lebanon", "Universitas Indonesia"): where the
                // knowledge base lacks the organisation, the tagger's name stands.
                let closes_organisation = !title_case
                    && types.iter().all(|&t| t == EntityType::LOC)
                    && tagged.iter().any(|&(t, ty)| {
                        ty == EntityType::ORG && ends_organisation(cx, text, tokens, t, span)
                    });
                if inside_longer_name || closes_organisation {
                    continue;
                }
                // A body of one country with another country's name right after it
                // ("Angkatan Darat India" is not Indonesia's army) is that country's: the
                // words with the country's name are one organisation, found there.
                if !entities.is_empty()
                    && entities
                        .iter()
                        .all(|e| e.entity_type == warta_kb::EntityType::Org && e.country.is_some())
                    && let Some(country) = country_named_after(cx, text, tokens, span)
                    && entities
                        .iter()
                        .all(|e| e.country.as_ref() != Some(&country))
                {
                    continue;
                }
                // (A common word is no place to end an organisation's name with: "Besar"
                // of "Kedutaan Besar RI".)
                if !common
                    && types.iter().all(|&t| t == EntityType::LOC)
                    && let Some(org) =
                        organisation_ending_in(cx, text, tokens, &tagged, &claimed, span)
                {
                    claimed.push(org.span);
                    found.push(org);
                    continue;
                }
                // "rudal balistik Iskander-M", "drone jenis Shahed": a town's name right after
                // a weapon's or a vessel's word names the model, not the town.
                if entities
                    .iter()
                    .all(|e| e.layer == Layer::Generated && e.kind == "city")
                    && ends_with_cue(
                        &cx.rules.object_cues,
                        cx.rules.longest_cue,
                        text,
                        tokens,
                        span.start,
                    )
                {
                    continue;
                }
                // Narrow the candidates to the type the tagger or a cue word gives, when one
                // of them has it.
                let preferred = tagger_says
                    .iter()
                    .chain(&cues)
                    .find(|t| types.contains(t))
                    .copied();
                let narrowed: Vec<&warta_kb::Entity> = entities
                    .iter()
                    .filter(|e| preferred.is_none_or(|t| type_of(e.entity_type) == t))
                    .copied()
                    .collect();
                let candidates: Vec<EntityId> = narrowed.iter().map(|e| e.id.clone()).collect();
                // Only people are read here.
                let people = !narrowed.is_empty() && narrowed.iter().all(is_person);
                let only_generated_people = entities.iter().all(|e| {
                    e.layer == Layer::Generated && e.entity_type == warta_kb::EntityType::Per
                });
                let opens_sentence = tokens
                    .iter()
                    .take_while(|t| t.span.start < span.start)
                    .all(|t| t.kind == TokenKind::Punct);
                // People share given names far more than family names: a given name
                // alone ("Anwar") needs the person's full name or country in the
                // article, or one of the person's offices right before it.
                let given_name = single_word
                    && people
                    && narrowed.iter().all(|e| {
                        fold(&e.name)
                            .split_once(' ')
                            .is_some_and(|(first, _)| first == key)
                    })
                    && !narrowed
                        .iter()
                        .any(|e| holds_office_before(cx, text, tokens, span.start, e));
                let ordinary =
                    single_word && some_person && described_as_ordinary(cx, text, tokens, span);
                let ambiguous = given_name
                    || ordinary
                    || cx.rules.ambiguous.contains(&key)
                    || key.chars().filter(|c| c.is_alphanumeric()).count() <= 3
                    || (single_word && cx.lemmatizer.is_root(&key))
                    || (single_word && only_generated_people)
                    || (single_word && opens_sentence && !m.exact_case);
                let supported = preferred.is_some() && !given_name && !ordinary;
                // The tagger reads a generated name as another type ("Santos" the person,
                // not the Brazilian city): the tagger's name stands.
                let disagrees = !tagger_says.is_empty()
                    && !supported
                    && single_word
                    && entities.iter().all(|e| e.layer == Layer::Generated);
                if disagrees {
                    continue;
                }
                let f = Found {
                    span,
                    how: Resolution::Gazetteer,
                    candidates,
                    entity_type: preferred
                        .or_else(|| entities.first().map(|e| type_of(e.entity_type)))
                        .unwrap_or(EntityType::LOC),
                    supported,
                };
                if ambiguous && !supported {
                    held.push(span);
                    pending.push(Pending {
                        found: f,
                        given_name,
                        ordinary,
                    });
                } else {
                    claimed.push(span);
                    if types.iter().all(|&t| t == EntityType::LOC)
                        && let Some(org) = place_organisation(cx, text, tokens, span)
                    {
                        claimed.push(org.span);
                        found.push(org);
                    }
                    found.push(f);
                }
            }
        }
        for (span, entity_type) in tagged {
            if claimed.iter().any(|&c| overlaps(c, span)) {
                continue;
            }
            let Some(f) = tagger_name(cx, text, tokens, span, entity_type, title_case) else {
                continue;
            };
            // A name over a match awaiting support stands if the match finds none.
            match held.iter().find(|&&h| overlaps(h, f.span)) {
                Some(&h) => fallback.push((h, f)),
                None => {
                    // A place the knowledge base lacks has a government too ("pemerintah
                    // Provinsi Oddar Meanchey").
                    if f.entity_type == EntityType::LOC
                        && let Some(org) = place_organisation(cx, text, tokens, f.span)
                    {
                        found.push(org);
                    }
                    found.push(f);
                }
            }
        }
        if let Some(date) = published {
            offices(cx, text, tokens, date, &mut found);
        }
    }
    let named: HashSet<EntityId> = found
        .iter()
        .filter(|f| f.candidates.len() == 1)
        .flat_map(|f| f.candidates.iter().cloned())
        .collect();
    // The countries of the places and actors named without ambiguity, but for the home
    // country of the language's press, which nearly every article names.
    let countries: HashSet<String> = found
        .iter()
        .filter_map(|f| match f.candidates.as_slice() {
            [id] => cx.kb.get(id)?.country.clone(),
            _ => None,
        })
        .filter(|c| !cx.rules.home_countries.contains(&fold(c)))
        .collect();
    // The organisations whose offices the people named hold or held: a short name of
    // one ("PBB" in "Sekretaris Jenderal PBB Antonio Guterres") is that organisation.
    let people_orgs: HashSet<&EntityId> = named
        .iter()
        .filter_map(|id| cx.kb.get(id))
        .flat_map(|e| e.roles.iter().filter_map(|r| r.org.as_ref()))
        .collect();
    // The names of what the article names: a body written without its parent's name
    // ("Dewan Keamanan") is the one whose full name ends with a named parent's ("Dewan
    // Keamanan PBB" where the PBB is named).
    let named_names: Vec<String> = named
        .iter()
        .filter_map(|id| cx.kb.get(id))
        .flat_map(|e| e.names().map(|(name, _)| fold(name)))
        .collect();
    let part_of_named = |id: &EntityId| {
        cx.kb.get(id).is_some_and(|e| {
            e.names().any(|(name, _)| {
                let name = fold(name);
                named_names.iter().any(|parent| {
                    name.strip_suffix(parent.as_str())
                        .is_some_and(|head| head.ends_with(' '))
                })
            })
        })
    };
    // Words the knowledge base matched and context confirmed somewhere in the article: the
    // same words elsewhere (a headline's "Islamabad", a common word there) are the same
    // name.
    let confirmed: HashSet<String> = found
        .iter()
        .filter(|f| f.how == Resolution::Gazetteer && !f.candidates.is_empty())
        .map(|f| fold(f.span.of(text)))
        .collect();
    for p in pending {
        // A given name is the person whose country the story is about, or whose
        // organisation it names ("Tedros" beside the WHO).
        let context = |id: &EntityId| {
            cx.kb.get(id).is_some_and(|e| {
                e.country.as_ref().is_some_and(|c| countries.contains(c))
                    || e.roles
                        .iter()
                        .filter_map(|r| r.org.as_ref())
                        .any(|org| named.contains(org))
            })
        };
        let accepted = !p.ordinary
            && (p.found.candidates.iter().any(|c| named.contains(c))
                || (!p.given_name && confirmed.contains(&fold(p.found.span.of(text))))
                || (!p.given_name
                    && p.found
                        .candidates
                        .iter()
                        .any(|c| people_orgs.contains(c) || part_of_named(c)))
                || (p.given_name && p.found.candidates.iter().any(context)));
        if accepted {
            found.push(p.found);
        } else {
            // Without the knowledge-base readings the match was refused.
            let refused = &p.found.candidates;
            found.extend(
                fallback
                    .iter()
                    .filter(|(h, _)| *h == p.found.span)
                    .map(|(_, f)| {
                        let mut f = f.clone();
                        f.candidates.retain(|c| !refused.contains(c));
                        f
                    }),
            );
        }
    }
    found.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    found
}

/// A name the tagger found where the knowledge base claims nothing, or `None` when it is
/// not one: a common word opening the sentence, or unknown to the knowledge base in a
/// title-case headline.
fn tagger_name(
    cx: &Context<'_>,
    text: &str,
    tokens: &[Token],
    span: Span,
    entity_type: EntityType,
    title_case: bool,
) -> Option<Found> {
    let span = trim_name(cx.rules, text, tokens, span, entity_type)?;
    let key = fold(span.of(text));
    // A common word capitalised because it opens the sentence, bare or affixed
    // ("Anak-anak", "Pengungsi").
    let opens_sentence = tokens
        .iter()
        .take_while(|t| t.span.start < span.start)
        .all(|t| t.kind == TokenKind::Punct);
    let surface = span.of(text);
    if opens_sentence && !surface.contains(char::is_whitespace) && common_word(cx, surface) {
        return None;
    }
    // A ship ("BRP Sierra Madre") or a model of weapon ("rudal Tomahawk") is no entity.
    let first_word = key.split(' ').next().unwrap_or_default();
    if cx.rules.vessel_prefixes.contains(first_word)
        || ends_with_cue(
            &cx.rules.object_cues,
            cx.rules.longest_cue,
            text,
            tokens,
            span.start,
        )
    {
        return None;
    }
    // A name that opens with an organisation's head word ("Komando Teater Timur",
    // "Dewan Transisi") is an organisation, whatever type the tagger read.
    let entity_type = if span.of(text).starts_with(char::is_uppercase)
        && cx.rules.org_heads.contains(first_word)
        && key.contains(' ')
    {
        EntityType::ORG
    } else {
        entity_type
    };
    // A name the case or context checks turned down may still be a knowledge-base
    // name of the type the tagger gives.
    let candidates: Vec<EntityId> = cx
        .kb
        .lookup(&key)
        .into_iter()
        .filter(|e| type_of(e.entity_type) == entity_type)
        .map(|e| e.id.clone())
        .collect();
    if title_case && candidates.is_empty() {
        return None;
    }
    Some(Found {
        span,
        how: Resolution::Model,
        candidates,
        entity_type,
        supported: true,
    })
}

/// Whether the words after a name describe an ordinary person: an age in parentheses
/// ("Abbas (45)") or an apposition with an everyday description ("Abbas, warga Khan
/// Younis", "Retno, seorang pedagang").
fn described_as_ordinary(cx: &Context<'_>, text: &str, tokens: &[Token], name: Span) -> bool {
    let k = tokens.partition_point(|t| t.span.start < name.end);
    let after: Vec<&Token> = tokens[k..].iter().take(cx.rules.longest_cue + 1).collect();
    let age = matches!(after.as_slice(), [open, number, close, ..]
        if open.span.of(text) == "(" && number.kind == TokenKind::Number && close.span.of(text) == ")");
    let apposition = after.first().is_some_and(|t| t.span.of(text) == ",")
        && (2..=after.len()).any(|n| {
            let phrase = Span::new(after[1].span.start, after[n - 1].span.end);
            cx.rules.ordinary_people.contains(&fold(phrase.of(text)))
        });
    age || apposition
}

/// Whether a word is a common word, bare, affixed or reduplicated ("Anak-anak",
/// "pengungsi"); folding would read a reduplication's hyphen as a space.
fn common_word(cx: &Context<'_>, word: &str) -> bool {
    let word = word.to_lowercase();
    cx.lemmatizer.is_root(&word) || cx.lemmatizer.is_root(&cx.lemmatizer.analyze(&word).lemma)
}

/// A headline in title case. Function words ("dalam", "untuk", "di") may go either way
/// there, so only the other words count: at least three, all capitalised (a name-dense
/// sentence, "Presiden Prancis Emmanuel Macron di Istana Elysee", still has its verb),
/// and at least two capitalised common words after the first word, which tell a
/// headline ("Ratusan Drone Serbu Kyiv") from a sentence that lists names.
fn is_title_case(cx: &Context<'_>, text: &str, tokens: &[Token]) -> bool {
    let content: Vec<(usize, &str)> = tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Name))
        .map(|t| t.span.of(text))
        .enumerate()
        .filter(|(_, w)| !cx.rules.function_words.contains(&fold(w)))
        .collect();
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    let common = content
        .iter()
        .filter(|&&(i, w)| i > 0 && capitalised(w) && common_word(cx, w))
        .count();
    content.len() >= 3 && content.iter().all(|(_, w)| capitalised(w)) && common >= 2
}

/// An organisation named by a government word before a place ("administrasi wilayah
/// Kursk", "pemerintah kota Kharkiv"): the knowledge base's if it has the name, else one
/// of the article; found through the knowledge base's place, hence `Gazetteer`. The
/// place stays a mention of its own, as the story names it.
fn place_organisation(
    cx: &Context<'_>,
    text: &str,
    tokens: &[Token],
    place: Span,
) -> Option<Found> {
    let k = tokens.partition_point(|t| t.span.end <= place.start);
    (1..=cx.rules.longest_cue.min(k)).rev().find_map(|n| {
        let head = Span::new(tokens[k - n].span.start, tokens[k - 1].span.end);
        if !cx.rules.place_org_heads.contains(&fold(head.of(text))) {
            return None;
        }
        let span = Span::new(head.start, place.end);
        Some(organisation_through_place(cx, text, span))
    })
}

/// The organisation `span` names, found through the place it ends with (hence
/// `Gazetteer`): the knowledge base's organisations of that name are its candidates.
fn organisation_through_place(cx: &Context<'_>, text: &str, span: Span) -> Found {
    let candidates = cx
        .kb
        .lookup(span.of(text))
        .into_iter()
        .filter(|e| e.entity_type == warta_kb::EntityType::Org)
        .map(|e| e.id.clone())
        .collect();
    Found {
        span,
        how: Resolution::Gazetteer,
        candidates,
        entity_type: EntityType::ORG,
        supported: true,
    }
}

/// Whether the tagger's organisation `tagged` is capitalised words ending with the place
/// `place`, and not a description ("Militer Ukraina" is the country's army, described).
fn ends_organisation(
    cx: &Context<'_>,
    text: &str,
    tokens: &[Token],
    tagged: Span,
    place: Span,
) -> bool {
    let head: Vec<&str> = tokens
        .iter()
        .filter(|w| w.span.start >= tagged.start && w.span.end <= place.start)
        .map(|w| w.span.of(text))
        .collect();
    tagged.start < place.start
        && tagged.end == place.end
        && head
            .first()
            .is_some_and(|w| !cx.rules.descriptions.contains(&fold(w)))
        && head
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && !cx.rules.never.contains(&fold(w)))
}

/// An organisation's name that ends with a place's, found by its head word and the
/// capitalised words after it ("Kementerian Kesehatan Lebanon", "Universitas
/// Indonesia"), where the tagger reads the place alone: the knowledge base's
/// organisation if it has the name, else one of the article (`Gazetteer`, as for
/// [`place_organisation`]). Not where the place is part of a person's name the tagger
/// reads ("Akbar Tandjung"), nor across a name already found ("Partai Golkar Jakarta"
/// is the party's branch in a place), nor where the name goes on after the place.
fn organisation_ending_in(
    cx: &Context<'_>,
    text: &str,
    tokens: &[Token],
    tagged: &[(Span, EntityType)],
    claimed: &[Span],
    place: Span,
) -> Option<Found> {
    let k = tokens.partition_point(|t| t.span.end <= place.start);
    let person = |span: Span| {
        tagged
            .iter()
            .any(|&(t, ty)| ty == EntityType::PER && overlaps(t, span))
    };
    // A name that goes on after the place does not end with it ("Partai Indonesia
    // Sejahtera").
    let goes_on = tokens
        .get(tokens.partition_point(|t| t.span.start < place.end))
        .is_some_and(|t| t.kind == TokenKind::Name);
    if person(place) || goes_on {
        return None;
    }
    let mut start = k;
    while start > 0 {
        let token = &tokens[start - 1];
        let word = token.span.of(text);
        let key = fold(word);
        if !word.starts_with(char::is_uppercase)
            || cx.rules.never.contains(&key)
            || cx.rules.function_words.contains(&key)
            || person(token.span)
            || claimed.iter().any(|&c| overlaps(c, token.span))
        {
            break;
        }
        start -= 1;
        if cx.rules.org_heads.contains(&key) {
            let span = Span::new(tokens[start].span.start, place.end);
            return Some(organisation_through_place(cx, text, span));
        }
    }
    None
}

/// The country (its code) whose name follows `span` at once, in up to three words
/// ("India", "Korea Selatan").
fn country_named_after(
    cx: &Context<'_>,
    text: &str,
    tokens: &[Token],
    span: Span,
) -> Option<String> {
    let next = tokens.partition_point(|t| t.span.start < span.end);
    let following = tokens.get(next..)?;
    (1..=3.min(following.len())).find_map(|words| {
        let name = Span::new(following[0].span.start, following[words - 1].span.end).of(text);
        cx.kb
            .lookup(name)
            .into_iter()
            .find(|e| e.kind == "country")
            .and_then(|e| e.country.clone())
    })
}

/// Whether the tagger's name `tagged` is `name` with more name words, after the titles
/// are trimmed: capitalised inside the sentence (the opener also not a common word) and
/// not in the `never` list ("Rabu" of "Putin Rabu" is the tagger running on).
fn extends_name(
    cx: &Context<'_>,
    text: &str,
    tokens: &[Token],
    tagged: Span,
    entity_type: EntityType,
    name: Span,
) -> bool {
    let Some(tagged) = trim_name(cx.rules, text, tokens, tagged, entity_type) else {
        return false;
    };
    let opener = tokens.iter().position(|t| t.kind != TokenKind::Punct);
    let longer = tagged.start <= name.start && name.end <= tagged.end && tagged != name;
    longer
        && tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.span.start >= tagged.start && t.span.end <= tagged.end)
            .filter(|(_, t)| t.span.end <= name.start || t.span.start >= name.end)
            .all(|(i, t)| {
                let word = t.span.of(text);
                let key = fold(word);
                let name_word = if Some(i) == opener {
                    word.starts_with(char::is_uppercase) && !common_word(cx, &key)
                } else {
                    t.kind == TokenKind::Name
                };
                name_word && !cx.rules.never.contains(&key)
            })
}

/// Whether the words right before `start` name one of the offices `entity` holds or
/// held ("Perdana Menteri Malaysia", or the title word "PM" that opens "PM Malaysia").
fn holds_office_before(
    cx: &Context<'_>,
    text: &str,
    tokens: &[Token],
    start: usize,
    entity: &warta_kb::Entity,
) -> bool {
    let forms: Vec<String> = entity
        .roles
        .iter()
        .filter_map(|r| r.title.as_deref())
        .flat_map(|name| {
            let declared = cx.kb.titles().iter().find(|t| t.name == name);
            let others = declared
                .into_iter()
                .flat_map(|t| t.en.iter().chain(&t.aliases));
            std::iter::once(name)
                .chain(others.map(String::as_str))
                .map(fold)
                .collect::<Vec<_>>()
        })
        .collect();
    if forms.is_empty() {
        return false;
    }
    let k = tokens.partition_point(|t| t.span.end <= start);
    (1..=cx.offices.longest.min(k)).any(|n| {
        let phrase = fold(Span::new(tokens[k - n].span.start, tokens[k - 1].span.end).of(text));
        forms.iter().any(|form| {
            *form == phrase
                || (cx.rules.person_titles.contains(&phrase)
                    && form
                        .strip_prefix(phrase.as_str())
                        .is_some_and(|rest| rest.starts_with(' ')))
        })
    })
}

/// Whether the case of a match allows a name: names are capitalised, so an all-lower-case
/// match is a common word ("malang", "as"); a case-folded match must be written in
/// capitals (a headline's "KIEV") or be several words ("Kementerian pertahanan Rusia").
fn plausible_case(surface: &str, exact_case: bool) -> bool {
    let mut letters = surface.chars().filter(|c| c.is_alphabetic()).peekable();
    if letters.peek().is_none() || !surface.chars().any(char::is_uppercase) {
        return false;
    }
    if exact_case {
        return true;
    }
    let all_caps = surface
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    all_caps || (surface.contains(char::is_whitespace) && surface.starts_with(char::is_uppercase))
}

/// The part of a place named by the place and a compass word after it ("Darfur Barat"),
/// where the knowledge base has the part by its English name ("West Darfur") but not the
/// Indonesian one.
fn compass_part(
    cx: &Context<'_>,
    text: &str,
    tokens: &[Token],
    place: Span,
    candidates: &[EntityId],
) -> Option<Found> {
    let k = tokens.partition_point(|t| t.span.start < place.end);
    let (english, end) = (1..=2).rev().find_map(|n| {
        let last = tokens.get(k + n - 1)?;
        let words = Span::new(tokens.get(k)?.span.start, last.span.end);
        let english = cx.rules.compass_words.get(&fold(words.of(text)))?;
        Some((english, words.end))
    })?;
    let mut parts: Vec<EntityId> = Vec::new();
    for id in candidates {
        let Some(e) = cx.kb.get(id) else { continue };
        if e.entity_type != warta_kb::EntityType::Loc {
            return None;
        }
        for (name, _) in e.names() {
            for part in cx.kb.lookup(&format!("{english} {name}")) {
                if part.entity_type == warta_kb::EntityType::Loc && !parts.contains(&part.id) {
                    parts.push(part.id.clone());
                }
            }
        }
    }
    (!parts.is_empty()).then(|| Found {
        span: Span::new(place.start, end),
        how: Resolution::Gazetteer,
        candidates: parts,
        entity_type: EntityType::LOC,
        supported: true,
    })
}

/// Whether the words right before `start` are one of `cues` (folded phrases of at most
/// `longest` words).
fn ends_with_cue(
    cues: &HashSet<String>,
    longest: usize,
    text: &str,
    tokens: &[Token],
    start: usize,
) -> bool {
    let k = tokens.partition_point(|t| t.span.end <= start);
    (1..=longest.min(k)).any(|n| {
        cues.contains(&fold(
            Span::new(tokens[k - n].span.start, tokens[k - 1].span.end).of(text),
        ))
    })
}

/// The types the words right before `start` point to ("Presiden …", "di …", "kantor
/// berita …"), person first.
fn cues_before(rules: &EntityRules, text: &str, tokens: &[Token], start: usize) -> Vec<EntityType> {
    let k = tokens.partition_point(|t| t.span.end <= start);
    let mut types = Vec::new();
    for n in 1..=rules.longest_cue.min(k) {
        let phrase = fold(Span::new(tokens[k - n].span.start, tokens[k - 1].span.end).of(text));
        for (set, t) in [
            (&rules.person_titles, EntityType::PER),
            (&rules.place_cues, EntityType::LOC),
            (&rules.org_cues, EntityType::ORG),
        ] {
            if set.contains(&phrase) && !types.contains(&t) {
                types.push(t);
            }
        }
    }
    types
}

/// A tagger name without the title words it sometimes takes in ("Presiden Joko
/// Widodo"), or `None` when nothing name-like remains.
fn trim_name(
    rules: &EntityRules,
    text: &str,
    tokens: &[Token],
    span: Span,
    entity_type: EntityType,
) -> Option<Span> {
    let mut inside: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.span.start >= span.start && t.span.end <= span.end)
        .collect();
    if entity_type == EntityType::PER {
        // A rank inside the name ends what came before it: the unit or office the
        // tagger ran on from ("Kodam Cenderawasih Letkol Inf Candra Kurniawan").
        let word = |t: &Token| fold(t.span.of(text)).trim_end_matches('.').to_string();
        if let Some(rank) = inside[..inside.len().saturating_sub(1)]
            .iter()
            .rposition(|t| rules.ranks.contains(&word(t)))
        {
            inside.drain(..=rank);
            while inside.len() > 1 && rules.rank_corps.contains(&word(inside[0])) {
                inside.remove(0);
            }
        }
        // A title may carry its abbreviation's dot ("Dr.").
        while inside.len() > 1
            && rules
                .person_titles
                .contains(fold(inside[0].span.of(text)).trim_end_matches('.'))
        {
            inside.remove(0);
        }
    }
    let first = inside.first()?;
    let last = inside.last()?;
    let span = Span::new(first.span.start, last.span.end);
    let surface = span.of(text);
    let key = fold(surface);
    let name_like = surface.starts_with(char::is_uppercase)
        && first.kind != TokenKind::Punct
        && !rules.never.contains(key.trim_end_matches('.'))
        && !(entity_type == EntityType::LOC && rules.place_cues.contains(&key));
    name_like.then_some(span)
}

/// Offices written without a name after them ("kata Presiden AS", "juru bicara Kremlin
/// mengatakan"): mentions of whoever held the office on the publication date.
fn offices(cx: &Context<'_>, text: &str, tokens: &[Token], date: Date, found: &mut Vec<Found>) {
    let mut i = 0;
    while i < tokens.len() {
        // The folded first token is a prefix of the folded form of every span it opens
        // (folding reads character by character), so a token no office name starts with
        // opens none. ("\x0B" folds apart in ASCII and other text: such tokens are tried.)
        let first = tokens[i].span.of(text);
        if !first.contains('\x0B') && !cx.offices.any_starts_with(&fold(first)) {
            i += 1;
            continue;
        }
        let longest = cx.offices.longest.min(tokens.len() - i);
        let hit = (1..=longest).rev().find_map(|n| {
            let span = Span::new(tokens[i].span.start, tokens[i + n - 1].span.end);
            let office = cx.offices.names.get(&fold(span.of(text)))?;
            Some((n, span, office))
        });
        let Some((n, span, office)) = hit else {
            i += 1;
            continue;
        };
        // The holder is named right after the office, or in apposition after a comma
        // ("Perdana Menteri Thailand, Phumtham Wechayachai,"): that name says who is
        // meant, an acting holder as well, and no role link is needed (a day, "Senin",
        // after the comma names nobody).
        let name_at = |k: usize| {
            tokens.get(k).is_some_and(|t| {
                t.kind == TokenKind::Name && !cx.rules.never.contains(&fold(t.span.of(text)))
            })
        };
        let named_after = name_at(i + n)
            || tokens.get(i + n).is_some_and(|t| t.span.of(text) == ",") && name_at(i + n + 1);
        let former = i > 0
            && cx
                .rules
                .not_current
                .contains(&fold(tokens[i - 1].span.of(text)));
        if !named_after && !former {
            let holders = cx.kb.holders(office, date);
            let curated: Vec<_> = holders
                .iter()
                .filter(|(e, _)| e.layer == Layer::Curated)
                .collect();
            let mut ids: Vec<EntityId> = curated.iter().map(|(e, _)| e.id.clone()).collect();
            ids.dedup();
            if let [id] = ids.as_slice() {
                found.push(Found {
                    span,
                    how: Resolution::Role,
                    candidates: vec![id.clone()],
                    entity_type: EntityType::PER,
                    supported: true,
                });
            }
        }
        i += n;
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}
