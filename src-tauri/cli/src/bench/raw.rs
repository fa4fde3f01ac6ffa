//! The raw-SQLite side of the comparison: the same statements the domain runs, prepared once
//! with rusqlite and executed directly.

use hearth_core::contacts::{count_statement, page_statement_with, tag_plan, ContactQuery};
use hearth_core::search::{company_hits, contact_hits, index_limits};
use hearth_core::sqlite::{search_statements, SearchIndex};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection, OpenFlags};
use sea_orm::sea_query::{SelectStatement, SqliteQueryBuilder, Value};
use std::path::Path;

pub struct Raw {
    conn: Connection,
}

pub struct Sample {
    pub contacts: Vec<String>,
    /// Largest companies first: the slowest to open.
    pub companies: Vec<String>,
}

fn param(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as R;
    match v {
        Value::Bool(Some(b)) => R::Integer(*b as i64),
        Value::TinyInt(Some(i)) => R::Integer(*i as i64),
        Value::SmallInt(Some(i)) => R::Integer(*i as i64),
        Value::Int(Some(i)) => R::Integer(*i as i64),
        Value::BigInt(Some(i)) => R::Integer(*i),
        Value::Unsigned(Some(i)) => R::Integer(*i as i64),
        Value::BigUnsigned(Some(i)) => R::Integer(*i as i64),
        Value::String(Some(s)) => R::Text(s.clone()),
        _ => R::Null,
    }
}

impl Raw {
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.execute_batch("PRAGMA cache_size = -16000")?;
        Ok(Raw { conn })
    }

    fn rows(&self, q: &SelectStatement) -> rusqlite::Result<usize> {
        let (sql, values) = q.build(SqliteQueryBuilder);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let params: Vec<_> = values.0.iter().map(param).collect();
        let columns = stmt.column_count();
        let mut rows = stmt.query(params_from_iter(params))?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            read_all(row, columns)?;
            n += 1;
        }
        Ok(n)
    }

    /// The same statements, in the same order, as `sqlite::search_ids`.
    fn ids(&self, index: SearchIndex, text: &str, limit: u64) -> rusqlite::Result<Vec<String>> {
        let mut ids: Vec<String> = Vec::new();
        for (sql, expr) in search_statements(index, text) {
            if ids.len() as u64 >= limit {
                break;
            }
            let want = limit + ids.len() as u64;
            let mut stmt = self.conn.prepare_cached(&sql)?;
            for id in stmt.query_map(rusqlite::params![expr, want as i64], |r| r.get::<_, String>(0))? {
                let id = id?;
                if !ids.contains(&id) && (ids.len() as u64) < limit {
                    ids.push(id);
                }
            }
        }
        Ok(ids)
    }

    /// The same four statements as `search::search`.
    pub fn search(&self, text: &str, limit: Option<u32>) -> rusqlite::Result<usize> {
        let (contact_limit, company_limit) = index_limits(limit);
        let contacts = self.ids(SearchIndex::Contacts, text, contact_limit)?;
        let companies = self.ids(SearchIndex::Companies, text, company_limit)?;
        let mut n = 0;
        if !contacts.is_empty() {
            n += self.rows(&contact_hits(&contacts))?;
        }
        if !companies.is_empty() {
            n += self.rows(&company_hits(&companies))?;
        }
        Ok(n)
    }

    /// The same statements as `contacts::list` (count, page, and the page's tags).
    pub fn list(&self, q: &ContactQuery) -> rusqlite::Result<usize> {
        let (sql, values) = count_statement(q, &[]).build(SqliteQueryBuilder);
        let params: Vec<_> = values.0.iter().map(param).collect();
        let (total, live): (i64, i64) =
            self.conn.prepare_cached(&sql)?.query_row(params_from_iter(params), |r| Ok((r.get(0)?, r.get(1)?)))?;
        let page = page_statement_with(q, tag_plan(q, total, live), &[]);
        let (sql, values) = page.build(SqliteQueryBuilder);
        let params: Vec<_> = values.0.iter().map(param).collect();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let columns = stmt.column_count();
        let ids: Vec<String> = stmt
            .query_map(params_from_iter(params), |r| Ok(read_all(r, columns)?.swap_remove(0)))?
            .map(|v| v.map(|v| if let SqlValue::Text(t) = v { t } else { String::new() }))
            .collect::<Result<_, _>>()?;
        let placeholders = vec!["?"; ids.len()].join(",");
        if !ids.is_empty() {
            let sql = format!("SELECT contact_tags.contact_id, tags.name FROM contact_tags INNER JOIN tags ON tags.id = contact_tags.tag_id WHERE contact_tags.contact_id IN ({placeholders}) ORDER BY tags.name_key ASC");
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let n = stmt.query_map(params_from_iter(ids.iter()), |r| read_all(r, 2))?.count();
            return Ok(ids.len() + n);
        }
        Ok(0)
    }

    /// Contacts spread over the table, and the largest companies.
    pub fn sample_ids(&self, n: usize) -> rusqlite::Result<Sample> {
        let total: i64 = self.conn.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?;
        let step = (total / n as i64).max(1);
        let contacts = self
            .conn
            .prepare("SELECT id FROM contacts WHERE deleted_at IS NULL AND rowid % ?1 = 0 LIMIT ?2")?
            .query_map(rusqlite::params![step, n as i64], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        let companies = self
            .conn
            .prepare("SELECT company_id FROM contacts WHERE company_id IS NOT NULL GROUP BY company_id ORDER BY count(*) DESC LIMIT ?1")?
            .query_map([n as i64], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(Sample { contacts, companies })
    }
}

/// Reads every column of a row into owned values, as the app's driver does: the raw figure
/// must pay for the same data, not only for the first column.
fn read_all(row: &rusqlite::Row, columns: usize) -> rusqlite::Result<Vec<SqlValue>> {
    (0..columns).map(|i| row.get::<_, SqlValue>(i)).collect()
}
