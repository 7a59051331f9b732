//! Health, security headers, languages, body limits, and Leptos.toml against Cargo.toml.
use crate::support::*;
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};

#[tokio::test]
async fn healthz_answers_while_the_database_does() {
    on_both_databases(|test_db| async move {
        let mut client = Client::new(router_for(&test_db).await);
        assert_eq!(client.get("/healthz", None).await.status, StatusCode::OK);
        test_db.db.close().await;
        assert_eq!(
            client.get("/healthz", None).await.status,
            StatusCode::SERVICE_UNAVAILABLE
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_for_their_scripts() {
    let test_db = TestDb::sqlite().await;
    let mut client = Client::new(router_for(&test_db).await);
    let page = client.get("/", Some("en")).await;
    assert_eq!(page.status, StatusCode::OK);
    let policy = page.header("content-security-policy");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    assert!(policy.contains("'wasm-unsafe-eval'") && policy.contains("frame-ancestors 'none'"));
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "scripts carry the nonce"
    );
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert_eq!(
        page.header("referrer-policy"),
        "strict-origin-when-cross-origin"
    );
    // A second page gets another nonce.
    let again = client.get("/", Some("en")).await;
    assert_ne!(again.header("content-security-policy"), policy);
    // API answers allow nothing to run.
    let api = client.call("accounts/me", &[]).await;
    assert!(api
        .header("content-security-policy")
        .starts_with("default-src 'none'"));
    test_db.drop_database().await;
}

#[tokio::test]
async fn responses_are_compressed_when_the_browser_accepts_it() {
    let test_db = TestDb::sqlite().await;
    let client = Client::new(router_for(&test_db).await);
    let request = Request::get("/")
        .header(header::ACCEPT_ENCODING, "br, gzip")
        .body(Body::empty())
        .unwrap();
    let reply = {
        let mut c = client;
        c.send(request).await
    };
    assert_eq!(reply.header("content-encoding"), "br");
    test_db.drop_database().await;
}

#[tokio::test]
async fn the_language_follows_accept_language_then_the_chosen_cookie() {
    let test_db = TestDb::sqlite().await;
    let mut client = Client::new(router_for(&test_db).await);
    let french = client.get("/", Some("fr-FR,fr;q=0.9,en;q=0.5")).await;
    assert!(
        french.body.contains("<html lang=\"fr\""),
        "{}",
        &french.body[..200.min(french.body.len())]
    );
    assert!(french.body.contains("Changer sa ville"));
    let english = client.get("/", Some("en-GB")).await;
    assert!(english.body.contains("<html lang=\"en\""));
    assert!(english.body.contains("Change your city"));

    // Choosing English from the menu wins over a French browser, and returns to the page.
    let request = Request::post("/language")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("language=en&next=%2Flogin"))
        .unwrap();
    let reply = client.send(request).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.header("location"), "/login");
    let page = client.get("/login", Some("fr")).await;
    assert!(page.body.contains("<html lang=\"en\""));
    assert!(page.body.contains("Log in"));
    test_db.drop_database().await;
}

#[tokio::test]
async fn a_member_s_language_choice_is_remembered_on_the_account() {
    on_both_databases(|test_db| async move {
        let mut client = member_with_email(&test_db, "Ana", "ana@example.org", "203.0.113.7").await;
        let router = client.router.clone();
        let request = Request::post("/language")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("language=fr&next=https%3A%2F%2Fevil.example"))
            .unwrap();
        let reply = client.send(request).await;
        assert_eq!(reply.header("location"), "/", "no open redirect");
        let me = client.call("accounts/me", &[]).await;
        assert_eq!(me.json()["preferred_language"], "fr");
        // Logging in from a fresh browser brings the language back.
        let mut fresh = Client::from_ip(router, "192.0.2.77");
        fresh.log_in("ana@example.org", PASSWORD).await;
        let page = fresh.get("/", Some("en")).await;
        assert!(page.body.contains("<html lang=\"fr\""));
        test_db
    })
    .await;
}

#[tokio::test]
async fn an_oversized_body_gets_413_and_writes_nothing() {
    let test_db = TestDb::sqlite().await;
    let mut client = Client::new(router_for(&test_db).await);
    let huge_name = "x".repeat(newcityzens::server::http::MAX_BODY_BYTES + 1);
    let reply = client
        .sign_up(&huge_name, "big@example.org", PASSWORD)
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(client.who().await, None);
    test_db.drop_database().await;
}

#[tokio::test]
async fn unknown_pages_are_404_in_the_reader_s_language() {
    let test_db = TestDb::sqlite().await;
    let mut client = Client::new(router_for(&test_db).await);
    let page = client.get("/no/such/page", Some("fr")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page introuvable"));
    test_db.drop_database().await;
}

/// A binary started without cargo-leptos reads Leptos.toml: it must serve the site cargo-leptos built.
#[test]
fn leptos_toml_agrees_with_cargo_toml() {
    let cargo: toml::Value =
        toml::from_str(&std::fs::read_to_string("Cargo.toml").unwrap()).unwrap();
    let runtime: toml::Value =
        toml::from_str(&std::fs::read_to_string("Leptos.toml").unwrap()).unwrap();
    let build = &cargo["package"]["metadata"]["leptos"];
    let run = &runtime["package"]["metadata"]["leptos"];
    for key in [
        "output-name",
        "site-root",
        "site-pkg-dir",
        "site-addr",
        "hash-files",
    ] {
        assert_eq!(
            build.get(key),
            run.get(key),
            "{key} differs between Cargo.toml and Leptos.toml"
        );
    }
    let options = leptos::config::get_configuration(Some("Leptos.toml"))
        .unwrap()
        .leptos_options;
    assert!(options.hash_files);
    assert_eq!(options.output_name.as_ref(), "newcityzens");
}

/// What a browser without JavaScript shows of `page`: the HTML as sent, less what only a script
/// would put in place (out-of-order `<template>` chunks).
fn without_scripts(page: &str) -> &str {
    page.split("<template").next().unwrap_or_default()
}

#[tokio::test]
async fn pages_are_whole_without_javascript() {
    on_both_databases(|test_db| async move {
        let mut visitor = Client::new(router_for(&test_db).await);
        let mut ana = crate::initiatives::member(&test_db, "Ana", "198.51.100.1").await;
        let pages = [
            ("/initiatives", "Initiatives found"),
            ("/members", "Members found"),
            ("/events", "No events match these filters yet."),
        ];
        for (path, expected) in pages {
            let page = visitor.get(path, Some("en")).await;
            assert!(
                without_scripts(&page.body).contains(expected),
                "{path}: {}",
                page.body
            );
        }
        for path in ["/", "/members", "/my/account", "/initiatives/new"] {
            let page = ana.get(path, Some("en")).await;
            assert!(
                without_scripts(&page.body).contains(r#"data-testid="logged-in-as""#),
                "{path}: {}",
                page.body
            );
        }
        test_db
    })
    .await;
}

/// Building a router lists its pages by rendering the app once with data loading switched off for
/// the whole process (leptos-rs/leptos#4773). Pages that another router renders meanwhile must
/// still finish: before the listing was made once per process, one would wait forever.
#[tokio::test]
async fn pages_finish_while_other_routers_are_built() {
    use std::sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    };
    let test_db = TestDb::sqlite().await;
    let mut client = Client::new(router_for(&test_db).await);
    let building = Arc::new(AtomicBool::new(true));
    let builder = std::thread::spawn({
        let building = building.clone();
        move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                let other = TestDb::sqlite().await;
                let mut built = 0;
                while building.load(Ordering::Relaxed) {
                    let _router = router_for(&other).await;
                    built += 1;
                }
                other.drop_database().await;
                built
            })
        }
    });
    for _ in 0..40 {
        let home = client.get("/", Some("en")).await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.body.contains("</html>"), "the whole page came");
    }
    building.store(false, Ordering::Relaxed);
    let built = builder.join().expect("the builder thread");
    assert!(built > 0, "routers were built while the pages rendered");
}
