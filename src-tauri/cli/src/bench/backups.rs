//! The backup rows of the bench: a verified snapshot of the whole database (what the app does
//! every 15 minutes while data changes, and on exit), the integrity check after start-up, and a
//! restore into a scratch location. Few runs: each one reads the whole file.

use super::Row;
use chrono::Utc;
use hearth_core::backups::{self, SnapshotReason};
use hearth_core::{sqlite, CoreError, CoreResult, DatabaseConnection};
use std::time::{Duration, Instant};

const RUNS: usize = 3;

pub async fn rows(db: &DatabaseConnection, iterations: usize, out: &mut Vec<Row>) -> CoreResult<()> {
    let runs = iterations.clamp(1, RUNS);
    let scratch = super::Scratch::new("backups")?;

    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut last = None;
    for i in 0..runs {
        let t = Instant::now();
        let s = backups::take_into(db, &scratch.0, &format!("bench{i}"), SnapshotReason::Manual, Utc::now()).await?;
        times.push(t.elapsed());
        last = Some(s);
    }
    let snap = last.expect("at least one run");
    out.push(Row::new(&format!("snapshot, checked (VACUUM INTO + quick_check, {:.0} MB)", snap.size_bytes as f64 / 1e6), times));

    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let problems = sqlite::quick_check(db).await?;
        times.push(t.elapsed());
        if !problems.is_empty() {
            return Err(CoreError::Storage { message: format!("the bench database failed its check: {problems:?}") });
        }
    }
    out.push(Row::new("integrity check after start-up (quick_check)", times));

    let target = scratch.0.join("restored.db");
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let (restored, _) = backups::restore(None, &target, std::path::Path::new(&snap.path), Utc::now()).await?;
        times.push(t.elapsed());
        restored.close().await?;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
        }
    }
    out.push(Row::new("restore a snapshot (check, copy into place, open)", times));
    Ok(())
}
