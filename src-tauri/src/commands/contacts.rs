use crate::AppState;
use hearth_core::contacts::{self, ContactDetail, ContactInput, ContactPage, ContactQuery};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn contacts_list(state: State<'_, AppState>, query: ContactQuery) -> Result<ContactPage, CoreError> {
    contacts::list(&state.db()?, &query).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_get(state: State<'_, AppState>, id: String) -> Result<ContactDetail, CoreError> {
    contacts::get(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_create(state: State<'_, AppState>, input: ContactInput) -> Result<ContactDetail, CoreError> {
    contacts::create(&state.db()?, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_update(
    state: State<'_, AppState>,
    id: String,
    input: ContactInput,
) -> Result<ContactDetail, CoreError> {
    contacts::update(&state.db()?, &id, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_set_stage(
    state: State<'_, AppState>,
    id: String,
    stage: LifecycleStage,
) -> Result<ContactDetail, CoreError> {
    contacts::set_stage(&state.db()?, &id, stage).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    contacts::delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_restore(state: State<'_, AppState>, id: String) -> Result<ContactDetail, CoreError> {
    contacts::restore(&state.db()?, &id).await
}
