//! `/initiatives/:id`: one initiative, its place, themes, founders and links; the review form for
//! moderators; link previews (OpenGraph, Twitter, schema.org) for sharing.
use super::api::{get_initiative, ReviewInitiative, TranslateInitiative};
use super::founders::{FounderActions, FounderClaimsPanel};
use super::labels::{content_language_name, status_name, theme_label};
use super::search_page::{search_url, Card};
use super::{Decision, InitiativeDetail, SearchParams, Status, CONTENT_LANGUAGES};
use crate::events::list_page::EventCardView;
use crate::i18n::*;
use crate::inspiration::view::InitiativeLinksSection;
use crate::members::credit::MemberCredit;
use crate::ui::dates::Date;
use crate::ui::errors::FormAlert;
use crate::ui::form::{field_error, Field, TextArea};
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn InitiativePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let review = ServerAction::<ReviewInitiative>::new();
    let translate = ServerAction::<TranslateInitiative>::new();
    let founders = FounderActions::default();
    let detail = Resource::new(
        move || {
            (
                id(),
                i18n.get_locale().as_str().to_owned(),
                review.version().get(),
                translate.version().get(),
                founders.version(),
            )
        },
        |(id, language, _, _, _)| async move {
            match id {
                Some(id) => get_initiative(id, language).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <Initiative detail review translate founders/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Initiative(
    detail: InitiativeDetail,
    review: ServerAction<ReviewInitiative>,
    translate: ServerAction<TranslateInitiative>,
    founders: FounderActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let reader = i18n.get_locale_untracked().as_str();
    let is_translation = detail.text.language != detail.original_language;
    let shown_language = detail.text.language.clone();
    let original_language = detail.original_language.clone();
    let title = detail.text.title.clone();
    let place = detail.city.as_ref().map(|city| city.label());
    let city_link = detail.city.as_ref().map(|city| {
        search_url(&SearchParams {
            city: Some(city.id.0),
            ..Default::default()
        })
    });
    let not_in_reader_language = detail.text.language != reader;
    view! {
        <Title text=title.clone()/>
        <LinkPreview detail=detail.clone()/>
        <article class="initiative" lang=shown_language.clone()>
            {(detail.status != Status::Published).then(|| view! {
                <StatusBanner status=detail.status note=detail.review_note.clone()/>
            })}
            <h1>{title}</h1>
            {(is_translation || not_in_reader_language).then(|| {
                let note = if is_translation {
                    t_string!(i18n, initiative.translated_from, language = content_language_name(i18n, &original_language)).to_string()
                } else {
                    t_string!(i18n, initiative.written_in, language = content_language_name(i18n, &shown_language)).to_string()
                };
                view! { <p class="language-note">{note}</p> }
            })}
            <p class="summary">{detail.text.summary.clone()}</p>
            <dl class="facts">
                {place.zip(city_link).map(|(place, href)| view! {
                    <dt>{t!(i18n, initiative.place)}</dt>
                    <dd><a href=href>{place}</a></dd>
                })}
                {(!detail.themes.is_empty()).then(|| view! {
                    <dt>{t!(i18n, initiative.themes)}</dt>
                    <dd>
                        <ul class="tags" role="list">
                            {detail.themes.iter().map(|theme| {
                                let href = search_url(&SearchParams { theme: Some(theme.slug.clone()), ..Default::default() });
                                view! { <li><a href=href>{theme_label(i18n, theme)}</a></li> }
                            }).collect_view()}
                        </ul>
                    </dd>
                })}
                {detail.founded_year.map(|year| view! {
                    <dt>{t!(i18n, initiative.founded)}</dt>
                    <dd>{year}</dd>
                })}
                {(!detail.founders.is_empty()).then(|| view! {
                    <dt>{t!(i18n, initiative.founders)}</dt>
                    <dd>
                        <ul class="founders" role="list">
                            {detail.founders.iter().map(|founder| view! {
                                <li>
                                    {match &founder.handle {
                                        Some(handle) => view! {
                                            <a href=crate::members::member_path(handle)>{founder.name.clone()}</a>
                                            " " <span class="badge">{t!(i18n, founders.member_badge)}</span>
                                        }.into_any(),
                                        None => founder.name.clone().into_any(),
                                    }}
                                </li>
                            }).collect_view()}
                        </ul>
                    </dd>
                })}
                <dt>{t!(i18n, initiative.languages)}</dt>
                <dd>{language_list(i18n, &detail.languages, &detail.original_language)}</dd>
                <dt>{t!(i18n, initiative.spotted_by)}</dt>
                <dd><MemberCredit name=detail.spotter_name.clone() handle=detail.spotter_handle.clone()/></dd>
                {detail.published_at.clone().map(|at| view! {
                    <dt>{t!(i18n, initiative.published)}</dt>
                    <dd><Date at/></dd>
                })}
            </dl>
            <div class="description" inner_html=detail.description_html.clone()></div>
            {(!detail.photos.is_empty()).then(|| view! {
                <h2>{t!(i18n, initiative.photos)}</h2>
                <ul class="gallery" role="list">
                    {detail.photos.iter().map(|photo| view! {
                        <li><a href=photo.large_url.clone()><img src=photo.thumbnail_url.clone() alt=photo.alt.clone() loading="lazy"/></a></li>
                    }).collect_view()}
                </ul>
            })}
            <Links website=detail.website.clone() links=detail.links.clone()/>
            {(!detail.tags.is_empty()).then(|| view! {
                <h2>{t!(i18n, initiative.tags)}</h2>
                <ul class="tags" role="list">
                    {detail.tags.iter().map(|tag| {
                        let href = search_url(&SearchParams { q: tag.clone(), ..Default::default() });
                        view! { <li><a href=href>{tag.clone()}</a></li> }
                    }).collect_view()}
                </ul>
            })}
            {detail.can_edit.then(|| view! {
                <p><a class="button" href=format!("{}/edit", detail.id.path())>{t!(i18n, initiative.edit)}</a></p>
            })}
        </article>
        {detail.can_edit.then(|| view! {
            <TranslationForm id=detail.id.0 original=detail.original_language.clone() translate/>
        })}
        <FounderClaimsPanel initiative=detail.id.0 claims=detail.founder_claims.clone() actions=founders/>
        {detail.can_review.then(|| view! { <ReviewForm id=detail.id.0 status=detail.status review/> })}
        <crate::reports::gallery_page::ReportsSection cards=detail.reports.clone()
            title=t_string!(i18n, reports.on_initiative_title).to_string()/>
        {detail.can_report.then(|| view! {
            <p><a class="button button-secondary" href=format!("{}/reports/new", detail.id.path())>{t!(i18n, reports.attach)}</a></p>
        })}
        <InitiativeLinksSection links=detail.inspiration.clone() lineage=detail.lineage.clone()
            initiative=detail.id.0 can_edit=detail.can_edit/>
        {(!detail.events.is_empty()).then(|| view! {
            <section class="presented-at" aria-labelledby="presented-at">
                <h2 id="presented-at">{t!(i18n, initiative.presented_at)}</h2>
                <ul class="event-list" role="list">
                    {detail.events.clone().into_iter().map(|card| view! { <li><EventCardView card/></li> }).collect_view()}
                </ul>
            </section>
        })}
        {(!detail.more_like_this.is_empty()).then(|| view! {
            <section class="more-like-this" aria-labelledby="more-like-this">
                <h2 id="more-like-this">{t!(i18n, initiative.more_like_this)}</h2>
                <ul class="cards" role="list">
                    {detail.more_like_this.clone().into_iter().map(|card| view! { <li><Card card/></li> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// "English (original), French": the languages an initiative (or a report) can be read in.
pub fn language_list(
    i18n: leptos_i18n::I18nContext<Locale>,
    languages: &[String],
    original: &str,
) -> String {
    languages
        .iter()
        .map(|code| {
            let name = content_language_name(i18n, code);
            if code == original {
                t_string!(i18n, initiative.original_language, language = name).to_string()
            } else {
                name
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn StatusBanner(status: Status, note: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="status-banner" role="status">
            <p><strong>{status_name(i18n, status)}</strong></p>
            {note.map(|note| view! { <p>{t!(i18n, initiative.review_note)} " " {note}</p> })}
        </div>
    }
}

#[component]
fn Links(website: String, links: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    if website.is_empty() && links.is_empty() {
        return ().into_any();
    }
    let all: Vec<String> = std::iter::once(website)
        .filter(|w| !w.is_empty())
        .chain(links)
        .collect();
    view! {
        <h2>{t!(i18n, initiative.links)}</h2>
        <ul role="list" class="links">
            {all.into_iter().map(|url| view! {
                <li><a href=url.clone() rel="nofollow ugc noopener">{url.clone()}</a></li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Moderators decide here; a reason is required to send back or unpublish.
#[component]
fn ReviewForm(id: i64, status: Status, review: ServerAction<ReviewInitiative>) -> impl IntoView {
    let value = review.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    if !Decision::ALL
        .iter()
        .any(|d| d.next_status(status).is_some())
    {
        return ().into_any();
    }
    view! {
        <ReviewSection error>
            <ActionForm action=review attr:class="stacked-form" attr:novalidate=true>
                <ReviewFields id status error/>
            </ActionForm>
        </ReviewSection>
    }
    .into_any()
}

/// The moderators' section around a review form (initiatives', reports').
#[component]
pub fn ReviewSection(
    error: Signal<Option<crate::error::AppError>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="review" aria-labelledby="review-title">
            <h2 id="review-title">{t!(i18n, review.title)}</h2>
            <FormAlert error/>
            {children()}
        </section>
    }
}

/// A review form's note and the decisions open from `status`, for item `id`.
#[component]
pub fn ReviewFields(
    id: i64,
    status: Status,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let note_error = field_error(error, "note");
    let open = |decision: Decision| decision.next_status(status).is_some();
    view! {
        <input type="hidden" name="form[id]" value=id/>
        <div class="field" class:field-invalid=move || note_error.get().is_some()>
            <label for="review-note">{t!(i18n, review.note)}</label>
            <p class="field-hint" id="review-note-hint">{t!(i18n, review.note_hint)}</p>
            <textarea id="review-note" name="form[note]" rows="3" maxlength="1000"
                aria-describedby="review-note-hint review-note-error"
                aria-invalid=move || note_error.get().is_some().then_some("true")></textarea>
            <p class="field-error" id="review-note-error">
                {move || note_error.get().map(|code| crate::ui::errors::code_message(i18n, code))}
            </p>
        </div>
        <div class="button-row">
            {open(Decision::Approve).then(|| view! {
                <button type="submit" class="button" name="form[decision]" value=decision_value(Decision::Approve)>{t!(i18n, review.approve)}</button>
            })}
            {open(Decision::Return).then(|| view! {
                <button type="submit" class="button button-secondary" name="form[decision]" value=decision_value(Decision::Return)>{t!(i18n, review.send_back)}</button>
            })}
            {open(Decision::Unpublish).then(|| view! {
                <button type="submit" class="button button-danger" name="form[decision]" value=decision_value(Decision::Unpublish)>{t!(i18n, review.unpublish)}</button>
            })}
        </div>
    }
}

/// Its spotter and moderators add a translation; readers of that language then see it.
#[component]
fn TranslationForm(
    id: i64,
    original: String,
    translate: ServerAction<TranslateInitiative>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = translate.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let language_error = field_error(error, "language");
    let saved = move || matches!(value.get(), Some(Ok(())));
    view! {
        <section class="translate" aria-labelledby="translate-title">
            <h2 id="translate-title">{t!(i18n, translation.title)}</h2>
            <p>{t!(i18n, translation.intro)}</p>
            <p role="status" class="form-saved">{move || saved().then_some(t!(i18n, translation.saved))}</p>
            <FormAlert error/>
            <ActionForm action=translate attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="form[id]" value=id/>
                <div class="field" class:field-invalid=move || language_error.get().is_some()>
                    <label for="translation-language">{t!(i18n, translation.language)}</label>
                    <select id="translation-language" name="form[language]" aria-describedby="translation-language-error">
                        {CONTENT_LANGUAGES.iter().filter(|code| **code != original).map(|code| view! {
                            <option value=*code>{content_language_name(i18n, code)}</option>
                        }).collect_view()}
                    </select>
                    <p class="field-error" id="translation-language-error">
                        {move || language_error.get().map(|code| crate::ui::errors::code_message(i18n, code))}
                    </p>
                </div>
                <Field name="form[title]" id="translation-title" label=t_string!(i18n, editor.title).to_string()
                    max_length=super::TITLE_MAX_CHARS as i64 error=field_error(error, "title")/>
                <TextArea name="form[summary]" id="translation-summary" label=t_string!(i18n, editor.summary).to_string()
                    max_length=super::SUMMARY_MAX_CHARS as i64 rows=3 error=field_error(error, "summary")/>
                <TextArea name="form[description]" id="translation-description" label=t_string!(i18n, editor.description).to_string()
                    max_length=super::DESCRIPTION_MAX_CHARS as i64 rows=8 error=field_error(error, "description")/>
                <button type="submit" class="button">{t!(i18n, translation.submit)}</button>
            </ActionForm>
        </section>
    }
}

fn decision_value(decision: Decision) -> &'static str {
    match decision {
        Decision::Approve => "approve",
        Decision::Return => "return",
        Decision::Unpublish => "unpublish",
    }
}

/// OpenGraph and Twitter tags and schema.org data, so that a shared link shows a preview.
#[component]
fn LinkPreview(detail: InitiativeDetail) -> impl IntoView {
    let description = detail.text.summary.clone();
    view! {
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:title" content=detail.text.title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:url" content=detail.canonical_url.clone()/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content=detail.text.title.clone()/>
        <Meta name="twitter:description" content=description/>
        {(!detail.structured_data.is_empty()).then(|| view! {
            <script type="application/ld+json" inner_html=detail.structured_data.clone()></script>
        })}
    }
}
