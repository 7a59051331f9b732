//! The SQL of member profiles, written once for both backends.
use super::handle::{handle_from_words, handle_key};
use super::{
    ContributorRole, LanguageLevel, MemberProfile, ProfileForm, ProfileInput, ProfileText,
    ProfileTextForm, Reader, SpokenLanguage, Visibility,
};
use crate::accounts::AccountId;
use crate::cities::{store as cities, City, CityId};
use crate::db::{db_failed, Db};
use crate::error::{AppError, ErrorCode};
use crate::initiatives::store as initiatives;
use crate::{in_write_transaction, with_pool};
use time::OffsetDateTime;

/// Initiatives a profile lists at most.
const SPOTTED_SHOWN: i64 = 50;

/// The member a handle (or an old handle, or a look-alike of one) leads to, with their current
/// handle.
pub async fn find_by_handle(
    db: &Db,
    handle: &str,
) -> Result<Option<(AccountId, String)>, AppError> {
    const SQL: &str = "SELECT a.id, a.handle FROM member_handles h \
        JOIN accounts a ON a.id = h.account_id WHERE h.handle_key = $1";
    find_handle(db, SQL, handle).await
}

/// As `find_by_handle`, for readers: a member has a page once they confirmed their address.
pub async fn find_member_by_handle(
    db: &Db,
    handle: &str,
) -> Result<Option<(AccountId, String)>, AppError> {
    const SQL: &str = "SELECT a.id, a.handle FROM member_handles h \
        JOIN accounts a ON a.id = h.account_id \
        WHERE h.handle_key = $1 AND a.email_confirmed_at IS NOT NULL";
    find_handle(db, SQL, handle).await
}

async fn find_handle(
    db: &Db,
    sql: &str,
    handle: &str,
) -> Result<Option<(AccountId, String)>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (i64, String)>(sql)
        .bind(handle_key(handle)).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(row.map(|(id, handle)| (AccountId(id), handle)))
}

pub async fn handle_of(db: &Db, id: AccountId) -> Result<Option<String>, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, String>("SELECT handle FROM accounts WHERE id = $1")
        .bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)
}

/// Whose handle key this is, in a transaction about to claim it.
macro_rules! holder_of_key {
    ($tx:expr, $key:expr) => {
        sqlx::query_scalar::<_, i64>("SELECT account_id FROM member_handles WHERE handle_key = $1")
            .bind($key)
            .fetch_optional(&mut *$tx)
            .await
            .map_err($crate::db::db_failed)?
    };
}

/// Records `handle` as `id`'s in a transaction: refused when another member has or had it (or a
/// look-alike). Going back to one's own old handle is allowed.
macro_rules! claim_handle {
    ($tx:expr, $id:expr, $handle:expr) => {{
        let key = $crate::members::handle::handle_key($handle);
        match $crate::members::store::holder_of_key!($tx, &key) {
            Some(holder) if holder != $id.0 => {
                return Err($crate::error::AppError::field(
                    "handle",
                    $crate::error::ErrorCode::HandleTaken,
                ))
            }
            Some(_) => {}
            None => {
                let inserted = sqlx::query(
                    "INSERT INTO member_handles (handle_key, account_id) VALUES ($1, $2)",
                )
                .bind(&key)
                .bind($id.0)
                .execute(&mut *$tx)
                .await;
                match inserted {
                    Ok(_) => {}
                    // Someone claimed it between the check and the insert.
                    Err(error) if $crate::db::is_unique_violation(&error) => {
                        return Err($crate::error::AppError::field(
                            "handle",
                            $crate::error::ErrorCode::HandleTaken,
                        ))
                    }
                    Err(error) => return Err($crate::db::db_failed(error)),
                }
            }
        }
    }};
}
pub(crate) use claim_handle;
pub(crate) use holder_of_key;

/// The first free handle among `base`, `base-2`... `base-20`, then `base-<4 random hex digits>`,
/// for a member who chose none: `base` is made from their display name, or "citizen" when it gives
/// nothing usable.
pub async fn free_handle_for(db: &Db, display_name: &str) -> Result<String, AppError> {
    let base = handle_from_words(&crate::text::fold::words(display_name))
        // Not "member": that one is reserved (it reads like the site's own /members).
        .unwrap_or_else(|| "citizen".to_owned());
    let numbered = (1..=20).map(|n| match n {
        1 => base.clone(),
        n => format!("{base}-{n}"),
    });
    let random = (0..20).map(|_| format!("{base}-{:04x}", rand::random::<u16>()));
    for candidate in numbered.chain(random) {
        if find_by_handle(db, &candidate).await?.is_none() {
            return Ok(candidate);
        }
    }
    Err(AppError::field("handle", ErrorCode::HandleTaken))
}

type AccountRow = (
    String,
    String,
    Option<i64>,
    String,
    String,
    String,
    String,
    String,
    OffsetDateTime,
);

async fn account_row(db: &Db, id: AccountId) -> Result<Option<AccountRow>, AppError> {
    const SQL: &str = "SELECT handle, display_name, city_id, city, city_visibility, \
        links_visibility, languages_visibility, profile_language, created_at \
        FROM accounts WHERE id = $1";
    with_pool!(db, pool => sqlx::query_as::<_, AccountRow>(SQL).bind(id.0).fetch_optional(pool).await)
        .map_err(db_failed)
}

fn visibility(raw: &str) -> Visibility {
    // The database only holds the three values (CHECK); anything else reads as the safest.
    Visibility::parse(raw).unwrap_or(Visibility::Hidden)
}

async fn roles(db: &Db, id: AccountId) -> Result<Vec<ContributorRole>, AppError> {
    let names = with_pool!(db, pool => sqlx::query_scalar::<_, String>(
        "SELECT role FROM member_roles WHERE account_id = $1").bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    let mut roles: Vec<_> = names
        .iter()
        .filter_map(|name| ContributorRole::parse(name))
        .collect();
    roles.sort();
    Ok(roles)
}

async fn spoken(db: &Db, id: AccountId) -> Result<Vec<SpokenLanguage>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (String, String)>(
        "SELECT language, level FROM member_languages WHERE account_id = $1 ORDER BY language")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    let mut spoken: Vec<_> = rows
        .into_iter()
        .filter_map(|(language, level)| {
            Some(SpokenLanguage {
                language,
                level: LanguageLevel::parse(&level)?,
            })
        })
        .collect();
    // The best-spoken first.
    spoken.sort_by(|a, b| b.level.cmp(&a.level).then(a.language.cmp(&b.language)));
    Ok(spoken)
}

/// Skills or links, in the order the member typed them.
async fn ordered_list(db: &Db, id: AccountId, sql: &str) -> Result<Vec<String>, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, String>(sql).bind(id.0).fetch_all(pool).await)
        .map_err(db_failed)
}

async fn theme_slugs(db: &Db, id: AccountId) -> Result<Vec<String>, AppError> {
    ordered_list(
        db,
        id,
        "SELECT t.slug FROM member_themes m JOIN themes t ON t.id = m.theme_id \
         WHERE m.account_id = $1 ORDER BY t.position, t.id",
    )
    .await
}

async fn texts(db: &Db, id: AccountId) -> Result<Vec<ProfileText>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (String, String, String)>(
        "SELECT language, headline, bio FROM member_texts WHERE account_id = $1 ORDER BY language")
        .bind(id.0).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(language, headline, bio)| ProfileText {
            language,
            headline,
            bio,
        })
        .collect())
}

/// The gazetteer's city `id`, names in `language` when it has them.
pub(crate) async fn city(
    db: &Db,
    id: Option<i64>,
    language: &str,
) -> Result<Option<City>, AppError> {
    match id {
        Some(id) => Ok(cities::get(db, CityId(id))
            .await?
            .map(|city| cities::translated(city, language))),
        None => Ok(None),
    }
}

async fn spotted_cards(
    db: &Db,
    id: AccountId,
    language: &str,
) -> Result<Vec<crate::initiatives::InitiativeCard>, AppError> {
    let ids = with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT id FROM initiatives WHERE spotter_id = $1 AND status = 'published' \
         ORDER BY published_at DESC, id DESC LIMIT $2")
        .bind(id.0).bind(SPOTTED_SHOWN).fetch_all(pool).await)
    .map_err(db_failed)?;
    initiatives::cards(db, &ids, language).await
}

/// A member's page as `reader` may see it, texts in `language` when written.
pub async fn profile(
    db: &Db,
    id: AccountId,
    reader: Reader,
    language: &str,
) -> Result<Option<MemberProfile>, AppError> {
    let Some(row) = account_row(db, id).await? else {
        return Ok(None);
    };
    let (handle, display_name, city_id, _, city_vis, links_vis, languages_vis, original, created) =
        row;
    let all_themes = initiatives::themes(db, language).await?;
    let slugs = theme_slugs(db, id).await?;
    let texts = texts(db, id).await?;
    let shows = |raw: &str| visibility(raw).lets_see(reader);
    Ok(Some(MemberProfile {
        avatar_url: avatar_url(db, id).await?,
        handle,
        display_name,
        roles: roles(db, id).await?,
        city: match shows(&city_vis) {
            true => city(db, city_id, language).await?,
            false => None,
        },
        languages: match shows(&languages_vis) {
            true => spoken(db, id).await?,
            false => Vec::new(),
        },
        links: match shows(&links_vis) {
            true => ordered_list(db, id, LINKS_SQL).await?,
            false => Vec::new(),
        },
        themes: all_themes
            .into_iter()
            .filter(|theme| slugs.contains(&theme.slug))
            .collect(),
        skills: ordered_list(db, id, SKILLS_SQL).await?,
        text: super::text_for_reader(&texts, &original, language),
        original_language: original,
        text_languages: texts.into_iter().map(|text| text.language).collect(),
        member_since: format!("{}-{:02}", created.year(), u8::from(created.month())),
        spotted: spotted_cards(db, id, language).await?,
        organised: crate::events::store::organised_cards(db, id, language).await?,
        reported: crate::reports::store::by_reporter(db, id, language).await?,
        is_own: reader == Reader::Owner,
    }))
}

const LINKS_SQL: &str = "SELECT url FROM member_links WHERE account_id = $1 ORDER BY position";
const SKILLS_SQL: &str = "SELECT skill FROM member_skills WHERE account_id = $1 ORDER BY position";

/// The profile form filled with what is saved, for its owner.
pub async fn editable(db: &Db, id: AccountId, language: &str) -> Result<ProfileForm, AppError> {
    let (
        handle,
        display_name,
        city_id,
        typed_city,
        city_vis,
        links_vis,
        languages_vis,
        original,
        _,
    ) = account_row(db, id).await?.ok_or(AppError::NotFound)?;
    let city = city(db, city_id, language)
        .await?
        .map(|city| city.label())
        .unwrap_or(typed_city);
    Ok(ProfileForm {
        avatar_url: avatar_url(db, id).await?,
        handle,
        display_name,
        city,
        city_visibility: city_vis,
        links_visibility: links_vis,
        languages_visibility: languages_vis,
        roles: roles(db, id)
            .await?
            .iter()
            .map(|role| role.as_str().to_owned())
            .collect(),
        spoken: spoken(db, id)
            .await?
            .into_iter()
            .map(|spoken| (spoken.language, spoken.level.as_str().to_owned()))
            .collect(),
        themes: theme_slugs(db, id).await?,
        skills: ordered_list(db, id, SKILLS_SQL).await?.join(", "),
        links: ordered_list(db, id, LINKS_SQL).await?.join("\n"),
        original_language: original,
        texts: texts(db, id)
            .await?
            .into_iter()
            .map(|text| ProfileTextForm {
                language: text.language,
                headline: text.headline,
                bio: text.bio,
                remove: None,
            })
            .collect(),
    })
}

/// Sets (or, with `None`, removes) the member's avatar; returns the key of the one it replaces,
/// whose file the caller deletes.
pub async fn replace_avatar(
    db: &Db,
    id: AccountId,
    key: Option<&str>,
) -> Result<Option<String>, AppError> {
    Ok(in_write_transaction!(db, tx => {
        let old: Option<Option<String>> = sqlx::query_scalar(
            "SELECT avatar_key FROM accounts WHERE id = $1 AND deleted_at IS NULL")
            .bind(id.0).fetch_optional(&mut *tx).await.map_err(db_failed)?;
        let Some(old) = old else {
            return Err(AppError::Unauthorised);
        };
        sqlx::query("UPDATE accounts SET avatar_key = $1 WHERE id = $2")
            .bind(key).bind(id.0).execute(&mut *tx).await.map_err(db_failed)?;
        old
    }))
}

/// The address of the member's avatar, `None` when they have none (initials are shown).
pub async fn avatar_url(db: &Db, id: AccountId) -> Result<Option<String>, AppError> {
    let key = with_pool!(db, pool => sqlx::query_scalar::<_, Option<String>>(
        "SELECT avatar_key FROM accounts WHERE id = $1").bind(id.0).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(key.flatten().map(|key| initiatives::media_url()(&key)))
}

/// The whole profile, for its owner's export: every text, every setting.
pub async fn exported(
    db: &Db,
    id: AccountId,
) -> Result<crate::accounts::my_data::ProfileData, AppError> {
    let (_, _, _, _, city_vis, links_vis, languages_vis, original, _) =
        account_row(db, id).await?.ok_or(AppError::NotFound)?;
    Ok(crate::accounts::my_data::ProfileData {
        avatar_url: avatar_url(db, id).await?,
        roles: roles(db, id)
            .await?
            .iter()
            .map(|role| role.as_str().to_owned())
            .collect(),
        city_visibility: city_vis,
        links_visibility: links_vis,
        languages_visibility: languages_vis,
        languages: spoken(db, id).await?,
        themes: theme_slugs(db, id).await?,
        skills: ordered_list(db, id, SKILLS_SQL).await?,
        links: ordered_list(db, id, LINKS_SQL).await?,
        original_language: original,
        texts: texts(db, id).await?,
    })
}

/// What the directory's text search matches, folded: "Élise" is found by "elise".
pub fn directory_text(
    display_name: &str,
    handle: &str,
    skills: &[String],
    texts: &[ProfileText],
) -> String {
    let headlines = texts.iter().map(|text| text.headline.as_str());
    let parts: Vec<&str> = [display_name, handle]
        .into_iter()
        .chain(skills.iter().map(String::as_str))
        .chain(headlines)
        .collect();
    crate::text::fold::fold(&parts.join(" "))
}

/// A profile input with what the server resolved: the city and the themes' ids.
pub struct ResolvedProfile<'a> {
    pub input: &'a ProfileInput,
    pub city: Option<&'a City>,
    pub theme_ids: &'a [i64],
}

/// Saves `id`'s whole profile in one transaction: a refused handle leaves everything as it was.
pub async fn save(db: &Db, id: AccountId, profile: &ResolvedProfile<'_>) -> Result<(), AppError> {
    let input = profile.input;
    in_write_transaction!(db, tx => {
        claim_handle!(tx, id, &input.handle);
        sqlx::query(
            "UPDATE accounts SET handle = $1, display_name = $2, city = $3, city_id = $4, \
             city_visibility = $5, links_visibility = $6, languages_visibility = $7, \
             profile_language = $8, directory_text = $9 WHERE id = $10",
        )
        .bind(&input.handle)
        .bind(&input.display_name)
        .bind(profile.city.map(City::label).or(input.city.clone()).unwrap_or_default())
        .bind(profile.city.map(|city| city.id.0))
        .bind(input.city_visibility.as_str())
        .bind(input.links_visibility.as_str())
        .bind(input.languages_visibility.as_str())
        .bind(&input.original_language)
        .bind(directory_text(&input.display_name, &input.handle, &input.skills, &input.texts))
        .bind(id.0)
        .execute(&mut *tx)
        .await
        .map_err(db_failed)?;
        for table in ["member_roles", "member_languages", "member_themes", "member_skills", "member_links", "member_texts"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE account_id = $1"))
                .bind(id.0).execute(&mut *tx).await.map_err(db_failed)?;
        }
        for role in &input.roles {
            sqlx::query("INSERT INTO member_roles (account_id, role) VALUES ($1, $2)")
                .bind(id.0).bind(role.as_str()).execute(&mut *tx).await.map_err(db_failed)?;
        }
        for spoken in &input.spoken {
            sqlx::query("INSERT INTO member_languages (account_id, language, level) VALUES ($1, $2, $3)")
                .bind(id.0).bind(&spoken.language).bind(spoken.level.as_str())
                .execute(&mut *tx).await.map_err(db_failed)?;
        }
        for theme in profile.theme_ids {
            sqlx::query("INSERT INTO member_themes (account_id, theme_id) VALUES ($1, $2)")
                .bind(id.0).bind(theme).execute(&mut *tx).await.map_err(db_failed)?;
        }
        for (table, column, items) in [("member_skills", "skill", &input.skills), ("member_links", "url", &input.links)] {
            for (position, item) in (0_i64..).zip(items) {
                sqlx::query(&format!("INSERT INTO {table} (account_id, position, {column}) VALUES ($1, $2, $3)"))
                    .bind(id.0).bind(position).bind(item).execute(&mut *tx).await.map_err(db_failed)?;
            }
        }
        for text in &input.texts {
            sqlx::query("INSERT INTO member_texts (account_id, language, headline, bio) VALUES ($1, $2, $3, $4)")
                .bind(id.0).bind(&text.language).bind(&text.headline).bind(&text.bio)
                .execute(&mut *tx).await.map_err(db_failed)?;
        }
    });
    Ok(())
}
