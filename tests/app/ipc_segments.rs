//! Segments, personas and tiers through the real command registry on Tauri's mock runtime.
use crate::common;

use common::Ipc;
use serde_json::json;

fn list(ipc: &Ipc, filter: serde_json::Value) -> serde_json::Value {
    ipc.ok("contacts_list", json!({ "query": { "filter": filter, "sort": "name", "direction": "asc", "offset": 0, "limit": 500 } }))
}

#[test]
fn a_segment_is_checked_counted_saved_listed_and_acted_on() {
    let ipc = Ipc::new();
    ipc.ok("demo_load", json!({}));
    let fields = ipc.ok("criteria_fields", json!({}));
    assert!(fields.as_array().unwrap().iter().any(|f| f["key"] == "temperature" && f["kind"] == "choice"));

    let bad = json!({ "join": "all", "rules": [{ "type": "condition", "field": "shoe_size", "op": "is", "values": ["9"] }] });
    let err = ipc.call("segment_count", json!({ "filter": bad, "editing": null })).unwrap_err();
    assert_eq!((err["errors"][0]["field"].as_str(), err["errors"][0]["code"].as_str()), (Some("rules.0.field"), Some("unknown_field")));

    let customers = json!({ "join": "all", "rules": [{ "type": "condition", "field": "stage", "op": "any_of", "values": ["retention", "loyalty"] }] });
    let n = ipc.ok("segment_count", json!({ "filter": customers, "editing": null })).as_u64().unwrap();
    let s = ipc.ok("segment_create", json!({ "input": { "name": "All customers", "description": null, "filter": customers } }));
    assert_eq!(s["members"].as_u64(), Some(n));
    let page = list(&ipc, json!({ "segment_id": s["id"] }));
    assert_eq!(page["total"].as_u64(), Some(n));
    assert!(page["rows"].as_array().unwrap().iter().all(|r| r["lifecycle_stage"] == "retention" || r["lifecycle_stage"] == "loyalty"));
    assert!(ipc.ok("segments_names", json!({})).as_array().unwrap().iter().any(|e| e["name"] == "All customers"));

    // A bulk action on every member: tag them all, then the tag filter finds exactly them.
    let ids = ipc.ok("segment_member_ids", json!({ "id": s["id"] }));
    assert_eq!(ids.as_array().unwrap().len() as u64, n);
    ipc.ok("quality_bulk", json!({ "kind": "contact", "ids": ids, "action": { "action": "add_tag", "name": "all-customers" } }));
    assert_eq!(list(&ipc, json!({ "tag": "all-customers" }))["total"].as_u64(), Some(n));

    // Conversion per segment, for a period; a backwards period is refused.
    let rates = ipc.ok("segments_conversion", json!({ "period": { "from": "2025-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z" } }));
    assert!(rates.as_array().unwrap().iter().any(|r| r["segment_id"] == s["id"] && r["conversion"]["leads"].is_u64()));
    let err = ipc.call("segments_conversion", json!({ "period": { "from": "2027-01-01T00:00:00Z", "to": "2025-01-01T00:00:00Z" } })).unwrap_err();
    assert_eq!(err["errors"][0]["code"], "empty");

    ipc.ok("segment_delete", json!({ "id": s["id"] }));
    assert_eq!(ipc.call("segment_get", json!({ "id": s["id"] })).unwrap_err()["kind"], "not_found");
}

#[test]
fn tiers_and_personas_through_the_commands() {
    let ipc = Ipc::new();
    ipc.ok("demo_load", json!({}));
    let tiers = ipc.ok("tiers_list", json!({}));
    let total: u64 = tiers.as_array().unwrap().iter().map(|t| t["members"].as_u64().unwrap()).sum();
    assert_eq!(total, 320, "everyone is in a tier (C is everyone else)");
    let a_members = tiers[0]["members"].as_u64().unwrap();
    assert_eq!(list(&ipc, json!({ "tier": "a" }))["total"].as_u64(), Some(a_members));

    // Tier A may not test the tier; a new rule is previewed, then saved, and the list follows.
    let mut input = json!({ "name": "Loyal only", "description": null, "filter": { "join": "all", "rules": [{ "type": "condition", "field": "tier", "op": "any_of", "values": ["b"] }] }, "follow_up_days": 1, "support_level": null });
    assert_eq!(ipc.call("tier_update", json!({ "id": "a", "input": input })).unwrap_err()["errors"][0]["code"], "cycle");
    input["filter"] = json!({ "join": "all", "rules": [{ "type": "condition", "field": "stage", "op": "any_of", "values": ["loyalty"] }] });
    let loyal = list(&ipc, json!({ "stage": "loyalty" }))["total"].as_u64().unwrap();
    let preview = ipc.ok("tier_preview", json!({ "id": "a", "input": input }));
    assert_eq!(preview[0]["members"].as_u64(), Some(loyal));
    assert_eq!(ipc.ok("tiers_list", json!({}))[0]["members"].as_u64(), Some(a_members), "a preview saves nothing");
    ipc.ok("tier_update", json!({ "id": "a", "input": input }));
    assert_eq!(list(&ipc, json!({ "tier": "a" }))["total"].as_u64(), Some(loyal));
    let rates = ipc.ok("tiers_conversion", json!({ "period": { "from": "2025-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z" } }));
    assert_eq!(rates.as_array().unwrap().len(), 3);

    // Personas: by rule, then by hand.
    let personas = ipc.ok("personas_list", json!({}));
    let first = personas[0].clone();
    let someone = list(&ipc, json!({ "persona_id": first["id"] }))["rows"][0]["id"].clone();
    let got = ipc.ok("contact_persona_get", json!({ "contactId": someone }));
    assert_eq!(got["persona"]["id"], first["id"]);
    let other = personas[1]["id"].clone();
    let set = ipc.ok("contact_persona_set", json!({ "contactId": someone, "personaId": other }));
    assert_eq!((set["persona"]["id"].clone(), set["by_hand"].clone()), (other, json!(true)));
    let err = ipc.call("persona_create", json!({ "input": { "name": first["name"], "description": null, "goals": null, "pain_points": null, "channels": [], "filter": null } })).unwrap_err();
    assert_eq!(err["errors"][0]["code"], "duplicate");
    assert_eq!(ipc.call("contact_persona_set", json!({ "contactId": someone, "personaId": "nope" })).unwrap_err()["kind"], "not_found");
    assert!(ipc.ok("contact_tier", json!({ "contactId": someone }))["id"].is_string());
}
