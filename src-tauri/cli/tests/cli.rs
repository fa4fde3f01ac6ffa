//! Runs the real `hearth-cli` binary against a temporary database.

use std::process::Command;

fn cli(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hearth-cli")).arg("--db").arg(db).args(args).output().expect("run hearth-cli")
}

#[test]
fn demo_then_list_search_show() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let out = cli(&db, &["demo", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(summary["contacts"].as_u64().unwrap() >= 300);

    let out = cli(&db, &["contacts", "list", "--stage", "loyalty", "--limit", "5", "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["rows"].as_array().unwrap().len(), 5);
    let first = &page["rows"][0];
    assert_eq!(first["lifecycle_stage"], "loyalty");
    let name = first["display_name"].as_str().unwrap().to_string();
    let id = first["id"].as_str().unwrap().to_string();

    let out = cli(&db, &["contacts", "search", &name, "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(hits.as_array().unwrap().iter().any(|h| h["id"] == id.as_str()), "search finds {name}");

    let out = cli(&db, &["contacts", "show", &id]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(&name) && text.contains("Stage:          Loyal customer"), "{text}");

    let out = cli(&db, &["companies", "list"]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("of 60 companies"));
}

#[test]
fn errors_are_clear_and_typed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let out = cli(&db, &["contacts", "show", "nope", "--json"]);
    assert_eq!(out.status.code(), Some(3));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["kind"], "not_found");
    let out = cli(&db, &["contacts", "list", "--stage", "martian"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a stage"));
    cli(&db, &["demo"]);
    let out = cli(&db, &["demo"]);
    assert_eq!(out.status.code(), Some(4), "a second demo load is refused");
}
