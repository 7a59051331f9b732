//! `/my/messages`: the member's conversations, latest first.
use super::api::inbox;
use super::ConversationSummary;
use crate::i18n::*;
use crate::members::credit::MemberCredit;
use crate::ui::dates::DateTime;
use crate::ui::errors::error_message;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let conversations = Resource::new(|| (), |_| inbox());
    view! {
        <Title text=move || t_string!(i18n, messages.inbox_title).to_string()/>
        <h1>{t!(i18n, messages.inbox_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match conversations.await {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, messages.inbox_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="conversations" role="list">
                            {list.into_iter().map(|item| view! { <ConversationLine item/> }).collect_view()}
                        </ul>
                    }.into_any(),
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
fn ConversationLine(item: ConversationSummary) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="conversation-line">
            <p>
                <MemberCredit name=item.with.name handle=item.with.handle/>
                " · " <DateTime at=item.last_message_at/>
                {item.awaits_reply.then(|| view! { " " <span class="badge">{t!(i18n, messages.awaits_reply)}</span> })}
            </p>
            <p><a href=item.id.path()>{item.excerpt}</a></p>
        </li>
    }
}
