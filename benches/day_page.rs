//! A New CITYzens Day with 500 participating cities (the gazetteer's 500 biggest, one event
//! each with sign-ups, half of them with a recorded outcome), then the Day's page rendered on
//! the server through the app's router, in-process, as a browser asks for it (`GET /days/<id>`,
//! HTML), and the minute refresh (`/api/days/progress`); prints p50/p95/max per database.
//!
//!     cargo bench --features ssr --bench day_page -- [--sqlite-only | --postgres-only]
//!
//! The databases are kept (target/bench/day.db, PostgreSQL database ncz_bench_day) and reused.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use newcityzens::cities::{gazetteer, CityId};
use newcityzens::db::Db;
use newcityzens::events::store::{self as events, EventRecord};
use newcityzens::events::Format;
use std::time::{Duration, Instant};
use tower::ServiceExt;

#[path = "support/mod.rs"]
mod support;

const CITIES: i64 = 500;
const RUNS: usize = 50;
const DAY_NAME: &str = "Bench Day";

/// The Day, created with its events unless it is there.
async fn fill(db: &Db) -> i64 {
    let existing: Option<i64> = newcityzens::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT day_id FROM ncz_day_texts WHERE name = $1").bind(DAY_NAME).fetch_optional(pool).await)
    .unwrap();
    if let Some(day) = existing {
        return day;
    }
    let started = Instant::now();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(gazetteer::DEFAULT_DIR);
    gazetteer::import_if_empty(db, &dir).await.unwrap();
    let team = support::bench_account(db).await;
    let cities: Vec<i64> = newcityzens::with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM cities ORDER BY population DESC, id LIMIT $1").bind(CITIES).fetch_all(pool).await)
    .unwrap();
    let first = newcityzens::cities::store::get(db, CityId(cities[0]))
        .await
        .unwrap()
        .unwrap();
    let initiative =
        support::published_initiative(db, team, "Seed library", "food_gardens", &first).await;
    let now = time::OffsetDateTime::now_utc();
    let date = (now + time::Duration::days(20)).date();
    let day = newcityzens::with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "INSERT INTO ncz_days (day_date, initiative_id, original_language, call_open, created_by, created_at, updated_at) \
         VALUES ($1, $2, 'en', TRUE, $3, $4, $4) RETURNING id")
        .bind(date).bind(initiative).bind(team.0).bind(now).fetch_one(pool).await)
    .unwrap();
    newcityzens::with_pool!(db, pool => sqlx::query(
        "INSERT INTO ncz_day_texts (day_id, language, name, call_text, what_to_do, what_to_bring, programme, poster) \
         VALUES ($1, 'en', $2, 'Open a seed library for one day.', 'Find a drawer and **seeds**.', '- envelopes', '- 10:00 swap', 'Free seeds!')")
        .bind(day).bind(DAY_NAME).execute(pool).await.map(|_| ()))
    .unwrap();
    for (position, city) in cities.iter().enumerate() {
        let city = newcityzens::cities::store::get(db, CityId(*city))
            .await
            .unwrap()
            .unwrap();
        let starts_at = date.midnight().assume_utc() + time::Duration::hours(10);
        let record = EventRecord {
            title: format!("{DAY_NAME} — {}", city.name),
            format: Format::ActionDay,
            description: "Seeds for everyone.".into(),
            language: "en".into(),
            starts_at,
            ends_at: starts_at + time::Duration::hours(6),
            timezone: city.timezone.clone(),
            city_id: city.id.0,
            address: "The library".into(),
            latitude: city.latitude,
            longitude: city.longitude,
            online_url: String::new(),
            languages: vec!["en".into()],
            capacity: Some(50),
            max_party_size: 2,
            signup_deadline: None,
            accessibility: String::new(),
            co_organisers: Vec::new(),
            initiatives: vec![initiative],
            remind_at: None,
            day_id: Some(day),
        };
        let event = events::create(db, team, &record, now).await.unwrap();
        let seats = (position % 40) as i64;
        newcityzens::with_pool!(db, pool => sqlx::query("UPDATE events SET seats_taken = $1 WHERE id = $2")
            .bind(seats).bind(event.0).execute(pool).await.map(|_| ()))
        .unwrap();
        if position % 2 == 0 {
            let outcome = newcityzens::events::outcome::OutcomeInput {
                attendance: seats,
                ideas: "A seed drawer at the **school**, and a swap every spring.".into(),
                roadmap: String::new(),
                projects: String::new(),
            };
            newcityzens::events::outcome::store::save(db, event, &outcome, team, now)
                .await
                .unwrap();
        }
    }
    eprintln!(
        "  {CITIES} cities filled in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    day
}

async fn timed(router: &axum::Router, path: &str, accept: &str) -> (Duration, usize) {
    let request = Request::get(path)
        .header(header::ACCEPT, accept)
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::empty())
        .unwrap();
    let started = Instant::now();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let elapsed = started.elapsed();
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    (elapsed, body.len())
}

async fn measure(name: &str, db: Db, url: String) {
    let day = fill(&db).await;
    let config = newcityzens::server::config::Config::from_lookup(
        |name| (name == "DATABASE_URL").then(|| url.clone()),
        "127.0.0.1:3000".parse().unwrap(),
    )
    .unwrap();
    let mut options = leptos::config::get_configuration(Some("Leptos.toml"))
        .unwrap()
        .leptos_options;
    options.hash_files = false;
    let search = std::sync::Arc::<newcityzens::initiatives::search::SearchCache>::default();
    let router = newcityzens::server::build_router_with_search(db, config, options, search).await;
    let page = format!("/days/{day}");
    let (_, bytes) = timed(&router, &page, "text/html").await;
    let check = Request::get(&page)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    let html = router
        .clone()
        .oneshot(check)
        .await
        .unwrap()
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes();
    let cities = String::from_utf8_lossy(&html).matches("<h3>").count();
    assert!(cities >= CITIES as usize, "the page lists {cities} cities");
    for (what, path, accept) in [
        ("Day page, server-rendered HTML", page.clone(), "text/html"),
        (
            "minute refresh (/api/days/progress)",
            format!("/api/days/progress?id={day}&language=en"),
            "application/json",
        ),
    ] {
        let mut timings = Vec::with_capacity(RUNS);
        let mut size = bytes;
        for _ in 0..RUNS {
            let (elapsed, length) = timed(&router, &path, accept).await;
            timings.push(elapsed);
            size = length;
        }
        support::report(name, what, timings, &format!(", {} KB", size / 1024));
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
            let url = format!("sqlite://{}/day.db", folder.display());
            let sqlite = Db::connect(&url).await.unwrap();
            sqlite.migrate().await.unwrap();
            measure("SQLite", sqlite, url).await;
        }
        if sqlite_only {
            return;
        }
        let (postgres, url) = support::postgres_bench("ncz_bench_day").await;
        fill(&postgres).await;
        support::analyse(&postgres).await;
        measure("PostgreSQL", postgres, url).await;
    });
}
