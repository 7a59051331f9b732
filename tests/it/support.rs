//! Test support: a fresh database of each backend per test, and an in-process app driven through
//! the real axum router with a cookie jar.
use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{header, HeaderMap, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use newcityzens::{db::Db, initiatives::search::SearchCache, server::config::Config};
use std::{collections::BTreeMap, future::Future, net::SocketAddr};
use tower::ServiceExt;

/// The PostgreSQL server the suite creates its databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn in_ci() -> bool {
    std::env::var("CI").map(|v| v == "true").unwrap_or(false)
}

/// A database that exists for one test and is dropped after it.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    /// The search's facet table for this database, as an app instance keeps one.
    pub search: SearchCache,
    cleanup: Cleanup,
}

enum Cleanup {
    File(tempfile::TempDir),
    Postgres { name: String },
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let folder = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/test.db", folder.path().display());
        let db = Db::connect(&url).await.expect("sqlite opens");
        db.migrate().await.expect("sqlite migrates");
        TestDb {
            db,
            url,
            search: SearchCache::default(),
            cleanup: Cleanup::File(folder),
        }
    }

    /// `None` when no PostgreSQL answers and this is not CI (in CI the suite must fail instead).
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = postgres_admin_url();
        let admin = match sqlx::PgPool::connect(&admin_url).await {
            Ok(pool) => pool,
            Err(error) if !in_ci() => {
                eprintln!(
                    "PostgreSQL unreachable at {admin_url} ({error}): PostgreSQL run skipped"
                );
                return None;
            }
            Err(error) => panic!("CI=true requires PostgreSQL at {admin_url}: {error}"),
        };
        let name = format!("ncz_test_{}", rand::random::<u64>());
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .expect("create database");
        admin.close().await;
        let base = admin_url
            .rsplit_once('/')
            .map(|(base, _)| base)
            .unwrap_or(&admin_url);
        let url = format!("{base}/{name}");
        let db = Db::connect(&url).await.expect("postgres opens");
        db.migrate().await.expect("postgres migrates");
        Some(TestDb {
            db,
            url,
            search: SearchCache::default(),
            cleanup: Cleanup::Postgres { name },
        })
    }

    pub async fn drop_database(self) {
        self.db.close().await;
        match self.cleanup {
            Cleanup::File(folder) => drop(folder),
            Cleanup::Postgres { name } => {
                if let Ok(admin) = sqlx::PgPool::connect(&postgres_admin_url()).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&admin)
                        .await;
                    admin.close().await;
                }
            }
        }
    }
}

/// A story that takes longer is stuck (the longest takes a few seconds): it fails with the
/// database's name instead of holding the whole test run until CI's limit.
const STORY_DEADLINE: std::time::Duration = std::time::Duration::from_secs(180);

/// No request of the tests takes more than a few seconds. A page that never finishes is a bug of
/// ours or of Leptos, and no retry hides it: the failure says where the page stuck and whether the
/// server still answered meanwhile. (The hang seen until now was leptos-rs/leptos#4773: a route
/// listing on one test's thread stalled a render on another's; `server::http::page_routes` lists
/// the routes once per process.)
const REQUEST_DEADLINE: std::time::Duration = std::time::Duration::from_secs(60);

async fn within_deadline<T>(database: &str, work: impl Future<Output = T>) -> T {
    match tokio::time::timeout(STORY_DEADLINE, work).await {
        Ok(done) => done,
        Err(_) => panic!("the story on {database} took over {STORY_DEADLINE:?}: stuck"),
    }
}

/// Runs `story` on a fresh SQLite database, then on a fresh PostgreSQL database.
pub async fn on_both_databases<F, Fut>(story: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = TestDb>,
{
    within_deadline("SQLite", async {
        let sqlite = story(TestDb::sqlite().await).await;
        sqlite.drop_database().await;
    })
    .await;
    within_deadline("PostgreSQL", async {
        if let Some(postgres) = TestDb::postgres().await {
            let postgres = story(postgres).await;
            postgres.drop_database().await;
        }
    })
    .await;
}

pub fn test_config(database_url: &str) -> Config {
    Config {
        database_url: database_url.to_owned(),
        public_url: "http://127.0.0.1:3000".to_owned(),
        secure_cookies: true,
        trust_proxy: false,
        smtp_url: None,
        outbox_dir: std::env::temp_dir().join("newcityzens-test-outbox"),
        mail_from: "New CITYzens <test@example.org>".to_owned(),
        tile_url: "https://tiles.example.org/{z}/{x}/{y}.png".to_owned(),
        tile_attribution: "Test tiles".to_owned(),
        media_dir: std::env::temp_dir()
            .join(format!("newcityzens-test-media-{}", std::process::id())),
        // Nothing listens there: tests never reach the real video providers.
        video_provider_origin: Some("http://127.0.0.1:9".to_owned()),
    }
}

/// Leptos.toml's settings, without hashed file names: the test binaries have no `hash.txt`
/// beside them (cargo-leptos writes it next to the server it builds).
pub fn leptos_options() -> leptos::prelude::LeptosOptions {
    let mut options = leptos::config::get_configuration(Some("Leptos.toml"))
        .expect("Leptos.toml is readable")
        .leptos_options;
    options.hash_files = false;
    options
}

pub async fn router_for(test_db: &TestDb) -> Router {
    router_with(test_db, test_config(&test_db.url)).await
}

pub async fn router_with(test_db: &TestDb, config: Config) -> Router {
    newcityzens::server::build_router(test_db.db.clone(), config, leptos_options()).await
}

/// What a response carried, read once.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as it came, for files.
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body))
    }

    /// The error kind of a server function's error body.
    pub fn error_kind(&self) -> String {
        self.json()["kind"].as_str().unwrap_or_default().to_owned()
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

/// A browser-like client: keeps cookies, comes from one IP address.
pub struct Client {
    pub router: Router,
    pub cookies: BTreeMap<String, String>,
    pub ip: SocketAddr,
}

impl Client {
    pub fn new(router: Router) -> Client {
        Client::from_ip(router, "203.0.113.7")
    }

    pub fn from_ip(router: Router, ip: &str) -> Client {
        Client {
            router,
            cookies: BTreeMap::new(),
            ip: SocketAddr::new(ip.parse().expect("ip"), 40000),
        }
    }

    /// What still answers while a page is stuck, printed for the notes: the database (healthz),
    /// and the session with the account (accounts/me) through the same router.
    async fn diagnose(&self, headers: HeaderMap) {
        for (method, path) in [("GET", "/healthz"), ("POST", "/api/accounts/me")] {
            let mut probe = Request::builder()
                .method(method)
                .uri(path)
                .body(Body::empty())
                .expect("request");
            *probe.headers_mut() = headers.clone();
            probe
                .headers_mut()
                .insert(header::ACCEPT, "application/json".parse().expect("accept"));
            probe.extensions_mut().insert(ConnectInfo(self.ip));
            let started = std::time::Instant::now();
            let answer = tokio::time::timeout(
                std::time::Duration::from_secs(5),
                self.router.clone().oneshot(probe),
            )
            .await;
            let status = answer.map(|reply| reply.map(|reply| reply.status()));
            eprintln!(
                "  while stuck: {path} -> {status:?} in {:?}",
                started.elapsed()
            );
        }
    }

    /// Another tab of the same browser: same cookies, same address (for requests sent together).
    pub fn twin(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookies: self.cookies.clone(),
            ip: self.ip,
        }
    }

    pub async fn send(&mut self, mut request: Request<Body>) -> Reply {
        request.extensions_mut().insert(ConnectInfo(self.ip));
        if !self.cookies.is_empty() {
            let jar = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            request
                .headers_mut()
                .insert(header::COOKIE, jar.parse().expect("cookie header"));
        }
        let asked = format!("{} {}", request.method(), request.uri());
        let headers = request.headers().clone();
        let reply = match self.answer(request, REQUEST_DEADLINE).await {
            Ok(reply) => reply,
            Err(stuck) => {
                self.diagnose(headers).await;
                panic!("{asked} took over {REQUEST_DEADLINE:?}: stuck {stuck}")
            }
        };
        self.keep_cookies(&reply.headers);
        reply
    }

    /// The router's whole answer within `deadline`; if stuck, where: at the head, or in the
    /// body after what had arrived (which `<Suspense>` was still waiting).
    async fn answer(
        &self,
        request: Request<Body>,
        deadline: std::time::Duration,
    ) -> Result<Reply, String> {
        let started = tokio::time::Instant::now();
        let response = tokio::time::timeout(deadline, self.router.clone().oneshot(request))
            .await
            .map_err(|_| "before the head".to_owned())?
            .expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let mut body = response.into_body();
        let mut bytes = Vec::new();
        loop {
            let frame = tokio::time::timeout_at(started + deadline, body.frame())
                .await
                .map_err(|_| {
                    let text = String::from_utf8_lossy(&bytes);
                    let tail: String = text
                        .chars()
                        .rev()
                        .take(400)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    format!(
                        "in the body, after {} bytes ending with: {tail}",
                        bytes.len()
                    )
                })?;
            match frame {
                None => break,
                Some(frame) => {
                    if let Ok(data) = frame.expect("body").into_data() {
                        bytes.extend_from_slice(&data);
                    }
                }
            }
        }
        Ok(Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        })
    }

    fn keep_cookies(&mut self, headers: &HeaderMap) {
        for set_cookie in headers.get_all(header::SET_COOKIE) {
            let text = set_cookie.to_str().unwrap_or_default();
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                let expired = text.contains("Max-Age=0") || value.is_empty();
                if expired {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
    }

    /// Calls a server function as a script would (JSON answers, real status codes).
    pub async fn call(&mut self, endpoint: &str, fields: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(fields).expect("form encoding");
        let request = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::CONTENT_LENGTH, body.len())
            .header(header::ACCEPT, "application/json")
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }

    /// Calls a GET server function (searches, pages' data) as a script would.
    pub async fn get_api(&mut self, endpoint: &str, fields: &[(&str, &str)]) -> Reply {
        let query = serde_urlencoded::to_string(fields).expect("query encoding");
        let request = Request::get(format!("/api/{endpoint}?{query}"))
            .header(header::ACCEPT, "application/json")
            .body(Body::empty())
            .expect("request");
        self.send(request).await
    }

    /// Posts a multipart form (a file upload) to a plain route, accepting `accept`.
    pub async fn upload(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &[u8])>,
        accept: &str,
    ) -> Reply {
        const BOUNDARY: &str = "----newcityzens-test-boundary";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        if let Some((name, bytes)) = file {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"upload\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let request = Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .header(header::CONTENT_LENGTH, body.len())
            .header(header::ACCEPT, accept)
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }

    /// Posts a form as a browser without JavaScript would.
    pub async fn post_form(
        &mut self,
        endpoint: &str,
        fields: &[(&str, &str)],
        referer: &str,
    ) -> Reply {
        let body = serde_urlencoded::to_string(fields).expect("form encoding");
        let request = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, referer)
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }

    pub async fn get(&mut self, path: &str, accept_language: Option<&str>) -> Reply {
        let mut request = Request::get(path).header(header::ACCEPT, "text/html");
        if let Some(language) = accept_language {
            request = request.header(header::ACCEPT_LANGUAGE, language);
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }

    pub async fn sign_up(&mut self, name: &str, email: &str, password: &str) -> Reply {
        self.call(
            "accounts/sign-up",
            &[
                ("form[display_name]", name),
                ("form[email]", email),
                ("form[password]", password),
                ("form[city]", "Lyon"),
                ("form[language]", "en"),
            ],
        )
        .await
    }

    pub async fn log_in(&mut self, email: &str, password: &str) -> Reply {
        self.call(
            "accounts/log-in",
            &[("form[email]", email), ("form[password]", password)],
        )
        .await
    }

    /// Follows the confirmation link the outbox holds for `email`: the address is confirmed and
    /// this client logged in.
    pub async fn confirm_email(&mut self, db: &Db, email: &str) -> Reply {
        let token = link_token(db, email, "/account/confirm?token=").await;
        self.call("accounts/confirm-email", &[("token", &token)])
            .await
    }

    /// The logged-in account's display name, as the header would show it.
    pub async fn who(&mut self) -> Option<String> {
        let reply = self.call("accounts/me", &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()["display_name"].as_str().map(str::to_owned)
    }
}

pub const PASSWORD: &str = "a long enough password";

/// The small gazetteer of tests/fixtures (21 cities in 12 countries), imported into `db`.
/// Gives the account of `email` a contributor role ("shaker", "reporter"), as their profile would.
pub async fn take_member_role(db: &Db, email: &str, role: &str) {
    newcityzens::with_pool!(db, pool => sqlx::query(
        "INSERT INTO member_roles (account_id, role) SELECT id, $2 FROM accounts WHERE email = $1")
        .bind(email).bind(role).execute(pool).await.map(|_| ()))
    .unwrap();
}

pub async fn import_test_cities(db: &Db) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gazetteer");
    newcityzens::cities::gazetteer::import(db, &dir)
        .await
        .expect("fixture gazetteer imports");
}

/// The mails queued for `to`, oldest first: (subject, body).
pub async fn mails_to(db: &Db, to: &str) -> Vec<(String, String)> {
    let sql = "SELECT subject, body FROM mail_outbox WHERE recipient = $1 ORDER BY id";
    newcityzens::with_pool!(db, pool => sqlx::query_as(sql).bind(to).fetch_all(pool).await)
        .expect("outbox readable")
}

/// The token of the latest link to `page` (e.g. `/account/reset?token=`) mailed to `to`.
pub async fn link_token(db: &Db, to: &str, page: &str) -> String {
    let mails = mails_to(db, to).await;
    let body = mails
        .iter()
        .rev()
        .map(|(_, body)| body)
        .find(|body| body.contains(page))
        .unwrap_or_else(|| panic!("no mail to {to} links to {page}: {mails:?}"));
    let start = body.find(page).unwrap_or_default() + page.len();
    body[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// A client signed up, confirmed and so logged in as a new member, from its own address.
pub async fn member_with_email(test_db: &TestDb, name: &str, email: &str, ip: &str) -> Client {
    let mut client = Client::from_ip(router_for(test_db).await, ip);
    let reply = client.sign_up(name, email, PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let confirmed = client.confirm_email(&test_db.db, email).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    client
}

/// A plain green PNG of that size, to upload.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(width, height, image::Rgb([20, 120, 60]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("a PNG");
    bytes.into_inner()
}
