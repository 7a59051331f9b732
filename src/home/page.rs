//! The home page: what New CITYzens is, its live numbers, the most inspiring initiatives, and
//! how to join.
use super::api::load_movement_numbers;
use super::MovementNumbers;
use crate::app::Auth;
use crate::i18n::*;
use crate::inspiration::api::most_inspiring;
use crate::inspiration::Inspiring;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let current = expect_context::<Auth>().current_for_page();
    let numbers = Resource::new(|| (), |_| load_movement_numbers());
    let next_day = Resource::new(
        move || i18n.get_locale().as_str().to_owned(),
        crate::days::api::next_day,
    );
    let ranking = Resource::new(
        move || i18n.get_locale().as_str().to_owned(),
        most_inspiring,
    );
    view! {
        <Title text=""/>
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="lead">{t!(i18n, home.intro)}</p>
        </section>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                numbers.await.ok().map(|numbers| view! { <Numbers numbers/> })
            })}
        </Transition>
        <section aria-labelledby="gestures-title">
            <h2 id="gestures-title">{t!(i18n, home.gestures_title)}</h2>
            <ul class="gestures">
                <li>
                    <h3>{t!(i18n, home.spotters_title)}</h3>
                    <p>{t!(i18n, home.spotters_text)}</p>
                </li>
                <li>
                    <h3>{t!(i18n, home.reporters_title)}</h3>
                    <p>{t!(i18n, home.reporters_text)}</p>
                </li>
                <li>
                    <h3>{t!(i18n, home.shakers_title)}</h3>
                    <p>{t!(i18n, home.shakers_text)}</p>
                </li>
            </ul>
        </section>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                ranking.await.ok().filter(|ranking| !ranking.is_empty()).map(|ranking| view! { <MostInspiring ranking/> })
            })}
        </Transition>
        <section aria-labelledby="days-title">
            <h2 id="days-title">{t!(i18n, home.days_title)}</h2>
            <p>{t!(i18n, home.days_text)}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    next_day.await.ok().flatten().map(|day| view! {
                        <h3>{t!(i18n, home.next_day)}</h3>
                        <crate::days::list_page::DayCards cards=vec![day] empty=String::new()/>
                    })
                })}
            </Transition>
            <p><a href="/days">{t!(i18n, home.all_days)}</a></p>
        </section>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match current.await.ok().flatten() {
                    Some(account) => view! {
                        <p class="welcome">
                            {t!(i18n, home.welcome_back, name = account.display_name.clone())}
                        </p>
                    }
                    .into_any(),
                    None => view! {
                        <section class="join" aria-labelledby="join-title">
                            <h2 id="join-title">{t!(i18n, home.join_title)}</h2>
                            <p>{t!(i18n, home.join_text)}</p>
                            <p class="actions">
                                <A href="/signup" attr:class="button">{t!(i18n, nav.sign_up)}</A>
                                <A href="/login">{t!(i18n, nav.log_in)}</A>
                            </p>
                        </section>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// The movement in numbers.
#[component]
fn Numbers(numbers: MovementNumbers) -> impl IntoView {
    let i18n = use_i18n();
    let figure = |count: i64, label: String| view! { <div><dt>{label}</dt><dd>{count}</dd></div> };
    view! {
        <section aria-labelledby="numbers-title">
            <h2 id="numbers-title">{t!(i18n, home.numbers_title)}</h2>
            <dl class="movement-numbers">
                {figure(numbers.initiatives, t_string!(i18n, home.numbers_initiatives).to_string())}
                {figure(numbers.cities, t_string!(i18n, home.numbers_cities).to_string())}
                {figure(numbers.countries, t_string!(i18n, home.numbers_countries).to_string())}
                {figure(numbers.reports, t_string!(i18n, home.numbers_reports).to_string())}
                {figure(numbers.upcoming_events, t_string!(i18n, home.numbers_events).to_string())}
            </dl>
        </section>
    }
}

/// The initiatives that inspired the most others, with a link to the whole ranking.
#[component]
fn MostInspiring(ranking: Vec<Inspiring>) -> impl IntoView {
    let i18n = use_i18n();
    let all = crate::initiatives::search_page::search_url(&crate::initiatives::SearchParams {
        sort: crate::initiatives::Sort::Inspiring,
        ..Default::default()
    });
    view! {
        <section aria-labelledby="inspiring-title">
            <h2 id="inspiring-title">{t!(i18n, home.inspiring_title)}</h2>
            <ol class="ranking">
                {ranking.into_iter().map(|item| view! {
                    <li>
                        <a href=item.end.path()>{item.end.title.clone()}</a>
                        {item.end.city.clone().map(|city| view! { <span class="link-end-city">" · " {city}</span> })}
                        <span class="ranking-count">
                            " — " {t!(i18n, home.inspiring_count, count = item.inspired, cities = item.cities)}
                        </span>
                    </li>
                }).collect_view()}
            </ol>
            <p><a href=all>{t!(i18n, home.inspiring_all)}</a></p>
        </section>
    }
}
