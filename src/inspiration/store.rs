//! (ssr) The SQL of inspiration links.
use super::{EndKind, InitiativeLinks, LinkEnd, LinkStatus, ProposedLink, SourceLink, MAX_SOURCES};
use crate::accounts::AccountId;
use crate::db::{db_failed, Db};
use crate::error::{AppError, ErrorCode};
use crate::server::mail::Mail;
use crate::with_pool;
use time::OffsetDateTime;

/// Proposes, in transaction `$tx`, the links of initiative `$target` started at an event: from
/// the event itself and from each presented initiative its spotter chose. The event's
/// organisers decide them (`via_event_id`).
#[macro_export]
macro_rules! propose_event_links {
    ($tx:expr, $target:expr, $inspiration:expr, $proposer:expr, $now:expr) => {{
        let (target, inspiration, proposer, now): (
            i64,
            &$crate::inspiration::EventInspiration,
            $crate::accounts::AccountId,
            time::OffsetDateTime,
        ) = ($target, $inspiration, $proposer, $now);
        sqlx::query(
            "INSERT INTO inspiration_links (source_event_id, target_initiative_id, via_event_id, \
             proposed_by, status, created_at) VALUES ($1, $2, $1, $3, 'proposed', $4)",
        )
        .bind(inspiration.event).bind(target).bind(proposer.0).bind(now)
        .execute(&mut *$tx).await.map_err($crate::db::db_failed)?;
        for source in &inspiration.initiatives {
            sqlx::query(
                "INSERT INTO inspiration_links (source_initiative_id, target_initiative_id, via_event_id, \
                 proposed_by, status, created_at) VALUES ($1, $2, $3, $4, 'proposed', $5)",
            )
            .bind(source).bind(target).bind(inspiration.event).bind(proposer.0).bind(now)
            .execute(&mut *$tx).await.map_err($crate::db::db_failed)?;
        }
    }};
}

/// A link as a decision on it needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkRow {
    pub source_initiative: Option<i64>,
    pub target: i64,
    /// The event it was proposed at, whose organisers decide it.
    pub via_event: Option<i64>,
}

pub async fn link(db: &Db, id: i64) -> Result<Option<LinkRow>, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, (Option<i64>, i64, Option<i64>)>(
        "SELECT source_initiative_id, target_initiative_id, via_event_id FROM inspiration_links \
         WHERE id = $1")
        .bind(id).fetch_optional(pool).await)
    .map_err(db_failed)?;
    Ok(row.map(|(source_initiative, target, via_event)| LinkRow {
        source_initiative,
        target,
        via_event,
    }))
}

/// Takes the graph's write lock inside transaction `$tx`: SQLite's `BEGIN IMMEDIATE` holds it
/// already; PostgreSQL locks the links table against other writers (readers go on), so two
/// decisions cannot each pass the cycle check and close a loop together.
macro_rules! lock_graph {
    ($db:expr, $tx:expr) => {
        if $db.backend() == $crate::db::Backend::Postgres {
            sqlx::query("LOCK TABLE inspiration_links IN SHARE ROW EXCLUSIVE MODE")
                .execute(&mut *$tx)
                .await
                .map_err(db_failed)?;
        }
    };
}

/// Confirms or rejects `link`; a confirmation that would close a cycle is refused. `mails`
/// (to the source's people) are queued when the link becomes confirmed, not when it was already.
pub async fn decide(
    db: &Db,
    link: i64,
    decision: (LinkStatus, AccountId),
    row: LinkRow,
    mails: &[Mail],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let (status, by) = decision;
    crate::in_write_transaction!(db, tx => {
        lock_graph!(db, tx);
        if let (LinkStatus::Confirmed, Some(source)) = (status, row.source_initiative) {
            if crate::inspiration_would_cycle!(tx, source, row.target) {
                return Err(AppError::whole_form(ErrorCode::InspirationCycle));
            }
        }
        let changed = sqlx::query(
            "UPDATE inspiration_links SET status = $2, decided_by = $3, decided_at = $4 \
             WHERE id = $1 AND status <> $2")
            .bind(link).bind(status.as_str()).bind(by.0).bind(now)
            .execute(&mut *tx).await.map_err(db_failed)?
            .rows_affected() > 0;
        if changed && status == LinkStatus::Confirmed {
            for mail in mails {
                crate::enqueue_mail!(tx, mail);
            }
        }
        Ok(())
    })
}

/// The initiatives confirmed as having inspired `target`.
pub async fn confirmed_sources(db: &Db, target: i64) -> Result<Vec<i64>, AppError> {
    with_pool!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT source_initiative_id FROM inspiration_links WHERE target_initiative_id = $1 \
         AND source_initiative_id IS NOT NULL AND status = 'confirmed' ORDER BY id")
        .bind(target).fetch_all(pool).await)
    .map_err(db_failed)
}

/// Records that `target` was inspired by `source`, as proposed by `by`, for a moderator to
/// decide. Refused when the source is not a published initiative, is the target, is linked to
/// it already (either way round), when the target names `MAX_SOURCES` already, or when the
/// link would close a cycle.
pub async fn propose(
    db: &Db,
    target: i64,
    source: i64,
    by: AccountId,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let refuse = |code| Err(AppError::whole_form(code));
    if source == target {
        return refuse(ErrorCode::InspiresItself);
    }
    crate::in_write_transaction!(db, tx => {
        lock_graph!(db, tx);
        let published = sqlx::query_scalar::<_, bool>(
            "SELECT EXISTS (SELECT 1 FROM initiatives WHERE id = $1 AND status = 'published')")
            .bind(source).fetch_one(&mut *tx).await.map_err(db_failed)?;
        if !published {
            return refuse(ErrorCode::UnknownInitiative);
        }
        let (linked, named) = sqlx::query_as::<_, (bool, i64)>(
            "SELECT EXISTS (SELECT 1 FROM inspiration_links WHERE \
               (source_initiative_id = $1 AND target_initiative_id = $2) OR \
               (source_initiative_id = $2 AND target_initiative_id = $1 AND status <> 'rejected')), \
             (SELECT COUNT(*) FROM inspiration_links WHERE target_initiative_id = $2 \
               AND source_initiative_id IS NOT NULL AND status <> 'rejected')")
            .bind(source).bind(target).fetch_one(&mut *tx).await.map_err(db_failed)?;
        if linked {
            return refuse(ErrorCode::AlreadyLinked);
        }
        if named >= MAX_SOURCES as i64 {
            return refuse(ErrorCode::TooMany);
        }
        if crate::inspiration_would_cycle!(tx, source, target) {
            return refuse(ErrorCode::InspirationCycle);
        }
        sqlx::query(
            "INSERT INTO inspiration_links (source_initiative_id, target_initiative_id, proposed_by, \
             status, created_at) VALUES ($1, $2, $3, 'proposed', $4)")
            .bind(source).bind(target).bind(by.0).bind(now)
            .execute(&mut *tx).await.map_err(db_failed)?;
        Ok(())
    })
}

/// The initiatives `target` says inspired it, proposed or confirmed (and refused, so its
/// spotter sees the answer), oldest first.
pub async fn sources_of(db: &Db, target: i64, language: &str) -> Result<Vec<SourceLink>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (i64, i64, bool, String)>(
        "SELECT l.id, l.source_initiative_id, i.status = 'published', l.status FROM inspiration_links l \
         JOIN initiatives i ON i.id = l.source_initiative_id \
         WHERE l.target_initiative_id = $1 ORDER BY l.id")
        .bind(target).fetch_all(pool).await)
    .map_err(db_failed)?;
    let ends: Vec<InitiativeEndRow> = rows.iter().map(|row| (row.0, row.1, row.2)).collect();
    let ends = initiative_ends(db, &ends, language).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(link, _, _, status)| {
            let source = ends.iter().find(|end| end.0 == link)?.1.clone();
            Some(SourceLink {
                source,
                status: LinkStatus::parse(&status)?,
            })
        })
        .collect())
}

/// The links proposed outside events (a spotter's "inspired by"), waiting for a moderator,
/// oldest first.
pub async fn waiting_for_moderators(
    db: &Db,
    language: &str,
) -> Result<Vec<ProposedLink>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (i64, i64, bool, i64, bool, String)>(
        "SELECT l.id, l.source_initiative_id, s.status = 'published', l.target_initiative_id, \
         t.status = 'published', a.display_name FROM inspiration_links l \
         JOIN initiatives s ON s.id = l.source_initiative_id \
         JOIN initiatives t ON t.id = l.target_initiative_id JOIN accounts a ON a.id = l.proposed_by \
         WHERE l.via_event_id IS NULL AND l.status = 'proposed' ORDER BY l.id LIMIT 200")
        .fetch_all(pool).await)
    .map_err(db_failed)?;
    let sources: Vec<InitiativeEndRow> = rows.iter().map(|row| (row.0, row.1, row.2)).collect();
    let targets: Vec<InitiativeEndRow> = rows.iter().map(|row| (row.0, row.3, row.4)).collect();
    let sources = initiative_ends(db, &sources, language).await?;
    let targets = initiative_ends(db, &targets, language).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, _, _, _, _, proposer)| {
            Some(ProposedLink {
                id,
                source: sources.iter().find(|end| end.0 == id)?.1.clone(),
                target: targets.iter().find(|end| end.0 == id)?.1.clone(),
                status: LinkStatus::Proposed,
                proposer,
            })
        })
        .collect())
}

/// (link, initiative, published)
type InitiativeEndRow = (i64, i64, bool);

/// The initiative ends of `rows`, named in `language`, in the rows' order.
async fn initiative_ends(
    db: &Db,
    rows: &[InitiativeEndRow],
    language: &str,
) -> Result<Vec<(i64, LinkEnd)>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|row| row.1).collect();
    let cards = crate::initiatives::store::cards(db, &ids, language).await?;
    Ok(rows
        .iter()
        .filter_map(|(link, id, public)| {
            let card = cards.iter().find(|card| card.id.0 == *id)?;
            let end = LinkEnd {
                kind: EndKind::Initiative,
                id: *id,
                title: card.title.clone(),
                city: card.city_name.clone(),
                public: *public,
            };
            Some((*link, end))
        })
        .collect())
}

/// The published initiatives at the `to` end of the confirmed links whose `from` column is `id`
/// (columns of `inspiration_links`), in the links' order.
async fn confirmed_initiatives(
    db: &Db,
    id: i64,
    (from, to): (&str, &str),
    language: &str,
) -> Result<Vec<LinkEnd>, AppError> {
    let sql = format!(
        "SELECT l.id, l.{to}, i.status = 'published' FROM inspiration_links l \
         JOIN initiatives i ON i.id = l.{to} \
         WHERE l.{from} = $1 AND l.status = 'confirmed' AND i.status = 'published' ORDER BY l.id"
    );
    let rows = with_pool!(db, pool => sqlx::query_as::<_, InitiativeEndRow>(&sql)
        .bind(id).fetch_all(pool).await)
    .map_err(db_failed)?;
    Ok(initiative_ends(db, &rows, language)
        .await?
        .into_iter()
        .map(|(_, end)| end)
        .collect())
}

/// The confirmed links of initiative `id`, both ways; only published initiatives are named.
pub async fn of_initiative(db: &Db, id: i64, language: &str) -> Result<InitiativeLinks, AppError> {
    let by_initiatives = ("target_initiative_id", "source_initiative_id");
    let mut inspired_by = confirmed_initiatives(db, id, by_initiatives, language).await?;
    let events = with_pool!(db, pool => sqlx::query_as::<_, (i64, String, String)>(
        "SELECT e.id, e.title, c.name FROM inspiration_links l \
         JOIN events e ON e.id = l.source_event_id JOIN cities c ON c.id = e.city_id \
         WHERE l.target_initiative_id = $1 AND l.status = 'confirmed' ORDER BY l.id")
        .bind(id).fetch_all(pool).await)
    .map_err(db_failed)?;
    inspired_by.extend(events.into_iter().map(|(id, title, city)| LinkEnd {
        kind: EndKind::Event,
        id,
        title,
        city: Some(city),
        public: true,
    }));
    let inspired = ("source_initiative_id", "target_initiative_id");
    Ok(InitiativeLinks {
        inspired_by,
        inspired: confirmed_initiatives(db, id, inspired, language).await?,
    })
}

/// The published initiatives started at `event` (confirmed links from it), in order.
pub async fn started_at(db: &Db, event: i64, language: &str) -> Result<Vec<LinkEnd>, AppError> {
    let started = ("source_event_id", "target_initiative_id");
    confirmed_initiatives(db, event, started, language).await
}

/// (link, source initiative, source event, target, target published, status, proposer)
type ProposedRow = (i64, Option<i64>, Option<i64>, i64, bool, String, String);

/// The links proposed at `event` that are not rejected, oldest first, for its organisers.
pub async fn proposed_at(
    db: &Db,
    event: i64,
    language: &str,
) -> Result<Vec<ProposedLink>, AppError> {
    let rows = with_pool!(db, pool => sqlx::query_as::<_, ProposedRow>(
        "SELECT l.id, l.source_initiative_id, l.source_event_id, l.target_initiative_id, \
         i.status = 'published', l.status, a.display_name FROM inspiration_links l \
         JOIN initiatives i ON i.id = l.target_initiative_id JOIN accounts a ON a.id = l.proposed_by \
         WHERE l.via_event_id = $1 AND l.status <> 'rejected' ORDER BY l.target_initiative_id, l.id")
        .bind(event).fetch_all(pool).await)
    .map_err(db_failed)?;
    let event_title = with_pool!(db, pool => sqlx::query_as::<_, (String, String)>(
        "SELECT e.title, c.name FROM events e JOIN cities c ON c.id = e.city_id WHERE e.id = $1")
        .bind(event).fetch_one(pool).await)
    .map_err(db_failed)?;
    let targets: Vec<InitiativeEndRow> = rows.iter().map(|row| (row.0, row.3, row.4)).collect();
    let sources: Vec<InitiativeEndRow> = rows
        .iter()
        .filter_map(|row| row.1.map(|source| (row.0, source, true)))
        .collect();
    let targets = initiative_ends(db, &targets, language).await?;
    let sources = initiative_ends(db, &sources, language).await?;
    let mut links = Vec::new();
    for (id, source_initiative, source_event, _, _, status, proposer) in rows {
        let Some(target) = targets
            .iter()
            .find(|end| end.0 == id)
            .map(|end| end.1.clone())
        else {
            continue;
        };
        let source = match (source_initiative, source_event) {
            (Some(_), _) => match sources.iter().find(|end| end.0 == id) {
                Some(end) => end.1.clone(),
                None => continue,
            },
            (None, Some(event)) => LinkEnd {
                kind: EndKind::Event,
                id: event,
                title: event_title.0.clone(),
                city: Some(event_title.1.clone()),
                public: true,
            },
            (None, None) => continue,
        };
        let status = LinkStatus::parse(&status).ok_or(AppError::Internal)?;
        links.push(ProposedLink {
            id,
            source,
            target,
            status,
            proposer,
        });
    }
    Ok(links)
}
