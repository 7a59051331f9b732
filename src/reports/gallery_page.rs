//! `/reports`: every published report, newest first, narrowed by the initiative's theme and
//! country, the language spoken and the subtitles. The filters are a GET form and the state
//! lives in the URL, so it works without JavaScript and a filtered gallery can be shared.
use super::api::report_gallery;
use super::chapters::format_time_code;
use super::report_page::PLACEHOLDER;
use super::{Gallery, GalleryParams, ReportCard};
use crate::i18n::*;
use crate::initiatives::labels::{content_language_name, theme_label};
use crate::initiatives::search_page::Pagination;
use crate::ui::dates::format_count;
use crate::ui::errors::error_message;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

pub const GALLERY_PATH: &str = "/reports";

pub fn params_from_query(query: &ParamsMap) -> GalleryParams {
    let text = |key: &str| query.get(key).filter(|value| !value.trim().is_empty());
    GalleryParams {
        theme: text("theme"),
        country: text("country"),
        lang: text("lang"),
        subtitles: text("subtitles"),
        page: text("page").and_then(|page| page.parse().ok()),
    }
}

/// The gallery's address with these filters, leaving out what is empty.
pub fn gallery_url(params: &GalleryParams) -> String {
    let pairs = vec![
        ("theme", params.theme.clone()),
        ("country", params.country.clone()),
        ("lang", params.lang.clone()),
        ("subtitles", params.subtitles.clone()),
        (
            "page",
            (params.page() > 1).then(|| params.page().to_string()),
        ),
    ];
    crate::ui::url_with_query(GALLERY_PATH, pairs)
}

#[component]
pub fn GalleryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let params = Memo::new(move |_| params_from_query(&query.read()));
    let gallery = Resource::new(
        move || (params.get(), i18n.get_locale().as_str().to_owned()),
        |(params, language)| report_gallery(params, language),
    );
    view! {
        <Title text=move || t_string!(i18n, reports.gallery_title).to_string()/>
        <h1>{t!(i18n, reports.gallery_title)}</h1>
        <p>{t!(i18n, reports.gallery_intro)}</p>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match gallery.await {
                    Ok(gallery) => view! { <GalleryView params=params.get_untracked() gallery/> }.into_any(),
                    Err(error) => view! { <p class="form-alert" role="alert">{error_message(i18n, &error)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn GalleryView(params: GalleryParams, gallery: Gallery) -> impl IntoView {
    let i18n = use_i18n();
    let count = format_count(i18n, gallery.total);
    let link_params = params.clone();
    let themes: Vec<(String, String)> = gallery
        .themes
        .iter()
        .map(|theme| (theme.slug.clone(), theme_label(i18n, theme)))
        .collect();
    let countries: Vec<(String, String)> = gallery
        .countries
        .iter()
        .map(|c| {
            (
                c.value.clone(),
                c.label.clone().unwrap_or_else(|| c.value.clone()),
            )
        })
        .collect();
    let named = |codes: &[String]| -> Vec<(String, String)> {
        codes
            .iter()
            .map(|code| (code.clone(), content_language_name(i18n, code)))
            .collect()
    };
    view! {
        <form method="get" action=GALLERY_PATH class="filters" role="search">
            <FilterSelect name="theme" label=t_string!(i18n, reports.filter_theme).to_string()
                choices=themes chosen=params.theme.clone()/>
            <FilterSelect name="country" label=t_string!(i18n, reports.filter_country).to_string()
                choices=countries chosen=params.country.clone()/>
            <FilterSelect name="lang" label=t_string!(i18n, reports.filter_language).to_string()
                choices=named(&gallery.spoken_languages) chosen=params.lang.clone()/>
            <FilterSelect name="subtitles" label=t_string!(i18n, reports.filter_subtitles).to_string()
                choices=named(&gallery.subtitle_languages) chosen=params.subtitles.clone()/>
            <button type="submit" class="button">{t!(i18n, reports.filter)}</button>
        </form>
        <p role="status">{t!(i18n, reports.count, count = count)}</p>
        {if gallery.items.is_empty() {
            view! { <p>{t!(i18n, reports.none)}</p> }.into_any()
        } else {
            view! {
                <ul class="cards report-cards" role="list">
                    {gallery.items.into_iter().map(|card| view! { <li><ReportCardView card/></li> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <Pagination page=gallery.page page_count=gallery.page_count link=move |page| {
            gallery_url(&GalleryParams { page: Some(page), ..link_params.clone() })
        }/>
    }
}

/// A select whose first choice is "any"; `chosen` stays selected.
#[component]
fn FilterSelect(
    name: &'static str,
    label: String,
    choices: Vec<(String, String)>,
    chosen: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("gallery-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{t!(i18n, reports.filter_any)}</option>
                {choices.into_iter().map(|(value, text)| {
                    let selected = chosen.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A report in a list: thumbnail, title, initiative and place, languages, length.
#[component]
pub fn ReportCardView(card: ReportCard) -> impl IntoView {
    let i18n = use_i18n();
    let place = [card.city_name.clone(), card.country_name.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let mut languages = content_language_name(i18n, &card.spoken_language);
    if !card.subtitles.is_empty() {
        let subtitles = card
            .subtitles
            .iter()
            .map(|code| content_language_name(i18n, code))
            .collect::<Vec<_>>()
            .join(", ");
        languages = t_string!(
            i18n,
            reports.card_languages,
            spoken = languages,
            subtitles = subtitles
        )
        .to_string();
    }
    view! {
        <article class="card report-card" lang=card.language.clone()>
            <img src=card.thumbnail_url.clone().unwrap_or_else(|| PLACEHOLDER.to_owned()) alt="" loading="lazy"
                width="320" height="180"/>
            <h3><a href=card.id.path()>{card.title.clone()}</a></h3>
            <p class="card-meta">
                <a href=card.initiative_id.path()>{card.initiative_title.clone()}</a>
                {(!place.is_empty()).then(|| format!(" · {place}"))}
            </p>
            <p class="card-meta">{languages} " · " {format_time_code(card.duration_seconds as u32)}</p>
        </article>
    }
}

/// Reports listed on an initiative's page and on a reporter's profile.
#[component]
pub fn ReportsSection(cards: Vec<ReportCard>, title: String) -> impl IntoView {
    if cards.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="reports" aria-labelledby="reports-title">
            <h2 id="reports-title">{title}</h2>
            <ul class="cards report-cards" role="list">
                {cards.into_iter().map(|card| view! { <li><ReportCardView card/></li> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_round_trip_through_the_url() {
        let params = GalleryParams {
            theme: Some("youth".into()),
            subtitles: Some("fr".into()),
            page: Some(2),
            ..Default::default()
        };
        let url = gallery_url(&params);
        assert_eq!(url, "/reports?theme=youth&subtitles=fr&page=2");
        let query = url.split_once('?').unwrap().1;
        let map = ParamsMap::from_iter(query.split('&').map(|pair| {
            let (key, value) = pair.split_once('=').unwrap();
            (key.to_owned(), value.to_owned())
        }));
        assert_eq!(params_from_query(&map), params);
        assert_eq!(gallery_url(&GalleryParams::default()), GALLERY_PATH);
    }
}
