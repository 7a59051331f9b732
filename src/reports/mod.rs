//! The reporters' video reports (issue 6): a video on an initiative, structured so that it
//! teaches: chapters (the key steps, each starting the player at its time code), who filmed it
//! and who speaks in it, the languages spoken and subtitled, a transcript. Reports go through the
//! moderators' queue as initiatives do, and play only when a visitor asks (no provider request
//! before). What crosses the wire is here; it compiles for the browser too.
pub mod api;
pub mod chapters;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod edit_page;
#[cfg(feature = "ssr")]
pub mod form;
pub mod gallery_page;
pub mod instances_page;
pub mod lists_page;
#[cfg(feature = "ssr")]
pub mod mails;
pub mod player;
pub mod report_page;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod thumbnails;
pub mod translate_page;
#[cfg(feature = "ssr")]
pub mod video;

use crate::accounts::AccountId;
use crate::initiatives::{InitiativeId, Intent, Status, ThemeRef};
pub use player::{Provider, Video};
use serde::{Deserialize, Serialize};

/// Longer than any real video address; a bound on what is parsed.
pub const ADDRESS_MAX_CHARS: usize = 500;
pub const TITLE_MAX_CHARS: usize = 120;
pub const SUMMARY_MAX_CHARS: usize = 2_000;
pub const TRANSCRIPT_MAX_CHARS: usize = 100_000;
pub const CHAPTER_TITLE_MAX_CHARS: usize = 80;
pub const CHAPTER_SENTENCE_MAX_CHARS: usize = 300;
pub const MAX_CHAPTERS: usize = 30;
pub const PERSON_MAX_CHARS: usize = 100;
pub const ROLE_MAX_CHARS: usize = 60;
pub const MAX_PEOPLE: usize = 10;
/// Empty chapter and speaker rows the form offers beyond the filled ones (more after a save).
pub const BLANK_ROWS: usize = 3;
/// Longer than any report a reporter would film; a bound on time codes.
pub const DURATION_MAX_SECONDS: u32 = 24 * 3600;
pub const PAGE_SIZE: i64 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportId(pub i64);

impl ReportId {
    /// "/reports/7": the report's page.
    pub fn path(self) -> String {
        format!("/reports/{}", self.0)
    }
}

/// A chapter row of the form: a time code, a title, a sentence. A row left empty is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChapterRow {
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub sentence: String,
}

/// A speaker row: a name (or a member's `@handle`) and their role in the initiative.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerRow {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
}

/// The reporter's form, as posted: `form[chapters][0][time]`, `form[subtitles][3]`...
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportForm {
    /// Empty for a new report.
    #[serde(default)]
    pub id: String,
    /// The initiative a new report is about (ignored on edits: a report stays on its initiative).
    #[serde(default)]
    pub initiative: String,
    /// The language the title, text and chapters are written in.
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub spoken_language: String,
    #[serde(default)]
    pub subtitles: Vec<String>,
    /// "12:34" or "1:02:03".
    #[serde(default)]
    pub duration: String,
    /// "2026-05-14".
    #[serde(default)]
    pub filmed_on: String,
    /// One a line: a member's `@handle` or a name.
    #[serde(default)]
    pub filmed_by: String,
    #[serde(default)]
    pub speakers: Vec<SpeakerRow>,
    #[serde(default)]
    pub chapters: Vec<ChapterRow>,
    #[serde(default)]
    pub transcript: String,
    /// "yes" when the reporter ticked that the people filmed agreed to publication.
    #[serde(default)]
    pub consent: String,
    #[serde(default)]
    pub intent: Intent,
}

/// A report's translatable texts in one language: title, text, and each chapter's title and
/// sentence by position.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTranslationForm {
    pub id: i64,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub chapters: Vec<ChapterRow>,
}

/// Someone in a report's credits: a member (linked to their profile) or a person named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub handle: Option<String>,
    /// What a speaker is in the initiative ("founder", "volunteer"); empty for who filmed.
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chapter {
    pub start_seconds: i64,
    pub title: String,
    pub sentence: String,
}

/// A report as its page shows it, texts in the reader's language when translated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportDetail {
    pub id: ReportId,
    pub status: Status,
    pub initiative_id: InitiativeId,
    pub initiative_title: String,
    pub reporter_id: AccountId,
    pub reporter_name: String,
    pub reporter_handle: Option<String>,
    /// The language of the title, text and chapters shown.
    pub language: String,
    pub original_language: String,
    /// Every language the texts exist in.
    pub languages: Vec<String>,
    pub title: String,
    pub summary: String,
    pub video: Video,
    pub spoken_language: String,
    pub subtitles: Vec<String>,
    pub duration_seconds: i64,
    /// "2026-05-14".
    pub filmed_on: String,
    pub filmed_by: Vec<Person>,
    pub speakers: Vec<Person>,
    pub chapters: Vec<Chapter>,
    pub transcript: String,
    /// The stored thumbnail; `None` shows the placeholder.
    pub thumbnail_url: Option<String>,
    pub published_at: Option<String>,
    /// Why a moderator sent it back: only for who may edit it.
    pub review_note: Option<String>,
    pub can_edit: bool,
    pub can_review: bool,
}

/// A report in the gallery and in lists on initiative and profile pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportCard {
    pub id: ReportId,
    pub title: String,
    pub language: String,
    pub initiative_id: InitiativeId,
    pub initiative_title: String,
    pub city_name: Option<String>,
    pub country_name: Option<String>,
    pub spoken_language: String,
    pub subtitles: Vec<String>,
    pub duration_seconds: i64,
    pub thumbnail_url: Option<String>,
    pub reporter_name: String,
    pub published_at: Option<String>,
}

/// The gallery's filters as the URL carries them: `/reports?theme=youth&subtitles=fr`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GalleryParams {
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    /// The language spoken.
    #[serde(default)]
    pub lang: Option<String>,
    /// A language subtitles exist in.
    #[serde(default)]
    pub subtitles: Option<String>,
    #[serde(default)]
    pub page: Option<i64>,
}

impl GalleryParams {
    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 10_000)
    }
}

/// A value a gallery filter offers, with a name when it is data (a country, a custom theme).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterChoice {
    pub value: String,
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gallery {
    pub items: Vec<ReportCard>,
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
    pub themes: Vec<ThemeRef>,
    pub countries: Vec<FilterChoice>,
    /// Languages spoken in published reports, and languages they have subtitles in.
    pub spoken_languages: Vec<String>,
    pub subtitle_languages: Vec<String>,
}

/// A report in the moderators' queue and in a reporter's own list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSummary {
    pub id: ReportId,
    pub title: String,
    pub status: Status,
    pub initiative_title: String,
    pub reporter_name: String,
    pub reporter_handle: Option<String>,
    pub updated_at: String,
}

/// What the edit form starts from: the saved report (or an empty one on its initiative).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFormStart {
    pub form: ReportForm,
    pub initiative_title: String,
    pub status: Option<Status>,
    pub review_note: String,
}

/// What the translation form starts from: the original texts, and the translation so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranslationStart {
    pub id: ReportId,
    pub original_language: String,
    pub original: ReportTranslationForm,
    pub translations: Vec<ReportTranslationForm>,
}

/// Rows for the form: the filled ones and `BLANK_ROWS` empty ones, within `max`.
pub fn with_blank_rows<T: Default + Clone>(mut rows: Vec<T>, max: usize) -> Vec<T> {
    let wanted = (rows.len() + BLANK_ROWS).min(max);
    rows.resize(wanted.max(rows.len()), T::default());
    rows
}
