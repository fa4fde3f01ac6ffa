//! Reports and retention dashboards (issue 10):
//! - `goals`: SMART goals over a report metric (optional segment, baseline, target, deadline);
//! - `customer_revenue`: per contact and currency, the paid orders and their net amount (kept by
//!   the domain beside `customer_stats` on every order write; lifetime value reads it instead of
//!   summing every order);
//! - `touch_days`: calls, e-mails and meetings per day, kind and owner (SQLite triggers keep it,
//!   see `sqlite_touches`; the activity report reads it);
//! - indexes the reports read by date instead of scanning whole tables: activities by when they
//!   happened, lifecycle moves by stage and date, customers by their first purchase, deals by
//!   when they were added and closed, subscriptions by start and cancellation.

use crate::m20261123_000001_foundation::{id, index, stamps};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000012_reports"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("goals")
            .col(id())
            .col(string("name"))
            // a goal metric key (see the domain's `reports::goals::GoalMetric`)
            .col(string("metric"))
            .col(string_len_null("segment_id", 36))
            // for money metrics: the currency the target is in
            .col(string_len_null("currency", 3))
            .col(double("baseline"))
            .col(double("target"))
            .col(timestamp_with_time_zone("starts_at"))
            .col(timestamp_with_time_zone("deadline_at"))
            .col(timestamp_with_time_zone_null("archived_at"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("customer_revenue")
            .col(string_len("contact_id", 36))
            .col(string_len("currency", 3))
            .col(integer("orders"))
            .col(big_integer("net_minor"))
            .primary_key(Index::create().col("contact_id").col("currency"));
        m.create_table(t.to_owned()).await?;
        m.create_index(index("customer_revenue", "idx_customer_revenue_net", &["currency", "net_minor", "contact_id"])).await?;
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO customer_revenue (contact_id, currency, orders, net_minor) \
                 SELECT contact_id, currency, count(*) FILTER (WHERE status <> 'refunded'), sum(total_minor - refunded_minor) \
                 FROM orders WHERE contact_id IS NOT NULL GROUP BY contact_id, currency HAVING count(*) FILTER (WHERE status <> 'refunded') > 0",
            )
            .await?;

        let mut t = Table::create();
        t.table("touch_days")
            .col(string("day"))
            .col(string("kind"))
            .col(string("owner"))
            .col(big_integer("n"))
            .primary_key(Index::create().col("day").col("kind").col("owner"));
        m.create_table(t.to_owned()).await?;

        let mut i = index("activities", "idx_activities_live_when", &["occurred_at", "kind", "contact_id"]);
        i.and_where(Expr::col("deleted_at").is_null());
        m.create_index(i).await?;
        m.create_index(index("lifecycle_changes", "idx_lifecycle_changes_stage", &["to_stage", "contact_id", "changed_at", "from_stage"])).await?;
        m.create_index(index("customer_stats", "idx_customer_stats_first", &["first_order_at", "contact_id"])).await?;
        // A buyer's first and last purchase in one index probe (repeat buyers, revenue per cohort).
        m.create_index(index("customer_stats", "idx_customer_stats_dates", &["contact_id", "first_order_at", "last_order_at"])).await?;
        // A contact's moves without reading the table (the lifecycle funnel).
        m.create_index(index("lifecycle_changes", "idx_lifecycle_changes_moves", &["contact_id", "changed_at", "to_stage", "from_stage"])).await?;
        // Covers the reports' range scans over orders by date (no table lookups).
        m.create_index(index("orders", "idx_orders_when_paid", &["ordered_at", "status", "currency", "total_minor", "refunded_minor", "contact_id"]))
            .await?;
        m.create_index(index("enrolments", "idx_enrolments_when", &["sequence_id", "enrolled_at"])).await?;
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            // The replies a sequence's report looks for per enrolment (a small partial index).
            m.get_connection()
                .execute_unprepared(
                    "CREATE INDEX idx_activities_replies ON activities (contact_id, occurred_at) \
                     WHERE kind = 'email' AND lower(outcome) = 'replied' AND deleted_at IS NULL",
                )
                .await?;
        }
        m.create_index(index("deals", "idx_deals_created", &["created_at"])).await?;
        // A deal's stage history without reading the table (the pipeline funnel, time in stage).
        m.create_index(index("deal_stage_changes", "idx_deal_stage_changes_path", &["deal_id", "changed_at", "to_stage_id", "to_status"])).await?;
        m.create_index(index("deals", "idx_deals_closed", &["closed_at"])).await?;
        m.create_index(index("subscriptions", "idx_subscriptions_dates", &["started_at", "cancelled_at"])).await?;
        m.create_index(index("tickets", "idx_tickets_opened", &["opened_at"])).await?;

        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for sql in crate::sqlite_history::create_statements(m.get_connection()).await? {
                m.get_connection().execute_unprepared(&sql).await?;
            }
            for sql in crate::sqlite_touches::recount_statements().into_iter().chain(crate::sqlite_touches::trigger_statements()) {
                m.get_connection().execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (t, i) in [
            ("activities", "idx_activities_live_when"),
            ("lifecycle_changes", "idx_lifecycle_changes_stage"),
            ("customer_stats", "idx_customer_stats_first"),
            ("customer_stats", "idx_customer_stats_dates"),
            ("lifecycle_changes", "idx_lifecycle_changes_moves"),
            ("orders", "idx_orders_when_paid"),
            ("enrolments", "idx_enrolments_when"),
            ("activities", "idx_activities_replies"),
            ("deals", "idx_deals_created"),
            ("deal_stage_changes", "idx_deal_stage_changes_path"),
            ("deals", "idx_deals_closed"),
            ("subscriptions", "idx_subscriptions_dates"),
            ("tickets", "idx_tickets_opened"),
        ] {
            m.drop_index(Index::drop().name(i).table(t).to_owned()).await?;
        }
        for sql in crate::sqlite_touches::drop_trigger_statements() {
            m.get_connection().execute_unprepared(&sql).await?;
        }
        m.drop_table(Table::drop().table("touch_days").to_owned()).await?;
        m.drop_table(Table::drop().table("customer_revenue").to_owned()).await?;
        m.drop_table(Table::drop().table("goals").to_owned()).await?;
        Ok(())
    }
}
