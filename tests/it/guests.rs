//! Signing up without an account: name and address, confirmed by a mailed link that later shows
//! the code and cancels; the same address gets its link again instead of a second sign-up.
use crate::events::{
    call_with, create_event, detail, event_fields, field_code, shaker, sign_up, starts_in_hours,
};
use crate::initiatives::{member, moderator};
use crate::support::*;
use axum::http::StatusCode;
use serde_json::Value;

/// The guest form as a visitor's browser posts it.
fn guest_form(event: &str, name: &str, email: &str, party: &str) -> Vec<(String, String)> {
    [
        ("form[event]", event),
        ("form[name]", name),
        ("form[email]", email),
        ("form[language]", "en"),
        ("form[party_size]", party),
    ]
    .iter()
    .map(|(key, value)| (key.to_string(), value.to_string()))
    .collect()
}

async fn guest_sign_up(client: &mut Client, fields: &[(String, String)]) -> Reply {
    call_with(client, "events/guest-sign-up", fields).await
}

/// A visitor signs `name` up, alone, to `event`.
async fn ask(client: &mut Client, event: &str, name: &str, email: &str) -> Reply {
    guest_sign_up(client, &guest_form(event, name, email, "1")).await
}

/// Signs `name` up to `event` and returns the token of the link mailed to them.
async fn pending(
    test_db: &TestDb,
    client: &mut Client,
    event: &str,
    name: &str,
    email: &str,
) -> String {
    let asked = ask(client, event, name, email).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    guest_token(test_db, event, email).await
}

/// The token of the latest sign-up link mailed to `email` for event `id`.
async fn guest_token(test_db: &TestDb, id: &str, email: &str) -> String {
    link_token(&test_db.db, email, &format!("/events/{id}/guest?token=")).await
}

async fn guest_view(client: &mut Client, token: &str) -> Reply {
    client
        .get_api("events/guest-signup", &[("token", token)])
        .await
}

async fn guest_status(client: &mut Client, token: &str) -> Value {
    let reply = guest_view(client, token).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

async fn cancel(client: &mut Client, token: &str) -> Reply {
    client
        .call("events/guest-cancel", &[("token", token)])
        .await
}

/// "pending", "confirmed"...: the status the link's page shows.
async fn status_of(client: &mut Client, token: &str) -> String {
    let signup = guest_status(client, token).await;
    signup["signup"]["status"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn confirm(client: &mut Client, token: &str) -> Reply {
    client
        .call("events/guest-confirm", &[("token", token)])
        .await
}

async fn attendee_names(organiser: &mut Client, id: &str) -> Vec<(String, String)> {
    let reply = organiser
        .call("events/attendees", &[("event", id), ("language", "en")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let text = |key: &str| row[key].as_str().unwrap_or_default().to_owned();
            (text("name"), text("status"))
        })
        .collect()
}

#[tokio::test]
async fn a_visitor_signs_up_with_a_name_and_an_address_confirmed_by_a_mailed_link() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[("form[capacity]", "2")])).await;
        let mut visitor = Client::from_ip(router_for(&test_db).await, "203.0.113.9");

        let page = visitor.get(&format!("/events/{id}"), Some("en")).await;
        assert!(page.body.contains("Your email address"), "{}", page.body);
        let mut fields = guest_form(&id, "Gus Ferreira", " Gus@Example.ORG ", "2");
        fields.push(("form[access_flags][0]".into(), "sign_language".into()));
        let asked = guest_sign_up(&mut visitor, &fields).await;
        assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
        // Nothing is held until the address is confirmed.
        assert_eq!(detail(&mut visitor, &id).await["card"]["seats_taken"], 0);
        let (subject, body) = mails_to(&test_db.db, "gus@example.org")
            .await
            .pop()
            .unwrap();
        assert_eq!(
            subject,
            "Confirm your sign-up: Inspiration café: repair cafés"
        );
        assert!(body.contains("19:00–21:30 (Europe/Paris)"), "{body}");
        let token = guest_token(&test_db, &id, "gus@example.org").await;
        assert_eq!(token.len(), 64);

        let pending = guest_status(&mut visitor, &token).await;
        assert_eq!(pending["signup"]["status"], "pending");
        assert_eq!(pending["name"], "Gus Ferreira");
        assert_eq!(pending["link_expired"], false);
        let page = visitor
            .get(&format!("/events/{id}/guest?token={token}"), Some("en"))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Confirm my sign-up"), "{}", page.body);
        let wrong = "0".repeat(64);
        assert_eq!(
            guest_view(&mut visitor, &wrong).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            confirm(&mut visitor, &wrong).await.status,
            StatusCode::NOT_FOUND
        );

        // Anyone holding the link confirms it: it came to that mailbox.
        let confirmed = confirm(&mut visitor, &token).await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
        let seated = guest_status(&mut visitor, &token).await;
        assert_eq!(seated["signup"]["status"], "confirmed");
        let code = seated["signup"]["code"].as_str().unwrap().to_owned();
        assert_eq!(code.len(), 6);
        assert_eq!(detail(&mut visitor, &id).await["card"]["seats_taken"], 2);
        // A second visit of the link changes nothing.
        assert_eq!(confirm(&mut visitor, &token).await.status, StatusCode::OK);
        assert_eq!(detail(&mut visitor, &id).await["card"]["seats_taken"], 2);

        // The organisers see the guest like any attendee, needs included, and check them in.
        let list = ana
            .call(
                "events/attendees",
                &[("event", id.as_str()), ("language", "en")],
            )
            .await;
        let row = list.json()["rows"][0].clone();
        assert_eq!(row["name"], "Gus Ferreira");
        assert_eq!(row["email"], "gus@example.org");
        assert_eq!(row["handle"], Value::Null);
        assert_eq!(row["access_flags"][0], "sign_language");
        let csv = ana
            .get(&format!("/events/{id}/attendees.csv"), Some("en"))
            .await;
        assert!(
            csv.body.contains("Gus Ferreira,gus@example.org"),
            "{}",
            csv.body
        );
        let check_in = [
            ("form[event]".to_owned(), id.clone()),
            ("form[code]".to_owned(), code),
        ];
        let arrived = call_with(&mut ana, "events/check-in", &check_in).await;
        assert_eq!(arrived.body, "\"Gus Ferreira\"");
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_guest_waits_in_line_is_promoted_and_cancels_by_their_link() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[("form[capacity]", "1")])).await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        assert_eq!(sign_up(&mut bob, &id, "1").await.status, StatusCode::OK);
        let mut visitor = Client::from_ip(router_for(&test_db).await, "203.0.113.9");
        let mut french = guest_form(&id, "Gus", "gus@example.org", "1");
        french.retain(|(key, _)| key != "form[language]");
        french.push(("form[language]".into(), "fr".into()));
        assert_eq!(
            guest_sign_up(&mut visitor, &french).await.status,
            StatusCode::OK
        );
        let gus = guest_token(&test_db, &id, "gus@example.org").await;
        let hana_form = guest_form(&id, "Hana", "hana@example.org", "1");
        assert_eq!(
            guest_sign_up(&mut visitor, &hana_form).await.status,
            StatusCode::OK
        );
        let hana = guest_token(&test_db, &id, "hana@example.org").await;

        assert_eq!(confirm(&mut visitor, &gus).await.status, StatusCode::OK);
        let waiting = guest_status(&mut visitor, &gus).await;
        assert_eq!(waiting["signup"]["status"], "waitlisted");
        assert_eq!(waiting["signup"]["waitlist_position"], 1);

        // Bob leaves: Gus, next in line, gets the seat and a mail in French; Hana, who never
        // confirmed, is not in line.
        let bobs = detail(&mut bob, &id).await["my_signup"]["id"].to_string();
        let left = bob
            .call("events/cancel-sign-up", &[("signup", &bobs)])
            .await;
        assert_eq!(left.status, StatusCode::OK, "{}", left.body);
        let promoted = guest_status(&mut visitor, &gus).await;
        assert_eq!(promoted["signup"]["status"], "confirmed");
        let code = promoted["signup"]["code"].as_str().unwrap();
        let (subject, body) = mails_to(&test_db.db, "gus@example.org")
            .await
            .pop()
            .unwrap();
        assert_eq!(
            subject,
            "Une place pour vous : Inspiration café: repair cafés"
        );
        assert!(body.contains(code), "{body}");
        assert_eq!(status_of(&mut visitor, &hana).await, "pending");

        // Gus's link cancels Gus's sign-up, and only that: another token is another sign-up.
        let cancelled = cancel(&mut visitor, &gus).await;
        assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
        assert_eq!(status_of(&mut visitor, &gus).await, "cancelled");
        assert_eq!(detail(&mut visitor, &id).await["card"]["seats_taken"], 0);
        assert_eq!(status_of(&mut visitor, &hana).await, "pending");
        let again = cancel(&mut visitor, &gus).await;
        assert_eq!(again.error_kind(), "invalid_state");
        let wrong = cancel(&mut visitor, "abc").await;
        assert_eq!(wrong.status, StatusCode::NOT_FOUND);
        // Hana confirms now: the seat Gus freed is hers.
        assert_eq!(confirm(&mut visitor, &hana).await.status, StatusCode::OK);
        assert_eq!(status_of(&mut visitor, &hana).await, "confirmed");
        test_db
    })
    .await;
}

#[tokio::test]
async fn the_same_address_gets_its_link_again_never_a_second_sign_up() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[])).await;
        let mut visitor = Client::from_ip(router_for(&test_db).await, "203.0.113.9");
        let form = |name: &str, email: &str| guest_form(&id, name, email, "1");

        guest_sign_up(&mut visitor, &form("Gus", "gus@example.org")).await;
        let first = guest_token(&test_db, &id, "gus@example.org").await;
        // A typo in the name is corrected by signing up again, before confirming.
        let again = guest_sign_up(&mut visitor, &form("Gus Ferreira", "GUS@example.org")).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        let second = guest_token(&test_db, &id, "gus@example.org").await;
        assert_ne!(first, second);
        assert_eq!(
            guest_view(&mut visitor, &first).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(confirm(&mut visitor, &second).await.status, StatusCode::OK);
        assert_eq!(
            attendee_names(&mut ana, &id).await,
            vec![("Gus Ferreira".to_owned(), "confirmed".to_owned())]
        );

        // Confirmed and the link lost: the form mails it again, the sign-up unchanged.
        guest_sign_up(&mut visitor, &form("Someone else", "gus@example.org")).await;
        let (subject, _) = mails_to(&test_db.db, "gus@example.org")
            .await
            .pop()
            .unwrap();
        assert_eq!(subject, "Your sign-up: Inspiration café: repair cafés");
        let third = guest_token(&test_db, &id, "gus@example.org").await;
        let kept = guest_status(&mut visitor, &third).await;
        assert_eq!(kept["signup"]["status"], "confirmed");
        assert_eq!(kept["name"], "Gus Ferreira");
        assert_eq!(attendee_names(&mut ana, &id).await.len(), 1);

        // Five mails an hour to one address; the sixth request answers the same, sends nothing.
        for _ in 0..2 {
            guest_sign_up(&mut visitor, &form("Gus", "gus@example.org")).await;
        }
        assert_eq!(mails_to(&test_db.db, "gus@example.org").await.len(), 5);
        let quiet = guest_sign_up(&mut visitor, &form("Gus", "gus@example.org")).await;
        assert_eq!(quiet.status, StatusCode::OK);
        assert_eq!(mails_to(&test_db.db, "gus@example.org").await.len(), 5);
        test_db
    })
    .await;
}

#[tokio::test]
async fn bad_guest_sign_ups_are_refused_and_nothing_is_stored() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let fields = event_fields(&[("form[max_party_size]", "2")]);
        let id = create_event(&mut ana, &fields).await;
        let mut visitor = Client::from_ip(router_for(&test_db).await, "203.0.113.9");

        let bad = ask(&mut visitor, &id, " ", "gus@").await;
        assert_eq!(field_code(&bad, "name"), "required");
        assert_eq!(field_code(&bad, "email"), "invalid_email");
        let big = guest_sign_up(
            &mut visitor,
            &guest_form(&id, "Gus", "gus@example.org", "3"),
        )
        .await;
        assert_eq!(field_code(&big, "party_size"), "party_too_large");
        let nowhere = guest_form("999999", "Gus", "gus@example.org", "1");
        assert_eq!(
            guest_sign_up(&mut visitor, &nowhere).await.status,
            StatusCode::NOT_FOUND
        );
        assert!(mails_to(&test_db.db, "gus@example.org").await.is_empty());
        assert!(attendee_names(&mut ana, &id).await.is_empty());

        // Members sign up as themselves, whatever the caller's role.
        for mut caller in [
            member(&test_db, "Bob", "198.51.100.2").await,
            moderator(&test_db, "Mona", "198.51.100.4").await,
        ] {
            let refused = ask(&mut caller, &id, "Bob", "b@example.org").await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN);
        }
        assert_eq!(
            ask(&mut ana, &id, "Ana", "a@example.org").await.status,
            StatusCode::FORBIDDEN
        );

        // A pending guest cannot confirm once the event is cancelled or has started.
        let token = pending(&test_db, &mut visitor, &id, "Gus", "gus@example.org").await;
        starts_in_hours(&test_db, &id, -1).await;
        assert_eq!(
            confirm(&mut visitor, &token).await.error_kind(),
            "signups_closed"
        );
        let late = ask(&mut visitor, &id, "Ida", "ida@example.org").await;
        assert_eq!(late.error_kind(), "signups_closed");
        let other = create_event(&mut ana, &fields).await;
        let token = pending(&test_db, &mut visitor, &other, "Gus", "gus@example.org").await;
        let cancelled = ana
            .call("events/cancel", &[("event", other.as_str())])
            .await;
        assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
        assert_eq!(
            confirm(&mut visitor, &token).await.error_kind(),
            "event_cancelled"
        );
        let closed = ask(&mut visitor, &other, "Ida", "ida@example.org").await;
        assert_eq!(closed.error_kind(), "event_cancelled");
        assert_eq!(detail(&mut visitor, &other).await["card"]["seats_taken"], 0);

        // One address sends at most twenty sign-ups an hour, good or bad.
        let mut busy = Client::from_ip(router_for(&test_db).await, "203.0.113.50");
        for _ in 0..20 {
            ask(&mut busy, &other, "", "").await;
        }
        let limited = ask(&mut busy, &id, "Gus", "gus@example.org").await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
        test_db
    })
    .await;
}

#[tokio::test]
async fn an_unconfirmed_link_expires_after_a_day_and_the_sign_up_goes_after_a_week() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut ana = shaker(&test_db, "Ana", "198.51.100.1").await;
        let id = create_event(&mut ana, &event_fields(&[])).await;
        let mut visitor = Client::from_ip(router_for(&test_db).await, "203.0.113.9");
        let sent_ago = |hours: i64| {
            let db = test_db.db.clone();
            async move {
                let at = time::OffsetDateTime::now_utc() - time::Duration::hours(hours);
                newcityzens::with_pool!(&db, pool => sqlx::query(
                    "UPDATE event_signups SET updated_at = $1 WHERE status = 'pending'")
                    .bind(at).execute(pool).await.map(|_| ()))
                .unwrap();
            }
        };

        let old = pending(&test_db, &mut visitor, &id, "Gus", "gus@example.org").await;
        sent_ago(25).await;
        assert_eq!(guest_status(&mut visitor, &old).await["link_expired"], true);
        let expired = confirm(&mut visitor, &old).await;
        assert_eq!(expired.error_kind(), "link_expired");
        assert_eq!(detail(&mut visitor, &id).await["card"]["seats_taken"], 0);
        // The page says what to do: sign up again with the same address.
        let fresh = pending(&test_db, &mut visitor, &id, "Gus", "gus@example.org").await;
        assert_eq!(confirm(&mut visitor, &fresh).await.status, StatusCode::OK);

        let hana = pending(&test_db, &mut visitor, &id, "Hana", "hana@example.org").await;
        sent_ago(24 * 6).await;
        let now = time::OffsetDateTime::now_utc();
        let forget = newcityzens::events::guest::store::forget_unconfirmed;
        assert_eq!(forget(&test_db.db, now).await.unwrap(), 0);
        sent_ago(24 * 8).await;
        assert_eq!(forget(&test_db.db, now).await.unwrap(), 1);
        assert_eq!(
            guest_view(&mut visitor, &hana).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(status_of(&mut visitor, &fresh).await, "confirmed");

        // 30 days after the event, who the guests were is forgotten; the seat count stays.
        let forget_guests = newcityzens::events::guest::store::forget_past_guests;
        starts_in_hours(&test_db, &id, -(29 * 24)).await;
        assert_eq!(forget_guests(&test_db.db, now).await.unwrap(), 0);
        starts_in_hours(&test_db, &id, -(31 * 24)).await;
        assert_eq!(forget_guests(&test_db.db, now).await.unwrap(), 1);
        assert_eq!(
            guest_view(&mut visitor, &fresh).await.status,
            StatusCode::NOT_FOUND
        );
        let list = ana
            .call(
                "events/attendees",
                &[("event", id.as_str()), ("language", "en")],
            )
            .await;
        let row = &list.json()["rows"][0];
        assert_eq!(
            (row["name"].as_str(), row["email"].as_str()),
            (Some(""), Some(""))
        );
        assert_eq!(row["status"], "confirmed");
        assert_eq!(detail(&mut visitor, &id).await["card"]["seats_taken"], 1);
        test_db
    })
    .await;
}
