//! What a merge changed, stored as JSON in `merges.snapshot_json` so it can be undone exactly:
//! the survivor's columns before and after, every moved row with its previous owner, the
//! e-mails and phones moved with their previous place, tags added, deal links moved or dropped.

use crate::entities::{company, contact};
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use sea_orm::Set;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A row of `table` whose `column` pointed at a merged record and now points at the survivor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Moved {
    pub table: String,
    pub column: String,
    pub id: String,
    pub from: String,
}

/// An e-mail or phone row moved to the survivor, with where it was.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct MovedChild {
    pub table: String,
    pub id: String,
    pub from: String,
    pub value: String,
    pub label: Option<String>,
    pub is_primary: bool,
    pub position: i32,
    pub bounced: bool,
}

/// A deal link of a merged contact: moved to the survivor, or dropped because the survivor was
/// already on the deal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DealLink {
    pub deal_id: String,
    pub from: String,
    pub position: i32,
    pub dropped: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Snapshot {
    /// The survivor's changed columns before the merge, and what the merge set them to.
    pub before: BTreeMap<String, Option<String>>,
    pub after: BTreeMap<String, Option<String>>,
    pub moved: Vec<Moved>,
    pub children: Vec<MovedChild>,
    pub deal_links: Vec<DealLink>,
    /// Tag ids added to the survivor.
    pub tags_added: Vec<String>,
    /// The lifecycle history row the merge wrote when it changed the survivor's stage.
    pub stage_change_id: Option<String>,
}

pub(crate) const CONTACT_COLUMNS: &[&str] = &[
    "first_name", "last_name", "title", "company_id", "time_zone", "owner", "notes", "lifecycle_stage", "lead_source_id",
    "referred_by_id", "do_not_contact", "street", "city", "region", "postal_code", "country", "external_id",
    "last_contacted_at", "next_follow_up_at", "updated_at",
];

pub(crate) const COMPANY_COLUMNS: &[&str] = &[
    "name", "domain", "industry", "size_band", "phone", "owner", "notes", "street", "city", "region", "postal_code",
    "country", "external_id", "updated_at",
];

fn time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339()
}

fn parse_time(col: &str, v: &str) -> CoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(v)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| CoreError::Storage { message: format!("the merge record holds an unreadable {col}: {v}") })
}

fn req(col: &str, v: Option<String>) -> CoreResult<String> {
    v.ok_or_else(|| CoreError::Storage { message: format!("the merge record holds no value for {col}") })
}

pub(crate) fn contact_get(m: &contact::Model, col: &str) -> Option<String> {
    match col {
        "first_name" => Some(m.first_name.clone()),
        "last_name" => Some(m.last_name.clone()),
        "title" => m.title.clone(),
        "company_id" => m.company_id.clone(),
        "time_zone" => m.time_zone.clone(),
        "owner" => m.owner.clone(),
        "notes" => m.notes.clone(),
        "lifecycle_stage" => Some(m.lifecycle_stage.clone()),
        "lead_source_id" => m.lead_source_id.clone(),
        "referred_by_id" => m.referred_by_id.clone(),
        "do_not_contact" => Some(m.do_not_contact.to_string()),
        "street" => m.street.clone(),
        "city" => m.city.clone(),
        "region" => m.region.clone(),
        "postal_code" => m.postal_code.clone(),
        "country" => m.country.clone(),
        "external_id" => m.external_id.clone(),
        "last_contacted_at" => m.last_contacted_at.as_ref().map(time),
        "next_follow_up_at" => m.next_follow_up_at.as_ref().map(time),
        "updated_at" => Some(time(&m.updated_at)),
        _ => None,
    }
}

pub(crate) fn contact_set(m: &mut contact::ActiveModel, col: &str, v: Option<String>) -> CoreResult<()> {
    match col {
        "first_name" => m.first_name = Set(req(col, v)?),
        "last_name" => m.last_name = Set(req(col, v)?),
        "title" => m.title = Set(v),
        "company_id" => m.company_id = Set(v),
        "time_zone" => m.time_zone = Set(v),
        "owner" => m.owner = Set(v),
        "notes" => m.notes = Set(v),
        "lifecycle_stage" => m.lifecycle_stage = Set(req(col, v)?),
        "lead_source_id" => m.lead_source_id = Set(v),
        "referred_by_id" => m.referred_by_id = Set(v),
        "do_not_contact" => m.do_not_contact = Set(v.as_deref() == Some("true")),
        "street" => m.street = Set(v),
        "city" => m.city = Set(v),
        "region" => m.region = Set(v),
        "postal_code" => m.postal_code = Set(v),
        "country" => m.country = Set(v),
        "external_id" => m.external_id = Set(v),
        "last_contacted_at" => m.last_contacted_at = Set(v.map(|s| parse_time(col, &s)).transpose()?),
        "next_follow_up_at" => m.next_follow_up_at = Set(v.map(|s| parse_time(col, &s)).transpose()?),
        "updated_at" => m.updated_at = Set(parse_time(col, &req(col, v)?)?),
        _ => return Err(CoreError::Storage { message: format!("unknown contact column {col} in a merge record") }),
    }
    Ok(())
}

pub(crate) fn company_get(m: &company::Model, col: &str) -> Option<String> {
    match col {
        "name" => Some(m.name.clone()),
        "domain" => m.domain.clone(),
        "industry" => m.industry.clone(),
        "size_band" => m.size_band.clone(),
        "phone" => m.phone.clone(),
        "owner" => m.owner.clone(),
        "notes" => m.notes.clone(),
        "street" => m.street.clone(),
        "city" => m.city.clone(),
        "region" => m.region.clone(),
        "postal_code" => m.postal_code.clone(),
        "country" => m.country.clone(),
        "external_id" => m.external_id.clone(),
        "updated_at" => Some(time(&m.updated_at)),
        _ => None,
    }
}

pub(crate) fn company_set(m: &mut company::ActiveModel, col: &str, v: Option<String>) -> CoreResult<()> {
    match col {
        "name" => m.name = Set(req(col, v)?),
        "domain" => m.domain = Set(v),
        "industry" => m.industry = Set(v),
        "size_band" => m.size_band = Set(v),
        "phone" => m.phone = Set(v),
        "owner" => m.owner = Set(v),
        "notes" => m.notes = Set(v),
        "street" => m.street = Set(v),
        "city" => m.city = Set(v),
        "region" => m.region = Set(v),
        "postal_code" => m.postal_code = Set(v),
        "country" => m.country = Set(v),
        "external_id" => m.external_id = Set(v),
        "updated_at" => m.updated_at = Set(parse_time(col, &req(col, v)?)?),
        _ => return Err(CoreError::Storage { message: format!("unknown company column {col} in a merge record") }),
    }
    Ok(())
}

/// The mergeable fields (as the UI names them) and the columns each one carries.
pub(crate) fn field_columns(kind: super::RecordKind, field: &str) -> Option<&'static [&'static str]> {
    use super::RecordKind::*;
    const ADDRESS: &[&str] = &["street", "city", "region", "postal_code", "country"];
    Some(match (kind, field) {
        (Contact, "first_name") => &["first_name"],
        (Contact, "last_name") => &["last_name"],
        (Contact, "title") => &["title"],
        (Contact, "company") => &["company_id"],
        (Contact, "owner") | (Company, "owner") => &["owner"],
        (Contact, "notes") | (Company, "notes") => &["notes"],
        (Contact, "lifecycle_stage") => &["lifecycle_stage"],
        (Contact, "lead_source") => &["lead_source_id"],
        (Contact, "time_zone") => &["time_zone"],
        (Contact, "do_not_contact") => &["do_not_contact"],
        (Contact, "address") | (Company, "address") => ADDRESS,
        (Company, "name") => &["name"],
        (Company, "domain") => &["domain"],
        (Company, "industry") => &["industry"],
        (Company, "size_band") => &["size_band"],
        (Company, "phone") => &["phone"],
        _ => return None,
    })
}

pub(crate) const CONTACT_FIELDS: &[(&str, &str)] = &[
    ("first_name", "First name"), ("last_name", "Last name"), ("title", "Job title"), ("company", "Company"),
    ("owner", "Owner"), ("lifecycle_stage", "Lifecycle stage"), ("lead_source", "Lead source"), ("time_zone", "Time zone"),
    ("address", "Address"), ("do_not_contact", "Do not contact"), ("notes", "Notes"),
];

pub(crate) const COMPANY_FIELDS: &[(&str, &str)] = &[
    ("name", "Name"), ("domain", "Website"), ("industry", "Industry"), ("size_band", "Size"), ("phone", "Phone"),
    ("owner", "Owner"), ("address", "Address"), ("notes", "Notes"),
];
