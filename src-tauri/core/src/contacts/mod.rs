//! Contacts: the people a business sells to and serves.

mod list;
mod qualify;
mod read;
mod write;

pub use list::{count_statement, extra_conditions, ids_statement, list, page_statement_with, tag_plan, ContactFilter, ContactPage, ContactQuery, ContactRow, ContactSort, TagPlan};
pub use read::{get, StageChange};
pub use qualify::{qualification, qualify, Authority, NeedLevel, Qualification, QualificationStatus};
pub use write::{create, delete, restore, set_stage, update};
pub(crate) use write::find_live;
pub(crate) use write::record_stage;

use crate::common::{Address, EntityRef};
use crate::lifecycle::LifecycleStage;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct EmailInput {
    pub email: String,
    pub label: Option<String>,
    pub is_primary: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PhoneInput {
    pub phone: String,
    pub label: Option<String>,
    pub is_primary: bool,
}

/// Everything a person can edit on a contact (create and update take the whole form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ContactInput {
    pub first_name: String,
    pub last_name: String,
    pub title: Option<String>,
    pub company_id: Option<String>,
    pub emails: Vec<EmailInput>,
    pub phones: Vec<PhoneInput>,
    pub address: Address,
    pub time_zone: Option<String>,
    pub owner: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub lifecycle_stage: LifecycleStage,
    pub lead_source_id: Option<String>,
    pub referred_by_id: Option<String>,
    pub do_not_contact: bool,
}

impl ContactInput {
    /// A minimal input (used by tests, the demo and the CLI).
    pub fn named(first: &str, last: &str) -> Self {
        ContactInput {
            first_name: first.into(),
            last_name: last.into(),
            title: None,
            company_id: None,
            emails: vec![],
            phones: vec![],
            address: Address::default(),
            time_zone: None,
            owner: None,
            notes: None,
            tags: vec![],
            lifecycle_stage: LifecycleStage::Reach,
            lead_source_id: None,
            referred_by_id: None,
            do_not_contact: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Email {
    pub id: String,
    pub email: String,
    pub label: Option<String>,
    pub is_primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Phone {
    pub id: String,
    /// E.164, e.g. `+442079460958`.
    pub phone: String,
    /// International format for display, e.g. `+44 20 7946 0958`.
    pub formatted: String,
    pub label: Option<String>,
    pub is_primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LeadSourceRef {
    pub id: String,
    pub name: String,
    pub is_referral: bool,
}

/// A contact as the detail screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ContactDetail {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub display_name: String,
    pub title: Option<String>,
    pub company: Option<EntityRef>,
    pub emails: Vec<Email>,
    pub phones: Vec<Phone>,
    pub address: Address,
    pub time_zone: Option<String>,
    pub owner: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub lifecycle_stage: LifecycleStage,
    pub lifecycle_history: Vec<StageChange>,
    pub lead_source: Option<LeadSourceRef>,
    pub referred_by: Option<EntityRef>,
    pub referrals: Vec<EntityRef>,
    pub do_not_contact: bool,
    pub last_contacted_at: Option<DateTime<Utc>>,
    pub next_follow_up_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ContactDetail {
    /// The same contact as an editable form (for inline edits that change one field).
    pub fn to_input(&self) -> ContactInput {
        ContactInput {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            title: self.title.clone(),
            company_id: self.company.as_ref().map(|c| c.id.clone()),
            emails: self
                .emails
                .iter()
                .map(|e| EmailInput { email: e.email.clone(), label: e.label.clone(), is_primary: e.is_primary })
                .collect(),
            phones: self
                .phones
                .iter()
                .map(|p| PhoneInput { phone: p.phone.clone(), label: p.label.clone(), is_primary: p.is_primary })
                .collect(),
            address: self.address.clone(),
            time_zone: self.time_zone.clone(),
            owner: self.owner.clone(),
            notes: self.notes.clone(),
            tags: self.tags.clone(),
            lifecycle_stage: self.lifecycle_stage,
            lead_source_id: self.lead_source.as_ref().map(|s| s.id.clone()),
            referred_by_id: self.referred_by.as_ref().map(|r| r.id.clone()),
            do_not_contact: self.do_not_contact,
        }
    }
}

pub fn display_name(first: &str, last: &str) -> String {
    format!("{first} {last}").trim().to_string()
}
