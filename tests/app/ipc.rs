//! Every command called through Tauri's mock runtime with the JSON the UI sends, against the
//! real command registry (`specta_builder`) and a real database.

use crate::common;

use common::Ipc;
use serde_json::{json, Value};

fn contact_input(first: &str, email: &str) -> Value {
    json!({
        "first_name": first, "last_name": "Tester", "title": null, "company_id": null,
        "emails": [{ "email": email, "label": "work", "is_primary": true }],
        "phones": [{ "phone": "+1 415 555 0123", "label": null, "is_primary": true }],
        "address": { "street": null, "city": "Austin", "region": null, "postal_code": null, "country": "US" },
        "time_zone": "America/Chicago", "owner": "Sam", "notes": null, "tags": ["vip"],
        "lifecycle_stage": "reach", "lead_source_id": null, "referred_by_id": null, "do_not_contact": false
    })
}

#[test]
fn first_start_and_demo() {
    let ipc = Ipc::new();
    let status = ipc.ok("app_status", json!({}));
    assert_eq!(status["needs_onboarding"], true);
    assert_eq!(ipc.ok("perf_mark", json!({ "mark": "painted" })), Value::Null, "a no-op unless measuring");
    let demo = ipc.ok("demo_load", json!({}));
    assert!(demo["contacts"].as_u64().unwrap() >= 300);
    let err = ipc.call("demo_load", json!({})).unwrap_err();
    assert_eq!(err["kind"], "conflict");
    let page = ipc.ok("contacts_list", json!({ "query": { "filter": { "text": null, "stage": "retention", "lead_source_id": null, "tag": null, "owner": null, "company_id": null }, "sort": "last_contacted", "direction": "desc", "offset": 0, "limit": 50 } }));
    assert_eq!(page["rows"].as_array().unwrap().len(), 50);
    assert!(page["rows"].as_array().unwrap().iter().all(|r| r["lifecycle_stage"] == "retention"));
    let companies = ipc.ok("companies_list", json!({ "query": { "text": null, "industry": null, "tag": null, "owner": null, "sort": "contacts", "direction": "desc", "offset": 0, "limit": 10 } }));
    assert!(companies["rows"][0]["contact_count"].as_u64().unwrap() > 1);
    let company_id = companies["rows"][0]["id"].as_str().unwrap().to_string();
    let company = ipc.ok("company_get", json!({ "id": company_id }));
    assert!(!company["contacts"].as_array().unwrap().is_empty());
    assert!(!ipc.ok("industries_list", json!({})).as_array().unwrap().is_empty());
    assert_eq!(ipc.ok("owners_list", json!({})).as_array().unwrap().len(), 3);
    assert!(!ipc.ok("tags_list", json!({})).as_array().unwrap().is_empty());
    let now = chrono::Utc::now();
    let today = ipc.ok("today", json!({ "query": { "day_start": now.to_rfc3339(), "day_end": (now + chrono::Duration::days(1)).to_rfc3339() } }));
    assert!(today["overdue"].as_array().unwrap().len() + today["upcoming"].as_array().unwrap().len() > 0);
    // The demo was written through the allocator and SQLite, so both hold memory now.
    let memory = ipc.ok("app_memory", json!({}));
    assert!(memory["heap_bytes"].as_u64().unwrap() > 100_000, "{memory}");
    assert!(memory["heap_peak_bytes"].as_u64().unwrap() >= memory["heap_bytes"].as_u64().unwrap());
    assert!(memory["sqlite_bytes"].as_u64().unwrap() > 100_000, "{memory}");
    assert!(memory["process_rss_bytes"].as_u64().unwrap() > memory["heap_bytes"].as_u64().unwrap());
}

#[test]
fn contact_lifecycle_through_ipc() {
    let ipc = Ipc::new();
    assert_eq!(ipc.ok("start_empty", json!({}))["needs_onboarding"], false);
    // A bad e-mail is refused with the field named, and nothing is written.
    let err = ipc.call("contact_create", json!({ "input": contact_input("Ada", "ada@") })).unwrap_err();
    assert_eq!(err["kind"], "validation");
    assert_eq!(err["errors"][0]["field"], "emails.0.email");
    assert_eq!(err["errors"][0]["code"], "invalid_email");
    assert_eq!(ipc.ok("app_status", json!({}))["contact_count"], 0);
    // Malformed JSON (a wrong type) is an error, not a panic.
    assert!(ipc.call("contact_create", json!({ "input": { "first_name": 5 } })).is_err());
    assert!(ipc.call("contact_get", json!({})).is_err());

    let c = ipc.ok("contact_create", json!({ "input": contact_input("Ada", "ada@example.com") }));
    let id = c["id"].as_str().unwrap().to_string();
    assert_eq!(c["phones"][0]["phone"], "+14155550123");
    let mut input = contact_input("Ada", "ada@example.com");
    input["title"] = json!("CTO");
    assert_eq!(ipc.ok("contact_update", json!({ "id": id, "input": input }))["title"], "CTO");
    let staged = ipc.ok("contact_set_stage", json!({ "id": id, "stage": "conversion" }));
    assert_eq!(staged["lifecycle_history"].as_array().unwrap().len(), 2);
    assert_eq!(ipc.ok("contact_get", json!({ "id": id }))["lifecycle_stage"], "conversion");
    let hits = ipc.ok("search", json!({ "text": "ada", "limit": 10 }));
    assert_eq!(hits[0]["id"], id.as_str());
    assert_eq!(hits[0]["kind"], "contact");

    let call = ipc.ok("activity_create", json!({ "input": { "kind": "call", "subject": "Intro call", "body": null, "contact_id": id, "company_id": null, "occurred_at": null, "due_at": null, "duration_minutes": 15, "outcome": "Connected" } }));
    let call_id = call["id"].as_str().unwrap().to_string();
    let task = ipc.ok("activity_create", json!({ "input": { "kind": "task", "subject": "Send quote", "body": null, "contact_id": id, "company_id": null, "occurred_at": null, "due_at": "2030-01-01T09:00:00Z", "duration_minutes": null, "outcome": null } }));
    let task_id = task["id"].as_str().unwrap().to_string();
    assert!(ipc.ok("activity_set_done", json!({ "id": task_id, "done": true }))["completed_at"].is_string());
    let edited = ipc.ok("activity_update", json!({ "id": call_id, "input": { "kind": "call", "subject": "Intro call (edited)", "body": "ok", "contact_id": id, "company_id": null, "occurred_at": null, "due_at": null, "duration_minutes": 20, "outcome": null } }));
    assert_eq!(edited["subject"], "Intro call (edited)");
    let tl = ipc.ok("timeline", json!({ "query": { "contact_id": id, "company_id": null, "offset": 0, "limit": 10 } }));
    assert_eq!(tl["items"].as_array().unwrap().len(), 2);
    ipc.ok("activity_delete", json!({ "id": call_id }));
    assert_eq!(ipc.ok("activity_restore", json!({ "id": call_id }))["id"], call_id.as_str());
    assert!(ipc.ok("contact_get", json!({ "id": id }))["last_contacted_at"].is_string());

    ipc.ok("contact_delete", json!({ "id": id }));
    assert_eq!(ipc.call("contact_get", json!({ "id": id })).unwrap_err()["kind"], "not_found");
    assert_eq!(ipc.ok("contact_restore", json!({ "id": id }))["id"], id.as_str());
}

#[test]
fn companies_and_settings_through_ipc() {
    let ipc = Ipc::new();
    let bad = ipc.call("company_create", json!({ "input": { "name": "", "domain": "not a domain", "industry": null, "size_band": "11-50", "phone": null, "owner": null, "address": { "street": null, "city": null, "region": null, "postal_code": null, "country": null }, "notes": null, "tags": [] } })).unwrap_err();
    let fields: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "domain"]);
    let input = json!({ "name": "Acme", "domain": "acme.example", "industry": "Retail", "size_band": "11-50", "phone": "+44 20 7946 0000", "owner": "Sam", "address": { "street": null, "city": "London", "region": null, "postal_code": null, "country": "GB" }, "notes": null, "tags": ["key account"] });
    let co = ipc.ok("company_create", json!({ "input": input }));
    let id = co["id"].as_str().unwrap().to_string();
    assert_eq!(co["size_band"], "11-50");
    let mut renamed = input.clone();
    renamed["name"] = json!("Acme Ltd");
    assert_eq!(ipc.ok("company_update", json!({ "id": id, "input": renamed }))["name"], "Acme Ltd");
    ipc.ok("company_delete", json!({ "id": id }));
    assert_eq!(ipc.call("company_get", json!({ "id": id })).unwrap_err()["kind"], "not_found");
    assert_eq!(ipc.ok("company_restore", json!({ "id": id }))["name"], "Acme Ltd");

    let sources = ipc.ok("lead_sources_list", json!({}));
    assert!(sources.as_array().unwrap().iter().any(|s| s["is_referral"] == true));
    let s = ipc.ok("lead_source_create", json!({ "input": { "name": "Podcast", "is_referral": false, "archived": false } }));
    let sid = s["id"].as_str().unwrap().to_string();
    assert_eq!(ipc.ok("lead_source_update", json!({ "id": sid, "input": { "name": "Radio", "is_referral": false, "archived": true } }))["archived"], true);
    ipc.ok("lead_source_delete", json!({ "id": sid }));
    assert_eq!(ipc.call("lead_source_delete", json!({ "id": sid })).unwrap_err()["kind"], "not_found");
}

#[test]
fn database_path_resolution() {
    use std::path::PathBuf;
    let data = || Some(PathBuf::from("/data/app"));
    // SAFETY: no other test in this binary reads HEARTH_DB (the mock apps are given their paths).
    unsafe { std::env::remove_var("HEARTH_DB") };
    assert_eq!(hearth_app::resolve_db_path(None, data), PathBuf::from("/data/app/hearth.db"));
    unsafe { std::env::set_var("HEARTH_DB", "/tmp/from-env.db") };
    assert_eq!(hearth_app::resolve_db_path(None, data), PathBuf::from("/tmp/from-env.db"));
    assert_eq!(hearth_app::resolve_db_path(Some("/tmp/flag.db".into()), data), PathBuf::from("/tmp/flag.db"));
    unsafe { std::env::remove_var("HEARTH_DB") };
    // A folder chosen in Settings is recorded in the app-data folder and wins over it.
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("data-folder"), "/mnt/big/hearth\n").unwrap();
    let (path, found_home) = hearth_app::resolve_db(None, || Some(home.path().to_path_buf()));
    assert_eq!(path, PathBuf::from("/mnt/big/hearth/hearth.db"));
    assert_eq!(found_home.as_deref(), Some(home.path()), "found through the app-data folder: movable");
    assert_eq!(hearth_app::resolve_db(Some("/tmp/flag.db".into()), || Some(home.path().to_path_buf())).1, None, "a named file is not");
}

fn deal_input(title: &str, value: i64) -> Value {
    json!({
        "title": title, "contact_ids": [], "company_id": null, "owner": "Sam", "value_minor": value,
        "currency": "EUR", "expected_close": "2026-12-15", "probability": null, "source_id": null,
        "next_step": "Call back", "notes": null, "tags": [], "lines": []
    })
}

#[test]
fn deals_on_the_board_through_ipc() {
    let ipc = Ipc::new();
    ipc.ok("user_name_set", json!({ "name": "Sam" }));
    let pipelines = ipc.ok("pipelines_list", json!({}));
    let p = &pipelines[0];
    let stage = |name: &str| p["stages"].as_array().unwrap().iter().find(|s| s["name"] == name).unwrap()["id"].clone();
    let d = ipc.ok("deal_create", json!({ "input": { "pipeline_id": p["id"], "stage_id": null, "deal": deal_input("Shop fit-out", 1_250_000) } }));
    assert_eq!(d["stage"]["name"], "Prospecting");
    assert_eq!(d["expected_close"], "2026-12-15");
    let moved = ipc.ok(
        "deal_move",
        json!({ "input": { "deal_id": d["id"], "stage_id": stage("Proposal"), "after_id": null, "expected_version": d["version"], "lost_reason_id": null, "lost_note": null } }),
    );
    assert_eq!(moved["stage"]["name"], "Proposal");
    assert_eq!(moved["history"][0]["changed_by"], "Sam");
    assert_eq!(moved["history"][0]["from_stage_name"], "Prospecting");
    // The same move again with the old version: a conflict the board can show.
    let stale = ipc
        .call(
            "deal_move",
            json!({ "input": { "deal_id": d["id"], "stage_id": stage("Negotiation"), "after_id": null, "expected_version": d["version"], "lost_reason_id": null, "lost_note": null } }),
        )
        .unwrap_err();
    assert_eq!(stale["kind"], "conflict");
    let board = ipc.ok("deals_board", json!({ "query": { "pipeline_id": p["id"], "filter": { "text": null, "owner": null, "tag": null, "close_from": null, "close_to": null, "attention_only": false, "status": null, "company_id": null, "contact_id": null }, "cards_per_column": null } }));
    let proposal = board["columns"].as_array().unwrap().iter().find(|c| c["stage"]["name"] == "Proposal").unwrap();
    assert_eq!(proposal["count"], 1);
    assert_eq!(proposal["totals"][0]["total_minor"], 1_250_000);
    assert_eq!(proposal["totals"][0]["weighted_minor"], 750_000);
    assert_eq!(proposal["cards"][0]["attention"]["no_next_activity"], true);
    // Bad input: an absurd value, a stage of another pipeline.
    let err = ipc.call("deal_update", json!({ "id": d["id"], "expectedVersion": moved["version"], "input": deal_input("x", -1) })).unwrap_err();
    assert_eq!(err["errors"][0]["field"], "value_minor");
    let other = ipc.ok("pipeline_create", json!({ "name": "Wholesale" }));
    let err = ipc
        .call(
            "deal_move",
            json!({ "input": { "deal_id": d["id"], "stage_id": other["stages"][0]["id"], "after_id": null, "expected_version": moved["version"], "lost_reason_id": null, "lost_note": null } }),
        )
        .unwrap_err();
    assert_eq!(err["errors"][0]["code"], "wrong_pipeline");
    assert_eq!(ipc.ok("deal_get", json!({ "id": d["id"] }))["stage"]["name"], "Proposal");
    // Lost with a reason from the editable list; the reason list counts it.
    let reasons = ipc.ok("lost_reasons_list", json!({}));
    let lost = ipc.ok(
        "deal_move",
        json!({ "input": { "deal_id": d["id"], "stage_id": stage("Lost"), "after_id": null, "expected_version": moved["version"], "lost_reason_id": reasons[0]["id"], "lost_note": "too pricey" } }),
    );
    assert_eq!(lost["status"], "lost");
    assert_eq!(ipc.ok("lost_reasons_list", json!({}))[0]["deal_count"], 1);
    assert_eq!(ipc.ok("deal_history", json!({ "id": d["id"] })).as_array().unwrap().len(), 3);
    // Stage editing.
    let st = ipc.ok("stage_update", json!({ "id": stage("Proposal"), "input": { "name": "Quote sent", "probability": 55, "rotting_days": 5 } }));
    assert_eq!(st["name"], "Quote sent");
    let err = ipc.call("stage_update", json!({ "id": stage("Proposal"), "input": { "name": "Quote sent", "probability": 155, "rotting_days": 5 } })).unwrap_err();
    assert_eq!(err["errors"][0]["field"], "probability");
}
