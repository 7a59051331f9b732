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
    match status {
        SignupStatus::Pending => t_string!(i18n, events.status_pending),
        SignupStatus::Confirmed => t_string!(i18n, events.status_confirmed),
        SignupStatus::Waitlisted => t_string!(i18n, events.status_waitlisted),
        SignupStatus::Cancelled => t_string!(i18n, events.status_cancelled),
        SignupStatus::Removed => t_string!(i18n, events.status_removed),
        SignupStatus::Attended => t_string!(i18n, events.status_attended),
    }
    .to_string()
}

pub fn access_need_label(i18n: I18nContext<Locale>, need: AccessNeed) -> String {
    match need {
        AccessNeed::WheelchairAccess => t_string!(i18n, events.need_wheelchair_access),
        AccessNeed::SignLanguage => t_string!(i18n, events.need_sign_language),
        AccessNeed::HearingLoop => t_string!(i18n, events.need_hearing_loop),
        AccessNeed::Childcare => t_string!(i18n, events.need_childcare),
        AccessNeed::QuietSpace => t_string!(i18n, events.need_quiet_space),
    }
    .to_string()
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
