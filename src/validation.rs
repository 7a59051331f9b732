//! Checks every form shares: trimmed text within a length, no invisible control characters, web
//! addresses that are really http(s). Compiles for the browser too.
use crate::error::ErrorCode;

pub const URL_MAX_CHARS: usize = 300;

fn has_control_characters(text: &str, allow_newlines: bool) -> bool {
    text.chars().any(|c| {
        let allowed = allow_newlines && matches!(c, '\n' | '\r' | '\t');
        c.is_control() && !allowed
    })
}

/// A trimmed single-line text of at most `max` characters (`required` refuses it empty).
pub fn parse_line(raw: &str, max: usize, required: bool) -> Result<String, ErrorCode> {
    let text = raw.trim();
    if required && text.is_empty() {
        Err(ErrorCode::Required)
    } else if text.chars().count() > max {
        Err(ErrorCode::TooLong)
    } else if has_control_characters(text, false) {
        Err(ErrorCode::ControlCharacters)
    } else {
        Ok(text.to_owned())
    }
}

/// A trimmed multi-line text (line breaks kept, as Markdown needs them).
pub fn parse_text(raw: &str, max: usize, required: bool) -> Result<String, ErrorCode> {
    let text = raw.trim().replace("\r\n", "\n");
    if required && text.is_empty() {
        Err(ErrorCode::Required)
    } else if text.chars().count() > max {
        Err(ErrorCode::TooLong)
    } else if has_control_characters(&text, true) {
        Err(ErrorCode::ControlCharacters)
    } else {
        Ok(text)
    }
}

/// An http(s) address with a host; anything else (javascript:, data:, relative) is refused.
pub fn parse_url(raw: &str) -> Result<String, ErrorCode> {
    let url = parse_line(raw, URL_MAX_CHARS, true)?;
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(ErrorCode::InvalidUrl)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let valid_host = host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '@'));
    if !valid_host || url.chars().any(char::is_whitespace) {
        return Err(ErrorCode::InvalidUrl);
    }
    Ok(url)
}

/// A date as a `date` field sends it: "2026-05-14".
#[cfg(feature = "ssr")]
pub fn parse_date(raw: &str) -> Result<time::Date, ErrorCode> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ErrorCode::Required);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(raw, &format).map_err(|_| ErrorCode::InvalidDate)
}

/// A date as a `date` field shows it: "2026-05-14".
#[cfg(feature = "ssr")]
pub fn date_field(date: time::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}
