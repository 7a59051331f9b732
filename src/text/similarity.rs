//! Trigram similarity, as PostgreSQL's pg_trgm defines it, computed here so that both databases
//! flag the same possible duplicates: each folded word is padded with two spaces before and one
//! after, cut into three-letter pieces, and two texts compare by shared pieces over all pieces.
use super::fold::words;
use std::collections::BTreeSet;

fn trigrams(text: &str) -> BTreeSet<Vec<char>> {
    let mut pieces = BTreeSet::new();
    for word in words(text) {
        let padded: Vec<char> = "  "
            .chars()
            .chain(word.chars())
            .chain(" ".chars())
            .collect();
        for window in padded.windows(3) {
            pieces.insert(window.to_vec());
        }
    }
    pieces
}

/// From 0 (nothing shared) to 1 (the same words, whatever their case and accents).
pub fn trigram_similarity(a: &str, b: &str) -> f64 {
    let (left, right) = (trigrams(a), trigrams(b));
    let union = left.union(&right).count();
    if union == 0 {
        return 0.0;
    }
    left.intersection(&right).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::trigram_similarity;

    /// Pairs a spotter would call the same initiative, and pairs they would not.
    #[test]
    fn similar_titles_score_at_least_one_half() {
        for (a, b) in [
            ("Repair Café Belleville", "repair cafe belleville"),
            ("Repair Café de Belleville", "Repair Café Belleville"),
            ("Jardin partagé des Lilas", "Jardin partage Lilas"),
            (
                "Incredible Edible Todmorden",
                "Incredible Edibles Todmorden",
            ),
            ("Bicicletada do Rio", "Bicicletada Rio"),
            ("Straßenfest Köln", "Strassenfest Koln"),
        ] {
            let score = trigram_similarity(a, b);
            assert!(score >= 0.5, "{a} / {b}: {score}");
        }
    }

    #[test]
    fn different_titles_score_below_one_half() {
        for (a, b) in [
            ("Repair Café Belleville", "Tool library Belleville"),
            ("Jardin partagé des Lilas", "Frigo solidaire des Lilas"),
            ("Bicicletada do Rio", "Horta comunitária"),
            ("", "Anything"),
        ] {
            let score = trigram_similarity(a, b);
            assert!(score < 0.5, "{a} / {b}: {score}");
        }
    }

    #[test]
    fn matches_pg_trgm_on_a_known_value() {
        // SELECT similarity('word', 'two words') = 0.36363637 in PostgreSQL.
        assert!((trigram_similarity("word", "two words") - 4.0 / 11.0).abs() < 1e-9);
    }
}
