//! Project tasks: `cargo xtask run | test | bundle | icons | bindings | setup | measure`.
//! Everything a fresh Debian/Ubuntu machine lacks is installed first (as root or with sudo);
//! on macOS and Windows the missing pieces are named.

mod bundle;
mod setup;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2).expect("repository root").to_path_buf()
}

/// Runs a command in `dir`, echoing it; returns whether it succeeded.
pub fn sh(dir: &Path, program: &str, args: &[&str], envs: &[(&str, &str)]) -> bool {
    eprintln!("\n$ {program} {}", args.join(" "));
    let mut cmd = Command::new(program);
    cmd.current_dir(dir).args(args);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    match cmd.status() {
        Ok(s) => s.success(),
        Err(e) => {
            eprintln!("could not start {program}: {e}");
            false
        }
    }
}

fn npm() -> &'static str {
    if cfg!(windows) { "npm.cmd" } else { "npm" }
}

pub fn ui_install(root: &Path) -> bool {
    let ui = root.join("ui");
    if ui.join("node_modules/.package-lock.json").exists() {
        let lock = std::fs::metadata(ui.join("package-lock.json")).and_then(|m| m.modified()).ok();
        let installed = std::fs::metadata(ui.join("node_modules/.package-lock.json")).and_then(|m| m.modified()).ok();
        if lock.is_some() && installed >= lock {
            return true;
        }
    }
    sh(&ui, npm(), &["install", "--no-audit", "--no-fund"], &[])
}

fn ui_build(root: &Path) -> bool {
    ui_install(root) && sh(&root.join("ui"), npm(), &["run", "build"], &[])
}

struct Step {
    name: &'static str,
    ok: bool,
    secs: f64,
}

fn step(steps: &mut Vec<Step>, name: &'static str, f: impl FnOnce() -> bool) -> bool {
    eprintln!("\n==== {name} ====");
    let t = Instant::now();
    let ok = f();
    steps.push(Step { name, ok, secs: t.elapsed().as_secs_f64() });
    ok
}

fn test(root: &Path, args: &[String]) -> bool {
    let skip_e2e = args.iter().any(|a| a == "--no-e2e");
    let mut steps = Vec::new();
    let cargo = env!("CARGO");
    step(&mut steps, "rust: domain, migrations, CLI, IPC and bindings drift", || {
        sh(root, cargo, &["test", "--workspace", "--locked"], &[])
    });
    let ui_ok = step(&mut steps, "ui: typecheck, unit tests (vitest), build, release workflow lint", || {
        ui_install(root)
            && sh(&root.join("ui"), npm(), &["run", "typecheck"], &[])
            && sh(&root.join("ui"), npm(), &["test"], &[])
            && sh(&root.join("ui"), npm(), &["run", "build"], &[])
            && sh(&root.join("ui"), npm(), &["run", "lint:workflows"], &[])
    });
    if ui_ok && cfg!(target_os = "linux") {
        step(&mut steps, "ui: dragging cards with the mouse (headless Chromium)", || {
            sh(&root.join("ui"), "node", &["scripts/drag-test.mjs"], &[])
        });
        step(&mut steps, "ui: accessibility audit, light and dark (axe-core in headless Chromium)", || {
            sh(&root.join("ui"), "node", &["scripts/a11y-test.mjs"], &[])
        });
    }
    if skip_e2e {
        eprintln!("\n(end-to-end tests skipped: --no-e2e)");
    } else if ui_ok {
        let built = step(&mut steps, "e2e: the real app under Xvfb via tauri-driver", || e2e(root));
        if built && cfg!(target_os = "linux") {
            step(&mut steps, "installer: the .deb installed, started under Xvfb, removed", || bundle::installer_test(root));
        }
    } else {
        steps.push(Step { name: "e2e: skipped because the UI did not build", ok: false, secs: 0.0 });
    }
    eprintln!("\n==== summary ====");
    for s in &steps {
        eprintln!("{:>6.1}s  {}  {}", s.secs, if s.ok { "ok  " } else { "FAIL" }, s.name);
    }
    let failed = steps.iter().filter(|s| !s.ok).count();
    println!("steps: {} passed, {} failed", steps.len() - failed, failed);
    failed == 0
}

/// The app (serving the built UI from its own protocol) and the CLI, in one cargo run.
const APP_AND_CLI: [&str; 12] = ["build", "--locked", "-p", "hearth", "-p", "hearth-cli", "--bin", "hearth", "--bin", "hearth-cli", "--features", "hearth/custom-protocol"];

fn e2e(root: &Path) -> bool {
    if !cfg!(target_os = "linux") {
        eprintln!("End-to-end tests run on Linux only (tauri-driver needs WebKitWebDriver); skipped.");
        return true;
    }
    let cargo = env!("CARGO");
    // One build for both binaries: built alone, the CLI resolves its dependencies' features
    // differently and rebuilt nearly every crate again (6 minutes on a fresh CI machine).
    if !sh(root, cargo, &APP_AND_CLI, &[]) {
        return false;
    }
    let app = root.join("target/debug/hearth");
    let cli = root.join("target/debug/hearth-cli");
    setup::tauri_driver(root)
        && under_xvfb(root, "run.mjs", &[("HEARTH_APP", app.to_str().unwrap_or_default()), ("HEARTH_CLI", cli.to_str().unwrap_or_default())])
}

/// The test display. `-noreset`: Xvfb resets itself when its last client leaves, and a program
/// connecting during the reset cannot open the display — the app's own Restart now (the old
/// process quits, the new one starts at once) hit that and died in GTK's start-up.
pub(crate) const XVFB_SERVER: &str = "-screen 0 1280x800x24 -noreset";

/// Runs a script of `tests/e2e` with node in a fresh Xvfb display (installing its npm packages
/// first when missing).
fn under_xvfb(root: &Path, script: &str, env: &[(&str, &str)]) -> bool {
    let dir = root.join("tests/e2e");
    if !dir.join("node_modules/webdriverio").exists() && !sh(&dir, npm(), &["install", "--no-audit", "--no-fund"], &[]) {
        return false;
    }
    sh(&dir, "xvfb-run", &["-a", "-s", XVFB_SERVER, "node", script], env)
}

/// Start-up, memory and scrolling of the release app on the reference data (see measure.mjs).
fn measure(root: &Path) -> bool {
    let cargo = env!("CARGO");
    let built = ui_build(root)
        && sh(root, cargo, &[&APP_AND_CLI[..], &["--release"]].concat(), &[]);
    if !built || !setup::tauri_driver(root) {
        return false;
    }
    let db = root.join("target/hearth-reference.db");
    let db_arg = db.to_str().unwrap_or_default();
    if !db.exists() {
        let cli = root.join("target/release/hearth-cli");
        if !sh(root, cli.to_str().unwrap_or_default(), &["--db", db_arg, "gen", "--scale", "reference"], &[]) {
            return false;
        }
    }
    let app = root.join("target/release/hearth");
    under_xvfb(root, "measure.mjs", &[("HEARTH_APP", app.to_str().unwrap_or_default()), ("HEARTH_REFERENCE_DB", db_arg)])
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    let ok = match args.first().map(String::as_str) {
        Some("setup") => setup::system(),
        Some("run") => {
            setup::system() && ui_build(&root) && {
                let mut a = vec!["run", "--locked", "--features", "custom-protocol", "--bin", "hearth", "--"];
                a.extend(args[1..].iter().map(String::as_str));
                sh(&root, env!("CARGO"), &a, &[])
            }
        }
        Some("test") => setup::system() && test(&root, &args[1..]),
        Some("bundle") => setup::system() && bundle::release(&root),
        Some("icons") => bundle::icons(&root),
        Some("measure") => setup::system() && measure(&root),
        Some("bindings") => sh(&root, env!("CARGO"), &["test", "--test", "app", "bindings"], &[("UPDATE_BINDINGS", "1")]),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n  run [-- --db PATH]  build the UI and open the app\n  test [--no-e2e]     run every test (Rust, IPC, bindings drift, UI, end-to-end, installer)\n  bundle              build the release app and its installers (Linux: .deb and .rpm)\n  icons               make every icon size from src-tauri/icons/source.svg\n  bindings            regenerate ui/src/bindings.ts\n  measure             start-up, memory and scrolling of the release app at 100k contacts\n  setup               install what this machine lacks"
            );
            false
        }
    };
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
