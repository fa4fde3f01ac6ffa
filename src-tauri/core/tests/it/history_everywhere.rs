//! Undo across the domain: deal moves, merges, imports, bulk edits, hard deletes of list
//! entries, activities; an erasure leaves nothing of the contact in the change log.
use crate::common;

use common::{create_jane, db, jane};
use hearth_core::activities::{self, ActivityInput, ActivityKind};
use hearth_core::contacts::{self, ContactInput, ContactQuery};
use hearth_core::deals::{self, DealInput, DealMove, NewDeal};
use hearth_core::duplicates::{self, MergeInput, RecordKind};
use hearth_core::history::{self, ActionKind, HistoryQuery};
use hearth_core::hygiene::{self, BulkAction};
use hearth_core::import::{self, ImportKind, ImportOptions, MatchBy, OnMatch};
use hearth_core::lead_sources::{self, LeadSourceInput};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::{pipelines, privacy, CoreError, DatabaseConnection};
use sea_orm::{ConnectionTrait, Statement};
use std::sync::atomic::AtomicBool;

async fn newest(db: &DatabaseConnection) -> history::HistoryAction {
    history::list(db, &HistoryQuery::default()).await.unwrap().actions.remove(0)
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> i64 {
    let r = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql.to_string())).await.unwrap().unwrap();
    r.try_get_by_index(0).unwrap()
}

#[tokio::test]
async fn a_won_deal_goes_back_to_its_stage_with_its_contacts() {
    let db = db().await;
    let jane = create_jane(&db).await;
    let p = pipelines::list(&db).await.unwrap().remove(0);
    let mut input = DealInput::titled("Wedding cakes", 125_000, "EUR");
    input.contact_ids = vec![jane.id.clone()];
    let deal = deals::create(&db, NewDeal { pipeline_id: p.id.clone(), stage_id: None, deal: input }).await.unwrap();
    let won = p.stages.iter().find(|s| s.name == "Won").unwrap().id.clone();
    let mv = DealMove { deal_id: deal.id.clone(), stage_id: won, after_id: None, expected_version: deal.version, lost_reason_id: None, lost_note: None };
    let moved = deals::move_deal(&db, mv).await.unwrap();
    assert_eq!(contacts::get(&db, &jane.id).await.unwrap().lifecycle_stage, LifecycleStage::Retention);

    let action = newest(&db).await;
    assert_eq!((action.kind, action.subject.as_str()), (ActionKind::StageMove, "Wedding cakes"));
    let undone = history::undo_last(&db).await.unwrap();
    assert_eq!(undone.id, action.id);
    let back = deals::get(&db, &deal.id).await.unwrap();
    assert_eq!((back.stage.id.as_str(), back.closed_at), (deal.stage.id.as_str(), None));
    assert!(back.version > moved.version, "the version only grows, so open forms see the change");
    assert_eq!(deals::history(&db, &deal.id).await.unwrap().len(), 1, "the stage change row went with it");
    assert_eq!(contacts::get(&db, &jane.id).await.unwrap().lifecycle_stage, LifecycleStage::Conversion);
    // The deal's own history lists the move as undone.
    let q = HistoryQuery { entity: Some("deals".into()), record_id: Some(deal.id.clone()), ..Default::default() };
    let h = history::list(&db, &q).await.unwrap().actions;
    assert!(h.iter().any(|a| a.id == action.id && a.undone_at.is_some()));
}

#[tokio::test]
async fn merges_and_imports_undo_through_their_own_records() {
    let db = db().await;
    let a = create_jane(&db).await;
    let mut twin = jane();
    twin.emails[0].email = "jane@doe.example".into();
    let b = contacts::create(&db, twin).await.unwrap();
    let merge = duplicates::merge(&db, &MergeInput { kind: RecordKind::Contact, survivor_id: a.id.clone(), merged_ids: vec![b.id.clone()], choices: vec![] })
        .await
        .unwrap();
    assert_eq!(newest(&db).await.kind, ActionKind::Merge);
    history::undo_last(&db).await.unwrap();
    let rec = duplicates::merges(&db).await.unwrap().into_iter().find(|m| m.id == merge.id).unwrap();
    assert!(rec.undone_at.is_some(), "the merge list shows it undone");
    assert!(contacts::get(&db, &b.id).await.is_ok(), "the merged contact is back");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.csv");
    std::fs::write(&path, "First name,Last name,Email\nAnna,Berg,anna@berg.example\nOle,Lund,ole@lund.example\n").unwrap();
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
    let summary = import::run(&db, &opts, &|_| {}, &AtomicBool::new(false)).await.unwrap();
    let action = newest(&db).await;
    assert_eq!((action.kind, action.subject.as_str(), action.change_count), (ActionKind::Import, "people.csv", 0), "the import keeps its own record");
    assert!(action.can_undo);
    assert_eq!(contacts::list(&db, &ContactQuery::default()).await.unwrap().total, 4);
    history::undo(&db, action.id).await.unwrap();
    assert_eq!(contacts::list(&db, &ContactQuery::default()).await.unwrap().total, 2);
    let rec = import::history(&db).await.unwrap().into_iter().find(|r| r.id == summary.import_id).unwrap();
    assert!(rec.undone_at.is_some());
    // Undoing it again, from either side, says it was done already.
    assert!(matches!(history::undo(&db, action.id).await, Err(CoreError::Conflict { .. })));
    assert!(matches!(import::undo(&db, &summary.import_id).await, Err(CoreError::Conflict { .. })));
}

#[tokio::test]
async fn bulk_edits_deleted_list_entries_and_activities_come_back() {
    let db = db().await;
    let a = create_jane(&db).await;
    let b = contacts::create(&db, ContactInput::named("Ole", "Lund")).await.unwrap();
    hygiene::bulk(&db, RecordKind::Contact, &[a.id.clone(), b.id.clone()], &BulkAction::AddTag { name: "lapsed".into() }).await.unwrap();
    let bulk = newest(&db).await;
    assert_eq!((bulk.kind, bulk.subject.as_str()), (ActionKind::Bulk, "2 contacts"));
    // A second bulk edit that changes nothing (both have the tag): Ctrl+Z skips it and undoes the real one.
    hygiene::bulk(&db, RecordKind::Contact, &[a.id.clone(), b.id.clone()], &BulkAction::AddTag { name: "lapsed".into() }).await.unwrap();
    let undone = history::undo_last(&db).await.unwrap();
    assert_eq!(undone.id, bulk.id, "the undo went to the edit that changed something");
    assert_eq!(contacts::get(&db, &b.id).await.unwrap().tags, Vec::<String>::new());
    assert_eq!(contacts::get(&db, &a.id).await.unwrap().tags, a.tags);

    let src = lead_sources::create(&db, LeadSourceInput { name: "Farmers market".into(), is_referral: false, archived: false }).await.unwrap();
    lead_sources::delete(&db, &src.id).await.unwrap();
    history::undo_last(&db).await.unwrap();
    let again = lead_sources::list(&db).await.unwrap().into_iter().find(|s| s.id == src.id).expect("the same source, same id");
    assert_eq!(again.name, "Farmers market");

    let call = ActivityInput {
        kind: ActivityKind::Call,
        subject: "Called about the order".into(),
        body: None,
        contact_id: Some(a.id.clone()),
        company_id: None,
        deal_id: None,
        occurred_at: None,
        due_at: None,
        duration_minutes: None,
        outcome: None,
    };
    let act = activities::create(&db, call).await.unwrap();
    assert!(contacts::get(&db, &a.id).await.unwrap().last_contacted_at.is_some());
    history::undo_last(&db).await.unwrap();
    assert!(activities::get(&db, &act.id).await.is_err(), "the call went to the trash");
    assert_eq!(contacts::get(&db, &a.id).await.unwrap().last_contacted_at, None, "and the contact's last touch with it");
}

#[tokio::test]
async fn an_erasure_leaves_nothing_of_the_contact_in_the_log() {
    let db = db().await;
    let jane = create_jane(&db).await;
    let mut edit = jane.to_input();
    edit.notes = Some("Allergic to walnuts".into());
    contacts::update(&db, &jane.id, edit).await.unwrap();
    assert!(scalar(&db, "SELECT count(*) FROM history_changes WHERE after_json LIKE '%walnuts%'").await > 0);

    privacy::erase_contact(&db, &jane.id).await.unwrap();
    for needle in ["Jane", "Doe", "walnuts", "sourdough", "jane.doe", "7946", &jane.id] {
        let sql = format!("SELECT count(*) FROM history_changes WHERE before_json LIKE '%{needle}%' OR after_json LIKE '%{needle}%'");
        assert_eq!(scalar(&db, &sql).await, 0, "{needle} left in the change log");
        let sql = format!("SELECT count(*) FROM history_actions WHERE subject LIKE '%{needle}%'");
        assert_eq!(scalar(&db, &sql).await, 0, "{needle} left in an action's name");
    }
    let erase = newest(&db).await;
    assert_eq!((erase.kind, erase.can_undo), (ActionKind::Erase, false));
    assert!(matches!(history::undo(&db, erase.id).await, Err(CoreError::Conflict { .. })));
}

#[tokio::test]
async fn bad_requests_get_clear_errors() {
    let db = db().await;
    assert!(matches!(history::undo(&db, 999).await, Err(CoreError::NotFound { .. })));
    let q = HistoryQuery { entity: Some("app_meta".into()), record_id: Some("x".into()), ..Default::default() };
    assert!(matches!(history::list(&db, &q).await, Err(CoreError::Validation { .. })));
    let q = HistoryQuery { entity: Some("contacts".into()), ..Default::default() };
    assert!(matches!(history::list(&db, &q).await, Err(CoreError::Validation { .. })));
}
