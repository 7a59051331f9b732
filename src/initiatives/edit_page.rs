//! `/initiatives/new` and `/initiatives/:id/edit`: the form that guides a spotter. It saves a draft
//! at any time and submits for review; it works without JavaScript (a plain POST), and with it
//! the city field suggests cities from the gazetteer as one types.
use super::api::{
    editable_initiative, list_themes, possible_duplicates, EditFormStart, SaveInitiative,
};
use super::labels::{content_language_name, theme_label};
use super::{InitiativeForm, Photo, ThemeRef, CONTENT_LANGUAGES};
use crate::app::Auth;
use crate::cities::api::suggest_cities;
use crate::error::AppError;
use crate::events::outcome::{api::load_inspiration_start, InspirationStart};
use crate::i18n::*;
use crate::ui::errors::{code_message, error_message, upload_error_message, FormAlert};
use crate::ui::form::{field_error, Field, TextArea};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Photos an initiative may have (the server checks it too).
const MAX_PHOTOS: i64 = 5;

#[component]
pub fn NewInitiativePage() -> impl IntoView {
    let i18n = use_i18n();
    let current = expect_context::<Auth>().current_for_page();
    let themes = Resource::new(move || i18n.get_locale().as_str().to_owned(), list_themes);
    // `?event=<id>`: an initiative started from an event, linked to it and to what it presented.
    let query = use_query_map();
    let inspiration = Resource::new(
        move || {
            let event = query
                .read()
                .get("event")
                .and_then(|id| id.parse::<i64>().ok());
            (event, i18n.get_locale().as_str().to_owned())
        },
        |(event, language)| async move {
            match event {
                Some(event) => load_inspiration_start(event, language).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <Title text=move || t_string!(i18n, editor.new_title).to_string()/>
        <h1>{t!(i18n, editor.new_title)}</h1>
        <p>{t!(i18n, editor.intro)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let account = current.await.ok().flatten();
                let themes = themes.await;
                let inspiration = match account {
                    Some(_) => inspiration.await,
                    None => Ok(None),
                };
                let themes = themes.and_then(|themes| inspiration.map(|inspiration| (themes, inspiration)));
                match (account, themes) {
                    (None, _) => view! {
                        <p class="form-alert" role="alert">
                            {t!(i18n, editor.log_in_first)} " " <a href=crate::ui::log_in_href()>{t!(i18n, nav.log_in)}</a>
                        </p>
                    }.into_any(),
                    (Some(_), Err(error)) => view! { <p role="alert">{error_message(i18n, &error)}</p> }.into_any(),
                    (Some(_), Ok((themes, inspiration))) => {
                        let start = EditFormStart {
                            form: InitiativeForm {
                                language: i18n.get_locale_untracked().as_str().to_owned(),
                                ..Default::default()
                            },
                            inspiration,
                            ..Default::default()
                        };
                        view! { <Editor start themes/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditInitiativePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let start = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
        },
        |id| async move {
            match id {
                Some(id) => editable_initiative(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let themes = Resource::new(move || i18n.get_locale().as_str().to_owned(), list_themes);
    view! {
        <Title text=move || t_string!(i18n, editor.edit_title).to_string()/>
        <h1>{t!(i18n, editor.edit_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match (start.await, themes.await) {
                    (Ok(start), Ok(themes)) => view! { <Editor start themes/> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => {
                        #[cfg(feature = "ssr")]
                        crate::server::request::set_page_status(&error);
                        view! { <p class="form-alert" role="alert">{error_message(i18n, &error)}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(start: EditFormStart, themes: Vec<ThemeRef>) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveInitiative>::new();
    let value = save.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let form = start.form;
    let is_new = form.id.is_empty();
    // What the duplicates check looks at; updated when a field is left (`change` bubbles up).
    let title = RwSignal::new(form.title.clone());
    let city = RwSignal::new(form.city.clone());
    let watch_fields = move |ev: leptos::ev::Event| {
        let target = event_target::<leptos::web_sys::HtmlInputElement>(&ev);
        match target.name().as_str() {
            "form[title]" => title.set(target.value()),
            "form[city]" => city.set(target.value()),
            _ => {}
        }
    };
    let except = form.id.parse::<i64>().ok();
    view! {
        {(!start.review_note.is_empty()).then(|| view! {
            <div class="status-banner" role="status">
                <p>{t!(i18n, initiative.review_note)} " " {start.review_note.clone()}</p>
            </div>
        })}
        <FormAlert error/>
        <ActionForm action=save attr:id="initiative-form" attr:class="stacked-form editor" attr:novalidate=true on:change=watch_fields>
            <input type="hidden" name="form[id]" value=form.id.clone()/>
            <fieldset>
                <legend>{t!(i18n, editor.section_what)}</legend>
                <LanguageSelect chosen=form.language.clone() error=field_error(error, "language")/>
                <Field name="form[title]" id="initiative-title" label=t_string!(i18n, editor.title).to_string()
                    hint=t_string!(i18n, editor.title_hint).to_string() max_length=super::TITLE_MAX_CHARS as i64
                    value=form.title.clone() error=field_error(error, "title")/>
                <TextArea name="form[summary]" id="initiative-summary" label=t_string!(i18n, editor.summary).to_string()
                    hint=t_string!(i18n, editor.summary_hint).to_string() max_length=super::SUMMARY_MAX_CHARS as i64
                    rows=3 value=form.summary.clone() error=field_error(error, "summary")/>
                <TextArea name="form[description]" id="initiative-description" label=t_string!(i18n, editor.description).to_string()
                    hint=t_string!(i18n, editor.description_hint).to_string() max_length=super::DESCRIPTION_MAX_CHARS as i64
                    rows=10 value=form.description.clone() error=field_error(error, "description")/>
                <ThemeChoices themes chosen=form.themes.clone() id="initiative" legend=t_string!(i18n, editor.themes).to_string()
                    hint=t_string!(i18n, editor.themes_hint).to_string() error=field_error(error, "themes")/>
                <Field name="form[tags]" id="initiative-tags" label=t_string!(i18n, editor.tags).to_string()
                    hint=t_string!(i18n, editor.tags_hint).to_string() required=false max_length=500
                    value=form.tags.clone() error=field_error(error, "tags")/>
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, editor.section_where)}</legend>
                <CityField initial=form.city.clone() error=field_error(error, "city")/>
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, editor.section_who)}</legend>
                <TextArea name="form[founders]" id="initiative-founders" label=t_string!(i18n, editor.founders).to_string()
                    hint=t_string!(i18n, editor.founders_hint).to_string() max_length=1200 rows=3
                    value=form.founders.clone() error=field_error(error, "founders")/>
                <Field name="form[founded_year]" id="initiative-founded-year" label=t_string!(i18n, editor.founded_year).to_string()
                    input_type="number" required=false max_length=4 value=form.founded_year.clone()
                    error=field_error(error, "founded_year")/>
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, editor.section_links)}</legend>
                <Field name="form[website]" id="initiative-website" label=t_string!(i18n, editor.website).to_string()
                    input_type="url" autocomplete="url" required=false max_length=super::URL_MAX_CHARS as i64
                    value=form.website.clone() error=field_error(error, "website")/>
                <TextArea name="form[links]" id="initiative-links" label=t_string!(i18n, editor.links).to_string()
                    hint=t_string!(i18n, editor.links_hint).to_string() max_length=1600 rows=3
                    value=form.links.clone() error=field_error(error, "links")/>
            </fieldset>
            {start.inspiration.clone().map(|inspiration| view! { <InspirationChoices inspiration/> })}
            <PossibleDuplicates title city except/>
        </ActionForm>
        // The photo forms cannot sit inside the main form; its buttons come after them and name
        // their form instead.
        {except.map(|id| view! { <PhotosSection id photos=start.photos.clone()/> })}
        <p class="field-hint">{t!(i18n, editor.buttons_hint)}</p>
        <div class="button-row">
            <button type="submit" form="initiative-form" class="button button-secondary" name="form[intent]" value="save_draft">
                {if is_new { t!(i18n, editor.save_draft).into_any() } else { t!(i18n, editor.save).into_any() }}
            </button>
            <button type="submit" form="initiative-form" class="button" name="form[intent]" value="submit">{t!(i18n, editor.submit)}</button>
        </div>
    }
}

/// The event an initiative is started from (sent along), and checkboxes for the initiatives
/// it presented: those ticked are proposed as its inspiration.
#[component]
fn InspirationChoices(inspiration: InspirationStart) -> impl IntoView {
    let i18n = use_i18n();
    let title = inspiration.event_title.clone();
    view! {
        <fieldset class="choices">
            <legend>{t!(i18n, editor.inspiration_legend, title)}</legend>
            <p class="field-hint">{t!(i18n, editor.inspiration_hint)}</p>
            <input type="hidden" name="form[event]" value=inspiration.event/>
            {inspiration.deck.into_iter().enumerate().map(|(position, (id, title))| {
                let input_id = format!("inspired-by-{id}");
                view! {
                    <div class="choice">
                        <input type="checkbox" id=input_id.clone() name=format!("form[inspired_by][{position}]") value=id/>
                        <label for=input_id>{title}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn LanguageSelect(
    chosen: String,
    #[prop(into)] error: Signal<Option<crate::error::ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for="initiative-language">{t!(i18n, editor.language)}</label>
            <select id="initiative-language" name="form[language]" aria-describedby="initiative-language-error">
                {CONTENT_LANGUAGES.iter().map(|code| view! {
                    <option value=*code selected=chosen == *code>{content_language_name(i18n, code)}</option>
                }).collect_view()}
            </select>
            <p class="field-error" id="initiative-language-error">{move || error.get().map(|code| code_message(i18n, code))}</p>
        </div>
    }
}

/// Checkboxes named `form[themes][<position>]`: the server reads them as a list. `id` prefixes
/// the ids of the checkboxes, the hint and the error (`initiative-themes-hint`...).
#[component]
pub fn ThemeChoices(
    themes: Vec<ThemeRef>,
    chosen: Vec<String>,
    id: &'static str,
    legend: String,
    hint: String,
    #[prop(into)] error: Signal<Option<crate::error::ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="choices" class:field-invalid=move || error.get().is_some()
            aria-describedby=format!("{id}-themes-hint {id}-themes-error")>
            <legend>{legend}</legend>
            <p class="field-hint" id=format!("{id}-themes-hint")>{hint}</p>
            {themes.into_iter().enumerate().map(|(position, theme)| {
                let checkbox = format!("{id}-theme-{}", theme.slug);
                view! {
                    <div class="choice">
                        <input type="checkbox" id=checkbox.clone() name=format!("form[themes][{position}]")
                            value=theme.slug.clone() checked=chosen.contains(&theme.slug)/>
                        <label for=checkbox>{theme_label(i18n, &theme)}</label>
                    </div>
                }
            }).collect_view()}
            <p class="field-error" id=format!("{id}-themes-error")>{move || error.get().map(|code| code_message(i18n, code))}</p>
        </fieldset>
    }
}

/// A text field for "City, Country" with suggestions from the gazetteer once the page is
/// interactive; without JavaScript the server resolves what was typed.
#[component]
pub fn CityField(
    initial: String,
    /// The input's id: `initiative-city` unless a form says otherwise.
    #[prop(default = "initiative-city")]
    id: &'static str,
    #[prop(into)] error: Signal<Option<crate::error::ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let suggestions = LocalResource::new(move || {
        suggest_cities(typed.get(), i18n.get_locale().as_str().to_owned())
    });
    // Suggestions are read only once the page is interactive: on the server the local resource
    // never resolves, and reading it there made the page's Suspense wait on it, so that the page
    // was sometimes sent with its "Loading…" fallback (seen without JavaScript).
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{t!(i18n, editor.city)}</label>
            <p class="field-hint" id=format!("{id}-hint")>{t!(i18n, editor.city_hint)}</p>
            <input id=id name="form[city]" type="text" autocomplete="off" maxlength="120"
                list="city-suggestions" value=initial
                aria-describedby=format!("{id}-hint {id}-error")
                aria-invalid=move || error.get().is_some().then_some("true")
                on:input=move |ev| typed.set(event_target_value(&ev))/>
            <datalist id="city-suggestions">
                {move || interactive.get().then(|| suggestions.try_get()).flatten().flatten().and_then(Result::ok).unwrap_or_default().into_iter().map(|city| {
                    view! { <option value=city.label()></option> }
                }).collect_view()}
            </datalist>
            <p class="field-error" id=format!("{id}-error")>{move || error.get().map(|code| code_message(i18n, code))}</p>
        </div>
    }
}

/// Published initiatives of the same city with a similar title, shown before submitting. Rendered
/// on the server for a saved draft, refreshed in the browser when the title or city changes.
#[component]
fn PossibleDuplicates(
    title: RwSignal<String>,
    city: RwSignal<String>,
    except: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let duplicates = Resource::new(
        move || {
            (
                title.get(),
                city.get(),
                i18n.get_locale().as_str().to_owned(),
            )
        },
        move |(title, city, language)| possible_duplicates(title, city, except, language),
    );
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let found = duplicates.await.unwrap_or_default();
                (!found.is_empty()).then(|| view! {
                    <section class="duplicates" aria-live="polite" aria-labelledby="duplicates-title">
                        <h2 id="duplicates-title">{t!(i18n, editor.duplicates_title)}</h2>
                        <p>{t!(i18n, editor.duplicates_intro)}</p>
                        <ul>
                            {found.into_iter().map(|card| view! {
                                <li><a href=card.id.path() target="_blank">{card.title}</a>
                                    {card.city_name.map(|city| format!(" ({city})"))}</li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Transition>
    }
}

/// The photos of a saved initiative: each with a button to remove it, and a form to add one.
/// Plain form posts (multipart): they work without JavaScript.
#[component]
fn PhotosSection(id: i64, photos: Vec<Photo>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let error = move || {
        query
            .read()
            .get("photo_error")
            .map(|code| upload_error_message(i18n, &code))
    };
    let room_left = (photos.len() as i64) < MAX_PHOTOS;
    view! {
        <section id="photos" class="photos" aria-labelledby="photos-title">
            <h2 id="photos-title">{t!(i18n, editor.photos_title)}</h2>
            <p class="field-hint">{t!(i18n, editor.photos_hint)}</p>
            {move || error().map(|message| view! { <p class="form-alert" role="alert">{message}</p> })}
            <ul class="photo-list" role="list">
                {photos.into_iter().map(|photo| view! {
                    <li>
                        <img src=photo.thumbnail_url alt=photo.alt.clone() loading="lazy"/>
                        <form method="post" action=format!("/initiatives/{id}/photos/{}/delete", photo.id)>
                            <button type="submit" class="small-button">
                                {t!(i18n, editor.photo_remove)}
                                <span class="visually-hidden">{format!(": {}", photo.alt)}</span>
                            </button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            {room_left.then(|| view! {
                <form method="post" enctype="multipart/form-data" action=format!("/initiatives/{id}/photos") class="stacked-form">
                    <div class="field">
                        <label for="photo-file">{t!(i18n, editor.photo_file)}</label>
                        <input id="photo-file" type="file" name="photo" accept="image/jpeg,image/png,image/webp" required/>
                    </div>
                    <div class="field">
                        <label for="photo-alt">{t!(i18n, editor.photo_alt)}</label>
                        <p class="field-hint" id="photo-alt-hint">{t!(i18n, editor.photo_alt_hint)}</p>
                        <input id="photo-alt" type="text" name="alt" maxlength="300" required aria-describedby="photo-alt-hint"/>
                    </div>
                    <button type="submit" class="button button-secondary">{t!(i18n, editor.photo_add)}</button>
                </form>
            })}
        </section>
    }
}
