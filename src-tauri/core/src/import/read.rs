//! Opening a file: format, encoding and delimiter detection, then its rows one at a time.
//! CSV/TSV and vCard stream (memory stays bounded whatever the file's size); XLSX is read whole
//! (the format is not streamable), so it has a size limit.

use super::csv::CsvRows;
use super::FileFormat;
use crate::error::{CoreError, CoreResult};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Largest cell kept (longer cells reject their row).
pub const MAX_CELL: usize = 64 * 1024;
/// Largest row kept.
pub const MAX_ROW: usize = 1024 * 1024;
/// XLSX files are read whole: this is the largest accepted.
pub const MAX_XLSX: u64 = 50 * 1024 * 1024;
const SNIFF: usize = 64 * 1024;

/// One data row as read.
pub struct RawRow {
    /// 1-based data row number (the header is row 0).
    pub number: u32,
    pub cells: Vec<String>,
    /// A problem that rejects the row (e.g. a cell too large).
    pub problem: Option<String>,
    /// How many cells the row really had (more than `cells` when cut).
    pub width: usize,
}

pub struct Opened {
    pub format: FileFormat,
    pub encoding: Option<String>,
    pub delimiter: Option<u8>,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    pub size: u64,
    pub rows: Rows,
}

pub enum Rows {
    Csv(CsvRows),
    Memory(std::vec::IntoIter<Vec<String>>, u32),
}

impl Rows {
    pub fn next_row(&mut self) -> CoreResult<Option<RawRow>> {
        match self {
            Rows::Csv(c) => c.next_row(),
            Rows::Memory(it, n) => Ok(it.next().map(|cells| {
                *n += 1;
                let width = cells.len();
                RawRow { number: *n, cells, problem: None, width }
            })),
        }
    }

    pub fn bytes_done(&self) -> u64 {
        match self {
            Rows::Csv(c) => c.bytes_done(),
            Rows::Memory(..) => 0,
        }
    }

    /// How many rows the file holds in all, estimated from the `done` rows read so far and the
    /// bytes they took (exact for sheets and vCards, which are read whole).
    pub fn estimated_total(&self, done: u32, size: u64) -> u64 {
        match self {
            Rows::Csv(c) => match c.bytes_done() {
                0 => done as u64,
                read => (done as u64).saturating_mul(size) / read,
            },
            Rows::Memory(it, n) => *n as u64 + it.len() as u64,
        }
    }
}

/// Counts the raw bytes read from the file (for the progress bar).
pub struct Counting<R> {
    pub inner: R,
    pub count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

pub fn file_error(path: &Path, e: std::io::Error) -> CoreError {
    CoreError::invalid("path", "unreadable", format!("Cannot read {}: {e}.", path.display()))
}

/// Removes our export's CSV-injection escape (`crate::export::escape_cell`): a leading
/// apostrophe before = + - @, tab or CR.
pub fn unescape_cell(s: &mut String) {
    if s.starts_with('\'') && s[1..].starts_with(['=', '+', '-', '@', '\t', '\r']) {
        s.remove(0);
    }
}

fn sniff(path: &Path) -> CoreResult<(Vec<u8>, u64)> {
    let f = File::open(path).map_err(|e| file_error(path, e))?;
    let size = f.metadata().map_err(|e| file_error(path, e))?.len();
    let mut buf = Vec::with_capacity(SNIFF);
    f.take(SNIFF as u64).read_to_end(&mut buf).map_err(|e| file_error(path, e))?;
    Ok((buf, size))
}

fn empty() -> CoreError {
    CoreError::invalid("file", "empty", "The file is empty: there is nothing to import.")
}

fn binary() -> CoreError {
    CoreError::invalid(
        "file",
        "binary",
        "This is not a text file (it contains binary data). Import a CSV or TSV file, an Excel workbook (.xlsx) or a vCard (.vcf).",
    )
}

/// Opens a file for reading rows: header row first.
pub fn open(path: &Path, sheet: Option<&str>) -> CoreResult<Opened> {
    let (head, size) = sniff(path)?;
    if head.is_empty() {
        return Err(empty());
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    if head.starts_with(b"PK\x03\x04") || ext == "xlsx" {
        return super::sheet::open_xlsx(path, size, sheet);
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0") || ext == "xls" {
        return Err(CoreError::invalid(
            "file",
            "old_excel",
            "This is an old Excel file (.xls). Save it as .xlsx or CSV in Excel, then import that.",
        ));
    }
    let (encoding, bom) = detect_encoding(&head)?;
    let text = encoding.decode_without_bom_handling(&head[bom..]).0;
    let first_text = text.trim_start_matches('\u{feff}');
    if first_text.trim().is_empty() {
        return Err(empty());
    }
    if ext == "vcf" || ext == "vcard" || first_text.trim_start().to_uppercase().starts_with("BEGIN:VCARD") {
        return super::vcard::open_vcard(path, size, encoding);
    }
    let delimiter = detect_delimiter(first_text, &ext);
    let mut rows = CsvRows::open(path, encoding, delimiter)?;
    let headers = match rows.next_row()? {
        Some(h) => {
            if let Some(p) = h.problem {
                return Err(CoreError::invalid("file", "bad_header", format!("The header row cannot be read: {p}")));
            }
            h.cells.into_iter().map(|c| c.trim().to_string()).collect::<Vec<_>>()
        }
        None => return Err(empty()),
    };
    if headers.iter().all(|h| h.is_empty()) {
        return Err(CoreError::invalid("file", "no_header", "The first row is empty: the first row must name the columns."));
    }
    rows.reset_numbering();
    Ok(Opened {
        format: FileFormat::Csv,
        encoding: Some(encoding_name(encoding)),
        delimiter: Some(delimiter),
        sheets: vec![],
        sheet: None,
        headers,
        size,
        rows: Rows::Csv(rows),
    })
}

pub fn encoding_name(e: &'static Encoding) -> String {
    if e == UTF_16LE {
        "UTF-16LE".into()
    } else if e == UTF_16BE {
        "UTF-16BE".into()
    } else {
        e.name().to_string()
    }
}

/// BOM, else UTF-16 by its zero bytes, else UTF-8 when the start decodes cleanly, else a guess.
fn detect_encoding(head: &[u8]) -> CoreResult<(&'static Encoding, usize)> {
    if let Some((enc, bom)) = Encoding::for_bom(head) {
        return Ok((enc, bom));
    }
    if head.contains(&0) {
        // UTF-16 without a BOM: ASCII text has a zero in every other byte.
        let pairs = head.len() / 2;
        let zero_odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let zero_even = head.iter().step_by(2).filter(|b| **b == 0).count();
        if pairs >= 2 && zero_odd * 10 >= pairs * 9 && zero_even * 10 <= pairs {
            return Ok((UTF_16LE, 0));
        }
        if pairs >= 2 && zero_even * 10 >= pairs * 9 && zero_odd * 10 <= pairs {
            return Ok((UTF_16BE, 0));
        }
        return Err(binary());
    }
    let controls = head.iter().filter(|b| **b < 0x20 && !matches!(**b, b'\t' | b'\r' | b'\n' | 0x0c)).count();
    if controls * 100 > head.len() {
        return Err(binary());
    }
    match std::str::from_utf8(head) {
        Ok(_) => return Ok((UTF_8, 0)),
        // Cut in the middle of a character at the end of the sample: still UTF-8.
        Err(e) if e.error_len().is_none() => return Ok((UTF_8, 0)),
        Err(_) => {}
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(head, head.len() < SNIFF);
    Ok((det.guess(None, chardetng::Utf8Detection::Allow), 0))
}

/// The delimiter among , ; tab | that splits the first lines (outside quotes) most consistently.
fn detect_delimiter(text: &str, ext: &str) -> u8 {
    let mut lines: Vec<[usize; 4]> = Vec::new();
    let cands = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for ch in text.bytes() {
        match ch {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                lines.push(counts);
                counts = [0; 4];
                if lines.len() >= 20 {
                    break;
                }
            }
            _ if !quoted => {
                if let Some(i) = cands.iter().position(|c| *c == ch) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    if counts.iter().any(|c| *c > 0) && lines.len() < 20 {
        lines.push(counts);
    }
    let Some(header) = lines.first().copied() else { return b',' };
    let mut best = (if ext == "tsv" || ext == "tab" { 2 } else { 0 }, 0usize, 0usize);
    for i in 0..4 {
        if header[i] == 0 {
            continue;
        }
        let consistent = lines.iter().filter(|l| l[i] == header[i]).count();
        if (consistent, header[i]) > (best.1, best.2) {
            best = (i, consistent, header[i]);
        }
    }
    cands[best.0]
}

#[cfg(test)]
mod escape_tests {
    use super::unescape_cell;

    #[test]
    fn our_export_escape_comes_off_and_nothing_else() {
        for (cell, back) in [("'=1+2", "=1+2"), ("'@home", "@home"), ("'\tx", "\tx"), ("'\rx", "\rx"), ("'quoted'", "'quoted'"), ("'", "'")] {
            let mut s = cell.to_string();
            unescape_cell(&mut s);
            assert_eq!(s, back);
            if back != cell {
                assert_eq!(crate::export::escape_cell(back), cell, "the export writes what the import reads back");
            }
        }
    }
}
