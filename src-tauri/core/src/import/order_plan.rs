//! Putting an order together from its lines: the order-level cells (date, buyer, currency,
//! status, refund) come from whichever of its rows fill them — Shopify fills them on the first
//! line only — and two rows may not disagree; the buyer is found by e-mail, external id or
//! company; each line's product by SKU or name (an unknown one stays a line of text); amounts are
//! read in the order's currency. An order is imported whole or not at all: a rejected line
//! rejects its order, each of its rows saying why.

use super::order_rows::{discounted, issue, money, shown, status_word, unknown_status, LineRow};
use super::rows::Ctx;
use super::{MatchBy, OnMatch, RowAction, RowIssue, RowMatch};
use crate::error::CoreResult;
use crate::orders::{self, line_total, ImportedOrder, OrderInput, OrderLineInput, OrderStatus, MAX_LINES};
use crate::products::{self, Product, MAX_PRICE_MINOR};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// What an order of the file will do.
pub struct Planned {
    pub key: String,
    /// Its rows, in file order.
    pub rows: Vec<u32>,
    pub action: RowAction,
    pub matched: Option<RowMatch>,
    /// Rejections, or warnings on rows still imported.
    pub issues: Vec<(u32, RowIssue)>,
    /// Created or updated: the order to write.
    pub order: Option<(OrderInput, ImportedOrder)>,
    /// Updated or skipped: the existing order's id.
    pub existing: Option<String>,
}

impl Planned {
    /// One line for a row of this order (its own issues, or why its order is rejected).
    pub fn reason(&self, row: u32) -> String {
        let own: Vec<String> = self.issues.iter().filter(|(r, _)| *r == row).map(|(_, i)| with_column(i)).collect();
        if !own.is_empty() {
            return own.join("; ");
        }
        match self.issues.first() {
            Some((r, i)) => format!("Order {} is not imported (row {r}: {}): an order is imported whole or not at all.", self.key, with_column(i)),
            None => String::new(),
        }
    }

    /// The issues shown on row `row` of the preview.
    pub fn row_issues(&self, row: u32, ctx: &Ctx) -> Vec<RowIssue> {
        let own: Vec<RowIssue> = self.issues.iter().filter(|(r, _)| *r == row).map(|(_, i)| i.clone()).collect();
        if own.is_empty() && self.action == RowAction::Reject {
            return vec![issue(ctx, "row", self.reason(row))];
        }
        own
    }
}

fn with_column(i: &RowIssue) -> String {
    match &i.column {
        Some(c) => format!("{c}: {}", i.message),
        None => i.message.clone(),
    }
}

/// Names → ids the rows refer to, the catalogue, and the orders imported before (by external id).
pub struct Refs {
    contact_emails: HashMap<String, String>,
    contact_ext: HashMap<String, String>,
    contact_company: HashMap<String, String>,
    companies: HashMap<String, String>,
    existing: HashMap<String, (String, String)>,
    catalogue: Vec<Product>,
    found: HashMap<String, Option<String>>,
    pub default_currency: String,
}

async fn pairs<C: ConnectionTrait>(db: &C, sql: &str) -> CoreResult<Vec<(String, String)>> {
    Ok(crate::sqlite::packed_rows(db, sql, 2).await?.into_iter().filter_map(|r| Some((r[0].clone()?, r[1].clone()?))).collect())
}

fn first_wins(v: Vec<(String, String)>) -> HashMap<String, String> {
    let mut m = HashMap::with_capacity(v.len());
    for (k, id) in v {
        m.entry(k).or_insert(id);
    }
    m
}

impl Refs {
    pub async fn load<C: ConnectionTrait>(db: &C, default_currency: String) -> CoreResult<Refs> {
        let live = "c.deleted_at IS NULL";
        Ok(Refs {
            contact_emails: first_wins(pairs(db, &format!("SELECT lower(e.email) AS c0, c.id AS c1 FROM contact_emails e JOIN contacts c ON c.id = e.contact_id WHERE {live} ORDER BY e.is_primary DESC, c.created_at")).await?),
            contact_ext: first_wins(pairs(db, &format!("SELECT c.external_id AS c0, c.id AS c1 FROM contacts c WHERE {live} AND c.external_id IS NOT NULL")).await?),
            contact_company: first_wins(pairs(db, &format!("SELECT c.id AS c0, c.company_id AS c1 FROM contacts c WHERE {live} AND c.company_id IS NOT NULL")).await?),
            companies: first_wins(pairs(db, &format!("SELECT lower(c.name) AS c0, c.id AS c1 FROM companies c WHERE {live} ORDER BY c.created_at")).await?),
            existing: crate::sqlite::packed_rows(db, "SELECT external_id AS c0, id AS c1, number AS c2 FROM orders WHERE external_id IS NOT NULL ORDER BY number", 3)
                .await?
                .into_iter()
                .filter_map(|r| Some((r[0].clone()?, (r[1].clone()?, r[2].clone()?))))
                .rev()
                .collect(),
            catalogue: products::list(db).await?,
            found: HashMap::new(),
            default_currency,
        })
    }

    /// A catalogue product by SKU or name.
    async fn product<C: ConnectionTrait>(&mut self, db: &C, key: &str) -> CoreResult<Option<Product>> {
        let k = key.trim().to_lowercase();
        let id = match self.found.get(&k) {
            Some(id) => id.clone(),
            None => {
                let id = products::find_by_sku_or_name(db, key).await?;
                self.found.insert(k, id.clone());
                id
            }
        };
        Ok(id.and_then(|id| self.catalogue.iter().find(|p| p.id == id).cloned()))
    }
}

/// A cell of the order: its value and the row it came from.
type Cell<T> = Option<(T, u32)>;

/// The first row that fills a cell, and the rows that fill it differently.
fn merged<T: PartialEq + Clone>(lines: &[&LineRow], get: impl Fn(&LineRow) -> Option<T>) -> (Cell<T>, Vec<(u32, T)>) {
    let mut first: Option<(T, u32)> = None;
    let mut other = Vec::new();
    for l in lines {
        if let Some(v) = get(l) {
            match &first {
                None => first = Some((v, l.row)),
                Some((f, _)) if *f != v => other.push((l.row, v)),
                Some(_) => {}
            }
        }
    }
    (first, other)
}

/// Puts one order of the file together and decides what it does.
pub async fn plan<C: ConnectionTrait>(db: &C, ctx: &Ctx, refs: &mut Refs, key: &str, lines: &[&LineRow], match_by: &[MatchBy], on_match: OnMatch) -> CoreResult<Planned> {
    let mut p = Planned { key: key.to_string(), rows: lines.iter().map(|l| l.row).collect(), action: RowAction::Reject, matched: None, issues: vec![], order: None, existing: None };
    match build(db, ctx, refs, key, lines, &mut p.issues).await? {
        None => Ok(p),
        Some((input, imported)) => {
            decide(db, refs, &mut p, input, imported, match_by, on_match).await?;
            Ok(p)
        }
    }
}

/// The order (and its issues: rejections, or warnings when it can be imported).
async fn build<C: ConnectionTrait>(db: &C, ctx: &Ctx, refs: &mut Refs, key: &str, lines: &[&LineRow], issues: &mut Vec<(u32, RowIssue)>) -> CoreResult<Option<(OrderInput, ImportedOrder)>> {
    let first_row = lines[0].row;
    for l in lines {
        issues.extend(l.issues.iter().map(|i| (l.row, i.clone())));
    }
    if !issues.is_empty() {
        return Ok(None);
    }
    macro_rules! reject {
        ($row:expr, $field:expr, $m:expr) => {
            issues.push(($row, issue(ctx, $field, $m)))
        };
    }
    // Order-level cells: one value per order.
    let (email, e2) = merged(lines, |l| l.line.email.clone());
    let (ext, x2) = merged(lines, |l| l.line.contact_ext.clone());
    let (company, c2) = merged(lines, |l| l.line.company.clone().map(|c| c.to_lowercase()));
    let (cur, cur2) = merged(lines, |l| l.line.currency());
    let (refunded, r2) = merged(lines, |l| l.line.refunded.clone());
    for (row, v) in &e2 {
        reject!(*row, "contact_email", format!("Order {key} names another buyer on row {} ({}); one order has one buyer.", email.as_ref().map_or(0, |e| e.1), v));
    }
    for (row, _) in &x2 {
        reject!(*row, "contact_external_id", format!("Order {key} names another customer id on an earlier row; one order has one buyer."));
    }
    for (row, _) in &c2 {
        reject!(*row, "company", format!("Order {key} names another company on an earlier row; one order has one buyer."));
    }
    for (row, v) in &cur2 {
        let (c, at) = cur.clone().unwrap_or_default();
        reject!(*row, "currency", format!("Mixed currencies: order {key} is in {c} (row {at}) but this line is in {v}; one order is in one currency."));
    }
    for (row, v) in &r2 {
        reject!(*row, "refunded", format!("Order {key} gives another refunded amount on an earlier row (“{v}”)."));
    }
    let ordered_at: Option<DateTime<Utc>> = lines.iter().find_map(|l| l.line.ordered_at);
    if ordered_at.is_none() {
        reject!(first_row, "ordered_at", format!("Order {key} has no date."));
    }
    // The buyer.
    let mut buyer_issues: Vec<(u32, RowIssue)> = Vec::new();
    let mut contact: Option<String> = None;
    if let Some((e, row)) = &email {
        contact = refs.contact_emails.get(e).cloned();
        if contact.is_none() {
            buyer_issues.push((*row, issue(ctx, "contact_email", format!("No contact has the e-mail {e}."))));
        }
    }
    if let (None, Some((x, row))) = (&contact, &ext) {
        contact = refs.contact_ext.get(x).cloned();
        if contact.is_none() {
            buyer_issues.push((*row, issue(ctx, "contact_external_id", format!("No contact has the external id {x}."))));
        }
    }
    let mut company_id = None;
    if let Some((c, row)) = &company {
        company_id = refs.companies.get(c).cloned();
        if company_id.is_none() {
            let name = lines.iter().find(|l| l.row == *row).and_then(|l| l.line.company.clone()).unwrap_or_default();
            buyer_issues.push((*row, issue(ctx, "company", format!("No company is named “{name}”."))));
        }
    }
    if contact.is_none() && company_id.is_none() {
        if buyer_issues.is_empty() {
            reject!(first_row, "contact_email", format!("Order {key} names no buyer: it needs the customer's e-mail, their external id or a company."));
        } else {
            let (row, last) = buyer_issues.pop().unwrap_or((first_row, issue(ctx, "contact_email", String::new())));
            buyer_issues.push((row, RowIssue { message: format!("{} An order needs a buyer who is in Hearth: import the contacts first.", last.message), ..last }));
            issues.append(&mut buyer_issues);
        }
    }
    if company_id.is_none() {
        company_id = contact.as_ref().and_then(|c| refs.contact_company.get(c).cloned());
    }
    // The currency: as the file says, else the products', else the one most deals use.
    let mut found: Vec<Option<Product>> = Vec::with_capacity(lines.len());
    for l in lines {
        let mut p = None;
        for k in [&l.line.sku, &l.line.product].into_iter().flatten() {
            p = refs.product(db, k).await?;
            if p.is_some() {
                break;
            }
        }
        found.push(p);
    }
    let currency = match &cur {
        Some((c, _)) => c.clone(),
        None => {
            let mut cs: Vec<&str> = found.iter().flatten().map(|p| p.currency.as_str()).collect();
            cs.dedup();
            if cs.len() == 1 { cs[0].to_string() } else { refs.default_currency.clone() }
        }
    };
    if lines.len() > MAX_LINES {
        reject!(first_row, "row", format!("Order {key} has {} lines; at most {MAX_LINES} lines make one order.", lines.len()));
    }
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for (l, product) in lines.iter().zip(found) {
        let r = &l.line;
        let name = r.product.clone().or_else(|| product.as_ref().map(|p| p.name.clone())).or_else(|| r.sku.clone()).unwrap_or_default();
        let mut product = product;
        if product.is_none() {
            warnings.push((l.row, issue(ctx, if r.product.is_some() { "product" } else { "sku" }, format!("“{name}” is not in the catalogue: the line is kept as text."))));
        }
        if let Some(p) = product.as_ref().filter(|p| p.currency != currency) {
            warnings.push((l.row, issue(ctx, "product", format!("“{}” is priced in {}, the order in {currency}: the line is kept as text.", p.name, p.currency))));
            product = None;
        }
        let unit = match (&r.price, &product) {
            (Some(v), _) => match money(v, &currency) {
                Ok(u) if u <= MAX_PRICE_MINOR => u,
                Ok(_) => {
                    reject!(l.row, "price", format!("“{v}” is too large for a price."));
                    continue;
                }
                Err(m) => {
                    reject!(l.row, "price", m);
                    continue;
                }
            },
            (None, Some(p)) => p.price_minor,
            (None, None) => {
                reject!(l.row, "price", format!("The line “{name}” has no price (and no catalogue product to take it from)."));
                continue;
            }
        };
        match discounted(r.discount.as_deref(), r.quantity, unit, &currency) {
            Ok((unit, pct, note)) => {
                if let Some(n) = note {
                    warnings.push((l.row, issue(ctx, "discount", n)));
                }
                out.push(OrderLineInput { product_id: product.map(|p| p.id), name, quantity: r.quantity, unit_price_minor: unit, discount_percent: pct });
            }
            Err(m) => reject!(l.row, "discount", m),
        }
    }
    let total: i128 = out.iter().map(|l| line_total(l) as i128).sum();
    if total > MAX_PRICE_MINOR as i128 {
        reject!(first_row, "price", format!("Order {key} comes to more than any real order; check the amounts."));
    }
    // Status and refund.
    let word = lines.iter().find_map(|l| l.line.status.clone());
    let mut status = match word.as_deref().map(|w| (w, status_word(w))) {
        None => OrderStatus::Paid,
        Some((_, Some(Some(s)))) => s,
        Some((w, Some(None))) => {
            reject!(first_row, "status", format!("Order {key} is “{w}”: only paid orders are imported (paid, partially refunded or refunded)."));
            OrderStatus::Paid
        }
        Some((w, None)) => {
            reject!(first_row, "status", unknown_status(w));
            OrderStatus::Paid
        }
    };
    let mut refunded_minor = 0;
    if let Some((v, row)) = &refunded {
        match money(v, &currency) {
            Ok(x) if x as i128 > total => reject!(
                *row,
                "refunded",
                format!("Order {key} refunds {} but its lines come to {}: a refund is at most what was paid.", shown(x, &currency), shown(total as i64, &currency))
            ),
            Ok(x) => refunded_minor = x,
            Err(m) => reject!(*row, "refunded", m),
        }
    }
    let total = total as i64;
    status = match (status, refunded_minor) {
        (OrderStatus::Refunded, 0) => {
            refunded_minor = total;
            OrderStatus::Refunded
        }
        (OrderStatus::PartlyRefunded, 0) => {
            reject!(first_row, "refunded", format!("Order {key} is partially refunded but gives no refunded amount."));
            status
        }
        (_, 0) => OrderStatus::Paid,
        (_, x) if x >= total => OrderStatus::Refunded,
        _ => OrderStatus::PartlyRefunded,
    };
    if !issues.is_empty() {
        return Ok(None);
    }
    issues.extend(buyer_issues);
    issues.extend(warnings);
    let note = lines.iter().find_map(|l| l.line.notes.clone());
    let input = OrderInput { contact_id: contact, company_id, deal_id: None, ordered_at, currency, lines: out, note };
    Ok(Some((input, ImportedOrder { external_id: key.to_string(), status, refunded_minor })))
}

/// Create, or — when an order imported before has this number and the rules match on it —
/// skip it unchanged or as the rule says, or update it.
async fn decide<C: ConnectionTrait>(db: &C, refs: &Refs, p: &mut Planned, input: OrderInput, imported: ImportedOrder, match_by: &[MatchBy], on_match: OnMatch) -> CoreResult<()> {
    let found = if match_by.contains(&MatchBy::ExternalId) { refs.existing.get(&p.key).cloned() } else { None };
    let Some((id, number)) = found else {
        p.action = RowAction::Create;
        p.order = Some((input, imported));
        return Ok(());
    };
    p.matched = Some(RowMatch { id: id.clone(), name: format!("Order {number} ({})", p.key), by: MatchBy::ExternalId });
    p.existing = Some(id.clone());
    let was = orders::get(db, &id).await?;
    let same = was.summary.contact.as_ref().map(|c| &c.id) == input.contact_id.as_ref()
        && was.summary.company.as_ref().map(|c| &c.id) == input.company_id.as_ref()
        && Some(was.summary.ordered_at) == input.ordered_at
        && was.summary.status == imported.status
        && was.summary.currency == input.currency
        && was.summary.refunded_minor == imported.refunded_minor
        && was.note == input.note
        && was.lines.len() == input.lines.len()
        && was.lines.iter().zip(&input.lines).all(|(a, b)| {
            a.product.as_ref().map(|x| &x.id) == b.product_id.as_ref()
                && a.name == b.name
                && a.quantity == b.quantity
                && a.unit_price_minor == b.unit_price_minor
                && a.discount_percent == b.discount_percent
        });
    if same || on_match == OnMatch::Skip {
        p.action = RowAction::Skip;
    } else {
        p.action = RowAction::Update;
        p.order = Some((input, imported));
    }
    Ok(())
}
