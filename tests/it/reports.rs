//! The reporters' video reports through their server functions and pages: who may attach, edit,
//! review and see them, bad addresses and chapters, the gallery's filters, translations, the
//! mails of a publication, and playback that loads nothing from the provider before a click.
use crate::events::{call_with, field_code};
use crate::initiatives::{grant, member, moderator, new_draft, publish, search_ids};
use crate::support::*;
use axum::http::StatusCode;
use newcityzens::accounts::Role;
use serde_json::Value;

/// A member who took the reporter role on their profile.
pub async fn reporter(test_db: &TestDb, name: &str, ip: &str) -> Client {
    let client = member(test_db, name, ip).await;
    let email = format!("{}@example.org", name.to_lowercase());
    take_member_role(&test_db.db, &email, "reporter").await;
    client
}

/// A complete report form on `initiative`, submitted; `extra` overrides or adds fields.
pub fn report_fields(initiative: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
        ("form[initiative]", initiative),
        ("form[language]", "fr"),
        ("form[address]", "https://youtu.be/dQw4w9WgXcQ?t=5"),
        ("form[title]", "Le Repair Café, de l'intérieur"),
        ("form[summary]", "Comment trouver des bénévoles et durer."),
        ("form[spoken_language]", "fr"),
        ("form[subtitles][1]", "en"),
        ("form[duration]", "12:30"),
        ("form[filmed_on]", "2026-05-14"),
        ("form[filmed_by]", "@rita\nJean Caméra"),
        ("form[speakers][0][name]", "Martine Postma"),
        ("form[speakers][0][role]", "fondatrice"),
        ("form[chapters][0][time]", "0:00"),
        ("form[chapters][0][title]", "Le début"),
        ("form[chapters][1][time]", "03:12"),
        ("form[chapters][1][title]", "Trouver les premiers bénévoles"),
        (
            "form[chapters][1][sentence]",
            "Elle a frappé à toutes les portes.",
        ),
        ("form[chapters][2][time]", "10:00"),
        ("form[chapters][2][title]", "Durer"),
        (
            "form[transcript]",
            "Bonjour, je suis Martine. Tout a commencé avec un grille-pain.",
        ),
        ("form[consent]", "yes"),
        ("form[intent]", "submit"),
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

/// The id of the caller's most recently changed report.
async fn my_latest_report(client: &mut Client) -> Option<String> {
    let mine = client.get_api("reports/mine", &[("language", "en")]).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    mine.json()[0]["id"].as_i64().map(|id| id.to_string())
}

/// Saves a complete report on `initiative` and returns its id.
pub async fn attach(client: &mut Client, initiative: &str, extra: &[(&str, &str)]) -> String {
    let saved = call_with(client, "reports/save", &report_fields(initiative, extra)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    my_latest_report(client).await.expect("a report")
}

/// A complete report of `reporter`'s on `initiative`, published by `moderator`.
async fn published_report(
    reporter: &mut Client,
    moderator: &mut Client,
    initiative: &str,
) -> String {
    let id = attach(reporter, initiative, &[]).await;
    let approved = review(moderator, &id, "approve", "").await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    id
}

async fn get(client: &mut Client, id: &str, language: &str) -> Reply {
    client
        .get_api("reports/get", &[("id", id), ("language", language)])
        .await
}

async fn review(client: &mut Client, id: &str, decision: &str, note: &str) -> Reply {
    client
        .call(
            "reports/review",
            &[
                ("form[id]", id),
                ("form[decision]", decision),
                ("form[note]", note),
            ],
        )
        .await
}

async fn gallery(client: &mut Client, filters: &[(&str, &str)]) -> Value {
    let mut fields = vec![("language", "en")];
    fields.extend_from_slice(filters);
    let reply = client.get_api("reports/gallery", &fields).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

/// Who most stories need: Mona the moderator, Rita the reporter, and the published initiative
/// of Ana (its spotter, told by mail when a report on it is out).
struct Cast {
    mona: Client,
    rita: Client,
    initiative: String,
}

async fn cast(test_db: &TestDb) -> Cast {
    import_test_cities(&test_db.db).await;
    let mut ana = member(test_db, "Ana", "198.51.100.1").await;
    let mut mona = moderator(test_db, "Mona", "198.51.100.2").await;
    let rita = reporter(test_db, "Rita", "198.51.100.3").await;
    let initiative = new_draft(&mut ana).await;
    assert_eq!(
        publish(&mut ana, &mut mona, &initiative).await,
        StatusCode::OK
    );
    Cast {
        mona,
        rita,
        initiative,
    }
}

#[tokio::test]
async fn a_reporter_attaches_a_report_that_a_moderator_publishes() {
    on_both_databases(|test_db| async move {
        let Cast {
            mut mona,
            mut rita,
            initiative,
        } = cast(&test_db).await;
        let mut bob = member(&test_db, "Bob", "198.51.100.4").await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let fields = report_fields(&initiative, &[]);

        let anonymous = call_with(&mut visitor, "reports/save", &fields).await;
        assert_eq!(
            anonymous.status,
            StatusCode::UNAUTHORIZED,
            "{}",
            anonymous.body
        );
        let not_a_reporter = call_with(&mut bob, "reports/save", &fields).await;
        assert_eq!(not_a_reporter.status, StatusCode::FORBIDDEN);
        let start = bob
            .get_api("reports/new", &[("initiative", &initiative)])
            .await;
        assert_eq!(start.status, StatusCode::FORBIDDEN);
        let draft_initiative = new_draft(&mut bob).await;
        let on_a_draft = call_with(
            &mut rita,
            "reports/save",
            &report_fields(&draft_initiative, &[]),
        )
        .await;
        assert_eq!(field_code(&on_a_draft, "initiative"), "unknown_initiative");
        assert_eq!(my_latest_report(&mut rita).await, None);

        let id = attach(&mut rita, &initiative, &[]).await;
        for (client, status) in [
            (&mut visitor, StatusCode::NOT_FOUND),
            (&mut bob, StatusCode::NOT_FOUND),
            (&mut rita, StatusCode::OK),
            (&mut mona, StatusCode::OK),
        ] {
            assert_eq!(get(client, &id, "fr").await.status, status);
        }
        let queue = mona.get_api("reports/queue", &[("language", "en")]).await;
        assert_eq!(queue.json()[0]["id"].to_string(), id);
        assert_eq!(
            bob.get_api("reports/queue", &[("language", "en")])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(gallery(&mut visitor, &[]).await["total"], 0);
        assert!(search_ids(&mut visitor, "grille-pain").await.is_empty());

        assert_eq!(
            review(&mut bob, &id, "approve", "").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            review(&mut rita, &id, "approve", "").await.status,
            StatusCode::FORBIDDEN
        );
        let approved = review(&mut mona, &id, "approve", "").await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
        let again = review(&mut mona, &id, "approve", "").await;
        assert_eq!(again.error_kind(), "invalid_state");

        let report = get(&mut visitor, &id, "en").await.json();
        assert_eq!(report["status"], "published");
        assert_eq!(report["video"]["provider"], "YouTube");
        assert_eq!(report["video"]["id"], "dQw4w9WgXcQ");
        assert_eq!(report["duration_seconds"], 750);
        assert_eq!(report["subtitles"], serde_json::json!(["en"]));
        let starts: Vec<i64> = report["chapters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|chapter| chapter["start_seconds"].as_i64().unwrap())
            .collect();
        assert_eq!(starts, vec![0, 192, 600]);
        assert_eq!(report["filmed_by"][0]["handle"], "rita");
        assert_eq!(report["filmed_by"][1]["name"], "Jean Caméra");
        assert_eq!(report["speakers"][0]["role"], "fondatrice");
        assert_eq!(report["can_edit"], false);
        assert_eq!(report["review_note"], Value::Null);

        // The reporter hears of the decision, the initiative's spotter of the report.
        let to_rita = mails_to(&test_db.db, "rita@example.org").await;
        assert!(to_rita
            .iter()
            .any(|(subject, _)| subject.contains("Le Repair Café, de l'intérieur")));
        let to_ana = mails_to(&test_db.db, "ana@example.org").await;
        let announced = to_ana
            .iter()
            .find(|(subject, _)| subject == "A video report on “Belleville Repair Café” is out")
            .unwrap_or_else(|| panic!("no mail to the spotter: {to_ana:?}"));
        assert!(announced.1.contains(&format!("/reports/{id}")));

        // Search finds the initiative by what is said in its report.
        let found = search_ids(&mut visitor, "grille-pain").await;
        assert_eq!(found, vec![initiative.parse::<i64>().unwrap()]);
        let listed = gallery(&mut visitor, &[]).await;
        assert_eq!(listed["total"], 1);
        assert_eq!(
            listed["items"][0]["initiative_title"],
            "Belleville Repair Café"
        );
        let page = visitor
            .get_api(
                "initiatives/get",
                &[("id", &initiative), ("language", "en")],
            )
            .await;
        assert_eq!(page.json()["reports"][0]["id"].to_string(), id);
        assert_eq!(
            page.json()["can_report"],
            false,
            "visitors are not offered the form"
        );
        let profile = visitor
            .get_api("members/profile", &[("handle", "rita"), ("language", "en")])
            .await;
        assert_eq!(
            profile.json()["Found"]["reported"][0]["id"].to_string(),
            id,
            "{}",
            profile.body
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn only_the_reporter_and_moderators_edit_a_report() {
    on_both_databases(|test_db| async move {
        let Cast {
            mut mona,
            mut rita,
            initiative,
        } = cast(&test_db).await;
        let mut rex = reporter(&test_db, "Rex", "198.51.100.5").await;
        let id = published_report(&mut rita, &mut mona, &initiative).await;

        let edit = report_fields(
            &initiative,
            &[("form[id]", &id), ("form[title]", "Autre titre")],
        );
        let by_another_reporter = call_with(&mut rex, "reports/save", &edit).await;
        assert_eq!(by_another_reporter.status, StatusCode::FORBIDDEN);
        assert_eq!(
            rex.get_api("reports/editable", &[("id", &id)]).await.status,
            StatusCode::FORBIDDEN
        );
        let by_moderator = call_with(&mut mona, "reports/save", &edit).await;
        assert_eq!(by_moderator.status, StatusCode::OK, "{}", by_moderator.body);
        let report = get(&mut rex, &id, "fr").await.json();
        assert_eq!(report["title"], "Autre titre");
        assert_eq!(report["status"], "published", "an edit keeps it published");

        let form = rita.get_api("reports/editable", &[("id", &id)]).await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.body);
        let form = form.json()["form"].clone();
        assert_eq!(
            form["address"],
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
        );
        assert_eq!(form["duration"], "12:30");
        assert_eq!(form["chapters"][1]["time"], "3:12");
        assert_eq!(form["filmed_by"], "@rita\nJean Caméra");
        assert_eq!(form["consent"], "yes");
        let rows = form["chapters"].as_array().unwrap().len();
        assert_eq!(rows, 6, "three chapters and three empty rows");

        // Sent back with a note: the reporter sees it, readers no longer see the report.
        let unpublished = review(&mut mona, &id, "unpublish", "").await;
        assert_eq!(field_code(&unpublished, "note"), "required");
        let unpublished = review(&mut mona, &id, "unpublish", "Blur the children's faces.").await;
        assert_eq!(unpublished.status, StatusCode::OK, "{}", unpublished.body);
        assert_eq!(get(&mut rex, &id, "fr").await.status, StatusCode::NOT_FOUND);
        let own = get(&mut rita, &id, "fr").await.json();
        assert_eq!(own["review_note"], "Blur the children's faces.");
        test_db
    })
    .await;
}

#[tokio::test]
async fn bad_addresses_and_chapters_are_refused_and_nothing_is_saved() {
    on_both_databases(|test_db| async move {
        let Cast { mut mona, mut rita, initiative } = cast(&test_db).await;
        let mut adam = member(&test_db, "Adam", "198.51.100.6").await;
        grant(&test_db, "adam@example.org", Role::Admin).await;

        for (address, code) in [
            ("javascript:alert(1)", "not_a_video_address"),
            ("data:text/html,<script>alert(1)</script>", "not_a_video_address"),
            ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "unknown_video_host"),
            ("https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG", "not_one_video"),
            ("https://tube.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv", "unknown_video_host"),
        ] {
            let fields = report_fields(&initiative, &[("form[address]", address)]);
            let refused = call_with(&mut rita, "reports/save", &fields).await;
            assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{address}");
            assert_eq!(field_code(&refused, "address"), code, "{address}");
        }
        let chapters = report_fields(
            &initiative,
            &[("form[chapters][1][time]", "11:00"), ("form[chapters][2][time]", "12:30")],
        );
        let refused = call_with(&mut rita, "reports/save", &chapters).await;
        assert_eq!(field_code(&refused, "chapter_2_time"), "beyond_duration");
        let refused = call_with(
            &mut rita,
            "reports/save",
            &report_fields(&initiative, &[("form[chapters][2][time]", "2:00")]),
        )
        .await;
        assert_eq!(field_code(&refused, "chapter_2_time"), "chapter_out_of_order");
        let no_consent = report_fields(&initiative, &[("form[consent]", "")]);
        let refused = call_with(&mut rita, "reports/save", &no_consent).await;
        assert_eq!(field_code(&refused, "consent"), "consent_required");
        // An unknown member on the second speaker row (the first left empty) is refused there.
        let unknown_speaker = report_fields(
            &initiative,
            &[
                ("form[speakers][0][name]", ""),
                ("form[speakers][0][role]", ""),
                ("form[speakers][1][name]", "@nobody-here"),
            ],
        );
        let refused = call_with(&mut rita, "reports/save", &unknown_speaker).await;
        assert_eq!(field_code(&refused, "speaker_1_name"), "unknown_member");
        let unknown_member = report_fields(&initiative, &[("form[filmed_by]", "@nobody-here")]);
        let refused = call_with(&mut rita, "reports/save", &unknown_member).await;
        assert_eq!(field_code(&refused, "filmed_by"), "unknown_member");
        assert_eq!(my_latest_report(&mut rita).await, None, "nothing was saved");

        // Admins list a PeerTube instance; then its videos are taken.
        let instance = [("form[host]", "https://Tube.Example.org/")];
        for client in [&mut rita, &mut mona] {
            let refused = client.call("reports/add-peertube-instance", &instance).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN);
        }
        let added = adam.call("reports/add-peertube-instance", &instance).await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.body);
        let twice = adam.call("reports/add-peertube-instance", &instance).await;
        assert_eq!(field_code(&twice, "host"), "host_listed");
        let listed = adam.get_api("reports/peertube-instances", &[]).await;
        assert_eq!(listed.json(), serde_json::json!(["tube.example.org"]));
        let page = adam.get("/admin/video-sites", None).await;
        assert!(
            page.header("content-security-policy")
                .contains("frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://www.dailymotion.com https://tube.example.org;"),
            "{}",
            page.header("content-security-policy")
        );
        let peertube = [("form[address]", "https://tube.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv")];
        let id = attach(&mut rita, &initiative, &peertube).await;
        let report = get(&mut rita, &id, "fr").await.json();
        assert_eq!(report["video"]["provider"]["PeerTube"], "tube.example.org");
        test_db
    })
    .await;
}

#[tokio::test]
async fn the_gallery_filters_by_theme_country_language_and_subtitles() {
    on_both_databases(|test_db| async move {
        let Cast {
            mut mona,
            mut rita,
            initiative,
        } = cast(&test_db).await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let french = attach(&mut rita, &initiative, &[]).await;
        let english = attach(
            &mut rita,
            &initiative,
            &[
                ("form[spoken_language]", "en"),
                ("form[subtitles][1]", ""),
                ("form[subtitles][4]", "fr"),
                ("form[title]", "Inside the Repair Café"),
            ],
        )
        .await;
        let draft = attach(&mut rita, &initiative, &[("form[intent]", "save_draft")]).await;
        for id in [&french, &english] {
            assert_eq!(
                review(&mut mona, id, "approve", "").await.status,
                StatusCode::OK
            );
        }
        let ids = |gallery: &Value| -> Vec<String> {
            gallery["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|card| card["id"].to_string())
                .collect()
        };
        let all = gallery(&mut visitor, &[]).await;
        assert_eq!(
            ids(&all),
            vec![english.clone(), french.clone()],
            "newest first, no draft"
        );
        assert!(!ids(&all).contains(&draft));
        assert_eq!(all["spoken_languages"], serde_json::json!(["en", "fr"]));
        assert_eq!(all["themes"][0]["slug"], "solidarity");
        assert_eq!(all["countries"][0]["value"], "FR");
        let filtered = |key, value| [("params[".to_owned() + key + "]", value)];
        for (key, value, expected) in [
            ("lang", "fr", vec![french.clone()]),
            ("subtitles", "fr", vec![english.clone()]),
            ("subtitles", "en", vec![french.clone()]),
            ("theme", "solidarity", vec![english.clone(), french.clone()]),
            ("theme", "youth", vec![]),
            ("country", "FR", vec![english.clone(), french.clone()]),
            ("country", "DE", vec![]),
        ] {
            let pairs = filtered(key, value);
            let query: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            assert_eq!(
                ids(&gallery(&mut visitor, &query).await),
                expected,
                "{key}={value}"
            );
        }
        test_db
    })
    .await;
}

#[tokio::test]
async fn a_translation_shows_to_readers_of_its_language() {
    on_both_databases(|test_db| async move {
        let Cast {
            mut mona,
            mut rita,
            initiative,
        } = cast(&test_db).await;
        let mut bob = member(&test_db, "Bob", "198.51.100.4").await;
        let id = published_report(&mut rita, &mut mona, &initiative).await;
        let translation = [
            ("form[id]", id.as_str()),
            ("form[language]", "en"),
            ("form[title]", "The Repair Café, from the inside"),
            ("form[summary]", "How to find volunteers, and last."),
            ("form[chapters][0][title]", "The start"),
            ("form[chapters][1][title]", "Finding the first volunteers"),
            ("form[chapters][2][title]", "Lasting"),
        ];
        assert_eq!(
            bob.call("reports/translate", &translation).await.status,
            StatusCode::FORBIDDEN
        );
        let missing: Vec<_> = translation[..6].to_vec();
        let refused = rita.call("reports/translate", &missing).await;
        assert_eq!(field_code(&refused, "chapter_2_title"), "required");
        let same = [("form[language]", "fr")];
        let mut as_original = translation.to_vec();
        as_original.extend_from_slice(&same);
        as_original.remove(1);
        let refused = rita.call("reports/translate", &as_original).await;
        assert_eq!(field_code(&refused, "language"), "same_as_original");
        let saved = rita.call("reports/translate", &translation).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

        let english = get(&mut bob, &id, "en").await.json();
        assert_eq!(english["title"], "The Repair Café, from the inside");
        assert_eq!(english["language"], "en");
        assert_eq!(
            english["chapters"][1]["title"],
            "Finding the first volunteers"
        );
        assert_eq!(english["chapters"][1]["start_seconds"], 192);
        assert_eq!(english["languages"], serde_json::json!(["en", "fr"]));
        let german = get(&mut bob, &id, "de").await.json();
        assert_eq!(
            german["title"], "Le Repair Café, de l'intérieur",
            "the original otherwise"
        );
        assert_eq!(
            german["chapters"][1]["sentence"],
            "Elle a frappé à toutes les portes."
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn the_page_loads_the_player_only_once_asked_and_from_the_chapter_time() {
    on_both_databases(|test_db| async move {
        let Cast { mut mona, mut rita, initiative } = cast(&test_db).await;
        let mut visitor = Client::new(router_for(&test_db).await);
        let id = published_report(&mut rita, &mut mona, &initiative).await;

        let page = visitor.get(&format!("/reports/{id}"), Some("en")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("<iframe"), "no player before a click");
        assert!(!page.body.contains("youtube-nocookie.com/embed"));
        assert!(page.body.contains("/report-placeholder.svg"));
        assert!(page.body.contains(&format!("href=\"/reports/{id}?play=1#player\"")));
        assert!(page.body.contains(&format!("href=\"/reports/{id}?play=1&amp;t=192#player\"")));
        assert!(page.body.contains("<details class=\"transcript\""));
        assert!(page
            .header("content-security-policy")
            .contains("frame-src https://www.youtube-nocookie.com "));

        let playing = visitor
            .get(&format!("/reports/{id}?play=1&t=192"), Some("en"))
            .await;
        assert!(
            playing
                .body
                .contains("src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;start=192\""),
            "{}",
            playing.body
        );
        test_db
    })
    .await;
}

/// A stand-in for the video providers: YouTube's picture of `dQw4w9WgXcQ` is a real PNG, the
/// one of `tooBigVideo` is larger than a thumbnail may be, and every request is counted.
async fn stub_provider() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use axum::extract::Path;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let requests = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = requests.clone();
    let app = axum::Router::new().route(
        "/vi/{id}/hqdefault.jpg",
        axum::routing::get(move |Path(id): Path<String>| {
            counted.fetch_add(1, Ordering::SeqCst);
            async move {
                match id.as_str() {
                    "dQw4w9WgXcQ" => png(1280, 720),
                    _ => vec![0xFF; 3 * 1024 * 1024],
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (origin, requests)
}

/// Waits (up to 20 s) until the server has tried to fetch report `id`'s thumbnail.
async fn thumbnail_tried(test_db: &TestDb, id: &str) -> Option<String> {
    let id: i64 = id.parse().unwrap();
    for _ in 0..200 {
        let (tried, key): (bool, Option<String>) =
            newcityzens::with_pool!(&test_db.db, pool => sqlx::query_as(
            "SELECT thumbnail_tried_at IS NOT NULL, thumbnail_key FROM reports WHERE id = $1")
            .bind(id).fetch_one(pool).await)
            .unwrap();
        if tried {
            return key;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("report {id}'s thumbnail was never fetched");
}

#[tokio::test]
async fn thumbnails_are_fetched_once_on_the_server_within_a_size_limit() {
    on_both_databases(|test_db| async move {
        let (origin, requests) = stub_provider().await;
        let mut config = test_config(&test_db.url);
        config.video_provider_origin = Some(origin);
        let router = router_with(&test_db, config).await;
        let Cast {
            mut mona,
            mut rita,
            initiative,
        } = cast(&test_db).await;
        rita.router = router.clone();
        let mut visitor = Client::new(router);

        let id = attach(&mut rita, &initiative, &[]).await;
        let key = thumbnail_tried(&test_db, &id)
            .await
            .expect("a stored thumbnail");
        assert!(key.starts_with("reports/"), "{key}");
        assert_eq!(
            review(&mut mona, &id, "approve", "").await.status,
            StatusCode::OK
        );
        let page = visitor.get(&format!("/reports/{id}"), Some("en")).await;
        assert!(
            page.body.contains(&format!("src=\"/media/{key}\"")),
            "{}",
            page.body
        );
        let report = get(&mut visitor, &id, "en").await.json();
        assert_eq!(report["thumbnail_url"], format!("/media/{key}"));
        let stored = visitor.get(&format!("/media/{key}"), None).await;
        assert_eq!(stored.status, StatusCode::OK);
        assert_eq!(&stored.bytes[..2], &[0xFF, 0xD8], "re-encoded as JPEG");
        assert_eq!(
            requests.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "fetched once"
        );

        let too_big = attach(
            &mut rita,
            &initiative,
            &[("form[address]", "https://youtu.be/tooBigVideo")],
        )
        .await;
        assert_eq!(
            thumbnail_tried(&test_db, &too_big).await,
            None,
            "the placeholder stays"
        );
        let page = rita.get(&format!("/reports/{too_big}"), Some("en")).await;
        assert!(page.body.contains("src=\"/report-placeholder.svg\""));
        test_db
    })
    .await;
}

#[tokio::test]
async fn every_report_endpoint_but_reading_asks_who_calls_first() {
    on_both_databases(|test_db| async move {
        let mut visitor = Client::new(router_for(&test_db).await);
        let posts = [
            "reports/save",
            "reports/translate",
            "reports/review",
            "reports/add-peertube-instance",
            "reports/remove-peertube-instance",
        ];
        for endpoint in posts {
            let fields = [("form[id]", "1"), ("form[host]", "tube.example.org")];
            let reply = visitor.call(endpoint, &fields).await;
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{endpoint}: {}",
                reply.body
            );
        }
        let gets: [(&str, &[(&str, &str)]); 6] = [
            ("reports/queue", &[("language", "en")]),
            ("reports/mine", &[("language", "en")]),
            ("reports/editable", &[("id", "1")]),
            ("reports/new", &[("initiative", "1")]),
            ("reports/translation", &[("id", "1")]),
            ("reports/peertube-instances", &[]),
        ];
        for (endpoint, fields) in gets {
            let reply = visitor.get_api(endpoint, fields).await;
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{endpoint}: {}",
                reply.body
            );
        }
        assert_eq!(
            get(&mut visitor, "1", "en").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(gallery(&mut visitor, &[]).await["total"], 0);
        test_db
    })
    .await;
}
