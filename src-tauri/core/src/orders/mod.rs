//! Orders (purchases) per contact and company: a date, lines (product, quantity, price,
//! discount), a total in one currency, a status (paid, partly refunded, refunded); recurring
//! products start subscriptions (start, renewal, cancellation). A won deal can create its order.
//! Purchases move the lifecycle: the first makes a contact a customer, repeat purchases or a
//! referral a loyal one (rules in [`stats::PurchaseRules`]).

pub mod stats;
mod write;

pub use stats::{purchase_rules, purchases, set_purchase_rules, PurchaseRules, PurchaseSummary};
pub use write::{cancel_subscription, create, delete, fmt_minor, from_deal, refund};
pub(crate) use write::insert;
pub(crate) use write::{insert_imported, line_total, ImportedOrder};

use crate::common::EntityRef;
use crate::error::{CoreError, CoreResult};
use crate::products::BillingInterval;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use serde::{Deserialize, Serialize};

pub const MAX_LINES: usize = 200;
pub const MAX_QUANTITY: i32 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Paid,
    PartlyRefunded,
    Refunded,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Paid => "paid",
            OrderStatus::PartlyRefunded => "partly_refunded",
            OrderStatus::Refunded => "refunded",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().replace([' ', '-'], "_").as_str() {
            "paid" => Some(OrderStatus::Paid),
            "partly_refunded" | "partially_refunded" => Some(OrderStatus::PartlyRefunded),
            "refunded" => Some(OrderStatus::Refunded),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OrderLineInput {
    /// A catalogue product (its price and currency are the default); none for a free-text line.
    pub product_id: Option<String>,
    pub name: String,
    pub quantity: i32,
    pub unit_price_minor: i64,
    pub discount_percent: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OrderInput {
    pub contact_id: Option<String>,
    pub company_id: Option<String>,
    pub deal_id: Option<String>,
    /// When it was bought; now when absent.
    pub ordered_at: Option<DateTime<Utc>>,
    /// ISO 4217; every line's product must be priced in it.
    pub currency: String,
    pub lines: Vec<OrderLineInput>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OrderLine {
    pub id: String,
    pub product: Option<EntityRef>,
    pub name: String,
    pub quantity: i32,
    pub unit_price_minor: i64,
    pub discount_percent: i32,
    pub total_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Subscription {
    pub id: String,
    pub product: EntityRef,
    pub order_id: Option<String>,
    pub contact: Option<EntityRef>,
    pub started_at: DateTime<Utc>,
    pub renews_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub interval: Option<BillingInterval>,
    pub price_minor: i64,
    pub currency: String,
}

/// An order as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OrderSummary {
    pub id: String,
    pub number: u32,
    pub contact: Option<EntityRef>,
    pub company: Option<EntityRef>,
    pub ordered_at: DateTime<Utc>,
    pub status: OrderStatus,
    pub currency: String,
    pub total_minor: i64,
    pub refunded_minor: i64,
    /// The lines' names, joined (for the list).
    pub items: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Order {
    pub summary: OrderSummary,
    pub deal: Option<EntityRef>,
    pub note: Option<String>,
    pub lines: Vec<OrderLine>,
    pub subscriptions: Vec<Subscription>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OrderQuery {
    pub contact_id: Option<String>,
    pub company_id: Option<String>,
    pub status: Option<OrderStatus>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub offset: u32,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OrderPage {
    pub items: Vec<OrderSummary>,
    pub total: u32,
}

pub(crate) fn time(v: Option<String>) -> Option<DateTime<Utc>> {
    v.and_then(|s| DateTime::parse_from_rfc3339(&s).ok()).map(|d| d.with_timezone(&Utc))
}

fn num(v: &Option<String>) -> i64 {
    v.as_deref().and_then(|s| s.parse().ok()).unwrap_or(0)
}

fn entity(id: &Option<String>, name: &Option<String>) -> Option<EntityRef> {
    id.clone().map(|id| EntityRef { id, name: name.clone().unwrap_or_else(|| "(removed)".into()) })
}

const SUMMARY: &str = "SELECT o.id, o.number, o.contact_id, trim(c.first_name || ' ' || c.last_name), o.company_id, k.name, o.ordered_at, o.status, \
     o.currency, o.total_minor, o.refunded_minor, (SELECT group_concat(name, ', ') FROM (SELECT l.name FROM order_lines l WHERE l.order_id = o.id ORDER BY l.position)) \
     FROM orders o LEFT JOIN contacts c ON c.id = o.contact_id LEFT JOIN companies k ON k.id = o.company_id";

async fn summaries<C: ConnectionTrait>(db: &C, sql: String, values: Vec<Value>) -> CoreResult<Vec<OrderSummary>> {
    let mut out = Vec::new();
    for r in db.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)).await? {
        let s = |i: usize| r.try_get_by_index::<Option<String>>(i);
        let n = |i: usize| r.try_get_by_index::<Option<i64>>(i).map(|v| v.unwrap_or(0));
        out.push(OrderSummary {
            id: r.try_get_by_index(0)?,
            number: n(1)? as u32,
            contact: entity(&s(2)?, &s(3)?),
            company: entity(&s(4)?, &s(5)?),
            ordered_at: time(s(6)?).unwrap_or_default(),
            status: OrderStatus::parse(&s(7)?.unwrap_or_default()).unwrap_or(OrderStatus::Paid),
            currency: s(8)?.unwrap_or_default(),
            total_minor: n(9)?,
            refunded_minor: n(10)?,
            items: s(11)?.unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Orders, newest first, filtered by contact, company, status and date.
pub async fn list<C: ConnectionTrait>(db: &C, q: &OrderQuery) -> CoreResult<OrderPage> {
    let mut conds = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(c) = &q.contact_id {
        conds.push("o.contact_id = ?");
        values.push(c.clone().into());
    }
    if let Some(c) = &q.company_id {
        conds.push("o.company_id = ?");
        values.push(c.clone().into());
    }
    if let Some(s) = q.status {
        conds.push("o.status = ?");
        values.push(s.as_str().into());
    }
    if let Some(f) = q.from {
        conds.push("o.ordered_at >= ?");
        values.push(f.into());
    }
    if let Some(t) = q.to {
        conds.push("o.ordered_at < ?");
        values.push(t.into());
    }
    let filter = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
    let count_sql = format!("SELECT count(*) FROM orders o{filter}");
    let total: i64 = match db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, count_sql, values.clone())).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => 0,
    };
    let limit = q.limit.unwrap_or(100).min(1000);
    let sql = format!("{SUMMARY}{filter} ORDER BY o.ordered_at DESC, o.number DESC LIMIT {limit} OFFSET {}", q.offset);
    Ok(OrderPage { items: summaries(db, sql, values).await?, total: total as u32 })
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str) -> CoreResult<Order> {
    let sql = format!("{SUMMARY} WHERE o.id = ?");
    let summary = summaries(db, sql, vec![id.into()]).await?.pop().ok_or_else(|| CoreError::not_found("order", id))?;
    let sql = "SELECT o.deal_id, d.title, o.note FROM orders o LEFT JOIN deals d ON d.id = o.deal_id WHERE o.id = ?";
    let r = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [id.into()])).await?.ok_or_else(|| CoreError::not_found("order", id))?;
    let deal = entity(&r.try_get_by_index(0)?, &r.try_get_by_index(1)?);
    let note: Option<String> = r.try_get_by_index(2)?;
    let sql = "SELECT l.id, l.product_id, p.name, l.name, l.quantity, l.unit_price_minor, l.discount_percent, l.total_minor \
               FROM order_lines l LEFT JOIN products p ON p.id = l.product_id WHERE l.order_id = ? ORDER BY l.position";
    let mut lines = Vec::new();
    for r in db.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [id.into()])).await? {
        lines.push(OrderLine {
            id: r.try_get_by_index(0)?,
            product: entity(&r.try_get_by_index(1)?, &r.try_get_by_index(2)?),
            name: r.try_get_by_index(3)?,
            quantity: r.try_get_by_index(4)?,
            unit_price_minor: r.try_get_by_index(5)?,
            discount_percent: r.try_get_by_index(6)?,
            total_minor: r.try_get_by_index(7)?,
        });
    }
    let subscriptions = subscriptions_where(db, "s.order_id = ?", id).await?;
    Ok(Order { summary, deal, note, lines, subscriptions })
}

pub(crate) async fn subscriptions_where<C: ConnectionTrait>(db: &C, cond: &str, value: &str) -> CoreResult<Vec<Subscription>> {
    let sql = format!(
        "SELECT s.id AS c0, s.product_id AS c1, p.name AS c2, s.order_id AS c3, s.contact_id AS c4, trim(c.first_name || ' ' || c.last_name) AS c5, \
         s.started_at AS c6, s.renews_at AS c7, s.cancelled_at AS c8, p.billing_interval AS c9, p.price_minor AS c10, p.currency AS c11 \
         FROM subscriptions s LEFT JOIN products p ON p.id = s.product_id LEFT JOIN contacts c ON c.id = s.contact_id \
         WHERE {} ORDER BY s.started_at DESC",
        cond.replace('?', &crate::criteria::lit(value))
    );
    Ok(crate::sqlite::packed_rows(db, &sql, 12)
        .await?
        .into_iter()
        .map(|r| Subscription {
            id: r[0].clone().unwrap_or_default(),
            product: entity(&r[1], &r[2]).unwrap_or(EntityRef { id: String::new(), name: "(removed)".into() }),
            order_id: r[3].clone(),
            contact: entity(&r[4], &r[5]),
            started_at: time(r[6].clone()).unwrap_or_default(),
            renews_at: time(r[7].clone()),
            cancelled_at: time(r[8].clone()),
            interval: r[9].as_deref().and_then(BillingInterval::parse),
            price_minor: num(&r[10]),
            currency: r[11].clone().unwrap_or_default(),
        })
        .collect())
}

/// The next monthly renewal after `now` of a subscription started at `from` (the generator).
pub(crate) fn monthly_renewal(from: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    write::renewal(from, BillingInterval::Month, now)
}
