//! Event words in the reader's language.
use super::{AccessNeed, EventTime, Format, SignupStatus};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn format_label(i18n: I18nContext<Locale>, format: Format) -> String {
    match format {
        Format::InspirationCafe => t_string!(i18n, events.format_inspiration_cafe),
        Format::CreativeWorkshop => t_string!(i18n, events.format_creative_workshop),
        Format::ActionDay => t_string!(i18n, events.format_action_day),
        Format::ShakeWorkshop => t_string!(i18n, events.format_shake_workshop),
        Format::Other => t_string!(i18n, events.format_other),
    }
    .to_string()
}

pub fn status_label(i18n: I18nContext<Locale>, status: SignupStatus) -> String {
    status_label_in(i18n.get_locale(), status)
}

/// `status_label` for a known language (a CSV file, a mail).
pub fn status_label_in(locale: Locale, status: SignupStatus) -> String {
    match status {
        SignupStatus::Pending => td_string!(locale, events.status_pending),
        SignupStatus::Confirmed => td_string!(locale, events.status_confirmed),
        SignupStatus::Waitlisted => td_string!(locale, events.status_waitlisted),
        SignupStatus::Cancelled => td_string!(locale, events.status_cancelled),
        SignupStatus::Removed => td_string!(locale, events.status_removed),
        SignupStatus::Attended => td_string!(locale, events.status_attended),
    }
    .to_string()
}

pub fn access_need_label(i18n: I18nContext<Locale>, need: AccessNeed) -> String {
    access_need_label_in(i18n.get_locale(), need)
}

pub fn access_need_label_in(locale: Locale, need: AccessNeed) -> String {
    match need {
        AccessNeed::WheelchairAccess => td_string!(locale, events.need_wheelchair_access),
        AccessNeed::SignLanguage => td_string!(locale, events.need_sign_language),
        AccessNeed::HearingLoop => td_string!(locale, events.need_hearing_loop),
        AccessNeed::Childcare => td_string!(locale, events.need_childcare),
        AccessNeed::QuietSpace => td_string!(locale, events.need_quiet_space),
    }
    .to_string()
}

/// "French, English": the languages spoken at an event.
pub fn languages_label(i18n: I18nContext<Locale>, codes: &[String]) -> String {
    codes
        .iter()
        .map(|code| crate::initiatives::labels::content_language_name(i18n, code))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "3 December 2026, 19:00–21:00 (Europe/Paris)", machine-readable too.
#[component]
pub fn EventSpan(starts: EventTime, ends: EventTime) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        crate::ui::dates::span_in(i18n.get_locale(), &starts.local, &ends.local, &starts.zone)
    };
    view! { <time datetime=starts.utc.clone()>{text}</time> }
}
