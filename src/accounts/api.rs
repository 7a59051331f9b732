//! Server functions of accounts. Each is a public HTTP endpoint under /api/accounts/...: it checks
//! who calls and what they may do first, then parses, then stores.
use super::{CurrentAccount, LogInForm, SignUpForm};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n::I18nLocaleTrait as _;
use leptos::prelude::*;

/// Who is logged in (`None` for a visitor).
#[server(prefix = "/api", endpoint = "accounts/me")]
pub async fn who_am_i() -> Result<Option<CurrentAccount>, AppError> {
    crate::server::request::with_status(super::session::current_account().await)
}

#[server(prefix = "/api", endpoint = "accounts/sign-up")]
pub async fn sign_up(form: SignUpForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::sign_up(form).await)
}

#[server(prefix = "/api", endpoint = "accounts/log-in")]
pub async fn log_in(form: LogInForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::log_in(form).await)
}

#[server(prefix = "/api", endpoint = "accounts/log-out")]
pub async fn log_out() -> Result<(), AppError> {
    crate::server::request::with_status(ssr::log_out().await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::{password, session, store};
    use crate::server::{
        rate_limit::{self, LOG_IN_PER_ACCOUNT, LOG_IN_PER_IP, SIGN_UP_PER_IP},
        request::{client_ip, set_language_cookie},
        state::app_state,
    };
    use leptos_axum::ResponseOptions;

    fn remember_language(language: &str) {
        if let Some(response) = use_context::<ResponseOptions>() {
            set_language_cookie(&response, language);
        }
    }

    pub async fn sign_up(form: SignUpForm) -> Result<(), AppError> {
        let state = app_state()?;
        let ip = client_ip();
        if rate_limit::is_exhausted(&state.db, SIGN_UP_PER_IP, &ip).await? {
            return Err(AppError::RateLimited);
        }
        let account = form.parse()?;
        let hash = password::hash(account.password.clone()).await?;
        let created = store::insert_account(&state.db, &account, &hash).await;
        // Attempts on a taken email count too: they would otherwise probe which emails exist.
        rate_limit::record(&state.db, SIGN_UP_PER_IP, &ip).await?;
        let id = created?;
        crate::members::arrivals::arrive_at_home(&state.db, id, |path| state.config.link_to(path))
            .await;
        session::log_in(&session::current_session().await?, id).await?;
        remember_language(account.language.as_str());
        leptos_axum::redirect("/");
        Ok(())
    }

    pub async fn log_in(form: LogInForm) -> Result<(), AppError> {
        let state = app_state()?;
        let (email, password) = form.parse()?;
        let ip = client_ip();
        if rate_limit::is_exhausted(&state.db, LOG_IN_PER_IP, &ip).await?
            || rate_limit::is_exhausted(&state.db, LOG_IN_PER_ACCOUNT, &email).await?
        {
            return Err(AppError::RateLimited);
        }
        let credentials = store::find_credentials(&state.db, &email).await?;
        let (account, hash) = match credentials {
            Some((account, hash)) => (Some(account), Some(hash)),
            None => (None, None),
        };
        // An unknown email is checked against a decoy hash: both refusals take the same time.
        let verified = password::verify(password, hash).await;
        let Some(account) = account.filter(|_| verified) else {
            rate_limit::record(&state.db, LOG_IN_PER_IP, &ip).await?;
            rate_limit::record(&state.db, LOG_IN_PER_ACCOUNT, &email).await?;
            return Err(AppError::InvalidCredentials);
        };
        rate_limit::clear(&state.db, LOG_IN_PER_ACCOUNT, &email).await?;
        session::log_in(&session::current_session().await?, account).await?;
        if let Some(current) = store::load_current(&state.db, account).await? {
            remember_language(&current.preferred_language);
        }
        leptos_axum::redirect("/");
        Ok(())
    }

    pub async fn log_out() -> Result<(), AppError> {
        session::log_out(&session::current_session().await?).await?;
        leptos_axum::redirect("/");
        Ok(())
    }
}
