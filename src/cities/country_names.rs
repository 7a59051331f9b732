//! (ssr) Country names in the site's languages, from the Unicode CLDR
//! (gazetteer/country_names.tsv, written by scripts/gazetteer/country_names.py). About 250 fixed
//! names: built into the binary rather than imported, so every database has them at once.
use std::collections::HashMap;
use std::sync::LazyLock;

/// The file's columns after the country code.
const LANGUAGES: [&str; 6] = ["en", "fr", "es", "pt", "de", "tr"];

type Names = [&'static str; LANGUAGES.len()];

static NAMES: LazyLock<HashMap<&'static str, Names>> =
    LazyLock::new(|| parse(include_str!("../../gazetteer/country_names.tsv")));

fn parse(text: &'static str) -> HashMap<&'static str, Names> {
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let code = fields.next()?;
            let names: Vec<&str> = fields.collect();
            Some((code, Names::try_from(names).ok()?))
        })
        .collect()
}

/// The name of the country `code` in `language`; English when the site does not ship
/// `language`; None for a code the gazetteer does not know.
pub fn country_name(code: &str, language: &str) -> Option<&'static str> {
    let names = NAMES.get(code)?;
    let column = LANGUAGES.iter().position(|l| *l == language).unwrap_or(0);
    names.get(column).copied()
}

/// Every name of the country `code`, in all the site's languages: a person may type any of them.
pub fn all_names(code: &str) -> impl Iterator<Item = &'static str> {
    NAMES.get(code).into_iter().flatten().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_of_the_gazetteer_has_a_name_in_every_language() {
        let countries = include_str!("../../gazetteer/countries.tsv");
        for line in countries.lines() {
            let code = line.split('\t').next().unwrap_or_default();
            for language in LANGUAGES {
                let name = country_name(code, language);
                assert!(name.is_some_and(|n| !n.is_empty()), "{code} in {language}");
            }
        }
        assert_eq!(NAMES.len(), countries.lines().count());
    }

    #[test]
    fn names_follow_the_reader() {
        assert_eq!(country_name("DE", "fr"), Some("Allemagne"));
        assert_eq!(country_name("DE", "tr"), Some("Almanya"));
        assert_eq!(country_name("US", "es"), Some("Estados Unidos"));
        assert_eq!(country_name("DE", "it"), Some("Germany"));
        assert_eq!(country_name("ZZ", "fr"), None);
        assert!(all_names("BR").any(|name| name == "Brésil"));
    }
}
