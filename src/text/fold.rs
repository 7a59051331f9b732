//! Folding: the one way text becomes searchable. Both databases index and query folded text only,
//! so that SQLite's FTS5 and PostgreSQL's tsvector see the same words and return the same results
//! (their own tokenizers disagree on accents, ß, œ and the Turkish dotless i).
//!
//! Folded text is lower-case, without accents, with compatibility forms unified (ligatures,
//! full-width letters), and with every character that is not a letter or a digit turned into a
//! single space. A word is a run of letters and digits.
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// The longest word kept: longer runs are not words a person searches for (hashes, URLs).
pub const MAX_WORD_CHARS: usize = 64;
/// Words of a query beyond this are ignored, which keeps every query cheap.
pub const MAX_QUERY_WORDS: usize = 12;

/// Lower-case letters that Unicode decomposition leaves alone but that readers take for plain
/// letters ("strasse" finds "Straße").
fn spell_out(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'œ' => "oe",
        'æ' => "ae",
        'ı' => "i",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ł' => "l",
        'þ' => "th",
        'ħ' => "h",
        'ŧ' => "t",
        'ς' => "σ",
        _ => return None,
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_combining_mark(c)
}

/// Lower-cases, removes accents and separators: "L'Écologie à São Paulo!" -> "l ecologie a sao paulo".
pub fn fold(text: &str) -> String {
    words(text).join(" ")
}

/// The folded words of `text`, in order.
pub fn words(text: &str) -> Vec<String> {
    // Lower-casing the whole string first gets context right (Greek final sigma, "İ" -> "i̇"),
    // then compatibility decomposition separates accents from their letters.
    let mut folded = String::with_capacity(text.len());
    for c in text
        .to_lowercase()
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
    {
        match spell_out(c) {
            Some(replacement) => folded.push_str(replacement),
            None => folded.push(c),
        }
    }
    folded
        .split(|c: char| !is_word_char(c))
        .filter(|word| !word.is_empty() && word.chars().count() <= MAX_WORD_CHARS)
        .map(str::to_owned)
        .collect()
}

/// The words a person searched for: folded, at most `MAX_QUERY_WORDS`, duplicates removed.
/// Operator characters (quotes, `*`, `-`, `:`, parentheses) are separators like any punctuation,
/// and `NEAR`, `AND`, `OR` come out lower-case, so no query can reach the engines' syntax.
pub fn query_words(query: &str) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for word in words(query) {
        if !kept.contains(&word) {
            kept.push(word);
        }
        if kept.len() == MAX_QUERY_WORDS {
            break;
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_disappear() {
        assert_eq!(fold("L'Écologie à São Paulo!"), "l ecologie a sao paulo");
        assert_eq!(fold("ÉCOLOGIE"), "ecologie");
        assert_eq!(fold("Ação Açúcar"), "acao acucar");
        assert_eq!(fold("Mañana Córdoba"), "manana cordoba");
    }

    #[test]
    fn turkish_dotted_and_dotless_i_fold_to_i() {
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("ISTANBUL"), "istanbul");
        assert_eq!(fold("Kadıköy Şişli Gölcük"), "kadikoy sisli golcuk");
    }

    #[test]
    fn letters_decomposition_misses_are_spelled_out() {
        assert_eq!(fold("Straße STRASSE"), "strasse strasse");
        assert_eq!(fold("Œuvre cœur"), "oeuvre coeur");
        assert_eq!(fold("Æble"), "aeble");
        assert_eq!(fold("Øresund Łódź"), "oresund lodz");
    }

    #[test]
    fn compatibility_forms_are_unified() {
        assert_eq!(fold("ﬁn ＡＢＣ"), "fin abc");
    }

    #[test]
    fn punctuation_separates_words() {
        assert_eq!(
            fold("repair-café, (tool) library"),
            "repair cafe tool library"
        );
        assert_eq!(fold("  \n\t "), "");
    }

    #[test]
    fn other_scripts_are_kept() {
        assert_eq!(fold("Москва Αθήνα"), "москва αθηνα");
    }

    #[test]
    fn overlong_runs_are_not_words() {
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(fold(&format!("garden {long}")), "garden");
    }

    #[test]
    fn query_words_neutralise_engine_syntax() {
        assert_eq!(
            query_words(r#""jardin" NEAR(a b) -x* col:val OR"#),
            ["jardin", "near", "a", "b", "x", "col", "val", "or"]
        );
        assert_eq!(query_words("jardin JARDIN Jardín"), ["jardin"]);
        assert!(query_words("\"*-:()").is_empty());
        assert_eq!(query_words(&"w ".repeat(40)).len(), 1);
        let many: String = (0..40).map(|i| format!("w{i} ")).collect();
        assert_eq!(query_words(&many).len(), MAX_QUERY_WORDS);
    }
}
