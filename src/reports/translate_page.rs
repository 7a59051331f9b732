//! `/reports/:id/translate`: the reporter (or a moderator) translates a report's title, text
//! and chapters. `?lang=xx` opens an existing translation to correct it.
use super::api::{report_translation, TranslateReport};
use super::{ReportTranslationForm, TranslationStart};
use crate::error::AppError;
use crate::i18n::*;
use crate::initiatives::labels::content_language_name;
use crate::initiatives::CONTENT_LANGUAGES;
use crate::ui::errors::{code_message, FormAlert};
use crate::ui::form::{field_error, Field, TextArea};
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TranslateReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let id = crate::ui::id_param();
    let start = Resource::new(id, |id| async move {
        report_translation(id.ok_or(AppError::NotFound)?).await
    });
    view! {
        <Title text=move || t_string!(i18n, reports.translate_title).to_string()/>
        <h1>{t!(i18n, reports.translate_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match start.await {
                    Ok(start) => {
                        let language = query.read_untracked().get("lang");
                        view! { <TranslationEditor start language/> }.into_any()
                    }
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TranslationEditor(start: TranslationStart, language: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let translate = ServerAction::<TranslateReport>::new();
    let value = translate.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let language_error = field_error(error, "language");
    let existing = start
        .translations
        .iter()
        .find(|t| Some(&t.language) == language.as_ref())
        .cloned();
    let chosen = existing.as_ref().map(|t| t.language.clone());
    let form = existing.unwrap_or_else(|| ReportTranslationForm {
        id: start.id.0,
        ..Default::default()
    });
    let original = start.original.clone();
    let path = start.id.path();
    view! {
        <p><a href=path.clone()>{original.title.clone()}</a></p>
        {(!start.translations.is_empty()).then(|| view! {
            <p>{t!(i18n, reports.translations_so_far)} " "
                {start.translations.iter().map(|t| view! {
                    <a href=format!("{path}/translate?lang={}", t.language)>{content_language_name(i18n, &t.language)}</a> " "
                }).collect_view()}
            </p>
        })}
        <FormAlert error/>
        <ActionForm action=translate attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="form[id]" value=start.id.0/>
            <div class="field" class:field-invalid=move || language_error.get().is_some()>
                <label for="translation-language">{t!(i18n, translation.language)}</label>
                <select id="translation-language" name="form[language]" aria-describedby="translation-language-error">
                    {CONTENT_LANGUAGES.iter().filter(|code| **code != start.original_language).map(|code| view! {
                        <option value=*code selected=chosen.as_deref() == Some(*code)>{content_language_name(i18n, code)}</option>
                    }).collect_view()}
                </select>
                <p class="field-error" id="translation-language-error">
                    {move || language_error.get().map(|code| code_message(i18n, code))}
                </p>
            </div>
            <Field name="form[title]" id="translation-title" label=t_string!(i18n, reports.title).to_string()
                hint=original.title.clone() max_length=super::TITLE_MAX_CHARS as i64 value=form.title.clone()
                error=field_error(error, "title")/>
            <TextArea name="form[summary]" id="translation-summary" label=t_string!(i18n, reports.summary).to_string()
                max_length=super::SUMMARY_MAX_CHARS as i64 rows=5 value=form.summary.clone()
                error=field_error(error, "summary")/>
            {original.chapters.iter().enumerate().map(|(row, chapter)| {
                let translated = form.chapters.get(row).cloned().unwrap_or_default();
                view! {
                    <fieldset class="row">
                        <legend>{format!("{} {}", chapter.time, chapter.title)}</legend>
                        <Field name=format!("form[chapters][{row}][title]") id=format!("translation-chapter-{row}-title")
                            label=t_string!(i18n, reports.chapter_title).to_string() max_length=super::CHAPTER_TITLE_MAX_CHARS as i64
                            value=translated.title error=field_error(error, format!("chapter_{row}_title"))/>
                        <Field name=format!("form[chapters][{row}][sentence]") id=format!("translation-chapter-{row}-sentence")
                            label=t_string!(i18n, reports.chapter_sentence).to_string() required=false
                            hint=chapter.sentence.clone() max_length=super::CHAPTER_SENTENCE_MAX_CHARS as i64
                            value=translated.sentence error=field_error(error, format!("chapter_{row}_sentence"))/>
                    </fieldset>
                }
            }).collect_view()}
            <button type="submit" class="button">{t!(i18n, translation.submit)}</button>
        </ActionForm>
    }
}
