use crate::AppState;
use hearth_core::lost_reasons::{self, LostReason, LostReasonInput};
use hearth_core::pipelines::{self, Pipeline, Stage, StageInput};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn pipelines_list(state: State<'_, AppState>) -> Result<Vec<Pipeline>, CoreError> {
    pipelines::list(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn pipeline_create(state: State<'_, AppState>, name: String) -> Result<Pipeline, CoreError> {
    pipelines::create(&state.db()?, &name).await
}

#[tauri::command]
#[specta::specta]
pub async fn pipeline_rename(state: State<'_, AppState>, id: String, name: String) -> Result<Pipeline, CoreError> {
    pipelines::rename(&state.db()?, &id, &name).await
}

#[tauri::command]
#[specta::specta]
pub async fn pipeline_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    pipelines::delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn stage_create(state: State<'_, AppState>, pipeline_id: String, input: StageInput) -> Result<Pipeline, CoreError> {
    pipelines::stage_create(&state.db()?, &pipeline_id, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn stage_update(state: State<'_, AppState>, id: String, input: StageInput) -> Result<Stage, CoreError> {
    pipelines::stage_update(&state.db()?, &id, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn stages_reorder(state: State<'_, AppState>, pipeline_id: String, ids: Vec<String>) -> Result<Pipeline, CoreError> {
    pipelines::stages_reorder(&state.db()?, &pipeline_id, ids).await
}

/// Removes a stage; its deals go to `move_to`.
#[tauri::command]
#[specta::specta]
pub async fn stage_delete(state: State<'_, AppState>, id: String, move_to: String) -> Result<Pipeline, CoreError> {
    pipelines::stage_delete(&state.db()?, &id, &move_to).await
}

#[tauri::command]
#[specta::specta]
pub async fn lost_reasons_list(state: State<'_, AppState>) -> Result<Vec<LostReason>, CoreError> {
    lost_reasons::list(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn lost_reason_create(state: State<'_, AppState>, input: LostReasonInput) -> Result<LostReason, CoreError> {
    lost_reasons::create(&state.db()?, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn lost_reason_update(state: State<'_, AppState>, id: String, input: LostReasonInput) -> Result<LostReason, CoreError> {
    lost_reasons::update(&state.db()?, &id, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn lost_reason_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    lost_reasons::delete(&state.db()?, &id).await
}
