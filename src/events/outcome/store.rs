//! (ssr) The SQL of events' outcomes.
use super::{Outcome, OutcomeForm, OutcomeInput};
use crate::accounts::AccountId;
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::events::EventId;
use crate::with_pool;
use time::OffsetDateTime;

/// Records (or corrects) the outcome of `event`.
pub async fn save(
    db: &Db,
    event: EventId,
    input: &OutcomeInput,
    by: AccountId,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    with_pool!(db, pool => sqlx::query(
        "INSERT INTO event_outcomes (event_id, attendance, ideas, roadmap, projects, recorded_by, \
         recorded_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
         ON CONFLICT (event_id) DO UPDATE SET attendance = excluded.attendance, ideas = excluded.ideas, \
         roadmap = excluded.roadmap, projects = excluded.projects, updated_at = excluded.updated_at")
        .bind(event.0).bind(input.attendance).bind(&input.ideas).bind(&input.roadmap)
        .bind(&input.projects).bind(by.0).bind(now).execute(pool).await.map(|_| ()))
    .map_err(db_failed)
}

type OutcomeRow = (i64, String, String, String);

async fn row(db: &Db, event: EventId) -> Result<Option<OutcomeRow>, AppError> {
    with_pool!(db, pool => sqlx::query_as::<_, OutcomeRow>(
        "SELECT attendance, ideas, roadmap, projects FROM event_outcomes WHERE event_id = $1")
        .bind(event.0).fetch_optional(pool).await)
    .map_err(db_failed)
}

/// The recorded outcome as its form shows it again.
pub async fn form_of(db: &Db, event: EventId) -> Result<Option<OutcomeForm>, AppError> {
    Ok(row(db, event)
        .await?
        .map(|(attendance, ideas, roadmap, projects)| OutcomeForm {
            event: event.0,
            attendance: attendance.to_string(),
            ideas,
            roadmap,
            projects,
        }))
}

/// The recorded outcome as the event's page shows it.
pub async fn outcome_of(db: &Db, event: EventId) -> Result<Option<Outcome>, AppError> {
    let html = crate::text::markdown::to_safe_html;
    Ok(row(db, event)
        .await?
        .map(|(attendance, ideas, roadmap, projects)| Outcome {
            attendance,
            ideas_html: html(&ideas),
            roadmap_html: html(&roadmap),
            projects_html: html(&projects),
        }))
}

/// Whether `member` held a seat at `event` (confirmed, or checked in): who came may say what
/// they started there.
pub async fn held_a_seat(db: &Db, event: EventId, member: AccountId) -> Result<bool, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, bool>(
        "SELECT EXISTS (SELECT 1 FROM event_signups WHERE event_id = $1 AND account_id = $2 \
         AND status IN ('confirmed', 'attended'))")
        .bind(event.0).bind(member.0).fetch_one(pool).await)
    .map_err(db_failed)
}
