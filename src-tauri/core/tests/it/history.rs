use crate::common;

use common::*;
use hearth_core::contacts::{self, ContactQuery};
use hearth_core::history::{self, ActionKind, HistoryQuery};
use hearth_core::CoreError;

fn of(entity: &str, id: &str) -> HistoryQuery {
    HistoryQuery { entity: Some(entity.into()), record_id: Some(id.into()), ..Default::default() }
}

async fn all(db: &hearth_core::DatabaseConnection) -> Vec<history::HistoryAction> {
    history::list(db, &HistoryQuery::default()).await.unwrap().actions
}

#[tokio::test]
async fn an_edit_is_recorded_with_its_fields_and_undone() {
    let db = db().await;
    let jane = create_jane(&db).await;
    let mut input = jane.to_input();
    input.title = Some("Head baker".into());
    input.tags = vec!["VIP".into(), "wholesale".into()];
    contacts::update(&db, &jane.id, input).await.unwrap();

    let h = history::list(&db, &of("contacts", &jane.id)).await.unwrap().actions;
    assert_eq!(h.iter().map(|a| a.kind).collect::<Vec<_>>(), vec![ActionKind::Update, ActionKind::Create]);
    assert_eq!(h[0].subject, "Jane Doe");
    let edit = &h[0];
    let title = edit.changes.iter().flat_map(|c| &c.fields).find(|f| f.field == "title").expect("title change shown");
    assert_eq!((title.before.as_deref(), title.after.as_deref()), (Some("Owner"), Some("Head baker")));
    let whats: Vec<&str> = edit.changes.iter().map(|c| c.what.as_str()).collect();
    assert!(whats.contains(&"Tag wholesale"), "{whats:?}");
    assert!(whats.contains(&"Tag newsletter"), "{whats:?}");
    assert!(!whats.iter().any(|w| w.starts_with("E-mail")), "unchanged e-mails are not shown: {whats:?}");

    let undone = history::undo_last(&db).await.unwrap();
    assert_eq!(undone.id, edit.id);
    assert!(undone.undone_at.is_some());
    let back = contacts::get(&db, &jane.id).await.unwrap();
    assert_eq!(back.title.as_deref(), Some("Owner"));
    assert_eq!(back.tags, jane.tags);
    assert_eq!(back.emails, jane.emails);
}

#[tokio::test]
async fn a_delete_is_undone_and_a_create_goes_to_the_trash() {
    let db = db().await;
    let jane = create_jane(&db).await;
    contacts::delete(&db, &jane.id).await.unwrap();
    assert!(contacts::get(&db, &jane.id).await.is_err(), "in the trash");
    history::undo_last(&db).await.unwrap();
    assert!(contacts::get(&db, &jane.id).await.is_ok(), "undo brings the contact back");
    assert_eq!(contacts::list(&db, &ContactQuery::default()).await.unwrap().total, 1);

    // Undoing the creation moves the contact to the trash (recoverable), with its e-mails.
    history::undo_last(&db).await.unwrap();
    assert!(contacts::get(&db, &jane.id).await.is_err(), "in the trash");
    assert_eq!(contacts::list(&db, &ContactQuery::default()).await.unwrap().total, 0);
    match history::undo_last(&db).await {
        Err(CoreError::Conflict { message }) => assert!(message.contains("nothing to undo"), "{message}"),
        other => panic!("expected nothing to undo, got {other:?}"),
    }
    let restored = contacts::restore(&db, &jane.id).await.unwrap();
    assert_eq!(restored.emails, jane.emails, "its e-mails stayed with it in the trash");
}

#[tokio::test]
async fn undo_refuses_to_overwrite_a_later_change_and_redo_works() {
    let db = db().await;
    let jane = create_jane(&db).await;
    let mut a = jane.to_input();
    a.title = Some("Baker".into());
    contacts::update(&db, &jane.id, a.clone()).await.unwrap();
    let first = all(&db).await[0].id;
    a.title = Some("Owner again".into());
    contacts::update(&db, &jane.id, a).await.unwrap();
    match history::undo(&db, first).await {
        Err(CoreError::Conflict { message }) => assert!(message.contains("title") && message.contains("Jane Doe"), "{message}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(contacts::get(&db, &jane.id).await.unwrap().title.as_deref(), Some("Owner again"), "nothing changed");

    // Undo the later one, then the first; then undo that undo (redo).
    history::undo_last(&db).await.unwrap();
    history::undo(&db, first).await.unwrap();
    assert_eq!(contacts::get(&db, &jane.id).await.unwrap().title.as_deref(), Some("Owner"));
    let undo = all(&db).await.into_iter().find(|x| x.kind == ActionKind::Undo && x.undo_of == Some(first)).unwrap();
    history::undo(&db, undo.id).await.unwrap();
    assert_eq!(contacts::get(&db, &jane.id).await.unwrap().title.as_deref(), Some("Baker"));
    let again = all(&db).await.into_iter().find(|x| x.id == first).unwrap();
    assert!(again.undone_at.is_none() && again.can_undo, "redo puts the edit back in effect");
    assert!(matches!(history::undo(&db, undo.id).await, Err(CoreError::Conflict { .. })), "an undone undo cannot be undone twice");
}

#[tokio::test]
async fn retention_is_never_below_ninety_days() {
    let db = db().await;
    create_jane(&db).await;
    assert!(matches!(history::set_retention(&db, 30).await, Err(CoreError::Validation { .. })));
    hearth_core::meta::set(&db, "history_retention_days", "5").await.unwrap();
    let now = chrono::Utc::now();
    assert_eq!(history::prune(&db, now + chrono::Duration::days(89)).await.unwrap(), 0, "kept 89 days later");
    assert_eq!(history::prune(&db, now + chrono::Duration::days(91)).await.unwrap(), 1, "pruned after 90 days");
    assert!(all(&db).await.is_empty());
    assert_eq!(history::set_retention(&db, 120).await.unwrap().retention_days, 120);
}

#[tokio::test]
async fn a_stale_open_action_is_cleared_when_the_database_opens() {
    use sea_orm::ConnectionTrait;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hearth.db");
    let db = hearth_core::open_database(&path).await.unwrap();
    db.execute_unprepared("INSERT INTO history_open (action_id) VALUES (0)").await.unwrap();
    db.close().await.unwrap();
    let db = hearth_core::open_database(&path).await.unwrap();
    create_jane(&db).await;
    assert_eq!(all(&db).await.len(), 1, "the log records again");
}

#[tokio::test]
async fn the_daily_upkeep_prunes_old_history_and_decays_scores_once_a_day() {
    use hearth_core::upkeep;
    let db = db().await;
    let jane = create_jane(&db).await;
    hearth_core::meta::set(&db, "history_retention_days", "90").await.unwrap();
    let now = chrono::Utc::now();
    let later = now + chrono::Duration::days(120);
    let done = upkeep::daily(&db, later).await;
    assert_eq!(done.pruned.unwrap(), 1, "Jane's creation is older than 90 days by then");
    assert_eq!(done.rescored.unwrap(), Some(1), "the scores were a day old: rescored (decay)");
    assert!(all(&db).await.is_empty());
    // Again the same day: nothing to prune, scores fresh, nothing written.
    let again = upkeep::daily(&db, later).await;
    assert_eq!((again.pruned.unwrap(), again.rescored.unwrap()), (0, None));
    assert!(contacts::get(&db, &jane.id).await.is_ok());
    // Due once a day.
    assert!(upkeep::due(None, now));
    assert!(!upkeep::due(Some(now), now + chrono::Duration::hours(23)));
    assert!(upkeep::due(Some(now), now + chrono::Duration::hours(25)));
}
