//! Member profiles: each reader sees only what the member allowed; only the member edits their
//! profile; handles are unique across look-alikes and old ones redirect.
use crate::initiatives::{member, moderator};
use crate::support::*;
use axum::http::StatusCode;
use serde_json::Value;

/// A full profile for Ana: city public, links for members, languages hidden, a bio in French
/// (the original) and in Portuguese. `extra` replaces or adds fields.
pub fn ana_profile<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("form[handle]", "ana-lima"),
        ("form[display_name]", "Ana Lima"),
        ("form[city]", "Paris, France"),
        ("form[city_visibility]", "public"),
        ("form[links_visibility]", "members"),
        ("form[languages_visibility]", "hidden"),
        ("form[roles][0]", "spotter"),
        ("form[roles][2]", "shaker"),
        ("form[spoken][pt]", "native"),
        ("form[spoken][fr]", "fluent"),
        ("form[spoken][de]", ""),
        ("form[themes][1]", "food_gardens"),
        ("form[skills]", "facilitation, carpentry"),
        ("form[links]", "https://ana.example.org/blog"),
        ("form[original_language]", "fr"),
        ("form[texts][0][language]", "fr"),
        ("form[texts][0][headline]", "Jardinière urbaine"),
        (
            "form[texts][0][bio]",
            "Je cultive des potagers sur les toits.",
        ),
        ("form[texts][1][language]", "pt"),
        ("form[texts][1][headline]", "Jardineira urbana"),
        ("form[texts][1][bio]", "Cultivo hortas nos telhados."),
        ("form[texts][2][language]", ""),
        ("form[texts][2][headline]", ""),
        ("form[texts][2][bio]", ""),
    ];
    for (name, value) in extra {
        match fields.iter_mut().find(|(field, _)| field == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields
}

pub async fn save(client: &mut Client, fields: &[(&str, &str)]) -> Reply {
    client.call("members/save-profile", fields).await
}

/// The profile `/api/members/profile` gives this client (`Found`), or the whole answer.
async fn lookup(client: &mut Client, handle: &str, language: &str) -> (StatusCode, Value) {
    let reply = client
        .get_api(
            "members/profile",
            &[("handle", handle), ("language", language)],
        )
        .await;
    let status = reply.status;
    (status, reply.json())
}

async fn profile(client: &mut Client, handle: &str, language: &str) -> Value {
    let (status, body) = lookup(client, handle, language).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["Found"].clone()
}

fn is_empty(value: &Value) -> bool {
    value.is_null() || value.as_array().is_some_and(Vec::is_empty)
}

#[tokio::test]
async fn a_profile_shows_each_reader_only_what_the_member_allowed() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = member(&test_db, "Ana", "198.51.100.40").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.41").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.42").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let saved = save(&mut ana, &ana_profile(&[])).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

        let seen = profile(&mut visitor, "ana-lima", "en").await;
        assert_eq!(seen["display_name"], "Ana Lima");
        assert_eq!(seen["city"]["name"], "Paris", "the city is public");
        assert!(is_empty(&seen["links"]), "links are for members: {seen}");
        assert!(is_empty(&seen["languages"]), "languages are hidden");
        assert_eq!(seen["roles"], serde_json::json!(["spotter", "shaker"]));
        assert_eq!(
            seen["skills"],
            serde_json::json!(["facilitation", "carpentry"])
        );
        assert_eq!(seen["is_own"], false);

        for reader in [&mut bob, &mut mona] {
            let seen = profile(reader, "ana-lima", "en").await;
            assert_eq!(
                seen["links"],
                serde_json::json!(["https://ana.example.org/blog"])
            );
            assert!(
                is_empty(&seen["languages"]),
                "hidden from members and moderators too"
            );
        }
        let own = profile(&mut ana, "ana-lima", "en").await;
        assert_eq!(own["languages"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            own["languages"][0]["language"], "pt",
            "the best-spoken first"
        );
        assert_eq!(own["is_own"], true);

        // Nobody, not even the member, gets the email in a profile.
        for reader in [&mut visitor, &mut bob, &mut ana] {
            let (_, body) = lookup(reader, "ana-lima", "en").await;
            assert!(!body.to_string().contains("ana@example.org"));
        }
        // The page respects the same rules.
        let page = visitor.get("/members/ana-lima", Some("en")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Paris") && page.body.contains("Ana Lima"));
        assert!(
            !page.body.contains("ana.example.org"),
            "links hidden from visitors"
        );
        let page = bob.get("/members/ana-lima", Some("en")).await;
        assert!(page.body.contains("https://ana.example.org/blog"));
        test_db
    })
    .await;
}

#[tokio::test]
async fn readers_get_the_bio_in_their_language_or_else_the_original() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = member(&test_db, "Ana", "198.51.100.43").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let saved = save(&mut ana, &ana_profile(&[])).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

        let in_portuguese = profile(&mut visitor, "ana-lima", "pt").await;
        assert_eq!(in_portuguese["text"]["language"], "pt");
        assert_eq!(in_portuguese["text"]["bio"], "Cultivo hortas nos telhados.");
        let in_german = profile(&mut visitor, "ana-lima", "de").await;
        assert_eq!(in_german["text"]["language"], "fr", "the original");
        assert_eq!(in_german["original_language"], "fr");

        let page = visitor.get("/members/ana-lima", Some("de")).await;
        assert!(
            page.body.contains(r#"lang="fr""#),
            "the bio is marked with its language"
        );
        assert!(page.body.contains("Je cultive des potagers"));

        // Removing the French tab makes Portuguese the original.
        let saved = save(&mut ana, &ana_profile(&[("form[texts][0][remove]", "1")])).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let in_german = profile(&mut visitor, "ana-lima", "de").await;
        assert_eq!(in_german["text"]["language"], "pt");
        assert_eq!(in_german["text_languages"], serde_json::json!(["pt"]));
        test_db
    })
    .await;
}

#[tokio::test]
async fn only_the_member_edits_their_profile() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = member(&test_db, "Ana", "198.51.100.44").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.45").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.46").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        assert_eq!(
            save(&mut ana, &ana_profile(&[])).await.status,
            StatusCode::OK
        );

        let refused = save(
            &mut visitor,
            &ana_profile(&[("form[display_name]", "Hacked")]),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        let refused = visitor
            .get_api("members/my-profile", &[("language", "en")])
            .await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            visitor.get("/my/profile", Some("en")).await.status,
            StatusCode::UNAUTHORIZED
        );

        // Another member and a moderator can only ever save their own profile: the form names no
        // member, and Ana's handle is hers.
        for other in [&mut bob, &mut mona] {
            let taken = save(other, &ana_profile(&[("form[display_name]", "Hacked")])).await;
            assert_eq!(taken.status, StatusCode::BAD_REQUEST);
            assert_eq!(taken.json()["detail"][0]["code"], "handle_taken");
        }
        let bob_saved = save(
            &mut bob,
            &ana_profile(&[("form[handle]", "bob-b"), ("form[display_name]", "Bob B")]),
        )
        .await;
        assert_eq!(bob_saved.status, StatusCode::OK, "{}", bob_saved.body);
        assert_eq!(
            profile(&mut visitor, "ana-lima", "en").await["display_name"],
            "Ana Lima"
        );
        assert_eq!(
            profile(&mut visitor, "bob-b", "en").await["display_name"],
            "Bob B"
        );

        let own = ana
            .get_api("members/my-profile", &[("language", "en")])
            .await;
        assert_eq!(own.status, StatusCode::OK);
        assert_eq!(own.json()["handle"], "ana-lima");
        assert_eq!(own.json()["texts"].as_array().map(Vec::len), Some(2));
        assert_eq!(own.json()["spoken"]["pt"], "native");
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_refused_profile_changes_nothing() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = member(&test_db, "Ana", "198.51.100.47").await;
        assert_eq!(
            save(&mut ana, &ana_profile(&[])).await.status,
            StatusCode::OK
        );
        let before = ana
            .get_api("members/my-profile", &[("language", "en")])
            .await
            .json();

        for (field, value, code) in [
            ("form[city]", "Atlantis", "unknown_city"),
            ("form[themes][1]", "astrology", "unknown_theme"),
            ("form[handle]", "adm1n", "handle_reserved"),
            ("form[handle]", "ana lima", "invalid_handle"),
            ("form[links]", "javascript:alert(1)", "invalid_url"),
            ("form[texts][1][language]", "fr", "duplicate_language"),
        ] {
            let refused = save(
                &mut ana,
                &ana_profile(&[(field, value), ("form[display_name]", "Changed")]),
            )
            .await;
            assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{field}={value}");
            assert!(
                refused.body.contains(code),
                "{field}={value}: {}",
                refused.body
            );
            let after = ana
                .get_api("members/my-profile", &[("language", "en")])
                .await
                .json();
            assert_eq!(after, before, "{field}={value} changed the profile");
        }
        test_db
    })
    .await;
}

#[tokio::test]
async fn handles_are_unique_across_look_alikes_and_old_ones_keep_leading_to_the_member() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = member(&test_db, "Ana", "198.51.100.48").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.49").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        // A handle was made from the display name at sign-up.
        assert_eq!(
            profile(&mut visitor, "ana", "en").await["display_name"],
            "Ana"
        );

        assert_eq!(
            save(&mut ana, &ana_profile(&[])).await.status,
            StatusCode::OK
        );
        let (status, moved) = lookup(&mut visitor, "ana", "en").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(moved["MovedTo"], "ana-lima");
        let page = visitor.get("/members/ana", Some("en")).await;
        assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY);
        assert_eq!(page.header("location"), "/members/ana-lima");

        for taken in ["ana", "ana-lima", "ana_1ima", "AnaLima"] {
            let refused = save(&mut bob, &ana_profile(&[("form[handle]", taken)])).await;
            assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{taken}");
            assert_eq!(
                refused.json()["detail"][0]["code"],
                "handle_taken",
                "{taken}"
            );
        }
        // Ana may go back to her old handle.
        assert_eq!(
            save(&mut ana, &ana_profile(&[("form[handle]", "ana")]))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(profile(&mut visitor, "ana", "en").await["handle"], "ana");
        let (status, _) = lookup(&mut visitor, "nobody-here", "en").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(
            visitor.get("/members/nobody-here", Some("en")).await.status,
            StatusCode::NOT_FOUND
        );

        // At sign-up: a taken handle is refused and creates nothing; a namesake gets "-2".
        let mut newcomer = Client::from_ip(router_for(&test_db).await, "198.51.100.50");
        let refused = newcomer
            .call(
                "accounts/sign-up",
                &[
                    ("form[display_name]", "Ana Two"),
                    ("form[handle]", "Ana-Lima"),
                    ("form[email]", "ana2@example.org"),
                    ("form[password]", PASSWORD),
                    ("form[city]", "Paris"),
                    ("form[language]", "en"),
                ],
            )
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert_eq!(refused.json()["detail"][0]["code"], "handle_taken");
        let accepted = newcomer.sign_up("Ana", "ana2@example.org", PASSWORD).await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
        newcomer
            .confirm_email(&test_db.db, "ana2@example.org")
            .await;
        assert_eq!(
            profile(&mut visitor, "ana-2", "en").await["display_name"],
            "Ana"
        );
        // A name with no Latin letters gets a neutral handle, never a reserved one.
        let mut li = Client::from_ip(router_for(&test_db).await, "198.51.100.65");
        let accepted = li.sign_up("李明", "li@example.org", PASSWORD).await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
        li.confirm_email(&test_db.db, "li@example.org").await;
        assert_eq!(
            profile(&mut visitor, "citizen", "en").await["display_name"],
            "李明"
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_spotter_is_credited_with_a_link_to_their_page() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut sam = member(&test_db, "Sam", "198.51.100.51").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.52").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let id = crate::initiatives::new_draft(&mut sam).await;
        let published = crate::initiatives::publish(&mut sam, &mut mona, &id).await;
        assert_eq!(published, StatusCode::OK);

        let page = visitor.get(&format!("/initiatives/{id}"), Some("en")).await;
        assert!(
            page.body.contains(r#"href="/members/sam""#),
            "{}",
            page.body
        );
        let seen = profile(&mut visitor, "sam", "en").await;
        assert_eq!(seen["spotted"][0]["id"].to_string(), id);
        test_db
    })
    .await;
}

/// The directory's answer for `query` pairs, as a visitor or member sees it.
pub async fn directory(client: &mut Client, query: &[(&str, &str)]) -> Value {
    let mut fields: Vec<(String, String)> = query
        .iter()
        .map(|(key, value)| (format!("params[{key}]"), (*value).to_owned()))
        .collect();
    if !query.iter().any(|(key, _)| *key == "q") {
        // The page always sends the text field, empty or not.
        fields.push(("params[q]".into(), String::new()));
    }
    fields.push(("language".into(), "en".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    let reply = client.get_api("members/directory", &pairs).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

pub fn handles(results: &Value) -> Vec<String> {
    results["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|card| card["handle"].as_str().unwrap().to_owned())
        .collect()
}

fn facet_count(results: &Value, facet: &str, value: &str) -> Option<i64> {
    results["facets"][facet]
        .as_array()
        .unwrap()
        .iter()
        .find(|count| count["value"] == value)
        .and_then(|count| count["count"].as_i64())
}

#[tokio::test]
async fn the_directory_finds_members_by_what_they_made_public_only() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = member(&test_db, "Ana", "198.51.100.53").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.54").await;
        let mut elise = member(&test_db, "Elise", "198.51.100.55").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        // Ana: Paris and her languages public, a shaker.
        let ana_fields = ana_profile(&[("form[languages_visibility]", "public")]);
        assert_eq!(save(&mut ana, &ana_fields).await.status, StatusCode::OK);
        // Bob: also in Paris and speaking Portuguese, but for members only; a spotter.
        let bob_fields = ana_profile(&[
            ("form[handle]", "bob-b"),
            ("form[display_name]", "Bob"),
            ("form[city_visibility]", "members"),
            ("form[languages_visibility]", "members"),
            ("form[roles][2]", "reporter"),
        ]);
        assert_eq!(save(&mut bob, &bob_fields).await.status, StatusCode::OK);
        // Élise: Lisbon, public, found by her name without its accent.
        let elise_fields = ana_profile(&[
            ("form[handle]", "elise-l"),
            ("form[display_name]", "Élise Lemaire"),
            ("form[city]", "Lisbon, Portugal"),
            ("form[skills]", "menuiserie"),
            ("form[roles][0]", "reporter"),
        ]);
        assert_eq!(save(&mut elise, &elise_fields).await.status, StatusCode::OK);

        for reader in [&mut visitor, &mut bob] {
            let all = directory(reader, &[]).await;
            assert_eq!(all["total"], 3);
            assert_eq!(
                facet_count(&all, "countries", "FR"),
                Some(1),
                "Bob's city is not public"
            );
            assert_eq!(facet_count(&all, "countries", "PT"), Some(1));
            assert_eq!(
                facet_count(&all, "languages", "pt"),
                Some(1),
                "only Ana's languages are public"
            );
            assert_eq!(facet_count(&all, "roles", "reporter"), Some(2));
            let bob_card = &all["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|card| card["handle"] == "bob-b")
                .cloned()
                .unwrap();
            assert!(bob_card["city"].is_null(), "{bob_card}");
            assert!(!all.to_string().contains("@example.org"));

            let in_paris = directory(reader, &[("city", "2988507")]).await;
            assert_eq!(handles(&in_paris), vec!["ana-lima"]);
            assert_eq!(in_paris["items"][0]["city"]["name"], "Paris");
            let in_france = directory(reader, &[("country", "FR")]).await;
            assert_eq!(handles(&in_france), vec!["ana-lima"]);
            let portuguese = directory(reader, &[("lang", "pt")]).await;
            assert_eq!(handles(&portuguese), vec!["ana-lima"]);
        }
        let reporters = directory(&mut visitor, &[("role", "reporter")]).await;
        assert_eq!(
            handles(&reporters),
            vec!["elise-l", "bob-b"],
            "newest first"
        );
        assert_eq!(
            facet_count(&reporters, "roles", "spotter"),
            Some(2),
            "a facet ignores its own filter: Ana and Bob"
        );
        assert_eq!(
            handles(&directory(&mut visitor, &[("q", "elise")]).await),
            vec!["elise-l"]
        );
        assert_eq!(
            handles(&directory(&mut visitor, &[("q", "MENUISERIE")]).await),
            vec!["elise-l"]
        );
        let headline = directory(&mut visitor, &[("q", "jardiniere")]).await;
        assert_eq!(headline["total"], 3, "headlines are searched too");

        let page = visitor.get("/members?role=reporter", Some("en")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(r#"href="/members/elise-l""#));
        assert!(!page.body.contains(r#"href="/members/ana-lima""#));
        test_db
    })
    .await;
}

/// (recipient, subject) of every queued mail, oldest first.
async fn queued_mails(db: &newcityzens::db::Db) -> Vec<(String, String)> {
    let sql = "SELECT recipient, subject FROM mail_outbox ORDER BY id";
    match db {
        newcityzens::db::Db::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
        newcityzens::db::Db::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
    }
}

async fn signs_up_in(test_db: &TestDb, name: &str, city: &str, ip: &str) -> Client {
    let mut client = Client::from_ip(router_for(test_db).await, ip);
    let email = format!("{}@example.org", name.to_lowercase());
    let reply = client
        .call(
            "accounts/sign-up",
            &[
                ("form[display_name]", name),
                ("form[email]", email.as_str()),
                ("form[password]", PASSWORD),
                ("form[city]", city),
                ("form[language]", "fr"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let confirmed = client.confirm_email(&test_db.db, &email).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    client
}

async fn my_city(client: &mut Client) -> Value {
    let reply = client
        .get_api("members/my-city", &[("language", "en")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

fn names(people: &Value) -> Vec<String> {
    people
        .as_array()
        .unwrap()
        .iter()
        .map(|person| person["display_name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_newcomer_is_routed_to_the_shakers_of_their_city_or_else_to_the_admins() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut sam = member(&test_db, "Sam", "198.51.100.60").await;
        let shaker = ana_profile(&[
            ("form[handle]", "sam-shaker"),
            ("form[display_name]", "Sam"),
        ]);
        assert_eq!(save(&mut sam, &shaker).await.status, StatusCode::OK);
        let _adele = crate::initiatives::moderator(&test_db, "Adele", "198.51.100.61").await;
        crate::initiatives::grant(
            &test_db,
            "adele@example.org",
            newcityzens::accounts::Role::Admin,
        )
        .await;
        let before = queued_mails(&test_db.db).await.len();

        // Nora signs up in Paris, where Sam is a shaker: Sam is told, in his language.
        let mut nora = signs_up_in(&test_db, "Nora", "Paris, France", "198.51.100.62").await;
        let mails = queued_mails(&test_db.db).await;
        let to_others: Vec<_> = mails[before..]
            .iter()
            .filter(|(to, _)| to != "nora@example.org")
            .cloned()
            .collect();
        assert_eq!(
            to_others,
            [(
                "sam@example.org".to_owned(),
                "Nora just joined in Paris, France".to_owned()
            )]
        );
        let seen_by_sam = my_city(&mut sam).await;
        assert_eq!(seen_by_sam["is_shaker"], true);
        assert_eq!(names(&seen_by_sam["newcomers"]), vec!["Nora"]);
        let seen_by_nora = my_city(&mut nora).await;
        assert_eq!(names(&seen_by_nora["shakers"]), vec!["Sam"]);
        assert!(
            is_empty(&seen_by_nora["newcomers"]),
            "only shakers see newcomers"
        );

        // Lisbon has no shaker: the admins are told.
        signs_up_in(&test_db, "Olga", "Lisbon", "198.51.100.63").await;
        let mails = queued_mails(&test_db.db).await;
        assert_eq!(mails.last().unwrap().0, "adele@example.org");
        assert!(mails.last().unwrap().1.starts_with("Olga"));

        // Nora moves to Lisbon (admins told), then back to Paris within a month: Sam is not
        // told twice.
        let moved = ana_profile(&[
            ("form[handle]", "nora-n"),
            ("form[display_name]", "Nora"),
            ("form[city]", "Lisbon, Portugal"),
            ("form[roles][2]", ""),
        ]);
        assert_eq!(save(&mut nora, &moved).await.status, StatusCode::OK);
        assert_eq!(queued_mails(&test_db.db).await.len(), mails.len() + 1);
        let back = ana_profile(&[
            ("form[handle]", "nora-n"),
            ("form[display_name]", "Nora"),
            ("form[roles][2]", ""),
        ]);
        assert_eq!(save(&mut nora, &back).await.status, StatusCode::OK);
        assert_eq!(queued_mails(&test_db.db).await.len(), mails.len() + 1);

        // A member who hides their city is not routed.
        let mut hidden = signs_up_in(&test_db, "Hugo", "Lyon", "198.51.100.64").await;
        let count = queued_mails(&test_db.db).await.len();
        let hides = ana_profile(&[
            ("form[handle]", "hugo-h"),
            ("form[display_name]", "Hugo"),
            ("form[city_visibility]", "hidden"),
        ]);
        assert_eq!(save(&mut hidden, &hides).await.status, StatusCode::OK);
        assert_eq!(
            queued_mails(&test_db.db).await.len(),
            count,
            "a hidden city routes nobody"
        );
        assert!(!names(&my_city(&mut sam).await["newcomers"]).contains(&"Hugo".to_owned()));

        let mut visitor = Client::new(router_for(&test_db).await);
        let refused = visitor
            .get_api("members/my-city", &[("language", "en")])
            .await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        test_db
    })
    .await;
}

/// Pages rendered at the same time on one thread each finish, with their own content. Leptos
/// resolves a whole-page render (`SsrMode::Async`) outside the request's arena sandbox; before
/// `server::render_owner`, another request's task running in between made the render read the
/// wrong arena: a panic, or a page that never finished.
#[tokio::test]
async fn pages_rendered_at_the_same_time_each_finish_with_their_own_content() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let names = ["Ana", "Bob", "Chloé"];
        let mut members = Vec::new();
        for (n, name) in names.iter().enumerate() {
            let email = format!("m{n}@example.org");
            let ip = format!("198.51.100.{n}");
            let mut member = member_with_email(&test_db, name, &email, &ip).await;
            let handle = handle_of(name);
            let profile = ana_profile(&[("form[handle]", &handle), ("form[display_name]", name)]);
            let saved = save(&mut member, &profile).await;
            assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
            members.push(member);
        }
        // Each member (logged in) and a visitor read every page in turn, all at once.
        let mut renders = tokio::task::JoinSet::new();
        for round in 0..4 {
            for (reader, name) in members.iter().zip(names.iter().cycle().skip(round)) {
                let name: &'static str = name;
                let path = format!("/members/{}", handle_of(name));
                let mut reader = reader.twin();
                let mut visitor = Client::new(reader.router.clone());
                let visitor_path = path.clone();
                renders.spawn(async move { (round, name, reader.get(&path, Some("en")).await) });
                renders.spawn(async move {
                    (round, name, visitor.get(&visitor_path, Some("en")).await)
                });
            }
        }
        for (round, name, page) in renders.join_all().await {
            assert_eq!(page.status, StatusCode::OK, "round {round}, {name}");
            assert!(
                page.body.contains(&format!("id=\"member-name\">{name}<")),
                "round {round}: {name}'s page"
            );
            for other in names.iter().filter(|other| **other != name) {
                assert!(
                    !page.body.contains(&format!("id=\"member-name\">{other}<")),
                    "round {round}: {name}'s page shows {other}"
                );
            }
        }
        test_db
    })
    .await;
}

fn handle_of(name: &str) -> String {
    name.to_lowercase().replace('é', "e")
}
