//! The after-sale rows of the bench, on the reference data (generator v5: ~200k orders for
//! 100k contacts, four plan ladders, ten one-off products, tickets and survey answers):
//! recomputing the association rules from every order (done once after orders change), a
//! customer's suggestions (budget 20 ms; a different customer each run, rules fresh), the
//! at-risk list (budget 100 ms), the opportunities across all customers, the support queue and
//! a customer's purchase history.

use super::{time, Row};
use hearth_core::generate::anchor;
use hearth_core::orders::{self, OrderQuery};
use hearth_core::tickets::{self, TicketQuery};
use hearth_core::{suggestions, CoreResult, DatabaseConnection};

/// Budgets (p95, ms) from issue 9.
pub const SUGGESTIONS_BUDGET_MS: f64 = 20.0;
pub const AT_RISK_BUDGET_MS: f64 = 100.0;

async fn buyers(db: &DatabaseConnection, n: usize) -> CoreResult<Vec<String>> {
    let sql = format!("SELECT contact_id AS c0 FROM customer_stats ORDER BY contact_id LIMIT {n}");
    Ok(hearth_core::sqlite::packed_rows(db, &sql, 1).await?.into_iter().filter_map(|r| r[0].clone()).collect())
}

pub async fn rows(db: &DatabaseConnection, iterations: usize, out: &mut Vec<Row>) -> CoreResult<()> {
    let total = orders::list(db, &OrderQuery { limit: Some(1), ..Default::default() }).await?.total;
    let now = anchor();
    // The rules from every order: stale them each run so the work is done each time.
    let rules = time(iterations.clamp(1, 5), |_| async {
        hearth_core::meta::set(db, "purchases.product_rules_stale", "1").await?;
        suggestions::refresh_rules(db).await
    })
    .await?;
    out.push(Row::new(&format!("product rules recomputed from {}k orders", total / 1000), rules));
    let ids = buyers(db, iterations.max(1)).await?;
    if ids.is_empty() {
        return Ok(());
    }
    let label = "a customer's upsell and cross-sell suggestions";
    out.push(Row::new(label, time(iterations, |i| suggestions::for_contact(db, &ids[i % ids.len()], now)).await?).budget(SUGGESTIONS_BUDGET_MS));
    let n = suggestions::at_risk(db, now, 500).await?.len();
    out.push(Row::new(&format!("customers at risk (first {n} with reasons)"), time(iterations, |_| suggestions::at_risk(db, now, 500)).await?).budget(AT_RISK_BUDGET_MS));
    out.push(Row::new("opportunities across all customers (top 100)", time(iterations.clamp(1, 5), |_| suggestions::opportunities(db, now, 100)).await?));
    let queue = TicketQuery { queue: true, ..Default::default() };
    out.push(Row::new("the support queue", time(iterations, |_| tickets::list(db, &queue, now)).await?));
    out.push(Row::new("a customer's purchase history", time(iterations, |i| orders::purchases(db, &ids[i % ids.len()], false)).await?));
    Ok(())
}
