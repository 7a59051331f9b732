//! Server functions of New CITYzens Days: public HTTP endpoints under /api/days/...
use super::{
    DayCard, DayDetail, DayForm, DayList, DayProgress, DayTranslationForm, DayTranslationStart,
};
use crate::error::AppError;
use crate::events::EventForm;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Creates or edits a Day (admins). A new Day's date must not be over everywhere already, nor
/// an edited Day's new date; the featured initiative must be published. Shows the Day's page.
#[server(prefix = "/api", endpoint = "days/save")]
pub async fn save_day(form: DayForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::save(form).await)
}

/// A Day as its edit form shows it (admins).
#[server(prefix = "/api", endpoint = "days/editable", input = GetUrl)]
pub async fn editable_day(id: i64) -> Result<DayForm, AppError> {
    crate::server::request::with_status(ssr::editable(id).await)
}

/// The translation form of a Day in `language` (admins).
#[server(prefix = "/api", endpoint = "days/translation", input = GetUrl)]
pub async fn day_translation(id: i64, language: String) -> Result<DayTranslationStart, AppError> {
    crate::server::request::with_status(ssr::translation(id, &language).await)
}

/// Saves a Day's name and kit in another language (admins).
#[server(prefix = "/api", endpoint = "days/translate")]
pub async fn translate_day(form: DayTranslationForm) -> Result<(), AppError> {
    crate::server::request::with_status(ssr::translate(form).await)
}

/// A Day's page (anyone).
#[server(prefix = "/api", endpoint = "days/get", input = GetUrl)]
pub async fn read_day(id: i64, language: String) -> Result<DayDetail, AppError> {
    crate::server::request::with_status(ssr::detail(id, &language).await)
}

/// The part of a Day's page that moves (cities, events, sign-ups, totals), which the page
/// asks again every minute (anyone).
#[server(prefix = "/api", endpoint = "days/progress", input = GetUrl)]
pub async fn load_day_progress(id: i64, language: String) -> Result<DayProgress, AppError> {
    crate::server::request::with_status(ssr::progress_of(id, &language).await)
}

/// The Days to come and past (anyone).
#[server(prefix = "/api", endpoint = "days/list", input = GetUrl)]
pub async fn list_days(language: String) -> Result<DayList, AppError> {
    crate::server::request::with_status(ssr::list(&language).await)
}

/// The next Day, for the home page (anyone).
#[server(prefix = "/api", endpoint = "days/next", input = GetUrl)]
pub async fn next_day(language: String) -> Result<Option<DayCard>, AppError> {
    crate::server::request::with_status(ssr::next(&language).await)
}

/// The event form prefilled from a Day's kit, for a shaker joining it.
#[server(prefix = "/api", endpoint = "days/event-form", input = GetUrl)]
pub async fn day_event_form(day: i64, language: String) -> Result<EventForm, AppError> {
    crate::server::request::with_status(ssr::event_form(day, &language).await)
}

#[cfg(feature = "ssr")]
pub(crate) use ssr::require_joinable;

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::accounts::session::{current_account, require_member, require_role};
    use crate::accounts::{CurrentAccount, Role};
    use crate::days::calendar::{days_until, first_not_over, phase};
    use crate::days::store::{self, DayHeading, EventRow};
    use crate::days::{DayCity, DayId, DayPhase, DayTextsView, Joining};
    use crate::error::ErrorCode;
    use crate::initiatives::api::reader_language;
    use crate::initiatives::{InitiativeId, MapPoint, Status};
    use crate::inspiration::{EndKind, LinkEnd};
    use crate::server::state::app_state;
    use crate::text::markdown::to_safe_html;
    use time::OffsetDateTime;

    /// Days listed on the Days page, each way.
    const LISTED: i64 = 50;

    pub async fn save(form: DayForm) -> Result<(), AppError> {
        let admin = require_role(Role::Admin).await?;
        let state = app_state()?;
        let input = form.parse()?;
        let now = OffsetDateTime::now_utc();
        let stored = match input.id {
            Some(id) => Some(
                store::heading(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            ),
            None => None,
        };
        let moved = stored.as_ref().is_none_or(|day| day.date != input.date);
        if moved && phase(input.date, now) == DayPhase::Over {
            return Err(AppError::field("date", ErrorCode::InPast));
        }
        if let (Some(id), true) = (input.id, moved) {
            // Its events were planned on the date: their shakers would be left on another day.
            if store::live_events(&state.db, id).await? > 0 {
                return Err(AppError::field("date", ErrorCode::DayHasEvents));
            }
        }
        let published =
            crate::initiatives::store::ownership(&state.db, InitiativeId(input.initiative))
                .await?
                .is_some_and(|owner| owner.status == Status::Published);
        if !published {
            return Err(AppError::field("initiative", ErrorCode::UnknownInitiative));
        }
        let id = match input.id {
            Some(id) => {
                store::update(&state.db, id, &input, now).await?;
                id
            }
            None => store::create(&state.db, &input, admin.id, now).await?,
        };
        leptos_axum::redirect(&id.path());
        Ok(())
    }

    pub async fn editable(id: i64) -> Result<DayForm, AppError> {
        require_role(Role::Admin).await?;
        store::editable(&app_state()?.db, DayId(id))
            .await?
            .ok_or(AppError::NotFound)
    }

    pub async fn translation(id: i64, language: &str) -> Result<DayTranslationStart, AppError> {
        require_role(Role::Admin).await?;
        let state = app_state()?;
        let id = DayId(id);
        let day = store::heading(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let texts = store::texts(&state.db, id).await?;
        let name = store::texts_in(texts.clone(), &day.original_language)
            .map(|texts| texts.name)
            .unwrap_or_default();
        let asked = texts
            .into_iter()
            .find(|texts| texts.language == language && language != day.original_language)
            .map(store::texts_form)
            .unwrap_or_else(|| crate::days::DayTextsForm {
                language: language.to_owned(),
                ..Default::default()
            });
        Ok(DayTranslationStart {
            id,
            name,
            original_language: day.original_language,
            texts: asked,
        })
    }

    pub async fn translate(form: DayTranslationForm) -> Result<(), AppError> {
        require_role(Role::Admin).await?;
        let state = app_state()?;
        let id = DayId(form.day);
        let day = store::heading(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let texts = form.texts.parse()?;
        if texts.language == day.original_language {
            return Err(AppError::field("language", ErrorCode::SameAsOriginal));
        }
        store::save_translation(&state.db, id, &texts).await?;
        leptos_axum::redirect(&id.path());
        Ok(())
    }

    pub async fn detail(id: i64, language: &str) -> Result<DayDetail, AppError> {
        let state = app_state()?;
        let reader = current_account().await?;
        let id = DayId(id);
        let day = store::heading(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let language = reader_language(language);
        let all_texts = store::texts(&state.db, id).await?;
        let languages = all_texts
            .iter()
            .map(|texts| texts.language.clone())
            .collect();
        let texts = store::texts_in(all_texts, language).ok_or(AppError::NotFound)?;
        let now = OffsetDateTime::now_utc();
        let day_phase = phase(day.date, now);
        let initiative = featured(&state.db, day.initiative, language).await?;
        Ok(DayDetail {
            id,
            date: crate::validation::date_field(day.date),
            phase: day_phase,
            call_open: day.call_open,
            texts: DayTextsView {
                language: texts.language,
                name: texts.name,
                call_html: to_safe_html(&texts.call_text),
                what_to_do_html: to_safe_html(&texts.what_to_do),
                what_to_bring_html: to_safe_html(&texts.what_to_bring),
                programme_html: to_safe_html(&texts.programme),
                poster: texts.poster,
            },
            original_language: day.original_language.clone(),
            languages,
            initiative,
            progress: progress(&state.db, id, &day, language, now).await?,
            joining: joining(&state.db, reader.as_ref(), &day, day_phase).await?,
            can_manage: reader
                .as_ref()
                .is_some_and(|reader| reader.has_role(Role::Admin)),
            tile_url: state.config.tile_url.clone(),
            tile_attribution: state.config.tile_attribution.clone(),
        })
    }

    /// The featured initiative; linked only while it is published (moderators may take it
    /// down after the Day was announced).
    async fn featured(db: &crate::db::Db, id: i64, language: &str) -> Result<LinkEnd, AppError> {
        let owner = crate::initiatives::store::ownership(db, InitiativeId(id)).await?;
        let card = crate::initiatives::store::cards(db, &[id], language).await?;
        let card = card.into_iter().next().ok_or(AppError::Internal)?;
        Ok(LinkEnd {
            kind: EndKind::Initiative,
            id,
            title: card.title,
            city: card.city_name,
            public: owner.is_some_and(|owner| owner.status == Status::Published),
        })
    }

    async fn joining(
        db: &crate::db::Db,
        reader: Option<&CurrentAccount>,
        day: &DayHeading,
        day_phase: DayPhase,
    ) -> Result<Joining, AppError> {
        if !day.call_open || day_phase == DayPhase::Over {
            return Ok(Joining::Closed);
        }
        Ok(match reader {
            None => Joining::Visitor,
            Some(reader) if crate::events::api::is_shaker(db, reader).await? => Joining::Shaker,
            Some(_) => Joining::NotAShaker,
        })
    }

    pub async fn progress_of(id: i64, language: &str) -> Result<DayProgress, AppError> {
        let state = app_state()?;
        let id = DayId(id);
        let day = store::heading(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let now = OffsetDateTime::now_utc();
        progress(&state.db, id, &day, reader_language(language), now).await
    }

    /// The Day's cities with their events, countdowns and outcomes, and the totals: four
    /// queries whatever the number of cities.
    async fn progress(
        db: &crate::db::Db,
        id: DayId,
        day: &DayHeading,
        language: &str,
        now: OffsetDateTime,
    ) -> Result<DayProgress, AppError> {
        let (events, outcomes, started) = tokio::try_join!(
            store::events(db, id),
            store::outcomes(db, id),
            store::started(db, id),
        )?;
        let started_ids: Vec<i64> = started.iter().map(|(_, initiative)| *initiative).collect();
        let started_cards = crate::initiatives::store::cards(db, &started_ids, language).await?;
        let started_at = |event: i64| -> Vec<LinkEnd> {
            started
                .iter()
                .filter(|(at, _)| *at == event)
                .filter_map(|(_, initiative)| {
                    started_cards.iter().find(|card| card.id.0 == *initiative)
                })
                .map(|card| LinkEnd {
                    kind: EndKind::Initiative,
                    id: card.id.0,
                    title: card.title.clone(),
                    city: card.city_name.clone(),
                    public: true,
                })
                .collect()
        };
        let mut cities: Vec<DayCity> = Vec::new();
        let mut last_city = None;
        for row in &events {
            if last_city != Some(row.city_id) {
                cities.push(city_of(row, day, language, now));
                last_city = Some(row.city_id);
            }
            if let Some(city) = cities.last_mut() {
                city.events
                    .push(store::day_event(row, &outcomes, started_at(row.id)));
            }
        }
        Ok(DayProgress {
            cities,
            totals: store::totals(&events),
            points_json: points_json(&events, language)?,
        })
    }

    fn city_of(row: &EventRow, day: &DayHeading, language: &str, now: OffsetDateTime) -> DayCity {
        let country = crate::cities::country_names::country_name(&row.country_code, language)
            .unwrap_or(&row.country_code);
        DayCity {
            name: row.city_name.clone(),
            country: country.to_owned(),
            days_until: days_until(day.date, &row.timezone, now),
            events: Vec::new(),
        }
    }

    fn points_json(events: &[EventRow], language: &str) -> Result<String, AppError> {
        let points: Vec<MapPoint> = events
            .iter()
            .filter(|event| !event.cancelled)
            .map(|event| {
                let country =
                    crate::cities::country_names::country_name(&event.country_code, language)
                        .unwrap_or(&event.country_code);
                MapPoint {
                    id: event.id,
                    latitude: event.latitude,
                    longitude: event.longitude,
                    place: format!("{}, {country}", event.city_name),
                    title: event.title.clone(),
                    href: Some(crate::events::EventId(event.id).path()),
                }
            })
            .collect();
        serde_json::to_string(&points).map_err(|error| {
            tracing::error!(%error, "day points do not serialise");
            AppError::Internal
        })
    }

    pub async fn list(language: &str) -> Result<DayList, AppError> {
        let state = app_state()?;
        let reader = current_account().await?;
        let language = reader_language(language);
        // A Day stays "to come" until it is over in every zone.
        let today = first_not_over(OffsetDateTime::now_utc());
        Ok(DayList {
            upcoming: store::cards(&state.db, today, true, LISTED, language).await?,
            past: store::cards(&state.db, today, false, LISTED, language).await?,
            can_manage: reader.is_some_and(|reader| reader.has_role(Role::Admin)),
        })
    }

    pub async fn next(language: &str) -> Result<Option<DayCard>, AppError> {
        let state = app_state()?;
        let today = first_not_over(OffsetDateTime::now_utc());
        let next = store::cards(&state.db, today, true, 1, reader_language(language)).await?;
        Ok(next.into_iter().next())
    }

    /// The Day a shaker's new event joins, when it may: the Day exists, its call is open and
    /// it is not over everywhere.
    pub async fn require_joinable(db: &crate::db::Db, id: DayId) -> Result<DayHeading, AppError> {
        let day = store::heading(db, id).await?.ok_or(AppError::NotFound)?;
        if !day.call_open || phase(day.date, OffsetDateTime::now_utc()) == DayPhase::Over {
            return Err(AppError::whole_form(ErrorCode::DayClosed));
        }
        Ok(day)
    }

    pub async fn event_form(id: i64, language: &str) -> Result<EventForm, AppError> {
        let member = require_member().await?;
        let state = app_state()?;
        if !crate::events::api::is_shaker(&state.db, &member).await? {
            return Err(AppError::Forbidden);
        }
        let id = DayId(id);
        let day = require_joinable(&state.db, id).await?;
        let texts = store::texts_in(
            store::texts(&state.db, id).await?,
            reader_language(language),
        )
        .ok_or(AppError::NotFound)?;
        let date = crate::validation::date_field(day.date);
        let locale = crate::initiatives::mails::locale_of(&texts.language);
        Ok(EventForm {
            title: texts.name.clone(),
            format: crate::events::Format::ActionDay.as_str().to_owned(),
            description: crate::days::kit::event_description(locale, &texts),
            language: texts.language.clone(),
            languages: vec![texts.language.clone()],
            starts: format!("{date}T10:00"),
            ends: format!("{date}T17:00"),
            initiatives: day.initiative.to_string(),
            day: id.0.to_string(),
            ..Default::default()
        })
    }
}
