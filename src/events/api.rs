//! Server functions of events. Each is a public HTTP endpoint under /api/events/...: it checks
//! who calls and what they may do first. Organising takes the shaker role (or moderation);
//! managing an event takes being one of its organisers (or moderation).
use super::{
    AnnouncementForm, AttendeeList, CheckInForm, EventCard, EventDetail, EventForm, EventList,
    EventQuery, RemovalForm, SignupForm,
};
use crate::error::AppError;
use leptos::prelude::*;

/// Creates an event (empty `id`) or saves an edited one, then shows it.
#[server(prefix = "/api", endpoint = "events/save")]
pub async fn save_event(form: EventForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::save(form).await)
}

/// The edit form of an event, filled. `duplicate` gives the form of a new event like it, with
/// its dates left to fill.
#[server(prefix = "/api", endpoint = "events/editable")]
pub async fn editable_event(
    id: i64,
    duplicate: bool,
    language: String,
) -> Result<EventForm, AppError> {
    crate::server::request::with_status(ssr::editable(id, duplicate, &language).await)
}

/// Whether the caller may create events (members who took the shaker role, moderators).
#[server(prefix = "/api", endpoint = "events/may-organise")]
pub async fn may_organise() -> Result<bool, AppError> {
    crate::server::request::with_status(ssr::may_organise().await)
}

#[server(prefix = "/api", endpoint = "events/detail")]
pub async fn read_event(id: i64, language: String) -> Result<EventDetail, AppError> {
    crate::server::request::with_status(ssr::detail(id, &language).await)
}

#[server(prefix = "/api", endpoint = "events/list", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_events(query: EventQuery, language: String) -> Result<EventList, AppError> {
    crate::server::request::with_status(ssr::list(query, &language).await)
}

/// The events that present an initiative, for its page.
#[server(prefix = "/api", endpoint = "events/presenting")]
pub async fn events_presenting(
    initiative: i64,
    language: String,
) -> Result<Vec<EventCard>, AppError> {
    crate::server::request::with_status(ssr::presenting(initiative, &language).await)
}

/// Signs the caller up: a seat while the party fits, the waitlist after that.
#[server(prefix = "/api", endpoint = "events/sign-up")]
pub async fn sign_up(form: SignupForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::sign_up(form).await)
}

/// Cancels the caller's own sign-up; the seats go to the waitlist.
#[server(prefix = "/api", endpoint = "events/cancel-sign-up")]
pub async fn cancel_sign_up(signup: i64) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::cancel_signup(signup).await)
}

/// Cancels the event; everyone signed up is told.
#[server(prefix = "/api", endpoint = "events/cancel")]
pub async fn cancel_event(event: i64) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::cancel_event(event).await)
}

/// The attendee list with needs and codes: organisers and moderators only.
#[server(prefix = "/api", endpoint = "events/attendees")]
pub async fn list_attendees(event: i64, language: String) -> Result<AttendeeList, AppError> {
    crate::server::request::with_status(organisers::attendees(event, &language).await)
}

/// Checks in whoever gave this code at the door; answers their name.
#[server(prefix = "/api", endpoint = "events/check-in")]
pub async fn check_in(form: CheckInForm) -> Result<String, AppError> {
    crate::server::request::with_status(organisers::check_in_code(form).await)
}

/// Checks in a line of the attendee list (found by name); answers the name.
#[server(prefix = "/api", endpoint = "events/check-in-sign-up")]
pub async fn check_in_sign_up(event: i64, signup: i64) -> Result<String, AppError> {
    crate::server::request::with_status(organisers::check_in_signup(event, signup).await)
}

/// Takes a sign-up off the list with a reason the person is told; the seats go to the waitlist.
#[server(prefix = "/api", endpoint = "events/remove-sign-up")]
pub async fn remove_sign_up(form: RemovalForm) -> Result<(), AppError> {
    crate::server::request::with_status(organisers::remove(form).await)
}

/// Mails everyone signed up (waitlist included); answers how many were written to.
#[server(prefix = "/api", endpoint = "events/announce")]
pub async fn announce(form: AnnouncementForm) -> Result<i64, AppError> {
    crate::server::request::with_status(organisers::announce(form).await)
}

/// The private address of the caller's "my events" calendar feed; `renew` replaces it. A
/// visitor has none (`None`, not an error: the events page asks for it on every visit).
#[server(prefix = "/api", endpoint = "events/my-calendar")]
pub async fn my_calendar(renew: bool) -> Result<Option<String>, AppError> {
    crate::server::request::with_status(ssr::my_calendar(renew).await)
}

/// Ends every sign-up of a member who deleted their account: seats freed, waitlists promoted
/// (and told), access needs emptied.
#[cfg(feature = "ssr")]
pub async fn release_signups_of(
    state: &crate::server::state::AppState,
    member: crate::accounts::AccountId,
) -> Result<(), AppError> {
    use crate::events::signups;
    let now = time::OffsetDateTime::now_utc();
    for (event, signup) in signups::active_of(&state.db, member, now).await? {
        ssr::cancel_signup_of(state, event, signup, now).await?;
    }
    signups::forget_needs_of(&state.db, member).await
}

#[cfg(feature = "ssr")]
mod organisers {
    use super::ssr::{mail_context_parts, require_manager};
    use super::*;
    use crate::events::attendees::{self, Arrival};
    use crate::events::mails::EventMailContext;
    use crate::events::signups::{self, Ending};
    use crate::events::{store, EventId};
    use crate::server::rate_limit::{self, ANNOUNCEMENTS_PER_EVENT, WRONG_CODES_PER_EVENT};
    use crate::server::state::app_state;
    use time::OffsetDateTime;

    pub async fn attendees(event: i64, language: &str) -> Result<AttendeeList, AppError> {
        let state = app_state()?;
        let event = EventId(event);
        require_manager(&state.db, event).await?;
        let card = store::card(&state.db, event, language)
            .await?
            .ok_or(AppError::NotFound)?;
        let rows = attendees::list(&state.db, event).await?;
        let checked_in = rows
            .iter()
            .filter(|row| row.status == crate::events::SignupStatus::Attended)
            .map(|row| row.party_size)
            .sum();
        Ok(AttendeeList {
            event: card,
            rows,
            checked_in,
        })
    }

    /// Back to the list, the person who arrived marked.
    fn show_arrival(event: EventId, signup: i64) {
        leptos_axum::redirect(&format!(
            "{}/attendees?arrived={signup}#arrived",
            event.path()
        ));
    }

    pub async fn check_in_code(form: CheckInForm) -> Result<String, AppError> {
        let state = app_state()?;
        let event = EventId(form.event);
        require_manager(&state.db, event).await?;
        let subject = event.0.to_string();
        if rate_limit::is_exhausted(&state.db, WRONG_CODES_PER_EVENT, &subject).await? {
            return Err(AppError::RateLimited);
        }
        let arrival = Arrival::Code(form.code.clone());
        match attendees::check_in(&state.db, event, &arrival, OffsetDateTime::now_utc()).await {
            Ok((signup, name)) => {
                show_arrival(event, signup);
                Ok(name)
            }
            Err(error) => {
                if error.code_for("code") == Some(crate::error::ErrorCode::UnknownCode) {
                    rate_limit::record(&state.db, WRONG_CODES_PER_EVENT, &subject).await?;
                }
                Err(error)
            }
        }
    }

    pub async fn check_in_signup(event: i64, signup: i64) -> Result<String, AppError> {
        let state = app_state()?;
        let event = EventId(event);
        require_manager(&state.db, event).await?;
        let arrival = Arrival::Signup(signup);
        let (signup, name) =
            attendees::check_in(&state.db, event, &arrival, OffsetDateTime::now_utc()).await?;
        show_arrival(event, signup);
        Ok(name)
    }

    pub async fn remove(form: RemovalForm) -> Result<(), AppError> {
        let state = app_state()?;
        // Whose event it is comes from the sign-up; an unknown one is "not found" only to
        // someone logged in.
        crate::accounts::session::require_member().await?;
        let owner = signups::owner_of(&state.db, form.signup)
            .await?
            .ok_or(AppError::NotFound)?;
        let event = EventId(owner.event);
        require_manager(&state.db, event).await?;
        let reason = form.parse_reason()?;
        let person = signups::attendee(&state.db, form.signup)
            .await?
            .ok_or(AppError::NotFound)?;
        let (heading, url) = mail_context_parts(&state, event).await?;
        let mails = EventMailContext {
            heading: &heading,
            url: &url,
        };
        let ending = Ending::Removed(reason.clone(), mails.removed(&person, &reason));
        let now = OffsetDateTime::now_utc();
        signups::cancel(&state.db, event, form.signup, now, &ending, |attendee| {
            mails.promoted(attendee)
        })
        .await?;
        leptos_axum::redirect(&format!("{}/attendees", event.path()));
        Ok(())
    }

    pub async fn announce(form: AnnouncementForm) -> Result<i64, AppError> {
        let state = app_state()?;
        let event = EventId(form.event);
        require_manager(&state.db, event).await?;
        let (subject, body) = form.parse()?;
        let key = event.0.to_string();
        if rate_limit::is_exhausted(&state.db, ANNOUNCEMENTS_PER_EVENT, &key).await? {
            return Err(AppError::RateLimited);
        }
        let (heading, url) = mail_context_parts(&state, event).await?;
        let mails = EventMailContext {
            heading: &heading,
            url: &url,
        };
        let people = signups::everyone_signed_up(&state.db, event).await?;
        let letters: Vec<_> = people
            .iter()
            .map(|person| mails.announcement(person, &subject, &body))
            .collect();
        crate::server::mail::enqueue_all(&state.db, &letters).await?;
        rate_limit::record(&state.db, ANNOUNCEMENTS_PER_EVENT, &key).await?;
        leptos_axum::redirect(&format!(
            "{}/attendees?announced={}",
            event.path(),
            letters.len()
        ));
        Ok(letters.len() as i64)
    }
}

#[cfg(feature = "ssr")]
pub(crate) use ssr::{cancel_signup_of, is_shaker, mail_context_parts, require_manager};

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::{session, AccountId, CurrentAccount};
    use crate::db::{db_failed, Db};
    use crate::error::{ErrorCode, FieldErrors};
    use crate::events::mails::EventMailContext;
    use crate::events::signups::{self, Ending, NewSignup, Who};
    use crate::events::store::{self, EventRecord, ListFilter, Reader};
    use crate::events::{zones, EventId, EventInput, Format, WallClock};
    use crate::server::state::{app_state, AppState};
    use crate::with_pool;
    use time::OffsetDateTime;

    pub(crate) async fn is_shaker(db: &Db, member: &CurrentAccount) -> Result<bool, AppError> {
        if member.can_moderate() {
            return Ok(true);
        }
        with_pool!(db, pool => sqlx::query_scalar::<_, bool>(
            "SELECT EXISTS (SELECT 1 FROM member_roles WHERE account_id = $1 AND role = 'shaker')")
            .bind(member.id.0).fetch_one(pool).await)
        .map_err(db_failed)
    }

    pub async fn my_calendar(renew: bool) -> Result<Option<String>, AppError> {
        let Some(member) = session::current_account().await? else {
            return Ok(None);
        };
        let state = app_state()?;
        let token = crate::events::calendars::token_of(&state.db, member.id, renew).await?;
        let path = format!("/calendars/my/{token}/events.ics");
        Ok(Some(state.config.link_to(&path)))
    }

    pub async fn may_organise() -> Result<bool, AppError> {
        match session::current_account().await? {
            Some(member) => is_shaker(&app_state()?.db, &member).await,
            None => Ok(false),
        }
    }

    /// The caller, when they may manage event `id`: organisers and moderators.
    pub async fn require_manager(db: &Db, id: EventId) -> Result<CurrentAccount, AppError> {
        let member = session::require_member().await?;
        let organisers = store::organisers(db, id).await?.ok_or(AppError::NotFound)?;
        if organisers.includes(member.id) || member.can_moderate() {
            Ok(member)
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub async fn save(form: EventForm) -> Result<(), AppError> {
        let member = session::require_member().await?;
        let state = app_state()?;
        // Who may write comes before what they wrote.
        match form.id.trim() {
            "" if !is_shaker(&state.db, &member).await? => return Err(AppError::Forbidden),
            "" => {}
            id => {
                let id = EventId(id.parse::<i64>().map_err(|_| AppError::BadRequest)?);
                require_manager(&state.db, id).await?;
            }
        }
        let input = form.parse()?;
        let now = OffsetDateTime::now_utc();
        let id = match input.id {
            None => {
                let day = day_joined(&state.db, input.day).await?;
                let record = resolve(&state.db, &input, member.id, (None, day), now).await?;
                store::create(&state.db, member.id, &record, now).await?
            }
            Some(id) => {
                let organiser = store::organisers(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?
                    .organiser;
                let stored = store::heading(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let stored_day = crate::days::store::day_of_event(&state.db, id.0).await?;
                let day = if input.day == stored_day.map(|day| day.0) {
                    match stored_day {
                        Some(day) => crate::days::store::heading(&state.db, day)
                            .await?
                            .map(|heading| (day, heading)),
                        None => None,
                    }
                } else if member.id == organiser {
                    day_joined(&state.db, input.day).await?
                } else {
                    // Only the event's shaker links it to a Day, or takes it out of one.
                    return Err(AppError::Forbidden);
                };
                let record = resolve(
                    &state.db,
                    &input,
                    organiser,
                    (Some(stored.starts_at), day),
                    now,
                )
                .await?;
                let heading = store::EventHeading {
                    title: record.title.clone(),
                    starts_at: record.starts_at,
                    ends_at: record.ends_at,
                    timezone: record.timezone.clone(),
                    cancelled: stored.cancelled,
                };
                let url = state.config.link_to(&id.path());
                let mails = EventMailContext {
                    heading: &heading,
                    url: &url,
                };
                store::update(&state.db, id, &record, now, |attendee| {
                    mails.promoted(attendee)
                })
                .await?;
                id
            }
        };
        leptos_axum::redirect(&id.path());
        Ok(())
    }

    /// The Day a new (or newly linked) event joins, when its call lets it.
    async fn day_joined(
        db: &Db,
        day: Option<i64>,
    ) -> Result<Option<(crate::days::DayId, crate::days::store::DayHeading)>, AppError> {
        let Some(day) = day.map(crate::days::DayId) else {
            return Ok(None);
        };
        let heading = crate::days::api::require_joinable(db, day).await?;
        Ok(Some((day, heading)))
    }

    /// The instant `wall` means in `zone`, or the field's error.
    fn instant(
        errors: &mut FieldErrors,
        field: &str,
        wall: Option<WallClock>,
        zone: Option<&jiff::tz::TimeZone>,
    ) -> Option<OffsetDateTime> {
        let (wall, zone) = (wall?, zone?);
        errors.check(field, zones::to_utc(wall, zone))
    }

    /// Turns what was typed into what is stored: the city and zone looked up, times in UTC,
    /// people and initiatives found. `stored_start` is the saved start of an edited event
    /// (a past start may stay as it was); an event of a Day starts on its date, on the clocks
    /// of its city.
    async fn resolve(
        db: &Db,
        input: &EventInput,
        organiser: AccountId,
        (stored_start, day): (
            Option<OffsetDateTime>,
            Option<(crate::days::DayId, crate::days::store::DayHeading)>,
        ),
        now: OffsetDateTime,
    ) -> Result<EventRecord, AppError> {
        let mut errors = FieldErrors::default();
        let city =
            crate::cities::store::resolve_field(db, Some(&input.city), "city", &mut errors).await?;
        let zone_name = input
            .timezone
            .clone()
            .or_else(|| city.as_ref().map(|city| city.timezone.clone()));
        let zone = zone_name
            .as_deref()
            .and_then(|name| errors.check("timezone", zones::zone(name)));
        let starts_at = instant(&mut errors, "starts", Some(input.starts), zone.as_ref());
        let ends_at = instant(&mut errors, "ends", Some(input.ends), zone.as_ref());
        let signup_deadline = instant(
            &mut errors,
            "signup_deadline",
            input.signup_deadline,
            zone.as_ref(),
        );
        if let Some(starts_at) = starts_at {
            if starts_at <= now && stored_start != Some(starts_at) {
                errors.add("starts", ErrorCode::InPast);
            }
        }
        if let (Some((_, day)), Some(starts_at), Some(city)) = (&day, starts_at, &city) {
            // On the city's clocks, whatever zone the times were typed in.
            if !crate::days::calendar::is_on(day.date, starts_at, &city.timezone) {
                errors.add("starts", ErrorCode::NotOnTheDay);
            }
        }
        if let (Some(starts_at), Some(ends_at)) = (starts_at, ends_at) {
            // Typed in order, but a clock change in between can still turn them round.
            if ends_at <= starts_at {
                errors.add("ends", ErrorCode::EndBeforeStart);
            }
        }
        let co_organisers = co_organisers(db, &input.co_organisers, organiser, &mut errors).await?;
        let initiatives = published(db, &input.initiatives, &mut errors).await?;
        match (city, zone_name, starts_at, ends_at) {
            (Some(city), Some(timezone), Some(starts_at), Some(ends_at)) if errors.is_empty() => {
                Ok(EventRecord {
                    title: input.title.clone(),
                    format: input.format,
                    description: input.description.clone(),
                    language: input.language.clone(),
                    starts_at,
                    ends_at,
                    timezone,
                    city_id: city.id.0,
                    address: input.address.clone(),
                    latitude: city.latitude,
                    longitude: city.longitude,
                    online_url: input.online_url.clone(),
                    languages: input.languages.clone(),
                    capacity: input.capacity,
                    max_party_size: input.max_party_size,
                    signup_deadline,
                    accessibility: input.accessibility.clone(),
                    co_organisers,
                    initiatives,
                    remind_at: input
                        .reminder_hours
                        .map(|hours| starts_at - time::Duration::hours(hours)),
                    day_id: day.map(|(id, _)| id.0),
                })
            }
            _ => Err(errors.into_error()),
        }
    }

    async fn co_organisers(
        db: &Db,
        handles: &[String],
        organiser: AccountId,
        errors: &mut FieldErrors,
    ) -> Result<Vec<AccountId>, AppError> {
        let mut members = Vec::new();
        for handle in handles {
            match crate::members::store::find_member_by_handle(db, handle).await? {
                // The organiser is one already.
                Some((id, _)) if id == organiser => {}
                Some((id, _)) => members.push(id),
                None => {
                    errors.add("co_organisers", ErrorCode::UnknownMember);
                    break;
                }
            }
        }
        Ok(members)
    }

    /// The deck, if every initiative in it is published.
    async fn published(
        db: &Db,
        ids: &[i64],
        errors: &mut FieldErrors,
    ) -> Result<Vec<i64>, AppError> {
        for id in ids {
            let found = with_pool!(db, pool => sqlx::query_scalar::<_, bool>(
                "SELECT EXISTS (SELECT 1 FROM initiatives WHERE id = $1 AND status = 'published')")
                .bind(id).fetch_one(pool).await)
            .map_err(db_failed)?;
            if !found {
                errors.add("initiatives", ErrorCode::UnknownInitiative);
                break;
            }
        }
        Ok(ids.to_vec())
    }

    pub async fn editable(id: i64, duplicate: bool, language: &str) -> Result<EventForm, AppError> {
        let state = app_state()?;
        let id = EventId(id);
        let member = session::require_member().await?;
        let mut form = if duplicate {
            // Anyone who may organise may start from any event: its text is public anyway.
            if !is_shaker(&state.db, &member).await? {
                return Err(AppError::Forbidden);
            }
            store::editable(&state.db, id, language)
                .await?
                .ok_or(AppError::NotFound)?
        } else {
            require_manager(&state.db, id).await?;
            store::editable(&state.db, id, language)
                .await?
                .ok_or(AppError::NotFound)?
        };
        if duplicate {
            form.id.clear();
            form.starts.clear();
            form.ends.clear();
            form.signup_deadline.clear();
            // A copy is not its city's part of the Day unless made from the Day's page.
            form.day.clear();
        }
        Ok(form)
    }

    /// The zone of the city the member lives in.
    async fn zone_of_member(db: &Db, member: &CurrentAccount) -> Result<Option<String>, AppError> {
        with_pool!(db, pool => sqlx::query_scalar::<_, String>(
            "SELECT c.timezone FROM accounts a JOIN cities c ON c.id = a.city_id WHERE a.id = $1")
            .bind(member.id.0).fetch_optional(pool).await)
        .map_err(db_failed)
    }

    pub async fn detail(id: i64, language: &str) -> Result<EventDetail, AppError> {
        let state = app_state()?;
        let member = session::current_account().await?;
        let zone = match &member {
            Some(member) => zone_of_member(&state.db, member).await?,
            None => None,
        };
        let reader = Reader {
            member: member.as_ref().map(|member| member.id),
            can_moderate: member.as_ref().is_some_and(CurrentAccount::can_moderate),
            zone: zone.as_deref(),
            language,
        };
        let mut detail = store::detail(&state.db, EventId(id), reader, OffsetDateTime::now_utc())
            .await?
            .ok_or(AppError::NotFound)?;
        detail.structured_data = structured_data(&detail, |path| state.config.link_to(path));
        let event = EventId(id);
        detail.outcome = crate::events::outcome::store::outcome_of(&state.db, event).await?;
        let content_language = crate::initiatives::api::reader_language(language);
        detail.started_projects =
            crate::inspiration::store::started_at(&state.db, id, content_language).await?;
        if let Some(day) = crate::days::store::day_of_event(&state.db, id).await? {
            let name = crate::days::store::name_in(&state.db, day, content_language).await?;
            detail.day = name.map(|name| (day.0, name));
        }
        detail.may_start_initiative = match &member {
            Some(member) if detail.has_begun && !detail.card.cancelled => {
                detail.can_manage
                    || crate::events::outcome::store::held_a_seat(&state.db, event, member.id)
                        .await?
            }
            _ => false,
        };
        Ok(detail)
    }

    /// schema.org `Event` for search engines and link previews: what the page shows anyone
    /// (never the online room's link). `<` is escaped so that no text closes the `<script>`.
    fn structured_data(detail: &EventDetail, link_to: impl Fn(&str) -> String) -> String {
        let card = &detail.card;
        let place = serde_json::json!({
            "@type": "Place",
            "name": card.city,
            "address": if detail.address.is_empty() { card.city.clone() } else { format!("{}, {}", detail.address, card.city) },
            "geo": { "@type": "GeoCoordinates", "latitude": detail.latitude, "longitude": detail.longitude },
        });
        let location = if card.online {
            serde_json::json!([place, { "@type": "VirtualLocation", "url": link_to(&card.id.path()) }])
        } else {
            place
        };
        let mode = match (card.online, detail.address.is_empty()) {
            (true, true) => "https://schema.org/OnlineEventAttendanceMode",
            (true, false) => "https://schema.org/MixedEventAttendanceMode",
            (false, _) => "https://schema.org/OfflineEventAttendanceMode",
        };
        let organisers: Vec<serde_json::Value> = detail
            .organisers
            .iter()
            .map(|person| match &person.handle {
                Some(handle) => serde_json::json!({ "@type": "Person", "name": person.name, "url": link_to(&crate::members::member_path(handle)) }),
                None => serde_json::json!({ "@type": "Person", "name": person.name }),
            })
            .collect();
        let data = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Event",
            "name": card.title,
            "url": link_to(&card.id.path()),
            "startDate": card.starts.local,
            "endDate": card.ends.local,
            "eventStatus": if card.cancelled { "https://schema.org/EventCancelled" } else { "https://schema.org/EventScheduled" },
            "eventAttendanceMode": mode,
            "location": location,
            "organizer": organisers,
            "inLanguage": card.languages,
            "maximumAttendeeCapacity": card.capacity,
            "remainingAttendeeCapacity": card.capacity.map(|capacity| (capacity - card.seats_taken).max(0)),
            "isAccessibleForFree": true,
        });
        crate::text::script_json(&data)
    }

    /// "2026-12-01" as the start of that day in UTC (filters are by day, loosely).
    fn day(raw: &str, field: &str) -> Result<Option<OffsetDateTime>, AppError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        WallClock::parse(&format!("{}T00:00", raw.trim()))
            .ok()
            .and_then(|wall| zones::to_utc(wall, &jiff::tz::TimeZone::UTC).ok())
            .map(Some)
            .ok_or_else(|| AppError::field(field, ErrorCode::InvalidDateTime))
    }

    pub async fn list(query: EventQuery, language: &str) -> Result<EventList, AppError> {
        let state = app_state()?;
        let city = match query.city.trim() {
            "" => None,
            label => crate::cities::store::resolve_label(&state.db, label).await?,
        };
        let filter = ListFilter {
            near: city.as_ref().map(|city| (city.latitude, city.longitude)),
            country: Some(query.country.trim().to_uppercase()).filter(|code| code.len() == 2),
            format: Format::parse(query.format.trim()),
            language: crate::initiatives::parse_language(&query.language).ok(),
            from: day(&query.from, "from")?,
            // The whole last day is included.
            to: day(&query.to, "to")?.map(|day| day + time::Duration::days(1)),
            past: query.past,
            page: query.page,
        };
        let mut list = store::list(&state.db, &filter, language, OffsetDateTime::now_utc()).await?;
        list.near_city = city.as_ref().map(|city| city.id.0);
        list.near = city.map(|city| crate::cities::store::translated(city, language).label());
        Ok(list)
    }

    pub async fn presenting(initiative: i64, language: &str) -> Result<Vec<EventCard>, AppError> {
        store::presenting(&app_state()?.db, initiative, language).await
    }

    pub async fn sign_up(form: SignupForm) -> Result<(), AppError> {
        let member = session::require_member().await?;
        let state = app_state()?;
        let input = form.parse()?;
        let signup = NewSignup {
            event: input.event,
            who: Who::Member(member.id),
            party_size: input.party_size,
            access_flags: input.access_flags,
            access_needs: input.access_needs,
        };
        signups::sign_up(&state.db, &signup, OffsetDateTime::now_utc()).await?;
        leptos_axum::redirect(&format!("{}#my-signup", input.event.path()));
        Ok(())
    }

    pub(crate) async fn mail_context_parts(
        state: &AppState,
        event: EventId,
    ) -> Result<(store::EventHeading, String), AppError> {
        let heading = store::heading(&state.db, event)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((heading, state.config.link_to(&event.path())))
    }

    /// Cancels a sign-up on its person's behalf: the seats go to the waitlist, who is told.
    pub(crate) async fn cancel_signup_of(
        state: &AppState,
        event: EventId,
        signup: i64,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        let (heading, url) = mail_context_parts(state, event).await?;
        let mails = EventMailContext {
            heading: &heading,
            url: &url,
        };
        signups::cancel(
            &state.db,
            event,
            signup,
            now,
            &Ending::Cancelled,
            |attendee| mails.promoted(attendee),
        )
        .await?;
        Ok(())
    }

    pub async fn cancel_signup(signup: i64) -> Result<(), AppError> {
        let member = session::require_member().await?;
        let state = app_state()?;
        let owner = signups::owner_of(&state.db, signup).await?;
        // Someone else's sign-up is "not found": its existence is nobody else's business.
        let Some(owner) = owner.filter(|owner| owner.account == Some(member.id.0)) else {
            return Err(AppError::NotFound);
        };
        let event = EventId(owner.event);
        cancel_signup_of(&state, event, signup, OffsetDateTime::now_utc()).await?;
        leptos_axum::redirect(&format!("{}#my-signup", event.path()));
        Ok(())
    }

    pub async fn cancel_event(event: i64) -> Result<(), AppError> {
        let state = app_state()?;
        let event = EventId(event);
        require_manager(&state.db, event).await?;
        let (heading, url) = mail_context_parts(&state, event).await?;
        let mails = EventMailContext {
            heading: &heading,
            url: &url,
        };
        store::cancel(&state.db, event, OffsetDateTime::now_utc(), |attendee| {
            mails.cancelled(attendee)
        })
        .await?;
        leptos_axum::redirect(&event.path());
        Ok(())
    }
}
