//! The shakers' events through their server functions: who may organise and manage, times in
//! the city's zone, bad input, sign-ups up to the capacity, the waitlist and its promotion.
use crate::initiatives::{member, moderator, new_draft, publish};
use crate::support::*;
use axum::http::StatusCode;
use serde_json::Value;

/// "2027-01-14": the day `days` from today (UTC), for events that stay in the future.
pub fn day_in(days: i64) -> String {
    let day = time::OffsetDateTime::now_utc() + time::Duration::days(days);
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

/// A complete event form, 30 days from now in Lyon; `extra` overrides or adds fields.
pub fn event_fields(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let day = day_in(30);
    let mut fields: Vec<(String, String)> = [
        ("form[title]", "Inspiration café: repair cafés"),
        ("form[format]", "inspiration_cafe"),
        ("form[language]", "fr"),
        (
            "form[description]",
            "Venez découvrir **trois** initiatives.",
        ),
        ("form[city]", "Lyon, France"),
        ("form[address]", "12 rue de la République"),
        ("form[languages][0]", "fr"),
        ("form[languages][1]", "en"),
        ("form[capacity]", "30"),
        ("form[max_party_size]", "3"),
        ("form[accessibility]", "Step-free entrance."),
    ]
    .iter()
    .map(|(key, value)| (key.to_string(), value.to_string()))
    .collect();
    fields.push(("form[starts]".into(), format!("{day}T19:00")));
    fields.push(("form[ends]".into(), format!("{day}T21:30")));
    for (key, value) in extra {
        fields.retain(|(k, _)| k != key);
        fields.push((key.to_string(), value.to_string()));
    }
    fields
}

pub async fn save_event(client: &mut Client, fields: &[(String, String)]) -> Reply {
    call_with(client, "events/save", fields).await
}

/// `Client::call` with fields built at run time.
pub async fn call_with(client: &mut Client, endpoint: &str, fields: &[(String, String)]) -> Reply {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    client.call(endpoint, &pairs).await
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Creates the event of `fields` and returns its id.
pub async fn create_event(client: &mut Client, fields: &[(String, String)]) -> String {
    let saved = save_event(client, fields).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    latest_event(client).await
}

async fn latest_event(client: &mut Client) -> String {
    let list = client
        .get_api(
            "events/list",
            &[("language", "en"), ("query[past]", "false")],
        )
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let events = list.json()["events"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    events
        .iter()
        .filter_map(|event| event["id"].as_i64())
        .max()
        .expect("an event listed")
        .to_string()
}

/// A member who took the shaker role.
pub async fn shaker(test_db: &TestDb, name: &str, ip: &str) -> Client {
    let client = member(test_db, name, ip).await;
    let email = format!("{}@example.org", name.to_lowercase());
    take_member_role(&test_db.db, &email, "shaker").await;
    client
}

pub async fn detail(client: &mut Client, id: &str) -> Value {
    let reply = client
        .call("events/detail", &[("id", id), ("language", "en")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

pub async fn sign_up(client: &mut Client, id: &str, party: &str) -> Reply {
    client
        .call(
            "events/sign-up",
            &[("form[event]", id), ("form[party_size]", party)],
        )
        .await
}

/// The ids of the events listed for `filters`, in order.
async fn list_ids(client: &mut Client, filters: &[(&str, &str)]) -> Vec<String> {
    let mut fields = vec![("language", "en")];
    fields.extend_from_slice(filters);
    if !filters.iter().any(|(name, _)| *name == "query[past]") {
        fields.push(("query[past]", "false"));
    }
    let reply = client.get_api("events/list", &fields).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["id"].to_string())
        .collect()
}

pub fn field_code(reply: &Reply, field: &str) -> String {
    reply.json()["detail"]
        .as_array()
        .and_then(|errors| errors.iter().find(|error| error["field"] == field))
        .map(|error| error["code"].as_str().unwrap_or_default().to_owned())
        .unwrap_or_else(|| format!("no error on {field}: {}", reply.body))
}

#[tokio::test]
async fn shakers_and_moderators_create_events_members_and_visitors_cannot() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let fields = event_fields(&[]);
        let mut visitor = Client::new(router_for(&test_db).await);
        assert_eq!(
            save_event(&mut visitor, &fields).await.status,
            StatusCode::UNAUTHORIZED
        );
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        assert_eq!(
            save_event(&mut bob, &fields).await.status,
            StatusCode::FORBIDDEN
        );
        // Refused before its content is even read.
        let bad = event_fields(&[("form[capacity]", "0")]);
        assert_eq!(
            save_event(&mut bob, &bad).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(bob.call("events/may-organise", &[]).await.body, "false");
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        assert_eq!(ana.call("events/may-organise", &[]).await.body, "true");
        let id = create_event(&mut ana, &fields).await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.4").await;
        let other = create_event(&mut mona, &event_fields(&[("form[title]", "Action day")])).await;
        assert_ne!(id, other);

        let event = detail(&mut visitor, &id).await;
        assert_eq!(event["card"]["title"], "Inspiration café: repair cafés");
        assert_eq!(event["card"]["city"], "Lyon, France");
        assert_eq!(event["card"]["languages"], serde_json::json!(["fr", "en"]));
        assert_eq!(event["organisers"][0]["name"], "Ana");
        assert_eq!(event["can_manage"], false);
        assert!(event["description_html"]
            .as_str()
            .unwrap()
            .contains("<strong>trois</strong>"));
        assert_eq!(detail(&mut ana, &id).await["can_manage"], true);
        assert_eq!(detail(&mut mona, &id).await["can_manage"], true);
        test_db
    })
    .await;
}

#[tokio::test]
async fn times_are_typed_in_the_city_zone_and_stored_in_utc() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(
            &mut ana,
            &event_fields(&[
                ("form[starts]", "2031-01-14T19:00"),
                ("form[ends]", "2031-01-14T21:30"),
            ]),
        )
        .await;
        let event = detail(&mut ana, &id).await;
        assert_eq!(event["card"]["starts"]["utc"], "2031-01-14T18:00:00Z");
        assert_eq!(
            event["card"]["starts"]["local"],
            "2031-01-14T19:00:00+01:00"
        );
        assert_eq!(event["card"]["starts"]["zone"], "Europe/Paris");
        // Summer time in Lyon, typed in São Paulo's zone on purpose.
        let fields = event_fields(&[
            ("form[starts]", "2031-07-01T10:00"),
            ("form[ends]", "2031-07-01T12:00"),
            ("form[timezone]", "America/Sao_Paulo"),
        ]);
        let id = create_event(&mut ana, &fields).await;
        let event = detail(&mut ana, &id).await;
        assert_eq!(event["card"]["starts"]["utc"], "2031-07-01T13:00:00Z");
        assert_eq!(event["card"]["ends"]["local"], "2031-07-01T12:00:00-03:00");
        // The edit form gives the times back on the event's clocks.
        let form = ana
            .call(
                "events/editable",
                &[("id", &id), ("duplicate", "false"), ("language", "en")],
            )
            .await;
        assert_eq!(form.json()["starts"], "2031-07-01T10:00");
        assert_eq!(form.json()["timezone"], "America/Sao_Paulo");
        test_db
    })
    .await;
}

/// A form, the field refused and the code why.
type Refusal = (Vec<(String, String)>, &'static str, &'static str);

#[tokio::test]
async fn bad_event_input_is_refused_field_by_field_and_nothing_is_stored() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let day = day_in(30);
        let yesterday = day_in(-1);
        let cases: Vec<Refusal> = vec![
            (
                event_fields(&[("form[ends]", &format!("{day}T18:00"))]),
                "ends",
                "end_before_start",
            ),
            (
                event_fields(&[
                    ("form[starts]", &format!("{yesterday}T10:00")),
                    ("form[ends]", &format!("{yesterday}T12:00")),
                ]),
                "starts",
                "in_past",
            ),
            (
                event_fields(&[("form[capacity]", "0")]),
                "capacity",
                "invalid_capacity",
            ),
            (
                event_fields(&[("form[capacity]", "-4")]),
                "capacity",
                "invalid_capacity",
            ),
            (
                event_fields(&[("form[timezone]", "Mars/Olympus_Mons")]),
                "timezone",
                "unknown_timezone",
            ),
            (
                event_fields(&[("form[city]", "Atlantis, Nowhere")]),
                "city",
                "unknown_city",
            ),
            (
                event_fields(&[("form[co_organisers]", "@nobody-at-all")]),
                "co_organisers",
                "unknown_member",
            ),
            (
                event_fields(&[("form[initiatives]", "999999")]),
                "initiatives",
                "unknown_initiative",
            ),
            (
                event_fields(&[("form[max_party_size]", "50")]),
                "max_party_size",
                "invalid_number",
            ),
            (
                event_fields(&[("form[signup_deadline]", &format!("{}T10:00", day_in(31)))]),
                "signup_deadline",
                "deadline_after_start",
            ),
            (
                event_fields(&[("form[address]", "")]),
                "address",
                "place_required",
            ),
        ];
        for (fields, field, code) in cases {
            let refused = save_event(&mut ana, &fields).await;
            assert_eq!(
                refused.status,
                StatusCode::BAD_REQUEST,
                "{field}: {}",
                refused.body
            );
            assert_eq!(field_code(&refused, field), code);
        }
        let events = newcityzens::with_pool!(&test_db.db, pool =>
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM events").fetch_one(pool).await)
        .unwrap();
        assert_eq!(events, 0);
        test_db
    })
    .await;
}

#[tokio::test]
async fn only_organisers_and_moderators_edit_an_event() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let mut carl = shaker(&test_db, "Carl", "198.51.100.3").await;
        let mut dina = member(&test_db, "Dina", "198.51.100.5").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.4").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let id = create_event(&mut ana, &event_fields(&[("form[co_organisers]", "@dina")])).await;
        let edit = |title: &str| {
            event_fields(&[
                ("form[id]", &id),
                ("form[title]", title),
                ("form[co_organisers]", "dina"),
            ])
        };

        assert_eq!(
            save_event(&mut visitor, &edit("Visitor")).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            save_event(&mut carl, &edit("Carl's now")).await.status,
            StatusCode::FORBIDDEN
        );
        let bad = event_fields(&[("form[id]", id.as_str()), ("form[capacity]", "0")]);
        assert_eq!(
            save_event(&mut carl, &bad).await.status,
            StatusCode::FORBIDDEN
        );
        let editable = carl
            .call(
                "events/editable",
                &[("id", &id), ("duplicate", "false"), ("language", "en")],
            )
            .await;
        assert_eq!(editable.status, StatusCode::FORBIDDEN);
        // Another shaker may start from it (duplicate), without the dates.
        let copy = carl
            .call(
                "events/editable",
                &[("id", &id), ("duplicate", "true"), ("language", "en")],
            )
            .await;
        assert_eq!(copy.status, StatusCode::OK, "{}", copy.body);
        assert_eq!(
            (copy.json()["id"].as_str(), copy.json()["starts"].as_str()),
            (Some(""), Some(""))
        );
        assert_eq!(copy.json()["title"], "Inspiration café: repair cafés");
        assert_eq!(
            detail(&mut visitor, &id).await["card"]["title"],
            "Inspiration café: repair cafés"
        );

        for (client, title) in [
            (&mut ana, "By Ana"),
            (&mut dina, "By Dina, co-organiser"),
            (&mut mona, "By Mona"),
        ] {
            let saved = save_event(client, &edit(title)).await;
            assert_eq!(saved.status, StatusCode::OK, "{title}: {}", saved.body);
            assert_eq!(detail(&mut visitor, &id).await["card"]["title"], title);
        }
        let missing = save_event(&mut ana, &event_fields(&[("form[id]", "987654")])).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        test_db
    })
    .await;
}

#[tokio::test]
async fn seats_fill_then_the_waitlist_is_promoted_in_order_when_someone_cancels() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(
            &mut ana,
            &event_fields(&[("form[capacity]", "3"), ("form[max_party_size]", "2")]),
        )
        .await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut cleo = member(&test_db, "Cleo", "198.51.100.3").await;
        let mut dan = member(&test_db, "Dan", "198.51.100.5").await;
        let mut visitor = Client::new(router_for(&test_db).await);

        assert_eq!(
            sign_up(&mut visitor, &id, "1").await.status,
            StatusCode::UNAUTHORIZED
        );
        let too_many = sign_up(&mut bob, &id, "3").await;
        assert_eq!(field_code(&too_many, "party_size"), "party_too_large");
        assert_eq!(sign_up(&mut bob, &id, "2").await.status, StatusCode::OK);
        assert_eq!(
            sign_up(&mut bob, &id, "1").await.error_kind(),
            "already_signed_up"
        );
        assert_eq!(sign_up(&mut cleo, &id, "2").await.status, StatusCode::OK);
        assert_eq!(sign_up(&mut dan, &id, "1").await.status, StatusCode::OK);

        let bobs = detail(&mut bob, &id).await;
        assert_eq!(bobs["my_signup"]["status"], "confirmed");
        let code = bobs["my_signup"]["code"].as_str().unwrap().to_owned();
        assert_eq!(code.len(), 6);
        assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        // Cleo's two do not fit in the one seat left; Dan's one does.
        let cleos = detail(&mut cleo, &id).await;
        assert_eq!(cleos["my_signup"]["status"], "waitlisted");
        assert_eq!(cleos["my_signup"]["waitlist_position"], 1);
        assert_eq!(
            detail(&mut dan, &id).await["my_signup"]["status"],
            "confirmed"
        );
        assert_eq!(cleos["card"]["seats_taken"], 3);
        assert_eq!(cleos["waitlisted"], 1);

        // Cleo cannot cancel Bob's sign-up: it is not found for her.
        let bobs_signup = bobs["my_signup"]["id"].to_string();
        let refused = cleo
            .call("events/cancel-sign-up", &[("signup", &bobs_signup)])
            .await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        assert_eq!(
            visitor
                .call("events/cancel-sign-up", &[("signup", &bobs_signup)])
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert!(mails_to(&test_db.db, "cleo@example.org")
            .await
            .iter()
            .all(|(subject, _)| !subject.contains("seat")));

        let cancelled = bob
            .call("events/cancel-sign-up", &[("signup", &bobs_signup)])
            .await;
        assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
        let cleos = detail(&mut cleo, &id).await;
        assert_eq!(cleos["my_signup"]["status"], "confirmed");
        assert_eq!(cleos["card"]["seats_taken"], 3);
        assert_eq!(cleos["waitlisted"], 0);
        let cleo_code = cleos["my_signup"]["code"].as_str().unwrap();
        let (subject, body) = mails_to(&test_db.db, "cleo@example.org")
            .await
            .pop()
            .unwrap();
        assert_eq!(subject, "A seat is yours: Inspiration café: repair cafés");
        assert!(body.contains(cleo_code), "{body}");
        assert!(body.contains(&format!("/events/{id}")), "{body}");
        assert!(body.contains("19:00–21:30 (Europe/Paris)"), "{body}");
        assert_eq!(
            detail(&mut bob, &id).await["my_signup"]["status"],
            "cancelled"
        );
        let again = bob
            .call("events/cancel-sign-up", &[("signup", &bobs_signup)])
            .await;
        assert_eq!(again.error_kind(), "invalid_state");
        // Bob may come back: to the end of the line if it is full.
        assert_eq!(sign_up(&mut bob, &id, "2").await.status, StatusCode::OK);
        assert_eq!(
            detail(&mut bob, &id).await["my_signup"]["status"],
            "waitlisted"
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn the_capacity_cannot_drop_below_the_seats_taken_and_raising_it_promotes() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[("form[capacity]", "1")])).await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut cleo = member(&test_db, "Cleo", "198.51.100.3").await;
        sign_up(&mut bob, &id, "1").await;
        sign_up(&mut cleo, &id, "1").await;
        assert_eq!(
            detail(&mut cleo, &id).await["my_signup"]["status"],
            "waitlisted"
        );
        let lower = save_event(
            &mut ana,
            &event_fields(&[("form[id]", &id), ("form[capacity]", "")]),
        )
        .await;
        assert_eq!(lower.status, StatusCode::OK, "{}", lower.body);
        assert_eq!(
            detail(&mut cleo, &id).await["my_signup"]["status"],
            "confirmed"
        );
        assert_eq!(
            mails_to(&test_db.db, "cleo@example.org")
                .await
                .last()
                .unwrap()
                .0,
            "A seat is yours: Inspiration café: repair cafés"
        );
        let too_low = save_event(
            &mut ana,
            &event_fields(&[("form[id]", &id), ("form[capacity]", "1")]),
        )
        .await;
        assert_eq!(field_code(&too_low, "capacity"), "capacity_below_seats");
        assert_eq!(detail(&mut ana, &id).await["card"]["capacity"], Value::Null);
        test_db
    })
    .await;
}

#[tokio::test]
async fn no_sign_ups_after_the_deadline_or_once_cancelled_and_everyone_is_told() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut cleo = member(&test_db, "Cleo", "198.51.100.3").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let closing = create_event(&mut ana, &event_fields(&[])).await;
        let past_deadline = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
        newcityzens::with_pool!(&test_db.db, pool => sqlx::query("UPDATE events SET signup_deadline = $1 WHERE id = $2")
            .bind(past_deadline).bind(closing.parse::<i64>().unwrap()).execute(pool).await.map(|_| ()))
        .unwrap();
        assert_eq!(sign_up(&mut bob, &closing, "1").await.error_kind(), "signups_closed");
        assert_eq!(detail(&mut bob, &closing).await["signups_open"], false);

        let id = create_event(&mut ana, &event_fields(&[("form[online_url]", "https://meet.example.org/ncz")])).await;
        // The room's link is for the people who come.
        assert_eq!(detail(&mut visitor, &id).await["online_url"], "");
        sign_up(&mut bob, &id, "1").await;
        assert_eq!(detail(&mut bob, &id).await["online_url"], "https://meet.example.org/ncz");

        assert_eq!(visitor.call("events/cancel", &[("event", &id)]).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(bob.call("events/cancel", &[("event", &id)]).await.status, StatusCode::FORBIDDEN);
        let cancelled = ana.call("events/cancel", &[("event", &id)]).await;
        assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
        assert_eq!(ana.call("events/cancel", &[("event", &id)]).await.error_kind(), "event_cancelled");
        let (subject, body) = mails_to(&test_db.db, "bob@example.org").await.pop().unwrap();
        assert_eq!(subject, "Cancelled: Inspiration café: repair cafés");
        assert!(body.contains("Hello Bob"), "{body}");
        assert_eq!(sign_up(&mut cleo, &id, "1").await.error_kind(), "event_cancelled");
        let edit = save_event(&mut ana, &event_fields(&[("form[id]", &id)])).await;
        assert_eq!(edit.error_kind(), "event_cancelled");
        assert_eq!(detail(&mut visitor, &id).await["card"]["cancelled"], true);
        test_db
    })
    .await;
}

#[tokio::test]
async fn concurrent_sign_ups_never_overbook() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[("form[capacity]", "5")])).await;
        let mut people = Vec::new();
        for n in 0..16 {
            people.push(member(&test_db, &format!("Person{n}"), &format!("198.51.100.{}", 20 + n)).await);
        }
        let tasks: Vec<_> = people
            .into_iter()
            .map(|mut person| {
                let id = id.clone();
                tokio::spawn(async move { sign_up(&mut person, &id, "1").await.status })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap(), StatusCode::OK);
        }
        let counts: Vec<(String, i64)> = newcityzens::with_pool!(&test_db.db, pool => sqlx::query_as(
            "SELECT status, count(*) FROM event_signups GROUP BY status ORDER BY status").fetch_all(pool).await)
        .unwrap();
        assert_eq!(counts, vec![("confirmed".to_owned(), 5), ("waitlisted".to_owned(), 11)]);
        assert_eq!(detail(&mut ana, &id).await["card"]["seats_taken"], 5);
        test_db
    })
    .await;
}

#[tokio::test]
async fn events_are_found_by_place_format_language_and_date_and_on_their_initiatives() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.4").await;
        let initiative = new_draft(&mut ana).await;
        assert_eq!(
            publish(&mut ana, &mut mona, &initiative).await,
            StatusCode::OK
        );
        let in_lyon = create_event(
            &mut ana,
            &event_fields(&[("form[initiatives]", &initiative)]),
        )
        .await;
        let in_paris = create_event(
            &mut ana,
            &event_fields(&[
                ("form[city]", "Paris, France"),
                ("form[format]", "action_day"),
                ("form[languages][1]", ""),
                ("form[starts]", &format!("{}T10:00", day_in(40))),
                ("form[ends]", &format!("{}T18:00", day_in(40))),
            ]),
        )
        .await;
        let in_berlin = create_event(
            &mut ana,
            &event_fields(&[
                ("form[city]", "Berlin, Germany"),
                ("form[languages][0]", "de"),
                ("form[languages][1]", ""),
                ("form[starts]", &format!("{}T10:00", day_in(10))),
                ("form[ends]", &format!("{}T12:00", day_in(10))),
            ]),
        )
        .await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let soonest = list_ids(&mut visitor, &[]).await;
        assert_eq!(
            soonest,
            vec![in_berlin.clone(), in_lyon.clone(), in_paris.clone()]
        );
        let near_paris = list_ids(&mut visitor, &[("query[city]", "Paris, France")]).await;
        assert_eq!(
            near_paris,
            vec![in_paris.clone(), in_lyon.clone(), in_berlin.clone()]
        );
        let german = list_ids(&mut visitor, &[("query[language]", "de")]).await;
        assert_eq!(german, vec![in_berlin.clone()]);
        let action = list_ids(&mut visitor, &[("query[format]", "action_day")]).await;
        assert_eq!(action, vec![in_paris.clone()]);
        let in_france = list_ids(&mut visitor, &[("query[country]", "fr")]).await;
        assert_eq!(in_france, vec![in_lyon.clone(), in_paris.clone()]);
        let (from, to) = (day_in(20), day_in(35));
        let window = list_ids(&mut visitor, &[("query[from]", &from), ("query[to]", &to)]).await;
        assert_eq!(window, vec![in_lyon.clone()]);
        assert!(list_ids(&mut visitor, &[("query[past]", "true")])
            .await
            .is_empty());

        let presenting = visitor
            .call(
                "events/presenting",
                &[("initiative", &initiative), ("language", "en")],
            )
            .await;
        let presenting: Vec<String> = presenting
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|event| event["id"].to_string())
            .collect();
        assert_eq!(presenting, vec![in_lyon.clone()]);
        let deck = detail(&mut visitor, &in_lyon).await;
        assert_eq!(deck["deck"][0]["title"], "Belleville Repair Café");
        test_db
    })
    .await;
}

#[tokio::test]
async fn only_organisers_and_moderators_see_attendees_their_needs_and_codes() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[])).await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let needs = bob
            .call(
                "events/sign-up",
                &[
                    ("form[event]", id.as_str()),
                    ("form[party_size]", "2"),
                    ("form[access_flags][0]", "wheelchair_access"),
                    ("form[access_needs]", "=cmd|' /C calc'!A0"),
                ],
            )
            .await;
        assert_eq!(needs.status, StatusCode::OK, "{}", needs.body);
        let mut mona = moderator(&test_db, "Mona", "198.51.100.4").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let pairs = [("event", id.as_str()), ("language", "en")];
        assert_eq!(
            visitor.call("events/attendees", &pairs).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            bob.call("events/attendees", &pairs).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            mona.call("events/attendees", &pairs).await.status,
            StatusCode::OK
        );
        let seen = ana.call("events/attendees", &pairs).await;
        assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
        let row = &seen.json()["rows"][0];
        assert_eq!(row["name"], "Bob");
        assert_eq!(row["email"], "bob@example.org");
        assert_eq!(
            row["access_flags"],
            serde_json::json!(["wheelchair_access"])
        );
        assert_eq!(row["party_size"], 2);
        // Nobody else reads them on the event page.
        let page = detail(&mut bob, &id).await.to_string();
        assert!(
            !page.contains("calc") && !page.contains("wheelchair_access"),
            "{page}"
        );

        let path = format!("/events/{id}/attendees.csv");
        assert_eq!(
            visitor.get(&path, None).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(bob.get(&path, None).await.status, StatusCode::FORBIDDEN);
        let csv = ana.get(&path, None).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.header("content-type").starts_with("text/csv"));
        let mut lines = csv.body.lines();
        assert_eq!(
            lines.next(),
            Some("Name,Email,Status,People,Code,Needs,Needs (in their words),Signed up at (UTC)")
        );
        let line = lines.next().unwrap();
        assert!(
            line.starts_with("Bob,bob@example.org,You are signed up: a seat is yours,2,"),
            "{line}"
        );
        // A spreadsheet must not run what a person typed.
        assert!(
            line.contains(",Wheelchair access,'=cmd|' /C calc'!A0,"),
            "{line}"
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn people_are_checked_in_by_their_code_or_by_name() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[("form[capacity]", "2")])).await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut cleo = member(&test_db, "Cleo", "198.51.100.3").await;
        let mut dan = member(&test_db, "Dan", "198.51.100.5").await;
        for client in [&mut bob, &mut cleo, &mut dan] {
            assert_eq!(sign_up(client, &id, "1").await.status, StatusCode::OK);
        }
        let code_of = |value: Value| value["my_signup"]["code"].as_str().unwrap().to_owned();
        let bob_code = code_of(detail(&mut bob, &id).await);
        let dan_code = code_of(detail(&mut dan, &id).await);
        let check_in = |code: &str| owned(&[("form[event]", id.as_str()), ("form[code]", code)]);
        let by_bob = call_with(&mut bob, "events/check-in", &check_in(&bob_code)).await;
        assert_eq!(by_bob.status, StatusCode::FORBIDDEN);
        let wrong = call_with(&mut ana, "events/check-in", &check_in("ZZZZZZ")).await;
        assert_eq!(field_code(&wrong, "code"), "unknown_code");
        let typed = format!(" {} ", bob_code.to_lowercase());
        let arrived = call_with(&mut ana, "events/check-in", &check_in(&typed)).await;
        assert_eq!(arrived.status, StatusCode::OK, "{}", arrived.body);
        assert_eq!(arrived.body, "\"Bob\"");
        assert_eq!(
            detail(&mut bob, &id).await["my_signup"]["status"],
            "attended"
        );
        let twice = call_with(&mut ana, "events/check-in", &check_in(&bob_code)).await;
        assert_eq!(field_code(&twice, "code"), "already_checked_in");
        // Dan is on the waitlist: his code holds no seat.
        let waiting = call_with(&mut ana, "events/check-in", &check_in(&dan_code)).await;
        assert_eq!(field_code(&waiting, "code"), "no_seat");
        // Cleo is found by name on the list and checked in from there.
        let list = ana
            .call("events/attendees", &[("event", &id), ("language", "en")])
            .await
            .json();
        let cleo_row = list["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["name"] == "Cleo")
            .unwrap()
            .clone();
        let signup = cleo_row["signup"].to_string();
        let by_name = ana
            .call(
                "events/check-in-sign-up",
                &[("event", &id), ("signup", &signup)],
            )
            .await;
        assert_eq!(by_name.body, "\"Cleo\"");
        let list = ana
            .call("events/attendees", &[("event", &id), ("language", "en")])
            .await
            .json();
        assert_eq!(list["checked_in"], 2);
        // A sign-up of another event cannot be checked in from this one.
        let other = create_event(&mut ana, &event_fields(&[])).await;
        let elsewhere = ana
            .call(
                "events/check-in-sign-up",
                &[("event", &other), ("signup", &signup)],
            )
            .await;
        assert_eq!(field_code(&elsewhere, "signup"), "unknown_code");
        test_db
    })
    .await;
}

#[tokio::test]
async fn guessing_codes_at_the_door_is_stopped() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[])).await;
        let mut last = StatusCode::OK;
        for attempt in 0..31 {
            let code = format!("AAAA{:02}", attempt);
            last = ana
                .call(
                    "events/check-in",
                    &[("form[event]", &id), ("form[code]", &code)],
                )
                .await
                .status;
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
        test_db
    })
    .await;
}

#[tokio::test]
async fn organisers_remove_a_sign_up_with_a_reason_and_write_to_everyone() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[("form[capacity]", "1")])).await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut cleo = member(&test_db, "Cleo", "198.51.100.3").await;
        sign_up(&mut bob, &id, "1").await;
        sign_up(&mut cleo, &id, "1").await;
        let bobs = detail(&mut bob, &id).await["my_signup"]["id"].to_string();

        let no_reason = ana
            .call(
                "events/remove-sign-up",
                &[("form[signup]", &bobs), ("form[reason]", " ")],
            )
            .await;
        assert_eq!(field_code(&no_reason, "reason"), "required");
        let by_cleo = cleo
            .call(
                "events/remove-sign-up",
                &[("form[signup]", &bobs), ("form[reason]", "mine now")],
            )
            .await;
        assert_eq!(by_cleo.status, StatusCode::FORBIDDEN);
        let removed = ana
            .call(
                "events/remove-sign-up",
                &[
                    ("form[signup]", &bobs),
                    ("form[reason]", "Signed up twice under two names."),
                ],
            )
            .await;
        assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
        assert_eq!(
            detail(&mut bob, &id).await["my_signup"]["status"],
            "removed"
        );
        let (subject, body) = mails_to(&test_db.db, "bob@example.org")
            .await
            .pop()
            .unwrap();
        assert_eq!(
            subject,
            "Your sign-up was removed: Inspiration café: repair cafés"
        );
        assert!(body.contains("Signed up twice under two names."), "{body}");
        assert_eq!(
            detail(&mut cleo, &id).await["my_signup"]["status"],
            "confirmed"
        );

        let announce = |subject: &str| {
            owned(&[
                ("form[event]", id.as_str()),
                ("form[subject]", subject),
                ("form[body]", "Bring a mug!"),
            ])
        };
        let by_cleo = call_with(&mut cleo, "events/announce", &announce("Hi")).await;
        assert_eq!(by_cleo.status, StatusCode::FORBIDDEN);
        let empty = call_with(&mut ana, "events/announce", &announce("")).await;
        assert_eq!(field_code(&empty, "subject"), "required");
        let sent = call_with(&mut ana, "events/announce", &announce("Practical details")).await;
        assert_eq!(sent.body, "1", "only Cleo has a sign-up going on");
        let (subject, body) = mails_to(&test_db.db, "cleo@example.org")
            .await
            .pop()
            .unwrap();
        assert_eq!(subject, "Inspiration café: repair cafés: Practical details");
        assert!(body.contains("Bring a mug!"));
        for subject in ["Second", "Third"] {
            assert_eq!(
                call_with(&mut ana, "events/announce", &announce(subject))
                    .await
                    .status,
                StatusCode::OK
            );
        }
        let fourth = call_with(&mut ana, "events/announce", &announce("Fourth")).await;
        assert_eq!(fourth.status, StatusCode::TOO_MANY_REQUESTS);
        test_db
    })
    .await;
}

/// Moves event `id` so that it starts in `hours` from now (its reminder 24 hours before).
pub async fn starts_in_hours(test_db: &TestDb, id: &str, hours: i64) {
    let starts = time::OffsetDateTime::now_utc() + time::Duration::hours(hours);
    let sql = "UPDATE events SET starts_at = $1, ends_at = $2, remind_at = $3 WHERE id = $4";
    newcityzens::with_pool!(&test_db.db, pool => sqlx::query(sql)
        .bind(starts).bind(starts + time::Duration::hours(2)).bind(starts - time::Duration::hours(24))
        .bind(id.parse::<i64>().unwrap()).execute(pool).await.map(|_| ()))
    .unwrap();
}

#[tokio::test]
async fn each_reminder_is_queued_once_even_by_several_workers() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let soon = create_event(&mut ana, &event_fields(&[("form[capacity]", "1")])).await;
        let later = create_event(&mut ana, &event_fields(&[])).await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut cleo = member(&test_db, "Cleo", "198.51.100.3").await;
        for id in [&soon, &later] {
            sign_up(&mut bob, id, "1").await;
            sign_up(&mut cleo, id, "1").await;
        }
        starts_in_hours(&test_db, &soon, 20).await;
        let link_to = |path: &str| format!("https://example.org{path}");
        let now = time::OffsetDateTime::now_utc();
        let db = &test_db.db;
        use newcityzens::events::reminders::queue_due;
        // Four workers at once: one of them queues it.
        let (a, b, c, d) = tokio::join!(
            queue_due(db, link_to, now),
            queue_due(db, link_to, now),
            queue_due(db, link_to, now),
            queue_due(db, link_to, now)
        );
        let total: usize = [a, b, c, d].into_iter().map(Result::unwrap).sum();
        assert_eq!(total, 1, "only Bob has a seat; Cleo waits");
        assert_eq!(queue_due(db, link_to, now).await.unwrap(), 0, "never twice");
        let reminders: Vec<_> = mails_to(db, "bob@example.org")
            .await
            .into_iter()
            .filter(|(subject, _)| subject.starts_with("Reminder:"))
            .collect();
        assert_eq!(reminders.len(), 1);
        let (_, body) = &reminders[0];
        assert!(body.contains("12 rue de la République"), "{body}");
        assert!(
            body.contains(&format!("https://example.org/events/{soon}")),
            "{body}"
        );
        let code = detail(&mut bob, &soon).await["my_signup"]["code"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(body.contains(&code), "{body}");
        assert!(mails_to(db, "cleo@example.org")
            .await
            .iter()
            .all(|(subject, _)| !subject.starts_with("Reminder:")));

        // A moved start sends the reminder again before the new one.
        let moved = event_fields(&[
            ("form[id]", soon.as_str()),
            ("form[capacity]", "1"),
            ("form[starts]", &format!("{}T19:00", day_in(3))),
            ("form[ends]", &format!("{}T21:00", day_in(3))),
        ]);
        assert_eq!(save_event(&mut ana, &moved).await.status, StatusCode::OK);
        starts_in_hours(&test_db, &soon, 10).await;
        assert_eq!(queue_due(db, link_to, now).await.unwrap(), 1);
        test_db
    })
    .await;
}

#[tokio::test]
async fn access_needs_are_forgotten_30_days_after_the_event() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[])).await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let fields = owned(&[
            ("form[event]", id.as_str()),
            ("form[access_flags][0]", "childcare"),
            ("form[access_needs]", "Two kids, 3 and 5."),
        ]);
        assert_eq!(
            call_with(&mut bob, "events/sign-up", &fields).await.status,
            StatusCode::OK
        );
        use newcityzens::events::reminders::forget_access_needs;
        let now = time::OffsetDateTime::now_utc();
        assert_eq!(forget_access_needs(&test_db.db, now).await.unwrap(), 0);
        // 29 days after the event: still there; 31 days after: gone.
        let after = |days: i64| now + time::Duration::days(30 + days);
        assert_eq!(
            forget_access_needs(&test_db.db, after(29)).await.unwrap(),
            0
        );
        assert_eq!(
            forget_access_needs(&test_db.db, after(31)).await.unwrap(),
            1
        );
        let rows = ana
            .call("events/attendees", &[("event", &id), ("language", "en")])
            .await
            .json();
        assert_eq!(rows["rows"][0]["access_needs"], "");
        assert_eq!(rows["rows"][0]["access_flags"], serde_json::json!([]));
        test_db
    })
    .await;
}

/// The events of a calendar file, as a real iCalendar parser reads them.
fn parsed_events(ics: &str) -> Vec<icalendar::Event> {
    let calendar: icalendar::Calendar =
        ics.parse().unwrap_or_else(|error| panic!("{error}\n{ics}"));
    calendar
        .components
        .into_iter()
        .filter_map(|component| match component {
            icalendar::CalendarComponent::Event(event) => Some(event),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn calendar_files_and_feeds_import_with_their_time_zone() {
    use icalendar::{Component, EventLike};
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let title = "Café, repair; and \"more\"";
        let id = create_event(
            &mut ana,
            &event_fields(&[
                ("form[title]", title),
                ("form[starts]", "2031-01-14T19:00"),
                ("form[ends]", "2031-01-14T21:30"),
                ("form[online_url]", "https://meet.example.org/secret-room"),
            ]),
        )
        .await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let file = visitor
            .get(&format!("/events/{id}/calendar.ics"), None)
            .await;
        assert_eq!(file.status, StatusCode::OK);
        assert!(file.header("content-type").starts_with("text/calendar"));
        assert!(file.body.contains("\r\n"), "lines end with CRLF");
        assert!(
            !file.body.contains("secret-room"),
            "the online room is not public"
        );
        let events = parsed_events(&file.body);
        assert_eq!(events.len(), 1);
        let event = &events[0];
        assert_eq!(event.get_summary(), Some(title));
        let start = event.properties().get("DTSTART").unwrap();
        assert_eq!(start.value(), "20310114T190000");
        assert_eq!(
            start.params().get("TZID").map(|tzid| tzid.value()),
            Some("Europe/Paris")
        );
        assert_eq!(
            event.properties().get("DTEND").unwrap().value(),
            "20310114T213000"
        );
        assert_eq!(event.get_location(), Some("12 rue de la République, Lyon"));
        assert!(event.get_url().unwrap().ends_with(&format!("/events/{id}")));
        assert_eq!(event.property_value("STATUS"), Some("CONFIRMED"));
        let organiser = event.properties().get("ORGANIZER").unwrap();
        assert_eq!(
            organiser.params().get("CN").map(|cn| cn.value()),
            Some("Ana")
        );
        // The zone it names is defined in the file, with the winter offset of that date.
        let calendar: icalendar::Calendar = file.body.parse().unwrap();
        let zones: Vec<_> = calendar
            .components
            .iter()
            .filter_map(|component| match component {
                icalendar::CalendarComponent::Other(other)
                    if other.component_kind() == "VTIMEZONE" =>
                {
                    Some(other)
                }
                _ => None,
            })
            .collect();
        assert_eq!(zones.len(), 1);
        assert_eq!(zones[0].property_value("TZID"), Some("Europe/Paris"));
        assert!(file.body.contains("TZOFFSETTO:+0100"), "{}", file.body);
        assert_eq!(
            visitor
                .get("/events/999999/calendar.ics", None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // The city's feed: Lyon's events, not Paris's.
        create_event(
            &mut ana,
            &event_fields(&[("form[city]", "Paris, France"), ("form[title]", "In Paris")]),
        )
        .await;
        let lyon = 2996944;
        let feed = visitor
            .get(&format!("/calendars/city/{lyon}/events.ics"), None)
            .await;
        let titles: Vec<String> = parsed_events(&feed.body)
            .iter()
            .map(|event| event.get_summary().unwrap().to_owned())
            .collect();
        assert_eq!(titles, vec![title.to_owned()]);

        // "My events": a private address, for the member's sign-ups and the events they organise.
        let none = visitor
            .call("events/my-calendar", &[("renew", "false")])
            .await;
        assert_eq!(none.body, "null", "a visitor has no calendar address");
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        sign_up(&mut bob, &id, "1").await;
        let address = bob
            .call("events/my-calendar", &[("renew", "false")])
            .await
            .json()
            .as_str()
            .unwrap()
            .to_owned();
        let path = address
            .split_once("/calendars/")
            .map(|(_, rest)| format!("/calendars/{rest}"))
            .unwrap();
        assert_eq!(
            bob.call("events/my-calendar", &[("renew", "false")])
                .await
                .json()
                .as_str(),
            Some(address.as_str())
        );
        let mine = visitor.get(&path, None).await;
        let titles: Vec<String> = parsed_events(&mine.body)
            .iter()
            .map(|event| event.get_summary().unwrap().to_owned())
            .collect();
        assert_eq!(titles, vec![title.to_owned()]);
        let renewed = bob
            .call("events/my-calendar", &[("renew", "true")])
            .await
            .json()
            .as_str()
            .unwrap()
            .to_owned();
        assert_ne!(renewed, address);
        assert_eq!(
            visitor.get(&path, None).await.status,
            StatusCode::NOT_FOUND,
            "the old address stops"
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn sign_ups_and_organised_events_are_in_my_data_and_go_with_the_account() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[("form[capacity]", "1")])).await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut cleo = member(&test_db, "Cleo", "198.51.100.3").await;
        let fields = owned(&[
            ("form[event]", id.as_str()),
            ("form[access_needs]", "A quiet corner."),
        ]);
        assert_eq!(
            call_with(&mut bob, "events/sign-up", &fields).await.status,
            StatusCode::OK
        );
        sign_up(&mut cleo, &id, "1").await;

        let bobs = bob.call("accounts/my-data", &[]).await.json();
        assert_eq!(
            bobs["event_signups"][0]["event_title"],
            "Inspiration café: repair cafés"
        );
        assert_eq!(bobs["event_signups"][0]["status"], "confirmed");
        assert_eq!(bobs["event_signups"][0]["access_needs"], "A quiet corner.");
        let anas = ana.call("accounts/my-data", &[]).await.json();
        assert_eq!(anas["events_organised"][0]["role"], "organiser");
        let profile = ana
            .get_api("members/profile", &[("handle", "ana"), ("language", "en")])
            .await
            .json();
        assert_eq!(
            profile["Found"]["organised"][0]["title"], "Inspiration café: repair cafés",
            "{profile}"
        );

        // Bob leaves: his seat goes to Cleo, who is told; his needs are forgotten.
        let deleted = bob
            .call("accounts/delete", &[("form[password]", PASSWORD)])
            .await;
        assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
        assert_eq!(
            detail(&mut cleo, &id).await["my_signup"]["status"],
            "confirmed"
        );
        assert!(mails_to(&test_db.db, "cleo@example.org")
            .await
            .iter()
            .any(|(subject, _)| subject.starts_with("A seat is yours")));
        let list = ana
            .call("events/attendees", &[("event", &id), ("language", "en")])
            .await
            .json();
        let rows = list["rows"].as_array().unwrap();
        assert!(rows.iter().all(|row| row["access_needs"] == ""), "{list}");
        assert_eq!(
            rows.iter()
                .filter(|row| row["status"] == "confirmed")
                .count(),
            1,
            "{list}"
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn visitors_are_refused_by_every_organiser_function() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[])).await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let calls: [(&str, Vec<(String, String)>); 5] = [
            (
                "events/editable",
                owned(&[
                    ("id", id.as_str()),
                    ("duplicate", "true"),
                    ("language", "en"),
                ]),
            ),
            (
                "events/check-in",
                owned(&[("form[event]", id.as_str()), ("form[code]", "ABCDEF")]),
            ),
            (
                "events/check-in-sign-up",
                owned(&[("event", id.as_str()), ("signup", "1")]),
            ),
            (
                "events/remove-sign-up",
                owned(&[("form[signup]", "1"), ("form[reason]", "no")]),
            ),
            (
                "events/announce",
                owned(&[
                    ("form[event]", id.as_str()),
                    ("form[subject]", "Hi"),
                    ("form[body]", "Hi"),
                ]),
            ),
        ];
        for (endpoint, fields) in calls {
            let refused = call_with(&mut visitor, endpoint, &fields).await;
            assert_eq!(
                refused.status,
                StatusCode::UNAUTHORIZED,
                "{endpoint}: {}",
                refused.body
            );
        }
        test_db
    })
    .await;
}
