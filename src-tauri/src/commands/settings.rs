use crate::AppState;
use hearth_core::lead_sources::{self, LeadSource, LeadSourceInput};
use hearth_core::tags::{self, TagCount};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn lead_sources_list(state: State<'_, AppState>) -> Result<Vec<LeadSource>, CoreError> {
    lead_sources::list(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn lead_source_create(state: State<'_, AppState>, input: LeadSourceInput) -> Result<LeadSource, CoreError> {
    lead_sources::create(&state.db()?, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn lead_source_update(
    state: State<'_, AppState>,
    id: String,
    input: LeadSourceInput,
) -> Result<LeadSource, CoreError> {
    lead_sources::update(&state.db()?, &id, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn lead_source_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    lead_sources::delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn tags_list(state: State<'_, AppState>) -> Result<Vec<TagCount>, CoreError> {
    tags::list(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn owners_list(state: State<'_, AppState>) -> Result<Vec<String>, CoreError> {
    hearth_core::meta::owners(&state.db()?).await
}

/// The name recorded as "by whom" in histories (the person using this copy of Hearth).
#[tauri::command]
#[specta::specta]
pub async fn user_name_get(state: State<'_, AppState>) -> Result<Option<String>, CoreError> {
    hearth_core::meta::get(&state.db()?, hearth_core::meta::USER_NAME).await
}

#[tauri::command]
#[specta::specta]
pub async fn user_name_set(state: State<'_, AppState>, name: String) -> Result<(), CoreError> {
    hearth_core::meta::set_user_name(&state.db()?, &name).await
}
