//! (ssr) The SQL of the home page's numbers: counts on indexed columns, read at every visit
//! (they are the point of the page: a movement that grows while you look).
use super::MovementNumbers;
use crate::db::{db_failed, Db};
use crate::error::AppError;
use crate::with_pool;
use time::OffsetDateTime;

/// (initiatives, cities, countries, reports, upcoming events)
type NumbersRow = (i64, i64, i64, i64, i64);

pub async fn numbers(db: &Db, now: OffsetDateTime) -> Result<MovementNumbers, AppError> {
    let row = with_pool!(db, pool => sqlx::query_as::<_, NumbersRow>(
        "WITH places AS ( \
           SELECT city_id FROM initiatives WHERE status = 'published' AND city_id IS NOT NULL \
           UNION SELECT city_id FROM events WHERE cancelled_at IS NULL AND ends_at >= $1) \
         SELECT \
           (SELECT COUNT(*) FROM initiatives WHERE status = 'published'), \
           (SELECT COUNT(*) FROM places), \
           (SELECT COUNT(DISTINCT c.country_code) FROM places p JOIN cities c ON c.id = p.city_id), \
           (SELECT COUNT(*) FROM reports r JOIN initiatives i ON i.id = r.initiative_id \
              WHERE r.status = 'published' AND i.status = 'published'), \
           (SELECT COUNT(*) FROM events WHERE cancelled_at IS NULL AND ends_at >= $1)")
        .bind(now).fetch_one(pool).await)
    .map_err(db_failed)?;
    let (initiatives, cities, countries, reports, upcoming_events) = row;
    Ok(MovementNumbers {
        initiatives,
        cities,
        countries,
        reports,
        upcoming_events,
    })
}
