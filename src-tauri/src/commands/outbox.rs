//! The outbox and broadcasts.

use crate::AppState;
use hearth_core::broadcasts::{self, Broadcast, BroadcastInput, BroadcastPreview};
use hearth_core::outbox::{self, OutboxAction, OutboxMessage, OutboxPage, OutboxStatus};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn outbox_list(state: State<'_, AppState>, status: Option<OutboxStatus>, contact_id: Option<String>) -> Result<OutboxPage, CoreError> {
    outbox::list(&state.db()?, status, contact_id.as_deref(), 500).await
}

#[tauri::command]
#[specta::specta]
pub async fn outbox_message(state: State<'_, AppState>, id: String) -> Result<OutboxMessage, CoreError> {
    outbox::message(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn outbox_act(state: State<'_, AppState>, id: String, action: OutboxAction) -> Result<OutboxMessage, CoreError> {
    let m = outbox::act(&state.db()?, &id, action, chrono::Utc::now()).await?;
    state.poke_scheduler();
    Ok(m)
}

#[tauri::command]
#[specta::specta]
pub async fn broadcasts_list(state: State<'_, AppState>) -> Result<Vec<Broadcast>, CoreError> {
    broadcasts::list(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn broadcast_create(state: State<'_, AppState>, input: BroadcastInput) -> Result<Broadcast, CoreError> {
    broadcasts::create(&state.db()?, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn broadcast_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    broadcasts::delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn broadcast_preview(state: State<'_, AppState>, id: String) -> Result<BroadcastPreview, CoreError> {
    broadcasts::preview(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn broadcast_send(state: State<'_, AppState>, id: String) -> Result<Broadcast, CoreError> {
    let b = broadcasts::send(&state.db()?, &id, chrono::Utc::now()).await?;
    state.poke_scheduler();
    Ok(b)
}
