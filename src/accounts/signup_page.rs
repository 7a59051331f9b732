use crate::app::Auth;
use crate::i18n::*;
use crate::ui::{
    errors::FormAlert,
    form::{field_error, Field},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = expect_context::<Auth>().sign_up;
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <Title text=move || t_string!(i18n, sign_up.title).to_string()/>
        <h1>{t!(i18n, sign_up.title)}</h1>
        <p>{t!(i18n, sign_up.intro)}</p>
        <FormAlert error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <Field
                name="form[display_name]"
                id="sign-up-display-name"
                label=t_string!(i18n, sign_up.display_name).to_string()
                hint=t_string!(i18n, sign_up.display_name_hint).to_string()
                autocomplete="nickname"
                max_length=crate::accounts::DISPLAY_NAME_MAX_CHARS as i64
                error=field_error(error, "display_name")
            />
            <Field
                name="form[handle]"
                id="sign-up-handle"
                label=t_string!(i18n, sign_up.handle).to_string()
                hint=t_string!(i18n, sign_up.handle_hint).to_string()
                required=false
                max_length=crate::members::handle::HANDLE_MAX_CHARS as i64
                error=field_error(error, "handle")
            />
            <Field
                name="form[email]"
                id="sign-up-email"
                label=t_string!(i18n, sign_up.email).to_string()
                input_type="email"
                autocomplete="email"
                max_length=crate::accounts::EMAIL_MAX_CHARS as i64
                error=field_error(error, "email")
            />
            <Field
                name="form[password]"
                id="sign-up-password"
                label=t_string!(i18n, sign_up.password).to_string()
                hint=t_string!(i18n, sign_up.password_hint).to_string()
                input_type="password"
                autocomplete="new-password"
                max_length=crate::accounts::PASSWORD_MAX_CHARS as i64
                error=field_error(error, "password")
            />
            <Field
                name="form[city]"
                id="sign-up-city"
                label=t_string!(i18n, sign_up.city).to_string()
                hint=t_string!(i18n, sign_up.city_hint).to_string()
                autocomplete="address-level2"
                max_length=crate::accounts::CITY_MAX_CHARS as i64
                error=field_error(error, "city")
            />
            <input type="hidden" name="form[language]" value=move || i18n.get_locale().as_str()/>
            <button type="submit" class="button">{t!(i18n, sign_up.submit)}</button>
        </ActionForm>
        <p>{t!(i18n, sign_up.have_account)} " " <A href="/login">{t!(i18n, nav.log_in)}</A></p>
    }
}
