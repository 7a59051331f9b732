//! After the event: its organisers record what came out of it (how many came, the ideas, a
//! roadmap, the projects started), and the initiatives people started there are linked to it
//! and to the initiatives it presented (`crate::inspiration`). Compiles for the browser too.
use crate::error::{AppError, FieldErrors};
use crate::inspiration::ProposedLink;
use crate::validation::parse_text;
use serde::{Deserialize, Serialize};

pub mod api;
pub mod page;
#[cfg(feature = "ssr")]
pub mod store;

/// Each of the outcome's texts (Markdown).
pub const OUTCOME_TEXT_MAX_CHARS: usize = 5_000;
/// More than any venue holds, less than a typo of a few zeros.
pub const ATTENDANCE_MAX: i64 = 100_000;

/// The outcome form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeForm {
    pub event: i64,
    #[serde(default)]
    pub attendance: String,
    #[serde(default)]
    pub ideas: String,
    #[serde(default)]
    pub roadmap: String,
    #[serde(default)]
    pub projects: String,
}

/// An outcome that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeInput {
    pub attendance: i64,
    pub ideas: String,
    pub roadmap: String,
    pub projects: String,
}

impl OutcomeForm {
    pub fn parse(&self) -> Result<OutcomeInput, AppError> {
        let mut errors = FieldErrors::default();
        let attendance = errors.check("attendance", parse_attendance(&self.attendance));
        let mut text = |field: &str, raw: &str| {
            errors.check(field, parse_text(raw, OUTCOME_TEXT_MAX_CHARS, false))
        };
        let ideas = text("ideas", &self.ideas);
        let roadmap = text("roadmap", &self.roadmap);
        let projects = text("projects", &self.projects);
        match (attendance, ideas, roadmap, projects) {
            (Some(attendance), Some(ideas), Some(roadmap), Some(projects)) => Ok(OutcomeInput {
                attendance,
                ideas,
                roadmap,
                projects,
            }),
            _ => Err(errors.into_error()),
        }
    }
}

fn parse_attendance(raw: &str) -> Result<i64, crate::error::ErrorCode> {
    use crate::error::ErrorCode;
    match raw.trim() {
        "" => Err(ErrorCode::Required),
        raw => match raw.parse::<i64>() {
            Ok(count) if (0..=ATTENDANCE_MAX).contains(&count) => Ok(count),
            _ => Err(ErrorCode::InvalidNumber),
        },
    }
}

/// What came out of an event, for its page (texts as safe HTML).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub attendance: i64,
    pub ideas_html: String,
    pub roadmap_html: String,
    pub projects_html: String,
}

/// The organisers' outcome page: the form (as recorded, or empty) and the links people
/// proposed when they started an initiative from the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeStart {
    pub title: String,
    pub form: OutcomeForm,
    pub recorded: bool,
    pub proposed: Vec<ProposedLink>,
}

/// What the initiative editor shows when an initiative is started from an event: the event,
/// and the initiatives it presented (id, title), to tick those that inspired it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspirationStart {
    pub event: i64,
    pub event_title: String,
    pub deck: Vec<(i64, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn form(attendance: &str) -> OutcomeForm {
        OutcomeForm {
            event: 1,
            attendance: attendance.to_owned(),
            ideas: "  A tool library\r\nin the school  ".to_owned(),
            ..Default::default()
        }
    }

    #[test]
    fn an_outcome_needs_a_head_count_within_reason() {
        let parsed = form(" 42 ").parse().unwrap();
        assert_eq!(parsed.attendance, 42);
        assert_eq!(parsed.ideas, "A tool library\nin the school");
        assert_eq!(form("0").parse().unwrap().attendance, 0);
        for (raw, code) in [
            ("", ErrorCode::Required),
            ("-3", ErrorCode::InvalidNumber),
            ("many", ErrorCode::InvalidNumber),
            ("100001", ErrorCode::InvalidNumber),
        ] {
            let error = form(raw).parse().unwrap_err();
            assert_eq!(error.code_for("attendance"), Some(code), "{raw:?}");
        }
    }

    #[test]
    fn outcome_texts_have_a_length_limit() {
        let mut long = form("5");
        long.roadmap = "x".repeat(OUTCOME_TEXT_MAX_CHARS + 1);
        let error = long.parse().unwrap_err();
        assert_eq!(error.code_for("roadmap"), Some(ErrorCode::TooLong));
    }
}
