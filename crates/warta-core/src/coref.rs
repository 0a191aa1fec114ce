//! Coreference: what a pronoun or a description stands for.
//!
//! The entity layer finds names; articles then refer back to the same people and bodies
//! with pronouns ("dia", "-nya"), descriptions ("Presiden berusia 71 tahun itu", "blogger
//! tersebut", "gubernur") and offices of a country ("pemimpin Ukraina", "militer
//! Ukraina"). [`Referents`] resolves such a phrase against the entities the article has
//! named before it, what the article wrote around their names ("Penjabat Gubernur Aleksey
//! Smirnov", "Rybar, seorang blogger militer"), and the knowledge base's offices and kinds.
//! A described party that names no one ("seorang pejabat", "menurut laporan") stays
//! unnamed. The quote layer uses it for speakers; the event layer will for actors.

use std::collections::HashSet;

use jiff::civil::Date;
use serde::Deserialize;
use warta_kb::{Kb, fold};

use crate::analysis::{Entity, EntityType, Resolution};
use crate::lang::{LangData, LangError};
use crate::span::Span;

const FILE: &str = "coref.toml";

/// The words coreference leans on, from the language's `coref.toml`, folded.
#[derive(Debug)]
pub struct CorefRules {
    person_pronouns: HashSet<String>,
    group_pronouns: HashSet<String>,
    demonstratives: HashSet<String>,
    indefinites: Vec<String>,
    leader_words: Vec<String>,
    leader_offices: Vec<String>,
    /// Organisation head nouns, longest first.
    organisation_heads: Vec<OrganisationHead>,
    person_heads: Vec<String>,
    unnamed_sources: Vec<String>,
    naming_words: Vec<String>,
    statement_nouns: Vec<String>,
    /// Words joining two parties into one phrase ("dan"): the first stands for both.
    coordinators: Vec<String>,
    /// Lower-case words inside names ("Kementerian Kebudayaan dan Pariwisata").
    name_particles: HashSet<String>,
    /// Words opening a phrase about the two sides ("kedua negara", "kedua pemimpin").
    pair_words: Vec<String>,
    /// Heads after a pair word that mean countries, not people ("negara", "pihak").
    pair_country_heads: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    person_pronouns: Vec<String>,
    group_pronouns: Vec<String>,
    demonstratives: Vec<String>,
    indefinites: Vec<String>,
    leader_words: Vec<String>,
    leader_offices: Vec<String>,
    organisation: Vec<OrganisationHeads>,
    person_heads: Vec<String>,
    unnamed_sources: Vec<String>,
    naming_words: Vec<String>,
    statement_nouns: Vec<String>,
    coordinators: Vec<String>,
    name_particles: Vec<String>,
    pair_words: Vec<String>,
    pair_country_heads: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationHeads {
    heads: Vec<String>,
    kinds: Vec<String>,
    #[serde(default)]
    ministry_words: Vec<String>,
}

/// A head noun of descriptions of organisations ("militer"), the kinds of entity it can
/// stand for, and the words a ministry's name must hold to be one of them (the forces'
/// ministry is the defence ministry, never the foreign one); empty: any ministry.
#[derive(Debug)]
struct OrganisationHead {
    head: String,
    kinds: Vec<String>,
    ministry_words: Vec<String>,
}

/// Whether a ministry named `name` can be meant by the head `described` (see
/// [`OrganisationHead::ministry_words`]).
fn names_ministry(described: &OrganisationHead, name: &str) -> bool {
    let name = fold(name);
    described.ministry_words.is_empty()
        || name
            .split(' ')
            .any(|word| described.ministry_words.iter().any(|w| w == word))
}

/// Folds a list and sorts it longest first, so that a prefix search finds the longest
/// phrase ("wakil presiden" before "presiden").
fn longest_first(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = words.iter().map(|w| fold(w)).collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    out
}

impl CorefRules {
    pub fn load(data: &LangData<'_>) -> Result<CorefRules, LangError> {
        let file: RulesFile =
            toml::from_str(data.file(FILE)?).map_err(|e| LangError::invalid(FILE, e))?;
        let set =
            |words: Vec<String>| -> HashSet<String> { words.iter().map(|w| fold(w)).collect() };
        let mut organisation_heads: Vec<OrganisationHead> = file
            .organisation
            .into_iter()
            .flat_map(|o| {
                let ministry_words: Vec<String> =
                    o.ministry_words.iter().map(|w| fold(w)).collect();
                o.heads.into_iter().map(move |h| OrganisationHead {
                    head: fold(&h),
                    kinds: o.kinds.clone(),
                    ministry_words: ministry_words.clone(),
                })
            })
            .collect();
        organisation_heads
            .sort_by(|a, b| b.head.len().cmp(&a.head.len()).then(a.head.cmp(&b.head)));
        Ok(CorefRules {
            person_pronouns: set(file.person_pronouns),
            group_pronouns: set(file.group_pronouns),
            demonstratives: set(file.demonstratives),
            indefinites: longest_first(file.indefinites),
            leader_words: longest_first(file.leader_words),
            leader_offices: longest_first(file.leader_offices),
            organisation_heads,
            person_heads: longest_first(file.person_heads),
            unnamed_sources: longest_first(file.unnamed_sources),
            naming_words: longest_first(file.naming_words),
            statement_nouns: longest_first(file.statement_nouns),
            coordinators: file.coordinators.iter().map(|w| fold(w)).collect(),
            name_particles: file.name_particles.into_iter().collect(),
            pair_words: longest_first(file.pair_words),
            pair_country_heads: longest_first(file.pair_country_heads),
        })
    }

    /// Whether `word` (folded) is a pronoun for a person or a group.
    pub fn is_pronoun(&self, word: &str) -> bool {
        self.person_pronouns.contains(word) || self.group_pronouns.contains(word)
    }
}

/// What a phrase stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Referent {
    /// An entity of the article (index into its entity list).
    Entity(usize),
    /// A knowledge-base entity the article does not name (its id).
    Known(String),
    /// An organisation the article names but the knowledge base lacks ("Kementerian
    /// Kesehatan Lebanon"): its name as written and its country.
    Local {
        name: String,
        country: Option<String>,
    },
    /// A party the article describes but does not name.
    Unnamed,
}

/// What the output says of a named party: id, name, other names and country.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Country code (ISO 3166-1 alpha-2); a country's own code.
    pub country: Option<String>,
    /// The entity's finer kind ("country", "ministry", "spokesperson"), when known.
    pub kind: Option<String>,
}

/// How a phrase was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// It contains a name.
    Name,
    /// It is a pronoun.
    Pronoun,
    /// It is a description or an office.
    Description,
}

/// A resolved phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub referent: Referent,
    pub via: Via,
}

/// The referents of one article: its entities, and what the article wrote about each.
pub struct Referents<'a> {
    text: &'a str,
    entities: &'a [Entity],
    kb: &'a Kb,
    rules: &'a CorefRules,
    published: Option<Date>,
    /// Every mention (span, entity index), in text order.
    mentions: Vec<(Span, usize)>,
    /// Per entity: the folded head nouns the article or the knowledge base describe it by.
    descriptors: Vec<HashSet<String>>,
}

impl<'a> Referents<'a> {
    pub fn new(
        text: &'a str,
        entities: &'a [Entity],
        kb: &'a Kb,
        rules: &'a CorefRules,
        published: Option<Date>,
    ) -> Referents<'a> {
        let mut mentions: Vec<(Span, usize)> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.span, i)))
            .collect();
        mentions.sort();
        let mut referents = Referents {
            text,
            entities,
            kb,
            rules,
            published,
            mentions,
            descriptors: vec![HashSet::new(); entities.len()],
        };
        referents.descriptors = (0..entities.len()).map(|i| referents.describe(i)).collect();
        referents
    }

    /// The head nouns that describe entity `i`: titles written before its names, words in
    /// apposition after them, and its offices in the knowledge base.
    fn describe(&self, i: usize) -> HashSet<String> {
        let entity = &self.entities[i];
        let mut heads = HashSet::new();
        if entity.entity_type != EntityType::PER {
            return heads;
        }
        for mention in entity.mentions.iter().filter(|m| m.how != Resolution::Role) {
            // Up to five words before the name ("Penjabat Gubernur Aleksey Smirnov").
            let before = fold(&last_words(&self.text[..mention.span.start], 5));
            for start in word_starts(&before) {
                if let Some(head) = self.person_head(&before[start..]) {
                    heads.insert(head.to_string());
                }
            }
            // Apposition: "Rybar, seorang blogger militer Rusia, ...".
            let after = &self.text[mention.span.end..];
            if let Some(rest) = after.strip_prefix(", ") {
                let phrase = fold(rest.split([',', '.', '\n']).next().unwrap_or(""));
                let phrase = self.strip_indefinite(&phrase);
                if let Some(head) = self.person_head(phrase) {
                    heads.insert(head.to_string());
                }
            }
        }
        if let Some(known) = self.kb.get(&entity.id) {
            for title in known.roles.iter().filter_map(|r| r.title.as_deref()) {
                if let Some(head) = self.person_head(&fold(title)) {
                    heads.insert(head.to_string());
                }
            }
        }
        heads
    }

    fn person_head<'p>(&self, phrase: &'p str) -> Option<&'p str> {
        self.rules
            .person_heads
            .iter()
            .find(|h| starts_with_words(phrase, h))
            .map(|h| &phrase[..h.len()])
    }

    fn strip_indefinite<'p>(&self, phrase: &'p str) -> &'p str {
        self.rules
            .indefinites
            .iter()
            .find(|w| starts_with_words(phrase, w))
            .map_or(phrase, |w| phrase[w.len()..].trim_start())
    }

    /// Whether every word of a name starts with a capital letter or is a particle names
    /// hold ("Kementerian Luar Negeri", "Dewan Keamanan PBB").
    fn is_proper_name(&self, written: &str) -> bool {
        written
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || self.rules.name_particles.contains(w))
    }

    /// Whether `word` (folded) is a pronoun.
    pub fn is_pronoun(&self, word: &str) -> bool {
        self.rules.is_pronoun(word)
    }

    /// Whether `word` (folded) can head a description: a title, an office or an
    /// organisation's head noun ("presiden", "pemimpin", "militer").
    pub fn is_head(&self, word: &str) -> bool {
        let first = |phrase: &String| phrase.split(' ').next() == Some(word);
        self.rules.person_heads.iter().any(first)
            || self.rules.leader_words.iter().any(first)
            || self.rules.organisation_heads.iter().any(|o| first(&o.head))
    }

    /// The party a referent names, `None` for an unnamed one: an article entity as the
    /// article knows it, a knowledge-base entity with its Indonesian and English names,
    /// or an organisation the knowledge base lacks under an article-local id.
    pub fn party(&self, referent: &Referent) -> Option<Party> {
        match referent {
            Referent::Entity(i) => {
                let e = &self.entities[*i];
                Some(Party {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    aliases: e.aliases.clone(),
                    country: if e.kind.as_deref() == Some("country") {
                        e.id.strip_prefix("loc:").map(str::to_string)
                    } else {
                        e.country.clone()
                    },
                    kind: e.kind.clone(),
                })
            }
            Referent::Known(id) => {
                let e = self.kb.get(id)?;
                Some(Party {
                    id: e.id.to_string(),
                    name: e.name.clone(),
                    aliases: e
                        .aliases
                        .iter()
                        .filter(|a| a.lang != warta_kb::Lang::Any)
                        .map(|a| a.text.clone())
                        .collect(),
                    country: if e.kind == "country" {
                        e.id.as_str().strip_prefix("loc:").map(str::to_string)
                    } else {
                        e.country.clone()
                    },
                    kind: Some(e.kind.clone()),
                })
            }
            Referent::Local { name, country } => Some(Party {
                id: format!("local:org:{}", fold(name).replace(' ', "-")),
                name: name.clone(),
                aliases: Vec::new(),
                country: country.clone(),
                kind: None,
            }),
            Referent::Unnamed => None,
        }
    }

    /// A country's Indonesian name from its ISO code ("RU" → "Rusia").
    pub fn country_name(&self, code: &str) -> Option<String> {
        self.kb.get(&format!("loc:{code}")).map(|e| e.name.clone())
    }

    pub fn entities(&self) -> &'a [Entity] {
        self.entities
    }

    pub fn kb(&self) -> &'a Kb {
        self.kb
    }

    /// The mentions inside `span`, in text order.
    pub fn mentions_within(&self, span: Span) -> impl Iterator<Item = &(Span, usize)> {
        let from = self.mentions.partition_point(|(s, _)| s.start < span.start);
        self.mentions[from..]
            .iter()
            .take_while(move |(s, _)| s.start < span.end)
            .filter(move |(s, _)| s.end <= span.end)
    }

    /// The mentions (span, entity) ending before byte `at`, the nearest first.
    pub fn mentions_before(&self, at: usize) -> impl Iterator<Item = (Span, usize)> + '_ {
        let end = self.mentions.partition_point(|(s, _)| s.start < at);
        self.mentions[..end]
            .iter()
            .rev()
            .filter(move |(s, _)| s.end <= at)
            .copied()
    }

    /// The entities mentioned inside `span`, in text order.
    pub fn mentioned_within(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        self.mentions_within(span).map(|&(_, e)| e)
    }

    /// Whether some name lies inside `span`.
    pub fn names_within(&self, span: Span) -> bool {
        self.mentions_within(span).next().is_some()
    }

    /// Whether a person's name lies inside `span`.
    pub fn person_within(&self, span: Span) -> bool {
        self.mentions_within(span)
            .any(|&(_, e)| self.entities[e].entity_type == EntityType::PER)
    }

    /// Whether some mention starts at byte `at`.
    pub fn mention_starting_at(&self, at: usize) -> Option<(Span, usize)> {
        let i = self.mentions.partition_point(|(s, _)| s.start < at);
        self.mentions.get(i).filter(|(s, _)| s.start == at).copied()
    }

    /// Whether some mention ends at byte `at`.
    pub fn mention_ending_at(&self, at: usize) -> Option<(Span, usize)> {
        self.mentions
            .iter()
            .rev()
            .find(|(s, _)| s.end == at)
            .copied()
    }

    /// Resolves the phrase at `span` (a speaker or an actor as written). `recent` is the
    /// party the story was last about (the previous speaker), which pronouns prefer.
    pub fn resolve(&self, span: Span, recent: Option<&Referent>) -> Resolved {
        let phrase = fold(span.of(self.text));
        let phrase = phrase.trim_matches(|c: char| !c.is_alphanumeric());
        if phrase.is_empty() || self.rules.is_pronoun(phrase) {
            let person = self.rules.person_pronouns.contains(phrase) || phrase.is_empty();
            return Resolved {
                referent: self.pronoun(span.start, person, recent),
                via: Via::Pronoun,
            };
        }
        // Coordinated parties ("Menlu Cho Tae-yul dan Menhan Kim Yong-hyun"): the first
        // stands for them.
        let written = span.of(self.text);
        if let Some(at) = self.rules.coordinators.iter().find_map(|c| {
            written
                .to_lowercase()
                .find(&format!(" {c} "))
                .filter(|&at| at > 0 && written.is_char_boundary(at))
        }) {
            let first = Span::new(span.start, span.start + at);
            if self.names_within(first) {
                return self.resolve(first, recent);
            }
        }
        if let Some(first) = self.pair(phrase, span.start) {
            return self.resolved(first, Via::Description);
        }
        let named: Vec<(Span, usize)> = self.mentions_within(span).copied().collect();
        // "blogger tersebut", "presiden itu": someone already named.
        let anaphoric = phrase
            .rsplit(' ')
            .next()
            .is_some_and(|last| self.rules.demonstratives.contains(last));
        if anaphoric && let Some(person) = self.described_person(phrase, &named, span.start) {
            return self.resolved(person, Via::Description);
        }
        // "pernyataan Angkatan Darat India", "laporan IAEA": the statement's author.
        if let Some(noun) = self
            .rules
            .statement_nouns
            .iter()
            .find(|n| starts_with_words(phrase, n))
        {
            let rest = phrase[noun.len()..].trim_start();
            let rest_at = span.end - rest.len().min(span.len());
            let rest_span = Span::new(rest_at, span.end);
            let names_next = named.iter().any(|(s, _)| s.start == rest_at);
            let first = rest.split(' ').next().unwrap_or("");
            if !rest.is_empty()
                && (names_next || self.is_head(first))
                && fold(rest_span.of(self.text)) == rest
            {
                return self.resolve(rest_span, recent);
            }
        }
        let stripped = self.strip_indefinite(phrase);
        let indefinite = stripped.len() != phrase.len();
        // A source the article leaves unnamed ("menurut laporan", "seorang pejabat").
        if indefinite
            || self
                .rules
                .unnamed_sources
                .iter()
                .any(|s| starts_with_words(phrase, s))
                && !named.iter().any(|&(_, e)| self.is_party(e))
        {
            return Resolved {
                referent: Referent::Unnamed,
                via: Via::Description,
            };
        }
        // A phrase whose head is a name ("Dmitry Peskov", "juru bicara Kremlin, Dmitry
        // Peskov"): the last person named in it, else a knowledge-base organisation the
        // whole phrase names ("Pemerintah Rusia"), else what it names.
        let whole = named.iter().find(|(s, _)| fold(s.of(self.text)) == phrase);
        if let Some(&(_, e)) = whole {
            return self.resolved(Referent::Entity(e), Via::Name);
        }
        if let Some(&(_, person)) = named
            .iter()
            .rev()
            .find(|&&(_, e)| self.entities[e].entity_type == EntityType::PER)
        {
            return self.resolved(Referent::Entity(person), Via::Name);
        }
        if let Some(organisation) = self.organisation(phrase, &named, span) {
            return organisation;
        }
        if let Some(leader) = self.leader(phrase, &named) {
            return self.resolved(leader, Via::Description);
        }
        if let Some(&(s, e)) = named.first()
            && s.start == span.start
        {
            return self.resolved(Referent::Entity(e), Via::Name);
        }
        if let Some(person) = self.described_person(phrase, &named, span.start) {
            return self.resolved(person, Via::Description);
        }
        // A person described by office but not named ("Duta Besar AS di Manila").
        if self.person_head(phrase).is_some() {
            return Resolved {
                referent: Referent::Unnamed,
                via: Via::Description,
            };
        }
        // "pihak Thailand", "kantor berita Yonhap": the party named after the word.
        if self
            .rules
            .naming_words
            .iter()
            .any(|w| starts_with_words(phrase, w))
            && let Some(&(_, e)) = named.first()
        {
            return self.resolved(Referent::Entity(e), Via::Name);
        }
        // A short form the entity layer left unlinked ("Al-Mansouri" for Khalid
        // Al-Mansouri).
        if let Some(e) = self.by_last_words(phrase, span.start) {
            return self.resolved(Referent::Entity(e), Via::Name);
        }
        // Anything else is described, not named: a name inside a modifier ("perusahaan
        // yang berbasis di Yunani") is not the speaker.
        Resolved {
            referent: Referent::Unnamed,
            via: Via::Description,
        }
    }

    /// "kedua negara", "kedua pemimpin": the two sides last named before `at` (two
    /// countries, or two people), of which the one named first stands for both.
    fn pair(&self, phrase: &str, at: usize) -> Option<Referent> {
        let rest = self
            .rules
            .pair_words
            .iter()
            .find(|w| starts_with_words(phrase, w))
            .map(|w| phrase[w.len()..].trim_start())?;
        let countries = self
            .rules
            .pair_country_heads
            .iter()
            .any(|h| starts_with_words(rest, h));
        let fits = |e: &Entity| {
            if countries {
                e.kind.as_deref() == Some("country")
            } else {
                e.entity_type == EntityType::PER
            }
        };
        let mut last_two: Vec<usize> = Vec::new();
        for &(_, e) in self.mentions.iter().rev().filter(|(s, _)| s.end <= at) {
            if fits(&self.entities[e]) && !last_two.contains(&e) {
                last_two.push(e);
                if last_two.len() == 2 {
                    break;
                }
            }
        }
        (last_two.len() == 2).then(|| Referent::Entity(last_two[1]))
    }

    /// A person named before `at` whose full name ends with the words of `phrase`
    /// (folded).
    fn by_last_words(&self, phrase: &str, at: usize) -> Option<usize> {
        if phrase.len() < 3 || phrase.contains(char::is_numeric) {
            return None;
        }
        self.mentions
            .iter()
            .rev()
            .filter(|(s, _)| s.end <= at)
            .map(|&(_, e)| e)
            .find(|&e| {
                let entity = &self.entities[e];
                entity.entity_type == EntityType::PER
                    && std::iter::once(&entity.name)
                        .chain(&entity.aliases)
                        .any(|n| {
                            let n = fold(n);
                            n.ends_with(phrase) && n[..n.len() - phrase.len()].ends_with(' ')
                        })
            })
    }

    fn resolved(&self, referent: Referent, via: Via) -> Resolved {
        Resolved { referent, via }
    }

    /// Whether entity `e` can speak or act: a person or an organisation.
    fn is_party(&self, e: usize) -> bool {
        self.entities[e].entity_type != EntityType::LOC
    }

    /// A pronoun: the recent party when there is one, else the last person named before.
    fn pronoun(&self, before: usize, person: bool, recent: Option<&Referent>) -> Referent {
        // The party the story is about, even one it leaves unnamed ("Seorang pejabat …
        // mengatakan …. Menurut dia, …").
        if let Some(recent) = recent {
            return recent.clone();
        }
        let wanted = if person {
            EntityType::PER
        } else {
            EntityType::ORG
        };
        self.mentions
            .iter()
            .rev()
            .filter(|(s, _)| s.end <= before)
            .find(|&&(_, e)| self.entities[e].entity_type == wanted)
            .map_or(Referent::Unnamed, |&(_, e)| Referent::Entity(e))
    }

    /// "Pemerintah Rusia", "militer Ukraina", "Militer": an organisation named by a head
    /// noun and a country, or the last organisation of a fitting kind the article named.
    fn organisation(&self, phrase: &str, named: &[(Span, usize)], span: Span) -> Option<Resolved> {
        let at = span.start;
        let described = self
            .rules
            .organisation_heads
            .iter()
            .find(|o| starts_with_words(phrase, &o.head))?;
        let (head, kinds) = (&described.head, &described.kinds);
        // The whole phrase is a knowledge-base organisation.
        if let Some(known) = self
            .kb
            .lookup(phrase)
            .into_iter()
            .find(|e| e.entity_type == warta_kb::EntityType::Org)
        {
            let id = known.id.as_str();
            let referent = match self.entities.iter().position(|e| e.id == id) {
                Some(i) => Referent::Entity(i),
                None => Referent::Known(id.to_string()),
            };
            return Some(self.resolved(referent, Via::Description));
        }
        let fits = |e: &Entity| {
            let entity_kinds = self.kinds_of(e);
            let ministry_only = !entity_kinds
                .iter()
                .any(|k| k != "ministry" && kinds.contains(k));
            e.entity_type == EntityType::ORG
                && entity_kinds.iter().any(|k| kinds.contains(k))
                && !(ministry_only && !names_ministry(described, &e.name))
        };
        let country = named
            .iter()
            .find_map(|&(_, e)| self.entities[e].country.clone());
        if let Some(country) = country {
            // The article's own organisation of that kind and country, else the knowledge
            // base's first (curated entries list the main body first).
            if let Some(i) = self
                .entities
                .iter()
                .position(|e| fits(e) && e.country.as_deref() == Some(&country))
            {
                return Some(self.resolved(Referent::Entity(i), Via::Description));
            }
            let known = self.kb.entities().iter().find(|e| {
                e.layer == warta_kb::Layer::Curated
                    && kinds.contains(&e.kind)
                    && (e.kind != "ministry" || names_ministry(described, &e.name))
                    && e.country.as_deref() == Some(&country)
            });
            // A name written in capitals that the knowledge base lacks is an organisation
            // of its own ("Kementerian Kesehatan Lebanon"), not the country's main body.
            let written = span.of(self.text).trim();
            if self.is_proper_name(written)
                && !self
                    .rules
                    .demonstratives
                    .iter()
                    .any(|d| phrase.ends_with(d.as_str()))
            {
                return Some(self.resolved(
                    Referent::Local {
                        name: written.to_string(),
                        country: Some(country),
                    },
                    Via::Name,
                ));
            }
            let known = known?;
            return Some(self.resolved(Referent::Known(known.id.to_string()), Via::Description));
        }
        // A name the knowledge base lacks, of no country the article names ("Kementerian
        // Luar Negeri" in a story from Jakarta).
        let written = span.of(self.text).trim();
        if written.split_whitespace().count() > 1 && self.is_proper_name(written) {
            return Some(self.resolved(
                Referent::Local {
                    name: written.to_string(),
                    country: None,
                },
                Via::Name,
            ));
        }
        // A bare head ("Militer mengatakan"): nothing more may follow it but a demonstrative.
        let rest = phrase[head.len()..].trim();
        if !rest.is_empty() && !self.rules.demonstratives.contains(rest) {
            return None;
        }
        self.mentions
            .iter()
            .rev()
            .filter(|(s, _)| s.end <= at)
            .find(|&&(_, e)| fits(&self.entities[e]))
            .map(|&(_, e)| self.resolved(Referent::Entity(e), Via::Description))
    }

    /// The kinds an organisation can be: its knowledge-base kind, and the kinds its name's
    /// head noun stands for ("Kementerian Pertahanan", not in the knowledge base, is a
    /// ministry).
    fn kinds_of(&self, e: &Entity) -> Vec<String> {
        let name = fold(&e.name);
        self.rules
            .organisation_heads
            .iter()
            .filter(|o| starts_with_words(&name, &o.head))
            .flat_map(|o| o.kinds.iter().cloned())
            .chain(e.kind.clone())
            .collect()
    }

    /// "pemimpin Ukraina", "kepala Kremlin": who leads that country on the publication
    /// date, preferring a leader the article names.
    fn leader(&self, phrase: &str, named: &[(Span, usize)]) -> Option<Referent> {
        self.rules
            .leader_words
            .iter()
            .find(|w| starts_with_words(phrase, w))?;
        let country = named
            .iter()
            .find_map(|&(_, e)| self.entities[e].country.clone())?;
        let leads = |known: &warta_kb::Entity| {
            known.roles.iter().any(|role| {
                let Some(title) = role.title.as_deref() else {
                    return false;
                };
                let title = fold(title);
                self.rules
                    .leader_offices
                    .iter()
                    .any(|office| starts_with_words(&title, office) && !title.contains("wakil"))
                    && self.published.is_none_or(|d| role.holds_on(d))
            }) && known.country.as_deref() == Some(&country)
        };
        if let Some(i) = self
            .entities
            .iter()
            .position(|e| e.entity_type == EntityType::PER && self.kb.get(&e.id).is_some_and(leads))
        {
            return Some(Referent::Entity(i));
        }
        let date = self.published?;
        let country_name = self.kb.get(&format!("loc:{country}"))?.name.clone();
        self.rules.leader_offices.iter().find_map(|office| {
            let (known, _) = self
                .kb
                .holders(&format!("{office} {country_name}"), date)
                .into_iter()
                .next()?;
            Some(Referent::Known(known.id.to_string()))
        })
    }

    /// "Presiden berusia 71 tahun itu", "gubernur", "blogger tersebut": the last person
    /// named before `at` whom the article or the knowledge base describes with that head.
    fn described_person(
        &self,
        phrase: &str,
        named: &[(Span, usize)],
        at: usize,
    ) -> Option<Referent> {
        let head = self.person_head(phrase)?;
        let country = named
            .iter()
            .find_map(|&(_, e)| self.entities[e].country.clone());
        self.mentions
            .iter()
            .rev()
            .filter(|(s, _)| s.end <= at)
            .map(|&(_, e)| e)
            .find(|&e| {
                self.descriptors[e].contains(head)
                    && country
                        .as_deref()
                        .is_none_or(|c| self.entities[e].country.as_deref() == Some(c))
            })
            .map(Referent::Entity)
    }
}

/// Whether `phrase` starts with the words `words` (both folded).
fn starts_with_words(phrase: &str, words: &str) -> bool {
    phrase.starts_with(words)
        && phrase[words.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Byte offsets where the words of a folded phrase start.
fn word_starts(phrase: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(phrase.match_indices(' ').map(|(i, _)| i + 1))
}

/// The last `n` words of `text` before its last clause break, joined by single spaces.
fn last_words(text: &str, n: usize) -> String {
    let clause = text
        .rsplit(['\n', '.', ',', '“', '"', '(', ')'])
        .next()
        .unwrap_or("");
    let words: Vec<&str> = clause.split_whitespace().collect();
    words[words.len().saturating_sub(n)..].join(" ")
}
