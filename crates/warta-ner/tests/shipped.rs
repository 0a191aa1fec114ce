//! The committed model loads and finds the names of a sentence written for this test.

use warta_ner::{Entity, EntityType, Model, entities};

#[test]
fn shipped_model_tags_a_sentence() {
    let model = Model::from_bytes(warta_ner::SHIPPED_MODEL).expect("the shipped model loads");
    let tokens = [
        "Presiden", "Joko", "Widodo", "bertemu", "Menteri", "Luar", "Negeri", "Retno", "Marsudi",
        "di", "Jakarta", ".",
    ];
    let labels = model.tag(&tokens);
    assert_eq!(labels.len(), tokens.len());
    let found = entities(&labels);
    let span = |start, end, kind| Entity { start, end, kind };
    for expected in [
        span(1, 3, EntityType::Person),
        span(7, 9, EntityType::Person),
        span(10, 11, EntityType::Location),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    // The shipped model knows persons, organisations and places only.
    assert!(
        model
            .labels()
            .iter()
            .filter_map(|l| l.entity_type())
            .all(|t| matches!(
                t,
                EntityType::Person | EntityType::Organization | EntityType::Location
            ))
    );
}

#[test]
fn shipped_model_round_trips_to_the_same_bytes() {
    let model = Model::from_bytes(warta_ner::SHIPPED_MODEL).unwrap();
    assert_eq!(model.to_bytes(), warta_ner::SHIPPED_MODEL);
    assert!(model.tag(&[]).is_empty());
}
