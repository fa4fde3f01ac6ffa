use crate::AppState;
use hearth_core::search::{self, SearchHit};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn search(
    state: State<'_, AppState>,
    text: String,
    limit: Option<u32>,
) -> Result<Vec<SearchHit>, CoreError> {
    search::search(&state.db()?, &text, limit).await
}
