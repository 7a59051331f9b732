//! Server functions of the home page, public HTTP endpoints under /api/home/...
use super::MovementNumbers;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The movement's live numbers (anyone).
#[server(prefix = "/api", endpoint = "home/numbers", input = GetUrl)]
pub async fn load_movement_numbers() -> Result<MovementNumbers, AppError> {
    crate::server::request::with_status(ssr::numbers().await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::server::state::app_state;

    pub async fn numbers() -> Result<MovementNumbers, AppError> {
        let state = app_state()?;
        super::super::store::numbers(&state.db, time::OffsetDateTime::now_utc()).await
    }
}
