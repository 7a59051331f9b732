//! The SQL of accounts, written once for both backends.
use super::{password::StoredHash, AccountId, CurrentAccount, NewAccount, Role};
use crate::cities::City;
use crate::i18n::I18nLocaleTrait as _;
use crate::members::handle::handle_key;
use crate::{db::Db, error::AppError, error::ErrorCode, in_write_transaction, with_pool};
use time::OffsetDateTime;

pub use crate::db::{db_failed, is_unique_violation};

/// The handle of account `a` in a query, `NULL` once the account is deleted (it names no page).
pub const HANDLE_UNLESS_DELETED: &str = "CASE WHEN a.deleted_at IS NULL THEN a.handle END";

/// Whether whoever creates the account vouches for its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailState {
    /// Signed up on the site: confirmed when the member follows the mailed link.
    Unconfirmed,
    /// Made by the operator (command line, demo data).
    Confirmed,
}

/// Creates an account with its handle (the one chosen, or one made from the display name) and
/// its home city when the gazetteer knows the name typed. Refused as a whole when the handle or
/// the email is taken.
pub async fn insert_account(
    db: &Db,
    account: &NewAccount,
    hash: &StoredHash,
    email_state: EmailState,
) -> Result<AccountId, AppError> {
    const SQL: &str = "INSERT INTO accounts \
        (email, display_name, handle, password_hash, city, city_id, preferred_language, created_at, \
         directory_text, email_confirmed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
    let now = OffsetDateTime::now_utc();
    let handle = match &account.handle {
        Some(handle) => handle.clone(),
        None => crate::members::store::free_handle_for(db, &account.display_name).await?,
    };
    let city = home_city(db, &account.city).await?;
    in_write_transaction!(db, tx => {
        if crate::members::store::holder_of_key!(tx, handle_key(&handle)).is_some() {
            return Err(AppError::field("handle", ErrorCode::HandleTaken));
        }
        let inserted = sqlx::query_scalar::<_, i64>(SQL)
            .bind(&account.email)
            .bind(&account.display_name)
            .bind(&handle)
            .bind(&hash.0)
            .bind(city.as_ref().map(City::label).unwrap_or_else(|| account.city.clone()))
            .bind(city.as_ref().map(|city| city.id.0))
            .bind(account.language.as_str())
            .bind(now)
            .bind(crate::members::store::directory_text(&account.display_name, &handle, &[], &[]))
            .bind((email_state == EmailState::Confirmed).then_some(now))
            .fetch_one(&mut *tx)
            .await;
        let id = match inserted {
            Ok(id) => AccountId(id),
            Err(error) if is_unique_violation(&error) => {
                return Err(AppError::field("email", ErrorCode::EmailTaken))
            }
            Err(error) => return Err(db_failed(error)),
        };
        crate::members::store::claim_handle!(tx, id, &handle);
        Ok(id)
    })
}

/// The gazetteer's city for what was typed at sign-up ("Porto" or "Porto, Portugal"), if any.
async fn home_city(db: &Db, typed: &str) -> Result<Option<City>, AppError> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    crate::cities::store::resolve_label(db, typed).await
}

/// Stores a new password hash and ends every session of the account (the caller starts its
/// own again).
pub async fn change_password(db: &Db, id: AccountId, hash: &StoredHash) -> Result<(), AppError> {
    const SQL: &str = "UPDATE accounts SET password_hash = $1, session_epoch = session_epoch + 1 \
                       WHERE id = $2";
    with_pool!(db, pool => sqlx::query(SQL).bind(&hash.0).bind(id.0)
        .execute(pool).await.map(|_| ()))
    .map_err(db_failed)
}

/// Marks the address confirmed (the operator vouches for it on the command line).
pub async fn vouch_for_email(db: &Db, id: AccountId) -> Result<(), AppError> {
    const SQL: &str = "UPDATE accounts SET email_confirmed_at = coalesce(email_confirmed_at, $1) \
                       WHERE id = $2";
    with_pool!(db, pool => sqlx::query(SQL).bind(OffsetDateTime::now_utc()).bind(id.0)
        .execute(pool).await.map(|_| ()))
    .map_err(db_failed)
}

/// What log-in checks: the password's hash, and whether the address was confirmed.
pub struct Credentials {
    pub account: AccountId,
    pub hash: StoredHash,
    pub confirmed: bool,
}

pub async fn find_credentials(db: &Db, email: &str) -> Result<Option<Credentials>, AppError> {
    const SQL: &str = "SELECT id, password_hash, email_confirmed_at IS NOT NULL \
                       FROM accounts WHERE email = $1";
    let row = with_pool!(db, pool => sqlx::query_as::<_, (i64, String, bool)>(SQL)
        .bind(email)
        .fetch_optional(pool)
        .await)
    .map_err(db_failed)?;
    Ok(row.map(|(id, hash, confirmed)| Credentials {
        account: AccountId(id),
        hash: StoredHash(hash),
        confirmed,
    }))
}

/// The account's session epoch: a session started in an older one has ended.
pub async fn session_epoch(db: &Db, id: AccountId) -> Result<Option<i64>, AppError> {
    const SQL: &str = "SELECT session_epoch FROM accounts WHERE id = $1";
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(SQL)
        .bind(id.0)
        .fetch_optional(pool)
        .await)
    .map_err(db_failed)
}

pub async fn roles_of(db: &Db, id: AccountId) -> Result<Vec<Role>, AppError> {
    const SQL: &str = "SELECT role FROM account_roles WHERE account_id = $1 ORDER BY role";
    let names = with_pool!(db, pool => sqlx::query_scalar::<_, String>(SQL)
        .bind(id.0)
        .fetch_all(pool)
        .await)
    .map_err(db_failed)?;
    Ok(names
        .iter()
        .filter_map(|name| Role::parse(name).ok())
        .collect())
}

/// The account a session of `epoch` names: `None` once the account is gone or its sessions
/// were ended (a newer epoch).
pub async fn load_current(
    db: &Db,
    id: AccountId,
    epoch: i64,
) -> Result<Option<CurrentAccount>, AppError> {
    const SQL: &str = "SELECT display_name, handle, preferred_language FROM accounts \
                       WHERE id = $1 AND session_epoch = $2";
    let row = with_pool!(db, pool => sqlx::query_as::<_, (String, String, String)>(SQL)
        .bind(id.0)
        .bind(epoch)
        .fetch_optional(pool)
        .await)
    .map_err(db_failed)?;
    let Some((display_name, handle, preferred_language)) = row else {
        return Ok(None);
    };
    Ok(Some(CurrentAccount {
        id,
        display_name,
        handle,
        preferred_language,
        roles: roles_of(db, id).await?,
    }))
}

pub async fn set_preferred_language(
    db: &Db,
    id: AccountId,
    language: &str,
) -> Result<(), AppError> {
    const SQL: &str = "UPDATE accounts SET preferred_language = $1 WHERE id = $2";
    with_pool!(db, pool => sqlx::query(SQL).bind(language).bind(id.0).execute(pool).await.map(|_| ()))
        .map_err(db_failed)?;
    Ok(())
}

/// How long an account may wait for its address to be confirmed: the link lives a day, and
/// logging in with the right password sends another one meanwhile.
pub const UNCONFIRMED_ACCOUNT_DAYS: i64 = 7;

/// Deletes accounts whose address was never confirmed within `UNCONFIRMED_ACCOUNT_DAYS`
/// (housekeeping): nobody could use them, and the address they hold is free again. Returns how
/// many went.
pub async fn forget_unconfirmed(db: &Db) -> Result<u64, AppError> {
    // Such an account could never log in, so it contributed nothing: the guards only make sure.
    const SQL: &str =
        "DELETE FROM accounts WHERE email_confirmed_at IS NULL AND deleted_at IS NULL \
        AND created_at < $1 \
        AND NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.spotter_id = accounts.id) \
        AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.sender_id = accounts.id)";
    let before = OffsetDateTime::now_utc() - time::Duration::days(UNCONFIRMED_ACCOUNT_DAYS);
    with_pool!(db, pool => sqlx::query(SQL).bind(before).execute(pool).await.map(|done| done.rows_affected()))
        .map_err(db_failed)
}
