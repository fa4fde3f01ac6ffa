//! Small helpers the reports share: SQL literals for times, rates, medians, months, and
//! builders for figures, columns and rows.

use super::{Chart, ChartKind, Column, Drill, Figure, DrillKind, Row, Section, Unit};
use crate::conversion::Period;
use chrono::{DateTime, Datelike, SecondsFormat, TimeZone, Utc};

/// A time as stored (comparable with the stored text).
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, false)
}

/// A time as an SQL literal comparable with the stored text.
pub fn t(at: DateTime<Utc>) -> String {
    format!("'{}'", stamp(at))
}

/// SQL over `paid_orders p`: its orders from `from` to `to` (time literals), read per currency
/// in time order from `idx_paid_orders_when` (naming the currencies lets SQLite range the index
/// by currency, then by time).
pub(crate) fn paid_between(from: &str, to: &str) -> String {
    format!("p.currency IN (SELECT DISTINCT currency FROM customer_revenue) AND p.ordered_at >= {from} AND p.ordered_at < {to}")
}

/// SQL: the `paid_orders` row is its buyer's first since `from` — its previous one (the
/// `previous` column: `p.previous_at` in its currency, `p.previous_any_at` in any) came before.
/// Counting these over a window counts its buyers, one each.
pub(crate) fn first_since(previous: &str, from: &str) -> String {
    format!("({previous} IS NULL OR {previous} < {from})")
}

/// `n ÷ of` in percent with one decimal; `None` when `of` is 0.
pub fn pct(n: f64, of: f64) -> Option<f64> {
    (of > 0.0).then(|| round1(100.0 * n / of))
}

pub fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The median of `v` (the mean of the middle two for an even count); `None` when empty.
pub fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

pub fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

pub fn num(r: &[Option<String>], i: usize) -> f64 {
    r.get(i).and_then(|v| v.as_deref()).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0)
}

pub fn text(r: &[Option<String>], i: usize) -> String {
    r.get(i).cloned().flatten().unwrap_or_default()
}

pub fn time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|d| d.with_timezone(&Utc))
}

/// Days between two stored times.
pub fn days_between(a: &str, b: &str) -> Option<f64> {
    Some((time(b)? - time(a)?).num_seconds() as f64 / 86_400.0)
}

/// A month as a number (year × 12 + month − 1), for month arithmetic.
pub fn month_no(at: DateTime<Utc>) -> i32 {
    at.year() * 12 + at.month0() as i32
}

/// The SQL expression of a stored time's month number (see [`month_no`]).
pub fn month_no_sql(col: &str) -> String {
    format!("(CAST(substr({col}, 1, 4) AS INTEGER) * 12 + CAST(substr({col}, 6, 2) AS INTEGER) - 1)")
}

pub fn month_start(no: i32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(no.div_euclid(12), (no.rem_euclid(12) + 1) as u32, 1, 0, 0, 0).single().unwrap_or_default()
}

/// "2026-03".
pub fn month_key(no: i32) -> String {
    format!("{:04}-{:02}", no.div_euclid(12), no.rem_euclid(12) + 1)
}

/// "Mar 2026".
pub fn month_label(no: i32) -> String {
    month_start(no).format("%b %Y").to_string()
}

/// The months a period touches, first to last.
pub fn months_of(p: Period) -> Vec<i32> {
    let last = month_no(p.to - chrono::Duration::milliseconds(1));
    (month_no(p.from)..=last).collect()
}

pub fn figure(key: &str, label: &str, unit: Unit, value: Option<f64>, previous: Option<f64>, definition: &str) -> Figure {
    Figure {
        key: key.into(),
        label: label.into(),
        unit,
        currency: None,
        value,
        previous,
        definition: definition.into(),
        drill: None,
    }
}

pub fn money(key: &str, label: &str, currency: &str, value: Option<f64>, previous: Option<f64>, definition: &str) -> Figure {
    Figure { currency: Some(currency.into()), ..figure(&format!("{key}_{}", currency.to_lowercase()), &format!("{label} ({currency})"), Unit::Money, value, previous, definition) }
}

pub fn drill(kind: DrillKind, key: impl Into<String>) -> Option<Drill> {
    Some(Drill { kind, key: key.into() })
}

pub fn col(key: &str, label: &str, unit: Unit, definition: &str) -> Column {
    Column { key: key.into(), label: label.into(), unit, definition: definition.into() }
}

pub fn row(key: impl Into<String>, label: impl Into<String>, cells: Vec<Option<f64>>) -> Row {
    let drills = vec![None; cells.len()];
    Row { key: key.into(), label: label.into(), currency: None, cells, drills }
}

pub fn section(key: &str, title: &str, kind: ChartKind, series: &[&str], columns: Vec<Column>, rows: Vec<Row>, empty: &str) -> Section {
    let empty = rows.is_empty().then(|| empty.to_string());
    Section {
        key: key.into(),
        title: title.into(),
        chart: Chart { kind, series: series.iter().map(|s| s.to_string()).collect() },
        columns,
        rows,
        empty,
    }
}

/// Minor units as "1,234.50 EUR" for notes: the export's amount (the currency's own decimals)
/// with its thousands grouped.
pub fn money_words(minor: f64, currency: &str) -> String {
    let plain = crate::export::sink::format_money(minor.round() as i64, currency);
    let (sign, plain) = plain.strip_prefix('-').map_or(("", plain.as_str()), |p| ("-", p));
    let (whole, fraction) = plain.split_once('.').map_or((plain, String::new()), |(w, f)| (w, format!(".{f}")));
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}{fraction} {currency}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_months() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        let at = Utc.with_ymd_and_hms(2026, 1, 15, 0, 0, 0).unwrap();
        assert_eq!(month_key(month_no(at)), "2026-01");
        assert_eq!(month_key(month_no(at) - 1), "2025-12");
        assert_eq!(pct(1.0, 3.0), Some(33.3));
        assert_eq!(pct(1.0, 0.0), None);
        assert_eq!(money_words(123456.0, "EUR"), "1,234.56 EUR");
        assert_eq!(money_words(-50.0, "USD"), "-0.50 USD");
        assert_eq!(money_words(1234567.0, "JPY"), "1,234,567 JPY");
        let p = Period { from: Utc.with_ymd_and_hms(2025, 11, 20, 0, 0, 0).unwrap(), to: Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap() };
        assert_eq!(months_of(p).into_iter().map(month_key).collect::<Vec<_>>(), vec!["2025-11", "2025-12", "2026-01"]);
    }
}
