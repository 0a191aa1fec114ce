//! Document identity: what makes two inputs the same article.

use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;
use warta_core::Article;

/// The identity of one input article.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentKey {
    /// 32 hex digits: a 128-bit hash of the source key and the normalised headline and
    /// body. Equal ids mean the same article from the same place, byte for byte after
    /// whitespace is normalised.
    pub id: String,
    /// Where the article comes from: its URL when known (stable across crawls), else the
    /// input source (`file`, `file:line`). A new id under a stored source key replaces
    /// the stored version.
    pub source_key: String,
}

impl DocumentKey {
    /// The key of an article as an ingest reader produced it. Runs of whitespace count as
    /// one space and line ends do not matter, so re-saving a file with other line ends or
    /// trailing spaces changes nothing.
    pub fn of(article: &Article) -> DocumentKey {
        let source_key = article
            .url
            .clone()
            .unwrap_or_else(|| article.source.clone());
        // Fixed keys: SipHash-1-3 with them is a stable function, so ids survive
        // upgrades of Rust and of this crate.
        let mut hasher = SipHasher13::new_with_keys(0x7761_7274_6120_6b65, 0x7920_7631_0000_0000);
        hasher.write(source_key.as_bytes());
        hasher.write_u8(0);
        for part in [article.title.as_deref().unwrap_or(""), &article.body] {
            for word in part.split_whitespace() {
                hasher.write(word.as_bytes());
                hasher.write_u8(b' ');
            }
            hasher.write_u8(0);
        }
        DocumentKey {
            id: format!("{:032x}", u128::from(hasher.finish128())),
            source_key,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_the_id_but_words_and_sources_do() {
        let a = Article::from_text("a.txt", "Pasukan  menyerang pos itu.\r\nWarga mengungsi.\n");
        let same = Article::from_text("a.txt", "Pasukan menyerang pos itu.\nWarga mengungsi. ");
        let edited = Article::from_text("a.txt", "Pasukan menyerang pos itu.\nWarga bertahan.\n");
        let elsewhere =
            Article::from_text("b.txt", "Pasukan menyerang pos itu.\nWarga mengungsi.\n");
        assert_eq!(DocumentKey::of(&a), DocumentKey::of(&same));
        assert_ne!(DocumentKey::of(&a).id, DocumentKey::of(&edited).id);
        assert_eq!(
            DocumentKey::of(&a).source_key,
            DocumentKey::of(&edited).source_key
        );
        assert_ne!(DocumentKey::of(&a).id, DocumentKey::of(&elsewhere).id);
        assert_eq!(DocumentKey::of(&a).id.len(), 32);
    }

    #[test]
    fn the_url_is_the_source_key_when_known() {
        let mut article = Article::from_text("crawl.jsonl:7", "Isi berita.");
        article.url = Some("https://contoh.id/berita/1".into());
        assert_eq!(
            DocumentKey::of(&article).source_key,
            "https://contoh.id/berita/1"
        );
    }
}
