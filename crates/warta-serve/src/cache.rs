//! The answers of recent searches, as sent.
//!
//! A search costs the server a pass over the index, the hits' rows and the facets' joins
//! (a few milliseconds of CPU on a 100,000-article store); the same question asked again
//! (a popular query, a reader paging back, several readers following one link) costs a
//! lookup here instead. An answer stays true while the store's index stays at the version
//! it was computed at ([`crate::pool::Stores::version`]); the cache forgets every answer
//! when it is asked at another version (a writer committed).

use std::sync::Mutex;

use axum::body::Bytes;
use lru::LruCache;
use warta_store::SearchQuery;

/// The answers of recent searches, the least recently asked dropped first once their
/// bytes would pass a budget (answers range from a few hundred bytes to ~100 KB for a
/// page of 200 hits, so a count of entries would bound nothing).
pub(crate) struct Answers {
    inner: Mutex<Inner>,
    budget: usize,
}

struct Inner {
    answers: LruCache<SearchQuery, Bytes>,
    bytes: usize,
    /// The store version the kept answers were computed at.
    version: u64,
}

impl Answers {
    pub(crate) fn new(budget: usize) -> Answers {
        Answers {
            inner: Mutex::new(Inner {
                answers: LruCache::unbounded(),
                bytes: 0,
                version: 0,
            }),
            budget,
        }
    }

    /// The answer sent last time `query` was asked, if it is still kept and the store is
    /// still at `version`; at another version every kept answer is dropped.
    pub(crate) fn get(&self, version: u64, query: &SearchQuery) -> Option<Bytes> {
        let mut inner = self.lock();
        if inner.version != version {
            inner.answers.clear();
            inner.bytes = 0;
            inner.version = version;
            return None;
        }
        inner.answers.get(query).cloned()
    }

    /// Keeps `answer` to `query`, computed at store `version`, dropping the least
    /// recently asked to stay in budget; an answer from an older version is not kept.
    pub(crate) fn put(&self, version: u64, query: SearchQuery, answer: Bytes) {
        if answer.len() > self.budget {
            return;
        }
        let mut inner = self.lock();
        if inner.version != version {
            return;
        }
        inner.bytes += answer.len();
        if let Some(replaced) = inner.answers.put(query, answer) {
            inner.bytes -= replaced.len();
        }
        while inner.bytes > self.budget {
            match inner.answers.pop_lru() {
                Some((_, dropped)) => inner.bytes -= dropped.len(),
                None => break,
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves a consistent cache: every change to
        // `answers` and `bytes` completes before anything that could panic.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(text: &str) -> SearchQuery {
        SearchQuery {
            text: text.into(),
            limit: 20,
            ..SearchQuery::default()
        }
    }

    #[test]
    fn the_least_recently_asked_goes_first_when_the_budget_is_full() {
        let answers = Answers::new(10);
        answers.put(0, query("a"), Bytes::from_static(b"aaaa"));
        answers.put(0, query("b"), Bytes::from_static(b"bbbb"));
        assert!(
            answers.get(0, &query("a")).is_some(),
            "asking refreshes `a`"
        );
        answers.put(0, query("c"), Bytes::from_static(b"cccc"));
        assert_eq!(answers.get(0, &query("b")), None);
        assert_eq!(answers.get(0, &query("a")).as_deref(), Some(&b"aaaa"[..]));
        assert_eq!(answers.get(0, &query("c")).as_deref(), Some(&b"cccc"[..]));
    }

    #[test]
    fn a_query_differing_in_any_field_is_another_question() {
        let answers = Answers::new(100);
        answers.put(0, query("serang"), Bytes::from_static(b"page one"));
        let second_page = SearchQuery {
            offset: 20,
            ..query("serang")
        };
        assert_eq!(answers.get(0, &second_page), None);
        let narrowed = SearchQuery {
            outlet: Some("Warta Harian".into()),
            ..query("serang")
        };
        assert_eq!(answers.get(0, &narrowed), None);
    }

    #[test]
    fn replacing_an_answer_counts_its_bytes_once_and_an_oversized_one_is_not_kept() {
        let answers = Answers::new(8);
        answers.put(0, query("a"), Bytes::from_static(b"aaaa"));
        answers.put(0, query("a"), Bytes::from_static(b"AAAA"));
        answers.put(0, query("b"), Bytes::from_static(b"bbbb"));
        assert!(
            answers.get(0, &query("a")).is_some(),
            "8 bytes fit a budget of 8"
        );
        answers.put(0, query("big"), Bytes::from_static(b"123456789"));
        assert_eq!(answers.get(0, &query("big")), None);
        assert!(
            answers.get(0, &query("b")).is_some(),
            "nothing dropped for it"
        );
    }

    #[test]
    fn a_new_store_version_forgets_every_answer_and_refuses_older_ones() {
        let answers = Answers::new(100);
        answers.put(0, query("a"), Bytes::from_static(b"old"));
        assert_eq!(answers.get(7, &query("a")), None, "a writer committed");
        answers.put(0, query("a"), Bytes::from_static(b"old"));
        assert_eq!(
            answers.get(7, &query("a")),
            None,
            "computed before the commit"
        );
        answers.put(7, query("a"), Bytes::from_static(b"new"));
        assert_eq!(answers.get(7, &query("a")).as_deref(), Some(&b"new"[..]));
    }
}
