//! What every handler and server function can reach.
use super::config::Config;
use crate::{db::Db, error::AppError};
use axum::extract::FromRef;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    /// Where uploaded files (photos) live.
    pub storage: Arc<dyn super::storage::Storage>,
    /// The facet values of published initiatives, for fast searches.
    pub search: Arc<crate::initiatives::search::SearchCache>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, from the context that the router provides to pages and server functions.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
