//! `hearth-cli segments | personas | tiers` on the demo business, through the real binary.

use crate::common::*;


#[test]
fn segments_list_and_members_agree_and_tiers_and_personas_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    json(cli(&db, &["demo", "--json"]));
    let list = json(cli(&db, &["segments", "list", "--json"]));
    let rows = list.as_array().unwrap();
    assert!(rows.len() >= 4, "the demo's segments: {list}");
    let newsletter = rows.iter().find(|r| r["segment"]["name"] == "Newsletter readers").expect("Newsletter readers");
    let members = newsletter["segment"]["members"].as_u64().unwrap();
    assert!(members > 0);
    assert!(newsletter["conversion"]["leads"].as_u64().is_some());
    // Members by name (any case) match the count, and each is tagged or subscribed.
    let page = json(cli(&db, &["segments", "members", "newsletter READERS", "--limit", "500", "--json"]));
    assert_eq!(page["total"].as_u64().unwrap(), members);
    assert_eq!(page["rows"].as_array().unwrap().len() as u64, members);
    let text = String::from_utf8(cli(&db, &["segments", "list"]).stdout).unwrap();
    assert!(text.contains("Newsletter readers") && text.contains("CONVERTED"), "{text}");

    // Every live contact is in exactly one tier here (C is "everyone else").
    let tiers = json(cli(&db, &["tiers", "list", "--json"]));
    let sum: u64 = tiers.as_array().unwrap().iter().map(|t| t["tier"]["members"].as_u64().unwrap()).sum();
    assert_eq!(sum, 320);
    assert_eq!(tiers[0]["tier"]["follow_up_days"], 1);
    let personas = json(cli(&db, &["personas", "list", "--json"]));
    assert_eq!(personas.as_array().unwrap().len(), 4);
    assert!(personas[0]["persona"]["by_hand"].as_u64().unwrap() >= 1);

    let out = cli(&db, &["segments", "members", "no such segment", "--json"]);
    assert_eq!(out.status.code(), Some(3));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["kind"], "not_found");
}
