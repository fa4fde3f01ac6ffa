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
    // Every line as wide as the widest (a spreadsheet reads it as one table).
    let width = out.iter().map(Vec::len).max().unwrap_or(1);
    for line in &mut out {
        line.resize(width, String::new());
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{Chart, ChartKind, Column, Figure, ReportName, Row, Section};

    #[test]
    fn csv_lines_are_one_table_with_money_in_major_units() {
        let p = crate::conversion::Period { from: chrono::DateTime::UNIX_EPOCH, to: chrono::DateTime::UNIX_EPOCH + chrono::Duration::days(30) };
        let money = |k: &str| Column { key: k.into(), label: "Revenue".into(), unit: Unit::Money, definition: "d".into() };
        let r = Report {
            name: ReportName::Repeat,
            title: "Repeat purchases".into(),
            about: String::new(),
            period: p,
            previous: p,
            segment: None,
            figures: vec![Figure { key: "aov".into(), label: "Average order value".into(), unit: Unit::Money, currency: Some("EUR".into()), value: Some(123456.0), previous: None, definition: "Net ÷ orders.".into(), drill: None }],
            sections: vec![Section {
                key: "s".into(),
                title: "By month".into(),
                chart: Chart { kind: ChartKind::Bar, series: vec![] },
                columns: vec![money("revenue")],
                rows: vec![Row { key: "m".into(), label: "Jan 2026".into(), currency: Some("JPY".into()), cells: vec![Some(5000.0)], drills: vec![None] }],
                empty: None,
            }],
            notes: vec!["A note.".into()],
            empty: None,
        };
        let rows = csv_rows(&r);
        assert!(rows.iter().all(|l| l.len() == 6), "{rows:?}");
        assert!(rows.iter().any(|l| l[0] == "Average order value" && l[1] == "1234.56" && l[4] == "EUR"), "{rows:?}");
        assert!(rows.iter().any(|l| l[0] == "Jan 2026" && l[1] == "5000" && l[2] == "JPY"), "yen have no minor digits: {rows:?}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        write_csv(&r, &path).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("Repeat purchases"));
        assert!(write_png(b"not a png", &dir.path().join("x.png")).is_err() && !dir.path().join("x.png").exists());
    }
}
