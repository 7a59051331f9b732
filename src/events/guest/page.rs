//! The guest's side of sign-ups: the form on the event page for visitors, the "check your
//! mailbox" page after it, and the page their link opens (confirm, see the code, cancel).
//! Every action is a plain form: it works before (and without) hydration.
use super::api::{read_guest_signup, CancelGuestSignup, ConfirmGuestSignup, GuestSignUp};
use super::{GuestSignupView, GUEST_NAME_MAX_CHARS};
use crate::events::event_page::{is_full, SignupButton, SignupFields};
use crate::events::labels::{status_label, EventSpan};
use crate::events::{EventDetail, SignupStatus};
use crate::i18n::*;
use crate::ui::errors::FormAlert;
use crate::ui::form::{field_error, Field};
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// On the event page, for visitors: sign up with a name and an email address.
#[component]
pub fn GuestSignupFormView(
    detail: EventDetail,
    action: ServerAction<GuestSignUp>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let full = is_full(&detail);
    let language = i18n.get_locale_untracked().as_str();
    view! {
        <h3 id="guest-signup-title">{t!(i18n, events.guest_title)}</h3>
        <p>{t!(i18n, events.guest_intro)}</p>
        {full.then(|| view! { <p>{t!(i18n, events.full_join_waitlist)}</p> })}
        <FormAlert error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true attr:aria-labelledby="guest-signup-title">
            <input type="hidden" name="form[event]" value=detail.card.id.0/>
            <input type="hidden" name="form[language]" value=language/>
            <Field name="form[name]" id="guest-name" label=t_string!(i18n, events.guest_name_label).to_string()
                autocomplete="name" max_length=GUEST_NAME_MAX_CHARS as i64 error=field_error(error, "name")/>
            <Field name="form[email]" id="guest-email" label=t_string!(i18n, events.guest_email_label).to_string()
                input_type="email" autocomplete="email" hint=t_string!(i18n, events.guest_email_hint).to_string()
                error=field_error(error, "email")/>
            <SignupFields max_party_size=detail.max_party_size error/>
            <SignupButton full/>
        </ActionForm>
    }
}

/// `/events/:id/guest/sent`: the same answer whether the address was new, already signed up,
/// or past its mail limit.
#[component]
pub fn GuestSentPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let event = move || format!("/events/{}", params.read().get("id").unwrap_or_default());
    view! {
        <Title text=move || t_string!(i18n, email_links.check_inbox).to_string()/>
        <h1>{t!(i18n, email_links.check_inbox)}</h1>
        <p role="status">{t!(i18n, events.guest_sent)}</p>
        <p>{t!(i18n, email_links.not_received)}</p>
        <p><a href=event>{t!(i18n, events.back_to_event)}</a></p>
    }
}

#[derive(Clone, Copy)]
struct GuestActions {
    confirm: ServerAction<ConfirmGuestSignup>,
    cancel: ServerAction<CancelGuestSignup>,
}

/// `/events/:id/guest?token=…`: the page a guest's link opens.
#[component]
pub fn GuestSignupPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let actions = GuestActions {
        confirm: ServerAction::new(),
        cancel: ServerAction::new(),
    };
    let versions = (actions.confirm.version(), actions.cancel.version());
    let token = move || query.read().get("token").unwrap_or_default();
    let signup = Resource::new(
        move || (token(), versions.0.get(), versions.1.get()),
        |(token, _, _)| read_guest_signup(token),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match signup.await {
                    Ok(guest) => view! { <GuestSignupCard guest token=token() actions/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GuestSignupCard(guest: GuestSignupView, token: String, actions: GuestActions) -> impl IntoView {
    let i18n = use_i18n();
    let (confirm_value, cancel_value) = (actions.confirm.value(), actions.cancel.value());
    let error = Signal::derive(move || {
        confirm_value
            .get()
            .and_then(Result::err)
            .or_else(|| cancel_value.get().and_then(Result::err))
    });
    let signup = guest.signup.clone();
    let status = signup.status;
    let pending = status == SignupStatus::Pending;
    let has_code = matches!(status, SignupStatus::Confirmed | SignupStatus::Attended);
    let party = signup.party_size;
    let name = guest.name.clone();
    let (confirm_token, cancel_token) = (token.clone(), token);
    view! {
        <Title text=guest.title.clone()/>
        <h1>{guest.title.clone()}</h1>
        <p><EventSpan starts=guest.starts.clone() ends=guest.ends.clone()/></p>
        {guest.event_cancelled.then(|| view! {
            <p class="status-banner" role="status">{t!(i18n, events.cancelled_banner)}</p>
        })}
        <section id="my-signup" class="event-signup" aria-labelledby="signup-title">
            <h2 id="signup-title">{t!(i18n, events.signup_title)}</h2>
            <p>{t!(i18n, events.guest_signed_up_as, name)}</p>
            <p role="status">
                <strong>{status_label(i18n, status)}</strong>
                {signup.waitlist_position.map(|position| view! { " · " {t!(i18n, events.waitlist_position, position)} })}
            </p>
            {has_code.then(|| view! {
                <p>{t!(i18n, events.your_code)} " " <strong class="signup-code">{signup.code.clone()}</strong></p>
                <p>{t!(i18n, events.guest_keep_link)}</p>
            })}
            {(party > 1).then(|| view! { <p>{t!(i18n, events.party_of, count = party)}</p> })}
            <FormAlert error/>
            {(pending && guest.link_expired).then(|| view! { <p>{t!(i18n, events.guest_link_expired)}</p> })}
            {(pending && !guest.link_expired && guest.changeable).then(|| view! {
                <p>{t!(i18n, events.guest_confirm_intro)}</p>
                <ActionForm action=actions.confirm>
                    <input type="hidden" name="token" value=confirm_token/>
                    <button type="submit" class="button">{t!(i18n, events.guest_confirm)}</button>
                </ActionForm>
            })}
            {(status.is_active() && guest.changeable).then(|| view! {
                <ActionForm action=actions.cancel>
                    <input type="hidden" name="token" value=cancel_token/>
                    <button type="submit" class="button button-secondary">{t!(i18n, events.cancel_signup)}</button>
                </ActionForm>
            })}
        </section>
        <p>
            <a href=guest.event.path()>{t!(i18n, events.back_to_event)}</a>
            {has_code.then(|| view! {
                " · " <a href=format!("{}/calendar.ics", guest.event.path()) download="">{t!(i18n, events.add_to_calendar)}</a>
            })}
        </p>
    }
}
