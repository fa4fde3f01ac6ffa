//! Privacy: consent per contact and purpose (with source, date and wording), "may we contact
//! them?" for every feature that sends or schedules, a per-contact export of everything held,
//! and erasure that leaves an audit entry without personal data.
//!
//! CONTRACT (the commands and the UI are written against these types and functions).

use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};

/// Purposes a contact can consent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    MarketingEmail,
    Newsletter,
    PhoneCalls,
    Sms,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Consent {
    pub id: String,
    pub purpose: Purpose,
    pub granted: bool,
    /// Where it was given or withdrawn: "Web form", "In person", "Import", "E-mail reply"…
    pub source: String,
    pub wording: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ConsentInput {
    pub purpose: Purpose,
    pub granted: bool,
    pub source: String,
    pub wording: Option<String>,
    /// Now when absent.
    pub recorded_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ConsentState {
    pub do_not_contact: bool,
    /// The latest entry per purpose.
    pub current: Vec<Consent>,
    /// Every entry, newest first.
    pub history: Vec<Consent>,
}

/// Whether a feature may contact someone for a purpose, and if not, why (plain words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Permission {
    pub allowed: bool,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ErasureReceipt {
    pub audit_id: String,
    pub activities_erased: u32,
    pub activities_kept_anonymised: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AuditEntry {
    pub id: String,
    pub action: String,
    pub entity: String,
    pub detail: String,
    pub at: DateTime<Utc>,
}

fn not_yet<T>() -> CoreResult<T> {
    Err(CoreError::conflict("privacy is being built"))
}

pub async fn consents(_db: &DatabaseConnection, _contact_id: &str) -> CoreResult<ConsentState> {
    not_yet()
}

pub async fn record_consent(_db: &DatabaseConnection, _contact_id: &str, _input: &ConsentInput) -> CoreResult<ConsentState> {
    not_yet()
}

/// Do-not-contact always refuses; marketing purposes also need a current granted consent.
pub async fn may_contact(_db: &DatabaseConnection, _contact_id: &str, _purpose: Purpose) -> CoreResult<Permission> {
    not_yet()
}

/// Everything held about one contact, as pretty-printed JSON.
pub async fn export_contact(_db: &DatabaseConnection, _contact_id: &str) -> CoreResult<String> {
    not_yet()
}

/// Erases a contact for good: the record, e-mails, phones, tags, consents, their activities'
/// personal content and their search index entries. Leaves an audit entry with no personal data.
pub async fn erase_contact(_db: &DatabaseConnection, _contact_id: &str) -> CoreResult<ErasureReceipt> {
    not_yet()
}

/// The audit log, newest first.
pub async fn audit_log(_db: &DatabaseConnection, _limit: Option<u32>) -> CoreResult<Vec<AuditEntry>> {
    not_yet()
}
