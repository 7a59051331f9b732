//! `/my/messages/<id>`: a conversation, the answer form, and blocking the other member.
use super::api::{read_conversation, BlockMember, Reply};
use super::{Conversation, Message, MESSAGE_MAX_CHARS};
use crate::i18n::*;
use crate::members::credit::MemberCredit;
use crate::ui::dates::DateTime;
use crate::ui::errors::FormAlert;
use crate::ui::form::{field_error, TextArea};
use crate::ui::not_found::PageError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConversationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or_default()
    };
    let (reply, block) = (
        ServerAction::<Reply>::new(),
        ServerAction::<BlockMember>::new(),
    );
    // Read again after an answer or a block: the page's address does not change.
    let thread = Resource::new(
        move || (id(), reply.version().get(), block.version().get()),
        |(id, _, _)| read_conversation(id),
    );
    view! {
        <Title text=move || t_string!(i18n, messages.inbox_title).to_string()/>
        <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match thread.await {
                    Ok(thread) => view! { <Thread thread reply block/> }.into_any(),
                    Err(error) => view! { <PageError error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Thread(
    thread: Conversation,
    reply: ServerAction<Reply>,
    block: ServerAction<BlockMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = thread.with.name.clone();
    let messages = thread.messages.clone();
    view! {
        <h1>
            {t!(i18n, messages.conversation_with)} " "
            <MemberCredit name=name.clone() handle=thread.with.handle.clone()/>
        </h1>
        <p><a href="/my/messages">{t!(i18n, messages.back_to_inbox)}</a></p>
        <ol class="messages" role="list">
            {messages.into_iter().map(|message| view! { <MessageItem message other=name.clone()/> }).collect_view()}
        </ol>
        <div id="latest">
            {if thread.can_reply {
                view! { <ReplyForm id=thread.id.0 action=reply/> }.into_any()
            } else {
                view! { <p class="field-hint">{t!(i18n, messages.cannot_reply)}</p> }.into_any()
            }}
        </div>
        <BlockForm id=thread.id.0 blocked=thread.blocked_by_me action=block/>
    }
}

#[component]
fn MessageItem(message: Message, other: String) -> impl IntoView {
    let i18n = use_i18n();
    let author = if message.mine {
        t_string!(i18n, messages.you).to_string()
    } else {
        other
    };
    view! {
        <li class="message" class:message-mine=message.mine>
            <p class="message-meta"><strong>{author}</strong> " · " <DateTime at=message.sent_at/></p>
            <p class="message-body">{message.body}</p>
        </li>
    }
}

#[component]
fn ReplyForm(id: i64, action: ServerAction<Reply>) -> impl IntoView {
    let i18n = use_i18n();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <FormAlert error/>
        <ActionForm action attr:class="stacked-form" attr:novalidate=true>
            <input type="hidden" name="form[conversation]" value=id/>
            <TextArea name="form[body]" id="reply-body" label=t_string!(i18n, messages.reply_label).to_string()
                hint=t_string!(i18n, messages.body_hint, max = MESSAGE_MAX_CHARS).to_string()
                max_length=MESSAGE_MAX_CHARS as i64 rows=5 error=field_error(error, "body")/>
            <button type="submit" class="button">{t!(i18n, messages.send)}</button>
        </ActionForm>
    }
}

/// Blocking is quiet: the blocked member is not told, their messages simply stop coming.
#[component]
fn BlockForm(id: i64, blocked: bool, action: ServerAction<BlockMember>) -> impl IntoView {
    let i18n = use_i18n();
    let value = action.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    view! {
        <section class="block-member" aria-labelledby="block-title">
            <h2 id="block-title">{t!(i18n, messages.block_title)}</h2>
            <p>{if blocked { t!(i18n, messages.blocked_note).into_any() } else { t!(i18n, messages.block_hint).into_any() }}</p>
            <FormAlert error/>
            <ActionForm action>
                <input type="hidden" name="conversation" value=id/>
                <input type="hidden" name="block" value=(!blocked).to_string()/>
                <button type="submit" class="button button-secondary">
                    {if blocked { t!(i18n, messages.unblock).into_any() } else { t!(i18n, messages.block).into_any() }}
                </button>
            </ActionForm>
        </section>
    }
}
