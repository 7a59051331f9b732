//! Counters of recent attempts, kept in the database so that limits hold across app instances
//! and restarts. A hit is one row; a limit counts the rows of its window.
use crate::{accounts::store::db_failed, db::Db, error::AppError, with_pool};
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub bucket: &'static str,
    pub max: i64,
    pub window: Duration,
}

/// Failed log-ins for one email address.
pub const LOG_IN_PER_ACCOUNT: Limit = Limit {
    bucket: "log_in_account",
    max: 5,
    window: Duration::minutes(15),
};
/// Failed log-ins from one address, whatever the email.
pub const LOG_IN_PER_IP: Limit = Limit {
    bucket: "log_in_ip",
    max: 20,
    window: Duration::minutes(15),
};
/// Accounts created from one address.
pub const SIGN_UP_PER_IP: Limit = Limit {
    bucket: "sign_up_ip",
    max: 10,
    window: Duration::hours(1),
};
/// Mails about an account (confirmation and reset links, "someone tried to sign up") sent to
/// one address: nobody can flood a mailbox through the forms.
pub const ACCOUNT_MAILS_PER_ADDRESS: Limit = Limit {
    bucket: "account_mail_address",
    max: 5,
    window: Duration::hours(1),
};
/// Reset links asked from one address, whatever the email.
pub const PASSWORD_RESETS_PER_IP: Limit = Limit {
    bucket: "password_reset_ip",
    max: 10,
    window: Duration::hours(1),
};
/// Messages a member sends through the relay (each is a mail to another member).
pub const MESSAGES_PER_MEMBER: Limit = Limit {
    bucket: "message_member",
    max: 60,
    window: Duration::hours(1),
};
/// Messages organisers send to everyone signed up for one event.
pub const ANNOUNCEMENTS_PER_EVENT: Limit = Limit {
    bucket: "event_announcement",
    max: 3,
    window: Duration::hours(24),
};
/// Sign-ups without an account from one address, whatever the event.
pub const GUEST_SIGN_UPS_PER_IP: Limit = Limit {
    bucket: "guest_sign_up_ip",
    max: 20,
    window: Duration::hours(1),
};
/// Sign-up links mailed to one address: a visitor's form cannot flood someone else's mailbox.
pub const GUEST_MAILS_PER_ADDRESS: Limit = Limit {
    bucket: "guest_mail_address",
    max: 5,
    window: Duration::hours(1),
};
/// Codes typed at one event's door that matched nobody: a list of codes cannot be tried.
pub const WRONG_CODES_PER_EVENT: Limit = Limit {
    bucket: "event_wrong_code",
    max: 30,
    window: Duration::minutes(10),
};
/// Founder claims a member sends (each writes to a spotter): claiming and withdrawing in a loop
/// would otherwise fill a spotter's inbox.
pub const FOUNDER_CLAIMS_PER_ACCOUNT: Limit = Limit {
    bucket: "founder_claim_account",
    max: 10,
    window: Duration::days(1),
};

/// Whether `subject` already used up `limit`.
pub async fn is_exhausted(db: &Db, limit: Limit, subject: &str) -> Result<bool, AppError> {
    const SQL: &str =
        "SELECT COUNT(*) FROM rate_limit_hits WHERE bucket = $1 AND subject = $2 AND hit_at > $3";
    let since = OffsetDateTime::now_utc() - limit.window;
    let count = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(SQL)
        .bind(limit.bucket)
        .bind(subject)
        .bind(since)
        .fetch_one(pool)
        .await)
    .map_err(db_failed)?;
    Ok(count >= limit.max)
}

/// Counts one attempt, and forgets this subject's attempts that fell out of the window.
pub async fn record(db: &Db, limit: Limit, subject: &str) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => {
        sqlx::query("DELETE FROM rate_limit_hits WHERE bucket = $1 AND subject = $2 AND hit_at <= $3")
            .bind(limit.bucket)
            .bind(subject)
            .bind(now - limit.window)
            .execute(pool)
            .await
            .map_err(db_failed)?;
        sqlx::query("INSERT INTO rate_limit_hits (bucket, subject, hit_at) VALUES ($1, $2, $3)")
            .bind(limit.bucket)
            .bind(subject)
            .bind(now)
            .execute(pool)
            .await
            .map_err(db_failed)?;
    });
    Ok(())
}

/// Forgets `subject`'s attempts (an account's failures, once its owner logs in).
pub async fn clear(db: &Db, limit: Limit, subject: &str) -> Result<(), AppError> {
    with_pool!(db, pool => sqlx::query("DELETE FROM rate_limit_hits WHERE bucket = $1 AND subject = $2")
        .bind(limit.bucket)
        .bind(subject)
        .execute(pool)
        .await
        .map(|_| ()))
    .map_err(db_failed)?;
    Ok(())
}

/// Deletes hits older than every window (housekeeping).
pub async fn forget_old_hits(db: &Db) -> Result<(), AppError> {
    let day_ago = OffsetDateTime::now_utc() - Duration::days(1);
    with_pool!(db, pool => sqlx::query("DELETE FROM rate_limit_hits WHERE hit_at < $1")
        .bind(day_ago)
        .execute(pool)
        .await
        .map(|_| ()))
    .map_err(db_failed)?;
    Ok(())
}
