//! Export: a list as filtered (CSV, XLSX, vCard) or everything as a ZIP.

use crate::AppState;
use hearth_core::export::{self, ExportFormat, ExportList, ExportSummary};
use hearth_core::CoreError;
use std::path::Path;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn export_list(
    state: State<'_, AppState>,
    list: ExportList,
    format: ExportFormat,
    path: String,
) -> Result<ExportSummary, CoreError> {
    export::export_list(&state.db()?, &list, format, Path::new(&path)).await
}

#[tauri::command]
#[specta::specta]
pub async fn export_all(state: State<'_, AppState>, path: String) -> Result<ExportSummary, CoreError> {
    export::export_all(&state.db()?, Path::new(&path)).await
}

/// The file name a save dialog proposes, e.g. `hearth-contacts-2026-11-23.csv`.
#[tauri::command]
#[specta::specta]
pub fn export_file_name(what: String, format: ExportFormat) -> String {
    export::suggested_name(&what, format)
}
