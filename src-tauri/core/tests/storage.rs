mod common;

use hearth_core::contacts::{self, ContactQuery};
use hearth_core::{demo, lead_sources, meta, sqlite, CoreError};

#[tokio::test]
async fn file_database_uses_safe_pragmas_and_persists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/hearth.db");
    {
        let db = hearth_core::open_database(&path).await.unwrap();
        assert_eq!(sqlite::pragma(&db, "journal_mode").await.unwrap(), "wal");
        assert_eq!(sqlite::pragma(&db, "foreign_keys").await.unwrap(), "1");
        assert_eq!(sqlite::pragma(&db, "synchronous").await.unwrap(), "2", "FULL");
        assert_eq!(sqlite::pragma(&db, "busy_timeout").await.unwrap(), "5000");
        common::create_jane(&db).await;
        db.close().await.unwrap();
    }
    let db = hearth_core::open_database(&path).await.unwrap();
    let page = contacts::list(&db, &ContactQuery::default()).await.unwrap();
    assert_eq!(page.rows[0].display_name, "Jane Doe");
    assert_eq!(lead_sources::list(&db).await.unwrap().len(), lead_sources::DEFAULTS.len(), "defaults seeded once");
}

#[tokio::test]
async fn demo_business_loads_once_and_is_deterministic() {
    let a = common::db().await;
    let status = meta::status(&a).await.unwrap();
    assert!(status.needs_onboarding);
    let summary = demo::load(&a).await.unwrap();
    assert!(summary.contacts >= 300 && summary.companies >= 50 && summary.activities > 1500, "{summary:?}");
    let status = meta::status(&a).await.unwrap();
    assert!(!status.needs_onboarding && status.demo_loaded);
    assert_eq!(status.contact_count, summary.contacts);
    assert!(matches!(demo::load(&a).await, Err(CoreError::Conflict { .. })));
    let b = common::db().await;
    assert_eq!(demo::load(&b).await.unwrap().activities, summary.activities);
    let names = |db| async move {
        contacts::list(db, &ContactQuery { limit: Some(20), ..Default::default() }).await.unwrap().rows.into_iter().map(|r| r.display_name).collect::<Vec<_>>()
    };
    assert_eq!(names(&a).await, names(&b).await);
    // Every lifecycle stage is represented.
    for stage in hearth_core::lifecycle::LifecycleStage::ALL {
        let q = ContactQuery { filter: contacts::ContactFilter { stage: Some(stage), ..Default::default() }, ..Default::default() };
        assert!(contacts::list(&a, &q).await.unwrap().total > 0, "{stage:?}");
    }
}

#[tokio::test]
async fn start_empty_is_remembered() {
    let db = common::db().await;
    assert!(!meta::start_empty(&db).await.unwrap().needs_onboarding);
    assert!(!meta::status(&db).await.unwrap().needs_onboarding);
}

#[tokio::test]
async fn lead_sources_are_editable() {
    let db = common::db().await;
    let s = lead_sources::create(&db, lead_sources::LeadSourceInput { name: "Podcast".into(), is_referral: false, archived: false }).await.unwrap();
    assert!(matches!(
        lead_sources::create(&db, lead_sources::LeadSourceInput { name: " podcast ".into(), is_referral: false, archived: false }).await,
        Err(CoreError::Validation { .. })
    ));
    let mut c = contacts::ContactInput::named("Al", "Bo");
    c.lead_source_id = Some(s.id.clone());
    contacts::create(&db, c).await.unwrap();
    assert!(matches!(lead_sources::delete(&db, &s.id).await, Err(CoreError::Conflict { .. })));
    let archived = lead_sources::update(&db, &s.id, lead_sources::LeadSourceInput { name: "Podcasts".into(), is_referral: false, archived: true }).await.unwrap();
    assert!(archived.archived && archived.contact_count == 1 && archived.name == "Podcasts");
}

#[tokio::test]
async fn live_counts_follow_creates_deletes_and_restores() {
    let db = common::db().await;
    let a = common::create_jane(&db).await;
    let b = contacts::create(&db, contacts::ContactInput::named("Bo", "Ek")).await.unwrap();
    let co = common::company(&db, "Acme").await;
    let count = |db| async move { meta::status(db).await.unwrap() };
    assert_eq!((count(&db).await.contact_count, count(&db).await.company_count), (2, 1));
    contacts::delete(&db, &a.id).await.unwrap();
    hearth_core::companies::delete(&db, &co).await.unwrap();
    assert_eq!((count(&db).await.contact_count, count(&db).await.company_count), (1, 0));
    let unfiltered = contacts::list(&db, &ContactQuery::default()).await.unwrap();
    assert_eq!((unfiltered.total, unfiltered.rows.len()), (1, 1));
    contacts::restore(&db, &a.id).await.unwrap();
    contacts::restore(&db, &a.id).await.unwrap(); // restoring twice counts once
    contacts::update(&db, &b.id, contacts::ContactInput::named("Bo", "Eklund")).await.unwrap();
    assert_eq!(count(&db).await.contact_count, 2);
    assert_eq!(contacts::list(&db, &ContactQuery::default()).await.unwrap().total, 2);
}
