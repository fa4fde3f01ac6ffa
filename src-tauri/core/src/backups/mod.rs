//! Snapshots of the database: taken automatically (when data changed, at most every 15 minutes;
//! on exit; before a migration), by hand, and before every restore; checked after writing;
//! rotated; listed with their record counts; restored.
//!
//! Snapshots live in a folder of their own (by default `backups/` next to the database; the
//! person can choose another, e.g. a synced folder or an external disk). The choice is kept in
//! a small text file next to the database rather than in it, so a damaged database can still
//! find its snapshots.

mod auto;
mod names;
mod restore;
pub mod rotation;

pub use auto::{AutoBackup, INTERVAL_MINUTES};
pub use restore::{check_restorable, replace_database, restore, restore_checked, RestoreOutcome};
pub(crate) use restore::sidecar;

use crate::error::{CoreError, CoreResult};
use crate::sqlite::{self, SnapshotInfo};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SnapshotReason {
    /// Data changed and 15 minutes passed since the last snapshot.
    Scheduled,
    /// "Back up now" (or `hearth-cli backup`).
    Manual,
    /// The app was closed after changes.
    Exit,
    /// Before a newer Hearth upgraded the database.
    BeforeMigration,
    /// The data as it was just before a restore replaced it.
    BeforeRestore,
}

impl SnapshotReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SnapshotReason::Scheduled => "scheduled",
            SnapshotReason::Manual => "manual",
            SnapshotReason::Exit => "exit",
            SnapshotReason::BeforeMigration => "before_migration",
            SnapshotReason::BeforeRestore => "before_restore",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Scheduled, Self::Manual, Self::Exit, Self::BeforeMigration, Self::BeforeRestore]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// One snapshot file, with what it holds.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct Snapshot {
    pub file_name: String,
    pub path: String,
    pub taken_at: DateTime<Utc>,
    pub reason: SnapshotReason,
    pub size_bytes: u64,
    pub contacts: Option<u32>,
    pub companies: Option<u32>,
    pub deals: Option<u32>,
    pub schema_version: Option<u32>,
    /// Why the file could not be read (it cannot be restored then).
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct BackupSettings {
    pub folder: String,
    pub default_folder: String,
    pub uses_default: bool,
    /// Automatic snapshots are taken at most this often, and only when data changed.
    pub interval_minutes: u32,
    /// Why the last automatic snapshot failed (e.g. the folder's disk is not plugged in).
    pub last_error: Option<String>,
}

/// `backups/` next to the database.
pub fn default_folder(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

/// The one-line file beside the database naming its snapshot folder (absent: the default).
pub(crate) fn folder_setting_file(db_path: &Path) -> PathBuf {
    PathBuf::from(format!("{}.backup-folder", db_path.display()))
}

/// Where the snapshots of the database at `db_path` go.
pub fn folder(db_path: &Path) -> PathBuf {
    match std::fs::read_to_string(folder_setting_file(db_path)) {
        Ok(s) if !s.trim().is_empty() => PathBuf::from(s.trim()),
        _ => default_folder(db_path),
    }
}

pub fn settings(db_path: &Path) -> BackupSettings {
    let folder = folder(db_path);
    let default = default_folder(db_path);
    BackupSettings {
        uses_default: folder == default,
        folder: folder.display().to_string(),
        default_folder: default.display().to_string(),
        interval_minutes: INTERVAL_MINUTES,
        last_error: None,
    }
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> CoreError {
    CoreError::Storage { message: format!("cannot {what} {}: {e}", path.display()) }
}

/// Chooses the snapshot folder (`None`: back to the default). The folder must be an absolute
/// path Hearth can create and write to; existing snapshots stay where they are.
pub fn set_folder(db_path: &Path, chosen: Option<&str>) -> CoreResult<BackupSettings> {
    let setting = folder_setting_file(db_path);
    let Some(chosen) = chosen.map(str::trim).filter(|s| !s.is_empty()) else {
        match std::fs::remove_file(&setting) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_error("remove", &setting, e)),
            _ => return Ok(settings(db_path)),
        }
    };
    let dir = PathBuf::from(chosen);
    if !dir.is_absolute() {
        return Err(CoreError::invalid("folder", "not_absolute", "Choose a full folder path (starting from a drive or /)."));
    }
    if chosen.contains('\n') || dir.to_str().is_none() {
        return Err(CoreError::invalid("folder", "bad_name", "That folder name cannot be used; choose a folder with a plain name."));
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| CoreError::invalid("folder", "not_writable", format!("Hearth cannot create {}: {e}", dir.display())))?;
    let probe = dir.join(".hearth-write-test");
    std::fs::write(&probe, b"ok")
        .map_err(|e| CoreError::invalid("folder", "not_writable", format!("Hearth cannot write to {}: {e}", dir.display())))?;
    let _ = std::fs::remove_file(&probe);
    let tmp = PathBuf::from(format!("{}.tmp", setting.display()));
    std::fs::write(&tmp, chosen).map_err(|e| io_error("write", &tmp, e))?;
    std::fs::rename(&tmp, &setting).map_err(|e| io_error("write", &setting, e))?;
    Ok(settings(db_path))
}

fn sync_dir(dir: &Path) {
    // Makes the rename itself durable (Unix); Windows has no directory handles to flush.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Takes a snapshot of the database `db` is connected to into the folder of `db_path`,
/// checks it with `quick_check`, and only then gives it its final name. A snapshot that fails
/// its check is deleted and reported.
pub async fn take<C: ConnectionTrait>(db: &C, db_path: &Path, reason: SnapshotReason, now: DateTime<Utc>) -> CoreResult<Snapshot> {
    take_into(db, &folder(db_path), &names::stem(db_path), reason, now).await
}

/// The same, into a given folder under a given database name (`hearth-cli backup --to`).
pub async fn take_into<C: ConnectionTrait>(
    db: &C,
    dir: &Path,
    stem: &str,
    reason: SnapshotReason,
    now: DateTime<Utc>,
) -> CoreResult<Snapshot> {
    std::fs::create_dir_all(dir).map_err(|e| io_error("create the backup folder", dir, e))?;
    let mut n = 1;
    let name = loop {
        let name = names::file_name(stem, now, reason, n);
        if !dir.join(&name).exists() {
            break name;
        }
        n += 1;
    };
    let path = dir.join(&name);
    let info = write_verified(db, &path).await?;
    Ok(snapshot(&path, name, now, reason, Ok(info)))
}

/// A snapshot into exactly `target` (`hearth-cli backup --to FILE.db`), which must not exist.
pub async fn take_to_file<C: ConnectionTrait>(db: &C, target: &Path, now: DateTime<Utc>) -> CoreResult<Snapshot> {
    if target.exists() {
        return Err(CoreError::conflict(format!("{} already exists; choose a new file name", target.display())));
    }
    let info = write_verified(db, target).await?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(snapshot(target, name, now, SnapshotReason::Manual, Ok(info)))
}

/// Writes the snapshot beside `path` under a temporary name, checks it, makes it durable,
/// and only then renames it to `path`; a copy that fails its check is deleted.
async fn write_verified<C: ConnectionTrait>(db: &C, path: &Path) -> CoreResult<SnapshotInfo> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = dir.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    sqlite::snapshot_into(db, &partial).await?;
    let info = match sqlite::verify_snapshot(&partial).await {
        Ok(info) => info,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(CoreError::Storage { message: format!("the new snapshot failed its check and was deleted: {e}") });
        }
    };
    std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| io_error("write", &partial, e))?;
    std::fs::rename(&partial, path).map_err(|e| io_error("name", path, e))?;
    sync_dir(dir);
    Ok(info)
}

fn snapshot(path: &Path, file_name: String, at: DateTime<Utc>, reason: SnapshotReason, info: CoreResult<SnapshotInfo>) -> Snapshot {
    let size_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let (info, problem) = match info {
        Ok(i) => (i, None),
        Err(e) => (SnapshotInfo::default(), Some(e.to_string())),
    };
    Snapshot {
        file_name,
        path: path.display().to_string(),
        taken_at: at,
        reason,
        size_bytes,
        contacts: info.contacts,
        companies: info.companies,
        deals: info.deals,
        schema_version: info.schema_version,
        problem,
    }
}

/// The name a database's snapshots start with (`hearth` for `hearth.db`).
pub fn stem(db_path: &Path) -> String {
    names::stem(db_path)
}

/// The snapshot files of the database at `db_path` (name, time, reason), newest first, without
/// opening them.
pub fn entries(db_path: &Path) -> CoreResult<Vec<rotation::Entry>> {
    let dir = folder(db_path);
    let stem = names::stem(db_path);
    let read = match std::fs::read_dir(&dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error("read the backup folder", &dir, e)),
    };
    let mut out: Vec<rotation::Entry> = read
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            names::parse_numbered(&stem, &name).map(|(at, reason, seq)| rotation::Entry { name, at, reason, seq })
        })
        .collect();
    out.sort_by_key(|e| std::cmp::Reverse((e.at, e.seq)));
    Ok(out)
}

/// Every snapshot of the database at `db_path`, newest first, with the record counts read from
/// each file (a file that cannot be read is listed with its problem).
pub async fn list(db_path: &Path) -> CoreResult<Vec<Snapshot>> {
    let dir = folder(db_path);
    let mut out = Vec::new();
    for e in entries(db_path)? {
        let path = dir.join(&e.name);
        let info = match sqlite::open_snapshot(&path).await {
            Ok(conn) => {
                let info = sqlite::read_info(&conn).await;
                conn.close().await.ok();
                info
            }
            Err(err) => Err(err),
        };
        out.push(snapshot(&path, e.name, e.at, e.reason, info));
    }
    Ok(out)
}

/// Deletes the snapshots the rotation no longer keeps; returns their names.
pub fn rotate(db_path: &Path, now: DateTime<Utc>) -> CoreResult<Vec<String>> {
    let dir = folder(db_path);
    let delete = rotation::to_delete(&entries(db_path)?, now);
    for name in &delete {
        let path = dir.join(name);
        std::fs::remove_file(&path).map_err(|e| io_error("delete the old snapshot", &path, e))?;
    }
    Ok(delete)
}

/// The newest snapshot that passes its check, for a damaged database.
pub async fn newest_good(db_path: &Path) -> CoreResult<Option<Snapshot>> {
    for s in list(db_path).await? {
        if s.problem.is_none() && check_restorable(Path::new(&s.path)).await.is_ok() {
            return Ok(Some(s));
        }
    }
    Ok(None)
}

/// A snapshot of this database by its file name (as listed), refusing anything else.
pub fn resolve(db_path: &Path, file_name: &str) -> CoreResult<PathBuf> {
    let known = entries(db_path)?.into_iter().any(|e| e.name == file_name);
    if !known {
        return Err(CoreError::not_found("snapshot", file_name));
    }
    Ok(folder(db_path).join(file_name))
}
