//! The one error type of every server function. It crosses the wire as *codes*; the browser turns
//! them into translated sentences (see `ui::error_text`). Database and internal messages never
//! leave the server: they are logged with `tracing` where the error is mapped.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// Why a field was refused. Each code has a sentence in every locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Required,
    TooLong,
    ControlCharacters,
    InvalidEmail,
    PasswordTooShort,
    PasswordTooLong,
    EmailTaken,
    UnknownLanguage,
    UnknownRole,
    InvalidUrl,
    InvalidYear,
    TooMany,
    UnknownTheme,
    UnknownCity,
    SameAsOriginal,
    NotAnImage,
    FileTooLarge,
    InvalidCoordinate,
    UnknownCountry,
    UnknownTimezone,
    CityExists,
    InvalidThemeName,
    ThemeExists,
    /// The member is linked to a founder of this initiative already.
    AlreadyAFounder,
    /// No founder of that name is left for a member to claim.
    NotAFreeFounder,
    /// A handle with characters, a length or a shape a handle cannot have.
    InvalidHandle,
    /// A handle that is one of the site's words, or passes for the team.
    HandleReserved,
    /// A handle (or one that reads the same) another member has, or had.
    HandleTaken,
    /// The same language twice in one list.
    DuplicateLanguage,
    UnknownLevel,
    UnknownVisibility,
    /// The current password, typed to change it, is not the account's.
    WrongPassword,
    /// The new address given is the one the account already has.
    SameEmail,
    /// Not a date and time (or not one that exists).
    InvalidDateTime,
    /// The end is not after the start.
    EndBeforeStart,
    /// A start (or deadline) that has passed already.
    InPast,
    /// Not a whole number within the field's range.
    InvalidNumber,
    /// A capacity of 0, negative, or not a number (empty means no limit).
    InvalidCapacity,
    /// A capacity below the seats already taken.
    CapacityBelowSeats,
    /// Neither an address nor an online link.
    PlaceRequired,
    /// A sign-up deadline after the start.
    DeadlineAfterStart,
    /// No member has that handle.
    UnknownMember,
    /// No published initiative has that number.
    UnknownInitiative,
    /// More people than the event takes in one sign-up.
    PartyTooLarge,
    /// No sign-up of this event has that code.
    UnknownCode,
    /// That sign-up is checked in already.
    AlreadyCheckedIn,
    /// That sign-up holds no seat (waitlisted, cancelled...): it cannot be checked in.
    NoSeat,
    /// Not a web address at all (`javascript:`, text...).
    NotAVideoAddress,
    /// Neither YouTube, Vimeo, Dailymotion nor a listed PeerTube instance.
    UnknownVideoHost,
    /// A provider's address, but not of one video (a channel, a playlist).
    NotOneVideo,
    /// Not `ss`, `mm:ss` or `h:mm:ss`, or a duration of nothing or over a day.
    InvalidTimeCode,
    /// A chapter at or after the end of the video.
    BeyondDuration,
    /// A chapter not after the one before it.
    ChapterOutOfOrder,
    /// The people filmed must have agreed before a report is submitted.
    ConsentRequired,
    /// Not a day of the calendar (as `2026-05-14`), or implausibly old.
    InvalidDate,
    /// A day still to come, where one that passed is asked for.
    InFuture,
    /// Not a host name (`tube.example.org`).
    InvalidHost,
    /// That PeerTube instance is listed already.
    HostListed,
    /// An initiative named as its own inspiration.
    InspiresItself,
    /// The link would close a loop: the source already descends from the target.
    InspirationCycle,
    /// The two initiatives are linked already (or the link was refused).
    AlreadyLinked,
    /// The Day takes no more events: its call is closed or it is over.
    DayClosed,
    /// An event of a Day must start on the Day's date, on its own clocks.
    NotOnTheDay,
    /// A Day's date cannot move while events are planned on it.
    DayHasEvents,
}

/// The field name of a refusal that concerns the whole form (`AppError::whole_form`).
pub const WHOLE_FORM: &str = "form";

/// A refused field: its form name and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// The caller must log in first.
    #[error("unauthorised")]
    Unauthorised,
    /// The caller is known but may not do this.
    #[error("forbidden")]
    Forbidden,
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// Wrong email or password: one answer for both, so that nobody learns which emails exist.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The last admin tried to give up the admin role.
    #[error("last admin")]
    LastAdmin,
    /// The thing exists but cannot do this now (publishing a draft that was never submitted...).
    #[error("invalid state")]
    InvalidState,
    #[error("rate limited")]
    RateLimited,
    /// The right password, but the address was never confirmed (a new link was mailed).
    #[error("email not confirmed")]
    EmailNotConfirmed,
    /// A mailed link that is unknown, used already, or expired.
    #[error("link expired")]
    LinkExpired,
    /// A member who cannot receive the caller's messages (they blocked them, or left); the
    /// answer does not say which.
    #[error("unreachable")]
    Unreachable,
    /// The caller started as many new conversations as a day allows.
    #[error("conversation limit")]
    ConversationLimit,
    /// The event takes no more sign-ups: it started, or its deadline passed.
    #[error("sign-ups closed")]
    SignupsClosed,
    /// The event was cancelled by its organisers.
    #[error("event cancelled")]
    EventCancelled,
    /// What only follows an event (its outcome, what started there) before it began.
    #[error("event not begun")]
    NotBegunYet,
    /// The caller (or that address) has a sign-up going on for this event already.
    #[error("already signed up")]
    AlreadySignedUp,
    /// The request could not be read (malformed arguments): the browser sent something no form sends.
    #[error("bad request")]
    BadRequest,
    /// The server could not be reached, or answered something unreadable.
    #[error("network")]
    Network,
    #[error("internal")]
    Internal,
}

impl AppError {
    /// A refusal of the whole form (a button, no field to show it beside): the form's alert
    /// says the code's sentence.
    pub fn whole_form(code: ErrorCode) -> Self {
        AppError::field(WHOLE_FORM, code)
    }

    /// One field refused with one code.
    pub fn field(field: &str, code: ErrorCode) -> Self {
        AppError::Validation(vec![FieldError {
            field: field.to_owned(),
            code,
        }])
    }

    /// The code refusing `field`, if any.
    pub fn code_for(&self, field: &str) -> Option<ErrorCode> {
        match self {
            AppError::Validation(errors) => {
                errors.iter().find(|e| e.field == field).map(|e| e.code)
            }
            _ => None,
        }
    }

    /// The HTTP status an API caller receives.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorised | AppError::InvalidCredentials => 401,
            AppError::Forbidden | AppError::EmailNotConfirmed | AppError::Unreachable => 403,
            AppError::LinkExpired => 410,
            AppError::Validation(_) | AppError::BadRequest => 400,
            AppError::LastAdmin
            | AppError::InvalidState
            | AppError::SignupsClosed
            | AppError::EventCancelled
            | AppError::NotBegunYet
            | AppError::AlreadySignedUp => 409,
            AppError::RateLimited | AppError::ConversationLimit => 429,
            AppError::Network => 502,
            AppError::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            ServerFnErrorErr::Deserialization(_) => AppError::Network,
            _ => AppError::Internal,
        };
        // On the server this is a request the function could not even decode: without this,
        // the caller got 500 for sending bad arguments.
        #[cfg(feature = "ssr")]
        crate::server::request::give_status(&error);
        error
    }
}

/// Collects field errors while parsing a form, so that all of them are reported at once.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, code: ErrorCode) {
        self.0.push(FieldError {
            field: field.to_owned(),
            code,
        });
    }

    /// Records the error of a field check, keeping its value when it passed.
    pub fn check<T>(&mut self, field: &str, result: Result<T, ErrorCode>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(code) => {
                self.add(field, code);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The refusal of a form whose parse already found that some field failed.
    pub fn into_error(self) -> AppError {
        AppError::Validation(self.0)
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}
