//! (ssr) `newcityzens seed-demo`: well-known citizen initiatives from around the world, written in
//! our own words in English and French (some also in their original language), so that a first
//! visit shows a living site. Published under a team account nobody can log in to.
use super::{store, InitiativeForm, InitiativeId, InitiativeText, Intent, Status};
use crate::accounts::{password::StoredHash, store as accounts_store, AccountId, NewAccount};
use crate::cities::{split_city_label, store as cities};
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::with_pool;
use serde::Deserialize;
use std::collections::BTreeMap;

const DEMO: &str = include_str!("demo.json");
const TEAM_EMAIL: &str = "team@newcityzens.invalid";
/// Not a password hash: no password ever matches it.
const NO_PASSWORD: &str = "!";

#[derive(Deserialize)]
struct DemoText {
    title: String,
    summary: String,
    description: String,
}

#[derive(Deserialize)]
struct DemoInitiative {
    original: String,
    city: String,
    themes: Vec<String>,
    tags: String,
    founded_year: Option<i64>,
    founders: Vec<String>,
    website: String,
    texts: BTreeMap<String, DemoText>,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the demo data does not parse: {0}")]
    Data(#[from] serde_json::Error),
    #[error("the demo names a city missing from the gazetteer: {0} (import the cities first)")]
    UnknownCity(String),
    #[error("a demo initiative does not validate: {0}")]
    Invalid(String),
    #[error("the database refused the demo content (see the log)")]
    Database(#[from] AppError),
}

pub(crate) async fn team_account(db: &Db) -> Result<AccountId, AppError> {
    if let Some(id) = crate::admin::store::account_by_email(db, TEAM_EMAIL).await? {
        return Ok(id);
    }
    let team = NewAccount {
        display_name: "New CITYzens team".to_owned(),
        handle: Some("newcityzens-team".to_owned()),
        email: TEAM_EMAIL.to_owned(),
        password: String::new(),
        city: String::new(),
        language: Locale::en,
    };
    let no_password = StoredHash(NO_PASSWORD.to_owned());
    accounts_store::insert_account(
        db,
        &team,
        &no_password,
        accounts_store::EmailState::Confirmed,
    )
    .await
}

/// The published demo initiative with this title (in any of its languages).
pub(crate) async fn initiative_titled(
    db: &Db,
    title: &str,
) -> Result<Option<InitiativeId>, SeedError> {
    let id = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT i.id FROM initiatives i JOIN initiative_texts t ON t.initiative_id = i.id \
         WHERE t.title = $1 AND i.status = 'published' ORDER BY i.id LIMIT 1")
        .bind(title).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(id.map(InitiativeId))
}

async fn already_there(db: &Db, title: &str) -> Result<bool, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT count(*) FROM initiative_texts WHERE title = $1")
        .bind(title).fetch_one(pool).await)
    .map(|count| count > 0)
    .map_err(db_failed)
}

pub async fn published_count(db: &Db) -> Result<i64, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT count(*) FROM initiatives WHERE status = 'published'")
        .fetch_one(pool).await)
    .map_err(db_failed)
}

/// Publishes the demo initiatives that are not there yet; returns how many were added.
pub async fn seed(db: &Db) -> Result<usize, SeedError> {
    let demo: Vec<DemoInitiative> = serde_json::from_str(DEMO)?;
    let team = team_account(db).await?;
    let mut added = 0;
    for initiative in demo {
        if publish(db, team, initiative).await? {
            added += 1;
        }
    }
    Ok(added)
}

async fn publish(db: &Db, team: AccountId, demo: DemoInitiative) -> Result<bool, SeedError> {
    let original = demo
        .texts
        .get(&demo.original)
        .ok_or_else(|| SeedError::Invalid(format!("no {} text", demo.original)))?;
    if already_there(db, &original.title).await? {
        return Ok(false);
    }
    let input = InitiativeForm {
        language: demo.original.clone(),
        title: original.title.clone(),
        summary: original.summary.clone(),
        description: original.description.clone(),
        city: demo.city.clone(),
        themes: demo.themes,
        tags: demo.tags,
        founders: demo.founders.join("\n"),
        website: demo.website,
        founded_year: demo.founded_year.map(|y| y.to_string()).unwrap_or_default(),
        intent: Intent::Submit,
        ..Default::default()
    }
    .parse()
    .map_err(|error| SeedError::Invalid(format!("{}: {error:?}", original.title)))?;
    let (name, country) = split_city_label(&demo.city);
    let city = cities::resolve(db, name, country)
        .await?
        .ok_or_else(|| SeedError::UnknownCity(demo.city.clone()))?;
    let theme_ids = store::theme_ids(db, &input.themes)
        .await?
        .ok_or_else(|| SeedError::Invalid(format!("{}: unknown theme", original.title)))?;
    let resolved = store::ResolvedInput {
        input: &input,
        city: Some(&city),
        theme_ids: &theme_ids,
        inspiration: None,
    };
    let id = store::save(db, team, &resolved, Status::Submitted).await?;
    for (language, text) in &demo.texts {
        if *language != demo.original {
            let translation = InitiativeText {
                language: language.clone(),
                title: text.title.clone(),
                summary: text.summary.clone(),
                description: text.description.clone(),
            };
            store::save_translation(db, team, id, &translation).await?;
        }
    }
    store::set_status(
        db,
        team,
        id,
        (Status::Submitted, Status::Published),
        "",
        &[],
    )
    .await?;
    Ok(true)
}
