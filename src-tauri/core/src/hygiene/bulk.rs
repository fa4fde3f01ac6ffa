//! Bulk fixes from the data-quality lists: one action over many records, set-based, in one
//! transaction; every id is checked first so a bad one changes nothing.

use crate::history::{self, ActionKind};
use super::BulkAction;
use crate::common::now;
use crate::duplicates::RecordKind;
use crate::error::{CoreError, CoreResult};
use crate::validate::{Validator, MAX_NAME};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use std::collections::HashMap;

/// The most records one bulk action touches.
pub const MAX_BULK: usize = 10_000;
const CHUNK: usize = 500;

fn names(kind: RecordKind) -> (&'static str, &'static str, &'static str, &'static str) {
    match kind {
        RecordKind::Contact => ("contacts", "contact", "contact_tags", "contact_id"),
        RecordKind::Company => ("companies", "company", "company_tags", "company_id"),
    }
}

/// Each record's `deleted_at` (present = found); errors on the first unknown id.
async fn states<C: ConnectionTrait>(db: &C, kind: RecordKind, ids: &[String], cols: &[&'static str]) -> CoreResult<HashMap<String, Vec<Option<String>>>> {
    let (table, noun, _, _) = names(kind);
    let mut found = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let mut q = Query::select();
        q.column("id").column("deleted_at").columns(cols.iter().copied()).from(table).and_where(Expr::col("id").is_in(chunk.iter().cloned()));
        for r in db.query_all(&q).await? {
            let id: String = r.try_get_by_index(0)?;
            let deleted: Option<DateTime<Utc>> = r.try_get_by_index(1)?;
            let mut vals = vec![deleted.map(|d| d.to_rfc3339())];
            for i in 0..cols.len() {
                vals.push(r.try_get_by_index::<Option<String>>(i + 2).or_else(|_| r.try_get_by_index::<bool>(i + 2).map(|b| Some(b.to_string())))?);
            }
            found.insert(id, vals);
        }
    }
    if let Some(missing) = ids.iter().find(|id| !found.contains_key(*id)) {
        return Err(CoreError::not_found(noun, missing));
    }
    Ok(found)
}

async fn update_ids<C: ConnectionTrait>(db: &C, table: &'static str, ids: &[String], values: Vec<(&'static str, sea_orm::sea_query::SimpleExpr)>) -> CoreResult<()> {
    for chunk in ids.chunks(CHUNK) {
        let u = Query::update().table(table).values(values.clone()).and_where(Expr::col("id").is_in(chunk.iter().cloned())).to_owned();
        db.execute(&u).await?;
    }
    Ok(())
}

pub(crate) async fn bulk(db: &DatabaseConnection, kind: RecordKind, ids: &[String], action: &BulkAction) -> CoreResult<u32> {
    if ids.is_empty() {
        return Err(CoreError::invalid("ids", "required", "Choose at least one record."));
    }
    if ids.len() > MAX_BULK {
        return Err(CoreError::invalid("ids", "too_many", format!("At most {MAX_BULK} records at once ({} chosen).", ids.len())));
    }
    let mut unique: Vec<String> = ids.to_vec();
    unique.sort();
    unique.dedup();
    let (table, _, tag_table, owner_col) = names(kind);
    if kind == RecordKind::Company && matches!(action, BulkAction::SetStage { .. } | BulkAction::SetDoNotContact { .. }) {
        return Err(CoreError::invalid("action", "contacts_only", "Lifecycle stage and do-not-contact apply to contacts only."));
    }
    // Inputs first: a bad value changes nothing.
    let (tag_name, owner) = match action {
        BulkAction::AddTag { name } => {
            let mut v = Validator::new();
            let cleaned = crate::tags::clean_names(&mut v, "name", std::slice::from_ref(name));
            v.finish()?;
            let Some(n) = cleaned.into_iter().next() else {
                return Err(CoreError::invalid("name", "required", "Enter the name of the tag to add."));
            };
            (Some(n), None)
        }
        BulkAction::SetOwner { owner } => {
            let mut v = Validator::new();
            let o = v.optional("owner", owner, MAX_NAME);
            v.finish()?;
            (None, Some(o))
        }
        _ => (None, None),
    };
    let t = now();
    let act = history::begin(db, ActionKind::Bulk, table, None).await?;
    let txn = &*act;
    let cols: &[&'static str] = match action {
        BulkAction::SetOwner { .. } => &["owner"],
        BulkAction::SetStage { .. } => &["lifecycle_stage"],
        BulkAction::SetDoNotContact { .. } => &["do_not_contact"],
        _ => &[],
    };
    let state = states(txn, kind, &unique, cols).await?;
    let restoring = matches!(action, BulkAction::Restore);
    if !restoring {
        if let Some(gone) = unique.iter().find(|id| state[*id][0].is_some()) {
            return Err(CoreError::conflict(format!("The {} {gone} is in the trash: restore it first.", names(kind).1)));
        }
    }
    let changed: Vec<String> = match action {
        BulkAction::AddTag { .. } => {
            let tag_id = crate::tags::ensure(txn, &[tag_name.unwrap_or_default()]).await?.pop().unwrap_or_default();
            let mut have = std::collections::HashSet::new();
            for chunk in unique.chunks(CHUNK) {
                let q = Query::select()
                    .column(owner_col)
                    .from(tag_table)
                    .and_where(Expr::col("tag_id").eq(tag_id.as_str()))
                    .and_where(Expr::col(owner_col).is_in(chunk.iter().cloned()))
                    .to_owned();
                for r in txn.query_all(&q).await? {
                    have.insert(r.try_get_by_index::<String>(0)?);
                }
            }
            let add: Vec<String> = unique.iter().filter(|id| !have.contains(*id)).cloned().collect();
            for chunk in add.chunks(CHUNK) {
                let mut ins = Query::insert();
                ins.into_table(tag_table).columns([owner_col, "tag_id"]).on_conflict(OnConflict::columns([owner_col, "tag_id"]).do_nothing().to_owned());
                for id in chunk {
                    ins.values_panic([id.as_str().into(), tag_id.as_str().into()]);
                }
                txn.execute(&ins).await?;
            }
            update_ids(txn, table, &add, vec![("updated_at", t.into())]).await?;
            add
        }
        BulkAction::SetOwner { .. } => {
            let owner = owner.flatten();
            let ch: Vec<String> = unique.iter().filter(|id| state[*id][1] != owner).cloned().collect();
            update_ids(txn, table, &ch, vec![("owner", owner.into()), ("updated_at", t.into())]).await?;
            ch
        }
        BulkAction::SetStage { stage } => {
            let ch: Vec<String> = unique.iter().filter(|id| state[*id][1].as_deref() != Some(stage.as_str())).cloned().collect();
            update_ids(txn, table, &ch, vec![("lifecycle_stage", stage.as_str().into()), ("updated_at", t.into())]).await?;
            for id in &ch {
                // The same history row the contact screen's stage change writes.
                crate::contacts::record_stage(txn, id, state[id][1].as_deref(), *stage, t).await?;
            }
            ch
        }
        BulkAction::SetDoNotContact { value } => {
            let want = value.to_string();
            let ch: Vec<String> = unique.iter().filter(|id| state[*id][1].as_deref() != Some(want.as_str())).cloned().collect();
            update_ids(txn, table, &ch, vec![("do_not_contact", (*value).into()), ("updated_at", t.into())]).await?;
            ch
        }
        BulkAction::Trash => {
            update_ids(txn, table, &unique, vec![("deleted_at", t.into())]).await?;
            unique.clone()
        }
        BulkAction::Restore => {
            let ch: Vec<String> = unique.iter().filter(|id| state[*id][0].is_some()).cloned().collect();
            update_ids(txn, table, &ch, vec![("deleted_at", Option::<DateTime<Utc>>::None.into()), ("updated_at", t.into())]).await?;
            ch
        }
    };
    let noun = if changed.len() == 1 { names(kind).1.to_string() } else { format!("{}s", names(kind).1).replace("companys", "companies") };
    act.describe(&format!("{} {noun}", changed.len())).await?;
    act.commit().await?;
    Ok(changed.len() as u32)
}

/// Marks (or unmarks) one of a contact's addresses as bounced.
pub(crate) async fn set_bounced<C: ConnectionTrait + TransactionTrait>(db: &C, contact_id: &str, email: &str, bounced: bool) -> CoreResult<()> {
    let q = Query::select().column("id").from("contacts").and_where(Expr::col("id").eq(contact_id)).and_where(Expr::col("deleted_at").is_null()).to_owned();
    if db.query_one(&q).await?.is_none() {
        return Err(CoreError::not_found("contact", contact_id));
    }
    let wanted = email.trim().to_lowercase();
    let q = Query::select().columns(["id", "email"]).from("contact_emails").and_where(Expr::col("contact_id").eq(contact_id)).to_owned();
    let mut row = None;
    for r in db.query_all(&q).await? {
        let e: String = r.try_get_by_index(1)?;
        if e.trim().to_lowercase() == wanted {
            row = Some(r.try_get_by_index::<String>(0)?);
        }
    }
    let Some(id) = row else {
        return Err(CoreError::not_found("e-mail address", &format!("{} of contact {contact_id}", email.trim())));
    };
    let act = history::begin(db, ActionKind::Update, "contacts", Some(contact_id)).await?;
    act.execute(&Query::update().table("contact_emails").value("bounced", bounced).and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.commit().await
}
