//! `/days/:id`: a New CITYzens Day: its date and featured initiative, the open call and how to
//! join, the countdown in each city's own zone, the totals, the cities on a map and in a list
//! with their events and sign-ups, afterwards what each city recorded, and the kit. With
//! JavaScript the cities and totals are asked again every minute; without, a reload does it.
//! `/days/:id/poster`: the poster text alone, to print.
use super::api::{load_day_progress, read_day};
use super::{DayCity, DayDetail, DayEvent, DayPhase, DayProgress, Joining};
use crate::i18n::*;
use crate::inspiration::view::LinkEnds;
use crate::ui::dates::Date;
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;

/// How often the page asks for the cities and totals again.
const REFRESH_SECONDS: u64 = 60;

fn day_resource() -> Resource<Result<DayDetail, crate::error::AppError>> {
    let i18n = use_i18n();
    let id = crate::ui::id_param();
    Resource::new(
        move || (id(), i18n.get_locale().as_str().to_owned()),
        |(id, language)| async move {
            match id {
                Some(id) => read_day(id, language).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    )
}

/// The Day named by the address, once read, shown by `show`; the page's error otherwise. The Day
/// page and its poster share it.
#[component]
fn WithDay(show: fn(DayDetail) -> AnyView) -> impl IntoView {
    let i18n = use_i18n();
    let detail = day_resource();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => show(detail),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn DayPage() -> impl IntoView {
    view! { <WithDay show=|detail| view! { <Day detail/> }.into_any()/> }
}

#[component]
fn Day(detail: DayDetail) -> impl IntoView {
    let i18n = use_i18n();
    let progress = RwSignal::new(detail.progress.clone());
    refresh_every_minute(detail.id.0, progress);
    let name = detail.texts.name.clone();
    view! {
        <Title text=name.clone()/>
        <article class="day">
            <p class="day-kicker">{t!(i18n, days.kicker)}</p>
            <h1 lang=detail.texts.language.clone()>{name}</h1>
            <p class="day-date"><Date at=detail.date.clone()/></p>
            <p>{t!(i18n, days.featured)} " " <a href=detail.initiative.path()>{detail.initiative.title.clone()}</a></p>
            <PhaseBanner phase=detail.phase/>
            {detail.can_manage.then(|| view! {
                <p class="button-row">
                    <a class="button button-secondary" href=format!("{}/edit", detail.id.path())>{t!(i18n, days.edit)}</a>
                    <a class="button button-secondary" href=format!("{}/translate", detail.id.path())>{t!(i18n, days.translate)}</a>
                </p>
            })}
            <Totals progress/>
            <JoinSection detail=detail.clone()/>
            {move || (detail.phase != DayPhase::Over).then(|| view! { <Countdown cities=progress.get().cities/> })}
            <section aria-labelledby="day-cities-title">
                <h2 id="day-cities-title">{t!(i18n, days.cities_title)}</h2>
                <div class="lineage-map" role="region" aria-label=move || t_string!(i18n, days.map_label).to_string()
                    data-map-points=move || progress.read().points_json.clone() data-tiles=detail.tile_url.clone()
                    data-attribution=detail.tile_attribution.clone()></div>
                {move || view! { <CityList cities=progress.get().cities/> }}
            </section>
            <Kit detail=detail.clone()/>
        </article>
    }
}

/// Asks for the cities and totals again every minute, once the page runs in the browser.
fn refresh_every_minute(id: i64, progress: RwSignal<DayProgress>) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let tick = move || {
            let language = i18n.get_locale_untracked().as_str().to_owned();
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = load_day_progress(id, language).await {
                    progress.set(fresh);
                }
            });
        };
        let interval = std::time::Duration::from_secs(REFRESH_SECONDS);
        if let Ok(handle) = set_interval_with_handle(tick, interval) {
            on_cleanup(move || handle.clear());
        }
    });
}

#[component]
fn PhaseBanner(phase: DayPhase) -> impl IntoView {
    let i18n = use_i18n();
    let text = match phase {
        DayPhase::Coming => return ().into_any(),
        DayPhase::Running => t_string!(i18n, days.running),
        DayPhase::Over => t_string!(i18n, days.over),
    };
    view! { <p class="status-banner" role="status">{text.to_string()}</p> }.into_any()
}

/// Cities, countries, events and people signed up; announced politely when they change.
#[component]
fn Totals(progress: RwSignal<DayProgress>) -> impl IntoView {
    let i18n = use_i18n();
    let figure = move |label: String, count: fn(&DayProgress) -> i64| {
        view! { <div><dt>{label}</dt><dd>{move || count(&progress.read())}</dd></div> }
    };
    view! {
        <section aria-labelledby="day-totals-title">
            <h2 id="day-totals-title">{t!(i18n, days.totals_title)}</h2>
            <dl class="movement-numbers day-totals" aria-live="polite">
                {figure(t_string!(i18n, days.total_cities).to_string(), |p| p.totals.cities)}
                {figure(t_string!(i18n, days.total_countries).to_string(), |p| p.totals.countries)}
                {figure(t_string!(i18n, days.total_events).to_string(), |p| p.totals.events)}
                {figure(t_string!(i18n, days.total_signed_up).to_string(), |p| p.totals.signed_up)}
            </dl>
        </section>
    }
}

/// The open call, and what the reader can do about it.
#[component]
fn JoinSection(detail: DayDetail) -> impl IntoView {
    let i18n = use_i18n();
    let action = match detail.joining {
        Joining::Closed => view! { <p>{t!(i18n, days.call_closed)}</p> }.into_any(),
        Joining::Visitor => view! {
            <p><a class="button" href=crate::ui::log_in_href()>{t!(i18n, days.join_log_in)}</a></p>
        }
        .into_any(),
        Joining::NotAShaker => view! {
            <p>{t!(i18n, days.join_shakers_only)} " " <a href="/my/profile">{t!(i18n, events.take_shaker_role)}</a></p>
        }
        .into_any(),
        Joining::Shaker => view! {
            <p><a class="button" href=format!("/events/new?day={}", detail.id.0)>{t!(i18n, days.join)}</a></p>
        }
        .into_any(),
    };
    view! {
        <section class="day-call" aria-labelledby="day-call-title">
            <h2 id="day-call-title">{t!(i18n, days.call_title)}</h2>
            <div class="prose" lang=detail.texts.language.clone() inner_html=detail.texts.call_html.clone()></div>
            {action}
        </section>
    }
}

/// "In 3 days in Manila", "today in Rio": each city on its own clock.
#[component]
fn Countdown(cities: Vec<DayCity>) -> impl IntoView {
    let i18n = use_i18n();
    (!cities.is_empty()).then(|| view! {
        <section aria-labelledby="day-countdown-title">
            <h2 id="day-countdown-title">{t!(i18n, days.countdown_title)}</h2>
            <ul class="day-countdown">
                {cities.into_iter().map(|city| {
                    let name = city.name.clone();
                    let text = match city.days_until {
                        days if days > 1 => t_string!(i18n, days.in_days, count = days, city = name).to_string(),
                        1 => t_string!(i18n, days.tomorrow, city = name).to_string(),
                        0 => t_string!(i18n, days.today, city = name).to_string(),
                        _ => t_string!(i18n, days.over_in, city = name).to_string(),
                    };
                    view! { <li>{text}</li> }
                }).collect_view()}
            </ul>
        </section>
    })
}

/// The cities taking part, each with its events, sign-ups and what it recorded.
#[component]
fn CityList(cities: Vec<DayCity>) -> impl IntoView {
    let i18n = use_i18n();
    if cities.is_empty() {
        return view! { <p>{t!(i18n, days.no_city_yet)}</p> }.into_any();
    }
    view! {
        <ul class="day-cities" role="list">
            {cities.into_iter().map(|city| view! {
                <li>
                    <h3>{format!("{}, {}", city.name, city.country)}</h3>
                    <ul class="day-events">
                        {city.events.into_iter().map(|event| view! { <DayEventRow event/> }).collect_view()}
                    </ul>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn DayEventRow(event: DayEvent) -> impl IntoView {
    let i18n = use_i18n();
    let seats = match event.capacity {
        Some(capacity) => {
            t_string!(i18n, days.signed_up_of, count = event.signed_up, capacity).to_string()
        }
        None => t_string!(i18n, days.signed_up, count = event.signed_up).to_string(),
    };
    view! {
        <li class="day-event">
            <a href=format!("/events/{}", event.id)>{event.title.clone()}</a>
            " — " <span class="day-event-seats">{seats}</span>
            {event.cancelled.then(|| view! { " " <strong>{t!(i18n, days.event_cancelled)}</strong> })}
            {event.attendance.map(|count| view! {
                <div class="day-outcome">
                    <p>{t!(i18n, events.outcome_came, count = count)}</p>
                    {(!event.ideas_html.is_empty()).then(|| view! { <div class="prose" inner_html=event.ideas_html.clone()></div> })}
                </div>
            })}
            {(!event.started.is_empty()).then(|| view! {
                <p>{t!(i18n, events.started_here)}</p>
                <LinkEnds ends=event.started.clone()/>
            })}
        </li>
    }
}

/// The kit: what to do, what to bring, a programme, and the poster to print.
#[component]
fn Kit(detail: DayDetail) -> impl IntoView {
    let i18n = use_i18n();
    let language = detail.texts.language.clone();
    let part = |title: String, html: String| {
        (!html.is_empty()).then(|| {
            view! { <h3>{title}</h3> <div class="prose" lang=language.clone() inner_html=html></div> }
        })
    };
    view! {
        <section class="day-kit" aria-labelledby="day-kit-title">
            <h2 id="day-kit-title">{t!(i18n, days.kit_title)}</h2>
            {part(t_string!(i18n, days.kit_what_to_do).to_string(), detail.texts.what_to_do_html.clone())}
            {part(t_string!(i18n, days.kit_programme).to_string(), detail.texts.programme_html.clone())}
            {part(t_string!(i18n, days.kit_bring).to_string(), detail.texts.what_to_bring_html.clone())}
            {(!detail.texts.poster.is_empty()).then(|| view! {
                <p><a href=format!("{}/poster", detail.id.path())>{t!(i18n, days.poster_link)}</a></p>
            })}
        </section>
    }
}

/// `/days/:id/poster`: the Day's name, date, featured initiative and poster text, large, for
/// printing (the print stylesheet leaves the site's header out).
#[component]
pub fn PosterPage() -> impl IntoView {
    view! { <WithDay show=|detail| view! { <Poster detail/> }.into_any()/> }
}

#[component]
fn Poster(detail: DayDetail) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=detail.texts.name.clone()/>
        <article class="poster">
            <p class="day-kicker">{t!(i18n, days.kicker)}</p>
            <h1 lang=detail.texts.language.clone()>{detail.texts.name.clone()}</h1>
            <p class="day-date"><Date at=detail.date.clone()/></p>
            <p class="poster-text" lang=detail.texts.language.clone()>{detail.texts.poster.clone()}</p>
            <p>{t!(i18n, days.featured)} " " {detail.initiative.title.clone()}</p>
            <p class="no-print"><a href=detail.id.path()>{t!(i18n, days.back_to_day)}</a></p>
        </article>
    }
}
