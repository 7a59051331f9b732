//! `seed-demo`: the demo initiatives all validate, find their city in the real gazetteer, are
//! published in English and French, and seeding twice adds nothing.
use crate::support::*;
use newcityzens::cities::gazetteer;
use newcityzens::initiatives::{demo, search, SearchParams};

#[tokio::test]
async fn the_demo_content_publishes_forty_initiatives_once() {
    on_both_databases(|test_db| async move {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(gazetteer::DEFAULT_DIR);
        gazetteer::import(&test_db.db, &dir).await.unwrap();
        let added = demo::seed(&test_db.db).await.unwrap();
        assert!(added >= 40, "only {added} demo initiatives");
        assert_eq!(demo::seed(&test_db.db).await.unwrap(), 0);
        // Events in several cities and zones, upcoming and past, presenting demo initiatives.
        let now = time::OffsetDateTime::now_utc();
        assert_eq!(newcityzens::events::demo::seed(&test_db.db, now).await.unwrap(), 6);
        assert_eq!(newcityzens::events::demo::seed(&test_db.db, now).await.unwrap(), 0);
        // Published reports with chapters on three of them, once.
        let reports = newcityzens::reports::demo::seed(&test_db.db, now).await.unwrap();
        assert_eq!(reports, 3);
        assert_eq!(newcityzens::reports::demo::seed(&test_db.db, now).await.unwrap(), 0);
        let params = newcityzens::reports::GalleryParams::default();
        let gallery = newcityzens::reports::store::gallery(&test_db.db, &params, "en").await.unwrap();
        assert_eq!(gallery.total, 3);
        assert_eq!(gallery.spoken_languages, vec!["de", "en", "es"]);
        let (zones, past, decks): (i64, i64, i64) = newcityzens::with_pool!(&test_db.db, pool => sqlx::query_as(
            "SELECT (SELECT count(DISTINCT timezone) FROM events), (SELECT count(*) FROM events WHERE ends_at < $1), \
             (SELECT count(DISTINCT event_id) FROM event_initiatives)").bind(now).fetch_one(pool).await)
        .unwrap();
        assert!(zones >= 4, "{zones} zones");
        assert_eq!((past, decks), (2, 6));
        assert_eq!(
            demo::published_count(&test_db.db).await.unwrap(),
            added as i64
        );
        let in_french = SearchParams {
            lang: Some("fr".into()),
            ..Default::default()
        };
        assert_eq!(
            search::all_ids(&test_db.db, &test_db.search, &in_french)
                .await
                .unwrap()
                .len(),
            added
        );
        let in_english = SearchParams {
            lang: Some("en".into()),
            ..Default::default()
        };
        assert_eq!(
            search::all_ids(&test_db.db, &test_db.search, &in_english)
                .await
                .unwrap()
                .len(),
            added
        );
        let repair = SearchParams {
            q: "réparer".into(),
            ..Default::default()
        };
        assert!(!search::all_ids(&test_db.db, &test_db.search, &repair)
            .await
            .unwrap()
            .is_empty());
        // Confirmed inspiration links between demo initiatives, and a past and an upcoming
        // Day with events in several cities, once.
        assert_eq!(newcityzens::inspiration::demo::seed(&test_db.db, now).await.unwrap(), 7);
        assert_eq!(newcityzens::inspiration::demo::seed(&test_db.db, now).await.unwrap(), 0);
        assert_eq!(newcityzens::days::demo::seed(&test_db.db, now).await.unwrap(), 2);
        assert_eq!(newcityzens::days::demo::seed(&test_db.db, now).await.unwrap(), 0);
        let (days, day_events, outcomes): (i64, i64, i64) = newcityzens::with_pool!(&test_db.db, pool => sqlx::query_as(
            "SELECT (SELECT count(*) FROM ncz_days), (SELECT count(*) FROM events WHERE day_id IS NOT NULL), \
             (SELECT count(*) FROM event_outcomes o JOIN events e ON e.id = o.event_id WHERE e.day_id IS NOT NULL)")
            .fetch_one(pool).await)
        .unwrap();
        assert_eq!((days, day_events, outcomes), (2, 7, 3));
        test_db
    })
    .await;
}
