//! A large import (over 20k rows, as many as the database holds): the secondary indexes of
//! `contacts` are set aside while it writes and built again before it commits, or restored by
//! the rollback when it is cancelled; updates during it (of an existing contact, and of
//! contacts this import created) still find what they need.

use crate::common;

use hearth_core::contacts::{self, ContactQuery};
use hearth_core::import::{self, ImportKind, ImportOptions, MatchBy, OnMatch};
use hearth_core::{meta, search, CoreError, DatabaseConnection};
use sea_orm::{ConnectionTrait, Statement};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

const ROWS: usize = 21_000;

async fn texts(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect()
}

async fn indexes(db: &DatabaseConnection) -> Vec<String> {
    texts(db, "SELECT name || ': ' || ifnull(sql, '') FROM sqlite_master WHERE type = 'index' ORDER BY name").await
}

/// Row 0 updates Jane (by e-mail); every 1,000th row repeats the e-mail of the row before it
/// (an update of a contact this import created a moment ago).
fn big_csv(dir: &Path) -> std::path::PathBuf {
    let mut text = String::from("Email,First name,Last name,Company,Tags,Phone\n");
    text.push_str("jane.doe@example.com,Jane,Doe,Firm 0,Imported,\n");
    for i in 1..ROWS {
        let email = if i % 1_000 == 0 { format!("p{}@example.com", i - 1) } else { format!("p{i}@example.com") };
        text.push_str(&format!("{email},Person,Number {i},Firm {},Batch {},+1 415 555 {:04}\n", i % 40, i % 3, i % 10_000));
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, text).unwrap();
    path
}

async fn options(db: &DatabaseConnection, path: &Path) -> ImportOptions {
    let info = import::open_file(db, ImportKind::Contacts, path, None).await.unwrap();
    ImportOptions {
        kind: ImportKind::Contacts,
        path: path.display().to_string(),
        sheet: None,
        mapping: info.suggested,
        on_match: OnMatch::Update,
        match_by: vec![MatchBy::Email],
        tags: vec![],
    }
}

#[tokio::test]
async fn a_large_import_builds_the_contact_indexes_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    common::create_jane(&db).await;
    let before = indexes(&db).await;
    assert!(before.iter().filter(|i| i.contains("ON \"contacts\"")).count() >= 10, "{before:?}");
    let opts = options(&db, &big_csv(dir.path())).await;
    let s = import::run(&db, &opts, &|_| {}, &AtomicBool::new(false)).await.unwrap();
    let repeats = (ROWS - 1) / 1_000;
    assert_eq!((s.counts.create as usize, s.counts.update as usize, s.counts.reject), (ROWS - 1 - repeats, 1 + repeats, 0));

    assert_eq!(indexes(&db).await, before, "every index is back, as it was");
    assert_eq!(texts(&db, "PRAGMA integrity_check").await, ["ok"], "the rebuilt indexes hold every row");
    assert_eq!(meta::live_count(&db, "contacts").await.unwrap() as usize, ROWS - repeats);

    // The lists read from the rebuilt indexes; search finds the new rows.
    let page = contacts::list(&db, &ContactQuery { limit: Some(3), ..Default::default() }).await.unwrap();
    assert_eq!(page.total as usize, ROWS - repeats);
    let names: Vec<&str> = page.rows.iter().map(|c| c.display_name.as_str()).collect();
    assert_eq!(names, ["Jane Doe", "Person Number 1", "Person Number 10"]);
    let found = search::search(&db, "Number 20999", Some(5)).await.unwrap();
    let titles: Vec<&str> = found.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["Person Number 20999"]);

    // The repeated e-mail updated the contact the row before created: one contact, both tags.
    let twice = texts(&db, "SELECT c.last_name FROM contacts c JOIN contact_emails e ON e.contact_id = c.id WHERE e.email = 'p999@example.com'").await;
    assert_eq!(twice, ["Number 1000"]);
    let jane = texts(&db, "SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id JOIN contact_emails e ON e.contact_id = ct.contact_id WHERE lower(e.email) = 'jane.doe@example.com' ORDER BY t.name").await;
    assert_eq!(jane, ["Imported", "VIP", "newsletter"]);

    // Every contact got its score, tier and persona (the import scores its own contacts in
    // pages), the same as rescoring everyone gives.
    let scores = "SELECT c.id || ' ' || cs.total || ' ' || ifnull(cs.tier, '-') || ' ' || ifnull(cs.persona_id, '-') \
                  FROM contacts c JOIN contact_scores cs ON cs.contact_id = c.id WHERE c.deleted_at IS NULL ORDER BY c.id";
    let after_import = texts(&db, scores).await;
    assert_eq!(after_import.len(), ROWS - repeats, "one score per live contact");
    hearth_core::scoring::rescore_all(&db, chrono::Utc::now()).await.unwrap();
    assert_eq!(texts(&db, scores).await, after_import);

    // Undo puts the database back to Jane alone.
    import::undo(&db, &s.import_id).await.unwrap();
    assert_eq!(meta::live_count(&db, "contacts").await.unwrap(), 1);
    assert_eq!(indexes(&db).await, before);
}

#[tokio::test]
async fn a_cancelled_large_import_gets_its_indexes_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    common::create_jane(&db).await;
    let before = indexes(&db).await;
    let opts = options(&db, &big_csv(dir.path())).await;
    let cancel = AtomicBool::new(false);
    let progress = |p: import::ImportProgress| {
        if p.rows_done >= 6_000 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let err = import::run(&db, &opts, &progress, &cancel).await.unwrap_err();
    assert!(matches!(err, CoreError::Cancelled { .. }), "{err:?}");
    assert_eq!(indexes(&db).await, before);
    assert_eq!(texts(&db, "PRAGMA integrity_check").await, ["ok"]);
    assert_eq!(meta::live_count(&db, "contacts").await.unwrap(), 1);
    assert_eq!(texts(&db, "SELECT count(*) || '' FROM contacts").await, ["1"]);
}
