//! Start-up measurement: with `HEARTH_PERF` set, the UI's marks ("painted": the first list is on
//! screen) are printed with the milliseconds since the process started; `HEARTH_PERF=exit` also
//! ends the process, so a script can time launches (`cargo xtask measure`).

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`.
pub fn started() {
    STARTED.get_or_init(Instant::now);
}

pub fn enabled() -> bool {
    std::env::var_os("HEARTH_PERF").is_some()
}

pub fn mark(name: &str) {
    if !enabled() {
        return;
    }
    let ms = STARTED.get().map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
    println!("hearth-perf {name} {ms:.1}");
    if std::env::var("HEARTH_PERF").as_deref() == Ok("exit") {
        std::process::exit(0);
    }
}
