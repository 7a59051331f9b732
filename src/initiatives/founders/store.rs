//! (ssr) Founders' links to member accounts in the database: `account_id` set and `confirmed`
//! false is a claim waiting for an answer; confirmed, a link. A member has at most one founder
//! per initiative (a unique index, migration 0008).
use super::{ClaimAnswer, FounderClaims, WaitingClaim};
use crate::accounts::{AccountId, CurrentAccount};
use crate::db::{db_failed, is_unique_violation, Db};
use crate::error::{AppError, ErrorCode};
use crate::initiatives::mails::Recipient;
use crate::initiatives::store::{text_for, texts};
use crate::initiatives::InitiativeId;
use crate::server::mail::Mail;
use crate::{in_write_transaction, with_pool};

/// Links `member` to the first founder called `name` that no member holds yet; confirmed at once
/// when `confirmed`, else waiting, with `mail` to the spotter.
pub async fn claim_founder(
    db: &Db,
    id: InitiativeId,
    member: AccountId,
    name: &str,
    confirmed: bool,
    mail: Option<&Mail>,
) -> Result<(), AppError> {
    in_write_transaction!(db, tx => {
        let already: Option<i64> = sqlx::query_scalar(
            "SELECT position FROM initiative_founders WHERE initiative_id = $1 AND account_id = $2")
            .bind(id.0).bind(member.0).fetch_optional(&mut *tx).await.map_err(db_failed)?;
        if already.is_some() {
            return Err(AppError::field("name", ErrorCode::AlreadyAFounder));
        }
        let claimed = sqlx::query(
            "UPDATE initiative_founders SET account_id = $2, confirmed = $3 \
             WHERE initiative_id = $1 AND position = (SELECT min(position) FROM initiative_founders \
               WHERE initiative_id = $1 AND name = $4 AND account_id IS NULL)")
            .bind(id.0).bind(member.0).bind(confirmed).bind(name)
            .execute(&mut *tx).await;
        match claimed {
            Ok(done) if done.rows_affected() == 1 => {}
            Ok(_) => return Err(AppError::field("name", ErrorCode::NotAFreeFounder)),
            // The same member claiming twice at once: the index refuses the second.
            Err(error) if is_unique_violation(&error) => {
                return Err(AppError::field("name", ErrorCode::AlreadyAFounder))
            }
            Err(error) => return Err(db_failed(error)),
        }
        if let Some(mail) = mail {
            crate::enqueue_mail!(tx, mail);
        }
    });
    Ok(())
}

/// `member`'s waiting claim on `id`: who to tell (with the initiative's title in their
/// language) and the founder's name.
pub async fn waiting_claim(
    db: &Db,
    id: InitiativeId,
    member: AccountId,
) -> Result<Option<(Recipient, String, String)>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (String, String, String, String, String)>(
        "SELECT f.name, a.email, a.display_name, a.preferred_language, i.original_language \
         FROM initiative_founders f JOIN accounts a ON a.id = f.account_id \
         JOIN initiatives i ON i.id = f.initiative_id \
         WHERE f.initiative_id = $1 AND f.account_id = $2 AND NOT f.confirmed")
        .bind(id.0).bind(member.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    let Some((founder, email, name, language, original)) = row else {
        return Ok(None);
    };
    let title = text_for(&texts(db, id).await?, &original, &language).title;
    let recipient = Recipient {
        email,
        name,
        language,
    };
    Ok(Some((recipient, founder, title)))
}

/// Confirms or declines `member`'s waiting claim and queues `mail` to them.
pub async fn answer_founder_claim(
    db: &Db,
    id: InitiativeId,
    member: AccountId,
    answer: ClaimAnswer,
    mail: &Mail,
) -> Result<(), AppError> {
    let sql = match answer {
        ClaimAnswer::Confirm => {
            "UPDATE initiative_founders SET confirmed = TRUE \
             WHERE initiative_id = $1 AND account_id = $2 AND NOT confirmed"
        }
        ClaimAnswer::Decline => {
            "UPDATE initiative_founders SET account_id = NULL \
             WHERE initiative_id = $1 AND account_id = $2 AND NOT confirmed"
        }
    };
    in_write_transaction!(db, tx => {
        let changed = sqlx::query(sql).bind(id.0).bind(member.0)
            .execute(&mut *tx).await.map_err(db_failed)?;
        // Another moderator answered first, or the member left.
        if changed.rows_affected() == 0 {
            return Err(AppError::InvalidState);
        }
        crate::enqueue_mail!(tx, mail);
    });
    Ok(())
}

/// Removes `member`'s link to a founder of `id`; false when there was none.
pub async fn leave_founder(db: &Db, id: InitiativeId, member: AccountId) -> Result<bool, AppError> {
    let changed = with_pool!(db, pool => sqlx::query(
        "UPDATE initiative_founders SET account_id = NULL, confirmed = FALSE \
         WHERE initiative_id = $1 AND account_id = $2")
        .bind(id.0).bind(member.0).execute(pool).await.map(|done| done.rows_affected()))
    .map_err(db_failed)?;
    Ok(changed > 0)
}

type FounderRow = (String, Option<i64>, bool, Option<String>);

/// What `reader` may do about the founders of `id` (published when `published`); `may_answer`
/// for its spotter and moderators.
pub async fn claims_for(
    db: &Db,
    id: InitiativeId,
    reader: Option<&CurrentAccount>,
    published: bool,
    may_answer: bool,
) -> Result<FounderClaims, AppError> {
    let Some(reader) = reader else {
        return Ok(FounderClaims::default());
    };
    let rows = with_pool!(db, pool => sqlx::query_as::<_, FounderRow>(
        "SELECT f.name, f.account_id, f.confirmed, a.display_name FROM initiative_founders f \
         LEFT JOIN accounts a ON a.id = f.account_id WHERE f.initiative_id = $1 ORDER BY f.position")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(claims_from(&rows, reader.id, published, may_answer))
}

fn claims_from(
    rows: &[FounderRow],
    reader: AccountId,
    published: bool,
    may_answer: bool,
) -> FounderClaims {
    let mine = rows
        .iter()
        .find(|(_, account, _, _)| *account == Some(reader.0))
        .map(|(name, _, confirmed, _)| (name.clone(), *confirmed));
    let mut claimable: Vec<String> = Vec::new();
    if published && mine.is_none() {
        for (name, account, _, _) in rows {
            if account.is_none() && !claimable.contains(name) {
                claimable.push(name.clone());
            }
        }
    }
    let waiting = rows
        .iter()
        .filter(|_| may_answer)
        .filter_map(|(founder, account, confirmed, member_name)| {
            let member = AccountId((*account)?);
            (!confirmed).then(|| WaitingClaim {
                member,
                member_name: member_name.clone().unwrap_or_default(),
                founder: founder.clone(),
            })
        })
        .collect();
    FounderClaims {
        claimable,
        mine,
        waiting,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, account: Option<i64>, confirmed: bool) -> FounderRow {
        (
            name.into(),
            account,
            confirmed,
            account.map(|a| format!("M{a}")),
        )
    }

    #[test]
    fn a_member_linked_to_a_founder_claims_no_other() {
        let rows = [row("Ana", None, false), row("Bo", Some(7), false)];
        let linked = claims_from(&rows, AccountId(7), true, false);
        assert_eq!(linked.mine, Some(("Bo".into(), false)));
        assert!(linked.claimable.is_empty());
        let other = claims_from(&rows, AccountId(8), true, false);
        assert_eq!(other.claimable, ["Ana"]);
        assert!(other.waiting.is_empty());
        assert!(claims_from(&rows, AccountId(8), false, false)
            .claimable
            .is_empty());
    }

    #[test]
    fn the_spotter_sees_the_claims_waiting_not_the_confirmed_links() {
        let rows = [row("Ana", Some(3), true), row("Bo", Some(7), false)];
        let spotter = claims_from(&rows, AccountId(1), true, true);
        assert_eq!(
            spotter.waiting,
            [WaitingClaim {
                member: AccountId(7),
                member_name: "M7".into(),
                founder: "Bo".into(),
            }]
        );
    }
}
