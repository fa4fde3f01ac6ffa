//! Follow-ups and meetings as an iCalendar file (RFC 5545): open tasks and planned calls with
//! their due time, sequence calls and tasks waiting to be done, and meetings. Written by hand:
//! CRLF line ends, lines folded at 75 bytes on character boundaries, text escaped, times in UTC,
//! a stable UID per item (so a calendar that subscribes to the file updates instead of
//! duplicating).

use crate::error::CoreResult;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// One event of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub start: DateTime<Utc>,
    pub minutes: i64,
    pub summary: String,
    pub description: Option<String>,
    pub stamp: DateTime<Utc>,
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace("\r\n", "\\n").replace('\n', "\\n").replace('\r', "")
}

/// A content line folded at 75 bytes (continuation lines start with a space).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The calendar text of `events`.
pub fn ics(events: &[Event]) -> String {
    let mut out = String::new();
    for l in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hearth//Hearth CRM//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:Hearth follow-ups"] {
        fold(l, &mut out);
    }
    for e in events {
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", e.uid), &mut out);
        fold(&format!("DTSTAMP:{}", stamp(e.stamp)), &mut out);
        fold(&format!("DTSTART:{}", stamp(e.start)), &mut out);
        fold(&format!("DTEND:{}", stamp(e.start + Duration::minutes(e.minutes.max(5)))), &mut out);
        fold(&format!("SUMMARY:{}", escape(&e.summary)), &mut out);
        if let Some(d) = &e.description {
            fold(&format!("DESCRIPTION:{}", escape(d)), &mut out);
        }
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

/// Follow-ups and meetings from 30 days ago to a year ahead.
pub async fn events<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<Vec<Event>> {
    let lit = |t: DateTime<Utc>| crate::criteria::lit(&t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, false));
    let (from, to) = (lit(now - Duration::days(30)), lit(now + Duration::days(365)));
    let sql = format!(
        "SELECT a.id, a.kind, a.subject, a.body, coalesce(a.due_at, a.occurred_at), a.duration_minutes, a.updated_at, \
           trim(c.first_name || ' ' || c.last_name) \
         FROM activities a LEFT JOIN contacts c ON c.id = a.contact_id \
         WHERE a.deleted_at IS NULL AND ( \
           (a.kind = 'task' AND a.completed_at IS NULL AND a.due_at BETWEEN {from} AND {to}) \
           OR (a.kind IN ('meeting', 'call') AND a.occurred_at BETWEEN {from} AND {to} AND (a.kind = 'meeting' OR a.occurred_at > {now})) ) \
         ORDER BY 5 LIMIT 5000",
        now = lit(now)
    );
    let mut out = Vec::new();
    for r in db.query_all_raw(Statement::from_string(DbBackend::Sqlite, sql)).await? {
        let kind: String = r.try_get_by_index(1)?;
        let subject: String = r.try_get_by_index(2)?;
        let who: Option<String> = r.try_get_by_index(7)?;
        let summary = match (kind.as_str(), who.filter(|w| !w.is_empty())) {
            ("call", Some(w)) => format!("Call {w}: {subject}"),
            ("task", Some(w)) => format!("{subject} ({w})"),
            ("meeting", Some(w)) => format!("{subject} with {w}"),
            _ => subject,
        };
        let minutes: Option<i32> = r.try_get_by_index(5)?;
        out.push(Event {
            uid: format!("{}@hearth", r.try_get_by_index::<String>(0)?),
            summary,
            description: r.try_get_by_index(3)?,
            start: r.try_get_by_index(4)?,
            minutes: minutes.map(i64::from).unwrap_or(if kind == "meeting" { 60 } else { 15 }),
            stamp: r.try_get_by_index(6)?,
        });
    }
    for s in crate::sequences::due_steps(db, now + Duration::days(365), None).await? {
        let what = match s.kind {
            crate::sequences::StepKind::Call => format!("Call {}: {}", s.contact.name, s.title),
            _ => format!("{} ({})", s.title, s.contact.name),
        };
        out.push(Event {
            uid: format!("{}@hearth", s.id),
            start: s.due_at,
            minutes: 15,
            summary: what,
            description: Some(format!("{} — step {} of {}.{}", s.sequence.name, s.position, s.steps_total, s.instructions.map(|i| format!("\n{i}")).unwrap_or_default())),
            stamp: s.due_at,
        });
    }
    out.sort_by_key(|e| e.start);
    Ok(out)
}

/// Writes the calendar text to `path` under a temporary name first, so a calendar app reading
/// the file never sees half of it. Returns whether the file changed.
pub fn write_file(path: &std::path::Path, text: &str) -> CoreResult<bool> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(false);
    }
    let io = |e: std::io::Error| crate::CoreError::Storage { message: format!("cannot write {}: {e}", path.display()) };
    let tmp = path.with_extension("ics.tmp");
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(true)
}

/// The calendar file's text now.
pub async fn export<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<String> {
    Ok(ics(&events(db, now).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_in_crlf_fold_at_75_bytes_and_text_is_escaped() {
        let t = DateTime::parse_from_rfc3339("2026-12-07T09:30:00Z").unwrap().with_timezone(&Utc);
        let e = Event {
            uid: "a1@hearth".into(),
            start: t,
            minutes: 15,
            summary: "Call Ana Müller, about the offer; urgent".into(),
            description: Some(format!("Line one\nLine two {}", "é".repeat(60))),
            stamp: t,
        };
        let text = ics(&[e]);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.contains("DTSTART:20261207T093000Z\r\nDTEND:20261207T094500Z\r\n"));
        assert!(text.contains("SUMMARY:Call Ana Müller\\, about the offer\\; urgent\r\n"));
        assert!(text.contains("DESCRIPTION:Line one\\nLine two"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} bytes: {line}", line.len());
            assert!(!line.contains('\n'));
        }
        // Unfolded, the description is whole again.
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("Line two {}", "é".repeat(60))));
    }
}
