//! `POST /language`: the language menu's form. It works without JavaScript: it sets the language
//! cookie, remembers the choice on the account of a logged-in member, and returns to the page.
use super::{request::language_cookie, state::AppState};
use crate::accounts::{parse_language, session, store};
use crate::i18n::I18nLocaleTrait as _;
use axum::{
    extract::{Form, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Debug, Deserialize)]
pub struct LanguageChoice {
    pub language: String,
    #[serde(default)]
    pub next: String,
}

/// Only paths of this site: `//evil.example` or `https://...` would make this an open redirect.
pub fn safe_next(next: &str) -> &str {
    let is_local_path = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if is_local_path {
        next
    } else {
        "/"
    }
}

pub async fn choose_language(
    State(state): State<AppState>,
    session: Session,
    Form(choice): Form<LanguageChoice>,
) -> Response {
    let Ok(language) = parse_language(&choice.language) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if let Ok(Some(account)) = session::account_of(&session, &state.db).await {
        if store::set_preferred_language(&state.db, account.id, language.as_str())
            .await
            .is_err()
        {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, safe_next(&choice.next).to_owned()),
            (header::SET_COOKIE, language_cookie(language.as_str())),
        ],
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/signup?x=1"), "/signup?x=1");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
