//! Everything SQLite-specific lives here: opening the file with the right PRAGMAs, running the
//! migrator, and full-text search over the FTS5 index the migrations create. The rest of the
//! domain speaks sea-orm/sea-query only, so it can later run on PostgreSQL.

use crate::error::CoreResult;
use hearth_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement, Value};
use std::path::Path;
use std::time::Duration;

/// Opens (creating if missing) the database file with WAL, foreign keys, a busy timeout and
/// `synchronous=FULL`, then brings the schema up to date.
pub async fn open(path: &Path) -> CoreResult<DatabaseConnection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| crate::CoreError::Storage {
            message: format!("cannot create the data folder {}: {e}", dir.display()),
        })?;
    }
    let path = path.to_path_buf();
    let mut opts = ConnectOptions::new("sqlite://hearth.db");
    opts.sqlx_logging(false).map_sqlx_sqlite_opts(move |o| {
        o.filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .pragma("cache_size", format!("-{DEFAULT_CACHE_KIB}"))
            .pragma("temp_store", "memory")
    });
    connect(opts).await
}

/// A private in-memory database with the full schema (tests, benchmarks of pure logic).
pub async fn open_in_memory() -> CoreResult<DatabaseConnection> {
    let mut opts = ConnectOptions::new("sqlite::memory:");
    opts.sqlx_logging(false)
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(Option::<Duration>::None)
        .max_lifetime(Option::<Duration>::None)
        .map_sqlx_sqlite_opts(|o| o.foreign_keys(true));
    connect(opts).await
}

async fn connect(opts: ConnectOptions) -> CoreResult<DatabaseConnection> {
    let db = Database::connect(opts).await?;
    Migrator::up(&db, None).await?;
    // Lets SQLite refresh planner statistics that are missing or stale (cheap when current).
    db.execute_unprepared("PRAGMA optimize = 0x10002").await?;
    Ok(db)
}

/// Reads one PRAGMA's value as text (used by tests and diagnostics).
pub async fn pragma(db: &DatabaseConnection, name: &str) -> CoreResult<String> {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, format!("PRAGMA {name}")))
        .await?
        .ok_or_else(|| crate::CoreError::Storage { message: format!("PRAGMA {name} returned nothing") })?;
    let v: Result<String, _> = row.try_get_by_index(0);
    Ok(match v {
        Ok(s) => s,
        Err(_) => row.try_get_by_index::<i64>(0)?.to_string(),
    })
}

/// Which index a search reads.
#[derive(Clone, Copy, Debug)]
pub enum SearchIndex {
    Contacts,
    Companies,
}

/// Turns what a person typed into an FTS5 query: every word becomes a prefix term, all must
/// match. Returns `None` when nothing searchable is left. Short input (under three characters
/// in all) only looks at names, which keeps one-letter searches fast and relevant.
pub fn match_expression(input: &str, index: SearchIndex) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    if words.is_empty() {
        return None;
    }
    let joined = words.join(" AND ");
    let letters: usize = input.chars().filter(|c| c.is_alphanumeric()).count();
    if letters < 3 {
        let cols = match index {
            SearchIndex::Contacts => "{name company}",
            SearchIndex::Companies => "{name}",
        };
        Some(format!("{cols} : ({joined})"))
    } else {
        Some(joined)
    }
}

/// The SQL and the FTS5 match expression of one index search (shared with the benchmark's raw
/// SQLite comparison, so both run the very same statement). `None` when nothing is searchable.
pub fn search_sql(index: SearchIndex, input: &str) -> Option<(String, String)> {
    let expr = match_expression(input, index)?;
    let (fts, table) = match index {
        SearchIndex::Contacts => ("contacts_fts", "contacts"),
        SearchIndex::Companies => ("companies_fts", "companies"),
    };
    let short = input.chars().filter(|c| c.is_alphanumeric()).count() < 3;
    // Ranking every match of a one- or two-letter prefix costs more than it helps: take the
    // first matches in index order instead.
    let order = if short { "" } else { "ORDER BY f.rank" };
    let sql = format!("SELECT t.id FROM {fts} f JOIN {table} t ON t.rowid = f.rowid WHERE {fts} MATCH ? {order} LIMIT ?");
    Some((sql, expr))
}

/// The ids of the best matches in one index, best first.
pub async fn search_ids<C: ConnectionTrait>(
    db: &C,
    index: SearchIndex,
    input: &str,
    limit: u64,
) -> CoreResult<Vec<String>> {
    let Some((sql, expr)) = search_sql(index, input) else { return Ok(vec![]) };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            sql,
            [Value::from(expr), Value::from(limit as i64)],
        ))
        .await?;
    rows.iter().map(|r| r.try_get_by_index::<String>(0).map_err(Into::into)).collect()
}

/// A WHERE condition limiting `alias` (a contacts or companies table alias) to the rows that
/// match the typed text in the search index. `None` when the text has nothing searchable.
pub fn text_filter(index: SearchIndex, alias: &str, input: &str) -> Option<sea_orm::sea_query::Expr> {
    let expr = match_expression(input, index)?;
    let fts = match index {
        SearchIndex::Contacts => "contacts_fts",
        SearchIndex::Companies => "companies_fts",
    };
    Some(sea_orm::sea_query::Expr::cust_with_values(
        format!("{alias}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)"),
        [expr],
    ))
}

/// Bulk writers (the reference-data generator, later the importer) drop the search triggers,
/// write many rows, then call [`resume_search_index`] inside the same transaction: one rebuild
/// instead of one index update per row.
pub async fn suspend_search_index<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    for sql in hearth_migrations::sqlite_search::drop_trigger_statements() {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// Checks foreign keys at commit instead of per statement, so a bulk writer may insert
/// children before their parents' batch is flushed (the transaction still fails as a whole).
pub async fn defer_foreign_keys<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    db.execute_unprepared("PRAGMA defer_foreign_keys = ON").await?;
    Ok(())
}

/// A bigger page cache for a bulk load (pass `None` afterwards to return to the default), so
/// a large transaction does not spill pages to disk before it commits.
pub async fn bulk_cache<C: ConnectionTrait>(db: &C, on: bool) -> CoreResult<()> {
    let kib = if on { 512_000 } else { DEFAULT_CACHE_KIB };
    db.execute_unprepared(&format!("PRAGMA cache_size = -{kib}")).await?;
    Ok(())
}

/// The page cache of an open database, in KiB.
pub const DEFAULT_CACHE_KIB: u32 = 16_000;

/// Rebuilds the whole search index and puts the triggers back.
pub async fn resume_search_index<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    use hearth_migrations::sqlite_search::{reindex_companies, reindex_contacts, trigger_statements};
    db.execute_unprepared("DELETE FROM contacts_fts").await?;
    db.execute_unprepared("DELETE FROM companies_fts").await?;
    db.execute_unprepared(&reindex_contacts("1 = 1")).await?;
    db.execute_unprepared(&reindex_companies("1 = 1")).await?;
    for sql in trigger_statements() {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// Refreshes the query planner's statistics after a bulk load.
pub async fn analyze<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    db.execute_unprepared("ANALYZE").await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_expressions() {
        assert_eq!(match_expression("  ", SearchIndex::Contacts), None);
        assert_eq!(match_expression("jo", SearchIndex::Contacts).unwrap(), "{name company} : (\"jo\"*)");
        assert_eq!(match_expression("Jane Do", SearchIndex::Contacts).unwrap(), "\"jane\"* AND \"do\"*");
        assert_eq!(match_expression("a\"b OR c", SearchIndex::Companies).unwrap(), "\"a\"* AND \"b\"* AND \"or\"* AND \"c\"*");
    }
}
