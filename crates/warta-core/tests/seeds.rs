//! Dev check of cleaning and metadata over the shared seed articles and their gold.
//!
//! The seeds live outside the repository (`../../../shared` from this crate); when they
//! are absent the test says so and passes. It prints every miss so a regression is
//! easy to read, and fails only when the shares drop below what the rules reach today.

use std::fs;
use std::path::PathBuf;

use serde_json::Value;
use warta_core::{Analyzer, Article};

/// Lower case with runs of white space (no-break spaces too) collapsed, as the scorer does.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

#[test]
fn seeds_clean_and_metadata_match_gold() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let seeds = shared.join("seeds");
    let gold_dir = shared.join("eval/gold");
    let Ok(entries) = fs::read_dir(&seeds) else {
        eprintln!(
            "note: no seed articles at {}; skipping the seed check",
            seeds.display()
        );
        return;
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();

    let analyzer = Analyzer::indonesian();
    let (mut drops, mut drops_ok, mut keeps, mut keeps_ok) = (0, 0, 0, 0);
    let (mut gold_credits, mut credits_found, mut predicted_credits) = (0, 0, 0);
    let (mut dates_right, mut dates_total) = (0, 0);
    let (mut mentions_right, mut mentions_total, mut mentions_predicted) = (0, 0, 0);
    for path in &files {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let Ok(gold) = fs::read_to_string(gold_dir.join(format!("{stem}.gold.json"))) else {
            continue;
        };
        let gold: Value = serde_json::from_str(&gold).expect("gold is JSON");
        let body = fs::read_to_string(path).expect("seed is UTF-8 text");
        let analysis = analyzer.analyze(&Article::from_text(path.display().to_string(), body));
        let text = normalize(&analysis.text);

        for drop in strings(&gold["clean"]["drop"]) {
            drops += 1;
            if text.contains(&normalize(&drop)) {
                println!("{stem}: boilerplate left in: {drop:?}");
            } else {
                drops_ok += 1;
            }
        }
        for keep in strings(&gold["clean"]["keep"]) {
            keeps += 1;
            if text.contains(&normalize(&keep)) {
                keeps_ok += 1;
            } else {
                println!("{stem}: content lost: {keep:?}");
            }
        }

        let names = |c: &warta_core::analysis::Credit| {
            std::iter::once(&c.name)
                .chain(&c.aliases)
                .map(|n| n.to_lowercase())
                .collect::<Vec<_>>()
        };
        let mut unmatched: Vec<&warta_core::analysis::Credit> = analysis.credits.iter().collect();
        predicted_credits += analysis.credits.len();
        for item in gold["credits"].as_array().into_iter().flatten() {
            gold_credits += 1;
            let accepted: Vec<String> = strings(item).iter().map(|n| n.to_lowercase()).collect();
            match unmatched
                .iter()
                .position(|c| names(c).iter().any(|n| accepted.contains(n)))
            {
                Some(found) => {
                    credits_found += 1;
                    unmatched.remove(found);
                }
                None => println!("{stem}: credit missed: {accepted:?}"),
            }
        }
        for extra in unmatched {
            println!(
                "{stem}: credit not in gold: {} ({}: {:?})",
                extra.name, extra.how, extra.evidence
            );
        }

        for item in gold["dates"].as_array().into_iter().flatten() {
            let (text, value) = (
                item["text"].as_str().unwrap_or(""),
                item["value"].as_str().unwrap_or(""),
            );
            let wanted = normalize(text);
            mentions_total += 1;
            let found = analysis.dates.iter().any(|d| {
                let said = normalize(&d.text);
                d.value == value && (said.contains(&wanted) || wanted.contains(&said))
            });
            if found {
                mentions_right += 1;
            } else {
                println!("{stem}: date missed: {text:?} = {value}");
            }
        }
        mentions_predicted += analysis.dates.len();

        dates_total += 1;
        let expected = gold["published"].as_str();
        if analysis.published.as_deref() == expected {
            dates_right += 1;
        } else {
            println!(
                "{stem}: published {:?}, gold {expected:?}",
                analysis.published
            );
        }
    }
    if dates_total == 0 {
        eprintln!("note: no gold files next to the seeds; skipping the seed check");
        return;
    }
    let share = |ok: usize, all: usize| {
        if all == 0 {
            1.0
        } else {
            ok as f64 / all as f64
        }
    };
    println!(
        "clean.drop absent: {drops_ok}/{drops} ({:.2})",
        share(drops_ok, drops)
    );
    println!(
        "clean.keep present: {keeps_ok}/{keeps} ({:.2})",
        share(keeps_ok, keeps)
    );
    println!("credits: {credits_found}/{gold_credits} gold found, {predicted_credits} predicted");
    println!("published: {dates_right}/{dates_total} as gold");
    println!(
        "date mentions: {mentions_right}/{mentions_total} gold found, {mentions_predicted} predicted"
    );
    assert!(share(drops_ok, drops) >= 0.9, "too much boilerplate left");
    assert!(share(keeps_ok, keeps) >= 0.95, "content lost");
    assert!(share(credits_found, gold_credits) >= 0.8, "credits missed");
    assert!(
        share(dates_right, dates_total) >= 0.8,
        "publication dates wrong"
    );
}
