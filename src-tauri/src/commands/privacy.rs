//! Consent, a contact's data export, erasure and the audit log.

use crate::AppState;
use hearth_core::privacy::{self, AuditEntry, ConsentInput, ConsentState, ErasureReceipt, Permission, Purpose};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn consents_get(state: State<'_, AppState>, contact_id: String) -> Result<ConsentState, CoreError> {
    privacy::consents(&state.db()?, &contact_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn consent_record(
    state: State<'_, AppState>,
    contact_id: String,
    input: ConsentInput,
) -> Result<ConsentState, CoreError> {
    privacy::record_consent(&state.db()?, &contact_id, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn may_contact(state: State<'_, AppState>, contact_id: String, purpose: Purpose) -> Result<Permission, CoreError> {
    privacy::may_contact(&state.db()?, &contact_id, purpose).await
}

/// Writes everything held about one contact as JSON to `path`; returns the bytes written.
#[tauri::command]
#[specta::specta]
pub async fn contact_export_data(state: State<'_, AppState>, contact_id: String, path: String) -> Result<u32, CoreError> {
    let json = privacy::export_contact(&state.db()?, &contact_id).await?;
    std::fs::write(&path, json.as_bytes())
        .map_err(|e| CoreError::invalid("path", "write_failed", format!("Could not write {path}: {e}")))?;
    Ok(json.len() as u32)
}

#[tauri::command]
#[specta::specta]
pub async fn contact_erase(state: State<'_, AppState>, contact_id: String) -> Result<ErasureReceipt, CoreError> {
    privacy::erase_contact(&state.db()?, &contact_id).await
}

#[tauri::command]
#[specta::specta]
pub async fn audit_log(state: State<'_, AppState>, limit: Option<u32>) -> Result<Vec<AuditEntry>, CoreError> {
    privacy::audit_log(&state.db()?, limit).await
}
