//! "You'll be contacted to act in your city": when a member arrives in a city (signs up there, or
//! moves there), the city's shakers are told by email and list the newcomers on their page; a
//! city without a shaker routes the newcomer to the admins. A member who hid their city is not
//! routed. Compiles for the browser too (the types); the rest is server-only.
use crate::cities::City;
use serde::{Deserialize, Serialize};

/// How long a newcomer stays on their city's list.
pub const NEWCOMER_DAYS: i64 = 90;

/// A member as the "my city" page lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Neighbour {
    pub handle: String,
    pub display_name: String,
    /// "2026-11-27": when they arrived (newcomers only).
    pub arrived_on: Option<String>,
}

/// The "my city" page: who the shakers of the reader's city are, and for a shaker the members
/// who arrived there lately.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyCity {
    pub city: Option<City>,
    pub shakers: Vec<Neighbour>,
    pub is_shaker: bool,
    pub newcomers: Vec<Neighbour>,
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::accounts::AccountId;
    use crate::cities::{store as cities, CityId};
    use crate::db::{db_failed, Db};
    use crate::error::AppError;
    use crate::i18n::td_string;
    use crate::initiatives::mails::locale_of;
    use crate::server::mail::Mail;
    use crate::{enqueue_mail, in_write_transaction, with_pool};
    use time::{Duration, OffsetDateTime};

    /// One arrival per member and city in this window: moving back and forth tells nobody twice.
    const SAME_CITY_WINDOW_DAYS: i64 = 30;
    /// Arrivals a member may make in that window, whatever the cities.
    const MAX_ARRIVALS_IN_WINDOW: i64 = 3;
    /// Shakers (or admins) told of one arrival at most.
    const MAX_TOLD: i64 = 20;

    /// Who is told, in which language.
    type Recipient = (String, String, String);

    /// The shakers of `city` (but `newcomer`), or the admins when the city has none.
    async fn recipients(
        db: &Db,
        city: CityId,
        newcomer: AccountId,
    ) -> Result<Vec<Recipient>, AppError> {
        const SHAKERS: &str =
            "SELECT a.email, a.display_name, a.preferred_language FROM accounts a \
            JOIN member_roles r ON r.account_id = a.id AND r.role = 'shaker' \
            WHERE a.city_id = $1 AND a.id <> $2 ORDER BY a.id LIMIT $3";
        const ADMINS: &str =
            "SELECT a.email, a.display_name, a.preferred_language FROM accounts a \
            JOIN account_roles r ON r.account_id = a.id AND r.role = 'admin' \
            WHERE a.id <> $1 ORDER BY a.id LIMIT $2";
        let shakers = with_pool!(db, pool => sqlx::query_as::<_, Recipient>(SHAKERS)
            .bind(city.0).bind(newcomer.0).bind(MAX_TOLD).fetch_all(pool).await)
        .map_err(db_failed)?;
        if !shakers.is_empty() {
            return Ok(shakers);
        }
        with_pool!(db, pool => sqlx::query_as::<_, Recipient>(ADMINS)
            .bind(newcomer.0).bind(MAX_TOLD).fetch_all(pool).await)
        .map_err(db_failed)
    }

    /// Whether an arrival of `member` in `city` now would repeat one too soon.
    async fn too_soon(db: &Db, member: AccountId, city: CityId) -> Result<bool, AppError> {
        let since = OffsetDateTime::now_utc() - Duration::days(SAME_CITY_WINDOW_DAYS);
        let (same_city, all) = with_pool!(db, pool => sqlx::query_as::<_, (i64, i64)>(
            "SELECT coalesce(sum(CASE WHEN city_id = $2 THEN 1 ELSE 0 END), 0), count(*) \
             FROM member_arrivals WHERE account_id = $1 AND arrived_at > $3")
            .bind(member.0).bind(city.0).bind(since).fetch_one(pool).await)
        .map_err(db_failed)?;
        Ok(same_city > 0 || all >= MAX_ARRIVALS_IN_WINDOW)
    }

    /// The mail telling a shaker (or an admin) that `newcomer` arrived in `city`.
    fn newcomer_mail(recipient: &Recipient, newcomer: &str, city: &City, url: &str) -> Mail {
        let (email, name, language) = recipient;
        let locale = locale_of(language);
        let city = cities::translated(city.clone(), language).label();
        let city = city.as_str();
        Mail {
            to: email.clone(),
            subject: td_string!(locale, mail.newcomer_subject, newcomer, city).to_string(),
            body: td_string!(locale, mail.newcomer_body, name, newcomer, city, url).to_string(),
        }
    }

    /// Records that `member` (`display_name`, page at `profile_url`) arrived in `city` and queues
    /// the mails, in one transaction; nothing happens when the same arrival was just made.
    pub async fn arrive(
        db: &Db,
        member: AccountId,
        display_name: &str,
        city: CityId,
        profile_url: &str,
    ) -> Result<(), AppError> {
        if too_soon(db, member, city).await? {
            return Ok(());
        }
        let Some(place) = cities::get(db, city).await? else {
            return Ok(());
        };
        let mails: Vec<Mail> = recipients(db, city, member)
            .await?
            .iter()
            .map(|recipient| newcomer_mail(recipient, display_name, &place, profile_url))
            .collect();
        in_write_transaction!(db, tx => {
            sqlx::query("INSERT INTO member_arrivals (account_id, city_id, arrived_at) VALUES ($1, $2, $3)")
                .bind(member.0).bind(city.0).bind(OffsetDateTime::now_utc())
                .execute(&mut *tx).await.map_err(db_failed)?;
            for mail in &mails {
                enqueue_mail!(tx, mail);
            }
        });
        Ok(())
    }

    /// An arrival is a notice to others: when it cannot be recorded, the sign-up or the saved
    /// profile still stands, and the failure is logged.
    pub async fn arrive_or_log(
        db: &Db,
        member: AccountId,
        display_name: &str,
        city: CityId,
        profile_url: &str,
    ) {
        if let Err(error) = arrive(db, member, display_name, city, profile_url).await {
            tracing::error!(
                ?error,
                member = member.0,
                "the arrival could not be recorded"
            );
        }
    }

    /// The city `member` lives in, if any.
    pub async fn home_city(db: &Db, member: AccountId) -> Result<Option<CityId>, AppError> {
        let city = with_pool!(db, pool => sqlx::query_scalar::<_, Option<i64>>(
            "SELECT city_id FROM accounts WHERE id = $1").bind(member.0).fetch_optional(pool).await)
        .map_err(db_failed)?;
        Ok(city.flatten().map(CityId))
    }

    /// Routes `member` to the shakers of the city they live in now, unless they hid it.
    /// `link_to` turns a path into the site's public address.
    pub async fn arrive_at_home(db: &Db, member: AccountId, link_to: impl Fn(&str) -> String) {
        let row = with_pool!(db, pool => sqlx::query_as::<_, (String, String, Option<i64>, String)>(
            "SELECT display_name, handle, city_id, city_visibility FROM accounts WHERE id = $1")
            .bind(member.0).fetch_optional(pool).await);
        match row {
            Ok(Some((name, handle, Some(city), visibility))) if visibility != "hidden" => {
                let url = link_to(&crate::members::member_path(&handle));
                arrive_or_log(db, member, &name, CityId(city), &url).await;
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "the newcomer could not be read"),
        }
    }

    type NeighbourRow = (String, String, Option<OffsetDateTime>);

    fn neighbours(rows: Vec<NeighbourRow>) -> Vec<Neighbour> {
        rows.into_iter()
            .map(|(handle, display_name, arrived)| Neighbour {
                handle,
                display_name,
                arrived_on: arrived.map(|at| at.date().to_string()),
            })
            .collect()
    }

    /// The "my city" page of `member`.
    pub async fn my_city(db: &Db, member: AccountId, language: &str) -> Result<MyCity, AppError> {
        let (city_id, is_shaker) = with_pool!(db, pool => sqlx::query_as::<_, (Option<i64>, bool)>(
            "SELECT city_id, EXISTS (SELECT 1 FROM member_roles WHERE account_id = $1 AND role = 'shaker') \
             FROM accounts WHERE id = $1")
            .bind(member.0).fetch_optional(pool).await)
        .map_err(db_failed)?
        .ok_or(AppError::NotFound)?;
        let Some(city_id) = city_id else {
            return Ok(MyCity {
                city: None,
                shakers: Vec::new(),
                is_shaker,
                newcomers: Vec::new(),
            });
        };
        let city = cities::get(db, CityId(city_id))
            .await?
            .map(|city| cities::translated(city, language));
        let shakers = with_pool!(db, pool => sqlx::query_as::<_, NeighbourRow>(
            "SELECT a.handle, a.display_name, NULL FROM accounts a \
             JOIN member_roles r ON r.account_id = a.id AND r.role = 'shaker' \
             WHERE a.city_id = $1 AND a.id <> $2 ORDER BY a.display_name LIMIT 100")
            .bind(city_id).bind(member.0).fetch_all(pool).await)
        .map_err(db_failed)?;
        let newcomers = if is_shaker {
            let since = OffsetDateTime::now_utc() - Duration::days(NEWCOMER_DAYS);
            // Only those who still live there and show their city to members.
            with_pool!(db, pool => sqlx::query_as::<_, NeighbourRow>(
                "SELECT a.handle, a.display_name, max(m.arrived_at) FROM member_arrivals m \
                 JOIN accounts a ON a.id = m.account_id \
                 WHERE m.city_id = $1 AND m.arrived_at > $2 AND a.city_id = $1 AND a.id <> $3 \
                   AND a.city_visibility <> 'hidden' \
                 GROUP BY a.id, a.handle, a.display_name ORDER BY max(m.arrived_at) DESC LIMIT 200")
                .bind(city_id).bind(since).bind(member.0).fetch_all(pool).await)
            .map_err(db_failed)?
        } else {
            Vec::new()
        };
        Ok(MyCity {
            city,
            shakers: neighbours(shakers),
            is_shaker,
            newcomers: neighbours(newcomers),
        })
    }
}
