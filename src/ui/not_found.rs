use crate::error::AppError;
use crate::i18n::*;
use crate::ui::errors::error_message;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=move || t_string!(i18n, not_found.title).to_string()/>
        <h1>{t!(i18n, not_found.title)}</h1>
        <p>{t!(i18n, not_found.text)}</p>
        <p><A href="/">{t!(i18n, not_found.home_link)}</A></p>
    }
}

/// A page whose content could not be loaded (unknown, private, refused): its status goes to the
/// response, its reason to the reader.
#[component]
pub fn PageError(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    crate::server::request::set_page_status(&error);
    view! {
        <Title text=move || t_string!(i18n, not_found.title).to_string()/>
        <h1>{t!(i18n, not_found.title)}</h1>
        <p role="alert">{error_message(i18n, &error)}</p>
    }
}
