//! Members writing to each other: relayed by mail without addresses, answered on the platform,
//! private to the two members, stopped by a block, and limited to 10 new people a day.
use crate::initiatives::{member, moderator};
use crate::support::*;
use axum::http::StatusCode;
use serde_json::Value;

async fn write(client: &mut Client, handle: &str, body: &str) -> Reply {
    client
        .call(
            "messages/write",
            &[("form[handle]", handle), ("form[body]", body)],
        )
        .await
}

async fn reply(client: &mut Client, conversation: &str, body: &str) -> Reply {
    client
        .call(
            "messages/reply",
            &[("form[conversation]", conversation), ("form[body]", body)],
        )
        .await
}

async fn inbox(client: &mut Client) -> Vec<Value> {
    let reply = client.call("messages/inbox", &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json().as_array().unwrap().clone()
}

async fn conversation(client: &mut Client, id: &str) -> Reply {
    client.call("messages/conversation", &[("id", id)]).await
}

async fn block(client: &mut Client, id: &str, block: bool) -> Reply {
    let block = block.to_string();
    client
        .call("messages/block", &[("conversation", id), ("block", &block)])
        .await
}

/// The body of the latest mail to `to`.
async fn last_mail(test_db: &TestDb, to: &str) -> String {
    let mails = mails_to(&test_db.db, to).await;
    mails
        .last()
        .map(|(_, body)| body.clone())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_message_is_relayed_without_addresses_and_answered_on_the_platform() {
    on_both_databases(|test_db| async move {
        let mut visitor = Client::new(router_for(&test_db).await);
        assert_eq!(
            write(&mut visitor, "bob", "Hello").await.status,
            StatusCode::UNAUTHORIZED
        );
        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let mut carol = member(&test_db, "Carol", "198.51.100.3").await;
        let mut mona = moderator(&test_db, "Mona", "198.51.100.4").await;

        let empty = write(&mut ana, "bob", "  ").await;
        assert_eq!(empty.json()["detail"][0]["field"], "body");
        let long = write(&mut ana, "bob", &"a".repeat(2_001)).await;
        assert_eq!(long.json()["detail"][0]["code"], "too_long");
        assert_eq!(
            write(&mut ana, "nobody-here", "Hi").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            write(&mut ana, "ana", "Hi me").await.error_kind(),
            "unreachable"
        );
        assert!(inbox(&mut bob).await.is_empty(), "nothing was sent");

        let sent = write(&mut ana, "bob", "Shall we start a repair café in Lyon?").await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        let mail = last_mail(&test_db, "bob@example.org").await;
        assert!(
            mail.contains("Shall we start a repair café in Lyon?"),
            "{mail}"
        );
        assert!(!mail.contains("ana@example.org"), "{mail}");
        let listed = inbox(&mut bob).await;
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0]["with"]["handle"], "ana");
        assert_eq!(listed[0]["awaits_reply"], true);
        let id = listed[0]["id"].to_string();
        assert!(mail.contains(&format!("/my/messages/{id}")), "{mail}");

        let answered = reply(&mut bob, &id, "Yes! Saturday?").await;
        assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
        let mail = last_mail(&test_db, "ana@example.org").await;
        assert!(
            mail.contains("Yes! Saturday?") && !mail.contains("bob@example.org"),
            "{mail}"
        );
        // Writing again from Bob's page goes on in the same conversation.
        write(&mut ana, "bob", "Saturday it is.").await;
        assert_eq!(inbox(&mut ana).await.len(), 1);
        let thread = conversation(&mut ana, &id).await.json();
        let mine: Vec<bool> = thread["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|message| message["mine"].as_bool().unwrap())
            .collect();
        assert_eq!(mine, [true, false, true]);
        let page = bob.get(&format!("/my/messages/{id}"), Some("en")).await;
        assert!(page.body.contains("Saturday it is."), "{}", page.body);

        // Nobody else reads or writes in it, a moderator neither.
        for outsider in [&mut carol, &mut mona] {
            assert_eq!(
                conversation(outsider, &id).await.status,
                StatusCode::NOT_FOUND
            );
            assert_eq!(
                reply(outsider, &id, "Me too").await.status,
                StatusCode::NOT_FOUND
            );
            assert_eq!(
                block(outsider, &id, true).await.status,
                StatusCode::NOT_FOUND
            );
        }
        let stranger_calls = [
            conversation(&mut visitor, &id).await,
            reply(&mut visitor, &id, "Hi").await,
            block(&mut visitor, &id, true).await,
            visitor.call("messages/inbox", &[]).await,
        ];
        for refused in stranger_calls {
            assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);
        }
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_blocked_member_can_no_longer_write_until_unblocked() {
    on_both_databases(|test_db| async move {
        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        write(&mut ana, "bob", "Hello Bob").await;
        let id = inbox(&mut bob).await[0]["id"].to_string();
        let blocked = block(&mut bob, &id, true).await;
        assert_eq!(blocked.status, StatusCode::OK, "{}", blocked.body);
        let mails_before = mails_to(&test_db.db, "bob@example.org").await.len();

        assert_eq!(
            reply(&mut ana, &id, "Hello?").await.error_kind(),
            "unreachable"
        );
        assert_eq!(
            write(&mut ana, "bob", "Hello?").await.error_kind(),
            "unreachable"
        );
        assert_eq!(
            mails_to(&test_db.db, "bob@example.org").await.len(),
            mails_before
        );
        assert_eq!(conversation(&mut ana, &id).await.json()["can_reply"], false);
        assert_eq!(
            conversation(&mut bob, &id).await.json()["blocked_by_me"],
            true
        );

        block(&mut bob, &id, false).await;
        assert_eq!(
            reply(&mut ana, &id, "Hello again").await.status,
            StatusCode::OK
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_member_writes_to_ten_new_people_a_day_at_most() {
    on_both_databases(|test_db| async move {
        let mut sam = member(&test_db, "Sam", "198.51.100.100").await;
        for n in 0..11 {
            member(
                &test_db,
                &format!("Neighbour{n}"),
                &format!("198.51.100.{n}"),
            )
            .await;
        }
        for n in 0..10 {
            let sent = write(&mut sam, &format!("neighbour{n}"), "Coming to the café?").await;
            assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        }
        let refused = write(&mut sam, "neighbour10", "Coming to the café?").await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(refused.error_kind(), "conversation_limit");
        assert!(mails_to(&test_db.db, "neighbour10@example.org")
            .await
            .iter()
            .all(|(_, body)| !body.contains("Coming to the café?")));
        let going_on = write(&mut sam, "neighbour3", "And bring a friend.").await;
        assert_eq!(
            going_on.status,
            StatusCode::OK,
            "a conversation going on is not new"
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_member_who_leaves_takes_their_messages_and_leaves_the_others() {
    on_both_databases(|test_db| async move {
        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        write(&mut ana, "bob", "A message from Ana").await;
        let id = inbox(&mut bob).await[0]["id"].to_string();
        reply(&mut bob, &id, "An answer from Bob").await;
        let exported = ana.get("/my/data.json", Some("en")).await.json();
        assert_eq!(exported["messages_sent"][0]["body"], "A message from Ana");
        assert_eq!(exported["messages_sent"][0]["to"], "Bob");

        let deleted = ana
            .call("accounts/delete", &[("form[password]", PASSWORD)])
            .await;
        assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
        let thread = conversation(&mut bob, &id).await.json();
        assert_eq!(thread["with"]["handle"], Value::Null, "a former member");
        let bodies: Vec<&str> = thread["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|message| message["body"].as_str().unwrap())
            .collect();
        assert_eq!(bodies, ["An answer from Bob"]);
        assert_eq!(thread["can_reply"], false);
        let page = bob.get(&format!("/my/messages/{id}"), Some("en")).await;
        assert!(page.body.contains("a former member"), "{}", page.body);
        test_db
    })
    .await;
}
