//! What the app does once a day while it runs: prune the change log (never below 90 days, see
//! [`crate::history::prune`]) and let the lead scores decay (rescored when older than a day).

use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

/// What one day's upkeep did; each part's error is kept so one failure does not stop the other.
#[derive(Debug)]
pub struct Daily {
    pub pruned: CoreResult<u32>,
    /// `Some(n)` when the scores were stale and `n` contacts were scored again.
    pub rescored: CoreResult<Option<u32>>,
}

pub async fn daily(db: &DatabaseConnection, now: DateTime<Utc>) -> Daily {
    Daily { pruned: crate::history::prune(db, now).await, rescored: crate::scoring::rescore_if_stale(db, now).await }
}

/// Whether the upkeep is due: never run yet, or last run more than a day before `now`.
pub fn due(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last.is_none_or(|t| now - t > chrono::Duration::hours(24))
}
