//! Reading one contact with everything its detail screen shows.

use super::{display_name, ContactDetail, Email, LeadSourceRef, Phone};
use crate::common::{Address, EntityRef};
use crate::entities::{company, contact, contact_email, contact_phone, lead_source, lifecycle_change};
use crate::error::{CoreError, CoreResult};
use crate::lifecycle::LifecycleStage;
use crate::validate::format_phone;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct StageChange {
    pub from_stage: Option<LifecycleStage>,
    pub to_stage: LifecycleStage,
    pub changed_at: DateTime<Utc>,
}

fn stage(s: &str) -> LifecycleStage {
    LifecycleStage::parse(s).unwrap_or(LifecycleStage::Reach)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<ContactDetail> {
    let c = contact::Entity::find_by_id(id.to_string())
        .filter(contact::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| CoreError::not_found("contact", id))?;
    let company = match &c.company_id {
        Some(cid) => company::Entity::find_by_id(cid.clone())
            .filter(company::Column::DeletedAt.is_null())
            .one(db)
            .await?
            .map(|co| EntityRef { id: co.id, name: co.name }),
        None => None,
    };
    let emails = contact_email::Entity::find()
        .filter(contact_email::Column::ContactId.eq(id))
        .order_by_asc(contact_email::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|e| Email { id: e.id, email: e.email, label: e.label, is_primary: e.is_primary })
        .collect();
    let phones = contact_phone::Entity::find()
        .filter(contact_phone::Column::ContactId.eq(id))
        .order_by_asc(contact_phone::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Phone { id: p.id, formatted: format_phone(&p.phone), phone: p.phone, label: p.label, is_primary: p.is_primary })
        .collect();
    let tags = crate::tags::names_for(db, "contact_tags", "contact_id", std::slice::from_ref(&c.id))
        .await?
        .remove(&c.id)
        .unwrap_or_default();
    let lifecycle_history = lifecycle_change::Entity::find()
        .filter(lifecycle_change::Column::ContactId.eq(id))
        .order_by_desc(lifecycle_change::Column::ChangedAt)
        .order_by_desc(lifecycle_change::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|h| StageChange {
            from_stage: h.from_stage.as_deref().map(stage),
            to_stage: stage(&h.to_stage),
            changed_at: h.changed_at,
        })
        .collect();
    let lead_source = match &c.lead_source_id {
        Some(sid) => lead_source::Entity::find_by_id(sid.clone())
            .one(db)
            .await?
            .map(|s| LeadSourceRef { id: s.id, name: s.name, is_referral: s.is_referral }),
        None => None,
    };
    let referred_by = match &c.referred_by_id {
        Some(rid) => contact::Entity::find_by_id(rid.clone())
            .filter(contact::Column::DeletedAt.is_null())
            .one(db)
            .await?
            .map(|r| EntityRef { name: display_name(&r.first_name, &r.last_name), id: r.id }),
        None => None,
    };
    let referrals = contact::Entity::find()
        .filter(contact::Column::ReferredById.eq(id))
        .filter(contact::Column::DeletedAt.is_null())
        .order_by_asc(contact::Column::LastName)
        .limit(100)
        .all(db)
        .await?
        .into_iter()
        .map(|r| EntityRef { name: display_name(&r.first_name, &r.last_name), id: r.id })
        .collect();
    Ok(ContactDetail {
        display_name: display_name(&c.first_name, &c.last_name),
        id: c.id,
        first_name: c.first_name,
        last_name: c.last_name,
        title: c.title,
        company,
        emails,
        phones,
        address: Address {
            street: c.street,
            city: c.city,
            region: c.region,
            postal_code: c.postal_code,
            country: c.country,
        },
        time_zone: c.time_zone,
        owner: c.owner,
        notes: c.notes,
        tags,
        lifecycle_stage: stage(&c.lifecycle_stage),
        lifecycle_history,
        lead_source,
        referred_by,
        referrals,
        do_not_contact: c.do_not_contact,
        last_contacted_at: c.last_contacted_at,
        next_follow_up_at: c.next_follow_up_at,
        created_at: c.created_at,
        updated_at: c.updated_at,
    })
}
