//! `hearth-cli history …` against a temporary demo database.

use crate::common::*;


#[test]
fn list_undo_and_keep() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    json(cli(&db, &["demo", "--json"]));

    let page = json(cli(&db, &["history", "list", "--json"]));
    let kinds: Vec<&str> = page["actions"].as_array().unwrap().iter().map(|a| a["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["update", "stage_move", "update", "import"], "the demo's recent history");
    let edited = page["actions"][0]["record_id"].as_str().unwrap().to_string();
    let table = text(cli(&db, &["history", "list", "--limit", "4"]));
    assert!(table.contains("Title: ") && table.contains("Stage: ") && table.contains("Imported trade-show"), "{table}");

    let latest = page["actions"][0].clone();
    let shown = json(cli(&db, &["contacts", "show", &edited, "--json"]));
    assert_eq!(shown["title"], "Co-owner");
    let undone = json(cli(&db, &["history", "undo", "--json"]));
    assert_eq!(undone["id"], latest["id"]);
    assert!(undone["undone_at"].is_string());
    let shown = json(cli(&db, &["contacts", "show", &edited, "--json"]));
    assert_ne!(shown["title"], "Co-owner", "the edit was undone");
    let mine = json(cli(&db, &["history", "list", "--contact", &edited, "--json"]));
    let kinds: Vec<&str> = mine["actions"].as_array().unwrap().iter().map(|a| a["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["undo", "update"]);

    // Undoing the same action again is refused with a clear message and a non-zero exit.
    let id = latest["id"].to_string();
    let again = cli(&db, &["history", "undo", &id]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already undone"), "{}", String::from_utf8_lossy(&again.stderr));

    let short = cli(&db, &["history", "keep", "30"]);
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("between 90"), "{}", String::from_utf8_lossy(&short.stderr));
    assert_eq!(json(cli(&db, &["history", "keep", "120", "--json"]))["retention_days"], 120);
    assert_eq!(json(cli(&db, &["history", "prune", "--json"]))["pruned"], 0, "nothing is 120 days old");
}

#[test]
fn score_rules_recompute_and_show() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    json(cli(&db, &["demo", "--json"]));
    let rules = json(cli(&db, &["score", "rules", "--json"]));
    assert!(rules.as_array().unwrap().iter().any(|r| r["name"] == "Decision maker"));
    assert_eq!(json(cli(&db, &["score", "recompute", "--json"]))["contacts"], 320);
    let id = json(cli(&db, &["contacts", "list", "--limit", "1", "--json"]))["rows"][0]["id"].as_str().unwrap().to_string();
    let card = json(cli(&db, &["score", "show", &id, "--json"]));
    let total = card["fit"].as_i64().unwrap() + card["engagement"].as_i64().unwrap();
    assert_eq!(card["computed"].as_i64().unwrap(), total.clamp(0, 100));
    assert_eq!(card["score"], card["computed"]);
    let table = text(cli(&db, &["score", "show", &id]));
    assert!(table.starts_with("Score "), "{table}");
    assert_eq!(cli(&db, &["score", "show", "no-such-contact"]).status.code(), Some(3));
}
