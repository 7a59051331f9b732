//! The world cities gazetteer: every initiative, member and event is placed in one of its cities.
//! GeoNames data (CC BY 4.0), imported from gazetteer/ on first start; moderators add what is missing.
use crate::error::{AppError, ErrorCode, FieldErrors};
use serde::{Deserialize, Serialize};

pub mod add_page;
pub mod api;
#[cfg(feature = "ssr")]
pub mod country_names;
#[cfg(feature = "ssr")]
pub mod gazetteer;
#[cfg(feature = "ssr")]
pub mod store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CityId(pub i64);

/// A city as pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct City {
    pub id: CityId,
    pub name: String,
    pub country_code: String,
    pub country_name: String,
    pub latitude: f64,
    pub longitude: f64,
    /// IANA time zone, e.g. "America/Sao_Paulo".
    pub timezone: String,
}

impl City {
    /// "São Paulo, Brazil": what a person types or picks in a city field.
    pub fn label(&self) -> String {
        format!("{}, {}", self.name, self.country_name)
    }
}

/// A country, for the list moderators pick from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    pub code: String,
    pub name: String,
}

/// A city missing from the gazetteer, as a moderator types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCityForm {
    pub name: String,
    pub country: String,
    pub latitude: String,
    pub longitude: String,
    pub timezone: String,
}

/// A new city that passed validation (the country and time zone are checked on the server
/// against the gazetteer's own lists).
#[derive(Debug, Clone, PartialEq)]
pub struct NewCity {
    pub name: String,
    pub country: String,
    pub latitude: f64,
    pub longitude: f64,
    pub timezone: String,
}

fn parse_coordinate(raw: &str, limit: f64) -> Result<f64, ErrorCode> {
    match raw.trim().replace(',', ".").parse::<f64>() {
        Ok(value) if value.is_finite() && value.abs() <= limit => Ok(value),
        Ok(_) | Err(_) if raw.trim().is_empty() => Err(ErrorCode::Required),
        _ => Err(ErrorCode::InvalidCoordinate),
    }
}

impl NewCityForm {
    pub fn parse(&self) -> Result<NewCity, AppError> {
        let mut errors = FieldErrors::default();
        let name = errors.check(
            "name",
            crate::initiatives::parse_line(&self.name, 100, true),
        );
        let country = errors.check(
            "country",
            crate::initiatives::parse_line(&self.country, 2, true),
        );
        let latitude = errors.check("latitude", parse_coordinate(&self.latitude, 90.0));
        let longitude = errors.check("longitude", parse_coordinate(&self.longitude, 180.0));
        let timezone = errors.check(
            "timezone",
            crate::initiatives::parse_line(&self.timezone, 60, true),
        );
        match (name, country, latitude, longitude, timezone) {
            (Some(name), Some(country), Some(latitude), Some(longitude), Some(timezone)) => {
                Ok(NewCity {
                    name,
                    country: country.to_uppercase(),
                    latitude,
                    longitude,
                    timezone,
                })
            }
            _ => Err(errors.into_error()),
        }
    }
}

/// A city's field as typed: "São Paulo, Brazil", "Sao Paulo, BR" or just "sao paulo".
/// The part after the last comma, when there is one, names the country.
pub fn split_city_label(label: &str) -> (&str, Option<&str>) {
    match label.rsplit_once(',') {
        Some((name, country)) if !country.trim().is_empty() => (name.trim(), Some(country.trim())),
        _ => (label.trim().trim_end_matches(',').trim(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::split_city_label;

    #[test]
    fn a_new_city_needs_a_place_on_earth() {
        let form = super::NewCityForm {
            name: "Bois-d'Arcy".into(),
            country: "fr".into(),
            latitude: "48,8".into(),
            longitude: "2.03".into(),
            timezone: "Europe/Paris".into(),
        };
        let city = form.parse().unwrap();
        assert_eq!((city.country.as_str(), city.latitude), ("FR", 48.8));
        let wrong = super::NewCityForm {
            latitude: "91".into(),
            longitude: "east".into(),
            ..form
        };
        let error = wrong.parse().unwrap_err();
        assert_eq!(
            error.code_for("latitude"),
            Some(crate::error::ErrorCode::InvalidCoordinate)
        );
        assert_eq!(
            error.code_for("longitude"),
            Some(crate::error::ErrorCode::InvalidCoordinate)
        );
    }

    #[test]
    fn a_label_names_the_city_and_maybe_its_country() {
        assert_eq!(
            split_city_label(" São Paulo, Brazil "),
            ("São Paulo", Some("Brazil"))
        );
        assert_eq!(split_city_label("Paris"), ("Paris", None));
        assert_eq!(split_city_label("Paris,"), ("Paris", None));
        assert_eq!(
            split_city_label("Washington, D.C., US"),
            ("Washington, D.C.", Some("US"))
        );
    }
}
