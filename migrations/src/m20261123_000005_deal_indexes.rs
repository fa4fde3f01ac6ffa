//! Faster board and deal lists on 50k deals (measured with `hearth-cli bench`):
//! - the column sums read count, value, probability, status, time in stage and id (for the
//!   planned-activity probe) from one index
//!   (no table row per deal), grouped in index order;
//! - the deal list sorted by value picks its page from an index;
//! - "has a deal a planned activity?" uses an index of deal activities only (the old one also
//!   held every activity without a deal: ~1M entries on the reference data).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000005_deal_indexes"
    }
}

fn index(table: &'static str, name: &str, cols: &[&'static str], cond: Option<SimpleExpr>) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    i.and_where(Expr::col("deleted_at").is_null());
    if let Some(c) = cond {
        i.and_where(c);
    }
    i.to_owned()
}

fn sums_v1() -> IndexCreateStatement {
    index("deals", "idx_deals_live_sums", &["pipeline_id", "stage_id", "currency", "value_minor", "probability"], None)
}

fn activities_v1() -> IndexCreateStatement {
    index("activities", "idx_activities_deal", &["deal_id", "kind", "completed_at", "due_at", "occurred_at"], None)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing: a failure part-way leaves the schema as it was (SQLite runs DDL in transactions).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_deals_live_sums").table("deals").to_owned()).await?;
        m.drop_index(Index::drop().name("idx_activities_deal").table("activities").to_owned()).await?;
        m.create_index(index(
            "deals",
            "idx_deals_live_sums2",
            &["pipeline_id", "stage_id", "currency", "probability", "value_minor", "status", "stage_entered_at", "id", "deleted_at"],
            None,
        ))
        .await?;
        m.create_index(index("deals", "idx_deals_live_value", &["pipeline_id", "value_minor", "id"], None)).await?;
        m.create_index(index(
            "activities",
            "idx_activities_deal2",
            &["deal_id", "kind", "completed_at", "due_at", "occurred_at", "deleted_at"],
            Some(Expr::col("deal_id").is_not_null()),
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [("idx_activities_deal2", "activities"), ("idx_deals_live_value", "deals"), ("idx_deals_live_sums2", "deals")] {
            m.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
        }
        m.create_index(activities_v1()).await?;
        m.create_index(sums_v1()).await
    }
}
