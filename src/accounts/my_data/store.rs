//! The SQL of the export: the account's own row and the rows that point to it.
use super::{AccountData, ArrivalData, FounderData, PersonalData, SentMessageData};
use crate::accounts::{store::roles_of, AccountId};
use crate::db::rfc3339;
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::members::handle::handle_key;
use crate::with_pool;
use time::OffsetDateTime;

/// Everything kept about account `id`, names of places in `language`.
pub async fn my_data(db: &Db, id: AccountId, language: &str) -> Result<PersonalData, AppError> {
    Ok(PersonalData {
        exported_at: rfc3339(OffsetDateTime::now_utc()),
        account: account(db, id, language).await?,
        profile: crate::members::store::exported(db, id).await?,
        spotted_initiatives: crate::initiatives::store::spotted_by(db, id, language).await?,
        founder_of: founder_of(db, id).await?,
        arrivals: arrivals(db, id, language).await?,
        messages_sent: crate::messages::store::sent_by(db, id)
            .await?
            .into_iter()
            .map(|(to, sent_at, body)| SentMessageData { to, sent_at, body })
            .collect(),
        event_signups: crate::events::store::signups_of(db, id).await?,
        events_organised: crate::events::store::organised_by(db, id).await?,
    })
}

type AccountRow = (
    String,
    Option<OffsetDateTime>,
    String,
    String,
    Option<i64>,
    String,
    String,
    OffsetDateTime,
);

async fn account(db: &Db, id: AccountId, language: &str) -> Result<AccountData, AppError> {
    const SQL: &str = "SELECT email, email_confirmed_at, display_name, handle, city_id, city, \
        preferred_language, created_at FROM accounts WHERE id = $1 AND deleted_at IS NULL";
    let row = with_pool!(db, pool => sqlx::query_as::<_, AccountRow>(SQL)
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    let (
        email,
        confirmed_at,
        display_name,
        handle,
        city_id,
        typed_city,
        preferred_language,
        created_at,
    ) = row.ok_or(AppError::NotFound)?;
    let city = city_label(db, city_id, language)
        .await?
        .unwrap_or(typed_city);
    let current_key = handle_key(&handle);
    let former_handles = with_pool!(db, pool => sqlx::query_scalar::<_, String>(
        "SELECT handle_key FROM member_handles WHERE account_id = $1 ORDER BY handle_key")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?
    .into_iter()
    .filter(|key| *key != current_key)
    .collect();
    Ok(AccountData {
        email,
        email_confirmed_at: confirmed_at.map(rfc3339),
        display_name,
        handle,
        former_handles,
        city,
        preferred_language,
        permissions: roles_of(db, id)
            .await?
            .iter()
            .map(|role| role.as_str().to_owned())
            .collect(),
        created_at: rfc3339(created_at),
    })
}

async fn founder_of(db: &Db, id: AccountId) -> Result<Vec<FounderData>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (i64, String, bool)>(
        "SELECT initiative_id, name, confirmed FROM initiative_founders WHERE account_id = $1 \
         ORDER BY initiative_id, position")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(initiative_id, founder_name, confirmed)| FounderData {
            initiative_id,
            founder_name,
            confirmed,
        })
        .collect())
}

async fn arrivals(db: &Db, id: AccountId, language: &str) -> Result<Vec<ArrivalData>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (i64, OffsetDateTime)>(
        "SELECT city_id, arrived_at FROM member_arrivals WHERE account_id = $1 ORDER BY arrived_at")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    let mut arrivals = Vec::with_capacity(rows.len());
    for (city_id, arrived_at) in rows {
        arrivals.push(ArrivalData {
            city: city_label(db, Some(city_id), language)
                .await?
                .unwrap_or_default(),
            arrived_at: rfc3339(arrived_at),
        });
    }
    Ok(arrivals)
}

/// "Porto, Portugal", names in `language` when the gazetteer has them.
async fn city_label(db: &Db, id: Option<i64>, language: &str) -> Result<Option<String>, AppError> {
    let city = crate::members::store::city(db, id, language).await?;
    Ok(city.map(|city| city.label()))
}
