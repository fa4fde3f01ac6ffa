//! What purchases say about a buyer: the paid orders of each contact (`customer_stats`, kept on
//! every order write and undo), their purchase history and totals, and the lifecycle rules
//! (first purchase → customer; repeat purchases or a referral → loyal customer).

use super::{list, subscriptions_where, time, OrderQuery, OrderSummary, Subscription};
use crate::error::{CoreError, CoreResult};
use crate::lifecycle::LifecycleStage;
use crate::meta;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde::{Deserialize, Serialize};

const LOYAL_AFTER: &str = "purchases.loyal_after_orders";
const LOYAL_ON_REFERRAL: &str = "purchases.loyal_on_referral";
const FROM_WON_DEALS: &str = "purchases.orders_from_won_deals";
pub(crate) const RULES_STALE: &str = "purchases.product_rules_stale";

/// How purchases move the lifecycle (editable in Settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PurchaseRules {
    /// A contact with this many paid orders becomes a loyal customer (0: never by orders).
    pub loyal_after_orders: u32,
    /// A customer whose referral makes a first purchase becomes a loyal customer.
    pub loyal_on_referral: bool,
    /// Winning a deal creates its order.
    pub orders_from_won_deals: bool,
}

impl Default for PurchaseRules {
    fn default() -> Self {
        PurchaseRules { loyal_after_orders: 2, loyal_on_referral: true, orders_from_won_deals: true }
    }
}

pub async fn purchase_rules<C: ConnectionTrait>(db: &C) -> CoreResult<PurchaseRules> {
    let d = PurchaseRules::default();
    Ok(PurchaseRules {
        loyal_after_orders: meta::get(db, LOYAL_AFTER).await?.and_then(|v| v.parse().ok()).unwrap_or(d.loyal_after_orders),
        loyal_on_referral: meta::get(db, LOYAL_ON_REFERRAL).await?.map(|v| v == "1").unwrap_or(d.loyal_on_referral),
        orders_from_won_deals: meta::get(db, FROM_WON_DEALS).await?.map(|v| v == "1").unwrap_or(d.orders_from_won_deals),
    })
}

pub async fn set_purchase_rules<C: ConnectionTrait>(db: &C, r: &PurchaseRules) -> CoreResult<PurchaseRules> {
    if r.loyal_after_orders == 1 {
        return Err(CoreError::invalid(
            "loyal_after_orders",
            "out_of_range",
            "Loyalty comes from repeat purchases: 2 orders or more (0 turns it off).",
        ));
    }
    if r.loyal_after_orders > 1000 {
        return Err(CoreError::invalid("loyal_after_orders", "out_of_range", "At most 1,000 orders."));
    }
    meta::set(db, LOYAL_AFTER, &r.loyal_after_orders.to_string()).await?;
    meta::set(db, LOYAL_ON_REFERRAL, if r.loyal_on_referral { "1" } else { "0" }).await?;
    meta::set(db, FROM_WON_DEALS, if r.orders_from_won_deals { "1" } else { "0" }).await?;
    purchase_rules(db).await
}

/// Counts the contact's paid (not fully refunded) orders into `customer_stats`; returns how many.
pub(crate) async fn refresh<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<u32> {
    let sql = "SELECT count(*), min(ordered_at), max(ordered_at) FROM orders WHERE contact_id = ? AND status <> 'refunded'";
    let r = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [contact_id.into()])).await?;
    let (n, first, last): (i64, Option<String>, Option<String>) = match r {
        Some(r) => (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?),
        None => (0, None, None),
    };
    db.execute(&Query::delete().from_table("customer_stats").and_where(Expr::col("contact_id").eq(contact_id)).to_owned()).await?;
    if let (true, Some(first), Some(last)) = (n > 0, time(first), time(last)) {
        let (gap, overdue) = overdue(n, first, last);
        let q = Query::insert()
            .into_table("customer_stats")
            .columns(["contact_id", "orders", "first_order_at", "last_order_at", "usual_gap_days", "overdue_at"])
            .values_panic([contact_id.into(), n.into(), first.into(), last.into(), gap.into(), overdue.into()])
            .to_owned();
        db.execute(&q).await?;
    }
    revenue(db, contact_id).await?;
    Ok(n as u32)
}

/// Fills `customer_revenue` for the contacts matching `{who}` (over `orders`).
pub(crate) const REVENUE: &str = "INSERT INTO customer_revenue (contact_id, currency, orders, net_minor) \
     SELECT contact_id, currency, count(*) FILTER (WHERE status <> 'refunded'), sum(total_minor - refunded_minor) FROM orders \
     WHERE {who} GROUP BY contact_id, currency HAVING count(*) FILTER (WHERE status <> 'refunded') > 0";

/// Sums the contact's paid orders per currency into `customer_revenue` (lifetime value), and
/// lists them with the previous one of each in `paid_orders` (the buyers of a period).
async fn revenue<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<()> {
    db.execute(&Query::delete().from_table("customer_revenue").and_where(Expr::col("contact_id").eq(contact_id)).to_owned()).await?;
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, REVENUE.replace("{who}", "contact_id = ?"), [contact_id.into()])).await?;
    // An order that came from another buyer (a merge) is still listed under them until they
    // are counted again.
    let sql = "DELETE FROM paid_orders WHERE contact_id = ? OR order_id IN (SELECT id FROM orders WHERE contact_id = ?)";
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [contact_id.into(), contact_id.into()])).await?;
    let sql = hearth_migrations::PAID_ORDERS_FILL.replace("{who}", "contact_id = ?");
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [contact_id.into()])).await?;
    Ok(())
}

/// A buyer's usual gap between purchases (days) and when their next one is overdue: with two
/// orders or more whose mean gap is at least [`crate::suggestions::at_risk::MIN_GAP_DAYS`], the
/// last + [`crate::suggestions::at_risk::OVERDUE_FACTOR`] × the gap.
pub(crate) fn overdue(orders: i64, first: DateTime<Utc>, last: DateTime<Utc>) -> (Option<f64>, Option<DateTime<Utc>>) {
    use crate::suggestions::at_risk::{MIN_GAP_DAYS, OVERDUE_FACTOR};
    if orders < 2 {
        return (None, None);
    }
    let gap = (last - first).num_seconds() as f64 / 86_400.0 / (orders - 1) as f64;
    if gap < MIN_GAP_DAYS {
        return (Some(gap), None);
    }
    (Some(gap), Some(last + chrono::Duration::seconds((gap * OVERDUE_FACTOR * 86_400.0) as i64)))
}

/// After an action (or its undo) wrote orders: the figures of every contact it touched.
pub(crate) async fn refresh_for_action<C: ConnectionTrait>(db: &C, action_id: i64) -> CoreResult<()> {
    // The buyer before and after each change (a merge moves orders between contacts).
    let sql = "SELECT json_extract(after_json, '$.contact_id') FROM history_changes WHERE action_id = ? AND table_name = 'orders' \
               UNION SELECT json_extract(before_json, '$.contact_id') FROM history_changes WHERE action_id = ? AND table_name = 'orders'";
    let rows = db.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [action_id.into(), action_id.into()])).await?;
    if rows.is_empty() {
        return Ok(());
    }
    for r in rows {
        if let Some(c) = r.try_get_by_index::<Option<String>>(0)? {
            refresh(db, &c).await?;
        }
    }
    mark_rules_stale(db).await
}

pub(crate) async fn mark_rules_stale<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    meta::set(db, RULES_STALE, "1").await
}

fn rank(s: &str) -> usize {
    LifecycleStage::ALL.iter().position(|x| x.as_str() == s).unwrap_or(0)
}

/// Moves a contact forward (never back) to `to`, recorded in its lifecycle history.
pub(crate) async fn advance<C: ConnectionTrait>(db: &C, contact_id: &str, to: LifecycleStage, at: DateTime<Utc>) -> CoreResult<bool> {
    let r = db
        .query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT lifecycle_stage FROM contacts WHERE id = ? AND deleted_at IS NULL", [contact_id.into()]))
        .await?;
    let Some(r) = r else { return Ok(false) };
    let from: String = r.try_get_by_index(0)?;
    if rank(&from) >= rank(to.as_str()) {
        return Ok(false);
    }
    let q = Query::update().table("contacts").value("lifecycle_stage", to.as_str()).value("updated_at", crate::common::now()).and_where(Expr::col("id").eq(contact_id)).to_owned();
    db.execute(&q).await?;
    crate::contacts::record_stage(db, contact_id, Some(&from), to, at).await?;
    Ok(true)
}

/// The lifecycle after a purchase: a customer; loyal after enough repeat orders; and on a first
/// purchase, the one who referred them becomes loyal (when that rule is on).
pub(crate) async fn follow_lifecycle<C: ConnectionTrait>(db: &C, contact_id: &str, first: bool, at: DateTime<Utc>) -> CoreResult<()> {
    let rules = purchase_rules(db).await?;
    advance(db, contact_id, LifecycleStage::Retention, at).await?;
    let n: i64 = db
        .query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT ifnull((SELECT orders FROM customer_stats WHERE contact_id = ?), 0)", [contact_id.into()]))
        .await?
        .map(|r| r.try_get_by_index(0))
        .transpose()?
        .unwrap_or(0);
    if rules.loyal_after_orders >= 2 && n >= rules.loyal_after_orders as i64 {
        advance(db, contact_id, LifecycleStage::Loyalty, at).await?;
    }
    if first && rules.loyal_on_referral {
        let sql = "SELECT r.id FROM contacts c JOIN contacts r ON r.id = c.referred_by_id AND r.deleted_at IS NULL \
                   WHERE c.id = ? AND r.lifecycle_stage IN ('retention', 'loyalty')";
        if let Some(r) = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [contact_id.into()])).await? {
            let referrer: String = r.try_get_by_index(0)?;
            advance(db, &referrer, LifecycleStage::Loyalty, at).await?;
        }
    }
    Ok(())
}

/// An amount in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Amount {
    pub currency: String,
    pub amount_minor: i64,
}

/// A contact's or company's purchases, for their screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PurchaseSummary {
    /// Paid orders (fully refunded ones left out).
    pub orders: u32,
    pub first_at: Option<DateTime<Utc>>,
    pub last_at: Option<DateTime<Utc>>,
    /// Total spent net of refunds, per currency.
    pub spent: Vec<Amount>,
    pub subscriptions: Vec<Subscription>,
    /// The latest orders, newest first (at most 50).
    pub recent: Vec<OrderSummary>,
}

/// Purchase history of a contact (`company` false) or a company.
pub async fn purchases<C: ConnectionTrait>(db: &C, id: &str, company: bool) -> CoreResult<PurchaseSummary> {
    let col = if company { "company_id" } else { "contact_id" };
    let sql = format!(
        "SELECT currency, sum(total_minor - refunded_minor), count(*) FILTER (WHERE status <> 'refunded'), \
         min(ordered_at) FILTER (WHERE status <> 'refunded'), max(ordered_at) FILTER (WHERE status <> 'refunded') \
         FROM orders WHERE {col} = ? GROUP BY currency ORDER BY 2 DESC"
    );
    let mut s = PurchaseSummary { orders: 0, first_at: None, last_at: None, spent: vec![], subscriptions: vec![], recent: vec![] };
    for r in db.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [id.into()])).await? {
        s.spent.push(Amount { currency: r.try_get_by_index(0)?, amount_minor: r.try_get_by_index(1)? });
        s.orders += r.try_get_by_index::<i64>(2)? as u32;
        let (f, l) = (time(r.try_get_by_index(3)?), time(r.try_get_by_index(4)?));
        s.first_at = match (s.first_at, f) {
            (Some(a), Some(b)) => Some(std::cmp::min(a, b)),
            (a, b) => a.or(b),
        };
        s.last_at = match (s.last_at, l) {
            (Some(a), Some(b)) => Some(std::cmp::max(a, b)),
            (a, b) => a.or(b),
        };
    }
    s.subscriptions = subscriptions_where(db, &format!("s.{col} = ?"), id).await?;
    let q = if company { OrderQuery { company_id: Some(id.into()), limit: Some(50), ..Default::default() } } else { OrderQuery { contact_id: Some(id.into()), limit: Some(50), ..Default::default() } };
    s.recent = list(db, &q).await?.items;
    Ok(s)
}
