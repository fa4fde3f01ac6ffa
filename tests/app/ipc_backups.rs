//! Backups through the real command registry on Tauri's mock runtime, on a database file.
use crate::common;

use common::Ipc;
use serde_json::json;

#[test]
fn back_up_list_restore_and_go_back() {
    let dir = tempfile::tempdir().unwrap();
    let ipc = Ipc::on_file(&dir.path().join("hearth.db"));
    ipc.ok("demo_load", json!({}));
    let settings = ipc.ok("backup_settings", json!({}));
    assert_eq!((settings["uses_default"].as_bool(), settings["interval_minutes"].as_u64()), (Some(true), Some(15)));

    let snap = ipc.ok("backup_now", json!({}));
    assert_eq!((snap["reason"].as_str(), snap["contacts"].as_u64()), (Some("manual"), Some(320)));
    let list = ipc.ok("backups_list", json!({}));
    assert_eq!(list.as_array().unwrap().len(), 1);

    let id = ipc.ok("contacts_list", json!({ "query": { "filter": { "text": null, "stage": null, "lead_source_id": null, "tag": null, "owner": null, "company_id": null }, "sort": "name", "direction": "asc", "offset": 0, "limit": 1 } }))["rows"][0]["id"].clone();
    ipc.ok("contact_delete", json!({ "id": id }));
    assert_eq!(ipc.ok("app_status", json!({}))["contact_count"], 319);

    let outcome = ipc.ok("backup_restore", json!({ "fileName": snap["file_name"] }));
    assert_eq!(ipc.ok("app_status", json!({}))["contact_count"], 320, "commands use the restored database");
    let previous = &outcome["previous"];
    assert_eq!((previous["reason"].as_str(), previous["contacts"].as_u64()), (Some("before_restore"), Some(319)));
    ipc.ok("backup_restore", json!({ "fileName": previous["file_name"] }));
    assert_eq!(ipc.ok("app_status", json!({}))["contact_count"], 319, "and the restore was undone");

    // Only listed snapshots can be restored; a bad folder is refused with its reason.
    let err = ipc.call("backup_restore", json!({ "fileName": "../hearth.db" })).unwrap_err();
    assert_eq!(err["kind"], "not_found");
    let err = ipc.call("backup_folder_set", json!({ "folder": "not/absolute" })).unwrap_err();
    assert_eq!(err["errors"][0]["code"], "not_absolute");
    let elsewhere = dir.path().join("synced");
    let s = ipc.ok("backup_folder_set", json!({ "folder": elsewhere.to_str().unwrap() }));
    assert_eq!(s["uses_default"], false);
    assert!(ipc.ok("backups_list", json!({})).as_array().unwrap().is_empty());
}

#[test]
fn a_second_app_on_the_same_database_is_told_it_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hearth.db");
    let first = Ipc::on_file(&path);
    first.ok("app_status", json!({}));
    let second = Ipc::on_file(&path);
    let err = second.call("app_status", json!({})).unwrap_err();
    assert_eq!((err["kind"].as_str(), err["problem"].as_str()), (Some("database"), Some("in_use")));
    assert!(err["message"].as_str().unwrap().contains("already open"));
    assert_eq!(second.call("contacts_list", json!({ "query": { "filter": { "text": null, "stage": null, "lead_source_id": null, "tag": null, "owner": null, "company_id": null }, "sort": "name", "direction": "asc", "offset": 0, "limit": 1 } })).unwrap_err()["problem"], "in_use");
}

#[test]
fn a_damaged_database_opens_the_app_in_recovery_and_a_snapshot_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hearth.db");
    tauri::async_runtime::block_on(async {
        let db = hearth_core::open_database(&path).await.unwrap();
        hearth_core::demo::load(&db).await.unwrap();
        hearth_core::backups::take(&db, &path, hearth_core::backups::SnapshotReason::Scheduled, chrono::Utc::now()).await.unwrap();
        db.close().await.unwrap();
    });
    std::fs::write(&path, b"garbage where the data was").unwrap();
    let _ = std::fs::remove_file(dir.path().join("hearth.db-wal"));

    let ipc = Ipc::on_file(&path);
    let err = ipc.call("app_status", json!({})).unwrap_err();
    assert_eq!(err["problem"], "damaged");
    let good = ipc.ok("backup_newest_good", json!({}));
    assert_eq!(good["contacts"], 320);
    let outcome = ipc.ok("backup_restore", json!({ "fileName": good["file_name"] }));
    assert!(outcome["previous"].is_null(), "nothing to snapshot from a damaged file");
    let aside = outcome["damaged_file_kept_at"].as_str().unwrap();
    assert_eq!(std::fs::read(aside).unwrap(), b"garbage where the data was");
    assert_eq!(ipc.ok("app_status", json!({}))["contact_count"], 320);
}
