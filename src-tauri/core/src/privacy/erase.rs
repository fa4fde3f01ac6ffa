//! Erasure: a contact removed for good in one transaction, and the audit log that outlives it.
//!
//! - Activities only about this contact (no deal, no company) are deleted; those also on a deal
//!   or a company are kept for the business's record but anonymised: subject "Erased contact",
//!   no body, no outcome, no contact.
//! - Deal links are removed (the remaining contacts of each deal keep their order, the first
//!   becoming the main contact); contacts they referred lose the "referred by" link.
//! - The contact row is deleted; the database cascades e-mails, phones, tags, lifecycle
//!   history and consents, and its triggers remove the search-index entry.
//! - Import items about them (which hold the record as it was before an update) and merges
//!   they took part in (whose snapshots hold their data) are deleted, and so are rejected import
//!   rows that hold one of their e-mail addresses.
//! - An audit entry says what happened with counts only: no name, e-mail or id.

use super::{AuditEntry, ErasureReceipt};
use crate::common::{new_id, now};
use crate::entities::{activity, contact, contact_email, deal_contact};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
};

/// What an anonymised activity's subject becomes.
pub const ERASED_SUBJECT: &str = "Erased contact";

async fn renumber_deal_contacts<C: ConnectionTrait>(db: &C, deal_id: &str) -> CoreResult<()> {
    let rest = deal_contact::Entity::find()
        .filter(deal_contact::Column::DealId.eq(deal_id))
        .order_by_asc(deal_contact::Column::Position)
        .all(db)
        .await?;
    for (i, link) in rest.into_iter().enumerate() {
        if link.position != i as i32 {
            deal_contact::Entity::update_many()
                .col_expr(deal_contact::Column::Position, Expr::value(i as i32))
                .filter(deal_contact::Column::DealId.eq(deal_id))
                .filter(deal_contact::Column::ContactId.eq(link.contact_id.as_str()))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Erases a contact for good: the record, e-mails, phones, tags, consents, their activities'
/// personal content and their search index entries. Leaves an audit entry with no personal data.
pub async fn erase_contact(db: &DatabaseConnection, contact_id: &str) -> CoreResult<ErasureReceipt> {
    // A contact in the trash is still held, so it can be erased too.
    let c = contact::Entity::find_by_id(contact_id.to_string())
        .one(db)
        .await?
        .ok_or_else(|| CoreError::not_found("contact", contact_id))?;
    let act = history::begin(db, ActionKind::Erase, "contacts", Some(contact_id)).await?;
    let txn = &*act;
    // Nothing erased may stay in the change log: the erasure itself is not logged row by row,
    // and what the log held about the contact goes.
    history::quiet(txn).await?;
    history::forget_contact(txn, contact_id).await?;
    let only_theirs = activity::Entity::find()
        .filter(activity::Column::ContactId.eq(contact_id))
        .filter(activity::Column::DealId.is_null())
        .filter(activity::Column::CompanyId.is_null());
    let erased = only_theirs.clone().count(txn).await?;
    activity::Entity::delete_many()
        .filter(activity::Column::ContactId.eq(contact_id))
        .filter(activity::Column::DealId.is_null())
        .filter(activity::Column::CompanyId.is_null())
        .exec(txn)
        .await?;
    let kept = activity::Entity::update_many()
        .col_expr(activity::Column::Subject, Expr::value(ERASED_SUBJECT))
        .col_expr(activity::Column::Body, Expr::value(Option::<String>::None))
        .col_expr(activity::Column::Outcome, Expr::value(Option::<String>::None))
        .col_expr(activity::Column::ContactId, Expr::value(Option::<String>::None))
        .col_expr(activity::Column::UpdatedAt, Expr::value(now()))
        .filter(activity::Column::ContactId.eq(contact_id))
        .exec(txn)
        .await?
        .rows_affected;

    let deals: Vec<String> = deal_contact::Entity::find()
        .filter(deal_contact::Column::ContactId.eq(contact_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.deal_id)
        .collect();
    deal_contact::Entity::delete_many().filter(deal_contact::Column::ContactId.eq(contact_id)).exec(txn).await?;
    for d in &deals {
        renumber_deal_contacts(txn, d).await?;
    }
    contact::Entity::update_many()
        .col_expr(contact::Column::ReferredById, Expr::value(Option::<String>::None))
        .filter(contact::Column::ReferredById.eq(contact_id))
        .exec(txn)
        .await?;

    let items = Query::delete()
        .from_table("import_items")
        .and_where(Expr::col("entity").eq("contact"))
        .and_where(Expr::col("record_id").eq(contact_id))
        .to_owned();
    txn.execute(&items).await?;
    let emails: Vec<String> = contact_email::Entity::find()
        .filter(contact_email::Column::ContactId.eq(contact_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|e| e.email)
        .collect();
    for email in emails {
        // LIKE ignores ASCII case; `%`, `_` and `\` in an address are taken literally.
        let pattern = format!("%{}%", email.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let rejects = Query::delete()
            .from_table("import_rejects")
            .and_where(Expr::col("cells_json").like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\')))
            .to_owned();
        txn.execute(&rejects).await?;
    }
    let merges: Vec<String> = super::personal::merge_ids(txn, contact_id).await?.into_iter().map(|m| m.0).collect();
    if !merges.is_empty() {
        txn.execute(&Query::delete().from_table("merges").and_where(Expr::col("id").is_in(merges)).to_owned()).await?;
    }

    // Cascades: e-mails, phones, tags, lifecycle history, consents; the triggers drop the
    // search-index entry and keep the live count.
    contact::Entity::delete_by_id(c.id.clone()).exec(txn).await?;
    // Their orders are kept without a buyer: the purchase figures kept per buyer go.
    crate::orders::stats::refresh(txn, contact_id).await?;

    let audit_id = new_id();
    let detail = format!(
        "Erased a contact: {erased} {} deleted, {kept} kept without personal content",
        if erased == 1 { "activity" } else { "activities" }
    );
    let insert = Query::insert()
        .into_table("audit_log")
        .columns(["id", "action", "entity", "detail", "at"])
        .values_panic([audit_id.clone().into(), "erase".into(), "contact".into(), detail.into(), now().into()])
        .to_owned();
    txn.execute(&insert).await?;
    history::resume(txn).await?;
    act.describe("(erased)").await?;
    act.commit().await?;
    Ok(ErasureReceipt { audit_id, activities_erased: erased as u32, activities_kept_anonymised: kept as u32 })
}

/// The audit log, newest first (100 entries unless told, at most 1,000).
pub async fn audit_log(db: &DatabaseConnection, limit: Option<u32>) -> CoreResult<Vec<AuditEntry>> {
    let q = Query::select()
        .columns(["id", "action", "entity", "detail", "at"])
        .from("audit_log")
        .order_by("at", Order::Desc)
        .order_by("id", Order::Desc)
        .limit(limit.unwrap_or(100).clamp(1, 1_000) as u64)
        .to_owned();
    db.query_all(&q)
        .await?
        .iter()
        .map(|r| {
            Ok(AuditEntry {
                id: r.try_get_by_index(0)?,
                action: r.try_get_by_index(1)?,
                entity: r.try_get_by_index(2)?,
                detail: r.try_get_by_index(3)?,
                at: r.try_get_by_index(4)?,
            })
        })
        .collect()
}
