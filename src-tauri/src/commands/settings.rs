use crate::AppState;
use hearth_core::data_folder::{self, DataFolder, DataMoved};
use hearth_core::lead_sources::{self, LeadSource, LeadSourceInput};
use hearth_core::regional::{self, Regional, RegionalInput};
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

/// Default currency, number and date formats, the clock and the first day of the week.
#[tauri::command]
#[specta::specta]
pub async fn regional_get(state: State<'_, AppState>) -> Result<Regional, CoreError> {
    regional::get(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn regional_set(state: State<'_, AppState>, input: RegionalInput) -> Result<Regional, CoreError> {
    regional::set(&state.db()?, input).await
}

/// Where the database is, and whether it may be moved from here.
#[tauri::command]
#[specta::specta]
pub async fn data_folder_get(state: State<'_, AppState>) -> Result<DataFolder, CoreError> {
    Ok(data_folder::describe(&state.db_path, state.data_home.as_deref()))
}

/// The native folder picker (`HEARTH_TEST_DATA_DIR` answers it in end-to-end tests).
#[tauri::command]
#[specta::specta]
pub async fn data_folder_pick(state: State<'_, AppState>) -> Result<Option<String>, CoreError> {
    if let Some(dir) = std::env::var_os("HEARTH_TEST_DATA_DIR") {
        return Ok(Some(dir.to_string_lossy().into_owned()));
    }
    super::files::ask(&state, |n, done| n.pick_folder("Choose where Hearth keeps your data", done)).await
}

/// Copies the data into `folder` for the next start; Hearth then needs a restart.
#[tauri::command]
#[specta::specta]
pub async fn data_folder_move(state: State<'_, AppState>, folder: String) -> Result<DataMoved, CoreError> {
    crate::safekeeping::move_data(&state, &folder).await
}

/// The currency codes a default currency may be (ISO 4217, in use today).
#[tauri::command]
#[specta::specta]
pub fn regional_currencies() -> Vec<String> {
    regional::CURRENCIES.iter().map(|c| c.to_string()).collect()
}
