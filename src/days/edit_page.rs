//! The admins' Day forms: `/admin/days/new`, `/days/:id/edit` (date, featured initiative, open
//! call and the texts in the Day's first language) and `/days/:id/translate?lang=xx` (the name,
//! call and kit in another language).
use super::api::{day_translation, editable_day, SaveDay, TranslateDay};
use super::{
    DayForm, DayTextsForm, DayTranslationStart, CALL_MAX_CHARS, KIT_MAX_CHARS, NAME_MAX_CHARS,
    POSTER_MAX_CHARS,
};
use crate::accounts::Role;
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use crate::initiatives::labels::content_language_name;
use crate::initiatives::CONTENT_LANGUAGES;
use crate::ui::errors::{code_message, FormAlert};
use crate::ui::form::{field_error, Field, TextArea};
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewDayPage() -> impl IntoView {
    let i18n = use_i18n();
    let start = Resource::new(
        || (),
        |_| async move {
            match crate::accounts::api::who_am_i().await? {
                None => Err(AppError::Unauthorised),
                Some(account) if !account.has_role(Role::Admin) => Err(AppError::Forbidden),
                Some(_) => Ok(()),
            }
        },
    );
    view! {
        <Title text=move || t_string!(i18n, days.create).to_string()/>
        <h1>{t!(i18n, days.create)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match start.await {
                    Ok(()) => {
                        let language = i18n.get_locale_untracked().as_str().to_owned();
                        let form = DayForm {
                            call_open: Some("on".into()),
                            texts: DayTextsForm { language, ..Default::default() },
                            ..Default::default()
                        };
                        view! { <DayEditor form/> }.into_any()
                    }
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditDayPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::ui::id_param();
    let start = Resource::new(id, |id| async move {
        match id {
            Some(id) => editable_day(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text=move || t_string!(i18n, days.edit).to_string()/>
        <h1>{t!(i18n, days.edit)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match start.await {
                    Ok(form) => view! { <DayEditor form/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DayEditor(form: DayForm) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveDay>::new();
    let value = save.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let call_open = form.call_open.is_some();
    view! {
        <FormAlert error/>
        <ActionForm action=save attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="form[id]" value=form.id.clone()/>
            <Field name="form[date]" id="day-date" input_type="date" label=t_string!(i18n, days.date_label).to_string()
                hint=t_string!(i18n, days.date_hint).to_string() max_length=10
                value=form.date.clone() error=field_error(error, "date")/>
            <Field name="form[initiative]" id="day-initiative" label=t_string!(i18n, days.initiative_label).to_string()
                hint=t_string!(i18n, days.initiative_hint).to_string() max_length=300
                value=form.initiative.clone() error=field_error(error, "initiative")/>
            <div class="field choice">
                <input type="checkbox" id="day-call-open" name="form[call_open]" value="on" checked=call_open/>
                <label for="day-call-open">{t!(i18n, days.call_open_label)}</label>
            </div>
            <LanguageChoice name="form[texts][language]" chosen=form.texts.language.clone() except=None
                error=field_error(error, "language")/>
            <DayTextsFields texts=form.texts.clone() error/>
            <button type="submit" class="button">{t!(i18n, days.save)}</button>
        </ActionForm>
    }
}

/// The language the texts are written in; `except` leaves the original out of a translation.
#[component]
fn LanguageChoice(
    name: &'static str,
    chosen: String,
    except: Option<String>,
    #[prop(into)] error: Signal<Option<ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for="day-language">{t!(i18n, days.language_label)}</label>
            <select id="day-language" name=name aria-describedby="day-language-error">
                {CONTENT_LANGUAGES.into_iter().filter(|code| except.as_deref() != Some(*code)).map(|code| view! {
                    <option value=code selected=chosen == code>{content_language_name(i18n, code)}</option>
                }).collect_view()}
            </select>
            <p class="field-error" id="day-language-error">{move || error.get().map(|code| code_message(i18n, code))}</p>
        </div>
    }
}

/// The name, the open call and the kit, named `form[texts][...]`.
#[component]
fn DayTextsFields(texts: DayTextsForm, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move |field: &'static str,
                     label: String,
                     hint: String,
                     max: usize,
                     rows: i64,
                     value: String| {
        view! {
            <TextArea name=format!("form[texts][{field}]") id=format!("day-{field}") label hint
                max_length=max as i64 rows value error=field_error(error, field)/>
        }
    };
    view! {
        <Field name="form[texts][name]" id="day-name" label=t_string!(i18n, days.name_label).to_string()
            max_length=NAME_MAX_CHARS as i64 value=texts.name.clone() error=field_error(error, "name")/>
        {text("call_text", t_string!(i18n, days.call_label).to_string(), t_string!(i18n, days.call_hint).to_string(),
            CALL_MAX_CHARS, 4, texts.call_text.clone())}
        {text("what_to_do", t_string!(i18n, days.kit_what_to_do).to_string(), t_string!(i18n, days.markdown_hint).to_string(),
            KIT_MAX_CHARS, 6, texts.what_to_do.clone())}
        {text("what_to_bring", t_string!(i18n, days.kit_bring).to_string(), t_string!(i18n, days.markdown_hint).to_string(),
            KIT_MAX_CHARS, 4, texts.what_to_bring.clone())}
        {text("programme", t_string!(i18n, days.kit_programme).to_string(), t_string!(i18n, days.markdown_hint).to_string(),
            KIT_MAX_CHARS, 6, texts.programme.clone())}
        {text("poster", t_string!(i18n, days.poster_label).to_string(), t_string!(i18n, days.poster_hint).to_string(),
            POSTER_MAX_CHARS, 4, texts.poster.clone())}
    }
}

#[component]
pub fn TranslateDayPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::ui::id_param();
    let query = use_query_map();
    let start = Resource::new(
        move || (id(), query.read().get("lang")),
        move |(id, lang)| async move {
            let language = lang.unwrap_or_else(|| i18n.get_locale_untracked().as_str().to_owned());
            match id {
                Some(id) => day_translation(id, language).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=move || t_string!(i18n, days.translate).to_string()/>
        <h1>{t!(i18n, days.translate)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match start.await {
                    Ok(start) => view! { <Translation start/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Translation(start: DayTranslationStart) -> impl IntoView {
    let i18n = use_i18n();
    let translate = ServerAction::<TranslateDay>::new();
    let value = translate.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let original = start.original_language.clone();
    let asked = start.texts.language.clone();
    view! {
        <p>{t!(i18n, days.translate_intro, name = start.name.clone())}</p>
        <Form method="GET" action="" attr:class="search-form">
            <label for="day-translation-pick">{t!(i18n, days.translation_pick)}</label>
            <select id="day-translation-pick" name="lang">
                {CONTENT_LANGUAGES.into_iter().filter(|code| *code != original).map(|code| view! {
                    <option value=code selected=asked == code>{content_language_name(i18n, code)}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="button button-secondary">{t!(i18n, days.translation_open)}</button>
        </Form>
        <FormAlert error/>
        <ActionForm action=translate attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="form[day]" value=start.id.0/>
            <LanguageChoice name="form[texts][language]" chosen=start.texts.language.clone()
                except=Some(start.original_language.clone()) error=field_error(error, "language")/>
            <DayTextsFields texts=start.texts.clone() error/>
            <button type="submit" class="button">{t!(i18n, days.translation_save)}</button>
        </ActionForm>
    }
}
