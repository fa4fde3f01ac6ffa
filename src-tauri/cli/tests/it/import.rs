//! `hearth-cli import …` against a temporary database: import, dry run, list, rejects, undo,
//! saved/JSON mappings, orders and survey answers, typed errors.

use crate::common::*;


#[test]
fn import_preview_list_rejects_undo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let file = dir.path().join("people.csv");
    std::fs::write(&file, "Email;Vorname;Nachname;Farbe\nanna@example.com;Anna;Berg;rot\nkaputt;Karl;Klein;blau\nanna@example.com;Anna;Berg-Lund;grün\n").unwrap();
    let f = file.to_str().unwrap();

    let p = json(cli(&db, &["import", "contacts", f, "--dry-run", "--json"]));
    assert_eq!((p["counts"]["create"].as_u64(), p["counts"]["update"].as_u64(), p["counts"]["reject"].as_u64()), (Some(1), Some(1), Some(1)));
    assert_eq!(json(cli(&db, &["import", "list", "--json"])).as_array().unwrap().len(), 0, "a dry run writes nothing");

    let s = json(cli(&db, &["import", "contacts", f, "--tag", "Fair 2026", "--json"]));
    assert_eq!(s["counts"]["create"], 1);
    assert_eq!(s["rejected"][0]["row_number"], 2);
    assert!(s["rejected"][0]["reason"].as_str().unwrap().contains("“kaputt” is not a valid e-mail address"));
    let id = s["import_id"].as_str().unwrap().to_string();
    let hits = json(cli(&db, &["contacts", "search", "Berg-Lund", "--json"]));
    assert_eq!(hits.as_array().unwrap().len(), 1, "the later row updated the first: {hits}");

    let text = String::from_utf8(ok(cli(&db, &["import", "list"])).stdout).unwrap();
    assert!(text.contains("people.csv") && text.contains(&id), "{text}");

    let out = dir.path().join("rejects.csv");
    let r = json(cli(&db, &["import", "rejects", &id, out.to_str().unwrap(), "--json"]));
    assert_eq!(r["rows"], 1);
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().next(), Some("Email,Vorname,Nachname,Farbe,Reason"));

    let u = json(cli(&db, &["import", "undo", &id, "--json"]));
    assert_eq!(u["status"], "undone");
    let again = cli(&db, &["import", "undo", &id, "--json"]);
    assert_eq!(again.status.code(), Some(4), "a second undo is a conflict");
    let err: serde_json::Value = serde_json::from_slice(&again.stderr).unwrap();
    assert_eq!(err["kind"], "conflict");
    assert!(json(cli(&db, &["contacts", "search", "Anna", "--json"])).as_array().unwrap().is_empty());
}

#[test]
fn mappings_rules_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let file = dir.path().join("odd.csv");
    std::fs::write(&file, "Col A,Col B\nzed@example.com,Zed\n").unwrap();
    let f = file.to_str().unwrap();
    let mapping = dir.path().join("mapping.json");
    std::fs::write(
        &mapping,
        r#"{"columns":[{"column":0,"header":"Col A","target":{"to":"field","field":"email"}},{"column":1,"header":"Col B","target":{"to":"field","field":"first_name"}}]}"#,
    )
    .unwrap();
    let s = json(cli(&db, &["import", "contacts", f, "--mapping", mapping.to_str().unwrap(), "--json"]));
    assert_eq!(s["counts"]["create"], 1);
    let s = json(cli(&db, &["import", "contacts", f, "--mapping", mapping.to_str().unwrap(), "--on-match", "skip", "--json"]));
    assert_eq!(s["counts"]["skip"], 1);
    let s = json(cli(&db, &["import", "contacts", f, "--mapping", mapping.to_str().unwrap(), "--match-by", "none", "--json"]));
    assert_eq!(s["counts"]["create"], 1, "no match rule: every row creates");

    let out = cli(&db, &["import", "contacts", f]);
    assert_eq!(out.status.code(), Some(2), "no column maps to a name or e-mail");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Name or e-mail"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = cli(&db, &["import", "contacts", f, "--saved", "Nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No saved mapping is named “Nope”"));
    let out = cli(&db, &["import", "contacts", f, "--match-by", "shoe-size"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cli(&db, &["import", "orders", f]);
    assert_eq!(out.status.code(), Some(2), "no order number, date or item column");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Order number"), "{}", String::from_utf8_lossy(&out.stderr));
    let missing = dir.path().join("missing.csv");
    let out = cli(&db, &["import", "contacts", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Cannot read"));
    let out = cli(&db, &["import", "undo", "nope"]);
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn orders_import_matches_by_number_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "Email,First name\nann@example.com,Ann\n").unwrap();
    json(cli(&db, &["import", "contacts", people.to_str().unwrap(), "--json"]));
    let file = dir.path().join("orders.csv");
    std::fs::write(
        &file,
        "Order ID,Order date,Customer email,Item,Qty,Unit price,Currency\n\
         A-1,2025-03-01,ann@example.com,Consulting hour,2,90.00,EUR\n\
         A-2,2025-04-01,ann@example.com,Workshop,1,450.00,EUR\n\
         A-1,2025-03-01,ann@example.com,Travel,1,35.50,EUR\n\
         A-3,2025-04-02,zoe@example.com,Workshop,1,450.00,EUR\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let p = json(cli(&db, &["import", "orders", f, "--dry-run", "--json"]));
    assert_eq!((p["counts"]["create"].as_u64(), p["counts"]["reject"].as_u64()), (Some(3), Some(1)));
    let s = json(cli(&db, &["import", "orders", f, "--json"]));
    assert_eq!((s["counts"]["create"].as_u64(), s["counts"]["reject"].as_u64()), (Some(3), Some(1)));
    assert!(s["rejected"][0]["reason"].as_str().unwrap().contains("No contact has the e-mail zoe@example.com"));
    let id = s["import_id"].as_str().unwrap().to_string();
    let again = json(cli(&db, &["import", "orders", f, "--json"]));
    assert_eq!((again["counts"]["create"].as_u64(), again["counts"]["skip"].as_u64()), (Some(0), Some(3)), "matched by order number: nothing new");
    let text = text(cli(&db, &["import", "undo", &id]));
    assert!(text.contains("the orders it created are deleted"), "{text}");
    let list = json(cli(&db, &["import", "list", "--json"]));
    assert!(list.as_array().unwrap().iter().any(|r| r["kind"] == "orders" && r["status"] == "undone"), "{list}");
}
