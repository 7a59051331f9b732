//! Photos: who may add and remove them, what counts as an image, and what the stored file keeps.
use crate::initiatives::{member, moderator, new_draft};
use crate::support::*;
use axum::http::StatusCode;

const JSON: &str = "application/json";

async fn photos(client: &mut Client, id: &str) -> Vec<serde_json::Value> {
    let editable = client.get_api("initiatives/editable", &[("id", id)]).await;
    assert_eq!(editable.status, StatusCode::OK, "{}", editable.body);
    editable.json()["photos"].as_array().unwrap().clone()
}

#[tokio::test]
async fn the_spotter_and_moderators_add_and_remove_photos_others_cannot() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = member(&test_db, "Sam", "198.51.100.110").await;
        let mut other = member(&test_db, "Olga", "198.51.100.111").await;
        let mut moderator = moderator(&test_db, "Mona", "198.51.100.112").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let id = new_draft(&mut spotter).await;
        let path = format!("/initiatives/{id}/photos");
        let picture = png(2400, 1200);
        let alt = [("alt", "Volunteers at the repair table")];

        let refused = visitor
            .upload(&path, &alt, Some(("photo", &picture)), JSON)
            .await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        let refused = other
            .upload(&path, &alt, Some(("photo", &picture)), JSON)
            .await;
        assert_eq!(
            refused.status,
            StatusCode::NOT_FOUND,
            "a draft does not exist for others"
        );

        let added = spotter
            .upload(&path, &alt, Some(("photo", &picture)), JSON)
            .await;
        assert_eq!(added.status, StatusCode::NO_CONTENT, "{}", added.body);
        let from_browser = moderator
            .upload(&path, &alt, Some(("photo", &picture)), "text/html")
            .await;
        assert_eq!(from_browser.status, StatusCode::SEE_OTHER);
        assert_eq!(
            from_browser.header("location"),
            format!("/initiatives/{id}/edit#photos")
        );
        let listed = photos(&mut spotter, &id).await;
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0]["alt"], "Volunteers at the repair table");
        assert_eq!(listed[0]["width"], 1600);

        // The stored files are served, as JPEG.
        let large = visitor
            .get(listed[0]["large_url"].as_str().unwrap(), None)
            .await;
        assert_eq!(large.status, StatusCode::OK);
        assert!(large.header("cache-control").contains("immutable"));

        let photo_id = listed[0]["id"].as_i64().unwrap();
        let delete = format!("/initiatives/{id}/photos/{photo_id}/delete");
        assert_eq!(
            other.upload(&delete, &[], None, JSON).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            spotter.upload(&delete, &[], None, JSON).await.status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(photos(&mut spotter, &id).await.len(), 1);
        assert_eq!(
            spotter.upload(&delete, &[], None, JSON).await.status,
            StatusCode::NOT_FOUND
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn uploads_that_are_not_images_or_too_many_are_refused() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut spotter = member(&test_db, "Sam", "198.51.100.120").await;
        let id = new_draft(&mut spotter).await;
        let path = format!("/initiatives/{id}/photos");
        let alt = [("alt", "A photo")];
        for (bytes, code) in [
            (
                b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".to_vec(),
                "not_an_image",
            ),
            (b"%PDF-1.4 not a photo".to_vec(), "not_an_image"),
            (png(10, 10)[..30].to_vec(), "not_an_image"),
        ] {
            let reply = spotter
                .upload(&path, &alt, Some(("photo", &bytes)), JSON)
                .await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST);
            assert_eq!(reply.json()["detail"][0]["code"], code);
        }
        let no_alt = spotter
            .upload(&path, &[("alt", " ")], Some(("photo", &png(10, 10))), JSON)
            .await;
        assert_eq!(no_alt.json()["detail"][0]["field"], "alt");
        let browser = spotter
            .upload(&path, &alt, Some(("photo", b"not an image")), "text/html")
            .await;
        assert_eq!(
            browser.header("location"),
            format!("/initiatives/{id}/edit?photo_error=not_an_image#photos")
        );
        let too_big = vec![0u8; 9 * 1024 * 1024];
        assert_eq!(
            spotter
                .upload(&path, &alt, Some(("photo", &too_big)), JSON)
                .await
                .status,
            StatusCode::PAYLOAD_TOO_LARGE
        );
        for _ in 0..5 {
            assert_eq!(
                spotter
                    .upload(&path, &alt, Some(("photo", &png(40, 30))), JSON)
                    .await
                    .status,
                StatusCode::NO_CONTENT
            );
        }
        let sixth = spotter
            .upload(&path, &alt, Some(("photo", &png(40, 30))), JSON)
            .await;
        assert_eq!(sixth.json()["detail"][0]["code"], "too_many");
        assert_eq!(photos(&mut spotter, &id).await.len(), 5);
        test_db
    })
    .await;
}
