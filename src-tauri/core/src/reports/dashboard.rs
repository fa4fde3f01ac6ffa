//! The dashboard home: the key figures of the other reports for the period (each against the
//! previous one, with the same definitions), the lifecycle funnel, revenue per month and the
//! forecast. Goals are listed beside it (see [`super::goals::list`]).

use super::stats::{col, drill, figure, money, month_key, month_label, month_no_sql, months_of, num, pct, row, section, t, text};
use super::{ChartKind, Ctx, DrillKind, Report, ReportName, Unit};
use crate::conversion::Period;
use crate::error::CoreResult;
use sea_orm::ConnectionTrait;
use std::collections::BTreeMap;

/// Contacts whose first move to Customer (or Loyal customer) fell in `p`, and in `q` (read from
/// `contact_marks`, which keeps each contact's first such move).
pub(crate) async fn new_customers<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: Period, q: Period) -> CoreResult<(f64, f64)> {
    let sql = format!(
        "SELECT sum(m.customer_since >= {pf} AND m.customer_since < {pt}) AS c0, sum(m.customer_since >= {qf} AND m.customer_since < {qt}) AS c1 \
         FROM contact_marks m WHERE m.customer_since >= {} AND m.added_customer = 0 AND {}",
        t(p.from.min(q.from)),
        ctx.buyer_in("m.contact_id"),
        pf = t(p.from),
        pt = t(p.to),
        qf = t(q.from),
        qt = t(q.to)
    );
    let r = crate::sqlite::packed_rows(db, &sql, 2).await?;
    Ok(r.first().map_or((0.0, 0.0), |r| (num(r, 0), num(r, 1))))
}

const NEW_CUSTOMERS: &str = "Contacts that first became a Customer (or Loyal customer) in the period (contacts added as customers are not counted).";

pub(crate) async fn report<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let mut r = ctx.shell(ReportName::Dashboard, "Your business at a glance: new leads and customers, deals, revenue, retention and service for the period, against the one before.");
    // Every part reads on a connection of the pool as soon as one is free (in one join: two
    // batches waited for the slowest part of the first before starting the second).
    let (funnel_now, funnel_before, deals_now, deals_before, buy_now, buy_before, churn, mut h_now, mut h_before, (nc_now, nc_before), revenue, forecast) = tokio::try_join!(
        super::funnel::reached(db, ctx, ctx.period),
        super::funnel::reached(db, ctx, ctx.previous),
        super::deals::closed(db, ctx, ctx.period),
        super::deals::closed(db, ctx, ctx.previous),
        super::retention::purchases(db, ctx, ctx.period),
        super::retention::purchases(db, ctx, ctx.previous),
        super::churn::churn_counts(db, ctx, ctx.period, ctx.previous),
        super::service::health(db, ctx, ctx.period, false),
        super::service::health(db, ctx, ctx.previous, false),
        new_customers(db, ctx, ctx.period, ctx.previous),
        revenue_by_month(db, ctx),
        super::deals::forecast(db, ctx),
    )?;
    let (h_now, h_before) = (h_now.remove(&0).unwrap_or_default(), h_before.remove(&0).unwrap_or_default());
    let reached = |rows: &[(String, [Option<String>; 5])], k: usize| rows.iter().filter(|(_, ts)| ts[k].is_some()).count() as f64;
    let ((a_now, g_now), (a_before, g_before)) = churn;
    let mut f = vec![
        figure("added", "New contacts", Unit::Count, Some(reached(&funnel_now, 0)), Some(reached(&funnel_before, 0)), "Contacts added in the period (live, in the segment)."),
        figure("new_customers", "New customers", Unit::Count, Some(nc_now), Some(nc_before), NEW_CUSTOMERS),
        figure(
            "lead_to_customer",
            "Lead to customer",
            Unit::Percent,
            pct(reached(&funnel_now, 3), reached(&funnel_now, 0)),
            pct(reached(&funnel_before, 3), reached(&funnel_before, 0)),
            "Contacts added in the period that became customers by its end ÷ contacts added in the period.",
        ),
        figure("win_rate", "Win rate", Unit::Percent, deals_now.win_rate(), deals_before.win_rate(), "Won ÷ (won + lost), of the deals closed in the period."),
        figure("repeat_rate", "Repeat-purchase rate", Unit::Percent, buy_now.repeat_rate(), buy_before.repeat_rate(), super::retention::REPEAT),
        figure("churn", "Subscription churn", Unit::Percent, pct(g_now, a_now), pct(g_before, a_before), "Subscriptions active at the period's start that were cancelled within it ÷ those active at its start."),
        figure("nps", "NPS", Unit::Score, h_now.nps(), h_before.nps(), super::service::NPS),
        figure("csat", "CSAT", Unit::Percent, h_now.csat(), h_before.csat(), super::service::CSAT),
    ];
    f[0].drill = drill(DrillKind::Contacts, "funnel:0");
    f[3].drill = drill(DrillKind::Deals, "closed:won");
    f[5].drill = drill(DrillKind::Contacts, "churned");
    for (cur, (n, v)) in &buy_now.value {
        let mut x = money("revenue", "Revenue", cur, Some(*v), buy_before.value.get(cur).map(|b| b.1), "Net (total − refunded) of the orders placed in the period.");
        x.drill = drill(DrillKind::Orders, "paid");
        f.push(x);
        f.push(money("aov", "Average order value", cur, (*n > 0.0).then(|| (v / n).round()), buy_before.aov(cur), super::retention::AOV));
    }
    for (cur, (_, v)) in &deals_now.won_value {
        f.push(money("won_value", "Won deals", cur, Some(*v), deals_before.won_value.get(cur).map(|b| b.1), "Sum of the values of the deals won in the period."));
    }
    r.figures = f;
    // The funnel of the period's new contacts.
    let stages = crate::lifecycle::LifecycleStage::ALL
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let mut x = row(s.as_str(), s.label(), vec![Some(reached(&funnel_now, k)), if k == 0 { None } else { pct(reached(&funnel_now, k), reached(&funnel_now, k - 1)) }]);
            x.drills[0] = drill(DrillKind::Contacts, format!("funnel:{k}"));
            x
        })
        .collect::<Vec<_>>();
    let stages = if funnel_now.is_empty() { vec![] } else { stages };
    r.sections.push(section(
        "funnel",
        "Lifecycle funnel",
        ChartKind::Funnel,
        &["reached"],
        vec![
            col("reached", "Reached", Unit::Count, "Contacts added in the period that reached this stage (or a later one) by its end."),
            col("step", "From the stage before", Unit::Percent, "Reached this stage ÷ reached the stage before."),
        ],
        stages,
        "No contacts were added in this period.",
    ));
    r.sections.push(revenue);
    if let Some(s) = forecast.sections.into_iter().next() {
        r.sections.push(super::Section { key: "forecast".into(), title: "Forecast: open deals by expected close".into(), ..s });
    }
    if funnel_now.is_empty() && buy_now.orders == 0.0 && deals_now.ids.is_empty() && h_now.opened == 0.0 && h_now.nps_answers == 0.0 {
        r.empty = Some("Nothing happened in this period yet. Add contacts, deals and orders (or load the demo business) and your figures show here.".into());
    }
    Ok(r)
}

async fn revenue_by_month<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<super::Section> {
    let sql = format!(
        "SELECT {} AS c0, o.currency AS c1, count(*) AS c2, sum(o.total_minor - o.refunded_minor) AS c3 FROM orders o WHERE {} GROUP BY 1, 2",
        month_no_sql("o.ordered_at"),
        super::retention::paid_in(ctx, ctx.period)
    );
    let mut by: BTreeMap<(String, i32), (f64, f64)> = BTreeMap::new();
    for x in crate::sqlite::packed_rows(db, &sql, 4).await? {
        by.insert((text(&x, 1), num(&x, 0) as i32), (num(&x, 2), num(&x, 3)));
    }
    let mut currencies: Vec<String> = by.keys().map(|k| k.0.clone()).collect();
    currencies.dedup();
    let mut rows = Vec::new();
    for cur in &currencies {
        for m in months_of(ctx.period) {
            let v = by.get(&(cur.clone(), m)).copied();
            let label = if currencies.len() > 1 { format!("{} ({cur})", month_label(m)) } else { month_label(m) };
            let mut x = row(format!("{}:{cur}", month_key(m)), label, vec![Some(v.map_or(0.0, |v| v.1)), Some(v.map_or(0.0, |v| v.0))]);
            x.currency = Some(cur.clone());
            rows.push(x);
        }
    }
    Ok(section(
        "revenue",
        "Revenue per month",
        ChartKind::Line,
        &["revenue"],
        vec![
            col("revenue", "Revenue", Unit::Money, "Net (total − refunded) of the month's orders."),
            col("orders", "Paid orders", Unit::Count, "Orders of the month not fully refunded."),
        ],
        rows,
        "No paid orders in this period.",
    ))
}
