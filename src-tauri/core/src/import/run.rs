//! The preview (a dry run over the whole file) and the import itself (one transaction).

use super::engine::{missing_error, setup, Outcome, Setup};
use super::plan::Index;
use super::rows::Rec;
use super::write::Writer;
use super::{update, ActionCounts, ImportKind, ImportOptions, ImportProgress, ImportSummary, OnMatch, Preview, PreviewRow, RejectedRow, RowAction};
use crate::common::{new_id, now};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, ActionKind};
use crate::{meta, sqlite};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

pub(super) const PREVIEW_FIRST: usize = 100;
pub(super) const PREVIEW_MAX: usize = 200;
pub(super) const SUMMARY_REJECTS: usize = 200;
pub(super) const PROGRESS_EVERY: u32 = 2_000;

/// Prints how long each phase took when `HEARTH_TRACE` is set.
fn trace(clock: &Instant, what: &str) {
    if std::env::var_os("HEARTH_TRACE").is_some() {
        eprintln!("{:>8.3}s  import: {what}", clock.elapsed().as_secs_f64());
    }
}

pub(super) fn count(c: &mut ActionCounts, a: RowAction) {
    match a {
        RowAction::Create => c.create += 1,
        RowAction::Update => c.update += 1,
        RowAction::Skip => c.skip += 1,
        RowAction::Reject => c.reject += 1,
    }
}

pub async fn preview(db: &DatabaseConnection, opts: &ImportOptions) -> CoreResult<Preview> {
    if opts.kind == ImportKind::Orders {
        return super::orders::preview(db, opts).await;
    }
    let mut s = setup(db, opts).await?;
    let mut ix = Index::load(db, opts.kind, &opts.match_by).await?;
    let mut counts = ActionCounts::default();
    let mut rows = Vec::new();
    while let Some(raw) = s.next()? {
        let o = s.classify(&mut ix, opts, &raw)?;
        count(&mut counts, o.action);
        if rows.len() < PREVIEW_FIRST || (o.action == RowAction::Reject && rows.len() < PREVIEW_MAX) {
            rows.push(PreviewRow { row_number: raw.number, cells: raw.cells, action: o.action, issues: o.issues, matched: o.matched });
        }
    }
    if summary_rows(&counts) == 0 {
        return Err(super::no_rows());
    }
    Ok(Preview { rows, counts, missing_required: s.missing, warnings: s.warnings })
}

fn rule(opts: &ImportOptions) -> &'static str {
    match (opts.match_by.is_empty(), opts.on_match) {
        (true, _) => "create_only",
        (false, OnMatch::Update) => "update",
        (false, OnMatch::Skip) => "skip",
    }
}

pub async fn run(
    db: &DatabaseConnection,
    opts: &ImportOptions,
    progress: &(dyn Fn(ImportProgress) + Send + Sync),
    cancel: &AtomicBool,
) -> CoreResult<ImportSummary> {
    let clock = Instant::now();
    let mut s = setup(db, opts).await?;
    if !s.missing.is_empty() {
        return Err(missing_error(&s.missing));
    }
    let import_id = new_id();
    let act = history::begin_with(db, ActionKind::Import, "imports", Some(&import_id), Some(("import", &import_id))).await?;
    // The import keeps its own record of what it wrote (`import_items`), undone as a whole.
    history::quiet(&*act).await?;
    match write_all(&act, import_id, &mut s, opts, progress, cancel, clock).await {
        Ok(summary) => {
            // The imported contacts get their scores (and those of imported activities' contacts).
            crate::scoring::refresh_imported(&*act, &summary.import_id, false).await?;
            if opts.kind == ImportKind::Orders {
                crate::scoring::refresh_query(&*act, &super::orders::contacts_sql(&summary.import_id)).await?;
            }
            if opts.kind == ImportKind::SurveyResponses {
                let sql = format!(
                    "SELECT DISTINCT s.contact_id AS c0 FROM survey_responses s JOIN import_items i ON i.record_id = s.id \
                     WHERE i.import_id = {} AND i.entity = 'survey_response' AND s.contact_id IS NOT NULL",
                    crate::criteria::lit(&summary.import_id)
                );
                crate::scoring::refresh_query(&*act, &sql).await?;
            }
            if opts.kind == ImportKind::Activities {
                let sql = format!(
                    "SELECT DISTINCT a.contact_id AS c0 FROM activities a JOIN import_items i ON i.record_id = a.id \
                     WHERE i.import_id = {} AND i.entity = 'activity' AND a.contact_id IS NOT NULL",
                    crate::criteria::lit(&summary.import_id)
                );
                crate::scoring::refresh_query(&*act, &sql).await?;
            }
            trace(&clock, "scored");
            history::resume(&*act).await?;
            act.describe(&s.file_name).await?;
            act.commit().await?;
            trace(&clock, "committed");
            progress(ImportProgress { rows_done: summary_rows(&summary.counts), bytes_done: s.opened.size as i64, bytes_total: s.opened.size as i64 });
            Ok(summary)
        }
        // Dropped uncommitted: the transaction rolls back.
        Err(e) => Err(e),
    }
}

/// From this many contact rows on (estimated from the first 1,000), an import that brings at
/// least half as many contacts as the database holds drops the 14 secondary indexes of
/// `contacts` while it writes and builds them again at the end, inside its transaction (so a
/// cancel or failure gets them back too): at 100k contacts a new row costs ~44 µs in those
/// indexes one by one, ~17 µs per row of the table to rebuild them. Lookups during the import
/// use the primary key and the e-mail, phone and tag tables, whose indexes stay.
const LARGE_IMPORT: u64 = 20_000;

/// The row after which the file's size in rows is estimated (and the indexes set aside).
const SIZE_KNOWN_AT: u32 = 1_000;

fn large_import(kind: ImportKind, rows: u64, existing_contacts: u32) -> bool {
    kind == ImportKind::Contacts && rows >= LARGE_IMPORT && rows.saturating_mul(2) >= existing_contacts as u64
}

pub(super) fn summary_rows(c: &ActionCounts) -> u32 {
    c.create + c.update + c.skip + c.reject
}

fn cancelled() -> CoreError {
    CoreError::Cancelled { message: "Import cancelled: nothing was imported.".into() }
}

#[allow(clippy::too_many_arguments)]
async fn write_all(
    txn: &DatabaseTransaction,
    import_id: String,
    s: &mut Setup,
    opts: &ImportOptions,
    progress: &(dyn Fn(ImportProgress) + Send + Sync),
    cancel: &AtomicBool,
    clock: Instant,
) -> CoreResult<ImportSummary> {
    let started = now();
    let settings = serde_json::json!({
        "headers": s.opened.headers,
        "mapping": opts.mapping,
        "match_by": opts.match_by,
        "on_match": opts.on_match,
        "tags": opts.tags,
        "sheet": s.opened.sheet,
    });
    let q = Query::insert()
        .into_table("imports")
        .columns(["id", "kind", "file_name", "status", "rule", "mapping_json", "created_count", "updated_count", "skipped_count", "rejected_count", "started_at", "finished_at"])
        .values_panic([
            import_id.clone().into(), kind_str(opts.kind).into(), s.file_name.clone().into(), "done".into(), rule(opts).into(),
            settings.to_string().into(), 0.into(), 0.into(), 0.into(), 0.into(), started.into(), started.into(),
        ])
        .to_owned();
    txn.execute(&q).await?;
    trace(&clock, "setup");
    if opts.kind == ImportKind::Orders {
        let user = meta::get(txn, meta::USER_NAME).await?;
        let (counts, rejected) = super::orders::write(txn, &import_id, started, s, opts, user, progress, cancel).await?;
        return finish(txn, import_id, s, opts, counts, rejected, clock).await;
    }
    let mut ix = Index::load(txn, opts.kind, &opts.match_by).await?;
    trace(&clock, "keys loaded");
    let bulk = !matches!(opts.kind, ImportKind::Activities | ImportKind::SurveyResponses);
    if bulk {
        sqlite::suspend_search_index(txn).await?;
        sqlite::suspend_live_counts(txn).await?;
    }
    // The secondary indexes of `contacts` dropped for a large import (see `LARGE_IMPORT`).
    let mut dropped: Option<Vec<String>> = None;
    let existing_contacts = meta::live_count(txn, "contacts").await?;
    // A bigger page cache while the import writes (index pages of large tables stay in it).
    sqlite::bulk_cache(txn, true).await?;
    let user = meta::get(txn, meta::USER_NAME).await?;
    let tags: Vec<String> = opts.tags.iter().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty()).collect();
    let mut w = Writer::new(import_id.clone(), started, s.file_name.clone(), tags, user);
    let mut counts = ActionCounts::default();
    let mut rejected = Vec::new();
    let mut done = 0u32;
    let (mut t_read, mut t_check, mut t_write, mut t_upd, mut t_flush) = (0f64, 0f64, 0f64, 0f64, 0f64);
    loop {
        let t0 = Instant::now();
        let Some(raw) = s.next()? else { break };
        let t1 = Instant::now();
        let o = s.classify(&mut ix, opts, &raw)?;
        let t2 = Instant::now();
        count(&mut counts, o.action);
        let ta = Instant::now();
        apply(txn, &mut w, &mut ix, &o, raw.number, &raw.cells).await?;
        if o.action == RowAction::Update {
            t_upd += ta.elapsed().as_secs_f64();
        }
        let tf = Instant::now();
        if o.action == RowAction::Reject && rejected.len() < SUMMARY_REJECTS {
            rejected.push(RejectedRow { row_number: raw.number, reason: o.reason() });
        }
        if done + 1 == SIZE_KNOWN_AT && large_import(opts.kind, s.opened.rows.estimated_total(SIZE_KNOWN_AT, s.opened.size), existing_contacts) {
            dropped = Some(sqlite::drop_indexes(txn, &["contacts"]).await?);
        }
        if w.needs_flush() {
            w.flush(txn).await?;
        }
        t_flush += tf.elapsed().as_secs_f64();
        t_read += (t1 - t0).as_secs_f64();
        t_check += (t2 - t1).as_secs_f64();
        t_write += t2.elapsed().as_secs_f64();
        done += 1;
        if done % PROGRESS_EVERY == 0 {
            progress(ImportProgress { rows_done: done, bytes_done: s.opened.rows.bytes_done() as i64, bytes_total: s.opened.size as i64 });
            if cancel.load(Ordering::Relaxed) {
                return Err(cancelled());
            }
        }
    }
    trace(&clock, &format!("rows: read {t_read:.3}s, checked {t_check:.3}s, written {t_write:.3}s (updates {t_upd:.3}s, flushes {t_flush:.3}s)"));
    if done == 0 {
        return Err(super::no_rows());
    }
    for (id, (entity, before)) in std::mem::take(&mut w.updates) {
        let json = serde_json::to_string(&before).unwrap_or_default();
        w.item(entity, &id, "updated", Some(json));
    }
    w.flush(txn).await?;
    if cancel.load(Ordering::Relaxed) {
        return Err(cancelled());
    }
    trace(&clock, "flushed");
    if let Some(statements) = dropped.filter(|d| !d.is_empty()) {
        sqlite::create_indexes(txn, &statements).await?;
        trace(&clock, "indexes rebuilt");
    }
    if bulk {
        sqlite::resume_live_counts(txn).await?;
        sqlite::resume_search_index_for(txn, &index_filters(txn, &import_id).await?).await?;
    }
    trace(&clock, "search index");
    for c in &w.touched_contacts {
        crate::activities::refresh_contact_touches(txn, c).await?;
    }
    sqlite::bulk_cache(txn, false).await?;
    finish(txn, import_id, s, opts, counts, rejected, clock).await
}

/// Records what the import did (its counts, the audit log) and sums it up.
async fn finish(
    txn: &DatabaseTransaction,
    import_id: String,
    s: &Setup,
    opts: &ImportOptions,
    counts: ActionCounts,
    rejected: Vec<RejectedRow>,
    clock: Instant,
) -> CoreResult<ImportSummary> {
    let finished = now();
    let q = Query::update()
        .table("imports")
        .values([
            ("created_count", counts.create.into()),
            ("updated_count", counts.update.into()),
            ("skipped_count", counts.skip.into()),
            ("rejected_count", counts.reject.into()),
            ("finished_at", finished.into()),
        ])
        .and_where(Expr::col("id").eq(import_id.as_str()))
        .to_owned();
    txn.execute(&q).await?;
    super::manage::audit(txn, "import", kind_str(opts.kind), &format!(
        "import {import_id}: {} created, {} updated, {} skipped, {} rejected",
        counts.create, counts.update, counts.skip, counts.reject
    ))
    .await?;
    trace(&clock, "recorded");
    Ok(ImportSummary {
        import_id,
        kind: opts.kind,
        file_name: s.file_name.clone(),
        counts,
        rejected,
        duration_ms: clock.elapsed().as_millis().min(u32::MAX as u128) as u32,
    })
}

/// Records of an import indexed for search per statement.
const INDEX_PAGE: u32 = 200_000;

/// The search-index conditions (on contacts, on companies) for what an import touched — its
/// contacts, its companies and the contacts of its companies — a page of records each, so
/// SQLite never holds the ids of a file of millions at once.
pub async fn index_filters<C: ConnectionTrait>(db: &C, import_id: &str) -> CoreResult<Vec<(String, Option<String>)>> {
    index_pages(db, import_id, INDEX_PAGE).await
}

async fn index_pages<C: ConnectionTrait>(db: &C, import_id: &str, page: u32) -> CoreResult<Vec<(String, Option<String>)>> {
    let mut out = Vec::new();
    for entity in ["contact", "company"] {
        let items = format!("SELECT record_id FROM import_items WHERE import_id = {} AND entity = '{entity}'", crate::criteria::lit(import_id));
        // The last id of every full page, in id order (the primary key's order).
        let bounds = format!(
            "SELECT record_id AS c0 FROM (SELECT record_id, row_number() OVER (ORDER BY record_id) AS n FROM ({items})) \
             WHERE n % {page} = 0"
        );
        let mut ends: Vec<Option<String>> = sqlite::packed_rows(db, &bounds, 1).await?.into_iter().map(|r| r.into_iter().next().flatten()).collect();
        ends.push(None);
        let mut start: Option<String> = None;
        for end in ends {
            let mut only = items.clone();
            if let Some(a) = &start {
                only.push_str(&format!(" AND record_id > {}", crate::criteria::lit(a)));
            }
            if let Some(b) = &end {
                only.push_str(&format!(" AND record_id <= {}", crate::criteria::lit(b)));
            }
            out.push(match entity {
                "contact" => (format!("c.id IN ({only})"), None),
                // Contacts of its companies, but those it lists itself only once.
                _ => (
                    format!(
                        "c.company_id IN ({only}) AND NOT EXISTS (SELECT 1 FROM import_items i WHERE i.import_id = {} \
                         AND i.entity = 'contact' AND i.record_id = c.id)",
                        crate::criteria::lit(import_id)
                    ),
                    Some(format!("c.id IN ({only})")),
                ),
            });
            start = end;
        }
    }
    Ok(out)
}

pub fn kind_str(k: ImportKind) -> &'static str {
    match k {
        ImportKind::Contacts => "contacts",
        ImportKind::Companies => "companies",
        ImportKind::Deals => "deals",
        ImportKind::Activities => "activities",
        ImportKind::Orders => "orders",
        ImportKind::SurveyResponses => "survey_responses",
    }
}

async fn apply(txn: &DatabaseTransaction, w: &mut Writer, ix: &mut Index, o: &Outcome, row: u32, cells: &[String]) -> CoreResult<()> {
    let (Some(rec), Some(d)) = (&o.rec, &o.decision) else {
        if o.action == RowAction::Reject {
            w.reject(row, &o.reason(), cells);
        }
        return Ok(());
    };
    let Some(t) = d.target else { return Ok(()) };
    let Some((id, _)) = ix.record(t)? else { return Ok(()) };
    let fresh = ix.is_new(t);
    match (o.action, rec) {
        (RowAction::Create, Rec::Contact(c)) => w.create_contact(txn, ix, &id, c).await?,
        (RowAction::Create, Rec::Company(c)) => w.create_company(txn, ix, &id, c).await?,
        (RowAction::Create, Rec::Deal(dr)) => {
            let Some(stage) = &o.stage else { return Ok(()) };
            w.create_deal(txn, ix, &id, dr, stage, o.contact.clone(), o.lost.clone()).await?
        }
        (RowAction::Create, Rec::Activity(a)) => w.create_activity(&id, a, (o.contact.clone(), o.company.clone(), o.deal.clone())),
        (RowAction::Create, Rec::Survey(sr)) => {
            let Some(c) = &o.contact else { return Ok(()) };
            // Checked again as the app checks an answer: a failure here rejects the row.
            if let Some(problem) = super::surveys::create(txn, w, c, sr).await? {
                w.reject(row, &problem.message, cells);
            }
        }
        (RowAction::Update, Rec::Contact(c)) => update::contact(txn, w, ix, &id, fresh, c).await?,
        (RowAction::Update, Rec::Company(c)) => update::company(txn, w, ix, &id, fresh, c).await?,
        (RowAction::Update, Rec::Deal(dr)) => {
            let stage = dr.stage.as_ref().and(o.stage.as_ref());
            update::deal(txn, w, ix, &id, fresh, dr, stage, o.contact.clone(), dr.value.is_some()).await?
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An import's search rows, built again a page at a time (pages of 3 here): every live
    /// contact once (a contact listed itself and through its company too is not added twice),
    /// and found.
    #[tokio::test]
    async fn search_rows_are_built_page_by_page() {
        let db = crate::sqlite::open_in_memory().await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.csv");
        let mut text = String::from("Email,First name,Last name,Company\n");
        for i in 0..7 {
            text.push_str(&format!("p{i}@example.com,Pat,Pagewise{i},Firm {}\n", i % 2));
        }
        std::fs::write(&path, text).unwrap();
        let info = super::super::open_file(&db, ImportKind::Contacts, &path, None).await.unwrap();
        let opts = ImportOptions {
            kind: ImportKind::Contacts,
            path: path.display().to_string(),
            sheet: None,
            mapping: info.suggested,
            on_match: OnMatch::Update,
            match_by: vec![crate::import::MatchBy::Email],
            tags: vec![],
        };
        let s = run(&db, &opts, &|_| {}, &AtomicBool::new(false)).await.unwrap();
        assert_eq!(s.counts.create, 7);
        let pages = index_pages(&db, &s.import_id, 3).await.unwrap();
        assert_eq!(pages.len(), 3 + 1, "contacts in pages of 3, 3 and 1; the two companies in one");
        db.execute_unprepared("DELETE FROM contacts_fts; DELETE FROM companies_fts").await.unwrap();
        sqlite::suspend_search_index(&db).await.unwrap();
        sqlite::resume_search_index_for(&db, &pages).await.unwrap();
        let n = sqlite::packed_rows(&db, "SELECT (SELECT count(*) FROM contacts_fts) || '/' || (SELECT count(*) FROM companies_fts) AS c0", 1).await.unwrap();
        assert_eq!(n[0][0].as_deref(), Some("7/2"));
        let hits = crate::search::search(&db, "Pagewise6", Some(5)).await.unwrap();
        assert_eq!(hits.iter().map(|h| h.title.as_str()).collect::<Vec<_>>(), ["Pat Pagewise6"]);
    }

    #[test]
    fn large_contact_imports_set_the_contact_indexes_aside() {
        assert!(large_import(ImportKind::Contacts, 21_000, 1), "into an almost empty database");
        assert!(large_import(ImportKind::Contacts, 100_000, 100_000), "doubling the contacts");
        assert!(!large_import(ImportKind::Contacts, 19_999, 0), "small files keep the indexes");
        assert!(!large_import(ImportKind::Contacts, 40_000, 100_000), "a small share of a large database");
        assert!(!large_import(ImportKind::Deals, 100_000, 0), "deals write few contacts");
    }
}
