//! Sending for real: sequences' e-mails through the outbox to an SMTP server the test starts,
//! the received MIME parsed back; a recipient the server refuses, a login it refuses, a
//! server that cannot be reached; each e-mail sent once; broadcasts under consent and cap.

use crate::common;
use crate::sequences::{email, input, monday, person, smtp_on, template, texts};
use crate::smtp_sink::{closed_port, Script, Sink};
use chrono::Duration;
use hearth_core::broadcasts::{self, BroadcastInput};
use hearth_core::criteria::{CritOp, Filter, Rule};
use hearth_core::mail::secrets::MemoryStore;
use hearth_core::mail::{self, SmtpMailer};
use hearth_core::outbox::{self, OutboxAction, OutboxStatus};
use hearth_core::sending::{self, SendingRules};
use hearth_core::sequences::{self, EnrolTarget};
use hearth_core::{CoreError, DatabaseConnection};
use mail_parser::MessageParser;
use sea_orm::ConnectionTrait;

async fn mailer(db: &DatabaseConnection) -> SmtpMailer {
    mail::from_settings(db, &MemoryStore::default()).await.unwrap().unwrap().unwrap()
}

async fn no_quiet(db: &DatabaseConnection) {
    let r = SendingRules { cap_count: 1, cap_days: 7, quiet_start: None, quiet_end: None, owner_time_zone: "UTC".into(), open_days: vec![true; 5].into_iter().chain([false; 2]).collect() };
    sending::rules_set(db, &r).await.unwrap();
}

async fn one_enrolled(db: &DatabaseConnection, port: u16, to: &str) -> String {
    no_quiet(db).await;
    smtp_on(db, port).await;
    let t = template(db, "Welcome", "Welcome, {{first_name}} — été {{company|à Paris}}", "Hi {{first_name}},\n\nGlad you're here: https://example.com/start.\n\n{{signature}}").await;
    let seq = sequences::create(db, &input("Welcome", vec![email(&t, 0), email(&t, 2)])).await.unwrap();
    let ana = person(db, "Zoë", Some(to), true).await;
    sequences::enrol(db, &seq.id, &EnrolTarget::Contacts { ids: vec![ana.clone()] }, "test", monday()).await.unwrap();
    assert_eq!(sequences::tick(db, monday()).await.unwrap().emails_queued, 1);
    ana
}

#[tokio::test]
async fn a_sequence_email_goes_out_once_as_proper_mime_and_is_logged() {
    let sink = Sink::start(Script::default());
    let db = common::db().await;
    let ana = one_enrolled(&db, sink.port, "zoe@example.com").await;
    let m = mailer(&db).await;
    let r = outbox::flush(&db, &m, monday(), 10).await.unwrap();
    assert_eq!((r.sent, r.retrying, r.failed), (1, 0, 0));
    // Flushing again sends nothing more.
    assert_eq!(outbox::flush(&db, &m, monday() + Duration::hours(1), 10).await.unwrap().sent, 0);
    let got = sink.messages();
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].from.as_str(), got[0].to.clone()), ("sam@hearth.test", vec!["zoe@example.com".to_string()]));

    let msg = MessageParser::default().parse(&got[0].data).expect("a MIME message");
    assert_eq!(msg.subject(), Some("Welcome, Zoë — été à Paris"), "encoded, decoded back");
    let from = msg.from().and_then(|a| a.first()).unwrap();
    assert_eq!((from.name(), from.address()), (Some("Sam from Hearth"), Some("sam@hearth.test")));
    assert_eq!(msg.to().and_then(|a| a.first()).and_then(|a| a.name()), Some("Zoë Tester"));
    assert_eq!((msg.text_body_count(), msg.html_body_count()), (1, 1), "plain text and HTML alternatives");
    let text = msg.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(text.starts_with("Hi Zoë,\n\nGlad you're here: https://example.com/start."), "{text}");
    assert!(text.contains("Sam") && text.contains("reply with “unsubscribe”"), "{text}");
    let html = msg.body_html(0).unwrap();
    assert!(html.contains("<a href=\"https://example.com/start\">https://example.com/start</a>"), "{html}");
    assert!(msg.message_id().is_some_and(|id| id.ends_with("@hearth.test")));

    // Logged on the timeline; the next step falls due two days after the e-mail went.
    let logged = texts(&db, &format!("SELECT subject || '/' || outcome FROM activities WHERE contact_id = '{ana}'")).await;
    assert_eq!(logged, ["Welcome, Zoë — été à Paris/sent"]);
    let e = &sequences::enrolments(&db, Some(&ana), None, None, 1).await.unwrap()[0];
    assert_eq!(e.next_due_at, Some(monday() + Duration::days(2)));
}

#[tokio::test]
async fn a_refused_recipient_fails_for_good_ends_the_enrolment_and_marks_the_address() {
    let sink = Sink::start(Script { refuse: vec!["gone@example.com".into()], ..Default::default() });
    let db = common::db().await;
    let ana = one_enrolled(&db, sink.port, "gone@example.com").await;
    let r = outbox::flush(&db, &mailer(&db).await, monday(), 10).await.unwrap();
    assert_eq!((r.sent, r.failed), (0, 1));
    let page = outbox::list(&db, Some(OutboxStatus::Failed), None, 10).await.unwrap();
    let why = page.items[0].last_error.clone().unwrap();
    assert!(why.contains("550") && why.contains("refused"), "{why}");
    let e = &sequences::enrolments(&db, Some(&ana), None, None, 1).await.unwrap()[0];
    assert_eq!(e.status, sequences::EnrolmentStatus::Exited);
    assert!(e.exit_reason.as_deref().unwrap().contains("550"));
    assert_eq!(texts(&db, "SELECT CAST(bounced AS TEXT) FROM contact_emails").await, ["1"], "a hard bounce is marked");
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn an_unreachable_server_keeps_the_email_queued_and_retries_later() {
    let db = common::db().await;
    one_enrolled(&db, closed_port(), "zoe@example.com").await;
    let r = outbox::flush(&db, &mailer(&db).await, monday(), 10).await.unwrap();
    assert_eq!((r.sent, r.retrying), (0, 1));
    assert!(r.problem.as_deref().unwrap().contains("could not be reached"), "{:?}", r.problem);
    let item = outbox::list(&db, None, None, 10).await.unwrap().items.remove(0);
    assert_eq!((item.status, item.attempts), (OutboxStatus::Queued, 1));
    assert_eq!(item.send_after, monday() + outbox::backoff(1), "tried again after a pause");
    // Not due yet: nothing is tried.
    let r = outbox::flush(&db, &mailer(&db).await, monday() + Duration::seconds(30), 10).await.unwrap();
    assert_eq!(r.retrying, 0);
    // The server comes back (same settings, new port): it goes, once.
    let sink = Sink::start(Script::default());
    smtp_on(&db, sink.port).await;
    let r = outbox::flush(&db, &mailer(&db).await, monday() + Duration::minutes(2), 10).await.unwrap();
    assert_eq!(r.sent, 1);
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn a_refused_login_is_a_settings_problem_and_nothing_is_lost() {
    let sink = Sink::start(Script { refuse_login: true, ..Default::default() });
    let db = common::db().await;
    one_enrolled(&db, sink.port, "zoe@example.com").await;
    let mut s = sending::smtp_get(&db).await.unwrap().unwrap();
    s.username = "sam".into();
    sending::smtp_set(&db, &s).await.unwrap();
    // No password saved: said plainly, nothing sent, nothing lost.
    assert!(mail::from_settings(&db, &MemoryStore::default()).await.unwrap().unwrap().is_err());
    let secrets = MemoryStore::default();
    use hearth_core::mail::secrets::SecretStore;
    secrets.set(&mail::secrets::smtp_account("127.0.0.1", "sam"), "wrong").unwrap();
    let m = mail::from_settings(&db, &secrets).await.unwrap().unwrap().unwrap();
    let r = outbox::flush(&db, &m, monday(), 10).await.unwrap();
    assert!(r.problem.as_deref().unwrap().contains("refused the login"), "{:?}", r.problem);
    assert_eq!(outbox::list(&db, Some(OutboxStatus::Queued), None, 10).await.unwrap().items.len(), 1);
    let test = mail::send_test(&db, &secrets, "me@example.com").await.unwrap();
    assert!(!test.sent && test.message.contains("535"), "{test:?}");
}

#[tokio::test]
async fn an_email_left_sending_becomes_uncertain_and_is_never_sent_again_on_its_own() {
    let sink = Sink::start(Script::default());
    let db = common::db().await;
    one_enrolled(&db, sink.port, "zoe@example.com").await;
    // As if the app stopped after the server accepted it, before recording it.
    db.execute_unprepared("UPDATE outbox SET status = 'sending', attempts = 1, updated_at = '2026-11-02T10:00:00+00:00'").await.unwrap();
    let r = outbox::flush(&db, &mailer(&db).await, monday() + Duration::minutes(10), 10).await.unwrap();
    assert_eq!((r.sent, r.uncertain), (0, 1));
    assert!(sink.messages().is_empty(), "not sent again");
    let id = outbox::list(&db, Some(OutboxStatus::Uncertain), None, 1).await.unwrap().items[0].id.clone();
    // The owner saw it in their Sent folder: marked sent, the sequence moves on.
    outbox::act(&db, &id, OutboxAction::MarkSent, monday() + Duration::hours(1)).await.unwrap();
    assert!(matches!(outbox::act(&db, &id, OutboxAction::MarkSent, monday()).await, Err(CoreError::Conflict { .. })));
    let e = &sequences::enrolments(&db, None, None, None, 1).await.unwrap()[0];
    assert_eq!(e.next_due_at, Some(monday() + Duration::hours(1) + Duration::days(2)));
}

#[tokio::test]
async fn a_template_with_an_empty_field_is_held_for_review() {
    let db = common::db().await;
    no_quiet(&db).await;
    smtp_on(&db, 2525).await;
    let t = template(&db, "Company", "About {{company}}", "Hi").await;
    let seq = sequences::create(&db, &input("Company", vec![email(&t, 0)])).await.unwrap();
    let ana = person(&db, "Ana", Some("ana@example.com"), true).await;
    sequences::enrol(&db, &seq.id, &EnrolTarget::Contacts { ids: vec![ana] }, "test", monday()).await.unwrap();
    let r = sequences::tick(&db, monday()).await.unwrap();
    assert_eq!((r.emails_queued, r.emails_held), (0, 1));
    let item = outbox::list(&db, None, None, 1).await.unwrap().items.remove(0);
    assert_eq!(item.status, OutboxStatus::Held);
    assert_eq!(item.last_error.as_deref(), Some("Held for review: {{company}} has no value for this contact."));
    let m = outbox::act(&db, &item.id, OutboxAction::SendAnyway, monday()).await.unwrap();
    assert_eq!(m.item.status, OutboxStatus::Queued);
}

#[tokio::test]
async fn a_broadcast_reaches_only_those_who_may_get_it_within_the_cap() {
    let sink = Sink::start(Script::default());
    let db = common::db().await;
    no_quiet(&db).await;
    let t = template(&db, "News", "News for {{first_name|you}}", "Hello {{first_name|there}}").await;
    let ok = person(&db, "Ok", Some("ok@example.com"), true).await;
    person(&db, "Nocon", Some("nocon@example.com"), false).await;
    person(&db, "Noaddr", None, true).await;
    let filter = Filter::all(vec![Rule::Condition { field: "last_name".into(), op: CritOp::Is, values: vec!["Tester".into()] }]);
    let seg = hearth_core::segments::create(&db, &hearth_core::segments::SegmentInput { name: "Testers".into(), description: None, filter }).await.unwrap();
    let b = broadcasts::create(&db, &BroadcastInput { name: "November news".into(), template_id: t.clone(), segment_id: seg.id.clone(), purpose: hearth_core::privacy::Purpose::MarketingEmail }).await.unwrap();
    let e = broadcasts::send(&db, &b.id, monday()).await.unwrap_err();
    assert!(matches!(e, CoreError::Validation { ref errors } if errors[0].code == "not_configured"), "{e:?}");
    smtp_on(&db, sink.port).await;
    let p = broadcasts::preview(&db, &b.id).await.unwrap();
    assert_eq!((p.members, p.will_send, p.no_consent, p.no_address), (3, 1, 1, 1));
    // A sequence e-mail to Ok went out yesterday: the broadcast waits for the cap.
    let seq_t = template(&db, "Hello", "Hello", "Hi").await;
    let seq = sequences::create(&db, &input("Hello", vec![email(&seq_t, 0)])).await.unwrap();
    sequences::enrol(&db, &seq.id, &EnrolTarget::Contacts { ids: vec![ok.clone()] }, "t", monday() - Duration::days(1)).await.unwrap();
    sequences::tick(&db, monday() - Duration::days(1)).await.unwrap();
    let sent = broadcasts::send(&db, &b.id, monday()).await.unwrap();
    assert_eq!((sent.status.as_str(), sent.queued, sent.skipped), ("sent", 1, 2));
    let when = texts(&db, &format!("SELECT send_after FROM outbox WHERE broadcast_id = '{}'", b.id)).await;
    assert!(when[0].starts_with("2026-11-08T10:00:00"), "a week after the other: {when:?}");
    assert!(matches!(broadcasts::send(&db, &b.id, monday()).await, Err(CoreError::Conflict { .. })), "sent once");
}
