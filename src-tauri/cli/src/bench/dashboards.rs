//! The report rows of the bench: every report (the dashboard home too) at the domain layer on
//! the reference data (100k contacts, ~1M activities, 50k deals, ~200k orders), over the period
//! each report opens with in the app, ending at the generator's "now". Budget: 200 ms each
//! (issue 10). At most 30 runs per report (each reads its period twice: now and before).

use super::{time, Row};
use chrono::Duration;
use hearth_core::generate::anchor;
use hearth_core::reports::{self, ReportName, ReportParams};
use hearth_core::{CoreResult, DatabaseConnection};

pub const REPORT_BUDGET_MS: f64 = 200.0;

pub async fn rows(db: &DatabaseConnection, iterations: usize, out: &mut Vec<Row>) -> CoreResult<()> {
    let now = anchor();
    for name in ReportName::ALL {
        let params = ReportParams { from: now - Duration::days(name.default_days() as i64), to: now, segment_id: None, pipeline_id: None };
        let t = time(iterations.clamp(1, 30), |_| reports::run(db, name, &params, now)).await?;
        out.push(Row::new(&format!("report: {} (last {} days)", name.title().to_lowercase(), name.default_days()), t).budget(REPORT_BUDGET_MS));
    }
    Ok(())
}
