//! Installing what a fresh machine lacks.

use crate::sh;
use std::path::Path;
use std::process::Command;

const APT_PACKAGES: &[&str] = &[
    "build-essential", "curl", "file", "pkg-config", "libwebkit2gtk-4.1-dev", "libssl-dev",
    "libayatana-appindicator3-dev", "librsvg2-dev", "libxdo-dev", "xvfb", "xauth", "webkit2gtk-driver",
    // The board's mouse-drag test runs in headless Chromium (playwright-core drives it).
    "chromium",
    // The installer test looks for the installed app's window with xwininfo, and gives it a
    // session D-Bus (how a second launch finds the first).
    "x11-utils", "dbus",
];

fn found(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).output().map(|o| o.status.success()).unwrap_or(false)
}

pub fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// System packages (Debian/Ubuntu: installed with apt-get; elsewhere: named).
pub fn system() -> bool {
    if cfg!(target_os = "macos") {
        if !found("node", "--version") {
            eprintln!("Install Node.js 20+ (https://nodejs.org or `brew install node`) and Xcode's command line tools (`xcode-select --install`).");
            return false;
        }
        return true;
    }
    if cfg!(windows) {
        if !found("node", "--version") {
            eprintln!("Install Node.js 20+ (https://nodejs.org), the Visual Studio C++ Build Tools and WebView2 (preinstalled on Windows 11).");
            return false;
        }
        return true;
    }
    let webkit = found("pkg-config", "--version")
        && Command::new("pkg-config").args(["--exists", "webkit2gtk-4.1"]).status().map(|s| s.success()).unwrap_or(false);
    let tools = found("xvfb-run", "--help") || Path::new("/usr/bin/xvfb-run").exists();
    let driver = Path::new("/usr/bin/WebKitWebDriver").exists();
    let chromium = Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/xwininfo").exists()
        && Path::new("/usr/bin/dbus-run-session").exists();
    if webkit && tools && driver && chromium && found("node", "--version") {
        return true;
    }
    if !found("apt-get", "--version") {
        eprintln!("Install the WebKitGTK 4.1 development files, Xvfb, WebKitWebDriver and Node.js 20+ with your package manager.");
        return false;
    }
    let mut args: Vec<&str> = vec!["install", "-y", "--no-install-recommends"];
    args.extend(APT_PACKAGES);
    if !found("node", "--version") {
        args.extend(["nodejs", "npm"]);
    }
    let env = [("DEBIAN_FRONTEND", "noninteractive")];
    let here = Path::new(".");
    if is_root() {
        sh(here, "apt-get", &["update", "-qq"], &env) && sh(here, "apt-get", &args, &env)
    } else if found("sudo", "-n") || found("sudo", "--version") {
        let mut sudo_args = vec!["apt-get"];
        sudo_args.extend(&args);
        sh(here, "sudo", &["apt-get", "update", "-qq"], &env) && sh(here, "sudo", &sudo_args, &env)
    } else {
        eprintln!("Missing system packages. Run as root:\n  apt-get update && apt-get install -y {}", APT_PACKAGES.join(" "));
        false
    }
}

/// tauri-driver (the WebDriver bridge for Tauri apps), from crates.io when missing.
pub fn tauri_driver(root: &Path) -> bool {
    if found("tauri-driver", "--help") {
        return true;
    }
    let home = std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{}/.cargo", std::env::var("HOME").unwrap_or_default()));
    if Path::new(&home).join("bin/tauri-driver").exists() {
        return true;
    }
    sh(root, env!("CARGO"), &["install", "tauri-driver", "--version", "^2", "--locked"], &[])
}
