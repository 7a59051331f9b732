//! (ssr) The SQL of initiatives, written once for both backends; the few statements where the
//! dialects differ (the search index) sit behind `SearchIndex`.
use super::{
    Founder, InitiativeCard, InitiativeDetail, InitiativeId, InitiativeInput, InitiativeSummary,
    InitiativeText, MapPoint, Photo, Status, ThemeRef,
};
use crate::accounts::AccountId;
use crate::cities::country_names::country_name;
use crate::cities::{City, CityId};
use crate::db::rfc3339;
use crate::db::{db_failed, Db, SqlValue};
use crate::error::AppError;
use crate::text::fold::words;
use crate::{bind_values, in_write_transaction, with_pool};
use sqlx::{PgConnection, SqliteConnection};
use time::OffsetDateTime;

/// The words an initiative is found by, folded: titles and summaries of every language weigh
/// more than the rest (descriptions, city, country, tags).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SearchDocument {
    pub titles: Vec<String>,
    pub summaries: Vec<String>,
    pub rest: Vec<String>,
}

/// The statements where SQLite's FTS5 and PostgreSQL's tsvector differ.
pub(crate) trait SearchIndex {
    async fn remove_document(&mut self, id: i64) -> Result<(), sqlx::Error>;
    async fn write_document(
        &mut self,
        id: i64,
        document: &SearchDocument,
    ) -> Result<(), sqlx::Error>;
}

impl SearchIndex for SqliteConnection {
    async fn remove_document(&mut self, id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM initiative_search WHERE rowid = $1")
            .bind(id)
            .execute(self)
            .await
            .map(|_| ())
    }

    async fn write_document(
        &mut self,
        id: i64,
        document: &SearchDocument,
    ) -> Result<(), sqlx::Error> {
        self.remove_document(id).await?;
        sqlx::query(
            "INSERT INTO initiative_search (rowid, title, summary, body) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(document.titles.join(" "))
        .bind(document.summaries.join(" "))
        .bind(document.rest.join(" "))
        .execute(self)
        .await
        .map(|_| ())
    }
}

impl SearchIndex for PgConnection {
    async fn remove_document(&mut self, id: i64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "WITH titles AS (DELETE FROM initiative_search_titles WHERE initiative_id = $1), \
                  headlines AS (DELETE FROM initiative_search_headlines WHERE initiative_id = $1) \
             DELETE FROM initiative_search WHERE initiative_id = $1",
        )
        .bind(id)
        .execute(self)
        .await
        .map(|_| ())
    }

    async fn write_document(
        &mut self,
        id: i64,
        document: &SearchDocument,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "WITH words AS (SELECT array_to_tsvector($2::text[]) AS t, \
                                   array_to_tsvector($3::text[]) AS s, \
                                   array_to_tsvector($4::text[]) AS r), \
                  titles AS (INSERT INTO initiative_search_titles (initiative_id, words) \
                     SELECT $1, t FROM words \
                     ON CONFLICT (initiative_id) DO UPDATE SET words = excluded.words), \
                  headlines AS (INSERT INTO initiative_search_headlines (initiative_id, words) \
                     SELECT $1, t || s FROM words \
                     ON CONFLICT (initiative_id) DO UPDATE SET words = excluded.words) \
             INSERT INTO initiative_search (initiative_id, document) \
             SELECT $1, t || s || r FROM words \
             ON CONFLICT (initiative_id) DO UPDATE SET document = excluded.document",
        )
        .bind(id)
        .bind(&document.titles)
        .bind(&document.summaries)
        .bind(&document.rest)
        .execute(self)
        .await
        .map(|_| ())
    }
}

/// The words published initiative `$id` is found by, read through `$exec` (a transaction or a
/// pool): `Some(SearchDocument)`, or `None` when it is not published. `?` returns `AppError`s.
macro_rules! load_search_document {
    ($exec:expr, $id:expr) => {{
        let id: i64 = $id;
        let status: Option<String> = sqlx::query_scalar("SELECT status FROM initiatives WHERE id = $1")
            .bind(id).fetch_optional($exec).await.map_err(db_failed)?;
        if status.as_deref() == Some(Status::Published.as_str()) {
            let texts: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT title, summary, description FROM initiative_texts WHERE initiative_id = $1 ORDER BY language")
                .bind(id).fetch_all($exec).await.map_err(db_failed)?;
            let place: Option<(String, String)> = sqlx::query_as(
                "SELECT c.name, c.country_code FROM initiatives i JOIN cities c ON c.id = i.city_id \
                 WHERE i.id = $1")
                .bind(id).fetch_optional($exec).await.map_err(db_failed)?;
            let tags: Vec<String> = sqlx::query_scalar(
                "SELECT tag FROM initiative_tags WHERE initiative_id = $1 ORDER BY position")
                .bind(id).fetch_all($exec).await.map_err(db_failed)?;
            // Published reports' titles (every language) and transcripts: "toaster" finds the
            // repair café whose founder tells of one.
            let reports: Vec<String> = sqlx::query_scalar(
                "SELECT t.title FROM report_texts t JOIN reports r ON r.id = t.report_id \
                 WHERE r.initiative_id = $1 AND r.status = 'published' \
                 UNION ALL SELECT transcript FROM reports WHERE initiative_id = $1 AND status = 'published'")
                .bind(id).fetch_all($exec).await.map_err(db_failed)?;
            Some(SearchDocument::new(&texts, place.as_ref(), &tags, &reports))
        } else {
            None
        }
    }};
}

impl SearchDocument {
    /// The words of an initiative's texts (title, summary, description in each language), its
    /// city and country (by every name the site knows it by), its tags, and the titles and
    /// transcripts of its published reports.
    pub(crate) fn new(
        texts: &[(String, String, String)],
        place: Option<&(String, String)>,
        tags: &[String],
        reports: &[String],
    ) -> SearchDocument {
        let mut document = SearchDocument::default();
        for (title, summary, description) in texts {
            document.titles.extend(words(title));
            document.summaries.extend(words(summary));
            document.rest.extend(words(description));
        }
        if let Some((city, country_code)) = place {
            document.rest.extend(words(city));
            // "allemagne" and "almanya" both find initiatives in Germany.
            for country in crate::cities::country_names::all_names(country_code) {
                document.rest.extend(words(country));
            }
        }
        for text in tags.iter().chain(reports) {
            document.rest.extend(words(text));
        }
        document
    }
}

/// The words each of `ids` is found by, for those published: what the search lists in memory
/// check when these initiatives changed (`search::terms`).
pub(crate) async fn search_documents(
    db: &Db,
    ids: &[i64],
) -> Result<Vec<(i64, SearchDocument)>, AppError> {
    let mut documents = Vec::with_capacity(ids.len());
    for id in ids {
        let document = with_pool!(db, pool => load_search_document!(pool, *id));
        if let Some(document) = document {
            documents.push((*id, document));
        }
    }
    Ok(documents)
}

/// Writes what an initiative is found by to the index, or removes it from the index when it is
/// not published; in the caller's transaction, so the index never disagrees. The initiative
/// takes the next search version, which tells every app instance's copies (`search::facets`,
/// `search::terms`) to reload it.
macro_rules! refresh_search_index {
    ($tx:expr, $id:expr) => {{
        let id: i64 = $id;
        let version: i64 = sqlx::query_scalar(
            "UPDATE search_state SET version = version + 1 WHERE id = 1 RETURNING version",
        )
        .fetch_one(&mut *$tx)
        .await
        .map_err(db_failed)?;
        sqlx::query("UPDATE initiatives SET search_version = $1 WHERE id = $2")
            .bind(version)
            .bind(id)
            .execute(&mut *$tx)
            .await
            .map_err(db_failed)?;
        match load_search_document!(&mut *$tx, id) {
            Some(document) => SearchIndex::write_document(&mut *$tx, id, &document).await,
            None => SearchIndex::remove_document(&mut *$tx, id).await,
        }
        .map_err(db_failed)?;
    }};
}

pub(crate) use {load_search_document, refresh_search_index};

/// Refills the search index from the application's folded words when a migration emptied it
/// (`search_state.rebuild`): every published initiative, a few hundred per transaction. Returns
/// how many were indexed.
pub async fn rebuild_search_index_if_asked(db: &Db) -> Result<usize, AppError> {
    let asked: i64 =
        with_pool!(db, pool => sqlx::query_scalar("SELECT rebuild FROM search_state WHERE id = 1")
        .fetch_one(pool).await)
        .map_err(db_failed)?;
    if asked == 0 {
        return Ok(0);
    }
    let ids: Vec<i64> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM initiatives WHERE status = 'published' ORDER BY id")
        .fetch_all(pool).await)
    .map_err(db_failed)?;
    for batch in ids.chunks(500) {
        in_write_transaction!(db, tx => {
            for id in batch {
                refresh_search_index!(tx, *id);
            }
        });
    }
    with_pool!(db, pool => sqlx::query("UPDATE search_state SET rebuild = 0 WHERE id = 1")
        .execute(pool).await.map(|_| ()))
    .map_err(db_failed)?;
    Ok(ids.len())
}

/// Who recorded an initiative and where it stands: what every permission check needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ownership {
    pub spotter: AccountId,
    pub status: Status,
}

impl Ownership {
    /// Its spotter and moderators may change an initiative.
    pub fn may_be_edited_by(&self, account: &crate::accounts::CurrentAccount) -> bool {
        account.id == self.spotter || account.can_moderate()
    }
}

/// The ownership of `id` when `account` may change it. Anyone else learns that a published
/// initiative is not theirs (403); unpublished ones stay "not found" for them.
pub async fn require_editor(
    db: &Db,
    account: &crate::accounts::CurrentAccount,
    id: InitiativeId,
) -> Result<Ownership, AppError> {
    let owner = ownership(db, id).await?.ok_or(AppError::NotFound)?;
    if owner.may_be_edited_by(account) {
        Ok(owner)
    } else if owner.status == Status::Published {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn ownership(db: &Db, id: InitiativeId) -> Result<Option<Ownership>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (i64, String)>(
        "SELECT spotter_id, status FROM initiatives WHERE id = $1")
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(row.and_then(|(spotter, status)| {
        Some(Ownership {
            spotter: AccountId(spotter),
            status: Status::parse(&status)?,
        })
    }))
}

/// The ids of the themes named by `slugs`, in order; `None` when one is unknown.
pub async fn theme_ids(db: &Db, slugs: &[String]) -> Result<Option<Vec<i64>>, AppError> {
    let mut ids = Vec::with_capacity(slugs.len());
    for slug in slugs {
        let id = with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT id FROM themes WHERE slug = $1")
            .bind(slug).fetch_optional(pool).await)
        .map_err(db_failed)?;
        match id {
            Some(id) => ids.push(id),
            None => return Ok(None),
        }
    }
    Ok(Some(ids))
}

/// Every theme, in display order, with admin-given labels in `language` (or any language).
pub async fn themes(db: &Db, language: &str) -> Result<Vec<ThemeRef>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (String, Option<String>)>(
        "SELECT t.slug, CASE WHEN t.builtin THEN NULL ELSE coalesce( \
             (SELECT label FROM theme_labels WHERE theme_id = t.id AND language = $1), \
             (SELECT min(label) FROM theme_labels WHERE theme_id = t.id)) END \
         FROM themes t ORDER BY t.position, t.id")
        .bind(language).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(slug, label)| ThemeRef { slug, label })
        .collect())
}

/// What a save writes besides the texts: the validated input with its city and themes resolved.
pub struct ResolvedInput<'a> {
    pub input: &'a InitiativeInput,
    pub city: Option<&'a City>,
    pub theme_ids: &'a [i64],
    /// A new initiative started from an event: the links to propose with it.
    pub inspiration: Option<&'a crate::inspiration::EventInspiration>,
}

/// The fields of a published initiative an edit changed, for the record of changes.
async fn changed_fields(
    db: &Db,
    id: InitiativeId,
    new: &ResolvedInput<'_>,
) -> Result<Vec<&'static str>, AppError> {
    let Some(old) = editable_input(db, id).await? else {
        return Ok(Vec::new());
    };
    let input = new.input;
    let original = old.texts.iter().find(|t| t.language == input.text.language);
    let mut changed = Vec::new();
    let mut compare = |name: &'static str, differs: bool| {
        if differs {
            changed.push(name);
        }
    };
    compare(
        "title",
        original.map(|t| &t.title) != Some(&input.text.title),
    );
    compare(
        "summary",
        original.map(|t| &t.summary) != Some(&input.text.summary),
    );
    compare(
        "description",
        original.map(|t| &t.description) != Some(&input.text.description),
    );
    compare("city", old.city_id != new.city.map(|c| c.id.0));
    compare("themes", old.theme_slugs != input.themes);
    compare("tags", old.tags != input.tags);
    compare("founders", old.founders != input.founders);
    compare("website", old.website != input.website);
    compare("links", old.links != input.links);
    compare("founded_year", old.founded_year != input.founded_year);
    Ok(changed)
}

/// Creates an initiative (a draft, or submitted at once) or saves its spotter's or a moderator's
/// edit, with its record of changes; the search index follows in the same transaction.
pub async fn save(
    db: &Db,
    actor: AccountId,
    resolved: &ResolvedInput<'_>,
    status: Status,
) -> Result<InitiativeId, AppError> {
    let input = resolved.input;
    let now = OffsetDateTime::now_utc();
    let fields = match input.id {
        Some(id) => changed_fields(db, id, resolved).await?.join(","),
        None => String::new(),
    };
    let action = match (input.id, status) {
        (None, _) => "created",
        (Some(_), Status::Submitted) => "submitted",
        (Some(_), _) => "edited",
    };
    let city_id = resolved.city.map(|c| c.id.0);
    let country = resolved.city.map(|c| c.country_code.clone());
    let submitted_at = (status == Status::Submitted).then_some(now);
    let id = in_write_transaction!(db, tx => {
        let mut links: Vec<(String, i64, bool)> = Vec::new();
        let id: i64 = match input.id {
            None => sqlx::query_scalar(
                "INSERT INTO initiatives (spotter_id, status, original_language, city_id, country_code, \
                 founded_year, website, created_at, updated_at, submitted_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id")
                .bind(actor.0).bind(status.as_str()).bind(&input.text.language).bind(city_id)
                .bind(&country).bind(input.founded_year).bind(&input.website).bind(now).bind(submitted_at)
                .fetch_one(&mut *tx).await.map_err(db_failed)?,
            Some(existing) => {
                sqlx::query(
                    "UPDATE initiatives SET status = $2, original_language = $3, city_id = $4, country_code = $5, \
                     founded_year = $6, website = $7, updated_at = $8, submitted_at = coalesce($9, submitted_at) \
                     WHERE id = $1")
                    .bind(existing.0).bind(status.as_str()).bind(&input.text.language).bind(city_id)
                    .bind(&country).bind(input.founded_year).bind(&input.website).bind(now).bind(submitted_at)
                    .execute(&mut *tx).await.map_err(db_failed)?;
                links = sqlx::query_as("SELECT name, account_id, confirmed FROM initiative_founders \
                                        WHERE initiative_id = $1 AND account_id IS NOT NULL ORDER BY position")
                    .bind(existing.0).fetch_all(&mut *tx).await.map_err(db_failed)?;
                for table in ["initiative_themes", "initiative_tags", "initiative_links", "initiative_founders"] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE initiative_id = $1"))
                        .bind(existing.0).execute(&mut *tx).await.map_err(db_failed)?;
                }
                existing.0
            }
        };
        sqlx::query(
            "INSERT INTO initiative_texts (initiative_id, language, title, summary, description) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (initiative_id, language) DO UPDATE SET \
             title = excluded.title, summary = excluded.summary, description = excluded.description")
            .bind(id).bind(&input.text.language).bind(&input.text.title).bind(&input.text.summary)
            .bind(&input.text.description).execute(&mut *tx).await.map_err(db_failed)?;
        for theme in resolved.theme_ids {
            sqlx::query("INSERT INTO initiative_themes (initiative_id, theme_id) VALUES ($1, $2)")
                .bind(id).bind(theme).execute(&mut *tx).await.map_err(db_failed)?;
        }
        for (position, tag) in input.tags.iter().enumerate() {
            sqlx::query("INSERT INTO initiative_tags (initiative_id, position, tag) VALUES ($1, $2, $3)")
                .bind(id).bind(position as i64).bind(tag).execute(&mut *tx).await.map_err(db_failed)?;
        }
        for (position, url) in input.links.iter().enumerate() {
            sqlx::query("INSERT INTO initiative_links (initiative_id, position, url) VALUES ($1, $2, $3)")
                .bind(id).bind(position as i64).bind(url).execute(&mut *tx).await.map_err(db_failed)?;
        }
        for (position, name) in input.founders.iter().enumerate() {
            // A founder keeps their member's link (or claim) as long as the spotter keeps the name.
            let link = links.iter().position(|(linked, _, _)| linked == name).map(|at| links.remove(at));
            sqlx::query("INSERT INTO initiative_founders (initiative_id, position, name, account_id, confirmed) \
                         VALUES ($1, $2, $3, $4, $5)")
                .bind(id).bind(position as i64).bind(name)
                .bind(link.as_ref().map(|l| l.1)).bind(link.is_some_and(|l| l.2))
                .execute(&mut *tx).await.map_err(db_failed)?;
        }
        sqlx::query("INSERT INTO initiative_changes (initiative_id, actor_id, action, fields, changed_at) \
                     VALUES ($1, $2, $3, $4, $5)")
            .bind(id).bind(actor.0).bind(action).bind(&fields).bind(now)
            .execute(&mut *tx).await.map_err(db_failed)?;
        if let (None, Some(inspiration)) = (input.id, resolved.inspiration) {
            crate::propose_event_links!(tx, id, inspiration, actor, now);
        }
        refresh_search_index!(tx, id);
        id
    });
    Ok(InitiativeId(id))
}

/// Adds or replaces the translation of an initiative's texts into `text.language`.
pub async fn save_translation(
    db: &Db,
    actor: AccountId,
    id: InitiativeId,
    text: &InitiativeText,
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    in_write_transaction!(db, tx => {
        sqlx::query(
            "INSERT INTO initiative_texts (initiative_id, language, title, summary, description) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (initiative_id, language) DO UPDATE SET \
             title = excluded.title, summary = excluded.summary, description = excluded.description")
            .bind(id.0).bind(&text.language).bind(&text.title).bind(&text.summary).bind(&text.description)
            .execute(&mut *tx).await.map_err(db_failed)?;
        sqlx::query("INSERT INTO initiative_changes (initiative_id, actor_id, action, fields, changed_at) \
                     VALUES ($1, $2, 'translated', $3, $4)")
            .bind(id.0).bind(actor.0).bind(&text.language).bind(now)
            .execute(&mut *tx).await.map_err(db_failed)?;
        refresh_search_index!(tx, id.0);
    });
    Ok(())
}

/// Moves an initiative to `status` (review decisions, submissions), recording who and why.
///
/// The change happens only if the initiative is still in `from` when the transaction runs: two
/// moderators deciding at the same moment cannot both succeed (the second gets `InvalidState`).
pub async fn set_status(
    db: &Db,
    actor: AccountId,
    id: InitiativeId,
    (from, status): (Status, Status),
    note: &str,
    mails: &[crate::server::mail::Mail],
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    let published_at = (status == Status::Published).then_some(now);
    in_write_transaction!(db, tx => {
        let changed = sqlx::query(
            "UPDATE initiatives SET status = $2, review_note = $3, updated_at = $4, \
             published_at = coalesce(published_at, $5) WHERE id = $1 AND status = $6")
            .bind(id.0).bind(status.as_str()).bind(note).bind(now).bind(published_at).bind(from.as_str())
            .execute(&mut *tx).await.map_err(db_failed)?;
        if changed.rows_affected() == 0 {
            return Err(AppError::InvalidState);
        }
        sqlx::query("INSERT INTO initiative_changes (initiative_id, actor_id, action, note, changed_at) \
                     VALUES ($1, $2, $3, $4, $5)")
            .bind(id.0).bind(actor.0).bind(status.as_str()).bind(note).bind(now)
            .execute(&mut *tx).await.map_err(db_failed)?;
        refresh_search_index!(tx, id.0);
        for mail in mails {
            crate::enqueue_mail!(tx, mail);
        }
    });
    Ok(())
}

/// Whether `id` was ever published (a first publication tells more people).
pub async fn was_published(db: &Db, id: InitiativeId) -> Result<bool, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, bool>(
        "SELECT EXISTS (SELECT 1 FROM initiatives WHERE id = $1 AND published_at IS NOT NULL)")
        .bind(id.0).fetch_one(pool).await)
    .map_err(db_failed)
}

/// The spotter of an initiative, to write to, with its title in their language.
pub async fn spotter_of(
    db: &Db,
    id: InitiativeId,
) -> Result<Option<(crate::initiatives::mails::Recipient, String)>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (String, String, String, String)>(
        "SELECT a.email, a.display_name, a.preferred_language, i.original_language FROM initiatives i \
         JOIN accounts a ON a.id = i.spotter_id WHERE i.id = $1 AND a.deleted_at IS NULL")
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    let Some((email, name, language, original)) = row else {
        return Ok(None);
    };
    let title = text_for(&texts(db, id).await?, &original, &language).title;
    Ok(Some((
        crate::initiatives::mails::Recipient {
            email,
            name,
            language,
        },
        title,
    )))
}

/// An initiative's title in `language` if translated, else as written.
pub async fn title_in(db: &Db, id: InitiativeId, language: &str) -> Result<String, AppError> {
    let original = with_pool!(db, pool => sqlx::query_scalar::<_, String>(
        "SELECT original_language FROM initiatives WHERE id = $1").bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?
    .unwrap_or_default();
    Ok(text_for(&texts(db, id).await?, &original, language).title)
}

/// Who to tell of news about an initiative (a report on it, an initiative it inspired): its
/// spotter and its confirmed founders who are members (once each), with its title in their
/// language.
pub async fn spotter_and_founders(
    db: &Db,
    initiative: InitiativeId,
) -> Result<Vec<(super::mails::Recipient, String)>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (String, String, String)>(
        "SELECT a.email, a.display_name, a.preferred_language FROM accounts a WHERE a.deleted_at IS NULL AND \
         (a.id = (SELECT spotter_id FROM initiatives WHERE id = $1) OR a.id IN \
          (SELECT account_id FROM initiative_founders WHERE initiative_id = $1 AND confirmed AND account_id IS NOT NULL)) \
         ORDER BY a.id")
        .bind(initiative.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    let mut people = Vec::with_capacity(rows.len());
    for (email, name, language) in rows {
        let title = title_in(db, initiative, &language).await?;
        people.push((
            super::mails::Recipient {
                email,
                name,
                language,
            },
            title,
        ));
    }
    Ok(people)
}

/// An initiative as its edit form needs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditableInitiative {
    pub original_language: String,
    pub texts: Vec<InitiativeText>,
    pub city_id: Option<i64>,
    pub theme_slugs: Vec<String>,
    pub tags: Vec<String>,
    pub founders: Vec<String>,
    pub website: String,
    pub links: Vec<String>,
    pub founded_year: Option<i64>,
    pub review_note: String,
    pub status: String,
}

pub async fn editable_input(
    db: &Db,
    id: InitiativeId,
) -> Result<Option<EditableInitiative>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (String, Option<i64>, String, Option<i64>, String, String)>(
        "SELECT original_language, city_id, website, founded_year, review_note, status FROM initiatives WHERE id = $1")
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    let Some((original_language, city_id, website, founded_year, review_note, status)) = row else {
        return Ok(None);
    };
    Ok(Some(EditableInitiative {
        original_language,
        texts: texts(db, id).await?,
        city_id,
        theme_slugs: strings(
            db,
            "SELECT t.slug FROM initiative_themes it JOIN themes t ON t.id = it.theme_id \
                                  WHERE it.initiative_id = $1 ORDER BY t.position, t.id",
            id,
        )
        .await?,
        tags: strings(
            db,
            "SELECT tag FROM initiative_tags WHERE initiative_id = $1 ORDER BY position",
            id,
        )
        .await?,
        founders: strings(
            db,
            "SELECT name FROM initiative_founders WHERE initiative_id = $1 ORDER BY position",
            id,
        )
        .await?,
        website,
        links: strings(
            db,
            "SELECT url FROM initiative_links WHERE initiative_id = $1 ORDER BY position",
            id,
        )
        .await?,
        founded_year,
        review_note,
        status,
    }))
}

async fn strings(db: &Db, sql: &str, id: InitiativeId) -> Result<Vec<String>, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, String>(sql).bind(id.0).fetch_all(pool).await)
        .map_err(db_failed)
}

pub(crate) async fn texts(db: &Db, id: InitiativeId) -> Result<Vec<InitiativeText>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (String, String, String, String)>(
        "SELECT language, title, summary, description FROM initiative_texts WHERE initiative_id = $1 ORDER BY language")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(language, title, summary, description)| InitiativeText {
            language,
            title,
            summary,
            description,
        })
        .collect())
}

/// The text in `reader` language when there is one, the original otherwise.
pub fn text_for(texts: &[InitiativeText], original: &str, reader: &str) -> InitiativeText {
    texts
        .iter()
        .find(|t| t.language == reader)
        .or_else(|| texts.iter().find(|t| t.language == original))
        .or_else(|| texts.first())
        .cloned()
        .unwrap_or_default()
}

pub async fn themes_of(
    db: &Db,
    id: InitiativeId,
    language: &str,
) -> Result<Vec<ThemeRef>, AppError> {
    let slugs = strings(
        db,
        "SELECT t.slug FROM initiative_themes it JOIN themes t ON t.id = it.theme_id \
                             WHERE it.initiative_id = $1 ORDER BY t.position, t.id",
        id,
    )
    .await?;
    let all = themes(db, language).await?;
    Ok(all
        .into_iter()
        .filter(|theme| slugs.contains(&theme.slug))
        .collect())
}

type DetailRow = (
    i64,
    String,
    String,
    Option<i64>,
    String,
    Option<i64>,
    String,
    i64,
    String,
    Option<String>,
    Option<OffsetDateTime>,
);

/// The spotter's handle, `NULL` once their account is deleted (their page is gone).
const SPOTTER_HANDLE: &str = crate::accounts::store::HANDLE_UNLESS_DELETED;

/// The initiative page's content for a reader of `language` (permissions are the caller's).
pub async fn detail(
    db: &Db,
    id: InitiativeId,
    language: &str,
) -> Result<Option<InitiativeDetail>, AppError> {
    let sql = format!(
        "SELECT i.id, i.status, i.original_language, i.city_id, i.website, i.founded_year, i.review_note, \
         i.spotter_id, a.display_name, {SPOTTER_HANDLE}, i.published_at \
         FROM initiatives i JOIN accounts a ON a.id = i.spotter_id WHERE i.id = $1");
    let row = with_pool!(db, pool => sqlx::query_as::<_, DetailRow>(&sql)
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    let Some((
        _,
        status,
        original_language,
        city_id,
        website,
        founded_year,
        review_note,
        spotter_id,
        spotter_name,
        spotter_handle,
        published_at,
    )) = row
    else {
        return Ok(None);
    };
    let texts = texts(db, id).await?;
    let text = text_for(&texts, &original_language, language);
    let city = match city_id {
        Some(city) => crate::cities::store::get(db, CityId(city))
            .await?
            .map(|city| crate::cities::store::translated(city, language)),
        None => None,
    };
    let founders =
        with_pool!(db, pool => sqlx::query_as::<_, (String, Option<i64>, Option<String>)>(
        "SELECT f.name, a.id, a.handle FROM initiative_founders f \
         LEFT JOIN accounts a ON a.id = f.account_id AND f.confirmed \
         WHERE f.initiative_id = $1 ORDER BY f.position")
        .bind(id.0).fetch_all(pool).await)
        .map_err(db_failed)?;
    Ok(Some(InitiativeDetail {
        id,
        status: Status::parse(&status).unwrap_or(Status::Draft),
        description_html: crate::text::markdown::to_safe_html(&text.description),
        text,
        languages: texts.iter().map(|t| t.language.clone()).collect(),
        original_language,
        city,
        themes: themes_of(db, id, language).await?,
        tags: strings(
            db,
            "SELECT tag FROM initiative_tags WHERE initiative_id = $1 ORDER BY position",
            id,
        )
        .await?,
        website,
        links: strings(
            db,
            "SELECT url FROM initiative_links WHERE initiative_id = $1 ORDER BY position",
            id,
        )
        .await?,
        founded_year,
        photos: photos_of(db, id).await?,
        founders: founders
            .into_iter()
            .map(|(name, account, handle)| Founder {
                name,
                account_id: account.map(AccountId),
                handle,
            })
            .collect(),
        founder_claims: Default::default(),
        spotter_id: AccountId(spotter_id),
        spotter_name,
        spotter_handle,
        published_at: published_at.map(rfc3339),
        review_note: (!review_note.is_empty()).then_some(review_note),
        can_edit: false,
        can_review: false,
        more_like_this: Vec::new(),
        events: Vec::new(),
        inspiration: Default::default(),
        lineage: Default::default(),
        reports: Vec::new(),
        can_report: false,
        canonical_url: String::new(),
        structured_data: String::new(),
    }))
}

type SummaryRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    OffsetDateTime,
);

async fn summaries(
    db: &Db,
    filter: &str,
    value: SqlValue,
    language: &str,
) -> Result<Vec<InitiativeSummary>, AppError> {
    let sql = format!(
        "SELECT i.id, coalesce((SELECT title FROM initiative_texts WHERE initiative_id = i.id AND language = $2), \
                               (SELECT title FROM initiative_texts WHERE initiative_id = i.id AND language = i.original_language), ''), \
         i.status, a.display_name, {SPOTTER_HANDLE}, c.name, i.updated_at \
         FROM initiatives i JOIN accounts a ON a.id = i.spotter_id LEFT JOIN cities c ON c.id = i.city_id \
         WHERE {filter} ORDER BY i.updated_at DESC, i.id DESC LIMIT 200"
    );
    let rows = with_pool!(db, pool => bind_values!(sqlx::query_as::<_, SummaryRow>(&sql), [&value])
        .bind(language).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, title, status, spotter_name, spotter_handle, city_name, updated_at)| {
                InitiativeSummary {
                    id: InitiativeId(id),
                    title,
                    status: Status::parse(&status).unwrap_or(Status::Draft),
                    spotter_name,
                    spotter_handle,
                    city_name,
                    updated_at: rfc3339(updated_at),
                }
            },
        )
        .collect())
}

/// Initiatives waiting for a moderator.
pub async fn review_queue(db: &Db, language: &str) -> Result<Vec<InitiativeSummary>, AppError> {
    let submitted = SqlValue::Text(Status::Submitted.as_str().to_owned());
    summaries(db, "i.status = $1", submitted, language).await
}

/// A spotter's own initiatives, whatever their status.
pub async fn spotted_by(
    db: &Db,
    spotter: AccountId,
    language: &str,
) -> Result<Vec<InitiativeSummary>, AppError> {
    summaries(db, "i.spotter_id = $1", SqlValue::Int(spotter.0), language).await
}

/// How stored files are addressed: through the app's storage when serving (outside a request,
/// as in the command line, the local folder's route).
pub fn media_url() -> impl Fn(&str) -> String {
    let storage = crate::server::state::app_state().map(|state| state.storage);
    move |key: &str| match &storage {
        Ok(storage) => storage.url(key),
        Err(_) => format!("{}/{key}", crate::server::storage::MEDIA_ROUTE),
    }
}

/// `$first, $first+1, ...` for an `IN (...)` list of `count` values.
pub(crate) fn in_list(count: usize, first: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

type CardRow = (
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<f64>,
);
type CardTextRow = (i64, String, String, String);
type CardPhotoRow = (i64, i64, String, String, i64, i64, String);

/// Cards of initiatives by id, in the order given, texts in `language` when translated. A fixed
/// number of queries whatever the number of cards: search pages stay fast.
/// (id, latitude, longitude, city, country code, title)
type PointRow = (i64, f64, f64, String, String, String);

/// The initiatives `ids` that have a city, in that order, as map points: their city's position
/// and their title in `language` (else the original). One query, lighter than `cards`.
pub async fn points_of(db: &Db, ids: &[i64], language: &str) -> Result<Vec<MapPoint>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut values: Vec<SqlValue> = ids.iter().map(|id| SqlValue::Int(*id)).collect();
    values.push(SqlValue::Text(language.to_owned()));
    let sql = format!(
        "SELECT i.id, c.latitude, c.longitude, c.name, c.country_code, \
         coalesce((SELECT title FROM initiative_texts WHERE initiative_id = i.id AND language = ${language}), \
                  (SELECT title FROM initiative_texts WHERE initiative_id = i.id AND language = i.original_language), '') \
         FROM initiatives i JOIN cities c ON c.id = i.city_id \
         WHERE i.id IN ({list})",
        language = values.len(),
        list = in_list(ids.len(), 1),
    );
    let rows = with_pool!(db, pool => bind_values!(sqlx::query_as::<_, PointRow>(&sql), &values)
        .fetch_all(pool).await)
    .map_err(db_failed)?;
    let mut by_id: std::collections::HashMap<i64, PointRow> =
        rows.into_iter().map(|row| (row.0, row)).collect();
    Ok(ids
        .iter()
        .filter_map(|id| by_id.remove(id))
        .map(|(id, latitude, longitude, city, country, title)| MapPoint {
            id,
            latitude,
            longitude,
            place: match country_name(&country, language) {
                Some(country) => format!("{city}, {country}"),
                None => city,
            },
            title,
            href: None,
        })
        .collect())
}

pub async fn cards(db: &Db, ids: &[i64], language: &str) -> Result<Vec<InitiativeCard>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let values: Vec<SqlValue> = ids.iter().map(|id| SqlValue::Int(*id)).collect();
    let list = in_list(ids.len(), 1);
    let rows_sql = format!(
        "SELECT i.id, i.original_language, c.name, c.country_code, c.latitude, c.longitude \
         FROM initiatives i LEFT JOIN cities c ON c.id = i.city_id WHERE i.id IN ({list})"
    );
    let texts_sql = format!(
        "SELECT initiative_id, language, title, summary FROM initiative_texts WHERE initiative_id IN ({list})"
    );
    let themes_sql = format!(
        "SELECT it.initiative_id, t.slug FROM initiative_themes it JOIN themes t ON t.id = it.theme_id \
         WHERE it.initiative_id IN ({list}) ORDER BY t.position, t.id"
    );
    let photos_sql = format!(
        "SELECT initiative_id, id, large_key, thumbnail_key, width, height, alt FROM initiative_photos \
         WHERE initiative_id IN ({list}) ORDER BY position, id"
    );
    // Independent reads on their own pooled connections, at the same time.
    let (rows, texts, theme_slugs, photos, all_themes) = tokio::try_join!(
        async {
            with_pool!(db, pool => bind_values!(sqlx::query_as::<_, CardRow>(&rows_sql), &values).fetch_all(pool).await).map_err(db_failed)
        },
        async {
            with_pool!(db, pool => bind_values!(sqlx::query_as::<_, CardTextRow>(&texts_sql), &values).fetch_all(pool).await).map_err(db_failed)
        },
        async {
            with_pool!(db, pool => bind_values!(sqlx::query_as::<_, (i64, String)>(&themes_sql), &values).fetch_all(pool).await).map_err(db_failed)
        },
        async {
            with_pool!(db, pool => bind_values!(sqlx::query_as::<_, CardPhotoRow>(&photos_sql), &values).fetch_all(pool).await).map_err(db_failed)
        },
        themes(db, language),
    )?;
    let url = media_url();
    let mut cards = Vec::with_capacity(ids.len());
    for id in ids {
        let Some((_, original, city_name, country_code, latitude, longitude)) =
            rows.iter().find(|row| row.0 == *id).cloned()
        else {
            continue;
        };
        let own_texts: Vec<InitiativeText> = texts
            .iter()
            .filter(|text| text.0 == *id)
            .map(|(_, language, title, summary)| InitiativeText {
                language: language.clone(),
                title: title.clone(),
                summary: summary.clone(),
                description: String::new(),
            })
            .collect();
        let text = text_for(&own_texts, &original, language);
        let slugs: Vec<&String> = theme_slugs
            .iter()
            .filter(|row| row.0 == *id)
            .map(|row| &row.1)
            .collect();
        cards.push(InitiativeCard {
            id: InitiativeId(*id),
            title: text.title,
            summary: text.summary,
            language: text.language,
            city_name,
            country_name: country_code
                .and_then(|code| country_name(&code, language))
                .map(str::to_owned),
            themes: all_themes
                .iter()
                .filter(|theme| slugs.contains(&&theme.slug))
                .cloned()
                .collect(),
            latitude,
            longitude,
            thumbnail: photos.iter().find(|photo| photo.0 == *id).map(
                |(_, photo_id, large, thumbnail, width, height, alt)| Photo {
                    id: *photo_id,
                    large_url: url(large),
                    thumbnail_url: url(thumbnail),
                    width: *width,
                    height: *height,
                    alt: alt.clone(),
                },
            ),
        });
    }
    Ok(cards)
}

/// Published initiatives sharing a theme or the city of `id`, newest first.
pub async fn more_like_this(
    db: &Db,
    id: InitiativeId,
    language: &str,
) -> Result<Vec<InitiativeCard>, AppError> {
    let ids = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT o.id FROM initiatives o, initiatives i WHERE i.id = $1 AND o.id <> i.id AND o.status = 'published' \
         AND (o.city_id = i.city_id OR EXISTS (SELECT 1 FROM initiative_themes a JOIN initiative_themes b \
              ON a.theme_id = b.theme_id WHERE a.initiative_id = o.id AND b.initiative_id = i.id)) \
         ORDER BY o.published_at DESC, o.id DESC LIMIT 4")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    cards(db, &ids, language).await
}

/// The least similarity of two titles for the editor to call them possible duplicates.
pub const DUPLICATE_SIMILARITY: f64 = 0.5;
const MAX_DUPLICATES: usize = 5;

/// Published initiatives of `city` whose title, in any language, matches `title` once folded or
/// is similar to it (trigram similarity >= 0.5), most similar first; `except` is the one edited.
pub async fn possible_duplicates(
    db: &Db,
    city: CityId,
    title: &str,
    except: Option<InitiativeId>,
    language: &str,
) -> Result<Vec<InitiativeCard>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (i64, String)>(
        "SELECT i.id, t.title FROM initiatives i JOIN initiative_texts t ON t.initiative_id = i.id \
         WHERE i.city_id = $1 AND i.status = 'published' AND i.id <> $2")
        .bind(city.0).bind(except.map_or(0, |id| id.0)).fetch_all(pool).await)
    .map_err(db_failed)?;
    let mut scored: Vec<(f64, i64)> = Vec::new();
    for (id, other) in rows {
        let score = crate::text::similarity::trigram_similarity(title, &other);
        if score >= DUPLICATE_SIMILARITY {
            match scored.iter_mut().find(|(_, seen)| *seen == id) {
                Some(entry) => entry.0 = entry.0.max(score),
                None => scored.push((score, id)),
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let ids: Vec<i64> = scored
        .into_iter()
        .take(MAX_DUPLICATES)
        .map(|(_, id)| id)
        .collect();
    cards(db, &ids, language).await
}

type PhotoRow = (i64, String, String, i64, i64, String);

/// The photos of an initiative, in order, with the addresses the storage serves them from.
pub async fn photos_of(db: &Db, id: InitiativeId) -> Result<Vec<Photo>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, PhotoRow>(
        "SELECT id, large_key, thumbnail_key, width, height, alt FROM initiative_photos \
         WHERE initiative_id = $1 ORDER BY position, id")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    let url = media_url();
    Ok(rows
        .into_iter()
        .map(|(id, large, thumbnail, width, height, alt)| Photo {
            id,
            large_url: url(&large),
            thumbnail_url: url(&thumbnail),
            width,
            height,
            alt,
        })
        .collect())
}

pub async fn photo_count(db: &Db, id: InitiativeId) -> Result<i64, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT count(*) FROM initiative_photos WHERE initiative_id = $1")
        .bind(id.0).fetch_one(pool).await)
    .map_err(db_failed)
}

pub async fn add_photo(
    db: &Db,
    id: InitiativeId,
    large_key: &str,
    thumbnail_key: &str,
    (width, height): (i64, i64),
    alt: &str,
) -> Result<(), AppError> {
    with_pool!(db, pool => sqlx::query(
        "INSERT INTO initiative_photos (initiative_id, position, large_key, thumbnail_key, width, height, alt, created_at) \
         VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM initiative_photos WHERE initiative_id = $1), \
         $2, $3, $4, $5, $6, $7)")
        .bind(id.0).bind(large_key).bind(thumbnail_key).bind(width).bind(height).bind(alt)
        .bind(OffsetDateTime::now_utc())
        .execute(pool).await.map(|_| ()))
    .map_err(db_failed)
}

/// Removes a photo of `id`; returns its storage keys (large, thumbnail) to delete the files.
pub async fn delete_photo(
    db: &Db,
    id: InitiativeId,
    photo: i64,
) -> Result<Option<(String, String)>, AppError> {
    with_pool!(db, pool => sqlx::query_as::<_, (String, String)>(
        "DELETE FROM initiative_photos WHERE id = $1 AND initiative_id = $2 RETURNING large_key, thumbnail_key")
        .bind(photo).bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)
}

/// Adds a theme (admins) after the built-in ones, with its names; `false` when the slug is taken.
pub async fn add_theme(db: &Db, slug: &str, labels: &[(String, String)]) -> Result<bool, AppError> {
    let added = in_write_transaction!(db, tx => {
        let taken: i64 = sqlx::query_scalar("SELECT count(*) FROM themes WHERE slug = $1")
            .bind(slug).fetch_one(&mut *tx).await.map_err(db_failed)?;
        if taken > 0 {
            false
        } else {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO themes (slug, position) VALUES ($1, (SELECT coalesce(max(position), 0) + 10 FROM themes)) RETURNING id")
                .bind(slug).fetch_one(&mut *tx).await.map_err(db_failed)?;
            for (language, label) in labels {
                sqlx::query("INSERT INTO theme_labels (theme_id, language, label) VALUES ($1, $2, $3)")
                    .bind(id).bind(language).bind(label).execute(&mut *tx).await.map_err(db_failed)?;
            }
            true
        }
    });
    Ok(added)
}
