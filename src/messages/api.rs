//! Server functions of messages. Each is a public HTTP endpoint under /api/messages/...: it
//! checks who calls first; a conversation is found only by its two members (anyone else, a
//! moderator included, gets "not found").
use super::{Conversation, ConversationSummary, ReplyForm, WriteForm};
use crate::error::AppError;
use leptos::prelude::*;

/// Writes to a member from their page: a new conversation, or the one they already have.
#[server(prefix = "/api", endpoint = "messages/write")]
pub async fn write_to_member(form: WriteForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::write(form).await)
}

#[server(prefix = "/api", endpoint = "messages/reply")]
pub async fn reply(form: ReplyForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::reply(form).await)
}

#[server(prefix = "/api", endpoint = "messages/inbox")]
pub async fn inbox() -> Result<Vec<ConversationSummary>, AppError> {
    crate::server::request::with_status(ssr::inbox().await)
}

#[server(prefix = "/api", endpoint = "messages/conversation")]
pub async fn read_conversation(id: i64) -> Result<Conversation, AppError> {
    crate::server::request::with_status(ssr::conversation(id).await)
}

/// Blocks (or, with `block` false, unblocks) the other member of a conversation.
#[server(prefix = "/api", endpoint = "messages/block")]
pub async fn block_member(conversation: i64, block: bool) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::block(conversation, block).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::{links, session, AccountId, CurrentAccount};
    use crate::messages::{mails, parse_body, store, ConversationId};
    use crate::server::{
        rate_limit::{self, MESSAGES_PER_MEMBER},
        state::{app_state, AppState},
    };

    /// Every message sent is counted, answers too: nobody can flood an inbox through the relay.
    async fn check_message_rate(state: &AppState, sender: AccountId) -> Result<(), AppError> {
        let subject = sender.0.to_string();
        if rate_limit::is_exhausted(&state.db, MESSAGES_PER_MEMBER, &subject).await? {
            return Err(AppError::RateLimited);
        }
        rate_limit::record(&state.db, MESSAGES_PER_MEMBER, &subject).await
    }

    /// Stores and relays `body` from `sender` to `recipient`, then shows the conversation.
    async fn send(
        state: &AppState,
        sender: &CurrentAccount,
        recipient: AccountId,
        body: &str,
    ) -> Result<(), AppError> {
        let to = links::addressee(&state.db, recipient)
            .await?
            .ok_or(AppError::Unreachable)?;
        let id = store::write(
            &state.db,
            sender.id,
            recipient,
            body,
            |id: ConversationId| {
                let url = state.config.link_to(&id.path());
                mails::relayed_message(&to, &sender.display_name, body, &url)
            },
        )
        .await?;
        leptos_axum::redirect(&format!("{}#latest", id.path()));
        Ok(())
    }

    pub async fn write(form: WriteForm) -> Result<(), AppError> {
        let sender = session::require_member().await?;
        let state = app_state()?;
        let body = parse_body(&form.body)?;
        let (recipient, _) = crate::members::store::find_member_by_handle(&state.db, &form.handle)
            .await?
            .ok_or(AppError::NotFound)?;
        check_message_rate(&state, sender.id).await?;
        send(&state, &sender, recipient, &body).await
    }

    pub async fn reply(form: ReplyForm) -> Result<(), AppError> {
        let sender = session::require_member().await?;
        let state = app_state()?;
        let id = ConversationId(form.conversation);
        let other = store::other_member(&state.db, id, sender.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let body = parse_body(&form.body)?;
        check_message_rate(&state, sender.id).await?;
        send(&state, &sender, other, &body).await
    }

    pub async fn inbox() -> Result<Vec<ConversationSummary>, AppError> {
        let member = session::require_member().await?;
        store::inbox(&app_state()?.db, member.id).await
    }

    pub async fn conversation(id: i64) -> Result<Conversation, AppError> {
        let member = session::require_member().await?;
        store::conversation(&app_state()?.db, ConversationId(id), member.id)
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn block(conversation: i64, block: bool) -> Result<(), AppError> {
        let member = session::require_member().await?;
        let state = app_state()?;
        let id = ConversationId(conversation);
        let other = store::other_member(&state.db, id, member.id)
            .await?
            .ok_or(AppError::NotFound)?;
        store::set_block(&state.db, member.id, other, block).await?;
        leptos_axum::redirect(&id.path());
        Ok(())
    }
}
