//! Duplicates over the whole database: same normalised e-mail or phone, similar names within
//! the same company or e-mail domain, companies with the same domain; grouped with a confidence
//! and the reason. Merging keeps one survivor (field by field), moves everything else to it and
//! can be undone (see `undo.rs` for what an undo restores after the survivor was edited).
//!
//! CONTRACT (the commands and the UI are written against these types and functions).

mod candidates;
mod find;
mod likely;
mod load;
mod merge;
pub(crate) mod normalize;
mod snapshot;
mod undo;

use crate::companies::CompanyInput;
use crate::contacts::ContactInput;
use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Contact,
    Company,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    SameEmail,
    SamePhone,
    /// Similar names (Jaro-Winkler) within the same company or e-mail domain.
    SimilarName,
    SameDomain,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DuplicateRecord {
    pub id: String,
    pub name: String,
    /// Company and e-mail for a contact; domain and city for a company.
    pub subtitle: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DuplicateGroup {
    pub kind: RecordKind,
    pub reason: DuplicateReason,
    /// What they share, e.g. "jane@acme.com" or "Jane Doe ≈ Jane Doe-Smith at Acme".
    pub detail: String,
    /// 0–100.
    pub confidence: u8,
    pub records: Vec<DuplicateRecord>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DuplicateQuery {
    /// Both kinds when absent.
    pub kind: Option<RecordKind>,
    pub offset: u32,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DuplicatePage {
    /// Highest confidence first.
    pub groups: Vec<DuplicateGroup>,
    pub total: u32,
}

/// A likely duplicate of a record about to be saved (a warning, not a block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LikelyDuplicate {
    pub id: String,
    pub name: String,
    pub reason: DuplicateReason,
    pub detail: String,
    pub confidence: u8,
}

/// One field of the records being merged, with each record's value, for the field-by-field choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MergeField {
    /// e.g. `first_name`, `title`, `company`, `owner`, `notes`, `lifecycle_stage`.
    pub field: String,
    pub label: String,
    /// One per record, in the order of `MergeCandidates::records`.
    pub values: Vec<Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MergeCandidates {
    pub kind: RecordKind,
    pub records: Vec<DuplicateRecord>,
    pub fields: Vec<MergeField>,
    /// What moves to the survivor, per record: e.g. "12 activities, 2 deals, 3 tags".
    pub linked: Vec<String>,
}

/// For a field, take the value of this record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FieldChoice {
    pub field: String,
    pub from_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MergeInput {
    pub kind: RecordKind,
    pub survivor_id: String,
    /// The others (at least one); they go to the trash after their links move.
    pub merged_ids: Vec<String>,
    /// Fields not listed keep the survivor's value. E-mails, phones and tags are united.
    pub choices: Vec<FieldChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MergeRecord {
    pub id: String,
    pub kind: RecordKind,
    pub survivor_id: String,
    pub survivor_name: String,
    pub merged_count: u32,
    pub merged_at: DateTime<Utc>,
    pub undone_at: Option<DateTime<Utc>>,
}

pub async fn find(db: &DatabaseConnection, q: &DuplicateQuery) -> CoreResult<DuplicatePage> {
    find::find(db, q).await
}

/// Likely duplicates of a contact about to be created (or updated: `exclude_id` is itself).
pub async fn likely_contacts(db: &DatabaseConnection, input: &ContactInput, exclude_id: Option<&str>) -> CoreResult<Vec<LikelyDuplicate>> {
    likely::likely_contacts(db, input, exclude_id).await
}

pub async fn likely_companies(db: &DatabaseConnection, input: &CompanyInput, exclude_id: Option<&str>) -> CoreResult<Vec<LikelyDuplicate>> {
    likely::likely_companies(db, input, exclude_id).await
}

pub async fn merge_candidates(db: &DatabaseConnection, kind: RecordKind, ids: &[String]) -> CoreResult<MergeCandidates> {
    candidates::merge_candidates(db, kind, ids).await
}

pub async fn merge(db: &DatabaseConnection, input: &MergeInput) -> CoreResult<MergeRecord> {
    merge::merge(db, input).await
}

pub async fn undo_merge(db: &DatabaseConnection, merge_id: &str) -> CoreResult<MergeRecord> {
    undo::undo_merge(db, merge_id).await
}

/// Merges, newest first.
pub async fn merges(db: &DatabaseConnection) -> CoreResult<Vec<MergeRecord>> {
    undo::merges(db).await
}
