//! New CITYzens Days through their server functions: admins alone manage them, a date already
//! over is refused, shakers join with an event on the Day's date in their city's zone (and only
//! an event's own shaker links it to a Day), the page's cities and totals, and afterwards what
//! each city recorded.
use crate::events::{
    call_with, day_in, event_fields, field_code, save_event, shaker, sign_up, starts_in_hours,
};
use crate::initiatives::{grant, member, moderator, new_draft, publish};
use crate::support::*;
use axum::http::StatusCode;
use newcityzens::accounts::Role;
use serde_json::Value;

async fn admin(test_db: &TestDb, name: &str, ip: &str) -> Client {
    let client = member(test_db, name, ip).await;
    grant(
        test_db,
        &format!("{}@example.org", name.to_lowercase()),
        Role::Admin,
    )
    .await;
    client
}

/// A published initiative to feature.
async fn featured(test_db: &TestDb) -> String {
    let mut spotter = member(test_db, "Sam", "198.51.100.30").await;
    let mut fay = moderator(test_db, "Fay", "198.51.100.31").await;
    let id = new_draft(&mut spotter).await;
    assert_eq!(publish(&mut spotter, &mut fay, &id).await, StatusCode::OK);
    id
}

/// A complete Day form `days` from today; `extra` overrides or adds fields.
fn day_fields(days: i64, initiative: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
        ("form[date]", day_in(days).as_str()),
        (
            "form[initiative]",
            &format!("https://ncz.example/initiatives/{initiative}"),
        ),
        ("form[call_open]", "on"),
        ("form[texts][language]", "en"),
        ("form[texts][name]", "Repair Café Day"),
        (
            "form[texts][call_text]",
            "Open a repair café in your city for one day.",
        ),
        (
            "form[texts][what_to_do]",
            "Find a room, tools and **volunteers**.",
        ),
        ("form[texts][what_to_bring]", "- screwdrivers"),
        ("form[texts][programme]", "- 10:00 welcome"),
        ("form[texts][poster]", "Bring what is broken!"),
    ]
    .iter()
    .map(|(key, value)| (key.to_string(), value.to_string()))
    .collect();
    for (key, value) in extra {
        fields.retain(|(k, _)| k != key);
        fields.push((key.to_string(), value.to_string()));
    }
    fields
}

async fn save_day(client: &mut Client, fields: &[(String, String)]) -> Reply {
    call_with(client, "days/save", fields).await
}

async fn day_list(client: &mut Client) -> Value {
    let reply = client.get_api("days/list", &[("language", "en")]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

/// Creates a Day as `admin` and returns its id.
async fn new_day(admin: &mut Client, fields: &[(String, String)]) -> String {
    let saved = save_day(admin, fields).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    day_list(admin).await["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|day| day["id"].as_i64())
        .max()
        .expect("a Day listed")
        .to_string()
}

async fn read(client: &mut Client, id: &str, language: &str) -> Reply {
    client
        .get_api("days/get", &[("id", id), ("language", language)])
        .await
}

#[tokio::test]
async fn only_admins_manage_days_and_a_date_already_over_is_refused() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let initiative = featured(&test_db).await;
        let mut ada = admin(&test_db, "Ada", "198.51.100.1").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut mod_ = moderator(&test_db, "Moe", "198.51.100.3").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let fields = day_fields(30, &initiative, &[]);
        assert_eq!(
            save_day(&mut visitor, &fields).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            save_day(&mut bob, &fields).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            save_day(&mut mod_, &fields).await.status,
            StatusCode::FORBIDDEN
        );

        let past = save_day(&mut ada, &day_fields(-3, &initiative, &[])).await;
        assert_eq!(past.status, StatusCode::BAD_REQUEST);
        assert_eq!(field_code(&past, "date"), "in_past");
        let draft = new_draft(&mut member(&test_db, "Dan", "198.51.100.4").await).await;
        let unpublished = save_day(&mut ada, &day_fields(30, &draft, &[])).await;
        assert_eq!(field_code(&unpublished, "initiative"), "unknown_initiative");
        let blank = save_day(
            &mut ada,
            &day_fields(
                30,
                &initiative,
                &[("form[texts][name]", " "), ("form[date]", "soon")],
            ),
        )
        .await;
        assert_eq!(field_code(&blank, "name"), "required");
        assert_eq!(field_code(&blank, "date"), "invalid_date");
        assert_eq!(
            day_list(&mut visitor).await["upcoming"],
            Value::Array(vec![])
        );

        let id = new_day(&mut ada, &fields).await;
        let page = read(&mut visitor, &id, "en").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let page = page.json();
        assert_eq!(page["texts"]["name"], "Repair Café Day");
        assert_eq!(page["initiative"]["id"].to_string(), initiative);
        assert_eq!(page["phase"], "Coming");
        assert_eq!(page["joining"], "Visitor");
        assert!(page["texts"]["what_to_do_html"]
            .as_str()
            .unwrap()
            .contains("<strong>volunteers</strong>"));
        assert_eq!(
            read(&mut visitor, "999999", "en").await.status,
            StatusCode::NOT_FOUND
        );

        for (client, status) in [
            (&mut visitor, StatusCode::UNAUTHORIZED),
            (&mut bob, StatusCode::FORBIDDEN),
            (&mut mod_, StatusCode::FORBIDDEN),
            (&mut ada, StatusCode::OK),
        ] {
            assert_eq!(
                client.get_api("days/editable", &[("id", &id)]).await.status,
                status
            );
        }

        // A translation in French; the original language is not a translation.
        let translation = |language: &'static str| {
            vec![
                ("form[day]".to_owned(), id.clone()),
                ("form[texts][language]".to_owned(), language.to_owned()),
                (
                    "form[texts][name]".to_owned(),
                    "Journée Repair Café".to_owned(),
                ),
                (
                    "form[texts][call_text]".to_owned(),
                    "Ouvrez un repair café.".to_owned(),
                ),
                (
                    "form[texts][what_to_do]".to_owned(),
                    "Trouvez une salle.".to_owned(),
                ),
            ]
        };
        let refused = call_with(&mut bob, "days/translate", &translation("fr")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let same = call_with(&mut ada, "days/translate", &translation("en")).await;
        assert_eq!(field_code(&same, "language"), "same_as_original");
        let saved = call_with(&mut ada, "days/translate", &translation("fr")).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        assert_eq!(
            read(&mut visitor, &id, "fr").await.json()["texts"]["name"],
            "Journée Repair Café"
        );
        assert_eq!(
            read(&mut visitor, &id, "de").await.json()["texts"]["name"],
            "Repair Café Day"
        );

        // Editing keeps the stored date even once it is over; closing the call closes joining.
        let mut closed = day_fields(30, &initiative, &[("form[id]", &id)]);
        closed.retain(|(key, _)| key != "form[call_open]");
        let edited = save_day(&mut ada, &closed).await;
        assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
        assert_eq!(
            read(&mut visitor, &id, "en").await.json()["joining"],
            "Closed"
        );
        let moved_to_past =
            save_day(&mut ada, &day_fields(-3, &initiative, &[("form[id]", &id)])).await;
        assert_eq!(field_code(&moved_to_past, "date"), "in_past");
        test_db
    })
    .await;
}

/// The event form prefilled from the Day's kit.
async fn kit(client: &mut Client, day: &str) -> Reply {
    client
        .get_api("days/event-form", &[("day", day), ("language", "en")])
        .await
}

/// The event form of a Day's city: `city` at `time` on the Day's date (`days` from today).
fn day_event(day: &str, days: i64, city: &str, time: &str) -> Vec<(String, String)> {
    let date = day_in(days);
    event_fields(&[
        ("form[day]", day),
        ("form[city]", city),
        ("form[starts]", &format!("{date}T{time}")),
        ("form[ends]", &format!("{date}T23:30")),
    ])
}

async fn progress(client: &mut Client, id: &str) -> Value {
    let reply = client
        .get_api("days/progress", &[("id", id), ("language", "en")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

/// The event ids of the Day's cities, by city name.
fn events_by_city(progress: &Value) -> Vec<(String, Vec<i64>)> {
    progress["cities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|city| {
            let events = city["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|event| event["id"].as_i64().unwrap())
                .collect();
            (city["name"].as_str().unwrap().to_owned(), events)
        })
        .collect()
}

#[tokio::test]
async fn shakers_join_a_day_with_an_event_on_its_date_in_their_own_zone() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let initiative = featured(&test_db).await;
        let mut ada = admin(&test_db, "Ada", "198.51.100.1").await;
        let day = new_day(&mut ada, &day_fields(10, &initiative, &[])).await;
        let mut manila = shaker(&test_db, "Maria", "198.51.100.2").await;
        let mut rio = shaker(&test_db, "Rui", "198.51.100.3").await;
        let mut paris = shaker(&test_db, "Pia", "198.51.100.4").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.5").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.6").await;
        let mut visitor = Client::new(router_for(&test_db).await);

        // The kit prefills a shaker's event; members without the role are told to take it.
        assert_eq!(
            kit(&mut visitor, &day).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(kit(&mut bob, &day).await.status, StatusCode::FORBIDDEN);
        let prefilled = kit(&mut manila, &day).await;
        assert_eq!(prefilled.status, StatusCode::OK, "{}", prefilled.body);
        let prefilled = prefilled.json();
        assert_eq!(prefilled["title"], "Repair Café Day");
        assert_eq!(prefilled["starts"], format!("{}T10:00", day_in(10)));
        assert_eq!(
            prefilled["initiatives"].to_string(),
            format!("\"{initiative}\"")
        );
        assert_eq!(prefilled["day"], day);
        assert!(prefilled["description"]
            .as_str()
            .unwrap()
            .contains("## A suggested programme"));
        assert_eq!(
            read(&mut manila, &day, "en").await.json()["joining"],
            "Shaker"
        );
        assert_eq!(
            read(&mut bob, &day, "en").await.json()["joining"],
            "NotAShaker"
        );

        // An event of the Day starts on its date on the city's clocks; nothing is kept otherwise.
        let next_day = save_event(
            &mut rio,
            &day_event(&day, 11, "Rio de Janeiro, Brazil", "10:00"),
        )
        .await;
        assert_eq!(next_day.status, StatusCode::BAD_REQUEST);
        assert_eq!(field_code(&next_day, "starts"), "not_on_the_day");
        assert_eq!(progress(&mut visitor, &day).await["totals"]["events"], 0);
        // Typed on Kiribati's clocks, 10:00 on the date is the evening before in Paris.
        let mut elsewhere = day_event(&day, 10, "Paris, France", "10:00");
        elsewhere.push(("form[timezone]".into(), "Pacific/Kiritimati".into()));
        let wrong_clock = save_event(&mut paris, &elsewhere).await;
        assert_eq!(field_code(&wrong_clock, "starts"), "not_on_the_day");
        for (client, city) in [
            (&mut manila, "Manila, Philippines"),
            (&mut rio, "Rio de Janeiro, Brazil"),
            (&mut paris, "Paris, France"),
        ] {
            let saved = save_event(client, &day_event(&day, 10, city, "10:00")).await;
            assert_eq!(saved.status, StatusCode::OK, "{city}: {}", saved.body);
        }
        let cities = events_by_city(&progress(&mut visitor, &day).await);
        let names: Vec<&str> = cities.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, vec!["Manila", "Paris", "Rio de Janeiro"]);
        let (manila_event, paris_event) = (cities[0].1[0].to_string(), cities[1].1[0].to_string());

        // Sign-ups work as for any event and count in the totals.
        assert_eq!(
            sign_up(&mut bob, &manila_event, "2").await.status,
            StatusCode::OK
        );
        assert_eq!(
            sign_up(&mut mona, &paris_event, "1").await.status,
            StatusCode::OK
        );
        let now = progress(&mut visitor, &day).await;
        assert_eq!(now["totals"]["cities"], 3);
        assert_eq!(now["totals"]["countries"], 3);
        assert_eq!(now["totals"]["events"], 3);
        assert_eq!(now["totals"]["signed_up"], 3);
        // Manila's clocks are ahead of Rio's: its countdown is never longer.
        let countdown = |name: &str| {
            now["cities"]
                .as_array()
                .unwrap()
                .iter()
                .find(|city| city["name"] == name)
                .unwrap()["days_until"]
                .as_i64()
                .unwrap()
        };
        assert!(countdown("Manila") <= countdown("Rio de Janeiro"));
        assert!((9..=11).contains(&countdown("Paris")));
        let event_page = crate::events::detail(&mut visitor, &manila_event).await;
        assert_eq!(event_page["day"][1], "Repair Café Day");

        // Only the event's own shaker takes it out of the Day (a moderator manages it, not that).
        let mut unlinked = day_event("", 10, "Manila, Philippines", "10:00");
        unlinked.push(("form[id]".into(), manila_event.clone()));
        assert_eq!(
            save_event(&mut mona, &unlinked).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            save_event(&mut manila, &unlinked).await.status,
            StatusCode::OK
        );
        assert_eq!(progress(&mut visitor, &day).await["totals"]["events"], 2);
        // ...and links it again, on the date.
        let mut relinked = day_event(&day, 10, "Manila, Philippines", "10:00");
        relinked.push(("form[id]".into(), manila_event.clone()));
        assert_eq!(
            save_event(&mut manila, &relinked).await.status,
            StatusCode::OK
        );
        assert_eq!(progress(&mut visitor, &day).await["totals"]["events"], 3);

        // Its date cannot move while events are planned on it.
        let moved = save_day(
            &mut ada,
            &day_fields(12, &initiative, &[("form[id]", &day)]),
        )
        .await;
        assert_eq!(field_code(&moved, "date"), "day_has_events");

        // A closed call takes no new city.
        let mut closed = day_fields(10, &initiative, &[("form[id]", &day)]);
        closed.retain(|(key, _)| key != "form[call_open]");
        assert_eq!(save_day(&mut ada, &closed).await.status, StatusCode::OK);
        let late = save_event(&mut rio, &day_event(&day, 10, "Lisbon, Portugal", "10:00")).await;
        assert_eq!(late.status, StatusCode::BAD_REQUEST);
        assert!(late.body.contains("day_closed"), "{}", late.body);
        assert_eq!(kit(&mut rio, &day).await.status, StatusCode::BAD_REQUEST);
        test_db
    })
    .await;
}

#[tokio::test]
async fn after_the_day_each_city_shows_what_it_recorded() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let initiative = featured(&test_db).await;
        let mut ada = admin(&test_db, "Ada", "198.51.100.1").await;
        let day = new_day(&mut ada, &day_fields(5, &initiative, &[])).await;
        let mut pia = shaker(&test_db, "Pia", "198.51.100.4").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let saved = save_event(&mut pia, &day_event(&day, 5, "Paris, France", "10:00")).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let event = events_by_city(&progress(&mut visitor, &day).await)[0].1[0].to_string();
        // The Day went by: its date and its event are moved to the past.
        starts_in_hours(&test_db, &event, -30).await;
        let past = time::OffsetDateTime::now_utc().date() - time::Duration::days(2);
        newcityzens::with_pool!(&test_db.db, pool => sqlx::query("UPDATE ncz_days SET day_date = $1 WHERE id = $2")
            .bind(past).bind(day.parse::<i64>().unwrap()).execute(pool).await.map(|_| ()))
        .unwrap();
        let recorded = pia
            .call(
                "events/outcome",
                &[("form[event]", &event), ("form[attendance]", "27"), ("form[ideas]", "A **tool library**")],
            )
            .await;
        assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.body);
        let page = read(&mut visitor, &day, "en").await.json();
        assert_eq!(page["phase"], "Over");
        assert_eq!(page["joining"], "Closed");
        let paris = &page["progress"]["cities"][0];
        assert!(paris["days_until"].as_i64().unwrap() < 0, "{paris}");
        assert_eq!(paris["events"][0]["attendance"], 27);
        assert!(paris["events"][0]["ideas_html"].as_str().unwrap().contains("<strong>tool library</strong>"));
        let listed = day_list(&mut visitor).await;
        assert_eq!(listed["past"][0]["id"].to_string(), day);
        assert_eq!(listed["past"][0]["cities"], 1);
        let html = visitor.get(&format!("/days/{day}"), Some("en")).await;
        assert!(html.body.contains("The Day is over"), "{}", html.body);
        // Rendered on the server: what the city recorded is in the page without JavaScript.
        assert!(html.body.contains("People who came: <!>27"), "{}", html.body);
        assert!(html.body.contains("<strong>tool library</strong>"), "{}", html.body);
        test_db
    })
    .await;
}
