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
pub fn LogInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = expect_context::<Auth>().log_in;
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let query = leptos_router::hooks::use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <Title text=move || t_string!(i18n, log_in.title).to_string()/>
        <h1>{t!(i18n, log_in.title)}</h1>
        <FormAlert error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <Field
                name="form[email]"
                id="log-in-email"
                label=t_string!(i18n, log_in.email).to_string()
                input_type="email"
                autocomplete="username"
                max_length=crate::accounts::EMAIL_MAX_CHARS as i64
                error=field_error(error, "email")
            />
            <Field
                name="form[password]"
                id="log-in-password"
                label=t_string!(i18n, log_in.password).to_string()
                input_type="password"
                autocomplete="current-password"
                max_length=crate::accounts::PASSWORD_MAX_CHARS as i64
                error=field_error(error, "password")
            />
            <input type="hidden" name="form[next]" value=next/>
            <button type="submit" class="button">{t!(i18n, log_in.submit)}</button>
        </ActionForm>
        <p><A href="/account/forgot">{t!(i18n, email_links.forgot_title)}</A></p>
        <p>{t!(i18n, log_in.no_account)} " " <A href="/signup">{t!(i18n, nav.sign_up)}</A></p>
    }
}
