//! The pages of mailed links: "check your inbox", confirming an address, asking for a reset
//! link, choosing a new password, moving to a new address; and the page after deleting an
//! account. A link opens a page with a button rather than acting on the
//! visit itself: mail scanners that open every link would otherwise use the single-use token.
use super::api::{ConfirmNewEmail, ForgotPassword};
use crate::app::Auth;
use crate::i18n::*;
use crate::ui::{
    errors::FormAlert,
    form::{field_error, Field},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};

/// The token in the page's address (`?token=...`).
fn token_from_url() -> String {
    use_query_map().with_untracked(|query| query.get("token").unwrap_or_default())
}

/// After sign-up: the same page whether the address was new or had an account already.
#[component]
pub fn SignUpSentPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <CheckInbox message=move || t_string!(i18n, email_links.sign_up_sent).to_string()/> }
}

/// After asking for a reset link: the same page whether the address has an account or not.
#[component]
pub fn ResetSentPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <CheckInbox message=move || t_string!(i18n, email_links.reset_sent).to_string()/> }
}

/// After asking to move the account to a new address.
#[component]
pub fn NewEmailSentPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <CheckInbox message=move || t_string!(i18n, email_links.new_email_sent).to_string()/> }
}

#[component]
fn CheckInbox(#[prop(into)] message: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, email_links.check_inbox).to_string()/>
        <h1>{t!(i18n, email_links.check_inbox)}</h1>
        <p role="status">{message}</p>
        <p>{t!(i18n, email_links.not_received)}</p>
    }
}

/// An expired or used link: what to do instead.
#[component]
fn LinkHelp() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p>
            <A href="/login">{t!(i18n, nav.log_in)}</A>
            " · "
            <A href="/account/forgot">{t!(i18n, email_links.forgot_title)}</A>
        </p>
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = expect_context::<Auth>().confirm_email;
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <Title text=move || t_string!(i18n, email_links.confirm_title).to_string()/>
        <h1>{t!(i18n, email_links.confirm_title)}</h1>
        <FormAlert error/>
        <ActionForm action attr:class="stacked-form">
            <input type="hidden" name="token" value=token_from_url()/>
            <button type="submit" class="button">{t!(i18n, email_links.confirm_submit)}</button>
        </ActionForm>
        <LinkHelp/>
    }
}

/// The link mailed to a new address opens this page.
#[component]
pub fn NewEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ConfirmNewEmail>::new();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <Title text=move || t_string!(i18n, email_links.new_email_title).to_string()/>
        <h1>{t!(i18n, email_links.new_email_title)}</h1>
        <FormAlert error/>
        <ActionForm action attr:class="stacked-form">
            <input type="hidden" name="token" value=token_from_url()/>
            <button type="submit" class="button">{t!(i18n, email_links.new_email_submit)}</button>
        </ActionForm>
        <LinkHelp/>
    }
}

#[component]
pub fn NewEmailDonePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, email_links.new_email_title).to_string()/>
        <h1>{t!(i18n, email_links.new_email_title)}</h1>
        <p role="status">{t!(i18n, email_links.new_email_done)}</p>
    }
}

/// Where deleting an account leads: what happened, and what stays.
#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, account.deleted_title).to_string()/>
        <h1>{t!(i18n, account.deleted_title)}</h1>
        <p role="status">{t!(i18n, account.deleted_text)}</p>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ForgotPassword>::new();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <Title text=move || t_string!(i18n, email_links.forgot_title).to_string()/>
        <h1>{t!(i18n, email_links.forgot_title)}</h1>
        <p>{t!(i18n, email_links.forgot_intro)}</p>
        <FormAlert error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <Field
                name="form[email]"
                id="forgot-email"
                label=t_string!(i18n, log_in.email).to_string()
                input_type="email"
                autocomplete="email"
                max_length=super::EMAIL_MAX_CHARS as i64
                error=field_error(error, "email")
            />
            <button type="submit" class="button">{t!(i18n, email_links.forgot_submit)}</button>
        </ActionForm>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = expect_context::<Auth>().reset_password;
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <Title text=move || t_string!(i18n, email_links.reset_title).to_string()/>
        <h1>{t!(i18n, email_links.reset_title)}</h1>
        <p>{t!(i18n, email_links.reset_intro)}</p>
        <FormAlert error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="form[token]" value=token_from_url()/>
            <NewPasswordField id="reset-password" error=field_error(error, "password")/>
            <button type="submit" class="button">{t!(i18n, email_links.reset_submit)}</button>
        </ActionForm>
        <LinkHelp/>
    }
}

/// The field of a new password (`form[password]`), with the rule it must follow.
#[component]
pub fn NewPasswordField(
    id: &'static str,
    #[prop(into)] error: Signal<Option<crate::error::ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Field
            name="form[password]"
            id=id
            label=t_string!(i18n, email_links.new_password).to_string()
            hint=t_string!(i18n, sign_up.password_hint).to_string()
            input_type="password"
            autocomplete="new-password"
            max_length=super::PASSWORD_MAX_CHARS as i64
            error
        />
    }
}
