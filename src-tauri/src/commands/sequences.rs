//! Sequences: the list, one sequence, saving it whole, its report; enrolling and what can be
//! done to an enrolment; the calls and tasks of sequences waiting on the Today screen.

use crate::AppState;
use hearth_core::common::EntityRef;
use hearth_core::sequences::{
    self, DueStep, EnrolResult, EnrolTarget, Enrolment, EnrolmentAction, EnrolmentStatus, Sequence, SequenceInput, SequenceReport, SequenceSummary, StepDone,
};
use hearth_core::CoreError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn sequences_list(state: State<'_, AppState>) -> Result<Vec<SequenceSummary>, CoreError> {
    sequences::list(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_names(state: State<'_, AppState>) -> Result<Vec<EntityRef>, CoreError> {
    sequences::names(&state.db()?).await
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_get(state: State<'_, AppState>, id: String) -> Result<Sequence, CoreError> {
    sequences::get(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_create(state: State<'_, AppState>, input: SequenceInput) -> Result<Sequence, CoreError> {
    let s = sequences::create(&state.db()?, &input).await?;
    state.poke_scheduler();
    Ok(s)
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_update(state: State<'_, AppState>, id: String, input: SequenceInput) -> Result<Sequence, CoreError> {
    let s = sequences::update(&state.db()?, &id, &input).await?;
    state.poke_scheduler();
    Ok(s)
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    sequences::delete(&state.db()?, &id).await
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_report(state: State<'_, AppState>, id: String) -> Result<SequenceReport, CoreError> {
    sequences::report(&state.db()?, &id).await
}

/// Enrols contacts or a whole segment by hand; the first steps run at once when due.
#[tauri::command]
#[specta::specta]
pub async fn sequence_enrol(state: State<'_, AppState>, id: String, target: EnrolTarget) -> Result<EnrolResult, CoreError> {
    let db = state.db()?;
    let by = hearth_core::meta::get(&db, hearth_core::meta::USER_NAME).await?.map(|n| format!("By hand ({n})")).unwrap_or_else(|| "By hand".into());
    let r = sequences::enrol(&db, &id, &target, &by, chrono::Utc::now()).await?;
    state.poke_scheduler();
    Ok(r)
}

#[tauri::command]
#[specta::specta]
pub async fn enrolments_list(
    state: State<'_, AppState>,
    contact_id: Option<String>,
    sequence_id: Option<String>,
    status: Option<EnrolmentStatus>,
) -> Result<Vec<Enrolment>, CoreError> {
    sequences::enrolments(&state.db()?, contact_id.as_deref(), sequence_id.as_deref(), status, 500).await
}

#[tauri::command]
#[specta::specta]
pub async fn enrolment_set(state: State<'_, AppState>, id: String, action: EnrolmentAction) -> Result<Enrolment, CoreError> {
    let e = sequences::set_enrolment(&state.db()?, &id, action, chrono::Utc::now()).await?;
    state.poke_scheduler();
    Ok(e)
}

/// Sequence calls, tasks and hand-sent e-mails waiting, due before `until` (one contact's, or all).
#[tauri::command]
#[specta::specta]
pub async fn sequence_steps_due(state: State<'_, AppState>, until: chrono::DateTime<chrono::Utc>, contact_id: Option<String>) -> Result<Vec<DueStep>, CoreError> {
    sequences::due_steps(&state.db()?, until, contact_id.as_deref()).await
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_step_complete(state: State<'_, AppState>, id: String, done: StepDone) -> Result<(), CoreError> {
    sequences::complete_step(&state.db()?, &id, &done, chrono::Utc::now()).await?;
    state.poke_scheduler();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn sequence_step_skip(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    sequences::skip_step(&state.db()?, &id, chrono::Utc::now()).await?;
    state.poke_scheduler();
    Ok(())
}

/// Runs the scheduler now (the Outbox's "Send now", and after changes) and reports.
#[tauri::command]
#[specta::specta]
pub async fn scheduler_run_now(state: State<'_, AppState>) -> Result<crate::scheduler::RunReport, CoreError> {
    crate::scheduler::run_once(&state).await
}

/// Sent to the window when a schedule run changed something (steps due, e-mails sent …), so
/// Today and the Outbox refresh.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, specta::Type, tauri_specta::Event)]
pub struct ScheduleEvent(pub crate::scheduler::RunReport);
