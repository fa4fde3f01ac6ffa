//! How many live (not deleted) contacts and companies there are, kept by the database itself so
//! the unfiltered list total and the status bar never count 100k rows.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000002_live_counts"
    }
}

const TABLES: [&str; 2] = ["contacts", "companies"];

fn triggers(table: &str) -> Vec<String> {
    let bump = |delta: &str| format!("UPDATE live_counts SET n = n + ({delta}) WHERE name = '{table}';");
    vec![
        format!("CREATE TRIGGER {table}_count_ai AFTER INSERT ON {table} WHEN NEW.deleted_at IS NULL BEGIN {} END;", bump("1")),
        format!("CREATE TRIGGER {table}_count_ad AFTER DELETE ON {table} WHEN OLD.deleted_at IS NULL BEGIN {} END;", bump("-1")),
        format!(
            "CREATE TRIGGER {table}_count_au AFTER UPDATE OF deleted_at ON {table} \
             WHEN (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) BEGIN {} END;",
            bump("CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END")
        ),
    ]
}

/// SQLite: the statements that create the counting triggers (bulk writers drop them, write,
/// recount and put them back inside one transaction).
pub fn count_trigger_statements() -> Vec<String> {
    TABLES.iter().flat_map(|t| triggers(t)).collect()
}

pub fn drop_count_trigger_statements() -> Vec<String> {
    TABLES
        .iter()
        .flat_map(|t| ["ai", "ad", "au"].map(|suffix| format!("DROP TRIGGER IF EXISTS {t}_count_{suffix}")))
        .collect()
}

/// Counts every table again from its rows.
pub fn recount_statements() -> Vec<String> {
    TABLES
        .iter()
        .map(|t| format!("UPDATE live_counts SET n = (SELECT count(*) FROM {t} WHERE deleted_at IS NULL) WHERE name = '{t}'"))
        .collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing: a failure part-way leaves the schema as it was (SQLite runs DDL in transactions).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(Table::create().table("live_counts").col(string("name").primary_key()).col(big_integer("n")).to_owned())
            .await?;
        let db = m.get_connection();
        for t in TABLES {
            db.execute_unprepared(&format!(
                "INSERT INTO live_counts (name, n) SELECT '{t}', count(*) FROM {t} WHERE deleted_at IS NULL"
            ))
            .await?;
        }
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for t in TABLES {
                for sql in triggers(t) {
                    db.execute_unprepared(&sql).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for t in TABLES {
                for suffix in ["ai", "ad", "au"] {
                    m.get_connection().execute_unprepared(&format!("DROP TRIGGER IF EXISTS {t}_count_{suffix}")).await?;
                }
            }
        }
        m.drop_table(Table::drop().table("live_counts").to_owned()).await
    }
}
