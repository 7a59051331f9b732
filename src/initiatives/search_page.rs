//! `/initiatives`: search published initiatives, narrow by facets. The whole state lives in the
//! URL, every control is a link or a GET form: it works without JavaScript, the back button
//! works, and a search can be shared.
use super::api::search_initiatives;
use super::labels::{content_language_name, theme_label};
use super::{FacetCount, InitiativeCard, SearchParams, SearchResults, Sort, ThemeRef};
use crate::i18n::*;
use crate::ui::dates::format_count;
use crate::ui::errors::error_message;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

pub const SEARCH_PATH: &str = "/initiatives";

pub fn params_from_query(query: &ParamsMap) -> SearchParams {
    let text = |key: &str| query.get(key).filter(|value| !value.trim().is_empty());
    SearchParams {
        q: query.get("q").unwrap_or_default(),
        theme: text("theme"),
        country: text("country"),
        city: text("city").and_then(|city| city.parse().ok()),
        lang: text("lang"),
        sort: Sort::from_query(query.get("sort").as_deref()),
        page: text("page").and_then(|page| page.parse().ok()),
    }
}

/// The URL of a search, leaving out what is empty or default.
pub fn search_url(params: &SearchParams) -> String {
    let pairs = vec![
        (
            "q",
            Some(params.q.trim().to_owned()).filter(|q| !q.is_empty()),
        ),
        ("theme", params.theme.clone()),
        ("country", params.country.clone()),
        ("city", params.city.map(|city| city.to_string())),
        ("lang", params.lang.clone()),
        ("sort", params.sort.as_query().map(str::to_owned)),
        (
            "page",
            (params.page() > 1).then(|| params.page().to_string()),
        ),
    ];
    crate::ui::url_with_query(SEARCH_PATH, pairs)
}

/// The same search with one change, back on its first page.
fn changed(params: &SearchParams, change: impl FnOnce(&mut SearchParams)) -> String {
    let mut next = params.clone();
    next.page = None;
    change(&mut next);
    search_url(&next)
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = Memo::new(move |_| params_from_query(&query.read()));
    let results = Resource::new(
        move || (params.get(), i18n.get_locale().as_str().to_owned()),
        |(params, language)| search_initiatives(params, language),
    );
    view! {
        <Title text=move || t_string!(i18n, search.title).to_string()/>
        <h1>{t!(i18n, search.title)}</h1>
        <SearchForm params/>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(results) => view! { <Results params=params.get_untracked() results/> }.into_any(),
                    Err(error) => view! {
                        <p class="form-alert" role="alert">{error_message(i18n, &error)}</p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SearchForm(params: Memo<SearchParams>) -> impl IntoView {
    let i18n = use_i18n();
    let current = params.get_untracked();
    let hidden = [
        ("theme", current.theme.clone()),
        ("country", current.country.clone()),
        ("city", current.city.map(|city| city.to_string())),
        ("lang", current.lang.clone()),
    ];
    // A plain GET form: the browser builds the URL; the chosen filters ride along as hidden fields.
    view! {
        <form method="get" action=SEARCH_PATH class="search-form" role="search">
            <label for="search-q">{t!(i18n, search.label)}</label>
            <input id="search-q" type="search" name="q" value=current.q.clone() maxlength="200"/>
            {hidden
                .into_iter()
                .filter_map(|(name, value)| Some(view! { <input type="hidden" name=name value=value?/> }))
                .collect_view()}
            <label for="search-sort">{t!(i18n, search.sort_label)}</label>
            <select id="search-sort" name="sort">
                <option value="relevance" selected=current.sort == Sort::Relevance>{t!(i18n, search.sort_relevance)}</option>
                <option value="newest" selected=current.sort == Sort::Newest>{t!(i18n, search.sort_newest)}</option>
                <option value="inspiring" selected=current.sort == Sort::Inspiring>{t!(i18n, search.sort_inspiring)}</option>
            </select>
            <button type="submit" class="button">{t!(i18n, search.submit)}</button>
        </form>
    }
}

#[component]
fn Results(params: SearchParams, results: SearchResults) -> impl IntoView {
    let i18n = use_i18n();
    let total = results.total;
    let facets = results.facets.clone();
    let empty = results.items.is_empty();
    let has_filters = params.has_filters();
    view! {
        <div class="search-layout">
            <aside class="facets" aria-label=move || t_string!(i18n, search.facets_label).to_string()>
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
                    title=t_string!(i18n, search.facet_language).to_string()
                    counts=facets.languages
                    chosen=params.lang.clone()
                    label=move |count: &FacetCount| content_language_name(i18n, &count.value)
                    url={ let p = params.clone(); move |value: Option<String>| changed(&p, |n| n.lang = value) }
                />
            </aside>
            <section class="results" aria-labelledby="results-count">
                <p><a href=super::map_page::map_url(&search_url(&params)) rel="external">{t!(i18n, map.show_on_map)}</a></p>
                <p id="results-count" role="status">{t!(i18n, search.result_count, count = format_count(i18n, total))}</p>
                {empty.then(|| view! {
                    <div class="empty-results">
                        <p>{t!(i18n, search.no_results)}</p>
                        {has_filters.then(|| view! {
                            <p>
                                {t!(i18n, search.remove_filters_hint)} " "
                                <a href=changed(&params, |n| { n.theme = None; n.country = None; n.city = None; n.lang = None; })>
                                    {t!(i18n, search.remove_filters)}
                                </a>
                            </p>
                        })}
                    </div>
                })}
                <ol class="cards" role="list">
                    {results.items.into_iter().map(|card| view! { <li><Card card/></li> }).collect_view()}
                </ol>
                <Pagination page=results.page page_count=results.page_count
                    link={ let p = params.clone(); move |page| { let mut next = p.clone(); next.page = Some(page); search_url(&next) } }/>
            </section>
        </div>
    }
}

/// One facet: its values with counts as links; the chosen value can be removed.
#[component]
pub fn FacetList<L, U>(
    title: String,
    counts: Vec<FacetCount>,
    chosen: Option<String>,
    label: L,
    url: U,
) -> impl IntoView
where
    L: Fn(&FacetCount) -> String + 'static,
    U: Fn(Option<String>) -> String + 'static,
{
    let i18n = use_i18n();
    if counts.is_empty() && chosen.is_none() {
        return ().into_any();
    }
    let remove = chosen.as_ref().map(|_| url(None));
    view! {
        <section class="facet">
            <h2>{title}</h2>
            <ul role="list">
                {counts.iter().map(|count| {
                    let is_chosen = chosen.as_deref() == Some(count.value.as_str());
                    let href = url(Some(count.value.clone()));
                    view! {
                        <li>
                            <a href=href aria-current=is_chosen.then_some("true") class:chosen=is_chosen>
                                {label(count)} " "
                                <span class="count">{facet_count(i18n, count.count)}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {remove.map(|href| view! { <a class="facet-remove" href=href>{t!(i18n, search.remove_filter)}</a> })}
        </section>
    }
    .into_any()
}

/// Facets count up to 1,000 (counting further would slow every search down).
fn facet_count(i18n: leptos_i18n::I18nContext<Locale>, count: i64) -> String {
    if count > 1000 {
        format!("{}+", format_count(i18n, 1000))
    } else {
        format_count(i18n, count)
    }
}

#[component]
pub fn Card(card: InitiativeCard) -> impl IntoView {
    let i18n = use_i18n();
    let place = match (card.city_name, card.country_name) {
        (Some(city), Some(country)) => Some(format!("{city}, {country}")),
        (city, country) => city.or(country),
    };
    view! {
        <article class="card" lang=card.language.clone()>
            {card.thumbnail.map(|photo| view! {
                <img class="card-thumbnail" src=photo.thumbnail_url alt=photo.alt loading="lazy"/>
            })}
            <h3><a href=card.id.path()>{card.title}</a></h3>
            {place.map(|place| view! { <p class="card-place">{place}</p> })}
            <p>{card.summary}</p>
            <ul class="tags" role="list">
                {card.themes.iter().map(|theme| view! { <li>{theme_label(i18n, theme)}</li> }).collect_view()}
            </ul>
        </article>
    }
}

#[component]
/// Previous and next links around "Page N of M"; `link` gives a page's address.
pub fn Pagination<F>(page: i64, page_count: i64, link: F) -> impl IntoView
where
    F: Fn(i64) -> String + 'static,
{
    let i18n = use_i18n();
    if page_count <= 1 {
        return ().into_any();
    }
    let previous = (page > 1).then(|| link(page - 1));
    let next = (page < page_count).then(|| link(page + 1));
    view! {
        <nav class="pagination" aria-label=move || t_string!(i18n, search.pagination).to_string()>
            {previous.map(|href| view! { <a href=href rel="prev">{t!(i18n, search.previous)}</a> })}
            <span>{t!(i18n, search.page_of, page = page, count = page_count)}</span>
            {next.map(|href| view! { <a href=href rel="next">{t!(i18n, search.next)}</a> })}
        </nav>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_round_trips_through_its_url() {
        let params = SearchParams {
            q: "jardin & vélo".into(),
            theme: Some("food_gardens".into()),
            city: Some(2988507),
            sort: Sort::Newest,
            page: Some(3),
            ..Default::default()
        };
        let url = search_url(&params);
        assert_eq!(url, "/initiatives?q=jardin%20%26%20v%C3%A9lo&theme=food%5Fgardens&city=2988507&sort=newest&page=3");
        let query = url.split_once('?').unwrap().1;
        let map = ParamsMap::from_iter(query.split('&').map(|pair| {
            let (key, value) = pair.split_once('=').unwrap();
            (
                key.to_owned(),
                percent_encoding::percent_decode_str(value)
                    .decode_utf8()
                    .unwrap()
                    .into_owned(),
            )
        }));
        assert_eq!(params_from_query(&map), params);
    }

    #[test]
    fn a_default_search_is_the_bare_path() {
        assert_eq!(search_url(&SearchParams::default()), SEARCH_PATH);
        assert_eq!(
            search_url(&SearchParams {
                page: Some(1),
                ..Default::default()
            }),
            SEARCH_PATH
        );
    }
}
