//! `/my/data`: the export as a page to read, with the link to the file.
use super::{api::my_data, PersonalData, ProfileData};
use crate::events::{labels::status_label, SignupStatus};
use crate::i18n::*;
use crate::initiatives::labels::{content_language_name, status_name, theme_label};
use crate::initiatives::ThemeRef;
use crate::members::labels::{level_name, role_name, visibility_name};
use crate::members::{ContributorRole, Visibility};
use crate::ui::dates::{format_date, Date, DateTime};
use crate::ui::errors::error_message;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyDataPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(move || i18n.get_locale().as_str().to_owned(), |_| my_data());
    view! {
        <Title text=move || t_string!(i18n, my_data.title).to_string()/>
        <h1>{t!(i18n, my_data.title)}</h1>
        <p>{t!(i18n, my_data.intro)}</p>
        <p><a class="button" href=super::DOWNLOAD_PATH download>{t!(i18n, my_data.download)}</a></p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <DataSections data/> }.into_any(),
                    Err(error) => {
                        #[cfg(feature = "ssr")]
                        crate::server::request::set_page_status(&error);
                        view! { <p class="form-alert" role="alert">{error_message(i18n, &error)}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// One line of a definition list, left out when there is nothing to say.
fn entry(term: String, value: String) -> impl IntoView {
    (!value.is_empty()).then(|| view! { <dt>{term}</dt> <dd>{value}</dd> })
}

#[component]
fn DataSections(data: PersonalData) -> impl IntoView {
    let i18n = use_i18n();
    let account = data.account;
    let nothing = move || view! { <p>{t!(i18n, my_data.nothing)}</p> };
    view! {
        <section aria-labelledby="data-account">
            <h2 id="data-account">{t!(i18n, my_data.account_title)}</h2>
            <dl class="facts">
                {entry(t_string!(i18n, sign_up.email).to_string(), account.email)}
                {entry(t_string!(i18n, sign_up.display_name).to_string(), account.display_name)}
                {entry(t_string!(i18n, members.handle).to_string(), account.handle)}
                {entry(t_string!(i18n, my_data.former_handles).to_string(), account.former_handles.join(", "))}
                {entry(t_string!(i18n, members.city).to_string(), account.city)}
                {entry(t_string!(i18n, my_data.site_language).to_string(), account.preferred_language)}
                {entry(t_string!(i18n, my_data.permissions).to_string(), account.permissions.join(", "))}
                {entry(t_string!(i18n, members.member_since).to_string(), format_date(i18n, &account.created_at))}
            </dl>
        </section>
        <ProfileSection profile=data.profile/>
        <section aria-labelledby="data-initiatives">
            <h2 id="data-initiatives">{t!(i18n, my_data.initiatives_title)}</h2>
            {if data.spotted_initiatives.is_empty() { nothing().into_any() } else { view! {
                <ul>
                    {data.spotted_initiatives.into_iter().map(|item| view! {
                        <li><a href=item.id.path()>{item.title}</a> " (" {status_name(i18n, item.status)} ")"</li>
                    }).collect_view()}
                </ul>
            }.into_any() }}
        </section>
        <section aria-labelledby="data-founder">
            <h2 id="data-founder">{t!(i18n, my_data.founder_title)}</h2>
            {if data.founder_of.is_empty() { nothing().into_any() } else { view! {
                <ul>
                    {data.founder_of.into_iter().map(|founder| view! {
                        <li>
                            <a href=crate::initiatives::InitiativeId(founder.initiative_id).path()>{founder.founder_name}</a>
                            {(!founder.confirmed).then(|| view! { " (" {t!(i18n, my_data.not_confirmed)} ")" })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any() }}
        </section>
        <section aria-labelledby="data-arrivals">
            <h2 id="data-arrivals">{t!(i18n, my_data.arrivals_title)}</h2>
            {if data.arrivals.is_empty() { nothing().into_any() } else { view! {
                <ul>
                    {data.arrivals.into_iter().map(|arrival| view! {
                        <li>{arrival.city} " · " <Date at=arrival.arrived_at/></li>
                    }).collect_view()}
                </ul>
            }.into_any() }}
        </section>
        <section aria-labelledby="data-messages">
            <h2 id="data-messages">{t!(i18n, my_data.messages_title)}</h2>
            {if data.messages_sent.is_empty() { nothing().into_any() } else { view! {
                <ul>
                    {data.messages_sent.into_iter().map(|message| view! {
                        <li>
                            <p>{message.to} " · " <DateTime at=message.sent_at/></p>
                            <p class="message-body">{message.body}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any() }}
        </section>
        <section aria-labelledby="data-signups">
            <h2 id="data-signups">{t!(i18n, my_data.signups_title)}</h2>
            {if data.event_signups.is_empty() { nothing().into_any() } else { view! {
                <ul>
                    {data.event_signups.into_iter().map(|signup| view! {
                        <li>
                            <a href=format!("/events/{}", signup.event_id)>{signup.event_title}</a>
                            " · " <DateTime at=signup.event_starts_at/> " · "
                            {SignupStatus::parse(&signup.status).map(|status| status_label(i18n, status)).unwrap_or(signup.status)}
                            " · " {signup.party_size} " · " {signup.code}
                            {(!signup.access_flags.is_empty() || !signup.access_needs.is_empty()).then(|| view! {
                                <p>{signup.access_flags.join(", ")} " " {signup.access_needs}</p>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any() }}
        </section>
        <section aria-labelledby="data-organised">
            <h2 id="data-organised">{t!(i18n, my_data.organised_title)}</h2>
            {if data.events_organised.is_empty() { nothing().into_any() } else { view! {
                <ul>
                    {data.events_organised.into_iter().map(|event| view! {
                        <li>
                            <a href=format!("/events/{}", event.event_id)>{event.title}</a>
                            " · " <DateTime at=event.starts_at/>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any() }}
        </section>
    }
}

#[component]
fn ProfileSection(profile: ProfileData) -> impl IntoView {
    let i18n = use_i18n();
    let visibility = move |raw: &str| {
        Visibility::parse(raw)
            .map(|visibility| visibility_name(i18n, visibility))
            .unwrap_or_default()
    };
    let roles = profile
        .roles
        .iter()
        .filter_map(|role| ContributorRole::parse(role))
        .map(|role| role_name(i18n, role))
        .collect::<Vec<_>>()
        .join(", ");
    let languages = profile
        .languages
        .iter()
        .map(|spoken| {
            let name = content_language_name(i18n, &spoken.language);
            format!("{name} ({})", level_name(i18n, spoken.level))
        })
        .collect::<Vec<_>>()
        .join(", ");
    // Built-in themes by their name; an admin-made one by its slug (its name is per language).
    let themes = profile
        .themes
        .iter()
        .map(|slug| {
            theme_label(
                i18n,
                &ThemeRef {
                    slug: slug.clone(),
                    label: None,
                },
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section aria-labelledby="data-profile">
            <h2 id="data-profile">{t!(i18n, my_data.profile_title)}</h2>
            <dl class="facts">
                {entry(t_string!(i18n, members.roles).to_string(), roles)}
                {entry(t_string!(i18n, members.city_visibility).to_string(), visibility(&profile.city_visibility))}
                {entry(t_string!(i18n, members.links_visibility).to_string(), visibility(&profile.links_visibility))}
                {entry(t_string!(i18n, members.languages_visibility).to_string(), visibility(&profile.languages_visibility))}
                {entry(t_string!(i18n, members.languages).to_string(), languages)}
                {entry(t_string!(i18n, members.themes).to_string(), themes)}
                {entry(t_string!(i18n, members.skills).to_string(), profile.skills.join(", "))}
                {entry(t_string!(i18n, members.links).to_string(), profile.links.join(" "))}
            </dl>
            {profile.texts.into_iter().map(|text| {
                let original = text.language == profile.original_language;
                view! {
                    <article class="profile-text" lang=text.language.clone()>
                        <h3>
                            {content_language_name(i18n, &text.language)}
                            {original.then(|| view! { " · " {t!(i18n, my_data.original)} })}
                        </h3>
                        <p><strong>{text.headline}</strong></p>
                        <p class="bio">{text.bio}</p>
                    </article>
                }
            }).collect_view()}
        </section>
    }
}
