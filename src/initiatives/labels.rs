//! Names of themes, content languages and statuses in the reader's language.
use super::{Status, ThemeRef};
use crate::i18n::*;
use leptos_i18n::I18nContext;

pub fn theme_label(i18n: I18nContext<Locale>, theme: &ThemeRef) -> String {
    let builtin = match theme.slug.as_str() {
        "food_gardens" => t_string!(i18n, themes.food_gardens),
        "mobility" => t_string!(i18n, themes.mobility),
        "housing" => t_string!(i18n, themes.housing),
        "environment_climate" => t_string!(i18n, themes.environment_climate),
        "culture_art" => t_string!(i18n, themes.culture_art),
        "solidarity" => t_string!(i18n, themes.solidarity),
        "youth" => t_string!(i18n, themes.youth),
        "education" => t_string!(i18n, themes.education),
        "public_space" => t_string!(i18n, themes.public_space),
        "economy_work" => t_string!(i18n, themes.economy_work),
        "democracy_citizenship" => t_string!(i18n, themes.democracy_citizenship),
        "health_care" => t_string!(i18n, themes.health_care),
        "digital" => t_string!(i18n, themes.digital),
        _ => return theme.label.clone().unwrap_or_else(|| theme.slug.clone()),
    };
    builtin.to_string()
}

/// The name of a language content is written in (`super::CONTENT_LANGUAGES`).
pub fn content_language_name(i18n: I18nContext<Locale>, code: &str) -> String {
    let name = match code {
        "ar" => t_string!(i18n, content_languages.ar),
        "de" => t_string!(i18n, content_languages.de),
        "en" => t_string!(i18n, content_languages.en),
        "es" => t_string!(i18n, content_languages.es),
        "fr" => t_string!(i18n, content_languages.fr),
        "it" => t_string!(i18n, content_languages.it),
        "ja" => t_string!(i18n, content_languages.ja),
        "nl" => t_string!(i18n, content_languages.nl),
        "pl" => t_string!(i18n, content_languages.pl),
        "pt" => t_string!(i18n, content_languages.pt),
        "sv" => t_string!(i18n, content_languages.sv),
        "tl" => t_string!(i18n, content_languages.tl),
        "tr" => t_string!(i18n, content_languages.tr),
        other => return other.to_owned(),
    };
    name.to_string()
}

pub fn status_name(i18n: I18nContext<Locale>, status: Status) -> String {
    match status {
        Status::Draft => t_string!(i18n, initiative.status_draft),
        Status::Submitted => t_string!(i18n, initiative.status_submitted),
        Status::Returned => t_string!(i18n, initiative.status_returned),
        Status::Published => t_string!(i18n, initiative.status_published),
        Status::Unpublished => t_string!(i18n, initiative.status_unpublished),
    }
    .to_string()
}
