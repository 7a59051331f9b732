//! (ssr) Searching published initiatives: full text (FTS5 on SQLite, tsvector on PostgreSQL, both
//! over the same folded words), four facets counted for the current query, two sorts, pages.
use super::{FacetCount, Facets, MapPoint, SearchParams, SearchResults, Sort, PAGE_SIZE};
use crate::db::{db_failed, Backend, Db, SqlValue};
use crate::error::AppError;
use crate::text::fold::query_words;
use crate::{bind_values, with_pool};

/// Facet lists stop here: the long tail of cities is reached through the text box.
const FACET_LIMIT: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facet {
    Theme,
    Country,
    City,
    Language,
}

/// The engine's query for the folded words: every word must appear, the last one as a prefix
/// ("jard" finds "jardin"). Words hold letters and digits only, so they cannot be syntax.
pub fn engine_query(backend: Backend, words: &[String]) -> Option<String> {
    let (last, others) = words.split_last()?;
    Some(match backend {
        Backend::Sqlite => {
            let mut terms: Vec<String> = others.iter().map(|w| format!("\"{w}\"")).collect();
            terms.push(format!("\"{last}\"*"));
            terms.join(" ")
        }
        Backend::Postgres => {
            let mut terms: Vec<String> = others.iter().map(|w| format!("'{w}'")).collect();
            terms.push(format!("'{last}':*"));
            terms.join(" & ")
        }
    })
}

/// The matching published initiatives as `hits(id, score)`, lower scores first; `$1` is the
/// engine query when there is one.
/// Ranking costs: only the query that orders a page asks for it (`ranked`), counts do not.
fn hits_sql(backend: Backend, has_text: bool, ranked: bool) -> &'static str {
    match (backend, has_text, ranked) {
        (_, false, _) => "SELECT id, 0.0 AS score FROM initiatives WHERE status = 'published'",
        (Backend::Sqlite, true, true) => {
            "SELECT rowid AS id, bm25(initiative_search, 10.0, 4.0, 1.0) AS score \
             FROM initiative_search WHERE initiative_search MATCH $1"
        }
        (Backend::Sqlite, true, false) => {
            "SELECT rowid AS id, 0.0 AS score FROM initiative_search WHERE initiative_search MATCH $1"
        }
        (Backend::Postgres, true, true) => {
            "SELECT initiative_id AS id, -ts_rank(document, $1::tsquery) AS score \
             FROM initiative_search WHERE document @@ $1::tsquery"
        }
        (Backend::Postgres, true, false) => {
            "SELECT initiative_id AS id, 0.0 AS score FROM initiative_search WHERE document @@ $1::tsquery"
        }
    }
}

/// SQLite would otherwise inline the full-text query into the join and run it once per row of
/// `initiatives` (a common word took a minute at 100,000 rows); computed once, it takes
/// milliseconds. PostgreSQL plans the inlined form well.
fn materialized(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "MATERIALIZED ",
        Backend::Postgres => "",
    }
}

fn with_hits(backend: Backend, has_text: bool, ranked: bool) -> String {
    format!(
        "WITH hits AS {}({})",
        materialized(backend),
        hits_sql(backend, has_text, ranked)
    )
}

/// A filter's SQL condition, given the number of its placeholder.
type Condition = Box<dyn Fn(usize) -> String + Send + Sync>;

/// A search turned into SQL pieces: the `hits` CTE, its engine query, and the facet filters.
struct Plan {
    /// `WITH hits AS (...)` without ranking (counts) and with it (the page of results).
    with_hits: String,
    with_ranked_hits: String,
    has_text: bool,
    /// The engine query, bound as `$1` when there is one.
    engine: Option<String>,
    filters: Vec<(Facet, SqlValue, Condition)>,
}

impl Plan {
    fn new(backend: Backend, params: &SearchParams) -> Plan {
        let engine = engine_query(backend, &query_words(&params.q));
        let has_text = engine.is_some();
        let mut plan = Plan {
            with_hits: with_hits(backend, has_text, false),
            with_ranked_hits: with_hits(backend, has_text, true),
            has_text,
            engine,
            filters: Vec::new(),
        };
        if let Some(theme) = &params.theme {
            plan.filter(Facet::Theme, SqlValue::Text(theme.clone()), |n| {
                format!("EXISTS (SELECT 1 FROM initiative_themes ft JOIN themes fth ON fth.id = ft.theme_id \
                         WHERE ft.initiative_id = i.id AND fth.slug = ${n})")
            });
        }
        if let Some(country) = &params.country {
            plan.filter(Facet::Country, SqlValue::Text(country.clone()), |n| {
                format!("i.country_code = ${n}")
            });
        }
        if let Some(city) = params.city {
            plan.filter(Facet::City, SqlValue::Int(city), |n| {
                format!("i.city_id = ${n}")
            });
        }
        if let Some(language) = &params.lang {
            plan.filter(Facet::Language, SqlValue::Text(language.clone()), |n| {
                format!("EXISTS (SELECT 1 FROM initiative_texts fl WHERE fl.initiative_id = i.id AND fl.language = ${n})")
            });
        }
        plan
    }

    fn filter(
        &mut self,
        facet: Facet,
        value: SqlValue,
        condition: impl Fn(usize) -> String + Send + Sync + 'static,
    ) {
        self.filters.push((facet, value, Box::new(condition)));
    }

    /// `FROM hits JOIN initiatives i <join> WHERE ...` and the values to bind, leaving out the
    /// filter of `except` (a facet counts what choosing each of its values would give, whatever
    /// value is chosen now).
    fn matching_clause(&self, join: &str, except: Option<Facet>) -> (String, Vec<SqlValue>) {
        let mut values: Vec<SqlValue> = self.engine.iter().cloned().map(SqlValue::Text).collect();
        // The full-text index holds published initiatives only; naming the status there would
        // also lead SQLite to scan every published initiative instead of the matches.
        let mut conditions = vec![if self.has_text {
            "1 = 1"
        } else {
            "i.status = 'published'"
        }
        .to_owned()];
        for (facet, value, condition) in &self.filters {
            if Some(*facet) != except {
                values.push(value.clone());
                conditions.push(condition(values.len()));
            }
        }
        let sql = format!(
            "FROM hits JOIN initiatives i ON i.id = hits.id {join} WHERE {}",
            conditions.join(" AND ")
        );
        (sql, values)
    }
}

pub async fn search(
    db: &Db,
    params: &SearchParams,
    language: &str,
) -> Result<SearchResults, AppError> {
    let plan = Plan::new(db.backend(), params);
    let total = count(db, &plan).await?;
    let page = params.page();
    let ids = page_ids(db, &plan, params.sort, page).await?;
    let facets = Facets {
        themes: theme_counts(db, &plan, language).await?,
        countries: labelled_counts(db, &plan, Facet::Country).await?,
        cities: labelled_counts(db, &plan, Facet::City).await?,
        languages: labelled_counts(db, &plan, Facet::Language).await?,
    };
    Ok(SearchResults {
        total,
        page,
        page_count: (total + PAGE_SIZE - 1) / PAGE_SIZE,
        items: super::store::cards(db, &ids, language).await?,
        facets,
    })
}

async fn count(db: &Db, plan: &Plan) -> Result<i64, AppError> {
    let (matching, values) = plan.matching_clause("", None);
    let sql = format!("{} SELECT count(*) {matching}", plan.with_hits);
    with_pool!(db, pool => bind_values!(sqlx::query_scalar::<_, i64>(&sql), &values).fetch_one(pool).await)
        .map_err(db_failed)
}

/// Every matching id, in id order: what the parity test compares across the two databases.
pub async fn all_ids(db: &Db, params: &SearchParams) -> Result<Vec<i64>, AppError> {
    let plan = Plan::new(db.backend(), params);
    let (matching, values) = plan.matching_clause("", None);
    let sql = format!("{} SELECT i.id {matching} ORDER BY i.id", plan.with_hits);
    with_pool!(db, pool => bind_values!(sqlx::query_scalar::<_, i64>(&sql), &values).fetch_all(pool).await)
        .map_err(db_failed)
}

async fn page_ids(db: &Db, plan: &Plan, sort: Sort, page: i64) -> Result<Vec<i64>, AppError> {
    let (with_hits, order) = match (sort, plan.has_text) {
        (Sort::Relevance, true) => (
            &plan.with_ranked_hits,
            "hits.score, i.published_at DESC, i.id DESC",
        ),
        _ => (&plan.with_hits, "i.published_at DESC, i.id DESC"),
    };
    let (matching, values) = plan.matching_clause("", None);
    let sql = format!(
        "{} SELECT i.id {matching} ORDER BY {order} LIMIT {PAGE_SIZE} OFFSET {}",
        with_hits,
        (page - 1) * PAGE_SIZE
    );
    with_pool!(db, pool => bind_values!(sqlx::query_scalar::<_, i64>(&sql), &values).fetch_all(pool).await)
        .map_err(db_failed)
}

async fn theme_counts(db: &Db, plan: &Plan, language: &str) -> Result<Vec<FacetCount>, AppError> {
    let counts = labelled_counts(db, plan, Facet::Theme).await?;
    let themes = super::store::themes(db, language).await?;
    Ok(counts
        .into_iter()
        .map(|count| FacetCount {
            label: themes
                .iter()
                .find(|t| t.slug == count.value)
                .and_then(|t| t.label.clone()),
            ..count
        })
        .collect())
}

/// Counts by value of `facet`, with the names pages show for countries and cities.
async fn labelled_counts(db: &Db, plan: &Plan, facet: Facet) -> Result<Vec<FacetCount>, AppError> {
    let (select, join, group) = match facet {
        Facet::Country => (
            "i.country_code, co.name",
            "JOIN countries co ON co.code = i.country_code",
            "i.country_code, co.name",
        ),
        Facet::City => (
            "CAST(i.city_id AS TEXT), c.name",
            "JOIN cities c ON c.id = i.city_id",
            "i.city_id, c.name",
        ),
        Facet::Theme => (
            "t.slug, NULL",
            "JOIN initiative_themes it ON it.initiative_id = i.id JOIN themes t ON t.id = it.theme_id",
            "t.slug",
        ),
        Facet::Language => (
            "x.language, NULL",
            "JOIN initiative_texts x ON x.initiative_id = i.id",
            "x.language",
        ),
    };
    let (matching, values) = plan.matching_clause(join, Some(facet));
    let sql = format!(
        "{} SELECT {select}, count(*) {matching} GROUP BY {group} ORDER BY count(*) DESC, 1 LIMIT {FACET_LIMIT}",
        plan.with_hits,
    );
    let rows = with_pool!(db, pool => bind_values!(sqlx::query_as::<_, (String, Option<String>, i64)>(&sql), &values)
        .fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(value, label, count)| FacetCount {
            value,
            label,
            count,
        })
        .collect())
}

/// Points on the map are capped: beyond this, the visitor narrows the search.
pub const MAX_MAP_POINTS: i64 = 2000;

/// Every matching initiative with its city's position and its title in `language` (else the
/// original), for the map page.
pub async fn map_points(
    db: &Db,
    params: &SearchParams,
    language: &str,
) -> Result<Vec<MapPoint>, AppError> {
    let plan = Plan::new(db.backend(), params);
    let join = "JOIN cities c ON c.id = i.city_id JOIN countries co ON co.code = c.country_code";
    let (matching, mut values) = plan.matching_clause(join, None);
    values.push(SqlValue::Text(language.to_owned()));
    let language_number = values.len();
    let sql = format!(
        "{} SELECT i.id, c.latitude, c.longitude, c.name || ', ' || co.name, \
         coalesce((SELECT title FROM initiative_texts WHERE initiative_id = i.id AND language = ${language_number}), \
                  (SELECT title FROM initiative_texts WHERE initiative_id = i.id AND language = i.original_language), '') \
         {matching} ORDER BY i.published_at DESC, i.id DESC LIMIT {MAX_MAP_POINTS}",
        plan.with_hits,
    );
    let rows = with_pool!(db, pool => bind_values!(sqlx::query_as::<_, (i64, f64, f64, String, String)>(&sql), &values)
        .fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(id, latitude, longitude, place, title)| MapPoint {
            id,
            latitude,
            longitude,
            place,
            title,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_word_is_a_prefix() {
        let words = vec!["repair".to_owned(), "caf".to_owned()];
        assert_eq!(
            engine_query(Backend::Sqlite, &words).unwrap(),
            r#""repair" "caf"*"#
        );
        assert_eq!(
            engine_query(Backend::Postgres, &words).unwrap(),
            "'repair' & 'caf':*"
        );
        assert_eq!(engine_query(Backend::Sqlite, &[]), None);
    }
}
