//! `paid_orders` (each paid order with the buyer's previous one, in its currency and in any):
//! kept equal to a recount through every kind of order write, undo, merge and erasure, and
//! filled by the migration on an existing database.

use crate::common::db;
use crate::reports_fixture::exec;
use crate::orders::{add_product, line, order, person};
use hearth_core::duplicates::{self, MergeInput, RecordKind};
use hearth_core::orders::{self, OrderInput, OrderLineInput};
use hearth_core::{history, privacy, sqlite, DatabaseConnection};
use hearth_migrations::{Migrator, MigratorTrait};

/// The rows of `paid_orders` that differ from a recount (in both directions), worked out with
/// correlated look-ups instead of the window functions the domain uses.
async fn recount_differs(db: &DatabaseConnection) -> Vec<Vec<Option<String>>> {
    let want = "SELECT o.id AS a, o.contact_id AS b, o.currency AS c, o.ordered_at AS d, \
         (SELECT max(x.ordered_at) FROM orders x WHERE x.contact_id = o.contact_id AND x.currency = o.currency AND x.status <> 'refunded' \
            AND (x.ordered_at < o.ordered_at OR (x.ordered_at = o.ordered_at AND x.id < o.id))) AS e, \
         (SELECT max(x.ordered_at) FROM orders x WHERE x.contact_id = o.contact_id AND x.status <> 'refunded' \
            AND (x.ordered_at < o.ordered_at OR (x.ordered_at = o.ordered_at AND x.id < o.id))) AS f, \
         o.total_minor - o.refunded_minor AS g FROM orders o WHERE o.contact_id IS NOT NULL AND o.status <> 'refunded'";
    let kept = "SELECT order_id, contact_id, currency, ordered_at, previous_at, previous_any_at, net_minor FROM paid_orders";
    let sql = format!(
        "SELECT 'missing' AS c0, a AS c1 FROM ({want} EXCEPT {kept}) UNION ALL SELECT 'extra', order_id FROM ({kept} EXCEPT {want})"
    );
    sqlite::packed_rows(db, &sql, 2).await.unwrap()
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    sqlite::packed_rows(db, &format!("SELECT ({sql}) AS c0"), 1).await.unwrap()[0][0].as_deref().unwrap().parse().unwrap()
}

/// The order in pounds, its line a free one (the catalogue's mug is priced in euros).
fn in_gbp(o: OrderInput) -> OrderInput {
    let lines = o.lines.iter().map(|l| OrderLineInput { product_id: None, ..l.clone() }).collect();
    OrderInput { currency: "GBP".into(), lines, ..o }
}

#[tokio::test]
async fn the_kept_paid_orders_follow_every_order_write() {
    let db = db().await;
    let (jane, bob) = (person(&db, "Jane").await, person(&db, "Bob").await);
    let mug = add_product(&db, "MUG", "Mug", 1_500, None).await;
    let buy = |who: &str, when: &str| order(who, when, vec![line(&mug, "Mug", 1, 1_500)]);
    let mut ids = Vec::new();
    for o in [
        buy(&jane, "2026-01-05T10:00:00Z"),
        buy(&jane, "2026-03-01T10:00:00Z"),
        buy(&jane, "2026-03-01T10:00:00Z"), // the same moment: still one before the other
        in_gbp(buy(&jane, "2026-02-01T10:00:00Z")),
        buy(&bob, "2026-02-10T10:00:00Z"),
    ] {
        ids.push(orders::create(&db, &o).await.unwrap().summary.id);
        assert_eq!(recount_differs(&db).await, Vec::<Vec<Option<String>>>::new());
    }
    assert_eq!(count(&db, "SELECT count(*) FROM paid_orders").await, 5);
    assert_eq!(count(&db, "SELECT count(*) FROM paid_orders WHERE previous_at IS NULL").await, 3, "Jane's first EUR and GBP orders, Bob's first");
    assert_eq!(count(&db, "SELECT count(*) FROM paid_orders WHERE previous_any_at IS NULL").await, 2, "Jane's first order, Bob's first");

    orders::refund(&db, &ids[1], 500, None).await.unwrap();
    assert_eq!(recount_differs(&db).await, Vec::<Vec<Option<String>>>::new(), "a partial refund lowers the net");
    orders::refund(&db, &ids[0], 1_500, None).await.unwrap();
    assert_eq!(recount_differs(&db).await, Vec::<Vec<Option<String>>>::new(), "a fully refunded order leaves; the next one's previous changes");
    assert_eq!(count(&db, "SELECT count(*) FROM paid_orders").await, 4);
    orders::delete(&db, &ids[2]).await.unwrap();
    assert_eq!(recount_differs(&db).await, Vec::<Vec<Option<String>>>::new(), "after a delete");
    history::undo_last(&db).await.unwrap();
    assert_eq!(recount_differs(&db).await, Vec::<Vec<Option<String>>>::new(), "after undoing the delete");
    assert_eq!(count(&db, "SELECT count(*) FROM paid_orders").await, 4);

    duplicates::merge(&db, &MergeInput { kind: RecordKind::Contact, survivor_id: jane.clone(), merged_ids: vec![bob.clone()], choices: vec![] }).await.unwrap();
    assert_eq!(recount_differs(&db).await, Vec::<Vec<Option<String>>>::new(), "a merge moves Bob's order to Jane");
    assert_eq!(count(&db, &format!("SELECT count(*) FROM paid_orders WHERE contact_id = '{bob}'")).await, 0);
    history::undo_last(&db).await.unwrap();
    assert_eq!(recount_differs(&db).await, Vec::<Vec<Option<String>>>::new(), "undoing the merge gives it back");
    assert_eq!(count(&db, &format!("SELECT count(*) FROM paid_orders WHERE contact_id = '{bob}'")).await, 1);

    privacy::erase_contact(&db, &jane).await.unwrap();
    assert_eq!(recount_differs(&db).await, Vec::<Vec<Option<String>>>::new(), "an erased buyer's orders are kept without a buyer");
    assert_eq!(count(&db, "SELECT count(*) FROM paid_orders").await, 1);
    for table in ["customer_revenue", "customer_stats"] {
        assert_eq!(count(&db, &format!("SELECT count(*) FROM {table} WHERE contact_id = '{jane}'")).await, 0, "{table} forgets the erased buyer");
    }
}

#[tokio::test]
async fn upgrading_a_database_with_orders_fills_the_paid_orders() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite::open_file(&dir.path().join("hearth.db")).await.unwrap();
    let version = hearth_migrations::schema_version() as u32 - 1;
    Migrator::up(&db, Some(version)).await.unwrap();
    let t = "2026-01-01T00:00:00+00:00";
    exec(&db, &format!("INSERT INTO contacts (id, first_name, last_name, lifecycle_stage, created_at, updated_at) VALUES ('ct-1', 'Ada', 'Old', 'retention', '{t}', '{t}')")).await;
    for (i, (when, status, cur)) in [("2025-01-01", "paid", "EUR"), ("2025-06-01", "refunded", "EUR"), ("2025-09-01", "paid", "EUR"), ("2025-10-01", "paid", "USD")].iter().enumerate() {
        exec(
            &db,
            &format!(
                "INSERT INTO orders (id, number, contact_id, ordered_at, status, currency, total_minor, refunded_minor, created_at, updated_at) \
                 VALUES ('o{i}', {i}, 'ct-1', '{when}T10:00:00+00:00', '{status}', '{cur}', 1000, {}, '{t}', '{t}')",
                if *status == "refunded" { 1000 } else { 0 }
            ),
        )
        .await;
    }
    Migrator::up(&db, None).await.unwrap();
    assert_eq!(recount_differs(&db).await, Vec::<Vec<Option<String>>>::new());
    let rows = sqlite::packed_rows(&db, "SELECT order_id AS c0, previous_at AS c1, previous_any_at AS c2 FROM paid_orders ORDER BY order_id", 3).await.unwrap();
    let prev = |r: &Vec<Option<String>>, i: usize| r[i].as_deref().map(|s| s[..10].to_string());
    assert_eq!(rows.iter().map(|r| (r[0].clone().unwrap(), prev(r, 1), prev(r, 2))).collect::<Vec<_>>(), [
        ("o0".to_string(), None, None),
        ("o2".to_string(), Some("2025-01-01".to_string()), Some("2025-01-01".to_string())),
        ("o3".to_string(), None, Some("2025-09-01".to_string())),
    ]);
}
