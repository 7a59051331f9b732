//! (ssr) Deleting an account. The row stays, emptied of everything personal, so that the
//! initiatives the member spotted stay, credited to "a former member"; their profile, handles,
//! roles, avatar, messages, mailed links and mails go, and every session ends.
use super::AccountId;
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::in_write_transaction;
use time::OffsetDateTime;

/// Rows that only say something about the member: deleted with the account.
const PERSONAL_TABLES: [&str; 12] = [
    "member_handles",
    "member_roles",
    "member_languages",
    "member_themes",
    "member_skills",
    "member_links",
    "member_texts",
    "member_arrivals",
    "account_links",
    "account_roles",
    "calendar_tokens",
    "event_co_organisers",
];

/// Empties account `id`, and returns the storage key of its avatar, whose file the caller
/// deletes. Refused when it is the platform's last admin (nobody could then name another). The
/// admin count and the deletion are one transaction that holds the write lock (SQLite) or the
/// admin rows (PostgreSQL), as in `admin::store::set_role`.
pub async fn delete_account(db: &Db, id: AccountId) -> Result<Option<String>, AppError> {
    let lock_admins = crate::admin::store::lock_admins(db);
    Ok(in_write_transaction!(db, tx => {
        sqlx::query(lock_admins).execute(&mut *tx).await.map_err(db_failed)?;
        crate::admin::store::refuse_last_admin!(tx, id);
        for table in PERSONAL_TABLES {
            sqlx::query(&format!("DELETE FROM {table} WHERE account_id = $1"))
                .bind(id.0).execute(&mut *tx).await.map_err(db_failed)?;
        }
        // What they wrote to other members goes; the conversations stay for the others,
        // with their own messages, beside "a former member".
        sqlx::query("DELETE FROM messages WHERE sender_id = $1")
            .bind(id.0).execute(&mut *tx).await.map_err(db_failed)?;
        sqlx::query("DELETE FROM member_blocks WHERE blocker_id = $1 OR blocked_id = $1")
            .bind(id.0).execute(&mut *tx).await.map_err(db_failed)?;
        // Mails to the address, sent or not, are personal data too.
        sqlx::query("DELETE FROM mail_outbox WHERE recipient = (SELECT email FROM accounts WHERE id = $1)")
            .bind(id.0).execute(&mut *tx).await.map_err(db_failed)?;
        // A founder's name stays on the initiative (the spotter wrote it), no longer linked.
        sqlx::query("UPDATE initiative_founders SET account_id = NULL, confirmed = $2 WHERE account_id = $1")
            .bind(id.0).bind(false).execute(&mut *tx).await.map_err(db_failed)?;
        let avatar: Option<String> = sqlx::query_scalar("SELECT avatar_key FROM accounts WHERE id = $1")
            .bind(id.0).fetch_one(&mut *tx).await.map_err(db_failed)?;
        sqlx::query(EMPTY_ACCOUNT)
            .bind(id.0).bind(tombstone_email(id)).bind(tombstone_handle(id))
            .bind(OffsetDateTime::now_utc())
            .execute(&mut *tx).await.map_err(db_failed)?;
        avatar
    }))
}

/// Raising the epoch ends every session; an empty hash matches no password.
const EMPTY_ACCOUNT: &str = "UPDATE accounts SET email = $2, handle = $3, deleted_at = $4, \
    display_name = '', password_hash = '', city = '', city_id = NULL, directory_text = '', avatar_key = NULL, \
    profile_language = '', email_confirmed_at = NULL, session_epoch = session_epoch + 1 \
    WHERE id = $1";

/// Keeps `email` unique without being an address: no sign-up or log-in can ever match it.
fn tombstone_email(id: AccountId) -> String {
    format!("deleted:{}", id.0)
}

/// Keeps `handle` unique with a character no handle may have: it names no page.
fn tombstone_handle(id: AccountId) -> String {
    format!("~{}", id.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deleted_account_keeps_no_address_or_handle_anyone_could_use() {
        let id = AccountId(42);
        assert!(crate::accounts::parse_email(&tombstone_email(id)).is_err());
        assert!(crate::members::handle::parse_handle(&tombstone_handle(id)).is_err());
    }
}
