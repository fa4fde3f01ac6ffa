//! Orders files, row by row: each row is one order line, and the rows with the same order number
//! (next to each other or not) make one order. A row is first read on its own ([`read_line`]);
//! once the whole file is read, each order is put together by [`super::order_plan`]. The values
//! of the lines (amounts, discounts, statuses) are read here.

use super::parse;
use super::rows::{Ctx, Row};
use super::RowIssue;
use crate::orders::{OrderStatus, MAX_QUANTITY};
use crate::validate::{MAX_NAME, MAX_SHORT};
use chrono::{DateTime, Utc};

/// One row as read, before its order is put together.
pub struct LineRow {
    pub row: u32,
    /// The order number (the order's external id).
    pub key: Option<String>,
    /// What rejects the row itself (empty: the line can be used).
    pub issues: Vec<RowIssue>,
    pub line: RawLine,
}

/// The cells of one order line. Amounts stay text until the order's currency is known.
#[derive(Default)]
pub struct RawLine {
    pub ordered_at: Option<DateTime<Utc>>,
    pub email: Option<String>,
    pub contact_ext: Option<String>,
    pub company: Option<String>,
    pub product: Option<String>,
    pub sku: Option<String>,
    pub quantity: i32,
    pub price: Option<String>,
    pub discount: Option<String>,
    /// The currency column, checked (three letters, upper case).
    pub currency: Option<String>,
    pub status: Option<String>,
    pub refunded: Option<String>,
    pub notes: Option<String>,
}

impl RawLine {
    /// The currency the line says it is in: the currency column, else the sign of its price.
    pub fn currency(&self) -> Option<String> {
        self.currency.clone().or_else(|| self.price.as_deref().and_then(sign_of))
    }
}

/// The currency an amount's sign or code names ("€12" → EUR, "12.00 USD" → USD).
pub fn sign_of(raw: &str) -> Option<String> {
    parse::amount(raw, "EUR").ok().and_then(|a| a.1)
}

/// A row's issue on one field, with the file's header of its column.
pub fn issue(ctx: &Ctx, field: &str, message: impl Into<String>) -> RowIssue {
    RowIssue { field: field.into(), column: ctx.col(field).and_then(|c| ctx.headers.get(c).cloned()), message: message.into() }
}

/// Reads one row of an orders file on its own (what needs the other lines of its order waits).
pub fn read_line(ctx: &Ctx, number: u32, cells: &[String], problem: Option<&str>) -> LineRow {
    let mut r = Row::new(ctx, cells);
    let key = r.text("order_number", MAX_NAME);
    if let Some(p) = problem {
        return LineRow { row: number, key, issues: vec![RowIssue { field: "row".into(), column: None, message: p.to_string() }], line: RawLine::default() };
    }
    if key.is_none() {
        r.issue("order_number", "The order number is missing: the rows with the same number are the lines of one order.");
    }
    let mut l = RawLine {
        ordered_at: r.date("ordered_at"),
        email: r.email("contact_email"),
        contact_ext: r.text("contact_external_id", MAX_NAME),
        company: r.text("company", MAX_NAME),
        product: r.text("product", MAX_SHORT),
        sku: r.text("sku", 64),
        quantity: 1,
        price: r.get("price").map(str::to_string),
        discount: r.get("discount").map(str::to_string),
        currency: None,
        status: r.get("status").map(str::to_string),
        refunded: r.get("refunded").map(str::to_string),
        notes: r.notes(),
    };
    if l.product.is_none() && l.sku.is_none() {
        r.issue(if ctx.has("product") { "product" } else { "sku" }, "The line names no item: it needs a product name or a SKU.");
    }
    if let Some(q) = r.get("quantity") {
        match quantity(q) {
            Ok(n) => l.quantity = n,
            Err(m) => r.issue("quantity", m),
        }
    }
    if let Some(c) = r.get("currency") {
        let c = c.to_uppercase();
        if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
            r.issue("currency", format!("“{c}” is not a currency code (three letters, e.g. EUR)."));
        }
        l.currency = Some(c);
    }
    if let (Some(p), Some(c)) = (l.price.as_deref(), l.currency.as_deref()) {
        if let Some(sign) = sign_of(p).filter(|s| s != c) {
            r.issue("price", format!("“{p}” is in {sign} but the currency column says {c}."));
        }
    }
    if let Some(s) = l.status.as_deref() {
        if status_word(s).is_none() {
            r.issue("status", unknown_status(s));
        }
    }
    LineRow { row: number, key, issues: r.issues, line: l }
}

/// A whole number of items, 1 or more ("2", "2.0").
fn quantity(q: &str) -> Result<i32, String> {
    let t = q.trim();
    let n: i64 = match t.parse::<i64>() {
        Ok(n) => n,
        Err(_) => match t.replace(',', ".").parse::<f64>() {
            Ok(f) if f.fract() == 0.0 && f.abs() < 1e12 => f as i64,
            _ => return Err(format!("“{t}” is not a whole number of items.")),
        },
    };
    if n <= 0 {
        return Err(format!("A quantity is at least 1 (“{t}” given); money paid back goes in the refunded amount."));
    }
    if n > MAX_QUANTITY as i64 {
        return Err(format!("A quantity is at most {MAX_QUANTITY} (“{t}” given)."));
    }
    Ok(n as i32)
}

/// An amount in minor units of `currency` (zero or more).
pub fn money(raw: &str, currency: &str) -> Result<i64, String> {
    let t = raw.trim();
    if t.starts_with('-') || t.starts_with('(') {
        return Err(format!("“{t}” is negative; an amount here is zero or more."));
    }
    parse::amount(t, currency).map(|a| a.0)
}

/// "12.50" in minor units of `currency`, as people read it.
pub fn shown(minor: i64, currency: &str) -> String {
    let exp = parse::exponent(currency);
    if exp == 0 {
        return format!("{minor} {currency}");
    }
    let div = 10i64.pow(exp);
    format!("{}.{:0width$} {currency}", minor / div, minor % div, width = exp as usize)
}

/// A line's price after its discount: (unit price, discount percent, a note for the row when the
/// discount had to go into the unit price). `discount` is "10%" (a percentage) or an amount off
/// the whole line, kept exact: as a whole percentage when it is one, else off the unit price.
pub fn discounted(discount: Option<&str>, quantity: i32, unit: i64, currency: &str) -> Result<(i64, i32, Option<String>), String> {
    let Some(raw) = discount.map(str::trim).filter(|d| !d.is_empty()) else { return Ok((unit, 0, None)) };
    if let Some(p) = raw.strip_suffix('%') {
        let p = p.trim().replace(',', ".");
        return match p.parse::<f64>() {
            Ok(x) if (0.0..=100.0).contains(&x) && x.fract() == 0.0 => Ok((unit, x as i32, None)),
            Ok(x) if (0.0..=100.0).contains(&x) => Err(format!("A discount percentage is a whole number (“{raw}” given).")),
            _ => Err(format!("“{raw}” is not a discount between 0 and 100 %.")),
        };
    }
    let off = money(raw, currency)? as i128;
    let gross = quantity as i128 * unit as i128;
    if off == 0 {
        return Ok((unit, 0, None));
    }
    if off > gross {
        return Err(format!("A discount of {} is more than the line ({}).", shown(off as i64, currency), shown(gross as i64, currency)));
    }
    if (off * 100) % gross == 0 {
        return Ok((unit, (off * 100 / gross) as i32, None));
    }
    if (gross - off) % quantity as i128 == 0 {
        let net = ((gross - off) / quantity as i128) as i64;
        return Ok((net, 0, Some(format!("The discount of {} is taken off the unit price ({} → {}).", shown(off as i64, currency), shown(unit, currency), shown(net, currency)))));
    }
    Err(format!(
        "A discount of {} on {quantity} × {} is neither a whole percentage nor a whole unit price; give it as a percentage (e.g. 10%).",
        shown(off as i64, currency),
        shown(unit, currency)
    ))
}

/// An order's status in the words of common exports: `None` for a word that is no status,
/// `Some(None)` for an order not (yet) paid (not a purchase: not imported).
pub fn status_word(raw: &str) -> Option<Option<OrderStatus>> {
    let w = raw.trim().to_lowercase().replace(['_', '-'], " ");
    Some(Some(match w.as_str() {
        "paid" | "completed" | "complete" | "succeeded" | "success" | "successful" | "processing" | "fulfilled" | "captured" | "settled" | "closed" => OrderStatus::Paid,
        "partially refunded" | "partly refunded" | "partial refund" => OrderStatus::PartlyRefunded,
        "refunded" | "fully refunded" | "refund" => OrderStatus::Refunded,
        "pending" | "authorized" | "authorised" | "voided" | "void" | "failed" | "cancelled" | "canceled" | "on hold" | "partially paid" | "unpaid"
        | "draft" | "expired" | "declined" | "incomplete" | "requires payment method" => return Some(None),
        _ => return None,
    }))
}

pub fn unknown_status(raw: &str) -> String {
    format!("“{}” is not an order status (paid, partially refunded or refunded).", raw.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discounts_stay_exact() {
        assert_eq!(discounted(Some("10%"), 2, 1_000, "EUR"), Ok((1_000, 10, None)));
        assert_eq!(discounted(Some("5.00"), 2, 1_000, "EUR"), Ok((1_000, 25, None)), "5 off 20 is 25 %");
        let (unit, pct, note) = discounted(Some("3.33"), 1, 1_000, "EUR").unwrap();
        assert_eq!((unit, pct), (667, 0));
        assert!(note.unwrap().contains("10.00 EUR → 6.67 EUR"));
        assert!(discounted(Some("0.01"), 3, 1_000, "EUR").unwrap_err().contains("percentage"));
        assert!(discounted(Some("30.00"), 2, 1_000, "EUR").unwrap_err().contains("more than the line"));
        assert!(discounted(Some("12.5%"), 1, 1_000, "EUR").is_err());
        assert_eq!(discounted(None, 3, 1_000, "EUR"), Ok((1_000, 0, None)));
    }

    #[test]
    fn quantities_statuses_and_amounts() {
        assert_eq!(quantity("3"), Ok(3));
        assert_eq!(quantity("2.0"), Ok(2));
        assert!(quantity("-1").unwrap_err().contains("at least 1"));
        assert!(quantity("0").is_err());
        assert!(quantity("1.5").unwrap_err().contains("whole number"));
        assert_eq!(status_word("partially_refunded"), Some(Some(OrderStatus::PartlyRefunded)));
        assert_eq!(status_word("Completed"), Some(Some(OrderStatus::Paid)));
        assert_eq!(status_word("voided"), Some(None));
        assert_eq!(status_word("whatever"), None);
        assert_eq!(money("1.234,50", "EUR"), Ok(123_450));
        assert!(money("-5", "EUR").unwrap_err().contains("negative"));
        assert_eq!(sign_of("$12.00").as_deref(), Some("USD"));
        assert_eq!(shown(123_450, "EUR"), "1234.50 EUR");
        assert_eq!(shown(500, "JPY"), "500 JPY");
    }
}
