//! Where the database lives. By default the system's app-data folder; the owner may move it
//! elsewhere (a bigger disk, an encrypted or synced folder). The choice is a one-line file,
//! [`POINTER`], in the default folder: the app and `hearth-cli` read it at start.
//!
//! A move writes a consistent copy of the live database into the new folder (`VACUUM INTO`),
//! checks the copy, carries the snapshot-folder choice with it, and only then records the new
//! folder. The old file is renamed `hearth.db.moved` once nothing has it open, so an old copy is
//! never mistaken for the data.

use crate::backups::{folder_setting_file, sidecar};
use crate::error::{CoreError, CoreResult};
use crate::sqlite;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The database's file name inside its folder.
pub const FILE_NAME: &str = "hearth.db";
/// The file in the default folder naming the chosen one.
pub const POINTER: &str = "data-folder";

/// Where the data is, for the Settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DataFolder {
    pub folder: String,
    pub database: String,
    pub default_folder: Option<String>,
    pub uses_default: bool,
    /// False when Hearth was started on a named file (`--db` or `HEARTH_DB`): move it by hand.
    pub movable: bool,
    pub size_bytes: u64,
}

/// The outcome of a move: takes effect when Hearth starts again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DataMoved {
    pub database: String,
    /// Where the old file will be kept (renamed) once Hearth closes it.
    pub old_copy: String,
}

/// The folder the owner chose, if any (an unreadable or empty pointer counts as none).
pub fn chosen(default_dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(default_dir.join(POINTER)).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| PathBuf::from(line))
}

/// The database to open when nothing names one: in the chosen folder, else the default.
pub fn db_path(default_dir: &Path) -> PathBuf {
    chosen(default_dir).unwrap_or_else(|| default_dir.to_path_buf()).join(FILE_NAME)
}

pub fn describe(db_path: &Path, default_dir: Option<&Path>) -> DataFolder {
    let folder = db_path.parent().unwrap_or(Path::new(".")).to_path_buf();
    DataFolder {
        folder: folder.display().to_string(),
        database: db_path.display().to_string(),
        default_folder: default_dir.map(|d| d.display().to_string()),
        uses_default: default_dir.is_some_and(|d| same_dir(d, &folder)),
        movable: default_dir.is_some(),
        size_bytes: std::fs::metadata(db_path).map(|m| m.len()).unwrap_or(0),
    }
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn io(what: &str, p: &Path, e: std::io::Error) -> CoreError {
    CoreError::Storage { message: format!("could not {what} {}: {e}; your data was not moved", p.display()) }
}

fn invalid(code: &str, message: impl Into<String>) -> CoreError {
    CoreError::invalid("folder", code, message)
}

/// Copies the database `db` has open (at `db_path`) into `target_dir` and records that folder
/// for the next start. Refused, with nothing written, when the folder is not a plain absolute
/// path, is the current one, or already holds a Hearth database.
pub async fn move_to<C: sea_orm::ConnectionTrait>(db: &C, db_path: &Path, default_dir: &Path, target_dir: &str) -> CoreResult<DataMoved> {
    let target_dir = target_dir.trim();
    if target_dir.is_empty() {
        return Err(invalid("required", "Choose the folder to move your data to."));
    }
    let dir = PathBuf::from(target_dir);
    if !dir.is_absolute() || target_dir.contains('\n') {
        return Err(invalid("not_absolute", "Choose a full folder path (starting from a drive or /)."));
    }
    let current = db_path.parent().unwrap_or(Path::new("."));
    if dir.exists() && same_dir(&dir, current) {
        return Err(invalid("same_folder", "Your data is already in that folder."));
    }
    let target = dir.join(FILE_NAME);
    if target.exists() {
        return Err(invalid(
            "holds_database",
            format!("{} already holds a Hearth database ({FILE_NAME}). Choose another folder, or move that file away first.", dir.display()),
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| io("create the folder", &dir, e))?;
    let part = dir.join(format!("{FILE_NAME}.moving"));
    std::fs::remove_file(&part).ok();
    let copied = async {
        sqlite::snapshot_into(db, &part).await?;
        crate::backups::check_restorable(&part).await?;
        std::fs::File::open(&part).and_then(|f| f.sync_all()).map_err(|e| io("write", &part, e))?;
        std::fs::rename(&part, &target).map_err(|e| io("name the copy", &target, e))
    }
    .await;
    if let Err(e) = copied {
        std::fs::remove_file(&part).ok();
        return Err(e);
    }
    // The snapshot folder chosen for the old place holds for the new one.
    let setting = folder_setting_file(db_path);
    if setting.exists() {
        if let Err(e) = std::fs::copy(&setting, folder_setting_file(&target)) {
            std::fs::remove_file(&target).ok();
            return Err(io("copy the snapshot-folder setting", &setting, e));
        }
    }
    if let Err(e) = point_to(default_dir, &dir) {
        std::fs::remove_file(&target).ok();
        std::fs::remove_file(folder_setting_file(&target)).ok();
        return Err(e);
    }
    Ok(DataMoved { database: target.display().to_string(), old_copy: sidecar(db_path, ".moved").display().to_string() })
}

/// Records `dir` as the data folder (removing the record when it is the default one).
fn point_to(default_dir: &Path, dir: &Path) -> CoreResult<()> {
    let pointer = default_dir.join(POINTER);
    if same_dir(default_dir, dir) {
        return match std::fs::remove_file(&pointer) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io("remove", &pointer, e)),
            _ => Ok(()),
        };
    }
    std::fs::create_dir_all(default_dir).map_err(|e| io("create the folder", default_dir, e))?;
    let tmp = default_dir.join(format!("{POINTER}.tmp"));
    std::fs::write(&tmp, format!("{}\n", dir.display())).map_err(|e| io("write", &tmp, e))?;
    std::fs::rename(&tmp, &pointer).map_err(|e| io("write", &pointer, e))
}

/// After a move, once the old database is closed: renames it (and its journal, if one is
/// left) to `<db>.moved…`, so it is kept but never opened as the data. Best effort: a file
/// that cannot be renamed stays as it is, unused.
pub fn retire(db_path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let from = sidecar(db_path, suffix);
        if from.exists() {
            std::fs::rename(&from, sidecar(db_path, &format!(".moved{suffix}"))).ok();
        }
    }
}
