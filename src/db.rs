//! The database handle: SQLite embedded by default, PostgreSQL for several app instances.
//! Concrete pools rather than `sqlx::Any`, which knows no dates and breaks placeholders.
use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, SqlitePool,
};
use std::{str::FromStr, time::Duration};

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same body on whichever pool `db` holds: the SQL is written once with `$1` placeholders,
/// which both backends accept.
#[macro_export]
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` inside a write transaction named `$tx` (a `&mut` connection is `&mut *$tx`) and
/// commits it; a `?` inside the body returns early and the dropped transaction rolls back.
/// SQLite takes the write lock at `BEGIN IMMEDIATE`, so two writers queue instead of failing
/// half-way with SQLITE_BUSY; PostgreSQL bodies lock the rows they guard themselves.
#[macro_export]
macro_rules! in_write_transaction {
    ($db:expr, $tx:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(pool) => {
                #[allow(unused_mut)]
                let mut $tx = pool
                    .begin_with("BEGIN IMMEDIATE")
                    .await
                    .map_err($crate::db::db_failed)?;
                let outcome = $body;
                $tx.commit().await.map_err($crate::db::db_failed)?;
                outcome
            }
            $crate::db::Db::Postgres(pool) => {
                #[allow(unused_mut)]
                let mut $tx = pool.begin().await.map_err($crate::db::db_failed)?;
                let outcome = $body;
                $tx.commit().await.map_err($crate::db::db_failed)?;
                outcome
            }
        }
    };
}

/// A value bound to a query whose shape is only known at run time (search filters, batches).
#[derive(Debug, Clone, PartialEq)]
pub enum SqlValue {
    Int(i64),
    OptionalInt(Option<i64>),
    Float(f64),
    Text(String),
    OptionalText(Option<String>),
    Time(time::OffsetDateTime),
}

/// Binds `$values` in order to a `query`, `query_as` or `query_scalar` of either backend.
#[macro_export]
macro_rules! bind_values {
    ($query:expr, $values:expr) => {{
        let mut query = $query;
        for value in $values {
            query = match value {
                $crate::db::SqlValue::Int(v) => query.bind(*v),
                $crate::db::SqlValue::OptionalInt(v) => query.bind(*v),
                $crate::db::SqlValue::Float(v) => query.bind(*v),
                $crate::db::SqlValue::Text(v) => query.bind(v.as_str()),
                $crate::db::SqlValue::OptionalText(v) => query.bind(v.as_deref()),
                $crate::db::SqlValue::Time(v) => query.bind(*v),
            };
        }
        query
    }};
}

/// `($1, $2, $3), ($4, $5, $6)` for `rows` rows of `columns` values, numbered from `$first`.
pub fn values_placeholders(rows: usize, columns: usize, first: usize) -> String {
    (0..rows)
        .map(|row| {
            let numbers: Vec<String> = (0..columns)
                .map(|column| format!("${}", first + row * columns + column))
                .collect();
            format!("({})", numbers.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Logs a database failure and hands the browser nothing but `Internal`.
/// A stored time as the wire and the pages carry it: RFC 3339, UTC.
pub fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

pub fn db_failed(error: sqlx::Error) -> crate::error::AppError {
    tracing::error!(%error, "database query failed");
    crate::error::AppError::Internal
}

/// Works on both backends (the constraint's name is only known on PostgreSQL).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db_error) if db_error.is_unique_violation())
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error(
        "DATABASE_URL must start with sqlite:// or postgres:// (got a URL starting with {0:?}); \
         refusing to start rather than create an empty database somewhere unexpected"
    )]
    UnknownScheme(String),
    #[error("cannot create the folder for the SQLite database {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Open(#[from] sqlx::Error),
    #[error("cannot apply the migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Which backend a URL names, refusing anything else.
pub fn backend_of(url: &str) -> Result<Backend, ConnectError> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        let scheme = url.split(':').next().unwrap_or_default();
        Err(ConnectError::UnknownScheme(
            scheme.chars().take(20).collect(),
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Opens the database named by `url`. A SQLite file (and its folder) is created on first use,
    /// in WAL mode so that readers never wait for the writer.
    pub async fn connect(url: &str) -> Result<Db, ConnectError> {
        match backend_of(url)? {
            Backend::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10));
                create_parent_folder(options.get_filename())?;
                // No ping before each query: it doubled the round trips of every search, and a
                // broken connection surfaces as a failed query all the same.
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .test_before_acquire(false)
                    .connect_with(options)
                    .await?;
                Ok(Db::Sqlite(pool))
            }
            Backend::Postgres => {
                // PostgreSQL's default page cost models spinning disks: with it the planner
                // read all 100,000 search documents for a common word (90 ms) rather than use
                // the GIN index (25 ms). Servers today keep their data on SSDs or in memory.
                let options =
                    PgConnectOptions::from_str(url)?.options([("random_page_cost", "1.1")]);
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .test_before_acquire(false)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations of this backend, then the session store's own table.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// Whether the database answers a trivial query: what `/healthz` reports.
    pub async fn is_healthy(&self) -> bool {
        let probe = with_pool!(self, pool => sqlx::query_scalar::<_, i32>("SELECT 1").fetch_one(pool).await);
        probe.is_ok()
    }

    pub async fn close(&self) {
        with_pool!(self, pool => pool.close().await);
    }
}

fn create_parent_folder(file: &std::path::Path) -> Result<(), ConnectError> {
    match file.parent() {
        Some(folder) if !folder.as_os_str().is_empty() && !folder.exists() => {
            std::fs::create_dir_all(folder).map_err(|source| ConnectError::Folder {
                path: folder.display().to_string(),
                source,
            })
        }
        _ => Ok(()),
    }
}

/// Version numbers of the migrations in each folder; a test keeps the two folders in step.
pub fn migration_versions(backend: Backend) -> Vec<i64> {
    let migrator = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    migrator.iter().map(|m| m.version).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_schemes_are_refused() {
        assert!(
            matches!(backend_of("mysql://localhost/x"), Err(ConnectError::UnknownScheme(s)) if s == "mysql")
        );
        assert!(backend_of("data/newcityzens.db").is_err());
        assert_eq!(backend_of("sqlite://data/x.db").ok(), Some(Backend::Sqlite));
        assert_eq!(
            backend_of("postgres://u@h/db").ok(),
            Some(Backend::Postgres)
        );
    }

    #[test]
    fn placeholders_number_rows_in_order() {
        assert_eq!(values_placeholders(2, 2, 3), "($3, $4), ($5, $6)");
        assert_eq!(values_placeholders(1, 1, 1), "($1)");
    }

    #[test]
    fn both_migration_folders_carry_the_same_versions() {
        let sqlite = migration_versions(Backend::Sqlite);
        assert!(!sqlite.is_empty());
        assert_eq!(sqlite, migration_versions(Backend::Postgres));
    }
}
