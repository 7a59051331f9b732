//! (ssr) The organisers' side of sign-ups: the list with needs and codes, check-in at the door,
//! and the CSV of the list. Only the API checks who may see it; this is the SQL.
use super::signups::normalise_code;
use super::{AccessNeed, AttendeeRow, EventId, SignupStatus};
use crate::db::{db_failed, Db};
use crate::error::{AppError, ErrorCode};
use crate::{in_write_transaction, with_pool};
use time::OffsetDateTime;

#[derive(Debug, Clone, sqlx::FromRow)]
struct Row {
    signup: i64,
    name: String,
    email: String,
    handle: Option<String>,
    status: String,
    party_size: i64,
    code: String,
    access_flags: String,
    access_needs: String,
    removal_reason: String,
    created_at: OffsetDateTime,
}

/// The people signed up to `event`: those with a seat first, then the waitlist in line order,
/// then those who left or were removed.
pub async fn list(db: &Db, event: EventId) -> Result<Vec<AttendeeRow>, AppError> {
    let handle = crate::accounts::store::HANDLE_UNLESS_DELETED;
    let sql = format!(
        "SELECT s.id AS signup, COALESCE(a.display_name, s.guest_name, '') AS name, \
         COALESCE(a.email, s.guest_email, '') AS email, {handle} AS handle, s.status, s.party_size, \
         s.code, s.access_flags, s.access_needs, s.removal_reason, s.created_at \
         FROM event_signups s LEFT JOIN accounts a ON a.id = s.account_id WHERE s.event_id = $1 \
         ORDER BY CASE s.status WHEN 'attended' THEN 0 WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 \
         WHEN 'pending' THEN 2 ELSE 3 END, s.waitlisted_at, s.id"
    );
    let rows =
        with_pool!(db, pool => sqlx::query_as::<_, Row>(&sql).bind(event.0).fetch_all(pool).await)
            .map_err(db_failed)?;
    Ok(rows.into_iter().map(attendee_row).collect())
}

fn attendee_row(row: Row) -> AttendeeRow {
    // A guest forgotten after the event (see `guest::store::forget_past_guests`) has no address.
    let forgotten_guest = row.handle.is_none() && row.name.is_empty();
    AttendeeRow {
        signup: row.signup,
        name: row.name,
        email: if forgotten_guest {
            String::new()
        } else {
            row.email
        },
        handle: row.handle,
        status: SignupStatus::parse(&row.status).unwrap_or(SignupStatus::Cancelled),
        party_size: row.party_size,
        code: row.code,
        access_flags: row
            .access_flags
            .split(',')
            .filter_map(AccessNeed::parse)
            .collect(),
        access_needs: row.access_needs,
        removal_reason: row.removal_reason,
        signed_up_at: crate::db::rfc3339(row.created_at),
    }
}

/// Who to check in: the code given at the door, or a line of the list (found by name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arrival {
    Code(String),
    Signup(i64),
}

/// Marks a sign-up of `event` as there; evaluates to its id and the name of who arrived. Only a
/// seat can be checked in; twice is said, not done.
pub async fn check_in(
    db: &Db,
    event: EventId,
    arrival: &Arrival,
    now: OffsetDateTime,
) -> Result<(i64, String), AppError> {
    const BY_CODE: &str =
        "SELECT s.id, s.status, COALESCE(a.display_name, s.guest_name, '') FROM event_signups s \
         LEFT JOIN accounts a ON a.id = s.account_id WHERE s.event_id = $1 AND s.code = $2";
    const BY_ID: &str =
        "SELECT s.id, s.status, COALESCE(a.display_name, s.guest_name, '') FROM event_signups s \
         LEFT JOIN accounts a ON a.id = s.account_id WHERE s.event_id = $1 AND s.id = $2";
    let field = match arrival {
        Arrival::Code(_) => "code",
        Arrival::Signup(_) => "signup",
    };
    let name = in_write_transaction!(db, tx => {
        let found = match arrival {
            Arrival::Code(code) => sqlx::query_as::<_, (i64, String, String)>(BY_CODE)
                .bind(event.0).bind(normalise_code(code)).fetch_optional(&mut *tx).await,
            Arrival::Signup(id) => sqlx::query_as::<_, (i64, String, String)>(BY_ID)
                .bind(event.0).bind(*id).fetch_optional(&mut *tx).await,
        }
        .map_err(db_failed)?;
        let Some((signup, status, name)) = found else {
            return Err(AppError::field(field, ErrorCode::UnknownCode));
        };
        match SignupStatus::parse(&status) {
            Some(SignupStatus::Attended) => return Err(AppError::field(field, ErrorCode::AlreadyCheckedIn)),
            Some(SignupStatus::Confirmed) => {}
            _ => return Err(AppError::field(field, ErrorCode::NoSeat)),
        }
        sqlx::query("UPDATE event_signups SET status = 'attended', updated_at = $2 WHERE id = $1")
            .bind(signup).bind(now).execute(&mut *tx).await.map_err(db_failed)?;
        (signup, name)
    });
    Ok(name)
}

/// One CSV field: quoted when it must be, and never read as a formula by a spreadsheet.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The list as CSV (RFC 4180, CRLF), with `headers` in the reader's language and the needs'
/// names as `need_label` gives them.
pub fn to_csv(
    rows: &[AttendeeRow],
    headers: &[String],
    status_label: impl Fn(SignupStatus) -> String,
    need_label: impl Fn(AccessNeed) -> String,
) -> String {
    let mut csv = headers
        .iter()
        .map(|header| csv_field(header))
        .collect::<Vec<_>>()
        .join(",");
    csv.push_str("\r\n");
    for row in rows {
        let needs: Vec<String> = row
            .access_flags
            .iter()
            .map(|need| need_label(*need))
            .collect();
        let fields = [
            row.name.clone(),
            row.email.clone(),
            status_label(row.status),
            row.party_size.to_string(),
            row.code.clone(),
            needs.join("; "),
            row.access_needs.clone(),
            row.signed_up_at.clone(),
        ];
        csv.push_str(
            &fields
                .iter()
                .map(|field| csv_field(field))
                .collect::<Vec<_>>()
                .join(","),
        );
        csv.push_str("\r\n");
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("Ana Lima"), "Ana Lima");
        assert_eq!(csv_field("Lima, Ana"), "\"Lima, Ana\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-2+3"), "'-2+3");
    }
}
