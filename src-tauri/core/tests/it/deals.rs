use crate::common;

use chrono::{Duration, NaiveDate, Utc};
use common::{company, create_jane, db};
use hearth_core::activities::{self, ActivityInput, ActivityKind};
use hearth_core::contacts;
use hearth_core::deals::{self, BoardQuery, ColumnQuery, DealFilter, DealInput, DealMove, DealQuery, DealSort, NewDeal};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::pipelines::{self, Pipeline, StageInput, StageKind};
use hearth_core::{lost_reasons, meta, CoreError, DatabaseConnection};
use sea_orm::ConnectionTrait;

async fn sales(db: &DatabaseConnection) -> Pipeline {
    pipelines::list(db).await.unwrap().remove(0)
}

fn stage(p: &Pipeline, name: &str) -> String {
    p.stages.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no stage {name}")).id.clone()
}

async fn new_deal(db: &DatabaseConnection, p: &Pipeline, title: &str, value: i64) -> deals::DealDetail {
    deals::create(db, NewDeal { pipeline_id: p.id.clone(), stage_id: None, deal: DealInput::titled(title, value, "EUR") })
        .await
        .unwrap()
}

fn mv(d: &deals::DealDetail, stage_id: &str) -> DealMove {
    DealMove {
        deal_id: d.id.clone(),
        stage_id: stage_id.into(),
        after_id: None,
        expected_version: d.version,
        lost_reason_id: None,
        lost_note: None,
    }
}

fn codes(e: CoreError) -> Vec<(String, String)> {
    match e {
        CoreError::Validation { errors } => errors.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

async fn column_titles(db: &DatabaseConnection, stage_id: &str) -> Vec<String> {
    let page = deals::column(db, &ColumnQuery { stage_id: stage_id.into(), ..Default::default() }).await.unwrap();
    page.cards.into_iter().map(|c| c.title).collect()
}

#[tokio::test]
async fn first_start_has_the_default_pipeline_and_lost_reasons() {
    let db = db().await;
    let p = sales(&db).await;
    let names: Vec<_> = p.stages.iter().map(|s| (s.name.as_str(), s.probability, s.kind)).collect();
    assert_eq!(names[0], ("Prospecting", 10, StageKind::Open));
    assert_eq!(names[4], ("Negotiation", 80, StageKind::Open));
    assert_eq!(names[5], ("Won", 100, StageKind::Won));
    assert_eq!(names[6], ("Lost", 0, StageKind::Lost));
    assert_eq!(p.stages[0].rotting_days, Some(14));
    assert!(lost_reasons::list(&db).await.unwrap().iter().any(|r| r.name == "Price too high"));
}

#[tokio::test]
async fn create_validates_everything_and_writes_nothing_on_bad_input() {
    let db = db().await;
    let p = sales(&db).await;
    let mut bad = DealInput::titled(" ", -5, "euro");
    bad.expected_close = NaiveDate::from_ymd_opt(1999, 12, 31);
    bad.probability = Some(120);
    bad.contact_ids = vec!["nope".into()];
    let err = deals::create(&db, NewDeal { pipeline_id: p.id.clone(), stage_id: None, deal: bad }).await.unwrap_err();
    let got = codes(err);
    for want in [
        ("title", "required"),
        ("value_minor", "negative"),
        ("currency", "invalid_currency"),
        ("expected_close", "out_of_range"),
        ("probability", "out_of_range"),
        ("contact_ids.0", "not_found"),
    ] {
        assert!(got.contains(&(want.0.to_string(), want.1.to_string())), "missing {want:?} in {got:?}");
    }
    let absurd = DealInput::titled("Too much", deals::MAX_VALUE_MINOR + 1, "EUR");
    let got = codes(deals::create(&db, NewDeal { pipeline_id: p.id.clone(), stage_id: None, deal: absurd }).await.unwrap_err());
    assert_eq!(got, vec![("value_minor".to_string(), "too_large".to_string())]);
    let won = NewDeal { pipeline_id: p.id.clone(), stage_id: Some(stage(&p, "Won")), deal: DealInput::titled("x", 1, "EUR") };
    assert_eq!(codes(deals::create(&db, won).await.unwrap_err()), vec![("stage_id".into(), "closed_stage".into())]);
    let page = deals::list(&db, &DealQuery::default()).await.unwrap();
    assert_eq!(page.total, 0, "nothing was written");
}

#[tokio::test]
async fn a_new_deal_reads_back_and_makes_its_contacts_opportunities() {
    let db = db().await;
    let p = sales(&db).await;
    let jane = create_jane(&db).await;
    assert_eq!(jane.lifecycle_stage, LifecycleStage::Reach);
    let acme = company(&db, "Acme").await;
    let mut input = DealInput::titled("Website redesign", 0, "eur");
    input.contact_ids = vec![jane.id.clone()];
    input.company_id = Some(acme.clone());
    input.owner = Some("Hannah".into());
    input.tags = vec!["Spring".into()];
    input.lines = vec![
        deals::DealLineInput { name: "Design".into(), quantity: 2, unit_price_minor: 150_000, discount_percent: 10 },
        deals::DealLineInput { name: "Hosting".into(), quantity: 12, unit_price_minor: 2_500, discount_percent: 0 },
    ];
    let d = deals::create(&db, NewDeal { pipeline_id: p.id.clone(), stage_id: None, deal: input }).await.unwrap();
    assert_eq!(d.value_minor, 270_000 + 30_000, "value follows the line items");
    assert_eq!(d.currency, "EUR");
    assert_eq!(d.stage.name, "Prospecting");
    assert_eq!((d.probability, d.probability_overridden), (10, false));
    assert_eq!(d.contacts[0].name, "Jane Doe");
    assert_eq!(d.company.as_ref().unwrap().name, "Acme");
    assert_eq!(d.tags, vec!["Spring"]);
    assert_eq!(d.lines[0].total_minor, 270_000);
    assert_eq!(d.history.len(), 1);
    assert_eq!(d.history[0].from_stage_id, None);
    assert_eq!(d.days_in_stage, 0);
    assert!(d.attention.no_next_activity, "nothing is planned yet");
    let jane = contacts::get(&db, &jane.id).await.unwrap();
    assert_eq!(jane.lifecycle_stage, LifecycleStage::Conversion);
    let of_company = deals::for_company(&db, &acme).await.unwrap();
    assert_eq!(of_company.cards.len(), 1);
    assert_eq!(deals::for_contact(&db, &jane.id).await.unwrap().cards[0].id, d.id);
}

#[tokio::test]
async fn moves_are_recorded_with_who_and_when() {
    let db = db().await;
    meta::set(&db, meta::USER_NAME, "Hannah").await.unwrap();
    let p = sales(&db).await;
    let d = new_deal(&db, &p, "Bakery fit-out", 500_000).await;
    let moved = deals::move_deal(&db, mv(&d, &stage(&p, "Proposal"))).await.unwrap();
    assert_eq!(moved.stage.name, "Proposal");
    assert_eq!(moved.version, d.version + 1);
    assert_eq!(moved.probability, 60);
    let h = &moved.history[0];
    assert_eq!(h.from_stage_name.as_deref(), Some("Prospecting"));
    assert_eq!(h.to_stage_name, "Proposal");
    assert_eq!(h.changed_by.as_deref(), Some("Hannah"));
    assert!((Utc::now() - h.changed_at).num_seconds() < 5);
    assert_eq!(deals::history(&db, &d.id).await.unwrap().len(), 2);
    // Reordering within the column is not a stage change.
    let again = deals::move_deal(&db, mv(&moved, &stage(&p, "Proposal"))).await.unwrap();
    assert_eq!(again.history.len(), 2);
}

#[tokio::test]
async fn bad_moves_are_typed_errors_and_change_nothing() {
    let db = db().await;
    let p = sales(&db).await;
    let other = pipelines::create(&db, "Partnerships").await.unwrap();
    let d = new_deal(&db, &p, "Café", 1000).await;
    let err = deals::move_deal(&db, mv(&d, &other.stages[1].id)).await.unwrap_err();
    assert_eq!(codes(err), vec![("stage_id".into(), "wrong_pipeline".into())]);
    let mut unknown = mv(&d, &stage(&p, "Proposal"));
    unknown.deal_id = "missing".into();
    assert!(matches!(deals::move_deal(&db, unknown).await, Err(CoreError::NotFound { .. })));
    // Someone else moved it first: the stale move is refused.
    deals::move_deal(&db, mv(&d, &stage(&p, "Proposal"))).await.unwrap();
    let stale = deals::move_deal(&db, mv(&d, &stage(&p, "Negotiation"))).await.unwrap_err();
    assert!(matches!(stale, CoreError::Conflict { .. }), "{stale:?}");
    let stale_edit = deals::update(&db, &d.id, d.version, DealInput::titled("Renamed", 1, "EUR")).await.unwrap_err();
    assert!(matches!(stale_edit, CoreError::Conflict { .. }));
    let now = deals::get(&db, &d.id).await.unwrap();
    assert_eq!((now.stage.name.as_str(), now.title.as_str(), now.history.len()), ("Proposal", "Café", 2));
    // Lost needs a current reason.
    let lost = stage(&p, "Lost");
    let err = deals::move_deal(&db, mv(&now, &lost)).await.unwrap_err();
    assert_eq!(codes(err), vec![("lost_reason_id".into(), "required".into())]);
    assert_eq!(deals::get(&db, &d.id).await.unwrap().status, StageKind::Open);
}

#[tokio::test]
async fn order_within_a_column_is_kept_and_survives_squeezing() {
    let db = db().await;
    let p = sales(&db).await;
    let first = stage(&p, "Prospecting");
    let a = new_deal(&db, &p, "A", 1).await;
    let b = new_deal(&db, &p, "B", 1).await;
    let c = new_deal(&db, &p, "C", 1).await;
    // New deals go on top.
    assert_eq!(column_titles(&db, &first).await, ["C", "B", "A"]);
    let mut m = mv(&c, &first);
    m.after_id = Some(a.id.clone());
    let c = deals::move_deal(&db, m).await.unwrap();
    assert_eq!(column_titles(&db, &first).await, ["B", "A", "C"]);
    // Squeeze A and C together until the ranks run out: the column is renumbered, order kept.
    db.execute_unprepared(&format!("UPDATE deals SET rank = 1.0 WHERE id = '{}'", a.id)).await.unwrap();
    db.execute_unprepared(&format!("UPDATE deals SET rank = 1.0000000000000002 WHERE id = '{}'", c.id)).await.unwrap();
    db.execute_unprepared(&format!("UPDATE deals SET rank = 0.5 WHERE id = '{}'", b.id)).await.unwrap();
    let b = deals::get(&db, &b.id).await.unwrap();
    let mut m = mv(&b, &first);
    m.after_id = Some(a.id.clone());
    deals::move_deal(&db, m).await.unwrap();
    assert_eq!(column_titles(&db, &first).await, ["A", "B", "C"]);
    let _ = c;
}

#[tokio::test]
async fn probability_follows_the_stage_unless_overridden() {
    let db = db().await;
    let p = sales(&db).await;
    let d = new_deal(&db, &p, "Follows", 1000).await;
    let mut input = DealInput::titled("Own", 1000, "EUR");
    input.probability = Some(35);
    let own = deals::create(&db, NewDeal { pipeline_id: p.id.clone(), stage_id: None, deal: input }).await.unwrap();
    assert_eq!((own.probability, own.probability_overridden, own.stage.probability), (35, true, 10));
    pipelines::stage_update(&db, &stage(&p, "Prospecting"), StageInput { name: "Prospecting".into(), probability: 15, rotting_days: Some(14) })
        .await
        .unwrap();
    assert_eq!(deals::get(&db, &d.id).await.unwrap().probability, 15);
    assert_eq!(deals::get(&db, &own.id).await.unwrap().probability, 35);
}

#[tokio::test]
async fn attention_flags_rotting_deals_and_those_with_nothing_planned() {
    let db = db().await;
    let p = sales(&db).await;
    let d = new_deal(&db, &p, "Quiet", 1000).await;
    assert!(!d.attention.rotting && d.attention.no_next_activity);
    let task = activities::create(&db, ActivityInput {
        kind: ActivityKind::Task,
        subject: "Send the proposal".into(),
        body: None,
        contact_id: None,
        company_id: None,
        deal_id: Some(d.id.clone()),
        occurred_at: None,
        due_at: Some(Utc::now() + Duration::days(2)),
        duration_minutes: None,
        outcome: None,
    })
    .await
    .unwrap();
    assert_eq!(task.deal.as_ref().unwrap().name, "Quiet");
    let d = deals::get(&db, &d.id).await.unwrap();
    assert!(!d.attention.no_next_activity);
    assert!(d.next_activity_at.is_some());
    // Fifteen days in Prospecting (threshold 14): rotting.
    let past = (Utc::now() - Duration::days(15)).format("%Y-%m-%dT%H:%M:%S%.3f+00:00").to_string();
    db.execute_unprepared(&format!("UPDATE deals SET stage_entered_at = '{past}' WHERE id = '{}'", d.id)).await.unwrap();
    let d = deals::get(&db, &d.id).await.unwrap();
    assert_eq!(d.days_in_stage, 15);
    assert!(d.attention.rotting);
    let only = deals::board(&db, &BoardQuery {
        pipeline_id: p.id.clone(),
        filter: DealFilter { attention_only: true, ..Default::default() },
        ..Default::default()
    })
    .await
    .unwrap();
    assert_eq!(only.columns[0].count, 1);
    assert!(only.columns[0].cards[0].attention.rotting);
    // Done task: nothing planned any more.
    activities::set_done(&db, &task.id, true).await.unwrap();
    assert!(deals::get(&db, &d.id).await.unwrap().attention.no_next_activity);
    let tl = activities::timeline(&db, &activities::TimelineQuery { deal_id: Some(d.id.clone()), ..Default::default() }).await.unwrap();
    assert_eq!(tl.items.len(), 1);
}

#[tokio::test]
async fn won_makes_customers_lost_needs_a_reason_and_both_reopen() {
    let db = db().await;
    let p = sales(&db).await;
    let jane = create_jane(&db).await;
    let mut input = DealInput::titled("Catering contract", 240_000, "GBP");
    input.contact_ids = vec![jane.id.clone()];
    let d = deals::create(&db, NewDeal { pipeline_id: p.id.clone(), stage_id: None, deal: input }).await.unwrap();
    let won = deals::move_deal(&db, mv(&d, &stage(&p, "Won"))).await.unwrap();
    assert_eq!(won.status, StageKind::Won);
    assert!(won.closed_at.is_some());
    assert_eq!((won.probability, won.value_minor), (100, 240_000));
    assert!(!won.attention.no_next_activity, "closed deals need no attention");
    let jane_now = contacts::get(&db, &jane.id).await.unwrap();
    assert_eq!(jane_now.lifecycle_stage, LifecycleStage::Retention);
    assert_eq!(jane_now.lifecycle_history[0].to_stage, LifecycleStage::Retention);
    // Reopen.
    let reopened = deals::move_deal(&db, mv(&won, &stage(&p, "Negotiation"))).await.unwrap();
    assert_eq!((reopened.status, reopened.closed_at), (StageKind::Open, None));
    // Lost with a reason.
    let reason = lost_reasons::list(&db).await.unwrap().into_iter().find(|r| r.name == "No budget").unwrap();
    let mut m = mv(&reopened, &stage(&p, "Lost"));
    m.lost_reason_id = Some(reason.id.clone());
    m.lost_note = Some("Next year maybe".into());
    let lost = deals::move_deal(&db, m).await.unwrap();
    assert_eq!(lost.status, StageKind::Lost);
    assert_eq!(lost.lost_reason.as_ref().unwrap().name, "No budget");
    assert_eq!(lost.lost_note.as_deref(), Some("Next year maybe"));
    assert_eq!(lost.history.len(), 4);
    assert!(lost_reasons::delete(&db, &reason.id).await.is_err(), "a used reason is archived, not deleted");
    let back = deals::move_deal(&db, mv(&lost, &stage(&p, "Proposal"))).await.unwrap();
    assert_eq!((back.status, back.lost_reason.clone(), back.lost_note.clone()), (StageKind::Open, None, None));
}

#[tokio::test]
async fn stages_are_edited_reordered_and_removed_with_their_deals_moved() {
    let db = db().await;
    let p = sales(&db).await;
    let d = new_deal(&db, &p, "Moves with its stage", 1000).await;
    let p2 = pipelines::stage_create(&db, &p.id, StageInput { name: "Trial".into(), probability: 50, rotting_days: None })
        .await
        .unwrap();
    let names: Vec<_> = p2.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names[5..], ["Trial", "Won", "Lost"]);
    let bad = pipelines::stage_update(&db, &stage(&p, "Won"), StageInput { name: "Won".into(), probability: 90, rotting_days: None })
        .await
        .unwrap_err();
    assert_eq!(codes(bad), vec![("probability".into(), "fixed".into())]);
    let mut open: Vec<String> = p2.stages.iter().filter(|s| s.kind == StageKind::Open).map(|s| s.id.clone()).collect();
    open.reverse();
    let p3 = pipelines::stages_reorder(&db, &p.id, open.clone()).await.unwrap();
    assert_eq!(p3.stages[0].name, "Trial");
    assert_eq!(p3.stages[7].name, "Lost");
    assert!(pipelines::stages_reorder(&db, &p.id, open[1..].to_vec()).await.is_err());
    // Remove Prospecting; its deal goes to Trial and the history says so.
    let err = pipelines::stage_delete(&db, &stage(&p, "Prospecting"), &stage(&p, "Won")).await.unwrap_err();
    assert_eq!(codes(err), vec![("move_to".into(), "wrong_stage".into())]);
    let trial = stage(&p3, "Trial");
    let p4 = pipelines::stage_delete(&db, &stage(&p, "Prospecting"), &trial).await.unwrap();
    assert_eq!(p4.stages.len(), 7);
    assert!(p4.stages.iter().all(|s| s.name != "Prospecting"));
    let moved = deals::get(&db, &d.id).await.unwrap();
    assert_eq!(moved.stage.name, "Trial");
    assert_eq!(moved.history[0].from_stage_name.as_deref(), Some("Prospecting"));
    assert!(pipelines::stage_delete(&db, &stage(&p, "Won"), &trial).await.is_err());
    assert!(pipelines::delete(&db, &p.id).await.is_err(), "the last pipeline stays");
}

#[tokio::test]
async fn board_sums_counts_filters_and_pages() {
    let db = db().await;
    let p = sales(&db).await;
    let acme = company(&db, "Acme Bakery").await;
    for i in 0..45 {
        let mut input = DealInput::titled(&format!("Deal {i:02}"), 10_000, if i % 5 == 0 { "USD" } else { "EUR" });
        input.owner = Some(if i % 3 == 0 { "Marco" } else { "Hannah" }.into());
        input.expected_close = NaiveDate::from_ymd_opt(2026, 12, 1 + (i % 28) as u32);
        if i == 7 {
            input.company_id = Some(acme.clone());
            input.tags = vec!["vip".into()];
            input.probability = Some(50);
        }
        deals::create(&db, NewDeal { pipeline_id: p.id.clone(), stage_id: None, deal: input }).await.unwrap();
    }
    let q = |filter: DealFilter| BoardQuery { pipeline_id: p.id.clone(), filter, cards_per_column: None };
    let b = deals::board(&db, &q(DealFilter::default())).await.unwrap();
    let col = &b.columns[0];
    assert_eq!((col.count, col.cards.len(), col.attention_count), (45, 30, 45));
    let eur = col.totals.iter().find(|t| t.currency == "EUR").unwrap();
    assert_eq!(eur.total_minor, 36 * 10_000);
    // 35 EUR deals at 10 % and one at 50 %.
    assert_eq!(eur.weighted_minor, 35 * 1_000 + 5_000);
    assert_eq!(col.totals.iter().find(|t| t.currency == "USD").unwrap().total_minor, 9 * 10_000);
    assert_eq!(b.columns[1].count, 0);
    let rest = deals::column(&db, &ColumnQuery { stage_id: col.stage.id.clone(), offset: 30, limit: Some(30), ..Default::default() })
        .await
        .unwrap();
    assert_eq!((rest.total, rest.cards.len()), (45, 15));
    assert_eq!(deals::board(&db, &q(DealFilter { owner: Some("Marco".into()), ..Default::default() })).await.unwrap().columns[0].count, 15);
    assert_eq!(deals::board(&db, &q(DealFilter { tag: Some("VIP".into()), ..Default::default() })).await.unwrap().columns[0].count, 1);
    assert_eq!(deals::board(&db, &q(DealFilter { text: Some("bakery".into()), ..Default::default() })).await.unwrap().columns[0].count, 1);
    assert_eq!(deals::board(&db, &q(DealFilter { text: Some("deal 1".into()), ..Default::default() })).await.unwrap().columns[0].count, 10);
    let range = DealFilter {
        close_from: NaiveDate::from_ymd_opt(2026, 12, 1),
        close_to: NaiveDate::from_ymd_opt(2026, 12, 2),
        ..Default::default()
    };
    assert_eq!(deals::board(&db, &q(range)).await.unwrap().columns[0].count, 4);
    let by_value = deals::list(&db, &DealQuery { sort: DealSort::Title, limit: Some(3), ..Default::default() }).await.unwrap();
    assert_eq!(by_value.cards.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(), ["Deal 00", "Deal 01", "Deal 02"]);
    assert_eq!(by_value.total, 45);
}

#[tokio::test]
async fn trashed_deals_leave_the_board_and_come_back() {
    let db = db().await;
    let p = sales(&db).await;
    let d = new_deal(&db, &p, "Trash me", 1).await;
    deals::delete(&db, &d.id).await.unwrap();
    assert!(matches!(deals::get(&db, &d.id).await, Err(CoreError::NotFound { .. })));
    let b = deals::board(&db, &BoardQuery { pipeline_id: p.id.clone(), ..Default::default() }).await.unwrap();
    assert_eq!(b.columns[0].count, 0);
    let back = deals::restore(&db, &d.id).await.unwrap();
    assert_eq!(back.stage.name, "Prospecting");
    assert_eq!(back.history.len(), 1);
}
