//! What server functions need to know about the HTTP request they serve.
use super::state::app_state;
use crate::error::AppError;
use axum::{
    extract::ConnectInfo,
    http::{header, request::Parts, HeaderValue, StatusCode},
};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use std::net::SocketAddr;

/// The caller's IP address, for rate limits. Behind a proxy (TRUST_PROXY) it is the first
/// address of `X-Forwarded-For`; otherwise the TCP peer.
pub fn client_ip() -> String {
    let Some(parts) = use_context::<Parts>() else {
        return "unknown".to_owned();
    };
    let trust_proxy = app_state().map(|s| s.config.trust_proxy).unwrap_or(false);
    let forwarded = parts
        .headers
        .get("x-forwarded-for")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(',').next())
        .map(|ip| ip.trim().to_owned())
        .filter(|ip| !ip.is_empty());
    match (trust_proxy, forwarded) {
        (true, Some(ip)) => ip,
        _ => parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| peer.ip().to_string())
            .unwrap_or_else(|| "unknown".to_owned()),
    }
}

/// A plain form post (no JavaScript) asks for HTML: it must get a redirect back to its page, which
/// then shows the error, so its status is left alone.
fn is_plain_form_post() -> bool {
    use_context::<Parts>().is_some_and(|parts| accepts_html(&parts.headers))
}

/// Whether the caller is a browser navigating (it asks for HTML), not a script.
pub fn accepts_html(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// Gives an API caller the HTTP status that matches the error (401, 403, 429...).
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        give_status(error);
    }
    result
}

/// Sets the status matching `error` for an API caller; a plain form post keeps its redirect.
pub fn give_status(error: &AppError) {
    if !is_plain_form_post() {
        set_page_status(error);
    }
}

/// Sets the response status matching `error`. On a page this only works when it renders with
/// `SsrMode::Async`: streamed pages have sent their headers by the time a resource resolves.
pub fn set_page_status(error: &AppError) {
    if let Some(response) = use_context::<ResponseOptions>() {
        let status =
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        response.set_status(status);
    }
}

/// Remembers the interface language in the cookie that leptos_i18n reads.
pub fn set_language_cookie(response: &ResponseOptions, language: &str) {
    if let Ok(value) = HeaderValue::from_str(&language_cookie(language)) {
        response.append_header(header::SET_COOKIE, value);
    }
}

pub fn language_cookie(language: &str) -> String {
    format!("{LANGUAGE_COOKIE}={language}; Path=/; Max-Age=31536000; SameSite=Lax")
}

/// The cookie name leptos_i18n uses by default.
pub const LANGUAGE_COOKIE: &str = "i18n_pref_locale";

/// The answer to an upload (a multipart form post to an axum route, not a server function): a
/// browser goes back to `page#anchor`, with `?{error_param}=<code>` when refused so that the page
/// shows why; other clients get 204, or the error's status and JSON.
pub fn upload_answer(
    headers: &axum::http::HeaderMap,
    page: &str,
    error_param: &str,
    anchor: &str,
    outcome: Result<(), AppError>,
) -> axum::response::Response {
    use axum::response::{IntoResponse, Redirect};
    match (outcome, accepts_html(headers)) {
        (Ok(()), true) => Redirect::to(&format!("{page}#{anchor}")).into_response(),
        (Ok(()), false) => StatusCode::NO_CONTENT.into_response(),
        (Err(error), true) => {
            let code = match &error {
                AppError::Validation(fields) => fields
                    .first()
                    .and_then(|field| serde_json::to_value(field.code).ok())
                    .and_then(|value| value.as_str().map(str::to_owned)),
                _ => None,
            };
            let code = code.unwrap_or_else(|| "internal".into());
            Redirect::to(&format!("{page}?{error_param}={code}#{anchor}")).into_response()
        }
        (Err(error), false) => {
            let status = StatusCode::from_u16(error.status_code())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, axum::Json(error)).into_response()
        }
    }
}
