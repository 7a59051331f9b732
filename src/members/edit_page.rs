//! `/my/profile`: a member edits their own profile. One plain form, saved without JavaScript;
//! once the page is interactive, the headline and bio languages become tabs, and since every tab
//! stays in the form (only hidden), switching tabs loses nothing typed.
use super::api::{my_profile, SaveProfile};
use super::labels::{level_name, role_description, role_name, visibility_name};
use super::{
    text_field, ContributorRole, LanguageLevel, ProfileForm, ProfileTextForm, Visibility,
    BIO_MAX_CHARS, HEADLINE_MAX_CHARS, MAX_LINKS, MAX_THEMES,
};
use crate::error::AppError;
use crate::i18n::*;
use crate::initiatives::api::list_themes;
use crate::initiatives::edit_page::{CityField, ThemeChoices};
use crate::initiatives::labels::content_language_name;
use crate::initiatives::{ThemeRef, CONTENT_LANGUAGES};
use crate::members::credit::Avatar;
use crate::members::handle::HANDLE_MAX_CHARS;
use crate::ui::errors::{code_message, error_message, upload_error_message, FormAlert};
use crate::ui::form::{field_error, Field, TextArea};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn EditProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let language = move || i18n.get_locale().as_str().to_owned();
    let form = Resource::new(language, my_profile);
    let themes = Resource::new(language, list_themes);
    view! {
        <Title text=move || t_string!(i18n, members.edit_title).to_string()/>
        <h1>{t!(i18n, members.edit_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match (form.await, themes.await) {
                    (Ok(form), Ok(themes)) => view! { <ProfileEditor form themes/> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => {
                        #[cfg(feature = "ssr")]
                        crate::server::request::set_page_status(&error);
                        let log_in = matches!(error, AppError::Unauthorised).then(|| view! {
                            " " <a href=crate::ui::log_in_href()>{t!(i18n, nav.log_in)}</a>
                        });
                        view! { <p class="form-alert" role="alert">{error_message(i18n, &error)} {log_in}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProfileEditor(form: ProfileForm, themes: Vec<ThemeRef>) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveProfile>::new();
    let value = save.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <p>{t!(i18n, members.edit_intro)}</p>
        <AvatarSection name=form.display_name.clone() url=form.avatar_url.clone()/>
        <FormAlert error/>
        <ActionForm action=save attr:id="profile-form" attr:class="stacked-form editor" attr:novalidate=true>
            <fieldset>
                <legend>{t!(i18n, members.section_who)}</legend>
                <Field name="form[display_name]" id="profile-display-name" label=t_string!(i18n, sign_up.display_name).to_string()
                    autocomplete="nickname" max_length=crate::accounts::DISPLAY_NAME_MAX_CHARS as i64
                    value=form.display_name.clone() error=field_error(error, "display_name")/>
                <Field name="form[handle]" id="profile-handle" label=t_string!(i18n, members.handle).to_string()
                    hint=t_string!(i18n, members.handle_hint).to_string() max_length=HANDLE_MAX_CHARS as i64
                    value=form.handle.clone() error=field_error(error, "handle")/>
                <RoleChoices chosen=form.roles.clone() error=field_error(error, "roles")/>
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, members.section_where)}</legend>
                <CityField id="profile-city" initial=form.city.clone() error=field_error(error, "city")/>
                <VisibilitySelect name="form[city_visibility]" id="profile-city-visibility"
                    label=t_string!(i18n, members.city_visibility).to_string() chosen=form.city_visibility.clone()/>
            </fieldset>
            <TextTabs texts=form.texts.clone() original=form.original_language.clone() error/>
            <fieldset>
                <legend>{t!(i18n, members.section_interests)}</legend>
                <ThemeChoices themes chosen=form.themes.clone() id="profile" legend=t_string!(i18n, members.themes).to_string()
                    hint=t_string!(i18n, members.themes_hint, max = MAX_THEMES).to_string() error=field_error(error, "themes")/>
                <Field name="form[skills]" id="profile-skills" label=t_string!(i18n, members.skills).to_string()
                    hint=t_string!(i18n, members.skills_hint).to_string() required=false max_length=500
                    value=form.skills.clone() error=field_error(error, "skills")/>
            </fieldset>
            <SpokenLanguages spoken=form.spoken.clone() chosen=form.languages_visibility.clone() error=field_error(error, "spoken")/>
            <fieldset>
                <legend>{t!(i18n, members.links)}</legend>
                <TextArea name="form[links]" id="profile-links" label=t_string!(i18n, members.links).to_string()
                    hint=t_string!(i18n, members.links_hint, max = MAX_LINKS).to_string() max_length=1600 rows=3
                    value=form.links.clone() error=field_error(error, "links")/>
                <VisibilitySelect name="form[links_visibility]" id="profile-links-visibility"
                    label=t_string!(i18n, members.links_visibility).to_string() chosen=form.links_visibility.clone()/>
            </fieldset>
            <button type="submit" class="button">{t!(i18n, members.save)}</button>
        </ActionForm>
    }
}

/// The avatar, with its own plain upload form (multipart, so apart from the profile form):
/// it works without JavaScript and comes back here, with the error in the address if refused.
#[component]
fn AvatarSection(name: String, url: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let error = move || {
        query
            .read()
            .get("avatar_error")
            .map(|code| upload_error_message(i18n, &code))
    };
    let has_avatar = url.is_some();
    view! {
        <section id="avatar" class="avatar-section" aria-labelledby="avatar-title">
            <h2 id="avatar-title">{t!(i18n, members.avatar_title)}</h2>
            <Avatar name url/>
            {move || error().map(|message| view! { <p class="form-alert" role="alert">{message}</p> })}
            <form method="post" enctype="multipart/form-data" action="/my/avatar" class="stacked-form">
                <div class="field">
                    <label for="avatar-file">{t!(i18n, members.avatar_file)}</label>
                    <p class="field-hint" id="avatar-file-hint">{t!(i18n, members.avatar_hint)}</p>
                    <input id="avatar-file" type="file" name="avatar" accept="image/jpeg,image/png,image/webp"
                        required aria-describedby="avatar-file-hint"/>
                </div>
                <button type="submit" class="button button-secondary">{t!(i18n, members.avatar_upload)}</button>
            </form>
            {has_avatar.then(|| view! {
                <form method="post" action="/my/avatar/delete">
                    <button type="submit" class="small-button">{t!(i18n, members.avatar_remove)}</button>
                </form>
            })}
        </section>
    }
}

#[component]
fn VisibilitySelect(
    name: &'static str,
    id: &'static str,
    label: String,
    chosen: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = Visibility::parse(&chosen).unwrap_or_default();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                {Visibility::ALL.into_iter().map(|visibility| view! {
                    <option value=visibility.as_str() selected=visibility == chosen>{visibility_name(i18n, visibility)}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// Checkboxes named `form[roles][<position>]`, each with what the role means.
#[component]
fn RoleChoices(
    chosen: Vec<String>,
    #[prop(into)] error: Signal<Option<crate::error::ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="choices" aria-describedby="profile-roles-hint profile-roles-error">
            <legend>{t!(i18n, members.roles)}</legend>
            <p class="field-hint" id="profile-roles-hint">{t!(i18n, members.roles_hint)}</p>
            {ContributorRole::ALL.into_iter().enumerate().map(|(position, role)| {
                let id = format!("profile-role-{}", role.as_str());
                let hint_id = format!("{id}-hint");
                view! {
                    <div class="choice">
                        <input type="checkbox" id=id.clone() name=format!("form[roles][{position}]") value=role.as_str()
                            checked=chosen.iter().any(|chosen| chosen == role.as_str()) aria-describedby=hint_id.clone()/>
                        <label for=id>{role_name(i18n, role)}</label>
                        <span class="field-hint" id=hint_id>{role_description(i18n, role)}</span>
                    </div>
                }
            }).collect_view()}
            <p class="field-error" id="profile-roles-error">{move || error.get().map(|code| code_message(i18n, code))}</p>
        </fieldset>
    }
}

/// One level select per language (`form[spoken][<code>]`, empty for "I don't speak it").
#[component]
fn SpokenLanguages(
    spoken: std::collections::BTreeMap<String, String>,
    chosen: String,
    #[prop(into)] error: Signal<Option<crate::error::ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset aria-describedby="profile-spoken-hint profile-spoken-error">
            <legend>{t!(i18n, members.languages)}</legend>
            <p class="field-hint" id="profile-spoken-hint">{t!(i18n, members.languages_hint)}</p>
            <div class="language-levels">
                {CONTENT_LANGUAGES.iter().map(|code| {
                    let id = format!("profile-spoken-{code}");
                    let level = spoken.get(*code).cloned().unwrap_or_default();
                    view! {
                        <div class="field">
                            <label for=id.clone()>{content_language_name(i18n, code)}</label>
                            <select id=id name=format!("form[spoken][{code}]")>
                                <option value="" selected=level.is_empty()>{t!(i18n, members.level_none)}</option>
                                {LanguageLevel::ALL.into_iter().map(|option| view! {
                                    <option value=option.as_str() selected=level == option.as_str()>{level_name(i18n, option)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
            </div>
            <p class="field-error" id="profile-spoken-error">{move || error.get().map(|code| code_message(i18n, code))}</p>
            <VisibilitySelect name="form[languages_visibility]" id="profile-languages-visibility"
                label=t_string!(i18n, members.languages_visibility).to_string() chosen/>
        </fieldset>
    }
}

/// A language tab added in the form and not saved yet: its panel's index, and the language
/// picked in it (the tab's name).
#[derive(Clone, Copy)]
struct NewTab {
    index: usize,
    language: RwSignal<String>,
}

/// The headline and bio, one panel per language plus an empty one to add a language. Without
/// JavaScript the panels stand one under the other (one language is added per save); once
/// interactive, a tab list shows one panel at a time and more languages can be added before
/// saving. Hidden panels stay in the form, so switching tabs loses nothing typed.
#[component]
fn TextTabs(
    texts: Vec<ProfileTextForm>,
    original: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let active = RwSignal::new(0_usize);
    let saved_count = texts.len();
    let new_tabs = RwSignal::new(vec![NewTab {
        index: saved_count,
        language: RwSignal::new(String::new()),
    }]);
    let taken = StoredValue::new(
        texts
            .iter()
            .map(|text| text.language.clone())
            .collect::<Vec<_>>(),
    );
    let saved_tabs: Vec<(usize, String)> = texts
        .iter()
        .enumerate()
        .map(|(index, text)| (index, content_language_name(i18n, &text.language)))
        .collect();
    let add_tab = move |_| {
        let index = saved_count + new_tabs.with(Vec::len);
        new_tabs.update(|tabs| {
            tabs.push(NewTab {
                index,
                language: RwSignal::new(String::new()),
            })
        });
        active.set(index);
    };
    view! {
        <fieldset class="text-tabs">
            <legend>{t!(i18n, members.section_about)}</legend>
            <p class="field-hint">{t!(i18n, members.about_hint)}</p>
            <Show when=move || interactive.get()>
                <div class="tab-bar">
                    <div role="tablist" aria-label=t_string!(i18n, members.section_about).to_string() class="tab-list">
                        {saved_tabs.clone().into_iter().map(|(index, label)| view! { <Tab index active label/> }).collect_view()}
                        <For each=move || new_tabs.get() key=|tab| tab.index let:tab>
                            <Tab index=tab.index active label=Signal::derive(move || match tab.language.get().as_str() {
                                "" => t_string!(i18n, members.new_language).to_string(),
                                code => content_language_name(i18n, code),
                            })/>
                        </For>
                    </div>
                    <button type="button" class="small-button" on:click=add_tab>{t!(i18n, members.add_language)}</button>
                </div>
            </Show>
            {texts.into_iter().enumerate().map(|(index, text)| {
                let is_original = text.language == original;
                let name = content_language_name(i18n, &text.language);
                let language = text.language.clone();
                view! {
                    <TabPanel index active interactive>
                        <h3 class="tab-panel-title">{name}</h3>
                        <input type="hidden" name=format!("form[texts][{index}][language]") value=language.clone()/>
                        <TextFields index text error/>
                        <div class="choice">
                            <input type="radio" id=format!("profile-original-{index}") name="form[original_language]"
                                value=language checked=is_original/>
                            <label for=format!("profile-original-{index}")>{t!(i18n, members.is_original)}</label>
                        </div>
                        <div class="choice">
                            <input type="checkbox" id=format!("profile-remove-{index}") name=format!("form[texts][{index}][remove]") value="1"/>
                            <label for=format!("profile-remove-{index}")>{t!(i18n, members.remove_language)}</label>
                        </div>
                    </TabPanel>
                }
            }).collect_view()}
            <For each=move || new_tabs.get() key=|tab| tab.index let:tab>
                <TabPanel index=tab.index active interactive>
                    <h3 class="tab-panel-title">{t!(i18n, members.new_language)}</h3>
                    <NewLanguageSelect index=tab.index taken=taken.get_value() new_language=tab.language error/>
                    <TextFields index=tab.index text=ProfileTextForm::default() error/>
                </TabPanel>
            </For>
        </fieldset>
    }
}

#[component]
fn Tab(
    index: usize,
    active: RwSignal<usize>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    view! {
        <button type="button" role="tab" id=format!("profile-tab-{index}") aria-controls=format!("profile-panel-{index}")
            aria-selected=move || (active.get() == index).to_string()
            tabindex=move || if active.get() == index { "0" } else { "-1" }
            on:click=move |_| active.set(index)
            on:keydown=move |ev| move_between_tabs(&ev, active)>{label}</button>
    }
}

/// Arrow keys move between tabs, as screen-reader users expect of a tab list (WAI-ARIA).
fn move_between_tabs(ev: &leptos::ev::KeyboardEvent, active: RwSignal<usize>) {
    let Some(current) = ev
        .current_target()
        .and_then(|target| wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::Element>(target).ok())
    else {
        return;
    };
    let sibling = match ev.key().as_str() {
        "ArrowRight" => current.next_element_sibling(),
        "ArrowLeft" => current.previous_element_sibling(),
        _ => return,
    };
    if let Some(tab) = sibling
        .and_then(|tab| wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlElement>(tab).ok())
    {
        ev.prevent_default();
        if let Some(index) = tab
            .id()
            .strip_prefix("profile-tab-")
            .and_then(|i| i.parse().ok())
        {
            active.set(index);
        }
        let _ = tab.focus();
    }
}

/// A language's panel: a tab panel once interactive (hidden unless its tab is chosen), a plain
/// group before.
#[component]
fn TabPanel(
    index: usize,
    active: RwSignal<usize>,
    interactive: RwSignal<bool>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="tab-panel" id=format!("profile-panel-{index}")
            role=move || if interactive.get() { "tabpanel" } else { "group" }
            aria-labelledby=move || interactive.get().then(|| format!("profile-tab-{index}"))
            hidden=move || interactive.get() && active.get() != index>
            {children()}
        </div>
    }
}

#[component]
fn TextFields(
    index: usize,
    text: ProfileTextForm,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Field name=format!("form[texts][{index}][headline]") id=format!("profile-headline-{index}")
            label=t_string!(i18n, members.headline).to_string() hint=t_string!(i18n, members.headline_hint).to_string()
            required=false max_length=HEADLINE_MAX_CHARS as i64 value=text.headline
            error=field_error(error, text_field(index, "headline"))/>
        <TextArea name=format!("form[texts][{index}][bio]") id=format!("profile-bio-{index}")
            label=t_string!(i18n, members.bio).to_string() max_length=BIO_MAX_CHARS as i64 rows=8
            value=text.bio error=field_error(error, text_field(index, "bio"))/>
    }
}

/// The language of the tab being added: any language the profile has no text in yet.
#[component]
fn NewLanguageSelect(
    index: usize,
    taken: Vec<String>,
    new_language: RwSignal<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("profile-language-{index}");
    let error = field_error(error, text_field(index, "language"));
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{t!(i18n, members.text_language)}</label>
            <select id=id.clone() name=format!("form[texts][{index}][language]") aria-describedby=format!("{id}-error")
                on:change=move |ev| new_language.set(event_target_value(&ev))>
                <option value="">{t!(i18n, members.choose_language)}</option>
                {CONTENT_LANGUAGES.iter().filter(|code| !taken.iter().any(|taken| taken == *code)).map(|code| view! {
                    <option value=*code>{content_language_name(i18n, code)}</option>
                }).collect_view()}
            </select>
            <p class="field-error" id=format!("{id}-error")>{move || error.get().map(|code| code_message(i18n, code))}</p>
        </div>
    }
}
