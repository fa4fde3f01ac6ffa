//! History and undo: what was done, to which record, and undoing it (Ctrl/Cmd+Z).

use crate::AppState;
use hearth_core::history::{self, HistoryAction, HistoryPage, HistoryQuery, HistorySettings};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn history_list(state: State<'_, AppState>, query: HistoryQuery) -> Result<HistoryPage, CoreError> {
    history::list(&state.db()?, &query).await
}

/// Undoes one action (an undo's undo is a redo).
#[tauri::command]
#[specta::specta]
pub async fn history_undo(state: State<'_, AppState>, action_id: i64) -> Result<HistoryAction, CoreError> {
    history::undo(&state.db()?, action_id).await
}

/// Undoes the newest action not undone yet.
#[tauri::command]
#[specta::specta]
pub async fn history_undo_last(state: State<'_, AppState>) -> Result<HistoryAction, CoreError> {
    history::undo_last(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn history_settings(state: State<'_, AppState>) -> Result<HistorySettings, CoreError> {
    history::settings(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn history_retention_set(state: State<'_, AppState>, days: u32) -> Result<HistorySettings, CoreError> {
    let db = state.db()?;
    history::set_retention(&db, days).await?;
    history::prune(&db, chrono::Utc::now()).await?;
    history::settings(&db).await
}
