//! Upsell and cross-sell, per customer, each with its reason:
//! - **upsell**: the next plan on the upgrade path of a plan they own (and say so when their
//!   spend over the last 12 months is above what that plan costs a year);
//! - **cross-sell**: products often owned together with theirs — association rules over all
//!   customers' purchases ([`rules`]: support, confidence and lift shown) — and the add-ons the
//!   catalogue pairs with what they own, leaving out what they have.
//!
//! The list across all customers ([`opportunities`]) is sorted by expected value: the price of
//! the upgrade's difference for a year, or the product's yearly price × the rule's confidence.
//! One action turns a suggestion into a deal ([`to_deal`]). [`at_risk`] lists customers who
//! may leave, with the reasons, and the stay-in-touch rhythms.

pub mod at_risk;
pub mod rules;

pub use at_risk::{at_risk, raise_rhythm_reminders, rhythm_of, set_rhythm, AtRisk};
pub use rules::{product_rules, refresh_rules, ProductRule};

use crate::common::EntityRef;
use crate::deals::{DealDetail, DealInput, DealLineInput, NewDeal};
use crate::error::{CoreError, CoreResult};
use crate::products::{self, Product};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Cross-sell rules below this confidence are not suggested.
pub const MIN_CONFIDENCE: f64 = 0.1;
/// How likely an add-on nobody bought with this product yet is taken (its expected value).
pub const ADDON_LIKELIHOOD: f64 = 0.2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    Upsell,
    CrossSell,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    pub contact: EntityRef,
    pub product: EntityRef,
    /// The owned product it follows from.
    pub because_of: Option<EntityRef>,
    pub reason: String,
    /// The product's price (per billing period for plans).
    pub price_minor: i64,
    pub currency: String,
    /// What it is worth, weighted by how likely it is (see the module's definition).
    pub expected_value_minor: i64,
    /// The association rule behind a cross-sell, when there is one.
    pub rule: Option<ProductRule>,
}

/// Distinct products a contact owns (paid orders, not fully refunded).
async fn owned<C: ConnectionTrait>(db: &C, contact_id: &str) -> CoreResult<HashSet<String>> {
    let sql = "SELECT DISTINCT l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id \
               WHERE o.contact_id = ? AND o.status <> 'refunded' AND l.product_id IS NOT NULL";
    let mut out = HashSet::new();
    for r in db.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [contact_id.into()])).await? {
        out.insert(r.try_get_by_index::<String>(0)?);
    }
    Ok(out)
}

/// Net spend of the last 365 days, per currency.
async fn spend<C: ConnectionTrait>(db: &C, contact_id: &str, now: DateTime<Utc>) -> CoreResult<HashMap<String, i64>> {
    let sql = "SELECT currency, sum(total_minor - refunded_minor) FROM orders WHERE contact_id = ? AND ordered_at >= ? GROUP BY currency";
    let mut out = HashMap::new();
    for r in db.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [contact_id.into(), (now - Duration::days(365)).into()])).await? {
        out.insert(r.try_get_by_index::<String>(0)?, r.try_get_by_index::<i64>(1)?);
    }
    Ok(out)
}

pub(crate) fn money(minor: i64, currency: &str) -> String {
    let whole = minor / 100;
    let s = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if minor < 0 { "-" } else { "" };
    if minor % 100 == 0 {
        format!("{sign}{grouped} {currency}")
    } else {
        format!("{sign}{grouped}.{:02} {currency}", (minor % 100).abs())
    }
}

fn name_ref(p: &Product) -> EntityRef {
    EntityRef { id: p.id.clone(), name: p.name.clone() }
}

/// A customer's suggestions, best first (the rules are recomputed first when orders changed).
pub async fn for_contact<C: ConnectionTrait + TransactionTrait>(db: &C, contact_id: &str, now: DateTime<Utc>) -> CoreResult<Vec<Suggestion>> {
    rules::refresh_rules(db).await?;
    let sql = "SELECT trim(first_name || ' ' || last_name) FROM contacts WHERE id = ? AND deleted_at IS NULL";
    let name: String = db
        .query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [contact_id.into()]))
        .await?
        .ok_or_else(|| CoreError::not_found("contact", contact_id))?
        .try_get_by_index(0)?;
    let contact = EntityRef { id: contact_id.into(), name };
    let have = owned(db, contact_id).await?;
    if have.is_empty() {
        return Ok(vec![]);
    }
    let catalogue: HashMap<String, Product> = products::list(db).await?.into_iter().map(|p| (p.id.clone(), p)).collect();
    let spent = spend(db, contact_id, now).await?;
    let mut out: Vec<Suggestion> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    // Upsell: the next plan on the path, unless they own it or a plan further along already.
    for pid in &have {
        let Some(p) = catalogue.get(pid) else { continue };
        let Some(next) = p.upgrade_to.as_ref().and_then(|u| catalogue.get(&u.id)) else { continue };
        let mut further = Some(next);
        let mut beyond = false;
        let mut guard = 0;
        while let Some(x) = further {
            beyond |= have.contains(&x.id);
            further = x.upgrade_to.as_ref().and_then(|u| catalogue.get(&u.id));
            guard += 1;
            if guard > catalogue.len() {
                break;
            }
        }
        if beyond || next.archived || !taken.insert(next.id.clone()) {
            continue;
        }
        let diff = (next.yearly_minor() - p.yearly_minor()).max(0);
        let mut reason = format!("Next plan after {} on its upgrade path ({} a year more).", p.name, money(diff, &p.currency));
        let mut value = diff;
        if let Some(s) = spent.get(&next.currency).filter(|s| **s >= next.yearly_minor()) {
            reason.push_str(&format!(" Their spend of {} in the last 12 months is above what {} costs a year.", money(*s, &next.currency), next.name));
            value = value.max(next.yearly_minor());
        }
        out.push(Suggestion {
            kind: SuggestionKind::Upsell,
            contact: contact.clone(),
            product: name_ref(next),
            because_of: Some(name_ref(p)),
            reason,
            price_minor: next.price_minor,
            currency: next.currency.clone(),
            expected_value_minor: value,
            rule: None,
        });
    }
    // Cross-sell from the rules: the best rule per product they do not own.
    let rules = rules::from_products(db, &have.iter().cloned().collect::<Vec<_>>()).await?;
    let mut best: HashMap<String, ProductRule> = HashMap::new();
    for r in rules {
        if have.contains(&r.to.id) || r.confidence < MIN_CONFIDENCE || r.lift <= 1.0 {
            continue;
        }
        if best.get(&r.to.id).is_none_or(|b| r.confidence > b.confidence) {
            best.insert(r.to.id.clone(), r);
        }
    }
    for (to, r) in best {
        let Some(p) = catalogue.get(&to) else { continue };
        if p.archived || !taken.insert(p.id.clone()) {
            continue;
        }
        out.push(Suggestion {
            kind: SuggestionKind::CrossSell,
            contact: contact.clone(),
            product: name_ref(p),
            because_of: Some(r.from.clone()),
            reason: format!(
                "{:.0}% of customers who own {} also own {} (support {:.1}%, confidence {:.0}%, lift {:.2}).",
                r.confidence * 100.0,
                r.from.name,
                p.name,
                r.support * 100.0,
                r.confidence * 100.0,
                r.lift
            ),
            price_minor: p.price_minor,
            currency: p.currency.clone(),
            expected_value_minor: (p.yearly_minor() as f64 * r.confidence).round() as i64,
            rule: Some(r),
        });
    }
    // Add-ons the catalogue pairs with what they own.
    for pid in &have {
        let Some(p) = catalogue.get(pid) else { continue };
        for a in &p.addons {
            let Some(addon) = catalogue.get(&a.id) else { continue };
            if have.contains(&addon.id) || addon.archived || !taken.insert(addon.id.clone()) {
                continue;
            }
            out.push(Suggestion {
                kind: SuggestionKind::CrossSell,
                contact: contact.clone(),
                product: name_ref(addon),
                because_of: Some(name_ref(p)),
                reason: format!("An add-on for {} (from the catalogue).", p.name),
                price_minor: addon.price_minor,
                currency: addon.currency.clone(),
                expected_value_minor: (addon.yearly_minor() as f64 * ADDON_LIKELIHOOD).round() as i64,
                rule: None,
            });
        }
    }
    // A product already offered in an open deal of theirs is not suggested again.
    let sql = "SELECT DISTINCT l.name FROM deals d JOIN deal_contacts dc ON dc.deal_id = d.id JOIN deal_lines l ON l.deal_id = d.id \
               WHERE dc.contact_id = ? AND d.status = 'open' AND d.deleted_at IS NULL";
    let mut offered = HashSet::new();
    for r in db.query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [contact_id.into()])).await? {
        offered.insert(r.try_get_by_index::<String>(0)?.to_lowercase());
    }
    out.retain(|s| !offered.contains(&s.product.name.to_lowercase()));
    out.sort_by(|a, b| b.expected_value_minor.cmp(&a.expected_value_minor).then(a.product.name.cmp(&b.product.name)));
    Ok(out)
}

/// Current opportunities across all customers, by expected value (the highest first). Every
/// customer's best candidate is worked out in memory from their owned products (one read of
/// the distinct customer–product pairs), then the best customers' suggestions with reasons.
pub async fn opportunities<C: ConnectionTrait + TransactionTrait>(db: &C, now: DateTime<Utc>, limit: u32) -> CoreResult<Vec<Suggestion>> {
    rules::refresh_rules(db).await?;
    let catalogue: HashMap<String, Product> = products::list(db).await?.into_iter().map(|p| (p.id.clone(), p)).collect();
    // Cross-sell targets per product, the most valuable first.
    let mut targets: HashMap<String, Vec<(String, i64)>> = HashMap::new();
    for r in rules::all(db).await? {
        let Some(t) = catalogue.get(&r.to.id).filter(|t| !t.archived) else { continue };
        if r.confidence >= MIN_CONFIDENCE && r.lift > 1.0 {
            targets.entry(r.from.id.clone()).or_default().push((t.id.clone(), (t.yearly_minor() as f64 * r.confidence).round() as i64));
        }
    }
    for v in targets.values_mut() {
        v.sort_by(|a, b| b.1.cmp(&a.1));
    }
    let sql = "SELECT DISTINCT o.contact_id AS c0, l.product_id AS c1 FROM orders o JOIN order_lines l ON l.order_id = o.id \
               JOIN contacts k ON k.id = o.contact_id AND k.deleted_at IS NULL \
               WHERE o.status <> 'refunded' AND l.product_id IS NOT NULL ORDER BY o.contact_id";
    let pairs = crate::sqlite::packed_rows(db, sql, 2).await?;
    let mut best: Vec<(i64, String)> = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let contact = pairs[i][0].clone().unwrap_or_default();
        let mut have: HashSet<&str> = HashSet::new();
        while i < pairs.len() && pairs[i][0].as_deref() == Some(contact.as_str()) {
            have.insert(pairs[i][1].as_deref().unwrap_or_default());
            i += 1;
        }
        let mut top = 0i64;
        for pid in &have {
            let Some(p) = catalogue.get(*pid) else { continue };
            if let Some(next) = p.upgrade_to.as_ref().and_then(|u| catalogue.get(&u.id)).filter(|n| !n.archived && !have.contains(n.id.as_str())) {
                top = top.max(next.yearly_minor() - p.yearly_minor());
            }
            if let Some((_, v)) = targets.get(*pid).and_then(|t| t.iter().find(|(to, _)| !have.contains(to.as_str()))) {
                top = top.max(*v);
            }
            for a in &p.addons {
                if let Some(addon) = catalogue.get(&a.id).filter(|x| !x.archived && !have.contains(x.id.as_str())) {
                    top = top.max((addon.yearly_minor() as f64 * ADDON_LIKELIHOOD).round() as i64);
                }
            }
        }
        if top > 0 {
            best.push((top, contact));
        }
    }
    best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out = Vec::new();
    for (_, c) in best.into_iter().take(limit.clamp(1, 2000) as usize) {
        out.extend(for_contact(db, &c, now).await?);
    }
    out.sort_by(|a, b| b.expected_value_minor.cmp(&a.expected_value_minor).then(a.contact.name.cmp(&b.contact.name)));
    out.truncate(limit as usize);
    Ok(out)
}

/// Turns a suggestion into a deal in the first stage of the first pipeline: the product as its
/// line (a year's worth for a plan), the customer as its contact.
pub async fn to_deal<C: ConnectionTrait + TransactionTrait>(db: &C, contact_id: &str, product_id: &str, kind: SuggestionKind) -> CoreResult<DealDetail> {
    let p = products::get(db, product_id).await?;
    let sql = "SELECT trim(first_name || ' ' || last_name), company_id FROM contacts WHERE id = ? AND deleted_at IS NULL";
    let r = db
        .query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [contact_id.into()]))
        .await?
        .ok_or_else(|| CoreError::not_found("contact", contact_id))?;
    let (name, company_id): (String, Option<String>) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?);
    let pipeline = crate::pipelines::list(db).await?.into_iter().next().ok_or_else(|| CoreError::conflict("There is no pipeline to put the deal in."))?;
    let title = match kind {
        SuggestionKind::Upsell => format!("Upgrade to {} — {name}", p.name),
        SuggestionKind::CrossSell => format!("{} for {name}", p.name),
    };
    let qty = p.interval.map(|i| i.per_year() as i32).unwrap_or(1);
    let mut deal = DealInput::titled(&title, 0, &p.currency);
    deal.contact_ids = vec![contact_id.to_string()];
    deal.company_id = company_id;
    deal.next_step = Some(match kind {
        SuggestionKind::Upsell => "Offer the upgrade".into(),
        SuggestionKind::CrossSell => "Suggest it to them".into(),
    });
    deal.lines = vec![DealLineInput { name: p.name.clone(), quantity: qty, unit_price_minor: p.price_minor, discount_percent: 0 }];
    crate::deals::create(db, NewDeal { pipeline_id: pipeline.id, stage_id: None, deal }).await
}
