//! Priority tiers, personas and segments (issue 7, second part):
//! - `tiers`: A, B and C, each with a rule (a filter as JSON; none for "everyone else") and its
//!   handling (a default follow-up time in days, a support level);
//! - `personas`: named profiles (description, goals, pain points, preferred channels) with an
//!   optional rule; `contacts.persona_id` holds a persona chosen by hand;
//! - `segments`: saved filters (JSON), whose members are always computed;
//! - on `contact_scores` (derived per contact): the tier and the persona in effect (chosen by
//!   hand, else the first persona whose rule matches), so lists filter by them through an index.

use crate::m20261123_000001_foundation::{id, index, stamps};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000009_segments"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing: a failure part-way leaves the schema as it was (SQLite runs DDL in transactions).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("tiers")
            // a, b or c
            .col(string_len("id", 1).primary_key())
            .col(string("name"))
            .col(text_null("description"))
            // NULL: everyone not in a tier above
            .col(text_null("filter_json"))
            .col(integer("follow_up_days"))
            .col(string_null("support_level"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("personas")
            .col(id())
            .col(string("name"))
            .col(text_null("description"))
            .col(text_null("goals"))
            .col(text_null("pain_points"))
            // JSON array: email, phone, meeting, in_person, social, text_message
            .col(text("channels_json"))
            .col(text_null("filter_json"))
            .col(integer("position"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("segments").col(id()).col(string("name")).col(text_null("description")).col(text("filter_json")).col(integer("position"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        m.alter_table(Table::alter().table("contacts").add_column(string_len_null("persona_id", 36)).to_owned()).await?;
        for c in [string_len_null("tier", 1), string_len_null("persona_id", 36)] {
            m.alter_table(Table::alter().table("contact_scores").add_column(c).to_owned()).await?;
        }
        m.create_index(index("contact_scores", "idx_contact_scores_tier", &["tier", "contact_id"])).await?;
        m.create_index(index("contact_scores", "idx_contact_scores_persona", &["persona_id", "contact_id"])).await?;
        // Personas given by hand: few contacts, found without reading them all.
        let mut by_hand = index("contacts", "idx_contacts_persona", &["persona_id"]);
        by_hand.and_where(Expr::col("persona_id").is_not_null());
        m.create_index(by_hand).await?;
        // The history triggers: `contacts` has a new column; tiers, personas and segments are
        // recorded too (so their edits can be undone).
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for sql in crate::sqlite_history::create_statements(m.get_connection()).await? {
                m.get_connection().execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["segments", "personas", "tiers"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
