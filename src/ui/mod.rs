//! Shared components: layout, form fields, error messages, dates and counts.
pub mod dates;
pub mod errors;
pub mod form;
pub mod layout;
pub mod not_found;

use leptos::prelude::*;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

/// The page's `:id` route parameter as a number (`None` when it is not one).
pub fn id_param() -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    }
}

/// `path?key=value&...` with the values percent-encoded, leaving out the pairs without a value;
/// `path` alone when none is left. The URLs of searches and filters.
pub fn url_with_query(path: &str, pairs: Vec<(&str, Option<String>)>) -> String {
    let query: Vec<String> = pairs
        .into_iter()
        .filter_map(|(key, value)| {
            Some(format!(
                "{key}={}",
                utf8_percent_encode(&value?, NON_ALPHANUMERIC)
            ))
        })
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}
