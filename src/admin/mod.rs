//! Administration of accounts: search them, grant and revoke the moderator and admin roles, and
//! read the record of every change.
pub mod accounts_page;
pub mod api;
#[cfg(feature = "ssr")]
pub mod store;

use crate::accounts::{AccountId, Role};
use serde::{Deserialize, Serialize};

/// An account as the admin list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: AccountId,
    pub display_name: String,
    pub email: String,
    pub city: String,
    pub roles: Vec<Role>,
}

/// One recorded grant or revocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleChangeRow {
    /// `None` when the change came from the command line.
    pub actor: Option<String>,
    pub target: String,
    pub role: Role,
    pub granted: bool,
    /// UTC, `YYYY-MM-DD HH:MM`.
    pub changed_at: String,
}

/// The role form as posted by the admin page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleChangeForm {
    pub account_id: i64,
    pub role: String,
    /// "grant" or "revoke".
    pub action: String,
}

pub const ACCOUNTS_PAGE_SIZE: i64 = 50;
pub const QUERY_MAX_CHARS: usize = 100;
