//! (ssr) A Day on the world's calendars: the same date begins first at UTC+14 (Kiribati) and
//! ends last at UTC−12, so it runs for 50 hours in all; each city counts down on its own clock.
use super::DayPhase;
use time::{Date, Duration, OffsetDateTime, UtcOffset};

/// The first zone to reach a date and the last to leave it.
const EARLIEST: i8 = 14;
const LATEST: i8 = -12;

fn midnight(date: Date, hours: i8) -> OffsetDateTime {
    let offset = UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC);
    date.midnight().assume_offset(offset)
}

pub fn phase(date: Date, now: OffsetDateTime) -> DayPhase {
    if now < midnight(date, EARLIEST) {
        DayPhase::Coming
    } else if now < midnight(date, LATEST) + Duration::days(1) {
        DayPhase::Running
    } else {
        DayPhase::Over
    }
}

/// The earliest date not over everywhere at `now`: Days from it on are still to come (a date
/// is over once it has ended at UTC−12, 36 hours after it began in UTC).
pub fn first_not_over(now: OffsetDateTime) -> Date {
    let last_over = (now - Duration::hours(36)).date();
    last_over.next_day().unwrap_or(last_over)
}

/// The date on the clocks of `zone` (UTC for an unknown zone, which cities never have).
pub fn today_in(zone: &str, now: OffsetDateTime) -> Date {
    let wall = crate::events::zones::wall_clock(now, zone);
    let month = time::Month::try_from(u8::try_from(wall.month).unwrap_or(1))
        .unwrap_or(time::Month::January);
    Date::from_calendar_date(
        i32::from(wall.year),
        month,
        u8::try_from(wall.day).unwrap_or(1),
    )
    .unwrap_or_else(|_| now.date())
}

/// Days from `zone`'s today to `date`: 0 on the Day there, negative once it is over there.
pub fn days_until(date: Date, zone: &str, now: OffsetDateTime) -> i64 {
    (date - today_in(zone, now)).whole_days()
}

/// Whether `at` falls on `date` on the clocks of `zone` (an event's city).
pub fn is_on(date: Date, at: OffsetDateTime, zone: &str) -> bool {
    today_in(zone, at) == date
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn a_day_runs_from_kiribati_to_baker_island() {
        let day = date!(2027 - 05 - 22);
        assert_eq!(
            phase(day, datetime!(2027-05-21 09:59 UTC)),
            DayPhase::Coming
        );
        assert_eq!(
            phase(day, datetime!(2027-05-21 10:00 UTC)),
            DayPhase::Running
        );
        assert_eq!(
            phase(day, datetime!(2027-05-23 11:59 UTC)),
            DayPhase::Running
        );
        assert_eq!(phase(day, datetime!(2027-05-23 12:00 UTC)), DayPhase::Over);
        // Listed as to come exactly while it is not over.
        assert_eq!(first_not_over(datetime!(2027-05-23 11:59 UTC)), day);
        assert_eq!(
            first_not_over(datetime!(2027-05-23 12:00 UTC)),
            day.next_day().unwrap()
        );
    }

    #[test]
    fn each_city_counts_down_on_its_own_clock() {
        let day = date!(2027 - 05 - 22);
        // 20:00 UTC on the 18th: already the 19th in Manila, still the 18th in Rio.
        let now = datetime!(2027-05-18 20:00 UTC);
        assert_eq!(days_until(day, "Asia/Manila", now), 3);
        assert_eq!(days_until(day, "America/Sao_Paulo", now), 4);
        let on_the_day = datetime!(2027-05-22 12:00 UTC);
        assert_eq!(days_until(day, "Europe/Paris", on_the_day), 0);
        assert_eq!(
            days_until(day, "Europe/Paris", datetime!(2027-05-23 12:00 UTC)),
            -1
        );
    }

    #[test]
    fn an_event_is_on_the_day_by_its_city_s_clocks() {
        let day = date!(2027 - 05 - 22);
        // 10:00 on the 22nd in Kiribati is still the 21st in Paris.
        let typed_in_kiribati = datetime!(2027-05-21 20:00 UTC);
        assert!(is_on(day, typed_in_kiribati, "Pacific/Kiritimati"));
        assert!(!is_on(day, typed_in_kiribati, "Europe/Paris"));
        assert!(is_on(day, datetime!(2027-05-22 21:59 UTC), "Europe/Paris"));
        assert!(!is_on(day, datetime!(2027-05-22 22:00 UTC), "Europe/Paris"));
    }
}
