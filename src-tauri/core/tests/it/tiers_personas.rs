//! Priority tiers and personas: default tiers, assignment that follows each edit, rules that
//! would depend on themselves, measured conversion against a hand-computed answer, personas by
//! rule and by hand, and the contacts list filtered by tier, persona, temperature and score.
use crate::common;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use common::{company, db};
use hearth_core::contacts::{self, ContactFilter, ContactInput, ContactQuery};
use hearth_core::conversion::{Conversion, Period};
use hearth_core::criteria::{cond, CritOp, Filter};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::personas::{self, PersonaInput};
use hearth_core::segments::{self, SegmentInput};
use hearth_core::tiers::{self, TierId, TierInput};
use hearth_core::{history, scoring, CoreError, DatabaseConnection};
use sea_orm::ConnectionTrait;

async fn tier_of(db: &DatabaseConnection, id: &str) -> Option<TierId> {
    tiers::of_contact(db, id).await.unwrap().map(|t| t.id)
}

async fn person(db: &DatabaseConnection, first: &str, stage: LifecycleStage) -> String {
    let mut c = ContactInput::named(first, "Test");
    c.lifecycle_stage = stage;
    contacts::create(db, c).await.unwrap().id
}

fn codes(e: CoreError) -> Vec<String> {
    match e {
        CoreError::Validation { errors } => errors.into_iter().map(|e| e.code).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn input_of(t: &tiers::Tier) -> TierInput {
    TierInput {
        name: t.name.clone(),
        description: t.description.clone(),
        filter: t.filter.clone(),
        follow_up_days: t.follow_up_days,
        support_level: t.support_level.clone(),
    }
}

#[tokio::test]
async fn default_tiers_follow_the_classic_model_and_every_edit() {
    let db = db().await;
    let list = tiers::list(&db).await.unwrap();
    assert_eq!(list.iter().map(|t| (t.id, t.follow_up_days)).collect::<Vec<_>>(), [(TierId::A, 1), (TierId::B, 3), (TierId::C, 7)]);
    assert!(list[2].filter.is_none(), "C is everyone else");
    let buyer = person(&db, "Buyer", LifecycleStage::Retention).await;
    let engaged = person(&db, "Engaged", LifecycleStage::Acquisition).await;
    let walk_in = person(&db, "Walkin", LifecycleStage::Reach).await;
    assert_eq!(tier_of(&db, &buyer).await, Some(TierId::A));
    assert_eq!(tier_of(&db, &engaged).await, Some(TierId::B));
    assert_eq!(tier_of(&db, &walk_in).await, Some(TierId::C));
    // One edit moves one contact at once (no rescoring of everyone).
    contacts::set_stage(&db, &walk_in, LifecycleStage::Loyalty).await.unwrap();
    assert_eq!(tier_of(&db, &walk_in).await, Some(TierId::A));
    let counts: Vec<u32> = tiers::list(&db).await.unwrap().iter().map(|t| t.members).collect();
    assert_eq!(counts, [2, 1, 0]);
    // A new rule for A: only loyal customers. Everyone follows; the edit is undoable.
    let mut a = input_of(&list[0]);
    a.filter = Some(Filter::all(vec![cond("stage", CritOp::AnyOf, &["loyalty"])]));
    let preview = tiers::preview(&db, TierId::A, &a).await.unwrap();
    assert_eq!(preview.iter().map(|c| c.members).collect::<Vec<_>>(), [1, 1, 1], "previewed, not saved");
    assert_eq!(tier_of(&db, &buyer).await, Some(TierId::A));
    tiers::update(&db, TierId::A, &a).await.unwrap();
    assert_eq!(tier_of(&db, &buyer).await, Some(TierId::C));
    history::undo_last(&db).await.unwrap();
    assert_eq!(tier_of(&db, &buyer).await, Some(TierId::A), "undo brings the old rule and the old tiers back");
}

#[tokio::test]
async fn tier_rules_cannot_depend_on_the_tier_and_bad_handling_is_refused() {
    let db = db().await;
    let a = tiers::get(&db, TierId::A).await.unwrap();
    let mut bad = input_of(&a);
    bad.filter = Some(Filter::all(vec![cond("tier", CritOp::AnyOf, &["b"])]));
    assert_eq!(codes(tiers::update(&db, TierId::A, &bad).await.unwrap_err()), ["cycle"]);
    // …nor through a segment that tests the tier.
    let seg = segments::create(&db, &SegmentInput { name: "B tier".into(), description: None, filter: Filter::all(vec![cond("tier", CritOp::AnyOf, &["b"])]) })
        .await
        .unwrap();
    bad.filter = Some(Filter::all(vec![cond("segment", CritOp::AnyOf, &[&seg.id])]));
    let err = tiers::update(&db, TierId::A, &bad).await.unwrap_err();
    assert!(err.to_string().contains("B tier"), "{err}");
    let mut days = input_of(&a);
    days.follow_up_days = 0;
    days.name = " ".into();
    let mut got = codes(tiers::update(&db, TierId::A, &days).await.unwrap_err());
    got.sort();
    assert_eq!(got, ["out_of_range", "required"]);
    let mut empty = input_of(&a);
    empty.filter = Some(Filter::default());
    assert_eq!(codes(tiers::update(&db, TierId::A, &empty).await.unwrap_err()), ["required"]);
    assert_eq!(tiers::get(&db, TierId::A).await.unwrap(), a, "nothing saved");
}

fn at(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Rewrites a contact's past: added at `added`, then each (stage, when).
async fn past(db: &DatabaseConnection, id: &str, added: DateTime<Utc>, moves: &[(&str, DateTime<Utc>)]) {
    db.execute_unprepared(&format!("UPDATE contacts SET created_at = '{}' WHERE id = '{id}'", at(added))).await.unwrap();
    db.execute_unprepared(&format!("DELETE FROM lifecycle_changes WHERE contact_id = '{id}'")).await.unwrap();
    let mut from: Option<&str> = None;
    for (i, (to, when)) in moves.iter().enumerate() {
        let f = from.map(|f| format!("'{f}'")).unwrap_or("NULL".into());
        db.execute_unprepared(&format!(
            "INSERT INTO lifecycle_changes (id, contact_id, from_stage, to_stage, changed_at) VALUES ('{id}-{i}', '{id}', {f}, '{to}', '{}')",
            at(*when)
        ))
        .await
        .unwrap();
        from = Some(to);
    }
}

#[tokio::test]
async fn conversion_rates_match_a_hand_computed_answer() {
    let db = db().await;
    let now = Utc::now();
    let d = |n: i64| now - Duration::days(n);
    let period = Period { from: d(100), to: now };
    let p1 = person(&db, "One", LifecycleStage::Retention).await; // a lead who converted in the period
    past(&db, &p1, d(200), &[("reach", d(200)), ("retention", d(50))]).await;
    let p2 = person(&db, "Two", LifecycleStage::Retention).await; // a customer before the period: no lead
    past(&db, &p2, d(200), &[("reach", d(200)), ("retention", d(150))]).await;
    let p3 = person(&db, "Three", LifecycleStage::Reach).await; // a lead, not converted
    past(&db, &p3, d(30), &[("reach", d(30))]).await;
    let p4 = person(&db, "Four", LifecycleStage::Retention).await; // added as a customer: never a lead
    past(&db, &p4, d(10), &[("retention", d(10))]).await;
    let p5 = person(&db, "Five", LifecycleStage::Retention).await; // converted, but in the trash
    past(&db, &p5, d(200), &[("reach", d(200)), ("retention", d(50))]).await;
    contacts::delete(&db, &p5).await.unwrap();
    let p6 = person(&db, "Six", LifecycleStage::Loyalty).await; // through every stage in the period
    past(&db, &p6, d(60), &[("reach", d(60)), ("acquisition", d(40)), ("loyalty", d(5))]).await;
    let p7 = person(&db, "Seven", LifecycleStage::Reach).await; // added after the period
    past(&db, &p7, now + Duration::days(1), &[("reach", now + Duration::days(1))]).await;

    // Leads: One, Three, Six. Converted: One, Six.
    let seg = segments::create(&db, &SegmentInput { name: "Everyone".into(), description: None, filter: Filter::all(vec![cond("first_name", CritOp::IsSet, &[])]) })
        .await
        .unwrap();
    let by_segment = segments::conversion(&db, period).await.unwrap();
    assert_eq!(by_segment[0].segment_id, seg.id);
    assert_eq!(by_segment[0].conversion, Conversion { leads: 3, converted: 2, rate_percent: Some(66.7) });
    // By tier: One and Six are customers now (A), Three is C.
    let by_tier = tiers::conversion(&db, period).await.unwrap();
    let of = |t: TierId| by_tier.iter().find(|c| c.id == t).unwrap().conversion;
    assert_eq!(of(TierId::A), Conversion { leads: 2, converted: 2, rate_percent: Some(100.0) });
    assert_eq!(of(TierId::B), Conversion { leads: 0, converted: 0, rate_percent: None });
    assert_eq!(of(TierId::C), Conversion { leads: 1, converted: 0, rate_percent: Some(0.0) });
    // A period that ends before it begins is refused.
    let bad = Period { from: now, to: d(1) };
    assert!(matches!(tiers::conversion(&db, bad).await, Err(CoreError::Validation { .. })));
}

fn persona(name: &str, filter: Option<Filter>) -> PersonaInput {
    PersonaInput {
        name: name.into(),
        description: Some("Runs a small shop".into()),
        goals: Some("More regulars".into()),
        pain_points: Some("No time".into()),
        channels: vec![personas::ContactChannel::Phone, personas::ContactChannel::Email, personas::ContactChannel::Phone],
        filter,
    }
}

#[tokio::test]
async fn personas_come_by_rule_or_by_hand_and_the_hand_wins() {
    let db = db().await;
    let bakery = company(&db, "Crumbs").await;
    db.execute_unprepared(&format!("UPDATE companies SET industry = 'Bakery' WHERE id = '{bakery}'")).await.unwrap();
    let mut bob = ContactInput::named("Bob", "Baker");
    bob.company_id = Some(bakery.clone());
    let bob = contacts::create(&db, bob).await.unwrap().id;
    let other = person(&db, "Olga", LifecycleStage::Reach).await;
    let bakers = personas::create(&db, &persona("Bakers", Some(Filter::all(vec![cond("industry", CritOp::Contains, &["baker"])])))).await.unwrap();
    assert_eq!(bakers.channels.len(), 2, "each channel once");
    assert_eq!((bakers.members, bakers.by_hand), (1, 0));
    let owners = personas::create(&db, &persona("Owners", None)).await.unwrap();
    let got = personas::of_contact(&db, &bob).await.unwrap();
    assert_eq!((got.persona.map(|p| p.name), got.by_hand), (Some("Bakers".to_string()), false));
    assert!(personas::of_contact(&db, &other).await.unwrap().persona.is_none());
    // By hand beats the rule; the choice is an edit of the contact (in its history, undoable).
    let got = personas::set_for_contact(&db, &bob, Some(&owners.id)).await.unwrap();
    assert_eq!((got.persona.map(|p| p.name), got.by_hand), (Some("Owners".to_string()), true));
    // Deleting Owners gives Bob back to the rules; undoing it gives him Owners again.
    personas::delete(&db, &owners.id).await.unwrap();
    assert_eq!(personas::of_contact(&db, &bob).await.unwrap().persona.map(|p| p.name), Some("Bakers".into()));
    history::undo_last(&db).await.unwrap();
    let got = personas::of_contact(&db, &bob).await.unwrap();
    assert_eq!((got.persona.map(|p| p.name), got.by_hand), (Some("Owners".to_string()), true));
    // A persona rule may not test the persona or the tier; names are unique.
    let bad = persona("Loops", Some(Filter::all(vec![cond("persona", CritOp::AnyOf, &[&bakers.id])])));
    assert_eq!(codes(personas::create(&db, &bad).await.unwrap_err()), ["cycle"]);
    let bad = persona("Tiered", Some(Filter::all(vec![cond("tier", CritOp::AnyOf, &["a"])])));
    assert_eq!(codes(personas::create(&db, &bad).await.unwrap_err()), ["cycle"]);
    assert_eq!(codes(personas::create(&db, &persona("bakers", None)).await.unwrap_err()), ["duplicate"]);
    // A persona that a segment names cannot go.
    segments::create(&db, &SegmentInput { name: "Bakers".into(), description: None, filter: Filter::all(vec![cond("persona", CritOp::AnyOf, &[&bakers.id])]) })
        .await
        .unwrap();
    assert!(matches!(personas::delete(&db, &bakers.id).await, Err(CoreError::Conflict { .. })));
}

#[tokio::test]
async fn the_first_matching_persona_wins_and_reordering_changes_who_gets_which() {
    let db = db().await;
    let olga = person(&db, "Olga", LifecycleStage::Reach).await;
    let a = personas::create(&db, &persona("First", Some(Filter::all(vec![cond("first_name", CritOp::Is, &["olga"])])))).await.unwrap();
    let b = personas::create(&db, &persona("Second", Some(Filter::all(vec![cond("stage", CritOp::AnyOf, &["reach"])])))).await.unwrap();
    assert_eq!(personas::of_contact(&db, &olga).await.unwrap().persona.unwrap().id, a.id);
    personas::reorder(&db, &[b.id.clone(), a.id.clone()]).await.unwrap();
    assert_eq!(personas::of_contact(&db, &olga).await.unwrap().persona.unwrap().id, b.id);
    assert!(matches!(personas::reorder(&db, &[b.id.clone()]).await, Err(CoreError::Validation { .. })));
}

#[tokio::test]
async fn the_contacts_list_filters_by_tier_persona_temperature_and_score() {
    let db = db().await;
    let buyer = person(&db, "Buyer", LifecycleStage::Retention).await;
    let lead = person(&db, "Lead", LifecycleStage::Reach).await;
    scoring::set_override(&db, &buyer, Some(85), Some("Big order coming".into())).await.unwrap();
    let p = personas::create(&db, &persona("Leads", Some(Filter::all(vec![cond("stage", CritOp::AnyOf, &["reach"])])))).await.unwrap();
    let names = |f: ContactFilter| {
        let db = db.clone();
        async move {
            let page = contacts::list(&db, &ContactQuery { filter: f, ..Default::default() }).await.unwrap();
            page.rows.into_iter().map(|r| r.display_name).collect::<Vec<_>>()
        }
    };
    assert_eq!(names(ContactFilter { tier: Some(TierId::A), ..Default::default() }).await, ["Buyer Test"]);
    assert_eq!(names(ContactFilter { persona_id: Some(p.id.clone()), ..Default::default() }).await, ["Lead Test"]);
    assert_eq!(names(ContactFilter { temperature: Some(scoring::Temperature::Hot), ..Default::default() }).await, ["Buyer Test"]);
    assert_eq!(names(ContactFilter { min_score: Some(80), ..Default::default() }).await, ["Buyer Test"]);
    assert_eq!(names(ContactFilter { min_score: Some(80), tier: Some(TierId::C), ..Default::default() }).await, Vec::<String>::new());
    let _ = lead;
}
