//! (ssr) The ids holding each search term, kept in memory while the search index does not change.
//!
//! A common word is held by a fifth of all initiatives. PostgreSQL answers such a term from its GIN
//! index but then visits every matching row for visibility: 15 to 20 ms for 21,000 ids at 100,000
//! initiatives, whatever the tuning. Words follow Zipf's law, so the same few terms come back
//! in most searches: each term's ids are kept (per field) as a compressed bitmap (Roaring, as
//! Lucene keeps its filters: about 2 KB per 10,000 ids of a dense range) and a query intersects
//! its terms' bitmaps. The database stays the truth: the lists belong to one search version (the
//! facet table's, read from the database before every search) and are all dropped when it
//! changes; the least recently used go first when they take too much memory.
use super::matches::Field;
use roaring::RoaringTreemap;
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The lists take at most this much memory (their serialized size, close to what they hold).
const MAX_HELD_BYTES: usize = 64 << 20;

/// Initiative ids (positive) as a bitmap.
pub(super) type Ids = RoaringTreemap;

/// A term as the engine reads it (`"garden"`, `"jard"*`, `'jard':*`), or several terms the
/// database was asked for at once (`'garden' & 'jard':*`), and the field searched.
type Key = (Field, String);

struct Listed {
    ids: Arc<Ids>,
    bytes: usize,
    last_used: u64,
}

struct Lists {
    version: i64,
    by_term: HashMap<Key, Listed>,
    /// Bytes held, at most `budget`.
    held: usize,
    budget: usize,
    clock: u64,
}

impl Lists {
    fn new(budget: usize) -> Lists {
        Lists {
            version: 0,
            by_term: HashMap::default(),
            held: 0,
            budget,
            clock: 0,
        }
    }
}

impl Lists {
    /// Drops every list when the index moved on; false when `version` is older than the lists.
    fn at_version(&mut self, version: i64) -> bool {
        if version > self.version {
            self.by_term.clear();
            self.held = 0;
            self.version = version;
        }
        version == self.version
    }

    fn evict_least_recently_used(&mut self) {
        let oldest = self
            .by_term
            .iter()
            .min_by_key(|(_, listed)| listed.last_used)
            .map(|(key, _)| key.clone());
        if let Some(listed) = oldest.and_then(|key| self.by_term.remove(&key)) {
            self.held -= listed.bytes;
        }
    }
}

/// The lists of one app instance, shared by its requests (each holds the lock for a lookup).
pub(super) struct TermLists(Mutex<Lists>);

impl Default for TermLists {
    fn default() -> Self {
        TermLists(Mutex::new(Lists::new(MAX_HELD_BYTES)))
    }
}

impl std::fmt::Debug for TermLists {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TermLists")
    }
}

impl TermLists {
    fn lock(&self) -> std::sync::MutexGuard<'_, Lists> {
        // The lists are rebuilt from the database at will: a panic elsewhere loses nothing.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The ids holding `term` in `field` at search version `version`, when held.
    pub(super) fn get(&self, version: i64, field: Field, term: &str) -> Option<Arc<Ids>> {
        let mut lists = self.lock();
        if !lists.at_version(version) {
            return None;
        }
        lists.clock += 1;
        let now = lists.clock;
        let listed = lists.by_term.get_mut(&(field, term.to_owned()))?;
        listed.last_used = now;
        Some(listed.ids.clone())
    }

    /// Keeps `ids` as what `term` finds in `field` at `version`.
    pub(super) fn put(&self, version: i64, field: Field, term: &str, ids: Arc<Ids>) {
        let bytes = ids.serialized_size();
        let mut lists = self.lock();
        if !lists.at_version(version) || bytes > lists.budget {
            return;
        }
        while lists.held + bytes > lists.budget && !lists.by_term.is_empty() {
            lists.evict_least_recently_used();
        }
        lists.clock += 1;
        let listed = Listed {
            ids,
            bytes,
            last_used: lists.clock,
        };
        lists.held += bytes;
        if let Some(replaced) = lists.by_term.insert((field, term.to_owned()), listed) {
            lists.held -= replaced.bytes;
        }
    }
}

/// The ids as a bitmap (ids are positive: identity columns start at 1).
pub(super) fn bitmap(ids: &[i64]) -> Ids {
    ids.iter()
        .filter_map(|id| u64::try_from(*id).ok())
        .collect()
}

/// Whether `ids` holds `id`.
pub(super) fn holds(ids: &Ids, id: i64) -> bool {
    u64::try_from(id).is_ok_and(|id| ids.contains(id))
}

/// The ids present in every one of `lists`, starting from the smallest; a single list as it is.
pub(super) fn intersection(mut lists: Vec<Arc<Ids>>) -> Arc<Ids> {
    if lists.len() == 1 {
        return lists.swap_remove(0);
    }
    lists.sort_by_key(|ids| ids.len());
    let Some((smallest, others)) = lists.split_first() else {
        return Arc::new(Ids::new());
    };
    let mut shared = Ids::clone(smallest);
    for ids in others {
        shared &= ids.as_ref();
    }
    Arc::new(shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(ids: &[i64]) -> Arc<Ids> {
        Arc::new(bitmap(ids))
    }

    fn ids(bitmap: &Ids) -> Vec<u64> {
        bitmap.iter().collect()
    }

    #[test]
    fn an_intersection_keeps_the_ids_of_every_list() {
        let lists = [
            list(&[1, 3, 5, 7, 9]),
            list(&[3, 4, 5, 9]),
            list(&[0, 3, 9, 12]),
        ];
        assert_eq!(ids(&intersection(lists.to_vec())), [3, 9]);
        assert_eq!(ids(&intersection(vec![list(&[4, 2])])), [2, 4]);
        assert!(intersection(Vec::new()).is_empty());
        assert!(holds(&lists[0], 7) && !holds(&lists[0], 8) && !holds(&lists[0], -7));
    }

    #[test]
    fn a_new_search_version_drops_every_list_and_an_older_one_is_not_kept() {
        let lists = TermLists::default();
        lists.put(3, Field::Anywhere, "\"garden\"", list(&[1, 2]));
        let garden = lists.get(3, Field::Anywhere, "\"garden\"");
        assert_eq!(garden.map(|g| ids(&g)), Some(vec![1, 2]));
        assert!(lists.get(3, Field::Titles, "\"garden\"").is_none());
        assert!(lists.get(4, Field::Anywhere, "\"garden\"").is_none());
        // A search that read version 3 before another moved to 4 must not store stale ids.
        lists.put(3, Field::Anywhere, "\"garden\"", list(&[1, 2]));
        assert!(lists.get(4, Field::Anywhere, "\"garden\"").is_none());
    }

    #[test]
    fn the_least_recently_used_lists_go_first_when_they_take_too_much_memory() {
        let big = Arc::new((0..100_000).step_by(2).collect::<Ids>());
        let budget = big.serialized_size() * 5 / 2;
        let lists = TermLists(Mutex::new(Lists::new(budget)));
        lists.put(1, Field::Anywhere, "a", big.clone());
        lists.put(1, Field::Anywhere, "b", big.clone());
        assert!(lists.get(1, Field::Anywhere, "a").is_some());
        lists.put(1, Field::Anywhere, "c", big);
        assert!(lists.get(1, Field::Anywhere, "b").is_none());
        assert!(lists.get(1, Field::Anywhere, "a").is_some());
        assert!(lists.get(1, Field::Anywhere, "c").is_some());
        assert!(lists.lock().held <= budget);
    }
}
