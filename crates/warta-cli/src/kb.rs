//! `warta kb`: look up, show, list and validate the knowledge base, convert Phoenix
//! dictionaries and rebuild the generated layer. The knowledge base itself (parsing,
//! lookup, validation, conversion) is `warta-kb`; this module only reads and writes files.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use warta_kb::build::{BuildOptions, SharedData};
use warta_kb::{Entity, EntityType, Kb, Severity, Source};

use crate::exit;

/// Options of `warta kb`.
#[derive(Args)]
pub struct KbArgs {
    /// Read the knowledge base from this folder (its `*.toml` and `*.tsv` files, any
    /// depth) instead of the copy compiled into warta.
    #[arg(long, global = true, value_name = "DIR")]
    kb: Option<PathBuf>,
    #[command(subcommand)]
    command: KbCommand,
}

#[derive(Subcommand)]
enum KbCommand {
    /// Entities with this exact name or alias (case and accents ignored), as JSON lines.
    Lookup {
        /// The name, e.g. `Moskwa` or `Kemhan Rusia`.
        name: String,
    },
    /// One entity by id, as pretty JSON.
    Show {
        /// The id, e.g. `per:vladimir-putin`.
        id: String,
    },
    /// Entity ids, types, kinds and names, one per line, optionally filtered.
    List {
        /// Only this type: PER, ORG or LOC.
        #[arg(long = "type", value_name = "TYPE")]
        entity_type: Option<String>,
        /// Only this kind, e.g. `city` or `news_agency`.
        #[arg(long)]
        kind: Option<String>,
    },
    /// Check the data: duplicate ids, aliases shared across types, overlapping offices,
    /// missing or bad fields. Exits with code 1 on errors.
    Validate {
        /// Also print warnings (expected homonyms in converted data).
        #[arg(long)]
        warnings: bool,
    },
    /// Convert a Phoenix (petrarch2) actor dictionary and print the entities as TSV.
    ImportPhoenix {
        /// The dictionary file.
        file: PathBuf,
    },
    /// Rebuild the generated layer from the shared data sets.
    Build {
        /// The shared folder holding `data/geonames`, `data/iso`, `data/actors`.
        #[arg(long, value_name = "DIR")]
        shared: PathBuf,
        /// Where to write the TSV files.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

pub fn run(args: KbArgs) -> Result<u8> {
    match args.command {
        KbCommand::ImportPhoenix { file } => return import_phoenix(&file),
        KbCommand::Build { shared, out } => return build(&shared, &out),
        _ => {}
    }
    let kb = load(args.kb.as_deref())?;
    match args.command {
        KbCommand::Lookup { name } => {
            for entity in kb.lookup(&name) {
                println!("{}", serde_json::to_string(entity)?);
            }
        }
        KbCommand::Show { id } => match kb.get(&id) {
            Some(entity) => println!("{}", serde_json::to_string_pretty(entity)?),
            None => bail!("no entity {id}"),
        },
        KbCommand::List { entity_type, kind } => {
            let wanted = match entity_type.as_deref() {
                Some(t) => Some(EntityType::parse(t).context("--type is PER, ORG or LOC")?),
                None => None,
            };
            for e in kb.entities().iter().filter(|e| {
                wanted.is_none_or(|t| e.entity_type == t)
                    && kind.as_deref().is_none_or(|k| e.kind == k)
            }) {
                println!("{}\t{}\t{}\t{}", e.id, e.entity_type, e.kind, e.name);
            }
        }
        KbCommand::Validate { warnings } => return validate(&kb, warnings),
        KbCommand::ImportPhoenix { .. } | KbCommand::Build { .. } => unreachable!("handled above"),
    }
    Ok(exit::OK)
}

/// The knowledge base of `--kb DIR`, or the embedded one.
fn load(dir: Option<&Path>) -> Result<Kb> {
    let Some(dir) = dir else {
        return Ok(Kb::embedded());
    };
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|path| {
            let name = path.strip_prefix(dir).unwrap_or(path).display().to_string();
            fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))
                .map(|text| (name, text))
        })
        .collect::<Result<_>>()?;
    let sources: Vec<Source<'_>> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    Ok(Kb::from_sources(&sources)?)
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml" || e == "tsv") {
            files.push(path);
        }
    }
    Ok(())
}

fn validate(kb: &Kb, show_warnings: bool) -> Result<u8> {
    let problems = kb.validate();
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    for p in &problems {
        if show_warnings || p.severity == Severity::Error {
            println!("{p}");
        }
    }
    let count = |t: EntityType| kb.entities().iter().filter(|e| e.entity_type == t).count();
    eprintln!(
        "{} entities ({} PER, {} ORG, {} LOC): {errors} errors, {} warnings",
        kb.entities().len(),
        count(EntityType::Per),
        count(EntityType::Org),
        count(EntityType::Loc),
        problems.len() - errors,
    );
    Ok(exit::finished(errors > 0))
}

fn import_phoenix(file: &Path) -> Result<u8> {
    let text = fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (entries, bad) = warta_kb::build::parse_phoenix(&text);
    let options = BuildOptions::default();
    // Without the ISO table countries stay empty; every role keeps its CAMEO code.
    let (people, orgs) = warta_kb::build::phoenix_entities(
        &[(&name, entries)],
        &[&name],
        &Default::default(),
        &options.phoenix,
    );
    let entities: Vec<Entity> = people.into_iter().chain(orgs).collect();
    print!(
        "{}",
        warta_kb::build::to_tsv(
            &entities,
            &[&format!(
                "converted from {name}; {bad} malformed role lines skipped"
            )]
        )
    );
    Ok(exit::OK)
}

fn build(shared: &Path, out: &Path) -> Result<u8> {
    let data = shared.join("data");
    let read = |rel: &str| {
        let path = data.join(rel);
        fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
    };
    let phoenix_names = [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ];
    let phoenix_texts: Vec<String> = phoenix_names
        .iter()
        .map(|n| read(&format!("actors/{n}")))
        .collect::<Result<_>>()?;
    let (cities, countries, iso1, iso2) = (
        read("geonames/cities5000.json")?,
        read("geonames/countries.json")?,
        read("iso/iso3166-1_id.tsv")?,
        read("iso/iso3166-2.tsv")?,
    );
    let shared_data = SharedData {
        cities_json: &cities,
        countries_json: &countries,
        iso3166_1: &iso1,
        iso3166_2: &iso2,
        phoenix: phoenix_names
            .iter()
            .copied()
            .zip(phoenix_texts.iter().map(String::as_str))
            .collect(),
    };
    let files = warta_kb::build::build(&shared_data, &BuildOptions::default())
        .map_err(anyhow::Error::msg)?;
    fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for f in files {
        let path = out.join(&f.name);
        fs::write(&path, &f.text).with_context(|| format!("writing {}", path.display()))?;
        eprintln!(
            "{}: {} entities, {} bytes",
            path.display(),
            f.count,
            f.text.len()
        );
    }
    Ok(exit::OK)
}
