//! Server functions of the gazetteer, under /api/cities/...
use super::City;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Cities whose name starts with what was typed, most populous first: the city fields'
/// suggestions. Public (visitors search by city too) and read-only, so a cacheable GET.
#[server(prefix = "/api", endpoint = "cities/suggest", input = GetUrl)]
pub async fn suggest_cities(typed: String, language: String) -> Result<Vec<City>, AppError> {
    crate::server::request::with_status(ssr::suggest(typed, language).await)
}

/// Countries (named in `language`) and time zones, for the form that adds a city.
#[server(prefix = "/api", endpoint = "cities/choices", input = GetUrl)]
pub async fn city_choices(
    language: String,
) -> Result<(Vec<super::Country>, Vec<String>), AppError> {
    crate::server::request::with_status(ssr::choices(language).await)
}

/// A moderator adds a city the gazetteer lacks; it is then suggested like any other. The city
/// comes back with its country named in `language`.
#[server(prefix = "/api", endpoint = "cities/add")]
pub async fn add_city(form: super::NewCityForm, language: String) -> Result<City, AppError> {
    crate::server::request::with_status(ssr::add(form, language).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::cities::store;
    use crate::server::state::app_state;

    /// Fewer letters match too many cities to be useful; more is not a name.
    const MIN_TYPED: usize = 2;
    const MAX_TYPED: usize = 100;

    pub async fn suggest(typed: String, language: String) -> Result<Vec<City>, AppError> {
        let state = app_state()?;
        let length = typed.trim().chars().count();
        if !(MIN_TYPED..=MAX_TYPED).contains(&length) {
            return Ok(Vec::new());
        }
        store::suggest(&state.db, &typed, &language).await
    }

    pub async fn choices(
        language: String,
    ) -> Result<(Vec<crate::cities::Country>, Vec<String>), AppError> {
        let state = app_state()?;
        Ok((
            store::countries(&state.db, &language).await?,
            store::timezones(&state.db).await?,
        ))
    }

    pub async fn add(form: crate::cities::NewCityForm, language: String) -> Result<City, AppError> {
        let moderator = crate::accounts::session::require_moderator().await?;
        let state = app_state()?;
        let city = form.parse()?;
        let mut errors = crate::error::FieldErrors::default();
        let countries = store::countries(&state.db, &language).await?;
        if !countries.iter().any(|country| country.code == city.country) {
            errors.add("country", crate::error::ErrorCode::UnknownCountry);
        }
        if !store::timezones(&state.db).await?.contains(&city.timezone) {
            errors.add("timezone", crate::error::ErrorCode::UnknownTimezone);
        }
        if store::resolve(&state.db, &city.name, Some(&city.country))
            .await?
            .is_some()
        {
            errors.add("name", crate::error::ErrorCode::CityExists);
        }
        errors.into_result()?;
        let new_city = crate::cities::gazetteer::GazetteerCity {
            geonames_id: 0,
            name: city.name,
            country_code: city.country,
            latitude: city.latitude,
            longitude: city.longitude,
            timezone: city.timezone,
            population: 0,
            admin1_code: String::new(),
            alternate_names: Vec::new(),
        };
        let id = store::add(&state.db, moderator.id, &new_city).await?;
        let city = store::get(&state.db, id).await?.ok_or(AppError::Internal)?;
        Ok(store::translated(city, &language))
    }
}
