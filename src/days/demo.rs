//! (ssr) Demo Days for `newcityzens seed-demo`: one past (with the outcome each city recorded)
//! and one to come, each with events in cities on several continents, organised by the team
//! account. Their dates are counted from the day of seeding.
use super::form::{DayInput, DayTexts};
use super::store;
use crate::cities::{split_city_label, store as cities};
use crate::db::{db_failed, Db};
use crate::events::demo::wall_clock;
use crate::events::store::{self as events, EventRecord};
use crate::events::{zones, Format, DEFAULT_REMINDER_HOURS};
use crate::initiatives::demo::{initiative_titled, team_account, SeedError};
use crate::with_pool;
use time::{Duration, OffsetDateTime};

struct DemoDay {
    /// From the day of seeding.
    in_days: i64,
    initiative: &'static str,
    name: &'static str,
    call: &'static str,
    what_to_do: &'static str,
    what_to_bring: &'static str,
    programme: &'static str,
    poster: &'static str,
    /// The cities with an event, and how many came (for a past Day).
    cities: &'static [(&'static str, i64)],
}

const DEMO_DAYS: [DemoDay; 2] = [
    DemoDay {
        in_days: -40,
        initiative: "PARK(ing) Day",
        name: "PARK(ing) Day for New CITYzens",
        call: "Turn one parking space of your street into a small park for a day.",
        what_to_do: "Ask the city for a one-day permit, then bring grass, plants and seats to one parking space.",
        what_to_bring: "- rolls of turf or rugs\n- potted plants\n- chairs and a table",
        programme: "- 8:00 set up\n- 10:00 open to neighbours\n- 18:00 clean up",
        poster: "A park in our street, for one day. Come and sit with us!",
        cities: &[("Paris, FR", 35), ("Lisbon, PT", 18), ("Montréal, CA", 22)],
    },
    DemoDay {
        in_days: 45,
        initiative: "Repair Café",
        name: "Repair Café Day",
        call: "Open a repair café in your neighbourhood for one day: fix things together instead of throwing them away.",
        what_to_do: "Find a room, a few handy volunteers and basic tools; invite neighbours to bring what is broken.",
        what_to_bring: "- screwdrivers, pliers, a soldering iron\n- sewing kits\n- coffee and cups",
        programme: "- 10:00 welcome table\n- 10:30 repairs start\n- 16:00 what we saved from the bin",
        poster: "Broken toaster? Torn jacket? Bring it: we fix it together.",
        cities: &[("Paris, FR", 0), ("Manila, PH", 0), ("Rio de Janeiro, BR", 0), ("Dakar, SN", 0)],
    },
];

async fn already_there(db: &Db, name: &str) -> Result<bool, SeedError> {
    Ok(with_pool!(db, pool => sqlx::query_scalar::<_, bool>(
        "SELECT EXISTS (SELECT 1 FROM ncz_day_texts WHERE name = $1)")
        .bind(name).fetch_one(pool).await)
    .map_err(db_failed)?)
}

/// Adds the demo Days that are not there yet, with their events; returns how many Days.
pub async fn seed(db: &Db, now: OffsetDateTime) -> Result<usize, SeedError> {
    let team = team_account(db).await?;
    let mut added = 0;
    for demo in &DEMO_DAYS {
        let Some(initiative) = initiative_titled(db, demo.initiative).await? else {
            continue;
        };
        if already_there(db, demo.name).await? {
            continue;
        }
        let on = now + Duration::days(demo.in_days);
        let input = DayInput {
            id: None,
            date: on.date(),
            initiative: initiative.0,
            call_open: demo.in_days > 0,
            texts: DayTexts {
                language: "en".into(),
                name: demo.name.into(),
                call_text: demo.call.into(),
                what_to_do: demo.what_to_do.into(),
                what_to_bring: demo.what_to_bring.into(),
                programme: demo.programme.into(),
                poster: demo.poster.into(),
            },
        };
        // Every city resolved before anything is written: an unknown one leaves no Day half made.
        let mut city_events = Vec::with_capacity(demo.cities.len());
        for (city, attendance) in demo.cities {
            city_events.push((
                city_event(db, demo, initiative.0, city, on).await?,
                attendance,
            ));
        }
        let day = store::create(db, &input, team, now).await?;
        for (mut event, attendance) in city_events {
            event.day_id = Some(day.0);
            let id = events::create(db, team, &event, now).await?;
            if *attendance > 0 {
                let outcome = crate::events::outcome::OutcomeInput {
                    attendance: *attendance,
                    ideas: "Neighbours asked for the park to come back every month.".into(),
                    roadmap: String::new(),
                    projects: String::new(),
                };
                crate::events::outcome::store::save(db, id, &outcome, team, now).await?;
            }
        }
        added += 1;
    }
    Ok(added)
}

/// The Day's event in `city`, 10:00 to 17:00 on its clocks (linked to the Day once it exists).
async fn city_event(
    db: &Db,
    demo: &DemoDay,
    initiative: i64,
    city: &str,
    on: OffsetDateTime,
) -> Result<EventRecord, SeedError> {
    let (name, country) = split_city_label(city);
    let city = cities::resolve(db, name, country)
        .await?
        .ok_or_else(|| SeedError::UnknownCity(city.to_owned()))?;
    let invalid = |code| SeedError::Invalid(format!("{code:?}"));
    let zone = zones::zone(&city.timezone).map_err(invalid)?;
    let starts_at = zones::to_utc(wall_clock(on, 10)?, &zone).map_err(invalid)?;
    Ok(EventRecord {
        title: format!("{} — {}", demo.name, city.name),
        format: Format::ActionDay,
        description: demo.what_to_do.to_owned(),
        language: "en".into(),
        starts_at,
        ends_at: starts_at + Duration::hours(7),
        timezone: city.timezone.clone(),
        city_id: city.id.0,
        address: String::new(),
        latitude: city.latitude,
        longitude: city.longitude,
        online_url: String::new(),
        languages: vec!["en".into()],
        capacity: Some(40),
        max_party_size: 2,
        signup_deadline: None,
        accessibility: String::new(),
        co_organisers: Vec::new(),
        initiatives: vec![initiative],
        // A past Day's reminders would never have gone: none.
        remind_at: (demo.in_days > 0).then(|| starts_at - Duration::hours(DEFAULT_REMINDER_HOURS)),
        day_id: None,
    })
}
