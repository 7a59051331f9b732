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
    /// The origins pages may frame (the reports' players), space-separated for the
    /// Content-Security-Policy: the providers built in and the listed PeerTube instances. Kept
    /// here because the page shell cannot wait for the database; refreshed when admins change
    /// the list and every minute (for the changes made through other instances).
    pub player_origins: Arc<std::sync::RwLock<String>>,
    /// Fetches reports' thumbnails from the video providers (`None`: placeholders only).
    pub thumbnails: Option<crate::reports::thumbnails::ThumbnailFetcher>,
}

impl AppState {
    pub async fn refresh_player_origins(&self) {
        refresh_player_origins(&self.db, &self.player_origins).await;
    }

    /// The origins pages may frame, as `refresh_player_origins` left them.
    pub fn frame_origins(&self) -> String {
        self.player_origins
            .read()
            .map(|origins| origins.clone())
            .unwrap_or_default()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The player origins of a fresh state: the built-in providers' (the instances are read by
/// `refresh_player_origins`).
pub fn new_player_origins() -> Arc<std::sync::RwLock<String>> {
    Arc::new(std::sync::RwLock::new(
        crate::reports::player::frame_origins(&[]),
    ))
}

/// Reads the PeerTube instances again into `origins`. On a database failure they stay as they
/// were.
pub async fn refresh_player_origins(db: &Db, origins: &std::sync::RwLock<String>) {
    match crate::reports::store::peertube_hosts(db).await {
        Ok(hosts) => {
            let fresh = crate::reports::player::frame_origins(&hosts);
            if let Ok(mut current) = origins.write() {
                *current = fresh;
            }
        }
        Err(error) => tracing::warn!(?error, "could not read the PeerTube instances"),
    }
}

/// The state, from the context that the router provides to pages and server functions.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
