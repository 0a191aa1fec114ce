//! BIO labels and the entity types the corpora annotate.

use std::fmt;

/// The type of a name. NER-UI annotates persons, organisations and places; NER-UGM adds
/// quantities and times.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Person,
    Organization,
    Location,
    Quantity,
    Time,
}

impl EntityType {
    /// Every type, in the order of their codes in a model file.
    pub const ALL: [EntityType; 5] = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Location,
        EntityType::Quantity,
        EntityType::Time,
    ];

    /// The name the IndoLEM corpora use (`PERSON`, `ORGANIZATION`, …).
    pub fn name(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Organization => "ORGANIZATION",
            EntityType::Location => "LOCATION",
            EntityType::Quantity => "QUANTITY",
            EntityType::Time => "TIME",
        }
    }

    /// Reads the corpus names and the usual short forms (`PER`, `ORG`, `LOC`).
    pub fn parse(name: &str) -> Option<EntityType> {
        Some(match name {
            "PERSON" | "PER" => EntityType::Person,
            "ORGANIZATION" | "ORGANISATION" | "ORG" => EntityType::Organization,
            "LOCATION" | "LOC" => EntityType::Location,
            "QUANTITY" | "QTY" => EntityType::Quantity,
            "TIME" => EntityType::Time,
            _ => return None,
        })
    }

    pub(crate) fn code(self) -> u8 {
        self as u8
    }

    pub(crate) fn from_code(code: u8) -> Option<EntityType> {
        EntityType::ALL.get(usize::from(code)).copied()
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The tag of one token: outside any name, or the beginning or continuation of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    O,
    B(EntityType),
    I(EntityType),
}

impl Label {
    /// Reads `O`, `B-PERSON`, `I-LOC`, ….
    pub fn parse(tag: &str) -> Option<Label> {
        if tag == "O" {
            return Some(Label::O);
        }
        let (prefix, kind) = tag.split_once('-')?;
        let kind = EntityType::parse(kind)?;
        match prefix {
            "B" => Some(Label::B(kind)),
            "I" => Some(Label::I(kind)),
            _ => None,
        }
    }

    /// The entity type, unless the label is `O`.
    pub fn entity_type(self) -> Option<EntityType> {
        match self {
            Label::O => None,
            Label::B(kind) | Label::I(kind) => Some(kind),
        }
    }

    /// Whether this label may follow `previous` (`None` at the start of a sentence): an
    /// `I-X` only continues a name of the same type.
    pub fn may_follow(self, previous: Option<Label>) -> bool {
        match self {
            Label::I(kind) => previous.and_then(Label::entity_type) == Some(kind),
            Label::O | Label::B(_) => true,
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::O => f.write_str("O"),
            Label::B(kind) => write!(f, "B-{kind}"),
            Label::I(kind) => write!(f, "I-{kind}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_parse_and_print() {
        for tag in ["O", "B-PERSON", "I-ORGANIZATION", "B-TIME", "I-QUANTITY"] {
            assert_eq!(Label::parse(tag).unwrap().to_string(), tag);
        }
        assert_eq!(Label::parse("B-LOC"), Some(Label::B(EntityType::Location)));
        assert_eq!(Label::parse("B-MISC"), None);
        assert_eq!(Label::parse("X-PERSON"), None);
    }

    #[test]
    fn inside_continues_only_its_own_type() {
        let per = EntityType::Person;
        assert!(Label::I(per).may_follow(Some(Label::B(per))));
        assert!(Label::I(per).may_follow(Some(Label::I(per))));
        assert!(!Label::I(per).may_follow(Some(Label::O)));
        assert!(!Label::I(per).may_follow(Some(Label::B(EntityType::Location))));
        assert!(!Label::I(per).may_follow(None));
        assert!(Label::B(per).may_follow(None));
    }
}
