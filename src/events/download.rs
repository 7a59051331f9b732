//! (ssr) Files about events, from plain links (a browser saves a file only from a link): the
//! attendee list as CSV for the organisers.
use super::attendees;
use super::EventId;
use crate::accounts::session;
use crate::error::AppError;
use crate::i18n::td_string;
use crate::initiatives::mails::locale_of;
use crate::server::state::AppState;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use tower_sessions::Session;

pub fn routes() -> Router<AppState> {
    Router::new().route("/events/{id}/attendees.csv", get(attendees_csv))
}

fn refusal(error: AppError) -> Response {
    let status =
        StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(error)).into_response()
}

async fn attendees_csv(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    match csv(&state, &session, &id).await {
        Ok(body) => {
            let disposition = format!("attachment; filename=\"event-{id}-attendees.csv\"");
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                body,
            )
                .into_response()
        }
        Err(error) => refusal(error),
    }
}

async fn csv(state: &AppState, session: &Session, id: &str) -> Result<String, AppError> {
    let account = session::account_of(session, &state.db)
        .await?
        .ok_or(AppError::Unauthorised)?;
    let event = EventId(id.parse::<i64>().map_err(|_| AppError::NotFound)?);
    let organisers = super::store::organisers(&state.db, event)
        .await?
        .ok_or(AppError::NotFound)?;
    if !organisers.includes(account.id) && !account.can_moderate() {
        return Err(AppError::Forbidden);
    }
    let rows = attendees::list(&state.db, event).await?;
    let locale = locale_of(&account.preferred_language);
    let headers = [
        td_string!(locale, events.csv_name),
        td_string!(locale, events.csv_email),
        td_string!(locale, events.csv_status),
        td_string!(locale, events.csv_party_size),
        td_string!(locale, events.csv_code),
        td_string!(locale, events.csv_needs),
        td_string!(locale, events.csv_needs_text),
        td_string!(locale, events.csv_signed_up_at),
    ]
    .map(|header| header.to_string());
    Ok(attendees::to_csv(
        &rows,
        &headers,
        |status| super::labels::status_label_in(locale, status),
        |need| super::labels::access_need_label_in(locale, need),
    ))
}
