//! Keeping the data safe while the app runs: opening the database (one app per file), the
//! integrity check after start-up, automatic snapshots, the snapshot on exit, and restores.

use crate::{applog, AppState};
use chrono::Utc;
use hearth_core::backups::{self, AutoBackup, RestoreOutcome, Snapshot, SnapshotReason};
use hearth_core::sqlite::DbLock;
use hearth_core::{CoreError, CoreResult, DbProblem};
use std::path::PathBuf;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};

/// How often the automatic-snapshot schedule looks for changes.
const TICK: Duration = Duration::from_secs(60);

/// Locks and opens the database at `path`. The app starts either way: when the database
/// cannot be used, its screens say why and offer what can be done.
pub fn open(path: PathBuf) -> AppState {
    let lock = match DbLock::acquire(&path) {
        Ok(l) => l,
        Err(e) => {
            applog::write(&format!("not opened: {}", applog::kind(&e)));
            return AppState::unusable(e, path);
        }
    };
    match tauri::async_runtime::block_on(hearth_core::open_database(&path)) {
        Ok(db) => {
            applog::write(&format!("opened the database (Hearth {})", env!("CARGO_PKG_VERSION")));
            AppState::new(db, path).with_lock(lock)
        }
        Err(e) => {
            applog::write(&format!("not opened: {}", applog::kind(&e)));
            AppState::unusable(e, path).with_lock(lock)
        }
    }
}

/// After the window is up: the integrity check (on a connection of its own, so the first
/// screens are not slowed down), then a snapshot whenever one is due.
pub fn start_background<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        // A database that could not be opened gets its schedule when a restore brings it back.
        if state.db().is_ok() {
            match AutoBackup::start(&state.db_path).await {
                Ok(auto) => *state.backups.lock().await = Some(auto),
                Err(e) => applog::write(&format!("automatic snapshots are off: {}", applog::kind(&e))),
            }
            check_integrity(&state).await;
        }
        let mut pruned_at: Option<chrono::DateTime<Utc>> = None;
        loop {
            // Once a day: the change log is pruned (never below 90 days: see `history::prune`) and
            // the lead scores decay.
            if hearth_core::upkeep::due(pruned_at, Utc::now()) {
                if let Ok(db) = state.db() {
                    let done = hearth_core::upkeep::daily(&db, Utc::now()).await;
                    match done.pruned {
                        Ok(0) => {}
                        Ok(n) => applog::write(&format!("history pruned: {n} actions")),
                        Err(e) => applog::write(&format!("history pruning failed: {}", applog::kind(&e))),
                    }
                    match done.rescored {
                        Ok(Some(n)) => applog::write(&format!("lead scores recomputed: {n} contacts")),
                        Ok(None) => {}
                        Err(e) => applog::write(&format!("lead scoring failed: {}", applog::kind(&e))),
                    }
                    pruned_at = Some(Utc::now());
                }
            }
            tokio::time::sleep(TICK).await;
            let mut auto = state.backups.lock().await;
            if let Some(a) = auto.as_mut() {
                let result = a.tick(Utc::now()).await;
                match &result {
                    Ok(Some(s)) => log_snapshot(s),
                    Ok(None) => {}
                    Err(e) => applog::write(&format!("automatic snapshot failed: {}", applog::kind(e))),
                }
                *state.backup_error.lock().unwrap_or_else(|p| p.into_inner()) = result.err().map(|e| e.to_string());
            }
        }
    });
}

async fn check_integrity(state: &AppState) {
    let problems = {
        let auto = state.backups.lock().await;
        match auto.as_ref() {
            Some(a) => a.quick_check().await,
            None => return,
        }
    };
    let found = match problems {
        Ok(p) if p.is_empty() => {
            applog::write("integrity check: ok");
            return;
        }
        Ok(p) => p.into_iter().take(3).collect::<Vec<_>>().join("; "),
        Err(e) if hearth_core::sqlite::is_damage_message(&e.to_string()) => e.to_string(),
        Err(_) => return,
    };
    let message = format!(
        "Hearth found damage in your database ({found}). Nothing more will be written to it; restore a snapshot to go on."
    );
    if let Some(a) = state.backups.lock().await.take() {
        a.close().await;
    }
    if let Ok(db) = state.db() {
        state.set_db(Err(CoreError::database(DbProblem::Damaged, message.clone())));
        db.close().await.ok();
    }
    applog::write("integrity check: damage found; the database is closed");
    if let Some(n) = state.native.get() {
        n.database_problem(message);
    }
}

/// Ends the app the normal way (with its snapshot on exit) when the system asks it to stop:
/// logging out, shutting down, `kill`, Ctrl+C in a terminal.
pub fn exit_on_signals<R: Runtime>(app: AppHandle<R>) {
    #[cfg(unix)]
    tauri::async_runtime::spawn(async move {
        use tokio::signal::unix::{signal, SignalKind};
        let (Ok(mut term), Ok(mut hup), Ok(mut int)) =
            (signal(SignalKind::terminate()), signal(SignalKind::hangup()), signal(SignalKind::interrupt()))
        else {
            return;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = hup.recv() => {}
            _ = int.recv() => {}
        }
        app.exit(0);
    });
    #[cfg(not(unix))]
    let _ = app;
}

/// On exit: a snapshot when anything changed since the last one.
pub fn on_exit<R: Runtime>(app: &AppHandle<R>) {
    let Some(state) = app.try_state::<AppState>() else { return };
    tauri::async_runtime::block_on(async {
        if let Some(a) = state.backups.lock().await.as_mut() {
            match a.on_exit(Utc::now()).await {
                Ok(Some(s)) => log_snapshot(&s),
                Ok(None) => {}
                Err(e) => applog::write(&format!("the snapshot on exit failed: {}", applog::kind(&e))),
            }
        }
    });
}

/// "Back up now".
pub async fn back_up_now(state: &AppState) -> CoreResult<Snapshot> {
    let now = Utc::now();
    let mut auto = state.backups.lock().await;
    match auto.as_mut() {
        Some(a) => a.take(SnapshotReason::Manual, now).await.inspect(log_snapshot),
        None => {
            let s = backups::take(&state.db()?, &state.db_path, SnapshotReason::Manual, now).await?;
            backups::rotate(&state.db_path, now)?;
            log_snapshot(&s);
            Ok(s)
        }
    }
}

/// Restores the snapshot `file_name` (from the snapshot folder). The current data is
/// snapshotted first (or, when damaged, kept aside); commands wait meanwhile.
pub async fn restore(state: &AppState, file_name: &str) -> CoreResult<RestoreOutcome> {
    let snapshot = backups::resolve(&state.db_path, file_name)?;
    backups::check_restorable(&snapshot).await?;
    let _import = state.imports.start().map_err(|_| CoreError::conflict("Wait for the import to finish, then restore."))?;
    let mut auto = state.backups.lock().await;
    if let Some(a) = auto.take() {
        a.close().await;
    }
    let current = state.db().ok();
    state.set_db(Err(CoreError::conflict("Hearth is restoring a snapshot; try again in a moment.")));
    let result = backups::restore_checked(current, &state.db_path, &snapshot, Utc::now()).await;
    let outcome = match result {
        Ok((db, outcome)) => {
            state.set_db(Ok(db));
            Ok(outcome)
        }
        Err(e) => {
            // The restore stopped before replacing the file, or the file could not be opened.
            state.set_db(hearth_core::open_database(&state.db_path).await);
            Err(e)
        }
    };
    if state.db().is_ok() {
        *auto = AutoBackup::start(&state.db_path).await.ok();
    }
    match &outcome {
        Ok(o) => applog::write(&format!(
            "restored {}; before it: {}; damaged file kept: {}",
            o.restored,
            o.previous.as_ref().map(|p| p.file_name.as_str()).unwrap_or("-"),
            o.damaged_file_kept_at.is_some()
        )),
        Err(e) => applog::write(&format!("restore of {file_name} refused or failed: {}", applog::kind(e))),
    }
    outcome
}

fn log_snapshot(s: &Snapshot) {
    applog::write(&format!("snapshot {} ({}, {} bytes, checked)", s.file_name, s.reason.as_str(), s.size_bytes));
}

/// Moves the data to `folder` (Settings → Your data): a checked copy there, recorded for the
/// next start. From then on this run refuses every command, so nothing is written to the old
/// file after the copy; the old file is closed and renamed `….moved`. Hearth must restart.
pub async fn move_data(state: &AppState, folder: &str) -> CoreResult<hearth_core::data_folder::DataMoved> {
    let home = state.data_home.clone().ok_or_else(|| {
        CoreError::conflict("Hearth was started on a named database file (--db or HEARTH_DB); move that file yourself.")
    })?;
    let current = state.db()?;
    let _import = state.imports.start().map_err(|_| CoreError::conflict("Wait for the import to finish, then move your data."))?;
    let _sending = state.sending.lock().await;
    let mut auto = state.backups.lock().await;
    state.set_db(Err(CoreError::conflict("Hearth is moving your data; restart it to go on.")));
    match hearth_core::data_folder::move_to(&current, &state.db_path, &home, folder).await {
        Ok(moved) => {
            if let Some(a) = auto.take() {
                a.close().await;
            }
            current.close().await.ok();
            hearth_core::data_folder::retire(&state.db_path);
            applog::write(&format!("data moved to {}; restart to use it", moved.database));
            Ok(moved)
        }
        Err(e) => {
            state.set_db(Ok(current));
            applog::write(&format!("data move refused or failed: {}", applog::kind(&e)));
            Err(e)
        }
    }
}
