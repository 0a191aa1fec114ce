//! Entities: the people, organisations and places an article names, linked to the
//! knowledge base where possible.
//!
//! Three steps, each in its own module:
//!
//! * [`recognise`] finds names in each sentence: knowledge-base aliases (the `warta-kb`
//!   gazetteer, checked against case and context, since "AS", "Batu" or a Phoenix surname
//!   alone proves little) and the `warta-ner` tagger for names the knowledge base lacks;
//!   overlaps go to the longer, knowledge-base-backed span. Offices written without a name
//!   ("Presiden AS") are found too, to link to their holder on the publication date.
//! * [`link`] picks one entity per mention (the candidate already named in the article, in
//!   the article's countries, curated, populous), resolves surnames to the full names
//!   written earlier, and gives names the knowledge base lacks article-local ids.
//! * The result is the output contract's [`Entity`] list, in order of first mention.
//!
//! Descriptions and pronouns ("Presiden berusia 71 tahun itu", "dia") are not resolved yet.

mod known;
mod link;
mod recognise;

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use serde::Deserialize;
use warta_kb::{Kb, fold};
use warta_ner::Model;

pub use known::{KnownNames, tagger_gazetteer};

use crate::analysis::Entity;
use crate::lang::{LangData, LangError};
use crate::morph::Lemmatizer;
use crate::span::Span;
use crate::token::Token;

const FILE: &str = "entities.toml";

/// The words recognition leans on, read from the language's `entities.toml`; every entry
/// is kept folded, as names are compared.
#[derive(Debug)]
pub struct EntityRules {
    /// Titles and forms of address written before a person's name.
    person_titles: HashSet<String>,
    /// Military and police ranks: a name the tagger runs across one ("Kodam
    /// Cenderawasih Letkol Inf Candra Kurniawan") starts after it.
    pub ranks: HashSet<String>,
    /// Corps or branch words written after a rank ("Letkol Inf", "Kolonel Laut"): no part
    /// of the name.
    pub rank_corps: HashSet<String>,
    /// Words written before a place's name.
    place_cues: HashSet<String>,
    /// Words written before a city's name that say the city, not a region, is meant.
    city_cues: HashSet<String>,
    /// Words that make a city's name a region's.
    region_words: HashSet<String>,
    /// Countries of the press writing in the language (folded codes).
    home_countries: HashSet<String>,
    /// Everyday descriptions after a name that say its bearer is an ordinary person.
    ordinary_people: HashSet<String>,
    /// Words written before an organisation's name.
    org_cues: HashSet<String>,
    /// Words written before the name of a model of weapon or vehicle, or of a ship.
    object_cues: HashSet<String>,
    /// Prefixes of ships' names.
    vessel_prefixes: HashSet<String>,
    /// Compass words written after a place's name (folded) → the English word written
    /// before it.
    compass_words: HashMap<String, String>,
    /// Aliases that need supporting context.
    ambiguous: HashSet<String>,
    /// Aliases never matched alone.
    never: HashSet<String>,
    /// Words before an office that say its holder is not the present one.
    not_current: HashSet<String>,
    /// Words that open an organisation's name that may end with a place's.
    org_heads: HashSet<String>,
    /// Words before a place's name that make it an organisation's (its government).
    place_org_heads: HashSet<String>,
    /// Words that lead an organisation's name even in lower case.
    lowercase_heads: HashSet<String>,
    /// Words that make a phrase a description rather than a name.
    descriptions: HashSet<String>,
    /// Words that do not count when telling a title-case headline.
    function_words: HashSet<String>,
    /// Most words in a cue phrase.
    longest_cue: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    person_titles: Vec<String>,
    ranks: Vec<String>,
    rank_corps: Vec<String>,
    place_cues: Vec<String>,
    city_cues: Vec<String>,
    region_words: Vec<String>,
    home_countries: Vec<String>,
    ordinary_people: Vec<String>,
    org_cues: Vec<String>,
    object_cues: Vec<String>,
    vessel_prefixes: Vec<String>,
    compass_words: HashMap<String, String>,
    ambiguous: Vec<String>,
    never: Vec<String>,
    not_current: Vec<String>,
    place_org_heads: Vec<String>,
    org_heads: Vec<String>,
    lowercase_heads: Vec<String>,
    descriptions: Vec<String>,
    function_words: Vec<String>,
}

impl EntityRules {
    pub fn load(data: &LangData<'_>) -> Result<EntityRules, LangError> {
        let file: RulesFile =
            toml::from_str(data.file(FILE)?).map_err(|e| LangError::invalid(FILE, e))?;
        let set =
            |words: Vec<String>| -> HashSet<String> { words.iter().map(|w| fold(w)).collect() };
        let cues = [
            &file.person_titles,
            &file.place_cues,
            &file.org_cues,
            &file.object_cues,
            &file.place_org_heads,
        ];
        let longest_cue = cues
            .iter()
            .flat_map(|list| list.iter())
            .map(|c| c.split_whitespace().count())
            .max()
            .unwrap_or(1);
        Ok(EntityRules {
            person_titles: set(file.person_titles),
            ranks: set(file.ranks),
            rank_corps: set(file.rank_corps),
            place_cues: set(file.place_cues),
            city_cues: set(file.city_cues),
            region_words: set(file.region_words),
            home_countries: set(file.home_countries),
            ordinary_people: set(file.ordinary_people),
            org_cues: set(file.org_cues),
            object_cues: set(file.object_cues),
            vessel_prefixes: set(file.vessel_prefixes),
            compass_words: file
                .compass_words
                .into_iter()
                .map(|(word, english)| (fold(&word), english))
                .collect(),
            ambiguous: set(file.ambiguous),
            never: set(file.never),
            not_current: set(file.not_current),
            place_org_heads: set(file.place_org_heads),
            org_heads: set(file.org_heads),
            lowercase_heads: set(file.lowercase_heads),
            descriptions: set(file.descriptions),
            function_words: set(file.function_words),
            longest_cue,
        })
    }
}

/// Offices by their folded names in any language, for finding them in text.
struct Offices {
    /// Folded office name or alias → the form [`Kb::holders`] takes.
    names: HashMap<String, String>,
    /// Most words in an office name.
    longest: usize,
    /// The folded names in byte order, to reject at once a token no name starts with.
    sorted: Vec<String>,
}

impl Offices {
    fn new(kb: &Kb) -> Offices {
        let mut names = HashMap::new();
        for title in kb.titles() {
            for form in std::iter::once(&title.name)
                .chain(&title.en)
                .chain(&title.aliases)
            {
                names.insert(fold(form), title.name.clone());
            }
        }
        let longest = names
            .keys()
            .map(|n| n.split(' ').count())
            .max()
            .unwrap_or(0);
        let mut sorted: Vec<String> = names.keys().cloned().collect();
        sorted.sort_unstable();
        Offices {
            names,
            longest,
            sorted,
        }
    }

    /// Whether some office name starts with `prefix` (folded).
    fn any_starts_with(&self, prefix: &str) -> bool {
        let at = self.sorted.partition_point(|name| name.as_str() < prefix);
        self.sorted
            .get(at)
            .is_some_and(|name| name.starts_with(prefix))
    }
}

/// Finds and links the entities of articles. Built once (the knowledge base and the tagger
/// load in a fraction of a second) and shared: `Send + Sync`, and `entities` takes `&self`.
pub struct EntityFinder {
    kb: Kb,
    tagger: Model,
    /// The knowledge-base names the tagger reads as features ([`KnownNames::SHIPPED`]).
    known: warta_ner::Gazetteer,
    offices: Offices,
}

impl std::fmt::Debug for EntityFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntityFinder")
            .field("kb_entities", &self.kb.entities().len())
            .field("tagger_features", &self.tagger.feature_count())
            .finish()
    }
}

/// One sentence as recognition reads it.
pub struct SentenceTokens<'t> {
    pub span: Span,
    pub tokens: &'t [Token],
}

impl EntityFinder {
    /// A finder over a knowledge base and a name-tagger model trained with the gazetteer
    /// of [`KnownNames::SHIPPED`] (`warta train ner`).
    pub fn new(kb: Kb, tagger: Model) -> EntityFinder {
        let offices = Offices::new(&kb);
        let known = tagger_gazetteer(&kb, KnownNames::SHIPPED);
        EntityFinder {
            kb,
            tagger,
            known,
            offices,
        }
    }

    /// The knowledge base compiled into warta and the shipped tagger.
    pub fn embedded() -> EntityFinder {
        let tagger = Model::from_bytes(warta_ner::SHIPPED_MODEL)
            .expect("the shipped tagger model is tested to load");
        EntityFinder::new(Kb::embedded(), tagger)
    }

    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// The entities named in `text`, whose sentences and tokens are given, in order of
    /// first mention. `published` dates the offices written without a name; `dateline`
    /// is the place of the dateline cleaning cut from the text.
    pub fn entities(
        &self,
        text: &str,
        sentences: &[SentenceTokens<'_>],
        published: Option<Date>,
        dateline: Option<&str>,
        rules: &EntityRules,
        lemmatizer: &Lemmatizer,
    ) -> Vec<Entity> {
        let context = recognise::Context {
            kb: &self.kb,
            tagger: &self.tagger,
            known: &self.known,
            offices: &self.offices,
            rules,
            lemmatizer,
        };
        let found = recognise::recognise(&context, text, sentences, published);
        link::link(&self.kb, rules, text, found, dateline)
    }
}

#[cfg(test)]
mod tests;
