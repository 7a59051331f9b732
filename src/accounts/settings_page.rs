//! `/my/account`: what belongs to the account rather than the profile: its address, its
//! password, the member's data, and deleting it all. Each change asks for the password; a
//! visitor gets 401.
use super::api::{ChangeEmail, ChangePassword};
use super::email_pages::NewPasswordField;
use super::my_data::DOWNLOAD_PATH;
use crate::app::Auth;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::{
    errors::FormAlert,
    form::{field_error, Field},
    not_found::PageError,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = expect_context::<Auth>().current_for_page();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(Some(_)) => view! { <Settings/> }.into_any(),
                    Ok(None) => view! { <PageError error=AppError::Unauthorised/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, account.title).to_string()/>
        <h1>{t!(i18n, account.title)}</h1>
        <EmailSection/>
        <PasswordSection/>
        <section aria-labelledby="data-title">
            <h2 id="data-title">{t!(i18n, account.data_title)}</h2>
            <p>{t!(i18n, account.data_intro)}</p>
            <p>
                <a href="/my/data">{t!(i18n, account.see_data)}</a>
                " · "
                <a href=DOWNLOAD_PATH download>{t!(i18n, my_data.download)}</a>
            </p>
        </section>
        <DeleteSection/>
    }
}

/// The account's current password, typed to confirm a change (`form[password]` unless named).
#[component]
fn PasswordCheck(
    id: &'static str,
    #[prop(default = "form[password]")] name: &'static str,
    #[prop(into)] error: Signal<Option<crate::error::ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Field
            name=name
            id=id
            label=t_string!(i18n, account.current_password).to_string()
            input_type="password"
            autocomplete="current-password"
            max_length=super::PASSWORD_MAX_CHARS as i64
            error
        />
    }
}

#[component]
fn EmailSection() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangeEmail>::new();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <section aria-labelledby="email-title">
            <h2 id="email-title">{t!(i18n, account.email_title)}</h2>
            <p>{t!(i18n, account.email_intro)}</p>
            <FormAlert error/>
            <ActionForm action attr:class="stacked-form" attr:novalidate=true attr:aria-labelledby="email-title">
                <Field
                    name="form[email]"
                    id="account-new-email"
                    label=t_string!(i18n, account.new_email).to_string()
                    input_type="email"
                    autocomplete="email"
                    max_length=super::EMAIL_MAX_CHARS as i64
                    error=field_error(error, "email")
                />
                <PasswordCheck id="account-email-password" error=field_error(error, "password")/>
                <button type="submit" class="button">{t!(i18n, account.change_email)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordSection() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let changed = move || value.get().is_some_and(|result| result.is_ok());
    view! {
        <section aria-labelledby="password-title">
            <h2 id="password-title">{t!(i18n, account.password_title)}</h2>
            <p role="status" class="form-saved">{move || changed().then_some(t!(i18n, account.password_changed))}</p>
            <FormAlert error/>
            <ActionForm action attr:class="stacked-form" attr:novalidate=true attr:aria-labelledby="password-title">
                <PasswordCheck id="account-current-password" name="form[current]" error=field_error(error, "current")/>
                <NewPasswordField id="account-new-password" error=field_error(error, "password")/>
                <button type="submit" class="button">{t!(i18n, account.change_password)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DeleteSection() -> impl IntoView {
    let i18n = use_i18n();
    let action = expect_context::<Auth>().delete_account;
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <section aria-labelledby="delete-title">
            <h2 id="delete-title">{t!(i18n, account.delete_title)}</h2>
            <p>{t!(i18n, account.delete_intro)}</p>
            <FormAlert error/>
            <ActionForm action attr:class="stacked-form" attr:novalidate=true attr:aria-labelledby="delete-title">
                <PasswordCheck id="account-delete-password" error=field_error(error, "password")/>
                <button type="submit" class="button button-danger">{t!(i18n, account.delete_submit)}</button>
            </ActionForm>
        </section>
    }
}
