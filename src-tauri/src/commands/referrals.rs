//! Reviews, referrals and referral rewards.

use crate::AppState;
use hearth_core::referrals::{self, Referrer, Review, ReviewInput, RewardInput};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn reviews_list(state: State<'_, AppState>, contact_id: Option<String>) -> Result<Vec<Review>, CoreError> {
    referrals::reviews(&state.db()?, contact_id.as_deref()).await
}

#[tauri::command]
#[specta::specta]
pub async fn review_add(state: State<'_, AppState>, input: ReviewInput) -> Result<Review, CoreError> {
    referrals::add_review(&state.db()?, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn review_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    referrals::delete_review(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn referrers_list(state: State<'_, AppState>) -> Result<Vec<Referrer>, CoreError> {
    referrals::referrers(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn reward_add(state: State<'_, AppState>, input: RewardInput) -> Result<String, CoreError> {
    referrals::add_reward(&state.db()?, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn reward_set_given(state: State<'_, AppState>, id: String, given: bool) -> Result<(), CoreError> {
    referrals::set_reward_given(&state.db()?, &id, given).await
}
