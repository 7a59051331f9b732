//! Founders linked to member accounts: a member says which founder they are, the spotter (or a
//! moderator) confirms or declines, each is told by email; only confirmed links show.
use crate::initiatives::{initiative_fields, member, moderator, new_draft};
use crate::support::*;
use axum::http::StatusCode;
use newcityzens::admin::store as admin_store;
use serde_json::{json, Value};

async fn detail(client: &mut Client, id: &str) -> Value {
    let reply = client
        .get_api("initiatives/get", &[("id", id), ("language", "en")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

async fn claim(client: &mut Client, id: &str, name: &str) -> Reply {
    client
        .call(
            "initiatives/claim-founder",
            &[("form[initiative]", id), ("form[name]", name)],
        )
        .await
}

async fn answer(client: &mut Client, id: &str, member: i64, answer: &str) -> Reply {
    client
        .call(
            "initiatives/answer-founder-claim",
            &[
                ("form[initiative]", id),
                ("form[member]", &member.to_string()),
                ("form[answer]", answer),
            ],
        )
        .await
}

async fn leave(client: &mut Client, id: &str) -> Reply {
    client
        .call("initiatives/leave-founder", &[("form[initiative]", id)])
        .await
}

async fn account_id(test_db: &TestDb, email: &str) -> i64 {
    admin_store::account_by_email(&test_db.db, email)
        .await
        .unwrap()
        .unwrap()
        .0
}

/// (recipient, subject) of every queued mail, oldest first.
async fn mails(db: &newcityzens::db::Db) -> Vec<(String, String)> {
    let sql = "SELECT recipient, subject FROM mail_outbox ORDER BY id";
    match db {
        newcityzens::db::Db::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
        newcityzens::db::Db::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
    }
}

fn founder_accounts(detail: &Value) -> Vec<Value> {
    detail["founders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|founder| founder["account_id"].clone())
        .collect()
}

#[tokio::test]
async fn a_member_is_linked_to_a_founder_once_the_spotter_confirms() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let mut spotter = member(&test_db, "Sam", "198.51.100.30").await;
        let mut martine = member(&test_db, "Martine", "198.51.100.31").await;
        let mut olga = member(&test_db, "Olga", "198.51.100.32").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.33").await;
        let martine_id = account_id(&test_db, "martine@example.org").await;
        let id = new_draft(&mut spotter).await;
        let two_founders = initiative_fields(&[
            ("form[id]", &id),
            ("form[founders]", "Martine Postma\nJoost Smiers"),
            ("form[intent]", "submit"),
        ]);
        let saved = spotter.call("initiatives/save", &two_founders).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

        // Nobody claims a founder of an initiative the public cannot see yet.
        let early = claim(&mut martine, &id, "Martine Postma").await;
        assert_eq!(early.status, StatusCode::NOT_FOUND, "{}", early.body);
        let approved = mona
            .call(
                "initiatives/review",
                &[
                    ("form[id]", &id),
                    ("form[decision]", "approve"),
                    ("form[note]", ""),
                ],
            )
            .await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
        let mails_before = mails(&test_db.db).await.len();

        assert_eq!(
            claim(&mut visitor, &id, "Martine Postma").await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            detail(&mut visitor, &id).await["founder_claims"]["claimable"],
            json!([])
        );
        assert_eq!(
            detail(&mut martine, &id).await["founder_claims"]["claimable"],
            json!(["Martine Postma", "Joost Smiers"])
        );
        let claimed = claim(&mut martine, &id, "Martine Postma").await;
        assert_eq!(claimed.status, StatusCode::OK, "{}", claimed.body);
        let told = mails(&test_db.db).await;
        assert_eq!(told.len(), mails_before + 1);
        assert_eq!(told.last().unwrap().0, "sam@example.org");
        assert!(told.last().unwrap().1.contains("Martine"), "{told:?}");

        // Waiting: nobody sees a link yet; Martine sees her claim and may claim nothing else.
        assert_eq!(
            founder_accounts(&detail(&mut visitor, &id).await),
            [Value::Null, Value::Null]
        );
        let hers = detail(&mut martine, &id).await["founder_claims"].clone();
        assert_eq!(hers["mine"], json!(["Martine Postma", false]));
        assert_eq!(hers["claimable"], json!([]));
        let second = claim(&mut martine, &id, "Joost Smiers").await;
        assert_eq!(second.error_kind(), "validation", "{}", second.body);
        assert!(second.body.contains("already_a_founder"), "{}", second.body);
        let taken = claim(&mut olga, &id, "Martine Postma").await;
        assert!(taken.body.contains("not_a_free_founder"), "{}", taken.body);
        let unknown = claim(&mut olga, &id, "Somebody Else").await;
        assert!(
            unknown.body.contains("not_a_free_founder"),
            "{}",
            unknown.body
        );

        // Only the spotter and moderators answer.
        assert_eq!(
            answer(&mut visitor, &id, martine_id, "confirm")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            answer(&mut olga, &id, martine_id, "confirm").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            answer(&mut martine, &id, martine_id, "confirm")
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            detail(&mut olga, &id).await["founder_claims"]["waiting"],
            json!([])
        );
        assert_eq!(
            detail(&mut spotter, &id).await["founder_claims"]["waiting"],
            json!([{"member": martine_id, "member_name": "Martine", "founder": "Martine Postma"}])
        );
        let confirmed = answer(&mut spotter, &id, martine_id, "confirm").await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
        assert_eq!(
            founder_accounts(&detail(&mut visitor, &id).await),
            [json!(martine_id), Value::Null]
        );
        assert_eq!(
            mails(&test_db.db).await.last().unwrap().0,
            "martine@example.org"
        );
        assert_eq!(
            answer(&mut spotter, &id, martine_id, "confirm")
                .await
                .status,
            StatusCode::CONFLICT
        );

        // The link follows the name through the spotter's edits.
        let reordered = initiative_fields(&[
            ("form[id]", &id),
            ("form[founders]", "Joost Smiers\nMartine Postma"),
        ]);
        let saved = spotter.call("initiatives/save", &reordered).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        assert_eq!(
            founder_accounts(&detail(&mut visitor, &id).await),
            [Value::Null, json!(martine_id)]
        );

        // A moderator declines Olga's claim: she is told, and may ask again.
        assert_eq!(
            claim(&mut olga, &id, "Joost Smiers").await.status,
            StatusCode::OK
        );
        let olga_id = account_id(&test_db, "olga@example.org").await;
        assert_eq!(
            answer(&mut mona, &id, olga_id, "maybe").await.status,
            StatusCode::BAD_REQUEST
        );
        let declined = answer(&mut mona, &id, olga_id, "decline").await;
        assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
        assert_eq!(
            mails(&test_db.db).await.last().unwrap().0,
            "olga@example.org"
        );
        let olgas = detail(&mut olga, &id).await["founder_claims"].clone();
        assert_eq!(olgas["mine"], Value::Null);
        assert_eq!(olgas["claimable"], json!(["Joost Smiers"]));

        // The page says it, without JavaScript: a badge for everyone, the way out for Martine.
        let path = format!("/initiatives/{id}");
        let mut french_visitor = Client::new(router_for(&test_db).await);
        let page = french_visitor.get(&path, Some("fr")).await;
        assert!(
            page.body.contains(r#"<span class="badge">membre</span>"#),
            "{}",
            page.body
        );
        let hers = martine.get(&path, None).await;
        assert!(
            hers.body.contains("Remove the link to my account"),
            "{}",
            hers.body
        );

        // Martine undoes her link with the plain form; there is nothing left to undo after.
        let referer = format!("http://127.0.0.1:3000{path}");
        let left = martine
            .post_form(
                "initiatives/leave-founder",
                &[("form[initiative]", &id)],
                &referer,
            )
            .await;
        assert_eq!(left.status, StatusCode::FOUND, "{}", left.body);
        assert!(
            left.header("location").ends_with(&path),
            "{}",
            left.header("location")
        );
        assert_eq!(
            founder_accounts(&detail(&mut visitor, &id).await),
            [Value::Null, Value::Null]
        );
        assert_eq!(leave(&mut martine, &id).await.status, StatusCode::CONFLICT);
        assert_eq!(
            leave(&mut visitor, &id).await.status,
            StatusCode::UNAUTHORIZED
        );

        // The spotter vouches for themselves: linked at once, nobody to tell.
        let mails_before = mails(&test_db.db).await.len();
        assert_eq!(
            claim(&mut spotter, &id, "Joost Smiers").await.status,
            StatusCode::OK
        );
        let sam_id = account_id(&test_db, "sam@example.org").await;
        assert_eq!(
            founder_accounts(&detail(&mut visitor, &id).await),
            [json!(sam_id), Value::Null]
        );
        assert_eq!(mails(&test_db.db).await.len(), mails_before);

        // Each claim writes to the spotter: ten a day per member (Olga sent three above).
        for _ in 0..7 {
            assert_eq!(
                claim(&mut olga, &id, "Martine Postma").await.status,
                StatusCode::OK
            );
            assert_eq!(leave(&mut olga, &id).await.status, StatusCode::OK);
        }
        let eleventh = claim(&mut olga, &id, "Martine Postma").await;
        assert_eq!(
            eleventh.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            eleventh.body
        );
        test_db
    })
    .await;
}
