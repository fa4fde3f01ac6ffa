//! The lead score: every kind of rule, decay with an injected clock, explanation lines,
//! overrides, thresholds, bad rules, incremental refresh.
use crate::common;

use chrono::{Duration, TimeZone, Utc};
use common::{create_jane, db};
use hearth_core::activities::{self, ActivityInput, ActivityKind};
use hearth_core::scoring::{self, rules, Condition, FitField, Op, ScoreRuleInput, Temperature, Thresholds};
use hearth_core::{CoreError, DatabaseConnection};
use sea_orm::ConnectionTrait;

async fn only(db: &DatabaseConnection, keep: &[ScoreRuleInput]) {
    db.execute_unprepared("DELETE FROM score_rules").await.unwrap();
    for r in keep {
        rules::create(db, r).await.unwrap();
    }
}

fn rule(name: &str, condition: Condition, points: i32) -> ScoreRuleInput {
    ScoreRuleInput { name: name.into(), condition, points, enabled: true }
}

fn call(contact: &str, outcome: &str, at: chrono::DateTime<Utc>) -> ActivityInput {
    ActivityInput {
        kind: ActivityKind::Call,
        subject: "Call".into(),
        body: None,
        contact_id: Some(contact.into()),
        company_id: None,
        deal_id: None,
        occurred_at: Some(at),
        due_at: None,
        duration_minutes: None,
        outcome: Some(outcome.into()),
    }
}

#[tokio::test]
async fn a_new_database_has_sensible_default_rules() {
    let db = db().await;
    let list = rules::list(&db).await.unwrap();
    assert!(list.len() >= 10);
    assert!(list.iter().any(|r| r.name == "Decision maker" && r.points == 20));
    assert!(list.iter().any(|r| matches!(r.condition, Condition::NoTouch { .. }) && r.points < 0));
}

#[tokio::test]
async fn fit_rules_match_fields_tags_and_answers_and_explain_themselves() {
    let db = db().await;
    let jane = create_jane(&db).await; // title Owner, tags VIP and newsletter
    only(&db, &[
        rule("Owner", Condition::Field { field: FitField::Title, op: Op::Contains, value: "own".into() }, 10),
        rule("VIP", Condition::Field { field: FitField::Tag, op: Op::Is, value: "vip".into() }, 15),
        rule("Not a reseller", Condition::Field { field: FitField::Tag, op: Op::IsNot, value: "reseller".into() }, 5),
        rule("Decision maker", Condition::Field { field: FitField::Authority, op: Op::Is, value: "decision_maker".into() }, 20),
        rule("Budget of 1,000 or more", Condition::Budget { at_least_minor: Some(100_000) }, 10),
    ])
    .await;
    let now = Utc::now();
    let card = scoring::card(&db, &jane.id, now).await.unwrap();
    assert_eq!((card.fit, card.engagement, card.computed), (30, 0, 30));
    let names: Vec<&str> = card.lines.iter().map(|l| l.rule.as_str()).collect();
    assert_eq!(names, ["Owner", "VIP", "Not a reseller"]);

    db.execute_unprepared(&format!("UPDATE contacts SET authority = 'decision_maker', budget_minor = 250000 WHERE id = '{}'", jane.id)).await.unwrap();
    let card = scoring::card(&db, &jane.id, now).await.unwrap();
    assert_eq!(card.computed, 60);
    assert_eq!(card.temperature, Temperature::Warm);
}

#[tokio::test]
async fn engagement_decays_with_its_half_life_and_no_touch_subtracts() {
    let db = db().await;
    let jane = create_jane(&db).await;
    only(&db, &[
        rule("Call connected", Condition::Activity { kind: ActivityKind::Call, outcome: Some("connected".into()), half_life_days: 10 }, 20),
        rule("No touch in 30 days", Condition::NoTouch { days: 30 }, -10),
    ])
    .await;
    let t0 = Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap();
    activities::create(&db, call(&jane.id, "Connected", t0)).await.unwrap();
    activities::create(&db, call(&jane.id, "No answer", t0)).await.unwrap();

    let same_day = scoring::card(&db, &jane.id, t0 + Duration::hours(1)).await.unwrap();
    assert_eq!(same_day.engagement, 20, "only the connected call counts, at full weight");
    assert_eq!(same_day.lines[0].detail.as_deref(), Some("today"));
    let ten_days = scoring::card(&db, &jane.id, t0 + Duration::days(10)).await.unwrap();
    assert_eq!(ten_days.engagement, 10, "half after one half-life");
    assert_eq!(ten_days.lines[0].detail.as_deref(), Some("10 days ago"));
    let later = scoring::card(&db, &jane.id, t0 + Duration::days(40)).await.unwrap();
    assert_eq!(later.engagement, 1 - 10, "1 point left from the call, −10 for no touch");
    assert_eq!(later.computed, 0, "the score never goes below 0");
}

#[tokio::test]
async fn rescore_and_refresh_store_what_the_card_shows() {
    let db = db().await;
    let jane = create_jane(&db).await;
    let now = Utc::now();
    assert_eq!(scoring::rescore_all(&db, now).await.unwrap(), 1);
    let stored = |db: &DatabaseConnection, id: String| {
        let db = db.clone();
        async move {
            let r = db.query_one_raw(sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, format!("SELECT total FROM contact_scores WHERE contact_id = '{id}'"))).await.unwrap();
            r.map(|r| r.try_get_by_index::<i32>(0).unwrap())
        }
    };
    let before = stored(&db, jane.id.clone()).await.unwrap();
    assert_eq!(before, scoring::card(&db, &jane.id, now).await.unwrap().computed);
    db.execute_unprepared(&format!("UPDATE contacts SET authority = 'decision_maker' WHERE id = '{}'", jane.id)).await.unwrap();
    scoring::refresh(&db, std::slice::from_ref(&jane.id), now).await.unwrap();
    let after = stored(&db, jane.id.clone()).await.unwrap();
    assert_eq!(after, scoring::card(&db, &jane.id, now).await.unwrap().computed);
    assert!(after > before, "the default Decision maker rule counts after the refresh ({before} → {after})");
}

#[tokio::test]
async fn an_override_needs_a_reason_and_keeps_the_computed_score_visible() {
    let db = db().await;
    let jane = create_jane(&db).await;
    let err = scoring::set_override(&db, &jane.id, Some(90), None).await.unwrap_err();
    assert!(matches!(&err, CoreError::Validation { errors } if errors[0].field == "reason"), "{err:?}");
    assert!(matches!(scoring::set_override(&db, &jane.id, Some(101), Some("x".into())).await, Err(CoreError::Validation { .. })));
    let card = scoring::set_override(&db, &jane.id, Some(90), Some("Met her at the fair, ready to buy".into())).await.unwrap();
    assert_eq!((card.score, card.override_score, card.temperature), (90, Some(90), Temperature::Hot));
    assert!(card.computed < 90, "the computed score stays beside it");
    let back = scoring::set_override(&db, &jane.id, None, None).await.unwrap();
    assert_eq!((back.score, back.override_reason), (back.computed, None));
}

#[tokio::test]
async fn bad_rules_and_thresholds_are_refused_and_nothing_is_saved() {
    let db = db().await;
    let before = rules::list(&db).await.unwrap();
    let bad = [
        rule("", Condition::NoTouch { days: 30 }, -10),
        rule("Zero", Condition::NoTouch { days: 30 }, 0),
        rule("Too many", Condition::NoTouch { days: 30 }, 500),
        rule("Never", Condition::NoTouch { days: 0 }, -5),
        rule("No value", Condition::Field { field: FitField::Industry, op: Op::Is, value: "  ".into() }, 5),
        rule("Half-life", Condition::Activity { kind: ActivityKind::Email, outcome: None, half_life_days: 0 }, 5),
        rule("Negative budget", Condition::Budget { at_least_minor: Some(-1) }, 5),
    ];
    for b in &bad {
        assert!(matches!(rules::create(&db, b).await, Err(CoreError::Validation { .. })), "{b:?}");
    }
    assert_eq!(rules::list(&db).await.unwrap(), before);
    let err = scoring::set_thresholds(&db, Thresholds { hot: 40, warm: 60 }).await.unwrap_err();
    assert!(matches!(&err, CoreError::Validation { errors } if errors[0].code == "above_hot"), "{err:?}");
    assert_eq!(scoring::thresholds(&db).await.unwrap(), Thresholds { hot: 70, warm: 40 });
    assert!(matches!(rules::delete(&db, "nope").await, Err(CoreError::NotFound { .. })));
}

#[tokio::test]
async fn scores_follow_the_edits_behind_them() {
    let db = db().await;
    let jane = create_jane(&db).await;
    only(&db, &[
        rule("Call connected", Condition::Activity { kind: ActivityKind::Call, outcome: Some("connected".into()), half_life_days: 30 }, 20),
        rule("Bakery", Condition::Field { field: FitField::Industry, op: Op::Is, value: "Bakery".into() }, 10),
    ])
    .await;
    let stored = || async {
        let r = db.query_one_raw(sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, format!("SELECT total FROM contact_scores WHERE contact_id = '{}'", jane.id))).await.unwrap();
        r.map(|r| r.try_get_by_index::<i32>(0).unwrap())
    };
    // Logging a call scores the contact at once; undoing it takes the points away again.
    activities::create(&db, call(&jane.id, "Connected", Utc::now())).await.unwrap();
    assert_eq!(stored().await, Some(20));
    hearth_core::history::undo_last(&db).await.unwrap();
    assert_eq!(stored().await, Some(0));
    // A company edit rescoring its contacts.
    let mut co = hearth_core::companies::CompanyInput::named("Old Mill");
    let company = hearth_core::companies::create(&db, co.clone()).await.unwrap();
    let mut edit = jane.to_input();
    edit.company_id = Some(company.id.clone());
    hearth_core::contacts::update(&db, &jane.id, edit).await.unwrap();
    co.industry = Some("Bakery".into());
    hearth_core::companies::update(&db, &company.id, co).await.unwrap();
    assert_eq!(stored().await, Some(10));
    // Stale scores are redone once a day; fresh ones are left alone (no write).
    let now = Utc::now();
    assert_eq!(scoring::rescore_if_stale(&db, now).await.unwrap(), None);
    assert_eq!(scoring::rescore_if_stale(&db, now + Duration::days(2)).await.unwrap(), Some(1));
}

#[tokio::test]
async fn qualifying_a_lead_moves_it_forward_and_raises_its_score() {
    use hearth_core::contacts::{self, Authority, NeedLevel, Qualification, QualificationStatus};
    use hearth_core::lifecycle::LifecycleStage;
    let db = db().await;
    let jane = create_jane(&db).await; // a new lead (Reach)
    let before = scoring::card(&db, &jane.id, Utc::now()).await.unwrap();

    let bad = Qualification { status: QualificationStatus::Disqualified, budget_minor: Some(50_000), ..Default::default() };
    let err = contacts::qualify(&db, &jane.id, &bad).await.unwrap_err();
    let CoreError::Validation { errors } = &err else { panic!("{err:?}") };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["disqualified_reason", "budget_currency"]);
    assert_eq!(contacts::qualification(&db, &jane.id).await.unwrap(), Qualification::default(), "nothing was written");

    let answers = Qualification {
        status: QualificationStatus::Qualified,
        budget_minor: Some(500_000),
        budget_currency: Some("eur".into()),
        authority: Some(Authority::DecisionMaker),
        need_level: Some(NeedLevel::High),
        need_note: Some("Second shop opens in spring".into()),
        timeline_on: Some(chrono::Utc::now().date_naive() + Duration::days(30)),
        ..Default::default()
    };
    let saved = contacts::qualify(&db, &jane.id, &answers).await.unwrap();
    assert_eq!(saved.budget_currency.as_deref(), Some("EUR"));
    let jane_now = contacts::get(&db, &jane.id).await.unwrap();
    assert_eq!(jane_now.lifecycle_stage, LifecycleStage::Conversion, "qualified: an opportunity now");
    assert_eq!(jane_now.lifecycle_history.len(), 2);
    let after = scoring::card(&db, &jane.id, Utc::now()).await.unwrap();
    let rules: Vec<&str> = after.lines.iter().map(|l| l.rule.as_str()).collect();
    for r in ["Decision maker", "High need", "Budget given", "Buying within 90 days", "Qualified"] {
        assert!(rules.contains(&r), "{r} missing from {rules:?}");
    }
    assert_eq!(after.fit, before.fit + 20 + 15 + 10 + 10 + 10);
    // It shows in the contact's history by name, the budget with its currency.
    let q = hearth_core::history::HistoryQuery { entity: Some("contacts".into()), record_id: Some(jane.id.clone()), ..Default::default() };
    let newest = hearth_core::history::list(&db, &q).await.unwrap().actions.remove(0);
    let change = newest.changes.iter().find(|c| c.fields.iter().any(|f| f.label == "Budget")).expect("a Budget field");
    assert_eq!(change.currency.as_deref(), Some("EUR"));
    assert!(change.fields.iter().any(|f| f.label == "Authority" && f.after.as_deref() == Some("decision_maker")));
    // And it is one undoable action.
    hearth_core::history::undo_last(&db).await.unwrap();
    assert_eq!(contacts::qualification(&db, &jane.id).await.unwrap(), Qualification::default());
    assert_eq!(contacts::get(&db, &jane.id).await.unwrap().lifecycle_stage, LifecycleStage::Reach);
}

#[tokio::test]
async fn the_editor_previews_a_set_of_rules_and_saves_it_whole() {
    let db = db().await;
    let jane = create_jane(&db).await; // tagged VIP
    hearth_core::contacts::create(&db, hearth_core::contacts::ContactInput::named("Ole", "Lund")).await.unwrap();
    let set = vec![
        rule("VIP", Condition::Field { field: FitField::Tag, op: Op::Is, value: "vip".into() }, 80),
        rule("Anyone", Condition::Field { field: FitField::LifecycleStage, op: Op::IsSet, value: String::new() }, 10),
    ];
    let p = scoring::preview(&db, &set, Utc::now()).await.unwrap();
    assert_eq!(p.matches, vec![1, 2]);
    assert_eq!(p.after.bands[9], 1, "Jane at 90");
    assert_eq!(p.after.bands[1], 1, "Ole at 10");
    assert_eq!((p.after.hot, p.after.cold), (1, 1));
    assert_eq!(p.now.bands.iter().sum::<u32>(), 2);
    assert_eq!(rules::list(&db).await.unwrap().len(), rules::defaults().len(), "a preview saves nothing");

    let mut bad = set.clone();
    bad[1].points = 0;
    let err = scoring::save_all(&db, &bad).await.unwrap_err();
    assert!(matches!(&err, CoreError::Validation { errors } if errors[0].field == "rules.1.points"), "{err:?}");
    assert_eq!(rules::list(&db).await.unwrap().len(), rules::defaults().len(), "nothing saved");

    let saved = scoring::save_all(&db, &set).await.unwrap();
    assert_eq!(saved.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["VIP", "Anyone"]);
    assert_eq!(scoring::card(&db, &jane.id, Utc::now()).await.unwrap().temperature, Temperature::Hot);
}

#[tokio::test]
async fn the_list_sorts_by_the_score_in_effect() {
    use hearth_core::common::SortDirection;
    use hearth_core::contacts::{self, ContactInput, ContactQuery, ContactSort};
    let db = db().await;
    only(&db, &[rule("VIP", Condition::Field { field: FitField::Tag, op: Op::Is, value: "vip".into() }, 50)]).await;
    let jane = create_jane(&db).await; // VIP: 50
    let ole = contacts::create(&db, ContactInput::named("Ole", "Lund")).await.unwrap(); // 0
    let mia = contacts::create(&db, ContactInput::named("Mia", "Holm")).await.unwrap(); // 0, set to 80 by hand
    scoring::set_override(&db, &mia.id, Some(80), Some("Ready".into())).await.unwrap();
    let q = ContactQuery { sort: ContactSort::Score, direction: SortDirection::Desc, ..Default::default() };
    let page = contacts::list(&db, &q).await.unwrap();
    let order: Vec<(&str, Option<i32>)> = page.rows.iter().map(|r| (r.id.as_str(), r.score)).collect();
    assert_eq!(order, [(mia.id.as_str(), Some(80)), (jane.id.as_str(), Some(50)), (ole.id.as_str(), Some(0))]);
    assert_eq!(page.rows[0].temperature, Some(Temperature::Hot));
}
