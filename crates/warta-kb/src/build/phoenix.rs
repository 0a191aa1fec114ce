//! Phoenix / petrarch2 actor dictionaries → people and organisations.
//!
//! The format: a primary phrase on a line of its own (words joined by `_`), `+synonym`
//! lines after it, and role lines `[CODE]`, `[CODE yymmdd-yymmdd]`, `[CODE >yymmdd]` or
//! `[CODE <yymmdd]` (a code may also follow the primary phrase on its line). A phrase
//! with no roles of its own shares the roles of the next block, which is how the
//! dictionaries spell one person two ways; a blank line ends such a run. `#` starts a
//! comment. The CAMEO code is a country (ISO alpha-3, or `IGO`, `NGO`, …) followed by
//! sector codes (`GOV` government, `MIL` military, `ELI` elite, `REB` rebels, …).

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::model::{Alias, Entity, EntityId, EntityType, Lang, Role};
use crate::norm::fold;

/// One block of a Phoenix dictionary: its phrases (primary first) and roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoenixEntry {
    /// The phrases as written, with `_` for spaces; the primary first.
    pub phrases: Vec<String>,
    /// The role lines.
    pub roles: Vec<PhoenixRole>,
}

/// One `[CODE dates]` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoenixRole {
    /// CAMEO code, e.g. `RUSGOV`.
    pub code: String,
    /// Start date, if given.
    pub from: Option<Date>,
    /// End date, if given.
    pub to: Option<Date>,
}

/// Reads a dictionary. Role lines whose dates do not parse or end before they start are
/// skipped and counted in the
/// second value, so one malformed line (the dictionaries have a few) costs one role.
pub fn parse_phoenix(text: &str) -> (Vec<PhoenixEntry>, usize) {
    let mut entries: Vec<PhoenixEntry> = Vec::new();
    // The run of blocks still waiting for roles, and whether the current one has some.
    let mut pending: Vec<PhoenixEntry> = Vec::new();
    let mut has_roles = false;
    let mut bad_roles = 0;
    let flush = |pending: &mut Vec<PhoenixEntry>, entries: &mut Vec<PhoenixEntry>| {
        let mut run = pending.drain(..);
        if let Some(mut first) = run.next() {
            for e in run {
                first.phrases.extend(e.phrases);
                first.roles.extend(e.roles);
            }
            entries.push(first);
        }
    };
    for raw in text.lines() {
        if raw.trim().is_empty() {
            if !has_roles {
                pending.clear();
            }
            flush(&mut pending, &mut entries);
            has_roles = false;
            continue;
        }
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(synonym) = line.strip_prefix('+') {
            if let Some(current) = pending.last_mut() {
                current.phrases.push(clean_phrase(synonym));
            }
            continue;
        }
        let (phrase, codes) = match line.find('[') {
            Some(i) => (line[..i].trim(), &line[i..]),
            None => (line, ""),
        };
        if !phrase.is_empty() {
            if has_roles {
                flush(&mut pending, &mut entries);
                has_roles = false;
            }
            pending.push(PhoenixEntry {
                phrases: vec![clean_phrase(phrase)],
                roles: Vec::new(),
            });
        }
        for inner in codes.split('[').filter_map(|s| s.split(']').next()) {
            let inner = inner.trim();
            if inner.is_empty() {
                continue;
            }
            match parse_role(inner) {
                Some(role) => {
                    if let Some(current) = pending.last_mut() {
                        current.roles.push(role);
                        has_roles = true;
                    }
                }
                None => bad_roles += 1,
            }
        }
    }
    if has_roles {
        flush(&mut pending, &mut entries);
    }
    (entries, bad_roles)
}

fn clean_phrase(phrase: &str) -> String {
    phrase
        .split('_')
        .filter(|w| !w.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

fn parse_role(inner: &str) -> Option<PhoenixRole> {
    let mut parts = inner.split_whitespace();
    let code = parts.next()?.to_string();
    let (from, to) = match parts.next() {
        None => (None, None),
        Some(d) => {
            if let Some(rest) = d.strip_prefix('>') {
                (Some(phoenix_date(rest)?), None)
            } else if let Some(rest) = d.strip_prefix('<') {
                (None, Some(phoenix_date(rest)?))
            } else {
                let (a, b) = d.split_once('-')?;
                (Some(phoenix_date(a)?), Some(phoenix_date(b)?))
            }
        }
    };
    if from.zip(to).is_some_and(|(from, to)| to < from) {
        return None;
    }
    Some(PhoenixRole { code, from, to })
}

/// `yymmdd` (years up to 30 are 20xx, as the dictionaries were written in the 2010s) or
/// `yyyymmdd`.
fn phoenix_date(s: &str) -> Option<Date> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<i16>().ok();
    let (year, rest) = match s.len() {
        6 => {
            let yy = n(0..2)?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, 2)
        }
        8 => (n(0..4)?, 4),
        _ => return None,
    };
    let month = n(rest..rest + 2)? as i8;
    let day = n(rest + 2..rest + 4)? as i8;
    Date::new(year, month, day).ok()
}

/// Words that make a phrase a title or a description rather than a name
/// (`PRESIDENT_VLADIMIR_PUTIN`, `THE_OBAMA_ADMINISTRATION`): such phrases are dropped,
/// since Indonesian text never writes them and the name alone is matched anyway.
const NOT_A_NAME: &[&str] = &[
    "president",
    "president-elect",
    "presidential",
    "prime",
    "minister",
    "premier",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "senator",
    "sen.",
    "secretary",
    "secretary-general",
    "general",
    "gen",
    "gen.",
    "administration",
    "government",
    "regime",
    "chief",
    "leader",
    "former",
    "ex",
    "elect",
    "king",
    "queen",
    "prince",
    "princess",
    "emir",
    "sultan",
    "sheikh",
    "ayatollah",
    "ambassador",
    "envoy",
    "governor",
    "mayor",
    "commander",
    "col",
    "col.",
    "colonel",
    "major",
    "lt",
    "lt.",
    "captain",
    "capt",
    "capt.",
    "admiral",
    "marshal",
    "deputy",
    "vice",
    "speaker",
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "justice",
    "head",
    "chancellor",
    "director",
    "official",
    "officials",
    "member",
    "party",
    "the",
    "his",
    "her",
    "late",
    "american",
    "russian",
    "british",
    "chinese",
    "french",
    "german",
    "u.s.",
    "u.n.",
];

/// Particles that stay lower case inside a name.
const PARTICLES: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "de", "du", "la", "le", "el", "da", "do", "dos", "van",
    "von", "der", "den", "bin", "binti", "ibn", "y",
];

/// The dictionaries write names in capitals; news writes them in title case.
fn title_case(phrase: &str, acronym_len: usize) -> String {
    let words: Vec<&str> = phrase.split(' ').collect();
    if words.len() == 1 && phrase.chars().count() <= acronym_len {
        return phrase.to_string();
    }
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if w.starts_with('(') || w.contains('.') {
                w.to_string()
            } else if i > 0 && PARTICLES.contains(&lower.as_str()) {
                lower
            } else {
                lower
                    .split('-')
                    .map(capitalise)
                    .collect::<Vec<_>>()
                    .join("-")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn is_name(phrase: &str) -> bool {
    phrase.chars().count() >= 3
        && phrase.chars().any(|c| c.is_alphabetic())
        && !phrase
            .split(' ')
            .any(|w| NOT_A_NAME.contains(&w.to_lowercase().as_str()))
}

/// How the Phoenix data is turned into entities.
#[derive(Clone, Debug)]
pub struct PhoenixOptions {
    /// A person is kept if one of their dated roles lasts to this day or later (or is
    /// open): the dictionaries reach back to the 1920s, the news this KB serves does not.
    pub active_since: Date,
}

/// Converts parsed dictionaries to entities: people (blocks with at least one dated role)
/// and, from `org_sources`, organisations (blocks without dated roles). `alpha3` maps
/// ISO alpha-3 codes to alpha-2 for the country affiliation.
pub fn phoenix_entities(
    blocks: &[(&str, Vec<PhoenixEntry>)],
    org_sources: &[&str],
    alpha3: &HashMap<String, String>,
    options: &PhoenixOptions,
) -> (Vec<Entity>, Vec<Entity>) {
    let mut people = Vec::new();
    let mut orgs = Vec::new();
    let mut ids = HashSet::new();
    for (source, entries) in blocks {
        for entry in entries {
            // A dated role with a sector makes a person; a country code alone with dates
            // is a state that changed (the USSR, Yugoslavia), listed with its cities.
            let dated: Vec<&PhoenixRole> = entry
                .roles
                .iter()
                .filter(|r| (r.from.is_some() || r.to.is_some()) && r.code.len() >= 6)
                .collect();
            let is_person = !dated.is_empty();
            if is_person {
                let active = dated
                    .iter()
                    .any(|r| r.to.is_none_or(|to| to >= options.active_since));
                if !active {
                    continue;
                }
            } else if !org_sources.contains(source) || entry.roles.is_empty() {
                continue;
            }
            let names: Vec<&String> = entry.phrases.iter().filter(|p| is_name(p)).collect();
            let Some(primary) = names
                .iter()
                .find(|p| p.contains(' '))
                .or(names.first())
                .copied()
            else {
                continue;
            };
            let latest = dated
                .iter()
                .max_by_key(|r| r.to.unwrap_or(Date::MAX))
                .copied()
                .or(entry.roles.first());
            let code = latest.map(|r| r.code.as_str()).unwrap_or("");
            let country = code.get(..3).and_then(|c| alpha3.get(c)).cloned();
            let entity_type = if is_person {
                EntityType::Per
            } else {
                EntityType::Org
            };
            let acronym_len = if is_person { 0 } else { 6 };
            let name = title_case(primary, acronym_len);
            let prefix = if is_person { "per:px:" } else { "org:px:" };
            let base = format!("{prefix}{}", slug(&name));
            let mut id = base.clone();
            let mut n = 2;
            while !ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            let primary_key = fold(&name);
            let mut seen = HashSet::from([primary_key]);
            let aliases = names
                .iter()
                .map(|p| title_case(p, acronym_len))
                .filter(|a| seen.insert(fold(a)))
                .map(|text| Alias {
                    text,
                    lang: Lang::Any,
                })
                .collect();
            let roles = entry
                .roles
                .iter()
                .map(|r| Role {
                    title: None,
                    title_en: None,
                    org: None,
                    cameo: Some(r.code.clone()),
                    from: r.from,
                    to: r.to,
                })
                .collect();
            let entity = Entity {
                aliases,
                country,
                roles: if is_person { roles } else { Vec::new() },
                ..Entity::generated(
                    EntityId::new(&id),
                    entity_type,
                    kind_of(is_person, code).to_string(),
                    name,
                    source,
                )
            };
            if is_person {
                people.push(entity);
            } else {
                orgs.push(entity);
            }
        }
    }
    (people, orgs)
}

/// The finer kind a CAMEO code implies.
fn kind_of(is_person: bool, code: &str) -> &'static str {
    let has = |sector: &str| {
        code.as_bytes()
            .chunks(3)
            .skip(1)
            .any(|c| c == sector.as_bytes())
    };
    if is_person {
        if has("MIL") {
            "military_officer"
        } else if has("REB") || has("INS") || has("UAF") {
            "militant"
        } else if has("GOV") || has("ELI") || has("LEG") || has("OPP") || has("PTY") {
            "politician"
        } else if has("BUS") {
            "business"
        } else if has("REL") {
            "religious_leader"
        } else if has("MED") {
            "journalist"
        } else {
            "person"
        }
    } else if code.starts_with("IGO") {
        "international_body"
    } else if code.starts_with("NGO") {
        "ngo"
    } else if code.starts_with("MNC") {
        "company"
    } else if code.starts_with("IMG") || has("REB") || has("INS") || has("UAF") {
        "armed_group"
    } else if has("MED") {
        "media_outlet"
    } else {
        "organisation"
    }
}

/// An id-safe form of a name: folded, runs of other characters as `-`.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# header\n\
VLADIMIR_PUTIN_  # CountryInfo.txt\n\
+PUTIN_\n\
+PRESIDENT_PUTIN_\n\
\t[RUSELI 700101-990809]\n\
\t[RUSGOV >080508]\n\
DMITRY_MEDVEDEV_\n\
+MEDVEDEV\n\
DMITRI_MEDVEDEV_\n\
\t[RUSGOV 080507-120507]\n\
\n\
U.N._\n\
\n\
HAMAS_ [PSEREB]\n";

    #[test]
    fn parses_blocks_runs_and_dates() {
        let (entries, bad) = parse_phoenix(SAMPLE);
        assert_eq!(bad, 0);
        assert_eq!(entries.len(), 3);
        assert_eq!(
            entries[0].phrases,
            ["VLADIMIR PUTIN", "PUTIN", "PRESIDENT PUTIN"]
        );
        assert_eq!(entries[0].roles[0].from, Some(Date::constant(1970, 1, 1)));
        assert_eq!(entries[0].roles[1].to, None);
        // The role-less Medvedev block shares the next block's roles.
        assert_eq!(entries[1].phrases.len(), 3);
        assert_eq!(entries[1].roles[0].to, Some(Date::constant(2012, 5, 7)));
        assert_eq!(entries[2].phrases, ["HAMAS"]);
    }

    #[test]
    fn converts_people_and_orgs() {
        let (entries, _) = parse_phoenix(SAMPLE);
        let alpha3 = HashMap::from([("RUS".to_string(), "RU".to_string())]);
        let options = PhoenixOptions {
            active_since: Date::constant(2000, 1, 1),
        };
        let (people, orgs) = phoenix_entities(&[("x.txt", entries)], &["x.txt"], &alpha3, &options);
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].id.as_str(), "per:px:vladimir-putin");
        assert_eq!(people[0].name, "Vladimir Putin");
        assert_eq!(people[0].country.as_deref(), Some("RU"));
        assert_eq!(people[0].kind, "politician");
        // Titled phrases are not names.
        let aliases: Vec<&str> = people[0].aliases.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(aliases, ["Putin"]);
        assert_eq!(orgs.len(), 1);
        assert_eq!(orgs[0].name, "HAMAS");
        assert_eq!(orgs[0].kind, "armed_group");
    }
}
