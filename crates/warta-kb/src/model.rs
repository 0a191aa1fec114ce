//! The entity model: what the knowledge base knows about one person, organisation or place.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Serialize, Serializer};

/// A stable entity id such as `per:vladimir-putin`, `loc:RU`, `loc:gn:524901`,
/// `org:kremlin`. Cheap to clone (shared), so matches and links can hand ids around
/// without allocating.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(Arc<str>);

impl EntityId {
    /// Wraps an id string; ids are not checked here but by [`crate::Kb::validate`].
    pub fn new(id: &str) -> Self {
        EntityId(Arc::from(id))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for EntityId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for EntityId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for EntityId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// The coarse entity type, as NER corpora tag names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organisation: government body, armed force, party, outlet, agency, group.
    #[serde(rename = "ORG")]
    Org,
    /// A place: country, region, city, site, body of water.
    #[serde(rename = "LOC")]
    Loc,
}

impl EntityType {
    /// Reads `PER`, `ORG` or `LOC` (any case).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "PER" => Some(Self::Per),
            "ORG" => Some(Self::Org),
            "LOC" => Some(Self::Loc),
            _ => None,
        }
    }

    /// The type an id's prefix (`per:`, `org:`, `loc:`) stands for.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::parse(id.split(':').next()?)
    }

    /// `PER`, `ORG` or `LOC`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Per => "PER",
            Self::Org => "ORG",
            Self::Loc => "LOC",
        }
    }

    /// The finer kinds an entity of this type may have. A closed list, so a typo in a
    /// data file (`armed-force`, `citiy`) is a validation problem rather than a new kind.
    pub fn kinds(self) -> &'static [&'static str] {
        match self {
            Self::Per => &[
                "politician",
                "official",
                "diplomat",
                "spokesperson",
                "military_officer",
                "monarch",
                "religious_leader",
                "militant",
                "journalist",
                "business",
                "person",
            ],
            Self::Org => &[
                "government",
                "ministry",
                "agency",
                "armed_force",
                "military_unit",
                "police",
                "intelligence",
                "legislature",
                "court",
                "party",
                "media_outlet",
                "news_agency",
                "international_body",
                "armed_group",
                "ngo",
                "company",
                "organisation",
            ],
            Self::Loc => &[
                "country",
                "region",
                "city",
                "district",
                "site",
                "water_body",
                "territory",
                "continent",
            ],
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The language an alias is written in. Names in GeoNames and Phoenix carry no language,
/// so they are [`Lang::Any`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Indonesian.
    Id,
    /// English.
    En,
    /// Either, another or unknown: a proper name written the same everywhere.
    Any,
}

/// One name an entity goes by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Alias {
    /// The spelling, as it appears in text.
    pub text: String,
    /// Its language.
    pub lang: Lang,
}

/// A position a person holds or held, bounded by dates.
///
/// Curated roles carry a title in Indonesian and English (`Presiden Rusia`, `President of
/// Russia`); Phoenix roles carry a CAMEO code instead (`RUSGOV`: Russia, government), which
/// says the sector but not the office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Role {
    /// The office in Indonesian, as news text names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The office in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The organisation the office belongs to (`org:kremlin` for its spokesperson).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<EntityId>,
    /// A CAMEO actor code: country (ISO alpha-3 or `IGO`, …) followed by sector codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// First day in office, if known.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "iso_date")]
    pub from: Option<Date>,
    /// Last day in office (the day a successor takes over); open if still in office.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "iso_date")]
    pub to: Option<Date>,
}

/// Dates as `YYYY-MM-DD`, as the data files write them.
fn iso_date<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

impl Role {
    /// Whether the role was held on `date`. A role ending on the day its successor's
    /// begins counts for the successor only, so a hand-over day has one holder.
    pub fn holds_on(&self, date: Date) -> bool {
        self.from.is_none_or(|from| from <= date) && self.to.is_none_or(|to| date < to)
    }
}

/// Latitude and longitude in degrees (WGS84).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Coords {
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
}

/// Which layer of data an entity came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// Written by hand (`data/kb/curated/*.toml`).
    Curated,
    /// Converted from a public data set (`data/kb/generated/*.tsv`).
    Generated,
}

/// A person, organisation or place.
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    /// Stable id.
    pub id: EntityId,
    /// `PER`, `ORG` or `LOC`.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Finer kind, one of [`EntityType::kinds`].
    pub kind: String,
    /// Canonical name, as an Indonesian article would write it in full.
    pub name: String,
    /// Other names, in Indonesian, English or any language. The canonical name is not
    /// repeated here but is matched too.
    pub aliases: Vec<Alias>,
    /// Country affiliation (ISO 3166-1 alpha-2): a person's or organisation's country, the
    /// country a place lies in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Wikidata item (`Q7747`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// Where a place is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coords: Option<Coords>,
    /// A place's population, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// A person's offices over time.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Ids of entities of another layer that are this same entity and were merged into
    /// it; [`crate::Kb::get`] answers them with this entity.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<EntityId>,
    /// Where the entity was defined.
    pub layer: Layer,
    /// Where the aliases merged in from entities of the other layer begin in `aliases`
    /// (`None`: nothing was merged). A curated city absorbs GeoNames' dozens of foreign
    /// spellings; they are matched in text, but an output that lists the entity's names
    /// can leave them out.
    #[serde(skip)]
    pub merged_aliases: Option<usize>,
    /// The source file it was read from.
    pub source: String,
}

impl Entity {
    /// An entity of the generated layer read from `source` with only its id, type, kind
    /// and name: no aliases, country, place, roles or merged ids yet.
    pub(crate) fn generated(
        id: EntityId,
        entity_type: EntityType,
        kind: String,
        name: String,
        source: &str,
    ) -> Entity {
        Entity {
            id,
            entity_type,
            kind,
            name,
            aliases: Vec::new(),
            country: None,
            wikidata: None,
            coords: None,
            population: None,
            roles: Vec::new(),
            same_as: Vec::new(),
            layer: Layer::Generated,
            merged_aliases: None,
            source: source.to_string(),
        }
    }

    /// The canonical name followed by every alias, as (spelling, language) pairs.
    pub fn names(&self) -> impl Iterator<Item = (&str, Lang)> {
        std::iter::once((self.name.as_str(), Lang::Any))
            .chain(self.aliases.iter().map(|a| (a.text.as_str(), a.lang)))
    }
}
