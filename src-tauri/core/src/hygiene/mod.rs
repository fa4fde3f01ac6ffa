//! Data quality: records missing key fields, invalid or bounced e-mails, contacts not touched
//! in N days, companies with no contacts — each list with bulk actions.
//!
//! CONTRACT (the commands and the UI are written against these types and functions).

mod bulk;
mod checks;

pub use bulk::MAX_BULK;

use crate::duplicates::RecordKind;
use crate::error::{CoreError, CoreResult};
use crate::lifecycle::LifecycleStage;
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum QualityCheck {
    /// Contacts with neither an e-mail nor a phone.
    ContactsUnreachable,
    /// Contacts without a company.
    ContactsWithoutCompany,
    /// E-mail addresses that are not valid addresses.
    InvalidEmails,
    /// E-mail addresses marked as bounced.
    BouncedEmails,
    /// Contacts not touched (no call, e-mail or meeting) in `stale_days` days, or never.
    NotTouched,
    /// Companies without a website domain.
    CompaniesWithoutDomain,
    CompaniesWithoutContacts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct QualityCount {
    pub check: QualityCheck,
    pub kind: RecordKind,
    pub label: String,
    /// What the check means and why it matters, one sentence.
    pub description: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct QualityOverview {
    pub stale_days: u32,
    pub checks: Vec<QualityCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct QualityRow {
    pub id: String,
    pub kind: RecordKind,
    pub name: String,
    /// What is wrong, e.g. "jane@@acme" or "last touched 2026-03-02" or "never touched".
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct QualityPage {
    pub rows: Vec<QualityRow>,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum BulkAction {
    AddTag { name: String },
    SetOwner { owner: Option<String> },
    /// Contacts only.
    SetStage { stage: LifecycleStage },
    /// Contacts only: no marketing and no sequences.
    SetDoNotContact { value: bool },
    /// To the trash (restorable).
    Trash,
    /// Back from the trash.
    Restore,
}

/// The default for "not touched in N days" (kept in app_meta as `stale_days`).
pub const DEFAULT_STALE_DAYS: u32 = 90;

/// The `app_meta` key of the "not touched in N days" setting.
pub const STALE_DAYS_KEY: &str = "stale_days";
/// The longest "not touched" period that can be set (ten years).
pub const MAX_STALE_DAYS: u32 = 3650;

async fn stale_days(db: &DatabaseConnection) -> CoreResult<u32> {
    Ok(crate::meta::get(db, STALE_DAYS_KEY)
        .await?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|d| (1..=MAX_STALE_DAYS).contains(d))
        .unwrap_or(DEFAULT_STALE_DAYS))
}

pub async fn overview(db: &DatabaseConnection) -> CoreResult<QualityOverview> {
    let days = stale_days(db).await?;
    // The checks run side by side, each on a connection of the pool (SQLite answers them on as
    // many cores): the overview costs about its slowest check instead of the sum of all seven.
    let count = |check: QualityCheck| async move {
        let started = std::time::Instant::now();
        let n = checks::count(db, check, days).await?;
        if std::env::var_os("HEARTH_TRACE").is_some() {
            eprintln!("{:>8.1} ms  quality: {check:?}", started.elapsed().as_secs_f64() * 1000.0);
        }
        CoreResult::Ok(n)
    };
    let [a, b, c, d, e, f, g] = checks::ALL;
    let n = tokio::try_join!(count(a), count(b), count(c), count(d), count(e), count(f), count(g))?;
    let counts = [n.0, n.1, n.2, n.3, n.4, n.5, n.6];
    let checks = checks::ALL
        .into_iter()
        .zip(counts)
        .map(|(check, count)| {
            let (label, description) = checks::label(check, days);
            QualityCount { check, kind: checks::kind_of(check), label, description, count }
        })
        .collect();
    Ok(QualityOverview { stale_days: days, checks })
}

pub async fn set_stale_days(db: &DatabaseConnection, days: u32) -> CoreResult<QualityOverview> {
    if !(1..=MAX_STALE_DAYS).contains(&days) {
        return Err(CoreError::invalid("stale_days", "out_of_range", format!("Choose between 1 and {MAX_STALE_DAYS} days ({days} given).")));
    }
    crate::meta::set(db, STALE_DAYS_KEY, &days.to_string()).await?;
    overview(db).await
}

pub async fn rows(db: &DatabaseConnection, check: QualityCheck, offset: u32, limit: Option<u32>) -> CoreResult<QualityPage> {
    let days = stale_days(db).await?;
    checks::rows(db, check, offset, limit, days).await
}

/// Applies one action to many records in one transaction; returns how many changed.
pub async fn bulk(db: &DatabaseConnection, kind: RecordKind, ids: &[String], action: &BulkAction) -> CoreResult<u32> {
    bulk::bulk(db, kind, ids, action).await
}

/// Marks (or unmarks) one of a contact's addresses as bounced.
pub async fn set_bounced(db: &DatabaseConnection, contact_id: &str, email: &str, bounced: bool) -> CoreResult<()> {
    bulk::set_bounced(db, contact_id, email, bounced).await
}
