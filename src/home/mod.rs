//! The home page: what New CITYzens is, and how to join.
use crate::app::Auth;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let current = expect_context::<Auth>().current_for_page();
    view! {
        <Title text=""/>
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p class="lead">{t!(i18n, home.intro)}</p>
        </section>
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
        <section aria-labelledby="days-title">
            <h2 id="days-title">{t!(i18n, home.days_title)}</h2>
            <p>{t!(i18n, home.days_text)}</p>
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
