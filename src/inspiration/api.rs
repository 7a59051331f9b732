//! Server functions of the inspiration graph, public HTTP endpoints under /api/inspiration/...
use super::{DecisionForm, Inspiring, ProposalForm, ProposalStart, ProposedLink};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Confirms or rejects a proposed link: the organisers of the event it was proposed at, or a
/// moderator (moderators alone for links proposed elsewhere). A confirmation that would close
/// a cycle is refused; the source's spotter and founders are told of a new confirmation.
#[server(prefix = "/api", endpoint = "inspiration/decide")]
pub async fn decide_link(form: DecisionForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::decide(form).await)
}

/// Proposes that an initiative was inspired by a published one: its spotter or a moderator.
/// A moderator decides it on `/review`.
#[server(prefix = "/api", endpoint = "inspiration/propose")]
pub async fn propose_inspiration(form: ProposalForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::propose(form).await)
}

/// The "inspired by" page: the initiative's links so far, and the published initiatives
/// matching `q` to propose (its spotter, moderators).
#[server(prefix = "/api", endpoint = "inspiration/proposal-start", input = GetUrl)]
pub async fn load_proposal_start(
    target: i64,
    #[server(default)] q: String,
    language: String,
) -> Result<ProposalStart, AppError> {
    crate::server::request::with_status(ssr::proposal_start(target, &q, &language).await)
}

/// The links spotters proposed, waiting for a moderator (moderators).
#[server(prefix = "/api", endpoint = "inspiration/queue", input = GetUrl)]
pub async fn inspiration_queue(language: String) -> Result<Vec<ProposedLink>, AppError> {
    crate::server::request::with_status(ssr::queue(&language).await)
}

/// The most inspiring published initiatives (anyone).
#[server(prefix = "/api", endpoint = "inspiration/most-inspiring", input = GetUrl)]
pub async fn most_inspiring(language: String) -> Result<Vec<Inspiring>, AppError> {
    crate::server::request::with_status(ssr::most_inspiring(&language).await)
}

/// Initiatives the home page ranks.
pub const RANKING_SIZE: usize = 5;
/// Candidates the "inspired by" page lists for one search.
pub const CANDIDATES: usize = 10;

#[cfg(feature = "ssr")]
pub(crate) use ssr::first_publication_mails;

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::session::{self, require_moderator};
    use crate::events::EventId;
    use crate::initiatives::api::reader_language;
    use crate::initiatives::{store as initiatives, InitiativeId, SearchParams, Status};
    use crate::inspiration::{graph, mails, store, EndKind, LinkEnd, LinkStatus, MAX_SOURCES};
    use crate::server::mail::Mail;
    use crate::server::state::{app_state, AppState};
    use time::OffsetDateTime;

    /// The longest search the "inspired by" page reads.
    const QUERY_MAX_CHARS: usize = 200;

    pub async fn decide(form: DecisionForm) -> Result<(), AppError> {
        let member = session::require_member().await?;
        let state = app_state()?;
        let link = store::link(&state.db, form.link)
            .await?
            .ok_or(AppError::NotFound)?;
        match link.via_event {
            Some(event) => {
                crate::events::api::require_manager(&state.db, EventId(event)).await?;
            }
            None if member.can_moderate() => {}
            None => return Err(AppError::Forbidden),
        }
        let status = form.status().ok_or(AppError::BadRequest)?;
        // A draft's spotter and moderators alone may see it: the inspiring initiative's people
        // are told when it is published (`first_publication_mails`).
        let target_published = initiatives::ownership(&state.db, InitiativeId(link.target))
            .await?
            .is_some_and(|owner| owner.status == Status::Published);
        let mails = match (status, link.source_initiative) {
            (LinkStatus::Confirmed, Some(source)) if target_published => {
                inspired_mails(&state, source, link.target).await?
            }
            _ => Vec::new(),
        };
        let now = OffsetDateTime::now_utc();
        store::decide(&state.db, form.link, (status, member.id), link, &mails, now).await
    }

    /// What the spotter and founders of `source` are told: `target` was inspired by it.
    async fn inspired_mails(
        state: &AppState,
        source: i64,
        target: i64,
    ) -> Result<Vec<Mail>, AppError> {
        let url = state.config.link_to(&InitiativeId(target).path());
        let mut mails = Vec::new();
        for (person, title) in
            initiatives::spotter_and_founders(&state.db, InitiativeId(source)).await?
        {
            let new =
                initiatives::title_in(&state.db, InitiativeId(target), &person.language).await?;
            mails.push(mails::inspired_new(&person, &title, &new, &url));
        }
        Ok(mails)
    }

    /// What the people of each initiative that inspired `target` (confirmed links) are told
    /// when `target` is first published.
    pub async fn first_publication_mails(
        state: &AppState,
        target: i64,
    ) -> Result<Vec<Mail>, AppError> {
        let mut mails = Vec::new();
        for source in store::confirmed_sources(&state.db, target).await? {
            mails.extend(inspired_mails(state, source, target).await?);
        }
        Ok(mails)
    }

    pub async fn propose(form: ProposalForm) -> Result<(), AppError> {
        let member = session::require_member().await?;
        let state = app_state()?;
        let target = InitiativeId(form.target);
        initiatives::require_editor(&state.db, &member, target).await?;
        let now = OffsetDateTime::now_utc();
        store::propose(&state.db, target.0, form.source, member.id, now).await?;
        leptos_axum::redirect(&format!("{}/inspiration", target.path()));
        Ok(())
    }

    pub async fn proposal_start(
        target: i64,
        q: &str,
        language: &str,
    ) -> Result<ProposalStart, AppError> {
        let member = session::require_member().await?;
        let state = app_state()?;
        let id = InitiativeId(target);
        let owner = initiatives::require_editor(&state.db, &member, id).await?;
        let language = reader_language(language);
        let links = store::sources_of(&state.db, target, language).await?;
        let candidates = candidates(&state, target, q, language).await?;
        let title = initiatives::title_in(&state.db, id, language).await?;
        let named = links
            .iter()
            .filter(|link| link.status != LinkStatus::Rejected)
            .count();
        Ok(ProposalStart {
            target: LinkEnd {
                kind: EndKind::Initiative,
                id: target,
                title,
                city: None,
                public: owner.status == Status::Published,
            },
            full: named >= MAX_SOURCES,
            links,
            candidates,
        })
    }

    /// Published initiatives matching `q` (the initiatives search, best first), but not the
    /// target itself.
    async fn candidates(
        state: &AppState,
        target: i64,
        q: &str,
        language: &str,
    ) -> Result<Vec<LinkEnd>, AppError> {
        if q.trim().is_empty() {
            return Ok(Vec::new());
        }
        let params = SearchParams {
            q: q.chars().take(QUERY_MAX_CHARS).collect(),
            ..Default::default()
        };
        let found =
            crate::initiatives::search::search(&state.db, &state.search, &params, language).await?;
        Ok(found
            .items
            .into_iter()
            .filter(|card| card.id.0 != target)
            .take(CANDIDATES)
            .map(|card| LinkEnd {
                kind: EndKind::Initiative,
                id: card.id.0,
                title: card.title,
                city: card.city_name,
                public: true,
            })
            .collect())
    }

    pub async fn queue(language: &str) -> Result<Vec<ProposedLink>, AppError> {
        require_moderator().await?;
        let state = app_state()?;
        store::waiting_for_moderators(&state.db, reader_language(language)).await
    }

    pub async fn most_inspiring(language: &str) -> Result<Vec<Inspiring>, AppError> {
        let state = app_state()?;
        graph::most_inspiring(
            &state.db,
            &state.search.ranking,
            RANKING_SIZE,
            reader_language(language),
        )
        .await
    }
}
