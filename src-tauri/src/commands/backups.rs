//! Snapshots: list, back up now, the folder, restore, and the damaged-database screen.

use crate::AppState;
use hearth_core::backups::{self, BackupSettings, RestoreOutcome, Snapshot};
use hearth_core::CoreError;
use serde::{Deserialize, Serialize};
use tauri::State;

/// The database turned out to be damaged while the app was running.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct DatabaseProblemEvent {
    pub message: String,
}

#[tauri::command]
#[specta::specta]
pub async fn backups_list(state: State<'_, AppState>) -> Result<Vec<Snapshot>, CoreError> {
    backups::list(&state.db_path).await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_settings(state: State<'_, AppState>) -> Result<BackupSettings, CoreError> {
    let mut s = backups::settings(&state.db_path);
    s.last_error = state.backup_error.lock().unwrap_or_else(|p| p.into_inner()).clone();
    Ok(s)
}

#[tauri::command]
#[specta::specta]
pub async fn backup_now(state: State<'_, AppState>) -> Result<Snapshot, CoreError> {
    crate::safekeeping::back_up_now(&state).await
}

/// Chooses the snapshot folder (`null`: back to the default).
#[tauri::command]
#[specta::specta]
pub async fn backup_folder_set(state: State<'_, AppState>, folder: Option<String>) -> Result<BackupSettings, CoreError> {
    backups::set_folder(&state.db_path, folder.as_deref())
}

/// The native folder picker (`HEARTH_TEST_BACKUP_DIR` answers it in end-to-end tests).
#[tauri::command]
#[specta::specta]
pub async fn backup_folder_pick(state: State<'_, AppState>) -> Result<Option<String>, CoreError> {
    if let Some(dir) = std::env::var_os("HEARTH_TEST_BACKUP_DIR") {
        return Ok(Some(dir.to_string_lossy().into_owned()));
    }
    super::files::ask(&state, |n, done| n.pick_folder("Choose where Hearth keeps its snapshots", done)).await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_restore(state: State<'_, AppState>, file_name: String) -> Result<RestoreOutcome, CoreError> {
    crate::safekeeping::restore(&state, &file_name).await
}

/// The newest snapshot that passes its check (for a damaged database).
#[tauri::command]
#[specta::specta]
pub async fn backup_newest_good(state: State<'_, AppState>) -> Result<Option<Snapshot>, CoreError> {
    backups::newest_good(&state.db_path).await
}
