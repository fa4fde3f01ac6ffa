//! Bulk writes (the reference-data generator, the importer): rows collected per table and
//! written as multi-row INSERTs, each kept under SQLite's bind-variable limit (32766).

use crate::error::CoreResult;
use sea_orm::sea_query::Query;
use sea_orm::{ConnectionTrait, DbBackend, Value};

/// Bound values per INSERT.
const BATCH_VALUES: usize = 30_000;

pub fn v<T: Into<Value>>(x: T) -> Value {
    x.into()
}

/// The rows waiting for one table.
pub struct Batch {
    table: &'static str,
    cols: &'static [&'static str],
    rows: Vec<Vec<Value>>,
}

impl Batch {
    pub fn new(table: &'static str, cols: &'static [&'static str]) -> Self {
        Batch { table, cols, rows: Vec::new() }
    }

    /// Adds a row and writes the batch once it is full.
    pub async fn push<C: ConnectionTrait>(&mut self, db: &C, row: Vec<Value>) -> CoreResult<()> {
        self.rows.push(row);
        if self.full() {
            self.flush(db).await?;
        }
        Ok(())
    }

    /// Adds a row without writing (the caller flushes parents before children).
    pub fn add(&mut self, row: Vec<Value>) {
        self.rows.push(row);
    }

    pub fn full(&self) -> bool {
        self.rows.len() * self.cols.len() >= BATCH_VALUES
    }

    /// Writes every waiting row, in as many statements as the limit needs. On SQLite the rows
    /// go in as one JSON text per statement ([`crate::sqlite::insert_json`]).
    pub async fn flush<C: ConnectionTrait>(&mut self, db: &C) -> CoreResult<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        if db.get_database_backend() == DbBackend::Sqlite && crate::sqlite::insert_json(db, self.table, self.cols, &self.rows).await? {
            self.rows.clear();
            return Ok(());
        }
        while !self.rows.is_empty() {
            let per = (BATCH_VALUES / self.cols.len()).max(1);
            let take = self.rows.len().min(per);
            let mut q = Query::insert();
            q.into_table(self.table).columns(self.cols.iter().copied());
            for row in self.rows.drain(..take) {
                q.values_panic(row.into_iter().map(Into::into));
            }
            db.execute(&q).await?;
        }
        Ok(())
    }
}
