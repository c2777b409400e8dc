//! Results kept for the rest of a run. A batch's documents repeat most of their text:
//! headings, labels, table headers, statuses, the templates' fixed sentences, names and
//! dates that recur. Measuring or shaping it again costs far more than finding it, so a
//! writer keeps what it made, shared by its threads.
//!
//! A result is kept the second time it is made, not the first: a batch's one-off text
//! (a task's own name, a note) is never kept, so a memo holds what recurs. A memo stops
//! growing at its budget of bytes, and forgets what it saw once after [`SEEN_MAX`]
//! hashes. Either way a result not found is made again, the same, so what a memo holds
//! never changes a document.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::{Arc, PoisonError, RwLock};

/// The most hashes remembered as made once before that memory starts again (a hash set
/// of this many takes about 4.5 MiB).
const SEEN_MAX: usize = 1 << 18;

struct Inner<K, V> {
    /// Kept results by their key's hash (a few keys may share one).
    kept: FxHashMap<u64, Vec<(K, Arc<V>)>>,
    /// Hashes of the keys made once and not kept.
    seen: FxHashSet<u64>,
    /// About how many bytes `kept` holds.
    bytes: usize,
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
            }),
            budget,
        }
    }

    /// The value kept for the key that `is` recognises (its hash: `hash`), else the one
    /// `make` makes. That one is kept when its hash was seen before: `keep` gives its
    /// owned key and about how many bytes key and value hold.
    pub(crate) fn get_or_make(
        &self,
        hash: u64,
        is: impl Fn(&K) -> bool,
        make: impl FnOnce() -> V,
        keep: impl FnOnce(&V) -> (K, usize),
    ) -> Arc<V> {
        {
            let inner = self.inner.read().unwrap_or_else(PoisonError::into_inner);
            let found = inner
                .kept
                .get(&hash)
                .and_then(|all| all.iter().find(|(k, _)| is(k)));
            if let Some((_, v)) = found {
                return v.clone();
            }
        }
        // Made without holding the lock: another thread may make the same.
        let value = Arc::new(make());
        let mut inner = self.inner.write().unwrap_or_else(PoisonError::into_inner);
        if inner.seen.insert(hash) {
            if inner.seen.len() > SEEN_MAX {
                inner.seen.clear();
            }
            return value;
        }
        if inner
            .kept
            .get(&hash)
            .is_some_and(|all| all.iter().any(|(k, _)| is(k)))
        {
            return value;
        }
        let (key, bytes) = keep(&value);
        let bytes = bytes + std::mem::size_of::<(K, Arc<V>)>();
        if inner.bytes + bytes > self.budget {
            return value;
        }
        inner.bytes += bytes;
        inner
            .kept
            .entry(hash)
            .or_default()
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
    }
}
