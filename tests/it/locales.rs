//! The shipped UI languages: every locale file holds exactly the English keys, with the same
//! interpolations, translated (not copied), and each language is served.
use crate::support::*;
use newcityzens::i18n::{I18nLocaleTrait as _, Locale};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn locale_files() -> BTreeMap<String, Value> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let code = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            (code, serde_json::from_str(&text).unwrap())
        })
        .collect()
}

/// Every string of a locale by its dotted key.
fn strings(value: &Value, prefix: &str, into: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                strings(value, &format!("{prefix}{key}."), into);
            }
        }
        Value::String(text) => {
            into.insert(prefix.trim_end_matches('.').to_owned(), text.clone());
        }
        other => panic!("{prefix}: {other} is not a string"),
    }
}

fn flat(value: &Value) -> BTreeMap<String, String> {
    let mut into = BTreeMap::new();
    strings(value, "", &mut into);
    into
}

/// The `{{ name }}` interpolations of a string.
fn interpolations(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .map(|(name, _)| name.trim().to_owned())
        .collect()
}

#[test]
fn every_locale_has_the_english_keys_and_interpolations_translated() {
    let files = locale_files();
    let english = flat(&files["en"]);
    for (code, file) in &files {
        let strings = flat(file);
        let keys: BTreeSet<&String> = strings.keys().collect();
        let expected: BTreeSet<&String> = english.keys().collect();
        let missing: Vec<_> = expected.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&expected).collect();
        assert!(missing.is_empty(), "{code} misses {missing:?}");
        assert!(extra.is_empty(), "{code} has keys English lacks: {extra:?}");
        for (key, text) in &strings {
            // A separator may be a space (French groups digits with a narrow no-break space).
            let blank = text.is_empty() || (text.trim().is_empty() && !key.ends_with("_separator"));
            assert!(!blank, "{code}: {key} is empty");
            assert_eq!(
                interpolations(text),
                interpolations(&english[key]),
                "{code}: {key} interpolates other values than English"
            );
        }
        if code != "en" {
            // The brand, names and shared words ("Photos", "Status") may stay as in English
            // (French shares 17 of 286); whole sections may not.
            let copied = strings.iter().filter(|(k, v)| english[*k] == **v).count();
            assert!(
                copied * 10 < strings.len(),
                "{code}: {copied} of {} strings are the English ones",
                strings.len()
            );
        }
    }
}

#[test]
fn every_locale_file_is_a_language_the_site_offers() {
    let offered: BTreeSet<String> = Locale::get_all()
        .iter()
        .map(|locale| locale.as_str().to_owned())
        .collect();
    let files: BTreeSet<String> = locale_files().into_keys().collect();
    assert_eq!(offered, files);
    for code in ["en", "fr", "es", "pt", "tr", "de"] {
        assert!(offered.contains(code), "{code} is not offered");
    }
}

#[tokio::test]
async fn each_language_is_served_to_the_browsers_that_ask_for_it() {
    let test_db = TestDb::sqlite().await;
    let mut client = Client::new(router_for(&test_db).await);
    for (code, file) in locale_files() {
        let page = client.get("/", Some(&format!("{code};q=0.9"))).await;
        assert!(
            page.body.contains(&format!("<html lang=\"{code}\"")),
            "{code}: {}",
            &page.body[..200.min(page.body.len())]
        );
        let title = file["home"]["title"].as_str().unwrap();
        assert!(page.body.contains(title), "{code}: no {title}");
        // A fresh client: the language cookie of one visit must not decide the next.
        client = Client::new(router_for(&test_db).await);
    }
    test_db.drop_database().await;
}

#[tokio::test]
async fn dates_are_written_the_way_each_language_writes_them() {
    let test_db = TestDb::sqlite().await;
    crate::initiatives::member(&test_db, "Ana", "198.51.100.1").await;
    let now = time::OffsetDateTime::now_utc();
    for (code, file) in locale_files() {
        let mut visitor = Client::new(router_for(&test_db).await);
        let page = visitor.get("/members/ana", Some(code.as_str())).await;
        let month = file["dates"][format!("month_{}", u8::from(now.month()))]
            .as_str()
            .unwrap();
        let since = file["dates"]["month_of_year"]
            .as_str()
            .unwrap()
            .replace("{{ month }}", month)
            .replace("{{ year }}", &now.year().to_string());
        assert!(page.body.contains(&since), "{code}: no {since}");
    }
    test_db.drop_database().await;
}
