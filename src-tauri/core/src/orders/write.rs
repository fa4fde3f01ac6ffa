//! Writing orders: checked as a whole (nothing written on any problem), numbered, with their
//! subscriptions; then the buyer's purchase figures, lifecycle stage and onboarding follow.

use super::{get, stats, Order, OrderInput, OrderLineInput, OrderStatus, MAX_LINES, MAX_QUANTITY};
use crate::common::{new_id, now};
use crate::deals::check::currency;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::products::{self, BillingInterval, MAX_PRICE_MINOR};
use crate::validate::{clean, Validator, MAX_LONG, MAX_SHORT};
use chrono::{DateTime, Months, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

/// A line's total: quantity × unit price less the discount, rounded to the minor unit.
pub fn line_total(l: &OrderLineInput) -> i64 {
    crate::deals::check::net_minor(l.quantity, l.unit_price_minor, l.discount_percent)
}

/// Checks an order: a buyer, at least one line, quantities and prices in range, and every
/// product priced in the order's currency (one order is never a currency mix).
pub(crate) async fn validated<C: ConnectionTrait>(db: &C, input: &OrderInput) -> CoreResult<OrderInput> {
    let mut v = Validator::new();
    let cur = currency(&mut v, "currency", &input.currency);
    let (contact_id, company_id) = crate::common::party(db, &mut v, &input.contact_id, &input.company_id, "Say who bought it").await?;
    let deal_id = clean(&input.deal_id);
    v.date("ordered_at", &input.ordered_at);
    let note = v.optional("note", &input.note, MAX_LONG);
    if input.lines.is_empty() {
        v.add("lines", "required", "An order has at least one line.");
    } else if input.lines.len() > MAX_LINES {
        v.add("lines", "too_many", format!("At most {MAX_LINES} lines in one order."));
    }
    let catalogue = products::list(db).await?;
    let mut lines = Vec::new();
    let mut total: i128 = 0;
    for (i, l) in input.lines.iter().enumerate() {
        let f = |n: &str| format!("lines.{i}.{n}");
        let name = v.required(&f("name"), &l.name, MAX_SHORT);
        if l.quantity <= 0 {
            v.add(&f("quantity"), "not_positive", format!("A quantity is at least 1 ({} given); record a refund to take money back.", l.quantity));
        } else if l.quantity > MAX_QUANTITY {
            v.add(&f("quantity"), "out_of_range", "A quantity is at most 1,000,000.");
        }
        if !(0..=MAX_PRICE_MINOR).contains(&l.unit_price_minor) {
            v.add(&f("unit_price_minor"), "out_of_range", "A price is zero or more, and not absurdly large.");
        }
        if !(0..=100).contains(&l.discount_percent) {
            v.add(&f("discount_percent"), "out_of_range", "A discount is between 0 and 100 %.");
        }
        let product_id = clean(&l.product_id);
        if let Some(p) = &product_id {
            match catalogue.iter().find(|x| &x.id == p) {
                None => v.add(&f("product_id"), "not_found", "That product no longer exists."),
                Some(x) if x.currency != cur && !v.has("currency") => v.add(
                    &f("product_id"),
                    "mixed_currency",
                    format!("“{}” is priced in {}, the order in {cur}: one order is in one currency.", x.name, x.currency),
                ),
                Some(_) => {}
            }
        }
        let line = OrderLineInput { product_id, name, ..l.clone() };
        if !v.has(&f("quantity")) && !v.has(&f("unit_price_minor")) && !v.has(&f("discount_percent")) {
            total += line_total(&line) as i128;
        }
        lines.push(line);
    }
    if total > MAX_PRICE_MINOR as i128 {
        v.add("lines", "too_large", "That total is too large to be a real order; check the amounts.");
    }
    v.finish()?;
    Ok(OrderInput { contact_id, company_id, deal_id, ordered_at: input.ordered_at, currency: cur, lines, note })
}

/// The next renewal of a subscription started at `from`.
pub(crate) fn renewal(from: DateTime<Utc>, interval: BillingInterval, now: DateTime<Utc>) -> DateTime<Utc> {
    let step = Months::new(if interval == BillingInterval::Month { 1 } else { 12 });
    let mut at = from.checked_add_months(step).unwrap_or(from);
    while at <= now {
        at = at.checked_add_months(step).unwrap_or(at);
        if at.timestamp() > 4_102_444_800 {
            break;
        }
    }
    at
}

/// Writes a checked order and what follows from it, inside the caller's transaction and action:
/// subscriptions for its recurring lines, the buyer's figures, lifecycle and onboarding.
pub(crate) async fn insert<C: ConnectionTrait>(db: &C, o: &OrderInput, at: DateTime<Utc>) -> CoreResult<String> {
    write_order(db, o, None, at).await
}

/// What an import knows about a past order besides its lines (see [`insert_imported`]).
pub(crate) struct ImportedOrder {
    /// The order's number or id in the tool it came from (`orders.external_id`).
    pub external_id: String,
    pub status: OrderStatus,
    pub refunded_minor: i64,
}

/// Writes a checked order from an import (a past purchase), inside the import's transaction:
/// as [`insert`] — number, lines, subscriptions, the buyer's figures and lifecycle (recorded in
/// the lifecycle history) — with its external id, status and refund, but it starts **no
/// onboarding** (a historic purchase needs no welcome checklist). A fully refunded order moves
/// no lifecycle and its subscriptions end on its date; a recurring product the buyer already
/// subscribes to (not cancelled) starts no second subscription: a later order of it is a renewal.
pub(crate) async fn insert_imported<C: ConnectionTrait>(db: &C, o: &OrderInput, imported: &ImportedOrder, at: DateTime<Utc>) -> CoreResult<String> {
    write_order(db, o, Some(imported), at).await
}

async fn subscribed<C: ConnectionTrait>(db: &C, o: &OrderInput, product_id: &str) -> CoreResult<bool> {
    let (sql, buyer) = match (&o.contact_id, &o.company_id) {
        (Some(c), _) => ("SELECT 1 FROM subscriptions WHERE product_id = ? AND contact_id = ? AND cancelled_at IS NULL", c),
        (None, Some(c)) => ("SELECT 1 FROM subscriptions WHERE product_id = ? AND contact_id IS NULL AND company_id = ? AND cancelled_at IS NULL", c),
        (None, None) => return Ok(false),
    };
    Ok(db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [product_id.into(), buyer.clone().into()])).await?.is_some())
}

async fn write_order<C: ConnectionTrait>(db: &C, o: &OrderInput, imported: Option<&ImportedOrder>, at: DateTime<Utc>) -> CoreResult<String> {
    let id = new_id();
    let t = now();
    let ordered_at = o.ordered_at.unwrap_or(at);
    let number: i64 = match db.query_one_raw(Statement::from_string(DbBackend::Sqlite, "SELECT ifnull(max(number), 0) + 1 FROM orders")).await? {
        Some(r) => r.try_get_by_index(0)?,
        None => 1,
    };
    let total: i64 = o.lines.iter().map(line_total).sum();
    let q = Query::insert()
        .into_table("orders")
        .columns(["id", "number", "contact_id", "company_id", "deal_id", "ordered_at", "status", "currency", "total_minor", "refunded_minor", "note", "external_id", "created_at", "updated_at"])
        .values_panic([
            id.clone().into(),
            number.into(),
            o.contact_id.clone().into(),
            o.company_id.clone().into(),
            o.deal_id.clone().into(),
            ordered_at.into(),
            imported.map_or(OrderStatus::Paid, |i| i.status).as_str().into(),
            o.currency.clone().into(),
            total.into(),
            imported.map_or(0, |i| i.refunded_minor).into(),
            o.note.clone().into(),
            imported.map(|i| i.external_id.clone()).into(),
            t.into(),
            t.into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    let catalogue = products::list(db).await?;
    for (i, l) in o.lines.iter().enumerate() {
        let q = Query::insert()
            .into_table("order_lines")
            .columns(["id", "order_id", "product_id", "name", "quantity", "unit_price_minor", "discount_percent", "total_minor", "position"])
            .values_panic([
                new_id().into(),
                id.clone().into(),
                l.product_id.clone().into(),
                l.name.clone().into(),
                l.quantity.into(),
                l.unit_price_minor.into(),
                l.discount_percent.into(),
                line_total(l).into(),
                (i as i32).into(),
            ])
            .to_owned();
        db.execute(&q).await?;
        let Some(p) = l.product_id.as_ref().and_then(|p| catalogue.iter().find(|x| &x.id == p)) else { continue };
        let Some(interval) = p.interval else { continue };
        if imported.is_some() && subscribed(db, o, &p.id).await? {
            continue;
        }
        let refunded = imported.is_some_and(|i| i.status == OrderStatus::Refunded);
        let q = Query::insert()
            .into_table("subscriptions")
            .columns(["id", "order_id", "contact_id", "company_id", "product_id", "started_at", "renews_at", "cancelled_at", "created_at", "updated_at"])
            .values_panic([
                new_id().into(),
                id.clone().into(),
                o.contact_id.clone().into(),
                o.company_id.clone().into(),
                p.id.clone().into(),
                ordered_at.into(),
                renewal(ordered_at, interval, at).into(),
                refunded.then_some(ordered_at).into(),
                t.into(),
                t.into(),
            ])
            .to_owned();
        db.execute(&q).await?;
    }
    if let Some(c) = &o.contact_id {
        let first = stats::refresh(db, c).await? == 1;
        match imported {
            None => {
                stats::follow_lifecycle(db, c, first, at).await?;
                // A first purchase can change the tier (e.g. "past buyers" rules): the tier's
                // checklist is the new one.
                if first {
                    crate::scoring::refresh(db, std::slice::from_ref(c), at).await?;
                }
                // Checklist items fall due after the purchase date.
                crate::onboarding::apply_for_order(db, &id, c, first, ordered_at).await?;
            }
            Some(i) if i.status != OrderStatus::Refunded => stats::follow_lifecycle(db, c, first, at).await?,
            Some(_) => {}
        }
    }
    stats::mark_rules_stale(db).await?;
    Ok(id)
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, input: &OrderInput) -> CoreResult<Order> {
    let clean = validated(db, input).await?;
    let act = history::begin(db, ActionKind::Create, "orders", None).await?;
    let id = insert(&*act, &clean, now()).await?;
    act.about(&id).await?;
    act.commit().await?;
    get(db, &id).await
}

/// Records money paid back: never more than what is left of the order.
pub async fn refund<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, amount_minor: i64, reason: Option<String>) -> CoreResult<Order> {
    let o = get(db, id).await?;
    let left = o.summary.total_minor - o.summary.refunded_minor;
    let mut v = Validator::new();
    let reason = v.optional("reason", &reason, MAX_SHORT);
    if amount_minor <= 0 {
        v.add("amount_minor", "not_positive", "A refund is more than zero.");
    } else if amount_minor > left {
        v.add(
            "amount_minor",
            "over_paid",
            format!("Order {} has {} {} left to refund; {} is more than was paid.", o.summary.number, fmt_minor(left), o.summary.currency, fmt_minor(amount_minor)),
        );
    }
    v.finish()?;
    let refunded = o.summary.refunded_minor + amount_minor;
    let status = if refunded >= o.summary.total_minor { OrderStatus::Refunded } else { OrderStatus::PartlyRefunded };
    let note = match (o.note.clone(), reason) {
        (Some(n), Some(r)) => Some(format!("{n}\nRefund of {}: {r}", fmt_minor(amount_minor))),
        (None, Some(r)) => Some(format!("Refund of {}: {r}", fmt_minor(amount_minor))),
        (n, None) => n,
    };
    let act = history::begin(db, ActionKind::Update, "orders", Some(id)).await?;
    let q = Query::update()
        .table("orders")
        .values([("refunded_minor", refunded.into()), ("status", status.as_str().into()), ("note", note.into()), ("updated_at", now().into())])
        .and_where(Expr::col("id").eq(id))
        .to_owned();
    act.execute(&q).await?;
    if status == OrderStatus::Refunded {
        // A fully refunded order ends its subscriptions.
        let q = Query::update().table("subscriptions").value("cancelled_at", now()).and_where(Expr::col("order_id").eq(id)).and_where(Expr::col("cancelled_at").is_null()).to_owned();
        act.execute(&q).await?;
    }
    if let Some(c) = &o.summary.contact {
        stats::refresh(&*act, &c.id).await?;
    }
    stats::mark_rules_stale(&*act).await?;
    act.commit().await?;
    get(db, id).await
}

/// Removes an order entered by mistake (undoable), with its lines and subscriptions.
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let o = get(db, id).await?;
    let act = history::begin(db, ActionKind::Delete, "orders", Some(id)).await?;
    act.execute(&Query::delete().from_table("subscriptions").and_where(Expr::col("order_id").eq(id)).to_owned()).await?;
    act.execute(&Query::delete().from_table("order_lines").and_where(Expr::col("order_id").eq(id)).to_owned()).await?;
    act.execute(&Query::delete().from_table("orders").and_where(Expr::col("id").eq(id)).to_owned()).await?;
    act.describe(&format!("Order {}", o.summary.number)).await?;
    if let Some(c) = &o.summary.contact {
        stats::refresh(&*act, &c.id).await?;
    }
    stats::mark_rules_stale(&*act).await?;
    act.commit().await
}

pub async fn cancel_subscription<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, at: Option<DateTime<Utc>>) -> CoreResult<()> {
    let found = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT cancelled_at FROM subscriptions WHERE id = ?", [id.into()])).await?;
    let Some(r) = found else { return Err(CoreError::not_found("subscription", id)) };
    if r.try_get_by_index::<Option<String>>(0)?.is_some() {
        return Err(CoreError::conflict("This subscription is cancelled already."));
    }
    let act = history::begin(db, ActionKind::Update, "subscriptions", Some(id)).await?;
    let q = Query::update().table("subscriptions").value("cancelled_at", at.unwrap_or_else(now)).value("updated_at", now()).and_where(Expr::col("id").eq(id)).to_owned();
    act.execute(&q).await?;
    act.commit().await
}

/// The order a won deal creates from its lines (or, without lines, one line with its title and
/// value), for its main contact; inside the move's action. Nothing when the deal has an order
/// already, no buyer, no value, or the owner turned this off.
pub async fn from_deal<C: ConnectionTrait>(db: &C, deal_id: &str, at: DateTime<Utc>) -> CoreResult<Option<String>> {
    if !stats::purchase_rules(db).await?.orders_from_won_deals {
        return Ok(None);
    }
    let has = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT 1 FROM orders WHERE deal_id = ?", [deal_id.into()])).await?;
    if has.is_some() {
        return Ok(None);
    }
    let sql = "SELECT d.title, d.value_minor, d.currency, d.company_id, \
               (SELECT dc.contact_id FROM deal_contacts dc JOIN contacts c ON c.id = dc.contact_id AND c.deleted_at IS NULL \
                WHERE dc.deal_id = d.id ORDER BY dc.position LIMIT 1) FROM deals d WHERE d.id = ?";
    let Some(r) = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [deal_id.into()])).await? else { return Ok(None) };
    let (title, value, cur, company_id, contact_id): (String, i64, String, Option<String>, Option<String>) =
        (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?, r.try_get_by_index(3)?, r.try_get_by_index(4)?);
    if (contact_id.is_none() && company_id.is_none()) || value <= 0 {
        return Ok(None);
    }
    let sql = "SELECT name, quantity, unit_price_minor, discount_percent, product_id FROM deal_lines WHERE deal_id = ? ORDER BY position";
    let mut lines = Vec::new();
    for r in db.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [deal_id.into()])).await? {
        let name: String = r.try_get_by_index(0)?;
        let mut product_id: Option<String> = r.try_get_by_index(4)?;
        if product_id.is_none() {
            product_id = products::find_by_sku_or_name(db, &name).await?;
        }
        lines.push(OrderLineInput {
            product_id,
            name,
            quantity: r.try_get_by_index(1)?,
            unit_price_minor: r.try_get_by_index(2)?,
            discount_percent: r.try_get_by_index(3)?,
        });
    }
    if lines.is_empty() {
        let product_id = products::find_by_sku_or_name(db, &title).await?;
        lines.push(OrderLineInput { product_id, name: title.clone(), quantity: 1, unit_price_minor: value, discount_percent: 0 });
    }
    let input = OrderInput { contact_id, company_id, deal_id: Some(deal_id.to_string()), ordered_at: Some(at), currency: cur, lines, note: Some(format!("From the won deal “{title}”.")) };
    // A product in another currency than the deal: the line stays, without the product link.
    let input = match validated(db, &input).await {
        Ok(clean) => clean,
        Err(_) => {
            let lines = input.lines.iter().map(|l| OrderLineInput { product_id: None, ..l.clone() }).collect();
            validated(db, &OrderInput { lines, ..input }).await?
        }
    };
    Ok(Some(insert(db, &input, at).await?))
}

/// An amount in minor units as digits with two decimals ("15.00"), for messages and the CLI.
pub fn fmt_minor(v: i64) -> String {
    format!("{}.{:02}", v / 100, (v % 100).abs())
}
