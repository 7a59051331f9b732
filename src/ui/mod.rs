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

/// The log-in page's address, asked to come back to this page once logged in (`/login?next=`).
/// The account pages themselves (log-in, sign-up, mailed links) are not returned to.
pub fn log_in_href() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let location = leptos_router::hooks::use_location();
    move || {
        let path = location.pathname.get();
        if ["/login", "/signup", "/account/"]
            .iter()
            .any(|account_page| path.starts_with(account_page))
        {
            return "/login".to_owned();
        }
        let search = location.search.get();
        let here = match search.trim_start_matches('?') {
            "" => path,
            query => format!("{path}?{query}"),
        };
        url_with_query("/login", vec![("next", Some(here))])
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
