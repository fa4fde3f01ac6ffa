//! Upsell and cross-sell against a small example computed by hand, the opportunities list and
//! its deal, customers at risk with their reasons, stay-in-touch reminders.

use crate::common::db;
use crate::orders::{add_product, at, line, order, person, product};
use chrono::Duration;
use hearth_core::activities::{self, ActivityInput, ActivityKind};
use hearth_core::orders;
use hearth_core::products::{self, BillingInterval, ProductInput};
use hearth_core::suggestions::{self, at_risk::RiskKind, SuggestionKind};
use hearth_core::surveys::{self, SurveyInput, SurveyKind, SurveySource};
use hearth_core::DatabaseConnection;

struct Shop {
    a: String,
    b: String,
    c: String,
    d: String,
    e: String,
    customers: Vec<String>,
}

/// Five customers: C1 owns A B; C2 A B C; C3 A; C4 B C; C5 C. A (Basic, 10 €/month) upgrades to
/// D (Plus, 25 €/month); E is an add-on for A. B is 100 € once, C 50 € once.
///
/// By hand, N = 5, each of A, B, C owned by 3: A and B together by 2 (C1, C2), B and C by 2
/// (C2, C4), A and C by 1 (left out: fewer than 2). So A → B has support 2/5 = 40 %,
/// confidence 2/3 ≈ 66.7 %, lift (2/3) / (3/5) ≈ 1.111; the same for B → A, B → C, C → B.
async fn shop(db: &DatabaseConnection) -> Shop {
    let d = add_product(db, "PLUS", "Plus", 2_500, Some(BillingInterval::Month)).await;
    let e = add_product(db, "EXTRA", "Extra storage", 300, Some(BillingInterval::Month)).await;
    let a = products::create(db, &ProductInput { upgrade_to_id: Some(d.clone()), addon_ids: vec![e.clone()], ..product("BASIC", "Basic", 1_000, Some(BillingInterval::Month)) }).await.unwrap().id;
    let b = add_product(db, "KIT", "Starter kit", 10_000, None).await;
    let c = add_product(db, "GUIDE", "Guide", 5_000, None).await;
    let owns: [&[&String]; 5] = [&[&a, &b], &[&a, &b, &c], &[&a], &[&b, &c], &[&c]];
    let mut customers = Vec::new();
    for (i, items) in owns.iter().enumerate() {
        let id = person(db, &format!("C{}", i + 1)).await;
        for p in items.iter() {
            let name = products::get(db, p).await.unwrap();
            orders::create(db, &order(&id, "2026-10-01T10:00:00Z", vec![line(p, &name.name, 1, name.price_minor)])).await.unwrap();
        }
        customers.push(id);
    }
    Shop { a, b, c, d, e, customers }
}

#[tokio::test]
async fn association_rules_match_the_hand_computed_figures() {
    let db = db().await;
    let s = shop(&db).await;
    let rules = suggestions::product_rules(&db, 100).await.unwrap();
    let ab = rules.iter().find(|r| r.from.id == s.a && r.to.id == s.b).expect("A → B");
    assert_eq!((ab.both, ab.from_count, ab.to_count, ab.customers), (2, 3, 3, 5));
    assert!((ab.support - 0.4).abs() < 1e-9);
    assert!((ab.confidence - 2.0 / 3.0).abs() < 1e-9);
    assert!((ab.lift - (2.0 / 3.0) / 0.6).abs() < 1e-9);
    assert!(!rules.iter().any(|r| (r.from.id == s.a && r.to.id == s.c) || (r.from.id == s.c && r.to.id == s.a)), "A and C together once: left out");
    assert_eq!(rules.len(), 4, "A→B, B→A, B→C, C→B");
    assert!(!suggestions::rules::stale(&db).await.unwrap());
    // A new order makes them stale; the next read recomputes.
    orders::create(&db, &order(&s.customers[4], "2026-10-02T10:00:00Z", vec![line(&s.a, "Basic", 1, 1_000)])).await.unwrap();
    assert!(suggestions::rules::stale(&db).await.unwrap());
    let rules = suggestions::product_rules(&db, 100).await.unwrap();
    let ac = rules.iter().find(|r| r.from.id == s.a && r.to.id == s.c).expect("A and C are now together twice");
    assert_eq!((ac.both, ac.from_count, ac.to_count), (2, 4, 3));
}

#[tokio::test]
async fn a_customers_suggestions_have_their_reasons_and_values() {
    let db = db().await;
    let s = shop(&db).await;
    let now = at("2026-11-02T09:00:00Z");
    let c3 = suggestions::for_contact(&db, &s.customers[2], now).await.unwrap();
    let ids: Vec<(&str, SuggestionKind)> = c3.iter().map(|x| (x.product.name.as_str(), x.kind)).collect();
    assert_eq!(ids, [("Plus", SuggestionKind::Upsell), ("Starter kit", SuggestionKind::CrossSell), ("Extra storage", SuggestionKind::CrossSell)]);
    let up = &c3[0];
    assert_eq!(up.expected_value_minor, (2_500 - 1_000) * 12);
    assert!(up.reason.contains("Next plan after Basic"), "{}", up.reason);
    let cross = &c3[1];
    assert_eq!(cross.expected_value_minor, (10_000.0_f64 * 2.0 / 3.0).round() as i64);
    assert!(cross.reason.contains("67% of customers who own Basic also own Starter kit (support 40.0%, confidence 67%, lift 1.11)"), "{}", cross.reason);
    assert_eq!(c3[2].expected_value_minor, (300.0_f64 * 12.0 * 0.2).round() as i64);
    // C2 owns A, B and C: only the upgrade and the add-on are left.
    let c2 = suggestions::for_contact(&db, &s.customers[1], now).await.unwrap();
    assert_eq!(c2.iter().map(|x| x.product.id.clone()).collect::<Vec<_>>(), [s.d.clone(), s.e.clone()]);
    // Owning the next plan already: no upsell; spending above the plan's year says so.
    orders::create(&db, &order(&s.customers[1], "2026-10-03T10:00:00Z", vec![line(&s.d, "Plus", 1, 2_500)])).await.unwrap();
    assert!(suggestions::for_contact(&db, &s.customers[1], now).await.unwrap().iter().all(|x| x.kind != SuggestionKind::Upsell));
    orders::create(&db, &order(&s.customers[2], "2026-10-04T10:00:00Z", vec![line(&s.c, "Guide", 7, 5_000)])).await.unwrap();
    let c3 = suggestions::for_contact(&db, &s.customers[2], now).await.unwrap();
    let up = c3.iter().find(|x| x.kind == SuggestionKind::Upsell).unwrap();
    assert!(up.reason.contains("spend of 360 EUR in the last 12 months is above what Plus costs a year"), "{}", up.reason);
    assert_eq!(up.expected_value_minor, 30_000);
    // Not a customer: nothing.
    let lead = person(&db, "Lead").await;
    assert!(suggestions::for_contact(&db, &lead, now).await.unwrap().is_empty());
}

#[tokio::test]
async fn opportunities_are_sorted_by_value_and_one_becomes_a_deal() {
    let db = db().await;
    let s = shop(&db).await;
    let now = at("2026-11-02T09:00:00Z");
    let all = suggestions::opportunities(&db, now, 100).await.unwrap();
    assert!(!all.is_empty());
    assert!(all.windows(2).all(|w| w[0].expected_value_minor >= w[1].expected_value_minor));
    assert_eq!(all.iter().filter(|x| x.kind == SuggestionKind::Upsell).count(), 3, "C1, C2 and C3 own Basic");
    let deal = suggestions::to_deal(&db, &s.customers[2], &s.d, SuggestionKind::Upsell).await.unwrap();
    assert_eq!(deal.title, "Upgrade to Plus — C3 Buyer");
    assert_eq!(deal.value_minor, 2_500 * 12);
    assert_eq!(deal.contacts[0].id, s.customers[2]);
    // Offered in an open deal now: not suggested again.
    assert!(suggestions::for_contact(&db, &s.customers[2], now).await.unwrap().iter().all(|x| x.product.id != s.d));
}

#[tokio::test]
async fn customers_at_risk_are_listed_with_their_reasons() {
    let db = db().await;
    let now = at("2026-11-02T09:00:00Z");
    let mug = add_product(&db, "MUG", "Mug", 1_500, None).await;
    let plan = add_product(&db, "BAS", "Basic", 1_000, Some(BillingInterval::Month)).await;
    let buy = |c: String, when: chrono::DateTime<chrono::Utc>, p: String| {
        let db = db.clone();
        async move {
            orders::create(&db, &order(&c, &when.to_rfc3339(), vec![line(&p, "x", 1, 1_500)])).await.unwrap();
        }
    };
    // Lapsed: every 30 days, then nothing for 100 days.
    let lapsed = person(&db, "Lapsed").await;
    for k in [160, 130, 100] {
        buy(lapsed.clone(), now - Duration::days(k), mug.clone()).await;
    }
    // Regular: every 30 days, last 20 days ago.
    let regular = person(&db, "Regular").await;
    for k in [80, 50, 20] {
        buy(regular.clone(), now - Duration::days(k), mug.clone()).await;
    }
    // A subscriber with old orders is not overdue; one who cancelled last month is at risk.
    let subscriber = person(&db, "Subscriber").await;
    for k in [400, 300] {
        buy(subscriber.clone(), now - Duration::days(k), plan.clone()).await;
    }
    let cancelled = person(&db, "Cancelled").await;
    buy(cancelled.clone(), now - Duration::days(200), plan.clone()).await;
    let sub = orders::purchases(&db, &cancelled, false).await.unwrap().subscriptions[0].id.clone();
    orders::cancel_subscription(&db, &sub, Some(now - Duration::days(20))).await.unwrap();
    // Unhappy, and a breaching ticket.
    let unhappy = person(&db, "Unhappy").await;
    buy(unhappy.clone(), now - Duration::days(10), mug.clone()).await;
    surveys::record(&db, &SurveyInput { contact_id: unhappy.clone(), kind: SurveyKind::Nps, score: 3, comment: None, answered_at: Some(now - Duration::days(5)), source: SurveySource::Import }, now).await.unwrap();
    // Out of touch: a 30-day rhythm, last touch 45 days ago.
    let quiet = person(&db, "Quiet").await;
    buy(quiet.clone(), now - Duration::days(60), mug.clone()).await;
    let call = ActivityInput {
        kind: ActivityKind::Call,
        subject: "Catch-up".into(),
        body: None,
        contact_id: Some(quiet.clone()),
        company_id: None,
        deal_id: None,
        occurred_at: Some(now - Duration::days(45)),
        due_at: None,
        duration_minutes: None,
        outcome: None,
    };
    activities::create(&db, call).await.unwrap();
    suggestions::set_rhythm(&db, &quiet, Some(30)).await.unwrap();
    assert!(suggestions::set_rhythm(&db, &quiet, Some(0)).await.is_err());
    // A lead (not a customer) with a low score is not on the list.
    let lead = person(&db, "Lead").await;
    surveys::record(&db, &SurveyInput { contact_id: lead.clone(), kind: SurveyKind::Csat, score: 1, comment: None, answered_at: Some(now), source: SurveySource::Manual }, now).await.unwrap();

    let list = suggestions::at_risk(&db, now, 100).await.unwrap();
    let by = |id: &str| list.iter().find(|r| r.contact.id == id).map(|r| r.reasons.iter().map(|x| x.kind).collect::<Vec<_>>());
    assert_eq!(by(&lapsed), Some(vec![RiskKind::OverduePurchase]));
    assert!(list.iter().find(|r| r.contact.id == lapsed).unwrap().reasons[0].text.contains("No purchase for 100 days; they usually buy every 30 days"));
    assert_eq!(by(&regular), None);
    assert_eq!(by(&subscriber), None);
    assert_eq!(by(&cancelled), Some(vec![RiskKind::Cancelled]));
    // The low NPS opened a ticket too; it breaches once its target passes.
    let unhappy_now = by(&unhappy).unwrap();
    assert!(unhappy_now.contains(&RiskKind::Unhappy));
    let later = suggestions::at_risk(&db, now + Duration::days(8), 100).await.unwrap();
    let u = later.iter().find(|r| r.contact.id == unhappy).unwrap();
    assert!(u.reasons.iter().any(|x| x.kind == RiskKind::BreachingTickets), "{:?}", u.reasons);
    assert_eq!(by(&quiet), Some(vec![RiskKind::OutOfTouch]));
    assert_eq!(by(&lead), None);
    // The missed rhythm raises one reminder on Today, not one per tick.
    assert_eq!(suggestions::raise_rhythm_reminders(&db, now).await.unwrap(), 1);
    assert_eq!(suggestions::raise_rhythm_reminders(&db, now).await.unwrap(), 0);
}
