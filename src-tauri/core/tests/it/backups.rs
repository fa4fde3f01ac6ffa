//! Snapshots: taken, checked, listed, rotated, restored; automatic snapshots; the folder choice.
use crate::common;

use chrono::{Duration, DurationRound, TimeZone, Utc};
use hearth_core::backups::{self, AutoBackup, SnapshotReason};
use hearth_core::contacts;
use hearth_core::{meta, open_database, CoreError, DatabaseConnection};
use std::path::{Path, PathBuf};

async fn file_db(dir: &Path) -> (PathBuf, DatabaseConnection) {
    let path = dir.join("hearth.db");
    let db = open_database(&path).await.unwrap();
    (path, db)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = match std::fs::read_dir(dir) {
        Ok(r) => r.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

#[tokio::test]
async fn a_snapshot_is_checked_listed_with_its_counts_and_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = file_db(dir.path()).await;
    common::create_jane(&db).await;
    common::company(&db, "Acme Bakery").await;
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
    let s = backups::take(&db, &path, SnapshotReason::Manual, at).await.unwrap();
    assert_eq!(s.file_name, "hearth-2026-11-23T093000Z-manual.db");
    assert_eq!((s.contacts, s.companies, s.deals), (Some(1), Some(1), Some(0)));
    assert_eq!(s.schema_version, Some(hearth_migrations::schema_version() as u32));
    assert!(s.size_bytes > 0 && s.problem.is_none());
    // Two in the same second get different names; no partial files are left behind.
    let again = backups::take(&db, &path, SnapshotReason::Manual, at).await.unwrap();
    assert_ne!(again.file_name, s.file_name);
    let folder = backups::default_folder(&path);
    let mut expected = vec![s.file_name.clone(), again.file_name.clone()];
    expected.sort();
    assert_eq!(names_in(&folder), expected);

    let listed = backups::list(&path).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].contacts, Some(1));
    // A file that is not a database is listed with its problem and never offered as good.
    std::fs::write(folder.join("hearth-2026-11-23T100000Z-manual.db"), b"not a database at all").unwrap();
    let listed = backups::list(&path).await.unwrap();
    assert!(listed[0].problem.is_some(), "{:?}", listed[0]);
    assert_eq!(backups::newest_good(&path).await.unwrap().unwrap().file_name, again.file_name);
}

#[tokio::test]
async fn restore_brings_back_the_data_and_can_itself_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = file_db(dir.path()).await;
    let jane = common::create_jane(&db).await;
    let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let before = backups::take(&db, &path, SnapshotReason::Manual, t0).await.unwrap();
    contacts::delete(&db, &jane.id).await.unwrap();
    common::company(&db, "Added after the snapshot").await;

    let (db, outcome) = backups::restore(Some(db), &path, Path::new(&before.path), t0 + Duration::hours(1)).await.unwrap();
    assert_eq!(contacts::get(&db, &jane.id).await.unwrap().first_name, "Jane");
    assert_eq!(meta::status(&db).await.unwrap().company_count, 0);
    let previous = outcome.previous.expect("the data before the restore was snapshotted");
    assert_eq!(previous.reason, SnapshotReason::BeforeRestore);
    assert_eq!((previous.contacts, previous.companies), (Some(0), Some(1)));
    assert!(outcome.damaged_file_kept_at.is_none());

    // Going back to the data as it was before the restore.
    let (db, _) = backups::restore(Some(db), &path, Path::new(&previous.path), t0 + Duration::hours(2)).await.unwrap();
    assert_eq!(meta::status(&db).await.unwrap().contact_count, 0);
    assert_eq!(meta::status(&db).await.unwrap().company_count, 1);
    assert_eq!(hearth_core::sqlite::quick_check(&db).await.unwrap(), Vec::<String>::new());
}

/// Overwrites a page in the middle of a database file (the kind of damage a bad disk does).
fn damage_pages(path: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(path).unwrap().len();
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(len / 2 / 4096 * 4096)).unwrap();
    f.write_all(&[0xA5; 8192]).unwrap();
}

#[tokio::test]
async fn a_damaged_snapshot_is_refused_and_the_data_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = file_db(dir.path()).await;
    hearth_core::demo::load(&db).await.unwrap();
    let s = backups::take(&db, &path, SnapshotReason::Manual, Utc::now()).await.unwrap();
    damage_pages(Path::new(&s.path));
    let err = backups::check_restorable(Path::new(&s.path)).await.unwrap_err();
    assert!(matches!(err, CoreError::Storage { .. }), "{err:?}");
    let before = meta::status(&db).await.unwrap().contact_count;
    let Err(err) = backups::restore(Some(db.clone()), &path, Path::new(&s.path), Utc::now()).await else {
        panic!("a damaged snapshot was restored");
    };
    assert!(err.to_string().contains("failed its check") || err.to_string().contains("not a readable"), "{err}");
    assert_eq!(meta::status(&db).await.unwrap().contact_count, before);
    assert_eq!(backups::list(&path).await.unwrap().len(), 1, "no before-restore snapshot for a refused restore");
}

#[tokio::test]
async fn a_damaged_database_is_reported_kept_aside_untouched_and_replaced_by_a_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = file_db(dir.path()).await;
    let jane = common::create_jane(&db).await;
    backups::take(&db, &path, SnapshotReason::Scheduled, Utc::now() - Duration::minutes(5)).await.unwrap();
    db.close().await.unwrap();
    std::fs::write(&path, b"this is not a database any more, the disk ate it").unwrap();
    let damaged = std::fs::read(&path).unwrap();

    let err = open_database(&path).await.unwrap_err();
    let CoreError::Database { problem: hearth_core::DbProblem::Damaged, message } = &err else { panic!("{err:?}") };
    assert!(message.ends_with("(SQLite says: file is not a database)."), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), damaged, "opening did not touch the damaged file");

    let good = backups::newest_good(&path).await.unwrap().expect("a good snapshot");
    let (db, outcome) = backups::restore(None, &path, Path::new(&good.path), Utc::now()).await.unwrap();
    assert!(outcome.previous.is_none());
    let aside = outcome.damaged_file_kept_at.expect("the damaged file was kept");
    assert_eq!(std::fs::read(&aside).unwrap(), damaged, "kept aside byte for byte");
    assert_eq!(contacts::get(&db, &jane.id).await.unwrap().last_name, "Doe");
}

#[tokio::test]
async fn automatic_snapshots_follow_changes_the_interval_and_exit() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = file_db(dir.path()).await;
    // Times ahead of the files' own (so a restart sees no change since the last snapshot),
    // at the start of an hour (so the first two snapshots share it).
    let t0 = Utc::now().duration_trunc(Duration::hours(1)).unwrap() + Duration::days(1);
    let mut auto = AutoBackup::start(&path).await.unwrap();
    // No snapshot yet: the first tick takes one.
    let first = auto.tick(t0).await.unwrap().expect("first snapshot");
    assert_eq!(first.reason, SnapshotReason::Scheduled);
    assert!(auto.tick(t0 + Duration::minutes(30)).await.unwrap().is_none(), "nothing changed");
    assert!(auto.on_exit(t0 + Duration::minutes(31)).await.unwrap().is_none(), "nothing changed");

    common::create_jane(&db).await;
    assert!(auto.tick(t0 + Duration::minutes(10)).await.unwrap().is_none(), "changed, but within 15 minutes");
    let second = auto.tick(t0 + Duration::minutes(15)).await.unwrap().expect("changed and due");
    assert_eq!(second.contacts, Some(1));
    assert!(auto.tick(t0 + Duration::minutes(40)).await.unwrap().is_none());

    common::company(&db, "Late change").await;
    let exit = auto.on_exit(t0 + Duration::minutes(75)).await.unwrap().expect("changed before exit");
    assert_eq!((exit.reason, exit.companies), (SnapshotReason::Exit, Some(1)));
    auto.close().await;

    // A restart with nothing changed since the newest snapshot does not take another one.
    let mut auto = AutoBackup::start(&path).await.unwrap();
    assert!(!auto.changed().await.unwrap());
    // The first scheduled snapshot shared its hour with the second, so rotation let it go.
    let kept: Vec<SnapshotReason> = backups::list(&path).await.unwrap().iter().map(|s| s.reason).collect();
    assert_eq!(kept, vec![SnapshotReason::Exit, SnapshotReason::Scheduled]);
}

#[tokio::test]
async fn rotation_deletes_what_the_schedule_no_longer_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = file_db(dir.path()).await;
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 30, 0).unwrap();
    let real = backups::take(&db, &path, SnapshotReason::Scheduled, now).await.unwrap();
    let folder = backups::default_folder(&path);
    for (age, reason) in [
        (Duration::minutes(10), "scheduled"),     // same hour as another: goes
        (Duration::minutes(20), "before_restore"), // kept for a day
        (Duration::days(3), "scheduled"),
        (Duration::days(3) + Duration::hours(2), "scheduled"), // same day: goes
        (Duration::days(100), "manual"),          // too old: goes
    ] {
        let name = format!("hearth-{}-{reason}.db", (now - age).format("%Y-%m-%dT%H%M%SZ"));
        std::fs::copy(&real.path, folder.join(name)).unwrap();
    }
    std::fs::write(folder.join("notes.txt"), b"not ours").unwrap();
    let deleted = backups::rotate(&path, now).unwrap();
    assert_eq!(deleted.len(), 3, "{deleted:?}");
    let left = names_in(&folder);
    assert_eq!(left.len(), 4, "{left:?}");
    assert!(left.iter().any(|n| n.ends_with("before_restore.db")));
    assert!(left.contains(&"notes.txt".to_string()), "files that are not snapshots are left alone");
}

#[tokio::test]
async fn the_snapshot_folder_can_be_chosen_and_must_be_usable() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = file_db(dir.path()).await;
    let s = backups::settings(&path);
    assert!(s.uses_default && s.folder.ends_with("backups"));
    assert_eq!(s.interval_minutes, 15);

    let err = backups::set_folder(&path, Some("relative/folder")).unwrap_err();
    assert!(matches!(&err, CoreError::Validation { errors } if errors[0].code == "not_absolute"), "{err:?}");
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"x").unwrap();
    let err = backups::set_folder(&path, Some(blocker.join("sub").to_str().unwrap())).unwrap_err();
    assert!(matches!(&err, CoreError::Validation { errors } if errors[0].code == "not_writable"), "{err:?}");
    assert!(backups::settings(&path).uses_default, "a refused folder changes nothing");

    let synced = dir.path().join("Synced").join("Hearth");
    let s = backups::set_folder(&path, Some(synced.to_str().unwrap())).unwrap();
    assert!(!s.uses_default);
    let snap = backups::take(&db, &path, SnapshotReason::Manual, Utc::now()).await.unwrap();
    assert!(Path::new(&snap.path).starts_with(&synced));
    assert_eq!(backups::list(&path).await.unwrap().len(), 1);
    assert!(backups::set_folder(&path, None).unwrap().uses_default);
    assert!(backups::list(&path).await.unwrap().is_empty(), "the default folder has none");
    // Only snapshots listed in the folder can be restored by name.
    assert!(matches!(backups::resolve(&path, "../hearth.db"), Err(CoreError::NotFound { .. })));
}

#[tokio::test]
async fn opening_the_database_again_is_not_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = file_db(dir.path()).await;
    common::create_jane(&db).await;
    db.close().await.unwrap();
    // File times have one-second steps in places: the snapshot must come after the last write.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let db = open_database(&path).await.unwrap();
    let mut auto = AutoBackup::start(&path).await.unwrap();
    auto.tick(Utc::now()).await.unwrap().expect("the first snapshot");
    auto.close().await;
    db.close().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;

    // A later start that only reads must not look like a change (no snapshot on exit for it).
    let db = open_database(&path).await.unwrap();
    contacts::list(&db, &Default::default()).await.unwrap();
    let mut auto = AutoBackup::start(&path).await.unwrap();
    assert!(!auto.changed().await.unwrap(), "opening wrote to the database");
    assert!(auto.on_exit(Utc::now()).await.unwrap().is_none());
    common::company(&db, "A real change").await;
    assert!(auto.changed().await.unwrap());
}
