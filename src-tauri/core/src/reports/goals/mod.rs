//! SMART goals over report metrics: a metric, an optional segment, a baseline, a target and a
//! deadline; progress and a projection on the dashboard.
//!
//! Definitions:
//! - *Current*: the metric measured over [start, now) (or [start, deadline) once it passed).
//! - *Elapsed*: the share of the time from start to deadline that has gone by.
//! - For totals (new customers, won revenue) the target is the total by the deadline and the
//!   *projection* is current ÷ elapsed (the pace so far kept up).
//! - For rates and scores the *projection* is baseline + (current − baseline) ÷ elapsed (the
//!   change so far kept up at its pace), kept within the metric's range.
//! - *On track*: the projection reaches the target (upwards or downwards, as the target lies
//!   from the baseline). *Achieved*: current reaches the target (totals, rates once the
//!   deadline passed); *missed*: the deadline passed without.

mod metric;
mod write;

pub use metric::{baseline, measure, GoalMetric};
pub(crate) use write::add_demo;
pub use write::{create, delete, update};

use super::stats::round1;
use super::{Ctx, Unit};
use crate::common::EntityRef;
use crate::conversion::Period;
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    NotStarted,
    OnTrack,
    Behind,
    Achieved,
    Missed,
    /// Nothing measured yet (e.g. no NPS answers since the start).
    NoData,
}

impl GoalStatus {
    pub fn words(self) -> &'static str {
        match self {
            GoalStatus::NotStarted => "not started",
            GoalStatus::OnTrack => "on track",
            GoalStatus::Behind => "behind",
            GoalStatus::Achieved => "achieved",
            GoalStatus::Missed => "missed",
            GoalStatus::NoData => "no data yet",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct GoalInput {
    pub name: String,
    pub metric: GoalMetric,
    pub segment_id: Option<String>,
    /// For money metrics (ISO code).
    pub currency: Option<String>,
    /// `null`: measured over the period of the same length before the start.
    pub baseline: Option<f64>,
    pub target: f64,
    pub starts_at: DateTime<Utc>,
    pub deadline_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Goal {
    pub id: String,
    pub name: String,
    pub metric: GoalMetric,
    pub metric_label: String,
    pub unit: Unit,
    pub definition: String,
    pub segment: Option<EntityRef>,
    pub currency: Option<String>,
    pub baseline: f64,
    pub target: f64,
    pub starts_at: DateTime<Utc>,
    pub deadline_at: DateTime<Utc>,
    pub current: Option<f64>,
    pub projected: Option<f64>,
    /// How far from the baseline to the target current is, in percent (may exceed 100).
    pub progress_percent: Option<f64>,
    /// The share of the time gone by, in percent.
    pub elapsed_percent: f64,
    pub status: GoalStatus,
    /// "Lead conversion rate 12% → 22% by 1 Jun 2027: at 18.2% (+6.2), on track".
    pub summary: String,
}

/// Progress of a goal at `now` (see the module's definitions).
pub fn progress(metric: GoalMetric, baseline: f64, target: f64, starts_at: DateTime<Utc>, deadline_at: DateTime<Utc>, current: Option<f64>, now: DateTime<Utc>) -> (Option<f64>, Option<f64>, f64, GoalStatus) {
    let span = (deadline_at - starts_at).num_seconds().max(1) as f64;
    let elapsed = ((now - starts_at).num_seconds() as f64 / span).clamp(0.0, 1.0);
    let up = target >= baseline;
    let reaches = |v: f64| if up { v >= target } else { v <= target };
    if now < starts_at {
        return (None, None, 0.0, GoalStatus::NotStarted);
    }
    let Some(cur) = current else { return (None, None, round1(100.0 * elapsed), GoalStatus::NoData) };
    let (lo, hi) = metric.range();
    let projected = if elapsed <= 0.0 {
        None
    } else if metric.is_total() {
        Some(cur / elapsed)
    } else {
        Some((baseline + (cur - baseline) / elapsed).clamp(lo, hi))
    };
    let progress = if metric.is_total() {
        (target != 0.0).then(|| round1(100.0 * cur / target))
    } else {
        (target != baseline).then(|| round1(100.0 * (cur - baseline) / (target - baseline)))
    };
    let done = now >= deadline_at;
    let status = if reaches(cur) && (metric.is_total() || done) {
        GoalStatus::Achieved
    } else if done {
        GoalStatus::Missed
    } else if projected.is_some_and(reaches) || reaches(cur) {
        GoalStatus::OnTrack
    } else {
        GoalStatus::Behind
    };
    (projected.map(|p| (p * 100.0).round() / 100.0), progress, round1(100.0 * elapsed), status)
}

fn fmt(metric: GoalMetric, v: f64, currency: Option<&str>) -> String {
    match metric.unit() {
        Unit::Money => super::stats::money_words(v, currency.unwrap_or("")),
        Unit::Percent => format!("{}%", round1(v)),
        Unit::Count => format!("{}", v.round()),
        _ => format!("{}", round1(v)),
    }
}

fn summary(g: &Goal) -> String {
    let f = |v: f64| fmt(g.metric, v, g.currency.as_deref());
    let by = g.deadline_at.format("%-d %b %Y");
    let head = if g.metric.is_total() {
        format!("{}: {} by {by}", g.name, f(g.target))
    } else {
        format!("{}: {} {} → {} by {by}", g.name, g.metric_label, f(g.baseline), f(g.target))
    };
    match (g.current, g.status) {
        (_, GoalStatus::NotStarted) => format!("{head}: starts {}", g.starts_at.format("%-d %b %Y")),
        (None, _) => format!("{head}: no data yet"),
        (Some(c), s) if g.metric.is_total() => format!("{head}: at {} ({}% of the target), {}", f(c), g.progress_percent.unwrap_or(0.0), s.words()),
        (Some(c), s) => {
            let delta = round1(c - g.baseline);
            let unit = if g.metric.unit() == Unit::Money { String::new() } else if g.metric.unit() == Unit::Percent { " points".into() } else { String::new() };
            format!("{head}: at {} ({}{delta}{unit}), {}", f(c), if delta >= 0.0 { "+" } else { "" }, s.words())
        }
    }
}

const SELECTED: &str = "g.id AS c0, g.name AS c1, g.metric AS c2, g.segment_id AS c3, s.name AS c4, g.currency AS c5, g.baseline AS c6, g.target AS c7, g.starts_at AS c8, g.deadline_at AS c9";

pub(super) async fn stored<C: ConnectionTrait>(db: &C, tail: &str) -> CoreResult<Vec<Vec<Option<String>>>> {
    let sql = format!("SELECT {SELECTED} FROM goals g LEFT JOIN segments s ON s.id = g.segment_id WHERE g.archived_at IS NULL {tail}");
    crate::sqlite::packed_rows(db, &sql, 10).await
}

async fn evaluate<C: ConnectionTrait>(db: &C, r: &[Option<String>], now: DateTime<Utc>) -> CoreResult<Goal> {
    use super::stats::{num, text, time};
    let metric = GoalMetric::parse(&text(r, 2)).unwrap_or(GoalMetric::ConversionRate);
    let (starts_at, deadline_at) = (time(&text(r, 8)).unwrap_or(now), time(&text(r, 9)).unwrap_or(now));
    let segment = r[3].clone().map(|id| EntityRef { id, name: r[4].clone().unwrap_or_else(|| "(deleted segment)".into()) });
    let current = if now < starts_at || segment.as_ref().is_some_and(|s| r[4].is_none() && !s.id.is_empty()) {
        None
    } else {
        let p = Period { from: starts_at, to: now.min(deadline_at).max(starts_at + chrono::Duration::seconds(1)) };
        measure(db, metric, r[3].as_deref(), r[5].as_deref(), p, now).await?
    };
    let (baseline, target) = (num(r, 6), num(r, 7));
    let (projected, progress_percent, elapsed_percent, status) = progress(metric, baseline, target, starts_at, deadline_at, current, now);
    let mut g = Goal {
        id: text(r, 0),
        name: text(r, 1),
        metric,
        metric_label: metric.label().into(),
        unit: metric.unit(),
        definition: metric.definition().into(),
        segment,
        currency: r[5].clone(),
        baseline,
        target,
        starts_at,
        deadline_at,
        current,
        projected,
        progress_percent,
        elapsed_percent,
        status,
        summary: String::new(),
    };
    g.summary = summary(&g);
    Ok(g)
}

pub async fn list<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<Vec<Goal>> {
    let mut out = Vec::new();
    for r in stored(db, "ORDER BY g.deadline_at, g.name").await? {
        out.push(evaluate(db, &r, now).await?);
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: &str, now: DateTime<Utc>) -> CoreResult<Goal> {
    let r = stored(db, &format!("AND g.id = {}", crate::criteria::lit(id))).await?;
    match r.first() {
        Some(r) => evaluate(db, r, now).await,
        None => Err(CoreError::not_found("goal", id)),
    }
}

/// A won-revenue goal as the forecast shows it.
pub(crate) struct Target {
    pub currency: Option<String>,
    /// The deadline's month, "2027-03".
    pub month: String,
    pub target: f64,
    pub words: String,
}

/// The won-revenue goals still running, read as stored (the forecast needs their targets, not
/// their progress: measuring each one here would repeat the goals list's work).
pub(crate) async fn won_revenue_targets<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Vec<Target>> {
    use super::stats::{num, text, time};
    let rows = stored(db, &format!("AND g.metric = 'won_revenue' AND g.deadline_at >= {}", super::stats::t(ctx.now))).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (currency, target, deadline) = (r[5].clone(), num(&r, 7), time(&text(&r, 9)).unwrap_or(ctx.now));
            let words = format!("Goal “{}”: {} won by {}.", text(&r, 1), fmt(GoalMetric::WonRevenue, target, currency.as_deref()), deadline.format("%-d %b %Y"));
            Target { currency, month: deadline.format("%Y-%m").to_string(), target, words }
        })
        .collect())
}
