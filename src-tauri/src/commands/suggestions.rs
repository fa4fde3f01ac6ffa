//! Upsell and cross-sell suggestions, the opportunities across customers, the product rules
//! behind them, customers at risk and stay-in-touch rhythms.

use crate::AppState;
use hearth_core::deals::DealDetail;
use hearth_core::suggestions::{self, AtRisk, ProductRule, Suggestion, SuggestionKind};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn suggestions_for(state: State<'_, AppState>, contact_id: String) -> Result<Vec<Suggestion>, CoreError> {
    suggestions::for_contact(&state.db()?, &contact_id, chrono::Utc::now()).await
}

#[tauri::command]
#[specta::specta]
pub async fn opportunities_list(state: State<'_, AppState>) -> Result<Vec<Suggestion>, CoreError> {
    suggestions::opportunities(&state.db()?, chrono::Utc::now(), 500).await
}

#[tauri::command]
#[specta::specta]
pub async fn product_rules_list(state: State<'_, AppState>) -> Result<Vec<ProductRule>, CoreError> {
    suggestions::product_rules(&state.db()?, 200).await
}

/// Turns a suggestion into a deal in the pipeline.
#[tauri::command]
#[specta::specta]
pub async fn suggestion_to_deal(state: State<'_, AppState>, contact_id: String, product_id: String, kind: SuggestionKind) -> Result<DealDetail, CoreError> {
    suggestions::to_deal(&state.db()?, &contact_id, &product_id, kind).await
}

#[tauri::command]
#[specta::specta]
pub async fn at_risk_list(state: State<'_, AppState>) -> Result<Vec<AtRisk>, CoreError> {
    suggestions::at_risk(&state.db()?, chrono::Utc::now(), 500).await
}

#[tauri::command]
#[specta::specta]
pub async fn rhythm_get(state: State<'_, AppState>, contact_id: String) -> Result<Option<u32>, CoreError> {
    suggestions::rhythm_of(&state.db()?, &contact_id).await
}

/// Sets (every 1–365 days) or clears (`null`) a contact's stay-in-touch rhythm.
#[tauri::command]
#[specta::specta]
pub async fn rhythm_set(state: State<'_, AppState>, contact_id: String, every_days: Option<u32>) -> Result<Option<u32>, CoreError> {
    let r = suggestions::set_rhythm(&state.db()?, &contact_id, every_days).await?;
    state.poke_scheduler();
    Ok(r)
}
