//! Installers: `cargo xtask bundle` (the release app and its packages, through the Tauri CLI
//! pinned in `ui/package.json`), `cargo xtask icons` (every icon from one source image) and the
//! installer test that `cargo xtask test` runs on Linux.

use crate::{sh, ui_install};
use std::path::{Path, PathBuf};

/// The Tauri CLI installed by `npm install` in `ui/`.
fn tauri_cli(root: &Path) -> PathBuf {
    let name = if cfg!(windows) { "tauri.cmd" } else { "tauri" };
    root.join("ui/node_modules/.bin").join(name)
}

/// The packages this system can build here. AppImage is left out: its tools (linuxdeploy and
/// its plugins) are downloaded at build time, which an offline machine cannot do.
fn bundles() -> &'static str {
    if cfg!(target_os = "macos") {
        "app,dmg"
    } else if cfg!(windows) {
        "nsis,msi"
    } else {
        "deb,rpm"
    }
}

/// Builds the release app (UI included) and its installers; prints what was made and its size.
pub fn release(root: &Path) -> bool {
    let cli = tauri_cli(root);
    if !ui_install(root) || !sh(root, cli.to_str().unwrap_or_default(), &["build", "--bundles", bundles()], &[("CI", "true")]) {
        return false;
    }
    let bin = root.join("target/release").join(if cfg!(windows) { "hearth.exe" } else { "hearth" });
    if let Ok(m) = std::fs::metadata(&bin) {
        println!("{:>8.1} MB  {}", m.len() as f64 / 1e6, bin.display());
    }
    for file in made(&root.join("target/release/bundle")) {
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        println!("{:>8.1} MB  {}", size as f64 / 1e6, file.display());
    }
    true
}

/// The installer files under `dir` (one level of per-format folders).
fn made(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for kind in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(kind.path()).into_iter().flatten().flatten() {
            let p = f.path();
            if p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("deb" | "rpm" | "dmg" | "msi" | "exe")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every icon size the platforms need, from `src-tauri/icons/source.svg`.
pub fn icons(root: &Path) -> bool {
    let cli = tauri_cli(root);
    let ok = ui_install(root) && sh(root, cli.to_str().unwrap_or_default(), &["icon", "src-tauri/icons/source.svg", "-o", "src-tauri/icons"], &[]);
    // Mobile icons: Hearth is a desktop app.
    for dir in ["android", "ios"] {
        let _ = std::fs::remove_dir_all(root.join("src-tauri/icons").join(dir));
    }
    ok
}

/// Packages the debug app that the end-to-end tests built (same features) as a .deb, then
/// installs it, starts it under Xvfb, checks its window and removes it (tests/installer/deb.sh).
/// dpkg needs root: as another user the test runs through sudo.
pub fn installer_test(root: &Path) -> bool {
    let cli = tauri_cli(root);
    let dir = root.join("target/debug/bundle/deb");
    let _ = std::fs::remove_dir_all(&dir);
    if !sh(root, cli.to_str().unwrap_or_default(), &["bundle", "--debug", "--bundles", "deb", "--features", "custom-protocol"], &[("CI", "true")]) {
        return false;
    }
    let Some(deb) = made(&root.join("target/debug/bundle")).into_iter().find(|p| p.extension().is_some_and(|e| e == "deb")) else {
        eprintln!("no .deb under {}", dir.display());
        return false;
    };
    let script = root.join("tests/installer/deb.sh");
    // A session D-Bus of its own: how a second launch finds the running Hearth on Linux.
    let args = ["-a", "-s", crate::XVFB_SERVER, "dbus-run-session", "--", script.to_str().unwrap_or_default(), deb.to_str().unwrap_or_default()];
    if crate::setup::is_root() {
        sh(root, "xvfb-run", &args, &[])
    } else {
        let mut with_sudo = vec!["xvfb-run"];
        with_sudo.extend(args);
        sh(root, "sudo", &with_sudo, &[])
    }
}

