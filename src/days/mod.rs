//! New CITYzens Days: on one date, shakers in many cities replicate one initiative. Admins
//! create a Day (a date, the featured initiative, an open call and a kit in several languages);
//! shakers join it by creating their city's event from the kit (`events.day_id`), which must
//! fall on the Day's date in the event's own zone; the Day's page gathers the cities, their
//! events and sign-ups, a countdown in each city's zone, and afterwards what each city recorded.
//!
//! This file holds what crosses the wire and the validation of what admins type; it compiles
//! for the browser too.
use crate::inspiration::LinkEnd;
use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod calendar;
pub mod day_page;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod edit_page;
#[cfg(feature = "ssr")]
pub mod form;
#[cfg(feature = "ssr")]
mod kit;
pub mod list_page;
#[cfg(feature = "ssr")]
pub mod store;

pub const NAME_MAX_CHARS: usize = 120;
pub const CALL_MAX_CHARS: usize = 2_000;
/// Each part of the kit (Markdown).
pub const KIT_MAX_CHARS: usize = 5_000;
/// The poster text: a few lines that fit an A4 page.
pub const POSTER_MAX_CHARS: usize = 600;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DayId(pub i64);

impl DayId {
    /// "/days/3": the Day's page.
    pub fn path(self) -> String {
        format!("/days/{}", self.0)
    }
}

/// A Day's name, open call and kit in one language, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayTextsForm {
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub call_text: String,
    #[serde(default)]
    pub what_to_do: String,
    #[serde(default)]
    pub what_to_bring: String,
    #[serde(default)]
    pub programme: String,
    #[serde(default)]
    pub poster: String,
}

/// The admins' Day form, as typed: the date, the featured initiative (its number or address),
/// whether the call is open, and the texts in the Day's first language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayForm {
    /// Empty for a new Day.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub initiative: String,
    /// "on" while shakers may join; a closed call keeps the Day's page and its events.
    #[serde(default)]
    pub call_open: Option<String>,
    #[serde(default)]
    pub texts: DayTextsForm,
}

/// Where a Day stands on the calendars of the world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayPhase {
    /// No city has reached the date yet.
    Coming,
    /// The date has begun somewhere and is not over everywhere.
    Running,
    /// The date is over in every city.
    Over,
}

/// A Day's texts as its page shows them (Markdown rendered safe).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DayTextsView {
    pub language: String,
    pub name: String,
    pub call_html: String,
    pub what_to_do_html: String,
    pub what_to_bring_html: String,
    pub programme_html: String,
    /// Plain lines: the poster is printed as typed.
    pub poster: String,
}

/// A city's events of the Day: sign-ups, and what they recorded afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayEvent {
    pub id: i64,
    pub title: String,
    /// People holding a seat (parties counted whole).
    pub signed_up: i64,
    pub capacity: Option<i64>,
    pub cancelled: bool,
    /// How many came, by the organisers' count, once recorded.
    pub attendance: Option<i64>,
    /// The ideas that came out of it (safe HTML), once recorded.
    pub ideas_html: String,
    /// Initiatives started there (confirmed links).
    pub started: Vec<LinkEnd>,
}

/// A city taking part, with its countdown in its own zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayCity {
    pub name: String,
    pub country: String,
    /// Days from the city's today to the Day (0: it is the Day there; negative: over).
    pub days_until: i64,
    pub events: Vec<DayEvent>,
}

/// The Day's totals, over events not cancelled.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayTotals {
    pub cities: i64,
    pub countries: i64,
    pub events: i64,
    pub signed_up: i64,
}

/// What the reader may do about joining a Day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Joining {
    /// The call is closed or the Day is over.
    Closed,
    /// Log in first.
    Visitor,
    /// A member without the shaker role: the page says how to take it.
    NotAShaker,
    /// A shaker: the button creates their city's event from the kit.
    Shaker,
}

/// Everything the Day's page shows (the totals and cities also refresh every minute).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayDetail {
    pub id: DayId,
    /// "2027-05-22".
    pub date: String,
    pub phase: DayPhase,
    pub call_open: bool,
    pub texts: DayTextsView,
    pub original_language: String,
    pub languages: Vec<String>,
    pub initiative: LinkEnd,
    pub progress: DayProgress,
    pub joining: Joining,
    /// Admins manage Days.
    pub can_manage: bool,
    pub tile_url: String,
    pub tile_attribution: String,
}

/// The part of the Day's page that moves: cities, their events and the totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DayProgress {
    pub cities: Vec<DayCity>,
    pub totals: DayTotals,
    /// The events as map points (JSON for public/map.js).
    pub points_json: String,
}

/// A Day in lists (the Days page, the home page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayCard {
    pub id: DayId,
    pub date: String,
    pub name: String,
    pub initiative: String,
    pub cities: i64,
    pub events: i64,
}

/// The Days page: those to come (soonest first) and those past (latest first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DayList {
    pub upcoming: Vec<DayCard>,
    pub past: Vec<DayCard>,
    pub can_manage: bool,
}

/// A Day's name and kit in another language, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayTranslationForm {
    pub day: i64,
    #[serde(default)]
    pub texts: DayTextsForm,
}

/// The form to translate a Day: its name in the original language, and the texts in the
/// language asked for (empty when there is no translation yet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayTranslationStart {
    pub id: DayId,
    pub name: String,
    pub original_language: String,
    pub texts: DayTextsForm,
}
