//! The lead score through the real command registry on Tauri's mock runtime.
use crate::common;

use common::Ipc;
use serde_json::json;

#[test]
fn a_contact_shows_its_score_rules_change_it_and_bad_input_is_refused() {
    let ipc = Ipc::new();
    ipc.ok("demo_load", json!({}));
    let id = ipc.ok("contacts_list", json!({ "query": { "filter": { "text": null, "stage": null, "lead_source_id": null, "tag": null, "owner": null, "company_id": null }, "sort": "name", "direction": "asc", "offset": 0, "limit": 1 } }))["rows"][0]["id"].clone();
    let card = ipc.ok("score_card", json!({ "contactId": id }));
    let sum: i64 = card["lines"].as_array().unwrap().iter().map(|l| l["points"].as_i64().unwrap()).sum();
    assert!((sum - card["fit"].as_i64().unwrap() - card["engagement"].as_i64().unwrap()).abs() <= 1, "the lines add up: {card}");

    // A rule that gives everyone +30 raises this contact's score by up to 30.
    let everyone = json!({ "name": "Everyone", "condition": { "type": "field", "field": "lifecycle_stage", "op": "is_set", "value": "" }, "points": 30, "enabled": true });
    let rule = ipc.ok("score_rule_create", json!({ "input": everyone }));
    let after = ipc.ok("score_card", json!({ "contactId": id }));
    assert_eq!(after["computed"].as_i64().unwrap(), (card["fit"].as_i64().unwrap() + card["engagement"].as_i64().unwrap() + 30).clamp(0, 100));
    assert!(after["lines"].as_array().unwrap().iter().any(|l| l["rule"] == "Everyone" && l["points"] == 30));
    ipc.ok("score_rule_delete", json!({ "id": rule["id"] }));

    let err = ipc.call("score_rule_create", json!({ "input": { "name": "Nothing", "condition": { "type": "no_touch", "days": 0 }, "points": 0, "enabled": true } })).unwrap_err();
    let fields: Vec<&str> = err["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["points", "condition.days"]);
    let err = ipc.call("score_rule_create", json!({ "input": { "name": "x", "condition": { "type": "field", "field": "shoe_size", "op": "is", "value": "9" }, "points": 5, "enabled": true } })).unwrap_err();
    assert!(err.as_str().is_some_and(|s| s.contains("shoe_size")), "an unknown field is refused, naming it: {err}");
    let err = ipc.call("score_thresholds_set", json!({ "thresholds": { "hot": 30, "warm": 50 } })).unwrap_err();
    assert_eq!(err["errors"][0]["code"], "above_hot");

    let err = ipc.call("score_override_set", json!({ "contactId": id, "score": 95, "reason": null })).unwrap_err();
    assert_eq!(err["errors"][0]["field"], "reason");
    let set = ipc.ok("score_override_set", json!({ "contactId": id, "score": 95, "reason": "Asked for a quote at the fair" }));
    assert_eq!((set["score"].as_i64(), set["temperature"].as_str()), (Some(95), Some("hot")));
}

#[test]
fn qualifying_through_the_commands() {
    let ipc = Ipc::new();
    ipc.ok("demo_load", json!({}));
    let id = ipc.ok("contacts_list", json!({ "query": { "filter": { "text": null, "stage": "reach", "lead_source_id": null, "tag": null, "owner": null, "company_id": null }, "sort": "name", "direction": "asc", "offset": 0, "limit": 1 } }))["rows"][0]["id"].clone();
    let q = ipc.ok("qualification_get", json!({ "contactId": id }));
    assert_eq!(q["status"], "new");
    let err = ipc.call("contact_qualify", json!({ "contactId": id, "input": { "status": "disqualified", "disqualified_reason": null, "budget_minor": -5, "budget_currency": "EURO", "authority": null, "need_level": null, "need_note": null, "timeline_on": null } })).unwrap_err();
    let fields: Vec<&str> = err["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["disqualified_reason", "budget_minor"]);
    let saved = ipc.ok("contact_qualify", json!({ "contactId": id, "input": { "status": "qualified", "disqualified_reason": null, "budget_minor": 250000, "budget_currency": "gbp", "authority": "decision_maker", "need_level": "high", "need_note": null, "timeline_on": "2027-01-15" } }));
    assert_eq!((saved["budget_currency"].as_str(), saved["timeline_on"].as_str()), (Some("GBP"), Some("2027-01-15")));
    assert_eq!(ipc.ok("contact_get", json!({ "id": id }))["lifecycle_stage"], "conversion");
    let card = ipc.ok("score_card", json!({ "contactId": id }));
    assert!(card["lines"].as_array().unwrap().iter().any(|l| l["rule"] == "Decision maker"));
}
