//! Updating an existing record from a row (its non-empty values fill the record; e-mails,
//! phones and tags are added), remembering what it was so an undo can put it back.

use super::plan::Index;
use super::rows::{CompanyRec, ContactRec, DealRec};
use super::write::Writer;
use crate::entities::{company, contact, deal};
use crate::error::CoreResult;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};

/// What an import changed on one existing record: its fields before, and what it added.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Before {
    pub fields: serde_json::Value,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub tags: Vec<String>,
    pub consents: Vec<String>,
    pub history: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContactFields {
    pub first_name: String,
    pub last_name: String,
    pub title: Option<String>,
    pub company_id: Option<String>,
    pub time_zone: Option<String>,
    pub owner: Option<String>,
    pub notes: Option<String>,
    pub lifecycle_stage: String,
    pub lead_source_id: Option<String>,
    pub do_not_contact: bool,
    pub street: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub external_id: Option<String>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompanyFields {
    pub name: String,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub size_band: Option<String>,
    pub phone: Option<String>,
    pub owner: Option<String>,
    pub notes: Option<String>,
    pub street: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub external_id: Option<String>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DealFields {
    pub title: String,
    pub pipeline_id: String,
    pub stage_id: String,
    pub status: String,
    pub company_id: Option<String>,
    pub owner: Option<String>,
    pub value_minor: i64,
    pub currency: String,
    pub expected_close: Option<NaiveDate>,
    pub probability: Option<i32>,
    pub lost_reason_id: Option<String>,
    pub lost_note: Option<String>,
    pub notes: Option<String>,
    pub rank: f64,
    pub stage_entered_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub external_id: Option<String>,
    pub updated_at: DateTime<Utc>,
}

fn merged_notes(old: &Option<String>, new: &Option<String>) -> Option<String> {
    match (old, new) {
        (Some(o), Some(n)) if o.contains(n.as_str()) => Some(o.clone()),
        (Some(o), Some(n)) => Some(format!("{o}\n\n{n}")),
        (None, n) => n.clone(),
        (o, None) => o.clone(),
    }
}

/// The record's snapshot, taken once per import (the first update of it); none for a record
/// the import itself creates (`fresh`: undo trashes it).
fn before_entry<'a>(w: &'a mut Writer, entity: &'static str, id: &str, fresh: bool, fields: impl FnOnce() -> serde_json::Value) -> Option<&'a mut Before> {
    if fresh {
        // Created by this import: undo trashes it, nothing to remember.
        return None;
    }
    Some(&mut w.updates.entry(id.to_string()).or_insert_with(|| (entity, Before { fields: fields(), ..Default::default() })).1)
}

pub async fn contact<C: ConnectionTrait>(db: &C, w: &mut Writer, ix: &mut Index, id: &str, fresh: bool, c: &ContactRec) -> CoreResult<()> {
    // A company created for this row is written before the contact points at it.
    let company_id = c.company.as_deref().map(|n| w.company_by_name(ix, n));
    w.flush_for(db, &[Some(id), company_id.as_deref()]).await?;
    let Some(model) = contact::Entity::find_by_id(id.to_string()).one(db).await? else { return Ok(()) };
    let snapshot = || {
        serde_json::to_value(ContactFields {
            first_name: model.first_name.clone(),
            last_name: model.last_name.clone(),
            title: model.title.clone(),
            company_id: model.company_id.clone(),
            time_zone: model.time_zone.clone(),
            owner: model.owner.clone(),
            notes: model.notes.clone(),
            lifecycle_stage: model.lifecycle_stage.clone(),
            lead_source_id: model.lead_source_id.clone(),
            do_not_contact: model.do_not_contact,
            street: model.street.clone(),
            city: model.city.clone(),
            region: model.region.clone(),
            postal_code: model.postal_code.clone(),
            country: model.country.clone(),
            external_id: model.external_id.clone(),
            updated_at: model.updated_at,
        })
        .unwrap_or_default()
    };
    let tracked = before_entry(w, "contact", id, fresh, snapshot).is_some();
    let source = match &c.lead_source {
        Some(s) => Some(w.lead_source(db, ix, s).await?),
        None => None,
    };
    let old_stage = model.lifecycle_stage.clone();
    let mut m: contact::ActiveModel = model.clone().into();
    if c.named {
        if !c.first.is_empty() {
            m.first_name = Set(c.first.clone());
        }
        if !c.last.is_empty() {
            m.last_name = Set(c.last.clone());
        }
    }
    macro_rules! fill {
        ($col:ident, $val:expr) => {
            if let Some(x) = $val {
                m.$col = Set(Some(x.clone()));
            }
        };
    }
    fill!(title, &c.title);
    fill!(company_id, &company_id);
    fill!(owner, &c.owner);
    fill!(lead_source_id, &source);
    fill!(time_zone, &c.time_zone);
    fill!(street, &c.addr.street);
    fill!(city, &c.addr.city);
    fill!(region, &c.addr.region);
    fill!(postal_code, &c.addr.postal_code);
    fill!(country, &c.addr.country);
    fill!(external_id, &c.external_id);
    if let Some(d) = c.dnc {
        m.do_not_contact = Set(d);
    }
    m.notes = Set(merged_notes(&model.notes, &c.notes));
    if let Some(st) = c.stage {
        m.lifecycle_stage = Set(st.as_str().to_string());
    }
    m.updated_at = Set(w.now);
    m.update(db).await?;

    let mut added = Before::default();
    if let Some(st) = c.stage.filter(|s| s.as_str() != old_stage) {
        added.history.push(w.stage_row(id, Some(&old_stage), st));
    }
    let emails = w.children_of(db, "contact_emails", "email", "contact_id", id).await?;
    for e in c.emails.iter().filter(|e| !emails.contains(e)) {
        let n = emails.len() + added.emails.len();
        w.email_row(id, e, n == 0, n as i32);
        added.emails.push(e.clone());
    }
    let phones = w.children_of(db, "contact_phones", "phone", "contact_id", id).await?;
    for (p, label) in c.phones.iter().filter(|p| !phones.contains(&p.0)) {
        let n = phones.len() + added.phones.len();
        w.phone_row(id, p, label, n == 0, n as i32);
        added.phones.push(p.clone());
    }
    let tags = w.children_of(db, "contact_tags", "tag_id", "contact_id", id).await?;
    for t in w.tag_ids(db, ix, &c.tags).await? {
        if !tags.contains(&t) {
            w.contact_tag_row(id, &t);
            added.tags.push(t);
        }
    }
    if let Some(granted) = c.consent {
        added.consents.push(w.consent(id, granted));
    }
    if tracked {
        if let Some((_, b)) = w.updates.get_mut(id) {
            b.emails.extend(added.emails);
            b.phones.extend(added.phones);
            b.tags.extend(added.tags);
            b.consents.extend(added.consents);
            b.history.extend(added.history);
        }
    }
    Ok(())
}

pub async fn company<C: ConnectionTrait>(db: &C, w: &mut Writer, ix: &mut Index, id: &str, fresh: bool, c: &CompanyRec) -> CoreResult<()> {
    w.flush_for(db, &[Some(id)]).await?;
    let Some(model) = company::Entity::find_by_id(id.to_string()).one(db).await? else { return Ok(()) };
    let snapshot = || {
        serde_json::to_value(CompanyFields {
            name: model.name.clone(),
            domain: model.domain.clone(),
            industry: model.industry.clone(),
            size_band: model.size_band.clone(),
            phone: model.phone.clone(),
            owner: model.owner.clone(),
            notes: model.notes.clone(),
            street: model.street.clone(),
            city: model.city.clone(),
            region: model.region.clone(),
            postal_code: model.postal_code.clone(),
            country: model.country.clone(),
            external_id: model.external_id.clone(),
            updated_at: model.updated_at,
        })
        .unwrap_or_default()
    };
    let tracked = before_entry(w, "company", id, fresh, snapshot).is_some();
    let mut m: company::ActiveModel = model.clone().into();
    m.name = Set(c.name.clone());
    macro_rules! fill {
        ($col:ident, $val:expr) => {
            if let Some(x) = $val {
                m.$col = Set(Some(x.to_string()));
            }
        };
    }
    fill!(domain, &c.domain);
    fill!(industry, &c.industry);
    fill!(size_band, c.size_band);
    fill!(phone, &c.phone);
    fill!(owner, &c.owner);
    fill!(street, &c.addr.street);
    fill!(city, &c.addr.city);
    fill!(region, &c.addr.region);
    fill!(postal_code, &c.addr.postal_code);
    fill!(country, &c.addr.country);
    fill!(external_id, &c.external_id);
    m.notes = Set(merged_notes(&model.notes, &c.notes));
    m.updated_at = Set(w.now);
    m.update(db).await?;
    let tags = w.children_of(db, "company_tags", "tag_id", "company_id", id).await?;
    let mut added = Vec::new();
    for t in w.tag_ids(db, ix, &c.tags).await? {
        if !tags.contains(&t) {
            w.company_tag_row(id, &t);
            added.push(t);
        }
    }
    if tracked {
        if let Some((_, b)) = w.updates.get_mut(id) {
            b.tags.extend(added);
        }
    }
    Ok(())
}

/// `stage`: (pipeline id, stage id, stage name, kind) when the row names a stage.
#[allow(clippy::too_many_arguments)]
pub async fn deal<C: ConnectionTrait>(
    db: &C,
    w: &mut Writer,
    ix: &mut Index,
    id: &str,
    fresh: bool,
    d: &DealRec,
    stage: Option<&(String, String, String, String)>,
    contact: Option<String>,
    value_given: bool,
) -> CoreResult<()> {
    let company_id = d.company.as_deref().map(|n| w.company_by_name(ix, n));
    w.flush_for(db, &[Some(id), company_id.as_deref(), contact.as_deref()]).await?;
    let Some(model) = deal::Entity::find_by_id(id.to_string()).one(db).await? else { return Ok(()) };
    let snapshot = || {
        serde_json::to_value(DealFields {
            title: model.title.clone(),
            pipeline_id: model.pipeline_id.clone(),
            stage_id: model.stage_id.clone(),
            status: model.status.clone(),
            company_id: model.company_id.clone(),
            owner: model.owner.clone(),
            value_minor: model.value_minor,
            currency: model.currency.clone(),
            expected_close: model.expected_close,
            probability: model.probability,
            lost_reason_id: model.lost_reason_id.clone(),
            lost_note: model.lost_note.clone(),
            notes: model.notes.clone(),
            rank: model.rank,
            stage_entered_at: model.stage_entered_at,
            closed_at: model.closed_at,
            external_id: model.external_id.clone(),
            updated_at: model.updated_at,
        })
        .unwrap_or_default()
    };
    let tracked = before_entry(w, "deal", id, fresh, snapshot).is_some();
    let mut m: deal::ActiveModel = model.clone().into();
    m.title = Set(d.title.clone());
    if value_given {
        m.value_minor = Set(d.value.unwrap_or(model.value_minor));
        m.currency = Set(d.currency.clone());
    }
    if company_id.is_some() {
        m.company_id = Set(company_id);
    }
    if d.owner.is_some() {
        m.owner = Set(d.owner.clone());
    }
    if d.expected_close.is_some() {
        m.expected_close = Set(d.expected_close);
    }
    if d.probability.is_some() {
        m.probability = Set(d.probability);
    }
    if d.external_id.is_some() {
        m.external_id = Set(d.external_id.clone());
    }
    m.notes = Set(merged_notes(&model.notes, &d.notes));
    let mut added = Before::default();
    if let Some(st) = stage.filter(|s| s.1 != model.stage_id) {
        let from_name = ix.refs.pipelines.iter().flat_map(|p| p.2.iter()).find(|s| s.0 == model.stage_id).map(|s| s.1.clone());
        m.pipeline_id = Set(st.0.clone());
        m.stage_id = Set(st.1.clone());
        m.status = Set(st.3.clone());
        m.stage_entered_at = Set(w.now);
        m.closed_at = Set((st.3 != "open").then_some(w.now));
        added.history.push(w.deal_change(id, Some((&model.stage_id, from_name.as_deref().unwrap_or(""))), st));
    }
    m.version = Set(model.version + 1);
    m.updated_at = Set(w.now);
    m.update(db).await?;
    if let Some(c) = contact {
        let linked = w.children_of(db, "deal_contacts", "contact_id", "deal_id", id).await?;
        if !linked.contains(&c) {
            w.deal_contact_row(id, &c, linked.len() as i32);
            added.phones.push(c);
        }
    }
    let tags = w.children_of(db, "deal_tags", "tag_id", "deal_id", id).await?;
    for t in w.tag_ids(db, ix, &d.tags).await? {
        if !tags.contains(&t) {
            w.deal_tag_row(id, &t);
            added.tags.push(t);
        }
    }
    if tracked {
        if let Some((_, b)) = w.updates.get_mut(id) {
            b.tags.extend(added.tags);
            b.history.extend(added.history);
            // For deals, `phones` holds the contacts the import linked.
            b.phones.extend(added.phones);
        }
    }
    Ok(())
}
