//! The import row of the bench: a deterministic CSV of contacts (100k rows on reference data,
//! 2k on the quick run) with some rows matching existing contacts by e-mail and a few bad rows,
//! imported with dedup checks and the search index into a copy of the bench database (made with
//! `VACUUM INTO`), so the reference database itself never changes. Undoing it is timed too.

use super::Row;
use hearth_core::import::{self, ImportKind, ImportOptions, MatchBy, OnMatch};
use hearth_core::{meta, DatabaseConnection};
use sea_orm::{ConnectionTrait, Statement};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// The import of 100k contact rows must finish within this (ms).
pub const IMPORT_BUDGET_MS: f64 = 3_000.0;

fn csv(rows: usize, existing: &[String]) -> String {
    let mut s = String::with_capacity(rows * 120);
    s.push_str("First Name,Last Name,Email,Phone Number,Company Name,Job Title,Tags,City,Country\n");
    for i in 0..rows {
        if i % 1000 == 999 {
            // A bad row: an e-mail that is not one.
            let _ = writeln!(s, "Bad,Row {i},not-an-address-{i},,,,,,");
            continue;
        }
        let email = if i % 50 == 0 && !existing.is_empty() { existing[(i / 50) % existing.len()].clone() } else { format!("bench.import.{i}@import.example") };
        let _ = writeln!(
            s,
            "Person{i},Importer{},{email},+1 415 555 {:04},Import Co {},Buyer,\"imported, batch {}\",Springfield,US",
            i % 977,
            i % 10_000,
            i % 500,
            i % 5
        );
    }
    s
}

pub async fn rows(db: &DatabaseConnection, out: &mut Vec<Row>) -> Result<(), String> {
    let e = |e: hearth_core::CoreError| e.to_string();
    let status = meta::status(db).await.map_err(e)?;
    let quick = status.contact_count < 50_000;
    let n = if quick { 2_000 } else { 100_000 };
    let dir = std::env::temp_dir().join(format!("hearth-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let result = run(db, &dir, n, quick, out).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn run(db: &DatabaseConnection, dir: &Path, n: usize, quick: bool, out: &mut Vec<Row>) -> Result<(), String> {
    let e = |e: hearth_core::CoreError| e.to_string();
    let copy = dir.join("copy.db");
    let sql = format!("VACUUM INTO '{}'", copy.display().to_string().replace('\'', "''"));
    db.execute_unprepared(&sql).await.map_err(|e| e.to_string())?;
    let existing: Vec<String> = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), "SELECT email FROM contact_emails ORDER BY id LIMIT 2000"))
        .await
        .map_err(|e| e.to_string())?
        .iter()
        .filter_map(|r| r.try_get_by_index(0).ok())
        .collect();
    let file = dir.join("contacts.csv");
    std::fs::write(&file, csv(n, &existing)).map_err(|e| e.to_string())?;
    let conn = hearth_core::open_database(&copy).await.map_err(e)?;
    let info = import::open_file(&conn, ImportKind::Contacts, &file, None).await.map_err(e)?;
    let opts = ImportOptions {
        kind: ImportKind::Contacts,
        path: file.display().to_string(),
        sheet: None,
        mapping: info.suggested,
        on_match: OnMatch::Update,
        match_by: vec![MatchBy::Email, MatchBy::ExternalId],
        tags: vec!["Bench import".into()],
    };
    let t = Instant::now();
    let s = import::run(&conn, &opts, &|_| {}, &AtomicBool::new(false)).await.map_err(e)?;
    let took = t.elapsed();
    eprintln!(
        "import: {} created, {} updated, {} rejected in {:.2} s",
        s.counts.create,
        s.counts.update,
        s.counts.reject,
        took.as_secs_f64()
    );
    let label = format!("import {}k contact rows (CSV, dedup + search index)", n / 1000);
    let row = Row::new(&label, vec![took]);
    out.push(if quick { row } else { row.budget(IMPORT_BUDGET_MS) });
    let t = Instant::now();
    import::undo(&conn, &s.import_id).await.map_err(e)?;
    out.push(Row::new(&format!("undo that import ({}k rows)", n / 1000), vec![t.elapsed()]));
    conn.close().await.map_err(|e| e.to_string())?;
    Ok(())
}
