//! Restoring a snapshot: the snapshot is checked first; the current data is snapshotted (or,
//! when damaged, kept aside untouched); the database file is replaced in one rename; and the
//! restored file is opened like any other, so an older snapshot is migrated (after its own
//! before-migration snapshot).

use super::{take, Snapshot, SnapshotReason};
use crate::error::{CoreError, CoreResult};
use crate::sqlite;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct RestoreOutcome {
    /// The snapshot now in use.
    pub restored: String,
    pub restored_taken_at: DateTime<Utc>,
    /// The snapshot of the data as it was just before (restore it to go back).
    pub previous: Option<Snapshot>,
    /// Where a damaged database was moved to, untouched.
    pub damaged_file_kept_at: Option<String>,
}

/// Checks that `path` is a sound Hearth snapshot this version can open.
pub async fn check_restorable(path: &Path) -> CoreResult<()> {
    let conn = sqlite::open_snapshot(path).await?;
    let result = async {
        sqlite::verify_open(&conn, path).await?;
        let applied = sqlite::applied_migrations(&conn).await?;
        sqlite::refuse_newer(&conn, &applied, &sqlite::known_migrations()).await
    }
    .await;
    conn.close().await.ok();
    result
}

/// `<db><suffix>`: a file kept beside the database (its journal, a setting, a kept-aside copy).
pub(crate) fn sidecar(db_path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", db_path.display()))
}

/// Puts a copy of `snapshot` in place of the database at `db_path`, which nothing may have
/// open. A damaged database (`keep_aside`) and any leftover journal are renamed to
/// `<db>.damaged-<time>…`, never deleted; the copy is written beside the database and renamed
/// over it, so a failure at any point leaves the old file in place. Returns where a damaged
/// file went.
pub fn replace_database(db_path: &Path, snapshot: &Path, keep_aside: bool, now: DateTime<Utc>) -> CoreResult<Option<PathBuf>> {
    let io = |what: &str, p: &Path, e: std::io::Error| CoreError::Storage {
        message: format!("the restore could not {what} {}: {e}; your data is as it was", p.display()),
    };
    let incoming = sidecar(db_path, ".restoring");
    std::fs::copy(snapshot, &incoming).map_err(|e| io("copy the snapshot to", &incoming, e))?;
    std::fs::File::open(&incoming).and_then(|f| f.sync_all()).map_err(|e| io("write", &incoming, e))?;
    let wal = sidecar(db_path, "-wal");
    let leftover_wal = std::fs::metadata(&wal).map(|m| m.len() > 0).unwrap_or(false);
    let mut aside = None;
    if keep_aside || leftover_wal {
        // A journal that was not folded back in belongs to the old file: keep them together.
        let base = sidecar(db_path, &format!(".damaged-{}", now.format("%Y%m%dT%H%M%SZ")));
        for suffix in ["", "-wal", "-shm"] {
            let from = sidecar(db_path, suffix);
            if from.exists() {
                let to = sidecar(&base, suffix);
                std::fs::rename(&from, &to).map_err(|e| io("move aside", &from, e))?;
            }
        }
        aside = Some(base);
    } else {
        for suffix in ["-wal", "-shm"] {
            let p = sidecar(db_path, suffix);
            match std::fs::remove_file(&p) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io("remove", &p, e)),
                _ => {}
            }
        }
    }
    std::fs::rename(&incoming, db_path).map_err(|e| io("put in place", db_path, e))?;
    if let Some(dir) = db_path.parent() {
        super::sync_dir(dir);
    }
    Ok(aside)
}

/// Restores `snapshot` over the database at `db_path` and returns the reopened database.
/// `current` is the open database (or `None` when it could not be opened, e.g. damaged); it
/// is snapshotted first and closed. Nothing else may hold the file open.
pub async fn restore(
    current: Option<DatabaseConnection>,
    db_path: &Path,
    snapshot: &Path,
    now: DateTime<Utc>,
) -> CoreResult<(DatabaseConnection, RestoreOutcome)> {
    check_restorable(snapshot).await?;
    restore_checked(current, db_path, snapshot, now).await
}

/// [`restore`] of a snapshot the caller has just passed through [`check_restorable`] (the app
/// checks before it closes anything; checking a 1 GB file twice would cost another second).
pub async fn restore_checked(
    current: Option<DatabaseConnection>,
    db_path: &Path,
    snapshot: &Path,
    now: DateTime<Utc>,
) -> CoreResult<(DatabaseConnection, RestoreOutcome)> {
    let (restored, restored_taken_at) = match snapshot.file_name().map(|n| n.to_string_lossy().into_owned()) {
        Some(name) => {
            let at = super::names::parse(&super::names::stem(db_path), &name).map(|(at, _)| at);
            (name, at.unwrap_or(now))
        }
        None => (snapshot.display().to_string(), now),
    };
    let previous = match &current {
        Some(db) => Some(take(db, db_path, SnapshotReason::BeforeRestore, now).await?),
        None => None,
    };
    let damaged = current.is_none() && db_path.exists();
    if let Some(db) = current {
        db.close().await?;
    }
    let aside = replace_database(db_path, snapshot, damaged, now)?;
    let db = crate::open_database(db_path).await?;
    Ok((
        db,
        RestoreOutcome {
            restored,
            restored_taken_at,
            previous,
            damaged_file_kept_at: aside.map(|p| p.display().to_string()),
        },
    ))
}
