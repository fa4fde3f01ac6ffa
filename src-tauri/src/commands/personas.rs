//! Personas: the profiles, their order (the first matching rule wins), a contact's persona,
//! and conversion by persona.

use crate::AppState;
use hearth_core::conversion::Period;
use hearth_core::personas::{self, ContactPersona, Persona, PersonaConversion, PersonaInput};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn personas_list(state: State<'_, AppState>) -> Result<Vec<Persona>, CoreError> {
    personas::list(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn persona_create(state: State<'_, AppState>, input: PersonaInput) -> Result<Persona, CoreError> {
    personas::create(&state.db()?, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn persona_update(state: State<'_, AppState>, id: String, input: PersonaInput) -> Result<Persona, CoreError> {
    personas::update(&state.db()?, &id, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn persona_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    personas::delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn personas_reorder(state: State<'_, AppState>, ids: Vec<String>) -> Result<Vec<Persona>, CoreError> {
    personas::reorder(&state.db()?, &ids).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_persona_get(state: State<'_, AppState>, contact_id: String) -> Result<ContactPersona, CoreError> {
    personas::of_contact(&state.db()?, &contact_id).await
}

/// Gives the contact a persona by hand, or (`persona_id` null) leaves it to the rules.
#[tauri::command]
#[specta::specta]
pub async fn contact_persona_set(state: State<'_, AppState>, contact_id: String, persona_id: Option<String>) -> Result<ContactPersona, CoreError> {
    personas::set_for_contact(&state.db()?, &contact_id, persona_id.as_deref()).await
}

#[tauri::command]
#[specta::specta]
pub async fn personas_conversion(state: State<'_, AppState>, period: Period) -> Result<Vec<PersonaConversion>, CoreError> {
    personas::conversion(&state.db()?, period).await
}
