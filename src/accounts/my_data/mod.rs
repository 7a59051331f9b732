//! "Download my data": everything the platform keeps about a member, as a JSON file
//! (`/my/data.json`) and as a page to read (`/my/data`). It compiles for the browser too: the
//! page shows what the server function returns.
pub mod api;
#[cfg(feature = "ssr")]
pub mod download;
pub mod page;
#[cfg(feature = "ssr")]
pub mod store;

use crate::initiatives::InitiativeSummary;

/// The file's address (served by `download`, linked from the pages).
pub const DOWNLOAD_PATH: &str = "/my/data.json";
use crate::members::{ProfileText, SpokenLanguage};
use serde::{Deserialize, Serialize};

/// What a member gets of their own data. Times are RFC 3339, UTC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalData {
    pub exported_at: String,
    pub account: AccountData,
    pub profile: ProfileData,
    /// Initiatives they spotted, whatever their status.
    pub spotted_initiatives: Vec<InitiativeSummary>,
    /// Founders of initiatives they are linked to (or asked to be).
    pub founder_of: Vec<FounderData>,
    /// The cities they joined or moved to, which their city's shakers were told of.
    pub arrivals: Vec<ArrivalData>,
    /// The messages they wrote to other members.
    pub messages_sent: Vec<SentMessageData>,
    /// Their sign-ups to events, with what they said they need.
    pub event_signups: Vec<SignupData>,
    /// Events they organise or co-organise.
    pub events_organised: Vec<OrganisedEventData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupData {
    pub event_id: i64,
    pub event_title: String,
    pub event_starts_at: String,
    /// pending, confirmed, waitlisted, cancelled, removed, attended.
    pub status: String,
    pub party_size: i64,
    pub code: String,
    pub access_flags: Vec<String>,
    pub access_needs: String,
    pub signed_up_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisedEventData {
    pub event_id: i64,
    pub title: String,
    pub starts_at: String,
    /// organiser or co_organiser.
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentMessageData {
    /// The display name of the member written to.
    pub to: String,
    pub sent_at: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountData {
    pub email: String,
    pub email_confirmed_at: Option<String>,
    pub display_name: String,
    pub handle: String,
    /// Handles they had before, which still lead to their page.
    pub former_handles: Vec<String>,
    /// The city as typed at sign-up, or the gazetteer's when it knew it.
    pub city: String,
    pub preferred_language: String,
    /// Moderator, admin.
    pub permissions: Vec<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileData {
    pub avatar_url: Option<String>,
    /// Spotter, reporter, shaker.
    pub roles: Vec<String>,
    pub city_visibility: String,
    pub links_visibility: String,
    pub languages_visibility: String,
    pub languages: Vec<SpokenLanguage>,
    /// Theme slugs.
    pub themes: Vec<String>,
    pub skills: Vec<String>,
    pub links: Vec<String>,
    /// The language of the original headline and bio.
    pub original_language: String,
    /// The headline and bio in every language written.
    pub texts: Vec<ProfileText>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FounderData {
    pub initiative_id: i64,
    pub founder_name: String,
    /// The spotter (or a moderator) confirmed the link.
    pub confirmed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrivalData {
    pub city: String,
    pub arrived_at: String,
}
