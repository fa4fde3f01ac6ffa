//! Distinct buyers from one index range (issue 10, the reports' speed):
//! - `paid_orders`: every paid (not fully refunded) order that has a buyer, with the same
//!   buyer's previous paid order in that currency (`previous_at`) and in any currency
//!   (`previous_any_at`), and its net amount. Kept by the domain beside `customer_stats` on
//!   every order write (`orders::stats::refresh`). The buyers of any period are then its orders
//!   whose previous one came before the period (one per buyer): no `count(DISTINCT …)` over a
//!   year of orders, and "bought again" is an order whose previous one fell in an earlier
//!   window. Lifetime value's prediction and churn, repeat purchases and the dashboard read it.
//! - `customer_revenue (net_minor, contact_id, currency, orders)`: the customers worth most, read
//!   from the top of an index instead of sorting every customer.

use crate::m20261123_000001_foundation::index;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261210_000015_paid_orders"
    }
}

/// Fills `paid_orders` from the orders of the buyers matching `{who}` (over `orders`); the
/// domain runs it for one buyer after each order write.
pub const FILL: &str = "INSERT INTO paid_orders (order_id, contact_id, currency, ordered_at, previous_at, previous_any_at, net_minor) \
     SELECT id, contact_id, currency, ordered_at, \
       lag(ordered_at) OVER (PARTITION BY contact_id, currency ORDER BY ordered_at, id), \
       lag(ordered_at) OVER (PARTITION BY contact_id ORDER BY ordered_at, id), \
       total_minor - refunded_minor \
     FROM orders WHERE contact_id IS NOT NULL AND status <> 'refunded' AND {who}";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("paid_orders")
            .col(string_len("order_id", 36).primary_key())
            .col(string_len("contact_id", 36))
            .col(string_len("currency", 3))
            .col(timestamp_with_time_zone("ordered_at"))
            .col(timestamp_with_time_zone_null("previous_at"))
            .col(timestamp_with_time_zone_null("previous_any_at"))
            .col(big_integer("net_minor"));
        m.create_table(t.to_owned()).await?;
        m.get_connection().execute_unprepared(&FILL.replace("{who}", "1 = 1")).await?;
        // Per currency, a period's orders in time order with all that the figures read.
        m.create_index(index("paid_orders", "idx_paid_orders_when", &["currency", "ordered_at", "previous_at", "net_minor", "contact_id"])).await?;
        // Any currency: a period's buyers.
        m.create_index(index("paid_orders", "idx_paid_orders_any", &["ordered_at", "previous_any_at", "contact_id"])).await?;
        m.create_index(index("paid_orders", "idx_paid_orders_buyer", &["contact_id"])).await?;
        m.create_index(index("customer_revenue", "idx_customer_revenue_top", &["net_minor", "contact_id", "currency", "orders"])).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_customer_revenue_top").table("customer_revenue").to_owned()).await?;
        m.drop_table(Table::drop().table("paid_orders").to_owned()).await
    }
}
