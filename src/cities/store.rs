//! The SQL of the gazetteer.
use super::country_names::{all_names, country_name};
use super::gazetteer::{GazetteerCity, GazetteerCountry};
use super::{City, CityId};
use crate::db::{db_failed, values_placeholders, Backend, Db, SqlValue};
use crate::error::AppError;
use crate::text::fold::{fold, words};
use crate::{bind_values, in_write_transaction, with_pool};

/// Rows per INSERT: far below both backends' limits on bound values.
const BATCH: usize = 500;
/// Ids of cities moderators add start here, above every GeoNames id.
pub const FIRST_ADDED_CITY_ID: i64 = 1_000_000_000;
pub const MAX_SUGGESTIONS: i64 = 10;

const CITY_COLUMNS: &str =
    "c.id, c.name, c.country_code, co.name, c.latitude, c.longitude, c.timezone";
type CityRow = (i64, String, String, String, f64, f64, String);

fn city_from_row(
    (id, name, country_code, country_name, latitude, longitude, timezone): CityRow,
) -> City {
    City {
        id: CityId(id),
        name,
        country_code,
        country_name,
        latitude,
        longitude,
        timezone,
    }
}

/// `city` with its country named in `language` (the database holds GeoNames' English names).
pub fn translated(mut city: City, language: &str) -> City {
    if let Some(name) = country_name(&city.country_code, language) {
        name.clone_into(&mut city.country_name);
    }
    city
}

pub async fn count(db: &Db) -> Result<i64, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>("SELECT count(*) FROM cities").fetch_one(pool).await)
        .map_err(db_failed)
}

pub async fn get(db: &Db, id: CityId) -> Result<Option<City>, AppError> {
    let sql = format!(
        "SELECT {CITY_COLUMNS} FROM cities c JOIN countries co ON co.code = c.country_code WHERE c.id = $1"
    );
    let row = with_pool!(db, pool => sqlx::query_as::<_, CityRow>(&sql).bind(id.0).fetch_optional(pool).await)
        .map_err(db_failed)?;
    Ok(row.map(city_from_row))
}

/// The cities of `ids` (unknown ids left out), in no particular order: one query for a list.
pub async fn get_many(db: &Db, ids: &[i64]) -> Result<Vec<City>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {CITY_COLUMNS} FROM cities c JOIN countries co ON co.code = c.country_code \
         WHERE c.id IN ({})",
        crate::initiatives::store::in_list(ids.len(), 1)
    );
    let values: Vec<crate::db::SqlValue> =
        ids.iter().map(|id| crate::db::SqlValue::Int(*id)).collect();
    let rows =
        with_pool!(db, pool => crate::bind_values!(sqlx::query_as::<_, CityRow>(&sql), &values)
        .fetch_all(pool).await)
        .map_err(db_failed)?;
    Ok(rows.into_iter().map(city_from_row).collect())
}

/// The smallest string above every string that starts with `prefix` (in byte order, which is the
/// order of both indexes): the end of a prefix range scan.
fn prefix_upper_bound(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        if let Some(next) = char::from_u32(u32::from(last) + 1) {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// The most populous cities with a name (or alternate name) starting with `typed`, folded.
pub async fn suggest(db: &Db, typed: &str, language: &str) -> Result<Vec<City>, AppError> {
    let prefix = fold(typed);
    let Some(upper) = prefix_upper_bound(&prefix) else {
        return Ok(Vec::new());
    };
    let sql = format!(
        "SELECT {CITY_COLUMNS} FROM cities c JOIN countries co ON co.code = c.country_code \
         WHERE c.id IN (SELECT city_id FROM city_names WHERE folded >= $1 AND folded < $2) \
         ORDER BY c.population DESC, c.id LIMIT $3"
    );
    let rows = with_pool!(db, pool => sqlx::query_as::<_, CityRow>(&sql)
        .bind(&prefix).bind(&upper).bind(MAX_SUGGESTIONS)
        .fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(rows
        .into_iter()
        .map(|row| translated(city_from_row(row), language))
        .collect())
}

/// The city a label typed in a city field means ("Porto" or "Porto, Portugal"), if any.
pub async fn resolve_label(db: &Db, label: &str) -> Result<Option<City>, AppError> {
    let (name, country) = super::split_city_label(label);
    resolve(db, name, country).await
}

/// The city of an optional city field: `None` when left empty; an unknown name is refused as
/// `field` in `errors`.
pub async fn resolve_field(
    db: &Db,
    label: Option<&str>,
    field: &str,
    errors: &mut crate::error::FieldErrors,
) -> Result<Option<City>, AppError> {
    let Some(label) = label else {
        return Ok(None);
    };
    let found = resolve_label(db, label).await?;
    if found.is_none() {
        errors.add(field, crate::error::ErrorCode::UnknownCity);
    }
    Ok(found)
}

/// The city a typed name means: among the cities answering to exactly that name (folded), in the
/// named country when one is given (by code, or by name in any of the site's languages), the most
/// populous.
pub async fn resolve(db: &Db, name: &str, country: Option<&str>) -> Result<Option<City>, AppError> {
    let sql = format!(
        "SELECT {CITY_COLUMNS} FROM cities c JOIN countries co ON co.code = c.country_code \
         WHERE c.id IN (SELECT city_id FROM city_names WHERE folded = $1) \
         ORDER BY c.population DESC, c.id LIMIT 50"
    );
    let rows = with_pool!(db, pool => sqlx::query_as::<_, CityRow>(&sql)
        .bind(fold(name)).fetch_all(pool).await)
    .map_err(db_failed)?;
    let wanted_country = country.map(fold);
    Ok(rows
        .into_iter()
        .map(city_from_row)
        .find(|city| match &wanted_country {
            None => true,
            Some(wanted) => {
                *wanted == fold(&city.country_name)
                    || *wanted == fold(&city.country_code)
                    || all_names(&city.country_code).any(|name| *wanted == fold(name))
            }
        }))
}

/// The folded names a city answers to: its name and alternate names, without repeats.
fn folded_names(city: &GazetteerCity) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in std::iter::once(&city.name).chain(&city.alternate_names) {
        let folded = words(name).join(" ");
        if !folded.is_empty() && !names.contains(&folded) {
            names.push(folded);
        }
    }
    names
}

/// Runs `$sql_template` (with `{}` where the VALUES rows go) once per batch of `$rows` on the
/// connection `$connection` (either backend's).
macro_rules! insert_batches {
    ($connection:expr, $sql_template:expr, $rows:expr) => {
        for batch in $rows.chunks(BATCH) {
            let columns = batch.first().map_or(0, Vec::len);
            let sql =
                $sql_template.replacen("{}", &values_placeholders(batch.len(), columns, 1), 1);
            bind_values!(sqlx::query(&sql), batch.iter().flatten())
                .execute(&mut *$connection)
                .await
                .map_err(db_failed)?;
        }
    };
}

pub async fn import(
    db: &Db,
    countries: &[GazetteerCountry],
    cities: &[GazetteerCity],
) -> Result<(), AppError> {
    let country_rows: Vec<Vec<SqlValue>> = countries
        .iter()
        .map(|c| {
            vec![
                SqlValue::Text(c.code.clone()),
                SqlValue::Text(c.name.clone()),
                SqlValue::Text(c.continent.clone()),
            ]
        })
        .collect();
    let city_rows: Vec<Vec<SqlValue>> = cities
        .iter()
        .map(|c| {
            vec![
                SqlValue::Int(c.geonames_id),
                SqlValue::Text(c.name.clone()),
                SqlValue::Text(c.country_code.clone()),
                SqlValue::Text(c.admin1_code.clone()),
                SqlValue::Float(c.latitude),
                SqlValue::Float(c.longitude),
                SqlValue::Text(c.timezone.clone()),
                SqlValue::Int(c.population),
            ]
        })
        .collect();
    let name_rows: Vec<Vec<SqlValue>> = cities
        .iter()
        .flat_map(|c| {
            folded_names(c)
                .into_iter()
                .map(|n| vec![SqlValue::Text(n), SqlValue::Int(c.geonames_id)])
        })
        .collect();
    in_write_transaction!(db, tx => {
        insert_batches!(tx, "INSERT INTO countries (code, name, continent) VALUES {} \
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, continent = excluded.continent", country_rows);
        insert_batches!(tx, "INSERT INTO cities \
            (id, name, country_code, admin1_code, latitude, longitude, timezone, population) VALUES {} \
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, country_code = excluded.country_code, \
            admin1_code = excluded.admin1_code, latitude = excluded.latitude, longitude = excluded.longitude, \
            timezone = excluded.timezone, population = excluded.population", city_rows);
        sqlx::query("DELETE FROM city_names WHERE city_id < $1")
            .bind(FIRST_ADDED_CITY_ID).execute(&mut *tx).await.map_err(db_failed)?;
        insert_batches!(tx, "INSERT INTO city_names (folded, city_id) VALUES {} ON CONFLICT DO NOTHING", name_rows);
    });
    Ok(())
}

/// Adds a city missing from the gazetteer (moderators).
pub async fn add(
    db: &Db,
    added_by: crate::accounts::AccountId,
    city: &GazetteerCity,
) -> Result<CityId, AppError> {
    let names = folded_names(city);
    let postgres = db.backend() == Backend::Postgres;
    let id = in_write_transaction!(db, tx => {
        if postgres {
            // Two moderators adding a city at once must not pick the same id (SQLite's
            // BEGIN IMMEDIATE already serialises writers).
            sqlx::query("LOCK TABLE cities IN EXCLUSIVE MODE").execute(&mut *tx).await.map_err(db_failed)?;
        }
        let id: i64 = sqlx::query_scalar(
            "SELECT CASE WHEN max(id) >= $1 THEN max(id) + 1 ELSE $1 END FROM cities")
            .bind(FIRST_ADDED_CITY_ID).fetch_one(&mut *tx).await.map_err(db_failed)?;
        sqlx::query("INSERT INTO cities \
            (id, name, country_code, admin1_code, latitude, longitude, timezone, population, added_by) \
            VALUES ($1, $2, $3, '', $4, $5, $6, $7, $8)")
            .bind(id).bind(&city.name).bind(&city.country_code).bind(city.latitude)
            .bind(city.longitude).bind(&city.timezone).bind(city.population).bind(added_by.0)
            .execute(&mut *tx).await.map_err(db_failed)?;
        for name in &names {
            sqlx::query("INSERT INTO city_names (folded, city_id) VALUES ($1, $2)")
                .bind(name).bind(id).execute(&mut *tx).await.map_err(db_failed)?;
        }
        id
    });
    Ok(CityId(id))
}

/// Every country, named in `language`, in alphabetical order (accents aside).
pub async fn countries(db: &Db, language: &str) -> Result<Vec<super::Country>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (String, String)>("SELECT code, name FROM countries")
        .fetch_all(pool).await)
    .map_err(db_failed)?;
    let mut countries: Vec<super::Country> = rows
        .into_iter()
        .map(|(code, english)| super::Country {
            name: country_name(&code, language).map_or(english, str::to_owned),
            code,
        })
        .collect();
    countries.sort_by_cached_key(|country| fold(&country.name));
    Ok(countries)
}

/// The time zones the gazetteer's cities use: the list a new city's zone is chosen from.
pub async fn timezones(db: &Db) -> Result<Vec<String>, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, String>("SELECT DISTINCT timezone FROM cities ORDER BY timezone")
        .fetch_all(pool).await)
    .map_err(db_failed)
}

#[cfg(test)]
mod tests {
    use super::prefix_upper_bound;

    #[test]
    fn a_prefix_range_ends_after_its_last_letter() {
        assert_eq!(prefix_upper_bound("par").as_deref(), Some("pas"));
        assert_eq!(prefix_upper_bound("").as_deref(), None);
    }
}
