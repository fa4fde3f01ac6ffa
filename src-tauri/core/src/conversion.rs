//! Measured conversion: of a group's leads in a period, how many became customers in it. Used
//! beside each priority tier, segment and persona so the owner can check a model against what
//! happened.
//!
//! Definition (also shown in the app):
//! - *Leads in the period*: the group's live contacts who were added before its end and were
//!   not customers yet when it began: no move to Customer or Loyal customer before the period,
//!   and not added as a customer in the first place (an imported customer list is no lead).
//! - *Converted*: those of them that moved to Customer or Loyal customer during the period.
//! - *Rate*: converted ÷ leads, or none when there were no leads.
//!
//! Groups are the contacts' current tier, persona or segment membership.

use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

/// A half-open period [from, to).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Period {
    /// The last `days` days up to `now`.
    pub fn last_days(now: DateTime<Utc>, days: i64) -> Period {
        Period { from: now - Duration::days(days), to: now }
    }

    pub fn checked(self) -> CoreResult<Period> {
        if self.from >= self.to {
            return Err(CoreError::invalid("period", "empty", "The period must end after it begins."));
        }
        let mut v = crate::validate::Validator::new();
        v.date("period.from", &Some(self.from));
        v.date("period.to", &Some(self.to));
        v.finish()?;
        Ok(self)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Conversion {
    pub leads: u32,
    pub converted: u32,
    /// converted ÷ leads, in percent with one decimal; `None` without leads.
    pub rate_percent: Option<f64>,
}

impl Conversion {
    pub fn new(leads: u32, converted: u32) -> Self {
        let rate_percent = (leads > 0).then(|| (1000.0 * converted as f64 / leads as f64).round() / 10.0);
        Conversion { leads, converted, rate_percent }
    }
}

fn lit(t: DateTime<Utc>) -> String {
    format!("'{}'", t.to_rfc3339_opts(SecondsFormat::Nanos, false))
}

const CUSTOMER: &str = "('retention', 'loyalty')";

/// Per group (`key`, an SQL expression over the contact `c`; NULL groups left out) among the
/// contacts matching `cond`: the leads of `period` and how many of them converted.
pub async fn by_group<C: ConnectionTrait>(db: &C, key: &str, cond: &str, period: Period) -> CoreResult<Vec<(String, Conversion)>> {
    let (from, to) = (lit(period.from), lit(period.to));
    let sql = format!(
        "SELECT g AS c0, count(*) AS c1, sum(converted) AS c2 FROM (\
           SELECT {key} AS g, EXISTS (SELECT 1 FROM lifecycle_changes l WHERE l.contact_id = c.id \
             AND l.to_stage IN {CUSTOMER} AND l.from_stage IS NOT NULL AND l.changed_at >= {from} AND l.changed_at < {to}) AS converted \
           FROM contacts c WHERE c.deleted_at IS NULL AND c.created_at < {to} AND ({cond}) \
             AND NOT EXISTS (SELECT 1 FROM lifecycle_changes l WHERE l.contact_id = c.id AND l.to_stage IN {CUSTOMER} \
               AND (l.changed_at < {from} OR l.from_stage IS NULL))\
         ) WHERE g IS NOT NULL GROUP BY g"
    );
    let mut out = Vec::new();
    for r in crate::sqlite::packed_rows(db, &sql, 3).await? {
        let num = |i: usize| r[i].as_deref().and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
        if let Some(g) = r[0].clone() {
            out.push((g, Conversion::new(num(1), num(2))));
        }
    }
    Ok(out)
}

/// The same for the contacts matching `cond` as one group.
pub async fn of<C: ConnectionTrait>(db: &C, cond: &str, period: Period) -> CoreResult<Conversion> {
    Ok(by_group(db, "'all'", cond, period).await?.into_iter().next().map(|(_, c)| c).unwrap_or_default())
}
