//! (ssr) The "most inspiring" ranking, kept in each app instance's memory. Counting what every
//! initiative inspired walks the whole graph (about 0.1 s on SQLite and 0.25 s on PostgreSQL with
//! 10,000 descendants, `benches/lineage.rs`), and the home page and the search's "most inspiring"
//! order ask for it on every visit, while it changes only when a link is written or an initiative
//! is published or withdrawn. Each of those moves a version in the database (`inspiration_state`
//! by trigger, `search_state` by `refresh_search_index`): a visit reads the two versions, and
//! counts again only when one moved, so every instance sees every change at its next read.
use super::graph::{inspired_counts, CountRow};
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::with_pool;
use std::sync::Arc;
use tokio::sync::RwLock;

#[derive(Debug, Default)]
pub struct RankingCache {
    held: RwLock<Option<Held>>,
}

#[derive(Debug)]
struct Held {
    versions: Versions,
    counts: Arc<Vec<CountRow>>,
}

/// (search version, inspiration version)
type Versions = (i64, i64);

impl Held {
    /// Counted at `versions` or later (another request may have counted after this one read).
    fn is_current(&self, versions: Versions) -> bool {
        self.versions.0 >= versions.0 && self.versions.1 >= versions.1
    }
}

impl RankingCache {
    /// Every published initiative that inspired at least one, most inspiring first, as the
    /// database stands now.
    pub async fn counts(&self, db: &Db) -> Result<Arc<Vec<CountRow>>, AppError> {
        let versions = versions(db).await?;
        if let Some(held) = self.held.read().await.as_ref() {
            if held.is_current(versions) {
                return Ok(held.counts.clone());
            }
        }
        let mut held = self.held.write().await;
        if let Some(current) = held.as_ref().filter(|held| held.is_current(versions)) {
            return Ok(current.counts.clone());
        }
        // The versions were read before counting: a change in between makes the next visit
        // count again, never keeps an old ranking.
        let counts = Arc::new(inspired_counts(db).await?);
        *held = Some(Held {
            versions,
            counts: counts.clone(),
        });
        Ok(counts)
    }
}

async fn versions(db: &Db) -> Result<Versions, AppError> {
    with_pool!(db, pool => sqlx::query_as::<_, Versions>(
        "SELECT s.version, g.version FROM search_state s CROSS JOIN inspiration_state g \
         WHERE s.id = 1 AND g.id = 1")
        .fetch_one(pool).await)
    .map_err(db_failed)
}
