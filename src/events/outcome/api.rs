//! Server functions of what came out of events: public HTTP endpoints under /api/events/...
use super::{InspirationStart, OutcomeForm, OutcomeStart};
use crate::error::AppError;
use leptos::prelude::*;

/// Records (or corrects) an event's outcome once it has begun: its organisers, or moderators.
/// Shows the event's page.
#[server(prefix = "/api", endpoint = "events/outcome")]
pub async fn save_outcome(form: OutcomeForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::save(form).await)
}

/// The outcome page's form and the links proposed at the event (its organisers, moderators).
#[server(prefix = "/api", endpoint = "events/outcome-start", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_outcome_start(event: i64, language: String) -> Result<OutcomeStart, AppError> {
    crate::server::request::with_status(ssr::start(event, &language).await)
}

/// What the initiative editor needs to start an initiative from an event: members who came
/// (or organise), once it has begun.
#[server(prefix = "/api", endpoint = "events/inspiration-start", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_inspiration_start(
    event: i64,
    language: String,
) -> Result<InspirationStart, AppError> {
    crate::server::request::with_status(ssr::inspiration_start(event, &language).await)
}

#[cfg(feature = "ssr")]
pub(crate) use ssr::require_starter;

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::{session, CurrentAccount};
    use crate::db::Db;
    use crate::events::api::require_manager;
    use crate::events::outcome::store;
    use crate::events::store::{self as events, EventHeading};
    use crate::events::EventId;
    use crate::server::state::app_state;
    use time::OffsetDateTime;

    /// The event, when it has begun and was not cancelled.
    async fn begun(db: &Db, event: EventId, now: OffsetDateTime) -> Result<EventHeading, AppError> {
        let heading = events::heading(db, event)
            .await?
            .ok_or(AppError::NotFound)?;
        if heading.cancelled {
            Err(AppError::EventCancelled)
        } else if now < heading.starts_at {
            Err(AppError::NotBegunYet)
        } else {
            Ok(heading)
        }
    }

    pub async fn save(form: OutcomeForm) -> Result<(), AppError> {
        let state = app_state()?;
        let event = EventId(form.event);
        let member = require_manager(&state.db, event).await?;
        let now = OffsetDateTime::now_utc();
        begun(&state.db, event, now).await?;
        let input = form.parse()?;
        store::save(&state.db, event, &input, member.id, now).await?;
        leptos_axum::redirect(&event.path());
        Ok(())
    }

    pub async fn start(event: i64, language: &str) -> Result<OutcomeStart, AppError> {
        let state = app_state()?;
        let event = EventId(event);
        require_manager(&state.db, event).await?;
        let heading = begun(&state.db, event, OffsetDateTime::now_utc()).await?;
        let recorded = store::form_of(&state.db, event).await?;
        let language = crate::initiatives::api::reader_language(language);
        Ok(OutcomeStart {
            title: heading.title,
            recorded: recorded.is_some(),
            form: recorded.unwrap_or(OutcomeForm {
                event: event.0,
                ..Default::default()
            }),
            proposed: crate::inspiration::store::proposed_at(&state.db, event.0, language).await?,
        })
    }

    /// Whether `member` may start an initiative from `event`: it has begun, was not
    /// cancelled, and they held a seat there or organise it (or moderate).
    pub async fn require_starter(
        db: &Db,
        member: &CurrentAccount,
        event: EventId,
        now: OffsetDateTime,
    ) -> Result<EventHeading, AppError> {
        let organisers = events::organisers(db, event)
            .await?
            .ok_or(AppError::NotFound)?;
        let manages = organisers.includes(member.id) || member.can_moderate();
        if !manages && !store::held_a_seat(db, event, member.id).await? {
            return Err(AppError::Forbidden);
        }
        begun(db, event, now).await
    }

    pub async fn inspiration_start(
        event: i64,
        language: &str,
    ) -> Result<InspirationStart, AppError> {
        let member = session::require_member().await?;
        let state = app_state()?;
        let event = EventId(event);
        let heading = require_starter(&state.db, &member, event, OffsetDateTime::now_utc()).await?;
        let language = crate::initiatives::api::reader_language(language);
        let deck = events::presented_ids(&state.db, event).await?;
        let cards = crate::initiatives::store::cards(&state.db, &deck, language).await?;
        Ok(InspirationStart {
            event: event.0,
            event_title: heading.title,
            deck: cards
                .into_iter()
                .map(|card| (card.id.0, card.title))
                .collect(),
        })
    }
}
