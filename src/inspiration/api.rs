//! Server functions of inspiration links, public HTTP endpoints under /api/inspiration/...
use super::DecisionForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Confirms or rejects a proposed link: the organisers of the event it was proposed at, or a
/// moderator (moderators alone for links proposed elsewhere).
#[server(prefix = "/api", endpoint = "inspiration/decide")]
pub async fn decide_link(form: DecisionForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::decide(form).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::session;
    use crate::events::EventId;
    use crate::inspiration::store;
    use crate::server::state::app_state;

    pub async fn decide(form: DecisionForm) -> Result<(), AppError> {
        let member = session::require_member().await?;
        let state = app_state()?;
        let via_event = store::via_event_of(&state.db, form.link)
            .await?
            .ok_or(AppError::NotFound)?;
        match via_event {
            Some(event) => {
                crate::events::api::require_manager(&state.db, EventId(event)).await?;
            }
            None if member.can_moderate() => {}
            None => return Err(AppError::Forbidden),
        }
        let status = form.status().ok_or(AppError::BadRequest)?;
        let now = time::OffsetDateTime::now_utc();
        store::decide(&state.db, form.link, status, member.id, now).await
    }
}
