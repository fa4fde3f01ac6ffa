//! Importing orders (Shopify, WooCommerce, Stripe or any CSV/XLSX of order lines). One row is
//! one order line; the rows with the same order number make one order, wherever they are in the
//! file. So the file is read twice: once to put every order together and decide what it does
//! (create; or, for an order number imported before, skip or update), once more to give every
//! row its action (and the rejected rows their cells). The parsed lines of the whole file are
//! held in memory between the two passes (a few hundred bytes a line).
//!
//! Writing: orders go in by date (a subscription starts with the first order of its plan, a
//! later one renews it), through [`crate::orders::insert_imported`]: the buyer's figures and
//! lifecycle follow, but no onboarding starts for a past purchase. Every order created or
//! updated, and every lifecycle change that followed, is listed in `import_items`, so undoing
//! the import deletes the orders (with their lines and subscriptions) and puts back what changed.

use super::engine::{setup, Setup};
use super::order_plan::{plan, Planned, Refs};
use super::order_rows::{issue, read_line, LineRow};
use super::run::{count, summary_rows, PREVIEW_FIRST, PREVIEW_MAX, PROGRESS_EVERY, SUMMARY_REJECTS};
use super::write::Writer;
use super::{orders_undo, ActionCounts, ImportOptions, ImportProgress, Preview, PreviewRow, RejectedRow, RowAction, RowIssue, RowMatch};
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Every order of the file, planned.
struct FilePlan {
    orders: Vec<Planned>,
    /// File row → its order (an index into `orders`).
    by_row: HashMap<u32, usize>,
    /// Rows rejected without an order number, with why.
    loose: HashMap<u32, Vec<RowIssue>>,
    rows: u32,
}

impl FilePlan {
    /// What row `row` does: its action, issues and match.
    fn outcome(&self, row: u32, s: &Setup) -> (RowAction, Vec<RowIssue>, Option<RowMatch>) {
        match self.by_row.get(&row).map(|i| &self.orders[*i]) {
            Some(p) => (p.action, p.row_issues(row, &s.ctx), p.matched.clone()),
            None => {
                let issues = self.loose.get(&row).cloned().unwrap_or_else(|| vec![issue(&s.ctx, "row", "This row could not be read.")]);
                (RowAction::Reject, issues, None)
            }
        }
    }

    fn reason(&self, row: u32, issues: &[RowIssue]) -> String {
        match self.by_row.get(&row).map(|i| &self.orders[*i]) {
            Some(p) => p.reason(row),
            None => issues.iter().map(|i| i.message.clone()).collect::<Vec<_>>().join("; "),
        }
    }

    fn warning(&self) -> String {
        format!("{} rows hold the lines of {} orders.", self.rows, self.orders.len())
    }
}

/// Reports progress every few thousand rows (and stops when cancelled): pass 1 reads the first
/// half of the bar, pass 2 the next quarter, writing the last.
struct Ticker<'a> {
    progress: &'a (dyn Fn(ImportProgress) + Send + Sync),
    cancel: &'a AtomicBool,
    total: i64,
}

impl Ticker<'_> {
    fn tick(&self, rows: u32, share: f64) -> CoreResult<()> {
        (self.progress)(ImportProgress { rows_done: rows, bytes_done: (self.total as f64 * share.clamp(0.0, 1.0)) as i64, bytes_total: self.total });
        if self.cancel.load(Ordering::Relaxed) {
            return Err(CoreError::Cancelled { message: "Import cancelled: nothing was imported.".into() });
        }
        Ok(())
    }
}

fn read_share(s: &Setup) -> f64 {
    s.opened.rows.bytes_done() as f64 / (s.opened.size.max(1) as f64)
}

async fn plan_file<C: ConnectionTrait>(db: &C, s: &mut Setup, opts: &ImportOptions, ticker: Option<&Ticker<'_>>) -> CoreResult<FilePlan> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<(String, Vec<LineRow>)> = Vec::new();
    let mut loose = HashMap::new();
    let mut rows = 0u32;
    while let Some(raw) = s.next()? {
        rows += 1;
        let l = read_line(&s.ctx, raw.number, &raw.cells, raw.problem.as_deref());
        match l.key.clone() {
            Some(k) => {
                let at = *index.entry(k.clone()).or_insert_with(|| {
                    groups.push((k, Vec::new()));
                    groups.len() - 1
                });
                groups[at].1.push(l);
            }
            None => {
                loose.insert(l.row, l.issues);
            }
        }
        if let (Some(t), true) = (ticker, rows.is_multiple_of(PROGRESS_EVERY)) {
            t.tick(rows, read_share(s) * 0.5)?;
        }
    }
    let mut refs = Refs::load(db, s.ctx.default_currency.clone()).await?;
    let mut orders = Vec::with_capacity(groups.len());
    let mut by_row = HashMap::with_capacity(rows as usize);
    let n = groups.len();
    for (i, (key, lines)) in groups.into_iter().enumerate() {
        let lines: Vec<&LineRow> = lines.iter().collect();
        let p = plan(db, &s.ctx, &mut refs, &key, &lines, &opts.match_by, opts.on_match).await?;
        for r in &p.rows {
            by_row.insert(*r, i);
        }
        orders.push(p);
        if let (Some(t), true) = (ticker, i % 500 == 499) {
            t.tick(rows, 0.5 + 0.1 * i as f64 / n as f64)?;
        }
    }
    Ok(FilePlan { orders, by_row, loose, rows })
}

/// Reads the file again from the top for the second pass (its warnings are not repeated).
fn rewind(s: &mut Setup, opts: &ImportOptions) -> CoreResult<usize> {
    s.rewind(Path::new(&opts.path), opts.sheet.as_deref())?;
    Ok(s.warnings.len())
}

pub async fn preview(db: &DatabaseConnection, opts: &ImportOptions) -> CoreResult<Preview> {
    let mut s = setup(db, opts).await?;
    let plan = plan_file(db, &mut s, opts, None).await?;
    let mark = rewind(&mut s, opts)?;
    let mut counts = ActionCounts::default();
    let mut rows = Vec::new();
    while let Some(raw) = s.next()? {
        let (action, issues, matched) = plan.outcome(raw.number, &s);
        count(&mut counts, action);
        if rows.len() < PREVIEW_FIRST || (action == RowAction::Reject && rows.len() < PREVIEW_MAX) {
            rows.push(PreviewRow { row_number: raw.number, cells: raw.cells, action, issues, matched });
        }
    }
    s.warnings.truncate(mark);
    if summary_rows(&counts) == 0 {
        return Err(super::no_rows());
    }
    s.warnings.push(plan.warning());
    Ok(Preview { rows, counts, missing_required: s.missing, warnings: s.warnings })
}

/// Writes the orders of the file inside the import's transaction; returns the counts (per row)
/// and the first rejected rows.
#[allow(clippy::too_many_arguments)]
pub async fn write(
    txn: &DatabaseTransaction,
    import_id: &str,
    started: DateTime<Utc>,
    s: &mut Setup,
    opts: &ImportOptions,
    user: Option<String>,
    progress: &(dyn Fn(ImportProgress) + Send + Sync),
    cancel: &AtomicBool,
) -> CoreResult<(ActionCounts, Vec<RejectedRow>)> {
    let ticker = Ticker { progress, cancel, total: s.opened.size as i64 };
    let plan = plan_file(txn, s, opts, Some(&ticker)).await?;
    let mark = rewind(s, opts)?;
    let mut w = Writer::new(import_id.to_string(), started, s.file_name.clone(), vec![], user);
    let mut counts = ActionCounts::default();
    let mut rejected = Vec::new();
    while let Some(raw) = s.next()? {
        let (action, issues, _) = plan.outcome(raw.number, s);
        count(&mut counts, action);
        if action == RowAction::Reject {
            let reason = plan.reason(raw.number, &issues);
            w.reject(raw.number, &reason, &raw.cells);
            if rejected.len() < SUMMARY_REJECTS {
                rejected.push(RejectedRow { row_number: raw.number, reason });
            }
        }
        if w.needs_flush() {
            w.flush(txn).await?;
        }
        if summary_rows(&counts).is_multiple_of(PROGRESS_EVERY) {
            ticker.tick(summary_rows(&counts), 0.6 + 0.15 * read_share(s))?;
        }
    }
    s.warnings.truncate(mark);
    if summary_rows(&counts) == 0 {
        return Err(super::no_rows());
    }
    // Lifecycle changes after this one are the import's (it holds the write lock).
    let before = orders_undo::last_lifecycle_change(txn).await?;
    let mut todo: Vec<&Planned> = plan.orders.iter().filter(|p| p.order.is_some()).collect();
    todo.sort_by_key(|p| (p.order.as_ref().and_then(|o| o.0.ordered_at), p.rows[0]));
    let n = todo.len();
    for (i, p) in todo.into_iter().enumerate() {
        let Some((input, imported)) = &p.order else { continue };
        match (p.action, &p.existing) {
            (RowAction::Create, _) => {
                let id = crate::orders::insert_imported(txn, input, imported, started).await?;
                w.item("order", &id, "created", None);
            }
            (RowAction::Update, Some(id)) => {
                let was = orders_undo::replace(txn, id, input, imported, started).await?;
                w.item("order", id, "updated", Some(was));
            }
            _ => {}
        }
        if w.needs_flush() {
            w.flush(txn).await?;
        }
        if i % 200 == 199 {
            ticker.tick(summary_rows(&counts), 0.75 + 0.25 * i as f64 / n as f64)?;
        }
    }
    for (id, json) in orders_undo::lifecycle_changes_after(txn, before).await? {
        w.item("lifecycle_change", &id, "created", Some(json));
    }
    w.flush(txn).await?;
    Ok((counts, rejected))
}

/// The contacts whose orders an orders import wrote (or whose lifecycle it moved), as SQL for
/// the scoring (`c0`).
pub fn contacts_sql(import_id: &str) -> String {
    let id = crate::criteria::lit(import_id);
    format!(
        "SELECT DISTINCT o.contact_id AS c0 FROM orders o JOIN import_items i ON i.record_id = o.id \
         WHERE i.import_id = {id} AND i.entity = 'order' AND o.contact_id IS NOT NULL \
         UNION SELECT json_extract(i.before_json, '$.contact_id') FROM import_items i WHERE i.import_id = {id} AND i.entity = 'lifecycle_change'"
    )
}
