//! warta's knowledge base: the people, organisations and places that news about conflict
//! and diplomacy names, with their aliases in Indonesian and English, date-bounded roles,
//! country affiliation and coordinates.
//!
//! The data lives in `data/kb/` as two layers of human-readable files:
//!
//! * `curated/*.toml`, written by hand for the actors and places current news needs
//!   (`[[entity]]` tables, `[[title]]` offices, `ambiguous` aliases);
//! * `generated/*.tsv`, converted from public data sets by [`build`] (`warta kb build`):
//!   GeoNames cities and countries, ISO 3166 countries with Indonesian names and
//!   subdivisions, Phoenix actor dictionaries.
//!
//! [`Kb::from_sources`] reads any set of such files from strings (no IO here: the CLI
//! reads files, and [`Kb::embedded`] uses the copy compiled into the binary). A curated
//! entity overrides a generated one with the same id, and absorbs the generated entities
//! it lists in `same_as` (Phoenix's Putin into `per:vladimir-putin`).
//!
//! [`Gazetteer`] is the compiled alias matcher the recognition step runs over text.

pub mod build;
mod gazetteer;
mod load;
mod model;
mod norm;
mod validate;

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

pub use gazetteer::{Gazetteer, GazetteerMatch};
pub use load::{
    LoadError, Source, TSV_COLUMNS, TSV_LIST_SEP, TSV_ROLE_FIELD_SEP, TSV_ROLE_SEP, Title,
};
pub use model::{Alias, Coords, Entity, EntityId, EntityType, Lang, Layer, Role};
pub use norm::fold;
pub use validate::{Problem, ProblemKind, Severity};

/// The knowledge base: entities with lookup by id, alias and office.
///
/// Immutable once built and `Send + Sync`, so one instance serves every thread.
pub struct Kb {
    entities: Vec<Entity>,
    /// Id (and merged `same_as` id) → index into `entities`.
    by_id: HashMap<EntityId, u32>,
    /// Folded name or alias → entities, in load order, without repeats.
    by_alias: HashMap<String, Vec<u32>>,
    titles: Vec<Title>,
    /// Folded office name in any language → folded canonical (Indonesian) office name.
    title_alias: HashMap<String, String>,
    /// Folded canonical office name → (entity, role index).
    holders: HashMap<String, Vec<(u32, u32)>>,
    ambiguous: HashSet<String>,
    load_problems: Vec<Problem>,
    /// The gazetteer's index over `by_alias`.
    first_words: gazetteer::FirstWords,
}

/// A data file of `data/kb/`, compiled in under its path there.
macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(Source {
            name: $name,
            text: include_str!(concat!("../../../data/kb/", $name)),
        }),*]
    };
}

/// The knowledge base shipped with warta, compiled in.
const EMBEDDED: &[Source<'static>] = embedded!(
    "generated/countries.tsv",
    "generated/regions.tsv",
    "generated/cities.tsv",
    "generated/phoenix-people.tsv",
    "generated/phoenix-orgs.tsv",
    "curated/people.toml",
    "curated/organisations.toml",
    "curated/media.toml",
    "curated/places.toml",
    "curated/titles.toml",
);

impl Kb {
    /// Reads a knowledge base from data files (see [`Source`]). Problems that leave the
    /// files readable are kept for [`Kb::validate`]; only unreadable files fail.
    pub fn from_sources(sources: &[Source<'_>]) -> Result<Kb, LoadError> {
        let loaded = load::load(sources)?;
        Ok(Kb::assemble(loaded))
    }

    /// The knowledge base compiled into warta from `data/kb/`.
    pub fn embedded() -> Kb {
        Kb::from_sources(EMBEDDED).expect("the embedded knowledge base is tested to load")
    }

    /// The embedded data files, for tools that show or export them.
    pub fn embedded_sources() -> &'static [Source<'static>] {
        EMBEDDED
    }

    fn assemble(loaded: load::Loaded) -> Kb {
        let load::Loaded {
            entities,
            titles,
            ambiguous,
            mut problems,
        } = loaded;
        // Generated entities first, so curated ones can override and absorb them.
        let (curated, generated): (Vec<_>, Vec<_>) = entities
            .into_iter()
            .partition(|e| e.layer == Layer::Curated);
        let mut slots: Vec<Option<Entity>> = Vec::with_capacity(curated.len() + generated.len());
        let mut by_id: HashMap<EntityId, u32> = HashMap::new();
        for entity in generated.into_iter().chain(curated) {
            match by_id.get(&entity.id).copied() {
                None => {
                    by_id.insert(entity.id.clone(), slots.len() as u32);
                    slots.push(Some(entity));
                }
                Some(i) => {
                    let existing = slots[i as usize].as_mut().expect("slot present");
                    if existing.layer == entity.layer {
                        problems.push(Problem::new(
                            ProblemKind::DuplicateId,
                            &entity.source,
                            vec![entity.id.to_string()],
                            format!("also defined in {}", existing.source),
                        ));
                    } else {
                        let generated = std::mem::replace(existing, entity);
                        merge(existing, generated);
                    }
                }
            }
        }
        // `same_as`: fold generated duplicates into the curated entity naming them.
        for i in 0..slots.len() {
            let Some(same_as) = slots[i].as_ref().map(|e| e.same_as.clone()) else {
                continue;
            };
            for other in same_as {
                let target = by_id.get(&other).copied().filter(|&j| j as usize != i);
                match target.and_then(|j| slots[j as usize].take()) {
                    Some(absorbed) => {
                        let entity = slots[i].as_mut().expect("slot present");
                        merge(entity, absorbed);
                    }
                    None => {
                        let entity = slots[i].as_ref().expect("slot present");
                        problems.push(Problem::new(
                            ProblemKind::UnknownReference,
                            &entity.source,
                            vec![entity.id.to_string()],
                            format!("same_as {other} is not in the knowledge base"),
                        ));
                    }
                }
            }
        }
        let entities: Vec<Entity> = slots.into_iter().flatten().collect();
        let mut by_id = HashMap::with_capacity(entities.len());
        let mut by_alias: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            let i = i as u32;
            by_id.insert(e.id.clone(), i);
            for merged in &e.same_as {
                by_id.entry(merged.clone()).or_insert(i);
            }
            for (name, _) in e.names() {
                let key = fold(name);
                if key.is_empty() {
                    continue;
                }
                let list = by_alias.entry(key).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let mut title_alias = HashMap::new();
        for t in &titles {
            let canonical = fold(&t.name);
            for form in std::iter::once(&t.name).chain(&t.en).chain(&t.aliases) {
                title_alias.insert(fold(form), canonical.clone());
            }
        }
        let mut kb = Kb {
            entities,
            by_id,
            by_alias,
            titles,
            title_alias,
            holders: HashMap::new(),
            ambiguous: ambiguous.iter().map(|a| fold(a)).collect(),
            load_problems: problems,
            first_words: gazetteer::FirstWords::default(),
        };
        kb.first_words = gazetteer::FirstWords::new(kb.by_alias.keys().map(String::as_str));
        let mut holders: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        for (ei, e) in kb.entities.iter().enumerate() {
            for (ri, role) in e.roles.iter().enumerate() {
                let keys: HashSet<String> = role
                    .title
                    .iter()
                    .chain(&role.title_en)
                    .map(|t| kb.canonical_title(t))
                    .collect();
                for key in keys {
                    holders.entry(key).or_default().push((ei as u32, ri as u32));
                }
            }
        }
        kb.holders = holders;
        kb
    }

    /// The entity with this id, or the entity it was merged into.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }

    /// Entities with this exact name or alias, ignoring case, accents, dashes and spacing
    /// (`kyiv`, `Kyiv`, `KYIV`; `Novo Ogaryovo`, `Novo-Ogaryovo`), in load order.
    pub fn lookup(&self, name: &str) -> Vec<&Entity> {
        self.by_alias
            .get(&fold(name))
            .map(|list| list.iter().map(|&i| &self.entities[i as usize]).collect())
            .unwrap_or_default()
    }

    /// Who held the office `title` on `date`, with the role that says so. The title may be
    /// written in Indonesian or English or any declared alias (`Presiden AS`), any case.
    pub fn holders(&self, title: &str, date: Date) -> Vec<(&Entity, &Role)> {
        self.holders
            .get(&self.canonical_title(title))
            .into_iter()
            .flatten()
            .map(|&(e, r)| {
                let entity = &self.entities[e as usize];
                (entity, &entity.roles[r as usize])
            })
            .filter(|(_, role)| role.holds_on(date))
            .collect()
    }

    /// The folded canonical form of an office name: its declared Indonesian name if the
    /// curated titles know it, else the folded text itself.
    fn canonical_title(&self, title: &str) -> String {
        let key = fold(title);
        self.title_alias.get(&key).cloned().unwrap_or(key)
    }

    /// Every entity, generated ones first, each layer in file order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The declared offices.
    pub fn titles(&self) -> &[Title] {
        &self.titles
    }

    /// Every problem in the data: load-time findings (duplicate ids, missing fields, bad
    /// values, unknown `same_as`) and whole-base checks (aliases shared across types,
    /// overlapping single-seat offices, unknown kinds, bad country codes).
    pub fn validate(&self) -> Vec<Problem> {
        validate::validate(self)
    }

    /// The alias matcher over every name in the knowledge base (a view: free to create).
    pub fn gazetteer(&self) -> Gazetteer<'_> {
        Gazetteer::new(self)
    }
}

/// Adds what `from` knows and `into` lacks: `into`'s own fields win, aliases and roles are
/// united, and `from`'s id becomes one of `into`'s `same_as`.
fn merge(into: &mut Entity, from: Entity) {
    into.country = into.country.take().or(from.country);
    into.wikidata = into.wikidata.take().or(from.wikidata);
    into.coords = into.coords.or(from.coords);
    into.population = into.population.or(from.population);
    into.merged_aliases.get_or_insert(into.aliases.len());
    let known: HashSet<String> = into.names().map(|(n, _)| fold(n)).collect();
    let mut added = HashSet::new();
    let from_names = std::iter::once(Alias {
        text: from.name,
        lang: Lang::Any,
    })
    .chain(from.aliases);
    for alias in from_names {
        let key = fold(&alias.text);
        if !known.contains(&key) && added.insert(key) {
            into.aliases.push(alias);
        }
    }
    into.roles.extend(from.roles);
    if into.id != from.id && !into.same_as.contains(&from.id) {
        into.same_as.push(from.id);
    }
    for id in from.same_as {
        if !into.same_as.contains(&id) {
            into.same_as.push(id);
        }
    }
}
