use crate::common;

use common::*;
use hearth_core::contacts::{self, ContactFilter, ContactQuery, ContactSort, EmailInput};
use hearth_core::lead_sources;
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::CoreError;
use hearth_core::common::SortDirection;

fn fields(e: CoreError) -> Vec<(String, String)> {
    match e {
        CoreError::Validation { errors } => errors.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn create_normalises_and_reads_back() {
    let db = db().await;
    let c = create_jane(&db).await;
    assert_eq!(c.display_name, "Jane Doe");
    assert_eq!(c.emails.len(), 1);
    assert_eq!(c.emails[0].email, "jane.doe@example.com");
    assert!(c.emails[0].is_primary, "the only e-mail becomes primary");
    assert_eq!(c.phones[0].phone, "+442079460958");
    assert_eq!(c.phones[0].formatted, "+44 20 7946 0958");
    assert_eq!(c.tags, vec!["newsletter".to_string(), "VIP".to_string()]);
    assert_eq!(c.lifecycle_stage, LifecycleStage::Reach);
    assert_eq!(c.lifecycle_history.len(), 1);
    assert_eq!(c.lifecycle_history[0].from_stage, None);
    assert_eq!(c.id.len(), 36);
    assert_eq!(&c.id[14..15], "7", "ids are UUIDv7");
    assert_eq!(contacts::get(&db, &c.id).await.unwrap(), c);
}

#[tokio::test]
async fn bad_input_names_every_field_and_writes_nothing() {
    let db = db().await;
    let mut bad = jane();
    bad.first_name = " ".into();
    bad.last_name = "".into();
    bad.emails = vec![EmailInput { email: "not-an-email".into(), label: None, is_primary: true }];
    bad.phones[0].phone = "12".into();
    bad.notes = Some("x".repeat(10_001));
    bad.time_zone = Some("Mars/Olympus".into());
    bad.company_id = Some("no-such-company".into());
    let errs = fields(contacts::create(&db, bad).await.unwrap_err());
    let expected = [
        ("first_name", "required"),
        ("emails.0.email", "invalid_email"),
        ("phones.0.phone", "invalid_phone"),
        ("time_zone", "invalid_time_zone"),
        ("notes", "too_long"),
        ("company_id", "unknown_id"),
    ];
    for (f, code) in expected {
        assert!(errs.contains(&(f.to_string(), code.to_string())), "missing {f}/{code} in {errs:?}");
    }
    let page = contacts::list(&db, &ContactQuery::default()).await.unwrap();
    assert_eq!(page.total, 0, "nothing was written");
}

#[tokio::test]
async fn unknown_ids_are_not_found() {
    let db = db().await;
    assert!(matches!(contacts::get(&db, "nope").await, Err(CoreError::NotFound { .. })));
    assert!(matches!(contacts::update(&db, "nope", jane()).await, Err(CoreError::NotFound { .. })));
    assert!(matches!(contacts::delete(&db, "nope").await, Err(CoreError::NotFound { .. })));
}

#[tokio::test]
async fn stage_changes_are_recorded() {
    let db = db().await;
    let c = create_jane(&db).await;
    let c = contacts::set_stage(&db, &c.id, LifecycleStage::Conversion).await.unwrap();
    let mut input = c.to_input();
    input.lifecycle_stage = LifecycleStage::Retention;
    let c = contacts::update(&db, &c.id, input).await.unwrap();
    let history: Vec<_> = c.lifecycle_history.iter().map(|h| (h.from_stage, h.to_stage)).collect();
    assert_eq!(
        history,
        vec![
            (Some(LifecycleStage::Conversion), LifecycleStage::Retention),
            (Some(LifecycleStage::Reach), LifecycleStage::Conversion),
            (None, LifecycleStage::Reach),
        ]
    );
    // Setting the same stage again records nothing.
    let c = contacts::set_stage(&db, &c.id, LifecycleStage::Retention).await.unwrap();
    assert_eq!(c.lifecycle_history.len(), 3);
}

#[tokio::test]
async fn referral_needs_a_referral_source() {
    let db = db().await;
    let referrer = create_jane(&db).await;
    let sources = lead_sources::list(&db).await.unwrap();
    let referral = sources.iter().find(|s| s.is_referral).unwrap();
    let website = sources.iter().find(|s| s.name == "Website").unwrap();
    let mut input = hearth_core::contacts::ContactInput::named("Bob", "Stone");
    input.lead_source_id = Some(website.id.clone());
    input.referred_by_id = Some(referrer.id.clone());
    assert_eq!(fields(contacts::create(&db, input.clone()).await.unwrap_err()), [("referred_by_id".into(), "not_referral".into())]);
    input.lead_source_id = Some(referral.id.clone());
    let bob = contacts::create(&db, input).await.unwrap();
    assert_eq!(bob.referred_by.as_ref().unwrap().id, referrer.id);
    assert_eq!(bob.lead_source.as_ref().unwrap().name, "Referral");
    let referrer = contacts::get(&db, &referrer.id).await.unwrap();
    assert_eq!(referrer.referrals.len(), 1);
}

#[tokio::test]
async fn delete_hides_and_restore_brings_back() {
    let db = db().await;
    let c = create_jane(&db).await;
    contacts::delete(&db, &c.id).await.unwrap();
    assert!(matches!(contacts::get(&db, &c.id).await, Err(CoreError::NotFound { .. })));
    assert_eq!(contacts::list(&db, &ContactQuery::default()).await.unwrap().total, 0);
    assert!(hearth_core::search::search(&db, "Jane", None).await.unwrap().is_empty());
    let back = contacts::restore(&db, &c.id).await.unwrap();
    assert_eq!(back.emails, c.emails);
    assert_eq!(back.tags, c.tags);
    assert_eq!(hearth_core::search::search(&db, "Jane", None).await.unwrap().len(), 1);
}

#[tokio::test]
async fn list_filters_sorts_and_pages() {
    let db = db().await;
    let acme = company(&db, "Acme").await;
    let sources = lead_sources::list(&db).await.unwrap();
    for (i, (first, last)) in [("Zoë", "Adams"), ("Ann", "Zimmer"), ("Bob", "Miller"), ("Cy", "Baker")].iter().enumerate() {
        let mut input = hearth_core::contacts::ContactInput::named(first, last);
        input.lifecycle_stage = if i % 2 == 0 { LifecycleStage::Retention } else { LifecycleStage::Reach };
        input.owner = Some(if i < 2 { "Sam" } else { "Alex" }.into());
        input.tags = if i == 3 { vec!["vip".into()] } else { vec![] };
        input.company_id = (i == 1).then(|| acme.clone());
        input.lead_source_id = Some(sources[i].id.clone());
        contacts::create(&db, input).await.unwrap();
    }
    let names = |p: &contacts::ContactPage| p.rows.iter().map(|r| r.display_name.clone()).collect::<Vec<_>>();
    let all = contacts::list(&db, &ContactQuery::default()).await.unwrap();
    assert_eq!(names(&all), ["Zoë Adams", "Cy Baker", "Bob Miller", "Ann Zimmer"]);
    let desc = contacts::list(&db, &ContactQuery { direction: SortDirection::Desc, ..Default::default() }).await.unwrap();
    assert_eq!(names(&desc)[0], "Ann Zimmer");
    let q = |filter: ContactFilter| ContactQuery { filter, ..Default::default() };
    let retention = contacts::list(&db, &q(ContactFilter { stage: Some(LifecycleStage::Retention), ..Default::default() })).await.unwrap();
    assert_eq!(names(&retention), ["Zoë Adams", "Bob Miller"]);
    let sam = contacts::list(&db, &q(ContactFilter { owner: Some("Sam".into()), ..Default::default() })).await.unwrap();
    assert_eq!(sam.total, 2);
    let vip = contacts::list(&db, &q(ContactFilter { tag: Some("VIP".into()), ..Default::default() })).await.unwrap();
    assert_eq!(names(&vip), ["Cy Baker"]);
    let at_acme = contacts::list(&db, &q(ContactFilter { company_id: Some(acme.clone()), ..Default::default() })).await.unwrap();
    assert_eq!(names(&at_acme), ["Ann Zimmer"]);
    assert_eq!(at_acme.rows[0].company.as_ref().unwrap().name, "Acme");
    let source = contacts::list(&db, &q(ContactFilter { lead_source_id: Some(sources[2].id.clone()), ..Default::default() })).await.unwrap();
    assert_eq!(names(&source), ["Bob Miller"]);
    let text = contacts::list(&db, &q(ContactFilter { text: Some("zoe".into()), ..Default::default() })).await.unwrap();
    assert_eq!(names(&text), ["Zoë Adams"], "accents are ignored");
    let by_company = contacts::list(&db, &ContactQuery { sort: ContactSort::Company, ..Default::default() }).await.unwrap();
    assert_eq!(names(&by_company)[0], "Ann Zimmer", "contacts with a company first, nulls last");
    let page2 = contacts::list(&db, &ContactQuery { offset: 2, limit: Some(1), ..Default::default() }).await.unwrap();
    assert_eq!((names(&page2), page2.total, page2.offset), (vec!["Bob Miller".to_string()], 4, 2));
}

#[tokio::test]
async fn tag_filter_counts_only_live_contacts_and_both_plans_page_alike() {
    use contacts::{tag_plan, TagPlan};
    let db = db().await;
    let mut ids = Vec::new();
    for i in 0..30 {
        let mut input = hearth_core::contacts::ContactInput::named(&format!("P{i:02}"), "Tagged");
        input.tags = if i % 3 == 0 { vec![] } else { vec!["Gold".into()] };
        ids.push(contacts::create(&db, input).await.unwrap().id);
    }
    // Three tagged contacts go to the trash: their tag links stay, the count must not see them.
    for i in [1, 2, 4] {
        contacts::delete(&db, &ids[i]).await.unwrap();
    }
    let query = |offset, limit| ContactQuery {
        filter: ContactFilter { tag: Some("gold".into()), ..Default::default() },
        sort: ContactSort::Created,
        direction: SortDirection::Desc,
        offset,
        limit: Some(limit),
    };
    // 20 tagged, 3 of them deleted; 27 live contacts in all.
    let first = contacts::list(&db, &query(0, 4)).await.unwrap();
    assert_eq!(first.total, 17);
    assert_eq!(tag_plan(&query(0, 4), 17, 27), TagPlan::InOrder, "a common tag near the top walks the sort order");
    assert_eq!(tag_plan(&query(12, 4), 17, 27), TagPlan::Members, "deep pages look the tag's contacts up");
    assert_eq!(tag_plan(&ContactQuery::default(), 17, 27), TagPlan::Members, "no tag, no tag plan");
    // Paging through (so both plans run) gives every live tagged contact once, newest first.
    let mut seen = Vec::new();
    for offset in (0..20).step_by(4) {
        let page = contacts::list(&db, &query(offset, 4)).await.unwrap();
        assert_eq!(page.total, 17);
        seen.extend(page.rows.into_iter().map(|r| r.id));
    }
    let expected: Vec<String> = (0..30).rev().filter(|i| i % 3 != 0 && ![1, 2, 4].contains(i)).map(|i| ids[i].clone()).collect();
    assert_eq!(seen, expected);
    // With a second filter the general count runs, and agrees.
    let mut q = query(0, 100);
    q.filter.text = Some("tagged".into());
    assert_eq!(contacts::list(&db, &q).await.unwrap().total, 17);
    // The tag overview counts the same way, for companies too.
    for (name, delete) in [("Gold Ltd", false), ("Gone Ltd", true)] {
        let mut input = hearth_core::companies::CompanyInput::named(name);
        input.tags = vec!["gold".into()];
        let id = hearth_core::companies::create(&db, input).await.unwrap().id;
        if delete {
            hearth_core::companies::delete(&db, &id).await.unwrap();
        }
    }
    let tags = hearth_core::tags::list(&db).await.unwrap();
    assert_eq!(tags.iter().map(|t| (t.name.as_str(), t.contacts, t.companies)).collect::<Vec<_>>(), [("Gold", 17, 1)]);
}

#[tokio::test]
async fn owners_are_those_of_live_contacts_and_companies() {
    let db = db().await;
    for (first, owner) in [("A", "Sam"), ("B", "Alex"), ("C", "Sam"), ("D", "Zed")] {
        let mut input = hearth_core::contacts::ContactInput::named(first, "Owner");
        input.owner = Some(owner.into());
        let c = contacts::create(&db, input).await.unwrap();
        if owner == "Zed" {
            contacts::delete(&db, &c.id).await.unwrap();
        }
    }
    let mut acme = hearth_core::companies::CompanyInput::named("Acme");
    acme.owner = Some("Priya".into());
    hearth_core::companies::create(&db, acme).await.unwrap();
    assert_eq!(hearth_core::meta::owners(&db).await.unwrap(), ["Alex", "Priya", "Sam"]);
}
