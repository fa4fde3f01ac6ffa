//! Qualification and the lead score: a contact's answers, its score and why, overrides, the
//! rules and the hot/warm thresholds.

use crate::AppState;
use chrono::Utc;
use hearth_core::scoring::{self, rules, ScoreCard, ScorePreview, ScoreRule, ScoreRuleInput, Thresholds};
use hearth_core::contacts::{self, Qualification};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn score_card(state: State<'_, AppState>, contact_id: String) -> Result<ScoreCard, CoreError> {
    scoring::card(&state.db()?, &contact_id, Utc::now()).await
}

/// Sets a manual score with its reason, or (`score` null) goes back to the computed one.
#[tauri::command]
#[specta::specta]
pub async fn score_override_set(
    state: State<'_, AppState>,
    contact_id: String,
    score: Option<i32>,
    reason: Option<String>,
) -> Result<ScoreCard, CoreError> {
    scoring::set_override(&state.db()?, &contact_id, score, reason).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_rules_list(state: State<'_, AppState>) -> Result<Vec<ScoreRule>, CoreError> {
    rules::list(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_rule_create(state: State<'_, AppState>, input: ScoreRuleInput) -> Result<ScoreRule, CoreError> {
    rules::create(&state.db()?, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_rule_update(state: State<'_, AppState>, id: String, input: ScoreRuleInput) -> Result<ScoreRule, CoreError> {
    rules::update(&state.db()?, &id, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_rule_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    rules::delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_thresholds(state: State<'_, AppState>) -> Result<Thresholds, CoreError> {
    scoring::thresholds(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn score_thresholds_set(state: State<'_, AppState>, thresholds: Thresholds) -> Result<Thresholds, CoreError> {
    scoring::set_thresholds(&state.db()?, thresholds).await
}

#[tauri::command]
#[specta::specta]
pub async fn qualification_get(state: State<'_, AppState>, contact_id: String) -> Result<Qualification, CoreError> {
    contacts::qualification(&state.db()?, &contact_id).await
}

/// Saves a lead's qualification (moving its stage forward where that applies).
#[tauri::command]
#[specta::specta]
pub async fn contact_qualify(state: State<'_, AppState>, contact_id: String, input: Qualification) -> Result<Qualification, CoreError> {
    contacts::qualify(&state.db()?, &contact_id, &input).await
}

/// How a set of rules would score everyone, without saving it (the rules editor's preview).
#[tauri::command]
#[specta::specta]
pub async fn score_rules_preview(state: State<'_, AppState>, rules: Vec<ScoreRuleInput>) -> Result<ScorePreview, CoreError> {
    scoring::preview(&state.db()?, &rules, Utc::now()).await
}

/// Replaces the rules with this set and scores everyone again.
#[tauri::command]
#[specta::specta]
pub async fn score_rules_save(state: State<'_, AppState>, rules: Vec<ScoreRuleInput>) -> Result<Vec<ScoreRule>, CoreError> {
    scoring::save_all(&state.db()?, &rules).await
}
