//! The SQL of account administration.
use super::{AccountRow, RoleChangeRow};
use crate::accounts::{store::db_failed, AccountId, Role};
use crate::{db::Db, error::AppError};
use time::{macros::format_description, OffsetDateTime};

/// `%` and `_` typed by the admin are searched for literally.
fn like_pattern(query: &str) -> String {
    let escaped = query
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

pub async fn search_accounts(
    db: &Db,
    query: &str,
    limit: i64,
) -> Result<Vec<AccountRow>, AppError> {
    const SQL: &str = "SELECT a.id, a.display_name, a.email, a.city, r.role \
        FROM accounts a LEFT JOIN account_roles r ON r.account_id = a.id \
        WHERE a.id IN (SELECT id FROM accounts WHERE deleted_at IS NULL \
            AND (lower(display_name) LIKE $1 ESCAPE '\\' OR email LIKE $1 ESCAPE '\\') \
            ORDER BY lower(display_name), id LIMIT $2) \
        ORDER BY lower(a.display_name), a.id, r.role";
    type Row = (i64, String, String, String, Option<String>);
    let rows: Vec<Row> = crate::with_pool!(db, pool => sqlx::query_as(SQL)
        .bind(like_pattern(query))
        .bind(limit)
        .fetch_all(pool)
        .await)
    .map_err(db_failed)?;
    let mut accounts: Vec<AccountRow> = Vec::new();
    for (id, display_name, email, city, role) in rows {
        if accounts.last().map(|last| last.id.0) != Some(id) {
            accounts.push(AccountRow {
                id: AccountId(id),
                display_name,
                email,
                city,
                roles: Vec::new(),
            });
        }
        if let (Some(last), Some(role)) = (accounts.last_mut(), role) {
            last.roles.extend(Role::parse(&role).ok());
        }
    }
    Ok(accounts)
}

pub async fn recent_role_changes(db: &Db, limit: i64) -> Result<Vec<RoleChangeRow>, AppError> {
    const SQL: &str =
        "SELECT actor.display_name, target.display_name, c.role, c.granted, c.changed_at \
        FROM role_changes c \
        JOIN accounts target ON target.id = c.target_id \
        LEFT JOIN accounts actor ON actor.id = c.actor_id \
        ORDER BY c.changed_at DESC, c.id DESC LIMIT $1";
    type Row = (Option<String>, String, String, bool, OffsetDateTime);
    let rows: Vec<Row> = crate::with_pool!(db, pool => sqlx::query_as(SQL)
        .bind(limit)
        .fetch_all(pool)
        .await)
    .map_err(db_failed)?;
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]");
    Ok(rows
        .into_iter()
        .filter_map(|(actor, target, role, granted, at)| {
            Some(RoleChangeRow {
                actor,
                target,
                role: Role::parse(&role).ok()?,
                granted,
                changed_at: at.format(&format).unwrap_or_default(),
            })
        })
        .collect())
}

/// What locks the admin rows until the transaction ends: on PostgreSQL `FOR UPDATE`; SQLite's
/// `BEGIN IMMEDIATE` holds the whole database already.
pub(crate) fn lock_admins(db: &Db) -> &'static str {
    match db {
        Db::Postgres(_) => "SELECT account_id FROM account_roles WHERE role = 'admin' FOR UPDATE",
        Db::Sqlite(_) => "SELECT 1",
    }
}

/// Refuses (`LastAdmin`) when `$target` is the platform's only admin: nobody could then name
/// another. Inside the caller's transaction, after `lock_admins`.
macro_rules! refuse_last_admin {
    ($tx:expr, $target:expr) => {{
        let admins: Vec<i64> =
            sqlx::query_scalar("SELECT account_id FROM account_roles WHERE role = 'admin'")
                .fetch_all(&mut *$tx)
                .await
                .map_err($crate::db::db_failed)?;
        if admins == [$target.0] {
            return Err($crate::error::AppError::LastAdmin);
        }
    }};
}
pub(crate) use refuse_last_admin;

/// Grants or revokes `role`, records the change, and refuses to leave the platform without an
/// admin. Returns whether anything changed (granting a role already held changes nothing).
///
/// The admin count and the change happen in one transaction that holds the write lock from its
/// start (SQLite `BEGIN IMMEDIATE`) or locks the admin rows (PostgreSQL `FOR UPDATE`), so two
/// admins revoking each other at the same moment cannot both succeed.
pub async fn set_role(
    db: &Db,
    actor: Option<AccountId>,
    target: AccountId,
    role: Role,
    grant: bool,
) -> Result<bool, AppError> {
    macro_rules! in_transaction {
        ($tx:ident, $lock_admins:expr) => {{
            sqlx::query($lock_admins)
                .execute(&mut *$tx)
                .await
                .map_err(db_failed)?;
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT id FROM accounts WHERE id = $1 AND deleted_at IS NULL")
                    .bind(target.0)
                    .fetch_optional(&mut *$tx)
                    .await
                    .map_err(db_failed)?;
            if exists.is_none() {
                return Err(AppError::NotFound);
            }
            if role == Role::Admin && !grant {
                refuse_last_admin!($tx, target);
            }
            let now = OffsetDateTime::now_utc();
            let changed = if grant {
                sqlx::query(
                    "INSERT INTO account_roles (account_id, role, granted_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (account_id, role) DO NOTHING",
                )
                .bind(target.0)
                .bind(role.as_str())
                .bind(now)
                .execute(&mut *$tx)
                .await
            } else {
                sqlx::query("DELETE FROM account_roles WHERE account_id = $1 AND role = $2")
                    .bind(target.0)
                    .bind(role.as_str())
                    .execute(&mut *$tx)
                    .await
            }
            .map_err(db_failed)?
            .rows_affected()
                > 0;
            if changed {
                sqlx::query(
                    "INSERT INTO role_changes (actor_id, target_id, role, granted, changed_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(actor.map(|a| a.0))
                .bind(target.0)
                .bind(role.as_str())
                .bind(grant)
                .bind(now)
                .execute(&mut *$tx)
                .await
                .map_err(db_failed)?;
            }
            $tx.commit().await.map_err(db_failed)?;
            Ok(changed)
        }};
    }
    match db {
        Db::Sqlite(pool) => {
            let mut tx = pool
                .begin_with("BEGIN IMMEDIATE")
                .await
                .map_err(db_failed)?;
            in_transaction!(tx, lock_admins(db))
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await.map_err(db_failed)?;
            in_transaction!(tx, lock_admins(db))
        }
    }
}

/// For the command line (create-admin): the account an email belongs to.
pub async fn account_by_email(db: &Db, email: &str) -> Result<Option<AccountId>, AppError> {
    let id: Option<i64> = crate::with_pool!(db, pool => sqlx::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_optional(pool)
        .await)
    .map_err(db_failed)?;
    Ok(id.map(AccountId))
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_wildcards_typed_by_admins_are_literal() {
        assert_eq!(like_pattern("Ana"), "%ana%");
        assert_eq!(like_pattern("50%_off"), "%50\\%\\_off%");
    }
}
