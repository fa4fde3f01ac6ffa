//! Validation of a deal's form: every problem at once, nothing written when there is one.

use super::{DealInput, DealLineInput, MAX_VALUE_MINOR};
use crate::entities::{company, contact, lead_source};
use crate::error::CoreResult;
use crate::validate::{Validator, MAX_LONG, MAX_NAME, MAX_SHORT};
use chrono::Datelike;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

pub const MAX_CONTACTS: usize = 50;
pub const MAX_LINES: usize = 200;


/// A line's total: quantity × unit price less the discount, rounded to the minor unit.
pub fn line_total(l: &DealLineInput) -> i64 {
    net_minor(l.quantity, l.unit_price_minor, l.discount_percent)
}

/// Quantity × unit price less a discount in percent, rounded to the minor unit (deal and order
/// lines).
pub fn net_minor(quantity: i32, unit_price_minor: i64, discount_percent: i32) -> i64 {
    let net = quantity as i128 * unit_price_minor as i128 * (100 - discount_percent as i128);
    ((net + 50) / 100) as i64
}

pub fn currency(v: &mut Validator, field: &str, raw: &str) -> String {
    let c = raw.trim().to_uppercase();
    if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
        v.add(field, "invalid_currency", format!("“{}” is not a currency code (three letters, e.g. EUR).", raw.trim()));
    }
    c
}

fn lines(v: &mut Validator, input: &[DealLineInput]) -> (Vec<DealLineInput>, i128) {
    if input.len() > MAX_LINES {
        v.add("lines", "too_many", format!("At most {MAX_LINES} line items."));
    }
    let mut out = Vec::new();
    let mut total: i128 = 0;
    for (i, l) in input.iter().enumerate() {
        let name = v.required(&format!("lines.{i}.name"), &l.name, MAX_SHORT);
        if !(1..=1_000_000).contains(&l.quantity) {
            v.add(&format!("lines.{i}.quantity"), "out_of_range", "A quantity is between 1 and 1,000,000.");
        }
        if !(0..=MAX_VALUE_MINOR).contains(&l.unit_price_minor) {
            v.add(&format!("lines.{i}.unit_price_minor"), "out_of_range", "A price is zero or more, and not absurdly large.");
        }
        if !(0..=100).contains(&l.discount_percent) {
            v.add(&format!("lines.{i}.discount_percent"), "out_of_range", "A discount is between 0 and 100 %.");
        }
        let l = DealLineInput { name, ..l.clone() };
        total += line_total(&l) as i128;
        out.push(l);
    }
    (out, total)
}

/// Checks a deal's form and returns it cleaned (trimmed texts, upper-case currency, the value
/// of its lines); every problem at once.
pub(crate) async fn validate<C: ConnectionTrait>(db: &C, input: &DealInput) -> CoreResult<DealInput> {
    let mut v = Validator::new();
    let title = v.required("title", &input.title, MAX_NAME);
    let currency = currency(&mut v, "currency", &input.currency);
    let (lines, lines_total) = lines(&mut v, &input.lines);
    let value_minor = if lines.is_empty() { input.value_minor as i128 } else { lines_total };
    if value_minor < 0 {
        v.add("value_minor", "negative", "A deal's value cannot be negative.");
    } else if value_minor > MAX_VALUE_MINOR as i128 {
        v.add("value_minor", "too_large", "That value is too large to be a real deal; check the amount.");
    }
    if let Some(d) = input.expected_close {
        if !(2000..=2100).contains(&d.year()) {
            v.add("expected_close", "out_of_range", "An expected close date is between the years 2000 and 2100.");
        }
    }
    if let Some(p) = input.probability {
        if !(0..=100).contains(&p) {
            v.add("probability", "out_of_range", "A probability is between 0 and 100 %.");
        }
    }
    let owner = v.optional("owner", &input.owner, MAX_NAME);
    let next_step = v.optional("next_step", &input.next_step, MAX_SHORT);
    let notes = v.optional("notes", &input.notes, MAX_LONG);
    let tags = crate::tags::clean_names(&mut v, "tags", &input.tags);
    let mut contact_ids: Vec<String> = Vec::new();
    if input.contact_ids.len() > MAX_CONTACTS {
        v.add("contact_ids", "too_many", format!("At most {MAX_CONTACTS} contacts on one deal."));
    }
    for (i, id) in input.contact_ids.iter().enumerate() {
        if contact_ids.contains(id) {
            continue;
        }
        let found = contact::Entity::find_by_id(id.clone()).filter(contact::Column::DeletedAt.is_null()).one(db).await?;
        if found.is_none() {
            v.add(&format!("contact_ids.{i}"), "not_found", "This contact no longer exists.");
        }
        contact_ids.push(id.clone());
    }
    let company_id = crate::validate::clean(&input.company_id);
    if let Some(id) = &company_id {
        let found = company::Entity::find_by_id(id.clone()).filter(company::Column::DeletedAt.is_null()).one(db).await?;
        if found.is_none() {
            v.add("company_id", "not_found", "This company no longer exists.");
        }
    }
    let source_id = crate::validate::clean(&input.source_id);
    if let Some(id) = &source_id {
        if lead_source::Entity::find_by_id(id.clone()).one(db).await?.is_none() {
            v.add("source_id", "not_found", "This lead source no longer exists.");
        }
    }
    v.finish()?;
    Ok(DealInput {
        title,
        contact_ids,
        company_id,
        owner,
        value_minor: value_minor as i64,
        currency,
        expected_close: input.expected_close,
        probability: input.probability,
        source_id,
        next_step,
        notes,
        tags,
        lines,
    })
}
