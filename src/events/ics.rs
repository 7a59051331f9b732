//! (ssr) iCalendar files (RFC 5545): one event, or a feed of several. Times are written on the
//! clocks of the event's zone (`DTSTART;TZID=Europe/Paris:...`) with the VTIMEZONE that
//! defines them, built from the zone database: the observances in force from a little before
//! the first event to the end of the last, so that calendar apps show the right hour whatever
//! their own zone. Text is escaped and lines folded at 75 octets, as the RFC asks.
use jiff::{tz::TimeZone, Timestamp};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// One event as a calendar app gets it.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarEvent {
    /// Stable across edits: "event-42@newcityzens.org".
    pub uid: String,
    pub title: String,
    pub description: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub timezone: String,
    /// Address and city, or the online link.
    pub location: String,
    pub latitude: f64,
    pub longitude: f64,
    pub url: String,
    pub organiser_name: String,
    /// A URI for the organiser (their page): never their address.
    pub organiser_uri: String,
    pub cancelled: bool,
    pub updated_at: OffsetDateTime,
}

/// Text as a TEXT value: backslash, semicolon, comma and line breaks escaped.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// A parameter value ("CN=..."), quoted; a quote cannot appear inside one, so it is dropped.
fn param(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

/// Appends `line` folded at 75 octets (never inside a UTF-8 character), ended by CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
}

fn utc_stamp(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

fn timestamp(at: OffsetDateTime) -> Timestamp {
    Timestamp::from_second(at.unix_timestamp()).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// "20261203T190000": `at` on the clocks of `zone`.
fn local_stamp(at: Timestamp, zone: &TimeZone) -> String {
    zone.to_datetime(at).strftime("%Y%m%dT%H%M%S").to_string()
}

/// "+0100".
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

/// The VTIMEZONE of `name`, with the observances in force between `from` and `to`.
fn vtimezone(out: &mut String, name: &str, from: Timestamp, to: Timestamp) {
    let Ok(zone) = TimeZone::get(name) else {
        return;
    };
    push_line(out, "BEGIN:VTIMEZONE");
    push_line(out, &format!("TZID:{name}"));
    // The transition that set the clocks in force at `from`, then those up to `to`.
    let first = zone
        .preceding(from + jiff::SignedDuration::from_secs(1))
        .next();
    let later = zone
        .following(from)
        .take_while(|transition| transition.timestamp() <= to);
    let mut any = false;
    for transition in first.into_iter().chain(later) {
        let onset = transition.timestamp();
        let before = zone
            .to_offset(onset - jiff::SignedDuration::from_secs(1))
            .seconds();
        let after = transition.offset().seconds();
        let kind = if transition.dst().is_dst() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        let local_onset = jiff::tz::Offset::from_seconds(before)
            .map(|offset| {
                offset
                    .to_datetime(onset)
                    .strftime("%Y%m%dT%H%M%S")
                    .to_string()
            })
            .unwrap_or_else(|_| "19700101T000000".to_owned());
        push_line(out, &format!("BEGIN:{kind}"));
        push_line(out, &format!("DTSTART:{local_onset}"));
        push_line(out, &format!("TZOFFSETFROM:{}", offset_text(before)));
        push_line(out, &format!("TZOFFSETTO:{}", offset_text(after)));
        push_line(
            out,
            &format!("TZNAME:{}", escape(transition.abbreviation())),
        );
        push_line(out, &format!("END:{kind}"));
        any = true;
    }
    if !any {
        // A zone that never changed its clocks (or UTC itself).
        let offset = offset_text(zone.to_offset(from).seconds());
        push_line(out, "BEGIN:STANDARD");
        push_line(out, "DTSTART:19700101T000000");
        push_line(out, &format!("TZOFFSETFROM:{offset}"));
        push_line(out, &format!("TZOFFSETTO:{offset}"));
        push_line(out, "END:STANDARD");
    }
    push_line(out, "END:VTIMEZONE");
}

fn vevent(out: &mut String, event: &CalendarEvent, now: OffsetDateTime) {
    let zone = TimeZone::get(&event.timezone).unwrap_or(TimeZone::UTC);
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{}", escape(&event.uid)));
    push_line(out, &format!("DTSTAMP:{}", utc_stamp(now)));
    push_line(
        out,
        &format!("LAST-MODIFIED:{}", utc_stamp(event.updated_at)),
    );
    let tzid = escape(&event.timezone);
    push_line(
        out,
        &format!(
            "DTSTART;TZID={tzid}:{}",
            local_stamp(timestamp(event.starts_at), &zone)
        ),
    );
    push_line(
        out,
        &format!(
            "DTEND;TZID={tzid}:{}",
            local_stamp(timestamp(event.ends_at), &zone)
        ),
    );
    push_line(out, &format!("SUMMARY:{}", escape(&event.title)));
    if !event.description.is_empty() {
        push_line(out, &format!("DESCRIPTION:{}", escape(&event.description)));
    }
    if !event.location.is_empty() {
        push_line(out, &format!("LOCATION:{}", escape(&event.location)));
    }
    push_line(
        out,
        &format!("GEO:{:.6};{:.6}", event.latitude, event.longitude),
    );
    push_line(out, &format!("URL:{}", event.url));
    push_line(
        out,
        &format!(
            "ORGANIZER;CN={}:{}",
            param(&event.organiser_name),
            event.organiser_uri
        ),
    );
    push_line(
        out,
        if event.cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        },
    );
    push_line(out, "END:VEVENT");
}

/// A calendar of `events` named `name` (a feed), or of one event.
pub fn calendar(name: &str, events: &[CalendarEvent], now: OffsetDateTime) -> String {
    let mut out = String::new();
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(&mut out, "PRODID:-//New CITYzens//Events//EN");
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, "METHOD:PUBLISH");
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    // One VTIMEZONE per zone, covering all of its events.
    let mut spans: BTreeMap<&str, (Timestamp, Timestamp)> = BTreeMap::new();
    for event in events {
        let (starts, ends) = (timestamp(event.starts_at), timestamp(event.ends_at));
        spans
            .entry(event.timezone.as_str())
            .and_modify(|span| *span = (span.0.min(starts), span.1.max(ends)))
            .or_insert((starts, ends));
    }
    for (zone, (from, to)) in spans {
        vtimezone(&mut out, zone, from, to);
    }
    for event in events {
        vevent(&mut out, event, now);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("Café; bring a mug, please\\\nThanks"),
            "Café\\; bring a mug\\, please\\\\\\nThanks"
        );
        assert_eq!(param("Ana \"the\" Lima"), "\"Ana the Lima\"");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        push_line(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for line in out.split("\r\n").filter(|line| !line.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn offsets_are_written_with_their_sign() {
        assert_eq!(offset_text(3600), "+0100");
        assert_eq!(offset_text(-3 * 3600), "-0300");
        assert_eq!(offset_text(19_800), "+0530");
    }
}
