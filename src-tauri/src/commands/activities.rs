use crate::AppState;
use hearth_core::activities::{self, Activity, ActivityInput, TimelinePage, TimelineQuery, Today, TodayQuery};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn activity_create(state: State<'_, AppState>, input: ActivityInput) -> Result<Activity, CoreError> {
    activities::create(&state.db()?, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_update(
    state: State<'_, AppState>,
    id: String,
    input: ActivityInput,
) -> Result<Activity, CoreError> {
    activities::update(&state.db()?, &id, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_set_done(state: State<'_, AppState>, id: String, done: bool) -> Result<Activity, CoreError> {
    activities::set_done(&state.db()?, &id, done).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    activities::delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn activity_restore(state: State<'_, AppState>, id: String) -> Result<Activity, CoreError> {
    activities::restore(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn timeline(state: State<'_, AppState>, query: TimelineQuery) -> Result<TimelinePage, CoreError> {
    activities::timeline(&state.db()?, &query).await
}

#[tauri::command]
#[specta::specta]
pub async fn today(state: State<'_, AppState>, query: TodayQuery) -> Result<Today, CoreError> {
    activities::today(&state.db()?, &query).await
}
