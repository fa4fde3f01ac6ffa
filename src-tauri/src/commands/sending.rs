//! Settings → E-mail (the mail server, its password in the OS keychain, a test e-mail),
//! sending rules and holidays, and the calendar of follow-ups.

use crate::AppState;
use hearth_core::mail::{self, SmtpView, TestResult};
use hearth_core::sending::{self, Holiday, HolidayInput, SendingRules, SmtpSettings};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn sending_rules_get(state: State<'_, AppState>) -> Result<SendingRules, CoreError> {
    sending::rules_get(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn sending_rules_set(state: State<'_, AppState>, rules: SendingRules) -> Result<SendingRules, CoreError> {
    sending::rules_set(&state.db()?, &rules).await
}

/// The UI's time zone becomes the owner's, unless one was chosen already.
#[tauri::command]
#[specta::specta]
pub async fn owner_time_zone_adopt(state: State<'_, AppState>, time_zone: String) -> Result<(), CoreError> {
    sending::adopt_time_zone(&state.db()?, &time_zone).await
}

#[tauri::command]
#[specta::specta]
pub async fn holidays_list(state: State<'_, AppState>) -> Result<Vec<Holiday>, CoreError> {
    sending::holidays(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn holiday_add(state: State<'_, AppState>, input: HolidayInput) -> Result<Vec<Holiday>, CoreError> {
    sending::holiday_add(&state.db()?, &input).await
}

#[tauri::command]
#[specta::specta]
pub async fn holiday_delete(state: State<'_, AppState>, id: String) -> Result<Vec<Holiday>, CoreError> {
    sending::holiday_delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn smtp_get(state: State<'_, AppState>) -> Result<SmtpView, CoreError> {
    mail::view(&state.db()?, state.secrets.as_ref(), None).await
}

/// Saves the server settings; `password` (when given) goes to the OS keychain.
#[tauri::command]
#[specta::specta]
pub async fn smtp_set(state: State<'_, AppState>, settings: SmtpSettings, password: Option<String>) -> Result<SmtpView, CoreError> {
    let v = mail::save(&state.db()?, &state.secrets, &settings, password.as_deref()).await?;
    state.poke_scheduler();
    Ok(v)
}

/// Turns sending off: e-mail steps become tasks with a mailto: link.
#[tauri::command]
#[specta::specta]
pub async fn smtp_clear(state: State<'_, AppState>) -> Result<SmtpView, CoreError> {
    let db = state.db()?;
    sending::smtp_clear(&db).await?;
    mail::view(&db, state.secrets.as_ref(), None).await
}

#[tauri::command]
#[specta::specta]
pub async fn smtp_test(state: State<'_, AppState>, to: String) -> Result<TestResult, CoreError> {
    mail::send_test(&state.db()?, state.secrets.as_ref(), &to).await
}

/// Where the calendar file Hearth keeps up to date lives (to subscribe to it).
#[tauri::command]
#[specta::specta]
pub fn calendar_feed_path(state: State<'_, AppState>) -> Option<String> {
    crate::scheduler::calendar_path(&state.db_path).map(|p| p.display().to_string())
}

/// Writes follow-ups and meetings as an .ics file at `path` (from the save dialog).
#[tauri::command]
#[specta::specta]
pub async fn calendar_export(state: State<'_, AppState>, path: String) -> Result<u32, CoreError> {
    let db = state.db()?;
    let events = hearth_core::calendar::events(&db, chrono::Utc::now()).await?;
    let text = hearth_core::calendar::ics(&events);
    hearth_core::calendar::write_file(std::path::Path::new(&path), &text)?;
    Ok(events.len() as u32)
}
