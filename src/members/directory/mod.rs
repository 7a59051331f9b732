//! `/members`: the community directory. Members are found by what they made public only: city
//! and country when their city is public, spoken languages when those are public; roles, themes,
//! skills, names and headlines are public on every profile.
pub mod page;
#[cfg(feature = "ssr")]
pub mod store;

use super::ContributorRole;
use crate::cities::City;
use crate::initiatives::FacetCount;
use serde::{Deserialize, Serialize};

pub const DIRECTORY_PATH: &str = "/members";
pub const DIRECTORY_PAGE_SIZE: i64 = 24;

/// A directory search as the URL carries it: `/members?role=shaker&country=PT&page=2`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryParams {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub city: Option<i64>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub page: Option<i64>,
}

impl DirectoryParams {
    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 10_000)
    }

    pub fn has_filters(&self) -> bool {
        self.role.is_some()
            || self.theme.is_some()
            || self.country.is_some()
            || self.city.is_some()
            || self.lang.is_some()
    }
}

/// A member in the directory: only what their profile shows everyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberCard {
    pub handle: String,
    /// `None`: their initials are shown instead.
    pub avatar_url: Option<String>,
    pub display_name: String,
    /// In the reader's language when written, else the original.
    pub headline: String,
    pub headline_language: String,
    pub roles: Vec<ContributorRole>,
    /// Only when the member's city is public.
    pub city: Option<City>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryFacets {
    pub roles: Vec<FacetCount>,
    pub themes: Vec<FacetCount>,
    pub countries: Vec<FacetCount>,
    pub cities: Vec<FacetCount>,
    pub languages: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryResults {
    pub items: Vec<MemberCard>,
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
    pub facets: DirectoryFacets,
}
