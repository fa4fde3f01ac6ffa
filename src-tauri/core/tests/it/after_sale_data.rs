//! The demo business and the generator after the sale: believable, consistent data.

use crate::common::db;
use chrono::Utc;
use hearth_core::generate::{self, anchor, GenOptions};
use hearth_core::orders::{self, OrderQuery};
use hearth_core::tickets::{self, TicketQuery};
use hearth_core::{demo, onboarding, products, referrals, suggestions, surveys, DatabaseConnection};
use sea_orm::{ConnectionTrait, Statement};

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let r = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    r.try_get_by_index::<i64>(0).unwrap()
}

#[tokio::test]
async fn the_demo_business_has_customers_after_the_sale() {
    let db = db().await;
    demo::load(&db).await.unwrap();
    let now = Utc::now();
    let cat = products::list(&db).await.unwrap();
    let basic = cat.iter().find(|p| p.sku == "CARE-BASIC").unwrap();
    assert_eq!(basic.upgrade_to.as_ref().unwrap().name, "Care plan Plus");
    assert_eq!(basic.addons.len(), 1);
    let all = orders::list(&db, &OrderQuery::default()).await.unwrap();
    assert!(all.total >= 40, "{} orders", all.total);
    assert!(all.items.iter().any(|o| o.status == orders::OrderStatus::PartlyRefunded));
    // Two customers mid-onboarding, the first with an overdue kickoff call.
    assert_eq!(count(&db, "SELECT count(DISTINCT contact_id) FROM onboardings WHERE started_at > datetime('now', '-7 days')").await, 2);
    let recent = onboarding::of_contact(
        &db,
        &crate::sequences::texts(&db, "SELECT o.contact_id FROM onboardings o JOIN activities a ON a.contact_id = o.contact_id WHERE a.subject = 'Kickoff call' AND a.completed_at IS NULL ORDER BY o.started_at LIMIT 1").await[0],
        now,
    )
    .await
    .unwrap();
    assert!(recent.iter().any(|o| o.overdue >= 1 && o.done >= 1), "{recent:?}");
    // Support: one open ticket past its target, tickets in every state.
    let queue = tickets::list(&db, &TicketQuery { queue: true, ..Default::default() }, now).await.unwrap();
    assert!(queue[0].resolution.breached, "the most urgent is late");
    assert_eq!(count(&db, "SELECT count(DISTINCT status) FROM tickets").await, 5);
    // The week's detractor opened a ticket; the promoter got a review request.
    let answers = surveys::list(&db, None, 500).await.unwrap();
    assert!(answers.len() >= 30);
    assert!(answers.iter().any(|a| a.ticket_id.is_some()) && answers.iter().any(|a| a.activity_id.is_some()));
    assert_eq!(referrals::reviews(&db, None).await.unwrap().len(), 6);
    assert!(referrals::referrers(&db).await.unwrap().iter().any(|r| !r.rewards.is_empty()));
    assert!(!suggestions::opportunities(&db, now, 50).await.unwrap().is_empty());
    assert!(!suggestions::at_risk(&db, now, 50).await.unwrap().is_empty());
}

#[tokio::test]
async fn generated_orders_are_consistent_with_their_figures() {
    let db = db().await;
    let s = generate::generate(&db, GenOptions::new(2_000, 7)).await.unwrap();
    assert!((3_000..=5_000).contains(&s.orders), "about two orders per contact: {}", s.orders);
    assert_eq!(count(&db, "SELECT count(*) FROM orders").await, s.orders as i64);
    // The kept figures equal a recount.
    let off = count(
        &db,
        "SELECT count(*) FROM customer_stats s LEFT JOIN (SELECT contact_id, count(*) n, max(ordered_at) l FROM orders WHERE status <> 'refunded' GROUP BY contact_id) o \
         ON o.contact_id = s.contact_id WHERE o.n IS NOT s.orders OR o.l IS NOT s.last_order_at",
    )
    .await;
    assert_eq!(off, 0);
    assert_eq!(count(&db, "SELECT count(*) FROM paid_orders").await, count(&db, "SELECT count(*) FROM orders WHERE contact_id IS NOT NULL AND status <> 'refunded'").await);
    assert_eq!(count(&db, "SELECT count(*) FROM orders o LEFT JOIN contacts c ON c.id = o.contact_id WHERE c.lifecycle_stage NOT IN ('retention', 'loyalty')").await, 0, "only customers bought");
    assert_eq!(count(&db, "SELECT count(*) FROM orders o WHERE total_minor <> (SELECT sum(total_minor) FROM order_lines l WHERE l.order_id = o.id)").await, 0);
    let rules = suggestions::product_rules(&db, 500).await.unwrap();
    assert!(rules.iter().any(|r| r.lift > 1.5), "companion products go together");
    let c = crate::sequences::texts(&db, "SELECT contact_id FROM customer_stats ORDER BY orders DESC LIMIT 1").await;
    assert!(!suggestions::for_contact(&db, &c[0], anchor()).await.unwrap().is_empty());
    assert!(count(&db, "SELECT count(*) FROM tickets").await > 0 && count(&db, "SELECT count(*) FROM survey_responses").await > 0);
}
