//! Automatic snapshots: when data changed, at most every [`INTERVAL_MINUTES`]; and on exit.
//!
//! Changes are seen through SQLite's `data_version` on a connection of its own that never
//! writes: it changes whenever anyone else (the app, `hearth-cli`) commits to the file.

use super::{take, SnapshotReason, Snapshot};
use crate::error::CoreResult;
use crate::sqlite;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::path::{Path, PathBuf};

pub const INTERVAL_MINUTES: u32 = 15;

/// How long after a snapshot a write to the database file is taken for the checkpoint of
/// closing rather than a change.
const CHECKPOINT_GRACE_SECS: i64 = 10;

pub struct AutoBackup {
    db_path: PathBuf,
    watcher: DatabaseConnection,
    seen: i64,
    /// Changed since the last snapshot.
    dirty: bool,
    last_at: Option<DateTime<Utc>>,
}

/// One connection for the life of the watcher (`data_version` is per connection).
async fn open_watcher(path: &Path) -> CoreResult<DatabaseConnection> {
    let owned = path.to_path_buf();
    let mut opts = ConnectOptions::new("sqlite://watcher.db");
    opts.sqlx_logging(false)
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(Option::<std::time::Duration>::None)
        .max_lifetime(Option::<std::time::Duration>::None)
        .map_sqlx_sqlite_opts(move |o| o.filename(&owned).create_if_missing(false).busy_timeout(std::time::Duration::from_secs(5)));
    Ok(Database::connect(opts).await?)
}

fn modified(path: &Path) -> Option<DateTime<Utc>> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok().map(DateTime::<Utc>::from)
}

impl AutoBackup {
    /// Starts watching the (already migrated) database at `db_path`. It counts as changed when
    /// its files were written after the newest snapshot, or when there is no snapshot yet.
    /// (A change written by another program within seconds of the last snapshot is only seen
    /// with the next change.)
    pub async fn start(db_path: &Path) -> CoreResult<AutoBackup> {
        let watcher = open_watcher(db_path).await?;
        let seen = sqlite::data_version(&watcher).await?;
        let last_at = super::entries(db_path)?.first().map(|e| e.at);
        let wal = PathBuf::from(format!("{}-wal", db_path.display()));
        // Writes land in the WAL first. The database file itself is also written when the WAL
        // is folded back in, which happens as the app closes, just after its exit snapshot:
        // only a write well after the snapshot counts there.
        let dirty = match last_at {
            None => true,
            Some(last) => {
                // (Opening creates an empty WAL: only one with frames in it was written to.)
                std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) && modified(&wal).is_some_and(|w| w > last)
                    || modified(db_path).is_some_and(|d| d > last + Duration::seconds(CHECKPOINT_GRACE_SECS))
            }
        };
        Ok(AutoBackup { db_path: db_path.to_path_buf(), watcher, seen, dirty, last_at })
    }

    async fn poll(&mut self) -> CoreResult<()> {
        let v = sqlite::data_version(&self.watcher).await?;
        if v != self.seen {
            self.seen = v;
            self.dirty = true;
        }
        Ok(())
    }

    /// Whether data changed since the last snapshot.
    pub async fn changed(&mut self) -> CoreResult<bool> {
        self.poll().await?;
        Ok(self.dirty)
    }

    /// Called every minute or so: takes a snapshot when data changed and the last one is at
    /// least [`INTERVAL_MINUTES`] old.
    pub async fn tick(&mut self, now: DateTime<Utc>) -> CoreResult<Option<Snapshot>> {
        self.poll().await?;
        let due = self.last_at.is_none_or(|l| now - l >= Duration::minutes(INTERVAL_MINUTES as i64));
        if self.dirty && due {
            return self.take(SnapshotReason::Scheduled, now).await.map(Some);
        }
        Ok(None)
    }

    /// On exit: a snapshot when anything changed since the last one.
    pub async fn on_exit(&mut self, now: DateTime<Utc>) -> CoreResult<Option<Snapshot>> {
        self.poll().await?;
        if self.dirty {
            return self.take(SnapshotReason::Exit, now).await.map(Some);
        }
        Ok(None)
    }

    /// Takes a snapshot now (and rotates the folder).
    pub async fn take(&mut self, reason: SnapshotReason, now: DateTime<Utc>) -> CoreResult<Snapshot> {
        // A write that lands while the snapshot is written changes the version again, so it is
        // picked up by the next tick.
        let before = sqlite::data_version(&self.watcher).await?;
        let s = take(&self.watcher, &self.db_path, reason, now).await?;
        self.seen = before;
        self.dirty = false;
        self.last_at = Some(now);
        super::rotate(&self.db_path, now)?;
        Ok(s)
    }

    /// `PRAGMA quick_check` of the database, on the watcher's own connection.
    pub async fn quick_check(&self) -> CoreResult<Vec<String>> {
        sqlite::quick_check(&self.watcher).await
    }

    /// Lets go of the database file (before a restore replaces it).
    pub async fn close(self) {
        let _ = self.watcher.close().await;
    }
}
