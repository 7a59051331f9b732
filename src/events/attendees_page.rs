//! `/events/:id/attendees`: the organisers' list, made for a phone at the door: check in by the
//! code people give or by finding their name, see needs, remove a sign-up with a reason, write
//! to everyone, download the list. Organisers and moderators only (403 otherwise).
use super::api::{list_attendees, Announce, CheckIn, CheckInSignUp, RemoveSignUp};
use super::labels::{access_need_label, status_label, EventSpan};
use super::{
    AttendeeList, AttendeeRow, SignupStatus, ANNOUNCEMENT_MAX_CHARS, REMOVAL_REASON_MAX_CHARS,
    TITLE_MAX_CHARS,
};
use crate::i18n::*;
use crate::members::member_path;
use crate::ui::errors::FormAlert;
use crate::ui::form::{field_error, Field, TextArea};
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[derive(Clone, Copy)]
struct OrganiserActions {
    check_in: ServerAction<CheckIn>,
    check_in_signup: ServerAction<CheckInSignUp>,
    remove: ServerAction<RemoveSignUp>,
    announce: ServerAction<Announce>,
}

#[component]
pub fn AttendeesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let actions = OrganiserActions {
        check_in: ServerAction::new(),
        check_in_signup: ServerAction::new(),
        remove: ServerAction::new(),
        announce: ServerAction::new(),
    };
    let list = Resource::new(
        move || {
            let id = params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok());
            let changes = (
                actions.check_in.version().get(),
                actions.check_in_signup.version().get(),
                actions.remove.version().get(),
            );
            (id, i18n.get_locale().as_str().to_owned(), changes)
        },
        |(id, language, _)| async move {
            match id {
                Some(id) => list_attendees(id, language).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Attendees list actions/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Attendees(list: AttendeeList, actions: OrganiserActions) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let event = list.event.clone();
    let title = t_string!(i18n, events.attendees_title, title = event.title.clone()).to_string();
    // Read as the address changes: with JavaScript, the redirect after a check-in may come
    // after the list was fetched again.
    let names: Vec<(i64, String)> = list
        .rows
        .iter()
        .map(|row| (row.signup, row.name.clone()))
        .collect();
    let arrived_name = move || {
        let id = query.read().get("arrived")?.parse::<i64>().ok()?;
        let (_, name) = names.iter().find(|(signup, _)| *signup == id)?;
        Some(name.clone())
    };
    let announced = move || query.read().get("announced");
    let wanted = query
        .with_untracked(|query| query.get("q"))
        .unwrap_or_default();
    let rows: Vec<AttendeeRow> = list
        .rows
        .iter()
        .filter(|row| {
            row.name
                .to_lowercase()
                .contains(wanted.trim().to_lowercase().as_str())
        })
        .cloned()
        .collect();
    let taken = event.seats_taken;
    let checked_in = list.checked_in;
    let csv = format!("{}/attendees.csv", event.id.path());
    view! {
        <Title text=title.clone()/>
        <p><a href=event.id.path()>{event.title.clone()}</a></p>
        <h1>{title}</h1>
        <p><EventSpan starts=event.starts.clone() ends=event.ends.clone()/></p>
        <p role="status">{t!(i18n, events.checked_in_count, checked_in, taken)}</p>
        {move || arrived_name().map(|name| view! { <p class="status-banner" id="arrived" role="status">{t!(i18n, events.arrived, name)}</p> })}
        {move || announced().map(|count| view! { <p class="status-banner" role="status">{t!(i18n, events.announced, count)}</p> })}
        <CheckInByCode event=event.id.0 action=actions.check_in/>
        <form method="get" class="search-form" role="search">
            <label for="attendees-q">{t!(i18n, events.find_by_name)}</label>
            <input id="attendees-q" type="search" name="q" value=wanted.clone() maxlength="100"/>
            <button type="submit" class="button button-secondary">{t!(i18n, events.find)}</button>
        </form>
        <p><a href=csv download="">{t!(i18n, events.download_csv)}</a></p>
        {if rows.is_empty() {
            view! { <p>{t!(i18n, events.no_attendees)}</p> }.into_any()
        } else {
            view! {
                <ul class="attendee-list" role="list">
                    {rows.into_iter().map(|row| view! { <li><AttendeeCard row event=event.id.0 actions/></li> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <AnnouncementForm event=event.id.0 action=actions.announce/>
    }
}

#[component]
fn CheckInByCode(event: i64, action: ServerAction<CheckIn>) -> impl IntoView {
    let i18n = use_i18n();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <section aria-labelledby="check-in-title">
            <h2 id="check-in-title">{t!(i18n, events.check_in_title)}</h2>
            <FormAlert error/>
            <ActionForm action attr:class="stacked-form check-in" attr:novalidate=true>
                <input type="hidden" name="form[event]" value=event/>
                <Field name="form[code]" id="check-in-code" label=t_string!(i18n, events.code_label).to_string()
                    max_length=12 error=field_error(error, "code")/>
                <button type="submit" class="button">{t!(i18n, events.check_in)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn AttendeeCard(row: AttendeeRow, event: i64, actions: OrganiserActions) -> impl IntoView {
    let i18n = use_i18n();
    let needs: Vec<String> = row
        .access_flags
        .iter()
        .map(|need| access_need_label(i18n, *need))
        .collect();
    let name = match row.handle.clone() {
        Some(handle) => view! { <a href=member_path(&handle)>{row.name.clone()}</a> }.into_any(),
        None if row.name.is_empty() => {
            view! { <span>{t!(i18n, events.forgotten_guest)}</span> }.into_any()
        }
        None => view! { <span>{row.name.clone()}</span> }.into_any(),
    };
    let active = row.status.is_active();
    let reason_id = format!("remove-reason-{}", row.signup);
    let party = row.party_size;
    view! {
        <article class="card attendee" class:attendee-inactive=!active>
            <h3>{name}</h3>
            <p><strong>{status_label(i18n, row.status)}</strong> " · " {t!(i18n, events.party_count, count = party)}
                " · " {t!(i18n, events.code_label)} " " <span class="signup-code">{row.code.clone()}</span></p>
            <p class="attendee-email">{row.email.clone()}</p>
            {(!needs.is_empty()).then(|| view! { <p>{t!(i18n, events.needs_short)} " " {needs.join(", ")}</p> })}
            {(!row.access_needs.is_empty()).then(|| view! { <p class="preserve-lines">{row.access_needs.clone()}</p> })}
            {(!row.removal_reason.is_empty()).then(|| view! { <p>{t!(i18n, events.removed_because)} " " {row.removal_reason.clone()}</p> })}
            {(row.status == SignupStatus::Confirmed).then(|| view! {
                <ActionForm action=actions.check_in_signup>
                    <input type="hidden" name="event" value=event/>
                    <input type="hidden" name="signup" value=row.signup/>
                    <button type="submit" class="button">{t!(i18n, events.check_in_person, name = row.name.clone())}</button>
                </ActionForm>
            })}
            {active.then(|| view! {
                <details>
                    <summary>{t!(i18n, events.remove)}</summary>
                    <ActionForm action=actions.remove attr:class="stacked-form">
                        <input type="hidden" name="form[signup]" value=row.signup/>
                        <label for=reason_id.clone()>{t!(i18n, events.removal_reason_label)}</label>
                        <textarea id=reason_id name="form[reason]" rows="2" maxlength=REMOVAL_REASON_MAX_CHARS required=true></textarea>
                        <button type="submit" class="button button-danger">{t!(i18n, events.remove_confirm)}</button>
                    </ActionForm>
                </details>
            })}
        </article>
    }
}

#[component]
fn AnnouncementForm(event: i64, action: ServerAction<Announce>) -> impl IntoView {
    let i18n = use_i18n();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <section aria-labelledby="announce-title">
            <h2 id="announce-title">{t!(i18n, events.announce_title)}</h2>
            <p>{t!(i18n, events.announce_hint)}</p>
            <FormAlert error/>
            <ActionForm action attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="form[event]" value=event/>
                <Field name="form[subject]" id="announce-subject" label=t_string!(i18n, events.announce_subject).to_string()
                    max_length=TITLE_MAX_CHARS as i64 error=field_error(error, "subject")/>
                <TextArea name="form[body]" id="announce-body" label=t_string!(i18n, events.announce_body).to_string()
                    max_length=ANNOUNCEMENT_MAX_CHARS as i64 rows=6 error=field_error(error, "body")/>
                <button type="submit" class="button">{t!(i18n, events.announce_send)}</button>
            </ActionForm>
        </section>
    }
}
