//! Snapshots of a live database. `VACUUM INTO` writes a consistent copy from inside one read
//! transaction (never a file copy of a live database, which can catch a half-written page), and
//! every copy is checked with `quick_check` before it counts.

use crate::error::{CoreError, CoreResult};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement, Value};
use std::path::Path;

/// What a snapshot holds, read from the snapshot itself. A count is `None` when the snapshot's
/// schema has no such table yet (a snapshot taken before an upgrade).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnapshotInfo {
    pub contacts: Option<u32>,
    pub companies: Option<u32>,
    pub deals: Option<u32>,
    /// How many schema migrations the snapshot has applied.
    pub schema_version: Option<u32>,
}

fn utf8(path: &Path) -> CoreResult<&str> {
    path.to_str().ok_or_else(|| CoreError::Storage {
        message: format!("the path {} is not valid UTF-8; choose a folder with a plain name", path.display()),
    })
}

/// Writes a consistent copy of the database `db` is connected to into `target` (which must
/// not exist yet).
pub async fn snapshot_into<C: ConnectionTrait>(db: &C, target: &Path) -> CoreResult<()> {
    let target = utf8(target)?;
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "VACUUM INTO ?", [Value::from(target)]))
        .await
        .map_err(|e| CoreError::Storage { message: format!("the snapshot could not be written to {target}: {e}") })?;
    Ok(())
}

/// The problems `PRAGMA quick_check` finds (empty when the database is sound).
pub async fn quick_check<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<String>> {
    check(db, "PRAGMA quick_check").await
}

/// The problems the thorough `PRAGMA integrity_check` finds (also index contents; slower).
pub async fn integrity_check<C: ConnectionTrait>(db: &C) -> CoreResult<Vec<String>> {
    check(db, "PRAGMA integrity_check").await
}

async fn check<C: ConnectionTrait>(db: &C, pragma: &str) -> CoreResult<Vec<String>> {
    let rows = db.query_all_raw(Statement::from_string(DbBackend::Sqlite, pragma)).await?;
    let mut problems = Vec::new();
    for r in rows {
        let line: String = r.try_get_by_index(0)?;
        if line != "ok" {
            problems.push(line);
        }
    }
    Ok(problems)
}

/// A number that changes whenever another connection commits to the database (SQLite's
/// `data_version`): a connection that never writes sees every change made by anyone else.
pub async fn data_version<C: ConnectionTrait>(db: &C) -> CoreResult<i64> {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, "PRAGMA data_version"))
        .await?
        .ok_or_else(|| CoreError::Storage { message: "PRAGMA data_version returned nothing".into() })?;
    Ok(row.try_get_by_index(0)?)
}

/// Opens a snapshot file read-only, without creating journal files next to it.
pub async fn open_snapshot(path: &Path) -> CoreResult<DatabaseConnection> {
    let owned = path.to_path_buf();
    let mut opts = ConnectOptions::new("sqlite://snapshot.db");
    opts.sqlx_logging(false)
        .max_connections(1)
        .min_connections(1)
        .map_sqlx_sqlite_opts(move |o| o.filename(&owned).read_only(true).immutable(true).create_if_missing(false));
    Database::connect(opts).await.map_err(|e| CoreError::Storage {
        message: format!("{} cannot be opened as a Hearth database: {e}", path.display()),
    })
}

/// Checks a snapshot file and reads what it holds; `Err` says why it is not a usable snapshot.
pub async fn verify_snapshot(path: &Path) -> CoreResult<SnapshotInfo> {
    let db = open_snapshot(path).await?;
    let result = verify_open(&db, path).await;
    db.close().await.ok();
    result
}

/// The same, on a snapshot already open (`path` only names it in messages).
pub async fn verify_open(db: &DatabaseConnection, path: &Path) -> CoreResult<SnapshotInfo> {
    let problems = quick_check(db).await.map_err(|e| CoreError::Storage {
        message: format!("{} is not a readable database: {e}", path.display()),
    })?;
    if !problems.is_empty() {
        return Err(CoreError::Storage {
            message: format!("{} failed its check: {}", path.display(), problems.join("; ")),
        });
    }
    read_info(db).await
}

async fn count(db: &DatabaseConnection, sql: &str) -> Option<u32> {
    let row = db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await.ok()??;
    row.try_get_by_index::<i64>(0).ok().map(|n| n.max(0) as u32)
}

/// The record counts and schema version of an open snapshot.
pub async fn read_info(db: &DatabaseConnection) -> CoreResult<SnapshotInfo> {
    let schema_version = count(db, "SELECT COUNT(*) FROM seaql_migrations").await;
    if schema_version.is_none() {
        return Err(CoreError::Storage { message: "it holds no Hearth schema".into() });
    }
    Ok(SnapshotInfo {
        contacts: count(db, "SELECT n FROM live_counts WHERE name = 'contacts'").await,
        companies: count(db, "SELECT n FROM live_counts WHERE name = 'companies'").await,
        deals: count(db, "SELECT COUNT(*) FROM deals WHERE deleted_at IS NULL").await,
        schema_version,
    })
}
