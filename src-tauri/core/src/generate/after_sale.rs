//! Generated purchases and service (generator v5): a catalogue of four plan ladders (Basic →
//! Plus → Pro, monthly) with an add-on each and ten one-off products; two orders per contact
//! on average (200k at 100k contacts), bought by the customers and loyal customers (loyal ones
//! more often), with products drawn so that some go together (each ladder has companion
//! products bought more often by its owners: association rules worth finding); subscriptions
//! for plans, a few cancelled, a few refunds; the per-contact purchase figures; a ticket per
//! twenty contacts (open ones with targets, some past them); NPS and CSAT answers from a fifth
//! of the customers.

use super::Batch;
use crate::bulk::v;
use crate::common::new_id;
use crate::error::CoreResult;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use sea_orm::ConnectionTrait;

struct Item {
    id: String,
    name: String,
    price: i64,
    plan: bool,
}

async fn catalogue<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> CoreResult<(Vec<Vec<Item>>, Vec<Item>)> {
    let mut products = Batch::new("products", &["id", "sku", "name", "category", "kind", "billing_interval", "price_minor", "currency", "upgrade_to_id", "created_at", "updated_at"]);
    let mut addons = Batch::new("product_addons", &["product_id", "addon_id"]);
    let mut ladders = Vec::new();
    for (l, line) in ["Hosting", "Support", "Marketing", "Analytics"].iter().enumerate() {
        let mut ladder: Vec<Item> = Vec::new();
        let addon = Item { id: new_id(), name: format!("{line} add-on"), price: 900 + 100 * l as i64, plan: true };
        for (k, tier) in ["Basic", "Plus", "Pro"].iter().enumerate().rev() {
            let id = new_id();
            let next = ladder.last().map(|x: &Item| x.id.clone());
            let price = (1_900 + 1_000 * l as i64) * [1, 2, 4][k];
            products
                .push(db, vec![v(id.clone()), v(format!("{}-{}", &line[..3].to_uppercase(), &tier[..2].to_uppercase())), v(format!("{line} {tier}")), v(*line), v("recurring"), v("month"), v(price), v("EUR"), v(next), v(now), v(now)])
                .await?;
            addons.push(db, vec![v(id.clone()), v(addon.id.clone())]).await?;
            ladder.push(Item { id, name: format!("{line} {tier}"), price, plan: true });
        }
        products.push(db, vec![v(addon.id.clone()), v(format!("{}-ADD", &line[..3].to_uppercase())), v(addon.name.clone()), v("Add-ons"), v("recurring"), v("month"), v(addon.price), v("EUR"), v(None::<String>), v(now), v(now)]).await?;
        ladder.reverse();
        ladder.push(addon);
        ladders.push(ladder);
    }
    let mut one_offs = Vec::new();
    for k in 0..10 {
        let id = new_id();
        let price = 4_900 + 7_500 * k as i64;
        products.push(db, vec![v(id.clone()), v(format!("ONE-{k:02}")), v(format!("Service pack {}", k + 1)), v("Services"), v("one_off"), v(None::<String>), v(price), v("EUR"), v(None::<String>), v(now), v(now)]).await?;
        one_offs.push(Item { id, name: format!("Service pack {}", k + 1), price, plan: false });
    }
    products.flush(db).await?;
    addons.flush(db).await?;
    Ok((ladders, one_offs))
}

/// How many orders were written.
pub(super) async fn write<C: ConnectionTrait>(db: &C, rng: &mut ChaCha8Rng, contacts: u32, now: DateTime<Utc>, start: DateTime<Utc>) -> CoreResult<u32> {
    let (ladders, one_offs) = catalogue(db, now).await?;
    let buyers = crate::sqlite::packed_rows(db, "SELECT id AS c0, lifecycle_stage = 'loyalty' AS c1, company_id AS c2 FROM contacts WHERE lifecycle_stage IN ('retention', 'loyalty') ORDER BY rowid", 3).await?;
    if buyers.is_empty() {
        return Ok(0);
    }
    // Lines and orders go in separate batches: the keys are checked at commit.
    db.execute_unprepared("PRAGMA defer_foreign_keys = ON").await?;
    let target = contacts as usize * 2;
    let mut orders = Batch::new("orders", &["id", "number", "contact_id", "company_id", "ordered_at", "status", "currency", "total_minor", "refunded_minor", "created_at", "updated_at"]);
    let mut lines = Batch::new("order_lines", &["id", "order_id", "product_id", "name", "quantity", "unit_price_minor", "discount_percent", "total_minor", "position"]);
    let mut subs = Batch::new("subscriptions", &["id", "order_id", "contact_id", "company_id", "product_id", "started_at", "renews_at", "cancelled_at", "created_at", "updated_at"]);
    let mut number = 0u32;
    let span = (now - start).num_days().max(1);
    // Loyal customers buy about three times as often.
    let weight: usize = buyers.iter().map(|b| if b[1].as_deref() == Some("1") { 3 } else { 1 }).sum();
    for b in &buyers {
        let share = if b[1].as_deref() == Some("1") { 3 } else { 1 };
        let n = ((target * share) as f64 / weight as f64 + rng.random::<f64>()).floor() as usize;
        let n = n.max(1);
        let ladder = &ladders[rng.random_range(0..ladders.len())];
        let companion = &one_offs[(ladders.iter().position(|l| std::ptr::eq(l, ladder)).unwrap_or(0) * 2) % one_offs.len()];
        let mut day = rng.random_range(0..span);
        let mut has_plan = false;
        for k in 0..n {
            number += 1;
            let id = new_id();
            let at = start + Duration::days(day) + Duration::minutes(rng.random_range(0..1440));
            let mut picks: Vec<&Item> = Vec::new();
            if k == 0 {
                picks.push(&ladder[rng.random_range(0..2)]);
            } else if rng.random_bool(0.45) {
                picks.push(companion);
            } else if rng.random_bool(0.2) {
                picks.push(&ladder[3]);
            } else {
                picks.push(&one_offs[rng.random_range(0..one_offs.len())]);
            }
            if rng.random_bool(0.15) {
                picks.push(&one_offs[rng.random_range(0..one_offs.len())]);
            }
            let mut total = 0i64;
            for (pos, item) in picks.iter().enumerate() {
                let qty = if item.plan { 1 } else { rng.random_range(1..3) };
                let line_total = item.price * qty as i64;
                total += line_total;
                lines.push(db, vec![v(new_id()), v(id.clone()), v(item.id.clone()), v(item.name.clone()), v(qty), v(item.price), v(0), v(line_total), v(pos as i32)]).await?;
                if item.plan && !has_plan {
                    has_plan = true;
                    let cancelled = rng.random_bool(0.15).then(|| at + Duration::days(rng.random_range(30..400))).filter(|c| *c < now);
                    subs.push(db, vec![v(new_id()), v(id.clone()), v(b[0].clone()), v(b[2].clone()), v(item.id.clone()), v(at), v(crate::orders::monthly_renewal(at, now)), v(cancelled), v(at), v(at)]).await?;
                }
            }
            let refunded = if rng.random_bool(0.02) { total } else { 0 };
            let status = if refunded > 0 { "refunded" } else { "paid" };
            orders.push(db, vec![v(id), v(number as i32), v(b[0].clone()), v(b[2].clone()), v(at), v(status), v("EUR"), v(total), v(refunded), v(at), v(at)]).await?;
            day = (day + rng.random_range(20..200)) % span;
        }
    }
    orders.flush(db).await?;
    lines.flush(db).await?;
    subs.flush(db).await?;
    db.execute_unprepared(
        "INSERT INTO customer_stats (contact_id, orders, first_order_at, last_order_at) \
         SELECT contact_id, count(*), min(ordered_at), max(ordered_at) FROM orders WHERE contact_id IS NOT NULL AND status <> 'refunded' GROUP BY contact_id",
    )
    .await?;
    db.execute_unprepared(&crate::orders::stats::REVENUE.replace("{who}", "contact_id IS NOT NULL")).await?;
    db.execute_unprepared(&hearth_migrations::PAID_ORDERS_FILL.replace("{who}", "1 = 1")).await?;
    // The usual gap and when a purchase is overdue, as `orders::stats::overdue` works them out.
    let stats = crate::sqlite::packed_rows(db, "SELECT contact_id AS c0, orders AS c1, first_order_at AS c2, last_order_at AS c3 FROM customer_stats WHERE orders >= 2", 4).await?;
    for chunk in stats.chunks(2_000) {
        let updates: Vec<String> = chunk
            .iter()
            .filter_map(|r| {
                let n: i64 = r[1].as_deref()?.parse().ok()?;
                let (gap, due) = crate::orders::stats::overdue(n, crate::orders::time(r[2].clone())?, crate::orders::time(r[3].clone())?);
                let due = due.map(|d| crate::criteria::lit(&d.to_rfc3339())).unwrap_or_else(|| "NULL".into());
                Some(format!("UPDATE customer_stats SET usual_gap_days = {}, overdue_at = {due} WHERE contact_id = {};", gap.unwrap_or(0.0), crate::criteria::lit(r[0].as_deref()?)))
            })
            .collect();
        db.execute_unprepared(&updates.join("\n")).await?;
    }
    crate::orders::stats::mark_rules_stale(db).await?;
    service(db, rng, &buyers, now).await?;
    Ok(number)
}

/// Tickets (a twentieth of the buyers; the last month's still open, some past their targets)
/// and survey answers (a fifth of the buyers).
async fn service<C: ConnectionTrait>(db: &C, rng: &mut ChaCha8Rng, buyers: &[Vec<Option<String>>], now: DateTime<Utc>) -> CoreResult<()> {
    let mut tickets = Batch::new(
        "tickets",
        &["id", "number", "subject", "category", "priority", "status", "channel", "contact_id", "tier", "opened_at", "first_response_at", "solved_at", "first_response_due_at", "resolution_due_at", "created_at", "updated_at"],
    );
    let mut n = 0;
    for b in buyers.iter().step_by(4) {
        if !rng.random_bool(0.2) {
            continue;
        }
        n += 1;
        let opened = now - Duration::minutes(rng.random_range(10..(365 * 24 * 60)));
        let open = now - opened < Duration::days(30);
        let status = if open { ["new", "open", "waiting"][rng.random_range(0..3)] } else { "closed" };
        let first = (status != "new").then(|| opened + Duration::minutes(rng.random_range(5..3000)));
        let solved = (!open).then(|| opened + Duration::hours(rng.random_range(1..200)));
        let priority = ["low", "normal", "normal", "high", "urgent"][rng.random_range(0..5)];
        let category = ["question", "technical", "success"][rng.random_range(0..3)];
        tickets
            .push(db, vec![
                v(new_id()), v(n), v(format!("Generated ticket {n}")), v(category), v(priority), v(status), v("email"), v(b[0].clone()), v("c"), v(opened), v(first), v(solved),
                v(opened + Duration::days(3)), v(opened + Duration::days(7)), v(opened), v(opened),
            ])
            .await?;
    }
    tickets.flush(db).await?;
    let mut answers = Batch::new("survey_responses", &["id", "contact_id", "kind", "score", "source", "answered_at", "created_at"]);
    for b in buyers.iter().step_by(5) {
        let at = now - Duration::days(rng.random_range(0..365));
        let nps: i32 = [10, 10, 9, 9, 9, 8, 8, 7, 6, 4, 2][rng.random_range(0..11)];
        answers.push(db, vec![v(new_id()), v(b[0].clone()), v("nps"), v(nps), v("import"), v(at), v(at)]).await?;
        if rng.random_bool(0.5) {
            answers.push(db, vec![v(new_id()), v(b[0].clone()), v("csat"), v(rng.random_range(1..6)), v("import"), v(at), v(at)]).await?;
        }
    }
    answers.flush(db).await?;
    Ok(())
}
