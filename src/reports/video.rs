//! (ssr) A report's video, named by its address on YouTube, Vimeo, Dailymotion or a PeerTube
//! instance the admins listed. The address is parsed strictly into a provider and a video id:
//! hosts must match exactly (`youtube.com.evil.example` is not YouTube), only http(s), no
//! credentials or odd ports, and the id must have its provider's shape. What is kept is the
//! provider and the id (and a start time, if the address had one); the pages build the player's
//! address from them, never from what was typed.
pub use super::player::{Provider, Video};
use url::{Host, Url};

pub use super::ADDRESS_MAX_CHARS;

/// Why an address was refused: each becomes a message to the reporter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoAddressError {
    /// Not an http(s) address at all (`javascript:`, `data:`, text, a relative path...).
    NotAnAddress,
    /// A site that is neither a known provider nor a listed PeerTube instance.
    UnknownHost,
    /// A known provider, but not one video (a channel, a playlist, a search, a bad id).
    NotAVideo,
}

const YOUTUBE_HOSTS: [&str; 5] = [
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
];
const VIMEO_HOSTS: [&str; 3] = ["vimeo.com", "www.vimeo.com", "player.vimeo.com"];
const DAILYMOTION_HOSTS: [&str; 2] = ["dailymotion.com", "www.dailymotion.com"];

/// Parses `raw`; `peertube_hosts` are the instances the admins listed (lower-case host names).
pub fn parse(raw: &str, peertube_hosts: &[String]) -> Result<Video, VideoAddressError> {
    let url = address(raw)?;
    let Some(Host::Domain(host)) = url.host() else {
        return Err(VideoAddressError::NotAnAddress);
    };
    let segments: Vec<&str> = url
        .path_segments()
        .map(|segments| segments.filter(|segment| !segment.is_empty()).collect())
        .unwrap_or_default();
    let (provider, id) = if host == "youtu.be" {
        (
            Provider::YouTube,
            youtube_short(&segments).map(str::to_owned),
        )
    } else if YOUTUBE_HOSTS.contains(&host) {
        (Provider::YouTube, youtube(&url, &segments))
    } else if VIMEO_HOSTS.contains(&host) {
        (Provider::Vimeo, vimeo(&segments).map(str::to_owned))
    } else if host == "dai.ly" {
        let id = dailymotion_short(&segments).map(str::to_owned);
        (Provider::Dailymotion, id)
    } else if DAILYMOTION_HOSTS.contains(&host) {
        (
            Provider::Dailymotion,
            dailymotion(&segments).map(str::to_owned),
        )
    } else if peertube_hosts.iter().any(|listed| listed == host) {
        let id = peertube(&segments).map(str::to_owned);
        (Provider::PeerTube(host.to_owned()), id)
    } else {
        return Err(VideoAddressError::UnknownHost);
    };
    let id = id.ok_or(VideoAddressError::NotAVideo)?;
    Ok(Video {
        start_seconds: start_of(&url, &provider),
        provider,
        id,
    })
}

/// An absolute http(s) address without credentials or an unusual port.
fn address(raw: &str) -> Result<Url, VideoAddressError> {
    let raw = raw.trim();
    let plain = raw.chars().count() <= ADDRESS_MAX_CHARS
        && !raw.chars().any(|c| c.is_whitespace() || c.is_control());
    let url = Url::parse(raw)
        .ok()
        .filter(|_| plain)
        .ok_or(VideoAddressError::NotAnAddress)?;
    let web = matches!(url.scheme(), "http" | "https");
    // `Url` drops a scheme's default port: any port left is unusual.
    if !web || !url.username().is_empty() || url.password().is_some() || url.port().is_some() {
        return Err(VideoAddressError::NotAnAddress);
    }
    Ok(url)
}

fn query<'a>(url: &'a Url, name: &str) -> Option<std::borrow::Cow<'a, str>> {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

fn is_youtube_id(id: &str) -> bool {
    id.len() == 11
        && id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// `youtu.be/<id>`.
fn youtube_short<'a>(segments: &[&'a str]) -> Option<&'a str> {
    match segments {
        [id] if is_youtube_id(id) => Some(id),
        _ => None,
    }
}

/// `/watch?v=<id>` (a playlist around it is ignored), `/embed/<id>`, `/shorts/<id>`,
/// `/live/<id>`, `/v/<id>`; not `/playlist`, channels or searches.
fn youtube(url: &Url, segments: &[&str]) -> Option<String> {
    let id = match segments {
        ["watch"] => query(url, "v")?.into_owned(),
        ["embed" | "shorts" | "live" | "v", id] => (*id).to_owned(),
        _ => return None,
    };
    is_youtube_id(&id).then_some(id)
}

fn is_digits(id: &str, max: usize) -> bool {
    !id.is_empty() && id.len() <= max && id.bytes().all(|byte| byte.is_ascii_digit())
}

/// `vimeo.com/<number>` (an unlisted video's key after it is not needed to play it from the
/// platform's player), `vimeo.com/channels/<name>/<number>`, `player.vimeo.com/video/<number>`.
fn vimeo<'a>(segments: &[&'a str]) -> Option<&'a str> {
    let id = match segments {
        ["video" | "videos", id] | ["channels", _, id] => id,
        [id] | [id, _] => id,
        _ => return None,
    };
    is_digits(id, 12).then_some(*id)
}

fn is_dailymotion_id(id: &str) -> bool {
    (5..=16).contains(&id.len()) && id.bytes().all(|byte| byte.is_ascii_alphanumeric())
}

/// `dai.ly/<id>`.
fn dailymotion_short<'a>(segments: &[&'a str]) -> Option<&'a str> {
    match segments {
        [id] if is_dailymotion_id(id) => Some(id),
        _ => None,
    }
}

/// `dailymotion.com/video/<id>` and `dailymotion.com/embed/video/<id>`.
fn dailymotion<'a>(segments: &[&'a str]) -> Option<&'a str> {
    match segments {
        ["video", id] | ["embed", "video", id] if is_dailymotion_id(id) => Some(id),
        _ => None,
    }
}

/// A PeerTube id: a UUID, or the 22-character short form (base 58).
fn is_peertube_id(id: &str) -> bool {
    let uuid = id.len() == 36
        && id
            .bytes()
            .enumerate()
            .all(|(position, byte)| match position {
                8 | 13 | 18 | 23 => byte == b'-',
                _ => byte.is_ascii_hexdigit(),
            });
    let short = id.len() == 22
        && id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() && !b"0OIl".contains(&byte));
    uuid || short
}

/// `/w/<id>`, `/videos/watch/<id>`, `/videos/embed/<id>`; not playlists (`/w/p/<id>`).
fn peertube<'a>(segments: &[&'a str]) -> Option<&'a str> {
    match segments {
        ["w", id] | ["videos", "watch" | "embed", id] if is_peertube_id(id) => Some(id),
        _ => None,
    }
}

/// The start time an address carries: `t=90`, `t=1m30s`, `start=90` (YouTube, Dailymotion,
/// PeerTube), `#t=1m30s` (Vimeo). A start that cannot be read is dropped, not refused.
fn start_of(url: &Url, provider: &Provider) -> Option<u32> {
    let raw = match provider {
        Provider::Vimeo => url.fragment()?.strip_prefix("t=")?.to_owned(),
        _ => query(url, "t")
            .or_else(|| query(url, "start"))?
            .into_owned(),
    };
    parse_duration(&raw).filter(|seconds| *seconds > 0)
}

/// "90", "90s", "1m30s", "1h2m3s" as seconds.
pub fn parse_duration(raw: &str) -> Option<u32> {
    if is_digits(raw, 6) {
        return raw.parse().ok();
    }
    let mut total: u32 = 0;
    let mut number = String::new();
    for c in raw.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        let value: u32 = number.parse().ok()?;
        total = total.checked_add(value.checked_mul(unit)?)?;
        number.clear();
    }
    number.is_empty().then_some(total)
}

#[cfg(test)]
mod tests;
