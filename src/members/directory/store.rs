//! The SQL of the directory. Every filter and facet reads public data only: a city or country
//! only where the member's city is public, a language only where their languages are.
use super::{DirectoryFacets, DirectoryParams, DirectoryResults, MemberCard, DIRECTORY_PAGE_SIZE};
use crate::cities::{country_names::country_name, store as cities, CityId};
use crate::db::{db_failed, Db, SqlValue};
use crate::error::AppError;
use crate::initiatives::{store::in_list, FacetCount};
use crate::members::{text_for_reader, ContributorRole, ProfileText};
use crate::{bind_values, with_pool};

/// Cities a facet lists at most (the busiest).
const CITY_FACET_SIZE: i64 = 20;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Role,
    Theme,
    Country,
    City,
    Language,
}

/// `WHERE` conditions on `accounts a` with their values, numbered `$1, $2...` as they are added.
#[derive(Default)]
struct Conditions {
    sql: Vec<String>,
    values: Vec<SqlValue>,
}

impl Conditions {
    /// Adds `template`, whose `?` is the placeholder of `value`.
    fn add(&mut self, template: &str, value: SqlValue) {
        let placeholder = format!("${}", self.values.len() + 1);
        self.sql.push(template.replace('?', &placeholder));
        self.values.push(value);
    }

    fn add_fixed(&mut self, sql: &str) {
        self.sql.push(sql.to_owned());
    }

    /// Only members who confirmed their address are listed, whatever else is asked.
    fn sql(&self) -> String {
        std::iter::once(IS_CONFIRMED)
            .chain(self.sql.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" AND ")
    }
}

const IS_CONFIRMED: &str = "a.email_confirmed_at IS NOT NULL";
const CITY_IS_PUBLIC: &str = "a.city_visibility = 'public'";
const LANGUAGES_ARE_PUBLIC: &str = "a.languages_visibility = 'public'";

/// The conditions of `params`, leaving out those of `except` (a facet counts what choosing each
/// of its values would give, whatever value is chosen now).
fn conditions(params: &DirectoryParams, except: Option<Facet>) -> Conditions {
    let mut conditions = Conditions::default();
    for word in crate::text::fold::words(&params.q) {
        conditions.add(
            "a.directory_text LIKE ?",
            SqlValue::Text(format!("%{word}%")),
        );
    }
    let wanted = |facet: Facet| except != Some(facet);
    if let Some(role) = params.role.clone().filter(|_| wanted(Facet::Role)) {
        conditions.add(
            "a.id IN (SELECT account_id FROM member_roles WHERE role = ?)",
            SqlValue::Text(role),
        );
    }
    if let Some(theme) = params.theme.clone().filter(|_| wanted(Facet::Theme)) {
        conditions.add(
            "a.id IN (SELECT m.account_id FROM member_themes m JOIN themes t ON t.id = m.theme_id \
             WHERE t.slug = ?)",
            SqlValue::Text(theme),
        );
    }
    if let Some(country) = params.country.clone().filter(|_| wanted(Facet::Country)) {
        conditions.add_fixed(CITY_IS_PUBLIC);
        conditions.add(
            "a.city_id IN (SELECT id FROM cities WHERE country_code = ?)",
            SqlValue::Text(country),
        );
    }
    if let Some(city) = params.city.filter(|_| wanted(Facet::City)) {
        conditions.add_fixed(CITY_IS_PUBLIC);
        conditions.add("a.city_id = ?", SqlValue::Int(city));
    }
    if let Some(language) = params.lang.clone().filter(|_| wanted(Facet::Language)) {
        conditions.add_fixed(LANGUAGES_ARE_PUBLIC);
        conditions.add(
            "a.id IN (SELECT account_id FROM member_languages WHERE language = ?)",
            SqlValue::Text(language),
        );
    }
    conditions
}

/// Counts per value: `select` yields (value, label, count) rows from `a` joined as it needs.
async fn facet(
    db: &Db,
    params: &DirectoryParams,
    facet: Facet,
    select: String,
) -> Result<Vec<FacetCount>, AppError> {
    let conditions = conditions(params, Some(facet));
    let sql = select.replace("{where}", &conditions.sql());
    let rows = with_pool!(db, pool => bind_values!(sqlx::query_as::<_, (String, Option<String>, i64)>(&sql), &conditions.values)
        .fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|(value, label, count)| FacetCount {
            value,
            label,
            count,
        })
        .collect())
}

async fn facets(
    db: &Db,
    params: &DirectoryParams,
    language: &str,
) -> Result<DirectoryFacets, AppError> {
    let roles = facet(
        db,
        params,
        Facet::Role,
        "SELECT r.role, NULL, count(*) FROM member_roles r JOIN accounts a ON a.id = r.account_id \
         WHERE {where} GROUP BY r.role ORDER BY r.role"
            .to_owned(),
    );
    let themes = facet(
        db,
        params,
        Facet::Theme,
        "SELECT t.slug, NULL, count(*) FROM member_themes m JOIN themes t ON t.id = m.theme_id \
         JOIN accounts a ON a.id = m.account_id WHERE {where} \
         GROUP BY t.slug, t.position ORDER BY count(*) DESC, t.position"
            .to_owned(),
    );
    let countries = facet(
        db,
        params,
        Facet::Country,
        format!(
            "SELECT c.country_code, NULL, count(*) FROM accounts a JOIN cities c ON c.id = a.city_id \
             WHERE {CITY_IS_PUBLIC} AND {{where}} GROUP BY c.country_code ORDER BY count(*) DESC, c.country_code"
        ),
    );
    let cities = facet(
        db,
        params,
        Facet::City,
        format!(
            "SELECT CAST(c.id AS TEXT), c.name, count(*) FROM accounts a JOIN cities c ON c.id = a.city_id \
             WHERE {CITY_IS_PUBLIC} AND {{where}} GROUP BY c.id, c.name ORDER BY count(*) DESC, c.name \
             LIMIT {CITY_FACET_SIZE}"
        ),
    );
    let languages = facet(
        db,
        params,
        Facet::Language,
        format!(
            "SELECT l.language, NULL, count(*) FROM member_languages l JOIN accounts a ON a.id = l.account_id \
             WHERE {LANGUAGES_ARE_PUBLIC} AND {{where}} GROUP BY l.language ORDER BY count(*) DESC, l.language"
        ),
    );
    let (roles, mut themes, mut countries, cities, languages) =
        tokio::try_join!(roles, themes, countries, cities, languages)?;
    let all_themes = crate::initiatives::store::themes(db, language).await?;
    for count in &mut themes {
        count.label = all_themes
            .iter()
            .find(|theme| theme.slug == count.value)
            .and_then(|theme| theme.label.clone());
    }
    for count in &mut countries {
        count.label = country_name(&count.value, language).map(str::to_owned);
    }
    Ok(DirectoryFacets {
        roles,
        themes,
        countries,
        cities,
        languages,
    })
}

type CardRow = (i64, String, String, Option<i64>, String, Option<String>);

/// The cards of `ids`, in that order, headlines in `language` when written.
async fn cards(db: &Db, ids: &[i64], language: &str) -> Result<Vec<MemberCard>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let values: Vec<SqlValue> = ids.iter().map(|id| SqlValue::Int(*id)).collect();
    let list = in_list(ids.len(), 1);
    let accounts_sql = format!(
        "SELECT id, handle, display_name, CASE WHEN {CITY_IS_PUBLIC} THEN city_id END, \
         profile_language, avatar_key FROM accounts a WHERE id IN ({list})"
    );
    let roles_sql =
        format!("SELECT account_id, role FROM member_roles WHERE account_id IN ({list})");
    let texts_sql = format!(
        "SELECT account_id, language, headline FROM member_texts WHERE account_id IN ({list})"
    );
    let (accounts, roles, texts) = tokio::try_join!(
        async {
            with_pool!(db, pool => bind_values!(sqlx::query_as::<_, CardRow>(&accounts_sql), &values).fetch_all(pool).await)
                .map_err(db_failed)
        },
        async {
            with_pool!(db, pool => bind_values!(sqlx::query_as::<_, (i64, String)>(&roles_sql), &values).fetch_all(pool).await)
                .map_err(db_failed)
        },
        async {
            with_pool!(db, pool => bind_values!(sqlx::query_as::<_, (i64, String, String)>(&texts_sql), &values).fetch_all(pool).await)
                .map_err(db_failed)
        },
    )?;
    let city_ids: Vec<i64> = accounts.iter().filter_map(|row| row.3).collect();
    let places = cities::get_many(db, &city_ids).await?;
    let mut cards = Vec::with_capacity(ids.len());
    for id in ids {
        let Some((_, handle, display_name, city_id, original, avatar_key)) =
            accounts.iter().find(|row| row.0 == *id).cloned()
        else {
            continue;
        };
        let mut member_roles: Vec<ContributorRole> = roles
            .iter()
            .filter(|(account, _)| account == id)
            .filter_map(|(_, role)| ContributorRole::parse(role))
            .collect();
        member_roles.sort();
        let member_texts: Vec<ProfileText> = texts
            .iter()
            .filter(|(account, _, _)| account == id)
            .map(|(_, language, headline)| ProfileText {
                language: language.clone(),
                headline: headline.clone(),
                bio: String::new(),
            })
            .collect();
        let text = text_for_reader(&member_texts, &original, language).unwrap_or_default();
        let city = city_id
            .and_then(|id| places.iter().find(|city| city.id == CityId(id)).cloned())
            .map(|city| cities::translated(city, language));
        cards.push(MemberCard {
            avatar_url: avatar_key.map(|key| crate::initiatives::store::media_url()(&key)),
            handle,
            display_name,
            headline: text.headline,
            headline_language: text.language,
            roles: member_roles,
            city,
        });
    }
    Ok(cards)
}

pub async fn search(
    db: &Db,
    params: &DirectoryParams,
    language: &str,
) -> Result<DirectoryResults, AppError> {
    let conditions = conditions(params, None);
    let filter = conditions.sql();
    let offset = (params.page() - 1) * DIRECTORY_PAGE_SIZE;
    let ids_sql = format!(
        "SELECT a.id FROM accounts a WHERE {filter} \
         ORDER BY a.created_at DESC, a.id DESC LIMIT {DIRECTORY_PAGE_SIZE} OFFSET {offset}"
    );
    let count_sql = format!("SELECT count(*) FROM accounts a WHERE {filter}");
    let (ids, total) = tokio::try_join!(
        async {
            with_pool!(db, pool => bind_values!(sqlx::query_scalar::<_, i64>(&ids_sql), &conditions.values).fetch_all(pool).await)
                .map_err(db_failed)
        },
        async {
            with_pool!(db, pool => bind_values!(sqlx::query_scalar::<_, i64>(&count_sql), &conditions.values).fetch_one(pool).await)
                .map_err(db_failed)
        },
    )?;
    Ok(DirectoryResults {
        items: cards(db, &ids, language).await?,
        total,
        page: params.page(),
        page_count: (total + DIRECTORY_PAGE_SIZE - 1) / DIRECTORY_PAGE_SIZE,
        facets: facets(db, params, language).await?,
    })
}
