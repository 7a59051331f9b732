//! Server functions of initiatives, under /api/initiatives/... Each checks who calls and what
//! they may do first, then parses, then stores.
use super::{
    InitiativeDetail, InitiativeForm, InitiativeSummary, ReviewForm, SearchParams, SearchResults,
    ThemeRef,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// Published initiatives matching a search, with facet counts. Public; a GET, so that a search
/// can be linked, cached and load-tested.
#[server(prefix = "/api", endpoint = "initiatives/search", input = GetUrl)]
pub async fn search_initiatives(
    params: SearchParams,
    language: String,
) -> Result<SearchResults, AppError> {
    crate::server::request::with_status(ssr::search(params, language).await)
}

/// The initiatives of a search with their position, for the map page. Public, like the search.
#[server(prefix = "/api", endpoint = "initiatives/map", input = GetUrl)]
pub async fn initiatives_map(
    params: SearchParams,
    language: String,
) -> Result<super::MapData, AppError> {
    crate::server::request::with_status(ssr::map(params, language).await)
}

/// One initiative: published ones for everyone, others for their spotter and moderators only
/// (anyone else gets "not found", so drafts do not even show they exist).
#[server(prefix = "/api", endpoint = "initiatives/get", input = GetUrl)]
pub async fn get_initiative(id: i64, language: String) -> Result<InitiativeDetail, AppError> {
    crate::server::request::with_status(ssr::get(id, language).await)
}

/// The theme list, in display order.
#[server(prefix = "/api", endpoint = "initiatives/themes", input = GetUrl)]
pub async fn list_themes(language: String) -> Result<Vec<ThemeRef>, AppError> {
    crate::server::request::with_status(ssr::themes(language).await)
}

/// Published initiatives of the same city with the same or a similar title: the editor shows
/// them before a spotter submits. Public, like the initiatives it returns.
#[server(prefix = "/api", endpoint = "initiatives/duplicates", input = GetUrl)]
pub async fn possible_duplicates(
    title: String,
    city: String,
    except: Option<i64>,
    language: String,
) -> Result<Vec<super::InitiativeCard>, AppError> {
    crate::server::request::with_status(ssr::duplicates(title, city, except, language).await)
}

/// What the edit form starts from: the initiative's values, as a form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditFormStart {
    pub form: InitiativeForm,
    pub status: Option<super::Status>,
    pub review_note: String,
    pub photos: Vec<super::Photo>,
    /// A new initiative started from an event: the event and what it presented.
    #[serde(default)]
    pub inspiration: Option<crate::events::outcome::InspirationStart>,
}

#[server(prefix = "/api", endpoint = "initiatives/editable", input = GetUrl)]
pub async fn editable_initiative(id: i64) -> Result<EditFormStart, AppError> {
    crate::server::request::with_status(ssr::editable(id).await)
}

/// Creates or edits an initiative, as a draft or for review (members; edits: its spotter and
/// moderators). Goes to the initiative's page once saved.
#[server(prefix = "/api", endpoint = "initiatives/save")]
pub async fn save_initiative(form: InitiativeForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::save(form).await)
}

/// Adds or replaces a translation (its spotter and moderators).
#[server(prefix = "/api", endpoint = "initiatives/translate")]
pub async fn translate_initiative(form: super::TranslationForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::translate(form).await)
}

/// Admins extend the theme list.
#[server(prefix = "/api", endpoint = "initiatives/add-theme")]
pub async fn add_theme(form: super::NewThemeForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::add_theme(form).await)
}

/// A moderator publishes, sends back (with a reason) or unpublishes an initiative.
#[server(prefix = "/api", endpoint = "initiatives/review")]
pub async fn review_initiative(form: ReviewForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::review(form).await)
}

/// Initiatives waiting for review (moderators).
#[server(prefix = "/api", endpoint = "initiatives/queue", input = GetUrl)]
pub async fn review_queue(language: String) -> Result<Vec<InitiativeSummary>, AppError> {
    crate::server::request::with_status(ssr::queue(language).await)
}

/// The caller's own initiatives, whatever their status (members).
#[server(prefix = "/api", endpoint = "initiatives/mine", input = GetUrl)]
pub async fn my_initiatives(language: String) -> Result<Vec<InitiativeSummary>, AppError> {
    crate::server::request::with_status(ssr::mine(language).await)
}

#[cfg(feature = "ssr")]
pub(crate) use ssr::reader_language;

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::session::{current_account, require_member, require_moderator};
    use crate::accounts::CurrentAccount;
    use crate::cities::store as cities;
    use crate::error::{ErrorCode, FieldErrors};
    use crate::events::EventId;
    use crate::initiatives::{
        parse_line, search as search_engine, store, Decision, InitiativeId, Intent, Status,
        CONTENT_LANGUAGES, REVIEW_NOTE_MAX_CHARS,
    };
    use crate::inspiration::EventInspiration;
    use crate::server::state::app_state;

    /// The reader's language as content knows it (interface languages are all content languages).
    pub fn reader_language(language: &str) -> &str {
        CONTENT_LANGUAGES
            .iter()
            .find(|code| **code == language)
            .copied()
            .unwrap_or("en")
    }

    pub async fn search(params: SearchParams, language: String) -> Result<SearchResults, AppError> {
        let state = app_state()?;
        search_engine::search(
            &state.db,
            &state.search,
            &params,
            reader_language(&language),
        )
        .await
    }

    pub async fn map(
        params: SearchParams,
        language: String,
    ) -> Result<crate::initiatives::MapData, AppError> {
        let state = app_state()?;
        let points = search_engine::map_points(
            &state.db,
            &state.search,
            &params,
            reader_language(&language),
        )
        .await?;
        let points_json = serde_json::to_string(&points).map_err(|error| {
            tracing::error!(%error, "map points do not serialise");
            AppError::Internal
        })?;
        Ok(crate::initiatives::MapData {
            points,
            points_json,
            tile_url: state.config.tile_url.clone(),
            tile_attribution: state.config.tile_attribution.clone(),
        })
    }

    pub async fn get(id: i64, language: String) -> Result<InitiativeDetail, AppError> {
        let state = app_state()?;
        let reader = current_account().await?;
        let id = InitiativeId(id);
        let owner = store::ownership(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let may_edit = reader.as_ref().is_some_and(|r| owner.may_be_edited_by(r));
        if owner.status != Status::Published && !may_edit {
            return Err(AppError::NotFound);
        }
        let language = reader_language(&language);
        let mut detail = store::detail(&state.db, id, language)
            .await?
            .ok_or(AppError::NotFound)?;
        detail.can_edit = may_edit;
        detail.can_review = reader.as_ref().is_some_and(CurrentAccount::can_moderate);
        if !may_edit {
            detail.review_note = None;
        }
        detail.founder_claims = crate::initiatives::founders::store::claims_for(
            &state.db,
            id,
            reader.as_ref(),
            owner.status == Status::Published,
            may_edit,
        )
        .await?;
        detail.more_like_this = store::more_like_this(&state.db, id, language).await?;
        detail.events = crate::events::store::presenting(&state.db, id.0, language).await?;
        detail.inspiration =
            crate::inspiration::store::of_initiative(&state.db, id.0, language).await?;
        detail.lineage = crate::inspiration::graph::lineage(&state.db, id.0, language).await?;
        detail.lineage.tile_url = state.config.tile_url.clone();
        detail.lineage.tile_attribution = state.config.tile_attribution.clone();
        detail.reports = crate::reports::store::of_initiative(&state.db, id, language).await?;
        detail.can_report = reader.is_some() && owner.status == Status::Published;
        detail.canonical_url = state.config.link_to(&id.path());
        detail.structured_data = structured_data(&detail);
        Ok(detail)
    }

    /// schema.org data for search engines and link previews. `<` is escaped so that no text can
    /// close the `<script>` element it sits in.
    fn structured_data(detail: &InitiativeDetail) -> String {
        let mut same_as: Vec<&String> = detail.links.iter().collect();
        if !detail.website.is_empty() {
            same_as.insert(0, &detail.website);
        }
        let data = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Project",
            "name": detail.text.title,
            "description": detail.text.summary,
            "url": detail.canonical_url,
            "inLanguage": detail.text.language,
            "foundingDate": detail.founded_year.map(|year| year.to_string()),
            "founder": detail.founders.iter().map(|f| serde_json::json!({"@type": "Person", "name": f.name})).collect::<Vec<_>>(),
            "sameAs": same_as,
            "location": detail.city.as_ref().map(|city| serde_json::json!({
                "@type": "Place",
                "name": city.label(),
                "geo": {"@type": "GeoCoordinates", "latitude": city.latitude, "longitude": city.longitude},
            })),
        });
        crate::text::script_json(&data)
    }

    pub async fn duplicates(
        title: String,
        city: String,
        except: Option<i64>,
        language: String,
    ) -> Result<Vec<crate::initiatives::InitiativeCard>, AppError> {
        let state = app_state()?;
        let title = parse_line(&title, crate::initiatives::TITLE_MAX_CHARS, true);
        let city = parse_line(&city, crate::initiatives::TITLE_MAX_CHARS, true);
        let (Ok(title), Ok(city)) = (title, city) else {
            return Ok(Vec::new());
        };
        let Some(city) = cities::resolve_label(&state.db, &city).await? else {
            return Ok(Vec::new());
        };
        let except = except.map(InitiativeId);
        store::possible_duplicates(
            &state.db,
            city.id,
            &title,
            except,
            reader_language(&language),
        )
        .await
    }

    pub async fn themes(language: String) -> Result<Vec<ThemeRef>, AppError> {
        let state = app_state()?;
        store::themes(&state.db, reader_language(&language)).await
    }

    pub async fn editable(id: i64) -> Result<EditFormStart, AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        let id = InitiativeId(id);
        store::require_editor(&state.db, &account, id).await?;
        let saved = store::editable_input(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let original = store::text_for(
            &saved.texts,
            &saved.original_language,
            &saved.original_language,
        );
        let city = match saved.city_id {
            Some(city) => cities::get(&state.db, crate::cities::CityId(city))
                .await?
                .map(|c| c.label()),
            None => None,
        };
        Ok(EditFormStart {
            form: InitiativeForm {
                id: id.0.to_string(),
                language: saved.original_language,
                title: original.title,
                summary: original.summary,
                description: original.description,
                city: city.unwrap_or_default(),
                themes: saved.theme_slugs,
                tags: saved.tags.join(", "),
                founders: saved.founders.join("\n"),
                website: saved.website,
                links: saved.links.join("\n"),
                founded_year: saved
                    .founded_year
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
                intent: Intent::SaveDraft,
                ..Default::default()
            },
            status: Status::parse(&saved.status),
            review_note: saved.review_note,
            photos: store::photos_of(&state.db, id).await?,
            inspiration: None,
        })
    }

    /// The event a new initiative is started from, and the presented initiatives ticked as its
    /// inspiration: only someone who came (or organises) may say so, and only initiatives the
    /// event presented can be ticked. Edits ignore both (links are made once, at creation).
    async fn inspiration_of(
        db: &crate::db::Db,
        account: &CurrentAccount,
        form: &InitiativeForm,
    ) -> Result<Option<EventInspiration>, AppError> {
        let event = form.event.trim();
        if event.is_empty() || !form.id.trim().is_empty() {
            return Ok(None);
        }
        let event = EventId(event.parse::<i64>().map_err(|_| AppError::BadRequest)?);
        let now = time::OffsetDateTime::now_utc();
        crate::events::outcome::api::require_starter(db, account, event, now).await?;
        let presented = crate::events::store::presented_ids(db, event).await?;
        let mut initiatives = Vec::new();
        for raw in &form.inspired_by {
            match raw.trim().parse::<i64>() {
                Ok(id) if presented.contains(&id) => {
                    if !initiatives.contains(&id) {
                        initiatives.push(id);
                    }
                }
                _ => return Err(AppError::field("inspired_by", ErrorCode::UnknownInitiative)),
            }
        }
        Ok(Some(EventInspiration {
            event: event.0,
            initiatives,
        }))
    }

    pub async fn save(form: InitiativeForm) -> Result<(), AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        let inspiration = inspiration_of(&state.db, &account, &form).await?;
        let input = form.parse()?;
        let current = match input.id {
            Some(id) => Some(store::require_editor(&state.db, &account, id).await?.status),
            None => None,
        };
        let mut errors = FieldErrors::default();
        let this_year = i64::from(time::OffsetDateTime::now_utc().year());
        if input.founded_year.is_some_and(|year| year > this_year) {
            errors.add("founded_year", ErrorCode::InvalidYear);
        }
        let city =
            cities::resolve_field(&state.db, input.city.as_deref(), "city", &mut errors).await?;
        let theme_ids = store::theme_ids(&state.db, &input.themes).await?;
        if theme_ids.is_none() {
            errors.add("themes", ErrorCode::UnknownTheme);
        }
        errors.into_result()?;
        let resolved = store::ResolvedInput {
            input: &input,
            city: city.as_ref(),
            theme_ids: theme_ids.as_deref().unwrap_or_default(),
            inspiration: inspiration.as_ref(),
        };
        let status = Status::after_save(current, input.intent);
        let id = store::save(&state.db, account.id, &resolved, status).await?;
        leptos_axum::redirect(&id.path());
        Ok(())
    }

    pub async fn translate(form: crate::initiatives::TranslationForm) -> Result<(), AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        let (id, text) = form.parse()?;
        store::require_editor(&state.db, &account, id).await?;
        let saved = store::editable_input(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if saved.original_language == text.language {
            return Err(AppError::field("language", ErrorCode::SameAsOriginal));
        }
        store::save_translation(&state.db, account.id, id, &text).await?;
        leptos_axum::redirect(&id.path());
        Ok(())
    }

    pub async fn add_theme(form: crate::initiatives::NewThemeForm) -> Result<(), AppError> {
        crate::accounts::session::require_role(crate::accounts::Role::Admin).await?;
        let state = app_state()?;
        let (slug, labels) = form.parse()?;
        if !store::add_theme(&state.db, &slug, &labels).await? {
            return Err(AppError::field("name_en", ErrorCode::ThemeExists));
        }
        Ok(())
    }

    pub async fn review(form: ReviewForm) -> Result<(), AppError> {
        let moderator = require_moderator().await?;
        let state = app_state()?;
        let id = InitiativeId(form.id);
        let decision = form
            .decision
            .ok_or_else(|| AppError::field("decision", ErrorCode::Required))?;
        let needs_reason = decision != Decision::Approve;
        let note = parse_line(&form.note, REVIEW_NOTE_MAX_CHARS, needs_reason)
            .map_err(|code| AppError::field("note", code))?;
        let owner = store::ownership(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let next = decision
            .next_status(owner.status)
            .ok_or(AppError::InvalidState)?;
        let mut mails: Vec<_> = match store::spotter_of(&state.db, id).await? {
            Some((spotter, title)) => {
                let url = state.config.link_to(&id.path());
                crate::initiatives::mails::review_decision(&spotter, next, &title, &note, &url)
                    .into_iter()
                    .collect()
            }
            None => Vec::new(),
        };
        if next == Status::Published && !store::was_published(&state.db, id).await? {
            // Links confirmed while it was a draft are told now that it can be seen.
            mails.extend(crate::inspiration::api::first_publication_mails(&state, id.0).await?);
        }
        store::set_status(
            &state.db,
            moderator.id,
            id,
            (owner.status, next),
            &note,
            &mails,
        )
        .await?;
        leptos_axum::redirect(&id.path());
        Ok(())
    }

    pub async fn queue(language: String) -> Result<Vec<InitiativeSummary>, AppError> {
        require_moderator().await?;
        let state = app_state()?;
        store::review_queue(&state.db, reader_language(&language)).await
    }

    pub async fn mine(language: String) -> Result<Vec<InitiativeSummary>, AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        store::spotted_by(&state.db, account.id, reader_language(&language)).await
    }
}
