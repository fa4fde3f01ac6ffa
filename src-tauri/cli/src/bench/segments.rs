//! The segments rows of the bench: the Segments screen (every segment counted), the editor's
//! live count, the contacts list by segment and by tier, conversion by tier, segment and
//! persona, and giving every contact its tier and persona again — on the reference data.

use super::{time, Row};
use chrono::Utc;
use hearth_core::contacts::{self, ContactFilter, ContactQuery};
use hearth_core::conversion::Period;
use hearth_core::criteria::{cond, CritOp, Filter};
use hearth_core::tiers::TierId;
use hearth_core::{personas, scoring, segments, tiers, CoreResult, DatabaseConnection};
use std::time::Instant;

/// Budget (p95, ms) of anything that counts a filter's matches over everyone.
const COUNT_BUDGET_MS: f64 = 300.0;

pub async fn rows(db: &DatabaseConnection, iterations: usize, out: &mut Vec<Row>) -> CoreResult<()> {
    let few = iterations.clamp(3, 20);
    let list = segments::list(db).await?;
    let label = format!("Segments screen ({} segments, each counted)", list.len());
    out.push(Row::new(&label, time(few, |_| segments::list(db)).await?).budget(1_000.0));

    let editing = Filter::all(vec![cond("temperature", CritOp::AnyOf, &["hot", "warm"]), cond("last_touch", CritOp::WithinDays, &["90"])]);
    let ours = time(iterations, |_| segments::count(db, &editing, None)).await?;
    out.push(Row::new("segment editor's live count (2 conditions)", ours).budget(COUNT_BUDGET_MS));

    if let Some(s) = list.iter().find(|s| s.name == "Newsletter readers").or(list.first()) {
        let q = ContactQuery { filter: ContactFilter { segment_id: Some(s.id.clone()), ..Default::default() }, limit: Some(100), ..Default::default() };
        let ours = time(iterations, |_| contacts::list(db, &q)).await?;
        out.push(Row::new(&format!("contact list, first page (segment “{}”)", s.name), ours).budget(COUNT_BUDGET_MS));
    }
    let q = ContactQuery { filter: ContactFilter { tier: Some(TierId::A), ..Default::default() }, limit: Some(100), ..Default::default() };
    // Counting a tier reads each of its ~35k members (as a segment's count does): the count budget.
    out.push(Row::new("contact list, first page (tier A)", time(iterations, |_| contacts::list(db, &q)).await?).budget(COUNT_BUDGET_MS));

    let period = Period::last_days(Utc::now(), 365);
    out.push(Row::new("conversion by tier (12 months)", time(few, |_| tiers::conversion(db, period)).await?));
    out.push(Row::new("conversion by persona (12 months)", time(few, |_| personas::conversion(db, period)).await?));
    out.push(Row::new("conversion of every segment (12 months)", time(few, |_| segments::conversion(db, period)).await?));

    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        scoring::reassign_all(db).await?;
        times.push(t.elapsed());
    }
    out.push(Row::new("give every contact its tier and persona again (a rule changed)", times).budget(2_000.0));
    Ok(())
}
