//! `hearth-cli export …` and `hearth-cli privacy …` through the real binary.

use crate::common::*;


#[test]
fn export_lists_and_everything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    ok(cli(&db, &["demo"]));
    let all = dir.path().join("contacts.csv");
    let s = json(cli(&db, &["export", "contacts", "--out", all.to_str().unwrap(), "--json"]));
    assert_eq!(s["rows"], 320);
    let bytes = std::fs::read(&all).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFFirst name,Last name,Email,"));
    assert_eq!(s["bytes"], bytes.len() as u64);

    let loyal = dir.path().join("loyal.xlsx");
    let s = json(cli(&db, &["export", "contacts", "--stage", "loyalty", "--out", loyal.to_str().unwrap(), "--json"]));
    let listed = json(cli(&db, &["contacts", "list", "--stage", "loyalty", "--limit", "500", "--json"]));
    assert_eq!(s["rows"], listed["total"], "the export has exactly the filtered rows");
    assert!(std::fs::read(&loyal).unwrap().starts_with(b"PK"), "an XLSX (zip) file from the extension");

    let cards = dir.path().join("people.vcf");
    let out = ok(cli(&db, &["export", "contacts", "--format", "vcard", "--tag", "vip", "--out", cards.to_str().unwrap()]));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Exported ") && text.contains(" contacts to "), "{text}");
    assert!(String::from_utf8(std::fs::read(&cards).unwrap()).unwrap().starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));

    let won = dir.path().join("won.csv");
    let s = json(cli(&db, &["export", "deals", "--status", "won", "--out", won.to_str().unwrap(), "--json"]));
    assert!(s["rows"].as_u64().unwrap() > 0);
    let text = String::from_utf8(std::fs::read(&won).unwrap()).unwrap();
    assert!(text.lines().skip(1).all(|l| l.contains(",won,")), "only won deals");

    let zip = dir.path().join("everything.zip");
    let s = json(cli(&db, &["export", "all", "--out", zip.to_str().unwrap(), "--json"]));
    assert!(s["rows"].as_u64().unwrap() > 320);
    assert!(std::fs::read(&zip).unwrap().starts_with(b"PK"));

    // Clear errors, typed exit codes, nothing written.
    let bad = dir.path().join("bad.csv");
    let out = cli(&db, &["export", "companies", "--format", "vcard", "--out", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only contacts can be exported as vCard"));
    let out = cli(&db, &["export", "contacts", "--format", "pdf", "--out", bad.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["errors"][0]["code"], "unknown_format");
    let out = cli(&db, &["export", "deals", "--stage", "proposal", "--out", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!bad.exists());
    let out = cli(&db, &["export", "all", "--out", dir.path().join("no/such/folder.zip").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn privacy_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    ok(cli(&db, &["demo"]));
    let page = json(cli(&db, &["contacts", "list", "--limit", "1", "--json"]));
    let id = page["rows"][0]["id"].as_str().unwrap().to_string();
    let name = page["rows"][0]["display_name"].as_str().unwrap().to_string();

    let state = json(cli(&db, &["privacy", "consent-add", &id, "--purpose", "newsletter", "--granted", "true", "--source", "Web form", "--wording", "Monthly news", "--json"]));
    let current = state["current"].as_array().unwrap();
    assert!(current.iter().any(|c| c["purpose"] == "newsletter" && c["granted"] == true && c["source"] == "Web form"));
    let text = String::from_utf8(ok(cli(&db, &["privacy", "consent", &id])).stdout).unwrap();
    assert!(text.contains("newsletter") && text.contains("granted") && text.contains("Monthly news"), "{text}");
    let p = json(cli(&db, &["privacy", "may-contact", &id, "--purpose", "newsletter", "--json"]));
    assert_eq!(p["allowed"], true);
    let out = cli(&db, &["privacy", "consent-add", &id, "--purpose", "carrier-pigeon", "--granted", "true", "--source", "x"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cli(&db, &["privacy", "consent-add", &id, "--purpose", "sms", "--granted", "true", "--source", " "]);
    assert_eq!(out.status.code(), Some(2));

    let doc = json(cli(&db, &["privacy", "export-contact", &id]));
    assert_eq!(doc["contact"]["id"], id.as_str());
    let file = dir.path().join("person.json");
    ok(cli(&db, &["privacy", "export-contact", &id, "--out", file.to_str().unwrap()]));
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(saved["contact"]["id"], id.as_str());

    let out = cli(&db, &["privacy", "erase", &id]);
    assert_eq!(out.status.code(), Some(2), "refused without --yes");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));
    ok(cli(&db, &["contacts", "show", &id]));
    let r = json(cli(&db, &["privacy", "erase", &id, "--yes", "--json"]));
    assert!(r["audit_id"].as_str().is_some());
    assert_eq!(cli(&db, &["contacts", "show", &id]).status.code(), Some(3));
    let log = json(cli(&db, &["privacy", "audit", "--json"]));
    assert_eq!(log[0]["action"], "erase");
    assert!(!log[0]["detail"].as_str().unwrap().contains(&name));
    let text = String::from_utf8(ok(cli(&db, &["privacy", "audit"])).stdout).unwrap();
    assert!(text.contains("Erased a contact:"), "{text}");
}
