//! Customer lifetime value.
//!
//! Definitions (customers, in the segment when one is chosen; per currency):
//! - *Historical CLV* of a customer: the net amount (total − refunded) of their paid orders to
//!   date (read from `customer_revenue`, kept on every order write); per tier, source or
//!   segment: the mean over its customers.
//! - *Predicted CLV* = average order value × purchase frequency × expected lifespan, where, over
//!   the 12 months before the period's end: average order value = net ÷ paid orders; purchase
//!   frequency = paid orders ÷ customers who bought (per year); and the expected lifespan is
//!   1 ÷ the yearly customer churn, the share of the customers who bought in the 12 months
//!   before those that did not buy again in them (in any currency; capped at 10 years; 10 when
//!   none left).

use super::stats::{col, drill, figure, money, money_words, num, round2, row, section, t, text};
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
    let (y1, y0) = (end - Duration::days(365), end - Duration::days(730));
    let live = ctx.buyer_in("o.contact_id");
    let sql = format!(
        "SELECT o.currency AS c0, count(*) AS c1, sum(o.total_minor - o.refunded_minor) AS c2, count(DISTINCT o.contact_id) AS c3 FROM orders o \
         WHERE o.status <> 'refunded' AND o.ordered_at >= {} AND o.ordered_at < {} AND {live} GROUP BY 1",
        t(y1),
        t(end)
    );
    // Per buyer of the year before: did they buy again in the last year? When no order comes
    // after the period (the usual case: it ends now), the buyer's last purchase kept in
    // `customer_stats` says it; else a look-up per buyer in the orders.
    let latest = crate::sqlite::packed_rows(db, "SELECT max(ordered_at) AS c0 FROM orders", 1).await?;
    let nothing_after = latest.first().and_then(|r| r[0].clone()).is_none_or(|m| m < super::stats::stamp(end));
    let churn_sql = if nothing_after {
        format!(
            "SELECT b.cur AS c0, count(*) AS c1, sum(cs.last_order_at < {y1}) AS c2 FROM \
               (SELECT DISTINCT o.currency AS cur, o.contact_id AS who FROM orders o \
                WHERE o.status <> 'refunded' AND o.ordered_at >= {y0} AND o.ordered_at < {y1} AND {live}) b \
             JOIN customer_stats cs ON cs.contact_id = b.who GROUP BY 1",
            y1 = t(y1),
            y0 = t(y0)
        )
    } else {
        format!(
            "SELECT b.cur AS c0, count(*) AS c1, sum(NOT EXISTS (SELECT 1 FROM orders x WHERE x.contact_id = b.who AND x.status <> 'refunded' \
               AND x.ordered_at >= {y1} AND x.ordered_at < {e})) AS c2 FROM \
               (SELECT DISTINCT o.currency AS cur, o.contact_id AS who FROM orders o \
                WHERE o.status <> 'refunded' AND o.ordered_at >= {y0} AND o.ordered_at < {y1} AND {live}) b GROUP BY 1",
            y1 = t(y1),
            y0 = t(y0),
            e = t(end)
        )
    };
    let (churn, found) = tokio::try_join!(crate::sqlite::packed_rows(db, &churn_sql, 3), crate::sqlite::packed_rows(db, &sql, 4))?;
    let churn: BTreeMap<String, (f64, f64)> = churn.into_iter().map(|r| (text(&r, 0), (num(&r, 1), num(&r, 2)))).collect();
    let mut out = BTreeMap::new();
    for r in found {
        let (orders, net, buyers) = (num(&r, 1), num(&r, 2), num(&r, 3));
        if orders == 0.0 || buyers == 0.0 {
            continue;
        }
        let cur = text(&r, 0);
        let rate = churn.get(&cur).and_then(|(n, gone)| (*n > 0.0).then(|| gone / n));
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
const PREDICTED: &str = "Average order value × purchase frequency (orders per customer per year) × expected lifespan (1 ÷ yearly customer churn, at most 10 years), all over the 12 months before the period's end.";

pub async fn report<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let mut r = ctx.shell(ReportName::Clv, "What customers are worth: revenue to date per customer, tier, source and segment, and what a customer is expected to bring in over their lifetime.");
    let who = ctx.buyer_in("r.contact_id");
    let totals = format!("SELECT r.currency AS c0, count(*) AS c1, sum(r.net_minor) AS c2 FROM customer_revenue r WHERE {who} GROUP BY 1 ORDER BY 2 DESC");
    let top = format!(
        "SELECT r.contact_id AS c0, trim(c.first_name || ' ' || c.last_name) AS c1, r.currency AS c2, r.orders AS c3, r.net_minor AS c4 \
         FROM customer_revenue r JOIN contacts c ON c.id = r.contact_id AND c.deleted_at IS NULL WHERE ({}) ORDER BY r.net_minor DESC LIMIT 50",
        ctx.cond
    );
    let (totals, predicted, top, (tiers, sources, seg_rows)) = tokio::try_join!(
        crate::sqlite::packed_rows(db, &totals, 3),
        predict(db, ctx),
        crate::sqlite::packed_rows(db, &top, 5),
        by_group(db, ctx),
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
/// 300 ms of the reference machine's time; a query per segment read them five times more.)
async fn by_group<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<(Vec<Row>, Vec<Row>, Vec<Row>)> {
    let segments = crate::segments::conditions(db).await?;
    let n = segments.len();
    let width = 4 + (2 * n).max(2);
    let pad = |used: usize| (used..width).map(|i| format!(", NULL AS c{i}")).collect::<String>();
    let flags: String = segments.iter().enumerate().map(|(i, (_, _, cond))| format!(", CASE WHEN ({cond}) THEN 1 ELSE 0 END AS f{i}")).collect();
    let sums: String = (0..n).map(|i| format!(", sum(f{i}) AS c{}, sum(f{i} * net) AS c{}", 4 + 2 * i, 5 + 2 * i)).collect();
    let segment_rows = if n == 0 { String::new() } else { format!(" UNION ALL SELECT 'x', NULL, NULL, cur{sums}{} FROM f GROUP BY cur", pad(4 + 2 * n)) };
    let sql = format!(
        "WITH f AS MATERIALIZED (SELECT r.currency AS cur, r.net_minor AS net, cs.tier AS tier, c.lead_source_id AS source{flags} \
           FROM customer_revenue r JOIN contacts c ON c.id = r.contact_id AND c.deleted_at IS NULL LEFT JOIN contact_scores cs ON cs.contact_id = c.id \
           WHERE ({})) \
         SELECT 't' AS c0, tier AS c1, coalesce('Tier ' || upper(tier), 'None') AS c2, cur AS c3, count(*) AS c4, sum(net) AS c5{} FROM f GROUP BY tier, cur \
         UNION ALL SELECT 's', source, coalesce((SELECT name FROM lead_sources WHERE id = source), 'None'), cur, count(*), sum(net){} FROM f GROUP BY source, cur{segment_rows}",
        ctx.cond,
        pad(6),
        pad(6)
    );
    let mut found = crate::sqlite::packed_rows(db, &sql, width).await?;
    found.sort_by(|a, b| (text(a, 1), text(a, 3)).cmp(&(text(b, 1), text(b, 3))));
    let of = |kind: &str, key: &str| found.iter().filter(|x| text(x, 0) == kind).map(|x| group_row(key, &x[1..])).collect::<Vec<Row>>();
    let (tiers, sources) = (of("t", "tiers"), of("s", "sources"));
    let mut rows = Vec::new();
    for (i, (id, name, _)) in segments.iter().enumerate() {
        for x in found.iter().filter(|x| text(x, 0) == "x") {
            if num(x, 4 + 2 * i) > 0.0 {
                let cells = [Some(id.clone()), Some(name.clone()), Some(text(x, 3)), x[4 + 2 * i].clone(), x[5 + 2 * i].clone()];
                rows.push(group_row("segments", &cells));
            }
        }
    }
    Ok((tiers, sources, rows))
}

fn group_columns() -> Vec<super::Column> {
    vec![
        col("mean", "Mean CLV", Unit::Money, "Mean revenue to date of the group's customers."),
        col("customers", "Customers", Unit::Count, "The group's live customers with a paid order in this currency."),
        col("total", "Revenue to date", Unit::Money, "Net revenue of the group's customers to date."),
    ]
}

fn group_row(key: &str, x: &[Option<String>]) -> Row {
    let (n, total) = (num(x, 3), num(x, 4));
    let mut y = row(format!("{key}:{}:{}", text(x, 0), text(x, 2)), text(x, 1), vec![(n > 0.0).then(|| (total / n).round()), Some(n), Some(total)]);
    y.currency = Some(text(x, 2));
    y
}
