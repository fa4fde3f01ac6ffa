//! An orders import changing an order imported before (its lines, buyer, status, refund), and
//! undoing an orders import: the orders it created are deleted with their lines and
//! subscriptions, the ones it changed get their earlier state back, the lifecycle changes that
//! followed are taken back (when the contact is still at that stage), and the buyers' figures
//! are counted again.

use crate::common::now;
use crate::error::{CoreError, CoreResult};
use crate::orders::{line_total, stats, ImportedOrder, OrderInput, OrderStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// An order as it was before an import changed it (`import_items.before_json`).
#[derive(Serialize, Deserialize)]
pub struct OrderBefore {
    contact_id: Option<String>,
    company_id: Option<String>,
    /// As stored (so it is written back exactly).
    ordered_at: String,
    status: String,
    currency: String,
    total_minor: i64,
    refunded_minor: i64,
    note: Option<String>,
    lines: Vec<LineBefore>,
    /// The subscriptions the import ended (it found the order refunded).
    cancelled: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct LineBefore {
    id: String,
    product_id: Option<String>,
    name: String,
    quantity: i32,
    unit_price_minor: i64,
    discount_percent: i32,
    total_minor: i64,
    position: i32,
}

fn stmt(sql: &str, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)
}

fn bad_json(e: serde_json::Error) -> CoreError {
    CoreError::Storage { message: format!("an import item cannot be read: {e}") }
}

async fn snapshot<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<OrderBefore> {
    let sql = "SELECT contact_id, company_id, ordered_at, status, currency, total_minor, refunded_minor, note FROM orders WHERE id = ?";
    let r = db.query_one_raw(stmt(sql, vec![id.into()])).await?.ok_or_else(|| CoreError::not_found("order", id))?;
    let mut b = OrderBefore {
        contact_id: r.try_get_by_index(0)?,
        company_id: r.try_get_by_index(1)?,
        ordered_at: r.try_get_by_index(2)?,
        status: r.try_get_by_index(3)?,
        currency: r.try_get_by_index(4)?,
        total_minor: r.try_get_by_index(5)?,
        refunded_minor: r.try_get_by_index(6)?,
        note: r.try_get_by_index(7)?,
        lines: vec![],
        cancelled: vec![],
    };
    let sql = "SELECT id, product_id, name, quantity, unit_price_minor, discount_percent, total_minor, position FROM order_lines WHERE order_id = ? ORDER BY position";
    for r in db.query_all_raw(stmt(sql, vec![id.into()])).await? {
        b.lines.push(LineBefore {
            id: r.try_get_by_index(0)?,
            product_id: r.try_get_by_index(1)?,
            name: r.try_get_by_index(2)?,
            quantity: r.try_get_by_index(3)?,
            unit_price_minor: r.try_get_by_index(4)?,
            discount_percent: r.try_get_by_index(5)?,
            total_minor: r.try_get_by_index(6)?,
            position: r.try_get_by_index(7)?,
        });
    }
    Ok(b)
}

async fn insert_line<C: ConnectionTrait>(db: &C, order_id: &str, l: &LineBefore) -> CoreResult<()> {
    let q = Query::insert()
        .into_table("order_lines")
        .columns(["id", "order_id", "product_id", "name", "quantity", "unit_price_minor", "discount_percent", "total_minor", "position"])
        .values_panic([
            l.id.clone().into(),
            order_id.into(),
            l.product_id.clone().into(),
            l.name.clone().into(),
            l.quantity.into(),
            l.unit_price_minor.into(),
            l.discount_percent.into(),
            l.total_minor.into(),
            l.position.into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// Counts a contact's orders again and, after a purchase, moves their lifecycle on.
async fn follow<C: ConnectionTrait>(db: &C, contact: &str, purchase: bool, at: DateTime<Utc>) -> CoreResult<()> {
    let n = stats::refresh(db, contact).await?;
    if purchase {
        stats::follow_lifecycle(db, contact, n == 1, at).await?;
    }
    Ok(())
}

/// Gives order `id` what the file says; returns what it was (JSON, for the undo).
pub async fn replace<C: ConnectionTrait>(db: &C, id: &str, o: &OrderInput, imported: &ImportedOrder, at: DateTime<Utc>) -> CoreResult<String> {
    let mut before = snapshot(db, id).await?;
    let ordered_at = o.ordered_at.unwrap_or(at);
    let total: i64 = o.lines.iter().map(line_total).sum();
    let q = Query::update()
        .table("orders")
        .values([
            ("contact_id", o.contact_id.clone().into()),
            ("company_id", o.company_id.clone().into()),
            ("ordered_at", ordered_at.into()),
            ("status", imported.status.as_str().into()),
            ("currency", o.currency.clone().into()),
            ("total_minor", total.into()),
            ("refunded_minor", imported.refunded_minor.into()),
            ("note", o.note.clone().into()),
            ("updated_at", now().into()),
        ])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    db.execute(&q).await?;
    db.execute(&Query::delete().from_table("order_lines").and_where(Expr::col("order_id").eq(id)).to_owned()).await?;
    for (i, l) in o.lines.iter().enumerate() {
        let line = LineBefore {
            id: crate::common::new_id(),
            product_id: l.product_id.clone(),
            name: l.name.clone(),
            quantity: l.quantity,
            unit_price_minor: l.unit_price_minor,
            discount_percent: l.discount_percent,
            total_minor: line_total(l),
            position: i as i32,
        };
        insert_line(db, id, &line).await?;
    }
    if imported.status == OrderStatus::Refunded {
        // A fully refunded order ends its subscriptions.
        let sql = "SELECT id FROM subscriptions WHERE order_id = ? AND cancelled_at IS NULL";
        for r in db.query_all_raw(stmt(sql, vec![id.into()])).await? {
            before.cancelled.push(r.try_get_by_index(0)?);
        }
        let q = Query::update()
            .table("subscriptions")
            .value("cancelled_at", ordered_at)
            .value("updated_at", now())
            .and_where(Expr::col("id").is_in(before.cancelled.clone()))
            .to_owned();
        db.execute(&q).await?;
    }
    if let Some(c) = before.contact_id.as_ref().filter(|c| Some(*c) != o.contact_id.as_ref()) {
        stats::refresh(db, c).await?;
    }
    if let Some(c) = &o.contact_id {
        follow(db, c, imported.status != OrderStatus::Refunded, at).await?;
    }
    stats::mark_rules_stale(db).await?;
    serde_json::to_string(&before).map_err(bad_json)
}

/// Puts back order `id` as it was before an import changed it.
async fn restore<C: ConnectionTrait>(db: &C, id: &str, b: &OrderBefore) -> CoreResult<()> {
    let q = Query::update()
        .table("orders")
        .values([
            ("contact_id", b.contact_id.clone().into()),
            ("company_id", b.company_id.clone().into()),
            ("ordered_at", b.ordered_at.clone().into()),
            ("status", b.status.clone().into()),
            ("currency", b.currency.clone().into()),
            ("total_minor", b.total_minor.into()),
            ("refunded_minor", b.refunded_minor.into()),
            ("note", b.note.clone().into()),
            ("updated_at", now().into()),
        ])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    db.execute(&q).await?;
    db.execute(&Query::delete().from_table("order_lines").and_where(Expr::col("order_id").eq(id)).to_owned()).await?;
    for l in &b.lines {
        insert_line(db, id, l).await?;
    }
    if !b.cancelled.is_empty() {
        let q = Query::update()
            .table("subscriptions")
            .value("cancelled_at", Option::<DateTime<Utc>>::None)
            .and_where(Expr::col("id").is_in(b.cancelled.clone()))
            .to_owned();
        db.execute(&q).await?;
    }
    Ok(())
}

/// The newest lifecycle change (its rowid), before an import writes.
pub async fn last_lifecycle_change<C: ConnectionTrait>(db: &C) -> CoreResult<i64> {
    let r = db.query_one_raw(stmt("SELECT ifnull(max(rowid), 0) FROM lifecycle_changes", vec![])).await?;
    Ok(r.map(|r| r.try_get_by_index(0)).transpose()?.unwrap_or(0))
}

/// The lifecycle changes written after rowid `after`: (id, JSON with the contact and stages).
pub async fn lifecycle_changes_after<C: ConnectionTrait>(db: &C, after: i64) -> CoreResult<Vec<(String, String)>> {
    let sql = "SELECT id, json_object('contact_id', contact_id, 'from', from_stage, 'to', to_stage) FROM lifecycle_changes WHERE rowid > ? ORDER BY rowid";
    let mut out = Vec::new();
    for r in db.query_all_raw(stmt(sql, vec![after.into()])).await? {
        out.push((r.try_get_by_index(0)?, r.try_get_by_index(1)?));
    }
    Ok(out)
}

#[derive(Deserialize)]
struct StageChange {
    contact_id: String,
    from: Option<String>,
    to: String,
}

/// Undoes the orders part of import `import_id` inside the undo's transaction; returns the
/// contacts whose figures or lifecycle changed (to score again).
pub async fn undo<C: ConnectionTrait>(db: &C, import_id: &str) -> CoreResult<Vec<String>> {
    let sql = "SELECT entity, record_id, action, before_json FROM import_items WHERE import_id = ? AND entity IN ('order', 'lifecycle_change') ORDER BY rowid";
    let items = db.query_all_raw(stmt(sql, vec![import_id.into()])).await?;
    if items.is_empty() {
        return Ok(vec![]);
    }
    let mut contacts: BTreeSet<String> = BTreeSet::new();
    let mut created: Vec<String> = Vec::new();
    let mut changes: Vec<StageChange> = Vec::new();
    let mut change_ids: Vec<String> = Vec::new();
    for r in &items {
        let (entity, id, action): (String, String, String) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?);
        let before: Option<String> = r.try_get_by_index(3)?;
        match (entity.as_str(), action.as_str()) {
            ("order", _) => {
                let sql = "SELECT contact_id FROM orders WHERE id = ?";
                if let Some(row) = db.query_one_raw(stmt(sql, vec![id.clone().into()])).await? {
                    contacts.extend(row.try_get_by_index::<Option<String>>(0)?);
                }
                if action == "created" {
                    created.push(id);
                } else {
                    let b: OrderBefore = serde_json::from_str(before.as_deref().unwrap_or("{}")).map_err(bad_json)?;
                    contacts.extend(b.contact_id.clone());
                    restore(db, &id, &b).await?;
                }
            }
            ("lifecycle_change", _) => {
                changes.push(serde_json::from_str(before.as_deref().unwrap_or("{}")).map_err(bad_json)?);
                change_ids.push(id);
            }
            _ => {}
        }
    }
    for chunk in created.chunks(500) {
        let ids = chunk.to_vec();
        db.execute(&Query::delete().from_table("subscriptions").and_where(Expr::col("order_id").is_in(ids.clone())).to_owned()).await?;
        db.execute(&Query::delete().from_table("order_lines").and_where(Expr::col("order_id").is_in(ids.clone())).to_owned()).await?;
        db.execute(&Query::delete().from_table("orders").and_where(Expr::col("id").is_in(ids)).to_owned()).await?;
    }
    // Newest first: each stage goes back one step, unless the contact moved on since.
    for (c, id) in changes.iter().zip(&change_ids).rev() {
        if let Some(from) = &c.from {
            let sql = "UPDATE contacts SET lifecycle_stage = ?, updated_at = ? WHERE id = ? AND lifecycle_stage = ?";
            db.execute_raw(stmt(sql, vec![from.clone().into(), now().into(), c.contact_id.clone().into(), c.to.clone().into()])).await?;
        }
        db.execute(&Query::delete().from_table("lifecycle_changes").and_where(Expr::col("id").eq(id.as_str())).to_owned()).await?;
        contacts.insert(c.contact_id.clone());
    }
    for c in &contacts {
        stats::refresh(db, c).await?;
    }
    stats::mark_rules_stale(db).await?;
    Ok(contacts.into_iter().collect())
}
