//! Search under load: a database of N synthetic initiatives (realistic words in six languages,
//! rare made-up words, cities from the gazetteer), then the committed mix of 1,000 searches
//! (benches/search_queries.txt) through the search server function, in-process, with facet
//! counts, after the app's warm-up (`search::warm_up`, as `serve` runs it at start) and 1,000
//! other searches drawn the same way (the traffic a live server saw before: the app keeps each
//! term's matches in memory); prints p50/p95/p99 per database. `--cold` measures the first
//! searches after start instead: no warm-up, no earlier traffic.
//!
//!     cargo bench --features ssr --bench search -- [--rows 100000] [--sqlite-only | --postgres-only] [--cold]
//!
//! The databases are kept (target/bench/, and a PostgreSQL database named after N) and reused
//! by the next run when they hold N initiatives already.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use newcityzens::cities::{gazetteer, CityId};
use newcityzens::db::Db;
use newcityzens::initiatives::{
    store, InitiativeForm, InitiativeText, Intent, Status, CONTENT_LANGUAGES,
};
use rand::{rngs::StdRng, seq::SliceRandom, Rng, SeedableRng};
use std::time::{Duration, Instant};
use tower::ServiceExt;

#[path = "support/mod.rs"]
mod support;

const LANGUAGES: [&str; 6] = ["en", "fr", "es", "pt", "de", "tr"];
const THEMES: [&str; 13] = [
    "food_gardens",
    "mobility",
    "housing",
    "environment_climate",
    "culture_art",
    "solidarity",
    "youth",
    "education",
    "public_space",
    "economy_work",
    "democracy_citizenship",
    "health_care",
    "digital",
];

/// Words of each language that initiatives really use, most frequent first (Zipf-like draws).
fn vocabulary(language: &str) -> &'static [&'static str] {
    match language {
        "en" => &[
            "community",
            "garden",
            "neighbours",
            "city",
            "repair",
            "youth",
            "street",
            "food",
            "bike",
            "library",
            "sharing",
            "workshop",
            "volunteers",
            "school",
            "market",
            "park",
            "climate",
            "housing",
            "art",
            "music",
            "kitchen",
            "tools",
            "elderly",
            "children",
            "energy",
            "water",
            "trees",
            "compost",
            "festival",
            "square",
            "cooperative",
            "digital",
            "health",
            "theatre",
            "bread",
            "seeds",
            "river",
            "walk",
            "solidarity",
            "learning",
        ],
        "fr" => &[
            "quartier",
            "jardin",
            "voisins",
            "ville",
            "réparation",
            "jeunes",
            "rue",
            "alimentation",
            "vélo",
            "bibliothèque",
            "partage",
            "atelier",
            "bénévoles",
            "école",
            "marché",
            "parc",
            "climat",
            "logement",
            "art",
            "musique",
            "cuisine",
            "outils",
            "aînés",
            "enfants",
            "énergie",
            "eau",
            "arbres",
            "compost",
            "fête",
            "place",
            "coopérative",
            "numérique",
            "santé",
            "théâtre",
            "pain",
            "graines",
            "rivière",
            "balade",
            "solidarité",
            "écologie",
        ],
        "es" => &[
            "barrio",
            "huerto",
            "vecinos",
            "ciudad",
            "reparación",
            "jóvenes",
            "calle",
            "comida",
            "bicicleta",
            "biblioteca",
            "compartir",
            "taller",
            "voluntarios",
            "escuela",
            "mercado",
            "parque",
            "clima",
            "vivienda",
            "arte",
            "música",
            "cocina",
            "herramientas",
            "mayores",
            "niños",
            "energía",
            "agua",
            "árboles",
            "compost",
            "fiesta",
            "plaza",
            "cooperativa",
            "digital",
            "salud",
            "teatro",
            "pan",
            "semillas",
            "río",
            "paseo",
            "solidaridad",
            "mañana",
        ],
        "pt" => &[
            "bairro",
            "horta",
            "vizinhos",
            "cidade",
            "conserto",
            "jovens",
            "rua",
            "alimentação",
            "bicicleta",
            "biblioteca",
            "partilha",
            "oficina",
            "voluntários",
            "escola",
            "feira",
            "parque",
            "clima",
            "moradia",
            "arte",
            "música",
            "cozinha",
            "ferramentas",
            "idosos",
            "crianças",
            "energia",
            "água",
            "árvores",
            "composto",
            "festa",
            "praça",
            "cooperativa",
            "digital",
            "saúde",
            "teatro",
            "pão",
            "sementes",
            "rio",
            "caminhada",
            "solidariedade",
            "ação",
        ],
        "de" => &[
            "Nachbarschaft",
            "Garten",
            "Nachbarn",
            "Stadt",
            "Reparatur",
            "Jugend",
            "Straße",
            "Essen",
            "Fahrrad",
            "Bibliothek",
            "Teilen",
            "Werkstatt",
            "Freiwillige",
            "Schule",
            "Markt",
            "Park",
            "Klima",
            "Wohnen",
            "Kunst",
            "Musik",
            "Küche",
            "Werkzeug",
            "Senioren",
            "Kinder",
            "Energie",
            "Wasser",
            "Bäume",
            "Kompost",
            "Fest",
            "Platz",
            "Genossenschaft",
            "digital",
            "Gesundheit",
            "Theater",
            "Brot",
            "Saatgut",
            "Fluss",
            "Spaziergang",
            "Solidarität",
            "Größe",
        ],
        _ => &[
            "mahalle",
            "bostan",
            "komşular",
            "şehir",
            "tamir",
            "gençler",
            "sokak",
            "yemek",
            "bisiklet",
            "kütüphane",
            "paylaşım",
            "atölye",
            "gönüllüler",
            "okul",
            "pazar",
            "park",
            "iklim",
            "konut",
            "sanat",
            "müzik",
            "mutfak",
            "aletler",
            "yaşlılar",
            "çocuklar",
            "enerji",
            "su",
            "ağaçlar",
            "kompost",
            "şenlik",
            "meydan",
            "kooperatif",
            "dijital",
            "sağlık",
            "tiyatro",
            "ekmek",
            "tohum",
            "nehir",
            "yürüyüş",
            "dayanışma",
            "ışık",
        ],
    }
}

/// A made-up word from syllables: the long tail of rare words (names, places, jargon).
fn rare_word(index: usize) -> String {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mi", "ra", "te", "zu", "bel", "nor", "vin", "sa", "do", "fe", "gri", "po",
        "tal", "chu", "wen", "ix", "bra", "mo", "lu", "ter", "sha", "qui",
    ];
    let mut n = index + 1000;
    let mut word = String::new();
    while n > 0 {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    word
}

const RARE_WORDS: usize = 60_000;

fn zipf_word(rng: &mut StdRng, words: &[&str]) -> String {
    // Squaring a uniform draw favours the first words: the first one lands in ~15% of texts.
    let position = (rng.gen::<f64>().powi(2) * words.len() as f64) as usize;
    words[position.min(words.len() - 1)].to_owned()
}

fn sentence(rng: &mut StdRng, language: &str, words: usize) -> String {
    let vocabulary = vocabulary(language);
    let mut out: Vec<String> = Vec::with_capacity(words);
    for _ in 0..words {
        if rng.gen_bool(0.15) {
            out.push(rare_word(rng.gen_range(0..RARE_WORDS)));
        } else {
            out.push(zipf_word(rng, vocabulary));
        }
    }
    let mut text = out.join(" ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text + "."
}

fn text(rng: &mut StdRng, language: &str) -> InitiativeText {
    let (title_words, summary_words, sentences) = (
        rng.gen_range(3..7),
        rng.gen_range(12..25),
        rng.gen_range(3..7),
    );
    let title = sentence(rng, language, title_words)
        .trim_end_matches('.')
        .to_owned();
    let summary = sentence(rng, language, summary_words);
    let mut description = Vec::with_capacity(sentences);
    for _ in 0..sentences {
        let words = rng.gen_range(10..20);
        description.push(sentence(rng, language, words));
    }
    InitiativeText {
        language: language.to_owned(),
        title,
        summary,
        description: description.join(" "),
    }
}

async fn published(db: &Db) -> i64 {
    newcityzens::initiatives::demo::published_count(db)
        .await
        .unwrap()
}

/// Fills `db` with `rows` published initiatives through the store (the same code as the site).
async fn fill(db: &Db, rows: i64) {
    if published(db).await >= rows {
        return;
    }
    let started = Instant::now();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(gazetteer::DEFAULT_DIR);
    gazetteer::import_if_empty(db, &dir).await.unwrap();
    let spotter = support::bench_account(db).await;
    let cities = newcityzens::cities::store::suggest(db, "a", "en")
        .await
        .unwrap(); // warm the pool
    drop(cities);
    let city_ids: Vec<i64> = biggest_cities(db, 3000).await;
    let theme_ids: Vec<i64> = store::theme_ids(db, &THEMES.map(str::to_owned))
        .await
        .unwrap()
        .unwrap();
    let mut rng = StdRng::seed_from_u64(published(db).await as u64 + 42);
    let mut done = published(db).await;
    while done < rows {
        let language = *LANGUAGES.choose(&mut rng).unwrap();
        let original = text(&mut rng, language);
        let city = newcityzens::cities::store::get(db, CityId(*city_ids.choose(&mut rng).unwrap()))
            .await
            .unwrap()
            .unwrap();
        let theme_count = rng.gen_range(1..4);
        let themes: Vec<String> = THEMES
            .choose_multiple(&mut rng, theme_count)
            .map(|t| (*t).to_owned())
            .collect();
        let ids: Vec<i64> = themes
            .iter()
            .map(|t| theme_ids[THEMES.iter().position(|x| x == t).unwrap()])
            .collect();
        let input = InitiativeForm {
            language: language.into(),
            title: original.title.clone(),
            summary: original.summary.clone(),
            description: original.description.clone(),
            city: city.label(),
            themes,
            tags: (0..3)
                .map(|_| zipf_word(&mut rng, vocabulary(language)))
                .collect::<Vec<_>>()
                .join(", "),
            intent: Intent::Submit,
            ..Default::default()
        }
        .parse()
        .unwrap();
        let resolved = store::ResolvedInput {
            input: &input,
            city: Some(&city),
            theme_ids: &ids,
            inspiration: None,
        };
        let id = store::save(db, spotter, &resolved, Status::Published)
            .await
            .unwrap();
        if rng.gen_bool(0.3) {
            let other = *LANGUAGES
                .iter()
                .filter(|l| **l != language)
                .collect::<Vec<_>>()
                .choose(&mut rng)
                .unwrap();
            store::save_translation(db, spotter, id, &text(&mut rng, other))
                .await
                .unwrap();
        }
        done += 1;
        if done % 10_000 == 0 {
            eprintln!(
                "  {done} initiatives ({:.0} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
    newcityzens::with_pool!(db, pool => sqlx::query("UPDATE initiatives SET published_at = created_at WHERE published_at IS NULL").execute(pool).await.map(|_| ())).unwrap();
    eprintln!("  filled in {:.0} s", started.elapsed().as_secs_f64());
}

async fn biggest_cities(db: &Db, count: i64) -> Vec<i64> {
    let sql = "SELECT id FROM cities ORDER BY population DESC LIMIT $1";
    newcityzens::with_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(count).fetch_all(pool).await).unwrap()
}

/// 1,000 searches: common words, rare words, two words, prefixes; half with one facet.
fn generated_mix(seed: u64) -> Vec<String> {
    let mut rng = StdRng::seed_from_u64(seed);
    let countries = ["FR", "BR", "US", "DE", "TR", "ES", "IN", "CN", "MX", "NG"];
    let mut lines = Vec::with_capacity(1000);
    for n in 0..1000 {
        let language = *LANGUAGES.choose(&mut rng).unwrap();
        let vocabulary = vocabulary(language);
        let (kind, query) = match n % 4 {
            0 => ("common", vocabulary[rng.gen_range(0..4)].to_owned()),
            1 => ("rare", rare_word(rng.gen_range(0..RARE_WORDS))),
            2 => (
                "two-words",
                format!(
                    "{} {}",
                    zipf_word(&mut rng, vocabulary),
                    zipf_word(&mut rng, vocabulary)
                ),
            ),
            _ => {
                let word = if rng.gen_bool(0.5) {
                    zipf_word(&mut rng, vocabulary)
                } else {
                    rare_word(rng.gen_range(0..RARE_WORDS))
                };
                ("prefix", word.chars().take(rng.gen_range(3..5)).collect())
            }
        };
        let facet = if n % 2 == 1 {
            match rng.gen_range(0..3) {
                0 => format!("theme={}", THEMES.choose(&mut rng).unwrap()),
                1 => format!("country={}", countries.choose(&mut rng).unwrap()),
                _ => format!("lang={}", CONTENT_LANGUAGES.choose(&mut rng).unwrap()),
            }
        } else {
            String::new()
        };
        lines.push(format!("{kind}\t{query}\t{facet}"));
    }
    lines
}

/// The committed mix, seed 7.
fn write_query_mix(path: &std::path::Path) {
    let mut lines = vec!["# kind<TAB>query<TAB>facet (theme=, country=, lang= or nothing); made by benches/search.rs".to_owned()];
    lines.extend(generated_mix(7));
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

type Search = (String, Vec<(String, String)>);

fn query_mix() -> Vec<Search> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/search_queries.txt");
    if !path.exists() {
        write_query_mix(&path);
    }
    parse_mix(std::fs::read_to_string(path).unwrap().lines())
}

/// Other searches drawn the same way (another seed): the traffic a live server saw before.
fn warm_up_mix() -> Vec<Search> {
    let lines = generated_mix(8);
    parse_mix(lines.iter().map(String::as_str))
}

fn parse_mix<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<Search> {
    lines
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let mut params = vec![
                ("params[q]".to_owned(), fields[1].to_owned()),
                ("language".to_owned(), "fr".to_owned()),
            ];
            if let Some((key, value)) = fields.get(2).and_then(|f| f.split_once('=')) {
                params.push((format!("params[{key}]"), value.to_owned()));
            }
            (fields[0].to_owned(), params)
        })
        .collect()
}

/// Measures the committed mix through the search server function. With `cold`, the app has
/// seen no search before and has not warmed up: only the facet table is in memory.
async fn measure(name: &str, db: Db, url: String, cold: bool) {
    let config = newcityzens::server::config::Config::from_lookup(
        |name| (name == "DATABASE_URL").then(|| url.clone()),
        "127.0.0.1:3000".parse().unwrap(),
    )
    .unwrap();
    let mut options = leptos::config::get_configuration(Some("Leptos.toml"))
        .unwrap()
        .leptos_options;
    options.hash_files = false;
    let search = std::sync::Arc::<newcityzens::initiatives::search::SearchCache>::default();
    let router =
        newcityzens::server::build_router_with_search(db.clone(), config, options, search.clone())
            .await;
    let mix = query_mix();
    // The first search after start loads every published initiative's facet values.
    let started = Instant::now();
    let request = Request::get("/api/initiatives/search?params[q]=&language=fr")
        .header(header::ACCEPT, "application/json")
        .body(Body::empty())
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    println!(
        "{name}: first search after start (loads the facet table): {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let mut timings: Vec<(String, Duration, i64)> = Vec::with_capacity(mix.len());
    let mut labels: Vec<String> = Vec::with_capacity(mix.len());
    // 1,000 other searches drawn the same way first, as a live server saw before; then the
    // committed mix is measured.
    let warm_up = if cold {
        Vec::new()
    } else {
        let started = Instant::now();
        let lists = newcityzens::initiatives::search::warm_up(
            &db,
            &search,
            newcityzens::initiatives::search::WARM_UP_FROM,
        )
        .await
        .unwrap();
        println!(
            "{name}: warm-up after start: {lists} terms in {:.1} s, {:.1} MB",
            started.elapsed().as_secs_f64(),
            search.term_bytes() as f64 / f64::from(1 << 20)
        );
        warm_up_mix()
    };
    for (round, queries) in [(0, &warm_up), (1, &mix)] {
        for (kind, params) in queries {
            let (elapsed, total) = timed_search(&router, params).await;
            if round == 1 {
                let label = params
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                timings.push((kind.clone(), elapsed, total));
                labels.push(label);
            }
        }
    }
    let memory = if cold {
        ", first searches after start"
    } else {
        ""
    };
    report(&format!("{name}{memory}"), &timings);
    slowest(&timings, &labels, 10);
    if !cold {
        after_a_change(name, &db, &router).await;
    }
}

/// One search through the server function: how long it took and how many it found.
async fn timed_search(router: &axum::Router, params: &[(String, String)]) -> (Duration, i64) {
    let query = serde_urlencoded::to_string(params).unwrap();
    let request = Request::get(format!("/api/initiatives/search?{query}"))
        .header(header::ACCEPT, "application/json")
        .body(Body::empty())
        .unwrap();
    let started = Instant::now();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let elapsed = started.elapsed();
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let total = serde_json::from_slice::<serde_json::Value>(&body).unwrap()["total"]
        .as_i64()
        .unwrap();
    (elapsed, total)
}

/// The first search after an initiative changed: it brings every list in memory up to date
/// (`TermLists::carry`), asking the index about the changed initiative for each held term.
async fn after_a_change(name: &str, db: &Db, router: &axum::Router) {
    let params = [
        ("params[q]".to_owned(), "garden".to_owned()),
        ("language".to_owned(), "fr".to_owned()),
    ];
    let mut timings = Vec::new();
    for _ in 0..5 {
        newcityzens::with_pool!(db, pool => async {
            sqlx::query("UPDATE search_state SET version = version + 1 WHERE id = 1").execute(pool).await?;
            sqlx::query("UPDATE initiatives SET search_version = (SELECT version FROM search_state WHERE id = 1) \
                         WHERE id = (SELECT max(id) FROM initiatives WHERE status = 'published')").execute(pool).await.map(|_| ())
        }.await)
        .unwrap();
        timings.push(timed_search(router, &params).await.0);
    }
    timings.sort();
    println!(
        "{name}: first search after an initiative changed (median of 5): {:.1} ms",
        timings[2].as_secs_f64() * 1000.0
    );
}

/// The tail, to see what it is made of.
fn slowest(timings: &[(String, Duration, i64)], labels: &[String], count: usize) {
    let mut order: Vec<usize> = (0..timings.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(timings[i].1));
    println!("  slowest:");
    for &i in order.iter().take(count) {
        let (kind, elapsed, total) = &timings[i];
        println!(
            "    {:6.2} ms  {kind:<10} {total:>6} results  {}",
            elapsed.as_secs_f64() * 1000.0,
            labels[i]
        );
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index].as_secs_f64() * 1000.0
}

fn report(name: &str, timings: &[(String, Duration, i64)]) {
    let mut all: Vec<Duration> = timings.iter().map(|t| t.1).collect();
    all.sort();
    println!("{name}: {} searches (after 1,000 others)", all.len());
    println!(
        "  all        p50 {:6.2} ms  p95 {:6.2} ms  p99 {:6.2} ms  max {:6.2} ms",
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        percentile(&all, 0.99),
        percentile(&all, 1.0)
    );
    for kind in ["common", "rare", "two-words", "prefix"] {
        let mut these: Vec<Duration> = timings
            .iter()
            .filter(|t| t.0 == kind)
            .map(|t| t.1)
            .collect();
        these.sort();
        let matches: Vec<i64> = timings
            .iter()
            .filter(|t| t.0 == kind)
            .map(|t| t.2)
            .collect();
        let median_matches = {
            let mut m = matches.clone();
            m.sort();
            m[m.len() / 2]
        };
        println!(
            "  {kind:<10} p50 {:6.2} ms  p95 {:6.2} ms  (median results {median_matches})",
            percentile(&these, 0.5),
            percentile(&these, 0.95)
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rows: i64 = args
        .iter()
        .position(|a| a == "--rows")
        .and_then(|i| args.get(i + 1))
        .map_or(100_000, |r| r.parse().unwrap());
    let sqlite_only = args.iter().any(|a| a == "--sqlite-only");
    let postgres_only = args.iter().any(|a| a == "--postgres-only");
    let cold = args.iter().any(|a| a == "--cold");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
        std::fs::create_dir_all(&folder).unwrap();
        if !postgres_only {
            let sqlite_url = format!("sqlite://{}/search-{rows}.db", folder.display());
            let sqlite = Db::connect(&sqlite_url).await.unwrap();
            sqlite.migrate().await.unwrap();
            store::rebuild_search_index_if_asked(&sqlite).await.unwrap();
            eprintln!("SQLite: {rows} initiatives");
            fill(&sqlite, rows).await;
            measure("SQLite", sqlite, sqlite_url, cold).await;
        }
        if sqlite_only {
            return;
        }
        let admin_url = std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let name = format!("ncz_bench_{rows}");
        let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
        let _ = sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await;
        admin.close().await;
        let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base);
        // The fill commits once per initiative: no need to wait for each commit's flush.
        let postgres_url = format!("{base}/{name}?options=-c%20synchronous_commit%3Doff");
        let postgres = Db::connect(&postgres_url).await.unwrap();
        postgres.migrate().await.unwrap();
        store::rebuild_search_index_if_asked(&postgres).await.unwrap();
        eprintln!("PostgreSQL: {rows} initiatives");
        fill(&postgres, rows).await;
        // PostgreSQL's autovacuum is off on these machines; on a live server it would have
        // vacuumed (visibility map, dead rows of the fill's updates) and analysed by now.
        newcityzens::with_pool!(&postgres, pool => sqlx::query("VACUUM ANALYZE").execute(pool).await.map(|_| ())).unwrap();
        measure("PostgreSQL", postgres, postgres_url, cold).await;
    });
}
