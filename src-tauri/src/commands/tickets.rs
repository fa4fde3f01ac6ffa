//! Support tickets: the queue, one ticket with its conversation, and the service levels.

use crate::AppState;
use hearth_core::tickets::{self, ServiceLevel, Ticket, TicketDetail, TicketInput, TicketQuery, TicketStatus};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn tickets_list(state: State<'_, AppState>, query: TicketQuery) -> Result<Vec<Ticket>, CoreError> {
    tickets::list(&state.db()?, &query, chrono::Utc::now()).await
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_get(state: State<'_, AppState>, id: String) -> Result<TicketDetail, CoreError> {
    tickets::get(&state.db()?, &id, chrono::Utc::now()).await
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_create(state: State<'_, AppState>, input: TicketInput) -> Result<TicketDetail, CoreError> {
    tickets::create(&state.db()?, &input, chrono::Utc::now()).await
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_update(state: State<'_, AppState>, id: String, input: TicketInput) -> Result<TicketDetail, CoreError> {
    tickets::update(&state.db()?, &id, &input, chrono::Utc::now()).await
}

#[tauri::command]
#[specta::specta]
pub async fn ticket_set_status(state: State<'_, AppState>, id: String, status: TicketStatus) -> Result<TicketDetail, CoreError> {
    tickets::set_status(&state.db()?, &id, status, chrono::Utc::now()).await
}

/// A reply to the customer (`reply`) or an internal note.
#[tauri::command]
#[specta::specta]
pub async fn ticket_add_note(state: State<'_, AppState>, id: String, body: String, reply: bool) -> Result<TicketDetail, CoreError> {
    tickets::add_note(&state.db()?, &id, &body, reply, chrono::Utc::now()).await
}

#[tauri::command]
#[specta::specta]
pub async fn service_levels(state: State<'_, AppState>) -> Result<Vec<ServiceLevel>, CoreError> {
    tickets::service_levels(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn service_level_set(state: State<'_, AppState>, level: ServiceLevel) -> Result<Vec<ServiceLevel>, CoreError> {
    tickets::set_service_level(&state.db()?, &level).await
}
