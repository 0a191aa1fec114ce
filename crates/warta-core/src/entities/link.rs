//! Linking: one entity per mention, surnames to the full names written before them, and
//! article-local entities for names the knowledge base lacks.

use std::collections::{HashMap, HashSet};

use warta_kb::{EntityId, Kb, Lang, Layer, fold};

use super::EntityRules;
use super::recognise::{Found, type_of};
use crate::analysis::{Coordinates, Entity, EntityMention, EntityType, Resolution};
use crate::span::Span;

/// An entity of the article while its mentions are gathered.
struct Building {
    id: String,
    name: String,
    entity_type: EntityType,
    kind: Option<String>,
    aliases: Vec<String>,
    country: Option<String>,
    coordinates: Option<Coordinates>,
    mentions: Vec<EntityMention>,
    /// Folded last word of a person's full name, for surname coreference.
    surname: Option<String>,
}

/// Links every recognised mention and gathers the mentions of each entity. The dateline's
/// place, cut from the text by cleaning, is an entity too, without a mention when the
/// story does not name it again.
pub(super) fn link(
    kb: &Kb,
    rules: &EntityRules,
    text: &str,
    found: Vec<Found>,
    dateline: Option<&str>,
) -> Vec<Entity> {
    let countries = article_countries(kb, &found);
    let mut entities: Vec<Building> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // Full names first, so that a surname anywhere in the article (even in the headline,
    // before the full name) finds the person it belongs to.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (is_short_person(text, &found[i]), found[i].span.start));
    for i in order {
        let f = &found[i];
        let surface = f.span.of(text);
        let key = fold(surface);
        let mut how = f.how;
        let short = is_short_person(text, f);
        // A surname of a person already in the article is that person, unless the
        // knowledge base names someone the article already mentions.
        let named_candidate = f
            .candidates
            .iter()
            .find(|c| index.contains_key(c.as_str()))
            .cloned();
        // Surnames first; else a given name ("Andini" for Andini Prameswari), or a family
        // name written first ("Liu" for Liu Dejun).
        let by_surname = short
            .then(|| {
                let family = |e: &Building| e.surname.as_deref() == Some(key.as_str());
                let given = |e: &Building| {
                    e.entity_type == EntityType::PER
                        && e.surname.is_some()
                        && fold(&e.name).split(' ').next() == Some(key.as_str())
                };
                entities
                    .iter()
                    .position(family)
                    .or_else(|| entities.iter().position(given))
            })
            .flatten();
        let slot = match (named_candidate, by_surname) {
            (Some(id), _) => index[id.as_str()],
            (None, Some(slot)) => {
                if f.how != Resolution::Role {
                    how = Resolution::Coreference;
                }
                slot
            }
            (None, None)
                if !f.span.of(text).contains(char::is_whitespace)
                    && is_stray_town(kb, f, &countries) =>
            {
                continue;
            }
            (None, None) => match best_candidate(kb, surface, &f.candidates, &countries) {
                Some(id) => *index.entry(id.to_string()).or_insert_with(|| {
                    entities.push(from_kb(kb, &id));
                    entities.len() - 1
                }),
                None => {
                    let id = local_id(f.entity_type, &key);
                    *index.entry(id.clone()).or_insert_with(|| {
                        entities.push(local(id, f.entity_type, surface));
                        entities.len() - 1
                    })
                }
            },
        };
        let entity = &mut entities[slot];
        if how != Resolution::Role && !entity.aliases.iter().any(|a| a == surface) {
            entity.aliases.push(surface.to_string());
        }
        entity.mentions.push(EntityMention {
            span: f.span,
            text: surface.to_string(),
            how,
        });
    }
    if let Some(place) = dateline {
        add_dateline(kb, text, place, &countries, &mut index, &mut entities);
    }
    merge_cities_into_regions(kb, rules, text, &mut entities);
    for b in entities
        .iter_mut()
        .filter(|b| b.entity_type == EntityType::ORG && b.country.is_none())
    {
        b.country = country_named_last(kb, &b.name);
    }
    let mut out: Vec<Entity> = entities
        .into_iter()
        .map(|mut b| {
            b.mentions.sort_by_key(|m| m.span);
            Entity {
                id: b.id,
                name: b.name,
                entity_type: b.entity_type,
                kind: b.kind,
                aliases: b.aliases,
                country: b.country,
                coordinates: b.coordinates,
                mentions: b.mentions,
            }
        })
        .collect();
    out.sort_by_key(|e| e.mentions.first().map(|m| m.span));
    out
}

/// Adds the dateline's place unless the article already names it: the knowledge base's
/// place (in the article's countries first), else an article-local one, with the words
/// of the text that repeat its name where no other mention stands ("Kepala Desa
/// Sukamaju" after "SUKAMAJU -", a village the recognisers do not know).
fn add_dateline(
    kb: &Kb,
    text: &str,
    place: &str,
    countries: &HashMap<String, usize>,
    index: &mut HashMap<String, usize>,
    entities: &mut Vec<Building>,
) {
    let places: Vec<EntityId> = kb
        .lookup(place)
        .into_iter()
        .filter(|e| e.entity_type == warta_kb::EntityType::Loc)
        .map(|e| e.id.clone())
        .collect();
    let building = match best_candidate(kb, place, &places, countries) {
        Some(id) => from_kb(kb, &id),
        None => {
            // Datelines are written in capitals: the name as a name ("BANDA ACEH" →
            // "Banda Aceh").
            let name = place
                .split_whitespace()
                .map(|word| {
                    let mut chars = word.chars();
                    chars.next().map_or_else(String::new, |first| {
                        first
                            .to_uppercase()
                            .chain(chars.flat_map(char::to_lowercase))
                            .collect()
                    })
                })
                .collect::<Vec<_>>()
                .join(" ");
            local(
                local_id(EntityType::LOC, &fold(place)),
                EntityType::LOC,
                &name,
            )
        }
    };
    if !index.contains_key(&building.id) {
        let taken: Vec<Span> = entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| m.span))
            .collect();
        let mut building = building;
        building.mentions = named_again(text, &building.name, &taken);
        index.insert(building.id.clone(), entities.len());
        entities.push(building);
    }
}

/// The places where `text` writes `name` as whole words, outside the spans `taken`.
fn named_again(text: &str, name: &str, taken: &[Span]) -> Vec<EntityMention> {
    let is_word_char = |c: char| c.is_alphanumeric();
    text.match_indices(name)
        .map(|(start, _)| Span::new(start, start + name.len()))
        .filter(|span| {
            let before = text[..span.start].chars().next_back();
            let after = text[span.end..].chars().next();
            !before.is_some_and(is_word_char)
                && !after.is_some_and(is_word_char)
                && !taken
                    .iter()
                    .any(|t| t.start < span.end && span.start < t.end)
        })
        .map(|span| EntityMention {
            span,
            text: name.to_string(),
            how: Resolution::Coreference,
        })
        .collect()
}

/// Folds a city's mentions into the region or territory named after it ("Kursk" and
/// "wilayah Kursk", "Gaza" and "Jalur Gaza"): a story that names the region means it by
/// the bare name too. Both stay when the city is named as a city as well ("kota Kursk").
fn merge_cities_into_regions(
    kb: &Kb,
    rules: &EntityRules,
    text: &str,
    entities: &mut Vec<Building>,
) {
    let mut merged = vec![false; entities.len()];
    for city in 0..entities.len() {
        let Some(c) = kb.get(&entities[city].id).filter(|e| e.kind == "city") else {
            continue;
        };
        let region = (0..entities.len()).find(|&r| {
            kb.get(&entities[r].id).is_some_and(|region| {
                matches!(region.kind.as_str(), "region" | "territory")
                    && region.country == c.country
                    && named_after(rules, region, c)
            })
        });
        let Some(region) = region else { continue };
        let named_as_city = entities[city]
            .mentions
            .iter()
            .any(|m| cued(&rules.city_cues, text, m.span.start));
        if named_as_city {
            continue;
        }
        let mentions = std::mem::take(&mut entities[city].mentions);
        let target = &mut entities[region];
        for m in mentions {
            if m.how != Resolution::Role && !target.aliases.contains(&m.text) {
                target.aliases.push(m.text.clone());
            }
            target.mentions.push(m);
        }
        merged[city] = true;
    }
    let mut keep = merged.iter().map(|m| !m);
    entities.retain(|_| keep.next().unwrap_or(true));
}

/// Whether one of a region's names is one of a city's names with region words before or
/// after it ("wilayah Kursk", "Kursk Oblast" for Kursk).
fn named_after(rules: &EntityRules, region: &warta_kb::Entity, city: &warta_kb::Entity) -> bool {
    let city_names: Vec<String> = city.names().map(|(n, _)| fold(n)).collect();
    let region_words = |phrase: &str| {
        let phrase = phrase.trim();
        phrase.is_empty() || rules.region_words.contains(phrase)
    };
    region.names().any(|(name, _)| {
        let name = fold(name);
        city_names.iter().any(|c| {
            name.match_indices(c.as_str()).any(|(at, _)| {
                let (before, after) = (&name[..at], &name[at + c.len()..]);
                let whole_words = (before.is_empty() || before.ends_with(' '))
                    && (after.is_empty() || after.starts_with(' '));
                whole_words && name != *c && region_words(before) && region_words(after)
            })
        })
    })
}

/// Whether the words right before `start` end with one of `cues` (folded phrases).
fn cued(cues: &HashSet<String>, text: &str, start: usize) -> bool {
    let before: Vec<&str> = text[..start].split_whitespace().rev().take(3).collect();
    (1..=before.len()).any(|n| {
        let phrase: Vec<&str> = before[..n].iter().rev().copied().collect();
        cues.contains(&fold(&phrase.join(" ")))
    })
}

/// Whether a mention is one word that could name a person: a surname or given name.
fn is_short_person(text: &str, f: &Found) -> bool {
    let one_word = !f.span.of(text).contains(char::is_whitespace);
    // A tagger name of any type: the tagger sometimes reads a lone surname as a place or
    // an organisation; it only joins a person whose surname it is.
    let person = f.candidates.is_empty() && f.how == Resolution::Model
        || f.how == Resolution::Gazetteer && f.entity_type == EntityType::PER;
    one_word && person && f.how != Resolution::Role
}

/// The countries the article is about: the countries of the places and actors it names
/// without ambiguity, with how often.
fn article_countries(kb: &Kb, found: &[Found]) -> HashMap<String, usize> {
    let mut countries: HashMap<String, usize> = HashMap::new();
    for f in found {
        if let [id] = f.candidates.as_slice()
            && let Some(country) = kb.get(id).and_then(|e| e.country.clone())
        {
            *countries.entry(country).or_default() += 1;
        }
    }
    countries
}

/// A one-word match whose only readings are small generated places outside the article's
/// countries, with neither the tagger nor a cue word behind it: a surname or a word that
/// happens to name a town somewhere ("Hatta" of Soekarno-Hatta, a town in India).
fn is_stray_town(kb: &Kb, f: &Found, countries: &HashMap<String, usize>) -> bool {
    /// Places this populous are named in news wherever the story is.
    const WELL_KNOWN: u64 = 1_000_000;
    f.how == Resolution::Gazetteer
        && !f.supported
        && f.candidates.iter().all(|id| {
            kb.get(id).is_some_and(|e| {
                e.layer == Layer::Generated
                    && e.entity_type == warta_kb::EntityType::Loc
                    && e.population.unwrap_or(0) < WELL_KNOWN
                    && e.country
                        .as_ref()
                        .is_none_or(|c| !countries.contains_key(c))
            })
        })
}

/// How much a candidate is preferred, compared in order: written in its own names, not a
/// country's namesake town, mentions of its country in the article, curated, population.
type Preference = (bool, bool, usize, bool, u64);

/// The candidate to link to: one known by the words written in its own names (its name,
/// Indonesian and English names, names written by hand) over one that GeoNames also
/// spells so in some language (Berlin is not the town in Ohio once called so, Islamabad
/// not Chattogram); then a country over a town of its name; then in one of the
/// article's countries (Moskow in a story about Russia is not Moscow, Idaho); then
/// curated over generated; then the populous.
fn best_candidate(
    kb: &Kb,
    surface: &str,
    candidates: &[EntityId],
    countries: &HashMap<String, usize>,
) -> Option<EntityId> {
    let key = fold(surface);
    let names_a_country = candidates
        .iter()
        .filter_map(|id| kb.get(id))
        .any(|e| e.kind == "country");
    let mut best: Option<(EntityId, Preference)> = None;
    for id in candidates {
        let Some(e) = kb.get(id) else { continue };
        // A country's name is the country, not a town named after it (Lebanon, not
        // Lebanon in Tennessee, though the story also names the United States).
        let not_a_namesake_town = !(names_a_country && e.kind == "city");
        let in_article = e
            .country
            .as_ref()
            .and_then(|c| countries.get(c))
            .copied()
            .unwrap_or(0);
        let score = (
            own_names(e).any(|name| fold(name) == key),
            not_a_namesake_town,
            in_article,
            e.layer == Layer::Curated,
            e.population.unwrap_or(0),
        );
        if best.as_ref().is_none_or(|(_, s)| score > *s) {
            best = Some((e.id.clone(), score));
        }
    }
    best.map(|(id, _)| id)
}

/// An entity's name, Indonesian and English names, and the language-neutral ones written
/// by hand: not the many foreign spellings GeoNames and Phoenix carry, also where a
/// curated entry absorbed them.
fn own_names(e: &warta_kb::Entity) -> impl Iterator<Item = &str> {
    let written_by_hand = match e.layer {
        Layer::Curated => e.merged_aliases.unwrap_or(e.aliases.len()),
        Layer::Generated => 0,
    };
    let aliases = e
        .aliases
        .iter()
        .enumerate()
        .filter(move |&(i, a)| a.lang != Lang::Any || i < written_by_hand)
        .map(|(_, a)| a.text.as_str());
    std::iter::once(e.name.as_str()).chain(aliases)
}

fn from_kb(kb: &Kb, id: &EntityId) -> Building {
    let e = kb.get(id).expect("candidates come from the knowledge base");
    // Its own names only: foreign spellings would drown the list (the forms the article
    // writes are added as mentioned).
    let mut seen = HashSet::new();
    let aliases = own_names(e)
        .filter(|name| seen.insert(fold(name)))
        .skip(1)
        .map(str::to_string)
        .collect();
    let entity_type = type_of(e.entity_type);
    Building {
        id: e.id.to_string(),
        name: e.name.clone(),
        entity_type,
        kind: Some(e.kind.clone()),
        aliases,
        country: e.country.clone(),
        coordinates: e.coords.map(|c| Coordinates {
            lat: c.lat,
            lon: c.lon,
        }),
        mentions: Vec::new(),
        surname: (entity_type == EntityType::PER)
            .then(|| surname(&e.name))
            .flatten(),
    }
}

/// The country an organisation's name ends with ("Pemerintah Malaysia", "Kementerian
/// Kesehatan Lebanon"): whose side a body the knowledge base lacks is on.
fn country_named_last(kb: &Kb, name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..words.len().min(4)).find_map(|n| {
        let tail = words[words.len() - n..].join(" ");
        kb.lookup(&tail)
            .into_iter()
            .find(|e| e.kind == "country")
            .and_then(|e| e.id.as_str().strip_prefix("loc:").map(str::to_string))
    })
}

fn local(id: String, entity_type: EntityType, name: &str) -> Building {
    Building {
        id,
        name: name.to_string(),
        entity_type,
        kind: match entity_type {
            EntityType::PER => Some("person".to_string()),
            EntityType::ORG => Some("organisation".to_string()),
            EntityType::LOC => None,
        },
        aliases: Vec::new(),
        country: None,
        coordinates: None,
        mentions: Vec::new(),
        surname: (entity_type == EntityType::PER)
            .then(|| surname(name))
            .flatten(),
    }
}

/// The folded last word of a name of several words.
fn surname(name: &str) -> Option<String> {
    let folded = fold(name);
    let (_, last) = folded.rsplit_once(' ')?;
    Some(last.to_string())
}

/// A stable id for a name the knowledge base lacks: `local:per:aleksey-smirnov`.
fn local_id(entity_type: EntityType, folded: &str) -> String {
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let prefix = match entity_type {
        EntityType::PER => "per",
        EntityType::ORG => "org",
        EntityType::LOC => "loc",
    };
    format!("local:{prefix}:{}", slug.trim_matches('-'))
}
