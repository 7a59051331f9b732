//! `/review`: the moderators' queue of submitted initiatives; `/my/initiatives`: a spotter's own,
//! whatever their status. Both render with `SsrMode::Async` so a refusal answers 401/403.
use super::api::{my_initiatives, review_queue};
use super::labels::status_name;
use super::InitiativeSummary;
use crate::i18n::*;
use crate::members::credit::MemberCredit;
use crate::reports::lists_page::ReportQueue;
use crate::ui::dates::Date;
use crate::ui::errors::error_message;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let queue = Resource::new(move || i18n.get_locale().as_str().to_owned(), review_queue);
    view! {
        <Title text=move || t_string!(i18n, review.queue_title).to_string()/>
        <h1>{t!(i18n, review.queue_title)}</h1>
        <p><a href="/review/cities">{t!(i18n, nav.add_city)}</a></p>
        <SummaryList items=queue empty=move || t_string!(i18n, review.queue_empty).to_string()/>
        <ReportQueue/>
        <crate::inspiration::queue::InspirationQueue/>
    }
}

#[component]
pub fn MyInitiativesPage() -> impl IntoView {
    let i18n = use_i18n();
    let mine = Resource::new(
        move || i18n.get_locale().as_str().to_owned(),
        my_initiatives,
    );
    view! {
        <Title text=move || t_string!(i18n, editor.mine_title).to_string()/>
        <h1>{t!(i18n, editor.mine_title)}</h1>
        <p><a class="button" href="/initiatives/new">{t!(i18n, nav.submit_initiative)}</a></p>
        <SummaryList items=mine empty=move || t_string!(i18n, editor.mine_empty).to_string()/>
    }
}

#[component]
fn SummaryList(
    items: Resource<Result<Vec<InitiativeSummary>, crate::error::AppError>>,
    empty: impl Fn() -> String + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match items.await {
                    Err(error) => {
                        #[cfg(feature = "ssr")]
                        crate::server::request::set_page_status(&error);
                        view! { <p class="form-alert" role="alert">{error_message(i18n, &error)}</p> }.into_any()
                    }
                    Ok(items) if items.is_empty() => view! { <p>{empty()}</p> }.into_any(),
                    Ok(items) => view! {
                        <table class="summary-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, review.column_title)}</th>
                                    <th scope="col">{t!(i18n, review.column_status)}</th>
                                    <th scope="col">{t!(i18n, review.column_spotter)}</th>
                                    <th scope="col">{t!(i18n, review.column_city)}</th>
                                    <th scope="col">{t!(i18n, review.column_updated)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {items.into_iter().map(|item| {
                                    view! {
                                        <tr>
                                            <td><a href=item.id.path()>{item.title}</a></td>
                                            <td>{status_name(i18n, item.status)}</td>
                                            <td><MemberCredit name=item.spotter_name handle=item.spotter_handle/></td>
                                            <td>{item.city_name.unwrap_or_default()}</td>
                                            <td><Date at=item.updated_at.clone()/></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
