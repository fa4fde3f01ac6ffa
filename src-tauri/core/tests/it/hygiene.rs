use crate::common;

use common::{company, db};
use hearth_core::activities::{self, ActivityInput, ActivityKind};
use hearth_core::companies::{self, CompanyInput};
use hearth_core::contacts::{self, ContactInput, ContactQuery, EmailInput, PhoneInput};
use hearth_core::duplicates::RecordKind;
use hearth_core::hygiene::{self, BulkAction, QualityCheck, DEFAULT_STALE_DAYS};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::{meta, tags, CoreError, DatabaseConnection};
use sea_orm::ConnectionTrait;

fn person(first: &str, company_id: Option<&str>, emails: &[&str], phones: &[&str]) -> ContactInput {
    let mut c = ContactInput::named(first, "Tester");
    c.company_id = company_id.map(str::to_string);
    c.emails = emails.iter().map(|e| EmailInput { email: e.to_string(), label: None, is_primary: false }).collect();
    c.phones = phones.iter().map(|p| PhoneInput { phone: p.to_string(), label: None, is_primary: false }).collect();
    c
}

async fn add(db: &DatabaseConnection, c: ContactInput) -> String {
    contacts::create(db, c).await.unwrap().id
}

async fn count_of(db: &DatabaseConnection, check: QualityCheck) -> u32 {
    hygiene::overview(db).await.unwrap().checks.into_iter().find(|c| c.check == check).unwrap().count
}

async fn row_ids(db: &DatabaseConnection, check: QualityCheck) -> Vec<String> {
    let page = hygiene::rows(db, check, 0, Some(500)).await.unwrap();
    assert_eq!(page.total as usize, page.rows.len());
    let mut v: Vec<String> = page.rows.into_iter().map(|r| r.id).collect();
    v.sort();
    v
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

async fn touch(db: &DatabaseConnection, contact: &str, days_ago: i64) {
    activities::create(db, ActivityInput {
        kind: ActivityKind::Meeting,
        subject: "Coffee".into(),
        body: None,
        contact_id: Some(contact.into()),
        company_id: None,
        deal_id: None,
        occurred_at: Some(chrono::Utc::now() - chrono::Duration::days(days_ago)),
        due_at: None,
        duration_minutes: Some(30),
        outcome: None,
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn every_check_counts_and_lists_its_records() {
    let db = db().await;
    let acme = company(&db, "Acme").await;
    let mut web = CompanyInput::named("Web Shop");
    web.domain = Some("web.example".into());
    let web = companies::create(&db, web).await.unwrap().id;
    let empty = company(&db, "Empty Co").await;
    let unreachable = add(&db, person("Una", Some(&acme), &[], &[])).await;
    let phone_only = add(&db, person("Phil", Some(&web), &[], &["+1 415 555 0100"])).await;
    let no_company = add(&db, person("Nina", None, &["nina@n.example"], &[])).await;
    let invalid = add(&db, person("Ivan", Some(&acme), &["ivan@i.example"], &[])).await;
    // Older data can hold an address the forms would refuse.
    db.execute_unprepared(&format!("UPDATE contact_emails SET email = 'ivan@@broken' WHERE contact_id = '{invalid}'")).await.unwrap();
    let bounced = add(&db, person("Bea", Some(&acme), &["bea@b.example", "bea2@b.example"], &[])).await;
    hygiene::set_bounced(&db, &bounced, " BEA@b.example", true).await.unwrap();
    touch(&db, &phone_only, 10).await;
    touch(&db, &no_company, 200).await;
    // A contact in the trash is never counted.
    let trashed = add(&db, person("Tom", None, &["tom@t.example"], &[])).await;
    db.execute_unprepared(&format!("UPDATE contact_emails SET email = 'x@@y', bounced = 1 WHERE contact_id = '{trashed}'")).await.unwrap();
    contacts::delete(&db, &trashed).await.unwrap();

    assert_eq!(row_ids(&db, QualityCheck::ContactsUnreachable).await, vec![unreachable.clone()]);
    assert_eq!(row_ids(&db, QualityCheck::ContactsWithoutCompany).await, vec![no_company.clone()]);
    assert_eq!(row_ids(&db, QualityCheck::InvalidEmails).await, vec![invalid.clone()]);
    assert_eq!(row_ids(&db, QualityCheck::BouncedEmails).await, vec![bounced.clone()]);
    assert_eq!(
        row_ids(&db, QualityCheck::NotTouched).await,
        sorted(vec![unreachable.clone(), no_company.clone(), invalid.clone(), bounced.clone()])
    );
    assert_eq!(row_ids(&db, QualityCheck::CompaniesWithoutDomain).await, sorted(vec![acme.clone(), empty.clone()]));
    assert_eq!(row_ids(&db, QualityCheck::CompaniesWithoutContacts).await, vec![empty.clone()]);

    let o = hygiene::overview(&db).await.unwrap();
    assert_eq!(o.stale_days, DEFAULT_STALE_DAYS);
    let counts: Vec<(QualityCheck, u32)> = o.checks.iter().map(|c| (c.check, c.count)).collect();
    assert_eq!(counts, [
        (QualityCheck::ContactsUnreachable, 1),
        (QualityCheck::ContactsWithoutCompany, 1),
        (QualityCheck::InvalidEmails, 1),
        (QualityCheck::BouncedEmails, 1),
        (QualityCheck::NotTouched, 4),
        (QualityCheck::CompaniesWithoutDomain, 2),
        (QualityCheck::CompaniesWithoutContacts, 1),
    ]);
    assert!(o.checks.iter().all(|c| !c.label.is_empty() && !c.description.is_empty()));
    assert_eq!(o.checks[5].kind, RecordKind::Company);

    let invalid_row = &hygiene::rows(&db, QualityCheck::InvalidEmails, 0, None).await.unwrap().rows[0];
    assert_eq!((invalid_row.name.as_str(), invalid_row.detail.as_deref()), ("Ivan Tester", Some("ivan@@broken")));
    let bounced_row = &hygiene::rows(&db, QualityCheck::BouncedEmails, 0, None).await.unwrap().rows[0];
    assert_eq!(bounced_row.detail.as_deref(), Some("bea@b.example"));
    let stale = hygiene::rows(&db, QualityCheck::NotTouched, 0, None).await.unwrap();
    let nina = stale.rows.iter().find(|r| r.id == no_company).unwrap();
    assert!(nina.detail.as_deref().unwrap().starts_with("last touched "), "{nina:?}");
    assert_eq!(stale.rows.iter().find(|r| r.id == unreachable).unwrap().detail.as_deref(), Some("never touched"));

    // Paging by name.
    let page = hygiene::rows(&db, QualityCheck::NotTouched, 1, Some(2)).await.unwrap();
    assert_eq!((page.total, page.rows.len()), (4, 2));
    assert_eq!(page.rows[0].id, stale.rows[1].id);

    // Unmarking the bounce empties that list.
    hygiene::set_bounced(&db, &bounced, "bea@b.example", false).await.unwrap();
    assert_eq!(count_of(&db, QualityCheck::BouncedEmails).await, 0);
}

#[tokio::test]
async fn stale_days_setting() {
    let db = db().await;
    let a = add(&db, person("Ann", None, &[], &[])).await;
    touch(&db, &a, 40).await;
    assert_eq!(count_of(&db, QualityCheck::NotTouched).await, 0, "40 days < the default 90");
    let o = hygiene::set_stale_days(&db, 30).await.unwrap();
    assert_eq!(o.stale_days, 30);
    assert_eq!(o.checks.iter().find(|c| c.check == QualityCheck::NotTouched).unwrap().count, 1);
    assert!(o.checks.iter().any(|c| c.label == "Contacts not touched in 30 days"));
    assert_eq!(meta::get(&db, "stale_days").await.unwrap().as_deref(), Some("30"));
    assert_eq!(hygiene::overview(&db).await.unwrap().stale_days, 30, "kept");
    for bad in [0, 3651] {
        match hygiene::set_stale_days(&db, bad).await {
            Err(CoreError::Validation { errors }) => assert_eq!((errors[0].field.as_str(), errors[0].code.as_str()), ("stale_days", "out_of_range")),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(hygiene::overview(&db).await.unwrap().stale_days, 30, "unchanged by a refused value");
}

#[tokio::test]
async fn bulk_actions_on_contacts() {
    let db = db().await;
    let a = add(&db, person("Ann", None, &[], &[])).await;
    let b = add(&db, person("Ben", None, &[], &[])).await;
    let mut ci = person("Cat", None, &[], &[]);
    ci.tags = vec!["Lapsed".into()];
    let c = add(&db, ci).await;
    let all = vec![a.clone(), b.clone(), c.clone()];

    assert_eq!(hygiene::bulk(&db, RecordKind::Contact, &all, &BulkAction::AddTag { name: " lapsed ".into() }).await.unwrap(), 2);
    for id in &all {
        assert_eq!(contacts::get(&db, id).await.unwrap().tags, ["Lapsed"]);
    }
    assert_eq!(tags::list(&db).await.unwrap().iter().filter(|t| t.name == "Lapsed").count(), 1);

    assert_eq!(hygiene::bulk(&db, RecordKind::Contact, &all, &BulkAction::SetOwner { owner: Some("Sam".into()) }).await.unwrap(), 3);
    assert_eq!(hygiene::bulk(&db, RecordKind::Contact, &all, &BulkAction::SetOwner { owner: Some("Sam".into()) }).await.unwrap(), 0);
    assert_eq!(contacts::get(&db, &b).await.unwrap().owner.as_deref(), Some("Sam"));
    assert_eq!(hygiene::bulk(&db, RecordKind::Contact, std::slice::from_ref(&b), &BulkAction::SetOwner { owner: None }).await.unwrap(), 1);
    assert_eq!(contacts::get(&db, &b).await.unwrap().owner, None);

    assert_eq!(hygiene::bulk(&db, RecordKind::Contact, &all, &BulkAction::SetStage { stage: LifecycleStage::Retention }).await.unwrap(), 3);
    let got = contacts::get(&db, &a).await.unwrap();
    assert_eq!(got.lifecycle_stage, LifecycleStage::Retention);
    assert_eq!(got.lifecycle_history[0].from_stage, Some(LifecycleStage::Reach));
    assert_eq!(got.lifecycle_history[0].to_stage, LifecycleStage::Retention);

    assert_eq!(hygiene::bulk(&db, RecordKind::Contact, &[a.clone(), a.clone()], &BulkAction::SetDoNotContact { value: true }).await.unwrap(), 1);
    assert!(contacts::get(&db, &a).await.unwrap().do_not_contact);

    let total = contacts::list(&db, &ContactQuery::default()).await.unwrap().total;
    assert_eq!(hygiene::bulk(&db, RecordKind::Contact, &[a.clone(), b.clone()], &BulkAction::Trash).await.unwrap(), 2);
    assert_eq!(contacts::list(&db, &ContactQuery::default()).await.unwrap().total, total - 2);
    assert!(matches!(contacts::get(&db, &a).await, Err(CoreError::NotFound { .. })));
    assert_eq!(hygiene::bulk(&db, RecordKind::Contact, &all, &BulkAction::Restore).await.unwrap(), 2);
    assert_eq!(meta::status(&db).await.unwrap().contact_count, total);
    assert!(contacts::get(&db, &a).await.unwrap().do_not_contact);
}

#[tokio::test]
async fn bulk_actions_on_companies() {
    let db = db().await;
    let a = company(&db, "Alpha").await;
    let b = company(&db, "Beta").await;
    let ids = vec![a.clone(), b.clone()];
    assert_eq!(hygiene::bulk(&db, RecordKind::Company, &ids, &BulkAction::AddTag { name: "cleanup".into() }).await.unwrap(), 2);
    assert_eq!(companies::get(&db, &a).await.unwrap().tags, ["cleanup"]);
    assert_eq!(hygiene::bulk(&db, RecordKind::Company, &ids, &BulkAction::SetOwner { owner: Some("Alex".into()) }).await.unwrap(), 2);
    assert_eq!(companies::get(&db, &b).await.unwrap().owner.as_deref(), Some("Alex"));
    assert_eq!(hygiene::bulk(&db, RecordKind::Company, &ids, &BulkAction::Trash).await.unwrap(), 2);
    assert_eq!(meta::status(&db).await.unwrap().company_count, 0);
    assert_eq!(hygiene::bulk(&db, RecordKind::Company, &ids, &BulkAction::Restore).await.unwrap(), 2);
    assert_eq!(meta::status(&db).await.unwrap().company_count, 2);
    let e = hygiene::bulk(&db, RecordKind::Company, &ids, &BulkAction::SetStage { stage: LifecycleStage::Loyalty }).await.unwrap_err();
    assert!(matches!(e, CoreError::Validation { ref errors } if errors[0].code == "contacts_only"), "{e:?}");
}

#[tokio::test]
async fn bad_bulk_input_changes_nothing() {
    let db = db().await;
    let a = add(&db, person("Ann", None, &["ann@a.example"], &[])).await;
    let co = company(&db, "Acme").await;
    let before = contacts::get(&db, &a).await.unwrap();
    let with_unknown = vec![a.clone(), "nope".to_string()];
    for action in [BulkAction::Trash, BulkAction::AddTag { name: "x".into() }, BulkAction::SetOwner { owner: Some("Z".into()) }] {
        let e = hygiene::bulk(&db, RecordKind::Contact, &with_unknown, &action).await.unwrap_err();
        assert!(matches!(e, CoreError::NotFound { ref id, .. } if id == "nope"), "{e:?}");
    }
    // A company id is not a contact.
    assert!(matches!(hygiene::bulk(&db, RecordKind::Contact, std::slice::from_ref(&co), &BulkAction::Trash).await, Err(CoreError::NotFound { .. })));
    assert!(matches!(hygiene::bulk(&db, RecordKind::Contact, &[], &BulkAction::Trash).await, Err(CoreError::Validation { .. })));
    assert!(matches!(
        hygiene::bulk(&db, RecordKind::Contact, std::slice::from_ref(&a), &BulkAction::AddTag { name: "   ".into() }).await,
        Err(CoreError::Validation { .. })
    ));
    assert!(matches!(
        hygiene::bulk(&db, RecordKind::Contact, std::slice::from_ref(&a), &BulkAction::AddTag { name: "x".repeat(60) }).await,
        Err(CoreError::Validation { .. })
    ));
    assert_eq!(contacts::get(&db, &a).await.unwrap(), before);
    assert!(tags::list(&db).await.unwrap().is_empty(), "no tag created by a refused action");

    assert!(matches!(hygiene::set_bounced(&db, &a, "other@a.example", true).await, Err(CoreError::NotFound { .. })));
    assert!(matches!(hygiene::set_bounced(&db, "nope", "ann@a.example", true).await, Err(CoreError::NotFound { .. })));
    assert_eq!(count_of(&db, QualityCheck::BouncedEmails).await, 0);
}
