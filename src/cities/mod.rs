//! The world cities gazetteer: every initiative, member and event is placed in one of its cities.
//! GeoNames data (CC BY 4.0), imported from gazetteer/ on first start; moderators add what is missing.
use serde::{Deserialize, Serialize};

pub mod api;
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
