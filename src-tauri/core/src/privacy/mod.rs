//! Privacy: consent per contact and purpose (with source, date and wording), "may we contact
//! them?" for every feature that sends or schedules, a per-contact export of everything held,
//! and erasure that leaves an audit entry without personal data.
//!
//! CONTRACT (the commands and the UI are written against these types and functions).

mod consent;
pub(crate) mod demo;
mod erase;
mod personal;

pub use consent::{consents, may_contact, record_consent, MAX_SOURCE, MAX_WORDING};
pub use erase::{audit_log, erase_contact};
pub use personal::export_contact;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Purposes a contact can consent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    MarketingEmail,
    Newsletter,
    PhoneCalls,
    Sms,
}

impl Purpose {
    pub const ALL: [Purpose; 4] = [Purpose::MarketingEmail, Purpose::Newsletter, Purpose::PhoneCalls, Purpose::Sms];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::MarketingEmail => "marketing_email",
            Purpose::Newsletter => "newsletter",
            Purpose::PhoneCalls => "phone_calls",
            Purpose::Sms => "sms",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Plain words for messages: "marketing e-mail", "the newsletter", "phone calls", "text messages".
    pub fn words(self) -> &'static str {
        match self {
            Purpose::MarketingEmail => "marketing e-mail",
            Purpose::Newsletter => "the newsletter",
            Purpose::PhoneCalls => "phone calls",
            Purpose::Sms => "text messages",
        }
    }

    /// Purposes that need a granted consent on record (the others are allowed unless withdrawn).
    pub fn needs_consent(self) -> bool {
        !matches!(self, Purpose::PhoneCalls)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Consent {
    pub id: String,
    pub purpose: Purpose,
    pub granted: bool,
    /// Where it was given or withdrawn: "Web form", "In person", "Import", "E-mail reply"…
    pub source: String,
    pub wording: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ConsentInput {
    pub purpose: Purpose,
    pub granted: bool,
    pub source: String,
    pub wording: Option<String>,
    /// Now when absent.
    pub recorded_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ConsentState {
    pub do_not_contact: bool,
    /// The latest entry per purpose.
    pub current: Vec<Consent>,
    /// Every entry, newest first.
    pub history: Vec<Consent>,
}

/// Whether a feature may contact someone for a purpose, and if not, why (plain words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Permission {
    pub allowed: bool,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ErasureReceipt {
    pub audit_id: String,
    pub activities_erased: u32,
    pub activities_kept_anonymised: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AuditEntry {
    pub id: String,
    pub action: String,
    pub entity: String,
    pub detail: String,
    pub at: DateTime<Utc>,
}
