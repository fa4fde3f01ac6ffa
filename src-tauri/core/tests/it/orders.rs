//! After the sale, the selling side: the catalogue (upgrade paths never loop), orders and their
//! checks, refunds, subscriptions, purchase figures, the lifecycle following purchases, a won
//! deal's order, onboarding checklists on conversion, undo.

use crate::common::{self, db};
use chrono::{DateTime, Duration, Utc};
use hearth_core::contacts::{self, ContactInput};
use hearth_core::deals::{self, DealInput, DealLineInput, DealMove, NewDeal};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::onboarding::{self, ChecklistItem, OnboardingTemplateInput};
use hearth_core::orders::{self, OrderInput, OrderLineInput, OrderQuery, OrderStatus, PurchaseRules};
use hearth_core::products::{self, BillingInterval, ProductInput};
use hearth_core::tiers::TierId;
use hearth_core::{activities, history, pipelines, CoreError, DatabaseConnection};

pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

pub fn codes(e: CoreError) -> Vec<(String, String)> {
    match e {
        CoreError::Validation { errors } => errors.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

pub fn product(sku: &str, name: &str, price: i64, interval: Option<BillingInterval>) -> ProductInput {
    ProductInput {
        sku: sku.into(),
        name: name.into(),
        description: None,
        category: Some("Plans".into()),
        interval,
        price_minor: price,
        currency: "EUR".into(),
        upgrade_to_id: None,
        addon_ids: vec![],
    }
}

pub async fn add_product(db: &DatabaseConnection, sku: &str, name: &str, price: i64, interval: Option<BillingInterval>) -> String {
    products::create(db, &product(sku, name, price, interval)).await.unwrap().id
}

pub fn line(product_id: &str, name: &str, quantity: i32, price: i64) -> OrderLineInput {
    OrderLineInput { product_id: Some(product_id.into()), name: name.into(), quantity, unit_price_minor: price, discount_percent: 0 }
}

pub fn order(contact_id: &str, when: &str, lines: Vec<OrderLineInput>) -> OrderInput {
    OrderInput { contact_id: Some(contact_id.into()), company_id: None, deal_id: None, ordered_at: Some(at(when)), currency: "EUR".into(), lines, note: None }
}

pub async fn person(db: &DatabaseConnection, first: &str) -> String {
    contacts::create(db, ContactInput::named(first, "Buyer")).await.unwrap().id
}

async fn stage_of(db: &DatabaseConnection, id: &str) -> LifecycleStage {
    contacts::get(db, id).await.unwrap().lifecycle_stage
}

#[tokio::test]
async fn upgrade_paths_never_loop_and_skus_are_unique() {
    let db = db().await;
    let basic = add_product(&db, "BAS", "Basic", 1_000, Some(BillingInterval::Month)).await;
    let plus = add_product(&db, "PLU", "Plus", 2_000, Some(BillingInterval::Month)).await;
    let pro = add_product(&db, "PRO", "Pro", 4_000, Some(BillingInterval::Month)).await;
    products::update(&db, &basic, &ProductInput { upgrade_to_id: Some(plus.clone()), ..product("BAS", "Basic", 1_000, Some(BillingInterval::Month)) }).await.unwrap();
    products::update(&db, &plus, &ProductInput { upgrade_to_id: Some(pro.clone()), ..product("PLU", "Plus", 2_000, Some(BillingInterval::Month)) }).await.unwrap();
    // Pro → Basic closes the circle Basic → Plus → Pro → Basic.
    let err = products::update(&db, &pro, &ProductInput { upgrade_to_id: Some(basic.clone()), ..product("PRO", "Pro", 4_000, Some(BillingInterval::Month)) }).await.unwrap_err();
    assert_eq!(codes(err.clone()), vec![("upgrade_to_id".into(), "cycle".into())]);
    assert!(err.to_string().contains("Pro → Basic → Plus → Pro"), "{err}");
    let err = products::update(&db, &pro, &ProductInput { upgrade_to_id: Some(pro.clone()), ..product("PRO", "Pro", 4_000, None) }).await.unwrap_err();
    assert_eq!(codes(err), vec![("upgrade_to_id".into(), "cycle".into())]);
    assert!(products::get(&db, &pro).await.unwrap().upgrade_to.is_none(), "nothing written");
    let err = products::create(&db, &product("bas", "Other", 1, None)).await.unwrap_err();
    assert_eq!(codes(err), vec![("sku".into(), "taken".into())]);
    let err = products::create(&db, &ProductInput { price_minor: -1, currency: "euro".into(), ..product("X1", "X", 0, None) }).await.unwrap_err();
    assert_eq!(codes(err), vec![("currency".into(), "invalid_currency".into()), ("price_minor".into(), "out_of_range".into())]);
    assert_eq!(products::list(&db).await.unwrap().len(), 3);
}

#[tokio::test]
async fn bad_orders_are_refused_whole() {
    let db = db().await;
    let jane = person(&db, "Jane").await;
    let mug = add_product(&db, "MUG", "Mug", 1_500, None).await;
    let usd = products::create(&db, &ProductInput { currency: "USD".into(), ..product("CAP", "Cap", 900, None) }).await.unwrap().id;
    let err = orders::create(&db, &order(&jane, "2026-03-01T10:00:00Z", vec![line(&mug, "Mug", -2, 1_500)])).await.unwrap_err();
    assert_eq!(codes(err), vec![("lines.0.quantity".into(), "not_positive".into())]);
    let err = orders::create(&db, &order(&jane, "2026-03-01T10:00:00Z", vec![line(&mug, "Mug", 1, 1_500), line(&usd, "Cap", 1, 900)])).await.unwrap_err();
    assert_eq!(codes(err), vec![("lines.1.product_id".into(), "mixed_currency".into())]);
    let err = orders::create(&db, &OrderInput { contact_id: None, lines: vec![], ..order(&jane, "2026-03-01T10:00:00Z", vec![]) }).await.unwrap_err();
    assert_eq!(codes(err), vec![("contact_id".into(), "required".into()), ("lines".into(), "required".into())]);
    let err = orders::create(&db, &order(&jane, "2026-03-01T10:00:00Z", vec![OrderLineInput { discount_percent: 120, ..line(&mug, "Mug", 1, 1_500) }])).await.unwrap_err();
    assert_eq!(codes(err), vec![("lines.0.discount_percent".into(), "out_of_range".into())]);
    assert_eq!(orders::list(&db, &OrderQuery::default()).await.unwrap().total, 0, "nothing written");
    assert_eq!(stage_of(&db, &jane).await, LifecycleStage::Reach, "the lifecycle did not move");
}

#[tokio::test]
async fn purchases_make_customers_then_loyal_and_refunds_are_bounded() {
    let db = db().await;
    let jane = person(&db, "Jane").await;
    let mug = add_product(&db, "MUG", "Mug", 1_500, None).await;
    let first = orders::create(&db, &order(&jane, "2026-03-01T10:00:00Z", vec![line(&mug, "Mug", 2, 1_500), OrderLineInput { discount_percent: 10, ..line(&mug, "Mug", 1, 1_000) }])).await.unwrap();
    assert_eq!(first.summary.total_minor, 3_000 + 900);
    assert_eq!(first.summary.number, 1);
    assert_eq!(stage_of(&db, &jane).await, LifecycleStage::Retention, "the first purchase makes a customer");
    let second = orders::create(&db, &order(&jane, "2026-04-01T10:00:00Z", vec![line(&mug, "Mug", 1, 1_500)])).await.unwrap();
    assert_eq!(second.summary.number, 2);
    assert_eq!(stage_of(&db, &jane).await, LifecycleStage::Loyalty, "a repeat purchase makes a loyal customer");

    let err = orders::refund(&db, &second.summary.id, 1_501, None).await.unwrap_err();
    assert_eq!(codes(err.clone()), vec![("amount_minor".into(), "over_paid".into())]);
    assert!(err.to_string().contains("15.00 EUR left"), "{err}");
    let o = orders::refund(&db, &second.summary.id, 500, Some("Chipped".into())).await.unwrap();
    assert_eq!((o.summary.status, o.summary.refunded_minor), (OrderStatus::PartlyRefunded, 500));
    let err = orders::refund(&db, &second.summary.id, 1_001, None).await.unwrap_err();
    assert_eq!(codes(err), vec![("amount_minor".into(), "over_paid".into())]);
    let o = orders::refund(&db, &second.summary.id, 1_000, None).await.unwrap();
    assert_eq!(o.summary.status, OrderStatus::Refunded);

    let p = orders::purchases(&db, &jane, false).await.unwrap();
    assert_eq!(p.orders, 1, "a fully refunded order does not count");
    assert_eq!(p.spent.len(), 1);
    assert_eq!(p.spent[0].amount_minor, 3_900);
    assert_eq!(p.first_at, Some(at("2026-03-01T10:00:00Z")));
    assert_eq!(p.last_at, Some(at("2026-03-01T10:00:00Z")));
    assert_eq!(p.recent.len(), 2);
}

#[tokio::test]
async fn plans_start_subscriptions_that_can_be_cancelled() {
    let db = db().await;
    let jane = person(&db, "Jane").await;
    let plan = add_product(&db, "BAS", "Basic", 1_000, Some(BillingInterval::Month)).await;
    let o = orders::create(&db, &order(&jane, "2026-01-31T10:00:00Z", vec![line(&plan, "Basic", 1, 1_000)])).await.unwrap();
    assert_eq!(o.subscriptions.len(), 1);
    let s = &o.subscriptions[0];
    assert_eq!(s.started_at, at("2026-01-31T10:00:00Z"));
    assert!(s.renews_at.unwrap() > Utc::now(), "the next renewal is in the future");
    assert_eq!(s.renews_at.unwrap().format("%d").to_string(), "28", "a month after 31 January is the end of the next month");
    orders::cancel_subscription(&db, &s.id, Some(at("2026-06-01T00:00:00Z"))).await.unwrap();
    let err = orders::cancel_subscription(&db, &s.id, None).await.unwrap_err();
    assert!(matches!(err, CoreError::Conflict { .. }));
    let p = orders::purchases(&db, &jane, false).await.unwrap();
    assert_eq!(p.subscriptions[0].cancelled_at, Some(at("2026-06-01T00:00:00Z")));
}

#[tokio::test]
async fn the_lifecycle_rules_are_editable_and_a_referral_makes_loyal() {
    let db = db().await;
    let mug = add_product(&db, "MUG", "Mug", 1_500, None).await;
    let err = orders::set_purchase_rules(&db, &PurchaseRules { loyal_after_orders: 1, loyal_on_referral: true, orders_from_won_deals: true }).await.unwrap_err();
    assert_eq!(codes(err), vec![("loyal_after_orders".into(), "out_of_range".into())]);
    orders::set_purchase_rules(&db, &PurchaseRules { loyal_after_orders: 3, loyal_on_referral: true, orders_from_won_deals: true }).await.unwrap();
    let ann = person(&db, "Ann").await;
    for m in ["01", "02"] {
        orders::create(&db, &order(&ann, &format!("2026-{m}-01T10:00:00Z"), vec![line(&mug, "Mug", 1, 1_500)])).await.unwrap();
    }
    assert_eq!(stage_of(&db, &ann).await, LifecycleStage::Retention, "two orders are not enough with the rule at three");
    let mut bob = ContactInput::named("Bob", "Friend");
    bob.referred_by_id = Some(ann.clone());
    let bob = contacts::create(&db, bob).await.unwrap().id;
    orders::create(&db, &order(&bob, "2026-03-01T10:00:00Z", vec![line(&mug, "Mug", 1, 1_500)])).await.unwrap();
    assert_eq!(stage_of(&db, &ann).await, LifecycleStage::Loyalty, "her referral bought");
    assert_eq!(stage_of(&db, &bob).await, LifecycleStage::Retention);
}

async fn win(db: &DatabaseConnection, title: &str, contact: &str, lines: Vec<DealLineInput>, value: i64) -> String {
    let p = pipelines::list(db).await.unwrap().remove(0);
    let mut input = DealInput::titled(title, value, "EUR");
    input.contact_ids = vec![contact.into()];
    input.lines = lines;
    let d = deals::create(db, NewDeal { pipeline_id: p.id.clone(), stage_id: None, deal: input }).await.unwrap();
    let won = p.stages.iter().find(|s| s.name == "Won").unwrap().id.clone();
    let mv = DealMove { deal_id: d.id.clone(), stage_id: won, after_id: None, expected_version: d.version, lost_reason_id: None, lost_note: None };
    deals::move_deal(db, mv).await.unwrap();
    d.id
}

#[tokio::test]
async fn a_won_deal_creates_its_order_and_onboarding_and_undo_takes_both_back() {
    let db = db().await;
    let plan = add_product(&db, "STU", "Studio plan", 4_900, Some(BillingInterval::Month)).await;
    let items = vec![ChecklistItem { title: "Welcome e-mail".into(), offset_days: 0 }, ChecklistItem { title: "Kickoff call".into(), offset_days: 3 }];
    onboarding::create_template(&db, &OnboardingTemplateInput { name: "Studio start".into(), product_id: Some(plan.clone()), tier: None, active: true, items })
        .await
        .unwrap();
    let jane = common::create_jane(&db).await.id;
    let lines = vec![DealLineInput { name: "studio plan".into(), quantity: 12, unit_price_minor: 4_900, discount_percent: 0 }, DealLineInput { name: "Setup".into(), quantity: 1, unit_price_minor: 20_000, discount_percent: 50 }];
    let deal = win(&db, "Studio for Jane", &jane, lines, 0).await;
    let list = orders::list(&db, &OrderQuery { contact_id: Some(jane.clone()), ..Default::default() }).await.unwrap();
    assert_eq!(list.total, 1);
    let o = orders::get(&db, &list.items[0].id).await.unwrap();
    assert_eq!(o.deal.as_ref().map(|d| d.id.clone()), Some(deal.clone()));
    assert_eq!(o.summary.total_minor, 12 * 4_900 + 10_000);
    assert_eq!(o.lines[0].product.as_ref().map(|p| p.id.clone()), Some(plan.clone()), "the line is matched to the product by name");
    assert!(o.lines[1].product.is_none());
    assert_eq!(o.subscriptions.len(), 1);
    let ob = onboarding::of_contact(&db, &jane, Utc::now()).await.unwrap();
    assert_eq!(ob.len(), 1);
    assert_eq!(ob[0].steps.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(), ["Welcome e-mail", "Kickoff call"]);
    assert_eq!(ob[0].done, 0);
    // Doing a step shows as progress.
    activities::set_done(&db, &ob[0].steps[0].activity_id, true).await.unwrap();
    assert_eq!(onboarding::of_contact(&db, &jane, Utc::now()).await.unwrap()[0].done, 1);
    activities::set_done(&db, &ob[0].steps[0].activity_id, false).await.unwrap();
    // Undoing the win takes the order, its subscription and the checklist back.
    history::undo_last(&db).await.unwrap();
    history::undo_last(&db).await.unwrap();
    history::undo_last(&db).await.unwrap();
    assert_eq!(orders::list(&db, &OrderQuery::default()).await.unwrap().total, 0);
    assert!(onboarding::of_contact(&db, &jane, Utc::now()).await.unwrap().is_empty());
    assert_eq!(orders::purchases(&db, &jane, false).await.unwrap().orders, 0, "the figures follow the undo");
}

#[tokio::test]
async fn a_second_win_of_the_same_deal_makes_no_second_order_and_the_rule_can_be_off() {
    let db = db().await;
    let jane = person(&db, "Jane").await;
    let deal = win(&db, "Small job", &jane, vec![], 50_000).await;
    let o = orders::list(&db, &OrderQuery::default()).await.unwrap();
    assert_eq!((o.total, o.items[0].total_minor, o.items[0].items.as_str()), (1, 50_000, "Small job"));
    assert_eq!(orders::from_deal(&db, &deal, Utc::now()).await.unwrap(), None);
    orders::set_purchase_rules(&db, &PurchaseRules { orders_from_won_deals: false, ..PurchaseRules::default() }).await.unwrap();
    let bob = person(&db, "Bob").await;
    win(&db, "Other job", &bob, vec![], 10_000).await;
    assert_eq!(orders::list(&db, &OrderQuery::default()).await.unwrap().total, 1);
}

#[tokio::test]
async fn tier_checklists_start_on_the_first_purchase_only_and_overdue_items_show_today() {
    let db = db().await;
    let mug = add_product(&db, "MUG", "Mug", 1_500, None).await;
    let items = vec![ChecklistItem { title: "First check-in".into(), offset_days: 7 }];
    let bad = OnboardingTemplateInput { name: " ".into(), product_id: Some(mug.clone()), tier: Some(TierId::C), active: true, items: vec![ChecklistItem { title: "x".into(), offset_days: -1 }] };
    let err = onboarding::create_template(&db, &bad).await.unwrap_err();
    assert_eq!(codes(err), vec![("name".into(), "required".into()), ("tier".into(), "both".into()), ("items.0.offset_days".into(), "out_of_range".into())]);
    for tier in TierId::ALL {
        let name = format!("New {} customer", tier.letter());
        onboarding::create_template(&db, &OnboardingTemplateInput { name, product_id: None, tier: Some(tier), active: true, items: items.clone() }).await.unwrap();
    }
    let jane = person(&db, "Jane").await;
    orders::create(&db, &order(&jane, "2026-01-01T10:00:00Z", vec![line(&mug, "Mug", 1, 1_500)])).await.unwrap();
    orders::create(&db, &order(&jane, "2026-01-05T10:00:00Z", vec![line(&mug, "Mug", 1, 1_500)])).await.unwrap();
    let ob = onboarding::of_contact(&db, &jane, at("2026-02-01T00:00:00Z")).await.unwrap();
    assert_eq!(ob.len(), 1, "the tier's checklist starts once");
    // The tier she has as a customer (the first purchase can move her up), not the lead's.
    let tier = hearth_core::tiers::of_contact(&db, &jane).await.unwrap().expect("a tier").id;
    assert_eq!(ob[0].name, format!("New {} customer", tier.letter()));
    assert_eq!(ob[0].steps[0].due_at, Some(at("2026-01-08T10:00:00Z")));
    assert_eq!(ob[0].overdue, 1);
    let q = activities::TodayQuery { day_start: Utc::now() - Duration::hours(1), day_end: Utc::now() + Duration::hours(23) };
    let today = activities::today(&db, &q).await.unwrap();
    assert!(today.overdue.iter().any(|a| a.subject == "First check-in"), "overdue onboarding items are on Today");
}
