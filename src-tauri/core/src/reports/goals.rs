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

use super::stats::{pct, round1};
use super::{Ctx, ReportParams, Unit};
use crate::common::{new_id, EntityRef};
use crate::conversion::Period;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum GoalMetric {
    ConversionRate,
    NewCustomers,
    WonRevenue,
    WinRate,
    RepeatPurchaseRate,
    AverageOrderValue,
    Churn,
    Nps,
    Csat,
}

impl GoalMetric {
    pub const ALL: [GoalMetric; 9] = [
        GoalMetric::ConversionRate,
        GoalMetric::NewCustomers,
        GoalMetric::WonRevenue,
        GoalMetric::WinRate,
        GoalMetric::RepeatPurchaseRate,
        GoalMetric::AverageOrderValue,
        GoalMetric::Churn,
        GoalMetric::Nps,
        GoalMetric::Csat,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GoalMetric::ConversionRate => "conversion_rate",
            GoalMetric::NewCustomers => "new_customers",
            GoalMetric::WonRevenue => "won_revenue",
            GoalMetric::WinRate => "win_rate",
            GoalMetric::RepeatPurchaseRate => "repeat_purchase_rate",
            GoalMetric::AverageOrderValue => "average_order_value",
            GoalMetric::Churn => "churn",
            GoalMetric::Nps => "nps",
            GoalMetric::Csat => "csat",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            GoalMetric::ConversionRate => "Lead conversion rate",
            GoalMetric::NewCustomers => "New customers",
            GoalMetric::WonRevenue => "Won deal value",
            GoalMetric::WinRate => "Win rate",
            GoalMetric::RepeatPurchaseRate => "Repeat-purchase rate",
            GoalMetric::AverageOrderValue => "Average order value",
            GoalMetric::Churn => "Subscription churn",
            GoalMetric::Nps => "NPS",
            GoalMetric::Csat => "CSAT",
        }
    }

    pub fn unit(self) -> Unit {
        match self {
            GoalMetric::NewCustomers => Unit::Count,
            GoalMetric::WonRevenue | GoalMetric::AverageOrderValue => Unit::Money,
            GoalMetric::Nps => Unit::Score,
            _ => Unit::Percent,
        }
    }

    /// Totals add up over time; rates and scores do not.
    pub fn is_total(self) -> bool {
        matches!(self, GoalMetric::NewCustomers | GoalMetric::WonRevenue)
    }

    pub fn definition(self) -> &'static str {
        match self {
            GoalMetric::ConversionRate => "Leads of the goal's period that became customers in it ÷ those leads.",
            GoalMetric::NewCustomers => "Leads that became a Customer or Loyal customer in the goal's period.",
            GoalMetric::WonRevenue => "Value of the deals won in the goal's period, in the goal's currency.",
            GoalMetric::WinRate => "Won ÷ (won + lost) of the deals closed in the goal's period.",
            GoalMetric::RepeatPurchaseRate => super::retention::REPEAT,
            GoalMetric::AverageOrderValue => super::retention::AOV,
            GoalMetric::Churn => "Subscriptions active at the goal's start that were cancelled since ÷ those active at its start.",
            GoalMetric::Nps => super::service::NPS,
            GoalMetric::Csat => super::service::CSAT,
        }
    }

    fn range(self) -> (f64, f64) {
        match self {
            GoalMetric::Nps => (-100.0, 100.0),
            GoalMetric::NewCustomers | GoalMetric::WonRevenue | GoalMetric::AverageOrderValue => (0.0, f64::MAX),
            _ => (0.0, 100.0),
        }
    }

    pub fn parse(s: &str) -> Option<GoalMetric> {
        let k = s.trim().to_lowercase().replace('-', "_");
        GoalMetric::ALL.into_iter().find(|m| m.as_str() == k || m.label().to_lowercase() == k)
    }

    fn needs_currency(self) -> bool {
        self.unit() == Unit::Money
    }
}

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

fn params(segment_id: Option<String>, p: Period) -> ReportParams {
    ReportParams { from: p.from, to: p.to, segment_id, pipeline_id: None }
}

/// The metric over `p` for the segment (`None` when there is nothing to measure).
pub async fn measure<C: ConnectionTrait>(db: &C, metric: GoalMetric, segment_id: Option<&str>, currency: Option<&str>, p: Period, now: DateTime<Utc>) -> CoreResult<Option<f64>> {
    let ctx = Ctx::new(db, &params(segment_id.map(str::to_string), p), now).await?;
    let cur = currency.unwrap_or("");
    Ok(match metric {
        GoalMetric::ConversionRate | GoalMetric::NewCustomers => {
            let (lead, converted) = super::groups::lead_sql(p);
            let sql = format!("SELECT count(*) AS c0, sum({converted}) AS c1 FROM contacts c WHERE {lead} AND ({})", ctx.cond);
            let r = crate::sqlite::packed_rows(db, &sql, 2).await?;
            let (leads, conv) = r.first().map_or((0.0, 0.0), |r| (super::stats::num(r, 0), super::stats::num(r, 1)));
            if metric == GoalMetric::NewCustomers { Some(conv) } else { pct(conv, leads) }
        }
        GoalMetric::WonRevenue => Some(super::deals::closed(db, &ctx, p).await?.won_value.get(cur).map_or(0.0, |v| v.1)),
        GoalMetric::WinRate => super::deals::closed(db, &ctx, p).await?.win_rate(),
        GoalMetric::RepeatPurchaseRate => super::retention::purchases(db, &ctx, p).await?.repeat_rate(),
        GoalMetric::AverageOrderValue => super::retention::purchases(db, &ctx, p).await?.aov(cur),
        GoalMetric::Churn => {
            let ((active, gone), _) = super::churn::churn_counts(db, &ctx, p, p).await?;
            pct(gone, active)
        }
        GoalMetric::Nps => super::service::health(db, &ctx, p, false).await?.remove(&0).and_then(|h| h.nps()),
        GoalMetric::Csat => super::service::health(db, &ctx, p, false).await?.remove(&0).and_then(|h| h.csat()),
    })
}

/// The baseline a goal would get: the metric over the period of the same length before it.
pub async fn baseline<C: ConnectionTrait>(db: &C, metric: GoalMetric, segment_id: Option<&str>, currency: Option<&str>, starts_at: DateTime<Utc>, deadline_at: DateTime<Utc>, now: DateTime<Utc>) -> CoreResult<Option<f64>> {
    let len = deadline_at - starts_at;
    if len <= chrono::Duration::zero() {
        return Err(CoreError::invalid("deadline_at", "before_start", "The deadline must come after the start."));
    }
    measure(db, metric, segment_id, currency, Period { from: starts_at - len, to: starts_at }, now).await
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

const COLUMNS: &str = "g.id AS c0, g.name AS c1, g.metric AS c2, g.segment_id AS c3, s.name AS c4, g.currency AS c5, g.baseline AS c6, g.target AS c7, g.starts_at AS c8, g.deadline_at AS c9";

async fn stored<C: ConnectionTrait>(db: &C, tail: &str) -> CoreResult<Vec<Vec<Option<String>>>> {
    let sql = format!("SELECT {COLUMNS} FROM goals g LEFT JOIN segments s ON s.id = g.segment_id WHERE g.archived_at IS NULL {tail}");
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

struct Clean {
    name: String,
    segment_id: Option<String>,
    currency: Option<String>,
    baseline: f64,
}

async fn validated<C: ConnectionTrait>(db: &C, i: &GoalInput, now: DateTime<Utc>) -> CoreResult<Clean> {
    let mut v = crate::validate::Validator::new();
    let name = i.name.trim().to_string();
    if name.is_empty() {
        v.add("name", "required", "Give the goal a name.");
    } else if name.chars().count() > 200 {
        v.add("name", "too_long", "A goal's name is at most 200 characters.");
    }
    if i.deadline_at <= i.starts_at {
        v.add("deadline_at", "before_start", "The deadline must come after the start.");
    }
    v.date("starts_at", &Some(i.starts_at));
    v.date("deadline_at", &Some(i.deadline_at));
    let (lo, hi) = i.metric.range();
    for (field, val) in [("target", Some(i.target)), ("baseline", i.baseline)] {
        if let Some(x) = val {
            if !x.is_finite() || x < lo || x > hi {
                v.add(field, "out_of_range", format!("{} goes from {} to {}.", i.metric.label(), lo, if hi == f64::MAX { "any amount".into() } else { hi.to_string() }));
            }
        }
    }
    let currency = if i.metric.needs_currency() {
        match i.currency.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => Some(crate::deals::check::currency(&mut v, "currency", c)),
            None => {
                v.add("currency", "required", "A money goal needs its currency (e.g. EUR).");
                None
            }
        }
    } else {
        None
    };
    v.finish()?;
    let segment_id = match i.segment_id.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(s) => Some(crate::segments::find(db, s).await?.id),
        None => None,
    };
    let baseline = match i.baseline {
        Some(b) => b,
        None => baseline(db, i.metric, segment_id.as_deref(), currency.as_deref(), i.starts_at, i.deadline_at, now).await?.ok_or_else(|| {
            CoreError::invalid("baseline", "no_data", "There is no data before the start to measure a baseline from; type one in.")
        })?,
    };
    if i.target == baseline {
        return Err(CoreError::invalid("target", "same_as_baseline", "The target is the baseline: set a target to move towards."));
    }
    Ok(Clean { name, segment_id, currency, baseline })
}

fn t(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
}

async fn insert<C: ConnectionTrait>(db: &C, id: &str, i: &GoalInput, c: Clean, now: DateTime<Utc>) -> CoreResult<()> {
    let sql = "INSERT INTO goals (id, name, metric, segment_id, currency, baseline, target, starts_at, deadline_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    let values: Vec<sea_orm::Value> = vec![
        id.into(),
        c.name.into(),
        i.metric.as_str().into(),
        c.segment_id.into(),
        c.currency.into(),
        c.baseline.into(),
        i.target.into(),
        t(i.starts_at).into(),
        t(i.deadline_at).into(),
        t(now).into(),
        t(now).into(),
    ];
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)).await?;
    Ok(())
}

pub async fn create<C: ConnectionTrait + TransactionTrait>(db: &C, i: &GoalInput, now: DateTime<Utc>) -> CoreResult<Goal> {
    let c = validated(db, i, now).await?;
    let id = new_id();
    let act = history::begin(db, ActionKind::Create, "goals", None).await?;
    insert(&*act, &id, i, c, now).await?;
    act.about(&id).await?;
    act.commit().await?;
    get(db, &id, now).await
}

/// The demo business's goals: a conversion rate, a quarter's won deals, NPS and repeat
/// purchases, each with its baseline measured on the demo data (a plain one where it has none).
pub(crate) async fn add_demo<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<()> {
    let day = chrono::Duration::days(1);
    let goals = [
        ("Convert more leads", GoalMetric::ConversionRate, None, 30.0, 20.0, 60, 120),
        ("Win €40k of deals this quarter", GoalMetric::WonRevenue, Some("EUR"), 4_000_000.0, 0.0, 45, 45),
        ("Keep customers delighted", GoalMetric::Nps, None, 65.0, 50.0, 60, 120),
        ("More customers buy again", GoalMetric::RepeatPurchaseRate, None, 25.0, 10.0, 90, 90),
    ];
    for (name, metric, currency, target, fallback, back, ahead) in goals {
        let input = GoalInput { name: name.into(), metric, segment_id: None, currency: currency.map(str::to_string), baseline: None, target, starts_at: now - day * back, deadline_at: now + day * ahead };
        let measured = if metric.is_total() { Some(fallback) } else { baseline(db, metric, None, currency, input.starts_at, input.deadline_at, now).await? };
        let b = measured.filter(|b| *b != target).unwrap_or(fallback);
        insert(db, &new_id(), &input, Clean { name: name.into(), segment_id: None, currency: input.currency.clone(), baseline: b }, now).await?;
    }
    Ok(())
}

pub async fn update<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str, i: &GoalInput, now: DateTime<Utc>) -> CoreResult<Goal> {
    get(db, id, now).await?;
    let c = validated(db, i, now).await?;
    let act = history::begin(db, ActionKind::Update, "goals", Some(id)).await?;
    let sql = "UPDATE goals SET name = ?, metric = ?, segment_id = ?, currency = ?, baseline = ?, target = ?, starts_at = ?, deadline_at = ?, updated_at = ? WHERE id = ?";
    let values: Vec<sea_orm::Value> = vec![
        c.name.into(),
        i.metric.as_str().into(),
        c.segment_id.into(),
        c.currency.into(),
        c.baseline.into(),
        i.target.into(),
        t(i.starts_at).into(),
        t(i.deadline_at).into(),
        t(now).into(),
        id.into(),
    ];
    act.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)).await?;
    act.commit().await?;
    get(db, id, now).await
}

/// Deletes a goal (undoable from the history).
pub async fn delete<C: ConnectionTrait + TransactionTrait>(db: &C, id: &str) -> CoreResult<()> {
    let found = stored(db, &format!("AND g.id = {}", crate::criteria::lit(id))).await?;
    if found.is_empty() {
        return Err(CoreError::not_found("goal", id));
    }
    let act = history::begin(db, ActionKind::Delete, "goals", Some(id)).await?;
    act.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "DELETE FROM goals WHERE id = ?", [id.into()])).await?;
    act.commit().await?;
    Ok(())
}

/// A won-revenue goal as the forecast shows it.
pub(crate) struct Target {
    pub currency: Option<String>,
    /// The deadline's month, "2027-03".
    pub month: String,
    pub target: f64,
    pub words: String,
}

pub(crate) async fn won_revenue_targets<C: ConnectionTrait>(db: &C, ctx: &Ctx) -> CoreResult<Vec<Target>> {
    let rows = stored(db, &format!("AND g.metric = 'won_revenue' AND g.deadline_at >= {}", super::stats::t(ctx.now))).await?;
    let mut out = Vec::new();
    for r in rows {
        let g = evaluate(db, &r, ctx.now).await?;
        out.push(Target { currency: g.currency.clone(), month: g.deadline_at.format("%Y-%m").to_string(), target: g.target, words: g.summary.clone() });
    }
    Ok(out)
}
