//! XLSX through calamine: the first sheet or a chosen one. Formulas are never evaluated (the
//! value Excel saved is read); dates come from Excel serials.

use super::read::{unescape_cell, Opened, Rows, MAX_CELL, MAX_XLSX};
use super::FileFormat;
use crate::error::{CoreError, CoreResult};
use calamine::{Data, Reader};
use chrono::{Duration, NaiveDate};
use std::path::Path;

fn bad(e: impl std::fmt::Display) -> CoreError {
    CoreError::invalid("file", "bad_xlsx", format!("This Excel file cannot be read ({e}). Open it in Excel and save it again, or save it as CSV."))
}

/// An Excel serial date (days since 1899-12-30, fraction = time of day) as text.
pub fn serial_to_text(serial: f64) -> Option<String> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let secs = (serial * 86_400.0).round() as i64;
    let dt = base + Duration::seconds(secs);
    Some(if secs % 86_400 == 0 { dt.format("%Y-%m-%d").to_string() } else { dt.format("%Y-%m-%d %H:%M:%S").to_string() })
}

fn cell_text(d: &Data) -> String {
    let mut s = match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE".into() } else { "FALSE".into() },
        Data::DateTime(dt) => serial_to_text(dt.as_f64()).unwrap_or_else(|| dt.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    };
    if s.len() > MAX_CELL {
        let mut cut = MAX_CELL;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    unescape_cell(&mut s);
    s
}

pub fn open_xlsx(path: &Path, size: u64, sheet: Option<&str>) -> CoreResult<Opened> {
    if size > MAX_XLSX {
        return Err(CoreError::invalid(
            "file",
            "too_large",
            format!(
                "Excel files are read whole, and this one is {} MB (the limit is {} MB). Save it as CSV in Excel and import that instead: CSV files of any size can be imported.",
                size / 1_000_000,
                MAX_XLSX / 1_000_000
            ),
        ));
    }
    let mut wb = calamine::open_workbook_auto(path).map_err(bad)?;
    let sheets = wb.sheet_names();
    let name = match sheet {
        Some(s) => sheets.iter().find(|n| n.as_str() == s || n.eq_ignore_ascii_case(s)).cloned().ok_or_else(|| {
            CoreError::invalid("sheet", "unknown_sheet", format!("This workbook has no sheet “{s}” (it has: {}).", sheets.join(", ")))
        })?,
        None => sheets.first().cloned().ok_or_else(|| bad("it has no sheets"))?,
    };
    let range = wb.worksheet_range(&name).map_err(bad)?;
    let mut rows = range.rows().map(|r| r.iter().map(cell_text).collect::<Vec<String>>());
    let headers: Vec<String> = loop {
        match rows.next() {
            Some(r) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(r) => break r.into_iter().map(|c| c.trim().to_string()).collect(),
            None => {
                return Err(CoreError::invalid("file", "empty", format!("The sheet “{name}” is empty: there is nothing to import.")))
            }
        }
    };
    let data: Vec<Vec<String>> = rows.collect();
    Ok(Opened {
        format: FileFormat::Xlsx,
        encoding: None,
        delimiter: None,
        sheets,
        sheet: Some(name),
        headers,
        size,
        rows: Rows::Memory(data.into_iter(), 0),
    })
}
