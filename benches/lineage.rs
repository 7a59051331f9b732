//! The inspiration graph under load: one root initiative with 10,000 published descendants over
//! 6 generations (each initiative of generations 1-4 inspired 5, generation 5 inspired the rest;
//! one in ten also names a second parent of the generation above, so the graph has diamonds),
//! spread over the gazetteer's 2,000 biggest cities. Then, in-process, the lineage the
//! initiative page shows (`inspiration::graph::lineage`: counts, cities, the tree, the map's
//! 300 points, each named), for the root and for a generation-2 initiative, and the "most
//! inspiring" ranking of the home page, counted afresh and as kept between changes; prints
//! p50/p95/max per database.
//!
//!     cargo bench --features ssr --bench lineage -- [--sqlite-only | --postgres-only]
//!
//! The databases are kept (target/bench/lineage.db, PostgreSQL database ncz_bench_lineage) and
//! reused by the next run.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use newcityzens::accounts::AccountId;
use newcityzens::cities::{gazetteer, CityId};
use newcityzens::db::Db;
use newcityzens::inspiration::{graph, ranking::RankingCache};
use rand::{rngs::StdRng, Rng, SeedableRng};
use std::time::Instant;

#[path = "support/mod.rs"]
mod support;

const DESCENDANTS: usize = 10_000;
const GENERATIONS: usize = 6;
const CHILDREN: usize = 5;
const RUNS: usize = 50;

async fn link(db: &Db, source: i64, target: i64, by: AccountId) {
    let now = time::OffsetDateTime::now_utc();
    newcityzens::with_pool!(db, pool => sqlx::query(
        "INSERT INTO inspiration_links (source_initiative_id, target_initiative_id, proposed_by, \
         status, decided_by, decided_at, created_at) VALUES ($1, $2, $3, 'confirmed', $3, $4, $4)")
        .bind(source).bind(target).bind(by.0).bind(now).execute(pool).await.map(|_| ()))
    .unwrap();
}

/// Builds the graph unless it is there; returns the root and a generation-2 initiative.
async fn fill(db: &Db) -> (i64, i64) {
    let existing: Option<i64> = newcityzens::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT i.id FROM initiatives i JOIN initiative_texts t ON t.initiative_id = i.id \
         WHERE t.title = 'Tool library number 0'").fetch_optional(pool).await)
    .unwrap();
    let started = Instant::now();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(gazetteer::DEFAULT_DIR);
    gazetteer::import_if_empty(db, &dir).await.unwrap();
    let cities: Vec<i64> = newcityzens::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM cities ORDER BY population DESC, id LIMIT 2000").fetch_all(pool).await)
    .unwrap();
    let mut city_cache: std::collections::HashMap<i64, newcityzens::cities::City> =
        std::collections::HashMap::new();
    let by = support::bench_account(db).await;
    let mut rng = StdRng::seed_from_u64(7);
    if let Some(root) = existing {
        let second: i64 = newcityzens::with_pool!(db, pool => sqlx::query_scalar(
            "SELECT i.id FROM initiatives i JOIN initiative_texts t ON t.initiative_id = i.id \
             WHERE t.title = 'Tool library number 6'").fetch_one(pool).await)
        .unwrap();
        return (root, second);
    }
    let mut number = 0;
    let mut new_initiative = async |rng: &mut StdRng, number: usize| {
        let city = cities[rng.gen_range(0..cities.len())];
        let value = match city_cache.get(&city) {
            Some(value) => value.clone(),
            None => {
                let value = newcityzens::cities::store::get(db, CityId(city))
                    .await
                    .unwrap()
                    .unwrap();
                city_cache.insert(city, value.clone());
                value
            }
        };
        support::published_initiative(
            db,
            by,
            &format!("Tool library number {number}"),
            "solidarity",
            &value,
        )
        .await
    };
    let root = new_initiative(&mut rng, number).await;
    let mut generation = vec![root];
    let mut second = 0;
    let mut total = 0;
    for depth in 1..=GENERATIONS {
        let mut next = Vec::new();
        let left = DESCENDANTS - total;
        let per_parent = if depth == GENERATIONS {
            left.div_ceil(generation.len())
        } else {
            CHILDREN
        };
        'parents: for (position, parent) in generation.iter().enumerate() {
            for _ in 0..per_parent {
                if total == DESCENDANTS {
                    break 'parents;
                }
                number += 1;
                let child = new_initiative(&mut rng, number).await;
                link(db, *parent, child, by).await;
                if generation.len() > 1 && rng.gen_bool(0.1) {
                    let other = generation[(position + 1) % generation.len()];
                    link(db, other, child, by).await;
                }
                next.push(child);
                total += 1;
                if depth == 2 && second == 0 {
                    second = child;
                }
            }
        }
        eprintln!(
            "  generation {depth}: {} initiatives ({:.0} s)",
            next.len(),
            started.elapsed().as_secs_f64()
        );
        generation = next;
    }
    (root, second)
}

async fn measure(name: &str, db: &Db) {
    let (root, second) = fill(db).await;
    let lineage = graph::lineage(db, root, "en").await.unwrap();
    assert_eq!(
        lineage.inspired, DESCENDANTS as i64,
        "the root's lineage counts every descendant"
    );
    assert_eq!(lineage.generations, GENERATIONS as i64);
    println!(
        "{name}: root {root}: {} descendants in {} cities over {} generations",
        lineage.inspired, lineage.cities, lineage.generations
    );
    for (what, id) in [
        ("lineage of the root", root),
        ("lineage of a generation-2 initiative", second),
    ] {
        let mut timings = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let started = Instant::now();
            graph::lineage(db, id, "en").await.unwrap();
            timings.push(started.elapsed());
        }
        support::report(name, what, timings, "");
    }
    // Counted afresh (a link or a publication changed since the last visit), then as an
    // instance keeps it between changes.
    let kept = RankingCache::default();
    for (what, fresh) in [("counted", true), ("kept", false)] {
        let mut timings = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let new_cache = RankingCache::default();
            let ranking = if fresh { &new_cache } else { &kept };
            let started = Instant::now();
            let top = graph::most_inspiring(db, ranking, 5, "en").await.unwrap();
            timings.push(started.elapsed());
            assert_eq!(top[0].end.id, root);
        }
        support::report(name, &format!("most inspiring, {what}"), timings, "");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sqlite_only = args.iter().any(|a| a == "--sqlite-only");
    let postgres_only = args.iter().any(|a| a == "--postgres-only");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        if !postgres_only {
            let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
            std::fs::create_dir_all(&folder).unwrap();
            let sqlite = Db::connect(&format!("sqlite://{}/lineage.db", folder.display()))
                .await
                .unwrap();
            sqlite.migrate().await.unwrap();
            measure("SQLite", &sqlite).await;
        }
        if sqlite_only {
            return;
        }
        let (postgres, _) = support::postgres_bench("ncz_bench_lineage").await;
        fill(&postgres).await;
        support::analyse(&postgres).await;
        measure("PostgreSQL", &postgres).await;
    });
}
