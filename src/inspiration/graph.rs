//! (ssr) Walking the inspiration graph: an initiative's lineage (what it inspired, generation
//! after generation, and what inspired it), the "most inspiring" ranking, and the cycle check
//! before a link is made. Recursive CTEs over `inspiration_links_by_source` (walking down) and
//! `inspiration_links_by_target` (walking up), the same SQL on both databases; only confirmed
//! links count, only published initiatives are counted and named.
use super::{
    branches, Branch, EndKind, Inspiring, Lineage, LineagePlace, LinkEnd, TreeNode, MAP_POINTS,
    MAX_GENERATIONS, TREE_GENERATIONS, TREE_NODES,
};
use crate::cities::country_names::country_name;
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::initiatives::{InitiativeCard, MapPoint};
use crate::with_pool;
use std::collections::HashMap;

/// `lineage(id, generation)`: the initiatives `$1` inspired, each at the first generation it is
/// reached (1 = inspired by `$1` itself), walking at most `$2` generations. `UNION` drops a
/// (initiative, generation) pair met twice, so diamonds in the graph are walked once per depth.
const DESCENDANTS: &str = "WITH RECURSIVE walk(id, generation) AS ( \
    SELECT target_initiative_id, CAST(1 AS BIGINT) FROM inspiration_links \
    WHERE source_initiative_id = $1 AND status = 'confirmed' \
    UNION SELECT l.target_initiative_id, w.generation + 1 FROM walk w \
    JOIN inspiration_links l ON l.source_initiative_id = w.id AND l.status = 'confirmed' \
    WHERE w.generation < $2), \
    lineage(id, generation) AS (SELECT id, MIN(generation) FROM walk GROUP BY id) ";

/// `walk(parent, id, generation)`: the links below `$1` (or above it, with the columns swapped)
/// down to generation `$2`, for the page's tree.
fn edges_sql(from: &str, to: &str) -> String {
    format!(
        "WITH RECURSIVE walk(parent, id, generation) AS ( \
         SELECT {from}, {to}, CAST(1 AS BIGINT) FROM inspiration_links \
         WHERE {from} = $1 AND status = 'confirmed' \
         UNION SELECT l.{from}, l.{to}, w.generation + 1 FROM walk w \
         JOIN inspiration_links l ON l.{from} = w.id AND l.status = 'confirmed' \
         WHERE w.generation < $2) \
         SELECT w.parent, w.id FROM walk w JOIN initiatives i ON i.id = w.id \
         WHERE i.status = 'published' ORDER BY w.generation, w.parent, w.id LIMIT 1000"
    )
}

/// (city, name, country code, descendants there, deepest generation there)
type PlaceRow = (Option<i64>, Option<String>, Option<String>, i64, i64);

/// An initiative's lineage, named in `language`.
pub async fn lineage(db: &Db, id: i64, language: &str) -> Result<Lineage, AppError> {
    let down = edges_sql("source_initiative_id", "target_initiative_id");
    let up = edges_sql("target_initiative_id", "source_initiative_id");
    let (places, points, down, up) = tokio::try_join!(
        places(db, id),
        map_ids(db, id),
        edges(db, &down, id),
        edges(db, &up, id),
    )?;
    let below = branches(id, &down, TREE_NODES);
    let above = branches(id, &up, TREE_NODES);
    let mut named: Vec<i64> = points.clone();
    collect_ids(&below, &mut named);
    collect_ids(&above, &mut named);
    named.sort_unstable();
    named.dedup();
    let cards = crate::initiatives::store::cards(db, &named, language).await?;
    let cards: HashMap<i64, InitiativeCard> =
        cards.into_iter().map(|card| (card.id.0, card)).collect();
    Ok(Lineage {
        inspired: places.iter().map(|row| row.3).sum(),
        cities: places.iter().filter(|row| row.0.is_some()).count() as i64,
        generations: places.iter().map(|row| row.4).max().unwrap_or(0),
        ancestors: named_tree(&above, &cards),
        descendants: named_tree(&below, &cards),
        places: places
            .into_iter()
            .filter_map(|(_, name, code, count, _)| {
                let code = code?;
                let country = country_name(&code, language).unwrap_or(&code);
                Some(LineagePlace {
                    place: format!("{}, {country}", name?),
                    count,
                })
            })
            .collect(),
        points_json: points_json(&points, &cards)?,
        ..Default::default()
    })
}

/// The published descendants of `id` counted by city (a row without a city for those online).
async fn places(db: &Db, id: i64) -> Result<Vec<PlaceRow>, AppError> {
    let sql = format!(
        "{DESCENDANTS} SELECT c.id, c.name, c.country_code, COUNT(*), MAX(l.generation) \
         FROM lineage l JOIN initiatives i ON i.id = l.id LEFT JOIN cities c ON c.id = i.city_id \
         WHERE i.status = 'published' GROUP BY c.id, c.name, c.country_code \
         ORDER BY COUNT(*) DESC, c.name"
    );
    with_pool!(db, pool => sqlx::query_as::<_, PlaceRow>(&sql)
        .bind(id).bind(MAX_GENERATIONS).fetch_all(pool).await)
    .map_err(db_failed)
}

/// The descendants the map shows: the nearest generations first.
async fn map_ids(db: &Db, id: i64) -> Result<Vec<i64>, AppError> {
    let sql = format!(
        "{DESCENDANTS} SELECT l.id FROM lineage l JOIN initiatives i ON i.id = l.id \
         WHERE i.status = 'published' AND i.city_id IS NOT NULL \
         ORDER BY l.generation, l.id LIMIT $3"
    );
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(&sql)
        .bind(id).bind(MAX_GENERATIONS).bind(MAP_POINTS as i64).fetch_all(pool).await)
    .map_err(db_failed)
}

async fn edges(db: &Db, sql: &str, id: i64) -> Result<Vec<(i64, i64)>, AppError> {
    with_pool!(db, pool => sqlx::query_as::<_, (i64, i64)>(sql)
        .bind(id).bind(TREE_GENERATIONS).fetch_all(pool).await)
    .map_err(db_failed)
}

fn collect_ids(branches: &[Branch], ids: &mut Vec<i64>) {
    for branch in branches {
        ids.push(branch.id);
        collect_ids(&branch.children, ids);
    }
}

fn end_of(card: &InitiativeCard) -> LinkEnd {
    LinkEnd {
        kind: EndKind::Initiative,
        id: card.id.0,
        title: card.title.clone(),
        city: card.city_name.clone(),
        public: true,
    }
}

fn named_tree(branches: &[Branch], cards: &HashMap<i64, InitiativeCard>) -> Vec<TreeNode> {
    branches
        .iter()
        .filter_map(|branch| {
            Some(TreeNode {
                end: end_of(cards.get(&branch.id)?),
                repeated: branch.repeated,
                children: named_tree(&branch.children, cards),
            })
        })
        .collect()
}

fn points_json(ids: &[i64], cards: &HashMap<i64, InitiativeCard>) -> Result<String, AppError> {
    let points: Vec<MapPoint> = ids
        .iter()
        .filter_map(|id| {
            let card = cards.get(id)?;
            Some(MapPoint {
                id: *id,
                latitude: card.latitude?,
                longitude: card.longitude?,
                place: [card.city_name.clone(), card.country_name.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                title: card.title.clone(),
                href: None,
            })
        })
        .collect();
    serde_json::to_string(&points).map_err(|error| {
        tracing::error!(%error, "lineage points do not serialise");
        AppError::Internal
    })
}

/// `reach(ancestor, descendant)`: every pair joined by a path of confirmed links (the graph's
/// transitive closure, computed when asked: links change rarely, a table kept in step with
/// every decision and publication would be more code to get wrong).
const REACH: &str = "WITH RECURSIVE reach(ancestor, descendant) AS ( \
    SELECT source_initiative_id, target_initiative_id FROM inspiration_links \
    WHERE source_initiative_id IS NOT NULL AND status = 'confirmed' \
    UNION SELECT r.ancestor, l.target_initiative_id FROM reach r \
    JOIN inspiration_links l ON l.source_initiative_id = r.descendant AND l.status = 'confirmed') ";

/// (initiative, published descendants, their cities)
type CountRow = (i64, i64, i64);

/// Published initiatives by how many published initiatives they inspired (every generation),
/// most first; `limit` of them, or all that inspired one when `None`.
async fn inspired_counts(db: &Db, limit: Option<i64>) -> Result<Vec<CountRow>, AppError> {
    let sql = format!(
        "{REACH} SELECT r.ancestor, COUNT(*), COUNT(DISTINCT d.city_id) FROM reach r \
         JOIN initiatives a ON a.id = r.ancestor JOIN initiatives d ON d.id = r.descendant \
         WHERE a.status = 'published' AND d.status = 'published' \
         GROUP BY r.ancestor ORDER BY COUNT(*) DESC, r.ancestor DESC LIMIT $1"
    );
    with_pool!(db, pool => sqlx::query_as::<_, CountRow>(&sql)
        .bind(limit.unwrap_or(i64::MAX)).fetch_all(pool).await)
    .map_err(db_failed)
}

/// The `limit` most inspiring initiatives, named in `language`.
pub async fn most_inspiring(
    db: &Db,
    limit: i64,
    language: &str,
) -> Result<Vec<Inspiring>, AppError> {
    let counts = inspired_counts(db, Some(limit)).await?;
    let ids: Vec<i64> = counts.iter().map(|row| row.0).collect();
    let cards = crate::initiatives::store::cards(db, &ids, language).await?;
    Ok(counts
        .into_iter()
        .filter_map(|(id, inspired, cities)| {
            let card = cards.iter().find(|card| card.id.0 == id)?;
            Some(Inspiring {
                end: end_of(card),
                inspired,
                cities,
            })
        })
        .collect())
}

/// How many published initiatives each initiative inspired (those that inspired none are not
/// in the map): what the "most inspiring" search order sorts on.
pub async fn inspired_by_id(db: &Db) -> Result<HashMap<i64, i64>, AppError> {
    Ok(inspired_counts(db, None)
        .await?
        .into_iter()
        .map(|(id, inspired, _)| (id, inspired))
        .collect())
}

/// Whether confirming `$source` inspired `$target` would close a cycle: `$source` is
/// `$target` itself or already descends from it. Runs on the connection `$tx`, inside the
/// transaction that writes the link.
#[macro_export]
macro_rules! inspiration_would_cycle {
    ($tx:expr, $source:expr, $target:expr) => {{
        let (source, target): (i64, i64) = ($source, $target);
        source == target
            || sqlx::query_scalar::<_, bool>(
                "WITH RECURSIVE below(id) AS (SELECT CAST($1 AS BIGINT) UNION \
                 SELECT l.target_initiative_id FROM below b JOIN inspiration_links l \
                 ON l.source_initiative_id = b.id AND l.status = 'confirmed') \
                 SELECT EXISTS (SELECT 1 FROM below WHERE id = $2)",
            )
            .bind(target)
            .bind(source)
            .fetch_one(&mut *$tx)
            .await
            .map_err($crate::db::db_failed)?
    }};
}
