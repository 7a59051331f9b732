//! `/admin/themes`: the theme list, and admins add themes (named in every interface language).
use super::api::{list_themes, AddTheme};
use super::labels::theme_label;
use crate::accounts::Role;
use crate::app::Auth;
use crate::i18n::*;
use crate::ui::errors::{error_message, FormAlert};
use crate::ui::form::{field_error, Field};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ThemesPage() -> impl IntoView {
    let i18n = use_i18n();
    let current = expect_context::<Auth>().current_for_page();
    let add = ServerAction::<AddTheme>::new();
    let themes = Resource::new(
        move || (i18n.get_locale().as_str().to_owned(), add.version().get()),
        |(language, _)| list_themes(language),
    );
    let value = add.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let added = move || matches!(value.get(), Some(Ok(())));
    view! {
        <Title text=move || t_string!(i18n, themes_admin.title).to_string()/>
        <h1>{t!(i18n, themes_admin.title)}</h1>
        <p>{t!(i18n, themes_admin.intro)}</p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match themes.await {
                    Ok(themes) => view! {
                        <ul class="tags" role="list">
                            {themes.iter().map(|theme| view! { <li>{theme_label(i18n, theme)}</li> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(failure) => view! { <p role="alert">{error_message(i18n, &failure)}</p> }.into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let is_admin = current.await.ok().flatten().is_some_and(|account| account.has_role(Role::Admin));
                is_admin.then(|| view! {
                    <p role="status" class="form-saved">{move || added().then_some(t!(i18n, themes_admin.added))}</p>
                    <FormAlert error/>
                    <ActionForm action=add attr:class="stacked-form" attr:novalidate=true>
                        <Field name="form[name_en]" id="theme-name-en" label=t_string!(i18n, themes_admin.name_en).to_string()
                            max_length=60 error=field_error(error, "name_en")/>
                        <Field name="form[name_fr]" id="theme-name-fr" label=t_string!(i18n, themes_admin.name_fr).to_string()
                            max_length=60 error=field_error(error, "name_fr")/>
                        <button type="submit" class="button">{t!(i18n, themes_admin.submit)}</button>
                    </ActionForm>
                })
            })}
        </Transition>
    }
}
