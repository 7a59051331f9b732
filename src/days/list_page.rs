//! `/days`: the New CITYzens Days to come and past, with how many cities and events each has.
use super::api::list_days;
use super::{DayCard, DayList};
use crate::i18n::*;
use crate::ui::dates::Date;
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DaysPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(move || i18n.get_locale().as_str().to_owned(), list_days);
    view! {
        <Title text=move || t_string!(i18n, days.list_title).to_string()/>
        <h1>{t!(i18n, days.list_title)}</h1>
        <p class="lead">{t!(i18n, home.days_text)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Days list/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Days(list: DayList) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {list.can_manage.then(|| view! {
            <p><a class="button" href="/admin/days/new">{t!(i18n, days.create)}</a></p>
        })}
        <section aria-labelledby="days-upcoming">
            <h2 id="days-upcoming">{t!(i18n, days.upcoming)}</h2>
            <DayCards cards=list.upcoming empty=t_string!(i18n, days.none_upcoming).to_string()/>
        </section>
        <section aria-labelledby="days-past">
            <h2 id="days-past">{t!(i18n, days.past)}</h2>
            <DayCards cards=list.past empty=t_string!(i18n, days.none_past).to_string()/>
        </section>
    }
}

#[component]
pub fn DayCards(cards: Vec<DayCard>, empty: String) -> impl IntoView {
    let i18n = use_i18n();
    if cards.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <ul class="day-list" role="list">
            {cards.into_iter().map(|card| view! {
                <li>
                    <a href=card.id.path()>{card.name.clone()}</a>
                    " — " <Date at=card.date.clone()/>
                    <p class="field-hint">
                        {t!(i18n, days.card_facts, initiative = card.initiative.clone(), cities = card.cities, events = card.events)}
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
