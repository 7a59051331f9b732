//! (ssr) Demo events for `newcityzens seed-demo`: upcoming and past events in several cities
//! and time zones, organised by the team account, each presenting demo initiatives. Their dates
//! are counted from the day of seeding, on the clocks of their city.
use super::store::{self, EventRecord};
use super::{zones, Format, WallClock};
use crate::cities::{split_city_label, store as cities};
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::initiatives::demo::{team_account, SeedError};
use crate::with_pool;
use time::OffsetDateTime;

struct DemoEvent {
    title: &'static str,
    format: Format,
    city: &'static str,
    /// From the day of seeding; negative for a past event.
    in_days: i64,
    /// Local start time and length.
    hour: i8,
    hours: i64,
    language: &'static str,
    languages: &'static [&'static str],
    capacity: Option<i64>,
    description: &'static str,
}

const DEMO_EVENTS: [DemoEvent; 6] = [
    DemoEvent {
        title: "Café inspiration : réparer ensemble",
        format: Format::InspirationCafe,
        city: "Lyon, France",
        in_days: 12,
        hour: 19,
        hours: 2,
        language: "fr",
        languages: &["fr", "en"],
        capacity: Some(30),
        description: "Trois initiatives de réparation racontées par celles et ceux qui les font vivre, puis un temps pour imaginer la nôtre.",
    },
    DemoEvent {
        title: "#Shake workshop: make the city move for young people",
        format: Format::ShakeWorkshop,
        city: "Bois-Colombes, France",
        in_days: 20,
        hour: 14,
        hours: 3,
        language: "en",
        languages: &["fr", "en"],
        capacity: Some(20),
        description: "Young people name a local challenge, discover what others did elsewhere, and leave with a roadmap.",
    },
    DemoEvent {
        title: "Oficina criativa: hortas no bairro",
        format: Format::CreativeWorkshop,
        city: "São Paulo, Brazil",
        in_days: 9,
        hour: 10,
        hours: 3,
        language: "pt",
        languages: &["pt", "es"],
        capacity: Some(25),
        description: "Vizinhos desenham juntos uma horta comunitária a partir de exemplos do mundo inteiro.",
    },
    DemoEvent {
        title: "Journée d’action : ruelles vertes",
        format: Format::ActionDay,
        city: "Montréal, Canada",
        in_days: 30,
        hour: 9,
        hours: 7,
        language: "fr",
        languages: &["fr", "en"],
        capacity: None,
        description: "Une journée pour verdir une ruelle avec les voisins, inspirée des ruelles vertes et des jardins partagés.",
    },
    DemoEvent {
        title: "İlham kafesi: mahalle dayanışması",
        format: Format::InspirationCafe,
        city: "Istanbul, Turkey",
        in_days: -14,
        hour: 18,
        hours: 2,
        language: "tr",
        languages: &["tr", "en"],
        capacity: Some(40),
        description: "Dünyanın dört bir yanından dayanışma girişimleri ve kendi mahallemiz için fikirler.",
    },
    DemoEvent {
        title: "Repair café evening",
        format: Format::InspirationCafe,
        city: "Berlin, Germany",
        in_days: -40,
        hour: 18,
        hours: 3,
        language: "de",
        languages: &["de", "en"],
        capacity: Some(35),
        description: "Reparieren statt wegwerfen: Initiativen aus Europa und ein Abend zum Mitmachen.",
    },
];

async fn already_there(db: &Db, title: &str) -> Result<bool, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, bool>("SELECT EXISTS (SELECT 1 FROM events WHERE title = $1)")
        .bind(title).fetch_one(pool).await)
    .map_err(db_failed)
}

/// Up to three published initiatives to present: those of the event's country first.
async fn deck_for(db: &Db, country: &str) -> Result<Vec<i64>, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT i.id FROM initiatives i LEFT JOIN cities c ON c.id = i.city_id WHERE i.status = 'published' \
         ORDER BY CASE WHEN c.country_code = $1 THEN 0 ELSE 1 END, i.id LIMIT 3")
        .bind(country).fetch_all(pool).await)
    .map_err(db_failed)
}

pub(crate) fn wall_clock(day: OffsetDateTime, hour: i8) -> Result<WallClock, SeedError> {
    WallClock::parse(&format!(
        "{:04}-{:02}-{:02}T{hour:02}:00",
        day.year(),
        u8::from(day.month()),
        day.day()
    ))
    .map_err(|code| SeedError::Invalid(format!("demo date: {code:?}")))
}

/// Adds the demo events that are not there yet; returns how many were added.
pub async fn seed(db: &Db, now: OffsetDateTime) -> Result<usize, SeedError> {
    let team = team_account(db).await?;
    let mut added = 0;
    for demo in &DEMO_EVENTS {
        if already_there(db, demo.title).await? {
            continue;
        }
        let (name, country) = split_city_label(demo.city);
        let city = cities::resolve(db, name, country)
            .await?
            .ok_or_else(|| SeedError::UnknownCity(demo.city.to_owned()))?;
        let zone =
            zones::zone(&city.timezone).map_err(|code| SeedError::Invalid(format!("{code:?}")))?;
        let starts = wall_clock(now + time::Duration::days(demo.in_days), demo.hour)?;
        let starts_at =
            zones::to_utc(starts, &zone).map_err(|code| SeedError::Invalid(format!("{code:?}")))?;
        let record = EventRecord {
            title: demo.title.to_owned(),
            format: demo.format,
            description: demo.description.to_owned(),
            language: demo.language.to_owned(),
            starts_at,
            ends_at: starts_at + time::Duration::hours(demo.hours),
            timezone: city.timezone.clone(),
            city_id: city.id.0,
            address: String::new(),
            latitude: city.latitude,
            longitude: city.longitude,
            online_url: String::new(),
            languages: demo
                .languages
                .iter()
                .map(|language| (*language).to_owned())
                .collect(),
            capacity: demo.capacity,
            max_party_size: 2,
            signup_deadline: None,
            accessibility: String::new(),
            co_organisers: Vec::new(),
            initiatives: deck_for(db, &city.country_code).await?,
            remind_at: Some(starts_at - time::Duration::hours(super::DEFAULT_REMINDER_HOURS)),
            day_id: None,
        };
        store::create(db, team, &record, now).await?;
        added += 1;
    }
    Ok(added)
}
