//! Cohort retention and repeat purchases.
//!
//! Definitions (customers are contacts, in the segment when one is chosen; a *paid order*
//! is one not fully refunded; months are UTC calendar months):
//! - *Cohort*: the customers whose first paid order fell in a month of the period.
//! - *Month k retention*: of a cohort, the share with a paid order in the k-th calendar month
//!   after their first (k = 1 … 12); empty while that month has not begun.
//! - *Subscriptions still active*: of the customers whose first subscription started in a month
//!   of the period, the share with a subscription active at the end of the k-th month after
//!   (started before it ended and not cancelled by then).
//! - *Repeat-purchase rate*: of the customers with a paid order in the period, the share with
//!   two or more paid orders by its end.
//! - *Purchase frequency*: paid orders in the period ÷ customers with one.
//! - *Average order value*: net (total − refunded) of the period's paid orders ÷ their count,
//!   per currency.
//! - *Revenue per cohort*: net revenue of each month's orders, split by the buyer's cohort
//!   (customers whose first purchase was before the period are one column).

use super::stats::{col, drill, figure, money, month_key, month_label, month_no, month_no_sql, month_start, months_of, num, pct, round2, row, section, t, text};
use super::{ChartKind, Ctx, Column, DrillKind, Report, ReportName, Unit};
use crate::conversion::Period;
use crate::error::CoreResult;
use sea_orm::ConnectionTrait;
use std::collections::{BTreeMap, HashMap};

pub(crate) const PAID: &str = "o.status <> 'refunded'";
pub const HORIZON: i32 = 12;

pub(crate) fn cohort_where(ctx: &Ctx, p: Period) -> String {
    format!("cs.first_order_at >= {} AND cs.first_order_at < {} AND {}", t(p.from), t(p.to), ctx.buyer_in("cs.contact_id"))
}


/// Cohort month → (size, buyers per month offset 1..=HORIZON).
pub async fn cohort_table<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: Period) -> CoreResult<BTreeMap<i32, (f64, BTreeMap<i32, f64>)>> {
    let mc = month_no_sql("cs.first_order_at");
    let sizes = format!("SELECT {mc} AS c0, count(*) AS c1 FROM customer_stats cs WHERE {} GROUP BY 1", cohort_where(ctx, p));
    let mut out: BTreeMap<i32, (f64, BTreeMap<i32, f64>)> = BTreeMap::new();
    for r in crate::sqlite::packed_rows(db, &sizes, 2).await? {
        out.insert(num(&r, 0) as i32, (num(&r, 1), BTreeMap::new()));
    }
    let mo = month_no_sql("o.ordered_at");
    let last = month_start(month_no(p.to - chrono::Duration::milliseconds(1)) + HORIZON + 1);
    let sql = format!(
        "SELECT {mc} AS c0, {mo} - {mc} AS c1, count(DISTINCT o.contact_id) AS c2 FROM customer_stats cs \
         JOIN orders o ON o.contact_id = cs.contact_id AND {PAID} AND o.ordered_at < {} \
         WHERE {} AND o.ordered_at >= cs.first_order_at GROUP BY 1, 2",
        t(last),
        cohort_where(ctx, p)
    );
    for r in crate::sqlite::packed_rows(db, &sql, 3).await? {
        let (c, k) = (num(&r, 0) as i32, num(&r, 1) as i32);
        if (1..=HORIZON).contains(&k) {
            if let Some(e) = out.get_mut(&c) {
                e.1.insert(k, num(&r, 2));
            }
        }
    }
    Ok(out)
}

/// The weighted month-k retention over the cohorts whose k-th month has begun.
pub fn retained(table: &BTreeMap<i32, (f64, BTreeMap<i32, f64>)>, k: i32, this_month: i32) -> Option<f64> {
    let (mut n, mut of) = (0.0, 0.0);
    for (c, (size, by)) in table {
        if c + k <= this_month {
            of += size;
            n += by.get(&k).copied().unwrap_or(0.0);
        }
    }
    pct(n, of)
}

fn month_columns(prefix: &str, what: &str) -> Vec<Column> {
    let mut cols = vec![col("customers", "Customers", Unit::Count, "Customers in the cohort (first paid order in the month).")];
    cols.extend((1..=HORIZON).map(|k| col(&format!("{prefix}{k}"), &format!("Month {k}"), Unit::Percent, &format!("{what} in the {k}. month after the first purchase."))));
    cols
}

pub async fn cohorts<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let this_month = month_no(ctx.now);
    let series: Vec<String> = (1..=HORIZON).map(|k| format!("m{k}")).collect();
    let series: Vec<&str> = series.iter().map(String::as_str).collect();
    let (table, before, subs) = tokio::try_join!(cohort_table(db, ctx, ctx.period), cohort_table(db, ctx, ctx.previous), subscription_cohorts(db, ctx, this_month, &series))?;
    let mut r = ctx.shell(ReportName::Cohorts, "Customers grouped by the month of their first purchase: which share bought again in each later month, and which share still has an active subscription.");
    let def = |k: i32| format!("Of the customers whose k-th month after their first purchase has begun, the share who bought in it (k = {k}), weighted by cohort size.");
    let size = |t: &BTreeMap<i32, (f64, BTreeMap<i32, f64>)>| t.values().map(|v| v.0).sum::<f64>();
    r.figures = vec![
        figure("new_customers", "New customers", Unit::Count, Some(size(&table)), Some(size(&before)), "Customers whose first paid order was in the period."),
        figure("month_1", "Bought again in month 1", Unit::Percent, retained(&table, 1, this_month), retained(&before, 1, this_month), &def(1)),
        figure("month_3", "Bought again in month 3", Unit::Percent, retained(&table, 3, this_month), retained(&before, 3, this_month), &def(3)),
        figure("month_6", "Bought again in month 6", Unit::Percent, retained(&table, 6, this_month), retained(&before, 6, this_month), &def(6)),
    ];
    let rows = table
        .iter()
        .map(|(c, (size, by))| {
            let mut cells = vec![Some(*size)];
            cells.extend((1..=HORIZON).map(|k| if c + k > this_month { None } else { pct(by.get(&k).copied().unwrap_or(0.0), *size) }));
            let mut x = row(month_key(*c), month_label(*c), cells);
            x.drills[0] = drill(DrillKind::Contacts, format!("cohort:{}", month_key(*c)));
            for k in 1..=HORIZON {
                if c + k <= this_month {
                    x.drills[k as usize] = drill(DrillKind::Contacts, format!("cohort:{}:{k}", month_key(*c)));
                }
            }
            x
        })
        .collect::<Vec<_>>();
    let empty = "No first purchases in this period. Record orders (or win deals, or import your shop's orders) to see cohorts.";
    if rows.is_empty() {
        r.empty = Some(empty.into());
    }
    r.sections.push(section("purchases", "Bought again", ChartKind::Heatmap, &series, month_columns("m", "Share who bought"), rows, empty));
    r.sections.push(subs);
    Ok(r)
}

async fn subscription_cohorts<C: ConnectionTrait>(db: &C, ctx: &Ctx, this_month: i32, series: &[&str]) -> CoreResult<super::Section> {
    let sql = format!(
        "SELECT s.contact_id AS c0, s.started_at AS c1, s.cancelled_at AS c2 FROM subscriptions s WHERE s.contact_id IN \
           (SELECT contact_id FROM subscriptions GROUP BY contact_id HAVING min(started_at) >= {} AND min(started_at) < {}) AND {}",
        t(ctx.period.from),
        t(ctx.period.to),
        ctx.buyer_in("s.contact_id")
    );
    let mut subs: HashMap<String, Vec<(String, Option<String>)>> = HashMap::new();
    for r in crate::sqlite::packed_rows(db, &sql, 3).await? {
        subs.entry(text(&r, 0)).or_default().push((text(&r, 1), r[2].clone()));
    }
    let mut table: BTreeMap<i32, (f64, [f64; HORIZON as usize])> = BTreeMap::new();
    // Month ends stamped once each, not once per subscriber and month.
    let mut ends: HashMap<i32, String> = HashMap::new();
    for list in subs.values() {
        let Some(first) = list.iter().map(|s| s.0.clone()).min() else { continue };
        let Some(at) = super::stats::time(&first) else { continue };
        let c = month_no(at);
        let e = table.entry(c).or_insert((0.0, [0.0; HORIZON as usize]));
        e.0 += 1.0;
        for k in 1..=HORIZON {
            let end = ends.entry(c + k + 1).or_insert_with(|| super::stats::stamp(month_start(c + k + 1)));
            if list.iter().any(|(s, x)| s < end && x.as_ref().is_none_or(|x| x >= end)) {
                e.1[(k - 1) as usize] += 1.0;
            }
        }
    }
    let rows = table
        .iter()
        .map(|(c, (size, by))| {
            let mut cells = vec![Some(*size)];
            cells.extend((1..=HORIZON).map(|k| if c + k > this_month { None } else { pct(by[(k - 1) as usize], *size) }));
            row(format!("subs:{}", month_key(*c)), month_label(*c), cells)
        })
        .collect();
    let mut cols = month_columns("m", "Share with a subscription still active at the end of the month");
    cols[0] = col("customers", "Subscribers", Unit::Count, "Customers whose first subscription started in the month.");
    Ok(section("subscriptions", "Subscriptions still active", ChartKind::Heatmap, series, cols, rows, "No subscriptions started in this period."))
}

pub(crate) struct Purchases {
    pub buyers: f64,
    pub repeat_buyers: f64,
    pub orders: f64,
    /// currency → (orders, net)
    pub value: BTreeMap<String, (f64, f64)>,
}

impl Purchases {
    fn new((buyers, once): (f64, f64), value: BTreeMap<String, (f64, f64)>) -> Purchases {
        Purchases { buyers, repeat_buyers: buyers - once, orders: value.values().map(|v| v.0).sum(), value }
    }
    pub fn repeat_rate(&self) -> Option<f64> {
        pct(self.repeat_buyers, self.buyers)
    }
    pub fn frequency(&self) -> Option<f64> {
        (self.buyers > 0.0).then(|| round2(self.orders / self.buyers))
    }
    pub fn aov(&self, cur: &str) -> Option<f64> {
        self.value.get(cur).filter(|v| v.0 > 0.0).map(|v| (v.1 / v.0).round())
    }
}

pub(crate) fn paid_in(ctx: &Ctx, p: Period) -> String {
    format!("{PAID} AND o.ordered_at >= {} AND o.ordered_at < {} AND {}", t(p.from), t(p.to), ctx.buyer_in("o.contact_id"))
}

pub(crate) async fn purchases<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: Period) -> CoreResult<Purchases> {
    let by_cur = format!("SELECT o.currency AS c0, count(*) AS c1, sum(o.total_minor - o.refunded_minor) AS c2 FROM orders o WHERE {} GROUP BY 1", paid_in(ctx, p));
    let (b, value) = tokio::try_join!(buyers(db, ctx, p), crate::sqlite::packed_rows(db, &by_cur, 3))?;
    let value = value.into_iter().map(|r| (text(&r, 0), (num(&r, 1), num(&r, 2)))).collect();
    Ok(Purchases::new(b, value))
}

/// (customers who bought in `p`, those of them whose only paid order by its end is the one).
async fn buyers<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: Period) -> CoreResult<(f64, f64)> {
    // Two paid orders by the period's end: everyone who bought in it, less those whose first
    // paid order ever (kept in `customer_stats`) fell in it and who bought nothing else in it.
    // (Grouping a year of orders per buyer and looking each one's first order up cost 100 ms.)
    // Everyone who bought in it: its paid orders whose buyer's previous one came before it.
    let (from, to) = (t(p.from), t(p.to));
    let sql = format!(
        "SELECT (SELECT count(*) FROM paid_orders p WHERE p.ordered_at >= {from} AND p.ordered_at < {to} \
              AND {first} AND {payer}) AS c0, \
           (SELECT count(*) FROM customer_stats cs WHERE cs.first_order_at >= {from} AND cs.first_order_at < {to} AND {buyer} \
              AND (SELECT count(*) FROM orders o WHERE o.contact_id = cs.contact_id AND {PAID} AND o.ordered_at >= {from} AND o.ordered_at < {to}) = 1) AS c1",
        first = super::stats::first_since("p.previous_any_at", &from),
        payer = ctx.buyer_in("p.contact_id"),
        buyer = ctx.buyer_in("cs.contact_id")
    );
    let b = crate::sqlite::packed_rows(db, &sql, 2).await?;
    Ok(b.first().map_or((0.0, 0.0), |r| (num(r, 0), num(r, 1))))
}

/// The period's paid orders per (currency, month, cohort): (orders, net). Customers whose first
/// purchase came before the period share one cohort, `first - 1`. Read as the orders per
/// (currency, month), less those of the customers whose first purchase fell in the period (found
/// through `customer_stats`, few): joining each of a year's orders to its customer's first
/// purchase cost 130–180 ms at 200k orders.
async fn per_cohort<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<BTreeMap<(String, i32, i32), (f64, f64)>> {
    let p = ctx.period;
    let (mo, mc) = (month_no_sql("o.ordered_at"), month_no_sql("cs.first_order_at"));
    let all = format!(
        "SELECT o.currency AS c0, {mo} AS c1, count(*) AS c2, sum(o.total_minor - o.refunded_minor) AS c3 FROM orders o WHERE {} GROUP BY 1, 2",
        paid_in(ctx, p)
    );
    let new = format!(
        "SELECT o.currency AS c0, {mo} AS c1, {mc} AS c2, count(*) AS c3, sum(o.total_minor - o.refunded_minor) AS c4 FROM customer_stats cs \
         JOIN orders o ON o.contact_id = cs.contact_id WHERE cs.first_order_at >= {} AND cs.first_order_at < {} AND {} GROUP BY 1, 2, 3",
        t(p.from),
        t(p.to),
        paid_in(ctx, p)
    );
    let (all, new) = tokio::try_join!(crate::sqlite::packed_rows(db, &all, 4), crate::sqlite::packed_rows(db, &new, 5))?;
    let earlier = month_no(p.from) - 1;
    let mut out: BTreeMap<(String, i32, i32), (f64, f64)> = BTreeMap::new();
    for r in all {
        out.insert((text(&r, 0), num(&r, 1) as i32, earlier), (num(&r, 2), num(&r, 3)));
    }
    for r in new {
        let (cur, month, cohort) = (text(&r, 0), num(&r, 1) as i32, (num(&r, 2) as i32).max(earlier));
        let (n, net) = (num(&r, 3), num(&r, 4));
        if cohort == earlier {
            continue;
        }
        let e = out.entry((cur.clone(), month, earlier)).or_insert((0.0, 0.0));
        e.0 -= n;
        e.1 -= net;
        let e = out.entry((cur, month, cohort)).or_insert((0.0, 0.0));
        e.0 += n;
        e.1 += net;
    }
    // An "earlier" cell left with no order is not shown (its sum is a subtraction's zero).
    out.retain(|(_, _, c), v| *c != earlier || v.0 != 0.0);
    Ok(out)
}

pub(crate) const REPEAT: &str = "Of the customers with a paid order in the period, the share with two or more paid orders by its end.";
pub(crate) const FREQUENCY: &str = "Paid orders in the period ÷ customers with one.";
pub(crate) const AOV: &str = "Net (total − refunded) of the period's paid orders ÷ their count.";

pub async fn repeat<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let (buyers_now, before, cells) = tokio::try_join!(buyers(db, ctx, ctx.period), purchases(db, ctx, ctx.previous), per_cohort(db, ctx))?;
    let mut value_now: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for ((cur, _, _), (n, net)) in &cells {
        let e = value_now.entry(cur.clone()).or_default();
        e.0 += n;
        e.1 += net;
    }
    let now = Purchases::new(buyers_now, value_now);
    let mut r = ctx.shell(ReportName::Repeat, "How often customers come back, what they spend per order, and how much each cohort brings in over time.");
    r.figures = vec![
        figure("buyers", "Customers who bought", Unit::Count, Some(now.buyers), Some(before.buyers), "Customers with a paid order in the period."),
        figure("orders", "Paid orders", Unit::Count, Some(now.orders), Some(before.orders), "Orders in the period not fully refunded."),
        figure("repeat_rate", "Repeat-purchase rate", Unit::Percent, now.repeat_rate(), before.repeat_rate(), REPEAT),
        figure("frequency", "Purchase frequency", Unit::Number, now.frequency(), before.frequency(), FREQUENCY),
    ];
    r.figures[0].drill = drill(DrillKind::Contacts, "buyers");
    r.figures[1].drill = drill(DrillKind::Orders, "paid");
    for cur in now.value.keys() {
        r.figures.push(money("aov", "Average order value", cur, now.aov(cur), before.aov(cur), AOV));
        r.figures.push(money("revenue", "Revenue", cur, now.value.get(cur).map(|v| v.1), before.value.get(cur).map(|v| v.1), "Net (total − refunded) of the orders placed in the period."));
    }
    let first = month_no(ctx.period.from);
    let mut by: BTreeMap<String, BTreeMap<i32, BTreeMap<i32, f64>>> = BTreeMap::new();
    for ((cur, month, cohort), (_, net)) in cells {
        *by.entry(cur).or_default().entry(month).or_default().entry(cohort).or_default() += net;
    }
    let months = months_of(ctx.period);
    for (cur, per_month) in &by {
        let mut cohorts: Vec<i32> = per_month.values().flat_map(|m| m.keys().copied()).collect();
        cohorts.sort();
        cohorts.dedup();
        let cols: Vec<Column> = cohorts
            .iter()
            .map(|c| {
                let (key, label) = if *c < first { ("earlier".to_string(), "Customers from before".to_string()) } else { (format!("c{}", month_key(*c)), format!("First bought {}", month_label(*c))) };
                col(&key, &label, Unit::Money, "Net revenue of the month's orders from this cohort's customers.")
            })
            .collect();
        let series: Vec<String> = cols.iter().map(|c| c.key.clone()).collect();
        let series: Vec<&str> = series.iter().map(String::as_str).collect();
        let rows = months
            .iter()
            .map(|m| {
                let cells = cohorts.iter().map(|c| per_month.get(m).and_then(|x| x.get(c)).copied()).collect();
                let mut x = row(format!("{}:{cur}", month_key(*m)), month_label(*m), cells);
                x.currency = Some(cur.clone());
                x
            })
            .collect();
        r.sections.push(section(&format!("revenue_{}", cur.to_lowercase()), &format!("Revenue per cohort over time ({cur})"), ChartKind::StackedBar, &series, cols, rows, ""));
    }
    if now.buyers == 0.0 {
        r.empty = Some("No paid orders in this period. Record orders, win deals or import your shop's orders to see purchases.".into());
    }
    Ok(r)
}
