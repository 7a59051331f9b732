//! (ssr) Searching published initiatives. The database finds the ids holding each word (FTS5 on
//! SQLite, GIN-indexed tsvector on PostgreSQL, over the same folded words), kept in memory for
//! the next searches (`terms`); the facet table in memory (`facets`) filters the ids all words
//! share, counts four facets and orders them; the page's cards come from the database.
//!
//! Relevance puts the initiatives whose titles hold every word first, then those whose titles or
//! summaries do, then the rest, newest first within each: predictable, the same on both
//! databases, and cheap, where BM25 or `ts_rank` had to score every match (10,000 for a common
//! word) before showing twenty.
mod facets;
mod matches;
mod terms;
mod warm_up;

pub use facets::SearchCache;
pub use warm_up::{warm_up, WARM_UP_FROM};

use super::{FacetCount, Facets, MapPoint, SearchParams, SearchResults, Sort, PAGE_SIZE};
use crate::cities::country_names::country_name;
use crate::db::{db_failed, Db, SqlValue};
use crate::error::AppError;
use crate::text::fold::query_words;
use crate::{bind_values, with_pool};
use matches::{engine_query, matching_ids, Field, Term};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;
use terms::{holds, Ids};

/// Facet lists stop here: the long tail of cities is reached through the text box.
const FACET_LIMIT: usize = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facet {
    Theme,
    Country,
    City,
    Language,
}

/// A matching initiative and when it was published.
#[derive(Debug, Clone, Copy)]
struct Match {
    id: i64,
    published: i64,
}

/// What a search finds before ordering: the matches and each facet's top values with counts.
struct Found {
    words: Vec<String>,
    /// The search version the matches were found at.
    version: i64,
    matches: Vec<Match>,
    facets: [Vec<(String, i64)>; 4],
}

async fn find(db: &Db, cache: &SearchCache, params: &SearchParams) -> Result<Found, AppError> {
    let words = query_words(&params.q);
    let table = cache.current(db).await?;
    let version = table.version();
    let hits = if words.is_empty() {
        None
    } else {
        Some(ids_holding(db, cache, version, &words, Field::Anywhere).await?)
    };
    let chosen = table.chosen(
        params.theme.as_deref(),
        params.country.as_deref(),
        params.city,
        params.lang.as_deref(),
    );
    let tally = match &hits {
        // An id the table does not know yet was published after the table's version: the next
        // search shows it.
        Some(ids) => table.tally(
            ids.iter()
                .filter_map(|id| table.row(i64::try_from(id).ok()?)),
            &chosen,
        ),
        None => table.tally(table.all_rows(), &chosen),
    };
    let facets = [Facet::Theme, Facet::Country, Facet::City, Facet::Language]
        .map(|facet| table.top(&tally, facet, FACET_LIMIT));
    Ok(Found {
        words,
        version,
        matches: tally.matches,
        facets,
    })
}

/// The ids holding every one of `words` (the last as a prefix) in `field`: the lists memory holds,
/// intersected with the database's answer for the other words, asked all at once (and kept in
/// memory too). PostgreSQL's index intersects the words it is asked for before it reads a row,
/// and it reads the row of every initiative it returns: asking word by word read 20,000 rows for
/// each common word.
async fn ids_holding(
    db: &Db,
    cache: &SearchCache,
    version: i64,
    words: &[String],
    field: Field,
) -> Result<Arc<Ids>, AppError> {
    let terms = Term::of_query(words);
    let mut lists = Vec::with_capacity(terms.len());
    let mut missing = Vec::new();
    for term in terms {
        match cache.terms.get(version, field, std::slice::from_ref(&term)) {
            Some(ids) => lists.push(ids),
            None => missing.push(term),
        }
    }
    if !missing.is_empty() {
        lists.push(held_or_fetched(db, cache, version, field, &missing).await?);
    }
    Ok(terms::intersection(lists))
}

/// The ids holding all of `terms` in `field`: from memory, else from the database (then kept).
async fn held_or_fetched(
    db: &Db,
    cache: &SearchCache,
    version: i64,
    field: Field,
    terms: &[Term],
) -> Result<Arc<Ids>, AppError> {
    if let Some(ids) = cache.terms.get(version, field, terms) {
        return Ok(ids);
    }
    let engine = engine_query(db.backend(), terms);
    let ids = Arc::new(terms::bitmap(&matching_ids(db, &engine, field).await?));
    cache.terms.put(version, field, terms, ids.clone());
    Ok(ids)
}

pub async fn search(
    db: &Db,
    cache: &SearchCache,
    params: &SearchParams,
    language: &str,
) -> Result<SearchResults, AppError> {
    let found = find(db, cache, params).await?;
    let total = i64::try_from(found.matches.len()).unwrap_or(i64::MAX);
    let page = params.page();
    let ids = match (found.words.is_empty(), params.sort) {
        (false, Sort::Relevance) => by_relevance(db, cache, &found, page).await?,
        (_, Sort::Inspiring) => {
            let inspired = crate::inspiration::graph::inspired_by_id(db, &cache.ranking).await?;
            let count = |id: i64| inspired.get(&id).copied().unwrap_or(0);
            page_of(&found.matches, page, |m| (Reverse(count(m.id)), newest(m)))
        }
        _ => page_of(&found.matches, page, newest),
    };
    let [themes, countries, cities, languages] = found.facets;
    // Independent reads, each on its own pooled connection: the page waits for the slowest.
    let (items, themes, city_names) = tokio::try_join!(
        super::store::cards(db, &ids, language),
        theme_counts(db, themes, language),
        city_names(db, &cities),
    )?;
    let country_names = country_names(&countries, language);
    Ok(SearchResults {
        total,
        page,
        page_count: (total + PAGE_SIZE - 1) / PAGE_SIZE,
        items,
        facets: Facets {
            themes,
            countries: labelled(countries, &country_names),
            cities: labelled(cities, &city_names),
            languages: labelled(languages, &HashMap::new()),
        },
    })
}

/// Every matching id, in id order: what the parity test compares across the two databases.
pub async fn all_ids(
    db: &Db,
    cache: &SearchCache,
    params: &SearchParams,
) -> Result<Vec<i64>, AppError> {
    let mut ids: Vec<i64> = find(db, cache, params)
        .await?
        .matches
        .iter()
        .map(|m| m.id)
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

/// Sorts newest first, the latest id first among equals.
fn newest(m: &Match) -> (Reverse<i64>, Reverse<i64>) {
    (Reverse(m.published), Reverse(m.id))
}

/// The ids of page `page` (from 1) in the order of `key`, sorting only as far as that page.
fn page_of<K: Ord>(matches: &[Match], page: i64, key: impl Fn(&Match) -> K) -> Vec<i64> {
    let start = usize::try_from((page - 1) * PAGE_SIZE).unwrap_or(usize::MAX);
    let end = start
        .saturating_add(usize::try_from(PAGE_SIZE).unwrap_or(20))
        .min(matches.len());
    if start >= end {
        return Vec::new();
    }
    let mut keyed: Vec<(K, i64)> = matches.iter().map(|m| (key(m), m.id)).collect();
    if end < keyed.len() {
        keyed.select_nth_unstable_by(end - 1, |a, b| a.0.cmp(&b.0));
        keyed.truncate(end);
    }
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.drain(start..).map(|(_, id)| id).collect()
}

/// The page of `matches` by relevance: whose titles hold every word, then whose titles or
/// summaries do, then the rest; newest first within each. A field is looked at only when the
/// fields before it do not fill the page (each of its words not yet in memory costs a query).
async fn by_relevance(
    db: &Db,
    cache: &SearchCache,
    found: &Found,
    page: i64,
) -> Result<Vec<i64>, AppError> {
    let matches = &found.matches;
    let page_end = usize::try_from(page * PAGE_SIZE).unwrap_or(usize::MAX);
    if matches.is_empty() {
        // A facet chosen with a broad prefix often leaves nothing: no field to look at.
        return Ok(Vec::new());
    }
    let mut tiers: Vec<Arc<Ids>> = Vec::new();
    for field in [Field::Titles, Field::Headlines] {
        let ids = ids_holding(db, cache, found.version, &found.words, field).await?;
        let filled = matches.iter().filter(|m| holds(&ids, m.id)).count();
        tiers.push(ids);
        if filled >= page_end {
            break;
        }
    }
    let tier_of = |id: i64| {
        tiers
            .iter()
            .position(|ids| holds(ids, id))
            .unwrap_or(tiers.len())
    };
    Ok(page_of(matches, page, |m| (tier_of(m.id), newest(m))))
}

fn labelled(counts: Vec<(String, i64)>, names: &HashMap<String, String>) -> Vec<FacetCount> {
    counts
        .into_iter()
        .map(|(value, count)| FacetCount {
            label: names.get(&value).cloned(),
            value,
            count,
        })
        .collect()
}

async fn theme_counts(
    db: &Db,
    counts: Vec<(String, i64)>,
    language: &str,
) -> Result<Vec<FacetCount>, AppError> {
    let names: HashMap<String, String> = super::store::themes(db, language)
        .await?
        .into_iter()
        .filter_map(|theme| Some((theme.slug, theme.label?)))
        .collect();
    Ok(labelled(counts, &names))
}

/// Names by value, for the few values a facet shows.
async fn names(
    db: &Db,
    sql: &str,
    values: Vec<SqlValue>,
) -> Result<HashMap<String, String>, AppError> {
    if values.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!("{sql} IN ({})", super::store::in_list(values.len(), 1));
    let rows =
        with_pool!(db, pool => bind_values!(sqlx::query_as::<_, (String, String)>(&sql), &values)
        .fetch_all(pool).await)
        .map_err(db_failed)?;
    Ok(rows.into_iter().collect())
}

fn country_names(counts: &[(String, i64)], language: &str) -> HashMap<String, String> {
    counts
        .iter()
        .filter_map(|(code, _)| Some((code.clone(), country_name(code, language)?.to_owned())))
        .collect()
}

async fn city_names(
    db: &Db,
    counts: &[(String, i64)],
) -> Result<HashMap<String, String>, AppError> {
    let values = counts
        .iter()
        .filter_map(|(id, _)| id.parse().ok())
        .map(SqlValue::Int)
        .collect();
    names(
        db,
        "SELECT CAST(id AS TEXT), name FROM cities WHERE id",
        values,
    )
    .await
}

/// Points on the map are capped: beyond this, the visitor narrows the search.
pub const MAX_MAP_POINTS: i64 = 2000;

/// The newest matching initiatives (up to `MAX_MAP_POINTS`) with their city's position and
/// their title in `language` (else the original), for the map page.
pub async fn map_points(
    db: &Db,
    cache: &SearchCache,
    params: &SearchParams,
    language: &str,
) -> Result<Vec<MapPoint>, AppError> {
    let mut matches = find(db, cache, params).await?.matches;
    matches.sort_unstable_by_key(newest);
    matches.truncate(usize::try_from(MAX_MAP_POINTS).unwrap_or(2000));
    if matches.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = matches.iter().map(|m| m.id).collect();
    super::store::points_of(db, &ids, language).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(count: i64) -> Vec<Match> {
        (1..=count)
            .map(|id| Match {
                id,
                published: id % 7,
            })
            .collect()
    }

    #[test]
    fn pages_sort_only_what_they_show_yet_agree_with_a_full_sort() {
        let all = matches(95);
        let mut sorted = all.clone();
        sorted.sort_unstable_by_key(newest);
        let expected: Vec<i64> = sorted.iter().map(|m| m.id).collect();
        let mut paged = Vec::new();
        for page in 1..=5 {
            paged.extend(page_of(&all, page, newest));
        }
        assert_eq!(paged, expected);
        assert!(page_of(&all, 6, newest).is_empty());
        assert_eq!(page_of(&all, 5, newest).len(), 15);
    }
}
