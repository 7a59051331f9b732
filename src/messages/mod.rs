//! Members write to each other through the platform: the message is relayed by mail without
//! revealing either address, and answered here. A member may block another; a member starts at
//! most `NEW_CONVERSATIONS_PER_DAY` new conversations a day. Messages are private to the two
//! members: moderators cannot read them.
//!
//! This file holds what crosses the wire and the validation of what people type; it compiles
//! for the browser too.
pub mod api;
pub mod inbox_page;
#[cfg(feature = "ssr")]
mod mails;
#[cfg(feature = "ssr")]
pub mod store;
pub mod thread_page;
pub mod write_page;

use crate::error::{AppError, ErrorCode};
use serde::{Deserialize, Serialize};

pub const MESSAGE_MAX_CHARS: usize = 2_000;
/// New people a member may write to in 24 hours (answers and conversations going on are not
/// counted): enough to reach the shakers of a city, too few to spam.
pub const NEW_CONVERSATIONS_PER_DAY: i64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ConversationId(pub i64);

impl ConversationId {
    /// "/my/messages/42": the conversation's page.
    pub fn path(self) -> String {
        format!("/my/messages/{}", self.0)
    }
}

/// The other member of a conversation: `handle` is `None` once they deleted their account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correspondent {
    pub name: String,
    pub handle: Option<String>,
}

/// A line of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationSummary {
    pub id: ConversationId,
    pub with: Correspondent,
    /// The start of the latest message.
    pub excerpt: String,
    /// RFC 3339, UTC.
    pub last_message_at: String,
    /// The latest message is the other member's.
    pub awaits_reply: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub mine: bool,
    pub body: String,
    /// RFC 3339, UTC.
    pub sent_at: String,
}

/// A conversation as one of its two members sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    pub id: ConversationId,
    pub with: Correspondent,
    /// Oldest first.
    pub messages: Vec<Message>,
    /// The reader blocked the other member.
    pub blocked_by_me: bool,
    /// The reader may write here (the other member neither left nor blocked them).
    pub can_reply: bool,
}

/// The first message to a member, from their page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteForm {
    pub handle: String,
    pub body: String,
}

/// An answer in a conversation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyForm {
    pub conversation: i64,
    pub body: String,
}

/// The text of a message: plain, line breaks kept.
pub fn parse_body(raw: &str) -> Result<String, AppError> {
    crate::validation::parse_text(raw, MESSAGE_MAX_CHARS, true)
        .map_err(|code: ErrorCode| AppError::field("body", code))
}
