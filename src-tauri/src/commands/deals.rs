use crate::AppState;
use hearth_core::deals::{
    self, Board, BoardQuery, CardPage, ColumnQuery, DealDetail, DealInput, DealMove, DealQuery, DealStageChange, NewDeal,
};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn deals_board(state: State<'_, AppState>, query: BoardQuery) -> Result<Board, CoreError> {
    deals::board(&state.db()?, &query).await
}

#[tauri::command]
#[specta::specta]
pub async fn deals_column(state: State<'_, AppState>, query: ColumnQuery) -> Result<CardPage, CoreError> {
    deals::column(&state.db()?, &query).await
}

#[tauri::command]
#[specta::specta]
pub async fn deals_list(state: State<'_, AppState>, query: DealQuery) -> Result<CardPage, CoreError> {
    deals::list(&state.db()?, &query).await
}

#[tauri::command]
#[specta::specta]
pub async fn deals_for_contact(state: State<'_, AppState>, contact_id: String) -> Result<CardPage, CoreError> {
    deals::for_contact(&state.db()?, &contact_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn deals_for_company(state: State<'_, AppState>, company_id: String) -> Result<CardPage, CoreError> {
    deals::for_company(&state.db()?, &company_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn deal_get(state: State<'_, AppState>, id: String) -> Result<DealDetail, CoreError> {
    deals::get(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn deal_history(state: State<'_, AppState>, id: String) -> Result<Vec<DealStageChange>, CoreError> {
    deals::history(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn deal_create(state: State<'_, AppState>, input: NewDeal) -> Result<DealDetail, CoreError> {
    deals::create(&state.db()?, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn deal_update(
    state: State<'_, AppState>,
    id: String,
    expected_version: i32,
    input: DealInput,
) -> Result<DealDetail, CoreError> {
    deals::update(&state.db()?, &id, expected_version, input).await
}

/// The board's one command for a drag, a keyboard move or a card-menu move.
#[tauri::command]
#[specta::specta]
pub async fn deal_move(state: State<'_, AppState>, input: DealMove) -> Result<DealDetail, CoreError> {
    deals::move_deal(&state.db()?, input).await
}

#[tauri::command]
#[specta::specta]
pub async fn deal_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    deals::delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn deal_restore(state: State<'_, AppState>, id: String) -> Result<DealDetail, CoreError> {
    deals::restore(&state.db()?, &id).await
}
