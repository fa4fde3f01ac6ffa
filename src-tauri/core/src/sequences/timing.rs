//! When a step may happen: delays in days or business days (weekends and the owner's holidays
//! skipped), a sequence's send window (days of the week and hours, in the contact's time zone
//! or the owner's), quiet hours for the recipient, and the frequency cap across everything
//! that sends. Pure functions of their inputs and a given instant: tests pass the clock.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use std::collections::BTreeSet;

/// Days a step may fall on (bit 0 Monday … bit 6 Sunday) and its hours (minutes after
/// midnight, end excluded; `None`: any time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub days: u8,
    pub start: Option<u16>,
    pub end: Option<u16>,
}

impl Window {
    pub const ANY: Window = Window { days: 127, start: None, end: None };
    /// Monday to Friday.
    pub const WEEKDAYS: u8 = 0b0011111;
}

/// The owner's sending rules, shared by every sequence and broadcast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// At most `cap_count` marketing e-mails to one contact within `cap_days` days.
    pub cap_count: u32,
    pub cap_days: u32,
    /// No e-mails or calls between these minutes of the recipient's day (start > end wraps
    /// midnight: 20:00–08:00); `None`: no quiet hours.
    pub quiet: Option<(u16, u16)>,
    /// Days off (in the owner's time zone): nothing falls due on them.
    pub holidays: BTreeSet<NaiveDate>,
    /// The owner's time zone (also the contact's when theirs is unknown).
    pub owner_tz: Tz,
    /// The business's open days (bit 0 Monday … bit 6 Sunday): business days count these.
    pub open_days: u8,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { cap_count: 1, cap_days: 7, quiet: Some((20 * 60, 8 * 60)), holidays: BTreeSet::new(), owner_tz: Tz::UTC, open_days: Window::WEEKDAYS }
    }
}

fn day_bit(d: Weekday) -> u8 {
    1 << d.num_days_from_monday()
}


/// A local time in `tz` as UTC; in a gap (clocks going forward) the first instant after it.
fn at_local(tz: Tz, t: NaiveDateTime) -> DateTime<Utc> {
    for shift in 0..4 {
        let candidate = t + Duration::minutes(30 * shift);
        if let Some(x) = tz.from_local_datetime(&candidate).earliest() {
            return x.with_timezone(&Utc);
        }
    }
    Utc.from_utc_datetime(&t)
}

fn minutes(t: NaiveTime) -> u16 {
    use chrono::Timelike;
    (t.hour() * 60 + t.minute()) as u16
}

fn time_of(m: u16) -> NaiveTime {
    NaiveTime::from_hms_opt(u32::from(m / 60).min(23), u32::from(m % 60), 0).unwrap_or(NaiveTime::MIN)
}

/// `from` plus `days` days — calendar days at the same local time, or business days (only the
/// open days, holidays skipped, counted in the owner's time zone; Monday to Friday when no day
/// is open).
pub fn add_delay(from: DateTime<Utc>, days: u32, business: bool, rules: &Rules) -> DateTime<Utc> {
    let tz = rules.owner_tz;
    let local = from.with_timezone(&tz).naive_local();
    let mut date = local.date();
    if business {
        let open = if rules.open_days & Window::ANY.days == 0 { Window::WEEKDAYS } else { rules.open_days };
        let mut left = days;
        while left > 0 {
            date = date.succ_opt().unwrap_or(date);
            if open & day_bit(date.weekday()) != 0 && !rules.holidays.contains(&date) {
                left -= 1;
            }
        }
    } else {
        date += Duration::days(i64::from(days));
    }
    at_local(tz, date.and_time(local.time()))
}

/// Whether a step can happen at the local date-time `t`: on an allowed day that is no holiday,
/// inside the window's hours and, when `quiet` applies, outside quiet hours. If not, the local
/// date-time to try next.
fn blocked(t: NaiveDateTime, owner_date: NaiveDate, w: Window, quiet: Option<(u16, u16)>, holidays: &BTreeSet<NaiveDate>) -> Option<NaiveDateTime> {
    let next_day = |d: NaiveDate| d.succ_opt().unwrap_or(d).and_time(time_of(w.start.unwrap_or(0)));
    let date = t.date();
    if w.days & day_bit(date.weekday()) == 0 || w.days == 0 || holidays.contains(&owner_date) {
        return Some(next_day(date));
    }
    let m = minutes(t.time());
    if let Some(s) = w.start {
        if m < s {
            return Some(date.and_time(time_of(s)));
        }
    }
    if let Some(e) = w.end {
        if m >= e {
            return Some(next_day(date));
        }
    }
    if let Some((qs, qe)) = quiet {
        let inside = if qs <= qe { m >= qs && m < qe } else { m >= qs || m < qe };
        if inside && qs != qe {
            // Out of quiet hours at their end: later today, or tomorrow when they wrap midnight.
            let end_day = if qs > qe && m >= qs { date.succ_opt().unwrap_or(date) } else { date };
            return Some(end_day.and_time(time_of(qe)));
        }
    }
    None
}

/// The first instant at or after `t` when a step may happen for a contact in `tz` (the
/// owner's zone when theirs is unknown): inside the window, not on a holiday, and — for
/// steps that reach the contact (`contact_facing`) — outside quiet hours.
pub fn next_open(t: DateTime<Utc>, tz: Option<Tz>, w: Window, contact_facing: bool, rules: &Rules) -> DateTime<Utc> {
    let tz = tz.unwrap_or(rules.owner_tz);
    let quiet = if contact_facing { rules.quiet } else { None };
    let mut at = t;
    // Each round moves forward by at least a minute or to another day; a year of rounds is
    // more than any window needs (only a window with no open minute would run out).
    for _ in 0..2_000 {
        let local = at.with_timezone(&tz).naive_local();
        let owner_date = at.with_timezone(&rules.owner_tz).date_naive();
        match blocked(local, owner_date, w, quiet, &rules.holidays) {
            None => return at,
            Some(next) => {
                let candidate = at_local(tz, next);
                at = if candidate > at { candidate } else { at + Duration::minutes(1) };
            }
        }
    }
    at
}

/// The first instant at or after `t` when one more marketing e-mail stays within the cap,
/// given the times of the others (sent, and queued for later): no `cap_days` span around it
/// may already hold `cap_count` of them.
pub fn after_cap(t: DateTime<Utc>, others: &[DateTime<Utc>], rules: &Rules) -> DateTime<Utc> {
    if rules.cap_count == 0 || rules.cap_days == 0 {
        return t;
    }
    let span = Duration::days(i64::from(rules.cap_days));
    let mut sorted = others.to_vec();
    sorted.sort();
    let mut at = t;
    loop {
        let near: Vec<&DateTime<Utc>> = sorted.iter().filter(|o| **o > at - span && **o < at + span).collect();
        if (near.len() as u32) < rules.cap_count {
            return at;
        }
        // Past the earliest of them by a whole span.
        at = *near[0] + span;
    }
}

/// Where an e-mail may go: the window, quiet hours and the cap together.
pub fn email_slot(t: DateTime<Utc>, tz: Option<Tz>, w: Window, others: &[DateTime<Utc>], rules: &Rules) -> DateTime<Utc> {
    let mut at = t;
    for _ in 0..100 {
        let open = next_open(at, tz, w, true, rules);
        let capped = after_cap(open, others, rules);
        if capped == open {
            return open;
        }
        at = capped;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn rules() -> Rules {
        Rules { quiet: None, ..Default::default() }
    }

    #[test]
    fn calendar_days_keep_the_local_time_across_a_clock_change() {
        let r = Rules { owner_tz: "Europe/Oslo".parse().unwrap(), ..rules() };
        // Friday 27 March 2026 09:00 in Oslo (UTC+1); clocks go forward on Sunday 29 March.
        let from = utc("2026-03-27T08:00:00Z");
        assert_eq!(add_delay(from, 3, false, &r), utc("2026-03-30T07:00:00Z"), "09:00 local, now UTC+2");
        assert_eq!(add_delay(from, 0, false, &r), from);
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        let mut r = rules();
        let fri = utc("2026-12-04T10:00:00Z");
        assert_eq!(add_delay(fri, 1, true, &r), utc("2026-12-07T10:00:00Z"), "Friday + 1 business day = Monday");
        assert_eq!(add_delay(fri, 5, true, &r), utc("2026-12-11T10:00:00Z"));
        r.holidays.insert(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
        assert_eq!(add_delay(fri, 1, true, &r), utc("2026-12-08T10:00:00Z"), "Monday is a holiday");
        let sat = utc("2026-12-05T10:00:00Z");
        assert_eq!(add_delay(sat, 1, true, &r), utc("2026-12-08T10:00:00Z"));
    }

    #[test]
    fn business_days_are_the_open_days() {
        // A shop open Tuesday to Saturday.
        let r = Rules { open_days: 0b0111110, ..rules() };
        let fri = utc("2026-12-04T10:00:00Z");
        assert_eq!(add_delay(fri, 1, true, &r), utc("2026-12-05T10:00:00Z"), "Friday + 1 = Saturday");
        assert_eq!(add_delay(fri, 2, true, &r), utc("2026-12-08T10:00:00Z"), "Sunday and Monday are closed");
        let none = Rules { open_days: 0, ..rules() };
        assert_eq!(add_delay(fri, 1, true, &none), utc("2026-12-07T10:00:00Z"), "no open day: Monday to Friday, never a hang");
    }

    #[test]
    fn a_window_moves_a_step_to_the_next_open_minute_in_the_contacts_zone() {
        let r = rules();
        let w = Window { days: Window::WEEKDAYS, start: Some(9 * 60), end: Some(17 * 60) };
        let ny: Tz = "America/New_York".parse().unwrap();
        // Friday 4 Dec 2026 20:00 UTC = 15:00 in New York: open.
        assert_eq!(next_open(utc("2026-12-04T20:00:00Z"), Some(ny), w, false, &r), utc("2026-12-04T20:00:00Z"));
        // 23:00 UTC = 18:00 New York, after hours on a Friday: Monday 09:00 there.
        assert_eq!(next_open(utc("2026-12-04T23:00:00Z"), Some(ny), w, false, &r), utc("2026-12-07T14:00:00Z"));
        // Early morning: 09:00 the same day.
        assert_eq!(next_open(utc("2026-12-08T10:00:00Z"), Some(ny), w, false, &r), utc("2026-12-08T14:00:00Z"));
        // Unknown zone: the owner's (UTC here).
        assert_eq!(next_open(utc("2026-12-08T08:00:00Z"), None, w, false, &r), utc("2026-12-08T09:00:00Z"));
        assert_eq!(next_open(utc("2026-12-05T12:00:00Z"), None, Window::ANY, false, &r), utc("2026-12-05T12:00:00Z"));
    }

    #[test]
    fn holidays_and_quiet_hours_push_steps_forward() {
        let mut r = Rules { quiet: Some((20 * 60, 8 * 60)), ..rules() };
        r.holidays.insert(NaiveDate::from_ymd_opt(2026, 12, 24).unwrap());
        // 23:30 on the 23rd: quiet until 08:00 — which is on the holiday, so the 25th at 08:00.
        assert_eq!(next_open(utc("2026-12-23T23:30:00Z"), None, Window::ANY, true, &r), utc("2026-12-25T08:00:00Z"));
        // Quiet hours only hold back what reaches the contact; a task is due at once.
        assert_eq!(next_open(utc("2026-12-23T23:30:00Z"), None, Window::ANY, false, &r), utc("2026-12-23T23:30:00Z"));
        assert_eq!(next_open(utc("2026-12-22T06:00:00Z"), None, Window::ANY, true, &r), utc("2026-12-22T08:00:00Z"));
        assert_eq!(next_open(utc("2026-12-22T21:00:00Z"), None, Window::ANY, true, &r), utc("2026-12-23T08:00:00Z"));
        // A daytime quiet span (12:00–13:00).
        let lunch = Rules { quiet: Some((12 * 60, 13 * 60)), ..rules() };
        assert_eq!(next_open(utc("2026-12-22T12:30:00Z"), None, Window::ANY, true, &lunch), utc("2026-12-22T13:00:00Z"));
    }

    #[test]
    fn the_cap_postpones_instead_of_dropping() {
        let r = Rules { cap_count: 1, cap_days: 7, ..rules() };
        let sent = utc("2026-12-01T10:00:00Z");
        assert_eq!(after_cap(utc("2026-12-03T10:00:00Z"), &[sent], &r), utc("2026-12-08T10:00:00Z"));
        assert_eq!(after_cap(utc("2026-12-09T10:00:00Z"), &[sent], &r), utc("2026-12-09T10:00:00Z"));
        // One queued for later counts too: the new one goes a week after it.
        let queued = utc("2026-12-10T10:00:00Z");
        assert_eq!(after_cap(utc("2026-12-09T10:00:00Z"), &[sent, queued], &r), utc("2026-12-17T10:00:00Z"));
        let two = Rules { cap_count: 2, ..r.clone() };
        assert_eq!(after_cap(utc("2026-12-03T10:00:00Z"), &[sent], &two), utc("2026-12-03T10:00:00Z"));
        let none = Rules { cap_count: 0, ..r };
        assert_eq!(after_cap(utc("2026-12-03T10:00:00Z"), &[sent], &none), utc("2026-12-03T10:00:00Z"));
    }

    #[test]
    fn an_email_slot_meets_the_window_and_the_cap_together() {
        let r = Rules { cap_count: 1, cap_days: 7, ..rules() };
        let w = Window { days: Window::WEEKDAYS, start: Some(9 * 60), end: Some(17 * 60) };
        // Capped until Saturday 12 Dec 10:00, which is outside the weekday window: Monday 09:00.
        let slot = email_slot(utc("2026-12-08T10:00:00Z"), None, w, &[utc("2026-12-05T10:00:00Z")], &r);
        assert_eq!(slot, utc("2026-12-14T09:00:00Z"));
    }
}
