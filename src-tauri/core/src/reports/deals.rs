//! Deals won and lost, lost reasons and the forecast.
//!
//! Definitions (deals are live, with a contact in the segment when one is chosen):
//! - *Closed in the period*: won or lost with their close time in the period.
//! - *Win rate*: won ÷ (won + lost), of the deals closed in the period.
//! - *Average deal size*: the mean value of the deals won in the period, per currency.
//! - *Sales cycle*: the median days from a won deal's creation to its close.
//! - *Sales velocity*: open deals now × win rate × average deal size ÷ mean sales cycle in days,
//!   × 30: what the pipeline brings in per 30 days at the period's pace, per currency.
//! - *Time in stage*: the mean days the period's closed deals spent in a stage each time they
//!   entered it (from their stage history, until their next move or close), by stage name.
//! - *Forecast*: open deals by the month of their expected close; *weighted* is value ×
//!   probability (the deal's own, else its stage's) ÷ 100.

use super::stats::{col, days_between, drill, figure, mean, median, money, month_key, month_label, month_no, month_start, pct, round1, row, section, t, text, num};
use super::{ChartKind, Ctx, DrillKind, Report, ReportName, Row, Unit};
use crate::conversion::Period;
use crate::error::CoreResult;
use sea_orm::ConnectionTrait;
use std::collections::{BTreeMap, HashMap};

/// One owner's closed deals: won, lost, their sales cycles (days), won count and value per currency.
type OwnerTally = (f64, f64, Vec<f64>, BTreeMap<String, (f64, f64)>);

pub(crate) struct Closed {
    pub won: f64,
    pub lost: f64,
    /// currency → (won count, won value)
    pub won_value: BTreeMap<String, (f64, f64)>,
    pub cycle_days: Vec<f64>,
    pub owners: BTreeMap<String, OwnerTally>,
    pub ids: Vec<String>,
}

impl Closed {
    pub fn win_rate(&self) -> Option<f64> {
        pct(self.won, self.won + self.lost)
    }
}

pub(crate) fn closed_where(ctx: &Ctx, p: Period) -> String {
    format!("d.deleted_at IS NULL AND d.status IN ('won', 'lost') AND d.closed_at >= {} AND d.closed_at < {} AND ({})", t(p.from), t(p.to), ctx.deal_in())
}

pub(crate) async fn closed<C: ConnectionTrait>(db: &C, ctx: &Ctx, p: Period) -> CoreResult<Closed> {
    let sql = format!(
        "SELECT d.id AS c0, d.status AS c1, coalesce(d.owner, '') AS c2, d.currency AS c3, d.value_minor AS c4, d.created_at AS c5, d.closed_at AS c6 FROM deals d WHERE {}",
        closed_where(ctx, p)
    );
    let mut c = Closed { won: 0.0, lost: 0.0, won_value: BTreeMap::new(), cycle_days: vec![], owners: BTreeMap::new(), ids: vec![] };
    for r in crate::sqlite::packed_rows(db, &sql, 7).await? {
        let o = c.owners.entry(text(&r, 2)).or_default();
        c.ids.push(text(&r, 0));
        if text(&r, 1) == "won" {
            c.won += 1.0;
            o.0 += 1.0;
            let v = c.won_value.entry(text(&r, 3)).or_default();
            v.0 += 1.0;
            v.1 += num(&r, 4);
            let ov = o.3.entry(text(&r, 3)).or_default();
            ov.0 += 1.0;
            ov.1 += num(&r, 4);
            if let Some(d) = days_between(&text(&r, 5), &text(&r, 6)) {
                c.cycle_days.push(d.max(0.0));
                o.2.push(d.max(0.0));
            }
        } else {
            c.lost += 1.0;
            o.1 += 1.0;
        }
    }
    Ok(c)
}

/// Open deals now: currency → count.
async fn open_counts<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<BTreeMap<String, f64>> {
    let sql = format!("SELECT d.currency AS c0, count(*) AS c1 FROM deals d WHERE d.deleted_at IS NULL AND d.status = 'open' AND ({}) GROUP BY 1", ctx.deal_in());
    Ok(crate::sqlite::packed_rows(db, &sql, 2).await?.into_iter().map(|r| (text(&r, 0), num(&r, 1))).collect())
}

const WON: &str = "Deals won with their close in the period.";
const LOST: &str = "Deals lost with their close in the period.";
const WIN_RATE: &str = "Won ÷ (won + lost), of the deals closed in the period.";
const SIZE: &str = "Mean value of the deals won in the period.";
const CYCLE: &str = "Median days from a won deal's creation to its close.";
const VELOCITY: &str = "Open deals now × win rate × average deal size ÷ mean sales cycle (days) × 30: what the pipeline brings in per 30 days at this pace.";

pub async fn summary<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let (now, before, open, stages) = tokio::try_join!(closed(db, ctx, ctx.period), closed(db, ctx, ctx.previous), open_counts(db, ctx), time_in_stage(db, ctx))?;
    let mut r = ctx.shell(ReportName::Deals, "Deals closed in the period: how many were won, how big they were, how long they took, and where time went.");
    let mut cycle_now = now.cycle_days.clone();
    let mut cycle_before = before.cycle_days.clone();
    r.figures = vec![
        figure("won", "Won", Unit::Count, Some(now.won), Some(before.won), WON),
        figure("lost", "Lost", Unit::Count, Some(now.lost), Some(before.lost), LOST),
        figure("win_rate", "Win rate", Unit::Percent, now.win_rate(), before.win_rate(), WIN_RATE),
        figure("sales_cycle", "Sales cycle", Unit::Days, median(&mut cycle_now).map(round1), median(&mut cycle_before).map(round1), CYCLE),
    ];
    r.figures[0].drill = drill(DrillKind::Deals, "closed:won");
    r.figures[1].drill = drill(DrillKind::Deals, "closed:lost");
    let mean_cycle = mean(&now.cycle_days);
    for (cur, (n, v)) in &now.won_value {
        let prev = before.won_value.get(cur).map(|(bn, bv)| (bv / bn).round());
        r.figures.push(money("deal_size", "Average deal size", cur, Some((v / n).round()), prev, SIZE));
        let velocity = match (now.win_rate(), mean_cycle) {
            (Some(rate), Some(days)) if days > 0.0 => Some((open.get(cur).copied().unwrap_or(0.0) * rate / 100.0 * (v / n) / days * 30.0).round()),
            _ => None,
        };
        r.figures.push(money("velocity", "Sales velocity per 30 days", cur, velocity, None, VELOCITY));
        r.figures.push(money("won_value", "Won value", cur, Some(*v), before.won_value.get(cur).map(|x| x.1), "Sum of the values of the deals won in the period."));
    }
    let columns = vec![
        col("won", "Won", Unit::Count, WON),
        col("lost", "Lost", Unit::Count, LOST),
        col("win_rate", "Win rate", Unit::Percent, WIN_RATE),
        col("deal_size", "Average deal size", Unit::Money, SIZE),
        col("cycle", "Sales cycle (days)", Unit::Days, CYCLE),
    ];
    let mut rows: Vec<Row> = Vec::new();
    for (owner, (won, lost, cycles, values)) in &now.owners {
        let label = if owner.is_empty() { "No owner".to_string() } else { owner.clone() };
        let mut cycles = cycles.clone();
        let first = values.iter().next();
        let mut x = row(format!("owner:{owner}"), label.clone(), vec![Some(*won), Some(*lost), pct(*won, won + lost), first.map(|(_, (n, v))| (v / n).round()), median(&mut cycles).map(round1)]);
        x.currency = first.map(|(c, _)| c.clone());
        x.drills[0] = drill(DrillKind::Deals, format!("closed:won:{owner}"));
        x.drills[1] = drill(DrillKind::Deals, format!("closed:lost:{owner}"));
        rows.push(x);
        for (cur, (n, v)) in values.iter().skip(1) {
            let mut extra = row(format!("owner:{owner}:{cur}"), format!("{label} ({cur})"), vec![None, None, None, Some((v / n).round()), None]);
            extra.currency = Some(cur.clone());
            rows.push(extra);
        }
    }
    let empty = "No deals were won or lost in this period. Close deals on the Pipeline screen, or pick a longer period.";
    if rows.is_empty() {
        r.empty = Some(empty.into());
    }
    r.sections.push(section("owners", "By owner", ChartKind::StackedBar, &["won", "lost"], columns, rows, empty));
    r.sections.push(stages);
    Ok(r)
}

async fn time_in_stage<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<super::Section> {
    let sql = format!(
        "SELECT s.deal_id AS c0, s.to_stage_name AS c1, s.changed_at AS c2, d.closed_at AS c3, s.to_status AS c4, \
           (SELECT min(p.position) FROM pipeline_stages p WHERE p.id = s.to_stage_id) AS c5 \
         FROM deal_stage_changes s JOIN deals d ON d.id = s.deal_id WHERE {} ORDER BY s.deal_id, s.changed_at",
        closed_where(ctx, ctx.period)
    );
    let rows = crate::sqlite::packed_rows(db, &sql, 6).await?;
    let mut spent: HashMap<String, (f64, Vec<f64>)> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if text(r, 4) != "open" {
            continue;
        }
        let end = rows.get(i + 1).filter(|n| n[0] == r[0]).map(|n| text(n, 2)).unwrap_or_else(|| text(r, 3));
        if let Some(d) = days_between(&text(r, 2), &end) {
            let e = spent.entry(text(r, 1)).or_insert((num(r, 5), vec![]));
            e.1.push(d.max(0.0));
        }
    }
    let mut list: Vec<_> = spent.into_iter().collect();
    list.sort_by(|a, b| a.1 .0.total_cmp(&b.1 .0).then(a.0.cmp(&b.0)));
    let rows = list
        .into_iter()
        .map(|(name, (_, v))| row(format!("stage:{name}"), name.clone(), vec![mean(&v).map(round1), Some(v.len() as f64)]))
        .collect();
    Ok(section(
        "time_in_stage",
        "Time in each stage",
        ChartKind::Bar,
        &["days"],
        vec![
            col("days", "Mean days in stage", Unit::Days, "Mean days the period's closed deals spent in the stage each time they entered it."),
            col("visits", "Times entered", Unit::Count, "How many times the period's closed deals entered the stage."),
        ],
        rows,
        "No stage history for deals closed in this period.",
    ))
}

pub async fn lost_reasons<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let q = |p: Period| {
        format!(
            "SELECT coalesce(d.lost_reason_id, '') AS c0, coalesce(lr.name, 'No reason given') AS c1, d.currency AS c2, count(*) AS c3, sum(d.value_minor) AS c4 \
             FROM deals d LEFT JOIN lost_reasons lr ON lr.id = d.lost_reason_id WHERE {} AND d.status = 'lost' GROUP BY 1, 3 ORDER BY 4 DESC",
            closed_where(ctx, p)
        )
    };
    let now = crate::sqlite::packed_rows(db, &q(ctx.period), 5).await?;
    let before = crate::sqlite::packed_rows(db, &q(ctx.previous), 5).await?;
    let total: f64 = now.iter().map(|r| num(r, 3)).sum();
    let total_before: f64 = before.iter().map(|r| num(r, 3)).sum();
    let mut r = ctx.shell(ReportName::LostReasons, "Why deals closed as lost in the period were lost.");
    r.figures = vec![figure("lost", "Deals lost", Unit::Count, Some(total), Some(total_before), LOST)];
    r.figures[0].drill = drill(DrillKind::Deals, "closed:lost");
    let mut counts: BTreeMap<String, (String, f64)> = BTreeMap::new();
    for x in &now {
        let e = counts.entry(text(x, 0)).or_insert((text(x, 1), 0.0));
        e.1 += num(x, 3);
    }
    let mut rows: Vec<Row> = now
        .iter()
        .map(|x| {
            let id = text(x, 0);
            let n = counts.get(&id).map_or(0.0, |c| c.1);
            let prev: f64 = before.iter().filter(|b| text(b, 0) == id).map(|b| num(b, 3)).sum();
            let mut y = row(format!("reason:{id}:{}", text(x, 2)), text(x, 1), vec![Some(num(x, 3)), pct(n, total), Some(prev), Some(num(x, 4))]);
            y.currency = Some(text(x, 2));
            y.drills[0] = drill(DrillKind::Deals, format!("lost:{id}"));
            y
        })
        .collect();
    rows.sort_by(|a, b| b.cells[0].unwrap_or(0.0).total_cmp(&a.cells[0].unwrap_or(0.0)));
    let empty = "No deals were lost in this period. When you mark a deal lost, pick a reason and it shows here.";
    if rows.is_empty() {
        r.empty = Some(empty.into());
    }
    r.sections.push(section(
        "reasons",
        "Lost reasons",
        ChartKind::Bar,
        &["deals"],
        vec![
            col("deals", "Deals", Unit::Count, "Deals lost in the period for this reason (in this currency)."),
            col("share", "Share", Unit::Percent, "Deals lost for this reason ÷ all deals lost in the period."),
            col("previous", "Previous period", Unit::Count, "Deals lost for this reason in the previous period."),
            col("value", "Value lost", Unit::Money, "Sum of the lost deals' values."),
        ],
        rows,
        empty,
    ));
    Ok(r)
}

/// The months the forecast covers: the period's, when it reaches past this month; else this
/// month and the five after it.
pub(crate) fn forecast_months(ctx: &Ctx) -> (i32, i32) {
    let this = month_no(ctx.now);
    if ctx.period.to > month_start(this + 1) {
        (month_no(ctx.period.from).max(this), month_no(ctx.period.to - chrono::Duration::milliseconds(1)))
    } else {
        (this, this + 5)
    }
}

pub(crate) const PROBABILITY: &str = "coalesce(d.probability, (SELECT p.probability FROM pipeline_stages p WHERE p.id = d.stage_id), 0)";

pub async fn forecast<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Report> {
    let (first, last) = forecast_months(ctx);
    let start = month_start(first).format("%Y-%m-%d").to_string();
    let end = month_start(last + 1).format("%Y-%m-%d").to_string();
    let sql = format!(
        "SELECT CASE WHEN d.expected_close IS NULL THEN 'none' WHEN d.expected_close < '{start}' THEN 'overdue' WHEN d.expected_close >= '{end}' THEN 'later' \
           ELSE substr(d.expected_close, 1, 7) END AS c0, d.currency AS c1, count(*) AS c2, sum(d.value_minor) AS c3, sum(d.value_minor * {PROBABILITY} / 100.0) AS c4 \
         FROM deals d WHERE d.deleted_at IS NULL AND d.status = 'open' AND ({}) GROUP BY 1, 2",
        ctx.deal_in()
    );
    let open = crate::sqlite::packed_rows(db, &sql, 5).await?;
    let won_sql = format!(
        "SELECT substr(d.closed_at, 1, 7) AS c0, d.currency AS c1, sum(d.value_minor) AS c2 FROM deals d WHERE d.deleted_at IS NULL AND d.status = 'won' \
         AND d.closed_at >= {} AND d.closed_at < {} AND ({}) GROUP BY 1, 2",
        t(month_start(first)),
        t(month_start(last + 1)),
        ctx.deal_in()
    );
    let won: HashMap<(String, String), f64> = crate::sqlite::packed_rows(db, &won_sql, 3).await?.into_iter().map(|r| ((text(&r, 0), text(&r, 1)), num(&r, 2))).collect();
    let mut currencies: Vec<String> = open.iter().map(|r| text(r, 1)).chain(won.keys().map(|k| k.1.clone())).collect();
    currencies.sort();
    currencies.dedup();
    let goals = super::goals::won_revenue_targets(db, ctx).await?;
    let mut r = ctx.shell(ReportName::Forecast, "Open deals by the month they are expected to close, weighted by their probability, against your won-revenue goals.");
    let mut keys: Vec<(String, String)> = vec![("overdue".into(), "Overdue (expected before this month)".into())];
    keys.extend((first..=last).map(|m| (month_key(m), month_label(m))));
    keys.push(("later".into(), "Later".into()));
    keys.push(("none".into(), "No expected close date".into()));
    let mut rows = Vec::new();
    for cur in &currencies {
        let (mut value, mut weighted) = (0.0, 0.0);
        for (key, label) in &keys {
            let o = open.iter().find(|x| text(x, 0) == *key && text(x, 1) == *cur);
            let w = won.get(&(key.clone(), cur.clone())).copied();
            let goal = goals.iter().filter(|g| g.currency.as_deref() == Some(cur.as_str()) && g.month == *key).map(|g| g.target).reduce(|a, b| a + b);
            if o.is_none() && w.is_none() && goal.is_none() {
                continue;
            }
            value += o.map_or(0.0, |x| num(x, 3));
            weighted += o.map_or(0.0, |x| num(x, 4).round());
            let label = if currencies.len() > 1 { format!("{label} ({cur})") } else { label.clone() };
            let mut y = row(format!("{key}:{cur}"), label, vec![o.map(|x| num(x, 2)), o.map(|x| num(x, 3)), o.map(|x| num(x, 4).round()), w, goal]);
            y.currency = Some(cur.clone());
            y.drills[0] = drill(DrillKind::Deals, format!("forecast:{key}:{cur}"));
            rows.push(y);
        }
        r.figures.push(money("open_value", "Open pipeline", cur, Some(value), None, "Sum of the values of the open deals (in this currency)."));
        r.figures.push(money("weighted", "Weighted pipeline", cur, Some(weighted), None, "Sum of value × probability ÷ 100 over the open deals; a deal without its own probability takes its stage's."));
    }
    for g in &goals {
        r.notes.push(g.words.clone());
    }
    let empty = "No open deals. Add deals with an expected close date on the Pipeline screen to see a forecast.";
    if rows.is_empty() {
        r.empty = Some(empty.into());
    }
    r.sections.push(section(
        "months",
        "By expected close month",
        ChartKind::Bar,
        &["weighted", "won", "goal"],
        vec![
            col("deals", "Open deals", Unit::Count, "Open deals expected to close in the month."),
            col("value", "Value", Unit::Money, "Sum of their values."),
            col("weighted", "Weighted", Unit::Money, "Sum of value × probability ÷ 100."),
            col("won", "Won so far", Unit::Money, "Value of the deals already won in the month."),
            col("goal", "Goal", Unit::Money, "Targets of won-revenue goals whose deadline falls in the month."),
        ],
        rows,
        empty,
    ));
    Ok(r)
}
