//! (ssr) Sign-ups, seats and the waitlist. Every change of seats happens in one write
//! transaction that first locks the event's row (PostgreSQL `FOR UPDATE`; SQLite's
//! `BEGIN IMMEDIATE` holds the one write lock), so concurrent sign-ups are served one after the
//! other; `events.seats_taken <= capacity` is also a CHECK, the last guard against overbooking.
use super::{AccessNeed, EventId, SignupStatus};
use crate::accounts::AccountId;
use crate::db::{db_failed, Backend, Db};
use crate::error::{AppError, ErrorCode};
use crate::server::mail::Mail;
use crate::{enqueue_mail, in_write_transaction};
use rand::seq::SliceRandom;
use time::OffsetDateTime;

/// Sign-up codes are read aloud and typed on a phone at the door: no 0/O, no 1/I/L.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LENGTH: usize = 6;

pub fn new_code() -> String {
    let mut random = rand::thread_rng();
    (0..CODE_LENGTH)
        .filter_map(|_| {
            CODE_ALPHABET
                .choose(&mut random)
                .map(|byte| char::from(*byte))
        })
        .collect()
}

/// A code as typed at the door: any case, spaces and dashes dropped.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The row lock that serialises the seat changes of one event on PostgreSQL.
pub fn lock_clause(db: &Db) -> &'static str {
    match db.backend() {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    }
}

/// Which waitlisted sign-ups (`(id, party size)`, in line order) take the free seats: each in
/// turn if its whole party fits, so a large party waiting does not hold up smaller ones behind it.
pub fn choose_promoted(
    capacity: Option<i64>,
    seats_taken: i64,
    waiting: &[(i64, i64)],
) -> Vec<(i64, i64)> {
    let mut free = capacity.map(|capacity| capacity - seats_taken);
    let mut chosen = Vec::new();
    for &(id, size) in waiting {
        match free {
            None => chosen.push((id, size)),
            Some(seats) if size <= seats => {
                chosen.push((id, size));
                free = Some(seats - size);
            }
            Some(_) => {}
        }
    }
    chosen
}

/// Someone a mail about their sign-up goes to.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Attendee {
    pub signup: i64,
    pub email: String,
    pub name: String,
    pub language: String,
    pub code: String,
    pub party_size: i64,
}

/// Columns of `Attendee`, from `event_signups s` and `accounts a`.
pub const ATTENDEE_SELECT: &str = "SELECT s.id AS signup, COALESCE(a.email, s.guest_email, '') AS email, \
     COALESCE(a.display_name, s.guest_name, '') AS name, \
     COALESCE(a.preferred_language, s.guest_language, 'en') AS language, s.code, s.party_size FROM event_signups s LEFT JOIN accounts a ON a.id = s.account_id";

/// Confirms the waitlisted sign-ups of `$event` that now fit, inside the caller's transaction
/// `$tx` (the event row locked), and evaluates to the `Attendee`s promoted.
#[macro_export]
macro_rules! promote_waitlist {
    ($tx:expr, $event:expr, $now:expr) => {{
        let event_id: i64 = $event;
        let now: time::OffsetDateTime = $now;
        let (capacity, seats_taken) = sqlx::query_as::<_, (Option<i64>, i64)>(
            "SELECT capacity, seats_taken FROM events WHERE id = $1",
        )
        .bind(event_id)
        .fetch_one(&mut *$tx)
        .await
        .map_err($crate::db::db_failed)?;
        let waiting = sqlx::query_as::<_, (i64, i64)>(
            "SELECT id, party_size FROM event_signups WHERE event_id = $1 AND status = 'waitlisted' \
             ORDER BY waitlisted_at, id",
        )
        .bind(event_id)
        .fetch_all(&mut *$tx)
        .await
        .map_err($crate::db::db_failed)?;
        let chosen = $crate::events::signups::choose_promoted(capacity, seats_taken, &waiting);
        let mut promoted = Vec::with_capacity(chosen.len());
        for (signup, party_size) in chosen {
            sqlx::query("UPDATE event_signups SET status = 'confirmed', updated_at = $2 WHERE id = $1")
                .bind(signup)
                .bind(now)
                .execute(&mut *$tx)
                .await
                .map_err($crate::db::db_failed)?;
            sqlx::query("UPDATE events SET seats_taken = seats_taken + $2 WHERE id = $1")
                .bind(event_id)
                .bind(party_size)
                .execute(&mut *$tx)
                .await
                .map_err($crate::db::db_failed)?;
            let attendee = sqlx::query_as::<_, $crate::events::signups::Attendee>(&format!(
                "{} WHERE s.id = $1",
                $crate::events::signups::ATTENDEE_SELECT
            ))
            .bind(signup)
            .fetch_one(&mut *$tx)
            .await
            .map_err($crate::db::db_failed)?;
            promoted.push(attendee);
        }
        promoted
    }};
}

/// A sign-up code no other sign-up of `$event` has, inside the caller's transaction `$tx`, which
/// locked the event's row: nobody else inserts a code for this event meanwhile.
#[macro_export]
macro_rules! fresh_signup_code {
    ($tx:expr, $event:expr) => {{
        let event_id: i64 = $event;
        let mut code = $crate::events::signups::new_code();
        while sqlx::query_scalar::<_, bool>(
            "SELECT EXISTS (SELECT 1 FROM event_signups WHERE event_id = $1 AND code = $2)",
        )
        .bind(event_id)
        .bind(&code)
        .fetch_one(&mut *$tx)
        .await
        .map_err($crate::db::db_failed)?
        {
            code = $crate::events::signups::new_code();
        }
        code
    }};
}

/// Who signs up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Member(AccountId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignup {
    pub event: EventId,
    pub who: Who,
    pub party_size: i64,
    pub access_flags: Vec<AccessNeed>,
    pub access_needs: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedUp {
    pub id: i64,
    pub status: SignupStatus,
    pub code: String,
}

pub(crate) type EventSeats = (
    Option<i64>,
    i64,
    i64,
    Option<OffsetDateTime>,
    OffsetDateTime,
    bool,
);

pub(crate) const EVENT_SEATS: &str =
    "SELECT capacity, seats_taken, max_party_size, signup_deadline, starts_at, \
     cancelled_at IS NOT NULL FROM events WHERE id = $1";

/// Refuses a sign-up the event cannot take now.
pub(crate) fn check_open(
    seats: &EventSeats,
    party_size: i64,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let (_, _, max_party_size, deadline, starts_at, cancelled) = *seats;
    if cancelled {
        return Err(AppError::EventCancelled);
    }
    if now >= starts_at || deadline.is_some_and(|deadline| now >= deadline) {
        return Err(AppError::SignupsClosed);
    }
    if party_size > max_party_size {
        return Err(AppError::field("party_size", ErrorCode::PartyTooLarge));
    }
    Ok(())
}

/// A seat for `party_size` more people, or the waitlist.
pub(crate) fn status_for(seats: &EventSeats, party_size: i64) -> SignupStatus {
    let (capacity, seats_taken, ..) = *seats;
    match capacity {
        Some(capacity) if seats_taken + party_size > capacity => SignupStatus::Waitlisted,
        _ => SignupStatus::Confirmed,
    }
}

pub(crate) const ACTIVE: &str = "status IN ('pending', 'confirmed', 'waitlisted', 'attended')";

/// Signs a member up: confirmed while the party fits, waitlisted after that.
pub async fn sign_up(
    db: &Db,
    signup: &NewSignup,
    now: OffsetDateTime,
) -> Result<SignedUp, AppError> {
    let Who::Member(member) = signup.who;
    let lock_event = format!("{EVENT_SEATS}{}", lock_clause(db));
    let already = format!("SELECT EXISTS (SELECT 1 FROM event_signups WHERE event_id = $1 AND account_id = $2 AND {ACTIVE})");
    let flags: Vec<&str> = signup
        .access_flags
        .iter()
        .map(|need| need.as_str())
        .collect();
    let flags = flags.join(",");
    let outcome = in_write_transaction!(db, tx => {
        let seats = sqlx::query_as::<_, EventSeats>(&lock_event)
            .bind(signup.event.0).fetch_optional(&mut *tx).await.map_err(db_failed)?
            .ok_or(AppError::NotFound)?;
        check_open(&seats, signup.party_size, now)?;
        let signed_up = sqlx::query_scalar::<_, bool>(&already)
            .bind(signup.event.0).bind(member.0).fetch_one(&mut *tx).await.map_err(db_failed)?;
        if signed_up {
            return Err(AppError::AlreadySignedUp);
        }
        let status = status_for(&seats, signup.party_size);
        let code = crate::fresh_signup_code!(tx, signup.event.0);
        let waitlisted_at = (status == SignupStatus::Waitlisted).then_some(now);
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO event_signups (event_id, account_id, status, code, party_size, access_needs, \
             access_flags, created_at, waitlisted_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8) RETURNING id")
            .bind(signup.event.0).bind(member.0).bind(status.as_str()).bind(&code)
            .bind(signup.party_size).bind(&signup.access_needs).bind(&flags).bind(now).bind(waitlisted_at)
            .fetch_one(&mut *tx).await.map_err(db_failed)?;
        if status.holds_seats() {
            sqlx::query("UPDATE events SET seats_taken = seats_taken + $2 WHERE id = $1")
                .bind(signup.event.0).bind(signup.party_size)
                .execute(&mut *tx).await.map_err(db_failed)?;
        }
        SignedUp { id, status, code }
    });
    Ok(outcome)
}

/// The sign-up's event, owner and status, for the checks before a change.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SignupOwner {
    pub event: i64,
    pub account: Option<i64>,
    pub status: String,
}

pub async fn owner_of(db: &Db, signup: i64) -> Result<Option<SignupOwner>, AppError> {
    crate::with_pool!(db, pool => sqlx::query_as::<_, SignupOwner>(
        "SELECT event_id AS event, account_id AS account, status FROM event_signups WHERE id = $1")
        .bind(signup).fetch_optional(pool).await)
    .map_err(db_failed)
}

/// How a sign-up ends: cancelled by its person, or removed by an organiser with a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    Cancelled,
    /// The reason, and the mail telling the person.
    Removed(String, Mail),
}

/// Ends sign-up `signup` of `event` (the caller checked who may), frees its seats and promotes
/// the waitlist; each promoted person gets the mail `promoted_mail` writes, queued in the same
/// transaction (with the removal notice, if any). Evaluates to those promoted.
pub async fn cancel(
    db: &Db,
    event: EventId,
    signup: i64,
    now: OffsetDateTime,
    ending: &Ending,
    promoted_mail: impl Fn(&Attendee) -> Mail,
) -> Result<Vec<Attendee>, AppError> {
    let (new_status, reason) = match ending {
        Ending::Cancelled => (SignupStatus::Cancelled, ""),
        Ending::Removed(reason, _) => (SignupStatus::Removed, reason.as_str()),
    };
    let lock_event = format!("{EVENT_SEATS}{}", lock_clause(db));
    let promoted = in_write_transaction!(db, tx => {
        let seats = sqlx::query_as::<_, EventSeats>(&lock_event)
            .bind(event.0).fetch_optional(&mut *tx).await.map_err(db_failed)?
            .ok_or(AppError::NotFound)?;
        if now >= seats.4 {
            // The event started: the list is what happened now.
            return Err(AppError::SignupsClosed);
        }
        let (status, party_size) = sqlx::query_as::<_, (String, i64)>(
            "SELECT status, party_size FROM event_signups WHERE id = $1 AND event_id = $2")
            .bind(signup).bind(event.0).fetch_optional(&mut *tx).await.map_err(db_failed)?
            .ok_or(AppError::NotFound)?;
        let status = SignupStatus::parse(&status).ok_or(AppError::Internal)?;
        if !status.is_active() {
            return Err(AppError::InvalidState);
        }
        sqlx::query("UPDATE event_signups SET status = $2, removal_reason = $3, updated_at = $4 WHERE id = $1")
            .bind(signup).bind(new_status.as_str()).bind(reason).bind(now)
            .execute(&mut *tx).await.map_err(db_failed)?;
        if status.holds_seats() {
            sqlx::query("UPDATE events SET seats_taken = seats_taken - $2 WHERE id = $1")
                .bind(event.0).bind(party_size)
                .execute(&mut *tx).await.map_err(db_failed)?;
        }
        if let Ending::Removed(_, notice) = ending {
            enqueue_mail!(tx, notice);
        }
        let promoted = crate::promote_waitlist!(tx, event.0, now);
        for attendee in &promoted {
            enqueue_mail!(tx, &promoted_mail(attendee));
        }
        promoted
    });
    Ok(promoted)
}

/// The sign-ups of `member` going on, to events that have not started: `(event, sign-up)`.
pub async fn active_of(
    db: &Db,
    member: AccountId,
    now: OffsetDateTime,
) -> Result<Vec<(EventId, i64)>, AppError> {
    let rows = crate::with_pool!(db, pool => sqlx::query_as::<_, (i64, i64)>(&format!(
        "SELECT s.event_id, s.id FROM event_signups s JOIN events e ON e.id = s.event_id \
         WHERE s.account_id = $1 AND s.{ACTIVE} AND e.starts_at > $2 ORDER BY s.id"))
        .bind(member.0).bind(now).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(event, signup)| (EventId(event), signup))
        .collect())
}

/// Empties what `member` said they need, at every event.
pub async fn forget_needs_of(db: &Db, member: AccountId) -> Result<(), AppError> {
    crate::with_pool!(db, pool => sqlx::query(
        "UPDATE event_signups SET access_needs = '', access_flags = '' WHERE account_id = $1")
        .bind(member.0).execute(pool).await.map(|_| ()))
    .map_err(db_failed)
}

/// Who a mail about sign-up `signup` goes to.
pub async fn attendee(db: &Db, signup: i64) -> Result<Option<Attendee>, AppError> {
    let sql = format!("{ATTENDEE_SELECT} WHERE s.id = $1");
    crate::with_pool!(db, pool => sqlx::query_as::<_, Attendee>(&sql).bind(signup).fetch_optional(pool).await)
        .map_err(db_failed)
}

/// Everyone with a sign-up going on (the waitlist too), for a message from the organisers.
pub async fn everyone_signed_up(db: &Db, event: EventId) -> Result<Vec<Attendee>, AppError> {
    let sql = format!(
        "{ATTENDEE_SELECT} WHERE s.event_id = $1 AND s.status IN ('confirmed', 'waitlisted', 'attended') ORDER BY s.id"
    );
    crate::with_pool!(db, pool => sqlx::query_as::<_, Attendee>(&sql).bind(event.0).fetch_all(pool).await)
        .map_err(db_failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_six_characters_without_look_alikes() {
        for _ in 0..200 {
            let code = new_code();
            assert_eq!(code.len(), CODE_LENGTH);
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
            assert!(code.bytes().all(|byte| CODE_ALPHABET.contains(&byte)));
        }
    }

    #[test]
    fn a_typed_code_is_read_generously() {
        assert_eq!(normalise_code(" ab3-k9q "), "AB3K9Q");
        assert_eq!(normalise_code("AB3 K9Q"), "AB3K9Q");
    }

    #[test]
    fn the_first_waitlisted_parties_that_fit_are_promoted() {
        // Three seats free: the party of four waits, the two and the one behind it come in.
        let waiting = [(1, 4), (2, 2), (3, 1), (4, 1)];
        assert_eq!(choose_promoted(Some(10), 7, &waiting), vec![(2, 2), (3, 1)]);
        assert_eq!(choose_promoted(Some(10), 10, &waiting), vec![]);
        assert_eq!(choose_promoted(None, 10, &waiting).len(), 4);
    }
}
