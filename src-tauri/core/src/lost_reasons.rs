//! Lost reasons: the editable list a lost deal picks its reason from. A used reason can be
//! archived (kept on old deals, not offered any more) but not deleted.

use crate::history::{self, ActionKind};
use crate::common::{new_id, now};
use crate::entities::{deal, lost_reason};
use crate::error::{CoreError, CoreResult};
use crate::validate::{Validator, MAX_NAME};
use sea_orm::{TransactionTrait, 
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use serde::{Deserialize, Serialize};

pub const DEFAULTS: [&str; 8] = [
    "Price too high",
    "Chose a competitor",
    "No budget",
    "No decision / went quiet",
    "Bad timing",
    "Not a fit for our offer",
    "Did it themselves",
    "Other",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LostReason {
    pub id: String,
    pub name: String,
    pub archived: bool,
    pub position: i32,
    pub deal_count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct LostReasonInput {
    pub name: String,
    pub archived: bool,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Seeds the default list into an empty table (first start).
pub async fn ensure_defaults<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    if lost_reason::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let t = now();
    let rows = DEFAULTS.iter().enumerate().map(|(i, name)| lost_reason::ActiveModel {
        id: Set(new_id()),
        name: Set(name.to_string()),
        name_key: Set(key(name)),
        archived: Set(false),
        position: Set(i as i32),
        created_at: Set(t),
        updated_at: Set(t),
    });
    lost_reason::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

pub async fn list<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<LostReason>> {
    let sources = lost_reason::Entity::find().order_by_asc(lost_reason::Column::Position).all(db).await?;
    let counts: Vec<(Option<String>, i64)> = deal::Entity::find()
        .select_only()
        .column(deal::Column::LostReasonId)
        .column_as(deal::Column::Id.count(), "n")
        .filter(deal::Column::DeletedAt.is_null())
        .group_by(deal::Column::LostReasonId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(sources
        .into_iter()
        .map(|s| {
            let n = counts.iter().find(|(id, _)| id.as_deref() == Some(&s.id)).map_or(0, |c| c.1);
            LostReason {
                id: s.id,
                name: s.name,
                archived: s.archived,
                position: s.position,
                deal_count: n as u32,
            }
        })
        .collect())
}

pub async fn find<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<lost_reason::Model> {
    lost_reason::Entity::find_by_id(id.to_string()).one(db).await?.ok_or_else(|| CoreError::not_found("lost reason", id))
}

async fn check_name<C: ConnectionTrait>(db: &C, name: &str, except: Option<&str>) -> CoreResult<String> {
    let mut v = Validator::new();
    let name = v.required("name", name, MAX_NAME);
    v.finish()?;
    let clash = lost_reason::Entity::find().filter(lost_reason::Column::NameKey.eq(key(&name))).one(db).await?;
    if clash.is_some_and(|c| Some(c.id.as_str()) != except) {
        return Err(CoreError::invalid("name", "duplicate", format!("A lost reason named “{name}” already exists.")));
    }
    Ok(name)
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: LostReasonInput) -> CoreResult<LostReason> {
    let name = check_name(db, &input.name, None).await?;
    let position = lost_reason::Entity::find().count(db).await? as i32;
    let t = now();
    let act = history::begin(db, ActionKind::Create, "lost_reasons", None).await?;
    let m = lost_reason::ActiveModel {
        id: Set(new_id()),
        name_key: Set(key(&name)),
        name: Set(name),
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

pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, input: LostReasonInput) -> CoreResult<LostReason> {
    let existing = find(db, id).await?;
    let name = check_name(db, &input.name, Some(id)).await?;
    let act = history::begin(db, ActionKind::Update, "lost_reasons", Some(id)).await?;
    let mut m: lost_reason::ActiveModel = existing.into();
    m.name_key = Set(key(&name));
    m.name = Set(name);
    m.archived = Set(input.archived);
    m.updated_at = Set(now());
    m.update(&*act).await?;
    act.commit().await?;
    get(db, id).await
}

/// Deletes a reason no deal uses; a used one must be archived instead.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let existing = find(db, id).await?;
    let used = deal::Entity::find().filter(deal::Column::LostReasonId.eq(id)).count(db).await?;
    if used > 0 {
        return Err(CoreError::conflict(format!(
            "“{}” is the reason {used} deal(s) were lost; archive it instead so their history stays intact.",
            existing.name
        )));
    }
    let act = history::begin(db, ActionKind::Delete, "lost_reasons", Some(id)).await?;
    lost_reason::Entity::delete_by_id(id.to_string()).exec(&*act).await?;
    act.commit().await
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<LostReason> {
    list(db).await?.into_iter().find(|s| s.id == id).ok_or_else(|| CoreError::not_found("lost reason", id))
}
