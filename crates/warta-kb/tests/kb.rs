//! The knowledge base on small hand-written sources, and the embedded one.

use jiff::civil::Date;
use warta_kb::{EntityType, Gazetteer, Kb, Lang, ProblemKind, Severity, Source};

const PEOPLE: &str = r#"
[[title]]
name = "Presiden Amerika Serikat"
en = "President of the United States"
aliases = ["Presiden AS"]

[[entity]]
id = "per:joe-biden"
kind = "politician"
name = "Joe Biden"
country = "US"
alias = ["Biden"]
roles = [{ title = "Presiden Amerika Serikat", from = 2021-01-20, to = 2025-01-20 }]

[[entity]]
id = "per:donald-trump"
kind = "politician"
name = "Donald Trump"
country = "US"
alias = ["Trump"]
roles = [
  { title = "Presiden Amerika Serikat", from = 2017-01-20, to = 2021-01-20 },
  { title = "Presiden Amerika Serikat", from = "2025-01-20" },
]
same_as = ["per:px:donald-trump"]
"#;

const PLACES: &str = r#"
[[entity]]
id = "loc:RU"
type = "LOC"
kind = "country"
name = "Rusia"
alias_id = ["Federasi Rusia"]
alias_en = ["Russia"]

[[entity]]
id = "loc:UA"
kind = "country"
name = "Ukraina"
alias_en = ["Ukraine"]

[[entity]]
id = "org:russia-defence-ministry"
kind = "ministry"
name = "Kementerian Pertahanan Rusia"
country = "RU"
alias_id = ["Kemhan Rusia"]
alias_en = ["Russian Defence Ministry"]

[[entity]]
id = "loc:gn:703448"
kind = "city"
name = "Kyiv"
alias_id = ["Kiev"]
"#;

const GENERATED: &str = "# generated\n\
id\ttype\tkind\tname\tcountry\tlat\tlon\tpopulation\twikidata\talias_id\talias_en\talias\troles\n\
loc:gn:703448\tLOC\tcity\tKyiv\tUA\t50.45466\t30.5238\t2952301\t\t\t\tKyjiw|Kijów\t\n\
loc:gn:524901\tLOC\tcity\tMoscow\tRU\t55.75204\t37.61781\t10381222\t\t\t\tMoskwa|Moskva\t\n\
per:px:donald-trump\tPER\tbusiness\tDonald J. Trump\tUS\t\t\t\t\t\t\t\t//USABUS/1990-01-01/\n";

fn kb() -> Kb {
    Kb::from_sources(&[
        Source {
            name: "generated/test.tsv",
            text: GENERATED,
        },
        Source {
            name: "curated/people.toml",
            text: PEOPLE,
        },
        Source {
            name: "curated/places.toml",
            text: PLACES,
        },
    ])
    .expect("test sources load")
}

#[test]
fn parses_both_layers_and_merges_them() {
    let kb = kb();
    assert_eq!(kb.entities().len(), 7);
    // The curated Kyiv overrides the generated one's name and keeps its coordinates.
    let kyiv = kb.get("loc:gn:703448").unwrap();
    assert_eq!(kyiv.name, "Kyiv");
    assert_eq!(kyiv.population, Some(2952301));
    assert_eq!(kyiv.country.as_deref(), Some("UA"));
    assert!(kyiv.coords.is_some());
    // `same_as` folds the Phoenix entry into the curated Trump; its id still resolves.
    let trump = kb.get("per:px:donald-trump").unwrap();
    assert_eq!(trump.id.as_str(), "per:donald-trump");
    assert_eq!(trump.kind, "politician");
    assert!(
        trump
            .roles
            .iter()
            .any(|r| r.cameo.as_deref() == Some("USABUS"))
    );
    assert!(trump.aliases.iter().any(|a| a.text == "Donald J. Trump"));
    // What was merged in is told from what the curated entry wrote.
    let written = kyiv
        .merged_aliases
        .expect("Kyiv absorbed the generated spellings");
    assert_eq!(kyiv.aliases[..written].len(), 1);
    assert!(kyiv.aliases[written..].iter().any(|a| a.text == "Kyjiw"));
    assert_eq!(trump.merged_aliases, Some(1));
    assert_eq!(kb.get("loc:RU").unwrap().merged_aliases, None);
    assert_eq!(kb.get("loc:RU").unwrap().entity_type, EntityType::Loc);
    assert!(kb.validate().is_empty(), "{:#?}", kb.validate());
}

#[test]
fn looks_up_aliases_in_both_languages_ignoring_case_and_accents() {
    let kb = kb();
    let ids =
        |name: &str| -> Vec<String> { kb.lookup(name).iter().map(|e| e.id.to_string()).collect() };
    assert_eq!(ids("Rusia"), ["loc:RU"]);
    assert_eq!(ids("russia"), ["loc:RU"]);
    assert_eq!(ids("FEDERASI RUSIA"), ["loc:RU"]);
    assert_eq!(ids("Kemhan Rusia"), ["org:russia-defence-ministry"]);
    assert_eq!(
        ids("Russian Defence Ministry"),
        ["org:russia-defence-ministry"]
    );
    assert_eq!(ids("Kiev"), ["loc:gn:703448"]);
    assert_eq!(ids("Kijow"), ["loc:gn:703448"]);
    assert_eq!(ids("moskwa"), ["loc:gn:524901"]);
    assert!(ids("Rusi").is_empty());
    let ministry = kb.get("org:russia-defence-ministry").unwrap();
    assert_eq!(ministry.aliases[0].lang, Lang::Id);
    assert_eq!(ministry.aliases[1].lang, Lang::En);
}

#[test]
fn finds_office_holders_by_date_and_title_alias() {
    let kb = kb();
    let holder = |title: &str, date: Date| -> Vec<String> {
        kb.holders(title, date)
            .iter()
            .map(|(e, _)| e.id.to_string())
            .collect()
    };
    let title = "Presiden Amerika Serikat";
    assert_eq!(holder(title, Date::constant(2022, 3, 1)), ["per:joe-biden"]);
    assert_eq!(
        holder(title, Date::constant(2025, 6, 1)),
        ["per:donald-trump"]
    );
    assert_eq!(
        holder(title, Date::constant(2019, 6, 1)),
        ["per:donald-trump"]
    );
    // Hand-over day: the successor only.
    assert_eq!(
        holder(title, Date::constant(2025, 1, 20)),
        ["per:donald-trump"]
    );
    assert_eq!(
        holder("presiden as", Date::constant(2022, 3, 1)),
        ["per:joe-biden"]
    );
    assert_eq!(
        holder("President of the United States", Date::constant(2022, 3, 1)),
        ["per:joe-biden"]
    );
    assert!(holder(title, Date::constant(2010, 1, 1)).is_empty());
}

fn problems(toml: &str) -> Vec<(ProblemKind, Severity)> {
    Kb::from_sources(&[Source {
        name: "t.toml",
        text: toml,
    }])
    .unwrap()
    .validate()
    .into_iter()
    .map(|p| (p.kind, p.severity))
    .collect()
}

#[test]
fn validation_reports_each_kind_of_problem() {
    let err = |kind| vec![(kind, Severity::Error)];
    let duplicate = "[[entity]]\nid = \"org:a\"\nkind = \"party\"\nname = \"A\"\n\
        [[entity]]\nid = \"org:a\"\nkind = \"party\"\nname = \"B\"\n";
    assert_eq!(problems(duplicate), err(ProblemKind::DuplicateId));

    let clash = "[[entity]]\nid = \"org:georgia\"\nkind = \"party\"\nname = \"Georgia\"\n\
        [[entity]]\nid = \"loc:GE\"\nkind = \"country\"\nname = \"Georgia\"\n";
    assert_eq!(problems(clash), err(ProblemKind::AliasTypeClash));
    assert!(problems(&format!("ambiguous = [\"georgia\"]\n{clash}")).is_empty());

    let overlap = "[[entity]]\nid = \"per:a\"\nkind = \"politician\"\nname = \"A\"\n\
        roles = [{ title = \"Presiden X\", from = 2020-01-01 }]\n\
        [[entity]]\nid = \"per:b\"\nkind = \"politician\"\nname = \"B\"\n\
        roles = [{ title = \"presiden x\", from = 2019-01-01, to = 2021-01-01 }]\n";
    assert_eq!(problems(overlap), err(ProblemKind::OverlappingRoles));
    let shared = format!("[[title]]\nname = \"Presiden X\"\nshared = true\n{overlap}");
    assert!(problems(&shared).is_empty());

    let missing = "[[entity]]\nid = \"per:a\"\nkind = \"politician\"\n";
    assert_eq!(problems(missing), err(ProblemKind::MissingField));
    let no_type = "[[entity]]\nid = \"a\"\nkind = \"politician\"\nname = \"A\"\n";
    assert_eq!(problems(no_type), err(ProblemKind::MissingField));

    let bad_kind = "[[entity]]\nid = \"loc:x\"\nkind = \"citiy\"\nname = \"X\"\n";
    assert_eq!(problems(bad_kind), err(ProblemKind::BadValue));
    let bad_date = "[[entity]]\nid = \"per:a\"\nkind = \"politician\"\nname = \"A\"\n\
        roles = [{ title = \"T\", from = \"2020-13-01\" }]\n";
    assert_eq!(problems(bad_date), err(ProblemKind::BadValue));
    let bad_country =
        "[[entity]]\nid = \"loc:x\"\nkind = \"city\"\nname = \"X\"\ncountry = \"RUS\"\n";
    assert_eq!(problems(bad_country), err(ProblemKind::BadValue));

    let unknown = "[[entity]]\nid = \"per:a\"\nkind = \"politician\"\nname = \"A\"\n\
        same_as = [\"per:px:nobody\"]\n";
    assert_eq!(problems(unknown), err(ProblemKind::UnknownReference));
}

#[test]
fn alias_clashes_with_generated_entities_are_warnings() {
    let kb = Kb::from_sources(&[
        Source {
            name: "g.tsv",
            text: "id\ttype\tkind\tname\n loc:gn:1\tLOC\tcity\tObama\n"
                .replace("\n ", "\n")
                .as_str(),
        },
        Source {
            name: "c.toml",
            text: "[[entity]]\nid = \"per:obama\"\nkind = \"politician\"\nname = \"Obama\"\n",
        },
    ])
    .unwrap();
    let problems = kb.validate();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Warning);
}

#[test]
fn unreadable_files_are_errors() {
    let toml = Source {
        name: "x.toml",
        text: "[[entity]]\nid = ",
    };
    assert!(Kb::from_sources(&[toml]).is_err());
    let tsv = Source {
        name: "x.tsv",
        text: "id\tname\nper:a\tA\textra\n",
    };
    assert!(Kb::from_sources(&[tsv]).is_err());
    let unknown_field = Source {
        name: "x.toml",
        text: "[[entity]]\nid = \"per:a\"\nnmae = \"A\"\n",
    };
    assert!(Kb::from_sources(&[unknown_field]).is_err());
}

fn spans(gazetteer: &Gazetteer, text: &str) -> Vec<(String, Vec<String>, bool)> {
    gazetteer
        .find(text)
        .into_iter()
        .map(|m| {
            (
                text[m.start..m.end].to_string(),
                m.candidates.iter().map(|c| c.to_string()).collect(),
                m.exact_case,
            )
        })
        .collect()
}

#[test]
fn gazetteer_prefers_longest_match_at_word_boundaries() {
    let kb = kb();
    let g = kb.gazetteer();
    let text =
        "Kementerian Pertahanan Rusia menyebut Rusia-Ukraina, bukan Rusiawi; KIEV dan Moskwa.";
    assert_eq!(
        spans(&g, text),
        [
            (
                "Kementerian Pertahanan Rusia".to_string(),
                vec!["org:russia-defence-ministry".to_string()],
                true
            ),
            ("Rusia".to_string(), vec!["loc:RU".to_string()], true),
            ("Ukraina".to_string(), vec!["loc:UA".to_string()], true),
            ("KIEV".to_string(), vec!["loc:gn:703448".to_string()], false),
            (
                "Moskwa".to_string(),
                vec!["loc:gn:524901".to_string()],
                true
            ),
        ]
    );
}

#[test]
fn gazetteer_spans_map_back_through_accents_and_spacing() {
    let kb = kb();
    let g = kb.gazetteer();
    // A decomposed accent and a line break inside the name; multi-byte text before it.
    let text = "“Kijo\u{301}w” — Kementerian  Pertahanan\nRusia.";
    let found = spans(&g, text);
    assert_eq!(found[0].0, "Kijo\u{301}w");
    assert_eq!(found[1].0, "Kementerian  Pertahanan\nRusia");
    assert!(found[1].2, "white space differences keep the case exact");
    // A shorter alias is still found when the longer one would cut a word.
    let found = spans(&g, "Kementerian Pertahanan Rusiana dan Rusia");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "Rusia");
}

#[test]
fn embedded_knowledge_base_loads_and_validates_clean() {
    let started = std::time::Instant::now();
    let kb = Kb::embedded();
    let loaded = started.elapsed();
    let errors: Vec<String> = kb
        .validate()
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let started = std::time::Instant::now();
    let g = kb.gazetteer();
    eprintln!(
        "embedded KB: {} entities in {loaded:?}; gazetteer: {} names in {:?}",
        kb.entities().len(),
        g.pattern_count(),
        started.elapsed()
    );
    for (name, id) in [
        ("Zelensky", "per:volodymyr-zelensky"),
        ("Kemhan Rusia", "org:russia-defence-ministry"),
        ("Moskwa", "loc:gn:524901"),
        ("Kiev", "loc:gn:703448"),
        ("Federasi Rusia", "loc:RU"),
        ("PBB", "org:un"),
        ("Tepi Barat", "loc:west-bank"),
    ] {
        assert!(
            kb.lookup(name).iter().any(|e| e.id.as_str() == id),
            "{name} -> {id}"
        );
    }
    let date = Date::constant(2025, 6, 1);
    let holders = kb.holders("Presiden AS", date);
    assert_eq!(holders.len(), 1);
    assert_eq!(holders[0].0.id.as_str(), "per:donald-trump");
    assert_eq!(kb.holders("Menlu RI", date)[0].0.id.as_str(), "per:sugiono");
    let found = g.find("Juru bicara Kremlin Dmitry Peskov mengatakan di Moskow.");
    let ids: Vec<&str> = found.iter().map(|m| m.candidates[0].as_str()).collect();
    assert!(ids.contains(&"org:kremlin"), "{ids:?}");
    assert!(ids.contains(&"per:dmitry-peskov"), "{ids:?}");
    assert!(ids.contains(&"loc:gn:524901"), "{ids:?}");
}
