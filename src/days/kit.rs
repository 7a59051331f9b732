//! (ssr) A Day's kit turned into the description of a shaker's event: what to do, the
//! programme and what to bring, under headings in the kit's language; the shaker adapts it.
use super::form::DayTexts;
use crate::i18n::{td_string, Locale};

pub fn event_description(locale: Locale, texts: &DayTexts) -> String {
    let mut parts = vec![texts.what_to_do.clone()];
    let mut section = |heading: String, body: &str| {
        if !body.is_empty() {
            parts.push(format!("## {heading}\n\n{body}"));
        }
    };
    section(
        td_string!(locale, days.kit_programme).to_string(),
        &texts.programme,
    );
    section(
        td_string!(locale, days.kit_bring).to_string(),
        &texts.what_to_bring,
    );
    parts.join("\n\n")
}
