//! Security headers on every response. Pages get a Content-Security-Policy with a fresh nonce
//! (set by the shell, see `app::shell`), so that only our own hydration scripts run; everything
//! else (server functions, static files, errors) gets a policy that allows nothing.
use axum::http::{header, HeaderValue};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy of server-rendered pages. `'wasm-unsafe-eval'` lets the browser compile our wasm;
/// `tile_origin` is the map tile server's origin (the only other place images come from);
/// `frame_origins` the reports' video players (every page: a visitor may reach a report by
/// navigating in the browser, under the policy of the page they first loaded).
pub fn page_policy(nonce: &str, tile_origin: &str, frame_origins: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: {tile_origin}; font-src 'self'; connect-src 'self'; \
         frame-src {frame_origins}; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// `https://tile.example.org` for `https://tile.example.org/{z}/{x}/{y}.png`; nothing for a
/// relative address (tiles served by this site) or anything that is not http(s).
pub fn origin_of(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return String::new();
    };
    let host = rest.split('/').next().unwrap_or_default();
    let valid = matches!(scheme, "http" | "https")
        && !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if valid {
        format!("{scheme}://{host}")
    } else {
        String::new()
    }
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

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn the_tile_origin_is_scheme_and_host_only() {
        assert_eq!(
            origin_of("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
            "https://tile.openstreetmap.org"
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(origin_of("/tiles/{z}/{x}/{y}.png"), "");
        assert_eq!(origin_of("javascript://x"), "");
        assert_eq!(origin_of("https://evil.example; script-src *"), "");
    }
}
