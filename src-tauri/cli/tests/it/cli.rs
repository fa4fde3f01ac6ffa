//! Runs the real `hearth-cli` binary against a temporary database.

use crate::common::*;


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
    assert_eq!((s["contacts"].as_u64(), s["companies"].as_u64(), s["deals"].as_u64()), (Some(500), Some(100), Some(250)));
    let pipelines = json(&cli(&db, &["pipelines", "--json"]));
    let stages = pipelines[0]["stages"].as_array().unwrap();
    let in_stages = |kind: &str| stages.iter().filter(|s| s["kind"] == kind).map(|s| s["deal_count"].as_u64().unwrap()).sum::<u64>();
    assert_eq!((in_stages("open"), in_stages("won") + in_stages("lost")), (50, 200));
    assert!(stages.iter().all(|s| s["deal_count"].as_u64().unwrap() > 0), "every stage has deals");
    assert_eq!(json(&cli(&db, &["deals", "list", "--status", "open", "--json"]))["total"], 50);
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
    for op in ["deal board", "deal stage move", "deal column page", "deal list"] {
        let row = rows.iter().find(|r| r["operation"].as_str().unwrap().starts_with(op)).unwrap_or_else(|| panic!("no {op} row"));
        assert!(row["runs"].as_u64().unwrap() == 5, "{row}");
    }
    let budgets: Vec<_> = rows.iter().filter(|r| r["budget_p95_ms"].is_number()).collect();
    assert!(budgets.len() >= 2 && budgets.iter().all(|r| r["met"].is_boolean()), "{budgets:?}");

    // One group of rows only; an unknown group is refused by name.
    let some = json(&cli(&db, &["bench", "--quick", "--iterations", "3", "--only", "search,segments", "--json"]));
    let names: Vec<&str> = some["rows"].as_array().unwrap().iter().map(|r| r["operation"].as_str().unwrap()).collect();
    assert!(names.iter().any(|n| n.starts_with("search")) && names.iter().any(|n| n.starts_with("Segments screen")), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("deal") || n.starts_with("rescore") || n.starts_with("import")), "{names:?}");
    let (code, message) = failed(&cli(&db, &["bench", "--quick", "--only", "searches"]));
    assert_eq!(code, Some(2));
    assert!(message.contains("“searches” is not a group"), "{message}");
}

#[test]
fn deals_list_show_and_move() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deals.db");
    cli(&db, &["demo"]);
    let pipelines = json(&cli(&db, &["pipelines", "--json"]));
    let stages = pipelines[0]["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 7);
    assert_eq!((stages[3]["name"].as_str(), stages[3]["probability"].as_i64(), stages[3]["rotting_days"].as_i64()), (Some("Proposal"), Some(60), Some(10)));
    let text = String::from_utf8(cli(&db, &["pipelines"]).stdout).unwrap();
    assert!(text.starts_with("Sales") && text.contains("Negotiation") && text.contains("7 days"), "{text}");

    // A stage's column, by name in any case.
    let page = json(&cli(&db, &["deals", "list", "--stage", "PROPOSAL", "--json"]));
    let cards = page["cards"].as_array().unwrap();
    assert!(!cards.is_empty() && page["total"].as_u64() == Some(cards.len() as u64));
    for c in cards {
        assert_eq!(c["stage_name"], "Proposal");
        assert!(c["id"].is_string() && c["value_minor"].is_i64() && c["currency"].is_string() && c["attention"]["rotting"].is_boolean());
    }
    let won = json(&cli(&db, &["deals", "list", "--status", "won", "--json"]));
    assert!(won["total"].as_u64().unwrap() > 0 && won["cards"].as_array().unwrap().iter().all(|c| c["status"] == "won"));
    let mine = json(&cli(&db, &["deals", "list", "--owner", "Sam Rivera", "--limit", "2", "--offset", "1", "--json"]));
    assert_eq!((mine["cards"].as_array().unwrap().len(), mine["offset"].as_u64()), (2, Some(1)));
    assert!(mine["cards"].as_array().unwrap().iter().all(|c| c["owner"] == "Sam Rivera"));
    let text = String::from_utf8(cli(&db, &["deals", "list", "--stage", "won"]).stdout).unwrap();
    assert!(text.contains(" EUR") && text.trim_end().ends_with(&format!("{} of {} deals (from 0)", won["total"], won["total"])), "{text}");

    // Show.
    let id = cards[0]["id"].as_str().unwrap().to_string();
    let title = cards[0]["title"].as_str().unwrap().to_string();
    let text = String::from_utf8(cli(&db, &["deals", "show", &id]).stdout).unwrap();
    assert!(text.starts_with(&title) && text.contains("Stage:          Sales — Proposal (open)") && text.contains("History:"), "{text}");
    let shown = json(&cli(&db, &["deals", "show", &id, "--json"]));
    assert_eq!(shown["stage"]["name"], "Proposal");
    let version = shown["version"].as_i64().unwrap();

    // Move by name; the history says who.
    let moved = json(&cli(&db, &["deals", "move", &id, "negotiation", "--json"]));
    assert_eq!((moved["stage"]["name"].as_str(), moved["version"].as_i64()), (Some("Negotiation"), Some(version + 1)));
    assert_eq!(moved["history"][0]["from_stage_name"], "Proposal");
    assert_eq!(moved["history"][0]["changed_by"], "Sam Rivera");
    let text = String::from_utf8(cli(&db, &["deals", "move", &id, "Proposal"]).stdout).unwrap();
    assert_eq!(text.trim(), format!("Moved “{title}” to Proposal (version {}).", version + 2));

    // Bad moves: clear messages, exit code 2, nothing changed.
    let (code, err) = failed(&cli(&db, &["deals", "move", &id, "Martian"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("“Martian” is not a stage of the Sales pipeline: use Prospecting"), "{err}");
    let (code, err) = failed(&cli(&db, &["deals", "move", &id, "martian", "--json"]));
    let err: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!((code, err["kind"].as_str(), err["errors"][0]["code"].as_str()), (Some(2), Some("validation"), Some("unknown_stage")));
    let (code, err) = failed(&cli(&db, &["deals", "move", &id, "lost"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("Say why the deal was lost") && err.contains("--reason") && err.contains("No budget"), "{err}");
    let (code, err) = failed(&cli(&db, &["deals", "move", &id, "lost", "--reason", "aliens"]));
    assert!(code == Some(2) && err.contains("“aliens” is not a lost reason"), "{err}");
    let (code, err) = failed(&cli(&db, &["deals", "move", &id, "won", "--reason", "no budget"]));
    assert!(code == Some(2) && err.contains("goes with a move to Lost"), "{err}");
    assert_eq!(json(&cli(&db, &["deals", "show", &id, "--json"]))["version"].as_i64(), Some(version + 2));
    let (code, _) = failed(&cli(&db, &["deals", "move", "no-such-deal", "won"]));
    assert_eq!(code, Some(3));
    let (code, err) = failed(&cli(&db, &["deals", "list", "--status", "closed"]));
    assert!(code == Some(2) && err.contains("use open, won or lost"), "{err}");

    let lost = json(&cli(&db, &["deals", "move", &id, "LOST", "--reason", "no budget", "--note", "Next spring", "--json"]));
    assert_eq!((lost["status"].as_str(), lost["lost_reason"]["name"].as_str(), lost["lost_note"].as_str()), (Some("lost"), Some("No budget"), Some("Next spring")));
}
