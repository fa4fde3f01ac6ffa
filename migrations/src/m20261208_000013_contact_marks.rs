//! `contact_marks` (issue 10, the reports' speed): per contact, the latest reply to an e-mail,
//! the latest conversion (a move to Customer or Loyal customer, or a won deal), the first move to
//! a customer stage and whether they were added as a customer; kept by SQLite triggers (see
//! `sqlite_marks`).

use crate::m20261123_000001_foundation::index;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261208_000013_contact_marks"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("contact_marks")
            .col(string_len("contact_id", 36).primary_key())
            .col(timestamp_with_time_zone_null("replied_at"))
            .col(timestamp_with_time_zone_null("converted_at"))
            .col(timestamp_with_time_zone_null("customer_since"))
            .col(boolean("added_customer").default(false))
            .foreign_key(ForeignKey::create().from("contact_marks", "contact_id").to("contacts", "id").on_delete(ForeignKeyAction::Cascade));
        m.create_table(t.to_owned()).await?;
        // The customers by when they became one (new customers in a period, the conversions).
        m.create_index(index("contact_marks", "idx_contact_marks_customers", &["customer_since", "added_customer", "contact_id"])).await?;
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for sql in crate::sqlite_marks::recount_statements().into_iter().chain(crate::sqlite_marks::trigger_statements()) {
                m.get_connection().execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for sql in crate::sqlite_marks::drop_trigger_statements() {
            m.get_connection().execute_unprepared(&sql).await?;
        }
        m.drop_table(Table::drop().table("contact_marks").to_owned()).await?;
        Ok(())
    }
}
