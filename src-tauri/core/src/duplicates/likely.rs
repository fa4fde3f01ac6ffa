//! Likely duplicates of a record about to be saved: a few indexed lookups, never a full scan.
//!
//! Contacts: the same e-mail address (as stored: lowercased) or phone (E.164), and a similar
//! name among the contacts of the same company. Companies: the same domain, and a similar name
//! among the companies whose name starts with the same word.

use super::find::{DOMAIN_CONFIDENCE, EMAIL_CONFIDENCE, PHONE_CONFIDENCE};
use super::normalize::{company_confidence, company_key, company_similarity, domain_key, is_free_mail, name_confidence, name_similarity, NameKey};
use super::{DuplicateReason, LikelyDuplicate};
use crate::companies::CompanyInput;
use crate::contacts::{display_name, ContactInput};
use crate::error::CoreResult;
use crate::validate::{format_phone, normalize_phone};
use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Query};
use sea_orm::ConnectionTrait;

const MAX_LIKELY: usize = 5;
/// At most this many contacts of one company, or companies starting with one word, are compared.
const MAX_COMPARED: u64 = 5_000;

fn add(out: &mut Vec<LikelyDuplicate>, exclude: Option<&str>, d: LikelyDuplicate) {
    if Some(d.id.as_str()) == exclude {
        return;
    }
    match out.iter_mut().find(|x| x.id == d.id) {
        Some(x) if x.confidence < d.confidence => *x = d,
        Some(_) => {}
        None => out.push(d),
    }
}

fn finish(mut out: Vec<LikelyDuplicate>) -> Vec<LikelyDuplicate> {
    out.sort_by(|a, b| b.confidence.cmp(&a.confidence).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())).then_with(|| a.id.cmp(&b.id)));
    out.truncate(MAX_LIKELY);
    out
}

/// Live contacts holding one of `values` in `table.column`: (id, first, last, value).
async fn contacts_with<C: ConnectionTrait>(db: &C, table: &str, column: &str, values: Vec<String>) -> CoreResult<Vec<(String, String, String, String)>> {
    if values.is_empty() {
        return Ok(vec![]);
    }
    let q = Query::select()
        .columns([("c", "id"), ("c", "first_name"), ("c", "last_name")])
        .column(("x", column.to_string()))
        .from_as(table.to_string(), "x")
        .join_as(JoinType::InnerJoin, "contacts", "c", Expr::col(("c", "id")).equals(("x", "contact_id")))
        .and_where(Expr::col(("x", column.to_string())).is_in(values))
        .and_where(Expr::col(("c", "deleted_at")).is_null())
        .limit(50)
        .to_owned();
    let mut out = Vec::new();
    for r in db.query_all(&q).await? {
        out.push((r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?, r.try_get_by_index(3)?));
    }
    Ok(out)
}

pub(crate) async fn likely_contacts<C: ConnectionTrait>(db: &C, input: &ContactInput, exclude: Option<&str>) -> CoreResult<Vec<LikelyDuplicate>> {
    let mut out = Vec::new();
    let emails: Vec<String> = input.emails.iter().map(|e| e.email.trim().to_lowercase()).filter(|e| !e.is_empty()).collect();
    for (id, f, l, email) in contacts_with(db, "contact_emails", "email", emails).await? {
        add(&mut out, exclude, LikelyDuplicate { id, name: display_name(&f, &l), reason: DuplicateReason::SameEmail, detail: email, confidence: EMAIL_CONFIDENCE });
    }
    let region = input.address.country_code();
    let phones: Vec<String> = input.phones.iter().filter_map(|p| normalize_phone(&p.phone, region).ok()).collect();
    for (id, f, l, phone) in contacts_with(db, "contact_phones", "phone", phones).await? {
        add(&mut out, exclude, LikelyDuplicate { id, name: display_name(&f, &l), reason: DuplicateReason::SamePhone, detail: format_phone(&phone), confidence: PHONE_CONFIDENCE });
    }
    let company = crate::validate::clean(&input.company_id);
    if let (Some(company_id), Some(key)) = (company, NameKey::new(&input.first_name, &input.last_name)) {
        let q = Query::select()
            .columns(["id", "first_name", "last_name"])
            .from("contacts")
            .and_where(Expr::col("company_id").eq(company_id.as_str()))
            .and_where(Expr::col("deleted_at").is_null())
            .limit(MAX_COMPARED)
            .to_owned();
        let rows = db.query_all(&q).await?;
        let place = match db.query_one(&Query::select().column("name").from("companies").and_where(Expr::col("id").eq(company_id.as_str())).to_owned()).await? {
            Some(r) => r.try_get_by_index::<String>(0)?,
            None => "the same company".into(),
        };
        for r in rows {
            let (id, f, l): (String, String, String) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?);
            let Some(other) = NameKey::new(&f, &l) else { continue };
            if let Some(score) = name_similarity(&key, &other) {
                let name = display_name(&f, &l);
                let detail = format!("{} ≈ {name} at {place}", display_name(input.first_name.trim(), input.last_name.trim()));
                add(&mut out, exclude, LikelyDuplicate { id, name, reason: DuplicateReason::SimilarName, detail, confidence: name_confidence(score) });
            }
        }
    }
    Ok(finish(out))
}

/// The next string after every string starting with `prefix` (for an index range).
fn after_prefix(prefix: &str) -> String {
    let mut s = prefix.to_string();
    s.push(char::MAX);
    s
}

pub(crate) async fn likely_companies<C: ConnectionTrait>(db: &C, input: &CompanyInput, exclude: Option<&str>) -> CoreResult<Vec<LikelyDuplicate>> {
    let mut out = Vec::new();
    if let Some(domain) = input.domain.as_deref().and_then(domain_key).filter(|d| !is_free_mail(d)) {
        let q = Query::select()
            .columns(["id", "name"])
            .from("companies")
            .and_where(Expr::col("domain").eq(domain.as_str()))
            .and_where(Expr::col("deleted_at").is_null())
            .limit(20)
            .to_owned();
        for r in db.query_all(&q).await? {
            add(&mut out, exclude, LikelyDuplicate { id: r.try_get_by_index(0)?, name: r.try_get_by_index(1)?, reason: DuplicateReason::SameDomain, detail: domain.clone(), confidence: DOMAIN_CONFIDENCE });
        }
    }
    let key = company_key(&input.name);
    let typed = input.name.trim();
    if let Some(first) = typed.split_whitespace().find(|w| !w.eq_ignore_ascii_case("the")).filter(|_| !key.is_empty()) {
        // Names starting with the first word as typed, and capitalised (a range of the name index).
        let mut starts: Vec<String> = vec![first.to_string()];
        let mut chars = first.chars();
        if let Some(c) = chars.next() {
            let cap: String = c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect();
            if cap != first {
                starts.push(cap);
            }
        }
        for s in starts {
            let q = Query::select()
                .columns(["id", "name"])
                .from("companies")
                .and_where(Expr::col("deleted_at").is_null())
                .and_where(Expr::col("name").gte(s.as_str()))
                .and_where(Expr::col("name").lt(after_prefix(&s)))
                .limit(MAX_COMPARED)
                .to_owned();
            for r in db.query_all(&q).await? {
                let (id, name): (String, String) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?);
                if let Some(score) = company_similarity(&key, &company_key(&name)) {
                    let detail = format!("{typed} ≈ {name}");
                    add(&mut out, exclude, LikelyDuplicate { id, name, reason: DuplicateReason::SimilarName, detail, confidence: company_confidence(score) });
                }
            }
        }
    }
    Ok(finish(out))
}
