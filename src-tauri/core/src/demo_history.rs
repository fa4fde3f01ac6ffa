//! The demo business's recent history: a few things "you" did over the last days (two edits, a
//! deal moved on), made through the real write paths so the History screen
//! and each record's history show real entries, and every one of them can be undone.

use crate::deals::{self, DealMove};
use crate::entities::{contact, deal, pipeline_stage};
use crate::error::CoreResult;
use crate::contacts;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// Moves the newest action back to `at` (the demo's past).
async fn backdate(db: &DatabaseConnection, at: DateTime<Utc>) -> CoreResult<()> {
    let q = Query::select().expr(Expr::cust("max(id)")).from("history_actions").to_owned();
    let Some(id) = db.query_one(&q).await?.and_then(|r| r.try_get_by_index::<Option<i64>>(0).ok().flatten()) else { return Ok(()) };
    let ms = at.timestamp_millis();
    db.execute(&Query::update().table("history_actions").value("at_ms", ms).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    db.execute(&Query::update().table("history_changes").value("at_ms", ms).and_where(Expr::col("action_id").eq(id)).to_owned()).await?;
    Ok(())
}

pub(crate) async fn add(db: &DatabaseConnection, now: DateTime<Utc>) -> CoreResult<()> {
    // The trade-show import (the newest action so far) came first.
    backdate(db, now - Duration::days(3)).await?;
    let people = contact::Entity::find()
        .filter(contact::Column::DeletedAt.is_null())
        .order_by_asc(contact::Column::LastName)
        .order_by_asc(contact::Column::Id)
        .all(db)
        .await?;
    if let Some(c) = people.first() {
        let detail = contacts::get(db, &c.id).await?;
        let mut input = detail.to_input();
        input.title = Some("Head of purchasing".into());
        if !input.tags.iter().any(|t| t == "VIP") {
            input.tags.push("VIP".into());
        }
        contacts::update(db, &c.id, input).await?;
        backdate(db, now - Duration::days(2) - Duration::hours(3)).await?;
    }
    let open = deal::Entity::find()
        .filter(deal::Column::DeletedAt.is_null())
        .filter(deal::Column::Status.eq("open"))
        .order_by_asc(deal::Column::Id)
        .one(db)
        .await?;
    if let Some(d) = open {
        let stages = pipeline_stage::Entity::find()
            .filter(pipeline_stage::Column::PipelineId.eq(d.pipeline_id.as_str()))
            .order_by_asc(pipeline_stage::Column::Position)
            .all(db)
            .await?;
        let here = stages.iter().position(|s| s.id == d.stage_id).unwrap_or(0);
        if let Some(next) = stages.iter().skip(here + 1).find(|s| s.kind == "open") {
            let mv = DealMove {
                deal_id: d.id.clone(),
                stage_id: next.id.clone(),
                after_id: None,
                expected_version: d.version,
                lost_reason_id: None,
                lost_note: None,
            };
            deals::move_deal(db, mv).await?;
            backdate(db, now - Duration::days(1) - Duration::hours(5)).await?;
        }
    }
    // (No delete: the demo keeps its 320 live contacts, which screens and tests count on.)
    if let Some(c) = people.get(1) {
        let mut input = contacts::get(db, &c.id).await?.to_input();
        input.title = Some("Co-owner".into());
        input.notes = Some("Took over the buying from her father this autumn.".into());
        contacts::update(db, &c.id, input).await?;
        backdate(db, now - Duration::hours(4)).await?;
    }
    Ok(())
}
