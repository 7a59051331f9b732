//! The frame of every page: skip link, header (navigation, who is logged in, language menu),
//! footer.
use crate::accounts::{CurrentAccount, Role};
use crate::app::Auth;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<Auth>();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, site.skip_to_content)}</a>
        <header class="site-header">
            <A href="/" attr:class="brand">{t!(i18n, site.name)}</A>
            <nav aria-label=move || t_string!(i18n, nav.label).to_string()>
                <Transition fallback=|| view! { <AccountLinks account=None/> }>
                    {move || Suspend::new(async move {
                        let account = auth.current.await.ok().flatten();
                        view! { <AccountLinks account/> }
                    })}
                </Transition>
            </nav>
            <LanguageMenu/>
        </header>
    }
}

#[component]
fn AccountLinks(account: Option<CurrentAccount>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<Auth>();
    match account {
        None => view! {
            <ul class="nav-links">
                <li><A href="/initiatives">{t!(i18n, nav.initiatives)}</A></li>
                <li><A href="/events">{t!(i18n, nav.events)}</A></li>
                <li><A href="/reports">{t!(i18n, nav.reports)}</A></li>
                <li><A href="/days">{t!(i18n, nav.days)}</A></li>
                <li><A href="/members">{t!(i18n, nav.members)}</A></li>
                <li><A href="/signup">{t!(i18n, nav.sign_up)}</A></li>
                <li><A href=crate::ui::log_in_href()>{t!(i18n, nav.log_in)}</A></li>
            </ul>
        }
        .into_any(),
        Some(account) => {
            let is_admin = account.has_role(Role::Admin);
            let can_moderate = account.can_moderate();
            let name = account.display_name;
            let profile = crate::members::member_path(&account.handle);
            view! {
                <ul class="nav-links">
                    <li><A href="/initiatives">{t!(i18n, nav.initiatives)}</A></li>
                    <li><A href="/events">{t!(i18n, nav.events)}</A></li>
                    <li><A href="/reports">{t!(i18n, nav.reports)}</A></li>
                    <li><A href="/days">{t!(i18n, nav.days)}</A></li>
                    <li><A href="/members">{t!(i18n, nav.members)}</A></li>
                    <li><A href="/my/initiatives">{t!(i18n, nav.my_initiatives)}</A></li>
                    <li><A href="/my/reports">{t!(i18n, nav.my_reports)}</A></li>
                    <li><A href=profile>{t!(i18n, nav.my_profile)}</A></li>
                    <li><A href="/my/city">{t!(i18n, nav.my_city)}</A></li>
                    <li><A href="/my/messages">{t!(i18n, nav.messages)}</A></li>
                    <li><A href="/my/account">{t!(i18n, nav.my_account)}</A></li>
                    {can_moderate.then(|| view! { <li><A href="/review">{t!(i18n, nav.review)}</A></li> })}
                    {is_admin.then(|| view! { <li><A href="/admin/accounts">{t!(i18n, nav.admin)}</A></li> })}
                    {is_admin.then(|| view! { <li><A href="/admin/themes">{t!(i18n, nav.themes)}</A></li> })}
                    {is_admin.then(|| view! { <li><A href="/admin/video-sites">{t!(i18n, nav.video_sites)}</A></li> })}
                    <li class="logged-in-as" data-testid="logged-in-as">
                        {t!(i18n, nav.logged_in_as, name = name.clone())}
                    </li>
                    <li>
                        <ActionForm action=auth.log_out>
                            <button type="submit" class="link-button">{t!(i18n, nav.log_out)}</button>
                        </ActionForm>
                    </li>
                </ul>
            }
            .into_any()
        }
    }
}

/// A plain form that posts to `/language`: it works without JavaScript, and the server remembers
/// the choice (cookie, and the account's preferred language).
#[component]
fn LanguageMenu() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let here = move || current_page(&location.pathname.get(), &location.search.get());
    let menu_label = move || t_string!(i18n, nav.language).to_string();
    view! {
        <form class="language-menu" method="post" action="/language" aria-label=menu_label>
            <input type="hidden" name="next" value=here/>
            {Locale::get_all()
                .iter()
                .copied()
                .map(|locale| {
                    let current = move || i18n.get_locale() == locale;
                    view! {
                        <button
                            type="submit"
                            name="language"
                            value=locale.as_str()
                            lang=locale.as_str()
                            aria-current=move || current().then_some("true")
                        >
                            {td_string!(locale, language_name)}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

/// The page to come back to after choosing a language, without the error of a form posted
/// earlier (`__path`, `__err`): that error belongs to the last post, not to the page.
fn current_page(path: &str, query: &str) -> String {
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            !pair.is_empty() && !pair.starts_with("__path=") && !pair.starts_with("__err=")
        })
        .collect();
    if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{t!(i18n, site.footer)}</p>
            <p class="credits">{t!(i18n, site.gazetteer_credit)}</p>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::current_page;

    #[test]
    fn the_language_menu_returns_to_the_same_page_without_old_form_errors() {
        assert_eq!(current_page("/", ""), "/");
        assert_eq!(
            current_page("/admin/accounts", "q=bea"),
            "/admin/accounts?q=bea"
        );
        assert_eq!(
            current_page("/login", "__path=%2Fapi%2Faccounts%2Flog-in&__err=eyJ9"),
            "/login"
        );
        assert_eq!(
            current_page("/admin/accounts", "q=a&__err=x"),
            "/admin/accounts?q=a"
        );
    }
}
