//! (ssr) Calendar files and feeds: one event (`/events/{id}/calendar.ics`), the upcoming events
//! of a city (`/calendars/city/{id}/events.ics`), and a member's own events through a private
//! address (`/calendars/my/{token}/events.ics`). Public events only say what their page says
//! to anyone: never the online room's link, never a person's address.
use super::ics::{calendar, CalendarEvent};
use super::EventId;
use crate::accounts::AccountId;
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::server::state::AppState;
use crate::with_pool;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use rand::RngCore;
use time::OffsetDateTime;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/events/{id}/calendar.ics", get(one_event))
        .route("/calendars/city/{id}/events.ics", get(city_feed))
        .route("/calendars/my/{token}/events.ics", get(my_feed))
}

/// Events a feed keeps after they end, so that calendars do not lose them at once.
const FEED_KEEPS_DAYS: i64 = 30;

#[derive(Debug, Clone, sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    description: String,
    starts_at: OffsetDateTime,
    ends_at: OffsetDateTime,
    timezone: String,
    address: String,
    city: String,
    online: bool,
    latitude: f64,
    longitude: f64,
    organiser_name: String,
    organiser_handle: Option<String>,
    cancelled: bool,
    updated_at: OffsetDateTime,
}

fn select(condition: &str) -> String {
    let handle = crate::accounts::store::HANDLE_UNLESS_DELETED;
    format!(
        "SELECT e.id, e.title, e.description, e.starts_at, e.ends_at, e.timezone, e.address, \
         c.name AS city, e.online_url <> '' AS online, e.latitude, e.longitude, \
         a.display_name AS organiser_name, {handle} AS organiser_handle, \
         e.cancelled_at IS NOT NULL AS cancelled, e.updated_at \
         FROM events e JOIN cities c ON c.id = e.city_id JOIN accounts a ON a.id = e.organiser_id \
         WHERE {condition} ORDER BY e.starts_at, e.id"
    )
}

fn calendar_event(row: Row, link_to: &impl Fn(&str) -> String, host: &str) -> CalendarEvent {
    let url = link_to(&EventId(row.id).path());
    let place = [row.address.as_str(), row.city.as_str()]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let location = if row.online && row.address.is_empty() {
        format!("{place} (online)")
    } else {
        place
    };
    CalendarEvent {
        uid: format!("event-{}@{host}", row.id),
        title: row.title,
        description: format!("{}\n\n{url}", row.description).trim().to_owned(),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        timezone: row.timezone,
        location,
        latitude: row.latitude,
        longitude: row.longitude,
        organiser_uri: match &row.organiser_handle {
            Some(handle) => link_to(&crate::members::member_path(handle)),
            None => url.clone(),
        },
        organiser_name: row.organiser_name,
        url,
        cancelled: row.cancelled,
        updated_at: row.updated_at,
    }
}

/// The site's host name, for the events' UIDs ("event-42@newcityzens.org").
fn host_of(state: &AppState) -> String {
    let url = &state.config.public_url;
    let host = url.split("//").nth(1).unwrap_or(url);
    host.trim_end_matches('/').to_owned()
}

fn ics_answer(name: &str, body: String) -> Response {
    let disposition = format!("inline; filename=\"{name}.ics\"");
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, max-age=300".to_owned()),
        ],
        body,
    )
        .into_response()
}

fn refusal(error: AppError) -> Response {
    let status =
        StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(error)).into_response()
}

/// The events of `condition` (with `$1` bound to `key`) as a calendar named `name`.
async fn feed(state: &AppState, name: &str, condition: &str, key: i64) -> Result<String, AppError> {
    let now = OffsetDateTime::now_utc();
    let since = now - time::Duration::days(FEED_KEEPS_DAYS);
    let sql = select(&format!("{condition} AND e.ends_at >= $2"));
    let rows = with_pool!(&state.db, pool => sqlx::query_as::<_, Row>(&sql)
        .bind(key).bind(since).fetch_all(pool).await)
    .map_err(db_failed)?;
    let host = host_of(state);
    let link_to = |path: &str| state.config.link_to(path);
    let events: Vec<CalendarEvent> = rows
        .into_iter()
        .map(|row| calendar_event(row, &link_to, &host))
        .collect();
    Ok(calendar(name, &events, now))
}

async fn one_event(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return refusal(AppError::NotFound);
    };
    // Past events too: a file saved from an old page still opens.
    let sql = select("e.id = $1");
    let row = with_pool!(&state.db, pool => sqlx::query_as::<_, Row>(&sql).bind(id).fetch_optional(pool).await);
    match row {
        Ok(Some(row)) => {
            let host = host_of(&state);
            let link_to = |path: &str| state.config.link_to(path);
            let name = row.title.clone();
            let event = calendar_event(row, &link_to, &host);
            ics_answer(
                &format!("event-{id}"),
                calendar(&name, &[event], OffsetDateTime::now_utc()),
            )
        }
        Ok(None) => refusal(AppError::NotFound),
        Err(error) => refusal(db_failed(error)),
    }
}

async fn city_feed(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return refusal(AppError::NotFound);
    };
    let city = match crate::cities::store::get(&state.db, crate::cities::CityId(id)).await {
        Ok(Some(city)) => city,
        Ok(None) => return refusal(AppError::NotFound),
        Err(error) => return refusal(error),
    };
    let name = format!("New CITYzens · {}", city.label());
    match feed(&state, &name, "e.city_id = $1", id).await {
        Ok(body) => ics_answer(&format!("city-{id}"), body),
        Err(error) => refusal(error),
    }
}

async fn my_feed(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let account = match account_of_token(&state.db, &token).await {
        Ok(Some(account)) => account,
        Ok(None) => return refusal(AppError::NotFound),
        Err(error) => return refusal(error),
    };
    // Events the member comes to (or waits for), and those they organise.
    let condition = "(e.id IN (SELECT event_id FROM event_signups WHERE account_id = $1 \
         AND status IN ('confirmed', 'waitlisted', 'attended')) OR e.organiser_id = $1 \
         OR e.id IN (SELECT event_id FROM event_co_organisers WHERE account_id = $1))";
    match feed(&state, "New CITYzens", condition, account.0).await {
        Ok(body) => ics_answer("my-events", body),
        Err(error) => refusal(error),
    }
}

async fn account_of_token(db: &Db, token: &str) -> Result<Option<AccountId>, AppError> {
    let id = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT t.account_id FROM calendar_tokens t JOIN accounts a ON a.id = t.account_id \
         WHERE t.token = $1 AND a.deleted_at IS NULL")
        .bind(token).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(id.map(AccountId))
}

fn new_token() -> String {
    let mut bytes = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The member's feed token, made on first use; `renew` replaces it (the old address stops).
pub async fn token_of(db: &Db, member: AccountId, renew: bool) -> Result<String, AppError> {
    if !renew {
        let existing = with_pool!(db, pool => sqlx::query_scalar::<_, String>(
            "SELECT token FROM calendar_tokens WHERE account_id = $1").bind(member.0).fetch_optional(pool).await)
        .map_err(db_failed)?;
        if let Some(token) = existing {
            return Ok(token);
        }
    }
    let token = new_token();
    with_pool!(db, pool => sqlx::query(
        "INSERT INTO calendar_tokens (account_id, token, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (account_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at")
        .bind(member.0).bind(&token).bind(OffsetDateTime::now_utc()).execute(pool).await.map(|_| ()))
    .map_err(db_failed)?;
    Ok(token)
}
