//! Reports and dashboards, the records behind their numbers, their CSV and PNG files, and goals.

use crate::AppState;
use hearth_core::export::ExportSummary;
use hearth_core::reports::goals::{self, Goal, GoalInput, GoalMetric};
use hearth_core::reports::{self, DrillRecords, Report, ReportName, ReportParams};
use hearth_core::CoreError;
use tauri::State;

/// Every report with its title, group and the period it opens with.
#[tauri::command]
#[specta::specta]
pub fn reports_catalog() -> Vec<reports::ReportInfo> {
    reports::catalog()
}

#[tauri::command]
#[specta::specta]
pub async fn report_run(state: State<'_, AppState>, name: ReportName, params: ReportParams) -> Result<Report, CoreError> {
    reports::run(&state.db()?, name, &params, chrono::Utc::now()).await
}

/// The records behind a figure or cell (its drill key), at most 500 with the total.
#[tauri::command]
#[specta::specta]
pub async fn report_records(state: State<'_, AppState>, name: ReportName, params: ReportParams, key: String) -> Result<DrillRecords, CoreError> {
    reports::records(&state.db()?, name, &params, &key, chrono::Utc::now()).await
}

/// Saves the report (figures and tables) as CSV at `path` (picked in the save dialog).
#[tauri::command]
#[specta::specta]
pub async fn report_save_csv(state: State<'_, AppState>, name: ReportName, params: ReportParams, path: String) -> Result<ExportSummary, CoreError> {
    let r = reports::run(&state.db()?, name, &params, chrono::Utc::now()).await?;
    reports::export::write_csv(&r, std::path::Path::new(&path))
}

/// Saves a chart the window drew (PNG bytes) at `path`.
#[tauri::command]
#[specta::specta]
pub async fn report_save_png(path: String, png: Vec<u8>) -> Result<ExportSummary, CoreError> {
    reports::export::write_png(&png, std::path::Path::new(&path))
}

#[tauri::command]
#[specta::specta]
pub async fn goals_list(state: State<'_, AppState>) -> Result<Vec<Goal>, CoreError> {
    goals::list(&state.db()?, chrono::Utc::now()).await
}

#[tauri::command]
#[specta::specta]
pub async fn goal_create(state: State<'_, AppState>, input: GoalInput) -> Result<Goal, CoreError> {
    goals::create(&state.db()?, &input, hearth_core::common::now()).await
}

#[tauri::command]
#[specta::specta]
pub async fn goal_update(state: State<'_, AppState>, id: String, input: GoalInput) -> Result<Goal, CoreError> {
    goals::update(&state.db()?, &id, &input, hearth_core::common::now()).await
}

#[tauri::command]
#[specta::specta]
pub async fn goal_delete(state: State<'_, AppState>, id: String) -> Result<(), CoreError> {
    goals::delete(&state.db()?, &id).await
}

/// What the metric was over the period of the same length before the start (the baseline a
/// new goal is offered); `null` when there is nothing to measure.
#[tauri::command]
#[specta::specta]
pub async fn goal_baseline(
    state: State<'_, AppState>,
    metric: GoalMetric,
    segment_id: Option<String>,
    currency: Option<String>,
    starts_at: chrono::DateTime<chrono::Utc>,
    deadline_at: chrono::DateTime<chrono::Utc>,
) -> Result<Option<f64>, CoreError> {
    goals::baseline(&state.db()?, metric, segment_id.as_deref(), currency.as_deref(), starts_at, deadline_at, chrono::Utc::now()).await
}
