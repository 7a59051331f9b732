//! `/my/account`: what belongs to the account rather than the profile. For now, the password:
//! changing it ends every other session of the account.
use super::api::ChangePassword;
use super::email_pages::NewPasswordField;
use crate::i18n::*;
use crate::ui::{
    errors::FormAlert,
    form::{field_error, Field},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let changed = move || value.get().is_some_and(|result| result.is_ok());
    view! {
        <Title text=move || t_string!(i18n, account.title).to_string()/>
        <h1>{t!(i18n, account.title)}</h1>
        <h2 id="password-title">{t!(i18n, account.password_title)}</h2>
        <p role="status" class="form-saved">{move || changed().then_some(t!(i18n, account.password_changed))}</p>
        <FormAlert error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true attr:aria-labelledby="password-title">
            <Field
                name="form[current]"
                id="account-current-password"
                label=t_string!(i18n, account.current_password).to_string()
                input_type="password"
                autocomplete="current-password"
                max_length=super::PASSWORD_MAX_CHARS as i64
                error=field_error(error, "current")
            />
            <NewPasswordField id="account-new-password" error=field_error(error, "password")/>
            <button type="submit" class="button">{t!(i18n, account.change_password)}</button>
        </ActionForm>
    }
}
