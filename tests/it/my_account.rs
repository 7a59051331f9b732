//! What a member does with their account itself: move it to a new address, take their data
//! away, delete it. Each asks for the password; each acts on the caller's account only.
use crate::initiatives::{member, moderator, new_draft, publish};
use crate::members::{ana_profile, directory, handles, save};
use crate::support::*;
use axum::http::StatusCode;
use serde_json::Value;

fn change_email<'a>(email: &'a str, password: &'a str) -> [(&'a str, &'a str); 2] {
    [("form[email]", email), ("form[password]", password)]
}

#[tokio::test]
async fn a_new_address_takes_the_password_and_the_link_mailed_to_it() {
    on_both_databases(|test_db| async move {
        let mut visitor = Client::new(router_for(&test_db).await);
        let refused = visitor
            .call(
                "accounts/change-email",
                &change_email("x@example.org", PASSWORD),
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let _bob = member(&test_db, "Bob", "198.51.100.2").await;
        let wrong = ana
            .call(
                "accounts/change-email",
                &change_email("ana@new.example", "not mine"),
            )
            .await;
        assert_eq!(wrong.json()["detail"][0]["field"], "password");
        assert_eq!(wrong.json()["detail"][0]["code"], "wrong_password");
        let same = ana
            .call(
                "accounts/change-email",
                &change_email(" ANA@example.org", PASSWORD),
            )
            .await;
        assert_eq!(same.json()["detail"][0]["code"], "same_email");
        let bad = ana
            .call(
                "accounts/change-email",
                &change_email("not an address", PASSWORD),
            )
            .await;
        assert_eq!(bad.json()["detail"][0]["field"], "email");
        assert!(mails_to(&test_db.db, "ana@new.example").await.is_empty());

        // Bob's address gets the same answer, and Bob no mail: nothing tells it has an account.
        let bob_mails = mails_to(&test_db.db, "bob@example.org").await.len();
        let taken = ana
            .call(
                "accounts/change-email",
                &change_email("bob@example.org", PASSWORD),
            )
            .await;
        assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
        assert_eq!(
            mails_to(&test_db.db, "bob@example.org").await.len(),
            bob_mails
        );

        let asked = ana
            .call(
                "accounts/change-email",
                &change_email("Ana@New.example", PASSWORD),
            )
            .await;
        assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
        let notice = mails_to(&test_db.db, "ana@example.org").await;
        let (_, notice) = notice.last().unwrap();
        assert!(notice.contains("ana@new.example"), "{notice}");
        assert!(notice.contains("/account/forgot"), "{notice}");
        let mut other_browser = Client::from_ip(router_for(&test_db).await, "198.51.100.3");
        assert_eq!(
            other_browser
                .log_in("ana@example.org", PASSWORD)
                .await
                .status,
            StatusCode::OK,
            "the old address works until the link is followed"
        );

        let token = link_token(&test_db.db, "ana@new.example", "/account/new-email?token=").await;
        let page = visitor
            .get(&format!("/account/new-email?token={token}"), Some("en"))
            .await;
        assert!(
            page.body.contains("Confirm my new address"),
            "{}",
            page.body
        );
        let moved = visitor
            .call("accounts/confirm-new-email", &[("token", &token)])
            .await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
        let again = visitor
            .call("accounts/confirm-new-email", &[("token", &token)])
            .await;
        assert_eq!(again.error_kind(), "link_expired");
        let mut fresh = Client::from_ip(router_for(&test_db).await, "198.51.100.4");
        assert_eq!(
            fresh.log_in("ana@example.org", PASSWORD).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            fresh.log_in("ana@new.example", PASSWORD).await.status,
            StatusCode::OK
        );
        assert_eq!(ana.who().await.as_deref(), Some("Ana"), "sessions go on");
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_link_to_an_address_taken_meanwhile_changes_nothing() {
    on_both_databases(|test_db| async move {
        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let asked = ana
            .call(
                "accounts/change-email",
                &change_email("shared@example.org", PASSWORD),
            )
            .await;
        assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
        let token = link_token(
            &test_db.db,
            "shared@example.org",
            "/account/new-email?token=",
        )
        .await;
        member_with_email(&test_db, "Bob", "shared@example.org", "198.51.100.2").await;
        let moved = ana
            .call("accounts/confirm-new-email", &[("token", &token)])
            .await;
        assert_eq!(moved.json()["detail"][0]["code"], "email_taken");
        let mut fresh = Client::from_ip(router_for(&test_db).await, "198.51.100.3");
        assert_eq!(
            fresh.log_in("ana@example.org", PASSWORD).await.status,
            StatusCode::OK
        );
        test_db
    })
    .await;
}

async fn my_data(client: &mut Client) -> Reply {
    client.get("/my/data.json", Some("en")).await
}

#[tokio::test]
async fn my_data_holds_my_whole_profile_and_contributions_for_me_only() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut visitor = Client::new(router_for(&test_db).await);
        assert_eq!(my_data(&mut visitor).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            visitor.call("accounts/my-data", &[]).await.status,
            StatusCode::UNAUTHORIZED
        );

        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.2").await;
        let saved = save(&mut ana, &ana_profile(&[])).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let id = new_draft(&mut ana).await;
        assert_eq!(publish(&mut ana, &mut mona, &id).await, StatusCode::OK);

        let file = my_data(&mut ana).await;
        assert_eq!(file.status, StatusCode::OK, "{}", file.body);
        assert!(file.header("content-disposition").starts_with("attachment"));
        let data: Value = file.json();
        assert_eq!(data["account"]["email"], "ana@example.org");
        assert_eq!(data["account"]["handle"], "ana-lima");
        assert_eq!(data["account"]["former_handles"][0], "ana");
        assert_eq!(data["profile"]["original_language"], "fr");
        let bios: Vec<&str> = data["profile"]["texts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|text| text["bio"].as_str().unwrap())
            .collect();
        assert_eq!(
            bios,
            [
                "Je cultive des potagers sur les toits.",
                "Cultivo hortas nos telhados."
            ]
        );
        assert_eq!(data["profile"]["languages_visibility"], "hidden");
        assert_eq!(data["spotted_initiatives"][0]["id"].to_string(), id);
        let arrivals = data["arrivals"].as_array().unwrap();
        assert_eq!(
            arrivals.last().unwrap()["city"],
            "Paris, France",
            "{arrivals:?}"
        );

        let page = ana.get("/my/data", Some("en")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("ana@example.org"));
        assert!(page.body.contains("Cultivo hortas nos telhados."));
        let theirs = my_data(&mut mona).await.body;
        assert!(!theirs.contains("ana@example.org"), "{theirs}");
        test_db
    })
    .await;
}

async fn delete(client: &mut Client, password: &str) -> Reply {
    client
        .call("accounts/delete", &[("form[password]", password)])
        .await
}

#[tokio::test]
async fn a_deleted_account_leaves_its_initiatives_to_a_former_member_and_nothing_else() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut visitor = Client::new(router_for(&test_db).await);
        assert_eq!(
            delete(&mut visitor, PASSWORD).await.status,
            StatusCode::UNAUTHORIZED
        );
        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.2").await;
        save(&mut ana, &ana_profile(&[])).await;
        let id = new_draft(&mut ana).await;
        assert_eq!(publish(&mut ana, &mut mona, &id).await, StatusCode::OK);
        let mut phone = Client::from_ip(router_for(&test_db).await, "198.51.100.3");
        assert_eq!(
            phone.log_in("ana@example.org", PASSWORD).await.status,
            StatusCode::OK
        );

        let wrong = delete(&mut ana, "not my password").await;
        assert_eq!(wrong.json()["detail"][0]["code"], "wrong_password");
        assert_eq!(
            ana.who().await.as_deref(),
            Some("Ana Lima"),
            "nothing deleted"
        );

        let deleted = delete(&mut ana, PASSWORD).await;
        assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
        assert_eq!(ana.who().await, None);
        assert_eq!(phone.who().await, None, "sessions end everywhere");
        assert_eq!(
            phone.log_in("ana@example.org", PASSWORD).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert!(mails_to(&test_db.db, "ana@example.org").await.is_empty());
        for old_page in ["/members/ana-lima", "/members/ana"] {
            assert_eq!(
                visitor.get(old_page, Some("en")).await.status,
                StatusCode::NOT_FOUND
            );
        }
        let page = visitor.get(&format!("/initiatives/{id}"), Some("en")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("a former member"), "{}", page.body);
        assert!(!page.body.contains("Ana Lima"));
        let listed = handles(&directory(&mut visitor, &[]).await);
        assert_eq!(listed, ["mona"], "only members with an account are listed");

        // The address and the handle are free again.
        let mut again = member_with_email(&test_db, "Ana", "ana@example.org", "198.51.100.4").await;
        let saved = save(&mut again, &ana_profile(&[])).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        test_db
    })
    .await;
}

#[tokio::test]
async fn the_last_admin_cannot_delete_their_account() {
    on_both_databases(|test_db| async move {
        let mut ada = member(&test_db, "Ada", "198.51.100.1").await;
        crate::initiatives::grant(
            &test_db,
            "ada@example.org",
            newcityzens::accounts::Role::Admin,
        )
        .await;
        let refused = delete(&mut ada, PASSWORD).await;
        assert_eq!(refused.error_kind(), "last_admin");
        assert_eq!(ada.who().await.as_deref(), Some("Ada"));
        test_db
    })
    .await;
}
