//! Sequences, templates, the outbox, broadcasts and sending settings through the real command
//! registry on Tauri's mock runtime, with the JSON the UI sends.
use crate::common;

use common::Ipc;
use serde_json::json;

fn email_step(template: &serde_json::Value, delay: i64) -> serde_json::Value {
    json!({ "id": null, "kind": "email", "delay_days": delay, "business_days": false, "template_id": template, "template_b_id": null, "title": null, "instructions": null })
}

fn sequence(name: &str, steps: Vec<serde_json::Value>) -> serde_json::Value {
    json!({
        "name": name, "description": null, "status": "active",
        "window": { "days": [1, 2, 3, 4, 5], "start": 540, "end": 1020 },
        "exits": { "on_reply": true, "on_meeting": true, "on_deal_closed": true, "on_customer": true, "on_unsubscribe": true, "on_no_consent": false },
        "steps": steps, "triggers": []
    })
}

#[test]
fn sequences_are_checked_saved_enrolled_in_and_their_steps_done_from_today() {
    let ipc = Ipc::new();
    ipc.ok("demo_load", json!({}));
    let list = ipc.ok("sequences_list", json!({}));
    assert_eq!(list.as_array().unwrap().len(), 3);
    let templates = ipc.ok("templates_list", json!({}));
    let t = templates[0]["id"].clone();

    // Bad input: every problem named at its place, nothing saved.
    let mut bad = sequence("Bad", vec![email_step(&t, -1), json!({ "id": null, "kind": "call", "delay_days": 1, "business_days": true, "template_id": null, "template_b_id": null, "title": " ", "instructions": null })]);
    bad["window"]["start"] = json!(1200);
    let err = ipc.call("sequence_create", json!({ "input": bad })).unwrap_err();
    let fields: Vec<&str> = err["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(err["kind"], "validation");
    for f in ["steps.0.delay_days", "steps.1.title", "window.start"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let empty = ipc.call("sequence_create", json!({ "input": sequence("Empty", vec![]) })).unwrap_err();
    assert_eq!(empty["errors"][0]["code"], "required");
    assert_eq!(ipc.ok("sequences_list", json!({})).as_array().unwrap().len(), 3, "nothing saved");

    let created = ipc.ok("sequence_create", json!({ "input": sequence("Quick hello", vec![email_step(&t, 0)]) }));
    assert_eq!(created["steps"][0]["template"]["id"], t);
    let again = ipc.ok("sequence_get", json!({ "id": created["id"] }));
    assert_eq!(again["window"]["days"], json!([1, 2, 3, 4, 5]));

    // Today: a call waiting in the demo is logged with its outcome.
    let due = ipc.ok("sequence_steps_due", json!({ "until": "2100-01-01T00:00:00Z", "contactId": null }));
    let call = due.as_array().unwrap().iter().find(|s| s["kind"] == "call").expect("a call waits").clone();
    ipc.ok("sequence_step_complete", json!({ "id": call["id"], "done": { "outcome": "reached", "note": "Wants a quote" } }));
    let again = ipc.call("sequence_step_complete", json!({ "id": call["id"], "done": { "outcome": null, "note": null } })).unwrap_err();
    assert_eq!(again["kind"], "conflict", "done once");
    let timeline = ipc.ok("timeline", json!({ "query": { "contact_id": call["contact"]["id"], "company_id": null, "deal_id": null, "offset": 0, "limit": 20 } }));
    assert!(timeline["items"].as_array().unwrap().iter().any(|a| a["kind"] == "call" && a["outcome"] == "reached"));

    // Enrolling: the contact's enrolments, pause and resume; a second enrolment is "already".
    let contact = call["contact"]["id"].clone();
    let r = ipc.ok("sequence_enrol", json!({ "id": created["id"], "target": { "kind": "contacts", "ids": [contact] } }));
    assert_eq!(r["enrolled"].as_u64().unwrap() + r["refused_count"].as_u64().unwrap(), 1);
    let again = ipc.ok("sequence_enrol", json!({ "id": created["id"], "target": { "kind": "contacts", "ids": [contact] } }));
    assert_eq!(again["enrolled"], 0);
    let mine = ipc.ok("enrolments_list", json!({ "contactId": contact, "sequenceId": null, "status": null }));
    assert!(mine.as_array().unwrap().iter().all(|e| e["contact"]["id"] == contact), "this contact's only");
    let e = mine.as_array().unwrap().iter().find(|e| e["status"] == "active").expect("an active enrolment").clone();
    assert_eq!(ipc.ok("enrolment_set", json!({ "id": e["id"], "action": "pause" }))["status"], "paused");
    assert_eq!(ipc.call("enrolment_set", json!({ "id": e["id"], "action": "pause" })).unwrap_err()["kind"], "conflict");
    assert_eq!(ipc.ok("enrolment_set", json!({ "id": e["id"], "action": "resume" }))["status"], "active");
    let report = ipc.ok("sequence_report", json!({ "id": list[0]["id"] }));
    assert!(report["steps"].as_array().unwrap().iter().any(|s| s["variant"] == "b"));

    // A run of the schedule without a mail server: nothing to flush.
    let run = ipc.ok("scheduler_run_now", json!({}));
    assert!(run["flush"].is_null() && run["tick"]["enrolled"].is_u64(), "{run}");
}

#[test]
fn templates_settings_the_outbox_broadcasts_and_the_calendar_through_the_commands() {
    let ipc = Ipc::new();
    ipc.ok("demo_load", json!({}));
    let fields = ipc.ok("merge_fields_all", json!({}));
    assert!(fields.as_array().unwrap().iter().any(|f| f["key"] == "booking_link" && f["custom"] == true));
    let err = ipc.call("template_create", json!({ "input": { "name": "Typo", "subject": "Hi", "body": "Dear {{frist_name}}" } })).unwrap_err();
    assert_eq!((err["errors"][0]["field"].as_str(), err["errors"][0]["code"].as_str()), (Some("body"), Some("unknown_field")));
    let contacts = ipc.ok("contacts_list", json!({ "query": { "filter": {}, "sort": "name", "direction": "asc", "offset": 0, "limit": 1 } }));
    let someone = contacts["rows"][0]["id"].clone();
    let preview = ipc.ok("template_preview", json!({ "input": { "name": "x", "subject": "For {{first_name}}", "body": "{{title}}" }, "contactId": someone }));
    assert!(preview["subject"].as_str().unwrap().starts_with("For "));
    assert!(preview["text"].as_str().unwrap().contains("unsubscribe"));

    let rules = ipc.ok("sending_rules_get", json!({}));
    assert_eq!((rules["cap_count"].as_u64(), rules["cap_days"].as_u64()), (Some(1), Some(7)));
    let bad = ipc.call("sending_rules_set", json!({ "rules": { "cap_count": 1, "cap_days": 7, "quiet_start": 600, "quiet_end": null, "owner_time_zone": "Mars/Base" } })).unwrap_err();
    let fields: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["quiet_start", "owner_time_zone"]);
    ipc.ok("owner_time_zone_adopt", json!({ "timeZone": "Europe/Oslo" }));
    let holidays = ipc.ok("holidays_list", json!({}));
    let day = holidays[0]["on_date"].clone();
    assert_eq!(ipc.call("holiday_add", json!({ "input": { "on_date": day, "name": "Again" } })).unwrap_err()["errors"][0]["code"], "duplicate");

    let outbox = ipc.ok("outbox_list", json!({ "status": null, "contactId": null }));
    let sent = outbox["items"].as_array().unwrap().iter().find(|i| i["status"] == "sent").expect("the newsletter").clone();
    assert_eq!(ipc.call("outbox_act", json!({ "id": sent["id"], "action": "cancel" })).unwrap_err()["kind"], "conflict");
    let message = ipc.ok("outbox_message", json!({ "id": sent["id"] }));
    assert!(message["body_html"].as_str().unwrap().contains("<p>"));

    // No mail server yet: a broadcast waits for one; then a server that cannot be reached.
    assert!(ipc.ok("smtp_get", json!({}))["settings"].is_null());
    let segments = ipc.ok("segments_names", json!({}));
    let templates = ipc.ok("templates_list", json!({}));
    let b = ipc.ok("broadcast_create", json!({ "input": { "name": "Winter offer", "template_id": templates[0]["id"], "segment_id": segments[0]["id"], "purpose": "marketing_email" } }));
    assert_eq!(ipc.call("broadcast_send", json!({ "id": b["id"] })).unwrap_err()["errors"][0]["code"], "not_configured");
    let smtp = json!({ "host": "127.0.0.1", "port": 1, "security": "none", "username": "", "from_name": "Sam", "from_email": "sam@northlight.example", "signature": "Sam" });
    let view = ipc.ok("smtp_set", json!({ "settings": smtp, "password": null }));
    assert_eq!(view["settings"]["host"], "127.0.0.1");
    let test = ipc.ok("smtp_test", json!({ "to": "me@example.com" }));
    assert_eq!(test["sent"], false);
    assert!(test["message"].as_str().unwrap().contains("could not be reached"), "{test}");
    let bad = ipc.call("smtp_set", json!({ "settings": { "host": "smtp://x y", "port": 0, "security": "tls", "username": "", "from_name": "", "from_email": "nope", "signature": "" }, "password": null })).unwrap_err();
    assert_eq!(bad["errors"].as_array().unwrap().len(), 3, "host, port and sender: {bad}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("follow-ups.ics");
    let n = ipc.ok("calendar_export", json!({ "path": path.display().to_string() }));
    assert!(n.as_u64().unwrap() > 0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.contains("BEGIN:VEVENT"));
    assert!(ipc.ok("calendar_feed_path", json!({})).is_null(), "no file beside an in-memory database");
}
