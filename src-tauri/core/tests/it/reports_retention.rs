//! Retention, value and service reports against hand-made data; cohort retention and lifetime
//! value also against an independent computation over generated data; goals.

use super::reports::{at, cell, fig, params, run, section};
use super::reports_fixture::*;
use crate::common::db;
use chrono::Datelike;
use hearth_core::generate::{self, anchor, GenOptions};
use hearth_core::reports::goals::{self, GoalInput, GoalMetric, GoalStatus};
use hearth_core::reports::{ReportName, ReportParams};
use hearth_core::DatabaseConnection;
use std::collections::{BTreeMap, HashMap};

async fn buyers(db: &DatabaseConnection) {
    for c in ["X1", "X2", "X3", "X4"] {
        contact(db, c, "2025-06-01", "retention", None, None, false).await;
    }
    order(db, 1, "X1", "2026-01-05", "EUR", 1_000, 0).await;
    order(db, 2, "X1", "2026-02-10", "EUR", 3_000, 0).await;
    order(db, 3, "X1", "2026-04-02", "EUR", 2_000, 0).await;
    order(db, 4, "X2", "2026-01-20", "EUR", 2_000, 0).await;
    order(db, 5, "X2", "2026-01-25", "EUR", 2_000, 0).await;
    order(db, 6, "X3", "2026-02-03", "EUR", 4_000, 0).await;
    order(db, 7, "X3", "2026-03-15", "EUR", 9_000, 9_000).await;
    order(db, 8, "X3", "2026-04-01", "EUR", 1_000, 0).await;
    order(db, 9, "X4", "2025-12-20", "EUR", 700, 0).await;
    order(db, 10, "X4", "2026-01-10", "EUR", 500, 0).await;
    refresh_stats(db).await;
}

#[tokio::test]
async fn cohorts_count_who_bought_again_in_each_later_month() {
    let db = db().await;
    buyers(&db).await;
    let r = run(&db, ReportName::Cohorts, &params("2026-01-01", "2026-03-01"), "2026-06-15").await;
    let s = section(&r, "purchases");
    // January: X1 (Feb, Apr), X2 (January only). February: X3 (Mar refunded, Apr). X4 is a
    // December customer.
    assert_eq!(cell(s, "2026-01", "customers"), Some(2.0));
    let jan: Vec<Option<f64>> = (1..=6).map(|k| cell(s, "2026-01", &format!("m{k}"))).collect();
    assert_eq!(jan, [Some(50.0), Some(0.0), Some(50.0), Some(0.0), Some(0.0), None], "month 6 (July) has not begun");
    let feb: Vec<Option<f64>> = (1..=5).map(|k| cell(s, "2026-02", &format!("m{k}"))).collect();
    assert_eq!(feb, [Some(0.0), Some(100.0), Some(0.0), Some(0.0), None], "a fully refunded order is no purchase");
    // Month 1 over both cohorts: (1 + 0) ÷ 3.
    assert_eq!(fig(&r, "month_1").0, Some(33.3));
    assert_eq!(fig(&r, "new_customers").0, Some(3.0));
}

#[tokio::test]
async fn repeat_rate_frequency_and_order_value() {
    let db = db().await;
    buyers(&db).await;
    let r = run(&db, ReportName::Repeat, &params("2026-01-01", "2026-03-01"), "2026-06-15").await;
    // Buyers in Jan–Feb: X1 (2), X2 (2), X3 (1), X4 (1) = 6 orders; with 2+ orders by March:
    // X1, X2, X4 (December too) → 3 of 4.
    assert_eq!((fig(&r, "buyers").0, fig(&r, "orders").0), (Some(4.0), Some(6.0)));
    assert_eq!(fig(&r, "repeat_rate").0, Some(75.0));
    assert_eq!(fig(&r, "frequency").0, Some(1.5));
    // (1,000 + 3,000 + 2,000 + 2,000 + 4,000 + 500) ÷ 6 = 2,083.33.
    assert_eq!(fig(&r, "aov_eur").0, Some(2_083.0));
    // Revenue per cohort: January's 500 came from X4, a customer from before.
    let s = section(&r, "revenue_eur");
    assert_eq!(cell(s, "2026-01:EUR", "earlier"), Some(500.0));
    assert_eq!(cell(s, "2026-01:EUR", "c2026-01"), Some(5_000.0));
    // February: X1 (January's cohort) and X3 (February's); nobody from before bought.
    assert_eq!(cell(s, "2026-02:EUR", "c2026-01"), Some(3_000.0));
    assert_eq!(cell(s, "2026-02:EUR", "c2026-02"), Some(4_000.0));
    assert_eq!(cell(s, "2026-02:EUR", "earlier"), None);
}

#[tokio::test]
async fn churn_and_net_revenue_retention() {
    let db = db().await;
    for c in ["X", "Y", "Z"] {
        contact(&db, c, "2025-06-01", "retention", None, None, false).await;
    }
    product(&db, "monthly", 1_000, "month").await;
    product(&db, "yearly", 24_000, "year").await;
    subscription(&db, "s1", "X", "monthly", "2025-10-01", None).await;
    subscription(&db, "s2", "Y", "monthly", "2025-11-01", Some("2026-02-15")).await;
    subscription(&db, "s3", "Z", "monthly", "2026-02-01", None).await;
    subscription(&db, "s4", "X", "yearly", "2026-03-01", None).await;
    let r = run(&db, ReportName::Churn, &params("2026-01-01", "2026-04-01"), "2026-06-01").await;
    // Active on 1 Jan: s1, s2; s2 cancelled → 50%.
    assert_eq!(fig(&r, "churn").0, Some(50.0));
    // MRR then: X 1,000 + Y 1,000; on 1 April: X 1,000 + 24,000 ÷ 12 = 3,000 → 150%.
    assert_eq!(fig(&r, "nrr_eur").0, Some(150.0));
    let s = section(&r, "months");
    // February: s1 and s2 were active on the 1st (s3 started that very moment, not before it).
    assert_eq!((cell(s, "2026-02", "active"), cell(s, "2026-02", "cancelled"), cell(s, "2026-02", "churn")), (Some(2.0), Some(1.0), Some(50.0)));
}

#[tokio::test]
async fn lifetime_value_historical_and_predicted_with_its_formula() {
    let db = db().await;
    buyers(&db).await;
    let r = run(&db, ReportName::Clv, &params("2026-03-01", "2026-05-01"), "2026-06-15").await;
    // To date: X1 6,000, X2 4,000, X3 5,000 (the refunded 9,000 is not revenue), X4 1,200.
    assert_eq!(fig(&r, "historical_eur").0, Some(4_050.0));
    let top = section(&r, "top");
    assert_eq!(top.rows[0].cells, [Some(6_000.0), Some(3.0)]);
    // Predicted over May 2025 – May 2026: 9 paid orders, 16,200 net (→ 1,800 = 18.00 EUR), 4
    // buyers (2.25 a year); nobody bought in the year before, so the lifespan is the 10-year cap.
    assert_eq!(fig(&r, "predicted_eur").0, Some(40_500.0));
    assert!(r.notes[0].contains("18.00 EUR × 2.25 orders per customer per year × 10.0 years expected lifespan (no customers to measure churn on) = 405.00 EUR"), "{}", r.notes[0]);

    // Per tier, source and segment: X1 and X2 come from the web (a segment), X1 is tier A.
    let web = source(&db, "Web").await;
    exec(&db, &format!("UPDATE contacts SET lead_source_id = '{web}' WHERE id IN ('X1', 'X2')")).await;
    exec(&db, "INSERT INTO contact_scores (contact_id, fit, engagement, total, computed_at, tier) VALUES ('X1', 0, 0, 0, '2026-01-01', 'a')").await;
    use hearth_core::criteria::{cond, CritOp, Filter};
    let seg = |name: &str, filter: Filter| hearth_core::segments::SegmentInput { name: name.into(), description: None, filter };
    let from_web = hearth_core::segments::create(&db, &seg("From the web", Filter::all(vec![cond("lead_source", CritOp::AnyOf, &[&web])]))).await.unwrap();
    let nobody = hearth_core::segments::create(&db, &seg("Nobody", Filter::all(vec![cond("stage", CritOp::AnyOf, &["reach"])]))).await.unwrap();
    let r = run(&db, ReportName::Clv, &params("2026-03-01", "2026-05-01"), "2026-06-15").await;
    let mean = |key: &str, row: &str| cell(section(&r, key), row, "mean");
    assert_eq!(mean("segments", &format!("segments:{}:EUR", from_web.id)), Some(5_000.0));
    assert_eq!(cell(section(&r, "segments"), &format!("segments:{}:EUR", from_web.id), "customers"), Some(2.0));
    assert!(section(&r, "segments").rows.iter().all(|x| !x.key.contains(&nobody.id)), "a segment without customers has no row");
    assert_eq!((mean("tiers", "tiers:a:EUR"), mean("tiers", "tiers::EUR")), (Some(6_000.0), Some(3_400.0)));
    assert_eq!((mean("sources", &format!("sources:{web}:EUR")), mean("sources", "sources::EUR")), (Some(5_000.0), Some(3_100.0)));
}

#[tokio::test]
async fn service_health_nps_csat_and_sla() {
    let db = db().await;
    for (i, (kind, score)) in [("nps", 10), ("nps", 9), ("nps", 7), ("nps", 3), ("csat", 5), ("csat", 4), ("csat", 2)].iter().enumerate() {
        answer(&db, &format!("r{i}"), kind, *score, "2026-01-10").await;
    }
    ticket(&db, 1, "2026-01-05T08:00:00.000+00:00", Some("2026-01-05T10:00:00.000+00:00"), Some("2026-01-05T09:00:00.000+00:00"), Some("2026-01-08"), Some("2026-01-07")).await;
    ticket(&db, 2, "2026-01-10T08:00:00.000+00:00", Some("2026-01-10T10:00:00.000+00:00"), Some("2026-01-10T12:00:00.000+00:00"), Some("2026-01-13"), Some("2026-01-11")).await;
    ticket(&db, 3, "2026-01-20T08:00:00.000+00:00", Some("2026-01-20T10:00:00.000+00:00"), None, Some("2026-01-23"), None).await;
    ticket(&db, 4, "2026-01-25T08:00:00.000+00:00", None, None, None, None).await;
    let r = run(&db, ReportName::Service, &params("2026-01-01", "2026-02-01"), "2026-06-01").await;
    // NPS: (2 promoters − 1 detractor) ÷ 4; CSAT 2 of 3; SLA: 1 met, 2 missed, 1 without one.
    assert_eq!((fig(&r, "nps").0, fig(&r, "csat").0, fig(&r, "sla").0, fig(&r, "tickets").0), (Some(25.0), Some(66.7), Some(33.3), Some(4.0)));
}

fn month(s: &str) -> i32 {
    let d = at(&s[..10]);
    d.year() * 12 + d.month0() as i32
}

#[tokio::test]
async fn cohorts_and_lifetime_value_match_an_independent_count_on_generated_data() {
    let db = db().await;
    generate::generate(&db, GenOptions::new(2_000, 11)).await.unwrap();
    let now = anchor();
    let p = ReportParams { from: now - chrono::Duration::days(3 * 365), to: now - chrono::Duration::days(90), segment_id: None, pipeline_id: None };
    let report = hearth_core::reports::run(&db, ReportName::Cohorts, &p, now).await.unwrap();
    // The plain computation: every order of a contact, grouped in Rust.
    let rows = hearth_core::sqlite::packed_rows(
        &db,
        "SELECT o.contact_id AS c0, o.ordered_at AS c1, o.total_minor - o.refunded_minor AS c2, o.status AS c3 FROM orders o WHERE o.contact_id IS NOT NULL",
        4,
    )
    .await
    .unwrap();
    let mut by: HashMap<String, Vec<(String, i64, bool)>> = HashMap::new();
    for r in rows {
        by.entry(r[0].clone().unwrap()).or_default().push((r[1].clone().unwrap(), r[2].as_deref().unwrap().parse().unwrap(), r[3].as_deref() != Some("refunded")));
    }
    let (from, to) = (p.from.to_rfc3339(), p.to.to_rfc3339());
    let this = now.year() * 12 + now.month0() as i32;
    let mut cohorts: BTreeMap<i32, (f64, [f64; 12])> = BTreeMap::new();
    for orders in by.values() {
        let Some(first) = orders.iter().filter(|o| o.2).map(|o| o.0.clone()).min() else { continue };
        if first.as_str() < from.as_str() || first.as_str() >= to.as_str() {
            continue;
        }
        let c = month(&first);
        let e = cohorts.entry(c).or_insert((0.0, [0.0; 12]));
        e.0 += 1.0;
        for k in 1..=12 {
            if orders.iter().any(|o| o.2 && month(&o.0) - c == k) {
                e.1[(k - 1) as usize] += 1.0;
            }
        }
    }
    let s = report.sections.iter().find(|s| s.key == "purchases").unwrap();
    assert!(cohorts.len() >= 6, "months of cohorts: {}", cohorts.len());
    assert_eq!(s.rows.len(), cohorts.len());
    for (c, (size, by_k)) in &cohorts {
        let row = s.rows.iter().find(|r| r.key == format!("{:04}-{:02}", c / 12, c % 12 + 1)).unwrap();
        assert_eq!(row.cells[0], Some(*size));
        for k in 1..=12 {
            let want = if c + k > this { None } else { Some((1000.0 * by_k[(k - 1) as usize] / size).round() / 10.0) };
            assert_eq!(row.cells[k as usize], want, "cohort {} month {k}", row.label);
        }
    }
    // Lifetime value: the kept per-customer revenue against a sum over every order.
    let clv = hearth_core::reports::run(&db, ReportName::Clv, &p, now).await.unwrap();
    let sums: Vec<(i64, bool)> = by.values().map(|o| (o.iter().map(|x| x.1).sum::<i64>(), o.iter().any(|x| x.2))).collect();
    let customers: Vec<i64> = sums.iter().filter(|s| s.1).map(|s| s.0).collect();
    let mean = (customers.iter().sum::<i64>() as f64 / customers.len() as f64).round();
    assert_eq!(clv.figures.iter().find(|f| f.key == "historical_eur").unwrap().value, Some(mean));
    let best = customers.iter().max().copied().unwrap() as f64;
    assert_eq!(clv.sections[0].rows[0].cells[0], Some(best));
}

fn goal(metric: GoalMetric, baseline: Option<f64>, target: f64, start: &str, deadline: &str) -> GoalInput {
    GoalInput { name: "Goal".into(), metric, segment_id: None, currency: None, baseline, target, starts_at: at(start), deadline_at: at(deadline) }
}

#[test]
fn goal_progress_projection_and_status() {
    use goals::progress;
    let (s, d, mid) = (at("2026-01-01"), at("2026-01-11"), at("2026-01-06"));
    // A rate from 12 to 22, half the time gone: at 18.2 the change kept up ends at 24.4.
    let (proj, prog, elapsed, st) = progress(GoalMetric::ConversionRate, 12.0, 22.0, s, d, Some(18.2), mid);
    assert_eq!((proj, prog, elapsed, st), (Some(24.4), Some(62.0), 50.0, GoalStatus::OnTrack));
    assert_eq!(progress(GoalMetric::ConversionRate, 12.0, 22.0, s, d, Some(14.0), mid).3, GoalStatus::Behind);
    // A total: 40 of 100 halfway projects 80.
    let (proj, _, _, st) = progress(GoalMetric::NewCustomers, 0.0, 100.0, s, d, Some(40.0), mid);
    assert_eq!((proj, st), (Some(80.0), GoalStatus::Behind));
    assert_eq!(progress(GoalMetric::NewCustomers, 0.0, 100.0, s, d, Some(100.0), mid).3, GoalStatus::Achieved);
    // Lower is better: churn from 10 to 5; at 7 halfway it projects 4.
    assert_eq!(progress(GoalMetric::Churn, 10.0, 5.0, s, d, Some(7.0), mid).3, GoalStatus::OnTrack);
    assert_eq!(progress(GoalMetric::Churn, 10.0, 5.0, s, d, Some(8.0), mid).3, GoalStatus::Behind);
    // After the deadline; before the start; nothing measured.
    assert_eq!(progress(GoalMetric::ConversionRate, 12.0, 22.0, s, d, Some(22.0), at("2026-02-01")).3, GoalStatus::Achieved);
    assert_eq!(progress(GoalMetric::ConversionRate, 12.0, 22.0, s, d, Some(20.0), at("2026-02-01")).3, GoalStatus::Missed);
    assert_eq!(progress(GoalMetric::ConversionRate, 12.0, 22.0, s, d, None, at("2025-12-01")).3, GoalStatus::NotStarted);
    assert_eq!(progress(GoalMetric::ConversionRate, 12.0, 22.0, s, d, None, mid).3, GoalStatus::NoData);
}

#[tokio::test]
async fn goals_are_checked_measured_listed_and_undoable() {
    let db = db().await;
    let now = at("2026-03-01");
    // Nothing before the start to measure a baseline from.
    let err = goals::create(&db, &goal(GoalMetric::Nps, None, 50.0, "2026-02-01", "2026-08-01"), now).await.unwrap_err();
    assert!(matches!(&err, hearth_core::CoreError::Validation { errors } if errors[0].code == "no_data"), "{err:?}");
    let mut bad = goal(GoalMetric::WonRevenue, Some(0.0), 100_000.0, "2026-02-01", "2026-01-01");
    bad.target = f64::NAN;
    let err = goals::create(&db, &bad, now).await.unwrap_err();
    let codes: Vec<String> = match err {
        hearth_core::CoreError::Validation { errors } => errors.into_iter().map(|e| format!("{}:{}", e.field, e.code)).collect(),
        e => panic!("{e:?}"),
    };
    assert_eq!(codes, ["deadline_at:before_start", "target:out_of_range", "currency:required"]);
    answer(&db, "n1", "nps", 10, "2026-01-15").await;
    answer(&db, "n2", "nps", 6, "2026-01-20").await;
    answer(&db, "n3", "nps", 9, "2026-02-10").await;
    let g = goals::create(&db, &goal(GoalMetric::Nps, None, 60.0, "2026-02-01", "2026-04-01"), now).await.unwrap();
    // Baseline over December–January (same length as the goal): (1 − 1) ÷ 2 = 0; since 1 Feb: 100.
    assert_eq!((g.baseline, g.current), (0.0, Some(100.0)));
    assert_eq!(g.status, GoalStatus::OnTrack);
    assert!(g.summary.contains("NPS 0 → 60 by 1 Apr 2026: at 100 (+100), on track"), "{}", g.summary);
    assert_eq!(goals::list(&db, now).await.unwrap().len(), 1);
    goals::delete(&db, &g.id).await.unwrap();
    assert!(goals::list(&db, now).await.unwrap().is_empty());
    hearth_core::history::undo_last(&db).await.unwrap();
    assert_eq!(goals::list(&db, now).await.unwrap()[0].id, g.id, "undo brings the goal back");
}

#[tokio::test]
async fn a_single_customer_with_a_single_order() {
    let db = db().await;
    contact(&db, "Solo", "2026-01-01", "retention", None, None, false).await;
    order(&db, 1, "Solo", "2026-01-15", "USD", 12_345, 0).await;
    refresh_stats(&db).await;
    let p = params("2026-01-01", "2026-02-01");
    let r = run(&db, ReportName::Repeat, &p, "2026-06-01").await;
    assert_eq!((fig(&r, "buyers").0, fig(&r, "repeat_rate").0, fig(&r, "frequency").0, fig(&r, "aov_usd").0), (Some(1.0), Some(0.0), Some(1.0), Some(12_345.0)));
    let c = run(&db, ReportName::Cohorts, &p, "2026-06-01").await;
    let s = section(&c, "purchases");
    assert_eq!((cell(s, "2026-01", "customers"), cell(s, "2026-01", "m1"), cell(s, "2026-01", "m5"), cell(s, "2026-01", "m6")), (Some(1.0), Some(0.0), Some(0.0), None));
    let v = run(&db, ReportName::Clv, &p, "2026-06-01").await;
    // One order a year, never seen before the year: the 10-year cap.
    assert_eq!((fig(&v, "historical_usd").0, fig(&v, "predicted_usd").0), (Some(12_345.0), Some(123_450.0)));
    let churn = run(&db, ReportName::Churn, &p, "2026-06-01").await;
    assert_eq!(fig(&churn, "churn").0, None, "no subscriptions: no churn rate rather than 0%");
}

#[tokio::test]
async fn yearly_churn_behind_predicted_lifetime_value_whether_or_not_orders_follow_the_period() {
    let db = db().await;
    for c in ["P1", "P2", "P3", "P4"] {
        contact(&db, c, "2024-01-01", "retention", None, None, false).await;
    }
    order(&db, 1, "P1", "2025-03-10", "EUR", 1_000, 0).await;
    order(&db, 2, "P1", "2026-03-10", "EUR", 1_000, 0).await;
    order(&db, 3, "P2", "2025-04-01", "EUR", 1_000, 0).await;
    order(&db, 4, "P3", "2026-02-01", "EUR", 1_000, 0).await;
    order(&db, 5, "P4", "2025-05-01", "EUR", 1_000, 0).await;
    order(&db, 6, "P4", "2026-06-01", "EUR", 1_000, 0).await;
    refresh_stats(&db).await;
    // The year before May 2025: P1 and P2 bought; only P1 came back by May 2026 → 50% churn, a
    // 2-year lifespan. The last year: 3 orders by 3 buyers at 10.00 → 10.00 × 1 × 2 = 20.00.
    let p = params("2025-05-01", "2026-05-01");
    for round in ["with an order after the period", "without one"] {
        let r = run(&db, ReportName::Clv, &p, "2026-12-01").await;
        assert_eq!(fig(&r, "predicted_eur").0, Some(2_000.0), "{round}");
        assert!(r.notes[0].contains("(50.0% yearly churn)"), "{round}: {}", r.notes[0]);
        exec(&db, "DELETE FROM orders WHERE number = 6").await;
        refresh_stats(&db).await;
    }
}

#[tokio::test]
async fn yearly_churn_is_per_currency_and_ties_count_one_buyer() {
    let db = db().await;
    for c in ["Q1", "Q2", "Q3"] {
        contact(&db, c, "2024-01-01", "retention", None, None, false).await;
    }
    // Q1 bought in euros the year before and only in pounds since: gone from the euro customers.
    order(&db, 1, "Q1", "2025-03-01", "EUR", 1_000, 0).await;
    order(&db, 2, "Q1", "2025-09-01", "GBP", 2_000, 0).await;
    // Q2: two orders at the same moment in the year before, one the last year: one buyer, back.
    order(&db, 3, "Q2", "2025-03-01", "EUR", 1_000, 0).await;
    order(&db, 4, "Q2", "2025-03-01", "EUR", 1_000, 0).await;
    order(&db, 5, "Q2", "2025-08-01", "EUR", 1_000, 0).await;
    // Q3 bought twice the last year, first time ever: a buyer of the year, not of the one before.
    order(&db, 6, "Q3", "2025-06-01", "EUR", 3_000, 0).await;
    order(&db, 7, "Q3", "2025-07-01", "EUR", 3_000, 0).await;
    refresh_stats(&db).await;
    let r = run(&db, ReportName::Clv, &params("2025-05-01", "2026-05-01"), "2026-06-01").await;
    // EUR: the year before, Q1 and Q2 bought; Q2 came back → 50%, 2 years. The last year: 3
    // orders (7,000) by 2 buyers → 23.33 × 1.5 × 2 = 70.00. GBP: one order, nobody before → 10 years.
    assert!(r.notes.iter().any(|n| n.contains("(EUR) = average order value 23.33 EUR × 1.5 orders per customer per year × 2.0 years expected lifespan (50.0% yearly churn)")), "{:?}", r.notes);
    assert_eq!(fig(&r, "predicted_eur").0, Some(7_000.0));
    assert_eq!(fig(&r, "predicted_gbp").0, Some(20_000.0));
}
