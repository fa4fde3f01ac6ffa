use crate::common;

use hearth_core::contacts::{self, ContactQuery};
use hearth_core::deals::{self, BoardQuery, DealCard};
use hearth_core::pipelines::{self, StageKind};
use hearth_core::{demo, lead_sources, lost_reasons, meta, sqlite, CoreError};

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
    // The same deals, in the same columns, in both databases.
    let columns = |db| async move {
        let p = pipelines::list(db).await.unwrap().remove(0);
        let b = deals::board(db, &BoardQuery { pipeline_id: p.id, cards_per_column: Some(100), ..Default::default() }).await.unwrap();
        b.columns.into_iter().map(|c| (c.stage.name, c.cards.into_iter().map(|d| d.title).collect::<Vec<_>>())).collect::<Vec<_>>()
    };
    assert_eq!(columns(&a).await, columns(&b).await);
}

#[tokio::test]
async fn demo_business_has_a_believable_pipeline() {
    let db = common::db().await;
    demo::load(&db).await.unwrap();
    assert_eq!(meta::get(&db, meta::USER_NAME).await.unwrap().as_deref(), Some(demo::OWNERS[0]));
    let p = pipelines::list(&db).await.unwrap().remove(0);
    let board = deals::board(&db, &BoardQuery { pipeline_id: p.id.clone(), cards_per_column: Some(100), ..Default::default() }).await.unwrap();
    let total: u32 = board.columns.iter().map(|c| c.count).sum();
    assert!((40..=60).contains(&total), "{total} deals");
    for c in &board.columns {
        assert!(c.count >= 3, "every stage, open, won and lost, has deals: {} has {}", c.stage.name, c.count);
        assert_eq!(c.cards.len() as u32, c.count);
        assert!(c.totals.iter().all(|t| ["EUR", "GBP"].contains(&t.currency.as_str()) && t.total_minor > 0));
    }
    let open: Vec<&DealCard> =
        board.columns.iter().filter(|c| c.stage.kind == StageKind::Open).flat_map(|c| c.cards.iter()).collect();
    let attention = open.iter().filter(|d| d.attention.any()).count();
    assert!(attention > 0 && attention < open.len() / 2 + 5, "{attention} of {} open deals need attention", open.len());
    assert!(open.iter().any(|d| d.attention.rotting) && open.iter().any(|d| d.attention.no_next_activity));
    assert!(open.iter().filter(|d| d.attention.rotting).count() <= 10, "a few are rotting");
    assert!(open.iter().any(|d| d.days_in_stage > 0), "deals entered their stages in the past");
    let owners: std::collections::HashSet<_> = open.iter().filter_map(|d| d.owner.as_deref()).collect();
    assert!(owners.len() > 1 && owners.iter().all(|o| demo::OWNERS.contains(o)));
    let mut with_lines = 0;
    let mut overridden = 0;
    let mut planned = 0;
    for c in &board.columns {
        for card in &c.cards {
            let d = deals::get(&db, &card.id).await.unwrap();
            assert!(!d.contacts.is_empty() && d.owner.is_some() && d.expected_close.is_some(), "{}", d.title);
            with_lines += usize::from(!d.lines.is_empty());
            overridden += usize::from(d.probability_overridden);
            planned += usize::from(d.next_activity_at.is_some());
            match d.status {
                StageKind::Lost => assert!(d.lost_reason.is_some() && d.closed_at == Some(d.stage_entered_at)),
                StageKind::Won => assert!(d.lost_reason.is_none() && d.closed_at == Some(d.stage_entered_at)),
                StageKind::Open => assert!(d.closed_at.is_none() && d.stage_entered_at < chrono::Utc::now()),
            }
            // History: created, then every move, in time order, ending when it entered its stage.
            let h: Vec<_> = d.history.iter().rev().collect();
            assert!(h.len() >= 2 || d.stage.position == 0, "{} has {} changes", d.title, h.len());
            assert_eq!(h[0].from_stage_id, None);
            assert_eq!(h[0].changed_at, d.created_at);
            assert!(h.windows(2).all(|w| w[0].changed_at < w[1].changed_at && w[1].from_stage_id.as_deref() == Some(w[0].to_stage_id.as_str())));
            let last = h.last().unwrap();
            assert_eq!((last.to_stage_id.as_str(), last.changed_at), (d.stage.id.as_str(), d.stage_entered_at));
        }
    }
    assert!(with_lines > 5 && overridden > 2 && planned > 10, "lines {with_lines}, overrides {overridden}, planned {planned}");
    let reasons = lost_reasons::list(&db).await.unwrap();
    assert!(reasons.iter().map(|r| r.deal_count).sum::<u32>() >= 3);
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
