//! The duplicates and data-quality rows of the bench.
//!
//! Budgets (p95): the whole-database finder reads every live contact, e-mail, phone and company
//! once and compares names only within a company or domain, so it is a few table scans plus
//! hashing: 2,000 ms at 100k contacts leaves room for a slower machine. The overview is seven
//! counts (index ranges, and one streamed pass over the e-mail column for invalid addresses):
//! 500 ms. "Likely duplicates" runs while a person fills in a form, from indexed lookups only: 5 ms.

use super::{time, Row};
use hearth_core::contacts::{self, ContactInput};
use hearth_core::duplicates::{self, DuplicateQuery};
use hearth_core::{hygiene, CoreResult, DatabaseConnection};

pub const FIND_BUDGET_MS: f64 = 2_000.0;
pub const OVERVIEW_BUDGET_MS: f64 = 500.0;
pub const LIKELY_BUDGET_MS: f64 = 5.0;

pub async fn rows(db: &DatabaseConnection, iterations: usize, sample: &[String], out: &mut Vec<Row>) -> CoreResult<()> {
    // The finder and the overview are whole-database passes: fewer runs.
    let heavy = iterations.clamp(1, 10);
    let q = DuplicateQuery::default();
    let groups = duplicates::find(db, &q).await?.total;
    let ours = time(heavy, |_| duplicates::find(db, &q)).await?;
    out.push(Row::new(&format!("find duplicates (whole database, {groups} groups)"), ours).budget(FIND_BUDGET_MS));

    let ours = time(iterations.clamp(1, 50), |_| hygiene::overview(db)).await?;
    out.push(Row::new("data-quality overview", ours).budget(OVERVIEW_BUDGET_MS));

    // New contacts that resemble existing ones: the same e-mail, phone and company, a variant
    // of the first name (so the similar-name comparison runs over the whole company).
    let mut inputs: Vec<ContactInput> = Vec::new();
    for id in sample.iter().take(50) {
        let mut input = contacts::get(db, id).await?.to_input();
        input.first_name = format!("{}a", input.first_name);
        inputs.push(input);
    }
    if inputs.is_empty() {
        return Ok(());
    }
    let ours = time(iterations, |i| duplicates::likely_contacts(db, &inputs[i % inputs.len()], None)).await?;
    out.push(Row::new("likely duplicates of a new contact", ours).budget(LIKELY_BUDGET_MS));
    Ok(())
}
