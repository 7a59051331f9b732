//! (ssr) Filling the term lists right after start with the terms that cost the index most.
//!
//! A short prefix ("bib", "ene", "mus") finds most initiatives, and PostgreSQL reads the row of
//! every initiative its GIN index returns: 30 to 40 ms for 70,000 ids at 100,000 initiatives,
//! however often it is asked, until the app holds the list. There are few such terms (the
//! index's vocabulary tells which), so the app asks for them once, in the background, when it
//! starts; the lists then follow the index's changes (`terms::TermLists::carry`).
use super::matches::{vocabulary, Field, Term};
use super::{held_or_fetched, SearchCache};
use crate::db::Db;
use crate::error::AppError;
use rustc_hash::FxHashMap as HashMap;

/// Below this many published initiatives the index answers every term quickly enough.
pub const WARM_UP_FROM: usize = 20_000;

/// A term is worth holding from the start when it finds at least this share of the published
/// initiatives (1 in 20).
const BROAD_SHARE: usize = 20;

/// At most this many terms, each with a list per field (under 16 KB each at 100,000
/// initiatives).
const MAX_WARM_TERMS: usize = 1_500;

/// Asks the index for the terms that find the most initiatives and keeps their lists, when at
/// least `from` initiatives are published (`WARM_UP_FROM`); returns how many terms it asked for.
/// Searches run meanwhile; a change of the index during the warm-up is carried like any other.
pub async fn warm_up(db: &Db, cache: &SearchCache, from: usize) -> Result<usize, AppError> {
    let published = cache.current(db).await?.published();
    if published < from.max(1) {
        return Ok(0);
    }
    let terms = broad_terms(vocabulary(db).await?, published / BROAD_SHARE);
    for term in &terms {
        // Relevance then looks for the term in titles, and in summaries when titles do not fill
        // the page (often when a facet leaves few matches).
        for field in [Field::Anywhere, Field::Titles, Field::Headlines] {
            let version = cache.current(db).await?.version();
            held_or_fetched(db, cache, version, field, std::slice::from_ref(term)).await?;
        }
    }
    Ok(terms.len())
}

/// The terms finding at least `at_least` initiatives according to `vocabulary` (word, number of
/// initiatives holding it), broadest first, at most `MAX_WARM_TERMS`: the words themselves (as a
/// search's earlier words) and every prefix (as its last word). A prefix is counted as the sum
/// of its words' counts, an upper bound: an initiative holding two of them is counted twice.
fn broad_terms(vocabulary: Vec<(String, i64)>, at_least: usize) -> Vec<Term> {
    let at_least = i64::try_from(at_least).unwrap_or(i64::MAX);
    let mut prefixes: HashMap<String, i64> = HashMap::default();
    let mut broad: Vec<(i64, Term)> = Vec::new();
    for (word, holders) in vocabulary {
        for (end, _) in word.char_indices().skip(1).chain([(word.len(), ' ')]) {
            *prefixes.entry(word[..end].to_owned()).or_default() += holders;
        }
        if holders >= at_least {
            broad.push((
                holders,
                Term {
                    word,
                    prefix: false,
                },
            ));
        }
    }
    broad.extend(
        prefixes
            .into_iter()
            .filter(|(_, holders)| *holders >= at_least)
            .map(|(word, holders)| (holders, Term { word, prefix: true })),
    );
    broad.sort_unstable_by(|(a_holders, a), (b_holders, b)| {
        (b_holders, &a.word, b.prefix).cmp(&(a_holders, &b.word, a.prefix))
    });
    broad
        .into_iter()
        .take(MAX_WARM_TERMS)
        .map(|(_, term)| term)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(word: &str, prefix: bool) -> Term {
        Term {
            word: word.to_owned(),
            prefix,
        }
    }

    #[test]
    fn broad_terms_are_the_words_and_prefixes_finding_enough_initiatives_broadest_first() {
        let vocabulary = vec![
            ("garden".to_owned(), 30),
            ("gardens".to_owned(), 20),
            ("game".to_owned(), 5),
            ("école".to_owned(), 40),
        ];
        let terms = broad_terms(vocabulary, 30);
        assert_eq!(
            terms,
            [
                term("g", true),
                term("ga", true),
                term("gar", true),
                term("gard", true),
                term("garde", true),
                term("garden", true),
                term("é", true),
                term("éc", true),
                term("éco", true),
                term("écol", true),
                term("école", true),
                term("école", false),
                term("garden", false),
            ]
        );
    }
}
