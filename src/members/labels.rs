//! Names of contributor roles, language levels and visibilities in the reader's language.
use super::{ContributorRole, LanguageLevel, Visibility};
use crate::i18n::*;
use leptos_i18n::I18nContext;

pub fn role_name(i18n: I18nContext<Locale>, role: ContributorRole) -> String {
    match role {
        ContributorRole::Spotter => t_string!(i18n, members.role_spotter),
        ContributorRole::Reporter => t_string!(i18n, members.role_reporter),
        ContributorRole::Shaker => t_string!(i18n, members.role_shaker),
    }
    .to_string()
}

pub fn role_description(i18n: I18nContext<Locale>, role: ContributorRole) -> String {
    match role {
        ContributorRole::Spotter => t_string!(i18n, members.role_spotter_hint),
        ContributorRole::Reporter => t_string!(i18n, members.role_reporter_hint),
        ContributorRole::Shaker => t_string!(i18n, members.role_shaker_hint),
    }
    .to_string()
}

pub fn level_name(i18n: I18nContext<Locale>, level: LanguageLevel) -> String {
    match level {
        LanguageLevel::Basic => t_string!(i18n, members.level_basic),
        LanguageLevel::Conversational => t_string!(i18n, members.level_conversational),
        LanguageLevel::Fluent => t_string!(i18n, members.level_fluent),
        LanguageLevel::Native => t_string!(i18n, members.level_native),
    }
    .to_string()
}

pub fn visibility_name(i18n: I18nContext<Locale>, visibility: Visibility) -> String {
    match visibility {
        Visibility::Public => t_string!(i18n, members.visibility_public),
        Visibility::Members => t_string!(i18n, members.visibility_members),
        Visibility::Hidden => t_string!(i18n, members.visibility_hidden),
    }
    .to_string()
}
