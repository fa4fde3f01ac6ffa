//! The web view has no privileges it does not need: what the capability files grant and what
//! the Content-Security-Policy allows.

use serde_json::Value;

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn capabilities_grant_only_event_listening_to_the_main_window() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "one capability file: {files:?}");
    let cap = read_json("src-tauri/capabilities/default.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let granted: Vec<&str> = cap["permissions"].as_array().unwrap().iter().map(|p| p.as_str().expect("plain permission names")).collect();
    assert_eq!(granted, vec!["core:event:allow-listen", "core:event:allow-unlisten"]);
    assert!(cap.get("remote").is_none(), "no remote origin gets any capability");
}

#[test]
fn the_content_security_policy_allows_no_remote_origin_and_no_eval() {
    let conf = read_json("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP is set");
    assert!(!csp.contains("unsafe-eval"), "{csp}");
    assert!(!csp.contains('*'), "no wildcards: {csp}");
    for directive in csp.split(';').map(str::trim) {
        for source in directive.split_whitespace().skip(1) {
            let ok = source.starts_with('\'') || source == "data:" || source == "ipc:" || source == "http://ipc.localhost";
            assert!(ok, "{source} in `{directive}` would let the web view reach beyond the app");
        }
    }
    for needed in ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-src 'none'"] {
        assert!(csp.contains(needed), "{needed} missing from {csp}");
    }
    assert!(conf["app"]["security"].get("dangerousDisableAssetCspModification").is_none());
    assert!(!conf["app"]["withGlobalTauri"].as_bool().unwrap_or(false), "no global Tauri object for scripts");
}
