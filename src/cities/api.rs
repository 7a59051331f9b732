//! Server functions of the gazetteer, under /api/cities/...
use super::City;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Cities whose name starts with what was typed, most populous first: the city fields'
/// suggestions. Public (visitors search by city too) and read-only, so a cacheable GET.
#[server(prefix = "/api", endpoint = "cities/suggest", input = GetUrl)]
pub async fn suggest_cities(typed: String) -> Result<Vec<City>, AppError> {
    crate::server::request::with_status(ssr::suggest(typed).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::cities::store;
    use crate::server::state::app_state;

    /// Fewer letters match too many cities to be useful; more is not a name.
    const MIN_TYPED: usize = 2;
    const MAX_TYPED: usize = 100;

    pub async fn suggest(typed: String) -> Result<Vec<City>, AppError> {
        let state = app_state()?;
        let length = typed.trim().chars().count();
        if !(MIN_TYPED..=MAX_TYPED).contains(&length) {
            return Ok(Vec::new());
        }
        store::suggest(&state.db, &typed).await
    }
}
