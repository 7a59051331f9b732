//! Signing up without an account (as Mobilizon does): a visitor gives a name and an email
//! address; the sign-up waits, seatless, until they follow the link mailed to that address.
//! The same link, kept in their mailbox, later shows their code and lets them cancel. Typing
//! the same address again mails a fresh link instead of a second sign-up, so a lost link is
//! never a dead end and the form tells nobody which addresses are signed up.
//! Compiles for the browser too.
use super::{EventTime, MySignup, SignupForm, SignupInput};
use crate::error::{AppError, FieldErrors};
use crate::validation::parse_line;
use serde::{Deserialize, Serialize};

pub mod api;
pub mod page;
#[cfg(feature = "ssr")]
pub mod store;

/// A name as the organisers will call it at the door.
pub const GUEST_NAME_MAX_CHARS: usize = 100;

/// The guest sign-up form, as typed: who, then what a member's sign-up asks (the same fields as
/// `SignupForm`; not flattened, since form decoding cannot type a flattened number).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestSignupForm {
    pub event: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    /// The interface language the visitor reads: their mails are written in it.
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub party_size: String,
    #[serde(default)]
    pub access_flags: Vec<String>,
    #[serde(default)]
    pub access_needs: String,
}

/// A guest sign-up that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestInput {
    pub name: String,
    /// Lower-cased: one sign-up per address and event, however it is typed.
    pub email: String,
    pub language: String,
    pub signup: SignupInput,
}

impl GuestSignupForm {
    pub fn parse(&self) -> Result<GuestInput, AppError> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", parse_line(&self.name, GUEST_NAME_MAX_CHARS, true));
        let email = errors.check("email", crate::accounts::parse_email(&self.email));
        // An unknown language is the page's doing, not the visitor's: mails fall back to English.
        let language = crate::accounts::parse_language(&self.language)
            .map(|locale| crate::i18n::I18nLocaleTrait::as_str(locale).to_owned())
            .unwrap_or_else(|_| "en".to_owned());
        let signup = SignupForm {
            event: self.event,
            party_size: self.party_size.clone(),
            access_flags: self.access_flags.clone(),
            access_needs: self.access_needs.clone(),
        };
        let signup = match signup.parse() {
            Ok(signup) => Some(signup),
            Err(AppError::Validation(fields)) => {
                fields
                    .into_iter()
                    .for_each(|field| errors.add(&field.field, field.code));
                None
            }
            Err(error) => return Err(error),
        };
        match (name, email, signup) {
            (Some(name), Some(email), Some(signup)) if errors.is_empty() => Ok(GuestInput {
                name,
                email,
                language,
                signup,
            }),
            _ => Err(errors.into_error()),
        }
    }
}

/// What a guest's link shows them of their sign-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestSignupView {
    pub event: super::EventId,
    pub title: String,
    pub starts: EventTime,
    pub ends: EventTime,
    pub name: String,
    /// Its status, code (shown once confirmed), party and place in line.
    pub signup: MySignup,
    /// Pending, and the link is older than a day: typing the address again mails a new one.
    pub link_expired: bool,
    /// The event has not started and is not cancelled: the sign-up can still be confirmed or
    /// cancelled.
    pub changeable: bool,
    pub event_cancelled: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn form(name: &str, email: &str, party: &str) -> GuestSignupForm {
        GuestSignupForm {
            name: name.into(),
            email: email.into(),
            language: "fr".into(),
            event: 7,
            party_size: party.into(),
            ..GuestSignupForm::default()
        }
    }

    #[test]
    fn a_guest_gives_a_name_and_an_address_the_address_lower_cased() {
        let input = form("  Ana Lima ", " Ana@Example.ORG ", "2")
            .parse()
            .unwrap();
        assert_eq!(input.name, "Ana Lima");
        assert_eq!(input.email, "ana@example.org");
        assert_eq!(input.language, "fr");
        assert_eq!(input.signup.party_size, 2);
    }

    #[test]
    fn every_field_of_a_bad_guest_form_says_what_is_wrong() {
        let Err(AppError::Validation(fields)) = form(" ", "ana@", "0").parse() else {
            panic!("refused");
        };
        let codes: Vec<(&str, ErrorCode)> = fields
            .iter()
            .map(|field| (field.field.as_str(), field.code))
            .collect();
        assert!(codes.contains(&("name", ErrorCode::Required)), "{codes:?}");
        assert!(
            codes.contains(&("email", ErrorCode::InvalidEmail)),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("party_size", ErrorCode::PartyTooLarge)),
            "{codes:?}"
        );
    }

    #[test]
    fn an_unknown_interface_language_falls_back_to_english() {
        let mut typed = form("Ana", "ana@example.org", "");
        typed.language = "xx".into();
        assert_eq!(typed.parse().unwrap().language, "en");
    }
}
