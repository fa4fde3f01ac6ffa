//! `hearth-cli backup`, `backups` and `restore` on the real binary, including a damaged database.

use crate::common::*;


#[test]
fn backup_list_restore_and_restore_over_a_damaged_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    json(&cli(&db, &["demo", "--json"]));
    let snap = json(&cli(&db, &["backup", "--json"]));
    assert_eq!(snap["reason"], "manual");
    assert_eq!(snap["contacts"], 320);
    assert!(snap["file_name"].as_str().unwrap().starts_with("shop-"));

    // --to a folder, and --to a new file (which must not exist yet).
    let elsewhere = dir.path().join("usb");
    let other = json(&cli(&db, &["backup", "--to", elsewhere.to_str().unwrap(), "--json"]));
    assert!(std::path::Path::new(other["path"].as_str().unwrap()).starts_with(&elsewhere));
    let file = dir.path().join("copy.db");
    json(&cli(&db, &["backup", "--to", file.to_str().unwrap(), "--json"]));
    let again = cli(&db, &["backup", "--to", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(4), "an existing file is not overwritten");

    let list = json(&cli(&db, &["backups", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1, "only the snapshot folder is listed");

    // The database is destroyed; the CLI says so and a restore brings the data back.
    std::fs::write(&db, vec![0x42; 8192]).unwrap();
    let _ = std::fs::remove_file(dir.path().join("shop.db-wal"));
    let _ = std::fs::remove_file(dir.path().join("shop.db-shm"));
    let broken = cli(&db, &["contacts", "list", "--json"]);
    assert_eq!(broken.status.code(), Some(6));
    let err: serde_json::Value = serde_json::from_slice(&broken.stderr).unwrap();
    assert_eq!((err["kind"].as_str(), err["problem"].as_str()), (Some("database"), Some("damaged")));

    let outcome = json(&cli(&db, &["restore", snap["file_name"].as_str().unwrap(), "--json"]));
    let aside = outcome["damaged_file_kept_at"].as_str().expect("damaged file kept");
    assert_eq!(std::fs::read(aside).unwrap(), vec![0x42; 8192]);
    let page = json(&cli(&db, &["contacts", "list", "--limit", "1", "--json"]));
    assert_eq!(page["total"], 320);

    let missing = cli(&db, &["restore", "shop-1999-01-01T000000Z-manual.db"]);
    assert_eq!(missing.status.code(), Some(3));
}
