//! Where exported rows go: a CSV file (UTF-8 with BOM, RFC 4180 quoting, CRLF, cells escaped
//! against formula injection) or an XLSX sheet (typed cells, never formulas), always written to
//! a temporary file next to the target and renamed into place only when complete.

use crate::error::{CoreError, CoreResult};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The byte-order mark that makes Excel read a CSV file as UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Rows an XLSX sheet can hold below its header.
pub const XLSX_MAX_ROWS: u32 = 1_048_575;

pub(crate) fn io_error(what: &str, path: &Path, e: impl std::fmt::Display) -> CoreError {
    CoreError::Storage { message: format!("cannot {what} {}: {e}", path.display()) }
}

/// A cell a spreadsheet would run as a formula gets a leading apostrophe.
///
/// The rule: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is escaped,
/// unless it is a plain number or phone number — an optional leading `+` or `-` followed only
/// by digits, spaces, dots, commas, parentheses and hyphens, with at least one digit (so
/// `-12.50`, `+44 20 7946 0958` and `+1 (555) 123-4567` stay as they are). Such a cell holds no
/// letters, quotes or operators other than a minus, so it cannot call a function. The importer
/// removes an apostrophe that is followed by one of the six trigger characters.
pub fn escape_cell(value: &str) -> std::borrow::Cow<'_, str> {
    let Some(first) = value.chars().next() else { return value.into() };
    if !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') || is_plain_number(value) {
        return value.into();
    }
    format!("'{value}").into()
}

fn is_plain_number(value: &str) -> bool {
    let rest = value.strip_prefix(['+', '-']).unwrap_or(value);
    rest.chars().any(|c| c.is_ascii_digit())
        && rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | ',' | '(' | ')' | '-'))
}

/// Digits after the decimal point of a currency (ISO 4217 minor units).
pub fn minor_digits(currency: &str) -> u32 {
    const ZERO: [&str; 17] =
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];
    const THREE: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    let c = currency.to_ascii_uppercase();
    if ZERO.contains(&c.as_str()) {
        0
    } else if THREE.contains(&c.as_str()) {
        3
    } else {
        2
    }
}

/// Minor units as a decimal with a dot: 123450 EUR → `1234.50`, 1200 JPY → `1200`.
pub fn format_money(minor: i64, currency: &str) -> String {
    let digits = minor_digits(currency);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u64.pow(digits);
    format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = digits as usize)
}

/// A file being written under a temporary name in the target's folder; dropped without
/// [`Staged::commit`], it is removed, so the target name never holds a half-written export.
pub(crate) struct Staged {
    pub tmp: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Staged {
    pub fn create(target: &Path) -> CoreResult<(Staged, File)> {
        let name = target.file_name().and_then(|n| n.to_str()).filter(|n| !n.is_empty()).ok_or_else(|| {
            CoreError::invalid("path", "invalid_path", format!("“{}” is not a file name to export to.", target.display()))
        })?;
        if target.is_dir() {
            return Err(CoreError::invalid("path", "is_a_folder", format!("{} is a folder: choose a file name.", target.display())));
        }
        let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if !dir.is_dir() {
            return Err(CoreError::invalid("path", "no_folder", format!("The folder {} does not exist.", dir.display())));
        }
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let tmp = dir.join(format!(".{name}.{}-{stamp}.part", std::process::id()));
        let file = File::options().write(true).create_new(true).open(&tmp).map_err(|e| io_error("create", &tmp, e))?;
        Ok((Staged { tmp, target: target.to_path_buf(), done: false }, file))
    }

    /// Renames the complete file to the target name and returns its size.
    pub fn commit(mut self) -> CoreResult<i64> {
        let bytes = std::fs::metadata(&self.tmp).map_err(|e| io_error("read", &self.tmp, e))?.len() as i64;
        std::fs::rename(&self.tmp, &self.target).map_err(|e| io_error("write", &self.target, e))?;
        self.done = true;
        Ok(bytes)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// One exported table: a header, then rows of text cells.
pub(crate) trait Sink {
    fn header(&mut self, columns: &[&str]) -> CoreResult<()>;
    fn row(&mut self, cells: &[String]) -> CoreResult<()>;
    /// Flushes everything to the file.
    fn finish(self: Box<Self>) -> CoreResult<()>;
}

/// Opens a CSV writer (BOM already written) over any byte sink.
pub(crate) fn csv_writer<W: Write>(mut out: W) -> std::io::Result<csv::Writer<W>> {
    out.write_all(BOM)?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out))
}

pub(crate) fn write_csv_row<W: Write>(w: &mut csv::Writer<W>, cells: &[String]) -> Result<(), csv::Error> {
    w.write_record(cells.iter().map(|c| escape_cell(c).into_owned()))
}

pub(crate) struct CsvSink {
    w: csv::Writer<BufWriter<File>>,
    path: PathBuf,
}

impl CsvSink {
    pub fn new(file: File, path: &Path) -> CoreResult<CsvSink> {
        let w = csv_writer(BufWriter::with_capacity(1 << 16, file)).map_err(|e| io_error("write", path, e))?;
        Ok(CsvSink { w, path: path.to_path_buf() })
    }
}

impl Sink for CsvSink {
    fn header(&mut self, columns: &[&str]) -> CoreResult<()> {
        self.w.write_record(columns).map_err(|e| io_error("write", &self.path, e))
    }

    fn row(&mut self, cells: &[String]) -> CoreResult<()> {
        write_csv_row(&mut self.w, cells).map_err(|e| io_error("write", &self.path, e))
    }

    fn finish(self: Box<Self>) -> CoreResult<()> {
        let path = self.path.clone();
        let buf = self.w.into_inner().map_err(|e| io_error("write", &path, e.error()))?;
        let file = buf.into_inner().map_err(|e| io_error("write", &path, e.error()))?;
        file.sync_all().map_err(|e| io_error("write", &path, e))
    }
}

/// An XLSX sheet: bold, frozen header; every cell a string except numeric columns' numbers.
pub(crate) struct XlsxSink {
    file: File,
    path: PathBuf,
    book: rust_xlsxwriter::Workbook,
    sheet: rust_xlsxwriter::Worksheet,
    numeric: Vec<usize>,
    widths: Vec<usize>,
    row: u32,
}

fn xlsx_error(path: &Path, e: rust_xlsxwriter::XlsxError) -> CoreError {
    io_error("write", path, e)
}

impl XlsxSink {
    /// The sheet is written in rust_xlsxwriter's constant-memory mode: rows go to a temporary
    /// file as they come instead of staying in memory (100k contacts: ~70 MB instead of ~420 MB).
    pub fn new(file: File, path: &Path, sheet_name: &str, numeric: &[usize]) -> CoreResult<XlsxSink> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let mut sheet = book.new_worksheet_with_constant_memory().map_err(|e| xlsx_error(path, e))?;
        sheet.set_name(sheet_name).map_err(|e| xlsx_error(path, e))?;
        Ok(XlsxSink { file, path: path.to_path_buf(), book, sheet, numeric: numeric.to_vec(), widths: vec![], row: 0 })
    }

    fn widen(&mut self, col: usize, text: &str) {
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        self.widths[col] = self.widths[col].max(text.chars().count());
    }
}

impl Sink for XlsxSink {
    fn header(&mut self, columns: &[&str]) -> CoreResult<()> {
        let bold = rust_xlsxwriter::Format::new().set_bold();
        for (i, c) in columns.iter().enumerate() {
            self.sheet.write_string_with_format(0, i as u16, *c, &bold).map_err(|e| xlsx_error(&self.path, e))?;
            self.widen(i, c);
        }
        self.sheet.set_freeze_panes(1, 0).map_err(|e| xlsx_error(&self.path, e))?;
        Ok(())
    }

    fn row(&mut self, cells: &[String]) -> CoreResult<()> {
        if self.row >= XLSX_MAX_ROWS {
            return Err(CoreError::invalid(
                "format",
                "too_many_rows",
                format!("An XLSX sheet holds at most {XLSX_MAX_ROWS} rows: export this list as CSV instead."),
            ));
        }
        self.row += 1;
        for (i, c) in cells.iter().enumerate() {
            if c.is_empty() {
                continue;
            }
            let number = self.numeric.contains(&i).then(|| c.parse::<f64>().ok()).flatten();
            match number {
                Some(n) => self.sheet.write_number(self.row, i as u16, n).map(|_| ()),
                None => self.sheet.write_string(self.row, i as u16, c).map(|_| ()),
            }
            .map_err(|e| xlsx_error(&self.path, e))?;
            self.widen(i, c);
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> CoreResult<()> {
        for (i, w) in self.widths.clone().into_iter().enumerate() {
            let width = (w as f64 + 2.0).clamp(8.0, 50.0);
            self.sheet.set_column_width(i as u16, width).map_err(|e| xlsx_error(&self.path, e))?;
        }
        let sheet = std::mem::replace(&mut self.sheet, rust_xlsxwriter::Worksheet::new());
        self.book.push_worksheet(sheet);
        let mut out = BufWriter::new(&self.file);
        self.book.save_to_writer(&mut out).map_err(|e| xlsx_error(&self.path, e))?;
        out.flush().map_err(|e| io_error("write", &self.path, e))?;
        drop(out);
        self.file.sync_all().map_err(|e| io_error("write", &self.path, e))
    }
}
