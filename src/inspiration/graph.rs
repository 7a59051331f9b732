//! (ssr) Walking the inspiration graph: an initiative's lineage (what it inspired, generation
//! after generation, and what inspired it), the "most inspiring" ranking, and the cycle check
//! before a link is made. Recursive CTEs over `inspiration_links_by_source` (walking down) and
//! `inspiration_links_by_target` (walking up), the same SQL on both databases; only confirmed
//! links count, only published initiatives are counted and named.
use super::ranking::RankingCache;
use super::{
    branches, Branch, EndKind, Inspiring, Lineage, LineagePlace, LinkEnd, TreeNode, MAP_POINTS,
    MAX_GENERATIONS, PLACES, TREE_GENERATIONS, TREE_NODES,
};
use crate::cities::country_names::country_name;
use crate::db::{db_failed, Db, SqlValue};
use crate::error::AppError;
use crate::initiatives::InitiativeCard;
use crate::{bind_values, with_pool};
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

/// An initiative's lineage, named in `language`: the descendants are walked once (counts,
/// cities, the map's points are summed up in that walk), the tree's links twice more (down and
/// up, three generations), then the few named initiatives and cities are read.
pub async fn lineage(db: &Db, id: i64, language: &str) -> Result<Lineage, AppError> {
    let down = edges_sql("source_initiative_id", "target_initiative_id");
    let up = edges_sql("target_initiative_id", "source_initiative_id");
    let (descendants, down, up) = tokio::try_join!(
        descendants(db, id),
        edges(db, &down, id),
        edges(db, &up, id),
    )?;
    let below = branches(id, &down, TREE_NODES);
    let above = branches(id, &up, TREE_NODES);
    let mut named = Vec::new();
    collect_ids(&below, &mut named);
    collect_ids(&above, &mut named);
    let listed: Vec<i64> = descendants.places.iter().map(|(city, _)| *city).collect();
    let (cards, points, cities) = tokio::try_join!(
        crate::initiatives::store::cards(db, &named, language),
        crate::initiatives::store::points_of(db, &descendants.on_map, language),
        city_names(db, &listed, language),
    )?;
    let cards: HashMap<i64, InitiativeCard> =
        cards.into_iter().map(|card| (card.id.0, card)).collect();
    Ok(Lineage {
        inspired: descendants.inspired,
        cities: descendants.cities,
        generations: descendants.generations,
        ancestors: named_tree(&above, &cards),
        descendants: named_tree(&below, &cards),
        places: descendants
            .places
            .iter()
            .filter_map(|(city, count)| {
                Some(LineagePlace {
                    place: cities.get(city)?.clone(),
                    count: *count,
                })
            })
            .collect(),
        points_json: serde_json::to_string(&points).map_err(|error| {
            tracing::error!(%error, "lineage points do not serialise");
            AppError::Internal
        })?,
        ..Default::default()
    })
}

/// What the lineage shows of the descendants, counted by the database: a walk can reach
/// 10,000 initiatives, and moving each of them to the app cost more than the walk itself.
#[derive(Debug, Default)]
struct Descendants {
    inspired: i64,
    generations: i64,
    cities: i64,
    /// (city, descendants there), most first, then by city; `PLACES` of them.
    places: Vec<(i64, i64)>,
    /// The first `MAP_POINTS` descendants with a city, nearest generations first.
    on_map: Vec<i64>,
}

/// `(kind, a, b, c)`: the totals (`0`, inspired, generations, cities), a place (`1`, city,
/// descendants there) or a map point (`2`, initiative, generation).
type SummaryRow = (i64, i64, i64, i64);

/// The published descendants of `id`, summed up in one walk.
async fn descendants(db: &Db, id: i64) -> Result<Descendants, AppError> {
    let sql = format!(
        "{DESCENDANTS}, \
         found(id, generation, city) AS MATERIALIZED (SELECT l.id, l.generation, i.city_id \
           FROM lineage l JOIN initiatives i ON i.id = l.id WHERE i.status = 'published'), \
         by_city(city, n) AS MATERIALIZED (SELECT city, COUNT(*) FROM found \
           WHERE city IS NOT NULL GROUP BY city) \
         SELECT CAST(0 AS BIGINT), COUNT(*), COALESCE(MAX(generation), 0), \
           (SELECT COUNT(*) FROM by_city) FROM found \
         UNION ALL SELECT * FROM (SELECT CAST(1 AS BIGINT), city, n, CAST(0 AS BIGINT) \
           FROM by_city ORDER BY n DESC, city LIMIT $3) places \
         UNION ALL SELECT * FROM (SELECT CAST(2 AS BIGINT), id, generation, CAST(0 AS BIGINT) \
           FROM found WHERE city IS NOT NULL ORDER BY generation, id LIMIT $4) points"
    );
    let rows = with_pool!(db, pool => sqlx::query_as::<_, SummaryRow>(&sql)
        .bind(id).bind(MAX_GENERATIONS).bind(PLACES as i64).bind(MAP_POINTS as i64)
        .fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(summed_up(rows))
}

fn summed_up(rows: Vec<SummaryRow>) -> Descendants {
    let mut summary = Descendants::default();
    let mut points = Vec::new();
    for (kind, a, b, c) in rows {
        match kind {
            0 => (summary.inspired, summary.generations, summary.cities) = (a, b, c),
            1 => summary.places.push((a, b)),
            _ => points.push((b, a)),
        }
    }
    // A union keeps no order: each part is sorted again.
    summary
        .places
        .sort_unstable_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    points.sort_unstable();
    summary.on_map = points.into_iter().map(|(_, id)| id).collect();
    summary
}

/// "City, Country" of each of `ids`.
async fn city_names(
    db: &Db,
    ids: &[i64],
    language: &str,
) -> Result<HashMap<i64, String>, AppError> {
    let mut names = HashMap::new();
    for chunk in ids.chunks(100) {
        let values: Vec<SqlValue> = chunk.iter().map(|id| SqlValue::Int(*id)).collect();
        let sql = format!(
            "SELECT id, name, country_code FROM cities WHERE id IN ({})",
            crate::initiatives::store::in_list(chunk.len(), 1)
        );
        let rows = with_pool!(db, pool => bind_values!(sqlx::query_as::<_, (i64, String, String)>(&sql), &values)
            .fetch_all(pool).await)
        .map_err(db_failed)?;
        for (id, name, code) in rows {
            let country = country_name(&code, language).unwrap_or(&code);
            names.insert(id, format!("{name}, {country}"));
        }
    }
    Ok(names)
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

/// `reach(ancestor, descendant)`: every pair joined by a path of confirmed links (the graph's
/// transitive closure, computed when asked: links change rarely, a table kept in step with
/// every decision and publication would be more code to get wrong).
const REACH: &str = "WITH RECURSIVE reach(ancestor, descendant) AS ( \
    SELECT source_initiative_id, target_initiative_id FROM inspiration_links \
    WHERE source_initiative_id IS NOT NULL AND status = 'confirmed' \
    UNION SELECT r.ancestor, l.target_initiative_id FROM reach r \
    JOIN inspiration_links l ON l.source_initiative_id = r.descendant AND l.status = 'confirmed') ";

/// (initiative, published descendants, their cities)
pub type CountRow = (i64, i64, i64);

/// Published initiatives by how many published initiatives they inspired (every generation),
/// most first; all that inspired one. `RankingCache` keeps the answer.
pub(super) async fn inspired_counts(db: &Db) -> Result<Vec<CountRow>, AppError> {
    let sql = format!(
        "{REACH} SELECT r.ancestor, COUNT(*), COUNT(DISTINCT d.city_id) FROM reach r \
         JOIN initiatives a ON a.id = r.ancestor JOIN initiatives d ON d.id = r.descendant \
         WHERE a.status = 'published' AND d.status = 'published' \
         GROUP BY r.ancestor ORDER BY COUNT(*) DESC, r.ancestor DESC"
    );
    with_pool!(db, pool => sqlx::query_as::<_, CountRow>(&sql).fetch_all(pool).await)
        .map_err(db_failed)
}

/// The `limit` most inspiring initiatives, named in `language`.
pub async fn most_inspiring(
    db: &Db,
    ranking: &RankingCache,
    limit: usize,
    language: &str,
) -> Result<Vec<Inspiring>, AppError> {
    let counts = ranking.counts(db).await?;
    let top = &counts[..limit.min(counts.len())];
    let ids: Vec<i64> = top.iter().map(|row| row.0).collect();
    let cards = crate::initiatives::store::cards(db, &ids, language).await?;
    Ok(top
        .iter()
        .filter_map(|&(id, inspired, cities)| {
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
pub async fn inspired_by_id(
    db: &Db,
    ranking: &RankingCache,
) -> Result<HashMap<i64, i64>, AppError> {
    Ok(ranking
        .counts(db)
        .await?
        .iter()
        .map(|&(id, inspired, _)| (id, inspired))
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
