//! The persona and the priority tier in effect, kept with each contact's score
//! (`contact_scores.persona_id`, `contact_scores.tier`) so lists filter and count by them
//! through an index. Written after the scores (tier rules may test the score and the persona),
//! for the contacts just scored or for all of them. (SQLite's UPDATE … FROM and IS NOT; the
//! PostgreSQL spelling of the latter is IS DISTINCT FROM.)

use super::compute::Who;
use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

pub(crate) async fn assign<C: ConnectionTrait>(db: &C, who: Who<'_>, now: DateTime<Utc>) -> CoreResult<()> {
    if matches!(who, Who::Ids([])) {
        return Ok(());
    }
    let (contacts, only) = (who.contacts(), who.contacts_filter());
    let persona = crate::personas::case_sql(db, now).await?;
    let tier = crate::tiers::case_sql(db, &crate::tiers::rules(db).await?, now).await?;
    // Persona first: tier rules may test it. Each value is worked out in one pass over the
    // contacts (their company joined once) and written only where it changes, so a daily
    // rescore rewrites few rows.
    for (column, expr) in [("persona_id", persona), ("tier", tier)] {
        let sql = format!(
            "UPDATE contact_scores SET {column} = x.v FROM (\
               SELECT c.id AS id, {expr} AS v FROM {contacts} \
               LEFT JOIN companies co ON co.id = c.company_id AND co.deleted_at IS NULL \
               WHERE c.deleted_at IS NULL{only}\
             ) AS x WHERE x.id = contact_scores.contact_id AND contact_scores.{column} IS NOT x.v"
        );
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// After the rules of tiers or personas, or a segment they may name, changed: everyone.
pub async fn reassign_all<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    assign(db, Who::All, Utc::now()).await
}
