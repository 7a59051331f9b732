use crate::support::*;
use axum::http::StatusCode;

#[tokio::test]
async fn the_mailed_link_confirms_and_logs_in_and_log_out_ends_the_session_on_the_server() {
    on_both_databases(|test_db| async move {
        let mut client = Client::new(router_for(&test_db).await);
        assert_eq!(client.who().await, None);
        let reply = client
            .sign_up(" Ana Souza ", "Ana@Example.org", PASSWORD)
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(
            client.who().await,
            None,
            "not before the address is confirmed"
        );
        let refused = client.log_in("ana@example.org", PASSWORD).await;
        assert_eq!(refused.error_kind(), "email_not_confirmed");
        let confirmed = client.confirm_email(&test_db.db, "ana@example.org").await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
        assert_eq!(client.who().await.as_deref(), Some("Ana Souza"));
        let page = client.get("/members/ana-souza", Some("en")).await;
        assert_eq!(page.status, StatusCode::OK);
        let again = client.confirm_email(&test_db.db, "ana@example.org").await;
        assert_eq!(again.error_kind(), "link_expired", "a link works once");

        let stolen_cookie = client.cookies.clone();
        let reply = client.call("accounts/log-out", &[]).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(client.who().await, None);
        // The old cookie replayed after log-out names no session any more.
        client.cookies = stolen_cookie;
        assert_eq!(client.who().await, None);
        test_db
    })
    .await;
}

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_and_secure() {
    on_both_databases(|test_db| async move {
        let mut client = Client::new(router_for(&test_db).await);
        client.sign_up("Ana", "ana@example.org", PASSWORD).await;
        let reply = client.confirm_email(&test_db.db, "ana@example.org").await;
        let cookie = reply
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap_or_default().to_owned())
            .find(|c| c.starts_with("ncz_session="))
            .expect("a session cookie");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(cookie.contains("Secure"), "{cookie}");
        test_db
    })
    .await;
}

#[tokio::test]
async fn signing_up_with_a_known_email_answers_as_a_new_one_and_tells_its_owner() {
    on_both_databases(|test_db| async move {
        member_with_email(&test_db, "Ana", "ana@example.org", "198.51.100.1").await;
        let mut second = Client::from_ip(router_for(&test_db).await, "198.51.100.2");
        let known = second
            .sign_up("Other Ana", " ANA@example.org", PASSWORD)
            .await;
        let new = second.sign_up("Bob", "bob@example.org", PASSWORD).await;
        assert_eq!((known.status, &known.body), (new.status, &new.body));
        assert_eq!(known.status, StatusCode::OK);
        assert_eq!(second.who().await, None);
        let mails = mails_to(&test_db.db, "ana@example.org").await;
        let (subject, body) = mails.last().unwrap();
        assert_eq!(subject, "Someone tried to sign up with your address");
        assert!(body.contains("/account/forgot"), "{body}");
        let accounts: i64 = newcityzens::with_pool!(&test_db.db, pool =>
            sqlx::query_scalar("SELECT count(*) FROM accounts WHERE email = 'ana@example.org'")
                .fetch_one(pool).await)
        .unwrap();
        assert_eq!(accounts, 1, "no second account");
        test_db
    })
    .await;
}

#[tokio::test]
async fn bad_fields_are_refused_with_codes_and_nothing_is_written() {
    on_both_databases(|test_db| async move {
        let mut client = Client::new(router_for(&test_db).await);
        let reply = client
            .call(
                "accounts/sign-up",
                &[
                    ("form[display_name]", "   "),
                    ("form[email]", "not an email"),
                    ("form[password]", "short"),
                    ("form[city]", "Lyon\u{7}"),
                    ("form[language]", "en"),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        let codes: Vec<(String, String)> = reply.json()["detail"]
            .as_array()
            .expect("field errors")
            .iter()
            .map(|e| {
                (
                    e["field"].as_str().unwrap().to_owned(),
                    e["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            codes,
            [
                ("display_name".to_owned(), "required".to_owned()),
                ("email".to_owned(), "invalid_email".to_owned()),
                ("password".to_owned(), "password_too_short".to_owned()),
                ("city".to_owned(), "control_characters".to_owned()),
            ]
        );
        let count: i64 = newcityzens::with_pool!(&test_db.db, pool =>
            sqlx::query_scalar("SELECT COUNT(*) FROM accounts").fetch_one(pool).await)
        .expect("count");
        assert_eq!(count, 0);
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_weak_password_is_refused() {
    on_both_databases(|test_db| async move {
        let mut client = Client::new(router_for(&test_db).await);
        let reply = client.sign_up("Ana", "ana@example.org", "123456789").await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(reply.json()["detail"][0]["code"], "password_too_short");
        test_db
    })
    .await;
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    on_both_databases(|test_db| async move {
        member_with_email(&test_db, "Ana", "ana@example.org", "198.51.100.1").await;
        let mut client = Client::from_ip(router_for(&test_db).await, "198.51.100.3");
        let wrong = client.log_in("ana@example.org", "not the password").await;
        let unknown = client
            .log_in("nobody@example.org", "not the password")
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            (wrong.status, wrong.body.clone()),
            (unknown.status, unknown.body.clone())
        );
        assert_eq!(wrong.error_kind(), "invalid_credentials");
        let right = client.log_in("ANA@example.org ", PASSWORD).await;
        assert_eq!(right.status, StatusCode::OK, "{}", right.body);
        assert_eq!(client.who().await.as_deref(), Some("Ana"));
        test_db
    })
    .await;
}

#[tokio::test]
async fn five_failures_lock_an_account_for_a_while_even_with_the_right_password() {
    on_both_databases(|test_db| async move {
        let router = router_for(&test_db).await;
        Client::new(router.clone())
            .sign_up("Ana", "ana@example.org", PASSWORD)
            .await;
        let mut attacker = Client::from_ip(router.clone(), "198.51.100.4");
        for _ in 0..5 {
            let reply = attacker
                .log_in("ana@example.org", "guess guess guess")
                .await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        }
        let limited = attacker
            .log_in("ana@example.org", "guess guess guess")
            .await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(limited.error_kind(), "rate_limited");
        // The counter lives in the database: the owner, from elsewhere, through a new app
        // instance, is limited too.
        let mut owner = Client::from_ip(router_for(&test_db).await, "192.0.2.50");
        let reply = owner.log_in("ana@example.org", PASSWORD).await;
        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
        // Another account is not affected.
        let reply = attacker
            .log_in("other@example.org", "guess guess guess")
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        test_db
    })
    .await;
}

#[tokio::test]
async fn twenty_failures_from_one_address_block_that_address() {
    on_both_databases(|test_db| async move {
        let router = router_for(&test_db).await;
        let mut attacker = Client::from_ip(router.clone(), "198.51.100.5");
        for n in 0..20 {
            let reply = attacker
                .log_in(&format!("user{n}@example.org"), "guess guess guess")
                .await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        }
        let reply = attacker
            .log_in("fresh@example.org", "guess guess guess")
            .await;
        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
        let mut elsewhere = Client::from_ip(router, "192.0.2.51");
        let reply = elsewhere
            .log_in("fresh@example.org", "guess guess guess")
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        test_db
    })
    .await;
}

#[tokio::test]
async fn ten_sign_ups_an_hour_from_one_address() {
    on_both_databases(|test_db| async move {
        let router = router_for(&test_db).await;
        let mut client = Client::from_ip(router.clone(), "198.51.100.6");
        for n in 0..10 {
            let reply = client
                .sign_up("Member", &format!("m{n}@example.org"), PASSWORD)
                .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        }
        let reply = client.sign_up("Member", "m10@example.org", PASSWORD).await;
        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
        let mut neighbour = Client::from_ip(router, "198.51.100.99");
        let reply = neighbour
            .sign_up("Member", "m10@example.org", PASSWORD)
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_session_survives_an_app_restart() {
    on_both_databases(|test_db| async move {
        let mut client =
            member_with_email(&test_db, "Ana", "ana@example.org", "198.51.100.1").await;
        // A new router over the same database is what a restarted (or another) instance is.
        client.router = router_for(&test_db).await;
        assert_eq!(client.who().await.as_deref(), Some("Ana"));
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_form_posted_without_javascript_returns_to_its_page_with_the_error() {
    on_both_databases(|test_db| async move {
        let mut client = Client::new(router_for(&test_db).await);
        let reply = client
            .post_form(
                "accounts/log-in",
                &[
                    ("form[email]", "ana@example.org"),
                    ("form[password]", "wrong password"),
                ],
                "http://127.0.0.1:3000/login",
            )
            .await;
        assert_eq!(reply.status, StatusCode::FOUND);
        let location = reply.header("location");
        assert!(
            location.starts_with("http://127.0.0.1:3000/login?"),
            "{location}"
        );
        assert!(location.contains("__err="), "{location}");
        // The page it returns to shows the translated error.
        let path = location.trim_start_matches("http://127.0.0.1:3000");
        let page = client.get(path, Some("fr")).await;
        assert!(
            page.body.contains(
                "Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte."
            ),
            "{}",
            page.body
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_reset_link_works_once_for_an_hour_and_ends_every_other_session() {
    on_both_databases(|test_db| async move {
        let mut laptop =
            member_with_email(&test_db, "Ana", "ana@example.org", "198.51.100.1").await;
        let mut phone = Client::from_ip(router_for(&test_db).await, "198.51.100.2");
        let forgot = |email: &'static str| [("form[email]", email)];
        let known = phone
            .call("accounts/forgot-password", &forgot("ANA@example.org"))
            .await;
        let unknown = phone
            .call("accounts/forgot-password", &forgot("nobody@example.org"))
            .await;
        assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));
        assert!(mails_to(&test_db.db, "nobody@example.org").await.is_empty());
        let token = link_token(&test_db.db, "ana@example.org", "/account/reset?token=").await;

        let weak = [("form[token]", token.as_str()), ("form[password]", "short")];
        let refused = phone.call("accounts/reset-password", &weak).await;
        assert_eq!(refused.json()["detail"][0]["code"], "password_too_short");
        let new_password = "a brand new passphrase";
        let reset = [
            ("form[token]", token.as_str()),
            ("form[password]", new_password),
        ];
        let done = phone.call("accounts/reset-password", &reset).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert_eq!(phone.who().await.as_deref(), Some("Ana"), "logged in");
        assert_eq!(laptop.who().await, None, "the other session ended");
        let reused = phone.call("accounts/reset-password", &reset).await;
        assert_eq!(reused.error_kind(), "link_expired");
        assert_eq!(
            laptop.log_in("ana@example.org", PASSWORD).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            laptop.log_in("ana@example.org", new_password).await.status,
            StatusCode::OK
        );

        // An hour later a fresh link no longer works.
        phone
            .call("accounts/forgot-password", &forgot("ana@example.org"))
            .await;
        let late = link_token(&test_db.db, "ana@example.org", "/account/reset?token=").await;
        newcityzens::with_pool!(&test_db.db, pool =>
            sqlx::query("UPDATE account_links SET expires_at = $1")
                .bind(time::OffsetDateTime::now_utc() - time::Duration::minutes(1))
                .execute(pool).await.map(|_| ()))
        .unwrap();
        let reset = [
            ("form[token]", late.as_str()),
            ("form[password]", new_password),
        ];
        let expired = phone.call("accounts/reset-password", &reset).await;
        assert_eq!(expired.status, StatusCode::GONE);
        assert_eq!(expired.error_kind(), "link_expired");
        test_db
    })
    .await;
}

#[tokio::test]
async fn changing_the_password_takes_the_current_one_and_ends_the_other_sessions() {
    on_both_databases(|test_db| async move {
        let mut visitor = Client::new(router_for(&test_db).await);
        let change = |current: &'static str, new: &'static str| {
            [("form[current]", current), ("form[password]", new)]
        };
        let new_password = "another long passphrase";
        let refused = visitor
            .call("accounts/change-password", &change(PASSWORD, new_password))
            .await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

        let mut laptop =
            member_with_email(&test_db, "Ana", "ana@example.org", "198.51.100.1").await;
        let mut phone = Client::from_ip(router_for(&test_db).await, "198.51.100.2");
        assert_eq!(
            phone.log_in("ana@example.org", PASSWORD).await.status,
            StatusCode::OK
        );
        let mut bob = member_with_email(&test_db, "Bob", "bob@example.org", "198.51.100.3").await;

        let refused = visitor.get("/my/account", Some("en")).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        assert!(!refused.body.contains("Current password"));
        let page = laptop.get("/my/account", Some("en")).await;
        assert!(page.body.contains("Current password"));
        assert!(page.body.contains("id=\"account-new-password\""));
        let wrong = laptop
            .call(
                "accounts/change-password",
                &change("not my password", new_password),
            )
            .await;
        assert_eq!(wrong.json()["detail"][0]["field"], "current");
        assert_eq!(wrong.json()["detail"][0]["code"], "wrong_password");
        let weak = laptop
            .call("accounts/change-password", &change(PASSWORD, "short"))
            .await;
        assert_eq!(weak.json()["detail"][0]["code"], "password_too_short");
        assert_eq!(
            phone.who().await.as_deref(),
            Some("Ana"),
            "nothing changed yet"
        );

        let changed = laptop
            .call("accounts/change-password", &change(PASSWORD, new_password))
            .await;
        assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
        assert_eq!(
            laptop.who().await.as_deref(),
            Some("Ana"),
            "this session goes on"
        );
        assert_eq!(phone.who().await, None, "the other one ended");
        assert_eq!(
            bob.who().await.as_deref(),
            Some("Bob"),
            "other accounts untouched"
        );
        assert_eq!(
            phone.log_in("ana@example.org", PASSWORD).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            phone.log_in("ana@example.org", new_password).await.status,
            StatusCode::OK
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn accounts_never_confirmed_are_forgotten_after_a_week() {
    on_both_databases(|test_db| async move {
        let mut visitor = Client::new(router_for(&test_db).await);
        for email in ["old@example.org", "new@example.org"] {
            let reply = visitor.sign_up("Someone", email, PASSWORD).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        }
        member_with_email(&test_db, "Confirmed", "kept@example.org", "198.51.100.9").await;
        let eight_days_ago = time::OffsetDateTime::now_utc() - time::Duration::days(8);
        let sql = "UPDATE accounts SET created_at = $1 WHERE email IN ('old@example.org', 'kept@example.org')";
        newcityzens::with_pool!(&test_db.db, pool => sqlx::query(sql).bind(eight_days_ago).execute(pool).await.map(|_| ()))
            .unwrap();

        let forgotten = newcityzens::accounts::store::forget_unconfirmed(&test_db.db)
            .await
            .unwrap();
        assert_eq!(forgotten, 1);
        let left: Vec<String> = newcityzens::with_pool!(&test_db.db, pool =>
            sqlx::query_scalar("SELECT email FROM accounts ORDER BY email").fetch_all(pool).await)
        .unwrap();
        assert_eq!(left, ["kept@example.org", "new@example.org"]);
        // The address is free: signing up with it makes a new account, with a new link.
        let again = visitor.sign_up("Someone", "old@example.org", PASSWORD).await;
        assert_eq!(again.status, StatusCode::OK);
        let confirmed = visitor.confirm_email(&test_db.db, "old@example.org").await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
        test_db
    })
    .await;
}

#[tokio::test]
async fn logging_in_before_confirming_says_when_no_new_link_can_go() {
    on_both_databases(|test_db| async move {
        let mut client = Client::new(router_for(&test_db).await);
        client.sign_up("Ana", "ana@example.org", PASSWORD).await;
        // The sign-up sent the first of the 5 mails an address may get in an hour.
        for _ in 0..4 {
            let refused = client.log_in("ana@example.org", PASSWORD).await;
            assert_eq!(refused.error_kind(), "email_not_confirmed");
        }
        let refused = client.log_in("ana@example.org", PASSWORD).await;
        assert_eq!(
            refused.error_kind(),
            "rate_limited",
            "no link went: no 'we sent one'"
        );
        assert_eq!(mails_to(&test_db.db, "ana@example.org").await.len(), 5);
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_log_in_returns_to_the_page_that_asked_for_it_and_never_leaves_the_site() {
    on_both_databases(|test_db| async move {
        member_with_email(&test_db, "Ana", "ana@example.org", "198.51.100.70").await;
        let mut visitor = Client::from_ip(router_for(&test_db).await, "198.51.100.71");
        // Every page's "Log in" link names the page, and the log-in form carries it on.
        let page = visitor.get("/initiatives?q=garden", Some("en")).await;
        assert!(
            page.body
                .contains(r#"href="/login?next=%2Finitiatives%3Fq%3Dgarden""#),
            "{}",
            page.body
        );
        let login = visitor
            .get("/login?next=%2Finitiatives%3Fq%3Dgarden", Some("en"))
            .await;
        assert!(
            login
                .body
                .contains(r#"name="form[next]" value="/initiatives?q=garden""#),
            "{}",
            login.body
        );

        let log_in = |next: &'static str| {
            [
                ("form[email]", "ana@example.org"),
                ("form[password]", PASSWORD),
                ("form[next]", next),
            ]
        };
        let referer = "http://127.0.0.1:3000/login";
        let back = visitor
            .post_form("accounts/log-in", &log_in("/initiatives?q=garden"), referer)
            .await;
        assert_eq!(back.status, StatusCode::FOUND, "{}", back.body);
        assert_eq!(back.header("location"), "/initiatives?q=garden");
        for elsewhere in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil.example",
        ] {
            let mut other = Client::from_ip(router_for(&test_db).await, "198.51.100.72");
            let home = other
                .post_form("accounts/log-in", &log_in(elsewhere), referer)
                .await;
            assert_eq!(home.status, StatusCode::FOUND, "{}", home.body);
            assert_eq!(home.header("location"), "/", "{elsewhere}");
        }
        test_db
    })
    .await;
}
