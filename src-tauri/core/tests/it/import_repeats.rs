//! Rows of one file that update the same existing record more than once: what an earlier row
//! added (still waiting to be written) counts as there, so nothing is added twice.

use crate::common;

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

#[tokio::test]
async fn an_import_shows_in_the_history_of_each_record_it_created_or_updated() {
    use hearth_core::history::{self, ActionKind, HistoryQuery};
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let jane = common::create_jane(&db).await;
    let path = dir.path().join("fair.csv");
    std::fs::write(&path, "Email,First name,Last name,Tags\njane.doe@example.com,Jane,Doe,Fair\nsam@example.com,Sam,Hill,Fair\n").unwrap();
    let info = import::open_file(&db, ImportKind::Contacts, &path, None).await.unwrap();
    let opts = ImportOptions {
        kind: ImportKind::Contacts,
        path: path.display().to_string(),
        sheet: None,
        mapping: info.suggested,
        on_match: OnMatch::Update,
        match_by: vec![MatchBy::Email],
        tags: vec![],
    };
    import::run(&db, &opts, &|_| {}, &AtomicBool::new(false)).await.unwrap();
    let sam = texts(&db, "SELECT c.id FROM contacts c JOIN contact_emails e ON e.contact_id = c.id WHERE e.email = 'sam@example.com'").await;
    let of = |id: String| {
        let db = db.clone();
        async move {
            let q = HistoryQuery { entity: Some("contacts".into()), record_id: Some(id), before: None, limit: None };
            history::list(&db, &q).await.unwrap().actions
        }
    };
    let sams = of(sam[0].clone()).await;
    assert_eq!(sams.len(), 1, "Sam's history is the import that created him");
    assert_eq!(sams[0].kind, ActionKind::Import);
    assert_eq!(sams[0].changes.iter().map(|c| c.what.as_str()).collect::<Vec<_>>(), ["Contact created by this import"]);
    let janes = of(jane.id.clone()).await;
    assert_eq!(janes[0].kind, ActionKind::Import, "newest first: the import, then her creation");
    assert_eq!(janes[0].changes[0].what, "Contact updated by this import");
    assert!(janes[0].can_undo);
    assert_eq!(janes.len(), 2);
}
