//! `/initiatives/:id/inspiration`: its spotter (or a moderator) says which published
//! initiatives inspired it: a search, a "propose" button on each result, and the links so far
//! with where they stand. A moderator confirms them on `/review`.
use super::api::{load_proposal_start, ProposeInspiration};
use super::{LinkStatus, ProposalStart, SourceLink, MAX_SOURCES};
use crate::i18n::*;
use crate::ui::errors::FormAlert;
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProposeInspirationPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = crate::ui::id_param();
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let propose = ServerAction::<ProposeInspiration>::new();
    let start = Resource::new(
        move || {
            let language = i18n.get_locale().as_str().to_owned();
            (id(), search(), language, propose.version().get())
        },
        |(id, q, language, _)| async move {
            match id {
                Some(id) => load_proposal_start(id, q, language).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match start.await {
                    Ok(start) => view! { <Proposals start search=search() propose/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Proposals(
    start: ProposalStart,
    search: String,
    propose: ServerAction<ProposeInspiration>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = propose.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let target = start.target.clone();
    let title = t_string!(
        i18n,
        inspiration.propose_title,
        title = target.title.clone()
    )
    .to_string();
    let searched = !search.trim().is_empty();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p><a href=target.path()>{t!(i18n, inspiration.back_to_initiative)}</a></p>
        <p>{t!(i18n, inspiration.propose_intro)}</p>
        <FormAlert error/>
        <SourceList links=start.links.clone()/>
        {if start.full {
            view! { <p role="status">{t!(i18n, inspiration.propose_full, max = MAX_SOURCES)}</p> }.into_any()
        } else {
            view! {
                <Form method="GET" action="" attr:class="search-form" attr:role="search">
                    <label for="inspiration-search">{t!(i18n, inspiration.search_label)}</label>
                    <input id="inspiration-search" type="search" name="q" value=search.clone() maxlength="200"/>
                    <button type="submit" class="button">{t!(i18n, inspiration.search_submit)}</button>
                </Form>
                {searched.then(|| view! { <Candidates start=start.clone() propose/> })}
            }.into_any()
        }}
    }
}

/// The initiatives named so far and where each link stands.
#[component]
fn SourceList(links: Vec<SourceLink>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="sources-title">
            <h2 id="sources-title">{t!(i18n, inspiration.sources_title)}</h2>
            {if links.is_empty() {
                view! { <p>{t!(i18n, inspiration.sources_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="link-ends">
                        {links.into_iter().map(|link| {
                            let status = match link.status {
                                LinkStatus::Proposed => t_string!(i18n, inspiration.status_proposed),
                                LinkStatus::Confirmed => t_string!(i18n, inspiration.status_confirmed),
                                LinkStatus::Rejected => t_string!(i18n, inspiration.status_rejected),
                            };
                            // A source taken down since is named without a link to a page gone.
                            let name = if link.source.public {
                                view! { <a href=link.source.path()>{link.source.title.clone()}</a> }.into_any()
                            } else {
                                view! { <span>{link.source.title.clone()}</span> }.into_any()
                            };
                            view! {
                                <li>
                                    {name}
                                    {link.source.city.clone().map(|city| view! { <span class="link-end-city">" · " {city}</span> })}
                                    " — " <strong>{status.to_string()}</strong>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The published initiatives the search found, each with its "propose" button.
#[component]
fn Candidates(start: ProposalStart, propose: ServerAction<ProposeInspiration>) -> impl IntoView {
    let i18n = use_i18n();
    let target = start.target.id;
    let named: Vec<i64> = start.links.iter().map(|link| link.source.id).collect();
    if start.candidates.is_empty() {
        return view! { <p role="status">{t!(i18n, inspiration.search_none)}</p> }.into_any();
    }
    view! {
        <ul class="inspiration-candidates" aria-label=t_string!(i18n, inspiration.candidates_label).to_string()>
            {start.candidates.into_iter().map(|candidate| {
                let label = t_string!(i18n, inspiration.propose_button).to_string();
                let aria_label = format!("{label}: {}", candidate.title);
                let already = named.contains(&candidate.id);
                view! {
                    <li>
                        <a href=candidate.path()>{candidate.title.clone()}</a>
                        {candidate.city.clone().map(|city| view! { <span class="link-end-city">" · " {city}</span> })}
                        {if already {
                            view! { " — " <span>{t!(i18n, inspiration.already_named)}</span> }.into_any()
                        } else {
                            view! {
                                <ActionForm action=propose attr:class="inline-form">
                                    <input type="hidden" name="form[target]" value=target/>
                                    <input type="hidden" name="form[source]" value=candidate.id/>
                                    <button type="submit" class="button button-secondary" aria-label=aria_label>{label}</button>
                                </ActionForm>
                            }.into_any()
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
