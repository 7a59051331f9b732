//! The inspiration graph: spotters propose what inspired their initiative, moderators confirm,
//! cycles are refused; an initiative's lineage over generations, the "most inspiring" ranking
//! and the home page's numbers.
use crate::initiatives::{initiative_fields, member, moderator, my_latest};
use crate::support::*;
use axum::http::StatusCode;
use serde_json::Value;

/// Saves and publishes an initiative of `spotter`'s titled `title` in `city`: its id.
async fn published(spotter: &mut Client, mona: &mut Client, title: &str, city: &str) -> String {
    let fields = initiative_fields(&[("form[title]", title), ("form[city]", city)]);
    let saved = spotter.call("initiatives/save", &fields).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let id = my_latest(spotter).await;
    let mut submit = initiative_fields(&[("form[title]", title), ("form[city]", city)]);
    submit.push(("form[id]", &id));
    submit.retain(|(key, _)| *key != "form[intent]");
    submit.push(("form[intent]", "submit"));
    let submitted = spotter.call("initiatives/save", &submit).await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
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
    id
}

async fn propose(client: &mut Client, target: &str, source: &str) -> Reply {
    client
        .call(
            "inspiration/propose",
            &[("form[target]", target), ("form[source]", source)],
        )
        .await
}

async fn proposal_start(client: &mut Client, target: &str, q: &str) -> Reply {
    client
        .get_api(
            "inspiration/proposal-start",
            &[("target", target), ("q", q), ("language", "en")],
        )
        .await
}

async fn decide(client: &mut Client, link: i64, decision: &str) -> Reply {
    let link = link.to_string();
    client
        .call(
            "inspiration/decide",
            &[("form[link]", &link), ("form[decision]", decision)],
        )
        .await
}

/// The link waiting on `/review` from `source` to `target`.
async fn waiting(mona: &mut Client, source: &str, target: &str) -> i64 {
    let queue = mona
        .get_api("inspiration/queue", &[("language", "en")])
        .await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    queue
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|link| {
            link["source"]["id"].as_i64() == source.parse().ok()
                && link["target"]["id"].as_i64() == target.parse().ok()
        })
        .and_then(|link| link["id"].as_i64())
        .unwrap_or_else(|| panic!("no link {source} -> {target} waiting: {}", queue.body))
}

/// Proposed by `spotter`, confirmed by `mona`.
async fn confirmed(spotter: &mut Client, mona: &mut Client, target: &str, source: &str) {
    let proposed = propose(spotter, target, source).await;
    assert_eq!(proposed.status, StatusCode::OK, "{}", proposed.body);
    let link = waiting(mona, source, target).await;
    let decided = decide(mona, link, "confirm").await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
}

async fn lineage(client: &mut Client, id: &str) -> Value {
    let reply = client
        .get_api("initiatives/get", &[("id", id), ("language", "en")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["lineage"].clone()
}

fn ids(nodes: &Value) -> Vec<String> {
    nodes
        .as_array()
        .unwrap()
        .iter()
        .map(|node| node["end"]["id"].to_string())
        .collect()
}

#[tokio::test]
async fn a_spotter_proposes_what_inspired_their_initiative_and_a_moderator_confirms_it() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut cleo = member(&test_db, "Cleo", "198.51.100.3").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.4").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let paris = published(
            &mut ana,
            &mut mona,
            "Repair café of Belleville",
            "Paris, France",
        )
        .await;
        let lyon = published(
            &mut bob,
            &mut mona,
            "Repair café of Croix-Rousse",
            "Lyon, France",
        )
        .await;

        // Only the initiative's spotter (or a moderator) says what inspired it.
        assert_eq!(
            propose(&mut visitor, &lyon, &paris).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            propose(&mut cleo, &lyon, &paris).await.status,
            StatusCode::FORBIDDEN
        );
        for (client, status) in [
            (&mut visitor, StatusCode::UNAUTHORIZED),
            (&mut cleo, StatusCode::FORBIDDEN),
        ] {
            assert_eq!(proposal_start(client, &lyon, "repair").await.status, status);
        }
        let found = proposal_start(&mut bob, &lyon, "repair café").await;
        assert_eq!(found.status, StatusCode::OK, "{}", found.body);
        // The search offers the other repair café, never the initiative itself.
        assert_eq!(
            ids_of_ends(&found.json()["candidates"]),
            vec![paris.clone()]
        );

        let itself = propose(&mut bob, &lyon, &lyon).await;
        assert_eq!(itself.status, StatusCode::BAD_REQUEST);
        assert!(itself.body.contains("inspires_itself"), "{}", itself.body);
        let unknown = propose(&mut bob, &lyon, "999999").await;
        assert!(
            unknown.body.contains("unknown_initiative"),
            "{}",
            unknown.body
        );

        let proposed = propose(&mut bob, &lyon, &paris).await;
        assert_eq!(proposed.status, StatusCode::OK, "{}", proposed.body);
        let again = propose(&mut bob, &lyon, &paris).await;
        assert!(again.body.contains("already_linked"), "{}", again.body);
        let found = proposal_start(&mut bob, &lyon, "").await;
        assert_eq!(found.json()["links"][0]["status"], "Proposed");
        // Nothing shows before a moderator confirms.
        assert_eq!(lineage(&mut visitor, &paris).await["inspired"], 0);

        // Moderators alone decide links proposed outside events.
        let link = waiting(&mut mona, &paris, &lyon).await;
        assert_eq!(
            visitor
                .get_api("inspiration/queue", &[("language", "en")])
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            bob.get_api("inspiration/queue", &[("language", "en")])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            decide(&mut visitor, link, "confirm").await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            decide(&mut bob, link, "confirm").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            decide(&mut ana, link, "confirm").await.status,
            StatusCode::FORBIDDEN
        );
        let confirmed_now = decide(&mut mona, link, "confirm").await;
        assert_eq!(
            confirmed_now.status,
            StatusCode::OK,
            "{}",
            confirmed_now.body
        );

        // The inspiring initiative's spotter is told, once.
        assert_eq!(
            decide(&mut mona, link, "confirm").await.status,
            StatusCode::OK
        );
        let told: Vec<_> = mails_to(&test_db.db, "ana@example.org")
            .await
            .into_iter()
            .filter(|(subject, _)| subject.contains("inspired a new initiative"))
            .collect();
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(
            told[0].1.contains("Repair café of Croix-Rousse"),
            "{}",
            told[0].1
        );

        let paris_lineage = lineage(&mut visitor, &paris).await;
        assert_eq!(paris_lineage["inspired"], 1);
        assert_eq!(paris_lineage["cities"], 1);
        assert_eq!(ids(&paris_lineage["descendants"]), vec![lyon.clone()]);
        assert!(paris_lineage["points_json"]
            .as_str()
            .unwrap()
            .contains("Croix-Rousse"));
        assert_eq!(
            ids(&lineage(&mut visitor, &lyon).await["ancestors"]),
            vec![paris.clone()]
        );

        // A draft inspired by Paris: Paris's people hear of it once it is published, not before.
        let vaise = [
            ("form[title]", "Repair café of Vaise"),
            ("form[city]", "Lyon, France"),
        ];
        let saved = bob
            .call("initiatives/save", &initiative_fields(&vaise))
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let draft = my_latest(&mut bob).await;
        confirmed(&mut bob, &mut mona, &draft, &paris).await;
        let told_of_vaise = |mails: Vec<(String, String)>| {
            mails
                .into_iter()
                .filter(|(_, body)| body.contains("Repair café of Vaise"))
                .count()
        };
        assert_eq!(
            told_of_vaise(mails_to(&test_db.db, "ana@example.org").await),
            0
        );
        let mut submit = initiative_fields(&vaise);
        submit.retain(|(key, _)| *key != "form[intent]");
        submit.extend([("form[id]", draft.as_str()), ("form[intent]", "submit")]);
        assert_eq!(
            bob.call("initiatives/save", &submit).await.status,
            StatusCode::OK
        );
        let approve = [
            ("form[id]", draft.as_str()),
            ("form[decision]", "approve"),
            ("form[note]", ""),
        ];
        assert_eq!(
            mona.call("initiatives/review", &approve).await.status,
            StatusCode::OK
        );
        assert_eq!(
            told_of_vaise(mails_to(&test_db.db, "ana@example.org").await),
            1
        );
        test_db
    })
    .await;
}

fn ids_of_ends(ends: &Value) -> Vec<String> {
    ends.as_array()
        .unwrap()
        .iter()
        .map(|end| end["id"].to_string())
        .collect()
}

#[tokio::test]
async fn the_lineage_counts_generations_and_cities_and_no_link_may_close_a_loop() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.4").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let paris = published(
            &mut ana,
            &mut mona,
            "Tool library of Paris",
            "Paris, France",
        )
        .await;
        let lyon = published(&mut ana, &mut mona, "Tool library of Lyon", "Lyon, France").await;
        let manila = published(
            &mut ana,
            &mut mona,
            "Tool library of Manila",
            "Manila, Philippines",
        )
        .await;
        let rio = published(
            &mut ana,
            &mut mona,
            "Tool library of Rio",
            "Rio de Janeiro, Brazil",
        )
        .await;
        let lisbon = published(
            &mut ana,
            &mut mona,
            "Tool library of Lisbon",
            "Lisbon, Portugal",
        )
        .await;
        // Paris inspired Lyon and Manila; both inspired Rio (a diamond); Rio inspired Lisbon.
        confirmed(&mut ana, &mut mona, &lyon, &paris).await;
        confirmed(&mut ana, &mut mona, &manila, &paris).await;
        confirmed(&mut ana, &mut mona, &rio, &lyon).await;
        confirmed(&mut ana, &mut mona, &rio, &manila).await;
        confirmed(&mut ana, &mut mona, &lisbon, &rio).await;

        let tree = lineage(&mut visitor, &paris).await;
        assert_eq!(tree["inspired"], 4, "{tree}");
        assert_eq!(tree["cities"], 4);
        assert_eq!(tree["generations"], 3);
        assert_eq!(
            ids(&tree["descendants"]),
            vec![lyon.clone(), manila.clone()]
        );
        let below_lyon = &tree["descendants"][0]["children"];
        assert_eq!(ids(below_lyon), vec![rio.clone()]);
        assert_eq!(ids(&below_lyon[0]["children"]), vec![lisbon.clone()]);
        // Rio is named again under Manila, without its branch.
        let below_manila = &tree["descendants"][1]["children"];
        assert_eq!(ids(below_manila), vec![rio.clone()]);
        assert_eq!(below_manila[0]["repeated"], true);
        let places: Vec<&str> = tree["places"]
            .as_array()
            .unwrap()
            .iter()
            .map(|place| place["place"].as_str().unwrap())
            .collect();
        assert!(places.contains(&"Manila, Philippines"), "{places:?}");
        // Lisbon, two generations up: Rio, then Lyon and Manila, then Paris.
        let up = lineage(&mut visitor, &lisbon).await["ancestors"].clone();
        assert_eq!(ids(&up), vec![rio.clone()]);
        assert_eq!(ids(&up[0]["children"]), vec![lyon.clone(), manila.clone()]);
        assert_eq!(ids(&up[0]["children"][0]["children"]), vec![paris.clone()]);

        // Paris descends from nothing, Lisbon from Paris: Lisbon cannot have inspired Paris.
        let loop_now = propose(&mut ana, &paris, &lisbon).await;
        assert_eq!(loop_now.status, StatusCode::BAD_REQUEST);
        assert!(
            loop_now.body.contains("inspiration_cycle"),
            "{}",
            loop_now.body
        );
        // Two proposals that are fine alone close a loop together: the second confirmation is refused.
        let porto = published(
            &mut ana,
            &mut mona,
            "Tool library of Porto",
            "Porto, Portugal",
        )
        .await;
        let first = propose(&mut ana, &porto, &lisbon).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        let second = propose(&mut ana, &paris, &porto).await;
        assert_eq!(second.status, StatusCode::OK, "{}", second.body);
        let first = waiting(&mut mona, &lisbon, &porto).await;
        let second = waiting(&mut mona, &porto, &paris).await;
        assert_eq!(
            decide(&mut mona, first, "confirm").await.status,
            StatusCode::OK
        );
        let closing = decide(&mut mona, second, "confirm").await;
        assert_eq!(closing.status, StatusCode::BAD_REQUEST);
        assert!(
            closing.body.contains("inspiration_cycle"),
            "{}",
            closing.body
        );
        assert_eq!(waiting(&mut mona, &porto, &paris).await, second);
        assert_eq!(lineage(&mut visitor, &paris).await["inspired"], 5);

        // The ranking and the search order put Paris first, then Lyon and Manila.
        let ranking = visitor
            .get_api("inspiration/most-inspiring", &[("language", "en")])
            .await;
        assert_eq!(ranking.status, StatusCode::OK, "{}", ranking.body);
        let first = &ranking.json()[0];
        assert_eq!(first["end"]["id"].to_string(), paris);
        assert_eq!(first["inspired"], 5);
        assert_eq!(first["cities"], 5);
        let sorted = visitor
            .get_api(
                "initiatives/search",
                &[
                    ("params[q]", "tool library"),
                    ("params[sort]", "inspiring"),
                    ("language", "en"),
                ],
            )
            .await;
        assert_eq!(sorted.status, StatusCode::OK, "{}", sorted.body);
        let order = ids_of_ends(&sorted.json()["items"]);
        assert_eq!(order[0], paris);
        assert_eq!(order.len(), 6);
        test_db
    })
    .await;
}

#[tokio::test]
async fn the_home_page_counts_the_movement() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.4").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let numbers = |reply: Reply| {
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            reply.json()
        };
        let empty = numbers(visitor.get_api("home/numbers", &[]).await);
        assert_eq!(empty["initiatives"], 0);
        published(&mut ana, &mut mona, "Garden of Paris", "Paris, France").await;
        published(&mut ana, &mut mona, "Garden of Lyon", "Lyon, France").await;
        published(
            &mut ana,
            &mut mona,
            "Garden of Manila",
            "Manila, Philippines",
        )
        .await;
        // A draft is not counted.
        let draft = ana
            .call(
                "initiatives/save",
                &initiative_fields(&[("form[city]", "Lisbon, Portugal")]),
            )
            .await;
        assert_eq!(draft.status, StatusCode::OK, "{}", draft.body);
        let now = numbers(visitor.get_api("home/numbers", &[]).await);
        assert_eq!(now["initiatives"], 3);
        assert_eq!(now["cities"], 3);
        assert_eq!(now["countries"], 2);
        assert_eq!(now["reports"], 0);
        assert_eq!(now["upcoming_events"], 0);
        let home = visitor.get("/", Some("en")).await;
        assert!(home.body.contains("The movement today"), "{}", home.body);
        test_db
    })
    .await;
}

/// `(id, inspired)` of the most inspiring initiatives, as `client`'s instance ranks them.
async fn ranking(client: &mut Client) -> Vec<(String, i64)> {
    let reply = client
        .get_api("inspiration/most-inspiring", &[("language", "en")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["end"]["id"].to_string(),
                row["inspired"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn every_instance_s_ranking_follows_new_links_and_withdrawals() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.4").await;
        // Two app instances on one database, each keeping its own ranking.
        let mut here = Client::new(router_for(&test_db).await);
        let mut elsewhere = Client::new(router_for(&test_db).await);
        let paris = published(&mut ana, &mut mona, "Garden of Paris", "Paris, France").await;
        let lyon = published(&mut ana, &mut mona, "Garden of Lyon", "Lyon, France").await;
        let rio = published(
            &mut ana,
            &mut mona,
            "Garden of Rio",
            "Rio de Janeiro, Brazil",
        )
        .await;
        assert_eq!(ranking(&mut here).await, vec![]);
        assert_eq!(ranking(&mut elsewhere).await, vec![]);

        confirmed(&mut ana, &mut mona, &lyon, &paris).await;
        assert_eq!(ranking(&mut here).await, vec![(paris.clone(), 1)]);
        confirmed(&mut ana, &mut mona, &rio, &lyon).await;
        let both = vec![(paris.clone(), 2), (lyon.clone(), 1)];
        assert_eq!(ranking(&mut here).await, both);
        assert_eq!(ranking(&mut elsewhere).await, both);

        let withdrawn = mona
            .call(
                "initiatives/review",
                &[
                    ("form[id]", rio.as_str()),
                    ("form[decision]", "unpublish"),
                    ("form[note]", "Closed since 2020"),
                ],
            )
            .await;
        assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.body);
        assert_eq!(ranking(&mut here).await, vec![(paris.clone(), 1)]);
        assert_eq!(ranking(&mut elsewhere).await, vec![(paris, 1)]);
        test_db
    })
    .await;
}
