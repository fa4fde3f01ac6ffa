//! `hearth-cli sequences …` and `outbox …` on the real binary: the demo's sequences, enrolling
//! with refusals, what is due, the schedule run, reports; the outbox, its server set up from the
//! CLI, and the crash test: the sender killed between the server accepting an e-mail and the
//! outbox recording it sends nothing twice.

use crate::common::{cli, failed, json, text};
use std::process::Command;

#[path = "../../../core/tests/it/smtp_sink.rs"]
mod smtp_sink;

#[test]
fn the_demo_sequences_are_listed_enrolled_in_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hearth.db");
    text(cli(&db, &["demo"]));
    let list = json(cli(&db, &["sequences", "list", "--json"]));
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["New lead welcome", "Proposal follow-up", "Win back quiet customers"]);
    let due = json(cli(&db, &["sequences", "due", "--at", "2100-01-01T00:00:00Z", "--json"]));
    assert!(!due["waiting"].as_array().unwrap().is_empty(), "calls and e-mails wait to be done");

    // Someone who asked not to be contacted is refused, with the reason.
    let dnc = json(cli(&db, &["contacts", "list", "--limit", "400", "--json"]));
    let rows = dnc["rows"].as_array().unwrap();
    let id = rows.iter().find(|r| r["do_not_contact"].as_bool() == Some(true)).map(|r| r["id"].as_str().unwrap().to_string()).expect("the demo has one");
    let r = json(cli(&db, &["sequences", "enroll", "New lead welcome", "--contact", &id, "--json"]));
    assert_eq!(r["enrolled"], 0);
    assert!(r["refused"][0]["reason"].as_str().unwrap().ends_with("asked not to be contacted."), "{r}");
    let out = cli(&db, &["sequences", "enroll", "No such sequence", "--contact", &id]);
    let (code, message) = failed(&out);
    assert_ne!(code, Some(0));
    assert!(message.contains("No such sequence"), "{message}");

    let run = json(cli(&db, &["sequences", "run", "--json"]));
    assert!(run["exited"].is_u64(), "{run}");
    let report = text(cli(&db, &["sequences", "report", "New lead welcome"]));
    assert!(report.contains("email  a") && report.contains("email  b"), "both welcome versions: {report}");
    let sent = json(cli(&db, &["outbox", "list", "--status", "sent", "--json"]));
    assert!(!sent["items"].as_array().unwrap().is_empty(), "last month's newsletter");
    let (code, message) = failed(&cli(&db, &["outbox", "flush"]));
    assert_ne!(code, Some(0));
    assert!(message.contains("not set up"), "{message}");
}

/// A database with one e-mail queued for Zoë, sending through the sink on `port`.
fn one_queued(db: &std::path::Path, port: u16) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        use hearth_core::sequences::{self, EnrolTarget, ExitRules, SendWindow, SequenceInput, SequenceStatus, StepInput, StepKind};
        let conn = hearth_core::open_database(db).await.unwrap();
        let rules = hearth_core::sending::SendingRules { cap_count: 1, cap_days: 7, quiet_start: None, quiet_end: None, owner_time_zone: "UTC".into(), open_days: vec![true; 5].into_iter().chain([false; 2]).collect() };
        hearth_core::sending::rules_set(&conn, &rules).await.unwrap();
        let smtp = hearth_core::sending::SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            security: hearth_core::sending::Security::None,
            username: String::new(),
            from_name: "Sam".into(),
            from_email: "sam@hearth.test".into(),
            signature: String::new(),
        };
        hearth_core::sending::smtp_set(&conn, &smtp).await.unwrap();
        let t = hearth_core::templates::create(&conn, &hearth_core::templates::TemplateInput { name: "Hi".into(), subject: "Hello {{first_name}}".into(), body: "Hi".into() }).await.unwrap();
        let step = StepInput { id: None, kind: StepKind::Email, delay_days: 0, business_days: false, template_id: Some(t.id), template_b_id: None, title: None, instructions: None };
        let input = SequenceInput { name: "One".into(), description: None, status: SequenceStatus::Active, window: SendWindow::any(), exits: ExitRules::default(), steps: vec![step], triggers: vec![] };
        let seq = sequences::create(&conn, &input).await.unwrap();
        let mut c = hearth_core::contacts::ContactInput::named("Zoë", "Sender");
        c.emails = vec![hearth_core::contacts::EmailInput { email: "zoe@example.com".into(), label: None, is_primary: true }];
        let id = hearth_core::contacts::create(&conn, c).await.unwrap().id;
        let consent = hearth_core::privacy::ConsentInput { purpose: hearth_core::privacy::Purpose::MarketingEmail, granted: true, source: "Web form".into(), wording: None, recorded_at: None };
        hearth_core::privacy::record_consent(&conn, &id, &consent).await.unwrap();
        let now = chrono::Utc::now();
        sequences::enrol(&conn, &seq.id, &EnrolTarget::Contacts { ids: vec![id] }, "test", now).await.unwrap();
        assert_eq!(sequences::tick(&conn, now).await.unwrap().emails_queued, 1);
        conn.close().await.unwrap();
    });
    // The same server again, set up the CLI's way.
    let port = port.to_string();
    let out = text(cli(db, &["outbox", "server", "--host", "127.0.0.1", "--port", &port, "--security", "none", "--from", "sam@hearth.test", "--from-name", "Sam"]));
    assert!(out.contains(&format!("127.0.0.1:{port} as sam@hearth.test")), "{out}");
}

#[test]
fn an_email_is_sent_once_even_when_the_sender_dies_between_sending_and_recording() {
    let sink = smtp_sink::Sink::start(smtp_sink::Script::default());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hearth.db");
    one_queued(&db, sink.port);

    // The server accepts the e-mail; the process is killed before the outbox records it.
    let out = Command::new(env!("CARGO_BIN_EXE_hearth-cli"))
        .arg("--db")
        .arg(&db)
        .args(["outbox", "flush"])
        .env("HEARTH_FAILPOINT", "after_send")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the sender died");
    assert!(String::from_utf8_lossy(&out.stderr).contains("failpoint after_send"));
    assert_eq!(sink.messages().len(), 1, "the server has it");

    // The next runs find it half-sent: uncertain, never sent again on its own.
    for _ in 0..2 {
        let r = json(cli(&db, &["outbox", "flush", "--json"]));
        assert_eq!(r["sent"], 0, "{r}");
    }
    assert_eq!(sink.messages().len(), 1, "sent exactly once");
    let uncertain = json(cli(&db, &["outbox", "list", "--status", "uncertain", "--json"]));
    let items = uncertain["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert!(items[0]["last_error"].as_str().unwrap().contains("may have gone out"));
}

#[test]
fn the_outbox_sends_through_a_server_set_up_from_the_cli_and_says_when_it_cannot() {
    let sink = smtp_sink::Sink::start(smtp_sink::Script::default());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hearth.db");
    one_queued(&db, sink.port);
    let r = json(cli(&db, &["outbox", "flush", "--json"]));
    assert_eq!((r["sent"].as_u64(), r["failed"].as_u64()), (Some(1), Some(0)), "{r}");
    let got = sink.messages();
    assert_eq!(got[0].to, ["zoe@example.com"]);
    let test = text(cli(&db, &["outbox", "test", "me@example.com"]));
    assert!(test.contains("Sent to me@example.com"), "{test}");
    assert_eq!(sink.messages().len(), 2);
    // A server that is gone: a clear message and a failing exit code.
    let port = smtp_sink::closed_port().to_string();
    text(cli(&db, &["outbox", "server", "--host", "127.0.0.1", "--port", &port, "--security", "none", "--from", "sam@hearth.test"]));
    let (code, message) = failed(&cli(&db, &["outbox", "test", "me@example.com"]));
    assert_ne!(code, Some(0));
    assert!(message.contains("could not be reached"), "{message}");
    let (_, message) = failed(&cli(&db, &["outbox", "server", "--host", "smtp://bad host", "--from", "not-an-address"]));
    assert!(message.contains("host") && message.contains("from_email"), "{message}");
}
