//! Importing contacts, companies, deals, activities, orders and survey answers from CSV/TSV
//! (any common encoding), XLSX and vCard: open a file, map its columns, preview what each row will do, run the whole
//! import in one transaction (with progress and cancel), and undo an import as a whole.
//!
//! CONTRACT (the commands and the UI are written against these types and functions).

mod csv;
pub(crate) mod demo;
mod engine;
mod fields;
mod manage;
mod order_plan;
mod order_rows;
mod orders;
mod orders_undo;
mod parse;
mod plan;
mod read;
mod rows;
mod run;
mod sheet;
mod surveys;
mod update;
mod vcard;
mod write;

pub use fields::{field_for, looks_like, norm as normalize_header};
pub use read::{MAX_CELL, MAX_XLSX};
pub use sheet::serial_to_text;

use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Contacts,
    Companies,
    Deals,
    Activities,
    /// Order lines: the rows with the same order number make one order.
    Orders,
    /// CSAT and NPS survey answers.
    SurveyResponses,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    Csv,
    Xlsx,
    Vcard,
}

/// A field a column can fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FieldInfo {
    /// Stable key, e.g. `first_name`, `email`, `company`, `external_id`.
    pub key: String,
    pub label: String,
    pub required: bool,
    /// e.g. "Dates like 2026-03-31 or 31/03/2026".
    pub hint: Option<String>,
}

/// Where one column of the file goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum Target {
    /// Not imported.
    Ignore,
    /// Fills a field (a key of [`fields`]).
    Field { field: String },
    /// Appended to the record's notes as "Header: value".
    Note,
    /// Each value (split on `,` and `;`) becomes a tag.
    Tag,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ColumnMapping {
    /// 0-based column index in the file.
    pub column: u32,
    /// The header as read (for display and for saved mappings applied to another file).
    pub header: String,
    pub target: Target,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Mapping {
    pub columns: Vec<ColumnMapping>,
}

/// A mapping saved under a name, reusable for the next file from the same tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SavedMapping {
    pub id: String,
    pub kind: ImportKind,
    pub name: String,
    pub mapping: Mapping,
    pub updated_at: DateTime<Utc>,
}

/// What opening a file tells the mapping step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FileInfo {
    pub path: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub format: FileFormat,
    /// e.g. "UTF-8", "UTF-16LE", "windows-1252" (None for XLSX).
    pub encoding: Option<String>,
    /// The detected delimiter for CSV/TSV: ",", ";", "\t" or "|".
    pub delimiter: Option<String>,
    /// XLSX: every sheet's name, and the one read.
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    /// The first few data rows (at most 5), for the mapping step.
    pub sample: Vec<Vec<String>>,
    /// Which tool the headers look like it came from ("HubSpot", "Pipedrive", "Salesforce",
    /// "Google Contacts", "Outlook"; for orders "Shopify", "WooCommerce", "Stripe"), when
    /// recognised.
    pub looks_like: Option<String>,
    /// Columns matched to fields by header name; unknown columns are ignored.
    pub suggested: Mapping,
    pub fields: Vec<FieldInfo>,
    pub saved_mappings: Vec<SavedMapping>,
}

/// What to do with a row that matches an existing record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OnMatch {
    /// Fill the existing record with the row's non-empty values.
    #[default]
    Update,
    /// Leave the existing record alone and skip the row as a duplicate.
    Skip,
}

/// How a row is matched to an existing record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MatchBy {
    Email,
    Phone,
    ExternalId,
    /// Companies: same domain (or, without one, the same name).
    Domain,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ImportOptions {
    pub kind: ImportKind,
    pub path: String,
    /// XLSX: the sheet to read (the first when absent).
    pub sheet: Option<String>,
    pub mapping: Mapping,
    pub on_match: OnMatch,
    pub match_by: Vec<MatchBy>,
    /// Tags added to every created or updated record (e.g. "Trade show 2026").
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Create,
    Update,
    Skip,
    Reject,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RowIssue {
    /// The field key (or "row" for problems with the whole row).
    pub field: String,
    /// The file's header of the column, when one column is at fault.
    pub column: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PreviewRow {
    /// 1-based data row number (the header row is not counted).
    pub row_number: u32,
    pub cells: Vec<String>,
    pub action: RowAction,
    /// Why a row is rejected (or warnings on a row that is still imported).
    pub issues: Vec<RowIssue>,
    /// The existing record an update or a skip matched, and how.
    pub matched: Option<RowMatch>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RowMatch {
    pub id: String,
    pub name: String,
    pub by: MatchBy,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ActionCounts {
    pub create: u32,
    pub update: u32,
    pub skip: u32,
    pub reject: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Preview {
    /// The first rows of the file, then further rejected rows (at most 200 in all).
    pub rows: Vec<PreviewRow>,
    /// Over every row of the file (a dry run: nothing is written).
    pub counts: ActionCounts,
    /// Required fields no column is mapped to (the import cannot run while any are missing).
    pub missing_required: Vec<FieldInfo>,
    /// File-level warnings (e.g. "Row 17 has 9 cells, the header 8: extra cells ignored").
    pub warnings: Vec<String>,
}

/// Sent while an import runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ImportProgress {
    pub rows_done: u32,
    pub bytes_done: i64,
    pub bytes_total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RejectedRow {
    pub row_number: u32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ImportSummary {
    pub import_id: String,
    pub kind: ImportKind,
    pub file_name: String,
    pub counts: ActionCounts,
    /// The first 200 rejected rows with their reasons (all of them are kept for the CSV).
    pub rejected: Vec<RejectedRow>,
    pub duration_ms: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    Done,
    Undone,
}

/// One past import (the import history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ImportRecord {
    pub id: String,
    pub kind: ImportKind,
    pub file_name: String,
    pub status: ImportStatus,
    pub counts: ActionCounts,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub undone_at: Option<DateTime<Utc>>,
}

/// The fields a kind of import can fill.
pub fn fields(kind: ImportKind) -> Vec<FieldInfo> {
    fields::fields(kind)
}

/// Opens a file: detects format, encoding and delimiter, reads headers and a sample, suggests
/// a mapping. Bad files (empty, binary, unbalanced quotes…) give a clear validation error.
pub async fn open_file(db: &DatabaseConnection, kind: ImportKind, path: &Path, sheet: Option<&str>) -> CoreResult<FileInfo> {
    let mut opened = read::open(path, sheet)?;
    let mut sample = Vec::new();
    while sample.len() < 5 {
        match opened.rows.next_row()? {
            Some(r) if r.cells.iter().all(|c| c.trim().is_empty()) => continue,
            Some(r) => sample.push(r.cells),
            None => break,
        }
    }
    if sample.is_empty() {
        return Err(no_rows());
    }
    let suggested = if opened.format == FileFormat::Vcard && kind == ImportKind::Contacts {
        Mapping {
            columns: vcard::HEADERS
                .iter()
                .zip(vcard::FIELDS)
                .enumerate()
                .map(|(i, (h, f))| ColumnMapping {
                    column: i as u32,
                    header: h.to_string(),
                    target: if f == "tags" { Target::Tag } else { Target::Field { field: f.to_string() } },
                })
                .collect(),
        }
    } else {
        fields::suggest(kind, &opened.headers)
    };
    Ok(FileInfo {
        path: path.display().to_string(),
        file_name: engine::file_name(&path.display().to_string()),
        size_bytes: opened.size as i64,
        format: opened.format,
        encoding: opened.encoding.clone(),
        delimiter: opened.delimiter.map(|d| (d as char).to_string()),
        sheets: opened.sheets.clone(),
        sheet: opened.sheet.clone(),
        looks_like: fields::looks_like(&opened.headers),
        headers: opened.headers,
        sample,
        suggested,
        fields: fields::fields(kind),
        saved_mappings: manage::mappings(db, kind).await?,
    })
}

fn no_rows() -> crate::CoreError {
    crate::CoreError::invalid("file", "no_rows", "The file has a header row but no data rows: there is nothing to import.")
}

/// A saved mapping applied to another file's headers (matched by header name; columns the
/// mapping does not name are ignored).
pub fn apply_mapping(saved: &Mapping, headers: &[String]) -> Mapping {
    let columns = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let target = saved
                .columns
                .iter()
                .find(|c| fields::norm(&c.header) == fields::norm(h))
                .map_or(Target::Ignore, |c| c.target.clone());
            ColumnMapping { column: i as u32, header: h.clone(), target }
        })
        .collect();
    Mapping { columns }
}

/// A dry run over the whole file: what each row would do. Writes nothing.
pub async fn preview(db: &DatabaseConnection, opts: &ImportOptions) -> CoreResult<Preview> {
    run::preview(db, opts).await
}

/// Runs the import in one transaction. `progress` is called every few thousand rows; when
/// `cancel` becomes true the transaction is rolled back and `CoreError::Cancelled` returned.
pub async fn run(
    db: &DatabaseConnection,
    opts: &ImportOptions,
    progress: &(dyn Fn(ImportProgress) + Send + Sync),
    cancel: &AtomicBool,
) -> CoreResult<ImportSummary> {
    run::run(db, opts, progress, cancel).await
}

/// Past imports, newest first.
pub async fn history(db: &DatabaseConnection) -> CoreResult<Vec<ImportRecord>> {
    manage::history(db).await
}

/// One past import.
pub async fn get(db: &DatabaseConnection, import_id: &str) -> CoreResult<ImportRecord> {
    manage::get(db, import_id).await
}

/// Undoes a whole import: created records go to the trash, updated ones get their earlier
/// values back; imported orders (with their lines and subscriptions) and survey answers (with
/// the tickets they opened) are deleted, and the lifecycle changes and purchase figures that
/// followed from them are taken back. Undoing twice is a conflict.
pub async fn undo(db: &DatabaseConnection, import_id: &str) -> CoreResult<ImportRecord> {
    manage::undo(db, import_id).await
}

/// Writes an import's rejected rows as a CSV (the file's header, the rows, plus a "Reason"
/// column) to fix and re-import. Returns how many rows were written.
pub async fn write_rejects(db: &DatabaseConnection, import_id: &str, path: &Path) -> CoreResult<u32> {
    manage::write_rejects(db, import_id, path).await
}

pub async fn mappings(db: &DatabaseConnection, kind: ImportKind) -> CoreResult<Vec<SavedMapping>> {
    manage::mappings(db, kind).await
}

/// Saves (or replaces, by name) a named mapping.
pub async fn save_mapping(db: &DatabaseConnection, kind: ImportKind, name: &str, mapping: &Mapping) -> CoreResult<SavedMapping> {
    manage::save_mapping(db, kind, name, mapping).await
}

pub async fn delete_mapping(db: &DatabaseConnection, id: &str) -> CoreResult<()> {
    manage::delete_mapping(db, id).await
}

/// Opens an import file as the preview does (for the fuzz targets).
pub fn read_file(path: &std::path::Path, sheet: Option<&str>) -> crate::CoreResult<read::Opened> {
    read::open(path, sheet)
}

/// Runs every value parser of the import on `text` (for the fuzz targets).
pub fn parse_value_for_fuzzing(text: &str) {
    for order in [parse::DayOrder::DayFirst, parse::DayOrder::MonthFirst] {
        let _ = parse::datetime(text, order);
    }
    let _ = parse::order_hint(text);
    for currency in ["EUR", "JPY", "KWD", "USD", text] {
        let _ = parse::amount(text, currency);
    }
    let _ = parse::exponent(text);
    let _ = parse::yes_no(text);
    let _ = parse::domain(text);
    let _ = parse::size_band(text);
    let _ = parse::lifecycle(text);
    let _ = parse::activity_kind(text);
    let _ = sheet::serial_to_text(text.len() as f64 * 1e5 - 1e6);
}
