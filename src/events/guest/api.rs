//! The server functions of guest sign-ups. Signing up is for visitors only (members sign up in
//! one click); the link's token is the guest's only credential: whoever holds it may see, confirm
//! and cancel that one sign-up, and nothing else.
use super::{GuestSignupForm, GuestSignupView};
use crate::error::AppError;
use leptos::prelude::*;

/// A visitor signs up with a name and an address; the link to confirm is mailed.
#[server(prefix = "/api", endpoint = "events/guest-sign-up")]
pub async fn guest_sign_up(form: GuestSignupForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::sign_up(form).await)
}

/// The sign-up a link opens.
#[server(prefix = "/api", endpoint = "events/guest-signup", input = leptos::server_fn::codec::GetUrl)]
pub async fn read_guest_signup(token: String) -> Result<GuestSignupView, AppError> {
    crate::server::request::with_status(ssr::read(&token).await)
}

#[server(prefix = "/api", endpoint = "events/guest-confirm")]
pub async fn confirm_guest_signup(token: String) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::confirm(&token).await)
}

#[server(prefix = "/api", endpoint = "events/guest-cancel")]
pub async fn cancel_guest_signup(token: String) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::cancel(&token).await)
}

/// The page a guest's link opens.
pub fn guest_page_path(event: crate::events::EventId, token: &str) -> String {
    format!("{}/guest?token={token}", event.path())
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::links::{hash_of, new_token};
    use crate::accounts::session;
    use crate::events::api::{cancel_signup_of, mail_context_parts};
    use crate::events::guest::store;
    use crate::events::mails::EventMailContext;
    use crate::events::EventId;
    use crate::server::rate_limit::{self, GUEST_MAILS_PER_ADDRESS, GUEST_SIGN_UPS_PER_IP};
    use crate::server::request::client_ip;
    use crate::server::state::app_state;
    use time::OffsetDateTime;

    pub async fn sign_up(form: GuestSignupForm) -> Result<(), AppError> {
        if session::current_account().await?.is_some() {
            // A member signs up as themselves, and sees their sign-up on the event page.
            return Err(AppError::Forbidden);
        }
        let state = app_state()?;
        let ip = client_ip();
        if rate_limit::is_exhausted(&state.db, GUEST_SIGN_UPS_PER_IP, &ip).await? {
            return Err(AppError::RateLimited);
        }
        rate_limit::record(&state.db, GUEST_SIGN_UPS_PER_IP, &ip).await?;
        let guest = form.parse()?;
        let event = guest.signup.event;
        // Past the address's limit the answer is the same "check your mailbox", but nothing is
        // written or sent: the form would otherwise tell whether that address signed up.
        if !rate_limit::is_exhausted(&state.db, GUEST_MAILS_PER_ADDRESS, &guest.email).await? {
            let (heading, url) = mail_context_parts(&state, event).await?;
            let mails = EventMailContext {
                heading: &heading,
                url: &url,
            };
            let token = new_token();
            let link = state.config.link_to(&guest_page_path(event, &token));
            let now = OffsetDateTime::now_utc();
            store::request(
                &state.db,
                &guest,
                &hash_of(&token),
                now,
                |attendee, pending| mails.guest_link(attendee, pending, &link),
            )
            .await?;
            rate_limit::record(&state.db, GUEST_MAILS_PER_ADDRESS, &guest.email).await?;
        }
        leptos_axum::redirect(&format!("{}/guest/sent", event.path()));
        Ok(())
    }

    /// The sign-up and event of a token, or "not found" for a wrong or outdated one.
    async fn signup_of(token: &str) -> Result<(i64, EventId), AppError> {
        let state = app_state()?;
        store::by_token(&state.db, &hash_of(token))
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn read(token: &str) -> Result<GuestSignupView, AppError> {
        let (signup, event) = signup_of(token).await?;
        store::view(&app_state()?.db, signup, event, OffsetDateTime::now_utc())
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn confirm(token: &str) -> Result<(), AppError> {
        let (signup, event) = signup_of(token).await?;
        store::confirm(&app_state()?.db, signup, event, OffsetDateTime::now_utc()).await?;
        leptos_axum::redirect(&guest_page_path(event, token.trim()));
        Ok(())
    }

    pub async fn cancel(token: &str) -> Result<(), AppError> {
        let (signup, event) = signup_of(token).await?;
        cancel_signup_of(&app_state()?, event, signup, OffsetDateTime::now_utc()).await?;
        leptos_axum::redirect(&guest_page_path(event, token.trim()));
        Ok(())
    }
}
