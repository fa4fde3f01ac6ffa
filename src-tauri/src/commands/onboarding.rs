//! Onboarding checklists: the templates, and a customer's progress.

use crate::AppState;
use hearth_core::onboarding::{self, Onboarding, OnboardingTemplate, OnboardingTemplateInput};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn onboarding_templates(state: State<'_, AppState>) -> Result<Vec<OnboardingTemplate>, CoreError> {
    onboarding::templates(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn onboarding_template_create(state: State<'_, AppState>, input: OnboardingTemplateInput) -> Result<OnboardingTemplate, CoreError> {
    onboarding::create_template(&state.db()?, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn onboarding_template_update(state: State<'_, AppState>, id: String, input: OnboardingTemplateInput) -> Result<OnboardingTemplate, CoreError> {
    onboarding::update_template(&state.db()?, &id, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn onboarding_template_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    onboarding::delete_template(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn onboardings_of_contact(state: State<'_, AppState>, contact_id: String) -> Result<Vec<Onboarding>, CoreError> {
    onboarding::of_contact(&state.db()?, &contact_id, chrono::Utc::now()).await
}
