//! The SQL of conversations, written once for both backends. Each write checks, in its own
//! transaction, that the other member may still be written to, and queues the relayed mail
//! there too: a message is stored and mailed, or neither.
use super::{
    Conversation, ConversationId, ConversationSummary, Correspondent, Message,
    NEW_CONVERSATIONS_PER_DAY,
};
use crate::accounts::{store::HANDLE_UNLESS_DELETED, AccountId};
use crate::db::rfc3339;
use crate::db::{db_failed, is_unique_violation, Db};
use crate::error::AppError;
use crate::server::mail::Mail;
use crate::{enqueue_mail, in_write_transaction, with_pool};
use time::{Duration, OffsetDateTime};

/// Whether `$recipient` takes messages from `$sender`: a confirmed account, not deleted, that
/// did not block them. `$1` is the recipient, `$2` the sender.
const REACHABLE: &str = "SELECT count(*) FROM accounts a WHERE a.id = $1 \
    AND a.deleted_at IS NULL AND a.email_confirmed_at IS NOT NULL \
    AND NOT EXISTS (SELECT 1 FROM member_blocks b WHERE b.blocker_id = $1 AND b.blocked_id = $2)";

/// The conversation of two members, whoever started it.
const BETWEEN: &str = "SELECT id FROM conversations \
    WHERE (starter_id = $1 AND recipient_id = $2) OR (starter_id = $2 AND recipient_id = $1)";

/// The other member of conversation `$1` for member `$2`; no row when `$2` is not in it.
const OTHER_MEMBER: &str =
    "SELECT CASE WHEN starter_id = $2 THEN recipient_id ELSE starter_id END \
    FROM conversations WHERE id = $1 AND (starter_id = $2 OR recipient_id = $2)";

/// Adds a message to a conversation inside the caller's transaction.
macro_rules! add_message {
    ($tx:expr, $id:expr, $sender:expr, $body:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO messages (conversation_id, sender_id, body, sent_at) VALUES ($1, $2, $3, $4)",
        )
        .bind($id.0)
        .bind($sender.0)
        .bind($body)
        .bind($now)
        .execute(&mut *$tx)
        .await
        .map_err(db_failed)?;
        sqlx::query("UPDATE conversations SET last_message_at = $1 WHERE id = $2")
            .bind($now)
            .bind($id.0)
            .execute(&mut *$tx)
            .await
            .map_err(db_failed)?;
    };
}

/// Stores a message from `sender` to `recipient` (in their conversation, started now if they
/// have none) and queues `mail(conversation)`. A new conversation counts against the sender's
/// daily limit; the sender's row is locked (PostgreSQL) or the write lock held (SQLite) while
/// counting, so that simultaneous messages cannot pass it together.
pub async fn write(
    db: &Db,
    sender: AccountId,
    recipient: AccountId,
    body: &str,
    mail: impl FnOnce(ConversationId) -> Mail,
) -> Result<ConversationId, AppError> {
    let lock_sender = match db {
        Db::Postgres(_) => "SELECT id FROM accounts WHERE id = $1 FOR UPDATE",
        Db::Sqlite(_) => "SELECT id FROM accounts WHERE id = $1",
    };
    let now = OffsetDateTime::now_utc();
    Ok(in_write_transaction!(db, tx => {
        sqlx::query(lock_sender).bind(sender.0).execute(&mut *tx).await.map_err(db_failed)?;
        let reachable: i64 = sqlx::query_scalar(REACHABLE)
            .bind(recipient.0).bind(sender.0).fetch_one(&mut *tx).await.map_err(db_failed)?;
        if reachable == 0 || sender == recipient {
            return Err(AppError::Unreachable);
        }
        let existing: Option<i64> = sqlx::query_scalar(BETWEEN)
            .bind(sender.0).bind(recipient.0).fetch_optional(&mut *tx).await.map_err(db_failed)?;
        let id = match existing {
            Some(id) => ConversationId(id),
            None => {
                let started: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM conversations WHERE starter_id = $1 AND created_at > $2")
                    .bind(sender.0).bind(now - Duration::days(1))
                    .fetch_one(&mut *tx).await.map_err(db_failed)?;
                if started >= NEW_CONVERSATIONS_PER_DAY {
                    return Err(AppError::ConversationLimit);
                }
                let inserted = sqlx::query_scalar::<_, i64>(
                    "INSERT INTO conversations (starter_id, recipient_id, created_at, last_message_at) \
                     VALUES ($1, $2, $3, $3) RETURNING id")
                    .bind(sender.0).bind(recipient.0).bind(now)
                    .fetch_one(&mut *tx).await;
                match inserted {
                    Ok(id) => ConversationId(id),
                    // The other member started it at the same moment: sending again finds it.
                    Err(error) if is_unique_violation(&error) => return Err(AppError::InvalidState),
                    Err(error) => return Err(db_failed(error)),
                }
            }
        };
        add_message!(tx, id, sender, body, now);
        enqueue_mail!(tx, &mail(id));
        id
    }))
}

/// The other member of conversation `id`, if `member` is in it.
pub async fn other_member(
    db: &Db,
    id: ConversationId,
    member: AccountId,
) -> Result<Option<AccountId>, AppError> {
    let other = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(OTHER_MEMBER)
        .bind(id.0).bind(member.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(other.map(AccountId))
}

/// Blocks (or unblocks) `other`: they can no longer write to `member`, nor start again.
pub async fn set_block(
    db: &Db,
    member: AccountId,
    other: AccountId,
    block: bool,
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    with_pool!(db, pool => if block {
        sqlx::query("INSERT INTO member_blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (blocker_id, blocked_id) DO NOTHING")
            .bind(member.0).bind(other.0).bind(now).execute(pool).await.map(|_| ())
    } else {
        sqlx::query("DELETE FROM member_blocks WHERE blocker_id = $1 AND blocked_id = $2")
            .bind(member.0).bind(other.0).execute(pool).await.map(|_| ())
    })
    .map_err(db_failed)
}

type SummaryRow = (i64, String, Option<String>, OffsetDateTime, String, i64);

/// `member`'s conversations, latest first.
pub async fn inbox(db: &Db, member: AccountId) -> Result<Vec<ConversationSummary>, AppError> {
    let sql = format!(
        "SELECT c.id, a.display_name, {HANDLE_UNLESS_DELETED}, c.last_message_at, m.body, m.sender_id \
         FROM conversations c \
         JOIN accounts a ON a.id = CASE WHEN c.starter_id = $1 THEN c.recipient_id ELSE c.starter_id END \
         JOIN messages m ON m.id = (SELECT max(id) FROM messages WHERE conversation_id = c.id) \
         WHERE c.starter_id = $1 OR c.recipient_id = $1 \
         ORDER BY c.last_message_at DESC, c.id DESC LIMIT 200"
    );
    let rows = with_pool!(db, pool => sqlx::query_as::<_, SummaryRow>(&sql)
        .bind(member.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, handle, last, body, sender)| ConversationSummary {
                id: ConversationId(id),
                with: Correspondent { name, handle },
                excerpt: excerpt(&body),
                last_message_at: rfc3339(last),
                awaits_reply: sender != member.0,
            },
        )
        .collect())
}

/// The first line of a message, cut at 100 characters.
fn excerpt(body: &str) -> String {
    let line = body.lines().next().unwrap_or_default();
    match line.char_indices().nth(100) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

/// Conversation `id` as `member` sees it; `None` when they are not in it.
pub async fn conversation(
    db: &Db,
    id: ConversationId,
    member: AccountId,
) -> Result<Option<Conversation>, AppError> {
    let Some(other) = other_member(db, id, member).await? else {
        return Ok(None);
    };
    let sql =
        format!("SELECT a.display_name, {HANDLE_UNLESS_DELETED} FROM accounts a WHERE a.id = $1");
    let (name, handle) = with_pool!(db, pool => sqlx::query_as::<_, (String, Option<String>)>(&sql)
        .bind(other.0).fetch_one(pool).await)
    .map_err(db_failed)?;
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (i64, String, OffsetDateTime)>(
        "SELECT sender_id, body, sent_at FROM messages WHERE conversation_id = $1 ORDER BY sent_at, id")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    let blocked_by_me = is_blocked(db, member, other).await?;
    let reachable = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(REACHABLE)
        .bind(other.0).bind(member.0).fetch_one(pool).await)
    .map_err(db_failed)?;
    Ok(Some(Conversation {
        id,
        with: Correspondent { name, handle },
        messages: rows
            .into_iter()
            .map(|(sender, body, sent_at)| Message {
                mine: sender == member.0,
                body,
                sent_at: rfc3339(sent_at),
            })
            .collect(),
        blocked_by_me,
        can_reply: reachable > 0 && !blocked_by_me,
    }))
}

async fn is_blocked(db: &Db, blocker: AccountId, blocked: AccountId) -> Result<bool, AppError> {
    let found = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT count(*) FROM member_blocks WHERE blocker_id = $1 AND blocked_id = $2")
        .bind(blocker.0).bind(blocked.0).fetch_one(pool).await)
    .map_err(db_failed)?;
    Ok(found > 0)
}

/// The messages `member` wrote, for their data export: to whom, when, what.
pub async fn sent_by(
    db: &Db,
    member: AccountId,
) -> Result<Vec<(String, String, String)>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (String, OffsetDateTime, String)>(
        "SELECT a.display_name, m.sent_at, m.body FROM messages m \
         JOIN conversations c ON c.id = m.conversation_id \
         JOIN accounts a ON a.id = CASE WHEN c.starter_id = $1 THEN c.recipient_id ELSE c.starter_id END \
         WHERE m.sender_id = $1 ORDER BY m.sent_at, m.id")
        .bind(member.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(to, at, body)| (to, rfc3339(at), body))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_the_first_line_cut_at_a_character_boundary() {
        assert_eq!(excerpt("Hello!\nSecond line"), "Hello!");
        let long = "é".repeat(150);
        assert_eq!(excerpt(&long), format!("{}…", "é".repeat(100)));
    }
}
