//! (ssr) The SQL of reports, written once for both backends.
use super::form::{ReportInput, ReportTexts};
use super::{
    Chapter, FilterChoice, Gallery, GalleryParams, Person, Provider, ReportCard, ReportDetail,
    ReportForm, ReportFormStart, ReportId, ReportSummary, ReportTranslationForm, SpeakerRow, Video,
    PAGE_SIZE,
};
use crate::accounts::store::HANDLE_UNLESS_DELETED;
use crate::accounts::AccountId;
use crate::cities::country_names::country_name;
use crate::db::{db_failed, rfc3339, Db, SqlValue};
use crate::error::AppError;
use crate::initiatives::store::{load_search_document, refresh_search_index};
use crate::initiatives::store::{SearchDocument, SearchIndex};
use crate::initiatives::{InitiativeId, Status};
use crate::{bind_values, in_write_transaction, with_pool};
use time::{Date, OffsetDateTime};

/// The title of report `r` in language `$lang` if translated, else as written.
macro_rules! report_text {
    ($column:literal, $lang:literal) => {
        concat!(
            "coalesce((SELECT ",
            $column,
            " FROM report_texts WHERE report_id = r.id AND language = ",
            $lang,
            "), \
             (SELECT ",
            $column,
            " FROM report_texts WHERE report_id = r.id AND language = r.original_language), '')"
        )
    };
}

/// The title of the initiative of report `r`, in `$lang` if translated.
macro_rules! initiative_title {
    ($lang:literal) => {
        concat!(
            "coalesce((SELECT title FROM initiative_texts WHERE initiative_id = r.initiative_id AND language = ", $lang, "), \
             (SELECT t.title FROM initiative_texts t JOIN initiatives i2 ON i2.id = t.initiative_id \
              WHERE t.initiative_id = r.initiative_id AND t.language = i2.original_language), '')"
        )
    };
}

// ---- PeerTube instances -------------------------------------------------------------------

/// The PeerTube instances admins listed, by host name.
pub async fn peertube_hosts(db: &Db) -> Result<Vec<String>, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, String>("SELECT host FROM peertube_instances ORDER BY host")
        .fetch_all(pool).await)
    .map_err(db_failed)
}

/// Lists `host`; false when it was listed already.
pub async fn add_peertube_host(db: &Db, actor: AccountId, host: &str) -> Result<bool, AppError> {
    let added = with_pool!(db, pool => sqlx::query(
        "INSERT INTO peertube_instances (host, added_by, added_at) VALUES ($1, $2, $3) ON CONFLICT (host) DO NOTHING")
        .bind(host).bind(actor.0).bind(OffsetDateTime::now_utc()).execute(pool).await
        .map(|done| done.rows_affected()))
    .map_err(db_failed)?;
    Ok(added == 1)
}

/// Takes `host` off the list. Reports already on it keep their video: it was checked when saved.
pub async fn remove_peertube_host(db: &Db, host: &str) -> Result<(), AppError> {
    with_pool!(db, pool => sqlx::query("DELETE FROM peertube_instances WHERE host = $1")
        .bind(host).execute(pool).await.map(|_| ()))
    .map_err(db_failed)
}

// ---- Who may do what ----------------------------------------------------------------------

pub async fn is_reporter(db: &Db, account: AccountId) -> Result<bool, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, bool>(
        "SELECT EXISTS (SELECT 1 FROM member_roles WHERE account_id = $1 AND role = 'reporter')")
        .bind(account.0).fetch_one(pool).await)
    .map_err(db_failed)
}

/// Who a report belongs to and where it is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ownership {
    pub reporter: AccountId,
    pub status: Status,
    pub initiative: InitiativeId,
}

pub async fn ownership(db: &Db, id: ReportId) -> Result<Option<Ownership>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (i64, String, i64)>(
        "SELECT reporter_id, status, initiative_id FROM reports WHERE id = $1")
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(row.map(|(reporter, status, initiative)| Ownership {
        reporter: AccountId(reporter),
        status: Status::parse(&status).unwrap_or(Status::Draft),
        initiative: InitiativeId(initiative),
    }))
}

// ---- Writing ------------------------------------------------------------------------------

/// A person of the credits with their member account, when they named one by handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedPerson {
    pub name: String,
    pub account: Option<AccountId>,
    pub role: String,
}

pub struct ResolvedReport<'a> {
    pub input: &'a ReportInput,
    /// The initiative (the saved report's on an edit).
    pub initiative: InitiativeId,
    pub filmed_by: Vec<ResolvedPerson>,
    pub speakers: Vec<ResolvedPerson>,
}

/// Writes the title, text and chapter texts of one language (the original or a translation).
macro_rules! write_texts {
    ($tx:ident, $id:expr, $texts:expr) => {{
        let texts: &ReportTexts = $texts;
        sqlx::query(
            "INSERT INTO report_texts (report_id, language, title, summary) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (report_id, language) DO UPDATE SET title = excluded.title, summary = excluded.summary")
            .bind($id).bind(&texts.language).bind(&texts.title).bind(&texts.summary)
            .execute(&mut *$tx).await.map_err(db_failed)?;
        for (position, (title, sentence)) in texts.chapters.iter().enumerate() {
            sqlx::query(
                "INSERT INTO report_chapter_texts (report_id, position, language, title, sentence) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (report_id, position, language) \
                 DO UPDATE SET title = excluded.title, sentence = excluded.sentence")
                .bind($id).bind(position as i64).bind(&texts.language).bind(title).bind(sentence)
                .execute(&mut *$tx).await.map_err(db_failed)?;
        }
    }};
}

macro_rules! record_change {
    ($tx:ident, $id:expr, $actor:expr, $action:expr, $note:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO report_changes (report_id, actor_id, action, note, changed_at) \
                     VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($id)
        .bind($actor.0)
        .bind($action)
        .bind($note)
        .bind($now)
        .execute(&mut *$tx)
        .await
        .map_err(db_failed)?
    };
}

/// Creates or replaces a report with everything it holds, in one transaction.
pub async fn save(
    db: &Db,
    actor: AccountId,
    report: &ResolvedReport<'_>,
    status: Status,
) -> Result<ReportId, AppError> {
    let input = report.input;
    let now = OffsetDateTime::now_utc();
    let submitted_at = (status == Status::Submitted).then_some(now);
    let consent_at = input.consent.then_some(now);
    let action = match (input.id, status) {
        (None, _) => "created",
        (Some(_), Status::Submitted) => "submitted",
        (Some(_), _) => "edited",
    };
    let video = &input.video;
    let duration = i64::from(input.duration_seconds);
    let id = in_write_transaction!(db, tx => {
        let id: i64 = match input.id {
            None => sqlx::query_scalar(
                "INSERT INTO reports (initiative_id, reporter_id, status, provider, video_host, video_id, \
                 original_language, spoken_language, duration_seconds, filmed_on, consent_at, transcript, \
                 created_at, updated_at, submitted_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING id")
                .bind(report.initiative.0).bind(actor.0).bind(status.as_str())
                .bind(video.provider.key()).bind(video.provider.host()).bind(&video.id)
                .bind(&input.language).bind(&input.spoken_language).bind(duration).bind(input.filmed_on)
                .bind(consent_at).bind(&input.transcript).bind(now).bind(submitted_at)
                .fetch_one(&mut *tx).await.map_err(db_failed)?,
            Some(existing) => {
                // A new video needs its own thumbnail: forget the old one's.
                sqlx::query(
                    "UPDATE reports SET status = $2, \
                     thumbnail_key = CASE WHEN provider = $3 AND video_host = $4 AND video_id = $5 THEN thumbnail_key END, \
                     thumbnail_tried_at = CASE WHEN provider = $3 AND video_host = $4 AND video_id = $5 THEN thumbnail_tried_at END, \
                     provider = $3, video_host = $4, video_id = $5, original_language = $6, spoken_language = $7, \
                     duration_seconds = $8, filmed_on = $9, consent_at = CASE WHEN $10 THEN coalesce(consent_at, $11) END, \
                     transcript = $12, updated_at = $11, submitted_at = coalesce($13, submitted_at) WHERE id = $1")
                    .bind(existing.0).bind(status.as_str())
                    .bind(video.provider.key()).bind(video.provider.host()).bind(&video.id)
                    .bind(&input.language).bind(&input.spoken_language).bind(duration).bind(input.filmed_on)
                    .bind(input.consent).bind(now).bind(&input.transcript).bind(submitted_at)
                    .execute(&mut *tx).await.map_err(db_failed)?;
                for table in ["report_subtitles", "report_people", "report_chapters"] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE report_id = $1"))
                        .bind(existing.0).execute(&mut *tx).await.map_err(db_failed)?;
                }
                existing.0
            }
        };
        for language in &input.subtitles {
            sqlx::query("INSERT INTO report_subtitles (report_id, language) VALUES ($1, $2)")
                .bind(id).bind(language).execute(&mut *tx).await.map_err(db_failed)?;
        }
        for (kind, people) in [("filmed_by", &report.filmed_by), ("speaker", &report.speakers)] {
            for (position, person) in people.iter().enumerate() {
                sqlx::query("INSERT INTO report_people (report_id, kind, position, name, account_id, role) \
                             VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(id).bind(kind).bind(position as i64).bind(&person.name)
                    .bind(person.account.map(|a| a.0)).bind(&person.role)
                    .execute(&mut *tx).await.map_err(db_failed)?;
            }
        }
        for (position, chapter) in input.chapters.iter().enumerate() {
            sqlx::query("INSERT INTO report_chapters (report_id, position, start_seconds) VALUES ($1, $2, $3)")
                .bind(id).bind(position as i64).bind(i64::from(chapter.start_seconds))
                .execute(&mut *tx).await.map_err(db_failed)?;
        }
        write_texts!(tx, id, &input.texts());
        record_change!(tx, id, actor, action, "", now);
        // An edit of a published report changes what its initiative is found by.
        refresh_search_index!(tx, report.initiative.0);
        id
    });
    Ok(ReportId(id))
}

/// Adds or replaces the translation of a report's texts into `texts.language`.
pub async fn save_translation(
    db: &Db,
    actor: AccountId,
    id: ReportId,
    texts: &ReportTexts,
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    in_write_transaction!(db, tx => {
        write_texts!(tx, id.0, texts);
        record_change!(tx, id.0, actor, "translated", &texts.language, now);
        let initiative: i64 = sqlx::query_scalar("SELECT initiative_id FROM reports WHERE id = $1")
            .bind(id.0).fetch_one(&mut *tx).await.map_err(db_failed)?;
        refresh_search_index!(tx, initiative);
    });
    Ok(())
}

/// Moves a report from `from` to `status` (a review decision), with the mails it causes, if it
/// is still in `from`: of two moderators deciding at once, the second gets `InvalidState`.
pub async fn set_status(
    db: &Db,
    actor: AccountId,
    id: ReportId,
    (from, status): (Status, Status),
    note: &str,
    mails: &[crate::server::mail::Mail],
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    let published_at = (status == Status::Published).then_some(now);
    in_write_transaction!(db, tx => {
        let changed = sqlx::query(
            "UPDATE reports SET status = $2, review_note = $3, updated_at = $4, \
             published_at = coalesce(published_at, $5) WHERE id = $1 AND status = $6")
            .bind(id.0).bind(status.as_str()).bind(note).bind(now).bind(published_at).bind(from.as_str())
            .execute(&mut *tx).await.map_err(db_failed)?;
        if changed.rows_affected() == 0 {
            return Err(AppError::InvalidState);
        }
        record_change!(tx, id.0, actor, status.as_str(), note, now);
        let initiative: i64 = sqlx::query_scalar("SELECT initiative_id FROM reports WHERE id = $1")
            .bind(id.0).fetch_one(&mut *tx).await.map_err(db_failed)?;
        refresh_search_index!(tx, initiative);
        for mail in mails {
            crate::enqueue_mail!(tx, mail);
        }
    });
    Ok(())
}

// ---- Reading ------------------------------------------------------------------------------

#[derive(sqlx::FromRow)]
struct DetailRow {
    status: String,
    initiative_id: i64,
    reporter_id: i64,
    reporter_name: String,
    reporter_handle: Option<String>,
    provider: String,
    video_host: String,
    video_id: String,
    original_language: String,
    spoken_language: String,
    duration_seconds: i64,
    filmed_on: Date,
    transcript: String,
    thumbnail_key: Option<String>,
    review_note: String,
    published_at: Option<OffsetDateTime>,
    initiative_title: String,
}

/// A report's page for a reader of `language` (permissions are the caller's).
pub async fn detail(
    db: &Db,
    id: ReportId,
    language: &str,
) -> Result<Option<ReportDetail>, AppError> {
    let sql = format!(
        "SELECT r.status, r.initiative_id, r.reporter_id, a.display_name AS reporter_name, \
         {HANDLE_UNLESS_DELETED} AS reporter_handle, r.provider, r.video_host, r.video_id, r.original_language, \
         r.spoken_language, r.duration_seconds, r.filmed_on, r.transcript, r.thumbnail_key, r.review_note, \
         r.published_at, {initiative} AS initiative_title \
         FROM reports r JOIN accounts a ON a.id = r.reporter_id WHERE r.id = $1",
        initiative = initiative_title!("$2"),
    );
    let row = with_pool!(db, pool => sqlx::query_as::<_, DetailRow>(&sql)
        .bind(id.0).bind(language).fetch_optional(pool).await)
    .map_err(db_failed)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let Some(provider) = Provider::from_key(&row.provider, &row.video_host) else {
        tracing::error!(report = id.0, "a report's provider is unknown");
        return Err(AppError::Internal);
    };
    let texts = texts_of(db, id).await?;
    let shown = texts
        .iter()
        .find(|t| t.language == language)
        .or_else(|| texts.iter().find(|t| t.language == row.original_language))
        .cloned()
        .unwrap_or_default();
    let media = crate::initiatives::store::media_url();
    Ok(Some(ReportDetail {
        id,
        status: Status::parse(&row.status).unwrap_or(Status::Draft),
        initiative_id: InitiativeId(row.initiative_id),
        initiative_title: row.initiative_title,
        reporter_id: AccountId(row.reporter_id),
        reporter_name: row.reporter_name,
        reporter_handle: row.reporter_handle,
        chapters: chapters_of(db, id, &shown.language).await?,
        language: shown.language,
        languages: texts.iter().map(|t| t.language.clone()).collect(),
        original_language: row.original_language,
        title: shown.title,
        summary: shown.summary,
        video: Video {
            provider,
            id: row.video_id,
            start_seconds: None,
        },
        spoken_language: row.spoken_language,
        subtitles: subtitles_of(db, id).await?,
        duration_seconds: row.duration_seconds,
        filmed_on: row.filmed_on.to_string(),
        filmed_by: people_of(db, id, "filmed_by").await?,
        speakers: people_of(db, id, "speaker").await?,
        transcript: row.transcript,
        thumbnail_url: row.thumbnail_key.map(|key| media(&key)),
        published_at: row.published_at.map(rfc3339),
        review_note: (!row.review_note.is_empty()).then_some(row.review_note),
        can_edit: false,
        can_review: false,
    }))
}

async fn texts_of(db: &Db, id: ReportId) -> Result<Vec<ReportTranslationForm>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (String, String, String)>(
        "SELECT language, title, summary FROM report_texts WHERE report_id = $1 ORDER BY language")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(language, title, summary)| ReportTranslationForm {
            id: id.0,
            language,
            title,
            summary,
            chapters: Vec::new(),
        })
        .collect())
}

/// Chapters with their texts in `language`, or as written where not translated.
async fn chapters_of(db: &Db, id: ReportId, language: &str) -> Result<Vec<Chapter>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (i64, String, String)>(
        "SELECT c.start_seconds, coalesce(t.title, o.title, ''), coalesce(t.sentence, o.sentence, '') \
         FROM report_chapters c JOIN reports r ON r.id = c.report_id \
         LEFT JOIN report_chapter_texts t ON t.report_id = c.report_id AND t.position = c.position AND t.language = $2 \
         LEFT JOIN report_chapter_texts o ON o.report_id = c.report_id AND o.position = c.position \
              AND o.language = r.original_language \
         WHERE c.report_id = $1 ORDER BY c.position")
        .bind(id.0).bind(language).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(start_seconds, title, sentence)| Chapter {
            start_seconds,
            title,
            sentence,
        })
        .collect())
}

async fn subtitles_of(db: &Db, id: ReportId) -> Result<Vec<String>, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, String>(
        "SELECT language FROM report_subtitles WHERE report_id = $1 ORDER BY language")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)
}

/// Members show under their current name, linked while their account lives.
async fn people_of(db: &Db, id: ReportId, kind: &str) -> Result<Vec<Person>, AppError> {
    let sql = format!(
        "SELECT coalesce(a.display_name, p.name), {HANDLE_UNLESS_DELETED}, p.role FROM report_people p \
         LEFT JOIN accounts a ON a.id = p.account_id WHERE p.report_id = $1 AND p.kind = $2 ORDER BY p.position"
    );
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (String, Option<String>, String)>(&sql)
        .bind(id.0).bind(kind).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(name, handle, role)| Person { name, handle, role })
        .collect())
}

/// The form of a saved report, as its reporter typed it.
pub async fn editable(db: &Db, id: ReportId) -> Result<Option<ReportFormStart>, AppError> {
    let Some(detail) = detail(db, id, "").await? else {
        return Ok(None);
    };
    let original = chapters_of(db, id, &detail.original_language).await?;
    let typed = |person: &Person| match &person.handle {
        Some(handle) => format!("@{handle}"),
        None => person.name.clone(),
    };
    let consent = with_pool!(db, pool => sqlx::query_scalar::<_, bool>(
        "SELECT consent_at IS NOT NULL FROM reports WHERE id = $1").bind(id.0).fetch_one(pool).await)
    .map_err(db_failed)?;
    Ok(Some(ReportFormStart {
        form: ReportForm {
            id: id.0.to_string(),
            initiative: detail.initiative_id.0.to_string(),
            language: detail.original_language.clone(),
            address: detail.video.watch_url(),
            title: detail.title,
            summary: detail.summary,
            spoken_language: detail.spoken_language,
            subtitles: detail.subtitles,
            duration: super::chapters::format_time_code(detail.duration_seconds as u32),
            filmed_on: detail.filmed_on,
            filmed_by: detail
                .filmed_by
                .iter()
                .map(typed)
                .collect::<Vec<_>>()
                .join("\n"),
            speakers: detail
                .speakers
                .iter()
                .map(|person| SpeakerRow {
                    name: typed(person),
                    role: person.role.clone(),
                })
                .collect(),
            chapters: original
                .into_iter()
                .map(|chapter| super::ChapterRow {
                    time: super::chapters::format_time_code(chapter.start_seconds as u32),
                    title: chapter.title,
                    sentence: chapter.sentence,
                })
                .collect(),
            transcript: detail.transcript,
            consent: if consent { "yes".into() } else { String::new() },
            intent: Default::default(),
        },
        initiative_title: detail.initiative_title,
        status: Some(detail.status),
        review_note: detail.review_note.unwrap_or_default(),
    }))
}

// ---- Lists --------------------------------------------------------------------------------

type CardRow = (
    i64,
    String,
    String,
    i64,
    String,
    Option<String>,
    Option<String>,
    String,
    i64,
    Option<String>,
    String,
    Option<OffsetDateTime>,
);

/// Published reports on published initiatives matching `filter` (SQL on `r`, `i`, `c` with
/// placeholders from `$2`), newest first; `$1` is the reader's language.
async fn cards(
    db: &Db,
    filter: &str,
    values: &[SqlValue],
    language: &str,
    (limit, offset): (i64, i64),
) -> Result<Vec<ReportCard>, AppError> {
    let sql = format!(
        "SELECT r.id, {title}, {text_language}, r.initiative_id, {initiative}, c.name, i.country_code, \
         r.spoken_language, r.duration_seconds, r.thumbnail_key, a.display_name, r.published_at \
         FROM reports r JOIN initiatives i ON i.id = r.initiative_id JOIN accounts a ON a.id = r.reporter_id \
         LEFT JOIN cities c ON c.id = i.city_id \
         WHERE r.status = 'published' AND i.status = 'published' AND {filter} \
         ORDER BY r.published_at DESC, r.id DESC LIMIT {limit} OFFSET {offset}",
        title = report_text!("title", "$1"),
        text_language = report_text!("language", "$1"),
        initiative = initiative_title!("$1"),
    );
    let rows = with_pool!(db, pool => bind_values!(sqlx::query_as::<_, CardRow>(&sql).bind(language), values)
        .fetch_all(pool).await)
    .map_err(db_failed)?;
    let media = crate::initiatives::store::media_url();
    let mut cards = Vec::with_capacity(rows.len());
    for row in rows {
        let id = ReportId(row.0);
        cards.push(ReportCard {
            id,
            title: row.1,
            language: row.2,
            initiative_id: InitiativeId(row.3),
            initiative_title: row.4,
            city_name: row.5,
            country_name: row
                .6
                .and_then(|code| country_name(&code, language))
                .map(str::to_owned),
            spoken_language: row.7,
            subtitles: subtitles_of(db, id).await?,
            duration_seconds: row.8,
            thumbnail_url: row.9.map(|key| media(&key)),
            reporter_name: row.10,
            published_at: row.11.map(rfc3339),
        });
    }
    Ok(cards)
}

/// The gallery's filters as SQL on `r` and `i`, with their values numbered from `$first`.
fn gallery_filter(params: &GalleryParams, first: usize) -> (String, Vec<SqlValue>) {
    let mut clauses = vec!["1 = 1".to_owned()];
    let mut values = Vec::new();
    let mut add = |clause: &str, value: &Option<String>| {
        if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            values.push(SqlValue::Text(value.to_owned()));
            clauses.push(clause.replace('?', &format!("${}", first + values.len() - 1)));
        }
    };
    add(
        "EXISTS (SELECT 1 FROM initiative_themes it JOIN themes t ON t.id = it.theme_id \
         WHERE it.initiative_id = r.initiative_id AND t.slug = ?)",
        &params.theme,
    );
    add("i.country_code = ?", &params.country);
    add("r.spoken_language = ?", &params.lang);
    add(
        "EXISTS (SELECT 1 FROM report_subtitles s WHERE s.report_id = r.id AND s.language = ?)",
        &params.subtitles,
    );
    (clauses.join(" AND "), values)
}

pub async fn gallery(db: &Db, params: &GalleryParams, language: &str) -> Result<Gallery, AppError> {
    let (count_filter, values) = gallery_filter(params, 1);
    let count_sql = format!(
        "SELECT count(*) FROM reports r JOIN initiatives i ON i.id = r.initiative_id \
         WHERE r.status = 'published' AND i.status = 'published' AND {count_filter}"
    );
    let total =
        with_pool!(db, pool => bind_values!(sqlx::query_scalar::<_, i64>(&count_sql), &values)
        .fetch_one(pool).await)
        .map_err(db_failed)?;
    let (filter, _) = gallery_filter(params, 2);
    let page_count = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page = params.page().min(page_count);
    let items = cards(
        db,
        &filter,
        &values,
        language,
        (PAGE_SIZE, (page - 1) * PAGE_SIZE),
    )
    .await?;
    Ok(Gallery {
        items,
        total,
        page,
        page_count,
        themes: gallery_themes(db, language).await?,
        countries: gallery_countries(db, language).await?,
        spoken_languages: distinct(db, "SELECT DISTINCT r.spoken_language FROM reports r \
            JOIN initiatives i ON i.id = r.initiative_id WHERE r.status = 'published' AND i.status = 'published' \
            ORDER BY 1").await?,
        subtitle_languages: distinct(db, "SELECT DISTINCT s.language FROM report_subtitles s \
            JOIN reports r ON r.id = s.report_id JOIN initiatives i ON i.id = r.initiative_id \
            WHERE r.status = 'published' AND i.status = 'published' ORDER BY 1").await?,
    })
}

async fn distinct(db: &Db, sql: &str) -> Result<Vec<String>, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, String>(sql).fetch_all(pool).await)
        .map_err(db_failed)
}

/// Themes of initiatives that have published reports, in the themes' order.
async fn gallery_themes(
    db: &Db,
    language: &str,
) -> Result<Vec<crate::initiatives::ThemeRef>, AppError> {
    let used = distinct(
        db,
        "SELECT DISTINCT t.slug FROM themes t JOIN initiative_themes it ON it.theme_id = t.id \
         JOIN reports r ON r.initiative_id = it.initiative_id JOIN initiatives i ON i.id = r.initiative_id \
         WHERE r.status = 'published' AND i.status = 'published'",
    )
    .await?;
    let all = crate::initiatives::store::themes(db, language).await?;
    Ok(all
        .into_iter()
        .filter(|theme| used.contains(&theme.slug))
        .collect())
}

async fn gallery_countries(db: &Db, language: &str) -> Result<Vec<FilterChoice>, AppError> {
    let codes = distinct(
        db,
        "SELECT DISTINCT i.country_code FROM reports r JOIN initiatives i ON i.id = r.initiative_id \
         WHERE r.status = 'published' AND i.status = 'published' AND i.country_code IS NOT NULL",
    )
    .await?;
    let mut countries: Vec<FilterChoice> = codes
        .into_iter()
        .map(|code| FilterChoice {
            label: country_name(&code, language).map(str::to_owned),
            value: code,
        })
        .collect();
    countries.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(countries)
}

/// An initiative's published reports, for its page.
pub async fn of_initiative(
    db: &Db,
    initiative: InitiativeId,
    language: &str,
) -> Result<Vec<ReportCard>, AppError> {
    let values = [SqlValue::Int(initiative.0)];
    cards(db, "r.initiative_id = $2", &values, language, (100, 0)).await
}

/// A reporter's published reports, for their profile.
pub async fn by_reporter(
    db: &Db,
    reporter: AccountId,
    language: &str,
) -> Result<Vec<ReportCard>, AppError> {
    let values = [SqlValue::Int(reporter.0)];
    cards(db, "r.reporter_id = $2", &values, language, (100, 0)).await
}

type SummaryRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    OffsetDateTime,
);

async fn summaries(
    db: &Db,
    filter: &str,
    value: SqlValue,
    language: &str,
) -> Result<Vec<ReportSummary>, AppError> {
    let sql = format!(
        "SELECT r.id, {title}, r.status, {initiative}, a.display_name, {HANDLE_UNLESS_DELETED}, r.updated_at \
         FROM reports r JOIN accounts a ON a.id = r.reporter_id WHERE {filter} \
         ORDER BY r.updated_at DESC, r.id DESC LIMIT 200",
        title = report_text!("title", "$1"),
        initiative = initiative_title!("$1"),
    );
    let rows = with_pool!(db, pool => bind_values!(sqlx::query_as::<_, SummaryRow>(&sql).bind(language), [&value])
        .fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|row| ReportSummary {
            id: ReportId(row.0),
            title: row.1,
            status: Status::parse(&row.2).unwrap_or(Status::Draft),
            initiative_title: row.3,
            reporter_name: row.4,
            reporter_handle: row.5,
            updated_at: rfc3339(row.6),
        })
        .collect())
}

/// Reports waiting for a moderator.
pub async fn review_queue(db: &Db, language: &str) -> Result<Vec<ReportSummary>, AppError> {
    let submitted = SqlValue::Text(Status::Submitted.as_str().to_owned());
    summaries(db, "r.status = $2", submitted, language).await
}

/// A reporter's own reports, whatever their status.
pub async fn reported_by(
    db: &Db,
    reporter: AccountId,
    language: &str,
) -> Result<Vec<ReportSummary>, AppError> {
    summaries(
        db,
        "r.reporter_id = $2",
        SqlValue::Int(reporter.0),
        language,
    )
    .await
}

/// The reporter of a report, to write to.
pub async fn reporter_of(
    db: &Db,
    id: ReportId,
) -> Result<Option<crate::initiatives::mails::Recipient>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (String, String, String)>(
        "SELECT a.email, a.display_name, a.preferred_language FROM reports r \
         JOIN accounts a ON a.id = r.reporter_id WHERE r.id = $1 AND a.deleted_at IS NULL")
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(row.map(
        |(email, name, language)| crate::initiatives::mails::Recipient {
            email,
            name,
            language,
        },
    ))
}

/// A report's title in `language` if translated, else as written.
pub async fn title_in(db: &Db, id: ReportId, language: &str) -> Result<String, AppError> {
    let sql = format!(
        "SELECT {title} FROM reports r WHERE r.id = $2",
        title = report_text!("title", "$1")
    );
    let title = with_pool!(db, pool => sqlx::query_scalar::<_, String>(&sql)
        .bind(language).bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(title.unwrap_or_default())
}

/// Whether a report was ever published (its first publication is announced, not the next).
pub async fn was_published(db: &Db, id: ReportId) -> Result<bool, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, bool>(
        "SELECT published_at IS NOT NULL FROM reports WHERE id = $1")
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)
    .map(|published| published.unwrap_or(false))
}

/// The original texts of a report with its chapters, and its translations so far.
pub async fn translation_start(
    db: &Db,
    id: ReportId,
) -> Result<Option<super::TranslationStart>, AppError> {
    let original_language = with_pool!(db, pool => sqlx::query_scalar::<_, String>(
        "SELECT original_language FROM reports WHERE id = $1").bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    let Some(original_language) = original_language else {
        return Ok(None);
    };
    let mut original = None;
    let mut translations = Vec::new();
    for mut texts in texts_of(db, id).await? {
        texts.chapters = chapter_texts_in(db, id, &texts.language).await?;
        if texts.language == original_language {
            original = Some(texts);
        } else {
            translations.push(texts);
        }
    }
    Ok(original.map(|original| super::TranslationStart {
        id,
        original_language,
        original,
        translations,
    }))
}

/// The chapter texts written in `language` exactly (no fallback), with their time codes.
async fn chapter_texts_in(
    db: &Db,
    id: ReportId,
    language: &str,
) -> Result<Vec<super::ChapterRow>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (i64, String, String)>(
        "SELECT c.start_seconds, coalesce(t.title, ''), coalesce(t.sentence, '') FROM report_chapters c \
         LEFT JOIN report_chapter_texts t ON t.report_id = c.report_id AND t.position = c.position AND t.language = $2 \
         WHERE c.report_id = $1 ORDER BY c.position")
        .bind(id.0).bind(language).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(start, title, sentence)| super::ChapterRow {
            time: super::chapters::format_time_code(start as u32),
            title,
            sentence,
        })
        .collect())
}
