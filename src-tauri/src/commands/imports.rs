//! Import: open a file, map, preview, run (with progress events and cancel), history, undo.

use crate::AppState;
use hearth_core::import::{
    self, FileInfo, ImportKind, ImportOptions, ImportProgress, ImportRecord, ImportSummary, Mapping, Preview, SavedMapping,
};
use hearth_core::CoreError;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::atomic::Ordering;
use tauri::State;

/// Sent while an import runs (every few thousand rows).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct ImportProgressEvent(pub ImportProgress);

#[tauri::command]
#[specta::specta]
pub async fn import_open(
    state: State<'_, AppState>,
    kind: ImportKind,
    path: String,
    sheet: Option<String>,
) -> Result<FileInfo, CoreError> {
    import::open_file(&state.db()?, kind, Path::new(&path), sheet.as_deref()).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_preview(state: State<'_, AppState>, options: ImportOptions) -> Result<Preview, CoreError> {
    import::preview(&state.db()?, &options).await
}

/// Runs one import at a time; `import_cancel` stops it (nothing is written then).
#[tauri::command]
#[specta::specta]
pub async fn import_run(state: State<'_, AppState>, options: ImportOptions) -> Result<ImportSummary, CoreError> {
    let _running = state.imports.start()?;
    let native = state.native.get().cloned();
    let progress = move |p: ImportProgress| {
        if let Some(n) = &native {
            n.import_progress(p);
        }
    };
    import::run(&state.db()?, &options, &progress, &state.imports.cancel).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_cancel(state: State<'_, AppState>) -> Result<bool, CoreError> {
    Ok(state.imports.request_cancel())
}

#[tauri::command]
#[specta::specta]
pub async fn imports_list(state: State<'_, AppState>) -> Result<Vec<ImportRecord>, CoreError> {
    import::history(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_undo(state: State<'_, AppState>, id: String) -> Result<ImportRecord, CoreError> {
    import::undo(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_save_rejects(state: State<'_, AppState>, id: String, path: String) -> Result<u32, CoreError> {
    import::write_rejects(&state.db()?, &id, Path::new(&path)).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_mappings(state: State<'_, AppState>, kind: ImportKind) -> Result<Vec<SavedMapping>, CoreError> {
    import::mappings(&state.db()?, kind).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_mapping_save(
    state: State<'_, AppState>,
    kind: ImportKind,
    name: String,
    mapping: Mapping,
) -> Result<SavedMapping, CoreError> {
    import::save_mapping(&state.db()?, kind, &name, &mapping).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_mapping_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    import::delete_mapping(&state.db()?, &id).await
}

/// Keeps `cancel` in step with the one running import.
#[derive(Default)]
pub struct ImportJobs {
    running: std::sync::atomic::AtomicBool,
    pub cancel: std::sync::atomic::AtomicBool,
}

/// Marks the import finished when dropped (also on error or panic).
pub struct Running<'a>(&'a ImportJobs);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::SeqCst);
    }
}

impl ImportJobs {
    pub fn start(&self) -> Result<Running<'_>, CoreError> {
        if self.running.swap(true, Ordering::SeqCst) {
            return Err(CoreError::conflict("Another import is running: wait for it to finish or cancel it."));
        }
        self.cancel.store(false, Ordering::SeqCst);
        Ok(Running(self))
    }

    /// Asks the running import to stop; false when none runs.
    pub fn request_cancel(&self) -> bool {
        let running = self.running.load(Ordering::SeqCst);
        if running {
            self.cancel.store(true, Ordering::SeqCst);
        }
        running
    }
}
