//! Server functions of reports, under /api/reports/... Each checks who calls and what they may
//! do first, then parses, then stores.
use super::{
    Gallery, GalleryParams, ReportDetail, ReportForm, ReportFormStart, ReportSummary,
    ReportTranslationForm, TranslationStart,
};
use crate::error::AppError;
use crate::initiatives::ReviewForm;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// Published reports, newest first, filtered as the URL says. Public.
#[server(prefix = "/api", endpoint = "reports/gallery", input = GetUrl)]
pub async fn report_gallery(
    #[server(default)] params: GalleryParams,
    language: String,
) -> Result<Gallery, AppError> {
    crate::server::request::with_status(ssr::gallery(params, language).await)
}

/// A report's page: published ones for everyone, others for their reporter and moderators.
#[server(prefix = "/api", endpoint = "reports/get", input = GetUrl)]
pub async fn get_report(id: i64, language: String) -> Result<ReportDetail, AppError> {
    crate::server::request::with_status(ssr::get(id, language).await)
}

/// The empty form of a new report on a published initiative: for reporters.
#[server(prefix = "/api", endpoint = "reports/new", input = GetUrl)]
pub async fn new_report_start(initiative: i64) -> Result<ReportFormStart, AppError> {
    crate::server::request::with_status(ssr::new_start(initiative).await)
}

/// A saved report's form: for its reporter and moderators.
#[server(prefix = "/api", endpoint = "reports/editable", input = GetUrl)]
pub async fn editable_report(id: i64) -> Result<ReportFormStart, AppError> {
    crate::server::request::with_status(ssr::editable(id).await)
}

#[server(prefix = "/api", endpoint = "reports/save")]
pub async fn save_report(form: ReportForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::save(form).await)
}

/// The original texts and the translations so far: for the reporter and moderators.
#[server(prefix = "/api", endpoint = "reports/translation", input = GetUrl)]
pub async fn report_translation(id: i64) -> Result<TranslationStart, AppError> {
    crate::server::request::with_status(ssr::translation(id).await)
}

#[server(prefix = "/api", endpoint = "reports/translate")]
pub async fn translate_report(form: ReportTranslationForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::translate(form).await)
}

#[server(prefix = "/api", endpoint = "reports/review")]
pub async fn review_report(form: ReviewForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::review(form).await)
}

/// Reports waiting for a moderator.
#[server(prefix = "/api", endpoint = "reports/queue", input = GetUrl)]
pub async fn report_queue(language: String) -> Result<Vec<ReportSummary>, AppError> {
    crate::server::request::with_status(ssr::queue(language).await)
}

/// The caller's own reports, whatever their status.
#[server(prefix = "/api", endpoint = "reports/mine", input = GetUrl)]
pub async fn my_reports(language: String) -> Result<Vec<ReportSummary>, AppError> {
    crate::server::request::with_status(ssr::mine(language).await)
}

/// The PeerTube instances reports may show videos from: admins only.
#[server(prefix = "/api", endpoint = "reports/peertube-instances", input = GetUrl)]
pub async fn peertube_instances() -> Result<Vec<String>, AppError> {
    crate::server::request::with_status(ssr::instances().await)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceForm {
    pub host: String,
}

#[server(prefix = "/api", endpoint = "reports/add-peertube-instance")]
pub async fn add_peertube_instance(form: InstanceForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::add_instance(form).await)
}

#[server(prefix = "/api", endpoint = "reports/remove-peertube-instance")]
pub async fn remove_peertube_instance(form: InstanceForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::remove_instance(form).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::session::{
        current_account, require_member, require_moderator, require_role,
    };
    use crate::accounts::{CurrentAccount, Role};
    use crate::db::Db;
    use crate::error::{ErrorCode, FieldErrors};
    use crate::initiatives::api::reader_language;
    use crate::initiatives::{parse_line, Decision, InitiativeId, Status, REVIEW_NOTE_MAX_CHARS};
    use crate::reports::form::{PersonInput, ReportInput};
    use crate::reports::store::{self, Ownership, ResolvedPerson, ResolvedReport};
    use crate::reports::{with_blank_rows, ReportId, MAX_CHAPTERS, MAX_PEOPLE};
    use crate::server::state::app_state;

    pub async fn gallery(params: GalleryParams, language: String) -> Result<Gallery, AppError> {
        let state = app_state()?;
        store::gallery(&state.db, &params, reader_language(&language)).await
    }

    fn may_edit(owner: &Ownership, account: &CurrentAccount) -> bool {
        owner.reporter == account.id || account.can_moderate()
    }

    /// The report, when `account` may edit it: its reporter and moderators.
    async fn require_editor(
        db: &Db,
        account: &CurrentAccount,
        id: ReportId,
    ) -> Result<Ownership, AppError> {
        let owner = store::ownership(db, id).await?.ok_or(AppError::NotFound)?;
        if may_edit(&owner, account) {
            Ok(owner)
        } else {
            Err(AppError::Forbidden)
        }
    }

    async fn initiative_is_published(db: &Db, id: InitiativeId) -> Result<bool, AppError> {
        Ok(crate::initiatives::store::ownership(db, id)
            .await?
            .is_some_and(|owner| owner.status == Status::Published))
    }

    pub async fn get(id: i64, language: String) -> Result<ReportDetail, AppError> {
        let state = app_state()?;
        let reader = current_account().await?;
        let id = ReportId(id);
        let owner = store::ownership(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let can_edit = reader.as_ref().is_some_and(|r| may_edit(&owner, r));
        let public = owner.status == Status::Published
            && initiative_is_published(&state.db, owner.initiative).await?;
        if !public && !can_edit {
            return Err(AppError::NotFound);
        }
        let mut detail = store::detail(&state.db, id, reader_language(&language))
            .await?
            .ok_or(AppError::NotFound)?;
        if detail.thumbnail_url.is_none() {
            crate::reports::thumbnails::fetch_soon(&state, id);
        }
        detail.can_edit = can_edit;
        detail.can_review = reader.as_ref().is_some_and(CurrentAccount::can_moderate);
        if !can_edit {
            detail.review_note = None;
        }
        Ok(detail)
    }

    /// Members who took the reporter role (on their profile) attach reports.
    async fn require_reporter() -> Result<CurrentAccount, AppError> {
        let account = require_member().await?;
        if store::is_reporter(&app_state()?.db, account.id).await? {
            Ok(account)
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub async fn new_start(initiative: i64) -> Result<ReportFormStart, AppError> {
        let account = require_reporter().await?;
        let state = app_state()?;
        let initiative = InitiativeId(initiative);
        if !initiative_is_published(&state.db, initiative).await? {
            return Err(AppError::NotFound);
        }
        let language = reader_language(&account.preferred_language).to_owned();
        Ok(ReportFormStart {
            form: ReportForm {
                initiative: initiative.0.to_string(),
                language: language.clone(),
                spoken_language: language,
                filmed_by: format!("@{}", account.handle),
                speakers: with_blank_rows(Vec::new(), MAX_PEOPLE),
                chapters: with_blank_rows(Vec::new(), MAX_CHAPTERS),
                ..Default::default()
            },
            initiative_title: crate::initiatives::store::title_in(
                &state.db,
                initiative,
                &account.preferred_language,
            )
            .await?,
            status: None,
            review_note: String::new(),
        })
    }

    pub async fn editable(id: i64) -> Result<ReportFormStart, AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        let id = ReportId(id);
        require_editor(&state.db, &account, id).await?;
        let mut start = store::editable(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        start.form.speakers = with_blank_rows(start.form.speakers, MAX_PEOPLE);
        start.form.chapters = with_blank_rows(start.form.chapters, MAX_CHAPTERS);
        Ok(start)
    }

    /// Members named by handle, found (or the field refused); other names as typed.
    async fn resolve_people(
        db: &Db,
        people: &[PersonInput],
        field: impl Fn(&PersonInput) -> String,
        errors: &mut FieldErrors,
    ) -> Result<Vec<ResolvedPerson>, AppError> {
        let mut resolved = Vec::with_capacity(people.len());
        for person in people {
            let account = match &person.handle {
                None => None,
                Some(handle) => {
                    match crate::members::store::find_member_by_handle(db, handle).await? {
                        Some((account, _)) => Some(account),
                        None => {
                            errors.add(&field(person), ErrorCode::UnknownMember);
                            continue;
                        }
                    }
                }
            };
            resolved.push(ResolvedPerson {
                name: person.name.trim_start_matches('@').to_owned(),
                account,
                role: person.role.clone(),
            });
        }
        Ok(resolved)
    }

    /// The initiative of a new report (published, or refused on the form) or of the saved one.
    async fn initiative_of(
        db: &Db,
        input: &ReportInput,
        saved: Option<&Ownership>,
    ) -> Result<InitiativeId, AppError> {
        if let Some(owner) = saved {
            return Ok(owner.initiative);
        }
        match input.initiative {
            Some(id) if initiative_is_published(db, id).await? => Ok(id),
            _ => Err(AppError::field("initiative", ErrorCode::UnknownInitiative)),
        }
    }

    pub async fn save(form: ReportForm) -> Result<(), AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        let saved = match form.id.trim() {
            "" => {
                if !store::is_reporter(&state.db, account.id).await? {
                    return Err(AppError::Forbidden);
                }
                None
            }
            raw => {
                let id = ReportId(raw.parse().map_err(|_| AppError::BadRequest)?);
                Some(require_editor(&state.db, &account, id).await?)
            }
        };
        let hosts = store::peertube_hosts(&state.db).await?;
        let today = time::OffsetDateTime::now_utc().date();
        let input = form.parse(&hosts, today)?;
        let initiative = initiative_of(&state.db, &input, saved.as_ref()).await?;
        let mut errors = FieldErrors::default();
        let filmed_by = |_: &PersonInput| "filmed_by".to_owned();
        let filmed_by = resolve_people(&state.db, &input.filmed_by, filmed_by, &mut errors).await?;
        let speaker_field = |speaker: &PersonInput| format!("speaker_{}_name", speaker.row);
        let speakers =
            resolve_people(&state.db, &input.speakers, speaker_field, &mut errors).await?;
        errors.into_result()?;
        let report = ResolvedReport {
            input: &input,
            initiative,
            filmed_by,
            speakers,
        };
        let status = Status::after_save(saved.map(|owner| owner.status), input.intent);
        let id = store::save(&state.db, account.id, &report, status).await?;
        crate::reports::thumbnails::fetch_soon(&state, id);
        leptos_axum::redirect(&id.path());
        Ok(())
    }

    pub async fn translation(id: i64) -> Result<TranslationStart, AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        let id = ReportId(id);
        require_editor(&state.db, &account, id).await?;
        store::translation_start(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn translate(form: ReportTranslationForm) -> Result<(), AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        let id = ReportId(form.id);
        require_editor(&state.db, &account, id).await?;
        let start = store::translation_start(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let texts = form.parse(start.original.chapters.len())?;
        if texts.language == start.original_language {
            return Err(AppError::field("language", ErrorCode::SameAsOriginal));
        }
        store::save_translation(&state.db, account.id, id, &texts).await?;
        leptos_axum::redirect(&id.path());
        Ok(())
    }

    pub async fn review(form: ReviewForm) -> Result<(), AppError> {
        let moderator = require_moderator().await?;
        let state = app_state()?;
        let id = ReportId(form.id);
        let decision = form
            .decision
            .ok_or_else(|| AppError::field("decision", ErrorCode::Required))?;
        let note = parse_line(
            &form.note,
            REVIEW_NOTE_MAX_CHARS,
            decision != Decision::Approve,
        )
        .map_err(|code| AppError::field("note", code))?;
        let owner = store::ownership(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let next = decision
            .next_status(owner.status)
            .ok_or(AppError::InvalidState)?;
        let mails = decision_mails(&state, id, &owner, next, &note).await?;
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

    /// The reporter hears of every decision; the initiative's spotter and member founders hear
    /// of a first publication (not of a report published again after a change).
    async fn decision_mails(
        state: &crate::server::state::AppState,
        id: ReportId,
        owner: &Ownership,
        next: Status,
        note: &str,
    ) -> Result<Vec<crate::server::mail::Mail>, AppError> {
        let url = state.config.link_to(&id.path());
        let mut mails = Vec::new();
        if let Some(reporter) = store::reporter_of(&state.db, id).await? {
            let title = store::title_in(&state.db, id, &reporter.language).await?;
            mails.extend(crate::reports::mails::review_decision(
                &reporter, next, &title, note, &url,
            ));
        }
        let first_publication =
            next == Status::Published && !store::was_published(&state.db, id).await?;
        if first_publication {
            for (person, initiative) in
                crate::initiatives::store::spotter_and_founders(&state.db, owner.initiative).await?
            {
                let already = mails.iter().any(|mail| mail.to == person.email);
                if !already {
                    mails.push(crate::reports::mails::report_on_initiative(
                        &person,
                        &initiative,
                        &url,
                    ));
                }
            }
        }
        Ok(mails)
    }

    pub async fn queue(language: String) -> Result<Vec<ReportSummary>, AppError> {
        require_moderator().await?;
        let state = app_state()?;
        store::review_queue(&state.db, reader_language(&language)).await
    }

    pub async fn mine(language: String) -> Result<Vec<ReportSummary>, AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        store::reported_by(&state.db, account.id, reader_language(&language)).await
    }

    pub async fn instances() -> Result<Vec<String>, AppError> {
        require_role(Role::Admin).await?;
        store::peertube_hosts(&app_state()?.db).await
    }

    /// `tube.example.org` from what an admin typed (a bare host, or an address on it).
    fn parse_host(raw: &str) -> Result<String, ErrorCode> {
        let raw = raw.trim().to_lowercase();
        if raw.is_empty() {
            return Err(ErrorCode::Required);
        }
        let with_scheme = if raw.contains("://") {
            raw
        } else {
            format!("https://{raw}")
        };
        let url = url::Url::parse(&with_scheme).map_err(|_| ErrorCode::InvalidHost)?;
        let plain = url.scheme() == "https"
            && url.username().is_empty()
            && url.password().is_none()
            && url.port().is_none();
        match url.host() {
            Some(url::Host::Domain(host)) if plain && host.contains('.') => Ok(host.to_owned()),
            _ => Err(ErrorCode::InvalidHost),
        }
    }

    pub async fn add_instance(form: InstanceForm) -> Result<(), AppError> {
        let admin = require_role(Role::Admin).await?;
        let state = app_state()?;
        let host = parse_host(&form.host).map_err(|code| AppError::field("host", code))?;
        if !store::add_peertube_host(&state.db, admin.id, &host).await? {
            return Err(AppError::field("host", ErrorCode::HostListed));
        }
        state.refresh_player_origins().await;
        Ok(())
    }

    pub async fn remove_instance(form: InstanceForm) -> Result<(), AppError> {
        require_role(Role::Admin).await?;
        let state = app_state()?;
        store::remove_peertube_host(&state.db, form.host.trim()).await?;
        state.refresh_player_origins().await;
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use super::parse_host;
        use crate::error::ErrorCode;

        #[test]
        fn instances_are_listed_by_their_https_host_name() {
            assert_eq!(
                parse_host(" Tube.Example.org ").unwrap(),
                "tube.example.org"
            );
            assert_eq!(
                parse_host("https://tube.example.org/videos/local").unwrap(),
                "tube.example.org"
            );
            for bad in [
                "http://tube.example.org",
                "localhost",
                "https://1.2.3.4",
                "a b",
                "https://u:p@t.org",
            ] {
                assert_eq!(parse_host(bad), Err(ErrorCode::InvalidHost), "{bad}");
            }
            assert_eq!(parse_host(""), Err(ErrorCode::Required));
        }
    }
}
