//! (ssr) The reporter's form turned into a report, or into every refusal at once. Errors name
//! the form's fields; a chapter's or speaker's by its row (`chapter_2_time`, `speaker_0_name`).
use super::chapters::{check_order, parse_time_code, ChapterError};
use super::video::{self, VideoAddressError};
use super::{
    ChapterRow, ReportForm, ReportId, ReportTranslationForm, SpeakerRow, Video,
    CHAPTER_SENTENCE_MAX_CHARS, CHAPTER_TITLE_MAX_CHARS, DURATION_MAX_SECONDS, MAX_CHAPTERS,
    MAX_PEOPLE, PERSON_MAX_CHARS, ROLE_MAX_CHARS, SUMMARY_MAX_CHARS, TITLE_MAX_CHARS,
    TRANSCRIPT_MAX_CHARS,
};
use crate::error::{AppError, ErrorCode, FieldErrors};
use crate::initiatives::{parse_language, InitiativeId, Intent};
use crate::validation::{parse_line, parse_text};
use time::Date;

/// The oldest filming date taken: before it, a typo is likelier than a report.
const FIRST_FILMING_YEAR: i32 = 1950;

/// A person as typed: a member's handle (resolved on saving) or a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonInput {
    pub name: String,
    pub handle: Option<String>,
    pub role: String,
    /// The form row a speaker was typed on (empty rows are skipped), for errors found later.
    pub row: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterInput {
    pub start_seconds: u32,
    pub title: String,
    pub sentence: String,
}

/// A report's texts in one language (the original, or a translation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTexts {
    pub language: String,
    pub title: String,
    pub summary: String,
    /// Title and sentence of each chapter, by position.
    pub chapters: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportInput {
    pub id: Option<ReportId>,
    pub initiative: Option<InitiativeId>,
    pub language: String,
    pub title: String,
    pub summary: String,
    pub video: Video,
    pub spoken_language: String,
    pub subtitles: Vec<String>,
    pub duration_seconds: u32,
    pub filmed_on: Date,
    pub filmed_by: Vec<PersonInput>,
    pub speakers: Vec<PersonInput>,
    pub chapters: Vec<ChapterInput>,
    pub transcript: String,
    pub consent: bool,
    pub intent: Intent,
}

impl ReportInput {
    pub fn texts(&self) -> ReportTexts {
        ReportTexts {
            language: self.language.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            chapters: self
                .chapters
                .iter()
                .map(|chapter| (chapter.title.clone(), chapter.sentence.clone()))
                .collect(),
        }
    }
}

pub fn video_code(error: VideoAddressError) -> ErrorCode {
    match error {
        VideoAddressError::NotAnAddress => ErrorCode::NotAVideoAddress,
        VideoAddressError::UnknownHost => ErrorCode::UnknownVideoHost,
        VideoAddressError::NotAVideo => ErrorCode::NotOneVideo,
    }
}

fn chapter_code(error: ChapterError) -> ErrorCode {
    match error {
        ChapterError::InvalidTimeCode => ErrorCode::InvalidTimeCode,
        ChapterError::BeyondDuration => ErrorCode::BeyondDuration,
        ChapterError::OutOfOrder => ErrorCode::ChapterOutOfOrder,
    }
}

fn parse_id<T>(raw: &str, make: impl Fn(i64) -> T) -> Result<Option<T>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        raw => raw
            .parse::<i64>()
            .map(|id| Some(make(id)))
            .map_err(|_| AppError::BadRequest),
    }
}

fn parse_duration(raw: &str) -> Result<u32, ErrorCode> {
    if raw.trim().is_empty() {
        return Err(ErrorCode::Required);
    }
    match parse_time_code(raw) {
        Ok(seconds) if seconds > 0 && seconds <= DURATION_MAX_SECONDS => Ok(seconds),
        _ => Err(ErrorCode::InvalidTimeCode),
    }
}

/// "2026-05-14", not after `today` nor before 1950.
fn parse_filmed_on(raw: &str, today: Date) -> Result<Date, ErrorCode> {
    let date = crate::validation::parse_date(raw)?;
    if date > today {
        Err(ErrorCode::InFuture)
    } else if date.year() < FIRST_FILMING_YEAR {
        Err(ErrorCode::InvalidDate)
    } else {
        Ok(date)
    }
}

fn parse_languages(raw: &[String]) -> Result<Vec<String>, ErrorCode> {
    let mut languages = Vec::new();
    for code in raw.iter().filter(|code| !code.trim().is_empty()) {
        let code = parse_language(code)?;
        if !languages.contains(&code) {
            languages.push(code);
        }
    }
    Ok(languages)
}

/// "@handle" for a member (resolved on saving), anything else is a name.
fn person(raw: &str, role: String) -> Result<PersonInput, ErrorCode> {
    let name = parse_line(raw, PERSON_MAX_CHARS, true)?;
    let handle = name
        .strip_prefix('@')
        .map(|handle| handle.trim().to_lowercase());
    Ok(PersonInput {
        name,
        handle,
        role,
        row: 0,
    })
}

fn parse_filmed_by(raw: &str, required: bool) -> Result<Vec<PersonInput>, ErrorCode> {
    let lines: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    if lines.len() > MAX_PEOPLE {
        return Err(ErrorCode::TooMany);
    }
    if required && lines.is_empty() {
        return Err(ErrorCode::Required);
    }
    lines
        .into_iter()
        .map(|line| person(line, String::new()))
        .collect()
}

fn parse_speakers(rows: &[SpeakerRow], errors: &mut FieldErrors) -> Vec<PersonInput> {
    let mut speakers = Vec::new();
    for (row, speaker) in rows.iter().enumerate() {
        if speaker.name.trim().is_empty() && speaker.role.trim().is_empty() {
            continue;
        }
        if speakers.len() == MAX_PEOPLE {
            errors.add(&format!("speaker_{row}_name"), ErrorCode::TooMany);
            break;
        }
        let role = errors.check(
            &format!("speaker_{row}_role"),
            parse_line(&speaker.role, ROLE_MAX_CHARS, false),
        );
        let name = person(&speaker.name, role.unwrap_or_default());
        if let Some(person) = errors.check(&format!("speaker_{row}_name"), name) {
            speakers.push(PersonInput { row, ..person });
        }
    }
    speakers
}

/// The filled chapter rows, each with its row number (for errors).
fn parse_chapters(
    rows: &[ChapterRow],
    duration: Option<u32>,
    errors: &mut FieldErrors,
) -> Vec<ChapterInput> {
    let mut chapters = Vec::new();
    let mut rows_of_chapters = Vec::new();
    for (row, chapter) in rows.iter().enumerate() {
        let filled = [&chapter.time, &chapter.title, &chapter.sentence];
        if filled.iter().all(|text| text.trim().is_empty()) {
            continue;
        }
        if chapters.len() == MAX_CHAPTERS {
            errors.add(&format!("chapter_{row}_time"), ErrorCode::TooMany);
            break;
        }
        let start = match chapter.time.trim() {
            "" => Err(ErrorCode::Required),
            time => parse_time_code(time).map_err(chapter_code),
        };
        let start = errors.check(&format!("chapter_{row}_time"), start);
        let (title, sentence) = chapter_texts(chapter, row, errors);
        if let (Some(start_seconds), Some(title), Some(sentence)) = (start, title, sentence) {
            chapters.push(ChapterInput {
                start_seconds,
                title,
                sentence,
            });
            rows_of_chapters.push(row);
        }
    }
    if let Some(duration) = duration {
        let starts: Vec<u32> = chapters.iter().map(|c| c.start_seconds).collect();
        for (position, error) in check_order(&starts, duration) {
            let row = rows_of_chapters[position];
            errors.add(&format!("chapter_{row}_time"), chapter_code(error));
        }
    }
    chapters
}

fn chapter_texts(
    chapter: &ChapterRow,
    row: usize,
    errors: &mut FieldErrors,
) -> (Option<String>, Option<String>) {
    let title = errors.check(
        &format!("chapter_{row}_title"),
        parse_line(&chapter.title, CHAPTER_TITLE_MAX_CHARS, true),
    );
    let sentence = errors.check(
        &format!("chapter_{row}_sentence"),
        parse_text(&chapter.sentence, CHAPTER_SENTENCE_MAX_CHARS, false),
    );
    (title, sentence)
}

impl ReportForm {
    /// `peertube_hosts`: the instances the admins listed; `today`: the latest filming date.
    pub fn parse(&self, peertube_hosts: &[String], today: Date) -> Result<ReportInput, AppError> {
        let submit = self.intent == Intent::Submit;
        let id = parse_id(&self.id, ReportId)?;
        let initiative = parse_id(&self.initiative, InitiativeId)?;
        let mut errors = FieldErrors::default();
        let language = errors.check("language", parse_language(&self.language));
        let video = match self.address.trim() {
            "" => Err(ErrorCode::Required),
            raw => video::parse(raw, peertube_hosts).map_err(video_code),
        };
        let video = errors.check("address", video);
        let title = errors.check("title", parse_line(&self.title, TITLE_MAX_CHARS, true));
        let summary = errors.check(
            "summary",
            parse_text(&self.summary, SUMMARY_MAX_CHARS, submit),
        );
        let spoken = errors.check("spoken_language", parse_language(&self.spoken_language));
        let subtitles = errors.check("subtitles", parse_languages(&self.subtitles));
        let duration = errors.check("duration", parse_duration(&self.duration));
        let filmed_on = errors.check("filmed_on", parse_filmed_on(&self.filmed_on, today));
        let filmed_by = errors.check("filmed_by", parse_filmed_by(&self.filmed_by, submit));
        let speakers = parse_speakers(&self.speakers, &mut errors);
        let chapters = parse_chapters(&self.chapters, duration, &mut errors);
        let transcript = errors.check(
            "transcript",
            parse_text(&self.transcript, TRANSCRIPT_MAX_CHARS, false),
        );
        let consent = self.consent.trim() == "yes";
        if submit && !consent {
            errors.add("consent", ErrorCode::ConsentRequired);
        }
        if !errors.is_empty() {
            return Err(errors.into_error());
        }
        match (
            language, video, title, summary, spoken, subtitles, duration, filmed_on, filmed_by,
            transcript,
        ) {
            (
                Some(language),
                Some(video),
                Some(title),
                Some(summary),
                Some(spoken_language),
                Some(subtitles),
                Some(duration_seconds),
                Some(filmed_on),
                Some(filmed_by),
                Some(transcript),
            ) => Ok(ReportInput {
                id,
                initiative,
                language,
                title,
                summary,
                video,
                spoken_language,
                subtitles,
                duration_seconds,
                filmed_on,
                filmed_by,
                speakers,
                chapters,
                transcript,
                consent,
                intent: self.intent,
            }),
            _ => Err(errors.into_error()),
        }
    }
}

impl ReportTranslationForm {
    /// The translated texts; `chapter_count` is how many chapters the report has (a translation
    /// gives each a title, its sentence may stay empty).
    pub fn parse(&self, chapter_count: usize) -> Result<ReportTexts, AppError> {
        let mut errors = FieldErrors::default();
        let language = errors.check("language", parse_language(&self.language));
        let title = errors.check("title", parse_line(&self.title, TITLE_MAX_CHARS, true));
        let summary = errors.check(
            "summary",
            parse_text(&self.summary, SUMMARY_MAX_CHARS, false),
        );
        let blank = ChapterRow::default();
        let chapters: Vec<_> = (0..chapter_count)
            .map(|row| chapter_texts(self.chapters.get(row).unwrap_or(&blank), row, &mut errors))
            .collect();
        match (language, title, summary) {
            (Some(language), Some(title), Some(summary)) if errors.is_empty() => Ok(ReportTexts {
                language,
                title,
                summary,
                chapters: chapters
                    .into_iter()
                    .map(|(title, sentence)| {
                        (title.unwrap_or_default(), sentence.unwrap_or_default())
                    })
                    .collect(),
            }),
            _ => Err(errors.into_error()),
        }
    }
}

#[cfg(test)]
mod tests;
