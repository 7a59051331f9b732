//! `/my/city`: who the shakers of the member's city are, and, for a shaker, the members who
//! arrived in their city lately ("new members near you").
use super::api::my_city;
use super::arrivals::{MyCity, Neighbour, NEWCOMER_DAYS};
use super::member_path;
use crate::i18n::*;
use crate::ui::dates::Date;
use crate::ui::errors::error_message;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyCityPage() -> impl IntoView {
    let i18n = use_i18n();
    let city = Resource::new(move || i18n.get_locale().as_str().to_owned(), my_city);
    view! {
        <Title text=move || t_string!(i18n, my_city.title).to_string()/>
        <h1>{t!(i18n, my_city.title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match city.await {
                    Ok(city) => view! { <CityPeople city/> }.into_any(),
                    Err(error) => {
                        #[cfg(feature = "ssr")]
                        crate::server::request::set_page_status(&error);
                        view! { <p class="form-alert" role="alert">{error_message(i18n, &error)}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn CityPeople(city: MyCity) -> impl IntoView {
    let i18n = use_i18n();
    let Some(place) = city.city else {
        return view! {
            <p>{t!(i18n, my_city.no_city)} " " <a href="/my/profile">{t!(i18n, members.edit_my_profile)}</a></p>
        }
        .into_any();
    };
    let name = place.label();
    view! {
        <section aria-labelledby="shakers-title">
            <h2 id="shakers-title">{t_string!(i18n, my_city.shakers_title, city = name.clone()).to_string()}</h2>
            {if city.shakers.is_empty() {
                view! { <p>{t!(i18n, my_city.no_shakers)}</p> }.into_any()
            } else {
                view! { <p>{t!(i18n, my_city.shakers_intro)}</p> <People people=city.shakers/> }.into_any()
            }}
        </section>
        {city.is_shaker.then(|| view! {
            <section aria-labelledby="newcomers-title">
                <h2 id="newcomers-title">{t!(i18n, my_city.newcomers_title)}</h2>
                <p>{t!(i18n, my_city.newcomers_intro, days = NEWCOMER_DAYS)}</p>
                {if city.newcomers.is_empty() {
                    view! { <p>{t!(i18n, my_city.no_newcomers)}</p> }.into_any()
                } else {
                    view! { <People people=city.newcomers/> }.into_any()
                }}
            </section>
        })}
    }
    .into_any()
}

#[component]
fn People(people: Vec<Neighbour>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="people" role="list">
            {people.into_iter().map(|person| view! {
                <li>
                    <a href=member_path(&person.handle)>{person.display_name}</a>
                    {person.arrived_on.map(|day| view! {
                        " " <span class="field-hint">{t!(i18n, my_city.arrived_on)} " " <Date at=day/></span>
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
}
