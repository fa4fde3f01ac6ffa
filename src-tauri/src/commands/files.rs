//! Native open and save dialogs, shown by the shell so the web view never gets file-system
//! access: it only receives the path the user picked (or `null` when they cancelled).
//!
//! End-to-end tests cannot click a native dialog: `HEARTH_TEST_OPEN_FILE` answers the open
//! dialog with that path, and `HEARTH_TEST_SAVE_DIR` answers a save dialog with the suggested
//! name inside that folder.

use crate::native::Picked;
use crate::AppState;
use hearth_core::CoreError;
use serde::{Deserialize, Serialize};
use tauri::State;

/// What a file is being opened for (decides the dialog's filters).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OpenPurpose {
    /// CSV, TSV, text, XLSX, vCard.
    Import,
}

pub(crate) async fn ask(state: &AppState, show: impl FnOnce(&dyn crate::native::Native, Picked)) -> Result<Option<String>, CoreError> {
    let native = state.native.get().ok_or_else(|| CoreError::conflict("No window to show a dialog in."))?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    show(native.as_ref(), Box::new(move |p| {
        let _ = tx.send(p);
    }));
    Ok(rx.await.ok().flatten())
}

#[tauri::command]
#[specta::specta]
pub async fn pick_open_file(state: State<'_, AppState>, purpose: OpenPurpose) -> Result<Option<String>, CoreError> {
    if let Some(p) = std::env::var_os("HEARTH_TEST_OPEN_FILE") {
        return Ok(Some(p.to_string_lossy().into_owned()));
    }
    match purpose {
        OpenPurpose::Import => ask(&state, |n, done| n.pick_import_file(done)).await,
    }
}

#[tauri::command]
#[specta::specta]
pub async fn pick_save_file(state: State<'_, AppState>, suggested_name: String) -> Result<Option<String>, CoreError> {
    if let Some(dir) = std::env::var_os("HEARTH_TEST_SAVE_DIR") {
        return Ok(Some(std::path::Path::new(&dir).join(&suggested_name).display().to_string()));
    }
    ask(&state, |n, done| n.pick_save_file(&suggested_name, done)).await
}
