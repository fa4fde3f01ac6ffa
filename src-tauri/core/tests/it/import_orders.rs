//! Importing orders (Shopify-like lines, a Windows-1252 WooCommerce-like file) and survey answers:
//! orders put together from their lines wherever they are in the file, rejected rows with their
//! reasons, totals, lines, subscriptions, purchase figures and lifecycle after the import, no
//! onboarding for past purchases, re-importing (nothing new; a changed order updated), undo.

use crate::common::db;
use chrono::{DateTime, Duration, Utc};
use hearth_core::contacts::{self, ContactInput, EmailInput};
use hearth_core::import::{self, ImportKind, ImportOptions, ImportSummary, MatchBy, OnMatch, RowAction};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::onboarding::{self, ChecklistItem, OnboardingTemplateInput};
use hearth_core::orders::{self, OrderQuery, OrderStatus};
use hearth_core::products::{self, BillingInterval, ProductInput};
use hearth_core::DatabaseConnection;
use sea_orm::{ConnectionTrait, Statement};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get_by_index(0).unwrap()
}

async fn buyer(db: &DatabaseConnection, first: &str, email: &str) -> String {
    let mut c = ContactInput::named(first, "Buyer");
    c.emails = vec![EmailInput { email: email.into(), label: None, is_primary: true }];
    contacts::create(db, c).await.unwrap().id
}

async fn product(db: &DatabaseConnection, sku: &str, name: &str, price: i64, interval: Option<BillingInterval>) -> String {
    let p = ProductInput {
        sku: sku.into(),
        name: name.into(),
        description: None,
        category: None,
        interval,
        price_minor: price,
        currency: "EUR".into(),
        upgrade_to_id: None,
        addon_ids: vec![],
    };
    products::create(db, &p).await.unwrap().id
}

async fn stage(db: &DatabaseConnection, id: &str) -> LifecycleStage {
    contacts::get(db, id).await.unwrap().lifecycle_stage
}

async fn options(db: &DatabaseConnection, kind: ImportKind, path: &Path, on_match: OnMatch) -> ImportOptions {
    let info = import::open_file(db, kind, path, None).await.unwrap();
    ImportOptions {
        kind,
        path: path.display().to_string(),
        sheet: None,
        mapping: info.suggested,
        on_match,
        match_by: if kind == ImportKind::Orders { vec![MatchBy::ExternalId] } else { vec![] },
        tags: vec![],
    }
}

async fn run(db: &DatabaseConnection, kind: ImportKind, path: &Path, on_match: OnMatch) -> ImportSummary {
    let opts = options(db, kind, path, on_match).await;
    import::run(db, &opts, &|_| {}, &AtomicBool::new(false)).await.unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Shopify's order export: order-level cells on an order's first line only; #1002's second line
/// further down; five orders with problems.
const SHOPIFY: &str = "\u{feff}Name,Email,Financial Status,Paid at,Currency,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Discount Amount,Refunded Amount,Billing Company\r\n\
#1001,ann@example.com,paid,,EUR,2025-01-10 10:00:00 +0100,1,Pro plan,29.00,PLAN-M,,,\r\n\
#1001,,,,,,2,Mug,12.00,MUG,,,\r\n\
#1002,bob@example.com,paid,,EUR,2025-02-01 09:00:00 +0000,1,Mug,12.00,MUG,,,\r\n\
#1003,ann@example.com,partially_refunded,,EUR,2025-03-05 12:00,3,Mug,12.00,MUG,,6.00,\r\n\
#1003,,,,,,1,Gift wrap,2.50,,,,\r\n\
#1004,carl@example.com,paid,,EUR,2025-03-10,-1,Mug,12.00,MUG,,,\r\n\
#1005,nobody@example.com,paid,,EUR,2025-03-11,1,Mug,12.00,MUG,,,\r\n\
#1006,bob@example.com,paid,,EUR,2025-04-01,1,Mug,12.00,MUG,,,\r\n\
#1006,,,,USD,,1,Mug,12.00,MUG,,,\r\n\
#1007,carl@example.com,paid,,EUR,31/02/2025,1,Mug,12.00,MUG,,,\r\n\
#1002,,,,,,1,Pro plan,29.00,PLAN-M,,,\r\n\
#1008,ann@example.com,refunded,,EUR,2025-05-01,1,Mug,12.00,MUG,,,\r\n\
#1009,carl@example.com,paid,,EUR,2025-05-02,1,Mug,12.00,MUG,,50.00,\r\n";

struct Shop {
    ann: String,
    bob: String,
    carl: String,
}

async fn shop(db: &DatabaseConnection) -> Shop {
    let plan = product(db, "PLAN-M", "Pro plan", 2_900, Some(BillingInterval::Month)).await;
    product(db, "MUG", "Mug", 1_200, None).await;
    // A checklist for the plan: a live order of it would start one, an imported one must not.
    let t = OnboardingTemplateInput {
        name: "Pro welcome".into(),
        product_id: Some(plan),
        tier: None,
        active: true,
        items: vec![ChecklistItem { title: "Kickoff call".into(), offset_days: 2 }],
    };
    onboarding::create_template(db, &t).await.unwrap();
    Shop { ann: buyer(db, "Ann", "ann@example.com").await, bob: buyer(db, "Bob", "bob@example.com").await, carl: buyer(db, "Carl", "carl@example.com").await }
}

async fn by_number(db: &DatabaseConnection) -> Vec<orders::Order> {
    let page = orders::list(db, &OrderQuery { limit: Some(100), ..Default::default() }).await.unwrap();
    let mut out = Vec::new();
    for s in page.items.iter().rev() {
        out.push(orders::get(db, &s.id).await.unwrap());
    }
    out
}

#[tokio::test]
async fn import_orders_from_a_shopify_export_then_again_then_undo() {
    let db = db().await;
    let s = shop(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "orders_export.csv", SHOPIFY);

    let info = import::open_file(&db, ImportKind::Orders, &path, None).await.unwrap();
    assert_eq!(info.looks_like.as_deref(), Some("Shopify"));
    let mapped: Vec<(String, String)> = info
        .suggested
        .columns
        .iter()
        .filter_map(|c| match &c.target {
            import::Target::Field { field } => Some((c.header.clone(), field.clone())),
            _ => None,
        })
        .collect();
    for (h, f) in [("Name", "order_number"), ("Email", "contact_email"), ("Created at", "ordered_at"), ("Lineitem sku", "sku"), ("Lineitem quantity", "quantity"), ("Refunded Amount", "refunded"), ("Billing Company", "company")] {
        assert!(mapped.contains(&(h.to_string(), f.to_string())), "{h} → {f} in {mapped:?}");
    }

    // The preview: every row's action, nothing written.
    let opts = options(&db, ImportKind::Orders, &path, OnMatch::Update).await;
    let p = import::preview(&db, &opts).await.unwrap();
    assert_eq!((p.counts.create, p.counts.update, p.counts.skip, p.counts.reject), (7, 0, 0, 6), "{:?}", p.rows);
    assert!(p.warnings.iter().any(|w| w.contains("13 rows hold the lines of 9 orders")), "{:?}", p.warnings);
    let row = |n: u32| p.rows.iter().find(|r| r.row_number == n).unwrap();
    assert_eq!(row(11).action, RowAction::Create, "a later line of #1002");
    assert!(row(5).issues.iter().any(|i| i.message.contains("“Gift wrap” is not in the catalogue")), "a warning on a line still imported");
    assert_eq!(scalar(&db, "SELECT count(*) FROM orders").await, 0);

    let sum = run(&db, ImportKind::Orders, &path, OnMatch::Update).await;
    assert_eq!((sum.counts.create, sum.counts.update, sum.counts.skip, sum.counts.reject), (7, 0, 0, 6));
    let reason = |n: u32| sum.rejected.iter().find(|r| r.row_number == n).map(|r| r.reason.clone()).unwrap_or_default();
    assert!(reason(6).contains("A quantity is at least 1"), "{}", reason(6));
    assert!(reason(7).contains("No contact has the e-mail nobody@example.com") && reason(7).contains("import the contacts first"), "{}", reason(7));
    assert!(reason(9).contains("Mixed currencies: order #1006 is in EUR (row 8) but this line is in USD"), "{}", reason(9));
    assert!(reason(8).contains("Order #1006 is not imported (row 9"), "the other line of that order: {}", reason(8));
    assert!(reason(10).contains("31/02/2025 is not a date"), "{}", reason(10));
    assert!(reason(13).contains("refunds 50.00 EUR but its lines come to 12.00 EUR"), "{}", reason(13));

    // The orders, their totals and lines.
    let all = by_number(&db).await;
    assert_eq!(all.len(), 4);
    let ids: Vec<String> = all.iter().map(|o| o.summary.id.clone()).collect();
    let mut by_ext = std::collections::HashMap::new();
    for id in &ids {
        let e: String = db
            .query_one_raw(Statement::from_sql_and_values(db.get_database_backend(), "SELECT external_id FROM orders WHERE id = ?", [id.clone().into()]))
            .await
            .unwrap()
            .unwrap()
            .try_get_by_index(0)
            .unwrap();
        by_ext.insert(e, all.iter().find(|o| &o.summary.id == id).unwrap().clone());
    }
    let o1 = &by_ext["#1001"];
    assert_eq!(o1.summary.ordered_at, at("2025-01-10T09:00:00Z"), "the offset read");
    assert_eq!((o1.summary.total_minor, o1.summary.currency.as_str(), o1.summary.status), (5_300, "EUR", OrderStatus::Paid));
    assert_eq!(o1.lines.iter().map(|l| (l.name.as_str(), l.quantity, l.total_minor, l.product.is_some())).collect::<Vec<_>>(), [("Pro plan", 1, 2_900, true), ("Mug", 2, 2_400, true)]);
    assert_eq!(o1.summary.contact.as_ref().unwrap().id, s.ann);
    let o2 = &by_ext["#1002"];
    assert_eq!((o2.lines.len(), o2.summary.total_minor), (2, 4_100), "its lines from rows 3 and 11");
    let o3 = &by_ext["#1003"];
    assert_eq!((o3.summary.total_minor, o3.summary.refunded_minor, o3.summary.status), (3_850, 600, OrderStatus::PartlyRefunded));
    assert!(o3.lines[1].product.is_none() && o3.lines[1].name == "Gift wrap", "kept as text");
    let o8 = &by_ext["#1008"];
    assert_eq!((o8.summary.refunded_minor, o8.summary.status), (1_200, OrderStatus::Refunded));
    let numbers: Vec<u32> = ["#1001", "#1002", "#1003", "#1008"].iter().map(|k| by_ext[*k].summary.number).collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "numbered in date order: {numbers:?}");

    // Subscriptions: one per buyer of the plan (Ann's from January, Bob's from February).
    let subs = (orders::purchases(&db, &s.ann, false).await.unwrap().subscriptions, orders::purchases(&db, &s.bob, false).await.unwrap().subscriptions);
    assert_eq!((subs.0.len(), subs.1.len()), (1, 1));
    assert_eq!(subs.0[0].started_at, at("2025-01-10T09:00:00Z"));
    assert!(subs.0[0].renews_at.unwrap() > Utc::now() && subs.0[0].cancelled_at.is_none());

    // Figures and lifecycle: Ann has two paid orders (the refunded one does not count) → loyal.
    let ann = orders::purchases(&db, &s.ann, false).await.unwrap();
    assert_eq!((ann.orders, ann.first_at, ann.last_at), (2, Some(at("2025-01-10T09:00:00Z")), Some(at("2025-03-05T12:00:00Z"))));
    assert_eq!(ann.spent.iter().map(|a| (a.currency.as_str(), a.amount_minor)).collect::<Vec<_>>(), [("EUR", 5_300 + 3_850 - 600)]);
    assert_eq!(orders::purchases(&db, &s.bob, false).await.unwrap().orders, 1);
    assert_eq!(stage(&db, &s.ann).await, LifecycleStage::Loyalty);
    assert_eq!(stage(&db, &s.bob).await, LifecycleStage::Retention);
    assert_eq!(stage(&db, &s.carl).await, LifecycleStage::Reach, "all of Carl's orders were rejected");
    let moves = format!("SELECT count(*) FROM lifecycle_changes WHERE contact_id = '{}' AND to_stage IN ('retention', 'loyalty')", s.ann);
    assert_eq!(scalar(&db, &moves).await, 2, "the lifecycle changes are recorded");
    assert_eq!(scalar(&db, "SELECT count(*) FROM customer_stats").await, 2);
    // No onboarding for past purchases.
    assert_eq!(scalar(&db, "SELECT count(*) FROM onboardings").await, 0);
    assert_eq!(scalar(&db, "SELECT count(*) FROM activities").await, 0, "no checklist tasks");

    // The same file again: nothing new (every order unchanged: skipped), rejected rows again.
    let again = run(&db, ImportKind::Orders, &path, OnMatch::Update).await;
    assert_eq!((again.counts.create, again.counts.update, again.counts.skip, again.counts.reject), (0, 0, 7, 6));
    assert_eq!(scalar(&db, "SELECT count(*) FROM orders").await, 4);
    assert_eq!(scalar(&db, "SELECT count(*) FROM subscriptions").await, 2);

    // A changed file: #1002 refunded since. Its two rows update the order; its subscription ends.
    let changed = SHOPIFY.replace("#1002,bob@example.com,paid,", "#1002,bob@example.com,refunded,");
    let changed_path = write(&dir, "orders_later.csv", changed);
    let skip = run(&db, ImportKind::Orders, &changed_path, OnMatch::Skip).await;
    assert_eq!((skip.counts.update, skip.counts.skip), (0, 7), "the skip rule leaves it alone");
    let upd = run(&db, ImportKind::Orders, &changed_path, OnMatch::Update).await;
    assert_eq!((upd.counts.create, upd.counts.update, upd.counts.skip), (0, 2, 5));
    let o2 = orders::get(&db, &o2.summary.id).await.unwrap();
    assert_eq!((o2.summary.status, o2.summary.refunded_minor), (OrderStatus::Refunded, 4_100));
    assert!(o2.subscriptions[0].cancelled_at.is_some());
    assert_eq!(orders::purchases(&db, &s.bob, false).await.unwrap().orders, 0);
    import::undo(&db, &upd.import_id).await.unwrap();
    let o2 = orders::get(&db, &o2.summary.id).await.unwrap();
    assert_eq!((o2.summary.status, o2.summary.refunded_minor, o2.lines.len()), (OrderStatus::Paid, 0, 2), "back as it was");
    assert!(o2.subscriptions[0].cancelled_at.is_none());
    assert_eq!(orders::purchases(&db, &s.bob, false).await.unwrap().orders, 1);

    // Undo the first import: its orders, lines and subscriptions go; figures and stages follow.
    let undone = import::undo(&db, &sum.import_id).await.unwrap();
    assert_eq!(undone.status, import::ImportStatus::Undone);
    for t in ["orders", "order_lines", "subscriptions", "customer_stats"] {
        assert_eq!(scalar(&db, &format!("SELECT count(*) FROM {t}")).await, 0, "{t}");
    }
    assert_eq!(orders::purchases(&db, &s.ann, false).await.unwrap().orders, 0);
    assert_eq!(stage(&db, &s.ann).await, LifecycleStage::Reach);
    assert_eq!(stage(&db, &s.bob).await, LifecycleStage::Reach);
    assert_eq!(scalar(&db, &moves).await, 0, "the lifecycle changes are taken back");
    assert!(import::undo(&db, &sum.import_id).await.is_err(), "undone once");
    // The file imports again as new.
    let fresh = run(&db, ImportKind::Orders, &path, OnMatch::Update).await;
    assert_eq!((fresh.counts.create, fresh.counts.reject), (7, 6));
}

/// Windows-1252 bytes for text in Latin-1 (and the euro sign).
fn cp1252(s: &str) -> Vec<u8> {
    s.chars().map(|c| if c == '€' { 0x80 } else { u8::try_from(c as u32).expect("Latin-1") }).collect()
}

#[tokio::test]
async fn a_windows_1252_woocommerce_export_with_decimal_commas() {
    let db = db().await;
    let s = shop(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let text = "Order Number;Order Date;Billing Email Address;Item Name;SKU;Quantity;Item Cost;Discount;Order Status;Order Currency\r\n\
        W-77;15.06.2025;carl@example.com;Crème brûlée (à emporter);;2;4,50;10%;completed;EUR\r\n\
        W-77;15.06.2025;carl@example.com;Mug;MUG;1;12,00 €;;completed;EUR\r\n\
        W-78;16.06.2025;carl@example.com;Café crème;;1;3,20;;on-hold;EUR\r\n";
    let path = write(&dir, "woo.csv", cp1252(text));
    let info = import::open_file(&db, ImportKind::Orders, &path, None).await.unwrap();
    assert_eq!(info.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(info.looks_like.as_deref(), Some("WooCommerce"));
    let sum = run(&db, ImportKind::Orders, &path, OnMatch::Update).await;
    assert_eq!((sum.counts.create, sum.counts.reject), (2, 1), "{:?}", sum.rejected);
    assert!(sum.rejected[0].reason.contains("Order W-78 is “on-hold”: only paid orders are imported"), "{}", sum.rejected[0].reason);
    let carl = orders::purchases(&db, &s.carl, false).await.unwrap();
    assert_eq!(carl.orders, 1);
    let o = orders::get(&db, &carl.recent[0].id).await.unwrap();
    assert_eq!(o.lines[0].name, "Crème brûlée (à emporter)");
    assert_eq!((o.lines[0].unit_price_minor, o.lines[0].discount_percent, o.lines[0].total_minor), (450, 10, 810));
    assert_eq!((o.summary.total_minor, o.summary.ordered_at), (810 + 1_200, at("2025-06-15T00:00:00Z")));
    assert_eq!(stage(&db, &s.carl).await, LifecycleStage::Retention);
}

#[tokio::test]
async fn an_orders_file_needs_a_number_a_date_and_an_item() {
    let db = db().await;
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "bad.csv", "Email,Total\nann@example.com,12\n");
    let opts = options(&db, ImportKind::Orders, &path, OnMatch::Update).await;
    let p = import::preview(&db, &opts).await.unwrap();
    let missing: Vec<&str> = p.missing_required.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(missing, ["Order number", "Order date", "Product or SKU"]);
    assert!(import::run(&db, &opts, &|_| {}, &AtomicBool::new(false)).await.is_err());
}

#[tokio::test]
async fn survey_answers_recent_ones_follow_up_old_ones_do_not() {
    let db = db().await;
    let ann = buyer(&db, "Ann", "ann@example.com").await;
    let bob = buyer(&db, "Bob", "bob@example.com").await;
    let dir = tempfile::tempdir().unwrap();
    let day = |d: i64| (Utc::now() - Duration::days(d)).format("%Y-%m-%d").to_string();
    let text = format!(
        "Email,Survey,Score,Comment,Date\n\
         ann@example.com,nps,9,Love it,{}\n\
         ann@example.com,csat,2,Slow delivery,{}\n\
         bob@example.com,csat,1,Never again,2024-03-01\n\
         bob@example.com,nps,11,,{}\n\
         nobody@example.com,nps,5,,{}\n\
         bob@example.com,sus,5,,{}\n",
        day(2),
        day(5),
        day(1),
        day(1),
        day(1)
    );
    let path = write(&dir, "answers.csv", text);
    let sum = run(&db, ImportKind::SurveyResponses, &path, OnMatch::Update).await;
    assert_eq!((sum.counts.create, sum.counts.reject), (3, 3), "{:?}", sum.rejected);
    let reason = |n: u32| sum.rejected.iter().find(|r| r.row_number == n).map(|r| r.reason.clone()).unwrap_or_default();
    assert!(reason(4).contains("A NPS score is from 0 to 10 (11 given)"), "{}", reason(4));
    assert!(reason(5).contains("No contact has the e-mail nobody@example.com"), "{}", reason(5));
    assert!(reason(6).contains("“sus” is not a survey"), "{}", reason(6));
    // Recent: Ann's low CSAT opened a ticket, her NPS 9 asked for a review (a task); Bob's old 1 set off nothing.
    assert_eq!(scalar(&db, "SELECT count(*) FROM tickets").await, 1);
    assert_eq!(scalar(&db, &format!("SELECT count(*) FROM activities WHERE contact_id = '{ann}' AND kind = 'task'")).await, 1);
    assert_eq!(scalar(&db, &format!("SELECT count(*) FROM activities WHERE contact_id = '{bob}'")).await, 0);
    let bobs = hearth_core::surveys::of_contact(&db, &bob).await.unwrap();
    assert_eq!((bobs.csat, bobs.responses[0].follow_up.clone(), bobs.responses[0].source.as_str()), (Some(1), None, "import"));

    let again = run(&db, ImportKind::SurveyResponses, &path, OnMatch::Update).await;
    assert_eq!((again.counts.create, again.counts.skip, again.counts.reject), (0, 3, 3), "recorded already");

    import::undo(&db, &sum.import_id).await.unwrap();
    assert_eq!(scalar(&db, "SELECT count(*) FROM survey_responses").await, 0);
    assert_eq!(scalar(&db, "SELECT count(*) FROM tickets").await, 0);
    assert_eq!(scalar(&db, "SELECT count(*) FROM activities WHERE deleted_at IS NULL").await, 0, "the task is in the trash");
}

/// Each order as comparable values (ids and numbers aside).
async fn order_keys(db: &DatabaseConnection) -> Vec<String> {
    let mut out = Vec::new();
    for o in by_number(db).await {
        let buyer = o.summary.contact.as_ref().map(|c| c.name.clone());
        let lines: Vec<String> = o
            .lines
            .iter()
            .map(|l| format!("{}|{:?}|{}|{}|{}|{}", l.name, l.product.as_ref().map(|p| &p.name), l.quantity, l.unit_price_minor, l.discount_percent, l.total_minor))
            .collect();
        out.push(format!(
            "{:?}|{}|{}|{}|{}|{:?}|{:?}|{lines:?}",
            buyer, o.summary.ordered_at, o.summary.currency, o.summary.total_minor, o.summary.refunded_minor, o.summary.status, o.note
        ));
    }
    out.sort();
    out
}

#[tokio::test]
async fn exported_orders_import_back_as_the_same_orders() {
    let a = db().await;
    shop(&a).await;
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "orders_export.csv", SHOPIFY.replace("#1001,ann@example.com,paid,,EUR,2025-01-10 10:00:00 +0100,1,Pro plan,29.00,PLAN-M,,,", "#1001,ann@example.com,paid,,EUR,2025-01-10 10:00:00 +0100,1,Pro plan,29.00,PLAN-M,10%,,"));
    let first = run(&a, ImportKind::Orders, &path, OnMatch::Update).await;
    assert_eq!(first.counts.create, 7);
    let csv = dir.path().join("orders.csv");
    let list = hearth_core::export::ExportList::Orders { query: OrderQuery::default() };
    let s = hearth_core::export::export_list(&a, &list, hearth_core::export::ExportFormat::Csv, &csv).await.unwrap();
    assert_eq!(s.rows, 7, "a row per line");
    let info = import::open_file(&a, ImportKind::Orders, &csv, None).await.unwrap();
    assert!(info.suggested.columns.iter().all(|c| c.target != import::Target::Ignore), "every exported column maps: {:?}", info.suggested);

    let b = db().await;
    shop(&b).await;
    let back = run(&b, ImportKind::Orders, &csv, OnMatch::Update).await;
    assert!(back.rejected.is_empty(), "{:?}", back.rejected);
    assert_eq!(back.counts.create, 7);
    let (ka, kb) = (order_keys(&a).await, order_keys(&b).await);
    assert_eq!(ka.len(), 4);
    assert_eq!(ka, kb);
    // Into the database it came from: the same orders (by their numbers), nothing changes.
    let again = run(&a, ImportKind::Orders, &csv, OnMatch::Update).await;
    assert_eq!((again.counts.create, again.counts.update, again.counts.skip), (0, 0, 7));
}
