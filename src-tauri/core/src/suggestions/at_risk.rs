//! Customers at risk, with the reasons, and "stay in touch" rhythms.
//!
//! A customer (lifecycle customer or loyal customer) is at risk when any of these holds at `now`:
//! - **overdue purchase**: two paid orders or more, no active subscription, and no purchase for
//!   more than 1.5 × their usual interval (the mean gap between their first and last order, at
//!   least 7 days) — `customer_stats.overdue_at`, kept per contact on every order write (an
//!   index finds the overdue ones without reading every customer);
//! - **cancelled**: a subscription cancelled in the last 90 days;
//! - **unhappy**: their latest NPS in the last 180 days is 0–6, or latest CSAT 1–2;
//! - **breaching tickets**: an open ticket past its first-response or resolution target;
//! - **out of touch**: their stay-in-touch rhythm was missed (no call, e-mail or meeting for
//!   longer than it).

use crate::common::{now as clock_now, EntityRef};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::orders::time;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionSession, TransactionTrait, Value};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const OVERDUE_FACTOR: f64 = 1.5;
pub const MIN_GAP_DAYS: f64 = 7.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RiskKind {
    OverduePurchase,
    Cancelled,
    Unhappy,
    BreachingTickets,
    OutOfTouch,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RiskReason {
    pub kind: RiskKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AtRisk {
    pub contact: EntityRef,
    pub lifecycle_stage: String,
    pub reasons: Vec<RiskReason>,
    pub last_order_at: Option<DateTime<Utc>>,
}

async fn rows<C: ConnectionTrait>(db: &C, sql: &str, values: Vec<Value>) -> CoreResult<Vec<sea_orm::QueryResult>> {
    Ok(db.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)).await?)
}

/// Customers at risk, the most reasons first, then the longest without a purchase.
pub async fn at_risk<C: ConnectionTrait>(db: &C, now: DateTime<Utc>, limit: u32) -> CoreResult<Vec<AtRisk>> {
    let mut found: HashMap<String, (Vec<RiskReason>, Option<DateTime<Utc>>)> = HashMap::new();
    let mut add = |id: String, kind: RiskKind, text: String, last: Option<DateTime<Utc>>| {
        let e = found.entry(id).or_default();
        e.0.push(RiskReason { kind, text });
        if last.is_some() {
            e.1 = last;
        }
    };
    let now_v: Value = now.into();
    // The larger reads come back packed in one text (see `sqlite::packed_rows`): thousands of
    // rows decoded one by one cost more than the queries.
    let t = |x: DateTime<Utc>| crate::criteria::lit(&x.to_rfc3339());
    let sql = format!(
        "SELECT s.contact_id AS c0, s.last_order_at AS c1, s.usual_gap_days AS c2 FROM customer_stats s WHERE s.overdue_at < {now} \
         AND NOT EXISTS (SELECT 1 FROM subscriptions x WHERE x.contact_id = s.contact_id AND (x.cancelled_at IS NULL OR x.cancelled_at > {now}))",
        now = t(now)
    );
    for r in crate::sqlite::packed_rows(db, &sql, 3).await? {
        let last = time(r[1].clone());
        let gap: f64 = r[2].as_deref().and_then(|g| g.parse().ok()).unwrap_or_default();
        let since = last.map(|l| (now - l).num_seconds() as f64 / 86_400.0).unwrap_or_default();
        let text = format!("No purchase for {} days; they usually buy every {} days.", since.round(), gap.round());
        add(r[0].clone().unwrap_or_default(), RiskKind::OverduePurchase, text, last);
    }
    let sql = format!(
        "SELECT x.contact_id AS c0, p.name AS c1, x.cancelled_at AS c2 FROM subscriptions x JOIN products p ON p.id = x.product_id \
         WHERE x.contact_id IS NOT NULL AND x.cancelled_at > {} AND x.cancelled_at <= {}",
        t(now - Duration::days(90)),
        t(now)
    );
    for r in crate::sqlite::packed_rows(db, &sql, 3).await? {
        let day = time(r[2].clone()).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default();
        add(r[0].clone().unwrap_or_default(), RiskKind::Cancelled, format!("Cancelled {} on {day}.", r[1].clone().unwrap_or_default()), None);
    }
    // The latest answer of each kind, when it is low (SQLite: the bare columns come from the
    // max() row, and HAVING tests them).
    let sql = format!(
        "SELECT contact_id AS c0, kind AS c1, score AS c2, max(answered_at) AS c3 FROM survey_responses WHERE contact_id IS NOT NULL AND answered_at >= {} \
         GROUP BY contact_id, kind HAVING (kind = 'nps' AND score <= 6) OR (kind = 'csat' AND score <= 2)",
        t(now - Duration::days(180))
    );
    for r in crate::sqlite::packed_rows(db, &sql, 4).await? {
        let Some(k) = crate::surveys::SurveyKind::parse(r[1].as_deref().unwrap_or_default()) else { continue };
        let score: i32 = r[2].as_deref().and_then(|v| v.parse().ok()).unwrap_or_default();
        if k.is_low(score) {
            add(r[0].clone().unwrap_or_default(), RiskKind::Unhappy, format!("Latest {} score is {score}.", k.label()), None);
        }
    }
    let sql = "SELECT contact_id, count(*) FROM tickets WHERE contact_id IS NOT NULL AND status IN ('new', 'open', 'waiting') \
               AND (resolution_due_at < ? OR (first_response_at IS NULL AND first_response_due_at < ?)) GROUP BY contact_id";
    for r in rows(db, sql, vec![now_v.clone(), now_v.clone()]).await? {
        let (id, n): (String, i64) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?);
        add(id, RiskKind::BreachingTickets, format!("{n} open ticket{} past the service-level target.", if n == 1 { "" } else { "s" }), None);
    }
    for (id, every, last) in rhythms_missed(db, now).await? {
        let words = match last {
            Some(l) => format!("last in touch {} days ago", (now - l).num_days()),
            None => "never in touch".to_string(),
        };
        add(id, RiskKind::OutOfTouch, format!("Missed the {every}-day stay-in-touch rhythm ({words})."), None);
    }
    // The most reasons first, then the longest without a purchase; names and stages for as
    // many as the page needs (only customers count).
    let mut ranked: Vec<(String, (Vec<RiskReason>, Option<DateTime<Utc>>))> = found.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .0.len().cmp(&a.1 .0.len()).then(a.1 .1.cmp(&b.1 .1)).then(a.0.cmp(&b.0)));
    let mut out = Vec::new();
    for chunk in ranked.chunks(500) {
        if out.len() >= limit as usize {
            break;
        }
        let list = chunk.iter().map(|(i, _)| crate::criteria::lit(i)).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT c.id AS c0, trim(c.first_name || ' ' || c.last_name) AS c1, c.lifecycle_stage AS c2, s.last_order_at AS c3 FROM contacts c \
             LEFT JOIN customer_stats s ON s.contact_id = c.id \
             WHERE c.id IN ({list}) AND c.deleted_at IS NULL AND c.lifecycle_stage IN ('retention', 'loyalty')"
        );
        let mut named: HashMap<String, Vec<Option<String>>> = HashMap::new();
        for r in crate::sqlite::packed_rows(db, &sql, 4).await? {
            named.insert(r[0].clone().unwrap_or_default(), r);
        }
        for (id, (reasons, last)) in chunk.iter().cloned() {
            let Some(r) = named.get(&id) else { continue };
            out.push(AtRisk {
                contact: EntityRef { id, name: r[1].clone().unwrap_or_default() },
                lifecycle_stage: r[2].clone().unwrap_or_default(),
                reasons,
                last_order_at: last.or(time(r[3].clone())),
            });
        }
    }
    out.sort_by(|a, b| b.reasons.len().cmp(&a.reasons.len()).then(a.last_order_at.cmp(&b.last_order_at)).then(a.contact.name.cmp(&b.contact.name)));
    out.truncate(limit as usize);
    Ok(out)
}

/// Contacts whose rhythm was missed: (id, every days, last touch).
async fn rhythms_missed<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<Vec<(String, i64, Option<DateTime<Utc>>)>> {
    // From the (few) rhythms to their contacts, never the other way round.
    let sql = "SELECT r.contact_id, r.every_days, c.last_contacted_at FROM contact_rhythms r CROSS JOIN contacts c ON c.id = r.contact_id AND c.deleted_at IS NULL \
               WHERE c.last_contacted_at IS NULL OR julianday(?) - julianday(c.last_contacted_at) > r.every_days";
    let mut out = Vec::new();
    for r in rows(db, sql, vec![now.into()]).await? {
        out.push((r.try_get_by_index(0)?, r.try_get_by_index(1)?, time(r.try_get_by_index(2)?)));
    }
    Ok(out)
}

/// A contact's stay-in-touch rhythm in days, if any.
pub async fn rhythm_of<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<Option<u32>> {
    let r = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT every_days FROM contact_rhythms WHERE contact_id = ?", [contact_id.into()])).await?;
    Ok(match r {
        Some(r) => Some(r.try_get_by_index::<i64>(0)? as u32),
        None => None,
    })
}

/// Sets (1–365 days) or clears a contact's rhythm.
pub async fn set_rhythm<C: ConnectionTrait + TransactionTrait>(db: &C, contact_id: &str, every_days: Option<u32>) -> CoreResult<Option<u32>> {
    let live = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "SELECT 1 FROM contacts WHERE id = ? AND deleted_at IS NULL", [contact_id.into()])).await?;
    if live.is_none() {
        return Err(CoreError::not_found("contact", contact_id));
    }
    if let Some(d) = every_days {
        if !(1..=365).contains(&d) {
            return Err(CoreError::invalid("every_days", "out_of_range", format!("A rhythm is every 1 to 365 days ({d} given).")));
        }
    }
    let act = history::begin(db, ActionKind::Update, "contacts", Some(contact_id)).await?;
    match every_days {
        Some(d) => {
            let q = Query::insert()
                .into_table("contact_rhythms")
                .columns(["contact_id", "every_days", "created_at", "updated_at"])
                .values_panic([contact_id.into(), (d as i64).into(), clock_now().into(), clock_now().into()])
                .on_conflict(OnConflict::column("contact_id").update_columns(["every_days", "updated_at"]).to_owned())
                .to_owned();
            act.execute(&q).await?;
        }
        None => {
            act.execute(&Query::delete().from_table("contact_rhythms").and_where(Expr::col("contact_id").eq(contact_id)).to_owned()).await?;
        }
    }
    act.describe("Stay-in-touch rhythm").await?;
    act.commit().await?;
    rhythm_of(db, contact_id).await
}

/// Raises a reminder (a task due now) for each missed rhythm that has no open reminder yet;
/// returns how many. The scheduler calls it; the tasks show on Today and notify.
pub async fn raise_rhythm_reminders<C: ConnectionTrait + TransactionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<u32> {
    let missed = rhythms_missed(db, now).await?;
    if missed.is_empty() {
        return Ok(0);
    }
    let txn = db.begin().await?;
    let mut n = 0;
    for (id, every, _) in missed {
        let subject = format!("Stay in touch (every {every} days)");
        let open = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "SELECT 1 FROM activities WHERE contact_id = ? AND kind = 'task' AND completed_at IS NULL AND deleted_at IS NULL AND subject = ?",
                [id.clone().into(), subject.clone().into()],
            ))
            .await?;
        if open.is_some() {
            continue;
        }
        let body = "Call, write or meet them: their stay-in-touch rhythm was missed.";
        crate::activities::tasks::insert_task(&txn, &id, &subject, body, now, now).await?;
        crate::activities::touches::refresh_contact_touches(&txn, &id).await?;
        n += 1;
    }
    txn.commit().await?;
    Ok(n)
}
