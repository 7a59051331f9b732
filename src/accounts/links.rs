//! (ssr) Links sent by mail: confirming the address given at sign-up, choosing a new
//! password, and moving the account to a new address. A token is 32 random bytes; only its
//! SHA-256 is stored (the token has all the entropy a slow hash would add, and a copy of the
//! database then opens no account). A token works once, until it expires, and a new one of the
//! same purpose replaces the older ones.
use super::AccountId;
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::initiatives::mails::locale_of;
use crate::server::mail::Mail;
use crate::{enqueue_mail, in_write_transaction, with_pool};
use rand::RngCore;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    ConfirmEmail,
    ResetPassword,
    /// Sent to the new address a member gave: the account moves there when it is followed.
    ChangeEmail,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "confirm_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
        }
    }

    /// A reset link opens the account: it lives one hour. A link that confirms an address may
    /// wait a day in an inbox.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::ConfirmEmail | Purpose::ChangeEmail => Duration::hours(24),
            Purpose::ResetPassword => Duration::hours(1),
        }
    }

    /// The page the link opens.
    fn path(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "/account/confirm",
            Purpose::ResetPassword => "/account/reset",
            Purpose::ChangeEmail => "/account/new-email",
        }
    }
}

/// Who a mail about their account goes to.
#[derive(Debug, Clone)]
pub struct Addressee {
    pub id: AccountId,
    pub email: String,
    pub display_name: String,
    pub language: String,
}

/// Who mails about account `id` go to (`None` once it is deleted).
pub async fn addressee(db: &Db, id: AccountId) -> Result<Option<Addressee>, AppError> {
    const SQL: &str = "SELECT id, email, display_name, preferred_language FROM accounts \
                       WHERE id = $1 AND deleted_at IS NULL";
    let row = with_pool!(db, pool => sqlx::query_as::<_, (i64, String, String, String)>(SQL)
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(row.map(|(id, email, display_name, language)| Addressee {
        id: AccountId(id),
        email,
        display_name,
        language,
    }))
}

pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// What is stored of a token (pasted links may carry spaces or a line break around it).
pub(crate) fn hash_of(token: &str) -> String {
    hex(&Sha256::digest(token.trim().as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Makes a link for `addressee` and queues the mail carrying it, in one transaction; older unused
/// links of the same purpose stop working.
pub async fn send_link(
    db: &Db,
    addressee: &Addressee,
    purpose: Purpose,
    link_to: impl Fn(&str) -> String,
) -> Result<(), AppError> {
    store_and_mail_link(db, addressee, purpose, None, link_to).await
}

/// Mails `owner` at `new_email` a link that moves the account to that address.
pub async fn send_new_email_link(
    db: &Db,
    owner: &Addressee,
    new_email: &str,
    link_to: impl Fn(&str) -> String,
) -> Result<(), AppError> {
    let at_new_address = Addressee {
        email: new_email.to_owned(),
        ..owner.clone()
    };
    let purpose = Purpose::ChangeEmail;
    store_and_mail_link(db, &at_new_address, purpose, Some(new_email), link_to).await
}

async fn store_and_mail_link(
    db: &Db,
    addressee: &Addressee,
    purpose: Purpose,
    new_email: Option<&str>,
    link_to: impl Fn(&str) -> String,
) -> Result<(), AppError> {
    let token = new_token();
    let url = link_to(&format!("{}?token={token}", purpose.path()));
    let mail = link_mail(addressee, purpose, &url);
    let now = OffsetDateTime::now_utc();
    in_write_transaction!(db, tx => {
        sqlx::query("DELETE FROM account_links WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL")
            .bind(addressee.id.0).bind(purpose.as_str())
            .execute(&mut *tx).await.map_err(db_failed)?;
        sqlx::query(
            "INSERT INTO account_links (token_hash, account_id, purpose, expires_at, created_at, new_email) \
             VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(hash_of(&token)).bind(addressee.id.0).bind(purpose.as_str())
            .bind(now + purpose.lifetime()).bind(now).bind(new_email)
            .execute(&mut *tx).await.map_err(db_failed)?;
        enqueue_mail!(tx, &mail);
    });
    Ok(())
}

fn link_mail(owner: &Addressee, purpose: Purpose, url: &str) -> Mail {
    let locale = locale_of(&owner.language);
    let name = owner.display_name.as_str();
    let (subject, body) = match purpose {
        Purpose::ConfirmEmail => (
            td_string!(locale, mail.confirm_subject).to_string(),
            td_string!(locale, mail.confirm_body, name, url).to_string(),
        ),
        Purpose::ResetPassword => (
            td_string!(locale, mail.reset_subject).to_string(),
            td_string!(locale, mail.reset_body, name, url).to_string(),
        ),
        Purpose::ChangeEmail => (
            td_string!(locale, mail.new_email_subject).to_string(),
            td_string!(locale, mail.new_email_body, name, url).to_string(),
        ),
    };
    Mail {
        to: owner.email.clone(),
        subject,
        body,
    }
}

/// The mail to the owner of an address someone tried to sign up with again: the form answered
/// as for a new address, so only the owner learns of it.
pub fn sign_up_attempt_mail(owner: &Addressee, log_in_url: &str, reset_url: &str) -> Mail {
    let locale = locale_of(&owner.language);
    let name = owner.display_name.as_str();
    Mail {
        to: owner.email.clone(),
        subject: td_string!(locale, mail.sign_up_attempt_subject).to_string(),
        body: td_string!(
            locale,
            mail.sign_up_attempt_body,
            name,
            log_in_url,
            reset_url
        )
        .to_string(),
    }
}

/// The mail to the address an account is leaving: if the owner did not ask for the change,
/// they learn of it while their address still opens the account.
pub fn email_change_notice(owner: &Addressee, new_email: &str, reset_url: &str) -> Mail {
    let locale = locale_of(&owner.language);
    let name = owner.display_name.as_str();
    Mail {
        to: owner.email.clone(),
        subject: td_string!(locale, mail.email_change_notice_subject).to_string(),
        body: td_string!(
            locale,
            mail.email_change_notice_body,
            name,
            new_email,
            reset_url
        )
        .to_string(),
    }
}

/// A token that works: `$1` its hash, `$2` its purpose, `$3` now.
const USABLE: &str = "token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3";

/// Marks `token` used and returns its account, inside the caller's transaction; `None` when the
/// token is unknown, used, expired or of another purpose. One statement, so that two clicks
/// at once cannot both use it.
macro_rules! redeem_link {
    ($tx:expr, $token:expr, $purpose:expr) => {{
        let sql =
            format!("UPDATE account_links SET used_at = $3 WHERE {USABLE} RETURNING account_id");
        sqlx::query_scalar::<_, i64>(&sql)
            .bind(hash_of($token))
            .bind($purpose.as_str())
            .bind(OffsetDateTime::now_utc())
            .fetch_optional(&mut *$tx)
            .await
            .map_err(db_failed)?
            .map(AccountId)
    }};
}

/// Whether `token` would work now: checked before hashing a new password, so that made-up
/// tokens cost no hashing.
pub async fn is_usable(db: &Db, token: &str, purpose: Purpose) -> Result<bool, AppError> {
    let sql = format!("SELECT count(*) FROM account_links WHERE {USABLE}");
    let found = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(&sql)
        .bind(hash_of(token)).bind(purpose.as_str()).bind(OffsetDateTime::now_utc())
        .fetch_one(pool).await)
    .map_err(db_failed)?;
    Ok(found > 0)
}

/// Confirms the address of the link's account; `None` when the link does not work (any more).
pub async fn confirm_email(db: &Db, token: &str) -> Result<Option<AccountId>, AppError> {
    let now = OffsetDateTime::now_utc();
    Ok(in_write_transaction!(db, tx => {
        let account = redeem_link!(tx, token, Purpose::ConfirmEmail);
        if let Some(account) = account {
            sqlx::query("UPDATE accounts SET email_confirmed_at = coalesce(email_confirmed_at, $1) WHERE id = $2")
                .bind(now).bind(account.0)
                .execute(&mut *tx).await.map_err(db_failed)?;
        }
        account
    }))
}

/// Moves the link's account to the address the link was sent to, confirmed. `None` when the
/// link does not work (any more); refused when another account took the address meanwhile.
pub async fn change_email(db: &Db, token: &str) -> Result<Option<AccountId>, AppError> {
    let sql = format!(
        "UPDATE account_links SET used_at = $3 WHERE {USABLE} RETURNING account_id, new_email"
    );
    let now = OffsetDateTime::now_utc();
    Ok(in_write_transaction!(db, tx => {
        let redeemed = sqlx::query_as::<_, (i64, Option<String>)>(&sql)
            .bind(hash_of(token)).bind(Purpose::ChangeEmail.as_str()).bind(now)
            .fetch_optional(&mut *tx).await.map_err(db_failed)?;
        let Some((account, Some(new_email))) = redeemed else {
            return Ok(None);
        };
        let moved = sqlx::query(
            "UPDATE accounts SET email = $1, email_confirmed_at = $2 WHERE id = $3 AND deleted_at IS NULL")
            .bind(&new_email).bind(now).bind(account)
            .execute(&mut *tx).await;
        match moved {
            Ok(_) => Some(AccountId(account)),
            Err(error) if crate::db::is_unique_violation(&error) => {
                return Err(AppError::field("email", crate::error::ErrorCode::EmailTaken))
            }
            Err(error) => return Err(db_failed(error)),
        }
    }))
}

/// Sets the new password of the link's account and ends all its sessions; the address is
/// confirmed too (the link reached it). `None` when the link does not work (any more).
pub async fn reset_password(
    db: &Db,
    token: &str,
    hash: &super::password::StoredHash,
) -> Result<Option<AccountId>, AppError> {
    let now = OffsetDateTime::now_utc();
    Ok(in_write_transaction!(db, tx => {
        let account = redeem_link!(tx, token, Purpose::ResetPassword);
        if let Some(account) = account {
            sqlx::query(
                "UPDATE accounts SET password_hash = $1, session_epoch = session_epoch + 1, \
                 email_confirmed_at = coalesce(email_confirmed_at, $2) WHERE id = $3")
                .bind(&hash.0).bind(now).bind(account.0)
                .execute(&mut *tx).await.map_err(db_failed)?;
        }
        account
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_only_as_their_hash() {
        let (one, two) = (new_token(), new_token());
        assert_eq!(one.len(), 64);
        assert_ne!(one, two);
        assert_eq!(hash_of(&one), hash_of(&format!(" {one}\n")));
        assert_ne!(hash_of(&one), one);
        assert_ne!(hash_of(&one), hash_of(&two));
    }
}
