//! Avatars: only the member sets theirs, only real images, stored square and small, shown on
//! their page and in the directory, gone with the account.
use crate::initiatives::member;
use crate::support::*;
use axum::http::StatusCode;
use serde_json::Value;

const JSON: &str = "application/json";

async fn avatar_of(client: &mut Client, handle: &str) -> Value {
    let reply = client
        .get_api("members/profile", &[("handle", handle), ("language", "en")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["Found"]["avatar_url"].clone()
}

#[tokio::test]
async fn a_member_sets_a_square_avatar_from_a_real_image_only() {
    on_both_databases(|test_db| async move {
        let mut visitor = Client::new(router_for(&test_db).await);
        let picture = png(1200, 400);
        let refused = visitor
            .upload("/my/avatar", &[], Some(("avatar", &picture)), JSON)
            .await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        let refused = visitor.upload("/my/avatar/delete", &[], None, JSON).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);

        let mut ana = member(&test_db, "Ana", "198.51.100.1").await;
        let mut bob = member(&test_db, "Bob", "198.51.100.2").await;
        let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        let refused = ana
            .upload("/my/avatar", &[], Some(("avatar", svg)), JSON)
            .await;
        assert_eq!(refused.json()["detail"][0]["code"], "not_an_image");
        let from_a_browser = ana
            .upload("/my/avatar", &[], Some(("avatar", svg)), "text/html")
            .await;
        assert_eq!(
            from_a_browser.header("location"),
            "/my/profile?avatar_error=not_an_image#avatar"
        );
        let page = ana
            .get("/my/profile?avatar_error=not_an_image", Some("en"))
            .await;
        assert!(
            page.body
                .contains("Please choose a photo in JPEG, PNG or WebP format."),
            "{}",
            page.body
        );
        assert_eq!(avatar_of(&mut visitor, "ana").await, Value::Null);

        let set = ana
            .upload("/my/avatar", &[], Some(("avatar", &picture)), JSON)
            .await;
        assert_eq!(set.status, StatusCode::NO_CONTENT, "{}", set.body);
        let url = avatar_of(&mut visitor, "ana").await;
        let url = url.as_str().expect("an avatar").to_owned();
        let file = visitor.get(&url, None).await;
        assert_eq!(file.status, StatusCode::OK);
        let stored = image::load_from_memory(&file.bytes).unwrap();
        assert_eq!((stored.width(), stored.height()), (256, 256));
        assert_eq!(
            avatar_of(&mut visitor, "bob").await,
            Value::Null,
            "Bob's is his own"
        );
        let listed = crate::members::directory(&mut visitor, &[("q", "ana")]).await;
        assert_eq!(listed["items"][0]["avatar_url"], url.as_str());
        let page = visitor.get("/members/ana", Some("en")).await;
        assert!(
            page.body.contains(&format!("src=\"{url}\"")),
            "{}",
            page.body
        );

        // A new one replaces the file; removing it goes back to initials.
        let again = bob
            .upload("/my/avatar", &[], Some(("avatar", &picture)), JSON)
            .await;
        assert_eq!(again.status, StatusCode::NO_CONTENT);
        assert_eq!(
            avatar_of(&mut visitor, "ana").await,
            url,
            "Bob changed only his"
        );
        ana.upload("/my/avatar", &[], Some(("avatar", &png(300, 300))), JSON)
            .await;
        assert_eq!(visitor.get(&url, None).await.status, StatusCode::NOT_FOUND);
        let newer = avatar_of(&mut visitor, "ana").await;
        let removed = ana.upload("/my/avatar/delete", &[], None, JSON).await;
        assert_eq!(removed.status, StatusCode::NO_CONTENT);
        assert_eq!(avatar_of(&mut visitor, "ana").await, Value::Null);
        assert_eq!(
            visitor.get(newer.as_str().unwrap(), None).await.status,
            StatusCode::NOT_FOUND
        );

        // Deleting the account deletes the picture.
        let bobs = avatar_of(&mut visitor, "bob").await;
        let deleted = bob
            .call("accounts/delete", &[("form[password]", PASSWORD)])
            .await;
        assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
        assert_eq!(
            visitor.get(bobs.as_str().unwrap(), None).await.status,
            StatusCode::NOT_FOUND
        );
        test_db
    })
    .await;
}
