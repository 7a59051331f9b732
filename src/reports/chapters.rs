//! A report's chapters: the key steps of "how it's done", each a time code, a short title and a
//! sentence ("03:12 Finding the first volunteers"). Time codes are read as people write them
//! and must rise through the video without passing its end. Compiles for the browser too.

/// Why a chapter's time code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChapterError {
    /// Not `ss`, `mm:ss` or `h:mm:ss`.
    InvalidTimeCode,
    /// At or after the end of the video.
    BeyondDuration,
    /// Not after the chapter before it.
    OutOfOrder,
}

/// "42", "3:12", "03:12", "1:02:03" as seconds. Minutes and seconds after the first part are
/// two digits below 60, as players show them.
pub fn parse_time_code(raw: &str) -> Result<u32, ChapterError> {
    seconds_of(raw.trim()).ok_or(ChapterError::InvalidTimeCode)
}

fn seconds_of(code: &str) -> Option<u32> {
    let number = |part: &str| -> Option<u32> {
        let digits =
            !part.is_empty() && part.len() <= 5 && part.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| part.parse().ok()).flatten()
    };
    let sexagesimal = |part: &str| number(part).filter(|value| part.len() == 2 && *value < 60);
    match code.split(':').collect::<Vec<_>>().as_slice() {
        [seconds] => number(seconds),
        [minutes, seconds] => Some(number(minutes)? * 60 + sexagesimal(seconds)?),
        [hours, minutes, seconds] => {
            Some(number(hours)? * 3600 + sexagesimal(minutes)? * 60 + sexagesimal(seconds)?)
        }
        _ => None,
    }
}

/// "3:12", "1:02:03": how a time code is shown.
pub fn format_time_code(seconds: u32) -> String {
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

/// Checks chapters' time codes (in the order written) against each other and the video's
/// `duration` in seconds: each error with the position of its chapter.
pub fn check_order(starts: &[u32], duration: u32) -> Vec<(usize, ChapterError)> {
    let mut errors = Vec::new();
    let mut previous: Option<u32> = None;
    for (position, &start) in starts.iter().enumerate() {
        if start >= duration {
            errors.push((position, ChapterError::BeyondDuration));
        } else if previous.is_some_and(|before| start <= before) {
            errors.push((position, ChapterError::OutOfOrder));
        }
        previous = Some(start);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_codes_are_read_as_people_write_them() {
        assert_eq!(parse_time_code("42"), Ok(42));
        assert_eq!(parse_time_code("3:12"), Ok(192));
        assert_eq!(parse_time_code(" 03:12 "), Ok(192));
        assert_eq!(parse_time_code("1:02:03"), Ok(3723));
        assert_eq!(parse_time_code("75:00"), Ok(4500));
        for bad in [
            "", "3:7", "3:60", "1:60:00", "-1", "3.12", "1:2:3:4", "a:bc", "3:1 2", "999999",
        ] {
            assert_eq!(
                parse_time_code(bad),
                Err(ChapterError::InvalidTimeCode),
                "{bad}"
            );
        }
    }

    #[test]
    fn time_codes_are_shown_as_players_show_them() {
        assert_eq!(format_time_code(192), "3:12");
        assert_eq!(format_time_code(5), "0:05");
        assert_eq!(format_time_code(3723), "1:02:03");
        for seconds in [0, 59, 60, 192, 3599, 3600, 3723, 86_399] {
            assert_eq!(parse_time_code(&format_time_code(seconds)), Ok(seconds));
        }
    }

    #[test]
    fn chapters_rise_through_the_video_and_stop_before_its_end() {
        assert!(check_order(&[0, 192, 600], 900).is_empty());
        assert_eq!(
            check_order(&[0, 600, 192, 192, 900, 1000], 900),
            vec![
                (2, ChapterError::OutOfOrder),
                (3, ChapterError::OutOfOrder),
                (4, ChapterError::BeyondDuration),
                (5, ChapterError::BeyondDuration),
            ]
        );
    }
}
