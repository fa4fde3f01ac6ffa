//! What a goal measures: its metrics (each with the report definition it uses) and how one is
//! measured over a period for a segment.

use crate::conversion::Period;
use crate::error::{CoreError, CoreResult};
use crate::reports::stats::pct;
use crate::reports::{churn, deals, groups, retention, service, Ctx, ReportParams, Unit};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
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
            GoalMetric::RepeatPurchaseRate => retention::REPEAT,
            GoalMetric::AverageOrderValue => retention::AOV,
            GoalMetric::Churn => "Subscriptions active at the goal's start that were cancelled since ÷ those active at its start.",
            GoalMetric::Nps => service::NPS,
            GoalMetric::Csat => service::CSAT,
        }
    }

    pub(super) fn range(self) -> (f64, f64) {
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

    pub(super) fn needs_currency(self) -> bool {
        self.unit() == Unit::Money
    }
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
            let [mut found, _] = groups::conversion(db, "'all'", "", &ctx.cond, p, p).await?;
            let (leads, conv) = found.remove("all").unwrap_or((0.0, 0.0));
            if metric == GoalMetric::NewCustomers { Some(conv) } else { pct(conv, leads) }
        }
        GoalMetric::WonRevenue => Some(deals::closed(db, &ctx, p).await?.won_value.get(cur).map_or(0.0, |v| v.1)),
        GoalMetric::WinRate => deals::closed(db, &ctx, p).await?.win_rate(),
        GoalMetric::RepeatPurchaseRate => retention::purchases(db, &ctx, p).await?.repeat_rate(),
        GoalMetric::AverageOrderValue => retention::purchases(db, &ctx, p).await?.aov(cur),
        GoalMetric::Churn => {
            let ((active, gone), _) = churn::churn_counts(db, &ctx, p, p).await?;
            pct(gone, active)
        }
        GoalMetric::Nps => service::health(db, &ctx, p, false).await?.remove(&0).and_then(|h| h.nps()),
        GoalMetric::Csat => service::health(db, &ctx, p, false).await?.remove(&0).and_then(|h| h.csat()),
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
