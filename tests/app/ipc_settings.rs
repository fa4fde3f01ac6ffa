//! Regional formats and moving the data folder, through the mock runtime.

use crate::common::Ipc;
use serde_json::json;

#[test]
fn regional_formats_round_trip_and_a_bad_one_is_refused() {
    let ipc = Ipc::new();
    let r = ipc.ok("regional_get", json!({}));
    assert_eq!((r["chosen"]["currency"].as_str(), r["saved"].as_bool()), (Some("EUR"), Some(false)));
    let input = json!({ "currency": "gbp", "locale": "en-GB", "date_order": "day_month_year", "clock": "h24", "week_start": "monday" });
    let saved = ipc.ok("regional_set", json!({ "input": input }));
    assert_eq!(saved["chosen"]["currency"], "GBP");
    assert_eq!(ipc.ok("regional_get", json!({})), saved);
    let bad = json!({ "currency": "POUNDS", "locale": "", "date_order": "system", "clock": "system", "week_start": "system" });
    let err = ipc.call("regional_set", json!({ "input": bad })).unwrap_err();
    assert_eq!((err["kind"].as_str(), err["errors"][0]["field"].as_str()), (Some("validation"), Some("currency")));
    assert_eq!(ipc.ok("regional_get", json!({})), saved, "unchanged");
}

#[test]
fn a_database_named_at_start_is_not_moved_from_settings() {
    let ipc = Ipc::new();
    assert_eq!(ipc.ok("data_folder_get", json!({}))["movable"], false);
    let err = ipc.call("data_folder_move", json!({ "folder": "/tmp/somewhere" })).unwrap_err();
    assert_eq!(err["kind"], "conflict");
    assert_eq!(ipc.ok("app_status", json!({}))["contact_count"], 0, "still open");
}

#[test]
fn moving_the_data_copies_it_and_stops_this_run_until_restarted() {
    let root = tempfile::tempdir().unwrap();
    let home = root.path().join("home");
    let path = home.join("hearth.db");
    let ipc = Ipc::at_home(&path, &home);
    ipc.ok("demo_load", json!({}));
    let contacts = ipc.ok("app_status", json!({}))["contact_count"].as_u64().unwrap();
    let before = ipc.ok("data_folder_get", json!({}));
    assert_eq!((before["uses_default"].as_bool(), before["movable"].as_bool()), (Some(true), Some(true)));

    // A folder that already holds a database is refused, and the app goes on as before.
    let taken = root.path().join("taken");
    std::fs::create_dir_all(&taken).unwrap();
    std::fs::write(taken.join("hearth.db"), b"x").unwrap();
    let err = ipc.call("data_folder_move", json!({ "folder": taken.display().to_string() })).unwrap_err();
    assert_eq!(err["errors"][0]["code"], "holds_database");
    assert_eq!(ipc.ok("app_status", json!({}))["contact_count"].as_u64(), Some(contacts));

    let target = root.path().join("new place");
    let moved = ipc.ok("data_folder_move", json!({ "folder": target.display().to_string() }));
    assert_eq!(moved["database"], target.join("hearth.db").display().to_string());
    let err = ipc.call("app_status", json!({})).unwrap_err();
    assert_eq!(err["kind"], "conflict", "nothing is written to the old file after the copy: {err}");
    assert!(home.join("hearth.db.moved").exists() && !path.exists(), "the old file is kept aside");
    assert_eq!(std::fs::read_to_string(home.join("data-folder")).unwrap().trim(), target.display().to_string());
    assert_eq!(hearth_app::resolve_db_path(None, || Some(home.clone())), target.join("hearth.db"));
    drop(ipc);

    let next = Ipc::at_home(&target.join("hearth.db"), &home);
    assert_eq!(next.ok("app_status", json!({}))["contact_count"].as_u64(), Some(contacts), "the next start has every contact");
}
