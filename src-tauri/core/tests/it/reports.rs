//! Every report metric against a small dataset whose answers were worked out by hand (in the
//! comments), with the edge cases: no data, a single customer, refunds and a currency mix.

use super::reports_fixture::*;
use crate::common::db;
use chrono::{DateTime, Utc};
use hearth_core::reports::{self, Report, ReportName, ReportParams, Section};
use hearth_core::DatabaseConnection;

pub fn at(s: &str) -> DateTime<Utc> {
    let s = if s.contains('T') { s.to_string() } else { format!("{s}T00:00:00Z") };
    DateTime::parse_from_rfc3339(&s).unwrap().with_timezone(&Utc)
}

pub fn params(from: &str, to: &str) -> ReportParams {
    ReportParams { from: at(from), to: at(to), segment_id: None, pipeline_id: None }
}

pub async fn run(db: &DatabaseConnection, name: ReportName, p: &ReportParams, now: &str) -> Report {
    reports::run(db, name, p, at(now)).await.unwrap_or_else(|e| panic!("{name:?}: {e:?}"))
}

pub fn fig(r: &Report, key: &str) -> (Option<f64>, Option<f64>) {
    let f = r.figures.iter().find(|f| f.key == key).unwrap_or_else(|| panic!("no figure {key} in {:?}", r.figures.iter().map(|f| &f.key).collect::<Vec<_>>()));
    (f.value, f.previous)
}

pub fn section<'a>(r: &'a Report, key: &str) -> &'a Section {
    r.sections.iter().find(|s| s.key == key).unwrap_or_else(|| panic!("no section {key}"))
}

/// The cell of row `row` (its key) and column `col` (its key).
pub fn cell(s: &Section, row: &str, col: &str) -> Option<f64> {
    let c = s.columns.iter().position(|c| c.key == col).unwrap_or_else(|| panic!("no column {col}"));
    s.rows.iter().find(|r| r.key == row).unwrap_or_else(|| panic!("no row {row} in {:?}", s.rows.iter().map(|r| &r.key).collect::<Vec<_>>())).cells[c]
}

/// Q1 2026: A, B, C, D, F and G are added in it; E before it.
async fn lifecycle_data(db: &DatabaseConnection) -> (String, String) {
    let web = source(db, "Web").await;
    let referral = source(db, "Referral").await;
    contact(db, "A", "2026-01-10", "reach", Some(&web), None, false).await;
    change(db, "A", Some("reach"), "acquisition", "2026-01-20").await;
    change(db, "A", Some("acquisition"), "conversion", "2026-02-01").await;
    change(db, "A", Some("conversion"), "retention", "2026-02-11").await;
    contact(db, "B", "2026-02-01", "reach", Some(&web), None, false).await;
    change(db, "B", Some("reach"), "acquisition", "2026-02-05").await;
    contact(db, "C", "2026-03-01", "reach", Some(&referral), None, false).await;
    change(db, "C", Some("reach"), "retention", "2026-03-11").await;
    contact(db, "D", "2026-03-15", "retention", Some(&referral), None, false).await;
    contact(db, "E", "2025-12-01", "reach", None, None, false).await;
    contact(db, "F", "2026-03-20", "conversion", None, None, true).await;
    contact(db, "G", "2026-02-01", "reach", None, None, false).await;
    change(db, "G", Some("reach"), "retention", "2026-05-01").await;
    (web, referral)
}

#[tokio::test]
async fn lifecycle_funnel_counts_stages_reached_and_median_days() {
    let db = db().await;
    lifecycle_data(&db).await;
    let r = run(&db, ReportName::Funnel, &params("2026-01-01", "2026-04-01"), "2026-06-01").await;
    let s = section(&r, "stages");
    // Reached: all 6; acquisition A B C(skipped to customer) D(added as customer) F(legacy,
    // today at conversion); conversion A C D F; customer A C D (G only after the period).
    let reached: Vec<f64> = s.rows.iter().map(|r| r.cells[0].unwrap()).collect();
    assert_eq!(reached, [6.0, 5.0, 4.0, 3.0, 0.0]);
    assert_eq!(cell(s, "acquisition", "step"), Some(83.3));
    assert_eq!(cell(s, "retention", "of_all"), Some(50.0));
    // Reach → acquisition: A 10, B 4, C 10, D 0, F 0 days → median 4.
    assert_eq!(cell(s, "acquisition", "median_days"), Some(4.0));
    // Acquisition → conversion: A 12, C 0, D 0, F 0 → 0.
    assert_eq!(cell(s, "conversion", "median_days"), Some(0.0));
    assert_eq!(fig(&r, "lead_to_customer").0, Some(50.0));
    // Days from added to customer: A 32, C 10, D 0 → 10.
    assert_eq!(fig(&r, "days_to_customer").0, Some(10.0));
    // The previous period (3 Oct – 1 Jan) had E only.
    assert_eq!(fig(&r, "added"), (Some(6.0), Some(1.0)));
    // The records behind "reached customer".
    let list = reports::records(&db, ReportName::Funnel, &params("2026-01-01", "2026-04-01"), "funnel:3", at("2026-06-01")).await.unwrap();
    let mut names: Vec<String> = list.records.iter().map(|r| r.id.clone()).collect();
    names.sort();
    assert_eq!((list.total, names), (3, vec!["A".to_string(), "C".into(), "D".into()]));
}

#[tokio::test]
async fn every_report_explains_itself_when_there_is_no_data() {
    let db = db().await;
    for name in ReportName::ALL {
        let r = run(&db, name, &params("2026-01-01", "2026-04-01"), "2026-06-01").await;
        assert!(r.empty.is_some(), "{name:?} says what data it needs");
        assert!(r.figures.iter().all(|f| !f.definition.is_empty()), "{name:?}: every figure has a definition");
        assert!(r.sections.iter().flat_map(|s| &s.columns).all(|c| !c.definition.is_empty()), "{name:?}: every column has a definition");
        assert!(r.figures.iter().filter(|f| f.unit == reports::Unit::Percent).all(|f| f.value.is_none()), "{name:?}: no rate without data");
    }
}

/// A's two EUR orders (one partly refunded), C's GBP order, D's fully refunded EUR order.
async fn group_orders(db: &DatabaseConnection) {
    order(db, 1, "A", "2026-02-12", "EUR", 10_000, 0).await;
    order(db, 2, "A", "2026-03-01", "EUR", 5_000, 1_000).await;
    order(db, 3, "C", "2026-03-12", "GBP", 8_000, 0).await;
    order(db, 4, "D", "2026-01-05", "EUR", 20_000, 20_000).await;
    refresh_stats(db).await;
}

#[tokio::test]
async fn conversion_and_revenue_by_source_with_refunds_and_a_currency_mix() {
    let db = db().await;
    let (web, referral) = lifecycle_data(&db).await;
    group_orders(&db).await;
    let r = run(&db, ReportName::Sources, &params("2026-01-01", "2026-04-01"), "2026-06-01").await;
    let s = section(&r, "groups");
    // Web: leads A, B; A converted. Revenue 10,000 + (5,000 − 1,000 refunded).
    let w = format!("source:{web}");
    assert_eq!((cell(s, &w, "leads"), cell(s, &w, "converted"), cell(s, &w, "rate")), (Some(2.0), Some(1.0), Some(50.0)));
    assert_eq!((cell(s, &w, "buyers"), cell(s, &w, "revenue")), (Some(1.0), Some(14_000.0)));
    // Referral: C is a lead and converted; D was added as a customer (no lead). Its revenue is
    // per currency: EUR 0 (D's order fully refunded, no buyer), GBP 8,000 on a row of its own.
    let rf = format!("source:{referral}");
    assert_eq!((cell(s, &rf, "leads"), cell(s, &rf, "rate")), (Some(1.0), Some(100.0)));
    assert_eq!((cell(s, &rf, "buyers"), cell(s, &rf, "revenue")), (Some(0.0), Some(0.0)));
    let gbp = s.rows.iter().find(|x| x.key == format!("source:{referral}:GBP")).expect("a GBP row");
    assert_eq!((gbp.currency.as_deref(), gbp.cells[5]), (Some("GBP"), Some(8_000.0)));
    // No source: E, F, G are leads (G converts after the period).
    assert_eq!(cell(s, "source:", "leads"), Some(3.0));
    assert_eq!((fig(&r, "leads").0, fig(&r, "converted").0), (Some(6.0), Some(2.0)));
    let list = reports::records(&db, ReportName::Sources, &params("2026-01-01", "2026-04-01"), &format!("group:source:converted:{web}"), at("2026-06-01")).await.unwrap();
    assert_eq!(list.records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["A"]);
}

#[tokio::test]
async fn conversion_and_revenue_by_segment_match_the_same_groups_by_source() {
    use hearth_core::criteria::{cond, CritOp, Filter};
    let db = db().await;
    let (web, referral) = lifecycle_data(&db).await;
    group_orders(&db).await;
    let mut ids = Vec::new();
    // Three segments: the report reads them two at a time, so the last one is read alone.
    for (name, filter) in [
        ("From the web", Filter::all(vec![cond("lead_source", CritOp::AnyOf, &[&web])])),
        ("Referred", Filter::all(vec![cond("lead_source", CritOp::AnyOf, &[&referral])])),
        ("In Atlantis", Filter::all(vec![cond("city", CritOp::Is, &["Atlantis"])])),
    ] {
        let seg = hearth_core::segments::create(&db, &hearth_core::segments::SegmentInput { name: name.into(), description: None, filter }).await.unwrap();
        ids.push(seg.id);
    }
    let r = run(&db, ReportName::Segments, &params("2026-01-01", "2026-04-01"), "2026-06-01").await;
    let s = section(&r, "groups");
    let key = |i: usize| format!("segment:{}", ids[i]);
    // As by source: web leads A, B (A converted); revenue 10,000 + (5,000 − 1,000).
    assert_eq!((cell(s, &key(0), "leads"), cell(s, &key(0), "converted"), cell(s, &key(0), "rate")), (Some(2.0), Some(1.0), Some(50.0)));
    assert_eq!((cell(s, &key(0), "buyers"), cell(s, &key(0), "revenue")), (Some(1.0), Some(14_000.0)));
    // Referred: C a lead that converted, D added as a customer; EUR fully refunded, GBP apart.
    assert_eq!((cell(s, &key(1), "leads"), cell(s, &key(1), "rate")), (Some(1.0), Some(100.0)));
    assert_eq!((cell(s, &key(1), "buyers"), cell(s, &key(1), "revenue")), (Some(0.0), Some(0.0)));
    let gbp = s.rows.iter().find(|x| x.key == format!("{}:GBP", key(1))).expect("a GBP row");
    assert_eq!((gbp.currency.as_deref(), gbp.cells[5]), (Some("GBP"), Some(8_000.0)));
    // A segment nobody is in still has its row, with nothing in it.
    assert_eq!((cell(s, &key(2), "leads"), cell(s, &key(2), "converted"), cell(s, &key(2), "rate")), (Some(0.0), Some(0.0), None));
    // The previous period's rate is the same as by source.
    let by_source = run(&db, ReportName::Sources, &params("2026-01-01", "2026-04-01"), "2026-06-01").await;
    let before = |r: &hearth_core::reports::Report, k: &str| cell(section(r, "groups"), k, "rate_before");
    assert_eq!(before(&r, &key(0)), before(&by_source, &format!("source:{web}")));
    let list = reports::records(&db, ReportName::Segments, &params("2026-01-01", "2026-04-01"), &format!("group:segment:converted:{}", ids[0]), at("2026-06-01")).await.unwrap();
    assert_eq!(list.records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["A"]);
}

#[tokio::test]
async fn conversion_by_tier_counts_the_trash_late_and_unscored_contacts_right() {
    let db = db().await;
    lifecycle_data(&db).await;
    // H (tier A) is in the trash; I (tier B) was added after the period; E has no score row
    // and F one without a tier: both are "No tier".
    contact(&db, "H", "2026-01-05", "reach", None, None, false).await;
    exec(&db, "UPDATE contacts SET deleted_at = '2026-02-01T00:00:00.000+00:00' WHERE id = 'H'").await;
    contact(&db, "I", "2026-05-01", "reach", None, None, false).await;
    for (id, tier) in [("A", "'a'"), ("B", "'a'"), ("G", "'a'"), ("H", "'a'"), ("C", "'b'"), ("D", "'b'"), ("I", "'b'"), ("F", "NULL")] {
        exec(&db, &format!("INSERT INTO contact_scores (contact_id, fit, engagement, total, computed_at, tier) VALUES ('{id}', 0, 0, 0, '2026-01-01', {tier})")).await;
    }
    let r = run(&db, ReportName::Tiers, &params("2026-01-01", "2026-04-01"), "2026-06-01").await;
    let s = section(&r, "groups");
    // Tier A: leads A, B, G (H in the trash); A converted (G only in May).
    assert_eq!((cell(s, "tier:a", "leads"), cell(s, "tier:a", "converted")), (Some(3.0), Some(1.0)));
    // Tier B: C is a lead and converted; D was added as a customer; I came after the period.
    assert_eq!((cell(s, "tier:b", "leads"), cell(s, "tier:b", "converted")), (Some(1.0), Some(1.0)));
    // No tier: E and F.
    assert_eq!((cell(s, "tier:", "leads"), cell(s, "tier:", "converted")), (Some(2.0), Some(0.0)));
    // The previous period (to 1 Jan) had E only, in "No tier".
    assert_eq!(fig(&r, "leads"), (Some(6.0), Some(1.0)));
    assert_eq!(fig(&r, "converted").0, Some(2.0));
    // The records behind tier A's leads are the same three.
    let list = reports::records(&db, ReportName::Tiers, &params("2026-01-01", "2026-04-01"), "group:tier:leads:a", at("2026-06-01")).await.unwrap();
    let mut ids: Vec<&str> = list.records.iter().map(|r| r.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["A", "B", "G"]);
}

#[tokio::test]
async fn a_segment_filter_keeps_its_members_only() {
    let db = db().await;
    let (web, _) = lifecycle_data(&db).await;
    let filter = hearth_core::criteria::Filter::all(vec![hearth_core::criteria::cond("lead_source", hearth_core::criteria::CritOp::AnyOf, &[&web])]);
    let seg = hearth_core::segments::create(&db, &hearth_core::segments::SegmentInput { name: "From the web".into(), description: None, filter }).await.unwrap();
    let mut p = params("2026-01-01", "2026-04-01");
    p.segment_id = Some("from the web".into());
    let r = run(&db, ReportName::Funnel, &p, "2026-06-01").await;
    assert_eq!(r.segment.as_ref().map(|s| s.id.clone()), Some(seg.id));
    assert_eq!(section(&r, "stages").rows.iter().map(|r| r.cells[0].unwrap()).collect::<Vec<_>>(), [2.0, 2.0, 1.0, 1.0, 0.0]);
    p.segment_id = Some("nope".into());
    assert!(matches!(reports::run(&db, ReportName::Funnel, &p, at("2026-06-01")).await, Err(hearth_core::CoreError::NotFound { .. })));
}

#[tokio::test]
async fn bad_periods_and_names_are_refused_clearly() {
    let db = db().await;
    let err = reports::run(&db, ReportName::Deals, &params("2026-04-01", "2026-01-01"), at("2026-06-01")).await.unwrap_err();
    assert!(matches!(&err, hearth_core::CoreError::Validation { errors } if errors[0].code == "empty"), "{err:?}");
    assert_eq!(ReportName::parse("Lost-Reasons"), Some(ReportName::LostReasons));
    assert_eq!(ReportName::parse("nope"), None);
    let err = reports::records(&db, ReportName::Funnel, &params("2026-01-01", "2026-04-01"), "funnel:9", at("2026-06-01")).await.unwrap_err();
    assert!(matches!(&err, hearth_core::CoreError::Validation { errors } if errors[0].code == "unknown_drill"), "{err:?}");
}
