//! The gazetteer: import, suggestions, resolving what people type.
use crate::support::*;
use axum::http::StatusCode;
use newcityzens::cities::store;

#[tokio::test]
async fn suggestions_ignore_case_and_accents_and_rank_big_cities_first() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        for (typed, language, expected) in [
            ("sao pa", "en", &["São Paulo, Brazil"][..]),
            ("İSTANBUL", "en", &["Istanbul, Türkiye"]),
            // Alternate names count: "Lisboa" is Lisbon, "München" is Munich.
            ("lisboa", "en", &["Lisbon, Portugal"]),
            ("münch", "en", &["Munich, Germany"]),
            ("paris", "en", &["Paris, France", "Paris, United States"]),
            // Countries are named in the reader's language.
            ("münch", "fr", &["Munich, Allemagne"]),
            ("münch", "tr", &["Munich, Almanya"]),
        ] {
            let found = store::suggest(&test_db.db, typed, language).await.unwrap();
            let labels: Vec<String> = found.iter().map(|city| city.label()).collect();
            assert_eq!(labels, expected, "{typed} in {language}");
        }

        let mut visitor = Client::new(router_for(&test_db).await);
        let reply = visitor
            .get_api("cities/suggest", &[("typed", "rio de"), ("language", "es")])
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(reply.json()[0]["name"], "Rio de Janeiro");
        assert_eq!(reply.json()[0]["country_name"], "Brasil");
        let short = visitor
            .get_api("cities/suggest", &[("typed", "r"), ("language", "es")])
            .await;
        assert_eq!(short.json().as_array().map(Vec::len), Some(0));
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_typed_city_resolves_to_the_most_populous_unless_the_country_says_otherwise() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let resolve = |name: &'static str, country: Option<&'static str>| {
            let db = test_db.db.clone();
            async move {
                store::resolve(&db, name, country)
                    .await
                    .unwrap()
                    .map(|c| c.label())
            }
        };
        assert_eq!(
            resolve("paris", None).await.as_deref(),
            Some("Paris, France")
        );
        assert_eq!(
            resolve("Paris", Some("United States")).await.as_deref(),
            Some("Paris, United States")
        );
        assert_eq!(
            resolve("Paris", Some("us")).await.as_deref(),
            Some("Paris, United States")
        );
        // A label picked on a page in another language names the country in that language.
        assert_eq!(
            resolve("Paris", Some("Etats-Unis")).await.as_deref(),
            Some("Paris, United States")
        );
        assert_eq!(
            resolve("Paris", Some("Amerika Birleşik Devletleri"))
                .await
                .as_deref(),
            Some("Paris, United States")
        );
        assert_eq!(
            resolve("Sevilla", Some("Colombia")).await.as_deref(),
            Some("Sevilla, Colombia")
        );
        assert_eq!(resolve("Atlantis", None).await, None);
        assert_eq!(resolve("Paris", Some("Brazil")).await, None);
        test_db
    })
    .await;
}

#[tokio::test]
async fn importing_again_updates_in_place() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let first = store::count(&test_db.db).await.unwrap();
        import_test_cities(&test_db.db).await;
        assert_eq!(store::count(&test_db.db).await.unwrap(), first);
        test_db
    })
    .await;
}

#[tokio::test]
async fn moderators_add_a_missing_city_which_survives_a_new_import() {
    on_both_databases(|test_db| async move {
        import_test_cities(&test_db.db).await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let mut member = crate::initiatives::member(&test_db, "Maya", "198.51.100.130").await;
        let mut moderator = crate::initiatives::moderator(&test_db, "Mona", "198.51.100.131").await;
        let city = |name: &'static str,
                    country: &'static str,
                    latitude: &'static str,
                    timezone: &'static str| {
            vec![
                ("form[name]", name),
                ("form[country]", country),
                ("form[latitude]", latitude),
                ("form[longitude]", "2.02"),
                ("form[timezone]", timezone),
                ("language", "de"),
            ]
        };
        let colroy = city("Colroy-la-Grande", "FR", "48.3", "Europe/Paris");
        assert_eq!(
            visitor.call("cities/add", &colroy).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            member.call("cities/add", &colroy).await.status,
            StatusCode::FORBIDDEN
        );
        for (form, field, code) in [
            (
                city("Colroy-la-Grande", "XX", "48.3", "Europe/Paris"),
                "country",
                "unknown_country",
            ),
            (
                city("Colroy-la-Grande", "FR", "48.3", "Mars/Olympus"),
                "timezone",
                "unknown_timezone",
            ),
            (
                city("Colroy-la-Grande", "FR", "95", "Europe/Paris"),
                "latitude",
                "invalid_coordinate",
            ),
            (
                city("Lyon", "FR", "45.7", "Europe/Paris"),
                "name",
                "city_exists",
            ),
        ] {
            let refused = moderator.call("cities/add", &form).await;
            assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{field}");
            assert_eq!(refused.json()["detail"][0]["field"], field);
            assert_eq!(refused.json()["detail"][0]["code"], code);
        }
        let added = moderator.call("cities/add", &colroy).await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.body);
        assert!(added.json()["id"].as_i64().unwrap() >= store::FIRST_ADDED_CITY_ID);
        assert_eq!(added.json()["country_name"], "Frankreich");
        import_test_cities(&test_db.db).await;
        let found = store::suggest(&test_db.db, "colroy", "en").await.unwrap();
        assert_eq!(
            found.iter().map(|c| c.label()).collect::<Vec<_>>(),
            ["Colroy-la-Grande, France"]
        );
        test_db
    })
    .await;
}
