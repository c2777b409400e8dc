//! Results kept for the rest of a run. A batch's documents repeat most of their text:
//! headings, labels, table headers, statuses, the templates' fixed sentences, names and
//! dates that recur. Measuring or shaping it again costs far more than finding it, so a
//! writer keeps what it made, shared by its threads.
//!
//! A result is kept the second time it is made, not the first: a batch's one-off text
//! (a task's own name, a note) is never kept, so a memo holds what recurs. A memo stops
//! growing at its budget of bytes (counted from its values' capacities, plus
//! [`ENTRY_BYTES`] for each entry's share of the table), and forgets what it saw once
//! after [`SEEN_MAX`] hashes. Either way a result not found is made again, the same, so
//! what a memo holds never changes a document. A memo lives as long as its writer.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::{Arc, PoisonError, RwLock};

/// The most hashes remembered as made once before that memory starts again (a hash set
/// of this many takes about 4.5 MiB, per memo).
const SEEN_MAX: usize = 1 << 18;

/// What a kept entry costs besides its key and value: its slot in the table, its
/// bucket, the `Arc`'s counts.
const ENTRY_BYTES: usize = 96;

struct Inner<K, V> {
    /// Kept results by their key's hash (a few keys may share one).
    kept: FxHashMap<u64, Vec<(K, Arc<V>)>>,
    /// Hashes of the keys made once and not kept.
    seen: FxHashSet<u64>,
    /// About how many bytes `kept` holds (at most the budget).
    bytes: usize,
    /// A result did not fit the budget: nothing more is kept.
    full: bool,
}

/// Values of type `V` by keys of type `K`, each key found by its hash and a test.
pub(crate) struct Memo<K, V> {
    inner: RwLock<Inner<K, V>>,
    budget: usize,
}

impl<K, V> Memo<K, V> {
    /// A memo holding at most about `budget` bytes.
    pub(crate) fn new(budget: usize) -> Memo<K, V> {
        Memo {
            inner: RwLock::new(Inner {
                kept: FxHashMap::default(),
                seen: FxHashSet::default(),
                bytes: 0,
                full: false,
            }),
            budget,
        }
    }

    /// The value kept for the key that `matches` recognises (its hash: `hash`), else the
    /// one `make` makes. That one is kept when its hash was seen before and the memo has
    /// room: `keep` gives its owned key and about how many bytes key and value hold.
    pub(crate) fn get_or_make(
        &self,
        hash: u64,
        matches: impl Fn(&K) -> bool,
        make: impl FnOnce() -> V,
        keep: impl FnOnce(&V) -> (K, usize),
    ) -> Arc<V> {
        {
            let inner = self.inner.read().unwrap_or_else(PoisonError::into_inner);
            let found = inner
                .kept
                .get(&hash)
                .and_then(|all| all.iter().find(|(k, _)| matches(k)));
            if let Some((_, v)) = found {
                return v.clone();
            }
        }
        // Made without holding the lock: another thread may make the same.
        let value = Arc::new(make());
        let mut inner = self.inner.write().unwrap_or_else(PoisonError::into_inner);
        if inner.full {
            // Nothing more is kept, so nothing need be remembered either.
            return value;
        }
        if inner.seen.insert(hash) {
            if inner.seen.len() > SEEN_MAX {
                inner.seen.clear();
            }
            return value;
        }
        if inner
            .kept
            .get(&hash)
            .is_some_and(|all| all.iter().any(|(k, _)| matches(k)))
        {
            return value;
        }
        let (key, bytes) = keep(&value);
        let bytes = bytes + std::mem::size_of::<(K, Arc<V>)>() + ENTRY_BYTES;
        if inner.bytes + bytes > self.budget {
            inner.full = true;
            inner.seen = FxHashSet::default();
            return value;
        }
        inner.bytes += bytes;
        inner
            .kept
            .entry(hash)
            .or_insert_with(|| Vec::with_capacity(1))
            .push((key, value.clone()));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use std::sync::Arc;

    fn get(m: &Memo<String, String>, key: &str, made: &mut usize) -> Arc<String> {
        let hash = key.len() as u64; // keys of one length share a hash
        m.get_or_make(
            hash,
            |k| k == key,
            || {
                *made += 1;
                key.to_uppercase()
            },
            |v| (key.to_string(), key.len() + v.len()),
        )
    }

    #[test]
    fn a_result_is_kept_the_second_time_it_is_made() {
        let m = Memo::new(1 << 20);
        let mut made = 0;
        assert_eq!(*get(&m, "once", &mut made), "ONCE");
        assert_eq!(*get(&m, "twice", &mut made), "TWICE");
        assert_eq!(*get(&m, "twice", &mut made), "TWICE");
        assert_eq!(made, 3);
        // Kept now: found without being made.
        assert_eq!(*get(&m, "twice", &mut made), "TWICE");
        assert_eq!(made, 3);
        // Another key of the same hash is told apart by the test.
        assert_eq!(*get(&m, "thrice", &mut made), "THRICE");
        assert_eq!(*get(&m, "ABCDE", &mut made), "ABCDE");
        assert_eq!(*get(&m, "twice", &mut made), "TWICE");
        assert_eq!(made, 5);
    }

    #[test]
    fn a_memo_stops_growing_at_its_budget() {
        let m = Memo::new(200);
        let mut made = 0;
        let long = "x".repeat(300);
        for _ in 0..4 {
            assert_eq!(get(&m, &long, &mut made).len(), 300);
        }
        // Too big to keep: made every time, still right.
        assert_eq!(made, 4);
        // Full from then on: a small result is not kept either.
        for _ in 0..3 {
            assert_eq!(*get(&m, "ab", &mut made), "AB");
        }
        assert_eq!(made, 7);
    }
}
