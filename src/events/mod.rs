//! The shakers' events: a local event (inspiration café, workshop, action day...) presents
//! initiatives from the database; people sign up until it is full, then join a waitlist that is
//! promoted in order when seats free up. Times are typed in the event's IANA zone, stored in UTC
//! with the zone, and shown in the zone (and in the reader's when it differs).
//!
//! This file holds what crosses the wire and the validation of what people type; it compiles
//! for the browser too. The checks that need the clock, the time-zone database or the database
//! are on the server (`api.rs`, `zones.rs`).
pub mod api;
#[cfg(feature = "ssr")]
pub mod attendees;
pub mod attendees_page;
#[cfg(feature = "ssr")]
pub mod calendars;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod download;
pub mod edit_page;
pub mod event_page;
pub mod guest;
#[cfg(feature = "ssr")]
pub mod ics;
pub mod labels;
pub mod list_page;
#[cfg(feature = "ssr")]
mod mails;
pub mod outcome;
#[cfg(feature = "ssr")]
pub mod reminders;
#[cfg(feature = "ssr")]
pub mod signups;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod zones;

use crate::error::{AppError, ErrorCode, FieldErrors};
use crate::initiatives::parse_language;
use crate::validation::{parse_line, parse_text, parse_url};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX_CHARS: usize = 120;
pub const DESCRIPTION_MAX_CHARS: usize = 10_000;
pub const ADDRESS_MAX_CHARS: usize = 300;
pub const ACCESSIBILITY_MAX_CHARS: usize = 2_000;
pub const ACCESS_NEEDS_MAX_CHARS: usize = 500;
pub const MAX_CO_ORGANISERS: usize = 5;
/// Initiatives an event may present (a deck for an evening).
pub const MAX_DECK: usize = 12;
pub const MAX_LANGUAGES: usize = 5;
/// The largest group one sign-up may bring, whatever the organiser allows.
pub const PARTY_SIZE_LIMIT: i64 = 20;
pub const MAX_CAPACITY: i64 = 100_000;
/// Reminders go this many hours before the start unless the organiser says otherwise.
pub const DEFAULT_REMINDER_HOURS: i64 = 24;
pub const MAX_REMINDER_HOURS: i64 = 24 * 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventId(pub i64);

impl EventId {
    /// "/events/42": the event's page.
    pub fn path(self) -> String {
        format!("/events/{}", self.0)
    }
}

/// What kind of gathering it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[default]
    InspirationCafe,
    CreativeWorkshop,
    ActionDay,
    ShakeWorkshop,
    Other,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::InspirationCafe,
        Format::CreativeWorkshop,
        Format::ActionDay,
        Format::ShakeWorkshop,
        Format::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::InspirationCafe => "inspiration_cafe",
            Format::CreativeWorkshop => "creative_workshop",
            Format::ActionDay => "action_day",
            Format::ShakeWorkshop => "shake_workshop",
            Format::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|format| format.as_str() == raw)
    }
}

/// Where a sign-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupStatus {
    /// A visitor's address is not confirmed yet: no seat held.
    Pending,
    Confirmed,
    Waitlisted,
    Cancelled,
    /// Taken off the list by an organiser, with a reason.
    Removed,
    /// Checked in on the day.
    Attended,
}

impl SignupStatus {
    pub const ALL: [SignupStatus; 6] = [
        SignupStatus::Pending,
        SignupStatus::Confirmed,
        SignupStatus::Waitlisted,
        SignupStatus::Cancelled,
        SignupStatus::Removed,
        SignupStatus::Attended,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SignupStatus::Pending => "pending",
            SignupStatus::Confirmed => "confirmed",
            SignupStatus::Waitlisted => "waitlisted",
            SignupStatus::Cancelled => "cancelled",
            SignupStatus::Removed => "removed",
            SignupStatus::Attended => "attended",
        }
    }

    pub fn parse(raw: &str) -> Option<SignupStatus> {
        SignupStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == raw)
    }

    /// The sign-up holds seats.
    pub fn holds_seats(self) -> bool {
        matches!(self, SignupStatus::Confirmed | SignupStatus::Attended)
    }

    /// The sign-up is going on (the person may not sign up again).
    pub fn is_active(self) -> bool {
        !matches!(self, SignupStatus::Cancelled | SignupStatus::Removed)
    }
}

/// The common needs a person can tick at sign-up (free text beside them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessNeed {
    WheelchairAccess,
    SignLanguage,
    HearingLoop,
    Childcare,
    QuietSpace,
}

impl AccessNeed {
    pub const ALL: [AccessNeed; 5] = [
        AccessNeed::WheelchairAccess,
        AccessNeed::SignLanguage,
        AccessNeed::HearingLoop,
        AccessNeed::Childcare,
        AccessNeed::QuietSpace,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccessNeed::WheelchairAccess => "wheelchair_access",
            AccessNeed::SignLanguage => "sign_language",
            AccessNeed::HearingLoop => "hearing_loop",
            AccessNeed::Childcare => "childcare",
            AccessNeed::QuietSpace => "quiet_space",
        }
    }

    pub fn parse(raw: &str) -> Option<AccessNeed> {
        AccessNeed::ALL
            .into_iter()
            .find(|need| need.as_str() == raw)
    }
}

/// A wall-clock date and time as typed in a `datetime-local` field ("2026-12-03T19:00"), in a
/// zone the form says elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WallClock {
    pub year: i16,
    pub month: i8,
    pub day: i8,
    pub hour: i8,
    pub minute: i8,
}

impl WallClock {
    pub fn parse(raw: &str) -> Result<WallClock, ErrorCode> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ErrorCode::Required);
        }
        let (date, time) = raw
            .split_once(['T', ' '])
            .ok_or(ErrorCode::InvalidDateTime)?;
        let mut date_parts = date.splitn(3, '-');
        let mut time_parts = time.splitn(3, ':');
        let next = |parts: &mut std::str::SplitN<'_, char>, digits: usize| {
            parts
                .next()
                .filter(|part| part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|part| part.parse::<i16>().ok())
        };
        let fields = (
            next(&mut date_parts, 4),
            next(&mut date_parts, 2),
            next(&mut date_parts, 2),
            next(&mut time_parts, 2),
            next(&mut time_parts, 2),
        );
        let (Some(year), Some(month), Some(day), Some(hour), Some(minute)) = fields else {
            return Err(ErrorCode::InvalidDateTime);
        };
        let valid = (2000..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (0..24).contains(&hour)
            && (0..60).contains(&minute);
        if !valid {
            return Err(ErrorCode::InvalidDateTime);
        }
        // Every value was checked to be within its small range above.
        let small = |value: i16| i8::try_from(value).unwrap_or_default();
        Ok(WallClock {
            year,
            month: small(month),
            day: small(day),
            hour: small(hour),
            minute: small(minute),
        })
    }

    /// The `datetime-local` value: "2026-12-03T19:00".
    pub fn to_field(self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

fn days_in_month(year: i16, month: i16) -> i16 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The event form as typed. Lists are typed one item a line (co-organisers' handles, the
/// initiatives of the deck as addresses or numbers), so that it works without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForm {
    /// Empty for a new event.
    #[serde(default)]
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub description: String,
    /// The language the title and description are written in.
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub starts: String,
    #[serde(default)]
    pub ends: String,
    /// IANA name; empty: the city's zone.
    #[serde(default)]
    pub timezone: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub online_url: String,
    /// Languages spoken at the event.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Empty: no limit.
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub max_party_size: String,
    /// Empty: sign-ups stay open until the start.
    #[serde(default)]
    pub signup_deadline: String,
    #[serde(default)]
    pub accessibility: String,
    #[serde(default)]
    pub co_organisers: String,
    #[serde(default)]
    pub initiatives: String,
    /// Hours before the start; 0: no reminder.
    #[serde(default)]
    pub reminder_hours: String,
    /// The New CITYzens Day the event is its city's part of (its number); empty: none.
    #[serde(default)]
    pub day: String,
}

/// An event form that passed validation. The city, zone, co-organisers and initiatives are still
/// as typed: the server resolves them.
#[derive(Debug, Clone, PartialEq)]
pub struct EventInput {
    pub id: Option<EventId>,
    pub title: String,
    pub format: Format,
    pub description: String,
    pub language: String,
    pub starts: WallClock,
    pub ends: WallClock,
    pub timezone: Option<String>,
    pub city: String,
    pub address: String,
    pub online_url: String,
    pub languages: Vec<String>,
    pub capacity: Option<i64>,
    pub max_party_size: i64,
    pub signup_deadline: Option<WallClock>,
    pub accessibility: String,
    pub co_organisers: Vec<String>,
    pub initiatives: Vec<i64>,
    pub reminder_hours: Option<i64>,
    pub day: Option<i64>,
}

fn parse_optional_int(
    raw: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<Option<i64>, ErrorCode> {
    match raw.trim() {
        "" => Ok(None),
        raw => match raw.parse::<i64>() {
            Ok(number) if range.contains(&number) => Ok(Some(number)),
            _ => Err(ErrorCode::InvalidNumber),
        },
    }
}

fn parse_capacity(raw: &str) -> Result<Option<i64>, ErrorCode> {
    parse_optional_int(raw, 1..=MAX_CAPACITY).map_err(|_| ErrorCode::InvalidCapacity)
}

fn parse_languages(raw: &[String]) -> Result<Vec<String>, ErrorCode> {
    let mut languages: Vec<String> = Vec::new();
    for raw in raw.iter().filter(|raw| !raw.trim().is_empty()) {
        let language = parse_language(raw)?;
        if !languages.contains(&language) {
            languages.push(language);
        }
    }
    if languages.is_empty() {
        Err(ErrorCode::Required)
    } else if languages.len() > MAX_LANGUAGES {
        Err(ErrorCode::TooMany)
    } else {
        Ok(languages)
    }
}

/// The initiatives of a deck, typed one a line as a number or an address ending in one
/// ("https://…/initiatives/42").
pub fn parse_deck(raw: &str) -> Result<Vec<i64>, ErrorCode> {
    let mut deck: Vec<i64> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let number = line
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .and_then(|last| last.split(['?', '#']).next())
            .and_then(|number| number.parse::<i64>().ok())
            .filter(|id| *id > 0)
            .ok_or(ErrorCode::UnknownInitiative)?;
        if !deck.contains(&number) {
            deck.push(number);
        }
    }
    if deck.len() > MAX_DECK {
        return Err(ErrorCode::TooMany);
    }
    Ok(deck)
}

/// Handles typed one a line, with or without "@".
fn parse_handles(raw: &str) -> Result<Vec<String>, ErrorCode> {
    let handles: Vec<String> = raw
        .split(['\n', ','])
        .map(|handle| handle.trim().trim_start_matches('@').to_lowercase())
        .filter(|handle| !handle.is_empty())
        .fold(Vec::new(), |mut handles, handle| {
            if !handles.contains(&handle) {
                handles.push(handle);
            }
            handles
        });
    if handles.len() > MAX_CO_ORGANISERS {
        Err(ErrorCode::TooMany)
    } else if handles.iter().any(|handle| handle.chars().count() > 40) {
        Err(ErrorCode::UnknownMember)
    } else {
        Ok(handles)
    }
}

impl EventForm {
    /// Checks every field and reports all refusals at once. What needs the clock (a start in
    /// the past) or the zone database is checked on the server.
    pub fn parse(&self) -> Result<EventInput, AppError> {
        let mut errors = FieldErrors::default();
        let id = match self.id.trim() {
            "" => None,
            raw => Some(EventId(
                raw.parse::<i64>().map_err(|_| AppError::BadRequest)?,
            )),
        };
        let day = match self.day.trim() {
            "" => None,
            raw => Some(raw.parse::<i64>().map_err(|_| AppError::BadRequest)?),
        };
        let title = errors.check("title", parse_line(&self.title, TITLE_MAX_CHARS, true));
        let format = errors.check(
            "format",
            Format::parse(self.format.trim()).ok_or(ErrorCode::Required),
        );
        let description = errors.check(
            "description",
            parse_text(&self.description, DESCRIPTION_MAX_CHARS, false),
        );
        let language = errors.check("language", parse_language(&self.language));
        let starts = errors.check("starts", WallClock::parse(&self.starts));
        let ends = errors.check("ends", WallClock::parse(&self.ends));
        if let (Some(starts), Some(ends)) = (starts, ends) {
            if ends <= starts {
                errors.add("ends", ErrorCode::EndBeforeStart);
            }
        }
        let timezone = errors.check("timezone", parse_line(&self.timezone, 60, false));
        let city = errors.check("city", parse_line(&self.city, TITLE_MAX_CHARS, true));
        let address = errors.check(
            "address",
            parse_line(&self.address, ADDRESS_MAX_CHARS, false),
        );
        let online_url = errors.check(
            "online_url",
            match self.online_url.trim() {
                "" => Ok(String::new()),
                raw => parse_url(raw),
            },
        );
        if address.as_deref() == Some("") && online_url.as_deref() == Some("") {
            errors.add("address", ErrorCode::PlaceRequired);
        }
        let languages = errors.check("languages", parse_languages(&self.languages));
        let capacity = errors.check("capacity", parse_capacity(&self.capacity));
        let max_party_size = errors.check(
            "max_party_size",
            parse_optional_int(&self.max_party_size, 1..=PARTY_SIZE_LIMIT)
                .map(|size| size.unwrap_or(1)),
        );
        let signup_deadline = errors.check(
            "signup_deadline",
            match self.signup_deadline.trim() {
                "" => Ok(None),
                raw => WallClock::parse(raw).map(Some),
            },
        );
        if let (Some(Some(deadline)), Some(starts)) = (signup_deadline, starts) {
            if deadline > starts {
                errors.add("signup_deadline", ErrorCode::DeadlineAfterStart);
            }
        }
        let accessibility = errors.check(
            "accessibility",
            parse_text(&self.accessibility, ACCESSIBILITY_MAX_CHARS, false),
        );
        let co_organisers = errors.check("co_organisers", parse_handles(&self.co_organisers));
        let initiatives = errors.check("initiatives", parse_deck(&self.initiatives));
        let reminder_hours = errors.check(
            "reminder_hours",
            match self.reminder_hours.trim() {
                "" => Ok(Some(DEFAULT_REMINDER_HOURS)),
                raw => parse_optional_int(raw, 0..=MAX_REMINDER_HOURS)
                    .map(|hours| hours.filter(|hours| *hours > 0)),
            },
        );
        if !errors.is_empty() {
            // Fields that parsed may still be refused together (an end before the start).
            return Err(errors.into_error());
        }
        match (
            (title, format, description, language, starts, ends, timezone),
            (
                city,
                address,
                online_url,
                languages,
                capacity,
                max_party_size,
            ),
            (
                signup_deadline,
                accessibility,
                co_organisers,
                initiatives,
                reminder_hours,
            ),
        ) {
            (
                (
                    Some(title),
                    Some(format),
                    Some(description),
                    Some(language),
                    Some(starts),
                    Some(ends),
                    Some(timezone),
                ),
                (
                    Some(city),
                    Some(address),
                    Some(online_url),
                    Some(languages),
                    Some(capacity),
                    Some(max_party_size),
                ),
                (
                    Some(signup_deadline),
                    Some(accessibility),
                    Some(co_organisers),
                    Some(initiatives),
                    Some(reminder_hours),
                ),
            ) => Ok(EventInput {
                id,
                title,
                format,
                description,
                language,
                starts,
                ends,
                timezone: (!timezone.is_empty()).then_some(timezone),
                city,
                address,
                online_url,
                languages,
                capacity,
                max_party_size,
                signup_deadline,
                accessibility,
                co_organisers,
                initiatives,
                reminder_hours,
                day,
            }),
            _ => Err(errors.into_error()),
        }
    }
}

/// A sign-up as typed: how many people come, and what they need.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupForm {
    pub event: i64,
    #[serde(default)]
    pub party_size: String,
    #[serde(default)]
    pub access_flags: Vec<String>,
    #[serde(default)]
    pub access_needs: String,
}

/// A sign-up that passed validation (the party size is checked against the event's own
/// maximum on the server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignupInput {
    pub event: EventId,
    pub party_size: i64,
    pub access_flags: Vec<AccessNeed>,
    pub access_needs: String,
}

impl SignupForm {
    pub fn parse(&self) -> Result<SignupInput, AppError> {
        let mut errors = FieldErrors::default();
        let party_size = errors.check(
            "party_size",
            parse_optional_int(&self.party_size, 1..=PARTY_SIZE_LIMIT)
                .map(|size| size.unwrap_or(1))
                .map_err(|_| ErrorCode::PartyTooLarge),
        );
        let mut access_flags = Vec::new();
        for raw in &self.access_flags {
            match AccessNeed::parse(raw.trim()) {
                Some(need) if !access_flags.contains(&need) => access_flags.push(need),
                Some(_) => {}
                None => return Err(AppError::BadRequest),
            }
        }
        let access_needs = errors.check(
            "access_needs",
            parse_text(&self.access_needs, ACCESS_NEEDS_MAX_CHARS, false),
        );
        match (party_size, access_needs) {
            (Some(party_size), Some(access_needs)) => Ok(SignupInput {
                event: EventId(self.event),
                party_size,
                access_flags,
                access_needs,
            }),
            _ => Err(errors.into_error()),
        }
    }
}

/// A moment of an event: the instant (UTC) and the same instant on the clocks of a zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTime {
    /// RFC 3339, UTC.
    pub utc: String,
    /// RFC 3339 with the zone's offset: "2026-12-03T19:00:00+01:00".
    pub local: String,
    /// IANA name: "Europe/Paris".
    pub zone: String,
}

/// An event in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventCard {
    pub id: EventId,
    pub title: String,
    pub format: Format,
    pub starts: EventTime,
    pub ends: EventTime,
    /// "Lyon, France".
    pub city: String,
    pub online: bool,
    pub languages: Vec<String>,
    pub capacity: Option<i64>,
    pub seats_taken: i64,
    pub cancelled: bool,
    /// Kilometres from the city the reader asked about.
    pub distance_km: Option<f64>,
    /// How many came, once its organisers recorded the outcome.
    pub attendance: Option<i64>,
}

/// A person named on an event page (an organiser).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    /// `None` for a member who left.
    pub handle: Option<String>,
}

/// The reader's own sign-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySignup {
    pub id: i64,
    pub status: SignupStatus,
    pub code: String,
    pub party_size: i64,
    /// 1 for the first in line, while waitlisted.
    pub waitlist_position: Option<i64>,
}

/// An event's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    pub card: EventCard,
    pub description_html: String,
    pub language: String,
    pub address: String,
    pub online_url: String,
    pub latitude: f64,
    pub longitude: f64,
    pub max_party_size: i64,
    pub signup_deadline: Option<EventTime>,
    pub accessibility: String,
    pub organisers: Vec<Person>,
    /// The initiatives presented, in the deck's order.
    pub deck: Vec<crate::initiatives::InitiativeCard>,
    pub waitlisted: i64,
    /// The start and end on the reader's clocks, when their zone is not the event's.
    pub reader_times: Option<(EventTime, EventTime)>,
    /// Sign-ups are taken now (not cancelled, not started, deadline not passed).
    pub signups_open: bool,
    pub is_past: bool,
    pub has_begun: bool,
    /// The reader organises it (or moderates).
    pub can_manage: bool,
    pub my_signup: Option<MySignup>,
    /// schema.org `Event` JSON-LD, `<` escaped.
    pub structured_data: String,
    pub outcome: Option<outcome::Outcome>,
    /// The published initiatives started there (confirmed links).
    pub started_projects: Vec<crate::inspiration::LinkEnd>,
    /// The reader came (or organises) and the event has begun: they may say what they started.
    pub may_start_initiative: bool,
    /// The New CITYzens Day it is its city's part of: (id, name).
    #[serde(default)]
    pub day: Option<(i64, String)>,
}

/// What the events list asks for. Every filter is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventQuery {
    /// "Lyon, France": events there first, then the nearest.
    #[serde(default)]
    pub city: String,
    /// ISO code.
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub language: String,
    /// "2026-12-01"
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Past events (newest first) instead of upcoming ones.
    #[serde(default)]
    pub past: bool,
    #[serde(default)]
    pub page: i64,
}

pub const PAGE_SIZE: i64 = 20;

/// A sign-up as the organisers see it: with the person's needs and code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeRow {
    pub signup: i64,
    pub name: String,
    /// Only the organisers see it (to reach a guest, or the member outside the platform).
    pub email: String,
    /// `None` for a visitor without an account (or a member who left).
    pub handle: Option<String>,
    pub status: SignupStatus,
    pub party_size: i64,
    pub code: String,
    pub access_flags: Vec<AccessNeed>,
    pub access_needs: String,
    pub removal_reason: String,
    /// RFC 3339, UTC.
    pub signed_up_at: String,
}

/// The attendee list of an event, for its organisers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendeeList {
    pub event: EventCard,
    /// Confirmed and checked in first, then the waitlist in line order, then the rest.
    pub rows: Vec<AttendeeRow>,
    pub checked_in: i64,
}

pub const REMOVAL_REASON_MAX_CHARS: usize = 500;
pub const ANNOUNCEMENT_MAX_CHARS: usize = 5_000;

/// Checking someone in at the door, by the code they give.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInForm {
    pub event: i64,
    #[serde(default)]
    pub code: String,
}

/// Taking a sign-up off the list, saying why (the person is told).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovalForm {
    pub signup: i64,
    #[serde(default)]
    pub reason: String,
}

impl RemovalForm {
    pub fn parse_reason(&self) -> Result<String, AppError> {
        parse_text(&self.reason, REMOVAL_REASON_MAX_CHARS, true)
            .map_err(|code| AppError::field("reason", code))
    }
}

/// A message to everyone signed up (waitlist included).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementForm {
    pub event: i64,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
}

impl AnnouncementForm {
    pub fn parse(&self) -> Result<(String, String), AppError> {
        let mut errors = FieldErrors::default();
        let subject = errors.check("subject", parse_line(&self.subject, TITLE_MAX_CHARS, true));
        let body = errors.check("body", parse_text(&self.body, ANNOUNCEMENT_MAX_CHARS, true));
        match (subject, body) {
            (Some(subject), Some(body)) => Ok((subject, body)),
            _ => Err(errors.into_error()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventList {
    pub events: Vec<EventCard>,
    pub has_more: bool,
    /// The city the list is sorted around, when one was given and known.
    pub near: Option<String>,
    /// Its id (for its calendar feed).
    pub near_city: Option<i64>,
}

#[cfg(test)]
mod tests;
