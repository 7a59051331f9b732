//! After the event: its outcome, and the initiatives people started there with their
//! inspiration links (proposed by who came, decided by the organisers, shown both ways).
use crate::events::{create_event, detail, event_fields, shaker, sign_up, starts_in_hours};
use crate::initiatives::{initiative_fields, member, moderator, my_latest, new_draft, publish};
use crate::support::*;
use axum::http::StatusCode;
use serde_json::Value;

async fn record(client: &mut Client, event: &str, attendance: &str, ideas: &str) -> Reply {
    client
        .call(
            "events/outcome",
            &[
                ("form[event]", event),
                ("form[attendance]", attendance),
                ("form[ideas]", ideas),
                ("form[roadmap]", "Meet again in March."),
            ],
        )
        .await
}

async fn outcome_form(client: &mut Client, event: &str) -> Reply {
    client
        .get_api(
            "events/outcome-start",
            &[("event", event), ("language", "en")],
        )
        .await
}

#[tokio::test]
async fn organisers_record_the_outcome_once_the_event_has_begun() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.4").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let id = create_event(&mut ana, &event_fields(&[])).await;
        sign_up(&mut bob, &id, "1").await;

        let early = record(&mut ana, &id, "20", "").await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
        assert_eq!(early.error_kind(), "not_begun_yet");
        starts_in_hours(&test_db, &id, -3).await;

        let anonymous = record(&mut visitor, &id, "20", "").await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            outcome_form(&mut visitor, &id).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            record(&mut bob, &id, "20", "").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            outcome_form(&mut bob, &id).await.status,
            StatusCode::FORBIDDEN
        );
        let negative = record(&mut ana, &id, "-4", "").await;
        assert_eq!(negative.status, StatusCode::BAD_REQUEST);
        assert!(
            negative.body.contains("invalid_number"),
            "{}",
            negative.body
        );
        assert_eq!(detail(&mut bob, &id).await["outcome"], Value::Null);

        let saved = record(&mut ana, &id, "23", "A **tool library** at the school").await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let outcome = detail(&mut visitor, &id).await["outcome"].clone();
        assert_eq!(outcome["attendance"], 23);
        assert!(outcome["ideas_html"]
            .as_str()
            .unwrap()
            .contains("<strong>tool library</strong>"));

        let corrected = record(&mut mona, &id, "25", "").await;
        assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.body);
        assert_eq!(detail(&mut visitor, &id).await["outcome"]["attendance"], 25);
        // Past events are listed with how many came.
        let past = visitor
            .get_api(
                "events/list",
                &[("language", "en"), ("query[past]", "true")],
            )
            .await;
        let card = past.json()["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|event| event["id"].as_i64() == id.parse().ok())
            .cloned()
            .unwrap_or_else(|| panic!("{id} not among past events: {}", past.body));
        assert_eq!(card["attendance"], 25);
        let form = outcome_form(&mut ana, &id).await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.body);
        assert_eq!(form.json()["form"]["attendance"], "25");
        assert_eq!(form.json()["recorded"], true);

        let cancelled = create_event(&mut ana, &event_fields(&[])).await;
        let cancel = ana.call("events/cancel", &[("event", &cancelled)]).await;
        assert_eq!(cancel.status, StatusCode::OK, "{}", cancel.body);
        starts_in_hours(&test_db, &cancelled, -3).await;
        let refused = record(&mut ana, &cancelled, "3", "").await;
        assert_eq!(refused.error_kind(), "event_cancelled");
        test_db
    })
    .await;
}

async fn start_initiative(client: &mut Client, event: &str, inspired_by: &[&str]) -> Reply {
    let keys: Vec<String> = (0..inspired_by.len())
        .map(|position| format!("form[inspired_by][{position}]"))
        .collect();
    let mut fields = initiative_fields(&[
        ("form[title]", "Tool library of Croix-Rousse"),
        ("form[event]", event),
    ]);
    for (key, id) in keys.iter().zip(inspired_by) {
        fields.push((key.as_str(), id));
    }
    client.call("initiatives/save", &fields).await
}

async fn decide(client: &mut Client, link: i64, decision: &str) -> Reply {
    client
        .call(
            "inspiration/decide",
            &[
                ("form[link]", &link.to_string()),
                ("form[decision]", decision),
            ],
        )
        .await
}

async fn inspiration_of(client: &mut Client, initiative: &str) -> Value {
    let reply = client
        .get_api("initiatives/get", &[("id", initiative), ("language", "en")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["inspiration"].clone()
}

fn ids_of(ends: &Value) -> Vec<String> {
    ends.as_array()
        .unwrap()
        .iter()
        .map(|end| format!("{}:{}", end["kind"].as_str().unwrap(), end["id"]))
        .collect()
}

#[tokio::test]
async fn who_came_starts_an_initiative_inspired_by_what_the_event_presented() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut cleo = member(&test_db, "Cleo", "198.51.100.3").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.4").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let mut presented = Vec::new();
        for _ in 0..3 {
            let id = new_draft(&mut ana).await;
            assert_eq!(publish(&mut ana, &mut mona, &id).await, StatusCode::OK);
            presented.push(id);
        }
        let (garden, cafe, elsewhere) = (&presented[0], &presented[1], &presented[2]);
        let deck = format!("{garden}\n{cafe}");
        let event = create_event(&mut ana, &event_fields(&[("form[initiatives]", &deck)])).await;
        sign_up(&mut bob, &event, "1").await;

        let early = start_initiative(&mut bob, &event, &[garden]).await;
        assert_eq!(early.error_kind(), "not_begun_yet", "{}", early.body);
        starts_in_hours(&test_db, &event, -3).await;
        assert_eq!(detail(&mut bob, &event).await["may_start_initiative"], true);
        assert_eq!(
            detail(&mut cleo, &event).await["may_start_initiative"],
            false
        );
        assert_eq!(
            detail(&mut visitor, &event).await["may_start_initiative"],
            false
        );

        let pairs = [("event", event.as_str()), ("language", "en")];
        let anonymous = visitor.get_api("events/inspiration-start", &pairs).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        let absent = cleo.get_api("events/inspiration-start", &pairs).await;
        assert_eq!(absent.status, StatusCode::FORBIDDEN);
        let came = bob.get_api("events/inspiration-start", &pairs).await;
        assert_eq!(came.status, StatusCode::OK, "{}", came.body);

        // Who did not come cannot say it started there; nothing is written.
        let stranger = start_initiative(&mut cleo, &event, &[garden]).await;
        assert_eq!(stranger.status, StatusCode::FORBIDDEN, "{}", stranger.body);
        let mine = cleo
            .get_api("initiatives/mine", &[("language", "en")])
            .await;
        assert_eq!(
            mine.json().as_array().map(Vec::len),
            Some(0),
            "{}",
            mine.body
        );
        let not_presented = start_initiative(&mut bob, &event, &[elsewhere]).await;
        assert_eq!(not_presented.status, StatusCode::BAD_REQUEST);
        assert!(
            not_presented.body.contains("inspired_by"),
            "{}",
            not_presented.body
        );
        let mine = bob.get_api("initiatives/mine", &[("language", "en")]).await;
        assert_eq!(
            mine.json().as_array().map(Vec::len),
            Some(0),
            "{}",
            mine.body
        );

        let started = start_initiative(&mut bob, &event, &[garden]).await;
        assert_eq!(started.status, StatusCode::OK, "{}", started.body);
        let new = my_latest(&mut bob).await;

        // The organisers see the proposals; others may not decide them.
        let form = outcome_form(&mut ana, &event).await.json();
        let proposed = form["proposed"].as_array().unwrap().clone();
        assert_eq!(proposed.len(), 2, "{form}");
        assert!(proposed.iter().all(|link| link["status"] == "Proposed"));
        assert!(proposed
            .iter()
            .all(|link| link["target"]["id"].as_i64() == new.parse().ok()));
        assert!(proposed.iter().all(|link| link["proposer"] == "Bob"));
        let links: Vec<i64> = proposed
            .iter()
            .map(|link| link["id"].as_i64().unwrap())
            .collect();
        assert_eq!(
            decide(&mut visitor, links[0], "confirm").await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            decide(&mut bob, links[0], "confirm").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            decide(&mut cleo, links[0], "confirm").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            decide(&mut ana, links[0], "maybe").await.status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            decide(&mut ana, 999_999, "confirm").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            ids_of(&inspiration_of(&mut visitor, garden).await["inspired"]),
            Vec::<String>::new()
        );

        for link in &links {
            assert_eq!(
                decide(&mut ana, *link, "confirm").await.status,
                StatusCode::OK
            );
        }
        // A draft is shown nowhere until it is published.
        assert_eq!(
            ids_of(&inspiration_of(&mut visitor, garden).await["inspired"]),
            Vec::<String>::new()
        );
        assert_eq!(publish(&mut bob, &mut mona, &new).await, StatusCode::OK);
        assert_eq!(
            ids_of(&inspiration_of(&mut visitor, garden).await["inspired"]),
            vec![format!("Initiative:{new}")]
        );
        assert_eq!(
            ids_of(&inspiration_of(&mut visitor, &new).await["inspired_by"]),
            vec![format!("Initiative:{garden}"), format!("Event:{event}")]
        );
        assert_eq!(
            ids_of(&inspiration_of(&mut visitor, cafe).await["inspired"]),
            Vec::<String>::new()
        );
        let shown = detail(&mut visitor, &event).await;
        assert_eq!(
            ids_of(&shown["started_projects"]),
            vec![format!("Initiative:{new}")]
        );

        // A moderator may undo a link; rejected links are shown nowhere.
        let event_link = proposed
            .iter()
            .find(|link| link["source"]["kind"] == "Event")
            .map(|link| link["id"].as_i64().unwrap())
            .unwrap();
        assert_eq!(
            decide(&mut mona, event_link, "reject").await.status,
            StatusCode::OK
        );
        assert_eq!(
            ids_of(&inspiration_of(&mut visitor, &new).await["inspired_by"]),
            vec![format!("Initiative:{garden}")]
        );
        assert_eq!(
            ids_of(&detail(&mut visitor, &event).await["started_projects"]),
            Vec::<String>::new()
        );
        let left = outcome_form(&mut ana, &event).await.json();
        assert_eq!(left["proposed"].as_array().map(Vec::len), Some(1), "{left}");
        test_db
    })
    .await;
}
