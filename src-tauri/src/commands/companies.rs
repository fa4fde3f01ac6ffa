use crate::AppState;
use hearth_core::companies::{self, CompanyDetail, CompanyInput, CompanyPage, CompanyQuery};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn companies_list(state: State<'_, AppState>, query: CompanyQuery) -> Result<CompanyPage, CoreError> {
    companies::list(&state.db()?, &query).await
}

#[tauri::command]
#[specta::specta]
pub async fn company_get(state: State<'_, AppState>, id: String) -> Result<CompanyDetail, CoreError> {
    companies::get(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn company_create(state: State<'_, AppState>, input: CompanyInput) -> Result<CompanyDetail, CoreError> {
    companies::create(&state.db()?, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn company_update(
    state: State<'_, AppState>,
    id: String,
    input: CompanyInput,
) -> Result<CompanyDetail, CoreError> {
    companies::update(&state.db()?, &id, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn company_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    companies::delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn company_restore(state: State<'_, AppState>, id: String) -> Result<CompanyDetail, CoreError> {
    companies::restore(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn industries_list(state: State<'_, AppState>) -> Result<Vec<String>, CoreError> {
    companies::industries(&state.db()?).await
}
