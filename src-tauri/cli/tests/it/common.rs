//! Running the real `hearth-cli` binary and reading what it printed.
#![allow(dead_code)]

use std::borrow::Borrow;
use std::path::Path;
use std::process::{Command, Output};

pub fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearth-cli")).arg("--db").arg(db).args(args).output().expect("run hearth-cli")
}

/// The output of a run that must have succeeded.
pub fn ok(out: Output) -> Output {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The JSON a successful run printed.
pub fn json(out: impl Borrow<Output>) -> serde_json::Value {
    let out = out.borrow();
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The text a successful run printed.
pub fn text(out: impl Borrow<Output>) -> String {
    let out = out.borrow();
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The exit code and message of a run that must have failed (with nothing on stdout).
pub fn failed(out: &Output) -> (Option<i32>, String) {
    assert!(out.stdout.is_empty(), "nothing on stdout when it fails");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).to_string())
}
