//! Deal reports, the pipeline funnel, the forecast and activity against hand-made data.

use super::reports::{at, cell, fig, params, run, section};
use super::reports_fixture::*;
use crate::common::db;
use hearth_core::reports::{self, ReportName};
use hearth_core::DatabaseConnection;

#[allow(clippy::too_many_arguments)]
fn d<'a>(id: &'a str, status: &'a str, stage: &'a str, owner: Option<&'a str>, value: i64, currency: &'a str, created: &'a str, closed: Option<&'a str>, expected: Option<&'a str>, probability: Option<i64>, lost_reason: Option<&'a str>) -> Deal<'a> {
    Deal { id, status, stage, owner, value, currency, created, closed, expected, probability, lost_reason }
}

async fn deals_data(db: &DatabaseConnection) -> Vec<(String, String)> {
    let (p, st) = stages(db).await;
    let id = |name: &str| st.iter().find(|s| s.1.starts_with(name)).unwrap().0.clone();
    let (prospect, needs, demo, proposal, won, lost) = (id("Prospecting"), id("Needs"), id("Demo"), id("Proposal"), id("Won"), id("Lost"));
    let reason = hearth_core::sqlite::packed_rows(db, "SELECT id AS c0 FROM lost_reasons WHERE name LIKE 'Price%' OR name LIKE '%price%' LIMIT 1", 1).await.unwrap();
    let price = reason.first().and_then(|r| r[0].clone()).expect("a seeded price reason");
    deal(db, &p, d("d1", "won", &won, Some("Ann"), 10_000, "EUR", "2026-01-01", Some("2026-01-31"), None, None, None)).await;
    deal(db, &p, d("d2", "won", &won, Some("Ann"), 20_000, "EUR", "2026-01-15", Some("2026-02-14"), None, None, None)).await;
    deal(db, &p, d("d3", "lost", &lost, Some("Bob"), 5_000, "EUR", "2026-02-01", Some("2026-02-20"), None, None, Some(price.as_str()))).await;
    deal(db, &p, d("d4", "lost", &lost, Some("Bob"), 7_000, "EUR", "2025-12-01", Some("2026-03-01"), None, None, None)).await;
    deal(db, &p, d("d5", "won", &won, Some("Bob"), 9_000, "GBP", "2026-02-01", Some("2026-03-03"), None, None, None)).await;
    deal(db, &p, d("d6", "open", &proposal, None, 10_000, "EUR", "2026-03-01", None, Some("2026-06-15"), None, None)).await;
    deal(db, &p, d("d7", "open", &prospect, None, 4_000, "EUR", "2026-03-05", None, Some("2026-05-10"), Some(25), None)).await;
    for (deal_id, stage, name, status, when) in [
        ("d1", &prospect, "Prospecting", "open", "2026-01-01"),
        ("d1", &proposal, "Proposal", "open", "2026-01-10"),
        ("d1", &won, "Won", "won", "2026-01-31"),
        ("d2", &prospect, "Prospecting", "open", "2026-01-15"),
        ("d2", &won, "Won", "won", "2026-02-14"),
        ("d3", &prospect, "Prospecting", "open", "2026-02-01"),
        ("d3", &needs, "Needs", "open", "2026-02-05"),
        ("d3", &lost, "Lost", "lost", "2026-02-20"),
        ("d5", &prospect, "Prospecting", "open", "2026-02-01"),
        ("d5", &demo, "Demo", "open", "2026-02-11"),
        ("d5", &won, "Won", "won", "2026-03-03"),
        ("d6", &prospect, "Prospecting", "open", "2026-03-01"),
        ("d6", &proposal, "Proposal", "open", "2026-03-11"),
        ("d7", &prospect, "Prospecting", "open", "2026-03-05"),
    ] {
        moved(db, deal_id, stage, name, status, when).await;
    }
    st
}

#[tokio::test]
async fn win_rate_deal_size_cycle_velocity_and_time_in_stage() {
    let db = db().await;
    deals_data(&db).await;
    let r = run(&db, ReportName::Deals, &params("2026-01-01", "2026-04-01"), "2026-06-01").await;
    // Closed in Q1: won d1 d2 d5, lost d3 d4 → 3 ÷ 5.
    assert_eq!((fig(&r, "won").0, fig(&r, "lost").0, fig(&r, "win_rate").0), (Some(3.0), Some(2.0), Some(60.0)));
    // Sizes per currency: EUR (10,000 + 20,000) ÷ 2, GBP 9,000; cycles 30, 30, 30 days.
    assert_eq!((fig(&r, "deal_size_eur").0, fig(&r, "deal_size_gbp").0), (Some(15_000.0), Some(9_000.0)));
    assert_eq!(fig(&r, "sales_cycle").0, Some(30.0));
    // Velocity (EUR): 2 open EUR deals × 60% × 15,000 ÷ 30 days × 30 = 18,000.
    assert_eq!(fig(&r, "velocity_eur").0, Some(18_000.0));
    let owners = section(&r, "owners");
    assert_eq!((cell(owners, "owner:Ann", "won"), cell(owners, "owner:Ann", "win_rate")), (Some(2.0), Some(100.0)));
    assert_eq!((cell(owners, "owner:Bob", "lost"), cell(owners, "owner:Bob", "win_rate")), (Some(2.0), Some(33.3)));
    // Time in Prospecting for the deals closed in Q1: d1 9, d2 30, d3 4, d5 10 → 13.25.
    assert_eq!(cell(section(&r, "time_in_stage"), "stage:Prospecting", "days"), Some(13.3));
    let lost = reports::records(&db, ReportName::Deals, &params("2026-01-01", "2026-04-01"), "closed:lost:Bob", at("2026-06-01")).await.unwrap();
    assert_eq!(lost.total, 2);
}

#[tokio::test]
async fn lost_reasons_share_and_value() {
    let db = db().await;
    deals_data(&db).await;
    let r = run(&db, ReportName::LostReasons, &params("2026-01-01", "2026-04-01"), "2026-06-01").await;
    let s = section(&r, "reasons");
    assert_eq!(s.rows.len(), 2);
    assert!(s.rows.iter().all(|x| x.cells[1] == Some(50.0)));
    let none = s.rows.iter().find(|x| x.label == "No reason given").unwrap();
    assert_eq!(none.cells[3], Some(7_000.0));
}

#[tokio::test]
async fn forecast_weights_open_deals_by_expected_month_against_goals() {
    let db = db().await;
    deals_data(&db).await;
    let r = run(&db, ReportName::Forecast, &params("2026-03-01", "2026-06-01"), "2026-06-01").await;
    let s = section(&r, "months");
    // d7 (10 May) is overdue at 1 June: 4,000 × 25%; d6 in June: 10,000 × its stage's 60%.
    assert_eq!((cell(s, "overdue:EUR", "value"), cell(s, "overdue:EUR", "weighted")), (Some(4_000.0), Some(1_000.0)));
    assert_eq!(cell(s, "2026-06:EUR", "weighted"), Some(6_000.0));
    assert_eq!(fig(&r, "weighted_eur").0, Some(7_000.0));
}

#[tokio::test]
async fn pipeline_funnel_from_stage_history() {
    let db = db().await;
    let st = deals_data(&db).await;
    let r = run(&db, ReportName::Pipeline, &params("2026-01-01", "2026-04-01"), "2026-06-01").await;
    let s = section(&r, "stages");
    let by_name = |n: &str| s.rows.iter().find(|x| x.label.starts_with(n)).unwrap().cells[0];
    // Added in Q1: d1 d2 d3 d5 d6 d7 (d4 in December). Won deals reached every stage.
    assert_eq!(fig(&r, "deals_added").0, Some(6.0));
    assert_eq!((by_name("Prospecting"), by_name("Needs"), by_name("Demo"), by_name("Proposal"), by_name("Negotiation"), by_name("Won")), (Some(6.0), Some(5.0), Some(4.0), Some(4.0), Some(3.0), Some(3.0)));
    assert!(st.iter().any(|s| s.1 == "Lost"));
    assert!(s.rows.iter().all(|x| x.label != "Lost"), "lost is no step of the funnel");
}

#[tokio::test]
async fn touches_per_week_by_owner_and_before_conversion() {
    let db = db().await;
    contact(&db, "K", "2026-01-01", "reach", None, Some("Ann"), false).await;
    contact(&db, "L", "2026-01-01", "reach", None, None, false).await;
    change(&db, "K", Some("reach"), "retention", "2026-01-20").await;
    for (i, (who, kind, when)) in [
        ("K", "call", "2026-01-05T10:00:00.000+00:00"),
        ("K", "email", "2026-01-06T10:00:00.000+00:00"),
        ("K", "note", "2026-01-07T10:00:00.000+00:00"),
        ("K", "meeting", "2026-01-15T10:00:00.000+00:00"),
        ("K", "email", "2026-01-25T10:00:00.000+00:00"),
        ("L", "email", "2026-01-06T10:00:00.000+00:00"),
    ]
    .iter()
    .enumerate()
    {
        exec(&db, &format!("INSERT INTO activities (id, kind, subject, contact_id, occurred_at, created_at, updated_at) VALUES ('a{i}', '{kind}', 'x', '{who}', '{when}', '{when}', '{when}')")).await;
    }
    let r = run(&db, ReportName::Activity, &params("2026-01-01", "2026-02-01"), "2026-06-01").await;
    // Five touches (the note is none); K had three before 20 Jan.
    assert_eq!(fig(&r, "touches").0, Some(5.0));
    assert_eq!(fig(&r, "before_conversion").0, Some(3.0));
    let owners = section(&r, "owners");
    assert_eq!((cell(owners, "owner:Ann", "total"), cell(owners, "owner:", "email")), (Some(4.0), Some(1.0)));
    let weeks = section(&r, "weeks");
    // 5 and 6 Jan are in week 01 (Monday 5 Jan 2026), 15 Jan in 02, 25 Jan (a Sunday) in 03.
    assert_eq!(weeks.rows.iter().map(|w| w.cells[3].unwrap()).collect::<Vec<_>>(), [3.0, 1.0, 1.0]);
    assert_eq!(weeks.rows[0].label, "Week of 5 Jan 2026");
}

async fn recount_differs(db: &DatabaseConnection) -> Vec<Vec<Option<String>>> {
    hearth_core::sqlite::packed_rows(
        db,
        "SELECT day AS c0, kind AS c1, owner AS c2, n AS c3, m AS c4 FROM (SELECT coalesce(t.day, r.day) AS day, coalesce(t.kind, r.kind) AS kind, coalesce(t.owner, r.owner) AS owner, \
           coalesce(t.n, 0) AS n, coalesce(r.m, 0) AS m FROM touch_days t FULL JOIN \
           (SELECT substr(a.occurred_at, 1, 10) AS day, a.kind AS kind, coalesce(c.owner, '') AS owner, count(*) AS m FROM activities a LEFT JOIN contacts c ON c.id = a.contact_id \
            WHERE a.deleted_at IS NULL AND a.kind IN ('call', 'email', 'meeting') GROUP BY 1, 2, 3) r ON r.day = t.day AND r.kind = t.kind AND r.owner = t.owner) WHERE n <> m",
        5,
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn the_kept_touch_counts_follow_every_write() {
    let db = db().await;
    contact(&db, "K", "2026-01-01", "reach", None, Some("Ann"), false).await;
    contact(&db, "L", "2026-01-01", "reach", None, Some("Bob"), false).await;
    for (i, (who, kind, day)) in [("K", "call", "05"), ("K", "email", "05"), ("K", "note", "06"), ("L", "meeting", "06"), ("L", "email", "07")].iter().enumerate() {
        exec(&db, &format!("INSERT INTO activities (id, kind, subject, contact_id, occurred_at, created_at, updated_at) VALUES ('a{i}', '{kind}', 'x', '{who}', '2026-01-{day}T10:00:00+00:00', '2026-01-01', '2026-01-01')")).await;
    }
    assert!(recount_differs(&db).await.is_empty());
    for step in [
        "UPDATE activities SET deleted_at = '2026-02-01' WHERE id = 'a0'",
        "UPDATE activities SET kind = 'meeting' WHERE id = 'a2'",
        "UPDATE activities SET occurred_at = '2026-03-01T10:00:00+00:00' WHERE id = 'a1'",
        "UPDATE contacts SET owner = 'Cy' WHERE id = 'K'",
        "UPDATE contacts SET owner = NULL WHERE id = 'L'",
        "UPDATE activities SET contact_id = 'L' WHERE id = 'a2'",
        "UPDATE activities SET deleted_at = NULL WHERE id = 'a0'",
        "DELETE FROM activities WHERE id = 'a4'",
        "DELETE FROM contacts WHERE id = 'K'",
    ] {
        exec(&db, step).await;
        assert_eq!(recount_differs(&db).await, Vec::<Vec<Option<String>>>::new(), "after {step}");
    }
}
