//! Recognition and linking on sentences written for these tests.

use std::sync::LazyLock;

use crate::analysis::{Entity, EntityType, Resolution};
use crate::{Analyzer, Article};

/// One analyzer for every test: the knowledge base and tagger take a while to load.
static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::indonesian);

fn entities(text: &str) -> Vec<Entity> {
    ANALYZER
        .analyze(&Article::from_text("t.txt", text))
        .entities
}

/// Entities of a text published on `date` (the container's date).
fn entities_on(text: &str, date: &str) -> Vec<Entity> {
    let mut article = Article::from_text("t.txt", text);
    article.published = Some(date.to_string());
    ANALYZER.analyze(&article).entities
}

fn find<'e>(entities: &'e [Entity], id: &str) -> Option<&'e Entity> {
    entities.iter().find(|e| e.id == id)
}

#[test]
fn an_office_without_a_name_is_its_holder_on_the_publication_date() {
    let text = "Judul berita\nPresiden AS menyatakan dukungan bagi sekutunya di Eropa pekan ini.\n";
    let early = entities_on(text, "2022-06-01");
    let late = entities_on(text, "2025-06-01");
    let biden = find(&early, "per:joe-biden").expect("Biden in 2022");
    assert_eq!(biden.mentions[0].how, Resolution::Role);
    assert_eq!(biden.mentions[0].text, "Presiden AS");
    assert!(find(&late, "per:donald-trump").is_some(), "{late:#?}");
    assert!(find(&late, "per:joe-biden").is_none());
    // "AS" inside the office is the country, supported by the office word before it.
    assert!(find(&late, "loc:US").is_some());
}

#[test]
fn the_longest_name_wins() {
    let found = entities("Kementerian Pertahanan Rusia menyatakan serangan gagal.\n");
    assert!(find(&found, "org:russia-defence-ministry").is_some());
    assert!(find(&found, "loc:RU").is_none(), "{found:#?}");
}

#[test]
fn an_ambiguous_alias_needs_context() {
    // "Serang" (attack) opening a sentence is a word, not the city...
    let alone = entities("Serang balik dilakukan pasukan itu pada malam hari.\n");
    assert!(find(&alone, "loc:gn:1627549").is_none(), "{alone:#?}");
    // ...and "as" in lower case is never the United States.
    let lower = entities("Roda itu lepas dari as kendaraan.\n");
    assert!(find(&lower, "loc:US").is_none(), "{lower:#?}");
    // After a place cue, the city is meant.
    let cued = entities("Banjir melanda Kota Serang dan sekitarnya.\n");
    assert!(find(&cued, "loc:gn:1627549").is_some(), "{cued:#?}");
}

#[test]
fn an_unknown_name_found_by_the_tagger_is_a_local_entity() {
    let found = entities(
        "Gubernur Banyuwangi Sutrisno Wirapradja meninjau banjir bersama warga.\n\
         Menurut Wirapradja, bantuan segera tiba.\n",
    );
    let person = found
        .iter()
        .find(|e| e.entity_type == EntityType::PER)
        .expect("a person");
    assert_eq!(person.id, "local:per:sutrisno-wirapradja");
    assert_eq!(person.kind.as_deref(), Some("person"));
    // The later surname is the same person.
    assert_eq!(person.mentions.len(), 2, "{person:#?}");
    assert_eq!(person.mentions[1].how, Resolution::Coreference);
}

#[test]
fn a_later_surname_is_the_person_named_in_full() {
    let found = entities(
        "Vladimir Putin bertemu delegasi asing di Moskow.\nPutin lalu menyampaikan pidato.\n",
    );
    let putin = find(&found, "per:vladimir-putin").expect("Putin");
    assert_eq!(putin.mentions.len(), 2);
    let moscow = find(&found, "loc:gn:524901").expect("Moscow, Russia");
    assert!(moscow.coordinates.is_some());
    assert_eq!(moscow.country.as_deref(), Some("RU"));
}

#[test]
fn spans_are_the_mention_text() {
    let text = "Juru bicara Kremlin Dmitry Peskov berbicara di Kyiv.\n";
    let analysis = ANALYZER.analyze(&Article::from_text("t.txt", text));
    for entity in &analysis.entities {
        for m in &entity.mentions {
            assert_eq!(m.span.of(&analysis.text), m.text);
        }
    }
}
