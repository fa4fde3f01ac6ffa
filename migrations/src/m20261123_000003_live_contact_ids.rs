//! A narrow index of live contacts by id, carrying the columns the contacts list sorts by.
//! Filters that arrive as a set of ids (a tag's contacts, later a segment's) check "is this
//! contact live?" and read its sort key from this index alone: one probe per id instead of two
//! (the id index, then the table row). On the reference data this halves the tag-filtered list.
//! And indexes of the contacts and companies in the trash, so "how many of a tag's rows are
//! deleted" (and the trash itself) reads only the trash.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000003_live_contact_ids"
    }
}

const NAME: &str = "idx_contacts_live_id";
const TRASH: &str = "idx_contacts_trash";
const COMPANY_TRASH: &str = "idx_companies_trash";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing: a failure part-way leaves the schema as it was (SQLite runs DDL in transactions).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut i = Index::create();
        i.name(NAME).table("contacts");
        // `deleted_at` is listed so SQLite sees the index as covering for the partial condition.
        for c in ["id", "deleted_at", "created_at", "updated_at", "last_name", "first_name", "last_contacted_at", "next_follow_up_at"] {
            i.col(c);
        }
        i.and_where(Expr::col("deleted_at").is_null());
        m.create_index(i).await?;
        for (name, table) in [(TRASH, "contacts"), (COMPANY_TRASH, "companies")] {
            let mut t = Index::create();
            t.name(name).table(table).col("deleted_at").col("id");
            t.and_where(Expr::col("deleted_at").is_not_null());
            m.create_index(t).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name(COMPANY_TRASH).table("companies").to_owned()).await?;
        m.drop_index(Index::drop().name(TRASH).table("contacts").to_owned()).await?;
        m.drop_index(Index::drop().name(NAME).table("contacts").to_owned()).await
    }
}
