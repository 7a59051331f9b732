//! (ssr) Demo inspiration links for `newcityzens seed-demo`, confirmed, between demo
//! initiatives, so the lineage, its map and the "most inspiring" ranking have something to
//! show. Ciclovía → CicLAvia and Porto Alegre → Grenoble are documented; the others are
//! plausible examples for the demo, not claims about these initiatives' history.
use crate::db::{db_failed, Db};
use crate::initiatives::demo::{initiative_titled, team_account, SeedError};
use crate::with_pool;
use time::OffsetDateTime;

/// (source, target) by the demo initiatives' titles in their original language.
const DEMO_LINKS: [(&str, &str); 7] = [
    ("Ciclovía of Bogotá", "CicLAvia"),
    (
        "Orçamento participativo de Porto Alegre",
        "Budget participatif de Grenoble",
    ),
    ("Toronto Tool Library", "Library of Things"),
    ("Library of Things", "Outilthèque de quartier à Lyon"),
    ("Little Free Library", "Open-air garden libraries"),
    ("Repair Café", "The Restart Project"),
    ("Superblocks of Barcelona", "Living Streets of Ghent"),
];

/// Adds the demo links that are not there yet (both initiatives published); returns how many.
pub async fn seed(db: &Db, now: OffsetDateTime) -> Result<usize, SeedError> {
    let team = team_account(db).await?;
    let mut added = 0;
    for (source, target) in DEMO_LINKS {
        let (Some(source), Some(target)) = (
            initiative_titled(db, source).await?,
            initiative_titled(db, target).await?,
        ) else {
            continue;
        };
        let inserted = with_pool!(db, pool => sqlx::query(
            "INSERT INTO inspiration_links (source_initiative_id, target_initiative_id, proposed_by, \
             status, decided_by, decided_at, created_at) \
             SELECT $1, $2, $3, 'confirmed', $3, $4, $4 WHERE NOT EXISTS (SELECT 1 FROM inspiration_links \
             WHERE source_initiative_id = $1 AND target_initiative_id = $2)")
            .bind(source.0).bind(target.0).bind(team.0).bind(now).execute(pool).await
            .map(|done| done.rows_affected()))
        .map_err(db_failed)?;
        added += inserted as usize;
    }
    Ok(added)
}
