//! (ssr) The mailer: mails are queued in the database, in the transaction of what caused them,
//! and a background worker delivers them through SMTP (`SMTP_URL`) or into a folder of `.eml`
//! files a person can open (`OUTBOX_DIR`), retrying with back-off. Several app instances can
//! run the worker: each claims mails for a while before sending them (`FOR UPDATE SKIP LOCKED` on
//! PostgreSQL; SQLite's `BEGIN IMMEDIATE` lets one writer claim at a time).
use super::config::Config;
use crate::db::{db_failed, Backend, Db};
use crate::error::AppError;
use crate::in_write_transaction;
use lettre::{
    message::{
        header::{ContentTransferEncoding, ContentType},
        Body, Mailbox,
    },
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::path::PathBuf;
use std::time::Duration;
use time::OffsetDateTime;

/// A mail to send, already written in its recipient's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Inserts `$mail` into the queue on the connection `$connection` (inside the caller's transaction).
#[macro_export]
macro_rules! enqueue_mail {
    ($connection:expr, $mail:expr) => {{
        let mail: &$crate::server::mail::Mail = $mail;
        let now = time::OffsetDateTime::now_utc();
        sqlx::query(
            "INSERT INTO mail_outbox (recipient, subject, body, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(&mail.to)
        .bind(&mail.subject)
        .bind(&mail.body)
        .bind(now)
        .execute(&mut *$connection)
        .await
        .map_err($crate::db::db_failed)?;
    }};
}

/// Queues one mail on its own (when nothing else is written with it).
pub async fn enqueue(db: &Db, mail: &Mail) -> Result<(), AppError> {
    in_write_transaction!(db, tx => {
        enqueue_mail!(tx, mail);
    });
    Ok(())
}

/// Queues several mails at once, all or none.
pub async fn enqueue_all(db: &Db, mails: &[Mail]) -> Result<(), AppError> {
    in_write_transaction!(db, tx => {
        for mail in mails {
            enqueue_mail!(tx, mail);
        }
    });
    Ok(())
}

/// How long a worker holds a claimed mail before another may take it over (a crashed worker).
const CLAIM: Duration = Duration::from_secs(300);
const BATCH: i64 = 20;
/// Waits after the 1st, 2nd... failed attempt; after the last one the mail is marked failed.
const BACK_OFF_MINUTES: [i64; 5] = [1, 5, 30, 120, 720];

pub fn back_off(attempts: i64) -> Option<time::Duration> {
    let index = usize::try_from(attempts.max(1) - 1).ok()?;
    BACK_OFF_MINUTES
        .get(index)
        .map(|minutes| time::Duration::minutes(*minutes))
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("SMTP_URL is not a usable SMTP address: {0}")]
    SmtpUrl(#[from] lettre::transport::smtp::Error),
    #[error("MAIL_FROM is not a mail address: {0}")]
    From(#[from] lettre::address::AddressError),
}

/// Where mails go.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(PathBuf),
}

pub struct Mailer {
    pub transport: Transport,
    pub from: Mailbox,
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Mailer, MailError> {
        let transport = match &config.smtp_url {
            Some(url) => {
                Transport::Smtp(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build())
            }
            None => Transport::Folder(config.outbox_dir.clone()),
        };
        Ok(Mailer {
            transport,
            from: config.mail_from.parse()?,
        })
    }

    async fn send(&self, id: i64, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(to.parse::<Mailbox>().map_err(|e| e.to_string())?)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(readable_body(body))
            .map_err(|e| e.to_string())?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Transport::Folder(folder) => {
                tokio::fs::create_dir_all(folder)
                    .await
                    .map_err(|e| e.to_string())?;
                let file = folder.join(format!("{id:08}.eml"));
                tokio::fs::write(file, message.formatted())
                    .await
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// 8-bit text, so that the `.eml` files read as written (accents included); lettre's own choice
/// (quoted-printable or base64) only when a line is too long for that.
fn readable_body(text: &str) -> Body {
    Body::new_with_encoding(text.to_owned(), ContentTransferEncoding::EightBit)
        .unwrap_or_else(|_| Body::new(text.to_owned()))
}

type ClaimedMail = (i64, String, String, String, i64);

/// Takes up to `BATCH` due mails for this worker for the next `CLAIM`.
async fn claim_due(db: &Db, now: OffsetDateTime) -> Result<Vec<ClaimedMail>, AppError> {
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE mail_outbox SET claimed_until = $2 WHERE id IN (SELECT id FROM mail_outbox \
         WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1) \
         ORDER BY id LIMIT $3{lock}) RETURNING id, recipient, subject, body, attempts"
    );
    let claim_until = now + CLAIM;
    let claimed = in_write_transaction!(db, tx => {
        sqlx::query_as::<_, ClaimedMail>(&sql)
            .bind(now).bind(claim_until).bind(BATCH)
            .fetch_all(&mut *tx).await.map_err(db_failed)?
    });
    Ok(claimed)
}

/// Sends what is due; returns how many mails were delivered. The worker calls it every few
/// seconds; tests call it directly.
pub async fn deliver_due(db: &Db, mailer: &Mailer, now: OffsetDateTime) -> Result<usize, AppError> {
    let mut delivered = 0;
    for (id, to, subject, body, attempts) in claim_due(db, now).await? {
        let outcome = mailer.send(id, &to, &subject, &body).await;
        let attempts = attempts + 1;
        let sql = match &outcome {
            Ok(()) => "UPDATE mail_outbox SET status = 'sent', sent_at = $2, attempts = $3, claimed_until = NULL, last_error = '' WHERE id = $1",
            Err(_) => match back_off(attempts) {
                Some(_) => "UPDATE mail_outbox SET next_attempt_at = $2, attempts = $3, claimed_until = NULL, last_error = $4 WHERE id = $1",
                None => "UPDATE mail_outbox SET status = 'failed', attempts = $3, claimed_until = NULL, last_error = $4 WHERE id = $1",
            },
        };
        let when = match &outcome {
            Ok(()) => now,
            Err(_) => now + back_off(attempts).unwrap_or(time::Duration::ZERO),
        };
        let error = outcome.as_ref().err().cloned().unwrap_or_default();
        if let Err(reason) = &outcome {
            tracing::warn!(id, attempts, %reason, "a mail could not be delivered");
        } else {
            delivered += 1;
        }
        crate::with_pool!(db, pool => sqlx::query(sql)
            .bind(id).bind(when).bind(attempts).bind(&error)
            .execute(pool).await.map(|_| ()))
        .map_err(db_failed)?;
    }
    Ok(delivered)
}

/// Runs `deliver_due` every few seconds for as long as the server runs.
pub fn spawn_worker(db: Db, mailer: Mailer) {
    tokio::spawn(async move {
        let mut every_few_seconds = tokio::time::interval(Duration::from_secs(5));
        loop {
            every_few_seconds.tick().await;
            if let Err(error) = deliver_due(&db, &mailer, OffsetDateTime::now_utc()).await {
                tracing::warn!(?error, "the mail worker could not read the queue");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::back_off;

    #[test]
    fn waits_grow_then_stop() {
        assert_eq!(back_off(1), Some(time::Duration::minutes(1)));
        assert_eq!(back_off(5), Some(time::Duration::minutes(720)));
        assert_eq!(back_off(6), None);
    }
}
