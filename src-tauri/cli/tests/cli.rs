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

#[test]
fn gen_and_quick_bench() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gen.db");
    let out = cli(&db, &["gen", "--contacts", "500", "--seed", "7", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((s["contacts"].as_u64(), s["companies"].as_u64()), (Some(500), Some(100)));
    assert!(s["activities"].as_u64().unwrap() > 2_000);
    // Same seed, same data.
    let db2 = dir.path().join("gen2.db");
    let out2 = cli(&db2, &["gen", "--contacts", "500", "--seed", "7", "--json"]);
    let s2: serde_json::Value = serde_json::from_slice(&out2.stdout).unwrap();
    assert_eq!(s["activities"], s2["activities"]);
    let names = |p: &std::path::Path| String::from_utf8(cli(p, &["contacts", "list", "--limit", "30"]).stdout).unwrap()
        .lines().map(|l| l.get(38..).unwrap_or("").to_string()).collect::<Vec<_>>();
    assert_eq!(names(&db), names(&db2));
    // The search index was rebuilt: a generated contact is found by its e-mail.
    let page: serde_json::Value = serde_json::from_slice(&cli(&db, &["contacts", "list", "--limit", "1", "--json"]).stdout).unwrap();
    let email = page["rows"][0]["primary_email"].as_str().unwrap().to_string();
    let hits: serde_json::Value = serde_json::from_slice(&cli(&db, &["contacts", "search", &email, "--json"]).stdout).unwrap();
    assert_eq!(hits[0]["id"], page["rows"][0]["id"]);
    // Generating into a database that has data is refused.
    assert_eq!(cli(&db, &["gen", "--contacts", "10"]).status.code(), Some(4));

    let out = cli(&db, &["bench", "--quick", "--iterations", "5", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert!(rows.len() >= 10);
    for row in rows {
        assert!(row["p50_ms"].as_f64().unwrap() > 0.0 && row["p95_ms"].as_f64() >= row["p50_ms"].as_f64(), "{row}");
    }
    let compared = rows.iter().filter(|r| r["ratio_p95"].is_number()).count();
    assert_eq!(compared, 7, "search and list rows are compared with raw SQLite");
}
