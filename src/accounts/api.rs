//! Server functions of accounts. Each is a public HTTP endpoint under /api/accounts/...: it checks
//! who calls and what they may do first, then parses, then stores.
//!
//! No answer tells whether an address has an account: signing up with a known address and
//! asking a reset link for any address answer as for a new one, and only the address's owner
//! learns (by mail) that someone tried.
use super::{
    ChangeEmailForm, ChangePasswordForm, CurrentAccount, DeleteAccountForm, ForgotPasswordForm,
    LogInForm, ResetPasswordForm, SignUpForm,
};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n::I18nLocaleTrait as _;
use leptos::prelude::*;

/// Who is logged in (`None` for a visitor).
#[server(prefix = "/api", endpoint = "accounts/me")]
pub async fn who_am_i() -> Result<Option<CurrentAccount>, AppError> {
    crate::server::request::with_status(super::session::current_account().await)
}

/// Creates an unconfirmed account and mails the link that confirms it (and logs in).
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

/// Follows the link mailed at sign-up: the address is confirmed and the member logged in.
#[server(prefix = "/api", endpoint = "accounts/confirm-email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::confirm_email(token).await)
}

/// Mails a reset link if the address has an account; answers the same either way.
#[server(prefix = "/api", endpoint = "accounts/forgot-password")]
pub async fn forgot_password(form: ForgotPasswordForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::forgot_password(form).await)
}

/// Sets a new password with a mailed link; every session of the account ends, and this
/// browser is logged in.
#[server(prefix = "/api", endpoint = "accounts/reset-password")]
pub async fn reset_password(form: ResetPasswordForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::reset_password(form).await)
}

/// Changes the caller's password, given the current one; every other session of the account
/// ends, this one goes on.
#[server(prefix = "/api", endpoint = "accounts/change-password")]
pub async fn change_password(form: ChangePasswordForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::change_password(form).await)
}

/// Mails a link to a new address, and a notice to the current one; the account moves when the
/// link is followed. Answers the same whether or not the new address has an account.
#[server(prefix = "/api", endpoint = "accounts/change-email")]
pub async fn change_email(form: ChangeEmailForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::change_email(form).await)
}

/// Follows the link mailed to a new address: the account now uses it.
#[server(prefix = "/api", endpoint = "accounts/confirm-new-email")]
pub async fn confirm_new_email(token: String) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::confirm_new_email(token).await)
}

/// Deletes the caller's account, given its password: personal data goes, contributions stay
/// credited to a former member, every session ends.
#[server(prefix = "/api", endpoint = "accounts/delete")]
pub async fn delete_account(form: DeleteAccountForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::delete_account(form).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::links::{self, Purpose};
    use crate::accounts::{parse_email, password, session, store, AccountId};
    use crate::error::ErrorCode;
    use crate::server::{
        rate_limit::{
            self, ACCOUNT_MAILS_PER_ADDRESS, LOG_IN_PER_ACCOUNT, LOG_IN_PER_IP,
            PASSWORD_RESETS_PER_IP, SIGN_UP_PER_IP,
        },
        request::{client_ip, set_language_cookie},
        state::{app_state, AppState},
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
        let created =
            store::insert_account(&state.db, &account, &hash, store::EmailState::Unconfirmed).await;
        // Attempts on a taken email count too: they would otherwise probe which emails exist.
        rate_limit::record(&state.db, SIGN_UP_PER_IP, &ip).await?;
        match created {
            Ok(id) => {
                send_link_to(&state, id, Purpose::ConfirmEmail).await?;
            }
            Err(error) if error.code_for("email") == Some(ErrorCode::EmailTaken) => {
                tell_owner_of_sign_up(&state, &account.email).await?
            }
            Err(error) => return Err(error),
        }
        remember_language(account.language.as_str());
        leptos_axum::redirect("/signup/sent");
        Ok(())
    }

    /// Mails a link of `purpose` to the account, unless its address got too many mails lately;
    /// says whether it did (callers that answer the same either way ignore it).
    async fn send_link_to(
        state: &AppState,
        id: AccountId,
        purpose: Purpose,
    ) -> Result<bool, AppError> {
        let Some(owner) = links::addressee(&state.db, id).await? else {
            return Ok(false);
        };
        if !may_mail(state, &owner.email).await? {
            return Ok(false);
        }
        links::send_link(&state.db, &owner, purpose, |path| {
            state.config.link_to(path)
        })
        .await?;
        Ok(true)
    }

    /// Whether one more mail about an account may go to `email` now; counts it if so.
    async fn may_mail(state: &AppState, email: &str) -> Result<bool, AppError> {
        if rate_limit::is_exhausted(&state.db, ACCOUNT_MAILS_PER_ADDRESS, email).await? {
            return Ok(false);
        }
        rate_limit::record(&state.db, ACCOUNT_MAILS_PER_ADDRESS, email).await?;
        Ok(true)
    }

    /// Someone signed up with an address that has an account: an unconfirmed one gets its
    /// confirmation link again; a confirmed one is told someone tried.
    async fn tell_owner_of_sign_up(state: &AppState, email: &str) -> Result<(), AppError> {
        let Some(credentials) = store::find_credentials(&state.db, email).await? else {
            return Ok(());
        };
        if !credentials.confirmed {
            send_link_to(state, credentials.account, Purpose::ConfirmEmail).await?;
            return Ok(());
        }
        let Some(owner) = links::addressee(&state.db, credentials.account).await? else {
            return Ok(());
        };
        if !may_mail(state, email).await? {
            return Ok(());
        }
        let mail = links::sign_up_attempt_mail(
            &owner,
            &state.config.link_to("/login"),
            &state.config.link_to("/account/forgot"),
        );
        crate::server::mail::enqueue(&state.db, &mail).await
    }

    pub async fn log_in(form: LogInForm) -> Result<(), AppError> {
        let state = app_state()?;
        let next = crate::accounts::return_path(&form.next).to_owned();
        let (email, password) = form.parse()?;
        let ip = client_ip();
        if rate_limit::is_exhausted(&state.db, LOG_IN_PER_IP, &ip).await?
            || rate_limit::is_exhausted(&state.db, LOG_IN_PER_ACCOUNT, &email).await?
        {
            return Err(AppError::RateLimited);
        }
        let credentials = store::find_credentials(&state.db, &email).await?;
        let hash = credentials.as_ref().map(|found| found.hash.clone());
        // An unknown email is checked against a decoy hash: both refusals take the same time.
        let verified = password::verify(password, hash).await;
        let Some(account) = credentials.filter(|_| verified) else {
            rate_limit::record(&state.db, LOG_IN_PER_IP, &ip).await?;
            rate_limit::record(&state.db, LOG_IN_PER_ACCOUNT, &email).await?;
            return Err(AppError::InvalidCredentials);
        };
        rate_limit::clear(&state.db, LOG_IN_PER_ACCOUNT, &email).await?;
        if !account.confirmed {
            // The right password proves who asks: they may learn whether a new link is on its
            // way, or whether they must wait for the address's mail limit.
            let sent = send_link_to(&state, account.account, Purpose::ConfirmEmail).await?;
            return Err(match sent {
                true => AppError::EmailNotConfirmed,
                false => AppError::RateLimited,
            });
        }
        start_session(&state, account.account).await?;
        leptos_axum::redirect(&next);
        Ok(())
    }

    /// Logs this browser in as `account`, in the account's language.
    async fn start_session(state: &AppState, account: AccountId) -> Result<(), AppError> {
        session::log_in(&session::current_session().await?, &state.db, account).await?;
        if let Some(current) = session::current_account().await? {
            remember_language(&current.preferred_language);
        }
        Ok(())
    }

    pub async fn log_out() -> Result<(), AppError> {
        session::log_out(&session::current_session().await?).await?;
        leptos_axum::redirect("/");
        Ok(())
    }

    pub async fn confirm_email(token: String) -> Result<(), AppError> {
        let state = app_state()?;
        let account = links::confirm_email(&state.db, &token)
            .await?
            .ok_or(AppError::LinkExpired)?;
        start_session(&state, account).await?;
        // Only a confirmed newcomer is announced to the shakers of their city.
        crate::members::arrivals::arrive_at_home(&state.db, account, |path| {
            state.config.link_to(path)
        })
        .await;
        leptos_axum::redirect("/my/city");
        Ok(())
    }

    pub async fn forgot_password(form: ForgotPasswordForm) -> Result<(), AppError> {
        let state = app_state()?;
        let ip = client_ip();
        if rate_limit::is_exhausted(&state.db, PASSWORD_RESETS_PER_IP, &ip).await? {
            return Err(AppError::RateLimited);
        }
        let email = parse_email(&form.email).map_err(|code| AppError::field("email", code))?;
        rate_limit::record(&state.db, PASSWORD_RESETS_PER_IP, &ip).await?;
        if let Some(credentials) = store::find_credentials(&state.db, &email).await? {
            send_link_to(&state, credentials.account, Purpose::ResetPassword).await?;
        }
        leptos_axum::redirect("/account/forgot/sent");
        Ok(())
    }

    pub async fn reset_password(form: ResetPasswordForm) -> Result<(), AppError> {
        let state = app_state()?;
        let (token, new_password) = form.parse()?;
        if !links::is_usable(&state.db, &token, Purpose::ResetPassword).await? {
            return Err(AppError::LinkExpired);
        }
        let hash = password::hash(new_password).await?;
        let account = links::reset_password(&state.db, &token, &hash)
            .await?
            .ok_or(AppError::LinkExpired)?;
        start_session(&state, account).await?;
        leptos_axum::redirect("/");
        Ok(())
    }

    pub async fn change_password(form: ChangePasswordForm) -> Result<(), AppError> {
        let account = session::require_member().await?;
        let state = app_state()?;
        let (current, new_password) = form.parse()?;
        check_own_password(&state, account.id, "current", current).await?;
        let hash = password::hash(new_password).await?;
        store::change_password(&state.db, account.id, &hash).await?;
        session::log_in(&session::current_session().await?, &state.db, account.id).await
    }

    /// Checks the password a member typed to confirm a change to their account (`field` is
    /// the input's name), and returns where mails to them go.
    async fn check_own_password(
        state: &AppState,
        account: AccountId,
        field: &str,
        typed: String,
    ) -> Result<links::Addressee, AppError> {
        let Some(owner) = links::addressee(&state.db, account).await? else {
            return Err(AppError::Unauthorised);
        };
        // Guessing the password here is guessing it at log-in: the same limit.
        if rate_limit::is_exhausted(&state.db, LOG_IN_PER_ACCOUNT, &owner.email).await? {
            return Err(AppError::RateLimited);
        }
        let stored = store::find_credentials(&state.db, &owner.email).await?;
        if !password::verify(typed, stored.map(|found| found.hash)).await {
            rate_limit::record(&state.db, LOG_IN_PER_ACCOUNT, &owner.email).await?;
            return Err(AppError::field(field, ErrorCode::WrongPassword));
        }
        Ok(owner)
    }

    pub async fn change_email(form: ChangeEmailForm) -> Result<(), AppError> {
        let account = session::require_member().await?;
        let state = app_state()?;
        let (new_email, typed_password) = form.parse()?;
        let owner = check_own_password(&state, account.id, "password", typed_password).await?;
        if new_email == owner.email {
            return Err(AppError::field("email", ErrorCode::SameEmail));
        }
        // A taken address gets nothing, and neither the answer nor the notice to the current
        // address change: they must not tell which addresses have an account.
        let taken = store::find_credentials(&state.db, &new_email)
            .await?
            .is_some();
        if !taken && may_mail(&state, &new_email).await? {
            links::send_new_email_link(&state.db, &owner, &new_email, |path| {
                state.config.link_to(path)
            })
            .await?;
        }
        tell_of_email_change(&state, &owner, &new_email).await?;
        leptos_axum::redirect("/account/new-email/sent");
        Ok(())
    }

    /// The current address learns which address the account is asked to move to: if the owner
    /// did not ask, they learn it while their address still opens the account.
    async fn tell_of_email_change(
        state: &AppState,
        owner: &links::Addressee,
        new_email: &str,
    ) -> Result<(), AppError> {
        if !may_mail(state, &owner.email).await? {
            return Ok(());
        }
        let reset_url = state.config.link_to("/account/forgot");
        let notice = links::email_change_notice(owner, new_email, &reset_url);
        crate::server::mail::enqueue(&state.db, &notice).await
    }

    pub async fn confirm_new_email(token: String) -> Result<(), AppError> {
        let state = app_state()?;
        links::change_email(&state.db, &token)
            .await?
            .ok_or(AppError::LinkExpired)?;
        leptos_axum::redirect("/account/new-email/done");
        Ok(())
    }

    pub async fn delete_account(form: DeleteAccountForm) -> Result<(), AppError> {
        let account = session::require_member().await?;
        let state = app_state()?;
        let typed_password = form.parse()?;
        check_own_password(&state, account.id, "password", typed_password).await?;
        let avatar = crate::accounts::deletion::delete_account(&state.db, account.id).await?;
        crate::members::avatar::delete_file(&state, avatar).await;
        // Their seats go to the waitlists (each event's own transaction, the people promoted
        // told); what they said they need is forgotten with them.
        crate::events::api::release_signups_of(&state, account.id).await?;
        session::log_out(&session::current_session().await?).await?;
        leptos_axum::redirect("/account/deleted");
        Ok(())
    }
}
