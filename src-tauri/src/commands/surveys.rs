//! Surveys (CSAT and NPS): recording answers, a contact's scores, asking by e-mail, and what a
//! score sets off.

use crate::AppState;
use hearth_core::surveys::{self, ContactScores, SurveyInput, SurveyKind, SurveyResponse, SurveyRules, SurveySendReport};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn survey_record(state: State<'_, AppState>, input: SurveyInput) -> Result<SurveyResponse, CoreError> {
    let r = surveys::record(&state.db()?, &input, chrono::Utc::now()).await?;
    state.poke_scheduler();
    Ok(r)
}

#[tauri::command]
#[specta::specta]
pub async fn surveys_list(state: State<'_, AppState>, kind: Option<SurveyKind>) -> Result<Vec<SurveyResponse>, CoreError> {
    surveys::list(&state.db()?, kind, 500).await
}

#[tauri::command]
#[specta::specta]
pub async fn survey_scores(state: State<'_, AppState>, contact_id: String) -> Result<ContactScores, CoreError> {
    surveys::of_contact(&state.db()?, &contact_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn survey_send(state: State<'_, AppState>, contact_ids: Vec<String>, kind: SurveyKind, template_id: String) -> Result<SurveySendReport, CoreError> {
    let r = surveys::send(&state.db()?, &contact_ids, kind, &template_id, chrono::Utc::now()).await?;
    state.poke_scheduler();
    Ok(r)
}

#[tauri::command]
#[specta::specta]
pub async fn survey_rules_get(state: State<'_, AppState>) -> Result<SurveyRules, CoreError> {
    surveys::rules(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn survey_rules_set(state: State<'_, AppState>, rules: SurveyRules) -> Result<SurveyRules, CoreError> {
    surveys::set_rules(&state.db()?, &rules).await
}
