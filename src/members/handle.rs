//! Handles: the `<handle>` of `/members/<handle>`. A handle is plain lower-case ASCII, so no
//! letter from another script can pass for a Latin one; beyond that, two handles that read alike
//! ("ana-lima", "ana_1ima", "analima") share one *key*, and the database keeps keys unique and
//! reserves the old ones of members who changed theirs.
use crate::error::ErrorCode;

pub const HANDLE_MIN_CHARS: usize = 3;
pub const HANDLE_MAX_CHARS: usize = 30;

/// Words a handle may not be, nor contain in its key: the site's own paths, and names that would
/// let a member pass for the team.
const RESERVED: [&str; 40] = [
    "about",
    "account",
    "accounts",
    "admin",
    "api",
    "contact",
    "days",
    "events",
    "favicon",
    "help",
    "home",
    "initiatives",
    "login",
    "logout",
    "map",
    "me",
    "media",
    "member",
    "members",
    "my",
    "new",
    "null",
    "pkg",
    "privacy",
    "profile",
    "report",
    "reports",
    "review",
    "root",
    "search",
    "security",
    "settings",
    "signup",
    "staff",
    "static",
    "support",
    "system",
    "team",
    "terms",
    "undefined",
];

/// Names refused anywhere inside a handle ("the-admin", "ncz-moderation", "newcityzens-paris").
const RESERVED_ANYWHERE: [&str; 4] = ["admin", "moderat", "newcityzens", "official"];

/// A handle as typed, checked and lower-cased: 3 to 30 of `a-z`, `0-9`, `-` and `_`, starting
/// with a letter, ending with a letter or digit, no two separators in a row.
pub fn parse_handle(raw: &str) -> Result<String, ErrorCode> {
    let handle = raw.trim().to_ascii_lowercase();
    if handle.is_empty() {
        return Err(ErrorCode::Required);
    }
    let length = handle.chars().count();
    if length > HANDLE_MAX_CHARS {
        return Err(ErrorCode::TooLong);
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || is_separator(c);
    let well_formed = length >= HANDLE_MIN_CHARS
        && handle.chars().all(allowed)
        && handle.starts_with(|c: char| c.is_ascii_lowercase())
        && !handle.ends_with(is_separator)
        && !handle.contains("--")
        && !handle.contains("__")
        && !handle.contains("-_")
        && !handle.contains("_-");
    if !well_formed {
        return Err(ErrorCode::InvalidHandle);
    }
    if is_reserved(&handle) {
        return Err(ErrorCode::HandleReserved);
    }
    Ok(handle)
}

fn is_separator(c: char) -> bool {
    c == '-' || c == '_'
}

/// What a handle reads as: separators dropped, and the characters people mistake for one another
/// made one ("0" and "o"; "1", "i" and "l"; "5" and "s"; "rn" and "m"; "vv" and "w").
pub fn handle_key(handle: &str) -> String {
    let mapped: String = handle
        .chars()
        .filter(|c| !is_separator(*c))
        .map(|c| match c.to_ascii_lowercase() {
            '0' => 'o',
            '1' | 'i' => 'l',
            '5' => 's',
            other => other,
        })
        .collect();
    mapped.replace("rn", "m").replace("vv", "w")
}

fn is_reserved(handle: &str) -> bool {
    let key = handle_key(handle);
    RESERVED.iter().any(|word| handle_key(word) == key)
        || RESERVED_ANYWHERE
            .iter()
            .any(|word| key.contains(&handle_key(word)))
}

/// Room left in a suggested handle for a "-1234" that tells namesakes apart.
pub const SUGGESTED_MAX_CHARS: usize = HANDLE_MAX_CHARS - 5;

/// A handle made from a display name already folded to plain words ("ana souza" ->
/// "ana-souza"), or `None` when nothing usable is left (a name in another script, say).
pub fn handle_from_words(words: &[String]) -> Option<String> {
    let mut handle = String::new();
    for word in words {
        let ascii: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if ascii.is_empty() {
            continue;
        }
        let separator = usize::from(!handle.is_empty());
        if handle.len() + separator + ascii.len() > SUGGESTED_MAX_CHARS {
            break;
        }
        if separator == 1 {
            handle.push('-');
        }
        handle.push_str(&ascii);
    }
    let handle = handle.trim_start_matches(|c: char| !c.is_ascii_lowercase());
    parse_handle(handle).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handle_is_lower_case_ascii_letters_digits_and_single_separators() {
        assert_eq!(parse_handle("  Ana-Lima ").as_deref(), Ok("ana-lima"));
        assert_eq!(parse_handle("jo_2024").as_deref(), Ok("jo_2024"));
        assert_eq!(parse_handle(""), Err(ErrorCode::Required));
        assert_eq!(parse_handle(&"a".repeat(31)), Err(ErrorCode::TooLong));
        for bad in [
            "ab", "2pac", "-ana", "ana-", "an--a", "an_-a", "ana lima", "ana.lima", "ana/lima",
            "ana%2f", "josé", "аna", // the first letter of the last one is Cyrillic
        ] {
            assert_eq!(parse_handle(bad), Err(ErrorCode::InvalidHandle), "{bad}");
        }
    }

    #[test]
    fn look_alikes_share_one_key() {
        let key = handle_key("ana-lima");
        for twin in [
            "analima",
            "ana_lima",
            "ana-1ima",
            "ana-iima",
            "AnaLima",
            "a-n-a-l-i-m-a",
        ] {
            assert_eq!(handle_key(twin), key, "{twin}");
        }
        assert_eq!(handle_key("mo0n"), handle_key("moon"));
        assert_eq!(handle_key("rnaria"), handle_key("maria"));
        assert_eq!(handle_key("vvalter"), handle_key("walter"));
        assert_eq!(handle_key("5ara"), handle_key("sara"));
        assert_ne!(handle_key("ana-lima"), handle_key("ana-lama"));
    }

    #[test]
    fn the_sites_words_and_the_teams_names_are_reserved_in_every_disguise() {
        for reserved in [
            "admin",
            "adm1n",
            "Admin",
            "a-d-m-i-n",
            "api",
            "members",
            "rnembers",
            "support",
            "the-admin",
            "paris-moderator",
            "newcityzens",
            "new_cityzens_team",
            "official-ncz",
        ] {
            assert_eq!(
                parse_handle(reserved),
                Err(ErrorCode::HandleReserved),
                "{reserved}"
            );
        }
        assert!(parse_handle("madmax").is_ok(), "no reserved word inside");
        assert!(parse_handle("membership-fan").is_ok());
    }

    #[test]
    fn a_display_name_suggests_a_handle_when_it_can() {
        let words =
            |text: &str| -> Vec<String> { text.split(' ').map(str::to_owned).collect::<Vec<_>>() };
        assert_eq!(
            handle_from_words(&words("ana souza")).as_deref(),
            Some("ana-souza")
        );
        assert_eq!(
            handle_from_words(&words("2 cool jo")).as_deref(),
            Some("cool-jo")
        );
        assert_eq!(handle_from_words(&words("李 明")), None);
        assert_eq!(handle_from_words(&words("admin")), None);
        assert!(
            parse_handle("citizen").is_ok(),
            "the fallback is a handle anyone may have"
        );
        let long = handle_from_words(&words("maria da conceicao aparecida dos santos oliveira"))
            .expect("long names are cut between words");
        assert!(long.len() <= SUGGESTED_MAX_CHARS, "{long}");
        assert_eq!(long, "maria-da-conceicao");
    }
}
