//! vCard 3.0 and 4.0 through the `ical` parser: each card becomes a row under fixed headers
//! (the vCard property names), which the mapping step shows like a file's columns.

use super::read::{encoding_name, file_error, Opened, Rows};
use super::FileFormat;
use crate::error::{CoreError, CoreResult};
use encoding_rs::Encoding;
use encoding_rs_io::DecodeReaderBytesBuilder;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// vCard files are parsed into rows in memory: this is the largest accepted.
pub const MAX_VCARD: u64 = 100 * 1024 * 1024;

pub const HEADERS: [&str; 17] = [
    "FN", "Given name (N)", "Family name (N)", "EMAIL", "EMAIL 2", "TEL", "TEL mobile", "ORG", "TITLE", "ADR street",
    "ADR city", "ADR region", "ADR postal code", "ADR country", "NOTE", "CATEGORIES", "UID",
];

/// The fields the columns above fill (contacts).
pub const FIELDS: [&str; 17] = [
    "full_name", "first_name", "last_name", "email", "email_2", "phone", "mobile", "company", "title", "street", "city",
    "region", "postal_code", "country", "notes", "tags", "external_id",
];

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a structured value on unescaped `;`.
fn parts(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut esc = false;
    for c in s.chars() {
        if esc {
            cur.push('\\');
            cur.push(c);
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if c == ';' {
            out.push(unescape(&cur));
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(unescape(&cur));
    out
}

fn has_type(params: &Option<Vec<(String, Vec<String>)>>, want: &[&str]) -> bool {
    params.iter().flatten().any(|(k, vs)| {
        k.eq_ignore_ascii_case("TYPE") && vs.iter().flat_map(|v| v.split(',')).any(|v| want.iter().any(|w| v.eq_ignore_ascii_case(w)))
    })
}

pub fn open_vcard(path: &Path, size: u64, encoding: &'static Encoding) -> CoreResult<Opened> {
    if size > MAX_VCARD {
        return Err(CoreError::invalid(
            "file",
            "too_large",
            format!("This vCard file is {} MB; the limit is {} MB. Split it into smaller files.", size / 1_000_000, MAX_VCARD / 1_000_000),
        ));
    }
    let f = File::open(path).map_err(|e| file_error(path, e))?;
    let decoded = DecodeReaderBytesBuilder::new().encoding(Some(encoding)).bom_override(true).strip_bom(true).build(f);
    let parser = ical::VcardParser::new(BufReader::new(decoded));
    let mut rows = Vec::new();
    for (i, card) in parser.enumerate() {
        let card = card.map_err(|e| {
            CoreError::invalid("file", "bad_vcard", format!("Card {} of this vCard file cannot be read: {e}.", i + 1))
        })?;
        let mut row = vec![String::new(); HEADERS.len()];
        let mut emails = Vec::new();
        for p in &card.properties {
            let Some(raw) = p.value.as_deref() else { continue };
            let set = |row: &mut Vec<String>, i: usize, v: String| {
                if row[i].is_empty() {
                    row[i] = v.trim().to_string();
                }
            };
            match p.name.to_uppercase().as_str() {
                "FN" => set(&mut row, 0, unescape(raw)),
                "N" => {
                    let n = parts(raw);
                    set(&mut row, 2, n.first().cloned().unwrap_or_default());
                    set(&mut row, 1, n.get(1).cloned().unwrap_or_default());
                }
                "EMAIL" => emails.push(unescape(raw).trim().trim_start_matches("mailto:").to_string()),
                "TEL" => {
                    let v = unescape(raw).trim().trim_start_matches("tel:").to_string();
                    if has_type(&p.params, &["cell", "mobile"]) {
                        set(&mut row, 6, v);
                    } else if row[5].is_empty() {
                        row[5] = v;
                    } else {
                        set(&mut row, 6, v);
                    }
                }
                "ORG" => set(&mut row, 7, parts(raw).into_iter().next().unwrap_or_default()),
                "TITLE" => set(&mut row, 8, unescape(raw)),
                "ADR" => {
                    let a = parts(raw);
                    for (k, col) in [(2, 9), (3, 10), (4, 11), (5, 12), (6, 13)] {
                        set(&mut row, col, a.get(k).cloned().unwrap_or_default());
                    }
                }
                "NOTE" => set(&mut row, 14, unescape(raw)),
                "CATEGORIES" => set(&mut row, 15, unescape(raw)),
                "UID" => set(&mut row, 16, unescape(raw)),
                _ => {}
            }
        }
        emails.retain(|e| !e.is_empty());
        if let Some(e) = emails.first() {
            row[3] = e.clone();
        }
        if let Some(e) = emails.get(1) {
            row[4] = e.clone();
        }
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(CoreError::invalid("file", "empty", "This vCard file holds no cards: there is nothing to import."));
    }
    Ok(Opened {
        format: FileFormat::Vcard,
        encoding: Some(encoding_name(encoding)),
        delimiter: None,
        sheets: vec![],
        sheet: None,
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        size,
        rows: Rows::Memory(rows.into_iter(), 0),
    })
}
