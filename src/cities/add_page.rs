//! `/review/cities`: moderators add a city the gazetteer lacks (a village, a new municipality).
use super::api::{city_choices, AddCity};
use super::Country;
use crate::i18n::*;
use crate::ui::errors::{code_message, error_message, FormAlert};
use crate::ui::form::{field_error, Field};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AddCityPage() -> impl IntoView {
    let i18n = use_i18n();
    let choices = Resource::new(move || i18n.get_locale().as_str().to_owned(), city_choices);
    let add = ServerAction::<AddCity>::new();
    let value = add.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let added = move || value.get().and_then(Result::ok).map(|city| city.label());
    view! {
        <Title text=move || t_string!(i18n, cities.add_title).to_string()/>
        <h1>{t!(i18n, cities.add_title)}</h1>
        <p>{t!(i18n, cities.add_intro)}</p>
        <p role="status" class="form-saved">{move || added().map(|city| t_string!(i18n, cities.added, city = city).to_string())}</p>
        <FormAlert error/>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Err(failure) => view! { <p role="alert">{error_message(i18n, &failure)}</p> }.into_any(),
                    Ok((countries, timezones)) => view! {
                        <ActionForm action=add attr:class="stacked-form" attr:novalidate=true>
                            <input type="hidden" name="language" value=move || i18n.get_locale().as_str()/>
                            <Field name="form[name]" id="city-name" label=t_string!(i18n, cities.name).to_string()
                                max_length=100 error=field_error(error, "name")/>
                            <CountrySelect countries error=field_error(error, "country")/>
                            <Field name="form[latitude]" id="city-latitude" label=t_string!(i18n, cities.latitude).to_string()
                                hint=t_string!(i18n, cities.coordinates_hint).to_string() max_length=20 error=field_error(error, "latitude")/>
                            <Field name="form[longitude]" id="city-longitude" label=t_string!(i18n, cities.longitude).to_string()
                                max_length=20 error=field_error(error, "longitude")/>
                            <Field name="form[timezone]" id="city-timezone" label=t_string!(i18n, cities.timezone).to_string()
                                hint=t_string!(i18n, cities.timezone_hint).to_string() max_length=60 list="timezones"
                                error=field_error(error, "timezone")/>
                            <datalist id="timezones">
                                {timezones.into_iter().map(|zone| view! { <option value=zone></option> }).collect_view()}
                            </datalist>
                            <button type="submit" class="button">{t!(i18n, cities.add_submit)}</button>
                        </ActionForm>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CountrySelect(
    countries: Vec<Country>,
    #[prop(into)] error: Signal<Option<crate::error::ErrorCode>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for="city-country">{t!(i18n, cities.country)}</label>
            <select id="city-country" name="form[country]" aria-describedby="city-country-error">
                {countries.into_iter().map(|country| view! { <option value=country.code>{country.name}</option> }).collect_view()}
            </select>
            <p class="field-error" id="city-country-error">{move || error.get().map(|code| code_message(i18n, code))}</p>
        </div>
    }
}
