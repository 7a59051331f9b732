//! (ssr) The facet values of every published initiative (country, city, themes, languages,
//! publication time), kept in the app's memory. Counting four facets over tens of thousands of
//! matches is one loop over this table, where SQL needed a join and a grouping per facet (about
//! 100 ms a search at 100,000 initiatives). The database stays the truth: before each search the
//! table compares its version with `search_state` and reloads only the initiatives stamped with a
//! later one, so several app instances on one PostgreSQL database stay in step.
use super::{Facet, Match};
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::with_pool;
use rustc_hash::FxHashMap as HashMap;
use time::OffsetDateTime;
use tokio::sync::{RwLock, RwLockReadGuard};

/// Small numbers for facet values, so that counting is indexing an array.
#[derive(Debug)]
struct Symbols<T> {
    names: Vec<T>,
    numbers: HashMap<T, u32>,
}

impl<T> Default for Symbols<T> {
    fn default() -> Self {
        Symbols {
            names: Vec::new(),
            numbers: HashMap::default(),
        }
    }
}

impl<T: Clone + Eq + std::hash::Hash> Symbols<T> {
    fn intern(&mut self, name: T) -> u32 {
        if let Some(number) = self.numbers.get(&name) {
            return *number;
        }
        let number = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.clone());
        self.numbers.insert(name, number);
        number
    }

    fn number(&self, name: &T) -> Option<u32> {
        self.numbers.get(name).copied()
    }

    fn len(&self) -> usize {
        self.names.len()
    }
}

/// One published initiative, as facets and sorting see it; facet values are symbol numbers.
#[derive(Debug, Clone)]
pub(super) struct FacetRow {
    pub(super) id: i64,
    /// Microseconds since 1970: newest first sorts on it.
    pub(super) published: i64,
    country: Option<u32>,
    city: Option<u32>,
    themes: Box<[u32]>,
    languages: Box<[u32]>,
}

impl FacetRow {
    fn values(&self, facet: Facet) -> &[u32] {
        match facet {
            Facet::Theme => &self.themes,
            Facet::Country => self.country.as_slice(),
            Facet::City => self.city.as_slice(),
            Facet::Language => &self.languages,
        }
    }
}

const FACETS: [Facet; 4] = [Facet::Theme, Facet::Country, Facet::City, Facet::Language];

fn slot(facet: Facet) -> usize {
    match facet {
        Facet::Theme => 0,
        Facet::Country => 1,
        Facet::City => 2,
        Facet::Language => 3,
    }
}

/// What a search asks of each facet, by slot: nothing (`None`), or one value, which may be
/// unknown (`Some(None)`): then no row has it.
#[derive(Debug, Default)]
pub(super) struct Chosen([Option<Option<u32>>; 4]);

/// The matches and, per facet slot, how many rows each value would give.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(super) matches: Vec<Match>,
    counts: [Vec<u32>; 4],
}

#[derive(Debug, Default)]
pub(super) struct FacetTable {
    version: i64,
    rows: Vec<FacetRow>,
    position: HashMap<i64, usize>,
    /// Theme slugs, country codes and language codes, by facet slot (cities are `city_ids`).
    codes: [Symbols<String>; 4],
    city_ids: Symbols<i64>,
}

/// What one app instance keeps in memory for search (the facet table, the ids each term finds,
/// the inspiration ranking), shared by its requests.
#[derive(Debug, Default)]
pub struct SearchCache {
    table: RwLock<FacetTable>,
    pub(super) terms: super::terms::TermLists,
    /// What each initiative inspired: the "most inspiring" order sorts on it (and the home
    /// page shows its top).
    pub ranking: crate::inspiration::ranking::RankingCache,
}

impl FacetTable {
    /// The search version the table is up to date with.
    pub(super) fn version(&self) -> i64 {
        self.version
    }

    /// How many initiatives are published.
    pub(super) fn published(&self) -> usize {
        self.rows.len()
    }
}

impl SearchCache {
    /// The memory the term lists take, in bytes.
    pub fn term_bytes(&self) -> usize {
        self.terms.held_bytes()
    }

    /// The table, up to date with the database's search version.
    pub(super) async fn current(
        &self,
        db: &Db,
    ) -> Result<RwLockReadGuard<'_, FacetTable>, AppError> {
        let version = database_version(db).await?;
        let table = self.table.read().await;
        if table.version >= version {
            return Ok(table);
        }
        drop(table);
        let mut table = self.table.write().await;
        // Another request may have reloaded while this one waited for the lock.
        if table.version < version {
            let changes = changed_since(db, table.version).await?;
            let changed: Vec<i64> = changes.iter().map(|change| change.id).collect();
            // Under the table's write lock, so the lists move with the table, once.
            self.terms
                .carry(db, (table.version, version), &changed)
                .await?;
            for change in changes {
                table.apply(change);
            }
            table.version = version;
        }
        Ok(table.downgrade())
    }
}

async fn database_version(db: &Db) -> Result<i64, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT version FROM search_state WHERE id = 1")
        .fetch_one(pool).await)
    .map_err(db_failed)
}

/// An initiative whose search version is later than the table's: its values when it is
/// published, `None` to drop it.
struct Change {
    id: i64,
    values: Option<Values>,
}

struct Values {
    published: i64,
    country: Option<String>,
    city: Option<i64>,
    themes: Option<String>,
    languages: Option<String>,
}

type ChangeRow = (
    i64,
    String,
    Option<OffsetDateTime>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

/// `string_agg` exists in both dialects (SQLite since 3.44); slugs and language codes hold no
/// commas.
async fn changed_since(db: &Db, version: i64) -> Result<Vec<Change>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, ChangeRow>(
        "SELECT i.id, i.status, i.published_at, i.country_code, i.city_id, \
           (SELECT string_agg(t.slug, ',') FROM initiative_themes it JOIN themes t ON t.id = it.theme_id \
            WHERE it.initiative_id = i.id), \
           (SELECT string_agg(x.language, ',') FROM initiative_texts x WHERE x.initiative_id = i.id) \
         FROM initiatives i WHERE i.search_version > $1")
        .bind(version).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, status, published_at, country, city, themes, languages)| {
                let values = match (status.as_str(), published_at) {
                    ("published", Some(at)) => Some(Values {
                        published: i64::try_from(at.unix_timestamp_nanos() / 1000).unwrap_or(0),
                        country,
                        city,
                        themes,
                        languages,
                    }),
                    _ => None,
                };
                Change { id, values }
            },
        )
        .collect())
}

fn interned(symbols: &mut Symbols<String>, list: Option<&str>) -> Box<[u32]> {
    list.unwrap_or_default()
        .split(',')
        .filter(|code| !code.is_empty())
        .map(|code| symbols.intern(code.to_owned()))
        .collect()
}

impl FacetTable {
    fn apply(&mut self, change: Change) {
        self.remove(change.id);
        if let Some(values) = change.values {
            let [themes, countries, _, languages] = &mut self.codes;
            let row = FacetRow {
                id: change.id,
                published: values.published,
                country: values.country.map(|c| countries.intern(c)),
                city: values.city.map(|c| self.city_ids.intern(c)),
                themes: interned(themes, values.themes.as_deref()),
                languages: interned(languages, values.languages.as_deref()),
            };
            self.position.insert(row.id, self.rows.len());
            self.rows.push(row);
        }
    }

    fn remove(&mut self, id: i64) {
        let Some(at) = self.position.remove(&id) else {
            return;
        };
        self.rows.swap_remove(at);
        if let Some(moved) = self.rows.get(at) {
            self.position.insert(moved.id, at);
        }
    }

    pub(super) fn row(&self, id: i64) -> Option<&FacetRow> {
        self.position.get(&id).and_then(|at| self.rows.get(*at))
    }

    pub(super) fn all_rows(&self) -> impl Iterator<Item = &FacetRow> {
        self.rows.iter()
    }

    pub(super) fn chosen(
        &self,
        theme: Option<&str>,
        country: Option<&str>,
        city: Option<i64>,
        language: Option<&str>,
    ) -> Chosen {
        let [themes, countries, _, languages] = &self.codes;
        let code = |symbols: &Symbols<String>, value: &str| symbols.number(&value.to_owned());
        Chosen([
            theme.map(|t| code(themes, t)),
            country.map(|c| code(countries, c)),
            city.map(|c| self.city_ids.number(&c)),
            language.map(|l| code(languages, l)),
        ])
    }

    /// One pass over the candidates: a row that has every chosen value is a match and counts
    /// for every facet; a row that lacks exactly one counts for that facet only, since a facet
    /// shows what choosing each of its values would give whatever value is chosen now.
    pub(super) fn tally<'a>(
        &'a self,
        candidates: impl Iterator<Item = &'a FacetRow>,
        chosen: &Chosen,
    ) -> Tally {
        let mut tally = Tally {
            matches: Vec::new(),
            counts: FACETS.map(|facet| vec![0; self.symbol_count(facet)]),
        };
        for row in candidates {
            match chosen.failed(row) {
                Failed::None => {
                    tally.matches.push(Match {
                        id: row.id,
                        published: row.published,
                    });
                    FACETS.iter().for_each(|facet| tally.count(*facet, row));
                }
                Failed::One(facet) => tally.count(facet, row),
                Failed::Several => {}
            }
        }
        tally
    }

    fn symbol_count(&self, facet: Facet) -> usize {
        match facet {
            Facet::City => self.city_ids.len(),
            _ => self.codes[slot(facet)].len(),
        }
    }

    /// The `limit` values of `facet` that give the most rows (ties in value order), as the URL
    /// spells them.
    pub(super) fn top(&self, tally: &Tally, facet: Facet, limit: usize) -> Vec<(String, i64)> {
        let counts = &tally.counts[slot(facet)];
        match facet {
            Facet::City => {
                let ids = &self.city_ids.names;
                top_numbers(counts, limit, |a, b| ids[a].cmp(&ids[b]))
                    .map(|(number, count)| (ids[number].to_string(), count))
                    .collect()
            }
            _ => {
                let codes = &self.codes[slot(facet)].names;
                top_numbers(counts, limit, |a, b| codes[a].cmp(&codes[b]))
                    .map(|(number, count)| (codes[number].clone(), count))
                    .collect()
            }
        }
    }
}

/// The symbol numbers with the highest non-zero counts, ties ordered by `tie`.
fn top_numbers(
    counts: &[u32],
    limit: usize,
    tie: impl Fn(usize, usize) -> std::cmp::Ordering,
) -> impl Iterator<Item = (usize, i64)> {
    let mut numbers: Vec<(usize, u32)> = counts
        .iter()
        .enumerate()
        .filter(|(_, count)| **count > 0)
        .map(|(number, count)| (number, *count))
        .collect();
    numbers.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| tie(a.0, b.0)));
    numbers.truncate(limit);
    numbers
        .into_iter()
        .map(|(number, count)| (number, i64::from(count)))
}

/// Which of the chosen facets a row lacks; only "none" and "exactly one" count.
enum Failed {
    None,
    One(Facet),
    Several,
}

impl Chosen {
    fn failed(&self, row: &FacetRow) -> Failed {
        let mut failed = Failed::None;
        for facet in FACETS {
            let has = match self.0[slot(facet)] {
                None => true,
                Some(Some(wanted)) => row.values(facet).contains(&wanted),
                Some(None) => false,
            };
            if !has {
                failed = match failed {
                    Failed::None => Failed::One(facet),
                    _ => return Failed::Several,
                };
            }
        }
        failed
    }
}

impl Tally {
    fn count(&mut self, facet: Facet, row: &FacetRow) {
        let counts = &mut self.counts[slot(facet)];
        for number in row.values(facet) {
            if let Some(count) = counts.get_mut(*number as usize) {
                *count += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        id: i64,
        published: i64,
        country: &str,
        city: i64,
        themes: &str,
        languages: &str,
    ) -> Change {
        Change {
            id,
            values: Some(Values {
                published,
                country: Some(country.to_owned()),
                city: Some(city),
                themes: Some(themes.to_owned()),
                languages: Some(languages.to_owned()),
            }),
        }
    }

    fn table() -> FacetTable {
        let mut table = FacetTable::default();
        table.apply(change(1, 10, "FR", 100, "mobility,youth", "fr,en"));
        table.apply(change(2, 20, "FR", 101, "mobility", "fr"));
        table.apply(change(3, 30, "ES", 200, "youth", "es"));
        table
    }

    fn ids(tally: &Tally) -> Vec<i64> {
        let mut ids: Vec<i64> = tally.matches.iter().map(|m| m.id).collect();
        ids.sort();
        ids
    }

    #[test]
    fn a_chosen_facet_keeps_counting_its_other_values() {
        let table = table();
        let chosen = table.chosen(None, Some("FR"), None, None);
        let tally = table.tally(table.all_rows(), &chosen);
        assert_eq!(ids(&tally), [1, 2]);
        assert_eq!(
            table.top(&tally, Facet::Country, 30),
            [("FR".to_owned(), 2), ("ES".to_owned(), 1)]
        );
        assert_eq!(
            table.top(&tally, Facet::Theme, 30),
            [("mobility".to_owned(), 2), ("youth".to_owned(), 1)]
        );
        assert_eq!(table.top(&tally, Facet::City, 1), [("100".to_owned(), 1)]);
    }

    #[test]
    fn an_unknown_value_matches_nothing_and_changes_replace_rows() {
        let mut table = table();
        let nowhere = table.chosen(Some("no_such_theme"), None, None, None);
        assert!(table.tally(table.all_rows(), &nowhere).matches.is_empty());
        table.apply(Change {
            id: 1,
            values: None,
        });
        table.apply(change(3, 30, "PT", 300, "youth", "pt"));
        assert_eq!(table.rows.len(), 2);
        assert!(table.row(1).is_none());
        let portugal = table.chosen(None, Some("PT"), None, Some("pt"));
        assert_eq!(ids(&table.tally(table.all_rows(), &portugal)), [3]);
    }
}
