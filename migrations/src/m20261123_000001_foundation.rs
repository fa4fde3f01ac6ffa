//! Foundation schema: companies, contacts (with e-mails, phones, tags, lifecycle history),
//! lead sources, activities, app metadata and (SQLite only) the full-text search index.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000001_foundation"
    }
}

pub(crate) fn id() -> ColumnDef {
    string_len("id", 36).primary_key().to_owned()
}

pub(crate) fn stamps(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
}

fn address(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(string_null("street"))
        .col(string_null("city"))
        .col(string_null("region"))
        .col(string_null("postal_code"))
        .col(string_null("country"))
}

pub(crate) fn fk(from: (&'static str, &'static str), to: &'static str, on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to, "id")
        .on_delete(on_delete)
        .to_owned()
}

pub(crate) fn index(table: &'static str, name: &str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    i.to_owned()
}

/// A filter column followed by the columns the contacts list sorts by.
fn with_sorts(filter: &'static str) -> [&'static str; 8] {
    [filter, "last_name", "first_name", "id", "last_contacted_at", "next_follow_up_at", "created_at", "updated_at"]
}

/// An index over live rows only (`deleted_at IS NULL`).
pub(crate) fn live(table: &'static str, name: &str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = index(table, name, cols);
    i.and_where(Expr::col("deleted_at").is_null());
    i
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
                .table("app_meta")
                .col(string("key").primary_key())
                .col(text("value"))
                .to_owned(),
        )
        .await?;

        let mut t = Table::create();
        t.table("lead_sources")
            .col(id())
            .col(string("name"))
            .col(string_uniq("name_key"))
            .col(boolean("is_referral").default(false))
            .col(boolean("archived").default(false))
            .col(integer("position"));
        stamps(&mut t);
        m.create_table(t.to_owned()).await?;

        m.create_table(
            Table::create()
                .table("tags")
                .col(id())
                .col(string("name"))
                .col(string_uniq("name_key"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;

        let mut t = Table::create();
        t.table("companies")
            .col(id())
            .col(string("name"))
            .col(string_null("domain"))
            .col(string_null("industry"))
            .col(string_null("size_band"))
            .col(string_null("phone"))
            .col(string_null("owner"))
            .col(text_null("notes"));
        address(&mut t);
        stamps(&mut t).col(timestamp_with_time_zone_null("deleted_at"));
        m.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table("contacts")
            .col(id())
            .col(string("first_name"))
            .col(string("last_name"))
            .col(string_null("title"))
            .col(string_len_null("company_id", 36))
            .col(string_null("time_zone"))
            .col(string_null("owner"))
            .col(text_null("notes"))
            .col(string("lifecycle_stage"))
            .col(string_len_null("lead_source_id", 36))
            .col(string_len_null("referred_by_id", 36))
            .col(boolean("do_not_contact").default(false))
            .col(timestamp_with_time_zone_null("last_contacted_at"))
            .col(timestamp_with_time_zone_null("next_follow_up_at"))
            .foreign_key(&mut fk(("contacts", "company_id"), "companies", ForeignKeyAction::SetNull))
            .foreign_key(&mut fk(("contacts", "lead_source_id"), "lead_sources", ForeignKeyAction::SetNull))
            .foreign_key(&mut fk(("contacts", "referred_by_id"), "contacts", ForeignKeyAction::SetNull));
        address(&mut t);
        stamps(&mut t).col(timestamp_with_time_zone_null("deleted_at"));
        m.create_table(t.to_owned()).await?;

        for (table, col) in [("contact_emails", "email"), ("contact_phones", "phone")] {
            m.create_table(
                Table::create()
                    .table(table)
                    .col(id())
                    .col(string_len("contact_id", 36))
                    .col(string(col))
                    .col(string_null("label"))
                    .col(boolean("is_primary").default(false))
                    .col(integer("position"))
                    .foreign_key(&mut fk((table, "contact_id"), "contacts", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        }

        for (table, owner, owner_table) in [
            ("contact_tags", "contact_id", "contacts"),
            ("company_tags", "company_id", "companies"),
        ] {
            m.create_table(
                Table::create()
                    .table(table)
                    .col(string_len(owner, 36))
                    .col(string_len("tag_id", 36))
                    .primary_key(Index::create().col(owner).col("tag_id"))
                    .foreign_key(&mut fk((table, owner), owner_table, ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk((table, "tag_id"), "tags", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table("lifecycle_changes")
                .col(id())
                .col(string_len("contact_id", 36))
                .col(string_null("from_stage"))
                .col(string("to_stage"))
                .col(timestamp_with_time_zone("changed_at"))
                .foreign_key(&mut fk(("lifecycle_changes", "contact_id"), "contacts", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;

        let mut t = Table::create();
        t.table("activities")
            .col(id())
            .col(string("kind"))
            .col(string("subject"))
            .col(text_null("body"))
            .col(string_len_null("contact_id", 36))
            .col(string_len_null("company_id", 36))
            .col(timestamp_with_time_zone("occurred_at"))
            .col(timestamp_with_time_zone_null("due_at"))
            .col(timestamp_with_time_zone_null("completed_at"))
            .col(integer_null("duration_minutes"))
            .col(string_null("outcome"))
            .foreign_key(&mut fk(("activities", "contact_id"), "contacts", ForeignKeyAction::Cascade))
            .foreign_key(&mut fk(("activities", "company_id"), "companies", ForeignKeyAction::Cascade));
        stamps(&mut t).col(timestamp_with_time_zone_null("deleted_at"));
        m.create_table(t.to_owned()).await?;

        let indexes = [
            // The list reads live (not deleted) contacts only: partial indexes let counts and
            // sorted first pages be answered from the index alone.
            live("contacts", "idx_contacts_live_name", &["last_name", "first_name", "id"]),
            // Filter indexes carry every sortable column, so a filtered page is chosen from the
            // index alone (no table lookups), whichever sort is asked for.
            live("contacts", "idx_contacts_live_stage", &with_sorts("lifecycle_stage")),
            live("contacts", "idx_contacts_live_owner", &with_sorts("owner")),
            live("contacts", "idx_contacts_live_source", &with_sorts("lead_source_id")),
            live("contacts", "idx_contacts_live_company", &with_sorts("company_id")),
            live("contacts", "idx_contacts_live_contacted", &["last_contacted_at", "id"]),
            live("contacts", "idx_contacts_live_follow_up", &["next_follow_up_at", "id"]),
            live("contacts", "idx_contacts_live_created", &["created_at", "id"]),
            live("contacts", "idx_contacts_live_updated", &["updated_at", "id"]),
            index("contacts", "idx_contacts_company", &["company_id"]),
            index("contacts", "idx_contacts_referred_by", &["referred_by_id"]),
            index("contact_emails", "idx_contact_emails_contact", &["contact_id"]),
            index("contact_emails", "idx_contact_emails_email", &["email"]),
            index("contact_phones", "idx_contact_phones_contact", &["contact_id"]),
            index("contact_phones", "idx_contact_phones_phone", &["phone"]),
            index("contact_tags", "idx_contact_tags_tag", &["tag_id", "contact_id"]),
            index("company_tags", "idx_company_tags_tag", &["tag_id", "company_id"]),
            live("companies", "idx_companies_live_name", &["name", "id"]),
            live("companies", "idx_companies_live_updated", &["updated_at", "id"]),
            live("companies", "idx_companies_live_created", &["created_at", "id"]),
            index("lifecycle_changes", "idx_lifecycle_changes_contact", &["contact_id", "changed_at"]),
            index("activities", "idx_activities_contact", &["contact_id", "occurred_at"]),
            index("activities", "idx_activities_contact_kind", &["contact_id", "kind", "completed_at"]),
            index("activities", "idx_activities_company", &["company_id", "occurred_at"]),
            // Only tasks have a due date: this serves Today without competing with the
            // per-contact indexes in the planner's eyes.
            index("activities", "idx_activities_due", &["due_at", "completed_at"]),
        ];
        for i in indexes {
            m.create_index(i).await?;
        }

        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for sql in crate::sqlite_search::create_statements() {
                m.get_connection().execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for sql in crate::sqlite_search::drop_statements() {
                m.get_connection().execute_unprepared(&sql).await?;
            }
        }
        for t in [
            "activities", "lifecycle_changes", "company_tags", "contact_tags", "contact_phones",
            "contact_emails", "contacts", "companies", "tags", "lead_sources", "app_meta",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
