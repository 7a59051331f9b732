//! `/my/reports`: a reporter's own reports, whatever their status; and the reports part of the
//! moderators' queue (`/review`).
use super::api::{my_reports, report_queue};
use super::ReportSummary;
use crate::error::AppError;
use crate::i18n::*;
use crate::initiatives::labels::status_name;
use crate::members::credit::MemberCredit;
use crate::ui::dates::Date;
use crate::ui::errors::error_message;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyReportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let mine = Resource::new(move || i18n.get_locale().as_str().to_owned(), my_reports);
    view! {
        <Title text=move || t_string!(i18n, reports.mine_title).to_string()/>
        <h1>{t!(i18n, reports.mine_title)}</h1>
        <p>{t!(i18n, reports.mine_intro)}</p>
        <ReportTable items=mine empty=move || t_string!(i18n, reports.mine_empty).to_string()/>
    }
}

/// The reports waiting for a moderator, under the initiatives on `/review`.
#[component]
pub fn ReportQueue() -> impl IntoView {
    let i18n = use_i18n();
    let queue = Resource::new(move || i18n.get_locale().as_str().to_owned(), report_queue);
    view! {
        <h2>{t!(i18n, reports.queue_title)}</h2>
        <ReportTable items=queue empty=move || t_string!(i18n, reports.queue_empty).to_string()/>
    }
}

#[component]
fn ReportTable(
    items: Resource<Result<Vec<ReportSummary>, AppError>>,
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
                                    <th scope="col">{t!(i18n, reports.column_initiative)}</th>
                                    <th scope="col">{t!(i18n, reports.column_reporter)}</th>
                                    <th scope="col">{t!(i18n, review.column_updated)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {items.into_iter().map(|item| view! {
                                    <tr>
                                        <td><a href=item.id.path()>{item.title}</a></td>
                                        <td>{status_name(i18n, item.status)}</td>
                                        <td>{item.initiative_title}</td>
                                        <td><MemberCredit name=item.reporter_name handle=item.reporter_handle/></td>
                                        <td><Date at=item.updated_at.clone()/></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
