//! Accounts: sign-up, log-in, log-out, roles. This file holds what crosses the wire and the
//! validation of what people type; it compiles for the browser too.
pub mod api;
#[cfg(feature = "ssr")]
pub mod deletion;
pub mod email_pages;
#[cfg(feature = "ssr")]
pub mod links;
pub mod login_page;
pub mod my_data;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod session;
pub mod settings_page;
pub mod signup_page;
#[cfg(feature = "ssr")]
pub mod store;

use crate::error::{AppError, ErrorCode, FieldErrors};
use crate::i18n::{I18nLocaleTrait as _, Locale};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccountId(pub i64);

/// Permissions beyond membership (every account is a member).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Moderator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Moderator, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Result<Role, ErrorCode> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == raw)
            .ok_or(ErrorCode::UnknownRole)
    }
}

/// Who is logged in, as the header and the permission checks see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentAccount {
    pub id: AccountId,
    pub display_name: String,
    /// Their page is `/members/<handle>`.
    pub handle: String,
    pub preferred_language: String,
    pub roles: Vec<Role>,
}

impl CurrentAccount {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Moderators review contributions; admins may do everything moderators do.
    pub fn can_moderate(&self) -> bool {
        self.has_role(Role::Moderator) || self.has_role(Role::Admin)
    }
}

/// The sign-up form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUpForm {
    pub display_name: String,
    /// Optional: left empty, one is made from the display name.
    #[serde(default)]
    pub handle: String,
    pub email: String,
    pub password: String,
    pub city: String,
    /// The interface language at sign-up: the account's preferred language from then on.
    pub language: String,
}

/// A sign-up that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub display_name: String,
    pub handle: Option<String>,
    pub email: String,
    pub password: String,
    pub city: String,
    pub language: Locale,
}

impl SignUpForm {
    /// Every field is checked, and every refusal reported at once.
    pub fn parse(self) -> Result<NewAccount, AppError> {
        let mut errors = FieldErrors::default();
        let display_name = errors.check("display_name", parse_display_name(&self.display_name));
        let handle = match self.handle.trim() {
            "" => Some(None),
            typed => errors
                .check("handle", crate::members::handle::parse_handle(typed))
                .map(Some),
        };
        let email = errors.check("email", parse_email(&self.email));
        let password = errors.check("password", parse_password(&self.password));
        let city = errors.check("city", parse_city(&self.city));
        let language = errors.check("language", parse_language(&self.language));
        match (display_name, handle, email, password, city, language) {
            (
                Some(display_name),
                Some(handle),
                Some(email),
                Some(password),
                Some(city),
                Some(language),
            ) => Ok(NewAccount {
                display_name,
                handle,
                email,
                password,
                city,
                language,
            }),
            // A field failed, and `errors` says which.
            _ => Err(errors.into_error()),
        }
    }
}

/// The log-in form as typed. Only its shape is checked: a wrong value is a wrong credential.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogInForm {
    pub email: String,
    pub password: String,
    /// The page that sent the reader to log in (`/login?next=`), to go back to.
    #[serde(default)]
    pub next: String,
}

/// Where a log-in returns: `next` when it is a page of this site, else the home page. A link
/// from elsewhere must not make the log-in page send members to another site once they trust
/// it ("open redirect"): `//host`, `/\host` and `https://host` are all refused.
pub fn return_path(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.chars().any(|c| c == '\\' || c.is_control());
    if local {
        next
    } else {
        "/"
    }
}

impl LogInForm {
    pub fn parse(self) -> Result<(String, String), AppError> {
        let mut errors = FieldErrors::default();
        if self.email.trim().is_empty() {
            errors.add("email", ErrorCode::Required);
        }
        if self.password.is_empty() {
            errors.add("password", ErrorCode::Required);
        }
        if self.password.chars().count() > PASSWORD_MAX_CHARS {
            errors.add("password", ErrorCode::PasswordTooLong);
        }
        errors.into_result()?;
        Ok((normalise_email(&self.email), self.password))
    }
}

/// "I forgot my password": the address to send a reset link to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForgotPasswordForm {
    pub email: String,
}

/// A new password, with the token of the mailed link that allows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPasswordForm {
    pub token: String,
    pub password: String,
}

impl ResetPasswordForm {
    pub fn parse(self) -> Result<(String, String), AppError> {
        let password =
            parse_password(&self.password).map_err(|code| AppError::field("password", code))?;
        Ok((self.token, password))
    }
}

/// A new password, with the current one (someone at an unlocked screen must not change it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePasswordForm {
    pub current: String,
    pub password: String,
}

impl ChangePasswordForm {
    pub fn parse(self) -> Result<(String, String), AppError> {
        let mut errors = FieldErrors::default();
        if self.current.is_empty() {
            errors.add("current", ErrorCode::Required);
        }
        let password = errors.check("password", parse_password(&self.password));
        errors.into_result()?;
        Ok((self.current, password.unwrap_or_default()))
    }
}

/// Moving the account to another address: the password proves who asks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeEmailForm {
    pub email: String,
    pub password: String,
}

impl ChangeEmailForm {
    /// The new address and the password typed.
    pub fn parse(self) -> Result<(String, String), AppError> {
        let mut errors = FieldErrors::default();
        let email = errors.check("email", parse_email(&self.email));
        if self.password.is_empty() {
            errors.add("password", ErrorCode::Required);
        }
        errors.into_result()?;
        Ok((email.unwrap_or_default(), self.password))
    }
}

/// Deleting the account: the password proves who asks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteAccountForm {
    pub password: String,
}

impl DeleteAccountForm {
    pub fn parse(self) -> Result<String, AppError> {
        if self.password.is_empty() {
            return Err(AppError::field("password", ErrorCode::Required));
        }
        Ok(self.password)
    }
}

pub const DISPLAY_NAME_MAX_CHARS: usize = 60;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const PASSWORD_MIN_CHARS: usize = 10;
/// Long enough for any passphrase, short enough that hashing it costs nothing unusual.
pub const PASSWORD_MAX_CHARS: usize = 256;
pub const CITY_MAX_CHARS: usize = 100;

fn trimmed_text(raw: &str, max_chars: usize) -> Result<String, ErrorCode> {
    crate::validation::parse_line(raw, max_chars, true)
}

pub fn parse_display_name(raw: &str) -> Result<String, ErrorCode> {
    trimmed_text(raw, DISPLAY_NAME_MAX_CHARS)
}

pub fn parse_city(raw: &str) -> Result<String, ErrorCode> {
    trimmed_text(raw, CITY_MAX_CHARS)
}

pub fn normalise_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// A pragmatic address check: one `@`, a local part, a dotted domain of letters, digits and
/// hyphens, nothing invisible. Whether the mailbox exists only a sent mail can tell.
pub fn parse_email(raw: &str) -> Result<String, ErrorCode> {
    let email = normalise_email(raw);
    if email.is_empty() {
        return Err(ErrorCode::Required);
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(ErrorCode::TooLong);
    }
    if email.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(ErrorCode::InvalidEmail);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(ErrorCode::InvalidEmail);
    };
    let domain_ok = domain.split('.').count() >= 2
        && domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if local.is_empty() || local.chars().count() > 64 || local.contains('@') || !domain_ok {
        return Err(ErrorCode::InvalidEmail);
    }
    Ok(email)
}

/// Passwords are taken as typed (no trimming): spaces are characters like any other.
pub fn parse_password(raw: &str) -> Result<String, ErrorCode> {
    let length = raw.chars().count();
    if length < PASSWORD_MIN_CHARS {
        return Err(ErrorCode::PasswordTooShort);
    }
    if length > PASSWORD_MAX_CHARS {
        return Err(ErrorCode::PasswordTooLong);
    }
    Ok(raw.to_owned())
}

pub fn parse_language(raw: &str) -> Result<Locale, ErrorCode> {
    Locale::get_all()
        .iter()
        .copied()
        .find(|locale| locale.as_str() == raw.trim())
        .ok_or(ErrorCode::UnknownLanguage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SignUpForm {
        SignUpForm {
            display_name: "  Ana Souza ".into(),
            handle: "".into(),
            email: " Ana@Example.ORG ".into(),
            password: "correct horse".into(),
            city: " São Paulo ".into(),
            language: "fr".into(),
        }
    }

    #[test]
    fn a_good_sign_up_is_trimmed_and_normalised() {
        let account = form().parse().expect("valid");
        assert_eq!(account.display_name, "Ana Souza");
        assert_eq!(account.email, "ana@example.org");
        assert_eq!(account.city, "São Paulo");
        assert_eq!(account.password, "correct horse");
        assert_eq!(account.language, Locale::fr);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = SignUpForm {
            display_name: "   ".into(),
            handle: "admin".into(),
            email: "not-an-email".into(),
            password: "short".into(),
            city: "Lyon\u{0007}".into(),
            language: "xx".into(),
        };
        let error = bad.parse().expect_err("invalid");
        assert_eq!(error.code_for("display_name"), Some(ErrorCode::Required));
        assert_eq!(error.code_for("handle"), Some(ErrorCode::HandleReserved));
        assert_eq!(error.code_for("email"), Some(ErrorCode::InvalidEmail));
        assert_eq!(
            error.code_for("password"),
            Some(ErrorCode::PasswordTooShort)
        );
        assert_eq!(error.code_for("city"), Some(ErrorCode::ControlCharacters));
        assert_eq!(error.code_for("language"), Some(ErrorCode::UnknownLanguage));
    }

    #[test]
    fn display_names_have_a_length_limit_in_characters() {
        assert!(parse_display_name(&"é".repeat(DISPLAY_NAME_MAX_CHARS)).is_ok());
        assert_eq!(
            parse_display_name(&"é".repeat(DISPLAY_NAME_MAX_CHARS + 1)),
            Err(ErrorCode::TooLong)
        );
        assert_eq!(
            parse_display_name("a\nb"),
            Err(ErrorCode::ControlCharacters)
        );
    }

    #[test]
    fn passwords_need_ten_characters_and_keep_their_spaces() {
        assert_eq!(
            parse_password("123456789"),
            Err(ErrorCode::PasswordTooShort)
        );
        assert_eq!(parse_password(" 123456789 ").as_deref(), Ok(" 123456789 "));
        assert_eq!(
            parse_password("ééééééééé"),
            Err(ErrorCode::PasswordTooShort)
        );
        assert_eq!(
            parse_password(&"x".repeat(PASSWORD_MAX_CHARS + 1)),
            Err(ErrorCode::PasswordTooLong)
        );
    }

    #[test]
    fn email_syntax() {
        for good in [
            "a@b.co",
            "first.last+tag@sub.example.org",
            "élise@exemple.fr",
        ] {
            assert!(parse_email(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "plain",
            "@example.org",
            "a@",
            "a@b",
            "a@@b.org",
            "a b@c.org",
            "a@b..org",
            "a@-b.org",
            "a@b_c.org",
            "a@b.org\u{0}",
        ] {
            assert!(parse_email(bad).is_err(), "{bad:?}");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(parse_email(&long), Err(ErrorCode::TooLong));
    }

    #[test]
    fn a_log_in_returns_only_to_pages_of_this_site() {
        assert_eq!(return_path("/days/3?tab=cities"), "/days/3?tab=cities");
        assert_eq!(return_path(""), "/");
        assert_eq!(return_path("//evil.example/login"), "/");
        assert_eq!(return_path("/\\evil.example"), "/");
        assert_eq!(return_path("https://evil.example"), "/");
        assert_eq!(return_path("/days/3\r\nSet-Cookie: x=1"), "/");
    }

    #[test]
    fn log_in_only_requires_both_fields() {
        let error = LogInForm::default().parse().expect_err("empty");
        assert_eq!(error.code_for("email"), Some(ErrorCode::Required));
        assert_eq!(error.code_for("password"), Some(ErrorCode::Required));
        let (email, _) = LogInForm {
            email: " A@B.org".into(),
            password: "x".into(),
            ..Default::default()
        }
        .parse()
        .expect("shape is fine");
        assert_eq!(email, "a@b.org");
    }

    #[test]
    fn roles_parse_from_their_names_only() {
        assert_eq!(Role::parse("admin"), Ok(Role::Admin));
        assert_eq!(Role::parse("moderator"), Ok(Role::Moderator));
        assert_eq!(Role::parse("root"), Err(ErrorCode::UnknownRole));
    }
}
