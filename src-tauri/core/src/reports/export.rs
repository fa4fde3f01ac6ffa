//! A report saved as a file: CSV (its figures, then each section's table, money in major units
//! with its currency) or PNG (the chart the app drew, checked to be a PNG image). Both are written
//! under a temporary name and renamed into place only when complete.

use super::{Report, Unit};
use crate::error::{CoreError, CoreResult};
use crate::export::sink::{csv_writer, format_money, io_error, write_csv_row, Staged};
use crate::export::ExportSummary;
use std::io::Write;
use std::path::Path;

fn cell(v: Option<f64>, unit: Unit, currency: Option<&str>) -> String {
    match (v, unit, currency) {
        (None, _, _) => String::new(),
        (Some(v), Unit::Money, Some(c)) => format_money(v.round() as i64, c),
        (Some(v), Unit::Count, _) => format!("{}", v.round() as i64),
        (Some(v), _, _) => format!("{v}"),
    }
}

fn unit_words(u: Unit) -> &'static str {
    match u {
        Unit::Count => "count",
        Unit::Percent => "%",
        Unit::Money => "amount",
        Unit::Days => "days",
        Unit::Number => "number",
        Unit::Score => "score",
    }
}

/// The report as CSV rows.
pub fn csv_rows(r: &Report) -> Vec<Vec<String>> {
    let mut out = vec![
        vec![r.title.clone()],
        vec![format!("From {} to {} (UTC); previous period from {} to {}", r.period.from.format("%Y-%m-%d %H:%M"), r.period.to.format("%Y-%m-%d %H:%M"), r.previous.from.format("%Y-%m-%d"), r.previous.to.format("%Y-%m-%d"))],
    ];
    if let Some(s) = &r.segment {
        out.push(vec![format!("Segment: {}", s.name)]);
    }
    out.push(vec![]);
    out.push(["Figure", "Value", "Previous period", "Unit", "Currency", "Definition"].map(String::from).to_vec());
    for f in &r.figures {
        let cur = f.currency.as_deref();
        out.push(vec![f.label.clone(), cell(f.value, f.unit, cur), cell(f.previous, f.unit, cur), unit_words(f.unit).into(), f.currency.clone().unwrap_or_default(), f.definition.clone()]);
    }
    for s in &r.sections {
        out.push(vec![]);
        out.push(vec![s.title.clone()]);
        let mut head = vec![String::new()];
        head.extend(s.columns.iter().map(|c| format!("{} ({})", c.label, unit_words(c.unit))));
        head.push("Currency".into());
        out.push(head);
        for row in &s.rows {
            let mut line = vec![row.label.clone()];
            line.extend(s.columns.iter().zip(&row.cells).map(|(c, v)| cell(*v, c.unit, row.currency.as_deref())));
            line.push(row.currency.clone().unwrap_or_default());
            out.push(line);
        }
    }
    for n in &r.notes {
        out.push(vec![]);
        out.push(vec![n.clone()]);
    }
    out
}

pub fn write_csv(r: &Report, path: &Path) -> CoreResult<ExportSummary> {
    let (staged, file) = Staged::create(path)?;
    let rows = csv_rows(r);
    {
        let mut w = csv_writer(std::io::BufWriter::new(file)).map_err(|e| io_error("write", path, e))?;
        for row in &rows {
            write_csv_row(&mut w, row).map_err(|e| io_error("write", path, e))?;
        }
        w.flush().map_err(|e| io_error("write", path, e))?;
    }
    let bytes = staged.commit()?;
    Ok(ExportSummary { path: path.display().to_string(), rows: rows.len() as u32, bytes })
}

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
/// A chart image bigger than this is not one the app drew.
pub const MAX_PNG_BYTES: usize = 20 << 20;

pub fn write_png(bytes: &[u8], path: &Path) -> CoreResult<ExportSummary> {
    if !bytes.starts_with(PNG_MAGIC) {
        return Err(CoreError::invalid("image", "not_png", "The chart image is not a PNG picture."));
    }
    if bytes.len() > MAX_PNG_BYTES {
        return Err(CoreError::invalid("image", "too_big", "The chart image is larger than 20 MB."));
    }
    let (staged, mut file) = Staged::create(path)?;
    file.write_all(bytes).map_err(|e| io_error("write", path, e))?;
    file.sync_all().map_err(|e| io_error("write", path, e))?;
    let bytes = staged.commit()?;
    Ok(ExportSummary { path: path.display().to_string(), rows: 0, bytes })
}
