use crate::AppState;
use hearth_core::demo::{self, DemoSummary};
use hearth_core::meta::{self, AppStatus};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, CoreError> {
    meta::status(&state.db()?).await
}

/// Loads the demo business (only into an empty database).
#[tauri::command]
#[specta::specta]
pub async fn demo_load(state: State<'_, AppState>) -> Result<DemoSummary, CoreError> {
    demo::load(&state.db()?).await
}

/// Records the "Start empty" choice on first start.
#[tauri::command]
#[specta::specta]
pub async fn start_empty(state: State<'_, AppState>) -> Result<AppStatus, CoreError> {
    meta::start_empty(&state.db()?).await
}

/// Closes Hearth and starts it again (after its data moved to another folder).
#[tauri::command]
#[specta::specta]
pub async fn app_restart(state: State<'_, AppState>) -> Result<(), CoreError> {
    let native = state.native.get().ok_or_else(|| CoreError::conflict("Hearth cannot restart itself here; close it and open it again."))?;
    native.restart();
    Ok(())
}

/// A start-up mark from the UI (printed only when measuring; see `perf.rs`).
#[tauri::command]
#[specta::specta]
pub fn perf_mark(mark: String) {
    crate::perf::mark(&mark);
}

/// Memory held by Hearth's own code and by SQLite, next to the whole process's RSS.
#[tauri::command]
#[specta::specta]
pub fn app_memory() -> crate::memory::MemoryUse {
    crate::memory::current()
}
