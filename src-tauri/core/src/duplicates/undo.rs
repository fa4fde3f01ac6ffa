//! Undoing a merge, and the list of merges.
//!
//! Undo brings the merged records back from the trash and points every moved row (activities,
//! deal links, history, consents, referrals, e-mails, phones; for companies their contacts,
//! deals and activities) back at its previous owner, removes the tags the merge added and the
//! stage change it wrote. The survivor's fields go back to their values before the merge where
//! they still hold what the merge set: a field edited since the merge keeps its new value (and
//! the survivor's touch dates are then recomputed). A moved row that was since moved elsewhere
//! stays where it is; an e-mail or phone the survivor's form re-created since is given back to
//! its record as it was.

use crate::history::{self, ActionKind};
use super::merge::{audit, kind_str};
use super::snapshot::{company_get, company_set, contact_get, contact_set, Snapshot};
use super::{MergeRecord, RecordKind};
use crate::common::now;
use crate::contacts::display_name;
use crate::entities::{company, contact};
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait};
use std::collections::BTreeMap;

struct Row {
    id: String,
    kind: RecordKind,
    survivor_id: String,
    merged: Vec<String>,
    snapshot: String,
    merged_at: DateTime<Utc>,
    undone_at: Option<DateTime<Utc>>,
}

fn storage(e: impl std::fmt::Display) -> CoreError {
    CoreError::Storage { message: format!("unreadable merge record: {e}") }
}

async fn rows<C: ConnectionTrait>(db: &C, id: Option<&str>) -> CoreResult<Vec<Row>> {
    let mut q = Query::select();
    q.columns(["id", "entity", "survivor_id", "merged_ids_json", "snapshot_json", "merged_at", "undone_at"]).from("merges");
    if let Some(id) = id {
        q.and_where(Expr::col("id").eq(id));
    }
    q.order_by("merged_at", sea_orm::Order::Desc).order_by("id", sea_orm::Order::Desc);
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        let entity: String = r.try_get_by_index(1)?;
        let merged: String = r.try_get_by_index(3)?;
        out.push(Row {
            id: r.try_get_by_index(0)?,
            kind: if entity == "company" { RecordKind::Company } else { RecordKind::Contact },
            survivor_id: r.try_get_by_index(2)?,
            merged: serde_json::from_str(&merged).map_err(storage)?,
            snapshot: if id.is_some() { r.try_get_by_index(4)? } else { String::new() },
            merged_at: r.try_get_by_index(5)?,
            undone_at: r.try_get_by_index(6)?,
        });
    }
    Ok(out)
}

async fn survivor_name<C: ConnectionTrait>(db: &C, kind: RecordKind, id: &str) -> CoreResult<String> {
    Ok(match kind {
        RecordKind::Contact => contact::Entity::find_by_id(id.to_string()).one(db).await?.map(|c| display_name(&c.first_name, &c.last_name)),
        RecordKind::Company => company::Entity::find_by_id(id.to_string()).one(db).await?.map(|c| c.name),
    }
    .unwrap_or_else(|| "(erased)".to_string()))
}

async fn to_record<C: ConnectionTrait>(db: &C, r: Row) -> CoreResult<MergeRecord> {
    Ok(MergeRecord {
        survivor_name: survivor_name(db, r.kind, &r.survivor_id).await?,
        id: r.id,
        kind: r.kind,
        survivor_id: r.survivor_id,
        merged_count: r.merged.len() as u32,
        merged_at: r.merged_at,
        undone_at: r.undone_at,
    })
}

pub(crate) async fn record<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<MergeRecord> {
    let r = rows(db, Some(id)).await?.pop().ok_or_else(|| CoreError::not_found("merge", id))?;
    to_record(db, r).await
}

pub(crate) async fn merges(db: &DatabaseConnection) -> CoreResult<Vec<MergeRecord>> {
    let mut out = Vec::new();
    for r in rows(db, None).await? {
        out.push(to_record(db, r).await?);
    }
    Ok(out)
}

/// Survivor columns back to their values before the merge where they still hold the merged
/// value; returns whether every changed column could be restored.
fn restore_columns(snap: &Snapshot, current: impl Fn(&str) -> Option<String>, mut set: impl FnMut(&str, Option<String>) -> CoreResult<()>) -> CoreResult<bool> {
    let mut all = true;
    for (col, after) in &snap.after {
        if current(col) == *after {
            set(col, snap.before.get(col).cloned().flatten())?;
        } else {
            all = false;
        }
    }
    Ok(all)
}

pub(crate) async fn undo_merge(db: &DatabaseConnection, merge_id: &str) -> CoreResult<MergeRecord> {
    let act = history::begin(db, ActionKind::Undo, "contacts", None).await?;
    let txn = &*act;
    let row = rows(txn, Some(merge_id)).await?.pop().ok_or_else(|| CoreError::not_found("merge", merge_id))?;
    if let Some(at) = row.undone_at {
        return Err(CoreError::conflict(format!("This merge was already undone on {}.", at.format("%Y-%m-%d %H:%M UTC"))));
    }
    let snap: Snapshot = serde_json::from_str(&row.snapshot).map_err(storage)?;
    let (table, noun) = match row.kind {
        RecordKind::Contact => ("contacts", "contact"),
        RecordKind::Company => ("companies", "company"),
    };
    // Every record of the merge must still exist (an erasure since makes the undo impossible).
    let q = Query::select()
        .column("id")
        .from(table)
        .and_where(Expr::col("id").is_in(std::iter::once(row.survivor_id.clone()).chain(row.merged.iter().cloned())))
        .to_owned();
    let present = txn.query_all(&q).await?.len();
    if present != row.merged.len() + 1 {
        return Err(CoreError::conflict(format!("This merge cannot be undone: a {noun} it involved has been erased since.")));
    }
    let sid = row.survivor_id.as_str();
    let t = now();

    let mut exact = match row.kind {
        RecordKind::Contact => {
            let s = contact::Entity::find_by_id(sid.to_string()).one(txn).await?.ok_or_else(|| CoreError::not_found(noun, sid))?;
            let mut m: contact::ActiveModel = s.clone().into();
            let all = restore_columns(&snap, |c| contact_get(&s, c), |c, v| contact_set(&mut m, c, v))?;
            m.update(txn).await?;
            all
        }
        RecordKind::Company => {
            let s = company::Entity::find_by_id(sid.to_string()).one(txn).await?.ok_or_else(|| CoreError::not_found(noun, sid))?;
            let mut m: company::ActiveModel = s.clone().into();
            let all = restore_columns(&snap, |c| company_get(&s, c), |c, v| company_set(&mut m, c, v))?;
            m.update(txn).await?;
            all
        }
    };

    // Moved rows back, batched by (table, column, previous owner).
    let mut batches: BTreeMap<(&str, &str, &str), Vec<String>> = BTreeMap::new();
    for m in &snap.moved {
        batches.entry((m.table.as_str(), m.column.as_str(), m.from.as_str())).or_default().push(m.id.clone());
    }
    for ((table, column, from), ids) in batches {
        for chunk in ids.chunks(500) {
            let u = Query::update()
                .table(table.to_string())
                .value(column.to_string(), from)
                .and_where(Expr::col("id").is_in(chunk.iter().cloned()))
                .and_where(Expr::col(column.to_string()).eq(sid))
                .to_owned();
            txn.execute(&u).await?;
        }
    }
    for c in &snap.children {
        let col = if c.table == "contact_emails" { "email" } else { "phone" };
        let q = Query::select().column("contact_id").from(c.table.clone()).and_where(Expr::col("id").eq(c.id.as_str())).to_owned();
        match txn.query_one(&q).await? {
            Some(r) => {
                if r.try_get_by_index::<String>(0)? == sid {
                    let u = Query::update()
                        .table(c.table.clone())
                        .values([("contact_id", c.from.as_str().into()), ("is_primary", c.is_primary.into()), ("position", c.position.into())])
                        .and_where(Expr::col("id").eq(c.id.as_str()))
                        .to_owned();
                    txn.execute(&u).await?;
                }
            }
            None => {
                // The survivor's form re-created its addresses since: give this one back as it was.
                exact = false;
                let mut cols = vec!["id", "contact_id", col, "label", "is_primary", "position"];
                let mut vals: Vec<sea_orm::sea_query::SimpleExpr> =
                    vec![c.id.as_str().into(), c.from.as_str().into(), c.value.as_str().into(), c.label.clone().into(), c.is_primary.into(), c.position.into()];
                if c.table == "contact_emails" {
                    cols.push("bounced");
                    vals.push(c.bounced.into());
                }
                let mut ins = Query::insert();
                ins.into_table(c.table.clone()).columns(cols);
                ins.values(vals).map_err(storage)?;
                txn.execute(&ins).await?;
            }
        }
    }
    for l in &snap.deal_links {
        if l.dropped {
            let ins = Query::insert()
                .into_table("deal_contacts")
                .columns(["deal_id", "contact_id", "position"])
                .values_panic([l.deal_id.as_str().into(), l.from.as_str().into(), l.position.into()])
                .on_conflict(sea_orm::sea_query::OnConflict::columns(["deal_id", "contact_id"]).do_nothing().to_owned())
                .to_owned();
            txn.execute(&ins).await?;
        } else {
            let u = Query::update()
                .table("deal_contacts")
                .values([("contact_id", l.from.as_str().into()), ("position", l.position.into())])
                .and_where(Expr::col("deal_id").eq(l.deal_id.as_str()))
                .and_where(Expr::col("contact_id").eq(sid))
                .to_owned();
            txn.execute(&u).await?;
        }
    }
    if !snap.tags_added.is_empty() {
        let (tags, owner) = match row.kind {
            RecordKind::Contact => ("contact_tags", "contact_id"),
            RecordKind::Company => ("company_tags", "company_id"),
        };
        let d = Query::delete()
            .from_table(tags)
            .and_where(Expr::col(owner).eq(sid))
            .and_where(Expr::col("tag_id").is_in(snap.tags_added.iter().cloned()))
            .to_owned();
        txn.execute(&d).await?;
    }
    if let Some(id) = &snap.stage_change_id {
        txn.execute(&Query::delete().from_table("lifecycle_changes").and_where(Expr::col("id").eq(id.as_str())).to_owned()).await?;
    }
    let u = Query::update()
        .table(table)
        .value("deleted_at", Option::<DateTime<Utc>>::None)
        .and_where(Expr::col("id").is_in(row.merged.iter().cloned()))
        .to_owned();
    txn.execute(&u).await?;
    if row.kind == RecordKind::Contact && !exact {
        crate::activities::refresh_contact_touches(txn, sid).await?;
    }
    txn.execute(&Query::update().table("merges").value("undone_at", t).and_where(Expr::col("id").eq(merge_id)).to_owned()).await?;
    let detail = format!("merge {merge_id} undone: {} {} records restored beside {sid}", row.merged.len(), kind_str(row.kind));
    audit(txn, "merge_undo", row.kind, &detail, t).await?;
    act.about(sid).await?;
    history::mark_undone_by_reference(txn, "merge", merge_id, act.id()).await?;
    act.commit().await?;
    record(db, merge_id).await
}
