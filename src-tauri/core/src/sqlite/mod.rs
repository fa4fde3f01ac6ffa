//! Everything SQLite-specific lives here: opening the file with the right PRAGMAs, running the
//! migrator, and full-text search over the FTS5 index the migrations create. The rest of the
//! domain speaks sea-orm/sea-query only, so it can later run on PostgreSQL.

use crate::error::{CoreResult, DbProblem};
use hearth_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement, Value};
use std::path::Path;
use std::time::Duration;

/// Rows the driver may hand over without waiting: the largest page any list asks for.
const ROW_BUFFER: usize = 512;

/// Connections in the pool of the app's database file.
pub const MAX_CONNECTIONS: u32 = 3;

/// Opens (creating if missing) the database file with WAL, foreign keys, a busy timeout and
/// `synchronous=FULL`, without migrating it. A damaged file, or one that is not a database, is
/// reported as [`DbProblem::Damaged`].
pub async fn open_file(path: &Path) -> CoreResult<DatabaseConnection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| crate::CoreError::Storage {
            message: format!("cannot create the data folder {}: {e}", dir.display()),
        })?;
    }
    let shown = path.display().to_string();
    let path = path.to_path_buf();
    let mut opts = ConnectOptions::new("sqlite://hearth.db");
    // One person uses the app: a few connections serve the UI's parallel page fetches, and
    // each connection keeps its own page cache, so the pool's size bounds the memory.
    opts.sqlx_logging(false)
        .max_connections(MAX_CONNECTIONS)
        .min_connections(1)
        // A file on this machine does not go stale like a network connection: no ping per query.
        .test_before_acquire(false)
        .map_sqlx_sqlite_opts(move |o| {
        o.filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .pragma("cache_size", format!("-{DEFAULT_CACHE_KIB}"))
            .pragma("temp_store", "memory")
            // Pages are read straight from the OS file cache instead of being copied in by a
            // read() each: reports that range over 100k+ rows spent most of their time in those
            // system calls (e.g. 0.47 → 0.28 s for a year of orders on the reference data).
            .pragma("mmap_size", MMAP_BYTES.to_string())
            // The driver hands rows over from its worker thread through a channel of this size;
            // at the default (50) a page of 100 rows stalled the worker halfway.
            .row_buffer_size(ROW_BUFFER)
    });
    Database::connect(opts).await.map_err(|e| {
        if is_damage(&e) {
            crate::CoreError::database(
                DbProblem::Damaged,
                format!("The database at {shown} is damaged or is not a Hearth database (SQLite says: {}).", sqlite_words(&e)),
            )
        } else {
            e.into()
        }
    })
}

/// What SQLite itself said, without the driver's wrapping ("…(code: 26) file is not a database").
fn sqlite_words(e: &sea_orm::DbErr) -> String {
    let text = e.to_string();
    match text.rfind(") ") {
        Some(i) if text[..i].contains("(code:") => text[i + 2..].to_string(),
        _ => text,
    }
}

/// The names of the migrations this build knows, oldest first.
pub fn known_migrations() -> Vec<String> {
    Migrator::migrations().iter().map(|m| m.name().to_string()).collect()
}

/// Brings the schema up to date (each migration in its own transaction) and refreshes the
/// planner's statistics.
pub async fn migrate(db: &DatabaseConnection) -> CoreResult<()> {
    Migrator::up(db, None).await?;
    // Lets SQLite refresh planner statistics that are missing or stale (cheap when current).
    db.execute_unprepared("PRAGMA optimize = 0x10002").await?;
    Ok(())
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
    migrate(&db).await?;
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

/// Which columns of an index a search looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Names only (a contact's name and title, a company's name, industry and city).
    Names,
    /// Every indexed column: e-mails, phones, company, tags, notes too.
    Everything,
}

fn letters(input: &str) -> usize {
    input.chars().filter(|c| c.is_alphanumeric()).count()
}

/// Turns what a person typed into an FTS5 query: every word becomes a prefix term, all must
/// match. Returns `None` when nothing searchable is left.
pub fn match_expression(input: &str, scope: Scope) -> Option<String> {
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
    Some(match scope {
        Scope::Names => format!("{{name}} : ({joined})"),
        Scope::Everything => joined,
    })
}

/// The statements of one index search, to run in order until `limit` distinct ids are found:
/// names first (what people type most), then — from three characters on — every column.
/// Matches come newest first, straight from the index: ranking every match of a short prefix
/// would cost more than it tells. Shared with the benchmark's raw SQLite comparison.
pub fn search_statements(index: SearchIndex, input: &str) -> Vec<(String, String)> {
    let (fts, table) = match index {
        SearchIndex::Contacts => ("contacts_fts", "contacts"),
        SearchIndex::Companies => ("companies_fts", "companies"),
    };
    let sql = format!("SELECT t.id FROM {fts} f JOIN {table} t ON t.rowid = f.rowid WHERE {fts} MATCH ? ORDER BY f.rowid DESC LIMIT ?");
    let scopes: &[Scope] = if letters(input) < 3 { &[Scope::Names] } else { &[Scope::Names, Scope::Everything] };
    scopes.iter().filter_map(|s| match_expression(input, *s)).map(|expr| (sql.clone(), expr)).collect()
}

/// The ids of the matches in one index, names first, newest first.
pub async fn search_ids<C: ConnectionTrait>(
    db: &C,
    index: SearchIndex,
    input: &str,
    limit: u64,
) -> CoreResult<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for (sql, expr) in search_statements(index, input) {
        if ids.len() as u64 >= limit {
            break;
        }
        // Ask for enough to fill the page even when the first statement's ids come back again.
        let want = limit + ids.len() as u64;
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [Value::from(expr), Value::from(want as i64)]))
            .await?;
        for r in rows {
            let id: String = r.try_get_by_index(0)?;
            if !ids.contains(&id) && (ids.len() as u64) < limit {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

/// A WHERE condition limiting `alias` (a contacts or companies table alias) to the rows that
/// match the typed text in the search index. `None` when the text has nothing searchable.
pub fn text_filter(index: SearchIndex, alias: &str, input: &str) -> Option<sea_orm::sea_query::Expr> {
    let scope = if letters(input) < 3 { Scope::Names } else { Scope::Everything };
    let expr = match_expression(input, scope)?;
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

/// The reference-data generator also drops the triggers that keep `touch_days` (activities per
/// day, kind and owner) and `contact_marks` (latest reply and conversion per contact) and works
/// them out once at the end with [`resume_kept_aggregates`].
pub async fn suspend_kept_aggregates<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    use hearth_migrations::{sqlite_marks, sqlite_touches};
    for sql in sqlite_touches::drop_trigger_statements().into_iter().chain(sqlite_marks::drop_trigger_statements()) {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

pub async fn resume_kept_aggregates<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    use hearth_migrations::{sqlite_marks, sqlite_touches};
    let statements = [sqlite_touches::recount_statements(), sqlite_touches::trigger_statements(), sqlite_marks::recount_statements(), sqlite_marks::trigger_statements()];
    for sql in statements.concat() {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// Bulk writers also drop the triggers that keep the live counts (one `UPDATE live_counts` per
/// row costs more than the row itself) and call [`resume_live_counts`] before committing.
pub async fn suspend_live_counts<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    for sql in hearth_migrations::live_counts::drop_count_trigger_statements() {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// Counts the live rows again and puts the counting triggers back.
pub async fn resume_live_counts<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    use hearth_migrations::live_counts::{count_trigger_statements, recount_statements};
    for sql in recount_statements().into_iter().chain(count_trigger_statements()) {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// A bigger page cache for a bulk load (`false` afterwards returns to the default), so a large
/// transaction does not spill pages to disk before it commits. It also bounds what a load of
/// any size holds in SQLite's cache.
pub async fn bulk_cache<C: ConnectionTrait>(db: &C, on: bool) -> CoreResult<()> {
    let kib = if on { BULK_CACHE_KIB } else { DEFAULT_CACHE_KIB };
    db.execute_unprepared(&format!("PRAGMA cache_size = -{kib}")).await?;
    // With temporary storage in memory, SQLite's sorter never writes to disk: rebuilding an
    // index over millions of rows would hold all of it in memory. For the load, sorts beyond
    // the cache's size go to temporary files. (SQLite refuses the change while this connection
    // has a temporary table open; then the setting stays as it is.)
    let store = if on { "FILE" } else { "MEMORY" };
    let _ = db.execute_unprepared(&format!("PRAGMA temp_store = {store}")).await;
    Ok(())
}

/// The page cache of a bulk load, in KiB (the 100k-row import dirties ~580 MB of pages; 512 MB
/// and 2 GB measured the same there, within this machine's spread).
pub const BULK_CACHE_KIB: u32 = 512_000;

/// The page cache of each connection, in KiB. With [`MAX_CONNECTIONS`] connections SQLite holds
/// at most ~12 MiB; pages beyond it come from the operating system's file cache, at a few
/// microseconds each (the bench at 100k contacts showed no difference against 16 MB).
pub const DEFAULT_CACHE_KIB: u32 = 4_000;
/// How much of the database file each connection maps into memory (address space, not RAM:
/// the pages stay in the OS file cache, shared between connections). SQLite's own ceiling
/// (`SQLITE_MAX_MMAP_SIZE`, just under 2 GiB): the reference database is 1.4 GB, and with 1 GiB
/// its last pages went through `read()` into the small page cache (reports ~15 % slower).
pub const MMAP_BYTES: u64 = 0x7fff_0000;

/// Drops the secondary indexes of `tables` for a bulk load and returns the statements that
/// recreate them: building an index once from sorted rows is far cheaper than updating it on
/// every insert once the tables outgrow the page cache.
pub async fn drop_indexes<C: ConnectionTrait>(db: &C, tables: &[&str]) -> CoreResult<Vec<String>> {
    let list = tables.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(", ");
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({list})"),
        ))
        .await?;
    let mut create = Vec::new();
    for r in rows {
        let name: String = r.try_get_by_index(0)?;
        create.push(r.try_get_by_index::<String>(1)?);
        db.execute_unprepared(&format!("DROP INDEX \"{name}\"")).await?;
    }
    Ok(create)
}

/// Puts back what [`drop_indexes`] took away.
pub async fn create_indexes<C: ConnectionTrait>(db: &C, statements: &[String]) -> CoreResult<()> {
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

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

/// A table's column names in schema order (the full export writes every column there is).
pub async fn table_columns<C: ConnectionTrait>(db: &C, table: &str) -> CoreResult<Vec<String>> {
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "SELECT name FROM pragma_table_info(?) ORDER BY cid",
            [Value::from(table.to_string())],
        ))
        .await?;
    rows.iter().map(|r| r.try_get_by_index::<String>(0).map_err(Into::into)).collect()
}

/// Like [`resume_search_index`] after a bulk write that touched only some rows (an import):
/// indexes just the contacts and companies matching each pair of conditions (on the table
/// aliased `c`: contacts, and companies when given), then puts the triggers back. Inside the writer's
/// transaction, so a rollback undoes it all.
pub async fn resume_search_index_for<C: ConnectionTrait>(db: &C, filters: &[(String, Option<String>)]) -> CoreResult<()> {
    use hearth_migrations::sqlite_search::{index_companies, index_contacts, trigger_statements, unindex_companies, unindex_contacts};
    // FTS5 keeps new entries in memory up to `hashsize` bytes (1 MB by default), then writes a
    // segment and merges segments: with room for the whole batch it writes a few large ones.
    // It also writes them out whenever a row comes with a lower rowid than the one before, so
    // every old row is removed first and the new ones are added in rowid order.
    for t in ["contacts_fts", "companies_fts"] {
        db.execute_unprepared(&format!("INSERT INTO {t}({t}, rank) VALUES ('hashsize', {BULK_FTS_HASH})")).await?;
    }
    for (contacts_where, companies_where) in filters {
        db.execute_unprepared(&unindex_contacts(contacts_where)).await?;
        if let Some(companies_where) = companies_where {
            db.execute_unprepared(&unindex_companies(companies_where)).await?;
        }
    }
    for (contacts_where, _) in filters {
        db.execute_unprepared(&index_contacts(contacts_where, " ORDER BY c.rowid")).await?;
    }
    for companies_where in filters.iter().filter_map(|f| f.1.as_ref()) {
        db.execute_unprepared(&index_companies(companies_where, " ORDER BY c.rowid")).await?;
    }
    for t in ["contacts_fts", "companies_fts"] {
        db.execute_unprepared(&format!("INSERT INTO {t}({t}, rank) VALUES ('hashsize', {DEFAULT_FTS_HASH})")).await?;
    }
    for sql in trigger_statements() {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// FTS5's in-memory buffer of new entries: its default, and while an import indexes its rows.
const DEFAULT_FTS_HASH: u32 = 1024 * 1024;
const BULK_FTS_HASH: u32 = 256 * 1024 * 1024;

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
        assert_eq!(match_expression("  ", Scope::Names), None);
        assert_eq!(match_expression("jo", Scope::Names).unwrap(), "{name} : (\"jo\"*)");
        assert_eq!(match_expression("Jane Do", Scope::Everything).unwrap(), "\"jane\"* AND \"do\"*");
        assert_eq!(match_expression("a\"b OR c", Scope::Everything).unwrap(), "\"a\"* AND \"b\"* AND \"or\"* AND \"c\"*");
        assert_eq!(search_statements(SearchIndex::Contacts, "jo").len(), 1, "short input: names only");
        assert_eq!(search_statements(SearchIndex::Contacts, "joh").len(), 2);
        assert!(search_statements(SearchIndex::Contacts, "--").is_empty());
    }
}


mod rows;
pub use rows::{insert_json, memory_used, packed_rows, upsert_json};

mod snapshot;
pub use snapshot::{data_version, integrity_check, open_snapshot, quick_check, read_info, snapshot_into, verify_open, verify_snapshot, SnapshotInfo};

mod scratch;
pub use scratch::KeyStore;

mod safety;
pub use safety::{applied_migrations, is_damage, is_damage_message, refuse_newer, DbLock};
