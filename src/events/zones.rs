//! (ssr) Event times between the zone they are typed and shown in and the UTC they are stored
//! in, through the IANA time-zone database bundled with jiff. The rest of the server keeps
//! `time::OffsetDateTime` (what sqlx stores); the two meet at Unix seconds.
use super::{EventTime, WallClock};
use crate::error::ErrorCode;
use jiff::{civil::DateTime, tz::TimeZone, Timestamp};
use time::OffsetDateTime;

/// The zone of an IANA name ("Europe/Paris"); `UnknownTimezone` for anything else.
pub fn zone(name: &str) -> Result<TimeZone, ErrorCode> {
    // "UTC" and the like are in the database too; a fixed offset ("+02:00") is not a place.
    if name.is_empty() || name.starts_with(['+', '-']) {
        return Err(ErrorCode::UnknownTimezone);
    }
    TimeZone::get(name).map_err(|_| ErrorCode::UnknownTimezone)
}

/// The instant a wall-clock time means in `zone`. A time skipped by a clock change (02:30 on a
/// spring-forward night) is read as the clocks would show it after the change, the way
/// calendar apps do.
pub fn to_utc(wall: WallClock, zone: &TimeZone) -> Result<OffsetDateTime, ErrorCode> {
    let civil = DateTime::new(
        wall.year,
        wall.month,
        wall.day,
        wall.hour,
        wall.minute,
        0,
        0,
    )
    .map_err(|_| ErrorCode::InvalidDateTime)?;
    let zoned = civil
        .to_zoned(zone.clone())
        .map_err(|_| ErrorCode::InvalidDateTime)?;
    OffsetDateTime::from_unix_timestamp(zoned.timestamp().as_second())
        .map_err(|_| ErrorCode::InvalidDateTime)
}

fn zoned(at: OffsetDateTime, zone_name: &str) -> jiff::Zoned {
    let zone = zone(zone_name).unwrap_or(TimeZone::UTC);
    Timestamp::from_second(at.unix_timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(zone)
}

/// `at` on the clocks of `zone_name` (UTC when the name is unknown, which the form prevents).
pub fn event_time(at: OffsetDateTime, zone_name: &str) -> EventTime {
    let local = zoned(at, zone_name);
    EventTime {
        utc: crate::db::rfc3339(at),
        local: local.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        zone: zone_name.to_owned(),
    }
}

/// `at` as the `datetime-local` field of the edit form shows it in `zone_name`.
pub fn wall_clock(at: OffsetDateTime, zone_name: &str) -> WallClock {
    let local = zoned(at, zone_name).datetime();
    WallClock {
        year: local.year(),
        month: local.month(),
        day: local.day(),
        hour: local.hour(),
        minute: local.minute(),
    }
}

/// The two moments on the clocks of the reader's zone, when it is a different one and the
/// clocks there show something else.
pub fn for_reader(
    starts: OffsetDateTime,
    ends: OffsetDateTime,
    event_zone: &str,
    reader_zone: Option<&str>,
) -> Option<(EventTime, EventTime)> {
    let reader_zone = reader_zone.filter(|reader| *reader != event_zone && zone(reader).is_ok())?;
    let (start_there, start_here) = (
        event_time(starts, event_zone),
        event_time(starts, reader_zone),
    );
    // Two names for the same clocks (Europe/Paris and Europe/Berlin): nothing to add.
    (start_there.local != start_here.local).then(|| (start_here, event_time(ends, reader_zone)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(raw: &str) -> WallClock {
        WallClock::parse(raw).unwrap()
    }

    #[test]
    fn an_evening_in_paris_is_stored_in_utc_and_shown_back_in_paris() {
        let paris = zone("Europe/Paris").unwrap();
        let at = to_utc(wall("2026-12-03T19:00"), &paris).unwrap();
        assert_eq!(crate::db::rfc3339(at), "2026-12-03T18:00:00Z");
        let shown = event_time(at, "Europe/Paris");
        assert_eq!(shown.local, "2026-12-03T19:00:00+01:00");
        assert_eq!(wall_clock(at, "Europe/Paris"), wall("2026-12-03T19:00"));
    }

    #[test]
    fn summer_time_changes_the_offset() {
        let at = to_utc(wall("2027-07-01T19:00"), &zone("Europe/Paris").unwrap()).unwrap();
        assert_eq!(crate::db::rfc3339(at), "2027-07-01T17:00:00Z");
        let sao_paulo = event_time(at, "America/Sao_Paulo");
        assert_eq!(sao_paulo.local, "2027-07-01T14:00:00-03:00");
    }

    #[test]
    fn a_time_skipped_by_the_clock_change_is_read_after_it() {
        let paris = zone("Europe/Paris").unwrap();
        let at = to_utc(wall("2027-03-28T02:30"), &paris).unwrap();
        assert_eq!(
            event_time(at, "Europe/Paris").local,
            "2027-03-28T03:30:00+02:00"
        );
    }

    #[test]
    fn unknown_zones_and_bare_offsets_are_refused() {
        assert_eq!(
            zone("Mars/Olympus_Mons").err(),
            Some(ErrorCode::UnknownTimezone)
        );
        assert_eq!(zone("+02:00").err(), Some(ErrorCode::UnknownTimezone));
        assert_eq!(zone("").err(), Some(ErrorCode::UnknownTimezone));
    }

    #[test]
    fn the_reader_sees_their_clocks_only_when_they_differ() {
        let paris = zone("Europe/Paris").unwrap();
        let starts = to_utc(wall("2026-12-03T19:00"), &paris).unwrap();
        let ends = to_utc(wall("2026-12-03T21:00"), &paris).unwrap();
        assert_eq!(
            for_reader(starts, ends, "Europe/Paris", Some("Europe/Berlin")),
            None
        );
        assert_eq!(for_reader(starts, ends, "Europe/Paris", None), None);
        let (start, end) =
            for_reader(starts, ends, "Europe/Paris", Some("America/Montreal")).unwrap();
        assert_eq!(start.local, "2026-12-03T13:00:00-05:00");
        assert_eq!(end.local, "2026-12-03T15:00:00-05:00");
    }
}
