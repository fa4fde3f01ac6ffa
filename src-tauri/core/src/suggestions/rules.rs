//! Association rules "customers who own A also own B", over every customer's purchases (a
//! customer's basket is every product on their paid orders). For a rule A → B, with N customers
//! who bought anything:
//! - support = customers owning both / N;
//! - confidence = customers owning both / customers owning A;
//! - lift = confidence / (customers owning B / N) — above 1, owning A makes B more likely.
//!
//! Pairs owned together by fewer than [`MIN_BOTH`] customers are left out (noise). The counts
//! are kept in `product_rules`, recomputed when orders changed since (an order write marks them
//! stale); suggestions read them.

use crate::common::EntityRef;
use crate::error::CoreResult;
use crate::orders::stats::RULES_STALE;
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};
use serde::{Deserialize, Serialize};

pub const MIN_BOTH: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ProductRule {
    pub from: EntityRef,
    pub to: EntityRef,
    /// Customers owning both, the first, the second; all customers.
    pub both: u32,
    pub from_count: u32,
    pub to_count: u32,
    pub customers: u32,
    pub support: f64,
    pub confidence: f64,
    pub lift: f64,
}

impl ProductRule {
    pub fn new(from: EntityRef, to: EntityRef, both: u32, from_count: u32, to_count: u32, customers: u32) -> Self {
        let n = customers.max(1) as f64;
        let confidence = both as f64 / from_count.max(1) as f64;
        let lift = confidence / (to_count.max(1) as f64 / n);
        ProductRule { from, to, both, from_count, to_count, customers, support: both as f64 / n, confidence, lift }
    }
}

/// Recomputes the rules when orders changed since the last time; returns whether it did.
pub async fn refresh_rules<C: ConnectionTrait + TransactionTrait>(db: &C) -> CoreResult<bool> {
    if crate::meta::get(db, RULES_STALE).await?.as_deref() == Some("0") {
        return Ok(false);
    }
    let txn = db.begin().await?;
    txn.execute_unprepared("DELETE FROM product_rules").await?;
    let sql = format!(
        "WITH owned AS MATERIALIZED (SELECT DISTINCT o.contact_id AS c, l.product_id AS p FROM orders o JOIN order_lines l ON l.order_id = o.id \
           WHERE o.status <> 'refunded' AND o.contact_id IS NOT NULL AND l.product_id IS NOT NULL), \
         cnt AS (SELECT p, count(*) AS n FROM owned GROUP BY p), \
         total AS (SELECT count(DISTINCT c) AS n FROM owned) \
         INSERT INTO product_rules (from_product_id, to_product_id, both_count, from_count, to_count, customers) \
         SELECT a.p, b.p, count(*), ca.n, cb.n, total.n FROM owned a JOIN owned b ON b.c = a.c AND b.p <> a.p \
           JOIN cnt ca ON ca.p = a.p JOIN cnt cb ON cb.p = b.p CROSS JOIN total \
         GROUP BY a.p, b.p HAVING count(*) >= {MIN_BOTH}"
    );
    txn.execute_unprepared(&sql).await?;
    crate::meta::set(&txn, RULES_STALE, "0").await?;
    txn.commit().await?;
    Ok(true)
}

const SELECT: &str = "SELECT r.from_product_id AS c0, a.name AS c1, r.to_product_id AS c2, b.name AS c3, r.both_count AS c4, r.from_count AS c5, \
    r.to_count AS c6, r.customers AS c7 FROM product_rules r JOIN products a ON a.id = r.from_product_id JOIN products b ON b.id = r.to_product_id";

async fn fetch<C: ConnectionTrait>(db: &C, tail: &str) -> CoreResult<Vec<ProductRule>> {
    let n = |v: &Option<String>| v.as_deref().and_then(|s| s.parse().ok()).unwrap_or(0u32);
    Ok(crate::sqlite::packed_rows(db, &format!("{SELECT} {tail}"), 8)
        .await?
        .into_iter()
        .map(|r| {
            ProductRule::new(
                EntityRef { id: r[0].clone().unwrap_or_default(), name: r[1].clone().unwrap_or_default() },
                EntityRef { id: r[2].clone().unwrap_or_default(), name: r[3].clone().unwrap_or_default() },
                n(&r[4]),
                n(&r[5]),
                n(&r[6]),
                n(&r[7]),
            )
        })
        .collect())
}

/// The rules starting from any of `product_ids` (the rules must be fresh: see [`refresh_rules`]).
pub(crate) async fn from_products<C: ConnectionTrait>(db: &C, product_ids: &[String]) -> CoreResult<Vec<ProductRule>> {
    if product_ids.is_empty() {
        return Ok(vec![]);
    }
    let list = product_ids.iter().map(|p| crate::criteria::lit(p)).collect::<Vec<_>>().join(", ");
    fetch(db, &format!("WHERE r.from_product_id IN ({list})")).await
}

/// Every rule as stored (the rules must be fresh).
pub(crate) async fn all<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<ProductRule>> {
    fetch(db, "").await
}

/// All rules, the strongest (by lift, then confidence) first.
pub async fn product_rules<C: ConnectionTrait + TransactionTrait>(db: &C, limit: u32) -> CoreResult<Vec<ProductRule>> {
    refresh_rules(db).await?;
    let mut all = fetch(db, "").await?;
    all.sort_by(|a, b| b.lift.total_cmp(&a.lift).then(b.confidence.total_cmp(&a.confidence)).then(a.from.name.cmp(&b.from.name)));
    all.truncate(limit as usize);
    Ok(all)
}

/// Whether the rules need recomputing (tests and the bench).
pub async fn stale<C: ConnectionTrait>(db: &C) -> CoreResult<bool> {
    Ok(crate::meta::get(db, RULES_STALE).await?.as_deref() != Some("0"))
}

