//! `hearth-cli history …` against a temporary demo database.

use std::process::{Command, Output};

fn cli(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearth-cli")).arg("--db").arg(db).args(args).output().expect("run hearth-cli")
}

fn json(out: Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn text(out: Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn list_undo_and_keep() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    json(cli(&db, &["demo", "--json"]));

    let page = json(cli(&db, &["history", "list", "--json"]));
    let kinds: Vec<&str> = page["actions"].as_array().unwrap().iter().map(|a| a["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["delete", "stage_move", "update", "import"], "the demo's recent history");
    let deleted = &page["actions"][0];
    let contact = deleted["record_id"].as_str().unwrap().to_string();
    assert_eq!(cli(&db, &["contacts", "show", &contact]).status.code(), Some(3), "in the trash");

    let table = text(cli(&db, &["history", "list", "--limit", "4"]));
    assert!(table.contains("Deleted contact") && table.contains("Stage: ") && table.contains("Imported trade-show"), "{table}");

    let undone = json(cli(&db, &["history", "undo", "--json"]));
    assert_eq!(undone["id"], deleted["id"]);
    assert!(undone["undone_at"].is_string());
    assert!(cli(&db, &["contacts", "show", &contact]).status.success(), "back from the trash");
    let mine = json(cli(&db, &["history", "list", "--contact", &contact, "--json"]));
    let kinds: Vec<&str> = mine["actions"].as_array().unwrap().iter().map(|a| a["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["undo", "delete"]);

    // Undoing the same action again is refused with a clear message and a non-zero exit.
    let id = deleted["id"].to_string();
    let again = cli(&db, &["history", "undo", &id]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already undone"), "{}", String::from_utf8_lossy(&again.stderr));

    let short = cli(&db, &["history", "keep", "30"]);
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("between 90"), "{}", String::from_utf8_lossy(&short.stderr));
    assert_eq!(json(cli(&db, &["history", "keep", "120", "--json"]))["retention_days"], 120);
    assert_eq!(json(cli(&db, &["history", "prune", "--json"]))["pruned"], 0, "nothing is 120 days old");
}
