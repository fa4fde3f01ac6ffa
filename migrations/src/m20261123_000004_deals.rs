//! The sales pipeline: pipelines with ordered stages, deals (with their contacts and line
//! items and tags), every stage move in `deal_stage_changes`, an editable list of lost reasons, and a
//! `deal_id` on activities so a deal has a timeline and a planned next step.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use crate::m20261123_000001_foundation::{fk, id, index, live, stamps};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000004_deals"
    }
}

const TABLES: [&str; 8] =
    ["deal_lines", "deal_tags", "deal_stage_changes", "deal_contacts", "deals", "lost_reasons", "pipeline_stages", "pipelines"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing: a failure part-way leaves the schema as it was (SQLite runs DDL in transactions).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("pipelines").col(id()).col(string("name")).col(integer("position"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("pipeline_stages")
            .col(id())
            .col(string_len("pipeline_id", 36))
            .col(string("name"))
            .col(integer("position"))
            // "open", "won" or "lost": every pipeline has exactly one won and one lost stage.
            .col(string("kind"))
            .col(integer("probability"))
            .col(integer_null("rotting_days"))
            .foreign_key(&mut fk(("pipeline_stages", "pipeline_id"), "pipelines", ForeignKeyAction::Cascade));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("lost_reasons")
            .col(id())
            .col(string("name"))
            .col(string_uniq("name_key"))
            .col(boolean("archived").default(false))
            .col(integer("position"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("deals")
            .col(id())
            .col(string("title"))
            .col(string_len("pipeline_id", 36))
            .col(string_len("stage_id", 36))
            // "open", "won" or "lost", the kind of its stage (kept here so lists filter cheaply).
            .col(string("status"))
            .col(string_len_null("company_id", 36))
            .col(string_null("owner"))
            .col(big_integer("value_minor"))
            .col(string_len("currency", 3))
            .col(date_null("expected_close"))
            // An override of the stage's probability; NULL follows the stage.
            .col(integer_null("probability"))
            .col(string_len_null("source_id", 36))
            .col(string_null("next_step"))
            .col(string_len_null("lost_reason_id", 36))
            .col(text_null("lost_note"))
            .col(text_null("notes"))
            // Order within the stage's column (ascending); new and moved cards get a rank between
            // their neighbours.
            .col(double("rank"))
            .col(timestamp_with_time_zone("stage_entered_at"))
            .col(timestamp_with_time_zone_null("closed_at"))
            // Bumped on every write: a move or edit names the version it saw (stale → conflict).
            .col(integer("version"))
            .foreign_key(&mut fk(("deals", "pipeline_id"), "pipelines", ForeignKeyAction::Restrict))
            .foreign_key(&mut fk(("deals", "stage_id"), "pipeline_stages", ForeignKeyAction::Restrict))
            .foreign_key(&mut fk(("deals", "company_id"), "companies", ForeignKeyAction::SetNull))
            .foreign_key(&mut fk(("deals", "source_id"), "lead_sources", ForeignKeyAction::SetNull))
            .foreign_key(&mut fk(("deals", "lost_reason_id"), "lost_reasons", ForeignKeyAction::Restrict));
        stamps(&mut t).col(timestamp_with_time_zone_null("deleted_at"));
        m.create_table(t.to_owned()).await?;

        m.create_table(
            Table::create()
                .table("deal_contacts")
                .col(string_len("deal_id", 36))
                .col(string_len("contact_id", 36))
                .col(integer("position"))
                .primary_key(Index::create().col("deal_id").col("contact_id"))
                .foreign_key(&mut fk(("deal_contacts", "deal_id"), "deals", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("deal_contacts", "contact_id"), "contacts", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("deal_tags")
                .col(string_len("deal_id", 36))
                .col(string_len("tag_id", 36))
                .primary_key(Index::create().col("deal_id").col("tag_id"))
                .foreign_key(&mut fk(("deal_tags", "deal_id"), "deals", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk(("deal_tags", "tag_id"), "tags", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        // Stage ids here carry no foreign key: history outlives a removed stage, and the names
        // at the time are kept beside them.
        m.create_table(
            Table::create()
                .table("deal_stage_changes")
                .col(id())
                .col(string_len("deal_id", 36))
                .col(string_len_null("from_stage_id", 36))
                .col(string_null("from_stage_name"))
                .col(string_len("to_stage_id", 36))
                .col(string("to_stage_name"))
                .col(string("to_status"))
                .col(timestamp_with_time_zone("changed_at"))
                .col(string_null("changed_by"))
                .foreign_key(&mut fk(("deal_stage_changes", "deal_id"), "deals", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        let mut t = Table::create();
        t.table("deal_lines")
            .col(id())
            .col(string_len("deal_id", 36))
            .col(string("name"))
            .col(integer("quantity"))
            .col(big_integer("unit_price_minor"))
            .col(integer("discount_percent").default(0))
            .col(integer("position"))
            // Linked once the orders capability brings a product catalogue.
            .col(string_len_null("product_id", 36))
            .foreign_key(&mut fk(("deal_lines", "deal_id"), "deals", ForeignKeyAction::Cascade));
        m.create_table(t.to_owned()).await?;

        // Plain SQL that both SQLite and PostgreSQL accept (SQLite cannot add a constraint later).
        m.get_connection()
            .execute_unprepared("ALTER TABLE activities ADD COLUMN deal_id varchar(36) NULL REFERENCES deals(id) ON DELETE CASCADE")
            .await?;

        let indexes = [
            index("pipelines", "idx_pipelines_position", &["position"]),
            index("pipeline_stages", "idx_pipeline_stages_pipeline", &["pipeline_id", "position"]),
            // A board column in order; and the column headers (count, sums) from the index alone.
            live("deals", "idx_deals_live_column", &["stage_id", "rank", "id"]),
            live("deals", "idx_deals_live_sums", &["pipeline_id", "stage_id", "currency", "value_minor", "probability"]),
            live("deals", "idx_deals_live_status", &["pipeline_id", "status", "updated_at", "id"]),
            live("deals", "idx_deals_live_close", &["pipeline_id", "expected_close", "id"]),
            index("deals", "idx_deals_company", &["company_id"]),
            index("deals", "idx_deals_owner", &["owner"]),
            index("deals", "idx_deals_trash", &["deleted_at", "id"]),
            index("deal_contacts", "idx_deal_contacts_contact", &["contact_id", "deal_id"]),
            index("deal_tags", "idx_deal_tags_tag", &["tag_id", "deal_id"]),
            index("deal_stage_changes", "idx_deal_stage_changes_deal", &["deal_id", "changed_at"]),
            index("deal_lines", "idx_deal_lines_deal", &["deal_id", "position"]),
            // "Has a planned next activity?" reads a deal's few activities from this index alone.
            live("activities", "idx_activities_deal", &["deal_id", "kind", "completed_at", "due_at", "occurred_at"]),
        ];
        for i in indexes {
            m.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("idx_activities_deal").table("activities").to_owned()).await?;
        let db = m.get_connection();
        db.execute_unprepared("UPDATE activities SET deal_id = NULL").await?;
        // SQLite cannot drop a column that carries a foreign key: there it stays, always NULL.
        if m.get_database_backend() != sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            db.execute_unprepared("ALTER TABLE activities DROP COLUMN deal_id").await?;
        }
        for t in TABLES {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
