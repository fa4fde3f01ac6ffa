//! The rows of the contacts, companies and deals lists as exported: every row matching the
//! list's filter in the list's order. The ids come first (one narrow statement, no paging),
//! then the rows are read and written in chunks of [`CHUNK`] ids, so memory holds one chunk.

use super::sink::{format_money, Sink};
use crate::companies::CompanyQuery;
use crate::contacts::ContactQuery;
use crate::deals::DealQuery;
use crate::error::CoreResult;
use crate::lifecycle::LifecycleStage;
use crate::validate::format_phone;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Query, SelectStatement};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// Rows read per round trip.
pub const CHUNK: usize = 500;

pub const CONTACT_COLUMNS: [&str; 21] = [
    "First name", "Last name", "Email", "Email 2", "Phone", "Mobile", "Title", "Company", "Owner", "Lifecycle stage",
    "Lead source", "Tags", "Notes", "Street", "City", "Region", "Postal code", "Country", "Time zone", "Do not contact",
    "External ID",
];

pub const COMPANY_COLUMNS: [&str; 14] = [
    "Name", "Domain", "Industry", "Size", "Phone", "Owner", "Tags", "Notes", "Street", "City", "Region", "Postal code",
    "Country", "External ID",
];

pub const DEAL_COLUMNS: [&str; 15] = [
    "Title", "Value", "Currency", "Pipeline", "Stage", "Status", "Expected close", "Owner", "Company", "Contact email",
    "Probability", "Lost reason", "Notes", "Tags", "External ID",
];

/// Columns written as numbers in XLSX (Value, Probability).
pub const DEAL_NUMERIC: [usize; 2] = [1, 10];

pub(crate) async fn ids<C: ConnectionTrait>(db: &C, q: &SelectStatement) -> CoreResult<Vec<String>> {
    db.query_all(q).await?.iter().map(|r| r.try_get_by_index::<String>(0).map_err(Into::into)).collect()
}

fn text(v: Option<String>) -> String {
    v.unwrap_or_default()
}

/// A contact with everything the CSV and vCard exports show.
pub(crate) struct ContactOut {
    pub id: String,
    pub external_id: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub title: Option<String>,
    pub company: Option<String>,
    pub owner: Option<String>,
    pub stage: String,
    pub lead_source: Option<String>,
    pub notes: Option<String>,
    pub street: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub time_zone: Option<String>,
    pub do_not_contact: bool,
    /// Primary first, then in the contact's order: (address, label).
    pub emails: Vec<(String, Option<String>)>,
    /// E.164, primary first: (number, label).
    pub phones: Vec<(String, Option<String>)>,
    pub tags: Vec<String>,
}

fn is_mobile(label: &Option<String>) -> bool {
    label.as_deref().is_some_and(|l| matches!(l.trim().to_lowercase().as_str(), "mobile" | "cell" | "cellphone" | "mobile phone"))
}

impl ContactOut {
    pub fn cells(&self) -> Vec<String> {
        let mobile = self.phones.iter().find(|p| is_mobile(&p.1));
        let phone = self.phones.iter().find(|p| !is_mobile(&p.1));
        let stage = LifecycleStage::parse(&self.stage).map_or(self.stage.clone(), |s| s.label().to_string());
        vec![
            self.first_name.clone(),
            self.last_name.clone(),
            self.emails.first().map(|e| e.0.clone()).unwrap_or_default(),
            self.emails.get(1).map(|e| e.0.clone()).unwrap_or_default(),
            phone.map(|p| format_phone(&p.0)).unwrap_or_default(),
            mobile.map(|p| format_phone(&p.0)).unwrap_or_default(),
            text(self.title.clone()),
            text(self.company.clone()),
            text(self.owner.clone()),
            stage,
            text(self.lead_source.clone()),
            self.tags.join(", "),
            text(self.notes.clone()),
            text(self.street.clone()),
            text(self.city.clone()),
            text(self.region.clone()),
            text(self.postal_code.clone()),
            text(self.country.clone()),
            text(self.time_zone.clone()),
            if self.do_not_contact { "Yes" } else { "No" }.to_string(),
            self.external_id.clone().unwrap_or_else(|| self.id.clone()),
        ]
    }
}

/// The contacts of `ids`, in that order.
pub(crate) async fn contacts_chunk<C: ConnectionTrait>(db: &C, ids: &[String]) -> CoreResult<Vec<ContactOut>> {
    let q = Query::select()
        .columns([
            ("c", "id"), ("c", "external_id"), ("c", "first_name"), ("c", "last_name"), ("c", "title"),
        ])
        .column(("co", "name"))
        .columns([("c", "owner"), ("c", "lifecycle_stage")])
        .column(("ls", "name"))
        .columns([
            ("c", "notes"), ("c", "street"), ("c", "city"), ("c", "region"), ("c", "postal_code"), ("c", "country"),
            ("c", "time_zone"), ("c", "do_not_contact"),
        ])
        .from_as("contacts", "c")
        .join_as(
            JoinType::LeftJoin,
            "companies",
            "co",
            Expr::col(("co", "id")).equals(("c", "company_id")).and(Expr::col(("co", "deleted_at")).is_null()),
        )
        .join_as(JoinType::LeftJoin, "lead_sources", "ls", Expr::col(("ls", "id")).equals(("c", "lead_source_id")))
        .and_where(Expr::col(("c", "id")).is_in(ids.iter().cloned()))
        .to_owned();
    let mut found: HashMap<String, ContactOut> = HashMap::with_capacity(ids.len());
    for r in db.query_all(&q).await? {
        let id: String = r.try_get_by_index(0)?;
        found.insert(id.clone(), ContactOut {
            id,
            external_id: r.try_get_by_index(1)?,
            first_name: r.try_get_by_index(2)?,
            last_name: r.try_get_by_index(3)?,
            title: r.try_get_by_index(4)?,
            company: r.try_get_by_index(5)?,
            owner: r.try_get_by_index(6)?,
            stage: r.try_get_by_index(7)?,
            lead_source: r.try_get_by_index(8)?,
            notes: r.try_get_by_index(9)?,
            street: r.try_get_by_index(10)?,
            city: r.try_get_by_index(11)?,
            region: r.try_get_by_index(12)?,
            postal_code: r.try_get_by_index(13)?,
            country: r.try_get_by_index(14)?,
            time_zone: r.try_get_by_index(15)?,
            do_not_contact: r.try_get_by_index(16)?,
            emails: vec![],
            phones: vec![],
            tags: vec![],
        });
    }
    for (table, col) in [("contact_emails", "email"), ("contact_phones", "phone")] {
        let q = Query::select()
            .columns(["contact_id", col, "label"])
            .from(table)
            .and_where(Expr::col("contact_id").is_in(ids.iter().cloned()))
            .order_by("contact_id", sea_orm::Order::Asc)
            .order_by("is_primary", sea_orm::Order::Desc)
            .order_by("position", sea_orm::Order::Asc)
            .to_owned();
        for r in db.query_all(&q).await? {
            let owner: String = r.try_get_by_index(0)?;
            if let Some(c) = found.get_mut(&owner) {
                let item = (r.try_get_by_index(1)?, r.try_get_by_index(2)?);
                if table == "contact_emails" { c.emails.push(item) } else { c.phones.push(item) }
            }
        }
    }
    let mut tags = crate::tags::names_for(db, "contact_tags", "contact_id", ids).await?;
    Ok(ids
        .iter()
        .filter_map(|id| found.remove(id))
        .map(|mut c| {
            c.tags = tags.remove(&c.id).unwrap_or_default();
            c
        })
        .collect())
}

pub(crate) async fn contacts<C: ConnectionTrait>(db: &C, query: &ContactQuery, sink: &mut (dyn Sink + Send)) -> CoreResult<u32> {
    sink.header(&CONTACT_COLUMNS)?;
    let all = ids(db, &crate::contacts::ids_statement(db, query).await?).await?;
    let mut n = 0;
    for chunk in all.chunks(CHUNK) {
        for c in contacts_chunk(db, chunk).await? {
            sink.row(&c.cells())?;
            n += 1;
        }
    }
    Ok(n)
}

pub(crate) async fn companies<C: ConnectionTrait>(db: &C, query: &CompanyQuery, sink: &mut (dyn Sink + Send)) -> CoreResult<u32> {
    sink.header(&COMPANY_COLUMNS)?;
    let all = ids(db, &crate::companies::ids_statement(query)).await?;
    let mut n = 0;
    for chunk in all.chunks(CHUNK) {
        let q = Query::select()
            .columns([
                "id", "name", "domain", "industry", "size_band", "phone", "owner", "notes", "street", "city", "region",
                "postal_code", "country", "external_id",
            ])
            .from("companies")
            .and_where(Expr::col("id").is_in(chunk.iter().cloned()))
            .to_owned();
        let mut rows: HashMap<String, Vec<String>> = HashMap::with_capacity(chunk.len());
        for r in db.query_all(&q).await? {
            let id: String = r.try_get_by_index(0)?;
            let mut cells: Vec<String> = Vec::with_capacity(14);
            for i in 1..=13 {
                cells.push(text(r.try_get_by_index(i)?));
            }
            if let Some(p) = cells.get_mut(4).filter(|p| !p.is_empty()) {
                *p = format_phone(p);
            }
            if cells[12].is_empty() {
                cells[12] = id.clone();
            }
            rows.insert(id, cells);
        }
        let mut tags = crate::tags::names_for(db, "company_tags", "company_id", chunk).await?;
        for id in chunk {
            if let Some(mut cells) = rows.remove(id) {
                // Tags go between Owner and Notes.
                cells.insert(6, tags.remove(id).unwrap_or_default().join(", "));
                sink.row(&cells)?;
                n += 1;
            }
        }
    }
    Ok(n)
}

/// The main contact's first e-mail address (primary first) for the deal `d`.
const CONTACT_EMAIL: &str = "(SELECT e.email FROM deal_contacts dc \
    JOIN contacts k ON k.id = dc.contact_id AND k.deleted_at IS NULL \
    JOIN contact_emails e ON e.contact_id = dc.contact_id \
    WHERE dc.deal_id = d.id ORDER BY dc.position, e.is_primary DESC, e.position LIMIT 1)";

pub(crate) async fn deals<C: ConnectionTrait>(db: &C, query: &DealQuery, sink: &mut (dyn Sink + Send)) -> CoreResult<u32> {
    sink.header(&DEAL_COLUMNS)?;
    let all = ids(db, &crate::deals::ids_statement(db, query).await?).await?;
    let mut n = 0;
    for chunk in all.chunks(CHUNK) {
        let q = Query::select()
            .columns([("d", "id"), ("d", "title"), ("d", "value_minor"), ("d", "currency")])
            .column(("p", "name"))
            .column(("s", "name"))
            .columns([("d", "status"), ("d", "expected_close"), ("d", "owner")])
            .column(("co", "name"))
            .expr_as(Expr::cust(CONTACT_EMAIL), Alias::new("contact_email"))
            .column(("d", "probability"))
            .column(("lr", "name"))
            .columns([("d", "notes"), ("d", "external_id")])
            .from_as("deals", "d")
            .join_as(JoinType::InnerJoin, "pipelines", "p", Expr::col(("p", "id")).equals(("d", "pipeline_id")))
            .join_as(JoinType::InnerJoin, "pipeline_stages", "s", Expr::col(("s", "id")).equals(("d", "stage_id")))
            .join_as(
                JoinType::LeftJoin,
                "companies",
                "co",
                Expr::col(("co", "id")).equals(("d", "company_id")).and(Expr::col(("co", "deleted_at")).is_null()),
            )
            .join_as(JoinType::LeftJoin, "lost_reasons", "lr", Expr::col(("lr", "id")).equals(("d", "lost_reason_id")))
            .and_where(Expr::col(("d", "id")).is_in(chunk.iter().cloned()))
            .to_owned();
        let mut rows: HashMap<String, Vec<String>> = HashMap::with_capacity(chunk.len());
        for r in db.query_all(&q).await? {
            let id: String = r.try_get_by_index(0)?;
            let value: i64 = r.try_get_by_index(2)?;
            let currency: String = r.try_get_by_index(3)?;
            let close: Option<chrono::NaiveDate> = r.try_get_by_index(7)?;
            let probability: Option<i32> = r.try_get_by_index(11)?;
            let external: Option<String> = r.try_get_by_index(14)?;
            rows.insert(id.clone(), vec![
                r.try_get_by_index(1)?,
                format_money(value, &currency),
                currency,
                r.try_get_by_index(4)?,
                r.try_get_by_index(5)?,
                r.try_get_by_index(6)?,
                close.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
                text(r.try_get_by_index(8)?),
                text(r.try_get_by_index(9)?),
                text(r.try_get_by_index(10)?),
                probability.map(|p| p.to_string()).unwrap_or_default(),
                text(r.try_get_by_index(12)?),
                text(r.try_get_by_index(13)?),
                String::new(),
                external.unwrap_or(id),
            ]);
        }
        let mut tags = crate::tags::names_for(db, "deal_tags", "deal_id", chunk).await?;
        for id in chunk {
            if let Some(mut cells) = rows.remove(id) {
                cells[13] = tags.remove(id).unwrap_or_default().join(", ");
                sink.row(&cells)?;
                n += 1;
            }
        }
    }
    Ok(n)
}
