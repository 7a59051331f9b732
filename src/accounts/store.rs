//! The SQL of accounts, written once for both backends.
use super::{password::StoredHash, AccountId, CurrentAccount, NewAccount, Role};
use crate::i18n::I18nLocaleTrait as _;
use crate::{db::Db, error::AppError, error::ErrorCode, with_pool};
use time::OffsetDateTime;

pub use crate::db::{db_failed, is_unique_violation};

pub async fn insert_account(
    db: &Db,
    account: &NewAccount,
    hash: &StoredHash,
) -> Result<AccountId, AppError> {
    const SQL: &str = "INSERT INTO accounts \
        (email, display_name, password_hash, city, preferred_language, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    let inserted = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(SQL)
        .bind(&account.email)
        .bind(&account.display_name)
        .bind(&hash.0)
        .bind(&account.city)
        .bind(account.language.as_str())
        .bind(OffsetDateTime::now_utc())
        .fetch_one(pool)
        .await);
    match inserted {
        Ok(id) => Ok(AccountId(id)),
        Err(error) if is_unique_violation(&error) => {
            Err(AppError::field("email", ErrorCode::EmailTaken))
        }
        Err(error) => Err(db_failed(error)),
    }
}

pub async fn find_credentials(
    db: &Db,
    email: &str,
) -> Result<Option<(AccountId, StoredHash)>, AppError> {
    const SQL: &str = "SELECT id, password_hash FROM accounts WHERE email = $1";
    let row = with_pool!(db, pool => sqlx::query_as::<_, (i64, String)>(SQL)
        .bind(email)
        .fetch_optional(pool)
        .await)
    .map_err(db_failed)?;
    Ok(row.map(|(id, hash)| (AccountId(id), StoredHash(hash))))
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

pub async fn load_current(db: &Db, id: AccountId) -> Result<Option<CurrentAccount>, AppError> {
    const SQL: &str = "SELECT display_name, preferred_language FROM accounts WHERE id = $1";
    let row = with_pool!(db, pool => sqlx::query_as::<_, (String, String)>(SQL)
        .bind(id.0)
        .fetch_optional(pool)
        .await)
    .map_err(db_failed)?;
    let Some((display_name, preferred_language)) = row else {
        return Ok(None);
    };
    Ok(Some(CurrentAccount {
        id,
        display_name,
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
