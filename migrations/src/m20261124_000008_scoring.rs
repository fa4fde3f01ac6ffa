//! Qualification and the explainable lead score (issue 7, first part):
//! - on `contacts`, what the person answered (budget, authority, need, timeline), where the lead
//!   stands (`qualification`: new, working, qualified, disqualified with a reason) and a manual
//!   score override with its reason — all edits of the person, so they are in the history;
//! - `contact_scores`: the computed fit, engagement and total per contact (derived, rewritten
//!   by rescoring; kept apart so it never touches the contacts' triggers);
//! - `score_rules`: condition → points, in two parts (fit and engagement).

use crate::m20261123_000001_foundation::index;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000008_scoring"
    }
}

fn contact_columns() -> Vec<ColumnDef> {
    vec![
        string("qualification").default("new").to_owned(),
        text_null("disqualified_reason"),
        big_integer_null("budget_minor"),
        string_len_null("budget_currency", 3),
        // decision_maker, influencer or user
        string_null("authority"),
        // low, medium or high
        string_null("need_level"),
        text_null("need_note"),
        date_null("timeline_on"),
        integer_null("score_override"),
        text_null("score_override_reason"),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing: a failure part-way leaves the schema as it was (SQLite runs DDL in transactions).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in contact_columns() {
            m.alter_table(Table::alter().table("contacts").add_column(c).to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table("contact_scores")
                .col(string_len("contact_id", 36).primary_key())
                .col(integer("fit"))
                .col(integer("engagement"))
                .col(integer("total"))
                .col(timestamp_with_time_zone("computed_at"))
                .foreign_key(
                    ForeignKey::create()
                        .from("contact_scores", "contact_id")
                        .to("contacts", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index("contact_scores", "idx_contact_scores_total", &["total", "contact_id"])).await?;
        m.create_table(
            Table::create()
                .table("score_rules")
                .col(string_len("id", 36).primary_key())
                .col(string("name"))
                // fit or engagement (follows from the condition)
                .col(string("part"))
                .col(text("condition_json"))
                .col(integer("points"))
                .col(boolean("enabled").default(true))
                .col(integer("position"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        // The history triggers of `contacts` are rebuilt to include the new columns.
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for sql in crate::sqlite_history::create_statements(m.get_connection()).await? {
                m.get_connection().execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["score_rules", "contact_scores"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
