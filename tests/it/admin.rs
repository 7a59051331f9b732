use crate::support::*;
use axum::http::StatusCode;
use newcityzens::accounts::{AccountId, Role};
use newcityzens::admin::store;

async fn make_admin(test_db: &TestDb, email: &str) -> AccountId {
    let id = store::account_by_email(&test_db.db, email)
        .await
        .unwrap()
        .expect("account");
    store::set_role(&test_db.db, None, id, Role::Admin, true)
        .await
        .expect("grant");
    id
}

fn role_form<'a>(id: &'a str, role: &'a str, action: &'a str) -> [(&'a str, &'a str); 3] {
    [
        ("form[account_id]", id),
        ("form[role]", role),
        ("form[action]", action),
    ]
}

#[tokio::test]
async fn only_admins_may_list_accounts_or_change_roles() {
    on_both_databases(|test_db| async move {
        let mut visitor = Client::new(router_for(&test_db).await);
        let mut bea = member_with_email(&test_db, "Bea", "bea@example.org", "198.51.100.10").await;
        let mut mod_ = member_with_email(&test_db, "Moe", "moe@example.org", "198.51.100.11").await;
        let mut admin =
            member_with_email(&test_db, "Ada", "ada@example.org", "198.51.100.12").await;
        make_admin(&test_db, "ada@example.org").await;
        let moe = store::account_by_email(&test_db.db, "moe@example.org")
            .await
            .unwrap()
            .unwrap();
        store::set_role(&test_db.db, None, moe, Role::Moderator, true)
            .await
            .unwrap();
        let bea_id = store::account_by_email(&test_db.db, "bea@example.org")
            .await
            .unwrap()
            .unwrap();
        let bea_id = bea_id.0.to_string();

        for (client, status) in [
            (&mut visitor, StatusCode::UNAUTHORIZED),
            (&mut bea, StatusCode::FORBIDDEN),
            (&mut mod_, StatusCode::FORBIDDEN),
        ] {
            let list = client.call("admin/accounts", &[("query", "")]).await;
            assert_eq!(list.status, status, "{}", list.body);
            let change = client
                .call("admin/set-role", &role_form(&bea_id, "admin", "grant"))
                .await;
            assert_eq!(change.status, status, "{}", change.body);
            let history = client.call("admin/role-changes", &[]).await;
            assert_eq!(history.status, status);
        }
        let roles: Vec<Role> =
            newcityzens::accounts::store::roles_of(&test_db.db, AccountId(bea_id.parse().unwrap()))
                .await
                .unwrap();
        assert!(roles.is_empty(), "refused calls changed nothing");

        let list = admin.call("admin/accounts", &[("query", "")]).await;
        assert_eq!(list.status, StatusCode::OK);
        assert_eq!(list.json().as_array().map(Vec::len), Some(3));
        test_db
    })
    .await;
}

#[tokio::test]
async fn admins_search_by_name_or_email() {
    on_both_databases(|test_db| async move {
        let mut admin =
            member_with_email(&test_db, "Ada", "ada@example.org", "198.51.100.12").await;
        make_admin(&test_db, "ada@example.org").await;
        member_with_email(&test_db, "Zoé Martin", "zoe@lyon.example", "198.51.100.13").await;
        member_with_email(&test_db, "Yusuf", "yusuf@istanbul.example", "198.51.100.14").await;
        let names = |reply: &Reply| -> Vec<String> {
            reply
                .json()
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["display_name"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            names(&admin.call("admin/accounts", &[("query", "MARTIN")]).await),
            ["Zoé Martin"]
        );
        assert_eq!(
            names(&admin.call("admin/accounts", &[("query", "istanbul")]).await),
            ["Yusuf"]
        );
        assert!(names(&admin.call("admin/accounts", &[("query", "%")]).await).is_empty());
        let too_long = "x".repeat(101);
        let reply = admin.call("admin/accounts", &[("query", &too_long)]).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        test_db
    })
    .await;
}

#[tokio::test]
async fn role_changes_are_applied_and_recorded() {
    on_both_databases(|test_db| async move {
        let mut admin =
            member_with_email(&test_db, "Ada", "ada@example.org", "198.51.100.12").await;
        make_admin(&test_db, "ada@example.org").await;
        member_with_email(&test_db, "Bea", "bea@example.org", "198.51.100.10").await;
        let bea = store::account_by_email(&test_db.db, "bea@example.org")
            .await
            .unwrap()
            .unwrap();
        let bea_id = bea.0.to_string();

        let reply = admin
            .call("admin/set-role", &role_form(&bea_id, "moderator", "grant"))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let roles = newcityzens::accounts::store::roles_of(&test_db.db, bea)
            .await
            .unwrap();
        assert_eq!(roles, [Role::Moderator]);
        admin
            .call("admin/set-role", &role_form(&bea_id, "moderator", "revoke"))
            .await;
        assert!(newcityzens::accounts::store::roles_of(&test_db.db, bea)
            .await
            .unwrap()
            .is_empty());

        let history = store::recent_role_changes(&test_db.db, 10).await.unwrap();
        let lines: Vec<(Option<String>, String, Role, bool)> = history
            .into_iter()
            .map(|c| (c.actor, c.target, c.role, c.granted))
            .collect();
        assert_eq!(
            lines,
            [
                (
                    Some("Ada".to_owned()),
                    "Bea".to_owned(),
                    Role::Moderator,
                    false
                ),
                (
                    Some("Ada".to_owned()),
                    "Bea".to_owned(),
                    Role::Moderator,
                    true
                ),
                (None, "Ada".to_owned(), Role::Admin, true),
            ]
        );

        let unknown_role = admin
            .call("admin/set-role", &role_form(&bea_id, "root", "grant"))
            .await;
        assert_eq!(unknown_role.status, StatusCode::BAD_REQUEST);
        let unknown_account = admin
            .call("admin/set-role", &role_form("999999", "moderator", "grant"))
            .await;
        assert_eq!(unknown_account.status, StatusCode::NOT_FOUND);
        test_db
    })
    .await;
}

#[tokio::test]
async fn the_last_admin_cannot_remove_themself() {
    on_both_databases(|test_db| async move {
        let mut ada = member_with_email(&test_db, "Ada", "ada@example.org", "198.51.100.12").await;
        let ada_id = make_admin(&test_db, "ada@example.org").await.0.to_string();
        let reply = ada
            .call("admin/set-role", &role_form(&ada_id, "admin", "revoke"))
            .await;
        assert_eq!(reply.status, StatusCode::CONFLICT);
        assert_eq!(reply.error_kind(), "last_admin");
        assert_eq!(
            newcityzens::accounts::store::roles_of(&test_db.db, AccountId(ada_id.parse().unwrap()))
                .await
                .unwrap(),
            [Role::Admin]
        );

        // With a second admin, stepping down is allowed.
        member_with_email(&test_db, "Bob", "bob@example.org", "198.51.100.15").await;
        let bob_id = make_admin(&test_db, "bob@example.org").await;
        let reply = ada
            .call("admin/set-role", &role_form(&ada_id, "admin", "revoke"))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        // Ada is no longer an admin: she is refused at once.
        let reply = ada
            .call(
                "admin/set-role",
                &role_form(&bob_id.0.to_string(), "admin", "revoke"),
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        test_db
    })
    .await;
}

#[tokio::test]
async fn the_admin_page_answers_with_the_status_of_its_refusal() {
    on_both_databases(|test_db| async move {
        let mut visitor = Client::new(router_for(&test_db).await);
        let page = visitor.get("/admin/accounts", Some("en")).await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        assert!(page.body.contains("Please log in to continue."));

        let mut bea = member_with_email(&test_db, "Bea", "bea@example.org", "198.51.100.10").await;
        // Bea signed up in English: her language cookie wins over a French browser.
        let page = bea.get("/admin/accounts", Some("fr")).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(page.body.contains("You are not allowed to do this."));

        let mut admin =
            member_with_email(&test_db, "Ada", "ada@example.org", "198.51.100.12").await;
        make_admin(&test_db, "ada@example.org").await;
        let page = admin.get("/admin/accounts?q=bea", Some("en")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("bea@example.org"));
        assert!(
            !page.body.contains("ada@example.org"),
            "the search filters the list"
        );
        test_db
    })
    .await;
}
