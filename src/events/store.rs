//! (ssr) The SQL of events: writing them, reading them for pages and lists. Seats and sign-ups
//! are in `signups.rs`.
use super::signups::{lock_clause, Attendee, ATTENDEE_SELECT};
use super::zones::{event_time, for_reader, wall_clock};
use super::{
    EventCard, EventDetail, EventForm, EventId, EventList, Format, MySignup, Person, SignupStatus,
    PAGE_SIZE,
};
use crate::accounts::AccountId;
use crate::db::{db_failed, Db, SqlValue};
use crate::error::{AppError, ErrorCode};
use crate::initiatives::store::in_list;
use crate::server::mail::Mail;
use crate::{bind_values, enqueue_mail, in_write_transaction, promote_waitlist, with_pool};
use time::OffsetDateTime;

/// An event ready to be stored: city, zone, people and initiatives resolved, times in UTC.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub title: String,
    pub format: Format,
    pub description: String,
    pub language: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub timezone: String,
    pub city_id: i64,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
    pub online_url: String,
    pub languages: Vec<String>,
    pub capacity: Option<i64>,
    pub max_party_size: i64,
    pub signup_deadline: Option<OffsetDateTime>,
    pub accessibility: String,
    pub co_organisers: Vec<AccountId>,
    pub initiatives: Vec<i64>,
    pub remind_at: Option<OffsetDateTime>,
    /// The New CITYzens Day it is its city's part of.
    pub day_id: Option<i64>,
}

/// Replaces the languages, co-organisers and deck of `$event` with `$record`'s, in `$tx`.
macro_rules! replace_event_lists {
    ($tx:expr, $event:expr, $record:expr) => {{
        let (event, record): (i64, &EventRecord) = ($event, $record);
        for table in ["event_languages", "event_co_organisers", "event_initiatives"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE event_id = $1"))
                .bind(event).execute(&mut *$tx).await.map_err(db_failed)?;
        }
        for (position, language) in record.languages.iter().enumerate() {
            sqlx::query("INSERT INTO event_languages (event_id, language, position) VALUES ($1, $2, $3)")
                .bind(event).bind(language).bind(position as i64)
                .execute(&mut *$tx).await.map_err(db_failed)?;
        }
        for member in &record.co_organisers {
            sqlx::query("INSERT INTO event_co_organisers (event_id, account_id) VALUES ($1, $2)")
                .bind(event).bind(member.0).execute(&mut *$tx).await.map_err(db_failed)?;
        }
        for (position, initiative) in record.initiatives.iter().enumerate() {
            sqlx::query("INSERT INTO event_initiatives (event_id, initiative_id, position) VALUES ($1, $2, $3)")
                .bind(event).bind(initiative).bind(position as i64)
                .execute(&mut *$tx).await.map_err(db_failed)?;
        }
    }};
}

pub async fn create(
    db: &Db,
    organiser: AccountId,
    record: &EventRecord,
    now: OffsetDateTime,
) -> Result<EventId, AppError> {
    let id = in_write_transaction!(db, tx => {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO events (organiser_id, title, format, description, language, starts_at, ends_at, \
             timezone, city_id, address, latitude, longitude, online_url, capacity, max_party_size, \
             signup_deadline, accessibility, remind_at, day_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $20, $19, $19) \
             RETURNING id")
            .bind(organiser.0).bind(&record.title).bind(record.format.as_str()).bind(&record.description)
            .bind(&record.language).bind(record.starts_at).bind(record.ends_at).bind(&record.timezone)
            .bind(record.city_id).bind(&record.address).bind(record.latitude).bind(record.longitude)
            .bind(&record.online_url).bind(record.capacity).bind(record.max_party_size)
            .bind(record.signup_deadline).bind(&record.accessibility).bind(record.remind_at).bind(now)
            .bind(record.day_id)
            .fetch_one(&mut *tx).await.map_err(db_failed)?;
        replace_event_lists!(tx, id, record);
        id
    });
    Ok(EventId(id))
}

/// Saves an edited event. A capacity below the seats taken is refused; a raised one promotes
/// the waitlist (each promoted person gets `promoted_mail`); a moved start sends the reminder
/// again before the new one.
pub async fn update(
    db: &Db,
    id: EventId,
    record: &EventRecord,
    now: OffsetDateTime,
    promoted_mail: impl Fn(&Attendee) -> Mail,
) -> Result<Vec<Attendee>, AppError> {
    let lock = format!(
        "SELECT seats_taken, cancelled_at IS NOT NULL, starts_at FROM events WHERE id = $1{}",
        lock_clause(db)
    );
    let promoted = in_write_transaction!(db, tx => {
        let (seats_taken, cancelled, starts_at) = sqlx::query_as::<_, (i64, bool, OffsetDateTime)>(&lock)
            .bind(id.0).fetch_optional(&mut *tx).await.map_err(db_failed)?
            .ok_or(AppError::NotFound)?;
        if cancelled {
            return Err(AppError::EventCancelled);
        }
        if record.capacity.is_some_and(|capacity| capacity < seats_taken) {
            return Err(AppError::field("capacity", ErrorCode::CapacityBelowSeats));
        }
        let start_moved = starts_at != record.starts_at;
        sqlx::query(
            "UPDATE events SET title = $2, format = $3, description = $4, language = $5, starts_at = $6, \
             ends_at = $7, timezone = $8, city_id = $9, address = $10, latitude = $11, longitude = $12, \
             online_url = $13, capacity = $14, max_party_size = $15, signup_deadline = $16, \
             accessibility = $17, remind_at = $18, updated_at = $19, \
             reminded_at = CASE WHEN $20 THEN NULL ELSE reminded_at END, day_id = $21 WHERE id = $1")
            .bind(id.0).bind(&record.title).bind(record.format.as_str()).bind(&record.description)
            .bind(&record.language).bind(record.starts_at).bind(record.ends_at).bind(&record.timezone)
            .bind(record.city_id).bind(&record.address).bind(record.latitude).bind(record.longitude)
            .bind(&record.online_url).bind(record.capacity).bind(record.max_party_size)
            .bind(record.signup_deadline).bind(&record.accessibility).bind(record.remind_at).bind(now)
            .bind(start_moved).bind(record.day_id)
            .execute(&mut *tx).await.map_err(db_failed)?;
        replace_event_lists!(tx, id.0, record);
        let promoted = promote_waitlist!(tx, id.0, now);
        for attendee in &promoted {
            enqueue_mail!(tx, &promoted_mail(attendee));
        }
        promoted
    });
    Ok(promoted)
}

/// Cancels the event; everyone signed up (waitlist included) gets `mail`.
pub async fn cancel(
    db: &Db,
    id: EventId,
    now: OffsetDateTime,
    mail: impl Fn(&Attendee) -> Mail,
) -> Result<(), AppError> {
    let lock = format!(
        "SELECT cancelled_at IS NOT NULL FROM events WHERE id = $1{}",
        lock_clause(db)
    );
    let told = format!(
        "{ATTENDEE_SELECT} WHERE s.event_id = $1 AND s.status IN ('confirmed', 'waitlisted', 'attended') ORDER BY s.id"
    );
    in_write_transaction!(db, tx => {
        let cancelled = sqlx::query_scalar::<_, bool>(&lock)
            .bind(id.0).fetch_optional(&mut *tx).await.map_err(db_failed)?
            .ok_or(AppError::NotFound)?;
        if cancelled {
            return Err(AppError::EventCancelled);
        }
        sqlx::query("UPDATE events SET cancelled_at = $2, updated_at = $2 WHERE id = $1")
            .bind(id.0).bind(now).execute(&mut *tx).await.map_err(db_failed)?;
        let attendees = sqlx::query_as::<_, Attendee>(&told)
            .bind(id.0).fetch_all(&mut *tx).await.map_err(db_failed)?;
        for attendee in &attendees {
            enqueue_mail!(tx, &mail(attendee));
        }
    });
    Ok(())
}

/// Who may manage an event: its organiser and co-organisers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisers {
    pub organiser: AccountId,
    pub co_organisers: Vec<AccountId>,
}

impl Organisers {
    pub fn includes(&self, member: AccountId) -> bool {
        self.organiser == member || self.co_organisers.contains(&member)
    }
}

pub async fn organisers(db: &Db, id: EventId) -> Result<Option<Organisers>, AppError> {
    let organiser = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT organiser_id FROM events WHERE id = $1").bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    let Some(organiser) = organiser else {
        return Ok(None);
    };
    let co = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT account_id FROM event_co_organisers WHERE event_id = $1 ORDER BY account_id")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(Some(Organisers {
        organiser: AccountId(organiser),
        co_organisers: co.into_iter().map(AccountId).collect(),
    }))
}

/// The title and first moment of an event, for the mails about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventHeading {
    pub title: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub timezone: String,
    pub cancelled: bool,
}

pub async fn heading(db: &Db, id: EventId) -> Result<Option<EventHeading>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (String, OffsetDateTime, OffsetDateTime, String, bool)>(
        "SELECT title, starts_at, ends_at, timezone, cancelled_at IS NOT NULL FROM events WHERE id = $1")
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(row.map(
        |(title, starts_at, ends_at, timezone, cancelled)| EventHeading {
            title,
            starts_at,
            ends_at,
            timezone,
            cancelled,
        },
    ))
}

const CARD_COLUMNS: &str = "e.id, e.title, e.format, e.starts_at, e.ends_at, e.timezone, e.city_id, \
     e.online_url <> '' AS online, e.capacity, e.seats_taken, e.cancelled_at IS NOT NULL AS cancelled, \
     e.latitude, e.longitude, \
     (SELECT o.attendance FROM event_outcomes o WHERE o.event_id = e.id) AS attendance";

#[derive(Debug, Clone, sqlx::FromRow)]
struct CardRow {
    id: i64,
    title: String,
    format: String,
    starts_at: OffsetDateTime,
    ends_at: OffsetDateTime,
    timezone: String,
    city_id: i64,
    online: bool,
    capacity: Option<i64>,
    seats_taken: i64,
    cancelled: bool,
    latitude: f64,
    longitude: f64,
    attendance: Option<i64>,
}

/// Great-circle distance in kilometres.
pub fn distance_km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let d_phi = (lat2 - lat1).to_radians();
    let d_lambda = (lon2 - lon1).to_radians();
    let a = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().atan2((1.0 - a).sqrt())
}

/// Cards for `rows`, in their order: cities named in `language`, languages spoken attached.
async fn cards(
    db: &Db,
    rows: Vec<CardRow>,
    language: &str,
    near: Option<(f64, f64)>,
) -> Result<Vec<EventCard>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let city_ids: Vec<i64> = rows.iter().map(|row| row.city_id).collect();
    let cities = crate::cities::store::get_many(db, &city_ids).await?;
    let languages = if ids.is_empty() {
        Vec::new()
    } else {
        let sql = format!(
            "SELECT event_id, language FROM event_languages WHERE event_id IN ({}) ORDER BY event_id, position",
            in_list(ids.len(), 1)
        );
        let values: Vec<SqlValue> = ids.iter().map(|id| SqlValue::Int(*id)).collect();
        with_pool!(db, pool => bind_values!(sqlx::query_as::<_, (i64, String)>(&sql), &values).fetch_all(pool).await)
            .map_err(db_failed)?
    };
    Ok(rows
        .into_iter()
        .map(|row| {
            let city = cities
                .iter()
                .find(|city| city.id.0 == row.city_id)
                .map(|city| crate::cities::store::translated(city.clone(), language).label())
                .unwrap_or_default();
            EventCard {
                id: EventId(row.id),
                title: row.title,
                format: Format::parse(&row.format).unwrap_or(Format::Other),
                starts: event_time(row.starts_at, &row.timezone),
                ends: event_time(row.ends_at, &row.timezone),
                city,
                online: row.online,
                languages: languages
                    .iter()
                    .filter(|(event, _)| *event == row.id)
                    .map(|(_, language)| language.clone())
                    .collect(),
                capacity: row.capacity,
                seats_taken: row.seats_taken,
                cancelled: row.cancelled,
                distance_km: near.map(|near| distance_km(near, (row.latitude, row.longitude))),
                attendance: row.attendance,
            }
        })
        .collect())
}

/// The filters of an events list, resolved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListFilter {
    /// Sort by distance from here (latitude, longitude).
    pub near: Option<(f64, f64)>,
    pub country: Option<String>,
    pub format: Option<Format>,
    pub language: Option<String>,
    pub from: Option<OffsetDateTime>,
    pub to: Option<OffsetDateTime>,
    pub past: bool,
    pub page: i64,
}

/// Upcoming events (soonest first, or nearest first around `near`), or past ones (latest first).
/// Cancelled upcoming events stay listed, marked, so that people who planned to come see it.
pub async fn list(
    db: &Db,
    filter: &ListFilter,
    language: &str,
    now: OffsetDateTime,
) -> Result<EventList, AppError> {
    let mut conditions = Vec::new();
    let mut values = vec![SqlValue::Time(now)];
    conditions.push(
        if filter.past {
            "e.ends_at < $1"
        } else {
            "e.ends_at >= $1"
        }
        .to_owned(),
    );
    let mut next = |value: SqlValue, condition: &str| {
        values.push(value);
        conditions.push(condition.replace('?', &format!("${}", values.len())));
    };
    if let Some(country) = &filter.country {
        next(
            SqlValue::Text(country.clone()),
            "e.city_id IN (SELECT id FROM cities WHERE country_code = ?)",
        );
    }
    if let Some(format) = filter.format {
        next(SqlValue::Text(format.as_str().to_owned()), "e.format = ?");
    }
    if let Some(language) = &filter.language {
        next(
            SqlValue::Text(language.clone()),
            "e.id IN (SELECT event_id FROM event_languages WHERE language = ?)",
        );
    }
    if let Some(from) = filter.from {
        next(SqlValue::Time(from), "e.ends_at >= ?");
    }
    if let Some(to) = filter.to {
        next(SqlValue::Time(to), "e.starts_at < ?");
    }
    let order = match (filter.past, filter.near) {
        (true, _) => "e.starts_at DESC, e.id DESC".to_owned(),
        // Flat-earth distance is enough to sort (and needs no trigonometry in SQL).
        (false, Some((latitude, longitude))) => {
            let squeeze = latitude.to_radians().cos();
            format!(
                "((e.latitude - ({latitude})) * (e.latitude - ({latitude})) + \
                 (e.longitude - ({longitude})) * (e.longitude - ({longitude})) * {squeeze} * {squeeze}), e.starts_at, e.id"
            )
        }
        (false, None) => "e.starts_at, e.id".to_owned(),
    };
    let offset = filter.page.max(0) * PAGE_SIZE;
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM events e WHERE {} ORDER BY {order} LIMIT {} OFFSET {offset}",
        conditions.join(" AND "),
        PAGE_SIZE + 1
    );
    let mut rows = with_pool!(db, pool => bind_values!(sqlx::query_as::<_, CardRow>(&sql), &values).fetch_all(pool).await)
        .map_err(db_failed)?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    Ok(EventList {
        events: cards(db, rows, language, filter.near).await?,
        has_more,
        near: None,
        near_city: None,
    })
}

/// The events that present (or presented) initiative `initiative`, upcoming first.
pub async fn presenting(
    db: &Db,
    initiative: i64,
    language: &str,
) -> Result<Vec<EventCard>, AppError> {
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM events e JOIN event_initiatives ei ON ei.event_id = e.id \
         WHERE ei.initiative_id = $1 AND e.cancelled_at IS NULL ORDER BY e.starts_at DESC LIMIT 50"
    );
    let rows = with_pool!(db, pool => sqlx::query_as::<_, CardRow>(&sql).bind(initiative).fetch_all(pool).await)
        .map_err(db_failed)?;
    cards(db, rows, language, None).await
}

/// One event as a list shows it.
pub async fn card(db: &Db, id: EventId, language: &str) -> Result<Option<EventCard>, AppError> {
    let sql = format!("SELECT {CARD_COLUMNS} FROM events e WHERE e.id = $1");
    let row = with_pool!(db, pool => sqlx::query_as::<_, CardRow>(&sql).bind(id.0).fetch_optional(pool).await)
        .map_err(db_failed)?;
    match row {
        Some(row) => Ok(cards(db, vec![row], language, None).await?.pop()),
        None => Ok(None),
    }
}

/// The events `member` organises or co-organises (not cancelled), latest first: for their page.
pub async fn organised_cards(
    db: &Db,
    member: AccountId,
    language: &str,
) -> Result<Vec<EventCard>, AppError> {
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM events e WHERE e.cancelled_at IS NULL AND (e.organiser_id = $1 \
         OR e.id IN (SELECT event_id FROM event_co_organisers WHERE account_id = $1)) \
         ORDER BY e.starts_at DESC LIMIT 50"
    );
    let rows = with_pool!(db, pool => sqlx::query_as::<_, CardRow>(&sql).bind(member.0).fetch_all(pool).await)
        .map_err(db_failed)?;
    cards(db, rows, language, None).await
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct DetailRow {
    description: String,
    language: String,
    address: String,
    online_url: String,
    max_party_size: i64,
    signup_deadline: Option<OffsetDateTime>,
    accessibility: String,
}

/// Who is reading an event page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader<'a> {
    pub member: Option<AccountId>,
    pub can_moderate: bool,
    /// The zone of the reader's city, when known.
    pub zone: Option<&'a str>,
    pub language: &'a str,
}

pub async fn detail(
    db: &Db,
    id: EventId,
    reader: Reader<'_>,
    now: OffsetDateTime,
) -> Result<Option<EventDetail>, AppError> {
    let card_sql = format!("SELECT {CARD_COLUMNS} FROM events e WHERE e.id = $1");
    let Some(row) = with_pool!(db, pool => sqlx::query_as::<_, CardRow>(&card_sql).bind(id.0).fetch_optional(pool).await)
        .map_err(db_failed)?
    else {
        return Ok(None);
    };
    let more = with_pool!(db, pool => sqlx::query_as::<_, DetailRow>(
        "SELECT description, language, address, online_url, max_party_size, signup_deadline, accessibility \
         FROM events WHERE id = $1").bind(id.0).fetch_one(pool).await)
    .map_err(db_failed)?;
    let (starts_at, ends_at, timezone) = (row.starts_at, row.ends_at, row.timezone.clone());
    let (latitude, longitude, cancelled) = (row.latitude, row.longitude, row.cancelled);
    let organisers = organisers(db, id).await?.ok_or(AppError::NotFound)?;
    let can_manage = reader.can_moderate
        || reader
            .member
            .is_some_and(|member| organisers.includes(member));
    let deck_ids = presented_ids(db, id).await?;
    let waitlisted = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT count(*) FROM event_signups WHERE event_id = $1 AND status = 'waitlisted'")
        .bind(id.0).fetch_one(pool).await)
    .map_err(db_failed)?;
    let my_signup = match reader.member {
        Some(member) => my_signup(db, id, member).await?,
        None => None,
    };
    // An online room is for the people who come: the link is not left for anyone to find.
    let comes = my_signup
        .as_ref()
        .is_some_and(|signup| signup.status.holds_seats());
    let online_url = if can_manage || comes {
        more.online_url.clone()
    } else {
        String::new()
    };
    let signups_open =
        !cancelled && now < starts_at && more.signup_deadline.is_none_or(|deadline| now < deadline);
    let card = cards(db, vec![row], reader.language, None)
        .await?
        .pop()
        .ok_or(AppError::Internal)?;
    Ok(Some(EventDetail {
        card,
        description_html: crate::text::markdown::to_safe_html(&more.description),
        language: more.language,
        address: more.address,
        online_url,
        latitude,
        longitude,
        max_party_size: more.max_party_size,
        signup_deadline: more.signup_deadline.map(|at| event_time(at, &timezone)),
        accessibility: more.accessibility,
        organisers: people(db, &organisers).await?,
        deck: crate::initiatives::store::cards(db, &deck_ids, reader.language).await?,
        waitlisted,
        reader_times: for_reader(starts_at, ends_at, &timezone, reader.zone),
        signups_open,
        is_past: ends_at <= now,
        has_begun: starts_at <= now,
        can_manage,
        my_signup,
        structured_data: String::new(),
        outcome: None,
        started_projects: Vec::new(),
        may_start_initiative: false,
        day: None,
    }))
}

/// The published initiatives `id` presents, in the deck's order.
pub async fn presented_ids(db: &Db, id: EventId) -> Result<Vec<i64>, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT ei.initiative_id FROM event_initiatives ei JOIN initiatives i ON i.id = ei.initiative_id \
         WHERE ei.event_id = $1 AND i.status = 'published' ORDER BY ei.position")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)
}

/// The organisers by name, the organiser first.
async fn people(db: &Db, organisers: &Organisers) -> Result<Vec<Person>, AppError> {
    let handle = crate::accounts::store::HANDLE_UNLESS_DELETED;
    let sql = format!("SELECT a.display_name, {handle} FROM accounts a WHERE a.id = $1");
    let mut people = Vec::new();
    for member in std::iter::once(&organisers.organiser).chain(&organisers.co_organisers) {
        let row = with_pool!(db, pool => sqlx::query_as::<_, (String, Option<String>)>(&sql)
            .bind(member.0).fetch_optional(pool).await)
        .map_err(db_failed)?;
        if let Some((name, handle)) = row {
            people.push(Person { name, handle });
        }
    }
    Ok(people)
}

/// The member's sign-up going on (or their latest one) for the event.
pub async fn my_signup(
    db: &Db,
    id: EventId,
    member: AccountId,
) -> Result<Option<MySignup>, AppError> {
    let latest = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT id FROM event_signups WHERE event_id = $1 AND account_id = $2 ORDER BY id DESC LIMIT 1")
        .bind(id.0).bind(member.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    match latest {
        Some(signup) => signup_of(db, signup).await,
        None => Ok(None),
    }
}

/// Sign-up `signup` as its person sees it: status, code, party, place in line.
pub async fn signup_of(db: &Db, signup: i64) -> Result<Option<MySignup>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (i64, String, String, i64, Option<OffsetDateTime>)>(
        "SELECT event_id, status, code, party_size, waitlisted_at FROM event_signups WHERE id = $1")
        .bind(signup).fetch_optional(pool).await)
    .map_err(db_failed)?;
    let Some((event, status, code, party_size, waitlisted_at)) = row else {
        return Ok(None);
    };
    let status = SignupStatus::parse(&status).ok_or(AppError::Internal)?;
    let waitlist_position = match (status, waitlisted_at) {
        (SignupStatus::Waitlisted, Some(at)) => Some(
            with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM event_signups WHERE event_id = $1 AND status = 'waitlisted' \
                 AND (waitlisted_at < $2 OR (waitlisted_at = $2 AND id <= $3))")
                .bind(event).bind(at).bind(signup).fetch_one(pool).await)
            .map_err(db_failed)?,
        ),
        _ => None,
    };
    Ok(Some(MySignup {
        id: signup,
        status,
        code,
        party_size,
        waitlist_position,
    }))
}

/// The edit form filled with what is stored, times on the event's clocks.
pub async fn editable(db: &Db, id: EventId, language: &str) -> Result<Option<EventForm>, AppError> {
    type Row = (
        String,
        String,
        String,
        String,
        OffsetDateTime,
        OffsetDateTime,
        String,
        i64,
        String,
    );
    type More = (
        String,
        Option<i64>,
        i64,
        Option<OffsetDateTime>,
        String,
        Option<OffsetDateTime>,
    );
    let row = with_pool!(db, pool => sqlx::query_as::<_, Row>(
        "SELECT title, format, description, language, starts_at, ends_at, timezone, city_id, address \
         FROM events WHERE id = $1").bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    let Some((
        title,
        format,
        description,
        event_language,
        starts_at,
        ends_at,
        timezone,
        city_id,
        address,
    )) = row
    else {
        return Ok(None);
    };
    let (online_url, capacity, max_party_size, deadline, accessibility, remind_at) =
        with_pool!(db, pool => sqlx::query_as::<_, More>(
            "SELECT online_url, capacity, max_party_size, signup_deadline, accessibility, remind_at \
             FROM events WHERE id = $1").bind(id.0).fetch_one(pool).await)
        .map_err(db_failed)?;
    let city = crate::cities::store::get(db, crate::cities::CityId(city_id))
        .await?
        .map(|city| crate::cities::store::translated(city, language).label())
        .unwrap_or_default();
    let languages = with_pool!(db, pool => sqlx::query_scalar::<_, String>(
        "SELECT language FROM event_languages WHERE event_id = $1 ORDER BY position")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    let co_organisers = with_pool!(db, pool => sqlx::query_scalar::<_, String>(
        "SELECT a.handle FROM event_co_organisers c JOIN accounts a ON a.id = c.account_id \
         WHERE c.event_id = $1 AND a.deleted_at IS NULL ORDER BY a.handle")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    let deck = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT initiative_id FROM event_initiatives WHERE event_id = $1 ORDER BY position")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    let signup_deadline = deadline
        .map(|at| wall_clock(at, &timezone).to_field())
        .unwrap_or_default();
    let reminder_hours = remind_at
        .map(|at| (starts_at - at).whole_hours())
        .unwrap_or_default();
    Ok(Some(EventForm {
        id: id.0.to_string(),
        title,
        format,
        description,
        language: event_language,
        starts: wall_clock(starts_at, &timezone).to_field(),
        ends: wall_clock(ends_at, &timezone).to_field(),
        timezone,
        city,
        address,
        online_url,
        languages,
        capacity: capacity
            .map(|capacity| capacity.to_string())
            .unwrap_or_default(),
        max_party_size: max_party_size.to_string(),
        signup_deadline,
        accessibility,
        co_organisers: co_organisers.join("\n"),
        initiatives: deck
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        reminder_hours: reminder_hours.to_string(),
        day: crate::days::store::day_of_event(db, id.0)
            .await?
            .map(|day| day.0.to_string())
            .unwrap_or_default(),
    }))
}

/// A member's sign-ups, newest first, for "download my data".
pub async fn signups_of(
    db: &Db,
    member: AccountId,
) -> Result<Vec<crate::accounts::my_data::SignupData>, AppError> {
    type Row = (
        i64,
        String,
        OffsetDateTime,
        String,
        i64,
        String,
        String,
        String,
        OffsetDateTime,
    );
    let rows = with_pool!(db, pool => sqlx::query_as::<_, Row>(
        "SELECT e.id, e.title, e.starts_at, s.status, s.party_size, s.code, s.access_flags, s.access_needs, \
         s.created_at FROM event_signups s JOIN events e ON e.id = s.event_id WHERE s.account_id = $1 \
         ORDER BY s.created_at DESC, s.id DESC")
        .bind(member.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(
            |(
                event_id,
                event_title,
                starts_at,
                status,
                party_size,
                code,
                flags,
                access_needs,
                created_at,
            )| {
                crate::accounts::my_data::SignupData {
                    event_id,
                    event_title,
                    event_starts_at: crate::db::rfc3339(starts_at),
                    status,
                    party_size,
                    code,
                    access_flags: flags
                        .split(',')
                        .filter(|flag| !flag.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    access_needs,
                    signed_up_at: crate::db::rfc3339(created_at),
                }
            },
        )
        .collect())
}

/// The events a member organises or co-organises, newest first.
pub async fn organised_by(
    db: &Db,
    member: AccountId,
) -> Result<Vec<crate::accounts::my_data::OrganisedEventData>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (i64, String, OffsetDateTime, bool)>(
        "SELECT e.id, e.title, e.starts_at, e.organiser_id = $1 FROM events e WHERE e.organiser_id = $1 \
         OR e.id IN (SELECT event_id FROM event_co_organisers WHERE account_id = $1) \
         ORDER BY e.starts_at DESC, e.id DESC")
        .bind(member.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(event_id, title, starts_at, is_organiser)| {
            crate::accounts::my_data::OrganisedEventData {
                event_id,
                title,
                starts_at: crate::db::rfc3339(starts_at),
                role: if is_organiser {
                    "organiser"
                } else {
                    "co_organiser"
                }
                .to_owned(),
            }
        })
        .collect())
}
