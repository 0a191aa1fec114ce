//! The knowledge base's names as the tagger's gazetteer: each name and alias split into
//! tokens as IndoLEM (and warta's tokeniser) split them, with its type.

use warta_kb::{EntityType, Kb, Layer};

/// Which knowledge-base names the tagger's gazetteer holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownNames {
    /// Every name and alias, both layers.
    All,
    /// Curated entities, countries, regions and cities of at least this many people.
    Curated { min_population: u64 },
}

impl KnownNames {
    /// The selection the shipped tagger was trained with.
    pub const SHIPPED: KnownNames = KnownNames::Curated {
        min_population: 1_000_000,
    };

    fn keeps(self, entity: &warta_kb::Entity) -> bool {
        match self {
            KnownNames::All => true,
            KnownNames::Curated { min_population } => {
                entity.layer == Layer::Curated
                    || matches!(entity.kind.as_str(), "country" | "region")
                    || entity.population.is_some_and(|p| p >= min_population)
            }
        }
    }
}

/// The gazetteer of the tagger's `GazetteerAt` features, built from the knowledge base.
/// Later entities override earlier ones with the same tokens, so curated types win.
pub fn tagger_gazetteer(kb: &Kb, names: KnownNames) -> warta_ner::Gazetteer {
    let mut gazetteer = warta_ner::Gazetteer::new();
    let mut tokens = Vec::new();
    for entity in kb.entities().iter().filter(|e| names.keeps(e)) {
        let kind = match entity.entity_type {
            EntityType::Per => warta_ner::EntityType::Person,
            EntityType::Org => warta_ner::EntityType::Organization,
            EntityType::Loc => warta_ner::EntityType::Location,
        };
        let spellings = std::iter::once(entity.name.as_str())
            .chain(entity.aliases.iter().map(|a| a.text.as_str()));
        for spelling in spellings {
            tokens.clear();
            split(spelling, &mut tokens);
            gazetteer.insert(&tokens, kind);
        }
    }
    gazetteer
}

/// Splits a name into tokens: runs of letters and digits, joined by inner hyphens,
/// apostrophes and dots ("Al-Qaeda", "Jum'at", "U.S"); any other character alone.
fn split<'a>(name: &'a str, out: &mut Vec<&'a str>) {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            i += 1;
            while i < chars.len() {
                let c = chars[i].1;
                let joins = matches!(c, '-' | '\'' | '’' | '.')
                    && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                if c.is_alphanumeric() {
                    i += 1;
                } else if joins {
                    i += 2;
                } else {
                    break;
                }
            }
        } else {
            i += 1;
        }
        let end = chars.get(i).map_or(name.len(), |&(at, _)| at);
        out.push(&name[start..end]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(name: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split(name, &mut out);
        out
    }

    #[test]
    fn splits_names_as_the_corpora_do() {
        assert_eq!(tokens("Jawa Tengah"), ["Jawa", "Tengah"]);
        assert_eq!(tokens("Al-Qaeda"), ["Al-Qaeda"]);
        assert_eq!(
            tokens("PT. Telkom (Persero)"),
            ["PT", ".", "Telkom", "(", "Persero", ")"]
        );
        assert_eq!(tokens("Côte d'Ivoire"), ["Côte", "d'Ivoire"]);
    }

    #[test]
    fn builds_from_the_embedded_knowledge_base() {
        let kb = Kb::embedded();
        let curated = tagger_gazetteer(&kb, KnownNames::SHIPPED);
        let all = tagger_gazetteer(&kb, KnownNames::All);
        assert!(curated.len() > 1000);
        assert!(all.len() > curated.len());
    }
}
