//! Nurturing sequences (issue 8):
//! - `email_templates` with merge fields, and `merge_fields` (custom ones with their value);
//! - `sequences` (send window, exit rules), their ordered `sequence_steps` (e-mail from a
//!   template with an optional B variant, call, task, wait; each with a delay) and
//!   `sequence_triggers` (enrol automatically on a lead source, a lifecycle stage, a pipeline
//!   stage, a segment, a tier);
//! - `enrolments` (one per sequence and contact, ever) and `enrolment_steps`, the steps each
//!   enrolment ran (one per step: its unique key keeps a step from running twice);
//! - `outbox`: e-mails waiting to go, being sent, sent or failed, each with a unique key (the
//!   enrolment step, the broadcast and contact), so nothing is sent twice;
//! - `broadcasts` (a one-off e-mail to a segment) and `holidays` (no sending on those days).
//!
//! A tier's default sequence is a trigger of kind `tier` on that sequence.

use crate::m20261123_000001_foundation::{fk, id, index, stamps};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000010_sequences"
    }
}

fn unique(table: &'static str, name: &str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = index(table, name, cols);
    i.unique();
    i
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing: a failure part-way leaves the schema as it was (SQLite runs DDL in transactions).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("email_templates").col(id()).col(string("name")).col(string("subject")).col(text("body"));
        stamps(&mut t);
        t.col(timestamp_with_time_zone_null("archived_at"));
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("merge_fields")
            .col(id())
            // what goes between the braces: {{booking_link}}
            .col(string("key"))
            .col(string("label"))
            .col(text("value"))
            .col(integer("position"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;
        m.create_index(unique("merge_fields", "idx_merge_fields_key", &["key"])).await?;

        let mut t = Table::create();
        t.table("sequences")
            .col(id())
            .col(string("name"))
            .col(text_null("description"))
            // active, paused, archived
            .col(string("status"))
            // days a step may fall on: bit 0 Monday … bit 6 Sunday (127: every day)
            .col(integer("window_days"))
            // minutes after midnight in the contact's time zone (NULL: any time of day)
            .col(integer_null("window_start"))
            .col(integer_null("window_end"))
            .col(boolean("exit_on_reply"))
            .col(boolean("exit_on_meeting"))
            .col(boolean("exit_on_deal_closed"))
            .col(boolean("exit_on_customer"))
            .col(boolean("exit_on_unsubscribe"))
            .col(boolean("exit_on_no_consent"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("sequence_steps")
            .col(id())
            .col(string_len("sequence_id", 36))
            .col(integer("position"))
            // email, call, task, wait
            .col(string("kind"))
            .col(integer("delay_days"))
            .col(boolean("business_days"))
            .col(string_len_null("template_id", 36))
            .col(string_len_null("template_b_id", 36))
            // call and task: what it is ("Call about the offer"), and the script or instructions
            .col(string_null("title"))
            .col(text_null("instructions"))
            .foreign_key(&mut fk(("sequence_steps", "sequence_id"), "sequences", ForeignKeyAction::Cascade));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;
        m.create_index(index("sequence_steps", "idx_sequence_steps_sequence", &["sequence_id", "position"])).await?;

        let mut t = Table::create();
        t.table("sequence_triggers")
            .col(id())
            .col(string_len("sequence_id", 36))
            // lead_source, lifecycle_stage, pipeline_stage, segment, tier
            .col(string("kind"))
            .col(string("value"))
            .foreign_key(&mut fk(("sequence_triggers", "sequence_id"), "sequences", ForeignKeyAction::Cascade));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("enrolments")
            .col(id())
            .col(string_len("sequence_id", 36))
            .col(string_len("contact_id", 36))
            // active, paused, finished, exited
            .col(string("status"))
            .col(string_null("exit_reason"))
            // how many steps are behind it (the next one's position)
            .col(integer("step_position"))
            // when the next step falls due (NULL while a call or task waits to be done)
            .col(timestamp_with_time_zone_null("next_due_at"))
            .col(string("enrolled_by"))
            .col(timestamp_with_time_zone("enrolled_at"))
            .col(timestamp_with_time_zone_null("ended_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk(("enrolments", "sequence_id"), "sequences", ForeignKeyAction::Cascade))
            .foreign_key(&mut fk(("enrolments", "contact_id"), "contacts", ForeignKeyAction::Cascade));
        m.create_table(t.to_owned()).await?;
        m.create_index(unique("enrolments", "idx_enrolments_once", &["sequence_id", "contact_id"])).await?;
        m.create_index(index("enrolments", "idx_enrolments_contact", &["contact_id"])).await?;
        // The scheduler's question: which active enrolments are due?
        let mut due = index("enrolments", "idx_enrolments_due", &["next_due_at", "id"]);
        due.and_where(Expr::col("status").eq("active")).and_where(Expr::col("next_due_at").is_not_null());
        m.create_index(due).await?;

        let mut t = Table::create();
        t.table("enrolment_steps")
            .col(id())
            .col(string_len("enrolment_id", 36))
            .col(string_len("step_id", 36))
            .col(integer("position"))
            .col(string("kind"))
            // a or b (e-mail steps with two templates)
            .col(string_len_null("variant", 1))
            .col(string_len_null("template_id", 36))
            .col(timestamp_with_time_zone("due_at"))
            // due (a call or task waiting on Today), queued (an e-mail in the outbox), done, skipped
            .col(string("status"))
            .col(string_len_null("outbox_id", 36))
            .col(string_len_null("activity_id", 36))
            .col(timestamp_with_time_zone_null("done_at"))
            .col(string_null("note"))
            .foreign_key(&mut fk(("enrolment_steps", "enrolment_id"), "enrolments", ForeignKeyAction::Cascade));
        m.create_table(t.to_owned()).await?;
        m.create_index(unique("enrolment_steps", "idx_enrolment_steps_once", &["enrolment_id", "step_id"])).await?;
        m.create_index(index("enrolment_steps", "idx_enrolment_steps_report", &["step_id", "variant", "status"])).await?;
        let mut waiting = index("enrolment_steps", "idx_enrolment_steps_due", &["due_at", "id"]);
        waiting.and_where(Expr::col("status").eq("due"));
        m.create_index(waiting).await?;

        let mut t = Table::create();
        t.table("outbox")
            .col(id())
            // step:<enrolment step>, broadcast:<broadcast>:<contact>, test:<id>, …
            .col(string("key"))
            .col(string_len_null("contact_id", 36))
            .col(string("to_address"))
            .col(string_null("to_name"))
            .col(string("subject"))
            .col(text("body_text"))
            .col(text("body_html"))
            // the consent it needs (marketing_email, newsletter), or NULL (a test e-mail)
            .col(string_null("purpose"))
            // queued, sending, sent, failed, uncertain, cancelled
            .col(string("status"))
            .col(integer("attempts"))
            // not before (caps, quiet hours and windows postpone)
            .col(timestamp_with_time_zone("send_after"))
            .col(string_null("last_error"))
            .col(string("message_id"))
            .col(string_null("source"))
            .col(string_len_null("enrolment_step_id", 36))
            .col(string_len_null("broadcast_id", 36))
            .col(string_len_null("activity_id", 36))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone_null("sent_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk(("outbox", "contact_id"), "contacts", ForeignKeyAction::SetNull));
        m.create_table(t.to_owned()).await?;
        m.create_index(unique("outbox", "idx_outbox_key", &["key"])).await?;
        m.create_index(index("outbox", "idx_outbox_status", &["status", "send_after"])).await?;
        // The frequency cap counts a contact's marketing e-mails of the last days.
        m.create_index(index("outbox", "idx_outbox_contact", &["contact_id", "send_after"])).await?;

        let mut t = Table::create();
        t.table("broadcasts")
            .col(id())
            .col(string("name"))
            .col(string_len("template_id", 36))
            .col(string_len("segment_id", 36))
            // the consent it needs: marketing_email or newsletter
            .col(string("purpose"))
            // draft, sent
            .col(string("status"))
            .col(integer("queued_count"))
            .col(integer("skipped_count"))
            .col(timestamp_with_time_zone_null("sent_at"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("holidays").col(id()).col(date("on_date")).col(string("name"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;
        m.create_index(unique("holidays", "idx_holidays_date", &["on_date"])).await?;

        // Recorded in the history (edits can be undone): templates, custom fields, sequences and
        // their steps and triggers, broadcasts, holidays.
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for sql in crate::sqlite_history::create_statements(m.get_connection()).await? {
                m.get_connection().execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "holidays", "broadcasts", "outbox", "enrolment_steps", "enrolments", "sequence_triggers", "sequence_steps", "sequences",
            "merge_fields", "email_templates",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
