//! Opening the database file safely: one app per file, a plain refusal for a file written by a
//! newer Hearth (never migrated down or touched), and damage recognised as damage.

use crate::error::{CoreError, CoreResult, DbProblem};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// An exclusive lock on `<database>.lock`, held while the app has the database open; the
/// operating system releases it when the process ends, however it ends.
#[derive(Debug)]
pub struct DbLock {
    _file: File,
}

impl DbLock {
    pub fn lock_path(db_path: &Path) -> PathBuf {
        PathBuf::from(format!("{}.lock", db_path.display()))
    }

    /// Takes the lock, or says that another Hearth has this database open.
    pub fn acquire(db_path: &Path) -> CoreResult<DbLock> {
        if let Some(dir) = db_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| CoreError::Storage {
                message: format!("cannot create the data folder {}: {e}", dir.display()),
            })?;
        }
        let path = Self::lock_path(db_path);
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| {
            CoreError::Storage { message: format!("cannot open the lock file {}: {e}", path.display()) }
        })?;
        match file.try_lock() {
            Ok(()) => Ok(DbLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(CoreError::database(
                DbProblem::InUse,
                format!(
                    "Hearth is already open on {}. Switch to that window, or close it and try again.",
                    db_path.display()
                ),
            )),
            Err(TryLockError::Error(e)) => {
                Err(CoreError::Storage { message: format!("cannot lock {}: {e}", path.display()) })
            }
        }
    }
}

/// Whether a driver error means the file is damaged or is not a database at all.
pub fn is_damage(e: &DbErr) -> bool {
    is_damage_message(&e.to_string())
}

/// The same, for an error already turned into text.
pub fn is_damage_message(text: &str) -> bool {
    text.contains("file is not a database")
        || text.contains("malformed")
        || text.contains("(code: 26)")
        || text.contains("(code: 11)")
}

/// The migrations a database has applied, oldest first (empty for a new file).
pub async fn applied_migrations<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<String>> {
    let exists = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'seaql_migrations'",
        ))
        .await?
        .is_some();
    if !exists {
        return Ok(Vec::new());
    }
    let rows = db
        .query_all_raw(Statement::from_string(DbBackend::Sqlite, "SELECT version FROM seaql_migrations ORDER BY version"))
        .await?;
    rows.iter().map(|r| r.try_get_by_index(0).map_err(Into::into)).collect()
}

/// Refuses a database that has applied migrations this build does not know: it was written by
/// a newer Hearth, and migrating or even tidying it could lose what that version stored.
pub async fn refuse_newer<C: ConnectionTrait>(db: &C, applied: &[String], known: &[String]) -> CoreResult<()> {
    let unknown = applied.iter().filter(|a| !known.contains(a)).count();
    if unknown == 0 {
        return Ok(());
    }
    let theirs = db
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, "SELECT value FROM app_meta WHERE key = 'app_version'"))
        .await
        .ok()
        .flatten()
        .and_then(|r| r.try_get_by_index::<String>(0).ok());
    let ours = env!("CARGO_PKG_VERSION");
    let writer = match &theirs {
        Some(v) => format!("Hearth {v} (data format {})", applied.len()),
        None => format!("a newer version of Hearth (data format {})", applied.len()),
    };
    let fix = match &theirs {
        Some(v) => format!("Open it with Hearth {v} or later."),
        None => "Open it with the newer version of Hearth.".to_string(),
    };
    Err(CoreError::database(
        DbProblem::Newer,
        format!(
            "This database was written by {writer}, which is newer than this Hearth {ours} (data format {}). \
             Hearth has left it untouched. {fix}",
            known.len()
        ),
    ))
}
