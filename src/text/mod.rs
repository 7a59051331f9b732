//! (ssr) Text helpers that several capabilities share: folding for search, safe Markdown.
pub mod fold;
pub mod markdown;
pub mod similarity;
