//! `hearth-cli duplicates …` and `hearth-cli quality …` against a temporary demo database.

use crate::common::*;


#[test]
fn find_merge_and_undo_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    json(cli(&db, &["demo", "--json"]));

    let page = json(cli(&db, &["duplicates", "list", "--kind", "contact", "--limit", "200", "--json"]));
    let groups = page["groups"].as_array().unwrap();
    assert!(!groups.is_empty() && groups.iter().all(|g| g["kind"] == "contact"));
    let jon = groups
        .iter()
        .find(|g| g["records"].as_array().unwrap().iter().any(|r| r["name"].as_str().unwrap().starts_with("Jonathan ")))
        .expect("the demo's Jon/Jonathan pair");
    assert_eq!(jon["reason"], "similar_name");
    let records = jon["records"].as_array().unwrap();
    let id = |name: &str| records.iter().find(|r| r["name"].as_str().unwrap().starts_with(name)).unwrap()["id"].as_str().unwrap().to_string();
    let (jonathan, jon_id) = (id("Jonathan "), id("Jon "));

    let table = text(cli(&db, &["duplicates", "list", "--kind", "company"]));
    assert!(table.contains("same domain") && table.contains(" Ltd"), "{table}");

    let take = format!("first_name={jonathan}");
    let merged = json(cli(&db, &["duplicates", "merge", &jon_id, &jonathan, "--take", &take, "--json"]));
    assert_eq!(merged["merged_count"], 1);
    assert!(merged["survivor_name"].as_str().unwrap().starts_with("Jonathan "));
    let merge_id = merged["id"].as_str().unwrap().to_string();
    let shown = text(cli(&db, &["contacts", "show", &jon_id]));
    assert!(shown.starts_with("Jonathan "), "{shown}");
    let out = cli(&db, &["contacts", "show", &jonathan, "--json"]);
    assert_eq!(out.status.code(), Some(3), "the merged record is in the trash");

    let list = text(cli(&db, &["duplicates", "merges"]));
    assert!(list.contains(&merge_id) && list.contains("1 merges"), "{list}");
    let undone = text(cli(&db, &["duplicates", "undo", &merge_id]));
    assert!(undone.starts_with(&format!("Undid merge {merge_id}")), "{undone}");
    json(cli(&db, &["contacts", "show", &jonathan, "--json"]));
    let again = cli(&db, &["duplicates", "undo", &merge_id, "--json"]);
    assert_eq!(again.status.code(), Some(4), "a second undo is a conflict");
    let err: serde_json::Value = serde_json::from_slice(&again.stderr).unwrap();
    assert_eq!(err["kind"], "conflict");

    let out = cli(&db, &["duplicates", "merge", &jon_id, &jon_id]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be merged with itself"));
    let out = cli(&db, &["duplicates", "merge", &jon_id, &jonathan, "--take", "title"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not FIELD=ID"));
    let out = cli(&db, &["duplicates", "list", "--kind", "deal"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn quality_overview_list_and_stale_days() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    json(cli(&db, &["demo", "--json"]));
    let o = json(cli(&db, &["quality", "overview", "--json"]));
    assert_eq!(o["stale_days"], 90);
    let checks = o["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 7);
    let bounced = checks.iter().find(|c| c["check"] == "bounced_emails").unwrap();
    assert_eq!(bounced["count"], 1);

    let page = json(cli(&db, &["quality", "list", "bounced-emails", "--json"]));
    assert_eq!(page["total"], 1);
    assert!(page["rows"][0]["detail"].as_str().unwrap().contains('@'));
    let table = text(cli(&db, &["quality", "list", "not_touched", "--limit", "3"]));
    assert!(table.lines().count() == 5 && table.contains("touched"), "{table}");

    let o = json(cli(&db, &["quality", "stale-days", "7", "--json"]));
    assert_eq!(o["stale_days"], 7);
    assert!(text(cli(&db, &["quality", "overview"])).contains("in 7 days"));
    let out = cli(&db, &["quality", "stale-days", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cli(&db, &["quality", "list", "messy", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["errors"][0]["code"], "unknown_check");
}
