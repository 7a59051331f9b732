//! (ssr) Demo reports for `newcityzens seed-demo`: published reports with chapters, speakers,
//! subtitles and a transcript on demo initiatives, filmed by the team account. Their videos are
//! the providers' own documented sample videos (the demo shows how a report is built; it has no
//! film of these initiatives), checked by the same parser as a reporter's form.
use super::store::{self, ResolvedPerson, ResolvedReport};
use super::{ChapterRow, ReportForm, SpeakerRow};
use crate::db::{db_failed, Db};
use crate::initiatives::demo::{initiative_titled, team_account, SeedError};
use crate::initiatives::{InitiativeId, Intent, Status};
use crate::with_pool;
use time::OffsetDateTime;

struct DemoReport {
    /// The demo initiative's English title.
    initiative: &'static str,
    address: &'static str,
    language: &'static str,
    title: &'static str,
    summary: &'static str,
    subtitles: &'static [&'static str],
    duration: &'static str,
    speakers: &'static [(&'static str, &'static str)],
    chapters: &'static [(&'static str, &'static str, &'static str)],
    transcript: &'static str,
}

const DEMO_REPORTS: [DemoReport; 3] = [
    DemoReport {
        initiative: "Repair Café",
        address: "https://www.youtube.com/watch?v=M7lc1UVf-VE",
        language: "en",
        title: "Repair Café: how a broken toaster started a movement",
        summary: "How the first Repair Café found its volunteers, its room and its rules, and why it stays free.",
        subtitles: &["fr", "nl"],
        duration: "2:30",
        speakers: &[("Martine Postma", "founder"), ("A volunteer repairer", "volunteer")],
        chapters: &[
            ("0:00", "The first evening", "Twenty broken objects and a handful of neighbours."),
            ("0:40", "Finding the fixers", "Asking retired technicians one by one."),
            ("1:30", "Keeping it free", "Why donations, not fees, keep the doors open."),
        ],
        transcript: "We started with one evening in a borrowed room.\n\nPeople came with toasters, lamps and bikes, and stayed to learn how to fix them.",
    },
    DemoReport {
        initiative: "Superblocks of Barcelona",
        address: "https://vimeo.com/76979871",
        language: "es",
        title: "Supermanzanas: recuperar la calle para los vecinos",
        summary: "Cómo un barrio convenció a su ayuntamiento de cerrar nueve manzanas al tráfico de paso.",
        subtitles: &["en", "fr"],
        duration: "1:00",
        speakers: &[("Una vecina de Poblenou", "vecina")],
        chapters: &[
            ("0:00", "La calle de antes", "Coches de paso y aceras estrechas."),
            ("0:20", "El primer verano", "Mesas, juegos y plantas en el cruce."),
            ("0:45", "Lo que cambió", "Menos ruido, más vida en la calle."),
        ],
        transcript: "",
    },
    DemoReport {
        initiative: "Princess Gardens",
        address: "https://youtu.be/M7lc1UVf-VE?t=10",
        language: "de",
        title: "Prinzessinnengärten: ein Garten auf einer Brache",
        summary: "Wie aus einer Brache am Moritzplatz ein mobiler Gemeinschaftsgarten wurde.",
        subtitles: &["en"],
        duration: "2:30",
        speakers: &[("Eine Gärtnerin", "Mitgründerin")],
        chapters: &[
            ("0:10", "Die Brache", "Ein Platz, den niemand wollte."),
            ("1:00", "Gärtnern in Kisten", "Warum alles mobil sein muss."),
        ],
        transcript: "",
    },
];

async fn already_there(db: &Db, title: &str) -> Result<bool, SeedError> {
    Ok(with_pool!(db, pool => sqlx::query_scalar::<_, bool>(
        "SELECT EXISTS (SELECT 1 FROM report_texts WHERE title = $1)")
        .bind(title).fetch_one(pool).await)
    .map_err(db_failed)?)
}

fn form_of(demo: &DemoReport, initiative: InitiativeId, filmed_on: &str) -> ReportForm {
    ReportForm {
        initiative: initiative.0.to_string(),
        language: demo.language.to_owned(),
        address: demo.address.to_owned(),
        title: demo.title.to_owned(),
        summary: demo.summary.to_owned(),
        spoken_language: demo.language.to_owned(),
        subtitles: demo
            .subtitles
            .iter()
            .map(|code| (*code).to_owned())
            .collect(),
        duration: demo.duration.to_owned(),
        filmed_on: filmed_on.to_owned(),
        filmed_by: "New CITYzens team".to_owned(),
        speakers: demo
            .speakers
            .iter()
            .map(|(name, role)| SpeakerRow {
                name: (*name).to_owned(),
                role: (*role).to_owned(),
            })
            .collect(),
        chapters: demo
            .chapters
            .iter()
            .map(|(time, title, sentence)| ChapterRow {
                time: (*time).to_owned(),
                title: (*title).to_owned(),
                sentence: (*sentence).to_owned(),
            })
            .collect(),
        transcript: demo.transcript.to_owned(),
        consent: "yes".to_owned(),
        intent: Intent::Submit,
        ..Default::default()
    }
}

/// Publishes the demo reports whose initiative is there and that are not yet; returns how many.
pub async fn seed(db: &Db, now: OffsetDateTime) -> Result<usize, SeedError> {
    let team = team_account(db).await?;
    let filmed = now - time::Duration::days(60);
    let filmed_on = crate::validation::date_field(filmed.date());
    let mut added = 0;
    for demo in &DEMO_REPORTS {
        let Some(initiative) = initiative_titled(db, demo.initiative).await? else {
            continue;
        };
        if already_there(db, demo.title).await? {
            continue;
        }
        let input = form_of(demo, initiative, &filmed_on)
            .parse(&[], now.date())
            .map_err(|error| SeedError::Invalid(format!("{}: {error:?}", demo.title)))?;
        let people = |people: &[super::form::PersonInput]| -> Vec<ResolvedPerson> {
            people
                .iter()
                .map(|person| ResolvedPerson {
                    name: person.name.clone(),
                    account: None,
                    role: person.role.clone(),
                })
                .collect()
        };
        let report = ResolvedReport {
            input: &input,
            initiative,
            filmed_by: people(&input.filmed_by),
            speakers: people(&input.speakers),
        };
        let id = store::save(db, team, &report, Status::Submitted).await?;
        store::set_status(
            db,
            team,
            id,
            (Status::Submitted, Status::Published),
            "",
            &[],
        )
        .await?;
        added += 1;
    }
    Ok(added)
}
