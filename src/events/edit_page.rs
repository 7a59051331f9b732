//! `/events/new` (or `/events/new?from=42` to start from an event, `/events/new?day=3` to join
//! a New CITYzens Day from its kit) and `/events/:id/edit`: the event form. Times are typed on the clocks of the event's city (or of the zone given); it
//! works without JavaScript, with the city suggested from the gazetteer once it runs.
use super::api::{editable_event, may_organise, SaveEvent};
use super::labels::format_label;
use super::{
    EventForm, Format, ACCESSIBILITY_MAX_CHARS, ADDRESS_MAX_CHARS, DESCRIPTION_MAX_CHARS,
    MAX_CO_ORGANISERS, MAX_DECK, PARTY_SIZE_LIMIT, TITLE_MAX_CHARS,
};
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use crate::initiatives::edit_page::CityField;
use crate::initiatives::labels::content_language_name;
use crate::initiatives::CONTENT_LANGUAGES;
use crate::ui::errors::{code_message, FormAlert};
use crate::ui::form::{field_error, Field, TextArea};
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewEventPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let start = Resource::new(
        move || {
            let number = |key: &str| query.read().get(key).and_then(|id| id.parse::<i64>().ok());
            (
                number("from"),
                number("day"),
                i18n.get_locale().as_str().to_owned(),
            )
        },
        |(from, day, language)| async move {
            if crate::accounts::api::who_am_i().await?.is_none() {
                return Err(AppError::Unauthorised);
            }
            if !may_organise().await? {
                return Err(AppError::Forbidden);
            }
            match (from, day) {
                (_, Some(day)) => crate::days::api::day_event_form(day, language).await,
                (Some(id), None) => editable_event(id, true, language).await,
                (None, None) => Ok(EventForm {
                    language: language.clone(),
                    languages: vec![language],
                    ..Default::default()
                }),
            }
        },
    );
    view! {
        <Title text=move || t_string!(i18n, events.new_title).to_string()/>
        <h1>{t!(i18n, events.new_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match start.await {
                    Ok(form) => view! { <EventEditor form/> }.into_any(),
                    Err(AppError::Forbidden) => view! {
                        <p class="form-alert" role="alert">
                            {t!(i18n, events.shakers_only)} " "
                            <a href="/my/profile">{t!(i18n, events.take_shaker_role)}</a>
                        </p>
                    }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditEventPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let start = Resource::new(
        move || {
            let id = params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok());
            (id, i18n.get_locale().as_str().to_owned())
        },
        |(id, language)| async move {
            match id {
                Some(id) => editable_event(id, false, language).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=move || t_string!(i18n, events.edit_title).to_string()/>
        <h1>{t!(i18n, events.edit_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match start.await {
                    Ok(form) => view! { <EventEditor form/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EventEditor(form: EventForm) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveEvent>::new();
    let value = save.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <FormAlert error/>
        <ActionForm action=save attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="form[id]" value=form.id.clone()/>
            <input type="hidden" name="form[day]" value=form.day.clone()/>
            {(!form.day.is_empty()).then(|| view! {
                <p class="notice">
                    {t!(i18n, events.day_notice)} " "
                    <a href=format!("/days/{}", form.day)>{t!(i18n, events.day_link)}</a>
                </p>
            })}
            <Field name="form[title]" id="event-title" label=t_string!(i18n, events.title_label).to_string()
                max_length=TITLE_MAX_CHARS as i64 value=form.title.clone() error=field_error(error, "title")/>
            <FormatChoice chosen=form.format.clone() error=field_error(error, "format")/>
            <LanguageChoice chosen=form.language.clone() error=field_error(error, "language")/>
            <TextArea name="form[description]" id="event-description" label=t_string!(i18n, events.description_label).to_string()
                hint=t_string!(i18n, events.description_hint).to_string() max_length=DESCRIPTION_MAX_CHARS as i64 rows=8
                value=form.description.clone() error=field_error(error, "description")/>
            <fieldset>
                <legend>{t!(i18n, events.when)}</legend>
                <Field name="form[starts]" id="event-starts" input_type="datetime-local"
                    label=t_string!(i18n, events.starts_label).to_string()
                    hint=t_string!(i18n, events.times_hint).to_string()
                    value=form.starts.clone() error=field_error(error, "starts")/>
                <Field name="form[ends]" id="event-ends" input_type="datetime-local"
                    label=t_string!(i18n, events.ends_label).to_string()
                    value=form.ends.clone() error=field_error(error, "ends")/>
                <Field name="form[timezone]" id="event-timezone" required=false max_length=60
                    label=t_string!(i18n, events.timezone_label).to_string()
                    hint=t_string!(i18n, events.timezone_hint).to_string()
                    value=form.timezone.clone() error=field_error(error, "timezone")/>
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, events.where_)}</legend>
                <CityField initial=form.city.clone() id="event-city" error=field_error(error, "city")/>
                <Field name="form[address]" id="event-address" required=false max_length=ADDRESS_MAX_CHARS as i64
                    label=t_string!(i18n, events.address_label).to_string()
                    hint=t_string!(i18n, events.place_hint).to_string()
                    value=form.address.clone() error=field_error(error, "address")/>
                <Field name="form[online_url]" id="event-online" input_type="url" required=false max_length=300
                    label=t_string!(i18n, events.online_label).to_string()
                    value=form.online_url.clone() error=field_error(error, "online_url")/>
            </fieldset>
            <SpokenLanguages chosen=form.languages.clone() error=field_error(error, "languages")/>
            <fieldset>
                <legend>{t!(i18n, events.signups_legend)}</legend>
                <Field name="form[capacity]" id="event-capacity" input_type="number" required=false max_length=6
                    label=t_string!(i18n, events.capacity_label).to_string()
                    hint=t_string!(i18n, events.capacity_hint).to_string()
                    value=form.capacity.clone() error=field_error(error, "capacity")/>
                <Field name="form[max_party_size]" id="event-party" input_type="number" required=false max_length=2
                    label=t_string!(i18n, events.max_party_label).to_string()
                    hint=t_string!(i18n, events.max_party_hint, max = PARTY_SIZE_LIMIT).to_string()
                    value=form.max_party_size.clone() error=field_error(error, "max_party_size")/>
                <Field name="form[signup_deadline]" id="event-deadline" input_type="datetime-local" required=false
                    label=t_string!(i18n, events.deadline_label).to_string()
                    hint=t_string!(i18n, events.deadline_hint).to_string()
                    value=form.signup_deadline.clone() error=field_error(error, "signup_deadline")/>
                <Field name="form[reminder_hours]" id="event-reminder" input_type="number" required=false max_length=3
                    label=t_string!(i18n, events.reminder_label).to_string()
                    hint=t_string!(i18n, events.reminder_hint).to_string()
                    value=form.reminder_hours.clone() error=field_error(error, "reminder_hours")/>
            </fieldset>
            <TextArea name="form[accessibility]" id="event-accessibility" label=t_string!(i18n, events.accessibility_label).to_string()
                hint=t_string!(i18n, events.accessibility_hint).to_string() max_length=ACCESSIBILITY_MAX_CHARS as i64 rows=3
                value=form.accessibility.clone() error=field_error(error, "accessibility")/>
            <TextArea name="form[co_organisers]" id="event-co-organisers" label=t_string!(i18n, events.co_organisers_label).to_string()
                hint=t_string!(i18n, events.co_organisers_hint, max = MAX_CO_ORGANISERS).to_string() max_length=300 rows=2
                value=form.co_organisers.clone() error=field_error(error, "co_organisers")/>
            <TextArea name="form[initiatives]" id="event-initiatives" label=t_string!(i18n, events.deck_label).to_string()
                hint=t_string!(i18n, events.deck_hint, max = MAX_DECK).to_string() max_length=2000 rows=4
                value=form.initiatives.clone() error=field_error(error, "initiatives")/>
            <button type="submit" class="button">{t!(i18n, events.save)}</button>
        </ActionForm>
    }
}

#[component]
fn FormatChoice(chosen: String, #[prop(into)] error: Signal<Option<ErrorCode>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for="event-format">{t!(i18n, events.format_label)}</label>
            <select id="event-format" name="form[format]" aria-describedby="event-format-error">
                {Format::ALL.into_iter().map(|format| view! {
                    <option value=format.as_str() selected=chosen == format.as_str()>{format_label(i18n, format)}</option>
                }).collect_view()}
            </select>
            <p class="field-error" id="event-format-error">{move || error.get().map(|code| code_message(i18n, code))}</p>
        </div>
    }
}

/// The language the title and description are written in.
#[component]
fn LanguageChoice(chosen: String, #[prop(into)] error: Signal<Option<ErrorCode>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for="event-language">{t!(i18n, events.text_language_label)}</label>
            <select id="event-language" name="form[language]" aria-describedby="event-language-error">
                {CONTENT_LANGUAGES.into_iter().map(|code| view! {
                    <option value=code selected=chosen == code>{content_language_name(i18n, code)}</option>
                }).collect_view()}
            </select>
            <p class="field-error" id="event-language-error">{move || error.get().map(|code| code_message(i18n, code))}</p>
        </div>
    }
}

/// Checkboxes named `form[languages][<position>]`.
#[component]
fn SpokenLanguages(
    chosen: Vec<String>,
    #[prop(into)] error: Signal<Option<ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="choices" aria-describedby="event-languages-error">
            <legend>{t!(i18n, events.spoken_languages_legend)}</legend>
            {CONTENT_LANGUAGES.into_iter().enumerate().map(|(position, code)| {
                let id = format!("event-speaks-{code}");
                view! {
                    <div class="choice">
                        <input type="checkbox" id=id.clone() name=format!("form[languages][{position}]") value=code
                            checked=chosen.iter().any(|language| language == code)/>
                        <label for=id>{content_language_name(i18n, code)}</label>
                    </div>
                }
            }).collect_view()}
            <p class="field-error" id="event-languages-error">{move || error.get().map(|code| code_message(i18n, code))}</p>
        </fieldset>
    }
}
