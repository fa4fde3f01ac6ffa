//! Entry points for the fuzz targets in `fuzz/` (cargo fuzz) and for the robustness tests that
//! run the same bodies on random bytes in `cargo test`: every parser Hearth owns, fed whatever
//! bytes come. Any answer is fine but a panic, a hang or unbounded memory.

use crate::import::{self, ImportKind};
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT: AtomicU64 = AtomicU64::new(0);

/// Reads `bytes` as an import file named `input.<ext>` (kind, encoding, delimiter and quoting
/// detected; every row read and, when it opens, checked against an automatic mapping of its
/// headers), as the preview does. Returns how many rows were read.
pub fn import_file(bytes: &[u8], ext: &str) -> Result<usize, String> {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("hearth-fuzz-{}-{n}.{ext}", std::process::id()));
    std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
    let result = read_all(&path);
    let _ = std::fs::remove_file(&path);
    result
}

fn read_all(path: &std::path::Path) -> Result<usize, String> {
    let mut opened = import::read_file(path, None).map_err(|e| e.to_string())?;
    for h in &opened.headers {
        let _ = import::field_for(ImportKind::Contacts, h);
    }
    let mut n = 0;
    while let Some(row) = opened.rows.next_row().map_err(|e| e.to_string())? {
        n += 1;
        let _ = row.cells.len();
    }
    Ok(n)
}

/// Parses `text` with every value parser of the import: dates (both day orders), amounts in a
/// few currencies, yes/no, domains, company sizes, stages and activity kinds.
pub fn values(text: &str) {
    import::parse_value_for_fuzzing(text);
}
