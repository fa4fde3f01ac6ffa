//! `hearth-cli report NAME …` (every report, its records, CSV) and `hearth-cli goals …`.

use crate::output::{cut, print_json};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use clap::Subcommand;
use hearth_core::reports::goals::{self, GoalInput, GoalMetric};
use hearth_core::reports::{self, Report, ReportName, ReportParams, Unit};
use hearth_core::{CoreError, DatabaseConnection};

/// A date (`2026-03-01`, midnight UTC) or a time (`2026-03-01T12:00:00Z`).
pub fn parse_when(field: &str, s: &str) -> Result<DateTime<Utc>, CoreError> {
    if let Ok(d) = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
        return Ok(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    }
    DateTime::parse_from_rfc3339(s.trim())
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| CoreError::invalid(field, "invalid_date", format!("“{s}” is not a date (YYYY-MM-DD) or a time (RFC 3339).")))
}

pub struct ReportArgs {
    pub name: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub segment: Option<String>,
    pub pipeline: Option<String>,
    pub records: Option<String>,
    pub csv: Option<std::path::PathBuf>,
}

pub async fn run(db: &DatabaseConnection, json: bool, a: ReportArgs) -> Result<(), CoreError> {
    let names: Vec<&str> = ReportName::ALL.iter().map(|n| n.as_str()).collect();
    let name = ReportName::parse(&a.name)
        .ok_or_else(|| CoreError::invalid("name", "unknown_report", format!("There is no report “{}”. Reports: {}.", a.name, names.join(", "))))?;
    let now = Utc::now();
    let to = match &a.to {
        Some(s) => parse_when("to", s)?,
        None => now,
    };
    let from = match &a.from {
        Some(s) => parse_when("from", s)?,
        None => to - Duration::days(name.default_days() as i64),
    };
    let params = ReportParams { from, to, segment_id: a.segment.clone(), pipeline_id: a.pipeline.clone() };
    if let Some(key) = &a.records {
        let list = reports::records(db, name, &params, key, now).await?;
        if json {
            print_json(&list);
        } else {
            println!("{} {:?} (showing {})", list.total, list.kind, list.records.len());
            for r in &list.records {
                println!("{:<36}  {:<40}  {}", r.id, cut(&r.label, 40), r.detail.clone().unwrap_or_default());
            }
        }
        return Ok(());
    }
    let report = reports::run(db, name, &params, now).await?;
    if let Some(path) = &a.csv {
        let s = reports::export::write_csv(&report, path)?;
        if json {
            print_json(&s);
        } else {
            println!("Wrote {} ({} lines, {} bytes).", s.path, s.rows, s.bytes);
        }
        return Ok(());
    }
    if json {
        print_json(&report);
    } else {
        print_report(&report);
    }
    Ok(())
}

fn value(v: Option<f64>, unit: Unit, currency: Option<&str>) -> String {
    match (v, unit) {
        (None, _) => "—".into(),
        (Some(v), Unit::Money) => reports::money_words(v, currency.unwrap_or("")),
        (Some(v), Unit::Percent) => format!("{v}%"),
        (Some(v), Unit::Count) => format!("{}", v.round() as i64),
        (Some(v), Unit::Days) => format!("{v} d"),
        (Some(v), _) => format!("{v}"),
    }
}

fn print_report(r: &Report) {
    println!("{} — {} to {}{}", r.title, r.period.from.format("%Y-%m-%d"), r.period.to.format("%Y-%m-%d"), r.segment.as_ref().map(|s| format!(" — segment {}", s.name)).unwrap_or_default());
    if let Some(e) = &r.empty {
        println!("{e}");
    }
    println!();
    println!("{:<36}  {:>18}  {:>18}", "FIGURE", "VALUE", "PREVIOUS PERIOD");
    for f in &r.figures {
        let cur = f.currency.as_deref();
        println!("{:<36}  {:>18}  {:>18}", cut(&f.label, 36), value(f.value, f.unit, cur), value(f.previous, f.unit, cur));
    }
    for s in &r.sections {
        println!("\n{}", s.title);
        if s.rows.is_empty() {
            println!("  {}", s.empty.clone().unwrap_or_default());
            continue;
        }
        let mut head = format!("  {:<34}", "");
        for c in &s.columns {
            head.push_str(&format!("  {:>14}", cut(&c.label, 14)));
        }
        println!("{head}");
        for row in &s.rows {
            let mut line = format!("  {:<34}", cut(&row.label, 34));
            for (c, v) in s.columns.iter().zip(&row.cells) {
                line.push_str(&format!("  {:>14}", value(*v, c.unit, row.currency.as_deref())));
            }
            println!("{line}");
        }
    }
    for n in &r.notes {
        println!("\n{n}");
    }
}

#[derive(Subcommand)]
pub enum GoalsCommand {
    /// Goals with their progress and projection.
    List,
    /// Set a goal: `--metric conversion_rate --target 25 --deadline 2027-06-01` (the baseline is
    /// measured over the same length of time before the start unless given).
    Add {
        name: String,
        #[arg(long)]
        metric: String,
        #[arg(long)]
        target: f64,
        #[arg(long)]
        deadline: String,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        baseline: Option<f64>,
        #[arg(long)]
        segment: Option<String>,
        #[arg(long)]
        currency: Option<String>,
    },
    /// Delete a goal by id.
    Delete { id: String },
}

pub async fn goals_run(db: &DatabaseConnection, json: bool, c: GoalsCommand) -> Result<(), CoreError> {
    let now = hearth_core::common::now();
    match c {
        GoalsCommand::List => {
            let list = goals::list(db, now).await?;
            if json {
                print_json(&list);
            } else if list.is_empty() {
                println!("No goals yet.");
            } else {
                for g in &list {
                    println!("{}  {}", g.id, g.summary);
                }
            }
        }
        GoalsCommand::Add { name, metric, target, deadline, start, baseline, segment, currency } => {
            let all: Vec<&str> = GoalMetric::ALL.iter().map(|m| m.as_str()).collect();
            let metric = GoalMetric::parse(&metric).ok_or_else(|| CoreError::invalid("metric", "unknown_metric", format!("There is no metric “{metric}”. Metrics: {}.", all.join(", "))))?;
            let input = GoalInput {
                name,
                metric,
                segment_id: segment,
                currency,
                baseline,
                target,
                starts_at: match start {
                    Some(s) => parse_when("start", &s)?,
                    None => now,
                },
                deadline_at: parse_when("deadline", &deadline)?,
            };
            let g = goals::create(db, &input, now).await?;
            if json {
                print_json(&g);
            } else {
                println!("{}  {}", g.id, g.summary);
            }
        }
        GoalsCommand::Delete { id } => {
            goals::delete(db, &id).await?;
            if json {
                print_json(&serde_json::json!({ "deleted": id }));
            } else {
                println!("Deleted goal {id}.");
            }
        }
    }
    Ok(())
}
