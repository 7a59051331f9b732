//! (ssr) Reports' thumbnails, fetched once on the server so that a visitor's browser asks the
//! provider for nothing before they press play. Only from the providers' own image hosts (and
//! the listed PeerTube instances), within a size and a time limit, re-encoded (nothing of the
//! file but its pixels is kept) and stored with the other media. When that fails the page shows
//! the local placeholder, and the fetch is tried again a day later.
use super::{Provider, ReportId, Video};
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::server::state::AppState;
use crate::with_pool;
use std::time::Duration;
use time::OffsetDateTime;
use url::Url;

/// Larger than any provider's thumbnail (they are 20–200 KB).
pub const MAX_THUMBNAIL_BYTES: usize = 2 * 1024 * 1024;
/// Answers to the providers' metadata questions are small.
const MAX_METADATA_BYTES: usize = 64 * 1024;
/// A provider slower than this shows the placeholder (and is asked again a day later).
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
const SIDE: u32 = 640;
const RETRY_AFTER: time::Duration = time::Duration::days(1);
/// Reports looked at in one round of the background task.
const BATCH: i64 = 20;

/// Where a provider says what a video's picture is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lookup {
    /// The picture itself.
    Image(String),
    /// A JSON document whose `field` holds the picture's address (absolute, or a path on `base`).
    Json {
        url: String,
        field: &'static str,
        base: Option<String>,
    },
}

fn lookup(video: &Video) -> Lookup {
    let id = &video.id;
    match &video.provider {
        Provider::YouTube => Lookup::Image(format!("https://i.ytimg.com/vi/{id}/hqdefault.jpg")),
        Provider::Vimeo => Lookup::Json {
            url: format!("https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F{id}"),
            field: "thumbnail_url",
            base: None,
        },
        Provider::Dailymotion => Lookup::Json {
            url: format!("https://api.dailymotion.com/video/{id}?fields=thumbnail_480_url"),
            field: "thumbnail_480_url",
            base: None,
        },
        Provider::PeerTube(host) => Lookup::Json {
            url: format!("https://{host}/api/v1/videos/{id}"),
            field: "thumbnailPath",
            base: Some(format!("https://{host}")),
        },
    }
}

/// Whether a picture's address is on the image hosts of the video's provider: a metadata
/// answer cannot send the server anywhere else.
fn is_image_host(video: &Video, url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    url.scheme() == "https"
        && url.port().is_none()
        && match &video.provider {
            Provider::YouTube => host == "i.ytimg.com",
            Provider::Vimeo => host == "i.vimeocdn.com",
            Provider::Dailymotion => host.ends_with(".dmcdn.net"),
            Provider::PeerTube(instance) => host == instance,
        }
}

/// Fetches pictures from the providers, or from one origin standing in for all of them.
#[derive(Debug, Clone)]
pub struct ThumbnailFetcher {
    client: reqwest::Client,
    /// `http://127.0.0.1:9000`: every request goes there instead, same path and query (tests and
    /// offline demos have no internet; see `VIDEO_PROVIDER_ORIGIN`).
    origin_override: Option<Url>,
}

impl ThumbnailFetcher {
    /// `None` (logged) when no HTTP client can be made: pages then show placeholders.
    pub fn new(origin_override: Option<&str>, timeout: Duration) -> Option<Self> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("NewCITYzens-thumbnails")
            .build()
            .inspect_err(|error| tracing::error!(%error, "no HTTP client for thumbnails"))
            .ok()?;
        let origin_override = origin_override.and_then(|raw| Url::parse(raw).ok());
        Some(ThumbnailFetcher {
            client,
            origin_override,
        })
    }

    /// Where a request for `url` really goes.
    fn target(&self, url: &Url) -> Url {
        let Some(origin) = &self.origin_override else {
            return url.clone();
        };
        let mut target = origin.clone();
        target.set_path(url.path());
        target.set_query(url.query());
        target
    }

    /// The body of `url`, if it answers 200 within the time limit and `max` bytes.
    async fn get(&self, url: &Url, max: usize) -> Option<Vec<u8>> {
        let mut response = self.client.get(self.target(url)).send().await.ok()?;
        if !response.status().is_success() {
            return None;
        }
        if response
            .content_length()
            .is_some_and(|length| length > max as u64)
        {
            return None;
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.ok()? {
            if body.len() + chunk.len() > max {
                return None;
            }
            body.extend_from_slice(&chunk);
        }
        Some(body)
    }

    /// The picture's address a provider's JSON gives.
    async fn image_url(&self, video: &Video) -> Option<Url> {
        let address = match lookup(video) {
            Lookup::Image(address) => address,
            Lookup::Json { url, field, base } => {
                let body = self
                    .get(&Url::parse(&url).ok()?, MAX_METADATA_BYTES)
                    .await?;
                let json: serde_json::Value = serde_json::from_slice(&body).ok()?;
                let value = json.get(field)?.as_str()?;
                match base {
                    Some(base) if value.starts_with('/') => format!("{base}{value}"),
                    _ => value.to_owned(),
                }
            }
        };
        Url::parse(&address)
            .ok()
            .filter(|url| is_image_host(video, url))
    }

    /// The video's picture, checked and re-encoded as a JPEG of at most 640 pixels a side.
    pub async fn fetch(&self, video: &Video) -> Option<Vec<u8>> {
        let url = self.image_url(video).await?;
        let bytes = self.get(&url, MAX_THUMBNAIL_BYTES).await?;
        tokio::task::spawn_blocking(move || {
            let image =
                crate::initiatives::photos::decode_upload(&bytes, MAX_THUMBNAIL_BYTES).ok()?;
            crate::initiatives::photos::encode_jpeg(&crate::initiatives::photos::fit(&image, SIDE))
                .ok()
        })
        .await
        .ok()
        .flatten()
    }
}

type Missing = (i64, String, String, String);

/// Reports without a thumbnail that were never tried, or not for a day.
async fn missing(
    db: &Db,
    only: Option<ReportId>,
    now: OffsetDateTime,
) -> Result<Vec<Missing>, AppError> {
    let retry_before = now - RETRY_AFTER;
    with_pool!(db, pool => sqlx::query_as::<_, Missing>(
        "SELECT id, provider, video_host, video_id FROM reports WHERE thumbnail_key IS NULL \
         AND (thumbnail_tried_at IS NULL OR thumbnail_tried_at < $1) AND ($2 IS NULL OR id = $2) \
         ORDER BY id LIMIT $3")
        .bind(retry_before).bind(only.map(|id| id.0)).bind(BATCH).fetch_all(pool).await)
    .map_err(db_failed)
}

/// Keeps the stored picture, if the report still shows the same video (a reporter may have
/// changed it while it was fetched); says whether it was kept.
async fn record(
    db: &Db,
    (id, provider, host, video_id): &Missing,
    key: Option<&str>,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    with_pool!(db, pool => sqlx::query(
        "UPDATE reports SET thumbnail_key = $5, thumbnail_tried_at = $6 \
         WHERE id = $1 AND provider = $2 AND video_host = $3 AND video_id = $4 AND thumbnail_key IS NULL")
        .bind(id).bind(provider).bind(host).bind(video_id).bind(key).bind(now)
        .execute(pool).await.map(|done| done.rows_affected() == 1))
    .map_err(db_failed)
}

/// Fetches the missing thumbnails (of report `only`, or of any); returns how many were stored.
pub async fn fetch_missing(
    state: &AppState,
    fetcher: &ThumbnailFetcher,
    only: Option<ReportId>,
) -> Result<usize, AppError> {
    let now = OffsetDateTime::now_utc();
    let mut stored = 0;
    for report in missing(&state.db, only, now).await? {
        let Some(provider) = Provider::from_key(&report.1, &report.2) else {
            continue;
        };
        let video = Video {
            provider,
            id: report.3.clone(),
            start_seconds: None,
        };
        let Some(jpeg) = fetcher.fetch(&video).await else {
            tracing::info!(
                report = report.0,
                "no thumbnail from the provider: the placeholder shows"
            );
            record(&state.db, &report, None, now).await?;
            continue;
        };
        let key = format!("reports/{}-{:016x}.jpg", report.0, rand::random::<u64>());
        if let Err(error) = state.storage.put(&key, jpeg).await {
            tracing::error!(%error, "could not store a thumbnail");
            continue;
        }
        if record(&state.db, &report, Some(&key), now).await? {
            stored += 1;
        } else {
            let _ = state.storage.delete(&key).await;
        }
    }
    Ok(stored)
}

/// Fetches report `id`'s thumbnail in the background if it has none and is due a try: after
/// its form is saved, and when its page is seen without one (a provider down at the first try).
pub fn fetch_soon(state: &AppState, id: ReportId) {
    let state = state.clone();
    tokio::spawn(async move {
        let Some(fetcher) = state.thumbnails.clone() else {
            return;
        };
        if let Err(error) = fetch_missing(&state, &fetcher, Some(id)).await {
            tracing::warn!(?error, "could not fetch a report's thumbnail");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn video(provider: Provider) -> Video {
        Video {
            provider,
            id: "abc".into(),
            start_seconds: None,
        }
    }

    #[test]
    fn pictures_come_only_from_the_providers_image_hosts() {
        let url = |raw: &str| Url::parse(raw).unwrap();
        let youtube = video(Provider::YouTube);
        assert!(is_image_host(
            &youtube,
            &url("https://i.ytimg.com/vi/abc/hqdefault.jpg")
        ));
        assert!(!is_image_host(
            &youtube,
            &url("http://i.ytimg.com/vi/abc/hqdefault.jpg")
        ));
        assert!(!is_image_host(
            &youtube,
            &url("https://i.ytimg.com.evil.example/x.jpg")
        ));
        assert!(!is_image_host(&youtube, &url("https://127.0.0.1/x.jpg")));
        let dailymotion = video(Provider::Dailymotion);
        assert!(is_image_host(
            &dailymotion,
            &url("https://s2.dmcdn.net/v/abc/x480")
        ));
        assert!(!is_image_host(
            &dailymotion,
            &url("https://dmcdn.net.evil.example/x")
        ));
        let peertube = video(Provider::PeerTube("tube.example.org".into()));
        assert!(is_image_host(
            &peertube,
            &url("https://tube.example.org/static/thumbnails/a.jpg")
        ));
        assert!(!is_image_host(
            &peertube,
            &url("https://tube.example.org:8443/a.jpg")
        ));
        assert!(!is_image_host(
            &peertube,
            &url("https://other.example.org/a.jpg")
        ));
    }

    #[test]
    fn an_override_keeps_the_path_and_query() {
        let fetcher = ThumbnailFetcher::new(Some("http://127.0.0.1:9000"), FETCH_TIMEOUT).unwrap();
        let target =
            fetcher.target(&Url::parse("https://api.dailymotion.com/video/x8?fields=a").unwrap());
        assert_eq!(target.as_str(), "http://127.0.0.1:9000/video/x8?fields=a");
    }
}
