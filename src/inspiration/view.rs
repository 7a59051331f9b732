//! How pages show inspiration links.
use super::{EndKind, InitiativeLinks, Lineage, LinkEnd, TreeNode};
use crate::i18n::*;
use leptos::prelude::*;

/// A list of link ends: a link to each page, the city after it; an event says it is one.
#[component]
pub fn LinkEnds(ends: Vec<LinkEnd>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="link-ends" role="list">
            {ends.into_iter().map(|end| {
                let kind = (end.kind == EndKind::Event).then(|| view! {
                    <span class="link-end-kind">{t!(i18n, inspiration.event)} " "</span>
                });
                let name = if end.public {
                    view! { <a href=end.path()>{end.title.clone()}</a> }.into_any()
                } else {
                    view! { <span>{end.title.clone()}</span> }.into_any()
                };
                view! {
                    <li>{kind}{name}{end.city.map(|city| view! { <span class="link-end-city">" · " {city}</span> })}</li>
                }
            }).collect_view()}
        </ul>
    }
}

/// An initiative's place in the graph: what inspired it (initiatives over generations, and
/// events), what it inspired (counts, a tree, a map with the cities listed beside it), and for
/// its spotter and moderators the way to say what inspired it. Nothing for others when empty.
#[component]
pub fn InitiativeLinksSection(
    links: InitiativeLinks,
    lineage: Lineage,
    initiative: i64,
    can_edit: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let events: Vec<LinkEnd> = links
        .inspired_by
        .into_iter()
        .filter(|end| end.kind == EndKind::Event)
        .collect();
    let inspired_by = !events.is_empty() || !lineage.ancestors.is_empty();
    let inspired = lineage.inspired > 0;
    (inspired_by || inspired || can_edit).then(|| {
        view! {
            <section class="inspiration" aria-labelledby="inspiration-title">
                <h2 id="inspiration-title">{t!(i18n, inspiration.title)}</h2>
                {inspired_by.then(|| view! {
                    <h3>{t!(i18n, inspiration.inspired_by)}</h3>
                    {tree(lineage.ancestors.clone(), "lineage-tree lineage-up")}
                    {(!events.is_empty()).then(|| view! { <LinkEnds ends=events.clone()/> })}
                })}
                {can_edit.then(|| view! {
                    <p><a href=format!("/initiatives/{initiative}/inspiration")>{t!(i18n, inspiration.propose_link)}</a></p>
                })}
                {inspired.then(|| view! { <Descendants lineage=lineage.clone()/> })}
            </section>
        }
    })
}

/// What an initiative inspired: the counts, the tree of the nearest generations, and the map
/// of the descendants with their cities listed (the map's accessible alternative).
#[component]
fn Descendants(lineage: Lineage) -> impl IntoView {
    let i18n = use_i18n();
    let beyond = lineage.beyond_tree();
    let more_places = lineage.cities - lineage.places.len() as i64;
    view! {
        <h3>{t!(i18n, inspiration.inspired)}</h3>
        <dl class="lineage-counts">
            <div><dt>{t!(i18n, inspiration.count_initiatives)}</dt><dd>{lineage.inspired}</dd></div>
            <div><dt>{t!(i18n, inspiration.count_cities)}</dt><dd>{lineage.cities}</dd></div>
            <div><dt>{t!(i18n, inspiration.count_generations)}</dt><dd>{lineage.generations}</dd></div>
        </dl>
        {tree(lineage.descendants, "lineage-tree")}
        {(beyond > 0).then(|| view! { <p class="field-hint">{t!(i18n, inspiration.beyond_tree, count = beyond)}</p> })}
        <div class="lineage-map" role="region" aria-label=move || t_string!(i18n, inspiration.map_label).to_string()
            data-map-points=lineage.points_json data-tiles=lineage.tile_url
            data-attribution=lineage.tile_attribution></div>
        <details class="map-list" open=true>
            <summary>{t!(i18n, inspiration.places_summary, count = lineage.cities)}</summary>
            <ul class="lineage-places">
                {lineage.places.into_iter().map(|place| view! {
                    <li>{place.place} " — " {place.count}</li>
                }).collect_view()}
            </ul>
            {(more_places > 0).then(|| view! { <p class="field-hint">{t!(i18n, inspiration.places_beyond, count = more_places)}</p> })}
        </details>
    }
}

/// A lineage tree as nested lists: each initiative, its city, and below it the next
/// generation. An initiative met again by another path says so instead of repeating its branch.
fn tree(nodes: Vec<TreeNode>, class: &'static str) -> AnyView {
    let i18n = use_i18n();
    if nodes.is_empty() {
        return ().into_any();
    }
    view! {
        <ul class=class>
            {nodes.into_iter().map(|node| {
                let again = node.repeated.then(|| view! {
                    <span class="lineage-again">" " {t!(i18n, inspiration.shown_above)}</span>
                });
                view! {
                    <li>
                        <a href=node.end.path()>{node.end.title.clone()}</a>
                        {node.end.city.clone().map(|city| view! { <span class="link-end-city">" · " {city}</span> })}
                        {again}
                        {tree(node.children, "lineage-branch")}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
