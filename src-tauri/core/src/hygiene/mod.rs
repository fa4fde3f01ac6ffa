//! Data quality: records missing key fields, invalid or bounced e-mails, contacts not touched
//! in N days, companies with no contacts — each list with bulk actions.
//!
//! CONTRACT (the commands and the UI are written against these types and functions).

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

fn not_yet<T>() -> CoreResult<T> {
    Err(CoreError::conflict("data quality is being built"))
}

/// The default for "not touched in N days" (kept in app_meta as `stale_days`).
pub const DEFAULT_STALE_DAYS: u32 = 90;

pub async fn overview(_db: &DatabaseConnection) -> CoreResult<QualityOverview> {
    not_yet()
}

pub async fn set_stale_days(_db: &DatabaseConnection, _days: u32) -> CoreResult<QualityOverview> {
    not_yet()
}

pub async fn rows(_db: &DatabaseConnection, _check: QualityCheck, _offset: u32, _limit: Option<u32>) -> CoreResult<QualityPage> {
    not_yet()
}

/// Applies one action to many records in one transaction; returns how many changed.
pub async fn bulk(_db: &DatabaseConnection, _kind: RecordKind, _ids: &[String], _action: &BulkAction) -> CoreResult<u32> {
    not_yet()
}

/// Marks (or unmarks) one of a contact's addresses as bounced.
pub async fn set_bounced(_db: &DatabaseConnection, _contact_id: &str, _email: &str, _bounced: bool) -> CoreResult<()> {
    not_yet()
}
