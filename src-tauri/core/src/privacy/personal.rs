//! Everything held about one contact, as pretty-printed JSON with stable (sorted) keys: the
//! record, e-mails, phones, tags, company, lifecycle history, activities with their bodies,
//! deals they are on, consents, and the imports and merges that mention them. Contacts in the
//! trash are included (they are still held).

use super::consent::history;
use crate::entities::{activity, company, contact, contact_email, contact_phone, lead_source, lifecycle_change};
use crate::error::{CoreError, CoreResult};
use crate::export::format_money;
use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Order, QueryFilter, QueryOrder};
use serde_json::{json, Value};

async fn deals<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<Vec<Value>> {
    let q = Query::select()
        .columns([("d", "id"), ("d", "title"), ("d", "value_minor"), ("d", "currency"), ("d", "status")])
        .column(("s", "name"))
        .column(("dc", "position"))
        .column(("d", "deleted_at"))
        .from_as("deal_contacts", "dc")
        .join_as(JoinType::InnerJoin, "deals", "d", Expr::col(("d", "id")).equals(("dc", "deal_id")))
        .join_as(JoinType::InnerJoin, "pipeline_stages", "s", Expr::col(("s", "id")).equals(("d", "stage_id")))
        .and_where(Expr::col(("dc", "contact_id")).eq(contact_id))
        .order_by(("d", "created_at"), Order::Asc)
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        let value: i64 = r.try_get_by_index(2)?;
        let currency: String = r.try_get_by_index(3)?;
        let position: i32 = r.try_get_by_index(6)?;
        out.push(json!({
            "id": r.try_get_by_index::<String>(0)?,
            "title": r.try_get_by_index::<String>(1)?,
            "value": format_money(value, &currency),
            "currency": currency,
            "status": r.try_get_by_index::<String>(4)?,
            "stage": r.try_get_by_index::<String>(5)?,
            "role": if position == 0 { "main contact" } else { "contact" },
            "in_trash": r.try_get_by_index::<Option<chrono::DateTime<chrono::Utc>>>(7)?.is_some(),
        }));
    }
    Ok(out)
}

async fn imports<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<Vec<Value>> {
    let q = Query::select()
        .columns([("i", "file_name"), ("i", "kind")])
        .column(("ii", "action"))
        .column(("i", "finished_at"))
        .from_as("import_items", "ii")
        .join_as(JoinType::InnerJoin, "imports", "i", Expr::col(("i", "id")).equals(("ii", "import_id")))
        .and_where(Expr::col(("ii", "entity")).eq("contact"))
        .and_where(Expr::col(("ii", "record_id")).eq(contact_id))
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        out.push(json!({
            "file_name": r.try_get_by_index::<String>(0)?,
            "kind": r.try_get_by_index::<String>(1)?,
            "action": r.try_get_by_index::<String>(2)?,
            "at": r.try_get_by_index::<chrono::DateTime<chrono::Utc>>(3)?,
        }));
    }
    Ok(out)
}

/// Merges this contact took part in (as the kept record or as one merged into it).
pub(crate) async fn merge_ids<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<Vec<(String, bool, chrono::DateTime<chrono::Utc>)>> {
    let q = Query::select()
        .columns(["id", "survivor_id", "merged_at"])
        .from("merges")
        .and_where(Expr::col("entity").eq("contact"))
        .cond_where(
            sea_orm::sea_query::Cond::any()
                .add(Expr::col("survivor_id").eq(contact_id))
                .add(Expr::col("merged_ids_json").like(format!("%\"{contact_id}\"%"))),
        )
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        let survivor: String = r.try_get_by_index(1)?;
        out.push((r.try_get_by_index(0)?, survivor == contact_id, r.try_get_by_index(2)?));
    }
    Ok(out)
}

/// Everything held about one contact, as pretty-printed JSON.
pub async fn export_contact(db: &DatabaseConnection, contact_id: &str) -> CoreResult<String> {
    let c = contact::Entity::find_by_id(contact_id.to_string())
        .one(db)
        .await?
        .ok_or_else(|| CoreError::not_found("contact", contact_id))?;
    let company = match &c.company_id {
        Some(id) => company::Entity::find_by_id(id.clone()).one(db).await?.map(|co| co.name),
        None => None,
    };
    let source = match &c.lead_source_id {
        Some(id) => lead_source::Entity::find_by_id(id.clone()).one(db).await?.map(|s| s.name),
        None => None,
    };
    let referred_by = match &c.referred_by_id {
        Some(id) => contact::Entity::find_by_id(id.clone())
            .one(db)
            .await?
            .map(|r| crate::contacts::display_name(&r.first_name, &r.last_name)),
        None => None,
    };
    let emails: Vec<Value> = contact_email::Entity::find()
        .filter(contact_email::Column::ContactId.eq(contact_id))
        .order_by_asc(contact_email::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|e| json!({ "email": e.email, "label": e.label, "is_primary": e.is_primary, "bounced": e.bounced }))
        .collect();
    let phones: Vec<Value> = contact_phone::Entity::find()
        .filter(contact_phone::Column::ContactId.eq(contact_id))
        .order_by_asc(contact_phone::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|p| json!({ "phone": p.phone, "label": p.label, "is_primary": p.is_primary }))
        .collect();
    let tags = crate::tags::names_for(db, "contact_tags", "contact_id", std::slice::from_ref(&c.id)).await?.remove(&c.id);
    let lifecycle: Vec<Value> = lifecycle_change::Entity::find()
        .filter(lifecycle_change::Column::ContactId.eq(contact_id))
        .order_by_asc(lifecycle_change::Column::ChangedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|l| json!({ "from": l.from_stage, "to": l.to_stage, "changed_at": l.changed_at }))
        .collect();
    let activities: Vec<Value> = activity::Entity::find()
        .filter(activity::Column::ContactId.eq(contact_id))
        .order_by_asc(activity::Column::OccurredAt)
        .all(db)
        .await?
        .into_iter()
        .map(|a| {
            json!({
                "kind": a.kind, "subject": a.subject, "body": a.body, "occurred_at": a.occurred_at, "due_at": a.due_at,
                "completed_at": a.completed_at, "duration_minutes": a.duration_minutes, "outcome": a.outcome,
                "deal_id": a.deal_id, "in_trash": a.deleted_at.is_some(),
            })
        })
        .collect();
    let consents: Vec<Value> = history(db, contact_id)
        .await?
        .into_iter()
        .map(|h| {
            json!({
                "purpose": h.purpose.as_str(), "granted": h.granted, "source": h.source, "wording": h.wording,
                "recorded_at": h.recorded_at,
            })
        })
        .collect();
    let merges: Vec<Value> = merge_ids(db, contact_id)
        .await?
        .into_iter()
        .map(|(_, kept, at)| json!({ "role": if kept { "kept record" } else { "merged into another record" }, "merged_at": at }))
        .collect();
    let doc = json!({
        "about": "Everything Hearth CRM holds about one contact.",
        "exported_at": crate::common::now(),
        "contact": {
            "id": c.id, "external_id": c.external_id, "first_name": c.first_name, "last_name": c.last_name,
            "title": c.title, "company": company, "owner": c.owner, "notes": c.notes,
            "lifecycle_stage": c.lifecycle_stage, "lead_source": source, "referred_by": referred_by,
            "do_not_contact": c.do_not_contact, "time_zone": c.time_zone,
            "address": { "street": c.street, "city": c.city, "region": c.region, "postal_code": c.postal_code, "country": c.country },
            "last_contacted_at": c.last_contacted_at, "next_follow_up_at": c.next_follow_up_at,
            "created_at": c.created_at, "updated_at": c.updated_at, "in_trash": c.deleted_at.is_some(),
        },
        "emails": emails,
        "phones": phones,
        "tags": tags.unwrap_or_default(),
        "lifecycle_history": lifecycle,
        "activities": activities,
        "deals": deals(db, contact_id).await?,
        "consents": consents,
        "imports": imports(db, contact_id).await?,
        "merges": merges,
    });
    serde_json::to_string_pretty(&doc).map_err(|e| CoreError::Storage { message: format!("cannot write the export: {e}") })
}
