//! Server functions of account administration: admins only, checked before anything else.
use super::{AccountRow, RoleChangeForm, RoleChangeRow};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "admin/accounts")]
pub async fn list_accounts(query: String) -> Result<Vec<AccountRow>, AppError> {
    crate::server::request::with_status(ssr::list_accounts(query).await)
}

#[server(prefix = "/api", endpoint = "admin/role-changes")]
pub async fn list_role_changes() -> Result<Vec<RoleChangeRow>, AppError> {
    crate::server::request::with_status(ssr::list_role_changes().await)
}

#[server(prefix = "/api", endpoint = "admin/set-role")]
pub async fn set_role(form: RoleChangeForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::set_role(form).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::{session::require_role, AccountId, Role};
    use crate::admin::{store, ACCOUNTS_PAGE_SIZE, QUERY_MAX_CHARS};
    use crate::error::{ErrorCode, FieldErrors};
    use crate::server::state::app_state;

    pub async fn list_accounts(query: String) -> Result<Vec<AccountRow>, AppError> {
        require_role(Role::Admin).await?;
        let query = query.trim();
        if query.chars().count() > QUERY_MAX_CHARS {
            return Err(AppError::field("query", ErrorCode::TooLong));
        }
        store::search_accounts(&app_state()?.db, query, ACCOUNTS_PAGE_SIZE).await
    }

    pub async fn list_role_changes() -> Result<Vec<RoleChangeRow>, AppError> {
        require_role(Role::Admin).await?;
        store::recent_role_changes(&app_state()?.db, 20).await
    }

    pub async fn set_role(form: RoleChangeForm) -> Result<(), AppError> {
        let admin = require_role(Role::Admin).await?;
        let mut errors = FieldErrors::default();
        let role = errors.check("role", Role::parse(&form.role));
        let grant = match form.action.as_str() {
            "grant" => Some(true),
            "revoke" => Some(false),
            _ => {
                errors.add("action", ErrorCode::Required);
                None
            }
        };
        let (Some(role), Some(grant)) = (role, grant) else {
            return Err(errors.into_error());
        };
        let db = app_state()?.db;
        store::set_role(&db, Some(admin.id), AccountId(form.account_id), role, grant).await?;
        Ok(())
    }
}
