//! Member profiles: what crosses the wire, and the validation of what members type about
//! themselves. Compiles for the browser too.
pub mod api;
pub mod arrivals;
#[cfg(feature = "ssr")]
pub mod avatar;
pub mod city_page;
pub mod credit;
pub mod directory;
pub mod edit_page;
pub mod handle;
pub mod labels;
pub mod profile_page;
#[cfg(feature = "ssr")]
pub mod store;

use crate::cities::City;
use crate::error::{AppError, ErrorCode, FieldErrors};
use crate::initiatives::{parse_language, InitiativeCard, ThemeRef};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const HEADLINE_MAX_CHARS: usize = 120;
pub const BIO_MAX_CHARS: usize = 2_000;
pub const SKILL_MAX_CHARS: usize = 40;
pub const MAX_SKILLS: usize = 10;
pub const MAX_LINKS: usize = 5;
pub const MAX_THEMES: usize = 5;

/// "/members/ana-lima": a member's page.
pub fn member_path(handle: &str) -> String {
    format!("/members/{handle}")
}

/// The three gestures of the movement, as roles a member takes up. They say what a member does,
/// not what they may do: permissions are `accounts::Role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributorRole {
    Spotter,
    Reporter,
    Shaker,
}

impl ContributorRole {
    pub const ALL: [ContributorRole; 3] = [
        ContributorRole::Spotter,
        ContributorRole::Reporter,
        ContributorRole::Shaker,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContributorRole::Spotter => "spotter",
            ContributorRole::Reporter => "reporter",
            ContributorRole::Shaker => "shaker",
        }
    }

    pub fn parse(raw: &str) -> Option<ContributorRole> {
        Self::ALL.into_iter().find(|role| role.as_str() == raw)
    }
}

/// Who may see a part of a profile. The owner always sees all of it; moderators see what members
/// see.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Public,
    #[default]
    Members,
    Hidden,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Visibility::Public, Visibility::Members, Visibility::Hidden];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Members => "members",
            Visibility::Hidden => "hidden",
        }
    }

    pub fn parse(raw: &str) -> Option<Visibility> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }

    pub fn lets_see(self, reader: Reader) -> bool {
        matches!(
            (self, reader),
            (_, Reader::Owner) | (Visibility::Public, _) | (Visibility::Members, Reader::Member)
        )
    }
}

/// Who reads a profile, as far as privacy goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Visitor,
    Member,
    Owner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LanguageLevel {
    Basic,
    Conversational,
    Fluent,
    Native,
}

impl LanguageLevel {
    pub const ALL: [LanguageLevel; 4] = [
        LanguageLevel::Basic,
        LanguageLevel::Conversational,
        LanguageLevel::Fluent,
        LanguageLevel::Native,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LanguageLevel::Basic => "basic",
            LanguageLevel::Conversational => "conversational",
            LanguageLevel::Fluent => "fluent",
            LanguageLevel::Native => "native",
        }
    }

    pub fn parse(raw: &str) -> Option<LanguageLevel> {
        Self::ALL.into_iter().find(|level| level.as_str() == raw)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpokenLanguage {
    pub language: String,
    pub level: LanguageLevel,
}

/// A member's headline and bio in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileText {
    pub language: String,
    pub headline: String,
    pub bio: String,
}

/// A member's page, as one reader may see it: what the member hid from that reader is not in it
/// at all (their email never is).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberProfile {
    pub handle: String,
    /// `None`: their initials are shown instead.
    pub avatar_url: Option<String>,
    pub display_name: String,
    pub roles: Vec<ContributorRole>,
    pub city: Option<City>,
    pub languages: Vec<SpokenLanguage>,
    pub links: Vec<String>,
    pub themes: Vec<ThemeRef>,
    pub skills: Vec<String>,
    /// The headline and bio in the reader's language when written, in the original otherwise.
    pub text: Option<ProfileText>,
    /// The language the member wrote their texts in first.
    pub original_language: String,
    /// Every language the texts exist in.
    pub text_languages: Vec<String>,
    /// "2026-11": when they joined.
    pub member_since: String,
    /// Published initiatives they spotted, newest first.
    pub spotted: Vec<InitiativeCard>,
    /// Events they organise or co-organise (not cancelled), latest first.
    pub organised: Vec<crate::events::EventCard>,
    /// Published video reports they filmed, newest first.
    #[serde(default)]
    pub reported: Vec<crate::reports::ReportCard>,
    /// The reader is this member.
    pub is_own: bool,
}

/// What `/members/<handle>` finds: the member, or the handle they moved to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ProfileLookup {
    Found(Box<MemberProfile>),
    MovedTo(String),
}

/// One language tab of the profile form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileTextForm {
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub bio: String,
    /// Set (to anything) when the member asks to remove this language.
    #[serde(default)]
    pub remove: Option<String>,
}

/// The profile form as typed. Lists are typed as in the initiative form (links one a line,
/// skills separated by commas), so that it works without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    /// Shown on the form, never saved from it: the avatar has its own upload form.
    #[serde(default)]
    pub avatar_url: Option<String>,
    #[serde(default)]
    pub handle: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub city_visibility: String,
    #[serde(default)]
    pub links_visibility: String,
    #[serde(default)]
    pub languages_visibility: String,
    #[serde(default)]
    pub roles: Vec<String>,
    /// Language code -> level ("" for a language not spoken).
    #[serde(default)]
    pub spoken: BTreeMap<String, String>,
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub skills: String,
    #[serde(default)]
    pub links: String,
    /// The language of the original texts.
    #[serde(default)]
    pub original_language: String,
    #[serde(default)]
    pub texts: Vec<ProfileTextForm>,
}

/// A profile form that passed validation (the city and themes are checked on the server against
/// the gazetteer and the theme list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileInput {
    pub handle: String,
    pub display_name: String,
    /// "City, Country" as typed, `None` when left empty.
    pub city: Option<String>,
    pub city_visibility: Visibility,
    pub links_visibility: Visibility,
    pub languages_visibility: Visibility,
    pub roles: Vec<ContributorRole>,
    pub spoken: Vec<SpokenLanguage>,
    pub themes: Vec<String>,
    pub skills: Vec<String>,
    pub links: Vec<String>,
    /// Empty when there are no texts.
    pub original_language: String,
    pub texts: Vec<ProfileText>,
}

/// The form name of field `name` of the text tab at `index`: `texts.0.bio`.
pub fn text_field(index: usize, name: &str) -> String {
    format!("texts.{index}.{name}")
}

fn parse_visibility(raw: &str) -> Result<Visibility, ErrorCode> {
    if raw.trim().is_empty() {
        return Ok(Visibility::default());
    }
    Visibility::parse(raw.trim()).ok_or(ErrorCode::UnknownVisibility)
}

fn parse_roles(raw: &[String]) -> Result<Vec<ContributorRole>, ErrorCode> {
    let mut roles = raw
        .iter()
        .filter(|role| !role.trim().is_empty())
        .map(|role| ContributorRole::parse(role.trim()).ok_or(ErrorCode::UnknownRole))
        .collect::<Result<Vec<_>, _>>()?;
    roles.sort();
    roles.dedup();
    Ok(roles)
}

fn parse_spoken(raw: &BTreeMap<String, String>) -> Result<Vec<SpokenLanguage>, ErrorCode> {
    let mut spoken = Vec::new();
    for (language, level) in raw {
        if level.trim().is_empty() {
            continue;
        }
        let language = parse_language(language)?;
        let level = LanguageLevel::parse(level.trim()).ok_or(ErrorCode::UnknownLevel)?;
        spoken.push(SpokenLanguage { language, level });
    }
    Ok(spoken)
}

fn parse_skills(raw: &str) -> Result<Vec<String>, ErrorCode> {
    crate::initiatives::parse_list(raw, ',', MAX_SKILLS, |skill| {
        crate::validation::parse_line(skill, SKILL_MAX_CHARS, true)
    })
}

fn parse_links(raw: &str) -> Result<Vec<String>, ErrorCode> {
    crate::initiatives::parse_list(raw, '\n', MAX_LINKS, crate::validation::parse_url)
}

fn parse_themes(raw: &[String]) -> Result<Vec<String>, ErrorCode> {
    let mut themes: Vec<String> = raw
        .iter()
        .map(|slug| slug.trim().to_owned())
        .filter(|slug| !slug.is_empty())
        .collect();
    themes.dedup();
    if themes.len() > MAX_THEMES {
        return Err(ErrorCode::TooMany);
    }
    Ok(themes)
}

impl ProfileForm {
    /// Checks every field and reports all refusals at once.
    pub fn parse(&self) -> Result<ProfileInput, AppError> {
        let mut errors = FieldErrors::default();
        let handle = errors.check("handle", handle::parse_handle(&self.handle));
        let display_name = errors.check(
            "display_name",
            crate::accounts::parse_display_name(&self.display_name),
        );
        let city = errors.check(
            "city",
            crate::validation::parse_line(&self.city, crate::accounts::CITY_MAX_CHARS, false),
        );
        let city_visibility =
            errors.check("city_visibility", parse_visibility(&self.city_visibility));
        let links_visibility =
            errors.check("links_visibility", parse_visibility(&self.links_visibility));
        let languages_visibility = errors.check(
            "languages_visibility",
            parse_visibility(&self.languages_visibility),
        );
        let roles = errors.check("roles", parse_roles(&self.roles));
        let spoken = errors.check("spoken", parse_spoken(&self.spoken));
        let themes = errors.check("themes", parse_themes(&self.themes));
        let skills = errors.check("skills", parse_skills(&self.skills));
        let links = errors.check("links", parse_links(&self.links));
        let texts = parse_texts(&self.texts, &mut errors);
        match (
            handle,
            display_name,
            city,
            city_visibility,
            links_visibility,
            languages_visibility,
            roles,
            spoken,
            themes,
            skills,
            links,
        ) {
            (
                Some(handle),
                Some(display_name),
                Some(city),
                Some(city_visibility),
                Some(links_visibility),
                Some(languages_visibility),
                Some(roles),
                Some(spoken),
                Some(themes),
                Some(skills),
                Some(links),
            ) => {
                errors.into_result()?;
                let original_language = original_of(&texts, self.original_language.trim());
                Ok(ProfileInput {
                    handle,
                    display_name,
                    city: (!city.is_empty()).then_some(city),
                    city_visibility,
                    links_visibility,
                    languages_visibility,
                    roles,
                    spoken,
                    themes,
                    skills,
                    links,
                    original_language,
                    texts,
                })
            }
            _ => Err(errors.into_error()),
        }
    }
}

/// The tabs kept: a tab asked to be removed, or left blank (the empty "add a language" tab), is
/// dropped; each kept tab needs a known language of its own and texts within their limits.
fn parse_texts(tabs: &[ProfileTextForm], errors: &mut FieldErrors) -> Vec<ProfileText> {
    let mut kept: Vec<ProfileText> = Vec::new();
    for (index, tab) in tabs.iter().enumerate() {
        let blank = tab.headline.trim().is_empty() && tab.bio.trim().is_empty();
        if tab.remove.is_some() || (blank && tab.language.trim().is_empty()) {
            continue;
        }
        let language = errors.check(
            &text_field(index, "language"),
            parse_language(&tab.language),
        );
        let headline = errors.check(
            &text_field(index, "headline"),
            crate::validation::parse_line(&tab.headline, HEADLINE_MAX_CHARS, false),
        );
        let bio = errors.check(
            &text_field(index, "bio"),
            crate::validation::parse_text(&tab.bio, BIO_MAX_CHARS, false),
        );
        if blank {
            errors.add(&text_field(index, "bio"), ErrorCode::Required);
            continue;
        }
        let (Some(language), Some(headline), Some(bio)) = (language, headline, bio) else {
            continue;
        };
        if kept.iter().any(|text| text.language == language) {
            errors.add(&text_field(index, "language"), ErrorCode::DuplicateLanguage);
            continue;
        }
        kept.push(ProfileText {
            language,
            headline,
            bio,
        });
    }
    kept
}

/// The original language: the one chosen when it is still among the texts, else the first text's.
fn original_of(texts: &[ProfileText], chosen: &str) -> String {
    texts
        .iter()
        .find(|text| text.language == chosen)
        .or(texts.first())
        .map(|text| text.language.clone())
        .unwrap_or_default()
}

/// The text a reader of `reader_language` sees: theirs when written, else the original.
pub fn text_for_reader(
    texts: &[ProfileText],
    original: &str,
    reader_language: &str,
) -> Option<ProfileText> {
    texts
        .iter()
        .find(|text| text.language == reader_language)
        .or_else(|| texts.iter().find(|text| text.language == original))
        .or(texts.first())
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(language: &str, bio: &str) -> ProfileTextForm {
        ProfileTextForm {
            language: language.into(),
            headline: format!("headline {language}"),
            bio: bio.into(),
            remove: None,
        }
    }

    fn form() -> ProfileForm {
        ProfileForm {
            avatar_url: None,
            handle: "Ana-Lima".into(),
            display_name: " Ana Lima ".into(),
            city: "Porto, Portugal".into(),
            city_visibility: "public".into(),
            links_visibility: "hidden".into(),
            languages_visibility: "".into(),
            roles: vec!["shaker".into(), "spotter".into(), "shaker".into()],
            spoken: BTreeMap::from([
                ("pt".into(), "native".into()),
                ("fr".into(), "fluent".into()),
                ("de".into(), "".into()),
            ]),
            themes: vec!["food_gardens".into()],
            skills: "facilitation, gardening,  , facilitation".into(),
            links: "https://ana.example.org\n\nhttps://social.example/@ana".into(),
            original_language: "pt".into(),
            texts: vec![
                text("fr", "Bonjour"),
                text("pt", "Olá"),
                ProfileTextForm::default(),
            ],
        }
    }

    #[test]
    fn a_good_profile_is_trimmed_and_its_lists_deduplicated() {
        let input = form().parse().expect("valid");
        assert_eq!(input.handle, "ana-lima");
        assert_eq!(input.display_name, "Ana Lima");
        assert_eq!(input.city.as_deref(), Some("Porto, Portugal"));
        assert_eq!(input.city_visibility, Visibility::Public);
        assert_eq!(input.links_visibility, Visibility::Hidden);
        assert_eq!(
            input.languages_visibility,
            Visibility::Members,
            "the default"
        );
        assert_eq!(
            input.roles,
            vec![ContributorRole::Spotter, ContributorRole::Shaker]
        );
        assert_eq!(
            input.spoken.len(),
            2,
            "an empty level is a language not spoken"
        );
        assert_eq!(input.skills, vec!["facilitation", "gardening"]);
        assert_eq!(input.links.len(), 2);
        assert_eq!(input.original_language, "pt");
        assert_eq!(input.texts.len(), 2, "the blank tab is dropped");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = ProfileForm {
            handle: "admin".into(),
            display_name: "".into(),
            city_visibility: "friends".into(),
            roles: vec!["mayor".into()],
            spoken: BTreeMap::from([("pt".into(), "perfect".into())]),
            links: "javascript:alert(1)".into(),
            skills: "x".repeat(SKILL_MAX_CHARS + 1),
            texts: vec![
                text("fr", &"é".repeat(BIO_MAX_CHARS + 1)),
                text("xx", "?"),
                text("pt", "Olá"),
                text("pt", "Olá de novo"),
                ProfileTextForm {
                    language: "es".into(),
                    ..Default::default()
                },
            ],
            ..form()
        };
        let error = bad.parse().expect_err("invalid");
        for (field, code) in [
            ("handle", ErrorCode::HandleReserved),
            ("display_name", ErrorCode::Required),
            ("city_visibility", ErrorCode::UnknownVisibility),
            ("roles", ErrorCode::UnknownRole),
            ("spoken", ErrorCode::UnknownLevel),
            ("links", ErrorCode::InvalidUrl),
            ("skills", ErrorCode::TooLong),
            ("texts.0.bio", ErrorCode::TooLong),
            ("texts.1.language", ErrorCode::UnknownLanguage),
            ("texts.3.language", ErrorCode::DuplicateLanguage),
            ("texts.4.bio", ErrorCode::Required),
        ] {
            assert_eq!(error.code_for(field), Some(code), "{field}");
        }
    }

    #[test]
    fn a_removed_tab_is_dropped_and_the_original_moves_to_a_kept_one() {
        let mut form = form();
        form.texts[1].remove = Some("on".into());
        let input = form.parse().expect("valid");
        assert_eq!(input.texts.len(), 1);
        assert_eq!(input.original_language, "fr");
        form.texts.clear();
        assert_eq!(form.parse().expect("valid").original_language, "");
    }

    #[test]
    fn only_the_owner_sees_what_is_hidden_and_visitors_only_what_is_public() {
        use Reader::*;
        assert!(Visibility::Public.lets_see(Visitor));
        assert!(!Visibility::Members.lets_see(Visitor));
        assert!(Visibility::Members.lets_see(Member));
        assert!(!Visibility::Hidden.lets_see(Member));
        assert!(Visibility::Hidden.lets_see(Owner));
    }

    #[test]
    fn a_reader_gets_their_language_else_the_original() {
        let texts = vec![
            ProfileText {
                language: "fr".into(),
                ..Default::default()
            },
            ProfileText {
                language: "pt".into(),
                ..Default::default()
            },
        ];
        let language_for =
            |reader: &str| text_for_reader(&texts, "fr", reader).map(|text| text.language);
        assert_eq!(language_for("pt").as_deref(), Some("pt"));
        assert_eq!(language_for("de").as_deref(), Some("fr"));
        assert_eq!(text_for_reader(&[], "fr", "de"), None);
    }
}
