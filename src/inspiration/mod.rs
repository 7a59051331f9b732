//! Which initiative inspired which: the lasting graph of the movement. A link goes from a source
//! (an initiative, or an event where initiatives were presented) to the initiative it inspired.
//! Links proposed at an event are decided by its organisers or a moderator; pages show only the
//! confirmed ones. Compiles for the browser too (the types pages show).
use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod store;
pub mod view;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkStatus {
    Proposed,
    Confirmed,
    Rejected,
}

impl LinkStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkStatus::Proposed => "proposed",
            LinkStatus::Confirmed => "confirmed",
            LinkStatus::Rejected => "rejected",
        }
    }

    pub fn parse(raw: &str) -> Option<LinkStatus> {
        [
            LinkStatus::Proposed,
            LinkStatus::Confirmed,
            LinkStatus::Rejected,
        ]
        .into_iter()
        .find(|status| status.as_str() == raw)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndKind {
    Initiative,
    Event,
}

/// One end of a link, as a page names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkEnd {
    pub kind: EndKind,
    pub id: i64,
    pub title: String,
    pub city: Option<String>,
    /// Only published initiatives (and every event) have a page to link to.
    pub public: bool,
}

impl LinkEnd {
    pub fn path(&self) -> String {
        match self.kind {
            EndKind::Initiative => format!("/initiatives/{}", self.id),
            EndKind::Event => format!("/events/{}", self.id),
        }
    }
}

/// The confirmed links of an initiative, both ways.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InitiativeLinks {
    pub inspired_by: Vec<LinkEnd>,
    pub inspired: Vec<LinkEnd>,
}

/// A link proposed at an event, as its organisers see it to decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposedLink {
    pub id: i64,
    pub source: LinkEnd,
    pub target: LinkEnd,
    pub status: LinkStatus,
    /// The proposer's display name.
    pub proposer: String,
}

/// An initiative started from an event: the event, and the presented initiatives its
/// spotter says inspired it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventInspiration {
    pub event: i64,
    pub initiatives: Vec<i64>,
}

/// An organiser's (or moderator's) decision on a proposed link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub link: i64,
    /// "confirm" or "reject"
    #[serde(default)]
    pub decision: String,
}

impl DecisionForm {
    pub fn status(&self) -> Option<LinkStatus> {
        match self.decision.as_str() {
            "confirm" => Some(LinkStatus::Confirmed),
            "reject" => Some(LinkStatus::Rejected),
            _ => None,
        }
    }
}
