//! Sessions live in the database (tower-sessions over our pools), so any app instance can serve
//! any request and a restart logs nobody out. Permission helpers return errors, never redirects.
use super::{store, AccountId, CurrentAccount, Role};
use crate::{db::Db, error::AppError, server::state::app_state};
use async_trait::async_trait;
use tower_sessions::{
    session::{Id, Record},
    session_store::{self, ExpiredDeletion},
    Session, SessionStore,
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

const ACCOUNT_KEY: &str = "account_id";
/// The account's session epoch when the session started (absent in older sessions: epoch 0).
const EPOCH_KEY: &str = "epoch";

#[derive(Clone, Debug)]
pub enum DbSessionStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl DbSessionStore {
    pub fn new(db: &Db) -> Self {
        match db {
            Db::Sqlite(pool) => DbSessionStore::Sqlite(SqliteStore::new(pool.clone())),
            Db::Postgres(pool) => DbSessionStore::Postgres(PostgresStore::new(pool.clone())),
        }
    }
}

macro_rules! delegate {
    ($self:expr, $store:ident => $body:expr) => {
        match $self {
            DbSessionStore::Sqlite($store) => $body,
            DbSessionStore::Postgres($store) => $body,
        }
    };
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        delegate!(self, store => store.create(record).await)
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        delegate!(self, store => store.save(record).await)
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        delegate!(self, store => store.load(id).await)
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        delegate!(self, store => store.delete(id).await)
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        delegate!(self, store => store.delete_expired().await)
    }
}

fn session_failed(error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::Internal
}

pub async fn current_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(session_failed)
}

/// Starts a session for `account` under a fresh id (no session fixation), in the account's
/// current session epoch.
pub async fn log_in(session: &Session, db: &Db, account: AccountId) -> Result<(), AppError> {
    let epoch = store::session_epoch(db, account).await?.unwrap_or_default();
    session.cycle_id().await.map_err(session_failed)?;
    session
        .insert(ACCOUNT_KEY, account.0)
        .await
        .map_err(session_failed)?;
    session
        .insert(EPOCH_KEY, epoch)
        .await
        .map_err(session_failed)
}

/// Deletes the session on the server; the cookie left in the browser then names nothing.
pub async fn log_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_failed)
}

/// The account the session names, unless it is gone or its sessions were ended since (a
/// password changed or reset on another device).
pub async fn account_of(session: &Session, db: &Db) -> Result<Option<CurrentAccount>, AppError> {
    let id: Option<i64> = session.get(ACCOUNT_KEY).await.map_err(session_failed)?;
    let Some(id) = id else {
        return Ok(None);
    };
    let epoch: Option<i64> = session.get(EPOCH_KEY).await.map_err(session_failed)?;
    store::load_current(db, AccountId(id), epoch.unwrap_or_default()).await
}

/// The logged-in account, if any.
pub async fn current_account() -> Result<Option<CurrentAccount>, AppError> {
    account_of(&current_session().await?, &app_state()?.db).await
}

pub async fn require_member() -> Result<CurrentAccount, AppError> {
    current_account().await?.ok_or(AppError::Unauthorised)
}

pub async fn require_role(role: Role) -> Result<CurrentAccount, AppError> {
    let account = require_member().await?;
    if account.has_role(role) {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn require_moderator() -> Result<CurrentAccount, AppError> {
    let account = require_member().await?;
    if account.can_moderate() {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}
