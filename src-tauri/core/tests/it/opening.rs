//! Opening the database safely: newer files refused untouched, migrations all-or-nothing and
//! preceded by a snapshot, data carried from every earlier schema version, one app per file.
use crate::common;

use hearth_core::backups::{self, SnapshotReason};
use hearth_core::sqlite::{self, DbLock};
use hearth_core::{contacts, deals, open_database, search, CoreError, DbProblem};
use hearth_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::path::Path;

async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// A database file migrated only up to `version`.
async fn database_at(path: &Path, version: u32) -> DatabaseConnection {
    let db = sqlite::open_file(path).await.unwrap();
    Migrator::up(&db, Some(version)).await.unwrap();
    db
}

async fn schema(db: &DatabaseConnection) -> Vec<String> {
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name",
        ))
        .await
        .unwrap();
    rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect()
}

const T: &str = "2026-01-05T10:00:00+00:00";

/// Rows written the way the first schema stores them, plus a deal once deals exist.
async fn seed_old_data(db: &DatabaseConnection, version: u32) {
    exec(db, &format!("INSERT INTO companies (id, name, domain, created_at, updated_at) VALUES ('co-1', 'Old Mill Bakery', 'oldmill.example', '{T}', '{T}')")).await;
    exec(db, &format!("INSERT INTO contacts (id, first_name, last_name, company_id, lifecycle_stage, created_at, updated_at) VALUES ('ct-1', 'Ada', 'Baker', 'co-1', 'conversion', '{T}', '{T}')")).await;
    exec(db, "INSERT INTO contact_emails (id, contact_id, email, is_primary, position) VALUES ('em-1', 'ct-1', 'ada@oldmill.example', 1, 0)").await;
    exec(db, "INSERT INTO contact_phones (id, contact_id, phone, is_primary, position) VALUES ('ph-1', 'ct-1', '+441632960001', 1, 0)").await;
    if version >= 4 {
        let stage: String = db
            .query_one_raw(sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, "SELECT id FROM pipeline_stages ORDER BY position LIMIT 1"))
            .await
            .unwrap()
            .map(|r| r.try_get_by_index(0).unwrap())
            .unwrap_or_default();
        if !stage.is_empty() {
            let pipeline: String = db
                .query_one_raw(sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, format!("SELECT pipeline_id FROM pipeline_stages WHERE id = '{stage}'")))
                .await
                .unwrap()
                .unwrap()
                .try_get_by_index(0)
                .unwrap();
            exec(db, &format!("INSERT INTO deals (id, title, pipeline_id, stage_id, status, company_id, value_minor, currency, rank, stage_entered_at, version, created_at, updated_at) VALUES ('dl-1', 'Wedding cakes', '{pipeline}', '{stage}', 'open', 'co-1', 125000, 'EUR', 1.0, '{T}', 1, '{T}', '{T}')")).await;
        }
    }
}

#[tokio::test]
async fn every_migration_runs_in_a_transaction() {
    for m in Migrator::migrations() {
        assert_eq!(m.use_transaction(), Some(true), "{} must run all or nothing", m.name());
    }
}

#[tokio::test]
async fn data_from_every_earlier_schema_version_survives_the_upgrade() {
    let latest = hearth_migrations::schema_version() as u32;
    for version in 1..latest {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hearth.db");
        let old = database_at(&path, version).await;
        // Deals need a pipeline: the app seeds the default one on open (since version 4).
        if version >= 4 {
            exec(&old, &format!("INSERT INTO pipelines (id, name, position, created_at, updated_at) VALUES ('pl-1', 'Sales', 0, '{T}', '{T}')")).await;
            exec(&old, &format!("INSERT INTO pipeline_stages (id, pipeline_id, name, position, kind, probability, created_at, updated_at) VALUES ('st-1', 'pl-1', 'New', 0, 'open', 10, '{T}', '{T}')")).await;
        }
        seed_old_data(&old, version).await;
        old.close().await.unwrap();

        let db = open_database(&path).await.unwrap_or_else(|e| panic!("from version {version}: {e}"));
        let ada = contacts::get(&db, "ct-1").await.unwrap_or_else(|e| panic!("from version {version}: {e}"));
        assert_eq!((ada.first_name.as_str(), ada.emails[0].email.as_str()), ("Ada", "ada@oldmill.example"), "from {version}");
        assert_eq!(ada.company.as_ref().map(|c| c.name.as_str()), Some("Old Mill Bakery"), "from {version}");
        let hits = search::search(&db, "oldmill", None).await.unwrap();
        assert!(!hits.is_empty(), "search finds the old rows after upgrading from {version}");
        if version >= 4 {
            assert_eq!(deals::get(&db, "dl-1").await.unwrap().value_minor, 125000, "from {version}");
        }
        // The upgraded rows get a history from their first edit on, and it can be undone.
        let stage = hearth_core::lifecycle::LifecycleStage::Retention;
        contacts::set_stage(&db, "ct-1", stage).await.unwrap_or_else(|e| panic!("from version {version}: {e}"));
        let q = hearth_core::history::HistoryQuery { entity: Some("contacts".into()), record_id: Some("ct-1".into()), ..Default::default() };
        assert_eq!(hearth_core::history::list(&db, &q).await.unwrap().actions.len(), 1, "from {version}");
        hearth_core::history::undo_last(&db).await.unwrap_or_else(|e| panic!("from version {version}: {e}"));
        assert_eq!(contacts::get(&db, "ct-1").await.unwrap().lifecycle_stage, ada.lifecycle_stage, "from {version}");
        assert_eq!(sqlite::quick_check(&db).await.unwrap(), Vec::<String>::new());
        let snaps = backups::list(&path).await.unwrap();
        assert_eq!(snaps.len(), 1, "one snapshot before the upgrade from {version}");
        assert_eq!((snaps[0].reason, snaps[0].schema_version), (SnapshotReason::BeforeMigration, Some(version)));
    }
}

#[tokio::test]
async fn a_migration_that_fails_part_way_leaves_the_schema_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hearth.db");
    let latest = hearth_migrations::schema_version() as u32;
    let db = database_at(&path, latest - 1).await;
    // Something in the way of the last migration's third index (after it made a table, filled
    // it and made two others).
    exec(&db, "CREATE INDEX idx_paid_orders_buyer ON tags (id)").await;
    let before = schema(&db).await;
    db.close().await.unwrap();

    assert!(open_database(&path).await.is_err(), "the last migration cannot finish");
    let db = sqlite::open_file(&path).await.unwrap();
    assert_eq!(schema(&db).await, before, "nothing of the failed migration remains");
    assert_eq!(sqlite::applied_migrations(&db).await.unwrap().len() as u32, latest - 1);
}

#[tokio::test]
async fn a_database_from_a_newer_hearth_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hearth.db");
    let db = open_database(&path).await.unwrap();
    common::create_jane(&db).await;
    exec(&db, "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20990101_000001_future', 0)").await;
    exec(&db, "UPDATE app_meta SET value = '9.1.0' WHERE key = 'app_version'").await;
    db.close().await.unwrap();
    let bytes = std::fs::read(&path).unwrap();

    let err = open_database(&path).await.unwrap_err();
    let CoreError::Database { problem: DbProblem::Newer, message } = &err else { panic!("{err:?}") };
    assert!(message.contains("Hearth 9.1.0"), "{message}");
    assert!(message.contains(env!("CARGO_PKG_VERSION")), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file was not modified");
    assert!(backups::list(&path).await.unwrap().is_empty(), "no migration, so no snapshot");
}

#[tokio::test]
async fn only_one_hearth_opens_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hearth.db");
    let lock = DbLock::acquire(&path).unwrap();
    let err = DbLock::acquire(&path).unwrap_err();
    assert!(matches!(&err, CoreError::Database { problem: DbProblem::InUse, .. }), "{err:?}");
    assert!(err.to_string().contains("already open"));
    // Another database in the same folder is not affected.
    DbLock::acquire(&dir.path().join("other.db")).unwrap();
    drop(lock);
    DbLock::acquire(&path).expect("free again once the first Hearth has gone");
}
