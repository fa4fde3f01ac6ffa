//! Service levels per A/B/C tier: how soon a ticket gets its first response and its
//! resolution (e.g. dedicated same-day support for A, within a week for C). A ticket's targets
//! are fixed when it is opened (from the contact's tier then; C when the contact has none) and
//! each shows the time left or how late it was.

use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::tiers::TierId;
use crate::validate::{Validator, MAX_NAME};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde::{Deserialize, Serialize};

/// The longest target: 90 days.
pub const MAX_MINUTES: u32 = 90 * 24 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ServiceLevel {
    pub tier: TierId,
    /// "Dedicated, same day".
    pub label: String,
    pub first_response_minutes: u32,
    pub resolution_minutes: u32,
}

/// One target of a ticket: when it is due, when it was met, the minutes left (negative: late).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SlaClock {
    pub due_at: Option<DateTime<Utc>>,
    pub met_at: Option<DateTime<Utc>>,
    /// While not met: minutes until due (negative once late).
    pub minutes_left: Option<i64>,
    /// Met late, or not met and past due.
    pub breached: bool,
}

impl SlaClock {
    pub fn new(due_at: Option<DateTime<Utc>>, met_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        let Some(due) = due_at else { return SlaClock { due_at, met_at, minutes_left: None, breached: false } };
        match met_at {
            Some(m) => SlaClock { due_at, met_at, minutes_left: None, breached: m > due },
            None => SlaClock { due_at, met_at, minutes_left: Some((due - now).num_minutes()), breached: now > due },
        }
    }
}

pub async fn service_levels<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<ServiceLevel>> {
    let q = Query::select().columns(["tier", "label", "first_response_minutes", "resolution_minutes"]).from("service_levels").order_by("tier", sea_orm::Order::Asc).to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        let tier: String = r.try_get_by_index(0)?;
        let Some(tier) = TierId::parse(&tier) else { continue };
        out.push(ServiceLevel {
            tier,
            label: r.try_get_by_index(1)?,
            first_response_minutes: r.try_get_by_index::<i64>(2)? as u32,
            resolution_minutes: r.try_get_by_index::<i64>(3)? as u32,
        });
    }
    Ok(out)
}

pub async fn set_service_level<C: ConnectionTrait + TransactionTrait>(db: &C, level: &ServiceLevel) -> CoreResult<Vec<ServiceLevel>> {
    let mut v = Validator::new();
    let label = v.required("label", &level.label, MAX_NAME);
    for (f, m) in [("first_response_minutes", level.first_response_minutes), ("resolution_minutes", level.resolution_minutes)] {
        if m == 0 || m > MAX_MINUTES {
            v.add(f, "out_of_range", "A target is between 1 minute and 90 days.");
        }
    }
    if level.resolution_minutes < level.first_response_minutes && !v.has("resolution_minutes") {
        v.add("resolution_minutes", "before_response", "A ticket cannot be resolved sooner than it is first answered: make the resolution target longer.");
    }
    v.finish()?;
    let act = history::begin(db, ActionKind::Update, "service_levels", Some(level.tier.as_str())).await?;
    let q = Query::update()
        .table("service_levels")
        .values([
            ("label", label.into()),
            ("first_response_minutes", (level.first_response_minutes as i64).into()),
            ("resolution_minutes", (level.resolution_minutes as i64).into()),
        ])
        .and_where(Expr::col("tier").eq(level.tier.as_str()))
        .to_owned();
    let res = act.execute(&q).await?;
    if res.rows_affected() != 1 {
        return Err(CoreError::not_found("service level", level.tier.as_str()));
    }
    act.commit().await?;
    service_levels(db).await
}

/// The targets of a ticket opened at `at` for a contact in `tier` (C when none).
pub(crate) async fn targets<C: ConnectionTrait>(db: &C, tier: Option<TierId>, at: DateTime<Utc>) -> CoreResult<(Option<DateTime<Utc>>, Option<DateTime<Utc>>)> {
    let tier = tier.unwrap_or(TierId::C);
    let level = service_levels(db).await?.into_iter().find(|l| l.tier == tier);
    Ok(match level {
        Some(l) => (Some(at + Duration::minutes(l.first_response_minutes as i64)), Some(at + Duration::minutes(l.resolution_minutes as i64))),
        None => (None, None),
    })
}
