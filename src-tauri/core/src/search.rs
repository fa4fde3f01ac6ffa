//! The one search box: contacts and companies as you type.

use crate::error::CoreResult;
use crate::sqlite::{search_ids, SearchIndex};
use sea_orm::sea_query::{Expr, ExprTrait, JoinType, Query, SelectStatement};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Contact,
    Company,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SearchHit {
    pub kind: HitKind,
    pub id: String,
    pub title: String,
    /// A second line: company and e-mail for a contact, domain and city for a company.
    pub subtitle: Option<String>,
}

/// What a contact hit shows (shared with the benchmark's raw SQLite comparison).
pub fn contact_hits(ids: &[String]) -> SelectStatement {
    Query::select()
        .columns([("c", "id"), ("c", "first_name"), ("c", "last_name")])
        .column(("co", "name"))
        .expr(Expr::cust("(SELECT e.email FROM contact_emails e WHERE e.contact_id = c.id AND e.is_primary LIMIT 1)"))
        .from_as("contacts", "c")
        .join_as(JoinType::LeftJoin, "companies", "co", Expr::col(("co", "id")).equals(("c", "company_id")))
        .and_where(Expr::col(("c", "id")).is_in(ids.iter().cloned()))
        .to_owned()
}

/// What a company hit shows.
pub fn company_hits(ids: &[String]) -> SelectStatement {
    Query::select()
        .columns(["id", "name", "domain", "city"])
        .from("companies")
        .and_where(Expr::col("id").is_in(ids.iter().cloned()))
        .to_owned()
}

/// How many of each kind a search asks the index for.
pub fn index_limits(limit: Option<u32>) -> (u64, u64) {
    let limit = limit.unwrap_or(20).clamp(1, 100) as u64;
    (limit, limit.div_ceil(2))
}

/// Finds contacts and companies by any part of name, e-mail, phone, company, tag or note.
pub async fn search<C: ConnectionTrait>(db: &C, text: &str, limit: Option<u32>) -> CoreResult<Vec<SearchHit>> {
    let (limit, company_limit) = index_limits(limit);
    let contact_ids = search_ids(db, SearchIndex::Contacts, text, limit).await?;
    let company_ids = search_ids(db, SearchIndex::Companies, text, company_limit).await?;
    let mut contacts = Vec::new();
    if !contact_ids.is_empty() {
        let q = contact_hits(&contact_ids);
        for r in db.query_all(&q).await? {
            let first: String = r.try_get_by_index(1)?;
            let last: String = r.try_get_by_index(2)?;
            let parts: Vec<String> =
                [r.try_get_by_index::<Option<String>>(3)?, r.try_get_by_index::<Option<String>>(4)?].into_iter().flatten().collect();
            contacts.push(SearchHit {
                kind: HitKind::Contact,
                id: r.try_get_by_index(0)?,
                title: crate::contacts::display_name(&first, &last),
                subtitle: (!parts.is_empty()).then(|| parts.join(" · ")),
            });
        }
        contacts.sort_by_key(|h| contact_ids.iter().position(|id| *id == h.id));
    }
    let mut companies = Vec::new();
    if !company_ids.is_empty() {
        let q = company_hits(&company_ids);
        for r in db.query_all(&q).await? {
            let parts: Vec<String> =
                [r.try_get_by_index::<Option<String>>(2)?, r.try_get_by_index::<Option<String>>(3)?].into_iter().flatten().collect();
            companies.push(SearchHit {
                kind: HitKind::Company,
                id: r.try_get_by_index(0)?,
                title: r.try_get_by_index(1)?,
                subtitle: (!parts.is_empty()).then(|| parts.join(" · ")),
            });
        }
        companies.sort_by_key(|h| company_ids.iter().position(|id| *id == h.id));
    }
    // Companies first when few (a company name is usually what was meant), then people.
    let mut hits = companies;
    hits.extend(contacts);
    hits.truncate(limit as usize);
    Ok(hits)
}
