//! Initiatives through their server functions: who may do what, drafts, review, bad input.
use crate::support::*;
use axum::http::StatusCode;
use newcityzens::accounts::Role;
use newcityzens::admin::store as admin_store;

pub async fn member(test_db: &TestDb, name: &str, ip: &str) -> Client {
    let email = format!("{}@example.org", name.to_lowercase());
    member_with_email(test_db, name, &email, ip).await
}

pub async fn moderator(test_db: &TestDb, name: &str, ip: &str) -> Client {
    let client = member(test_db, name, ip).await;
    let email = format!("{}@example.org", name.to_lowercase());
    grant(test_db, &email, Role::Moderator).await;
    client
}

/// Gives the account of `email` a permission, as an admin would.
pub async fn grant(test_db: &TestDb, email: &str, role: Role) {
    let id = admin_store::account_by_email(&test_db.db, email)
        .await
        .unwrap()
        .unwrap();
    admin_store::set_role(&test_db.db, None, id, role, true)
        .await
        .unwrap();
}

/// A complete initiative form; `extra` overrides or adds fields.
pub fn initiative_fields<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("form[language]", "en"),
        ("form[title]", "Belleville Repair Café"),
        (
            "form[summary]",
            "Neighbours fix things together once a month.",
        ),
        (
            "form[description]",
            "## How it works\n\n- bring a broken object\n- fix it with a volunteer",
        ),
        ("form[city]", "Paris, France"),
        ("form[themes][0]", "solidarity"),
        ("form[tags]", "repair, reuse"),
        ("form[founders]", "Martine Postma"),
        ("form[website]", "https://www.repaircafe.org"),
        ("form[founded_year]", "2009"),
        ("form[intent]", "save_draft"),
    ];
    for (key, value) in extra {
        fields.retain(|(k, _)| k != key);
        fields.push((key, value));
    }
    fields
}

/// Saves the complete form as a draft of the caller's and returns its id.
pub async fn new_draft(client: &mut Client) -> String {
    let saved = client
        .call("initiatives/save", &initiative_fields(&[]))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    my_latest(client).await
}

/// The id of the caller's most recently changed initiative.
pub async fn my_latest(client: &mut Client) -> String {
    let mine = client
        .get_api("initiatives/mine", &[("language", "en")])
        .await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    mine.json()[0]["id"]
        .as_i64()
        .expect("an initiative")
        .to_string()
}

/// Submits the spotter's draft `id` and has the moderator approve it: the status of the approval.
pub async fn publish(spotter: &mut Client, moderator: &mut Client, id: &str) -> StatusCode {
    let submit = initiative_fields(&[("form[id]", id), ("form[intent]", "submit")]);
    let submitted = spotter.call("initiatives/save", &submit).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    review(moderator, id, "approve", "").await.status
}

async fn get(client: &mut Client, id: &str) -> StatusCode {
    client
        .get_api("initiatives/get", &[("id", id), ("language", "en")])
        .await
        .status
}

async fn review(
    client: &mut Client,
    id: &str,
    decision: &str,
    note: &str,
) -> crate::support::Reply {
    client
        .call(
            "initiatives/review",
            &[
                ("form[id]", id),
                ("form[decision]", decision),
                ("form[note]", note),
            ],
        )
        .await
}

pub async fn search_ids(client: &mut Client, q: &str) -> Vec<i64> {
    let reply = client
        .get_api(
            "initiatives/search",
            &[("params[q]", q), ("language", "en")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn drafts_stay_private_until_a_moderator_publishes_them() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let mut spotter = member(&test_db, "Sam", "198.51.100.20").await;
        let mut other = member(&test_db, "Olga", "198.51.100.21").await;
        let mut moderator = moderator(&test_db, "Mona", "198.51.100.22").await;

        let anonymous = visitor
            .call("initiatives/save", &initiative_fields(&[]))
            .await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

        let id = new_draft(&mut spotter).await;

        // A draft: its spotter and moderators see it; for anyone else it does not exist.
        assert_eq!(get(&mut spotter, &id).await, StatusCode::OK);
        assert_eq!(get(&mut moderator, &id).await, StatusCode::OK);
        assert_eq!(get(&mut other, &id).await, StatusCode::NOT_FOUND);
        assert_eq!(get(&mut visitor, &id).await, StatusCode::NOT_FOUND);
        assert!(search_ids(&mut visitor, "repair").await.is_empty());
        let edit_by_other = other
            .call("initiatives/save", &initiative_fields(&[("form[id]", &id)]))
            .await;
        assert_eq!(edit_by_other.status, StatusCode::NOT_FOUND);

        // Nothing to publish before it is submitted; members and visitors cannot review at all.
        assert_eq!(
            review(&mut moderator, &id, "approve", "").await.status,
            StatusCode::CONFLICT
        );
        let submit = initiative_fields(&[("form[id]", &id), ("form[intent]", "submit")]);
        assert_eq!(
            spotter.call("initiatives/save", &submit).await.status,
            StatusCode::OK
        );
        assert_eq!(
            review(&mut visitor, &id, "approve", "").await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            review(&mut other, &id, "approve", "").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            review(&mut spotter, &id, "approve", "").await.status,
            StatusCode::FORBIDDEN
        );
        let queue = moderator
            .get_api("initiatives/queue", &[("language", "en")])
            .await;
        assert_eq!(queue.json()[0]["id"].as_i64().unwrap().to_string(), id);
        assert_eq!(
            spotter
                .get_api("initiatives/queue", &[("language", "en")])
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        let approved = review(&mut moderator, &id, "approve", "").await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
        assert_eq!(get(&mut visitor, &id).await, StatusCode::OK);
        assert_eq!(
            search_ids(&mut visitor, "repair").await,
            [id.parse::<i64>().unwrap()]
        );

        // Published: others still may not edit it, and now they are told so.
        let edit_by_other = other
            .call("initiatives/save", &initiative_fields(&[("form[id]", &id)]))
            .await;
        assert_eq!(edit_by_other.status, StatusCode::FORBIDDEN);

        // Unpublishing needs a reason, and takes it out of search.
        let no_reason = review(&mut moderator, &id, "unpublish", " ").await;
        assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
        assert_eq!(no_reason.json()["detail"][0]["field"], "note");
        assert_eq!(
            review(&mut moderator, &id, "unpublish", "Closed since 2020")
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(get(&mut visitor, &id).await, StatusCode::NOT_FOUND);
        assert!(search_ids(&mut visitor, "repair").await.is_empty());
        let seen_by_spotter = spotter
            .get_api("initiatives/get", &[("id", &id), ("language", "en")])
            .await;
        assert_eq!(seen_by_spotter.json()["review_note"], "Closed since 2020");
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_returned_initiative_is_edited_and_resubmitted_by_its_spotter() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = member(&test_db, "Sam", "198.51.100.30").await;
        let mut moderator = moderator(&test_db, "Mona", "198.51.100.31").await;
        let submit = initiative_fields(&[("form[intent]", "submit")]);
        assert_eq!(
            spotter.call("initiatives/save", &submit).await.status,
            StatusCode::OK
        );
        let id = my_latest(&mut spotter).await;
        assert_eq!(
            review(&mut moderator, &id, "return", "").await.status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            review(&mut moderator, &id, "return", "Please add the address")
                .await
                .status,
            StatusCode::OK
        );
        let mine = spotter
            .get_api("initiatives/mine", &[("language", "en")])
            .await;
        assert_eq!(mine.json()[0]["status"], "returned");
        let editable = spotter
            .get_api("initiatives/editable", &[("id", &id)])
            .await;
        assert_eq!(editable.json()["review_note"], "Please add the address");
        assert_eq!(editable.json()["form"]["city"], "Paris, France");
        assert_eq!(editable.json()["form"]["themes"][0], "solidarity");
        let resubmit = initiative_fields(&[
            ("form[id]", &id),
            ("form[intent]", "submit"),
            ("form[summary]", "Now with the address."),
        ]);
        assert_eq!(
            spotter.call("initiatives/save", &resubmit).await.status,
            StatusCode::OK
        );
        let mine = spotter
            .get_api("initiatives/mine", &[("language", "en")])
            .await;
        assert_eq!(mine.json()[0]["status"], "submitted");
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_published_initiative_edited_by_its_spotter_stays_published_and_the_change_is_recorded() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = member(&test_db, "Sam", "198.51.100.40").await;
        let mut moderator = moderator(&test_db, "Mona", "198.51.100.41").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        assert_eq!(
            spotter
                .call(
                    "initiatives/save",
                    &initiative_fields(&[("form[intent]", "submit")])
                )
                .await
                .status,
            StatusCode::OK
        );
        let id = my_latest(&mut spotter).await;
        assert_eq!(
            review(&mut moderator, &id, "approve", "").await.status,
            StatusCode::OK
        );
        let edit = initiative_fields(&[
            ("form[id]", &id),
            ("form[title]", "Belleville Fix-it Café"),
            ("form[intent]", "submit"),
        ]);
        assert_eq!(
            spotter.call("initiatives/save", &edit).await.status,
            StatusCode::OK
        );
        let page = visitor
            .get_api("initiatives/get", &[("id", &id), ("language", "en")])
            .await;
        assert_eq!(page.json()["status"], "published");
        assert_eq!(page.json()["text"]["title"], "Belleville Fix-it Café");
        assert_eq!(search_ids(&mut visitor, "fix it").await.len(), 1);
        let changes: Vec<(String, String)> = match &test_db.db {
            newcityzens::db::Db::Sqlite(pool) => {
                sqlx::query_as("SELECT action, fields FROM initiative_changes ORDER BY id")
                    .fetch_all(pool)
                    .await
                    .unwrap()
            }
            newcityzens::db::Db::Postgres(pool) => {
                sqlx::query_as("SELECT action, fields FROM initiative_changes ORDER BY id")
                    .fetch_all(pool)
                    .await
                    .unwrap()
            }
        };
        assert_eq!(
            changes.last().unwrap(),
            &("edited".to_owned(), "title".to_owned())
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn bad_input_is_refused_field_by_field_and_nothing_is_written() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = member(&test_db, "Sam", "198.51.100.50").await;
        let long_title = "x".repeat(121);
        let bad = initiative_fields(&[
            ("form[title]", &long_title),
            ("form[city]", "Atlantis"),
            ("form[website]", "javascript:alert(1)"),
            ("form[themes][0]", "not_a_theme"),
            ("form[intent]", "submit"),
        ]);
        let reply = spotter.call("initiatives/save", &bad).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(reply.error_kind(), "validation");
        let detail = reply.json()["detail"].clone();
        let fields: Vec<&str> = detail
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert!(
            fields.contains(&"title") && fields.contains(&"website"),
            "{fields:?}"
        );
        // The city and theme are checked once the form itself is well formed.
        let unknown = spotter
            .call(
                "initiatives/save",
                &initiative_fields(&[
                    ("form[city]", "Atlantis"),
                    ("form[themes][0]", "not_a_theme"),
                ]),
            )
            .await;
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
        assert_eq!(unknown.json()["detail"][0]["code"], "unknown_city");
        assert_eq!(unknown.json()["detail"][1]["code"], "unknown_theme");
        let mine = spotter
            .get_api("initiatives/mine", &[("language", "en")])
            .await;
        assert_eq!(
            mine.json().as_array().map(Vec::len),
            Some(0),
            "nothing was saved"
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn themes_come_from_checkboxes_with_gaps_in_their_positions() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = member(&test_db, "Sam", "198.51.100.60").await;
        let fields = initiative_fields(&[
            ("form[themes][0]", "mobility"),
            ("form[themes][4]", "public_space"),
        ]);
        let reply = spotter.call("initiatives/save", &fields).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let id = my_latest(&mut spotter).await;
        let editable = spotter
            .get_api("initiatives/editable", &[("id", &id)])
            .await;
        assert_eq!(
            editable.json()["form"]["themes"],
            serde_json::json!(["mobility", "public_space"])
        );
        test_db
    })
    .await;
}

/// Hostile text in every field is shown as text: the page never carries it as markup.
#[tokio::test]
async fn hostile_strings_never_become_markup() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = member(&test_db, "Sam", "198.51.100.70").await;
        let mut moderator = moderator(&test_db, "Mona", "198.51.100.71").await;
        let hostile = [
            "<script>alert('t')</script>",
            "<img src=x onerror=alert('t')>",
            "<svg/onload=alert('t')>",
            "\"><iframe src=javascript:alert('t')>",
            "[click](javascript:alert('t'))",
            "\u{202e}<b onmouseover=alert('t')>gnp.exe",
            "</title><script>alert('t')</script>",
            "</script><script>alert('t')</script>",
        ];
        for (index, text) in hostile.iter().enumerate() {
            let title = format!("T{index} {text}");
            let fields = initiative_fields(&[
                ("form[title]", &title),
                ("form[summary]", text),
                ("form[description]", text),
                ("form[tags]", text),
                ("form[founders]", text),
                ("form[intent]", "submit"),
            ]);
            let reply = spotter.call("initiatives/save", &fields).await;
            assert_eq!(reply.status, StatusCode::OK, "{text}: {}", reply.body);
            let id = my_latest(&mut spotter).await;
            assert_eq!(
                review(&mut moderator, &id, "approve", "").await.status,
                StatusCode::OK
            );
            let page = spotter.get(&format!("/initiatives/{id}"), None).await;
            assert_eq!(page.status, StatusCode::OK);
            assert!(
                !page.body.to_lowercase().contains("<script>alert("),
                "{text:?} made a script"
            );
            // Text and quoted attribute values may show what was typed, escaped; no tag may carry
            // it as markup of its own.
            for tag in page
                .body
                .split('<')
                .skip(1)
                .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag))
            {
                let tag = outside_quotes(&tag.to_lowercase());
                assert!(
                    !tag.contains("alert(") && !tag.contains("javascript:"),
                    "{text:?} made the tag <{tag}>"
                );
            }
        }
        test_db
    })
    .await;
}

/// `tag` without its quoted attribute values (where escaped text is harmless).
fn outside_quotes(tag: &str) -> String {
    let mut inside = false;
    tag.chars()
        .filter(|c| {
            if *c == '"' {
                inside = !inside;
            }
            !inside && *c != '"'
        })
        .collect()
}

#[tokio::test]
async fn unknown_and_private_initiative_pages_answer_404() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = member(&test_db, "Sam", "198.51.100.80").await;
        let id = new_draft(&mut spotter).await;
        let mut visitor = Client::new(router_for(&test_db).await);
        assert_eq!(
            visitor.get("/initiatives/999999", None).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            visitor
                .get(&format!("/initiatives/{id}"), None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let own = spotter.get(&format!("/initiatives/{id}"), None).await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.body.contains("Belleville Repair Café"));
        test_db
    })
    .await;
}

async fn duplicates_of(
    client: &mut Client,
    title: &str,
    city: &str,
    except: Option<&str>,
) -> usize {
    let mut fields = vec![("title", title), ("city", city), ("language", "en")];
    fields.extend(except.map(|id| ("except", id)));
    let reply = client.get_api("initiatives/duplicates", &fields).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json().as_array().map(Vec::len).unwrap()
}

#[tokio::test]
async fn the_editor_is_told_of_published_initiatives_with_a_similar_title_in_the_same_city() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = member(&test_db, "Sam", "198.51.100.90").await;
        let mut moderator = moderator(&test_db, "Mona", "198.51.100.91").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let submit = initiative_fields(&[("form[intent]", "submit")]);
        assert_eq!(
            spotter.call("initiatives/save", &submit).await.status,
            StatusCode::OK
        );
        let id = my_latest(&mut spotter).await;
        // Not published yet: nothing to warn about.
        assert_eq!(
            duplicates_of(&mut visitor, "Repair Cafe Belleville", "Paris", None).await,
            0
        );
        assert_eq!(
            review(&mut moderator, &id, "approve", "").await.status,
            StatusCode::OK
        );
        for (title, city, expected) in [
            ("Repair Cafe Belleville", "Paris", 1),
            ("belleville repair café", "Paris, France", 1),
            ("Belleville Repair Café", "Lyon", 0),
            ("Belleville Tool Library", "Paris", 0),
            ("Repair Café", "Atlantis", 0),
        ] {
            assert_eq!(
                duplicates_of(&mut visitor, title, city, None).await,
                expected,
                "{title} in {city}"
            );
        }
        // Editing the initiative itself does not flag it.
        assert_eq!(
            duplicates_of(&mut visitor, "Belleville Repair Café", "Paris", Some(&id)).await,
            0
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn only_admins_add_themes_which_then_file_initiatives() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut moderator = moderator(&test_db, "Mona", "198.51.100.140").await;
        let mut admin = member(&test_db, "Ada", "198.51.100.141").await;
        let ada = admin_store::account_by_email(&test_db.db, "ada@example.org")
            .await
            .unwrap()
            .unwrap();
        admin_store::set_role(&test_db.db, None, ada, Role::Admin, true)
            .await
            .unwrap();
        let theme = [
            ("form[name_en]", "Night life"),
            ("form[name_fr]", "Vie nocturne"),
        ];
        assert_eq!(
            moderator.call("initiatives/add-theme", &theme).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            admin.call("initiatives/add-theme", &theme).await.status,
            StatusCode::OK
        );
        let again = admin.call("initiatives/add-theme", &theme).await;
        assert_eq!(again.json()["detail"][0]["code"], "theme_exists");
        let themes = admin
            .get_api("initiatives/themes", &[("language", "fr")])
            .await;
        let last = themes.json().as_array().unwrap().last().cloned().unwrap();
        assert_eq!(last["slug"], "night_life");
        assert_eq!(last["label"], "Vie nocturne");
        let fields = initiative_fields(&[("form[themes][0]", "night_life")]);
        assert_eq!(
            admin.call("initiatives/save", &fields).await.status,
            StatusCode::OK
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn two_moderators_deciding_at_once_cannot_both_succeed() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = member(&test_db, "Sam", "198.51.100.150").await;
        let mut first = moderator(&test_db, "Mona", "198.51.100.151").await;
        let mut second = moderator(&test_db, "Milo", "198.51.100.152").await;
        let submit = initiative_fields(&[("form[intent]", "submit")]);
        assert_eq!(
            spotter.call("initiatives/save", &submit).await.status,
            StatusCode::OK
        );
        let id = my_latest(&mut spotter).await;
        let (approved, returned) = tokio::join!(
            review(&mut first, &id, "approve", ""),
            review(&mut second, &id, "return", "Needs an address")
        );
        let mut statuses = [approved.status, returned.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
        test_db
    })
    .await;
}

#[tokio::test]
async fn strangers_are_refused_by_every_member_only_function() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = member(&test_db, "Sam", "198.51.100.160").await;
        let mut other = member(&test_db, "Olga", "198.51.100.161").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let id = new_draft(&mut spotter).await;
        let translation = [
            ("form[id]", id.as_str()),
            ("form[language]", "fr"),
            ("form[title]", "Titre"),
            ("form[summary]", "Résumé"),
            ("form[description]", "Description"),
        ];
        let theme = [
            ("form[name_en]", "Night life"),
            ("form[name_fr]", "Vie nocturne"),
        ];
        assert_eq!(
            visitor
                .call("initiatives/translate", &translation)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            other
                .call("initiatives/translate", &translation)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            visitor
                .get_api("initiatives/editable", &[("id", &id)])
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            other
                .get_api("initiatives/editable", &[("id", &id)])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            visitor
                .get_api("initiatives/queue", &[("language", "en")])
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            visitor
                .get_api("initiatives/mine", &[("language", "en")])
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            visitor.call("initiatives/add-theme", &theme).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            other.call("initiatives/add-theme", &theme).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            spotter
                .call("initiatives/translate", &translation)
                .await
                .status,
            StatusCode::OK
        );
        test_db
    })
    .await;
}
