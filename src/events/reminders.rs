//! (ssr) Reminders before an event, and the forgetting of access needs after it. Reminders are
//! claimed in the database: the event row is taken with `FOR UPDATE SKIP LOCKED` on PostgreSQL
//! (SQLite's `BEGIN IMMEDIATE` lets one writer at a time), and the reminder mails are queued
//! and the event marked reminded in the same transaction. However many app instances run this,
//! and however often they restart, each event's reminder is queued once; the mail worker then
//! delivers it with its retries.
use super::mails::EventMailContext;
use super::signups::{Attendee, ATTENDEE_SELECT};
use super::store::EventHeading;
use super::EventId;
use crate::db::{db_failed, Backend, Db};
use crate::error::AppError;
use crate::{enqueue_mail, in_write_transaction, with_pool};
use time::OffsetDateTime;

/// Events claimed per transaction.
const BATCH: i64 = 10;

/// Access needs are kept this long after the event ends, for the organisers' follow-up.
pub const ACCESS_NEEDS_KEPT_DAYS: i64 = 30;

type DueRow = (
    i64,
    String,
    OffsetDateTime,
    OffsetDateTime,
    String,
    String,
    String,
);

/// Queues the reminders that are due; returns how many mails were queued. `link_to` makes an
/// absolute address of a path.
pub async fn queue_due(
    db: &Db,
    link_to: impl Fn(&str) -> String,
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let due = format!(
        "SELECT id, title, starts_at, ends_at, timezone, address, online_url FROM events \
         WHERE reminded_at IS NULL AND remind_at <= $1 AND starts_at > $1 AND cancelled_at IS NULL \
         ORDER BY remind_at LIMIT {BATCH}{lock}"
    );
    let coming =
        format!("{ATTENDEE_SELECT} WHERE s.event_id = $1 AND s.status = 'confirmed' ORDER BY s.id");
    let queued = in_write_transaction!(db, tx => {
        let events = sqlx::query_as::<_, DueRow>(&due)
            .bind(now).fetch_all(&mut *tx).await.map_err(db_failed)?;
        let mut queued = 0;
        for (id, title, starts_at, ends_at, timezone, address, online_url) in events {
            let heading = EventHeading { title, starts_at, ends_at, timezone, cancelled: false };
            let url = link_to(&EventId(id).path());
            let mails = EventMailContext { heading: &heading, url: &url };
            let attendees = sqlx::query_as::<_, Attendee>(&coming)
                .bind(id).fetch_all(&mut *tx).await.map_err(db_failed)?;
            for attendee in &attendees {
                enqueue_mail!(tx, &mails.reminder(attendee, &address, &online_url));
            }
            queued += attendees.len();
            sqlx::query("UPDATE events SET reminded_at = $2 WHERE id = $1")
                .bind(id).bind(now).execute(&mut *tx).await.map_err(db_failed)?;
        }
        queued
    });
    Ok(queued)
}

/// Empties the access needs of sign-ups to events that ended more than 30 days ago; returns
/// how many sign-ups were emptied.
pub async fn forget_access_needs(db: &Db, now: OffsetDateTime) -> Result<u64, AppError> {
    let before = now - time::Duration::days(ACCESS_NEEDS_KEPT_DAYS);
    let done = with_pool!(db, pool => sqlx::query(
        "UPDATE event_signups SET access_needs = '', access_flags = '' \
         WHERE (access_needs <> '' OR access_flags <> '') \
         AND event_id IN (SELECT id FROM events WHERE ends_at < $1)")
        .bind(before).execute(pool).await.map(|done| done.rows_affected()))
    .map_err(db_failed)?;
    Ok(done)
}
