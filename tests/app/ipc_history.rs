//! History and undo through the real command registry on Tauri's mock runtime.
use crate::common;

use common::Ipc;
use serde_json::json;

#[test]
fn edit_see_it_in_the_record_history_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let ipc = Ipc::on_file(&dir.path().join("hearth.db"));
    ipc.ok("demo_load", json!({}));
    let page = ipc.ok("history_list", json!({ "query": { "entity": null, "record_id": null, "before": null, "limit": 10 } }));
    assert_eq!(page["actions"].as_array().unwrap().len(), 4, "the demo's recent history");

    let contact = ipc.ok("contact_create", json!({ "input": {
        "first_name": "Mia", "last_name": "Holm", "title": null, "company_id": null, "emails": [], "phones": [],
        "tags": [], "time_zone": null, "owner": null, "notes": null, "lifecycle_stage": "reach", "lead_source_id": null,
        "referred_by_id": null, "do_not_contact": false,
        "address": { "street": null, "city": null, "region": null, "postal_code": null, "country": null }
    } }));
    let id = contact["id"].as_str().unwrap();
    ipc.ok("contact_set_stage", json!({ "id": id, "stage": "acquisition" }));
    let mine = ipc.ok("history_list", json!({ "query": { "entity": "contacts", "record_id": id, "before": null, "limit": 50 } }));
    let actions = mine["actions"].as_array().unwrap();
    assert_eq!(actions.iter().map(|a| a["kind"].as_str().unwrap()).collect::<Vec<_>>(), ["stage_move", "create"]);
    let field = &actions[0]["changes"][0]["fields"][0];
    assert_eq!((field["label"].as_str(), field["before"].as_str(), field["after"].as_str()), (Some("Lifecycle stage"), Some("reach"), Some("acquisition")));

    let undone = ipc.ok("history_undo_last", json!({}));
    assert_eq!(undone["id"], actions[0]["id"]);
    assert_eq!(ipc.ok("contact_get", json!({ "id": id }))["lifecycle_stage"], "reach");
    let undo = ipc.ok("history_list", json!({ "query": { "entity": null, "record_id": null, "before": null, "limit": 1 } }))["actions"][0].clone();
    assert_eq!((undo["kind"].as_str(), undo["undo_of"].clone()), (Some("undo"), actions[0]["id"].clone()));
    ipc.ok("history_undo", json!({ "actionId": undo["id"] }));
    assert_eq!(ipc.ok("contact_get", json!({ "id": id }))["lifecycle_stage"], "acquisition", "redo");

    let err = ipc.call("history_undo", json!({ "actionId": undo["id"] })).unwrap_err();
    assert_eq!(err["kind"], "conflict");
    let err = ipc.call("history_undo", json!({ "actionId": 987654 })).unwrap_err();
    assert_eq!(err["kind"], "not_found");
    let err = ipc.call("history_retention_set", json!({ "days": 89 })).unwrap_err();
    assert_eq!(err["errors"][0]["code"], "out_of_range");
    let s = ipc.ok("history_retention_set", json!({ "days": 180 }));
    assert_eq!((s["retention_days"].as_u64(), s["min_retention_days"].as_u64()), (Some(180), Some(90)));
    assert_eq!(ipc.ok("history_settings", json!({}))["retention_days"], 180);
}
