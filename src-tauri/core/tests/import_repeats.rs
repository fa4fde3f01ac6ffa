//! Rows of one file that update the same existing record more than once: what an earlier row
//! added (still waiting to be written) counts as there, so nothing is added twice.

mod common;

use hearth_core::import::{self, ImportKind, ImportOptions, MatchBy, OnMatch};
use hearth_core::DatabaseConnection;
use sea_orm::{ConnectionTrait, Statement};
use std::sync::atomic::AtomicBool;

async fn texts(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect()
}

#[tokio::test]
async fn an_existing_contact_updated_by_two_rows_gets_each_value_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let jane = common::create_jane(&db).await;
    // Rows 1 and 3 update Jane: row 3 repeats row 1's phone and tag and adds a tag; row 2 is
    // somebody else in between.
    let csv = "Email,Phone,Tags\n\
               jane.doe@example.com,+1 415 555 0101,Wholesale\n\
               sam@example.com,+1 415 555 0199,Wholesale\n\
               jane.doe@example.com,+1 415 555 0101,\"Wholesale, Events\"\n";
    let path = dir.path().join("repeats.csv");
    std::fs::write(&path, csv).unwrap();
    let info = import::open_file(&db, ImportKind::Contacts, &path, None).await.unwrap();
    let mapping = info.suggested;
    let opts = ImportOptions {
        kind: ImportKind::Contacts,
        path: path.display().to_string(),
        sheet: None,
        mapping,
        on_match: OnMatch::Update,
        match_by: vec![MatchBy::Email],
        tags: vec![],
    };
    let s = import::run(&db, &opts, &|_| {}, &AtomicBool::new(false)).await.unwrap();
    assert_eq!((s.counts.create, s.counts.update, s.counts.reject), (1, 2, 0));
    let id = &jane.id;
    let phones = texts(&db, &format!("SELECT phone FROM contact_phones WHERE contact_id = '{id}' ORDER BY position")).await;
    assert_eq!(phones, ["+442079460958", "+14155550101"]);
    let tags = texts(&db, &format!("SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = '{id}' ORDER BY t.name")).await;
    assert_eq!(tags, ["Events", "VIP", "Wholesale", "newsletter"]);
}
