//! `GET /my/data.json`: the export as a file to keep (the server function answers the same
//! data to the page, but a browser saves a file only from a plain link).
use crate::accounts::session;
use crate::error::AppError;
use crate::server::state::AppState;
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use tower_sessions::Session;

pub fn routes() -> Router<AppState> {
    Router::new().route(super::DOWNLOAD_PATH, get(download))
}

async fn download(State(state): State<AppState>, session: Session) -> Response {
    match export(&state, &session).await {
        Ok((handle, data)) => {
            let disposition = format!("attachment; filename=\"newcityzens-{handle}.json\"");
            // Pretty-printed: the file is meant to be read by its owner too.
            let body = serde_json::to_string_pretty(&data).unwrap_or_default();
            (
                [
                    (header::CONTENT_TYPE, "application/json".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                body,
            )
                .into_response()
        }
        Err(error) => {
            let status = StatusCode::from_u16(error.status_code())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, Json(error)).into_response()
        }
    }
}

async fn export(
    state: &AppState,
    session: &Session,
) -> Result<(String, super::PersonalData), AppError> {
    let account = session::account_of(session, &state.db)
        .await?
        .ok_or(AppError::Unauthorised)?;
    let data = super::store::my_data(&state.db, account.id, &account.preferred_language).await?;
    Ok((account.handle, data))
}
