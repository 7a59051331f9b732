//! The part of `/review` where moderators decide the links spotters proposed ("B was inspired
//! by A"); links proposed at an event are decided by its organisers on its outcome page.
use super::api::{inspiration_queue, DecideLink};
use crate::events::outcome::page::ProposedLinkRow;
use crate::i18n::*;
use crate::ui::errors::{error_message, FormAlert};
use leptos::prelude::*;

#[component]
pub fn InspirationQueue() -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecideLink>::new();
    let value = decide.value();
    let error = Signal::derive(move || value.get().and_then(Result::err));
    let queue = Resource::new(
        move || {
            (
                i18n.get_locale().as_str().to_owned(),
                decide.version().get(),
            )
        },
        |(language, _)| inspiration_queue(language),
    );
    view! {
        <section aria-labelledby="inspiration-queue-title">
            <h2 id="inspiration-queue-title">{t!(i18n, inspiration.queue_title)}</h2>
            <FormAlert error/>
            <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Err(error) => view! { <p class="form-alert" role="alert">{error_message(i18n, &error)}</p> }.into_any(),
                        Ok(links) if links.is_empty() => view! { <p>{t!(i18n, inspiration.queue_empty)}</p> }.into_any(),
                        Ok(links) => view! {
                            <ul class="proposed-links" role="list">
                                {links.into_iter().map(|link| view! { <ProposedLinkRow link decide/> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
