//! How a member shows beside what they do: credited on what they contributed (their name
//! linked to their page, or "a former member" once they deleted their account), and their
//! avatar (or initials).
use super::member_path;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn MemberCredit(name: String, handle: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    match handle {
        Some(handle) => view! { <a href=member_path(&handle)>{name}</a> }.into_any(),
        None => view! { <span class="former-member">{t!(i18n, members.former_member)}</span> }
            .into_any(),
    }
}

/// The member's avatar, or their initials on a coloured disc. Decorative: their name is always
/// written beside it.
#[component]
pub fn Avatar(name: String, url: Option<String>, #[prop(optional)] small: bool) -> impl IntoView {
    let class = if small {
        "avatar avatar-small"
    } else {
        "avatar"
    };
    match url {
        Some(url) => {
            view! { <img class=class src=url alt="" width="256" height="256"/> }.into_any()
        }
        None => view! { <span class=class aria-hidden="true">{initials(&name)}</span> }.into_any(),
    }
}

/// "AL" for "Ana Lima".
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}
