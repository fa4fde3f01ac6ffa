//! Subscription churn and net revenue retention.
//!
//! Definitions (subscriptions of contacts, in the segment when one is chosen):
//! - *Active at a moment*: started before it and not cancelled by then.
//! - *Churn* of a period (or month): the subscriptions active at its start that were cancelled
//!   within it ÷ those active at its start.
//! - *Monthly recurring revenue (MRR)* of a subscription: its plan's price per month (a yearly
//!   price ÷ 12), per currency, at today's catalogue price.
//! - *Net revenue retention*: the MRR at the period's end of the customers who had MRR at its
//!   start ÷ their MRR at its start (upgrades and new plans of the same customers count;
//!   customers who arrived during the period do not).

use super::stats::{col, drill, figure, money, month_key, month_label, month_start, months_of, num, pct, row, section, stamp, t, text};
use super::{ChartKind, Ctx, DrillKind, Report, ReportName, Unit};
use crate::conversion::Period;
use crate::error::CoreResult;
use sea_orm::ConnectionTrait;
use std::collections::{BTreeMap, HashMap};

pub(crate) struct Sub {
    pub contact: String,
    pub started: String,
    pub cancelled: Option<String>,
    pub currency: String,
    pub mrr: f64,
}

impl Sub {
    pub fn active_at(&self, at: &str) -> bool {
        self.started.as_str() < at && self.cancelled.as_ref().is_none_or(|c| c.as_str() >= at)
    }
}

pub(crate) async fn subscriptions<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Vec<Sub>> {
    let sql = format!(
        "SELECT s.contact_id AS c0, s.started_at AS c1, s.cancelled_at AS c2, p.currency AS c3, \
           CASE WHEN p.billing_interval = 'year' THEN p.price_minor / 12.0 ELSE p.price_minor END AS c4 \
         FROM subscriptions s JOIN products p ON p.id = s.product_id WHERE {}",
        ctx.buyer_in("s.contact_id")
    );
    Ok(crate::sqlite::packed_rows(db, &sql, 5)
        .await?
        .into_iter()
        .map(|r| Sub { contact: text(&r, 0), started: text(&r, 1), cancelled: r[2].clone(), currency: text(&r, 3), mrr: num(&r, 4) })
        .collect())
}

/// (active at start, cancelled of them within the period).
pub(crate) fn churn_of(subs: &[Sub], p: Period) -> (f64, f64) {
    let (from, to) = (stamp(p.from), stamp(p.to));
    let active: Vec<&Sub> = subs.iter().filter(|s| s.active_at(&from)).collect();
    let gone = active.iter().filter(|s| s.cancelled.as_ref().is_some_and(|c| *c < to)).count();
    (active.len() as f64, gone as f64)
}

/// The same as [`churn_of`] for `p` and `q`, counted in SQL (the dashboard needs no MRR).
pub(crate) async fn churn_counts<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: Period, q: Period) -> CoreResult<((f64, f64), (f64, f64))> {
    let (pf, pt, qf, qt) = (t(p.from), t(p.to), t(q.from), t(q.to));
    let active = |f: &str| format!("(s.started_at < {f} AND (s.cancelled_at IS NULL OR s.cancelled_at >= {f}))");
    let sql = format!(
        "SELECT sum({ap}) AS c0, sum({ap} AND s.cancelled_at < {pt}) AS c1, sum({aq}) AS c2, sum({aq} AND s.cancelled_at < {qt}) AS c3 FROM subscriptions s WHERE {}",
        ctx.buyer_in("s.contact_id"),
        ap = active(&pf),
        aq = active(&qf)
    );
    let r = crate::sqlite::packed_rows(db, &sql, 4).await?;
    Ok(r.first().map_or(((0.0, 0.0), (0.0, 0.0)), |r| ((num(r, 0), num(r, 1)), (num(r, 2), num(r, 3)))))
}

/// Per currency: (MRR at start of the customers with MRR then, their MRR at the end).
pub(crate) fn nrr_of(subs: &[Sub], p: Period) -> BTreeMap<String, (f64, f64)> {
    let (from, to) = (stamp(p.from), stamp(p.to));
    let mut start: HashMap<(&str, &str), f64> = HashMap::new();
    for s in subs.iter().filter(|s| s.active_at(&from)) {
        *start.entry((s.contact.as_str(), s.currency.as_str())).or_default() += s.mrr;
    }
    let mut out: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for ((_, cur), v) in &start {
        out.entry(cur.to_string()).or_default().0 += v;
    }
    for s in subs.iter().filter(|s| s.active_at(&to)) {
        if start.contains_key(&(s.contact.as_str(), s.currency.as_str())) {
            out.entry(s.currency.clone()).or_default().1 += s.mrr;
        }
    }
    out
}

const CHURN: &str = "Subscriptions active at the period's start that were cancelled within it ÷ those active at its start.";
const NRR: &str = "MRR at the period's end of the customers who had MRR at its start ÷ their MRR at its start (upgrades count; new customers do not).";

pub async fn report<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    // The headline counts as the dashboard and goals count them; the months and MRR from the rows.
    let (subs, ((a_now, g_now), (a_before, g_before))) = tokio::try_join!(subscriptions(db, ctx), churn_counts(db, ctx, ctx.period, ctx.previous))?;
    let mut r = ctx.shell(ReportName::Churn, "Whether subscribers stay: cancellations against the subscriptions active at the start, and whether the revenue of existing customers grows.");
    // Stamped once: formatting a time per subscription and month cost more than the SQL.
    let end = stamp(ctx.period.to);
    let active_now = subs.iter().filter(|s| s.active_at(&end)).count() as f64;
    r.figures = vec![
        figure("churn", "Churn", Unit::Percent, pct(g_now, a_now), pct(g_before, a_before), CHURN),
        figure("cancelled", "Cancelled", Unit::Count, Some(g_now), Some(g_before), "Subscriptions active at the period's start cancelled within it."),
        figure("active", "Active at the end", Unit::Count, Some(active_now), Some(a_now), "Subscriptions active at the period's end (previous: at its start)."),
    ];
    r.figures[1].drill = drill(DrillKind::Contacts, "churned");
    let nrr_now = nrr_of(&subs, ctx.period);
    let nrr_before = nrr_of(&subs, ctx.previous);
    for (cur, (s, e)) in &nrr_now {
        let prev = nrr_before.get(cur).and_then(|(s, e)| pct(*e, *s));
        let mut f = figure(&format!("nrr_{}", cur.to_lowercase()), &format!("Net revenue retention ({cur})"), Unit::Percent, pct(*e, *s), prev, NRR);
        f.currency = Some(cur.clone());
        r.figures.push(f);
        r.figures.push(money("mrr", "MRR at the end", cur, Some(subs.iter().filter(|x| x.currency == *cur && x.active_at(&end)).map(|x| x.mrr).sum::<f64>().round()), None, "Monthly recurring revenue of the subscriptions active at the period's end."));
        let _ = e;
    }
    let rows = months_of(ctx.period)
        .into_iter()
        .map(|m| {
            let p = Period { from: month_start(m).max(ctx.period.from), to: month_start(m + 1).min(ctx.period.to) };
            let (a, g) = churn_of(&subs, p);
            let (from, to) = (stamp(p.from), stamp(p.to));
            let started = subs.iter().filter(|s| s.started >= from && s.started < to).count() as f64;
            let mut x = row(month_key(m), month_label(m), vec![Some(a), Some(started), Some(g), pct(g, a)]);
            x.drills[2] = drill(DrillKind::Contacts, format!("churned:{}", month_key(m)));
            x
        })
        .collect::<Vec<_>>();
    let empty = "No subscriptions yet. Add plans (monthly or yearly products) to your catalogue and record their orders to see churn.";
    if subs.is_empty() {
        r.empty = Some(empty.into());
    }
    r.sections.push(section(
        "months",
        "Churn per month",
        ChartKind::Line,
        &["churn"],
        vec![
            col("active", "Active at start", Unit::Count, "Subscriptions active at the month's start."),
            col("started", "Started", Unit::Count, "Subscriptions started in the month."),
            col("cancelled", "Cancelled", Unit::Count, "Subscriptions active at the month's start cancelled within it."),
            col("churn", "Churn", Unit::Percent, "Cancelled ÷ active at start."),
        ],
        if subs.is_empty() { vec![] } else { rows },
        empty,
    ));
    Ok(r)
}
