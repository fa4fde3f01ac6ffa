//! Snapshot file names: `<database name>-<UTC time>-<reason>.db`, e.g.
//! `hearth-2026-11-23T210312Z-scheduled.db`. The name alone says when and why, so listing and
//! rotating never need to open the files.

use super::SnapshotReason;
use chrono::{DateTime, NaiveDateTime, Utc};
use std::path::Path;

const TIME_FORMAT: &str = "%Y-%m-%dT%H%M%SZ";
const TIME_LEN: usize = 18;

/// The database file's name without its extension (`hearth` for `hearth.db`).
pub fn stem(db_path: &Path) -> String {
    db_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "hearth".into())
}

/// The name of a snapshot of `stem` taken at `at`; `n` > 1 tells apart two taken in one second.
pub fn file_name(stem: &str, at: DateTime<Utc>, reason: SnapshotReason, n: u32) -> String {
    let time = at.format(TIME_FORMAT);
    let reason = reason.as_str();
    if n > 1 {
        format!("{stem}-{time}-{reason}-{n}.db")
    } else {
        format!("{stem}-{time}-{reason}.db")
    }
}

/// When and why a snapshot of `stem` was taken, from its file name (`None` for other files).
pub fn parse(stem: &str, name: &str) -> Option<(DateTime<Utc>, SnapshotReason)> {
    parse_numbered(stem, name).map(|(at, reason, _)| (at, reason))
}

/// The same, with the number that tells apart snapshots taken in one second (1 for the first).
pub fn parse_numbered(stem: &str, name: &str) -> Option<(DateTime<Utc>, SnapshotReason, u32)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".db")?;
    let time = rest.get(..TIME_LEN)?;
    let at = NaiveDateTime::parse_from_str(time, TIME_FORMAT).ok()?.and_utc();
    let tail = rest.get(TIME_LEN..)?.strip_prefix('-')?;
    let (reason_text, n) = match tail.rsplit_once('-') {
        Some((r, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => (r, n.parse().ok()?),
        _ => (tail, 1),
    };
    Some((at, SnapshotReason::parse(reason_text)?, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn names_round_trip_and_other_files_are_ignored() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 21, 3, 12).unwrap();
        let name = file_name("hearth", at, SnapshotReason::BeforeRestore, 1);
        assert_eq!(name, "hearth-2026-11-23T210312Z-before_restore.db");
        assert_eq!(parse("hearth", &name), Some((at, SnapshotReason::BeforeRestore)));
        let second = file_name("hearth", at, SnapshotReason::Manual, 2);
        assert_eq!(parse_numbered("hearth", &second), Some((at, SnapshotReason::Manual, 2)));
        for other in [
            "hearth.db",
            "notes.txt",
            "hearth-2026-11-23T210312Z-scheduled.db.partial",
            "hearth-2026-13-23T210312Z-scheduled.db",
            "hearth-2026-11-23T210312Z-unknown.db",
            "shop-2026-11-23T210312Z-manual.db",
        ] {
            assert_eq!(parse("hearth", other), None, "{other}");
        }
    }
}
