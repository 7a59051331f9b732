//! Search: the committed corpus and queries of tests/fixtures/search. Both databases must return
//! the same initiatives for every query (parity), and the results a person expects (accents,
//! case, ß, œ, æ, the Turkish ı, translations, facets, operator characters).
use crate::support::*;
use newcityzens::accounts::{password::StoredHash, store as accounts_store, AccountId, NewAccount};
use newcityzens::cities::{split_city_label, store as cities};
use newcityzens::db::Db;
use newcityzens::i18n::Locale;
use newcityzens::initiatives::{
    search, search::SearchCache, store, InitiativeForm, InitiativeId, InitiativeText, Intent,
    SearchParams, Sort, Status,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct CorpusEntry {
    language: String,
    title: String,
    summary: String,
    description: String,
    city: String,
    themes: Vec<String>,
    tags: String,
    translations: Vec<InitiativeText>,
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/search")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn corpus() -> Vec<CorpusEntry> {
    serde_json::from_str(&fixture("corpus.json")).unwrap()
}

/// Publishes the whole corpus, in file order (so ids agree across databases), as the spotter it
/// returns.
async fn publish_corpus(db: &Db) -> AccountId {
    import_test_cities(db).await;
    let spotter = accounts_store::insert_account(
        db,
        &NewAccount {
            display_name: "Spotter".into(),
            handle: None,
            email: "spotter@example.org".into(),
            password: String::new(),
            city: "Paris".into(),
            language: Locale::en,
        },
        &StoredHash("not a real hash".into()),
        accounts_store::EmailState::Confirmed,
    )
    .await
    .unwrap();
    for entry in corpus() {
        publish(db, spotter, entry).await;
    }
    spotter
}

async fn publish(db: &Db, spotter: AccountId, entry: CorpusEntry) {
    let input = InitiativeForm {
        language: entry.language,
        title: entry.title,
        summary: entry.summary,
        description: entry.description,
        city: entry.city.clone(),
        themes: entry.themes,
        tags: entry.tags,
        intent: Intent::Submit,
        ..Default::default()
    }
    .parse()
    .unwrap();
    let (name, country) = split_city_label(&entry.city);
    let city = cities::resolve(db, name, country)
        .await
        .unwrap()
        .expect(&entry.city);
    let theme_ids = store::theme_ids(db, &input.themes).await.unwrap().unwrap();
    let resolved = store::ResolvedInput {
        input: &input,
        city: Some(&city),
        theme_ids: &theme_ids,
        inspiration: None,
    };
    let id = store::save(db, spotter, &resolved, Status::Submitted)
        .await
        .unwrap();
    store::set_status(
        db,
        spotter,
        id,
        (Status::Submitted, Status::Published),
        "",
        &[],
    )
    .await
    .unwrap();
    for translation in entry.translations {
        store::save_translation(db, spotter, id, &translation)
            .await
            .unwrap();
    }
}

/// A line of queries.txt: "text | theme=x, country=y, lang=z".
fn parse_query_line(line: &str) -> SearchParams {
    let (text, facets) = line.split_once(" | ").map_or((line, ""), |(t, f)| (t, f));
    let mut params = SearchParams {
        q: text.trim().to_owned(),
        ..Default::default()
    };
    for facet in facets.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        match facet.split_once('=').unwrap() {
            ("theme", value) => params.theme = Some(value.to_owned()),
            ("country", value) => params.country = Some(value.to_owned()),
            ("lang", value) => params.lang = Some(value.to_owned()),
            (other, _) => panic!("unknown facet {other}"),
        }
    }
    params
}

fn committed_queries() -> Vec<SearchParams> {
    fixture("queries.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(parse_query_line)
        .collect()
}

async fn ids(test_db: &TestDb, query: &str) -> Vec<i64> {
    search::all_ids(&test_db.db, &test_db.search, &parse_query_line(query))
        .await
        .unwrap()
}

#[tokio::test]
async fn both_databases_return_the_same_initiatives_for_every_committed_query() {
    let queries = committed_queries();
    assert!(
        queries.len() >= 50,
        "only {} committed queries",
        queries.len()
    );
    let sqlite = TestDb::sqlite().await;
    let Some(postgres) = TestDb::postgres().await else {
        sqlite.drop_database().await;
        return;
    };
    publish_corpus(&sqlite.db).await;
    publish_corpus(&postgres.db).await;
    let mut answered = 0;
    for params in &queries {
        let on_sqlite = search::all_ids(&sqlite.db, &sqlite.search, params)
            .await
            .unwrap();
        let on_postgres = search::all_ids(&postgres.db, &postgres.search, params)
            .await
            .unwrap();
        assert_eq!(
            on_sqlite, on_postgres,
            "the databases disagree on {params:?}"
        );
        answered += usize::from(!on_sqlite.is_empty());
    }
    // Parity of empty answers proves nothing: most committed queries must find something.
    assert!(
        answered * 4 >= queries.len() * 3,
        "only {answered} of {} queries found anything",
        queries.len()
    );
    sqlite.drop_database().await;
    postgres.drop_database().await;
}

/// Every committed query answered with the lists `cache` holds, and by an app instance that
/// just started.
async fn assert_memory_agrees_with_a_fresh_start(test_db: &TestDb, cache: &SearchCache) {
    for params in committed_queries() {
        let held = search::all_ids(&test_db.db, cache, &params).await.unwrap();
        let fresh = search::all_ids(&test_db.db, &SearchCache::default(), &params)
            .await
            .unwrap();
        assert_eq!(held, fresh, "memory is out of date for {params:?}");
    }
}

#[tokio::test]
async fn the_terms_kept_in_memory_follow_publications_translations_and_withdrawals() {
    on_both_databases(|test_db| async move {
        let spotter = publish_corpus(&test_db.db).await;
        let cache = &test_db.search;
        let warmed = search::warm_up(&test_db.db, cache, 1).await.unwrap();
        assert!(warmed > 0, "nothing warmed up");
        assert_memory_agrees_with_a_fresh_start(&test_db, cache).await;
        let [garden] = ids(&test_db, "jardin").await[..] else {
            panic!("the corpus has one garden")
        };
        let [repair_cafe] = ids(&test_db, "repair bois").await[..] else {
            panic!("the corpus has one repair café in Bois-Colombes")
        };
        let [vegetable_garden] = ids(&test_db, "potager communautaire").await[..] else {
            panic!("the corpus has one potager communautaire, in its French translation")
        };
        store::set_status(
            &test_db.db,
            spotter,
            InitiativeId(garden),
            (Status::Published, Status::Unpublished),
            "Closed",
            &[],
        )
        .await
        .unwrap();
        let translation = InitiativeText {
            language: "es".into(),
            title: "Café de reparación en el jardín de Bois-Colombes".into(),
            summary: "Reparamos juntos en el jardín.".into(),
            description: "Cada mes.".into(),
        };
        store::save_translation(
            &test_db.db,
            spotter,
            InitiativeId(repair_cafe),
            &translation,
        )
        .await
        .unwrap();
        let retitled = InitiativeText {
            language: "fr".into(),
            title: "Jardin communautaire de la Vila Madalena".into(),
            summary: "Des voisins cultivent ensemble.".into(),
            description: "Chaque samedi.".into(),
        };
        store::save_translation(
            &test_db.db,
            spotter,
            InitiativeId(vegetable_garden),
            &retitled,
        )
        .await
        .unwrap();
        let mut lilas = corpus().remove(27);
        lilas.title = "Jardin des Lilas".into();
        publish(&test_db.db, spotter, lilas).await;
        assert!(ids(&test_db, "potager communautaire").await.is_empty());
        let gardens = ids(&test_db, "jardin").await;
        assert_eq!(gardens.len(), 3, "{gardens:?}");
        assert!(gardens.contains(&repair_cafe) && gardens.contains(&vegetable_garden));
        assert!(!gardens.contains(&garden));
        assert_eq!(ids(&test_db, "jard").await, gardens);
        assert_memory_agrees_with_a_fresh_start(&test_db, cache).await;
        test_db
    })
    .await;
}

#[tokio::test]
async fn search_ignores_case_accents_and_special_letters() {
    on_both_databases(|test_db| async move {
        publish_corpus(&test_db.db).await;
        for (a, b) in [
            ("ecologie", "écologie"),
            ("ECOLOGIE", "écologie"),
            ("sao paulo", "São Paulo"),
            ("istanbul", "İstanbul"),
            ("ISTANBUL", "istanbul"),
            ("kadikoy", "Kadıköy"),
            ("strasse", "Straße"),
            ("STRASSE", "straße"),
            ("oeuvre", "œuvre"),
            ("coeur", "cœur"),
            ("encyclopaedia", "Encyclopædia"),
            ("isikli", "Işıklı"),
            ("nunoa", "Ñuñoa"),
        ] {
            let left = ids(&test_db, a).await;
            assert!(!left.is_empty(), "{a} finds nothing");
            assert_eq!(left, ids(&test_db, b).await, "{a} and {b} differ");
        }
        test_db
    })
    .await;
}

#[tokio::test]
async fn search_finds_translations_prefixes_and_respects_facets() {
    on_both_databases(|test_db| async move {
        publish_corpus(&test_db.db).await;
        // Written in Portuguese, found from its French translation.
        let potager = ids(&test_db, "potager communautaire").await;
        assert_eq!(potager.len(), 1);
        assert_eq!(ids(&test_db, "vila madalena").await, potager);
        // The last word is a prefix.
        assert_eq!(ids(&test_db, "jard").await, ids(&test_db, "jardin").await);
        assert!(!ids(&test_db, "biblioth").await.is_empty());
        // Every word must match.
        assert!(
            ids(&test_db, "repair").await.len() > ids(&test_db, "repair stockholm").await.len()
        );
        // Facets narrow.
        let everything = ids(&test_db, "").await.len();
        let french = ids(&test_db, " | country=FR").await.len();
        assert!(french > 0 && french < everything);
        assert_eq!(
            ids(&test_db, "potager communautaire | lang=fr").await,
            potager
        );
        assert_eq!(
            ids(&test_db, "potager communautaire | lang=pt").await,
            potager
        );
        assert!(ids(&test_db, "potager | lang=de").await.is_empty());
        test_db
    })
    .await;
}

#[tokio::test]
async fn operator_characters_never_break_a_search() {
    on_both_databases(|test_db| async move {
        publish_corpus(&test_db.db).await;
        let mut visitor = Client::new(router_for(&test_db).await);
        for q in [
            "\"jardin",
            "jardin*",
            "-jardin",
            "col:jardin",
            "NEAR(jardin compost)",
            "(",
            ")",
            "\"",
            "*",
            ":",
            "AND",
            "a OR",
            "'",
            "\\",
            "%",
            "_",
            "jardin' OR 1=1 --",
        ] {
            let reply = visitor
                .get_api(
                    "initiatives/search",
                    &[("params[q]", q), ("language", "fr")],
                )
                .await;
            assert_eq!(
                reply.status,
                axum::http::StatusCode::OK,
                "{q}: {}",
                reply.body
            );
        }
        assert_eq!(
            ids(&test_db, "\"jardin\"").await,
            ids(&test_db, "jardin").await
        );
        // A call without its arguments is the caller's mistake, not the server's.
        for fields in [
            &[][..],
            &[("params[q]", "jardin")],
            &[("params[page]", "x")],
        ] {
            let reply = visitor.get_api("initiatives/search", fields).await;
            assert_eq!(
                reply.status,
                axum::http::StatusCode::BAD_REQUEST,
                "{fields:?}"
            );
            assert_eq!(reply.json()["kind"], "bad_request", "{}", reply.body);
        }
        test_db
    })
    .await;
}

#[tokio::test]
async fn facet_counts_follow_the_query_and_pages_hold_twenty() {
    on_both_databases(|test_db| async move {
        publish_corpus(&test_db.db).await;
        let all = search::search(&test_db.db, &test_db.search, &SearchParams::default(), "en")
            .await
            .unwrap();
        assert_eq!(all.total, 30);
        assert_eq!(all.items.len(), 20);
        assert_eq!(all.page_count, 2);
        let second = search::search(
            &test_db.db,
            &test_db.search,
            &SearchParams {
                page: Some(2),
                ..Default::default()
            },
            "en",
        )
        .await
        .unwrap();
        assert_eq!(second.items.len(), 10);
        let spain = all
            .facets
            .countries
            .iter()
            .find(|c| c.value == "ES")
            .unwrap();
        assert_eq!((spain.label.as_deref(), spain.count), (Some("Spain"), 6));
        // Countries are named in the reader's language, and found by their name in any of the
        // site's languages.
        let in_turkish =
            search::search(&test_db.db, &test_db.search, &SearchParams::default(), "tr")
                .await
                .unwrap();
        let spain = in_turkish.facets.countries.iter().find(|c| c.value == "ES");
        assert_eq!(spain.and_then(|c| c.label.as_deref()), Some("İspanya"));
        for name in ["espagne", "ispanya", "SPANIEN"] {
            let by_name = SearchParams {
                q: name.into(),
                ..Default::default()
            };
            let found = search::search(&test_db.db, &test_db.search, &by_name, "fr")
                .await
                .unwrap();
            assert_eq!(found.total, 6, "{name}");
        }
        let repair = search::search(
            &test_db.db,
            &test_db.search,
            &SearchParams {
                q: "repair".into(),
                ..Default::default()
            },
            "en",
        )
        .await
        .unwrap();
        let countries: i64 = repair.facets.countries.iter().map(|c| c.count).sum();
        assert_eq!(countries, repair.total);
        // A chosen facet keeps showing its other values (to switch), other facets narrow.
        let in_spain = SearchParams {
            country: Some("ES".into()),
            ..Default::default()
        };
        let narrowed = search::search(&test_db.db, &test_db.search, &in_spain, "en")
            .await
            .unwrap();
        assert_eq!(narrowed.total, 6);
        assert_eq!(narrowed.facets.countries.len(), all.facets.countries.len());
        assert!(narrowed
            .facets
            .cities
            .iter()
            .all(|c| ["Madrid", "Barcelona", "Sevilla"].contains(&c.label.as_deref().unwrap())));
        test_db
    })
    .await;
}

/// A migration that changes the index empties it and asks for a rebuild: the application refills
/// it from its folded words, and every committed query finds what it found before.
#[tokio::test]
async fn a_rebuilt_index_finds_what_the_old_one_found() {
    on_both_databases(|test_db| async move {
        publish_corpus(&test_db.db).await;
        let db = &test_db.db;
        let queries = committed_queries();
        let mut before = Vec::new();
        for params in &queries {
            before.push(search::all_ids(db, &test_db.search, params).await.unwrap());
        }
        newcityzens::with_pool!(db, pool => async {
            sqlx::query("DELETE FROM initiative_search").execute(pool).await.unwrap();
            sqlx::query("UPDATE search_state SET rebuild = 1").execute(pool).await.unwrap();
        }.await);
        // As the app finds it when it starts after the migration (with nothing in memory).
        let restarted = SearchCache::default();
        let repair = parse_query_line("repair");
        let emptied = search::all_ids(db, &restarted, &repair).await.unwrap();
        assert!(emptied.is_empty());
        assert_eq!(store::rebuild_search_index_if_asked(db).await.unwrap(), 30);
        for (params, found) in queries.iter().zip(&before) {
            assert_eq!(
                &search::all_ids(db, &test_db.search, params).await.unwrap(),
                found,
                "{params:?}"
            );
        }
        assert_eq!(store::rebuild_search_index_if_asked(db).await.unwrap(), 0);
        test_db
    })
    .await;
}

/// Relevance: every word in a title first, then in a summary, then anywhere; newest first
/// within each (the corpus is published in file order, so later lines are newer).
#[tokio::test]
async fn relevance_puts_titles_then_summaries_first() {
    on_both_databases(|test_db| async move {
        publish_corpus(&test_db.db).await;
        let order = |q: &str, sort: Sort| {
            let params = SearchParams {
                q: q.into(),
                sort,
                ..Default::default()
            };
            let (db, cache) = (&test_db.db, &test_db.search);
            async move {
                let results = search::search(db, cache, &params, "en").await.unwrap();
                results
                    .items
                    .iter()
                    .map(|card| card.id.0)
                    .collect::<Vec<i64>>()
            }
        };
        // Titles 18 and 2 ("Repair Café"), then 17 whose description mentions repairs.
        assert_eq!(order("repair", Sort::Relevance).await, [18, 2, 17]);
        assert_eq!(order("repair", Sort::Newest).await, [18, 17, 2]);
        // Summaries of 27, 11 and 10 ("vecinos"), then the description of 13.
        assert_eq!(order("vecinos", Sort::Relevance).await, [27, 11, 10, 13]);
        assert_eq!(order("vecinos", Sort::Newest).await, [27, 13, 11, 10]);
        test_db
    })
    .await;
}

/// Two app instances on one database: each keeps its own facet table, and each sees every
/// change the other makes (unpublishing, publishing again, a new translation).
#[tokio::test]
async fn every_app_instance_sees_changes_made_through_another() {
    on_both_databases(|test_db| async move {
        publish_corpus(&test_db.db).await;
        let db = &test_db.db;
        let other_instance = SearchCache::default();
        let in_spain = SearchParams {
            country: Some("ES".into()),
            ..Default::default()
        };
        let spanish = search::all_ids(db, &other_instance, &in_spain)
            .await
            .unwrap();
        assert_eq!(spanish.len(), 6);
        let id = InitiativeId(spanish[0]);
        let moderator = AccountId(1);
        store::set_status(
            db,
            moderator,
            id,
            (Status::Published, Status::Unpublished),
            "off topic",
            &[],
        )
        .await
        .unwrap();
        let after = search::search(db, &other_instance, &in_spain, "en")
            .await
            .unwrap();
        assert_eq!(after.total, 5);
        let spain = after
            .facets
            .countries
            .iter()
            .find(|c| c.value == "ES")
            .unwrap();
        assert_eq!(spain.count, 5);
        store::set_status(
            db,
            moderator,
            id,
            (Status::Unpublished, Status::Published),
            "",
            &[],
        )
        .await
        .unwrap();
        let in_german = SearchParams {
            lang: Some("de".into()),
            ..in_spain.clone()
        };
        let before = search::all_ids(db, &test_db.search, &in_german)
            .await
            .unwrap();
        assert!(!before.contains(&id.0));
        // The other instance looks for a word before any initiative holds it: what it keeps in
        // memory must not hide the initiative once it does.
        let new_word = SearchParams {
            q: "gemeinschaftsgarten".into(),
            ..Default::default()
        };
        let not_yet = search::all_ids(db, &other_instance, &new_word).await;
        assert!(not_yet.unwrap().is_empty());
        store::save_translation(
            db,
            moderator,
            id,
            &InitiativeText {
                language: "de".into(),
                title: "Gemeinschaftsgarten".into(),
                summary: "Ein Garten für alle".into(),
                description: String::new(),
            },
        )
        .await
        .unwrap();
        let mut expected = [before, vec![id.0]].concat();
        expected.sort_unstable();
        assert_eq!(
            search::all_ids(db, &other_instance, &in_german)
                .await
                .unwrap(),
            expected
        );
        assert_eq!(
            search::all_ids(db, &test_db.search, &in_german)
                .await
                .unwrap(),
            expected
        );
        assert_eq!(
            search::all_ids(db, &other_instance, &new_word)
                .await
                .unwrap(),
            [id.0]
        );
        test_db
    })
    .await;
}

#[tokio::test]
async fn the_map_shows_every_match_at_its_city_with_titles_in_the_reader_language() {
    on_both_databases(|test_db| async move {
        publish_corpus(&test_db.db).await;
        let in_brazil = SearchParams {
            country: Some("BR".into()),
            ..Default::default()
        };
        let points = search::map_points(&test_db.db, &test_db.search, &in_brazil, "fr")
            .await
            .unwrap();
        assert_eq!(points.len(), 2);
        let garden = points
            .iter()
            .find(|p| p.place == "São Paulo, Brésil")
            .unwrap();
        assert_eq!(garden.title, "Potager communautaire de Vila Madalena");
        assert!((garden.latitude + 23.5475).abs() < 1e-6);
        let mut visitor = Client::new(router_for(&test_db).await);
        let page = visitor.get("/initiatives/map?country=BR", Some("en")).await;
        assert_eq!(page.status, axum::http::StatusCode::OK);
        assert!(page.body.contains("Horta comunitária da Vila Madalena"));
        // The tile server is the only other origin images may come from.
        let policy = page.header("content-security-policy");
        assert!(
            policy.contains("img-src 'self' data: https://tiles.example.org;"),
            "{policy}"
        );
        test_db
    })
    .await;
}
