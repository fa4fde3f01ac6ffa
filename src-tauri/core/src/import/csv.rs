//! A streaming CSV/TSV reader over the decoded (UTF-8) bytes: RFC 4180 quoting, any of the
//! detected delimiters, CRLF or LF. Cells and rows are capped as they are read, so a huge cell or
//! a quote that is never closed cannot make memory grow with the file.

use super::read::{file_error, unescape_cell, Counting, RawRow, MAX_CELL, MAX_ROW};
use crate::error::{CoreError, CoreResult};
use encoding_rs::Encoding;
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

const BUF: usize = 256 * 1024;
/// Cells kept per row (a row with more is cut; the extra cells only count).
const MAX_CELLS: usize = 5_000;

pub struct CsvRows {
    src: DecodeReaderBytes<Counting<File>, Vec<u8>>,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    delim: u8,
    count: Arc<AtomicU64>,
    number: u32,
    line: u64,
    first: bool,
}

enum State {
    Start,
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell: either an escaped quote or the end of the quotes.
    QuoteInQuoted,
    /// After the closing quote: text up to the delimiter is kept as is (lenient).
    AfterQuoted,
}

impl CsvRows {
    pub fn open(path: &Path, encoding: &'static Encoding, delim: u8) -> CoreResult<CsvRows> {
        let f = File::open(path).map_err(|e| file_error(path, e))?;
        let count = Arc::new(AtomicU64::new(0));
        let counting = Counting { inner: f, count: count.clone() };
        let src = DecodeReaderBytesBuilder::new().encoding(Some(encoding)).bom_override(true).strip_bom(true).build(counting);
        Ok(CsvRows { src, buf: vec![0; BUF], pos: 0, len: 0, delim, count, number: 0, line: 0, first: true })
    }

    pub fn bytes_done(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    /// After the header row: data rows count from 1.
    pub fn reset_numbering(&mut self) {
        self.number = 0;
    }

    fn byte(&mut self) -> CoreResult<Option<u8>> {
        if self.pos == self.len {
            self.len = self.src.read(&mut self.buf).map_err(|e| {
                CoreError::invalid("file", "unreadable", format!("The file could not be read after line {}: {e}.", self.line))
            })?;
            self.pos = 0;
            if self.len == 0 {
                return Ok(None);
            }
        }
        let b = self.buf[self.pos];
        self.pos += 1;
        Ok(Some(b))
    }

    /// The next record, or `None` at the end. Blank lines are skipped.
    pub fn next_row(&mut self) -> CoreResult<Option<RawRow>> {
        loop {
            let start_line = self.line + 1;
            let mut cells: Vec<String> = Vec::new();
            let mut cur: Vec<u8> = Vec::new();
            let mut width = 0usize;
            let mut row_bytes = 0usize;
            let mut problem: Option<String> = None;
            let mut state = State::Start;
            let mut any = false;
            let ended = loop {
                let Some(b) = self.byte()? else { break true };
                any = true;
                if b == 0 && problem.is_none() {
                    problem = Some("The row contains binary data (a NUL byte).".into());
                }
                let mut push = |b: u8, cur: &mut Vec<u8>, problem: &mut Option<String>| {
                    row_bytes += 1;
                    if cur.len() < MAX_CELL + 4 && row_bytes <= MAX_ROW {
                        cur.push(b);
                    } else if problem.is_none() {
                        *problem = Some(if row_bytes > MAX_ROW {
                            format!("The row is larger than {} KiB.", MAX_ROW / 1024)
                        } else {
                            format!("Cell {} is larger than {} KiB.", width + 1, MAX_CELL / 1024)
                        });
                    }
                };
                match state {
                    State::Start | State::Unquoted if b == self.delim => {
                        self.end_cell(&mut cells, &mut cur, &mut width, &mut problem);
                        state = State::Start;
                    }
                    State::Start | State::Unquoted if b == b'\n' => {
                        self.line += 1;
                        if cur.last() == Some(&b'\r') {
                            cur.pop();
                        }
                        break false;
                    }
                    State::Start if b == b'"' => state = State::Quoted,
                    State::Start | State::Unquoted => {
                        push(b, &mut cur, &mut problem);
                        state = State::Unquoted;
                    }
                    State::Quoted if b == b'"' => state = State::QuoteInQuoted,
                    State::Quoted => {
                        if b == b'\n' {
                            self.line += 1;
                        }
                        push(b, &mut cur, &mut problem);
                    }
                    State::QuoteInQuoted if b == b'"' => {
                        push(b, &mut cur, &mut problem);
                        state = State::Quoted;
                    }
                    State::QuoteInQuoted | State::AfterQuoted if b == self.delim => {
                        self.end_cell(&mut cells, &mut cur, &mut width, &mut problem);
                        state = State::Start;
                    }
                    State::QuoteInQuoted | State::AfterQuoted if b == b'\n' => {
                        self.line += 1;
                        break false;
                    }
                    State::QuoteInQuoted | State::AfterQuoted => {
                        if b != b'\r' {
                            push(b, &mut cur, &mut problem);
                        }
                        state = State::AfterQuoted;
                    }
                }
            };
            if matches!(state, State::Quoted) {
                return Err(CoreError::invalid(
                    "file",
                    "unbalanced_quote",
                    format!(
                        "Row {} (line {start_line}) opens a quote (\") that is never closed, so the rest of the file would be one cell. Fix the quotes in that row and try again.",
                        self.number + 1
                    ),
                ));
            }
            if ended && !any {
                return Ok(None);
            }
            let blank = width == 0 && cur.is_empty() && matches!(state, State::Start | State::Unquoted);
            if blank {
                if ended {
                    return Ok(None);
                }
                continue;
            }
            self.end_cell(&mut cells, &mut cur, &mut width, &mut problem);
            if self.first {
                self.first = false;
                if let Some(c) = cells.first_mut() {
                    if c.starts_with('\u{feff}') {
                        c.remove(0);
                    }
                }
            }
            self.number += 1;
            return Ok(Some(RawRow { number: self.number, cells, problem, width }));
        }
    }

    fn end_cell(&self, cells: &mut Vec<String>, cur: &mut Vec<u8>, width: &mut usize, problem: &mut Option<String>) {
        *width += 1;
        if cells.len() < MAX_CELLS {
            let bytes = std::mem::take(cur);
            let mut s = match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            };
            if s.len() > MAX_CELL {
                let mut cut = MAX_CELL;
                while !s.is_char_boundary(cut) {
                    cut -= 1;
                }
                s.truncate(cut);
            }
            unescape_cell(&mut s);
            cells.push(s);
        } else {
            cur.clear();
            if problem.is_none() {
                *problem = Some(format!("The row has more than {MAX_CELLS} cells."));
            }
        }
    }
}
