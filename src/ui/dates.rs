//! Dates, times and counts in the reader's language ("28 novembre 2026", "28. November 2026",
//! "1 234"). The words and patterns come from locales/ (`dates.*`, `numbers.*`); times are the
//! server's UTC, said so, because the server renders them before knowing the reader's zone and
//! the browser must render the same text when it hydrates.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The parts of an RFC 3339 time the server wrote ("2026-11-28T14:05:09Z"), or of a day
/// ("2026-11-28") or a month ("2026-11").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    year: u32,
    month: u32,
    day: Option<u32>,
    /// Hours and minutes.
    time: Option<(u32, u32)>,
}

fn parse(at: &str) -> Option<Parts> {
    let number = |range: std::ops::Range<usize>| at.get(range)?.parse::<u32>().ok();
    let month = number(5..7).filter(|month| (1..=12).contains(month))?;
    Some(Parts {
        year: number(0..4)?,
        month,
        day: number(8..10),
        time: number(11..13).zip(number(14..16)),
    })
}

fn month_name(locale: Locale, month: u32) -> String {
    match month {
        1 => td_string!(locale, dates.month_1),
        2 => td_string!(locale, dates.month_2),
        3 => td_string!(locale, dates.month_3),
        4 => td_string!(locale, dates.month_4),
        5 => td_string!(locale, dates.month_5),
        6 => td_string!(locale, dates.month_6),
        7 => td_string!(locale, dates.month_7),
        8 => td_string!(locale, dates.month_8),
        9 => td_string!(locale, dates.month_9),
        10 => td_string!(locale, dates.month_10),
        11 => td_string!(locale, dates.month_11),
        _ => td_string!(locale, dates.month_12),
    }
    .to_string()
}

/// "28 November 2026", or "November 2026" for a month; `at` as it came when unreadable.
pub fn format_date(i18n: I18nContext<Locale>, at: &str) -> String {
    date_in(i18n.get_locale(), at)
}

/// `format_date` for a known language (a mail, written away from any page).
pub fn date_in(locale: Locale, at: &str) -> String {
    let Some(parts) = parse(at) else {
        return at.to_owned();
    };
    let (month, year) = (month_name(locale, parts.month), parts.year);
    match parts.day {
        Some(day) => td_string!(locale, dates.day, day, month, year).to_string(),
        None => td_string!(locale, dates.month_of_year, month, year).to_string(),
    }
}

/// "28 November 2026, 14:05 UTC".
pub fn format_date_time(i18n: I18nContext<Locale>, at: &str) -> String {
    let locale = i18n.get_locale();
    let date = date_in(locale, at);
    match clock(at) {
        Some(time) => td_string!(locale, dates.date_time, date, time).to_string(),
        None => date,
    }
}

/// "19:05" of a time the server wrote.
fn clock(at: &str) -> Option<String> {
    parse(at)
        .and_then(|parts| parts.time)
        .map(|(hours, minutes)| format!("{hours:02}:{minutes:02}"))
}

/// "3 December 2026, 19:00–21:00 (Europe/Paris)": a span on the clocks of `zone`, `starts` and
/// `ends` written with that zone's offset. A span over several days names both days.
pub fn span_in(locale: Locale, starts: &str, ends: &str, zone: &str) -> String {
    let (Some(start), Some(end)) = (clock(starts), clock(ends)) else {
        return format!("{starts} – {ends}");
    };
    let date = date_in(locale, starts);
    let zone = zone.replace('_', " ");
    if starts.get(0..10) == ends.get(0..10) {
        td_string!(locale, dates.span_one_day, date, start, end, zone).to_string()
    } else {
        let end_date = date_in(locale, ends);
        td_string!(locale, dates.span_days, date, start, end_date, end, zone).to_string()
    }
}

/// "1,234" in English, "1 234" in French: digits grouped by three with the locale's separator.
pub fn format_count(i18n: I18nContext<Locale>, count: i64) -> String {
    group_digits(
        count,
        td_string!(i18n.get_locale(), numbers.thousands_separator),
    )
}

fn group_digits(count: i64, separator: &str) -> String {
    let digits = count.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    if count < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// A day (or a month) in the reader's language, machine-readable too.
#[component]
pub fn Date(#[prop(into)] at: String) -> impl IntoView {
    let i18n = use_i18n();
    let text = format_date(i18n, &at);
    view! { <time datetime=at>{text}</time> }
}

/// A moment, with its time (UTC), in the reader's language.
#[component]
pub fn DateTime(#[prop(into)] at: String) -> impl IntoView {
    let i18n = use_i18n();
    let text = format_date_time(i18n, &at);
    view! { <time datetime=at>{text}</time> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_of_a_server_time_a_day_and_a_month() {
        let full = parse("2026-11-28T14:05:09.123Z").unwrap();
        assert_eq!(
            (full.year, full.month, full.day, full.time),
            (2026, 11, Some(28), Some((14, 5)))
        );
        let day = parse("2026-02-03").unwrap();
        assert_eq!((day.day, day.time), (Some(3), None));
        let month = parse("2026-11").unwrap();
        assert_eq!((month.month, month.day), (11, None));
        assert_eq!(parse("2026-13-01"), None);
        assert_eq!(parse("yesterday"), None);
    }

    #[test]
    fn digits_are_grouped_by_three_from_the_right() {
        assert_eq!(group_digits(7, ","), "7");
        assert_eq!(group_digits(999, ","), "999");
        assert_eq!(group_digits(1000, "."), "1.000");
        assert_eq!(group_digits(1234567, "\u{202f}"), "1\u{202f}234\u{202f}567");
        assert_eq!(group_digits(-12345, ","), "-12,345");
    }
}
