//! (ssr) Text helpers that several capabilities share: folding for search, safe Markdown.
pub mod fold;
pub mod markdown;
pub mod similarity;

/// JSON to put inside a `<script>` element (JSON-LD): `<`, `>` and `&` escaped, so that no text
/// a member typed can close the element.
pub fn script_json(data: &serde_json::Value) -> String {
    data.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
