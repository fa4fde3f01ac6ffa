//! Getting data out: any list as filtered (CSV or XLSX), contacts as vCard, and everything as
//! a ZIP of CSVs with a JSON manifest. Cells that a spreadsheet would run as a formula are
//! escaped (CSV injection); the importer reads them back unchanged.
//!
//! CONTRACT (the commands and the UI are written against these types and functions).

mod all;
mod lists;
mod orders;
pub(crate) mod sink;
mod vcard;

pub use all::{Manifest, ManifestFile, TABLES};
pub use lists::{COMPANY_COLUMNS, CONTACT_COLUMNS, DEAL_COLUMNS};
pub use orders::ORDER_COLUMNS;
pub use sink::{escape_cell, format_money, minor_digits, BOM, XLSX_MAX_ROWS};
pub use vcard::{escape as vcard_escape, fold as vcard_fold};

use crate::companies::CompanyQuery;
use crate::contacts::ContactQuery;
use crate::deals::DealQuery;
use crate::orders::OrderQuery;
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
    /// One row per order line, under the headers the orders import reads.
    Orders { query: OrderQuery },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ExportSummary {
    pub path: String,
    pub rows: u32,
    pub bytes: i64,
}

/// Writes one list to `path` in `format` (vCard only for contacts).
///
/// The file appears under `path` only once complete: it is written under a temporary name in
/// the same folder and renamed at the end, so a failure leaves no half-written file (and an
/// existing file of that name untouched).
pub async fn export_list(db: &DatabaseConnection, list: &ExportList, format: ExportFormat, path: &Path) -> CoreResult<ExportSummary> {
    if format == ExportFormat::Vcard && !matches!(list, ExportList::Contacts { .. }) {
        return Err(CoreError::invalid("format", "vcard_contacts_only", "vCard holds people: only contacts can be exported as vCard."));
    }
    let (staged, file) = sink::Staged::create(path)?;
    let tmp = staged.tmp.clone();
    let rows = match (format, list) {
        (ExportFormat::Vcard, ExportList::Contacts { query }) => write_vcards(db, query, file, &tmp).await?,
        _ => {
            let mut out: Box<dyn sink::Sink + Send> = match format {
                ExportFormat::Xlsx => {
                    let (sheet, numeric): (&str, &[usize]) = match list {
                        ExportList::Contacts { .. } => ("Contacts", &[]),
                        ExportList::Companies { .. } => ("Companies", &[]),
                        ExportList::Deals { .. } => ("Deals", &lists::DEAL_NUMERIC),
                        ExportList::Orders { .. } => ("Orders", &orders::ORDER_NUMERIC),
                    };
                    Box::new(sink::XlsxSink::new(file, &tmp, sheet, numeric)?)
                }
                _ => Box::new(sink::CsvSink::new(file, &tmp)?),
            };
            let rows = match list {
                ExportList::Contacts { query } => lists::contacts(db, query, out.as_mut()).await?,
                ExportList::Companies { query } => lists::companies(db, query, out.as_mut()).await?,
                ExportList::Deals { query } => lists::deals(db, query, out.as_mut()).await?,
                ExportList::Orders { query } => orders::orders(db, query, out.as_mut()).await?,
            };
            out.finish()?;
            rows
        }
    };
    let bytes = staged.commit()?;
    Ok(ExportSummary { path: path.display().to_string(), rows, bytes })
}

async fn write_vcards(db: &DatabaseConnection, query: &ContactQuery, file: std::fs::File, tmp: &Path) -> CoreResult<u32> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
    let ids = lists::ids(db, &crate::contacts::ids_statement(db, query).await?).await?;
    let mut n = 0;
    for chunk in ids.chunks(lists::CHUNK) {
        for c in lists::contacts_chunk(db, chunk).await? {
            out.write_all(vcard::card(&c).as_bytes()).map_err(|e| sink::io_error("write", tmp, e))?;
            n += 1;
        }
    }
    let file = out.into_inner().map_err(|e| sink::io_error("write", tmp, e.error()))?;
    file.sync_all().map_err(|e| sink::io_error("write", tmp, e))?;
    Ok(n)
}

/// Writes everything (contacts with e-mails/phones/tags, companies, deals with lines and
/// history, activities, pipelines, lead sources, lost reasons, tags, consents, imports, the
/// catalogue, orders with their lines and subscriptions, survey answers) as a
/// ZIP of CSVs plus `manifest.json` (app version, schema version, time, each file's rows and
/// columns).
pub async fn export_all(db: &DatabaseConnection, path: &Path) -> CoreResult<ExportSummary> {
    all::run(db, path).await
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
