//! A scratch store on disk for bookkeeping that would otherwise grow with the input: an
//! import's keys of the records its own rows create, once a file holds more of them than
//! memory should (see `import::plan`). Its own file in the temp folder, never the user's
//! database: no journal, no syncing, one open transaction that is never committed; the file
//! is removed when the store is dropped.

use crate::error::{CoreError, CoreResult};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

/// Page cache of the scratch file (KiB): what it may hold in memory before writing pages out.
const CACHE_KIB: u32 = 64 * 1024;

pub struct KeyStore {
    conn: Connection,
    path: PathBuf,
}

fn storage(e: impl std::fmt::Display) -> CoreError {
    CoreError::Storage { message: format!("the import's scratch file: {e}") }
}

impl KeyStore {
    /// A new, empty store in the temp folder.
    pub fn create() -> CoreResult<KeyStore> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("hearth-import-keys-{}-{n}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let conn = Connection::open(&path).map_err(storage)?;
        let store = KeyStore { conn, path };
        store
            .conn
            .execute_batch(&format!(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;
                 PRAGMA temp_store = FILE; PRAGMA cache_size = -{CACHE_KIB};
                 CREATE TABLE keys (kind INTEGER NOT NULL, key TEXT NOT NULL, rec INTEGER NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;
                 CREATE TABLE recs (n INTEGER PRIMARY KEY, id BLOB NOT NULL, row INTEGER NOT NULL);
                 BEGIN;"
            ))
            .map_err(storage)?;
        Ok(store)
    }

    /// Remembers `key` (of a `kind`) for record `rec`, unless the key is known already.
    pub fn put_key(&self, kind: u8, key: &str, rec: u32) -> CoreResult<()> {
        let mut st = self.conn.prepare_cached("INSERT OR IGNORE INTO keys (kind, key, rec) VALUES (?1, ?2, ?3)").map_err(storage)?;
        st.execute(params![kind, key, rec]).map_err(storage)?;
        Ok(())
    }

    /// The record a key belongs to.
    pub fn key(&self, kind: u8, key: &str) -> CoreResult<Option<u32>> {
        let mut st = self.conn.prepare_cached("SELECT rec FROM keys WHERE kind = ?1 AND key = ?2").map_err(storage)?;
        st.query_row(params![kind, key], |r| r.get(0)).optional().map_err(storage)
    }

    /// Remembers record `n`: its id (16 bytes) and the file row that created it.
    pub fn put_rec(&self, n: u32, id: &[u8; 16], row: u32) -> CoreResult<()> {
        let mut st = self.conn.prepare_cached("INSERT OR REPLACE INTO recs (n, id, row) VALUES (?1, ?2, ?3)").map_err(storage)?;
        st.execute(params![n, &id[..], row]).map_err(storage)?;
        Ok(())
    }

    /// Record `n`'s id and row.
    pub fn rec(&self, n: u32) -> CoreResult<Option<([u8; 16], u32)>> {
        let mut st = self.conn.prepare_cached("SELECT id, row FROM recs WHERE n = ?1").map_err(storage)?;
        let found: Option<(Vec<u8>, u32)> = st.query_row(params![n], |r| Ok((r.get(0)?, r.get(1)?))).optional().map_err(storage)?;
        Ok(found.and_then(|(id, row)| <[u8; 16]>::try_from(id.as_slice()).ok().map(|id| (id, row))))
    }
}

impl Drop for KeyStore {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_records_round_trip_and_the_file_goes() {
        let s = KeyStore::create().unwrap();
        let path = s.path.clone();
        s.put_key(1, "a@example.com", 7).unwrap();
        s.put_key(1, "a@example.com", 9).unwrap();
        assert_eq!(s.key(1, "a@example.com").unwrap(), Some(7), "the first record keeps its key");
        assert_eq!(s.key(2, "a@example.com").unwrap(), None, "kinds are apart");
        s.put_rec(7, &[3; 16], 42).unwrap();
        assert_eq!(s.rec(7).unwrap(), Some(([3; 16], 42)));
        assert_eq!(s.rec(8).unwrap(), None);
        assert!(path.exists());
        drop(s);
        assert!(!path.exists(), "the scratch file is removed");
    }
}
