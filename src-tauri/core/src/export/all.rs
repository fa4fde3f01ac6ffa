//! The full export: every table as a CSV file in a ZIP (deflate), with raw ids, live and
//! trashed rows, plus `manifest.json`. Tables are read in key order a chunk at a time (keyset
//! paging on the primary key), so no table is ever held in memory whole.

use super::sink::{csv_writer, io_error, write_csv_row, Staged};
use super::ExportSummary;
use crate::error::{CoreError, CoreResult};
use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Each table with its primary key (text columns), in the order they appear in the ZIP.
pub const TABLES: [(&str, &[&str]); 30] = [
    ("contacts", &["id"]),
    ("contact_emails", &["id"]),
    ("contact_phones", &["id"]),
    ("contact_tags", &["contact_id", "tag_id"]),
    ("companies", &["id"]),
    ("company_tags", &["company_id", "tag_id"]),
    ("deals", &["id"]),
    ("deal_lines", &["id"]),
    ("deal_contacts", &["deal_id", "contact_id"]),
    ("deal_stage_changes", &["id"]),
    ("deal_tags", &["deal_id", "tag_id"]),
    ("activities", &["id"]),
    ("products", &["id"]),
    ("product_addons", &["product_id", "addon_id"]),
    ("orders", &["id"]),
    ("order_lines", &["id"]),
    ("subscriptions", &["id"]),
    ("survey_responses", &["id"]),
    ("goals", &["id"]),
    ("tags", &["id"]),
    ("pipelines", &["id"]),
    ("pipeline_stages", &["id"]),
    ("lead_sources", &["id"]),
    ("lost_reasons", &["id"]),
    ("consents", &["id"]),
    ("lifecycle_changes", &["id"]),
    ("imports", &["id"]),
    ("merges", &["id"]),
    ("audit_log", &["id"]),
    ("app_meta", &["key"]),
];

/// Rows read per round trip.
const PAGE: u64 = 2_000;

#[derive(Debug, Serialize)]
pub struct ManifestFile {
    pub name: String,
    pub rows: u64,
    pub columns: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Manifest {
    pub app: &'static str,
    pub app_version: &'static str,
    pub schema_version: usize,
    pub exported_at: chrono::DateTime<chrono::Utc>,
    pub files: Vec<ManifestFile>,
}

/// Rows after `last` (a key tuple) in key order.
fn after(key: &[&str], last: &[String]) -> Cond {
    // (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …
    let mut any = Cond::any();
    for i in 0..key.len() {
        let mut all = Cond::all();
        for j in 0..i {
            all = all.add(Expr::col(Alias::new(key[j])).eq(last[j].clone()));
        }
        all = all.add(Expr::col(Alias::new(key[i])).gt(last[i].clone()));
        any = any.add(all);
    }
    any
}

pub(crate) async fn run<C: ConnectionTrait>(db: &C, path: &Path) -> CoreResult<ExportSummary> {
    let (staged, file) = Staged::create(path)?;
    let tmp = staged.tmp.clone();
    let err = |e: zip::result::ZipError| io_error("write", &tmp, e);
    let mut zip = zip::ZipWriter::new(BufWriter::with_capacity(1 << 16, file));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let mut files = Vec::new();
    let mut total_rows: u64 = 0;
    for (table, key) in TABLES {
        let columns = crate::sqlite::table_columns(db, table).await?;
        if columns.is_empty() {
            return Err(CoreError::Storage { message: format!("the table {table} is missing from the database") });
        }
        let key_at: Vec<usize> = key
            .iter()
            .map(|k| columns.iter().position(|c| c == k))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| CoreError::Storage { message: format!("the table {table} has no column {key:?}") })?;
        let name = format!("{table}.csv");
        zip.start_file(name.as_str(), options).map_err(err)?;
        let mut w = csv_writer(&mut zip).map_err(|e| io_error("write", &tmp, e))?;
        w.write_record(&columns).map_err(|e| io_error("write", &tmp, e))?;
        let mut rows = 0u64;
        let mut last: Option<Vec<String>> = None;
        loop {
            let mut q = Query::select();
            for c in &columns {
                q.expr_as(Expr::col(Alias::new(c.as_str())).cast_as("TEXT"), Alias::new(c.as_str()));
            }
            q.from(Alias::new(table));
            if let Some(l) = &last {
                q.cond_where(after(key, l));
            }
            for k in key {
                q.order_by(Alias::new(*k), sea_orm::Order::Asc);
            }
            q.limit(PAGE);
            let page = db.query_all(&q).await?;
            let n = page.len() as u64;
            let mut cells: Vec<String> = Vec::with_capacity(columns.len());
            for r in &page {
                cells.clear();
                for i in 0..columns.len() {
                    cells.push(r.try_get_by_index::<Option<String>>(i)?.unwrap_or_default());
                }
                write_csv_row(&mut w, &cells).map_err(|e| io_error("write", &tmp, e))?;
            }
            rows += n;
            if n < PAGE {
                break;
            }
            last = Some(key_at.iter().map(|&i| cells[i].clone()).collect());
        }
        w.flush().map_err(|e| io_error("write", &tmp, e))?;
        drop(w);
        total_rows += rows;
        files.push(ManifestFile { name, rows, columns });
    }
    let manifest = Manifest {
        app: "Hearth CRM",
        app_version: env!("CARGO_PKG_VERSION"),
        schema_version: hearth_migrations::schema_version(),
        exported_at: crate::common::now(),
        files,
    };
    zip.start_file("manifest.json", options).map_err(err)?;
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| io_error("write", &tmp, e))?;
    zip.write_all(&json).map_err(|e| io_error("write", &tmp, e))?;
    let out = zip.finish().map_err(err)?;
    let file = out.into_inner().map_err(|e| io_error("write", &tmp, e.error()))?;
    file.sync_all().map_err(|e| io_error("write", &tmp, e))?;
    drop(file);
    let bytes = staged.commit()?;
    Ok(ExportSummary { path: path.display().to_string(), rows: u32::try_from(total_rows).unwrap_or(u32::MAX), bytes })
}
