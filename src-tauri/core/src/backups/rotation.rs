//! Which snapshots to keep. In the last 24 hours: the newest of each hour, and every snapshot
//! taken by hand, on exit, before a migration or before a restore (so a restore can always be
//! reverted). Then the newest of each day for 14 days, then the newest of each week for 8
//! weeks after that. Older snapshots are deleted; the newest snapshot is never deleted.

use super::SnapshotReason;
use chrono::{DateTime, Datelike, Duration, Utc};
use std::collections::HashSet;

pub const HOURLY_FOR: Duration = Duration::hours(24);
pub const DAILY_UNTIL: Duration = Duration::days(14);
pub const WEEKLY_UNTIL: Duration = Duration::days(14 + 8 * 7);

/// One snapshot as rotation sees it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    pub at: DateTime<Utc>,
    pub reason: SnapshotReason,
    /// Tells apart snapshots taken in the same second (1, 2, …).
    pub seq: u32,
}

/// The names of the snapshots to delete at `now`.
pub fn to_delete(entries: &[Entry], now: DateTime<Utc>) -> Vec<String> {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    // Newest first, so the first snapshot seen in a bucket is the one kept.
    sorted.sort_by_key(|e| std::cmp::Reverse((e.at, e.seq)));
    let mut buckets = HashSet::new();
    let mut delete = Vec::new();
    for (i, e) in sorted.iter().enumerate() {
        let age = now - e.at;
        let bucket = if age < Duration::zero() {
            None // a clock that went back: keep
        } else if age < HOURLY_FOR {
            // Snapshots taken for a reason stay for a day; scheduled ones share their hour.
            (e.reason == SnapshotReason::Scheduled || i == 0).then(|| format!("h{}", e.at.format("%Y%m%d%H")))
        } else if age < DAILY_UNTIL {
            Some(format!("d{}", e.at.format("%Y%m%d")))
        } else if age < WEEKLY_UNTIL {
            let w = e.at.iso_week();
            Some(format!("w{}-{}", w.year(), w.week()))
        } else {
            Some(String::from("old"))
        };
        let Some(b) = bucket else { continue };
        // The newest is always kept (and claims its bucket); an old one only when it is the newest.
        let first_in_bucket = buckets.insert(b.clone());
        if i > 0 && (!first_in_bucket || b == "old") {
            delete.push(e.name.clone());
        }
    }
    delete
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(at: DateTime<Utc>, reason: SnapshotReason) -> Entry {
        Entry { name: at.format("%Y%m%d%H%M%S").to_string() + reason.as_str(), at, reason, seq: 1 }
    }

    #[test]
    fn keeps_hourly_then_daily_then_weekly() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        // A snapshot every 15 minutes for 100 days.
        let entries: Vec<Entry> =
            (0..100 * 24 * 4).map(|i| entry(now - Duration::minutes(15 * i), SnapshotReason::Scheduled)).collect();
        let delete: HashSet<String> = to_delete(&entries, now).into_iter().collect();
        let kept: Vec<&Entry> = entries.iter().filter(|e| !delete.contains(&e.name)).collect();
        let within = |from: Duration, to: Duration| kept.iter().filter(|e| now - e.at >= from && now - e.at < to).count();
        assert_eq!(within(Duration::zero(), HOURLY_FOR), 24 + 1, "one per clock hour over 24 hours (25 hours touched)");
        assert!((13..=14).contains(&within(HOURLY_FOR, DAILY_UNTIL)), "one a day");
        assert!((8..=9).contains(&within(DAILY_UNTIL, WEEKLY_UNTIL)), "one a week");
        assert_eq!(within(WEEKLY_UNTIL, Duration::days(1000)), 0, "nothing older");
        assert!(kept.iter().any(|e| e.at == now), "the newest stays");
    }

    #[test]
    fn snapshots_taken_for_a_reason_stay_for_a_day() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let before_restore = entry(now - Duration::minutes(20), SnapshotReason::BeforeRestore);
        let entries = vec![
            entry(now - Duration::minutes(5), SnapshotReason::Scheduled),
            before_restore.clone(),
            entry(now - Duration::minutes(25), SnapshotReason::Scheduled),
            entry(now - Duration::hours(30), SnapshotReason::Manual),
            entry(now - Duration::hours(31), SnapshotReason::Scheduled),
        ];
        let delete = to_delete(&entries, now);
        assert!(!delete.contains(&before_restore.name));
        assert_eq!(delete, vec![entries[2].name.clone(), entries[4].name.clone()]);
    }

    #[test]
    fn an_only_snapshot_is_never_deleted_however_old() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        assert!(to_delete(&[entry(now - Duration::days(400), SnapshotReason::Exit)], now).is_empty());
    }
}
