//! E-mail templates and custom merge fields.

use crate::AppState;
use hearth_core::templates::{self, MergeFieldInfo, CustomField, CustomFieldInput, Rendered, Template, TemplateInput};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn templates_list(state: State<'_, AppState>) -> Result<Vec<Template>, CoreError> {
    templates::list(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_create(state: State<'_, AppState>, input: TemplateInput) -> Result<Template, CoreError> {
    templates::create(&state.db()?, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_update(state: State<'_, AppState>, id: String, input: TemplateInput) -> Result<Template, CoreError> {
    templates::update(&state.db()?, &id, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn template_archive(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    templates::archive(&state.db()?, &id).await
}

/// The template (saved or being edited) as one contact would get it.
#[tauri::command]
#[specta::specta]
pub async fn template_preview(state: State<'_, AppState>, input: TemplateInput, contact_id: String) -> Result<Rendered, CoreError> {
    templates::preview(&state.db()?, &input, &contact_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn merge_fields_all(state: State<'_, AppState>) -> Result<Vec<MergeFieldInfo>, CoreError> {
    templates::fields(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn merge_fields_list(state: State<'_, AppState>) -> Result<Vec<CustomField>, CoreError> {
    templates::merge_fields(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn merge_field_save(state: State<'_, AppState>, id: Option<String>, input: CustomFieldInput) -> Result<Vec<CustomField>, CoreError> {
    templates::merge_field_save(&state.db()?, id.as_deref(), &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn merge_field_delete(state: State<'_, AppState>, id: String) -> Result<Vec<CustomField>, CoreError> {
    templates::merge_field_delete(&state.db()?, &id).await
}
