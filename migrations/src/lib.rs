//! Hearth CRM schema migrations. This crate does not depend on the domain crate: every
//! migration describes tables with sea-query so the same schema can later run on PostgreSQL.
//! SQLite-only pieces (the FTS5 search index and the triggers that keep it in sync) live in
//! `sqlite_search.rs` and `sqlite_history.rs` and are skipped on other back ends.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_foundation;
mod m20261123_000002_live_counts;
mod m20261123_000003_live_contact_ids;
mod m20261123_000004_deals;
mod m20261123_000005_deal_indexes;
mod m20261123_000006_data_in_out;
mod m20261124_000007_history;
mod m20261124_000008_scoring;
mod m20261202_000009_segments;
mod m20261205_000010_sequences;
mod m20261206_000011_after_sale;
mod m20261207_000012_reports;
mod m20261208_000013_contact_marks;
mod m20261209_000014_report_indexes;
mod m20261210_000015_paid_orders;
pub use m20261210_000015_paid_orders::FILL as PAID_ORDERS_FILL;
pub mod sqlite_history;
pub mod sqlite_marks;
pub mod sqlite_search;
pub mod sqlite_touches;

/// The live-count triggers, for bulk writers (SQLite only).
pub mod live_counts {
    pub use crate::m20261123_000002_live_counts::{count_trigger_statements, drop_count_trigger_statements, recount_statements};
}

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_foundation::Migration),
            Box::new(m20261123_000002_live_counts::Migration),
            Box::new(m20261123_000003_live_contact_ids::Migration),
            Box::new(m20261123_000004_deals::Migration),
            Box::new(m20261123_000005_deal_indexes::Migration),
            Box::new(m20261123_000006_data_in_out::Migration),
            Box::new(m20261124_000007_history::Migration),
            Box::new(m20261124_000008_scoring::Migration),
            Box::new(m20261202_000009_segments::Migration),
            Box::new(m20261205_000010_sequences::Migration),
            Box::new(m20261206_000011_after_sale::Migration),
            Box::new(m20261207_000012_reports::Migration),
            Box::new(m20261208_000013_contact_marks::Migration),
            Box::new(m20261209_000014_report_indexes::Migration),
            Box::new(m20261210_000015_paid_orders::Migration),
        ]
    }
}

/// The schema version this build of Hearth writes: the number of migrations it knows.
pub fn schema_version() -> usize {
    Migrator::migrations().len()
}
