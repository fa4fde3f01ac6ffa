//! Duplicates, merges and data quality.

use crate::AppState;
use hearth_core::companies::CompanyInput;
use hearth_core::contacts::ContactInput;
use hearth_core::duplicates::{
    self, DuplicatePage, DuplicateQuery, LikelyDuplicate, MergeCandidates, MergeInput, MergeRecord, RecordKind,
};
use hearth_core::hygiene::{self, BulkAction, QualityCheck, QualityOverview, QualityPage};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn duplicates_find(state: State<'_, AppState>, query: DuplicateQuery) -> Result<DuplicatePage, CoreError> {
    duplicates::find(&state.db()?, &query).await
}

#[tauri::command]
#[specta::specta]
pub async fn duplicates_of_contact(
    state: State<'_, AppState>,
    input: ContactInput,
    exclude_id: Option<String>,
) -> Result<Vec<LikelyDuplicate>, CoreError> {
    duplicates::likely_contacts(&state.db()?, &input, exclude_id.as_deref()).await
}

#[tauri::command]
#[specta::specta]
pub async fn duplicates_of_company(
    state: State<'_, AppState>,
    input: CompanyInput,
    exclude_id: Option<String>,
) -> Result<Vec<LikelyDuplicate>, CoreError> {
    duplicates::likely_companies(&state.db()?, &input, exclude_id.as_deref()).await
}

#[tauri::command]
#[specta::specta]
pub async fn merge_candidates(
    state: State<'_, AppState>,
    kind: RecordKind,
    ids: Vec<String>,
) -> Result<MergeCandidates, CoreError> {
    duplicates::merge_candidates(&state.db()?, kind, &ids).await
}

#[tauri::command]
#[specta::specta]
pub async fn merge_records(state: State<'_, AppState>, input: MergeInput) -> Result<MergeRecord, CoreError> {
    duplicates::merge(&state.db()?, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn merge_undo(state: State<'_, AppState>, id: String) -> Result<MergeRecord, CoreError> {
    duplicates::undo_merge(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn merges_list(state: State<'_, AppState>) -> Result<Vec<MergeRecord>, CoreError> {
    duplicates::merges(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn quality_overview(state: State<'_, AppState>) -> Result<QualityOverview, CoreError> {
    hygiene::overview(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn quality_set_stale_days(state: State<'_, AppState>, days: u32) -> Result<QualityOverview, CoreError> {
    hygiene::set_stale_days(&state.db()?, days).await
}

#[tauri::command]
#[specta::specta]
pub async fn quality_rows(
    state: State<'_, AppState>,
    check: QualityCheck,
    offset: u32,
    limit: Option<u32>,
) -> Result<QualityPage, CoreError> {
    hygiene::rows(&state.db()?, check, offset, limit).await
}

#[tauri::command]
#[specta::specta]
pub async fn quality_bulk(
    state: State<'_, AppState>,
    kind: RecordKind,
    ids: Vec<String>,
    action: BulkAction,
) -> Result<u32, CoreError> {
    hygiene::bulk(&state.db()?, kind, &ids, &action).await
}

#[tauri::command]
#[specta::specta]
pub async fn email_set_bounced(
    state: State<'_, AppState>,
    contact_id: String,
    email: String,
    bounced: bool,
) -> Result<(), CoreError> {
    hygiene::set_bounced(&state.db()?, &contact_id, &email, bounced).await
}
