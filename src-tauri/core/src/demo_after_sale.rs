//! The demo business after the sale: the studio's catalogue (website builds, brand kits, care
//! plans Basic → Plus → Pro with an online-booking add-on), two years of orders for its
//! customers (orders for the won deals too), onboarding checklists with two recent customers
//! part-way through (one step overdue on Today), support tickets in every state (one past its
//! target), six months of NPS and CSAT answers, reviews, referral rewards and stay-in-touch
//! rhythms. Everything goes through the domain's own writers.

use crate::error::CoreResult;
use crate::onboarding::{self, ChecklistItem, OnboardingTemplateInput};
use crate::orders::{self, OrderInput, OrderLineInput, PurchaseRules};
use crate::products::{self, BillingInterval, ProductInput};
use crate::tiers::TierId;
use crate::tickets::{self, TicketCategory, TicketChannel, TicketInput, TicketPriority};
use chrono::{DateTime, Duration, Utc};
use rand::{rngs::StdRng, Rng, SeedableRng};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction};

const CATALOGUE: &[(&str, &str, &str, i64, Option<BillingInterval>)] = &[
    ("WEB", "Website build", "Projects", 480_000, None),
    ("BRAND", "Logo and brand kit", "Projects", 120_000, None),
    ("SEO", "SEO audit", "Services", 65_000, None),
    ("PHOTO", "Photo shoot", "Services", 90_000, None),
    ("CARE-PRO", "Care plan Pro", "Care plans", 19_900, Some(BillingInterval::Month)),
    ("CARE-PLUS", "Care plan Plus", "Care plans", 9_900, Some(BillingInterval::Month)),
    ("CARE-BASIC", "Care plan Basic", "Care plans", 4_900, Some(BillingInterval::Month)),
    ("BOOK", "Online booking add-on", "Add-ons", 1_900, Some(BillingInterval::Month)),
];

async fn ids<C: ConnectionTrait>(db: &C, sql: &str) -> CoreResult<Vec<String>> {
    Ok(crate::sqlite::packed_rows(db, sql, 1).await?.into_iter().filter_map(|r| r[0].clone()).collect())
}

fn line(p: &products::Product) -> OrderLineInput {
    OrderLineInput { product_id: Some(p.id.clone()), name: p.name.clone(), quantity: 1, unit_price_minor: p.price_minor, discount_percent: 0 }
}

async fn catalogue(db: &DatabaseTransaction) -> CoreResult<Vec<products::Product>> {
    let mut made: Vec<(String, String)> = Vec::new();
    for (sku, name, category, price, interval) in CATALOGUE {
        let upgrade_to_id = match *sku {
            "CARE-PLUS" => made.iter().find(|m| m.0 == "CARE-PRO").map(|m| m.1.clone()),
            "CARE-BASIC" => made.iter().find(|m| m.0 == "CARE-PLUS").map(|m| m.1.clone()),
            _ => None,
        };
        let addon_ids = if sku.starts_with("CARE") { made.iter().filter(|m| m.0 == "BOOK").map(|m| m.1.clone()).collect() } else { vec![] };
        let input = ProductInput {
            sku: sku.to_string(),
            name: name.to_string(),
            description: None,
            category: Some(category.to_string()),
            interval: *interval,
            price_minor: *price,
            currency: "EUR".into(),
            upgrade_to_id,
            addon_ids,
        };
        made.push((sku.to_string(), products::insert(db, &input).await?));
    }
    // The add-on exists last: attach it to the care plans now.
    let book = made.iter().find(|m| m.0 == "BOOK").map(|m| m.1.clone()).unwrap_or_default();
    for (sku, id) in &made {
        if sku.starts_with("CARE") {
            let q = Query::insert().into_table("product_addons").columns(["product_id", "addon_id"]).values_panic([id.as_str().into(), book.as_str().into()]).to_owned();
            db.execute(&q).await?;
        }
    }
    products::list(db).await
}

pub(crate) async fn add(db: &DatabaseTransaction, now: DateTime<Utc>) -> CoreResult<()> {
    let mut rng = StdRng::seed_from_u64(0x5a1e);
    let cat = catalogue(db).await?;
    let p = |sku: &str| cat.iter().find(|x| x.sku == sku).expect("demo product").clone();
    let customers = ids(db, "SELECT id AS c0 FROM contacts WHERE deleted_at IS NULL AND lifecycle_stage IN ('retention', 'loyalty') ORDER BY created_at, id").await?;
    // The demo's customers already have their stage: its purchases must not move them (a
    // customer has one order, a loyal one several), so the loyalty rules rest meanwhile.
    let rules = orders::purchase_rules(db).await?;
    orders::set_purchase_rules(db, &PurchaseRules { loyal_after_orders: 0, loyal_on_referral: false, ..rules.clone() }).await?;
    // Won deals become their orders (dated when they were won).
    let won = crate::sqlite::packed_rows(db, "SELECT id AS c0, closed_at AS c1 FROM deals WHERE status = 'won' AND deleted_at IS NULL", 2).await?;
    for w in won {
        let at = crate::orders::time(w[1].clone()).unwrap_or(now - Duration::days(200));
        orders::from_deal(db, w[0].as_deref().unwrap_or_default(), at).await?;
    }
    // Two years of purchases: customers bought a project (most with a care plan); loyal
    // customers came back for a care plan and now and then a service.
    let buyers = crate::sqlite::packed_rows(
        db,
        "SELECT c.id AS c0, c.lifecycle_stage = 'loyalty' AS c1, (SELECT count(*) FROM orders o WHERE o.contact_id = c.id) AS c2 FROM contacts c \
         WHERE c.deleted_at IS NULL AND c.lifecycle_stage IN ('retention', 'loyalty') ORDER BY c.created_at, c.id",
        3,
    )
    .await?;
    for (i, b) in buyers.iter().enumerate() {
        let c = b[0].clone().unwrap_or_default();
        let loyal = b[1].as_deref() == Some("1");
        let had = b[2].as_deref().and_then(|n| n.parse::<u32>().ok()).unwrap_or(0);
        if !loyal && had > 0 {
            continue;
        }
        let mut when = now - Duration::days(rng.random_range(if loyal { 300..720 } else { 30..400 }));
        let buy = |lines: Vec<OrderLineInput>, at: DateTime<Utc>| OrderInput {
            contact_id: Some(c.clone()),
            company_id: None,
            deal_id: None,
            ordered_at: Some(at),
            currency: "EUR".into(),
            lines,
            note: None,
        };
        let plan = match i % 5 {
            0 => p("CARE-PLUS"),
            1 if i % 10 == 1 => p("CARE-PRO"),
            _ => p("CARE-BASIC"),
        };
        let mut plan_lines = vec![line(&plan)];
        if i % 6 == 0 {
            plan_lines.push(line(&p("BOOK")));
        }
        let project = if i % 3 == 0 { p("BRAND") } else { p("WEB") };
        if !loyal {
            let mut lines = vec![line(&project)];
            if i % 4 != 3 {
                lines.extend(plan_lines);
            }
            orders::insert(db, &buy(lines, when), now).await?;
            continue;
        }
        if had == 0 {
            orders::insert(db, &buy(vec![line(&project)], when), now).await?;
        }
        when += Duration::days(rng.random_range(10..40));
        orders::insert(db, &buy(plan_lines, when), now).await?;
        for _ in 0..rng.random_range(0..3) {
            when += Duration::days(rng.random_range(30..150));
            if when >= now {
                break;
            }
            let extra = if rng.random_bool(0.5) { p("SEO") } else { p("PHOTO") };
            orders::insert(db, &buy(vec![line(&extra)], when), now).await?;
        }
    }
    // Some customers cancelled their care plan; one order was refunded in part.
    let subs = ids(db, "SELECT id AS c0 FROM subscriptions ORDER BY started_at").await?;
    for s in subs.iter().step_by(7) {
        let q = Query::update().table("subscriptions").value("cancelled_at", now - Duration::days(rng.random_range(5..80))).and_where(Expr::col("id").eq(s.as_str())).to_owned();
        db.execute(&q).await?;
    }
    if let Some(o) = ids(db, "SELECT id AS c0 FROM orders WHERE total_minor >= 65000 ORDER BY ordered_at DESC LIMIT 1").await?.first() {
        let q = Query::update()
            .table("orders")
            .values([("refunded_minor", 15_000i64.into()), ("status", "partly_refunded".into()), ("note", "Refund of 150.00: one page was dropped from the scope.".into())])
            .and_where(Expr::col("id").eq(o.as_str()))
            .to_owned();
        db.execute(&q).await?;
    }
    onboarding_now(db, &cat, &customers, now).await?;
    support(db, &customers, now).await?;
    crate::demo_feedback::add(db, &customers, now).await?;
    orders::set_purchase_rules(db, &rules).await?;
    Ok(())
}

/// The website checklist, and two customers who bought this week working through it.
async fn onboarding_now(db: &DatabaseTransaction, cat: &[products::Product], customers: &[String], now: DateTime<Utc>) -> CoreResult<()> {
    let web = cat.iter().find(|x| x.sku == "WEB").expect("demo product");
    let care = cat.iter().find(|x| x.sku == "CARE-BASIC").expect("demo product");
    let item = |t: &str, d: i32| ChecklistItem { title: t.into(), offset_days: d };
    let website = vec![item("Send the welcome e-mail", 0), item("Kickoff call", 2), item("Collect texts and photos", 7), item("Training session: editing pages", 21), item("First check-in", 30)];
    onboarding::insert_template(db, &OnboardingTemplateInput { name: "Website launch".into(), product_id: Some(web.id.clone()), tier: None, active: true, items: website }).await?;
    let plan = vec![item("Set up monitoring and backups", 1), item("Monthly report walkthrough", 30)];
    onboarding::insert_template(db, &OnboardingTemplateInput { name: "Care plan start".into(), product_id: Some(care.id.clone()), tier: None, active: true, items: plan }).await?;
    // Every new customer gets their tier's welcome on their first purchase.
    for (tier, items) in [
        (TierId::A, vec![item("Personal welcome call", 0), item("Kickoff meeting", 2), item("First check-in", 14)]),
        (TierId::B, vec![item("Welcome e-mail", 0), item("Kickoff call", 3), item("First check-in", 30)]),
        (TierId::C, vec![item("Welcome e-mail", 0), item("Check-in e-mail", 30)]),
    ] {
        let name = format!("Welcome a new {} customer", tier.letter());
        onboarding::insert_template(db, &OnboardingTemplateInput { name, product_id: None, tier: Some(tier), active: true, items }).await?;
    }
    let leads = ids(db, "SELECT id AS c0 FROM contacts WHERE deleted_at IS NULL AND lifecycle_stage = 'conversion' ORDER BY created_at, id LIMIT 2").await?;
    for (k, c) in leads.iter().chain(customers.iter().take(2 - leads.len().min(2))).enumerate() {
        let at = now - Duration::days(if k == 0 { 4 } else { 1 });
        let input = OrderInput {
            contact_id: Some(c.clone()),
            company_id: None,
            deal_id: None,
            ordered_at: Some(at),
            currency: "EUR".into(),
            lines: vec![line(web), line(care)],
            note: Some("Signed after the proposal call.".into()),
        };
        let oid = orders::insert(db, &input, now).await?;
        // The first customer is past the welcome e-mail; the kickoff call is overdue.
        if k == 0 {
            let sql = format!(
                "SELECT a.id AS c0 FROM onboarding_items i JOIN onboardings o ON o.id = i.onboarding_id JOIN activities a ON a.id = i.activity_id \
                 WHERE o.order_id = {} AND a.subject = 'Send the welcome e-mail'",
                crate::criteria::lit(&oid)
            );
            for a in ids(db, &sql).await? {
                db.execute(&Query::update().table("activities").value("completed_at", at + Duration::hours(3)).and_where(Expr::col("id").eq(a)).to_owned()).await?;
            }
        }
    }
    Ok(())
}

/// Tickets in every state: answered in time and late, waiting on the customer, solved, closed;
/// one open past its target.
async fn support(db: &DatabaseTransaction, customers: &[String], now: DateTime<Utc>) -> CoreResult<()> {
    const TICKETS: &[(&str, TicketCategory, TicketPriority, TicketChannel, i64, &str)] = &[
        ("Contact form sends no e-mails", TicketCategory::Technical, TicketPriority::Urgent, TicketChannel::Email, 11_520, "open"),
        ("How do I add a new team member page?", TicketCategory::Question, TicketPriority::Normal, TicketChannel::Email, 50, "new"),
        ("Booking calendar shows the wrong time zone", TicketCategory::Technical, TicketPriority::High, TicketChannel::Phone, 2_880, "waiting"),
        ("Quarterly check-in", TicketCategory::Success, TicketPriority::Low, TicketChannel::InPerson, 28_800, "solved"),
        ("Invoice address change", TicketCategory::Question, TicketPriority::Low, TicketChannel::Email, 57_600, "closed"),
        ("Site slow on phones", TicketCategory::Technical, TicketPriority::High, TicketChannel::Chat, 86_400, "closed"),
        ("Photos for the spring menu", TicketCategory::Success, TicketPriority::Normal, TicketChannel::Email, 129_600, "solved"),
        ("Can we add a shop?", TicketCategory::Question, TicketPriority::Normal, TicketChannel::Web, 172_800, "closed"),
    ];
    for (k, (subject, category, priority, channel, minutes_ago, status)) in TICKETS.iter().enumerate() {
        let Some(c) = customers.get(k * 3 % customers.len().max(1)) else { break };
        let opened = now - Duration::minutes(*minutes_ago);
        let input = TicketInput {
            subject: subject.to_string(),
            description: Some("Reported by the customer.".into()),
            category: *category,
            priority: *priority,
            channel: *channel,
            contact_id: Some(c.clone()),
            company_id: None,
            opened_at: Some(opened),
        };
        let id = tickets::insert(db, &input, None, opened).await?;
        let note = |body: &str, public: bool, at: DateTime<Utc>| {
            Query::insert()
                .into_table("ticket_notes")
                .columns(["id", "ticket_id", "body", "public", "author", "created_at"])
                .values_panic([crate::common::new_id().into(), id.clone().into(), body.into(), public.into(), Some("Sam").into(), at.into()])
                .to_owned()
        };
        if *status != "new" {
            let answered = opened + Duration::minutes(if k == 0 { 10 } else { 45 });
            db.execute(&note("Thanks for telling us — looking into it now.", true, answered)).await?;
            db.execute(&note("Checked the logs; the mail relay rejected the sender.", false, answered + Duration::minutes(5))).await?;
            let mut q = Query::update();
            q.table("tickets").value("first_response_at", answered).value("status", *status).and_where(Expr::col("id").eq(id.as_str()));
            if matches!(*status, "solved" | "closed") {
                q.value("solved_at", answered + Duration::hours(6));
            }
            if *status == "closed" {
                q.value("closed_at", answered + Duration::days(3));
            }
            db.execute(&q).await?;
        }
    }
    Ok(())
}
