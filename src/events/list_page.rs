//! `/events`: upcoming events (or past ones), by city, country, format, language and dates;
//! nearest first when a city is given. Like the initiatives search, the whole state lives in the
//! URL and every control is a link or a GET form.
use super::api::{list_events, may_organise, my_calendar};
use super::labels::{format_label, EventSpan};
use super::{EventCard, EventList, EventQuery, Format};
use crate::i18n::*;
use crate::initiatives::labels::content_language_name;
use crate::initiatives::CONTENT_LANGUAGES;
use crate::ui::errors::error_message;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

pub const EVENTS_PATH: &str = "/events";

pub fn query_from(params: &ParamsMap) -> EventQuery {
    let text = |key: &str| params.get(key).unwrap_or_default();
    EventQuery {
        city: text("city"),
        country: text("country"),
        format: text("format"),
        language: text("lang"),
        from: text("from"),
        to: text("to"),
        past: params.get("past").is_some_and(|past| past == "1"),
        page: params
            .get("page")
            .and_then(|page| page.parse::<i64>().ok())
            .map(|page| (page - 1).max(0))
            .unwrap_or_default(),
    }
}

/// The URL of a list, leaving out what is empty.
pub fn events_url(query: &EventQuery) -> String {
    let text = |value: &str| Some(value.trim().to_owned()).filter(|value| !value.is_empty());
    let pairs = vec![
        ("city", text(&query.city)),
        ("country", text(&query.country)),
        ("format", text(&query.format)),
        ("lang", text(&query.language)),
        ("from", text(&query.from)),
        ("to", text(&query.to)),
        ("past", query.past.then(|| "1".to_owned())),
        (
            "page",
            (query.page > 0).then(|| (query.page + 1).to_string()),
        ),
    ];
    crate::ui::url_with_query(EVENTS_PATH, pairs)
}

#[component]
pub fn EventsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| query_from(&params.read()));
    let list = Resource::new(
        move || (query.get(), i18n.get_locale().as_str().to_owned()),
        |(query, language)| list_events(query, language),
    );
    let organiser = Resource::new(|| (), |_| may_organise());
    // Visitors have no calendar address.
    let calendar = Resource::new(|| (), |_| my_calendar(false));
    let title = move || {
        if query.get().past {
            t_string!(i18n, events.past_title).to_string()
        } else {
            t_string!(i18n, events.list_title).to_string()
        }
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p>{t!(i18n, events.intro)}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                organiser.await.unwrap_or(false).then(|| view! {
                    <p><a class="button" href="/events/new">{t!(i18n, events.create)}</a></p>
                })
            })}
        </Suspense>
        <nav class="tabs" aria-label=move || t_string!(i18n, events.when_label).to_string()>
            <a href=move || events_url(&EventQuery { past: false, ..query.get() })
                aria-current=move || (!query.get().past).then_some("page")>{t!(i18n, events.upcoming)}</a>
            <a href=move || events_url(&EventQuery { past: true, ..query.get() })
                aria-current=move || query.get().past.then_some("page")>{t!(i18n, events.past)}</a>
        </nav>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                calendar.await.ok().flatten().map(|url| view! { <MyCalendar url/> })
            })}
        </Suspense>
        <FilterForm query=query.get_untracked()/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Listing query=query.get_untracked() list/> }.into_any(),
                    Err(error) => view! {
                        <p class="form-alert" role="alert">{error_message(i18n, &error)}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The private address of the member's own events, for a calendar app to subscribe to.
#[component]
fn MyCalendar(url: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="my-calendar">
            <summary>{t!(i18n, events.my_calendar)}</summary>
            <p>{t!(i18n, events.my_calendar_hint)}</p>
            <label for="my-calendar-url">{t!(i18n, events.my_calendar_address)}</label>
            <input id="my-calendar-url" type="text" readonly=true value=url/>
        </details>
    }
}

#[component]
fn FilterForm(query: EventQuery) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action=EVENTS_PATH class="filter-form" role="search">
            {query.past.then(|| view! { <input type="hidden" name="past" value="1"/> })}
            <div class="field">
                <label for="events-city">{t!(i18n, events.filter_city)}</label>
                <input id="events-city" type="text" name="city" value=query.city.clone() maxlength="120"
                    list="city-suggestions" autocomplete="off"/>
            </div>
            <div class="field">
                <label for="events-country">{t!(i18n, events.filter_country)}</label>
                <input id="events-country" type="text" name="country" value=query.country.clone()
                    maxlength="2" size="3" autocomplete="off"/>
            </div>
            <div class="field">
                <label for="events-format">{t!(i18n, events.format_label)}</label>
                <select id="events-format" name="format">
                    <option value="">{t!(i18n, events.any_format)}</option>
                    {Format::ALL.into_iter().map(|format| view! {
                        <option value=format.as_str() selected=query.format == format.as_str()>
                            {format_label(i18n, format)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="events-language">{t!(i18n, events.filter_language)}</label>
                <select id="events-language" name="lang">
                    <option value="">{t!(i18n, events.any_language)}</option>
                    {CONTENT_LANGUAGES.into_iter().map(|code| view! {
                        <option value=code selected=query.language == code>{content_language_name(i18n, code)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="events-from">{t!(i18n, events.filter_from)}</label>
                <input id="events-from" type="date" name="from" value=query.from.clone()/>
            </div>
            <div class="field">
                <label for="events-to">{t!(i18n, events.filter_to)}</label>
                <input id="events-to" type="date" name="to" value=query.to.clone()/>
            </div>
            <button type="submit" class="button">{t!(i18n, events.filter_submit)}</button>
        </form>
    }
}

/// The day an event starts on its own clocks ("2026-12-03").
fn local_day(card: &EventCard) -> String {
    card.starts.local.chars().take(10).collect()
}

/// Events under the day they start on, like a calendar (soonest first), or one list sorted by
/// distance when a city was given.
#[component]
fn Listing(query: EventQuery, list: EventList) -> impl IntoView {
    let i18n = use_i18n();
    if list.events.is_empty() {
        return view! { <p>{t!(i18n, events.none)}</p> }.into_any();
    }
    let near = list
        .near
        .clone()
        .map(|city| view! { <p>{t!(i18n, events.nearest_first, city)}</p> });
    let by_day = list.near.is_none() && !query.past;
    let mut groups: Vec<(String, Vec<EventCard>)> = Vec::new();
    for card in list.events {
        let day = if by_day {
            local_day(&card)
        } else {
            String::new()
        };
        match groups.last_mut() {
            Some((last, cards)) if *last == day => cards.push(card),
            _ => groups.push((day, vec![card])),
        }
    }
    let previous = (query.page > 0).then(|| {
        events_url(&EventQuery {
            page: query.page - 1,
            ..query.clone()
        })
    });
    let next = list.has_more.then(|| {
        events_url(&EventQuery {
            page: query.page + 1,
            ..query.clone()
        })
    });
    view! {
        {near}
        {groups.into_iter().map(|(day, cards)| view! {
            <section class="event-day">
                {(!day.is_empty()).then(|| view! { <h2><crate::ui::dates::Date at=day.clone()/></h2> })}
                <ul class="event-list" role="list">
                    {cards.into_iter().map(|card| view! { <li><EventCardView card/></li> }).collect_view()}
                </ul>
            </section>
        }).collect_view()}
        <nav class="pagination" aria-label=move || t_string!(i18n, search.pagination).to_string()>
            {previous.map(|href| view! { <a href=href rel="prev">{t!(i18n, search.previous)}</a> })}
            {next.map(|href| view! { <a href=href rel="next">{t!(i18n, search.next)}</a> })}
        </nav>
    }
    .into_any()
}

/// Seats left, "full", or nothing for an event without a limit.
fn seats_text(i18n: leptos_i18n::I18nContext<Locale>, card: &EventCard) -> Option<String> {
    let capacity = card.capacity?;
    let left = (capacity - card.seats_taken).max(0);
    Some(if left == 0 {
        t_string!(i18n, events.full).to_string()
    } else {
        t_string!(i18n, events.seats_left, left, capacity).to_string()
    })
}

#[component]
pub fn EventCardView(card: EventCard) -> impl IntoView {
    let i18n = use_i18n();
    let seats = seats_text(i18n, &card);
    let place = if card.online && card.city.is_empty() {
        t_string!(i18n, events.online).to_string()
    } else {
        card.city.clone()
    };
    let distance = card.distance_km.map(|km| {
        let km = km.round() as i64;
        view! { <span class="event-distance">{t!(i18n, events.distance_km, km)}</span> }
    });
    let languages = super::labels::languages_label(i18n, &card.languages);
    view! {
        <article class="card event-card" class:event-cancelled=card.cancelled>
            <p class="event-format">{format_label(i18n, card.format)}</p>
            <h3><a href=card.id.path()>{card.title.clone()}</a></h3>
            <p><EventSpan starts=card.starts.clone() ends=card.ends.clone()/></p>
            <p class="card-place">{place} {card.online.then(|| view! { " · " {t!(i18n, events.online)} })} " " {distance}</p>
            <p class="event-languages">{languages}</p>
            {card.cancelled.then(|| view! { <p class="event-status">{t!(i18n, events.cancelled)}</p> })}
            {match card.attendance {
                Some(count) => Some(view! { <p class="event-seats">{t!(i18n, events.outcome_came, count)}</p> }.into_any()),
                None => (!card.cancelled).then_some(seats).flatten().map(|seats| view! { <p class="event-seats">{seats}</p> }.into_any()),
            }}
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_round_trips_through_its_url() {
        let query = EventQuery {
            city: "Lyon, France".into(),
            format: "action_day".into(),
            language: "fr".into(),
            from: "2026-12-01".into(),
            past: true,
            page: 2,
            ..Default::default()
        };
        let url = events_url(&query);
        let pairs = url.split_once('?').unwrap().1;
        let map = ParamsMap::from_iter(pairs.split('&').map(|pair| {
            let (key, value) = pair.split_once('=').unwrap();
            let value = percent_encoding::percent_decode_str(value)
                .decode_utf8()
                .unwrap();
            (key.to_owned(), value.into_owned())
        }));
        assert_eq!(query_from(&map), query);
        assert_eq!(events_url(&EventQuery::default()), EVENTS_PATH);
    }
}
