//! Small types and helpers shared by the aggregates.

use crate::validate::{Validator, MAX_SHORT};
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

/// A new primary key: a UUIDv7 (time-ordered) as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time in UTC, to the millisecond (the precision stored).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(3)
}

/// A postal address; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Address {
    pub street: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

impl Address {
    pub fn validated(&self, v: &mut Validator) -> Address {
        Address {
            street: v.optional("address.street", &self.street, MAX_SHORT),
            city: v.optional("address.city", &self.city, MAX_SHORT),
            region: v.optional("address.region", &self.region, MAX_SHORT),
            postal_code: v.optional("address.postal_code", &self.postal_code, 40),
            country: v.optional("address.country", &self.country, 100),
        }
    }

    /// The country as an ISO alpha-2 code when it is one (used to read local phone numbers).
    pub fn country_code(&self) -> Option<&str> {
        self.country.as_deref().filter(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic()))
    }
}

/// A link to another record, with the name to show for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct EntityRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    #[default]
    Asc,
    Desc,
}

impl SortDirection {
    pub fn order(self) -> sea_orm::Order {
        match self {
            SortDirection::Asc => sea_orm::Order::Asc,
            SortDirection::Desc => sea_orm::Order::Desc,
        }
    }
}

/// Page sizes are bounded so no request can ask for the whole table at once.
pub fn page_limit(limit: Option<u32>) -> u64 {
    limit.unwrap_or(100).clamp(1, 500) as u64
}

/// Who an order or a ticket is for: a live contact and/or a live company, at least one
/// (`who` words the missing case: "Say who bought it"). Problems go into `v`; returns the
/// cleaned ids.
pub(crate) async fn party<C: sea_orm::ConnectionTrait>(
    db: &C,
    v: &mut Validator,
    contact_id: &Option<String>,
    company_id: &Option<String>,
    who: &str,
) -> crate::error::CoreResult<(Option<String>, Option<String>)> {
    use sea_orm::{DbBackend, Statement};
    let contact_id = crate::validate::clean(contact_id);
    let company_id = crate::validate::clean(company_id);
    if contact_id.is_none() && company_id.is_none() {
        v.add("contact_id", "required", format!("{who}: a contact or a company."));
    }
    for (field, table, id, gone) in [
        ("contact_id", "contacts", &contact_id, "This contact no longer exists."),
        ("company_id", "companies", &company_id, "This company no longer exists."),
    ] {
        let Some(id) = id else { continue };
        let sql = format!("SELECT 1 FROM {table} WHERE id = ? AND deleted_at IS NULL");
        if db.query_one_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [id.clone().into()])).await?.is_none() {
            v.add(field, "not_found", gone);
        }
    }
    Ok((contact_id, company_id))
}
