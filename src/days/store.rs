//! (ssr) The SQL of New CITYzens Days.
use super::form::{DayInput, DayTexts};
use super::{DayCard, DayEvent, DayForm, DayId, DayTextsForm, DayTotals};
use crate::accounts::AccountId;
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::{in_write_transaction, with_pool};
use time::{Date, OffsetDateTime};

/// Inserts or replaces the texts of `$day` in `$texts.language`, in `$tx`.
macro_rules! put_texts {
    ($tx:expr, $day:expr, $texts:expr) => {{
        let (day, texts): (i64, &DayTexts) = ($day, $texts);
        sqlx::query(
            "INSERT INTO ncz_day_texts (day_id, language, name, call_text, what_to_do, what_to_bring, \
             programme, poster) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (day_id, language) DO UPDATE SET name = excluded.name, \
             call_text = excluded.call_text, what_to_do = excluded.what_to_do, \
             what_to_bring = excluded.what_to_bring, programme = excluded.programme, poster = excluded.poster")
        .bind(day).bind(&texts.language).bind(&texts.name).bind(&texts.call_text)
        .bind(&texts.what_to_do).bind(&texts.what_to_bring).bind(&texts.programme).bind(&texts.poster)
        .execute(&mut *$tx).await.map_err(db_failed)?;
    }};
}

pub async fn create(
    db: &Db,
    input: &DayInput,
    by: AccountId,
    now: OffsetDateTime,
) -> Result<DayId, AppError> {
    let id = in_write_transaction!(db, tx => {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO ncz_days (day_date, initiative_id, original_language, call_open, created_by, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id")
            .bind(input.date).bind(input.initiative).bind(&input.texts.language)
            .bind(input.call_open).bind(by.0).bind(now)
            .fetch_one(&mut *tx).await.map_err(db_failed)?;
        put_texts!(tx, id, &input.texts);
        id
    });
    Ok(DayId(id))
}

/// Saves an edited Day; its texts become the original ones in their language.
pub async fn update(
    db: &Db,
    id: DayId,
    input: &DayInput,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    in_write_transaction!(db, tx => {
        sqlx::query(
            "UPDATE ncz_days SET day_date = $2, initiative_id = $3, original_language = $4, \
             call_open = $5, updated_at = $6 WHERE id = $1")
            .bind(id.0).bind(input.date).bind(input.initiative).bind(&input.texts.language)
            .bind(input.call_open).bind(now)
            .execute(&mut *tx).await.map_err(db_failed)?;
        put_texts!(tx, id.0, &input.texts);
    });
    Ok(())
}

pub async fn save_translation(db: &Db, id: DayId, texts: &DayTexts) -> Result<(), AppError> {
    in_write_transaction!(db, tx => {
        put_texts!(tx, id.0, texts);
    });
    Ok(())
}

/// What every check about a Day needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayHeading {
    pub date: Date,
    pub initiative: i64,
    pub call_open: bool,
    pub original_language: String,
}

pub async fn heading(db: &Db, id: DayId) -> Result<Option<DayHeading>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (Date, i64, bool, String)>(
        "SELECT day_date, initiative_id, call_open, original_language FROM ncz_days WHERE id = $1")
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(row.map(
        |(date, initiative, call_open, original_language)| DayHeading {
            date,
            initiative,
            call_open,
            original_language,
        },
    ))
}

/// (language, name, call, what to do, what to bring, programme, poster)
type TextsRow = (String, String, String, String, String, String, String);

/// A Day's texts in every language it has, the original first.
pub async fn texts(db: &Db, id: DayId) -> Result<Vec<DayTexts>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, TextsRow>(
        "SELECT t.language, t.name, t.call_text, t.what_to_do, t.what_to_bring, t.programme, t.poster \
         FROM ncz_day_texts t JOIN ncz_days d ON d.id = t.day_id WHERE t.day_id = $1 \
         ORDER BY t.language <> d.original_language, t.language")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(
            |(language, name, call_text, what_to_do, what_to_bring, programme, poster)| DayTexts {
                language,
                name,
                call_text,
                what_to_do,
                what_to_bring,
                programme,
                poster,
            },
        )
        .collect())
}

/// The texts in `language` when the Day has them, else the original ones.
pub fn texts_in(texts: Vec<DayTexts>, language: &str) -> Option<DayTexts> {
    let position = texts
        .iter()
        .position(|texts| texts.language == language)
        .unwrap_or(0);
    texts.into_iter().nth(position)
}

pub fn texts_form(texts: DayTexts) -> DayTextsForm {
    DayTextsForm {
        language: texts.language,
        name: texts.name,
        call_text: texts.call_text,
        what_to_do: texts.what_to_do,
        what_to_bring: texts.what_to_bring,
        programme: texts.programme,
        poster: texts.poster,
    }
}

/// The Day as its edit form shows it (the original texts).
pub async fn editable(db: &Db, id: DayId) -> Result<Option<DayForm>, AppError> {
    let Some(day) = heading(db, id).await? else {
        return Ok(None);
    };
    let texts = texts_in(texts(db, id).await?, &day.original_language)
        .map(texts_form)
        .unwrap_or_default();
    Ok(Some(DayForm {
        id: id.0.to_string(),
        date: crate::validation::date_field(day.date),
        initiative: day.initiative.to_string(),
        call_open: day.call_open.then(|| "on".to_owned()),
        texts,
    }))
}

/// (event, title, city, city name, country code, zone, latitude, longitude, seats taken,
/// capacity, cancelled)
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub title: String,
    pub city_id: i64,
    pub city_name: String,
    pub country_code: String,
    pub timezone: String,
    pub latitude: f64,
    pub longitude: f64,
    pub seats_taken: i64,
    pub capacity: Option<i64>,
    pub cancelled: bool,
}

/// The events of a Day with their cities, by city then start.
pub async fn events(db: &Db, id: DayId) -> Result<Vec<EventRow>, AppError> {
    with_pool!(db, pool => sqlx::query_as::<_, EventRow>(
        "SELECT e.id, e.title, c.id AS city_id, c.name AS city_name, c.country_code, c.timezone, \
         e.latitude, e.longitude, e.seats_taken, e.capacity, e.cancelled_at IS NOT NULL AS cancelled \
         FROM events e JOIN cities c ON c.id = e.city_id WHERE e.day_id = $1 \
         ORDER BY c.name, c.id, e.starts_at, e.id")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)
}

/// How many events not cancelled the Day has.
pub async fn live_events(db: &Db, id: DayId) -> Result<i64, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM events WHERE day_id = $1 AND cancelled_at IS NULL")
        .bind(id.0).fetch_one(pool).await)
    .map_err(db_failed)
}

/// The outcomes the Day's events recorded: (event, attendance, ideas as Markdown).
pub async fn outcomes(db: &Db, id: DayId) -> Result<Vec<(i64, i64, String)>, AppError> {
    with_pool!(db, pool => sqlx::query_as::<_, (i64, i64, String)>(
        "SELECT o.event_id, o.attendance, o.ideas FROM event_outcomes o \
         JOIN events e ON e.id = o.event_id WHERE e.day_id = $1")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)
}

/// The published initiatives started at the Day's events (confirmed links): (event, initiative).
pub async fn started(db: &Db, id: DayId) -> Result<Vec<(i64, i64)>, AppError> {
    with_pool!(db, pool => sqlx::query_as::<_, (i64, i64)>(
        "SELECT DISTINCT l.via_event_id, l.target_initiative_id FROM inspiration_links l \
         JOIN events e ON e.id = l.via_event_id JOIN initiatives i ON i.id = l.target_initiative_id \
         WHERE e.day_id = $1 AND l.status = 'confirmed' AND i.status = 'published' \
         ORDER BY l.target_initiative_id")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)
}

/// The totals of `events` (cancelled ones left out).
pub fn totals(events: &[EventRow]) -> DayTotals {
    let live: Vec<&EventRow> = events.iter().filter(|event| !event.cancelled).collect();
    let mut cities: Vec<i64> = live.iter().map(|event| event.city_id).collect();
    cities.sort_unstable();
    cities.dedup();
    let mut countries: Vec<&str> = live
        .iter()
        .map(|event| event.country_code.as_str())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    DayTotals {
        cities: cities.len() as i64,
        countries: countries.len() as i64,
        events: live.len() as i64,
        signed_up: live.iter().map(|event| event.seats_taken).sum(),
    }
}

/// An event of the Day as its page lists it, with what it recorded.
pub fn day_event(
    row: &EventRow,
    outcomes: &[(i64, i64, String)],
    started: Vec<crate::inspiration::LinkEnd>,
) -> DayEvent {
    let outcome = outcomes.iter().find(|outcome| outcome.0 == row.id);
    DayEvent {
        id: row.id,
        title: row.title.clone(),
        signed_up: row.seats_taken,
        capacity: row.capacity,
        cancelled: row.cancelled,
        attendance: outcome.map(|outcome| outcome.1),
        ideas_html: outcome
            .map(|outcome| crate::text::markdown::to_safe_html(&outcome.2))
            .unwrap_or_default(),
        started,
    }
}

/// (day, date, name in the reader's language or the original, initiative, cities, events)
#[derive(Debug, Clone, sqlx::FromRow)]
struct CardRow {
    id: i64,
    day_date: Date,
    name: String,
    initiative_id: i64,
    cities: i64,
    events: i64,
}

/// Days from `from` on (soonest first) or before it (latest first), with their counts.
pub async fn cards(
    db: &Db,
    from: Date,
    upcoming: bool,
    limit: i64,
    language: &str,
) -> Result<Vec<DayCard>, AppError> {
    let (compare, order) = if upcoming {
        (">=", "ASC")
    } else {
        ("<", "DESC")
    };
    let sql = format!(
        "SELECT d.id, d.day_date, COALESCE(\
           (SELECT name FROM ncz_day_texts WHERE day_id = d.id AND language = $2), \
           (SELECT name FROM ncz_day_texts WHERE day_id = d.id AND language = d.original_language)) AS name, \
         d.initiative_id, \
         (SELECT COUNT(DISTINCT city_id) FROM events WHERE day_id = d.id AND cancelled_at IS NULL) AS cities, \
         (SELECT COUNT(*) FROM events WHERE day_id = d.id AND cancelled_at IS NULL) AS events \
         FROM ncz_days d WHERE d.day_date {compare} $1 ORDER BY d.day_date {order}, d.id {order} LIMIT $3"
    );
    let rows = with_pool!(db, pool => sqlx::query_as::<_, CardRow>(&sql)
        .bind(from).bind(language).bind(limit).fetch_all(pool).await)
    .map_err(db_failed)?;
    let ids: Vec<i64> = rows.iter().map(|row| row.initiative_id).collect();
    let initiatives = crate::initiatives::store::cards(db, &ids, language).await?;
    Ok(rows
        .into_iter()
        .map(|row| DayCard {
            id: DayId(row.id),
            date: crate::validation::date_field(row.day_date),
            name: row.name,
            initiative: initiatives
                .iter()
                .find(|card| card.id.0 == row.initiative_id)
                .map(|card| card.title.clone())
                .unwrap_or_default(),
            cities: row.cities,
            events: row.events,
        })
        .collect())
}

/// The Day an event belongs to, if any.
pub async fn day_of_event(db: &Db, event: i64) -> Result<Option<DayId>, AppError> {
    let day = with_pool!(db, pool => sqlx::query_scalar::<_, Option<i64>>(
        "SELECT day_id FROM events WHERE id = $1").bind(event).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(day.flatten().map(DayId))
}

/// A Day's name in `language` (or its original one).
pub async fn name_in(db: &Db, id: DayId, language: &str) -> Result<Option<String>, AppError> {
    Ok(texts_in(texts(db, id).await?, language).map(|texts| texts.name))
}
