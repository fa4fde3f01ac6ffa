//! Getting data in and out and keeping it clean:
//! - `external_id` on contacts, companies and deals (the id a record had in the tool it came
//!   from, so a re-import updates instead of duplicating);
//! - `bounced` on e-mail addresses (data hygiene);
//! - `imports` with every record each import created or changed (`import_items`, with the row
//!   before, so an import can be undone as a whole), the rows it rejected (`import_rejects`) and
//!   saved column mappings (`import_mappings`);
//! - `merges`: what a merge of duplicates changed, so it can be undone;
//! - `consents`: per contact and purpose, with source, date and wording (a history: the latest
//!   entry per purpose is the current state);
//! - `audit_log`: entries that must outlive the record they are about (an erasure), with no
//!   personal data in them.

use crate::m20261123_000001_foundation::{fk, id, index};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000006_data_in_out"
    }
}

const EXTERNAL: [&str; 3] = ["contacts", "companies", "deals"];
const TABLES: [&str; 7] = ["import_items", "import_rejects", "imports", "import_mappings", "merges", "consents", "audit_log"];

fn external_index(table: &'static str) -> IndexCreateStatement {
    let mut i = index(table, &format!("idx_{table}_external"), &["external_id"]);
    i.and_where(Expr::col("external_id").is_not_null());
    i
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing: a failure part-way leaves the schema as it was (SQLite runs DDL in transactions).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in EXTERNAL {
            m.alter_table(Table::alter().table(table).add_column(string_null("external_id")).to_owned()).await?;
            m.create_index(external_index(table)).await?;
        }
        m.alter_table(
            Table::alter().table("contact_emails").add_column(boolean("bounced").default(false)).to_owned(),
        )
        .await?;

        let mut t = Table::create();
        t.table("imports")
            .col(id())
            // contacts, companies, deals or activities
            .col(string("kind"))
            .col(string("file_name"))
            // done or undone
            .col(string("status"))
            // create_only, update or skip (what happens to a row matching an existing record)
            .col(string("rule"))
            .col(text("mapping_json"))
            .col(integer("created_count"))
            .col(integer("updated_count"))
            .col(integer("skipped_count"))
            .col(integer("rejected_count"))
            .col(timestamp_with_time_zone("started_at"))
            .col(timestamp_with_time_zone("finished_at"))
            .col(timestamp_with_time_zone_null("undone_at"));
        m.create_table(t.to_owned()).await?;

        m.create_table(
            Table::create()
                .table("import_items")
                .col(string_len("import_id", 36))
                // contact, company, deal or activity
                .col(string("entity"))
                .col(string_len("record_id", 36))
                // created or updated
                .col(string("action"))
                // The record as it was before an update (JSON); NULL for created records.
                .col(text_null("before_json"))
                .primary_key(Index::create().col("import_id").col("entity").col("record_id"))
                .foreign_key(&mut fk(("import_items", "import_id"), "imports", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("import_rejects")
                .col(string_len("import_id", 36))
                // 1-based data row number in the file (the header row is not counted)
                .col(integer("row_number"))
                .col(text("reason"))
                // The row's cells as read from the file (JSON array of strings)
                .col(text("cells_json"))
                .primary_key(Index::create().col("import_id").col("row_number"))
                .foreign_key(&mut fk(("import_rejects", "import_id"), "imports", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("import_mappings")
                .col(id())
                .col(string("kind"))
                .col(string("name"))
                .col(string("name_key"))
                .col(text("mapping_json"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        let mut i = index("import_mappings", "idx_import_mappings_name", &["kind", "name_key"]);
        m.create_index(i.unique().to_owned()).await?;

        m.create_table(
            Table::create()
                .table("merges")
                .col(id())
                // contact or company
                .col(string("entity"))
                .col(string_len("survivor_id", 36))
                // JSON array of the merged (trashed) record ids
                .col(text("merged_ids_json"))
                // Everything needed to undo: the survivor before, and each moved link
                .col(text("snapshot_json"))
                .col(timestamp_with_time_zone("merged_at"))
                .col(timestamp_with_time_zone_null("undone_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("merges", "idx_merges_survivor", &["survivor_id"])).await?;

        m.create_table(
            Table::create()
                .table("consents")
                .col(id())
                .col(string_len("contact_id", 36))
                // e.g. marketing_email, newsletter, phone_calls, sms
                .col(string("purpose"))
                .col(boolean("granted"))
                // where it was given: web form, in person, import, e-mail reply…
                .col(string("source"))
                // the wording the contact agreed to
                .col(text_null("wording"))
                .col(timestamp_with_time_zone("recorded_at"))
                .foreign_key(&mut fk(("consents", "contact_id"), "contacts", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("consents", "idx_consents_contact", &["contact_id", "purpose", "recorded_at"])).await?;

        m.create_table(
            Table::create()
                .table("audit_log")
                .col(id())
                // e.g. erase, import, import_undo, merge, merge_undo
                .col(string("action"))
                .col(string("entity"))
                // A description without personal data (counts, ids of records that still exist)
                .col(text("detail"))
                .col(timestamp_with_time_zone("at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("audit_log", "idx_audit_log_at", &["at"])).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        m.alter_table(Table::alter().table("contact_emails").drop_column("bounced").to_owned()).await?;
        for table in EXTERNAL {
            m.drop_index(Index::drop().name(format!("idx_{table}_external")).table(table).to_owned()).await?;
            m.alter_table(Table::alter().table(table).drop_column("external_id").to_owned()).await?;
        }
        Ok(())
    }
}
