//! Tests of the scorer on small invented cases, one rule of GOLD_FORMAT.md at a time.

use std::path::Path;

use serde_json::{Value, json};

use super::score::within_half_percent;
use super::*;

fn gold(annotation: Value) -> GoldDoc {
    serde_json::from_value(annotation).expect("test gold is well-formed")
}

fn predicted(article: Value) -> Prediction {
    Prediction::from_json(&article)
}

fn scores(gold_doc: Value, article: Value) -> Scores {
    score_document(&gold(gold_doc), Some(&predicted(article))).scores
}

fn counts(true_positives: usize, false_positives: usize, false_negatives: usize) -> Counts {
    Counts {
        true_positives,
        false_positives,
        false_negatives,
    }
}

#[test]
fn normalisation_lowers_strips_accents_and_collapses_white_space() {
    assert_eq!(
        normalize("  Café\u{00A0}\tdi   SÉLATAN\n"),
        "cafe di selatan"
    );
    // A decomposed accent (e + combining acute) normalises like the precomposed one.
    assert_eq!(normalize("Re\u{0301}sume\u{0301}"), normalize("Résumé"));
}

#[test]
fn an_entity_matches_through_any_alias_on_either_side() {
    let result = scores(
        json!({"doc": "a.txt", "entities": [{"type": "PER", "names": ["Budi Santoso", "Pak Budi"]}]}),
        json!({"source": "a.txt", "entities": [{"name": "B. Santoso", "type": "PER", "aliases": ["pak  budi"]}]}),
    );
    assert_eq!(result.entities.overall, counts(1, 0, 0));
    assert_eq!(result.entities.by_type["PER"], counts(1, 0, 0));
}

#[test]
fn an_entity_of_another_type_does_not_match() {
    let result = scores(
        json!({"doc": "a.txt", "entities": [{"type": "ORG", "names": ["Bank Sentosa"]}]}),
        json!({"source": "a.txt", "entities": [{"name": "Bank Sentosa", "type": "LOC", "aliases": []}]}),
    );
    assert_eq!(result.entities.overall, counts(0, 1, 1));
    assert_eq!(result.entities.by_type["ORG"], counts(0, 0, 1));
    assert_eq!(result.entities.by_type["LOC"], counts(0, 1, 0));
}

#[test]
fn a_gold_item_is_credited_once_even_when_predicted_twice() {
    let result = scores(
        json!({"doc": "a.txt", "credits": [["Kantor Berita X", "KBX"]]}),
        json!({"source": "a.txt", "credits": ["KBX", {"name": "Kantor Berita X", "aliases": []}]}),
    );
    assert_eq!(result.credits.overall, counts(1, 1, 0));
}

#[test]
fn assignment_is_maximal_where_greedy_order_would_strand_an_item() {
    // The first gold item accepts either prediction, the second only the first prediction:
    // taking the first prediction for the first gold item would leave the second unmatched.
    let result = scores(
        json!({"doc": "a.txt", "entities": [
            {"type": "LOC", "names": ["Kota Lama", "Lama"]},
            {"type": "LOC", "names": ["Lama"]}
        ]}),
        json!({"source": "a.txt", "entities": [
            {"name": "Lama", "type": "LOC", "aliases": []},
            {"name": "Kota Lama", "type": "LOC", "aliases": []}
        ]}),
    );
    assert_eq!(result.entities.overall, counts(2, 0, 0));
}

#[test]
fn a_quote_matches_when_its_text_starts_with_or_contains_the_gold_start() {
    let gold_quotes = json!({"doc": "a.txt", "quotes": [
        {"kind": "direct", "speaker": ["Sari"], "starts": "kami akan membangun jembatan"},
        {"kind": "indirect", "speaker": ["Sari"], "starts": "harga beras  akan turun bulan depan"},
        {"kind": "indirect", "speaker": ["Sari"], "starts": "sekolah baru dibuka tahun ini"}
    ]});
    let result = scores(
        gold_quotes,
        json!({"source": "a.txt", "quotes": [
            {"kind": "direct", "text": "\"Kami akan membangun jembatan di desa ini,\"", "speaker": {"name": "Sari", "aliases": []}},
            {"kind": "indirect", "text": "bahwa harga beras akan turun bulan depan", "speaker": {"name": "Sari", "aliases": []}},
            {"kind": "indirect", "text": "sekolah baru akan dibuka", "speaker": {"name": "Sari", "aliases": []}}
        ]}),
    );
    assert_eq!(result.quotes.matching.overall, counts(2, 1, 1));
    assert_eq!(
        result.quotes.speaker,
        Tally {
            correct: 2,
            total: 2
        }
    );
}

#[test]
fn an_empty_gold_speaker_wants_no_speaker_or_an_unnamed_one() {
    let gold_quotes = json!({"doc": "a.txt",
    "entities": [{"type": "PER", "names": ["Sari Dewi", "Sari"]}],
    "quotes": [
        {"kind": "indirect", "speaker": [], "starts": "jalan itu ditutup sementara"},
        {"kind": "indirect", "speaker": [], "starts": "pasar buka lebih pagi"},
        {"kind": "indirect", "speaker": [], "starts": "listrik padam dua jam"},
        {"kind": "indirect", "speaker": ["Sari Dewi", "Sari"], "starts": "air bersih sudah mengalir"}
    ]});
    let result = scores(
        gold_quotes,
        json!({"source": "a.txt", "quotes": [
            {"kind": "indirect", "text": "jalan itu ditutup sementara", "speaker": null},
            {"kind": "indirect", "text": "pasar buka lebih pagi", "speaker": {"name": "seorang petugas", "aliases": []}},
            {"kind": "indirect", "text": "listrik padam dua jam", "speaker": {"name": "Sari", "aliases": []}},
            {"kind": "indirect", "text": "air bersih sudah mengalir", "speaker": null}
        ]}),
    );
    assert_eq!(result.quotes.matching.overall, counts(4, 0, 0));
    // Right: no speaker, an unnamed one. Wrong: a named person for an unnamed source, and
    // no speaker for a named one.
    assert_eq!(
        result.quotes.speaker,
        Tally {
            correct: 2,
            total: 4
        }
    );
}

fn event(event_type: &str, negated: bool, actor: Value, recipient: Value) -> Value {
    json!({"type": event_type, "negated": negated, "actor": actor, "recipient": recipient,
           "location": null, "date": null})
}

fn party(name: &str) -> Value {
    json!({"name": name, "aliases": [], "country": null})
}

#[test]
fn a_negated_gold_event_matches_only_a_negated_prediction() {
    let gold_events = json!({"doc": "a.txt", "events": [
        {"type": "REQUEST", "negated": true, "actor": ["Negeri A"], "recipient": ["Negeri B"]}
    ]});
    let plain = scores(
        gold_events.clone(),
        json!({"source": "a.txt", "events": [event("REQUEST", false, party("Negeri A"), party("Negeri B"))]}),
    );
    assert_eq!(plain.events.matching.overall, counts(0, 1, 1));
    let negated = scores(
        gold_events,
        json!({"source": "a.txt", "events": [event("REQUEST", true, party("Negeri A"), party("Negeri B"))]}),
    );
    assert_eq!(negated.events.matching.overall, counts(1, 0, 0));
    // The format states the rule in one direction only: a plain gold event accepts either.
    let reverse = scores(
        json!({"doc": "a.txt", "events": [{"type": "AID", "actor": ["Negeri A"], "recipient": []}]}),
        json!({"source": "a.txt", "events": [event("AID", true, party("Negeri A"), Value::Null)]}),
    );
    assert_eq!(reverse.events.matching.overall, counts(1, 0, 0));
}

#[test]
fn an_empty_gold_party_list_matches_anything_and_a_country_counts_as_a_name() {
    let result = scores(
        json!({"doc": "a.txt", "events": [
            {"type": "CONSULT", "actor": ["Menteri Luar Negeri A"], "recipient": []},
            {"type": "CONSULT", "actor": [], "recipient": ["Negeri B"]},
            {"type": "ASSAULT", "actor": ["Negeri A"], "recipient": ["Negeri B"]}
        ]}),
        json!({"source": "a.txt", "events": [
            event("CONSULT", false, party("Menteri Luar Negeri A"), party("Siapa Saja")),
            event("CONSULT", false, Value::Null, party("Negeri B")),
            event("ASSAULT", false,
                  json!({"name": "pasukan utara", "aliases": [], "country": "Negeri A"}),
                  Value::Null)
        ]}),
    );
    // The third prediction has the actor through its country but no recipient.
    assert_eq!(result.events.matching.overall, counts(2, 1, 1));
    assert_eq!(result.events.matching.by_type["CONSULT"], counts(2, 0, 0));
    assert_eq!(result.events.matching.by_type["ASSAULT"], counts(0, 1, 1));
}

#[test]
fn where_and_when_are_scored_over_matches_whose_gold_has_them() {
    let result = scores(
        json!({"doc": "a.txt", "events": [
            {"type": "PROTEST", "actor": ["buruh"], "recipient": [], "where": ["Kota Lama", "Lama"], "when": "2021-05-01"},
            {"type": "AID", "actor": ["Negeri A"], "recipient": [], "where": ["Pulau Kecil"]},
            {"type": "AGREE", "actor": ["Negeri A"], "recipient": []}
        ]}),
        json!({"source": "a.txt", "events": [
            {"type": "PROTEST", "negated": false, "actor": party("buruh"), "recipient": null,
             "location": {"name": "lama"}, "date": "2021-05-02"},
            {"type": "AID", "negated": false, "actor": party("Negeri A"), "recipient": null,
             "location": {"name": "Pulau Besar"}, "date": "2021-05-01"},
            {"type": "AGREE", "negated": false, "actor": party("Negeri A"), "recipient": null,
             "location": {"name": "Kota Lama"}, "date": "2021-05-01"}
        ]}),
    );
    assert_eq!(result.events.matching.overall, counts(3, 0, 0));
    assert_eq!(
        result.events.place,
        Tally {
            correct: 1,
            total: 2
        }
    );
    assert_eq!(
        result.events.day,
        Tally {
            correct: 0,
            total: 1
        }
    );
}

#[test]
fn quantities_match_within_half_a_percent_inclusive() {
    assert!(within_half_percent(1000.0, 1005.0));
    assert!(within_half_percent(1000.0, 995.0));
    assert!(!within_half_percent(1000.0, 1005.01));
    assert!(!within_half_percent(1000.0, 994.99));
    assert!(within_half_percent(3.5, 3.5175));
    assert!(within_half_percent(0.0, 0.0));
    assert!(!within_half_percent(0.0, 0.001));

    let result = scores(
        json!({"doc": "a.txt", "quantities": [
            {"value": 2000, "unit": ["orang", "warga"]},
            {"value": 40, "unit": ["kapal"]}
        ]}),
        json!({"source": "a.txt", "quantities": [
            {"value": 2010.0, "unit": "Warga"},
            {"value": 40.0, "unit": "perahu"}
        ]}),
    );
    assert_eq!(result.quantities.overall, counts(1, 1, 1));
}

#[test]
fn a_date_matches_when_the_texts_overlap_and_the_day_is_the_same() {
    let result = scores(
        json!({"doc": "a.txt", "dates": [
            {"text": "Rabu (3/4/2019)", "value": "2019-04-03"},
            {"text": "pada hari Senin", "value": "2019-04-01"},
            {"text": "kemarin", "value": "2019-04-02"},
            {"text": "Jumat lalu", "value": "2019-03-29"}
        ]}),
        json!({"source": "a.txt", "dates": [
            {"text": "3/4/2019", "value": "2019-04-03"},
            {"text": "Senin", "value": "2019-04-01"},
            {"text": "Selasa", "value": "2019-04-02"},
            {"text": "Jumat lalu", "value": "2019-03-22"}
        ]}),
    );
    // Containment and a shared word match; no shared word, or another day, does not.
    assert_eq!(result.dates.overall, counts(2, 2, 2));
}

#[test]
fn a_date_written_twice_with_the_same_day_is_one_prediction() {
    let result = scores(
        json!({"doc": "a.txt", "dates": [{"text": "Rabu (3/4/2019)", "value": "2019-04-03"}]}),
        json!({"source": "a.txt", "dates": [
            {"text": "Rabu (3/4/2019)", "value": "2019-04-03"},
            {"text": "Rabu  (3/4/2019)", "value": "2019-04-03"},
            {"text": "Rabu (3/4/2019)", "value": "2019-04-10"}
        ]}),
    );
    // The repeat counts once; the same words on another day are another prediction.
    assert_eq!(result.dates.overall, counts(1, 1, 0));
}

#[test]
fn clean_text_and_published_are_shares_of_checks() {
    let gold_doc = json!({"doc": "a.txt", "published": null,
        "clean": {"drop": ["BACA JUGA: berita lain", "Foto: Arsip"], "keep": ["Hujan deras turun", "Warga   mengungsi"]}});
    let result = scores(
        gold_doc,
        json!({"source": "a.txt", "published": null,
               "text": "Hujan deras turun sejak pagi.\nFoto: arsip"}),
    );
    assert_eq!(
        result.clean.drop_absent,
        Tally {
            correct: 1,
            total: 2
        }
    );
    assert_eq!(
        result.clean.keep_present,
        Tally {
            correct: 1,
            total: 2
        }
    );
    assert_eq!(
        result.published,
        Tally {
            correct: 1,
            total: 1
        }
    );

    let dated = scores(
        json!({"doc": "a.txt", "published": "2020-02-02"}),
        json!({"source": "a.txt", "published": "2020-02-02T08:00:00+07:00"}),
    );
    assert_eq!(
        dated.published,
        Tally {
            correct: 1,
            total: 1
        }
    );
    let unannotated = scores(
        json!({"doc": "a.txt"}),
        json!({"source": "a.txt", "published": "2020-02-02"}),
    );
    assert_eq!(unannotated.published, Tally::default());
}

#[test]
fn scores_are_micro_averaged_over_documents() {
    let gold_docs = vec![
        gold(json!({"doc": "one.txt", "credits": [["Agen A"]]})),
        gold(json!({"doc": "two.txt", "credits": [["Agen B"], ["Agen C"], ["Agen D"]]})),
    ];
    let predictions = vec![
        predicted(json!({"source": "/data/in/one.txt", "credits": ["Agen A"]})),
        predicted(json!({"source": "out/two.txt", "credits": ["Agen Z"]})),
    ];
    let evaluation = evaluate(&gold_docs, &predictions);
    let overall = evaluation.report.scores.credits.overall;
    assert_eq!(overall, counts(1, 1, 3));
    // Micro: 1 of 4 gold items found (a per-document mean would give (1 + 0) / 2).
    assert_eq!(overall.recall(), Some(0.25));
    assert_eq!(overall.precision(), Some(0.5));
    assert_eq!(overall.f1(), Some(2.0 / 6.0));
}

#[test]
fn a_document_without_prediction_counts_every_gold_item_as_missed() {
    let gold_docs = vec![gold(json!({"doc": "lost.txt", "published": null,
        "clean": {"drop": ["iklan"], "keep": ["isi berita"]},
        "credits": [["Agen A"]],
        "entities": [{"type": "LOC", "names": ["Kota Lama"]}],
        "quotes": [{"kind": "direct", "speaker": [], "starts": "kami tidak tahu apa-apa"}],
        "events": [{"type": "AID", "actor": [], "recipient": []}],
        "quantities": [{"value": 3, "unit": ["rumah"]}],
        "dates": [{"text": "Senin", "value": "2020-01-06"}]}))];
    let predictions = vec![predicted(json!({"source": "other.txt"}))];
    let evaluation = evaluate(&gold_docs, &predictions);
    let report = &evaluation.report;
    assert_eq!(report.documents_without_prediction, ["lost.txt"]);
    assert_eq!(report.unpaired_predictions, ["other.txt"]);
    let scores = &report.scores;
    for field in [
        &scores.credits,
        &scores.entities,
        &scores.quotes.matching,
        &scores.events.matching,
        &scores.quantities,
        &scores.dates,
    ] {
        assert_eq!(field.overall, counts(0, 0, 1));
    }
    assert_eq!(
        scores.clean.drop_absent,
        Tally {
            correct: 0,
            total: 1
        }
    );
    assert_eq!(
        scores.clean.keep_present,
        Tally {
            correct: 0,
            total: 1
        }
    );
    assert_eq!(
        scores.published,
        Tally {
            correct: 0,
            total: 1
        }
    );
    assert_eq!(evaluation.documents[0].misses.len(), 1);
    assert_eq!(
        evaluation.documents[0].misses[0].kind,
        MissKind::NoPrediction
    );
}

#[test]
fn misses_name_what_was_missed_and_what_was_extra() {
    let result = score_document(
        &gold(json!({"doc": "a.txt", "entities": [{"type": "PER", "names": ["Sari Dewi"]}]})),
        Some(&predicted(json!({"source": "a.txt", "entities": [
            {"name": "Dewi Sartika", "type": "PER", "aliases": []}
        ]}))),
    );
    let listing = render_misses(&[result]);
    assert!(listing.contains("== a.txt"), "{listing}");
    assert!(
        listing.contains("missed") && listing.contains("\"Sari Dewi\""),
        "{listing}"
    );
    assert!(
        listing.contains("extra") && listing.contains("\"Dewi Sartika\""),
        "{listing}"
    );
}

#[test]
fn the_report_renders_as_tables_and_as_json() {
    let evaluation = evaluate(
        &[gold(
            json!({"doc": "a.txt", "entities": [{"type": "PER", "names": ["Sari"]}]}),
        )],
        &[predicted(
            json!({"source": "a.txt", "entities": [{"name": "Sari", "type": "PER", "aliases": []}]}),
        )],
    );
    let text = evaluation.report.to_string();
    assert!(text.contains("entities"), "{text}");
    let per_row = text
        .lines()
        .find(|line| line.starts_with("PER"))
        .expect("a PER row");
    assert_eq!(
        per_row.split_whitespace().collect::<Vec<_>>(),
        ["PER", "1.000", "1.000", "1.000", "1", "0", "0"]
    );
    // Undefined rates (nothing predicted, nothing in gold) show as "-", not as 0 or 1.
    let dates_row = text
        .lines()
        .skip_while(|line| !line.starts_with("dates"))
        .nth(1)
        .expect("a dates row");
    assert!(
        dates_row.starts_with("overall") && dates_row.contains(" - "),
        "{dates_row}"
    );

    let json = serde_json::to_value(&evaluation.report).expect("the report serialises");
    assert_eq!(json["entities"]["by_type"]["PER"]["f1"], json!(1.0));
    assert_eq!(json["entities"]["overall"]["fn"], json!(0));
    assert_eq!(json["dates"]["overall"]["precision"], Value::Null);
    assert!(json["events"]["where"]["total"].is_number());
}

#[test]
fn predictions_are_read_leniently_from_json_lines() {
    let text = "\n{\"source\":\"x/a.txt\",\"quotes\":[{\"text\":\"ya\",\"speaker\":\"Sari\"}],\
                \"quantities\":[{\"value\":\"12\",\"unit\":[\"kapal\"]},{\"unit\":\"kapal\"}],\
                \"events\":[{\"type\":\"AID\",\"location\":\"Kota Lama\",\"actor\":[\"A\",\"B\"]}]}\n\n";
    let predictions = parse_predictions(text, Path::new("test.jsonl")).expect("valid JSON Lines");
    assert_eq!(predictions.len(), 1);
    let prediction = &predictions[0];
    assert_eq!(prediction.doc_name(), "a.txt");
    assert_eq!(prediction.quotes[0].speaker, Some(vec!["Sari".to_owned()]));
    assert_eq!(prediction.quantities[0].value, Some(12.0));
    assert_eq!(prediction.quantities[1].value, None);
    assert_eq!(prediction.events[0].location.as_deref(), Some("Kota Lama"));
    assert_eq!(
        prediction.events[0].actor,
        Some(vec!["A".to_owned(), "B".to_owned()])
    );
    assert!(!prediction.events[0].negated);

    let error = parse_predictions("{}\n{oops", Path::new("bad.jsonl")).unwrap_err();
    assert!(error.to_string().starts_with("bad.jsonl:2:"), "{error}");
}

/// What a perfect system would output for a gold article.
fn as_prediction(gold_doc: &GoldDoc) -> Prediction {
    let party = |names: &[String]| match names.split_first() {
        Some((name, aliases)) => json!({"name": name, "aliases": aliases, "country": null}),
        None => Value::Null,
    };
    predicted(json!({
        "source": format!("articles/{}", gold_doc.doc),
        "published": gold_doc.published.clone().flatten(),
        "text": gold_doc.clean.keep.join("\n"),
        "credits": gold_doc.credits.iter().map(|names| party(names)).collect::<Vec<_>>(),
        "entities": gold_doc.entities.iter().map(|entity| json!({
            "name": entity.names[0], "type": entity.entity_type, "aliases": entity.names[1..]
        })).collect::<Vec<_>>(),
        "quotes": gold_doc.quotes.iter().map(|quote| json!({
            "kind": quote.kind, "text": quote.starts, "speaker": party(&quote.speaker)
        })).collect::<Vec<_>>(),
        "events": gold_doc.events.iter().map(|event| json!({
            "type": event.event_type, "negated": event.negated,
            "actor": party(&event.actor), "recipient": party(&event.recipient),
            "location": event.place.first().map(|name| json!({"name": name})),
            "date": event.day
        })).collect::<Vec<_>>(),
        "quantities": gold_doc.quantities.iter().map(|quantity| json!({
            "value": quantity.value, "unit": quantity.unit[0]
        })).collect::<Vec<_>>(),
        "dates": gold_doc.dates.iter().map(|date| json!({
            "text": date.text, "value": date.value
        })).collect::<Vec<_>>(),
    }))
}

#[test]
fn the_real_gold_scored_against_itself_is_perfect() {
    let gold_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/gold");
    if !gold_dir.is_dir() {
        eprintln!(
            "note: {} is absent, skipping the gold self-score",
            gold_dir.display()
        );
        return;
    }
    let gold_docs = load_gold_dir(&gold_dir).expect("the shared gold loads");
    assert!(
        !gold_docs.is_empty(),
        "no *.gold.json in {}",
        gold_dir.display()
    );
    let predictions: Vec<Prediction> = gold_docs.iter().map(as_prediction).collect();
    let evaluation = evaluate(&gold_docs, &predictions);
    let report = &evaluation.report;
    let misses = render_misses(&evaluation.documents);
    assert!(misses.is_empty(), "{misses}");
    assert!(report.documents_without_prediction.is_empty());
    assert!(report.unpaired_predictions.is_empty());

    let scores = &report.scores;
    for (name, field) in scores.fields() {
        assert_eq!(field.overall.f1(), Some(1.0), "{name} overall");
        for (item_type, counts) in &field.by_type {
            assert_eq!(counts.f1(), Some(1.0), "{name} {item_type}");
        }
    }
    for (name, tally) in [
        ("published", &scores.published),
        ("clean drop", &scores.clean.drop_absent),
        ("clean keep", &scores.clean.keep_present),
        ("speaker", &scores.quotes.speaker),
        ("where", &scores.events.place),
        ("when", &scores.events.day),
    ] {
        assert_eq!(tally.share(), Some(1.0), "{name}");
    }
}

#[test]
fn among_equally_large_matchings_the_one_with_right_speakers_wins() {
    // Both predicted quotes contain both gold starts; only the crossed pairing gets both
    // speakers right.
    let result = scores(
        json!({"doc": "a.txt",
        "entities": [{"type": "PER", "names": ["Sari"]}, {"type": "PER", "names": ["Budi"]}],
        "quotes": [
            {"kind": "direct", "speaker": ["Sari"], "starts": "kita harus bekerja"},
            {"kind": "direct", "speaker": ["Budi"], "starts": "kita harus"}
        ]}),
        json!({"source": "a.txt", "quotes": [
            {"kind": "direct", "text": "kita harus bekerja keras", "speaker": {"name": "Budi", "aliases": []}},
            {"kind": "direct", "text": "kita harus bekerja sama", "speaker": {"name": "Sari", "aliases": []}}
        ]}),
    );
    assert_eq!(result.quotes.matching.overall, counts(2, 0, 0));
    assert_eq!(
        result.quotes.speaker,
        Tally {
            correct: 2,
            total: 2
        }
    );
}
