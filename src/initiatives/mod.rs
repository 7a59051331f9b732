//! The spotters' database of initiatives: what crosses the wire, and the validation of what
//! spotters type. Compiles for the browser too.
pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod edit_page;
pub mod founders;
pub mod initiative_page;
pub mod labels;
#[cfg(feature = "ssr")]
pub mod mails;
pub mod map_page;
#[cfg(feature = "ssr")]
pub mod photos;
pub mod review_page;
#[cfg(feature = "ssr")]
pub mod search;
pub mod search_page;
#[cfg(feature = "ssr")]
pub mod store;
pub mod themes_page;

use crate::accounts::AccountId;
use crate::cities::City;
use crate::error::{AppError, ErrorCode, FieldErrors};
pub use crate::validation::{parse_line, parse_text, parse_url, URL_MAX_CHARS};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX_CHARS: usize = 120;
pub const SUMMARY_MAX_CHARS: usize = 300;
pub const DESCRIPTION_MAX_CHARS: usize = 10_000;
pub const TAG_MAX_CHARS: usize = 40;
pub const MAX_TAGS: usize = 10;
pub const FOUNDER_MAX_CHARS: usize = 100;
pub const MAX_FOUNDERS: usize = 10;
pub const MAX_LINKS: usize = 5;
pub const MAX_THEMES: usize = 3;
pub const FIRST_FOUNDING_YEAR: i64 = 1800;
pub const PAGE_SIZE: i64 = 20;

/// The languages initiatives are written in (original and translations), by ISO 639-1 code.
/// Names come from locales/ (`content_languages.<code>`).
pub const CONTENT_LANGUAGES: [&str; 13] = [
    "ar", "de", "en", "es", "fr", "it", "ja", "nl", "pl", "pt", "sv", "tl", "tr",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InitiativeId(pub i64);

impl InitiativeId {
    /// "/initiatives/42": the initiative's page.
    pub fn path(self) -> String {
        format!("/initiatives/{}", self.0)
    }
}

/// Where an initiative is in its life. Only `Published` ones are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Submitted,
    Returned,
    Published,
    Unpublished,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::Submitted,
        Status::Returned,
        Status::Published,
        Status::Unpublished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Returned => "returned",
            Status::Published => "published",
            Status::Unpublished => "unpublished",
        }
    }

    pub fn parse(raw: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == raw)
    }

    /// Whether its spotter may (re)submit it for review from here.
    pub fn can_submit(self) -> bool {
        matches!(self, Status::Draft | Status::Returned | Status::Unpublished)
    }

    /// The status a save leaves an initiative (or a report) in: a submission moves a draft (or
    /// one sent back) to review; a published one edited stays published.
    pub fn after_save(current: Option<Status>, intent: Intent) -> Status {
        match (current, intent) {
            (None, Intent::SaveDraft) => Status::Draft,
            (None, Intent::Submit) => Status::Submitted,
            (Some(status), Intent::Submit) if status.can_submit() => Status::Submitted,
            (Some(status), _) => status,
        }
    }
}

/// A theme as pages show it: built-in themes are named by locales/, others by their label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeRef {
    pub slug: String,
    /// The admin-given name in the reader's language (or any), for themes not built in.
    pub label: Option<String>,
}

/// One value of a facet with the number of results it would give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacetCount {
    /// What goes in the URL: a theme slug, a country code, a city id, a language code.
    pub value: String,
    /// A name to show when the value is data (a city, a country, a custom theme).
    pub label: Option<String>,
    pub count: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    pub themes: Vec<FacetCount>,
    pub countries: Vec<FacetCount>,
    pub cities: Vec<FacetCount>,
    pub languages: Vec<FacetCount>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first when there is a text query, newest first otherwise.
    #[default]
    Relevance,
    Newest,
    /// Those that inspired the most initiatives (every generation) first, newest first among
    /// equals.
    Inspiring,
}

impl Sort {
    /// Its value in a search's address (`None` for the default).
    pub fn as_query(self) -> Option<&'static str> {
        match self {
            Sort::Relevance => None,
            Sort::Newest => Some("newest"),
            Sort::Inspiring => Some("inspiring"),
        }
    }

    pub fn from_query(raw: Option<&str>) -> Sort {
        match raw {
            Some("newest") => Sort::Newest,
            Some("inspiring") => Sort::Inspiring,
            _ => Sort::Relevance,
        }
    }
}

/// A search as the URL carries it: `/initiatives?q=jardin&theme=food_gardens&page=2`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub city: Option<i64>,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub sort: Sort,
    #[serde(default)]
    pub page: Option<i64>,
}

impl SearchParams {
    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 10_000)
    }

    pub fn has_filters(&self) -> bool {
        self.theme.is_some() || self.country.is_some() || self.city.is_some() || self.lang.is_some()
    }
}

/// An initiative in a list: search results, "more like this".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InitiativeCard {
    pub id: InitiativeId,
    pub title: String,
    pub summary: String,
    /// The language of the title and summary shown.
    pub language: String,
    pub city_name: Option<String>,
    pub country_name: Option<String>,
    pub themes: Vec<ThemeRef>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// The first photo, if any.
    pub thumbnail: Option<Photo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub total: i64,
    pub page: i64,
    pub page_count: i64,
    pub items: Vec<InitiativeCard>,
    pub facets: Facets,
}

/// An initiative on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    pub id: i64,
    pub latitude: f64,
    pub longitude: f64,
    /// "City, Country".
    pub place: String,
    pub title: String,
    /// Where the popup links: the initiative's page unless given (an event's page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

/// What the map page needs: the points, as JSON for the map script, and the tile settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapData {
    pub points: Vec<MapPoint>,
    pub points_json: String,
    pub tile_url: String,
    pub tile_attribution: String,
}

/// An initiative's texts in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeText {
    pub language: String,
    pub title: String,
    pub summary: String,
    pub description: String,
}

/// A photo as pages show it: a thumbnail linking to the large size, with its description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub id: i64,
    pub large_url: String,
    pub thumbnail_url: String,
    pub width: i64,
    pub height: i64,
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Founder {
    pub name: String,
    /// Set once the founder, a member, confirmed it: the name links to them.
    pub account_id: Option<AccountId>,
    /// That member's handle: the name links to their page.
    pub handle: Option<String>,
}

/// Everything the initiative page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InitiativeDetail {
    pub id: InitiativeId,
    pub status: Status,
    pub original_language: String,
    /// The texts in the reader's language when they exist, in the original language otherwise.
    pub text: InitiativeText,
    /// The description, rendered to safe HTML on the server.
    pub description_html: String,
    pub languages: Vec<String>,
    pub city: Option<City>,
    pub themes: Vec<ThemeRef>,
    pub tags: Vec<String>,
    pub website: String,
    pub links: Vec<String>,
    pub founded_year: Option<i64>,
    pub founders: Vec<Founder>,
    /// What the reader may do about founders' links to members (claim one, answer claims).
    pub founder_claims: founders::FounderClaims,
    pub photos: Vec<Photo>,
    pub spotter_id: AccountId,
    pub spotter_name: String,
    /// `None` once the spotter deleted their account: they are "a former member".
    pub spotter_handle: Option<String>,
    /// RFC 3339, UTC.
    pub published_at: Option<String>,
    /// Why a moderator sent it back or unpublished it: shown to its spotter and moderators.
    pub review_note: Option<String>,
    /// Whether the reader may edit it (its spotter, moderators).
    pub can_edit: bool,
    pub can_review: bool,
    pub more_like_this: Vec<InitiativeCard>,
    /// The events that present (or presented) it, latest first.
    pub events: Vec<crate::events::EventCard>,
    /// Its confirmed inspiration links, both ways.
    #[serde(default)]
    pub inspiration: crate::inspiration::InitiativeLinks,
    /// What it inspired over the generations, and what inspired it.
    #[serde(default)]
    pub lineage: crate::inspiration::Lineage,
    /// Its published video reports, newest first.
    #[serde(default)]
    pub reports: Vec<crate::reports::ReportCard>,
    /// The reader may attach a report (a logged-in member, on a published initiative: the
    /// form tells members without the reporter role how to take it).
    #[serde(default)]
    pub can_report: bool,
    /// The page's absolute address (from PUBLIC_URL), for link previews.
    pub canonical_url: String,
    /// schema.org JSON-LD describing the initiative, made safe to sit in a `<script>` element.
    pub structured_data: String,
}

/// What the spotter does with the form: keep a draft, or send it for review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    #[default]
    SaveDraft,
    Submit,
}

/// The initiative form as typed. Lists are typed one item a line (founders, links) or separated
/// by commas (tags), so that the form works without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeForm {
    /// Empty for a new initiative.
    #[serde(default)]
    pub id: String,
    pub language: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub tags: String,
    #[serde(default)]
    pub founders: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub links: String,
    #[serde(default)]
    pub founded_year: String,
    #[serde(default)]
    pub intent: Intent,
    /// A new initiative started from this event (its id), when someone who came says so.
    #[serde(default)]
    pub event: String,
    /// The initiatives presented there that inspired it (ids).
    #[serde(default)]
    pub inspired_by: Vec<String>,
}

/// An initiative form that passed validation (the city is still a typed name: the server
/// resolves it against the gazetteer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitiativeInput {
    pub id: Option<InitiativeId>,
    pub text: InitiativeText,
    pub city: Option<String>,
    pub themes: Vec<String>,
    pub tags: Vec<String>,
    pub founders: Vec<String>,
    pub website: String,
    pub links: Vec<String>,
    pub founded_year: Option<i64>,
    pub intent: Intent,
}

pub fn parse_language(raw: &str) -> Result<String, ErrorCode> {
    CONTENT_LANGUAGES
        .iter()
        .find(|code| **code == raw.trim())
        .map(|code| (*code).to_owned())
        .ok_or(ErrorCode::UnknownLanguage)
}

/// The items of a list typed one a line (or, with `separator`, separated by it).
fn list_items(raw: &str, separator: char) -> Vec<&str> {
    raw.split([separator, '\n'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect()
}

pub(crate) fn parse_list(
    raw: &str,
    separator: char,
    max_items: usize,
    parse_item: impl Fn(&str) -> Result<String, ErrorCode>,
) -> Result<Vec<String>, ErrorCode> {
    let items = list_items(raw, separator);
    if items.len() > max_items {
        return Err(ErrorCode::TooMany);
    }
    let mut parsed: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let item = parse_item(item)?;
        if !parsed.contains(&item) {
            parsed.push(item);
        }
    }
    Ok(parsed)
}

fn parse_year(raw: &str) -> Result<Option<i64>, ErrorCode> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<i64>() {
        // The upper bound is checked against today's date on the server.
        Ok(year) if (FIRST_FOUNDING_YEAR..=2200).contains(&year) => Ok(Some(year)),
        _ => Err(ErrorCode::InvalidYear),
    }
}

impl InitiativeForm {
    /// Checks every field and reports all refusals at once. A draft needs only a title; a
    /// submission needs everything a reader expects (summary, description, city, a theme).
    pub fn parse(&self) -> Result<InitiativeInput, AppError> {
        let submit = self.intent == Intent::Submit;
        let mut errors = FieldErrors::default();
        let id = match self.id.trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(id) => Some(InitiativeId(id)),
                Err(_) => return Err(AppError::BadRequest),
            },
        };
        let language = errors.check("language", parse_language(&self.language));
        let title = errors.check("title", parse_line(&self.title, TITLE_MAX_CHARS, true));
        let summary = errors.check(
            "summary",
            parse_text(&self.summary, SUMMARY_MAX_CHARS, submit),
        );
        let description = errors.check(
            "description",
            parse_text(&self.description, DESCRIPTION_MAX_CHARS, submit),
        );
        let city = errors.check("city", parse_line(&self.city, TITLE_MAX_CHARS, submit));
        let themes = errors.check("themes", parse_themes(&self.themes, submit));
        let tags = errors.check(
            "tags",
            parse_list(&self.tags, ',', MAX_TAGS, |tag| {
                parse_line(tag, TAG_MAX_CHARS, true)
            }),
        );
        let founders = errors.check(
            "founders",
            parse_list(&self.founders, '\n', MAX_FOUNDERS, |name| {
                parse_line(name, FOUNDER_MAX_CHARS, true)
            }),
        );
        let website = errors.check(
            "website",
            match self.website.trim() {
                "" => Ok(String::new()),
                raw => parse_url(raw),
            },
        );
        let links = errors.check("links", parse_list(&self.links, '\n', MAX_LINKS, parse_url));
        let founded_year = errors.check("founded_year", parse_year(&self.founded_year));
        match (
            language,
            title,
            summary,
            description,
            city,
            themes,
            tags,
            founders,
            website,
            links,
            founded_year,
        ) {
            (
                Some(language),
                Some(title),
                Some(summary),
                Some(description),
                Some(city),
                Some(themes),
                Some(tags),
                Some(founders),
                Some(website),
                Some(links),
                Some(founded_year),
            ) => Ok(InitiativeInput {
                id,
                text: InitiativeText {
                    language,
                    title,
                    summary,
                    description,
                },
                city: (!city.is_empty()).then_some(city),
                themes,
                tags,
                founders,
                website,
                links,
                founded_year,
                intent: self.intent,
            }),
            _ => Err(errors.into_error()),
        }
    }
}

fn parse_themes(raw: &[String], required: bool) -> Result<Vec<String>, ErrorCode> {
    let mut themes: Vec<String> = Vec::new();
    for slug in raw
        .iter()
        .map(|slug| slug.trim())
        .filter(|slug| !slug.is_empty())
    {
        if slug.len() > 64 || !slug.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(ErrorCode::UnknownTheme);
        }
        if !themes.iter().any(|known| known == slug) {
            themes.push(slug.to_owned());
        }
    }
    if required && themes.is_empty() {
        Err(ErrorCode::Required)
    } else if themes.len() > MAX_THEMES {
        Err(ErrorCode::TooMany)
    } else {
        Ok(themes)
    }
}

/// A translation of an initiative's texts into another language, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranslationForm {
    pub id: i64,
    pub language: String,
    pub title: String,
    pub summary: String,
    pub description: String,
}

impl TranslationForm {
    /// A translation carries all three texts: a reader switching language expects a whole page.
    pub fn parse(&self) -> Result<(InitiativeId, InitiativeText), AppError> {
        let mut errors = FieldErrors::default();
        let language = errors.check("language", parse_language(&self.language));
        let title = errors.check("title", parse_line(&self.title, TITLE_MAX_CHARS, true));
        let summary = errors.check(
            "summary",
            parse_text(&self.summary, SUMMARY_MAX_CHARS, true),
        );
        let description = errors.check(
            "description",
            parse_text(&self.description, DESCRIPTION_MAX_CHARS, true),
        );
        match (language, title, summary, description) {
            (Some(language), Some(title), Some(summary), Some(description)) => Ok((
                InitiativeId(self.id),
                InitiativeText {
                    language,
                    title,
                    summary,
                    description,
                },
            )),
            _ => Err(errors.into_error()),
        }
    }
}

/// A theme an admin adds: its name in each interface language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewThemeForm {
    pub name_en: String,
    pub name_fr: String,
}

impl NewThemeForm {
    /// (slug, [(language, label)]): the slug comes from the English name ("Night life" -> night_life).
    pub fn parse(&self) -> Result<(String, Vec<(String, String)>), AppError> {
        let mut errors = FieldErrors::default();
        let english = errors.check("name_en", parse_line(&self.name_en, 60, true));
        let french = errors.check("name_fr", parse_line(&self.name_fr, 60, true));
        let (Some(english), Some(french)) = (english, french) else {
            return Err(errors.into_error());
        };
        let slug: String = english
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_lowercase() { c } else { '_' })
            .collect::<String>()
            .split('_')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        if slug.is_empty() {
            return Err(AppError::field("name_en", ErrorCode::InvalidThemeName));
        }
        Ok((
            slug,
            vec![("en".to_owned(), english), ("fr".to_owned(), french)],
        ))
    }
}

/// A moderator's decision on a submitted (or published) initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Return,
    Unpublish,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Approve, Decision::Return, Decision::Unpublish];

    /// Where a moderator's decision moves something in `current`; `None` when it cannot.
    pub fn next_status(self, current: Status) -> Option<Status> {
        match (self, current) {
            (Decision::Approve, Status::Submitted | Status::Unpublished) => Some(Status::Published),
            (Decision::Return, Status::Submitted) => Some(Status::Returned),
            (Decision::Unpublish, Status::Published) => Some(Status::Unpublished),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub id: i64,
    pub decision: Option<Decision>,
    /// Required when sending back or unpublishing: the spotter reads it.
    #[serde(default)]
    pub note: String,
}

pub const REVIEW_NOTE_MAX_CHARS: usize = 1_000;

/// An initiative waiting for review, or one of a spotter's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeSummary {
    pub id: InitiativeId,
    pub title: String,
    pub status: Status,
    pub spotter_name: String,
    /// `None` once the spotter deleted their account.
    pub spotter_handle: Option<String>,
    pub city_name: Option<String>,
    /// RFC 3339, UTC.
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete_form() -> InitiativeForm {
        InitiativeForm {
            language: "fr".into(),
            title: "Repair Café".into(),
            summary: "On répare ensemble.".into(),
            description: "Chaque mois, des bénévoles réparent.".into(),
            city: "Paris, France".into(),
            themes: vec!["solidarity".into()],
            tags: "réparation, vélo, réparation".into(),
            founders: "Martine Postma\n".into(),
            website: "https://repaircafe.org".into(),
            links: "https://example.org/a\nhttps://example.org/b".into(),
            founded_year: "2009".into(),
            intent: Intent::Submit,
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_submission_parses() {
        let input = complete_form().parse().unwrap();
        assert_eq!(input.tags, ["réparation", "vélo"]);
        assert_eq!(input.founders, ["Martine Postma"]);
        assert_eq!(input.links.len(), 2);
        assert_eq!(input.founded_year, Some(2009));
        assert_eq!(input.city.as_deref(), Some("Paris, France"));
    }

    #[test]
    fn a_draft_needs_only_a_title() {
        let draft = InitiativeForm {
            language: "en".into(),
            title: "Tool library".into(),
            ..Default::default()
        };
        let input = draft.parse().unwrap();
        assert_eq!(input.intent, Intent::SaveDraft);
        assert_eq!(input.city, None);
    }

    #[test]
    fn a_submission_reports_every_missing_field() {
        let form = InitiativeForm {
            language: "en".into(),
            intent: Intent::Submit,
            ..Default::default()
        };
        let error = form.parse().unwrap_err();
        for field in ["title", "summary", "description", "city", "themes"] {
            assert_eq!(error.code_for(field), Some(ErrorCode::Required), "{field}");
        }
    }

    #[test]
    fn bad_values_are_refused_with_their_reason() {
        let mut form = complete_form();
        form.title = "x".repeat(TITLE_MAX_CHARS + 1);
        form.website = "javascript:alert(1)".into();
        form.links = "https://ok.example\ndata:text/html,x".into();
        form.founded_year = "1492".into();
        form.language = "xx".into();
        form.tags = (0..=MAX_TAGS)
            .map(|i| format!("t{i}"))
            .collect::<Vec<_>>()
            .join(",");
        form.themes = vec!["a".into(), "b".into(), "c".into(), "d".into()];
        form.summary = "bell\u{7}".into();
        let error = form.parse().unwrap_err();
        assert_eq!(error.code_for("title"), Some(ErrorCode::TooLong));
        assert_eq!(error.code_for("website"), Some(ErrorCode::InvalidUrl));
        assert_eq!(error.code_for("links"), Some(ErrorCode::InvalidUrl));
        assert_eq!(error.code_for("founded_year"), Some(ErrorCode::InvalidYear));
        assert_eq!(error.code_for("language"), Some(ErrorCode::UnknownLanguage));
        assert_eq!(error.code_for("tags"), Some(ErrorCode::TooMany));
        assert_eq!(error.code_for("themes"), Some(ErrorCode::TooMany));
        assert_eq!(
            error.code_for("summary"),
            Some(ErrorCode::ControlCharacters)
        );
    }

    #[test]
    fn a_new_theme_gets_a_slug_from_its_english_name() {
        let form = NewThemeForm {
            name_en: " Night life & Music ".into(),
            name_fr: "Vie nocturne".into(),
        };
        let (slug, labels) = form.parse().unwrap();
        assert_eq!(slug, "night_life_music");
        assert_eq!(labels[1], ("fr".to_owned(), "Vie nocturne".to_owned()));
        let error = NewThemeForm {
            name_en: "日本".into(),
            name_fr: "Japon".into(),
        }
        .parse()
        .unwrap_err();
        assert_eq!(error.code_for("name_en"), Some(ErrorCode::InvalidThemeName));
    }

    #[test]
    fn only_web_addresses_are_links() {
        for good in [
            "https://a.example",
            "http://a.example/path?x=1#y",
            "https://xn--caf-dma.example",
        ] {
            assert!(parse_url(good).is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>",
            "//evil.example",
            "https://",
            "https://nodot",
            "https://a.example/ spaced",
            "https://<script>.example",
            "ftp://a.example",
        ] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
    }
}
