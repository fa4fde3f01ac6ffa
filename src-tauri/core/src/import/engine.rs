//! The pass over a file shared by the preview (a dry run) and the import: each row is read,
//! checked, matched and — when importing — written.

use super::parse::{order_hint, DayOrder};
use super::plan::{Decision, Index};
use super::read::{self, Opened, RawRow};
use super::rows::{prepare, Ctx, Rec};
use super::{fields, FieldInfo, ImportKind, ImportOptions, MatchBy, RowAction, RowIssue, RowMatch};
use crate::error::{CoreError, CoreResult};
use crate::regional::DateOrder;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;
use std::path::Path;

/// Rows with more cells than the header are imported; the first few get a warning.
const RAGGED_WARNINGS: usize = 20;

pub struct Setup {
    pub opened: Opened,
    pub ctx: Ctx,
    pub warnings: Vec<String>,
    pub missing: Vec<FieldInfo>,
    pub file_name: String,
    ragged: usize,
    pub empty_rows: u32,
}

/// What one row does.
pub struct Outcome {
    pub action: RowAction,
    pub issues: Vec<RowIssue>,
    pub matched: Option<RowMatch>,
    pub rec: Option<Rec>,
    pub decision: Option<Decision>,
    /// Deals: (pipeline id, stage id, stage name, kind).
    pub stage: Option<(String, String, String, String)>,
    /// Deals: the contact linked; activities: the contact.
    pub contact: Option<String>,
    pub company: Option<String>,
    pub deal: Option<String>,
    pub lost: (Option<String>, Option<String>),
}

impl Outcome {
    fn reject(issues: Vec<RowIssue>) -> Outcome {
        Outcome { action: RowAction::Reject, issues, matched: None, rec: None, decision: None, stage: None, contact: None, company: None, deal: None, lost: (None, None) }
    }

    /// One line for the summary and the rejected-rows CSV.
    pub fn reason(&self) -> String {
        self.issues
            .iter()
            .map(|i| match &i.column {
                Some(c) => format!("{c}: {}", i.message),
                None => i.message.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

pub fn file_name(path: &str) -> String {
    Path::new(path).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(|| path.to_string())
}

/// The day order of each date column, decided over the whole file (a second streaming pass).
/// Columns without a telling value (every date reads both ways) take `fallback`.
fn day_orders(
    path: &Path,
    sheet: Option<&str>,
    cols: &[usize],
    headers: &[String],
    fallback: DayOrder,
    warnings: &mut Vec<String>,
) -> CoreResult<HashMap<usize, DayOrder>> {
    let mut seen: HashMap<usize, (bool, bool)> = HashMap::new();
    let mut rows = read::open(path, sheet)?.rows;
    while let Some(r) = rows.next_row()? {
        for c in cols {
            match r.cells.get(*c).and_then(|s| order_hint(s)) {
                Some(DayOrder::DayFirst) => seen.entry(*c).or_default().0 = true,
                Some(DayOrder::MonthFirst) => seen.entry(*c).or_default().1 = true,
                None => {}
            }
        }
    }
    let mut out: HashMap<usize, DayOrder> = cols.iter().map(|c| (*c, fallback)).collect();
    for (c, (day, month)) in seen {
        if day && month {
            warnings.push(format!("The column “{}” mixes day-first and month-first dates; they are read day-first.", headers[c]));
        }
        out.insert(c, if month && !day { DayOrder::MonthFirst } else { DayOrder::DayFirst });
    }
    Ok(out)
}

fn missing_required(ctx: &Ctx) -> Vec<FieldInfo> {
    let all = fields::fields(ctx.kind);
    let mut out: Vec<FieldInfo> = all.iter().filter(|f| f.required && !ctx.has(&f.key)).cloned().collect();
    if ctx.kind == ImportKind::Contacts && !["first_name", "last_name", "full_name", "email"].iter().any(|f| ctx.has(f)) {
        if let Some(f) = all.iter().find(|f| f.key == "full_name") {
            out.push(FieldInfo { label: "Name or e-mail".into(), required: true, ..f.clone() });
        }
    }
    let either = |a: &str, b: &str, label: &str, out: &mut Vec<FieldInfo>| {
        if !ctx.has(a) && !ctx.has(b) {
            if let Some(f) = all.iter().find(|f| f.key == a) {
                out.push(FieldInfo { label: label.into(), required: true, ..f.clone() });
            }
        }
    };
    match ctx.kind {
        ImportKind::Orders => either("product", "sku", "Product or SKU", &mut out),
        ImportKind::SurveyResponses => either("contact_email", "contact_external_id", "Contact e-mail or external id", &mut out),
        _ => {}
    }
    out
}

pub async fn setup<C: ConnectionTrait>(db: &C, opts: &ImportOptions) -> CoreResult<Setup> {
    let path = Path::new(&opts.path);
    let mut warnings = Vec::new();
    let opened = read::open(path, opts.sheet.as_deref())?;
    let mut ctx = Ctx::new(opts.kind, &opts.mapping, &opened.headers, &mut warnings)?;
    let dates = ctx.date_cols();
    let regional = crate::regional::get(db).await?.chosen;
    if !dates.is_empty() {
        // A column whose every date reads both ways (1/2/2026) follows the owner's date order.
        let fallback = if regional.date_order == DateOrder::MonthDayYear { DayOrder::MonthFirst } else { DayOrder::DayFirst };
        ctx.orders = day_orders(path, opts.sheet.as_deref(), &dates, &opened.headers, fallback, &mut warnings)?;
    }
    if matches!(opts.kind, ImportKind::Deals | ImportKind::Orders) {
        ctx.default_currency = regional.currency;
    }
    let missing = missing_required(&ctx);
    Ok(Setup { opened, ctx, warnings, missing, file_name: file_name(&opts.path), ragged: 0, empty_rows: 0 })
}

impl Setup {
    /// Opens the file again for a second pass from its first row (the mapping stays).
    pub fn rewind(&mut self, path: &Path, sheet: Option<&str>) -> CoreResult<()> {
        self.opened = read::open(path, sheet)?;
        self.ragged = 0;
        self.empty_rows = 0;
        Ok(())
    }

    /// The next non-empty row.
    pub fn next(&mut self) -> CoreResult<Option<RawRow>> {
        loop {
            let Some(r) = self.opened.rows.next_row()? else {
                if self.empty_rows > 0 {
                    self.warnings.push(format!("{} empty rows were skipped.", self.empty_rows));
                }
                if self.ragged > RAGGED_WARNINGS {
                    self.warnings.push(format!("{} more rows had more cells than the header.", self.ragged - RAGGED_WARNINGS));
                }
                return Ok(None);
            };
            if r.problem.is_none() && r.cells.iter().all(|c| c.trim().is_empty()) {
                self.empty_rows += 1;
                continue;
            }
            let n = self.ctx.headers.len();
            if r.width > n && r.cells.iter().skip(n).any(|c| !c.trim().is_empty()) {
                self.ragged += 1;
                if self.ragged <= RAGGED_WARNINGS {
                    self.warnings.push(format!("Row {} has {} cells, the header {}: the extra cells are ignored.", r.number, r.width, n));
                }
            }
            return Ok(Some(r));
        }
    }

    pub fn classify(&self, ix: &mut Index, opts: &ImportOptions, raw: &RawRow) -> CoreResult<Outcome> {
        if let Some(p) = &raw.problem {
            return Ok(Outcome::reject(vec![RowIssue { field: "row".into(), column: None, message: p.clone() }]));
        }
        let (rec, mut issues) = prepare(&self.ctx, &raw.cells);
        let Some(rec) = rec else { return Ok(Outcome::reject(issues)) };
        let mut out = Outcome::reject(vec![]);
        let issue = |field: &str, message: String| RowIssue {
            field: field.into(),
            column: self.ctx.col(field).and_then(|c| self.ctx.headers.get(c).cloned()),
            message,
        };
        match &rec {
            Rec::Deal(d) => {
                match deal_stage(ix, d.pipeline.as_deref(), d.stage.as_deref()) {
                    Ok(s) => out.stage = Some(s),
                    Err((f, m)) => return Ok(Outcome::reject(vec![issue(f, m)])),
                }
                if let Some(e) = &d.contact_email {
                    out.contact = ix.refs.contact_emails.get(e).cloned();
                    if out.contact.is_none() {
                        issues.push(issue("contact_email", format!("No contact has the e-mail {e}; the deal is imported without a contact.")));
                    }
                }
                if let (Some(r), Some(s)) = (&d.lost_reason, &out.stage) {
                    if s.3 == "lost" {
                        out.lost = match ix.refs.lost_reasons.get(&r.to_lowercase()) {
                            Some(id) => (Some(id.clone()), None),
                            None => (None, Some(r.clone())),
                        };
                    }
                }
            }
            Rec::Activity(a) => {
                if let Some(e) = &a.contact_email {
                    out.contact = ix.refs.contact_emails.get(e).cloned();
                    if out.contact.is_none() {
                        issues.push(issue("contact_email", format!("No contact has the e-mail {e}.")));
                    }
                }
                if let (None, Some(x)) = (&out.contact, &a.contact_external_id) {
                    out.contact = ix.refs.contact_ext.get(x).cloned();
                    if out.contact.is_none() {
                        issues.push(issue("contact_external_id", format!("No contact has the external id {x}.")));
                    }
                }
                if let Some(c) = &a.company {
                    out.company = ix.refs.companies.get(&c.to_lowercase()).cloned();
                    if out.company.is_none() {
                        issues.push(issue("company", format!("No company is named “{c}”.")));
                    }
                }
                if let Some(x) = &a.deal_external_id {
                    out.deal = ix.refs.deal_ext.get(x).cloned();
                    if out.deal.is_none() {
                        issues.push(issue("deal_external_id", format!("No deal has the external id {x}.")));
                    }
                }
            }
            Rec::Survey(sr) => {
                if let Some(e) = &sr.contact_email {
                    out.contact = ix.refs.contact_emails.get(e).cloned();
                    if out.contact.is_none() {
                        issues.push(issue("contact_email", format!("No contact has the e-mail {e}.")));
                    }
                }
                if let (None, Some(x)) = (&out.contact, &sr.contact_external_id) {
                    out.contact = ix.refs.contact_ext.get(x).cloned();
                    if out.contact.is_none() {
                        issues.push(issue("contact_external_id", format!("No contact has the external id {x}.")));
                    }
                }
                let Some(c) = out.contact.clone() else {
                    if let Some(last) = issues.last_mut() {
                        last.message.push_str(" An answer needs its contact in Hearth: import the contacts first.");
                    }
                    return Ok(Outcome::reject(issues));
                };
                // Recorded already (or on an earlier row): skipped.
                if let Some(k) = super::surveys::key(&c, sr) {
                    if !ix.refs.surveys.insert(k) {
                        return Ok(Outcome { action: RowAction::Skip, issues, contact: Some(c), ..Outcome::reject(vec![]) });
                    }
                }
            }
            _ => {}
        }
        let match_by: &[MatchBy] = if matches!(opts.kind, ImportKind::Activities | ImportKind::SurveyResponses) { &[] } else { &opts.match_by };
        let d = ix.decide(&rec, raw.number, match_by, opts.on_match)?;
        out.matched = match (d.target, d.by) {
            (Some(t), Some(by)) => ix.record(t)?.map(|(id, name)| RowMatch { id, name, by }),
            _ => None,
        };
        out.action = d.action;
        out.decision = Some(d);
        out.issues = issues;
        out.rec = Some(rec);
        Ok(out)
    }
}

/// The pipeline and stage a deal row names (defaults: the first pipeline, its first open stage).
fn deal_stage(ix: &Index, pipeline: Option<&str>, stage: Option<&str>) -> Result<(String, String, String, String), (&'static str, String)> {
    let pipes = &ix.refs.pipelines;
    let p = match pipeline {
        Some(name) => pipes.iter().find(|p| p.1.eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
            ("pipeline", format!("No pipeline is named “{name}” (there are: {}).", pipes.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join(", ")))
        })?,
        None => pipes.first().ok_or(("pipeline", "There is no pipeline to put deals in.".to_string()))?,
    };
    let s = match stage {
        Some(name) => p.2.iter().find(|s| s.1.eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
            ("stage", format!("The pipeline “{}” has no stage “{name}” (its stages: {}).", p.1, p.2.iter().map(|s| s.1.as_str()).collect::<Vec<_>>().join(", ")))
        })?,
        None => p.2.iter().find(|s| s.2 == "open").ok_or(("stage", format!("The pipeline “{}” has no open stage.", p.1)))?,
    };
    Ok((p.0.clone(), s.0.clone(), s.1.clone(), s.2.clone()))
}

pub fn missing_error(missing: &[FieldInfo]) -> CoreError {
    CoreError::invalid(
        "mapping",
        "missing_required",
        format!("Map a column to {} before importing.", missing.iter().map(|f| format!("“{}”", f.label)).collect::<Vec<_>>().join(" and ")),
    )
}
