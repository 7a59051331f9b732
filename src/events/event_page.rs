//! `/events/:id`: what, when (on the event's clocks and the reader's), where, in which
//! languages, the initiatives presented, and the sign-up: a seat, the waitlist, or why not.
use super::api::{read_event, CancelEvent, CancelSignUp, SignUp};
use super::guest::api::GuestSignUp;
use super::guest::page::GuestSignupFormView;
use super::labels::{access_need_label, format_label, status_label, EventSpan};
use super::outcome::page::OutcomeSection;
use super::{AccessNeed, EventDetail, MySignup, SignupStatus, ACCESS_NEEDS_MAX_CHARS};
use crate::app::Auth;
use crate::i18n::*;
use crate::initiatives::search_page::Card;
use crate::members::member_path;
use crate::ui::errors::FormAlert;
use crate::ui::form::{field_error, TextArea};
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EventPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let auth = expect_context::<Auth>();
    let sign_up = ServerAction::<SignUp>::new();
    let guest_sign_up = ServerAction::<GuestSignUp>::new();
    let cancel_signup = ServerAction::<CancelSignUp>::new();
    let cancel_event = ServerAction::<CancelEvent>::new();
    let versions = (
        sign_up.version(),
        cancel_signup.version(),
        cancel_event.version(),
    );
    let logins = auth.log_in.version();
    let detail = Resource::new(
        move || {
            let id = params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok());
            let changes = (
                versions.0.get(),
                versions.1.get(),
                versions.2.get(),
                logins.get(),
            );
            (id, i18n.get_locale().as_str().to_owned(), changes)
        },
        |(id, language, _)| async move {
            match id {
                Some(id) => read_event(id, language).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    let account = auth.current_for_page();
    let actions = EventActions {
        sign_up,
        guest_sign_up,
        cancel_signup,
        cancel_event,
    };
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let logged_in = matches!(account.await, Ok(Some(_)));
                match detail.await {
                    Ok(detail) => view! { <EventView detail logged_in actions/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[derive(Clone, Copy)]
struct EventActions {
    sign_up: ServerAction<SignUp>,
    guest_sign_up: ServerAction<GuestSignUp>,
    cancel_signup: ServerAction<CancelSignUp>,
    cancel_event: ServerAction<CancelEvent>,
}

#[component]
fn EventView(detail: EventDetail, logged_in: bool, actions: EventActions) -> impl IntoView {
    let i18n = use_i18n();
    let card = detail.card.clone();
    let reader_times = detail.reader_times.clone().map(|(starts, ends)| view! {
        <p class="event-reader-time">{t!(i18n, events.your_time)} " " <EventSpan starts ends/></p>
    });
    let languages = super::labels::languages_label(i18n, &card.languages);
    view! {
        <Title text=card.title.clone()/>
        <article class="event" lang=detail.language.clone()>
            <p class="event-format">{format_label(i18n, card.format)}</p>
            <h1>{card.title.clone()}</h1>
            {detail.day.clone().map(|(day, name)| view! {
                <p class="event-day">{t!(i18n, events.part_of_day)} " " <a href=format!("/days/{day}")>{name}</a></p>
            })}
            {card.cancelled.then(|| view! {
                <p class="status-banner" role="status">{t!(i18n, events.cancelled_banner)}</p>
            })}
            <dl class="event-facts">
                <dt>{t!(i18n, events.when)}</dt>
                <dd><EventSpan starts=card.starts.clone() ends=card.ends.clone()/>{reader_times}</dd>
                <dt>{t!(i18n, events.where_)}</dt>
                <dd><Place detail=detail.clone()/></dd>
                <dt>{t!(i18n, events.languages)}</dt>
                <dd>{languages}</dd>
                <dt>{t!(i18n, events.seats)}</dt>
                <dd><Seats detail=detail.clone()/></dd>
                <dt>{t!(i18n, events.organised_by)}</dt>
                <dd><Organisers detail=detail.clone()/></dd>
                {(!detail.accessibility.is_empty()).then(|| view! {
                    <dt>{t!(i18n, events.accessibility)}</dt>
                    <dd class="preserve-lines">{detail.accessibility.clone()}</dd>
                })}
            </dl>
            <div class="prose" inner_html=detail.description_html.clone()></div>
            <p><a href=format!("{}/calendar.ics", card.id.path()) download="">{t!(i18n, events.add_to_calendar)}</a></p>
        </article>
        <script type="application/ld+json" inner_html=detail.structured_data.clone()></script>
        <SignupSection detail=detail.clone() logged_in actions/>
        {(!detail.deck.is_empty()).then(|| view! {
            <section aria-labelledby="deck-title">
                <h2 id="deck-title">{t!(i18n, events.deck_title)}</h2>
                <ol class="cards deck">
                    {detail.deck.clone().into_iter().map(|card| view! { <li><Card card/></li> }).collect_view()}
                </ol>
            </section>
        })}
        <OutcomeSection detail=detail.clone()/>
        {detail.can_manage.then(|| view! { <OrganiserTools detail=detail.clone() actions/> })}
    }
}

#[component]
fn Place(detail: EventDetail) -> impl IntoView {
    let i18n = use_i18n();
    let online = detail.card.online;
    view! {
        {(!detail.address.is_empty()).then(|| view! { <span>{detail.address.clone()}</span> <br/> })}
        <span>{detail.card.city.clone()}</span>
        {online.then(|| match detail.online_url.is_empty() {
            true => view! { <p>{t!(i18n, events.online_link_after_signup)}</p> }.into_any(),
            false => view! {
                <p><a href=detail.online_url.clone() rel="noopener noreferrer">{t!(i18n, events.online_link)}</a></p>
            }.into_any(),
        })}
    }
}

#[component]
fn Seats(detail: EventDetail) -> impl IntoView {
    let i18n = use_i18n();
    let card = &detail.card;
    let waitlisted = detail.waitlisted;
    match card.capacity {
        None => view! { <span>{t!(i18n, events.no_limit)}</span> }.into_any(),
        Some(capacity) => {
            let taken = card.seats_taken;
            view! {
                <span>{t!(i18n, events.seats_taken, taken, capacity)}</span>
                {(waitlisted > 0).then(|| view! { " · " <span>{t!(i18n, events.waitlist_count, count = waitlisted)}</span> })}
            }
            .into_any()
        }
    }
}

#[component]
fn Organisers(detail: EventDetail) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="inline-list" role="list">
            {detail.organisers.into_iter().map(|person| match person.handle {
                Some(handle) => view! { <li><a href=member_path(&handle)>{person.name}</a></li> }.into_any(),
                None => view! { <li>{t!(i18n, members.former_member)}</li> }.into_any(),
            }).collect_view()}
        </ul>
    }
}

/// The reader's sign-up, the form to sign up, or why sign-ups are closed.
#[component]
fn SignupSection(detail: EventDetail, logged_in: bool, actions: EventActions) -> impl IntoView {
    let i18n = use_i18n();
    let active = detail
        .my_signup
        .clone()
        .filter(|signup| signup.status.is_active());
    // A sign-up that ended says so above what can be done now.
    let ended = detail
        .my_signup
        .clone()
        .filter(|signup| !signup.status.is_active())
        .map(|signup| match signup.status {
            SignupStatus::Removed => {
                view! { <p role="status">{t!(i18n, events.you_were_removed)}</p> }.into_any()
            }
            _ => view! { <p role="status">{t!(i18n, events.you_cancelled)}</p> }.into_any(),
        });
    let body = if let Some(signup) = active {
        view! { <MySignupView signup can_cancel=!detail.is_past && !detail.card.cancelled action=actions.cancel_signup/> }.into_any()
    } else if detail.card.cancelled {
        view! { <p>{t!(i18n, events.cancelled_no_signups)}</p> }.into_any()
    } else if !detail.signups_open {
        view! { <p>{t!(i18n, events.signups_closed)}</p> }.into_any()
    } else if !logged_in {
        view! {
            <p><a href=crate::ui::log_in_href()>{t!(i18n, nav.log_in)}</a> " " {t!(i18n, events.log_in_to_sign_up)}</p>
            <GuestSignupFormView detail=detail.clone() action=actions.guest_sign_up/>
        }.into_any()
    } else {
        view! { <SignupFormView detail=detail.clone() action=actions.sign_up/> }.into_any()
    };
    view! {
        <section id="my-signup" class="event-signup" aria-labelledby="signup-title">
            <h2 id="signup-title">{t!(i18n, events.signup_title)}</h2>
            {ended}
            {body}
        </section>
    }
}

#[component]
fn MySignupView(
    signup: MySignup,
    can_cancel: bool,
    action: ServerAction<CancelSignUp>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let status = status_label(i18n, signup.status);
    let position = signup.waitlist_position;
    let party = signup.party_size;
    view! {
        <p role="status">
            <strong>{status}</strong>
            {position.map(|position| view! { " · " {t!(i18n, events.waitlist_position, position)} })}
        </p>
        {(signup.status == SignupStatus::Confirmed || signup.status == SignupStatus::Attended).then(|| view! {
            <p>{t!(i18n, events.your_code)} " " <strong class="signup-code">{signup.code.clone()}</strong></p>
        })}
        {(party > 1).then(|| view! { <p>{t!(i18n, events.party_of, count = party)}</p> })}
        <FormAlert error/>
        {can_cancel.then(|| view! {
            <ActionForm action>
                <input type="hidden" name="signup" value=signup.id/>
                <button type="submit" class="button button-secondary">{t!(i18n, events.cancel_signup)}</button>
            </ActionForm>
        })}
    }
}

#[component]
fn SignupFormView(detail: EventDetail, action: ServerAction<SignUp>) -> impl IntoView {
    let i18n = use_i18n();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let full = is_full(&detail);
    view! {
        {full.then(|| view! { <p>{t!(i18n, events.full_join_waitlist)}</p> })}
        <FormAlert error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="form[event]" value=detail.card.id.0/>
            <SignupFields max_party_size=detail.max_party_size error/>
            <SignupButton full/>
        </ActionForm>
    }
}

/// Every seat is taken: a sign-up joins the waitlist.
pub(crate) fn is_full(detail: &EventDetail) -> bool {
    detail
        .card
        .capacity
        .is_some_and(|capacity| detail.card.seats_taken >= capacity)
}

#[component]
pub(crate) fn SignupButton(full: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="submit" class="button">
            {if full { t!(i18n, events.join_waitlist).into_any() } else { t!(i18n, events.sign_up).into_any() }}
        </button>
    }
}

/// What every sign-up asks, a member's or a guest's: how many come, and what would help them.
#[component]
pub(crate) fn SignupFields(
    max_party_size: i64,
    #[prop(into)] error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let party_error = field_error(error, "party_size");
    let max = max_party_size;
    view! {
        {(max > 1).then(|| view! {
            <div class="field" class:field-invalid=move || party_error.get().is_some()>
                <label for="signup-party">{t!(i18n, events.party_size_label)}</label>
                <p class="field-hint" id="signup-party-hint">{t!(i18n, events.party_size_hint, max)}</p>
                <input id="signup-party" type="number" name="form[party_size]" min="1" max=max value="1"
                    aria-describedby="signup-party-hint signup-party-error"
                    aria-invalid=move || party_error.get().is_some().then_some("true")/>
                <p class="field-error" id="signup-party-error">
                    {move || party_error.get().map(|code| crate::ui::errors::code_message(i18n, code))}
                </p>
            </div>
        })}
        <fieldset class="choices">
            <legend>{t!(i18n, events.needs_legend)}</legend>
            <p class="field-hint">{t!(i18n, events.needs_hint)}</p>
            {AccessNeed::ALL.into_iter().enumerate().map(|(position, need)| {
                let id = format!("signup-need-{}", need.as_str());
                view! {
                    <div class="choice">
                        <input type="checkbox" id=id.clone() name=format!("form[access_flags][{position}]") value=need.as_str()/>
                        <label for=id>{access_need_label(i18n, need)}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <TextArea name="form[access_needs]" id="signup-needs" label=t_string!(i18n, events.needs_label).to_string()
            max_length=ACCESS_NEEDS_MAX_CHARS as i64 rows=3 error=field_error(error, "access_needs")/>
    }
}

#[component]
fn OrganiserTools(detail: EventDetail, actions: EventActions) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.card.id;
    let action = actions.cancel_event;
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <section class="organiser-tools" aria-labelledby="organiser-tools-title">
            <h2 id="organiser-tools-title">{t!(i18n, events.organiser_tools)}</h2>
            <ul class="inline-list" role="list">
                <li><a href=format!("{}/attendees", id.path())>{t!(i18n, events.attendees_link)}</a></li>
                {(!detail.card.cancelled).then(|| view! {
                    <li><a href=format!("{}/edit", id.path())>{t!(i18n, events.edit)}</a></li>
                })}
                <li><a href=format!("/events/new?from={}", id.0)>{t!(i18n, events.duplicate)}</a></li>
                {(detail.has_begun && !detail.card.cancelled).then(|| view! {
                    <li><a href=format!("{}/outcome", id.path())>{t!(i18n, events.record_outcome)}</a></li>
                })}
            </ul>
            {(!detail.card.cancelled && !detail.is_past).then(|| view! {
                <FormAlert error/>
                <ActionForm action attr:class="stacked-form">
                    <input type="hidden" name="event" value=id.0/>
                    <div class="choice">
                        <input type="checkbox" id="cancel-confirm" required=true/>
                        <label for="cancel-confirm">{t!(i18n, events.cancel_confirm)}</label>
                    </div>
                    <button type="submit" class="button button-danger">{t!(i18n, events.cancel_event)}</button>
                </ActionForm>
            })}
        </section>
    }
}
