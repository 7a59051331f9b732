//! (ssr) Guest sign-ups in the database. A guest's sign-up is `pending` and holds no seat until
//! its link is followed; confirming takes a seat or a place in line in the same locked
//! transaction as a member's sign-up (see `signups`). Only the SHA-256 of the link's token is
//! stored, as for account links.
use super::{GuestInput, GuestSignupView};
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::events::signups::{
    check_open, lock_clause, status_for, Attendee, EventSeats, ACTIVE, ATTENDEE_SELECT, EVENT_SEATS,
};
use crate::events::zones::event_time;
use crate::events::{store, EventId, SignupStatus};
use crate::server::mail::Mail;
use crate::{enqueue_mail, in_write_transaction, with_pool};
use time::{Duration, OffsetDateTime};

/// A confirmation link may wait a day in an inbox, as an account's does.
pub const LINK_LIFETIME: Duration = Duration::hours(24);
/// Unconfirmed sign-ups are deleted a week after their last link: long enough for the link's
/// page to say it expired rather than that it never existed.
pub const UNCONFIRMED_KEPT: Duration = Duration::days(7);

/// Records the guest's sign-up (or finds the one this address already has at the event) and
/// queues the mail with its new link, in one transaction. `mail` writes it, knowing whether the
/// sign-up still waits for confirmation. Only a new or pending sign-up needs the event open: a
/// confirmed guest who lost the link gets it again to see their code or cancel.
pub async fn request(
    db: &Db,
    guest: &GuestInput,
    token_hash: &str,
    now: OffsetDateTime,
    mail: impl Fn(&Attendee, bool) -> Mail,
) -> Result<(), AppError> {
    let event = guest.signup.event.0;
    let lock_event = format!("{EVENT_SEATS}{}", lock_clause(db));
    let existing = format!(
        "SELECT id, status FROM event_signups WHERE event_id = $1 AND guest_email = $2 AND {ACTIVE}"
    );
    let flags: Vec<&str> = guest
        .signup
        .access_flags
        .iter()
        .map(|need| need.as_str())
        .collect();
    let flags = flags.join(",");
    let signup = &guest.signup;
    in_write_transaction!(db, tx => {
        let seats = sqlx::query_as::<_, EventSeats>(&lock_event)
            .bind(event).fetch_optional(&mut *tx).await.map_err(db_failed)?
            .ok_or(AppError::NotFound)?;
        let found = sqlx::query_as::<_, (i64, String)>(&existing)
            .bind(event).bind(&guest.email).fetch_optional(&mut *tx).await.map_err(db_failed)?;
        let pending = found.as_ref().is_none_or(|(_, status)| status == SignupStatus::Pending.as_str());
        if pending {
            check_open(&seats, signup.party_size, now)?;
        }
        let id = match found {
            // Nothing is confirmed yet: what was typed last is what counts.
            Some((id, status)) if status == SignupStatus::Pending.as_str() => {
                sqlx::query(
                    "UPDATE event_signups SET guest_name = $2, guest_language = $3, party_size = $4, \
                     access_needs = $5, access_flags = $6, guest_token_hash = $7, updated_at = $8 WHERE id = $1")
                    .bind(id).bind(&guest.name).bind(&guest.language).bind(signup.party_size)
                    .bind(&signup.access_needs).bind(&flags).bind(token_hash).bind(now)
                    .execute(&mut *tx).await.map_err(db_failed)?;
                id
            }
            Some((id, _)) => {
                sqlx::query("UPDATE event_signups SET guest_token_hash = $2, updated_at = $3 WHERE id = $1")
                    .bind(id).bind(token_hash).bind(now)
                    .execute(&mut *tx).await.map_err(db_failed)?;
                id
            }
            None => {
                let code = crate::fresh_signup_code!(tx, event);
                sqlx::query_scalar::<_, i64>(
                    "INSERT INTO event_signups (event_id, guest_name, guest_email, guest_language, status, \
                     code, party_size, access_needs, access_flags, guest_token_hash, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10, $10) RETURNING id")
                    .bind(event).bind(&guest.name).bind(&guest.email).bind(&guest.language).bind(&code)
                    .bind(signup.party_size).bind(&signup.access_needs).bind(&flags).bind(token_hash).bind(now)
                    .fetch_one(&mut *tx).await.map_err(db_failed)?
            }
        };
        let attendee = sqlx::query_as::<_, Attendee>(&format!("{ATTENDEE_SELECT} WHERE s.id = $1"))
            .bind(id).fetch_one(&mut *tx).await.map_err(db_failed)?;
        enqueue_mail!(tx, &mail(&attendee, pending));
    });
    Ok(())
}

/// The guest sign-up a link's token opens: `(sign-up, event)`.
pub async fn by_token(db: &Db, token_hash: &str) -> Result<Option<(i64, EventId)>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (i64, i64)>(
        "SELECT id, event_id FROM event_signups WHERE guest_token_hash = $1 AND guest_email IS NOT NULL")
        .bind(token_hash).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(row.map(|(signup, event)| (signup, EventId(event))))
}

/// What the link's page shows of the sign-up `signup` of `event`.
pub async fn view(
    db: &Db,
    signup: i64,
    event: EventId,
    now: OffsetDateTime,
) -> Result<Option<GuestSignupView>, AppError> {
    let (Some(heading), Some(state)) = (
        store::heading(db, event).await?,
        store::signup_of(db, signup).await?,
    ) else {
        return Ok(None);
    };
    let (name, link_sent_at) =
        with_pool!(db, pool => sqlx::query_as::<_, (String, OffsetDateTime)>(
        "SELECT COALESCE(guest_name, ''), updated_at FROM event_signups WHERE id = $1")
        .bind(signup).fetch_one(pool).await)
        .map_err(db_failed)?;
    let pending = state.status == SignupStatus::Pending;
    Ok(Some(GuestSignupView {
        event,
        title: heading.title.clone(),
        starts: event_time(heading.starts_at, &heading.timezone),
        ends: event_time(heading.ends_at, &heading.timezone),
        name,
        link_expired: pending && now >= link_sent_at + LINK_LIFETIME,
        changeable: !heading.cancelled && now < heading.starts_at,
        event_cancelled: heading.cancelled,
        signup: state,
    }))
}

/// Confirms the guest's address: a pending sign-up takes its seat (or a place in line) if the
/// event still takes it and the link is less than a day old. Confirming twice changes nothing.
pub async fn confirm(
    db: &Db,
    signup: i64,
    event: EventId,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let lock_event = format!("{EVENT_SEATS}{}", lock_clause(db));
    in_write_transaction!(db, tx => {
        let seats = sqlx::query_as::<_, EventSeats>(&lock_event)
            .bind(event.0).fetch_optional(&mut *tx).await.map_err(db_failed)?
            .ok_or(AppError::NotFound)?;
        let (status, party_size, link_sent_at) = sqlx::query_as::<_, (String, i64, OffsetDateTime)>(
            "SELECT status, party_size, updated_at FROM event_signups WHERE id = $1")
            .bind(signup).fetch_one(&mut *tx).await.map_err(db_failed)?;
        if status != SignupStatus::Pending.as_str() {
            return Ok(());
        }
        if now >= link_sent_at + LINK_LIFETIME {
            return Err(AppError::LinkExpired);
        }
        check_open(&seats, party_size, now)?;
        let status = status_for(&seats, party_size);
        let waitlisted_at = (status == SignupStatus::Waitlisted).then_some(now);
        sqlx::query("UPDATE event_signups SET status = $2, waitlisted_at = $3, updated_at = $4 WHERE id = $1")
            .bind(signup).bind(status.as_str()).bind(waitlisted_at).bind(now)
            .execute(&mut *tx).await.map_err(db_failed)?;
        if status.holds_seats() {
            sqlx::query("UPDATE events SET seats_taken = seats_taken + $2 WHERE id = $1")
                .bind(event.0).bind(party_size)
                .execute(&mut *tx).await.map_err(db_failed)?;
        }
    });
    Ok(())
}

/// Deletes the guest sign-ups whose address was never confirmed (they hold no seat); returns
/// how many.
pub async fn forget_unconfirmed(db: &Db, now: OffsetDateTime) -> Result<u64, AppError> {
    let before = now - UNCONFIRMED_KEPT;
    with_pool!(db, pool => sqlx::query(
        "DELETE FROM event_signups WHERE status = 'pending' AND updated_at < $1")
        .bind(before).execute(pool).await.map(|done| done.rows_affected()))
    .map_err(db_failed)
}

/// Forgets who the guests of events that ended 30 days ago were (as their access needs are
/// forgotten then): name and address go, the link stops working; the rows stay, so the event's
/// counts do not change. Returns how many guests were forgotten.
pub async fn forget_past_guests(db: &Db, now: OffsetDateTime) -> Result<u64, AppError> {
    let before = now - Duration::days(crate::events::reminders::ACCESS_NEEDS_KEPT_DAYS);
    // The address stays unique per event (an index needs it), and says what happened to it.
    with_pool!(db, pool => sqlx::query(
        "UPDATE event_signups SET guest_name = '', guest_email = 'forgotten-' || id, \
         guest_token_hash = NULL WHERE guest_email IS NOT NULL AND guest_name <> '' \
         AND event_id IN (SELECT id FROM events WHERE ends_at < $1)")
        .bind(before).execute(pool).await.map(|done| done.rows_affected()))
    .map_err(db_failed)
}
