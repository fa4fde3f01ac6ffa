//! The data-quality checks: how many records each finds and which (a page, by name).

use super::{QualityCheck, QualityPage, QualityRow};
use crate::common::page_limit;
use crate::contacts::display_name;
use crate::duplicates::RecordKind;
use crate::error::CoreResult;
use crate::validate::is_email;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Alias, Cond, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::ConnectionTrait;
use std::collections::{BTreeMap, HashSet};

pub(crate) fn kind_of(check: QualityCheck) -> RecordKind {
    match check {
        QualityCheck::CompaniesWithoutDomain | QualityCheck::CompaniesWithoutContacts => RecordKind::Company,
        _ => RecordKind::Contact,
    }
}

pub(crate) fn label(check: QualityCheck, stale_days: u32) -> (String, String) {
    let (l, d) = match check {
        QualityCheck::ContactsUnreachable => ("Contacts without an e-mail or phone", "Nobody can reach these people: add an address or a number, or archive them."),
        QualityCheck::ContactsWithoutCompany => ("Contacts without a company", "Linking people to their company keeps deals, activities and reports together."),
        QualityCheck::InvalidEmails => ("Invalid e-mail addresses", "These addresses cannot receive mail (older data or imports): correct or remove them."),
        QualityCheck::BouncedEmails => ("Bounced e-mail addresses", "Mail to these addresses came back: find a new address before the next campaign."),
        QualityCheck::NotTouched => ("Contacts not touched", ""),
        QualityCheck::CompaniesWithoutDomain => ("Companies without a website", "A domain links incoming e-mail to the company and helps find duplicates."),
        QualityCheck::CompaniesWithoutContacts => ("Companies without contacts", "A company with nobody to talk to is often left over from an import or a merge."),
    };
    if check == QualityCheck::NotTouched {
        return (
            format!("Contacts not touched in {stale_days} days"),
            format!("No call, e-mail or meeting in the last {stale_days} days (or ever): relationships go cold."),
        );
    }
    (l.to_string(), d.to_string())
}

pub(crate) const ALL: [QualityCheck; 7] = [
    QualityCheck::ContactsUnreachable,
    QualityCheck::ContactsWithoutCompany,
    QualityCheck::InvalidEmails,
    QualityCheck::BouncedEmails,
    QualityCheck::NotTouched,
    QualityCheck::CompaniesWithoutDomain,
    QualityCheck::CompaniesWithoutContacts,
];

fn exists(table: &str) -> SelectStatement {
    Query::select().expr(Expr::val(1)).from(table.to_string()).and_where(Expr::col((Alias::new(table), Alias::new("contact_id"))).equals(("c", "id"))).to_owned()
}

/// The condition of a check that SQL answers alone (all but the e-mail checks).
fn condition(check: QualityCheck, cutoff: DateTime<Utc>) -> Option<Cond> {
    let live_c = Expr::col(("c", "deleted_at")).is_null();
    Some(match check {
        QualityCheck::ContactsUnreachable => Cond::all()
            .add(live_c)
            .add(Expr::exists(exists("contact_emails")).not())
            .add(Expr::exists(exists("contact_phones")).not()),
        QualityCheck::ContactsWithoutCompany => Cond::all().add(live_c).add(Expr::col(("c", "company_id")).is_null()),
        QualityCheck::NotTouched => Cond::all().add(live_c).add(
            Cond::any().add(Expr::col(("c", "last_contacted_at")).is_null()).add(Expr::col(("c", "last_contacted_at")).lt(cutoff)),
        ),
        QualityCheck::CompaniesWithoutDomain => Cond::all().add(Expr::col(("c", "deleted_at")).is_null()).add(Expr::col(("c", "domain")).is_null()),
        QualityCheck::CompaniesWithoutContacts => {
            let sub = Query::select()
                .expr(Expr::val(1))
                .from_as("contacts", "k")
                .and_where(Expr::col(("k", "company_id")).equals(("c", "id")))
                .and_where(Expr::col(("k", "deleted_at")).is_null())
                .to_owned();
            Cond::all().add(Expr::col(("c", "deleted_at")).is_null()).add(Expr::exists(sub).not())
        }
        QualityCheck::InvalidEmails | QualityCheck::BouncedEmails => return None,
    })
}

fn table(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Contact => "contacts",
        RecordKind::Company => "companies",
    }
}

/// Live contacts with a flagged address, and those addresses: invalid ones are found by
/// streaming the e-mail column through `is_email`; bounced ones by the flag.
async fn flagged_emails<C: ConnectionTrait>(db: &C, check: QualityCheck) -> CoreResult<BTreeMap<String, Vec<String>>> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if check == QualityCheck::BouncedEmails {
        let q = Query::select().columns(["contact_id", "email"]).from("contact_emails").and_where(Expr::col("bounced").eq(true)).to_owned();
        for r in db.query_all(&q).await? {
            found.entry(r.try_get_by_index(0)?).or_default().push(r.try_get_by_index(1)?);
        }
    } else {
        // Every address from the e-mail index (one packed row: the driver's per-row cost
        // dominated), checked here; then the owners of the few invalid ones.
        let mut bad: Vec<String> = Vec::new();
        for mut r in crate::sqlite::packed_rows(db, "SELECT email AS c0 FROM contact_emails", 1).await? {
            if let Some(email) = r[0].take() {
                if !is_email(&email) {
                    bad.push(email);
                }
            }
        }
        bad.sort();
        bad.dedup();
        for chunk in bad.chunks(500) {
            let q = Query::select().columns(["contact_id", "email"]).from("contact_emails").and_where(Expr::col("email").is_in(chunk.iter().cloned())).to_owned();
            for r in db.query_all(&q).await? {
                found.entry(r.try_get_by_index(0)?).or_default().push(r.try_get_by_index(1)?);
            }
        }
    }
    if found.is_empty() {
        return Ok(found);
    }
    // Only contacts that are not in the trash.
    let mut live = HashSet::new();
    let ids: Vec<String> = found.keys().cloned().collect();
    for chunk in ids.chunks(500) {
        let q = Query::select().column("id").from("contacts").and_where(Expr::col("id").is_in(chunk.iter().cloned())).and_where(Expr::col("deleted_at").is_null()).to_owned();
        for r in db.query_all(&q).await? {
            live.insert(r.try_get_by_index::<String>(0)?);
        }
    }
    found.retain(|id, _| live.contains(id));
    Ok(found)
}

pub(crate) fn cutoff(stale_days: u32) -> DateTime<Utc> {
    crate::common::now() - Duration::days(stale_days as i64)
}

pub(crate) async fn count<C: ConnectionTrait>(db: &C, check: QualityCheck, stale_days: u32) -> CoreResult<u32> {
    let Some(cond) = condition(check, cutoff(stale_days)) else {
        return Ok(flagged_emails(db, check).await?.len() as u32);
    };
    let q = Query::select().expr(Expr::col(("c", "id")).count()).from_as(table(kind_of(check)), "c").cond_where(cond).to_owned();
    Ok(match db.query_one(&q).await? {
        Some(r) => r.try_get_by_index::<i64>(0)? as u32,
        None => 0,
    })
}

fn touched(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(|| "never touched".to_string(), |t| format!("last touched {}", t.format("%Y-%m-%d")))
}

pub(crate) async fn rows<C: ConnectionTrait>(db: &C, check: QualityCheck, offset: u32, limit: Option<u32>, stale_days: u32) -> CoreResult<QualityPage> {
    let kind = kind_of(check);
    let limit = page_limit(limit);
    if let Some(cond) = condition(check, cutoff(stale_days)) {
        let total = count(db, check, stale_days).await?;
        let mut q = Query::select();
        q.from_as(table(kind), "c").cond_where(cond);
        match kind {
            RecordKind::Contact => q
                .columns([("c", "id"), ("c", "first_name"), ("c", "last_name"), ("c", "last_contacted_at")])
                .order_by(("c", "last_name"), sea_orm::Order::Asc)
                .order_by(("c", "first_name"), sea_orm::Order::Asc),
            RecordKind::Company => q.columns([("c", "id"), ("c", "name"), ("c", "city")]).order_by(("c", "name"), sea_orm::Order::Asc),
        };
        q.order_by(("c", "id"), sea_orm::Order::Asc).limit(limit).offset(offset as u64);
        let mut rows = Vec::new();
        for r in db.query_all(&q).await? {
            let id: String = r.try_get_by_index(0)?;
            let (name, detail) = match kind {
                RecordKind::Contact => {
                    let name = display_name(&r.try_get_by_index::<String>(1)?, &r.try_get_by_index::<String>(2)?);
                    let detail = match check {
                        QualityCheck::NotTouched => Some(touched(r.try_get_by_index(3)?)),
                        QualityCheck::ContactsUnreachable => Some("no e-mail or phone".to_string()),
                        _ => None,
                    };
                    (name, detail)
                }
                RecordKind::Company => (r.try_get_by_index(1)?, r.try_get_by_index(2)?),
            };
            rows.push(QualityRow { id, kind, name, detail });
        }
        return Ok(QualityPage { rows, total });
    }
    let found = flagged_emails(db, check).await?;
    let mut named = Vec::with_capacity(found.len());
    let ids: Vec<String> = found.keys().cloned().collect();
    for chunk in ids.chunks(500) {
        let q = Query::select().columns(["id", "first_name", "last_name"]).from("contacts").and_where(Expr::col("id").is_in(chunk.iter().cloned())).to_owned();
        for r in db.query_all(&q).await? {
            let (id, f, l): (String, String, String) = (r.try_get_by_index(0)?, r.try_get_by_index(1)?, r.try_get_by_index(2)?);
            named.push((l.to_lowercase(), f.to_lowercase(), id, display_name(&f, &l)));
        }
    }
    named.sort();
    let total = named.len() as u32;
    let rows = named
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .map(|(_, _, id, name)| QualityRow { detail: found.get(&id).map(|e| e.join(", ")), id, kind, name })
        .collect();
    Ok(QualityPage { rows, total })
}
