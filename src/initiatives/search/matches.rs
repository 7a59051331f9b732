//! (ssr) Full text: the ids of the published initiatives holding a folded word (or a prefix), from
//! SQLite's FTS5 or PostgreSQL's GIN indexes. One row comes back whatever the number of matches
//! (`group_concat`, `array_agg`): row-by-row transfer of 10,000 ids cost more than the search
//! itself.
use crate::db::{db_failed, Backend, Db};
use crate::error::AppError;

/// Where the words must all be: relevance ranks titles first, then headlines, then the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Anywhere,
    Titles,
    /// Titles and summaries.
    Headlines,
}

/// A folded word a search asks for, or the words it begins (a search's last word: "jard" finds
/// "jardin"). Words hold letters and digits only, so they cannot be engine syntax.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    pub word: String,
    pub prefix: bool,
}

impl Term {
    /// The terms of a search's folded words: every word, the last one as a prefix.
    pub fn of_query(words: &[String]) -> Vec<Term> {
        let last = words.len().saturating_sub(1);
        words
            .iter()
            .enumerate()
            .map(|(index, word)| Term {
                word: word.clone(),
                prefix: index == last,
            })
            .collect()
    }

    /// Whether `words` (sorted) hold this term.
    pub fn is_in(&self, words: &[String]) -> bool {
        let from = words.partition_point(|word| word.as_str() < self.word.as_str());
        words.get(from).is_some_and(|word| {
            *word == self.word || (self.prefix && word.starts_with(self.word.as_str()))
        })
    }
}

/// The engine's query for all of `terms` at once: the engine intersects the words' postings in
/// its index before it reads any row.
pub fn engine_query(backend: Backend, terms: &[Term]) -> String {
    let queries: Vec<String> = terms
        .iter()
        .map(|term| match (backend, term.prefix) {
            (Backend::Sqlite, false) => format!("\"{}\"", term.word),
            (Backend::Sqlite, true) => format!("\"{}\"*", term.word),
            (Backend::Postgres, false) => format!("'{}'", term.word),
            (Backend::Postgres, true) => format!("'{}':*", term.word),
        })
        .collect();
    match backend {
        Backend::Sqlite => queries.join(" "),
        Backend::Postgres => queries.join(" & "),
    }
}

/// Every word of the index with the number of initiatives holding it anywhere, read from the
/// index itself (FTS5's vocabulary table, PostgreSQL's `ts_stat`): a full read of the index.
pub async fn vocabulary(db: &Db) -> Result<Vec<(String, i64)>, AppError> {
    match db {
        Db::Sqlite(pool) => {
            // A temporary table belongs to one connection: both statements use the same one.
            let mut connection = pool.acquire().await.map_err(db_failed)?;
            sqlx::query(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary \
                 USING fts5vocab(main, initiative_search, row)",
            )
            .execute(&mut *connection)
            .await
            .map_err(db_failed)?;
            sqlx::query_as("SELECT term, doc FROM temp.search_vocabulary")
                .fetch_all(&mut *connection)
                .await
                .map_err(db_failed)
        }
        Db::Postgres(pool) => sqlx::query_as(
            "SELECT word, ndoc::bigint FROM ts_stat('SELECT document FROM initiative_search')",
        )
        .fetch_all(pool)
        .await
        .map_err(db_failed),
    }
}

/// FTS5 narrows a query to columns with a filter.
fn sqlite_query(engine: &str, field: Field) -> String {
    match field {
        Field::Anywhere => engine.to_owned(),
        Field::Titles => format!("{{title}} : ({engine})"),
        Field::Headlines => format!("{{title summary}} : ({engine})"),
    }
}

/// PostgreSQL keeps each field's words in a table of its own (migration 0007): the narrower the
/// rows a search reads, the faster.
fn postgres_table(field: Field) -> (&'static str, &'static str) {
    match field {
        Field::Anywhere => ("initiative_search", "document"),
        Field::Titles => ("initiative_search_titles", "words"),
        Field::Headlines => ("initiative_search_headlines", "words"),
    }
}

/// The ids matching `engine` (from `engine_query`) in `field`, in no particular order.
pub async fn matching_ids(db: &Db, engine: &str, field: Field) -> Result<Vec<i64>, AppError> {
    match db {
        Db::Sqlite(pool) => {
            let ids: Option<String> = sqlx::query_scalar(
                "SELECT group_concat(rowid) FROM initiative_search WHERE initiative_search MATCH $1",
            )
            .bind(sqlite_query(engine, field))
            .fetch_one(pool)
            .await
            .map_err(db_failed)?;
            Ok(ids
                .unwrap_or_default()
                .split(',')
                .filter_map(|id| id.parse().ok())
                .collect())
        }
        Db::Postgres(pool) => {
            let (table, column) = postgres_table(field);
            let sql = format!(
                "SELECT coalesce(array_agg(initiative_id), '{{}}') FROM {table} \
                 WHERE {column} @@ $1::tsquery"
            );
            sqlx::query_scalar(&sql)
                .bind(engine)
                .fetch_one(pool)
                .await
                .map_err(db_failed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Vec<Term> {
        Term::of_query(&words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn the_last_word_is_a_prefix_and_the_engine_gets_every_word_at_once() {
        let repair_caf = terms(&["repair", "caf"]);
        assert_eq!(
            engine_query(Backend::Sqlite, &repair_caf),
            r#""repair" "caf"*"#
        );
        assert_eq!(
            engine_query(Backend::Postgres, &repair_caf),
            "'repair' & 'caf':*"
        );
        assert_eq!(
            engine_query(Backend::Postgres, &repair_caf[..1]),
            "'repair'"
        );
        assert!(terms(&[]).is_empty());
    }

    #[test]
    fn a_term_is_in_sorted_words_as_a_word_or_as_their_beginning() {
        let words: Vec<String> = ["cafe", "jardin", "repair"].map(String::from).to_vec();
        let [repair, caf] = <[Term; 2]>::try_from(terms(&["repair", "caf"])).unwrap();
        assert!(repair.is_in(&words) && caf.is_in(&words));
        let [caf_word, jar] = <[Term; 2]>::try_from(terms(&["caf", "jar"])).unwrap();
        assert!(!caf_word.is_in(&words) && jar.is_in(&words));
        assert!(!terms(&["zoo"])[0].is_in(&words) && !terms(&["a"])[0].is_in(&[]));
    }

    #[test]
    fn fields_narrow_the_sqlite_query_to_columns() {
        assert_eq!(
            sqlite_query(r#""b"*"#, Field::Headlines),
            r#"{title summary} : ("b"*)"#
        );
    }
}
