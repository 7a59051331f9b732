//! `/members`: find members by name, role, theme, city, country and language. As on the
//! initiatives' search, the whole state lives in the URL and every control is a link or a GET
//! form, so it works without JavaScript and a search can be shared.
use super::{DirectoryParams, DirectoryResults, MemberCard, DIRECTORY_PATH};
use crate::i18n::*;
use crate::initiatives::labels::{content_language_name, theme_label};
use crate::initiatives::search_page::{FacetList, Pagination};
use crate::initiatives::{FacetCount, ThemeRef};
use crate::members::api::member_directory;
use crate::members::credit::Avatar;
use crate::members::labels::role_name;
use crate::members::{member_path, ContributorRole};
use crate::ui::dates::format_count;
use crate::ui::errors::error_message;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

pub fn params_from_query(query: &ParamsMap) -> DirectoryParams {
    let text = |key: &str| query.get(key).filter(|value| !value.trim().is_empty());
    DirectoryParams {
        q: query.get("q").unwrap_or_default(),
        role: text("role"),
        theme: text("theme"),
        country: text("country"),
        city: text("city").and_then(|city| city.parse().ok()),
        lang: text("lang"),
        page: text("page").and_then(|page| page.parse().ok()),
    }
}

/// The URL of a directory search, leaving out what is empty.
pub fn directory_url(params: &DirectoryParams) -> String {
    let pairs = vec![
        (
            "q",
            Some(params.q.trim().to_owned()).filter(|q| !q.is_empty()),
        ),
        ("role", params.role.clone()),
        ("theme", params.theme.clone()),
        ("country", params.country.clone()),
        ("city", params.city.map(|city| city.to_string())),
        ("lang", params.lang.clone()),
        (
            "page",
            (params.page() > 1).then(|| params.page().to_string()),
        ),
    ];
    crate::ui::url_with_query(DIRECTORY_PATH, pairs)
}

/// The same search with one change, back on its first page.
fn changed(params: &DirectoryParams, change: impl FnOnce(&mut DirectoryParams)) -> String {
    let mut next = params.clone();
    next.page = None;
    change(&mut next);
    directory_url(&next)
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = Memo::new(move |_| params_from_query(&query.read()));
    let results = Resource::new(
        move || (params.get(), i18n.get_locale().as_str().to_owned()),
        |(params, language)| member_directory(params, language),
    );
    view! {
        <Title text=move || t_string!(i18n, directory.title).to_string()/>
        <h1>{t!(i18n, directory.title)}</h1>
        <p>{t!(i18n, directory.intro)}</p>
        <DirectoryForm params/>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(results) => view! { <Results params=params.get_untracked() results/> }.into_any(),
                    Err(error) => view! { <p class="form-alert" role="alert">{error_message(i18n, &error)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn DirectoryForm(params: Memo<DirectoryParams>) -> impl IntoView {
    let i18n = use_i18n();
    let current = params.get_untracked();
    let hidden = [
        ("role", current.role.clone()),
        ("theme", current.theme.clone()),
        ("country", current.country.clone()),
        ("city", current.city.map(|city| city.to_string())),
        ("lang", current.lang.clone()),
    ];
    view! {
        <form method="get" action=DIRECTORY_PATH class="search-form" role="search">
            <label for="directory-q">{t!(i18n, directory.label)}</label>
            <input id="directory-q" type="search" name="q" value=current.q.clone() maxlength="200"/>
            {hidden
                .into_iter()
                .filter_map(|(name, value)| Some(view! { <input type="hidden" name=name value=value?/> }))
                .collect_view()}
            <button type="submit" class="button">{t!(i18n, search.submit)}</button>
        </form>
    }
}

#[component]
fn Results(params: DirectoryParams, results: DirectoryResults) -> impl IntoView {
    let i18n = use_i18n();
    let facets = results.facets.clone();
    let total = results.total;
    let empty = results.items.is_empty();
    let has_filters = params.has_filters();
    let role_label = move |count: &FacetCount| {
        ContributorRole::parse(&count.value)
            .map(|role| role_name(i18n, role))
            .unwrap_or_else(|| count.value.clone())
    };
    view! {
        <div class="search-layout">
            <aside class="facets" aria-label=move || t_string!(i18n, search.facets_label).to_string()>
                <FacetList
                    title=t_string!(i18n, directory.facet_role).to_string()
                    counts=facets.roles
                    chosen=params.role.clone()
                    label=role_label
                    url={ let p = params.clone(); move |value: Option<String>| changed(&p, |n| n.role = value) }
                />
                <FacetList
                    title=t_string!(i18n, search.facet_theme).to_string()
                    counts=facets.themes
                    chosen=params.theme.clone()
                    label=move |count: &FacetCount| theme_label(i18n, &ThemeRef { slug: count.value.clone(), label: count.label.clone() })
                    url={ let p = params.clone(); move |value: Option<String>| changed(&p, |n| n.theme = value) }
                />
                <FacetList
                    title=t_string!(i18n, search.facet_country).to_string()
                    counts=facets.countries
                    chosen=params.country.clone()
                    label=|count: &FacetCount| count.label.clone().unwrap_or_else(|| count.value.clone())
                    url={ let p = params.clone(); move |value: Option<String>| changed(&p, |n| n.country = value) }
                />
                <FacetList
                    title=t_string!(i18n, search.facet_city).to_string()
                    counts=facets.cities
                    chosen=params.city.map(|city| city.to_string())
                    label=|count: &FacetCount| count.label.clone().unwrap_or_else(|| count.value.clone())
                    url={ let p = params.clone(); move |value: Option<String>| changed(&p, |n| n.city = value.and_then(|v| v.parse().ok())) }
                />
                <FacetList
                    title=t_string!(i18n, directory.facet_language).to_string()
                    counts=facets.languages
                    chosen=params.lang.clone()
                    label=move |count: &FacetCount| content_language_name(i18n, &count.value)
                    url={ let p = params.clone(); move |value: Option<String>| changed(&p, |n| n.lang = value) }
                />
            </aside>
            <section class="results" aria-labelledby="results-count">
                <p id="results-count" role="status">{t!(i18n, directory.result_count, count = format_count(i18n, total))}</p>
                {empty.then(|| view! {
                    <div class="empty-results">
                        <p>{t!(i18n, directory.no_results)}</p>
                        {has_filters.then(|| view! {
                            <p>
                                {t!(i18n, search.remove_filters_hint)} " "
                                <a href=changed(&params, |n| { n.role = None; n.theme = None; n.country = None; n.city = None; n.lang = None; })>
                                    {t!(i18n, search.remove_filters)}
                                </a>
                            </p>
                        })}
                    </div>
                })}
                <ol class="member-cards" role="list">
                    {results.items.into_iter().map(|card| view! { <li><MemberCardView card/></li> }).collect_view()}
                </ol>
                <Pagination page=results.page page_count=results.page_count
                    link={ let p = params.clone(); move |page| { let mut next = p.clone(); next.page = Some(page); directory_url(&next) } }/>
            </section>
        </div>
    }
}

#[component]
fn MemberCardView(card: MemberCard) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <article class="member-card">
            <Avatar name=card.display_name.clone() url=card.avatar_url.clone() small=true/>
            <h2><a href=member_path(&card.handle)>{card.display_name.clone()}</a></h2>
            {(!card.headline.is_empty()).then(|| view! {
                <p lang=card.headline_language.clone()>{card.headline.clone()}</p>
            })}
            {card.city.map(|city| view! { <p class="card-place">{city.label()}</p> })}
            {(!card.roles.is_empty()).then(|| view! {
                <ul class="role-badges" role="list">
                    {card.roles.iter().map(|role| view! {
                        <li class=format!("badge role-{}", role.as_str())>{role_name(i18n, *role)}</li>
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_search_round_trips_through_its_url() {
        let params = DirectoryParams {
            q: "élise & co".into(),
            role: Some("shaker".into()),
            city: Some(2988507),
            lang: Some("pt".into()),
            page: Some(2),
            ..Default::default()
        };
        let url = directory_url(&params);
        assert_eq!(
            url,
            "/members?q=%C3%A9lise%20%26%20co&role=shaker&city=2988507&lang=pt&page=2"
        );
        let query = url
            .split_once('?')
            .map(|(_, query)| query)
            .unwrap_or_default();
        let map = ParamsMap::from_iter(query.split('&').filter_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            let value = percent_encoding::percent_decode_str(value)
                .decode_utf8()
                .ok()?;
            Some((key.to_owned(), value.into_owned()))
        }));
        assert_eq!(params_from_query(&map), params);
        assert_eq!(directory_url(&DirectoryParams::default()), "/members");
    }
}
