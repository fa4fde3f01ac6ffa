//! `hearth-cli backup`, `restore` and `backups`: the same snapshots as the app's Backups screen.

use crate::output::print_json;
use chrono::{Local, Utc};
use hearth_core::backups::{self, Snapshot};
use hearth_core::sqlite::DbLock;
use hearth_core::{open_database, CoreError, DbProblem};
use std::path::{Path, PathBuf};

/// A verified snapshot now: into the snapshot folder (rotated as usual), or `--to` a folder or
/// a new `.db` file.
pub async fn backup(db_path: &Path, to: Option<PathBuf>, json: bool) -> Result<(), CoreError> {
    let db = open_database(db_path).await?;
    let now = Utc::now();
    let reason = backups::SnapshotReason::Manual;
    let s = match to {
        None => {
            let s = backups::take(&db, db_path, reason, now).await?;
            backups::rotate(db_path, now)?;
            s
        }
        Some(file) if file.extension().is_some_and(|e| e == "db") && !file.is_dir() => {
            backups::take_to_file(&db, &file, now).await?
        }
        Some(dir) => backups::take_into(&db, &dir, &backups::stem(db_path), reason, now).await?,
    };
    db.close().await.ok();
    if json {
        print_json(&s);
        return Ok(());
    }
    println!("Snapshot written and checked: {} ({}).", s.path, counts(&s));
    Ok(())
}

/// Replaces the database with a snapshot (a file name from `hearth-cli backups`, or a path).
/// The current data is snapshotted first; a damaged database is kept aside instead.
pub async fn restore(db_path: &Path, snapshot: &str, json: bool) -> Result<(), CoreError> {
    let _lock = DbLock::acquire(db_path)?;
    let given = PathBuf::from(snapshot);
    let source = if given.is_file() { given } else { backups::resolve(db_path, snapshot)? };
    let current = match open_database(db_path).await {
        Ok(db) => Some(db),
        Err(CoreError::Database { problem: DbProblem::Damaged, .. }) => None,
        Err(e) => return Err(e),
    };
    let (db, outcome) = backups::restore(current, db_path, &source, Utc::now()).await?;
    db.close().await.ok();
    if json {
        print_json(&outcome);
        return Ok(());
    }
    println!("Restored {}.", outcome.restored);
    if let Some(p) = &outcome.previous {
        println!("Your data as it was before is in {} (restore it to go back).", p.file_name);
    }
    if let Some(d) = &outcome.damaged_file_kept_at {
        println!("The damaged database was kept, untouched, at {d}.");
    }
    Ok(())
}

fn counts(s: &Snapshot) -> String {
    let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
    format!("{} contacts, {} companies, {} deals", n(s.contacts), n(s.companies), n(s.deals))
}

pub async fn list(db_path: &Path, json: bool) -> Result<(), CoreError> {
    let list = backups::list(db_path).await?;
    if json {
        print_json(&list);
        return Ok(());
    }
    println!("Snapshots in {}", backups::folder(db_path).display());
    if list.is_empty() {
        println!("(none yet)");
    }
    for s in &list {
        let when = s.taken_at.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S");
        let what = match &s.problem {
            Some(p) => format!("cannot be read: {p}"),
            None => counts(s),
        };
        println!("{when}  {:<16} {:>8.1} MB  {what}  {}", s.reason.as_str(), s.size_bytes as f64 / 1e6, s.file_name);
    }
    Ok(())
}
