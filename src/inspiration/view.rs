//! How pages show inspiration links.
use super::{EndKind, InitiativeLinks, LinkEnd};
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

/// An initiative's confirmed links, both ways (nothing when it has none).
#[component]
pub fn InitiativeLinksSection(links: InitiativeLinks) -> impl IntoView {
    let i18n = use_i18n();
    let InitiativeLinks {
        inspired_by,
        inspired,
    } = links;
    (!inspired_by.is_empty() || !inspired.is_empty()).then(|| {
        view! {
            <section class="inspiration" aria-labelledby="inspiration-title">
                <h2 id="inspiration-title">{t!(i18n, inspiration.title)}</h2>
                {(!inspired_by.is_empty()).then(|| view! {
                    <h3>{t!(i18n, inspiration.inspired_by)}</h3>
                    <LinkEnds ends=inspired_by/>
                })}
                {(!inspired.is_empty()).then(|| view! {
                    <h3>{t!(i18n, inspiration.inspired)}</h3>
                    <LinkEnds ends=inspired/>
                })}
            </section>
        }
    })
}
