//! The change log behind each record's history and undo:
//! - `history_actions`: one row per thing a user did (create, update, delete, stage move, merge,
//!   import, undo …), with the record it was about and, for merges and imports, the row of
//!   `merges`/`imports` that knows how to undo it;
//! - `history_changes`: every row written during an action, as JSON before and after (written by
//!   triggers, see `sqlite_history.rs`);
//! - `history_open`: the action of the transaction that is writing (never visible outside it).

use crate::m20261123_000001_foundation::index;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000007_history"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing: a failure part-way leaves the schema as it was (SQLite runs DDL in transactions).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("history_actions")
                .col(big_integer("id").auto_increment().primary_key())
                .col(big_integer("at_ms"))
                .col(string("kind"))
                .col(string_null("entity"))
                .col(string_null("record_id"))
                .col(string_null("subject"))
                .col(string_null("ref_kind"))
                .col(string_null("ref_id"))
                .col(big_integer_null("undo_of"))
                .col(big_integer_null("undone_at_ms"))
                .col(big_integer_null("undone_by"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("history_changes")
                .col(big_integer("id").auto_increment().primary_key())
                .col(big_integer_null("action_id"))
                .col(big_integer("at_ms"))
                .col(string("table_name"))
                .col(string("record_id"))
                .col(string("owner_entity"))
                .col(string("owner_id"))
                .col(text_null("before_json"))
                .col(text_null("after_json"))
                .to_owned(),
        )
        .await?;
        m.create_table(Table::create().table("history_open").col(big_integer("action_id").primary_key()).to_owned()).await?;
        for i in [
            index("history_actions", "idx_history_actions_at", &["at_ms"]),
            index("history_actions", "idx_history_actions_record", &["entity", "record_id"]),
            index("history_changes", "idx_history_changes_action", &["action_id"]),
            index("history_changes", "idx_history_changes_owner", &["owner_entity", "owner_id"]),
            index("history_changes", "idx_history_changes_record", &["table_name", "record_id"]),
            index("history_changes", "idx_history_changes_at", &["at_ms"]),
        ] {
            m.create_index(i).await?;
        }
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for sql in crate::sqlite_history::create_statements(m.get_connection()).await? {
                m.get_connection().execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for sql in crate::sqlite_history::drop_statements() {
                m.get_connection().execute_unprepared(&sql).await?;
            }
        }
        for t in ["history_open", "history_changes", "history_actions"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
