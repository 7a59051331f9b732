//! Where a report's video plays: its page at the provider and the player loaded when a visitor
//! clicks play. Compiles for the browser too; the parsing of addresses is in `video` (server).
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Provider {
    YouTube,
    Vimeo,
    Dailymotion,
    /// An instance from the admins' list, by its host name.
    PeerTube(String),
}

/// The origins of the players of the providers built in; a PeerTube instance's is
/// `https://<host>`. The Content-Security-Policy lets pages frame exactly these.
pub const PLAYER_ORIGINS: [&str; 3] = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.dailymotion.com",
];

/// The frame origins for the Content-Security-Policy: the built-in players' and each listed
/// PeerTube instance's, space-separated.
pub fn frame_origins(peertube_hosts: &[String]) -> String {
    let instances = peertube_hosts.iter().map(|host| format!("https://{host}"));
    PLAYER_ORIGINS
        .iter()
        .map(|origin| (*origin).to_owned())
        .chain(instances)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Provider {
    /// How the database names it (with the instance's host beside it for PeerTube).
    pub fn key(&self) -> &'static str {
        match self {
            Provider::YouTube => "youtube",
            Provider::Vimeo => "vimeo",
            Provider::Dailymotion => "dailymotion",
            Provider::PeerTube(_) => "peertube",
        }
    }

    /// The PeerTube instance, `""` for the others.
    pub fn host(&self) -> &str {
        match self {
            Provider::PeerTube(host) => host,
            _ => "",
        }
    }

    /// The provider the database names `key` (and `host`), if it is one.
    pub fn from_key(key: &str, host: &str) -> Option<Provider> {
        match key {
            "youtube" => Some(Provider::YouTube),
            "vimeo" => Some(Provider::Vimeo),
            "dailymotion" => Some(Provider::Dailymotion),
            "peertube" if !host.is_empty() => Some(Provider::PeerTube(host.to_owned())),
            _ => None,
        }
    }

    /// "YouTube", "Vimeo", "Dailymotion" or the instance's host: names, not translated.
    pub fn name(&self) -> &str {
        match self {
            Provider::YouTube => "YouTube",
            Provider::Vimeo => "Vimeo",
            Provider::Dailymotion => "Dailymotion",
            Provider::PeerTube(host) => host,
        }
    }
}

/// A video at a provider, and where to start playing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Video {
    pub provider: Provider,
    pub id: String,
    pub start_seconds: Option<u32>,
}

impl Video {
    /// The video's page at its provider.
    pub fn watch_url(&self) -> String {
        match &self.provider {
            Provider::YouTube => format!("https://www.youtube.com/watch?v={}", self.id),
            Provider::Vimeo => format!("https://vimeo.com/{}", self.id),
            Provider::Dailymotion => format!("https://www.dailymotion.com/video/{}", self.id),
            Provider::PeerTube(host) => format!("https://{host}/w/{}", self.id),
        }
    }

    /// The player to load when the visitor clicks play, from `start` seconds (YouTube through
    /// its no-cookie domain). It starts playing at once: the click was the visitor's "play".
    pub fn player_url(&self, start: Option<u32>) -> String {
        let id = &self.id;
        let from = |name: &str, unit: &str| {
            start
                .map(|at| format!("&{name}={at}{unit}"))
                .unwrap_or_default()
        };
        match &self.provider {
            Provider::YouTube => format!(
                "https://www.youtube-nocookie.com/embed/{id}?autoplay=1{}",
                from("start", "")
            ),
            Provider::Vimeo => {
                let at = start.map(|at| format!("#t={at}s")).unwrap_or_default();
                format!("https://player.vimeo.com/video/{id}?autoplay=1{at}")
            }
            Provider::Dailymotion => format!(
                "https://www.dailymotion.com/embed/video/{id}?autoplay=1{}",
                from("start", "")
            ),
            Provider::PeerTube(host) => format!(
                "https://{host}/videos/embed/{id}?autoplay=1{}",
                from("start", "s")
            ),
        }
    }
}
