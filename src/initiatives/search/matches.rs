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

/// The engine's queries for the folded words, one per word: a search wants every word, the last
/// one as a prefix ("jard" finds "jardin"). Words hold letters and digits only, so they cannot be
/// syntax.
pub fn term_queries(backend: Backend, words: &[String]) -> Vec<String> {
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(index, word)| match (backend, index == last) {
            (Backend::Sqlite, false) => format!("\"{word}\""),
            (Backend::Sqlite, true) => format!("\"{word}\"*"),
            (Backend::Postgres, false) => format!("'{word}'"),
            (Backend::Postgres, true) => format!("'{word}':*"),
        })
        .collect()
}

/// The engine's query for all of `terms` (from `term_queries`) at once: the engine intersects the
/// words' postings in its index before it reads any row.
pub fn conjunction(backend: Backend, terms: &[String]) -> String {
    match backend {
        Backend::Sqlite => terms.join(" "),
        Backend::Postgres => terms.join(" & "),
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

/// The ids matching `engine` (one of `term_queries`) in `field`, in no particular order.
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

    #[test]
    fn the_last_word_is_a_prefix() {
        let words = vec!["repair".to_owned(), "caf".to_owned()];
        assert_eq!(
            term_queries(Backend::Sqlite, &words),
            [r#""repair""#, r#""caf"*"#]
        );
        assert_eq!(
            term_queries(Backend::Postgres, &words),
            ["'repair'", "'caf':*"]
        );
        assert!(term_queries(Backend::Sqlite, &[]).is_empty());
    }

    #[test]
    fn a_conjunction_asks_for_every_term() {
        let words = vec!["repair".to_owned(), "caf".to_owned()];
        let sqlite = term_queries(Backend::Sqlite, &words);
        assert_eq!(conjunction(Backend::Sqlite, &sqlite), r#""repair" "caf"*"#);
        let postgres = term_queries(Backend::Postgres, &words);
        assert_eq!(
            conjunction(Backend::Postgres, &postgres),
            "'repair' & 'caf':*"
        );
        assert_eq!(conjunction(Backend::Postgres, &postgres[..1]), "'repair'");
    }

    #[test]
    fn fields_narrow_the_sqlite_query_to_columns() {
        assert_eq!(
            sqlite_query(r#""b"*"#, Field::Headlines),
            r#"{title summary} : ("b"*)"#
        );
    }
}
