//! Percentiles and the printed table.

use serde::Serialize;
use std::time::Duration;

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

impl Stats {
    pub fn of(mut d: Vec<Duration>) -> Stats {
        d.sort();
        let ms = |x: Duration| x.as_secs_f64() * 1000.0;
        let at = |p: f64| d[((d.len() as f64 * p).ceil() as usize).saturating_sub(1).min(d.len() - 1)];
        Stats { p50_ms: ms(at(0.50)), p95_ms: ms(at(0.95)), max_ms: ms(*d.last().expect("at least one run")) }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub operation: String,
    pub runs: usize,
    #[serde(flatten)]
    pub ours: Stats,
    /// The same statements on raw SQLite, when compared.
    pub raw: Option<Stats>,
    /// ours p95 / raw p95.
    pub ratio_p95: Option<f64>,
    /// The p95 this operation must stay under, when it has a budget.
    pub budget_p95_ms: Option<f64>,
    /// Whether the p95 met the budget.
    pub met: Option<bool>,
}

impl Row {
    pub fn new(operation: &str, ours: Vec<Duration>) -> Row {
        Row { operation: operation.into(), runs: ours.len(), ours: Stats::of(ours), raw: None, ratio_p95: None, budget_p95_ms: None, met: None }
    }

    pub fn budget(mut self, p95_ms: f64) -> Row {
        self.budget_p95_ms = Some(p95_ms);
        self.met = Some(self.ours.p95_ms <= p95_ms);
        self
    }

    pub fn with_raw(mut self, raw: Vec<Duration>) -> Row {
        let raw = Stats::of(raw);
        self.ratio_p95 = Some(self.ours.p95_ms / raw.p95_ms.max(1e-6));
        self.raw = Some(raw);
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub database: String,
    pub contacts: u32,
    pub companies: u32,
    pub generated_in_s: Option<f64>,
    pub rows: Vec<Row>,
}

pub fn print(r: &BenchReport) {
    println!("database: {} ({} contacts, {} companies)", r.database, r.contacts, r.companies);
    if let Some(s) = r.generated_in_s {
        println!("generated in {s:.1} s");
    }
    println!(
        "{:<58} {:>5} {:>9} {:>9} {:>9} {:>9} {:>7}  budget (p95)",
        "operation", "runs", "p50 ms", "p95 ms", "max ms", "raw p95", "ratio"
    );
    for row in &r.rows {
        let raw = row.raw.as_ref().map_or(String::from("-"), |s| format!("{:.3}", s.p95_ms));
        let ratio = row.ratio_p95.map_or(String::from("-"), |x| format!("{x:.2}x"));
        let budget = match (row.budget_p95_ms, row.met) {
            (Some(b), Some(true)) => format!("≤ {b} ms, met"),
            (Some(b), _) => format!("≤ {b} ms, MISSED"),
            _ => String::from("-"),
        };
        println!(
            "{:<58} {:>5} {:>9.3} {:>9.3} {:>9.3} {:>9} {:>7}  {budget}",
            row.operation, row.runs, row.ours.p50_ms, row.ours.p95_ms, row.ours.max_ms, raw, ratio
        );
    }
}
