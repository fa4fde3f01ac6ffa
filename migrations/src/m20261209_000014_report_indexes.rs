//! Covering indexes for the reports' per-row look-ups (issue 10, the reports' speed). Each
//! report that joins a score row, a contact's marks or an enrolment per customer, order or
//! enrolment paid two B-tree descents per row (the primary-key index, then the table); these
//! indexes hold the columns the reports read, so each look-up is one descent:
//! - `contact_scores (contact_id, tier, persona_id)`: the conversion and revenue reports by tier
//!   and persona, and lifetime value by tier;
//! - `contact_marks (contact_id, replied_at, converted_at, customer_since, added_customer)`: the
//!   sequence report's "replied / converted after enrolling", the segment report's members'
//!   first moves to a customer stage;
//! - `enrolments (sequence_id, enrolled_at, contact_id, id)`: a sequence's enrolments of a
//!   period with their contact, without reading the table (it replaces `idx_enrolments_when`,
//!   its first two columns);
//! - `deals (status, expected_close, currency, value_minor, probability, stage_id, id)` of the
//!   live deals: the forecast (and the dashboard's) reads the 10k open deals from the index alone
//!   instead of every live deal's row;
//! - `idx_contacts_live_id` gains `lead_source_id` at its end: the reports by lead source look
//!   a customer's or buyer's source up from the index alone;
//! - `idx_activities_contact` gains `kind` and `deleted_at` at its end: "touches before
//!   conversion" counts a customer's calls, e-mails and meetings up to a moment from the index
//!   alone (a contact's timeline still reads it in time order).

use crate::m20261123_000001_foundation::index;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261209_000014_report_indexes"
    }
}

const INDEXES: [(&str, &str, &[&str]); 3] = [
    ("contact_scores", "idx_contact_scores_groups", &["contact_id", "tier", "persona_id"]),
    ("contact_marks", "idx_contact_marks_contact", &["contact_id", "replied_at", "converted_at", "customer_since", "added_customer"]),
    ("enrolments", "idx_enrolments_period", &["sequence_id", "enrolled_at", "contact_id", "id"]),
];

/// Of the live deals; `deleted_at` is listed so SQLite sees the index as covering.
const OPEN_DEALS: (&str, &[&str]) =
    ("idx_deals_open", &["status", "expected_close", "currency", "value_minor", "probability", "stage_id", "id", "deleted_at"]);

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, name, cols) in INDEXES {
            m.create_index(index(table, name, cols)).await?;
        }
        let mut deals = index("deals", OPEN_DEALS.0, OPEN_DEALS.1);
        deals.and_where(Expr::col("deleted_at").is_null());
        m.create_index(deals).await?;
        m.drop_index(Index::drop().name("idx_enrolments_when").table("enrolments").to_owned()).await?;
        live_ids(m, true).await?;
        activities_by_contact(m, &["contact_id", "occurred_at", "kind", "deleted_at"]).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        activities_by_contact(m, &["contact_id", "occurred_at"]).await?;
        live_ids(m, false).await?;
        m.create_index(index("enrolments", "idx_enrolments_when", &["sequence_id", "enrolled_at"])).await?;
        m.drop_index(Index::drop().name(OPEN_DEALS.0).table("deals").to_owned()).await?;
        for (table, name, _) in INDEXES {
            m.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// `idx_contacts_live_id` (migration 3) again, with the contact's source at its end or without.
async fn live_ids(m: &SchemaManager<'_>, with_source: bool) -> Result<(), DbErr> {
    const NAME: &str = "idx_contacts_live_id";
    m.drop_index(Index::drop().name(NAME).table("contacts").to_owned()).await?;
    let mut i = Index::create();
    i.name(NAME).table("contacts");
    let cols = ["id", "deleted_at", "created_at", "updated_at", "last_name", "first_name", "last_contacted_at", "next_follow_up_at", "lead_source_id"];
    for c in &cols[..if with_source { cols.len() } else { cols.len() - 1 }] {
        i.col(*c);
    }
    i.and_where(Expr::col("deleted_at").is_null());
    m.create_index(i).await
}

/// `idx_activities_contact` (migration 1) again, over `cols`.
async fn activities_by_contact(m: &SchemaManager<'_>, cols: &[&'static str]) -> Result<(), DbErr> {
    const NAME: &str = "idx_activities_contact";
    m.drop_index(Index::drop().name(NAME).table("activities").to_owned()).await?;
    m.create_index(index("activities", NAME, cols)).await
}
