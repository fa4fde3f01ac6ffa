//! Lead sources: an editable list (website, referral, …). A source flagged `is_referral` lets a
//! contact name the contact who referred them.

use crate::history::{self, ActionKind};
use crate::common::{new_id, now};
use crate::entities::{contact, lead_source};
use crate::error::{CoreError, CoreResult};
use crate::validate::{Validator, MAX_NAME};
use sea_orm::{TransactionTrait, 
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use serde::{Deserialize, Serialize};

pub const DEFAULTS: [(&str, bool); 10] = [
    ("Website", false),
    ("Referral", true),
    ("Social media", false),
    ("Ads", false),
    ("Event", false),
    ("Walk-in", false),
    ("E-mail list", false),
    ("Cold outreach", false),
    ("Partner", false),
    ("Other", false),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LeadSource {
    pub id: String,
    pub name: String,
    pub is_referral: bool,
    pub archived: bool,
    pub position: i32,
    pub contact_count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct LeadSourceInput {
    pub name: String,
    pub is_referral: bool,
    pub archived: bool,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Seeds the default list into an empty table (first start).
pub async fn ensure_defaults<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    if lead_source::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let t = now();
    let rows = DEFAULTS.iter().enumerate().map(|(i, (name, referral))| lead_source::ActiveModel {
        id: Set(new_id()),
        name: Set(name.to_string()),
        name_key: Set(key(name)),
        is_referral: Set(*referral),
        archived: Set(false),
        position: Set(i as i32),
        created_at: Set(t),
        updated_at: Set(t),
    });
    lead_source::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<LeadSource>> {
    let sources = lead_source::Entity::find().order_by_asc(lead_source::Column::Position).all(db).await?;
    let counts: Vec<(Option<String>, i64)> = contact::Entity::find()
        .select_only()
        .column(contact::Column::LeadSourceId)
        .column_as(contact::Column::Id.count(), "n")
        .filter(contact::Column::DeletedAt.is_null())
        .group_by(contact::Column::LeadSourceId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(sources
        .into_iter()
        .map(|s| {
            let n = counts.iter().find(|(id, _)| id.as_deref() == Some(&s.id)).map_or(0, |c| c.1);
            LeadSource {
                id: s.id,
                name: s.name,
                is_referral: s.is_referral,
                archived: s.archived,
                position: s.position,
                contact_count: n as u32,
            }
        })
        .collect())
}

pub async fn find<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<lead_source::Model> {
    lead_source::Entity::find_by_id(id.to_string()).one(db).await?.ok_or_else(|| CoreError::not_found("lead source", id))
}

async fn check_name<C: ConnectionTrait>(db: &C, name: &str, except: Option<&str>) -> CoreResult<String> {
    let mut v = Validator::new();
    let name = v.required("name", name, MAX_NAME);
    v.finish()?;
    let clash = lead_source::Entity::find().filter(lead_source::Column::NameKey.eq(key(&name))).one(db).await?;
    if clash.is_some_and(|c| Some(c.id.as_str()) != except) {
        return Err(CoreError::invalid("name", "duplicate", format!("A lead source named “{name}” already exists.")));
    }
    Ok(name)
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: LeadSourceInput) -> CoreResult<LeadSource> {
    let name = check_name(db, &input.name, None).await?;
    let position = lead_source::Entity::find().count(db).await? as i32;
    let t = now();
    let act = history::begin(db, ActionKind::Create, "lead_sources", None).await?;
    let m = lead_source::ActiveModel {
        id: Set(new_id()),
        name_key: Set(key(&name)),
        name: Set(name),
        is_referral: Set(input.is_referral),
        archived: Set(input.archived),
        position: Set(position),
        created_at: Set(t),
        updated_at: Set(t),
    }
    .insert(&*act)
    .await?;
    act.commit().await?;
    get(db, &m.id).await
}

pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: LeadSourceInput) -> CoreResult<LeadSource> {
    let existing = find(db, id).await?;
    let name = check_name(db, &input.name, Some(id)).await?;
    let act = history::begin(db, ActionKind::Update, "lead_sources", Some(id)).await?;
    let mut m: lead_source::ActiveModel = existing.into();
    m.name_key = Set(key(&name));
    m.name = Set(name);
    m.is_referral = Set(input.is_referral);
    m.archived = Set(input.archived);
    m.updated_at = Set(now());
    m.update(&*act).await?;
    act.commit().await?;
    get(db, id).await
}

/// Deletes a source no contact uses; a used one must be archived instead.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let existing = find(db, id).await?;
    let used = contact::Entity::find().filter(contact::Column::LeadSourceId.eq(id)).count(db).await?;
    if used > 0 {
        return Err(CoreError::conflict(format!(
            "“{}” is the source of {used} contact(s); archive it instead so their history stays intact.",
            existing.name
        )));
    }
    let act = history::begin(db, ActionKind::Delete, "lead_sources", Some(id)).await?;
    lead_source::Entity::delete_by_id(id.to_string()).exec(&*act).await?;
    act.commit().await
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<LeadSource> {
    list(db).await?.into_iter().find(|s| s.id == id).ok_or_else(|| CoreError::not_found("lead source", id))
}
