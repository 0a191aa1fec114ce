//! Consistency checks over the whole knowledge base (`warta kb validate`, run in CI).

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::Kb;
use crate::model::{EntityType, Layer};
use crate::norm::fold;

/// What is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Two entities of one layer share an id.
    DuplicateId,
    /// One alias names entities of different types (a person and a city), and the
    /// curated data does not declare it `ambiguous`.
    AliasTypeClash,
    /// Two people hold the same single-seat office at the same time, or one person holds
    /// it twice over overlapping dates.
    OverlappingRoles,
    /// A required field (type, kind, name) is missing or empty.
    MissingField,
    /// A value that does not parse or is out of range: a date, a number, a country
    /// code, coordinates, a kind outside the type's list, a role ending before it starts.
    BadValue,
    /// A `same_as` or role `org` naming an entity the knowledge base does not have.
    UnknownReference,
}

/// How much a problem matters: `warta kb validate` fails on errors only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Expected in converted public data and left to linking: a GeoNames town that
    /// shares its name with a Phoenix politician.
    Warning,
    /// A mistake to fix in the data.
    Error,
}

/// One finding of [`Kb::validate`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// Whether it fails validation.
    pub severity: Severity,
    /// The data file (of the first entity involved).
    pub source: String,
    /// The entities involved.
    pub ids: Vec<String>,
    /// A readable explanation.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(kind: ProblemKind, source: &str, ids: Vec<String>, message: String) -> Self {
        Problem {
            kind,
            severity: Severity::Error,
            source: source.to_string(),
            ids,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{severity}: {}: {:?} [{}]: {}",
            self.source,
            self.kind,
            self.ids.join(", "),
            self.message
        )
    }
}

pub(crate) fn validate(kb: &Kb) -> Vec<Problem> {
    let mut problems = kb.load_problems.clone();
    check_fields(kb, &mut problems);
    check_alias_clashes(kb, &mut problems);
    check_roles(kb, &mut problems);
    problems
}

fn check_fields(kb: &Kb, problems: &mut Vec<Problem>) {
    for e in &kb.entities {
        let mut bad = |message: String| {
            problems.push(Problem::new(
                ProblemKind::BadValue,
                &e.source,
                vec![e.id.to_string()],
                message,
            ))
        };
        if EntityType::from_id(&e.id) != Some(e.entity_type) {
            bad(format!("id prefix does not match type {}", e.entity_type));
        }
        if !e.kind.is_empty() && !e.entity_type.kinds().contains(&e.kind.as_str()) {
            bad(format!(
                "kind {:?} is not one of {}",
                e.kind,
                e.entity_type.kinds().join(", ")
            ));
        }
        if let Some(c) = &e.country
            && (c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()))
        {
            bad(format!("country {c:?} is not an ISO 3166-1 alpha-2 code"));
        }
        if let Some(c) = e.coords
            && !((-90.0..=90.0).contains(&c.lat) && (-180.0..=180.0).contains(&c.lon))
        {
            bad(format!("coordinates {}, {} out of range", c.lat, c.lon));
        }
        for alias in &e.aliases {
            if fold(&alias.text).is_empty() {
                bad("an empty alias".to_string());
            }
        }
        for role in &e.roles {
            if role.title.is_none() && role.title_en.is_none() && role.cameo.is_none() {
                problems.push(Problem::new(
                    ProblemKind::MissingField,
                    &e.source,
                    vec![e.id.to_string()],
                    "a role without title or CAMEO code".to_string(),
                ));
            }
            if let (Some(from), Some(to)) = (role.from, role.to)
                && to < from
            {
                problems.push(Problem::new(
                    ProblemKind::BadValue,
                    &e.source,
                    vec![e.id.to_string()],
                    format!("role ends ({to}) before it starts ({from})"),
                ));
            }
            if let Some(org) = &role.org
                && kb.get(org).is_none()
            {
                problems.push(Problem::new(
                    ProblemKind::UnknownReference,
                    &e.source,
                    vec![e.id.to_string()],
                    format!("role organisation {org} is not in the knowledge base"),
                ));
            }
        }
    }
}

fn check_alias_clashes(kb: &Kb, problems: &mut Vec<Problem>) {
    for (key, indexes) in &kb.by_alias {
        let first = &kb.entities[indexes[0] as usize];
        let Some(other) = indexes
            .iter()
            .map(|&i| &kb.entities[i as usize])
            .find(|e| e.entity_type != first.entity_type)
        else {
            continue;
        };
        if kb.ambiguous.contains(key) {
            continue;
        }
        let mut ids: Vec<String> = indexes
            .iter()
            .map(|&i| kb.entities[i as usize].id.to_string())
            .collect();
        ids.truncate(6);
        let all_curated = indexes
            .iter()
            .all(|&i| kb.entities[i as usize].layer == Layer::Curated);
        problems.push(Problem {
            severity: if all_curated {
                Severity::Error
            } else {
                Severity::Warning
            },
            ..Problem::new(
                ProblemKind::AliasTypeClash,
                &first.source,
                ids,
                format!(
                    "alias {key:?} names a {} and a {}; declare it `ambiguous` if intended",
                    first.entity_type, other.entity_type
                ),
            )
        });
    }
    problems.sort_by(|a, b| a.ids.cmp(&b.ids));
}

fn check_roles(kb: &Kb, problems: &mut Vec<Problem>) {
    let shared: Vec<String> = kb
        .titles
        .iter()
        .filter(|t| t.shared)
        .map(|t| fold(&t.name))
        .collect();
    let mut by_title: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (ei, e) in kb.entities.iter().enumerate() {
        for (ri, role) in e.roles.iter().enumerate() {
            if let Some(title) = &role.title {
                let key = kb.canonical_title(title);
                if !shared.contains(&key) {
                    by_title.entry(key).or_default().push((ei, ri));
                }
            }
        }
    }
    let mut titles: Vec<_> = by_title.into_iter().collect();
    titles.sort();
    for (title, holders) in titles {
        for (n, &(ea, ra)) in holders.iter().enumerate() {
            for &(eb, rb) in &holders[n + 1..] {
                let (a, b) = (&kb.entities[ea].roles[ra], &kb.entities[eb].roles[rb]);
                // Terms overlap unless one ends on or before the day the other starts.
                let apart = a.to.zip(b.from).is_some_and(|(end, start)| end <= start)
                    || b.to.zip(a.from).is_some_and(|(end, start)| end <= start);
                if !apart {
                    problems.push(Problem::new(
                        ProblemKind::OverlappingRoles,
                        &kb.entities[ea].source,
                        vec![kb.entities[ea].id.to_string(), kb.entities[eb].id.to_string()],
                        format!(
                            "{title:?} held twice at once ({}..{} and {}..{}); mark the title `shared` if it has several seats",
                            show(a.from),
                            show(a.to),
                            show(b.from),
                            show(b.to)
                        ),
                    ));
                }
            }
        }
    }
}

fn show(date: Option<jiff::civil::Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}
