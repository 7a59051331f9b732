//! (ssr) The ids holding each search term, kept in memory while the search index does not change.
//!
//! A common word is held by a fifth of all initiatives. PostgreSQL answers such a term from its GIN
//! index but then visits every matching row for visibility: 15 to 20 ms for 21,000 ids at 100,000
//! initiatives, whatever the tuning. Words follow Zipf's law, so the same few terms come back
//! in most searches: each term's ids are kept (per field) as a compressed bitmap (Roaring, as
//! Lucene keeps its filters: about 2 KB per 10,000 ids of a dense range) and a query intersects
//! its terms' bitmaps. The database stays the truth: the lists belong to one search version (the
//! facet table's, read from the database before every search). When the version moves on, the
//! words of the initiatives that changed are read again and each held list is corrected for them
//! (`carry`): a publication does not send every later search back to the index. The least
//! recently used lists go first when they take too much memory.
use super::matches::{Field, Term};
use crate::db::Db;
use crate::error::AppError;
use crate::initiatives::store::{search_documents, SearchDocument};
use roaring::RoaringTreemap;
use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The lists take at most this much memory (their serialized size, close to what they hold):
/// the warm-up takes 44 MB of it at 100,000 initiatives.
const MAX_HELD_BYTES: usize = 128 << 20;

/// Beyond this many changed initiatives (an import, a first load), reading their words again
/// costs more than finding the terms again: the lists are dropped.
const MAX_CARRIED_CHANGES: usize = 500;

/// Initiative ids (positive) as a bitmap.
pub(super) type Ids = RoaringTreemap;

/// A term, or several terms the database was asked for at once, and the field searched.
type Key = (Field, Vec<Term>);

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

    /// The memory the lists take, in bytes.
    pub(super) fn held_bytes(&self) -> usize {
        self.lock().held
    }

    /// The ids holding `term` in `field` at search version `version`, when held.
    pub(super) fn get(&self, version: i64, field: Field, terms: &[Term]) -> Option<Arc<Ids>> {
        let mut lists = self.lock();
        if !lists.at_version(version) {
            return None;
        }
        lists.clock += 1;
        let now = lists.clock;
        let listed = lists.by_term.get_mut(&(field, terms.to_vec()))?;
        listed.last_used = now;
        Some(listed.ids.clone())
    }

    /// Keeps `ids` as what `term` finds in `field` at `version`.
    pub(super) fn put(&self, version: i64, field: Field, terms: &[Term], ids: Arc<Ids>) {
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
        if let Some(replaced) = lists.by_term.insert((field, terms.to_vec()), listed) {
            lists.held -= replaced.bytes;
        }
    }

    /// Brings the lists from search version `from` to `to`, when the initiatives `changed` are
    /// all that changed in between: each list loses those ids and gains the ones whose words
    /// (read again) hold its terms. All lists are dropped when too many changed.
    pub(super) async fn carry(
        &self,
        db: &Db,
        (from, to): (i64, i64),
        changed: &[i64],
    ) -> Result<(), AppError> {
        {
            let mut lists = self.lock();
            if changed.len() > MAX_CARRIED_CHANGES || lists.by_term.is_empty() {
                lists.at_version(to);
                return Ok(());
            }
        }
        let documents: Vec<(u64, Words)> = search_documents(db, changed)
            .await?
            .into_iter()
            .filter_map(|(id, document)| Some((u64::try_from(id).ok()?, Words::of(&document))))
            .collect();
        self.lock().carry((from, to), &bitmap(changed), &documents);
        Ok(())
    }
}

/// An initiative's distinct words per field, sorted, to look terms up.
struct Words {
    titles: Vec<String>,
    headlines: Vec<String>,
    anywhere: Vec<String>,
}

impl Words {
    fn of(document: &SearchDocument) -> Words {
        let sorted = |parts: &[&Vec<String>]| {
            let mut words: Vec<String> = parts.iter().flat_map(|p| p.iter().cloned()).collect();
            words.sort_unstable();
            words.dedup();
            words
        };
        let SearchDocument {
            titles,
            summaries,
            rest,
        } = document;
        Words {
            titles: sorted(&[titles]),
            headlines: sorted(&[titles, summaries]),
            anywhere: sorted(&[titles, summaries, rest]),
        }
    }

    fn hold(&self, (field, terms): &Key) -> bool {
        let words = match field {
            Field::Titles => &self.titles,
            Field::Headlines => &self.headlines,
            Field::Anywhere => &self.anywhere,
        };
        terms.iter().all(|term| term.is_in(words))
    }
}

impl Lists {
    /// Moves to version `to`: each list loses the `changed` ids and gains those of `documents`
    /// (the changed initiatives still published, with their words) that hold its terms. When the
    /// lists are not at `from` any more, they are dropped: another request moved them first.
    fn carry(&mut self, (from, to): (i64, i64), changed: &Ids, documents: &[(u64, Words)]) {
        if self.version != from {
            self.at_version(to);
            return;
        }
        self.version = to;
        self.held = 0;
        for (key, listed) in &mut self.by_term {
            let mut ids = Ids::clone(&listed.ids);
            ids -= changed;
            ids.extend(
                documents
                    .iter()
                    .filter(|(_, words)| words.hold(key))
                    .map(|(id, _)| *id),
            );
            listed.bytes = ids.serialized_size();
            listed.ids = Arc::new(ids);
            self.held += listed.bytes;
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

    /// One word, whole or as a prefix.
    fn term(word: &str, prefix: bool) -> Vec<Term> {
        vec![Term {
            word: word.to_owned(),
            prefix,
        }]
    }

    fn document(titles: &[&str], rest: &[&str]) -> SearchDocument {
        let owned = |words: &[&str]| words.iter().map(|w| (*w).to_owned()).collect();
        SearchDocument {
            titles: owned(titles),
            summaries: Vec::new(),
            rest: owned(rest),
        }
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
        let garden = term("garden", false);
        lists.put(3, Field::Anywhere, &garden, list(&[1, 2]));
        let held = lists.get(3, Field::Anywhere, &garden);
        assert_eq!(held.map(|g| ids(&g)), Some(vec![1, 2]));
        assert!(lists.get(3, Field::Titles, &garden).is_none());
        assert!(lists
            .get(3, Field::Anywhere, &term("garden", true))
            .is_none());
        assert!(lists.get(4, Field::Anywhere, &garden).is_none());
        // A search that read version 3 before another moved to 4 must not store stale ids.
        lists.put(3, Field::Anywhere, &garden, list(&[1, 2]));
        assert!(lists.get(4, Field::Anywhere, &garden).is_none());
    }

    #[test]
    fn carried_lists_trade_the_changed_ids_for_those_whose_words_now_hold_their_terms() {
        let lists = TermLists::default();
        let (garden, gard) = (term("garden", false), term("gard", true));
        lists.put(3, Field::Anywhere, &garden, list(&[1, 2, 5]));
        lists.put(3, Field::Titles, &gard, list(&[1]));
        lists.put(3, Field::Anywhere, &term("school", false), list(&[2, 7]));
        // 2 now has "gardens" in its title, 4 "garden" in its description, 5 was unpublished.
        let changed = bitmap(&[2, 4, 5]);
        let documents = [
            (2, Words::of(&document(&["gardens"], &["school"]))),
            (4, Words::of(&document(&["tools"], &["garden"]))),
        ];
        lists.lock().carry((3, 5), &changed, &documents);
        let now = |field, terms: &[Term]| lists.get(5, field, terms).map(|g| ids(&g));
        assert_eq!(now(Field::Anywhere, &garden), Some(vec![1, 4]));
        assert_eq!(now(Field::Titles, &gard), Some(vec![1, 2]));
        assert_eq!(
            now(Field::Anywhere, &term("school", false)),
            Some(vec![2, 7])
        );
        // Lists no longer at the version they are carried from are dropped.
        lists.lock().carry((3, 6), &changed, &documents);
        assert!(lists.get(6, Field::Anywhere, &garden).is_none());
    }

    #[test]
    fn the_least_recently_used_lists_go_first_when_they_take_too_much_memory() {
        let big = Arc::new((0..100_000).step_by(2).collect::<Ids>());
        let budget = big.serialized_size() * 5 / 2;
        let lists = TermLists(Mutex::new(Lists::new(budget)));
        let [a, b, c] = ["a", "b", "c"].map(|word| term(word, true));
        lists.put(1, Field::Anywhere, &a, big.clone());
        lists.put(1, Field::Anywhere, &b, big.clone());
        assert!(lists.get(1, Field::Anywhere, &a).is_some());
        lists.put(1, Field::Anywhere, &c, big);
        assert!(lists.get(1, Field::Anywhere, &b).is_none());
        assert!(lists.get(1, Field::Anywhere, &a).is_some());
        assert!(lists.get(1, Field::Anywhere, &c).is_some());
        assert!(lists.lock().held <= budget);
    }
}
