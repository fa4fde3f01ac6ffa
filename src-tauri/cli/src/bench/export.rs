//! The export rows of the bench: the whole contacts list to CSV and the full ZIP export, each
//! written into a fresh temp folder that is removed afterwards. Few iterations: each run writes
//! every row.

use super::Row;
use std::time::{Duration, Instant};
use hearth_core::contacts::ContactQuery;
use hearth_core::export::{self, ExportFormat, ExportList};
use hearth_core::{CoreResult, DatabaseConnection};

/// Runs per export row (they write the whole table set).
const RUNS: usize = 3;

pub async fn rows(db: &DatabaseConnection, iterations: usize, out: &mut Vec<Row>) -> CoreResult<()> {
    let runs = iterations.clamp(1, RUNS);
    let scratch = super::Scratch::new("export")?;
    let csv = scratch.0.join("contacts.csv");
    let list = ExportList::Contacts { query: ContactQuery::default() };
    // No warm-up runs: each run reads every row anyway.
    let mut ours: Vec<Duration> = Vec::with_capacity(runs);
    let mut written = 0;
    for _ in 0..runs {
        let t = Instant::now();
        written = export::export_list(db, &list, ExportFormat::Csv, &csv).await?.rows;
        ours.push(t.elapsed());
    }
    out.push(Row::new(&format!("export contacts list to CSV (all, {written} rows)"), ours));
    let zip = scratch.0.join("everything.zip");
    let mut ours: Vec<Duration> = Vec::with_capacity(runs);
    let mut bytes = 0;
    for _ in 0..runs {
        let t = Instant::now();
        bytes = export::export_all(db, &zip).await?.bytes;
        ours.push(t.elapsed());
    }
    out.push(Row::new(&format!("full export (ZIP, {:.1} MB)", bytes as f64 / 1_048_576.0), ours));
    Ok(())
}
