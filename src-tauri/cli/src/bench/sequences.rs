//! The sequences rows of the bench, on the reference data (generator v4: ~42k active
//! enrolments in three sequences, next steps due from a week before the data's "now" to a
//! month after): the scheduler's question "which steps are due?" at that "now" (budget 100 ms),
//! the same question a week later (every enrolment of the week due: the catch-up after a
//! closed week), the Today screen's sequence steps, and a sequence's report.

use super::{time, Row};
use hearth_core::generate::anchor;
use hearth_core::{sequences, CoreResult, DatabaseConnection};

/// Budget (p95, ms) of computing every due step (issue 8).
pub const DUE_BUDGET_MS: f64 = 100.0;

pub async fn rows(db: &DatabaseConnection, iterations: usize, out: &mut Vec<Row>) -> CoreResult<()> {
    let list = sequences::list(db).await?;
    let active: u32 = list.iter().map(|s| s.counts.active).sum();
    let now = anchor();
    let due = sequences::due(db, now, 100_000).await?.len();
    let label = format!("sequences: every due step ({due} due of {}k active enrolments)", active / 1000);
    out.push(Row::new(&label, time(iterations, |_| sequences::due(db, now, 100_000)).await?).budget(DUE_BUDGET_MS));
    let later = now + chrono::Duration::days(7);
    let due = sequences::due(db, later, 100_000).await?.len();
    let label = format!("sequences: due steps a week later ({due} due: catching up)");
    out.push(Row::new(&label, time(iterations.clamp(3, 50), |_| sequences::due(db, later, 100_000)).await?));
    out.push(Row::new("Today: sequence calls and tasks waiting", time(iterations, |_| sequences::due_steps(db, now, None)).await?));
    if let Some(s) = list.first() {
        out.push(Row::new("a sequence's report (per step and variant)", time(iterations.clamp(3, 20), |_| sequences::report(db, &s.id)).await?));
    }
    Ok(())
}
