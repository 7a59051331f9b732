//! Security headers on every response. Pages get a Content-Security-Policy with a fresh nonce
//! (set by the shell, see `app::shell`), so that only our own hydration scripts run; everything
//! else (server functions, static files, errors) gets a policy that allows nothing.
use axum::http::{header, HeaderValue};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy of server-rendered pages. `'wasm-unsafe-eval'` lets the browser compile our wasm.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

const NOTHING_POLICY: &str =
    "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Headers set on every response (the policy only where the page did not set its own).
pub fn header_layers() -> [SetResponseHeaderLayer<HeaderValue>; 4] {
    [
        SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(NOTHING_POLICY),
        ),
        SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        // Not `no-referrer`: a form posted without JavaScript returns to its page via the Referer.
        SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ),
        SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ),
    ]
}
