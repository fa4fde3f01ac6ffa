//! Getting data out: any list as filtered (CSV or XLSX), contacts as vCard, and everything as
//! a ZIP of CSVs with a JSON manifest. Cells that a spreadsheet would run as a formula are
//! escaped (CSV injection); the importer reads them back unchanged.
//!
//! CONTRACT (the commands and the UI are written against these types and functions).

use crate::companies::CompanyQuery;
use crate::contacts::ContactQuery;
use crate::deals::DealQuery;
use crate::error::{CoreError, CoreResult};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
    /// Contacts only.
    Vcard,
}

/// Which list, with the filters and sort the user sees (paging is ignored: every row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "list", rename_all = "snake_case")]
pub enum ExportList {
    Contacts { query: ContactQuery },
    Companies { query: CompanyQuery },
    Deals { query: DealQuery },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ExportSummary {
    pub path: String,
    pub rows: u32,
    pub bytes: i64,
}

fn not_yet<T>() -> CoreResult<T> {
    Err(CoreError::conflict("export is being built"))
}

/// Writes one list to `path` in `format` (vCard only for contacts).
pub async fn export_list(_db: &DatabaseConnection, _list: &ExportList, _format: ExportFormat, _path: &Path) -> CoreResult<ExportSummary> {
    not_yet()
}

/// Writes everything (contacts with e-mails/phones/tags, companies, deals with lines and
/// history, activities, pipelines, lead sources, lost reasons, tags, consents, imports) as a
/// ZIP of CSVs plus `manifest.json` (app version, schema version, time, each file's rows and
/// columns).
pub async fn export_all(_db: &DatabaseConnection, _path: &Path) -> CoreResult<ExportSummary> {
    not_yet()
}

/// The file name a save dialog proposes, e.g. `hearth-contacts-2026-11-23.csv`.
pub fn suggested_name(what: &str, format: ExportFormat) -> String {
    let ext = match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Vcard => "vcf",
    };
    format!("hearth-{what}-{}.{ext}", chrono::Local::now().format("%Y-%m-%d"))
}
