//! `hearth-cli bench`: per operation, p50/p95/max over repeated runs at the domain layer (what
//! a command costs before IPC). Search and list rows also run the very same SQL on raw SQLite
//! (rusqlite, prepared statements) and print the ratio ours/raw: the cost of the ORM layer.

mod after_sale;
mod dashboards;
mod backups;
mod deals;
mod export;
mod history;
mod hygiene;
mod import;
mod raw;
mod report;
mod segments;
mod sequences;

pub use report::{print, BenchReport, Row};

use hearth_core::activities::{self, TimelineQuery};
use hearth_core::common::SortDirection;
use hearth_core::contacts::{self, ContactFilter, ContactQuery, ContactSort};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::{companies, search, CoreResult, DatabaseConnection};
use std::future::Future;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a person types, one keystroke at a time, grouped by how much has been typed.
const TYPED: &[&str] = &["martin", "garcía", "smith", "nakamura", "иванова", "bakery", "lighthouse", "0123"];

/// Budgets (p95, ms) from the README's table.
const SEARCH_BUDGET_MS: f64 = 5.0;
const LIST_BUDGET_MS: f64 = 10.0;
const TIMELINE_BUDGET_MS: f64 = 5.0;

pub struct Options {
    pub iterations: usize,
    /// Only the groups of rows named here (all when empty).
    pub only: Vec<String>,
}

/// The groups of rows, in the order they run (`bench --only`).
pub const GROUPS: &[&str] = &["search", "lists", "contacts", "deals", "export", "hygiene", "history", "scoring", "segments", "sequences", "after_sale", "reports", "backups", "import"];

impl Options {
    fn wants(&self, group: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|g| g == group)
    }
}

async fn time<F, Fut, T>(iterations: usize, mut f: F) -> CoreResult<Vec<Duration>>
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = CoreResult<T>>,
{
    for i in 0..3 {
        f(i).await?;
    }
    let mut out = Vec::with_capacity(iterations);
    for i in 0..iterations {
        let t = Instant::now();
        f(i).await?;
        out.push(t.elapsed());
    }
    Ok(out)
}

fn time_raw<T>(iterations: usize, mut f: impl FnMut(usize) -> rusqlite::Result<T>) -> rusqlite::Result<Vec<Duration>> {
    for i in 0..3 {
        f(i)?;
    }
    (0..iterations)
        .map(|i| {
            let t = Instant::now();
            f(i)?;
            Ok(t.elapsed())
        })
        .collect()
}

/// Prefixes of the typed words with exactly `n` characters (or the whole words when `None`).
fn prefixes(n: Option<usize>) -> Vec<String> {
    TYPED
        .iter()
        .map(|w| match n {
            Some(n) => w.chars().take(n).collect(),
            None => w.to_string(),
        })
        .collect()
}

pub async fn run(db: &DatabaseConnection, path: &Path, opts: &Options) -> Result<Vec<Row>, String> {
    let n = opts.iterations;
    let raw = raw::Raw::open(path).map_err(|e| format!("raw SQLite: {e}"))?;
    let mut rows = Vec::new();
    let e = |e: hearth_core::CoreError| e.to_string();
    let r = |e: rusqlite::Error| e.to_string();

    let searches = [("search, 1 character", Some(1)), ("search, 2 characters", Some(2)), ("search, 3 characters", Some(3)), ("search, whole word", None)];
    for (label, len) in searches.into_iter().filter(|_| opts.wants("search")) {
        let words = prefixes(len);
        let ours = time(n, |i| search::search(db, &words[i % words.len()], Some(20))).await.map_err(e)?;
        let theirs = time_raw(n, |i| raw.search(&words[i % words.len()], Some(20))).map_err(r)?;
        rows.push(Row::new(label, ours).with_raw(theirs).budget(SEARCH_BUDGET_MS));
    }

    let lists = [
        ("contact list, first page (stage filter, by last contact)", ContactQuery {
            filter: ContactFilter { stage: Some(LifecycleStage::Retention), ..Default::default() },
            sort: ContactSort::LastContacted,
            direction: SortDirection::Desc,
            limit: Some(100),
            ..Default::default()
        }),
        ("contact list, first page (all, by name)", ContactQuery { limit: Some(100), ..Default::default() }),
        ("contact list, first page (tag filter, by created)", ContactQuery {
            filter: ContactFilter { tag: Some("vip".into()), ..Default::default() },
            sort: ContactSort::Created,
            direction: SortDirection::Desc,
            limit: Some(100),
            ..Default::default()
        }),
    ];
    for (label, q) in lists.into_iter().filter(|_| opts.wants("lists")) {
        let ours = time(n, |_| contacts::list(db, &q)).await.map_err(e)?;
        let theirs = time_raw(n, |_| raw.list(&q)).map_err(r)?;
        rows.push(Row::new(label, ours).with_raw(theirs).budget(LIST_BUDGET_MS));
    }

    let sample = raw.sample_ids(n.max(20)).map_err(r)?;
    if opts.wants("contacts") {
        contact_rows(db, n, &sample, &mut rows).await.map_err(e)?;
    }
    if opts.wants("deals") {
        deals::rows(db, n, &mut rows).await.map_err(e)?;
    }
    if opts.wants("export") {
        export::rows(db, n, &mut rows).await.map_err(e)?;
    }
    if opts.wants("hygiene") {
        hygiene::rows(db, n, &sample.contacts, &mut rows).await.map_err(e)?;
    }
    if opts.wants("history") {
        history::rows(db, n, &sample.contacts, &mut rows).await.map_err(e)?;
    }
    if opts.wants("scoring") {
        history::scoring_rows(db, &mut rows).await.map_err(e)?;
    }
    if opts.wants("segments") {
        segments::rows(db, n, &mut rows).await.map_err(e)?;
    }
    if opts.wants("sequences") {
        sequences::rows(db, n, &mut rows).await.map_err(e)?;
    }
    if opts.wants("reports") {
        dashboards::rows(db, n, &mut rows).await.map_err(e)?;
    }
    if opts.wants("after_sale") {
        after_sale::rows(db, n, &mut rows).await.map_err(e)?;
    }
    if opts.wants("backups") {
        backups::rows(db, n, &mut rows).await.map_err(e)?;
    }
    if opts.wants("import") {
        import::rows(db, &mut rows).await?;
    }
    Ok(rows)
}

/// Opening a contact and a company, and a contact's timeline.
async fn contact_rows(db: &DatabaseConnection, n: usize, sample: &raw::Sample, rows: &mut Vec<Row>) -> CoreResult<()> {
    let ours = time(n, |i| {
        let q = TimelineQuery { contact_id: Some(sample.contacts[i % sample.contacts.len()].clone()), limit: Some(50), ..Default::default() };
        async move { activities::timeline(db, &q).await }
    })
    .await?;
    rows.push(Row::new("contact timeline, first 50", ours).budget(TIMELINE_BUDGET_MS));
    let ours = time(n, |i| contacts::get(db, &sample.contacts[i % sample.contacts.len()])).await?;
    rows.push(Row::new("open a contact", ours));
    let ours = time(n, |i| companies::get(db, &sample.companies[i % sample.companies.len()])).await?;
    rows.push(Row::new("open a company (largest first)", ours));
    Ok(())
}

/// A fresh temp folder for rows that write files, removed when dropped.
pub(crate) struct Scratch(pub std::path::PathBuf);

impl Scratch {
    pub fn new(what: &str) -> hearth_core::CoreResult<Scratch> {
        let dir = std::env::temp_dir().join(format!("hearth-bench-{what}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| hearth_core::CoreError::Storage {
            message: format!("cannot create {}: {e}", dir.display()),
        })?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
