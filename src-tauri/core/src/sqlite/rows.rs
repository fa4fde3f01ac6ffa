//! Bulk reads and writes that hand SQLite one text instead of many rows or bound values.

use crate::error::CoreResult;
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

/// Bytes SQLite holds right now and at most since start (page caches, statements, schema),
/// across every connection of the process.
pub fn memory_used() -> (i64, i64) {
    // SAFETY: both are thread-safe reads of SQLite's global memory statistics.
    unsafe { (libsqlite3_sys::sqlite3_memory_used(), libsqlite3_sys::sqlite3_memory_highwater(0)) }
}

/// Field and row separators, and the NULL marker, of [`packed_rows`].
const PACK_FIELD: char = '\u{1f}';
const PACK_ROW: char = '\u{1e}';
const PACK_NULL: &str = "\u{2}";

/// Reads a whole-table result of small text columns in one go: SQLite joins the rows into one
/// text (`group_concat`), so the driver hands over a single row instead of 100k (its per-row
/// cost dominated whole-table reads). `sql` selects `columns` text columns named `c0`, `c1`, ….
/// Should a value hold a separator (U+001E, U+001F), the rows do not split cleanly and are read
/// again one by one; a value that is just U+0002 (the NULL marker) reads as NULL.
pub async fn packed_rows<C: ConnectionTrait>(db: &C, sql: &str, columns: usize) -> CoreResult<Vec<Vec<Option<String>>>> {
    let fields: Vec<String> = (0..columns).map(|i| format!("ifnull(c{i}, char(2))")).collect();
    let outer = format!("SELECT group_concat({}, char(30)), count(*) FROM ({sql})", fields.join(" || char(31) || "));
    let backend = db.get_database_backend();
    let started = std::time::Instant::now();
    let row = db.query_one_raw(Statement::from_string(backend, outer)).await?;
    static TIMES: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *TIMES.get_or_init(|| std::env::var_os("HEARTH_SQL_TIMES").is_some()) {
        // A developer's aid (README, "Speed"): each packed read's time and its SQL, to stderr.
        eprintln!("{:>8.1} ms  {}", started.elapsed().as_secs_f64() * 1000.0, sql.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    let (packed, count): (Option<String>, i64) = match row {
        Some(r) => (r.try_get_by_index(0)?, r.try_get_by_index(1)?),
        None => (None, 0),
    };
    let Some(packed) = packed else { return Ok(vec![]) };
    let mut out = Vec::with_capacity(count.max(0) as usize);
    let mut clean = true;
    for row in packed.split(PACK_ROW) {
        let v: Vec<Option<String>> = row.split(PACK_FIELD).map(|f| (f != PACK_NULL).then(|| f.to_string())).collect();
        if v.len() != columns {
            clean = false;
            break;
        }
        out.push(v);
    }
    if clean && out.len() as i64 == count {
        return Ok(out);
    }
    let mut out = Vec::new();
    for r in db.query_all_raw(Statement::from_string(backend, sql.to_string())).await? {
        out.push((0..columns).map(|i| r.try_get_by_index::<Option<String>>(i)).collect::<Result<Vec<_>, _>>()?);
    }
    Ok(out)
}

/// Appends one value to a JSON array the way the driver would have bound it (booleans as 0/1,
/// times as RFC 3339 text); `false` for a kind of value this does not write (the caller then
/// uses plain INSERTs).
fn push_json(out: &mut String, v: &Value) -> bool {
    use chrono::SecondsFormat;
    use std::fmt::Write as _;
    let _ = match v {
        Value::Bool(Some(b)) => write!(out, "{}", u8::from(*b)),
        Value::TinyInt(Some(i)) => write!(out, "{i}"),
        Value::SmallInt(Some(i)) => write!(out, "{i}"),
        Value::Int(Some(i)) => write!(out, "{i}"),
        Value::BigInt(Some(i)) => write!(out, "{i}"),
        Value::TinyUnsigned(Some(i)) => write!(out, "{i}"),
        Value::SmallUnsigned(Some(i)) => write!(out, "{i}"),
        Value::Unsigned(Some(i)) => write!(out, "{i}"),
        // `{:?}` keeps a decimal point (1.0), so SQLite reads a REAL back.
        Value::Double(Some(d)) if d.is_finite() => write!(out, "{d:?}"),
        Value::String(Some(s)) => {
            out.push_str(&serde_json::Value::from(s.as_str()).to_string());
            Ok(())
        }
        Value::ChronoDateTimeUtc(Some(t)) => write!(out, "\"{}\"", t.to_rfc3339_opts(SecondsFormat::AutoSi, false)),
        Value::ChronoDate(Some(d)) => write!(out, "\"{}\"", d.format("%F")),
        Value::Bool(None)
        | Value::TinyInt(None)
        | Value::SmallInt(None)
        | Value::Int(None)
        | Value::BigInt(None)
        | Value::TinyUnsigned(None)
        | Value::SmallUnsigned(None)
        | Value::Unsigned(None)
        | Value::Double(None)
        | Value::String(None)
        | Value::ChronoDateTimeUtc(None)
        | Value::ChronoDate(None) => {
            out.push_str("null");
            Ok(())
        }
        _ => return false,
    };
    true
}

/// Bulk load: writes `rows` into `table` with one statement that reads them from a single JSON
/// text (`INSERT … SELECT … FROM jsonb_each(?)`, whose values come back as JSONB, so picking a column parses nothing). Binding 30k values one by one through the driver
/// cost more than SQLite's own work; one text is copied once. Returns `false` (writing nothing)
/// when a value is of a kind this does not write.
pub async fn insert_json<C: ConnectionTrait>(db: &C, table: &str, cols: &[&str], rows: &[Vec<Value>]) -> CoreResult<bool> {
    write_json(db, table, cols, rows, None).await
}

/// The same, but a row whose `key` exists already gets the other columns of `cols` (its
/// columns not in `cols` keep their values).
pub async fn upsert_json<C: ConnectionTrait>(db: &C, table: &str, cols: &[&str], key: &str, rows: &[Vec<Value>]) -> CoreResult<bool> {
    write_json(db, table, cols, rows, Some(key)).await
}

async fn write_json<C: ConnectionTrait>(db: &C, table: &str, cols: &[&str], rows: &[Vec<Value>], key: Option<&str>) -> CoreResult<bool> {
    let mut json = String::with_capacity(rows.len() * cols.len() * 16);
    json.push('[');
    for (i, row) in rows.iter().enumerate() {
        json.push_str(if i == 0 { "[" } else { ",[" });
        for (j, v) in row.iter().enumerate() {
            if j > 0 {
                json.push(',');
            }
            if !push_json(&mut json, v) {
                return Ok(false);
            }
        }
        json.push(']');
    }
    json.push(']');
    let names = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let picks = (0..cols.len()).map(|i| format!("value ->> {i}")).collect::<Vec<_>>().join(", ");
    let mut sql = format!("INSERT INTO \"{table}\" ({names}) SELECT {picks} FROM jsonb_each(?)");
    if let Some(key) = key {
        let set: Vec<String> = cols.iter().filter(|c| **c != key).map(|c| format!("\"{c}\" = excluded.\"{c}\"")).collect();
        // `WHERE true` tells SQLite's parser the ON CONFLICT belongs to the INSERT.
        sql.push_str(&format!(" WHERE true ON CONFLICT (\"{key}\") DO UPDATE SET {}", set.join(", ")));
    }
    db.execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, sql, [Value::from(json)])).await?;
    Ok(true)
}

#[cfg(test)]
mod bulk_tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use sea_orm::sea_query::Query;

    /// What the JSON path writes must read back exactly as what plain INSERTs write: same
    /// values, same storage classes (TEXT, INTEGER, REAL, NULL).
    #[tokio::test]
    async fn json_rows_store_what_plain_inserts_store() {
        let db = super::super::open_in_memory().await.unwrap();
        db.execute_unprepared("CREATE TABLE t (k INTEGER, a, b, c, d, e, f, g, h)").await.unwrap();
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 18, 0, 0).unwrap();
        let rows: Vec<Vec<Value>> = vec![
            vec![
                "quote \" backslash \\ newline \n tab \t ünïcode 👍 \u{1f}".into(), true.into(), 42i32.into(), (-7i64).into(), 1.0f64.into(),
                at.into(), (at + chrono::Duration::milliseconds(120)).into(), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap().into(),
            ],
            vec![
                Option::<String>::None.into(), false.into(), Option::<i32>::None.into(), i64::MAX.into(), 0.1f64.into(),
                Option::<chrono::DateTime<Utc>>::None.into(), "".into(), Option::<NaiveDate>::None.into(),
            ],
        ];
        let cols = ["a", "b", "c", "d", "e", "f", "g", "h"];
        for (k, row) in rows.iter().enumerate() {
            let mut with_key = vec![Value::from(k as i64)];
            with_key.extend(row.iter().cloned());
            let q = Query::insert().into_table("t").columns(std::iter::once("k").chain(cols)).values_panic(with_key.into_iter().map(Into::into)).to_owned();
            db.execute(&q).await.unwrap();
        }
        let mut keyed: Vec<Vec<Value>> = Vec::new();
        for (k, row) in rows.iter().enumerate() {
            let mut with_key = vec![Value::from(10 + k as i64)];
            with_key.extend(row.iter().cloned());
            keyed.push(with_key);
        }
        let all: Vec<&str> = std::iter::once("k").chain(cols).collect();
        assert!(insert_json(&db, "t", &all, &keyed).await.unwrap());
        let read = |range: &str| {
            let sql = format!(
                "SELECT group_concat(typeof(a) || quote(a) || typeof(b) || quote(b) || typeof(c) || quote(c) || typeof(d) || quote(d) || typeof(e) || quote(e) || typeof(f) || quote(f) || typeof(g) || quote(g) || typeof(h) || quote(h), '|') FROM (SELECT * FROM t WHERE {range} ORDER BY k)"
            );
            let db = &db;
            async move { db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await.unwrap().unwrap().try_get_by_index::<Option<String>>(0).unwrap().unwrap_or_default() }
        };
        let plain = read("k < 10").await;
        assert!(plain.contains("text'2026-11-23T18:00:00.120+00:00'") && plain.contains("real1.0") && plain.contains("integer1"), "{plain}");
        assert_eq!(read("k >= 10").await, plain);

        // A kind of value it does not write: nothing is written, the caller falls back.
        let odd = vec![vec![Value::from(99i64), Value::Char(Some('x')), true.into(), 1i32.into(), 1i64.into(), 1.0f64.into(), at.into(), at.into(), Option::<NaiveDate>::None.into()]];
        assert!(!insert_json(&db, "t", &all, &odd).await.unwrap());
        assert_eq!(read("k = 99").await.len(), 0);
    }
}
