//! Segments (saved filters over contacts), the catalogue of fields their conditions test, and
//! conversion by segment.

use crate::AppState;
use hearth_core::conversion::Period;
use hearth_core::criteria::{self, CriteriaField, Filter};
use hearth_core::segments::{self, Segment, SegmentConversion, SegmentInput};
use hearth_core::CoreError;
use tauri::State;

/// The fields a condition can test, with their comparisons and fixed choices.
#[tauri::command]
#[specta::specta]
pub fn criteria_fields() -> Vec<CriteriaField> {
    criteria::fields()
}

#[tauri::command]
#[specta::specta]
pub async fn segments_list(state: State<'_, AppState>) -> Result<Vec<Segment>, CoreError> {
    segments::list(&state.db()?).await
}

/// Every segment's id and name (pick-lists: no counting).
#[tauri::command]
#[specta::specta]
pub async fn segments_names(state: State<'_, AppState>) -> Result<Vec<hearth_core::common::EntityRef>, CoreError> {
    segments::names(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn segment_get(state: State<'_, AppState>, id: String) -> Result<Segment, CoreError> {
    segments::get(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn segment_create(state: State<'_, AppState>, input: SegmentInput) -> Result<Segment, CoreError> {
    segments::create(&state.db()?, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn segment_update(state: State<'_, AppState>, id: String, input: SegmentInput) -> Result<Segment, CoreError> {
    segments::update(&state.db()?, &id, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn segment_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    segments::delete(&state.db()?, &id).await
}

/// The editor's live count: how many contacts `filter` matches (checked first).
#[tauri::command]
#[specta::specta]
pub async fn segment_count(state: State<'_, AppState>, filter: Filter, editing: Option<String>) -> Result<u32, CoreError> {
    segments::count(&state.db()?, &filter, editing.as_deref()).await
}

#[tauri::command]
#[specta::specta]
pub async fn segments_conversion(state: State<'_, AppState>, period: Period) -> Result<Vec<SegmentConversion>, CoreError> {
    segments::conversion(&state.db()?, period).await
}

/// The members' ids (at most one more than a bulk action takes, so too many is noticed).
#[tauri::command]
#[specta::specta]
pub async fn segment_member_ids(state: State<'_, AppState>, id: String) -> Result<Vec<String>, CoreError> {
    segments::member_ids(&state.db()?, &id, hearth_core::hygiene::MAX_BULK as u32 + 1).await
}
