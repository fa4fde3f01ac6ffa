//! Reading the values people put in spreadsheets: dates in several orders, amounts with either
//! decimal separator and a currency sign, yes/no, websites, head counts.

use crate::activities::ActivityKind;
use crate::lifecycle::LifecycleStage;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// How a column writes day and month in `1/2/2026`-style dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

/// Evidence from one value for a column's day order: `Some(DayFirst)` when the first part is
/// over 12, `Some(MonthFirst)` when the second is.
pub fn order_hint(s: &str) -> Option<DayOrder> {
    let d = s.trim().split([' ', 'T']).next()?;
    let p: Vec<&str> = d.split(['/', '-']).collect();
    if p.len() != 3 || p[0].len() > 2 {
        return None;
    }
    let a: u32 = p[0].parse().ok()?;
    let b: u32 = p[1].parse().ok()?;
    if a > 12 && b <= 12 {
        Some(DayOrder::DayFirst)
    } else if b > 12 && a <= 12 {
        Some(DayOrder::MonthFirst)
    } else {
        None
    }
}

fn not_a_date(s: &str) -> String {
    format!("{} is not a date (use e.g. 2026-03-31 or 31/03/2026).", s.trim())
}

fn ymd(y: &str, m: &str, d: &str, raw: &str) -> Result<NaiveDate, String> {
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else { return Err(not_a_date(raw)) };
    let y = if y < 100 && raw.len() < 10 { 2000 + y } else { y };
    if !(1900..=2200).contains(&y) {
        return Err(format!("{} is outside the years 1900–2200.", raw.trim()));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| not_a_date(raw))
}

fn time_of(s: &str, raw: &str) -> Result<NaiveTime, String> {
    let t = s.trim().trim_end_matches('Z').trim_end_matches("+00:00");
    let t = t.split('.').next().unwrap_or(t);
    NaiveTime::parse_from_str(t, "%H:%M:%S").or_else(|_| NaiveTime::parse_from_str(t, "%H:%M")).map_err(|_| not_a_date(raw))
}

/// A date with an optional time (UTC). Excel serials were already turned into text by the
/// XLSX reader.
pub fn datetime(s: &str, order: DayOrder) -> Result<DateTime<Utc>, String> {
    let raw = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(raw) {
        return Ok(dt.with_timezone(&Utc));
    }
    let (d, t) = match raw.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t)),
        None => (raw, None),
    };
    let date = if let Some((y, rest)) = d.split_once('-').filter(|(y, _)| y.len() == 4) {
        let (m, dd) = rest.split_once('-').ok_or_else(|| not_a_date(raw))?;
        ymd(y, m, dd, raw)?
    } else if d.contains('.') {
        let p: Vec<&str> = d.split('.').collect();
        if p.len() != 3 {
            return Err(not_a_date(raw));
        }
        ymd(p[2], p[1], p[0], raw)?
    } else if d.contains('/') {
        let p: Vec<&str> = d.split('/').collect();
        if p.len() != 3 {
            return Err(not_a_date(raw));
        }
        if p[0].len() == 4 {
            ymd(p[0], p[1], p[2], raw)?
        } else if order == DayOrder::MonthFirst {
            ymd(p[2], p[0], p[1], raw)?
        } else {
            ymd(p[2], p[1], p[0], raw)?
        }
    } else {
        return Err(not_a_date(raw));
    };
    let (time, offset) = match t {
        Some(t) if !t.trim().is_empty() => {
            let (t, offset) = split_offset(t, raw)?;
            (time_of(t, raw)?, offset)
        }
        _ => (NaiveTime::MIN, 0),
    };
    Ok(Utc.from_utc_datetime(&NaiveDateTime::new(date, time)) - chrono::Duration::seconds(offset))
}

/// A time followed by a UTC offset, as order exports write it ("14:22:05 +0200", "14:22
/// -05:00", "09:00 UTC"): the time and the offset in seconds east of UTC.
fn split_offset<'a>(t: &'a str, raw: &str) -> Result<(&'a str, i64), String> {
    let t = t.trim();
    for zone in [" UTC", " GMT", "UTC", "Z"] {
        if let Some(rest) = t.strip_suffix(zone) {
            return Ok((rest, 0));
        }
    }
    let Some(at) = t.rfind(['+', '-']).filter(|at| *at > 0) else { return Ok((t, 0)) };
    let (time, off) = (&t[..at], &t[at..]);
    let digits: String = off[1..].chars().filter(|c| *c != ':').collect();
    if !(digits.len() == 2 || digits.len() == 4) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(not_a_date(raw));
    }
    let hours: i64 = digits[..2].parse().map_err(|_| not_a_date(raw))?;
    let minutes: i64 = if digits.len() == 4 { digits[2..].parse().map_err(|_| not_a_date(raw))? } else { 0 };
    if hours > 14 || minutes > 59 {
        return Err(not_a_date(raw));
    }
    let secs = (hours * 60 + minutes) * 60;
    Ok((time, if off.starts_with('-') { -secs } else { secs }))
}

pub fn yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" | "ja" | "oui" | "si" | "sí" | "on" | "opted in" | "granted" | "done" | "completed" => Some(true),
        "no" | "n" | "false" | "0" | "nein" | "non" | "off" | "" | "opted out" | "open" | "not done" => Some(false),
        _ => None,
    }
}

/// Digits after the decimal point in a currency's minor unit.
pub fn exponent(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "HUF" | "XOF" | "XAF" | "UGX" | "PYG" => 0,
        "BHD" | "KWD" | "OMR" | "JOD" | "TND" | "IQD" | "LYD" => 3,
        _ => 2,
    }
}

/// An amount as minor units of `currency`, and the currency its sign names (€ → EUR).
pub fn amount(s: &str, currency: &str) -> Result<(i64, Option<String>), String> {
    let raw = s.trim();
    let bad = || format!("“{raw}” is not an amount (use e.g. 1234.50 or 1.234,50).");
    let mut sign_currency = None;
    let mut t = String::new();
    for (sym, code) in [("€", "EUR"), ("£", "GBP"), ("$", "USD"), ("¥", "JPY"), ("CHF", "CHF")] {
        if raw.contains(sym) {
            sign_currency = Some(code.to_string());
        }
    }
    let mut letters = String::new();
    for c in raw.chars() {
        if c.is_ascii_digit() || c == ',' || c == '.' || c == '-' {
            t.push(c);
        } else if c.is_ascii_alphabetic() {
            letters.push(c.to_ascii_uppercase());
        } else if !(c.is_whitespace() || "€£$¥'’\u{a0}\u{202f}".contains(c)) {
            return Err(bad());
        }
    }
    if !letters.is_empty() {
        if letters.len() == 3 {
            sign_currency = Some(letters);
        } else {
            return Err(bad());
        }
    }
    if t.starts_with('-') {
        return Err(format!("“{raw}” is negative; a deal's value is zero or more."));
    }
    if t.is_empty() || t.contains('-') {
        return Err(bad());
    }
    let last_comma = t.rfind(',');
    let last_dot = t.rfind('.');
    let decimal = match (last_comma, last_dot) {
        (Some(c), Some(d)) => Some(if c > d { ',' } else { '.' }),
        (Some(_), None) | (None, Some(_)) => {
            let sep = if last_comma.is_some() { ',' } else { '.' };
            let n = t.matches(sep).count();
            let after = t.len() - t.rfind(sep).unwrap_or(0) - 1;
            if n == 1 && after != 3 { Some(sep) } else { None }
        }
        (None, None) => None,
    };
    let (int, frac) = match decimal {
        Some(sep) => {
            let i = t.rfind(sep).unwrap_or(0);
            (t[..i].replace([',', '.'], ""), t[i + 1..].to_string())
        }
        None => (t.replace([',', '.'], ""), String::new()),
    };
    if int.is_empty() && frac.is_empty() {
        return Err(bad());
    }
    let cur = sign_currency.clone().unwrap_or_else(|| currency.to_string());
    let exp = exponent(&cur) as usize;
    if frac.len() > exp && frac[exp..].chars().any(|c| c != '0') {
        return Err(format!("“{raw}” has more decimals than {cur} allows."));
    }
    let mut digits = if int.is_empty() { "0".to_string() } else { int };
    let mut f = frac.chars().take(exp).collect::<String>();
    while f.len() < exp {
        f.push('0');
    }
    digits.push_str(&f);
    if digits.len() > 15 {
        return Err(format!("“{raw}” is too large."));
    }
    let v: i64 = digits.parse().map_err(|_| bad())?;
    if v > crate::deals::MAX_VALUE_MINOR {
        return Err(format!("“{raw}” is too large."));
    }
    Ok((v, sign_currency))
}

/// "https://www.Example.com/about" → "example.com".
pub fn domain(s: &str) -> Option<String> {
    let mut d = s.trim().to_lowercase();
    for p in ["https://", "http://"] {
        if let Some(rest) = d.strip_prefix(p) {
            d = rest.to_string();
        }
    }
    let d = d.split(['/', '?', '#']).next().unwrap_or("").trim_start_matches("www.").split(':').next().unwrap_or("").to_string();
    let ok = d.contains('.') && d.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'));
    ok.then_some(d)
}

/// A size band from a band ("11-50") or a head count ("35").
pub fn size_band(s: &str) -> Option<&'static str> {
    use crate::companies::SizeBand;
    let t = s.trim().replace(' ', "").replace('–', "-");
    if let Some(b) = SizeBand::parse(&t) {
        return Some(b.as_str());
    }
    let n: u32 = t.replace(',', "").trim_end_matches('+').parse().ok()?;
    Some(match n {
        0..=1 => "1",
        2..=10 => "2-10",
        11..=50 => "11-50",
        51..=200 => "51-200",
        201..=1000 => "201-1000",
        _ => "1000+",
    })
}

pub fn activity_kind(s: &str) -> Option<ActivityKind> {
    Some(match super::fields::norm(s).as_str() {
        "call" | "phonecall" | "phone" | "calllog" | "loggedcall" => ActivityKind::Call,
        "email" | "mail" | "emailsent" | "sentemail" => ActivityKind::Email,
        "meeting" | "appointment" | "event" | "lunch" | "visit" => ActivityKind::Meeting,
        "note" | "notes" | "comment" => ActivityKind::Note,
        "task" | "todo" | "deadline" | "followup" => ActivityKind::Task,
        _ => return None,
    })
}

/// Our stage names and labels, and the lifecycle stages of common tools.
pub fn lifecycle(s: &str) -> Option<LifecycleStage> {
    if let Some(st) = LifecycleStage::parse(&s.trim().to_lowercase()) {
        return Some(st);
    }
    Some(match super::fields::norm(s).as_str() {
        "newlead" | "lead" | "subscriber" | "new" | "reach" => LifecycleStage::Reach,
        "engagedlead" | "marketingqualifiedlead" | "salesqualifiedlead" | "mql" | "sql" | "qualified" => LifecycleStage::Acquisition,
        "opportunity" => LifecycleStage::Conversion,
        "customer" | "client" => LifecycleStage::Retention,
        "loyalcustomer" | "evangelist" | "advocate" => LifecycleStage::Loyalty,
        _ => return None,
    })
}
