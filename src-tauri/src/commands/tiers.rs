//! Priority tiers A, B and C: their rules and handling, a live preview while editing, their
//! measured conversion, and a contact's tier.

use crate::AppState;
use hearth_core::conversion::Period;
use hearth_core::tiers::{self, Tier, TierConversion, TierCount, TierId, TierInput};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn tiers_list(state: State<'_, AppState>) -> Result<Vec<Tier>, CoreError> {
    tiers::list(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn tier_update(state: State<'_, AppState>, id: TierId, input: TierInput) -> Result<Tier, CoreError> {
    tiers::update(&state.db()?, id, &input).await
}

/// How many contacts each tier would hold with `input` as tier `id` (nothing is saved).
#[tauri::command]
#[specta::specta]
pub async fn tier_preview(state: State<'_, AppState>, id: TierId, input: TierInput) -> Result<Vec<TierCount>, CoreError> {
    tiers::preview(&state.db()?, id, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn tiers_conversion(state: State<'_, AppState>, period: Period) -> Result<Vec<TierConversion>, CoreError> {
    tiers::conversion(&state.db()?, period).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_tier(state: State<'_, AppState>, contact_id: String) -> Result<Option<Tier>, CoreError> {
    tiers::of_contact(&state.db()?, &contact_id).await
}
