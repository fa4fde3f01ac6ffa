//! Import, export, duplicates, data quality and privacy through Tauri's mock runtime, with the
//! JSON the UI sends.

use crate::common;

use common::Ipc;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tauri::Listener;

fn contact(first: &str, last: &str, email: &str) -> Value {
    json!({
        "first_name": first, "last_name": last, "title": null, "company_id": null,
        "emails": [{ "email": email, "label": null, "is_primary": true }], "phones": [],
        "address": { "street": null, "city": null, "region": null, "postal_code": null, "country": null },
        "time_zone": null, "owner": null, "notes": null, "tags": [],
        "lifecycle_stage": "reach", "lead_source_id": null, "referred_by_id": null, "do_not_contact": false
    })
}

fn total(ipc: &Ipc) -> u64 {
    ipc.ok("contacts_list", json!({ "query": { "filter": {}, "sort": "name", "direction": "asc", "offset": 0, "limit": 10 } }))["total"]
        .as_u64()
        .unwrap()
}

#[test]
fn import_with_progress_rejects_and_undo() {
    let ipc = Ipc::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("leads.csv");
    let mut csv = String::from("First Name,Last Name,Email\n");
    for i in 0..5000 {
        csv.push_str(&format!("Ann{i},Lee,ann{i}@example.com\n"));
    }
    csv.push_str("Bad,Row,not-an-email\n");
    std::fs::write(&file, csv).unwrap();
    let path = file.display().to_string();

    let info = ipc.ok("import_open", json!({ "kind": "contacts", "path": path, "sheet": null }));
    assert_eq!(info["headers"], json!(["First Name", "Last Name", "Email"]));
    assert_eq!(info["format"], "csv");
    let mapping = info["suggested"].clone();
    assert_eq!(mapping["columns"][2]["target"], json!({ "to": "field", "field": "email" }));
    let options = json!({
        "kind": "contacts", "path": path, "sheet": null, "mapping": mapping,
        "on_match": "update", "match_by": ["email"], "tags": ["Trade show"]
    });
    let preview = ipc.ok("import_preview", json!({ "options": options }));
    assert_eq!(preview["counts"], json!({ "create": 5000, "update": 0, "skip": 0, "reject": 1 }));
    assert_eq!(total(&ipc), 0, "a preview writes nothing");

    let seen = Arc::new(Mutex::new(Vec::<Value>::new()));
    let sink = seen.clone();
    ipc.app.listen("import-progress-event", move |e| sink.lock().unwrap().push(serde_json::from_str(e.payload()).unwrap()));
    let summary = ipc.ok("import_run", json!({ "options": options }));
    assert_eq!(summary["counts"]["create"], 5000);
    assert_eq!(summary["rejected"][0]["row_number"], 5001);
    assert!(!seen.lock().unwrap().is_empty(), "progress events reach the UI");
    assert_eq!(total(&ipc), 5000);
    assert!(!ipc.ok("import_cancel", json!({})).as_bool().unwrap(), "nothing to cancel once done");

    let id = summary["import_id"].as_str().unwrap().to_string();
    let rejects = dir.path().join("rejected.csv");
    let n = ipc.ok("import_save_rejects", json!({ "id": id, "path": rejects.display().to_string() }));
    assert_eq!(n, 1);
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert!(text.contains("Reason") && text.contains("not-an-email"), "{text}");

    let history = ipc.ok("imports_list", json!({}));
    assert_eq!(history[0]["id"], id.as_str());
    let undone = ipc.ok("import_undo", json!({ "id": id }));
    assert_eq!(undone["status"], "undone");
    assert_eq!(total(&ipc), 0);
    let again = ipc.call("import_undo", json!({ "id": id })).unwrap_err();
    assert_eq!(again["kind"], "conflict");

    let saved = ipc.ok("import_mapping_save", json!({ "kind": "contacts", "name": "Fair list", "mapping": mapping }));
    assert_eq!(ipc.ok("import_mappings", json!({ "kind": "contacts" }))[0]["name"], "Fair list");
    ipc.ok("import_mapping_delete", json!({ "id": saved["id"] }));
    assert_eq!(ipc.ok("import_mappings", json!({ "kind": "contacts" })), json!([]));
}

#[test]
fn a_bad_file_is_refused_with_a_reason() {
    let ipc = Ipc::new();
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let e = ipc.call("import_open", json!({ "kind": "contacts", "path": empty.display().to_string(), "sheet": null })).unwrap_err();
    assert_eq!(e["kind"], "validation");
    assert!(e["errors"][0]["message"].as_str().unwrap().to_lowercase().contains("empty"), "{e}");
}

#[test]
fn exports_write_files() {
    let ipc = Ipc::new();
    ipc.ok("contact_create", json!({ "input": contact("Grace", "Hopper", "grace@navy.example") }));
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("contacts.csv");
    let list = json!({ "list": "contacts", "query": { "filter": {}, "sort": "name", "direction": "asc", "offset": 0, "limit": null } });
    let s = ipc.ok("export_list", json!({ "list": list, "format": "csv", "path": csv.display().to_string() }));
    assert_eq!(s["rows"], 1);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("First name") && text.contains("grace@navy.example"), "{text}");
    let zip = dir.path().join("all.zip");
    let s = ipc.ok("export_all", json!({ "path": zip.display().to_string() }));
    assert!(s["bytes"].as_i64().unwrap() > 0 && zip.exists());
    let name = ipc.ok("export_file_name", json!({ "what": "contacts", "format": "vcard" }));
    assert!(name.as_str().unwrap().ends_with(".vcf"));
}

#[test]
fn duplicates_merge_and_undo() {
    let ipc = Ipc::new();
    let a = ipc.ok("contact_create", json!({ "input": contact("Jon", "Smith", "jon@smith.example") }));
    let b = ipc.ok("contact_create", json!({ "input": contact("Jonathan", "Smith", "JON@smith.example") }));
    let likely = ipc.ok("duplicates_of_contact", json!({ "input": contact("J", "S", "jon@smith.example"), "excludeId": null }));
    assert!(likely.as_array().unwrap().len() >= 1);
    let page = ipc.ok("duplicates_find", json!({ "query": { "kind": "contact", "offset": 0, "limit": 10 } }));
    assert_eq!(page["total"], 1);
    assert_eq!(page["groups"][0]["reason"], "same_email");
    let ids = json!([a["id"], b["id"]]);
    let cands = ipc.ok("merge_candidates", json!({ "kind": "contact", "ids": ids }));
    assert_eq!(cands["records"].as_array().unwrap().len(), 2);
    let merged = ipc.ok("merge_records", json!({ "input": {
        "kind": "contact", "survivor_id": a["id"], "merged_ids": [b["id"]],
        "choices": [{ "field": "first_name", "from_id": b["id"] }]
    } }));
    assert_eq!(merged["survivor_name"], "Jonathan Smith");
    assert_eq!(total(&ipc), 1);
    assert_eq!(ipc.ok("merges_list", json!({}))[0]["id"], merged["id"]);
    ipc.ok("merge_undo", json!({ "id": merged["id"] }));
    assert_eq!(total(&ipc), 2);
    assert_eq!(ipc.ok("contact_get", json!({ "id": a["id"] }))["first_name"], "Jon");
}

#[test]
fn data_quality_and_privacy() {
    let ipc = Ipc::new();
    let c = ipc.ok("contact_create", json!({ "input": contact("Ada", "Lovelace", "ada@example.com") }));
    let id = c["id"].clone();
    let overview = ipc.ok("quality_overview", json!({}));
    let without_company = overview["checks"].as_array().unwrap().iter().find(|x| x["check"] == "contacts_without_company").unwrap().clone();
    assert_eq!(without_company["count"], 1);
    let rows = ipc.ok("quality_rows", json!({ "check": "contacts_without_company", "offset": 0, "limit": 50 }));
    assert_eq!(rows["rows"][0]["id"], id);
    let changed = ipc.ok("quality_bulk", json!({ "kind": "contact", "ids": [id], "action": { "action": "add_tag", "name": "tidy" } }));
    assert_eq!(changed, 1);
    assert_eq!(ipc.ok("quality_set_stale_days", json!({ "days": 30 }))["stale_days"], 30);
    ipc.ok("email_set_bounced", json!({ "contactId": id, "email": "ada@example.com", "bounced": true }));
    let bounced = ipc.ok("quality_rows", json!({ "check": "bounced_emails", "offset": 0, "limit": 50 }));
    assert_eq!(bounced["total"], 1);

    let refused = ipc.ok("may_contact", json!({ "contactId": id, "purpose": "marketing_email" }));
    assert_eq!(refused["allowed"], false);
    let state = ipc.ok("consent_record", json!({ "contactId": id, "input": {
        "purpose": "marketing_email", "granted": true, "source": "Web form", "wording": "Yes, send me offers", "recorded_at": null
    } }));
    assert_eq!(state["current"][0]["granted"], true);
    assert_eq!(ipc.ok("consents_get", json!({ "contactId": id }))["history"].as_array().unwrap().len(), 1);
    assert_eq!(ipc.ok("may_contact", json!({ "contactId": id, "purpose": "marketing_email" }))["allowed"], true);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ada.json");
    ipc.ok("contact_export_data", json!({ "contactId": id, "path": out.display().to_string() }));
    assert!(std::fs::read_to_string(&out).unwrap().contains("ada@example.com"));
    ipc.ok("contact_erase", json!({ "contactId": id }));
    assert_eq!(ipc.call("contact_get", json!({ "id": id })).unwrap_err()["kind"], "not_found");
    let log = ipc.ok("audit_log", json!({ "limit": 10 }));
    let text = log.to_string();
    assert!(text.contains("erase") && !text.contains("Lovelace") && !text.contains("ada@example.com"), "{text}");
}
