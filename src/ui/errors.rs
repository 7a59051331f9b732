//! Error codes from the server, as sentences in the reader's language.
use crate::error::{AppError, ErrorCode};
use crate::i18n::*;
use leptos::prelude::*;

pub fn code_message(i18n: leptos_i18n::I18nContext<Locale>, code: ErrorCode) -> String {
    match code {
        ErrorCode::Required => t_string!(i18n, errors.required).to_string(),
        ErrorCode::TooLong => t_string!(i18n, errors.too_long).to_string(),
        ErrorCode::ControlCharacters => t_string!(i18n, errors.control_characters).to_string(),
        ErrorCode::InvalidEmail => t_string!(i18n, errors.invalid_email).to_string(),
        ErrorCode::PasswordTooShort => t_string!(i18n, errors.password_too_short).to_string(),
        ErrorCode::PasswordTooLong => t_string!(i18n, errors.password_too_long).to_string(),
        ErrorCode::EmailTaken => t_string!(i18n, errors.email_taken).to_string(),
        ErrorCode::UnknownLanguage => t_string!(i18n, errors.unknown_language).to_string(),
        ErrorCode::UnknownRole => t_string!(i18n, errors.unknown_role).to_string(),
        ErrorCode::InvalidUrl => t_string!(i18n, errors.invalid_url).to_string(),
        ErrorCode::InvalidYear => t_string!(i18n, errors.invalid_year).to_string(),
        ErrorCode::TooMany => t_string!(i18n, errors.too_many).to_string(),
        ErrorCode::UnknownTheme => t_string!(i18n, errors.unknown_theme).to_string(),
        ErrorCode::UnknownCity => t_string!(i18n, errors.unknown_city).to_string(),
        ErrorCode::SameAsOriginal => t_string!(i18n, errors.same_as_original).to_string(),
        ErrorCode::NotAnImage => t_string!(i18n, errors.not_an_image).to_string(),
        ErrorCode::FileTooLarge => t_string!(i18n, errors.file_too_large).to_string(),
        ErrorCode::InvalidCoordinate => t_string!(i18n, errors.invalid_coordinate).to_string(),
        ErrorCode::UnknownCountry => t_string!(i18n, errors.unknown_country).to_string(),
        ErrorCode::UnknownTimezone => t_string!(i18n, errors.unknown_timezone).to_string(),
        ErrorCode::CityExists => t_string!(i18n, errors.city_exists).to_string(),
        ErrorCode::InvalidThemeName => t_string!(i18n, errors.invalid_theme_name).to_string(),
        ErrorCode::ThemeExists => t_string!(i18n, errors.theme_exists).to_string(),
        ErrorCode::AlreadyAFounder => t_string!(i18n, errors.already_a_founder).to_string(),
        ErrorCode::NotAFreeFounder => t_string!(i18n, errors.not_a_free_founder).to_string(),
        ErrorCode::InvalidHandle => t_string!(i18n, errors.invalid_handle).to_string(),
        ErrorCode::HandleReserved => t_string!(i18n, errors.handle_reserved).to_string(),
        ErrorCode::HandleTaken => t_string!(i18n, errors.handle_taken).to_string(),
        ErrorCode::DuplicateLanguage => t_string!(i18n, errors.duplicate_language).to_string(),
        ErrorCode::UnknownLevel => t_string!(i18n, errors.unknown_level).to_string(),
        ErrorCode::UnknownVisibility => t_string!(i18n, errors.unknown_visibility).to_string(),
        ErrorCode::WrongPassword => t_string!(i18n, errors.wrong_password).to_string(),
        ErrorCode::SameEmail => t_string!(i18n, errors.same_email).to_string(),
        ErrorCode::InvalidDateTime => t_string!(i18n, errors.invalid_date_time).to_string(),
        ErrorCode::EndBeforeStart => t_string!(i18n, errors.end_before_start).to_string(),
        ErrorCode::InPast => t_string!(i18n, errors.in_past).to_string(),
        ErrorCode::NotAVideoAddress => t_string!(i18n, errors.not_a_video_address).to_string(),
        ErrorCode::UnknownVideoHost => t_string!(i18n, errors.unknown_video_host).to_string(),
        ErrorCode::NotOneVideo => t_string!(i18n, errors.not_one_video).to_string(),
        ErrorCode::InvalidTimeCode => t_string!(i18n, errors.invalid_time_code).to_string(),
        ErrorCode::BeyondDuration => t_string!(i18n, errors.beyond_duration).to_string(),
        ErrorCode::ChapterOutOfOrder => t_string!(i18n, errors.chapter_out_of_order).to_string(),
        ErrorCode::ConsentRequired => t_string!(i18n, errors.consent_required).to_string(),
        ErrorCode::InvalidDate => t_string!(i18n, errors.invalid_date).to_string(),
        ErrorCode::InFuture => t_string!(i18n, errors.in_future).to_string(),
        ErrorCode::InvalidHost => t_string!(i18n, errors.invalid_host).to_string(),
        ErrorCode::HostListed => t_string!(i18n, errors.host_listed).to_string(),
        ErrorCode::InvalidNumber => t_string!(i18n, errors.invalid_number).to_string(),
        ErrorCode::InvalidCapacity => t_string!(i18n, errors.invalid_capacity).to_string(),
        ErrorCode::CapacityBelowSeats => t_string!(i18n, errors.capacity_below_seats).to_string(),
        ErrorCode::PlaceRequired => t_string!(i18n, errors.place_required).to_string(),
        ErrorCode::DeadlineAfterStart => t_string!(i18n, errors.deadline_after_start).to_string(),
        ErrorCode::UnknownMember => t_string!(i18n, errors.unknown_member).to_string(),
        ErrorCode::UnknownInitiative => t_string!(i18n, errors.unknown_initiative).to_string(),
        ErrorCode::PartyTooLarge => t_string!(i18n, errors.party_too_large).to_string(),
        ErrorCode::UnknownCode => t_string!(i18n, errors.unknown_code).to_string(),
        ErrorCode::AlreadyCheckedIn => t_string!(i18n, errors.already_checked_in).to_string(),
        ErrorCode::NoSeat => t_string!(i18n, errors.no_seat).to_string(),
        ErrorCode::InspiresItself => t_string!(i18n, errors.inspires_itself).to_string(),
        ErrorCode::InspirationCycle => t_string!(i18n, errors.inspiration_cycle).to_string(),
        ErrorCode::AlreadyLinked => t_string!(i18n, errors.already_linked).to_string(),
        ErrorCode::DayClosed => t_string!(i18n, errors.day_closed).to_string(),
        ErrorCode::NotOnTheDay => t_string!(i18n, errors.not_on_the_day).to_string(),
        ErrorCode::DayHasEvents => t_string!(i18n, errors.day_has_events).to_string(),
    }
}

/// The sentence for a whole-form error; field errors are shown beside their fields.
pub fn error_message(i18n: leptos_i18n::I18nContext<Locale>, error: &AppError) -> String {
    match error {
        AppError::Validation(errors) => match errors.as_slice() {
            [only] if only.field == crate::error::WHOLE_FORM => code_message(i18n, only.code),
            _ => t_string!(i18n, errors.form_has_errors).to_string(),
        },
        AppError::InvalidCredentials => t_string!(i18n, errors.invalid_credentials).to_string(),
        AppError::RateLimited => t_string!(i18n, errors.rate_limited).to_string(),
        AppError::EmailNotConfirmed => t_string!(i18n, errors.email_not_confirmed).to_string(),
        AppError::LinkExpired => t_string!(i18n, errors.link_expired).to_string(),
        AppError::Unreachable => t_string!(i18n, errors.unreachable).to_string(),
        AppError::ConversationLimit => t_string!(
            i18n,
            errors.conversation_limit,
            max = crate::messages::NEW_CONVERSATIONS_PER_DAY
        )
        .to_string(),
        AppError::SignupsClosed => t_string!(i18n, errors.signups_closed).to_string(),
        AppError::EventCancelled => t_string!(i18n, errors.event_cancelled).to_string(),
        AppError::NotBegunYet => t_string!(i18n, errors.event_not_begun).to_string(),
        AppError::AlreadySignedUp => t_string!(i18n, errors.already_signed_up).to_string(),
        AppError::Unauthorised => t_string!(i18n, errors.unauthorised).to_string(),
        AppError::Forbidden => t_string!(i18n, errors.forbidden).to_string(),
        AppError::NotFound => t_string!(i18n, errors.not_found).to_string(),
        AppError::LastAdmin => t_string!(i18n, errors.last_admin).to_string(),
        AppError::InvalidState => t_string!(i18n, errors.invalid_state).to_string(),
        AppError::BadRequest => t_string!(i18n, errors.bad_request).to_string(),
        AppError::Network => t_string!(i18n, errors.network).to_string(),
        AppError::Internal => t_string!(i18n, errors.internal).to_string(),
    }
}

/// The whole-form message of an action's last result, announced to screen readers.
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|error| {
            view! { <p class="form-alert" role="alert">{error_message(i18n, &error)}</p> }
        })
    }
}

/// The error code an upload came back with in its page's address (`?photo_error=not_an_image`),
/// as the message to show.
pub fn upload_error_message(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    let code = match code {
        "not_an_image" => ErrorCode::NotAnImage,
        "file_too_large" => ErrorCode::FileTooLarge,
        "too_many" => ErrorCode::TooMany,
        "required" => ErrorCode::Required,
        "too_long" => ErrorCode::TooLong,
        "control_characters" => ErrorCode::ControlCharacters,
        _ => return t_string!(i18n, errors.internal).to_string(),
    };
    code_message(i18n, code)
}
