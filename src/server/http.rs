//! The router (pages, server functions, static files, health, language) and the serve loop.
use super::{
    config::Config,
    language, security,
    state::AppState,
    storage::{LocalFolder, MEDIA_ROUTE},
};
use crate::{
    accounts::{password, session::DbSessionStore},
    app::{shell, App},
    db::Db,
    initiatives::search::{self, SearchCache},
};
use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    routing::{get, post},
    serve::ListenerExt,
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::{
    net::SocketAddr,
    path::Path,
    sync::{Arc, OnceLock},
    time::Duration,
};
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer, services::ServeDir,
    set_header::SetResponseHeaderLayer,
};
use tower_sessions::{
    cookie::SameSite, session_store::ExpiredDeletion, Expiry, SessionManagerLayer,
};

/// Forms of this foundation are a few hundred bytes; 64 KiB leaves room and refuses floods (413).
pub const MAX_BODY_BYTES: usize = 64 * 1024;
pub const SESSION_COOKIE: &str = "ncz_session";
const SESSION_IDLE_DAYS: i64 = 30;

/// The pages' routes, listed once per process. Listing renders the app once with every resource
/// load suppressed by a process-wide flag (leptos_server 0.8.8's `SuppressResourceLoad`,
/// leptos-rs/leptos#4773): a page that another thread starts rendering meanwhile waits forever
/// for its data. The server builds one router before it listens, but the tests and benchmarks
/// build many routers while others serve pages; listing once closes that window for them too.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.db.is_healthy().await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// Hashed file names change with their content, so browsers may keep them for a year.
fn pkg_files(options: &LeptosOptions) -> Router<AppState> {
    let folder = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let cache = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Router::new()
        .fallback_service(ServeDir::new(folder))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache),
        ))
}

/// Uploaded files get fresh random names, so they too may be cached for a year.
fn media_files(folder: &Path) -> Router<AppState> {
    Router::new()
        .fallback_service(ServeDir::new(folder))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ))
}

pub async fn build_router(db: Db, config: Config, leptos_options: LeptosOptions) -> Router {
    build_router_with_search(db, config, leptos_options, Arc::default()).await
}

/// The router, searching with `search` (which `serve` and the search benchmark warm up).
pub async fn build_router_with_search(
    db: Db,
    config: Config,
    leptos_options: LeptosOptions,
    search: Arc<SearchCache>,
) -> Router {
    let player_origins = super::state::new_player_origins();
    build_router_with_shared(db, config, leptos_options, search, player_origins).await
}

/// The router, with the state `serve` keeps up to date in the background.
async fn build_router_with_shared(
    db: Db,
    config: Config,
    leptos_options: LeptosOptions,
    search: Arc<SearchCache>,
    player_origins: Arc<std::sync::RwLock<String>>,
) -> Router {
    password::warm_up().await;
    let sessions = SessionManagerLayer::new(DbSessionStore::new(&db))
        .with_name(SESSION_COOKIE)
        .with_secure(config.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(
            SESSION_IDLE_DAYS,
        )));
    let pkg_route = format!("/{}", leptos_options.site_pkg_dir.trim_matches('/'));
    let media_dir = config.media_dir.clone();
    let thumbnails = crate::reports::thumbnails::ThumbnailFetcher::new(
        config.video_provider_origin.as_deref(),
        crate::reports::thumbnails::FETCH_TIMEOUT,
    );
    let state = AppState {
        db,
        config: Arc::new(config),
        leptos_options: leptos_options.clone(),
        storage: Arc::new(LocalFolder {
            root: media_dir.clone(),
        }),
        search,
        player_origins,
        thumbnails,
    };
    state.refresh_player_origins().await;
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let page_shell = move || shell(leptos_options.clone());
    let [csp, nosniff, referrer, frames] = security::header_layers();
    let site = Router::new()
        .route("/healthz", get(healthz))
        .route("/language", post(language::choose_language))
        .leptos_routes_with_context(&state, page_routes(), context.clone(), page_shell)
        .nest(&pkg_route, pkg_files(&state.leptos_options))
        .nest(MEDIA_ROUTE, media_files(&media_dir))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES));
    Router::new()
        .merge(site)
        .merge(crate::initiatives::photos::routes())
        .merge(crate::accounts::my_data::download::routes())
        .merge(crate::members::avatar::routes())
        .merge(crate::events::download::routes())
        .merge(crate::events::calendars::routes())
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::from_fn(
            super::render_owner::keep_render_owner,
        ))
        .layer(sessions)
        .layer(csp)
        .layer(nosniff)
        .layer(referrer)
        .layer(frames)
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Expired sessions, old rate-limit hits and accounts never confirmed are deleted every hour.
/// Every instance may run this: the deletes are idempotent.
fn spawn_housekeeping(db: Db) {
    tokio::spawn(async move {
        let sessions = DbSessionStore::new(&db);
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            if let Err(error) = sessions.delete_expired().await {
                tracing::warn!(%error, "could not delete expired sessions");
            }
            if let Err(error) = super::rate_limit::forget_old_hits(&db).await {
                tracing::warn!(?error, "could not delete old rate-limit hits");
            }
            if let Err(error) = crate::accounts::store::forget_unconfirmed(&db).await {
                tracing::warn!(?error, "could not delete accounts never confirmed");
            }
            let now = time::OffsetDateTime::now_utc();
            if let Err(error) = crate::events::reminders::forget_access_needs(&db, now).await {
                tracing::warn!(?error, "could not forget the access needs of past events");
            }
            if let Err(error) = crate::events::guest::store::forget_unconfirmed(&db, now).await {
                tracing::warn!(?error, "could not delete guest sign-ups never confirmed");
            }
            if let Err(error) = crate::events::guest::store::forget_past_guests(&db, now).await {
                tracing::warn!(?error, "could not forget the guests of past events");
            }
        }
    });
}

/// Reads the PeerTube instances every minute: an admin's change made through another instance
/// reaches this one's Content-Security-Policy within a minute.
fn spawn_player_origins_refresh(db: Db, origins: Arc<std::sync::RwLock<String>>) {
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            super::state::refresh_player_origins(&db, &origins).await;
        }
    });
}

/// Queues the reminders of events every minute (see `events::reminders`: several instances
/// may run this, each reminder is queued once).
fn spawn_reminders(db: Db, config: Arc<Config>) {
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            let now = time::OffsetDateTime::now_utc();
            let link_to = |path: &str| config.link_to(path);
            if let Err(error) = crate::events::reminders::queue_due(&db, link_to, now).await {
                tracing::warn!(?error, "could not queue the reminders of events");
            }
        }
    });
}

/// Searches are answered meanwhile, from the index; the log says when memory holds the terms.
fn spawn_search_warm_up(db: Db, cache: Arc<SearchCache>) {
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        match search::warm_up(&db, &cache, search::WARM_UP_FROM).await {
            Ok(0) => {}
            Ok(terms) => tracing::info!(
                terms,
                seconds = started.elapsed().as_secs(),
                megabytes = cache.term_bytes() >> 20,
                "search terms warmed up"
            ),
            Err(error) => tracing::warn!(?error, "search warm-up stopped"),
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("stopping: finishing the requests under way");
}

pub async fn serve(db: Db, config: Config, leptos_options: LeptosOptions) -> std::io::Result<()> {
    let address = leptos_options.site_addr;
    // A wrong SMTP_URL or MAIL_FROM stops the start: mails queued meanwhile would never leave.
    let mailer = crate::server::mail::Mailer::from_config(&config).map_err(|error| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("the mail settings are wrong (SMTP_URL, MAIL_FROM): {error}"),
        )
    })?;
    crate::server::mail::spawn_worker(db.clone(), mailer);
    spawn_housekeeping(db.clone());
    spawn_reminders(db.clone(), Arc::new(config.clone()));
    let search = Arc::<SearchCache>::default();
    spawn_search_warm_up(db.clone(), search.clone());
    let player_origins = super::state::new_player_origins();
    spawn_player_origins_refresh(db.clone(), player_origins.clone());
    let router =
        build_router_with_shared(db.clone(), config, leptos_options, search, player_origins).await;
    let listener = tokio::net::TcpListener::bind(address).await?.tap_io(|tcp| {
        // Without it every response waits for a delayed ACK (see TOOLCHAIN.md: 15x slower).
        let _ = tcp.set_nodelay(true);
    });
    println!("New CITYzens is serving on http://{address}");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    db.close().await;
    Ok(())
}
