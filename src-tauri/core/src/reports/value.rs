//! Customer lifetime value.
//!
//! Definitions (customers, in the segment when one is chosen; per currency):
//! - *Historical CLV* of a customer: the net amount (total − refunded) of their paid orders to
//!   date (read from `customer_revenue`, kept on every order write); per tier, source or
//!   segment: the mean over its customers.
//! - *Predicted CLV* = average order value × purchase frequency × expected lifespan, where, over
//!   the 12 months before the period's end: average order value = net ÷ paid orders; purchase
//!   frequency = paid orders ÷ customers who bought (per year); and the expected lifespan is
//!   1 ÷ the yearly customer churn, the share of the customers who bought in the currency in
//!   the 12 months before those that did not buy in it again in them (capped at 10 years; 10
//!   when none left). Buyers are counted from `paid_orders` (each paid order with the buyer's
//!   previous one), not by grouping two years of orders.

use super::stats::{col, drill, figure, first_since, money, money_words, num, paid_between, round2, row, section, t, text};
use super::{ChartKind, Ctx, DrillKind, Report, ReportName, Row, Unit};
use crate::error::CoreResult;
use chrono::Duration;
use sea_orm::ConnectionTrait;
use std::collections::BTreeMap;

pub const MAX_LIFESPAN_YEARS: f64 = 10.0;


/// The inputs of the predicted CLV in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub aov: f64,
    pub per_year: f64,
    pub churn: Option<f64>,
    pub lifespan: f64,
    pub clv: f64,
}

pub(crate) async fn predict<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<BTreeMap<String, Prediction>> {
    let end = ctx.period.to;
    let (y0, y1, e) = (t(end - Duration::days(730)), t(end - Duration::days(365)), t(end));
    let live = ctx.buyer_in("p.contact_id");
    // `paid_orders` holds each paid order with the buyer's previous one in its currency: a
    // window's buyers are its orders whose previous one came before it, and a buyer of the year
    // before came back when an order of the last year has its previous one in that year.
    let range = |from: &str, to: &str| format!("{} AND {live}", paid_between(from, to));
    let year = format!(
        "SELECT p.currency AS c0, count(*) AS c1, sum(p.net_minor) AS c2, sum({}) AS c3, \
           sum(p.previous_at >= {y0} AND p.previous_at < {y1}) AS c4 FROM paid_orders p WHERE {} GROUP BY 1",
        first_since("p.previous_at", &y1),
        range(&y1, &e)
    );
    let before = format!(
        "SELECT p.currency AS c0, count(*) AS c1 FROM paid_orders p WHERE {} AND {} GROUP BY 1",
        range(&y0, &y1),
        first_since("p.previous_at", &y0)
    );
    let (found, before) = tokio::try_join!(crate::sqlite::packed_rows(db, &year, 5), crate::sqlite::packed_rows(db, &before, 2))?;
    let before: BTreeMap<String, f64> = before.into_iter().map(|r| (text(&r, 0), num(&r, 1))).collect();
    let mut out = BTreeMap::new();
    for r in found {
        let (orders, net, buyers, back) = (num(&r, 1), num(&r, 2), num(&r, 3), num(&r, 4));
        if orders == 0.0 || buyers == 0.0 {
            continue;
        }
        let cur = text(&r, 0);
        let rate = before.get(&cur).and_then(|n| (*n > 0.0).then(|| (n - back) / n));
        let lifespan = match rate {
            Some(x) if x > 0.0 => (1.0 / x).min(MAX_LIFESPAN_YEARS),
            _ => MAX_LIFESPAN_YEARS,
        };
        let (aov, per_year) = (net / orders, orders / buyers);
        out.insert(cur, Prediction { aov, per_year, churn: rate.map(|x| 100.0 * x), lifespan, clv: aov * per_year * lifespan });
    }
    Ok(out)
}

const HISTORICAL: &str = "Net amount (total − refunded) of a customer's paid orders to date; the mean over the customers.";
const PREDICTED: &str = "Average order value × purchase frequency (orders per customer per year) × expected lifespan (1 ÷ yearly churn: the share of the year before's customers in this currency who did not buy in it again; at most 10 years), all over the 12 months before the period's end.";

pub async fn report<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let mut r = ctx.shell(ReportName::Clv, "What customers are worth: revenue to date per customer, tier, source and segment, and what a customer is expected to bring in over their lifetime.");
    let who = ctx.buyer_in("r.contact_id");
    let totals = format!("SELECT r.currency AS c0, count(*) AS c1, sum(r.net_minor) AS c2 FROM customer_revenue r WHERE {who} GROUP BY 1 ORDER BY 2 DESC");
    let top = format!(
        "SELECT r.contact_id AS c0, trim(c.first_name || ' ' || c.last_name) AS c1, r.currency AS c2, r.orders AS c3, r.net_minor AS c4 \
         FROM customer_revenue r JOIN contacts c ON c.id = r.contact_id AND c.deleted_at IS NULL WHERE ({}) ORDER BY r.net_minor DESC LIMIT 50",
        ctx.cond
    );
    // The groups first: their two halves are the longest reads.
    let ((tiers, sources, seg_rows), totals, predicted, top) = tokio::try_join!(
        by_group(db, ctx),
        crate::sqlite::packed_rows(db, &totals, 3),
        predict(db, ctx),
        crate::sqlite::packed_rows(db, &top, 5),
    )?;
    for x in &totals {
        let cur = text(x, 0);
        let mut f = money("historical", "Historical CLV", &cur, Some((num(x, 2) / num(x, 1)).round()), None, HISTORICAL);
        f.drill = drill(DrillKind::Contacts, format!("customers:{cur}"));
        r.figures.push(f);
        r.figures.push(figure(&format!("customers_{}", cur.to_lowercase()), &format!("Customers ({cur})"), Unit::Count, Some(num(x, 1)), None, "Live customers with a paid order in this currency."));
        if let Some(p) = predicted.get(&cur) {
            r.figures.push(money("predicted", "Predicted CLV", &cur, Some(p.clv.round()), None, PREDICTED));
            let churn = p.churn.map(|c| format!("{:.1}% yearly churn", c)).unwrap_or_else(|| "no customers to measure churn on".into());
            r.notes.push(format!(
                "Predicted CLV ({cur}) = average order value {} × {} orders per customer per year × {:.1} years expected lifespan ({churn}) = {}.",
                money_words(p.aov, &cur),
                round2(p.per_year),
                p.lifespan,
                money_words(p.clv, &cur)
            ));
        }
    }
    // The customers worth most, and the mean per tier / source / segment.
    let rows: Vec<Row> = top
        .into_iter()
        .map(|x| {
            let mut y = row(format!("contact:{}:{}", text(&x, 0), text(&x, 2)), text(&x, 1), vec![Some(num(&x, 4)), Some(num(&x, 3))]);
            y.currency = Some(text(&x, 2));
            y.drills[0] = drill(DrillKind::Contacts, format!("one:{}", text(&x, 0)));
            y
        })
        .collect();
    let empty = "No customers with paid orders yet. Record orders, win deals or import your shop's orders to see lifetime value.";
    if totals.is_empty() {
        r.empty = Some(empty.into());
    }
    r.sections.push(section(
        "top",
        "Customers worth most",
        ChartKind::None,
        &[],
        vec![col("revenue", "Revenue to date", Unit::Money, HISTORICAL), col("orders", "Paid orders", Unit::Count, "The customer's paid orders.")],
        rows,
        empty,
    ));
    for (key, title, rows) in [("tiers", "By priority tier", tiers), ("sources", "By lead source", sources)] {
        r.sections.push(section(key, title, ChartKind::Bar, &["mean"], group_columns(), rows, empty));
    }
    r.sections.push(section("segments", "By segment", ChartKind::Bar, &["mean"], group_columns(), seg_rows, "No segments with customers yet."));
    Ok(r)
}

/// The mean CLV per tier, per source and per segment (rows of each), from one pass over the
/// customers with their contact and score joined once and every segment's condition worked out
/// once per customer (MATERIALIZED), grouped three ways. (Three reads of the customers cost
/// 300 ms of the reference machine's time; a query per segment read them five times more.) The
/// customers are read in two halves side by side, and the halves' sums added up.
async fn by_group<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<(Vec<Row>, Vec<Row>, Vec<Row>)> {
    let segments = crate::segments::conditions(db).await?;
    let width = groups_width(segments.len());
    let mid = "(SELECT contact_id FROM customer_revenue ORDER BY contact_id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM customer_revenue))";
    let (low, high) = (groups_sql(ctx, &segments, &format!("r.contact_id < {mid}")), groups_sql(ctx, &segments, &format!("r.contact_id >= {mid}")));
    let (first, second) = tokio::try_join!(crate::sqlite::packed_rows(db, &low, width), crate::sqlite::packed_rows(db, &high, width))?;
    // (kind, key, currency) → (label, the sums).
    let mut found: BTreeMap<(String, String, String), (String, Vec<f64>)> = BTreeMap::new();
    for x in first.iter().chain(&second) {
        let e = found.entry((text(x, 0), text(x, 1), text(x, 3))).or_insert_with(|| (text(x, 2), vec![0.0; width - 4]));
        for (i, v) in e.1.iter_mut().enumerate() {
            *v += num(x, 4 + i);
        }
    }
    let of = |kind: &str, key: &str| {
        found
            .iter()
            .filter(|((k, ..), _)| k == kind)
            .map(|((_, id, cur), (label, v))| group_row(key, id, label, cur, v[0], v[1]))
            .collect::<Vec<Row>>()
    };
    let (tiers, sources) = (of("t", "tiers"), of("s", "sources"));
    let mut rows = Vec::new();
    for (i, (id, name, _)) in segments.iter().enumerate() {
        for ((_, _, cur), (_, v)) in found.iter().filter(|((k, ..), _)| k == "x") {
            if v[2 * i] > 0.0 {
                rows.push(group_row("segments", id, name, cur, v[2 * i], v[2 * i + 1]));
            }
        }
    }
    Ok((tiers, sources, rows))
}

/// The columns of a groups row: kind, key, label, currency, then (count, sum) per segment (at
/// least the one pair tiers and sources use).
fn groups_width(segments: usize) -> usize {
    4 + (2 * segments).max(2)
}

/// One half's sums: per (tier, currency), (source, currency) and, per currency, each segment's.
fn groups_sql(ctx: &Ctx, segments: &[(String, String, String)], half: &str) -> String {
    let n = segments.len();
    let width = groups_width(n);
    let pad = |used: usize| (used..width).map(|i| format!(", NULL AS c{i}")).collect::<String>();
    let flags: String = segments.iter().enumerate().map(|(i, (_, _, cond))| format!(", CASE WHEN ({cond}) THEN 1 ELSE 0 END AS f{i}")).collect();
    let sums: String = (0..n).map(|i| format!(", sum(f{i}) AS c{}, sum(f{i} * net) AS c{}", 4 + 2 * i, 5 + 2 * i)).collect();
    let segment_rows = if n == 0 { String::new() } else { format!(" UNION ALL SELECT 'x', '', '', cur{sums}{} FROM f GROUP BY cur", pad(4 + 2 * n)) };
    format!(
        "WITH f AS MATERIALIZED (SELECT r.currency AS cur, r.net_minor AS net, cs.tier AS tier, c.lead_source_id AS source{flags} \
           FROM customer_revenue r JOIN contacts c ON c.id = r.contact_id AND c.deleted_at IS NULL LEFT JOIN contact_scores cs ON cs.contact_id = c.id \
           WHERE ({}) AND {half}) \
         SELECT 't' AS c0, tier AS c1, coalesce('Tier ' || upper(tier), 'None') AS c2, cur AS c3, count(*) AS c4, sum(net) AS c5{} FROM f GROUP BY tier, cur \
         UNION ALL SELECT 's', source, coalesce((SELECT name FROM lead_sources WHERE id = source), 'None'), cur, count(*), sum(net){} FROM f GROUP BY source, cur{segment_rows}",
        ctx.cond,
        pad(6),
        pad(6)
    )
}

fn group_columns() -> Vec<super::Column> {
    vec![
        col("mean", "Mean CLV", Unit::Money, "Mean revenue to date of the group's customers."),
        col("customers", "Customers", Unit::Count, "The group's live customers with a paid order in this currency."),
        col("total", "Revenue to date", Unit::Money, "Net revenue of the group's customers to date."),
    ]
}

fn group_row(key: &str, id: &str, label: &str, cur: &str, n: f64, total: f64) -> Row {
    let mut y = row(format!("{key}:{id}:{cur}"), label.to_string(), vec![(n > 0.0).then(|| (total / n).round()), Some(n), Some(total)]);
    y.currency = Some(cur.to_string());
    y
}
