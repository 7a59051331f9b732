//! The HTML shell, the root component and the route table.
use crate::accounts::{
    api::{who_am_i, ConfirmEmail, DeleteAccount, LogIn, LogOut, ResetPassword, SignUp},
    email_pages::{
        AccountDeletedPage, ConfirmEmailPage, ForgotPasswordPage, NewEmailDonePage, NewEmailPage,
        NewEmailSentPage, ResetPasswordPage, ResetSentPage, SignUpSentPage,
    },
    login_page::LogInPage,
    my_data::page::MyDataPage,
    settings_page::AccountSettingsPage,
    signup_page::SignUpPage,
    CurrentAccount,
};
use crate::admin::accounts_page::AdminAccountsPage;
use crate::cities::add_page::AddCityPage;
use crate::days::day_page::{DayPage, PosterPage};
use crate::days::edit_page::{EditDayPage, NewDayPage, TranslateDayPage};
use crate::days::list_page::DaysPage;
use crate::error::AppError;
use crate::events::{
    attendees_page::AttendeesPage,
    edit_page::{EditEventPage, NewEventPage},
    event_page::EventPage,
    guest::page::{GuestSentPage, GuestSignupPage},
    list_page::EventsPage,
    outcome::page::OutcomePage,
};
use crate::home::HomePage;
use crate::i18n::*;
use crate::initiatives::{
    edit_page::{EditInitiativePage, NewInitiativePage},
    initiative_page::InitiativePage,
    map_page::MapPage,
    review_page::{MyInitiativesPage, ReviewQueuePage},
    search_page::SearchPage,
    themes_page::ThemesPage,
};
use crate::inspiration::propose_page::ProposeInspirationPage;
use crate::members::{
    city_page::MyCityPage, directory::page::DirectoryPage, edit_page::EditProfilePage,
    profile_page::MemberPage,
};
use crate::messages::{
    inbox_page::InboxPage, thread_page::ConversationPage, write_page::WritePage,
};
use crate::reports::{
    edit_page::{EditReportPage, NewReportPage},
    gallery_page::GalleryPage,
    instances_page::InstancesPage,
    lists_page::MyReportsPage,
    report_page::ReportPage,
    translate_page::TranslateReportPage,
};
use crate::ui::{
    layout::{SiteFooter, SiteHeader},
    not_found::NotFoundPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    hooks::use_query_map,
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    protect_page_with_nonce();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                // Draws the maps a page shows (and only then fetches Leaflet): see public/map.js.
                <script src="/map.js" defer></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// A fresh nonce per page, on our hydration scripts and in the page's Content-Security-Policy.
#[cfg(feature = "ssr")]
fn protect_page_with_nonce() {
    use leptos::nonce::{provide_nonce, use_nonce};
    provide_nonce();
    if let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    {
        let state = crate::server::state::app_state();
        let tile_origin = state
            .as_ref()
            .map(|state| crate::server::security::origin_of(&state.config.tile_url))
            .unwrap_or_default();
        let frame_origins = state
            .as_ref()
            .map(|state| state.frame_origins())
            .unwrap_or_else(|_| "'none'".to_owned());
        let policy = crate::server::security::page_policy(&nonce, &tile_origin, &frame_origins);
        if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// The account actions and who is logged in, shared by the header and the pages. The account is
/// fetched again whenever one of the actions completes.
#[derive(Clone, Copy)]
pub struct Auth {
    pub sign_up: ServerAction<SignUp>,
    pub log_in: ServerAction<LogIn>,
    pub log_out: ServerAction<LogOut>,
    /// Following a mailed link logs in too.
    pub confirm_email: ServerAction<ConfirmEmail>,
    pub reset_password: ServerAction<ResetPassword>,
    /// Deleting the account logs out.
    pub delete_account: ServerAction<DeleteAccount>,
    /// The versions of the actions above that log in or out.
    logging: [RwSignal<usize>; 5],
    pub current: Resource<Result<Option<CurrentAccount>, AppError>>,
}

impl Auth {
    /// Who is logged in, for a page's own `<Suspense>`. One resource read in two Suspense
    /// boundaries (the header's and a page's) sometimes never finishes streaming in Leptos
    /// 0.8 (leptos-rs/leptos#4851): a page asks again rather than sharing the header's.
    pub fn current_for_page(&self) -> Resource<Result<Option<CurrentAccount>, AppError>> {
        Self::account_resource(self.logging)
    }

    /// Who is logged in, fetched again whenever an action logs in or out.
    fn account_resource(
        versions: [RwSignal<usize>; 5],
    ) -> Resource<Result<Option<CurrentAccount>, AppError>> {
        Resource::new(
            move || versions.map(|version| version.get()),
            |_| who_am_i(),
        )
    }

    fn provide() -> Auth {
        carry_form_error_from_url();
        let (log_in, log_out) = (ServerAction::new(), ServerAction::new());
        let (confirm_email, reset_password) = (ServerAction::new(), ServerAction::new());
        let delete_account = ServerAction::new();
        let logging = [
            log_in.version(),
            log_out.version(),
            confirm_email.version(),
            reset_password.version(),
            delete_account.version(),
        ];
        let auth = Auth {
            sign_up: ServerAction::new(),
            log_in,
            log_out,
            confirm_email,
            reset_password,
            delete_account,
            logging,
            current: Self::account_resource(logging),
        };
        provide_context(auth);
        auth
    }
}

/// A form posted without JavaScript comes back with its error in the URL (`__path`, `__err`).
/// The router hands it to actions created inside a route; ours live above the routes (the header
/// needs them), so they are handed it here.
fn carry_form_error_from_url() {
    let query = use_query_map();
    let error = query.with_untracked(|query| {
        Some(leptos::server::ServerActionError::new(
            &query.get("__path")?,
            &query.get("__err")?,
        ))
    });
    if let Some(error) = error {
        provide_context(error);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Router>
                <Frame/>
            </Router>
        </I18nContextProvider>
    }
}

/// leptos_meta 0.8 writes the server-rendered `<title>` without escaping it, so a title made of
/// what members typed ("</title><script>...") could close the element and inject markup. The
/// browser decodes entities inside `<title>`, so escaping on the server shows the same text; in
/// the browser the formatter sets `document.title`, which takes plain text.
fn title_text(title: String) -> String {
    if cfg!(feature = "ssr") {
        title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        title
    }
}

#[component]
fn Frame() -> impl IntoView {
    let i18n = use_i18n();
    Auth::provide();
    let suffix = move || t_string!(i18n, site.title_suffix).to_string();
    view! {
        <Title formatter=move |page: String| {
            let title = if page.is_empty() { suffix() } else { format!("{page} · {}", suffix()) };
            title_text(title)
        }/>
        <SiteHeader/>
        <main id="main" tabindex="-1">
            // Every page streams in order or renders whole (Async): out-of-order streaming fills
            // each <Suspense> through inline scripts, so a browser without JavaScript would keep
            // "Loading…" and a logged-out header.
            <Routes fallback=NotFoundPage>
                <Route path=path!("") view=HomePage ssr=SsrMode::InOrder/>
                <Route path=path!("signup") view=SignUpPage ssr=SsrMode::InOrder/>
                <Route path=path!("signup/sent") view=SignUpSentPage ssr=SsrMode::InOrder/>
                <Route path=path!("login") view=LogInPage ssr=SsrMode::InOrder/>
                <Route path=path!("account/confirm") view=ConfirmEmailPage ssr=SsrMode::InOrder/>
                <Route path=path!("account/forgot") view=ForgotPasswordPage ssr=SsrMode::InOrder/>
                <Route path=path!("account/forgot/sent") view=ResetSentPage ssr=SsrMode::InOrder/>
                <Route path=path!("account/reset") view=ResetPasswordPage ssr=SsrMode::InOrder/>
                <Route path=path!("account/new-email") view=NewEmailPage ssr=SsrMode::InOrder/>
                <Route path=path!("account/new-email/sent") view=NewEmailSentPage ssr=SsrMode::InOrder/>
                <Route path=path!("account/new-email/done") view=NewEmailDonePage ssr=SsrMode::InOrder/>
                <Route path=path!("account/deleted") view=AccountDeletedPage ssr=SsrMode::InOrder/>
                // Rendered whole before sending: a refused visitor then gets 401/403, not 200.
                <Route path=path!("admin/accounts") view=AdminAccountsPage ssr=SsrMode::Async/>
                <Route path=path!("initiatives") view=SearchPage ssr=SsrMode::InOrder/>
                <Route path=path!("initiatives/new") view=NewInitiativePage ssr=SsrMode::InOrder/>
                <Route path=path!("initiatives/map") view=MapPage ssr=SsrMode::Async/>
                <Route path=path!("initiatives/:id") view=InitiativePage ssr=SsrMode::Async/>
                <Route path=path!("initiatives/:id/edit") view=EditInitiativePage ssr=SsrMode::Async/>
                <Route path=path!("initiatives/:id/inspiration") view=ProposeInspirationPage ssr=SsrMode::Async/>
                <Route path=path!("initiatives/:id/reports/new") view=NewReportPage ssr=SsrMode::Async/>
                <Route path=path!("reports") view=GalleryPage ssr=SsrMode::InOrder/>
                <Route path=path!("reports/:id") view=ReportPage ssr=SsrMode::Async/>
                <Route path=path!("reports/:id/edit") view=EditReportPage ssr=SsrMode::Async/>
                <Route path=path!("reports/:id/translate") view=TranslateReportPage ssr=SsrMode::Async/>
                <Route path=path!("my/reports") view=MyReportsPage ssr=SsrMode::Async/>
                <Route path=path!("admin/video-sites") view=InstancesPage ssr=SsrMode::Async/>
                <Route path=path!("days") view=DaysPage ssr=SsrMode::InOrder/>
                <Route path=path!("days/:id") view=DayPage ssr=SsrMode::Async/>
                <Route path=path!("days/:id/poster") view=PosterPage ssr=SsrMode::Async/>
                <Route path=path!("days/:id/edit") view=EditDayPage ssr=SsrMode::Async/>
                <Route path=path!("days/:id/translate") view=TranslateDayPage ssr=SsrMode::Async/>
                <Route path=path!("admin/days/new") view=NewDayPage ssr=SsrMode::Async/>
                <Route path=path!("events") view=EventsPage ssr=SsrMode::InOrder/>
                <Route path=path!("events/new") view=NewEventPage ssr=SsrMode::Async/>
                <Route path=path!("events/:id") view=EventPage ssr=SsrMode::Async/>
                <Route path=path!("events/:id/edit") view=EditEventPage ssr=SsrMode::Async/>
                <Route path=path!("events/:id/attendees") view=AttendeesPage ssr=SsrMode::Async/>
                <Route path=path!("events/:id/outcome") view=OutcomePage ssr=SsrMode::Async/>
                <Route path=path!("events/:id/guest") view=GuestSignupPage ssr=SsrMode::Async/>
                <Route path=path!("events/:id/guest/sent") view=GuestSentPage/>
                <Route path=path!("members") view=DirectoryPage ssr=SsrMode::InOrder/>
                <Route path=path!("members/:handle") view=MemberPage ssr=SsrMode::Async/>
                <Route path=path!("members/:handle/write") view=WritePage ssr=SsrMode::Async/>
                <Route path=path!("my/city") view=MyCityPage ssr=SsrMode::Async/>
                <Route path=path!("my/account") view=AccountSettingsPage ssr=SsrMode::Async/>
                <Route path=path!("my/data") view=MyDataPage ssr=SsrMode::Async/>
                <Route path=path!("my/messages") view=InboxPage ssr=SsrMode::Async/>
                <Route path=path!("my/messages/:id") view=ConversationPage ssr=SsrMode::Async/>
                <Route path=path!("my/profile") view=EditProfilePage ssr=SsrMode::Async/>
                <Route path=path!("my/initiatives") view=MyInitiativesPage ssr=SsrMode::Async/>
                <Route path=path!("review") view=ReviewQueuePage ssr=SsrMode::Async/>
                <Route path=path!("review/cities") view=AddCityPage ssr=SsrMode::InOrder/>
                <Route path=path!("admin/themes") view=ThemesPage ssr=SsrMode::InOrder/>
            </Routes>
        </main>
        <SiteFooter/>
    }
}
