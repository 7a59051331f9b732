//! (ssr) What admins type into a Day's form, checked: every refusal at once, by field.
use super::{
    DayForm, DayId, DayTextsForm, CALL_MAX_CHARS, KIT_MAX_CHARS, NAME_MAX_CHARS, POSTER_MAX_CHARS,
};
use crate::error::{AppError, ErrorCode, FieldErrors};
use crate::initiatives::parse_language;
use crate::validation::{parse_date, parse_line, parse_text};

/// The texts of a Day that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayTexts {
    pub language: String,
    pub name: String,
    pub call_text: String,
    pub what_to_do: String,
    pub what_to_bring: String,
    pub programme: String,
    pub poster: String,
}

impl DayTextsForm {
    fn check(&self, errors: &mut FieldErrors) -> Option<DayTexts> {
        let language = errors.check("language", parse_language(&self.language));
        let name = errors.check("name", parse_line(&self.name, NAME_MAX_CHARS, true));
        let call_text = errors.check(
            "call_text",
            parse_text(&self.call_text, CALL_MAX_CHARS, true),
        );
        let mut kit = |field: &str, raw: &str, max: usize, required: bool| {
            errors.check(field, parse_text(raw, max, required))
        };
        let what_to_do = kit("what_to_do", &self.what_to_do, KIT_MAX_CHARS, true);
        let what_to_bring = kit("what_to_bring", &self.what_to_bring, KIT_MAX_CHARS, false);
        let programme = kit("programme", &self.programme, KIT_MAX_CHARS, false);
        let poster = kit("poster", &self.poster, POSTER_MAX_CHARS, false);
        Some(DayTexts {
            language: language?,
            name: name?,
            call_text: call_text?,
            what_to_do: what_to_do?,
            what_to_bring: what_to_bring?,
            programme: programme?,
            poster: poster?,
        })
    }

    /// A translation: the texts alone.
    pub fn parse(&self) -> Result<DayTexts, AppError> {
        let mut errors = FieldErrors::default();
        match self.check(&mut errors) {
            Some(texts) if errors.is_empty() => Ok(texts),
            _ => Err(errors.into_error()),
        }
    }
}

/// A Day form that passed validation; the date's place in time and the initiative are checked
/// on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayInput {
    pub id: Option<DayId>,
    pub date: time::Date,
    pub initiative: i64,
    pub call_open: bool,
    pub texts: DayTexts,
}

impl DayForm {
    pub fn parse(&self) -> Result<DayInput, AppError> {
        let mut errors = FieldErrors::default();
        let id = match self.id.trim() {
            "" => None,
            raw => Some(DayId(raw.parse::<i64>().map_err(|_| AppError::BadRequest)?)),
        };
        let date = errors.check("date", parse_date(&self.date));
        let initiative = errors.check("initiative", parse_initiative(&self.initiative));
        let texts = self.texts.check(&mut errors);
        match (date, initiative, texts) {
            (Some(date), Some(initiative), Some(texts)) if errors.is_empty() => Ok(DayInput {
                id,
                date,
                initiative,
                call_open: self.call_open.is_some(),
                texts,
            }),
            _ => Err(errors.into_error()),
        }
    }
}

/// The featured initiative, typed as its number or the address of its page.
fn parse_initiative(raw: &str) -> Result<i64, ErrorCode> {
    if raw.trim().is_empty() {
        return Err(ErrorCode::Required);
    }
    match crate::events::parse_deck(raw)?.as_slice() {
        [one] => Ok(*one),
        _ => Err(ErrorCode::UnknownInitiative),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> DayForm {
        DayForm {
            date: "2027-05-22".into(),
            initiative: "https://newcityzens.example/initiatives/42".into(),
            call_open: Some("on".into()),
            texts: DayTextsForm {
                language: "en".into(),
                name: "Repair Café Day".into(),
                call_text: "Open a repair café in your city for one day.".into(),
                what_to_do: "Find a room, tools and volunteers.".into(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_day_form_parses() {
        let day = form().parse().unwrap();
        assert_eq!(day.initiative, 42);
        assert!(day.call_open);
        assert_eq!(crate::validation::date_field(day.date), "2027-05-22");
        let closed = DayForm {
            call_open: None,
            ..form()
        };
        assert!(!closed.parse().unwrap().call_open);
    }

    #[test]
    fn every_refused_field_is_named_at_once() {
        let mut bad = form();
        bad.date = "22/05/2027".into();
        bad.initiative = "42\n43".into();
        bad.texts.name = " ".into();
        bad.texts.poster = "x".repeat(POSTER_MAX_CHARS + 1);
        bad.texts.language = "xx".into();
        let error = bad.parse().unwrap_err();
        assert_eq!(error.code_for("date"), Some(ErrorCode::InvalidDate));
        assert_eq!(
            error.code_for("initiative"),
            Some(ErrorCode::UnknownInitiative)
        );
        assert_eq!(error.code_for("name"), Some(ErrorCode::Required));
        assert_eq!(error.code_for("poster"), Some(ErrorCode::TooLong));
        assert_eq!(error.code_for("language"), Some(ErrorCode::UnknownLanguage));
        let mut empty = form();
        empty.initiative.clear();
        empty.texts.what_to_do.clear();
        let error = empty.parse().unwrap_err();
        assert_eq!(error.code_for("initiative"), Some(ErrorCode::Required));
        assert_eq!(error.code_for("what_to_do"), Some(ErrorCode::Required));
    }
}
