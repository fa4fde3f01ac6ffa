//! One deal in full, its stage history, and the deals of a contact or a company.

use super::check::line_total;
use super::{Attention, CardPage, DealDetail, DealFilter, DealLine, DealLineInput, DealQuery, DealStageChange};
use crate::common::{now, EntityRef};
use crate::entities::{activity, company, contact, deal_contact, deal_line, deal_stage_change, lead_source, lost_reason};
use crate::error::{CoreError, CoreResult};
use crate::pipelines::{stage_of, StageKind};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

pub async fn history<C: ConnectionTrait>(db: &C, deal_id: &str) -> CoreResult<Vec<DealStageChange>> {
    Ok(deal_stage_change::Entity::find()
        .filter(deal_stage_change::Column::DealId.eq(deal_id))
        .order_by_desc(deal_stage_change::Column::ChangedAt)
        .order_by_desc(deal_stage_change::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|h| DealStageChange {
            id: h.id,
            from_stage_id: h.from_stage_id,
            from_stage_name: h.from_stage_name,
            to_stage_id: h.to_stage_id,
            to_stage_name: h.to_stage_name,
            to_status: StageKind::parse(&h.to_status),
            changed_at: h.changed_at,
            changed_by: h.changed_by,
        })
        .collect())
}

/// The next planned task (open, due from now on) or meeting (from now on) on the deal.
async fn next_activity<C: ConnectionTrait>(db: &C, deal_id: &str, at: DateTime<Utc>) -> CoreResult<Option<DateTime<Utc>>> {
    let planned = activity::Entity::find()
        .filter(activity::Column::DealId.eq(deal_id))
        .filter(activity::Column::DeletedAt.is_null())
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(activity::Column::Kind.eq("task"))
                        .add(activity::Column::CompletedAt.is_null())
                        .add(activity::Column::DueAt.gte(at)),
                )
                .add(Condition::all().add(activity::Column::Kind.eq("meeting")).add(activity::Column::OccurredAt.gte(at))),
        )
        .all(db)
        .await?;
    Ok(planned.into_iter().map(|a| if a.kind == "task" { a.due_at.unwrap_or(a.occurred_at) } else { a.occurred_at }).min())
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<DealDetail> {
    let at = now();
    let d = super::write::find_live(db, id).await?;
    let pipeline = crate::pipelines::find(db, &d.pipeline_id).await?;
    let stage = crate::pipelines::find_stage(db, &d.stage_id).await?;
    let links = deal_contact::Entity::find()
        .filter(deal_contact::Column::DealId.eq(id))
        .order_by_asc(deal_contact::Column::Position)
        .all(db)
        .await?;
    let mut contacts = Vec::new();
    for l in links {
        if let Some(c) = contact::Entity::find_by_id(l.contact_id).filter(contact::Column::DeletedAt.is_null()).one(db).await? {
            contacts.push(EntityRef { name: format!("{} {}", c.first_name, c.last_name).trim().to_string(), id: c.id });
        }
    }
    let company = match &d.company_id {
        Some(cid) => company::Entity::find_by_id(cid.clone())
            .filter(company::Column::DeletedAt.is_null())
            .one(db)
            .await?
            .map(|c| EntityRef { id: c.id, name: c.name }),
        None => None,
    };
    let source = match &d.source_id {
        Some(sid) => lead_source::Entity::find_by_id(sid.clone()).one(db).await?.map(|s| EntityRef { id: s.id, name: s.name }),
        None => None,
    };
    let lost = match &d.lost_reason_id {
        Some(rid) => lost_reason::Entity::find_by_id(rid.clone()).one(db).await?.map(|r| EntityRef { id: r.id, name: r.name }),
        None => None,
    };
    let lines = deal_line::Entity::find()
        .filter(deal_line::Column::DealId.eq(id))
        .order_by_asc(deal_line::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|l| {
            let input = DealLineInput {
                name: l.name.clone(),
                quantity: l.quantity,
                unit_price_minor: l.unit_price_minor,
                discount_percent: l.discount_percent,
            };
            DealLine {
                id: l.id,
                name: l.name,
                quantity: l.quantity,
                unit_price_minor: l.unit_price_minor,
                discount_percent: l.discount_percent,
                total_minor: line_total(&input),
            }
        })
        .collect();
    let tags = crate::tags::names_for(db, "deal_tags", "deal_id", std::slice::from_ref(&d.id)).await?.remove(&d.id);
    let status = StageKind::parse(&d.status);
    let next_activity_at = next_activity(db, id, at).await?;
    let open = status == StageKind::Open;
    let attention = Attention {
        rotting: open && stage.rotting_days.is_some_and(|r| d.stage_entered_at < at - Duration::days(r as i64)),
        no_next_activity: open && next_activity_at.is_none(),
    };
    Ok(DealDetail {
        id: d.id.clone(),
        title: d.title,
        pipeline: EntityRef { id: pipeline.id, name: pipeline.name },
        probability: d.probability.unwrap_or(stage.probability),
        probability_overridden: d.probability.is_some(),
        stage: stage_of(stage, 0),
        status,
        contacts,
        company,
        owner: d.owner,
        value_minor: d.value_minor,
        currency: d.currency,
        expected_close: d.expected_close,
        source,
        next_step: d.next_step,
        lost_reason: lost,
        lost_note: d.lost_note,
        notes: d.notes,
        tags: tags.unwrap_or_default(),
        lines,
        days_in_stage: (at - d.stage_entered_at).num_days().max(0) as i32,
        stage_entered_at: d.stage_entered_at,
        closed_at: d.closed_at,
        attention,
        next_activity_at,
        history: history(db, &d.id).await?,
        version: d.version,
        created_at: d.created_at,
        updated_at: d.updated_at,
    })
}

async fn deals_where<C: ConnectionTrait>(db: &C, filter: DealFilter) -> CoreResult<CardPage> {
    super::list(db, &DealQuery { filter, limit: Some(200), ..Default::default() }).await
}

/// A contact's deals (open first, newest first), for the contact screen.
pub async fn for_contact<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<CardPage> {
    if contact::Entity::find_by_id(contact_id.to_string()).one(db).await?.is_none() {
        return Err(CoreError::not_found("contact", contact_id));
    }
    let mut page = deals_where(db, DealFilter { contact_id: Some(contact_id.into()), ..Default::default() }).await?;
    page.cards.sort_by_key(|c| c.status != StageKind::Open);
    Ok(page)
}

/// A company's deals, for the company screen.
pub async fn for_company<C: ConnectionTrait>(db: &C, company_id: &str) -> CoreResult<CardPage> {
    if company::Entity::find_by_id(company_id.to_string()).one(db).await?.is_none() {
        return Err(CoreError::not_found("company", company_id));
    }
    let mut page = deals_where(db, DealFilter { company_id: Some(company_id.into()), ..Default::default() }).await?;
    page.cards.sort_by_key(|c| c.status != StageKind::Open);
    Ok(page)
}
