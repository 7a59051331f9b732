//! Founders who are members, linked to their accounts. A member says on a published initiative's
//! page which of its founders they are; its spotter (or a moderator) confirms or declines, and
//! each is told by email. Only confirmed links show. Nobody is linked without asking for it, and
//! nobody becomes a founder by saying so alone. The linked member can undo the link at any time.
//! Links follow a founder's name: the spotter renaming a founder drops that founder's link.
use crate::accounts::AccountId;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::errors::{code_message, FormAlert};
use crate::ui::form::field_error;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod store;

/// What the initiative page offers its reader about founders' links.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FounderClaims {
    /// The founders the reader may say they are: those not linked yet, while the reader is a
    /// member linked to none of this initiative's founders.
    pub claimable: Vec<String>,
    /// The founder the reader is linked to, and whether the link is confirmed.
    pub mine: Option<(String, bool)>,
    /// Claims waiting for the reader's answer (the spotter's, moderators').
    pub waiting: Vec<WaitingClaim>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingClaim {
    pub member: AccountId,
    pub member_name: String,
    pub founder: String,
}

/// "I am this founder."
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FounderClaimForm {
    pub initiative: i64,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimAnswer {
    Confirm,
    Decline,
}

/// The spotter's (or a moderator's) answer to `member`'s claim.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimAnswerForm {
    pub initiative: i64,
    pub member: i64,
    pub answer: Option<ClaimAnswer>,
}

/// The linked member undoes their link (confirmed or not).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveFounderForm {
    pub initiative: i64,
}

#[server(prefix = "/api", endpoint = "initiatives/claim-founder")]
pub async fn claim_founder(form: FounderClaimForm) -> Result<(), AppError> {
    crate::server::request::with_status(server::claim(form).await)
}

#[server(prefix = "/api", endpoint = "initiatives/answer-founder-claim")]
pub async fn answer_founder_claim(form: ClaimAnswerForm) -> Result<(), AppError> {
    crate::server::request::with_status(server::answer(form).await)
}

#[server(prefix = "/api", endpoint = "initiatives/leave-founder")]
pub async fn leave_founder(form: LeaveFounderForm) -> Result<(), AppError> {
    crate::server::request::with_status(server::leave(form).await)
}

#[cfg(feature = "ssr")]
mod server {
    use super::store as links;
    use super::*;
    use crate::accounts::session::require_member;
    use crate::error::ErrorCode;
    use crate::initiatives::{store, InitiativeId, Status};
    use crate::server::rate_limit::{self, FOUNDER_CLAIMS_PER_ACCOUNT};
    use crate::server::state::app_state;

    pub async fn claim(form: FounderClaimForm) -> Result<(), AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        let id = InitiativeId(form.initiative);
        let owner = store::ownership(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let vouches_for_itself = owner.may_be_edited_by(&account);
        if owner.status != Status::Published {
            // Others do not learn that an unpublished initiative exists.
            return Err(if vouches_for_itself {
                AppError::InvalidState
            } else {
                AppError::NotFound
            });
        }
        let name = form.name.trim();
        if name.is_empty() {
            return Err(AppError::field("name", ErrorCode::Required));
        }
        // The spotter and moderators would confirm their own claim: it is confirmed at once.
        let mail = if vouches_for_itself {
            None
        } else {
            let member = account.id.0.to_string();
            if rate_limit::is_exhausted(&state.db, FOUNDER_CLAIMS_PER_ACCOUNT, &member).await? {
                return Err(AppError::RateLimited);
            }
            rate_limit::record(&state.db, FOUNDER_CLAIMS_PER_ACCOUNT, &member).await?;
            let (spotter, title) = store::spotter_of(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Some(crate::initiatives::mails::founder_claim(
                &spotter,
                &account.display_name,
                name,
                &title,
                &state.config.link_to(&id.path()),
            ))
        };
        links::claim_founder(
            &state.db,
            id,
            account.id,
            name,
            vouches_for_itself,
            mail.as_ref(),
        )
        .await?;
        leptos_axum::redirect(&id.path());
        Ok(())
    }

    pub async fn answer(form: ClaimAnswerForm) -> Result<(), AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        let id = InitiativeId(form.initiative);
        store::require_editor(&state.db, &account, id).await?;
        let answer = form
            .answer
            .ok_or_else(|| AppError::field("answer", ErrorCode::Required))?;
        let member = AccountId(form.member);
        let (claimant, founder, title) = links::waiting_claim(&state.db, id, member)
            .await?
            .ok_or(AppError::InvalidState)?;
        let mail = crate::initiatives::mails::founder_answer(
            &claimant,
            answer == ClaimAnswer::Confirm,
            &founder,
            &title,
            &state.config.link_to(&id.path()),
        );
        links::answer_founder_claim(&state.db, id, member, answer, &mail).await?;
        leptos_axum::redirect(&id.path());
        Ok(())
    }

    pub async fn leave(form: LeaveFounderForm) -> Result<(), AppError> {
        let account = require_member().await?;
        let state = app_state()?;
        let id = InitiativeId(form.initiative);
        // Only the caller's own link is touched: an initiative they are not linked to, whether
        // it exists or not, answers the same.
        if !links::leave_founder(&state.db, id, account.id).await? {
            return Err(AppError::InvalidState);
        }
        leptos_axum::redirect(&id.path());
        Ok(())
    }
}

/// The page's three founder actions: the initiative is read again after each.
#[derive(Clone, Copy)]
pub struct FounderActions {
    claim: ServerAction<ClaimFounder>,
    answer: ServerAction<AnswerFounderClaim>,
    leave: ServerAction<LeaveFounder>,
}

impl Default for FounderActions {
    fn default() -> Self {
        FounderActions {
            claim: ServerAction::new(),
            answer: ServerAction::new(),
            leave: ServerAction::new(),
        }
    }
}

impl FounderActions {
    /// Moves on when any of them is done.
    pub fn version(&self) -> (usize, usize, usize) {
        (
            self.claim.version().get(),
            self.answer.version().get(),
            self.leave.version().get(),
        )
    }
}

/// The founders part of the initiative page that acts: claiming a founder's name, the claims
/// waiting for an answer, undoing one's link. Plain forms: they work without JavaScript.
#[component]
pub fn FounderClaimsPanel(
    initiative: i64,
    claims: FounderClaims,
    actions: FounderActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let FounderClaims {
        claimable,
        mine,
        waiting,
    } = claims;
    if claimable.is_empty() && mine.is_none() && waiting.is_empty() {
        return ().into_any();
    }
    let FounderActions {
        claim,
        answer,
        leave,
    } = actions;
    view! {
        <section class="founder-claims" aria-labelledby="founder-claims-title">
            <h2 id="founder-claims-title">{t!(i18n, founders.title)}</h2>
            {mine.map(|(founder, confirmed)| view! { <MyLink initiative founder confirmed leave/> })}
            {(!claimable.is_empty()).then(|| view! { <ClaimForm initiative claimable claim/> })}
            {(!waiting.is_empty()).then(|| view! { <WaitingClaims initiative waiting answer/> })}
        </section>
    }
    .into_any()
}

#[component]
fn MyLink(
    initiative: i64,
    founder: String,
    confirmed: bool,
    leave: ServerAction<LeaveFounder>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = leave.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let status = if confirmed {
        t_string!(i18n, founders.linked, founder = founder).to_string()
    } else {
        t_string!(i18n, founders.waiting_for_spotter, founder = founder).to_string()
    };
    view! {
        <p>{status}</p>
        <FormAlert error/>
        <ActionForm action=leave attr:class="inline-form">
            <input type="hidden" name="form[initiative]" value=initiative/>
            <button type="submit" class="button button-secondary">{t!(i18n, founders.leave)}</button>
        </ActionForm>
    }
}

#[component]
fn ClaimForm(
    initiative: i64,
    claimable: Vec<String>,
    claim: ServerAction<ClaimFounder>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = claim.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let name_error = field_error(error, "name");
    view! {
        <FormAlert error/>
        <ActionForm action=claim attr:class="stacked-form">
            <input type="hidden" name="form[initiative]" value=initiative/>
            <div class="field" class:field-invalid=move || name_error.get().is_some()>
                <label for="founder-claim-name">{t!(i18n, founders.claim_label)}</label>
                <p class="field-hint" id="founder-claim-hint">{t!(i18n, founders.claim_hint)}</p>
                <select id="founder-claim-name" name="form[name]"
                    aria-describedby="founder-claim-hint founder-claim-error"
                    aria-invalid=move || name_error.get().is_some().then_some("true")>
                    {claimable.into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
                </select>
                <p class="field-error" id="founder-claim-error">
                    {move || name_error.get().map(|code| code_message(i18n, code))}
                </p>
            </div>
            <button type="submit" class="button">{t!(i18n, founders.claim)}</button>
        </ActionForm>
    }
}

#[component]
fn WaitingClaims(
    initiative: i64,
    waiting: Vec<WaitingClaim>,
    answer: ServerAction<AnswerFounderClaim>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = answer.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <h3>{t!(i18n, founders.waiting_title)}</h3>
        <FormAlert error/>
        <ul role="list" class="claims">
            {waiting.into_iter().map(|claim| {
                let WaitingClaim { member, member_name, founder } = claim;
                view! {
                    <li>
                        <p>{t_string!(i18n, founders.says_they_are, member = member_name, founder = founder).to_string()}</p>
                        <ActionForm action=answer attr:class="button-row">
                            <input type="hidden" name="form[initiative]" value=initiative/>
                            <input type="hidden" name="form[member]" value=member.0/>
                            <button type="submit" class="button" name="form[answer]" value="confirm">{t!(i18n, founders.confirm)}</button>
                            <button type="submit" class="button button-secondary" name="form[answer]" value="decline">{t!(i18n, founders.decline)}</button>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
