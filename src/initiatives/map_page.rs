//! `/initiatives/map`: the initiatives of the current search as clustered markers (drawn by
//! public/map.js with Leaflet, served from public/vendor). The list stays the accessible
//! alternative: every point is also listed below the map.
use super::api::initiatives_map;
use super::search_page::{params_from_query, search_url};
use super::MapData;
use crate::i18n::*;
use crate::ui::errors::error_message;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const MAP_PATH: &str = "/initiatives/map";

/// The map page of the same search.
pub fn map_url(list_url: &str) -> String {
    list_url.replacen(super::search_page::SEARCH_PATH, MAP_PATH, 1)
}

#[component]
pub fn MapPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = Memo::new(move |_| params_from_query(&query.read()));
    let data = Resource::new(
        move || (params.get(), i18n.get_locale().as_str().to_owned()),
        |(params, language)| initiatives_map(params, language),
    );
    view! {
        <Title text=move || t_string!(i18n, map.title).to_string()/>
        <h1>{t!(i18n, map.title)}</h1>
        <p><a href=move || search_url(&params.get()) rel="external">{t!(i18n, map.as_list)}</a></p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <InitiativeMap data/> }.into_any(),
                    Err(error) => view! { <p role="alert">{error_message(i18n, &error)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InitiativeMap(data: MapData) -> impl IntoView {
    let i18n = use_i18n();
    let count = data.points.len();
    view! {
        <div id="initiative-map" class="initiative-map" role="region"
            aria-label=move || t_string!(i18n, map.label).to_string()
            data-map-points=data.points_json data-tiles=data.tile_url data-attribution=data.tile_attribution></div>
        <details class="map-list">
            <summary>{t!(i18n, map.list_summary, count = count)}</summary>
            <ul>
                {data.points.into_iter().map(|point| view! {
                    <li><a href=format!("/initiatives/{}", point.id)>{point.title}</a> " — " {point.place}</li>
                }).collect_view()}
            </ul>
        </details>
    }
}
