//! `/members/:handle`: a member's page, showing each reader only what the member let them see.
//! An old handle redirects (301) to the current one.
use super::api::member_profile;
use super::credit::Avatar;
use super::labels::{level_name, role_name};
use super::{member_path, MemberProfile, ProfileLookup};
use crate::i18n::*;
use crate::initiatives::labels::{content_language_name, theme_label};
use crate::initiatives::search_page::Card;
use crate::ui::dates::Date;
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn MemberPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let lookup = Resource::new(
        move || {
            (
                params.read().get("handle").unwrap_or_default(),
                i18n.get_locale().as_str().to_owned(),
            )
        },
        |(handle, language)| member_profile(handle, language),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match lookup.await {
                    Ok(ProfileLookup::Found(profile)) => view! { <Profile profile=*profile/> }.into_any(),
                    Ok(ProfileLookup::MovedTo(handle)) => {
                        moved_to(&member_path(&handle));
                        view! { <p><a href=member_path(&handle)>{member_path(&handle)}</a></p> }.into_any()
                    }
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A permanent redirect on the server (links and search engines learn the new address); in the
/// browser, the address bar is replaced.
fn moved_to(path: &str) {
    #[cfg(feature = "ssr")]
    {
        leptos_axum::redirect(path);
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::MOVED_PERMANENTLY);
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let navigate = leptos_router::hooks::use_navigate();
        navigate(
            path,
            leptos_router::NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    }
}

/// "AL" for "Ana Lima": the avatar until members upload a picture.
#[component]
fn Profile(profile: MemberProfile) -> impl IntoView {
    let i18n = use_i18n();
    let reader_language = i18n.get_locale_untracked().as_str().to_owned();
    let title = profile.display_name.clone();
    let description = profile
        .text
        .as_ref()
        .map(|text| text.headline.clone())
        .unwrap_or_default();
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <article class="member-profile" aria-labelledby="member-name">
            <header class="member-header">
                <Avatar name=profile.display_name.clone() url=profile.avatar_url.clone()/>
                <div>
                    <h1 id="member-name">{profile.display_name.clone()}</h1>
                    <p class="member-handle">"@" {profile.handle.clone()}</p>
                    {(!profile.roles.is_empty()).then(|| view! {
                        <ul class="role-badges" role="list" aria-label=t_string!(i18n, members.roles).to_string()>
                            {profile.roles.iter().map(|role| view! {
                                <li class=format!("badge role-{}", role.as_str())>{role_name(i18n, *role)}</li>
                            }).collect_view()}
                        </ul>
                    })}
                </div>
            </header>
            {if profile.is_own {
                view! {
                    <p class="own-profile-actions">
                        <a class="button button-secondary" href="/my/profile">{t!(i18n, members.edit_my_profile)}</a>
                    </p>
                }.into_any()
            } else {
                let write = format!("{}/write", member_path(&profile.handle));
                let name = profile.display_name.clone();
                view! {
                    <p><a class="button" href=write>{t!(i18n, messages.write_button, name)}</a></p>
                }.into_any()
            }}
            <About profile=profile.clone() reader_language/>
            <Facts profile=profile.clone()/>
            <section aria-labelledby="spotted-title">
                <h2 id="spotted-title">{t!(i18n, members.spotted_title)}</h2>
                {if profile.spotted.is_empty() {
                    view! { <p>{t!(i18n, members.spotted_none)}</p> }.into_any()
                } else {
                    view! {
                        <div class="cards">
                            {profile.spotted.into_iter().map(|card| view! { <Card card/> }).collect_view()}
                        </div>
                    }.into_any()
                }}
            </section>
            {(!profile.organised.is_empty()).then(|| view! {
                <section aria-labelledby="organised-title">
                    <h2 id="organised-title">{t!(i18n, members.organised_title)}</h2>
                    <ul class="event-list" role="list">
                        {profile.organised.clone().into_iter().map(|card| view! {
                            <li><crate::events::list_page::EventCardView card/></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <crate::reports::gallery_page::ReportsSection cards=profile.reported.clone()
                title=t_string!(i18n, reports.reported_title).to_string()/>
        </article>
    }
}

/// The headline and bio, marked with their language; a note says when it is not the reader's.
#[component]
fn About(profile: MemberProfile, reader_language: String) -> impl IntoView {
    let i18n = use_i18n();
    let Some(text) = profile.text else {
        return ().into_any();
    };
    let shown_language = text.language.clone();
    let note = (shown_language != reader_language).then(|| {
        let language = content_language_name(i18n, &shown_language);
        t_string!(i18n, members.written_in, language = language).to_string()
    });
    let others: Vec<String> = profile
        .text_languages
        .iter()
        .filter(|language| **language != shown_language)
        .map(|language| content_language_name(i18n, language))
        .collect();
    view! {
        <section class="member-about" lang=shown_language aria-labelledby="about-title">
            <h2 id="about-title">{t!(i18n, members.about)}</h2>
            {(!text.headline.is_empty()).then(|| view! { <p class="member-headline">{text.headline.clone()}</p> })}
            {(!text.bio.is_empty()).then(|| view! { <p class="member-bio">{text.bio.clone()}</p> })}
        </section>
        {note.map(|note| view! { <p class="language-note">{note}</p> })}
        {(!others.is_empty()).then(|| {
            let languages = others.join(", ");
            view! { <p class="language-note">{t_string!(i18n, members.also_in, languages = languages).to_string()}</p> }
        })}
    }
    .into_any()
}

#[component]
fn Facts(profile: MemberProfile) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="facts">
            {profile.city.map(|city| view! {
                <dt>{t!(i18n, members.city)}</dt>
                <dd>{city.label()}</dd>
            })}
            {(!profile.languages.is_empty()).then(|| view! {
                <dt>{t!(i18n, members.languages)}</dt>
                <dd>
                    <ul class="tags" role="list">
                        {profile.languages.iter().map(|spoken| view! {
                            <li>{content_language_name(i18n, &spoken.language)} " (" {level_name(i18n, spoken.level)} ")"</li>
                        }).collect_view()}
                    </ul>
                </dd>
            })}
            {(!profile.themes.is_empty()).then(|| view! {
                <dt>{t!(i18n, members.themes)}</dt>
                <dd>
                    <ul class="tags" role="list">
                        {profile.themes.iter().map(|theme| view! { <li>{theme_label(i18n, theme)}</li> }).collect_view()}
                    </ul>
                </dd>
            })}
            {(!profile.skills.is_empty()).then(|| view! {
                <dt>{t!(i18n, members.skills)}</dt>
                <dd>
                    <ul class="tags" role="list">
                        {profile.skills.iter().map(|skill| view! { <li>{skill.clone()}</li> }).collect_view()}
                    </ul>
                </dd>
            })}
            {(!profile.links.is_empty()).then(|| view! {
                <dt>{t!(i18n, members.links)}</dt>
                <dd>
                    <ul class="links" role="list">
                        {profile.links.iter().map(|url| view! {
                            <li><a href=url.clone() rel="nofollow ugc noopener me">{url.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                </dd>
            })}
            <dt>{t!(i18n, members.member_since)}</dt>
            <dd><Date at=profile.member_since.clone()/></dd>
        </dl>
    }
}
