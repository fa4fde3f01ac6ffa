//! Writing an import inside its transaction: created records go into multi-row INSERTs (kept
//! under SQLite's bind-variable limit), every created or updated record is listed in
//! `import_items`, every rejected row in `import_rejects`.

use super::plan::Index;
use super::rows::{ActivityRec, CompanyRec, ContactRec, DealRec};
use crate::common::new_id;
use crate::error::CoreResult;
use crate::lifecycle::LifecycleStage;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::ConnectionTrait;
use std::collections::{HashMap, HashSet};

pub use crate::bulk::v;
use crate::bulk::Batch;

const CONTACT_COLS: &[&str] = &[
    "id", "first_name", "last_name", "title", "company_id", "time_zone", "owner", "notes", "lifecycle_stage", "lead_source_id",
    "do_not_contact", "street", "city", "region", "postal_code", "country", "external_id", "created_at", "updated_at",
];
const COMPANY_COLS: &[&str] = &[
    "id", "name", "domain", "industry", "size_band", "phone", "owner", "notes", "street", "city", "region", "postal_code",
    "country", "external_id", "created_at", "updated_at",
];
const DEAL_COLS: &[&str] = &[
    "id", "title", "pipeline_id", "stage_id", "status", "company_id", "owner", "value_minor", "currency", "expected_close",
    "probability", "lost_reason_id", "lost_note", "notes", "rank", "stage_entered_at", "closed_at", "version", "external_id",
    "created_at", "updated_at",
];
const ACTIVITY_COLS: &[&str] = &[
    "id", "kind", "subject", "body", "contact_id", "company_id", "deal_id", "occurred_at", "due_at", "completed_at",
    "duration_minutes", "outcome", "created_at", "updated_at",
];

/// Everything written so far, batched in parent-before-child order.
pub struct Writer {
    pub import_id: String,
    pub now: DateTime<Utc>,
    pub file_name: String,
    pub extra_tags: Vec<String>,
    pub user: Option<String>,
    batches: Vec<Batch>,
    pub stage_rank: HashMap<String, f64>,
    pub touched_contacts: HashSet<String>,
    /// Existing records this import changed, with what they were (listed at the end).
    pub updates: HashMap<String, (&'static str, super::update::Before)>,
    /// Records whose own row is still in the batches (an update of one flushes first).
    pub pending: HashSet<String>,
    /// Rows still in the batches that belong to a record (its e-mails, phones, tags, linked
    /// contacts), by the record's id: (table, value). An update reads these with what the
    /// database has instead of flushing every batch.
    children: HashMap<String, Vec<(&'static str, String)>>,
}

// Indexes into `batches` (the flush order).
const COMPANIES: usize = 0;
const CONTACTS: usize = 1;
const EMAILS: usize = 2;
const PHONES: usize = 3;
const CONTACT_TAGS: usize = 4;
const COMPANY_TAGS: usize = 5;
const HISTORY: usize = 6;
const CONSENTS: usize = 7;
const DEALS: usize = 8;
const DEAL_CONTACTS: usize = 9;
const DEAL_TAGS: usize = 10;
const DEAL_CHANGES: usize = 11;
const ACTIVITIES: usize = 12;
const ITEMS: usize = 13;
const REJECTS: usize = 14;

impl Writer {
    pub fn new(import_id: String, now: DateTime<Utc>, file_name: String, extra_tags: Vec<String>, user: Option<String>) -> Writer {
        let batches = vec![
            Batch::new("companies", COMPANY_COLS),
            Batch::new("contacts", CONTACT_COLS),
            Batch::new("contact_emails", &["id", "contact_id", "email", "label", "is_primary", "position", "bounced"]),
            Batch::new("contact_phones", &["id", "contact_id", "phone", "label", "is_primary", "position"]),
            Batch::new("contact_tags", &["contact_id", "tag_id"]),
            Batch::new("company_tags", &["company_id", "tag_id"]),
            Batch::new("lifecycle_changes", &["id", "contact_id", "from_stage", "to_stage", "changed_at"]),
            Batch::new("consents", &["id", "contact_id", "purpose", "granted", "source", "wording", "recorded_at"]),
            Batch::new("deals", DEAL_COLS),
            Batch::new("deal_contacts", &["deal_id", "contact_id", "position"]),
            Batch::new("deal_tags", &["deal_id", "tag_id"]),
            Batch::new(
                "deal_stage_changes",
                &["id", "deal_id", "from_stage_id", "from_stage_name", "to_stage_id", "to_stage_name", "to_status", "changed_at", "changed_by"],
            ),
            Batch::new("activities", ACTIVITY_COLS),
            Batch::new("import_items", &["import_id", "entity", "record_id", "action", "before_json"]),
            Batch::new("import_rejects", &["import_id", "row_number", "reason", "cells_json"]),
        ];
        Writer { import_id, now, file_name, extra_tags, user, batches, stage_rank: HashMap::new(), touched_contacts: HashSet::new(), updates: HashMap::new(), pending: HashSet::new(), children: HashMap::new() }
    }

    /// Flushes when the record (or a company the row links) still has rows in the batches, so
    /// an update reads and writes what is really there. Flushing at every update would cost a
    /// fresh statement (of a new size) per table each time.
    pub async fn flush_for<C: ConnectionTrait>(&mut self, db: &C, ids: &[Option<&str>]) -> CoreResult<()> {
        if ids.iter().flatten().any(|id| self.pending.contains(*id)) {
            self.flush(db).await?;
        }
        Ok(())
    }

    pub fn needs_flush(&self) -> bool {
        self.batches.iter().any(Batch::full)
    }

    pub async fn flush<C: ConnectionTrait>(&mut self, db: &C) -> CoreResult<()> {
        for b in &mut self.batches {
            b.flush(db).await?;
        }
        self.pending.clear();
        self.children.clear();
        Ok(())
    }

    fn child(&mut self, owner: &str, table: &'static str, value: &str) {
        self.children.entry(owner.to_string()).or_default().push((table, value.to_string()));
    }

    /// The values of `col` in `table` for the record `id` (`owner` = the column pointing at it):
    /// those in the database and those still waiting in the batches.
    pub async fn children_of<C: ConnectionTrait>(&self, db: &C, table: &'static str, col: &'static str, owner: &'static str, id: &str) -> CoreResult<Vec<String>> {
        let q = Query::select().column(col).from(table).and_where(Expr::col(owner).eq(id)).to_owned();
        let mut out = Vec::new();
        for r in db.query_all(&q).await? {
            out.push(r.try_get_by_index::<String>(0)?);
        }
        if let Some(waiting) = self.children.get(id) {
            out.extend(waiting.iter().filter(|(t, _)| *t == table).map(|(_, v)| v.clone()));
        }
        Ok(out)
    }

    pub fn item(&mut self, entity: &str, id: &str, action: &str, before: Option<String>) {
        // Each record is listed once: created ones when written, updated ones at the end.
        let row = vec![v(self.import_id.clone()), v(entity), v(id), v(action), v(before)];
        self.batches[ITEMS].add(row);
    }

    pub fn reject(&mut self, row_number: u32, reason: &str, cells: &[String]) {
        let json = serde_json::to_string(cells).unwrap_or_else(|_| "[]".into());
        self.batches[REJECTS].add(vec![v(self.import_id.clone()), v(row_number as i64), v(reason), v(json)]);
    }

    /// The id of a tag, created on first use.
    pub async fn tag<C: ConnectionTrait>(&mut self, db: &C, ix: &mut Index, name: &str) -> CoreResult<String> {
        let key = name.to_lowercase();
        if let Some(id) = ix.refs.tags.get(&key) {
            return Ok(id.clone());
        }
        let id = new_id();
        let q = Query::insert()
            .into_table("tags")
            .columns(["id", "name", "name_key", "created_at"])
            .values_panic([id.clone().into(), name.into(), key.clone().into(), self.now.into()])
            .to_owned();
        db.execute(&q).await?;
        ix.refs.tags.insert(key, id.clone());
        Ok(id)
    }

    /// Tag ids for a record: its own tags and the import's.
    pub async fn tag_ids<C: ConnectionTrait>(&mut self, db: &C, ix: &mut Index, tags: &[String]) -> CoreResult<Vec<String>> {
        let mut ids: Vec<String> = Vec::new();
        let all: Vec<String> = tags.iter().chain(self.extra_tags.clone().iter()).cloned().collect();
        for t in all.iter().take(crate::tags::MAX_TAGS) {
            let id = self.tag(db, ix, t).await?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// A lead source by name, created when missing.
    pub async fn lead_source<C: ConnectionTrait>(&mut self, db: &C, ix: &mut Index, name: &str) -> CoreResult<String> {
        let key = name.trim().to_lowercase();
        if let Some(id) = ix.refs.lead_sources.get(&key) {
            return Ok(id.clone());
        }
        let id = new_id();
        let position = 100 + ix.refs.lead_sources.len() as i32;
        let q = Query::insert()
            .into_table("lead_sources")
            .columns(["id", "name", "name_key", "is_referral", "archived", "position", "created_at", "updated_at"])
            .values_panic([id.clone().into(), name.trim().into(), key.clone().into(), false.into(), false.into(), position.into(), self.now.into(), self.now.into()])
            .to_owned();
        db.execute(&q).await?;
        ix.refs.lead_sources.insert(key, id.clone());
        Ok(id)
    }

    /// A company by name (live), created (and listed in the import) when missing.
    pub fn company_by_name(&mut self, ix: &mut Index, name: &str) -> String {
        let key = name.trim().to_lowercase();
        if let Some(id) = ix.refs.companies.get(&key) {
            return id.clone();
        }
        let id = new_id();
        let rec = CompanyRec { name: name.trim().to_string(), ..Default::default() };
        self.company_row(&id, &rec);
        self.item("company", &id, "created", None);
        ix.refs.companies.insert(key, id.clone());
        id
    }

    fn company_row(&mut self, id: &str, c: &CompanyRec) {
        self.pending.insert(id.to_string());
        let a = &c.addr;
        self.batches[COMPANIES].add(vec![
            v(id), v(c.name.clone()), v(c.domain.clone()), v(c.industry.clone()), v(c.size_band.map(str::to_string)), v(c.phone.clone()),
            v(c.owner.clone()), v(c.notes.clone()), v(a.street.clone()), v(a.city.clone()), v(a.region.clone()),
            v(a.postal_code.clone()), v(a.country.clone()), v(c.external_id.clone()), v(self.now), v(self.now),
        ]);
    }

    pub async fn create_company<C: ConnectionTrait>(&mut self, db: &C, ix: &mut Index, id: &str, c: &CompanyRec) -> CoreResult<()> {
        self.company_row(id, c);
        ix.refs.companies.entry(c.name.to_lowercase()).or_insert_with(|| id.to_string());
        for tag in self.tag_ids(db, ix, &c.tags).await? {
            self.batches[COMPANY_TAGS].add(vec![v(id), v(tag)]);
        }
        self.item("company", id, "created", None);
        Ok(())
    }

    pub fn stage_row(&mut self, contact_id: &str, from: Option<&str>, to: LifecycleStage) -> String {
        let id = new_id();
        self.batches[HISTORY].add(vec![v(id.clone()), v(contact_id), v(from.map(str::to_string)), v(to.as_str()), v(self.now)]);
        id
    }

    /// A consent entry; returns its id.
    pub fn consent(&mut self, contact_id: &str, granted: bool) -> String {
        let id = new_id();
        let source = format!("Import: {}", self.file_name);
        self.batches[CONSENTS].add(vec![
            v(id.clone()), v(contact_id), v("marketing_email"), v(granted), v(source), v(Option::<String>::None), v(self.now),
        ]);
        id
    }

    pub fn email_row(&mut self, contact_id: &str, email: &str, primary: bool, position: i32) {
        self.child(contact_id, "contact_emails", email);
        self.batches[EMAILS].add(vec![v(new_id()), v(contact_id), v(email), v("work"), v(primary), v(position), v(false)]);
    }

    pub fn phone_row(&mut self, contact_id: &str, phone: &str, label: &str, primary: bool, position: i32) {
        self.child(contact_id, "contact_phones", phone);
        self.batches[PHONES].add(vec![v(new_id()), v(contact_id), v(phone), v(label), v(primary), v(position)]);
    }

    pub fn contact_tag_row(&mut self, contact_id: &str, tag_id: &str) {
        self.child(contact_id, "contact_tags", tag_id);
        self.batches[CONTACT_TAGS].add(vec![v(contact_id), v(tag_id)]);
    }

    pub fn company_tag_row(&mut self, company_id: &str, tag_id: &str) {
        self.child(company_id, "company_tags", tag_id);
        self.batches[COMPANY_TAGS].add(vec![v(company_id), v(tag_id)]);
    }

    pub fn deal_tag_row(&mut self, deal_id: &str, tag_id: &str) {
        self.child(deal_id, "deal_tags", tag_id);
        self.batches[DEAL_TAGS].add(vec![v(deal_id), v(tag_id)]);
    }

    pub async fn create_contact<C: ConnectionTrait>(&mut self, db: &C, ix: &mut Index, id: &str, c: &ContactRec) -> CoreResult<()> {
        let company_id = c.company.as_deref().map(|n| self.company_by_name(ix, n));
        let source = match &c.lead_source {
            Some(s) => Some(self.lead_source(db, ix, s).await?),
            None => None,
        };
        let stage = c.stage.unwrap_or(LifecycleStage::Reach);
        self.pending.insert(id.to_string());
        let a = &c.addr;
        self.batches[CONTACTS].add(vec![
            v(id), v(c.first.clone()), v(c.last.clone()), v(c.title.clone()), v(company_id), v(c.time_zone.clone()),
            v(c.owner.clone()), v(c.notes.clone()), v(stage.as_str()), v(source), v(c.dnc.unwrap_or(false)),
            v(a.street.clone()), v(a.city.clone()), v(a.region.clone()), v(a.postal_code.clone()), v(a.country.clone()),
            v(c.external_id.clone()), v(self.now), v(self.now),
        ]);
        for (i, e) in c.emails.iter().enumerate() {
            self.email_row(id, e, i == 0, i as i32);
        }
        for (i, (p, label)) in c.phones.iter().enumerate() {
            self.phone_row(id, p, label, i == 0, i as i32);
        }
        for tag in self.tag_ids(db, ix, &c.tags).await? {
            self.contact_tag_row(id, &tag);
        }
        let _ = self.stage_row(id, None, stage);
        if let Some(granted) = c.consent {
            let _ = self.consent(id, granted);
        }
        self.item("contact", id, "created", None);
        Ok(())
    }

    /// The rank that puts a new card on top of its stage's column.
    async fn top_rank<C: ConnectionTrait>(&mut self, db: &C, stage_id: &str) -> CoreResult<f64> {
        let next = match self.stage_rank.get(stage_id) {
            Some(r) => r - 1.0,
            None => {
                let q = Query::select()
                    .expr(Expr::col("rank").min())
                    .from("deals")
                    .and_where(Expr::col("stage_id").eq(stage_id))
                    .and_where(Expr::col("deleted_at").is_null())
                    .to_owned();
                let min: Option<f64> = match db.query_one(&q).await? {
                    Some(r) => r.try_get_by_index(0)?,
                    None => None,
                };
                min.map_or(0.0, |m| m - 1.0)
            }
        };
        self.stage_rank.insert(stage_id.to_string(), next);
        Ok(next)
    }

    /// A new deal. `stage` is (pipeline id, stage id, stage name, kind); `contact` the linked contact.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_deal<C: ConnectionTrait>(
        &mut self,
        db: &C,
        ix: &mut Index,
        id: &str,
        d: &DealRec,
        stage: &(String, String, String, String),
        contact: Option<String>,
        lost_reason: (Option<String>, Option<String>),
    ) -> CoreResult<()> {
        let company_id = d.company.as_deref().map(|n| self.company_by_name(ix, n));
        let rank = self.top_rank(db, &stage.1).await?;
        let closed = (stage.3 != "open").then_some(self.now);
        self.pending.insert(id.to_string());
        self.batches[DEALS].add(vec![
            v(id), v(d.title.clone()), v(stage.0.clone()), v(stage.1.clone()), v(stage.3.clone()), v(company_id),
            v(d.owner.clone()), v(d.value.unwrap_or(0)), v(d.currency.clone()), v(d.expected_close), v(d.probability),
            v(lost_reason.0), v(lost_reason.1), v(d.notes.clone()), v(rank), v(self.now), v(closed), v(1), v(d.external_id.clone()),
            v(self.now), v(self.now),
        ]);
        if let Some(c) = contact {
            self.deal_contact_row(id, &c, 0);
        }
        for tag in self.tag_ids(db, ix, &d.tags).await? {
            self.deal_tag_row(id, &tag);
        }
        let _ = self.deal_change(id, None, stage);
        self.item("deal", id, "created", None);
        Ok(())
    }

    pub fn deal_contact_row(&mut self, deal_id: &str, contact_id: &str, position: i32) {
        self.child(deal_id, "deal_contacts", contact_id);
        self.batches[DEAL_CONTACTS].add(vec![v(deal_id), v(contact_id), v(position)]);
    }

    pub fn deal_change(&mut self, deal_id: &str, from: Option<(&str, &str)>, to: &(String, String, String, String)) -> String {
        let id = new_id();
        self.batches[DEAL_CHANGES].add(vec![
            v(id.clone()), v(deal_id), v(from.map(|f| f.0.to_string())), v(from.map(|f| f.1.to_string())), v(to.1.clone()),
            v(to.2.clone()), v(to.3.clone()), v(self.now), v(self.user.clone()),
        ]);
        id
    }

    pub fn create_activity(&mut self, id: &str, a: &ActivityRec, links: (Option<String>, Option<String>, Option<String>)) {
        let occurred = a.occurred_at.or(a.due_at).unwrap_or(self.now);
        let due = if a.kind == crate::activities::ActivityKind::Task { a.due_at.or(a.occurred_at) } else { None };
        let completed = a.done.then_some(occurred);
        if let Some(c) = &links.0 {
            self.touched_contacts.insert(c.clone());
        }
        self.batches[ACTIVITIES].add(vec![
            v(id), v(a.kind.as_str()), v(a.subject.clone()), v(a.body.clone()), v(links.0), v(links.1), v(links.2), v(occurred),
            v(due), v(completed), v(a.duration), v(a.outcome.clone()), v(self.now), v(self.now),
        ]);
        self.item("activity", id, "created", None);
    }
}
