//! "Which records are behind this number": the contacts, deals, orders, tickets or activities a
//! figure or cell counted, from the drill key the report put on it (at most [`LIMIT`] listed,
//! with the total).

use super::stats::{month_no_sql, t};
use super::{Ctx, ReportName, ReportParams};
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde::{Deserialize, Serialize};

pub const LIMIT: u32 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DrillKind {
    Contacts,
    Deals,
    Orders,
    Tickets,
    Activities,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct DrillRecord {
    pub id: String,
    pub label: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct DrillRecords {
    pub kind: DrillKind,
    pub total: u32,
    /// The first [`LIMIT`].
    pub records: Vec<DrillRecord>,
}

enum Ids {
    Sql(String),
    List(Vec<String>),
}

fn bad(key: &str) -> CoreError {
    CoreError::invalid("key", "unknown_drill", format!("“{key}” does not name records of this report."))
}

fn part<'a>(parts: &[&'a str], i: usize, key: &str) -> CoreResult<&'a str> {
    parts.get(i).copied().ok_or_else(|| bad(key))
}

/// The records behind the number `key` of report `name` run with `params`.
pub async fn records<C: ConnectionTrait>(db: &C, name: ReportName, params: &ReportParams, key: &str, now: DateTime<Utc>) -> CoreResult<DrillRecords> {
    let ctx = Ctx::new(db, params, now).await?;
    let parts: Vec<&str> = key.split(':').collect();
    let lit = crate::criteria::lit;
    let (kind, ids) = match (name, parts[0]) {
        (ReportName::Funnel | ReportName::Dashboard, "funnel") => {
            let k: usize = part(&parts, 1, key)?.parse().ok().filter(|k| *k < 5).ok_or_else(|| bad(key))?;
            let rows = super::funnel::reached(db, &ctx, ctx.period).await?;
            (DrillKind::Contacts, Ids::List(rows.into_iter().filter(|(_, ts)| ts[k].is_some()).map(|(id, _)| id).collect()))
        }
        (ReportName::Pipeline, "pipeline") => {
            let (pid, sid) = (part(&parts, 1, key)?, part(&parts, 2, key)?);
            let f = super::funnel::pipeline_funnel(db, &ctx, pid, ctx.period).await?;
            let k = f.stages.iter().position(|s| s.id == sid).ok_or_else(|| bad(key))?;
            (DrillKind::Deals, Ids::List(f.reached[k].clone()))
        }
        (ReportName::Sources | ReportName::Segments | ReportName::Personas | ReportName::Tiers, "group") => {
            let by = super::groups::By::parse(part(&parts, 1, key)?).ok_or_else(|| bad(key))?;
            let which = part(&parts, 2, key)?;
            let group = parts.get(3..).map(|p| p.join(":")).unwrap_or_default();
            (DrillKind::Contacts, Ids::Sql(super::groups::contacts_sql(db, &ctx, by, which, &group).await?))
        }
        (ReportName::Deals | ReportName::LostReasons | ReportName::Dashboard, "closed") => {
            let status = part(&parts, 1, key)?;
            if !["won", "lost"].contains(&status) {
                return Err(bad(key));
            }
            let owner = parts.get(2..).map(|p| p.join(":"));
            let owner = owner.map(|o| format!(" AND coalesce(d.owner, '') = {}", lit(&o))).unwrap_or_default();
            (DrillKind::Deals, Ids::Sql(format!("SELECT d.id AS c0 FROM deals d WHERE {} AND d.status = {}{owner}", super::deals::closed_where(&ctx, ctx.period), lit(status))))
        }
        (ReportName::LostReasons, "lost") => {
            let reason = parts.get(1..).map(|p| p.join(":")).unwrap_or_default();
            (DrillKind::Deals, Ids::Sql(format!("SELECT d.id AS c0 FROM deals d WHERE {} AND d.status = 'lost' AND coalesce(d.lost_reason_id, '') = {}", super::deals::closed_where(&ctx, ctx.period), lit(&reason))))
        }
        (ReportName::Forecast | ReportName::Dashboard, "forecast") => {
            let (bucket, cur) = (part(&parts, 1, key)?, part(&parts, 2, key)?);
            let (first, last) = super::deals::forecast_months(&ctx);
            let start = super::stats::month_start(first).format("%Y-%m-%d").to_string();
            let end = super::stats::month_start(last + 1).format("%Y-%m-%d").to_string();
            let when = match bucket {
                "none" => "d.expected_close IS NULL".to_string(),
                "overdue" => format!("d.expected_close < '{start}'"),
                "later" => format!("d.expected_close >= '{end}'"),
                m => format!("substr(d.expected_close, 1, 7) = {}", lit(m)),
            };
            (DrillKind::Deals, Ids::Sql(format!("SELECT d.id AS c0 FROM deals d WHERE d.deleted_at IS NULL AND d.status = 'open' AND d.currency = {} AND {when} AND ({})", lit(cur), ctx.deal_in())))
        }
        (ReportName::Activity, "converted") => (
            DrillKind::Contacts,
            Ids::Sql(format!(
                "SELECT c.id AS c0 FROM contacts c WHERE c.deleted_at IS NULL AND ({}) AND c.id IN (SELECT l.contact_id FROM lifecycle_changes l WHERE l.to_stage IN ('retention', 'loyalty') \
                 AND l.from_stage IS NOT NULL GROUP BY l.contact_id HAVING min(l.changed_at) >= {} AND min(l.changed_at) < {})",
                ctx.cond,
                t(ctx.period.from),
                t(ctx.period.to)
            )),
        ),
        (ReportName::Activity, "owner") => {
            let owner = parts.get(1..).map(|p| p.join(":")).unwrap_or_default();
            (
                DrillKind::Activities,
                Ids::Sql(format!(
                    "SELECT a.id AS c0 FROM activities a LEFT JOIN contacts c ON c.id = a.contact_id WHERE {} \
                     AND coalesce(c.owner, '') = {}",
                    super::activity::touches_where(&ctx, ctx.period),
                    lit(&owner)
                )),
            )
        }
        (ReportName::Cohorts, "cohort") => {
            let month = part(&parts, 1, key)?;
            let base = format!("SELECT cs.contact_id AS c0 FROM customer_stats cs WHERE {} AND substr(cs.first_order_at, 1, 7) = {}", super::retention::cohort_where(&ctx, ctx.period), lit(month));
            match parts.get(2) {
                None => (DrillKind::Contacts, Ids::Sql(base)),
                Some(k) => {
                    let k: i32 = k.parse().map_err(|_| bad(key))?;
                    let (mo, mc) = (month_no_sql("o.ordered_at"), month_no_sql("cs.first_order_at"));
                    (
                        DrillKind::Contacts,
                        Ids::Sql(format!(
                            "{base} AND EXISTS (SELECT 1 FROM orders o WHERE o.contact_id = cs.contact_id AND {} AND {mo} - {mc} = {k})",
                            super::retention::PAID
                        )),
                    )
                }
            }
        }
        (ReportName::Repeat | ReportName::Dashboard, "buyers") => (DrillKind::Contacts, Ids::Sql(format!("SELECT DISTINCT o.contact_id AS c0 FROM orders o WHERE {}", super::retention::paid_in(&ctx, ctx.period)))),
        (ReportName::Repeat | ReportName::Dashboard, "paid") => (DrillKind::Orders, Ids::Sql(format!("SELECT o.id AS c0 FROM orders o WHERE {}", super::retention::paid_in(&ctx, ctx.period)))),
        (ReportName::Churn | ReportName::Dashboard, "churned") => {
            let p = match parts.get(1) {
                None => ctx.period,
                Some(m) => {
                    let no = super::stats::month_no(super::stats::time(&format!("{m}-01T00:00:00+00:00")).ok_or_else(|| bad(key))?);
                    crate::conversion::Period { from: super::stats::month_start(no).max(ctx.period.from), to: super::stats::month_start(no + 1).min(ctx.period.to) }
                }
            };
            let (from, to) = (super::stats::stamp(p.from), super::stats::stamp(p.to));
            let subs = super::churn::subscriptions(db, &ctx).await?;
            let mut ids: Vec<String> = subs.into_iter().filter(|s| s.active_at(&from) && s.cancelled.as_ref().is_some_and(|c| *c < to)).map(|s| s.contact).collect();
            ids.sort();
            ids.dedup();
            (DrillKind::Contacts, Ids::List(ids))
        }
        (ReportName::Clv, "customers") => {
            let cur = part(&parts, 1, key)?;
            (DrillKind::Contacts, Ids::Sql(format!("SELECT r.contact_id AS c0 FROM customer_revenue r WHERE r.currency = {} AND {}", lit(cur), ctx.buyer_in("r.contact_id"))))
        }
        (ReportName::Clv, "one") => (DrillKind::Contacts, Ids::List(vec![part(&parts, 1, key)?.to_string()])),
        (ReportName::Service | ReportName::Dashboard, "opened") => {
            let month = parts.get(1).map(|m| format!(" AND substr(t.opened_at, 1, 7) = {}", lit(m))).unwrap_or_default();
            (
                DrillKind::Tickets,
                Ids::Sql(format!("SELECT t.id AS c0 FROM tickets t WHERE t.opened_at >= {} AND t.opened_at < {} AND {}{month}", t(ctx.period.from), t(ctx.period.to), ctx.contact_in("t.contact_id"))),
            )
        }
        (ReportName::Service, "missed") => (
            DrillKind::Tickets,
            Ids::Sql(format!(
                "SELECT t.id AS c0 FROM tickets t WHERE t.opened_at >= {} AND t.opened_at < {} AND {} AND \
                 ((t.first_response_due_at IS NOT NULL AND coalesce(t.first_response_at, {now}) > t.first_response_due_at) \
                  OR (t.resolution_due_at IS NOT NULL AND coalesce(t.solved_at, {now}) > t.resolution_due_at))",
                t(ctx.period.from),
                t(ctx.period.to),
                ctx.contact_in("t.contact_id"),
                now = t(ctx.now)
            )),
        ),
        _ => return Err(bad(key)),
    };
    fetch(db, kind, ids).await
}

async fn fetch<C: ConnectionTrait>(db: &C, kind: DrillKind, ids: Ids) -> CoreResult<DrillRecords> {
    let (source, values): (String, Vec<sea_orm::Value>) = match ids {
        Ids::Sql(sql) => (format!("SELECT c0 AS id FROM ({sql})"), vec![]),
        Ids::List(list) => ("SELECT value AS id FROM json_each(?)".into(), vec![serde_json::to_string(&list).unwrap_or_else(|_| "[]".into()).into()]),
    };
    let (select, order) = match kind {
        DrillKind::Contacts => (
            "SELECT x.id, trim(x.first_name || ' ' || x.last_name), x.lifecycle_stage, (SELECT name FROM companies WHERE id = x.company_id) FROM contacts x",
            "x.last_name, x.first_name",
        ),
        DrillKind::Deals => ("SELECT x.id, x.title, x.status, x.currency || ' ' || printf('%.2f', x.value_minor / 100.0) FROM deals x", "x.closed_at DESC, x.title"),
        DrillKind::Orders => ("SELECT x.id, 'Order ' || x.number, substr(x.ordered_at, 1, 10), x.currency || ' ' || printf('%.2f', (x.total_minor - x.refunded_minor) / 100.0) FROM orders x", "x.ordered_at DESC"),
        DrillKind::Tickets => ("SELECT x.id, '#' || x.number || ' ' || x.subject, x.status, substr(x.opened_at, 1, 10) FROM tickets x", "x.opened_at DESC"),
        DrillKind::Activities => ("SELECT x.id, x.subject, x.kind, substr(x.occurred_at, 1, 10) FROM activities x", "x.occurred_at DESC"),
    };
    let count = format!("SELECT count(*) FROM ({source})");
    let total: i64 = db
        .query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, &count, values.clone()))
        .await?
        .map(|r| r.try_get_by_index(0))
        .transpose()?
        .unwrap_or(0);
    let sql = format!("{select} WHERE x.id IN ({source}) ORDER BY {order} LIMIT {LIMIT}");
    let rows = db.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, &sql, values)).await?;
    let mut records = Vec::with_capacity(rows.len());
    for r in rows {
        let get = |i: usize| -> CoreResult<Option<String>> { Ok(r.try_get_by_index::<Option<String>>(i)?) };
        let a = get(2)?;
        let b = get(3)?;
        let detail = match kind {
            DrillKind::Contacts => {
                let stage = a.as_deref().and_then(crate::lifecycle::LifecycleStage::parse).map(|s| s.label().to_string());
                Some([stage, b].into_iter().flatten().collect::<Vec<_>>().join(" · ")).filter(|s| !s.is_empty())
            }
            _ => Some([a, b].into_iter().flatten().collect::<Vec<_>>().join(" · ")),
        };
        records.push(DrillRecord { id: get(0)?.unwrap_or_default(), label: get(1)?.unwrap_or_default(), detail });
    }
    Ok(DrillRecords { kind, total: total.max(0) as u32, records })
}
