//! The server function behind both forms of the export: only the member themself gets it.
use super::PersonalData;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "accounts/my-data")]
pub async fn my_data() -> Result<PersonalData, AppError> {
    crate::server::request::with_status(ssr::my_data().await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::session;
    use crate::server::state::app_state;

    pub async fn my_data() -> Result<PersonalData, AppError> {
        let account = session::require_member().await?;
        let state = app_state()?;
        super::super::store::my_data(&state.db, account.id, &account.preferred_language).await
    }
}
