use crate::common;

use common::{company, db};
use hearth_core::activities::{self, ActivityInput, ActivityKind, TimelineQuery};
use hearth_core::companies::{self, CompanyInput, CompanyQuery};
use hearth_core::contacts::{self, ContactDetail, ContactInput, ContactQuery, EmailInput, PhoneInput};
use hearth_core::deals::{self, DealInput, NewDeal};
use hearth_core::duplicates::{
    self, DuplicateQuery, DuplicateReason, FieldChoice, MergeInput, RecordKind,
};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::{meta, pipelines, CoreError, DatabaseConnection};
use sea_orm::ConnectionTrait;

fn person(first: &str, last: &str, company_id: Option<&str>, emails: &[&str], phones: &[&str]) -> ContactInput {
    let mut c = ContactInput::named(first, last);
    c.company_id = company_id.map(str::to_string);
    c.emails = emails.iter().map(|e| EmailInput { email: e.to_string(), label: None, is_primary: false }).collect();
    c.phones = phones.iter().map(|p| PhoneInput { phone: p.to_string(), label: None, is_primary: false }).collect();
    c
}

async fn add(db: &DatabaseConnection, c: ContactInput) -> String {
    contacts::create(db, c).await.expect("create contact").id
}

async fn groups(db: &DatabaseConnection, kind: Option<RecordKind>) -> Vec<duplicates::DuplicateGroup> {
    duplicates::find(db, &DuplicateQuery { kind, offset: 0, limit: Some(500) }).await.unwrap().groups
}

fn ids(g: &duplicates::DuplicateGroup) -> Vec<String> {
    let mut v: Vec<String> = g.records.iter().map(|r| r.id.clone()).collect();
    v.sort();
    v
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

async fn sql(db: &DatabaseConnection, s: &str) {
    db.execute_unprepared(s).await.unwrap();
}

#[tokio::test]
async fn same_email_ignores_case_and_gmail_dots() {
    let db = db().await;
    let a = add(&db, person("Jane", "Doe", None, &["jane@acme.com"], &[])).await;
    let b = add(&db, person("J", "Doe", None, &["other@acme.org"], &[])).await;
    // Older data may hold an address in capitals.
    sql(&db, &format!("UPDATE contact_emails SET email = 'JANE@Acme.com' WHERE contact_id = '{b}'")).await;
    let c = add(&db, person("Sam", "Lee", None, &["s.lee+crm@gmail.com"], &[])).await;
    let d = add(&db, person("Samuel", "Lee-Park", None, &["slee@googlemail.com"], &[])).await;
    add(&db, person("Nobody", "Else", None, &["slee2@gmail.com"], &[])).await;
    let g = groups(&db, Some(RecordKind::Contact)).await;
    assert_eq!(g.len(), 2, "{g:#?}");
    assert!(g.iter().all(|x| x.reason == DuplicateReason::SameEmail && x.confidence == 95));
    assert!(g.iter().any(|x| ids(x) == sorted(vec![a.clone(), b.clone()]) && x.detail == "jane@acme.com"));
    assert!(g.iter().any(|x| ids(x) == sorted(vec![c.clone(), d.clone()]) && x.detail == "slee@gmail.com"));
}

#[tokio::test]
async fn same_phone_in_different_formats() {
    let db = db().await;
    let a = add(&db, person("Ann", "Archer", None, &[], &["+44 20 7946 0958"])).await;
    let mut local = person("Bob", "Baker", None, &[], &["020 7946 0958"]);
    local.address.country = Some("GB".into());
    let b = add(&db, local).await;
    add(&db, person("Cy", "Cole", None, &[], &["+44 20 7946 0959"])).await;
    let g = groups(&db, None).await;
    assert_eq!(g.len(), 1, "{g:#?}");
    assert_eq!(g[0].reason, DuplicateReason::SamePhone);
    assert_eq!(g[0].confidence, 85);
    assert_eq!(g[0].detail, "+44 20 7946 0958");
    assert_eq!(ids(&g[0]), sorted(vec![a, b]));
}

#[tokio::test]
async fn similar_names_within_a_company_only() {
    let db = db().await;
    let acme = company(&db, "Acme").await;
    let other = company(&db, "Other Ltd").await;
    let jon = add(&db, person("Jon", "Smith", Some(&acme), &[], &[])).await;
    let jonathan = add(&db, person("Jonathan", "Smith", Some(&acme), &[], &[])).await;
    let initial = add(&db, person("J.", "Smith", Some(&acme), &[], &[])).await;
    // Different people at the same company, and the same name at another company.
    add(&db, person("Mary", "Smith", Some(&acme), &[], &[])).await;
    add(&db, person("Liam", "Kim", Some(&acme), &[], &[])).await;
    add(&db, person("Liam", "Khan", Some(&acme), &[], &[])).await;
    add(&db, person("Jon", "Smith", Some(&other), &[], &[])).await;
    let g = groups(&db, Some(RecordKind::Contact)).await;
    assert_eq!(g.len(), 1, "{g:#?}");
    assert_eq!(g[0].reason, DuplicateReason::SimilarName);
    assert!((60..=80).contains(&g[0].confidence));
    assert!(g[0].detail.contains("at Acme"), "{}", g[0].detail);
    assert_eq!(ids(&g[0]), sorted(vec![jon, jonathan, initial]));
}

#[tokio::test]
async fn swapped_names_and_same_name_score_higher_than_a_variant() {
    let db = db().await;
    let acme = company(&db, "Acme").await;
    add(&db, person("Ada", "Lovelace", Some(&acme), &[], &[])).await;
    add(&db, person("Ada", "Lovelace", Some(&acme), &[], &[])).await;
    add(&db, person("Grace", "Hopper", Some(&acme), &[], &[])).await;
    add(&db, person("Hopper", "Grace", Some(&acme), &[], &[])).await;
    add(&db, person("Jon", "Smith", Some(&acme), &[], &[])).await;
    add(&db, person("John", "Smith", Some(&acme), &[], &[])).await;
    let g = groups(&db, None).await;
    assert_eq!(g.len(), 3, "{g:#?}");
    let conf: Vec<u8> = g.iter().map(|x| x.confidence).collect();
    assert_eq!(conf[0], 80, "the same name at the same company");
    assert!(conf[0] > conf[1] && conf[1] > conf[2], "{conf:?}");
    assert!(g[0].detail.contains("the same name"));
    assert_eq!(g[1].records.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Grace Hopper", "Hopper Grace"]);
}

#[tokio::test]
async fn email_domain_blocks_names_but_free_mail_does_not() {
    let db = db().await;
    let a = add(&db, person("Jon", "Smith", None, &["jon@brightside.example"], &[])).await;
    let b = add(&db, person("John", "Smith", None, &["john.smith@brightside.example"], &[])).await;
    add(&db, person("Jon", "Miller", None, &["jon.miller@gmail.com"], &[])).await;
    add(&db, person("John", "Miller", None, &["johnmiller77@gmail.com"], &[])).await;
    add(&db, person("Jon", "Baker", None, &["jon.baker@outlook.com"], &[])).await;
    add(&db, person("John", "Baker", None, &["jb@hotmail.com"], &[])).await;
    let g = groups(&db, None).await;
    assert_eq!(g.len(), 1, "{g:#?}");
    assert_eq!(ids(&g[0]), sorted(vec![a, b]));
    assert!(g[0].detail.ends_with("at brightside.example"), "{}", g[0].detail);
}

#[tokio::test]
async fn companies_by_domain_and_by_name_without_suffixes() {
    let db = db().await;
    let mut one = CompanyInput::named("Brightside Bakery");
    one.domain = Some("https://www.brightside.example/".into());
    let one = companies::create(&db, one).await.unwrap().id;
    let mut two = CompanyInput::named("Sunny Loaves");
    two.domain = Some("brightside.example".into());
    let two = companies::create(&db, two).await.unwrap().id;
    // Older data may still hold the www. form.
    sql(&db, &format!("UPDATE companies SET domain = 'WWW.Brightside.example' WHERE id = '{two}'")).await;
    let three = company(&db, "Harbor Supplies GmbH").await;
    let four = company(&db, "The Harbor Supplies").await;
    company(&db, "Northwind Bakery 2").await;
    company(&db, "Northwind Bakery 3").await;
    let mut free = CompanyInput::named("Solo Trader");
    free.domain = Some("gmail.com".into());
    companies::create(&db, free).await.unwrap();
    let mut free2 = CompanyInput::named("Other Sole Trader");
    free2.domain = Some("gmail.com".into());
    companies::create(&db, free2).await.unwrap();
    let g = groups(&db, Some(RecordKind::Company)).await;
    assert_eq!(g.len(), 2, "{g:#?}");
    assert_eq!((g[0].reason, g[0].confidence, g[0].detail.as_str()), (DuplicateReason::SameDomain, 80, "brightside.example"));
    assert_eq!(ids(&g[0]), sorted(vec![one, two]));
    assert_eq!(g[1].reason, DuplicateReason::SimilarName);
    assert_eq!(g[1].confidence, 75);
    assert_eq!(ids(&g[1]), sorted(vec![three, four]));
    assert!(groups(&db, Some(RecordKind::Contact)).await.is_empty());
}

#[tokio::test]
async fn links_unite_into_one_group_with_the_strongest_reason() {
    let db = db().await;
    let a = add(&db, person("Ann", "One", None, &["shared@acme.example"], &[])).await;
    let b = add(&db, person("Ben", "Two", None, &["shared@acme.example"], &["+1 415 555 0100"])).await;
    let c = add(&db, person("Cat", "Three", None, &[], &["+1 (415) 555-0100"])).await;
    let g = groups(&db, None).await;
    assert_eq!(g.len(), 1, "{g:#?}");
    assert_eq!(g[0].reason, DuplicateReason::SameEmail);
    assert_eq!(g[0].confidence, 95);
    assert_eq!(ids(&g[0]), sorted(vec![a.clone(), b, c]));
    // Records come oldest first.
    assert_eq!(g[0].records[0].id, a);
    assert_eq!(g[0].records[0].subtitle.as_deref(), Some("shared@acme.example"));
}

#[tokio::test]
async fn a_value_shared_by_many_is_not_a_signal() {
    let db = db().await;
    for i in 0..12 {
        add(&db, person(&format!("Person{i}"), &format!("Family{i}"), None, &[], &["+1 212 555 0199"])).await;
    }
    assert!(groups(&db, None).await.is_empty(), "a switchboard number shared by 12 contacts");
}

#[tokio::test]
async fn ordered_by_confidence_and_paged() {
    let db = db().await;
    let acme = company(&db, "Acme").await;
    add(&db, person("Jon", "Smith", Some(&acme), &[], &[])).await;
    add(&db, person("John", "Smith", Some(&acme), &[], &[])).await;
    add(&db, person("Pat", "Phone", None, &[], &["+1 415 555 0111"])).await;
    add(&db, person("Peter", "Ring", None, &[], &["+14155550111"])).await;
    add(&db, person("Eve", "Mail", None, &["eve@x.example"], &[])).await;
    add(&db, person("Evan", "Post", None, &["EVE@x.example"], &[])).await;
    let all = duplicates::find(&db, &DuplicateQuery::default()).await.unwrap();
    assert_eq!(all.total, 3);
    let reasons: Vec<_> = all.groups.iter().map(|g| g.reason).collect();
    assert_eq!(reasons, [DuplicateReason::SameEmail, DuplicateReason::SamePhone, DuplicateReason::SimilarName]);
    let page = duplicates::find(&db, &DuplicateQuery { kind: None, offset: 1, limit: Some(1) }).await.unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.groups, vec![all.groups[1].clone()]);
    let past = duplicates::find(&db, &DuplicateQuery { kind: None, offset: 3, limit: Some(10) }).await.unwrap();
    assert!(past.groups.is_empty());
    assert_eq!(past.total, 3);
}

#[tokio::test]
async fn trashed_records_are_not_duplicates() {
    let db = db().await;
    add(&db, person("Ann", "One", None, &["same@acme.example"], &[])).await;
    let b = add(&db, person("Ben", "Two", None, &["same@acme.example"], &[])).await;
    contacts::delete(&db, &b).await.unwrap();
    assert!(groups(&db, None).await.is_empty());
}

#[tokio::test]
async fn likely_duplicates_of_a_new_contact() {
    let db = db().await;
    let acme = company(&db, "Acme").await;
    let jane = add(&db, person("Jane", "Doe", Some(&acme), &["jane@acme.example"], &["+44 20 7946 0958"])).await;
    let jon = add(&db, person("Jonathan", "Smith", Some(&acme), &[], &[])).await;
    add(&db, person("Jon", "Smith", None, &[], &[])).await;

    let mut new = person("J", "D", None, &[" Jane@ACME.example "], &[]);
    let found = duplicates::likely_contacts(&db, &new, None).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].id.as_str(), found[0].reason, found[0].confidence), (jane.as_str(), DuplicateReason::SameEmail, 95));

    new.emails.clear();
    new.phones = vec![PhoneInput { phone: "020 7946 0958".into(), label: None, is_primary: false }];
    new.address.country = Some("GB".into());
    let found = duplicates::likely_contacts(&db, &new, None).await.unwrap();
    assert_eq!((found[0].id.as_str(), found[0].reason, found[0].detail.as_str()), (jane.as_str(), DuplicateReason::SamePhone, "+44 20 7946 0958"));

    let similar = person("Jon", "Smith", Some(&acme), &[], &[]);
    let found = duplicates::likely_contacts(&db, &similar, None).await.unwrap();
    assert_eq!(found.len(), 1, "only the one at the same company: {found:#?}");
    assert_eq!((found[0].id.as_str(), found[0].reason), (jon.as_str(), DuplicateReason::SimilarName));
    assert_eq!(found[0].detail, "Jon Smith ≈ Jonathan Smith at Acme");

    // Editing a contact does not find itself.
    let me = person("Jane", "Doe", Some(&acme), &["jane@acme.example"], &[]);
    assert!(duplicates::likely_contacts(&db, &me, Some(&jane)).await.unwrap().is_empty());
    assert!(duplicates::likely_contacts(&db, &person("Zed", "Unique", None, &["zed@z.example"], &[]), None).await.unwrap().is_empty());
}

#[tokio::test]
async fn likely_duplicates_of_a_new_company() {
    let db = db().await;
    let mut b = CompanyInput::named("Brightside Bakery");
    b.domain = Some("brightside.example".into());
    let b = companies::create(&db, b).await.unwrap().id;
    let mut input = CompanyInput::named("Totally Different");
    input.domain = Some("www.Brightside.example".into());
    let found = duplicates::likely_companies(&db, &input, None).await.unwrap();
    assert_eq!((found.len(), found[0].id.as_str(), found[0].reason), (1, b.as_str(), DuplicateReason::SameDomain));
    let found = duplicates::likely_companies(&db, &CompanyInput::named("brightside bakery Ltd"), None).await.unwrap();
    assert_eq!((found.len(), found[0].id.as_str(), found[0].reason), (1, b.as_str(), DuplicateReason::SimilarName));
    assert!(duplicates::likely_companies(&db, &CompanyInput::named("Brightside Plumbing"), None).await.unwrap().is_empty());
    assert!(duplicates::likely_companies(&db, &CompanyInput::named("Brightside Bakery"), Some(&b)).await.unwrap().is_empty());
}

/// Everything a merge may touch, for before/after comparisons.
#[derive(Debug, PartialEq)]
struct World {
    contacts: Vec<ContactDetail>,
    timelines: Vec<Vec<String>>,
    deals: Vec<Vec<String>>,
    contact_total: u32,
    company_counts: Vec<(String, u32)>,
}

async fn world(db: &DatabaseConnection, ids: &[&str]) -> World {
    let mut w = World { contacts: vec![], timelines: vec![], deals: vec![], contact_total: 0, company_counts: vec![] };
    for id in ids {
        w.contacts.push(contacts::get(db, id).await.unwrap());
        let t = activities::timeline(db, &TimelineQuery { contact_id: Some(id.to_string()), limit: Some(100), ..Default::default() }).await.unwrap();
        w.timelines.push(t.items.into_iter().map(|a| a.id).collect());
        w.deals.push(sorted(deals::for_contact(db, id).await.unwrap().cards.into_iter().map(|c| c.id).collect()));
    }
    w.contact_total = contacts::list(db, &ContactQuery::default()).await.unwrap().total;
    w.company_counts = companies::list(db, &CompanyQuery::default()).await.unwrap().rows.into_iter().map(|r| (r.id, r.contact_count)).collect();
    w
}

async fn activity(db: &DatabaseConnection, contact: &str, subject: &str) -> String {
    activities::create(db, ActivityInput {
        kind: ActivityKind::Call,
        subject: subject.into(),
        body: None,
        contact_id: Some(contact.into()),
        company_id: None,
        deal_id: None,
        occurred_at: Some(chrono::Utc::now() - chrono::Duration::days(3)),
        due_at: None,
        duration_minutes: Some(10),
        outcome: None,
    })
    .await
    .unwrap()
    .id
}

async fn deal(db: &DatabaseConnection, title: &str, contacts: &[&str], company: Option<&str>) -> String {
    let p = pipelines::list(db).await.unwrap().remove(0);
    let mut d = DealInput::titled(title, 1000, "EUR");
    d.contact_ids = contacts.iter().map(|c| c.to_string()).collect();
    d.company_id = company.map(str::to_string);
    deals::create(db, NewDeal { pipeline_id: p.id, stage_id: None, deal: d }).await.unwrap().id
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let r = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql.to_string())).await.unwrap().unwrap();
    r.try_get_by_index(0).unwrap()
}

#[tokio::test]
async fn merge_contacts_moves_everything_and_undo_restores_exactly() {
    let db = db().await;
    let acme = company(&db, "Acme").await;
    let mut s = person("Jon", "Smith", Some(&acme), &["jon@acme.example"], &["+1 415 555 0100"]);
    s.tags = vec!["vip".into()];
    s.title = Some("Owner".into());
    let survivor = add(&db, s).await;
    let mut o = person("Jonathan", "Smith", None, &["JON@acme.example", "jonathan@home.example"], &["+1 415 555 0100", "+1 212 555 0101"]);
    o.tags = vec!["vip".into(), "newsletter".into()];
    o.lifecycle_stage = LifecycleStage::Retention;
    o.title = Some("Founder".into());
    let other = add(&db, o).await;
    let third = add(&db, person("J.", "Smith", None, &["j.smith@acme.example"], &[])).await;
    let referred = {
        let mut r = person("Rita", "Ref", None, &[], &[]);
        r.referred_by_id = Some(other.clone());
        add(&db, r).await
    };
    activity(&db, &survivor, "First call").await;
    let moved_call = activity(&db, &other, "Second call").await;
    activity(&db, &third, "Third call").await;
    let shared_deal = deal(&db, "Shared", &[&survivor, &other], None).await;
    let own_deal = deal(&db, "Own", &[&other], None).await;
    sql(&db, &format!("INSERT INTO consents (id, contact_id, purpose, granted, source, wording, recorded_at) VALUES ('c1', '{other}', 'newsletter', 1, 'web form', NULL, '2026-01-01 00:00:00+00:00')")).await;
    let ids = [survivor.as_str(), other.as_str(), third.as_str(), referred.as_str()];
    let before = world(&db, &ids).await;

    let cands = duplicates::merge_candidates(&db, RecordKind::Contact, &[survivor.clone(), other.clone(), third.clone()]).await.unwrap();
    assert_eq!(cands.records.len(), 3);
    let title = cands.fields.iter().find(|f| f.field == "title").unwrap();
    assert_eq!(title.values, vec![Some("Owner".into()), Some("Founder".into()), None]);
    let company_field = cands.fields.iter().find(|f| f.field == "company").unwrap();
    assert_eq!(company_field.values[0].as_deref(), Some("Acme"));
    assert_eq!(cands.linked[1], "1 activity, 2 deals, 2 tags, 2 e-mails, 2 phones");

    let rec = duplicates::merge(&db, &MergeInput {
        kind: RecordKind::Contact,
        survivor_id: survivor.clone(),
        merged_ids: vec![other.clone(), third.clone()],
        choices: vec![FieldChoice { field: "title".into(), from_id: other.clone() }, FieldChoice { field: "first_name".into(), from_id: other.clone() }],
    })
    .await
    .unwrap();
    assert_eq!((rec.merged_count, rec.survivor_name.as_str(), rec.undone_at), (2, "Jonathan Smith", None));

    let s = contacts::get(&db, &survivor).await.unwrap();
    assert_eq!(s.first_name, "Jonathan");
    assert_eq!(s.title.as_deref(), Some("Founder"));
    assert_eq!(s.company.as_ref().map(|c| c.name.as_str()), Some("Acme"), "not chosen: the survivor's");
    assert_eq!(s.lifecycle_stage, LifecycleStage::Retention, "the furthest stage");
    let emails: Vec<(&str, bool)> = s.emails.iter().map(|e| (e.email.as_str(), e.is_primary)).collect();
    assert_eq!(emails, [("jon@acme.example", true), ("jonathan@home.example", false), ("j.smith@acme.example", false)]);
    let phones: Vec<&str> = s.phones.iter().map(|p| p.phone.as_str()).collect();
    assert_eq!(phones, ["+14155550100", "+12125550101"]);
    assert_eq!(s.tags, ["newsletter", "vip"]);
    assert_eq!(s.referrals.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [referred.as_str()]);
    assert!(s.lifecycle_history.len() >= 3, "the merged history and the stage change: {:?}", s.lifecycle_history);
    let t = activities::timeline(&db, &TimelineQuery { contact_id: Some(survivor.clone()), limit: Some(100), ..Default::default() }).await.unwrap();
    assert_eq!(t.items.len(), 3);
    assert!(t.items.iter().any(|a| a.id == moved_call));
    assert!(s.last_contacted_at.is_some());
    assert_eq!(sorted(deals::for_contact(&db, &survivor).await.unwrap().cards.into_iter().map(|c| c.id).collect()), sorted(vec![shared_deal.clone(), own_deal.clone()]));
    assert_eq!(deals::get(&db, &shared_deal).await.unwrap().contacts.len(), 1, "no double link");
    assert_eq!(count(&db, &format!("SELECT count(*) FROM consents WHERE contact_id = '{survivor}'")).await, 1);
    for gone in [&other, &third] {
        assert!(matches!(contacts::get(&db, gone).await, Err(CoreError::NotFound { .. })), "merged records are in the trash");
    }
    assert_eq!(contacts::list(&db, &ContactQuery::default()).await.unwrap().total, before.contact_total - 2);
    assert_eq!(meta::status(&db).await.unwrap().contact_count, before.contact_total - 2);
    assert_eq!(count(&db, "SELECT count(*) FROM audit_log WHERE action = 'merge' AND entity = 'contact'").await, 1);
    assert!(groups(&db, None).await.is_empty(), "no duplicates left");

    let undone = duplicates::undo_merge(&db, &rec.id).await.unwrap();
    assert!(undone.undone_at.is_some());
    assert_eq!(world(&db, &ids).await, before, "undo restores every record, link and count exactly");
    assert_eq!(count(&db, &format!("SELECT count(*) FROM consents WHERE contact_id = '{other}'")).await, 1);
    assert_eq!(count(&db, "SELECT count(*) FROM audit_log WHERE action = 'merge_undo'").await, 1);

    let again = duplicates::undo_merge(&db, &rec.id).await;
    assert!(matches!(again, Err(CoreError::Conflict { .. })), "{again:?}");
    let list = duplicates::merges(&db).await.unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].undone_at.is_some());
    assert!(matches!(duplicates::undo_merge(&db, "nope").await, Err(CoreError::NotFound { .. })));
}

#[tokio::test]
async fn undo_after_the_survivor_was_edited_keeps_the_edit() {
    let db = db().await;
    let a = add(&db, person("Ann", "Archer", None, &["ann@a.example"], &[])).await;
    let mut bi = person("Annie", "Archer", None, &["annie@a.example"], &[]);
    bi.title = Some("Boss".into());
    bi.notes = Some("merged note".into());
    let b = add(&db, bi).await;
    let before_b = contacts::get(&db, &b).await.unwrap();
    let rec = duplicates::merge(&db, &MergeInput {
        kind: RecordKind::Contact,
        survivor_id: a.clone(),
        merged_ids: vec![b.clone()],
        choices: vec![FieldChoice { field: "title".into(), from_id: b.clone() }, FieldChoice { field: "notes".into(), from_id: b.clone() }],
    })
    .await
    .unwrap();
    // The survivor is edited after the merge (its form rewrites e-mails too).
    let mut edit = contacts::get(&db, &a).await.unwrap().to_input();
    edit.title = Some("Chief".into());
    contacts::update(&db, &a, edit).await.unwrap();
    duplicates::undo_merge(&db, &rec.id).await.unwrap();
    let after = contacts::get(&db, &a).await.unwrap();
    assert_eq!(after.title.as_deref(), Some("Chief"), "the edit since the merge stays");
    assert_eq!(after.notes, None, "an untouched merged value goes back");
    let b_after = contacts::get(&db, &b).await.unwrap();
    assert_eq!(b_after.emails.iter().map(|e| e.email.as_str()).collect::<Vec<_>>(), ["annie@a.example"]);
    assert_eq!(b_after.title, before_b.title);
}

#[tokio::test]
async fn merge_companies_moves_contacts_and_deals() {
    let db = db().await;
    let mut one = CompanyInput::named("Brightside Bakery");
    one.domain = Some("brightside.example".into());
    one.tags = vec!["bakery".into()];
    let one = companies::create(&db, one).await.unwrap().id;
    let mut two = CompanyInput::named("Brightside Bakery Ltd");
    two.industry = Some("Food".into());
    two.tags = vec!["wholesale".into()];
    let two = companies::create(&db, two).await.unwrap().id;
    let c1 = add(&db, person("Ann", "A", Some(&one), &[], &[])).await;
    let c2 = add(&db, person("Ben", "B", Some(&two), &[], &[])).await;
    let c3 = add(&db, person("Cat", "C", Some(&two), &[], &[])).await;
    let d = deal(&db, "Bread", &[&c2], Some(&two)).await;
    let before = world(&db, &[&c1, &c2, &c3]).await;
    let before_one = companies::get(&db, &one).await.unwrap();
    let before_two = companies::get(&db, &two).await.unwrap();
    assert_eq!(companies::list(&db, &CompanyQuery::default()).await.unwrap().total, 2);

    let cands = duplicates::merge_candidates(&db, RecordKind::Company, &[one.clone(), two.clone()]).await.unwrap();
    assert_eq!(cands.linked, ["1 contact, 1 tag", "2 contacts, 1 deal, 1 tag"]);
    let rec = duplicates::merge(&db, &MergeInput {
        kind: RecordKind::Company,
        survivor_id: one.clone(),
        merged_ids: vec![two.clone()],
        choices: vec![FieldChoice { field: "industry".into(), from_id: two.clone() }],
    })
    .await
    .unwrap();
    let merged = companies::get(&db, &one).await.unwrap();
    assert_eq!(merged.contact_count, 3);
    assert_eq!(merged.industry.as_deref(), Some("Food"));
    assert_eq!(merged.name, "Brightside Bakery");
    assert_eq!(merged.tags, ["bakery", "wholesale"]);
    assert_eq!(deals::get(&db, &d).await.unwrap().company.map(|c| c.id), Some(one.clone()));
    assert_eq!(companies::list(&db, &CompanyQuery::default()).await.unwrap().total, 1);
    assert_eq!(meta::status(&db).await.unwrap().company_count, 1);
    assert!(matches!(companies::get(&db, &two).await, Err(CoreError::NotFound { .. })));

    duplicates::undo_merge(&db, &rec.id).await.unwrap();
    assert_eq!(world(&db, &[&c1, &c2, &c3]).await, before);
    assert_eq!(companies::get(&db, &one).await.unwrap(), before_one);
    assert_eq!(companies::get(&db, &two).await.unwrap(), before_two);
    assert_eq!(deals::get(&db, &d).await.unwrap().company.map(|c| c.id), Some(two.clone()));
    assert_eq!(meta::status(&db).await.unwrap().company_count, 2);
}

fn code(e: CoreError) -> (String, String) {
    match e {
        CoreError::Validation { errors } => (errors[0].field.clone(), errors[0].code.clone()),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn bad_merges_are_refused_and_change_nothing() {
    let db = db().await;
    let a = add(&db, person("Ann", "A", None, &["a@a.example"], &[])).await;
    let b = add(&db, person("Ann", "A", None, &["b@a.example"], &[])).await;
    let co = company(&db, "Acme").await;
    let before = world(&db, &[&a, &b]).await;
    let m = |survivor: &str, merged: Vec<String>, choices: Vec<FieldChoice>| MergeInput { kind: RecordKind::Contact, survivor_id: survivor.into(), merged_ids: merged, choices };
    let cases = [
        (m(&a, vec![a.clone()], vec![]), ("merged_ids", "self_merge")),
        (m(&a, vec![], vec![]), ("merged_ids", "required")),
        (m(&a, vec![b.clone(), b.clone()], vec![]), ("merged_ids", "self_merge")),
        (m(&a, vec!["nope".into()], vec![]), ("merged_ids", "unknown_id")),
        (m("nope", vec![b.clone()], vec![]), ("survivor_id", "unknown_id")),
        (m(&a, vec![co.clone()], vec![]), ("merged_ids", "unknown_id")),
        (m(&a, vec![b.clone()], vec![FieldChoice { field: "shoe_size".into(), from_id: b.clone() }]), ("choices.0.field", "unknown_field")),
        (m(&a, vec![b.clone()], vec![FieldChoice { field: "title".into(), from_id: co.clone() }]), ("choices.0.from_id", "not_in_merge")),
        (
            m(&a, vec![b.clone()], vec![FieldChoice { field: "title".into(), from_id: b.clone() }, FieldChoice { field: "title".into(), from_id: a.clone() }]),
            ("choices.1.field", "duplicate"),
        ),
    ];
    for (input, (field, c)) in cases {
        let e = duplicates::merge(&db, &input).await.unwrap_err();
        assert_eq!(code(e), (field.to_string(), c.to_string()));
    }
    let e = duplicates::merge_candidates(&db, RecordKind::Contact, std::slice::from_ref(&a)).await.unwrap_err();
    assert_eq!(code(e).1, "too_few");
    assert_eq!(world(&db, &[&a, &b]).await, before);
    assert!(duplicates::merges(&db).await.unwrap().is_empty());
    assert_eq!(count(&db, "SELECT count(*) FROM audit_log").await, 0);
}

#[tokio::test]
async fn the_demo_shows_duplicates_and_a_bounce_on_first_start() {
    let db = db().await;
    let summary = hearth_core::demo::load(&db).await.unwrap();
    assert_eq!((summary.companies, summary.contacts), (60, 320), "the demo's size is unchanged");
    let g = groups(&db, None).await;
    assert!(g.iter().any(|x| x.kind == RecordKind::Company && x.reason == DuplicateReason::SameDomain && x.records.iter().any(|r| r.name.ends_with(" Ltd"))), "{g:#?}");
    assert!(g.iter().any(|x| x.reason == DuplicateReason::SimilarName && x.records.iter().any(|r| r.name.starts_with("Jon ")) && x.records.iter().any(|r| r.name.starts_with("Jonathan "))), "{g:#?}");
    assert!(g.iter().any(|x| x.reason == DuplicateReason::SameEmail), "{g:#?}");
    let o = hearth_core::hygiene::overview(&db).await.unwrap();
    let bounced = o.checks.iter().find(|c| c.check == hearth_core::hygiene::QualityCheck::BouncedEmails).unwrap();
    assert_eq!(bounced.count, 1);
}

#[tokio::test]
async fn odd_characters_in_names_do_not_break_the_finder() {
    // Forms and imports refuse control characters now; rows written before (or by another
    // tool) may still hold them, including the finder's own separators.
    let db = db().await;
    let acme = company(&db, "Acme Co").await;
    let ann = add(&db, person("Anne", "Lee", Some(&acme), &["ann@acme.example"], &[])).await;
    let other = add(&db, person("X", "Lee", Some(&acme), &["ANN@acme.example"], &[])).await;
    db.execute_unprepared(&format!("UPDATE companies SET name = 'Acme' || char(30) || 'Co' WHERE id = '{acme}'")).await.unwrap();
    db.execute_unprepared(&format!("UPDATE contacts SET first_name = 'Ann' || char(31) || 'e' WHERE id = '{ann}'")).await.unwrap();
    db.execute_unprepared(&format!("UPDATE contacts SET first_name = char(2) WHERE id = '{other}'")).await.unwrap();
    let g = groups(&db, None).await;
    assert_eq!(g.len(), 1, "{g:#?}");
    assert_eq!(g[0].reason, DuplicateReason::SameEmail);
    assert_eq!(g[0].records.len(), 2);
}
