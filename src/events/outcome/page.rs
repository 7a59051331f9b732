//! `/events/:id/outcome`: the organisers record what came out of their event, and decide the
//! inspiration links people proposed when they started an initiative there. Also the section of
//! the event's page that shows the outcome to everyone.
use super::api::{load_outcome_start, SaveOutcome};
use super::{OutcomeStart, ATTENDANCE_MAX, OUTCOME_TEXT_MAX_CHARS};
use crate::events::{EventDetail, EventId};
use crate::i18n::*;
use crate::inspiration::api::DecideLink;
use crate::inspiration::view::LinkEnds;
use crate::inspiration::{LinkStatus, ProposedLink};
use crate::ui::errors::FormAlert;
use crate::ui::form::{field_error, Field, TextArea};
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OutcomePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let save = ServerAction::<SaveOutcome>::new();
    let decide = ServerAction::<DecideLink>::new();
    let start = Resource::new(
        move || {
            let id = params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok());
            let language = i18n.get_locale().as_str().to_owned();
            (id, language, decide.version().get())
        },
        |(id, language, _)| async move {
            match id {
                Some(id) => load_outcome_start(id, language).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match start.await {
                    Ok(start) => view! { <OutcomeEditor start save decide/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OutcomeEditor(
    start: OutcomeStart,
    save: ServerAction<SaveOutcome>,
    decide: ServerAction<DecideLink>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = save.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let form = start.form.clone();
    let event = EventId(form.event);
    let title = t_string!(i18n, events.outcome_page_title, title = start.title.clone()).to_string();
    let text = move |name: &'static str, label: String, value: String| {
        view! {
            <TextArea name=format!("form[{name}]") id=format!("outcome-{name}") label
                hint=t_string!(i18n, events.outcome_text_hint).to_string()
                max_length=OUTCOME_TEXT_MAX_CHARS as i64 rows=6 value error=field_error(error, name)/>
        }
    };
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p><a href=event.path()>{t!(i18n, events.back_to_event)}</a></p>
        <FormAlert error/>
        <ActionForm action=save attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="form[event]" value=event.0/>
            <Field name="form[attendance]" id="outcome-attendance" label=t_string!(i18n, events.outcome_attendance_label).to_string()
                input_type="number" max_length=6 value=form.attendance.clone()
                hint=t_string!(i18n, events.outcome_attendance_hint, max = ATTENDANCE_MAX).to_string()
                error=field_error(error, "attendance")/>
            {text("ideas", t_string!(i18n, events.outcome_ideas).to_string(), form.ideas.clone())}
            {text("roadmap", t_string!(i18n, events.outcome_roadmap).to_string(), form.roadmap.clone())}
            {text("projects", t_string!(i18n, events.outcome_projects).to_string(), form.projects.clone())}
            <button type="submit" class="button">
                {if start.recorded { t!(i18n, events.outcome_update).into_any() } else { t!(i18n, events.outcome_record).into_any() }}
            </button>
        </ActionForm>
        <ProposedLinks links=start.proposed.clone() decide/>
    }
}

/// The links proposed at the event, each with its decision buttons.
#[component]
fn ProposedLinks(links: Vec<ProposedLink>, decide: ServerAction<DecideLink>) -> impl IntoView {
    let i18n = use_i18n();
    let value = decide.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <section aria-labelledby="proposed-links-title">
            <h2 id="proposed-links-title">{t!(i18n, events.proposed_links_title)}</h2>
            <p class="field-hint">{t!(i18n, events.proposed_links_hint)}</p>
            <FormAlert error/>
            {if links.is_empty() {
                view! { <p>{t!(i18n, events.proposed_links_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="proposed-links" role="list">
                        {links.into_iter().map(|link| view! { <ProposedLinkRow link decide/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// A proposed link, "B inspired by A", with who proposed it and the decision buttons (also
/// on the moderators' `/review`).
#[component]
pub fn ProposedLinkRow(link: ProposedLink, decide: ServerAction<DecideLink>) -> impl IntoView {
    let i18n = use_i18n();
    let confirmed = link.status == LinkStatus::Confirmed;
    let (id, target) = (link.id, link.target.title.clone());
    let button = |decision: &'static str, label: String, class: &'static str| {
        let aria_label = format!("{label}: {target}");
        view! {
            <ActionForm action=decide attr:class="inline-form">
                <input type="hidden" name="form[link]" value=id/>
                <button type="submit" class=class name="form[decision]" value=decision
                    aria-label=aria_label>{label}</button>
            </ActionForm>
        }
    };
    view! {
        <li class="proposed-link">
            <LinkEnds ends=vec![link.target.clone()]/>
            <p>{t!(i18n, events.inspired_by_link)} " "</p>
            <LinkEnds ends=vec![link.source.clone()]/>
            <p class="field-hint">{t!(i18n, events.proposed_by, name = link.proposer.clone())}</p>
            <p role="status"><strong>{if confirmed { t!(i18n, events.link_confirmed).into_any() } else { t!(i18n, events.link_proposed).into_any() }}</strong></p>
            <div class="button-row">
                {(!confirmed).then(|| button("confirm", t_string!(i18n, events.link_confirm).to_string(), "button"))}
                {button("reject", t_string!(i18n, events.link_reject).to_string(), "button button-secondary")}
            </div>
        </li>
    }
}

/// The event page's "what came out of it": the outcome, the initiatives started there, and,
/// for those who came, how to add what they started.
#[component]
pub fn OutcomeSection(detail: EventDetail) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.card.id;
    let shown = detail.outcome.is_some()
        || !detail.started_projects.is_empty()
        || detail.may_start_initiative;
    let prose = |title: String, html: String| {
        (!html.is_empty())
            .then(|| view! { <h3>{title}</h3> <div class="prose" inner_html=html></div> })
    };
    shown.then(|| view! {
        <section class="event-outcome" aria-labelledby="outcome-title">
            <h2 id="outcome-title">{t!(i18n, events.outcome_title)}</h2>
            {detail.outcome.clone().map(|outcome| view! {
                <p class="outcome-attendance">{t!(i18n, events.outcome_came, count = outcome.attendance)}</p>
                {prose(t_string!(i18n, events.outcome_ideas).to_string(), outcome.ideas_html)}
                {prose(t_string!(i18n, events.outcome_roadmap).to_string(), outcome.roadmap_html)}
                {prose(t_string!(i18n, events.outcome_projects).to_string(), outcome.projects_html)}
            })}
            {(!detail.started_projects.is_empty()).then(|| view! {
                <h3>{t!(i18n, events.started_here)}</h3>
                <LinkEnds ends=detail.started_projects.clone()/>
            })}
            {detail.may_start_initiative.then(|| view! {
                <p>{t!(i18n, events.start_initiative_hint)}</p>
                <p><a class="button" href=format!("/initiatives/new?event={}", id.0)>{t!(i18n, events.start_initiative)}</a></p>
            })}
        </section>
    })
}
