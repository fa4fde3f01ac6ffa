//! Conditions and segments: every field and comparison, groups, validation (unknown fields,
//! cycles, bad values), membership that follows the data, the contacts list by segment.
use crate::common;

use chrono::{Duration, Utc};
use common::{company, create_jane, db};
use hearth_core::activities::{self, ActivityInput, ActivityKind};
use hearth_core::contacts::{self, ContactFilter, ContactInput, ContactQuery};
use hearth_core::criteria::{self, cond, CritOp, CriteriaKind, Filter, Join, Rule};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::privacy::{self, ConsentInput, Purpose};
use hearth_core::segments::{self, SegmentInput};
use hearth_core::{history, CoreError, DatabaseConnection};

async fn count(db: &DatabaseConnection, f: Filter) -> u32 {
    segments::count(db, &f, None).await.unwrap_or_else(|e| panic!("{f:?}: {e}"))
}

fn codes(e: CoreError) -> Vec<(String, String)> {
    match e {
        CoreError::Validation { errors } => errors.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// Five contacts with something for every kind of field.
async fn people(db: &DatabaseConnection) -> Vec<String> {
    let acme = company(db, "Acme Bakery").await;
    let jane = create_jane(db).await.id; // Owner, VIP + newsletter, e-mail and phone
    let mut bob = ContactInput::named("Bob", "Baker");
    bob.company_id = Some(acme.clone());
    bob.lifecycle_stage = LifecycleStage::Retention;
    bob.address.city = Some("Oslo".into());
    let bob = contacts::create(db, bob).await.unwrap().id;
    let mut ann = ContactInput::named("Ann", "Archer");
    ann.lifecycle_stage = LifecycleStage::Acquisition;
    ann.do_not_contact = true;
    let ann = contacts::create(db, ann).await.unwrap().id;
    let cid = contacts::create(db, ContactInput::named("Cid", "Cole")).await.unwrap().id;
    let dee = contacts::create(db, ContactInput::named("Dee", "Dunn")).await.unwrap().id;
    let call = ActivityInput {
        kind: ActivityKind::Email,
        subject: "Re: quote".into(),
        body: None,
        contact_id: Some(ann.clone()),
        company_id: None,
        deal_id: None,
        occurred_at: Some(Utc::now() - Duration::days(2)),
        due_at: None,
        duration_minutes: None,
        outcome: Some("replied".into()),
    };
    activities::create(db, call).await.unwrap();
    let consent = ConsentInput { purpose: Purpose::MarketingEmail, granted: true, source: "Web form".into(), wording: None, recorded_at: None };
    privacy::record_consent(db, &cid, &consent).await.unwrap();
    vec![jane, bob, ann, cid, dee]
}

/// The comparison that holds exactly where `op` does not (with the same values).
fn opposite(op: CritOp) -> CritOp {
    use CritOp::*;
    match op {
        Is => IsNot,
        IsNot => Is,
        Contains => NotContains,
        NotContains => Contains,
        AnyOf => NoneOf,
        NoneOf => AnyOf,
        IsSet => IsEmpty,
        IsEmpty => IsSet,
        WithinDays => NotWithinDays,
        NotWithinDays => WithinDays,
        IsTrue => IsFalse,
        IsFalse => IsTrue,
        StartsWith | AtLeast | AtMost => unreachable!(),
    }
}

#[tokio::test]
async fn every_field_and_comparison_splits_the_contacts_with_its_opposite() {
    let db = db().await;
    let all = people(&db).await.len() as u32;
    let lead_source = hearth_core::lead_sources::list(&db).await.unwrap()[0].id.clone();
    let mut checked = 0;
    for f in criteria::fields() {
        let value = match (f.kind, f.key.as_str()) {
            (CriteriaKind::Text, _) => "o".to_string(),
            (CriteriaKind::Days, _) => "30".into(),
            (CriteriaKind::Number, "score") => "10".into(),
            (CriteriaKind::Number, _) => "5".into(),
            (CriteriaKind::Choice, "lead_source") => lead_source.clone(),
            (CriteriaKind::Choice, "tag") => "vip".into(),
            (CriteriaKind::Choice, "persona" | "segment") => continue,
            (CriteriaKind::Choice, _) => f.choices[0].value.clone(),
            (CriteriaKind::YesNo, _) => String::new(),
        };
        for op in &f.ops {
            if matches!(op, CritOp::StartsWith | CritOp::AtLeast | CritOp::AtMost) {
                continue;
            }
            let values: Vec<&str> = if op.takes_values() { vec![value.as_str()] } else { vec![] };
            let a = count(&db, Filter::all(vec![cond(&f.key, *op, &values)])).await;
            let b = count(&db, Filter::all(vec![cond(&f.key, opposite(*op), &values)])).await;
            assert_eq!(a + b, all, "{} {op:?} {value}: {a} + {b}", f.key);
            checked += 1;
        }
    }
    assert!(checked > 80, "only {checked} comparisons checked");
}

#[tokio::test]
async fn conditions_match_the_contacts_they_describe() {
    let db = db().await;
    let ids = people(&db).await;
    let matching = |f: Filter| {
        let db = &db;
        async move {
            let sql = criteria::contacts_matching(db, &f, Utc::now()).await.unwrap();
            let mut got: Vec<String> = hearth_core::sqlite::packed_rows(db, &sql, 1).await.unwrap().into_iter().filter_map(|r| r[0].clone()).collect();
            got.sort();
            got
        }
    };
    let sorted = |v: Vec<&String>| {
        let mut v: Vec<String> = v.into_iter().cloned().collect();
        v.sort();
        v
    };
    let [jane, bob, ann, cid, _dee] = &ids[..] else { unreachable!() };
    assert_eq!(matching(Filter::all(vec![cond("tag", CritOp::AnyOf, &["VIP"])])).await, sorted(vec![jane]));
    assert_eq!(matching(Filter::all(vec![cond("title", CritOp::StartsWith, &["own"])])).await, sorted(vec![jane]));
    assert_eq!(matching(Filter::all(vec![cond("email", CritOp::Contains, &["example.com"])])).await, sorted(vec![jane]));
    assert_eq!(matching(Filter::all(vec![cond("industry", CritOp::IsEmpty, &[]), cond("company", CritOp::Contains, &["acme"])])).await, sorted(vec![bob]));
    assert_eq!(matching(Filter::all(vec![cond("city", CritOp::Is, &["OSLO"])])).await, sorted(vec![bob]));
    assert_eq!(matching(Filter::all(vec![cond("stage", CritOp::AnyOf, &["retention", "acquisition"])])).await, sorted(vec![bob, ann]));
    assert_eq!(matching(Filter::all(vec![cond("last_reply", CritOp::WithinDays, &["7"])])).await, sorted(vec![ann]));
    assert_eq!(matching(Filter::all(vec![cond("last_reply", CritOp::WithinDays, &["1"])])).await, Vec::<String>::new());
    assert_eq!(matching(Filter::all(vec![cond("do_not_contact", CritOp::IsTrue, &[])])).await, sorted(vec![ann]));
    assert_eq!(matching(Filter::all(vec![cond("marketing_consent", CritOp::IsTrue, &[])])).await, sorted(vec![cid]));
    // The newest consent entry counts: Bob said yes then no, Ann no then yes.
    for (who, first) in [(bob, true), (ann, false)] {
        for (days, granted) in [(3, first), (1, !first)] {
            let k = ConsentInput { purpose: Purpose::Newsletter, granted, source: "Phone".into(), wording: None, recorded_at: Some(Utc::now() - Duration::days(days)) };
            privacy::record_consent(&db, who, &k).await.unwrap();
        }
    }
    assert_eq!(matching(Filter::all(vec![cond("newsletter_consent", CritOp::IsTrue, &[])])).await, sorted(vec![ann]));
    assert_eq!(matching(Filter::all(vec![cond("newsletter_consent", CritOp::IsFalse, &[]), cond("stage", CritOp::AnyOf, &["retention"])])).await, sorted(vec![bob]));
    assert_eq!(matching(Filter::all(vec![cond("tag", CritOp::NoneOf, &["vip", "nobody-has-this"]), cond("first_name", CritOp::Is, &["jane"])])).await, Vec::<String>::new());
    assert_eq!(matching(Filter::all(vec![cond("has_phone", CritOp::IsTrue, &[])])).await, sorted(vec![jane]));
    // Groups: (VIP or in Oslo) and not a customer.
    let group = Rule::Group { join: Join::Any, rules: vec![cond("tag", CritOp::AnyOf, &["vip"]), cond("city", CritOp::Is, &["oslo"])] };
    let f = Filter::all(vec![group, cond("stage", CritOp::NoneOf, &["retention", "loyalty"])]);
    assert_eq!(matching(f).await, sorted(vec![jane]));
    // An empty filter: everyone.
    assert_eq!(matching(Filter::default()).await.len(), 5);
}

#[tokio::test]
async fn bad_conditions_are_named_and_nothing_is_saved() {
    let db = db().await;
    people(&db).await;
    let save = |f: Filter| {
        let db = &db;
        async move { segments::create(db, &SegmentInput { name: "Bad".into(), description: None, filter: f }).await.unwrap_err() }
    };
    let one = |r: Rule| Filter::all(vec![r]);
    assert_eq!(codes(save(one(cond("shoe_size", CritOp::Is, &["42"]))).await), [("rules.0.field".into(), "unknown_field".into())]);
    assert_eq!(codes(save(one(cond("stage", CritOp::Contains, &["re"]))).await), [("rules.0.op".into(), "unknown_op".into())]);
    assert_eq!(codes(save(one(cond("title", CritOp::Is, &[" "]))).await), [("rules.0.values".into(), "required".into())]);
    assert_eq!(codes(save(one(cond("score", CritOp::AtLeast, &["lots"]))).await), [("rules.0.values".into(), "not_a_number".into())]);
    assert_eq!(codes(save(one(cond("score", CritOp::AtLeast, &["150"]))).await), [("rules.0.values".into(), "out_of_range".into())]);
    assert_eq!(codes(save(one(cond("last_touch", CritOp::WithinDays, &["0"]))).await), [("rules.0.values".into(), "out_of_range".into())]);
    assert_eq!(codes(save(one(cond("stage", CritOp::AnyOf, &["champion"]))).await), [("rules.0.values".into(), "unknown_choice".into())]);
    assert_eq!(codes(save(one(cond("tag", CritOp::AnyOf, &["no such tag"]))).await), [("rules.0.values".into(), "unknown_choice".into())]);
    let empty = Rule::Group { join: Join::All, rules: vec![] };
    assert_eq!(codes(save(one(empty)).await), [("rules.0".into(), "empty_group".into())]);
    let mut deep = cond("title", CritOp::IsSet, &[]);
    for _ in 0..5 {
        deep = Rule::Group { join: Join::Any, rules: vec![deep] };
    }
    assert!(codes(save(one(deep)).await).iter().any(|(_, c)| c == "too_deep"));
    assert_eq!(codes(save(Filter::default()).await), [("filter".into(), "required".into())]);
    assert!(segments::list(&db).await.unwrap().is_empty(), "nothing was saved");
}

async fn segment(db: &DatabaseConnection, name: &str, f: Filter) -> String {
    segments::create(db, &SegmentInput { name: name.into(), description: None, filter: f }).await.unwrap().id
}

#[tokio::test]
async fn a_segment_cannot_include_itself_even_through_others() {
    let db = db().await;
    people(&db).await;
    let a = segment(&db, "A", Filter::all(vec![cond("title", CritOp::IsSet, &[])])).await;
    let b = segment(&db, "B", Filter::all(vec![cond("segment", CritOp::AnyOf, &[&a])])).await;
    let loop_back = SegmentInput { name: "A".into(), description: None, filter: Filter::all(vec![cond("segment", CritOp::AnyOf, &[&b])]) };
    let err = segments::update(&db, &a, &loop_back).await.unwrap_err();
    assert_eq!(codes(err.clone()), [("rules.0.values".into(), "cycle".into())]);
    assert!(err.to_string().contains("B → A"), "{err}");
    let itself = SegmentInput { filter: Filter::all(vec![cond("segment", CritOp::AnyOf, &[&a])]), ..loop_back };
    assert_eq!(codes(segments::update(&db, &a, &itself).await.unwrap_err()), [("rules.0.values".into(), "cycle".into())]);
    // Unchanged, and A can't go while B names it.
    assert!(segments::get(&db, &a).await.unwrap().filter.segment_refs().is_empty());
    assert!(matches!(segments::delete(&db, &a).await, Err(CoreError::Conflict { .. })));
    assert_eq!(segments::get(&db, &b).await.unwrap().members, 1, "B holds A's member (Jane)");
}

#[tokio::test]
async fn membership_is_computed_so_it_follows_every_change_and_the_list_shows_it() {
    let db = db().await;
    let ids = people(&db).await;
    let customers = segment(&db, "Customers", Filter::all(vec![cond("stage", CritOp::AnyOf, &["retention", "loyalty"])])).await;
    let list = |db: &DatabaseConnection, seg: &str| {
        let q = ContactQuery { filter: ContactFilter { segment_id: Some(seg.to_string()), ..Default::default() }, ..Default::default() };
        let db = db.clone();
        async move { contacts::list(&db, &q).await.unwrap() }
    };
    let page = list(&db, &customers).await;
    assert_eq!((page.total, page.rows[0].display_name.as_str()), (1, "Bob Baker"));
    contacts::set_stage(&db, &ids[4], LifecycleStage::Loyalty).await.unwrap();
    assert_eq!(list(&db, &customers).await.total, 2, "Dee became a loyal customer");
    assert_eq!(segments::find(&db, "customers").await.unwrap().members, 2);
    contacts::delete(&db, &ids[1]).await.unwrap();
    assert_eq!(list(&db, &customers).await.total, 1, "Bob went to the trash");
    // Names are unique, and a segment's edits are undoable.
    let dup = segments::create(&db, &SegmentInput { name: "CUSTOMERS".into(), description: None, filter: Filter::all(vec![cond("title", CritOp::IsSet, &[])]) }).await;
    assert_eq!(codes(dup.unwrap_err()), [("name".into(), "duplicate".into())]);
    segments::delete(&db, &customers).await.unwrap();
    assert!(segments::list(&db).await.unwrap().is_empty());
    history::undo_last(&db).await.unwrap();
    assert_eq!(segments::find(&db, "Customers").await.unwrap().members, 1, "the delete was undone");
}

#[tokio::test]
async fn the_contacts_list_filters_by_an_unknown_segment_with_a_clear_error() {
    let db = db().await;
    let q = ContactQuery { filter: ContactFilter { segment_id: Some("nope".into()), ..Default::default() }, ..Default::default() };
    assert!(matches!(contacts::list(&db, &q).await, Err(CoreError::NotFound { .. })));
}

/// Every condition reaches other tables through an index on the contact (or the row it names):
/// none walks a whole table per contact, even without statistics (a fresh or bulk-loaded
/// database), where SQLite's guesses are at their worst.
#[tokio::test]
async fn no_condition_walks_a_table_for_every_contact() {
    use sea_orm::ConnectionTrait;
    let db = db().await;
    people(&db).await;
    let lead_source = hearth_core::lead_sources::list(&db).await.unwrap()[0].id.clone();
    let seg = segment(&db, "Owners", Filter::all(vec![cond("title", CritOp::Contains, &["own"])])).await;
    let mut checked = 0;
    for f in criteria::fields() {
        let value = match (f.kind, f.key.as_str()) {
            (CriteriaKind::Text, _) => "o".to_string(),
            (CriteriaKind::Days, _) => "30".into(),
            (CriteriaKind::Number, _) => "10".into(),
            (CriteriaKind::Choice, "lead_source") => lead_source.clone(),
            (CriteriaKind::Choice, "tag") => "vip".into(),
            (CriteriaKind::Choice, "segment") => seg.clone(),
            (CriteriaKind::Choice, "persona") => "none".into(),
            (CriteriaKind::Choice, _) => f.choices[0].value.clone(),
            (CriteriaKind::YesNo, _) => String::new(),
        };
        for op in &f.ops {
            let values: Vec<String> = if op.takes_values() { vec![value.clone()] } else { vec![] };
            let filter = Filter::all(vec![Rule::Condition { field: f.key.clone(), op: *op, values }]);
            let sql = criteria::compile(&db, &filter, Utc::now()).await.unwrap();
            let explain = format!("EXPLAIN QUERY PLAN SELECT count(*) FROM contacts c WHERE {sql}");
            let plan = db.query_all_raw(sea_orm::Statement::from_string(db.get_database_backend(), explain)).await.unwrap();
            // A whole-table step is wrong only inside a correlated subquery (run per contact).
            let rows: Vec<(i64, i64, String)> = plan
                .iter()
                .map(|r| (r.try_get_by_index(0).unwrap(), r.try_get_by_index(1).unwrap(), r.try_get_by_index(3).unwrap()))
                .collect();
            let per_contact = |mut parent: i64| {
                while let Some((_, up, d)) = rows.iter().find(|(id, _, _)| *id == parent) {
                    if d.starts_with("CORRELATED") {
                        return true;
                    }
                    parent = *up;
                }
                false
            };
            for (_, parent, detail) in &rows {
                let walks = detail.starts_with("SCAN ") || detail.ends_with("(deleted_at=?)");
                assert!(!(walks && per_contact(*parent)), "{} {op:?}: {detail}\n{sql}", f.key);
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} plans checked");
}
