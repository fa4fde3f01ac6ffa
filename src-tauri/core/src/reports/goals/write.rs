//! Setting, changing and deleting goals (one undoable action each), and the demo's goals.

use super::{baseline, get, stored, Goal, GoalInput, GoalMetric};
use crate::common::new_id;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::reports::stats::stamp;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

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

/// The columns a goal's input sets, in [`COLUMNS`] order, then `updated_at`.
const COLUMNS: &str = "name, metric, segment_id, currency, baseline, target, starts_at, deadline_at, updated_at";

fn values(i: &GoalInput, c: Clean, now: DateTime<Utc>) -> Vec<sea_orm::Value> {
    vec![
        c.name.into(),
        i.metric.as_str().into(),
        c.segment_id.into(),
        c.currency.into(),
        c.baseline.into(),
        i.target.into(),
        stamp(i.starts_at).into(),
        stamp(i.deadline_at).into(),
        stamp(now).into(),
    ]
}

async fn insert<C: ConnectionTrait>(db: &C, id: &str, i: &GoalInput, c: Clean, now: DateTime<Utc>) -> CoreResult<()> {
    let sql = format!("INSERT INTO goals (id, created_at, {COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    let mut all: Vec<sea_orm::Value> = vec![id.into(), stamp(now).into()];
    all.extend(values(i, c, now));
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, all)).await?;
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
    let set: Vec<String> = COLUMNS.split(", ").map(|c| format!("{c} = ?")).collect();
    let sql = format!("UPDATE goals SET {} WHERE id = ?", set.join(", "));
    let mut all = values(i, c, now);
    all.push(id.into());
    act.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, all)).await?;
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
