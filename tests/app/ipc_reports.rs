//! Reports through the real command registry on Tauri's mock runtime, with the JSON the UI
//! sends: the catalogue, every report on the demo business, the records behind a number, CSV
//! and PNG files, and goals (checked, measured, updated, deleted).
use crate::common;

use common::Ipc;
use serde_json::{json, Value};

fn params(days: i64) -> Value {
    let to = chrono::Utc::now();
    json!({ "from": (to - chrono::Duration::days(days)).to_rfc3339(), "to": to.to_rfc3339(), "segment_id": null, "pipeline_id": null })
}

fn figure<'a>(r: &'a Value, key: &str) -> &'a Value {
    r["figures"].as_array().unwrap().iter().find(|f| f["key"] == key).unwrap_or_else(|| panic!("no {key} in {r}"))
}

#[test]
fn every_report_runs_on_the_demo_business_and_names_its_records() {
    let ipc = Ipc::new();
    ipc.ok("demo_load", json!({}));
    let catalog = ipc.ok("reports_catalog", json!({}));
    assert_eq!(catalog.as_array().unwrap().len(), 17);
    for info in catalog.as_array().unwrap() {
        let r = ipc.ok("report_run", json!({ "name": info["name"], "params": params(info["default_days"].as_i64().unwrap()) }));
        assert_eq!(r["name"], info["name"]);
        assert!(r["figures"].as_array().unwrap().iter().all(|f| f["definition"].as_str().is_some_and(|d| !d.is_empty())));
    }
    let dash = ipc.ok("report_run", json!({ "name": "dashboard", "params": params(90) }));
    assert!(dash["empty"].is_null(), "the demo business fills the dashboard");
    let added = figure(&dash, "added");
    assert!(added["value"].as_f64().unwrap() > 0.0);
    let list = ipc.ok("report_records", json!({ "name": "dashboard", "params": params(90), "key": added["drill"]["key"] }));
    assert_eq!(list["kind"], "contacts");
    assert_eq!(list["total"].as_f64(), added["value"].as_f64(), "the records behind a number are that many");
    let err = ipc.call("report_records", json!({ "name": "dashboard", "params": params(90), "key": "nonsense" })).unwrap_err();
    assert_eq!(err["errors"][0]["code"], "unknown_drill");
    let bad = ipc.call("report_run", json!({ "name": "funnel", "params": { "from": "2026-05-01T00:00:00Z", "to": "2026-01-01T00:00:00Z", "segment_id": null, "pipeline_id": null } })).unwrap_err();
    assert_eq!(bad["errors"][0]["field"], "period");
    assert!(ipc.call("report_run", json!({ "name": "nope", "params": params(90) })).is_err());
}

#[test]
fn reports_save_as_csv_and_charts_as_png() {
    let ipc = Ipc::new();
    ipc.ok("demo_load", json!({}));
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("cohorts.csv");
    let s = ipc.ok("report_save_csv", json!({ "name": "cohorts", "params": params(365), "path": csv.display().to_string() }));
    assert!(s["bytes"].as_i64().unwrap() > 100);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}') && text.contains("Cohort retention") && text.contains("Bought again"), "{text}");
    let png = dir.path().join("chart.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0, 0, 0, 13]);
    ipc.ok("report_save_png", json!({ "path": png.display().to_string(), "png": bytes }));
    assert_eq!(std::fs::read(&png).unwrap(), bytes);
    let err = ipc.call("report_save_png", json!({ "path": dir.path().join("x.png").display().to_string(), "png": [1, 2, 3] })).unwrap_err();
    assert_eq!(err["errors"][0]["code"], "not_png");
    assert!(!dir.path().join("x.png").exists(), "nothing written for bad input");
}

#[test]
fn goals_are_set_measured_updated_and_deleted() {
    let ipc = Ipc::new();
    ipc.ok("demo_load", json!({}));
    let now = chrono::Utc::now();
    let demo = ipc.ok("goals_list", json!({}));
    assert_eq!(demo.as_array().unwrap().len(), 4, "the demo business sets four goals");
    assert!(demo.as_array().unwrap().iter().all(|g| g["status"] != "no_data"), "{demo}");
    let input = |baseline: Value, target: f64, currency: Value, metric: &str| {
        json!({ "name": "More customers", "metric": metric, "segment_id": null, "currency": currency, "baseline": baseline, "target": target,
                "starts_at": (now - chrono::Duration::days(30)).to_rfc3339(), "deadline_at": (now + chrono::Duration::days(150)).to_rfc3339() })
    };
    let err = ipc.call("goal_create", json!({ "input": input(json!(0), 100_000.0, json!(null), "won_revenue") })).unwrap_err();
    assert_eq!(err["errors"][0]["field"], "currency");
    let base = ipc.ok("goal_baseline", json!({ "metric": "conversion_rate", "segmentId": null, "currency": null,
        "startsAt": (now - chrono::Duration::days(30)).to_rfc3339(), "deadlineAt": (now + chrono::Duration::days(150)).to_rfc3339() }));
    assert!(base.as_f64().is_some(), "the demo has leads to measure a baseline on: {base}");
    let g = ipc.ok("goal_create", json!({ "input": input(json!(null), 60.0, json!(null), "conversion_rate") }));
    assert_eq!(g["baseline"], base);
    assert!(g["summary"].as_str().unwrap().starts_with("More customers: Lead conversion rate"));
    let g2 = ipc.ok("goal_update", json!({ "id": g["id"], "input": input(json!(10), 20.0, json!(null), "conversion_rate") }));
    assert_eq!((g2["baseline"].as_f64(), g2["target"].as_f64()), (Some(10.0), Some(20.0)));
    assert_eq!(ipc.ok("goals_list", json!({})).as_array().unwrap().len(), 5);
    ipc.ok("goal_delete", json!({ "id": g["id"] }));
    assert_eq!(ipc.ok("goals_list", json!({})).as_array().unwrap().len(), 4);
    assert_eq!(ipc.call("goal_delete", json!({ "id": g["id"] })).unwrap_err()["kind"], "not_found");
}
