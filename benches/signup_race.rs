//! The sign-up race: 500 members ask for a seat at a 50-seat event at the same moment, over
//! HTTP, against the release server binary (the one `cargo leptos build --release` makes and the
//! run command starts). Each member has a real session (created through the app's own session
//! code); every request is on its own connection, all released together by a barrier once
//! connected. Afterwards the database must hold exactly 50 confirmed seats and 450 waitlisted
//! sign-ups, every answer must be 200 and come within 2 seconds.
//!
//!     cargo leptos build --release
//!     cargo bench --features ssr --bench signup_race -- [--server PATH] [--requests 500] \
//!         [--seats 50] [--sqlite-only | --postgres-only]
//!
//! `--server` defaults to target/release/newcityzens (under CARGO_TARGET_DIR when set).
//! Prints, per database: confirmed, waitlisted, errors, latency p50/p95/max; exits with 1 when
//! any goal is missed.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use newcityzens::accounts::session;
use newcityzens::accounts::session::DbSessionStore;
use newcityzens::db::Db;
use newcityzens::events::store::{self as events, EventRecord};
use newcityzens::events::Format;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Barrier;

#[path = "support/mod.rs"]
mod support;

const DEADLINE: Duration = Duration::from_secs(2);

struct Settings {
    server: PathBuf,
    requests: usize,
    seats: i64,
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn settings(args: &[String]) -> Settings {
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| manifest_dir().join("target"));
    Settings {
        server: value("--server").map_or(target.join("release/newcityzens"), PathBuf::from),
        requests: value("--requests").map_or(500, |n| n.parse().unwrap()),
        seats: value("--seats").map_or(50, |n| n.parse().unwrap()),
    }
}

/// The organiser, the event (in the fixture gazetteer's first city, a week from now) and one
/// logged-in member a request; answers the event's id and the members' session cookies.
async fn prepare(db: &Db, settings: &Settings) -> (i64, Vec<String>) {
    let fixtures = manifest_dir().join("tests/fixtures/gazetteer");
    newcityzens::cities::gazetteer::import(db, &fixtures)
        .await
        .unwrap();
    let (city_id, latitude, longitude) = newcityzens::with_pool!(db, pool =>
        sqlx::query_as::<_, (i64, f64, f64)>("SELECT id, latitude, longitude FROM cities ORDER BY id LIMIT 1")
            .fetch_one(pool).await)
    .unwrap();
    let organiser = support::confirmed_account(db, "organiser", "organiser@example.org").await;
    let starts_at = time::OffsetDateTime::now_utc() + time::Duration::days(7);
    let record = EventRecord {
        title: "The race".into(),
        format: Format::InspirationCafe,
        description: String::new(),
        language: "en".into(),
        starts_at,
        ends_at: starts_at + time::Duration::hours(2),
        timezone: "UTC".into(),
        city_id,
        address: String::new(),
        latitude,
        longitude,
        online_url: String::new(),
        languages: vec!["en".into()],
        capacity: Some(settings.seats),
        max_party_size: 1,
        signup_deadline: None,
        accessibility: String::new(),
        co_organisers: Vec::new(),
        initiatives: Vec::new(),
        remind_at: None,
        day_id: None,
    };
    let now = time::OffsetDateTime::now_utc();
    let event = events::create(db, organiser, &record, now).await.unwrap();
    let store = Arc::new(DbSessionStore::new(db));
    let mut cookies = Vec::with_capacity(settings.requests);
    for n in 0..settings.requests {
        let member = support::confirmed_account(
            db,
            &format!("member{n}"),
            &format!("member{n}@example.org"),
        )
        .await;
        let session = tower_sessions::Session::new(None, store.clone(), None);
        session::log_in(&session, db, member).await.unwrap();
        session.save().await.unwrap();
        cookies.push(session.id().unwrap().to_string());
    }
    (event.0, cookies)
}

/// Starts the release server on `port` over `database_url`; waits until it answers.
async fn start_server(settings: &Settings, database_url: &str, port: u16) -> Child {
    let scratch = manifest_dir().join(format!("target/bench/race-{port}"));
    let mut child = Command::new(&settings.server)
        .arg("serve")
        .current_dir(manifest_dir())
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("SECURE_COOKIES", "false")
        .env("MEDIA_DIR", scratch.join("media"))
        .env("OUTBOX_DIR", scratch.join("outbox"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|error| {
            panic!(
                "{}: {error} (build it: cargo leptos build --release)",
                settings.server.display()
            )
        });
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if let Ok((status, _)) = exchange(
            port,
            "GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n",
        )
        .await
        {
            if status == 200 {
                return child;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not answer /healthz within 60 s");
}

/// Sends one raw HTTP/1.1 request on a new connection; answers the status and the body.
async fn exchange(port: u16, request: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    stream.write_all(request.as_bytes()).await?;
    read_answer(&mut stream).await
}

async fn read_answer(stream: &mut TcpStream) -> std::io::Result<(u16, String)> {
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

fn sign_up_request(port: u16, event: i64, cookie: &str) -> String {
    let body = format!("form%5Bevent%5D={event}&form%5Bparty_size%5D=1");
    format!(
        "POST /api/events/sign-up HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n\
         Cookie: ncz_session={cookie}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// Every member's request on its own connection, released together; (status, latency) each.
async fn race(port: u16, event: i64, cookies: Vec<String>) -> Vec<(u16, Duration)> {
    let barrier = Arc::new(Barrier::new(cookies.len()));
    let tasks: Vec<_> = cookies
        .into_iter()
        .map(|cookie| {
            let barrier = barrier.clone();
            tokio::spawn(async move {
                let request = sign_up_request(port, event, &cookie);
                let stream = TcpStream::connect(("127.0.0.1", port)).await;
                barrier.wait().await;
                let started = Instant::now();
                let status = match stream {
                    Ok(mut stream) => match stream.write_all(request.as_bytes()).await {
                        Ok(()) => read_answer(&mut stream)
                            .await
                            .map_or(0, |(status, _)| status),
                        Err(_) => 0,
                    },
                    Err(_) => 0,
                };
                (status, started.elapsed())
            })
        })
        .collect();
    let mut results = Vec::with_capacity(tasks.len());
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

/// (confirmed, waitlisted, other) sign-ups of `event`, and its seats taken.
async fn counts(db: &Db, event: i64) -> (i64, i64, i64, i64) {
    let rows = newcityzens::with_pool!(db, pool => sqlx::query_as::<_, (String, i64)>(
        "SELECT status, count(*) FROM event_signups WHERE event_id = $1 GROUP BY status")
        .bind(event).fetch_all(pool).await)
    .unwrap();
    let count = |wanted: &str| {
        rows.iter()
            .filter(|(status, _)| status == wanted)
            .map(|(_, n)| n)
            .sum::<i64>()
    };
    let other = rows.iter().map(|(_, n)| n).sum::<i64>() - count("confirmed") - count("waitlisted");
    let seats = newcityzens::with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT seats_taken FROM events WHERE id = $1").bind(event).fetch_one(pool).await)
    .unwrap();
    (count("confirmed"), count("waitlisted"), other, seats)
}

fn percentile(sorted: &[Duration], share: f64) -> Duration {
    let index = ((sorted.len() as f64 * share).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index]
}

/// Runs the race on `database_url`; answers whether every goal was met.
async fn measure(label: &str, database_url: &str, settings: &Settings, port: u16) -> bool {
    let db = Db::connect(database_url).await.unwrap();
    db.migrate().await.unwrap();
    let (event, cookies) = prepare(&db, settings).await;
    let mut server = start_server(settings, database_url, port).await;
    let results = race(port, event, cookies).await;
    server.kill().unwrap();
    server.wait().unwrap();
    let (confirmed, waitlisted, other, seats) = counts(&db, event).await;
    let errors = results.iter().filter(|(status, _)| *status != 200).count();
    let mut latencies: Vec<Duration> = results.iter().map(|(_, latency)| *latency).collect();
    latencies.sort();
    let max = *latencies.last().unwrap();
    println!(
        "{label}: {} requests for {} seats: {confirmed} confirmed, {waitlisted} waitlisted, {other} other, \
         seats_taken {seats}, {errors} errors; latency p50 {:?}, p95 {:?}, max {max:?}",
        settings.requests,
        settings.seats,
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.95),
    );
    let expected_waitlist = settings.requests as i64 - settings.seats;
    confirmed == settings.seats
        && seats == settings.seats
        && waitlisted == expected_waitlist
        && other == 0
        && errors == 0
        && max < DEADLINE
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let settings = settings(&args);
    let sqlite_only = args.iter().any(|a| a == "--sqlite-only");
    let postgres_only = args.iter().any(|a| a == "--postgres-only");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let met = runtime.block_on(async {
        let folder = manifest_dir().join("target/bench");
        std::fs::create_dir_all(&folder).unwrap();
        let mut met = true;
        if !postgres_only {
            let path = folder.join("race.db");
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            met &= measure(
                "SQLite",
                &format!("sqlite://{}", path.display()),
                &settings,
                3190,
            )
            .await;
        }
        if !sqlite_only {
            let admin_url = std::env::var("TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
            let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
            sqlx::query("DROP DATABASE IF EXISTS ncz_bench_race WITH (FORCE)")
                .execute(&admin)
                .await
                .unwrap();
            sqlx::query("CREATE DATABASE ncz_bench_race")
                .execute(&admin)
                .await
                .unwrap();
            admin.close().await;
            let base = admin_url
                .rsplit_once('/')
                .map_or(admin_url.as_str(), |(base, _)| base);
            met &= measure(
                "PostgreSQL",
                &format!("{base}/ncz_bench_race"),
                &settings,
                3191,
            )
            .await;
        }
        met
    });
    if !met {
        eprintln!("goal missed: exactly the seats confirmed, the rest waitlisted, no error, every answer within {DEADLINE:?}");
        std::process::exit(1);
    }
}
