//! The app's log: plain lines in `hearth.log` in the app's log folder (`HEARTH_LOG_DIR` to
//! choose another), rotated at 1 MB with three older files kept. Lines name what happened and
//! ids, counts and file names — never a person's name, e-mail, phone or notes: error messages
//! that may quote input are reduced to their kind.

use hearth_core::CoreError;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

const MAX_BYTES: u64 = 1_000_000;
const KEEP: u32 = 3;

static LOG: OnceLock<Mutex<PathBuf>> = OnceLock::new();

/// Starts logging into `dir` (the first call wins).
pub fn init(dir: &Path) {
    if std::fs::create_dir_all(dir).is_ok() {
        let _ = LOG.set(Mutex::new(dir.join("hearth.log")));
    }
}

/// The folder `HEARTH_LOG_DIR` names, else `default`.
pub fn folder(default: Option<PathBuf>) -> Option<PathBuf> {
    std::env::var_os("HEARTH_LOG_DIR").filter(|v| !v.is_empty()).map(PathBuf::from).or(default)
}

fn rotate(path: &Path) {
    let numbered = |n: u32| path.with_extension(format!("{n}.log"));
    let _ = std::fs::remove_file(numbered(KEEP));
    for n in (1..KEEP).rev() {
        let _ = std::fs::rename(numbered(n), numbered(n + 1));
    }
    let _ = std::fs::rename(path, numbered(1));
}

/// Appends one line (UTC time, then `line`). Logging never fails the caller.
pub fn write(line: &str) {
    let Some(lock) = LOG.get() else { return };
    let path = lock.lock().unwrap_or_else(|p| p.into_inner());
    if std::fs::metadata(&*path).map(|m| m.len() >= MAX_BYTES).unwrap_or(false) {
        rotate(&path);
    }
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(&*path) {
        let _ = writeln!(f, "{} {line}", chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"));
    }
}

/// What an error is, without what it says (its message may quote a person's data).
pub fn kind(e: &CoreError) -> String {
    match e {
        CoreError::NotFound { entity, .. } => format!("not_found ({entity})"),
        CoreError::Validation { errors } => {
            format!("validation ({})", errors.iter().map(|f| format!("{}:{}", f.field, f.code)).collect::<Vec<_>>().join(", "))
        }
        CoreError::Conflict { .. } => "conflict".into(),
        CoreError::Cancelled { .. } => "cancelled".into(),
        CoreError::Storage { .. } => "storage".into(),
        CoreError::Database { problem, .. } => format!("database ({problem:?})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotates_and_keeps_three_older_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hearth.log");
        for n in 0..5 {
            std::fs::write(&path, format!("generation {n}")).unwrap();
            rotate(&path);
        }
        assert!(!path.exists());
        assert_eq!(std::fs::read_to_string(dir.path().join("hearth.1.log")).unwrap(), "generation 4");
        assert_eq!(std::fs::read_to_string(dir.path().join("hearth.3.log")).unwrap(), "generation 2");
        assert!(!dir.path().join("hearth.4.log").exists());
    }

    #[test]
    fn error_kinds_leave_the_words_out() {
        let e = CoreError::invalid("emails.0.email", "invalid_email", "ada@example is not an e-mail address");
        assert_eq!(kind(&e), "validation (emails.0.email:invalid_email)");
        let e = CoreError::Storage { message: "UNIQUE failed for Ada Lovelace".into() };
        assert_eq!(kind(&e), "storage");
    }
}
