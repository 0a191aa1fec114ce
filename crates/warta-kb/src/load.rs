//! Reading the two data formats: curated TOML and generated TSV.
//!
//! Both are read leniently: a missing name or kind, a date that does not parse, an unknown
//! type become [`Problem`]s for [`crate::Kb::validate`] to report, so one slip in a data
//! file shows up in `warta kb validate` with its id rather than stopping every `warta
//! analyze`. Only text that is not TOML or TSV at all is a [`LoadError`].

use jiff::civil::Date;
use serde::Deserialize;

use crate::model::{Alias, Coords, Entity, EntityId, EntityType, Lang, Layer, Role};
use crate::validate::{Problem, ProblemKind};

/// A data file's name and contents. The name's extension picks the format (`.toml`
/// curated, `.tsv` generated) and is quoted in errors and problems.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// File name, e.g. `curated/people.toml`.
    pub name: &'a str,
    /// The whole file.
    pub text: &'a str,
}

/// A data file that could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Not valid TOML, or TOML with fields the format does not have.
    #[error("{source_name}: {message}")]
    Toml {
        /// The file.
        source_name: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A TSV file without its column header, or a row with the wrong number of columns.
    #[error("{source_name}:{line}: {message}")]
    Tsv {
        /// The file.
        source_name: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A file whose extension is neither `.toml` nor `.tsv`.
    #[error("{0}: unknown data format (expected .toml or .tsv)")]
    Format(String),
}

/// An office declared in the curated data: its Indonesian name, English name and the
/// other ways news writes it, so `Presiden AS` finds the holders of `Presiden Amerika
/// Serikat`.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Title {
    /// Indonesian name, as roles write it.
    pub name: String,
    /// English name.
    #[serde(default)]
    pub en: Option<String>,
    /// Other spellings and abbreviations.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Held by several people at once (`anggota DPR`, `Wakil Perdana Menteri`), so
    /// overlapping terms are not a problem.
    #[serde(default)]
    pub shared: bool,
}

/// Everything read from the sources, before merging.
#[derive(Default)]
pub(crate) struct Loaded {
    pub entities: Vec<Entity>,
    pub titles: Vec<Title>,
    pub ambiguous: Vec<String>,
    pub problems: Vec<Problem>,
}

pub(crate) fn load(sources: &[Source<'_>]) -> Result<Loaded, LoadError> {
    let mut loaded = Loaded::default();
    for source in sources {
        if source.name.ends_with(".toml") {
            load_toml(source, &mut loaded)?;
        } else if source.name.ends_with(".tsv") {
            load_tsv(source, &mut loaded)?;
        } else {
            return Err(LoadError::Format(source.name.to_string()));
        }
    }
    Ok(loaded)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CuratedFile {
    #[serde(default)]
    entity: Vec<RawEntity>,
    #[serde(default)]
    title: Vec<Title>,
    /// Aliases that knowingly name entities of different types (`Kremlin`: the
    /// presidential administration and the fortress), exempt from the clash check.
    #[serde(default)]
    ambiguous: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: String,
    #[serde(rename = "type")]
    entity_type: Option<String>,
    kind: Option<String>,
    name: Option<String>,
    #[serde(default)]
    alias: Vec<String>,
    #[serde(default)]
    alias_id: Vec<String>,
    #[serde(default)]
    alias_en: Vec<String>,
    country: Option<String>,
    wikidata: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    population: Option<u64>,
    #[serde(default)]
    roles: Vec<RawRole>,
    #[serde(default)]
    same_as: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    title: Option<String>,
    en: Option<String>,
    org: Option<String>,
    cameo: Option<String>,
    from: Option<TomlDate>,
    to: Option<TomlDate>,
}

/// A date written either bare (`from = 2021-01-20`) or quoted.
#[derive(Deserialize)]
#[serde(untagged)]
enum TomlDate {
    Bare(toml::value::Datetime),
    Quoted(String),
}

impl TomlDate {
    fn text(&self) -> String {
        match self {
            TomlDate::Bare(d) => d.to_string(),
            TomlDate::Quoted(s) => s.clone(),
        }
    }
}

fn load_toml(source: &Source<'_>, loaded: &mut Loaded) -> Result<(), LoadError> {
    let file: CuratedFile = toml::from_str(source.text).map_err(|e| LoadError::Toml {
        source_name: source.name.to_string(),
        message: e.to_string(),
    })?;
    loaded.titles.extend(file.title);
    loaded.ambiguous.extend(file.ambiguous);
    for raw in file.entity {
        let mut problems = Vec::new();
        let roles = raw
            .roles
            .into_iter()
            .map(|r| Role {
                title: r.title,
                title_en: r.en,
                org: r.org.as_deref().map(EntityId::new),
                cameo: r.cameo,
                from: r
                    .from
                    .and_then(|d| parse_date(&d.text(), &raw.id, source.name, &mut problems)),
                to: r
                    .to
                    .and_then(|d| parse_date(&d.text(), &raw.id, source.name, &mut problems)),
            })
            .collect();
        let aliases = raw
            .alias_id
            .into_iter()
            .map(|text| Alias {
                text,
                lang: Lang::Id,
            })
            .chain(raw.alias_en.into_iter().map(|text| Alias {
                text,
                lang: Lang::En,
            }))
            .chain(raw.alias.into_iter().map(|text| Alias {
                text,
                lang: Lang::Any,
            }))
            .collect();
        let coords = match (raw.lat, raw.lon) {
            (Some(lat), Some(lon)) => Some(Coords { lat, lon }),
            _ => None,
        };
        let fields = Fields {
            id: &raw.id,
            entity_type: raw.entity_type.as_deref(),
            kind: raw.kind,
            name: raw.name,
        };
        if let Some(entity) = fields.into_entity(source.name, &mut problems) {
            loaded.entities.push(Entity {
                aliases,
                country: raw.country,
                wikidata: raw.wikidata,
                coords,
                population: raw.population,
                roles,
                same_as: raw.same_as.iter().map(|s| EntityId::new(s)).collect(),
                layer: Layer::Curated,
                merged_aliases: None,
                ..entity
            });
        }
        loaded.problems.extend(problems);
    }
    Ok(())
}

/// The fields every entity needs, checked the same way in both formats.
struct Fields<'a> {
    id: &'a str,
    entity_type: Option<&'a str>,
    kind: Option<String>,
    name: Option<String>,
}

impl Fields<'_> {
    /// An entity with these fields and nothing else, or `None` (and a problem) when its
    /// type can be read neither from the `type` field nor from the id's prefix.
    fn into_entity(self, source: &str, problems: &mut Vec<Problem>) -> Option<Entity> {
        let mut missing = |field: &str| {
            problems.push(Problem::new(
                ProblemKind::MissingField,
                source,
                vec![self.id.to_string()],
                format!("no {field}"),
            ))
        };
        let entity_type = match self.entity_type {
            Some(t) => EntityType::parse(t),
            None => EntityType::from_id(self.id),
        };
        let Some(entity_type) = entity_type else {
            missing("type (PER, ORG or LOC)");
            return None;
        };
        let kind = self.kind.filter(|k| !k.is_empty()).unwrap_or_else(|| {
            missing("kind");
            String::new()
        });
        let name = self
            .name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| {
                missing("name");
                String::new()
            });
        if self.id.trim().is_empty() {
            missing("id");
        }
        Some(Entity::generated(
            EntityId::new(self.id),
            entity_type,
            kind,
            name,
            source,
        ))
    }
}

fn parse_date(text: &str, id: &str, source: &str, problems: &mut Vec<Problem>) -> Option<Date> {
    match text.parse::<Date>() {
        Ok(date) => Some(date),
        Err(_) => {
            problems.push(Problem::new(
                ProblemKind::BadValue,
                source,
                vec![id.to_string()],
                format!("date {text:?} is not YYYY-MM-DD"),
            ));
            None
        }
    }
}

/// The columns of a generated TSV file, in the order [`crate::build`] writes them.
pub const TSV_COLUMNS: [&str; 13] = [
    "id",
    "type",
    "kind",
    "name",
    "country",
    "lat",
    "lon",
    "population",
    "wikidata",
    "alias_id",
    "alias_en",
    "alias",
    "roles",
];

/// Separates aliases within a TSV cell.
pub const TSV_LIST_SEP: char = '|';
/// Separates roles within the `roles` cell; a role's fields are
/// `title/title_en/cameo/from/to`, any of them empty.
pub const TSV_ROLE_SEP: char = ';';
/// Separates the fields of one role.
pub const TSV_ROLE_FIELD_SEP: char = '/';

fn load_tsv(source: &Source<'_>, loaded: &mut Loaded) -> Result<(), LoadError> {
    let tsv_error = |line: usize, message: String| LoadError::Tsv {
        source_name: source.name.to_string(),
        line,
        message,
    };
    let mut lines = source
        .text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    let Some((header_no, header)) = lines.next() else {
        return Ok(());
    };
    let header: Vec<&str> = header.split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let [
        c_id,
        c_type,
        c_kind,
        c_name,
        c_country,
        c_lat,
        c_lon,
        c_pop,
        c_wd,
        c_aid,
        c_aen,
        c_alias,
        c_roles,
    ] = TSV_COLUMNS.map(col);
    let (Some(c_id), Some(c_name)) = (c_id, c_name) else {
        return Err(tsv_error(header_no + 1, "header lacks id or name".into()));
    };
    for (no, line) in lines {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != header.len() {
            return Err(tsv_error(
                no + 1,
                format!("{} columns, header has {}", cells.len(), header.len()),
            ));
        }
        let cell = |c: Option<usize>| c.map(|c| cells[c]).filter(|s| !s.is_empty());
        let id = cells[c_id];
        let mut problems = Vec::new();
        let fields = Fields {
            id,
            entity_type: cell(c_type),
            kind: cell(c_kind).map(str::to_string),
            name: cell(Some(c_name)).map(str::to_string),
        };
        let Some(mut entity) = fields.into_entity(source.name, &mut problems) else {
            loaded.problems.extend(problems);
            continue;
        };
        for (c, lang) in [(c_aid, Lang::Id), (c_aen, Lang::En), (c_alias, Lang::Any)] {
            entity.aliases.extend(cell(c).into_iter().flat_map(|s| {
                s.split(TSV_LIST_SEP).map(move |text| Alias {
                    text: text.to_string(),
                    lang,
                })
            }));
        }
        entity.country = cell(c_country).map(str::to_string);
        entity.wikidata = cell(c_wd).map(str::to_string);
        let number = |c: Option<usize>, problems: &mut Vec<Problem>| {
            let text = cell(c)?;
            let value = text.parse::<f64>().ok();
            if value.is_none() {
                problems.push(Problem::new(
                    ProblemKind::BadValue,
                    source.name,
                    vec![id.to_string()],
                    format!("{text:?} is not a number"),
                ));
            }
            value
        };
        if let (Some(lat), Some(lon)) = (number(c_lat, &mut problems), number(c_lon, &mut problems))
        {
            entity.coords = Some(Coords { lat, lon });
        }
        entity.population = number(c_pop, &mut problems).map(|p| p as u64);
        for role in cell(c_roles)
            .into_iter()
            .flat_map(|s| s.split(TSV_ROLE_SEP))
        {
            let f: Vec<&str> = role.split(TSV_ROLE_FIELD_SEP).collect();
            if f.len() != 5 {
                problems.push(Problem::new(
                    ProblemKind::BadValue,
                    source.name,
                    vec![id.to_string()],
                    format!("role {role:?} does not have 5 fields"),
                ));
                continue;
            }
            let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let mut date =
                |s: &str| (!s.is_empty()).then(|| parse_date(s, id, source.name, &mut problems))?;
            entity.roles.push(Role {
                title: text(f[0]),
                title_en: text(f[1]),
                org: None,
                cameo: text(f[2]),
                from: date(f[3]),
                to: date(f[4]),
            });
        }
        loaded.entities.push(entity);
        loaded.problems.extend(problems);
    }
    Ok(())
}
