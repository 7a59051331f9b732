//! What the benches share: their accounts, a published initiative, the kept PostgreSQL database,
//! and the percentiles they print. (`#[path]`-included: each bench is a crate of its own, and
//! uses only some of it.)
#![allow(dead_code)]
use newcityzens::accounts::{password::StoredHash, store as accounts_store, AccountId, NewAccount};
use newcityzens::cities::City;
use newcityzens::db::Db;
use newcityzens::i18n::Locale;
use newcityzens::initiatives::{store, InitiativeForm, Intent, Status};
use std::time::Duration;

/// The account the bench's content is recorded by (made once).
pub async fn bench_account(db: &Db) -> AccountId {
    match newcityzens::admin::store::account_by_email(db, "bench@example.org")
        .await
        .unwrap()
    {
        Some(id) => id,
        None => confirmed_account(db, "Bench", "bench@example.org").await,
    }
}

/// A new confirmed account that cannot log in with a password (benches log in by session).
pub async fn confirmed_account(db: &Db, name: &str, email: &str) -> AccountId {
    accounts_store::insert_account(
        db,
        &NewAccount {
            display_name: name.into(),
            handle: None,
            email: email.into(),
            password: String::new(),
            city: String::new(),
            language: Locale::en,
        },
        &StoredHash("!".into()),
        accounts_store::EmailState::Confirmed,
    )
    .await
    .unwrap()
}

/// A published initiative of `spotter`'s titled `title`, on `theme`, in `city`, saved through
/// the site's own store.
pub async fn published_initiative(
    db: &Db,
    spotter: AccountId,
    title: &str,
    theme: &str,
    city: &City,
) -> i64 {
    let input = InitiativeForm {
        language: "en".into(),
        title: title.into(),
        summary: "Neighbours share what they have instead of buying it.".into(),
        description: "Started after a visit to one that worked elsewhere.".into(),
        city: city.label(),
        themes: vec![theme.into()],
        intent: Intent::Submit,
        ..Default::default()
    }
    .parse()
    .unwrap();
    let theme_ids = store::theme_ids(db, &[theme.to_owned()])
        .await
        .unwrap()
        .unwrap();
    let resolved = store::ResolvedInput {
        input: &input,
        city: Some(city),
        theme_ids: &theme_ids,
        inspiration: None,
    };
    store::save(db, spotter, &resolved, Status::Published)
        .await
        .unwrap()
        .0
}

/// The PostgreSQL database `name` (created when missing, kept for the next run), migrated;
/// its address too (without waiting for each commit's flush while filling).
pub async fn postgres_bench(name: &str) -> (Db, String) {
    let admin_url = std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
    let _ = sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await;
    admin.close().await;
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(base, _)| base);
    let url = format!("{base}/{name}?options=-c%20synchronous_commit%3Doff");
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    (db, url)
}

/// Autovacuum is off on these machines; a live server would have analysed by now.
pub async fn analyse(db: &Db) {
    newcityzens::with_pool!(db, pool => sqlx::query("VACUUM ANALYZE").execute(pool).await.map(|_| ()))
        .unwrap();
}

/// "SQLite: what: p50 …, p95 …, max … (N runs)", with `extra` after the count.
pub fn report(name: &str, what: &str, mut timings: Vec<Duration>, extra: &str) {
    timings.sort();
    let at = |share: f64| timings[((timings.len() as f64 * share) as usize).min(timings.len() - 1)];
    let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
    println!(
        "{name}: {what}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} runs{extra})",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(timings[timings.len() - 1]),
        timings.len()
    );
}
