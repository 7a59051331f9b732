//! `/reports/:id`: one report. The video shows as a thumbnail until the visitor clicks play
//! (`?play=1`): only then is the provider's player loaded. A chapter is a link that plays from
//! its time code (`?play=1&t=192`); both are plain links, so they work without JavaScript.
use super::api::{get_report, ReviewReport};
use super::chapters::format_time_code;
use super::{Chapter, Person, ReportDetail, Video};
use crate::i18n::*;
use crate::initiatives::initiative_page::{
    language_list, ReviewFields, ReviewSection, StatusBanner,
};
use crate::initiatives::labels::content_language_name;
use crate::initiatives::{Decision, Status};
use crate::members::credit::MemberCredit;
use crate::ui::dates::Date;
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Shown when no thumbnail could be fetched (or none yet).
pub const PLACEHOLDER: &str = "/report-placeholder.svg";

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::ui::id_param();
    let review = ServerAction::<ReviewReport>::new();
    let report = Resource::new(
        move || {
            (
                id(),
                i18n.get_locale().as_str().to_owned(),
                review.version().get(),
            )
        },
        |(id, language, _)| async move {
            match id {
                Some(id) => get_report(id, language).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(detail) => view! { <Report detail review/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(detail: ReportDetail, review: ServerAction<ReviewReport>) -> impl IntoView {
    let i18n = use_i18n();
    let path = detail.id.path();
    let initiative_path = detail.initiative_id.path();
    let spoken = content_language_name(i18n, &detail.spoken_language);
    let subtitles = detail
        .subtitles
        .iter()
        .map(|code| content_language_name(i18n, code))
        .collect::<Vec<_>>()
        .join(", ");
    let duration = format_time_code(detail.duration_seconds as u32);
    view! {
        <Title text=detail.title.clone()/>
        <article class="report" lang=detail.language.clone()>
            {(detail.status != Status::Published).then(|| view! {
                <StatusBanner status=detail.status note=detail.review_note.clone()/>
            })}
            <p class="eyebrow">{t!(i18n, reports.report_on)} " "
                <a href=initiative_path>{detail.initiative_title.clone()}</a>
            </p>
            <h1>{detail.title.clone()}</h1>
            <Player video=detail.video.clone() title=detail.title.clone() thumbnail=detail.thumbnail_url.clone()
                path=path.clone()/>
            {(!detail.summary.is_empty()).then(|| view! {
                <div class="report-text">
                    {detail.summary.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_owned()}</p> }).collect_view()}
                </div>
            })}
            <Chapters chapters=detail.chapters.clone() path=path.clone()/>
            <dl class="facts">
                <dt>{t!(i18n, reports.reported_by)}</dt>
                <dd><MemberCredit name=detail.reporter_name.clone() handle=detail.reporter_handle.clone()/></dd>
                <dt>{t!(i18n, reports.filmed_on)}</dt>
                <dd><Date at=detail.filmed_on.clone()/></dd>
                <dt>{t!(i18n, reports.duration)}</dt>
                <dd>{duration}</dd>
                <dt>{t!(i18n, reports.spoken_language)}</dt>
                <dd>{spoken}</dd>
                {(!subtitles.is_empty()).then(|| view! {
                    <dt>{t!(i18n, reports.subtitles)}</dt>
                    <dd>{subtitles}</dd>
                })}
                {(!detail.filmed_by.is_empty()).then(|| view! {
                    <dt>{t!(i18n, reports.filmed_by)}</dt>
                    <dd><People people=detail.filmed_by.clone()/></dd>
                })}
                {(!detail.speakers.is_empty()).then(|| view! {
                    <dt>{t!(i18n, reports.speakers)}</dt>
                    <dd><People people=detail.speakers.clone()/></dd>
                })}
                <dt>{t!(i18n, reports.text_languages)}</dt>
                <dd>{language_list(i18n, &detail.languages, &detail.original_language)}</dd>
                {detail.published_at.clone().map(|at| view! {
                    <dt>{t!(i18n, initiative.published)}</dt>
                    <dd><Date at/></dd>
                })}
            </dl>
            <Transcript text=detail.transcript.clone() language=detail.spoken_language.clone()/>
            {detail.can_edit.then(|| view! {
                <p class="button-row">
                    <a class="button" href=format!("{path}/edit")>{t!(i18n, reports.edit)}</a>
                    <a class="button button-secondary" href=format!("{path}/translate")>{t!(i18n, reports.translate)}</a>
                </p>
            })}
        </article>
        {detail.can_review.then(|| view! { <ReportReview id=detail.id.0 status=detail.status review/> })}
    }
}

/// The thumbnail and a play link until the visitor asks; then the provider's player.
#[component]
fn Player(video: Video, title: String, thumbnail: Option<String>, path: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // Memos, so that a chapter (a new `t`) changes the player's address in place: the frame
    // navigates to the new time instead of being rebuilt (a rebuilt frame stayed blank).
    let playing = Memo::new(move |_| query.read().get("play").is_some());
    let start = Memo::new(move |_| query.read().get("t").and_then(|t| t.parse::<u32>().ok()));
    let provider = video.provider.name().to_owned();
    let watch_url = video.watch_url();
    let player_url = move || video.player_url(start.get());
    let thumbnail = thumbnail.unwrap_or_else(|| PLACEHOLDER.to_owned());
    let play_label = t_string!(i18n, reports.play, title = title.clone()).to_string();
    let frame_title = t_string!(i18n, reports.player_title, title = title.clone()).to_string();
    view! {
        <div class="player" id="player">
            {move || if playing.get() {
                view! {
                    <iframe class="player-frame" src=player_url.clone() title=frame_title.clone()
                        allow="autoplay; fullscreen; picture-in-picture; encrypted-media"
                        referrerpolicy="strict-origin-when-cross-origin"></iframe>
                }.into_any()
            } else {
                view! {
                    <a class="player-start" href=format!("{path}?play=1#player") aria-label=play_label.clone()>
                        <img src=thumbnail.clone() alt="" width="640" height="360"/>
                        <span class="player-button" aria-hidden="true"></span>
                    </a>
                }.into_any()
            }}
            <p class="player-note">
                {t!(i18n, reports.privacy_note, provider = provider.clone())} " "
                <a href=watch_url rel="noopener noreferrer">{t!(i18n, reports.watch_at, provider = provider.clone())}</a>
            </p>
        </div>
    }
}

/// The key steps, each a link that plays the video from its time code.
#[component]
fn Chapters(chapters: Vec<Chapter>, path: String) -> impl IntoView {
    let i18n = use_i18n();
    if chapters.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="chapters" aria-labelledby="chapters-title">
            <h2 id="chapters-title">{t!(i18n, reports.chapters)}</h2>
            <ol class="chapter-list" role="list">
                {chapters.into_iter().map(|chapter| {
                    let code = format_time_code(chapter.start_seconds as u32);
                    let href = format!("{path}?play=1&t={}#player", chapter.start_seconds);
                    let label = t_string!(i18n, reports.play_from, time = code.clone(), title = chapter.title.clone()).to_string();
                    view! {
                        <li>
                            <a href=href aria-label=label>
                                <span class="time-code">{code}</span> " " <strong>{chapter.title}</strong>
                            </a>
                            {(!chapter.sentence.is_empty()).then(|| view! { <p>{chapter.sentence}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

#[component]
fn People(people: Vec<Person>) -> impl IntoView {
    view! {
        <ul class="people" role="list">
            {people.into_iter().map(|person| {
                let role = (!person.role.is_empty()).then(|| format!(" ({})", person.role));
                view! {
                    <li><MemberCredit name=person.name handle=person.handle/>{role}</li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The accessible alternative to the video, folded away until asked for.
#[component]
fn Transcript(text: String, language: String) -> impl IntoView {
    let i18n = use_i18n();
    if text.is_empty() {
        return ().into_any();
    }
    view! {
        <details class="transcript">
            <summary>{t!(i18n, reports.transcript)}</summary>
            <div lang=language>
                {text.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_owned()}</p> }).collect_view()}
            </div>
        </details>
    }
    .into_any()
}

#[component]
fn ReportReview(id: i64, status: Status, review: ServerAction<ReviewReport>) -> impl IntoView {
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
