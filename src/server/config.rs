//! Settings from environment variables (and an optional `.env`), each documented in the README.
//! The site's own settings (address, site root, hashed file names) come from Leptos.toml.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `sqlite://...` or `postgres://...`.
    pub database_url: String,
    /// The address people use to reach the site, for links in mails and feeds.
    pub public_url: String,
    /// The session cookie's Secure flag: on unless turned off for plain-http local use.
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_proxy: bool,
    /// `smtp://user:password@host:587` or `smtps://...`: mails go there when it is set...
    pub smtp_url: Option<String>,
    /// ...otherwise into this folder, one `.eml` file a mail, for a person to open.
    pub outbox_dir: std::path::PathBuf,
    /// The sender of every mail, e.g. `New CITYzens <hello@newcityzens.org>`.
    pub mail_from: String,
    /// Where uploaded photos are kept (the local-folder storage).
    pub media_dir: std::path::PathBuf,
    /// Map tiles, with `{z}`, `{x}`, `{y}` placeholders, and the credit their provider asks for
    /// (HTML, shown in the map's corner).
    pub tile_url: String,
    pub tile_attribution: String,
    /// `VIDEO_PROVIDER_ORIGIN`: when set (tests, offline demos), the server asks this origin for
    /// reports' thumbnails instead of the video providers, with the same paths.
    pub video_provider_origin: Option<String>,
}

pub const DEFAULT_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
pub const DEFAULT_TILE_ATTRIBUTION: &str =
    "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

pub const DEFAULT_MEDIA_DIR: &str = "data/media";

pub const DEFAULT_OUTBOX_DIR: &str = "data/outbox";
pub const DEFAULT_MAIL_FROM: &str = "New CITYzens <no-reply@newcityzens.invalid>";

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/newcityzens.db";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{name} must be true or false, not {value:?}")]
pub struct ConfigError {
    name: &'static str,
    value: String,
}

fn flag(name: &'static str, value: Option<String>, default: bool) -> Result<bool, ConfigError> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(other) => Err(ConfigError {
            name,
            value: other.to_owned(),
        }),
    }
}

impl Config {
    /// Reads the settings through `lookup` (the process environment in production, a map in tests).
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
        site_addr: std::net::SocketAddr,
    ) -> Result<Config, ConfigError> {
        Ok(Config {
            database_url: lookup("DATABASE_URL")
                .filter(|url| !url.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            public_url: lookup("PUBLIC_URL")
                .filter(|url| !url.trim().is_empty())
                .unwrap_or_else(|| format!("http://{site_addr}")),
            secure_cookies: flag("SECURE_COOKIES", lookup("SECURE_COOKIES"), true)?,
            trust_proxy: flag("TRUST_PROXY", lookup("TRUST_PROXY"), false)?,
            smtp_url: lookup("SMTP_URL").filter(|url| !url.trim().is_empty()),
            outbox_dir: lookup("OUTBOX_DIR")
                .filter(|dir| !dir.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_OUTBOX_DIR.to_owned())
                .into(),
            media_dir: lookup("MEDIA_DIR")
                .filter(|dir| !dir.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_MEDIA_DIR.to_owned())
                .into(),
            tile_url: lookup("TILE_URL")
                .filter(|url| !url.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_TILE_URL.to_owned()),
            tile_attribution: lookup("TILE_ATTRIBUTION")
                .filter(|text| !text.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_TILE_ATTRIBUTION.to_owned()),
            video_provider_origin: lookup("VIDEO_PROVIDER_ORIGIN")
                .filter(|origin| !origin.trim().is_empty()),
            mail_from: lookup("MAIL_FROM")
                .filter(|from| !from.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_MAIL_FROM.to_owned()),
        })
    }

    pub fn from_env(site_addr: std::net::SocketAddr) -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok(), site_addr)
    }

    /// The absolute address of `path` (from `/`), for mails and link previews.
    pub fn link_to(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(
            |name| vars.get(name).cloned(),
            "127.0.0.1:3000".parse().unwrap(),
        )
    }

    #[test]
    fn defaults_are_safe_and_local() {
        let config = config(&[]).unwrap();
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(config.public_url, "http://127.0.0.1:3000");
        assert!(config.secure_cookies);
        assert!(!config.trust_proxy);
    }

    #[test]
    fn flags_are_read_strictly() {
        assert!(
            !config(&[("SECURE_COOKIES", "false")])
                .unwrap()
                .secure_cookies
        );
        assert!(config(&[("TRUST_PROXY", "1")]).unwrap().trust_proxy);
        assert!(config(&[("SECURE_COOKIES", "nope")]).is_err());
    }
}
