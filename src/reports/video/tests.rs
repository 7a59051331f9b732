use super::*;
use proptest::prelude::*;

fn instances() -> Vec<String> {
    vec!["peertube.example.org".to_owned(), "tube.lyon.fr".to_owned()]
}

fn parsed(raw: &str) -> Result<Video, VideoAddressError> {
    parse(raw, &instances())
}

fn video(provider: Provider, id: &str, start: Option<u32>) -> Video {
    Video {
        provider,
        id: id.to_owned(),
        start_seconds: start,
    }
}

#[test]
fn youtube_addresses_in_all_their_forms() {
    let id = "dQw4w9WgXcQ";
    let plain = video(Provider::YouTube, id, None);
    for raw in [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "http://youtube.com/watch?v=dQw4w9WgXcQ",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?si=Abc123",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube.com/live/dQw4w9WgXcQ",
        // A video inside a playlist: the video.
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs&index=2",
        "  https://www.youtube.com/watch?v=dQw4w9WgXcQ  ",
    ] {
        assert_eq!(parsed(raw), Ok(plain.clone()), "{raw}");
    }
    for (raw, start) in [
        ("https://youtu.be/dQw4w9WgXcQ?t=42", 42),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s", 90),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ?start=75", 75),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1h2m3s", 3723),
    ] {
        assert_eq!(
            parsed(raw),
            Ok(video(Provider::YouTube, id, Some(start))),
            "{raw}"
        );
    }
    // A start that cannot be read is dropped, the video kept.
    let odd = parsed("https://youtu.be/dQw4w9WgXcQ?t=soon").unwrap();
    assert_eq!(odd.start_seconds, None);
}

#[test]
fn vimeo_dailymotion_and_listed_peertube_instances() {
    let cases = [
        (
            "https://vimeo.com/76979871",
            video(Provider::Vimeo, "76979871", None),
        ),
        (
            "https://vimeo.com/76979871/abcdef1234",
            video(Provider::Vimeo, "76979871", None),
        ),
        (
            "https://player.vimeo.com/video/76979871",
            video(Provider::Vimeo, "76979871", None),
        ),
        (
            "https://vimeo.com/channels/staffpicks/76979871",
            video(Provider::Vimeo, "76979871", None),
        ),
        (
            "https://vimeo.com/76979871#t=1m5s",
            video(Provider::Vimeo, "76979871", Some(65)),
        ),
        (
            "https://www.dailymotion.com/video/x8abc12",
            video(Provider::Dailymotion, "x8abc12", None),
        ),
        (
            "https://dai.ly/x8abc12",
            video(Provider::Dailymotion, "x8abc12", None),
        ),
        (
            "https://www.dailymotion.com/embed/video/x8abc12?start=30",
            video(Provider::Dailymotion, "x8abc12", Some(30)),
        ),
        (
            "https://peertube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            video(
                Provider::PeerTube("peertube.example.org".into()),
                "9c9de5e8-0a1e-484a-b099-e80766180a6d",
                None,
            ),
        ),
        (
            "https://tube.lyon.fr/videos/watch/kkGMgK9ZtnKfYAgnEtQxbv?start=2m",
            video(
                Provider::PeerTube("tube.lyon.fr".into()),
                "kkGMgK9ZtnKfYAgnEtQxbv",
                Some(120),
            ),
        ),
        (
            "https://TUBE.Lyon.fr/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv",
            video(
                Provider::PeerTube("tube.lyon.fr".into()),
                "kkGMgK9ZtnKfYAgnEtQxbv",
                None,
            ),
        ),
    ];
    for (raw, expected) in cases {
        assert_eq!(parsed(raw), Ok(expected), "{raw}");
    }
}

#[test]
fn look_alikes_scripts_and_unlisted_hosts_are_refused() {
    use VideoAddressError::*;
    let cases = [
        (
            "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
            UnknownHost,
        ),
        ("https://evil-youtube.com/watch?v=dQw4w9WgXcQ", UnknownHost),
        ("https://youtube.co/watch?v=dQw4w9WgXcQ", UnknownHost),
        (
            "https://www.youtube.com.:443/watch?v=dQw4w9WgXcQ",
            UnknownHost,
        ),
        ("https://vimeo.com.example.net/76979871", UnknownHost),
        (
            "https://peertube.evil.example/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            UnknownHost,
        ),
        (
            "https://example.org.peertube.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv",
            UnknownHost,
        ),
        (
            "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
            NotAnAddress,
        ),
        ("data:text/html,<script>alert(1)</script>", NotAnAddress),
        ("ftp://youtube.com/watch?v=dQw4w9WgXcQ", NotAnAddress),
        ("//www.youtube.com/watch?v=dQw4w9WgXcQ", NotAnAddress),
        ("www.youtube.com/watch?v=dQw4w9WgXcQ", NotAnAddress),
        (
            "https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ",
            NotAnAddress,
        ),
        (
            "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",
            NotAnAddress,
        ),
        ("https://142.250.74.46/watch?v=dQw4w9WgXcQ", NotAnAddress),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n<script>",
            NotAnAddress,
        ),
        ("a video about our garden", NotAnAddress),
        ("", NotAnAddress),
        // Known providers, but not one video.
        (
            "https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs",
            NotAVideo,
        ),
        ("https://www.youtube.com/@newcityzens", NotAVideo),
        (
            "https://www.youtube.com/results?search_query=repair+cafe",
            NotAVideo,
        ),
        ("https://www.youtube.com/watch?v=short", NotAVideo),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ%22onload",
            NotAVideo,
        ),
        ("https://youtu.be/", NotAVideo),
        ("https://vimeo.com/channels/staffpicks", NotAVideo),
        ("https://vimeo.com/user12345", NotAVideo),
        ("https://www.dailymotion.com/newcityzens", NotAVideo),
        (
            "https://peertube.example.org/w/p/kkGMgK9ZtnKfYAgnEtQxbv",
            NotAVideo,
        ),
        ("https://peertube.example.org/a/some-account", NotAVideo),
    ];
    for (raw, error) in cases {
        assert_eq!(parsed(raw), Err(error), "{raw}");
    }
    let long = format!(
        "https://youtu.be/dQw4w9WgXcQ?x={}",
        "a".repeat(ADDRESS_MAX_CHARS)
    );
    assert_eq!(parsed(&long), Err(NotAnAddress));
}

#[test]
fn durations_are_read_as_providers_write_them() {
    assert_eq!(parse_duration("90"), Some(90));
    assert_eq!(parse_duration("90s"), Some(90));
    assert_eq!(parse_duration("1m30s"), Some(90));
    assert_eq!(parse_duration("2h"), Some(7200));
    assert_eq!(parse_duration("1m30"), None);
    assert_eq!(parse_duration("-5"), None);
    assert_eq!(parse_duration("99999999999h"), None);
    assert_eq!(parse_duration(""), Some(0));
}

#[test]
fn players_start_where_asked_youtube_without_cookies() {
    let youtube = video(Provider::YouTube, "dQw4w9WgXcQ", None);
    assert_eq!(
        youtube.player_url(Some(192)),
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=192"
    );
    let peertube = video(
        Provider::PeerTube("tube.lyon.fr".into()),
        "kkGMgK9ZtnKfYAgnEtQxbv",
        None,
    );
    assert_eq!(
        peertube.player_url(None),
        "https://tube.lyon.fr/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?autoplay=1"
    );
    assert_eq!(
        video(Provider::Vimeo, "76979871", None).player_url(Some(65)),
        "https://player.vimeo.com/video/76979871?autoplay=1#t=65s"
    );
}

/// Any provider with an id of its shape.
fn any_video() -> impl Strategy<Value = Video> {
    prop_oneof![
        "[A-Za-z0-9_-]{11}".prop_map(|id| video(Provider::YouTube, &id, None)),
        "[1-9][0-9]{0,11}".prop_map(|id| video(Provider::Vimeo, &id, None)),
        "x[a-z0-9]{4,15}".prop_map(|id| video(Provider::Dailymotion, &id, None)),
        "[1-9A-HJ-NP-Za-km-z]{22}".prop_map(|id| video(
            Provider::PeerTube("tube.lyon.fr".into()),
            &id,
            None
        )),
    ]
}

proptest! {
    #[test]
    fn any_text_is_parsed_or_refused_without_panicking(raw in ".{0,600}") {
        let _ = parsed(&raw);
    }

    #[test]
    fn any_url_like_text_is_parsed_or_refused_without_panicking(
        raw in "(https?|javascript|data|ftp)://[a-z0-9.:@-]{0,30}/[A-Za-z0-9/?=&#%._-]{0,60}"
    ) {
        let _ = parsed(&raw);
    }

    #[test]
    fn a_videos_own_address_parses_back_to_it(video in any_video(), start in 1u32..100_000) {
        prop_assert_eq!(parsed(&video.watch_url()), Ok(video.clone()));
        let from = Video { start_seconds: Some(start), ..video.clone() };
        let at = match &video.provider {
            Provider::Vimeo => format!("{}#t={start}s", video.watch_url()),
            Provider::YouTube => format!("{}&t={start}", video.watch_url()),
            _ => format!("{}?start={start}", video.watch_url()),
        };
        prop_assert_eq!(parsed(&at), Ok(from));
    }

    #[test]
    fn a_known_host_inside_another_domain_is_never_trusted(
        video in any_video(),
        label in "[a-z][a-z0-9]{0,10}",
        before in proptest::bool::ANY,
    ) {
        let address = video.watch_url();
        let host = Url::parse(&address).unwrap().host_str().unwrap().to_owned();
        let disguised = if before { format!("{label}.{host}") } else { format!("{host}.{label}.example") };
        // Subdomains the providers really use are not disguises.
        prop_assume!(!["www", "m", "player"].iter().any(|real| disguised == format!("{real}.{host}")));
        let lookalike = address.replacen(&host, &disguised, 1);
        prop_assert_eq!(parsed(&lookalike), Err(VideoAddressError::UnknownHost));
    }

    #[test]
    fn other_schemes_are_refused(video in any_video(), scheme in "(javascript|data|ftp|file|ws|vbscript)") {
        let address = video.watch_url().replacen("https", &scheme, 1);
        prop_assert_eq!(parsed(&address), Err(VideoAddressError::NotAnAddress));
    }
}
