//! `/initiatives/:id/reports/new` and `/reports/:id/edit`: the reporter's form. Chapters and
//! speakers are rows (the filled ones and a few empty ones), so the form works without
//! JavaScript; each refusal shows beside its field, and what was typed stays.
use super::api::{editable_report, new_report_start, SaveReport};
use super::{ChapterRow, ReportFormStart, SpeakerRow};
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use crate::initiatives::labels::content_language_name;
use crate::initiatives::CONTENT_LANGUAGES;
use crate::ui::errors::{code_message, FormAlert};
use crate::ui::form::{field_error, Field, TextArea};
use crate::ui::id_param;
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NewReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let initiative = id_param();
    let start = Resource::new(initiative, |initiative| async move {
        new_report_start(initiative.ok_or(AppError::NotFound)?).await
    });
    view! {
        <Title text=move || t_string!(i18n, reports.new_title).to_string()/>
        <h1>{t!(i18n, reports.new_title)}</h1>
        <EditorFor start/>
    }
}

#[component]
pub fn EditReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param();
    let start = Resource::new(id, |id| async move {
        editable_report(id.ok_or(AppError::NotFound)?).await
    });
    view! {
        <Title text=move || t_string!(i18n, reports.edit_title).to_string()/>
        <h1>{t!(i18n, reports.edit_title)}</h1>
        <EditorFor start/>
    }
}

/// The form once its start is loaded; a member without the reporter role is told how to take it.
#[component]
fn EditorFor(start: Resource<Result<ReportFormStart, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match start.await {
                    Ok(start) => view! { <Editor start/> }.into_any(),
                    Err(AppError::Forbidden) => {
                        #[cfg(feature = "ssr")]
                        crate::server::request::set_page_status(&AppError::Forbidden);
                        view! {
                            <p class="form-alert" role="alert">{t!(i18n, reports.reporters_only)}</p>
                            <p><a class="button" href="/my/profile">{t!(i18n, reports.take_the_role)}</a></p>
                        }.into_any()
                    }
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(start: ReportFormStart) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveReport>::new();
    let value = save.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let form = start.form;
    let is_new = form.id.is_empty();
    let max_title = super::TITLE_MAX_CHARS as i64;
    view! {
        <p class="eyebrow">{t!(i18n, reports.report_on)} " " {start.initiative_title.clone()}</p>
        {(!start.review_note.is_empty()).then(|| view! {
            <div class="status-banner" role="status">
                <p>{t!(i18n, initiative.review_note)} " " {start.review_note.clone()}</p>
            </div>
        })}
        <FormAlert error/>
        <ActionForm action=save attr:id="report-form" attr:class="stacked-form editor" attr:novalidate=true>
            <input type="hidden" name="form[id]" value=form.id.clone()/>
            <input type="hidden" name="form[initiative]" value=form.initiative.clone()/>
            <fieldset>
                <legend>{t!(i18n, reports.section_video)}</legend>
                <Field name="form[address]" id="report-address" label=t_string!(i18n, reports.address).to_string()
                    hint=t_string!(i18n, reports.address_hint).to_string() input_type="url"
                    max_length=super::ADDRESS_MAX_CHARS as i64 value=form.address.clone() error=field_error(error, "address")/>
                <Field name="form[duration]" id="report-duration" label=t_string!(i18n, reports.duration).to_string()
                    hint=t_string!(i18n, reports.duration_hint).to_string() max_length=8
                    value=form.duration.clone() error=field_error(error, "duration")/>
                <Field name="form[filmed_on]" id="report-filmed-on" label=t_string!(i18n, reports.filmed_on).to_string()
                    input_type="date" max_length=10 value=form.filmed_on.clone() error=field_error(error, "filmed_on")/>
                <LanguageField name="spoken_language" label=t_string!(i18n, reports.spoken_language).to_string()
                    chosen=form.spoken_language.clone() error=field_error(error, "spoken_language")/>
                <SubtitleChoices chosen=form.subtitles.clone() error=field_error(error, "subtitles")/>
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, reports.section_text)}</legend>
                <LanguageField name="language" label=t_string!(i18n, reports.text_language).to_string()
                    chosen=form.language.clone() error=field_error(error, "language")/>
                <Field name="form[title]" id="report-title" label=t_string!(i18n, reports.title).to_string()
                    max_length=max_title value=form.title.clone() error=field_error(error, "title")/>
                <TextArea name="form[summary]" id="report-summary" label=t_string!(i18n, reports.summary).to_string()
                    hint=t_string!(i18n, reports.summary_hint).to_string() max_length=super::SUMMARY_MAX_CHARS as i64
                    rows=5 value=form.summary.clone() error=field_error(error, "summary")/>
            </fieldset>
            <ChapterRows rows=form.chapters.clone() error/>
            <fieldset>
                <legend>{t!(i18n, reports.section_people)}</legend>
                <TextArea name="form[filmed_by]" id="report-filmed-by" label=t_string!(i18n, reports.filmed_by).to_string()
                    hint=t_string!(i18n, reports.filmed_by_hint).to_string() max_length=1200 rows=2
                    value=form.filmed_by.clone() error=field_error(error, "filmed_by")/>
                <SpeakerRows rows=form.speakers.clone() error/>
            </fieldset>
            <fieldset>
                <legend>{t!(i18n, reports.transcript)}</legend>
                <TextArea name="form[transcript]" id="report-transcript" label=t_string!(i18n, reports.transcript).to_string()
                    hint=t_string!(i18n, reports.transcript_hint).to_string() max_length=super::TRANSCRIPT_MAX_CHARS as i64
                    rows=8 value=form.transcript.clone() error=field_error(error, "transcript")/>
            </fieldset>
            <Consent ticked=form.consent == "yes" error=field_error(error, "consent")/>
        </ActionForm>
        <p class="field-hint">{t!(i18n, reports.buttons_hint)}</p>
        <div class="button-row">
            <button type="submit" form="report-form" class="button button-secondary" name="form[intent]" value="save_draft">
                {if is_new { t!(i18n, editor.save_draft).into_any() } else { t!(i18n, editor.save).into_any() }}
            </button>
            <button type="submit" form="report-form" class="button" name="form[intent]" value="submit">{t!(i18n, editor.submit)}</button>
        </div>
    }
}

/// A select of the content languages named `form[<name>]`.
#[component]
fn LanguageField(
    name: &'static str,
    label: String,
    chosen: String,
    error: Signal<Option<ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("report-{name}");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <select id=id name=format!("form[{name}]") aria-describedby=error_id.clone()>
                {CONTENT_LANGUAGES.iter().map(|code| view! {
                    <option value=*code selected=chosen == *code>{content_language_name(i18n, code)}</option>
                }).collect_view()}
            </select>
            <p class="field-error" id=error_id>{move || error.get().map(|code| code_message(i18n, code))}</p>
        </div>
    }
}

#[component]
fn SubtitleChoices(chosen: Vec<String>, error: Signal<Option<ErrorCode>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="choices" class:field-invalid=move || error.get().is_some()
            aria-describedby="report-subtitles-error">
            <legend>{t!(i18n, reports.subtitles)}</legend>
            {CONTENT_LANGUAGES.iter().enumerate().map(|(position, code)| {
                let id = format!("report-subtitles-{code}");
                view! {
                    <div class="choice">
                        <input type="checkbox" id=id.clone() name=format!("form[subtitles][{position}]") value=*code
                            checked=chosen.iter().any(|c| c == code)/>
                        <label for=id>{content_language_name(i18n, code)}</label>
                    </div>
                }
            }).collect_view()}
            <p class="field-error" id="report-subtitles-error">{move || error.get().map(|code| code_message(i18n, code))}</p>
        </fieldset>
    }
}

#[component]
fn ChapterRows(rows: Vec<ChapterRow>, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="rows">
            <legend>{t!(i18n, reports.chapters)}</legend>
            <p class="field-hint">{t!(i18n, reports.chapters_hint)}</p>
            {rows.into_iter().enumerate().map(|(row, chapter)| {
                let number = row + 1;
                let name = move |field: &str| format!("form[chapters][{row}][{field}]");
                let id = move |field: &str| format!("report-chapter-{row}-{field}");
                view! {
                    <fieldset class="row">
                        <legend>{t!(i18n, reports.chapter_number, number = number)}</legend>
                        <Field name=name("time") id=id("time") label=t_string!(i18n, reports.time_code).to_string()
                            required=false max_length=8 value=chapter.time error=field_error(error, format!("chapter_{row}_time"))/>
                        <Field name=name("title") id=id("title") label=t_string!(i18n, reports.chapter_title).to_string()
                            required=false max_length=super::CHAPTER_TITLE_MAX_CHARS as i64 value=chapter.title
                            error=field_error(error, format!("chapter_{row}_title"))/>
                        <Field name=name("sentence") id=id("sentence") label=t_string!(i18n, reports.chapter_sentence).to_string()
                            required=false max_length=super::CHAPTER_SENTENCE_MAX_CHARS as i64 value=chapter.sentence
                            error=field_error(error, format!("chapter_{row}_sentence"))/>
                    </fieldset>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn SpeakerRows(rows: Vec<SpeakerRow>, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="rows">
            <legend>{t!(i18n, reports.speakers)}</legend>
            <p class="field-hint">{t!(i18n, reports.speakers_hint)}</p>
            {rows.into_iter().enumerate().map(|(row, speaker)| {
                let number = row + 1;
                view! {
                    <fieldset class="row speaker-row">
                        <legend>{t!(i18n, reports.speaker_number, number = number)}</legend>
                        <Field name=format!("form[speakers][{row}][name]") id=format!("report-speaker-{row}-name")
                            label=t_string!(i18n, reports.speaker_name).to_string() required=false
                            max_length=super::PERSON_MAX_CHARS as i64 value=speaker.name
                            error=field_error(error, format!("speaker_{row}_name"))/>
                        <Field name=format!("form[speakers][{row}][role]") id=format!("report-speaker-{row}-role")
                            label=t_string!(i18n, reports.speaker_role).to_string() required=false
                            max_length=super::ROLE_MAX_CHARS as i64 value=speaker.role
                            error=field_error(error, format!("speaker_{row}_role"))/>
                    </fieldset>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn Consent(ticked: bool, error: Signal<Option<ErrorCode>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field choice" class:field-invalid=move || error.get().is_some()>
            <input type="checkbox" id="report-consent" name="form[consent]" value="yes" checked=ticked
                aria-describedby="report-consent-error"
                aria-invalid=move || error.get().is_some().then_some("true")/>
            <label for="report-consent">{t!(i18n, reports.consent)}</label>
            <p class="field-error" id="report-consent-error">{move || error.get().map(|code| code_message(i18n, code))}</p>
        </div>
    }
}
