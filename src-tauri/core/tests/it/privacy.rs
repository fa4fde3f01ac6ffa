//! Privacy: consent rules, may_contact, the per-contact export, erasure (record gone, search
//! finds nothing, shared activities anonymised, audit entry without personal data) and the
//! do-not-contact rule when planning activities.

use crate::common;

use chrono::{Duration, Utc};
use common::{company, create_jane, db};
use hearth_core::activities::{self, ActivityInput, ActivityKind, TimelineQuery};
use hearth_core::contacts::{self, ContactInput};
use hearth_core::deals::{self, DealInput, NewDeal};
use hearth_core::privacy::{self, ConsentInput, Purpose};
use hearth_core::{pipelines, search, CoreError, DatabaseConnection};
use sea_orm::ConnectionTrait;

fn consent(purpose: Purpose, granted: bool) -> ConsentInput {
    ConsentInput { purpose, granted, source: "Web form".into(), wording: Some("Send me news and offers.".into()), recorded_at: None }
}

fn field_code(e: &CoreError) -> (String, String) {
    match e {
        CoreError::Validation { errors } => (errors[0].field.clone(), errors[0].code.clone()),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn activity(kind: ActivityKind, contact: &str, at: Option<chrono::DateTime<Utc>>) -> ActivityInput {
    ActivityInput {
        kind,
        subject: "Catch up".into(),
        body: Some("Talked about the sourdough order".into()),
        contact_id: Some(contact.into()),
        company_id: None,
        deal_id: None,
        occurred_at: at,
        due_at: None,
        duration_minutes: None,
        outcome: None,
    }
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let r = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql.to_string())).await.unwrap().unwrap();
    r.try_get_by_index(0).unwrap()
}

#[tokio::test]
async fn consent_history_and_current_state() {
    let db = db().await;
    let jane = create_jane(&db).await;
    let s = privacy::consents(&db, &jane.id).await.unwrap();
    assert!(s.current.is_empty() && s.history.is_empty() && !s.do_not_contact);
    let earlier = Utc::now() - Duration::days(30);
    privacy::record_consent(&db, &jane.id, &ConsentInput { recorded_at: Some(earlier), ..consent(Purpose::MarketingEmail, true) }).await.unwrap();
    privacy::record_consent(&db, &jane.id, &consent(Purpose::Newsletter, true)).await.unwrap();
    let s = privacy::record_consent(&db, &jane.id, &ConsentInput { source: "  E-mail reply ".into(), wording: None, ..consent(Purpose::MarketingEmail, false) })
        .await
        .unwrap();
    assert_eq!(s.history.len(), 3);
    assert!(s.history.windows(2).all(|w| w[0].recorded_at >= w[1].recorded_at), "newest first");
    assert_eq!(s.current.len(), 2, "the latest per purpose");
    let marketing = s.current.iter().find(|c| c.purpose == Purpose::MarketingEmail).unwrap();
    assert!(!marketing.granted);
    assert_eq!(marketing.source, "E-mail reply");
    assert_eq!(s.history.last().unwrap().wording.as_deref(), Some("Send me news and offers."));
    assert_eq!(s.history.last().unwrap().recorded_at, earlier.trunc_subsecs_ms());
}

trait Ms {
    fn trunc_subsecs_ms(self) -> Self;
}
impl Ms for chrono::DateTime<Utc> {
    fn trunc_subsecs_ms(self) -> Self {
        chrono::SubsecRound::trunc_subsecs(self, 3)
    }
}

#[tokio::test]
async fn consent_input_is_validated_and_nothing_is_written_on_error() {
    let db = db().await;
    let jane = create_jane(&db).await;
    let bad = [
        (ConsentInput { source: "   ".into(), ..consent(Purpose::Sms, true) }, ("source", "required")),
        (ConsentInput { source: "x".repeat(201), ..consent(Purpose::Sms, true) }, ("source", "too_long")),
        (ConsentInput { wording: Some("w".repeat(5_001)), ..consent(Purpose::Sms, true) }, ("wording", "too_long")),
        (ConsentInput { recorded_at: Some(Utc::now() + Duration::days(1)), ..consent(Purpose::Sms, true) }, ("recorded_at", "in_future")),
    ];
    for (input, (field, code)) in bad {
        let e = privacy::record_consent(&db, &jane.id, &input).await.unwrap_err();
        assert_eq!(field_code(&e), (field.to_string(), code.to_string()));
    }
    assert_eq!(count(&db, "SELECT count(*) FROM consents").await, 0);
    // 200 characters and 5,000 of wording are fine.
    let ok = ConsentInput { source: "s".repeat(200), wording: Some("w".repeat(5_000)), ..consent(Purpose::Sms, true) };
    privacy::record_consent(&db, &jane.id, &ok).await.unwrap();
    assert!(matches!(privacy::record_consent(&db, "nope", &consent(Purpose::Sms, true)).await, Err(CoreError::NotFound { .. })));
    assert!(matches!(privacy::consents(&db, "nope").await, Err(CoreError::NotFound { .. })));
}

#[tokio::test]
async fn may_contact_rules() {
    let db = db().await;
    let jane = create_jane(&db).await;
    let p = privacy::may_contact(&db, &jane.id, Purpose::MarketingEmail).await.unwrap();
    assert!(!p.allowed);
    assert_eq!(p.reason.as_deref(), Some("No consent to marketing e-mail on record."));
    assert!(!privacy::may_contact(&db, &jane.id, Purpose::Newsletter).await.unwrap().allowed);
    assert!(!privacy::may_contact(&db, &jane.id, Purpose::Sms).await.unwrap().allowed);
    let calls = privacy::may_contact(&db, &jane.id, Purpose::PhoneCalls).await.unwrap();
    assert!(calls.allowed && calls.reason.is_none(), "calls need no consent");

    privacy::record_consent(&db, &jane.id, &consent(Purpose::MarketingEmail, true)).await.unwrap();
    assert!(privacy::may_contact(&db, &jane.id, Purpose::MarketingEmail).await.unwrap().allowed);
    assert!(!privacy::may_contact(&db, &jane.id, Purpose::Newsletter).await.unwrap().allowed, "per purpose");

    privacy::record_consent(&db, &jane.id, &consent(Purpose::PhoneCalls, false)).await.unwrap();
    let calls = privacy::may_contact(&db, &jane.id, Purpose::PhoneCalls).await.unwrap();
    assert!(!calls.allowed);
    assert!(calls.reason.unwrap().starts_with("Jane Doe withdrew consent to phone calls on "));

    let mut input = jane.to_input();
    input.do_not_contact = true;
    contacts::update(&db, &jane.id, input).await.unwrap();
    let p = privacy::may_contact(&db, &jane.id, Purpose::MarketingEmail).await.unwrap();
    assert!(!p.allowed, "do-not-contact beats a granted consent");
    assert_eq!(p.reason.as_deref(), Some("Jane Doe asked not to be contacted."));
    assert!(privacy::consents(&db, &jane.id).await.unwrap().do_not_contact);

    contacts::delete(&db, &jane.id).await.unwrap();
    assert!(matches!(privacy::may_contact(&db, &jane.id, Purpose::PhoneCalls).await, Err(CoreError::NotFound { .. })));
    assert!(matches!(privacy::may_contact(&db, "unknown", Purpose::PhoneCalls).await, Err(CoreError::NotFound { .. })));
}

async fn deal_with(db: &DatabaseConnection, title: &str, contacts: Vec<String>) -> String {
    let pipeline = pipelines::list(db).await.unwrap().remove(0);
    let mut d = DealInput::titled(title, 250_000, "EUR");
    d.contact_ids = contacts;
    deals::create(db, NewDeal { pipeline_id: pipeline.id, stage_id: None, deal: d }).await.unwrap().id
}

#[tokio::test]
async fn export_contact_holds_everything() {
    let db = db().await;
    let co = company(&db, "Sourdough Co").await;
    let mut input = common::jane();
    input.company_id = Some(co);
    let jane = contacts::create(&db, input).await.unwrap();
    activities::create(&db, activity(ActivityKind::Call, &jane.id, Some(Utc::now() - Duration::days(2)))).await.unwrap();
    deal_with(&db, "Bread subscription", vec![jane.id.clone()]).await;
    privacy::record_consent(&db, &jane.id, &consent(Purpose::Newsletter, true)).await.unwrap();
    let json = privacy::export_contact(&db, &jane.id).await.unwrap();
    assert!(json.contains("\n  \""), "pretty-printed");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["contact"]["first_name"], "Jane");
    assert_eq!(v["contact"]["notes"], "Loves sourdough");
    assert_eq!(v["contact"]["company"], "Sourdough Co");
    assert_eq!(v["emails"][0]["email"], "jane.doe@example.com");
    assert_eq!(v["phones"][0]["phone"], "+442079460958");
    assert_eq!(v["tags"].as_array().unwrap().len(), 2);
    assert!(!v["lifecycle_history"].as_array().unwrap().is_empty());
    assert_eq!(v["activities"][0]["body"], "Talked about the sourdough order");
    assert_eq!(v["deals"][0]["title"], "Bread subscription");
    assert_eq!(v["deals"][0]["value"], "2500.00");
    assert!(v["deals"][0]["stage"].as_str().is_some());
    assert_eq!(v["consents"][0]["purpose"], "newsletter");
    assert_eq!(v["consents"][0]["wording"], "Send me news and offers.");
    // The same data gives the same document apart from its time (stable keys).
    let again = privacy::export_contact(&db, &jane.id).await.unwrap();
    let strip = |s: &str| s.lines().filter(|l| !l.contains("exported_at")).collect::<Vec<_>>().join("\n");
    assert_eq!(strip(&json), strip(&again));
    assert!(matches!(privacy::export_contact(&db, "nope").await, Err(CoreError::NotFound { .. })));
}

#[tokio::test]
async fn erase_removes_the_person_and_keeps_shared_records_anonymised() {
    let db = db().await;
    let co = company(&db, "Bakers Guild").await;
    let jane = create_jane(&db).await; // no company: her own activities belong only to her
    let bob = contacts::create(&db, ContactInput::named("Bob", "Baker")).await.unwrap();
    let mut referred = ContactInput::named("Ref", "Erred");
    referred.referred_by_id = Some(jane.id.clone());
    let referred = contacts::create(&db, referred).await.unwrap();
    let past = Some(Utc::now() - Duration::days(3));
    for _ in 0..3 {
        activities::create(&db, activity(ActivityKind::Email, &jane.id, past)).await.unwrap();
    }
    let deal = deal_with(&db, "Wedding cake", vec![jane.id.clone(), bob.id.clone()]).await;
    let on_deal = activities::create(&db, ActivityInput { deal_id: Some(deal.clone()), ..activity(ActivityKind::Meeting, &jane.id, past) }).await.unwrap();
    let on_company = activities::create(&db, ActivityInput { company_id: Some(co.clone()), ..activity(ActivityKind::Note, &jane.id, past) }).await.unwrap();
    privacy::record_consent(&db, &jane.id, &consent(Purpose::MarketingEmail, true)).await.unwrap();
    assert!(!search::search(&db, "Jane", None).await.unwrap().is_empty(), "found before");

    let receipt = privacy::erase_contact(&db, &jane.id).await.unwrap();
    assert_eq!(receipt.activities_erased, 3);
    assert_eq!(receipt.activities_kept_anonymised, 2);

    assert!(matches!(contacts::get(&db, &jane.id).await, Err(CoreError::NotFound { .. })));
    for (table, col) in [("contacts", "id"), ("contact_emails", "contact_id"), ("contact_phones", "contact_id"), ("contact_tags", "contact_id"),
        ("lifecycle_changes", "contact_id"), ("consents", "contact_id"), ("deal_contacts", "contact_id"), ("activities", "contact_id")]
    {
        assert_eq!(count(&db, &format!("SELECT count(*) FROM {table} WHERE {col} = '{}'", jane.id)).await, 0, "{table}");
    }
    for q in ["Jane", "Doe", "jane.doe@example.com", "sourdough", "7946"] {
        assert!(search::search(&db, q, None).await.unwrap().iter().all(|h| h.title != "Jane Doe"), "search {q}");
    }
    assert_eq!(count(&db, "SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH '\"jane\"*'").await, 0, "nothing left in the index");

    let kept = activities::get(&db, &on_deal.id).await.unwrap();
    assert_eq!(kept.subject, "Erased contact");
    assert!(kept.body.is_none() && kept.contact.is_none());
    assert_eq!(kept.deal.map(|d| d.id), Some(deal.clone()));
    let kept = activities::get(&db, &on_company.id).await.unwrap();
    assert_eq!(kept.subject, "Erased contact");
    assert_eq!(count(&db, "SELECT count(*) FROM activities WHERE body LIKE '%sourdough%'").await, 0);

    let d = deals::get(&db, &deal).await.unwrap();
    assert_eq!(d.contacts.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), std::slice::from_ref(&bob.id), "Bob is now the main contact");
    assert!(contacts::get(&db, &referred.id).await.unwrap().referred_by.is_none());
    let bob_timeline = activities::timeline(&db, &TimelineQuery { contact_id: Some(bob.id.clone()), ..Default::default() }).await.unwrap();
    assert!(bob_timeline.items.is_empty());

    let log = privacy::audit_log(&db, None).await.unwrap();
    assert_eq!(log.len(), 1);
    let entry = &log[0];
    assert_eq!((entry.id.as_str(), entry.action.as_str(), entry.entity.as_str()), (receipt.audit_id.as_str(), "erase", "contact"));
    assert_eq!(entry.detail, "Erased a contact: 3 activities deleted, 2 kept without personal content");
    for personal in ["Jane", "Doe", "example.com", jane.id.as_str()] {
        assert!(!entry.detail.contains(personal));
    }
    assert!(matches!(privacy::erase_contact(&db, &jane.id).await, Err(CoreError::NotFound { .. })), "gone for good");
}

#[tokio::test]
async fn erase_clears_import_items_and_merges_about_them_and_works_from_the_trash() {
    let db = db().await;
    let jane = create_jane(&db).await;
    let now = hearth_core::common::now();
    db.execute_raw(sea_orm::Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO imports (id, kind, file_name, status, rule, mapping_json, created_count, updated_count, skipped_count, rejected_count, started_at, finished_at)
         VALUES ('imp1', 'contacts', 'list.csv', 'done', 'update', '{}', 0, 1, 0, 0, ?, ?)",
        [now.into(), now.into()],
    ))
    .await
    .unwrap();
    db.execute_unprepared(&format!(
        "INSERT INTO import_items (import_id, entity, record_id, action, before_json) VALUES ('imp1', 'contact', '{}', 'updated', '{{\"first_name\":\"Jane\"}}')",
        jane.id
    ))
    .await
    .unwrap();
    db.execute_raw(sea_orm::Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO merges (id, entity, survivor_id, merged_ids_json, snapshot_json, merged_at) VALUES ('m1', 'contact', 'other', ?, '{\"name\":\"Jane Doe\"}', ?)",
        [format!("[\"{}\"]", jane.id).into(), now.into()],
    ))
    .await
    .unwrap();
    let json = privacy::export_contact(&db, &jane.id).await.unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["imports"][0]["file_name"], "list.csv");
    assert_eq!(v["merges"][0]["role"], "merged into another record");
    contacts::delete(&db, &jane.id).await.unwrap();
    privacy::erase_contact(&db, &jane.id).await.unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM import_items").await, 0);
    assert_eq!(count(&db, "SELECT count(*) FROM merges").await, 0);
    assert_eq!(count(&db, "SELECT count(*) FROM imports").await, 1, "the import itself stays");
    assert_eq!(count(&db, "SELECT n FROM live_counts WHERE name = 'contacts'").await, 0);
}

#[tokio::test]
async fn audit_log_is_newest_first_and_limited() {
    let db = db().await;
    for i in 0..3 {
        let c = contacts::create(&db, ContactInput::named("P", &i.to_string())).await.unwrap();
        privacy::erase_contact(&db, &c.id).await.unwrap();
    }
    let log = privacy::audit_log(&db, None).await.unwrap();
    assert_eq!(log.len(), 3);
    assert!(log.windows(2).all(|w| (w[0].at, &w[0].id) >= (w[1].at, &w[1].id)));
    assert_eq!(privacy::audit_log(&db, Some(2)).await.unwrap().len(), 2);
    assert_eq!(log[0].detail, "Erased a contact: 0 activities deleted, 0 kept without personal content");
}

#[tokio::test]
async fn do_not_contact_refuses_planned_calls_emails_and_meetings() {
    let db = db().await;
    let mut input = ContactInput::named("Dana", "Whitfield");
    input.do_not_contact = true;
    let dana = contacts::create(&db, input).await.unwrap();
    let later = Some(Utc::now() + Duration::days(2));
    for kind in [ActivityKind::Call, ActivityKind::Email, ActivityKind::Meeting] {
        let e = activities::create(&db, activity(kind, &dana.id, later)).await.unwrap_err();
        assert_eq!(field_code(&e), ("contact_id".into(), "do_not_contact".into()));
        if let CoreError::Validation { errors } = &e {
            assert_eq!(errors[0].message, "Dana Whitfield asked not to be contacted: no calls, e-mails or meetings can be planned.");
        }
    }
    assert_eq!(count(&db, "SELECT count(*) FROM activities").await, 0, "nothing written");
    // What already happened can be logged; notes and to-do tasks are not contact.
    let call = activities::create(&db, activity(ActivityKind::Call, &dana.id, Some(Utc::now() - Duration::hours(1)))).await.unwrap();
    activities::create(&db, activity(ActivityKind::Email, &dana.id, None)).await.unwrap();
    activities::create(&db, activity(ActivityKind::Note, &dana.id, later)).await.unwrap();
    activities::create(&db, ActivityInput { due_at: later, ..activity(ActivityKind::Task, &dana.id, None) }).await.unwrap();
    // Moving a logged call into the future is planning it.
    let e = activities::update(&db, &call.id, activity(ActivityKind::Call, &dana.id, later)).await.unwrap_err();
    assert_eq!(field_code(&e).1, "do_not_contact");
    assert_eq!(activities::get(&db, &call.id).await.unwrap().occurred_at, call.occurred_at, "unchanged");
    // Through a deal whose main contact asked not to be contacted.
    let deal = deal_with(&db, "Renewal", vec![dana.id.clone()]).await;
    let planned = ActivityInput { contact_id: None, deal_id: Some(deal), ..activity(ActivityKind::Meeting, &dana.id, later) };
    assert_eq!(field_code(&activities::create(&db, planned).await.unwrap_err()).1, "do_not_contact");
    // Others can still be planned.
    let jane = create_jane(&db).await;
    activities::create(&db, activity(ActivityKind::Meeting, &jane.id, later)).await.unwrap();
}

#[tokio::test]
async fn the_demo_records_consents_and_plans_nothing_for_do_not_contact() {
    let db = db().await;
    hearth_core::demo::load(&db).await.unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM consents WHERE purpose = 'marketing_email' AND granted AND source = 'Web form'").await, 5);
    assert_eq!(count(&db, "SELECT count(*) FROM consents WHERE purpose = 'marketing_email' AND NOT granted").await, 1);
    assert!(count(&db, "SELECT count(*) FROM consents WHERE purpose = 'newsletter'").await >= 2);
    assert_eq!(count(&db, "SELECT count(*) FROM consents c JOIN contacts k ON k.id = c.contact_id WHERE k.do_not_contact").await, 0);
    let planned = "SELECT count(*) FROM activities a JOIN contacts k ON k.id = a.contact_id
        WHERE k.do_not_contact AND a.kind IN ('call', 'email', 'meeting') AND a.occurred_at > ?";
    let r = db
        .query_one_raw(sea_orm::Statement::from_sql_and_values(db.get_database_backend(), planned, [Utc::now().into()]))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.try_get_by_index::<i64>(0).unwrap(), 0);
    let future = "SELECT count(*) FROM activities a WHERE a.kind = 'meeting' AND a.occurred_at > ?";
    let r = db.query_one_raw(sea_orm::Statement::from_sql_and_values(db.get_database_backend(), future, [Utc::now().into()])).await.unwrap().unwrap();
    assert!(r.try_get_by_index::<i64>(0).unwrap() > 0, "the comparison finds planned meetings at all");
    assert!(count(&db, "SELECT count(*) FROM contacts WHERE do_not_contact").await > 0, "the demo has such contacts");
}

#[tokio::test]
async fn erasure_removes_rejected_import_rows_that_name_them() {
    use hearth_core::import::{self, ImportKind, ImportOptions, OnMatch};
    let db = db().await;
    let jane = create_jane(&db).await;
    let email = jane.emails[0].email.clone();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("update.csv");
    // Jane's row is rejected (the phone is nonsense), a stranger's is rejected too.
    std::fs::write(&file, format!("Email,Phone\n{},12\nsomeone@else.example,34\n", email.to_uppercase())).unwrap();
    let info = import::open_file(&db, ImportKind::Contacts, &file, None).await.unwrap();
    let opts = ImportOptions {
        kind: ImportKind::Contacts,
        path: file.display().to_string(),
        sheet: None,
        mapping: info.suggested,
        on_match: OnMatch::Update,
        match_by: vec![],
        tags: vec![],
    };
    let summary = import::run(&db, &opts, &|_| {}, &std::sync::atomic::AtomicBool::new(false)).await.unwrap();
    assert_eq!(summary.counts.reject, 2, "{summary:?}");
    privacy::erase_contact(&db, &jane.id).await.unwrap();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM import_rejects").await, 1, "only the stranger's row is left");
    assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM import_rejects WHERE lower(cells_json) LIKE '%{}%'", email.to_lowercase())).await, 0);
}
